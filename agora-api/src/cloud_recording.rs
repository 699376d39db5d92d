//! Cloud Recording RESTful API.
//!
//! Basic auth; 10 requests per second per App ID at first. The lifecycle is
//! `acquire` -> `start` -> `query`/`update`/`updateLayout` -> `stop`; a
//! resource ID from [`Acquire`] is valid for five minutes and serves one
//! recording session.
//! <https://docs.agora.io/en/cloud-recording/reference/rest-api/acquire>

use serde::{Deserialize, Serialize};

use crate::Endpoint;
use crate::auth::Secret;
use crate::error::InvalidInput;
use crate::open_enum::{int_enum, string_enum};
use crate::types::{AppId, ChannelName, UidString};

/// Requests a resource ID for one cloud recording session.
///
/// `POST /v1/apps/{appid}/cloud_recording/acquire`. Call `start` with the
/// resource ID within five minutes (Agora recommends two seconds). Not
/// idempotent: each call reserves a new resource, so it is never re-sent
/// after it may have reached Agora. Rate limit: 10 requests per second per
/// App ID.
/// <https://docs.agora.io/en/cloud-recording/reference/rest-api/acquire>
///
/// ```
/// use agora_api::{AppId, ChannelName, Client, UidString};
/// use agora_api::cloud_recording::{Acquire, AcquireClientRequest};
///
/// let acquire = Acquire::builder()
///     .appid(AppId::new("876922cbca0098dff4323566daa89675")?)
///     .cname(ChannelName::new("demo")?)
///     .uid(UidString::new(527841)?)
///     .client_request(AcquireClientRequest {
///         resource_expired_hour: Some(24),
///         ..AcquireClientRequest::default()
///     })
///     .build();
/// let client = Client::builder().basic_auth("id", "secret").build()?;
/// let request = client.prepare(&acquire)?;
/// let body = request.body().and_then(|b| b.as_bytes()).unwrap_or_default();
/// assert_eq!(
///     std::str::from_utf8(body)?,
///     r#"{"cname":"demo","uid":"527841","clientRequest":{"resourceExpiredHour":24}}"#
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    POST,
    "/v1/apps/{appid}/cloud_recording/acquire",
    response = AcquiredResource,
    validate = Acquire::check
)]
#[auth(basic)]
pub struct Acquire {
    /// The App ID of the channel to record (web recording: an App ID with
    /// Cloud Recording enabled).
    pub appid: AppId,
    /// The channel to record. `appid`, `cname` and `uid` identify one
    /// recording.
    pub cname: ChannelName,
    /// The UID the recording service uses in the channel; it must not
    /// clash with any user's.
    pub uid: UidString,
    /// The resource's settings.
    #[endpoint(rename = "clientRequest")]
    pub client_request: AcquireClientRequest,
}

impl Acquire {
    fn check(&self) -> Result<(), InvalidInput> {
        self.client_request.check()
    }
}

/// Settings of the resource to acquire; every field is optional.
#[derive(Debug, Clone, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AcquireClientRequest {
    /// What the resource records. Default [`Scene::Rtc`].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scene: Option<Scene>,
    /// For how many hours after `start` the session's REST calls (query,
    /// update, stop) are accepted: 1 to 720, default 72.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resource_expired_hour: Option<u16>,
    /// Resource IDs of other sessions, so this one uses a different region
    /// (multi-region recording of one channel).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exclude_resource_ids: Option<Vec<String>>,
    /// Keep the recording service in this region. Cloud storage set in
    /// `start` must be in the same region.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<RecordingRegion>,
    /// The settings the `start` call will use, given early to improve
    /// availability; they must match `start`'s.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_parameter: Option<StartParameter>,
}

impl AcquireClientRequest {
    fn check(&self) -> Result<(), InvalidInput> {
        if let Some(hours) = self.resource_expired_hour
            && !(1..=720).contains(&hours)
        {
            return Err(InvalidInput::new(
                "clientRequest.resourceExpiredHour",
                format!("must be from 1 to 720 hours (got {hours})"),
            ));
        }
        if let Some(start) = &self.start_parameter {
            start
                .storage_config
                .check("clientRequest.startParameter.storageConfig")?;
        }
        Ok(())
    }
}

int_enum! {
    /// What a cloud recording resource records.
    pub enum Scene {
        /// Real-time audio and video of an RTC channel.
        Rtc = 0,
        /// A web page.
        Web = 1,
    }
}

string_enum! {
    /// A region the recording service can be kept in.
    pub enum RecordingRegion {
        /// Mainland China.
        China = "CN",
        /// Asia outside mainland China.
        Asia = "AP",
        /// Europe.
        Europe = "EU",
        /// North America.
        NorthAmerica = "NA",
    }
}

