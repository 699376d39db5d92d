//! A crate other than `agora-api` defines endpoints with the derive
//! (`agora_tests::beta`) and sends them through the same client: path,
//! query, header, renamed body members, a whole-body field, cross-field
//! validation and the `crate = "..."` override.

use agora_api::{AppId, Endpoint, Error};
use agora_tests::beta::{Entry, GetEntry, ListItem, PutEntry, ReplaceList};
use agora_tests::{BASIC_HEADER, LocalServer, Reply, basic_client};

fn app_id() -> AppId {
    AppId::new("0123456789abcdef0123456789abcdef").expect("a valid App ID")
}

#[tokio::test]
async fn path_segments_arrive_intact_whatever_they_hold() {
    let server = LocalServer::replying(Reply::json(200, r#"{"key":"k","value":"v"}"#)).await;
    let key = "a/b?c#d%e f&g+h";
    let entry = basic_client(&server.url())
        .send(
            &GetEntry::builder()
                .appid(app_id())
                .key(key)
                .field_list("value,key")
                .build(),
        )
        .await
        .expect("a decoded entry");
    assert_eq!(
        entry,
        Entry {
            key: "k".into(),
            value: "v".into()
        }
    );

    let seen = server.single_request();
    assert_eq!(
        seen.target,
        "/dev/v1/beta/0123456789abcdef0123456789abcdef/keys/a%2Fb%3Fc%23d%25e%20f%26g%2Bh?fields=value%2Ckey"
    );
    let segment = seen
        .target
        .split('?')
        .next()
        .and_then(|path| path.rsplit('/').next())
        .expect("a last segment");
    assert_eq!(
        percent_encoding::percent_decode_str(segment)
            .decode_utf8()
            .expect("UTF-8"),
        key,
        "the server decodes the same key"
    );
    assert_eq!(seen.method, "GET");
    assert!(seen.body.is_empty(), "a GET carries no body");
    assert_eq!(
        seen.header("x-request-id"),
        None,
        "an unset optional header is not sent"
    );
}

#[tokio::test]
async fn optional_query_parameters_and_headers_are_sent_when_set() {
    let server = LocalServer::replying(Reply::json(200, r#"{"key":"k","value":"v"}"#)).await;
    basic_client(&server.url())
        .send(
            &GetEntry::builder()
                .appid(app_id())
                .key("k")
                .field_list("value")
                .revision(7)
                .request_id("trace-1")
                .build(),
        )
        .await
        .expect("a decoded entry");
    let seen = server.single_request();
    assert!(
        seen.target.ends_with("/keys/k?revision=7&fields=value"),
        "{}",
        seen.target
    );
    assert_eq!(seen.header("x-request-id"), Some("trace-1"));
}

#[tokio::test]
async fn body_members_are_renamed_and_none_is_left_out() {
    let server = LocalServer::replying(Reply::json(200, r#"{"key":"k","value":"v"}"#)).await;
    let client = basic_client(&server.url());
    client
        .send(
            &PutEntry::builder()
                .app_id(app_id())
                .key("k")
                .value("v")
                .build(),
        )
        .await
        .expect("stored");
    client
        .send(
            &PutEntry::builder()
                .app_id(app_id())
                .key("k")
                .value("v")
                .ttl_seconds(60)
                .build(),
        )
        .await
        .expect("stored");
    let seen = server.requests();
    assert_eq!(
        seen[0].target,
        "/dev/v1/beta/0123456789abcdef0123456789abcdef/keys"
    );
    assert_eq!(
        seen[0].json(),
        serde_json::json!({"key": "k", "storedValue": "v"})
    );
    assert_eq!(
        seen[1].json(),
        serde_json::json!({"key": "k", "storedValue": "v", "ttlSeconds": 60})
    );
    assert_eq!(seen[1].header("authorization"), Some(BASIC_HEADER));
    // POST is not idempotent by default; checked when the test compiles.
    const { assert!(!<PutEntry as Endpoint>::IDEMPOTENT) };
}

#[tokio::test]
async fn a_cross_field_check_runs_before_any_io() {
    let server = LocalServer::replying(Reply::json(200, "{}")).await;
    let error = basic_client(&server.url())
        .send(
            &PutEntry::builder()
                .app_id(app_id())
                .key("")
                .value("v")
                .build(),
        )
        .await
        .expect_err("an empty key");
    assert!(matches!(&error, Error::InvalidInput(input) if input.field() == "key"));
    assert!(server.requests().is_empty());
}

#[tokio::test]
async fn a_whole_body_field_is_the_body_and_the_crate_path_can_be_overridden() {
    let server = LocalServer::replying(Reply::json(200, "")).await;
    let list = ReplaceList::builder()
        .appid(app_id())
        .items(vec![
            ListItem { name: "a".into() },
            ListItem { name: "b".into() },
        ])
        .build();
    basic_client(&server.url())
        .send(&list)
        .await
        .expect("an empty 2xx body decodes as ()");
    let seen = server.single_request();
    assert_eq!(seen.method, "PUT");
    assert_eq!(
        seen.json(),
        serde_json::json!([{"name": "a"}, {"name": "b"}])
    );
    // PUT is idempotent by default; checked when the test compiles.
    const { assert!(<ReplaceList as Endpoint>::IDEMPOTENT) };
}
