//! Broadcast Streaming / Fusion CDN events (`productId` 7): streams
//! published and ended, media info, recorded files, snapshots and
//! moderation results.

use serde::Deserialize;

use super::envelope::typed;
use super::lenient;

/// The Broadcast Streaming events, by `eventType`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum BroadcastEventKind {
    /// 1 `publish_start`.
    PublishStart,
    /// 2 `publish_end`.
    PublishEnd,
    /// 11 `publish_media_info`.
    PublishMediaInfo,
    /// 3 `new_custom_record_file`.
    CustomRecordFile,
    /// 4 `new_custom_snapshot_file`.
    CustomSnapshotFile,
    /// 5 `new_custom_moderation_result`.
    CustomModerationResult,
    /// 101 `new_standard_record_file` (path under `record/`).
    StandardRecordFile,
    /// 102 `new_standard_snapshot_file` (path under `snapshot/`).
    StandardSnapshotFile,
    /// 103 `new_standard_moderation_result`.
    StandardModerationResult,
}

/// A Broadcast Streaming notification: the kind from `eventType`, and the
/// members its payloads use, each present where the event carries it.
///
/// * The kind comes from the number alone: 102's text names `eventType` 4
///   and `new_custom_snapshot_file`, a copy error; `eventName` is kept as
///   sent.
/// * 11's `videoFps`, `videoRate`, `height` and `width` are typed Integer
///   and sent as strings (`"29"`): both read.
/// * The envelope example's `eventType` 0 matches no event: it stays
///   [`Event::Other`](super::Event::Other).
///
/// ```
/// use agora_api::webhooks::{BroadcastEventKind, Event, Notification};
/// let body = br#"{"noticeId":"n","productId":7,"eventType":11,"notifyMs":1,"payload":{"eventName":"publish_media_info","domain":"example.com","entryPoint":"live","streamName":"s","videoCodec":"H264","videoFps":"29","videoRate":"1500000","height":"720","width":1280,"audioCodec":"AAC"}}"#;
/// let Event::BroadcastStreaming(event) = Notification::from_slice(body)?.event() else { panic!() };
/// assert_eq!(event.kind, BroadcastEventKind::PublishMediaInfo);
/// assert_eq!((event.video_fps, event.width), (Some(29), Some(1280)));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct BroadcastStreamingEvent {
    /// Which event (from `eventType`).
    #[serde(skip, default = "BroadcastEventKind::placeholder")]
    pub kind: BroadcastEventKind,
    /// The event's name as sent.
    #[serde(default)]
    pub event_name: Option<String>,
    /// The streaming domain.
    #[serde(default)]
    pub domain: Option<String>,
    /// The entry point (application).
    #[serde(default)]
    pub entry_point: Option<String>,
    /// The stream.
    #[serde(default)]
    pub stream_name: Option<String>,
    /// The publisher's address (1, 2).
    #[serde(default)]
    pub client_ip: Option<String>,
    /// Agora's node (1, 2).
    #[serde(default)]
    pub node_ip: Option<String>,
    /// The video codec (11).
    #[serde(default)]
    pub video_codec: Option<String>,
    /// Frames per second (11).
    #[serde(default, deserialize_with = "lenient::opt_u64")]
    pub video_fps: Option<u64>,
    /// Video bitrate, bps (11).
    #[serde(default, deserialize_with = "lenient::opt_u64")]
    pub video_rate: Option<u64>,
    /// Height (11).
    #[serde(default, deserialize_with = "lenient::opt_u64")]
    pub height: Option<u64>,
    /// Width (11).
    #[serde(default, deserialize_with = "lenient::opt_u64")]
    pub width: Option<u64>,
    /// The audio codec (11).
    #[serde(default)]
    pub audio_codec: Option<String>,
    /// The file (3, 4, 5, 101, 102, 103).
    #[serde(default)]
    pub file_name: Option<String>,
    /// The moderation results, `porn{outputs{neutral, porn, sexy}, scene}` (5, 103).
    #[serde(default)]
    pub results: Option<serde_json::Value>,
    /// `pass`, `block` or `review` (5, 103).
    #[serde(default)]
    pub suggestion: Option<String>,
}

impl BroadcastEventKind {
    fn placeholder() -> Self {
        BroadcastEventKind::PublishStart
    }
}

impl BroadcastStreamingEvent {
    pub(crate) fn decode(
        event_type: u32,
        payload: &serde_json::Value,
    ) -> Option<Result<Self, serde_json::Error>> {
        use BroadcastEventKind as K;
        let kind = match event_type {
            1 => K::PublishStart,
            2 => K::PublishEnd,
            11 => K::PublishMediaInfo,
            3 => K::CustomRecordFile,
            4 => K::CustomSnapshotFile,
            5 => K::CustomModerationResult,
            101 => K::StandardRecordFile,
            102 => K::StandardSnapshotFile,
            103 => K::StandardModerationResult,
            _ => return None,
        };
        Some(
            typed::<BroadcastStreamingEvent>(payload)
                .map(|e| BroadcastStreamingEvent { kind, ..e }),
        )
    }
}
