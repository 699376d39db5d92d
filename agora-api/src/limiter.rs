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

    /// Takes the next free slot and returns how long to wait for it.
    pub(crate) fn reserve(&self) -> Duration {
        let now = Instant::now();
        let mut next = self.next.lock().unwrap_or_else(PoisonError::into_inner);
        let slot = next.map_or(now, |next| next.max(now));
        *next = Some(slot + self.interval);
        slot - now
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
}
