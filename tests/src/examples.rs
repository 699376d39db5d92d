//! The documented example requests of every bound endpoint, read from
//! `specs/` and decoded into their typed endpoints through the registry
//! (`EndpointInfo::check_request`, `reencode`, `send`): no example is
//! written by hand, so a new endpoint needs only its spec entry here.
//!
//! `tests/tests/workspace/specs.rs` checks that each decodes and is
//! re-encoded exactly as documented, and writes them all to
//! `target/conformance/requests.jsonl` for Agora's OpenAPI checker; the
//! fault tests send one per endpoint through the real client.

use std::path::PathBuf;

use agora_api::endpoint::WireRequest;
use agora_api::registry::EndpointInfo;
use agora_api::reqwest::Method;
use agora_api::reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use agora_api::{Client, DecodeError, Error, InvalidInput};
use serde_json::Value;

/// One documented example request, as `specs/` writes it.
pub struct Example {
    /// The endpoint's name (`Endpoint::NAME`).
    pub endpoint: &'static str,
    /// The example's name in the spec entry's `examples`.
    pub name: String,
    /// The endpoint's HTTP method.
    pub method: Method,
    /// The endpoint's path template.
    pub path: &'static str,
    /// Whether a retry may re-send it.
    pub idempotent: bool,
    /// The example as the spec file has it (`request`, `response`, ...).
    pub documented: Value,
    info: &'static EndpointInfo,
    received: Received,
}

/// The documented request in the parts a server receives.
struct Received {
    method: String,
    origin: String,
    path: String,
    query: Option<String>,
    headers: HeaderMap,
    body: Vec<u8>,
}

impl Received {
    fn of(label: &str, request: &Value) -> Self {
        let method = request["method"].as_str().expect("a method").to_owned();
        let url = request["url"].as_str().expect("a URL");
        let after_scheme = url.find("://").map_or(0, |at| at + 3);
        let path_at = url[after_scheme..]
            .find('/')
            .map_or(url.len(), |at| after_scheme + at);
        let (origin, target) = url.split_at(path_at);
        let (path, query) = match target.split_once('?') {
            Some((path, query)) => (path, Some(query.to_owned())),
            None => (target, None),
        };
        let mut headers = HeaderMap::new();
        for (name, value) in request["headers"].as_object().into_iter().flatten() {
            let name = HeaderName::from_bytes(name.as_bytes())
                .unwrap_or_else(|e| panic!("{label}: header {name}: {e}"));
            let value = HeaderValue::from_str(value.as_str().expect("a header value"))
                .unwrap_or_else(|e| panic!("{label}: header value: {e}"));
            headers.insert(name, value);
        }
        let body = match &request["body"] {
            Value::Null => Vec::new(),
            body => body.to_string().into_bytes(),
        };
        Received {
            method,
            origin: origin.to_owned(),
            path: path.to_owned(),
            query,
            headers,
            body,
        }
    }

    fn wire(&self) -> WireRequest<'_> {
        WireRequest::new(
            &self.method,
            &self.path,
            self.query.as_deref(),
            &self.headers,
            &self.body,
        )
    }
}

impl Example {
    /// `endpoint (name)`, for messages.
    pub fn label(&self) -> String {
        format!("{} ({})", self.endpoint, self.name)
    }

