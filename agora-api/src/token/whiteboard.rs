//! Interactive Whiteboard (Netless) tokens: SDK, room and task tokens
//! issued from a whiteboard project's access key pair (AK/SK), without a
//! call to `POST /v5/tokens/...`.
//!
//! A token is a prefix (`NETLESSSDK_`, `NETLESSROOM_`, `NETLESSTASK_`) and
//! the URL-safe, unpadded Base64 of a query string: `ak`, `expireAt`
//! (milliseconds since the epoch; absent for a token that never expires),
//! `nonce`, `role` (`0` admin, `1` writer, `2` reader), `uuid` (the room or
//! task, for those tokens) and `sig`, keys in ascending order, each value
//! `encodeURIComponent`-escaped. `sig` is the lower-case hex HMAC-SHA256,
//! keyed with the secret access key, of the JSON object of the other
//! members, keys ascending, every value a string. That is the scheme of
//! Netless's published token generators; Agora's REST pages only show
//! tokens that start `NETLESSSDK_YWs9` (Base64 of `ak=`), which it
//! matches.

use std::collections::BTreeMap;
use std::fmt;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use base64::Engine as _;
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC};

use super::error::TokenError;
use super::secret::Token;
use crate::auth::Secret;
use crate::error::InvalidInput;

/// What `encodeURIComponent` leaves as it is.
const URI_COMPONENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'!')
    .remove(b'~')
    .remove(b'*')
    .remove(b'\'')
    .remove(b'(')
    .remove(b')');

/// The most a token's decoded text may hold; real ones are ~250 bytes.
const MAX_TOKEN_TEXT: usize = 4096;

/// Which of the three Whiteboard tokens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum WhiteboardTokenKind {
    /// An SDK token (`NETLESSSDK_`): the whole project.
    Sdk,
    /// A room token (`NETLESSROOM_`): one room.
    Room,
    /// A task token (`NETLESSTASK_`): one file-conversion task.
    Task,
}

impl WhiteboardTokenKind {
    /// The token's prefix.
    ///
    /// ```
    /// use agora_api::token::WhiteboardTokenKind;
    /// assert_eq!(WhiteboardTokenKind::Room.prefix(), "NETLESSROOM_");
    /// ```
    pub fn prefix(self) -> &'static str {
        match self {
            WhiteboardTokenKind::Sdk => "NETLESSSDK_",
            WhiteboardTokenKind::Room => "NETLESSROOM_",
            WhiteboardTokenKind::Task => "NETLESSTASK_",
        }
    }
}

/// What a Whiteboard token may do; a lower number may do more.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum WhiteboardRole {
    /// Everything, including creating and banning rooms (`0`).
    Admin,
    /// Read and write (`1`).
    Writer,
    /// Read only (`2`).
    Reader,
}

impl WhiteboardRole {
    /// The digit the token carries.
    pub fn code(self) -> &'static str {
        match self {
            WhiteboardRole::Admin => "0",
            WhiteboardRole::Writer => "1",
            WhiteboardRole::Reader => "2",
        }
    }

    fn from_code(code: &str) -> Option<Self> {
        match code {
            "0" => Some(WhiteboardRole::Admin),
            "1" => Some(WhiteboardRole::Writer),
            "2" => Some(WhiteboardRole::Reader),
            _ => None,
        }
    }

    /// Whether this role may do what `needed` may.
    ///
    /// ```
    /// use agora_api::token::WhiteboardRole;
    /// assert!(WhiteboardRole::Admin.allows(WhiteboardRole::Writer));
    /// assert!(!WhiteboardRole::Reader.allows(WhiteboardRole::Writer));
    /// ```
    pub fn allows(self, needed: WhiteboardRole) -> bool {
        self <= needed
    }
}

/// A whiteboard project's access key pair (Agora Console › the
/// whiteboard project › access keys). The secret is kept as an HMAC key
/// and never printed.
///
/// ```
/// use std::time::Duration;
/// use agora_api::token::{ParsedWhiteboardToken, WhiteboardKeys, WhiteboardRole, WhiteboardTokenKind};
///
/// let keys = WhiteboardKeys::new("BZxxxxxxxx", "gLxxxxxxxxxxxxxx")?;
/// let token = keys.sdk_token(WhiteboardRole::Admin, Some(Duration::from_secs(600)))?;
/// assert!(token.expose_secret().starts_with("NETLESSSDK_YWs9"));
///
/// let parsed = ParsedWhiteboardToken::parse(token.expose_secret())?;
/// assert_eq!(parsed.kind(), WhiteboardTokenKind::Sdk);
/// assert_eq!(parsed.role(), Some(WhiteboardRole::Admin));
/// parsed.verify(&keys)?;
/// assert!(!format!("{keys:?}").contains("gLxx"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone)]
pub struct WhiteboardKeys {
    access_key: Box<str>,
    key: ring::hmac::Key,
}

