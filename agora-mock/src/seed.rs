//! What tests put into the emulator, standing in for the SDK clients that
//! Agora's REST APIs only observe: users in RTC channels, Signaling users
//! logging in and joining channels. And what they read back: the messages
//! sent.

use std::fmt;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use agora_api::channel::Platform;

use crate::clock::unix_secs;
use crate::server::Shared;
use crate::state::{Channel, Member};

/// A user's role when joining an RTC channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// A user of a `COMMUNICATION` channel.
    User,
    /// A host of a `LIVE_BROADCASTING` channel.
    Host,
    /// An audience member of a `LIVE_BROADCASTING` channel.
    Audience,
}

/// A user joining an RTC channel.
///
/// ```
/// use agora_api::channel::Platform;
/// use agora_mock::Join;
/// let join = Join::host(1001).platform(Platform::Ios).ip("203.0.113.7");
/// # let _ = join;
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Join {
    uid: u32,
    role: Role,
    platform: Platform,
    ip: Option<String>,
}

impl Join {
    /// `uid` joining with `role`, from the web, without a known IP.
    pub fn new(uid: u32, role: Role) -> Self {
        Join {
            uid,
            role,
            platform: Platform::Web,
            ip: None,
        }
    }

    /// A host of a live channel.
    pub fn host(uid: u32) -> Self {
        Join::new(uid, Role::Host)
    }

    /// An audience member of a live channel.
    pub fn audience(uid: u32) -> Self {
        Join::new(uid, Role::Audience)
    }

    /// A user of a communication channel.
    pub fn user(uid: u32) -> Self {
        Join::new(uid, Role::User)
    }

    /// The platform of the user's device (default web).
    #[must_use]
    pub fn platform(mut self, platform: Platform) -> Self {
        self.platform = platform;
        self
    }

    /// The user's IP address, which ban rules by IP match.
    #[must_use]
    pub fn ip(mut self, ip: impl Into<String>) -> Self {
        self.ip = Some(ip.into());
        self
    }
}

/// A join refused because a ban rule covers the user.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Banned {
    /// The rule.
    pub rule_id: u64,
}

impl fmt::Display for Banned {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "ban rule {} keeps this user out of the channel",
            self.rule_id
        )
    }
}

impl std::error::Error for Banned {}

/// One RTC channel of one project, to put users in and take them out.
/// A channel exists while someone is in it; its profile
/// (`COMMUNICATION` or `LIVE_BROADCASTING`) is the first user's: a
/// [`Role::User`] makes a communication channel, a host or audience
/// member a live one. Later users take the channel's profile (a `User`
/// joining a live channel is a host; a host or audience member joining a
/// communication channel is a user).
#[derive(Debug)]
pub struct ChannelSeed<'a> {
    shared: &'a Shared,
    app_id: String,
    name: String,
}

impl<'a> ChannelSeed<'a> {
    pub(crate) fn new(shared: &'a Shared, app_id: &str, name: &str) -> Self {
        ChannelSeed {
            shared,
            app_id: app_id.to_owned(),
            name: name.to_owned(),
        }
    }

    /// Puts a user in the channel (or changes how they are in it), unless
    /// a `join_channel` ban rule covers them.
    ///
    /// # Errors
    /// [`Banned`] when a rule keeps the user out.
    pub fn join(&self, join: Join) -> Result<&Self, Banned> {
        let now = self.shared.now();
        let mut state = self.shared.state();
        state.tick(now);
        if let Some(rule_id) =
            state.join_ban(&self.app_id, &self.name, join.uid, join.ip.as_deref(), now)
        {
            return Err(Banned { rule_id });
        }
        let channel = state
            .app_entry(&self.app_id)
            .channels
            .entry(self.name.clone())
            .or_insert_with(|| Channel {
                live: join.role != Role::User,
                users: Default::default(),
            });
        let role = match (channel.live, join.role) {
            (false, _) => 1,
            (true, Role::Audience) => 3,
            (true, _) => 2,
        };
        let joined = channel
            .users
            .get(&join.uid)
            .map_or_else(|| unix_secs(now), |member| member.joined);
        channel.users.insert(
            join.uid,
            Member {
                role,
                platform: join.platform,
                joined,
                ip: join.ip,
            },
        );
        state.tick(now);
        Ok(self)
    }

    /// Puts a host in the channel.
    ///
    /// # Errors
    /// [`Banned`] when a rule keeps the user out.
    pub fn host(&self, uid: u32) -> Result<&Self, Banned> {
        self.join(Join::host(uid))
    }

    /// Puts an audience member in the channel.
    ///
    /// # Errors
    /// [`Banned`] when a rule keeps the user out.
    pub fn audience(&self, uid: u32) -> Result<&Self, Banned> {
        self.join(Join::audience(uid))
    }

    /// Puts a communication user in the channel.
    ///
    /// # Errors
    /// [`Banned`] when a rule keeps the user out.
    pub fn user(&self, uid: u32) -> Result<&Self, Banned> {
        self.join(Join::user(uid))
    }

    /// Takes `uid` out of the channel; `false` when they were not in it.
    pub fn leave(&self, uid: u32) -> bool {
        let now = self.shared.now();
        let mut state = self.shared.state();
        state.tick(now);
        let app = state.app_entry(&self.app_id);
        let left = app
            .channels
            .get_mut(&self.name)
            .is_some_and(|channel| channel.users.remove(&uid).is_some());
        app.channels.retain(|_, channel| !channel.users.is_empty());
        state.tick(now);
        left
    }

    /// Empties the channel (it no longer exists).
    pub fn clear(&self) {
        let now = self.shared.now();
        let mut state = self.shared.state();
        state.tick(now);
        state.app_entry(&self.app_id).channels.remove(&self.name);
    }

    /// The user IDs in the channel, in order.
    pub fn users(&self) -> Vec<u32> {
        let now = self.shared.now();
        let mut state = self.shared.state();
        state.tick(now);
        state
            .channel(&self.app_id, &self.name)
            .map(|channel| channel.users.keys().copied().collect())
            .unwrap_or_default()
    }
}

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
        let rtm = &mut state.app_entry(&self.app_id).rtm;
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
        let rtm = &mut state.app_entry(&self.app_id).rtm;
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
        let rtm = &mut state.app_entry(&self.app_id).rtm;
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
        let rtm = &mut state.app_entry(&self.app_id).rtm;
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
            .apps
            .get(&self.app_id)
            .is_some_and(|app| app.rtm.online.contains(user))
    }

    /// Every message sent through the REST API, oldest first.
    pub fn messages(&self) -> Vec<Message> {
        let state = self.shared.state();
        let Some(app) = state.apps.get(&self.app_id) else {
            return Vec::new();
        };
        app.rtm
            .messages
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
            let state = self.shared.state();
            state
                .apps
                .get(&self.app_id)
                .and_then(|app| app.rtm.offline.get(user))
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
