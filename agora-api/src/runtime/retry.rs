//! When a failed call is tried again, and after how long.
//!
//! The rule that matters most: a call that is not idempotent (Cloud
//! Recording acquire/start/stop, creating a ban rule, sending a message) is
//! re-sent only when the request provably never reached Agora: the host
//! name did not resolve, or the connection could not be opened. After a
//! timeout, a reset or an error status it may have been acted on, so it is
//! not sent again.

use std::hash::{BuildHasher, Hasher};
use std::time::{Duration, SystemTime};

/// How a client retries. The defaults follow Agora's guidance: up to four
/// attempts, backing off 1 s, 3 s and 6 s (with ±20 % jitter so that many
/// clients do not retry in step).
///
/// ```
/// use std::time::Duration;
/// use agora_api::RetryPolicy;
///
/// let policy = RetryPolicy::default()
///     .max_attempts(3)
///     .backoff([Duration::from_millis(200), Duration::from_millis(800)]);
/// assert_eq!(policy.attempts(), 3);
/// let none = RetryPolicy::never();
/// assert_eq!(none.attempts(), 1);
/// ```
#[derive(Debug, Clone)]
pub struct RetryPolicy {
    max_attempts: u32,
    backoff: Vec<Duration>,
    jitter: bool,
    max_wait: Duration,
}

/// The longest wait between two attempts by default, whether Agora asked
/// for it (`Retry-After`) or the backoff says so: a longer one ends the
/// call with its last error rather than a call that hangs for as long as a
/// server (or a setting) says.
pub const DEFAULT_MAX_WAIT: Duration = Duration::from_secs(60);

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 4,
            backoff: vec![
                Duration::from_secs(1),
                Duration::from_secs(3),
                Duration::from_secs(6),
            ],
            jitter: true,
            max_wait: DEFAULT_MAX_WAIT,
        }
    }
}

impl RetryPolicy {
    /// One attempt, no retries.
    pub fn never() -> Self {
        RetryPolicy {
            max_attempts: 1,
            ..RetryPolicy::default()
        }
    }

    /// At most `attempts` attempts in all (at least 1).
    #[must_use]
    pub fn max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = attempts.max(1);
        self
    }

    /// The waits before the 2nd, 3rd, ... attempt; the last one repeats.
    /// A `Retry-After` from Agora replaces the wait it applies to.
    #[must_use]
    pub fn backoff(mut self, waits: impl IntoIterator<Item = Duration>) -> Self {
        self.backoff = waits.into_iter().collect();
        self
    }

    /// Whether waits vary by ±20 % (default on).
    #[must_use]
    pub fn jitter(mut self, on: bool) -> Self {
        self.jitter = on;
        self
    }

    /// The longest wait between two attempts (default
    /// [`DEFAULT_MAX_WAIT`]), whether it comes from Agora's `Retry-After`
    /// or from the [`backoff`](Self::backoff). When a wait would be longer,
    /// or would not fit in what is left of the call's deadline, the call
    /// returns its last error at once; for a 429 or 503 the wait Agora asked
    /// for is in [`ApiError::retry_after`](crate::ApiError::retry_after).
    /// This bounds a call even when its deadline is
    /// [`Duration::MAX`].
    ///
    /// ```
    /// use std::time::Duration;
    /// let policy = agora_api::RetryPolicy::default().max_wait(Duration::from_secs(5));
    /// assert_eq!(policy.longest_wait(), Duration::from_secs(5));
    /// ```
    #[must_use]
    pub fn max_wait(mut self, longest: Duration) -> Self {
        self.max_wait = longest;
        self
    }

    /// The longest wait between two attempts this policy allows.
    pub fn longest_wait(&self) -> Duration {
        self.max_wait
    }

    /// The most attempts a call makes.
    pub fn attempts(&self) -> u32 {
        self.max_attempts
    }

    /// The wait after failed attempt `attempt` (1-based).
    pub(crate) fn wait_after(&self, attempt: u32) -> Duration {
        let index = (attempt as usize).saturating_sub(1);
        let base = self
            .backoff
            .get(index)
            .or(self.backoff.last())
            .copied()
            .unwrap_or_default();
        if self.jitter { jittered(base) } else { base }
    }
}

