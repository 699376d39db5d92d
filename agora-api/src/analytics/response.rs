//! Response types of the Agora Analytics endpoints: the envelope
//! ([`Status`]) and the answers of Call Inspector (and its legacy call
//! details).
//!
//! Agora documents these bodies loosely (fields typed one way in the
//! tables and another in the examples, fields missing from examples), so
//! every member that the examples do not always carry is optional, and
//! the known spelling variations decode.

use serde::{Deserialize, Deserializer};

use crate::values::{int_enum, string_enum};

/// The envelope every Agora Analytics response carries.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct Status {
    /// Agora's status code: `0` or `200` on success (the examples show
    /// both); `300` when a plan limit is exceeded, with the reason in
    /// `message` (`qps limit error`, `query time length limit error`, ...).
    #[serde(default)]
    pub code: Option<i64>,
    /// The success or error message (`null`, `""`, `"success"`, ...).
    #[serde(default)]
    pub message: Option<String>,
    /// Agora's ID of this request, for support.
    #[serde(default, rename = "requestId", alias = "request_id")]
    pub request_id: Option<String>,
}

impl Status {
    /// Whether `code` says success (`0`, `200`, or no code at all).
    ///
    /// ```
    /// let status: agora_api::analytics::Status =
    ///     serde_json::from_str(r#"{"code":300,"message":"qps limit error"}"#).unwrap();
    /// assert!(!status.is_success());
    /// ```
    pub fn is_success(&self) -> bool {
        matches!(self.code, None | Some(0) | Some(200))
    }
}

/// The calls found by [`ListCalls`](super::ListCalls): one page.
#[derive(Debug, Clone, Deserialize)]
#[non_exhaustive]
pub struct CallList {
    /// Code, message and request ID.
    #[serde(flatten)]
    pub status: Status,
    /// How many calls match in all.
    #[serde(default)]
    pub total_size: Option<u64>,
    /// This page's number, from 1.
    #[serde(default)]
    pub page_no: Option<u32>,
    /// Calls per page.
    #[serde(default)]
    pub page_size: Option<u32>,
    /// Whether matching calls are left for later pages.
    #[serde(default)]
    pub has_more: Option<bool>,
    /// The calls, latest start first.
    #[serde(default)]
    pub call_lists: Vec<CallSummary>,
}

/// One call in a [`CallList`].
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct CallSummary {
    /// The call's unique ID, for the other Call Inspector queries.
    pub call_id: String,
    /// The channel.
    #[serde(default)]
    pub cname: Option<String>,
    /// When the call started, Unix seconds.
    #[serde(default)]
    pub created_ts: Option<i64>,
    /// When the call ended, Unix seconds.
    #[serde(default)]
    pub destroyed_ts: Option<i64>,
    /// Whether the call has ended.
    #[serde(default)]
    pub finished: Option<bool>,
    /// Peak number of users in the call.
    #[serde(default)]
    pub call_pcu: Option<f64>,
    /// Average number of users in the call.
    #[serde(default)]
    pub call_acu: Option<f64>,
    /// The call's audio freeze rate.
    #[serde(default)]
    pub call_audio_freeze_rate: Option<f64>,
    /// The call's video freeze rate.
    #[serde(default)]
    pub call_video_freeze_rate: Option<f64>,
}

/// The user sessions of a call, from [`GetCallSessions`](super::GetCallSessions):
/// one page.
#[derive(Debug, Clone, Deserialize)]
#[non_exhaustive]
pub struct CallSessions {
    /// Code, message and request ID.
    #[serde(flatten)]
    pub status: Status,
    /// How many sessions there are in all.
    #[serde(default)]
    pub total_size: Option<u64>,
    /// This page's number, from 1.
    #[serde(default)]
    pub page_no: Option<u32>,
    /// Sessions per page.
    #[serde(default)]
    pub page_size: Option<u32>,
    /// Whether sessions are left for later pages (documented, absent from
    /// the example).
    #[serde(default)]
    pub has_more: Option<bool>,
    /// The sessions, latest join first.
    #[serde(default)]
    pub call_info: Vec<SessionInfo>,
}

