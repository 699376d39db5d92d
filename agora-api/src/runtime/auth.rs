//! Credentials: Basic (Customer ID + Customer Secret) and Real-time
//! Messaging tokens. Secrets are kept in types whose `Debug` says
//! `<redacted>`, and turned into header values marked sensitive, so they
//! stay out of logs, errors and HTTP/2 header compression tables.

use std::fmt;
use std::sync::Arc;

use base64::Engine as _;
use reqwest::header::{AUTHORIZATION, HeaderMap, HeaderName, HeaderValue};

use crate::error::{Error, InvalidInput};
use crate::types::UserId;

/// A secret string: printed as `<redacted>` by `Debug`, and without a
/// `Display`, so it cannot end up in a log line by accident.
///
/// ```
/// let secret = agora_api::Secret::new("s3cr3t");
/// assert_eq!(format!("{secret:?}"), "Secret(<redacted>)");
/// assert_eq!(secret.expose(), "s3cr3t");
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(Box<str>);

impl Secret {
    /// Wraps `value`.
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into().into_boxed_str())
    }

    /// The secret itself. Call it only where the value must be used.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(<redacted>)")
    }
}

/// A secret is sent where Agora asks for it (a storage key in a request
/// body), so it serializes as the plain string.
impl serde::Serialize for Secret {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> serde::Deserialize<'de> for Secret {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(Secret::new)
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Secret::new(value)
    }
}

#[cfg(feature = "token")]
impl From<crate::token::Token> for Secret {
    fn from(token: crate::token::Token) -> Self {
        Secret::new(token.into_secret())
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Self {
        Secret::new(value)
    }
}

/// A header value that must never be logged or compressed into a shared
/// HTTP/2 table.
fn sensitive(value: &str, field: &'static str) -> Result<HeaderValue, InvalidInput> {
    let mut header = HeaderValue::from_str(value).map_err(|_| {
        InvalidInput::new(
            field,
            "must be visible ASCII text (no line breaks or control characters)",
        )
    })?;
    header.set_sensitive(true);
    Ok(header)
}

/// HTTP Basic credentials: the Customer ID and Customer Secret from Agora
/// Console (Developer Toolkit › RESTful API), encoded once into
/// `Authorization: Basic base64(customer_id:customer_secret)`.
///
/// ```
/// let basic = agora_api::BasicAuth::new("id", "secret")?;
/// assert_eq!(basic.customer_id(), "id");
/// assert_eq!(format!("{basic:?}"), r#"BasicAuth { customer_id: "id", customer_secret: <redacted> }"#);
/// # Ok::<(), agora_api::InvalidInput>(())
/// ```
#[derive(Clone)]
pub struct BasicAuth {
    customer_id: Box<str>,
    header: HeaderValue,
}

impl BasicAuth {
    /// Encodes the credentials. Fails when either part is empty, or the ID
    /// holds a `:` (Basic auth could not tell where the ID ends).
    pub fn new(
        customer_id: impl Into<String>,
        customer_secret: impl Into<Secret>,
    ) -> Result<Self, InvalidInput> {
        let customer_id = customer_id.into();
        let customer_secret = customer_secret.into();
        if customer_id.is_empty() {
            return Err(InvalidInput::new("customer_id", "must not be empty"));
        }
        if customer_id.contains(':') {
            return Err(InvalidInput::new("customer_id", "must not contain ':'"));
        }
        if customer_secret.expose().is_empty() {
            return Err(InvalidInput::new("customer_secret", "must not be empty"));
        }
        let encoded = base64::engine::general_purpose::STANDARD
            .encode(format!("{customer_id}:{}", customer_secret.expose()));
        let header = sensitive(&format!("Basic {encoded}"), "customer_secret")?;
        Ok(BasicAuth {
            customer_id: customer_id.into_boxed_str(),
            header,
        })
    }

    /// The Customer ID (not a secret).
    pub fn customer_id(&self) -> &str {
        &self.customer_id
    }

    pub(crate) fn header(&self) -> &HeaderValue {
        &self.header
    }
}

impl fmt::Debug for BasicAuth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("BasicAuth")
            .field("customer_id", &self.customer_id)
            .field("customer_secret", &format_args!("<redacted>"))
            .finish()
    }
}

/// Which format a token string is in; its first three characters say.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokenVersion {
    /// The legacy AccessToken (`006...`): sent as `x-agora-token` plus
    /// `x-agora-uid`.
    AccessToken,
    /// AccessToken2 (`007...`): sent as `Authorization: agora token=...`.
    AccessToken2,
}

