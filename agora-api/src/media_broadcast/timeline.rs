//! RFC 3339 times read and written as Unix seconds, for the rules that
//! compare them (a clip ends after it starts and not in the future).

use std::time::{SystemTime, UNIX_EPOCH};

/// The Unix time (seconds, fractions dropped) of an RFC 3339 timestamp
/// such as `2019-01-07T12:00:00+08:00` or `2021-08-25T02:44:40.5Z`;
/// `None` when `text` is not one.
///
/// ```
/// use agora_api::media_broadcast::rfc3339_unix_seconds;
/// assert_eq!(rfc3339_unix_seconds("1970-01-01T08:00:00+08:00"), Some(0));
/// assert_eq!(rfc3339_unix_seconds("2019-01-07T04:00:00Z"), Some(1_546_833_600));
/// assert_eq!(rfc3339_unix_seconds("2019-02-30T00:00:00Z"), None);
/// ```
pub fn rfc3339_unix_seconds(text: &str) -> Option<i64> {
    let bytes = text.as_bytes();
    if bytes.len() < 20 || !text.is_ascii() {
        return None;
    }
    let number = |from: usize, to: usize| -> Option<i64> {
        let part = text.get(from..to)?;
        if !part.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        part.parse().ok()
    };
    let separators = [(4, b'-'), (7, b'-'), (13, b':'), (16, b':')];
    if separators.iter().any(|(at, want)| bytes[*at] != *want) || !matches!(bytes[10], b'T' | b't')
    {
        return None;
    }
    let (year, month, day) = (number(0, 4)?, number(5, 7)?, number(8, 10)?);
    let (hour, minute, second) = (number(11, 13)?, number(14, 16)?, number(17, 19)?);
    if !(1..=12).contains(&month) || day < 1 || day > days_in_month(year, month) {
        return None;
    }
    if hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    let mut rest = &text[19..];
    if let Some(fraction) = rest.strip_prefix('.') {
        let digits = fraction.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return None;
        }
        rest = &fraction[digits..];
    }
    let offset = match rest {
        "Z" | "z" => 0,
        _ => {
            let sign = match rest.as_bytes().first() {
                Some(b'+') => 1,
                Some(b'-') => -1,
                _ => return None,
            };
            if rest.len() != 6 || rest.as_bytes()[3] != b':' {
                return None;
            }
            let (hours, minutes): (i64, i64) = (rest[1..3].parse().ok()?, rest[4..6].parse().ok()?);
            if hours > 23 || minutes > 59 {
                return None;
            }
            sign * (hours * 3_600 + minutes * 60)
        }
    };
    let days = days_from_civil(year, month, day);
    let local = days * 86_400 + hour * 3_600 + minute * 60 + second;
    Some(local - offset)
}

/// `secs` (Unix time) as RFC 3339 in UTC, `2019-01-07T04:00:00Z`;
/// `None` outside years 0 to 9999.
///
/// ```
/// use agora_api::media_broadcast::unix_seconds_rfc3339;
/// assert_eq!(unix_seconds_rfc3339(1_546_833_600).as_deref(), Some("2019-01-07T04:00:00Z"));
/// ```
pub fn unix_seconds_rfc3339(secs: i64) -> Option<String> {
    let days = secs.div_euclid(86_400);
    let of_day = secs.rem_euclid(86_400);
    let (year, month, day) = civil_from_days(days);
    if !(0..=9999).contains(&year) {
        return None;
    }
    Some(format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        of_day / 3_600,
        of_day % 3_600 / 60,
        of_day % 60
    ))
}

/// The current Unix time, for "cannot be later than now" rules.
pub(crate) fn now_unix_seconds() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |since| {
            i64::try_from(since.as_secs()).unwrap_or(i64::MAX)
        })
}

fn is_leap(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
/// algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month_index = (month + 9) % 12;
    let day_of_year = (153 * month_index + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The date of a day count since 1970-01-01.
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let days = days + 719_468;
    let era = days.div_euclid(146_097);
    let day_of_era = days - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1_460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_index + 2) / 5 + 1;
    let month = if month_index < 10 {
        month_index + 3
    } else {
        month_index - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_round_trip_through_unix_seconds() {
        for secs in [
            0,
            951_782_400,
            1_546_833_600,
            1_629_859_480,
            253_402_300_799,
        ] {
            let text = unix_seconds_rfc3339(secs).expect("in range");
            assert_eq!(rfc3339_unix_seconds(&text), Some(secs), "{text}");
        }
    }

    #[test]
    fn offsets_and_fractions_are_read_and_malformed_times_refused() {
        assert_eq!(
            rfc3339_unix_seconds("2021-08-25T10:44:40+08:00"),
            rfc3339_unix_seconds("2021-08-25T02:44:40.999Z")
        );
        for bad in [
            "2021-08-25",
            "2021-08-25T10:44:40",
            "2021-13-01T00:00:00Z",
            "2021-08-25T24:00:00Z",
            "2021-08-25T10:44:40+0800",
            "2021-08-25T10:44:40.Z",
            "2021-08-25T10:44:40+08:00 ",
            "２０２１-08-25T10:44:40Z",
        ] {
            assert_eq!(rfc3339_unix_seconds(bad), None, "{bad}");
        }
    }
}
