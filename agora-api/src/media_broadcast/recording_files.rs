//! What standard recording made: the recording files of a stream, clips
//! cut out of them and snapshots taken from them.

use serde::Deserialize;

use crate::values::validated_string;
use crate::{AppId, Endpoint, InvalidInput, endpoint_docs};

use super::{Done, EntryPointName, FlsRegion, FlsTime, StreamName};

fn output_file_name(value: &str) -> Result<(), String> {
    if value.is_empty() || value.len() > 255 {
        return Err(format!("must be 1 to 255 bytes (got {})", value.len()));
    }
    if let Some(bad) = value
        .chars()
        .find(|c| matches!(c, '/' | '\\') || c.is_control())
    {
        return Err(format!(
            "contains {bad:?}; a file name holds no slashes or control characters"
        ));
    }
    Ok(())
}

validated_string! {
    /// The name of a file a clip or a snapshot makes (`fileName`), unique
    /// among the stream's: `highlight.m3u8`, `cover.jpg`.
    ///
    /// ```
    /// use agora_api::media_broadcast::OutputFileName;
    /// assert!(OutputFileName::new("test.m3u8").is_ok());
    /// assert!(OutputFileName::new("a/b.m3u8").is_err());
    /// ```
    OutputFileName, field = "fileName", check = output_file_name
}

/// Refuses `time` (`field`) later than the current time.
fn not_in_the_future(field: &'static str, time: &FlsTime) -> Result<(), InvalidInput> {
    if time.to_system_time() > std::time::SystemTime::now() {
        return Err(InvalidInput::new(
            field,
            format!("must not be later than the current time (got {time})"),
        ));
    }
    Ok(())
}

/// Refuses an `end` that is not after `start`.
fn end_after_start(
    (start_field, start): (&str, &FlsTime),
    (end_field, end): (&'static str, &FlsTime),
) -> Result<(), InvalidInput> {
    if end.unix_seconds() <= start.unix_seconds() {
        return Err(InvalidInput::new(
            end_field,
            format!("must be after {start_field} (got {start_field} {start}, {end_field} {end})"),
        ));
    }
    Ok(())
}

/// Cuts a part out of a stream's standard recording into a new M3U8
/// file.
///
/// `endTime` may not be later than the current time, and comes after
/// `startTime` (both checked before any I/O); left out, the clip ends
/// where the latest recording file was made. Not idempotent: the file
/// name must be unique, so a second copy fails.
///
/// ```
/// use agora_api::media_broadcast::{CreateRecordingClip, EntryPointName, FlsRegion, FlsTime, OutputFileName, StreamName};
/// use agora_api::AppId;
///
/// let call = CreateRecordingClip::builder()
///     .appid(AppId::new("0123456789abcdef0123456789abcdef")?)
///     .entry_point(EntryPointName::new("live")?)
///     .region(FlsRegion::from("cn"))
///     .stream_name(StreamName::new("show68")?)
///     .start_time(FlsTime::new("2019-01-07T12:30:00+08:00")?)
///     .end_time(FlsTime::new("2019-01-07T12:00:00+08:00")?)
///     .file_name(OutputFileName::new("test.m3u8")?)
///     .build();
/// let error = agora_api::Client::builder().hmac_auth("id", "s").build()?.prepare(&call).unwrap_err();
/// assert!(error.to_string().contains("invalid `endTime`: must be after startTime"), "{error}");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    POST,
    "/v1/projects/{appid}/fls/entry_points/{entry_point}/admin/record/standard/regions/{region}/cutting/{stream_name}",
    response = Done,
    validate = CreateRecordingClip::check,
    doc = "https://docs.agora.io/en/broadcast-streaming/restful-api/standard-recording/post-processing",
    rate_limit(50, per = second, scope = app_id, shared = "media_broadcast"),
)]
#[auth(hmac)]
pub struct CreateRecordingClip {
    /// The project.
    pub appid: AppId,
    /// The entry point.
    pub entry_point: EntryPointName,
    /// The region of the recording.
    pub region: FlsRegion,
    /// The stream.
    pub stream_name: StreamName,
    /// Where the clip starts on the recording's timeline.
    #[endpoint(rename = "startTime")]
    pub start_time: FlsTime,
    /// Where it ends; not later than now. Left out, where the latest
    /// recording file was made.
    #[endpoint(rename = "endTime")]
    pub end_time: Option<FlsTime>,
    /// The M3U8 file to make.
    #[endpoint(rename = "fileName")]
    pub file_name: OutputFileName,
}

impl CreateRecordingClip {
    fn check(&self) -> Result<(), InvalidInput> {
        if let Some(end) = &self.end_time {
            end_after_start(("startTime", &self.start_time), ("endTime", end))?;
            not_in_the_future("endTime", end)?;
        }
        Ok(())
    }
}

