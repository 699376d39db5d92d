//! Media Pull (Cloud Player) events (`productId` 4).

use serde::Deserialize;

use super::envelope::typed;
use super::lenient;
use crate::Secret;

/// A Media Pull notification. There is no event 2 in any version of
/// Agora's pages.
///
/// ```
/// use agora_api::webhooks::{Event, MediaPullEventKind, Notification};
/// let body = br#"{"noticeId":"n","productId":4,"eventType":1,"notifyMs":1,"payload":{"lts":1575508644149,"player":{"channelName":"class32","createTs":1575508644,"id":"2a784467d647bb87b60b719f6fa56317","idleTimeout":300,"name":"teacher101","status":"connecting","streamUrl":"rtmp://example.agora.io/live/class32/teacher101","token":"2a784467d6","uid":101},"xRequestId":"7bbcc8a4acce48c78b53c5a261a8a564"}}"#;
/// let Event::MediaPull(event) = Notification::from_slice(body)?.event() else { panic!() };
/// assert_eq!(event.kind, MediaPullEventKind::Created);
/// assert_eq!(event.player.uid, Some(101));
/// assert!(format!("{event:?}").contains("<redacted>"), "the token stays out of logs");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct MediaPullEvent {
    /// Which event (from `eventType`).
    #[serde(skip, default = "MediaPullEventKind::placeholder")]
    pub kind: MediaPullEventKind,
    /// The player.
    pub player: Player,
    /// When (Unix ms).
    #[serde(default, deserialize_with = "lenient::opt_u64")]
    pub lts: Option<u64>,
    /// The `X-Request-ID` of the request that caused it (1).
    #[serde(default)]
    pub x_request_id: Option<String>,
    /// The field mask of what `player` holds (3, 4).
    #[serde(default)]
    pub fields: Option<String>,
    /// `"Delete Request"`, `"Internal Error"`, `"Idle Timeout"`, `"Stream
    /// Stopped"` (3).
    #[serde(default)]
    pub destroy_reason: Option<String>,
}

/// The Media Pull events.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum MediaPullEventKind {
    /// 1 Player Created.
    Created,
    /// 3 Player Destroyed.
    Destroyed,
    /// 4 Player Status Changed.
    StatusChanged,
}

impl MediaPullEventKind {
    fn placeholder() -> Self {
        MediaPullEventKind::Created
    }
}

/// A player as the events carry it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Player {
    /// Its ID.
    pub id: String,
    /// Its name.
    #[serde(default)]
    pub name: Option<String>,
    /// The channel it plays into.
    #[serde(default)]
    pub channel_name: Option<String>,
    /// Created at (Unix seconds).
    #[serde(default, deserialize_with = "lenient::opt_u64")]
    pub create_ts: Option<u64>,
    /// Seconds idle before Agora destroys it.
    #[serde(default, deserialize_with = "lenient::opt_u64")]
    pub idle_timeout: Option<u64>,
    /// `connecting`, `success`, `running`, `failed`, `stopped`.
    #[serde(default)]
    pub status: Option<String>,
    /// The pulled stream.
    #[serde(default)]
    pub stream_url: Option<String>,
    /// The RTC token it joins with (redacted in `Debug`).
    #[serde(default)]
    pub token: Option<Secret>,
    /// Its UID in the channel.
    #[serde(default, deserialize_with = "lenient::opt_u64")]
    pub uid: Option<u64>,
    /// Its string account.
    #[serde(default)]
    pub account: Option<String>,
}

impl MediaPullEvent {
    pub(crate) fn decode(
        event_type: u32,
        payload: &serde_json::Value,
    ) -> Option<Result<Self, serde_json::Error>> {
        let kind = match event_type {
            1 => MediaPullEventKind::Created,
            3 => MediaPullEventKind::Destroyed,
            4 => MediaPullEventKind::StatusChanged,
            _ => return None,
        };
        Some(typed::<MediaPullEvent>(payload).map(|event| MediaPullEvent { kind, ..event }))
    }
}
