//! What the emulator answers: a status, a JSON body, and the error bodies
//! of each Agora product in their documented shapes.

use agora_api::InvalidInput;
use serde_json::{Value, json};

/// Why a body was refused with `415`.
pub(crate) const JSON_ONLY: &str = "Content-Type must be application/json";

/// One answer.
#[derive(Debug, Clone)]
pub(crate) struct Reply {
    pub(crate) status: u16,
    pub(crate) headers: Vec<(&'static str, String)>,
    pub(crate) body: Vec<u8>,
}

impl Reply {
    /// `status` with `body` as JSON.
    pub(crate) fn json(status: u16, body: Value) -> Self {
        Reply {
            status,
            headers: Vec::new(),
            body: body.to_string().into_bytes(),
        }
    }

    /// `200` with `body`.
    pub(crate) fn ok(body: Value) -> Self {
        Reply::json(200, body)
    }

    /// Adds a header.
    pub(crate) fn with_header(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.headers.push((name, value.into()));
        self
    }

    /// The API gateway's own errors, in front of every product: `{"message": ...}`
    /// (Cloud Recording's "General status codes": 401 `Unauthorized` and
    /// `Invalid authentication credentials`, 404 `no Route matched with
    /// those values`, 429 `API rate limit exceeded`).
    pub(crate) fn gateway(status: u16, message: &str) -> Self {
        Reply::json(status, json!({ "message": message }))
    }

    /// The gateway's `415` for a body that is not `application/json`.
    pub(crate) fn unsupported_media_type() -> Self {
        Reply::json(
            415,
            json!({ "message": format!("Unsupported Media Type: {JSON_ONLY}") }),
        )
    }

    /// The route does not exist (or not with this method).
    pub(crate) fn no_route() -> Self {
        Reply::gateway(404, "no Route matched with those values")
    }
}

/// Why a handler did not succeed: an input that breaks a documented rule
/// (each product words it its own way), or a finished answer.
#[derive(Debug)]
pub(crate) enum Fail {
    Invalid(InvalidInput),
    Reply(Reply),
}

impl From<InvalidInput> for Fail {
    fn from(error: InvalidInput) -> Self {
        Fail::Invalid(error)
    }
}

impl From<Reply> for Fail {
    fn from(reply: Reply) -> Self {
        Fail::Reply(reply)
    }
}

/// A handler's result.
pub(crate) type Handled = Result<Reply, Fail>;

/// The default body of a status the emulator is told to answer (fault
/// injection), in the gateway's shape.
pub(crate) fn default_fault_body(status: u16) -> Value {
    let message = match status {
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        408 => "Request Timeout",
        429 => "API rate limit exceeded",
        500 => "An unexpected error occurred",
        502 => "An invalid response was received from the upstream server",
        503 => "The upstream server is currently unavailable",
        504 => "The upstream server is timing out",
        _ => "injected by agora-mock",
    };
    json!({ "message": message })
}
