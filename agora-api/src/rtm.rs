//! Real-time Messaging (Signaling) RESTful API.
//!
//! | endpoint | call |
//! |---|---|
//! | [`SendPeerMessage`] | `POST /dev/v2/project/{appid}/rtm/users/{user_id}/peer_messages` |
//! | [`SendChannelMessage`] | `POST /dev/v2/project/{appid}/rtm/users/{user_id}/channel_messages` |
//! | [`GetUserEvents`] | `GET /dev/v2/project/{appid}/rtm/vendor/user_events` |
//! | [`GetChannelEvents`] | `GET /dev/v2/project/{appid}/rtm/vendor/channel_events` |
//! | [`GetMessageHistory`] | `GET /rtm/v2/history/{appId}/userId/{userId}/channelType/{channelType}/channel/{channelName}` |
//! | [`CreateHistoryQuery`] (legacy 1.x) | `POST /dev/v2/project/{appid}/rtm/message/history/query` |
//! | [`GetHistoryQueryResult`] (legacy 1.x) | `GET /dev/v2/project/{appid}/rtm/message/history/query/{handle}` |
//! | [`CountHistoryMessages`] (legacy 1.x) | `GET /dev/v2/project/{appid}/rtm/message/history/count` |
//!
//! Every endpoint accepts Basic auth or an RTM token (see
//! [`Client`](crate::Client)). With a token, messages can only be sent as
//! the user the token was built for; with Basic auth, as any user.
//!
//! Agora documents the message and event calls on `api.agora.io` and the
//! 2.x message history on `api.sd-rtn.com`; both hosts serve the same
//! paths. Responses use the 2.x spellings, and the 1.x ones (`ts` for `ms`,
//! `channel_id` for `group_id`, `dest` for `dst`) decode too.
//! <https://docs.agora.io/en/signaling/rest-api/restful-authentication>

use serde::{Deserialize, Serialize};

use crate::Endpoint;
use crate::error::InvalidInput;
use crate::open_enum::string_enum;
use crate::pages::Paginated;
use crate::types::validated_string;
use crate::types::{AppId, ChannelName, UserId};

// ---------------------------------------------------------------------------
// Inputs
// ---------------------------------------------------------------------------

/// Punctuation Signaling allows in channel names, besides ASCII letters,
/// digits and the space: the RTC set plus `'`.
const CHANNEL_PUNCTUATION: &str = "!#$%&()+-:;<=.>?@[]^_{}|~,'";

/// Punctuation the 2.x message history page allows in user IDs and channel
/// names: the Signaling set without `,` and `'`.
const HISTORY_PUNCTUATION: &str = "!#$%&()+-:;<=.>?@[]^_{}|~";

/// The most a message payload may hold: 32 KB.
pub const MAX_PAYLOAD_BYTES: usize = 32 * 1024;

validated_string! {
    /// A Signaling channel name: 1 to 64 characters of ASCII letters,
    /// digits, space and ``!#$%&()+-:;<=.>?@[]^_{}|~,'`` (the RTC set plus
    /// `'`).
    ///
    /// Every RTC [`ChannelName`] is also a valid Signaling one.
    ///
    /// ```
    /// use agora_api::rtm::RtmChannelName;
    /// let name = RtmChannelName::new("it's room #1")?;
    /// assert_eq!(name.as_str(), "it's room #1");
    /// assert!(RtmChannelName::new("a/b").is_err());
    /// assert_eq!(
    ///     RtmChannelName::new("x".repeat(65)).unwrap_err().to_string(),
    ///     "invalid `channel_name`: must be at most 64 characters (got 65)"
    /// );
    /// # Ok::<(), agora_api::InvalidInput>(())
    /// ```
    RtmChannelName, field = "channel_name", check = check_rtm_channel_name
}

fn check_rtm_channel_name(value: &str) -> Result<(), String> {
    check_name(value, CHANNEL_PUNCTUATION)
}

impl From<ChannelName> for RtmChannelName {
    fn from(name: ChannelName) -> Self {
        RtmChannelName(String::from(name).into_boxed_str())
    }
}

/// Non-empty, at most 64 ASCII characters from the allowed set.
fn check_name(value: &str, punctuation: &str) -> Result<(), String> {
    if value.is_empty() {
        return Err("must not be empty".into());
    }
    if let Some(bad) = value
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || *c == ' ' || punctuation.contains(*c)))
    {
        return Err(format!(
            "contains {bad:?}; allowed are ASCII letters, digits, space and {punctuation}"
        ));
    }
    // Every allowed character is one byte, so bytes and characters agree.
    if value.len() > 64 {
        return Err(format!(
            "must be at most 64 characters (got {})",
            value.len()
        ));
    }
    Ok(())
}

validated_string! {
    /// The content of a peer-to-peer or channel message: not empty, at most
    /// 32 KB ([`MAX_PAYLOAD_BYTES`] bytes of UTF-8).
    ///
    /// ```
    /// use agora_api::rtm::Payload;
    /// assert_eq!(Payload::new("Hello")?.as_str(), "Hello");
    /// assert_eq!(
    ///     Payload::new("").unwrap_err().to_string(),
    ///     "invalid `payload`: must not be empty"
    /// );
    /// assert!(Payload::new("x".repeat(32 * 1024 + 1)).is_err());
    /// # Ok::<(), agora_api::InvalidInput>(())
    /// ```
    Payload, field = "payload", check = check_payload
}

