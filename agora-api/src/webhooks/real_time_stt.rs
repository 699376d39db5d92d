//! Real-Time STT callbacks: v7 (`productId` 20) and the Cloud-Recording-like
//! v5/v6 ones.

use serde::Deserialize;

use super::envelope::typed;
use super::lenient;

/// A Real-Time STT v7 notification (`productId` 20; the envelope's `sid` is
/// the agent ID).
///
/// Timestamps are documented as ms while Agora's examples carry seconds
/// (`1750235971`): kept as sent.
///
/// ```
/// use agora_api::webhooks::{Event, Notification, RealTimeSttEvent};
/// let body = br#"{"noticeId":"n","productId":20,"eventType":102,"notifyMs":1,"sid":"agent-1","payload":{"agent_id":"agent-1","start_ts":1750235971,"stop_ts":1750236071,"channel":"demo","status":"STOPPED","message":"OK"}}"#;
/// let Event::RealTimeStt(RealTimeSttEvent::AgentLeft(left)) = Notification::from_slice(body)?.event() else { panic!() };
/// assert_eq!(left.message.as_deref(), Some("OK"));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum RealTimeSttEvent {
    /// 101: the agent joined the channel.
    AgentJoined(SttAgent),
    /// 102: the agent left.
    AgentLeft(SttAgent),
}

/// The payload of a v7 event.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct SttAgent {
    /// The agent.
    pub agent_id: String,
    /// The channel.
    #[serde(default)]
    pub channel: Option<String>,
    /// When it started, as sent.
    #[serde(default, deserialize_with = "lenient::opt_u64")]
    pub start_ts: Option<u64>,
    /// When it stopped (102), as sent.
    #[serde(default, deserialize_with = "lenient::opt_u64")]
    pub stop_ts: Option<u64>,
    /// `STOPPED` or `FAILED` (102).
    #[serde(default)]
    pub status: Option<String>,
    /// `OK`, `Idle for too long`, `RTC connection error`, `Fatal ASR
    /// error`, `Fatal Translation error` (102).
    #[serde(default)]
    pub message: Option<String>,
}

impl RealTimeSttEvent {
    pub(crate) fn decode(
        event_type: u32,
        payload: &serde_json::Value,
    ) -> Option<Result<Self, serde_json::Error>> {
        Some(match event_type {
            101 => typed(payload).map(RealTimeSttEvent::AgentJoined),
            102 => typed(payload).map(RealTimeSttEvent::AgentLeft),
            _ => return None,
        })
    }
}

/// A Real-Time STT v5/v6 notification: Cloud-Recording-like, with a task
/// instead of a recording ID. Agora does not state its `productId`; under 3
/// it is told from Cloud Recording by its `taskId` and missing `sid`.
///
/// `serviceScene` is documented as the number `1` and sent as a string
/// (`"Real-Time STT + Real-Time Translation"`): read as text either way.
/// Event 4 is named `cloud_recording_file_infos` on the page and
/// `voice_ai_file_infos` in its example: it is typed on the number, and
/// `msgName` is kept as sent. `sendts` is documented ms, examples seconds.
///
/// ```
/// use agora_api::webhooks::{Event, Notification, SttLegacyDetails};
/// let body = br#"{"noticeId":"n","productId":3,"eventType":4,"notifyMs":1,"payload":{"cname":"demo","subBotUid":"1","pubBotUid":"2","taskId":"t-1","sequence":0,"serviceScene":"Real-Time STT + Real-Time Translation","sendts":1750235971,"serviceType":0,"details":{"msgName":"voice_ai_file_infos","fileList":"t-1.m3u8"}}}"#;
/// let Event::SttLegacy(event) = Notification::from_slice(body)?.event() else { panic!() };
/// let SttLegacyDetails::FileInfos { file_list, msg_name } = &event.details else { panic!() };
/// assert_eq!((file_list.as_deref(), msg_name.as_deref()), (Some("t-1.m3u8"), Some("voice_ai_file_infos")));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct SttLegacyEvent {
    /// The channel.
    pub cname: String,
    /// The UID the bot subscribes with.
    pub sub_bot_uid: Option<String>,
    /// The UID the bot publishes with.
    pub pub_bot_uid: Option<String>,
    /// The task.
    pub task_id: String,
    /// Orders this task's notifications.
    pub sequence: Option<u64>,
    /// The scene, as text.
    pub service_scene: Option<String>,
    /// When, as sent.
    pub sendts: Option<u64>,
    /// 0 the STT service, 1 the STT module, 2 the uploader.
    pub service_type: Option<i64>,
    /// The event.
    pub details: SttLegacyDetails,
}