/// Takes a snapshot (a JPEG file) from a stream's standard recording.
///
/// `time` may not be later than the current time (checked before any
/// I/O); left out, where the latest recording file was made. Not
/// idempotent: the file name must be unique.
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    POST,
    "/v1/projects/{appid}/fls/entry_points/{entry_point}/admin/record/standard/regions/{region}/snapshot/{stream_name}",
    response = Done,
    validate = CreateRecordingSnapshot::check,
    doc = "https://docs.agora.io/en/broadcast-streaming/restful-api/standard-recording/post-processing",
    rate_limit(50, per = second, scope = app_id, shared = "media_broadcast"),
)]
#[auth(hmac)]
pub struct CreateRecordingSnapshot {
    /// The project.
    pub appid: AppId,
    /// The entry point.
    pub entry_point: EntryPointName,
    /// The region of the recording.
    pub region: FlsRegion,
    /// The stream.
    pub stream_name: StreamName,
    /// The moment on the recording's timeline; not later than now.
    pub time: Option<FlsTime>,
    /// The JPEG file to make.
    #[endpoint(rename = "fileName")]
    pub file_name: OutputFileName,
}

impl CreateRecordingSnapshot {
    fn check(&self) -> Result<(), InvalidInput> {
        match &self.time {
            Some(time) => not_in_the_future("time", time),
            None => Ok(()),
        }
    }
}

/// Lists the standard recording files of a stream made within a time
/// range, oldest first: one per recording attempt.
///
/// `end_time` comes after `start_time` (checked before any I/O). The
/// `+` of an offset is sent as `%2B`.
///
/// ```
/// use agora_api::media_broadcast::{EntryPointName, FlsRegion, FlsTime, ListRecordingFiles, StreamName};
/// use agora_api::{AppId, Client};
///
/// let call = ListRecordingFiles::builder()
///     .appid(AppId::new("0123456789abcdef0123456789abcdef")?)
///     .entry_point(EntryPointName::new("live")?)
///     .region(FlsRegion::from("cn"))
///     .start_time(FlsTime::new("2021-08-25T10:00:00+08:00")?)
///     .end_time(FlsTime::new("2021-08-25T15:00:00+08:00")?)
///     .stream_name(StreamName::new("show68")?)
///     .build();
/// let client = Client::builder().hmac_auth("id", "secret").build()?;
/// assert_eq!(
///     client.prepare(&call)?.url().query(),
///     Some("start_time=2021-08-25T10%3A00%3A00%2B08%3A00&end_time=2021-08-25T15%3A00%3A00%2B08%3A00&stream_name=show68")
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    GET,
    "/v1/projects/{appid}/fls/entry_points/{entry_point}/admin/record/standard/regions/{region}/preview_list",
    response = RecordingFiles,
    validate = ListRecordingFiles::check,
    doc = "https://docs.agora.io/en/broadcast-streaming/restful-api/standard-recording/post-processing",
    rate_limit(50, per = second, scope = app_id, shared = "media_broadcast"),
)]
#[auth(hmac)]
pub struct ListRecordingFiles {
    /// The project.
    pub appid: AppId,
    /// The entry point.
    pub entry_point: EntryPointName,
    /// The region of the recordings.
    pub region: FlsRegion,
    /// Start of the range.
    #[endpoint(query)]
    pub start_time: FlsTime,
    /// End of the range, after its start.
    #[endpoint(query)]
    pub end_time: FlsTime,
    /// The stream.
    #[endpoint(query)]
    pub stream_name: StreamName,
}

impl ListRecordingFiles {
    fn check(&self) -> Result<(), InvalidInput> {
        end_after_start(
            ("start_time", &self.start_time),
            ("end_time", &self.end_time),
        )
    }
}

/// A stream's recording files, as [`ListRecordingFiles`] answers them.
///
/// ```
/// use agora_api::media_broadcast::RecordingFiles;
/// let files: RecordingFiles = serde_json::from_str(
///     r#"{"list": [{"fileName": "record/live/show68/a.m3u8", "startTime": "2021-08-25T10:44:40+08:00",
///                   "endTime": "2021-08-25T11:01:49+08:00", "position": 3}]}"#,
/// )?;
/// assert_eq!(files.list[0].position, Some(3));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Default, Deserialize)]
#[non_exhaustive]
pub struct RecordingFiles {
    /// The files, oldest first.
    #[serde(default)]
    pub list: Vec<RecordingFile>,
}

/// One recording attempt's file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct RecordingFile {
    /// The file's path in the recording storage
    /// (`record/{entry_point}/{stream_name}/{file}.m3u8`).
    #[serde(default)]
    pub file_name: String,
    /// When the recording started, RFC 3339 as sent.
    #[serde(default)]
    pub start_time: String,
    /// When it ended, RFC 3339 as sent.
    #[serde(default)]
    pub end_time: String,
    /// Seconds from `start_time` to the playback position.
    #[serde(default)]
    pub position: Option<i64>,
}
