//! The cfls answer: `{"status": "success" | "fail" | "error", "data": ...}`.

use crate::envelope::{Envelope, InBandFailure, Payload};

/// Opens a cfls body: `status` `success` is a success whose response is
/// `data`; any other `status` (`fail`, `error`) is a failure, its reason
/// the status and its message the body's `message` (or `data.message`,
/// or `data` itself when it is text). A body without a `status` is left
/// to the response decoder.
///
/// ```
/// use agora_api::broadcast_streaming::CFLS_ENVELOPE;
/// use agora_api::envelope::Payload;
///
/// let ok = CFLS_ENVELOPE.open(br#"{"status":"success","data":{"id":"x"}}"#);
/// assert_eq!(ok, Ok(Payload::Value(serde_json::json!({"id":"x"}))));
/// let failed = CFLS_ENVELOPE
///     .open(br#"{"status":"fail","data":{"message":"unknown transcodingsId"}}"#)
///     .unwrap_err();
/// assert_eq!(failed.reason.as_deref(), Some("fail"));
/// assert_eq!(failed.message.as_deref(), Some("unknown transcodingsId"));
/// ```
pub const CFLS_ENVELOPE: Envelope = Envelope::new("cfls_status_data", open_cfls);

/// The longest status or message kept from a failure.
const TEXT_LEN: usize = 512;

fn bounded(text: &str) -> String {
    crate::redact::bounded_text(&crate::redact::redact(text), TEXT_LEN)
}

fn open_cfls(body: &[u8]) -> Result<Payload, InBandFailure> {
    let Ok(mut value) = serde_json::from_slice::<serde_json::Value>(body) else {
        return Ok(Payload::Body);
    };
    let Some(status) = value.get("status").and_then(serde_json::Value::as_str) else {
        return Ok(Payload::Body);
    };
    if status == "success" {
        return Ok(Payload::Value(
            value
                .get_mut("data")
                .map(serde_json::Value::take)
                .unwrap_or_default(),
        ));
    }
    let message = value
        .get("message")
        .and_then(serde_json::Value::as_str)
        .or_else(|| {
            value
                .get("data")
                .and_then(|data| data.get("message").or(Some(data)))
                .and_then(serde_json::Value::as_str)
        })
        .map(bounded);
    Err(InBandFailure {
        code: None,
        reason: Some(bounded(status)),
        message,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_error_status_with_text_data_is_a_failure_with_that_message() {
        let failure = CFLS_ENVELOPE
            .open(br#"{"status":"error","data":"internal"}"#)
            .expect_err("a failure");
        assert_eq!(failure.reason.as_deref(), Some("error"));
        assert_eq!(failure.message.as_deref(), Some("internal"));
    }

    #[test]
    fn a_body_without_a_status_is_left_to_the_decoder() {
        assert_eq!(CFLS_ENVELOPE.open(br#"{"id":"x"}"#), Ok(Payload::Body));
        assert_eq!(CFLS_ENVELOPE.open(b""), Ok(Payload::Body));
    }
}
