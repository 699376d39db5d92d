//! A receiver for Agora's notifications (NCS): an axum server that checks
//! each signature, drops repeats and prints the typed events.
//!
//! ```text
//! AGORA_NCS_SECRET=... webhook_receiver [--listen 127.0.0.1:8080] [--exit-after N]
//! webhook_receiver --self-test
//! ```
//!
//! It answers `POST /ncs` with `200 {}` at once and prints afterwards, as
//! Agora's 10-second limit asks. `--self-test` serves on a free loopback
//! port, plays Agora against itself (signed deliveries, a retried failure,
//! a duplicate, a forged signature) and exits 0 only if every answer and
//! every printed event is as expected. `--exit-after N` stops the server
//! once it has printed N new events (CI runs it so against `agora-mock
//! --webhook-url`, the emulator delivering its own notifications).
//!
//! Run with `cargo run -p agora-api --features axum --example webhook_receiver`.

use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use agora_api::Secret;
use agora_api::webhooks::{
    Acknowledge, AttemptOutcome, DedupKey, Deduplicator, DeliveryPolicy, Event, Notification,
    NotificationSender, RtcChannelEvent, VerifiedNotification, Verifier, product_id,
};
use axum::Router;
use axum::extract::{FromRef, State};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use tokio::sync::Notify;

/// What the handlers share.
#[derive(Clone)]
struct Receiver {
    verifier: Arc<Verifier>,
    seen: Arc<Mutex<Deduplicator>>,
    /// One line per event handled, for the self-test to check.
    lines: Arc<Mutex<Vec<String>>>,
    /// Answer the next request `503` (the self-test's failed attempt).
    fail_next: Arc<AtomicBool>,
    /// New events still to print before the server stops (`--exit-after`).
    remaining: Option<Arc<AtomicUsize>>,
    /// Told when `remaining` reaches zero.
    done: Arc<Notify>,
}

impl FromRef<Receiver> for Arc<Verifier> {
    fn from_ref(receiver: &Receiver) -> Self {
        receiver.verifier.clone()
    }
}

async fn ncs(
    State(receiver): State<Receiver>,
    VerifiedNotification(notification): VerifiedNotification,
) -> Response {
    if receiver.fail_next.swap(false, Ordering::SeqCst) {
        return axum::http::StatusCode::SERVICE_UNAVAILABLE.into_response();
    }
    let key = DedupKey::of(&notification);
    let fresh = match receiver.seen.lock() {
        Ok(mut seen) => seen.first_sight(&key),
        // A poisoned lock: handle it rather than drop it.
        Err(_) => true,
    };
    // Answer first; describe and print after.
    tokio::spawn(async move {
        let line = if fresh {
            describe(&notification)
        } else {
            format!("repeat of {}", notification.notice_id)
        };
        println!("{line}");
        if let Ok(mut lines) = receiver.lines.lock() {
            lines.push(line);
        }
        if let (true, Some(remaining)) = (fresh, &receiver.remaining)
            && remaining.fetch_sub(1, Ordering::SeqCst) == 1
        {
            receiver.done.notify_one();
        }
    });
    Acknowledge.into_response()
}

/// One line about a notification.
fn describe(notification: &Notification) -> String {
    match notification.event() {
        Event::RtcChannel(event) => {
            let what = match &event {
                RtcChannelEvent::ChannelCreated(_) => "channel created",
                RtcChannelEvent::ChannelDestroyed(_) => "channel destroyed",
                RtcChannelEvent::BroadcasterJoined(_)
                | RtcChannelEvent::AudienceJoined(_)
                | RtcChannelEvent::CommunicationJoined(_) => "joined",
                RtcChannelEvent::BroadcasterLeft(_)
                | RtcChannelEvent::AudienceLeft(_)
                | RtcChannelEvent::CommunicationLeft(_) => "left",
                _ => "changed role",
            };
            match event.uid() {
                Some(uid) => format!("rtc: {uid} {what} {}", event.channel_name()),
                None => format!("rtc: {} {what}", event.channel_name()),
            }
        }
        Event::CloudRecording(event) => {
            format!(
                "cloud recording {}: event {}",
                event.sid, notification.event_type
            )
        }
        Event::Other(other) => format!(
            "product {} event {}: not typed ({})",
            other.product_id,
            other.event_type,
            other.typing_error.as_deref().unwrap_or("unknown pair")
        ),
        other => format!("{other:?}"),
    }
}

fn receiver(secret: &Secret) -> Receiver {
    Receiver {
        verifier: Arc::new(Verifier::new(secret)),
        seen: Arc::new(Mutex::new(Deduplicator::new(100_000))),
        lines: Arc::default(),
        fail_next: Arc::default(),
        remaining: None,
        done: Arc::default(),
    }
}

