//! The legacy AccessToken, the `"006"` token format (no compression).
//!
//! ```text
//! token     = "006" + app_id (32 chars) + base64(content)
//! content   = string(signature) ++ u32 crc32(channel_name) ++ u32 crc32(uid)
//!             ++ string(message)
//! message   = u32 salt ++ u32 ts ++ map<u16,u32> privileges
//! signature = HMAC-SHA256(certificate, app_id ++ channel_name ++ uid ++ message)
//! ```
//!
//! `ts` and every privilege value are absolute unix timestamps. RTM v1
//! tokens use `channel_name = user_id`, `uid = ""` and privilege
//! [`LegacyPrivilege::RtmLogin`] (1000).

use std::fmt;
use std::str::FromStr;

use super::access_token2::strip_version;
use super::codec::{self, Reader, Writer};
use super::error::TokenError;
use super::privilege::{LegacyPrivilege, Privileges};
use super::secret::{AppCertificate, AppId, Token};
use super::service::RtcUser;
use super::sys;

/// Version prefix of the legacy AccessToken.
pub const VERSION_006: &str = "006";

/// How long the reference builders make a legacy token valid: `ts = now + 24 h`.
pub const LEGACY_TS_VALIDITY_SECS: u32 = 24 * 3600;

const APP_ID_LEN: usize = 32;

/// A legacy AccessToken (`"006"`) before signing.
///
/// ```
/// use agora_api::token::{AppCertificate, AppId, LegacyAccessToken, LegacyPrivilege};
///
/// let app_id = AppId::new("970CA35de60c44645bbae8a215061b33")?;
/// let cert = AppCertificate::new("5CFd2fd1755d40ecb72977518be15d3b")?;
/// // RTM v1 (RtmTokenBuilder): channel = user id, uid = "", privilege 1000.
/// let token = LegacyAccessToken::rtm(&app_id, "test_user", 1111111, 1)
///     .with_privilege(LegacyPrivilege::RtmLogin, 1446455471)
///     .build(&cert)?;
/// assert_eq!(
///     token.expose_secret(),
///     "006970CA35de60c44645bbae8a215061b33IAAsR0qgiCxv0vrpRcpkz5BrbfEWCBZ6kvR6t7qG/wJIQob86ogAAAAAEAABAAAAR/QQAAEA6AOvKDdW"
/// );
/// # Ok::<(), agora_api::token::TokenError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LegacyAccessToken {
    app_id: String,
    channel_name: String,
    uid: String,
    salt: u32,
    ts: u32,
    privileges: Privileges<LegacyPrivilege>,
}

impl LegacyAccessToken {
    /// A token with `ts = now + 24 h` (system clock) and a random salt in
    /// `[1, 99999999]`, as the reference builders make it.
    ///
    /// # Errors
    /// [`TokenError::Clock`], [`TokenError::Random`], or
    /// [`TokenError::TimestampOverflow`] if now + 24 h does not fit in `u32`.
    pub fn new(
        app_id: &AppId,
        channel_name: impl Into<String>,
        uid: impl Into<RtcUser>,
    ) -> Result<Self, TokenError> {
        let ts = sys::now_unix()?
            .checked_add(LEGACY_TS_VALIDITY_SECS)
            .ok_or(TokenError::TimestampOverflow { what: "now + 24 h" })?;
        Ok(Self::from_parts(
            app_id,
            channel_name,
            uid,
            ts,
            sys::random_salt()?,
        ))
    }

    /// A token with explicit `ts` (absolute unix time) and salt.
    pub fn from_parts(
        app_id: &AppId,
        channel_name: impl Into<String>,
        uid: impl Into<RtcUser>,
        ts: u32,
        salt: u32,
    ) -> Self {
        Self {
            app_id: app_id.as_str().to_owned(),
            channel_name: channel_name.into(),
            uid: uid.into().to_wire_string(),
            salt,
            ts,
            privileges: Privileges::new(),
        }
    }

    /// An RTM v1 token skeleton (RtmTokenBuilder): the channel name is the
    /// user ID and the uid is empty. Add [`LegacyPrivilege::RtmLogin`].
    pub fn rtm(app_id: &AppId, user_id: impl Into<String>, ts: u32, salt: u32) -> Self {
        Self::from_parts(app_id, user_id, RtcUser::Account(String::new()), ts, salt)
    }

    /// The App ID.
    pub fn app_id(&self) -> &str {
        &self.app_id
    }

    /// The channel name (the user ID for RTM v1).
    pub fn channel_name(&self) -> &str {
        &self.channel_name
    }

    /// The uid as packed (`""` for uid 0 and for RTM v1).
    pub fn uid(&self) -> &str {
        &self.uid
    }

