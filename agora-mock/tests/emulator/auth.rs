//! Authentication on the emulator: Basic credentials must match (with the
//! gateway's documented 401 bodies for missing and wrong ones), and
//! Signaling tokens are verified with the App Certificate (signature,
//! expiry, App ID, user), in both header styles; a message sender other
//! than the token's user is refused.

#![allow(deprecated)]

use std::time::Duration;

use crate::support::{Raw, api_error};
use agora_api::console::ListProjects;
use agora_api::rtm::{
    ChannelType, GetMessageHistory, GetUserEvents, Payload, RtmChannelName, SendPeerMessage,
};
use agora_api::token::{AppCertificate, RtcRole, TokenBuilder};
use agora_api::{AppId, Client, Error, RetryPolicy, UserId};
use agora_mock::{ManualClock, MockServer};
use serde_json::json;

const T0: u64 = 1_700_000_000;

/// One endpoint of each product, with a request that is otherwise valid.
fn one_per_product(appid: &str) -> Vec<(&'static str, String)> {
    vec![
        ("GET", "/dev/v1/projects".to_owned()),
        ("GET", format!("/dev/v1/kicking-rule?appid={appid}")),
        ("GET", "/v1/ncs/ip".to_owned()),
        (
            "GET",
            format!("/dev/v2/project/{appid}/rtm/vendor/user_events"),
        ),
        (
            "GET",
            format!(
                "/beta/realtime/usage/dimension/top20?ts=1&appid={appid}&productType=Native&metric=userCount&dimension=sdk"
            ),
        ),
    ]
}

#[tokio::test]
async fn basic_auth_missing_and_wrong_get_the_gateways_401s() {
    let server = MockServer::start().await;
    let raw = Raw::new(&server);
    let wrong = format!(
        "Basic {}",
        base64::Engine::encode(
            &base64::engine::general_purpose::STANDARD,
            format!("{}:nope", server.credentials().customer_id)
        )
    );
    for (method, path) in one_per_product(server.app_id().as_str()) {
        let missing = raw.send(method, &path, &[], None).await;
        assert_eq!(missing.status, 401, "{path}");
        assert_eq!(missing.body, json!({ "message": "Unauthorized" }), "{path}");

        for header in [wrong.as_str(), "Basic !!!", "Bearer abc", "Basic"] {
            let refused = raw
                .send(method, &path, &[("authorization", header)], None)
                .await;
            assert_eq!(refused.status, 401, "{path} {header}");
            assert_eq!(
                refused.body,
                json!({ "message": "Invalid authentication credentials" }),
                "{path} {header}"
            );
        }
        let accepted = raw.basic(method, &path, None).await;
        assert!(
            (200..300).contains(&accepted.status),
            "{path}: {:?}",
            accepted.body
        );
    }
    assert!(
        server
            .journal()
            .iter()
            .filter(|e| e.status == Some(401))
            .all(|e| !e.applied),
        "refused requests are journaled but not applied"
    );
}

#[tokio::test]
async fn the_servers_own_credentials_are_the_ones_accepted() {
    let server = MockServer::builder()
        .customer_id("team-a")
        .customer_secret("s3cr3t")
        .start()
        .await
        .expect("a server");
    server
        .client()
        .send(&ListProjects::builder().build())
        .await
        .expect("the server's client carries its credentials");
    let stranger = Client::builder()
        .base_url(server.url())
        .basic_auth("agora-mock-customer", "agora-mock-secret")
        .retry(RetryPolicy::never())
        .build()
        .expect("a client");
    let refused = stranger
        .send(&ListProjects::builder().build())
        .await
        .expect_err("the defaults are not this server's credentials");
    assert_eq!(api_error(&refused).status, 401);
    assert_eq!(
        api_error(&refused).message.as_deref(),
        Some("Invalid authentication credentials")
    );
}

