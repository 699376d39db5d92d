//! Faults and how the client meets them, each checked against what the
//! server actually received: 5xx bursts, 429 with and without
//! `Retry-After`, slow answers, connections dropped before and after the
//! server acted, dead hosts, DNS failures, cancellation mid-retry, and the
//! rate limiter. A call that is not idempotent is never received twice.

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use agora_api::cloud_recording::{Acquire, AcquireClientRequest};
use agora_api::console::ListProjects;
use agora_api::reqwest::dns::{Addrs, Name, Resolve, Resolving};
use agora_api::{AppId, ChannelName, Client, ClientBuilder, Error, RetryPolicy, UidString};
use agora_tests::{CUSTOMER_ID, CUSTOMER_SECRET, LocalServer, Reply};

const PROJECTS: &str = r#"{"projects":[]}"#;
const ACQUIRED: &str = r#"{"cname":"demo","uid":"527841","resourceId":"r1"}"#;

/// Fast retries so the tests run quickly; the schedule itself is unit-tested.
fn quick() -> ClientBuilder {
    Client::builder()
        .basic_auth(CUSTOMER_ID, CUSTOMER_SECRET)
        .retry(
            RetryPolicy::default()
                .backoff([Duration::from_millis(10)])
                .jitter(false),
        )
}

fn list() -> ListProjects {
    ListProjects::builder().build()
}

fn acquire() -> Acquire {
    Acquire::builder()
        .appid(AppId::new("0123456789abcdef0123456789abcdef").expect("a valid App ID"))
        .cname(ChannelName::new("demo").expect("a valid channel name"))
        .uid(UidString::new(527841).expect("a valid uid"))
        .client_request(AcquireClientRequest::default())
        .build()
}

/// A server answering the replies in turn, then the last one forever.
async fn scripted(replies: Vec<Reply>) -> LocalServer {
    let next = AtomicUsize::new(0);
    LocalServer::start(move |_| {
        let index = next.fetch_add(1, Ordering::SeqCst).min(replies.len() - 1);
        replies[index].clone()
    })
    .await
}

/// A loopback address nothing listens on.
fn dead_url() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("an address").port();
    drop(listener);
    format!("http://127.0.0.1:{port}")
}

#[tokio::test]
async fn an_idempotent_call_survives_a_5xx_burst() {
    let server = scripted(vec![
        Reply::json(503, "{}"),
        Reply::json(502, "{}"),
        Reply::json(500, "{}"),
        Reply::json(200, PROJECTS),
    ])
    .await;
    let client = quick()
        .base_url(server.url())
        .build()
        .expect("a valid client");
    client
        .send(&list())
        .await
        .expect("succeeds once the burst is over");
    assert_eq!(server.requests().len(), 4);
}

#[tokio::test]
async fn a_non_idempotent_call_is_never_resent_after_a_5xx() {
    let server = scripted(vec![Reply::json(503, "{}"), Reply::json(200, ACQUIRED)]).await;
    let client = quick()
        .base_url(server.url())
        .build()
        .expect("a valid client");
    let error = client.send(&acquire()).await.expect_err("the 503 is final");
    assert_eq!(error.api().map(|api| api.status), Some(503));
    assert_eq!(error.attempts(), 1);
    assert_eq!(
        server.requests().len(),
        1,
        "acquire reached the server once"
    );
}

