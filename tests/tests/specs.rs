//! `specs/` against the code: each spec entry's method, path template, auth
//! schemes and idempotency equal the endpoint's, and each documented example
//! request, prepared for Agora's real host, is reproduced exactly.
//!
//! When `AGORA_REQUESTS_JSONL` names a file, the prepared requests are also
//! written there, one JSON line each, for the official OpenAPI checker
//! (`../shared/conformance/check-requests`, run by `.ci/run`).

use std::io::Write as _;

use agora_api::cloud_recording::{Acquire, AcquireClientRequest, Scene};
use agora_api::console::ListProjects;
use agora_api::rtm::GetUserEvents;
use agora_api::{AppId, ChannelName, Endpoint, UidString};
use agora_tests::{BASIC_HEADER, basic_client, spec_entry};

/// Checks the facts of `E` against its spec entry and the prepared example
/// request against the documented one; returns the request as a JSON line.
fn check<E: Endpoint>(file: &str, endpoint: &E) -> serde_json::Value {
    let entry = spec_entry(file, E::NAME);
    assert_eq!(entry["method"], E::METHOD.as_str(), "{}: method", E::NAME);
    assert_eq!(entry["path"], E::PATH, "{}: path", E::NAME);
    let auth: Vec<&str> = E::AUTH.iter().map(|scheme| scheme.name()).collect();
    assert_eq!(entry["auth"], serde_json::json!(auth), "{}: auth", E::NAME);
    assert_eq!(
        entry["idempotent"],
        E::IDEMPOTENT,
        "{}: idempotent",
        E::NAME
    );

    let example = &entry["example"]["request"];
    let url = example["url"].as_str().expect("an example URL");
    let base = url.splitn(4, '/').take(3).collect::<Vec<_>>().join("/");
    let request = basic_client(&base)
        .prepare(endpoint)
        .expect("a prepared request");
    assert_eq!(
        request.method().as_str(),
        example["method"],
        "{}: method",
        E::NAME
    );
    assert_eq!(request.url().as_str(), url, "{}: URL", E::NAME);
    assert_eq!(request.headers()["authorization"], BASIC_HEADER);
    assert_eq!(request.headers()["content-type"], "application/json");
    let body = request
        .body()
        .and_then(|body| body.as_bytes())
        .map(|bytes| serde_json::from_slice::<serde_json::Value>(bytes).expect("a JSON body"))
        .unwrap_or(serde_json::Value::Null);
    assert_eq!(body, example["body"], "{}: body", E::NAME);

    serde_json::json!({
        "name": E::NAME,
        "method": request.method().as_str(),
        "url": request.url().as_str(),
        "headers": request
            .headers()
            .iter()
            .map(|(name, value)| (name.as_str(), value.to_str().unwrap_or_default()))
            .collect::<std::collections::BTreeMap<_, _>>(),
        "body": body,
    })
}

#[test]
fn every_spec_example_is_reproduced_exactly() {
    let lines = [
        check("console", &ListProjects::builder().build()),
        check(
            "rtm",
            &GetUserEvents::builder()
                .appid(AppId::new("876922cbca0098dff4323566daa89675").expect("a valid App ID"))
                .build(),
        ),
        check(
            "cloud-recording",
            &Acquire::builder()
                .appid(AppId::new("0123456789abcdef0123456789abcdef").expect("a valid App ID"))
                .cname(ChannelName::new("<your_channel_name>").expect("a valid channel name"))
                .uid(UidString::new(527841).expect("a valid uid"))
                .client_request(AcquireClientRequest {
                    scene: Some(Scene::Rtc),
                    resource_expired_hour: Some(24),
                    ..AcquireClientRequest::default()
                })
                .build(),
        ),
    ];
    if let Some(path) = std::env::var_os("AGORA_REQUESTS_JSONL") {
        let mut file = std::fs::File::create(&path).expect("create the JSONL file");
        for line in &lines {
            writeln!(file, "{line}").expect("write a JSONL line");
        }
    }
}