#[tokio::test]
async fn minted_tokens_authenticate_in_both_header_styles() {
    let server = MockServer::start().await;
    let events = GetUserEvents::builder()
        .appid(server.app_id().clone())
        .build();

    server
        .rtm_client(UserId::new("alice").expect("a user"))
        .send(&events)
        .await
        .expect("AccessToken2 in Authorization: agora token=");

    let legacy = Client::builder()
        .base_url(server.url())
        .rtm_token_source(
            server
                .token_minter(UserId::new("bob").expect("a user"))
                .legacy(),
        )
        .retry(RetryPolicy::never())
        .build()
        .expect("a client");
    legacy
        .send(&events)
        .await
        .expect("a 006 token in x-agora-token with x-agora-uid");
    let sent = server.journal();
    assert_eq!(
        sent[0].header("authorization"),
        Some("agora token=<redacted>")
    );
    assert_eq!(sent[1].header("x-agora-token"), Some("<redacted>"));
    assert_eq!(sent[1].header("x-agora-uid"), Some("bob"));

    // The 2.x history names its App ID `appId`: the token is checked
    // against it all the same.
    server
        .rtm_client(UserId::new("alice").expect("a user"))
        .send(
            &GetMessageHistory::builder()
                .app_id(server.app_id().clone())
                .user_id(UserId::new("alice").expect("a user"))
                .channel_type(ChannelType::Message)
                .channel_name(RtmChannelName::new("room").expect("a channel"))
                .build(),
        )
        .await
        .expect("history with token auth");
}

#[tokio::test]
async fn tokens_that_do_not_hold_are_refused_with_signalings_401() {
    let clock = ManualClock::at_unix(T0);
    let server = MockServer::builder()
        .clock(clock.clone())
        .start()
        .await
        .expect("a server");
    let raw = Raw::new(&server);
    let app_id = server.app_id().clone();
    let path = format!("/dev/v2/project/{app_id}/rtm/vendor/user_events");
    let builder = TokenBuilder::new(app_id.clone(), server.app_certificate().clone())
        .with_issue_ts(T0 as u32);
    let foreign_certificate =
        AppCertificate::new("00000000000000000000000000000000").expect("a certificate");
    let other_app = AppId::new("11111111111111111111111111111111").expect("an App ID");
    let valid = builder.rtm_token("alice", 60).expect("a token");
    let cases = [
        (
            "signed with another certificate",
            TokenBuilder::new(app_id.clone(), foreign_certificate)
                .with_issue_ts(T0 as u32)
                .rtm_token("alice", 600)
                .expect("a token")
                .into_secret(),
            "the token's signature does not match the App Certificate",
        ),
        (
            "for another App ID",
            TokenBuilder::new(other_app, server.app_certificate().clone())
                .with_issue_ts(T0 as u32)
                .rtm_token("alice", 600)
                .expect("a token")
                .into_secret(),
            "the token was generated for another App ID",
        ),
        (
            "an RTC token",
            builder
                .rtc_token("room", 42_u32, RtcRole::Publisher, 600, 600)
                .expect("a token")
                .into_secret(),
            "the token carries no Signaling (RTM) service",
        ),
        ("not a token", "007garbage".to_owned(), "invalid token"),
    ];
    for (what, token, reason) in cases {
        let header = format!("agora token={token}");
        let refused = raw
            .send("GET", &path, &[("authorization", header.as_str())], None)
            .await;
        assert_eq!(refused.status, 401, "{what}");
        assert_eq!(refused.body["errorCode"], 401, "{what}");
        assert!(
            refused.body["reason"]
                .as_str()
                .is_some_and(|r| r.starts_with(reason)),
            "{what}: {}",
            refused.body
        );
    }

    let header = format!("agora token={}", valid.expose_secret());
    let fresh = raw
        .send("GET", &path, &[("authorization", header.as_str())], None)
        .await;
    assert_eq!(fresh.status, 200);
    clock.advance(Duration::from_secs(60));
    let expired = raw
        .send("GET", &path, &[("authorization", header.as_str())], None)
        .await;
    assert_eq!(expired.status, 401);
    assert_eq!(expired.body["reason"], "the token has expired");

    // Legacy tokens name their user in x-agora-uid, which must match.
    let legacy = builder.legacy_rtm_token("bob", 600).expect("a token");
    let with_uid = |uid: Option<&'static str>| {
        let mut headers = vec![("x-agora-token", legacy.expose_secret())];
        if let Some(uid) = uid {
            headers.push(("x-agora-uid", uid));
        }
        headers
    };
    clock.set(std::time::UNIX_EPOCH + Duration::from_secs(T0));
    assert_eq!(
        raw.send("GET", &path, &with_uid(Some("bob")), None)
            .await
            .status,
        200
    );
    let other_user = raw.send("GET", &path, &with_uid(Some("eve")), None).await;
    assert_eq!(other_user.status, 401);
    assert_eq!(
        other_user.body["reason"],
        "the token was not generated for user \"eve\""
    );
    let no_uid = raw.send("GET", &path, &with_uid(None), None).await;
    assert_eq!(no_uid.status, 401);

    // A token on an endpoint that takes Basic auth only.
    let console = raw
        .send(
            "GET",
            "/dev/v1/projects",
            &[("authorization", header.as_str())],
            None,
        )
        .await;
    assert_eq!(console.status, 401);
    assert_eq!(
        console.body,
        json!({ "message": "Invalid authentication credentials" })
    );
}

