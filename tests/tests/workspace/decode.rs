//! The decoder the derive generates (`Endpoint::decode`), apart from the
//! documented examples (`specs.rs` decodes every one of those):
//!
//! - what the client sends for an endpoint of any placement decodes back
//!   to a value the client sends identically (a foreign crate's endpoints
//!   included);
//! - each way a request can be wrong is an `InvalidInput` naming the
//!   method, the path, the body or the field by its wire name, and the
//!   endpoint's cross-field `validate` runs;
//! - hostile requests (garbage, and documented requests with bytes
//!   changed) to every registered endpoint's decoder are refused or
//!   accepted, never a panic.

use agora_api::channel::{GetUserStatus, ListChannels};
use agora_api::cloud_recording::Acquire;
use agora_api::endpoint::WireRequest;
use agora_api::reqwest::header::HeaderMap;
use agora_api::{AppId, Client, Endpoint, InvalidInput, UserId};
use agora_tests::beta::{GetEntry, ListItem, PutEntry, ReplaceList, SendNote};
use agora_tests::{basic_client, examples};

const APP_ID: &str = "0123456789abcdef0123456789abcdef";

fn client() -> Client {
    basic_client("https://api.agora.io")
}

/// The parts of a prepared request, as a server would receive them.
struct Sent {
    method: String,
    path: String,
    query: Option<String>,
    headers: HeaderMap,
    body: Vec<u8>,
}

