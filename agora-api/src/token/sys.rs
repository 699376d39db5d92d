//! The two outside inputs of a token: the clock and the salt.

use std::time::{SystemTime, UNIX_EPOCH};

use super::error::TokenError;

/// Largest salt the reference builders draw (they use `[1, 99999999]`).
pub(super) const MAX_SALT: u32 = 99_999_999;

/// Current unix time in seconds, as the `u32` the formats store.
pub(super) fn now_unix() -> Result<u32, TokenError> {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_err(|_| TokenError::Clock {
            detail: "the system time is before 1970".to_owned(),
        })?
        .as_secs();
    u32::try_from(secs).map_err(|_| TokenError::Clock {
        detail: format!("unix time {secs} does not fit in 32 bits"),
    })
}

/// A uniformly random salt in `[1, MAX_SALT]` from the operating system.
pub(super) fn random_salt() -> Result<u32, TokenError> {
    // Rejection sampling keeps the distribution uniform.
    let zone = u32::MAX - (u32::MAX % MAX_SALT);
    loop {
        let mut bytes = [0u8; 4];
        ring::rand::SecureRandom::fill(&ring::rand::SystemRandom::new(), &mut bytes).map_err(
            |_| TokenError::Random {
                detail: "the operating system's random source failed".to_owned(),
            },
        )?;
        let r = u32::from_le_bytes(bytes);
        if r < zone {
            return Ok(1 + r % MAX_SALT);
        }
    }
}
