//! Cloud Recording events (`productId` 3): the service, the recorder, the
//! uploader, web page recording, transcoding and downloads.

use serde::Deserialize;

use super::envelope::typed;
use super::lenient;

/// A Cloud Recording notification: the fields every event carries, and
/// the event's `details`.
///
/// Agora may add members to `details`; they are ignored. Fields Agora's
/// pages disagree on are read both ways:
///
/// * `serviceType` of 45 is 1 in English and 2 in zh: kept as sent.
/// * `recordingMode` of 3: 0 individual, 1 composite (an old page said
///   composite was 0): kept as the raw number.
/// * `rtmp_publish_status.status` (100) is typed number but sent as a
///   string (`"publishing"`): read as text either way.
/// * 71's files are `fileName` on the page and `filename` in its example:
///   both are read.
///
/// ```
/// use agora_api::webhooks::{CloudRecordingDetails, Event, Notification};
/// let body = br#"{"noticeId":"n","productId":3,"eventType":31,"notifyMs":1,"payload":{"cname":"demo","uid":"527841","sid":"38f8e3cfdc474cd56fc1ceba380d7e1a","sequence":2,"sendts":1619172871089,"serviceType":2,"details":{"msgName":"uploaded","fileList":[{"fileName":"xxx.m3u8","trackType":"audio","uid":"57297","mixedAllUser":false,"isPlayable":true,"sliceStartTime":1619172871089}],"status":0}}}"#;
/// let Event::CloudRecording(event) = Notification::from_slice(body)?.event() else { panic!() };
/// assert_eq!(event.sequence, Some(2));
/// let CloudRecordingDetails::Uploaded(uploaded) = &event.details else { panic!() };
/// assert_eq!(uploaded.file_list[0].file_name, "xxx.m3u8");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct CloudRecordingEvent {
    /// The channel (`cname`).
    pub cname: String,
    /// The recording client's UID (a string; a number is read too).
    pub uid: String,
    /// The recording ID.
    pub sid: String,
    /// From 0; spots out-of-order, lost and resent notifications.
    pub sequence: Option<u64>,
    /// When the event happened (Unix **ms**).
    pub sendts: Option<u64>,
    /// The module that sent it: 0 the service, 1 recorder, 2 uploader,
    /// 4 extension services, 6 web page recording, 8 download.
    pub service_type: Option<i64>,
    /// `"rtc_record"`, `"rtc_snapshot"`, `"web_record"` (zh pages only).
    pub service_scene: Option<String>,
    /// The event.
    pub details: CloudRecordingDetails,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Common {
    #[serde(default)]
    cname: String,
    #[serde(deserialize_with = "lenient::text")]
    uid: String,
    sid: String,
    #[serde(default, deserialize_with = "lenient::opt_u64")]
    sequence: Option<u64>,
    #[serde(default, deserialize_with = "lenient::opt_u64")]
    sendts: Option<u64>,
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    service_type: Option<i64>,
    #[serde(default, deserialize_with = "lenient::opt_text")]
    service_scene: Option<String>,
    #[serde(default)]
    details: serde_json::Value,
}