impl Sent {
    fn of(request: &agora_api::reqwest::Request) -> Self {
        Sent {
            method: request.method().as_str().to_owned(),
            path: request.url().path().to_owned(),
            query: request.url().query().map(str::to_owned),
            headers: request.headers().clone(),
            body: request
                .body()
                .and_then(|body| body.as_bytes())
                .unwrap_or_default()
                .to_vec(),
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

/// Sends `endpoint` through `prepare`, decodes what would arrive, and
/// prepares the decoded value: the same request, byte for byte.
fn round_trip<E: Endpoint>(endpoint: &E) {
    let first = client().prepare(endpoint).expect("the endpoint prepares");
    let sent = Sent::of(&first);
    let decoded = E::decode(&sent.wire())
        .unwrap_or_else(|e| panic!("{}: what the client sends does not decode: {e}", E::NAME));
    let again = client()
        .prepare(&decoded)
        .expect("the decoded value prepares");
    assert_eq!(again.method(), first.method(), "{}", E::NAME);
    assert_eq!(again.url(), first.url(), "{}", E::NAME);
    assert_eq!(again.headers(), first.headers(), "{}", E::NAME);
    assert_eq!(Sent::of(&again).body, sent.body, "{}", E::NAME);
}

fn app_id() -> AppId {
    AppId::new(APP_ID).expect("a valid App ID")
}

#[test]
fn every_placement_of_a_foreign_crates_endpoints_round_trips() {
    for revision in [None, Some(7)] {
        for request_id in [None, Some("req 1")] {
            let mut entry = GetEntry::builder()
                .appid(app_id())
                .key("a/b c?d#e%f&g+h")
                .field_list("key,value & more")
                .build();
            entry.revision = revision;
            entry.request_id = request_id.map(str::to_owned);
            round_trip(&entry);
        }
    }
    round_trip(
        &PutEntry::builder()
            .app_id(app_id())
            .key("k")
            .value("v \"quoted\" ü")
            .ttl_seconds(60)
            .build(),
    );
    round_trip(
        &PutEntry::builder()
            .app_id(app_id())
            .key("k")
            .value("")
            .build(),
    );
    round_trip(
        &ReplaceList::builder()
            .appid(app_id())
            .items(vec![ListItem { name: "x".into() }])
            .build(),
    );
    round_trip(
        &SendNote::builder()
            .appid(app_id())
            .user_id(UserId::new("user #1").expect("a valid user ID"))
            .text("hello")
            .build(),
    );
}

/// Decodes `E` from parts, for the error cases.
fn decode<E: Endpoint>(
    method: &str,
    target: &str,
    headers: &HeaderMap,
    body: &str,
) -> Result<E, InvalidInput> {
    let (path, query) = match target.split_once('?') {
        Some((path, query)) => (path, Some(query)),
        None => (target, None),
    };
    E::decode(&WireRequest::new(
        method,
        path,
        query,
        headers,
        body.as_bytes(),
    ))
}

fn refused<E: Endpoint + std::fmt::Debug>(method: &str, target: &str, body: &str) -> InvalidInput {
    let headers = HeaderMap::new();
    decode::<E>(method, target, &headers, body).expect_err("the request is refused")
}

#[test]
fn path_and_query_errors_name_what_is_wrong() {
    let list = format!("/dev/v1/channel/{APP_ID}");
    let error = refused::<ListChannels>("POST", &list, "");
    assert_eq!(
        (error.field(), error.rule()),
        ("method", "must be GET for this endpoint")
    );
    for path in [
        "/dev/v1/channels/x".to_owned(),
        format!("{list}/more"),
        "/dev/v1/channel/".to_owned(),
        format!("{list}/"),
    ] {
        let error = refused::<ListChannels>("GET", &path, "");
        assert_eq!(error.field(), "path", "{path}");
        assert_eq!(error.rule(), "does not match /dev/v1/channel/{appid}");
    }
    let error = refused::<ListChannels>("GET", "/dev/v1/channel/abc", "");
    assert_eq!(error.field(), "appid");
    assert!(
        error.rule().starts_with("must be 32 hexadecimal"),
        "{error}"
    );
    assert_eq!(
        refused::<ListChannels>("GET", &format!("{list}?page_size=0"), "").field(),
        "page_size"
    );
    assert_eq!(
        refused::<ListChannels>("GET", &format!("{list}?page_no=x"), "").field(),
        "page_no"
    );
    // Unknown query parameters are ignored; absent optional ones are None.
    let headers = HeaderMap::new();
    let decoded =
        decode::<ListChannels>("GET", &format!("{list}?other=1"), &headers, "").expect("decodes");
    assert_eq!((decoded.page_no, decoded.page_size), (None, None));

    // A required query parameter and a header.
    let entry = format!("/dev/v1/beta/{APP_ID}/keys/k");
    let error = refused::<GetEntry>("GET", &entry, "");
    assert_eq!((error.field(), error.rule()), ("fields", "is required"));
    let mut headers = HeaderMap::new();
    headers.insert("x-request-id", "r-1".parse().expect("a header value"));
    let decoded = decode::<GetEntry>("GET", &format!("{entry}?fields=a+b%2Bc"), &headers, "")
        .expect("decodes");
    assert_eq!(decoded.field_list, "a b+c");
    assert_eq!(decoded.request_id.as_deref(), Some("r-1"));
}

#[test]
fn path_parameters_are_percent_decoded_and_stay_one_segment() {
    let headers = HeaderMap::new();
    let base = format!("/dev/v1/channel/user/property/{APP_ID}/42");
    let decoded = decode::<GetUserStatus>("GET", &format!("{base}/room%20%231"), &headers, "")
        .expect("decodes");
    assert_eq!(decoded.channel_name.as_str(), "room #1");
    for (segment, field) in [
        ("..", "channelName"),
        ("%2E", "channelName"),
        ("a%2Fb", "channelName"),
        ("%FF", "channelName"),
        ("a/b", "path"),
    ] {
        let error = refused::<GetUserStatus>("GET", &format!("{base}/{segment}"), "");
        assert_eq!(error.field(), field, "{segment}: {error}");
    }
}

#[test]
fn body_errors_name_the_body_or_the_member() {
    let acquire = format!("/v1/apps/{APP_ID}/cloud_recording/acquire");
    for body in ["", "{", "[]", "\"text\"", "null"] {
        let error = refused::<Acquire>("POST", &acquire, body);
        assert_eq!(error.field(), "body", "{body:?}: {error}");
    }
    let error = refused::<Acquire>("POST", &acquire, r#"{"uid":"1","clientRequest":{}}"#);
    assert_eq!((error.field(), error.rule()), ("cname", "is required"));
    let error = refused::<Acquire>(
        "POST",
        &acquire,
        r#"{"cname":"a/b","uid":"1","clientRequest":{}}"#,
    );
    assert_eq!(error.field(), "cname", "{error}");
    let error = refused::<Acquire>(
        "POST",
        &acquire,
        r#"{"cname":"a","uid":"1","clientRequest":{"resourceExpiredHour":"many"}}"#,
    );
    assert_eq!(error.field(), "clientRequest", "{error}");
    assert!(error.rule().contains("invalid type"), "{error}");
    // Unknown members are ignored, as serde does.
    let headers = HeaderMap::new();
    decode::<Acquire>(
        "POST",
        &acquire,
        &headers,
        r#"{"cname":"a","uid":"1","clientRequest":{},"extra":[1]}"#,
    )
    .expect("decodes");
}

#[test]
fn the_endpoints_cross_field_rules_run_after_decoding() {
    let acquire = format!("/v1/apps/{APP_ID}/cloud_recording/acquire");
    let error = refused::<Acquire>(
        "POST",
        &acquire,
        r#"{"cname":"a","uid":"1","clientRequest":{"resourceExpiredHour":0}}"#,
    );
    assert_eq!(
        error.field(),
        "clientRequest.resourceExpiredHour",
        "{error}"
    );
    let put = format!("/dev/v1/beta/{APP_ID}/keys");
    let error = refused::<PutEntry>("POST", &put, r#"{"key":"","storedValue":"v"}"#);
    assert_eq!((error.field(), error.rule()), ("key", "must not be empty"));
}

/// A small deterministic generator (xorshift), so that a failure repeats.
struct Noise(u64);

impl Noise {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    /// `text` with a few bytes replaced by interesting ones.
    fn mangle(&mut self, text: &[u8]) -> Vec<u8> {
        const INTERESTING: &[u8] = b"%/?&=+.\\\"{}[]:,0\xff\xc3 \n";
        let mut bytes = text.to_vec();
        for _ in 0..=self.below(3) {
            let byte = INTERESTING[self.below(INTERESTING.len())];
            match self.below(3) {
                0 if !bytes.is_empty() => {
                    let at = self.below(bytes.len());
                    bytes[at] = byte;
                }
                1 if !bytes.is_empty() => {
                    let at = self.below(bytes.len());
                    bytes.truncate(at);
                }
                _ => {
                    let at = self.below(bytes.len() + 1);
                    bytes.insert(at, byte);
                }
            }
        }
        bytes
    }
}

#[test]
fn hostile_requests_never_panic_a_decoder() {
    let mut noise = Noise(0x9e37_79b9_7f4a_7c15);
    let headers = HeaderMap::new();
    let documented: Vec<(String, String, Vec<u8>)> = examples::spec_files()
        .iter()
        .flat_map(|spec| spec["endpoints"].as_array().cloned().unwrap_or_default())
        .flat_map(|entry| entry["examples"].as_array().cloned().unwrap_or_default())
        .map(|example| {
            let request = &example["request"];
            let url = request["url"].as_str().unwrap_or_default();
            let target = url.splitn(4, '/').nth(3).unwrap_or_default();
            let body = match &request["body"] {
                serde_json::Value::Null => Vec::new(),
                body => body.to_string().into_bytes(),
            };
            (
                request["method"].as_str().unwrap_or_default().to_owned(),
                format!("/{target}"),
                body,
            )
        })
        .collect();
    assert!(!documented.is_empty());
    let mut decoded = 0;
    let mut attempts = 0;
    for _ in 0..40 {
        for (method, target, body) in &documented {
            let target = String::from_utf8_lossy(&noise.mangle(target.as_bytes())).into_owned();
            let body = noise.mangle(body);
            let (path, query) = match target.split_once('?') {
                Some((path, query)) => (path, Some(query)),
                None => (target.as_str(), None),
            };
            let request = WireRequest::new(method, path, query, &headers, &body);
            for info in agora_api::registry::endpoints() {
                attempts += 1;
                match (info.check_request)(&request) {
                    Ok(()) => decoded += 1,
                    Err(error) => assert!(!error.field().is_empty(), "{error}"),
                }
            }
        }
    }
    // Some mangled requests still decode (a changed byte in a free-text
    // value); most do not. Either way, no decoder panicked.
    assert!(decoded > 0 && decoded < attempts, "{decoded} of {attempts}");
}
