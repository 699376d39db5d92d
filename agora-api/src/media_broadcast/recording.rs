//! Standard recording (into Agora's own storage) of an entry point's
//! streams: on for the whole entry point, or stream by stream; its MP4
//! and HLS formats per region.

use serde::Deserialize;

use crate::{AppId, Endpoint, PathRegion, endpoint_docs};

use super::{Done, EntryPointName, FlsRegion, FormatSwitch, StreamName};

/// A region is written in a path as its code (`cn`).
impl PathRegion for FlsRegion {
    fn code(&self) -> &str {
        self.as_str()
    }
}

/// Turns standard recording on or off for every stream of an entry
/// point.
///
/// Setting a standard recording configuration
/// ([`SetStandardRecordingConfig`]) turns it on too. To record only some
/// streams, turn it off here and enable streams one by one
/// ([`EnableStandardStreamRecording`]). Idempotent: it sets a switch.
///
/// ```
/// use agora_api::media_broadcast::{EntryPointName, SetStandardAutoRecording};
/// use agora_api::{AppId, Client};
///
/// let call = SetStandardAutoRecording::builder()
///     .appid(AppId::new("0123456789abcdef0123456789abcdef")?)
///     .entry_point(EntryPointName::new("live")?)
///     .enabled(false)
///     .build();
/// let client = Client::builder().hmac_auth("id", "secret").build()?;
/// let request = client.prepare(&call)?;
/// assert!(request.url().path().ends_with("/fls/entry_points/live/settings/record/standard/auto"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    PATCH,
    "/v1/projects/{appid}/fls/entry_points/{entry_point}/settings/record/standard/auto",
    response = Done,
    idempotent,
    doc = "https://docs.agora.io/en/broadcast-streaming/restful-api/standard-recording/entry-point",
    rate_limit(50, per = second, scope = app_id, shared = "media_broadcast"),
)]
#[auth(hmac)]
pub struct SetStandardAutoRecording {
    /// The project.
    pub appid: AppId,
    /// The entry point.
    pub entry_point: EntryPointName,
    /// Whether every stream of the entry point is recorded.
    pub enabled: bool,
}

/// Sets which formats standard recording writes (MP4, HLS) for an entry
/// point's streams in a region, and turns standard recording on for the
/// entry point.
///
/// Idempotent: sending the same formats twice leaves the same setting.
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    PATCH,
    "/v1/projects/{appid}/fls/entry_points/{entry_point}/settings/record/standard/regions/{region}",
    response = Done,
    idempotent,
    doc = "https://docs.agora.io/en/broadcast-streaming/restful-api/standard-recording/configuration",
    rate_limit(50, per = second, scope = app_id, shared = "media_broadcast"),
)]
#[auth(hmac)]
pub struct SetStandardRecordingConfig {
    /// The project.
    pub appid: AppId,
    /// The entry point.
    pub entry_point: EntryPointName,
    /// The region the stream-pushing domain was added in.
    pub region: FlsRegion,
    /// MP4 files on or off; left out, unchanged.
    #[endpoint(rename = "mp4Config")]
    pub mp4_config: Option<FormatSwitch>,
    /// HLS files on or off; left out, unchanged.
    #[endpoint(rename = "hlsConfig")]
    pub hls_config: Option<FormatSwitch>,
}

/// Reads the standard recording formats of an entry point in a region.
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    GET,
    "/v1/projects/{appid}/fls/entry_points/{entry_point}/settings/record/standard/regions/{region}",
    response = StandardRecordingConfig,
    doc = "https://docs.agora.io/en/broadcast-streaming/restful-api/standard-recording/configuration",
    rate_limit(50, per = second, scope = app_id, shared = "media_broadcast"),
)]
#[auth(hmac)]
pub struct GetStandardRecordingConfig {
    /// The project.
    pub appid: AppId,
    /// The entry point.
    pub entry_point: EntryPointName,
    /// The region.
    pub region: FlsRegion,
}

/// The standard recording formats of an entry point, as
/// [`GetStandardRecordingConfig`] answers them.
///
/// ```
/// use agora_api::media_broadcast::StandardRecordingConfig;
/// let config: StandardRecordingConfig =
///     serde_json::from_str(r#"{"hlsConfig": {"enabled": true}, "mp4Config": {"enabled": false}}"#)?;
/// assert_eq!(config.hls_config.and_then(|hls| hls.enabled), Some(true));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct StandardRecordingConfig {
    /// MP4 files.
    #[serde(default)]
    pub mp4_config: Option<FormatSwitch>,
    /// HLS files.
    #[serde(default)]
    pub hls_config: Option<FormatSwitch>,
}

/// Records one live stream with standard recording: a stream being
/// pushed, or one pushed within the next 24 hours; recording starts and
/// stops with the stream.
///
/// Standard recording of the whole entry point must be off first
/// ([`SetStandardAutoRecording`] with `false`). The stream's name goes in
/// the query (`?id=`). Idempotent: a `PUT` of the stream's task, which a
/// second time leaves the one task there is.
///
/// ```
/// use agora_api::media_broadcast::{EnableStandardStreamRecording, EntryPointName, FlsRegion, StreamName};
/// use agora_api::{AppId, Client};
///
/// let call = EnableStandardStreamRecording::builder()
///     .appid(AppId::new("0123456789abcdef0123456789abcdef")?)
///     .entry_point(EntryPointName::new("live")?)
///     .region(FlsRegion::from("cn"))
///     .stream_name(StreamName::new("show68")?)
///     .build();
/// let client = Client::builder().hmac_auth("id", "secret").build()?;
/// let request = client.prepare(&call)?;
/// assert_eq!(
///     request.url().as_str(),
///     "https://api.agora.io/v1/projects/0123456789abcdef0123456789abcdef/fls/entry_points/live/admin/record/standard/regions/cn/tasks?id=show68"
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    PUT,
    "/v1/projects/{appid}/fls/entry_points/{entry_point}/admin/record/standard/regions/{region}/tasks",
    response = Done,
    doc = "https://docs.agora.io/en/broadcast-streaming/restful-api/standard-recording/live-stream",
    rate_limit(50, per = second, scope = app_id, shared = "media_broadcast"),
)]
#[auth(hmac)]
pub struct EnableStandardStreamRecording {
    /// The project.
    pub appid: AppId,
    /// The entry point.
    pub entry_point: EntryPointName,
    /// The region to record in.
    pub region: FlsRegion,
    /// The stream.
    #[endpoint(query = "id")]
    pub stream_name: StreamName,
}

/// Stops standard recording of one live stream, enabled with
/// [`EnableStandardStreamRecording`]. What was recorded stays listed
/// ([`ListRecordingFiles`](super::ListRecordingFiles)).
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    DELETE,
    "/v1/projects/{appid}/fls/entry_points/{entry_point}/admin/record/standard/regions/{region}/tasks/{stream_name}",
    response = Done,
    doc = "https://docs.agora.io/en/broadcast-streaming/restful-api/standard-recording/live-stream",
    rate_limit(50, per = second, scope = app_id, shared = "media_broadcast"),
)]
#[auth(hmac)]
pub struct DisableStandardStreamRecording {
    /// The project.
    pub appid: AppId,
    /// The entry point.
    pub entry_point: EntryPointName,
    /// The region it records in.
    pub region: FlsRegion,
    /// The stream.
    pub stream_name: StreamName,
}
