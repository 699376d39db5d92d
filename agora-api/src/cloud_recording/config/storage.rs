//! Third-party cloud storage (`storageConfig`): vendors, their regions and
//! the storage's extension parameters.

use serde::{Deserialize, Serialize};

use crate::auth::Secret;
use crate::error::InvalidInput;
use crate::values::{int_enum, string_enum};

use super::path::{FieldPath, at};

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
    /// [`Update`](crate::cloud_recording::Update).
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