fn check_payload(value: &str) -> Result<(), String> {
    if value.is_empty() {
        return Err("must not be empty".into());
    }
    if value.len() > MAX_PAYLOAD_BYTES {
        return Err(format!(
            "must be at most 32 KB ({MAX_PAYLOAD_BYTES} bytes; got {} bytes)",
            value.len()
        ));
    }
    Ok(())
}

validated_string! {
    /// A UTC time as the legacy 1.x history API takes it: ISO 8601,
    /// `yyyy-mm-ddThh:mm:ssZ`, e.g. `2019-08-01T01:22:10Z`. Agora accepts
    /// no time zone offset, so convert local times to UTC first (or use
    /// [`HistoryTime::from_unix_seconds`]).
    ///
    /// ```
    /// use agora_api::rtm::HistoryTime;
    /// let time = HistoryTime::new("2019-08-01T01:22:10Z")?;
    /// assert_eq!(HistoryTime::from_unix_seconds(1_564_622_530)?, time);
    /// assert!(HistoryTime::new("2019-08-01T09:22:10+08:00").is_err());
    /// assert!(HistoryTime::new("2019-02-29T00:00:00Z").is_err());
    /// # Ok::<(), agora_api::InvalidInput>(())
    /// ```
    HistoryTime, field = "time", check = check_history_time
}

const HISTORY_TIME_RULE: &str = "must be a UTC time in ISO 8601 form yyyy-mm-ddThh:mm:ssZ";

fn check_history_time(value: &str) -> Result<(), String> {
    let bytes = value.as_bytes();
    let shape_ok = bytes.len() == 20
        && bytes.iter().enumerate().all(|(index, byte)| match index {
            4 | 7 => *byte == b'-',
            10 => *byte == b'T',
            13 | 16 => *byte == b':',
            19 => *byte == b'Z',
            _ => byte.is_ascii_digit(),
        });
    if !shape_ok {
        return Err(format!(
            "{HISTORY_TIME_RULE}, e.g. 2019-08-01T01:22:10Z (got {value:?})"
        ));
    }
    let number = |range: std::ops::Range<usize>| {
        bytes[range]
            .iter()
            .fold(0u32, |sum, digit| sum * 10 + u32::from(digit - b'0'))
    };
    let (year, month, day) = (number(0..4), number(5..7), number(8..10));
    let (hour, minute, second) = (number(11..13), number(14..16), number(17..19));
    if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
        return Err(format!("{HISTORY_TIME_RULE}: {value:?} is not a date"));
    }
    if hour > 23 || minute > 59 || second > 59 {
        return Err(format!(
            "{HISTORY_TIME_RULE}: {value:?} is not a time of day"
        ));
    }
    Ok(())
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl HistoryTime {
    /// The UTC time `seconds` after the Unix epoch (up to the year 9999).
    ///
    /// ```
    /// use agora_api::rtm::HistoryTime;
    /// assert_eq!(HistoryTime::from_unix_seconds(0)?.as_str(), "1970-01-01T00:00:00Z");
    /// # Ok::<(), agora_api::InvalidInput>(())
    /// ```
    pub fn from_unix_seconds(seconds: u64) -> Result<Self, InvalidInput> {
        // Days to civil date (Howard Hinnant's algorithm), for days >= 0.
        let days = seconds / 86_400;
        let of_day = seconds % 86_400;
        let z = days + 719_468;
        let era = z / 146_097;
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + u64::from(month <= 2);
        if year > 9999 {
            return Err(InvalidInput::new(
                "time",
                format!("{HISTORY_TIME_RULE}: {seconds} seconds is after the year 9999"),
            ));
        }
        HistoryTime::new(format!(
            "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
            of_day / 3_600,
            of_day / 60 % 60,
            of_day % 60
        ))
    }
}

/// A path segment with a space at either end does not survive every HTTP
/// stack; Agora's pages forbid it for the sender's user ID.
fn check_path_user_id(user_id: &UserId, field: &'static str) -> Result<(), InvalidInput> {
    let text = user_id.as_str();
    if text.starts_with(' ') || text.ends_with(' ') {
        return Err(InvalidInput::new(
            field,
            "must not begin or end with a space (it is part of the URL)",
        ));
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// Messages
// ---------------------------------------------------------------------------

/// Sends a peer-to-peer message from the server to one user.
///
/// `POST /dev/v2/project/{appid}/rtm/users/{user_id}/peer_messages`, with
/// Basic auth or an RTM token (then `user_id` must be the token's user).
/// The sender does not need to be logged in to Signaling. Not idempotent: a
/// message that may have reached Agora is never re-sent, so a retry cannot
/// deliver it twice. Rate limit: 500 calls per second per App ID, peer and
/// channel messages combined.
/// <https://docs.agora.io/en/signaling/rest-api/peer-to-peer-message>
///
/// ```
/// use agora_api::{AppId, Client, UserId};
/// use agora_api::rtm::{Payload, SendPeerMessage};
///
/// let send = SendPeerMessage::builder()
///     .appid(AppId::new("876922cbca0098dff4323566daa89675")?)
///     .user_id(UserId::new("userA")?)
///     .wait_for_ack(true)
///     .destination(UserId::new("userB")?)
///     .enable_historical_messaging(true)
///     .payload(Payload::new("Hello")?)
///     .build();
/// let client = Client::builder().basic_auth("id", "secret").build()?;
/// let request = client.prepare(&send)?;
/// assert_eq!(
///     request.url().as_str(),
///     "https://api.agora.io/dev/v2/project/876922cbca0098dff4323566daa89675/rtm/users/userA/peer_messages?wait_for_ack=true"
/// );
/// let body = request.body().and_then(|b| b.as_bytes()).unwrap_or_default();
/// assert_eq!(
///     std::str::from_utf8(body)?,
///     r#"{"destination":"userB","enable_historical_messaging":true,"payload":"Hello"}"#
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    POST,
    "/dev/v2/project/{appid}/rtm/users/{user_id}/peer_messages",
    response = MessageReceipt,
    validate = SendPeerMessage::check
)]
#[auth(basic, rtm_token)]
pub struct SendPeerMessage {
    /// The App ID of the project.
    pub appid: AppId,
    /// The sender. It must not begin or end with a space. Under RTM token
    /// auth it must be the user the token was generated for (Agora refuses
    /// any other); the client checks that before sending.
    #[endpoint(sender)]
    pub user_id: UserId,
    /// `true`: answer only once the receiver's SDK acknowledged the message
    /// ([`MessageStatus::Delivered`]); `false` (the default): answer as
    /// soon as Agora has it ([`MessageStatus::Sent`]).
    #[endpoint(query)]
    pub wait_for_ack: Option<bool>,
    /// The receiver.
    pub destination: UserId,
    /// Keep the message (up to 200 per receiver) for a receiver who is
    /// offline. Agora has deprecated offline messages and advises against
    /// them. Default `false`.
    pub enable_offline_messaging: Option<bool>,
    /// Store the message so that the history API can return it. Default
    /// `false`.
    pub enable_historical_messaging: Option<bool>,
    /// The content.
    pub payload: Payload,
}

