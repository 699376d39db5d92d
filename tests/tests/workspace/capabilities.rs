//! The runtime's open contract, end to end over loopback: an HMAC-SHA256
//! signature computed per attempt over the exact bytes sent (so failover
//! to another host signs again), the status and headers of an answer
//! beside its body, and a fixed host that `base_url_for` redirects.

use std::time::Duration;

use agora_api::{AppId, AuthScheme, Client, Error, HostSet, RetryPolicy};
use agora_tests::beta::{Echo, Entry, GetEntry, RenameDomain};
use agora_tests::{LocalServer, Recorded, Reply, basic_client};
use base64::Engine as _;

const HMAC_ID: &str = "hmac_user_name";
const HMAC_SECRET: &str = "hmac_user_secret";

fn app_id() -> AppId {
    AppId::new("0123456789abcdef0123456789abcdef").expect("a valid App ID")
}

fn rename() -> RenameDomain {
    RenameDomain::builder()
        .appid(app_id())
        .domain("live.example.com")
        .dry_run(true)
        .name("renamed")
        .build()
}

/// Checks one received request the way a server would: the digest is the
/// SHA-256 of the body that arrived, and the signature is HMAC-SHA256 with
/// the secret over the host, date, request line and digest it arrived
/// with. Returns the signature.
fn verify_hmac(request: &Recorded) -> String {
    let b64 = base64::engine::general_purpose::STANDARD;
    let digest = request.header("digest").expect("a digest header");
    let expected_digest = format!(
        "SHA-256={}",
        b64.encode(ring::digest::digest(&ring::digest::SHA256, &request.body))
    );
    assert_eq!(digest, expected_digest, "the digest is of the bytes sent");
    let date = request.header("date").expect("a date header");
    assert!(date.ends_with(" GMT"), "an RFC 1123 date in GMT: {date}");
    let host = request.header("host").expect("a host header");
    let authorization = request
        .header("authorization")
        .expect("an authorization header");
    let prefix = format!(
        "hmac username=\"{HMAC_ID}\", algorithm=\"hmac-sha256\", headers=\"host date request-line digest\", signature=\""
    );
    let signature = authorization
        .strip_prefix(prefix.as_str())
        .and_then(|rest| rest.strip_suffix('"'))
        .unwrap_or_else(|| panic!("an hmac authorization header: {authorization}"));
    let signing = format!(
        "host: {host}\ndate: {date}\n{} {} HTTP/1.1\ndigest: {digest}",
        request.method, request.target
    );
    let key = ring::hmac::Key::new(ring::hmac::HMAC_SHA256, HMAC_SECRET.as_bytes());
    let tag = b64.decode(signature).expect("a base64 signature");
    ring::hmac::verify(&key, signing.as_bytes(), &tag).expect("the signature verifies");
    signature.to_owned()
}

