//! Request-side types of Cloud Recording: the `clientRequest` bodies of each
//! endpoint and the configurations they nest (storage, recording, recorded
//! files, transcoding and layout, screenshots, extension services and web
//! page recording), with Agora's documented input rules.
//!
//! Every rule is checked before any I/O by the endpoint's `validate`
//! function; errors name the field as it is on the wire, dotted from the
//! body's top level (`clientRequest.recordingConfig.maxIdleTime`).

use std::borrow::Cow;
use std::fmt::{self, Write as _};
use std::ops::RangeInclusive;

use base64::Engine as _;
use serde::de::Error as _;
use serde::ser::SerializeMap as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::auth::Secret;
use crate::error::InvalidInput;
use crate::open_enum::{int_enum, string_enum};
use crate::types::UidString;

// ---------------------------------------------------------------------------
// Rule helpers.

/// The dotted wire path of a nested field, from the body's top level
/// (`clientRequest.recordingConfig.layoutConfig[2].x_axis`), as errors
/// name it.
///
/// It is a chain of borrowed segments, written out only when an error is
/// made: checking a valid request allocates nothing.
#[derive(Debug, Clone, Copy)]
pub(super) struct FieldPath<'a> {
    parent: Option<&'a FieldPath<'a>>,
    segment: Segment<'a>,
}

#[derive(Debug, Clone, Copy)]
enum Segment<'a> {
    Name(&'a str),
    Index(usize),
}

impl<'a> FieldPath<'a> {
    /// A top-level member.
    pub(super) const fn root(name: &'a str) -> Self {
        FieldPath {
            parent: None,
            segment: Segment::Name(name),
        }
    }

    /// Element `index` of this list.
    fn index(&'a self, index: usize) -> FieldPath<'a> {
        FieldPath {
            parent: Some(self),
            segment: Segment::Index(index),
        }
    }
}

impl fmt::Display for FieldPath<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(parent) = self.parent {
            fmt::Display::fmt(parent, f)?;
        }
        match self.segment {
            Segment::Name(name) => {
                if self.parent.is_some() {
                    f.write_char('.')?;
                }
                f.write_str(name)
            }
            Segment::Index(index) => write!(f, "[{index}]"),
        }
    }
}

impl From<FieldPath<'_>> for Cow<'static, str> {
    fn from(path: FieldPath<'_>) -> Self {
        Cow::Owned(path.to_string())
    }
}

/// `parent.name`, the path of a nested field.
pub(super) fn at<'a>(parent: &'a FieldPath<'a>, name: &'a str) -> FieldPath<'a> {
    FieldPath {
        parent: Some(parent),
        segment: Segment::Name(name),
    }
}

/// Checks an optional number against a documented inclusive range.
fn check_range<T, P: Into<Cow<'static, str>>>(
    value: Option<T>,
    range: RangeInclusive<T>,
    field: impl FnOnce() -> P,
    unit: &str,
) -> Result<(), InvalidInput>
where
    T: PartialOrd + fmt::Display + Copy,
{
    match value {
        Some(value) if !range.contains(&value) => Err(InvalidInput::new(
            field(),
            format!(
                "must be from {} to {}{unit} (got {value})",
                range.start(),
                range.end()
            ),
        )),
        _ => Ok(()),
    }
}

/// The largest output resolution Agora accepts, in pixels (1920 × 1080).
const MAX_PIXELS: u64 = 1920 * 1080;

/// Checks `width × height` against 1920 × 1080.
fn check_resolution<P: Into<Cow<'static, str>>>(
    width: u32,
    height: u32,
    field: impl FnOnce() -> P,
    names: &str,
) -> Result<(), InvalidInput> {
    let pixels = u64::from(width) * u64::from(height);
    if pixels > MAX_PIXELS {
        return Err(InvalidInput::new(
            field(),
            format!(
                "{names} must be at most 1920 × 1080 ({MAX_PIXELS} pixels); got {width} × {height} ({pixels})"
            ),
        ));
    }
    Ok(())
}

/// What Agora accepts in a subscription list to mean every UID.
pub const ALL_STREAMS: &str = "#allstream#";

/// The most UIDs a subscription list may hold.
const MAX_SUBSCRIPTION_UIDS: usize = 32;

/// Checks a subscription list: at most 32 entries, each an integer UID
/// written as a string (or `#allstream#` where `allow_all`).
fn check_uid_list<P: Into<Cow<'static, str>>>(
    list: Option<&Vec<String>>,
    field: impl Fn() -> P,
    allow_all: bool,
) -> Result<(), InvalidInput> {
    let Some(list) = list else {
        return Ok(());
    };
    if list.len() > MAX_SUBSCRIPTION_UIDS {
        return Err(InvalidInput::new(
            field(),
            format!(
                "must hold at most {MAX_SUBSCRIPTION_UIDS} UIDs (got {})",
                list.len()
            ),
        ));
    }
    for uid in list {
        if allow_all && uid == ALL_STREAMS {
            continue;
        }
        if uid.parse::<UidString>().is_err() {
            let or_all = if allow_all { " or \"#allstream#\"" } else { "" };
            return Err(InvalidInput::new(
                field(),
                format!("{uid:?} is not an integer UID from 1 to 4294967295{or_all}"),
            ));
        }
    }
    Ok(())
}

/// Checks that a subscription list and its exclusion list are not both set.
fn check_exclusive(
    subscribe: Option<&Vec<String>>,
    unsubscribe: Option<&Vec<String>>,
    parent: &FieldPath<'_>,
    subscribe_name: &str,
    unsubscribe_name: &str,
) -> Result<(), InvalidInput> {
    if subscribe.is_some() && unsubscribe.is_some() {
        return Err(InvalidInput::new(
            at(parent, unsubscribe_name),
            format!("cannot be set together with {subscribe_name}"),
        ));
    }
    Ok(())
}

/// Writes a relative value (`0.0` to `1.0`) as Agora's examples do: whole
/// numbers as integers (`1`, not `1.0`), the rest as floats.
fn serialize_ratio<S: Serializer>(value: &f64, serializer: S) -> Result<S::Ok, S::Error> {
    if value.is_finite() && value.fract() == 0.0 && value.abs() <= 9_007_199_254_740_992.0 {
        // Exact: a whole number within f64's integer range.
        serializer.serialize_i64(*value as i64)
    } else {
        serializer.serialize_f64(*value)
    }
}

/// [`serialize_ratio`] for an optional value (only called when `Some`).
fn serialize_optional_ratio<S: Serializer>(
    value: &Option<f64>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match value {
        Some(value) => serialize_ratio(value, serializer),
        None => serializer.serialize_none(),
    }
}

