//! Which credentials go on the wire, and how: Basic encoded once, RTM tokens
//! by version, scheme choice for endpoints that accept several, and a clear
//! error before any I/O when the client lacks every accepted scheme.

use agora_api::console::ListProjects;
use agora_api::rtm::GetUserEvents;
use agora_api::{AppId, AuthScheme, Client, Error, UserId};
use agora_tests::{BASIC_HEADER, LocalServer, Reply, basic_client};

const EVENTS: &str = r#"{"result":"success","request_id":"1","events":[]}"#;

fn user_events() -> GetUserEvents {
    GetUserEvents::builder()
        .appid(AppId::new("876922cbca0098dff4323566daa89675").expect("a valid App ID"))
        .build()
}

fn alice() -> UserId {
    UserId::new("alice").expect("a valid user ID")
}

#[tokio::test]
async fn basic_auth_is_base64_of_id_colon_secret() {
    let server = LocalServer::replying(Reply::json(200, r#"{"projects":[]}"#)).await;
    basic_client(&server.url())
        .send(&ListProjects::builder().build())
        .await
        .expect("an empty project list");
    assert_eq!(
        server.single_request().header("authorization"),
        Some(BASIC_HEADER)
    );
}

#[tokio::test]
async fn a_legacy_access_token_goes_in_x_agora_token_and_x_agora_uid() {
    let server = LocalServer::replying(Reply::json(200, EVENTS)).await;
    let client = Client::builder()
        .rtm_token("006legacytoken", alice())
        .base_url(server.url())
        .build()
        .expect("a valid client");
    client.send(&user_events()).await.expect("events");
    let seen = server.single_request();
    assert_eq!(seen.header("x-agora-token"), Some("006legacytoken"));
    assert_eq!(seen.header("x-agora-uid"), Some("alice"));
    assert_eq!(seen.header("authorization"), None);
}

#[tokio::test]
async fn an_access_token2_goes_in_authorization_agora_token() {
    let server = LocalServer::replying(Reply::json(200, EVENTS)).await;
    let client = Client::builder()
        .rtm_token("007token2", alice())
        .base_url(server.url())
        .build()
        .expect("a valid client");
    client.send(&user_events()).await.expect("events");
    let seen = server.single_request();
    assert_eq!(seen.header("authorization"), Some("agora token=007token2"));
    assert_eq!(seen.header("x-agora-token"), None);
    assert_eq!(seen.header("x-agora-uid"), None);
}

#[tokio::test]
async fn an_endpoint_accepting_both_uses_the_declared_order_unless_told_otherwise() {
    let server = LocalServer::replying(Reply::json(200, EVENTS)).await;
    let both = Client::builder()
        .basic_auth("customer_id", "customer_secret")
        .rtm_token("007token2", alice())
        .base_url(server.url());
    let declared = both.build().expect("a valid client");
    declared.send(&user_events()).await.expect("events");

    let prefers_token = Client::builder()
        .basic_auth("customer_id", "customer_secret")
        .rtm_token("007token2", alice())
        .prefer(AuthScheme::RTM_TOKEN)
        .base_url(server.url())
        .build()
        .expect("a valid client");
    prefers_token.send(&user_events()).await.expect("events");
    // The preference does not apply where the endpoint does not accept it.
    // Only the header sent matters here, not how the canned body decodes.
    let _ = prefers_token.send(&ListProjects::builder().build()).await;

    let seen = server.requests();
    assert_eq!(seen.len(), 3);
    assert_eq!(seen[0].header("authorization"), Some(BASIC_HEADER));
    assert_eq!(
        seen[1].header("authorization"),
        Some("agora token=007token2")
    );
    assert_eq!(seen[2].header("authorization"), Some(BASIC_HEADER));
}

#[tokio::test]
async fn a_missing_credential_fails_before_any_io_and_names_the_schemes() {
    let server = LocalServer::replying(Reply::json(200, "{}")).await;
    let token_only = Client::builder()
        .rtm_token("007token2", alice())
        .base_url(server.url())
        .build()
        .expect("a valid client");
    let error = token_only
        .send(&ListProjects::builder().build())
        .await
        .expect_err("project management needs Basic auth");
    assert!(matches!(
        error,
        Error::MissingCredentials {
            endpoint: "ListProjects",
            accepted: [AuthScheme::BASIC]
        }
    ));
    assert_eq!(
        error.to_string(),
        "ListProjects needs credentials for basic, and the client has none of them"
    );

    let none = Client::builder()
        .base_url(server.url())
        .build()
        .expect("a valid client");
    let error = none
        .send(&user_events())
        .await
        .expect_err("no credentials at all");
    assert_eq!(
        error.to_string(),
        "GetUserEvents needs credentials for basic or rtm_token, and the client has none of them"
    );
    assert!(server.requests().is_empty(), "nothing was sent");
}

#[test]
fn bad_credentials_are_rejected_when_the_client_is_built() {
    let empty_secret = Client::builder()
        .basic_auth("id", "")
        .build()
        .expect_err("empty secret");
    assert_eq!(
        empty_secret.to_string(),
        "invalid `customer_secret`: must not be empty"
    );
    let colon = Client::builder()
        .basic_auth("a:b", "s")
        .build()
        .expect_err("colon in ID");
    assert_eq!(
        colon.to_string(),
        "invalid `customer_id`: must not contain ':'"
    );
    let not_a_token = Client::builder()
        .rtm_token("hello", alice())
        .build()
        .expect_err("not an Agora token");
    assert!(
        not_a_token
            .to_string()
            .starts_with("invalid `rtm_token`: must be an Agora token")
    );
}