/// The `details` of a Cloud Recording event, one variant per documented
/// `eventType`. Numeric fields are `Option`: Agora's examples leave some
/// out.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum CloudRecordingDetails {
    /// 1 `cloud_recording_error`.
    Error(RecordingError),
    /// 2 `cloud_recording_warning`.
    Warning(RecordingWarning),
    /// 3 `cloud_recording_status_update`: a call did not match the state.
    StatusUpdate(StatusUpdate),
    /// 4 `cloud_recording_file_infos`: the first M3U8 playlist is uploaded.
    FileInfos(Playlist),
    /// 11 `session_exit`.
    SessionExit(SessionExit),
    /// 12 `session_failover`: a new server took over within 90 s.
    SessionFailover(SessionFailover),
    /// 13, high availability registered: named in Agora's best practices
    /// only, with no documented payload; the raw `details`.
    HighAvailabilityRegistered(serde_json::Value),
    /// 30 `uploader_started`.
    UploaderStarted(ModuleStatus),
    /// 31 `uploaded`: every file is in your storage.
    Uploaded(UploadedFiles),
    /// 32 `backuped`: every file is uploaded, some through Agora's backup.
    Backuped(UploadedFiles),
    /// 33 `uploading_progress`.
    UploadingProgress(UploadingProgress),
    /// 40 `recorder_started`.
    RecorderStarted(ModuleStatus),
    /// 41 `recorder_leave`.
    RecorderLeft(RecorderLeft),
    /// 42 `recorder_slice_start`.
    RecorderSliceStarted(SliceStarted),
    /// 43 `recorder_audio_stream_state_changed`.
    AudioStreamStateChanged(StreamStateChanged),
    /// 44 `recorder_video_stream_state_changed`.
    VideoStreamStateChanged(StreamStateChanged),
    /// 45 `recorder_snapshot_file`.
    SnapshotFile(FileName),
    /// 60 `vod_started`.
    VodStarted(VodStarted),
    /// 61 `vod_triggered`.
    VodTriggered,
    /// 70 `web_recorder_started`.
    WebRecorderStarted(WebRecorderStarted),
    /// 71 `web_recorder_stopped`.
    WebRecorderStopped(WebRecorderStopped),
    /// 72 `web_recorder_capability_limit`.
    WebRecorderCapabilityLimit(CapabilityLimit),
    /// 73 `web_recorder_reload`.
    WebRecorderReload(Reload),
    /// 80 `transcoder_started`.
    TranscoderStarted,
    /// 81 `transcoder_completed`.
    TranscoderCompleted(TranscoderCompleted),
    /// 90 `download_failed`.
    DownloadFailed(DownloadFailed),
    /// 100 `rtmp_publish_status`.
    RtmpPublishStatus(RtmpPublishStatus),
    /// 1001 `postpone_transcode_final_result`.
    PostponedTranscodeResult(TranscodeResult),
}

impl CloudRecordingEvent {
    pub(crate) fn decode(
        event_type: u32,
        payload: &serde_json::Value,
    ) -> Option<Result<Self, serde_json::Error>> {
        use CloudRecordingDetails as D;
        if !is_documented(event_type) {
            return None;
        }
        Some(typed::<Common>(payload).and_then(|common| {
            let d = &common.details;
            let details = match event_type {
                1 => typed(d).map(D::Error)?,
                2 => typed(d).map(D::Warning)?,
                3 => typed(d).map(D::StatusUpdate)?,
                4 => typed(d).map(D::FileInfos)?,
                11 => typed(d).map(D::SessionExit)?,
                12 => typed(d).map(D::SessionFailover)?,
                13 => D::HighAvailabilityRegistered(d.clone()),
                30 => typed(d).map(D::UploaderStarted)?,
                31 => typed(d).map(D::Uploaded)?,
                32 => typed(d).map(D::Backuped)?,
                33 => typed(d).map(D::UploadingProgress)?,
                40 => typed(d).map(D::RecorderStarted)?,
                41 => typed(d).map(D::RecorderLeft)?,
                42 => typed(d).map(D::RecorderSliceStarted)?,
                43 => typed(d).map(D::AudioStreamStateChanged)?,
                44 => typed(d).map(D::VideoStreamStateChanged)?,
                45 => typed(d).map(D::SnapshotFile)?,
                60 => typed(d).map(D::VodStarted)?,
                61 => D::VodTriggered,
                70 => typed(d).map(D::WebRecorderStarted)?,
                71 => typed(d).map(D::WebRecorderStopped)?,
                72 => typed(d).map(D::WebRecorderCapabilityLimit)?,
                73 => typed(d).map(D::WebRecorderReload)?,
                80 => D::TranscoderStarted,
                81 => typed(d).map(D::TranscoderCompleted)?,
                90 => typed(d).map(D::DownloadFailed)?,
                100 => typed(d).map(D::RtmpPublishStatus)?,
                _ => typed(d).map(D::PostponedTranscodeResult)?,
            };
            Ok(CloudRecordingEvent {
                cname: common.cname,
                uid: common.uid,
                sid: common.sid,
                sequence: common.sequence,
                sendts: common.sendts,
                service_type: common.service_type,
                service_scene: common.service_scene,
                details,
            })
        }))
    }
}

