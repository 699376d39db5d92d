//! A broken gateway, a proxy, a misconfigured load balancer: what a user's
//! production network can present, tried on loopback servers. The client
//! never panics, never grows without bound, never sends a credential
//! anywhere but the hosts it was given, and gives a typed error for each.

use std::io::{Read as _, Write as _};
use std::net::TcpListener;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use agora_api::channel::ListChannelUsers;
use agora_api::console::ListProjects;
use agora_api::rtm::{ChannelType, GetMessageHistory, RtmChannelName};
use agora_api::{AppId, ChannelName, Client, Error, RetryPolicy, UserId};
use agora_tests::{CUSTOMER_ID, CUSTOMER_SECRET, LocalServer, Reply, basic_client};

const SIGN_KEY: &str = "5CFd2fd1755d40ecb72977518be15d3b";
const TOKEN: &str =
    "007eJxTYBBbsMMnKq7xt4PUd9mnSdtjG6yjZx1mNGlOYlBkYGI0yMjIS0pJKEmpTMwQ6tJbBgYAsLEGqQ==";

fn list() -> ListProjects {
    ListProjects::builder().build()
}

fn app_id() -> AppId {
    AppId::new("876922cbca0098dff4323566daa89675").expect("a valid App ID")
}

fn retrying(url: &str) -> agora_api::ClientBuilder {
    Client::builder()
        .basic_auth(CUSTOMER_ID, CUSTOMER_SECRET)
        .base_url(url)
        .retry(
            RetryPolicy::default()
                .max_attempts(2)
                .backoff([Duration::from_millis(10)])
                .jitter(false),
        )
}

// ---- 1. Retry-After and every time computation ----------------------------

#[tokio::test]
async fn a_retry_after_of_u64_max_seconds_is_an_error_not_a_panic() {
    let server = LocalServer::replying(
        Reply::json(429, r#"{"message":"slow down"}"#)
            .header("retry-after", "18446744073709551615"),
    )
    .await;
    let client = retrying(&server.url()).build().expect("a valid client");
    let error = client.send(&list()).await.expect_err("429 is final here");
    let api = error.api().expect("Agora's answer");
    assert_eq!(api.status, 429);
    assert_eq!(api.retry_after, Some(Duration::from_secs(u64::MAX)));
    assert_eq!(
        server.requests().len(),
        1,
        "no second attempt after an endless wait"
    );
}

#[tokio::test]
async fn far_past_and_garbage_retry_after_dates_fall_back_to_the_backoff() {
    for value in [
        "Sun, 06 Nov 999999999999 08:49:37 GMT",
        "Sun, 06 Nov 1994 08:49:37 GMT",
        "-1",
        "soon",
        "99999999999999999999999",
    ] {
        let server =
            LocalServer::replying(Reply::json(503, "{}").header("retry-after", value)).await;
        let client = retrying(&server.url())
            .retry(
                RetryPolicy::default()
                    .max_attempts(2)
                    .backoff([Duration::from_millis(10)])
                    .max_wait(Duration::from_secs(1)),
            )
            .build()
            .expect("a valid client");
        let error = client.send(&list()).await.expect_err("every answer is 503");
        assert_eq!(error.api().map(|api| api.status), Some(503), "{value}");
        let expected = if value.starts_with('9') { 1 } else { 2 };
        assert_eq!(
            server.requests().len(),
            expected,
            "Retry-After {value:?}: a huge wait gives up, the others retry"
        );
    }
}

#[tokio::test]
async fn a_retry_after_beyond_the_deadline_gives_up_at_once() {
    let server = LocalServer::replying(Reply::json(429, "{}").header("retry-after", "30")).await;
    let client = retrying(&server.url())
        .timeout(Duration::from_secs(5))
        .build()
        .expect("a valid client");
    let started = Instant::now();
    let error = client.send(&list()).await.expect_err("429");
    assert_eq!(
        error.api().and_then(|api| api.retry_after),
        Some(Duration::from_secs(30))
    );
    assert_eq!(server.requests().len(), 1);
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "returned without sleeping towards a 30 s wait"
    );
}

