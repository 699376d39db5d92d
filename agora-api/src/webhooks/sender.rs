//! The sending side of NCS, for an emulator or a test that plays Agora:
//! sign a notification, POST it, and retry a failure as Agora does.

use std::time::{Duration, SystemTime};

use super::{Notification, Signer};
use crate::Secret;

/// How Agora retries a delivery: a non-`200` answer, or none within
/// 10 seconds, is a failure; the first retry goes at once, the next ones
/// after growing intervals (Agora publishes none: here `backoff`, then
/// twice it, and so on), at most three retries, with `notifyMs` updated on
/// every attempt.
///
/// ```
/// use std::time::Duration;
/// use agora_api::webhooks::DeliveryPolicy;
/// let policy = DeliveryPolicy::default();
/// assert_eq!(policy.max_retries, 3);
/// assert_eq!(policy.delay_before_retry(1), Duration::ZERO);
/// assert_eq!(policy.delay_before_retry(2), policy.backoff);
/// assert_eq!(policy.delay_before_retry(3), policy.backoff * 2);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct DeliveryPolicy {
    /// Retries after the first attempt (Agora: 3).
    pub max_retries: u32,
    /// The wait before the second retry; it doubles after.
    pub backoff: Duration,
    /// How long an attempt may take before it counts as failed (Agora: 10 s).
    pub attempt_timeout: Duration,
}

impl Default for DeliveryPolicy {
    fn default() -> Self {
        DeliveryPolicy {
            max_retries: 3,
            backoff: Duration::from_secs(1),
            attempt_timeout: Duration::from_secs(10),
        }
    }
}

impl DeliveryPolicy {
    /// Agora's retry count and timeout with a short backoff, for tests.
    pub fn quick(backoff: Duration) -> Self {
        DeliveryPolicy {
            backoff,
            ..DeliveryPolicy::default()
        }
    }

    /// The wait before retry `retry` (1-based): none before the first,
    /// `backoff × 2^(retry − 2)` after, saturating.
    pub fn delay_before_retry(&self, retry: u32) -> Duration {
        match retry {
            0 | 1 => Duration::ZERO,
            n => {
                let factor = 1u32.checked_shl(n - 2).unwrap_or(u32::MAX);
                self.backoff.checked_mul(factor).unwrap_or(Duration::MAX)
            }
        }
    }
}

/// What one attempt got back.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum AttemptOutcome {
    /// The receiver answered with this status (only `200` is success).
    Status(u16),
    /// No answer within the attempt timeout.
    Timeout,
    /// The request failed (connection refused, reset, ...).
    Failed(String),
}

/// One attempt of a delivery.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct DeliveryAttempt {
    /// The `notifyMs` this attempt carried.
    pub notify_ms: u64,
    /// What came back.
    pub outcome: AttemptOutcome,
}

/// Every attempt of one delivery, for a journal.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct DeliveryReport {
    /// The attempts, first to last.
    pub attempts: Vec<DeliveryAttempt>,
}

impl DeliveryReport {
    /// Whether the last attempt got a `200`.
    ///
    /// ```
    /// assert!(!agora_api::webhooks::DeliveryReport::default().delivered());
    /// ```
    pub fn delivered(&self) -> bool {
        self.attempts
            .last()
            .is_some_and(|attempt| attempt.outcome == AttemptOutcome::Status(200))
    }
}

/// POSTs signed notifications to one receiver, retrying as Agora does.
///
/// It follows no redirect and uses no proxy; plain `http://` is allowed
/// (loopback receivers in tests), though Agora itself sends only HTTPS.
///
/// ```no_run
/// use agora_api::{Secret, webhooks::{DeliveryPolicy, Notification, NotificationSender}};
/// # async fn run() -> Result<(), Box<dyn std::error::Error>> {
/// let sender = NotificationSender::new("http://127.0.0.1:8080/ncs", &Secret::new("ncs-secret"))?
///     .policy(DeliveryPolicy::default());
/// let notification = Notification::new(
///     "n-1", 1, 101, 0, serde_json::json!({"channelName": "demo", "ts": 1}),
/// );
/// let report = sender.deliver(&notification).await;
/// assert!(report.delivered());
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
pub struct NotificationSender {
    http: reqwest::Client,
    url: reqwest::Url,
    signer: std::sync::Arc<Signer>,
    policy: DeliveryPolicy,
}

impl NotificationSender {
    /// A sender to `url`, signing with `secret`.
    pub fn new(url: &str, secret: &Secret) -> Result<Self, crate::Error> {
        let url = reqwest::Url::parse(url)
            .map_err(|error| crate::Error::Config(format!("bad receiver URL: {error}")))?;
        crate::builder::install_crypto_provider();
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .no_proxy()
            .build()
            .map_err(|error| {
                crate::Error::Config(format!("cannot build the HTTP client: {error}"))
            })?;
        Ok(NotificationSender {
            http,
            url,
            signer: std::sync::Arc::new(Signer::new(secret)),
            policy: DeliveryPolicy::default(),
        })
    }

    /// The retry policy ([`DeliveryPolicy::default`] unless set).
    pub fn policy(mut self, policy: DeliveryPolicy) -> Self {
        self.policy = policy;
        self
    }

    /// Sends `notification` once, as it is (its own `notifyMs`), signed:
    /// for an emulator's fault injection (a duplicate, a reordered copy).
    pub async fn send_once(&self, notification: &Notification) -> AttemptOutcome {
        self.post(notification.to_body()).await
    }

    /// Delivers `notification`: the first attempt and up to
    /// `max_retries` more until one gets `200`, each with `notifyMs` set to
    /// the time it is sent (never earlier than the one before).
    pub async fn deliver(&self, notification: &Notification) -> DeliveryReport {
        let mut attempt = notification.clone();
        let mut report = DeliveryReport::default();
        let mut last_notify_ms = 0;
        for retry in 0..=self.policy.max_retries {
            let delay = self.policy.delay_before_retry(retry);
            if !delay.is_zero() {
                tokio::time::sleep(delay).await;
            }
            attempt.notify_ms = now_ms().max(last_notify_ms);
            last_notify_ms = attempt.notify_ms;
            let outcome = self.post(attempt.to_body()).await;
            let delivered = outcome == AttemptOutcome::Status(200);
            report.attempts.push(DeliveryAttempt {
                notify_ms: attempt.notify_ms,
                outcome,
            });
            if delivered {
                break;
            }
        }
        report
    }

    async fn post(&self, body: Vec<u8>) -> AttemptOutcome {
        let headers = self.signer.sign(&body).to_headers();
        let request = self
            .http
            .post(self.url.clone())
            .headers(headers)
            .body(body)
            .send();
        match tokio::time::timeout(self.policy.attempt_timeout, request).await {
            Err(_) => AttemptOutcome::Timeout,
            Ok(Err(error)) if error.is_timeout() => AttemptOutcome::Timeout,
            Ok(Err(error)) => AttemptOutcome::Failed(error.to_string()),
            Ok(Ok(response)) => AttemptOutcome::Status(response.status().as_u16()),
        }
    }
}

/// Now, in Unix ms (0 before 1970, saturating far after).
fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map(|since| u64::try_from(since.as_millis()).unwrap_or(u64::MAX))
        .unwrap_or(0)
}
