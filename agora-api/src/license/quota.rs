//! Quota: license kinds, allocations of quota to projects and their
//! listing.

use serde::{Deserialize, Serialize};

use super::LICENSE_ENVELOPE;
use crate::values::{int_enum, issued_id, validated_number, validated_string};
use crate::{AppId, Endpoint, endpoint_docs};

validated_string! {
    /// A license kind (`pid`): Agora's identifier of a SKU with its
    /// validity and category, from the license order. Opaque: only what
    /// would break a URL is refused.
    ///
    /// ```
    /// use agora_api::license::LicensePid;
    /// assert!(LicensePid::new("02F5A1B2C3D4E5F6A7B8C9D0E1F2EC30").is_ok());
    /// assert!(LicensePid::new("").is_err());
    /// ```
    LicensePid, field = "pid", check = issued_id
}

validated_string! {
    /// Who makes an allocation (`creator`), recorded with it. Agora
    /// documents no format: 1 to 255 characters without control
    /// characters are accepted.
    ///
    /// ```
    /// use agora_api::license::AllocationCreator;
    /// assert!(AllocationCreator::new("ops@example.com").is_ok());
    /// assert!(AllocationCreator::new("").is_err());
    /// ```
    AllocationCreator, field = "creator", check = check_creator
}

fn check_creator(value: &str) -> Result<(), String> {
    let count = value.chars().count();
    if !(1..=255).contains(&count) {
        return Err(format!("must be 1 to 255 characters (got {count})"));
    }
    if value.chars().any(char::is_control) {
        return Err("must not contain control characters".into());
    }
    Ok(())
}

validated_number! {
    /// How many licenses an allocation moves to the project (`count`): at
    /// least 1.
    ///
    /// ```
    /// use agora_api::license::LicenseCount;
    /// assert_eq!(LicenseCount::new(100)?.get(), 100);
    /// assert_eq!(
    ///     LicenseCount::new(0).unwrap_err().to_string(),
    ///     "invalid `count`: must be at least 1"
    /// );
    /// # Ok::<(), agora_api::InvalidInput>(())
    /// ```
    LicenseCount(u32), field = "count", check = check_count
}

fn check_count(value: u32) -> Result<u32, crate::InvalidInput> {
    at_least_one(value, "count")
}

fn at_least_one(value: u32, field: &'static str) -> Result<u32, crate::InvalidInput> {
    if value == 0 {
        return Err(crate::InvalidInput::new(field, "must be at least 1"));
    }
    Ok(value)
}

validated_number! {
    /// The page of allocations to read (`page`), counted from 1. Agora
    /// documents the parameter as required without saying where pages
    /// start; 0 is refused, as a page number from 1 is what its console
    /// shows.
    ///
    /// ```
    /// use agora_api::license::AllocationPage;
    /// assert!(AllocationPage::new(1).is_ok());
    /// assert!(AllocationPage::new(0).is_err());
    /// ```
    AllocationPage(u32), field = "page", check = check_page
}

fn check_page(value: u32) -> Result<u32, crate::InvalidInput> {
    at_least_one(value, "page")
}

validated_number! {
    /// How many allocations a page holds (`size`): at least 1 (Agora
    /// documents no maximum).
    ///
    /// ```
    /// use agora_api::license::AllocationPageSize;
    /// assert!(AllocationPageSize::new(20).is_ok());
    /// assert!(AllocationPageSize::new(0).is_err());
    /// ```
    AllocationPageSize(u32), field = "size", check = check_size
}

fn check_size(value: u32) -> Result<u32, crate::InvalidInput> {
    at_least_one(value, "size")
}