/// One user's session in a call.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct SessionInfo {
    /// The session's unique ID, for [`GetCallMetrics`](super::GetCallMetrics).
    pub sid: String,
    /// The channel.
    #[serde(default)]
    pub cname: Option<String>,
    /// The user ID: a number in the reference table, a string in the
    /// OpenAPI example; both decode.
    #[serde(default, deserialize_with = "number_or_numeric_text")]
    pub uid: Option<u64>,
    /// The user's own nickname.
    #[serde(default)]
    pub account: Option<String>,
    /// The network type (`"LAN"`, `"Wi-Fi"`, ...).
    #[serde(default)]
    pub network: Option<String>,
    /// The platform (`"Android"`, `"Linux"`, ...).
    #[serde(default)]
    pub platform: Option<String>,
    /// Whether the user sent audio or video.
    #[serde(default)]
    pub speaker: Option<bool>,
    /// The user's roles and the features used: an array in the example, a
    /// string in the tables; both decode.
    #[serde(default, deserialize_with = "roles")]
    pub roles: Vec<UserRole>,
    /// The SDK version.
    #[serde(default)]
    pub sdk_version: Option<String>,
    /// The device.
    #[serde(default)]
    pub device_type: Option<String>,
    /// When the user joined, Unix seconds.
    #[serde(default)]
    pub join_ts: Option<i64>,
    /// When the user left, Unix seconds.
    #[serde(default)]
    pub leave_ts: Option<i64>,
    /// Whether the user has left.
    #[serde(default)]
    pub finished: Option<bool>,
    /// The user's audio freeze rate.
    #[serde(default)]
    pub user_audio_freeze_rate: Option<f64>,
    /// The user's video freeze rate.
    #[serde(default)]
    pub user_video_freeze_rate: Option<f64>,
}

string_enum! {
    /// A role of a user in a call, or a feature the user used.
    pub enum UserRole {
        /// Receives only.
        Audience = "Audience",
        /// Sends.
        Host = "Host",
        /// Shares the screen.
        ScreenShare = "Screen Share",
        /// Interactive Live Streaming (Agora's spelling, sic).
        InteractiveLiveStreaming = "Interative Live Streaming(ILS)",
        /// Broadcast Streaming.
        BroadcastStreaming = "Broadcast Streaming(BS)",
        /// A streaming robot.
        StreamingRobot = "Streaming robot",
        /// On-premise recording.
        OnPremiseRecording = "On-Premise Recording",
        /// Cloud recording.
        CloudRecording = "Cloud Recording",
        /// Web page recording.
        WebPageRecording = "WebPage Recording",
        /// Speaks (the spelling in Agora's response example).
        Speaker = "SPEAKER",
        /// Shares the screen (the spelling in Agora's response example).
        ScreenSharer = "SCREEN_SHARER",
    }
}

/// The quality metrics of sessions, from [`GetCallMetrics`](super::GetCallMetrics).
#[derive(Debug, Clone, Deserialize)]
#[non_exhaustive]
pub struct CallMetrics {
    /// Code, message and request ID.
    #[serde(flatten)]
    pub status: Status,
    /// One entry per session asked for.
    #[serde(default)]
    pub metrics: Vec<SessionMetrics>,
}

/// The metrics of one session.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct SessionMetrics {
    /// The session.
    pub sid: String,
    /// One series per metric (and remote user).
    #[serde(default)]
    pub data: Vec<MetricSeries>,
}

/// One metric of a session over time.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct MetricSeries {
    /// Which metric.
    pub mid: MetricId,
    /// Timestamped values, `[ts, value]` pairs on the wire.
    #[serde(default)]
    pub kvs: Vec<MetricSample>,
    /// The remote user the metric is about; `0` for the local user.
    #[serde(default)]
    pub peer_uid: Option<u64>,
}

