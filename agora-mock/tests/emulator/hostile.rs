//! The emulator facing hostile or careless clients: the journal keeps no
//! secret a request carried (in headers, JSON bodies, form bodies or the
//! query), stays within its byte budget, and the server closes
//! connections that stall in their headers and refuses bodies too large.

use std::time::Duration;

use crate::support::Raw;
use agora_mock::MockServer;
use serde_json::json;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

const REDACTED: &str = "<redacted>";

#[tokio::test]
async fn the_journal_redacts_storage_keys_and_tokens_in_json_bodies() {
    let server = MockServer::start().await;
    let raw = Raw::new(&server);
    let app_id = server.app_id().as_str().to_owned();
    // A Cloud Recording start as documented, secrets at several depths and
    // inside an array, in the spellings Agora's products use.
    let body = json!({
        "cname": "room",
        "uid": "527841",
        "clientRequest": {
            "token": "007-rtc-token",
            "recordingConfig": { "channelType": 1, "decryptionMode": 1, "secret": "media-key" },
            "storageConfig": {
                "vendor": 1,
                "region": 3,
                "bucket": "my-bucket",
                "accessKey": "AKIA-access",
                "secretKey": "storage-secret",
                "stsToken": "sts-token",
                "stsExpiration": 1_700_000_000u64
            },
            "extensionServiceConfig": {
                "extensionServices": [
                    { "serviceName": "web_recorder_service",
                      "serviceParam": { "url": "https://example.com", "apiKey": "vendor-key" } }
                ]
            }
        },
        "sign_key": "app-certificate",
        "SignKey": "app-certificate",
        "appCertificate": "app-certificate",
        "customer_secret": "customer-secret",
        "password": "hunter2",
        "rtcConfig": { "pubBotToken": "bot-token", "subBotToken": "bot-token" },
        "pageToken": "next-page"
    });
    let path = format!("/v1/apps/{app_id}/cloud_recording/resourceid/r/mode/mix/start");
    raw.basic("POST", &path, Some(body)).await;

    let journal = server.journal();
    let stored = journal[0].json().expect("the redacted body is still JSON");
    let request = &stored["clientRequest"];
    assert_eq!(request["token"], REDACTED);
    assert_eq!(request["recordingConfig"]["secret"], REDACTED);
    assert_eq!(request["storageConfig"]["accessKey"], REDACTED);
    assert_eq!(request["storageConfig"]["secretKey"], REDACTED);
    assert_eq!(request["storageConfig"]["stsToken"], REDACTED);
    assert_eq!(
        request["extensionServiceConfig"]["extensionServices"][0]["serviceParam"]["apiKey"],
        REDACTED
    );
    for name in [
        "sign_key",
        "SignKey",
        "appCertificate",
        "customer_secret",
        "password",
    ] {
        assert_eq!(stored[name], REDACTED, "{name}");
    }
    assert_eq!(stored["rtcConfig"]["pubBotToken"], REDACTED);
    assert_eq!(stored["rtcConfig"]["subBotToken"], REDACTED);
    // What is no secret stays as sent.
    assert_eq!(stored["cname"], "room");
    assert_eq!(request["recordingConfig"]["decryptionMode"], 1);
    assert_eq!(request["storageConfig"]["bucket"], "my-bucket");
    assert_eq!(request["storageConfig"]["stsExpiration"], 1_700_000_000u64);
    assert_eq!(
        request["extensionServiceConfig"]["extensionServices"][0]["serviceParam"]["url"],
        "https://example.com"
    );
    assert_eq!(
        stored["pageToken"], "next-page",
        "a page cursor is no secret"
    );
    let text = String::from_utf8_lossy(&journal[0].body);
    for secret in [
        "007-rtc-token",
        "media-key",
        "AKIA-access",
        "storage-secret",
        "sts-token",
        "vendor-key",
        "app-certificate",
        "customer-secret",
        "hunter2",
        "bot-token",
    ] {
        assert!(!text.contains(secret), "the journal keeps {secret}: {text}");
    }
}

#[tokio::test]
async fn the_journal_redacts_form_bodies_queries_and_every_credential_header() {
    let server = MockServer::start().await;
    let raw = Raw::new(&server);
    raw.send(
        "POST",
        "/v1/projects/x/rtsc/cloud-transcoder/tasks?builderToken=builder-secret&sequenceId=3",
        &[
            ("authorization", raw.basic_header()),
            ("content-type", "application/x-www-form-urlencoded"),
            ("token", "whiteboard-token"),
            ("x-agora-token", "006-token"),
            ("x-agora-uid", "alice"),
            ("proxy-authorization", "Basic cHJveHk6cGFzcw=="),
            ("cookie", "session=cookie-secret"),
            ("region", "us-sv"),
        ],
        Some("name=room&access%5Ftoken=form-token&Password=form-password"),
    )
    .await;
    raw.send(
        "POST",
        "/nowhere",
        &[("content-type", "text/plain")],
        Some("token=plain-text-is-kept"),
    )
    .await;

    let journal = server.journal();
    let form = &journal[0];
    assert_eq!(
        form.target,
        "/v1/projects/x/rtsc/cloud-transcoder/tasks?builderToken=<redacted>&sequenceId=3"
    );
    assert_eq!(
        String::from_utf8_lossy(&form.body),
        "name=room&access%5Ftoken=<redacted>&Password=<redacted>"
    );
    assert_eq!(form.header("authorization"), Some("Basic <redacted>"));
    assert_eq!(form.header("proxy-authorization"), Some("Basic <redacted>"));
    assert_eq!(form.header("token"), Some(REDACTED));
    assert_eq!(form.header("x-agora-token"), Some(REDACTED));
    assert_eq!(form.header("cookie"), Some(REDACTED));
    assert_eq!(
        form.header("x-agora-uid"),
        Some("alice"),
        "a user ID is no secret"
    );
    assert_eq!(form.header("region"), Some("us-sv"));

    let plain = &journal[1];
    assert_eq!(
        String::from_utf8_lossy(&plain.body),
        "token=plain-text-is-kept",
        "a body that is neither JSON nor a form is kept as sent"
    );
}