/// Checks a relative value: finite and from 0 to 1.
fn check_ratio<P: Into<Cow<'static, str>>>(
    value: f64,
    field: impl FnOnce() -> P,
) -> Result<(), InvalidInput> {
    if !(0.0..=1.0).contains(&value) {
        return Err(InvalidInput::new(
            field(),
            format!("must be a relative value from 0 to 1 (got {value})"),
        ));
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// acquire.

/// The `clientRequest` of [`Acquire`](super::Acquire): settings of the
/// resource to acquire; every field is optional.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AcquireClientRequest {
    /// What the resource records: [`Scene::Rtc`] (default) for
    /// `individual` and `mix` modes, [`Scene::Web`] for `web` mode.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scene: Option<Scene>,
    /// For how many hours after `start` the session's REST calls (query,
    /// update, updateLayout, stop) are accepted: 1 to 720, default 72.
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
    /// availability; they must match `start`'s `clientRequest`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_parameter: Option<StartParameter>,
}

impl AcquireClientRequest {
    pub(super) fn check(&self, parent: &FieldPath<'_>) -> Result<(), InvalidInput> {
        check_range(
            self.resource_expired_hour,
            1..=720,
            || at(parent, "resourceExpiredHour"),
            " hours",
        )?;
        if let Some(start) = &self.start_parameter {
            start.check(&at(parent, "startParameter"))?;
        }
        Ok(())
    }
}

int_enum! {
    /// What a cloud recording resource records (`clientRequest.scene`).
    pub enum Scene {
        /// Real-time audio and video of an RTC channel (`individual` and
        /// `mix` modes).
        Rtc = 0,
        /// A web page (`web` mode).
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

// ---------------------------------------------------------------------------
// start (and acquire's startParameter).

/// The `clientRequest` of [`Start`](super::Start), also sent early as
/// `clientRequest.startParameter` of [`Acquire`](super::Acquire) (see
/// [`StartParameter`]).
///
/// Which parts apply depends on the mode: `recordingConfig` in
/// `individual` and `mix` modes (its `transcodingConfig` and
/// `audioProfile` in `mix` mode only, its `streamMode` in `individual`
/// mode only), `snapshotConfig` in `individual` mode only,
/// `extensionServiceConfig` in `web` mode only.
///
/// ```
/// use agora_api::cloud_recording::{
///     AvFileType, ChannelType, RecordingConfig, RecordingFileConfig, StartClientRequest,
///     StorageConfig, StorageVendor,
/// };
/// let request = StartClientRequest {
///     token: Some("007eJxT...".into()),
///     recording_config: Some(RecordingConfig {
///         max_idle_time: Some(30),
///         ..RecordingConfig::new(ChannelType::LiveBroadcasting)
///     }),
///     recording_file_config: Some(RecordingFileConfig {
///         av_file_type: Some(vec![AvFileType::Hls, AvFileType::Mp4]),
///     }),
///     ..StartClientRequest::new(StorageConfig::new(
///         StorageVendor::AmazonS3, 0, "bucket", "access-key", "secret-key",
///     ))
/// };
/// assert!(!format!("{request:?}").contains("secret-key"));
/// ```
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StartClientRequest {
    /// The RTC token the recorder joins the channel with, when the project
    /// uses an App Certificate (`individual` and `mix` modes). Tokens are
    /// not renewed during a recording: make it outlive the session. A
    /// secret.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub token: Option<Secret>,
    /// Where recorded files are uploaded.
    pub storage_config: StorageConfig,
    /// Which streams to subscribe to and how to record them
    /// (`individual` and `mix` modes).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recording_config: Option<RecordingConfig>,
    /// Which files to produce. Leave it out when only taking screenshots;
    /// set it in every other case.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recording_file_config: Option<RecordingFileConfig>,
    /// Screenshots (`individual` mode only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub snapshot_config: Option<SnapshotConfig>,
    /// Extension services: web page recording and pushing it to a CDN
    /// (`web` mode only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub extension_service_config: Option<ExtensionServiceConfig>,
}

/// The `clientRequest.startParameter` of [`Acquire`]: the same settings as
/// [`Start`]'s `clientRequest`, given early.
///
/// [`Acquire`]: super::Acquire
/// [`Start`]: super::Start
pub type StartParameter = StartClientRequest;

impl StartClientRequest {
    /// Settings with the storage only.
    pub fn new(storage_config: StorageConfig) -> Self {
        StartClientRequest {
            token: None,
            storage_config,
            recording_config: None,
            recording_file_config: None,
            snapshot_config: None,
            extension_service_config: None,
        }
    }

    pub(super) fn check(&self, parent: &FieldPath<'_>) -> Result<(), InvalidInput> {
        self.storage_config.check(&at(parent, "storageConfig"))?;
        let recording_at = at(parent, "recordingConfig");
        if let Some(recording) = &self.recording_config {
            recording.check(&recording_at)?;
        }
        if let Some(files) = &self.recording_file_config {
            files.check(&at(parent, "recordingFileConfig"))?;
        }
        if let Some(snapshot) = &self.snapshot_config {
            snapshot.check(&at(parent, "snapshotConfig"))?;
            if let Some(recording) = &self.recording_config {
                if recording.stream_types == Some(StreamTypes::Audio) {
                    return Err(InvalidInput::new(
                        at(&recording_at, "streamTypes"),
                        "must be 1 (video) or 2 (audio and video) when snapshotConfig is set",
                    ));
                }
                if recording.subscribe_audio_uids.is_some()
                    && recording.subscribe_video_uids.is_none()
                {
                    return Err(InvalidInput::new(
                        at(&recording_at, "subscribeVideoUids"),
                        "must be set when snapshotConfig and subscribeAudioUids are",
                    ));
                }
            }
        }
        if let Some(extensions) = &self.extension_service_config {
            extensions.check(&at(parent, "extensionServiceConfig"))?;
        }
        Ok(())
    }
}

// ---------------------------------------------------------------------------
// Storage.

/// Third-party cloud storage for the recorded files (`storageConfig`).
///
/// `region` is the provider's own region number: build it with a
/// provider's constructor ([`StorageConfig::amazon_s3`],
/// [`StorageConfig::alibaba_cloud`], ...) to pick it from that provider's
/// table, or with [`StorageConfig::new`] from the number.
///
/// ```
/// use agora_api::cloud_recording::{AmazonS3Region, StorageConfig, StorageVendor};
/// let storage = StorageConfig::amazon_s3(AmazonS3Region::EuCentral1, "bucket", "AKIA...", "secret");
/// assert_eq!(storage.vendor, StorageVendor::AmazonS3);
/// assert_eq!(storage.region, 7);
/// assert_eq!(format!("{:?}", storage.secret_key), "Secret(<redacted>)");
/// ```
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StorageConfig {
    /// The storage provider.
    pub vendor: StorageVendor,
    /// The provider's region number (Agora's "Third-party cloud storage
    /// regions" table; see the region enums such as [`AmazonS3Region`]).
    /// It should match where the request comes from. Microsoft Azure and
    /// Google Cloud ignore it.
    pub region: u32,
    /// The bucket, named by the provider's rules.
    pub bucket: String,
    /// The access key.
    pub access_key: String,
    /// The secret key. A secret.
    pub secret_key: Secret,
    /// A temporary token from the provider's Security Token Service
    /// (Amazon S3, Alibaba Cloud and Tencent Cloud only). A secret.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sts_token: Option<Secret>,
    /// When `sts_token` expires, in Unix seconds. For recordings over an
    /// hour, get a new token every 60 minutes and send it with
    /// [`Update`](super::Update).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sts_expiration: Option<u64>,
    /// Directories the files go in: `["a", "b"]` makes `a/b/`. ASCII
    /// letters and digits only, 128 characters in all with the slashes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file_name_prefix: Option<Vec<String>>,
    /// Encryption, tagging and the S3-compatible endpoint.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub extension_params: Option<StorageExtensionParams>,
}

impl StorageConfig {
    /// Storage with the required settings, `region` as the provider's
    /// number.
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

    /// Amazon S3 storage in `region`.
    pub fn amazon_s3(
        region: AmazonS3Region,
        bucket: impl Into<String>,
        access_key: impl Into<String>,
        secret_key: impl Into<Secret>,
    ) -> Self {
        let region = region_number(region.value());
        StorageConfig::new(
            StorageVendor::AmazonS3,
            region,
            bucket,
            access_key,
            secret_key,
        )
    }

    /// Alibaba Cloud storage in `region`.
    pub fn alibaba_cloud(
        region: AlibabaCloudRegion,
        bucket: impl Into<String>,
        access_key: impl Into<String>,
        secret_key: impl Into<Secret>,
    ) -> Self {
        let region = region_number(region.value());
        StorageConfig::new(
            StorageVendor::AlibabaCloud,
            region,
            bucket,
            access_key,
            secret_key,
        )
    }

    /// Tencent Cloud storage in `region`.
    pub fn tencent_cloud(
        region: TencentCloudRegion,
        bucket: impl Into<String>,
        access_key: impl Into<String>,
        secret_key: impl Into<Secret>,
    ) -> Self {
        let region = region_number(region.value());
        StorageConfig::new(
            StorageVendor::TencentCloud,
            region,
            bucket,
            access_key,
            secret_key,
        )
    }

    /// Microsoft Azure storage (Azure takes no region; `0` is sent).
    pub fn microsoft_azure(
        bucket: impl Into<String>,
        access_key: impl Into<String>,
        secret_key: impl Into<Secret>,
    ) -> Self {
        StorageConfig::new(
            StorageVendor::MicrosoftAzure,
            0,
            bucket,
            access_key,
            secret_key,
        )
    }

    /// Google Cloud storage (Google Cloud takes no region; `0` is sent).
    pub fn google_cloud(
        bucket: impl Into<String>,
        access_key: impl Into<String>,
        secret_key: impl Into<Secret>,
    ) -> Self {
        StorageConfig::new(
            StorageVendor::GoogleCloud,
            0,
            bucket,
            access_key,
            secret_key,
        )
    }

    /// Huawei Cloud storage in `region`.
    pub fn huawei_cloud(
        region: HuaweiCloudRegion,
        bucket: impl Into<String>,
        access_key: impl Into<String>,
        secret_key: impl Into<Secret>,
    ) -> Self {
        let region = region_number(region.value());
        StorageConfig::new(
            StorageVendor::HuaweiCloud,
            region,
            bucket,
            access_key,
            secret_key,
        )
    }

    /// Baidu AI Cloud storage in `region`.
    pub fn baidu_ai_cloud(
        region: BaiduAiCloudRegion,
        bucket: impl Into<String>,
        access_key: impl Into<String>,
        secret_key: impl Into<Secret>,
    ) -> Self {
        let region = region_number(region.value());
        StorageConfig::new(
            StorageVendor::BaiduAiCloud,
            region,
            bucket,
            access_key,
            secret_key,
        )
    }

    /// S3-compatible storage at `endpoint` (the storage's domain name),
    /// with the provider's `region` number.
    pub fn s3_compatible(
        endpoint: impl Into<String>,
        region: u32,
        bucket: impl Into<String>,
        access_key: impl Into<String>,
        secret_key: impl Into<Secret>,
    ) -> Self {
        StorageConfig {
            extension_params: Some(StorageExtensionParams {
                sse: None,
                tag: None,
                endpoint: Some(endpoint.into()),
            }),
            ..StorageConfig::new(
                StorageVendor::S3Compatible,
                region,
                bucket,
                access_key,
                secret_key,
            )
        }
    }

    pub(super) fn check(&self, parent: &FieldPath<'_>) -> Result<(), InvalidInput> {
        if let Some(prefix) = &self.file_name_prefix {
            let field = || at(parent, "fileNamePrefix");
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
        if self.sts_token.is_some()
            && matches!(
                self.vendor,
                StorageVendor::MicrosoftAzure
                    | StorageVendor::GoogleCloud
                    | StorageVendor::HuaweiCloud
                    | StorageVendor::BaiduAiCloud
                    | StorageVendor::S3Compatible
            )
        {
            return Err(InvalidInput::new(
                at(parent, "stsToken"),
                format!(
                    "is supported only for Amazon S3 (1), Alibaba Cloud (2) and Tencent Cloud (3), not vendor {}",
                    self.vendor.value()
                ),
            ));
        }
        let endpoint = self
            .extension_params
            .as_ref()
            .and_then(|params| params.endpoint.as_deref());
        if self.vendor == StorageVendor::S3Compatible && endpoint.is_none_or(str::is_empty) {
            return Err(InvalidInput::new(
                at(&at(parent, "extensionParams"), "endpoint"),
                "is required when vendor is 11 (S3-compatible storage)",
            ));
        }
        Ok(())
    }
}

/// A region enum's number for `storageConfig.region`; a value that cannot
/// be one (negative or past `u32`) becomes `u32::MAX`, which Agora rejects
/// like any unknown region.
fn region_number(value: i64) -> u32 {
    u32::try_from(value).unwrap_or(u32::MAX)
}

int_enum! {
    /// A cloud storage provider (`storageConfig.vendor`).
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
        /// An S3-compatible service (set `extensionParams.endpoint`).
        S3Compatible = 11,
    }
}

int_enum! {
    /// An Amazon S3 region (`storageConfig.region` with vendor 1).
    pub enum AmazonS3Region {
        /// `us-east-1`.
        UsEast1 = 0,
        /// `us-east-2`.
        UsEast2 = 1,
        /// `us-west-1`.
        UsWest1 = 2,
        /// `us-west-2`.
        UsWest2 = 3,
        /// `eu-west-1`.
        EuWest1 = 4,
        /// `eu-west-2`.
        EuWest2 = 5,
        /// `eu-west-3`.
        EuWest3 = 6,
        /// `eu-central-1`.
        EuCentral1 = 7,
        /// `ap-southeast-1`.
        ApSoutheast1 = 8,
        /// `ap-southeast-2`.
        ApSoutheast2 = 9,
        /// `ap-northeast-1`.
        ApNortheast1 = 10,
        /// `ap-northeast-2`.
        ApNortheast2 = 11,
        /// `sa-east-1`.
        SaEast1 = 12,
        /// `ca-central-1`.
        CaCentral1 = 13,
        /// `ap-south-1`.
        ApSouth1 = 14,
        /// `cn-north-1`.
        CnNorth1 = 15,
        /// `cn-northwest-1`.
        CnNorthwest1 = 16,
        /// `af-south-1`.
        AfSouth1 = 18,
        /// `ap-east-1`.
        ApEast1 = 19,
        /// `ap-northeast-3`.
        ApNortheast3 = 20,
        /// `eu-north-1`.
        EuNorth1 = 21,
        /// `me-south-1`.
        MeSouth1 = 22,
        /// `ap-southeast-3`.
        ApSoutheast3 = 24,
        /// `eu-south-1`.
        EuSouth1 = 25,
    }
}

int_enum! {
    /// An Alibaba Cloud region (`storageConfig.region` with vendor 2).
    pub enum AlibabaCloudRegion {
        /// China (Hangzhou).
        CnHangzhou = 0,
        /// China (Shanghai).
        CnShanghai = 1,
        /// China (Qingdao).
        CnQingdao = 2,
        /// China (Beijing).
        CnBeijing = 3,
        /// China (Zhangjiakou).
        CnZhangjiakou = 4,
        /// China (Hohhot).
        CnHuhehaote = 5,
        /// China (Shenzhen).
        CnShenzhen = 6,
        /// China (Hong Kong).
        CnHongkong = 7,
        /// US (Silicon Valley), `us-west-1`.
        UsWest1 = 8,
        /// US (Virginia), `us-east-1`.
        UsEast1 = 9,
        /// Singapore, `ap-southeast-1`.
        ApSoutheast1 = 10,
        /// Australia (Sydney), `ap-southeast-2`.
        ApSoutheast2 = 11,
        /// Malaysia (Kuala Lumpur), `ap-southeast-3`.
        ApSoutheast3 = 12,
        /// Indonesia (Jakarta), `ap-southeast-5`.
        ApSoutheast5 = 13,
        /// Japan (Tokyo), `ap-northeast-1`.
        ApNortheast1 = 14,
        /// India (Mumbai), `ap-south-1`.
        ApSouth1 = 15,
        /// Germany (Frankfurt), `eu-central-1`.
        EuCentral1 = 16,
        /// UK (London), `eu-west-1`.
        EuWest1 = 17,
        /// UAE (Dubai), `me-east-1` (Agora's table: `EU_East_1`).
        EuEast1 = 18,
        /// Philippines (Manila), `ap-southeast-6`.
        ApSoutheast6 = 19,
        /// China (Heyuan).
        CnHeyuan = 20,
        /// China (Guangzhou).
        CnGuangzhou = 21,
        /// China (Chengdu).
        CnChengdu = 22,
        /// China (Nanjing).
        CnNanjing = 23,
        /// China (Fuzhou).
        CnFuzhou = 24,
        /// China (Ulanqab).
        CnWulanchabu = 25,
        /// Agora's `CN_Northeast_2`.
        CnNortheast2 = 26,
        /// Agora's `CN_Southeast_7`.
        CnSoutheast7 = 27,
    }
}

int_enum! {
    /// A Tencent Cloud region (`storageConfig.region` with vendor 3).
    pub enum TencentCloudRegion {
        /// Agora's `AP_Beijing_1`.
        ApBeijing1 = 0,
        /// Beijing.
        ApBeijing = 1,
        /// Shanghai.
        ApShanghai = 2,
        /// Guangzhou.
        ApGuangzhou = 3,
        /// Chengdu.
        ApChengdu = 4,
        /// Chongqing.
        ApChongqing = 5,
        /// Shenzhen Finance.
        ApShenzhenFsi = 6,
        /// Shanghai Finance.
        ApShanghaiFsi = 7,
        /// Beijing Finance.
        ApBeijingFsi = 8,
        /// Hong Kong.
        ApHongkong = 9,
        /// Singapore.
        ApSingapore = 10,
        /// Mumbai.
        ApMumbai = 11,
        /// Seoul.
        ApSeoul = 12,
        /// Bangkok.
        ApBangkok = 13,
        /// Tokyo.
        ApTokyo = 14,
        /// Silicon Valley.
        NaSiliconvalley = 15,
        /// Virginia (Ashburn).
        NaAshburn = 16,
        /// Toronto.
        NaToronto = 17,
        /// Frankfurt.
        EuFrankfurt = 18,
        /// Moscow.
        EuMoscow = 19,
    }
}

int_enum! {
    /// A Huawei Cloud region (`storageConfig.region` with vendor 7).
    pub enum HuaweiCloudRegion {
        /// `cn-north-1`.
        CnNorth1 = 0,
        /// `cn-north-4`.
        CnNorth4 = 1,
        /// `cn-east-2`.
        CnEast2 = 2,
        /// `cn-east-3`.
        CnEast3 = 3,
        /// `cn-south-1`.
        CnSouth1 = 4,
        /// `cn-southwest-2`.
        CnSouthwest2 = 5,
        /// `ap-southeast-1`.
        ApSoutheast1 = 6,
        /// `ap-southeast-2`.
        ApSoutheast2 = 7,
        /// `ap-southeast-3`.
        ApSoutheast3 = 8,
        /// `af-south-1`.
        AfSouth1 = 9,
        /// `sa-argentina-1`.
        SaArgentina1 = 10,
        /// `sa-peru-1`.
        SaPeru1 = 11,
        /// `na-mexico-1`.
        NaMexico1 = 12,
        /// `sa-brazil-1`.
        SaBrazil1 = 13,
        /// `la-south-2`.
        LaSouth2 = 14,
        /// `sa-chile-1`.
        SaChile1 = 15,
    }
}

int_enum! {
    /// A Baidu AI Cloud region (`storageConfig.region` with vendor 8).
    pub enum BaiduAiCloudRegion {
        /// Baoding.
        Baoding = 1,
        /// Suzhou.
        Suzhou = 2,
        /// Guangzhou.
        Guangzhou = 3,
        /// Hong Kong.
        Hongkong = 4,
        /// Singapore.
        Singapore = 5,
        /// Wuhan.
        Wuhan = 6,
        /// Shanghai.
        Shanghai = 7,
    }
}

/// Encryption and tagging the storage applies to uploaded files, and the
/// domain of S3-compatible storage (`storageConfig.extensionParams`).
///
/// Agora marks `sse` and `tag` required, yet each applies to some
/// providers only (and S3-compatible storage needs only `endpoint`), so
/// every member is optional here; set what your provider uses.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct StorageExtensionParams {
    /// Server-side encryption (Amazon S3).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sse: Option<ServerSideEncryption>,
    /// A tag for the uploaded files (Alibaba Cloud, Amazon S3).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tag: Option<String>,
    /// The domain name of S3-compatible storage; required with vendor 11.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub endpoint: Option<String>,
}

impl StorageExtensionParams {
    /// Encryption mode and tag, as Agora documents them for Amazon S3.
    pub fn new(sse: impl Into<ServerSideEncryption>, tag: impl Into<String>) -> Self {
        StorageExtensionParams {
            sse: Some(sse.into()),
            tag: Some(tag.into()),
            endpoint: None,
        }
    }
}

string_enum! {
    /// Server-side encryption of uploaded files (Amazon S3).
    pub enum ServerSideEncryption {
        /// KMS encryption.
        Kms = "kms",
        /// AES-256 encryption.
        Aes256 = "aes256",
    }
}

// ---------------------------------------------------------------------------
// Recording.

/// Which streams to subscribe to and how to record them
/// (`recordingConfig`; `individual` and `mix` modes).
///
/// A subscription list and its exclusion list (`subscribeAudioUids` and
/// `unsubscribeAudioUids`, same for video) cannot both be set; each holds
/// at most 32 integer UIDs as strings, or [`ALL_STREAMS`] to subscribe to
/// everyone. The exclusion lists are sent as `unsubscribeAudioUids` /
/// `unsubscribeVideoUids` (Agora's reference spelling) and decoded from
/// either that or the `unSubscribe...` spelling of Agora's guides and
/// clients.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RecordingConfig {
    /// The channel profile; it must match the one the RTC SDK uses.
    pub channel_type: ChannelType,
    /// How the channel's media is encrypted, when it is (default none).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub decryption_mode: Option<DecryptionMode>,
    /// The encryption key; required unless `decryption_mode` is none. A
    /// secret.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub secret: Option<Secret>,
    /// The encryption salt, Base64 of 32 bytes; required with the GCM2
    /// modes (7 and 8).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub salt: Option<String>,
    /// Seconds the channel may stay idle before the recorder leaves: 5 to
    /// 2 592 000 (30 days), default 30.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_idle_time: Option<u32>,
    /// Audio, video or both (default both).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stream_types: Option<StreamTypes>,
    /// High or low stream when senders use dual streams (default high).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub video_stream_type: Option<VideoStreamType>,
    /// Audio streams to record: at most 32 UIDs, or `["#allstream#"]`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subscribe_audio_uids: Option<Vec<String>>,
    /// Audio streams not to record (every other one is): at most 32 UIDs.
    #[serde(
        skip_serializing_if = "Option::is_none",
        alias = "unSubscribeAudioUids"
    )]
    pub unsubscribe_audio_uids: Option<Vec<String>>,
    /// Video streams to record: at most 32 UIDs, or `["#allstream#"]`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subscribe_video_uids: Option<Vec<String>>,
    /// Video streams not to record (every other one is): at most 32 UIDs.
    #[serde(
        skip_serializing_if = "Option::is_none",
        alias = "unSubscribeVideoUids"
    )]
    pub unsubscribe_video_uids: Option<Vec<String>>,
    /// The expected peak number of subscribed UIDs; required in
    /// `individual` mode.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subscribe_uid_group: Option<SubscribeUidGroup>,
    /// The output of `individual` mode (default [`StreamMode::Default`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stream_mode: Option<StreamMode>,
    /// The audio output of `mix` mode (default 48 kHz mono ~48 Kbps).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub audio_profile: Option<AudioProfile>,
    /// The mixed video of `mix` mode.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub transcoding_config: Option<TranscodingConfig>,
}