impl SendPeerMessage {
    fn check(&self) -> Result<(), InvalidInput> {
        check_path_user_id(&self.user_id, "user_id")
    }
}

/// Sends a message from the server to a channel.
///
/// `POST /dev/v2/project/{appid}/rtm/users/{user_id}/channel_messages`,
/// with Basic auth or an RTM token (then `user_id` must be the token's
/// user). The sender does not need to join the channel. Not idempotent: a
/// message that may have reached Agora is never re-sent. Rate limit: 500
/// calls per second per App ID, peer and channel messages combined.
/// <https://docs.agora.io/en/signaling/rest-api/channel-message>
///
/// ```
/// use agora_api::{AppId, Client, UserId};
/// use agora_api::rtm::{Payload, RtmChannelName, SendChannelMessage};
///
/// let send = SendChannelMessage::builder()
///     .appid(AppId::new("876922cbca0098dff4323566daa89675")?)
///     .user_id(UserId::new("userA")?)
///     .channel_name(RtmChannelName::new("channelA")?)
///     .payload(Payload::new("Hello")?)
///     .build();
/// let client = Client::builder().basic_auth("id", "secret").build()?;
/// let request = client.prepare(&send)?;
/// let body = request.body().and_then(|b| b.as_bytes()).unwrap_or_default();
/// assert_eq!(std::str::from_utf8(body)?, r#"{"channel_name":"channelA","payload":"Hello"}"#);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    POST,
    "/dev/v2/project/{appid}/rtm/users/{user_id}/channel_messages",
    response = MessageReceipt,
    validate = SendChannelMessage::check
)]
#[auth(basic, rtm_token)]
pub struct SendChannelMessage {
    /// The App ID of the project.
    pub appid: AppId,
    /// The sender. It must not begin or end with a space. Under RTM token
    /// auth it must be the user the token was generated for (Agora refuses
    /// any other); the client checks that before sending.
    #[endpoint(sender)]
    pub user_id: UserId,
    /// The channel that receives the message.
    pub channel_name: RtmChannelName,
    /// Store the message so that the history API can return it. Default
    /// `false`.
    pub enable_historical_messaging: Option<bool>,
    /// The content.
    pub payload: Payload,
}

impl SendChannelMessage {
    fn check(&self) -> Result<(), InvalidInput> {
        check_path_user_id(&self.user_id, "user_id")
    }
}

/// What [`SendPeerMessage`] and [`SendChannelMessage`] answer.
#[derive(Debug, Clone, Deserialize)]
#[non_exhaustive]
pub struct MessageReceipt {
    /// Whether the request succeeded. Agora leaves it out of some answers
    /// (a receiver who is offline).
    #[serde(default)]
    pub result: Option<Outcome>,
    /// Agora's ID of this request.
    #[serde(default)]
    pub request_id: Option<String>,
    /// What became of the message.
    #[serde(default)]
    pub code: Option<MessageStatus>,
}

string_enum! {
    /// What became of a sent message.
    pub enum MessageStatus {
        /// Agora has the message.
        Sent = "message_sent",
        /// The receiver acknowledged it (only with `wait_for_ack`).
        Delivered = "message_delivered",
        /// The receiver is offline.
        Offline = "message_offline",
    }
}

// ---------------------------------------------------------------------------
// Events
// ---------------------------------------------------------------------------

