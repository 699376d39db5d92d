//! Feeds arbitrary input to both token parsers (and the generic dispatcher).
//! Any panic is a bug: malformed tokens must be clean errors.
#![no_main]

use agora_api::token::{self, AppCertificate, ParsedAccessToken2, ParsedLegacyAccessToken};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(cert) = AppCertificate::new("5CFd2fd1755d40ecb72977518be15d3b") else {
        return;
    };
    // The raw bytes as decompressed AccessToken2 content.
    if let Ok(t) = ParsedAccessToken2::from_content(data) {
        let _ = t.verify(&cert);
        let _ = t.remainder();
        let _ = t.into_token().build(&cert);
    }
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // The text as given, and forced into each version.
    for candidate in [text.to_owned(), format!("007{text}"), format!("006{text}")] {
        let _ = token::parse(&candidate);
        if let Ok(t) = ParsedAccessToken2::parse(&candidate) {
            let _ = t.verify(&cert);
            let _ = format!("{t:?}");
        }
        if let Ok(t) = ParsedLegacyAccessToken::parse(&candidate) {
            let _ = t.verify(&cert, "channel", "uid");
            let _ = format!("{t:?}");
        }
    }
});
