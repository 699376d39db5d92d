//! RTC channel events (`productId` 1): channels created and destroyed,
//! users joining, leaving and changing role.

use serde::Deserialize;

use super::envelope::typed;
use crate::values::int_enum;

int_enum! {
    /// The platform a user joined from (`platform`).
    pub enum Platform {
        /// "Other" in Agora's table (`Other` is the variant for numbers
        /// the table does not list).
        Unspecified = 0,
        /// Android.
        Android = 1,
        /// iOS.
        Ios = 2,
        /// Windows.
        Windows = 5,
        /// Linux (then [`UserJoined::client_type`] says which client).
        Linux = 6,
        /// Web.
        Web = 7,
        /// macOS.
        MacOs = 8,
    }
}

int_enum! {
    /// Which Linux client joined (`clientType`, only with
    /// [`Platform::Linux`]). Agora calls these "common values": the set is
    /// open.
    pub enum ClientType {
        /// On-premise (local server) recording.
        LocalRecording = 3,
        /// Applets / mini-programs.
        MiniProgram = 8,
        /// Cloud Recording.
        CloudRecording = 10,
    }
}

int_enum! {
    /// Why a user left (`reason` of 104, 106 and 108).
    pub enum LeaveReason {
        /// Other.
        Unspecified = 0,
        /// The user left normally.
        Normal = 1,
        /// Agora got no packets from the client for over 10 s.
        ConnectionTimeout = 2,
        /// Permission: e.g. kicked through the ban-user REST API.
        Permission = 3,
        /// Agora's servers (load balancing, a brief disconnect).
        ServerInternal = 4,
        /// The user joined from a new device; the old one was forced out.
        NewDevice = 5,
        /// The client has several IPs (multi-IP, VPN) and reconnected.
        MultipleIps = 9,
        /// A network problem; the SDK dropped and reconnected.
        Network = 10,
        /// A token error or an expired token (documented for 104 only).
        TokenError = 12,
        /// The SDK disconnected for an unknown network reason.
        UnknownNetwork = 99,
        /// An "abnormal" user (rapid joins and leaves): Agora asks you to
        /// kick them with the ban-user REST API about 60 s later.
        Abnormal = 999,
    }
}

/// Payload of 101, channel create: the first user joined.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ChannelCreated {
    /// The channel.
    pub channel_name: String,
    /// When (Unix **seconds**).
    pub ts: u64,
}

/// Payload of 102, channel destroy: the last user left.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ChannelDestroyed {
    /// The channel.
    pub channel_name: String,
    /// When (Unix seconds).
    pub ts: u64,
    /// The last user to leave. When several leave together, copies of the
    /// event may name different users.
    #[serde(default)]
    pub last_uid: Option<u32>,
}

/// Payload of 103, 105 and 107: a user joined.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct UserJoined {
    /// The channel.
    pub channel_name: String,
    /// The user.
    pub uid: u32,
    /// The platform (absent from 111/112, and optional here).
    #[serde(default)]
    pub platform: Option<Platform>,
    /// Which Linux client, with [`Platform::Linux`].
    #[serde(default)]
    pub client_type: Option<ClientType>,
    /// Orders this user's events (see [`PresenceTracker`](super::PresenceTracker)).
    pub client_seq: u64,
    /// When (Unix seconds).
    pub ts: u64,
    /// The user's string account, on the API-reference page only.
    #[serde(default)]
    pub account: Option<String>,
}

/// Payload of 104, 106 and 108: a user left.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct UserLeft {
    /// The channel.
    pub channel_name: String,
    /// The user.
    pub uid: u32,
    /// The platform.
    #[serde(default)]
    pub platform: Option<Platform>,
    /// Which Linux client, with [`Platform::Linux`].
    #[serde(default)]
    pub client_type: Option<ClientType>,
    /// Orders this user's events.
    pub client_seq: u64,
    /// When (Unix seconds).
    pub ts: u64,
    /// The user's string account, on the API-reference page only.
    #[serde(default)]
    pub account: Option<String>,
    /// Why the user left.
    #[serde(default)]
    pub reason: Option<LeaveReason>,
    /// Seconds in the channel.
    #[serde(default)]
    pub duration: Option<u64>,
}

/// Payload of 111 and 112: a user changed role.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct RoleChanged {
    /// The channel.
    pub channel_name: String,
    /// The user.
    pub uid: u32,
    /// Orders this user's events.
    pub client_seq: u64,
    /// When (Unix seconds).
    pub ts: u64,
    /// The user's string account, on the API-reference page only.
    #[serde(default)]
    pub account: Option<String>,
}

/// A user's role in a channel, as the events say it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    /// Host (103, 104, 111).
    Broadcaster,
    /// Audience (105, 106, 112).
    Audience,
    /// Communication profile (107, 108): everyone publishes.
    Communication,
}