/// Fetches the login and logout events of the app's users.
///
/// `GET /dev/v2/project/{appid}/rtm/vendor/user_events`, with Basic auth or
/// an RTM token. Events are removed once fetched (an answer lost on the
/// way loses its events); Agora keeps at most 2 000 and returns at most
/// 1 000 per call. Events are cached per region, so their order across
/// regions is not guaranteed and duplicates are possible. Rate limit: 10
/// requests per second per App ID.
/// <https://docs.agora.io/en/signaling/rest-api/user-events>
///
/// ```
/// use agora_api::{AppId, Client, UserId, rtm::GetUserEvents};
/// let client = Client::builder()
///     .rtm_token("006abc", UserId::new("alice")?)
///     .build()?;
/// let request = client.prepare(
///     &GetUserEvents::builder().appid(AppId::new("876922cbca0098dff4323566daa89675")?).build(),
/// )?;
/// assert_eq!(request.headers()["x-agora-uid"], "alice");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Endpoint)]
#[endpoint(GET, "/dev/v2/project/{appid}/rtm/vendor/user_events", response = UserEvents)]
#[auth(basic, rtm_token)]
pub struct GetUserEvents {
    /// The App ID of the project.
    pub appid: AppId,
}

/// The user events fetched by [`GetUserEvents`].
#[derive(Debug, Clone, Deserialize)]
#[non_exhaustive]
pub struct UserEvents {
    /// Whether the request succeeded.
    #[serde(default)]
    pub result: Option<Outcome>,
    /// Agora's ID of this request.
    #[serde(default)]
    pub request_id: Option<String>,
    /// The events, oldest first within a region.
    #[serde(default)]
    pub events: Vec<UserEvent>,
}

/// One login or logout.
#[derive(Debug, Clone, Deserialize)]
#[non_exhaustive]
pub struct UserEvent {
    /// The user it concerns.
    pub user_id: String,
    /// What happened.
    #[serde(rename = "type")]
    pub kind: UserEventKind,
    /// When Agora received it, in Unix milliseconds (`ms` in 2.x, `ts` in
    /// 1.x).
    #[serde(alias = "ts")]
    pub ms: i64,
}

string_enum! {
    /// The kind of a user event.
    pub enum UserEventKind {
        /// The user logged in to Signaling.
        Login = "Login",
        /// The user logged out of Signaling.
        Logout = "Logout",
    }
}

/// Fetches the events of users joining and leaving the app's channels.
///
/// `GET /dev/v2/project/{appid}/rtm/vendor/channel_events`, with Basic auth
/// or an RTM token. Events are removed once fetched (an answer lost on the
/// way loses its events); Agora keeps at most 2 000 and returns at most
/// 1 000 per call. Events are cached per region, so their order across
/// regions is not guaranteed and duplicates are possible. Rate limit: 10
/// requests per second per App ID.
/// <https://docs.agora.io/en/signaling/rest-api/channel-events>
///
/// ```
/// use agora_api::{AppId, Client, rtm::GetChannelEvents};
/// let client = Client::builder().basic_auth("id", "secret").build()?;
/// let request = client.prepare(
///     &GetChannelEvents::builder().appid(AppId::new("876922cbca0098dff4323566daa89675")?).build(),
/// )?;
/// assert_eq!(
///     request.url().path(),
///     "/dev/v2/project/876922cbca0098dff4323566daa89675/rtm/vendor/channel_events"
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Endpoint)]
#[endpoint(GET, "/dev/v2/project/{appid}/rtm/vendor/channel_events", response = ChannelEvents)]
#[auth(basic, rtm_token)]
pub struct GetChannelEvents {
    /// The App ID of the project.
    pub appid: AppId,
}

/// The channel events fetched by [`GetChannelEvents`].
#[derive(Debug, Clone, Deserialize)]
#[non_exhaustive]
pub struct ChannelEvents {
    /// Whether the request succeeded.
    #[serde(default)]
    pub result: Option<Outcome>,
    /// Agora's ID of this request.
    #[serde(default)]
    pub request_id: Option<String>,
    /// The events, oldest first within a region.
    #[serde(default)]
    pub events: Vec<ChannelEvent>,
}

/// One user joining or leaving a channel.
#[derive(Debug, Clone, Deserialize)]
#[non_exhaustive]
pub struct ChannelEvent {
    /// The channel (`group_id` in 2.x, `channel_id` in 1.x).
    #[serde(rename = "group_id", alias = "channel_id")]
    pub channel: String,
    /// The user it concerns.
    pub user_id: String,
    /// What happened.
    #[serde(rename = "type")]
    pub kind: ChannelEventKind,
    /// When Agora received it, in Unix milliseconds (`ms` in 2.x, `ts` in
    /// 1.x).
    #[serde(alias = "ts")]
    pub ms: i64,
}

string_enum! {
    /// The kind of a channel event.
    pub enum ChannelEventKind {
        /// The user joined the channel.
        Join = "Join",
        /// The user left the channel.
        Leave = "Leave",
    }
}

string_enum! {
    /// The `result` of a Signaling call.
    pub enum Outcome {
        /// The request succeeded.
        Success = "success",
        /// The request failed.
        Failed = "failed",
    }
}

// ---------------------------------------------------------------------------
// Message history (2.x)
// ---------------------------------------------------------------------------

