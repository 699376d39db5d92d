//! Agora's answer to a failed call ([`ApiError`]): its status, code,
//! reason, message and IDs, read from a non-2xx body or from a product
//! envelope's in-band failure, bounded and redacted.

use std::fmt;
use std::time::Duration;

use serde::Deserialize;

/// Agora's answer to a failed call: the HTTP status, the parsed error body
/// (`code`, `reason`, `message` in their documented spellings) and the
/// `X-Request-ID` Agora support asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ApiError {
    /// The HTTP status code.
    pub status: u16,
    /// Agora's own error code: a number (Cloud Recording) or a string
    /// (some RTM errors), when the body has one.
    pub code: Option<ErrorCode>,
    /// The short reason (`reason`, or `detail` when there is no
    /// `reason`), when the body has one.
    pub reason: Option<String>,
    /// The human-readable message (`message`, `msg` or `error_msg`; a
    /// `detail` beside a `reason`, as Conversational AI and Real-Time STT
    /// v7 send them), when the body has one.
    pub message: Option<String>,
    /// The `X-Request-ID` response header.
    pub request_id: Option<String>,
    /// The first bytes of a body that is not a JSON error object, secrets
    /// redacted.
    pub body_excerpt: Option<String>,
    /// How long Agora asked to wait before trying again (`Retry-After`),
    /// when it said.
    pub retry_after: Option<Duration>,
    /// The `X-Resource-ID` response header: the resource a create made or
    /// (with a `409`) the one that already exists.
    pub resource_id: Option<String>,
    /// The failure was reported inside a 2xx body (a product envelope's
    /// code), not by the HTTP status.
    pub in_band: bool,
}

/// Agora's error code: most products send a number, some a string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ErrorCode {
    /// A numeric code, e.g. Cloud Recording's `code: 53`.
    Number(i64),
    /// A textual code.
    Text(String),
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ErrorCode::Number(n) => write!(f, "{n}"),
            ErrorCode::Text(s) => f.write_str(s),
        }
    }
}

/// Every documented shape of an Agora error body, read leniently.
/// Fields are read as loose JSON values so that one odd field never hides
/// the others.
#[derive(Deserialize)]
struct ErrorBody {
    #[serde(default)]
    code: Option<serde_json::Value>,
    #[serde(default, rename = "errorCode")]
    error_code: Option<serde_json::Value>,
    #[serde(default)]
    reason: Option<serde_json::Value>,
    #[serde(default)]
    detail: Option<serde_json::Value>,
    #[serde(default)]
    message: Option<serde_json::Value>,
    #[serde(default)]
    msg: Option<serde_json::Value>,
    #[serde(default)]
    error_msg: Option<serde_json::Value>,
}

fn code(value: Option<serde_json::Value>) -> Option<ErrorCode> {
    match value? {
        serde_json::Value::Number(n) => n.as_i64().map(ErrorCode::Number),
        serde_json::Value::String(s) => {
            Some(ErrorCode::Text(crate::redact::bounded_text(&s, CODE_LEN)))
        }
        _ => None,
    }
}

/// How many bytes of an unexpected body an error quotes.
pub(crate) const EXCERPT_LEN: usize = 256;

/// How many bytes of a textual error code an error keeps.
const CODE_LEN: usize = 128;

/// How many bytes of Agora's `reason` or `message` an error keeps.
pub(crate) const MESSAGE_LEN: usize = 1024;

/// The first [`EXCERPT_LEN`] bytes of `body` as text, secrets redacted, cut
/// at a character boundary.
pub(crate) fn excerpt(body: &[u8]) -> String {
    crate::redact::excerpt(body, EXCERPT_LEN)
}

/// A reason or message as text: at most [`MESSAGE_LEN`] bytes, tokens
/// redacted.
fn text(value: Option<serde_json::Value>) -> Option<String> {
    let text = match value? {
        serde_json::Value::String(s) => s,
        serde_json::Value::Null => return None,
        other => crate::redact::redact(&other.to_string()),
    };
    Some(crate::redact::bounded_text(&text, MESSAGE_LEN))
}

