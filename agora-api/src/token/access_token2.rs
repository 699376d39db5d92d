//! AccessToken2, the `"007"` token format.
//!
//! ```text
//! token        = "007" + base64(zlib(content))
//! content      = string(signature) ++ signing_info
//! signing_info = string(app_id) ++ u32 issue_ts ++ u32 expire ++ u32 salt
//!                ++ u16 service_count ++ services (stable-sorted by type)
//! key          = HMAC-SHA256(LE32(salt), HMAC-SHA256(LE32(issue_ts), certificate))
//! signature    = HMAC-SHA256(key, signing_info)
//! ```

use std::fmt;
use std::str::FromStr;

use super::codec::{self, Reader, Writer};
use super::error::TokenError;
use super::secret::{AppCertificate, AppId, Token};
use super::service::Service;
use super::sys;

/// Version prefix of AccessToken2.
pub const VERSION_007: &str = "007";

/// An AccessToken2 (`"007"`) before signing: header fields and services.
///
/// `expire` and every privilege value are seconds relative to `issue_ts`.
/// Services are packed stable-sorted by type, so duplicates of one type keep
/// the order in which they were added (as the current reference builders do).
///
/// ```
/// use agora_api::token::{
///     AccessToken2, AppCertificate, AppId, ParsedAccessToken2, RtmPrivilege, RtmService,
/// };
///
/// let app_id = AppId::new("970CA35de60c44645bbae8a215061b33")?;
/// let cert = AppCertificate::new("5CFd2fd1755d40ecb72977518be15d3b")?;
/// let mut token = AccessToken2::from_parts(&app_id, 1111111, 1, 600);
/// token.add_service(RtmService::new("test_user").with_privilege(RtmPrivilege::Login, 600));
/// let built = token.build(&cert)?;
/// assert_eq!(
///     built.expose_secret(),
///     "007eJxTYOCdJftjyTM2zxW6Xhm/5T0j5LdcUt/xYVt48fb5Mp3PX9coMFiaGzg7GpumpJoZJJuYmJmYJiUlplokGhmaGpgZJhkbu38RYIhgYmBgZABhJiBmBPM5GUpSi0viS4tTiwBZVh6A"
/// );
///
/// let parsed = ParsedAccessToken2::parse(built.expose_secret())?;
/// parsed.verify(&cert)?;
/// assert_eq!(parsed.token(), &token);
/// # Ok::<(), agora_api::token::TokenError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccessToken2 {
    app_id: String,
    issue_ts: u32,
    expire: u32,
    salt: u32,
    services: Vec<Service>,
}

impl AccessToken2 {
    /// A token issued now (system clock) with a random salt in
    /// `[1, 99999999]`, valid for `expire` seconds.
    ///
    /// # Errors
    /// [`TokenError::Clock`] or [`TokenError::Random`] if the system cannot
    /// provide the time or randomness.
    pub fn new(app_id: &AppId, expire: u32) -> Result<Self, TokenError> {
        Ok(Self::from_parts(
            app_id,
            sys::now_unix()?,
            sys::random_salt()?,
            expire,
        ))
    }

    /// A token with explicit issue time and salt (deterministic output).
    pub fn from_parts(app_id: &AppId, issue_ts: u32, salt: u32, expire: u32) -> Self {
        Self {
            app_id: app_id.as_str().to_owned(),
            issue_ts,
            expire,
            salt,
            services: Vec::new(),
        }
    }

    /// The App ID. For a parsed token this is whatever the token carried.
    pub fn app_id(&self) -> &str {
        &self.app_id
    }

    /// Unix time (seconds) at which the token was issued.
    pub fn issue_ts(&self) -> u32 {
        self.issue_ts
    }

    /// Lifetime of the whole token in seconds from [`issue_ts`](Self::issue_ts).
    pub fn expire(&self) -> u32 {
        self.expire
    }

    /// The salt.
    pub fn salt(&self) -> u32 {
        self.salt
    }

    /// Sets the issue time.
    pub fn set_issue_ts(&mut self, issue_ts: u32) -> &mut Self {
        self.issue_ts = issue_ts;
        self
    }

    /// Sets the token lifetime in seconds.
    pub fn set_expire(&mut self, expire: u32) -> &mut Self {
        self.expire = expire;
        self
    }

    /// Sets the salt.
    pub fn set_salt(&mut self, salt: u32) -> &mut Self {
        self.salt = salt;
        self
    }

