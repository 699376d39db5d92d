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

    /// Forgets `key`, so that a resend of it counts as new: for a
    /// notification whose handling failed and was answered non-`200`.
    ///
    /// ```
    /// use agora_api::webhooks::{DedupKey, Deduplicator};
    /// let key = DedupKey::Notice { product_id: 17, event_type: 101, notice_id: "n".into() };
    /// let mut seen = Deduplicator::new(16);
    /// assert!(seen.first_sight(&key));
    /// seen.forget(&key);
    /// assert!(!seen.contains(&key));
    /// assert!(seen.first_sight(&key), "Agora's resend is handled again");
    /// ```
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

    fn parse(body: &str) -> Notification {
        Notification::from_slice(body.as_bytes()).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn a_resend_has_the_key_of_the_first_attempt() {
        // Agora updates notifyMs on every resend; nothing else changes.
        for (product, event_type, payload) in [
            (
                1,
                103,
                r#"{"channelName":"c","uid":7,"clientSeq":42,"ts":1}"#,
            ),
            (
                3,
                31,
                r#"{"cname":"c","uid":"9","sid":"s","sequence":3,"details":{}}"#,
            ),
            (17, 101, r#"{"agent_id":"a","channel":"c"}"#),
        ] {
            let first = parse(&format!(
                r#"{{"noticeId":"n","productId":{product},"eventType":{event_type},"notifyMs":1000,"payload":{payload}}}"#
            ));
            let mut resent = first.clone();
            resent.notify_ms = 61_000;
            assert_eq!(DedupKey::of(&first), DedupKey::of(&resent), "{payload}");
            let mut seen = Deduplicator::new(8);
            assert!(seen.first_sight(&DedupKey::of(&first)));
            assert!(!seen.first_sight(&DedupKey::of(&resent)), "{payload}");
        }
    }

    #[test]
    fn product_sequences_key_redundant_copies_and_keep_distinct_events() {
        let recording = |notice: &str, event_type: u32, uid: &str, sequence: u64| {
            parse(&format!(
                r#"{{"noticeId":"{notice}","productId":3,"eventType":{event_type},"notifyMs":1,"payload":{{"cname":"c","uid":"{uid}","sid":"s-1","sequence":{sequence},"details":{{}}}}}}"#
            ))
        };
        // Redundant delivery: the copy may carry another noticeId.
        let first = DedupKey::of(&recording("a", 31, "9", 4));
        assert_eq!(first, DedupKey::of(&recording("b", 31, "9", 4)));
        assert!(
            matches!(&first, DedupKey::Sequenced { session, sequence: 4, .. } if session == "s-1")
        );
        // Another sequence, another event, or the other recorder of a
        // failover are other notifications.
        assert_ne!(first, DedupKey::of(&recording("a", 31, "9", 5)));
        assert_ne!(first, DedupKey::of(&recording("a", 32, "9", 4)));
        assert_ne!(first, DedupKey::of(&recording("a", 31, "10", 4)));
        // Real-Time STT v5/v6 keys on its taskId.
        let stt = parse(
            r#"{"noticeId":"a","productId":3,"eventType":33,"notifyMs":1,"payload":{"cname":"c","taskId":"t-1","sequence":2,"details":{}}}"#,
        );
        assert!(
            matches!(DedupKey::of(&stt), DedupKey::Sequenced { session, uid: None, .. } if session == "t-1")
        );

        // RTC: one user's clientSeq; another user with the same seq differs.
        let rtc = |uid: u32, seq: u64| {
            parse(&format!(
                r#"{{"noticeId":"x{uid}","productId":1,"eventType":105,"notifyMs":1,"payload":{{"channelName":"c","uid":{uid},"clientSeq":{seq},"ts":1}}}}"#
            ))
        };
        assert_eq!(DedupKey::of(&rtc(1, 5)), DedupKey::of(&rtc(1, 5)));
        assert_ne!(DedupKey::of(&rtc(1, 5)), DedupKey::of(&rtc(2, 5)));
        assert_ne!(DedupKey::of(&rtc(1, 5)), DedupKey::of(&rtc(1, 6)));
    }

    #[test]
    fn without_a_product_sequence_the_notice_id_is_the_key() {
        // RTC 101 has no clientSeq; ConvoAI and Media Push have no sequence.
        for (product, event_type, payload) in [
            (1, 101, r#"{"channelName":"c","ts":1}"#),
            (17, 101, r#"{"agent_id":"a"}"#),
            (5, 3, r#"{"converter":{"id":"c"}}"#),
            (3, 31, r#"{"cname":"c","uid":"1","sid":"s","details":{}}"#),
        ] {
            let body = format!(
                r#"{{"noticeId":"n-9","productId":{product},"eventType":{event_type},"notifyMs":5,"payload":{payload}}}"#
            );
            assert_eq!(
                DedupKey::of(&parse(&body)),
                DedupKey::Notice {
                    product_id: product,
                    event_type,
                    notice_id: "n-9".into()
                }
            );
        }
        // The same noticeId under two products is two notifications.
        assert_ne!(
            DedupKey::of(&parse(
                r#"{"noticeId":"n","productId":17,"eventType":101,"notifyMs":1,"payload":{}}"#
            )),
            DedupKey::of(&parse(
                r#"{"noticeId":"n","productId":20,"eventType":101,"notifyMs":1,"payload":{}}"#
            ))
        );
    }
}
