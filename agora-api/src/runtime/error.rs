//! The one error type of the crate, and the pieces it carries.

use std::borrow::Cow;
use std::fmt;
use std::time::Duration;

pub use crate::api_error::{ApiError, ErrorCode};
pub(crate) use crate::api_error::{MESSAGE_LEN, excerpt};
use crate::endpoint::AuthScheme;

/// A value that breaks one of Agora's documented rules, found before any
/// I/O. It names the field and the rule, never the value (which may be a
/// secret).
///
/// ```
/// let error = agora_api::ChannelName::new("").unwrap_err();
/// assert_eq!(error.field(), "channel_name");
/// assert_eq!(error.to_string(), "invalid `channel_name`: must not be empty");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid `{field}`: {rule}")]
pub struct InvalidInput {
    field: Cow<'static, str>,
    rule: Cow<'static, str>,
}

impl InvalidInput {
    /// An error for `field` breaking `rule`.
    ///
    /// ```
    /// let error = agora_api::InvalidInput::new("page_size", "must be from 1 to 500");
    /// assert_eq!(error.to_string(), "invalid `page_size`: must be from 1 to 500");
    /// ```
    pub fn new(field: impl Into<Cow<'static, str>>, rule: impl Into<Cow<'static, str>>) -> Self {
        InvalidInput {
            field: field.into(),
            rule: rule.into(),
        }
    }

    /// The field (or input) that is invalid.
    pub fn field(&self) -> &str {
        &self.field
    }

    /// The rule it breaks.
    pub fn rule(&self) -> &str {
        &self.rule
    }

    /// The same rule, reported against another field name: a type such as
    /// [`ChannelName`](crate::ChannelName) names itself, a request knows
    /// which of its fields it was.
    #[must_use]
    pub fn for_field(mut self, field: impl Into<Cow<'static, str>>) -> Self {
        self.field = field.into();
        self
    }
}