impl TokenVersion {
    /// The version of `token`, from its prefix.
    ///
    /// ```
    /// use agora_api::TokenVersion;
    /// assert_eq!(TokenVersion::of("007eJxT..."), Some(TokenVersion::AccessToken2));
    /// assert_eq!(TokenVersion::of("006970CA..."), Some(TokenVersion::AccessToken));
    /// assert_eq!(TokenVersion::of("hello"), None);
    /// ```
    pub fn of(token: &str) -> Option<Self> {
        match token.get(..3) {
            Some("006") => Some(TokenVersion::AccessToken),
            Some("007") => Some(TokenVersion::AccessToken2),
            _ => None,
        }
    }

    /// The three-character prefix: `"006"` or `"007"`.
    ///
    /// ```
    /// assert_eq!(agora_api::TokenVersion::AccessToken2.as_str(), "007");
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            TokenVersion::AccessToken => "006",
            TokenVersion::AccessToken2 => "007",
        }
    }
}

impl fmt::Display for TokenVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An RTM token and the user ID it was generated for, with the headers they
/// become already built (and marked sensitive). Cloning is cheap.
///
/// ```
/// use agora_api::{RtmCredentials, TokenVersion, UserId};
/// let credentials = RtmCredentials::new("007eJxTYPh...", UserId::new("alice")?)?;
/// assert_eq!(credentials.version(), TokenVersion::AccessToken2);
/// assert!(!format!("{credentials:?}").contains("eJxT"));
/// assert!(RtmCredentials::new("not a token", UserId::new("alice")?).is_err());
/// # Ok::<(), agora_api::InvalidInput>(())
/// ```
#[derive(Clone)]
pub struct RtmCredentials {
    inner: Arc<RtmCredentialsInner>,
}

struct RtmCredentialsInner {
    user_id: UserId,
    version: TokenVersion,
    headers: Vec<(HeaderName, HeaderValue)>,
}

impl RtmCredentials {
    /// Checks that `token` is an Agora token (`006...` or `007...`) and
    /// builds its headers.
    pub fn new(token: impl Into<Secret>, user_id: UserId) -> Result<Self, InvalidInput> {
        let token = token.into();
        let version = TokenVersion::of(token.expose()).ok_or_else(|| {
            InvalidInput::new(
                "rtm_token",
                "must be an Agora token: an AccessToken2 starting with \"007\" or an AccessToken starting with \"006\"",
            )
        })?;
        let headers = match version {
            TokenVersion::AccessToken2 => vec![(
                AUTHORIZATION,
                sensitive(&format!("agora token={}", token.expose()), "rtm_token")?,
            )],
            TokenVersion::AccessToken => vec![
                (
                    HeaderName::from_static("x-agora-token"),
                    sensitive(token.expose(), "rtm_token")?,
                ),
                (
                    HeaderName::from_static("x-agora-uid"),
                    HeaderValue::from_str(user_id.as_str())
                        .map_err(|_| InvalidInput::new("user_id", "must be visible ASCII text"))?,
                ),
            ],
        };
        Ok(RtmCredentials {
            inner: Arc::new(RtmCredentialsInner {
                user_id,
                version,
                headers,
            }),
        })
    }

    /// The user ID the token was generated for.
    pub fn user_id(&self) -> &UserId {
        &self.inner.user_id
    }

    /// The token's format.
    pub fn version(&self) -> TokenVersion {
        self.inner.version
    }

    pub(crate) fn apply(&self, headers: &mut HeaderMap) {
        for (name, value) in &self.inner.headers {
            headers.insert(name.clone(), value.clone());
        }
    }
}

impl fmt::Debug for RtmCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RtmCredentials")
            .field("user_id", &self.inner.user_id)
            .field("version", &self.inner.version)
            .field("token", &format_args!("<redacted>"))
            .finish()
    }
}

/// Where the client gets the RTM token for each call that uses RTM token
/// auth. A fixed token is one ([`RtmCredentials`] itself); a source that
/// mints fresh tokens from the App Certificate is another.
///
/// Minting is pure computation, so this is a plain function: it must be
/// cheap and must not block on I/O.
pub trait RtmTokenSource: fmt::Debug + Send + Sync + 'static {
    /// The credentials to send now.
    fn credentials(&self) -> Result<RtmCredentials, Error>;
}

impl RtmTokenSource for RtmCredentials {
    fn credentials(&self) -> Result<RtmCredentials, Error> {
        Ok(self.clone())
    }
}