impl RecordingConfig {
    /// Settings for a channel of `channel_type`, every other one Agora's
    /// default.
    pub fn new(channel_type: ChannelType) -> Self {
        RecordingConfig {
            channel_type,
            decryption_mode: None,
            secret: None,
            salt: None,
            max_idle_time: None,
            stream_types: None,
            video_stream_type: None,
            subscribe_audio_uids: None,
            unsubscribe_audio_uids: None,
            subscribe_video_uids: None,
            unsubscribe_video_uids: None,
            subscribe_uid_group: None,
            stream_mode: None,
            audio_profile: None,
            transcoding_config: None,
        }
    }

    pub(super) fn check(&self, parent: &FieldPath<'_>) -> Result<(), InvalidInput> {
        check_range(
            self.max_idle_time,
            5..=2_592_000,
            || at(parent, "maxIdleTime"),
            " seconds",
        )?;
        if let Some(SubscribeUidGroup::Other(group)) = self.subscribe_uid_group {
            return Err(InvalidInput::new(
                at(parent, "subscribeUidGroup"),
                format!("must be from 0 to 5 (got {group})"),
            ));
        }
        self.check_decryption(parent)?;
        check_exclusive(
            self.subscribe_audio_uids.as_ref(),
            self.unsubscribe_audio_uids.as_ref(),
            parent,
            "subscribeAudioUids",
            "unsubscribeAudioUids",
        )?;
        check_exclusive(
            self.subscribe_video_uids.as_ref(),
            self.unsubscribe_video_uids.as_ref(),
            parent,
            "subscribeVideoUids",
            "unsubscribeVideoUids",
        )?;
        check_uid_list(
            self.subscribe_audio_uids.as_ref(),
            || at(parent, "subscribeAudioUids"),
            true,
        )?;
        check_uid_list(
            self.unsubscribe_audio_uids.as_ref(),
            || at(parent, "unsubscribeAudioUids"),
            false,
        )?;
        check_uid_list(
            self.subscribe_video_uids.as_ref(),
            || at(parent, "subscribeVideoUids"),
            true,
        )?;
        check_uid_list(
            self.unsubscribe_video_uids.as_ref(),
            || at(parent, "unsubscribeVideoUids"),
            false,
        )?;
        if let Some(transcoding) = &self.transcoding_config {
            transcoding.check(&at(parent, "transcodingConfig"))?;
        }
        Ok(())
    }