    /// Unix time at which the whole token expires: `issue_ts + expire`.
    pub fn expires_at(&self) -> u64 {
        u64::from(self.issue_ts) + u64::from(self.expire)
    }

    /// Whether the token has expired at `unix_time` (at or after
    /// [`expires_at`](Self::expires_at)). A privilege is never valid longer
    /// than the token itself.
    pub fn is_expired_at(&self, unix_time: u64) -> bool {
        unix_time >= self.expires_at()
    }

    /// The services in the order they were added (or found when parsing).
    pub fn services(&self) -> &[Service] {
        &self.services
    }

    /// Adds a service. Services of the same type are all kept.
    pub fn add_service(&mut self, service: impl Into<Service>) -> &mut Self {
        self.services.push(service.into());
        self
    }

    /// Adds a service and returns the token (builder style).
    #[must_use]
    pub fn with_service(mut self, service: impl Into<Service>) -> Self {
        self.services.push(service.into());
        self
    }

    /// Removes every service.
    pub fn clear_services(&mut self) -> &mut Self {
        self.services.clear();
        self
    }

    /// The signed part: app id, times, salt and the services stable-sorted by type.
    fn signing_info(&self) -> Result<Vec<u8>, TokenError> {
        // Header and one service with a few privileges and names.
        let mut w = Writer::with_capacity(128);
        w.string("app_id", &self.app_id)?;
        w.u32(self.issue_ts);
        w.u32(self.expire);
        w.u32(self.salt);
        w.count("services", self.services.len())?;
        if self.services.is_sorted_by_key(Service::service_type) {
            // The usual case (one service, or added in type order): no
            // sorted copy needed.
            for s in &self.services {
                s.encode(&mut w)?;
            }
        } else {
            let mut order: Vec<&Service> = self.services.iter().collect();
            order.sort_by_key(|s| s.service_type()); // stable
            for s in order {
                s.encode(&mut w)?;
            }
        }
        Ok(w.into_bytes())
    }

    /// The uncompressed content (`string(signature) ++ signing_info`) that
    /// [`build`](Self::build) compresses. Useful to compare with tokens made
    /// by other zlib implementations.
    ///
    /// # Errors
    /// As [`build`](Self::build).
    pub fn content(&self, cert: &AppCertificate) -> Result<Vec<u8>, TokenError> {
        AppId::check(&self.app_id)?;
        if self.services.is_empty() {
            return Err(TokenError::NoService);
        }
        let info = self.signing_info()?;
        let key = signing_key(cert, self.issue_ts, self.salt);
        let signature = codec::hmac_sha256(&key, &[&info]);
        let mut w = Writer::with_capacity(2 + signature.len() + info.len());
        w.bytes("signature", &signature)?;
        let mut content = w.into_bytes();
        content.extend_from_slice(&info);
        Ok(content)
    }

    /// Signs, compresses (zlib level 6) and encodes the token.
    ///
    /// # Errors
    /// [`TokenError::InvalidInput`] if the App ID (e.g. of a parsed token) is
    /// not 32 hex characters, [`TokenError::NoService`] without services,
    /// [`TokenError::FieldTooLong`] / [`TokenError::TooMany`] when a field
    /// does not fit its `u16` prefix.
    pub fn build(&self, cert: &AppCertificate) -> Result<Token, TokenError> {
        let content = self.content(cert)?;
        let compressed = codec::zlib_compress(&content)?;
        let mut out = String::from(VERSION_007);
        codec::base64_encode_into(&compressed, &mut out);
        Ok(Token::from_secret(out))
    }
}

/// `HMAC(LE32(salt), HMAC(LE32(issue_ts), certificate))`.
fn signing_key(cert: &AppCertificate, issue_ts: u32, salt: u32) -> [u8; 32] {
    let k1 = codec::hmac_sha256(&issue_ts.to_le_bytes(), &[cert.as_bytes()]);
    codec::hmac_sha256(&salt.to_le_bytes(), &[&k1])
}

