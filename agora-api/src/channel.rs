//! RTC channel management RESTful API: ban rules, online channel
//! statistics and the notification server IPs.
//!
//! Shared by Video Calling, Voice Calling, Interactive Live Streaming,
//! Broadcast Streaming and IoT. Basic auth on every endpoint. Rate limits,
//! per Agora account (not per App ID): 20 requests per second for each
//! online statistics query (`/dev/v1/channel/...`), 10 per second for each
//! other endpoint (ban rules, notification IPs).
//! <https://docs.agora.io/en/video-calling/channel-management-api/overview>
//!
//! # Ban rules
//!
//! [`CreateBanRule`] bans [`Privilege`]s of the users a rule matches (by
//! channel, user ID and/or IP), for a while: [`BanMinutes`] or
//! [`BanSeconds`]. Save the returned [`BanRuleId`]: [`UpdateBanRuleExpiry`]
//! and [`DeleteBanRule`] need it, and [`ListBanRules`] is served at a lower
//! priority and may miss rules when the network is poor.
//!
//! # Online statistics
//!
//! [`GetUserStatus`], [`ListChannelUsers`], [`ListChannelHosts`] and
//! [`ListChannels`] (paged; walk it with
//! [`Client::pages`](crate::Client::pages)) answer
//! [`StatsResponse`]`{ success, data }`.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::Endpoint;
use crate::error::InvalidInput;
use crate::open_enum::{int_enum, string_enum};
use crate::pages::Paginated;
use crate::types::{AppId, ChannelName, Uid};

// ---------------------------------------------------------------------------
// Input types
// ---------------------------------------------------------------------------

/// The ID Agora gives a ban rule when it is created; [`UpdateBanRuleExpiry`]
/// and [`DeleteBanRule`] name the rule with it. A JSON number.
///
/// ```
/// use agora_api::channel::BanRuleId;
/// let id: BanRuleId = "1953".parse()?;
/// assert_eq!(id, BanRuleId::new(1953));
/// assert_eq!(serde_json::to_string(&id)?, "1953");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct BanRuleId(u64);

impl BanRuleId {
    /// The rule with ID `id`.
    pub const fn new(id: u64) -> Self {
        BanRuleId(id)
    }

    /// The number.
    pub const fn get(self) -> u64 {
        self.0
    }
}

impl From<u64> for BanRuleId {
    fn from(id: u64) -> Self {
        BanRuleId(id)
    }
}

impl From<BanRuleId> for u64 {
    fn from(id: BanRuleId) -> u64 {
        id.0
    }
}

impl fmt::Display for BanRuleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl FromStr for BanRuleId {
    type Err = InvalidInput;
    fn from_str(value: &str) -> Result<Self, InvalidInput> {
        value
            .parse()
            .map(BanRuleId)
            .map_err(|_| InvalidInput::new("id", "must be a whole number (a ban rule ID)"))
    }
}

