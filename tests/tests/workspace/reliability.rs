//! Faults and how the client meets them, against the emulator, each checked
//! against its request journal: 5xx bursts, 429 with and without
//! `Retry-After`, slow answers, connections dropped before and after the
//! server acted, a dead primary host, all hosts dead, DNS failures,
//! cancellation mid-retry, and the rate limiter. A call that is not
//! idempotent is never received twice.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use agora_api::cloud_recording::{Acquire, AcquireClientRequest};
use agora_api::console::ListProjects;
use agora_api::reqwest::dns::{Addrs, Name, Resolve, Resolving};
use agora_api::{ChannelName, Client, ClientBuilder, Error, RetryPolicy, UidString};
use agora_mock::{Fault, FaultRule, MockServer};

/// Fast retries so the tests run quickly; the schedule itself is unit-tested.
fn quick(mock: &MockServer) -> ClientBuilder {
    mock.client_builder().retry(
        RetryPolicy::default()
            .backoff([Duration::from_millis(10)])
            .jitter(false),
    )
}

fn list() -> ListProjects {
    ListProjects::builder().build()
}

fn acquire(mock: &MockServer, uid: u32) -> Acquire {
    Acquire::builder()
        .appid(mock.app_id().clone())
        .cname(ChannelName::new("demo").expect("a valid channel name"))
        .uid(UidString::new(uid).expect("a valid uid"))
        .client_request(AcquireClientRequest::default())
        .build()
}

/// `times` faults on every request of endpoint `E`.
fn on<E: agora_api::Endpoint>(fault: Fault, times: u32) -> FaultRule {
    FaultRule::new(fault).on_endpoint::<E>().times(times)
}

#[tokio::test]
async fn an_idempotent_call_survives_a_5xx_burst() {
    let mock = MockServer::start().await;
    mock.inject(on::<ListProjects>(Fault::status(503), 2));
    mock.inject(on::<ListProjects>(Fault::status(500), 1));
    let client = quick(&mock).build().expect("a valid client");
    client
        .send(&list())
        .await
        .expect("succeeds once the burst is over");
    assert_eq!(mock.requests_to::<ListProjects>().len(), 4);
}

#[tokio::test]
async fn a_non_idempotent_call_is_never_resent_after_a_5xx() {
    let mock = MockServer::start().await;
    mock.inject(on::<Acquire>(Fault::status(503), 1));
    let client = quick(&mock).build().expect("a valid client");
    let error = client
        .send(&acquire(&mock, 1))
        .await
        .expect_err("the 503 is final");
    assert_eq!(error.api().map(|api| api.status), Some(503));
    assert_eq!(error.attempts(), 1);
    assert_eq!(
        mock.requests_to::<Acquire>().len(),
        1,
        "acquire reached the server once"
    );
}

#[tokio::test]
async fn retry_after_is_honoured_instead_of_the_backoff() {
    // The backoff (10 s) would overrun the deadline (2 s); Retry-After: 0
    // says to come back at once, so the call succeeds.
    let mock = MockServer::start().await;
    mock.inject(on::<ListProjects>(
        Fault::status(429).retry_after(Duration::ZERO),
        1,
    ));
    let client = mock
        .client_builder()
        .retry(RetryPolicy::default().backoff([Duration::from_secs(10)]))
        .timeout(Duration::from_secs(2))
        .build()
        .expect("a valid client");
    client.send(&list()).await.expect("retried at once");
    assert_eq!(mock.requests_to::<ListProjects>().len(), 2);

    // Without Retry-After the 10 s backoff does not fit: one attempt.
    let mock = MockServer::start().await;
    mock.inject(on::<ListProjects>(Fault::status(429), 1));
    let client = mock
        .client_builder()
        .retry(RetryPolicy::default().backoff([Duration::from_secs(10)]))
        .timeout(Duration::from_secs(2))
        .build()
        .expect("a valid client");
    let error = client
        .send(&list())
        .await
        .expect_err("no time for the backoff");
    assert_eq!(error.api().map(|api| api.status), Some(429));
    assert_eq!(mock.requests_to::<ListProjects>().len(), 1);
}

#[tokio::test]
async fn a_429_without_retry_after_backs_off_and_succeeds() {
    let mock = MockServer::start().await;
    mock.inject(on::<ListProjects>(Fault::status(429), 1));
    let client = quick(&mock).build().expect("a valid client");
    client
        .send(&list())
        .await
        .expect("succeeds after the backoff");
    assert_eq!(mock.requests_to::<ListProjects>().len(), 2);
}