    fn check_decryption(&self, parent: &FieldPath<'_>) -> Result<(), InvalidInput> {
        let mode = self.decryption_mode.unwrap_or(DecryptionMode::None);
        if mode != DecryptionMode::None && self.secret.is_none() {
            return Err(InvalidInput::new(
                at(parent, "secret"),
                format!(
                    "is required when decryptionMode is not 0 (got {})",
                    mode.value()
                ),
            ));
        }
        if matches!(
            mode,
            DecryptionMode::Aes128Gcm2 | DecryptionMode::Aes256Gcm2
        ) && self.salt.is_none()
        {
            return Err(InvalidInput::new(
                at(parent, "salt"),
                format!(
                    "is required when decryptionMode is 7 or 8 (got {})",
                    mode.value()
                ),
            ));
        }
        if let Some(salt) = &self.salt {
            let decoded = base64::engine::general_purpose::STANDARD.decode(salt);
            match decoded {
                Ok(bytes) if bytes.len() == 32 => {}
                Ok(bytes) => {
                    return Err(InvalidInput::new(
                        at(parent, "salt"),
                        format!("must be Base64 of 32 bytes (got {} bytes)", bytes.len()),
                    ));
                }
                Err(_) => {
                    return Err(InvalidInput::new(
                        at(parent, "salt"),
                        "must be Base64 of 32 bytes (it is not Base64)",
                    ));
                }
            }
        }
        Ok(())
    }
}