/// The event numbers Cloud Recording documents (13 only in best practices).
pub(crate) fn is_documented(event_type: u32) -> bool {
    matches!(
        event_type,
        1..=4 | 11..=13 | 30..=33 | 40..=45 | 60 | 61 | 70..=73 | 80 | 81 | 90 | 100 | 1001
    )
}

/// Details of 1, an error.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct RecordingError {
    /// 0 recorder, 1 uploader, 2 the service, 6 web page recording.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub module: Option<i64>,
    /// 1 debug … 5 fatal (on 5, call `query`).
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub error_level: Option<i64>,
    /// The error code.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub error_code: Option<i64>,
    /// 0 normal.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub stat: Option<i64>,
    /// The message.
    #[serde(default)]
    pub error_msg: Option<String>,
}

/// Details of 2, a warning.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct RecordingWarning {
    /// 0 recorder, 1 uploader.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub module: Option<i64>,
    /// The warning code.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub warn_code: Option<i64>,
}

/// Details of 3.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct StatusUpdate {
    /// The service status (0 not started … 8 ready to exit, 20 exited
    /// abnormally).
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub status: Option<i64>,
    /// 0 individual, 1 composite, as sent (see the type's docs).
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub recording_mode: Option<i64>,
    /// The M3U8 playlist's name.
    #[serde(default)]
    pub file_list: Option<String>,
}

/// Details of 4: the M3U8 playlist's name.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Playlist {
    /// The M3U8 playlist's name.
    #[serde(default)]
    pub file_list: Option<String>,
}

/// Details of 11.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct SessionExit {
    /// 0 normal, 1 abnormal.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub exit_status: Option<i64>,
}

/// Details of 12.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct SessionFailover {
    /// The new recording UID.
    #[serde(default, deserialize_with = "lenient::opt_u64")]
    pub new_uid: Option<u64>,
}

/// Details of 30 and 40: a module started.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ModuleStatus {
    /// 0 normal.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub status: Option<i64>,
}

/// Details of 31 and 32: the uploaded files (none for web page recording).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct UploadedFiles {
    /// 0 normal.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub status: Option<i64>,
    /// The files.
    #[serde(default)]
    pub file_list: Vec<UploadedFile>,
}

/// One uploaded file.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct UploadedFile {
    /// Its name in your storage.
    pub file_name: String,
    /// `"audio"`, `"video"` or `"audio_and_video"`.
    #[serde(default)]
    pub track_type: Option<String>,
    /// The user recorded; `"0"` in composite mode.
    #[serde(default, deserialize_with = "lenient::opt_text")]
    pub uid: Option<String>,
    /// Whether every user is mixed in.
    #[serde(default)]
    pub mixed_all_user: Option<bool>,
    /// Whether it plays online.
    #[serde(default)]
    pub is_playable: Option<bool>,
    /// When its first slice started (Unix ms).
    #[serde(default, deserialize_with = "lenient::opt_u64")]
    pub slice_start_time: Option<u64>,
}

/// Details of 33.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct UploadingProgress {
    /// Uploaded / recorded × 10000; 10000 after exit means done.
    #[serde(default, deserialize_with = "lenient::opt_u64")]
    pub progress: Option<u64>,
}

/// Details of 41.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct RecorderLeft {
    /// Bits: 0 init failed, 2 signalling, 4 no users, 8 timer (ignore),
    /// 16 client leave.
    #[serde(default, deserialize_with = "lenient::opt_u64")]
    pub leave_code: Option<u64>,
}

/// Details of 42.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct SliceStarted {
    /// When recording started (Unix ms).
    #[serde(default, deserialize_with = "lenient::opt_u64")]
    pub start_utc_ms: Option<u64>,
    /// When it was interrupted (Unix ms).
    #[serde(default, deserialize_with = "lenient::opt_u64")]
    pub discontinue_utc_ms: Option<u64>,
    /// Whether every user is mixed in.
    #[serde(default)]
    pub mixed_all_user: Option<bool>,
    /// The user recorded.
    #[serde(default, deserialize_with = "lenient::opt_text")]
    pub stream_uid: Option<String>,
    /// The track.
    #[serde(default)]
    pub track_type: Option<String>,
}

