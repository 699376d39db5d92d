//! The inputs every Media Broadcast call names: domains, entry points,
//! streams, the region of a configuration, and RFC 3339 times.
//!
//! Agora documents no charset or length for domain, entry point and
//! stream names; the rules here are this crate's choice (recorded in
//! `specs/media-broadcast.json`): what an RTMP or HLS URL can carry as
//! one path segment, so a name that is accepted here is one a player can
//! use.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::InvalidInput;
use crate::values::{string_enum, validated_string};

validated_string! {
    /// A stream-pushing or stream-playing domain name (`domain`, `id`):
    /// dot-separated labels of 1 to 63 ASCII letters, digits and hyphens
    /// (no hyphen at a label's ends), at least two labels, at most 253
    /// characters. Wildcard (pan-domain) names are not supported.
    ///
    /// ```
    /// use agora_api::media_broadcast::FlsDomain;
    /// assert!(FlsDomain::new("push.example.com").is_ok());
    /// assert_eq!(
    ///     FlsDomain::new("*.example.com").unwrap_err().rule(),
    ///     "must not be a wildcard (pan-domain) name"
    /// );
    /// assert!(FlsDomain::new("localhost").is_err());
    /// ```
    FlsDomain, field = "domain", check = check_domain
}

fn check_domain(value: &str) -> Result<(), String> {
    if value.contains('*') {
        return Err("must not be a wildcard (pan-domain) name".into());
    }
    let labels_ok = value.split('.').all(|label| {
        (1..=63).contains(&label.len())
            && label
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-')
            && !label.starts_with('-')
            && !label.ends_with('-')
    });
    if value.is_empty() || value.len() > 253 || !value.contains('.') || !labels_ok {
        return Err("must be a domain name: at least two dot-separated labels of 1 to 63 ASCII letters, digits and hyphens, at most 253 characters".into());
    }
    Ok(())
}

validated_string! {
    /// An entry point's name (`entry_point`): 1 to 64 ASCII letters,
    /// digits, `-` and `_`. Every project has the default entry point
    /// [`live`](EntryPointName::live).
    ///
    /// ```
    /// use agora_api::media_broadcast::EntryPointName;
    /// assert_eq!(EntryPointName::live().as_str(), "live");
    /// assert!(EntryPointName::new("live2").is_ok());
    /// assert!(EntryPointName::new("a/b").is_err());
    /// ```
    EntryPointName, field = "entry_point", check = check_entry_point
}

impl EntryPointName {
    /// The entry point Agora provides in every project, `live`; it cannot
    /// be deleted.
    pub fn live() -> Self {
        EntryPointName("live".into())
    }
}

fn check_entry_point(value: &str) -> Result<(), String> {
    if value.is_empty()
        || value.len() > 64
        || !value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    {
        return Err("must be 1 to 64 ASCII letters, digits, `-` and `_`".into());
    }
    Ok(())
}

validated_string! {
    /// A live stream's name (`stream_name`), the last segment of its push
    /// and play URLs: 1 to 256 visible ASCII characters, none of
    /// `/ ? # % & \`.
    ///
    /// ```
    /// use agora_api::media_broadcast::StreamName;
    /// assert!(StreamName::new("show-68_hd").is_ok());
    /// assert!(StreamName::new("a b").is_err());
    /// ```
    StreamName, field = "stream_name", check = check_stream_name
}

fn check_stream_name(value: &str) -> Result<(), String> {
    if value.is_empty()
        || value.len() > 256
        || !value
            .bytes()
            .all(|b| b.is_ascii_graphic() && !b"/?#%&\\".contains(&b))
    {
        return Err("must be 1 to 256 visible ASCII characters, none of `/ ? # % & \\`".into());
    }
    Ok(())
}

string_enum! {
    /// The region of Agora's servers for a stream-pushing domain, and of
    /// the recording and snapshot settings made for it (`region`): the
    /// values Agora lists for a domain. Agora may add regions, kept as
    /// [`FlsRegion::Other`].
    pub enum FlsRegion {
        /// `cn`: mainland China.
        China = "cn",
        /// `ap`: Asia outside mainland China.
        AsiaPacific = "ap",
        /// `eu`: Europe.
        Europe = "eu",
        /// `na`: North America.
        NorthAmerica = "na",
    }
}