/// `base` scaled by a random factor in [0.8, 1.2]; saturates at
/// `Duration::MAX` instead of overflowing (a user may set any backoff).
fn jittered(base: Duration) -> Duration {
    // A fresh `RandomState` is seeded randomly per process and per call; its
    // hash of nothing is a cheap, good-enough random number for jitter.
    let random = std::collections::hash_map::RandomState::new()
        .build_hasher()
        .finish();
    let factor = 0.8 + 0.4 * (random % 10_001) as f64 / 10_000.0;
    Duration::try_from_secs_f64(base.as_secs_f64() * factor).unwrap_or(Duration::MAX)
}

/// Whether a failed attempt may have reached Agora.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Reach {
    /// It provably did not: DNS failure or connection refused. Safe to
    /// re-send any call.
    Never,
    /// It may have: only idempotent calls are re-sent.
    Maybe,
}

/// Reads a `Retry-After` header value: delay seconds, or an HTTP date
/// (IMF-fixdate, the form servers must send) relative to `now`.
///
/// `None` for anything else (negative numbers, garbage, a date that is not
/// one); a date in the past means no wait. No value, however large, can
/// overflow: a number of seconds beyond what a [`Duration`] holds
/// saturates, and a date beyond what [`SystemTime`] holds is `None`. The
/// client never waits longer than its
/// [`RetryPolicy::max_wait`] or the call's deadline, whatever
/// this returns.
///
/// ```
/// use std::time::{Duration, SystemTime};
/// use agora_api::parse_retry_after;
///
/// let now = SystemTime::UNIX_EPOCH + Duration::from_secs(784_111_770);
/// assert_eq!(parse_retry_after("7", now), Some(Duration::from_secs(7)));
/// assert_eq!(parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", now), Some(Duration::from_secs(7)));
/// assert_eq!(parse_retry_after("-1", now), None);
/// assert_eq!(parse_retry_after("18446744073709551615", now), Some(Duration::from_secs(u64::MAX)));
/// ```
pub fn parse_retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    if !value.is_empty() && value.bytes().all(|byte| byte.is_ascii_digit()) {
        // All digits: seconds. Too many digits for a u64 saturates.
        let seconds = value.parse::<u64>().unwrap_or(u64::MAX);
        return Some(Duration::from_secs(seconds));
    }
    let at = parse_http_date(value)?;
    Some(at.duration_since(now).unwrap_or(Duration::ZERO))
}

/// Parses `Sun, 06 Nov 1994 08:49:37 GMT`, with checked arithmetic all the
/// way: a year of twelve digits is `None`, not an overflow.
fn parse_http_date(value: &str) -> Option<SystemTime> {
    let mut parts = value.split_ascii_whitespace();
    let _weekday = parts.next()?;
    let day: u64 = parts.next()?.parse().ok()?;
    let month = match parts.next()? {
        "Jan" => 1,
        "Feb" => 2,
        "Mar" => 3,
        "Apr" => 4,
        "May" => 5,
        "Jun" => 6,
        "Jul" => 7,
        "Aug" => 8,
        "Sep" => 9,
        "Oct" => 10,
        "Nov" => 11,
        "Dec" => 12,
        _ => return None,
    };
    let year: u64 = parts.next()?.parse().ok()?;
    let mut clock = parts.next()?.split(':');
    let hour: u64 = clock.next()?.parse().ok()?;
    let minute: u64 = clock.next()?.parse().ok()?;
    let second: u64 = clock.next()?.parse().ok()?;
    if parts.next()? != "GMT"
        || parts.next().is_some()
        || clock.next().is_some()
        || !(1..=31).contains(&day)
        || year < 1970
        || hour > 23
        || minute > 59
        || second > 60
    {
        return None;
    }
    let days = days_from_civil(year, month, day)?;
    let secs = days
        .checked_mul(86_400)?
        .checked_add(hour * 3600 + minute * 60 + second)?;
    SystemTime::UNIX_EPOCH.checked_add(Duration::from_secs(secs))
}

