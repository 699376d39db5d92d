//! The emulator's time: the system clock, or a clock tests move by hand.
//!
//! Everything that depends on time reads it from one [`Clock`]: resource ID
//! expiry (5 minutes), token expiry, ban rule expiry, recording idle
//! timeouts, event and message timestamps. A [`ManualClock`] makes those
//! tests instant and exact.

use std::fmt;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Where the emulator reads the current time.
pub trait Clock: fmt::Debug + Send + Sync + 'static {
    /// The current time.
    fn now(&self) -> SystemTime;
}

/// The system clock (the default).
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> SystemTime {
        SystemTime::now()
    }
}

/// A clock that stands still until it is moved. Clones share one time, so
/// a test keeps a clone and advances the server's time with it.
///
/// ```
/// use std::time::{Duration, UNIX_EPOCH};
/// use agora_mock::{Clock, ManualClock};
///
/// let clock = ManualClock::at_unix(1_700_000_000);
/// let server_side = clock.clone();
/// clock.advance(Duration::from_secs(301));
/// assert_eq!(server_side.now(), UNIX_EPOCH + Duration::from_secs(1_700_000_301));
/// ```
#[derive(Debug, Clone)]
pub struct ManualClock {
    now: Arc<Mutex<SystemTime>>,
}

impl ManualClock {
    /// A clock showing `time`.
    pub fn new(time: SystemTime) -> Self {
        ManualClock {
            now: Arc::new(Mutex::new(time)),
        }
    }

    /// A clock showing `seconds` after the Unix epoch.
    pub fn at_unix(seconds: u64) -> Self {
        ManualClock::new(UNIX_EPOCH + Duration::from_secs(seconds))
    }

    /// A clock showing the system's time now (and then standing still).
    pub fn starting_now() -> Self {
        ManualClock::new(SystemTime::now())
    }

    /// Moves the clock forward by `by`.
    pub fn advance(&self, by: Duration) {
        let mut now = self.now.lock().unwrap_or_else(PoisonError::into_inner);
        *now += by;
    }

    /// Sets the clock to `time`.
    pub fn set(&self, time: SystemTime) {
        *self.now.lock().unwrap_or_else(PoisonError::into_inner) = time;
    }
}

impl Clock for ManualClock {
    fn now(&self) -> SystemTime {
        *self.now.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// Whole seconds since the Unix epoch (0 before it).
pub(crate) fn unix_secs(time: SystemTime) -> u64 {
    time.duration_since(UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_secs())
}

/// Milliseconds since the Unix epoch (0 before it).
pub(crate) fn unix_millis(time: SystemTime) -> u64 {
    time.duration_since(UNIX_EPOCH).map_or(0, |elapsed| {
        u64::try_from(elapsed.as_millis()).unwrap_or(u64::MAX)
    })
}

/// Days since the epoch to a civil date (Howard Hinnant's algorithm).
pub(crate) fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    // Both are small: day 1..=31, month 1..=12.
    (year, month as u32, day as u32)
}

/// A civil date to days since the epoch (the inverse of
/// [`civil_from_days`]).
pub(crate) fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let yoe = year.rem_euclid(400);
    let month = i64::from(month);
    let mp = if month > 2 { month - 3 } else { month + 9 };
    let doy = (153 * mp + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// `2026-01-09T07:23:06.000Z`: the UTC form Agora's ban rules use.
pub(crate) fn iso_millis(time: SystemTime) -> String {
    let millis = unix_millis(time);
    let secs = millis / 1000;
    let days = i64::try_from(secs / 86_400).unwrap_or(0);
    let of_day = secs % 86_400;
    let (year, month, day) = civil_from_days(days);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{:03}Z",
        of_day / 3_600,
        of_day / 60 % 60,
        of_day % 60,
        millis % 1000
    )
}

/// Seconds since the epoch of an ISO 8601 UTC time `yyyy-mm-ddThh:mm:ssZ`
/// (already checked by `HistoryTime`).
pub(crate) fn parse_history_time(text: &str) -> Option<u64> {
    let number = |range: std::ops::Range<usize>| -> Option<u32> { text.get(range)?.parse().ok() };
    let year = i64::from(number(0..4)?);
    let (month, day) = (number(5..7)?, number(8..10)?);
    let (hour, minute, second) = (number(11..13)?, number(14..16)?, number(17..19)?);
    let days = days_from_civil(year, month, day);
    let secs = days * 86_400 + i64::from(hour * 3_600 + minute * 60 + second);
    u64::try_from(secs).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_and_reads_utc_times() {
        let time = UNIX_EPOCH + Duration::from_millis(1_564_622_530_123);
        assert_eq!(iso_millis(time), "2019-08-01T01:22:10.123Z");
        assert_eq!(
            parse_history_time("2019-08-01T01:22:10Z"),
            Some(1_564_622_530)
        );
        assert_eq!(parse_history_time("1970-01-01T00:00:00Z"), Some(0));
        for days in [-1_000, 0, 59, 60, 11_016, 20_000, 2_932_896] {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
        }
    }
}
