//! Arbitrary requests through the emulator: its request parsing, routing,
//! authentication and every product's handler. Any panic is a bug; every
//! request gets an answer (no fault is injected, so none is dropped).
//!
//! Input: one byte picks the method, one the credentials (none, Basic, an
//! RTM token), then the target up to the first newline, then the body.
#![no_main]

use std::sync::OnceLock;

use agora_api::token::TokenBuilder;
use agora_mock::MockServer;
use agora_mock::hyper::{Request, body::Bytes};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use libfuzzer_sys::fuzz_target;

struct Fixture {
    runtime: tokio::runtime::Runtime,
    server: MockServer,
    basic: String,
    token: String,
}

fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a runtime");
        let server = runtime.block_on(async {
            MockServer::builder()
                .journal_limit(64)
                .start()
                .await
                .expect("the emulator starts")
        });
        let credentials = server.credentials();
        let basic = format!(
            "Basic {}",
            BASE64.encode(format!(
                "{}:{}",
                credentials.customer_id,
                credentials.customer_secret.expose()
            ))
        );
        let token = TokenBuilder::new(
            credentials.app_id.clone(),
            credentials.app_certificate.clone(),
        )
        .rtm_token("fuzzer", 86_400)
        .expect("a token")
        .expose_secret()
        .to_owned();
        Fixture {
            runtime,
            server,
            basic,
            token,
        }
    })
}

fuzz_target!(|data: &[u8]| {
    let [method, auth, rest @ ..] = data else {
        return;
    };
    let method = ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD"][usize::from(*method) % 6];
    let (target, body) = match rest.iter().position(|byte| *byte == b'\n') {
        Some(at) => (&rest[..at], &rest[at + 1..]),
        None => (rest, &[][..]),
    };
    let Ok(target) = std::str::from_utf8(target) else {
        return;
    };
    let fixture = fixture();
    let mut request = Request::builder()
        .method(method)
        .uri(if target.starts_with('/') {
            target.to_owned()
        } else {
            format!("/{target}")
        })
        .header("content-type", "application/json");
    request = match auth % 3 {
        0 => request,
        1 => request.header("authorization", fixture.basic.as_str()),
        _ => request
            .header("authorization", format!("agora token={}", fixture.token))
            .header("x-agora-uid", "fuzzer"),
    };
    // Targets that are not a valid URI are refused before the emulator,
    // as hyper would.
    let Ok(request) = request.body(Bytes::copy_from_slice(body)) else {
        return;
    };
    let answer = fixture.runtime.block_on(fixture.server.answer(request));
    assert!(
        answer.is_some(),
        "no fault is injected, so every request is answered"
    );
});
