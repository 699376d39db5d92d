//! Stream reports: the streams online now, and the history, quality and
//! audience of a stream over a time range.
//!
//! The three history queries take an optional RFC 3339 time range. Each
//! has a look-back window (how far back `start_time` may go) and a
//! longest range per query; both are checked before any I/O against the
//! current time ([`ReportWindow`]). Without a range Agora answers its
//! default one (the last 7 days, 6 hours or 2 hours).

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::Deserialize;

use super::names::{EntryPointName, FlsTime, StreamName};
use crate::values::lenient;
use crate::{AppId, Endpoint, InvalidInput, endpoint_docs};

/// The time rules of a report query: `end_time` after `start_time`, a
/// range of at most `max_span`, `start_time` within the last
/// `look_back`, `end_time` not in the future.
///
/// ```
/// use std::time::{Duration, SystemTime};
/// use agora_api::media_broadcast::{FlsTime, GetPlayStatistics};
///
/// let now = SystemTime::now();
/// let start = FlsTime::at(now - Duration::from_secs(3 * 3600))?;
/// let end = FlsTime::at(now)?;
/// let error = GetPlayStatistics::WINDOW
///     .check(Some(&start), Some(&end), now)
///     .unwrap_err();
/// assert_eq!(error.field(), "end_time");
/// # Ok::<(), agora_api::InvalidInput>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct ReportWindow {
    /// How far before now `start_time` may be.
    pub look_back: Duration,
    /// The longest range one query may ask for.
    pub max_span: Duration,
    /// `max_span` in words, as Agora says it.
    pub max_span_label: &'static str,
}

impl ReportWindow {
    /// Checks a range at `now`, naming `start_time` or `end_time`.
    pub fn check(
        &self,
        start: Option<&FlsTime>,
        end: Option<&FlsTime>,
        now: SystemTime,
    ) -> Result<(), InvalidInput> {
        if let (Some(start), Some(end)) = (start, end) {
            let span = end.unix_seconds().saturating_sub(start.unix_seconds());
            if span <= 0 {
                return Err(InvalidInput::new("end_time", "must be after start_time"));
            }
            if span.unsigned_abs() > self.max_span.as_secs() {
                return Err(InvalidInput::new(
                    "end_time",
                    format!(
                        "the time range may span at most {} (got {span} s)",
                        self.max_span_label
                    ),
                ));
            }
        }
        let now = match now.duration_since(UNIX_EPOCH) {
            Ok(since) => i64::try_from(since.as_secs()).unwrap_or(i64::MAX),
            Err(before) => 0_i64.saturating_sub_unsigned(before.duration().as_secs()),
        };
        let look_back = i64::try_from(self.look_back.as_secs()).unwrap_or(i64::MAX);
        if let Some(start) = start
            && start.unix_seconds() < now.saturating_sub(look_back)
        {
            return Err(InvalidInput::new(
                "start_time",
                format!(
                    "must not be earlier than {} days before the current time",
                    self.look_back.as_secs() / 86_400
                ),
            ));
        }
        if let Some(end) = end
            && end.unix_seconds() > now
        {
            return Err(InvalidInput::new(
                "end_time",
                "must not be later than the current time",
            ));
        }
        Ok(())
    }
}

const DAY: u64 = 86_400;

/// Lists the streams being pushed now under an entry point.
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    GET,
    "/v1/projects/{appid}/fls/entry_points/{entry_point}/reports/online_streams",
    response = OnlineStreamList,
    idempotent,
    doc = "https://docs.agora.io/en/broadcast-streaming/restful-api/stream-reports",
    rate_limit(50, per = second, scope = app_id, shared = "media_broadcast"),
)]
#[auth(hmac)]
pub struct ListOnlineStreams {
    /// The project.
    pub appid: AppId,
    /// The entry point.
    pub entry_point: EntryPointName,
}

