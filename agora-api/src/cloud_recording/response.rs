//! Response-side types of Cloud Recording. They are lenient: what a
//! response carries depends on the mode and on whether screenshots are on,
//! so almost every member is optional, and every enum keeps values it does
//! not know.

use serde::de::Error as _;
use serde::{Deserialize, Deserializer};

use crate::values::{int_enum, string_enum};

use super::config::extension::{RTMP_PUBLISH_SERVICE, WEB_RECORDER_SERVICE};
use super::{ResourceId, Sid};

/// The resource reserved by [`Acquire`](super::Acquire).
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct AcquiredResource {
    /// The channel.
    pub cname: String,
    /// The recorder's UID.
    pub uid: String,
    /// The resource ID to pass to `start`, valid for five minutes.
    pub resource_id: ResourceId,
}

/// A recording session, as [`Start`](super::Start),
/// [`Update`](super::Update) and [`UpdateLayout`](super::UpdateLayout)
/// answer.
///
/// Agora answers some calls with a 2xx that is not a plain success: `201`
/// code 7 "already started" and `206` code 65 "request not completed" for
/// `start`, `206` code 65 for the others. Such a body carries `code` and
/// `reason` and may lack the session's IDs, so check [`code`](Self::code)
/// before using them.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct RecordingSession {
    /// The channel.
    #[serde(default)]
    pub cname: String,
    /// The recorder's UID.
    #[serde(default)]
    pub uid: String,
    /// The resource ID.
    #[serde(default)]
    pub resource_id: Option<ResourceId>,
    /// The recording ID (`sid`) that query, update, updateLayout and stop
    /// take.
    #[serde(default)]
    pub sid: Option<Sid>,
    /// Agora's code, on a 2xx that is not a plain success.
    #[serde(default)]
    pub code: Option<i64>,
    /// Agora's reason, with `code`.
    #[serde(default)]
    pub reason: Option<String>,
}

/// The state of a recording, as [`Query`](super::Query) answers.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct QueriedRecording {
    /// The channel.
    #[serde(default)]
    pub cname: String,
    /// The recorder's UID.
    #[serde(default)]
    pub uid: String,
    /// The resource ID.
    #[serde(default)]
    pub resource_id: Option<ResourceId>,
    /// The recording ID.
    #[serde(default)]
    pub sid: Option<Sid>,
    /// What the recording is doing; its members depend on the mode.
    #[serde(default)]
    pub server_response: QueryServerResponse,
    /// Agora's code, on a 2xx that is not a plain success (`206` code 65).
    #[serde(default)]
    pub code: Option<i64>,
    /// Agora's reason, with `code`.
    #[serde(default)]
    pub reason: Option<String>,
}

/// The `serverResponse` of [`Query`](super::Query).
///
/// By mode: `individual` has `status`, `fileListMode`, `fileList` (a JSON
/// list) and `sliceStartTime` (only `status` and `sliceStartTime` when
/// taking screenshots); `mix` has `status`, `fileListMode` and `fileList`
/// (a file name with `["hls"]`, a JSON list with `["hls", "mp4"]`); `web`
/// has `status` and `extensionServiceState`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct QueryServerResponse {
    /// The recording service's state.
    #[serde(default)]
    pub status: Option<RecordingStatus>,
    /// Which shape `file_list` has (`individual` and `mix` modes without
    /// screenshots).
    #[serde(default)]
    pub file_list_mode: Option<FileListMode>,
    /// The recorded files (`individual` and `mix` modes without
    /// screenshots).
    #[serde(default)]
    pub file_list: Option<FileList>,
    /// When recording started, in Unix milliseconds (`individual` mode).
    #[serde(default)]
    pub slice_start_time: Option<i64>,
    /// The state of each extension service (`web` mode).
    #[serde(default)]
    pub extension_service_state: Vec<ExtensionServiceState>,
}

