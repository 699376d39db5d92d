//! Types shared by the Signaling resource groups: channel names, the
//! name rule they and the history calls check, and a call's `result`.

use crate::types::ChannelName;
use crate::values::string_enum;
use crate::values::validated_string;

/// Punctuation Signaling allows in channel names, besides ASCII letters,
/// digits and the space: the RTC set plus `'`.
pub(super) const CHANNEL_PUNCTUATION: &str = "!#$%&()+-:;<=.>?@[]^_{}|~,'";

validated_string! {
    /// A Signaling channel name: 1 to 64 characters of ASCII letters,
    /// digits, space and ``!#$%&()+-:;<=.>?@[]^_{}|~,'`` (the RTC set plus
    /// `'`).
    ///
    /// Every RTC [`ChannelName`] is also a valid Signaling one.
    ///
    /// ```
    /// use agora_api::rtm::RtmChannelName;
    /// let name = RtmChannelName::new("it's room #1")?;
    /// assert_eq!(name.as_str(), "it's room #1");
    /// assert!(RtmChannelName::new("a/b").is_err());
    /// assert_eq!(
    ///     RtmChannelName::new("x".repeat(65)).unwrap_err().to_string(),
    ///     "invalid `channel_name`: must be at most 64 characters (got 65)"
    /// );
    /// # Ok::<(), agora_api::InvalidInput>(())
    /// ```
    RtmChannelName, field = "channel_name", check = check_rtm_channel_name
}

fn check_rtm_channel_name(value: &str) -> Result<(), String> {
    check_name(value, CHANNEL_PUNCTUATION)
}

impl From<ChannelName> for RtmChannelName {
    fn from(name: ChannelName) -> Self {
        RtmChannelName(String::from(name).into_boxed_str())
    }
}

/// Non-empty, at most 64 ASCII characters from the allowed set.
pub(super) fn check_name(value: &str, punctuation: &str) -> Result<(), String> {
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
    if value.len() > 64 {
        return Err(format!(
            "must be at most 64 characters (got {})",
            value.len()
        ));
    }
    Ok(())
}

string_enum! {
    /// The `result` of a Signaling call.
    pub enum Outcome {
        /// The request succeeded.
        Success = "success",
        /// The request failed.
        Failed = "failed",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signaling_channel_names_add_the_apostrophe_to_the_rtc_set() {
        assert!(RtmChannelName::new(format!("azAZ09 {CHANNEL_PUNCTUATION}")).is_ok());
        let rtc = ChannelName::new("room #1").expect("a valid RTC name");
        assert_eq!(RtmChannelName::from(rtc).as_str(), "room #1");
        assert!(RtmChannelName::new("").is_err());
        assert!(RtmChannelName::new("é").is_err());
    }
}
