//! The values Media Gateway's paths and bodies carry: stream keys,
//! template IDs, host user IDs, stream session IDs.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::InvalidInput;
use crate::types::{NAME_PUNCTUATION, check_name};
use crate::values::{closed_enum, issued_id, validated_string};

/// A streaming key: what an encoder pushes with (`rtmp://.../live/{key}`)
/// and the `{streamKey}` of the key calls.
///
/// Agora says to keep it secure (anyone with it can push to the
/// channel): `Debug` never prints it. `Display` and serialization write
/// it, since it is sent in paths and bodies; [`expose`](Self::expose)
/// reads it. Opaque: only what would break a URL is refused.
///
/// ```
/// use agora_api::media_gateway::StreamKey;
/// let key: StreamKey = "2dfMTRfys".parse()?;
/// assert_eq!(key.expose(), "2dfMTRfys");
/// assert_eq!(format!("{key:?}"), "StreamKey(<redacted>)");
/// assert!(StreamKey::new("a b").is_err());
/// # Ok::<(), agora_api::InvalidInput>(())
/// ```
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct StreamKey(Box<str>);

impl StreamKey {
    /// Checks `value` (non-empty, no whitespace or control characters).
    pub fn new(value: impl Into<String>) -> Result<Self, InvalidInput> {
        let value = value.into();
        issued_id(&value).map_err(|rule| InvalidInput::new("streamKey", rule))?;
        Ok(StreamKey(value.into_boxed_str()))
    }

    /// The key, to configure an encoder with.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for StreamKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("StreamKey(<redacted>)")
    }
}

/// The key as sent in a path.
impl fmt::Display for StreamKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl FromStr for StreamKey {
    type Err = InvalidInput;
    fn from_str(value: &str) -> Result<Self, InvalidInput> {
        StreamKey::new(value)
    }
}

impl Serialize for StreamKey {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for StreamKey {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        StreamKey::new(String::deserialize(deserializer)?).map_err(serde::de::Error::custom)
    }
}

validated_string! {
    /// A flow-configuration template ID (`templateId`): 1 to 12 ASCII
    /// letters and digits, chosen by the caller (`720p`, `gameA`).
    ///
    /// ```
    /// use agora_api::media_gateway::TemplateId;
    /// assert!(TemplateId::new("1080p").is_ok());
    /// assert_eq!(
    ///     TemplateId::new("hd-720").unwrap_err().to_string(),
    ///     "invalid `templateId`: contains '-'; allowed are ASCII letters and digits"
    /// );
    /// assert!(TemplateId::new("abcdefghijklm").is_err());
    /// ```
    TemplateId, field = "templateId", check = check_template_id
}

fn check_template_id(value: &str) -> Result<(), String> {
    if let Some(bad) = value.chars().find(|c| !c.is_ascii_alphanumeric()) {
        return Err(format!(
            "contains {bad:?}; allowed are ASCII letters and digits"
        ));
    }
    let bytes = value.len();
    if !(1..=12).contains(&bytes) {
        return Err(format!("must be 1 to 12 bytes (got {bytes})"));
    }
    Ok(())
}

validated_string! {
    /// The host's user ID in the channel (`uid`), as Media Gateway takes
    /// it: text of at most 255 bytes of Agora's 89-character set. Digits
    /// from 1 to 4294967295 are an integer UID (`"0123"` is UID 123),
    /// larger numbers and anything else a string UID; `"0"` (or `""`)
    /// lets Agora pick a random integer UID.
    ///
    /// ```
    /// use agora_api::media_gateway::GatewayUid;
    /// assert_eq!(GatewayUid::new("0123")?.integer(), Some(123));
    /// assert_eq!(GatewayUid::new("4294967296")?.integer(), None);
    /// assert!(GatewayUid::new("0")?.is_random());
    /// assert!(GatewayUid::new("a/b").is_err());
    /// # Ok::<(), agora_api::InvalidInput>(())
    /// ```
    GatewayUid, field = "uid", check = check_gateway_uid
}

fn check_gateway_uid(value: &str) -> Result<(), String> {
    if value.is_empty() {
        // Agora's "leave it empty": a random UID, like "0".
        return Ok(());
    }
    check_name(value, 255, "bytes", NAME_PUNCTUATION)
}

impl GatewayUid {
    /// The integer UID Agora reads it as, when it is one: digits with a
    /// value from 1 to 4294967295.
    pub fn integer(&self) -> Option<u32> {
        if !self.as_str().bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        self.as_str().parse::<u32>().ok().filter(|uid| *uid != 0)
    }

    /// Whether Agora picks a random integer UID for it (`"0"`, `"00"`,
    /// or empty).
    pub fn is_random(&self) -> bool {
        self.as_str().bytes().all(|b| b == b'0')
    }
}

validated_string! {
    /// A streaming session ID (`sid`): one push of one stream, from the
    /// online-streams list or Agora's notifications. Opaque: only what
    /// would break a URL is refused.
    ///
    /// ```
    /// use agora_api::media_gateway::StreamSessionId;
    /// assert!(StreamSessionId::new("6D8D3B2C1A0F4E5D").is_ok());
    /// assert!(StreamSessionId::new("").is_err());
    /// ```
    StreamSessionId, field = "sid", check = issued_id
}

closed_enum! {
    /// The API version segment of the mute path (`{version}`): Agora
    /// documents `v1` only ("use `v1`").
    ///
    /// ```
    /// use agora_api::media_gateway::GatewayApiVersion;
    /// assert_eq!("v1".parse::<GatewayApiVersion>()?, GatewayApiVersion::V1);
    /// assert!("v2".parse::<GatewayApiVersion>().is_err());
    /// # Ok::<(), agora_api::InvalidInput>(())
    /// ```
    pub enum GatewayApiVersion in "version" {
        /// `v1`.
        V1 = "v1",
    }
}

/// A time in a Media Gateway answer: Agora sends `createdAt` as text
/// holding Unix seconds (`"1686820170"`); a number or other text is
/// kept as sent.
///
/// ```
/// use agora_api::media_gateway::GatewayTime;
/// let time: GatewayTime = serde_json::from_str(r#""1686820170""#)?;
/// assert_eq!(time.unix_seconds(), Some(1_686_820_170));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum GatewayTime {
    /// A number.
    Number(u64),
    /// Text, as sent.
    Text(String),
}

impl GatewayTime {
    /// The Unix seconds it holds, when it holds a whole number.
    pub fn unix_seconds(&self) -> Option<u64> {
        match self {
            GatewayTime::Number(seconds) => Some(*seconds),
            GatewayTime::Text(text) => text.parse().ok(),
        }
    }
}
