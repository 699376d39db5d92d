//! The License API's answer: `{"code": 200, "data": ...}` or `{"code":
//! 200, "message": ...}`.

use crate::envelope::{Envelope, InBandFailure, Payload};
use crate::error::ErrorCode;

/// Opens a License API body: `code` 200 is a success whose response is
/// `data` (`null` when the answer has none, as allocations and renewals
/// answer only a `message`); any other `code` is a failure carrying the
/// body's `message`. A body without a numeric `code` is left to the
/// response decoder.
///
/// ```
/// use agora_api::envelope::Payload;
/// use agora_api::license::LICENSE_ENVELOPE;
///
/// let ok = LICENSE_ENVELOPE.open(br#"{"code":200,"data":{"count":0,"list":[]}}"#);
/// assert_eq!(ok, Ok(Payload::Value(serde_json::json!({"count":0,"list":[]}))));
/// let failed = LICENSE_ENVELOPE
///     .open(br#"{"code":400,"message":"pid not found"}"#)
///     .unwrap_err();
/// assert_eq!(failed.message.as_deref(), Some("pid not found"));
/// ```
pub const LICENSE_ENVELOPE: Envelope = Envelope::new("license_code_200", open_license);

/// The longest message kept from a failure.
const MESSAGE_LEN: usize = 512;

fn open_license(body: &[u8]) -> Result<Payload, InBandFailure> {
    let Ok(mut value) = serde_json::from_slice::<serde_json::Value>(body) else {
        return Ok(Payload::Body);
    };
    match value.get("code").and_then(serde_json::Value::as_i64) {
        Some(200) => Ok(Payload::Value(
            value
                .get_mut("data")
                .map(serde_json::Value::take)
                .unwrap_or_default(),
        )),
        Some(code) => {
            let message = value
                .get("message")
                .or_else(|| value.get("msg"))
                .and_then(serde_json::Value::as_str)
                .map(|text| crate::redact::bounded_text(&crate::redact::redact(text), MESSAGE_LEN));
            Err(InBandFailure {
                code: Some(ErrorCode::Number(code)),
                reason: None,
                message,
            })
        }
        None => Ok(Payload::Body),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_body_without_a_code_is_left_to_the_decoder() {
        assert_eq!(LICENSE_ENVELOPE.open(b"{}"), Ok(Payload::Body));
        assert_eq!(LICENSE_ENVELOPE.open(b"not json"), Ok(Payload::Body));
    }

    #[test]
    fn a_success_without_data_is_null() {
        assert_eq!(
            LICENSE_ENVELOPE.open(br#"{"code":200,"message":"success"}"#),
            Ok(Payload::Value(serde_json::Value::Null))
        );
    }
}