/// Defines a whole-number input newtype checked by `$check`, serialized as
/// a JSON number and shown as one.
macro_rules! checked_number {
    (
        $(#[$meta:meta])*
        $name:ident($inner:ty), field = $field:literal, check = $check:path
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name($inner);

        impl $name {
            /// Checks `value` against the documented range.
            pub fn new(value: $inner) -> Result<Self, InvalidInput> {
                $check(value).map($name)
            }

            /// The number.
            pub const fn get(self) -> $inner {
                self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }

        impl FromStr for $name {
            type Err = InvalidInput;
            fn from_str(value: &str) -> Result<Self, InvalidInput> {
                let number: $inner = value
                    .parse()
                    .map_err(|_| InvalidInput::new($field, "must be a whole number"))?;
                $name::new(number)
            }
        }

        impl TryFrom<$inner> for $name {
            type Error = InvalidInput;
            fn try_from(value: $inner) -> Result<Self, InvalidInput> {
                $name::new(value)
            }
        }

        impl From<$name> for $inner {
            fn from(value: $name) -> $inner {
                value.0
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                self.0.serialize(serializer)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                $name::new(<$inner>::deserialize(deserializer)?).map_err(serde::de::Error::custom)
            }
        }
    };
}

checked_number! {
    /// How long a ban lasts, in minutes (the `time` field): 1 to 1440, or
    /// 0 to kick the matching users out without a ban (they may rejoin at
    /// once).
    ///
    /// Agora clamps values outside 1 to 1440 to the nearest bound; the
    /// crate rejects them instead, so what is sent is what takes effect.
    /// Without `time` or `time_in_seconds`, a ban lasts 60 minutes.
    ///
    /// Agora's OpenAPI document gives `time` a minimum of 1, while the
    /// reference page says 0 kicks without banning; the crate follows the
    /// page (see the `kicking-rule-time-zero` exception in
    /// `specs/channel.json`).
    ///
    /// ```
    /// use agora_api::channel::BanMinutes;
    /// assert_eq!(BanMinutes::new(60)?.get(), 60);
    /// assert_eq!(BanMinutes::KICK_ONLY.get(), 0);
    /// assert_eq!(
    ///     BanMinutes::new(1441).unwrap_err().to_string(),
    ///     "invalid `time`: must be from 1 to 1440 minutes, or 0 to kick without banning (got 1441)"
    /// );
    /// # Ok::<(), agora_api::InvalidInput>(())
    /// ```
    BanMinutes(u16), field = "time", check = check_minutes
}

impl BanMinutes {
    /// `0`: the matching users are set offline, and may rejoin at once.
    pub const KICK_ONLY: BanMinutes = BanMinutes(0);
}

fn check_minutes(minutes: u16) -> Result<u16, InvalidInput> {
    if minutes <= 1440 {
        Ok(minutes)
    } else {
        Err(InvalidInput::new(
            "time",
            format!("must be from 1 to 1440 minutes, or 0 to kick without banning (got {minutes})"),
        ))
    }
}

checked_number! {
    /// How long a ban lasts, in seconds (the `time_in_seconds` field): 10
    /// to 86430, or 0 to kick the matching users out without a ban.
    ///
    /// Agora clamps values outside 10 to 86430 to the nearest bound; the
    /// crate rejects them instead. Agora's OpenAPI document gives a minimum
    /// of 10 and its reference page allows 0, as for [`BanMinutes`].
    ///
    /// ```
    /// use agora_api::channel::BanSeconds;
    /// assert_eq!(BanSeconds::new(600)?.get(), 600);
    /// assert!(BanSeconds::new(0).is_ok());
    /// assert_eq!(
    ///     BanSeconds::new(5).unwrap_err().rule(),
    ///     "must be from 10 to 86430 seconds, or 0 to kick without banning (got 5)"
    /// );
    /// # Ok::<(), agora_api::InvalidInput>(())
    /// ```
    BanSeconds(u32), field = "time_in_seconds", check = check_seconds
}

impl BanSeconds {
    /// `0`: the matching users are set offline, and may rejoin at once.
    pub const KICK_ONLY: BanSeconds = BanSeconds(0);
}

fn check_seconds(seconds: u32) -> Result<u32, InvalidInput> {
    if seconds == 0 || (10..=86430).contains(&seconds) {
        Ok(seconds)
    } else {
        Err(InvalidInput::new(
            "time_in_seconds",
            format!(
                "must be from 10 to 86430 seconds, or 0 to kick without banning (got {seconds})"
            ),
        ))
    }
}

checked_number! {
    /// Channels per page of [`ListChannels`] (`page_size`): 1 to 500;
    /// Agora's default is 100.
    ///
    /// ```
    /// use agora_api::channel::PageSize;
    /// assert_eq!(PageSize::new(100)?.get(), 100);
    /// assert_eq!(PageSize::DEFAULT.get(), 100);
    /// assert_eq!(
    ///     PageSize::new(501).unwrap_err().to_string(),
    ///     "invalid `page_size`: must be from 1 to 500 (got 501)"
    /// );
    /// # Ok::<(), agora_api::InvalidInput>(())
    /// ```
    PageSize(u16), field = "page_size", check = check_page_size
}

impl PageSize {
    /// Agora's default page size, 100.
    pub const DEFAULT: PageSize = PageSize(100);
}

impl Default for PageSize {
    fn default() -> Self {
        PageSize::DEFAULT
    }
}

fn check_page_size(size: u16) -> Result<u16, InvalidInput> {
    if (1..=500).contains(&size) {
        Ok(size)
    } else {
        Err(InvalidInput::new(
            "page_size",
            format!("must be from 1 to 500 (got {size})"),
        ))
    }
}

string_enum! {
    /// A user privilege a ban rule takes away.
    pub enum Privilege {
        /// Joining a channel; users already in it are kicked out (their
        /// SDK reports a "banned by server" connection state change).
        JoinChannel = "join_channel",
        /// Publishing audio.
        PublishAudio = "publish_audio",
        /// Publishing video.
        PublishVideo = "publish_video",
    }
}

/// The `hosts_only` flag of [`ListChannelUsers`]: list the hosts only
/// (`LIVE_BROADCASTING` channels).
///
/// Agora documents the flag's presence only, not a value; the crate sends
/// `hosts_only=true`, which reads as "set" whichever way the server parses
/// it. [`ListChannelHosts`] is the same query under its own path.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct HostsOnly;

impl fmt::Display for HostsOnly {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("true")
    }
}

// ---------------------------------------------------------------------------
// Ban rules
// ---------------------------------------------------------------------------

/// Creates a rule that bans user privileges (joining, publishing audio or
/// video) of the users it matches.
///
/// `POST /dev/v1/kicking-rule`. Who is matched depends on which of `cname`,
/// `uid` and `ip` are set: a channel (everyone in it), a user ID (in every
/// channel of the app, or in `cname` only), or an IP address (every user
/// behind it). The ban lasts [`time`](Self::time) minutes or
/// [`time_in_seconds`](Self::time_in_seconds) (not both; 60 minutes when
/// neither is set); `0` kicks the users out without banning them.
///
/// Not idempotent: each call creates another rule, so a retry never
/// re-sends it once it may have reached Agora. Agora asks for a timeout of
/// 20 seconds or more on this call (the client's default is 30); after a
/// timeout or a `504`, look for the rule with [`ListBanRules`] before
/// creating it again. Save the returned [`BanRuleId`]. Rate limit: 10
/// requests per second per Agora account.
/// <https://docs.agora.io/en/video-calling/channel-management-api/endpoint/ban-user-privileges/create-rules>
///
/// Checked before sending: at least one of `cname`, `uid` and a non-empty
/// `ip` (Agora documents no rule without any); `ip` is not `0`; at least
/// one privilege, each a documented one; not both durations.
///
/// ```
/// use agora_api::{AppId, ChannelName, Client, Uid};
/// use agora_api::channel::{BanMinutes, CreateBanRule, Privilege};
///
/// let rule = CreateBanRule::builder()
///     .appid(AppId::new("876922cbca0098dff4323566daa89675")?)
///     .cname(ChannelName::new("channel1")?)
///     .uid(Uid::new(589517928)?)
///     .time(BanMinutes::new(60)?)
///     .privileges(vec![Privilege::JoinChannel])
///     .build();
/// let client = Client::builder().basic_auth("id", "secret").build()?;
/// let request = client.prepare(&rule)?;
/// assert_eq!(request.url().as_str(), "https://api.agora.io/dev/v1/kicking-rule");
/// let body: serde_json::Value =
///     serde_json::from_slice(request.body().and_then(|b| b.as_bytes()).unwrap_or_default())?;
/// assert_eq!(
///     body,
///     serde_json::json!({
///         "appid": "876922cbca0098dff4323566daa89675",
///         "cname": "channel1",
///         "uid": 589517928,
///         "time": 60,
///         "privileges": ["join_channel"]
///     })
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    POST,
    "/dev/v1/kicking-rule",
    response = CreatedBanRule,
    validate = CreateBanRule::check
)]
#[auth(basic)]
pub struct CreateBanRule {
    /// The App ID of the project.
    pub appid: AppId,
    /// Match users in this channel (every user in it, unless `uid` is set
    /// too).
    pub cname: Option<ChannelName>,
    /// Match this user ID (in every channel of the app, unless `cname` is
    /// set too). A JSON number; never 0.
    pub uid: Option<Uid>,
    /// Match every user with this IP address; this may hit users who share
    /// the address. Never `"0"`. Agora's own example sends `""` alongside
    /// `cname` and `uid` when no address is meant; leaving it `None` sends
    /// nothing.
    pub ip: Option<String>,
    /// How long the ban lasts, in minutes.
    pub time: Option<BanMinutes>,
    /// How long the ban lasts, in seconds. Agora lets it win over `time`;
    /// the crate refuses to send both.
    pub time_in_seconds: Option<BanSeconds>,
    /// The privileges to take away; `publish_audio` and `publish_video`
    /// together stop a user publishing anything.
    pub privileges: Vec<Privilege>,
}

