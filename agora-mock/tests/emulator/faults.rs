//! Fault injection and the request journal: statuses with Retry-After,
//! delays, connections dropped before or after the server acted, hosts
//! that refuse connections; and the journal that lets a test assert a
//! request was sent exactly once, and whether it was applied.

use std::time::{Duration, Instant};

use crate::support::{Raw, api_error, code};
use agora_api::channel::{BanMinutes, CreateBanRule, ListBanRules, Privilege};
use agora_api::cloud_recording::{
    Acquire, AcquireClientRequest, AmazonS3Region, ChannelType, GetNcsIps, Query, RecordingConfig,
    RecordingMode, ResourceId, Start, StartClientRequest, StorageConfig,
};
use agora_api::console::ListProjects;
use agora_api::{AppId, ChannelName, Client, Error, RetryPolicy, Uid, UidString};
use agora_mock::{Clock, Fault, FaultRule, ManualClock, MockServer};
use serde_json::json;

fn rule(app_id: &AppId) -> CreateBanRule {
    CreateBanRule::builder()
        .appid(app_id.clone())
        .uid(Uid::new(7).expect("a uid"))
        .time(BanMinutes::new(5).expect("minutes"))
        .privileges(vec![Privilege::PublishVideo])
        .build()
}

async fn rule_count(server: &MockServer) -> usize {
    // Retrying: when the first host is down, the next one answers.
    retrying(server)
        .send(
            &ListBanRules::builder()
                .appid(server.app_id().clone())
                .build(),
        )
        .await
        .expect("listed")
        .rules
        .len()
}

/// A client that retries quickly.
fn retrying(server: &MockServer) -> Client {
    server
        .client_builder()
        .retry(
            RetryPolicy::default()
                .backoff([Duration::from_millis(10)])
                .jitter(false),
        )
        .build()
        .expect("a client")
}

#[tokio::test]
async fn a_status_fault_answers_without_acting_and_its_retry_after_is_honoured() {
    let server = MockServer::start().await;
    server.inject(
        FaultRule::new(Fault::status(503).retry_after(Duration::from_secs(1)))
            .on_endpoint::<ListBanRules>(),
    );
    let started = Instant::now();
    retrying(&server)
        .send(
            &ListBanRules::builder()
                .appid(server.app_id().clone())
                .build(),
        )
        .await
        .expect("the retry succeeds");
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "the client waited for Retry-After"
    );
    let journal = server.journal();
    assert_eq!(journal.len(), 2);
    assert_eq!(journal[0].status, Some(503));
    assert!(!journal[0].applied);
    assert_eq!(
        journal[0].fault.as_deref(),
        Some("status 503 (Retry-After: 1)")
    );
    assert_eq!(journal[1].status, Some(200));
    assert!(journal[1].applied && journal[1].fault.is_none());
}

#[tokio::test]
async fn a_call_that_is_not_idempotent_is_sent_exactly_once() {
    let server = MockServer::start().await;
    server.inject(FaultRule::new(Fault::status(503)).on_endpoint::<CreateBanRule>());
    let error = retrying(&server)
        .send(&rule(server.app_id()))
        .await
        .expect_err("a 503 on a create is not retried");
    assert_eq!(api_error(&error).status, 503);
    assert_eq!(
        api_error(&error).message.as_deref(),
        Some("The upstream server is currently unavailable")
    );
    assert_eq!(
        server.requests_to::<CreateBanRule>().len(),
        1,
        "sent exactly once"
    );
    assert_eq!(rule_count(&server).await, 0, "and not applied");
}