int_enum! {
    /// The channel profile (`recordingConfig.channelType`).
    pub enum ChannelType {
        /// Communication (default).
        Communication = 0,
        /// Live broadcasting.
        LiveBroadcasting = 1,
    }
}

int_enum! {
    /// How the channel's media is encrypted (`recordingConfig.decryptionMode`).
    pub enum DecryptionMode {
        /// Not encrypted (default).
        None = 0,
        /// AES-128, XTS mode.
        Aes128Xts = 1,
        /// AES-128, ECB mode.
        Aes128Ecb = 2,
        /// AES-256, XTS mode.
        Aes256Xts = 3,
        /// SM4-128, ECB mode.
        Sm4128Ecb = 4,
        /// AES-128, GCM mode.
        Aes128Gcm = 5,
        /// AES-256, GCM mode.
        Aes256Gcm = 6,
        /// AES-128, GCM2 mode (needs `secret` and `salt`).
        Aes128Gcm2 = 7,
        /// AES-256, GCM2 mode (needs `secret` and `salt`).
        Aes256Gcm2 = 8,
    }
}

int_enum! {
    /// Which media to subscribe to (`recordingConfig.streamTypes`).
    pub enum StreamTypes {
        /// Audio only.
        Audio = 0,
        /// Video only.
        Video = 1,
        /// Audio and video (default).
        AudioAndVideo = 2,
    }
}

int_enum! {
    /// Which stream of a dual-stream sender to subscribe to
    /// (`recordingConfig.videoStreamType`).
    pub enum VideoStreamType {
        /// The high-quality stream (default).
        High = 0,
        /// The low-quality stream.
        Low = 1,
    }
}

int_enum! {
    /// The expected peak number of subscribed UIDs
    /// (`recordingConfig.subscribeUidGroup`), counting each UID once
    /// whether its audio, video or both are recorded.
    pub enum SubscribeUidGroup {
        /// 1 or 2 UIDs.
        UpTo2 = 0,
        /// 3 to 7 UIDs.
        UpTo7 = 1,
        /// 8 to 12 UIDs.
        UpTo12 = 2,
        /// 13 to 17 UIDs.
        UpTo17 = 3,
        /// 18 to 32 UIDs.
        UpTo32 = 4,
        /// 33 to 49 UIDs.
        UpTo49 = 5,
    }
}

string_enum! {
    /// The output of `individual` mode (`recordingConfig.streamMode`).
    pub enum StreamMode {
        /// Separate M3U8 audio and video index files, audio transcoded
        /// (default).
        Default = "default",
        /// Separate audio and video index files plus a merged one (an MPD
        /// file for VP8 web senders).
        Standard = "standard",
        /// Audio only (`streamTypes` 0), not transcoded: an M3U8 audio
        /// index file.
        Original = "original",
    }
}

int_enum! {
    /// Audio sample rate, bitrate, encoding and channels
    /// (`recordingConfig.audioProfile`, web page `serviceParam.audioProfile`).
    pub enum AudioProfile {
        /// 48 kHz, music encoding, mono, about 48 Kbps (default).
        MusicStandard = 0,
        /// 48 kHz, music encoding, mono, about 128 Kbps.
        MusicHighQuality = 1,
        /// 48 kHz, music encoding, stereo, about 192 Kbps.
        MusicHighQualityStereo = 2,
    }
}

impl AudioProfile {
    fn check<P: Into<Cow<'static, str>>>(
        self,
        field: impl FnOnce() -> P,
    ) -> Result<(), InvalidInput> {
        if let AudioProfile::Other(profile) = self {
            return Err(InvalidInput::new(
                field(),
                format!("must be 0, 1 or 2 (got {profile})"),
            ));
        }
        Ok(())
    }
}

// ---------------------------------------------------------------------------
// Transcoding and layout (mix mode).

/// The mixed video of `mix` mode (`recordingConfig.transcodingConfig`):
/// its profile and its layout.
///
/// `width × height` may be at most 1920 × 1080 (default 360 × 640, 15 fps,
/// 500 Kbps). The layout rules are those of [`UpdateLayoutClientRequest`].
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TranscodingConfig {
    /// Width in pixels (default 360).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub width: Option<u32>,
    /// Height in pixels (default 640).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub height: Option<u32>,
    /// Frame rate (default 15).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fps: Option<u32>,
    /// Bitrate in Kbps (default 500).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bitrate: Option<u32>,
    /// The UID in the large window; required with
    /// [`MixedVideoLayout::Vertical`].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_resolution_uid: Option<UidString>,
    /// The layout (default [`MixedVideoLayout::Floating`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mixed_video_layout: Option<MixedVideoLayout>,
    /// The canvas colour, `#RRGGBB` (default `#000000`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub background_color: Option<String>,
    /// The URL of a canvas image, scaled and cropped to fill it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub background_image: Option<String>,
    /// The URL of the image shown for a user who stops sending video for
    /// over 3.5 seconds (unless `background_config` sets one).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default_user_background_image: Option<String>,
    /// The regions of [`MixedVideoLayout::Custom`]: at most 17.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub layout_config: Option<Vec<LayoutRegion>>,
    /// Per-user background images.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub background_config: Option<Vec<UserBackground>>,
}

impl TranscodingConfig {
    fn check(&self, parent: &FieldPath<'_>) -> Result<(), InvalidInput> {
        if self.width.is_some() || self.height.is_some() {
            check_resolution(
                self.width.unwrap_or(360),
                self.height.unwrap_or(640),
                || at(parent, "width"),
                "width × height",
            )?;
        }
        check_layout(
            parent,
            Layout {
                mixed_video_layout: self.mixed_video_layout,
                max_resolution_uid: self.max_resolution_uid.as_ref(),
                background_color: self.background_color.as_deref(),
                layout_config: self.layout_config.as_deref(),
                background_config: self.background_config.as_deref(),
            },
        )
    }
}

/// The layout members shared by `transcodingConfig` and `updateLayout`.
struct Layout<'a> {
    mixed_video_layout: Option<MixedVideoLayout>,
    max_resolution_uid: Option<&'a UidString>,
    background_color: Option<&'a str>,
    layout_config: Option<&'a [LayoutRegion]>,
    background_config: Option<&'a [UserBackground]>,
}

/// The most regions a custom layout may have.
const MAX_LAYOUT_REGIONS: usize = 17;

fn check_layout(parent: &FieldPath<'_>, layout: Layout<'_>) -> Result<(), InvalidInput> {
    if layout.mixed_video_layout == Some(MixedVideoLayout::Vertical)
        && layout.max_resolution_uid.is_none()
    {
        return Err(InvalidInput::new(
            at(parent, "maxResolutionUid"),
            "is required when mixedVideoLayout is 2 (vertical)",
        ));
    }
    if let Some(color) = layout.background_color {
        let hex = color.strip_prefix('#').unwrap_or("");
        if hex.len() != 6 || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
            return Err(InvalidInput::new(
                at(parent, "backgroundColor"),
                format!("must be an RGB hex colour such as \"#FF0000\" (got {color:?})"),
            ));
        }
    }
    if let Some(regions) = layout.layout_config {
        let field = at(parent, "layoutConfig");
        if regions.len() > MAX_LAYOUT_REGIONS {
            return Err(InvalidInput::new(
                field,
                format!(
                    "must hold at most {MAX_LAYOUT_REGIONS} regions (got {})",
                    regions.len()
                ),
            ));
        }
        for (index, region) in regions.iter().enumerate() {
            region.check(&field.index(index))?;
        }
    }
    if let Some(backgrounds) = layout.background_config {
        let field = at(parent, "backgroundConfig");
        for (index, background) in backgrounds.iter().enumerate() {
            if !background
                .image_url
                .get(..8)
                .is_some_and(|scheme| scheme.eq_ignore_ascii_case("https://"))
            {
                return Err(InvalidInput::new(
                    at(&field.index(index), "image_url"),
                    "must be an HTTPS URL",
                ));
            }
        }
    }
    Ok(())
}