impl CreateBanRule {
    fn check(&self) -> Result<(), InvalidInput> {
        let ip = self.ip.as_deref();
        if ip == Some("0") {
            return Err(InvalidInput::new(
                "ip",
                "must not be 0; leave it unset to match no IP address",
            ));
        }
        if self.cname.is_none() && self.uid.is_none() && ip.is_none_or(str::is_empty) {
            return Err(InvalidInput::new(
                "cname",
                "a rule must match something: set at least one of cname, uid or ip",
            ));
        }
        check_privileges(&self.privileges)?;
        check_one_duration(self.time, self.time_in_seconds)
    }
}

fn check_privileges(privileges: &[Privilege]) -> Result<(), InvalidInput> {
    if privileges.is_empty() {
        return Err(InvalidInput::new(
            "privileges",
            "must name at least one privilege",
        ));
    }
    if let Some(Privilege::Other(unknown)) = privileges
        .iter()
        .find(|privilege| matches!(privilege, Privilege::Other(_)))
    {
        return Err(InvalidInput::new(
            "privileges",
            format!(
                "{unknown:?} is not a documented privilege (join_channel, publish_audio, publish_video)"
            ),
        ));
    }
    Ok(())
}

fn check_one_duration(
    minutes: Option<BanMinutes>,
    seconds: Option<BanSeconds>,
) -> Result<(), InvalidInput> {
    if minutes.is_some() && seconds.is_some() {
        return Err(InvalidInput::new(
            "time_in_seconds",
            "set either time or time_in_seconds, not both",
        ));
    }
    Ok(())
}

/// The rule made by [`CreateBanRule`].
#[derive(Debug, Clone, Deserialize)]
#[non_exhaustive]
pub struct CreatedBanRule {
    /// `success`.
    #[serde(default)]
    pub status: Option<RequestStatus>,
    /// The new rule's ID: save it to update or delete the rule.
    pub id: BanRuleId,
}

string_enum! {
    /// The `status` of a ban rule call.
    pub enum RequestStatus {
        /// The request succeeded.
        Success = "success",
    }
}

