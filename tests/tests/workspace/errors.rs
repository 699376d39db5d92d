//! What a failed call looks like: Agora's error bodies become typed errors
//! with status, code, reason and request ID; bad 2xx bodies quote an
//! excerpt; timeouts and refused connections are told apart.

use std::time::Duration;

use agora_api::cloud_recording::{Acquire, AcquireClientRequest};
use agora_api::console::ListProjects;
use agora_api::{AppId, ChannelName, Client, Error, ErrorCode, UidString};
use agora_tests::{LocalServer, Reply, basic_client};

fn acquire() -> Acquire {
    Acquire::builder()
        .appid(AppId::new("0123456789abcdef0123456789abcdef").expect("a valid App ID"))
        .cname(ChannelName::new("demo").expect("a valid channel name"))
        .uid(UidString::new(527841).expect("a valid uid"))
        .client_request(AcquireClientRequest::default())
        .build()
}

#[tokio::test]
async fn a_cloud_recording_error_body_becomes_code_reason_and_request_id() {
    let server = LocalServer::replying(
        Reply::json(400, r#"{"code": 400, "reason": "invalid_appid"}"#)
            .header("x-request-id", "req-42"),
    )
    .await;
    let error = basic_client(&server.url())
        .send(&acquire())
        .await
        .expect_err("a 400");
    let api = error.api().expect("an Agora error");
    assert_eq!(api.status, 400);
    assert_eq!(api.code, Some(ErrorCode::Number(400)));
    assert_eq!(api.reason.as_deref(), Some("invalid_appid"));
    assert_eq!(api.request_id.as_deref(), Some("req-42"));
    assert!(!error.is_retryable());
    assert_eq!(
        error.to_string(),
        "Acquire: Agora answered HTTP 400, code 400, reason \"invalid_appid\" (X-Request-ID req-42)"
    );
}

#[tokio::test]
async fn a_console_error_message_is_kept() {
    let server = LocalServer::replying(Reply::json(
        401,
        r#"{"message":"Invalid authentication credentials"}"#,
    ))
    .await;
    let error = basic_client(&server.url())
        .send(&ListProjects::builder().build())
        .await
        .expect_err("a 401");
    let api = error.api().expect("an Agora error");
    assert_eq!(api.status, 401);
    assert_eq!(
        api.message.as_deref(),
        Some("Invalid authentication credentials")
    );
}

#[tokio::test]
async fn rate_limits_and_server_errors_are_retryable_and_quote_non_json_bodies() {
    for status in [429, 500, 502, 503, 504] {
        let server =
            LocalServer::replying(Reply::json(status, "<html>upstream failed</html>")).await;
        let error = basic_client(&server.url())
            .send(&ListProjects::builder().build())
            .await
            .expect_err("an error status");
        assert!(error.is_retryable(), "{status} is retryable");
        let api = error.api().expect("an Agora error");
        assert_eq!(api.status, status);
        assert_eq!(
            api.body_excerpt.as_deref(),
            Some("<html>upstream failed</html>")
        );
    }
}

#[tokio::test]
async fn accepted_and_partial_content_are_success() {
    for status in [201, 202, 206] {
        let server = LocalServer::replying(Reply::json(status, r#"{"projects":[]}"#)).await;
        let projects = basic_client(&server.url())
            .send(&ListProjects::builder().build())
            .await
            .expect("any 2xx is success");
        assert!(projects.projects.is_empty());
    }
}

#[tokio::test]
async fn an_unexpected_success_body_is_a_decode_error_with_an_excerpt() {
    let server = LocalServer::replying(Reply::json(200, r#"{"projects": "none"}"#)).await;
    let error = basic_client(&server.url())
        .send(&ListProjects::builder().build())
        .await
        .expect_err("projects must be a list");
    match &error {
        Error::Decode {
            endpoint,
            status,
            excerpt,
            ..
        } => {
            assert_eq!(*endpoint, "ListProjects");
            assert_eq!(*status, 200);
            assert_eq!(excerpt, r#"{"projects": "none"}"#);
        }
        other => panic!("expected a decode error, got {other:?}"),
    }
}

#[tokio::test]
async fn a_slow_answer_is_a_timeout() {
    let server = LocalServer::replying(
        Reply::json(200, r#"{"projects":[]}"#).delayed(Duration::from_secs(5)),
    )
    .await;
    let client = Client::builder()
        .basic_auth("customer_id", "customer_secret")
        .base_url(server.url())
        .timeout(Duration::from_millis(200))
        .build()
        .expect("a valid client");
    let error = client
        .send(&ListProjects::builder().build())
        .await
        .expect_err("the server is too slow");
    assert!(
        matches!(
            error,
            Error::Timeout {
                endpoint: "ListProjects",
                ..
            }
        ),
        "{error:?}"
    );
    assert!(error.is_retryable());
}

#[tokio::test]
async fn a_refused_connection_is_a_transport_error() {
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        listener.local_addr().expect("an address").port()
    };
    let error = basic_client(&format!("http://127.0.0.1:{port}"))
        .send(&ListProjects::builder().build())
        .await
        .expect_err("nothing listens there");
    assert!(matches!(error, Error::Transport { .. }), "{error:?}");
    assert!(error.is_retryable());
}

#[test]
fn a_base_url_with_a_query_or_credentials_is_refused() {
    for bad in [
        "https://api.agora.io/?x=1",
        "https://user:pw@api.agora.io",
        "not a url",
    ] {
        let error = Client::builder().base_url(bad).build().expect_err(bad);
        assert!(matches!(error, Error::Config(_)), "{bad}: {error:?}");
        assert!(
            !error.to_string().contains("pw@"),
            "credentials are not echoed"
        );
    }
}
