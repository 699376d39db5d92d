//! Snapshots of an entry point's streams taken at an interval, with
//! optional content moderation: standard (Agora's storage) or custom (the
//! project's cloud storage).

use serde::Deserialize;

use crate::values::validated_number;
use crate::{AppId, Endpoint, InvalidInput, endpoint_docs};

use super::{Done, EntryPointName, FlsRegion, FlsStorageConfig, FlsStorageSettings};

/// Agora's default snapshot interval, seconds.
pub const DEFAULT_SNAPSHOT_INTERVAL: u32 = 10;

fn interval_rule(value: u32) -> Result<u32, InvalidInput> {
    if !(5..=300).contains(&value) {
        return Err(InvalidInput::new(
            "snapshotInterval",
            format!("must be from 5 to 300 seconds (got {value})"),
        ));
    }
    Ok(value)
}

validated_number! {
    /// Seconds between two snapshots (`snapshotInterval`), 5 to 300;
    /// Agora's default is 10.
    ///
    /// ```
    /// use agora_api::media_broadcast::SnapshotInterval;
    /// assert_eq!(SnapshotInterval::new(30)?.get(), 30);
    /// assert!(SnapshotInterval::new(4).is_err());
    /// # Ok::<(), agora_api::InvalidInput>(())
    /// ```
    SnapshotInterval(u32), field = "snapshotInterval", check = interval_rule
}

/// Sets standard snapshots for an entry point's streams in a region:
/// on or off, how often, and whether they are moderated.
///
/// Idempotent: the same setting sent twice leaves the same setting.
///
/// ```
/// use agora_api::media_broadcast::{EntryPointName, FlsRegion, SetStandardSnapshotConfig, SnapshotInterval};
/// use agora_api::{AppId, Client};
///
/// let call = SetStandardSnapshotConfig::builder()
///     .appid(AppId::new("0123456789abcdef0123456789abcdef")?)
///     .entry_point(EntryPointName::new("live")?)
///     .region(FlsRegion::from("cn"))
///     .enabled(true)
///     .snapshot_interval(SnapshotInterval::new(30)?)
///     .enable_moderation(true)
///     .build();
/// let client = Client::builder().hmac_auth("id", "secret").build()?;
/// let request = client.prepare(&call)?;
/// let body = request.body().and_then(|b| b.as_bytes()).unwrap_or_default();
/// assert_eq!(std::str::from_utf8(body)?, r#"{"enabled":true,"snapshotInterval":30,"enableModeration":true}"#);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    PATCH,
    "/v1/projects/{appid}/fls/entry_points/{entry_point}/settings/snapshot/standard/regions/{region}",
    response = Done,
    idempotent,
    doc = "https://docs.agora.io/en/broadcast-streaming/restful-api/snapshot-moderation/standard",
    rate_limit(50, per = second, scope = app_id, shared = "media_broadcast"),
)]
#[auth(hmac)]
pub struct SetStandardSnapshotConfig {
    /// The project.
    pub appid: AppId,
    /// The entry point.
    pub entry_point: EntryPointName,
    /// The region the stream-pushing domain was added in.
    pub region: FlsRegion,
    /// Whether snapshots are taken.
    pub enabled: bool,
    /// Seconds between snapshots; left out, 10.
    #[endpoint(rename = "snapshotInterval")]
    pub snapshot_interval: Option<SnapshotInterval>,
    /// Whether snapshots are moderated; left out, not.
    #[endpoint(rename = "enableModeration")]
    pub enable_moderation: Option<bool>,
}

/// Reads the standard snapshot setting of an entry point in a region.
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    GET,
    "/v1/projects/{appid}/fls/entry_points/{entry_point}/settings/snapshot/standard/regions/{region}",
    response = SnapshotConfig,
    doc = "https://docs.agora.io/en/broadcast-streaming/restful-api/snapshot-moderation/standard",
    rate_limit(50, per = second, scope = app_id, shared = "media_broadcast"),
)]
#[auth(hmac)]
pub struct GetStandardSnapshotConfig {
    /// The project.
    pub appid: AppId,
    /// The entry point.
    pub entry_point: EntryPointName,
    /// The region.
    pub region: FlsRegion,
}

/// Sets custom snapshots for an entry point's streams in a region: as
/// standard ones, uploaded to `storageConfig`.
///
/// Idempotent.
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    PATCH,
    "/v1/projects/{appid}/fls/entry_points/{entry_point}/settings/snapshot/custom/regions/{region}",
    response = Done,
    idempotent,
    doc = "https://docs.agora.io/en/broadcast-streaming/restful-api/snapshot-moderation/custom",
    rate_limit(50, per = second, scope = app_id, shared = "media_broadcast"),
)]
#[auth(hmac)]
pub struct SetCustomSnapshotConfig {
    /// The project.
    pub appid: AppId,
    /// The entry point.
    pub entry_point: EntryPointName,
    /// The region the stream-pushing domain was added in.
    pub region: FlsRegion,
    /// Whether snapshots are taken.
    pub enabled: bool,
    /// Seconds between snapshots; left out, 10.
    #[endpoint(rename = "snapshotInterval")]
    pub snapshot_interval: Option<SnapshotInterval>,
    /// Where the snapshots go.
    #[endpoint(rename = "storageConfig")]
    pub storage_config: Option<FlsStorageConfig>,
    /// Whether snapshots are moderated; left out, not.
    #[endpoint(rename = "enableModeration")]
    pub enable_moderation: Option<bool>,
}

/// Reads the custom snapshot setting of an entry point in a region.
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    GET,
    "/v1/projects/{appid}/fls/entry_points/{entry_point}/settings/snapshot/custom/regions/{region}",
    response = SnapshotConfig,
    doc = "https://docs.agora.io/en/broadcast-streaming/restful-api/snapshot-moderation/custom",
    rate_limit(50, per = second, scope = app_id, shared = "media_broadcast"),
)]
#[auth(hmac)]
pub struct GetCustomSnapshotConfig {
    /// The project.
    pub appid: AppId,
    /// The entry point.
    pub entry_point: EntryPointName,
    /// The region.
    pub region: FlsRegion,
}

/// A snapshot setting, as [`GetStandardSnapshotConfig`] and
/// [`GetCustomSnapshotConfig`] answer it (a standard one has no
/// storage).
///
/// ```
/// use agora_api::media_broadcast::SnapshotConfig;
/// let config: SnapshotConfig =
///     serde_json::from_str(r#"{"enabled": true, "enableModeration": true, "snapshotInterval": 30}"#)?;
/// assert_eq!(config.interval(), 30);
/// assert!(config.storage_config.is_none());
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct SnapshotConfig {
    /// Whether snapshots are taken.
    #[serde(default)]
    pub enabled: bool,
    /// Seconds between snapshots, as sent.
    #[serde(default)]
    pub snapshot_interval: Option<u32>,
    /// Whether snapshots are moderated.
    #[serde(default)]
    pub enable_moderation: Option<bool>,
    /// Where custom snapshots go.
    #[serde(default)]
    pub storage_config: Option<FlsStorageSettings>,
}

impl SnapshotConfig {
    /// Seconds between snapshots, Agora's default (10) when not said.
    pub fn interval(&self) -> u32 {
        self.snapshot_interval.unwrap_or(DEFAULT_SNAPSHOT_INTERVAL)
    }
}