/// Lists the app's ban rules.
///
/// `GET /dev/v1/kicking-rule?appid=...`. Agora serves this query at a
/// lower priority than creating, updating and deleting rules, so under
/// poor network conditions it may fail or miss rules: keep the IDs
/// [`CreateBanRule`] returns rather than relying on this list. Rate limit:
/// 10 requests per second per Agora account.
/// <https://docs.agora.io/en/video-calling/channel-management-api/endpoint/ban-user-privileges/get-rule-list>
///
/// ```
/// use agora_api::{AppId, Client, channel::ListBanRules};
/// let client = Client::builder().basic_auth("id", "secret").build()?;
/// let request = client.prepare(
///     &ListBanRules::builder().appid(AppId::new("876922cbca0098dff4323566daa89675")?).build(),
/// )?;
/// assert_eq!(
///     request.url().as_str(),
///     "https://api.agora.io/dev/v1/kicking-rule?appid=876922cbca0098dff4323566daa89675"
/// );
/// assert!(request.body().is_none());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Endpoint)]
#[endpoint(GET, "/dev/v1/kicking-rule", response = BanRules)]
#[auth(basic)]
pub struct ListBanRules {
    /// The App ID of the project.
    #[endpoint(query)]
    pub appid: AppId,
}

/// The rules listed by [`ListBanRules`].
#[derive(Debug, Clone, Deserialize)]
#[non_exhaustive]
pub struct BanRules {
    /// `success`.
    #[serde(default)]
    pub status: Option<RequestStatus>,
    /// The rules.
    #[serde(default)]
    pub rules: Vec<BanRule>,
}

/// One ban rule, as [`ListBanRules`] reports it. Members a rule does not
/// set may be missing.
#[derive(Debug, Clone, Deserialize)]
#[non_exhaustive]
pub struct BanRule {
    /// The rule's ID.
    pub id: BanRuleId,
    /// The App ID of the project (as Agora sends it, unchecked).
    #[serde(default)]
    pub appid: Option<String>,
    /// The matched user ID.
    #[serde(default)]
    pub uid: Option<u32>,
    /// The operation ID, for troubleshooting with Agora.
    #[serde(default)]
    pub opid: Option<u64>,
    /// The matched channel.
    #[serde(default)]
    pub cname: Option<String>,
    /// The matched IP address.
    #[serde(default)]
    pub ip: Option<String>,
    /// When the rule expires: a UTC time such as
    /// `2026-01-09T07:23:06.000Z`.
    #[serde(default)]
    pub ts: Option<String>,
    /// The privileges taken away.
    #[serde(default)]
    pub privileges: Vec<Privilege>,
    /// When the rule was created (UTC).
    #[serde(default, rename = "createAt")]
    pub create_at: Option<String>,
    /// When the rule was last updated (UTC).
    #[serde(default, rename = "updateAt")]
    pub update_at: Option<String>,
}

/// Changes how long a ban rule lasts, counted from now.
///
/// `PUT /dev/v1/kicking-rule`. Set [`time`](Self::time) in minutes or
/// [`time_in_seconds`](Self::time_in_seconds) (not both; 60 minutes when
/// neither is set); `0` ends the ban after kicking the matching users out.
///
/// Idempotent in effect: the call sets the rule's duration rather than
/// adding to it, so sending it again leaves the same rule with the same
/// duration, its expiry at most shifted by the time between the two
/// sends. A retry may therefore re-send it. Rate limit: 10 requests per
/// second per Agora account.
/// <https://docs.agora.io/en/video-calling/channel-management-api/endpoint/ban-user-privileges/update-expiration-time>
///
/// ```
/// use agora_api::{AppId, Client};
/// use agora_api::channel::{BanRuleId, BanSeconds, UpdateBanRuleExpiry};
///
/// let update = UpdateBanRuleExpiry::builder()
///     .appid(AppId::new("876922cbca0098dff4323566daa89675")?)
///     .id(BanRuleId::new(1953))
///     .time_in_seconds(BanSeconds::new(600)?)
///     .build();
/// let client = Client::builder().basic_auth("id", "secret").build()?;
/// let request = client.prepare(&update)?;
/// assert_eq!(request.method(), "PUT");
/// let body = request.body().and_then(|b| b.as_bytes()).unwrap_or_default();
/// assert_eq!(
///     serde_json::from_slice::<serde_json::Value>(body)?,
///     serde_json::json!({
///         "appid": "876922cbca0098dff4323566daa89675",
///         "id": 1953,
///         "time_in_seconds": 600
///     })
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    PUT,
    "/dev/v1/kicking-rule",
    response = UpdatedBanRule,
    idempotent,
    validate = UpdateBanRuleExpiry::check
)]
#[auth(basic)]
pub struct UpdateBanRuleExpiry {
    /// The App ID of the project.
    pub appid: AppId,
    /// The rule to update.
    pub id: BanRuleId,
    /// The new duration, in minutes.
    pub time: Option<BanMinutes>,
    /// The new duration, in seconds. Agora lets it win over `time`; the
    /// crate refuses to send both.
    pub time_in_seconds: Option<BanSeconds>,
}

