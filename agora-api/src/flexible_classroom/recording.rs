//! Recording a classroom: start and stop it, pause and resume a web page
//! recording, list the recordings.

use serde::{Deserialize, Serialize};

use super::answers::{Done, opt_i64, opt_u64};
use super::inputs::{NextId, RecordingSwitch, RoomUuid};
use super::rooms::room_context;
use crate::error::InvalidInput;
use crate::values::{closed_enum, int_enum};
use crate::{
    AppId, Endpoint, FieldPath, Paginated, Secret, ServiceRegion, TokenContext, Validate,
    endpoint_docs,
};

closed_enum! {
    /// How a classroom is recorded (`mode`). Left out, the teachers'
    /// audio and video are recorded in composite mode (M3U8 and TS).
    pub enum RecordingMode in "mode" {
        /// `web`: the classroom's web page, to MP4 files.
        Web = "web",
    }
}

/// A yes or no that Agora's example writes as the text `"true"` or
/// `"false"` (`publishRtmp`): sent as text, read from text or a boolean.
///
/// ```
/// use agora_api::flexible_classroom::TextBool;
/// assert_eq!(serde_json::to_string(&TextBool(true)).unwrap(), "\"true\"");
/// assert_eq!(serde_json::from_str::<TextBool>("false").unwrap(), TextBool(false));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextBool(pub bool);

impl Serialize for TextBool {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(if self.0 { "true" } else { "false" })
    }
}

impl<'de> Deserialize<'de> for TextBool {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        match serde_json::Value::deserialize(deserializer)? {
            serde_json::Value::Bool(value) => Ok(TextBool(value)),
            serde_json::Value::String(text) if text == "true" => Ok(TextBool(true)),
            serde_json::Value::String(text) if text == "false" => Ok(TextBool(false)),
            _ => Err(serde::de::Error::custom(
                "invalid `publishRtmp`: must be true or false",
            )),
        }
    }
}

/// How a web page recording is made (`webRecordConfig`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WebRecordConfig {
    /// The root address of the page; Agora appends the classroom's
    /// parameters to it.
    pub root_url: String,
    /// The full address of the page, which overrides `rootUrl`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Whether the page is also pushed to a CDN.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publish_rtmp: Option<TextBool>,
    /// Whether the recording starts paused (the page opens, no file is
    /// written); Agora's default is `false`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub onhold: Option<bool>,
    /// Video bitrate, Kbps: 50 to 8000.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub video_bitrate: Option<u32>,
    /// Frame rate, fps: 5 to 60 (default 15).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub video_fps: Option<u32>,
    /// `0` (default): 48 kHz music mono ≤ 48 Kbps; `1`: mono ≤ 128
    /// Kbps; `2`: stereo ≤ 192 Kbps.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audio_profile: Option<u32>,
    /// Width, pixels: 480 to 1280 (default 1280).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub video_width: Option<u32>,
    /// Height, pixels: 480 to 1280 (default 720); width × height is at
    /// most 1280 × 720.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub video_height: Option<u32>,
    /// The longest recording, hours: 1 to 720.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_recording_hour: Option<u32>,
}

impl WebRecordConfig {
    /// A recording of the page under `root_url`, Agora's defaults for
    /// the rest.
    pub fn new(root_url: impl Into<String>) -> Self {
        WebRecordConfig {
            root_url: root_url.into(),
            url: None,
            publish_rtmp: None,
            onhold: None,
            video_bitrate: None,
            video_fps: None,
            audio_profile: None,
            video_width: None,
            video_height: None,
            max_recording_hour: None,
        }
    }
}

fn in_range(
    at: &FieldPath<'_>,
    name: &'static str,
    value: Option<u32>,
    low: u32,
    high: u32,
) -> Result<(), InvalidInput> {
    match value {
        Some(value) if !(low..=high).contains(&value) => Err(at
            .member(name)
            .invalid(format!("must be {low} to {high} (got {value})"))),
        _ => Ok(()),
    }
}

