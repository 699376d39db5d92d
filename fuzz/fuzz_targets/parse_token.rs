//! Feeds arbitrary input to both token parsers (and the generic dispatcher).
//! Any panic is a bug: malformed tokens must be clean errors. A token built
//! again from parsed content must carry the zlib stream stock zlib writes
//! for that content (the crate writes it with its own deflate).
#![no_main]

use agora_api::token::{self, AppCertificate, ParsedAccessToken2, ParsedLegacyAccessToken};
use base64::Engine as _;
use libfuzzer_sys::fuzz_target;
use std::io::{Read as _, Write as _};

/// The token's zlib stream is byte for byte what stock zlib (level 6)
/// writes for the content it holds.
fn assert_stock_zlib(token: &str) {
    let stream = base64::engine::general_purpose::STANDARD
        .decode(&token[3..])
        .expect("a built token is base64");
    let mut content = Vec::new();
    flate2::read::ZlibDecoder::new(&stream[..])
        .read_to_end(&mut content)
        .expect("a built token inflates");
    let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::new(6));
    encoder.write_all(&content).expect("in memory");
    assert_eq!(stream, encoder.finish().expect("in memory"));
}

fuzz_target!(|data: &[u8]| {
    let Ok(cert) = AppCertificate::new("5CFd2fd1755d40ecb72977518be15d3b") else {
        return;
    };
    // The raw bytes as decompressed AccessToken2 content.
    if let Ok(t) = ParsedAccessToken2::from_content(data) {
        let _ = t.verify(&cert);
        let _ = t.remainder();
        if let Ok(built) = t.into_token().build(&cert) {
            assert_stock_zlib(built.expose_secret());
        }
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
