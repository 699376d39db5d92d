//! Reading a response body under a bound, and decoding a 2xx body
//! through the endpoint's envelope.

use crate::endpoint::Endpoint;
use crate::envelope::{InBandFailure, Payload};
use crate::error::DecodeError;

/// Decodes a 2xx body. An empty body decodes as JSON `null`, which `()`
/// and `Option<T>` responses accept.
pub(crate) fn decode_body<R: serde::de::DeserializeOwned>(
    body: &[u8],
) -> Result<R, serde_json::Error> {
    let json: &[u8] = if body.is_empty() { b"null" } else { body };
    serde_json::from_slice(json)
}

/// What a 2xx body turned out to be.
pub(crate) enum Decoded<R> {
    /// The typed response.
    Response(R),
    /// A failure the product's envelope reports inside the body.
    InBand(InBandFailure),
    /// Not what the endpoint documents.
    Invalid(DecodeError),
}

/// Opens a 2xx body with `E`'s envelope and decodes its payload as `E`'s
/// response.
pub(crate) fn decode_response<E: Endpoint>(body: &[u8]) -> Decoded<E::Response> {
    let decoded = match E::ENVELOPE.open(body) {
        Err(failure) => return Decoded::InBand(failure),
        Ok(Payload::Body) => decode_body::<E::Response>(body),
        Ok(Payload::Value(value)) => serde_json::from_value(value),
    };
    match decoded {
        Ok(response) => Decoded::Response(response),
        Err(error) => Decoded::Invalid(error.into()),
    }
}

/// A response body read under a bound.
pub(super) enum Body {
    /// All of it.
    Complete(Vec<u8>),
    /// The first `limit` bytes; there was more, left unread.
    Cut(Vec<u8>),
}

/// Reads `response`'s body, at most `limit` bytes: refused up front when
/// `Content-Length` says it is larger, else checked chunk by chunk as it
/// arrives. Stopping early drops the response, which closes its connection
/// instead of returning it to the pool with unread bytes.
pub(super) async fn read_body(
    mut response: reqwest::Response,
    limit: usize,
) -> Result<Body, reqwest::Error> {
    let declared = response.content_length();
    if declared.is_some_and(|length| length > limit as u64) {
        return Ok(Body::Cut(Vec::new()));
    }
    // Trust a declared length only as far as the bound.
    let capacity = declared.map_or(0, |length| length.min(limit as u64) as usize);
    let mut body = Vec::with_capacity(capacity);
    while let Some(chunk) = response.chunk().await? {
        let room = limit - body.len();
        if chunk.len() > room {
            body.extend_from_slice(&chunk[..room]);
            return Ok(Body::Cut(body));
        }
        body.extend_from_slice(&chunk);
    }
    Ok(Body::Complete(body))
}
