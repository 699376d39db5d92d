//! The emulator's notifications (NCS): what its products report as their
//! state changes, signed with the NCS secret and POSTed to one receiver,
//! retried as Agora retries, with faults that duplicate, reorder or delay
//! deliveries, and a journal of every attempt.
//!
//! Products emit with [`Account::notify`](crate::state::Account::notify)
//! while they hold the state; the notice goes into a bounded queue read by
//! one delivery task, so a slow or failing receiver never holds up a
//! request. Deliveries go out one after another, in the order the events
//! happened, unless a [`DeliveryFault`] says otherwise.

use std::collections::VecDeque;
use std::fmt;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use agora_api::Secret;
use agora_api::webhooks::{DeliveryPolicy, DeliveryReport, Notification, NotificationSender};
use tokio::sync::mpsc;

use crate::server::lock;

/// How many notices may wait for delivery; more are dropped (and
/// journaled as dropped) rather than kept without bound.
pub(crate) const QUEUE: usize = 1024;
/// How many deliveries the journal keeps, the oldest dropped first.
pub(crate) const MAX_DELIVERIES: usize = 10_000;
/// How long a notice held back by [`DeliveryFault::Reorder`] waits for the
/// next one before it goes anyway.
const REORDER_WAIT: Duration = Duration::from_secs(1);

/// Where the emulator delivers its notifications, and how.
///
/// ```
/// use std::time::Duration;
/// use agora_api::webhooks::DeliveryPolicy;
/// use agora_mock::WebhookTarget;
///
/// let target = WebhookTarget::new("http://127.0.0.1:8080/ncs", "ncs-secret")
///     .policy(DeliveryPolicy::quick(Duration::from_millis(10)));
/// assert_eq!(target.url(), "http://127.0.0.1:8080/ncs");
/// ```
#[derive(Clone)]
pub struct WebhookTarget {
    url: String,
    secret: Secret,
    policy: DeliveryPolicy,
}

impl fmt::Debug for WebhookTarget {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WebhookTarget")
            .field("url", &self.url)
            .field("secret", &self.secret)
            .field("policy", &self.policy)
            .finish()
    }
}

impl WebhookTarget {
    /// Deliveries to `url`, signed with the NCS `secret`, retried as Agora
    /// does ([`DeliveryPolicy::default`]).
    pub fn new(url: impl Into<String>, secret: impl Into<Secret>) -> Self {
        WebhookTarget {
            url: url.into(),
            secret: secret.into(),
            policy: DeliveryPolicy::default(),
        }
    }

    /// How failed attempts are retried (tests shorten the backoff).
    pub fn policy(mut self, policy: DeliveryPolicy) -> Self {
        self.policy = policy;
        self
    }

    /// The receiver's URL.
    pub fn url(&self) -> &str {
        &self.url
    }
}

/// A fault in how the next notifications are delivered (Agora gives no
/// order guarantee and resends what it thinks failed: receivers must cope).
///
/// ```
/// use std::time::Duration;
/// use agora_mock::DeliveryFault;
/// let fault = DeliveryFault::Delay(Duration::from_millis(50));
/// assert_eq!(fault.to_string(), "delayed 50ms");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum DeliveryFault {
    /// The notification is delivered twice (the same `noticeId`, a later
    /// `notifyMs`), as when Agora did not see the first answer.
    Duplicate,
    /// The notification is held back and delivered after the next one (or
    /// after a second if none comes).
    Reorder,
    /// The notification goes out this much later.
    Delay(Duration),
}

impl fmt::Display for DeliveryFault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DeliveryFault::Duplicate => f.write_str("duplicated"),
            DeliveryFault::Reorder => f.write_str("reordered"),
            DeliveryFault::Delay(delay) => write!(f, "delayed {delay:?}"),
        }
    }
}

/// One delivery the emulator made (or could not make), for tests.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Delivery {
    /// The notification as first built (each attempt carries its own
    /// `notifyMs`: see [`report`](Self::report)).
    pub notification: Notification,
    /// Every attempt and what it got back; empty when the notice was
    /// dropped because the queue was full.
    pub report: DeliveryReport,
    /// The fault applied to it, if any.
    pub fault: Option<DeliveryFault>,
}

impl Delivery {
    /// Whether the receiver answered `200` in the end.
    pub fn delivered(&self) -> bool {
        self.report.delivered()
    }
}