/// Everything that can go wrong with a call.
///
/// Secrets (the customer secret, tokens) never appear in any variant's
/// `Display` or `Debug`.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// An input breaks a documented rule; nothing was sent.
    #[error(transparent)]
    InvalidInput(#[from] InvalidInput),

    /// The endpoint accepts none of the schemes the client has credentials
    /// for; nothing was sent.
    #[error("{endpoint} needs credentials for {}, and the client has none of them", SchemeList(.accepted))]
    MissingCredentials {
        /// The endpoint's name.
        endpoint: &'static str,
        /// The schemes the endpoint accepts.
        accepted: &'static [AuthScheme],
    },

    /// Agora answered with a non-2xx status, or with a 2xx whose body
    /// reports a failure ([`ApiError::in_band`]).
    #[error("{endpoint}: {error}")]
    Api {
        /// The endpoint's name.
        endpoint: &'static str,
        /// What Agora said.
        error: Box<ApiError>,
    },

    /// The call did not finish within the client's timeout.
    #[error("{endpoint}: no response within {timeout:?}")]
    Timeout {
        /// The endpoint's name.
        endpoint: &'static str,
        /// The timeout that ran out.
        timeout: Duration,
    },

    /// The request could not be sent or the response not read (connection
    /// refused or reset, DNS, TLS).
    #[error("{endpoint}: transport error: {source}")]
    Transport {
        /// The endpoint's name.
        endpoint: &'static str,
        /// The underlying error.
        #[source]
        source: reqwest::Error,
    },

    /// A 2xx response whose body is not what the endpoint documents.
    #[error(
        "{endpoint}: cannot decode the {status} response ({source}); body starts with: {excerpt}"
    )]
    Decode {
        /// The endpoint's name.
        endpoint: &'static str,
        /// The HTTP status.
        status: u16,
        /// What the JSON decoder said, and where.
        #[source]
        source: DecodeError,
        /// The first bytes of the body, for the log, with the values of
        /// secret-named members (`sign_key`, `token`, `accessKey`, ...) and
        /// anything token-shaped replaced by `<redacted>`.
        excerpt: String,
    },

    /// The response body is larger than the client reads
    /// ([`ClientBuilder::max_response_bytes`](crate::ClientBuilder::max_response_bytes));
    /// reading stopped at the limit and the connection was closed.
    #[error("{endpoint}: the {status} response is larger than the {limit}-byte limit")]
    BodyTooLarge {
        /// The endpoint's name.
        endpoint: &'static str,
        /// The HTTP status.
        status: u16,
        /// The limit that was reached, in bytes.
        limit: usize,
    },

    /// The server answered with a redirect. Agora's REST APIs never
    /// redirect, and the client follows none: credentials go only to the
    /// hosts the client was configured with.
    #[error("{endpoint}: the server redirected (HTTP {status}{}); redirects are not followed", LocationText(.location))]
    Redirect {
        /// The endpoint's name.
        endpoint: &'static str,
        /// The 3xx status.
        status: u16,
        /// The `Location` header (at most 512 bytes of it), when there was one.
        location: Option<String>,
    },

    /// A paged list did not advance: the server's answer led to a page
    /// already fetched, so walking on would loop for ever.
    #[error(
        "{endpoint}: page {page} leads back to a page already fetched; the server's paging does not advance"
    )]
    PageCycle {
        /// The endpoint's name.
        endpoint: &'static str,
        /// How many pages had been fetched (1 for the first).
        page: usize,
    },

    /// The request body could not be encoded as JSON; nothing was sent.
    #[error("{endpoint}: cannot encode the request body: {source}")]
    Encode {
        /// The endpoint's name.
        endpoint: &'static str,
        /// What serde said.
        #[source]
        source: serde_json::Error,
    },

    /// Every attempt of a call failed; each one's host and reason, in order.
    #[error("{endpoint}: gave up after {} attempts: {}", attempts.len(), AttemptList(attempts))]
    GaveUp {
        /// The endpoint's name.
        endpoint: &'static str,
        /// Every attempt, first to last.
        attempts: Vec<AttemptFailure>,
        /// The last attempt's error.
        #[source]
        last: Box<Error>,
    },

    /// A token could not be minted for token auth (RTM, RTC, education);
    /// nothing was sent.
    #[cfg(feature = "token")]
    #[error("cannot mint a token: {0}")]
    Token(#[from] crate::token::TokenError),

    /// The client configuration is unusable (bad base URL, TLS setup).
    #[error("invalid client configuration: {0}")]
    Config(String),
}

/// Formats an optional `Location` as ", to ...".
struct LocationText<'a>(&'a Option<String>);

impl fmt::Display for LocationText<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(location) => write!(f, " to {location:?}"),
            None => Ok(()),
        }
    }
}

/// Why a 2xx body did not decode: the JSON decoder's reason and position.
///
/// The decoder quotes the values it rejects (`invalid type: string
/// "..."`); a rejected value may be a secret, so quoted values are replaced
/// by `<redacted>` in this error's text.
///
/// ```
/// let error = serde_json::from_str::<u32>(r#""5CFd2fd1755d40ecb72977518be15d3b""#).unwrap_err();
/// let decode = agora_api::DecodeError::from(error);
/// assert!(!decode.to_string().contains("5CFd2fd1"));
/// assert_eq!((decode.line(), decode.column()), (1, 34));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError {
    message: String,
    line: usize,
    column: usize,
    category: serde_json::error::Category,
}

impl DecodeError {
    /// The line of the body (1-based) where decoding stopped.
    pub fn line(&self) -> usize {
        self.line
    }

    /// The column (1-based) where decoding stopped.
    pub fn column(&self) -> usize {
        self.column
    }

    /// Whether the body was not JSON (`Syntax`), was cut short (`Eof`), or
    /// was JSON of another shape (`Data`).
    pub fn category(&self) -> serde_json::error::Category {
        self.category
    }
}