int_enum! {
    /// How `mix` mode lays out the users (`mixedVideoLayout`).
    pub enum MixedVideoLayout {
        /// The first user fills the canvas; up to 16 more float in small
        /// windows above it (default).
        Floating = 0,
        /// Equal windows sized to the number of users, up to 17.
        BestFit = 1,
        /// `maxResolutionUid` large on the left, up to 16 more in two
        /// columns on the right.
        Vertical = 2,
        /// The regions of `layoutConfig`.
        Custom = 3,
    }
}

/// One region of a custom layout (`layoutConfig[]`). Positions and sizes
/// are relative to the canvas, from 0 to 1.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LayoutRegion {
    /// The user shown here; without one, regions go to users in the order
    /// they join.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub uid: Option<UidString>,
    /// The left edge, from 0 (left) to 1 (right).
    #[serde(serialize_with = "serialize_ratio")]
    pub x_axis: f64,
    /// The top edge, from 0 (top) to 1 (bottom).
    #[serde(serialize_with = "serialize_ratio")]
    pub y_axis: f64,
    /// The width, from 0 to 1.
    #[serde(serialize_with = "serialize_ratio")]
    pub width: f64,
    /// The height, from 0 to 1.
    #[serde(serialize_with = "serialize_ratio")]
    pub height: f64,
    /// Opacity, from 0 (transparent) to 1 (opaque, default).
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "serialize_optional_ratio",
        default
    )]
    pub alpha: Option<f64>,
    /// How the video fills the region (default cropped).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub render_mode: Option<RenderMode>,
}

impl LayoutRegion {
    /// A region at `(x_axis, y_axis)` of `width × height`, relative to the
    /// canvas.
    pub fn new(x_axis: f64, y_axis: f64, width: f64, height: f64) -> Self {
        LayoutRegion {
            uid: None,
            x_axis,
            y_axis,
            width,
            height,
            alpha: None,
            render_mode: None,
        }
    }

    fn check(&self, parent: &FieldPath<'_>) -> Result<(), InvalidInput> {
        check_ratio(self.x_axis, || at(parent, "x_axis"))?;
        check_ratio(self.y_axis, || at(parent, "y_axis"))?;
        check_ratio(self.width, || at(parent, "width"))?;
        check_ratio(self.height, || at(parent, "height"))?;
        if let Some(alpha) = self.alpha {
            check_ratio(alpha, || at(parent, "alpha"))?;
        }
        Ok(())
    }
}

int_enum! {
    /// How a video or image fills its window (`render_mode`).
    pub enum RenderMode {
        /// Scaled to fill the window, edges cropped (default).
        Cropped = 0,
        /// Scaled to fit inside the window, with black bars.
        Fit = 1,
    }
}

/// A user's background image (`backgroundConfig[]`), shown when the user
/// stops sending video for over 3.5 seconds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UserBackground {
    /// The user.
    pub uid: UidString,
    /// The image: an HTTPS URL of a JPG or BMP file of at most 6 MB.
    pub image_url: String,
    /// How the image fills the window (default cropped).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub render_mode: Option<RenderMode>,
}

impl UserBackground {
    /// `image_url` behind `uid`.
    pub fn new(uid: UidString, image_url: impl Into<String>) -> Self {
        UserBackground {
            uid,
            image_url: image_url.into(),
            render_mode: None,
        }
    }
}

// ---------------------------------------------------------------------------
// Recorded files and screenshots.

/// Which recorded files to produce (`recordingFileConfig`).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RecordingFileConfig {
    /// File types: `["hls"]` (default) or, in `mix` and `web` modes,
    /// `["hls", "mp4"]`; `["mp4"]` alone is an error.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub av_file_type: Option<Vec<AvFileType>>,
}

impl RecordingFileConfig {
    fn check(&self, parent: &FieldPath<'_>) -> Result<(), InvalidInput> {
        if let Some(types) = &self.av_file_type
            && types.contains(&AvFileType::Mp4)
            && !types.contains(&AvFileType::Hls)
        {
            return Err(InvalidInput::new(
                at(parent, "avFileType"),
                "must include \"hls\" with \"mp4\": [\"hls\", \"mp4\"]",
            ));
        }
        Ok(())
    }
}

string_enum! {
    /// A recorded file type (`recordingFileConfig.avFileType[]`).
    pub enum AvFileType {
        /// M3U8 and TS files.
        Hls = "hls",
        /// MP4 files.
        Mp4 = "mp4",
    }
}

/// Screenshots (`snapshotConfig`; `individual` mode only). `streamTypes`
/// must then be video or audio and video, and `subscribeVideoUids` must be
/// set if `subscribeAudioUids` is.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SnapshotConfig {
    /// Seconds between screenshots: 5 to 3600, default 10.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub capture_interval: Option<u32>,
    /// The file format: `["jpg"]`, the only one supported.
    pub file_type: Vec<SnapshotFileType>,
}

impl Default for SnapshotConfig {
    /// JPG screenshots every 10 seconds.
    fn default() -> Self {
        SnapshotConfig {
            capture_interval: None,
            file_type: vec![SnapshotFileType::Jpg],
        }
    }
}

impl SnapshotConfig {
    fn check(&self, parent: &FieldPath<'_>) -> Result<(), InvalidInput> {
        check_range(
            self.capture_interval,
            5..=3600,
            || at(parent, "captureInterval"),
            " seconds",
        )?;
        if self.file_type.is_empty() {
            return Err(InvalidInput::new(
                at(parent, "fileType"),
                "must not be empty: use [\"jpg\"]",
            ));
        }
        Ok(())
    }
}

string_enum! {
    /// A screenshot file format (`snapshotConfig.fileType[]`).
    pub enum SnapshotFileType {
        /// JPG.
        Jpg = "jpg",
    }
}

// ---------------------------------------------------------------------------
// Extension services (web mode).

/// The extension services of `web` mode (`extensionServiceConfig`): web
/// page recording, and pushing it to a CDN.
///
/// ```
/// use agora_api::cloud_recording::{
///     AudioProfile, ExtensionService, ExtensionServiceConfig, RtmpOutput, WebRecorderParam,
/// };
/// let config = ExtensionServiceConfig::new(vec![
///     ExtensionService::web_recorder(WebRecorderParam::new(
///         "https://example.com/class/42", AudioProfile::MusicStandard, 1280, 720, 3,
///     )),
///     ExtensionService::rtmp_publish(vec![RtmpOutput::new("rtmp://cdn.example.com/live/42")]),
/// ]);
/// let json = serde_json::to_value(&config)?;
/// assert_eq!(json["extensionServices"][1]["serviceName"], "rtmp_publish_service");
/// assert_eq!(json["extensionServices"][0]["serviceParam"]["videoWidth"], 1280);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ExtensionServiceConfig {
    /// What an extension service's error does to the rest: only
    /// [`ErrorHandlePolicy::ErrorAbort`] (the default) is supported here.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error_handle_policy: Option<ErrorHandlePolicy>,
    /// The services.
    pub extension_services: Vec<ExtensionService>,
}

impl ExtensionServiceConfig {
    /// The `services`, with the default error policy.
    pub fn new(services: Vec<ExtensionService>) -> Self {
        ExtensionServiceConfig {
            error_handle_policy: None,
            extension_services: services,
        }
    }

    fn check(&self, parent: &FieldPath<'_>) -> Result<(), InvalidInput> {
        if self.error_handle_policy == Some(ErrorHandlePolicy::ErrorIgnore) {
            return Err(InvalidInput::new(
                at(parent, "errorHandlePolicy"),
                "only \"error_abort\" is supported for the whole configuration",
            ));
        }
        let field = at(parent, "extensionServices");
        for (index, service) in self.extension_services.iter().enumerate() {
            service.check(&field.index(index))?;
        }
        Ok(())
    }
}