/// A decoded AccessToken2: the fields, plus what is needed to verify it.
///
/// Parsing never checks the signature; call [`verify`](Self::verify).
/// Parsing stops, successfully, at the first service of a type this module
/// does not know (services carry no length, so nothing after it can be
/// read); the bytes from there on are kept in [`remainder`](Self::remainder)
/// and are still covered by the signature.
///
/// `Debug` does not print the signature.
///
/// ```
/// use agora_api::token::{AppCertificate, ParsedAccessToken2, RtcPrivilege, Service};
///
/// // Official vector V1 as produced by Go's compress/zlib (other bytes than
/// // stock zlib, same content): it parses and verifies all the same.
/// let go = "007eJxSYBBbsMMnKq7p9Hf/HcIX5kce9b518kCiQgSr5Zrp4X1Tu6UUGCzNDZwdjU1TUs0Mkk1MzExMk5ISUy0SjQxNDcwMk4yN3b8IMEQwMTAwMoAwBIL4CgzmKeZGxmamqUmWFsYmFqbGluapxqnGaZYpJmYGSSkpiVwMRhYWRsYmhkbmxoAAAAD//8JqJOM=";
/// let parsed = ParsedAccessToken2::parse(go)?;
/// parsed.verify(&AppCertificate::new("5CFd2fd1755d40ecb72977518be15d3b")?)?;
/// assert_eq!((parsed.issue_ts(), parsed.expire(), parsed.salt()), (1111111, 600, 1));
/// let [Service::Rtc(rtc)] = parsed.services() else { unreachable!() };
/// assert_eq!(rtc.channel_name(), "7d72365eb983485397e3e3f9d460bdda");
/// assert_eq!(rtc.uid(), "2882341273");
/// assert_eq!(rtc.privileges().get(RtcPrivilege::JoinChannel), Some(600));
/// # Ok::<(), agora_api::token::TokenError>(())
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct ParsedAccessToken2 {
    token: AccessToken2,
    signature: [u8; 32],
    signing_info: Vec<u8>,
    declared_service_count: u16,
    unknown_service_type: Option<u16>,
    remainder_start: usize,
}

impl ParsedAccessToken2 {
    /// Decodes a `"007"` token string.
    ///
    /// # Errors
    /// [`TokenError::TooShort`], [`TokenError::BadVersion`],
    /// [`TokenError::Base64`], [`TokenError::Zlib`],
    /// [`TokenError::ContentTooLarge`], [`TokenError::Truncated`],
    /// [`TokenError::InvalidUtf8`] or [`TokenError::BadSignatureLength`].
    pub fn parse(token: &str) -> Result<Self, TokenError> {
        let body = strip_version(token, VERSION_007, 4)?;
        let compressed = codec::base64_decode(body)?;
        let content = codec::zlib_decompress(&compressed)?;
        Self::from_content(&content)
    }

    /// Decodes the uncompressed content (see [`AccessToken2::content`]).
    ///
    /// # Errors
    /// As [`parse`](Self::parse), minus the string-level errors.
    pub fn from_content(content: &[u8]) -> Result<Self, TokenError> {
        let mut r = Reader::new(content);
        let sig = r.bytes("signature")?;
        let signature: [u8; 32] = sig
            .try_into()
            .map_err(|_| TokenError::BadSignatureLength { len: sig.len() })?;
        let signing_info = r.remaining();

        let mut r = Reader::new(signing_info);
        let app_id = r.string("app_id")?;
        let issue_ts = r.u32("issue_ts")?;
        let expire = r.u32("expire")?;
        let salt = r.u32("salt")?;
        let declared_service_count = r.u16("service count")?;
        let mut services = Vec::new();
        let mut unknown_service_type = None;
        for _ in 0..declared_service_count {
            let before = r.remaining();
            let type_code = r.u16("service type")?;
            match Service::decode(type_code, &mut r)? {
                Some(service) => services.push(service),
                None => {
                    unknown_service_type = Some(type_code);
                    r = Reader::new(before);
                    break;
                }
            }
        }
        let remainder_start = signing_info.len().saturating_sub(r.remaining().len());
        Ok(Self {
            token: AccessToken2 {
                app_id,
                issue_ts,
                expire,
                salt,
                services,
            },
            signature,
            signing_info: signing_info.to_vec(),
            declared_service_count,
            unknown_service_type,
            remainder_start,
        })
    }

    /// Checks the signature against `cert` in constant time.
    ///
    /// The signature covers the raw signed bytes, including services this
    /// module could not decode.
    ///
    /// # Errors
    /// [`TokenError::SignatureMismatch`] if `cert` did not sign this token.
    pub fn verify(&self, cert: &AppCertificate) -> Result<(), TokenError> {
        let key = signing_key(cert, self.token.issue_ts, self.token.salt);
        if codec::hmac_sha256_verify(&key, &[&self.signing_info], &self.signature) {
            Ok(())
        } else {
            Err(TokenError::SignatureMismatch)
        }
    }