    /// The salt.
    pub fn salt(&self) -> u32 {
        self.salt
    }

    /// The absolute `ts` (the reference builders set now + 24 h).
    pub fn ts(&self) -> u32 {
        self.ts
    }

    /// The privileges (absolute unix timestamps).
    pub fn privileges(&self) -> &Privileges<LegacyPrivilege> {
        &self.privileges
    }

    /// Mutable access to the privileges.
    pub fn privileges_mut(&mut self) -> &mut Privileges<LegacyPrivilege> {
        &mut self.privileges
    }

    /// Sets a privilege (absolute unix timestamp) and returns the token.
    #[must_use]
    pub fn with_privilege(mut self, privilege: LegacyPrivilege, expire_ts: u32) -> Self {
        self.privileges.insert(privilege, expire_ts);
        self
    }

    fn message(&self) -> Result<Vec<u8>, TokenError> {
        let mut w = Writer::new();
        w.u32(self.salt);
        w.u32(self.ts);
        w.privileges(self.privileges.raw())?;
        Ok(w.into_bytes())
    }

    /// Signs and encodes the token.
    ///
    /// # Errors
    /// [`TokenError::InvalidAppId`] if the App ID is not 32 hex characters,
    /// [`TokenError::TooMany`] with more than 65535 privileges.
    pub fn build(&self, cert: &AppCertificate) -> Result<Token, TokenError> {
        AppId::check(&self.app_id)?;
        let message = self.message()?;
        let signature = codec::hmac_sha256(
            cert.as_bytes(),
            &[
                self.app_id.as_bytes(),
                self.channel_name.as_bytes(),
                self.uid.as_bytes(),
                &message,
            ],
        );
        let mut w = Writer::new();
        w.bytes("signature", &signature)?;
        w.u32(codec::crc32(self.channel_name.as_bytes()));
        w.u32(codec::crc32(self.uid.as_bytes()));
        w.bytes("message", &message)?;
        let mut out = String::from(VERSION_006);
        out.push_str(&self.app_id);
        codec::base64_encode_into(&w.into_bytes(), &mut out);
        Ok(Token::from_secret(out))
    }
}

/// A decoded legacy AccessToken.
///
/// The token holds only CRC-32 checksums of the channel name and uid, so
/// [`verify`](Self::verify) needs them from the caller. `Debug` does not
/// print the signature.
///
/// ```
/// use agora_api::token::{AppCertificate, LegacyPrivilege, ParsedLegacyAccessToken, TokenError};
///
/// let cert = AppCertificate::new("5CFd2fd1755d40ecb72977518be15d3b")?;
/// // Official vector L1: channel + uid 2882341273, join until 1446455471.
/// let l1 = "006970CA35de60c44645bbae8a215061b33IACV0fZUBw+72cVoL9eyGGh3Q6Poi8bgjwVLnyKSJyOXR7dIfRBXoFHlEAABAAAAR/QQAAEAAQCvKDdW";
/// let parsed = ParsedLegacyAccessToken::parse(l1)?;
/// assert_eq!(parsed.privileges().get(LegacyPrivilege::JoinChannel), Some(1446455471));
/// parsed.verify(&cert, "7d72365eb983485397e3e3f9d460bdda", 2882341273)?;
/// assert!(matches!(
///     parsed.verify(&cert, "another-channel", 2882341273),
///     Err(TokenError::ChannelNameMismatch { .. })
/// ));
/// # Ok::<(), TokenError>(())
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct ParsedLegacyAccessToken {
    app_id: String,
    signature: [u8; 32],
    crc_channel_name: u32,
    crc_uid: u32,
    salt: u32,
    ts: u32,
    privileges: Privileges<LegacyPrivilege>,
    message: Vec<u8>,
}

