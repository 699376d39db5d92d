//! Third-party cloud storage for custom recording and custom snapshots
//! (`storageConfig`), and the on/off switch of a recording format.

use serde::{Deserialize, Serialize};

use crate::values::int_enum;
use crate::{FieldPath, InvalidInput, Secret, Validate};

int_enum! {
    /// The cloud storage provider (`vendor`).
    pub enum FlsStorageVendor {
        /// `0`: Qiniu Cloud.
        Qiniu = 0,
        /// `1`: Amazon S3.
        AmazonS3 = 1,
        /// `2`: Alibaba Cloud.
        AlibabaCloud = 2,
        /// `3`: Tencent Cloud.
        TencentCloud = 3,
        /// `4`: Kingsoft Cloud.
        KingsoftCloud = 4,
        /// `5`: Microsoft Azure.
        MicrosoftAzure = 5,
        /// `6`: Google Cloud.
        GoogleCloud = 6,
        /// `7`: Huawei Cloud.
        HuaweiCloud = 7,
        /// `8`: Baidu AI Cloud.
        BaiduAiCloud = 8,
    }
}

/// Where custom recordings or snapshots are uploaded (`storageConfig` of
/// a request): the provider, its region number, the bucket and a key pair
/// (Agora advises a write-only one). The secret key is never printed.
///
/// ```
/// use agora_api::media_broadcast::{FlsStorageConfig, FlsStorageVendor};
/// let storage = FlsStorageConfig::new(FlsStorageVendor::AlibabaCloud, 3, "bucket", "ak", "sk");
/// assert_eq!(
///     serde_json::to_string(&storage)?,
///     r#"{"accessKey":"ak","bucket":"bucket","region":3,"secretKey":"sk","vendor":2}"#
/// );
/// assert!(!format!("{storage:?}").contains("\"sk\""));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FlsStorageConfig {
    /// The access key.
    pub access_key: String,
    /// The bucket.
    pub bucket: String,
    /// The provider's own region number (the same table as Cloud
    /// Recording's third-party storage regions); it should be near the
    /// region of the streams.
    pub region: u32,
    /// The secret key. A secret.
    pub secret_key: Secret,
    /// The provider.
    pub vendor: FlsStorageVendor,
}

impl FlsStorageConfig {
    /// Storage at `vendor`'s region `region`, in `bucket`, with this key
    /// pair.
    pub fn new(
        vendor: FlsStorageVendor,
        region: u32,
        bucket: impl Into<String>,
        access_key: impl Into<String>,
        secret_key: impl Into<Secret>,
    ) -> Self {
        FlsStorageConfig {
            access_key: access_key.into(),
            bucket: bucket.into(),
            region,
            secret_key: secret_key.into(),
            vendor,
        }
    }
}

impl Validate for FlsStorageConfig {
    fn validate(&self, at: &FieldPath<'_>) -> Result<(), InvalidInput> {
        if self.bucket.trim().is_empty() {
            return Err(at.member("bucket").invalid("must name the bucket"));
        }
        if self.access_key.is_empty() {
            return Err(at.member("accessKey").invalid("must not be empty"));
        }
        if self.secret_key.expose().is_empty() {
            return Err(at.member("secretKey").invalid("must not be empty"));
        }
        Ok(())
    }
}

/// The storage of a custom setting as Agora answers it: the same members
/// as [`FlsStorageConfig`], any of which may be missing (Agora's example
/// answer has no `bucket`).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct FlsStorageSettings {
    /// The access key.
    #[serde(default)]
    pub access_key: Option<String>,
    /// The bucket.
    #[serde(default)]
    pub bucket: Option<String>,
    /// The provider's region number.
    #[serde(default)]
    pub region: Option<u32>,
    /// The secret key, as Agora echoes it. A secret.
    #[serde(default)]
    pub secret_key: Option<Secret>,
    /// The provider.
    #[serde(default)]
    pub vendor: Option<FlsStorageVendor>,
}

/// Whether a recording format is on (`mp4Config`, `hlsConfig`).
///
/// ```
/// use agora_api::media_broadcast::FormatSwitch;
/// assert_eq!(serde_json::to_string(&FormatSwitch::on())?, r#"{"enabled":true}"#);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormatSwitch {
    /// On or off; left out, Agora keeps what it had.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
}

impl FormatSwitch {
    /// The format is recorded.
    pub fn on() -> Self {
        FormatSwitch {
            enabled: Some(true),
        }
    }

    /// The format is not recorded.
    pub fn off() -> Self {
        FormatSwitch {
            enabled: Some(false),
        }
    }
}