#[tokio::test]
async fn a_slow_answer_is_retried_only_when_idempotent() {
    let mock = MockServer::start().await;
    mock.inject(on::<ListProjects>(Fault::delay(Duration::from_secs(3)), 1));
    mock.inject(on::<Acquire>(Fault::delay(Duration::from_secs(3)), 1));
    let client = quick(&mock)
        .attempt_timeout(Duration::from_millis(200))
        .build()
        .expect("a valid client");
    client
        .send(&list())
        .await
        .expect("the second attempt is fast");
    assert_eq!(mock.requests_to::<ListProjects>().len(), 2);

    let error = client
        .send(&acquire(&mock, 2))
        .await
        .expect_err("a timeout is final for acquire");
    assert!(matches!(error, Error::Timeout { .. }), "{error:?}");
    let received = mock.requests_to::<Acquire>();
    assert_eq!(
        received.len(),
        1,
        "acquire may have been acted on: not re-sent"
    );
    assert!(received[0].applied, "the server did act on it");
}

#[tokio::test]
async fn a_connection_dropped_after_the_server_acted_is_resent_only_when_idempotent() {
    let mock = MockServer::start().await;
    mock.inject(on::<ListProjects>(Fault::drop_after_apply(), 1));
    mock.inject(on::<Acquire>(Fault::drop_after_apply(), 1));
    let client = quick(&mock).build().expect("a valid client");
    client.send(&list()).await.expect("the GET is re-sent");
    assert_eq!(mock.requests_to::<ListProjects>().len(), 2);

    let error = client
        .send(&acquire(&mock, 3))
        .await
        .expect_err("the drop is final");
    assert!(matches!(error, Error::Transport { .. }), "{error:?}");
    let received = mock.requests_to::<Acquire>();
    assert_eq!(received.len(), 1, "acquire is not re-sent");
    assert!(
        received[0].applied,
        "the server acted before the connection dropped"
    );
}

#[tokio::test]
async fn a_connection_dropped_before_the_server_acted_is_still_not_resent() {
    // The client cannot tell "before" from "after": the request left, the
    // connection closed. So a non-idempotent call is not re-sent; an
    // idempotent one is.
    let mock = MockServer::start().await;
    mock.inject(on::<ListProjects>(Fault::drop_before_apply(), 1));
    mock.inject(on::<Acquire>(Fault::drop_before_apply(), 1));
    let client = quick(&mock).build().expect("a valid client");
    client.send(&list()).await.expect("the GET is re-sent");
    assert_eq!(mock.requests_to::<ListProjects>().len(), 2);

    client
        .send(&acquire(&mock, 4))
        .await
        .expect_err("the drop is final");
    let received = mock.requests_to::<Acquire>();
    assert_eq!(received.len(), 1);
    assert!(
        !received[0].applied,
        "nothing was acted on, and nothing is sent twice"
    );
}

#[tokio::test]
async fn a_dead_primary_fails_over_even_for_a_non_idempotent_call() {
    // A refused connection never reached anyone: safe to send elsewhere.
    let mock = MockServer::builder()
        .hosts(2)
        .start()
        .await
        .expect("the emulator starts");
    mock.set_host_unreachable(0, true)
        .await
        .expect("the primary goes down");
    let client = quick(&mock).build().expect("a valid client");
    let resource = client
        .send(&acquire(&mock, 5))
        .await
        .expect("the backup host answers");
    assert!(!resource.resource_id.as_str().is_empty());
    let received = mock.requests_to::<Acquire>();
    assert_eq!(received.len(), 1, "received exactly once");
    assert_eq!(received[0].host, 1, "by the second host");
}

#[tokio::test]
async fn all_hosts_dead_is_a_clean_error_naming_every_attempt() {
    let mock = MockServer::builder()
        .hosts(2)
        .start()
        .await
        .expect("the emulator starts");
    mock.set_unreachable(true)
        .await
        .expect("every host goes down");
    let urls = mock.urls();
    let client = quick(&mock)
        .timeout(Duration::from_secs(5))
        .build()
        .expect("a valid client");
    let error = client.send(&list()).await.expect_err("nobody listens");
    assert_eq!(error.attempts(), 4);
    let Error::GaveUp { attempts, .. } = &error else {
        panic!("expected GaveUp, got {error:?}");
    };
    let hosts: Vec<&str> = attempts
        .iter()
        .map(|attempt| attempt.host.as_str())
        .collect();
    assert_eq!(
        hosts,
        [&urls[0], &urls[0], &urls[1], &urls[1]].map(String::as_str)
    );
    assert!(
        error
            .to_string()
            .starts_with("ListProjects: gave up after 4 attempts: [1] http://127.0.0.1:"),
        "{error}"
    );
    assert!(error.is_retryable(), "the hosts may come back");
    assert!(mock.journal().is_empty(), "nothing arrived");
}