string_enum! {
    /// What an extension service's error does (`errorHandlePolicy`).
    pub enum ErrorHandlePolicy {
        /// Stop the other services too (default for web page recording).
        ErrorAbort = "error_abort",
        /// Leave the other services running (default for CDN push).
        ErrorIgnore = "error_ignore",
    }
}

/// One extension service (`extensionServices[]`): its name on the wire
/// (`serviceName`) follows from its [`ServiceParam`], so the two cannot
/// disagree.
#[derive(Debug, Clone, PartialEq)]
pub struct ExtensionService {
    /// What an error of this service does to the others.
    pub error_handle_policy: Option<ErrorHandlePolicy>,
    /// The service and its settings.
    pub service_param: ServiceParam,
}

impl ExtensionService {
    /// Web page recording (`web_recorder_service`).
    pub fn web_recorder(param: WebRecorderParam) -> Self {
        ExtensionService {
            error_handle_policy: None,
            service_param: ServiceParam::WebRecorder(param),
        }
    }

    /// Pushing the web page recording to a CDN (`rtmp_publish_service`).
    pub fn rtmp_publish(outputs: Vec<RtmpOutput>) -> Self {
        ExtensionService {
            error_handle_policy: None,
            service_param: ServiceParam::RtmpPublish(RtmpPublishParam { outputs }),
        }
    }

    /// The same service with `policy` for its errors.
    #[must_use]
    pub fn with_error_handle_policy(mut self, policy: ErrorHandlePolicy) -> Self {
        self.error_handle_policy = Some(policy);
        self
    }

    /// The service's name on the wire (`serviceName`).
    pub fn service_name(&self) -> &str {
        self.service_param.service_name()
    }

    fn check(&self, parent: &FieldPath<'_>) -> Result<(), InvalidInput> {
        let param_at = at(parent, "serviceParam");
        match &self.service_param {
            ServiceParam::WebRecorder(param) => param.check(&param_at),
            ServiceParam::RtmpPublish(param) => check_outputs(&param.outputs, &param_at),
            ServiceParam::Other { service_name, .. } => {
                if service_name.is_empty() {
                    return Err(InvalidInput::new(
                        at(parent, "serviceName"),
                        "must not be empty",
                    ));
                }
                Ok(())
            }
        }
    }
}

impl Serialize for ExtensionService {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let len = if self.error_handle_policy.is_some() {
            3
        } else {
            2
        };
        let mut map = serializer.serialize_map(Some(len))?;
        map.serialize_entry("serviceName", self.service_name())?;
        if let Some(policy) = &self.error_handle_policy {
            map.serialize_entry("errorHandlePolicy", policy)?;
        }
        match &self.service_param {
            ServiceParam::WebRecorder(param) => map.serialize_entry("serviceParam", param)?,
            ServiceParam::RtmpPublish(param) => map.serialize_entry("serviceParam", param)?,
            ServiceParam::Other { service_param, .. } => {
                map.serialize_entry("serviceParam", service_param)?;
            }
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for ExtensionService {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(rename_all = "camelCase")]
        struct Wire {
            service_name: String,
            #[serde(default)]
            error_handle_policy: Option<ErrorHandlePolicy>,
            service_param: serde_json::Value,
        }
        let wire = Wire::deserialize(deserializer)?;
        let service_param = match wire.service_name.as_str() {
            WEB_RECORDER_SERVICE => ServiceParam::WebRecorder(
                serde_json::from_value(wire.service_param).map_err(D::Error::custom)?,
            ),
            RTMP_PUBLISH_SERVICE => ServiceParam::RtmpPublish(
                serde_json::from_value(wire.service_param).map_err(D::Error::custom)?,
            ),
            _ => ServiceParam::Other {
                service_name: wire.service_name,
                service_param: wire.service_param,
            },
        };
        Ok(ExtensionService {
            error_handle_policy: wire.error_handle_policy,
            service_param,
        })
    }
}

/// `serviceName` of web page recording.
pub(super) const WEB_RECORDER_SERVICE: &str = "web_recorder_service";
/// `serviceName` of pushing web page recording to a CDN.
pub(super) const RTMP_PUBLISH_SERVICE: &str = "rtmp_publish_service";

/// An extension service and its settings (`serviceParam`).
#[derive(Debug, Clone, PartialEq)]
pub enum ServiceParam {
    /// `web_recorder_service`: record a web page.
    WebRecorder(WebRecorderParam),
    /// `rtmp_publish_service`: push the web page recording to a CDN.
    RtmpPublish(RtmpPublishParam),
    /// A service this version of the crate does not know, sent as given.
    Other {
        /// Its `serviceName`.
        service_name: String,
        /// Its `serviceParam`.
        service_param: serde_json::Value,
    },
}

impl ServiceParam {
    /// The service's `serviceName`.
    pub fn service_name(&self) -> &str {
        match self {
            ServiceParam::WebRecorder(_) => WEB_RECORDER_SERVICE,
            ServiceParam::RtmpPublish(_) => RTMP_PUBLISH_SERVICE,
            ServiceParam::Other { service_name, .. } => service_name,
        }
    }
}

/// The settings of web page recording (`serviceParam` of
/// `web_recorder_service`).
///
/// `video_width × video_height` may be at most 1920 × 1080;
/// `max_recording_hour` is 1 to 720 (keep it within the acquire's
/// `resourceExpiredHour`; recording is billed until it stops).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WebRecorderParam {
    /// The page to record.
    pub url: String,
    /// The audio output.
    pub audio_profile: AudioProfile,
    /// Output width in pixels.
    pub video_width: u32,
    /// Output height in pixels.
    pub video_height: u32,
    /// Hours after which recording stops by itself: 1 to 720.
    pub max_recording_hour: u32,
    /// Output bitrate in Kbps (default 2000 from 1280 × 720 up, 1500
    /// below).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub video_bitrate: Option<u32>,
    /// Output frame rate: 5 to 60, default 15.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub video_fps: Option<u32>,
    /// Render the page as a mobile browser would (default `false`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mobile: Option<bool>,
    /// Minutes per MP4 file: 30 to 240, default 120.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_video_duration: Option<u32>,
    /// Start paused: the page is loaded and rendered but not recorded
    /// until an [`Update`](super::Update) sets `onhold` to `false`
    /// (default `false`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub onhold: Option<bool>,
    /// Seconds to wait for the page to load before giving up: 0 (do not
    /// check, default) to 60.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ready_timeout: Option<u32>,
    /// The output container and audio settings (in Agora's OpenAPI
    /// document only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub container: Option<WebRecorderContainer>,
}

impl WebRecorderParam {
    /// Recording of `url` at `video_width × video_height` for at most
    /// `max_recording_hour` hours.
    pub fn new(
        url: impl Into<String>,
        audio_profile: AudioProfile,
        video_width: u32,
        video_height: u32,
        max_recording_hour: u32,
    ) -> Self {
        WebRecorderParam {
            url: url.into(),
            audio_profile,
            video_width,
            video_height,
            max_recording_hour,
            video_bitrate: None,
            video_fps: None,
            mobile: None,
            max_video_duration: None,
            onhold: None,
            ready_timeout: None,
            container: None,
        }
    }

    fn check(&self, parent: &FieldPath<'_>) -> Result<(), InvalidInput> {
        self.audio_profile.check(|| at(parent, "audioProfile"))?;
        check_resolution(
            self.video_width,
            self.video_height,
            || at(parent, "videoWidth"),
            "videoWidth × videoHeight",
        )?;
        check_range(
            Some(self.max_recording_hour),
            1..=720,
            || at(parent, "maxRecordingHour"),
            " hours",
        )?;
        check_range(self.video_fps, 5..=60, || at(parent, "videoFps"), " fps")?;
        check_range(
            self.max_video_duration,
            30..=240,
            || at(parent, "maxVideoDuration"),
            " minutes",
        )?;
        check_range(
            self.ready_timeout,
            0..=60,
            || at(parent, "readyTimeout"),
            " seconds",
        )
    }
}

/// The output container of web page recording (`serviceParam.container`,
/// as Agora's OpenAPI document lists it).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WebRecorderContainer {
    /// The container format, such as `mp4`, `mp3`, `m4a` or `aac`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub format: Option<String>,
    /// The audio sample rate in Hz.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sample_rate: Option<String>,
    /// The audio bitrate in Kbps.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bitrate: Option<String>,
    /// The number of audio channels.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub channels: Option<String>,
}

