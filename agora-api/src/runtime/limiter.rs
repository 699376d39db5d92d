//! Opt-in client-side rate limiting: calls wait for their turn instead of
//! collecting 429s from Agora.

use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

/// Spaces calls whose path template starts with a prefix at most
/// `per_second` apart.
#[derive(Debug)]
pub(crate) struct RateLimit {
    prefix: Box<str>,
    interval: Duration,
    next: Mutex<Option<Instant>>,
}

impl RateLimit {
    pub(crate) fn new(prefix: &str, per_second: u32) -> Self {
        RateLimit {
            prefix: prefix.into(),
            interval: Duration::from_secs(1) / per_second.max(1),
            next: Mutex::new(None),
        }
    }

    pub(crate) fn applies_to(&self, path_template: &str) -> bool {
        path_template.starts_with(&*self.prefix)
    }

    /// Takes the next free slot and returns how long to wait for it, when
    /// that wait is shorter than `within` (what is left of the call's
    /// deadline); otherwise takes nothing and returns `None`, so a call
    /// that cannot have a slot in time gives up at once and leaves the slot
    /// to others.
    pub(crate) fn reserve_within(&self, within: Duration) -> Option<Duration> {
        let now = Instant::now();
        let mut next = self.next.lock().unwrap_or_else(PoisonError::into_inner);
        let slot = next.map_or(now, |next| next.max(now));
        let wait = slot.saturating_duration_since(now);
        if wait >= within && !wait.is_zero() {
            return None;
        }
        // An interval past what an Instant holds leaves the limiter where
        // it was rather than overflowing.
        *next = Some(slot.checked_add(self.interval).unwrap_or(slot));
        Some(wait)
    }

    #[cfg(test)]
    fn reserve(&self) -> Duration {
        self.reserve_within(Duration::MAX).unwrap_or(Duration::MAX)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slots_are_spaced_by_the_interval() {
        let limit = RateLimit::new("/v1/apps/", 10);
        assert!(limit.applies_to("/v1/apps/{appid}/cloud_recording/acquire"));
        assert!(!limit.applies_to("/dev/v1/projects"));
        assert_eq!(limit.reserve(), Duration::ZERO);
        let second = limit.reserve();
        let third = limit.reserve();
        assert!(
            second > Duration::from_millis(90) && second <= Duration::from_millis(100),
            "{second:?}"
        );
        assert!(
            third > Duration::from_millis(190) && third <= Duration::from_millis(200),
            "{third:?}"
        );
    }

    #[test]
    fn a_slot_past_the_deadline_is_not_taken() {
        let limit = RateLimit::new("/", 1);
        assert_eq!(
            limit.reserve_within(Duration::from_millis(500)),
            Some(Duration::ZERO)
        );
        // The next slot is a second away: not within 500 ms, and not taken.
        assert_eq!(limit.reserve_within(Duration::from_millis(500)), None);
        assert_eq!(limit.reserve_within(Duration::from_millis(500)), None);
        let wait = limit
            .reserve_within(Duration::from_secs(2))
            .expect("a slot within 2 s");
        assert!(wait > Duration::from_millis(900), "{wait:?}");
    }
}
