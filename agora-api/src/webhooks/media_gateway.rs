//! Media Gateway events (`productId` 10): streams connected, disconnected,
//! aborted and changing profile.

use serde::Deserialize;

use super::envelope::typed;
use super::lenient;
use crate::Secret;
use crate::values::int_enum;

int_enum! {
    /// Why a stream was aborted (`errorCode` of 3). Agora's example sends
    /// `100`, outside its own table: it decodes as `Other(100)`.
    pub enum StreamAbortCode {
        /// An illegal stream key.
        IllegalStreamKey = 1,
        /// The key is invalid, expired or deleted.
        InvalidStreamKey = 2,
        /// No permission (domain or App ID mismatch).
        NoPermission = 3,
        /// Too many concurrent streams.
        TooManyStreams = 4,
        /// The same channel is pushed twice.
        Conflict = 5,
        /// An attribute over its limit (bitrate).
        OverLimit = 6,
        /// No audio or video for over 10 s.
        NoMedia = 7,
        /// Joining the channel failed.
        JoinFailed = 8,
        /// Disconnected from the main network (check the App certificate).
        Disconnected = 9,
        /// An unknown internal error.
        Internal = 10,
    }
}

/// A Media Gateway notification: the stream, and the event.
///
/// The key is spelt `productId` or `product_id` (both read by
/// [`Notification`](super::Notification)); `rtcInfo.uid` is an integer or
/// a string and is kept as text.
///
/// ```
/// use agora_api::webhooks::{Event, MediaGatewayDetails, Notification, StreamAbortCode};
/// let body = br#"{"noticeId":"n","product_id":10,"eventType":3,"notifyMs":1,"sid":"s1","payload":{"sid":"s1","region":"na","domain":"example.com","streamKey":"abc***","rtcInfo":{"channel":"demo","uid":"1234"},"beginAt":"2024-01-01T00:00:00Z","errorCode":100,"reason":"unknown"}}"#;
/// let Event::MediaGateway(event) = Notification::from_slice(body)?.event() else { panic!() };
/// assert_eq!(event.rtc_info.as_ref().and_then(|i| i.uid.as_deref()), Some("1234"));
/// let MediaGatewayDetails::Aborted { error_code, .. } = &event.details else { panic!() };
/// assert_eq!(*error_code, Some(StreamAbortCode::Other(100)));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct MediaGatewayEvent {
    /// The streaming session (the envelope's `sid` too).
    pub sid: Option<String>,
    /// `"na"`, ...
    pub region: Option<String>,
    /// The ingest domain.
    pub domain: Option<String>,
    /// The stream key, masked by Agora (and redacted in `Debug`).
    pub stream_key: Option<Secret>,
    /// The channel and user the stream is published as.
    pub rtc_info: Option<RtcInfo>,
    /// When the stream began (RFC 3339).
    pub begin_at: Option<String>,
    /// The event.
    pub details: MediaGatewayDetails,
}

/// The channel and user of a gateway stream.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct RtcInfo {
    /// The channel.
    #[serde(default)]
    pub channel: Option<String>,
    /// The user, as text.
    #[serde(default, deserialize_with = "lenient::opt_text")]
    pub uid: Option<String>,
}

/// The Media Gateway events.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum MediaGatewayDetails {
    /// 1 `live_stream_connected`; a 2 follows later.
    Connected {
        /// `audio{enabled, profile}`, `video{enabled, bitrate, fps, height, width}`.
        transcoding: Option<serde_json::Value>,
    },
    /// 2 `live_stream_disconnected`.
    Disconnected {
        /// `inputAudioBytes`, `inputVideoBytes`, `outputAudioBytes`, `outputVideoBytes`.
        stream_stats: Option<serde_json::Value>,
        /// When it ended (RFC 3339).
        end_at: Option<String>,
    },
    /// 3 `live_stream_aborted`.
    Aborted {
        /// Why.
        error_code: Option<StreamAbortCode>,
        /// More text (`"connect to rtc failed, reason:$N"`).
        reason: Option<String>,
    },
    /// 4 `live_profile_updated`.
    ProfileUpdated {
        /// `codec`, `width`, `height`, `gop` (absent for audio only).
        video_profile: Option<serde_json::Value>,
        /// `sampleRate`, `channels`.
        audio_profile: Option<serde_json::Value>,
    },
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Fields {
    #[serde(default)]
    sid: Option<String>,
    #[serde(default)]
    region: Option<String>,
    #[serde(default)]
    domain: Option<String>,
    #[serde(default)]
    stream_key: Option<Secret>,
    #[serde(default)]
    rtc_info: Option<RtcInfo>,
    #[serde(default)]
    begin_at: Option<String>,
    #[serde(default)]
    transcoding: Option<serde_json::Value>,
    #[serde(default)]
    stream_stats: Option<serde_json::Value>,
    #[serde(default)]
    end_at: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    error_code: Option<i64>,
    #[serde(default)]
    reason: Option<String>,
    #[serde(default)]
    video_profile: Option<serde_json::Value>,
    #[serde(default)]
    audio_profile: Option<serde_json::Value>,
}

impl MediaGatewayEvent {
    pub(crate) fn decode(
        event_type: u32,
        payload: &serde_json::Value,
    ) -> Option<Result<Self, serde_json::Error>> {
        if !matches!(event_type, 1..=4) {
            return None;
        }
        Some(typed::<Fields>(payload).map(|f| {
            let details = match event_type {
                1 => MediaGatewayDetails::Connected {
                    transcoding: f.transcoding,
                },
                2 => MediaGatewayDetails::Disconnected {
                    stream_stats: f.stream_stats,
                    end_at: f.end_at,
                },
                3 => MediaGatewayDetails::Aborted {
                    error_code: f.error_code.map(StreamAbortCode::from),
                    reason: f.reason,
                },
                _ => MediaGatewayDetails::ProfileUpdated {
                    video_profile: f.video_profile,
                    audio_profile: f.audio_profile,
                },
            };
            MediaGatewayEvent {
                sid: f.sid,
                region: f.region,
                domain: f.domain,
                stream_key: f.stream_key,
                rtc_info: f.rtc_info,
                begin_at: f.begin_at,
                details,
            }
        }))
    }
}
