//! Product envelopes: how a 2xx body says that the call failed after all,
//! and where the payload sits inside it.
//!
//! Agora's products wrap their answers differently. Flexible Classroom
//! answers `{"code": 0, "msg": "Success", "ts": ..., "data": {...}}` and
//! reports a failure as a non-zero `code`, sometimes with a 2xx status;
//! Cloud Recording answers a repeated `start` with `201 {"code": 7,
//! "reason": "already started"}`. An endpoint names its envelope in the
//! derive (`envelope = agora_api::envelope::CODE_MSG_DATA`); the client
//! opens every 2xx body with it, so that an in-band failure comes back as
//! [`Error::Api`](crate::Error::Api) (with [`ApiError::in_band`](crate::ApiError::in_band)
//! set), never as `Ok`, and the typed response is the payload.
//!
//! The set is open: [`Envelope::new`] takes any function, for a product
//! this module does not know.

use std::fmt;

use serde::Deserialize;

use crate::error::ErrorCode;

/// What an [`Envelope`] found in a 2xx body.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Payload {
    /// The whole body is the response: decode it as it is.
    Body,
    /// The response is this value (a member of the body, or the body
    /// turned into JSON).
    Value(serde_json::Value),
}

/// A failure reported inside a 2xx body: Agora's code and words for it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct InBandFailure {
    /// The product's code (`code`), when the body has one.
    pub code: Option<ErrorCode>,
    /// The short reason (`reason`), when the body has one.
    pub reason: Option<String>,
    /// The human-readable message (`msg` or `message`), when the body has
    /// one.
    pub message: Option<String>,
}

/// Opens a 2xx body: the payload to decode, or the failure it reports.
/// A body the envelope cannot read at all is left to the response decoder
/// ([`Payload::Body`]), which reports it as a decode error.
pub type OpenFn = fn(&[u8]) -> Result<Payload, InBandFailure>;

/// One product envelope: a name (for logs and the registry) and how it
/// opens a body.
///
/// ```
/// use agora_api::envelope::{self, Envelope, InBandFailure, Payload};
///
/// // A product that answers `{"ok": false}` on failure.
/// fn open_ok(body: &[u8]) -> Result<Payload, InBandFailure> {
///     match serde_json::from_slice::<serde_json::Value>(body) {
///         Ok(value) if value["ok"] == false => Err(InBandFailure::default()),
///         _ => Ok(Payload::Body),
///     }
/// }
/// const OK_FLAG: Envelope = Envelope::new("ok_flag", open_ok);
///
/// assert!(OK_FLAG.open(br#"{"ok": false}"#).is_err());
/// assert_eq!(OK_FLAG.open(br#"{"ok": true}"#), Ok(Payload::Body));
/// assert_eq!(envelope::CODE_MSG_DATA.name(), "code_msg_data");
/// ```
#[derive(Clone, Copy)]
pub struct Envelope {
    name: &'static str,
    open: OpenFn,
}

impl Envelope {
    /// No envelope: the body is the response, whatever it holds.
    pub const BARE: Envelope = Envelope::new("bare", open_bare);

    /// An envelope called `name` that opens bodies with `open`.
    pub const fn new(name: &'static str, open: OpenFn) -> Self {
        Envelope { name, open }
    }

    /// The envelope's name.
    pub const fn name(self) -> &'static str {
        self.name
    }

    /// Opens `body` (a 2xx body, possibly empty).
    pub fn open(self, body: &[u8]) -> Result<Payload, InBandFailure> {
        (self.open)(body)
    }
}

impl fmt::Debug for Envelope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Envelope").field(&self.name).finish()
    }
}

fn open_bare(_: &[u8]) -> Result<Payload, InBandFailure> {
    Ok(Payload::Body)
}

/// Cloud Recording: a 2xx body with a non-zero numeric `code` (`201`
/// code 7 "already started", `206` code 65 "request not completed") is a
/// failure; any other body is the response.
///
/// ```
/// let failure = agora_api::envelope::CODE.open(br#"{"code":7,"reason":"already started"}"#).unwrap_err();
/// assert_eq!(failure.code, Some(agora_api::ErrorCode::Number(7)));
/// assert_eq!(failure.reason.as_deref(), Some("already started"));
/// assert!(agora_api::envelope::CODE.open(br#"{"sid":"x"}"#).is_ok());
/// ```
pub const CODE: Envelope = Envelope::new("code", open_code);

/// `{code, msg, ts, data}` (Flexible Classroom): `code` 0 is a success
/// whose response is `data` (`null` when absent); any other `code` is a
/// failure with `msg` as its message.
///
/// ```
/// use agora_api::envelope::{CODE_MSG_DATA, Payload};
///
/// let ok = CODE_MSG_DATA.open(br#"{"code":0,"msg":"Success","ts":1,"data":[1]}"#);
/// assert_eq!(ok, Ok(Payload::Value(serde_json::json!([1]))));
/// let failed = CODE_MSG_DATA.open(br#"{"code":20404100,"msg":"room not found","ts":1}"#).unwrap_err();
/// assert_eq!(failed.message.as_deref(), Some("room not found"));
/// ```
pub const CODE_MSG_DATA: Envelope = Envelope::new("code_msg_data", open_code_msg_data);