impl Validate for WebRecordConfig {
    fn validate(&self, at: &FieldPath<'_>) -> Result<(), InvalidInput> {
        if self.root_url.is_empty() {
            return Err(at.member("rootUrl").invalid("must not be empty"));
        }
        in_range(at, "videoBitrate", self.video_bitrate, 50, 8000)?;
        in_range(at, "videoFps", self.video_fps, 5, 60)?;
        in_range(at, "audioProfile", self.audio_profile, 0, 2)?;
        in_range(at, "videoWidth", self.video_width, 480, 1280)?;
        in_range(at, "videoHeight", self.video_height, 480, 1280)?;
        in_range(at, "maxRecordingHour", self.max_recording_hour, 1, 720)?;
        let width = u64::from(self.video_width.unwrap_or(1280));
        let height = u64::from(self.video_height.unwrap_or(720));
        if width.saturating_mul(height) > 921_600 {
            return Err(at.member("videoHeight").invalid(format!(
                "videoWidth × videoHeight must be at most 921600 (1280 × 720) (got {width} × {height})"
            )));
        }
        Ok(())
    }
}

/// Starts (`state` 1) or stops (`state` 0) recording a classroom.
///
/// Starting a classroom being recorded is `409` code `30409411` ("the
/// recording has not ended"); stopping one not recorded is `409` code
/// `30409410`. Not idempotent: a start that may have reached Agora is
/// never re-sent.
///
/// The table makes `webRecordConfig.onhold` required while the page's
/// example leaves it out: it is optional, `false` by default (exception
/// `onhold-required`). `publishRtmp` is sent as the example writes it,
/// the text `"true"` ([`TextBool`]). The answer is `data` (the table); the
/// example writes `streamingUrl` beside `code`, which is not read
/// (exception `recording-answer-placement`).
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    PUT,
    "/{region}/edu/apps/{appId}/v2/rooms/{roomUuid}/records/states/{state}",
    response = Option<RecordingSession>,
    idempotent = false,
    validate = SetRecordingState::check,
    envelope = crate::envelope::CODE_MSG_DATA,
    token_context = SetRecordingState::token_for,
    doc = "https://docs.agora.io/en/flexible-classroom/restful-api/classroom-api",
)]
#[auth(education_token)]
pub struct SetRecordingState {
    /// Where the classroom is served.
    pub region: ServiceRegion,
    /// The project's App ID.
    #[endpoint(path, rename = "appId")]
    pub app_id: AppId,
    /// The classroom.
    #[endpoint(path, rename = "roomUuid")]
    pub room_uuid: RoomUuid,
    /// Start or stop.
    pub state: RecordingSwitch,
    /// Web page recording, or (left out) composite recording.
    pub mode: Option<RecordingMode>,
    /// The web page recording's settings: required with `mode` `web`.
    #[endpoint(rename = "webRecordConfig")]
    pub web_record_config: Option<WebRecordConfig>,
    /// Seconds Agora waits between its (at most two) retries.
    #[endpoint(rename = "retryTimeout")]
    pub retry_timeout: Option<u32>,
}

impl SetRecordingState {
    fn token_for(&self) -> TokenContext<'_> {
        room_context(&self.room_uuid)
    }

    fn check(&self) -> Result<(), InvalidInput> {
        if self.mode == Some(RecordingMode::Web) && self.web_record_config.is_none() {
            return Err(InvalidInput::new(
                "webRecordConfig",
                "is required with mode web",
            ));
        }
        Ok(())
    }
}

/// A change to a running web page recording (`webRecordConfig` of
/// [`UpdateRecordingConfig`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct WebRecordUpdate {
    /// `true` pauses the recording (no file is written), `false` resumes
    /// it.
    pub onhold: bool,
}

impl WebRecordUpdate {
    /// Pause (`true`) or resume.
    pub fn onhold(onhold: bool) -> Self {
        WebRecordUpdate { onhold }
    }
}