/// One `[ts, value]` pair of a [`MetricSeries`].
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[serde(from = "(i64, Option<f64>)")]
#[non_exhaustive]
pub struct MetricSample {
    /// Unix seconds.
    pub ts: i64,
    /// The value, in the metric's unit (`null` when Agora has none).
    pub value: Option<f64>,
}

impl From<(i64, Option<f64>)> for MetricSample {
    fn from((ts, value): (i64, Option<f64>)) -> Self {
        MetricSample { ts, value }
    }
}

int_enum! {
    /// A Call Inspector metric ID (`mid`), with its unit.
    pub enum MetricId {
        /// App CPU usage, %.
        AppCpuUsage = 20001,
        /// System CPU usage, %.
        SystemCpuUsage = 20002,
        /// Audio sending bitrate, Kbps.
        AudioSendBitrate = 20003,
        /// Audio receiving bitrate, Kbps.
        AudioReceiveBitrate = 20004,
        /// Audio rendering freeze time, ms.
        AudioFreezeTime = 20005,
        /// Low-quality video stream sending bitrate, Kbps.
        LowStreamSendBitrate = 20006,
        /// Video capture frame rate, fps.
        VideoCaptureFrameRate = 20007,
        /// High-quality video stream sending frame rate, fps.
        HighStreamSendFrameRate = 20008,
        /// High-quality video stream receiving bitrate, Kbps.
        HighStreamReceiveBitrate = 20009,
        /// High-quality video stream receiving frame rate, fps.
        HighStreamReceiveFrameRate = 20010,
        /// Video rendering freeze time, ms.
        VideoFreezeTime = 20011,
        /// Video picture quality (QP; lower is better). Legacy documents only.
        VideoQp = 20013,
        /// Audio uplink packet loss rate, %.
        AudioUplinkLossRate = 20015,
        /// Audio end-to-end packet loss rate, %.
        AudioEndToEndLossRate = 20016,
        /// Video uplink packet loss rate, %.
        VideoUplinkLossRate = 20017,
        /// Video end-to-end packet loss rate, %.
        VideoEndToEndLossRate = 20018,
        /// Width of the received high-quality video, px.
        HighStreamReceiveWidth = 20019,
        /// Height of the received high-quality video, px.
        HighStreamReceiveHeight = 20020,
        /// SDK task scheduling delay, ms.
        TaskSchedulingDelay = 20021,
        /// Round-trip time from the client to its router (Wi-Fi quality), ms.
        RouterRoundTripTime = 20022,
        /// Low-quality video stream sending frame rate, fps.
        LowStreamSendFrameRate = 20023,
        /// High-quality video stream sending bitrate, Kbps.
        HighStreamSendBitrate = 20024,
        /// Capture volume, dB.
        CaptureVolume = 20025,
        /// Playback volume, dB.
        PlaybackVolume = 20026,
        /// Width of the sent high-quality video, px.
        HighStreamSendWidth = 20027,
        /// Height of the sent high-quality video, px.
        HighStreamSendHeight = 20028,
        /// Low-quality video stream receiving bitrate, Kbps.
        LowStreamReceiveBitrate = 20030,
        /// Low-quality video stream receiving frame rate, fps.
        LowStreamReceiveFrameRate = 20031,
        /// Width of the received low-quality video, px.
        LowStreamReceiveWidth = 20032,
        /// Height of the received low-quality video, px.
        LowStreamReceiveHeight = 20033,
        /// Width of the sent low-quality video, px.
        LowStreamSendWidth = 20034,
        /// Height of the sent low-quality video, px.
        LowStreamSendHeight = 20035,
        /// Web: video downlink packet loss rate.
        WebVideoDownlinkLossRate = 20036,
        /// Web: audio uplink packet loss rate.
        WebAudioUplinkLossRate = 20037,
        /// Web: video uplink packet loss rate.
        WebVideoUplinkLossRate = 20038,
        /// App memory usage, %.
        AppMemoryUsage = 20039,
        /// System memory usage, %.
        SystemMemoryUsage = 20040,
    }
}