/// `{status: "success", data, ...}` (Conversational AI lists): any other
/// `status` is a failure. The response is the whole body, since its
/// paging (`meta`) sits beside `data`.
///
/// ```
/// use agora_api::envelope::{STATUS_SUCCESS, Payload};
///
/// assert_eq!(STATUS_SUCCESS.open(br#"{"status":"success","data":{}}"#), Ok(Payload::Body));
/// assert!(STATUS_SUCCESS.open(br#"{"status":"failed","message":"x"}"#).is_err());
/// ```
pub const STATUS_SUCCESS: Envelope = Envelope::new("status_success", open_status_success);

/// A body that is not JSON: handed to the response decoder as one JSON
/// string (lossy UTF-8), so a `String` response takes it as it is.
///
/// ```
/// use agora_api::envelope::{TEXT, Payload};
///
/// assert_eq!(TEXT.open(b"pong"), Ok(Payload::Value(serde_json::json!("pong"))));
/// ```
pub const TEXT: Envelope = Envelope::new("text", open_text);

/// The members an envelope may read, leniently: a member of an unexpected
/// type is as good as absent.
#[derive(Deserialize)]
struct Members {
    #[serde(default)]
    code: Option<serde_json::Value>,
    #[serde(default)]
    reason: Option<serde_json::Value>,
    #[serde(default)]
    msg: Option<serde_json::Value>,
    #[serde(default)]
    message: Option<serde_json::Value>,
    #[serde(default)]
    status: Option<serde_json::Value>,
}

fn text(value: Option<&serde_json::Value>) -> Option<String> {
    match value? {
        serde_json::Value::String(text) => Some(crate::redact::bounded_text(
            &crate::redact::redact(text),
            crate::error::MESSAGE_LEN,
        )),
        _ => None,
    }
}

fn failure(members: &Members) -> InBandFailure {
    InBandFailure {
        code: members.code.as_ref().and_then(|code| match code {
            serde_json::Value::Number(n) => n.as_i64().map(ErrorCode::Number),
            serde_json::Value::String(s) => Some(ErrorCode::Text(crate::redact::bounded_text(
                s,
                crate::error::MESSAGE_LEN,
            ))),
            _ => None,
        }),
        reason: text(members.reason.as_ref()),
        message: text(members.msg.as_ref()).or_else(|| text(members.message.as_ref())),
    }
}

fn open_code(body: &[u8]) -> Result<Payload, InBandFailure> {
    match serde_json::from_slice::<Members>(body) {
        Ok(members)
            if members
                .code
                .as_ref()
                .and_then(serde_json::Value::as_i64)
                .is_some_and(|code| code != 0) =>
        {
            Err(failure(&members))
        }
        _ => Ok(Payload::Body),
    }
}

fn open_code_msg_data(body: &[u8]) -> Result<Payload, InBandFailure> {
    let Ok(mut value) = serde_json::from_slice::<serde_json::Value>(body) else {
        return Ok(Payload::Body);
    };
    let code = value.get("code").and_then(serde_json::Value::as_i64);
    match code {
        Some(0) => Ok(Payload::Value(
            value
                .get_mut("data")
                .map(serde_json::Value::take)
                .unwrap_or_default(),
        )),
        Some(_) => Err(failure(&Members::deserialize(&value).unwrap_or(Members {
            code: value.get("code").cloned(),
            reason: None,
            msg: None,
            message: None,
            status: None,
        }))),
        // Not the envelope: let the decoder say what it is.
        None => Ok(Payload::Body),
    }
}

fn open_status_success(body: &[u8]) -> Result<Payload, InBandFailure> {
    match serde_json::from_slice::<Members>(body) {
        Ok(members) => match members.status.as_ref().and_then(serde_json::Value::as_str) {
            Some("success") | None => Ok(Payload::Body),
            Some(other) => {
                let mut failure = failure(&members);
                if failure.reason.is_none() {
                    failure.reason = Some(crate::redact::bounded_text(other, 128));
                }
                Err(failure)
            }
        },
        Err(_) => Ok(Payload::Body),
    }
}

fn open_text(body: &[u8]) -> Result<Payload, InBandFailure> {
    Ok(Payload::Value(serde_json::Value::String(
        String::from_utf8_lossy(body).into_owned(),
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_zero_or_missing_code_is_the_response() {
        assert_eq!(CODE.open(br#"{"code":0}"#), Ok(Payload::Body));
        assert_eq!(CODE.open(b""), Ok(Payload::Body));
        assert_eq!(CODE.open(b"not json"), Ok(Payload::Body));
    }

    #[test]
    fn a_code_msg_data_envelope_without_data_is_null() {
        assert_eq!(
            CODE_MSG_DATA.open(br#"{"msg":"Success","code":0,"ts":1610167740309}"#),
            Ok(Payload::Value(serde_json::Value::Null))
        );
    }

    #[test]
    fn in_band_messages_are_bounded_and_redacted() {
        let body = format!(
            r#"{{"code":1,"msg":"bad token 007eJxTYBBbsMMnKq7xt4PUd9mnSdtjG6yjZx1mNGlOYlBkYGI0yMjIS0pJKEmpTMwQ6tJbBgYAsLEGqQ== {}"}}"#,
            "x".repeat(10_000)
        );
        let failure = CODE_MSG_DATA.open(body.as_bytes()).expect_err("a failure");
        let message = failure.message.expect("a message");
        assert!(message.starts_with("bad token <redacted>"), "{message}");
        assert!(message.len() < 2_000);
    }
}