/// Fetches stored messages of a message channel or a user channel (Signaling
/// 2.x), one page of at most 100 at a time.
///
/// `GET /rtm/v2/history/{appId}/userId/{userId}/channelType/{channelType}/channel/{channelName}`,
/// documented on `https://api.sd-rtn.com`, with Basic auth or an RTM token
/// (Agora's samples send an AccessToken2). Only messages published with
/// history storage enabled are kept; the history feature must be enabled
/// for the project. Rate limit: none stated for this call; Signaling's
/// error-code page gives a quota of 60 requests per second for its REST
/// API.
///
/// Paged: [`Client::pages`](crate::Client::pages) walks on from each page's
/// `newStart` until Agora answers `0` (everything fetched).
/// <https://docs.agora.io/en/signaling/rest-api/message-history>
///
/// ```
/// use agora_api::{AppId, Client, UserId};
/// use agora_api::rtm::{ChannelType, GetMessageHistory, RtmChannelName};
///
/// let history = GetMessageHistory::builder()
///     .app_id(AppId::new("0123456789abcdef0123456789abcdef")?)
///     .user_id(UserId::new("Tony")?)
///     .channel_type(ChannelType::Message)
///     .channel_name(RtmChannelName::new("chatroom")?)
///     .message_count(50)
///     .build();
/// let client = Client::builder()
///     .basic_auth("id", "secret")
///     .base_url("https://api.sd-rtn.com")
///     .build()?;
/// assert_eq!(
///     client.prepare(&history)?.url().as_str(),
///     "https://api.sd-rtn.com/rtm/v2/history/0123456789abcdef0123456789abcdef/userId/Tony/channelType/message/channel/chatroom?messageCount=50"
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    GET,
    "/rtm/v2/history/{appId}/userId/{userId}/channelType/{channelType}/channel/{channelName}",
    response = MessageHistory,
    validate = GetMessageHistory::check
)]
#[auth(basic, rtm_token)]
pub struct GetMessageHistory {
    /// The App ID of the project.
    #[endpoint(rename = "appId")]
    pub app_id: AppId,
    /// The user the query is made for. This page allows the Signaling set
    /// without `,`.
    #[endpoint(rename = "userId")]
    pub user_id: UserId,
    /// A message channel or a user channel.
    #[endpoint(rename = "channelType")]
    pub channel_type: ChannelType,
    /// The channel. This page allows the Signaling set without `,` and `'`.
    #[endpoint(rename = "channelName")]
    pub channel_name: RtmChannelName,
    /// Where the page starts (a message timestamp; Agora does not state the
    /// unit). Default `0`. The next page starts at the previous page's
    /// `newStart`.
    #[endpoint(query)]
    pub start: Option<u64>,
    /// Where the query ends (a message timestamp). Default `0`.
    #[endpoint(query)]
    pub end: Option<u64>,
    /// The most messages in one answer: 1 to 100, default 100.
    #[endpoint(query = "messageCount")]
    pub message_count: Option<u32>,
}

impl GetMessageHistory {
    fn check(&self) -> Result<(), InvalidInput> {
        check_history_name(self.user_id.as_str(), "userId")?;
        check_history_name(self.channel_name.as_str(), "channelName")?;
        if let ChannelType::Other(other) = &self.channel_type {
            return Err(InvalidInput::new(
                "channelType",
                format!("must be `message` or `user` (got {other:?})"),
            ));
        }
        if let Some(count) = self.message_count
            && !(1..=100).contains(&count)
        {
            return Err(InvalidInput::new(
                "messageCount",
                format!("must be from 1 to 100 (got {count})"),
            ));
        }
        Ok(())
    }
}

fn check_history_name(value: &str, field: &'static str) -> Result<(), InvalidInput> {
    check_name(value, HISTORY_PUNCTUATION).map_err(|rule| InvalidInput::new(field, rule))
}

impl Paginated for GetMessageHistory {
    /// The same query from the page's `newStart`; none when it is `0` or
    /// missing (everything fetched), or when it would repeat this page.
    fn next_page(&self, page: &MessageHistory) -> Option<Self> {
        let next = page.data.new_start.filter(|start| *start != 0)?;
        if self.start == Some(next) {
            return None;
        }
        Some(GetMessageHistory {
            start: Some(next),
            ..self.clone()
        })
    }
}

string_enum! {
    /// The kind of channel whose history is fetched.
    pub enum ChannelType {
        /// A message channel.
        Message = "message",
        /// A user channel.
        User = "user",
    }
}

/// One page of history, from [`GetMessageHistory`].
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct MessageHistory {
    /// Agora's status code of the request; `200` is success.
    #[serde(default)]
    pub error_code: Option<i64>,
    /// Whether the request failed.
    #[serde(default)]
    pub error: Option<bool>,
    /// Agora's ID of this request.
    #[serde(default)]
    pub request_id: Option<String>,
    /// The operation Agora performed (`getMessage`).
    #[serde(default)]
    pub operation: Option<String>,
    /// Why the request failed; empty on success.
    #[serde(default)]
    pub reason: Option<String>,
    /// When the request was sent, in Unix milliseconds.
    #[serde(default)]
    pub timestamp: Option<i64>,
    /// The messages.
    #[serde(default)]
    pub data: MessageHistoryPage,
}

/// The messages of one history page.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct MessageHistoryPage {
    /// The messages.
    #[serde(default, rename = "messageList")]
    pub messages: Vec<HistoryMessage>,
    /// How many messages this page holds.
    #[serde(default)]
    pub count: Option<u64>,
    /// Where the next page starts; `0` when everything has been fetched.
    #[serde(default)]
    pub new_start: Option<u64>,
}

/// One stored message.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct HistoryMessage {
    /// How `message` holds the content.
    #[serde(default)]
    pub message_type: Option<HistoryMessageType>,
    /// The content: the text itself, or base64 of the bytes for
    /// [`HistoryMessageType::Binary`].
    #[serde(default)]
    pub message: String,
    /// The custom type the publisher set.
    #[serde(default)]
    pub custom_type: Option<String>,
    /// The user who published it.
    #[serde(default)]
    pub publisher: Option<String>,
    /// When it was published (a Unix timestamp).
    #[serde(default)]
    pub timestamp: Option<i64>,
}

