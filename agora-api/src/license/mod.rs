//! License API (Console License): activate device licenses of the RTC,
//! RTSA (IoT) and FPA SDKs, allocate license quota to projects, query
//! the allocations and renew a license.
//!
//! HTTP Basic on `api.agora.io`, 10 requests per second per API per
//! account. Every answer is `{"code": 200, ...}`: another `code` in a
//! `200` body is an [`Error::Api`](crate::Error::Api), and the typed
//! response is the body's `data` ([`LICENSE_ENVELOPE`]).
//!
//! Agora documents two paths for activation: the English IoT guide sends
//! `POST /global/dabiz/license/v2/active` ([`ActivateLicense`], the
//! default), the Chinese Console License reference `POST
//! /dabiz/license/v2/active` ([`ActivateLicenseChineseConsole`]). The
//! other three operations are documented only in the Chinese reference,
//! without `/global`, and are bound on that path. Which prefix a given
//! account needs is not stated anywhere: use the default unless Agora
//! tells you otherwise.
//!
//! An activation consumes one license of the quota: it is never re-sent
//! once it may have reached Agora, and neither are allocations and
//! renewals.
//!
//! ```
//! use agora_api::license::{ActivateLicense, LicenseKey, LicensePid};
//! use agora_api::{AppId, Client};
//!
//! let activate = ActivateLicense::builder()
//!     .pid(LicensePid::new("02F5A1B2C3D4E5F6A7B8C9D0E1F2EC30")?)
//!     .license_key(LicenseKey::new("device-0001")?)
//!     .appid(AppId::new("0123456789abcdef0123456789abcdef")?)
//!     .build();
//! let client = Client::builder().basic_auth("id", "secret").build()?;
//! let request = client.prepare(&activate)?;
//! assert_eq!(
//!     request.url().as_str(),
//!     "https://api.agora.io/global/dabiz/license/v2/active?pid=02F5A1B2C3D4E5F6A7B8C9D0E1F2EC30&licenseKey=device-0001&appid=0123456789abcdef0123456789abcdef"
//! );
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod activation;
mod envelope;
mod quota;

pub use activation::{
    ActivateLicense, ActivateLicenseBuilder, ActivateLicenseChineseConsole,
    ActivateLicenseChineseConsoleBuilder, ActivatedLicense, License, LicenseKey, LicensedMedia,
    LicensedProduct, RenewId, RenewLicense, RenewLicenseBuilder, SkuView, SkuViews,
};
pub use envelope::LICENSE_ENVELOPE;
pub use quota::{
    AllocateLicenses, AllocateLicensesBuilder, AllocationCreator, AllocationPage,
    AllocationPageSize, AllocationType, LicenseAllocation, LicenseAllocations, LicenseCount,
    LicensePid, LicenseTime, ListLicenseAllocations, ListLicenseAllocationsBuilder,
};