impl ApiError {
    /// Reads an error response. The body should be read under a bound (the
    /// client reads at most 64 KiB of an error body); what is kept of it is
    /// bounded again: 1 KiB of `reason` and `message`, 256 of
    /// a body that is not JSON, with tokens and secret-named members
    /// redacted.
    ///
    /// ```
    /// let error = agora_api::ApiError::from_response(
    ///     400,
    ///     Some("req-1".into()),
    ///     br#"{"code": 400, "reason": "invalid_appid"}"#,
    /// );
    /// assert_eq!(error.code, Some(agora_api::ErrorCode::Number(400)));
    /// assert_eq!(error.reason.as_deref(), Some("invalid_appid"));
    /// assert_eq!(error.request_id.as_deref(), Some("req-1"));
    /// ```
    pub fn from_response(status: u16, request_id: Option<String>, body: &[u8]) -> Self {
        match serde_json::from_slice::<ErrorBody>(body) {
            Ok(parsed) => {
                // `{"detail": "...", "reason": "InvalidRequest"}`: the reason
                // is the short one and the detail the message; a lone
                // `detail` is the reason.
                let (reason, detail) = match (text(parsed.reason), text(parsed.detail)) {
                    (Some(reason), detail) => (Some(reason), detail),
                    (None, detail) => (detail, None),
                };
                ApiError {
                    status,
                    code: code(parsed.code).or_else(|| code(parsed.error_code)),
                    reason,
                    message: text(parsed.message)
                        .or_else(|| text(parsed.msg))
                        .or_else(|| text(parsed.error_msg))
                        .or(detail),
                    request_id,
                    body_excerpt: None,
                    retry_after: None,
                    resource_id: None,
                    in_band: false,
                }
            }
            Err(_) => ApiError {
                status,
                code: None,
                reason: None,
                message: None,
                request_id,
                body_excerpt: (!body.is_empty()).then(|| excerpt(body)),
                retry_after: None,
                resource_id: None,
                in_band: false,
            },
        }
    }

    /// The error of a 2xx answer whose body reports a failure, as a
    /// product [`Envelope`](crate::envelope::Envelope) read it.
    ///
    /// ```
    /// use agora_api::{ApiError, ErrorCode, envelope};
    ///
    /// let failure = envelope::CODE.open(br#"{"code":7,"reason":"already started"}"#).unwrap_err();
    /// let error = ApiError::in_band_failure(201, None, failure);
    /// assert!(error.in_band);
    /// assert_eq!(error.code, Some(ErrorCode::Number(7)));
    /// assert_eq!(error.to_string(), "Agora answered HTTP 201 with a failure in its body, code 7, reason \"already started\"");
    /// ```
    pub fn in_band_failure(
        status: u16,
        request_id: Option<String>,
        failure: crate::envelope::InBandFailure,
    ) -> Self {
        ApiError {
            status,
            code: failure.code,
            reason: failure.reason,
            message: failure.message,
            request_id,
            body_excerpt: None,
            retry_after: None,
            resource_id: None,
            in_band: true,
        }
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Agora answered HTTP {}", self.status)?;
        if self.in_band {
            f.write_str(" with a failure in its body")?;
        }
        if let Some(code) = &self.code {
            write!(f, ", code {code}")?;
        }
        if let Some(reason) = &self.reason {
            write!(f, ", reason {reason:?}")?;
        }
        if let Some(message) = &self.message {
            write!(f, ", message {message:?}")?;
        }
        if let Some(body) = &self.body_excerpt {
            write!(f, ", body {body:?}")?;
        }
        if let Some(wait) = &self.retry_after {
            write!(f, ", Retry-After {}s", wait.as_secs())?;
        }
        if let Some(id) = &self.resource_id {
            write!(f, ", X-Resource-ID {id}")?;
        }
        if let Some(id) = &self.request_id {
            write!(f, " (X-Request-ID {id})")?;
        }
        Ok(())
    }
}