string_enum! {
    /// How a stored message's content is carried.
    pub enum HistoryMessageType {
        /// Text, as it is.
        String = "STRING",
        /// Bytes, base64-encoded.
        Binary = "BINARY",
    }
}

// ---------------------------------------------------------------------------
// Message history (legacy 1.x)
// ---------------------------------------------------------------------------

/// Creates a query over the stored messages of a time range (legacy RTM
/// 1.x); fetch its result with [`GetHistoryQueryResult`].
///
/// `POST /dev/v2/project/{appid}/rtm/message/history/query`, with Basic auth
/// or an RTM token (`x-agora-token` + `x-agora-uid` for a 1.x token). From
/// Agora's legacy RTM 1.x docs: messages are stored only when sent with
/// historical messaging enabled, for 7 days by default, text only. Not
/// idempotent: each call creates a new query resource, so it is never
/// re-sent after it may have reached Agora. Rate limit: 100 requests per
/// second per App ID.
/// <https://docs.agora.io/cn/Real-time-Messaging/rtm_get_event?platform=RESTful> (the legacy 1.x page, in Chinese)
///
/// ```
/// # #![allow(deprecated)]
/// use agora_api::{AppId, Client, UserId};
/// use agora_api::rtm::{CreateHistoryQuery, HistoryFilter, HistoryOrder, HistoryTime};
///
/// let query = CreateHistoryQuery::builder()
///     .appid(AppId::new("0123456789abcdef0123456789abcdef")?)
///     .filter(HistoryFilter {
///         source: Some(UserId::new("src_account")?),
///         ..HistoryFilter::new(
///             HistoryTime::new("2019-08-01T01:22:10Z")?,
///             HistoryTime::new("2019-08-01T01:32:10Z")?,
///         )
///     })
///     .limit(20)
///     .order(HistoryOrder::Desc)
///     .build();
/// let client = Client::builder().basic_auth("id", "secret").build()?;
/// let body = client.prepare(&query)?.body().and_then(|b| b.as_bytes()).map(<[u8]>::to_vec);
/// assert_eq!(
///     String::from_utf8(body.unwrap_or_default())?,
///     r#"{"filter":{"source":"src_account","start_time":"2019-08-01T01:22:10Z","end_time":"2019-08-01T01:32:10Z"},"limit":20,"order":"desc"}"#
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[deprecated(
    note = "RTM 1.x history API, documented only in Agora's legacy 1.x docs; Signaling 2.x uses GetMessageHistory"
)]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    POST,
    "/dev/v2/project/{appid}/rtm/message/history/query",
    response = HistoryQuery,
    validate = CreateHistoryQuery::check
)]
#[auth(basic, rtm_token)]
pub struct CreateHistoryQuery {
    /// The App ID of the project.
    pub appid: AppId,
    /// Which messages.
    pub filter: HistoryFilter,
    /// How many matching messages to skip.
    pub offset: Option<u32>,
    /// Messages per page: 20, 50 or 100.
    pub limit: Option<u32>,
    /// Oldest first ([`HistoryOrder::Asc`], the default) or newest first.
    pub order: Option<HistoryOrder>,
}

// Checks of a legacy endpoint, which is deprecated for users only.
#[allow(deprecated)]
impl CreateHistoryQuery {
    fn check(&self) -> Result<(), InvalidInput> {
        check_source_destination(
            self.filter.source.as_ref(),
            self.filter.destination.as_deref(),
            "filter.",
        )?;
        if let Some(limit) = self.limit
            && ![20, 50, 100].contains(&limit)
        {
            return Err(InvalidInput::new(
                "limit",
                format!("must be 20, 50 or 100 (got {limit})"),
            ));
        }
        if let Some(HistoryOrder::Other(other)) = &self.order {
            return Err(InvalidInput::new(
                "order",
                format!("must be `asc` or `desc` (got {other:?})"),
            ));
        }
        Ok(())
    }
}

/// Which stored messages a legacy 1.x history query covers.
///
/// At least one of `source` and `destination` must be set:
///
/// | `source` | `destination` | messages |
/// |---|---|---|
/// | — | user | every message the user received |
/// | — | channel | every message sent to the channel |
/// | user | — | every message the user sent |
/// | user | user | peer-to-peer messages from one to the other |
/// | user | channel | the user's messages in the channel |
///
/// A channel as `source` matches nothing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryFilter {
    /// The sender.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<UserId>,
    /// The receiver: a user ID or a channel name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub destination: Option<String>,
    /// The start of the time range.
    pub start_time: HistoryTime,
    /// The end of the time range.
    pub end_time: HistoryTime,
}

impl HistoryFilter {
    /// A filter over `start_time` to `end_time`; set `source` and/or
    /// `destination` too.
    pub fn new(start_time: HistoryTime, end_time: HistoryTime) -> Self {
        HistoryFilter {
            source: None,
            destination: None,
            start_time,
            end_time,
        }
    }
}

fn check_source_destination(
    source: Option<&UserId>,
    destination: Option<&str>,
    prefix: &'static str,
) -> Result<(), InvalidInput> {
    let field = |name: &str| format!("{prefix}{name}");
    if source.is_none() && destination.is_none() {
        return Err(InvalidInput::new(
            field("source"),
            "`source` or `destination` (or both) must be set",
        ));
    }
    if let Some(destination) = destination {
        // A user ID or a channel name: the channel rules cover both.
        check_name(destination, CHANNEL_PUNCTUATION)
            .map_err(|rule| InvalidInput::new(field("destination"), rule))?;
    }
    Ok(())
}

