//! Arbitrary `Retry-After` values, read against several clocks: a wait or
//! `None`, never a panic (overflow checks are on in fuzz builds).
#![no_main]

use std::time::{Duration, SystemTime};

use agora_api::parse_retry_after;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(value) = std::str::from_utf8(data) else {
        return;
    };
    let far = SystemTime::UNIX_EPOCH
        .checked_add(Duration::from_secs(253_402_300_799))
        .unwrap_or(SystemTime::UNIX_EPOCH);
    for now in [SystemTime::UNIX_EPOCH, SystemTime::now(), far] {
        if let Some(wait) = parse_retry_after(value, now) {
            // Whatever came back, the arithmetic the client does with it
            // must not overflow either.
            let _ = std::time::Instant::now().checked_add(wait);
            let _ = wait.as_millis();
        }
    }
});