#[tokio::test]
async fn dropping_the_call_mid_retry_stops_it() {
    let mock = MockServer::start().await;
    mock.inject(
        FaultRule::new(Fault::status(503))
            .on_endpoint::<ListProjects>()
            .always(),
    );
    let client = mock
        .client_builder()
        .retry(
            RetryPolicy::default()
                .backoff([Duration::from_millis(300)])
                .jitter(false),
        )
        .build()
        .expect("a valid client");
    // Give up on the call while it waits to retry.
    let outcome = tokio::time::timeout(Duration::from_millis(100), client.send(&list())).await;
    assert!(outcome.is_err(), "the call was still waiting");
    tokio::time::sleep(Duration::from_millis(600)).await;
    assert_eq!(
        mock.requests_to::<ListProjects>().len(),
        1,
        "no attempt after the call was dropped"
    );
}

/// Resolves `backup.test` to loopback and fails every other name.
#[derive(Debug)]
struct OnlyBackup(SocketAddr);

impl Resolve for OnlyBackup {
    fn resolve(&self, name: Name) -> Resolving {
        let addr = self.0;
        let known = name.as_str() == "backup.test";
        Box::pin(async move {
            if known {
                Ok(Box::new(std::iter::once(addr)) as Addrs)
            } else {
                Err("no such host".into())
            }
        })
    }
}

#[tokio::test]
async fn a_host_that_does_not_resolve_is_skipped_for_the_next() {
    let mock = MockServer::start().await;
    let port = mock.addr().port();
    let client = quick(&mock)
        .base_urls([
            format!("http://primary.test:{port}"),
            format!("http://backup.test:{port}"),
        ])
        .allow_insecure_http()
        .dns_resolver(Arc::new(OnlyBackup(mock.addr())))
        .build()
        .expect("a valid client");
    client
        .send(&acquire(&mock, 6))
        .await
        .expect("resolved on the backup host");
    let received = mock.requests_to::<Acquire>();
    assert_eq!(received.len(), 1);
    assert_eq!(
        received[0].header("host"),
        Some(format!("backup.test:{port}").as_str())
    );
}

#[tokio::test]
async fn the_rate_limiter_spaces_calls_instead_of_collecting_429s() {
    // The emulator enforces Agora's documented limits when asked; the
    // client stays under them by waiting.
    let mock = MockServer::builder()
        .rate_limits(true)
        .start()
        .await
        .expect("the emulator starts");
    let client = quick(&mock)
        .rate_limit("/v1/apps/", 10)
        .build()
        .expect("a valid client");
    for uid in 10..16 {
        client
            .send(&acquire(&mock, uid))
            .await
            .expect("acquired without a 429");
    }
    let received = mock.requests_to::<Acquire>();
    assert_eq!(received.len(), 6, "no call was refused and retried");
    // 10 per second is one every 100 ms, so six calls span at least 500 ms
    // at the client. Measured where the emulator receives them, one call
    // can arrive late on a loaded machine and shorten the gap after it, so
    // the bound is on the whole span, less one 100 ms slot of slack: a lower
    // bound, never a speed claim.
    let span = received[5]
        .received_at
        .duration_since(received[0].received_at)
        .unwrap_or_default();
    assert!(
        span >= Duration::from_millis(400),
        "six calls within {span:?}"
    );
}

#[test]
fn plain_http_is_refused_except_for_loopback_or_an_explicit_opt_in() {
    let refused = Client::builder()
        .base_url("http://api.example.com")
        .build()
        .expect_err("not loopback");
    assert!(
        refused.to_string().contains("allow_insecure_http"),
        "{refused}"
    );
    for ok in [
        "http://127.0.0.1:9",
        "http://localhost:9",
        "http://[::1]:9",
        "https://api.example.com",
    ] {
        Client::builder()
            .base_url(ok)
            .build()
            .unwrap_or_else(|e| panic!("{ok}: {e}"));
    }
    Client::builder()
        .base_url("http://api.example.com")
        .allow_insecure_http()
        .build()
        .expect("opted in");
}