#[tokio::test]
async fn retry_after_is_honoured_instead_of_the_backoff() {
    // The backoff (10 s) would overrun the deadline (2 s); Retry-After: 0
    // says to come back at once, so the call succeeds.
    let server = scripted(vec![
        Reply::json(429, r#"{"message":"API rate limit exceeded"}"#).header("retry-after", "0"),
        Reply::json(200, PROJECTS),
    ])
    .await;
    let client = Client::builder()
        .basic_auth(CUSTOMER_ID, CUSTOMER_SECRET)
        .base_url(server.url())
        .retry(RetryPolicy::default().backoff([Duration::from_secs(10)]))
        .timeout(Duration::from_secs(2))
        .build()
        .expect("a valid client");
    client.send(&list()).await.expect("retried at once");
    assert_eq!(server.requests().len(), 2);

    // Without Retry-After the 10 s backoff does not fit: one attempt.
    let server = scripted(vec![Reply::json(429, "{}"), Reply::json(200, PROJECTS)]).await;
    let client = Client::builder()
        .basic_auth(CUSTOMER_ID, CUSTOMER_SECRET)
        .base_url(server.url())
        .retry(RetryPolicy::default().backoff([Duration::from_secs(10)]))
        .timeout(Duration::from_secs(2))
        .build()
        .expect("a valid client");
    let error = client
        .send(&list())
        .await
        .expect_err("no time for the backoff");
    assert_eq!(error.api().map(|api| api.status), Some(429));
    assert_eq!(server.requests().len(), 1);
}

#[tokio::test]
async fn a_429_without_retry_after_backs_off_and_succeeds() {
    let server = scripted(vec![Reply::json(429, "{}"), Reply::json(200, PROJECTS)]).await;
    let client = quick()
        .base_url(server.url())
        .build()
        .expect("a valid client");
    client
        .send(&list())
        .await
        .expect("succeeds after the backoff");
    assert_eq!(server.requests().len(), 2);
}

#[tokio::test]
async fn a_slow_answer_is_retried_only_when_idempotent() {
    let slow = Reply::json(200, PROJECTS).delayed(Duration::from_secs(3));
    let server = scripted(vec![slow, Reply::json(200, PROJECTS)]).await;
    let client = quick()
        .base_url(server.url())
        .attempt_timeout(Duration::from_millis(200))
        .build()
        .expect("a valid client");
    client
        .send(&list())
        .await
        .expect("the second attempt is fast");
    assert_eq!(server.requests().len(), 2);

    let slow = Reply::json(200, ACQUIRED).delayed(Duration::from_secs(3));
    let server = scripted(vec![slow, Reply::json(200, ACQUIRED)]).await;
    let client = quick()
        .base_url(server.url())
        .attempt_timeout(Duration::from_millis(200))
        .build()
        .expect("a valid client");
    let error = client
        .send(&acquire())
        .await
        .expect_err("a timeout is final for acquire");
    assert!(matches!(error, Error::Timeout { .. }), "{error:?}");
    assert_eq!(
        server.requests().len(),
        1,
        "acquire may have been acted on: not re-sent"
    );
}

#[tokio::test]
async fn a_connection_dropped_after_the_server_acted_is_resent_only_when_idempotent() {
    let server = scripted(vec![Reply::dropped(), Reply::json(200, PROJECTS)]).await;
    let client = quick()
        .base_url(server.url())
        .build()
        .expect("a valid client");
    client.send(&list()).await.expect("the GET is re-sent");
    assert_eq!(server.requests().len(), 2);

    let server = scripted(vec![Reply::dropped(), Reply::json(200, ACQUIRED)]).await;
    let client = quick()
        .base_url(server.url())
        .build()
        .expect("a valid client");
    let error = client
        .send(&acquire())
        .await
        .expect_err("the drop is final");
    assert!(matches!(error, Error::Transport { .. }), "{error:?}");
    assert_eq!(server.requests().len(), 1, "acquire is not re-sent");
}

#[tokio::test]
async fn a_dead_primary_fails_over_even_for_a_non_idempotent_call() {
    // A refused connection never reached anyone: safe to send elsewhere.
    let live = LocalServer::replying(Reply::json(200, ACQUIRED)).await;
    let client = quick()
        .base_urls([dead_url(), live.url()])
        .build()
        .expect("a valid client");
    let resource = client
        .send(&acquire())
        .await
        .expect("the backup host answers");
    assert_eq!(resource.resource_id, "r1");
    assert_eq!(live.requests().len(), 1, "received exactly once");
}

#[tokio::test]
async fn all_hosts_dead_is_a_clean_error_naming_every_attempt() {
    let (a, b) = (dead_url(), dead_url());
    let client = quick()
        .base_urls([a.clone(), b.clone()])
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
    assert_eq!(hosts, [a.as_str(), a.as_str(), b.as_str(), b.as_str()]);
    let text = error.to_string();
    assert!(
        text.starts_with("ListProjects: gave up after 4 attempts: [1] http://127.0.0.1:"),
        "{text}"
    );
    assert!(error.is_retryable(), "the hosts may come back");
}

#[tokio::test]
async fn dropping_the_call_mid_retry_stops_it() {
    let server = LocalServer::replying(Reply::json(503, "{}")).await;
    let client = Client::builder()
        .basic_auth(CUSTOMER_ID, CUSTOMER_SECRET)
        .base_url(server.url())
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
        server.requests().len(),
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
    let live = LocalServer::replying(Reply::json(200, ACQUIRED)).await;
    let port = live
        .url()
        .rsplit(':')
        .next()
        .and_then(|p| p.parse::<u16>().ok())
        .expect("a port");
    let client = quick()
        .base_urls([
            format!("http://primary.test:{port}"),
            format!("http://backup.test:{port}"),
        ])
        .allow_insecure_http()
        .dns_resolver(Arc::new(OnlyBackup(SocketAddr::from((
            [127, 0, 0, 1],
            port,
        )))))
        .build()
        .expect("a valid client");
    client
        .send(&acquire())
        .await
        .expect("resolved on the backup host");
    assert_eq!(live.requests().len(), 1);
    assert_eq!(
        live.single_request().header("host"),
        Some(format!("backup.test:{port}").as_str())
    );
}

#[tokio::test]
async fn the_rate_limiter_spaces_calls_instead_of_collecting_429s() {
    let server = LocalServer::replying(Reply::json(200, ACQUIRED)).await;
    let client = quick()
        .base_url(server.url())
        .rate_limit("/v1/apps/", 20)
        .build()
        .expect("a valid client");
    for _ in 0..4 {
        client.send(&acquire()).await.expect("acquired");
    }
    let seen = server.requests();
    for pair in seen.windows(2) {
        let gap = pair[1].at.duration_since(pair[0].at);
        // 20 per second is one every 50 ms; a lower bound, never a speed claim.
        assert!(gap >= Duration::from_millis(45), "calls {gap:?} apart");
    }
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
