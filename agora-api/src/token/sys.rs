//! The two outside inputs of a token: the clock and the salt.

use std::cell::RefCell;
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

/// Random bytes fetched from the operating system at a time for salts.
const SALT_POOL_LEN: usize = 512;

/// This thread's unused random bytes for salts.
struct SaltPool {
    bytes: [u8; SALT_POOL_LEN],
    /// How many of `bytes` are used up.
    used: usize,
}

thread_local! {
    static SALT_POOL: RefCell<SaltPool> = const {
        RefCell::new(SaltPool { bytes: [0; SALT_POOL_LEN], used: SALT_POOL_LEN })
    };
}

/// Four random bytes from this thread's pool, refilled from the operating
/// system's random source when used up: one system call per 128 salts
/// instead of one per token, which was a tenth of a token's cost. A salt is
/// written in the clear in the token; it only has to differ between tokens.
fn random_u32() -> Result<u32, TokenError> {
    SALT_POOL.with_borrow_mut(|pool| {
        if pool.used + 4 > SALT_POOL_LEN {
            ring::rand::SecureRandom::fill(&ring::rand::SystemRandom::new(), &mut pool.bytes)
                .map_err(|_| TokenError::Random {
                    detail: "the operating system's random source failed".to_owned(),
                })?;
            pool.used = 0;
        }
        let mut four = [0u8; 4];
        four.copy_from_slice(&pool.bytes[pool.used..pool.used + 4]);
        pool.used += 4;
        Ok(u32::from_le_bytes(four))
    })
}

/// A uniformly random salt in `[1, MAX_SALT]` from the operating system.
pub(super) fn random_salt() -> Result<u32, TokenError> {
    // Rejection sampling keeps the distribution uniform.
    let zone = u32::MAX - (u32::MAX % MAX_SALT);
    loop {
        let r = random_u32()?;
        if r < zone {
            return Ok(1 + r % MAX_SALT);
        }
    }
}

/// A random RFC 4122 version-4 UUID, as the nonce of a Whiteboard token.
pub(super) fn random_nonce() -> Result<String, TokenError> {
    let mut bytes = [0u8; 16];
    for chunk in bytes.chunks_mut(4) {
        chunk.copy_from_slice(&random_u32()?.to_le_bytes());
    }
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let mut text = String::with_capacity(36);
    for (index, byte) in bytes.iter().enumerate() {
        if matches!(index, 4 | 6 | 8 | 10) {
            text.push('-');
        }
        text.push(char::from(b"0123456789abcdef"[usize::from(byte >> 4)]));
        text.push(char::from(b"0123456789abcdef"[usize::from(byte & 15)]));
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn salts_stay_in_range_and_differ_across_pool_refills() {
        // Three pools' worth: every salt in range, and not all the same
        // (a pool that was not refilled would repeat itself).
        let salts: Vec<u32> = (0..3 * SALT_POOL_LEN / 4)
            .map(|_| random_salt().expect("a salt"))
            .collect();
        assert!(salts.iter().all(|&s| (1..=MAX_SALT).contains(&s)));
        let distinct: std::collections::BTreeSet<_> = salts.iter().collect();
        assert!(distinct.len() > salts.len() / 2);
    }
}