/// What the delivery task and the server share: pending faults and the
/// journal of deliveries.
#[derive(Debug, Default)]
pub(crate) struct DeliveryLog {
    faults: Mutex<VecDeque<DeliveryFault>>,
    deliveries: Mutex<VecDeque<Delivery>>,
}

impl DeliveryLog {
    pub(crate) fn inject(&self, fault: DeliveryFault) {
        lock(&self.faults).push_back(fault);
    }

    fn next_fault(&self) -> Option<DeliveryFault> {
        lock(&self.faults).pop_front()
    }

    pub(crate) fn record(&self, delivery: Delivery) {
        let mut deliveries = lock(&self.deliveries);
        if deliveries.len() >= MAX_DELIVERIES {
            deliveries.pop_front();
        }
        deliveries.push_back(delivery);
    }

    pub(crate) fn deliveries(&self) -> Vec<Delivery> {
        lock(&self.deliveries).iter().cloned().collect()
    }
}

/// The emitting end, kept in the account: `None` when no receiver is
/// configured (then nothing is built or kept).
#[derive(Default)]
pub(crate) struct Outbox {
    queue: Option<(mpsc::Sender<Notification>, Arc<DeliveryLog>)>,
}

impl fmt::Debug for Outbox {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Outbox")
            .field("enabled", &self.queue.is_some())
            .finish()
    }
}

impl Outbox {
    /// Whether a receiver is configured (products skip building payloads
    /// otherwise).
    pub(crate) fn enabled(&self) -> bool {
        self.queue.is_some()
    }

    /// Queues `notification`; a full queue drops it, journaled as such.
    pub(crate) fn push(&self, notification: Notification) {
        let Some((queue, log)) = &self.queue else {
            return;
        };
        if let Err(mpsc::error::TrySendError::Full(notification)) = queue.try_send(notification) {
            log.record(Delivery {
                notification,
                report: DeliveryReport::default(),
                fault: None,
            });
        }
    }
}

/// Starts the delivery task for `target` and gives the outbox that feeds
/// it. The task ends when the outbox (the server's state) is dropped.
pub(crate) fn start(
    target: &WebhookTarget,
    log: &Arc<DeliveryLog>,
) -> Result<Outbox, agora_api::Error> {
    let sender =
        NotificationSender::new(&target.url, &target.secret)?.policy(target.policy.clone());
    let (queue, notices) = mpsc::channel(QUEUE);
    tokio::spawn(deliver_all(sender, notices, log.clone()));
    Ok(Outbox {
        queue: Some((queue, log.clone())),
    })
}

async fn deliver_all(
    sender: NotificationSender,
    mut notices: mpsc::Receiver<Notification>,
    log: Arc<DeliveryLog>,
) {
    let mut held: Option<Notification> = None;
    loop {
        let next = match &held {
            None => notices.recv().await,
            Some(_) => tokio::time::timeout(REORDER_WAIT, notices.recv())
                .await
                .unwrap_or(None),
        };
        let Some(notification) = next else {
            // The queue closed or the held notice waited long enough.
            if let Some(late) = held.take() {
                deliver(&sender, &log, late, Some(DeliveryFault::Reorder)).await;
                continue;
            }
            return;
        };
        match log.next_fault() {
            Some(DeliveryFault::Reorder) if held.is_none() => {
                held = Some(notification);
                continue;
            }
            Some(DeliveryFault::Duplicate) => {
                deliver(&sender, &log, notification.clone(), None).await;
                deliver(&sender, &log, notification, Some(DeliveryFault::Duplicate)).await;
            }
            Some(DeliveryFault::Delay(delay)) => {
                tokio::time::sleep(delay).await;
                deliver(
                    &sender,
                    &log,
                    notification,
                    Some(DeliveryFault::Delay(delay)),
                )
                .await;
            }
            // A second reorder while one is held: deliver this one as is.
            Some(DeliveryFault::Reorder) | None => {
                deliver(&sender, &log, notification, None).await;
            }
        }
        if let Some(late) = held.take() {
            deliver(&sender, &log, late, Some(DeliveryFault::Reorder)).await;
        }
    }
}

async fn deliver(
    sender: &NotificationSender,
    log: &DeliveryLog,
    notification: Notification,
    fault: Option<DeliveryFault>,
) {
    let report = sender.deliver(&notification).await;
    log.record(Delivery {
        notification,
        report,
        fault,
    });
}
