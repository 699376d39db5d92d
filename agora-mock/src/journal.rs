//! The request journal: every request the emulator received, in order,
//! with its secrets redacted, so tests can assert what was sent and how
//! often ("sent exactly once").

use std::time::SystemTime;

use agora_api::Endpoint;
use agora_api::registry::EndpointInfo;

/// The most entries kept; the oldest go first (a long-running standalone
/// emulator must not grow without bound).
pub(crate) const MAX_ENTRIES: usize = 10_000;

/// One request as the emulator received it.
///
/// `Authorization` keeps only its scheme (`Basic <redacted>`, `agora
/// token=<redacted>`) and `x-agora-token` is `<redacted>`; every other
/// header, and the body, are as sent.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct JournalEntry {
    /// Its position: 0 for the first request the server received.
    pub seq: u64,
    /// Which host received it (0 for [`MockServer::url`](crate::MockServer::url)).
    pub host: usize,
    /// `GET`, `POST`, ...
    pub method: String,
    /// The path and query as sent (still percent-encoded).
    pub target: String,
    /// The endpoint it was routed to; `None` when no route matched.
    pub endpoint: Option<&'static EndpointInfo>,
    /// Header names (lower case) and values, secrets redacted.
    pub headers: Vec<(String, String)>,
    /// The body as sent.
    pub body: Vec<u8>,
    /// When it arrived, by the server's clock.
    pub received_at: SystemTime,
    /// Whether the endpoint acted on it (was routed, authenticated and run,
    /// whatever it answered). `false` when a fault answered or dropped it
    /// before that, or routing or authentication refused it.
    pub applied: bool,
    /// The status answered; `None` when the connection was closed without
    /// an answer (a dropped-connection fault).
    pub status: Option<u16>,
    /// The injected fault that fired on it, described.
    pub fault: Option<String>,
}

impl JournalEntry {
    /// The first value of header `name` (any case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }

    /// The body as JSON; `None` when it is empty or not JSON.
    pub fn json(&self) -> Option<serde_json::Value> {
        serde_json::from_slice(&self.body).ok()
    }

    /// Whether the request was routed to endpoint `E`.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), agora_api::Error> {
    /// use agora_api::console::ListProjects;
    /// let server = agora_mock::MockServer::start().await;
    /// server.client().send(&ListProjects::builder().build()).await?;
    /// let journal = server.journal();
    /// assert!(journal[0].is::<ListProjects>());
    /// assert_eq!(journal[0].header("authorization"), Some("Basic <redacted>"));
    /// # Ok(()) }
    /// ```
    pub fn is<E: Endpoint>(&self) -> bool {
        self.endpoint
            .is_some_and(|info| info.method == E::METHOD.as_str() && info.path == E::PATH)
    }

    /// The endpoint's name, when the request was routed.
    pub fn endpoint_name(&self) -> Option<&'static str> {
        self.endpoint.map(|info| info.name)
    }
}

/// Redacts the secret headers: the credentials in `Authorization` (its
/// scheme stays, to tell Basic from token auth) and the whole of
/// `x-agora-token`.
pub(crate) fn redact(name: &str, value: &str) -> String {
    if name.eq_ignore_ascii_case("authorization") {
        let lower = value.to_ascii_lowercase();
        if lower.starts_with("agora") && lower.contains("token=") {
            return "agora token=<redacted>".to_owned();
        }
        return match value.split_once(' ') {
            Some((scheme, _)) => format!("{scheme} <redacted>"),
            None => "<redacted>".to_owned(),
        };
    }
    if name.eq_ignore_ascii_case("x-agora-token") {
        return "<redacted>".to_owned();
    }
    value.to_owned()
}

#[cfg(test)]
mod tests {
    use super::redact;

    #[test]
    fn secrets_leave_only_their_scheme() {
        assert_eq!(redact("Authorization", "Basic abc=="), "Basic <redacted>");
        assert_eq!(
            redact("authorization", "agora token=007eJx"),
            "agora token=<redacted>"
        );
        assert_eq!(redact("authorization", "garbage"), "<redacted>");
        assert_eq!(redact("x-agora-token", "006abc"), "<redacted>");
        assert_eq!(redact("x-agora-uid", "alice"), "alice");
    }
}