impl ParsedLegacyAccessToken {
    /// Decodes a `"006"` token string.
    ///
    /// # Errors
    /// [`TokenError::TooShort`], [`TokenError::BadVersion`],
    /// [`TokenError::InvalidAppId`] (not 32 ASCII characters),
    /// [`TokenError::Base64`], [`TokenError::Truncated`],
    /// [`TokenError::BadSignatureLength`] or [`TokenError::TrailingBytes`].
    pub fn parse(token: &str) -> Result<Self, TokenError> {
        let min = 3 + APP_ID_LEN + 4;
        let rest = strip_version(token, VERSION_006, min)?;
        let app_id = rest
            .get(..APP_ID_LEN)
            .ok_or_else(|| TokenError::InvalidAppId {
                reason: "the 32 characters after the version are not all ASCII".to_owned(),
            })?;
        if !app_id.is_ascii() {
            return Err(TokenError::InvalidAppId {
                reason: "the 32 characters after the version are not all ASCII".to_owned(),
            });
        }
        let body = rest.get(APP_ID_LEN..).unwrap_or_default();
        let content = codec::base64_decode(body)?;

        let mut r = Reader::new(&content);
        let sig = r.bytes("signature")?;
        let signature: [u8; 32] = sig
            .try_into()
            .map_err(|_| TokenError::BadSignatureLength { len: sig.len() })?;
        let crc_channel_name = r.u32("crc32(channel_name)")?;
        let crc_uid = r.u32("crc32(uid)")?;
        let message = r.bytes("message")?;
        if !r.is_empty() {
            return Err(TokenError::TrailingBytes {
                after: "message",
                len: r.remaining().len(),
            });
        }

        let mut m = Reader::new(message);
        let salt = m.u32("salt")?;
        let ts = m.u32("ts")?;
        let privileges = Privileges::from_raw(m.privileges("privileges")?);
        if !m.is_empty() {
            return Err(TokenError::TrailingBytes {
                after: "privileges",
                len: m.remaining().len(),
            });
        }
        Ok(Self {
            app_id: app_id.to_owned(),
            signature,
            crc_channel_name,
            crc_uid,
            salt,
            ts,
            privileges,
            message: message.to_vec(),
        })
    }

    /// Checks that the token was built for `channel_name` and `uid` and
    /// signed with `cert` (constant-time signature comparison).
    ///
    /// For an RTM v1 token pass the user ID as `channel_name` and `""` as
    /// `uid` (or use [`verify_rtm`](Self::verify_rtm)).
    ///
    /// # Errors
    /// [`TokenError::ChannelNameMismatch`], [`TokenError::UidMismatch`] or
    /// [`TokenError::SignatureMismatch`].
    pub fn verify(
        &self,
        cert: &AppCertificate,
        channel_name: &str,
        uid: impl Into<RtcUser>,
    ) -> Result<(), TokenError> {
        let uid = uid.into().to_wire_string();
        let crc_channel = codec::crc32(channel_name.as_bytes());
        if crc_channel != self.crc_channel_name {
            return Err(TokenError::ChannelNameMismatch {
                expected: self.crc_channel_name,
                actual: crc_channel,
            });
        }
        let crc_uid = codec::crc32(uid.as_bytes());
        if crc_uid != self.crc_uid {
            return Err(TokenError::UidMismatch {
                expected: self.crc_uid,
                actual: crc_uid,
            });
        }
        let parts: [&[u8]; 4] = [
            self.app_id.as_bytes(),
            channel_name.as_bytes(),
            uid.as_bytes(),
            &self.message,
        ];
        if codec::hmac_sha256_verify(cert.as_bytes(), &parts, &self.signature) {
            Ok(())
        } else {
            Err(TokenError::SignatureMismatch)
        }
    }

    /// [`verify`](Self::verify) for an RTM v1 token of `user_id`.
    ///
    /// # Errors
    /// As [`verify`](Self::verify).
    pub fn verify_rtm(&self, cert: &AppCertificate, user_id: &str) -> Result<(), TokenError> {
        self.verify(cert, user_id, RtcUser::Account(String::new()))
    }

    /// The App ID (the 32 characters after `"006"`).
    pub fn app_id(&self) -> &str {
        &self.app_id
    }

    /// CRC-32 (IEEE) of the channel name the token was built for.
    pub fn crc_channel_name(&self) -> u32 {
        self.crc_channel_name
    }

    /// CRC-32 (IEEE) of the uid string (0 for `""`).
    pub fn crc_uid(&self) -> u32 {
        self.crc_uid
    }

    /// The salt.
    pub fn salt(&self) -> u32 {
        self.salt
    }

    /// The absolute `ts` (reference builders: build time + 24 h).
    pub fn ts(&self) -> u32 {
        self.ts
    }

    /// Whether `ts` has passed at `unix_time`.
    pub fn is_expired_at(&self, unix_time: u64) -> bool {
        unix_time >= u64::from(self.ts)
    }

    /// The privileges (absolute unix timestamps).
    pub fn privileges(&self) -> &Privileges<LegacyPrivilege> {
        &self.privileges
    }
}

impl FromStr for ParsedLegacyAccessToken {
    type Err = TokenError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl fmt::Debug for ParsedLegacyAccessToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ParsedLegacyAccessToken")
            .field("app_id", &self.app_id)
            .field("signature", &"<redacted>")
            .field("crc_channel_name", &self.crc_channel_name)
            .field("crc_uid", &self.crc_uid)
            .field("salt", &self.salt)
            .field("ts", &self.ts)
            .field("privileges", &self.privileges)
            .finish()
    }
}