/// When an online stream began; `404` when it is not online.
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    GET,
    "/v1/projects/{appid}/fls/entry_points/{entry_point}/reports/online_streams/{stream_name}",
    response = OnlineStream,
    idempotent,
    doc = "https://docs.agora.io/en/broadcast-streaming/restful-api/stream-reports",
    rate_limit(50, per = second, scope = app_id, shared = "media_broadcast"),
)]
#[auth(hmac)]
pub struct GetOnlineStream {
    /// The project.
    pub appid: AppId,
    /// The entry point.
    pub entry_point: EntryPointName,
    /// The stream.
    pub stream_name: StreamName,
}

/// The pushes of a stream that have ended, latest first, within the last
/// 60 days, at most 30 days per query (the last 7 days without a range).
/// Records arrive about two hours late.
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    GET,
    "/v1/projects/{appid}/fls/entry_points/{entry_point}/reports/publish_history",
    response = PublishHistory,
    idempotent,
    validate = GetPublishHistory::check,
    doc = "https://docs.agora.io/en/broadcast-streaming/restful-api/stream-reports",
    rate_limit(50, per = second, scope = app_id, shared = "media_broadcast"),
)]
#[auth(hmac)]
pub struct GetPublishHistory {
    /// The project.
    pub appid: AppId,
    /// The entry point.
    pub entry_point: EntryPointName,
    /// The start of the range.
    #[endpoint(query)]
    pub start_time: Option<FlsTime>,
    /// The end of the range.
    #[endpoint(query)]
    pub end_time: Option<FlsTime>,
    /// The stream.
    #[endpoint(query)]
    pub stream_name: StreamName,
}

impl GetPublishHistory {
    /// Within the last 60 days, at most 30 days per query.
    pub const WINDOW: ReportWindow = ReportWindow {
        look_back: Duration::from_secs(60 * DAY),
        max_span: Duration::from_secs(30 * DAY),
        max_span_label: "30 days",
    };

    fn check(&self) -> Result<(), InvalidInput> {
        Self::WINDOW.check(
            self.start_time.as_ref(),
            self.end_time.as_ref(),
            SystemTime::now(),
        )
    }
}

/// A stream's push quality, one record a minute, latest first: at most 6
/// hours per query (the last 6 hours without a range), about three
/// minutes late.
///
/// Agora's prose keeps these records six days; its parameter table lets
/// `start_time` go back 60 days. The table's 60 days is the rule checked
/// (older than six days, the answer is empty). Its answer table names
/// the list `publishHistory` and the frame rate `frameRate`, its example
/// `QualityHistory` and `framerate`: both are read (exceptions
/// `publish-quality-look-back`, `publish-quality-names`).
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    GET,
    "/v1/projects/{appid}/fls/entry_points/{entry_point}/reports/publish_quality",
    response = PublishQuality,
    idempotent,
    validate = GetPublishQuality::check,
    doc = "https://docs.agora.io/en/broadcast-streaming/restful-api/stream-reports",
    rate_limit(50, per = second, scope = app_id, shared = "media_broadcast"),
)]
#[auth(hmac)]
pub struct GetPublishQuality {
    /// The project.
    pub appid: AppId,
    /// The entry point.
    pub entry_point: EntryPointName,
    /// The start of the range.
    #[endpoint(query)]
    pub start_time: Option<FlsTime>,
    /// The end of the range.
    #[endpoint(query)]
    pub end_time: Option<FlsTime>,
    /// The stream.
    #[endpoint(query)]
    pub stream_name: StreamName,
}

impl GetPublishQuality {
    /// Within the last 60 days, at most 6 hours per query.
    pub const WINDOW: ReportWindow = ReportWindow {
        look_back: Duration::from_secs(60 * DAY),
        max_span: Duration::from_secs(6 * 3_600),
        max_span_label: "6 hours",
    };

    fn check(&self) -> Result<(), InvalidInput> {
        Self::WINDOW.check(
            self.start_time.as_ref(),
            self.end_time.as_ref(),
            SystemTime::now(),
        )
    }
}

