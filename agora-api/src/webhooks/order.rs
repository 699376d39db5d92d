//! Who is in a channel, from RTC events that arrive late, twice or out of
//! order: Agora's `clientSeq` method.

use std::collections::{BTreeMap, HashMap};
use std::time::{Duration, Instant};

use super::{Role, RtcChannelEvent};

/// How long a user who left is remembered, so that a late copy of an
/// earlier join cannot bring them back: Agora's one minute.
pub const DEFAULT_LINGER: Duration = Duration::from_secs(60);

/// A user's state in a channel, as the events applied so far say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct UserPresence {
    /// The user's role.
    pub role: Role,
    /// Whether the user is in the channel.
    pub online: bool,
    /// The `clientSeq` of the last event applied.
    pub client_seq: u64,
}

/// What [`PresenceTracker::observe`] did with an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Observed {
    /// The event is the user's newest: applied; their state now.
    Applied(UserPresence),
    /// An event as old as or older than one applied (a late or repeated
    /// copy): dropped.
    Stale {
        /// The `clientSeq` already applied.
        applied: u64,
    },
    /// 101 and 102 carry no `clientSeq` and cannot be ordered.
    Unordered,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct UserKey {
    channel: String,
    uid: u32,
}

#[derive(Debug)]
struct Entry {
    presence: UserPresence,
    left_at: Option<Instant>,
    touched: u64,
}

/// Agora's method for keeping RTC presence right when NCS delivers events
/// late, twice or out of order.
///
/// Per channel and user it keeps the role, the online flag and the last
/// `clientSeq` applied. A newer `clientSeq` is applied; an older or equal
/// one is dropped (equal, as Agora's sample does, which also drops exact
/// repeats). `clientSeq` orders one user's events only, never across
/// users, and 101/102 cannot be ordered. 103/105/107/111/112 mean online,
/// 104/106/108 offline; the role comes from the event (host for
/// 103/104/111, audience for 105/106/112, communication for 107/108).
///
/// A user who left is kept for the linger time ([`DEFAULT_LINGER`], one
/// minute) and only then dropped by [`forget_departed`](Self::forget_departed),
/// so a late join cannot resurrect them. Memory is bounded: past
/// `capacity` users the least recently updated is forgotten. Handle all
/// events of one channel in one process: the method is only eventually
/// consistent.
///
/// For `reason` 999 on a leave event (an "abnormal" user), Agora asks you
/// to kick the user with the ban-user REST API about 60 s later.
///
/// ```
/// use std::time::Instant;
/// use agora_api::webhooks::{Event, Notification, Observed, PresenceTracker};
///
/// let leave = br#"{"noticeId":"2","productId":1,"eventType":104,"notifyMs":2,"payload":{"channelName":"c","uid":7,"platform":1,"clientSeq":11,"reason":1,"ts":2,"duration":1}}"#;
/// let join = br#"{"noticeId":"1","productId":1,"eventType":103,"notifyMs":3,"payload":{"channelName":"c","uid":7,"platform":1,"clientSeq":10,"ts":1}}"#;
/// let mut presence = PresenceTracker::new(10_000);
/// let now = Instant::now();
/// for body in [&leave[..], &join[..]] {
///     // The leave arrives first; the late join must not bring the user back.
///     if let Event::RtcChannel(event) = Notification::from_slice(body)?.event() {
///         presence.observe(&event, now);
///     }
/// }
/// assert_eq!(presence.presence("c", 7).map(|p| p.online), Some(false));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug)]
pub struct PresenceTracker {
    capacity: usize,
    linger: Duration,
    users: HashMap<UserKey, Entry>,
    /// Update counter → user, oldest first: what to forget when full.
    by_update: BTreeMap<u64, UserKey>,
    updates: u64,
}

impl PresenceTracker {
    /// Tracks up to `capacity` users (at least one), with the one-minute
    /// linger.
    pub fn new(capacity: usize) -> Self {
        PresenceTracker {
            capacity: capacity.max(1),
            linger: DEFAULT_LINGER,
            users: HashMap::new(),
            by_update: BTreeMap::new(),
            updates: 0,
        }
    }

