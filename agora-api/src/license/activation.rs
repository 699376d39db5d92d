//! Activation and renewal: the calls that turn quota into a license and
//! extend one.

use serde::{Deserialize, Deserializer};

use super::LICENSE_ENVELOPE;
use super::quota::LicensePid;
use crate::values::{int_enum, issued_id, validated_string};
use crate::{AppId, Endpoint, endpoint_docs};

validated_string! {
    /// What a license is bound to (`licenseKey`): the device ID, serial
    /// number or MAC address (the Chinese reference also allows an account
    /// ID). Agora documents fewer than 64 bytes; control characters are
    /// refused too, as the key travels in the query string.
    ///
    /// ```
    /// use agora_api::license::LicenseKey;
    /// assert!(LicenseKey::new("AA:BB:CC:DD:EE:FF").is_ok());
    /// assert_eq!(
    ///     LicenseKey::new("x".repeat(64)).unwrap_err().to_string(),
    ///     "invalid `licenseKey`: must be 1 to 63 bytes (got 64)"
    /// );
    /// assert!(LicenseKey::new("").is_err());
    /// ```
    LicenseKey, field = "licenseKey", check = check_license_key
}

fn check_license_key(value: &str) -> Result<(), String> {
    let bytes = value.len();
    if !(1..64).contains(&bytes) {
        return Err(format!("must be 1 to 63 bytes (got {bytes})"));
    }
    if value.chars().any(char::is_control) {
        return Err("must not contain control characters".into());
    }
    Ok(())
}

validated_string! {
    /// An activated license's value (`license`), as [`ActivateLicense`]
    /// answers it and [`RenewLicense`] takes it. Opaque: only what would
    /// break a URL is refused.
    ///
    /// ```
    /// use agora_api::license::License;
    /// assert!(License::new("1D65A1B2C3D4E5F6A7B8C9D0E1F26016").is_ok());
    /// assert!(License::new("a b").is_err());
    /// ```
    License, field = "license", check = issued_id
}

validated_string! {
    /// A renewal order (`renewId`), as Agora's sales team provides it.
    /// Opaque: only what would break a URL is refused.
    ///
    /// ```
    /// use agora_api::license::RenewId;
    /// assert!(RenewId::new("R2024000123").is_ok());
    /// assert!(RenewId::new("").is_err());
    /// ```
    RenewId, field = "renewId", check = issued_id
}

/// Activates a license for one device, on the English documentation's
/// path (`/global/dabiz/...`): the default.
///
/// Consumes one license of the project's quota for `pid`: never re-sent
/// once it may have reached Agora. After an ambiguous failure (a timeout,
/// a `5xx`), look the device up with [`ListLicenseAllocations`](super::ListLicenseAllocations)
/// or ask Agora before activating again.
///
/// The Chinese Console License reference documents the same operation
/// without `/global` ([`ActivateLicenseChineseConsole`]); the English IoT
/// guide's path is the default because it is the one documented for
/// `api.agora.io` in English. It also types `skuView` as an array while
/// its example shows one object: both decode ([`SkuViews`]).
///
/// ```
/// use agora_api::license::{ActivateLicense, LicenseKey, LicensePid};
/// use agora_api::{AppId, Endpoint};
///
/// let activate = ActivateLicense::builder()
///     .pid(LicensePid::new("02F5A1B2C3D4E5F6A7B8C9D0E1F2EC30")?)
///     .license_key(LicenseKey::new("SN-42")?)
///     .appid(AppId::new("0123456789abcdef0123456789abcdef")?)
///     .build();
/// assert!(!ActivateLicense::IDEMPOTENT);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    POST,
    "/global/dabiz/license/v2/active",
    response = ActivatedLicense,
    envelope = LICENSE_ENVELOPE,
    doc = "https://docs.agora.io/en/iot/develop/licensing",
    rate_limit(10, per = second, scope = account),
)]
#[auth(basic)]
pub struct ActivateLicense {
    /// The license kind to activate: its SKU, validity and category.
    #[endpoint(query)]
    pub pid: LicensePid,
    /// The device the license is bound to.
    #[endpoint(query = "licenseKey")]
    pub license_key: LicenseKey,
    /// The project whose quota it comes from.
    #[endpoint(query)]
    pub appid: AppId,
}