/// An RTC channel event, one variant per documented `eventType`.
///
/// On the communication profile, Agora's pages disagree on whether RTC
/// SDK v4.x sends 107/108 or 103/104 (`AgoraIO/Docs-Source#1116`, `#1446`),
/// so all of 103–108 are typed alike, and
/// [`PresenceTracker`](super::PresenceTracker) treats them alike.
///
/// ```
/// use agora_api::webhooks::{Event, LeaveReason, Notification, RtcChannelEvent};
/// let body = br#"{"noticeId":"n","productId":1,"eventType":104,"notifyMs":1,"payload":{"channelName":"test_webhook","uid":12121212,"platform":1,"clientSeq":1625051030789,"reason":1,"ts":1560396943,"duration":600}}"#;
/// let Event::RtcChannel(event) = Notification::from_slice(body)?.event() else { panic!() };
/// assert_eq!(event.client_seq(), Some(1625051030789));
/// let RtcChannelEvent::BroadcasterLeft(left) = event else { panic!() };
/// assert_eq!(left.reason, Some(LeaveReason::Normal));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum RtcChannelEvent {
    /// 101: channel create.
    ChannelCreated(ChannelCreated),
    /// 102: channel destroy.
    ChannelDestroyed(ChannelDestroyed),
    /// 103: a host joined.
    BroadcasterJoined(UserJoined),
    /// 104: a host left.
    BroadcasterLeft(UserLeft),
    /// 105: an audience member joined.
    AudienceJoined(UserJoined),
    /// 106: an audience member left.
    AudienceLeft(UserLeft),
    /// 107: a user joined (communication profile).
    CommunicationJoined(UserJoined),
    /// 108: a user left (communication profile).
    CommunicationLeft(UserLeft),
    /// 111: audience became host.
    BecameBroadcaster(RoleChanged),
    /// 112: host became audience.
    BecameAudience(RoleChanged),
}

impl RtcChannelEvent {
    /// Types `payload` as the event `event_type`; `None` for a number
    /// Agora does not document for RTC.
    pub(crate) fn decode(
        event_type: u32,
        payload: &serde_json::Value,
    ) -> Option<Result<Self, serde_json::Error>> {
        use RtcChannelEvent as E;
        Some(match event_type {
            101 => typed(payload).map(E::ChannelCreated),
            102 => typed(payload).map(E::ChannelDestroyed),
            103 => typed(payload).map(E::BroadcasterJoined),
            104 => typed(payload).map(E::BroadcasterLeft),
            105 => typed(payload).map(E::AudienceJoined),
            106 => typed(payload).map(E::AudienceLeft),
            107 => typed(payload).map(E::CommunicationJoined),
            108 => typed(payload).map(E::CommunicationLeft),
            111 => typed(payload).map(E::BecameBroadcaster),
            112 => typed(payload).map(E::BecameAudience),
            _ => return None,
        })
    }

    /// The channel.
    pub fn channel_name(&self) -> &str {
        use RtcChannelEvent as E;
        match self {
            E::ChannelCreated(e) => &e.channel_name,
            E::ChannelDestroyed(e) => &e.channel_name,
            E::BroadcasterJoined(e) | E::AudienceJoined(e) | E::CommunicationJoined(e) => {
                &e.channel_name
            }
            E::BroadcasterLeft(e) | E::AudienceLeft(e) | E::CommunicationLeft(e) => &e.channel_name,
            E::BecameBroadcaster(e) | E::BecameAudience(e) => &e.channel_name,
        }
    }

    /// The user the event is about; `None` for 101 and 102.
    pub fn uid(&self) -> Option<u32> {
        self.user().map(|(uid, _, _)| uid)
    }

    /// The user's `clientSeq`; `None` for 101 and 102, which cannot be
    /// ordered.
    pub fn client_seq(&self) -> Option<u64> {
        self.user().map(|(_, seq, _)| seq)
    }

    /// The user's role and whether they are in the channel after this
    /// event, as Agora's sample maps them: 103/105/107/111/112 online,
    /// 104/106/108 offline.
    pub fn presence(&self) -> Option<(Role, bool)> {
        self.user().map(|(_, _, presence)| presence)
    }

    fn user(&self) -> Option<(u32, u64, (Role, bool))> {
        use RtcChannelEvent as E;
        let joined = |e: &UserJoined, role| (e.uid, e.client_seq, (role, true));
        let left = |e: &UserLeft, role| (e.uid, e.client_seq, (role, false));
        let changed = |e: &RoleChanged, role| (e.uid, e.client_seq, (role, true));
        match self {
            E::ChannelCreated(_) | E::ChannelDestroyed(_) => None,
            E::BroadcasterJoined(e) => Some(joined(e, Role::Broadcaster)),
            E::AudienceJoined(e) => Some(joined(e, Role::Audience)),
            E::CommunicationJoined(e) => Some(joined(e, Role::Communication)),
            E::BroadcasterLeft(e) => Some(left(e, Role::Broadcaster)),
            E::AudienceLeft(e) => Some(left(e, Role::Audience)),
            E::CommunicationLeft(e) => Some(left(e, Role::Communication)),
            E::BecameBroadcaster(e) => Some(changed(e, Role::Broadcaster)),
            E::BecameAudience(e) => Some(changed(e, Role::Audience)),
        }
    }
}
