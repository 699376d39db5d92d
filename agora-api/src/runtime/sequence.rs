//! Increasing sequence numbers for calls that must carry one (Media Push's
//! `PATCH ...?sequence=N`): Agora applies an update only when its number
//! is larger than the last one it saw for the resource, so that updates
//! that overtake each other on the network cannot undo one another.

use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};
use std::time::{SystemTime, UNIX_EPOCH};

use crate::error::InvalidInput;

/// Hands out the next sequence number per resource: increasing for each
/// resource, shared by every clone of a task that holds it by reference
/// (`Arc<Sequences>`), safe across threads.
///
/// A process that restarts forgets its counters; [`Sequences::from_clock`]
/// starts every resource at the current Unix time in milliseconds, so the
/// numbers of a new process are larger than those of the last one (as
/// long as it made fewer than a thousand updates of one resource per
/// second).
///
/// ```
/// use agora_api::Sequences;
///
/// let sequences = Sequences::new();
/// assert_eq!(sequences.next("converter-a")?, 0);
/// assert_eq!(sequences.next("converter-a")?, 1);
/// assert_eq!(sequences.next("converter-b")?, 0);
///
/// let resumed = Sequences::starting_at(41);
/// assert_eq!(resumed.next("converter-a")?, 41);
/// # Ok::<(), agora_api::InvalidInput>(())
/// ```
#[derive(Debug, Default)]
pub struct Sequences {
    first: u64,
    next: Mutex<HashMap<String, u64>>,
}

impl Sequences {
    /// Counters that start at 0 for every resource.
    pub fn new() -> Self {
        Sequences::starting_at(0)
    }

    /// Counters that start at `first` for every resource.
    pub fn starting_at(first: u64) -> Self {
        Sequences {
            first,
            next: Mutex::new(HashMap::new()),
        }
    }

    /// Counters that start at the current Unix time in milliseconds (0 if
    /// the clock is before 1970).
    pub fn from_clock() -> Self {
        let millis = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|elapsed| u64::try_from(elapsed.as_millis()).unwrap_or(u64::MAX))
            .unwrap_or(0);
        Sequences::starting_at(millis)
    }

    /// The next number for `resource`. Fails only when the counter of
    /// `resource` has reached `u64::MAX`.
    pub fn next(&self, resource: &str) -> Result<u64, InvalidInput> {
        let mut next = self.next.lock().unwrap_or_else(PoisonError::into_inner);
        let slot = match next.get_mut(resource) {
            Some(slot) => slot,
            None => next.entry(resource.to_owned()).or_insert(self.first),
        };
        let current = *slot;
        *slot = current.checked_add(1).ok_or_else(|| {
            InvalidInput::new("sequence", "has no larger value left for this resource")
        })?;
        Ok(current)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_number_is_handed_out_once_then_refused() {
        let sequences = Sequences::starting_at(u64::MAX - 1);
        assert_eq!(sequences.next("r"), Ok(u64::MAX - 1));
        assert!(sequences.next("r").is_err());
    }

    #[test]
    fn concurrent_callers_never_see_the_same_number() {
        let sequences = std::sync::Arc::new(Sequences::new());
        let threads: Vec<_> = (0..8)
            .map(|_| {
                let sequences = sequences.clone();
                std::thread::spawn(move || {
                    (0..100)
                        .map(|_| sequences.next("r").expect("a number"))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        let mut all: Vec<u64> = threads
            .into_iter()
            .flat_map(|thread| thread.join().expect("a thread"))
            .collect();
        all.sort_unstable();
        all.dedup();
        assert_eq!(all.len(), 800);
    }
}