/// Activates a license for one device or account, on the Chinese Console
/// License reference's path (`/dabiz/...`, without `/global`).
///
/// The same operation as [`ActivateLicense`] (the default), for accounts
/// that Agora points at this path; consumes one license, never re-sent
/// once it may have reached Agora.
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    POST,
    "/dabiz/license/v2/active",
    response = ActivatedLicense,
    envelope = LICENSE_ENVELOPE,
    doc = "https://docs.agora.io/cn/Agora%20Platform/agora_console_license_restapi",
    rate_limit(10, per = second, scope = account),
)]
#[auth(basic)]
pub struct ActivateLicenseChineseConsole {
    /// The license kind to activate: its SKU, validity and category.
    #[endpoint(query)]
    pub pid: LicensePid,
    /// The device or account ID the license is bound to.
    #[endpoint(query = "licenseKey")]
    pub license_key: LicenseKey,
    /// The project whose quota it comes from.
    #[endpoint(query)]
    pub appid: AppId,
}

/// Renews a license with a renewal order from Agora's sales team.
///
/// Not idempotent: a renewal order extends the license once; never
/// re-sent once it may have reached Agora. Documented only in the Chinese
/// Console License reference, on its path without `/global`.
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    POST,
    "/dabiz/license/v2/renew",
    response = (),
    envelope = LICENSE_ENVELOPE,
    doc = "https://docs.agora.io/cn/Agora%20Platform/agora_console_license_restapi",
    rate_limit(10, per = second, scope = account),
)]
#[auth(basic)]
pub struct RenewLicense {
    /// The project of the license.
    #[endpoint(query)]
    pub appid: AppId,
    /// The renewal order.
    #[endpoint(query = "renewId")]
    pub renew_id: RenewId,
    /// The license to renew.
    #[endpoint(query)]
    pub license: License,
}

/// An activated license, as [`ActivateLicense`] answers (the `data` of
/// `{"code": 200, "data": ...}`).
///
/// ```
/// use agora_api::license::{ActivatedLicense, LicensedMedia, LicensedProduct};
/// let answer: ActivatedLicense = serde_json::from_str(
///     r#"{"license": "1D65A1B2", "skuView": {"product": 2, "name": "trial", "mediaType": 3, "minutes": 100, "period": "00:00~23:59"}}"#,
/// )?;
/// let sku = &answer.sku_view.0[0];
/// assert_eq!(sku.product, LicensedProduct::Rtsa);
/// assert_eq!(sku.media_type, LicensedMedia::AudioAndVideo);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ActivatedLicense {
    /// The license, to embed in the device.
    pub license: License,
    /// What the license allows.
    pub sku_view: SkuViews,
}

/// The capability sets of a license (`skuView`). The Chinese reference
/// types the member as an array and shows one object: either decodes,
/// as a list.
#[derive(Debug, Clone, PartialEq)]
pub struct SkuViews(pub Vec<SkuView>);

impl<'de> Deserialize<'de> for SkuViews {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum OneOrMany {
            One(SkuView),
            Many(Vec<SkuView>),
        }
        Ok(match OneOrMany::deserialize(deserializer)? {
            OneOrMany::One(one) => SkuViews(vec![one]),
            OneOrMany::Many(many) => SkuViews(many),
        })
    }
}

/// One capability set (SKU) of a license.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct SkuView {
    /// The SDK the license is for.
    pub product: LicensedProduct,
    /// The SKU's name.
    #[serde(default)]
    pub name: String,
    /// Audio, video or both.
    pub media_type: LicensedMedia,
    /// The minutes the license allows (the documented cap on usage).
    #[serde(default)]
    pub minutes: Option<u64>,
    /// The daily window it may be used in, `HH:MM~HH:MM`.
    #[serde(default)]
    pub period: Option<String>,
}

int_enum! {
    /// The SDK a license is for (`product`).
    pub enum LicensedProduct {
        /// The RTC (Video/Voice) SDK.
        Rtc = 1,
        /// The RTSA (IoT) SDK.
        Rtsa = 2,
        /// FPA (Full-path acceleration).
        Fpa = 3,
    }
}

int_enum! {
    /// What a license covers (`mediaType`).
    pub enum LicensedMedia {
        /// Audio only.
        Audio = 1,
        /// Video only.
        Video = 2,
        /// Audio and video.
        AudioAndVideo = 3,
    }
}