    /// How long a departed user is kept.
    pub fn linger(mut self, linger: Duration) -> Self {
        self.linger = linger;
        self
    }

    /// Users tracked now, online or lingering.
    pub fn len(&self) -> usize {
        self.users.len()
    }

    /// Whether no user is tracked.
    pub fn is_empty(&self) -> bool {
        self.users.is_empty()
    }

    /// Applies `event` if it is the user's newest; `now` marks a leave for
    /// the linger.
    pub fn observe(&mut self, event: &RtcChannelEvent, now: Instant) -> Observed {
        let (Some(uid), Some(client_seq), Some((role, online))) =
            (event.uid(), event.client_seq(), event.presence())
        else {
            return Observed::Unordered;
        };
        let key = UserKey {
            channel: event.channel_name().to_owned(),
            uid,
        };
        if let Some(entry) = self.users.get(&key)
            && client_seq <= entry.presence.client_seq
        {
            return Observed::Stale {
                applied: entry.presence.client_seq,
            };
        }
        let presence = UserPresence {
            role,
            online,
            client_seq,
        };
        self.updates = self.updates.wrapping_add(1);
        let touched = self.updates;
        let entry = Entry {
            presence,
            left_at: (!online).then_some(now),
            touched,
        };
        if let Some(previous) = self.users.insert(key.clone(), entry) {
            self.by_update.remove(&previous.touched);
        }
        self.by_update.insert(touched, key);
        while self.users.len() > self.capacity {
            let Some((_, oldest)) = self.by_update.pop_first() else {
                break;
            };
            self.users.remove(&oldest);
        }
        Observed::Applied(presence)
    }

    /// The state of `uid` in `channel`, if tracked.
    pub fn presence(&self, channel: &str, uid: u32) -> Option<UserPresence> {
        self.users
            .get(&UserKey {
                channel: channel.to_owned(),
                uid,
            })
            .map(|entry| entry.presence)
    }

