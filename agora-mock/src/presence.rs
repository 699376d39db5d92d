//! Who is in which RTC channel, changed in one place: a user joining,
//! changing role or leaving (seeded by a test, kicked by a ban rule, a
//! Media Pull player's uid) goes through [`Account::join_channel`] and
//! [`Account::leave_channel`], which also report it as Agora's RTC channel
//! events do (`productId` 1: 101/102 channel created and destroyed,
//! 103–108 joins and leaves by role, 111/112 role changes), each user's
//! events numbered by `clientSeq`.

use std::time::SystemTime;

use agora_api::channel::Platform;
use agora_api::webhooks::{LeaveReason, Notification, product_id};
use serde_json::{Value, json};

use crate::clock::unix_secs;
use crate::state::{Account, Channel, Member};

/// A user joining (or changing how they are in) a channel.
#[derive(Debug, Clone)]
pub(crate) struct Arrival {
    pub(crate) uid: u32,
    /// 1 communication user, 2 host, 3 audience, before the channel's
    /// profile is applied (a host in a communication channel is a user).
    pub(crate) role: i64,
    pub(crate) platform: Platform,
    pub(crate) ip: Option<String>,
}

/// RTC event types by role: (joined, left).
fn events_of(role: i64) -> (u32, u32) {
    match role {
        1 => (107, 108),
        3 => (105, 106),
        _ => (103, 104),
    }
}

fn platform_number(platform: &Platform) -> Value {
    serde_json::to_value(platform).unwrap_or(Value::Null)
}

impl Account {
    /// Queues a notification of `product` if a receiver is configured;
    /// `payload` is built only then.
    pub(crate) fn notify(
        &mut self,
        product: u32,
        event_type: u32,
        sid: Option<&str>,
        now: SystemTime,
        payload: impl FnOnce() -> Value,
    ) {
        if !self.outbox.enabled() {
            return;
        }
        let notify_ms = crate::clock::unix_millis(now);
        let mut notification =
            Notification::new(self.rng.hex(32), product, event_type, notify_ms, payload());
        notification.sid = sid.map(str::to_owned);
        self.outbox.push(notification);
    }

    fn next_client_seq(&mut self) -> u64 {
        self.client_seq = self.client_seq.saturating_add(1);
        self.client_seq
    }

    /// Puts `arrival` in channel `name` of `app_id` (made live when a host
    /// or audience member opens it), reporting the channel's creation, the
    /// join or the role change. Returns the role the user got.
    pub(crate) fn join_channel(
        &mut self,
        app_id: &str,
        name: &str,
        arrival: Arrival,
        now: SystemTime,
    ) -> i64 {
        let ts = unix_secs(now);
        let channels = self.channels_mut(app_id);
        let created = !channels.contains_key(name);
        let channel = channels.entry(name.to_owned()).or_insert_with(|| Channel {
            live: arrival.role != 1,
            users: Default::default(),
        });
        let role = match (channel.live, arrival.role) {
            (false, _) => 1,
            (true, 3) => 3,
            (true, _) => 2,
        };
        let before = channel.users.get(&arrival.uid).map(|m| (m.role, m.joined));
        let platform = platform_number(&arrival.platform);
        channel.users.insert(
            arrival.uid,
            Member {
                role,
                platform: arrival.platform,
                joined: before.map_or(ts, |(_, joined)| joined),
                ip: arrival.ip,
            },
        );
        if created {
            self.notify(
                product_id::RTC,
                101,
                None,
                now,
                || json!({ "channelName": name, "ts": ts }),
            );
        }
        let uid = arrival.uid;
        let event = match before {
            None => Some(events_of(role).0),
            Some((old, _)) if old == role => None,
            Some(_) if role == 2 => Some(111),
            Some(_) => Some(112),
        };
        if let Some(event) = event {
            let client_seq = self.next_client_seq();
            self.notify(product_id::RTC, event, None, now, || {
                let mut payload = json!({
                    "channelName": name, "uid": uid, "clientSeq": client_seq, "ts": ts,
                });
                if event < 111 {
                    payload["platform"] = platform;
                }
                payload
            });
        }
        role
    }

    /// Takes `uid` out of channel `name` of `app_id` for `reason`,
    /// reporting the leave and, for the last user, the channel's end.
    /// `false` when they were not in it.
    pub(crate) fn leave_channel(
        &mut self,
        app_id: &str,
        name: &str,
        uid: u32,
        reason: LeaveReason,
        now: SystemTime,
    ) -> bool {
        let ts = unix_secs(now);
        let Some(channels) = self.channels.get_mut(app_id) else {
            return false;
        };
        let Some(channel) = channels.get_mut(name) else {
            return false;
        };
        let Some(member) = channel.users.remove(&uid) else {
            return false;
        };
        let destroyed = channel.users.is_empty();
        if destroyed {
            channels.remove(name);
        }
        let client_seq = self.next_client_seq();
        let platform = platform_number(&member.platform);
        let reason = serde_json::to_value(reason).unwrap_or(Value::Null);
        self.notify(product_id::RTC, events_of(member.role).1, None, now, || {
            json!({
                "channelName": name, "uid": uid, "platform": platform,
                "clientSeq": client_seq, "ts": ts, "reason": reason,
                "duration": ts.saturating_sub(member.joined),
            })
        });
        if destroyed {
            self.notify(
                product_id::RTC,
                102,
                None,
                now,
                || json!({ "channelName": name, "ts": ts, "lastUid": uid }),
            );
        }
        true
    }

    /// Takes everyone out of channel `name` of `app_id` for `reason`.
    pub(crate) fn clear_channel(
        &mut self,
        app_id: &str,
        name: &str,
        reason: LeaveReason,
        now: SystemTime,
    ) {
        let uids: Vec<u32> = self
            .channel(app_id, name)
            .map(|channel| channel.users.keys().copied().collect())
            .unwrap_or_default();
        for uid in uids {
            self.leave_channel(app_id, name, uid, reason, now);
        }
    }
}
