//! Workspace-level test support for agora-rs, and a crate other than
//! `agora-api` that defines its own endpoints with the derive, the way users
//! add endpoints Agora documents later.
//!
//! [`LocalServer`] is a loopback HTTP server that records every request it
//! receives and answers with whatever the test decides.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use http_body_util::{BodyExt, Full};
use hyper::body::{Bytes, Incoming};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;
use tokio::task::JoinHandle;

pub mod beta;
pub mod examples;

/// One request as the server received it.
#[derive(Debug, Clone)]
pub struct Recorded {
    /// `GET`, `POST`, ...
    pub method: String,
    /// The path and query exactly as sent (still percent-encoded).
    pub target: String,
    /// Header names (lower case) and values, in the order received.
    pub headers: Vec<(String, String)>,
    /// The raw body.
    pub body: Vec<u8>,
    /// When it arrived.
    pub at: std::time::Instant,
}

impl Recorded {
    /// The first value of header `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }

    /// The body parsed as JSON (`Null` when empty).
    pub fn json(&self) -> serde_json::Value {
        if self.body.is_empty() {
            return serde_json::Value::Null;
        }
        serde_json::from_slice(&self.body).expect("the request body is JSON")
    }
}

/// What the server answers.
#[derive(Debug, Clone)]
pub struct Reply {
    /// HTTP status.
    pub status: u16,
    /// Extra response headers.
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: String,
    /// How long to wait before answering.
    pub delay: Duration,
    /// Close the connection instead of answering (after the delay): the
    /// request was received and acted on, but no response comes back.
    pub drop_connection: bool,
}

impl Reply {
    /// `status` with a JSON `body`.
    pub fn json(status: u16, body: impl Into<String>) -> Self {
        Reply {
            status,
            headers: vec![("content-type".into(), "application/json".into())],
            body: body.into(),
            delay: Duration::ZERO,
            drop_connection: false,
        }
    }

    /// Closes the connection without answering.
    pub fn dropped() -> Self {
        Reply {
            drop_connection: true,
            ..Reply::json(500, "")
        }
    }

    /// Adds a response header.
    #[must_use]
    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// Waits `delay` before answering.
    #[must_use]
    pub fn delayed(mut self, delay: Duration) -> Self {
        self.delay = delay;
        self
    }
}

type Handler = dyn Fn(&Recorded) -> Reply + Send + Sync;

struct State {
    recorded: Mutex<Vec<Recorded>>,
    handler: Box<Handler>,
}

/// A loopback HTTP/1.1 server for tests. Stops when dropped.
pub struct LocalServer {
    addr: SocketAddr,
    state: Arc<State>,
    task: JoinHandle<()>,
}

impl LocalServer {
    /// Starts a server that answers every request with `handler`'s reply.
    pub async fn start(handler: impl Fn(&Recorded) -> Reply + Send + Sync + 'static) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind a loopback port");
        let addr = listener.local_addr().expect("a bound address");
        let state = Arc::new(State {
            recorded: Mutex::new(Vec::new()),
            handler: Box::new(handler),
        });
        let accepting = Arc::clone(&state);
        let task = tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let state = Arc::clone(&accepting);
                tokio::spawn(async move {
                    let service = service_fn(move |request| handle(Arc::clone(&state), request));
                    // A client hanging up mid-request is not the server's
                    // problem in these tests.
                    let _ = http1::Builder::new()
                        .serve_connection(TokioIo::new(stream), service)
                        .await;
                });
            }
        });
        LocalServer { addr, state, task }
    }

    /// A server answering every request with the same reply.
    pub async fn replying(reply: Reply) -> Self {
        LocalServer::start(move |_| reply.clone()).await
    }

    /// The base URL to give the client: `http://127.0.0.1:PORT`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Every request received so far, oldest first.
    pub fn requests(&self) -> Vec<Recorded> {
        self.state
            .recorded
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// The only request received; panics unless there was exactly one.
    pub fn single_request(&self) -> Recorded {
        let mut requests = self.requests();
        assert_eq!(
            requests.len(),
            1,
            "expected exactly one request: {requests:#?}"
        );
        requests.remove(0)
    }
}

impl Drop for LocalServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// The connection was closed on purpose ([`Reply::dropped`]).
#[derive(Debug)]
struct Dropped;

impl std::fmt::Display for Dropped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("connection dropped on purpose")
    }
}

impl std::error::Error for Dropped {}

