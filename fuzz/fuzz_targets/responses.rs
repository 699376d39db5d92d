//! Arbitrary bytes decoded as the response of every registered endpoint of
//! every product, exactly as the client decodes a 2xx body: a value or a
//! typed error, never a panic. The endpoints come from the registry, so a
//! new endpoint is fuzzed without being named here.
#![no_main]

use agora_api::registry;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for info in registry::endpoints() {
        if let Err(error) = (info.check_response)(data) {
            let _ = error.to_string();
        }
    }
});