    /// The decoded fields and services.
    pub fn token(&self) -> &AccessToken2 {
        &self.token
    }

    /// The decoded fields and services, by value (e.g. to rebuild the token
    /// with other services).
    pub fn into_token(self) -> AccessToken2 {
        self.token
    }

    /// The App ID the token carries.
    pub fn app_id(&self) -> &str {
        self.token.app_id()
    }

    /// Issue time (unix seconds).
    pub fn issue_ts(&self) -> u32 {
        self.token.issue_ts()
    }

    /// Token lifetime in seconds from the issue time.
    pub fn expire(&self) -> u32 {
        self.token.expire()
    }

    /// The salt.
    pub fn salt(&self) -> u32 {
        self.token.salt()
    }

    /// `issue_ts + expire` as unix seconds.
    pub fn expires_at(&self) -> u64 {
        self.token.expires_at()
    }

    /// Whether the token has expired at `unix_time`.
    pub fn is_expired_at(&self, unix_time: u64) -> bool {
        self.token.is_expired_at(unix_time)
    }

    /// The services that were decoded, in token order.
    pub fn services(&self) -> &[Service] {
        self.token.services()
    }

    /// The service count written in the token.
    pub fn declared_service_count(&self) -> u16 {
        self.declared_service_count
    }

    /// The type code of the first service this module does not know, if
    /// decoding stopped there.
    pub fn unknown_service_type(&self) -> Option<u16> {
        self.unknown_service_type
    }

    /// Whether every declared service was decoded and no bytes are left over.
    pub fn is_fully_decoded(&self) -> bool {
        self.unknown_service_type.is_none() && self.remainder().is_empty()
    }

    /// Signed bytes that were not decoded: from the first unknown service
    /// (its type code included) to the end, or bytes after the last declared
    /// service. Empty for a normal token.
    pub fn remainder(&self) -> &[u8] {
        self.signing_info
            .get(self.remainder_start..)
            .unwrap_or_default()
    }
}

impl FromStr for ParsedAccessToken2 {
    type Err = TokenError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl fmt::Debug for ParsedAccessToken2 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ParsedAccessToken2")
            .field("token", &self.token)
            .field("signature", &"<redacted>")
            .field("declared_service_count", &self.declared_service_count)
            .field("unknown_service_type", &self.unknown_service_type)
            .field("remainder_len", &self.remainder().len())
            .finish()
    }
}

/// Checks the length and version prefix and returns the rest of the string.
pub(super) fn strip_version<'a>(
    token: &'a str,
    version: &'static str,
    min_len: usize,
) -> Result<&'a str, TokenError> {
    let found = token
        .get(..3)
        .map_or_else(|| token.chars().take(3).collect::<String>(), str::to_owned);
    if found != version {
        if token.len() < 3 {
            return Err(TokenError::TooShort {
                len: token.len(),
                min: min_len,
                format: version,
            });
        }
        return Err(TokenError::BadVersion {
            expected: version,
            found,
        });
    }
    if token.len() < min_len {
        return Err(TokenError::TooShort {
            len: token.len(),
            min: min_len,
            format: version,
        });
    }
    Ok(token.get(3..).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(bytes: &[u8]) -> String {
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }

    #[test]
    fn signing_key_intermediates_match_reference_debug_values() {
        let cert = AppCertificate::new("5CFd2fd1755d40ecb72977518be15d3b").unwrap();
        let k1 = codec::hmac_sha256(&1_111_111u32.to_le_bytes(), &[cert.as_bytes()]);
        assert_eq!(
            hex(&k1),
            "e0f6141e54329d72102500478ec18e0020a5eeef53bbcccc442c6c2f7f178251"
        );
        assert_eq!(
            hex(&signing_key(&cert, 1_111_111, 1)),
            "cee2fa8dcbe868c30ca8c959d97fad4a5049c634da48449f1b8f59c14fa61073"
        );
    }

    #[test]
    fn strip_version_handles_multibyte_prefixes_without_panicking() {
        assert!(matches!(
            strip_version("0é7abc", VERSION_007, 4),
            Err(TokenError::BadVersion { .. })
        ));
        assert!(matches!(
            strip_version("é", VERSION_007, 4),
            Err(TokenError::TooShort { .. })
        ));
    }
}
