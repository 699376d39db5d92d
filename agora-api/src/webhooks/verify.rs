//! NCS signatures: `Agora-Signature` (HMAC-SHA1) and `Agora-Signature-V2`
//! (HMAC-SHA256), hex over the raw body, keyed with the NCS secret.

use std::fmt;

use ring::hmac;

use crate::Secret;

/// The header carrying the lower-case hex HMAC-SHA256 of the body.
pub const SIGNATURE_V2_HEADER: &str = "agora-signature-v2";

/// The header carrying the lower-case hex HMAC-SHA1 of the body.
pub const SIGNATURE_V1_HEADER: &str = "agora-signature";

/// Bodies above this size are refused before any work by
/// [`Verifier::receive`] and the axum extractor, unless
/// [`Verifier::max_body_bytes`] says otherwise. Agora publishes no maximum;
/// the largest documented payloads (Conversational AI histories and turn
/// lists of up to 200 turns) stay far below it.
pub const DEFAULT_MAX_BODY_BYTES: usize = 1024 * 1024;

/// The two MACs Agora sends on every notification.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SignatureAlgorithm {
    /// HMAC-SHA256 in [`SIGNATURE_V2_HEADER`]; checked first.
    HmacSha256,
    /// HMAC-SHA1 in [`SIGNATURE_V1_HEADER`].
    HmacSha1,
}

impl SignatureAlgorithm {
    /// The header this MAC travels in (lower case, as `http` names are).
    ///
    /// ```
    /// use agora_api::webhooks::SignatureAlgorithm;
    /// assert_eq!(SignatureAlgorithm::HmacSha1.header_name(), "agora-signature");
    /// assert_eq!(SignatureAlgorithm::HmacSha256.mac_len(), 32);
    /// ```
    pub fn header_name(self) -> &'static str {
        match self {
            SignatureAlgorithm::HmacSha256 => SIGNATURE_V2_HEADER,
            SignatureAlgorithm::HmacSha1 => SIGNATURE_V1_HEADER,
        }
    }

    /// The MAC's length in bytes (its hex is twice as long).
    pub fn mac_len(self) -> usize {
        match self {
            SignatureAlgorithm::HmacSha256 => 32,
            SignatureAlgorithm::HmacSha1 => 20,
        }
    }
}

/// Why a signature header's value is not a signature.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Malformation {
    /// The header appears more than once: which one counts is ambiguous.
    Repeated,
    /// The value has the wrong number of characters for the algorithm.
    Length {
        /// Characters expected (40 for SHA-1, 64 for SHA-256).
        expected: usize,
        /// Characters found.
        found: usize,
    },
    /// A character that is not a hexadecimal digit.
    NotHex,
}

/// A notification that does not prove it came from Agora.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum VerifyError {
    /// Neither `Agora-Signature-V2` nor `Agora-Signature` is present.
    #[error("the notification has no Agora-Signature-V2 or Agora-Signature header")]
    MissingSignature,
    /// Only `Agora-Signature` (SHA-1) is present, and the verifier was told
    /// to accept SHA-256 only ([`Verifier::require_sha256`]).
    #[error("the notification has no Agora-Signature-V2 header and SHA-1 is not accepted")]
    Sha256Required,
    /// The header's value is not a hex MAC of the right length.
    #[error("the {header} header is malformed: {malformation:?}")]
    Malformed {
        /// The header.
        header: &'static str,
        /// What is wrong with it.
        malformation: Malformation,
    },
    /// The MAC does not match the body: a wrong secret, a changed body, or
    /// a body that was re-serialised before it was checked.
    #[error("the {header} header does not match the body")]
    Mismatch {
        /// The header.
        header: &'static str,
    },
    /// The body is larger than [`Verifier::max_body_bytes`].
    #[error("the notification body has {size} bytes, more than the {limit} accepted")]
    TooLarge {
        /// The body's size (or, when it was cut short while reading, the
        /// bytes read so far).
        size: usize,
        /// The limit.
        limit: usize,
    },
}

