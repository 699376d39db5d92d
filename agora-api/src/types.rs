//! Input types that enforce Agora's documented rules when they are made, so
//! a bad value is a clear error before any I/O, never a 400 from Agora.
//!
//! Each type names itself in its errors (`app_id`, `channel_name`, ...).

use std::fmt;
use std::num::NonZeroU32;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::InvalidInput;
use crate::values::validated_string;

// Builder-token flows (Cloud Transcoding, legacy Real-Time STT).
pub use crate::values::builder_token::{
    AcquiredBuilderToken, BUILDER_TOKEN_VALIDITY, BuilderToken, BuilderTokenTask, InstanceId,
    TaskId,
};

/// Punctuation Agora allows in RTC channel names and Signaling user IDs,
/// besides ASCII letters, digits and the space.
pub(crate) const NAME_PUNCTUATION: &str = "!#$%&()+-:;<=.>?@[]^_{}|~,";

validated_string! {
    /// An Agora App ID: 32 hexadecimal characters, as shown in Agora Console.
    ///
    /// ```
    /// use agora_api::AppId;
    /// let app_id = AppId::new("876922cbca0098dff4323566daa89675")?;
    /// assert_eq!(app_id.as_str(), "876922cbca0098dff4323566daa89675");
    /// assert_eq!(
    ///     AppId::new("876922").unwrap_err().to_string(),
    ///     "invalid `app_id`: must be 32 hexadecimal characters (got 6 characters)"
    /// );
    /// # Ok::<(), agora_api::InvalidInput>(())
    /// ```
    AppId, field = "app_id", check = check_app_id
}

impl AppId {
    /// Checks `value` as [`AppId::new`] does, without keeping a copy (for
    /// App IDs read back from a token).
    #[cfg(feature = "token")]
    pub(crate) fn check(value: &str) -> Result<(), InvalidInput> {
        check_app_id(value).map_err(|rule| InvalidInput::new("app_id", rule))
    }
}

fn check_app_id(value: &str) -> Result<(), String> {
    if value.len() != 32 {
        return Err(format!(
            "must be 32 hexadecimal characters (got {} characters)",
            value.chars().count()
        ));
    }
    if let Some(bad) = value.chars().find(|c| !c.is_ascii_hexdigit()) {
        return Err(format!("must be 32 hexadecimal characters (found {bad:?})"));
    }
    Ok(())
}

validated_string! {
    /// An RTC channel name: 1 to 64 bytes of ASCII letters, digits, space
    /// and ``!#$%&()+-:;<=.>?@[]^_{}|~,`` (Agora's 89-character set).
    ///
    /// In a path it is percent-encoded, so a name with `#`, `?`, `%` or a
    /// space arrives intact.
    ///
    /// ```
    /// use agora_api::ChannelName;
    /// let name = ChannelName::new("room #1 (a&b)")?;
    /// assert_eq!(name.as_str(), "room #1 (a&b)");
    /// assert!(ChannelName::new("a/b").is_err());
    /// assert!(ChannelName::new("x".repeat(65)).is_err());
    /// # Ok::<(), agora_api::InvalidInput>(())
    /// ```
    ChannelName, field = "channel_name", check = check_channel_name
}

fn check_channel_name(value: &str) -> Result<(), String> {
    check_name(value, 64, "bytes", NAME_PUNCTUATION)
}

validated_string! {
    /// A Signaling (RTM) user ID: 1 to 64 characters of ASCII letters,
    /// digits, space and ``!#$%&()+-:;<=.>?@[]^_{}|~,``.
    ///
    /// ```
    /// use agora_api::UserId;
    /// let user = UserId::new("rtmtest_RTM_4852_4857w7%")?;
    /// assert_eq!(user.to_string(), "rtmtest_RTM_4852_4857w7%");
    /// assert!(UserId::new("ü").is_err());
    /// # Ok::<(), agora_api::InvalidInput>(())
    /// ```
    UserId, field = "user_id", check = check_user_id
}

fn check_user_id(value: &str) -> Result<(), String> {
    check_name(value, 64, "characters", NAME_PUNCTUATION)
}