string_enum! {
    /// The order of a legacy 1.x history query.
    pub enum HistoryOrder {
        /// Oldest first (the default).
        Asc = "asc",
        /// Newest first.
        Desc = "desc",
    }
}

/// The query resource created by [`CreateHistoryQuery`].
#[derive(Debug, Clone, Deserialize)]
#[non_exhaustive]
pub struct HistoryQuery {
    /// Whether the request succeeded.
    #[serde(default)]
    pub result: Option<Outcome>,
    /// Agora's ID of this request.
    #[serde(default)]
    pub request_id: Option<String>,
    /// The offset of the query.
    #[serde(default)]
    pub offset: Option<u32>,
    /// Messages per page.
    #[serde(default)]
    pub limit: Option<u32>,
    /// The order of the query.
    #[serde(default)]
    pub order: Option<HistoryOrder>,
    /// Where the result is: `~/rtm/message/history/query/<handle>`.
    #[serde(default)]
    pub location: Option<String>,
}

impl HistoryQuery {
    /// The query's handle: the last segment of `location`, for
    /// [`GetHistoryQueryResult`].
    ///
    /// ```
    /// let query: agora_api::rtm::HistoryQuery = serde_json::from_str(
    ///     r#"{"result":"success","location":"~/rtm/message/history/query/123456123456"}"#,
    /// )?;
    /// assert_eq!(query.handle(), Some("123456123456"));
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn handle(&self) -> Option<&str> {
        let location = self.location.as_deref()?;
        let handle = location.rsplit('/').next().unwrap_or(location);
        (!handle.is_empty()).then_some(handle)
    }
}

/// Fetches the messages a legacy 1.x history query found.
///
/// `GET /dev/v2/project/{appid}/rtm/message/history/query/{handle}`, with
/// Basic auth or an RTM token. From Agora's legacy RTM 1.x docs. While
/// Agora is still collecting, the answer's `code` is
/// [`HistoryQueryStatus::InProgress`]: ask again after 2 seconds. A `410`
/// means the query expired; create a new one. Rate limit: 100 requests per
/// second per App ID.
/// <https://docs.agora.io/cn/Real-time-Messaging/rtm_get_event?platform=RESTful> (the legacy 1.x page, in Chinese)
#[deprecated(
    note = "RTM 1.x history API, documented only in Agora's legacy 1.x docs; Signaling 2.x uses GetMessageHistory"
)]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    GET,
    "/dev/v2/project/{appid}/rtm/message/history/query/{handle}",
    response = HistoryQueryResult,
    validate = GetHistoryQueryResult::check
)]
#[auth(basic, rtm_token)]
pub struct GetHistoryQueryResult {
    /// The App ID of the project.
    pub appid: AppId,
    /// The handle from [`HistoryQuery::handle`].
    pub handle: String,
}

// Checks of a legacy endpoint, which is deprecated for users only.
#[allow(deprecated)]
impl GetHistoryQueryResult {
    fn check(&self) -> Result<(), InvalidInput> {
        if self.handle.is_empty() {
            return Err(InvalidInput::new(
                "handle",
                "must not be empty (take it from the query's `location`)",
            ));
        }
        Ok(())
    }
}

/// The messages of a legacy 1.x history query.
#[derive(Debug, Clone, Deserialize)]
#[non_exhaustive]
pub struct HistoryQueryResult {
    /// Whether the request succeeded.
    #[serde(default)]
    pub result: Option<Outcome>,
    /// Agora's ID of this request.
    #[serde(default)]
    pub request_id: Option<String>,
    /// Whether the result is ready.
    #[serde(default)]
    pub code: Option<HistoryQueryStatus>,
    /// The messages found.
    #[serde(default)]
    pub messages: Vec<LegacyHistoryMessage>,
}

string_enum! {
    /// Whether a legacy 1.x history result is ready.
    pub enum HistoryQueryStatus {
        /// The result is ready.
        Ok = "ok",
        /// Not yet: ask again after 2 seconds.
        InProgress = "in progress",
    }
}

/// One message found by a legacy 1.x history query.
#[derive(Debug, Clone, Deserialize)]
#[non_exhaustive]
pub struct LegacyHistoryMessage {
    /// The sender.
    #[serde(default)]
    pub src: String,
    /// The receiver, a user or a channel (`dst`; `dest` in older pages).
    #[serde(default, alias = "dest")]
    pub dst: String,
    /// A peer-to-peer or a channel message.
    #[serde(default)]
    pub message_type: Option<LegacyMessageType>,
    /// The text.
    #[serde(default)]
    pub payload: String,
    /// When Agora received it (`ms`; `ts` in older pages).
    #[serde(default, alias = "ts")]
    pub ms: Option<MessageTime>,
}

string_enum! {
    /// The kind of a legacy 1.x stored message.
    pub enum LegacyMessageType {
        /// A peer-to-peer message.
        Peer = "peer_message",
        /// A channel message.
        Channel = "channel_message",
    }
}

/// When a legacy 1.x message was received: Unix milliseconds in the current
/// 1.x page, an ISO 8601 UTC string in its older version.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(untagged)]
#[non_exhaustive]
pub enum MessageTime {
    /// Unix milliseconds.
    UnixMillis(i64),
    /// ISO 8601 text, as sent.
    Text(String),
}

