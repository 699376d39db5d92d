//! What tests put into the emulator, standing in for the SDK clients that
//! Agora's REST APIs only observe: users in RTC channels (Signaling users
//! are seeded by [`RtmSeed`](crate::RtmSeed), in the Signaling product's
//! folder).

use std::fmt;

use agora_api::channel::Platform;
use agora_api::webhooks::LeaveReason;

use crate::presence::Arrival;
use crate::products::channel::ChannelManagement;
use crate::server::Shared;

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
        if let Some(rule_id) = state.product::<ChannelManagement>().join_ban(
            &self.app_id,
            &self.name,
            join.uid,
            join.ip.as_deref(),
            now,
        ) {
            return Err(Banned { rule_id });
        }
        let role = match join.role {
            Role::User => 1,
            Role::Host => 2,
            Role::Audience => 3,
        };
        let arrival = Arrival {
            uid: join.uid,
            role,
            platform: join.platform,
            ip: join.ip,
        };
        state
            .account
            .join_channel(&self.app_id, &self.name, arrival, now);
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
        let left =
            state
                .account
                .leave_channel(&self.app_id, &self.name, uid, LeaveReason::Normal, now);
        state.tick(now);
        left
    }

    /// Empties the channel (it no longer exists).
    pub fn clear(&self) {
        let now = self.shared.now();
        let mut state = self.shared.state();
        state.tick(now);
        state
            .account
            .clear_channel(&self.app_id, &self.name, LeaveReason::Normal, now);
    }

    /// The user IDs in the channel, in order.
    pub fn users(&self) -> Vec<u32> {
        let now = self.shared.now();
        let mut state = self.shared.state();
        state.tick(now);
        state
            .account
            .channel(&self.app_id, &self.name)
            .map(|channel| channel.users.keys().copied().collect())
            .unwrap_or_default()
    }
}