validated_string! {
    /// A time in RFC 3339 (`2021-11-29T19:00:00+08:00`,
    /// `2019-01-07T12:00:00Z`): a date, `T`, a time to the second with
    /// optional fractions, and `Z` or an offset. In a query it is
    /// percent-encoded (`2019-01-07T12%3A00%3A00%2B08%3A00`), as Agora
    /// asks.
    ///
    /// ```
    /// use std::time::{Duration, UNIX_EPOCH};
    /// use agora_api::media_broadcast::FlsTime;
    ///
    /// let time = FlsTime::new("2019-01-07T12:00:00+08:00")?;
    /// assert_eq!(time.unix_seconds(), 1_546_833_600);
    /// let same = FlsTime::at(UNIX_EPOCH + Duration::from_secs(1_546_833_600))?;
    /// assert_eq!(same.as_str(), "2019-01-07T04:00:00Z");
    /// assert!(FlsTime::new("2018-1129T19:00:00+08:00").is_err());
    /// # Ok::<(), agora_api::InvalidInput>(())
    /// ```
    FlsTime, field = "time", check = check_time
}

impl FlsTime {
    /// `time` in UTC, to the second (`2019-01-07T04:00:00Z`); refused
    /// before 1970 or after year 9999.
    pub fn at(time: SystemTime) -> Result<Self, InvalidInput> {
        let out_of_range = || InvalidInput::new("time", "must be between 1970 and 9999");
        let secs = time
            .duration_since(UNIX_EPOCH)
            .map_err(|_| out_of_range())?
            .as_secs();
        FlsTime::from_unix_seconds(i64::try_from(secs).map_err(|_| out_of_range())?)
    }

    /// The time `secs` seconds after the Unix epoch, in UTC, to the second
    /// (`2019-01-07T04:00:00Z`); refused before 1970 or after year 9999.
    ///
    /// ```
    /// use agora_api::media_broadcast::FlsTime;
    /// assert_eq!(FlsTime::from_unix_seconds(1_546_833_600)?.as_str(), "2019-01-07T04:00:00Z");
    /// assert!(FlsTime::from_unix_seconds(-1).is_err());
    /// # Ok::<(), agora_api::InvalidInput>(())
    /// ```
    pub fn from_unix_seconds(secs: i64) -> Result<Self, InvalidInput> {
        let out_of_range = || InvalidInput::new("time", "must be between 1970 and 9999");
        if secs < 0 {
            return Err(out_of_range());
        }
        let (year, month, day) = civil_from_days(secs.div_euclid(86_400));
        if year > 9999 {
            return Err(out_of_range());
        }
        let of_day = secs.rem_euclid(86_400);
        FlsTime::new(format!(
            "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
            of_day / 3_600,
            of_day / 60 % 60,
            of_day % 60
        ))
    }

    /// Seconds since the Unix epoch (negative before 1970), fractions
    /// dropped.
    pub fn unix_seconds(&self) -> i64 {
        // A value that exists passed `check_time`, which parses it.
        parse(self.as_str()).unwrap_or_default()
    }

    /// The time as a [`SystemTime`].
    pub fn to_system_time(&self) -> SystemTime {
        let secs = self.unix_seconds();
        match u64::try_from(secs) {
            Ok(after) => UNIX_EPOCH + Duration::from_secs(after),
            Err(_) => UNIX_EPOCH - Duration::from_secs(secs.unsigned_abs()),
        }
    }
}

fn check_time(value: &str) -> Result<(), String> {
    parse(value).map(|_| ()).ok_or_else(|| {
        "must be an RFC 3339 time such as 2021-11-29T19:00:00+08:00 or 2019-01-07T12:00:00Z".into()
    })
}