/// The bytes the journal holds for its bodies.
fn body_bytes(server: &MockServer) -> usize {
    server.journal().iter().map(|entry| entry.body.len()).sum()
}

#[tokio::test]
async fn the_journal_stays_within_its_byte_budget_dropping_the_oldest() {
    const BUDGET: usize = 16 * 1024;
    let server = MockServer::builder()
        .journal_byte_limit(BUDGET)
        .start()
        .await
        .expect("a server");
    let raw = Raw::new(&server);
    let filler = "x".repeat(3000);
    for n in 0..10 {
        let body = json!({ "n": n, "filler": filler });
        raw.basic("POST", "/nowhere", Some(body)).await;
    }
    let journal = server.journal();
    assert!(
        journal.len() < 10,
        "30 KB of bodies do not fit in 16 KiB: {} entries kept",
        journal.len()
    );
    assert!(body_bytes(&server) <= BUDGET);
    let last = journal.last().and_then(|entry| entry.json()).expect("JSON");
    assert_eq!(last["n"], 9, "the newest request is kept");
    let first = journal
        .first()
        .and_then(|entry| entry.json())
        .expect("JSON");
    assert_eq!(
        first["n"].as_u64(),
        Some(10 - journal.len() as u64),
        "only the oldest were dropped"
    );
    assert!(journal.iter().all(|entry| !entry.body_truncated));
}

#[tokio::test]
async fn a_body_larger_than_the_whole_budget_is_kept_truncated() {
    const BUDGET: usize = 4096;
    let server = MockServer::builder()
        .journal_byte_limit(BUDGET)
        .start()
        .await
        .expect("a server");
    let raw = Raw::new(&server);
    raw.basic("POST", "/nowhere", Some(json!({ "small": true })))
        .await;
    let huge = json!({ "filler": "y".repeat(100_000) });
    raw.basic("POST", "/nowhere", Some(huge)).await;

    let journal = server.journal();
    assert_eq!(journal.len(), 1, "the huge request evicted the small one");
    let entry = &journal[0];
    assert!(entry.body_truncated);
    assert!(!entry.body.is_empty() && entry.body.len() < BUDGET);
    assert!(
        entry.body.starts_with(br#"{"filler":"yyy"#),
        "its first bytes"
    );
    assert_eq!(entry.status, Some(404), "the request itself was not cut");
}

#[tokio::test]
async fn a_connection_that_stalls_in_its_headers_is_closed() {
    let server = MockServer::builder()
        .header_read_timeout(Duration::from_millis(200))
        .start()
        .await
        .expect("a server");
    let mut stream = TcpStream::connect(server.addr()).await.expect("connected");
    stream
        .write_all(b"GET /dev/v1/projects HTTP/1.1\r\nHost: loc")
        .await
        .expect("a partial request sent");
    // Then nothing: the server must hang up on its own. The bound is
    // generous, far above the 200 ms asked for.
    let mut answer = Vec::new();
    let closed = tokio::time::timeout(Duration::from_secs(20), stream.read_to_end(&mut answer))
        .await
        .expect("the server closed the stalled connection");
    // A reset is as good as an orderly close; a `408` may come first.
    if closed.is_ok() {
        let text = String::from_utf8_lossy(&answer);
        assert!(
            text.is_empty() || text.starts_with("HTTP/1.1 408"),
            "{text}"
        );
    }
    assert!(server.journal().is_empty(), "no request was received");
}

#[tokio::test]
async fn a_body_over_the_limit_is_refused_and_journaled_without_it() {
    let server = MockServer::start().await;
    let raw = Raw::new(&server);
    let body = "z".repeat(1024 * 1024 + 1);
    let answer = raw
        .send(
            "POST",
            "/dev/v1/project",
            &[
                ("authorization", raw.basic_header()),
                ("content-type", "application/json"),
            ],
            Some(&body),
        )
        .await;
    assert_eq!(answer.status, 413);
    let journal = server.journal();
    assert_eq!(journal.len(), 1);
    assert_eq!(journal[0].status, Some(413));
    assert!(!journal[0].applied);
    assert!(journal[0].body.is_empty() && journal[0].body_truncated);
}