/// Changes the configuration of a classroom's running recording: pause
/// or resume a web page recording. Each call replaces the last, so it is
/// idempotent. A classroom not being recorded is `409` code `30409410`.
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    PATCH,
    "/{region}/edu/apps/{appId}/v2/rooms/{roomUuid}/records/states/{state}",
    response = Done,
    idempotent,
    envelope = crate::envelope::CODE_MSG_DATA,
    token_context = UpdateRecordingConfig::token_for,
    doc = "https://docs.agora.io/en/flexible-classroom/restful-api/classroom-api",
)]
#[auth(education_token)]
pub struct UpdateRecordingConfig {
    /// Where the classroom is served.
    pub region: ServiceRegion,
    /// The project's App ID.
    #[endpoint(path, rename = "appId")]
    pub app_id: AppId,
    /// The classroom.
    #[endpoint(path, rename = "roomUuid")]
    pub room_uuid: RoomUuid,
    /// The recording's state (`1`, recording, in Agora's example).
    pub state: RecordingSwitch,
    /// The change.
    #[endpoint(rename = "webRecordConfig")]
    pub web_record_config: Option<WebRecordUpdate>,
}

impl UpdateRecordingConfig {
    fn token_for(&self) -> TokenContext<'_> {
        room_context(&self.room_uuid)
    }
}

/// Lists a classroom's recordings, up to 100 a batch; `client.pages(..)`
/// walks them all (`nextId` leads to the next batch, `null` after the
/// last).
///
/// The page's request example repeats the one of
/// [`UpdateRecordingConfig`]; the prototype is bound (exception
/// `recording-list-example`).
///
/// ```no_run
/// use agora_api::flexible_classroom::{ListRecordings, RoomUuid};
/// use agora_api::{AppId, Client, ServiceRegion};
///
/// # async fn run(client: Client) -> Result<(), Box<dyn std::error::Error>> {
/// let list = ListRecordings::builder()
///     .region(ServiceRegion::NorthAmerica)
///     .app_id(AppId::new("0123456789abcdef0123456789abcdef")?)
///     .room_uuid(RoomUuid::new("algebra-1")?)
///     .build();
/// let mut pages = client.pages(list);
/// while let Some(page) = pages.next().await {
///     for recording in page?.list {
///         println!("{:?} {:?}", recording.record_id, recording.status);
///     }
/// }
/// # Ok(()) }
/// ```
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    GET,
    "/{region}/edu/apps/{appId}/v2/rooms/{roomUuid}/records",
    response = RecordingPage,
    envelope = crate::envelope::CODE_MSG_DATA,
    token_context = ListRecordings::token_for,
    doc = "https://docs.agora.io/en/flexible-classroom/restful-api/classroom-api",
)]
#[auth(education_token)]
pub struct ListRecordings {
    /// Where the classroom is served.
    pub region: ServiceRegion,
    /// The project's App ID.
    #[endpoint(path, rename = "appId")]
    pub app_id: AppId,
    /// The classroom.
    #[endpoint(path, rename = "roomUuid")]
    pub room_uuid: RoomUuid,
    /// Where the batch starts: the last batch's `nextId` (none for the
    /// first).
    #[endpoint(query, rename = "nextId")]
    pub next_id: Option<NextId>,
}

impl ListRecordings {
    fn token_for(&self) -> TokenContext<'_> {
        room_context(&self.room_uuid)
    }
}

impl Paginated for ListRecordings {
    fn next_page(&self, page: &RecordingPage) -> Option<Self> {
        next_batch(page.next_id.as_deref(), page.list.is_empty()).map(|next_id| ListRecordings {
            next_id: Some(next_id),
            ..self.clone()
        })
    }
}

/// The cursor of the batch after one that ended with `next_id`, unless
/// it was the last (no `nextId`, or an empty batch).
pub(crate) fn next_batch(next_id: Option<&str>, empty: bool) -> Option<NextId> {
    if empty {
        return None;
    }
    next_id.and_then(|next_id| NextId::new(next_id).ok())
}

int_enum! {
    /// Whether a recording runs.
    pub enum RecordingStatus {
        /// `1`: recording.
        Recording = 1,
        /// `2`: ended.
        Ended = 2,
    }
}