/// What [`Stop`](super::Stop) answers.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct StoppedRecording {
    /// The channel.
    #[serde(default)]
    pub cname: String,
    /// The recorder's UID.
    #[serde(default)]
    pub uid: String,
    /// The resource ID.
    #[serde(default)]
    pub resource_id: Option<ResourceId>,
    /// The recording ID.
    #[serde(default)]
    pub sid: Option<Sid>,
    /// The files and uploads at the time of stopping; members depend on
    /// the mode.
    #[serde(default)]
    pub server_response: StopServerResponse,
    /// Agora's code, on a 2xx that is not a plain success: `206` code 65
    /// "request not completed" or code 435 "no recorded data" (nobody
    /// sent a stream).
    #[serde(default)]
    pub code: Option<i64>,
    /// Agora's reason, with `code`.
    #[serde(default)]
    pub reason: Option<String>,
}

/// The `serverResponse` of [`Stop`](super::Stop).
///
/// By mode: `individual` and `mix` have `uploadingStatus`, `fileListMode`
/// and `fileList` (only `uploadingStatus` when taking screenshots); `web`
/// has `extensionServiceState`, whose `upload_service` entry carries the
/// upload status.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct StopServerResponse {
    /// Whether every file reached your storage (`individual` and `mix`
    /// modes).
    #[serde(default)]
    pub uploading_status: Option<UploadingStatus>,
    /// Which shape `file_list` has.
    #[serde(default)]
    pub file_list_mode: Option<FileListMode>,
    /// The recorded files.
    #[serde(default)]
    pub file_list: Option<FileList>,
    /// The state of each extension service (`web` mode).
    #[serde(default)]
    pub extension_service_state: Vec<ExtensionServiceState>,
}

impl StopServerResponse {
    /// The upload status, wherever the mode puts it: `uploadingStatus`
    /// (`individual`, `mix`), or the `upload_service` entry of
    /// `extensionServiceState` (`web`).
    pub fn upload_status(&self) -> Option<&UploadingStatus> {
        self.uploading_status.as_ref().or_else(|| {
            self.extension_service_state
                .iter()
                .find_map(|state| match state {
                    ExtensionServiceState::Upload(upload) => upload.uploading_status.as_ref(),
                    _ => None,
                })
        })
    }
}

int_enum! {
    /// The state of the recording service (`serverResponse.status`).
    pub enum RecordingStatus {
        /// Not started.
        NotStarted = 0,
        /// Initialized.
        Initialized = 1,
        /// Components starting.
        Starting = 2,
        /// Some components ready.
        PartlyReady = 3,
        /// Every component ready.
        Ready = 4,
        /// Recording.
        InProgress = 5,
        /// Asked to stop.
        StopRequested = 6,
        /// Every component stopped.
        Stopped = 7,
        /// Exited.
        Exited = 8,
        /// Exited abnormally.
        ExitedAbnormally = 20,
    }
}

string_enum! {
    /// The shape of `fileList` (`fileListMode`).
    pub enum FileListMode {
        /// A file name (`mix` mode with `["hls"]`).
        String = "string",
        /// A list of file objects (`["hls", "mp4"]`).
        Json = "json",
    }
}

/// The recorded files (`fileList`): a string or a list, as `fileListMode`
/// says.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(untagged)]
pub enum FileList {
    /// `fileListMode` `"string"`: the M3U8 file's name.
    Playlist(String),
    /// `fileListMode` `"json"`: every M3U8 and MP4 file.
    Files(Vec<RecordedFile>),
}

impl FileList {
    /// The names of the files, whatever the shape.
    ///
    /// ```
    /// use agora_api::cloud_recording::FileList;
    /// let list: FileList = serde_json::from_str(r#""sid_channel.m3u8""#)?;
    /// assert_eq!(list.file_names(), ["sid_channel.m3u8"]);
    /// let list: FileList = serde_json::from_str(
    ///     r#"[{"fileName":"a.m3u8","trackType":"audio_and_video","uid":"0",
    ///          "mixedAllUser":true,"isPlayable":true,"sliceStartTime":1}]"#,
    /// )?;
    /// assert_eq!(list.file_names(), ["a.m3u8"]);
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn file_names(&self) -> Vec<&str> {
        match self {
            FileList::Playlist(name) => vec![name.as_str()],
            FileList::Files(files) => files.iter().map(|file| file.file_name.as_str()).collect(),
        }
    }
}

