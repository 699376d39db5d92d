//! The Media Gateway answer: `{"status": "success", "data": ...}`; a
//! failure is a non-2xx status with `{"message": ...}`.

use crate::envelope::{Envelope, InBandFailure, Payload};

/// Opens a Media Gateway 2xx body: `status` `success` is a success whose
/// response is `data` (`null` when the answer has none, as deletes and
/// mutes answer only the status); any other `status` is a failure, its
/// reason the status and its message the body's `message`. A body
/// without a `status` (the Notifications IPs) is the response as it is.
///
/// ```
/// use agora_api::envelope::Payload;
/// use agora_api::media_gateway::GATEWAY_ENVELOPE;
///
/// assert_eq!(
///     GATEWAY_ENVELOPE.open(br#"{"status":"success"}"#),
///     Ok(Payload::Value(serde_json::Value::Null))
/// );
/// let failed = GATEWAY_ENVELOPE
///     .open(br#"{"status":"failed","message":"busy"}"#)
///     .unwrap_err();
/// assert_eq!(failed.reason.as_deref(), Some("failed"));
/// assert_eq!(failed.message.as_deref(), Some("busy"));
/// ```
pub const GATEWAY_ENVELOPE: Envelope = Envelope::new("gateway_status_data", open_gateway);

/// [`GATEWAY_ENVELOPE`] for an answer about one thing whose `data` may
/// come as an array of it (the stream-information page's example): the
/// first element is the response. An empty array is `null`, which the
/// response decoder refuses.
///
/// ```
/// use agora_api::envelope::Payload;
/// use agora_api::media_gateway::GATEWAY_ONE_ENVELOPE;
///
/// assert_eq!(
///     GATEWAY_ONE_ENVELOPE.open(br#"{"status":"success","data":[{"sid":"a"},{"sid":"b"}]}"#),
///     Ok(Payload::Value(serde_json::json!({"sid": "a"})))
/// );
/// ```
pub const GATEWAY_ONE_ENVELOPE: Envelope = Envelope::new("gateway_status_data_one", open_one);

fn open_one(body: &[u8]) -> Result<Payload, InBandFailure> {
    match open_gateway(body)? {
        Payload::Value(serde_json::Value::Array(mut items)) => {
            Ok(Payload::Value(if items.is_empty() {
                serde_json::Value::Null
            } else {
                items.swap_remove(0)
            }))
        }
        other => Ok(other),
    }
}

/// The longest status or message kept from a failure.
const TEXT_LEN: usize = 512;

fn bounded(text: &str) -> String {
    crate::redact::bounded_text(&crate::redact::redact(text), TEXT_LEN)
}

fn open_gateway(body: &[u8]) -> Result<Payload, InBandFailure> {
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
    Err(InBandFailure {
        code: None,
        reason: Some(bounded(status)),
        message: value
            .get("message")
            .and_then(serde_json::Value::as_str)
            .map(bounded),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_thing_is_read_from_an_object_or_the_first_of_an_array() {
        assert_eq!(
            GATEWAY_ONE_ENVELOPE.open(br#"{"status":"success","data":{"sid":"a"}}"#),
            Ok(Payload::Value(serde_json::json!({"sid": "a"})))
        );
        assert_eq!(
            GATEWAY_ONE_ENVELOPE.open(br#"{"status":"success","data":[]}"#),
            Ok(Payload::Value(serde_json::Value::Null))
        );
        assert!(
            GATEWAY_ONE_ENVELOPE
                .open(br#"{"status":"failed"}"#)
                .is_err()
        );
    }

    #[test]
    fn a_body_without_a_status_is_the_response() {
        assert_eq!(
            GATEWAY_ENVELOPE.open(br#"{"data":{"service":{"hosts":[]}}}"#),
            Ok(Payload::Body)
        );
        assert_eq!(GATEWAY_ENVELOPE.open(b""), Ok(Payload::Body));
    }
}
