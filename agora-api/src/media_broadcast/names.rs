//! The names Media Broadcast's paths and bodies share: domains, entry
//! points, streams, the region of recording and snapshot settings, and
//! RFC 3339 times.

use crate::values::{string_enum, validated_string};

use super::timeline::rfc3339_unix_seconds;

/// A name that is one path segment: not empty, at most 128 bytes, no `/`,
/// whitespace or control characters (Agora documents no charset).
fn segment_name(value: &str) -> Result<(), String> {
    if value.is_empty() {
        return Err("must not be empty".into());
    }
    if value.len() > 128 {
        return Err(format!("must be at most 128 bytes (got {})", value.len()));
    }
    if let Some(bad) = value
        .chars()
        .find(|c| *c == '/' || c.is_whitespace() || c.is_control())
    {
        return Err(format!(
            "contains {bad:?}; a name may not hold /, spaces or control characters"
        ));
    }
    Ok(())
}

fn domain_name(value: &str) -> Result<(), String> {
    if value.is_empty() || value.len() > 253 {
        return Err("must be a host name of 1 to 253 characters".into());
    }
    if !value
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.')
    {
        return Err("must be a host name: ASCII letters, digits, - and .".into());
    }
    Ok(())
}

fn rfc3339(value: &str) -> Result<(), String> {
    rfc3339_unix_seconds(value).map(|_| ()).ok_or_else(|| {
        format!("must be an RFC 3339 time such as 2019-01-07T12:00:00+08:00 (got {value:?})")
    })
}

validated_string! {
    /// A stream-pushing or stream-playing domain name.
    ///
    /// ```
    /// use agora_api::media_broadcast::FlsDomain;
    /// assert!(FlsDomain::new("push.example.com").is_ok());
    /// assert!(FlsDomain::new("push example").is_err());
    /// ```
    FlsDomain, field = "domain", check = domain_name
}

validated_string! {
    /// An entry point: the group of live streams a setting applies to.
    /// Every project has the entry point `live`.
    ///
    /// ```
    /// use agora_api::media_broadcast::EntryPointName;
    /// assert_eq!(EntryPointName::new("live")?.as_str(), "live");
    /// assert!(EntryPointName::new("a/b").is_err());
    /// # Ok::<(), agora_api::InvalidInput>(())
    /// ```
    EntryPointName, field = "entry_point", check = segment_name
}

validated_string! {
    /// A live stream's name, unique under its entry point.
    ///
    /// ```
    /// use agora_api::media_broadcast::StreamName;
    /// assert!(StreamName::new("show68").is_ok());
    /// assert!(StreamName::new("").is_err());
    /// ```
    StreamName, field = "stream_name", check = segment_name
}

validated_string! {
    /// A time as Media Broadcast writes it: RFC 3339, with an offset or
    /// `Z` (`2019-01-07T12:00:00+08:00`). In a query its `+` is sent as
    /// `%2B`.
    ///
    /// ```
    /// use agora_api::media_broadcast::FlsTime;
    /// assert!(FlsTime::new("2019-01-07T12:00:00+08:00").is_ok());
    /// assert!(FlsTime::new("2019-01-07 12:00").is_err());
    /// ```
    FlsTime, field = "time", check = rfc3339
}

string_enum! {
    /// The region of a recording or snapshot setting: the region the
    /// stream-pushing domain was added in (Agora's examples use `cn`).
    pub enum FlsRegion {
        /// `cn`: mainland China.
        China = "cn",
        /// `ap`: Asia, mainland China excluded.
        AsiaPacific = "ap",
        /// `eu`: Europe.
        Europe = "eu",
        /// `na`: North America.
        NorthAmerica = "na",
    }
}