/// Seconds since the epoch of an RFC 3339 time; `None` when it is not one.
fn parse(text: &str) -> Option<i64> {
    let bytes = text.as_bytes();
    let digits = |range: std::ops::Range<usize>| -> Option<i64> {
        let part = bytes.get(range)?;
        if part.is_empty() || !part.iter().all(u8::is_ascii_digit) {
            return None;
        }
        std::str::from_utf8(part).ok()?.parse().ok()
    };
    if bytes.len() < 20
        || bytes.get(4) != Some(&b'-')
        || bytes.get(7) != Some(&b'-')
        || !matches!(bytes.get(10), Some(b'T' | b't'))
        || bytes.get(13) != Some(&b':')
        || bytes.get(16) != Some(&b':')
    {
        return None;
    }
    let (year, month, day) = (digits(0..4)?, digits(5..7)?, digits(8..10)?);
    let (hour, minute, second) = (digits(11..13)?, digits(14..16)?, digits(17..19)?);
    if !(1..=12).contains(&month)
        || day < 1
        || day > days_in_month(year, month)
        || hour > 23
        || minute > 59
        || second > 60
    {
        return None;
    }
    let mut rest = &text[19..];
    if let Some(fraction) = rest.strip_prefix('.') {
        let end = fraction
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(fraction.len());
        if end == 0 {
            return None;
        }
        rest = &fraction[end..];
    }
    let offset = match rest {
        "Z" | "z" => 0,
        _ => {
            let sign = match rest.as_bytes().first()? {
                b'+' => 1,
                b'-' => -1,
                _ => return None,
            };
            let zone = rest.get(1..)?.as_bytes();
            if zone.len() != 5 || zone[2] != b':' {
                return None;
            }
            let field = |part: &[u8]| -> Option<i64> {
                if !part.iter().all(u8::is_ascii_digit) {
                    return None;
                }
                std::str::from_utf8(part).ok()?.parse().ok()
            };
            let (hours, minutes) = (field(&zone[..2])?, field(&zone[3..])?);
            if hours > 23 || minutes > 59 {
                return None;
            }
            sign * (hours * 3_600 + minutes * 60)
        }
    };
    let days = days_from_civil(year, month, day);
    Some(days * 86_400 + hour * 3_600 + minute * 60 + second - offset)
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a civil date (proleptic Gregorian).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year.rem_euclid(400);
    let shifted = if month > 2 { month - 3 } else { month + 9 };
    let day_of_year = (153 * shifted + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The civil date of a day since 1970-01-01.
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1_460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * shifted + 2) / 5 + 1;
    let month = if shifted < 10 {
        shifted + 3
    } else {
        shifted - 9
    };
    (year_of_era + era * 400 + i64::from(month <= 2), month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_rfc_3339_times_with_offsets_and_fractions() {
        assert_eq!(parse("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(parse("2021-11-29T19:00:00+08:00"), Some(1_638_183_600));
        assert_eq!(parse("2021-11-29T11:00:00.250Z"), Some(1_638_183_600));
        assert_eq!(parse("2021-11-29T06:00:00-05:00"), Some(1_638_183_600));
        assert_eq!(parse("2024-02-29T00:00:00Z"), Some(1_709_164_800));
        for bad in [
            "",
            "2018-1129T19:00:00+08:00",
            "2021-11-29 19:00:00+08:00",
            "2021-11-29T19:00:00",
            "2021-11-29T19:00:00+0800",
            "2021-11-29T19:00:00.Z",
            "2023-02-29T00:00:00Z",
            "2021-13-01T00:00:00Z",
            "2021-11-29T24:00:00Z",
            "2021-11-29T19:00:00+24:00",
            "２０２１-11-29T19:00:00Z",
        ] {
            assert_eq!(parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn a_system_time_is_written_in_utc_and_read_back() {
        for secs in [0_u64, 951_782_400, 1_638_183_600, 4_102_444_799] {
            let time = UNIX_EPOCH + Duration::from_secs(secs);
            let written = FlsTime::at(time).expect("in range");
            assert_eq!(written.to_system_time(), time, "{written}");
        }
        let far = UNIX_EPOCH + Duration::from_secs(300_000_000_000);
        assert!(FlsTime::at(far).is_err(), "past year 9999");
    }
}
