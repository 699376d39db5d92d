//! Arbitrary error bodies: Agora's error read leniently, never a panic, and
//! what the error keeps stays bounded however large the body is.
#![no_main]

use agora_api::ApiError;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (status, body) = match data {
        [high, low, rest @ ..] => (u16::from_be_bytes([*high, *low]), rest),
        _ => (500, data),
    };
    let error = ApiError::from_response(status, Some("request-id".to_owned()), body);
    let text = error.to_string();
    // reason and message keep at most 1 KiB each (plus an ellipsis and
    // escaping), an excerpt 256 bytes: the whole text stays small.
    assert!(
        text.len() <= 16 * 1024,
        "{} bytes of error text",
        text.len()
    );
    let _ = format!("{error:?}");
});