/// One recorded file (an entry of a JSON `fileList`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct RecordedFile {
    /// The M3U8 or MP4 file name.
    #[serde(default)]
    pub file_name: String,
    /// What the file holds.
    #[serde(default)]
    pub track_type: Option<TrackType>,
    /// Whose stream it is (`"0"` in `mix` mode).
    #[serde(default)]
    pub uid: String,
    /// Whether every user is in this one file.
    #[serde(default)]
    pub mixed_all_user: bool,
    /// Whether the file plays online.
    #[serde(default)]
    pub is_playable: bool,
    /// When the file's recording started, in Unix seconds.
    #[serde(default)]
    pub slice_start_time: i64,
}

string_enum! {
    /// What a recorded file holds (`trackType`).
    pub enum TrackType {
        /// Audio only.
        Audio = "audio",
        /// Video only.
        Video = "video",
        /// Audio and video.
        AudioAndVideo = "audio_and_video",
    }
}

string_enum! {
    /// Whether the recorded files reached your storage (`uploadingStatus`).
    pub enum UploadingStatus {
        /// Every file is in your storage.
        Uploaded = "uploaded",
        /// Every file is uploaded, some to Agora's backup storage first;
        /// Agora moves them to yours.
        Backuped = "backuped",
        /// Unknown.
        Unknown = "unknown",
    }
}

/// The state of one extension service (`extensionServiceState[]`): its
/// `payload` depends on its `serviceName`.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum ExtensionServiceState {
    /// `web_recorder_service`: web page recording.
    WebRecorder(WebRecorderState),
    /// `rtmp_publish_service`: pushing the recording to a CDN.
    RtmpPublish(RtmpPublishState),
    /// `upload_service`: uploading the files (in [`Stop`](super::Stop)'s
    /// answer).
    Upload(UploadState),
    /// A service this version of the crate does not know.
    Other {
        /// Its `serviceName`.
        service_name: String,
        /// Its `payload`, as sent.
        payload: serde_json::Value,
    },
}

/// `serviceName` of the upload service.
const UPLOAD_SERVICE: &str = "upload_service";

impl ExtensionServiceState {
    /// The service's `serviceName`.
    pub fn service_name(&self) -> &str {
        match self {
            ExtensionServiceState::WebRecorder(_) => WEB_RECORDER_SERVICE,
            ExtensionServiceState::RtmpPublish(_) => RTMP_PUBLISH_SERVICE,
            ExtensionServiceState::Upload(_) => UPLOAD_SERVICE,
            ExtensionServiceState::Other { service_name, .. } => service_name,
        }
    }
}

impl<'de> Deserialize<'de> for ExtensionServiceState {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(rename_all = "camelCase")]
        struct Wire {
            #[serde(default)]
            service_name: String,
            #[serde(default)]
            payload: serde_json::Value,
        }
        fn payload<T: serde::de::DeserializeOwned, E: serde::de::Error>(
            value: serde_json::Value,
        ) -> Result<T, E> {
            // A missing payload is an empty one.
            let value = if value.is_null() {
                serde_json::Value::Object(serde_json::Map::new())
            } else {
                value
            };
            serde_json::from_value(value).map_err(E::custom)
        }
        let wire = Wire::deserialize(deserializer)?;
        Ok(match wire.service_name.as_str() {
            WEB_RECORDER_SERVICE => {
                ExtensionServiceState::WebRecorder(payload::<_, D::Error>(wire.payload)?)
            }
            RTMP_PUBLISH_SERVICE => {
                ExtensionServiceState::RtmpPublish(payload::<_, D::Error>(wire.payload)?)
            }
            UPLOAD_SERVICE => ExtensionServiceState::Upload(payload::<_, D::Error>(wire.payload)?),
            _ if wire.service_name.is_empty() => {
                return Err(D::Error::missing_field("serviceName"));
            }
            _ => ExtensionServiceState::Other {
                service_name: wire.service_name,
                payload: wire.payload,
            },
        })
    }
}