/// A freeze rate by dimension value, from
/// [`GetCallStatistics`](super::GetCallStatistics).
#[derive(Debug, Clone, Deserialize)]
#[non_exhaustive]
pub struct CallStatistics {
    /// Code, message and request ID.
    #[serde(flatten)]
    pub status: Status,
    /// One entry per value of the dimension.
    #[serde(default)]
    pub data: Vec<DimensionStatistic>,
}

/// The freeze rate of the users sharing one dimension value.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct DimensionStatistic {
    /// The dimension's value (an SDK version, a country, ...).
    pub dimension_value: String,
    /// How many users have it.
    #[serde(default)]
    pub user_count: Option<u64>,
    /// The metric's average over the time frame.
    #[serde(default)]
    pub value: Option<f64>,
}

/// How many users fall in each freeze-rate band, from
/// [`GetFreezeRateBuckets`](super::GetFreezeRateBuckets).
#[derive(Debug, Clone, Deserialize)]
#[non_exhaustive]
pub struct FreezeRateBuckets {
    /// Code, message and request ID.
    #[serde(flatten)]
    pub status: Status,
    /// One entry per band.
    #[serde(default)]
    pub data: Vec<BucketCount>,
}

/// The users in one freeze-rate band.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct BucketCount {
    /// The band.
    pub bucket: FreezeBucket,
    /// How many users are in it.
    #[serde(default)]
    pub user_count: u64,
}

string_enum! {
    /// A freeze-rate band.
    pub enum FreezeBucket {
        /// 0 % up to 3 %.
        Below3Percent = "[0%,3%)",
        /// 3 % up to 5 %.
        From3To5Percent = "[3%,5%)",
        /// 5 % up to 10 %.
        From5To10Percent = "[5%,10%)",
        /// 10 % and more.
        From10Percent = "[10%,100%)",
    }
}

/// A call's metric over time, from
/// [`GetCallStatisticsByTime`](super::GetCallStatisticsByTime).
#[derive(Debug, Clone, Deserialize)]
#[non_exhaustive]
pub struct CallTimeSeries {
    /// Code, message and request ID.
    #[serde(flatten)]
    pub status: Status,
    /// The values; Agora does not promise any order.
    #[serde(default)]
    pub data: Vec<TimedValue>,
}

/// A metric's value at one time.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct TimedValue {
    /// Unix seconds.
    pub ts: i64,
    /// The value.
    #[serde(default)]
    pub value: Option<f64>,
}

/// A call's sessions and their metrics, from the legacy
/// [`GetCallDetails`](super::GetCallDetails).
#[derive(Debug, Clone, Deserialize)]
#[non_exhaustive]
pub struct CallDetails {
    /// Code, message and request ID.
    #[serde(flatten)]
    pub status: Status,
    /// The call.
    #[serde(default)]
    pub call_id: Option<String>,
    /// The users' sessions (at most 10, latest join first).
    #[serde(default)]
    pub call_info: Vec<SessionInfo>,
    /// The sessions' metrics.
    #[serde(default)]
    pub metrics: Vec<SessionMetrics>,
}

/// A number, or a string holding one (anything else: `None`).
fn number_or_numeric_text<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<u64>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Shape {
        Number(u64),
        Text(String),
        Other(serde::de::IgnoredAny),
    }
    Ok(match Option::<Shape>::deserialize(deserializer)? {
        Some(Shape::Number(number)) => Some(number),
        Some(Shape::Text(text)) => text.trim().parse().ok(),
        Some(Shape::Other(_)) | None => None,
    })
}

/// An array of roles, or one string of comma-separated roles.
fn roles<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<UserRole>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Shape {
        Many(Vec<UserRole>),
        One(String),
    }
    Ok(match Option::<Shape>::deserialize(deserializer)? {
        Some(Shape::Many(roles)) => roles,
        Some(Shape::One(text)) => text
            .split(',')
            .map(str::trim)
            .filter(|role| !role.is_empty())
            .map(UserRole::from)
            .collect(),
        None => Vec::new(),
    })
}