/// Allocates licenses of one kind from the account's quota to a project.
///
/// Not idempotent: each call moves `count` more licenses; never re-sent
/// once it may have reached Agora (check with [`ListLicenseAllocations`]
/// after an ambiguous failure). Documented only in the Chinese Console
/// License reference, on its path without `/global`.
///
/// ```
/// use agora_api::license::{AllocateLicenses, AllocationCreator, LicenseCount, LicensePid};
/// use agora_api::{AppId, Client};
///
/// let allocate = AllocateLicenses::builder()
///     .appid(AppId::new("0123456789abcdef0123456789abcdef")?)
///     .pid(LicensePid::new("02F5A1B2C3D4E5F6A7B8C9D0E1F2EC30")?)
///     .count(LicenseCount::new(10)?)
///     .creator(AllocationCreator::new("ops")?)
///     .build();
/// let client = Client::builder().basic_auth("id", "secret").build()?;
/// let request = client.prepare(&allocate)?;
/// let body = request.body().and_then(|b| b.as_bytes()).unwrap_or_default();
/// assert_eq!(
///     std::str::from_utf8(body)?,
///     r#"{"pid":"02F5A1B2C3D4E5F6A7B8C9D0E1F2EC30","count":10,"creator":"ops"}"#
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    POST,
    "/dabiz/license/v2/allocate",
    response = (),
    envelope = LICENSE_ENVELOPE,
    doc = "https://docs.agora.io/cn/Agora%20Platform/agora_console_license_restapi",
    rate_limit(10, per = second, scope = account),
)]
#[auth(basic)]
pub struct AllocateLicenses {
    /// The project that receives the licenses.
    #[endpoint(query)]
    pub appid: AppId,
    /// The license kind.
    pub pid: LicensePid,
    /// How many.
    pub count: LicenseCount,
    /// Who allocates them.
    pub creator: AllocationCreator,
}

/// Lists the allocations of one license kind to a project, a page at a
/// time.
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    GET,
    "/dabiz/license/v2/product/allocations",
    response = LicenseAllocations,
    envelope = LICENSE_ENVELOPE,
    doc = "https://docs.agora.io/cn/Agora%20Platform/agora_console_license_restapi",
    rate_limit(10, per = second, scope = account),
)]
#[auth(basic)]
pub struct ListLicenseAllocations {
    /// The page, from 1.
    #[endpoint(query)]
    pub page: AllocationPage,
    /// Allocations per page.
    #[endpoint(query)]
    pub size: AllocationPageSize,
    /// The license kind.
    #[endpoint(query)]
    pub pid: LicensePid,
    /// The project.
    #[endpoint(query)]
    pub appid: AppId,
}

/// A page of allocations, as [`ListLicenseAllocations`] answers (the
/// `data` of the answer).
///
/// ```
/// use agora_api::license::{AllocationType, LicenseAllocations, LicenseTime};
/// let page: LicenseAllocations = serde_json::from_str(
///     r#"{"count": 1, "list": [{"pid": "02F5", "type": 2, "creator": "ops", "count": 10, "createTime": 1700000000}]}"#,
/// )?;
/// assert_eq!(page.list[0].allocation_type, AllocationType::Test);
/// assert_eq!(page.list[0].create_time, Some(LicenseTime::Unix(1_700_000_000)));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Deserialize)]
#[non_exhaustive]
pub struct LicenseAllocations {
    /// How many allocations there are in all.
    #[serde(default)]
    pub count: u64,
    /// This page's allocations.
    #[serde(default)]
    pub list: Vec<LicenseAllocation>,
}

/// One allocation of licenses to a project.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct LicenseAllocation {
    /// The license kind.
    pub pid: LicensePid,
    /// Formal or test licenses.
    #[serde(rename = "type")]
    pub allocation_type: AllocationType,
    /// Who allocated them.
    #[serde(default)]
    pub creator: Option<String>,
    /// How many.
    pub count: u64,
    /// When; Agora documents the member without its format.
    #[serde(default)]
    pub create_time: Option<LicenseTime>,
}

int_enum! {
    /// The kind of licenses of an allocation (`type`).
    pub enum AllocationType {
        /// Formal (commercial) licenses.
        Formal = 1,
        /// Test (trial) licenses.
        Test = 2,
    }
}

/// A time in a License API answer, whose format Agora does not document:
/// a number (Unix time) or text, kept as sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum LicenseTime {
    /// A number, a Unix time (seconds or milliseconds, as Agora sends it).
    Unix(u64),
    /// Text, as sent.
    Text(String),
}
