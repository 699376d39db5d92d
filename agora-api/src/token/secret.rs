//! Validated credentials and the redacting token wrapper.

use std::fmt;
use std::str::FromStr;

use super::error::TokenError;
use super::{ParsedToken, TokenVersion};

/// Checks the "32 hexadecimal ASCII characters" rule shared by App IDs and
/// App Certificates. The reason never quotes the value.
fn check_hex32(value: &str) -> Result<(), String> {
    let chars = value.chars().count();
    if chars != 32 {
        return Err(format!("got {chars} characters"));
    }
    match value.chars().position(|c| !c.is_ascii_hexdigit()) {
        Some(pos) => Err(format!("character {} is not hexadecimal", pos + 1)),
        None => Ok(()),
    }
}

/// The App ID type tokens are built for: the crate's validated [`AppId`](crate::AppId).
pub use crate::types::AppId;

/// An Agora App Certificate: the secret that signs tokens.
///
/// Exactly 32 hexadecimal characters. It is used as its ASCII text, never
/// hex-decoded. `Debug` prints `AppCertificate(<redacted>)` and `Display`
/// prints `<redacted>`; read the value only with
/// [`expose_secret`](Self::expose_secret).
///
/// ```
/// use agora_api::token::AppCertificate;
///
/// let cert = AppCertificate::new("5CFd2fd1755d40ecb72977518be15d3b")?;
/// assert_eq!(format!("{cert:?}"), "AppCertificate(<redacted>)");
/// assert_eq!(cert.to_string(), "<redacted>");
/// # Ok::<(), agora_api::token::TokenError>(())
/// ```
#[derive(Clone)]
pub struct AppCertificate(String);

impl AppCertificate {
    /// Validates and wraps an App Certificate.
    ///
    /// # Errors
    /// [`TokenError::InvalidAppCertificate`] unless the value is 32
    /// hexadecimal characters. The error never contains the value.
    pub fn new(value: impl Into<String>) -> Result<Self, TokenError> {
        let value = value.into();
        check_hex32(&value).map_err(|reason| TokenError::InvalidAppCertificate { reason })?;
        Ok(Self(value))
    }

    /// The certificate text. Handle with care: this is the secret.
    pub fn expose_secret(&self) -> &str {
        &self.0
    }

    pub(super) fn as_bytes(&self) -> &[u8] {
        self.0.as_bytes()
    }
}

impl FromStr for AppCertificate {
    type Err = TokenError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::new(s)
    }
}

impl fmt::Debug for AppCertificate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("AppCertificate(<redacted>)")
    }
}

impl fmt::Display for AppCertificate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

/// A built or received token string (`"007…"` or `"006…"`).
///
/// Tokens grant access, so `Debug` shows only the version and length, and
/// there is no `Display`. Use [`expose_secret`](Self::expose_secret) to put
/// the token into a request header.
///
/// ```
/// use agora_api::token::{AppCertificate, AppId, TokenBuilder};
///
/// let builder = TokenBuilder::new(
///     AppId::new("970CA35de60c44645bbae8a215061b33")?,
///     AppCertificate::new("5CFd2fd1755d40ecb72977518be15d3b")?,
/// );
/// let token = builder.rtm_token("test_user", 600)?;
/// assert!(token.expose_secret().starts_with("007"));
/// assert!(!format!("{token:?}").contains(token.expose_secret()));
/// # Ok::<(), agora_api::token::TokenError>(())
/// ```
#[derive(Clone)]
pub struct Token(String);

impl Token {
    /// Wraps a token string received from elsewhere. Nothing is checked;
    /// call [`parse`](Self::parse) to decode it.
    pub fn from_secret(token: impl Into<String>) -> Self {
        Self(token.into())
    }

    /// The token text, for an `Authorization` or `x-agora-token` header.
    pub fn expose_secret(&self) -> &str {
        &self.0
    }

    /// Unwraps the token text.
    pub fn into_secret(self) -> String {
        self.0
    }

    /// The version announced by the first three characters, if known.
    pub fn version(&self) -> Option<TokenVersion> {
        TokenVersion::of(&self.0)
    }

    /// Decodes the token (either version).
    ///
    /// # Errors
    /// Any parse error of [`super::parse`].
    pub fn parse(&self) -> Result<ParsedToken, TokenError> {
        super::parse(&self.0)
    }
}

impl fmt::Debug for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let version = match self.version() {
            Some(v) => v.as_str(),
            None => "unknown",
        };
        write!(
            f,
            "Token(<redacted {version} token, {} chars>)",
            self.0.len()
        )
    }
}
