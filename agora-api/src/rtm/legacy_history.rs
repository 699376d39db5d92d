//! Message history (legacy RTM 1.x): history queries, their results, and
//! message counts, over a time range.

use serde::{Deserialize, Serialize};

use super::types::{CHANNEL_PUNCTUATION, Outcome, check_name};
use crate::error::InvalidInput;
use crate::types::{AppId, UserId};
use crate::values::string_enum;
use crate::values::validated_string;
use crate::{Endpoint, endpoint_docs};

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

/// Creates a query over the stored messages of a time range (legacy RTM
/// 1.x); fetch its result with [`GetHistoryQueryResult`].
///
/// With an RTM token, a 1.x token goes in `x-agora-token` and
/// `x-agora-uid`. From
/// Agora's legacy RTM 1.x docs: messages are stored only when sent with
/// historical messaging enabled, for 7 days by default, text only. Not
/// idempotent: each call creates a new query resource, so it is never
/// re-sent after it may have reached Agora. The reference is the legacy
/// 1.x page, in Chinese.
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
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    POST,
    "/dev/v2/project/{appid}/rtm/message/history/query",
    response = HistoryQuery,
    validate = CreateHistoryQuery::check,
    doc = "https://docs.agora.io/cn/Real-time-Messaging/rtm_get_event?platform=RESTful",
    rate_limit(100, per = second, scope = app_id, shared = "rtm_history_1x"),
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
/// From Agora's legacy RTM 1.x docs (the reference is the 1.x page, in
/// Chinese). While
/// Agora is still collecting, the answer's `code` is
/// [`HistoryQueryStatus::InProgress`]: ask again after 2 seconds. A `410`
/// means the query expired; create a new one.
#[deprecated(
    note = "RTM 1.x history API, documented only in Agora's legacy 1.x docs; Signaling 2.x uses GetMessageHistory"
)]
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    GET,
    "/dev/v2/project/{appid}/rtm/message/history/query/{handle}",
    response = HistoryQueryResult,
    validate = GetHistoryQueryResult::check,
    doc = "https://docs.agora.io/cn/Real-time-Messaging/rtm_get_event?platform=RESTful",
    rate_limit(100, per = second, scope = app_id, shared = "rtm_history_1x"),
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
/// From Agora's legacy RTM 1.x docs (the reference is the 1.x page, in
/// Chinese); `source` and `destination` match as in [`HistoryFilter`], and
/// at least one must be set.
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
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    GET,
    "/dev/v2/project/{appid}/rtm/message/history/count",
    response = HistoryMessageCount,
    validate = CountHistoryMessages::check,
    doc = "https://docs.agora.io/cn/Real-time-Messaging/rtm_get_event?platform=RESTful",
    rate_limit(100, per = second, scope = app_id, shared = "rtm_history_1x"),
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
}
