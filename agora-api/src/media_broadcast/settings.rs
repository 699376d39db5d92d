//! Settings that make Agora call your servers: origin authentication (per
//! project), pull-from-origin and transfer (per entry point).
//!
//! The callbacks themselves (Agora asking your server whether a push or
//! play may go ahead, where to pull a stream from, where to forward it)
//! are requests from Agora to you, not endpoints of this API.

use serde::Deserialize;

use super::Done;
use super::names::{EntryPointName, FlsDomain};
use crate::values::validated_string;
use crate::{AppId, Endpoint, InvalidInput, Secret, endpoint_docs};

validated_string! {
    /// The address of one of your servers that Agora calls (`url`,
    /// `callbackUrl`): 1 to 1024 characters, no whitespace or control
    /// characters. Agora's own example, `www.test.com/auth/callback`, has
    /// no scheme, so none is required.
    ///
    /// ```
    /// use agora_api::media_broadcast::CallbackUrl;
    /// assert!(CallbackUrl::new("https://example.transfer.com/callback").is_ok());
    /// assert!(CallbackUrl::new("www.test.com/auth/callback").is_ok());
    /// assert!(CallbackUrl::new("https://a b").is_err());
    /// ```
    CallbackUrl, field = "callbackUrl", check = check_url
}

fn check_url(value: &str) -> Result<(), String> {
    if value.is_empty()
        || value.chars().count() > 1024
        || value.chars().any(|c| c.is_whitespace() || c.is_control())
    {
        return Err("must be 1 to 1024 characters without whitespace or control characters".into());
    }
    Ok(())
}

validated_string! {
    /// The application name (entry point) on your origin server (`app`):
    /// at most 128 characters without `/`, whitespace or control
    /// characters. Empty means "the entry point of the playback URL".
    ///
    /// ```
    /// use agora_api::media_broadcast::OriginApp;
    /// assert!(OriginApp::new("live").is_ok());
    /// assert!(OriginApp::new("").is_ok());
    /// assert!(OriginApp::new("a/b").is_err());
    /// ```
    OriginApp, field = "app", check = check_origin_app
}

fn check_origin_app(value: &str) -> Result<(), String> {
    if value.chars().count() > 128
        || value
            .chars()
            .any(|c| c == '/' || c.is_whitespace() || c.is_control())
    {
        return Err(
            "must be at most 128 characters without `/`, whitespace or control characters".into(),
        );
    }
    Ok(())
}

/// Turns origin authentication on or off for the project: with it on,
/// Agora asks `url` whether each push and play may go ahead, signing its
/// request with `secret` as the Notification Center Service signs
/// notifications. Setting the same configuration again changes nothing:
/// idempotent.
///
/// ```
/// use agora_api::media_broadcast::{CallbackUrl, SetOriginAuth};
/// use agora_api::{AppId, Client};
///
/// let set = SetOriginAuth::builder()
///     .appid(AppId::new("0123456789abcdef0123456789abcdef")?)
///     .enabled(true)
///     .url(CallbackUrl::new("https://auth.example.com/callback")?)
///     .secret("ncs-secret")
///     .build();
/// let client = Client::builder().hmac_auth("id", "secret").build()?;
/// let request = client.prepare(&set)?;
/// assert!(request.url().as_str().ends_with("/fls/settings/streamauth/webhook"));
/// assert!(!format!("{set:?}").contains("ncs-secret"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    PATCH,
    "/v1/projects/{appid}/fls/settings/streamauth/webhook",
    response = Done,
    idempotent,
    doc = "https://docs.agora.io/en/broadcast-streaming/restful-api/stream-authentication",
    rate_limit(50, per = second, scope = app_id, shared = "media_broadcast"),
)]
#[auth(hmac)]
pub struct SetOriginAuth {
    /// The project.
    pub appid: AppId,
    /// Whether origin authentication is on (Agora's default: off).
    pub enabled: bool,
    /// Your server that answers the authentication requests.
    pub url: Option<CallbackUrl>,
    /// The secret Agora signs its requests to `url` with (never printed).
    pub secret: Option<Secret>,
}

/// The project's origin authentication configuration.
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    GET,
    "/v1/projects/{appid}/fls/settings/streamauth/webhook",
    response = OriginAuth,
    idempotent,
    doc = "https://docs.agora.io/en/broadcast-streaming/restful-api/stream-authentication",
    rate_limit(50, per = second, scope = app_id, shared = "media_broadcast"),
)]
#[auth(hmac)]
pub struct GetOriginAuth {
    /// The project.
    pub appid: AppId,
}

/// Origin authentication, as [`GetOriginAuth`] answers it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct OriginAuth {
    /// Whether it is on.
    #[serde(default)]
    pub enabled: bool,
    /// Your server that answers the authentication requests.
    #[serde(default)]
    pub url: Option<String>,
    /// The secret Agora signs its requests with (never printed).
    #[serde(default)]
    pub secret: Option<Secret>,
}