impl VerifyError {
    /// The HTTP status a receiver should answer: `413` for a body over the
    /// limit, `401` for everything else, as Agora's samples do.
    ///
    /// ```
    /// use agora_api::webhooks::VerifyError;
    /// assert_eq!(VerifyError::MissingSignature.status(), 401);
    /// assert_eq!(VerifyError::TooLarge { size: 2, limit: 1 }.status(), 413);
    /// ```
    pub fn status(&self) -> http::StatusCode {
        match self {
            VerifyError::TooLarge { .. } => http::StatusCode::PAYLOAD_TOO_LARGE,
            _ => http::StatusCode::UNAUTHORIZED,
        }
    }
}

/// The MAC keys of one NCS secret, prepared once.
struct Keys {
    sha256: hmac::Key,
    sha1: hmac::Key,
}

impl Keys {
    fn new(secret: &Secret) -> Self {
        // Agora keys the MAC with the secret's UTF-8 bytes.
        let bytes = secret.expose().as_bytes();
        Keys {
            sha256: hmac::Key::new(hmac::HMAC_SHA256, bytes),
            sha1: hmac::Key::new(hmac::HMAC_SHA1_FOR_LEGACY_USE_ONLY, bytes),
        }
    }

    fn key(&self, algorithm: SignatureAlgorithm) -> &hmac::Key {
        match algorithm {
            SignatureAlgorithm::HmacSha256 => &self.sha256,
            SignatureAlgorithm::HmacSha1 => &self.sha1,
        }
    }
}

/// Checks that a notification came from Agora: the HMAC of the raw body
/// under the NCS secret, compared in constant time.
///
/// Build one per secret (each product's NCS configuration in Console has
/// its own) and keep it: the keys are prepared once, so a check costs two
/// hash passes over the body, a few microseconds for a typical
/// notification. That matters because Agora waits only **10 seconds** for
/// a `200`; answer first and do slow work afterwards (a queue, a spawned
/// task).
///
/// `Agora-Signature-V2` (SHA-256) is checked when present, and then alone:
/// a malformed or wrong V2 fails even if `Agora-Signature` would pass.
/// Without V2, `Agora-Signature` (SHA-1) is checked unless
/// [`require_sha256`](Self::require_sha256) is set. Hex digits are accepted
/// in either case though Agora sends lower case.
///
/// The published vector (Agora's NCS pages, secret `secret`):
///
/// ```
/// use agora_api::{Secret, webhooks::{SignatureAlgorithm, Verifier}};
///
/// let body = br#"{"eventMs":1560408533119,"eventType":10,"noticeId":"4eb720f0-8da7-11e9-a43e-53f411c2761f","notifyMs":1560408533119,"payload":{"a":"1","b":2},"productId":1}"#;
/// let verifier = Verifier::new(&Secret::new("secret"));
///
/// let mut headers = http::HeaderMap::new();
/// headers.insert("agora-signature", "033c62f40f687675f17f0f41f91a40c71c0f134c".parse()?);
/// assert_eq!(verifier.verify(&headers, body), Ok(SignatureAlgorithm::HmacSha1));
///
/// headers.insert(
///     "agora-signature-v2",
///     "6d3320c60b11101395b7fc8f9068748808a0aa1bfa064438e39d1bc2c7d74d99".parse()?,
/// );
/// assert_eq!(verifier.verify(&headers, body), Ok(SignatureAlgorithm::HmacSha256));
///
/// // One byte changed: refused.
/// let mut tampered = body.to_vec();
/// tampered[12] = b'2';
/// assert!(verifier.verify(&headers, &tampered).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct Verifier {
    keys: Keys,
    require_sha256: bool,
    max_body_bytes: usize,
}

impl fmt::Debug for Verifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Verifier")
            .field("secret", &"<redacted>")
            .field("require_sha256", &self.require_sha256)
            .field("max_body_bytes", &self.max_body_bytes)
            .finish()
    }
}

impl Verifier {
    /// A verifier for notifications signed with `secret`.
    pub fn new(secret: &Secret) -> Self {
        Verifier {
            keys: Keys::new(secret),
            require_sha256: false,
            max_body_bytes: DEFAULT_MAX_BODY_BYTES,
        }
    }