impl UpdateBanRuleExpiry {
    fn check(&self) -> Result<(), InvalidInput> {
        check_one_duration(self.time, self.time_in_seconds)
    }
}

/// The answer to [`UpdateBanRuleExpiry`].
#[derive(Debug, Clone, Deserialize)]
#[non_exhaustive]
pub struct UpdatedBanRule {
    /// `success`.
    #[serde(default)]
    pub status: Option<RequestStatus>,
    /// The rule and its new expiry.
    pub result: BanRuleExpiry,
}

/// A rule's new expiry.
#[derive(Debug, Clone, Deserialize)]
#[non_exhaustive]
pub struct BanRuleExpiry {
    /// The rule's ID.
    pub id: BanRuleId,
    /// When the rule now expires: a UTC time such as
    /// `2026-01-09T08:45:54.545Z`.
    #[serde(default)]
    pub ts: Option<String>,
}

/// Deletes a ban rule, lifting its ban.
///
/// `DELETE /dev/v1/kicking-rule`, with the rule named in a JSON body.
///
/// Idempotent in effect: once deleted the rule stays deleted, and a
/// second delete changes nothing, so a retry may re-send it. (If the first
/// attempt did reach Agora, the retry may answer with an error for a rule
/// that no longer exists.) Rate limit: 10 requests per second per Agora
/// account.
/// <https://docs.agora.io/en/video-calling/channel-management-api/endpoint/ban-user-privileges/delete-rules>
///
/// ```
/// use agora_api::{AppId, Client};
/// use agora_api::channel::{BanRuleId, DeleteBanRule};
///
/// let delete = DeleteBanRule::builder()
///     .appid(AppId::new("876922cbca0098dff4323566daa89675")?)
///     .id(BanRuleId::new(1953))
///     .build();
/// let client = Client::builder().basic_auth("id", "secret").build()?;
/// let request = client.prepare(&delete)?;
/// assert_eq!(request.method(), "DELETE");
/// assert_eq!(
///     request.body().and_then(|b| b.as_bytes()),
///     Some(&br#"{"appid":"876922cbca0098dff4323566daa89675","id":1953}"#[..])
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Endpoint)]
#[endpoint(DELETE, "/dev/v1/kicking-rule", response = DeletedBanRule, idempotent)]
#[auth(basic)]
pub struct DeleteBanRule {
    /// The App ID of the project.
    pub appid: AppId,
    /// The rule to delete.
    pub id: BanRuleId,
}

/// The answer to [`DeleteBanRule`].
#[derive(Debug, Clone, Deserialize)]
#[non_exhaustive]
pub struct DeletedBanRule {
    /// `success`.
    #[serde(default)]
    pub status: Option<RequestStatus>,
    /// The deleted rule's ID.
    pub id: BanRuleId,
}

// ---------------------------------------------------------------------------
// Online channel statistics
// ---------------------------------------------------------------------------

/// The envelope of every online statistics answer.
#[derive(Debug, Clone, Deserialize)]
#[non_exhaustive]
pub struct StatsResponse<T> {
    /// `true`; Agora reserves `false` for future use.
    pub success: bool,
    /// The statistics.
    pub data: T,
}

/// Tells whether a user is in a channel and, if so, their role, platform
/// and when they joined.
///
/// `GET /dev/v1/channel/user/property/{appid}/{uid}/{channelName}`. Integer
/// user IDs only (no string user accounts). To follow many users, prefer
/// [`ListChannelUsers`], which Agora recommends for synchronizing online
/// state. Rate limit: 20 requests per second per Agora account.
/// <https://docs.agora.io/en/video-calling/channel-management-api/endpoint/query-channel-information/query-user-status>
///
/// ```
/// use agora_api::{AppId, ChannelName, Client, Uid, channel::GetUserStatus};
/// let client = Client::builder().basic_auth("id", "secret").build()?;
/// let request = client.prepare(
///     &GetUserStatus::builder()
///         .appid(AppId::new("876922cbca0098dff4323566daa89675")?)
///         .uid(Uid::new(2845863044)?)
///         .channel_name(ChannelName::new("room #1")?)
///         .build(),
/// )?;
/// assert_eq!(
///     request.url().as_str(),
///     "https://api.agora.io/dev/v1/channel/user/property/876922cbca0098dff4323566daa89675/2845863044/room%20%231"
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    GET,
    "/dev/v1/channel/user/property/{appid}/{uid}/{channelName}",
    response = StatsResponse<UserStatus>
)]
#[auth(basic)]
pub struct GetUserStatus {
    /// The App ID of the project.
    pub appid: AppId,
    /// The user's integer ID.
    pub uid: Uid,
    /// The channel.
    #[endpoint(rename = "channelName")]
    pub channel_name: ChannelName,
}

