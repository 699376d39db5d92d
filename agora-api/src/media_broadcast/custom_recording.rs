//! Custom recording of an entry point's streams: as standard recording,
//! uploaded to the project's own cloud storage.

use serde::Deserialize;

use crate::{AppId, Endpoint, endpoint_docs};

use super::{
    Done, EntryPointName, FlsRegion, FlsStorageConfig, FlsStorageSettings, FormatSwitch, StreamName,
};

/// Turns custom recording on or off for every stream of an entry point.
///
/// Setting a custom recording configuration
/// ([`SetCustomRecordingConfig`]) turns it on too. Idempotent: it sets a
/// switch.
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    PATCH,
    "/v1/projects/{appid}/fls/entry_points/{entry_point}/settings/record/custom/auto",
    response = Done,
    idempotent,
    doc = "https://docs.agora.io/en/broadcast-streaming/restful-api/custom-recording/entry-point",
    rate_limit(50, per = second, scope = app_id, shared = "media_broadcast"),
)]
#[auth(hmac)]
pub struct SetCustomAutoRecording {
    /// The project.
    pub appid: AppId,
    /// The entry point.
    pub entry_point: EntryPointName,
    /// Whether every stream of the entry point is recorded.
    pub enabled: bool,
}

/// Sets the formats and the storage of custom recording for an entry
/// point's streams in a region, and turns custom recording on for the
/// entry point.
///
/// `storageConfig` is required the first time the region is set (Agora
/// refuses a first setting without it); later, left out, the storage is
/// kept. Idempotent.
///
/// ```
/// use agora_api::media_broadcast::{
///     EntryPointName, FlsRegion, FlsStorageConfig, FlsStorageVendor, FormatSwitch, SetCustomRecordingConfig,
/// };
/// use agora_api::{AppId, Client};
///
/// let call = SetCustomRecordingConfig::builder()
///     .appid(AppId::new("0123456789abcdef0123456789abcdef")?)
///     .entry_point(EntryPointName::new("live")?)
///     .region(FlsRegion::from("cn"))
///     .hls_config(FormatSwitch::on())
///     .storage_config(FlsStorageConfig::new(FlsStorageVendor::AlibabaCloud, 3, "vod", "ak", "sk"))
///     .build();
/// let client = Client::builder().hmac_auth("id", "secret").build()?;
/// let request = client.prepare(&call)?;
/// assert!(request.url().path().ends_with("/settings/record/custom/regions/cn"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    PATCH,
    "/v1/projects/{appid}/fls/entry_points/{entry_point}/settings/record/custom/regions/{region}",
    response = Done,
    idempotent,
    doc = "https://docs.agora.io/en/broadcast-streaming/restful-api/custom-recording/configuration",
    rate_limit(50, per = second, scope = app_id, shared = "media_broadcast"),
)]
#[auth(hmac)]
pub struct SetCustomRecordingConfig {
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
    /// Where the files go; required the first time.
    #[endpoint(rename = "storageConfig")]
    pub storage_config: Option<FlsStorageConfig>,
}

/// Reads the custom recording formats and storage of an entry point in a
/// region.
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    GET,
    "/v1/projects/{appid}/fls/entry_points/{entry_point}/settings/record/custom/regions/{region}",
    response = CustomRecordingConfig,
    doc = "https://docs.agora.io/en/broadcast-streaming/restful-api/custom-recording/configuration",
    rate_limit(50, per = second, scope = app_id, shared = "media_broadcast"),
)]
#[auth(hmac)]
pub struct GetCustomRecordingConfig {
    /// The project.
    pub appid: AppId,
    /// The entry point.
    pub entry_point: EntryPointName,
    /// The region.
    pub region: FlsRegion,
}

/// The custom recording setting of an entry point, as
/// [`GetCustomRecordingConfig`] answers it. The storage's secret key, if
/// Agora echoes it, is never printed.
///
/// ```
/// use agora_api::media_broadcast::CustomRecordingConfig;
/// let config: CustomRecordingConfig = serde_json::from_str(
///     r#"{"mp4Config": {"enabled": true}, "storageConfig": {"accessKey": "ak", "region": 3, "secretKey": "sk", "vendor": 2}}"#,
/// )?;
/// let storage = config.storage_config.unwrap_or_default();
/// assert_eq!(storage.region, Some(3));
/// assert!(!format!("{storage:?}").contains("\"sk\""));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct CustomRecordingConfig {
    /// MP4 files.
    #[serde(default)]
    pub mp4_config: Option<FormatSwitch>,
    /// HLS files.
    #[serde(default)]
    pub hls_config: Option<FormatSwitch>,
    /// Where the files go.
    #[serde(default)]
    pub storage_config: Option<FlsStorageSettings>,
}

/// Records one live stream with custom recording: a stream being pushed,
/// or one pushed within the next 24 hours.
///
/// Custom recording of the whole entry point must be off first
/// ([`SetCustomAutoRecording`] with `false`). The stream's name goes in
/// the query (`?id=`). Idempotent: a `PUT` of the stream's task.
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    PUT,
    "/v1/projects/{appid}/fls/entry_points/{entry_point}/admin/record/custom/regions/{region}/tasks",
    response = Done,
    doc = "https://docs.agora.io/en/broadcast-streaming/restful-api/custom-recording/live-stream",
    rate_limit(50, per = second, scope = app_id, shared = "media_broadcast"),
)]
#[auth(hmac)]
pub struct EnableCustomStreamRecording {
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

/// Stops custom recording of one live stream, enabled with
/// [`EnableCustomStreamRecording`].
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    DELETE,
    "/v1/projects/{appid}/fls/entry_points/{entry_point}/admin/record/custom/regions/{region}/tasks/{stream_name}",
    response = Done,
    doc = "https://docs.agora.io/en/broadcast-streaming/restful-api/custom-recording/live-stream",
    rate_limit(50, per = second, scope = app_id, shared = "media_broadcast"),
)]
#[auth(hmac)]
pub struct DisableCustomStreamRecording {
    /// The project.
    pub appid: AppId,
    /// The entry point.
    pub entry_point: EntryPointName,
    /// The region it records in.
    pub region: FlsRegion,
    /// The stream.
    pub stream_name: StreamName,
}