    /// The users online in `channel`, in no particular order.
    pub fn online(&self, channel: &str) -> impl Iterator<Item = (u32, UserPresence)> + '_ {
        let channel = channel.to_owned();
        self.users
            .iter()
            .filter(move |(key, entry)| key.channel == channel && entry.presence.online)
            .map(|(key, entry)| (key.uid, entry.presence))
    }

    /// Drops the users who left at least the linger time before `now`,
    /// and says how many. Call it now and then (a timer).
    ///
    /// ```
    /// use std::time::{Duration, Instant};
    /// use agora_api::webhooks::{Event, Notification, PresenceTracker};
    /// let leave = br#"{"noticeId":"n","productId":1,"eventType":106,"notifyMs":1,"payload":{"channelName":"c","uid":7,"clientSeq":2,"ts":1,"reason":1}}"#;
    /// let Event::RtcChannel(leave) = Notification::from_slice(leave)?.event() else { panic!() };
    /// let mut presence = PresenceTracker::new(100);
    /// let left_at = Instant::now();
    /// presence.observe(&leave, left_at);
    /// assert_eq!(presence.forget_departed(left_at + Duration::from_secs(30)), 0);
    /// assert_eq!(presence.forget_departed(left_at + Duration::from_secs(60)), 1);
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn forget_departed(&mut self, now: Instant) -> usize {
        let linger = self.linger;
        let departed: Vec<(UserKey, u64)> = self
            .users
            .iter()
            .filter(|(_, entry)| {
                entry.left_at.is_some_and(|left| {
                    now.checked_duration_since(left)
                        .is_some_and(|since| since >= linger)
                })
            })
            .map(|(key, entry)| (key.clone(), entry.touched))
            .collect();
        for (key, touched) in &departed {
            self.users.remove(key);
            self.by_update.remove(touched);
        }
        departed.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(event_type: u32, uid: u32, client_seq: u64) -> RtcChannelEvent {
        let payload = serde_json::json!({
            "channelName": "c", "uid": uid, "clientSeq": client_seq, "ts": 1, "platform": 1,
        });
        match RtcChannelEvent::decode(event_type, &payload) {
            Some(Ok(event)) => event,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn newer_applies_older_and_equal_are_dropped() {
        let mut tracker = PresenceTracker::new(10);
        let now = Instant::now();
        assert!(matches!(
            tracker.observe(&event(105, 1, 5), now),
            Observed::Applied(UserPresence {
                role: Role::Audience,
                online: true,
                ..
            })
        ));
        assert_eq!(
            tracker.observe(&event(105, 1, 5), now),
            Observed::Stale { applied: 5 }
        );
        assert_eq!(
            tracker.observe(&event(106, 1, 4), now),
            Observed::Stale { applied: 5 }
        );
        assert!(matches!(
            tracker.observe(&event(111, 1, 6), now),
            Observed::Applied(UserPresence {
                role: Role::Broadcaster,
                online: true,
                ..
            })
        ));
        assert_eq!(tracker.online("c").count(), 1);
        let created =
            RtcChannelEvent::decode(101, &serde_json::json!({"channelName": "c", "ts": 1}));
        let Some(Ok(created)) = created else { panic!() };
        assert_eq!(tracker.observe(&created, now), Observed::Unordered);
    }

    #[test]
    fn departed_users_linger_then_go_and_memory_is_bounded() {
        let mut tracker = PresenceTracker::new(3).linger(Duration::from_secs(60));
        let start = Instant::now();
        tracker.observe(&event(103, 1, 1), start);
        tracker.observe(&event(104, 1, 2), start);
        assert_eq!(tracker.forget_departed(start), 0);
        // A late join within the linger is still dropped.
        assert!(matches!(
            tracker.observe(&event(103, 1, 1), start),
            Observed::Stale { .. }
        ));
        let later = start + Duration::from_secs(61);
        assert_eq!(tracker.forget_departed(later), 1);
        assert!(tracker.is_empty());
        for uid in 0..100 {
            tracker.observe(&event(103, uid, 1), start);
        }
        assert_eq!(tracker.len(), 3);
        assert!(tracker.presence("c", 99).is_some());
        assert!(tracker.presence("c", 0).is_none());
        // An earlier instant than the leave never underflows.
        tracker.observe(&event(104, 99, 2), later);
        assert_eq!(tracker.forget_departed(start), 0);
    }

    #[test]
    fn sequences_are_per_user_and_channel_and_a_rejoin_is_kept() {
        let mut tracker = PresenceTracker::new(10);
        let start = Instant::now();
        assert!(matches!(
            tracker.observe(&event(103, 1, 100), start),
            Observed::Applied(_)
        ));
        // Another user's lower clientSeq is not comparable: applied.
        assert!(matches!(
            tracker.observe(&event(105, 2, 3), start),
            Observed::Applied(_)
        ));
        // The same user in another channel is another entry.
        let payload =
            serde_json::json!({"channelName": "other", "uid": 1, "clientSeq": 1, "ts": 1});
        let Some(Ok(elsewhere)) = RtcChannelEvent::decode(107, &payload) else {
            panic!()
        };
        assert!(matches!(
            tracker.observe(&elsewhere, start),
            Observed::Applied(_)
        ));
        assert_eq!(tracker.len(), 3);
        assert_eq!(
            tracker.presence("other", 1).map(|p| p.role),
            Some(Role::Communication)
        );

        // Leave, then a later rejoin within the minute: not forgotten.
        tracker.observe(&event(104, 1, 101), start);
        assert!(matches!(
            tracker.observe(&event(103, 1, 102), start + Duration::from_secs(30)),
            Observed::Applied(UserPresence { online: true, .. })
        ));
        assert_eq!(tracker.forget_departed(start + Duration::from_secs(120)), 0);
        assert_eq!(tracker.presence("c", 1).map(|p| p.client_seq), Some(102));
        let mut online: Vec<u32> = tracker.online("c").map(|(uid, _)| uid).collect();
        online.sort_unstable();
        assert_eq!(online, [1, 2]);
    }
}