/// A user's state in a channel, from [`GetUserStatus`]. When `in_channel`
/// is `false` Agora sends nothing else.
#[derive(Debug, Clone, Deserialize)]
#[non_exhaustive]
pub struct UserStatus {
    /// Whether the user is in the channel.
    pub in_channel: bool,
    /// The user's ID.
    #[serde(default)]
    pub uid: Option<u32>,
    /// When the user joined, in Unix seconds.
    #[serde(default)]
    pub join: Option<i64>,
    /// The user's role.
    #[serde(default)]
    pub role: Option<UserRole>,
    /// The platform of the user's device.
    #[serde(default)]
    pub platform: Option<Platform>,
}

int_enum! {
    /// A user's role in a channel.
    pub enum UserRole {
        /// Unknown.
        Unknown = 0,
        /// A user of a `COMMUNICATION` channel.
        CommunicationUser = 1,
        /// A host of a `LIVE_BROADCASTING` channel.
        Host = 2,
        /// An audience member of a `LIVE_BROADCASTING` channel.
        Audience = 3,
    }
}

int_enum! {
    /// The platform of a user's device.
    pub enum Platform {
        /// A platform Agora does not list ("others").
        Unlisted = 0,
        /// Android.
        Android = 1,
        /// iOS.
        Ios = 2,
        /// Windows.
        Windows = 5,
        /// Linux.
        Linux = 6,
        /// Web.
        Web = 7,
        /// macOS.
        MacOs = 8,
    }
}

/// Lists the users in a channel: every user of a `COMMUNICATION` channel,
/// or the hosts and (the first 10 000) audience members of a
/// `LIVE_BROADCASTING` one; see [`ChannelUsers`].
///
/// `GET /dev/v1/channel/user/{appid}/{channelName}`. Every user must use
/// the same channel profile, or the answer may be wrong. Agora recommends
/// this call over [`GetUserStatus`] to synchronize online state. Rate
/// limit: 20 requests per second per Agora account.
/// <https://docs.agora.io/en/video-calling/channel-management-api/endpoint/query-channel-information/query-user-list>
///
/// ```
/// use agora_api::{AppId, ChannelName, Client, channel::ListChannelUsers};
/// let client = Client::builder().basic_auth("id", "secret").build()?;
/// let request = client.prepare(
///     &ListChannelUsers::builder()
///         .appid(AppId::new("876922cbca0098dff4323566daa89675")?)
///         .channel_name(ChannelName::new("demo_channel")?)
///         .build(),
/// )?;
/// assert_eq!(
///     request.url().as_str(),
///     "https://api.agora.io/dev/v1/channel/user/876922cbca0098dff4323566daa89675/demo_channel"
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    GET,
    "/dev/v1/channel/user/{appid}/{channelName}",
    response = StatsResponse<ChannelUsers>
)]
#[auth(basic)]
pub struct ListChannelUsers {
    /// The App ID of the project.
    pub appid: AppId,
    /// The channel.
    #[endpoint(rename = "channelName")]
    pub channel_name: ChannelName,
    /// List the hosts only (`LIVE_BROADCASTING` channels); sent as
    /// `hosts_only=true`, see [`HostsOnly`].
    #[endpoint(query)]
    pub hosts_only: Option<HostsOnly>,
}

/// Lists the hosts in a `LIVE_BROADCASTING` channel.
///
/// `GET /dev/v1/channel/user/{appid}/{channelName}/hosts_only`. The
/// answer is a [`ChannelUsers::LiveBroadcasting`] without audience. Every
/// user must use the same channel profile, or the answer may be wrong.
/// Agora recommends this call over [`GetUserStatus`] to synchronize the
/// hosts' online state. Rate limit: 20 requests per second per Agora
/// account.
/// <https://docs.agora.io/en/video-calling/channel-management-api/endpoint/query-channel-information/query-host-list>
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    GET,
    "/dev/v1/channel/user/{appid}/{channelName}/hosts_only",
    response = StatsResponse<ChannelUsers>
)]
#[auth(basic)]
pub struct ListChannelHosts {
    /// The App ID of the project.
    pub appid: AppId,
    /// The channel.
    #[endpoint(rename = "channelName")]
    pub channel_name: ChannelName,
}

int_enum! {
    /// A channel profile (`mode`).
    pub enum ChannelProfile {
        /// `COMMUNICATION`: every user may publish.
        Communication = 1,
        /// `LIVE_BROADCASTING`: hosts publish, the audience watches.
        LiveBroadcasting = 2,
    }
}

/// Who is in a channel, from [`ListChannelUsers`] or [`ListChannelHosts`].
/// The shape depends on the channel profile (`mode`).
///
/// ```
/// use agora_api::channel::{ChannelUsers, StatsResponse};
/// let live: StatsResponse<ChannelUsers> = serde_json::from_str(
///     r#"{"success": true, "data": {"channel_exist": true, "mode": 2,
///         "broadcasters": [2206227541], "audience": [906219905], "audience_total": 1}}"#,
/// )?;
/// let ChannelUsers::LiveBroadcasting(users) = live.data else { panic!("a live channel") };
/// assert_eq!(users.broadcasters, [2206227541]);
/// assert_eq!(users.audience_total, Some(1));
///
/// let gone: StatsResponse<ChannelUsers> =
///     serde_json::from_str(r#"{"success": true, "data": {"channel_exist": false}}"#)?;
/// assert!(matches!(gone.data, ChannelUsers::NoChannel));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum ChannelUsers {
    /// The channel does not exist (`channel_exist: false`): no one is in
    /// it.
    NoChannel,
    /// A `COMMUNICATION` channel (`mode` 1).
    Communication(CommunicationUsers),
    /// A `LIVE_BROADCASTING` channel (`mode` 2).
    LiveBroadcasting(LiveBroadcastUsers),
    /// A channel of a profile this version of the crate does not know,
    /// with its `mode` when Agora sent one.
    UnknownProfile {
        /// The `mode` Agora sent.
        mode: Option<i64>,
    },
}