/// Shared rule of channel names and user IDs: non-empty, at most `max`
/// ASCII characters from the allowed set.
pub(crate) fn check_name(
    value: &str,
    max: usize,
    unit: &str,
    punctuation: &str,
) -> Result<(), String> {
    if value.is_empty() {
        return Err("must not be empty".into());
    }
    if let Some(bad) = value
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || *c == ' ' || punctuation.contains(*c)))
    {
        return Err(format!(
            "contains {bad:?}; allowed are ASCII letters, digits, space and {punctuation}"
        ));
    }
    // Every allowed character is one byte, so bytes and characters agree.
    if value.len() > max {
        return Err(format!(
            "must be at most {max} {unit} (got {})",
            value.len()
        ));
    }
    Ok(())
}

/// An RTC integer user ID: 1 to 2³²−1 (0 is reserved).
///
/// ```
/// use agora_api::Uid;
/// let uid = Uid::new(527841)?;
/// assert_eq!(uid.get(), 527841);
/// assert_eq!(
///     Uid::new(0).unwrap_err().to_string(),
///     "invalid `uid`: must be from 1 to 4294967295 (0 is reserved)"
/// );
/// assert_eq!("42".parse::<Uid>()?.get(), 42);
/// # Ok::<(), agora_api::InvalidInput>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Debug)]
pub struct Uid(NonZeroU32);

impl Uid {
    /// Checks `value` against the documented range.
    pub fn new(value: u32) -> Result<Self, InvalidInput> {
        NonZeroU32::new(value)
            .map(Uid)
            .ok_or_else(|| InvalidInput::new("uid", "must be from 1 to 4294967295 (0 is reserved)"))
    }

    /// The number.
    pub fn get(self) -> u32 {
        self.0.get()
    }
}

impl fmt::Display for Uid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl FromStr for Uid {
    type Err = InvalidInput;
    fn from_str(value: &str) -> Result<Self, InvalidInput> {
        let number: u32 = value
            .parse()
            .map_err(|_| InvalidInput::new("uid", "must be a whole number from 1 to 4294967295"))?;
        Uid::new(number)
    }
}

impl TryFrom<u32> for Uid {
    type Error = InvalidInput;
    fn try_from(value: u32) -> Result<Self, InvalidInput> {
        Uid::new(value)
    }
}

impl From<Uid> for u32 {
    fn from(uid: Uid) -> u32 {
        uid.get()
    }
}

/// A `Uid` is a JSON number where Agora documents a number.
impl Serialize for Uid {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_u32(self.get())
    }
}

impl<'de> Deserialize<'de> for Uid {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Uid::new(u32::deserialize(deserializer)?).map_err(serde::de::Error::custom)
    }
}

/// An RTC integer user ID that Agora's JSON carries as a string, as Cloud
/// Recording does (`"uid": "527841"`). Same rule as [`Uid`].
///
/// ```
/// use agora_api::{Uid, UidString};
/// let uid = UidString::from(Uid::new(527841)?);
/// assert_eq!(serde_json::to_string(&uid).unwrap(), r#""527841""#);
/// assert_eq!("527841".parse::<UidString>()?, uid);
/// # Ok::<(), agora_api::InvalidInput>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Debug)]
pub struct UidString(Uid);

impl UidString {
    /// Checks `value` against the documented range.
    pub fn new(value: u32) -> Result<Self, InvalidInput> {
        Uid::new(value).map(UidString)
    }

    /// The user ID.
    pub fn uid(self) -> Uid {
        self.0
    }
}

impl From<Uid> for UidString {
    fn from(uid: Uid) -> Self {
        UidString(uid)
    }
}