    /// Refuse notifications that carry only the SHA-1 signature.
    ///
    /// ```
    /// use agora_api::{Secret, webhooks::{Verifier, VerifyError}};
    /// let verifier = Verifier::new(&Secret::new("secret")).require_sha256(true);
    /// let mut headers = http::HeaderMap::new();
    /// headers.insert("agora-signature", "033c62f40f687675f17f0f41f91a40c71c0f134c".parse()?);
    /// assert_eq!(verifier.verify(&headers, b"{}"), Err(VerifyError::Sha256Required));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn require_sha256(mut self, required: bool) -> Self {
        self.require_sha256 = required;
        self
    }

    /// The largest body [`receive`](Self::receive) and the axum extractor
    /// accept ([`DEFAULT_MAX_BODY_BYTES`] unless set).
    ///
    /// ```
    /// use agora_api::{Secret, webhooks::{Verifier, VerifyError}};
    /// let verifier = Verifier::new(&Secret::new("secret")).max_body_bytes(8);
    /// assert_eq!(verifier.limit(), 8);
    /// let error = verifier.receive(&http::HeaderMap::new(), b"{\"large\":1}").unwrap_err();
    /// assert!(matches!(error, agora_api::webhooks::ReceiveError::Verify(VerifyError::TooLarge { .. })));
    /// ```
    pub fn max_body_bytes(mut self, limit: usize) -> Self {
        self.max_body_bytes = limit;
        self
    }

    /// The body size limit.
    pub fn limit(&self) -> usize {
        self.max_body_bytes
    }

    /// Checks the signature headers in `headers` against the raw `body`,
    /// and says which one was checked. See the type's docs for the rules.
    pub fn verify(
        &self,
        headers: &http::HeaderMap,
        body: &[u8],
    ) -> Result<SignatureAlgorithm, VerifyError> {
        if body.len() > self.max_body_bytes {
            return Err(VerifyError::TooLarge {
                size: body.len(),
                limit: self.max_body_bytes,
            });
        }
        for algorithm in [SignatureAlgorithm::HmacSha256, SignatureAlgorithm::HmacSha1] {
            let mut values = headers.get_all(algorithm.header_name()).iter();
            let Some(value) = values.next() else {
                continue;
            };
            if values.next().is_some() {
                return Err(VerifyError::Malformed {
                    header: algorithm.header_name(),
                    malformation: Malformation::Repeated,
                });
            }
            if algorithm == SignatureAlgorithm::HmacSha1 && self.require_sha256 {
                return Err(VerifyError::Sha256Required);
            }
            self.verify_value(algorithm, value.as_bytes(), body)?;
            return Ok(algorithm);
        }
        Err(VerifyError::MissingSignature)
    }

    /// Checks one signature value (the header's bytes, hex) against `body`:
    /// for a framework whose headers are not `http`'s.
    ///
    /// ```
    /// use agora_api::{Secret, webhooks::{SignatureAlgorithm, Verifier}};
    /// let verifier = Verifier::new(&Secret::new("secret"));
    /// let body = br#"{"eventMs":1560408533119,"eventType":10,"noticeId":"4eb720f0-8da7-11e9-a43e-53f411c2761f","notifyMs":1560408533119,"payload":{"a":"1","b":2},"productId":1}"#;
    /// let hex = b"033c62f40f687675f17f0f41f91a40c71c0f134c";
    /// assert!(verifier.verify_value(SignatureAlgorithm::HmacSha1, hex, body).is_ok());
    /// ```
    pub fn verify_value(
        &self,
        algorithm: SignatureAlgorithm,
        hex: &[u8],
        body: &[u8],
    ) -> Result<(), VerifyError> {
        let header = algorithm.header_name();
        let mut mac = [0u8; 32];
        let mac = &mut mac[..algorithm.mac_len()];
        decode_hex(hex, mac).map_err(|malformation| VerifyError::Malformed {
            header,
            malformation,
        })?;
        // ring compares the tags in constant time.
        hmac::verify(self.keys.key(algorithm), body, mac)
            .map_err(|_| VerifyError::Mismatch { header })
    }
}