impl ChannelUsers {
    /// Whether the channel exists.
    pub fn exists(&self) -> bool {
        !matches!(self, ChannelUsers::NoChannel)
    }

    /// The channel profile, when the channel exists and its profile is
    /// known.
    pub fn profile(&self) -> Option<ChannelProfile> {
        match self {
            ChannelUsers::Communication(_) => Some(ChannelProfile::Communication),
            ChannelUsers::LiveBroadcasting(_) => Some(ChannelProfile::LiveBroadcasting),
            ChannelUsers::NoChannel | ChannelUsers::UnknownProfile { .. } => None,
        }
    }
}

/// The users of a `COMMUNICATION` channel.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct CommunicationUsers {
    /// How many users are in the channel.
    pub total: u64,
    /// Their user IDs.
    pub users: Vec<u32>,
}

/// The users of a `LIVE_BROADCASTING` channel.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct LiveBroadcastUsers {
    /// The hosts' user IDs.
    pub broadcasters: Vec<u32>,
    /// The user IDs of the first 10 000 audience members; `None` when only
    /// the hosts were asked for.
    pub audience: Option<Vec<u32>>,
    /// How many audience members there are; `None` when only the hosts
    /// were asked for.
    pub audience_total: Option<u64>,
}

/// `data` of a user list as Agora sends it, before it is sorted by profile.
#[derive(Deserialize)]
struct RawChannelUsers {
    #[serde(default)]
    channel_exist: Option<bool>,
    #[serde(default)]
    mode: Option<i64>,
    #[serde(default)]
    total: Option<u64>,
    #[serde(default)]
    users: Option<Vec<u32>>,
    #[serde(default)]
    broadcasters: Option<Vec<u32>>,
    #[serde(default)]
    audience: Option<Vec<u32>>,
    #[serde(default)]
    audience_total: Option<u64>,
}

impl From<RawChannelUsers> for ChannelUsers {
    fn from(raw: RawChannelUsers) -> Self {
        if raw.channel_exist == Some(false) {
            return ChannelUsers::NoChannel;
        }
        // The documented `mode` decides; without one, the members sent do.
        let profile = match raw.mode.map(ChannelProfile::from) {
            Some(ChannelProfile::Other(_)) => None,
            Some(known) => Some(known),
            None if raw.users.is_some() => Some(ChannelProfile::Communication),
            None if raw.broadcasters.is_some() => Some(ChannelProfile::LiveBroadcasting),
            None => None,
        };
        match profile {
            Some(ChannelProfile::Communication) => {
                let users = raw.users.unwrap_or_default();
                ChannelUsers::Communication(CommunicationUsers {
                    total: raw.total.unwrap_or(users.len() as u64),
                    users,
                })
            }
            Some(ChannelProfile::LiveBroadcasting) => {
                ChannelUsers::LiveBroadcasting(LiveBroadcastUsers {
                    broadcasters: raw.broadcasters.unwrap_or_default(),
                    audience: raw.audience,
                    audience_total: raw.audience_total,
                })
            }
            _ => ChannelUsers::UnknownProfile { mode: raw.mode },
        }
    }
}

impl<'de> Deserialize<'de> for ChannelUsers {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        RawChannelUsers::deserialize(deserializer).map(ChannelUsers::from)
    }
}

/// Lists the project's channels, one page at a time.
///
/// `GET /dev/v1/channel/{appid}?page_no=...&page_size=...`. Pages are
/// numbered from 0; a page holds 1 to 500 channels (default 100). Walk
/// every page with [`Client::pages`](crate::Client::pages), which stops
/// after the last one. When channels fill and empty fast, a channel may
/// show on two pages or on none; Agora's older docs say the list is cached
/// for a minute. Rate limit: 20 requests per second per Agora account.
/// <https://docs.agora.io/en/video-calling/channel-management-api/endpoint/query-channel-information/query-channel-list>
///
/// ```
/// use agora_api::{AppId, Client};
/// use agora_api::channel::{ListChannels, PageSize};
///
/// let first = ListChannels::builder()
///     .appid(AppId::new("876922cbca0098dff4323566daa89675")?)
///     .page_no(0)
///     .page_size(PageSize::new(100)?)
///     .build();
/// let client = Client::builder().basic_auth("id", "secret").build()?;
/// assert_eq!(
///     client.prepare(&first)?.url().as_str(),
///     "https://api.agora.io/dev/v1/channel/876922cbca0098dff4323566daa89675?page_no=0&page_size=100"
/// );
///
/// // Every channel, page after page, until the last one.
/// async fn every_channel(client: &Client, first: ListChannels) -> Result<Vec<String>, agora_api::Error> {
///     let mut names = Vec::new();
///     let mut pages = client.pages(first);
///     while let Some(page) = pages.next().await {
///         names.extend(page?.data.channels.into_iter().map(|channel| channel.channel_name));
///     }
///     Ok(names)
/// }
/// # let _ = every_channel;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Endpoint)]
#[endpoint(GET, "/dev/v1/channel/{appid}", response = StatsResponse<ChannelPage>)]
#[auth(basic)]
pub struct ListChannels {
    /// The App ID of the project.
    pub appid: AppId,
    /// The page, from 0 (Agora's default).
    #[endpoint(query)]
    pub page_no: Option<u32>,
    /// Channels per page (Agora's default: 100).
    #[endpoint(query)]
    pub page_size: Option<PageSize>,
}