#[tokio::test]
async fn rules_fire_as_many_times_as_asked_on_matching_requests_only() {
    let server = MockServer::start().await;
    let client = server.client();
    server.inject(
        FaultRule::new(Fault::status(500))
            .on("GET", "/dev/v1/projects")
            .times(2),
    );
    server.inject(
        FaultRule::new(Fault::status(429))
            .on("POST", "/dev/v1/**")
            .always(),
    );
    assert_eq!(server.faults().len(), 2);
    for _ in 0..2 {
        let error = client
            .send(&ListProjects::builder().build())
            .await
            .expect_err("faulted");
        assert_eq!(api_error(&error).status, 500);
    }
    client
        .send(&ListProjects::builder().build())
        .await
        .expect("the rule is used up");
    assert_eq!(server.faults().len(), 1);

    // GET /dev/v1/kicking-rule does not match POST /dev/v1/**.
    assert_eq!(rule_count(&server).await, 0);
    for _ in 0..3 {
        let error = client.send(&rule(server.app_id())).await.expect_err("429");
        assert_eq!(api_error(&error).status, 429);
    }
    server.clear_faults();
    client
        .send(&rule(server.app_id()))
        .await
        .expect("no faults left");

    // A fault can answer any body: here the 404 of Agora's failover window.
    let failover = Fault::status(404).body(r#"{"code":404,"reason":"failed to find worker"}"#);
    server.inject(FaultRule::new(failover).on_endpoint::<GetNcsIps>());
    let error = client
        .send(&GetNcsIps::builder().build())
        .await
        .expect_err("the failover window");
    assert_eq!(code(&error), Some(404));
    client
        .send(&GetNcsIps::builder().build())
        .await
        .expect("back");
}

#[tokio::test]
async fn a_connection_dropped_before_acting_leaves_nothing_behind() {
    let server = MockServer::start().await;
    server.inject(FaultRule::new(Fault::drop_before_apply()).on_endpoint::<CreateBanRule>());
    let error = server
        .client()
        .send(&rule(server.app_id()))
        .await
        .expect_err("no answer");
    assert!(matches!(error, Error::Transport { .. }), "{error}");
    let entry = &server.requests_to::<CreateBanRule>()[0];
    assert!(!entry.applied);
    assert_eq!(entry.status, None);
    assert_eq!(rule_count(&server).await, 0);
}

#[tokio::test]
async fn a_connection_dropped_after_acting_hides_a_change_that_happened() {
    let server = MockServer::start().await;
    server.inject(FaultRule::new(Fault::drop_after_apply()).on_endpoint::<CreateBanRule>());
    let error = retrying(&server)
        .send(&rule(server.app_id()))
        .await
        .expect_err("no answer");
    assert!(matches!(error, Error::Transport { .. }), "{error}");
    let sent = server.requests_to::<CreateBanRule>();
    assert_eq!(
        sent.len(),
        1,
        "a create that may have landed is not re-sent"
    );
    assert!(sent[0].applied);
    assert_eq!(sent[0].status, None);
    assert_eq!(rule_count(&server).await, 1, "the rule exists all the same");
}

#[tokio::test]
async fn a_slow_answer_times_the_client_out_after_the_server_acted() {
    let server = MockServer::start().await;
    server.inject(
        FaultRule::new(Fault::delay(Duration::from_millis(600)))
            .on_endpoint::<ListProjects>()
            .times(1),
    );
    server.inject(
        FaultRule::new(Fault::delay(Duration::from_millis(600))).on_endpoint::<CreateBanRule>(),
    );
    let impatient = server
        .client_builder()
        .attempt_timeout(Duration::from_millis(150))
        .retry(
            RetryPolicy::default()
                .backoff([Duration::from_millis(10)])
                .jitter(false),
        )
        .build()
        .expect("a client");

    impatient
        .send(&ListProjects::builder().build())
        .await
        .expect("the read is retried after the timeout");
    let reads = server.requests_to::<ListProjects>();
    assert_eq!(reads.len(), 2);
    assert!(reads.iter().all(|entry| entry.applied));

    let error = impatient
        .send(&rule(server.app_id()))
        .await
        .expect_err("timed out");
    assert!(matches!(error, Error::Timeout { .. }), "{error}");
    assert_eq!(server.requests_to::<CreateBanRule>().len(), 1);
    assert_eq!(
        rule_count(&server).await,
        1,
        "applied although the client gave up"
    );
}

#[tokio::test]
async fn an_unreachable_host_refuses_connections_and_failover_sends_once() {
    let server = MockServer::builder()
        .hosts(2)
        .start()
        .await
        .expect("a server");
    server
        .set_host_unreachable(0, true)
        .await
        .expect("host 0 closed");
    retrying(&server)
        .send(&rule(server.app_id()))
        .await
        .expect("the refused host is skipped");
    let sent = server.requests_to::<CreateBanRule>();
    assert_eq!(
        sent.len(),
        1,
        "refused connections never reached the server"
    );
    assert_eq!(sent[0].host, 1);
    assert_eq!(rule_count(&server).await, 1);

    let first_only = Client::builder()
        .base_url(server.url())
        .basic_auth(
            server.credentials().customer_id.clone(),
            server.credentials().customer_secret.clone(),
        )
        .retry(RetryPolicy::never())
        .build()
        .expect("a client");
    let error = first_only
        .send(&ListProjects::builder().build())
        .await
        .expect_err("refused");
    let Error::Transport { source, .. } = &error else {
        panic!("expected a transport error, got {error}");
    };
    assert!(source.is_connect(), "the connection is refused: {source}");

    server
        .set_unreachable(false)
        .await
        .expect("listening again");
    first_only
        .send(&ListProjects::builder().build())
        .await
        .expect("the host listens again on the same port");
    server.set_unreachable(true).await.expect("closed");
    assert!(
        first_only
            .send(&ListProjects::builder().build())
            .await
            .is_err()
    );
}

#[tokio::test]
async fn the_journal_records_each_request_with_its_secrets_redacted() {
    let clock = ManualClock::at_unix(1_700_000_000);
    let server = MockServer::builder()
        .clock(clock.clone())
        .start()
        .await
        .expect("a server");
    server
        .client()
        .send(&rule(server.app_id()))
        .await
        .expect("created");
    let raw = Raw::new(&server);
    raw.basic("GET", "/nowhere?x=1", None).await;

    let journal = server.journal();
    assert_eq!(journal.len(), 2);
    let created = &journal[0];
    assert_eq!(created.seq, 0);
    assert_eq!(created.method, "POST");
    assert_eq!(created.target, "/dev/v1/kicking-rule");
    assert_eq!(created.endpoint_name(), Some("CreateBanRule"));
    assert!(created.is::<CreateBanRule>());
    assert_eq!(created.header("authorization"), Some("Basic <redacted>"));
    assert_eq!(created.header("content-type"), Some("application/json"));
    assert_eq!(
        created.json(),
        Some(json!({
            "appid": server.app_id().as_str(),
            "uid": 7,
            "time": 5,
            "privileges": ["publish_video"]
        }))
    );
    assert_eq!(created.received_at, clock.now());
    assert!(created.applied);
    assert_eq!(created.status, Some(200));
    assert!(created.fault.is_none());

    let unknown = &journal[1];
    assert_eq!(unknown.target, "/nowhere?x=1");
    assert_eq!(unknown.endpoint, None);
    assert!(!unknown.applied);
    assert_eq!(unknown.status, Some(404));

    server.clear_journal();
    assert!(server.journal().is_empty());
}

#[tokio::test]
async fn faults_given_at_start_use_the_command_lines_syntax() {
    let server = MockServer::builder()
        .fault(
            "POST /v1/apps/*/cloud_recording/acquire 503 times=1"
                .parse()
                .expect("a rule"),
        )
        .start()
        .await
        .expect("a server");
    let acquire = Acquire::builder()
        .appid(server.app_id().clone())
        .cname(ChannelName::new("room").expect("a name"))
        .uid(UidString::new(1).expect("a uid"))
        .client_request(AcquireClientRequest::default())
        .build();
    let client = server.client();
    let error = client
        .send(&acquire)
        .await
        .expect_err("the first acquire fails");
    assert_eq!(api_error(&error).status, 503);
    let resource = client
        .send(&acquire)
        .await
        .expect("the second goes through");

    // A transient 404 while a session runs, as in Agora's failover window.
    server.channel("room").host(9).expect("joined");
    let session = client
        .send(
            &Start::builder()
                .appid(server.app_id().clone())
                .resource_id(ResourceId::new(resource.resource_id).expect("an ID"))
                .mode(RecordingMode::Mix)
                .cname(ChannelName::new("room").expect("a name"))
                .uid(UidString::new(1).expect("a uid"))
                .client_request(StartClientRequest {
                    recording_config: Some(RecordingConfig::new(ChannelType::LiveBroadcasting)),
                    ..StartClientRequest::new(StorageConfig::amazon_s3(
                        AmazonS3Region::UsEast1,
                        "bucket",
                        "ak",
                        "sk",
                    ))
                })
                .build(),
        )
        .await
        .expect("started");
    server.inject(
        FaultRule::new(Fault::status(404).body(r#"{"code":404,"reason":"failed to find worker"}"#))
            .on_endpoint::<Query>(),
    );
    let query = Query::builder()
        .appid(server.app_id().clone())
        .resource_id(session.resource_id.expect("an ID"))
        .sid(session.sid.expect("a sid"))
        .mode(RecordingMode::Mix)
        .build();
    assert!(client.send(&query).await.is_err());
    client
        .send(&query)
        .await
        .expect("the session was running all along");
}

#[tokio::test]
async fn agoras_rate_limits_are_enforced_only_when_asked() {
    let acquire = |app_id: &AppId| {
        Acquire::builder()
            .appid(app_id.clone())
            .cname(ChannelName::new("room").expect("a name"))
            .uid(UidString::new(1).expect("a uid"))
            .client_request(AcquireClientRequest::default())
            .build()
    };
    let relaxed = MockServer::start().await;
    for _ in 0..30 {
        relaxed
            .client()
            .send(&acquire(relaxed.app_id()))
            .await
            .expect("no limits by default");
    }

    let strict = MockServer::builder()
        .rate_limits(true)
        .start()
        .await
        .expect("a server");
    let client = strict.client();
    for _ in 0..10 {
        client
            .send(&acquire(strict.app_id()))
            .await
            .expect("within 10 a second");
    }
    let error = client
        .send(&acquire(strict.app_id()))
        .await
        .expect_err("the 11th in a second");
    assert_eq!(api_error(&error).status, 429);
    assert_eq!(
        api_error(&error).message.as_deref(),
        Some("API rate limit exceeded")
    );
    let refused = strict.journal().pop().expect("journaled");
    assert_eq!((refused.status, refused.applied), (Some(429), false));

    // Signaling events have their own budget, answered in Signaling's body.
    let raw = Raw::new(&strict);
    let events = format!("/dev/v2/project/{}/rtm/vendor/user_events", strict.app_id());
    for _ in 0..10 {
        assert_eq!(raw.basic("GET", &events, None).await.status, 200);
    }
    let over = raw.basic("GET", &events, None).await;
    assert_eq!(over.status, 429);
    assert_eq!(over.body["errorCode"], 429);
}