/// Counts the stored messages of a time range (legacy RTM 1.x).
///
/// `GET /dev/v2/project/{appid}/rtm/message/history/count`, with Basic auth
/// or an RTM token. From Agora's legacy RTM 1.x docs; `source` and
/// `destination` match as in [`HistoryFilter`], and at least one must be
/// set. Rate limit: 100 requests per second per App ID.
/// <https://docs.agora.io/cn/Real-time-Messaging/rtm_get_event?platform=RESTful> (the legacy 1.x page, in Chinese)
///
/// ```
/// # #![allow(deprecated)]
/// use agora_api::{AppId, Client, UserId};
/// use agora_api::rtm::{CountHistoryMessages, HistoryTime};
///
/// let count = CountHistoryMessages::builder()
///     .appid(AppId::new("0123456789abcdef0123456789abcdef")?)
///     .source(UserId::new("src")?)
///     .start_time(HistoryTime::new("2019-08-01T01:22:10Z")?)
///     .end_time(HistoryTime::new("2019-08-01T01:24:10Z")?)
///     .build();
/// let client = Client::builder().basic_auth("id", "secret").build()?;
/// assert_eq!(
///     client.prepare(&count)?.url().query(),
///     Some("source=src&start_time=2019-08-01T01%3A22%3A10Z&end_time=2019-08-01T01%3A24%3A10Z")
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[deprecated(
    note = "RTM 1.x history API, documented only in Agora's legacy 1.x docs; Signaling 2.x uses GetMessageHistory"
)]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    GET,
    "/dev/v2/project/{appid}/rtm/message/history/count",
    response = HistoryMessageCount,
    validate = CountHistoryMessages::check
)]
#[auth(basic, rtm_token)]
pub struct CountHistoryMessages {
    /// The App ID of the project.
    pub appid: AppId,
    /// The sender.
    #[endpoint(query)]
    pub source: Option<UserId>,
    /// The receiver: a user ID or a channel name.
    #[endpoint(query)]
    pub destination: Option<String>,
    /// The start of the time range.
    #[endpoint(query)]
    pub start_time: HistoryTime,
    /// The end of the time range.
    #[endpoint(query)]
    pub end_time: HistoryTime,
}

// Checks of a legacy endpoint, which is deprecated for users only.
#[allow(deprecated)]
impl CountHistoryMessages {
    fn check(&self) -> Result<(), InvalidInput> {
        check_source_destination(self.source.as_ref(), self.destination.as_deref(), "")
    }
}

/// The count from [`CountHistoryMessages`].
#[derive(Debug, Clone, Deserialize)]
#[non_exhaustive]
pub struct HistoryMessageCount {
    /// Whether the request succeeded.
    #[serde(default)]
    pub result: Option<Outcome>,
    /// Agora's ID of this request.
    #[serde(default)]
    pub request_id: Option<String>,
    /// Whether the count is ready.
    #[serde(default)]
    pub code: Option<HistoryQueryStatus>,
    /// How many messages match.
    #[serde(default)]
    pub count: Option<u64>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn history_time_accepts_only_the_documented_form() {
        for good in [
            "2019-08-01T01:22:10Z",
            "2020-02-29T23:59:59Z",
            "0001-01-01T00:00:00Z",
        ] {
            assert!(HistoryTime::new(good).is_ok(), "{good}");
        }
        for bad in [
            "2019-08-01 01:22:10Z",
            "2019-08-01T01:22:10",
            "2019-08-01T01:22:10.039Z",
            "2019-08-01T01:22:10+00:00",
            "2019-13-01T01:22:10Z",
            "2019-02-29T01:22:10Z",
            "1900-02-29T01:22:10Z",
            "2019-08-01T24:00:00Z",
            "2019-08-01T01:60:00Z",
            "２019-08-01T01:22:10Z",
        ] {
            let error = HistoryTime::new(bad).expect_err(bad);
            assert_eq!(error.field(), "time");
            assert!(error.rule().starts_with(HISTORY_TIME_RULE), "{error}");
        }
    }

    #[test]
    fn history_time_from_unix_seconds_matches_the_calendar() {
        let cases = [
            (0, "1970-01-01T00:00:00Z"),
            (951_782_400, "2000-02-29T00:00:00Z"),
            (1_564_622_530, "2019-08-01T01:22:10Z"),
            (253_402_300_799, "9999-12-31T23:59:59Z"),
        ];
        for (seconds, text) in cases {
            assert_eq!(
                HistoryTime::from_unix_seconds(seconds).map(String::from),
                Ok(text.to_owned())
            );
        }
        assert!(HistoryTime::from_unix_seconds(253_402_300_800).is_err());
    }

    #[test]
    fn signaling_channel_names_add_the_apostrophe_to_the_rtc_set() {
        assert!(RtmChannelName::new(format!("azAZ09 {CHANNEL_PUNCTUATION}")).is_ok());
        let rtc = ChannelName::new("room #1").expect("a valid RTC name");
        assert_eq!(RtmChannelName::from(rtc).as_str(), "room #1");
        assert!(RtmChannelName::new("").is_err());
        assert!(RtmChannelName::new("é").is_err());
    }

    #[test]
    fn payload_limit_is_32_kilobytes_of_utf8() {
        assert!(Payload::new("x".repeat(MAX_PAYLOAD_BYTES)).is_ok());
        let error = Payload::new("é".repeat(MAX_PAYLOAD_BYTES / 2 + 1)).expect_err("too big");
        assert_eq!(
            error.rule(),
            "must be at most 32 KB (32768 bytes; got 32770 bytes)"
        );
    }
}
