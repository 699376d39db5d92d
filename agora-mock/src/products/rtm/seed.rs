//! What tests put into Signaling, standing in for the SDK clients its
//! REST API only observes: users logging in and joining channels. And
//! what they read back: the messages sent.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use super::Signaling;
use crate::server::Shared;

/// A message sent through the REST API.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Message {
    /// Peer-to-peer or to a channel.
    pub kind: MessageKind,
    /// The sender (the `user_id` of the path).
    pub from: String,
    /// The receiving user or channel.
    pub to: String,
    /// The content.
    pub payload: String,
    /// When the emulator received it (its timestamp in the history).
    pub sent_at: SystemTime,
    /// Whether it was stored for the history APIs.
    pub historical: bool,
    /// Whether someone received it: the peer was logged in, or the channel
    /// had members.
    pub delivered: bool,
}

/// Peer-to-peer or channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MessageKind {
    /// To one user.
    Peer,
    /// To a channel.
    Channel,
}

/// The Signaling users of one project. Each change makes the event
/// Agora's `user_events` or `channel_events` would hand out.
///
/// ```
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), agora_api::Error> {
/// use agora_api::rtm::GetUserEvents;
/// let server = agora_mock::MockServer::start().await;
/// server.rtm().login("alice").join("alice", "lobby").logout("alice");
/// let events = server
///     .client()
///     .send(&GetUserEvents::builder().appid(server.app_id().clone()).build())
///     .await?;
/// assert_eq!(events.events.len(), 2); // Login, Logout; then they are gone
/// # Ok(()) }
/// ```
#[derive(Debug)]
pub struct RtmSeed<'a> {
    shared: &'a Shared,
    app_id: String,
}

impl<'a> RtmSeed<'a> {
    pub(crate) fn new(shared: &'a Shared, app_id: &str) -> Self {
        RtmSeed {
            shared,
            app_id: app_id.to_owned(),
        }
    }

    /// Logs `user` in (a `Login` event), unless they are online already.
    pub fn login(&self, user: &str) -> &Self {
        let now = self.shared.now();
        let mut state = self.shared.state();
        let rtm = state.product::<Signaling>().app_entry(&self.app_id);
        if rtm.online.insert(user.to_owned()) {
            rtm.push_user_event(user, "Login", now);
        }
        self
    }

    /// Logs `user` out (a `Logout` event), leaving their channels (a
    /// `Leave` event each) first.
    pub fn logout(&self, user: &str) -> &Self {
        let now = self.shared.now();
        let mut state = self.shared.state();
        let rtm = state.product::<Signaling>().app_entry(&self.app_id);
        let channels: Vec<String> = rtm
            .members
            .iter()
            .filter(|(_, members)| members.contains(user))
            .map(|(channel, _)| channel.clone())
            .collect();
        for channel in channels {
            if let Some(members) = rtm.members.get_mut(&channel) {
                members.remove(user);
            }
            rtm.push_channel_event(user, &channel, "Leave", now);
        }
        rtm.members.retain(|_, members| !members.is_empty());
        if rtm.online.remove(user) {
            rtm.push_user_event(user, "Logout", now);
        }
        self
    }

    /// `user` joins `channel` (a `Join` event), logging in first if needed.
    pub fn join(&self, user: &str, channel: &str) -> &Self {
        self.login(user);
        let now = self.shared.now();
        let mut state = self.shared.state();
        let rtm = state.product::<Signaling>().app_entry(&self.app_id);
        if rtm
            .members
            .entry(channel.to_owned())
            .or_default()
            .insert(user.to_owned())
        {
            rtm.push_channel_event(user, channel, "Join", now);
        }
        self
    }

    /// `user` leaves `channel` (a `Leave` event), if they were in it.
    pub fn leave(&self, user: &str, channel: &str) -> &Self {
        let now = self.shared.now();
        let mut state = self.shared.state();
        let rtm = state.product::<Signaling>().app_entry(&self.app_id);
        let left = rtm
            .members
            .get_mut(channel)
            .is_some_and(|members| members.remove(user));
        rtm.members.retain(|_, members| !members.is_empty());
        if left {
            rtm.push_channel_event(user, channel, "Leave", now);
        }
        self
    }

    /// Whether `user` is logged in.
    pub fn is_online(&self, user: &str) -> bool {
        self.shared
            .state()
            .product::<Signaling>()
            .apps
            .get(&self.app_id)
            .is_some_and(|rtm| rtm.online.contains(user))
    }

    /// Every message sent through the REST API, oldest first.
    pub fn messages(&self) -> Vec<Message> {
        let mut state = self.shared.state();
        let Some(rtm) = state.product::<Signaling>().apps.get(&self.app_id) else {
            return Vec::new();
        };
        rtm.messages
            .iter()
            .map(|message| Message {
                kind: if message.channel {
                    MessageKind::Channel
                } else {
                    MessageKind::Peer
                },
                from: message.from.clone(),
                to: message.to.clone(),
                payload: message.payload.clone(),
                sent_at: UNIX_EPOCH + Duration::from_millis(message.ms),
                historical: message.historical,
                delivered: message.delivered,
            })
            .collect()
    }

    /// The offline messages kept for `user` (sent with
    /// `enable_offline_messaging` while they were offline; at most 200).
    pub fn offline_messages(&self, user: &str) -> Vec<Message> {
        let indexes: Vec<usize> = {
            let mut state = self.shared.state();
            state
                .product::<Signaling>()
                .apps
                .get(&self.app_id)
                .and_then(|rtm| rtm.offline.get(user))
                .map(|queue| queue.iter().copied().collect())
                .unwrap_or_default()
        };
        let all = self.messages();
        indexes
            .into_iter()
            .filter_map(|index| all.get(index).cloned())
            .collect()
    }
}