impl WhiteboardKeys {
    /// Checks that neither key is empty.
    pub fn new(
        access_key: impl Into<String>,
        secret_access_key: impl Into<Secret>,
    ) -> Result<Self, InvalidInput> {
        let access_key = access_key.into();
        let secret = secret_access_key.into();
        if access_key.is_empty() {
            return Err(InvalidInput::new("accessKey", "must not be empty"));
        }
        if secret.expose().is_empty() {
            return Err(InvalidInput::new("secretAccessKey", "must not be empty"));
        }
        Ok(WhiteboardKeys {
            access_key: access_key.into_boxed_str(),
            key: ring::hmac::Key::new(ring::hmac::HMAC_SHA256, secret.expose().as_bytes()),
        })
    }

    /// The access key (AK), which every token carries in the clear.
    pub fn access_key(&self) -> &str {
        &self.access_key
    }

    /// An SDK token for the whole project, valid for `lifespan` (`None`:
    /// it never expires, as `lifespan: 0` asks of Agora's token endpoint).
    pub fn sdk_token(
        &self,
        role: WhiteboardRole,
        lifespan: Option<Duration>,
    ) -> Result<Token, TokenError> {
        self.issue(WhiteboardTokenKind::Sdk, None, role, lifespan)
    }

    /// A room token for the room `room_uuid`.
    pub fn room_token(
        &self,
        room_uuid: &str,
        role: WhiteboardRole,
        lifespan: Option<Duration>,
    ) -> Result<Token, TokenError> {
        self.issue(WhiteboardTokenKind::Room, Some(room_uuid), role, lifespan)
    }

    /// A task token for the conversion task `task_uuid`.
    pub fn task_token(
        &self,
        task_uuid: &str,
        role: WhiteboardRole,
        lifespan: Option<Duration>,
    ) -> Result<Token, TokenError> {
        self.issue(WhiteboardTokenKind::Task, Some(task_uuid), role, lifespan)
    }

    fn issue(
        &self,
        kind: WhiteboardTokenKind,
        uuid: Option<&str>,
        role: WhiteboardRole,
        lifespan: Option<Duration>,
    ) -> Result<Token, TokenError> {
        let expire_at = match lifespan {
            None => None,
            Some(lifespan) => {
                let now = SystemTime::now().duration_since(UNIX_EPOCH).map_err(|_| {
                    TokenError::Clock {
                        detail: "the system time is before 1970".to_owned(),
                    }
                })?;
                let at = now
                    .checked_add(lifespan)
                    .ok_or(TokenError::TimestampOverflow { what: "expireAt" })?;
                Some(
                    u64::try_from(at.as_millis())
                        .map_err(|_| TokenError::TimestampOverflow { what: "expireAt" })?,
                )
            }
        };
        let nonce = super::sys::random_nonce()?;
        Ok(self.issue_with(kind, uuid, role, expire_at, &nonce))
    }

    /// The token with every input given: the expiry in milliseconds since
    /// the epoch and the nonce (a UUID in Netless's generators). For tests
    /// and reproducible vectors; [`sdk_token`](Self::sdk_token) and the
    /// others take the clock and a random nonce.
    ///
    /// ```
    /// use agora_api::token::{WhiteboardKeys, WhiteboardRole, WhiteboardTokenKind};
    ///
    /// let keys = WhiteboardKeys::new("ak1", "sk1")?;
    /// let a = keys.issue_with(WhiteboardTokenKind::Room, Some("room-1"), WhiteboardRole::Writer, Some(1_700_000_000_000), "n1");
    /// let b = keys.issue_with(WhiteboardTokenKind::Room, Some("room-1"), WhiteboardRole::Writer, Some(1_700_000_000_000), "n1");
    /// assert_eq!(a.expose_secret(), b.expose_secret());
    /// # Ok::<(), agora_api::InvalidInput>(())
    /// ```
    pub fn issue_with(
        &self,
        kind: WhiteboardTokenKind,
        uuid: Option<&str>,
        role: WhiteboardRole,
        expire_at_ms: Option<u64>,
        nonce: &str,
    ) -> Token {
        let expire_at = expire_at_ms.map(|at| at.to_string());
        let mut members: BTreeMap<&str, &str> = BTreeMap::new();
        members.insert("ak", &self.access_key);
        members.insert("nonce", nonce);
        members.insert("role", role.code());
        if let Some(at) = &expire_at {
            members.insert("expireAt", at);
        }
        if let Some(uuid) = uuid {
            members.insert("uuid", uuid);
        }
        let sig = signature(&self.key, &members);
        members.insert("sig", &sig);
        let mut text = String::from(kind.prefix());
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode_string(query(&members), &mut text);
        Token::from_secret(text)
    }
}