/// Settings given at `acquire` time for the coming `start`.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StartParameter {
    /// The RTC token the recorder joins with, when the project uses an App
    /// Certificate (individual and mix modes). A secret.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub token: Option<Secret>,
    /// Where recorded files are uploaded.
    pub storage_config: StorageConfig,
    /// Which files to produce.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recording_file_config: Option<RecordingFileConfig>,
}

impl StartParameter {
    /// Settings with the storage only.
    pub fn new(storage_config: StorageConfig) -> Self {
        StartParameter {
            token: None,
            storage_config,
            recording_file_config: None,
        }
    }
}

/// Third-party cloud storage for the recorded files.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StorageConfig {
    /// The storage provider.
    pub vendor: StorageVendor,
    /// The provider's region number (see Agora's "Third-party cloud storage
    /// regions"); it should match where the request comes from.
    pub region: u32,
    /// The bucket.
    pub bucket: String,
    /// The access key.
    pub access_key: String,
    /// The secret key. A secret.
    pub secret_key: Secret,
    /// A temporary STS token (Amazon S3, Alibaba Cloud, Tencent Cloud).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sts_token: Option<Secret>,
    /// When `sts_token` expires, in Unix seconds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sts_expiration: Option<u64>,
    /// Directories the files go in: `["a", "b"]` makes `a/b/`. ASCII
    /// letters and digits only, 128 characters in all with the slashes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file_name_prefix: Option<Vec<String>>,
    /// Encryption and tagging of the uploaded files.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub extension_params: Option<StorageExtensionParams>,
}

impl StorageConfig {
    /// Storage with the required settings.
    pub fn new(
        vendor: StorageVendor,
        region: u32,
        bucket: impl Into<String>,
        access_key: impl Into<String>,
        secret_key: impl Into<Secret>,
    ) -> Self {
        StorageConfig {
            vendor,
            region,
            bucket: bucket.into(),
            access_key: access_key.into(),
            secret_key: secret_key.into(),
            sts_token: None,
            sts_expiration: None,
            file_name_prefix: None,
            extension_params: None,
        }
    }

    fn check(&self, at: &'static str) -> Result<(), InvalidInput> {
        if let Some(prefix) = &self.file_name_prefix {
            let field = || format!("{at}.fileNamePrefix");
            if let Some(bad) = prefix
                .iter()
                .find(|dir| dir.is_empty() || !dir.chars().all(|c| c.is_ascii_alphanumeric()))
            {
                return Err(InvalidInput::new(
                    field(),
                    format!("directory {bad:?} must be non-empty ASCII letters and digits"),
                ));
            }
            let total: usize = prefix.iter().map(|dir| dir.len() + 1).sum();
            if total > 128 {
                return Err(InvalidInput::new(
                    field(),
                    format!("must be at most 128 characters with the slashes (got {total})"),
                ));
            }
        }
        Ok(())
    }
}

int_enum! {
    /// A cloud storage provider.
    pub enum StorageVendor {
        /// Amazon S3.
        AmazonS3 = 1,
        /// Alibaba Cloud.
        AlibabaCloud = 2,
        /// Tencent Cloud.
        TencentCloud = 3,
        /// Microsoft Azure.
        MicrosoftAzure = 5,
        /// Google Cloud.
        GoogleCloud = 6,
        /// Huawei Cloud.
        HuaweiCloud = 7,
        /// Baidu AI Cloud.
        BaiduAiCloud = 8,
        /// An S3-compatible service (set `extension_params` endpoint).
        S3Compatible = 11,
    }
}

/// Encryption and tags the storage applies to uploaded files.
#[derive(Debug, Clone, Serialize)]
pub struct StorageExtensionParams {
    /// Server-side encryption (Amazon S3): `kms` or `aes256`.
    pub sse: String,
    /// A tag for the files (Alibaba Cloud, Amazon S3).
    pub tag: String,
}

impl StorageExtensionParams {
    /// Encryption mode and tag.
    pub fn new(sse: impl Into<String>, tag: impl Into<String>) -> Self {
        StorageExtensionParams {
            sse: sse.into(),
            tag: tag.into(),
        }
    }
}

/// Which recorded files to produce.
#[derive(Debug, Clone, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RecordingFileConfig {
    /// File types: `["hls"]` (default) or `["hls", "mp4"]`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub av_file_type: Option<Vec<AvFileType>>,
}

string_enum! {
    /// A recorded file type.
    pub enum AvFileType {
        /// M3U8 and TS files.
        Hls = "hls",
        /// MP4 files.
        Mp4 = "mp4",
    }
}

/// The resource reserved by [`Acquire`].
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct AcquiredResource {
    /// The channel.
    pub cname: String,
    /// The recorder's UID.
    pub uid: String,
    /// The resource ID to pass to `start`, valid for five minutes.
    pub resource_id: String,
}