#[tokio::test]
async fn an_hmac_signature_is_computed_again_for_the_failover_host() {
    let down = LocalServer::replying(Reply::json(503, r#"{"message":"busy"}"#)).await;
    let up = LocalServer::replying(Reply::json(200, r#"{"key":"k","value":"v"}"#)).await;
    let client = Client::builder()
        .hmac_auth(HMAC_ID, HMAC_SECRET)
        .base_urls([down.url(), up.url()])
        .retry(
            RetryPolicy::default()
                .max_attempts(3)
                .backoff([Duration::from_millis(5)])
                .jitter(false),
        )
        .build()
        .expect("a client");
    let entry = client
        .send(&rename())
        .await
        .expect("the second host answers");
    assert_eq!(
        entry,
        Entry {
            key: "k".into(),
            value: "v".into()
        }
    );

    let failed = down.requests();
    let succeeded = up.single_request();
    assert_eq!(failed.len(), 2, "the first host is tried twice");
    let mut signatures: Vec<String> = failed.iter().map(verify_hmac).collect();
    signatures.push(verify_hmac(&succeeded));
    assert_ne!(
        signatures[1], signatures[2],
        "another host is another signing string"
    );
    assert_eq!(
        succeeded.target,
        "/v1/projects/0123456789abcdef0123456789abcdef/beta/domains/live.example.com?dry_run=true"
    );
    assert_eq!(succeeded.json(), serde_json::json!({"name": "renamed"}));
    assert_ne!(
        succeeded.header("host"),
        failed[0].header("host"),
        "the signed host is the one each attempt went to"
    );
}

#[tokio::test]
async fn an_hmac_endpoint_without_hmac_credentials_fails_before_any_io() {
    let server = LocalServer::replying(Reply::json(200, "{}")).await;
    let error = basic_client(&server.url())
        .send(&rename())
        .await
        .expect_err("no HMAC credentials");
    assert!(
        matches!(&error, Error::MissingCredentials { accepted, .. } if *accepted == [AuthScheme::HMAC]),
        "{error:?}"
    );
    assert!(server.requests().is_empty(), "nothing was sent");
}

#[test]
fn hmac_secrets_never_print() {
    let client = Client::builder()
        .hmac_auth(HMAC_ID, HMAC_SECRET)
        .build()
        .expect("a client");
    let request = client.prepare(&rename()).expect("a signed request");
    let printed = format!("{client:?} {request:?}");
    assert!(!printed.contains(HMAC_SECRET), "{printed}");
    let authorization = &request.headers()["authorization"];
    assert!(authorization.is_sensitive());
    assert!(!format!("{:?}", request.headers()).contains("signature="));
}

#[tokio::test]
async fn send_with_meta_returns_status_headers_and_request_id_beside_the_body() {
    let server = LocalServer::replying(
        Reply::json(201, r#"{"key":"k","value":"v"}"#)
            .header("x-request-id", "req-42")
            .header("x-resource-id", "res-7"),
    )
    .await;
    let answer = basic_client(&server.url())
        .send_with_meta(
            &GetEntry::builder()
                .appid(app_id())
                .key("k")
                .field_list("value")
                .build(),
        )
        .await
        .expect("a response");
    assert_eq!(answer.value.value, "v");
    assert_eq!(answer.meta.status(), 201);
    assert_eq!(answer.meta.request_id(), Some("req-42"));
    assert_eq!(answer.meta.resource_id(), Some("res-7"));
    assert_eq!(answer.meta.header("content-type"), Some("application/json"));
}

#[tokio::test]
async fn a_resource_id_on_an_error_answer_is_kept() {
    let server = LocalServer::replying(
        Reply::json(409, r#"{"message":"exists"}"#).header("x-resource-id", "res-existing"),
    )
    .await;
    let error = basic_client(&server.url())
        .send(
            &GetEntry::builder()
                .appid(app_id())
                .key("k")
                .field_list("value")
                .build(),
        )
        .await
        .expect_err("a 409");
    let Error::Api { error, .. } = &error else {
        panic!("expected Error::Api, got {error:?}");
    };
    assert_eq!(error.status, 409);
    assert_eq!(error.resource_id.as_deref(), Some("res-existing"));
}

#[tokio::test]
async fn a_fixed_host_goes_where_base_url_for_sends_it() {
    let server = LocalServer::replying(Reply::json(200, r#""hello""#)).await;
    let echo = Echo::builder().word("hello").build();

    let unset = Client::builder().build().expect("a client");
    let request = unset.prepare(&echo).expect("a request");
    assert_eq!(
        request.url().as_str(),
        "https://api.netless.link/v5/beta/echo/hello"
    );
    assert!(
        request.headers().get("authorization").is_none(),
        "auth `none`"
    );

    let client = Client::builder()
        .base_url_for(HostSet::fixed("https://api.netless.link"), server.url())
        .retry(RetryPolicy::never())
        .build()
        .expect("a client");
    assert_eq!(
        client.base_url(),
        "https://api.agora.io",
        "Agora's hosts stay"
    );
    let word = client.send(&echo).await.expect("a bare JSON string");
    assert_eq!(word, "hello");
    assert_eq!(server.single_request().target, "/v5/beta/echo/hello");

    let everything = basic_client(&server.url());
    assert_eq!(everything.send(&echo).await.expect("echoed"), "hello");
}

#[test]
fn a_region_segment_is_the_path_region_code_and_reads_back() {
    use agora_api::{Endpoint, ServiceRegion};
    use agora_tests::beta::ListRegionalConverters;

    let client = basic_client("https://api.agora.io");
    for region in ServiceRegion::ALL {
        let list = ListRegionalConverters::builder()
            .region(region)
            .appid(app_id())
            .build();
        let request = client.prepare(&list).expect("a request");
        let path = request.url().path().to_owned();
        assert_eq!(
            path,
            format!(
                "/{}/v1/projects/0123456789abcdef0123456789abcdef/beta/converters",
                region.as_str()
            )
        );
        let headers = agora_api::reqwest::header::HeaderMap::new();
        let wire = agora_api::endpoint::WireRequest::new("GET", &path, None, &headers, b"");
        let decoded = ListRegionalConverters::decode(&wire).expect("decodes");
        assert_eq!(decoded.region, region);
    }
    let headers = agora_api::reqwest::header::HeaderMap::new();
    let wrong = agora_api::endpoint::WireRequest::new(
        "GET",
        "/us/v1/projects/0123456789abcdef0123456789abcdef/beta/converters",
        None,
        &headers,
        b"",
    );
    assert_eq!(
        ListRegionalConverters::decode(&wrong)
            .expect_err("not a region code")
            .field(),
        "region"
    );
}

#[tokio::test]
async fn a_delete_carries_its_json_body() {
    use agora_tests::beta::RemoveMembers;

    let server = LocalServer::replying(Reply::json(200, "")).await;
    basic_client(&server.url())
        .send(
            &RemoveMembers::builder()
                .appid(app_id())
                .room("room-1")
                .user_uuids(vec!["u1".into(), "u2".into()])
                .build(),
        )
        .await
        .expect("an empty 200 is ()");
    let seen = server.single_request();
    assert_eq!(seen.method, "DELETE");
    assert_eq!(seen.header("content-type"), Some("application/json"));
    assert_eq!(seen.json(), serde_json::json!({"userUuids": ["u1", "u2"]}));
}

#[tokio::test]
async fn a_get_that_consumes_what_it_reads_is_never_re_sent() {
    use agora_tests::beta::ReadEvents;

    let server = LocalServer::replying(Reply::json(503, r#"{"message":"busy"}"#)).await;
    let client = Client::builder()
        .basic_auth("id", "secret")
        .base_url(server.url())
        .retry(
            RetryPolicy::default()
                .max_attempts(3)
                .backoff([Duration::from_millis(5)])
                .jitter(false),
        )
        .build()
        .expect("a client");
    let error = client
        .send(&ReadEvents::builder().appid(app_id()).build())
        .await
        .expect_err("a 503");
    assert!(
        matches!(&error, Error::Api { error, .. } if error.status == 503),
        "{error:?}"
    );
    assert_eq!(
        server.requests().len(),
        1,
        "the 503 may have consumed events"
    );
}

#[tokio::test]
async fn an_rtc_token_is_minted_for_the_channel_and_uid_the_endpoint_names() {
    use agora_api::token::{self, AppCertificate, ParsedToken, RtcTokenMinter, Service};
    use agora_tests::beta::{AgentPlacement, JoinAgent};

    let join = |channel: &str, uid: &str| {
        JoinAgent::builder()
            .appid(app_id())
            .properties(AgentPlacement {
                channel: channel.into(),
                agent_rtc_uid: uid.into(),
            })
            .build()
    };

    let certificate = AppCertificate::new("5CFd2fd1755d40ecb72977518be15d3b").expect("a cert");
    let minter = RtcTokenMinter::new(
        token::AppId::new("970CA35de60c44645bbae8a215061b33").expect("an App ID"),
        certificate.clone(),
    );
    let server = LocalServer::replying(Reply::json(200, "")).await;
    let client = Client::builder()
        .rtc_token_source(minter)
        .base_url(server.url())
        .retry(RetryPolicy::never())
        .build()
        .expect("a client");
    for (channel, uid) in [("room-1", "1001"), ("room-2", "agent")] {
        client.send(&join(channel, uid)).await.expect("sent");
    }
    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    for (request, (channel, uid)) in requests
        .iter()
        .zip([("room-1", "1001"), ("room-2", "agent")])
    {
        let header = request
            .header("authorization")
            .expect("an authorization header");
        let minted = header.strip_prefix("agora token=").expect("agora token=");
        let Ok(ParsedToken::V007(parsed)) = token::parse(minted) else {
            panic!("an AccessToken2");
        };
        parsed
            .verify(&certificate)
            .expect("signed with the certificate");
        let Some(Service::Rtc(rtc)) = parsed.services().first() else {
            panic!("an RTC service");
        };
        assert_eq!((rtc.channel_name(), rtc.uid()), (channel, uid));
    }

    let basic_only = basic_client(&server.url());
    assert!(matches!(
        basic_only.send(&join("c", "1")).await,
        Err(Error::MissingCredentials { .. })
    ));
    assert_eq!(
        server.requests().len(),
        2,
        "nothing sent without a token source"
    );
}

#[tokio::test]
async fn whiteboard_keys_issue_a_fresh_sdk_token_for_every_attempt() {
    use agora_api::token::{
        ParsedWhiteboardToken, WhiteboardKeys, WhiteboardMinter, WhiteboardRole,
        WhiteboardTokenKind,
    };
    use agora_api::{HostSet, WhiteboardRegion};
    use agora_tests::beta::ListBetaRooms;

    let server = LocalServer::replying(Reply::json(503, r#"{"message":"busy"}"#)).await;
    let keys = WhiteboardKeys::new("ak-beta", "sk-beta").expect("keys");
    let client = Client::builder()
        .authorizer(
            AuthScheme::WHITEBOARD_TOKEN,
            WhiteboardMinter::new(keys.clone(), WhiteboardRegion::Sg).role(WhiteboardRole::Writer),
        )
        .base_url_for(HostSet::fixed("https://api.netless.link"), server.url())
        .retry(
            RetryPolicy::default()
                .max_attempts(2)
                .backoff([Duration::from_millis(5)])
                .jitter(false),
        )
        .build()
        .expect("a client");
    let error = client
        .send(&ListBetaRooms::builder().build())
        .await
        .expect_err("503 twice");
    assert!(!format!("{error:?}").contains("NETLESS"), "{error:?}");
    let requests = server.requests();
    assert_eq!(requests.len(), 2, "a GET is retried");
    let tokens: Vec<&str> = requests
        .iter()
        .map(|request| request.header("token").expect("a token header"))
        .collect();
    assert_ne!(tokens[0], tokens[1], "a new nonce each attempt");
    for (request, token) in requests.iter().zip(tokens) {
        assert_eq!(request.header("region"), Some("sg"));
        let parsed = ParsedWhiteboardToken::parse(token).expect("a Whiteboard token");
        assert_eq!(parsed.kind(), WhiteboardTokenKind::Sdk);
        assert_eq!(parsed.role(), Some(WhiteboardRole::Writer));
        parsed
            .verify(&keys)
            .expect("signed with the project's keys");
        assert!(!parsed.is_expired_at(std::time::SystemTime::now()));
    }
}