/// Details of 43 and 44.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct StreamStateChanged {
    /// The user; `"0"` for the mixed stream.
    #[serde(default, deserialize_with = "lenient::opt_text")]
    pub stream_uid: Option<String>,
    /// 0 receiving, 1 not.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub state: Option<i64>,
    /// When (Unix ms; `UtcMs` on the wire).
    #[serde(default, rename = "UtcMs", deserialize_with = "lenient::opt_u64")]
    pub utc_ms: Option<u64>,
}

/// Details of 45: a file's name.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct FileName {
    /// `"<fileNamePrefix>/<file name>"` (`filename` is read too).
    #[serde(alias = "filename")]
    pub file_name: String,
}

/// Details of 60.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct VodStarted {
    /// `aliVodInfo.videoId`.
    #[serde(default)]
    pub ali_vod_info: Option<AliVodInfo>,
}

/// ApsaraVideo for VoD's side of 60.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct AliVodInfo {
    /// The video's ID.
    #[serde(default)]
    pub video_id: Option<String>,
}

/// Details of 70.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct WebRecorderStarted {
    /// When (Unix ms).
    #[serde(default, deserialize_with = "lenient::opt_u64")]
    pub recorder_start_time: Option<u64>,
}

/// Details of 71.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct WebRecorderStopped {
    /// 0 ok, 1 max_recording_hour, 2 capability_limit, 3
    /// start_engine_failed, 4 page_load_timeout, 5 access_url_failed, 6
    /// recorder_error.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub code: Option<i64>,
    /// The code's name.
    #[serde(default)]
    pub message: Option<String>,
    /// More text.
    #[serde(default)]
    pub details: Option<String>,
    /// The files.
    #[serde(default)]
    pub file_list: Vec<WebRecordingFile>,
}

/// One file of 71.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct WebRecordingFile {
    /// The name (`fileName`, or `filename` as the example spells it).
    #[serde(alias = "filename")]
    pub file_name: String,
    /// When its first slice started (Unix ms).
    #[serde(default, deserialize_with = "lenient::opt_u64")]
    pub slice_start_time: Option<u64>,
}

/// Details of 72.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct CapabilityLimit {
    /// `"resolution"`, `"WebGL"` or `"bandwidth"`.
    #[serde(default)]
    pub limit_type: Option<String>,
}

/// Details of 73.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Reload {
    /// `"audio_silence"` or `"page_load_timeout"`.
    #[serde(default)]
    pub reason: Option<String>,
}

/// Details of 81.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct TranscoderCompleted {
    /// `"all_success"`, `"partial_success"` or `"fail"`.
    #[serde(default)]
    pub result: Option<String>,
    /// Per user.
    #[serde(default)]
    pub uids: Vec<TranscodedUser>,
}

/// One user of 81.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct TranscodedUser {
    /// The user.
    #[serde(default, deserialize_with = "lenient::opt_text")]
    pub uid: Option<String>,
    /// `"success"` or `"fail"`.
    #[serde(default)]
    pub result: Option<String>,
    /// The files.
    #[serde(default)]
    pub file_list: Vec<FileName>,
}

/// Details of 90.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct DownloadFailed {
    /// The storage vendor.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub vendor: Option<i64>,
    /// The storage region.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub region: Option<i64>,
    /// The bucket.
    #[serde(default)]
    pub bucket: Option<String>,
    /// The files, `;`-separated.
    #[serde(default)]
    pub file_name: Option<String>,
}

/// Details of 100.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct RtmpPublishStatus {
    /// The CDN address.
    #[serde(default)]
    pub rtmp_url: Option<String>,
    /// `"connecting"`, `"publishing"`, `"onhold"`, `"disconnected"` (read
    /// as text whether sent as a string or a number).
    #[serde(default, deserialize_with = "lenient::opt_text")]
    pub status: Option<String>,
}

/// Details of 1001.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct TranscodeResult {
    /// `"total_success"`, `"partial_success"` or `"failed"`.
    #[serde(default)]
    pub result: Option<String>,
    /// The files.
    #[serde(default)]
    pub file_list: Vec<FileName>,
}