/// How many clients played a stream, one record a minute, latest first:
/// within the last 30 days, at most 2 hours per query (the last 2 hours
/// without a range), about three minutes late.
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    GET,
    "/v1/projects/{appid}/fls/entry_points/{entry_point}/reports/stream_play_statistic",
    response = PlayStatistics,
    idempotent,
    validate = GetPlayStatistics::check,
    doc = "https://docs.agora.io/en/broadcast-streaming/restful-api/stream-reports",
    rate_limit(50, per = second, scope = app_id, shared = "media_broadcast"),
)]
#[auth(hmac)]
pub struct GetPlayStatistics {
    /// The project.
    pub appid: AppId,
    /// The entry point.
    pub entry_point: EntryPointName,
    /// The start of the range.
    #[endpoint(query)]
    pub start_time: Option<FlsTime>,
    /// The end of the range.
    #[endpoint(query)]
    pub end_time: Option<FlsTime>,
    /// The stream.
    #[endpoint(query)]
    pub stream_name: StreamName,
}

impl GetPlayStatistics {
    /// Within the last 30 days, at most 2 hours per query.
    pub const WINDOW: ReportWindow = ReportWindow {
        look_back: Duration::from_secs(30 * DAY),
        max_span: Duration::from_secs(2 * 3_600),
        max_span_label: "2 hours",
    };

    fn check(&self) -> Result<(), InvalidInput> {
        Self::WINDOW.check(
            self.start_time.as_ref(),
            self.end_time.as_ref(),
            SystemTime::now(),
        )
    }
}

/// The online streams, as [`ListOnlineStreams`] answers them.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct OnlineStreamList {
    /// The streams.
    #[serde(default)]
    pub stream_list: Vec<OnlineStreamEntry>,
}

/// One online stream.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct OnlineStreamEntry {
    /// Its name.
    pub name: String,
    /// When its push began (RFC 3339, as sent).
    #[serde(default)]
    pub start_time: Option<String>,
}

/// An online stream, as [`GetOnlineStream`] answers it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct OnlineStream {
    /// When its push began (RFC 3339, as sent).
    #[serde(default)]
    pub start_time: Option<String>,
}

/// A stream's ended pushes, as [`GetPublishHistory`] answers them.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct PublishHistory {
    /// The pushes, latest first.
    #[serde(default)]
    pub publish_history: Vec<PublishRecord>,
}

/// One ended push.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct PublishRecord {
    /// The stream's name.
    pub name: String,
    /// When it began (RFC 3339, as sent).
    #[serde(default)]
    pub start_time: Option<String>,
    /// When it ended (RFC 3339, as sent).
    #[serde(default)]
    pub end_time: Option<String>,
    /// How long it lasted, in seconds.
    #[serde(default, deserialize_with = "lenient::opt_u64")]
    pub duration: Option<u64>,
}

/// A stream's push quality, as [`GetPublishQuality`] answers it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct PublishQuality {
    /// One record a minute, latest first (`QualityHistory` in Agora's
    /// example, `publishHistory` in its table).
    #[serde(default, rename = "QualityHistory", alias = "publishHistory")]
    pub quality_history: Vec<QualityRecord>,
}

/// One minute of push quality.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct QualityRecord {
    /// The stream's name.
    pub name: String,
    /// The minute (RFC 3339, as sent).
    #[serde(default)]
    pub time: Option<String>,
    /// The push bitrate, bits per second.
    #[serde(default, deserialize_with = "lenient::opt_u64")]
    pub bitrate: Option<u64>,
    /// The push frame rate (`framerate` in Agora's example, `frameRate`
    /// in its table).
    #[serde(
        default,
        rename = "framerate",
        alias = "frameRate",
        deserialize_with = "lenient::opt_u64"
    )]
    pub frame_rate: Option<u64>,
    /// The CDN node the stream was pushed to.
    #[serde(default)]
    pub cdn_ip: Option<String>,
    /// The pushing client's address.
    #[serde(default)]
    pub client_ip: Option<String>,
}

/// A stream's audience, as [`GetPlayStatistics`] answers it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct PlayStatistics {
    /// One record a minute, latest first.
    #[serde(default)]
    pub play_statistic: Vec<PlayRecord>,
}

/// One minute of audience.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct PlayRecord {
    /// The stream's name.
    pub name: String,
    /// The minute (RFC 3339, as sent).
    #[serde(default)]
    pub time: Option<String>,
    /// How many clients were playing it.
    #[serde(default, deserialize_with = "lenient::opt_u64")]
    pub link_num: Option<u64>,
}
