//! Ban rules (`/dev/v1/kicking-rule`): create, list, update the expiry of
//! and delete the rules that ban users' privileges.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::error::InvalidInput;
use crate::types::{AppId, ChannelName, Uid};
use crate::values::string_enum;
use crate::values::validated_number;
use crate::{Endpoint, endpoint_docs};

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

validated_number! {
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

validated_number! {
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

// ---------------------------------------------------------------------------
// Endpoints
// ---------------------------------------------------------------------------

/// Creates a rule that bans user privileges (joining, publishing audio or
/// video) of the users it matches.
///
/// Who is matched depends on which of `cname`, `uid` and `ip` are set: a
/// channel (everyone in it), a user ID (in every channel of the app, or in
/// `cname` only), or an IP address (every user behind it). The ban lasts
/// [`time`](Self::time) minutes or
/// [`time_in_seconds`](Self::time_in_seconds) (not both; 60 minutes when
/// neither is set); `0` kicks the users out without banning them.
///
/// Not idempotent: each call creates another rule, so a retry never
/// re-sends it once it may have reached Agora. Agora asks for a timeout of
/// 20 seconds or more on this call (the client's default is 30); after a
/// timeout or a `504`, look for the rule with [`ListBanRules`] before
/// creating it again. Save the returned [`BanRuleId`].
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
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    POST,
    "/dev/v1/kicking-rule",
    response = CreatedBanRule,
    validate = CreateBanRule::check,
    doc = "https://docs.agora.io/en/video-calling/channel-management-api/endpoint/ban-user-privileges/create-rules",
    rate_limit(10, per = second, scope = account),
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
/// Agora serves this query at a lower priority than creating, updating and
/// deleting rules, so under poor network conditions it may fail or miss
/// rules: keep the IDs [`CreateBanRule`] returns rather than relying on
/// this list.
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
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    GET,
    "/dev/v1/kicking-rule",
    response = BanRules,
    doc = "https://docs.agora.io/en/video-calling/channel-management-api/endpoint/ban-user-privileges/get-rule-list",
    rate_limit(10, per = second, scope = account),
)]
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
/// Set [`time`](Self::time) in minutes or
/// [`time_in_seconds`](Self::time_in_seconds) (not both; 60 minutes when
/// neither is set); `0` ends the ban after kicking the matching users out.
///
/// Idempotent in effect: the call sets the rule's duration rather than
/// adding to it, so sending it again leaves the same rule with the same
/// duration, its expiry at most shifted by the time between the two sends.
/// A retry may therefore re-send it.
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
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    PUT,
    "/dev/v1/kicking-rule",
    response = UpdatedBanRule,
    idempotent,
    validate = UpdateBanRuleExpiry::check,
    doc = "https://docs.agora.io/en/video-calling/channel-management-api/endpoint/ban-user-privileges/update-expiration-time",
    rate_limit(10, per = second, scope = account),
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
/// The rule is named in a JSON body.
///
/// Idempotent in effect: once deleted the rule stays deleted, and a second
/// delete changes nothing, so a retry may re-send it. (If the first attempt
/// did reach Agora, the retry may answer with an error for a rule that no
/// longer exists.)
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
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    DELETE,
    "/dev/v1/kicking-rule",
    response = DeletedBanRule,
    idempotent,
    doc = "https://docs.agora.io/en/video-calling/channel-management-api/endpoint/ban-user-privileges/delete-rules",
    rate_limit(10, per = second, scope = account),
)]
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