fn router(receiver: Receiver) -> Router {
    Router::new().route("/ncs", post(ncs)).with_state(receiver)
}

async fn serve(listen: &str, secret: &Secret, exit_after: Option<usize>) -> Result<(), String> {
    let listener = tokio::net::TcpListener::bind(listen)
        .await
        .map_err(|e| format!("cannot listen on {listen}: {e}"))?;
    eprintln!("listening on http://{listen}/ncs");
    let mut receiver = receiver(secret);
    receiver.remaining = exit_after.map(|count| Arc::new(AtomicUsize::new(count)));
    let done = receiver.done.clone();
    let server = axum::serve(listener, router(receiver));
    match exit_after {
        Some(_) => server
            .with_graceful_shutdown(async move { done.notified().await })
            .await
            .map_err(|e| format!("server: {e}")),
        None => server.await.map_err(|e| format!("server: {e}")),
    }
}

/// Plays Agora against a receiver on loopback; `Err` says what differed.
async fn self_test() -> Result<(), String> {
    let secret = Secret::new("self-test-ncs-secret");
    let receiver = receiver(&secret);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .map_err(|e| format!("bind: {e}"))?;
    let address = listener.local_addr().map_err(|e| e.to_string())?;
    tokio::spawn(axum::serve(listener, router(receiver.clone())).into_future());
    let url = format!("http://{address}/ncs");
    let agora = NotificationSender::new(&url, &secret)
        .map_err(|e| e.to_string())?
        .policy(DeliveryPolicy::quick(Duration::from_millis(10)));

    let payload = |uid: u32, seq: u64| serde_json::json!({"channelName": "demo", "uid": uid, "platform": 7, "clientSeq": seq, "ts": 1});
    let created = Notification::new(
        "n-1",
        product_id::RTC,
        101,
        0,
        serde_json::json!({"channelName": "demo", "ts": 1}),
    );
    let joined = Notification::new("n-2", product_id::RTC, 105, 0, payload(7, 1));
    let left = Notification::new("n-3", product_id::RTC, 106, 0, payload(7, 2));

    let report = agora.deliver(&created).await;
    check(report.delivered(), "the first delivery")?;
    // The receiver fails once: Agora resends with a new notifyMs.
    receiver.fail_next.store(true, Ordering::SeqCst);
    let report = agora.deliver(&joined).await;
    check(report.attempts.len() == 2, "one retry after a 503")?;
    check(report.delivered(), "the retry")?;
    // A duplicate, as NCS sends for reliability.
    check(
        agora.send_once(&joined).await == AttemptOutcome::Status(200),
        "a duplicate answered 200",
    )?;
    check(agora.deliver(&left).await.delivered(), "the leave")?;
    // Someone without the secret.
    let forger = NotificationSender::new(&url, &Secret::new("guess"))
        .map_err(|e| e.to_string())?
        .policy(DeliveryPolicy::quick(Duration::from_millis(1)));
    check(
        forger.send_once(&left).await == AttemptOutcome::Status(401),
        "a forged signature refused",
    )?;

    // The prints run after the answers: give them a moment.
    let expected = [
        "rtc: demo channel created",
        "rtc: 7 joined demo",
        "repeat of n-2",
        "rtc: 7 left demo",
    ];
    for _ in 0..100 {
        let count = receiver.lines.lock().map(|l| l.len()).unwrap_or(0);
        if count >= expected.len() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    // Printed from tasks: compare without their order.
    let mut lines = receiver.lines.lock().map(|l| l.clone()).unwrap_or_default();
    lines.sort();
    let mut expected = expected.map(String::from).to_vec();
    expected.sort();
    check(lines == expected, &format!("printed {lines:?}"))
}

fn check(ok: bool, what: &str) -> Result<(), String> {
    if ok {
        Ok(())
    } else {
        Err(format!("self-test failed: {what}"))
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.iter().map(String::as_str).collect::<Vec<_>>()[..] {
        ["--self-test"] => self_test().await.map(|()| println!("self-test passed")),
        [] | ["--listen", _] | ["--listen", _, "--exit-after", _] => {
            match std::env::var("AGORA_NCS_SECRET") {
                Ok(secret) => {
                    let listen = args.get(1).map_or("127.0.0.1:8080", String::as_str);
                    match args.get(3).map(|count| count.parse::<usize>()) {
                        Some(Ok(0)) | Some(Err(_)) => {
                            Err("--exit-after needs a positive count".into())
                        }
                        Some(Ok(count)) => serve(listen, &Secret::new(secret), Some(count)).await,
                        None => serve(listen, &Secret::new(secret), None).await,
                    }
                }
                Err(_) => Err("set AGORA_NCS_SECRET to the NCS secret shown in Console".into()),
            }
        }
        _ => {
            Err("usage: webhook_receiver [--listen ADDRESS [--exit-after N]] | --self-test".into())
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}
