//! Dropping repeated notifications: NCS sends some events more than once
//! and resends anything not answered `200` in time.

use std::collections::{HashMap, VecDeque};
use std::hash::{BuildHasher, Hash, RandomState};

use super::{Notification, product_id};

/// What makes two notifications the same event.
///
/// Not `notifyMs`: NCS updates it on every resend, so the pair `noticeId` +
/// `notifyMs` of Agora's own de-duplication tip never collapses a retry.
/// Whether a resend keeps its `noticeId` is not stated either; where the
/// payload carries a sequence of the product's own, that is the key:
///
/// * RTC user events (103–112): the user's `clientSeq` in its channel,
///   with the event type;
/// * Cloud Recording, Cloud Transcoding and Real-Time STT v5/v6: the
///   session (`sid`, or `taskId`), the recording `uid` (during a
///   failover both recorders report, told apart by it) and `sequence`,
///   with the event type;
/// * everything else (RTC 101/102, Media Push/Pull, Conversational AI,
///   Media Gateway, ...): `noticeId`, with the product and event type.
///
/// ```
/// use agora_api::webhooks::{DedupKey, Notification};
/// let first = Notification::from_slice(br#"{"noticeId":"a","productId":1,"eventType":103,"notifyMs":1,"payload":{"channelName":"c","uid":7,"clientSeq":42,"ts":1}}"#)?;
/// let resent = Notification::from_slice(br#"{"noticeId":"a","productId":1,"eventType":103,"notifyMs":2,"payload":{"channelName":"c","uid":7,"clientSeq":42,"ts":1}}"#)?;
/// assert_eq!(DedupKey::of(&first), DedupKey::of(&resent));
/// assert!(matches!(DedupKey::of(&first), DedupKey::RtcUser { client_seq: 42, .. }));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DedupKey {
    /// An RTC event about one user.
    RtcUser {
        /// The event type.
        event_type: u32,
        /// The channel.
        channel: String,
        /// The user.
        uid: u64,
        /// The user's `clientSeq`.
        client_seq: u64,
    },
    /// A notification of a product that numbers its notifications.
    Sequenced {
        /// The product.
        product_id: u32,
        /// The event type.
        event_type: u32,
        /// `sid` or `taskId`.
        session: String,
        /// The recording `uid`, where there is one.
        uid: Option<String>,
        /// `sequence`.
        sequence: u64,
    },
    /// Any other notification.
    Notice {
        /// The product.
        product_id: u32,
        /// The event type.
        event_type: u32,
        /// `noticeId`.
        notice_id: String,
    },
}

impl DedupKey {
    /// The key of `notification` (see the type's docs).
    pub fn of(notification: &Notification) -> Self {
        let payload = &notification.payload;
        let text = |name: &str| match payload.get(name) {
            Some(serde_json::Value::String(s)) => Some(s.clone()),
            Some(serde_json::Value::Number(n)) => Some(n.to_string()),
            _ => None,
        };
        let number = |name: &str| payload.get(name).and_then(serde_json::Value::as_u64);
        match notification.product_id {
            product_id::RTC => {
                if let (Some(channel), Some(uid), Some(client_seq)) =
                    (text("channelName"), number("uid"), number("clientSeq"))
                {
                    return DedupKey::RtcUser {
                        event_type: notification.event_type,
                        channel,
                        uid,
                        client_seq,
                    };
                }
            }
            product_id::CLOUD_RECORDING => {
                if let (Some(session), Some(sequence)) =
                    (text("sid").or_else(|| text("taskId")), number("sequence"))
                {
                    return DedupKey::Sequenced {
                        product_id: notification.product_id,
                        event_type: notification.event_type,
                        session,
                        uid: text("uid"),
                        sequence,
                    };
                }
            }
            _ => {}
        }
        DedupKey::Notice {
            product_id: notification.product_id,
            event_type: notification.event_type,
            notice_id: notification.notice_id.clone(),
        }
    }
}