impl fmt::Debug for WhiteboardKeys {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WhiteboardKeys")
            .field("access_key", &self.access_key)
            .field("secret_access_key", &format_args!("<redacted>"))
            .finish()
    }
}

/// Whiteboard auth that issues a fresh SDK token from the access key pair
/// for every attempt, so no long-lived token is kept or sent: the
/// [`Authorizer`](crate::Authorizer) of
/// [`AuthScheme::WHITEBOARD_TOKEN`](crate::AuthScheme::WHITEBOARD_TOKEN)
/// with the `region` header of the data centre.
///
/// ```
/// use std::time::Duration;
/// use agora_api::token::{WhiteboardKeys, WhiteboardMinter, WhiteboardRole};
/// use agora_api::{AuthScheme, Client, WhiteboardRegion};
///
/// let keys = WhiteboardKeys::new("BZxxxxxxxx", "gLxxxxxxxxxxxxxx")?;
/// let minter = WhiteboardMinter::new(keys, WhiteboardRegion::UsSv)
///     .role(WhiteboardRole::Writer)
///     .lifespan(Duration::from_secs(60));
/// let client = Client::builder()
///     .authorizer(AuthScheme::WHITEBOARD_TOKEN, minter)
///     .build()?;
/// # let _ = client;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct WhiteboardMinter {
    keys: WhiteboardKeys,
    region: crate::WhiteboardRegion,
    role: WhiteboardRole,
    lifespan: Duration,
}

impl WhiteboardMinter {
    /// Admin SDK tokens valid ten minutes, for the calls to `region`.
    pub fn new(keys: WhiteboardKeys, region: crate::WhiteboardRegion) -> Self {
        WhiteboardMinter {
            keys,
            region,
            role: WhiteboardRole::Admin,
            lifespan: Duration::from_secs(600),
        }
    }

    /// The role of the tokens issued (default: admin).
    pub fn role(mut self, role: WhiteboardRole) -> Self {
        self.role = role;
        self
    }

    /// How long each token is valid (default: ten minutes).
    pub fn lifespan(mut self, lifespan: Duration) -> Self {
        self.lifespan = lifespan;
        self
    }
}

impl crate::Authorizer for WhiteboardMinter {
    fn authorize(
        &self,
        request: &mut reqwest::Request,
        context: &crate::AuthContext<'_>,
    ) -> Result<(), crate::Error> {
        let token = self
            .keys
            .sdk_token(self.role, Some(self.lifespan))
            .map_err(|error| crate::Error::Config(format!("a Whiteboard SDK token: {error}")))?;
        crate::WhiteboardToken::new(token.into_secret(), self.region.clone())?
            .authorize(request, context)
    }
}

/// Lower-case hex HMAC-SHA256 of the members as a JSON object (keys
/// ascending, string values).
fn signature(key: &ring::hmac::Key, members: &BTreeMap<&str, &str>) -> String {
    // A map of strings always serializes.
    let json = serde_json::to_string(members).unwrap_or_default();
    let tag = ring::hmac::sign(key, json.as_bytes());
    let mut hex = String::with_capacity(64);
    for byte in tag.as_ref() {
        hex.push(char::from(b"0123456789abcdef"[usize::from(byte >> 4)]));
        hex.push(char::from(b"0123456789abcdef"[usize::from(byte & 15)]));
    }
    hex
}

fn query(members: &BTreeMap<&str, &str>) -> String {
    let mut text = String::new();
    for (index, (name, value)) in members.iter().enumerate() {
        if index > 0 {
            text.push('&');
        }
        text.extend(percent_encoding::utf8_percent_encode(name, URI_COMPONENT));
        text.push('=');
        text.extend(percent_encoding::utf8_percent_encode(value, URI_COMPONENT));
    }
    text
}