impl From<serde_json::Error> for DecodeError {
    fn from(error: serde_json::Error) -> Self {
        DecodeError {
            message: crate::redact::bounded_text(
                &redact_quoted_values(&error.to_string()),
                MESSAGE_LEN,
            ),
            line: error.line(),
            column: error.column(),
            category: error.classify(),
        }
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for DecodeError {}

/// serde's messages quote a rejected value after `string ` (`invalid type:
/// string "x", expected u32`, `unknown variant "x"` keeps its name, which
/// is a variant, not data): the value is replaced.
fn redact_quoted_values(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(at) = rest.find("string \"") {
        let start = at + "string \"".len();
        out.push_str(&rest[..start]);
        out.push_str(crate::redact::REDACTED);
        rest = &rest[start..];
        // The quoted value ends at the last `"` before `, expected` (the
        // value itself may hold quotes), or at the end.
        let end = rest
            .find("\", expected")
            .or_else(|| rest.rfind('"'))
            .unwrap_or(rest.len());
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

impl Error {
    /// Whether the same call may succeed if tried again later: timeouts,
    /// connection failures, 429 and 5xx (500, 502, 503, 504). Whether it is
    /// *safe* to re-send also depends on the endpoint
    /// ([`Endpoint::IDEMPOTENT`](crate::Endpoint::IDEMPOTENT)). A status
    /// an endpoint adds with `retry_status`
    /// ([`Endpoint::RETRY_STATUSES`](crate::Endpoint::RETRY_STATUSES),
    /// Media Gateway's `409`) is retried by the client for that endpoint,
    /// and not counted here.
    ///
    /// ```
    /// let error = agora_api::Error::Config("no".into());
    /// assert!(!error.is_retryable());
    /// ```
    pub fn is_retryable(&self) -> bool {
        match self {
            Error::Timeout { .. } => true,
            Error::Transport { source, .. } => {
                source.is_connect() || source.is_timeout() || source.is_request()
            }
            Error::Api { error, .. } => matches!(error.status, 429 | 500 | 502 | 503 | 504),
            Error::GaveUp { last, .. } => last.is_retryable(),
            _ => false,
        }
    }

    /// The Agora error, when Agora answered (the last attempt) with a
    /// non-2xx status.
    pub fn api(&self) -> Option<&ApiError> {
        match self {
            Error::Api { error, .. } => Some(error),
            Error::GaveUp { last, .. } => last.api(),
            _ => None,
        }
    }

    /// How many attempts the call made before this error: 1 unless it
    /// was retried.
    pub fn attempts(&self) -> usize {
        match self {
            Error::GaveUp { attempts, .. } => attempts.len(),
            _ => 1,
        }
    }
}

/// One failed attempt of a call that was retried.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct AttemptFailure {
    /// The base URL the attempt went to.
    pub host: String,
    /// Why it failed.
    pub reason: String,
}

impl AttemptFailure {
    pub(crate) fn new(host: &str, error: &Error) -> Self {
        AttemptFailure {
            host: host.to_owned(),
            reason: error.to_string(),
        }
    }
}

/// Formats attempts as "[1] host: reason; [2] ...".
struct AttemptList<'a>(&'a [AttemptFailure]);

impl fmt::Display for AttemptList<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, attempt) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            write!(f, "[{}] {}: {}", i + 1, attempt.host, attempt.reason)?;
        }
        Ok(())
    }
}

/// Formats `[Basic, RtmToken]` as "basic or rtm_token".
struct SchemeList<'a>(&'a [AuthScheme]);