/// The `details` of a v5/v6 event.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum SttLegacyDetails {
    /// 4: the M3U8 playlist of `.vtt` files.
    FileInfos {
        /// The playlist's name.
        file_list: Option<String>,
        /// `msgName` as sent (see the type's docs).
        msg_name: Option<String>,
    },
    /// 30: the uploader started.
    UploaderStarted {
        /// 0 normal.
        status: Option<i64>,
    },
    /// 31: every file is uploaded.
    Uploaded(SttUploadedFiles),
    /// 32: every file is uploaded, some through Agora's backup.
    Backuped(SttUploadedFiles),
    /// 33: upload progress, 0–10000.
    UploadingProgress {
        /// Uploaded / produced × 10000.
        progress: Option<u64>,
    },
}

/// Details of 31 and 32.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct SttUploadedFiles {
    /// 0 normal.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub status: Option<i64>,
    /// The files.
    #[serde(default)]
    pub file_list: Vec<SttFile>,
}

/// One uploaded file.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct SttFile {
    /// Its name.
    pub file_name: String,
    /// `"audio"`, `"video"` or `"text"`.
    #[serde(default)]
    pub track_type: Option<String>,
    /// 1 per channel, 2 per UID.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub mode: Option<i64>,
    /// When its first slice started.
    #[serde(default, deserialize_with = "lenient::opt_u64")]
    pub slice_start_time: Option<u64>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Common {
    #[serde(default)]
    cname: String,
    #[serde(default, deserialize_with = "lenient::opt_text")]
    sub_bot_uid: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_text")]
    pub_bot_uid: Option<String>,
    task_id: String,
    #[serde(default, deserialize_with = "lenient::opt_u64")]
    sequence: Option<u64>,
    #[serde(default, deserialize_with = "lenient::opt_text")]
    service_scene: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_u64")]
    sendts: Option<u64>,
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    service_type: Option<i64>,
    #[serde(default)]
    details: serde_json::Value,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Loose {
    #[serde(default)]
    msg_name: Option<String>,
    #[serde(default)]
    file_list: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    status: Option<i64>,
    #[serde(default, deserialize_with = "lenient::opt_u64")]
    progress: Option<u64>,
}

impl SttLegacyEvent {
    /// Whether a `productId` 3 payload is STT's rather than Cloud
    /// Recording's.
    pub(crate) fn claims(event_type: u32, payload: &serde_json::Value) -> bool {
        matches!(event_type, 4 | 30..=33)
            && payload.get("taskId").is_some()
            && payload.get("sid").is_none()
    }

    /// Types a v5/v6 payload, for a receiver that knows it is one (Agora
    /// does not state the `productId`). `None` for an undocumented number.
    pub fn decode(
        event_type: u32,
        payload: &serde_json::Value,
    ) -> Option<Result<Self, serde_json::Error>> {
        if !matches!(event_type, 4 | 30..=33) {
            return None;
        }
        Some(typed::<Common>(payload).and_then(|c| {
            let details = match event_type {
                31 => SttLegacyDetails::Uploaded(typed(&c.details)?),
                32 => SttLegacyDetails::Backuped(typed(&c.details)?),
                _ => {
                    let loose: Loose = typed(&c.details)?;
                    match event_type {
                        4 => SttLegacyDetails::FileInfos {
                            file_list: loose.file_list,
                            msg_name: loose.msg_name,
                        },
                        30 => SttLegacyDetails::UploaderStarted {
                            status: loose.status,
                        },
                        _ => SttLegacyDetails::UploadingProgress {
                            progress: loose.progress,
                        },
                    }
                }
            };
            Ok(SttLegacyEvent {
                cname: c.cname,
                sub_bot_uid: c.sub_bot_uid,
                pub_bot_uid: c.pub_bot_uid,
                task_id: c.task_id,
                sequence: c.sequence,
                service_scene: c.service_scene,
                sendts: c.sendts,
                service_type: c.service_type,
                details,
            })
        }))
    }
}