/// A Whiteboard token read back: its kind and members. Nothing is trusted
/// until [`verify`](Self::verify) has checked the signature.
#[derive(Clone, PartialEq, Eq)]
pub struct ParsedWhiteboardToken {
    kind: WhiteboardTokenKind,
    members: BTreeMap<String, String>,
}

impl ParsedWhiteboardToken {
    /// Decodes `text`: a known prefix, URL-safe Base64 (padded or not) of
    /// a query string with `ak` and `sig`, each member once.
    pub fn parse(text: &str) -> Result<Self, TokenError> {
        let not_whiteboard = |detail: &str| TokenError::NotWhiteboard {
            detail: detail.to_owned(),
        };
        let (kind, body) = [
            WhiteboardTokenKind::Sdk,
            WhiteboardTokenKind::Room,
            WhiteboardTokenKind::Task,
        ]
        .into_iter()
        .find_map(|kind| text.strip_prefix(kind.prefix()).map(|body| (kind, body)))
        .ok_or_else(|| not_whiteboard("no NETLESSSDK_, NETLESSROOM_ or NETLESSTASK_ prefix"))?;
        if body.len() > MAX_TOKEN_TEXT {
            return Err(not_whiteboard("longer than any Whiteboard token"));
        }
        let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(body.trim_end_matches('='))
            .map_err(|error| TokenError::Base64 {
                detail: error.to_string(),
            })?;
        let text = String::from_utf8(bytes).map_err(|_| not_whiteboard("not UTF-8 text"))?;
        let mut members = BTreeMap::new();
        for pair in text.split('&') {
            let (name, value) = pair
                .split_once('=')
                .ok_or_else(|| not_whiteboard("a member without `=`"))?;
            let decode = |part: &str| {
                percent_encoding::percent_decode_str(part)
                    .decode_utf8()
                    .map(|text| text.into_owned())
                    .map_err(|_| not_whiteboard("a member that is not UTF-8 once decoded"))
            };
            if members.insert(decode(name)?, decode(value)?).is_some() {
                return Err(not_whiteboard("a member given twice"));
            }
        }
        for required in ["ak", "sig"] {
            if !members.contains_key(required) {
                return Err(not_whiteboard(&format!("no `{required}` member")));
            }
        }
        Ok(ParsedWhiteboardToken { kind, members })
    }

    /// Which token it is.
    pub fn kind(&self) -> WhiteboardTokenKind {
        self.kind
    }

    /// The access key it names.
    pub fn access_key(&self) -> &str {
        self.member("ak").unwrap_or_default()
    }

    /// Its role, when it carries a known one.
    pub fn role(&self) -> Option<WhiteboardRole> {
        self.member("role").and_then(WhiteboardRole::from_code)
    }

    /// The room or task it is for.
    pub fn uuid(&self) -> Option<&str> {
        self.member("uuid")
    }

    /// When it expires, in milliseconds since the epoch; `None` when it
    /// never does (or the member is not a number).
    pub fn expire_at_ms(&self) -> Option<u64> {
        self.member("expireAt").and_then(|at| at.parse().ok())
    }

    /// Whether it has expired at `now`.
    pub fn is_expired_at(&self, now: SystemTime) -> bool {
        let Some(at) = self.member("expireAt") else {
            return false;
        };
        let Ok(at) = at.parse::<u64>() else {
            return true;
        };
        let now = now.duration_since(UNIX_EPOCH).map_or(0, |elapsed| {
            u64::try_from(elapsed.as_millis()).unwrap_or(u64::MAX)
        });
        at <= now
    }

    /// Checks that `keys` signed it: the access key it names and the
    /// signature over its other members (compared in constant time).
    pub fn verify(&self, keys: &WhiteboardKeys) -> Result<(), TokenError> {
        let signed: BTreeMap<&str, &str> = self
            .members
            .iter()
            .filter(|(name, _)| name.as_str() != "sig")
            .map(|(name, value)| (name.as_str(), value.as_str()))
            .collect();
        let expected = signature(&keys.key, &signed);
        let presented = self.member("sig").unwrap_or_default();
        let same_key = self.access_key() == keys.access_key();
        let same_sig = expected.len() == presented.len()
            && expected
                .bytes()
                .zip(presented.bytes())
                .fold(0u8, |diff, (a, b)| diff | (a ^ b))
                == 0;
        if same_key && same_sig {
            Ok(())
        } else {
            Err(TokenError::SignatureMismatch)
        }
    }

