//! RTM token auth with tokens minted by the client itself: the token on the
//! wire verifies against the App Certificate, is cached and renewed before
//! it expires, is minted once under concurrent calls, and a request acting
//! as another user than the token's fails before any I/O.

use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};

use agora_api::token::{self, AppCertificate, ParsedToken, RtmTokenMinter};
use agora_api::{AppId, Client, Error, RtmTokenSource, UserId};
use agora_tests::beta::SendNote;
use agora_tests::{LocalServer, Reply, basic_client};

const APP_ID: &str = "970CA35de60c44645bbae8a215061b33";
const CERT: &str = "5CFd2fd1755d40ecb72977518be15d3b";

fn minter(user: &str) -> RtmTokenMinter {
    RtmTokenMinter::new(
        AppId::new(APP_ID).expect("a valid App ID"),
        AppCertificate::new(CERT).expect("a valid certificate"),
        UserId::new(user).expect("a valid user ID"),
    )
}

fn note(sender: &str) -> SendNote {
    SendNote::builder()
        .appid(AppId::new(APP_ID).expect("a valid App ID"))
        .user_id(UserId::new(sender).expect("a valid user ID"))
        .text("hi")
        .build()
}

fn token_on_the_wire(server: &LocalServer) -> String {
    let seen = server.requests();
    let last = seen.last().expect("a request");
    last.header("authorization")
        .and_then(|value| value.strip_prefix("agora token="))
        .expect("an AccessToken2 in Authorization")
        .to_owned()
}

#[tokio::test]
async fn a_minted_token_verifies_and_names_the_user() {
    let server = LocalServer::replying(Reply::json(200, r#"{"key":"k","value":"v"}"#)).await;
    let client = Client::builder()
        .rtm_token_source(minter("alice").lifetime_secs(600))
        .base_url(server.url())
        .build()
        .expect("a valid client");
    client
        .send(&note("alice"))
        .await
        .expect("sent as the token's user");

    let sent = token_on_the_wire(&server);
    let ParsedToken::V007(parsed) = token::parse(&sent).expect("a token") else {
        panic!("expected an AccessToken2");
    };
    parsed
        .verify(&AppCertificate::new(CERT).expect("a valid certificate"))
        .expect("signed with the App Certificate");
    assert_eq!(parsed.app_id(), APP_ID);
    assert_eq!(parsed.expire(), 600);
}

#[test]
fn a_token_is_cached_and_renewed_shortly_before_it_expires() {
    let now = Arc::new(AtomicU32::new(1_700_000_000));
    let clock = Arc::clone(&now);
    let source = minter("alice")
        .lifetime_secs(600)
        .renew_before_secs(60)
        .with_clock(move || clock.load(Ordering::SeqCst));
    let first = source.credentials().expect("a token");
    now.fetch_add(539, Ordering::SeqCst);
    let cached = source.credentials().expect("a token");
    now.fetch_add(1, Ordering::SeqCst);
    let renewed = source.credentials().expect("a token");

    let sent_header = |credentials: &agora_api::RtmCredentials| {
        // RtmCredentials redact the token; compare the sent headers instead.
        let client = Client::builder()
            .rtm_token_source(credentials.clone())
            .build()
            .expect("a valid client");
        client.prepare(&note("alice")).expect("a request").headers()["authorization"]
            .to_str()
            .expect("ASCII")
            .to_owned()
    };
    assert_eq!(
        sent_header(&first),
        sent_header(&cached),
        "reused before the renewal margin"
    );
    assert_ne!(
        sent_header(&first),
        sent_header(&renewed),
        "renewed 60 s before expiry"
    );
}

#[test]
fn concurrent_callers_share_one_minted_token() {
    let source = Arc::new(minter("alice").with_clock(|| 1_700_000_000));
    let tokens: Vec<String> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..8)
            .map(|_| {
                let source = Arc::clone(&source);
                scope.spawn(move || {
                    let credentials = source.credentials().expect("a token");
                    Client::builder()
                        .rtm_token_source(credentials)
                        .build()
                        .expect("a valid client")
                        .prepare(&note("alice"))
                        .expect("a request")
                        .headers()["authorization"]
                        .to_str()
                        .expect("ASCII")
                        .to_owned()
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|handle| handle.join().expect("no panic"))
            .collect()
    });
    // Salts are random: one token for all means it was minted once.
    assert!(
        tokens.windows(2).all(|pair| pair[0] == pair[1]),
        "{tokens:?}"
    );
}

#[tokio::test]
async fn a_legacy_minter_sends_x_agora_token_and_uid() {
    let server = LocalServer::replying(Reply::json(200, r#"{"key":"k","value":"v"}"#)).await;
    let client = Client::builder()
        .rtm_token_source(minter("alice").legacy())
        .base_url(server.url())
        .build()
        .expect("a valid client");
    client.send(&note("alice")).await.expect("sent");
    let seen = server.single_request();
    assert!(
        seen.header("x-agora-token")
            .is_some_and(|t| t.starts_with("006"))
    );
    assert_eq!(seen.header("x-agora-uid"), Some("alice"));
}

#[tokio::test]
async fn acting_as_another_user_than_the_tokens_fails_before_any_io() {
    let server = LocalServer::replying(Reply::json(200, r#"{"key":"k","value":"v"}"#)).await;
    let client = Client::builder()
        .rtm_token_source(minter("alice"))
        .base_url(server.url())
        .build()
        .expect("a valid client");
    let error = client
        .send(&note("bob"))
        .await
        .expect_err("bob is not the token's user");
    assert!(
        matches!(&error, Error::InvalidInput(input) if input.field() == "user_id"),
        "{error:?}"
    );
    assert_eq!(
        error.to_string(),
        "invalid `user_id`: is \"bob\", but the RTM token was generated for \"alice\": with token auth Agora accepts requests only as the token's user"
    );
    assert!(server.requests().is_empty(), "nothing was sent");

    // Basic auth may send as anyone.
    basic_client(&server.url())
        .send(&note("bob"))
        .await
        .expect("Basic auth sends as any user");
    assert_eq!(server.requests().len(), 1);
}

#[test]
fn the_minter_never_prints_the_app_certificate() {
    let source = minter("alice");
    let client = Client::builder()
        .rtm_token_source(minter("alice"))
        .build()
        .expect("a valid client");
    for text in [format!("{source:?}"), format!("{client:?}")] {
        assert!(!text.contains(CERT), "{text}");
        assert!(text.contains("<redacted>"), "{text}");
    }
}