/// Days since 1970-01-01 of a proleptic Gregorian date (`year` ≥ 1970,
/// `month` 1..=12, `day` 1..=31); `None` when it does not fit in a u64.
fn days_from_civil(year: u64, month: u64, day: u64) -> Option<u64> {
    let (y, m) = if month <= 2 {
        (year.checked_sub(1)?, month + 9)
    } else {
        (year, month - 3)
    };
    let era = y / 400;
    let yoe = y % 400;
    let doy = (153 * m + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era.checked_mul(146_097)?
        .checked_add(doe)?
        .checked_sub(719_468)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_reads_seconds_and_http_dates() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(784_111_770);
        assert_eq!(parse_retry_after("7", now), Some(Duration::from_secs(7)));
        // Sun, 06 Nov 1994 08:49:37 GMT is 784111777.
        assert_eq!(
            parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", now),
            Some(Duration::from_secs(7))
        );
        assert_eq!(
            parse_retry_after(
                "Sun, 06 Nov 1994 08:49:37 GMT",
                now + Duration::from_secs(60)
            ),
            Some(Duration::ZERO),
            "a date in the past means now"
        );
        assert_eq!(parse_retry_after("soon", now), None);
        assert_eq!(parse_retry_after("-5", now), None);
        assert_eq!(parse_retry_after("+5", now), None);
        assert_eq!(parse_retry_after("", now), None);
        assert_eq!(parse_retry_after("1.5", now), None);
        assert_eq!(
            parse_retry_after("Sun, 06 Foo 1994 08:49:37 GMT", now),
            None
        );
    }

    #[test]
    fn extreme_retry_after_values_never_overflow() {
        let now = SystemTime::now();
        assert_eq!(
            parse_retry_after("18446744073709551615", now),
            Some(Duration::from_secs(u64::MAX))
        );
        assert_eq!(
            parse_retry_after("99999999999999999999999999", now),
            Some(Duration::from_secs(u64::MAX)),
            "more seconds than a u64 holds saturates"
        );
        // Before the fix the year multiplied past u64 and panicked.
        assert_eq!(
            parse_retry_after("Sun, 06 Nov 999999999999 08:49:37 GMT", now),
            None
        );
        assert_eq!(
            parse_retry_after("Sun, 06 Nov 18446744073709551615 08:49:37 GMT", now),
            None
        );
        // A far but representable date is a long wait, which the client
        // refuses to wait out (max_wait, the deadline).
        let far = parse_retry_after("Sun, 06 Nov 99999 08:49:37 GMT", now);
        assert!(far.is_some_and(|wait| wait > Duration::from_secs(86_400 * 365 * 90_000)));
        assert_eq!(
            parse_retry_after("Sun, 06 Nov 1971 08:49:37 GMT trailing", now),
            None
        );
    }

    #[test]
    fn huge_backoffs_saturate_instead_of_panicking() {
        let policy = RetryPolicy::default().backoff([Duration::MAX]);
        assert!(policy.wait_after(1) >= Duration::from_secs(u64::MAX / 2));
        assert!(policy.wait_after(u32::MAX) >= Duration::from_secs(u64::MAX / 2));
    }

    #[test]
    fn waits_follow_the_schedule_and_repeat_the_last() {
        let policy = RetryPolicy::default().jitter(false);
        assert_eq!(policy.wait_after(1), Duration::from_secs(1));
        assert_eq!(policy.wait_after(2), Duration::from_secs(3));
        assert_eq!(policy.wait_after(3), Duration::from_secs(6));
        assert_eq!(policy.wait_after(9), Duration::from_secs(6));
    }

    #[test]
    fn jitter_stays_within_twenty_percent() {
        let policy = RetryPolicy::default();
        for _ in 0..200 {
            let wait = policy.wait_after(2);
            assert!(
                wait >= Duration::from_millis(2400) && wait <= Duration::from_millis(3600),
                "{wait:?}"
            );
        }
    }
}