    fn member(&self, name: &str) -> Option<&str> {
        self.members.get(name).map(String::as_str)
    }
}

impl fmt::Debug for ParsedWhiteboardToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ParsedWhiteboardToken")
            .field("kind", &self.kind)
            .field("access_key", &self.access_key())
            .field("role", &self.role())
            .field("uuid", &self.uuid())
            .field("expire_at_ms", &self.expire_at_ms())
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_signature_is_hmac_sha256_hex_of_the_sorted_json() {
        // Netless's generators' unit vector: HMAC-SHA256("key", "netless").
        let key = ring::hmac::Key::new(ring::hmac::HMAC_SHA256, b"key");
        let tag = ring::hmac::sign(&key, b"netless");
        let hex: String = tag.as_ref().iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(
            hex,
            "4b007294b9ebeccb96fb1ef30c843b9894d6323375e042b1ef2775978225ca7f"
        );
        let members: BTreeMap<&str, &str> = [("role", "0"), ("ak", "a")].into_iter().collect();
        assert_eq!(
            serde_json::to_string(&members).expect("json"),
            r#"{"ak":"a","role":"0"}"#
        );
    }

    #[test]
    fn a_token_reads_back_to_what_it_was_issued_with() {
        let keys = WhiteboardKeys::new("ak-1", "sk-1").expect("keys");
        let token = keys.issue_with(
            WhiteboardTokenKind::Task,
            Some("task uuid/1"),
            WhiteboardRole::Reader,
            Some(1_700_000_000_000),
            "nonce-1",
        );
        let text = token.expose_secret();
        assert!(text.starts_with("NETLESSTASK_YWs9"), "{text}");
        let body = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(&text["NETLESSTASK_".len()..])
            .expect("base64");
        let query = String::from_utf8(body).expect("text");
        assert!(
            query.starts_with("ak=ak-1&expireAt=1700000000000&nonce=nonce-1&role=2&sig="),
            "{query}"
        );
        assert!(query.ends_with("&uuid=task%20uuid%2F1"), "{query}");
        let parsed = ParsedWhiteboardToken::parse(text).expect("parsed");
        assert_eq!(parsed.kind(), WhiteboardTokenKind::Task);
        assert_eq!(parsed.uuid(), Some("task uuid/1"));
        assert_eq!(parsed.role(), Some(WhiteboardRole::Reader));
        assert_eq!(parsed.expire_at_ms(), Some(1_700_000_000_000));
        parsed.verify(&keys).expect("signed with these keys");
        let other = WhiteboardKeys::new("ak-1", "sk-2").expect("keys");
        assert!(matches!(
            parsed.verify(&other),
            Err(TokenError::SignatureMismatch)
        ));
        let at = |ms: u64| UNIX_EPOCH + Duration::from_millis(ms);
        assert!(!parsed.is_expired_at(at(1_699_999_999_999)));
        assert!(parsed.is_expired_at(at(1_700_000_000_000)));
    }

    #[test]
    fn a_changed_member_breaks_the_signature() {
        let keys = WhiteboardKeys::new("ak-1", "sk-1").expect("keys");
        let token = keys.issue_with(
            WhiteboardTokenKind::Sdk,
            None,
            WhiteboardRole::Reader,
            None,
            "n",
        );
        let body = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(&token.expose_secret()["NETLESSSDK_".len()..])
            .expect("base64");
        let promoted = String::from_utf8(body)
            .expect("text")
            .replace("role=2", "role=0");
        let forged = format!(
            "NETLESSSDK_{}",
            base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(promoted)
        );
        let parsed = ParsedWhiteboardToken::parse(&forged).expect("still readable");
        assert_eq!(parsed.role(), Some(WhiteboardRole::Admin));
        assert!(parsed.verify(&keys).is_err(), "the role was not signed so");
        assert!(!parsed.is_expired_at(SystemTime::now()), "never expires");
    }

    #[test]
    fn what_is_not_a_whiteboard_token_is_refused_with_the_reason() {
        for bad in [
            "007eJxT",
            "NETLESSSDK_",
            "NETLESSSDK_!!!",
            "NETLESSSDK_YWs9eA",               // "ak=x": no sig
            "NETLESSSDK_YWs9eCZhaz15JnNpZz0x", // "ak=x&ak=y&sig=1"
        ] {
            assert!(ParsedWhiteboardToken::parse(bad).is_err(), "{bad}");
        }
    }
}