impl Paginated for ListChannels {
    /// The next page number, unless this page was empty, or it reached
    /// `total_size`, or (without `total_size`) it was not full.
    fn next_page(&self, page: &StatsResponse<ChannelPage>) -> Option<Self> {
        let data = &page.data;
        if data.channels.is_empty() {
            return None;
        }
        let page_no = self.page_no.unwrap_or(0);
        let size = u64::from(self.page_size.unwrap_or_default().get());
        let listed = (u64::from(page_no) + 1) * size;
        let more = match data.total_size {
            Some(total) => listed < total,
            None => data.channels.len() as u64 >= size,
        };
        let next = page_no.checked_add(1).filter(|_| more)?;
        Some(ListChannels {
            page_no: Some(next),
            ..self.clone()
        })
    }
}

/// One page of [`ListChannels`].
#[derive(Debug, Clone, Deserialize)]
#[non_exhaustive]
pub struct ChannelPage {
    /// The channels on this page; empty past the last page.
    #[serde(default)]
    pub channels: Vec<ChannelInfo>,
    /// How many channels the project has in all.
    #[serde(default)]
    pub total_size: Option<u64>,
}

/// One channel and how many users are in it.
#[derive(Debug, Clone, Deserialize)]
#[non_exhaustive]
pub struct ChannelInfo {
    /// The channel name.
    pub channel_name: String,
    /// How many users are in the channel.
    pub user_count: u64,
}

// ---------------------------------------------------------------------------
// Notifications (NCS)
// ---------------------------------------------------------------------------

/// Lists the IP addresses Agora's Notifications service sends channel
/// events from, for a firewall allowlist.
///
/// `GET /v2/ncs/ip`. Agora changes these addresses now and then: call this
/// at least once a day and update the allowlist. Rate limit: 10 requests
/// per second per Agora account.
/// <https://docs.agora.io/en/video-calling/channel-management-api/endpoint/message-notification-service/query-ip-address>
///
/// ```
/// use agora_api::{Client, channel::ListNotificationIps};
/// let client = Client::builder().basic_auth("id", "secret").build()?;
/// let request = client.prepare(&ListNotificationIps::builder().build())?;
/// assert_eq!(request.url().as_str(), "https://api.agora.io/v2/ncs/ip");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, Endpoint)]
#[endpoint(GET, "/v2/ncs/ip", response = NotificationIps)]
#[auth(basic)]
pub struct ListNotificationIps {}

/// The Notifications servers, from [`ListNotificationIps`].
///
/// ```
/// use agora_api::channel::NotificationIps;
/// let answer: NotificationIps = serde_json::from_str(
///     r#"{"data": {"service": {"hosts": [{"primaryIP": "192.0.2.1"}, {"primaryIP": "192.0.2.2"}]}}}"#,
/// )?;
/// assert_eq!(answer.ips().collect::<Vec<_>>(), ["192.0.2.1", "192.0.2.2"]);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Deserialize)]
#[non_exhaustive]
pub struct NotificationIps {
    /// The servers.
    pub data: NotificationService,
}

impl NotificationIps {
    /// Every server address to allow.
    pub fn ips(&self) -> impl Iterator<Item = &str> {
        self.data
            .service
            .hosts
            .iter()
            .map(|host| host.primary_ip.as_str())
    }
}

/// `data` of [`NotificationIps`].
#[derive(Debug, Clone, Deserialize)]
#[non_exhaustive]
pub struct NotificationService {
    /// The service.
    pub service: NotificationHosts,
}

/// `data.service` of [`NotificationIps`].
#[derive(Debug, Clone, Deserialize)]
#[non_exhaustive]
pub struct NotificationHosts {
    /// The servers.
    #[serde(default)]
    pub hosts: Vec<NotificationHost>,
}

/// One Notifications server.
#[derive(Debug, Clone, Deserialize)]
#[non_exhaustive]
pub struct NotificationHost {
    /// Its IP address: allow it in the firewall.
    #[serde(rename = "primaryIP")]
    pub primary_ip: String,
}