/// Sets where Agora pulls an entry point's streams from when a viewer
/// plays one that is not pushed to it: directly from `domain` (with
/// `app`), or from the address `callbackUrl` answers (RTMP only). Setting
/// the same configuration again changes nothing: idempotent.
///
/// `domain` and `callbackUrl` exclude each other, and `app` needs
/// `domain`: both refused before any I/O.
///
/// ```
/// use agora_api::media_broadcast::{CallbackUrl, EntryPointName, FlsDomain, SetOriginSite};
/// use agora_api::AppId;
///
/// let both = SetOriginSite::builder()
///     .appid(AppId::new("0123456789abcdef0123456789abcdef")?)
///     .entry_point(EntryPointName::live())
///     .domain(FlsDomain::new("origin.example.com")?)
///     .callback_url(CallbackUrl::new("https://example.origin-site.com/")?)
///     .build();
/// let error = agora_api::Endpoint::validate(&both).unwrap_err();
/// assert_eq!(error.field(), "callbackUrl");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    PATCH,
    "/v1/projects/{appid}/fls/entry_points/{entry_point}/settings/origin_site",
    response = Done,
    idempotent,
    validate = SetOriginSite::check,
    doc = "https://docs.agora.io/en/broadcast-streaming/restful-api/pull-from-origin",
    rate_limit(50, per = second, scope = app_id, shared = "media_broadcast"),
)]
#[auth(hmac)]
pub struct SetOriginSite {
    /// The project.
    pub appid: AppId,
    /// The entry point.
    pub entry_point: EntryPointName,
    /// Whether pull-from-origin is on.
    pub enabled: Option<bool>,
    /// Your origin server's domain name (direct pull).
    pub domain: Option<FlsDomain>,
    /// The application name on your origin server (with `domain`).
    pub app: Option<OriginApp>,
    /// Your server that answers where to pull from (dynamic pull).
    #[endpoint(rename = "callbackUrl")]
    pub callback_url: Option<CallbackUrl>,
}

impl SetOriginSite {
    fn check(&self) -> Result<(), InvalidInput> {
        if self.domain.is_some() && self.callback_url.is_some() {
            return Err(InvalidInput::new(
                "callbackUrl",
                "cannot be set together with domain",
            ));
        }
        if self.app.is_some() && self.domain.is_none() {
            return Err(InvalidInput::new("app", "must be set together with domain"));
        }
        Ok(())
    }
}

/// An entry point's pull-from-origin configuration.
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    GET,
    "/v1/projects/{appid}/fls/entry_points/{entry_point}/settings/origin_site",
    response = OriginSite,
    idempotent,
    doc = "https://docs.agora.io/en/broadcast-streaming/restful-api/pull-from-origin",
    rate_limit(50, per = second, scope = app_id, shared = "media_broadcast"),
)]
#[auth(hmac)]
pub struct GetOriginSite {
    /// The project.
    pub appid: AppId,
    /// The entry point.
    pub entry_point: EntryPointName,
}

/// Pull-from-origin, as [`GetOriginSite`] answers it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct OriginSite {
    /// Whether it is on.
    #[serde(default)]
    pub enabled: Option<bool>,
    /// The origin server's domain name (direct pull).
    #[serde(default)]
    pub domain: Option<String>,
    /// The application name on the origin server.
    #[serde(default)]
    pub app: Option<String>,
    /// The server that answers where to pull from (dynamic pull).
    #[serde(default)]
    pub callback_url: Option<String>,
}

/// Turns transfer (restreaming) on or off for an entry point: with it
/// on, Agora asks `callbackUrl` where to forward each stream and
/// forwards it there. Setting the same configuration again changes
/// nothing: idempotent.
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    PATCH,
    "/v1/projects/{appid}/fls/entry_points/{entry_point}/settings/transfer",
    response = Done,
    idempotent,
    doc = "https://docs.agora.io/en/broadcast-streaming/restful-api/stream-transfer",
    rate_limit(50, per = second, scope = app_id, shared = "media_broadcast"),
)]
#[auth(hmac)]
pub struct SetTransfer {
    /// The project.
    pub appid: AppId,
    /// The entry point.
    pub entry_point: EntryPointName,
    /// Whether transfer is on (Agora's default: off).
    pub enabled: Option<bool>,
    /// Your server that answers where to forward a stream.
    #[endpoint(rename = "callbackUrl")]
    pub callback_url: Option<CallbackUrl>,
}

/// An entry point's transfer configuration.
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    GET,
    "/v1/projects/{appid}/fls/entry_points/{entry_point}/settings/transfer",
    response = Transfer,
    idempotent,
    doc = "https://docs.agora.io/en/broadcast-streaming/restful-api/stream-transfer",
    rate_limit(50, per = second, scope = app_id, shared = "media_broadcast"),
)]
#[auth(hmac)]
pub struct GetTransfer {
    /// The project.
    pub appid: AppId,
    /// The entry point.
    pub entry_point: EntryPointName,
}

/// Transfer, as [`GetTransfer`] answers it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Transfer {
    /// Whether it is on.
    #[serde(default)]
    pub enabled: bool,
    /// The server that answers where to forward a stream.
    #[serde(default)]
    pub callback_url: Option<String>,
}