impl fmt::Display for SchemeList<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, scheme) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(if i + 1 == self.0.len() { " or " } else { ", " })?;
            }
            write!(f, "{scheme}")?;
        }
        if self.0.is_empty() {
            f.write_str("no scheme")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api_error::EXCERPT_LEN;

    #[test]
    fn reads_every_documented_error_shape() {
        let console =
            ApiError::from_response(400, None, br#"{"message":"project name duplicated"}"#);
        assert_eq!(console.message.as_deref(), Some("project name duplicated"));
        let legacy = ApiError::from_response(404, None, br#"{"error_msg":"project not exist"}"#);
        assert_eq!(legacy.message.as_deref(), Some("project not exist"));
        let zh = ApiError::from_response(400, None, br#"{"status":"error","message":"bad"}"#);
        assert_eq!(zh.message.as_deref(), Some("bad"));
        let convo = ApiError::from_response(
            422,
            None,
            br#"{"detail":"at most 10 agents","reason":"LimitExceeded"}"#,
        );
        assert_eq!(convo.reason.as_deref(), Some("LimitExceeded"));
        assert_eq!(convo.message.as_deref(), Some("at most 10 agents"));
        let lone = ApiError::from_response(404, None, br#"{"detail":"task not found"}"#);
        assert_eq!(lone.reason.as_deref(), Some("task not found"));
        assert_eq!(lone.message, None);
        let rtm = ApiError::from_response(
            400,
            None,
            br#"{"errorCode":400,"error":true,"reason":"bad"}"#,
        );
        assert_eq!(rtm.code, Some(ErrorCode::Number(400)));
        assert_eq!(rtm.reason.as_deref(), Some("bad"));
    }

    #[test]
    fn quotes_a_non_json_body_cut_at_a_char_boundary() {
        let body = "é".repeat(300);
        let error = ApiError::from_response(502, None, body.as_bytes());
        let quoted = error.body_excerpt.expect("an excerpt");
        assert!(quoted.len() <= EXCERPT_LEN + '…'.len_utf8());
        assert!(quoted.ends_with('…'));
    }

    #[test]
    fn messages_are_bounded_and_redacted() {
        let long = "m".repeat(64 * 1024 * 1024 / 64);
        let body = format!(
            r#"{{"code":1,"message":"{long}","reason":"bad token 007eJxTYBBbsMMnKq7xt4PUd9mnSdtjG6yjZx1mNGlOYlBkYGI0yMjIS0pJKEmpTMwQ6tJbBgYAsLEGqQ=="}}"#
        );
        let error = ApiError::from_response(500, None, body.as_bytes());
        assert!(error.to_string().len() < 2 * MESSAGE_LEN + 200);
        let message = error.message.expect("a message");
        assert!(message.len() <= MESSAGE_LEN + '…'.len_utf8());
        let reason = error.reason.expect("a reason");
        assert_eq!(reason, "bad token <redacted>");
    }

    #[test]
    fn non_json_error_bodies_are_quoted_without_secrets() {
        let error = ApiError::from_response(
            502,
            None,
            br#"<html>{"sign_key":"5CFd2fd1755d40ecb72977518be15d3b"}"#,
        );
        let quoted = error.body_excerpt.expect("an excerpt");
        assert!(!quoted.contains("5CFd2fd1"), "{quoted}");
    }

    #[test]
    fn decode_errors_do_not_quote_rejected_values() {
        let error = serde_json::from_str::<std::collections::HashMap<String, u32>>(
            r#"{"a":"the \"secret\" value"}"#,
        )
        .expect_err("a string is not a u32");
        let decode = DecodeError::from(error);
        assert!(!decode.to_string().contains("secret"), "{decode}");
        assert!(decode.to_string().contains("expected u32"), "{decode}");
        assert_eq!(decode.category(), serde_json::error::Category::Data);
    }

    #[test]
    fn display_names_status_code_reason_and_request_id() {
        let error = ApiError::from_response(
            404,
            Some("abc".into()),
            br#"{"code":404,"reason":"failed to find worker"}"#,
        );
        assert_eq!(
            error.to_string(),
            "Agora answered HTTP 404, code 404, reason \"failed to find worker\" (X-Request-ID abc)"
        );
    }
}