/// Remembers the last `capacity` notifications seen and says whether one
/// is new: bounded memory whatever the senders send.
///
/// Keys are kept as 128-bit fingerprints (two independently, randomly
/// keyed SipHashes), so an entry is 16 bytes however long its
/// `noticeId` or channel name; the oldest key is forgotten first. Size it
/// for the retry window: Agora's three retries come within minutes, so
/// peak notifications per minute × a few minutes is plenty.
///
/// Mark a notification seen once it is handled; if handling fails and
/// you answer non-`200` so that Agora resends it, [`forget`](Self::forget)
/// it. Wrap it in a `Mutex` to share it between handlers.
///
/// ```
/// use agora_api::webhooks::{DedupKey, Deduplicator, Notification};
/// let mut seen = Deduplicator::new(10_000);
/// let body = br#"{"noticeId":"n-1","productId":17,"eventType":101,"notifyMs":1,"payload":{"agent_id":"a"}}"#;
/// let notification = Notification::from_slice(body)?;
/// assert!(seen.first_sight(&DedupKey::of(&notification)));
/// assert!(!seen.first_sight(&DedupKey::of(&notification)), "a repeat");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug)]
pub struct Deduplicator {
    capacity: usize,
    hashers: (RandomState, RandomState),
    /// Fingerprint → the generation it was inserted at.
    seen: HashMap<u128, u64>,
    /// Insertion order; entries whose generation no longer matches were
    /// forgotten and are skipped.
    order: VecDeque<(u128, u64)>,
    generation: u64,
}

impl Deduplicator {
    /// Remembers up to `capacity` keys (at least one).
    pub fn new(capacity: usize) -> Self {
        let capacity = capacity.max(1);
        Deduplicator {
            capacity,
            hashers: (RandomState::new(), RandomState::new()),
            seen: HashMap::with_capacity(capacity.min(4096)),
            order: VecDeque::with_capacity(capacity.min(4096)),
            generation: 0,
        }
    }

    /// How many keys it remembers at most.
    pub fn capacity(&self) -> usize {
        self.capacity
    }

    /// How many keys it remembers now.
    pub fn len(&self) -> usize {
        self.seen.len()
    }

    /// Whether it remembers nothing.
    pub fn is_empty(&self) -> bool {
        self.seen.is_empty()
    }

    /// Whether `key` was seen (and not forgotten or evicted since).
    pub fn contains(&self, key: &DedupKey) -> bool {
        self.seen.contains_key(&self.fingerprint(key))
    }

    /// Records `key`; `true` the first time, `false` for a repeat.
    pub fn first_sight(&mut self, key: &DedupKey) -> bool {
        let fingerprint = self.fingerprint(key);
        if self.seen.contains_key(&fingerprint) {
            return false;
        }
        self.generation = self.generation.wrapping_add(1);
        self.seen.insert(fingerprint, self.generation);
        self.order.push_back((fingerprint, self.generation));
        while self.seen.len() > self.capacity {
            let Some((oldest, generation)) = self.order.pop_front() else {
                break;
            };
            if self.seen.get(&oldest) == Some(&generation) {
                self.seen.remove(&oldest);
            }
        }
        // Forgotten keys leave stale entries behind; keep them bounded too.
        if self.order.len() > self.capacity.saturating_mul(2) {
            let seen = &self.seen;
            self.order
                .retain(|(fingerprint, generation)| seen.get(fingerprint) == Some(generation));
        }
        true
    }

    /// Forgets `key`, so that a resend of it counts as new.
    pub fn forget(&mut self, key: &DedupKey) {
        let fingerprint = self.fingerprint(key);
        self.seen.remove(&fingerprint);
    }

    fn fingerprint(&self, key: &DedupKey) -> u128 {
        let high = self.hashers.0.hash_one(key);
        let low = self.hashers.1.hash_one(key);
        (u128::from(high) << 64) | u128::from(low)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn notice(id: &str) -> DedupKey {
        DedupKey::Notice {
            product_id: 17,
            event_type: 101,
            notice_id: id.to_owned(),
        }
    }

    #[test]
    fn memory_stays_bounded_and_oldest_go_first() {
        let mut seen = Deduplicator::new(3);
        for id in ["a", "b", "c", "d"] {
            assert!(seen.first_sight(&notice(id)));
        }
        assert_eq!(seen.len(), 3);
        assert!(!seen.contains(&notice("a")), "evicted");
        assert!(seen.contains(&notice("d")));
        for round in 0..100 {
            let key = notice(&format!("x{round}"));
            assert!(seen.first_sight(&key));
            seen.forget(&key);
            assert!(seen.order.len() <= 6 + 1);
        }
        assert!(seen.len() <= 3);
    }

    #[test]
    fn a_forgotten_key_is_new_again() {
        let mut seen = Deduplicator::new(2);
        assert!(seen.first_sight(&notice("a")));
        seen.forget(&notice("a"));
        assert!(seen.first_sight(&notice("a")));
        assert!(seen.first_sight(&notice("b")));
        assert!(seen.first_sight(&notice("c")));
        assert!(!seen.contains(&notice("a")));
        assert!(seen.contains(&notice("b")) && seen.contains(&notice("c")));
    }
}