/// The settings of pushing web page recording to a CDN (`serviceParam` of
/// `rtmp_publish_service`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RtmpPublishParam {
    /// Where to push: at most one CDN address, `rtmp://` or `rtmps://`.
    pub outputs: Vec<RtmpOutput>,
}

/// One CDN address to push to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RtmpOutput {
    /// The address: `rtmp://` or `rtmps://`.
    pub rtmp_url: String,
}

impl RtmpOutput {
    /// Push to `rtmp_url`.
    pub fn new(rtmp_url: impl Into<String>) -> Self {
        RtmpOutput {
            rtmp_url: rtmp_url.into(),
        }
    }
}

/// Checks CDN outputs: at most one, each `rtmp://` or `rtmps://`.
fn check_outputs(outputs: &[RtmpOutput], parent: &FieldPath<'_>) -> Result<(), InvalidInput> {
    let field = at(parent, "outputs");
    if outputs.len() > 1 {
        return Err(InvalidInput::new(
            field,
            format!(
                "must hold at most one CDN address: Agora pushes one stream at a time (got {})",
                outputs.len()
            ),
        ));
    }
    for (index, output) in outputs.iter().enumerate() {
        let url = output.rtmp_url.as_bytes();
        let scheme = |scheme: &str| {
            url.get(..scheme.len())
                .is_some_and(|start| start.eq_ignore_ascii_case(scheme.as_bytes()))
        };
        if !(scheme("rtmp://") || scheme("rtmps://")) {
            return Err(InvalidInput::new(
                at(&field.index(index), "rtmpUrl"),
                "must be an rtmp:// or rtmps:// URL",
            ));
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// update.

/// The `clientRequest` of [`Update`](super::Update): what to change in a
/// running session; every member is optional.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UpdateClientRequest {
    /// New subscription lists (`individual` and `mix` modes).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stream_subscribe: Option<StreamSubscribe>,
    /// Pause or resume web page recording (`web` mode).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub web_recording_config: Option<WebRecordingUpdate>,
    /// A new CDN address for the web page recording push (`web` mode).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rtmp_publish_config: Option<RtmpPublishUpdate>,
    /// New storage settings, such as a fresh `stsToken`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub storage_config: Option<StorageConfig>,
}

impl UpdateClientRequest {
    pub(super) fn check(&self, parent: &FieldPath<'_>) -> Result<(), InvalidInput> {
        if let Some(subscribe) = &self.stream_subscribe {
            subscribe.check(&at(parent, "streamSubscribe"))?;
        }
        if let Some(publish) = &self.rtmp_publish_config
            && let Some(outputs) = &publish.outputs
        {
            check_outputs(outputs, &at(parent, "rtmpPublishConfig"))?;
        }
        if let Some(storage) = &self.storage_config {
            storage.check(&at(parent, "storageConfig"))?;
        }
        Ok(())
    }
}

/// New subscription lists (`streamSubscribe`).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StreamSubscribe {
    /// Audio (when `streamTypes` is audio or both).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub audio_uid_list: Option<AudioUidList>,
    /// Video (when `streamTypes` is video or both).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub video_uid_list: Option<VideoUidList>,
}

impl StreamSubscribe {
    fn check(&self, parent: &FieldPath<'_>) -> Result<(), InvalidInput> {
        if let Some(audio) = &self.audio_uid_list {
            let parent = at(parent, "audioUidList");
            check_exclusive(
                audio.subscribe_audio_uids.as_ref(),
                audio.unsubscribe_audio_uids.as_ref(),
                &parent,
                "subscribeAudioUids",
                "unsubscribeAudioUids",
            )?;
            check_uid_list(
                audio.subscribe_audio_uids.as_ref(),
                || at(&parent, "subscribeAudioUids"),
                true,
            )?;
            check_uid_list(
                audio.unsubscribe_audio_uids.as_ref(),
                || at(&parent, "unsubscribeAudioUids"),
                false,
            )?;
        }
        if let Some(video) = &self.video_uid_list {
            let parent = at(parent, "videoUidList");
            check_exclusive(
                video.subscribe_video_uids.as_ref(),
                video.unsubscribe_video_uids.as_ref(),
                &parent,
                "subscribeVideoUids",
                "unsubscribeVideoUids",
            )?;
            check_uid_list(
                video.subscribe_video_uids.as_ref(),
                || at(&parent, "subscribeVideoUids"),
                true,
            )?;
            check_uid_list(
                video.unsubscribe_video_uids.as_ref(),
                || at(&parent, "unsubscribeVideoUids"),
                false,
            )?;
        }
        Ok(())
    }
}

/// The audio subscription (`audioUidList`): one of the two lists.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AudioUidList {
    /// Audio streams to record: at most 32 UIDs, or `["#allstream#"]`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subscribe_audio_uids: Option<Vec<String>>,
    /// Audio streams not to record: at most 32 UIDs. Sent as
    /// `unsubscribeAudioUids`; `unSubscribeAudioUids` is accepted when
    /// decoding.
    #[serde(
        skip_serializing_if = "Option::is_none",
        alias = "unSubscribeAudioUids"
    )]
    pub unsubscribe_audio_uids: Option<Vec<String>>,
}

/// The video subscription (`videoUidList`): one of the two lists.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct VideoUidList {
    /// Video streams to record: at most 32 UIDs, or `["#allstream#"]`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subscribe_video_uids: Option<Vec<String>>,
    /// Video streams not to record: at most 32 UIDs. Sent as
    /// `unsubscribeVideoUids`; `unSubscribeVideoUids` is accepted when
    /// decoding.
    #[serde(
        skip_serializing_if = "Option::is_none",
        alias = "unSubscribeVideoUids"
    )]
    pub unsubscribe_video_uids: Option<Vec<String>>,
}

/// Pause or resume web page recording (`webRecordingConfig`). Wait for
/// each update's answer before sending the next.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct WebRecordingUpdate {
    /// `true` pauses (no slice files), `false` resumes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub onhold: Option<bool>,
}

/// A new CDN push address (`rtmpPublishConfig`).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct RtmpPublishUpdate {
    /// Where to push: at most one address, `rtmp://` or `rtmps://`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outputs: Option<Vec<RtmpOutput>>,
}

// ---------------------------------------------------------------------------
// updateLayout.

/// The `clientRequest` of [`UpdateLayout`](super::UpdateLayout): the
/// complete new layout of `mix` mode. Each call replaces every layout
/// setting: a member left out returns to its default.
///
/// Rules: [`MixedVideoLayout::Vertical`] needs `max_resolution_uid`; a
/// custom layout has at most 17 regions, each position, size and `alpha`
/// from 0 to 1; `background_color` is `#RRGGBB`; background images are
/// HTTPS URLs.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UpdateLayoutClientRequest {
    /// The layout (default [`MixedVideoLayout::Floating`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mixed_video_layout: Option<MixedVideoLayout>,
    /// The UID in the large window; required with
    /// [`MixedVideoLayout::Vertical`].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_resolution_uid: Option<UidString>,
    /// The canvas colour, `#RRGGBB` (default `#000000`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub background_color: Option<String>,
    /// The URL of a canvas image, scaled and cropped to fill it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub background_image: Option<String>,
    /// The URL of the image shown for a user who stops sending video for
    /// over 3.5 seconds (unless `background_config` sets one).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default_user_background_image: Option<String>,
    /// The regions of [`MixedVideoLayout::Custom`]: at most 17.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub layout_config: Option<Vec<LayoutRegion>>,
    /// Per-user background images.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub background_config: Option<Vec<UserBackground>>,
}

impl UpdateLayoutClientRequest {
    pub(super) fn check(&self, parent: &FieldPath<'_>) -> Result<(), InvalidInput> {
        check_layout(
            parent,
            Layout {
                mixed_video_layout: self.mixed_video_layout,
                max_resolution_uid: self.max_resolution_uid.as_ref(),
                background_color: self.background_color.as_deref(),
                layout_config: self.layout_config.as_deref(),
                background_config: self.background_config.as_deref(),
            },
        )
    }
}

// ---------------------------------------------------------------------------
// stop.

/// The `clientRequest` of [`Stop`](super::Stop).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct StopClientRequest {
    /// `true`: answer at once, without waiting for the uploads. `false`
    /// (default): answer once every file is uploaded (Agora expects 20
    /// seconds at most, else code 50).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub async_stop: Option<bool>,
}