#[tokio::test]
async fn extreme_settings_never_panic() {
    let server = LocalServer::replying(Reply::json(503, "{}")).await;
    // No deadline at all, and an endless backoff: the wait is over the
    // policy's longest wait. A deadline, and a longest wait of its own: the
    // wait does not fit in the deadline. Either way the 503 comes back at
    // once instead of a sleep (or an overflow).
    let settings = [
        (Duration::MAX, RetryPolicy::default()),
        (
            Duration::from_secs(5),
            RetryPolicy::default().max_wait(Duration::MAX),
        ),
    ];
    for (timeout, policy) in settings {
        let client = Client::builder()
            .basic_auth(CUSTOMER_ID, CUSTOMER_SECRET)
            .base_url(server.url())
            .timeout(timeout)
            .attempt_timeout(Duration::MAX)
            .connect_timeout(Duration::MAX)
            .retry(policy.max_attempts(u32::MAX).backoff([Duration::MAX]))
            .build()
            .expect("a valid client");
        let error = client.send(&list()).await.expect_err("503");
        assert_eq!(error.api().map(|api| api.status), Some(503));
    }
    assert_eq!(server.requests().len(), 2, "one attempt per client");
}

// ---- 2. Response size ------------------------------------------------------

/// A raw HTTP/1.1 server on a thread, for answers hyper would not send:
/// endless bodies, lying lengths. `serve` writes the answer to one
/// connection; the count it returns (bytes written) is kept.
struct RawServer {
    url: String,
    written: Arc<AtomicUsize>,
}

impl RawServer {
    fn start(serve: fn(&mut std::net::TcpStream) -> usize) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind a loopback port");
        let url = format!("http://{}", listener.local_addr().expect("an address"));
        let written = Arc::new(AtomicUsize::new(0));
        let counter = Arc::clone(&written);
        std::thread::spawn(move || {
            // One connection is all these tests make.
            if let Ok((mut stream, _)) = listener.accept() {
                let mut head = [0u8; 4096];
                let _ = stream.read(&mut head);
                counter.store(serve(&mut stream), Ordering::SeqCst);
            }
        });
        RawServer { url, written }
    }
}

/// Writes `chunk` as HTTP chunks until `most` bytes are written or the
/// client hangs up; returns the bytes written.
fn write_chunks(stream: &mut std::net::TcpStream, chunk: &[u8], most: usize) -> usize {
    let mut written = 0;
    while written < most {
        let head = format!("{:x}\r\n", chunk.len());
        if stream.write_all(head.as_bytes()).is_err()
            || stream.write_all(chunk).is_err()
            || stream.write_all(b"\r\n").is_err()
        {
            break;
        }
        written += chunk.len();
    }
    written
}

/// A chunked 200 body of up to 256 MiB, stopping when the client hangs up.
fn endless_chunks(stream: &mut std::net::TcpStream) -> usize {
    let _ = stream.write_all(
        b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n",
    );
    write_chunks(stream, &[b'['; 64 * 1024], 256 * 1024 * 1024)
}

