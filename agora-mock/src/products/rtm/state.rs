//! What Signaling remembers of one App ID: who is online and in which
//! channel, the events waiting to be fetched, the messages sent.

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::time::SystemTime;

use crate::clock::unix_millis;

/// Signaling keeps at most this many events of each kind.
const MAX_EVENTS: usize = 2_000;
/// Signaling keeps at most this many offline messages per receiver.
pub(super) const MAX_OFFLINE: usize = 200;

/// The Signaling state of one App ID.
#[derive(Debug, Default)]
pub(crate) struct Rtm {
    pub(crate) online: BTreeSet<String>,
    pub(crate) members: BTreeMap<String, BTreeSet<String>>,
    pub(crate) user_events: VecDeque<RtmEvent>,
    pub(crate) channel_events: VecDeque<RtmEvent>,
    pub(crate) messages: Vec<StoredMessage>,
    pub(crate) offline: BTreeMap<String, VecDeque<usize>>,
    last_ms: u64,
}

/// A user or channel event waiting to be fetched.
#[derive(Debug, Clone)]
pub(crate) struct RtmEvent {
    pub(crate) user_id: String,
    pub(crate) channel: Option<String>,
    pub(crate) kind: &'static str,
    pub(crate) ms: u64,
}

/// A message sent through the REST API.
#[derive(Debug, Clone)]
pub(crate) struct StoredMessage {
    pub(crate) channel: bool,
    pub(crate) from: String,
    pub(crate) to: String,
    pub(crate) payload: String,
    pub(crate) ms: u64,
    pub(crate) historical: bool,
    pub(crate) delivered: bool,
}

impl Rtm {
    /// A timestamp in milliseconds, strictly after the previous one, so
    /// history pages (which start at a timestamp) never split or repeat.
    pub(crate) fn stamp(&mut self, now: SystemTime) -> u64 {
        let ms = unix_millis(now).max(self.last_ms + 1);
        self.last_ms = ms;
        ms
    }

    pub(crate) fn push_user_event(&mut self, user_id: &str, kind: &'static str, now: SystemTime) {
        let ms = self.stamp(now);
        push_bounded(
            &mut self.user_events,
            RtmEvent {
                user_id: user_id.to_owned(),
                channel: None,
                kind,
                ms,
            },
        );
    }

    pub(crate) fn push_channel_event(
        &mut self,
        user_id: &str,
        channel: &str,
        kind: &'static str,
        now: SystemTime,
    ) {
        let ms = self.stamp(now);
        push_bounded(
            &mut self.channel_events,
            RtmEvent {
                user_id: user_id.to_owned(),
                channel: Some(channel.to_owned()),
                kind,
                ms,
            },
        );
    }
}

/// Keeps the newest [`MAX_EVENTS`]: the oldest event goes first.
fn push_bounded(queue: &mut VecDeque<RtmEvent>, event: RtmEvent) {
    if queue.len() == MAX_EVENTS {
        queue.pop_front();
    }
    queue.push_back(event);
}

/// A legacy (1.x) history query, answered when fetched.
#[derive(Debug, Clone)]
pub(crate) struct LegacyHistoryQuery {
    pub(crate) appid: String,
    pub(crate) source: Option<String>,
    pub(crate) destination: Option<String>,
    pub(crate) start: u64,
    pub(crate) end: u64,
    pub(crate) offset: u32,
    pub(crate) limit: u32,
    pub(crate) descending: bool,
}