/// A recording session as a start answers it (and as a recording event
/// carries it).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct RecordingSession {
    /// The recording's ID.
    #[serde(default)]
    pub record_id: Option<String>,
    /// Cloud Recording's `sid`.
    #[serde(default)]
    pub sid: Option<String>,
    /// Cloud Recording's `resourceId`.
    #[serde(default)]
    pub resource_id: Option<String>,
    /// `1` recording; `0` (start answer) or `2` (event) ended.
    #[serde(default, deserialize_with = "opt_i64")]
    pub state: Option<i64>,
    /// When it started, Unix milliseconds.
    #[serde(default, deserialize_with = "opt_u64")]
    pub start_time: Option<u64>,
    /// Where the page pushed to a CDN can be watched.
    #[serde(default)]
    pub streaming_url: Option<StreamingUrls>,
}

/// Where a recorded page pushed to a CDN is played.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct StreamingUrls {
    /// RTMP.
    #[serde(default)]
    pub rtmp: Option<String>,
    /// FLV.
    #[serde(default)]
    pub flv: Option<String>,
    /// HLS.
    #[serde(default)]
    pub hls: Option<String>,
}

/// One batch of [`ListRecordings`].
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct RecordingPage {
    /// How many recordings there are in all.
    #[serde(default, deserialize_with = "opt_u64")]
    pub total: Option<u64>,
    /// How many this batch holds.
    #[serde(default, deserialize_with = "opt_u64")]
    pub count: Option<u64>,
    /// The recordings.
    #[serde(default)]
    pub list: Vec<Recording>,
    /// Where the next batch starts; none after the last.
    #[serde(default)]
    pub next_id: Option<String>,
}

/// One recording of a classroom.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Recording {
    /// Its ID.
    #[serde(default)]
    pub record_id: Option<String>,
    /// The App ID.
    #[serde(default)]
    pub app_id: Option<String>,
    /// The classroom.
    #[serde(default)]
    pub room_uuid: Option<String>,
    /// When it started, Unix milliseconds.
    #[serde(default, deserialize_with = "opt_u64")]
    pub start_time: Option<u64>,
    /// When it ended, Unix milliseconds.
    #[serde(default, deserialize_with = "opt_u64")]
    pub end_time: Option<u64>,
    /// Cloud Recording's `resourceId`.
    #[serde(default)]
    pub resource_id: Option<String>,
    /// Cloud Recording's `sid`.
    #[serde(default)]
    pub sid: Option<String>,
    /// The uid Cloud Recording used in the channel.
    #[serde(default, deserialize_with = "crate::values::lenient::opt_text")]
    pub record_uid: Option<String>,
    /// The whiteboard's App Identifier.
    #[serde(default)]
    pub board_app_id: Option<String>,
    /// The whiteboard SDK token (never shown by `Debug`).
    #[serde(default)]
    pub board_token: Option<Secret>,
    /// The whiteboard room.
    #[serde(default)]
    pub board_id: Option<String>,
    /// The recording's type: `3`, web page recording.
    #[serde(default, rename = "type", deserialize_with = "opt_i64")]
    pub kind: Option<i64>,
    /// Whether it runs.
    #[serde(default)]
    pub status: Option<RecordingStatus>,
    /// The files of a composite recording.
    #[serde(default)]
    pub url: Option<String>,
    /// The files of a web page recording.
    #[serde(default)]
    pub record_details: Vec<RecordedFile>,
    /// `true` when the recording failed.
    #[serde(default)]
    pub unready: Option<bool>,
    /// The query of the recorded page (`webRecordUrlQuery` in the
    /// example, `webRecordingUrlQuery` in the table: both are read).
    #[serde(default, alias = "webRecordingUrlQuery")]
    pub web_record_url_query: Option<String>,
}

/// A file of a web page recording.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct RecordedFile {
    /// Where it is.
    #[serde(default)]
    pub url: Option<String>,
}
