//! Arbitrary requests decoded as every registered endpoint of every
//! product, as the emulator and tools decode what they receive: a typed
//! endpoint or an `InvalidInput`, never a panic. The input is split into
//! method, path, query, one header and body at `\n` bytes; a path is also
//! tried after each registered endpoint's own template prefix, so that the
//! decoders get past the method and the path's first literal. The
//! endpoints come from the registry, so a new endpoint is fuzzed without
//! being named here.
#![no_main]

use agora_api::endpoint::WireRequest;
use agora_api::registry;
use agora_api::reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut parts = data.splitn(5, |byte| *byte == b'\n');
    let mut text = || String::from_utf8_lossy(parts.next().unwrap_or_default()).into_owned();
    let (method, path, query, header) = (text(), text(), text(), text());
    let body = data
        .splitn(5, |byte| *byte == b'\n')
        .nth(4)
        .unwrap_or_default();
    let mut headers = HeaderMap::new();
    if let Some((name, value)) = header.split_once(':')
        && let (Ok(name), Ok(value)) = (
            HeaderName::from_bytes(name.trim().as_bytes()),
            HeaderValue::from_str(value.trim()),
        )
    {
        headers.insert(name, value);
    }
    let query = (!query.is_empty()).then_some(query.as_str());
    for info in registry::endpoints() {
        let prefix = info.path.split('{').next().unwrap_or_default();
        let guided = format!("{prefix}{path}");
        for (method, path) in [
            (method.as_str(), path.as_str()),
            (info.method, guided.as_str()),
        ] {
            let request = WireRequest::new(method, path, query, &headers, body);
            if let Err(error) = (info.check_request)(&request) {
                let _ = error.to_string();
            }
        }
    }
});