#[tokio::test]
async fn an_endless_body_stops_at_the_limit_and_the_connection_is_dropped() {
    let server = RawServer::start(endless_chunks);
    let client = Client::builder()
        .basic_auth(CUSTOMER_ID, CUSTOMER_SECRET)
        .base_url(&server.url)
        .max_response_bytes(1024 * 1024)
        .retry(RetryPolicy::never())
        .build()
        .expect("a valid client");
    let error = client.send(&list()).await.expect_err("over the limit");
    assert!(
        matches!(
            error,
            Error::BodyTooLarge {
                limit: 1_048_576,
                status: 200,
                ..
            }
        ),
        "{error:?}"
    );
    // The server stops when the client hangs up: far short of its 256 MiB.
    for _ in 0..100 {
        if server.written.load(Ordering::SeqCst) > 0 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let written = server.written.load(Ordering::SeqCst);
    assert!(
        written > 0 && written < 64 * 1024 * 1024,
        "the server wrote {written} bytes before the client hung up"
    );
}

fn lying_length(stream: &mut std::net::TcpStream) -> usize {
    let _ =
        stream.write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 10000000000\r\n\r\n{\"projects\":[");
    // Hold the connection a moment: the client must not wait for the body.
    std::thread::sleep(Duration::from_millis(200));
    1
}

#[tokio::test]
async fn a_declared_length_over_the_limit_is_refused_before_reading() {
    let server = RawServer::start(lying_length);
    let client = basic_client(&server.url);
    let error = client.send(&list()).await.expect_err("10 GB declared");
    assert!(matches!(error, Error::BodyTooLarge { .. }), "{error:?}");
    assert!(error.to_string().contains("16777216-byte limit"), "{error}");
}

fn huge_error_body(stream: &mut std::net::TcpStream) -> usize {
    let _ = stream
        .write_all(b"HTTP/1.1 500 Internal Server Error\r\ntransfer-encoding: chunked\r\n\r\n");
    write_chunks(stream, b"{\"message\":\"", 1);
    write_chunks(stream, &[b'x'; 64 * 1024], 64 * 1024 * 1024)
}

#[tokio::test]
async fn a_64_mib_error_body_becomes_a_short_error() {
    let server = RawServer::start(huge_error_body);
    let error = basic_client(&server.url)
        .send(&list())
        .await
        .expect_err("500");
    assert_eq!(error.api().map(|api| api.status), Some(500));
    let text = error.to_string();
    assert!(text.len() < 2048, "{} bytes of error text", text.len());
}

// ---- 3. Redirects ----------------------------------------------------------

#[tokio::test]
async fn redirects_are_not_followed_and_carry_no_credential() {
    let elsewhere = LocalServer::replying(Reply::json(200, r#"{"projects":[]}"#)).await;
    let location = format!("{}/dev/v1/projects", elsewhere.url());
    for status in [301, 302, 303, 307, 308] {
        let redirecting =
            LocalServer::replying(Reply::json(status, "").header("location", &location)).await;
        let basic = basic_client(&redirecting.url());
        let user = UserId::new("alice").expect("a valid user");
        let rtm = Client::builder()
            .rtm_token(TOKEN, user.clone())
            .base_url(redirecting.url())
            .build()
            .expect("a valid client");
        let history = GetMessageHistory::builder()
            .app_id(app_id())
            .user_id(user)
            .channel_type(ChannelType::Message)
            .channel_name(RtmChannelName::new("chatroom").expect("a valid name"))
            .build();
        let from_basic = basic.send(&list()).await.expect_err("a redirect");
        let from_rtm = rtm.send(&history).await.map(drop).expect_err("a redirect");
        for error in [from_basic, from_rtm] {
            match &error {
                Error::Redirect {
                    status: got,
                    location: Some(to),
                    ..
                } => {
                    assert_eq!(*got, status);
                    assert_eq!(to, &location);
                }
                other => panic!("{status}: {other:?}"),
            }
            assert!(!error.is_retryable());
        }
        assert_eq!(redirecting.requests().len(), 2);
    }
    assert!(
        elsewhere.requests().is_empty(),
        "nothing reached the host the redirects named"
    );
}

// ---- 4. Proxies ------------------------------------------------------------

#[tokio::test]
async fn an_explicit_proxy_never_carries_plain_http() {
    let proxy = LocalServer::replying(Reply::json(200, r#"{"projects":[]}"#)).await;
    let target = LocalServer::replying(Reply::json(200, r#"{"projects":[]}"#)).await;
    let client = Client::builder()
        .basic_auth(CUSTOMER_ID, CUSTOMER_SECRET)
        .base_url(target.url())
        .proxy(proxy.url())
        .build()
        .expect("a valid client");
    client.send(&list()).await.expect("went direct");
    assert_eq!(target.requests().len(), 1);
    assert!(
        proxy.requests().is_empty(),
        "the proxy saw the Basic credentials"
    );
}

/// Set in the child process [`environment_proxies_never_carry_plain_http`]
/// starts with the proxy variables set (setting them in this process would
/// race the other tests).
const CHILD: &str = "AGORA_TEST_PROXY_CHILD";

#[tokio::test]
async fn environment_proxies_never_carry_plain_http() {
    if std::env::var_os(CHILD).is_some() {
        // The child: a default client and one that reads the environment,
        // both to a loopback server. Both go direct.
        let target = LocalServer::replying(Reply::json(200, r#"{"projects":[]}"#)).await;
        basic_client(&target.url())
            .send(&list())
            .await
            .expect("went direct");
        Client::builder()
            .basic_auth(CUSTOMER_ID, CUSTOMER_SECRET)
            .base_url(target.url())
            .proxy_from_env()
            .build()
            .expect("a valid client")
            .send(&list())
            .await
            .expect("went direct");
        assert_eq!(target.requests().len(), 2);
        return;
    }
    let proxy = LocalServer::replying(Reply::json(200, r#"{"projects":[]}"#)).await;
    let exe = std::env::current_exe().expect("the test binary");
    let proxy_url = proxy.url();
    // On the blocking pool, so that the proxy keeps serving (and would
    // record anything the child sent it).
    let status = tokio::task::spawn_blocking(move || {
        std::process::Command::new(exe)
            .args([
                "hostile::environment_proxies_never_carry_plain_http",
                "--exact",
                "--quiet",
            ])
            .env(CHILD, "1")
            .env("HTTP_PROXY", &proxy_url)
            .env("http_proxy", &proxy_url)
            .env("ALL_PROXY", &proxy_url)
            .env("HTTPS_PROXY", &proxy_url)
            .env_remove("NO_PROXY")
            .env_remove("no_proxy")
            .status()
    })
    .await
    .expect("the child's task")
    .expect("the child runs");
    assert!(status.success(), "the child's checks failed");
    assert!(
        proxy.requests().is_empty(),
        "a plain-http call with Basic credentials went to the environment's proxy"
    );
}

// ---- 5. Dot segments -------------------------------------------------------

#[tokio::test]
async fn dot_segments_are_refused_before_io() {
    let server = LocalServer::replying(Reply::json(200, "{}")).await;
    let client = basic_client(&server.url());
    for name in [".", ".."] {
        let Ok(channel) = ChannelName::new(name) else {
            continue; // refused by the type already
        };
        let request = ListChannelUsers::builder()
            .appid(app_id())
            .channel_name(channel)
            .build();
        let error = client
            .send(&request)
            .await
            .map(drop)
            .expect_err("a dot segment");
        match &error {
            Error::InvalidInput(input) => {
                assert_eq!(input.field(), "channelName");
                assert!(input.rule().contains("`..`"), "{input}");
            }
            other => panic!("{name:?}: {other:?}"),
        }
        assert!(client.prepare(&request).is_err());
    }
    assert!(server.requests().is_empty());
}

// ---- 6. Secrets in errors --------------------------------------------------

#[tokio::test]
async fn decode_errors_quote_no_secret_of_the_body() {
    // A Console answer of the wrong shape that carries the App Certificate.
    let body = format!(
        r#"{{"projects":[{{"id":7,"name":"demo","sign_key":"{SIGN_KEY}","vendor_key":"not-an-object","created":"yesterday","token":"{TOKEN}"}}]}}"#
    );
    let server = LocalServer::replying(Reply::json(200, body)).await;
    let error = basic_client(&server.url())
        .send(&list())
        .await
        .expect_err("the shape is wrong");
    assert!(matches!(error, Error::Decode { .. }), "{error:?}");
    for text in [error.to_string(), format!("{error:?}")] {
        assert!(!text.contains(SIGN_KEY), "{text}");
        assert!(!text.contains(&TOKEN[3..40]), "{text}");
    }
}

#[tokio::test]
async fn api_errors_quote_no_token() {
    let body = format!(
        r#"{{"code":401,"message":"token {TOKEN} expired","reason":"{{\"sign_key\":\"{SIGN_KEY}\"}}"}}"#
    );
    let server = LocalServer::replying(Reply::json(401, body)).await;
    let error = basic_client(&server.url())
        .send(&list())
        .await
        .expect_err("401");
    for text in [error.to_string(), format!("{error:?}")] {
        assert!(!text.contains(&TOKEN[3..40]), "{text}");
        assert!(text.contains("expired"), "{text}");
    }
}

// ---- 7. Deadlines cover every wait -----------------------------------------

#[tokio::test]
async fn waiting_for_a_rate_limit_slot_counts_against_the_deadline() {
    let server = LocalServer::replying(Reply::json(200, r#"{"projects":[]}"#)).await;
    let client = Client::builder()
        .basic_auth(CUSTOMER_ID, CUSTOMER_SECRET)
        .base_url(server.url())
        .rate_limit("/", 1)
        .timeout(Duration::from_millis(500))
        .build()
        .expect("a valid client");
    let started = Instant::now();
    client.send(&list()).await.expect("the first slot is free");
    for _ in 0..4 {
        let error = client
            .send(&list())
            .await
            .expect_err("no slot within 500 ms");
        assert!(matches!(error, Error::Timeout { .. }), "{error:?}");
    }
    assert_eq!(server.requests().len(), 1);
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "five calls with a 500 ms deadline took {:?} (each waited for its slot)",
        started.elapsed()
    );
}

// ---- 8. Mixed base URLs ----------------------------------------------------

#[tokio::test]
async fn loopback_http_and_https_base_urls_mix() {
    let server = LocalServer::replying(Reply::json(200, r#"{"projects":[]}"#)).await;
    let client = Client::builder()
        .basic_auth(CUSTOMER_ID, CUSTOMER_SECRET)
        .base_urls([server.url(), "https://api.agora.invalid".to_owned()])
        .build()
        .expect("a valid client");
    client
        .send(&list())
        .await
        .expect("the loopback host answers");
    assert_eq!(server.requests().len(), 1);
}

// ---- 9. Pagination never loops ---------------------------------------------

#[tokio::test]
async fn pages_that_lead_back_end_with_a_typed_error() {
    // newStart cycles 200 -> 300 -> 200: the third page leads back to the
    // second request.
    let server = LocalServer::start(|request| {
        let next = if request.target.contains("start=200") {
            300
        } else {
            200
        };
        Reply::json(
            200,
            format!(r#"{{"data":{{"messageList":[{{"message":"m"}}],"newStart":{next}}}}}"#),
        )
    })
    .await;
    let client = basic_client(&server.url());
    let first = GetMessageHistory::builder()
        .app_id(app_id())
        .user_id(UserId::new("Tony").expect("a valid user"))
        .channel_type(ChannelType::Message)
        .channel_name(RtmChannelName::new("chatroom").expect("a valid name"))
        .build();
    let mut pages = client.pages(first);
    let mut fetched = 0;
    let mut last = None;
    while let Some(page) = pages.next().await {
        match page {
            Ok(_) => fetched += 1,
            Err(error) => {
                last = Some(error);
                break;
            }
        }
        assert!(fetched < 10, "the walk loops");
    }
    assert_eq!(fetched, 3, "start none, 200, 300; then 200 again");
    assert!(
        matches!(last, Some(Error::PageCycle { page: 3, .. })),
        "{last:?}"
    );
    assert!(pages.next().await.is_none(), "the walk is over");
    assert_eq!(server.requests().len(), 3);
}