    /// The product's module, e.g. `agora_api::media_pull` (two products
    /// may bind one service under one name: `GetNcsIps`).
    pub fn product(&self) -> &'static str {
        self.info.product()
    }

    /// The auth schemes the endpoint accepts, in order of preference.
    pub fn auth(&self) -> &'static [agora_api::AuthScheme] {
        self.info.auth
    }

    /// The client the documented request shows: the test Basic and HMAC
    /// credentials, the test education token, and the `token` and `region`
    /// headers it sends as Whiteboard credentials, aimed at `base_url`.
    pub fn documented_client(&self, base_url: &str) -> Client {
        let mut builder = Client::builder()
            .basic_auth(crate::CUSTOMER_ID, crate::CUSTOMER_SECRET)
            .hmac_auth(crate::CUSTOMER_ID, crate::CUSTOMER_SECRET)
            .education_token(crate::EDUCATION_TOKEN)
            .base_url(base_url)
            .retry(agora_api::RetryPolicy::never());
        let header = |name: &str| {
            self.received
                .headers
                .get(name)
                .and_then(|value| value.to_str().ok())
        };
        if let (Some(token), Some(region)) = (header("token"), header("region")) {
            builder = builder.whiteboard_token(token, agora_api::WhiteboardRegion::from(region));
        }
        builder.build().expect("a valid client configuration")
    }

    /// The scheme and host of the documented URL, e.g.
    /// `https://api.agora.io`.
    pub fn origin(&self) -> &str {
        &self.received.origin
    }

    /// Decodes the documented request as its endpoint
    /// (`Endpoint::decode`), dropping the value.
    pub fn check(&self) -> Result<(), InvalidInput> {
        (self.info.check_request)(&self.received.wire())
    }

    /// The request `client` would send for the decoded example.
    pub fn prepare(&self, client: &Client) -> Result<agora_api::reqwest::Request, Error> {
        (self.info.reencode)(&self.received.wire(), client)
    }

    /// Sends the decoded example with `client`, dropping the response.
    pub async fn send(&self, client: Client) -> Result<(), Error> {
        (self.info.send)(&self.received.wire(), client)
            .await
            .map(drop)
    }

    /// Decodes `body` as the endpoint's typed response.
    pub fn decode(&self, body: &[u8]) -> Result<(), DecodeError> {
        (self.info.check_response)(body)
    }
}

fn specs_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../specs")
}

/// Every spec file's parsed JSON, in file name order.
pub fn spec_files() -> Vec<Value> {
    let dir = specs_dir();
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        })
        .collect()
}

/// Every documented example of every spec entry, in spec order; panics
/// when an entry names no registered endpoint.
pub fn all() -> Vec<Example> {
    let mut all = Vec::new();
    for spec in spec_files() {
        let module = spec["module"].as_str().expect("a module");
        let product = format!("agora_api::{module}");
        for entry in spec["endpoints"].as_array().expect("an endpoints list") {
            let endpoint = entry["endpoint"].as_str().expect("an endpoint name");
            let info = agora_api::registry::endpoints()
                .find(|info| info.name == endpoint && info.product() == product)
                .unwrap_or_else(|| panic!("{product}::{endpoint} is in specs/ but not registered"));
            for documented in entry["examples"].as_array().expect("an examples list") {
                let name = documented["name"].as_str().expect("an example name");
                let label = format!("{endpoint} ({name})");
                all.push(Example {
                    endpoint: info.name,
                    name: name.to_owned(),
                    method: Method::from_bytes(info.method.as_bytes()).expect("a method"),
                    path: info.path,
                    idempotent: info.idempotent,
                    received: Received::of(&label, &documented["request"]),
                    documented: documented.clone(),
                    info,
                });
            }
        }
    }
    all
}

/// One invalid request of a spec entry's `invalid` list: a request Agora
/// documents as refused, the field it names and the rule it breaks.
pub struct Invalid {
    /// The endpoint's name (`Endpoint::NAME`).
    pub endpoint: &'static str,
    /// The case's name in the entry's `invalid` list.
    pub name: String,
    /// The body member, path, query or header name the refusal names.
    pub field: String,
    /// The rule, as [`InvalidInput::rule`] words it.
    pub rule: String,
    /// What Agora (and so the emulator) answers instead of the usual `400`
    /// naming the rule: `status` and `body`, when the entry records it.
    pub agora_reply: Option<Value>,
    info: &'static EndpointInfo,
    received: Received,
}

impl Invalid {
    /// `endpoint (name)`, for messages.
    pub fn label(&self) -> String {
        format!("{} ({})", self.endpoint, self.name)
    }