async fn handle(
    state: Arc<State>,
    request: hyper::Request<Incoming>,
) -> Result<hyper::Response<Full<Bytes>>, Dropped> {
    let (parts, body) = request.into_parts();
    let body = match body.collect().await {
        Ok(collected) => collected.to_bytes().to_vec(),
        Err(_) => Vec::new(),
    };
    let recorded = Recorded {
        method: parts.method.to_string(),
        target: parts
            .uri
            .path_and_query()
            .map(|pq| pq.as_str().to_owned())
            .unwrap_or_default(),
        headers: parts
            .headers
            .iter()
            .map(|(name, value)| {
                (
                    name.as_str().to_owned(),
                    String::from_utf8_lossy(value.as_bytes()).into_owned(),
                )
            })
            .collect(),
        body,
        at: std::time::Instant::now(),
    };
    let reply = (state.handler)(&recorded);
    state
        .recorded
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .push(recorded);
    if !reply.delay.is_zero() {
        tokio::time::sleep(reply.delay).await;
    }
    if reply.drop_connection {
        return Err(Dropped);
    }
    let mut response = hyper::Response::new(Full::new(Bytes::from(reply.body)));
    *response.status_mut() = hyper::StatusCode::from_u16(reply.status)
        .unwrap_or(hyper::StatusCode::INTERNAL_SERVER_ERROR);
    for (name, value) in reply.headers {
        if let (Ok(name), Ok(value)) = (
            hyper::header::HeaderName::from_bytes(name.as_bytes()),
            hyper::header::HeaderValue::from_str(&value),
        ) {
            response.headers_mut().append(name, value);
        }
    }
    Ok(response)
}

/// The spec entry of `endpoint` in `specs/<file>.json`.
pub fn spec_entry(file: &str, endpoint: &str) -> serde_json::Value {
    let path = format!("{}/../specs/{file}.json", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {path}: {e}"));
    let spec: serde_json::Value =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("parse {path}: {e}"));
    spec["endpoints"]
        .as_array()
        .and_then(|entries| entries.iter().find(|entry| entry["endpoint"] == endpoint))
        .cloned()
        .unwrap_or_else(|| panic!("{path} has no entry for {endpoint}"))
}

/// The customer ID the tests use (as in Agora's conformance examples).
pub const CUSTOMER_ID: &str = "customer_id";
/// The customer secret the tests use.
pub const CUSTOMER_SECRET: &str = "customer_secret";
/// `Basic base64(customer_id:customer_secret)`.
pub const BASIC_HEADER: &str = "Basic Y3VzdG9tZXJfaWQ6Y3VzdG9tZXJfc2VjcmV0";

/// The education token [`basic_client`] sends to the endpoints that take
/// no Basic auth, only education tokens (Flexible Classroom): an
/// AccessToken2 in form only, for tests whose requests never reach a
/// server that verifies it.
pub const EDUCATION_TOKEN: &str = "007eJxTYBBbsMMnKq7xt4PUd9mnSdtjG6yjZx1mNGlOYlBk";

/// The `Authorization` header [`basic_client`] sends to an endpoint that
/// accepts `auth`: Basic where the endpoint takes it, else the education
/// token.
pub fn authorization_for(auth: &[agora_api::AuthScheme]) -> String {
    if !auth.contains(&agora_api::AuthScheme::BASIC)
        && auth.contains(&agora_api::AuthScheme::EDUCATION_TOKEN)
    {
        format!("agora token={EDUCATION_TOKEN}")
    } else {
        BASIC_HEADER.to_owned()
    }
}

/// A client with the test Basic credentials (and [`EDUCATION_TOKEN`], for
/// the endpoints that take only education tokens) pointed at `base_url`,
/// making one attempt per call: tests of a single exchange see exactly one
/// request. Retry tests build their own clients.
pub fn basic_client(base_url: &str) -> agora_api::Client {
    agora_api::Client::builder()
        .basic_auth(CUSTOMER_ID, CUSTOMER_SECRET)
        .education_token(EDUCATION_TOKEN)
        .base_url(base_url)
        .retry(agora_api::RetryPolicy::never())
        .build()
        .expect("a valid client configuration")
}

/// A file of the reference pack that sits beside the repository as
/// `shared/` (or at `AGORA_SHARED_DIR`), by its path inside the pack
/// (`reference/endpoints.tsv`).
///
/// `None` where the pack is not there (a user's machine): tests that need
/// it then say so and check nothing else. CI sets `AGORA_REQUIRE_SHARED=1`,
/// which makes a missing pack a failure instead.
pub fn reference_file(relative: &str) -> Option<std::path::PathBuf> {
    let workspace = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let found = std::env::var_os("AGORA_SHARED_DIR")
        .map(|dir| std::path::PathBuf::from(dir).join(relative))
        .into_iter()
        .chain(
            workspace
                .ancestors()
                .map(|dir| dir.join("shared").join(relative)),
        )
        .find(|path| path.is_file());
    if found.is_none() {
        assert!(
            std::env::var_os("AGORA_REQUIRE_SHARED").is_none(),
            "AGORA_REQUIRE_SHARED is set, but {relative} was not found (set AGORA_SHARED_DIR)"
        );
        eprintln!("the reference pack ({relative}) is not beside the repository; skipping");
    }
    found
}

/// Agora's official example requests (`reference/examples/official_examples.jsonl`
/// of the reference pack, see [`reference_file`]), one JSON value per line;
/// `None` where the pack is not there.
pub fn official_examples() -> Option<Vec<serde_json::Value>> {
    let path = reference_file("reference/examples/official_examples.jsonl")?;
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    Some(
        text.lines()
            .filter(|line| !line.trim().is_empty())
            .map(|line| serde_json::from_str(line).expect("a JSON line"))
            .collect(),
    )
}
