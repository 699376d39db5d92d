//! The invalid requests of `specs/`: each entry's `invalid` list records
//! requests Agora refuses, with the field and the rule each breaks. Every
//! one is refused twice, by the same decoder: by the client's validation
//! (`Endpoint::decode`, which runs the rules `Client::send` runs) naming
//! exactly that field and rule, and by the emulator on the wire, with a
//! `400` in the product's error shape that carries the same words, or with
//! the reply Agora documents for it (`agora_reply`).

use std::time::Duration;

use agora_api::token::WhiteboardRole;
use agora_api::{AuthContext, AuthScheme, Authorizer, HmacAuth, reqwest};
use agora_mock::MockServer;
use agora_tests::examples::{self, Invalid};
use agora_tests::{BASIC_HEADER, CUSTOMER_ID, CUSTOMER_SECRET};
use serde_json::Value;

#[test]
fn every_invalid_case_is_refused_by_the_client_naming_its_field_and_rule() {
    let all = examples::invalid();
    assert!(!all.is_empty(), "specs/ records no invalid request");
    for case in &all {
        let label = case.label();
        let error = case
            .check()
            .err()
            .unwrap_or_else(|| panic!("{label}: decoded, but Agora refuses it"));
        assert_eq!(error.field(), case.field, "{label}: the field named");
        assert_eq!(error.rule(), case.rule, "{label}: the rule named");
    }
}

/// Whether any string in `value` contains `needle`.
fn says(value: &Value, needle: &str) -> bool {
    match value {
        Value::String(text) => text.contains(needle),
        Value::Array(items) => items.iter().any(|item| says(item, needle)),
        Value::Object(members) => members.values().any(|member| says(member, needle)),
        _ => false,
    }
}

/// The `Authorization` the emulator accepts for `case`'s endpoint: Basic
/// where it takes Basic, else an app-wide education token it verifies.
fn authorization(server: &MockServer, case: &Invalid) -> String {
    if case.auth().contains(&agora_api::AuthScheme::BASIC) {
        return BASIC_HEADER.to_owned();
    }
    let minter = agora_api::token::EducationTokenMinter::new(
        server.app_id().clone(),
        server.app_certificate().clone(),
    );
    let token = agora_api::TokenSource::token(&minter, &agora_api::TokenContext::NONE)
        .expect("an education token");
    format!("agora token={}", token.expose())
}

async fn sent_to(http: &reqwest::Client, server: &MockServer, case: &Invalid) -> (u16, Value) {
    let label = case.label();
    let method = reqwest::Method::from_bytes(case.method().as_bytes())
        .unwrap_or_else(|e| panic!("{label}: method: {e}"));
    let mut request = http
        .request(method, format!("{}{}", server.url(), case.target()))
        .header("content-type", "application/json")
        .headers(case.headers().clone());
    // The credentials the endpoint takes, valid, so that what is refused
    // is the request itself.
    if case.auth().contains(&AuthScheme::BASIC) {
        request = request.header("authorization", BASIC_HEADER);
    } else if case.auth().contains(&AuthScheme::WHITEBOARD_TOKEN) {
        let token = server
            .credentials()
            .whiteboard_keys
            .sdk_token(WhiteboardRole::Admin, Some(Duration::from_secs(600)))
            .unwrap_or_else(|e| panic!("{label}: a token: {e}"));
        // `region` is in the case's own headers.
        request = request.header("token", token.expose_secret());
    } else if case.auth().contains(&AuthScheme::EDUCATION_TOKEN) {
        request = request.header("authorization", authorization(server, case));
    }
    if !case.body().is_empty() {
        request = request.body(case.body().to_vec());
    }
    let mut request = request
        .build()
        .unwrap_or_else(|e| panic!("{label}: a request: {e}"));
    if !case.auth().contains(&AuthScheme::BASIC) && case.auth().contains(&AuthScheme::HMAC) {
        // An HMAC-only endpoint (Media Broadcast): signed over the exact
        // request, so that what is refused is the input, not the auth.
        let hmac = HmacAuth::new(CUSTOMER_ID, CUSTOMER_SECRET).expect("the test credentials");
        hmac.authorize(&mut request, &AuthContext::new("invalid", AuthScheme::HMAC))
            .unwrap_or_else(|e| panic!("{label}: signed: {e}"));
    }
    let response = http
        .execute(request)
        .await
        .unwrap_or_else(|e| panic!("{label}: the emulator answers: {e}"));
    let status = response.status().as_u16();
    let bytes = response
        .bytes()
        .await
        .unwrap_or_else(|e| panic!("{label}: a body: {e}"));
    let body = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
    (status, body)
}

#[tokio::test]
async fn every_invalid_case_is_refused_by_the_emulator_in_its_products_shape() {
    let server = MockServer::builder()
        .customer_id(CUSTOMER_ID)
        .customer_secret(CUSTOMER_SECRET)
        .start()
        .await
        .expect("the emulator starts");
    // reqwest is built without a default TLS provider; building an
    // agora-api client installs one.
    let _ = server.client();
    let http = reqwest::Client::new();
    for case in examples::invalid() {
        let label = case.label();
        let (status, body) = sent_to(&http, &server, &case).await;
        match &case.agora_reply {
            Some(reply) => {
                assert_eq!(status, reply["status"], "{label}: status");
                assert_eq!(body, reply["body"], "{label}: body");
            }
            None => {
                assert_eq!(status, 400, "{label}: {body}");
                let words = format!("invalid `{}`: {}", case.field, case.rule);
                assert!(
                    says(&body, &words),
                    "{label}: {body} does not say {words:?}"
                );
            }
        }
    }
}