/// Signs notification bodies as Agora does: the sending side, for an
/// emulator or a test that plays Agora.
///
/// ```
/// use agora_api::{Secret, webhooks::{Signer, Verifier}};
/// let secret = Secret::new("secret");
/// let body = br#"{"eventMs":1560408533119,"eventType":10,"noticeId":"4eb720f0-8da7-11e9-a43e-53f411c2761f","notifyMs":1560408533119,"payload":{"a":"1","b":2},"productId":1}"#;
/// let signatures = Signer::new(&secret).sign(body);
/// assert_eq!(signatures.sha1_hex(), "033c62f40f687675f17f0f41f91a40c71c0f134c");
/// assert_eq!(
///     signatures.sha256_hex(),
///     "6d3320c60b11101395b7fc8f9068748808a0aa1bfa064438e39d1bc2c7d74d99",
/// );
/// assert!(Verifier::new(&secret).verify(&signatures.to_headers(), body).is_ok());
/// ```
pub struct Signer {
    keys: Keys,
}

impl fmt::Debug for Signer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Signer(<redacted>)")
    }
}

impl Signer {
    /// A signer with `secret`.
    pub fn new(secret: &Secret) -> Self {
        Signer {
            keys: Keys::new(secret),
        }
    }

    /// Both signatures of `body`.
    pub fn sign(&self, body: &[u8]) -> Signatures {
        let sha1 = hmac::sign(&self.keys.sha1, body);
        let sha256 = hmac::sign(&self.keys.sha256, body);
        Signatures {
            sha1_hex: encode_hex(sha1.as_ref()),
            sha256_hex: encode_hex(sha256.as_ref()),
        }
    }
}

/// The two signature header values of one body, lower-case hex.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signatures {
    sha1_hex: String,
    sha256_hex: String,
}

impl Signatures {
    /// The value of `Agora-Signature`.
    pub fn sha1_hex(&self) -> &str {
        &self.sha1_hex
    }

    /// The value of `Agora-Signature-V2`.
    pub fn sha256_hex(&self) -> &str {
        &self.sha256_hex
    }

    /// The headers Agora sends: `Content-Type: application/json` and both
    /// signatures.
    pub fn to_headers(&self) -> http::HeaderMap {
        let mut headers = http::HeaderMap::with_capacity(3);
        headers.insert(
            http::header::CONTENT_TYPE,
            http::HeaderValue::from_static("application/json"),
        );
        for (name, value) in [
            (SIGNATURE_V1_HEADER, &self.sha1_hex),
            (SIGNATURE_V2_HEADER, &self.sha256_hex),
        ] {
            // Lower-case hex is always a valid header value.
            if let Ok(value) = http::HeaderValue::from_str(value) {
                headers.insert(name, value);
            }
        }
        headers
    }
}

/// Decodes `hex` (either case) into `out`, which sets the expected length.
fn decode_hex(hex: &[u8], out: &mut [u8]) -> Result<(), Malformation> {
    let expected = out.len() * 2;
    if hex.len() != expected {
        return Err(Malformation::Length {
            expected,
            found: hex.len(),
        });
    }
    for (byte, pair) in out.iter_mut().zip(hex.chunks_exact(2)) {
        let high = hex_digit(pair[0]).ok_or(Malformation::NotHex)?;
        let low = hex_digit(pair[1]).ok_or(Malformation::NotHex)?;
        *byte = (high << 4) | low;
    }
    Ok(())
}

fn hex_digit(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    }
}

fn encode_hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for byte in bytes {
        out.push(char::from(DIGITS[usize::from(byte >> 4)]));
        out.push(char::from(DIGITS[usize::from(byte & 0x0f)]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_round_trips_in_either_case() {
        let mut out = [0u8; 4];
        assert_eq!(decode_hex(b"00fFa1B2", &mut out), Ok(()));
        assert_eq!(out, [0x00, 0xff, 0xa1, 0xb2]);
        assert_eq!(encode_hex(&out), "00ffa1b2");
        assert_eq!(decode_hex(b"00fga1b2", &mut out), Err(Malformation::NotHex));
        assert_eq!(
            decode_hex(b"00f", &mut out),
            Err(Malformation::Length {
                expected: 8,
                found: 3
            })
        );
        assert_eq!(
            decode_hex("é0ffa1b".as_bytes(), &mut out),
            Err(Malformation::NotHex)
        );
    }
}
