//! Agora access tokens: build, parse and verify AccessToken2 (`"007"`) and
//! the legacy AccessToken (`"006"`), byte for byte like Agora's reference
//! builders.
//!
//! * [`TokenBuilder`] makes the common tokens: RTC (channel + uid or
//!   account, by role or per privilege) and RTM (user ID), in both formats.
//! * [`AccessToken2`] / [`LegacyAccessToken`] build any combination of
//!   services and privileges; [`ParsedAccessToken2`] /
//!   [`ParsedLegacyAccessToken`] decode and verify tokens; [`parse`] accepts
//!   either version.
//! * Secrets never print: [`AppCertificate`] and [`Token`] redact themselves
//!   in `Debug`, and parsed tokens do not print their signature.
//!
//! Which token for the RTM (Signaling) REST API: a legacy `006` RTM token
//! ([`TokenBuilder::legacy_rtm_token`]) goes in the `x-agora-token` and
//! `x-agora-uid` headers; an AccessToken2 RTM token
//! ([`TokenBuilder::rtm_token`]) goes in `Authorization: agora token=<token>`.
//!
//! To authenticate REST calls with tokens the client mints itself, give it
//! an [`RtmTokenMinter`]: it holds the App ID, App Certificate and user ID,
//! caches the current token and mints a new one shortly before expiry.
//!
//! Units differ between the formats. In AccessToken2, `expire` and every
//! privilege value are seconds relative to the issue time. In the legacy
//! format, `ts` and privilege values are absolute unix timestamps.
//! [`TokenBuilder`] takes relative seconds for both and converts.
//!
//! AccessToken2 bodies are compressed as stock zlib compresses them at level
//! 6, which is what the C++, Python, Java, PHP and Ruby reference builders
//! produce, byte for byte: token-sized bodies by the crate's own port of
//! zlib's algorithm (a third faster: it clears only what a stream used and
//! builds its trees without branching), larger ones by zlib itself. Parsing
//! accepts any valid zlib stream (Go, Node, C# or miniz output).
//!
//! ```
//! use agora_api::token::{self, AppCertificate, AppId, ParsedToken, TokenBuilder};
//!
//! let cert = AppCertificate::new("5CFd2fd1755d40ecb72977518be15d3b")?;
//! let builder = TokenBuilder::new(AppId::new("970CA35de60c44645bbae8a215061b33")?, cert.clone());
//! let rtm = builder.rtm_token("test_user", 3600)?;
//!
//! if let ParsedToken::V007(parsed) = token::parse(rtm.expose_secret())? {
//!     parsed.verify(&cert)?;
//!     assert_eq!(parsed.expire(), 3600);
//! }
//! # Ok::<(), agora_api::token::TokenError>(())
//! ```

mod access_token2;
mod builder;
mod codec;
mod deflate;
mod error;
mod legacy;
mod privilege;
mod rtc_source;
mod secret;
mod service;
mod source;
mod sys;
mod whiteboard;

pub use access_token2::{AccessToken2, ParsedAccessToken2, VERSION_007};
pub use builder::{RtcPrivilegeExpiry, RtcRole, TokenBuilder};
pub use error::TokenError;
pub use legacy::{
    LEGACY_TS_VALIDITY_SECS, LegacyAccessToken, ParsedLegacyAccessToken, VERSION_006,
};
pub use privilege::{
    ApaasPrivilege, ChatPrivilege, FcdnPrivilege, FpaPrivilege, LegacyPrivilege, NoPrivilege,
    Privilege, Privileges, RtcPrivilege, Rtm2Privilege, RtmPrivilege, StreamingPrivilege,
};
pub use rtc_source::{EducationTokenMinter, RtcTokenMinter};
pub use secret::{AppCertificate, AppId, Token};
pub use service::{
    ApaasService, ChatService, ConvoAiService, FcdnService, FpaService, PrivilegeEntry, RtcService,
    RtcUser, Rtm2PermissionType, Rtm2Permissions, Rtm2ResourceType, Rtm2Service, RtmService,
    Service, ServiceType, StreamingService, SttService,
};
pub use source::{DEFAULT_LIFETIME_SECS, DEFAULT_RENEW_BEFORE_SECS, RtmTokenMinter};
pub use whiteboard::{
    ParsedWhiteboardToken, WhiteboardKeys, WhiteboardMinter, WhiteboardRole, WhiteboardTokenKind,
};

/// Which format a token is in (re-exported from the crate root, where the
/// client uses it to choose headers).
pub use crate::auth::TokenVersion;

/// A decoded token of either version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParsedToken {
    /// A legacy AccessToken.
    V006(ParsedLegacyAccessToken),
    /// An AccessToken2.
    V007(ParsedAccessToken2),
}

impl ParsedToken {
    /// The token's version.
    pub fn version(&self) -> TokenVersion {
        match self {
            Self::V006(_) => TokenVersion::AccessToken,
            Self::V007(_) => TokenVersion::AccessToken2,
        }
    }

    /// The App ID the token carries.
    pub fn app_id(&self) -> &str {
        match self {
            Self::V006(t) => t.app_id(),
            Self::V007(t) => t.app_id(),
        }
    }
}

/// Decodes a token of either version, chosen by its prefix.
///
/// The signature is not checked; use [`ParsedAccessToken2::verify`] or
/// [`ParsedLegacyAccessToken::verify`].
///
/// ```
/// use agora_api::token::{self, TokenError};
///
/// assert!(matches!(token::parse("00"), Err(TokenError::TooShort { .. })));
/// assert!(matches!(token::parse("008abc"), Err(TokenError::BadVersion { .. })));
/// ```
///
/// # Errors
/// [`TokenError::TooShort`] or [`TokenError::BadVersion`] for an unknown
/// prefix, otherwise the errors of the version's parser.
pub fn parse(token: &str) -> Result<ParsedToken, TokenError> {
    match TokenVersion::of(token) {
        Some(TokenVersion::AccessToken2) => ParsedAccessToken2::parse(token).map(ParsedToken::V007),
        Some(TokenVersion::AccessToken) => {
            ParsedLegacyAccessToken::parse(token).map(ParsedToken::V006)
        }
        None if token.len() < 3 => Err(TokenError::TooShort {
            len: token.len(),
            min: 3,
            format: "Agora",
        }),
        None => Err(TokenError::BadVersion {
            expected: "007 or 006",
            found: token.chars().take(3).collect(),
        }),
    }
}