    /// Decodes the request as its endpoint, as the client's validation and
    /// the emulator do: it must be refused.
    pub fn check(&self) -> Result<(), InvalidInput> {
        (self.info.check_request)(&self.received.wire())
    }

    /// The auth schemes the endpoint accepts, in order of preference.
    pub fn auth(&self) -> &'static [agora_api::AuthScheme] {
        self.info.auth
    }

    /// The request's method.
    pub fn method(&self) -> &str {
        &self.received.method
    }

    /// The request's path and query, without the documented host, to send
    /// to another one (the emulator).
    pub fn target(&self) -> String {
        match &self.received.query {
            Some(query) => format!("{}?{query}", self.received.path),
            None => self.received.path.clone(),
        }
    }

    /// The request's headers as written in the spec.
    pub fn headers(&self) -> &HeaderMap {
        &self.received.headers
    }

    /// The request's body bytes (empty for none).
    pub fn body(&self) -> &[u8] {
        &self.received.body
    }
}

/// Every `invalid` case of every spec entry, in spec order; panics when an
/// entry names no registered endpoint or a case lacks its field or rule.
pub fn invalid() -> Vec<Invalid> {
    let mut all = Vec::new();
    for spec in spec_files() {
        let module = spec["module"].as_str().expect("a module");
        let product = format!("agora_api::{module}");
        for entry in spec["endpoints"].as_array().expect("an endpoints list") {
            let endpoint = entry["endpoint"].as_str().expect("an endpoint name");
            let info = agora_api::registry::endpoints()
                .find(|info| info.name == endpoint && info.product() == product)
                .unwrap_or_else(|| panic!("{product}::{endpoint} is in specs/ but not registered"));
            for case in entry["invalid"].as_array().into_iter().flatten() {
                let name = case["name"].as_str().expect("an invalid case's name");
                let label = format!("{endpoint} ({name})");
                let text = |key: &str| {
                    case[key]
                        .as_str()
                        .unwrap_or_else(|| panic!("{label}: `{key}` is required"))
                        .to_owned()
                };
                all.push(Invalid {
                    endpoint: info.name,
                    name: name.to_owned(),
                    field: text("field"),
                    rule: text("rule"),
                    agora_reply: case.get("agora_reply").cloned(),
                    received: Received::of(&label, &case["request"]),
                    info,
                });
            }
        }
    }
    all
}

/// A valid App ID for examples whose documentation leaves it a placeholder.
pub fn placeholder_app_id() -> agora_api::AppId {
    agora_api::AppId::new("0123456789abcdef0123456789abcdef").expect("a valid App ID")
}

/// Cloud Recording's documented values, for its tests.
pub mod cloud_recording {
    use agora_api::Endpoint;
    use agora_api::cloud_recording::{ResourceId, Sid, Start, StartClientRequest};

    use super::Received;

    /// The channel of most reference examples.
    pub const CHANNEL: &str = "httpClient463224";
    /// The recorder's UID of every reference example.
    pub const RECORDER_UID: u32 = 527841;

    /// The resource ID the official requests put for `{resourceid}`.
    pub fn resource_id() -> ResourceId {
        ResourceId::new("RESOURCE_ID").expect("a valid resource ID")
    }

    /// The recording ID the official requests put for `{sid}`.
    pub fn sid() -> Sid {
        Sid::new("SID").expect("a valid sid")
    }

    /// The `clientRequest` of the reference page's `start` example,
    /// decoded from its spec entry.
    pub fn documented_start_request() -> StartClientRequest {
        let entry = crate::spec_entry("cloud-recording", "Start");
        let documented = entry["examples"]
            .as_array()
            .and_then(|examples| examples.iter().find(|e| e["name"] == "documented"))
            .expect("Start has a documented example");
        let received = Received::of("Start (documented)", &documented["request"]);
        Start::decode(&received.wire())
            .expect("the documented start request decodes")
            .client_request
    }
}