impl fmt::Display for UidString {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl FromStr for UidString {
    type Err = InvalidInput;
    fn from_str(value: &str) -> Result<Self, InvalidInput> {
        value.parse().map(UidString)
    }
}

impl TryFrom<u32> for UidString {
    type Error = InvalidInput;
    fn try_from(value: u32) -> Result<Self, InvalidInput> {
        UidString::new(value)
    }
}

impl Serialize for UidString {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // The digits written straight into a stack buffer: formatting
        // through `Display` costs several times as much, and a Cloud
        // Recording body holds many UIDs.
        let mut digits = [0u8; 10];
        let mut start = digits.len();
        let mut rest = self.0.get();
        loop {
            start -= 1;
            digits[start] = b'0' + (rest % 10) as u8;
            rest /= 10;
            if rest == 0 {
                break;
            }
        }
        match std::str::from_utf8(&digits[start..]) {
            Ok(text) => serializer.serialize_str(text),
            // ASCII digits are UTF-8; this arm is never taken.
            Err(_) => serializer.collect_str(&self.0),
        }
    }
}

impl<'de> Deserialize<'de> for UidString {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn channel_name_accepts_the_whole_documented_set() {
        let all = format!("azAZ09 {NAME_PUNCTUATION}");
        assert!(ChannelName::new(all.as_str()).is_ok());
        assert!(ChannelName::new("x".repeat(64)).is_ok());
    }

    #[test]
    fn channel_name_errors_say_which_rule_failed() {
        let too_long = ChannelName::new("x".repeat(65)).unwrap_err();
        assert_eq!(too_long.field(), "channel_name");
        assert_eq!(too_long.rule(), "must be at most 64 bytes (got 65)");
        let slash = ChannelName::new("a/b").unwrap_err();
        assert!(slash.rule().starts_with("contains '/'"), "{slash}");
        let quote = ChannelName::new("it's").unwrap_err();
        assert!(quote.rule().starts_with("contains '\\''"), "{quote}");
    }

    #[test]
    fn app_id_needs_32_hex_digits() {
        assert!(AppId::new("0123456789abcdefABCDEF0123456789").is_ok());
        let error = AppId::new("0123456789abcdef0123456789abcdeg").unwrap_err();
        assert_eq!(
            error.rule(),
            "must be 32 hexadecimal characters (found 'g')"
        );
    }

    #[test]
    fn uid_strings_serialize_as_their_decimal_digits() {
        for uid in [1, 9, 10, 527841, 999_999_999, 1_000_000_000, u32::MAX] {
            let text = serde_json::to_string(&UidString::new(uid).unwrap()).unwrap();
            assert_eq!(text, format!("\"{uid}\""));
        }
    }

    #[test]
    fn validated_types_reject_bad_values_when_decoded() {
        assert!(serde_json::from_str::<AppId>(r#""abc""#).is_err());
        assert!(serde_json::from_str::<Uid>("0").is_err());
        assert!(serde_json::from_str::<UidString>(r#""4294967296""#).is_err());
        assert_eq!(
            serde_json::from_str::<UidString>(r#""4294967295""#)
                .map(|u| u.uid().get())
                .ok(),
            Some(u32::MAX)
        );
    }
}

validated_string! {
    /// The `X-Request-ID` a request may carry (Media Push, Media Pull):
    /// Agora recommends a UUID, echoes it in the answer's `X-Request-ID`
    /// and logs it, so that support can find the call. 1 to 128 visible
    /// ASCII characters (what a header value can hold without quoting).
    ///
    /// ```
    /// use agora_api::types::RequestId;
    /// let id = RequestId::new("7bbcc8a4-acce-48c7-8b53-c5a261a8a564")?;
    /// assert_eq!(id.as_str().len(), 36);
    /// assert!(RequestId::new("two words").is_err());
    /// assert!(RequestId::new("").is_err());
    /// # Ok::<(), agora_api::InvalidInput>(())
    /// ```
    RequestId, field = "X-Request-ID", check = check_request_id
}

fn check_request_id(value: &str) -> Result<(), String> {
    let count = value.chars().count();
    if !(1..=128).contains(&count) {
        return Err(format!("must be 1 to 128 characters (got {count})"));
    }
    if let Some(bad) = value.chars().find(|c| !c.is_ascii_graphic()) {
        return Err(format!(
            "contains {bad:?}; allowed are visible ASCII characters"
        ));
    }
    Ok(())
}