/// The `payload` of `web_recorder_service`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct WebRecorderState {
    /// The M3U8 and MP4 files so far.
    #[serde(default)]
    pub file_list: Vec<WebRecordedFile>,
    /// Whether recording is paused.
    #[serde(default)]
    pub onhold: Option<bool>,
    /// The service's state.
    #[serde(default)]
    pub state: Option<ServiceState>,
}

/// One file of web page recording.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct WebRecordedFile {
    /// The M3U8 or MP4 file name (`filename`, all lower case here).
    #[serde(default, alias = "fileName")]
    pub filename: String,
    /// When the file's recording started, in Unix seconds.
    #[serde(default)]
    pub slice_start_time: i64,
}

/// The `payload` of `rtmp_publish_service`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct RtmpPublishState {
    /// Each CDN address and its push status.
    #[serde(default)]
    pub outputs: Vec<RtmpOutputState>,
    /// The service's state.
    #[serde(default)]
    pub state: Option<ServiceState>,
}

/// A CDN address and its push status.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct RtmpOutputState {
    /// The address pushed to.
    #[serde(default)]
    pub rtmp_url: String,
    /// The push status.
    #[serde(default)]
    pub status: Option<PublishStatus>,
}

/// The `payload` of `upload_service`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct UploadState {
    /// Whether every file reached your storage.
    #[serde(default)]
    pub uploading_status: Option<UploadingStatus>,
}

string_enum! {
    /// The state of an extension service (`payload.state`).
    pub enum ServiceState {
        /// Initializing.
        Init = "init",
        /// Running.
        InProgress = "inProgress",
        /// Stopped.
        Exit = "exit",
    }
}

string_enum! {
    /// The status of a CDN push (`outputs[].status`).
    pub enum PublishStatus {
        /// Connecting to the CDN.
        Connecting = "connecting",
        /// Pushing.
        Publishing = "publishing",
        /// Paused.
        Onhold = "onhold",
        /// The CDN cannot be reached; try another address.
        Disconnected = "disconnected",
    }
}

/// The notification servers' addresses, as [`GetNcsIps`](super::GetNcsIps)
/// answers. Add every one to your firewall's allow list, and refresh them
/// at least once a day.
#[derive(Debug, Clone, Deserialize)]
#[non_exhaustive]
pub struct NcsIps {
    /// The data.
    #[serde(default)]
    pub data: NcsData,
}

impl NcsIps {
    /// Every `primaryIP`.
    ///
    /// ```
    /// let answer: agora_api::cloud_recording::NcsIps = serde_json::from_str(
    ///     r#"{"data":{"service":{"hosts":[{"primaryIP":"1.2.3.4"},{"primaryIP":"5.6.7.8"}]}}}"#,
    /// )?;
    /// assert_eq!(answer.primary_ips(), ["1.2.3.4", "5.6.7.8"]);
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn primary_ips(&self) -> Vec<&str> {
        self.data
            .service
            .hosts
            .iter()
            .map(|host| host.primary_ip.as_str())
            .collect()
    }
}

/// `data` of [`NcsIps`].
#[derive(Debug, Clone, Default, Deserialize)]
#[non_exhaustive]
pub struct NcsData {
    /// The notification service.
    #[serde(default)]
    pub service: NcsService,
}

/// `data.service` of [`NcsIps`].
#[derive(Debug, Clone, Default, Deserialize)]
#[non_exhaustive]
pub struct NcsService {
    /// Its hosts.
    #[serde(default)]
    pub hosts: Vec<NcsHost>,
}

/// One notification server.
#[derive(Debug, Clone, Deserialize)]
#[non_exhaustive]
pub struct NcsHost {
    /// Its IP address.
    #[serde(rename = "primaryIP")]
    pub primary_ip: String,
}
