//! Cloud Transcoding events (`productId` 3, events 110–113).

use serde::Deserialize;

use super::envelope::typed;
use super::lenient;

/// What happened to a cloud transcoder (`eventType` and `details.event`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TranscoderEventKind {
    /// 110 `cloud_transcoder_started`.
    Started,
    /// 111 `cloud_transcoder_stopped`.
    Stopped,
    /// 112 `cloud_transcoder_status`.
    Status,
    /// 113 `cloud_transcoder_updated`.
    Updated,
}

/// A Cloud Transcoding notification.
///
/// `createTs` and `updateTs` are documented as seconds while Agora's
/// examples carry milliseconds (`1658112464000`): they are kept as the raw
/// integers, never converted.
///
/// ```
/// use agora_api::webhooks::{Event, Notification, TranscoderEventKind};
/// let body = br#"{"noticeId":"n","productId":3,"eventType":112,"notifyMs":1,"payload":{"taskId":"t","instanceId":"i","sequence":3,"sendts":1658112464000,"serviceScene":"rtsc/cloud-transcoder","details":{"event":"cloud_transcoder_status","state":"running","createTs":1658112464000,"updateTs":1658112465000}}}"#;
/// let Event::CloudTranscoding(event) = Notification::from_slice(body)?.event() else { panic!() };
/// assert_eq!(event.kind, TranscoderEventKind::Status);
/// assert_eq!(event.details.state.as_deref(), Some("running"));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct CloudTranscodingEvent {
    /// Which event.
    pub kind: TranscoderEventKind,
    /// The task.
    pub task_id: String,
    /// The `instanceId` of your request.
    pub instance_id: Option<String>,
    /// Orders this task's notifications.
    pub sequence: Option<u64>,
    /// When (Unix ms).
    pub sendts: Option<u64>,
    /// `"rtsc/cloud-transcoder"`.
    pub service_scene: Option<String>,
    /// The event's details.
    pub details: TranscoderDetails,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Common {
    task_id: String,
    #[serde(default)]
    instance_id: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_u64")]
    sequence: Option<u64>,
    #[serde(default, deserialize_with = "lenient::opt_u64")]
    sendts: Option<u64>,
    #[serde(default, deserialize_with = "lenient::opt_text")]
    service_scene: Option<String>,
    #[serde(default)]
    details: TranscoderDetails,
}

/// The `details` of a Cloud Transcoding event.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct TranscoderDetails {
    /// `cloud_transcoder_started`, `..._stopped`, `..._status`, `..._updated`.
    #[serde(default)]
    pub event: Option<String>,
    /// `"Transcoder success"` (110); `connecting`, `running`, `failed`
    /// (112); `running` (113).
    #[serde(default)]
    pub state: Option<String>,
    /// Why it stopped (111), e.g. `"Stop request"`.
    #[serde(default)]
    pub stop_reason: Option<String>,
    /// Created at, as sent (see the type's docs on units).
    #[serde(default, deserialize_with = "lenient::opt_u64")]
    pub create_ts: Option<u64>,
    /// Updated at, as sent.
    #[serde(default, deserialize_with = "lenient::opt_u64")]
    pub update_ts: Option<u64>,
    /// The transcoder's inputs, outputs and your `userConfigDetail` (110,
    /// 113), as JSON.
    #[serde(default)]
    pub transcoder: Option<serde_json::Value>,
}

impl CloudTranscodingEvent {
    pub(crate) fn decode(
        event_type: u32,
        payload: &serde_json::Value,
    ) -> Option<Result<Self, serde_json::Error>> {
        let kind = match event_type {
            110 => TranscoderEventKind::Started,
            111 => TranscoderEventKind::Stopped,
            112 => TranscoderEventKind::Status,
            113 => TranscoderEventKind::Updated,
            _ => return None,
        };
        Some(typed::<Common>(payload).map(|c| CloudTranscodingEvent {
            kind,
            task_id: c.task_id,
            instance_id: c.instance_id,
            sequence: c.sequence,
            sendts: c.sendts,
            service_scene: c.service_scene,
            details: c.details,
        }))
    }
}
