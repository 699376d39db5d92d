//! Secrets (the customer secret, the Basic header, RTM tokens, storage keys)
//! never appear in `Debug`, `Display`, errors or the `tracing` output of a
//! call, while the call's span still says what happened.

use std::fmt::Write as _;
use std::sync::{Arc, Mutex, PoisonError};

use agora_api::cloud_recording::{
    Acquire, AcquireClientRequest, StartParameter, StorageConfig, StorageVendor,
};
use agora_api::rtm::GetUserEvents;
use agora_api::{AppId, ChannelName, Client, UidString, UserId};
use agora_tests::{LocalServer, Reply};
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Metadata, Subscriber};

const SECRET: &str = "customer_secret_TOP";
/// base64("customer_id:customer_secret_TOP"), the header value itself.
const BASIC_B64: &str = "Y3VzdG9tZXJfaWQ6Y3VzdG9tZXJfc2VjcmV0X1RPUA";
const TOKEN: &str = "007tokenSECRETvalue";
const STORAGE_KEY: &str = "storage-SECRET-key";

/// Every span name, field and event a call produced, as text.
#[derive(Clone, Default)]
struct Capture(Arc<Mutex<String>>);

impl Capture {
    fn text(&self) -> String {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }
}

impl Visit for Capture {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        let mut out = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        let _ = write!(out, " {}={:?}", field.name(), value);
    }
}

impl Subscriber for Capture {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }
    fn new_span(&self, span: &Attributes<'_>) -> Id {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push_str(&format!("\nspan {}", span.metadata().name()));
        span.record(&mut self.clone());
        Id::from_u64(1)
    }
    fn record(&self, _: &Id, values: &Record<'_>) {
        values.record(&mut self.clone());
    }
    fn record_follows_from(&self, _: &Id, _: &Id) {}
    fn event(&self, event: &Event<'_>) {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push_str("\nevent");
        event.record(&mut self.clone());
    }
    fn enter(&self, _: &Id) {}
    fn exit(&self, _: &Id) {}
}

fn assert_no_secret(text: &str, what: &str) {
    for secret in [SECRET, BASIC_B64, TOKEN, STORAGE_KEY, "SECRET"] {
        assert!(!text.contains(secret), "{what} leaks {secret:?}: {text}");
    }
}

fn client(base_url: &str) -> Client {
    Client::builder()
        .basic_auth("customer_id", SECRET)
        .rtm_token(TOKEN, UserId::new("alice").expect("a valid user ID"))
        .base_url(base_url)
        .build()
        .expect("a valid client")
}

fn acquire_with_storage() -> Acquire {
    let mut start = StartParameter::new(StorageConfig::new(
        StorageVendor::AmazonS3,
        0,
        "bucket",
        "access",
        STORAGE_KEY,
    ));
    start.token = Some(TOKEN.into());
    Acquire::builder()
        .appid(AppId::new("0123456789abcdef0123456789abcdef").expect("a valid App ID"))
        .cname(ChannelName::new("demo").expect("a valid channel name"))
        .uid(UidString::new(1).expect("a valid uid"))
        .client_request(AcquireClientRequest {
            start_parameter: Some(start),
            ..AcquireClientRequest::default()
        })
        .build()
}

#[test]
fn debug_of_the_client_its_builder_and_requests_shows_no_secret() {
    let builder = Client::builder()
        .basic_auth("customer_id", SECRET)
        .rtm_token(TOKEN, UserId::new("alice").expect("a valid user ID"));
    assert_no_secret(&format!("{builder:?}"), "ClientBuilder Debug");
    let client = builder.build().expect("a valid client");
    let debug = format!("{client:?}");
    assert_no_secret(&debug, "Client Debug");
    assert!(
        debug.contains("customer_id"),
        "the non-secret ID is shown: {debug}"
    );

    let acquire = acquire_with_storage();
    assert_no_secret(&format!("{acquire:?}"), "request Debug");
    // The prepared request is for sending: its headers are marked
    // sensitive, so their Debug is redacted too.
    let prepared = client.prepare(&acquire).expect("a request");
    assert_no_secret(
        &format!("{:?}", prepared.headers()),
        "prepared headers Debug",
    );
    assert!(
        prepared.headers()["authorization"].is_sensitive(),
        "the Basic header is marked sensitive"
    );
}

/// Set in the child process that runs
/// [`errors_and_the_tracing_output_of_calls_show_no_secret`] alone.
const TRACING_CHILD: &str = "AGORA_TEST_TRACING_CHILD";

/// tracing caches each callsite's interest process-wide: a span first hit
/// by another test while no subscriber was set can stay disabled for the
/// scoped subscriber here. The check runs in a child process of this test
/// binary, with no other test beside it.
#[test]
fn errors_and_the_tracing_output_of_calls_show_no_secret() {
    if std::env::var_os(TRACING_CHILD).is_some() {
        tracing_output_shows_no_secret();
        return;
    }
    let exe = std::env::current_exe().expect("the test binary");
    let status = std::process::Command::new(exe)
        .args([
            "secrets::errors_and_the_tracing_output_of_calls_show_no_secret",
            "--exact",
            "--quiet",
        ])
        .env(TRACING_CHILD, "1")
        .status()
        .expect("the child runs");
    assert!(
        status.success(),
        "the child's checks failed (its output is above)"
    );
}

fn tracing_output_shows_no_secret() {
    let capture = Capture::default();
    let subscriber = capture.clone();
    tracing::subscriber::with_default(subscriber, || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a runtime");
        runtime.block_on(async {
            let server = LocalServer::replying(
                Reply::json(401, r#"{"message":"Invalid authentication credentials"}"#)
                    .header("x-request-id", "req-7"),
            )
            .await;
            let client = client(&server.url());
            let error = client
                .send(&acquire_with_storage())
                .await
                .expect_err("a 401");
            assert_no_secret(&error.to_string(), "error Display");
            assert_no_secret(&format!("{error:?}"), "error Debug");

            let token_call = Client::builder()
                .rtm_token(TOKEN, UserId::new("alice").expect("a valid user ID"))
                .base_url(server.url())
                .build()
                .expect("a valid client")
                .send(
                    &GetUserEvents::builder()
                        .appid(
                            AppId::new("0123456789abcdef0123456789abcdef").expect("a valid App ID"),
                        )
                        .build(),
                )
                .await
                .expect_err("a 401");
            assert_no_secret(&format!("{token_call:?}"), "token call error Debug");
        });
    });
    let text = capture.text();
    assert_no_secret(&text, "tracing output");
    assert!(text.contains("span agora.request"), "{text}");
    assert!(text.contains("endpoint=\"Acquire\""), "{text}");
    assert!(text.contains("status=401"), "{text}");
    assert!(text.contains("request_id=\"req-7\""), "{text}");
    assert!(text.contains("latency_ms="), "{text}");
}
