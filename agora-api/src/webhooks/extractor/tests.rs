//! The extractor behind a real axum server on loopback, fed by the
//! crate's own sender (signing and retrying as Agora does) and by raw
//! requests.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::extract::{FromRef, State};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use serde_json::json;

use super::super::*;
use crate::Secret;

const SECRET: &str = "loopback-ncs-secret";

#[derive(Clone)]
struct App {
    verifier: Arc<Verifier>,
    seen: Arc<Mutex<Deduplicator>>,
    /// (notifyMs, first sight, event) per accepted notification.
    received: Arc<Mutex<Vec<(u64, bool, Event)>>>,
    hits: Arc<AtomicUsize>,
    fail_next: Arc<AtomicBool>,
}

impl FromRef<App> for Arc<Verifier> {
    fn from_ref(app: &App) -> Self {
        app.verifier.clone()
    }
}

async fn ncs(
    State(app): State<App>,
    VerifiedNotification(notification): VerifiedNotification,
) -> Response {
    app.hits.fetch_add(1, Ordering::SeqCst);
    if app.fail_next.swap(false, Ordering::SeqCst) {
        return axum::http::StatusCode::INTERNAL_SERVER_ERROR.into_response();
    }
    let fresh = app
        .seen
        .lock()
        .map(|mut seen| seen.first_sight(&DedupKey::of(&notification)))
        .unwrap_or(false);
    if let Ok(mut received) = app.received.lock() {
        received.push((notification.notify_ms, fresh, notification.event()));
    }
    Acknowledge.into_response()
}

/// Serves `ncs` on 127.0.0.1 and gives its URL.
async fn serve(limit: usize) -> (String, App) {
    let app = App {
        verifier: Arc::new(Verifier::new(&Secret::new(SECRET)).max_body_bytes(limit)),
        seen: Arc::new(Mutex::new(Deduplicator::new(64))),
        received: Arc::default(),
        hits: Arc::default(),
        fail_next: Arc::default(),
    };
    let router = Router::new()
        .route("/ncs", post(ncs))
        .with_state(app.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .unwrap_or_else(|e| panic!("bind: {e}"));
    let address = listener
        .local_addr()
        .unwrap_or_else(|e| panic!("address: {e}"));
    tokio::spawn(async move { axum::serve(listener, router).await });
    (format!("http://{address}/ncs"), app)
}

fn join(uid: u32, client_seq: u64) -> Notification {
    Notification::new(
        format!("notice-{uid}-{client_seq}"),
        product_id::RTC,
        105,
        0,
        json!({"channelName": "demo", "uid": uid, "platform": 7, "clientSeq": client_seq, "ts": 1}),
    )
}

fn raw_client() -> reqwest::Client {
    crate::builder::install_crypto_provider();
    reqwest::Client::builder()
        .no_proxy()
        .build()
        .unwrap_or_else(|e| panic!("{e}"))
}

#[tokio::test]
async fn signed_notifications_are_typed_and_answered_with_json() {
    let (url, app) = serve(DEFAULT_MAX_BODY_BYTES).await;
    let sender =
        NotificationSender::new(&url, &Secret::new(SECRET)).unwrap_or_else(|e| panic!("{e}"));
    let report = sender.deliver(&join(7, 1)).await;
    assert!(report.delivered(), "{report:?}");
    assert_eq!(report.attempts.len(), 1);

    // The answer is the JSON `{}` Agora asks for.
    let body = join(8, 1).to_body();
    let headers = Signer::new(&Secret::new(SECRET)).sign(&body).to_headers();
    let response = raw_client()
        .post(&url)
        .headers(headers)
        .body(body)
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "application/json");
    assert_eq!(response.text().await.ok().as_deref(), Some("{}"));

    let received = app.received.lock().map(|r| r.clone()).unwrap_or_default();
    let uids: Vec<Option<u32>> = received
        .iter()
        .map(|(_, _, event)| match event {
            Event::RtcChannel(RtcChannelEvent::AudienceJoined(joined)) => Some(joined.uid),
            _ => None,
        })
        .collect();
    assert_eq!(uids, [Some(7), Some(8)]);
}