#[tokio::test]
async fn with_a_token_a_message_can_only_be_sent_as_the_tokens_user() {
    let server = MockServer::start().await;
    let alice = UserId::new("alice").expect("a user");
    let as_bob = SendPeerMessage::builder()
        .appid(server.app_id().clone())
        .user_id(UserId::new("bob").expect("a user"))
        .destination(UserId::new("carol").expect("a user"))
        .payload(Payload::new("hi").expect("a payload"))
        .build();

    // The client already refuses, before sending anything.
    let error = server
        .rtm_client(alice.clone())
        .send(&as_bob)
        .await
        .expect_err("the client checks the sender");
    assert!(matches!(error, Error::InvalidInput(_)), "{error}");
    assert!(server.journal().is_empty());

    // And the emulator refuses a client that does not check.
    let token = TokenBuilder::new(server.app_id().clone(), server.app_certificate().clone())
        .rtm_token(alice.as_str(), 600)
        .expect("a token");
    let raw = Raw::new(&server);
    let header = format!("agora token={}", token.expose_secret());
    let refused = raw
        .send(
            "POST",
            &format!(
                "/dev/v2/project/{}/rtm/users/bob/peer_messages",
                server.app_id()
            ),
            &[
                ("authorization", header.as_str()),
                ("content-type", "application/json"),
            ],
            Some(r#"{"destination":"carol","payload":"hi"}"#),
        )
        .await;
    assert_eq!(refused.status, 401);
    assert!(refused.body["reason"].as_str().is_some_and(|r| {
        r.starts_with("user_id \"bob\" is not the user the token was generated for")
    }));
    assert!(server.messages().is_empty());

    let own = raw
        .send(
            "POST",
            &format!(
                "/dev/v2/project/{}/rtm/users/alice/peer_messages",
                server.app_id()
            ),
            &[
                ("authorization", header.as_str()),
                ("content-type", "application/json"),
            ],
            Some(r#"{"destination":"carol","payload":"hi"}"#),
        )
        .await;
    assert_eq!(own.status, 200, "{}", own.body);
    assert_eq!(server.messages()[0].from, "alice");
}

#[tokio::test]
async fn unknown_routes_and_methods_get_the_gateways_404() {
    let server = MockServer::start().await;
    let raw = Raw::new(&server);
    for (method, path) in [
        ("GET", "/dev/v1/nothing"),
        ("PATCH", "/dev/v1/projects"),
        ("GET", "/dev/v1/projects/"),
        ("POST", "/v1/ncs/ip"),
    ] {
        let answer = raw.basic(method, path, None).await;
        assert_eq!(answer.status, 404, "{method} {path}");
        assert_eq!(
            answer.body,
            json!({ "message": "no Route matched with those values" })
        );
    }
    assert!(server.journal().iter().all(|e| e.endpoint.is_none()));
}