#[tokio::test]
async fn unsigned_tampered_oversized_and_foreign_bodies_never_reach_the_handler() {
    let (url, app) = serve(512).await;
    let client = raw_client();
    let signer = Signer::new(&Secret::new(SECRET));
    let body = join(7, 1).to_body();
    let post = |headers: http::HeaderMap, body: Vec<u8>| {
        let request = client.post(&url).headers(headers).body(body);
        async move {
            let response = request.send().await.unwrap_or_else(|e| panic!("{e}"));
            (
                response.status().as_u16(),
                response.text().await.unwrap_or_default(),
            )
        }
    };

    let (status, text) = post(http::HeaderMap::new(), body.clone()).await;
    assert_eq!((status, text.contains("Agora-Signature")), (401, true));

    let mut tampered = body.clone();
    tampered.push(b'\n');
    let (status, _) = post(signer.sign(&body).to_headers(), tampered).await;
    assert_eq!(status, 401);

    let other = Signer::new(&Secret::new("not-the-secret"));
    let (status, text) = post(other.sign(&body).to_headers(), body.clone()).await;
    assert_eq!(status, 401);
    assert!(!text.contains(SECRET) && !text.contains(other.sign(&body).sha256_hex()));

    let large = vec![b' '; 513];
    let (status, _) = post(signer.sign(&large).to_headers(), large).await;
    assert_eq!(status, 413);

    let foreign = b"{\"not\":\"an envelope\"}".to_vec();
    let (status, _) = post(signer.sign(&foreign).to_headers(), foreign).await;
    assert_eq!(status, 400);

    assert_eq!(app.hits.load(Ordering::SeqCst), 0);
}

#[tokio::test]
async fn a_failed_attempt_is_retried_and_duplicates_are_recognised() {
    let (url, app) = serve(DEFAULT_MAX_BODY_BYTES).await;
    let sender = NotificationSender::new(&url, &Secret::new(SECRET))
        .unwrap_or_else(|e| panic!("{e}"))
        .policy(DeliveryPolicy::quick(Duration::from_millis(5)));
    app.fail_next.store(true, Ordering::SeqCst);
    let notification = join(9, 3);
    let report = sender.deliver(&notification).await;
    assert!(report.delivered());
    let outcomes: Vec<&AttemptOutcome> = report.attempts.iter().map(|a| &a.outcome).collect();
    assert_eq!(
        outcomes,
        [&AttemptOutcome::Status(500), &AttemptOutcome::Status(200)]
    );
    assert!(report.attempts[0].notify_ms <= report.attempts[1].notify_ms);
    assert!(
        report.attempts[0].notify_ms > 0,
        "notifyMs is set to the send time"
    );

    // The emulator's duplicate: the same event sent again.
    let again = sender.send_once(&notification).await;
    assert_eq!(again, AttemptOutcome::Status(200));
    let fresh: Vec<bool> = app
        .received
        .lock()
        .map(|r| r.iter().map(|(_, fresh, _)| *fresh).collect())
        .unwrap_or_default();
    assert_eq!(fresh, [true, false]);
    assert_eq!(app.hits.load(Ordering::SeqCst), 3);
}

#[tokio::test]
async fn a_receiver_that_never_answers_200_gets_three_retries() {
    let (url, app) = serve(DEFAULT_MAX_BODY_BYTES).await;
    let sender = NotificationSender::new(&url, &Secret::new(SECRET))
        .unwrap_or_else(|e| panic!("{e}"))
        .policy(DeliveryPolicy::quick(Duration::from_millis(1)));
    // A signature under another secret: every attempt is refused.
    let wrong = NotificationSender::new(&url, &Secret::new("rotated"))
        .unwrap_or_else(|e| panic!("{e}"))
        .policy(DeliveryPolicy::quick(Duration::from_millis(1)));
    let report = wrong.deliver(&join(1, 1)).await;
    assert!(!report.delivered());
    assert_eq!(
        report.attempts.len(),
        4,
        "the first attempt and three retries"
    );
    assert!(
        report
            .attempts
            .iter()
            .all(|a| a.outcome == AttemptOutcome::Status(401))
    );
    assert_eq!(app.hits.load(Ordering::SeqCst), 0);
    assert!(sender.deliver(&join(1, 2)).await.delivered());
}

/// A body of `chunks` chunks of `size` bytes, with no declared length.
struct Chunks {
    chunks: usize,
    size: usize,
}

impl futures_core::Stream for Chunks {
    type Item = Result<Vec<u8>, std::io::Error>;

    fn poll_next(
        mut self: std::pin::Pin<&mut Self>,
        _: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Self::Item>> {
        if self.chunks == 0 {
            return std::task::Poll::Ready(None);
        }
        self.chunks -= 1;
        std::task::Poll::Ready(Some(Ok(vec![b'x'; self.size])))
    }
}

#[tokio::test]
async fn a_streamed_body_is_cut_off_at_the_limit() {
    let body = axum::body::Body::from_stream(Chunks {
        chunks: 3,
        size: 100,
    });
    let read = super::read_limited(body, 300).await;
    assert_eq!(read.map(|bytes| bytes.len()).ok(), Some(300));
    let body = axum::body::Body::from_stream(Chunks {
        chunks: 3,
        size: 100,
    });
    let Err(WebhookRejection::Receive(ReceiveError::Verify(VerifyError::TooLarge { size, limit }))) =
        super::read_limited(body, 250).await
    else {
        panic!("a body over the limit")
    };
    assert_eq!(
        (size, limit),
        (300, 250),
        "refused at the chunk that passed it"
    );
}
