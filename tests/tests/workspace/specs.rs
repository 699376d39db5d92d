//! `specs/` against the code, both ways:
//!
//! - every endpoint registered by the derive in `agora_api` has a spec
//!   entry, every spec entry an endpoint, with the same method, path
//!   template, auth schemes, idempotency and extra retry statuses;
//! - every documented example request decodes into its typed endpoint
//!   (`Endpoint::decode`, through the registry: `agora_tests::examples`),
//!   which the client prepares for Agora's real host as exactly the
//!   documented request (method, URL, headers, body); every documented
//!   example response decodes into the typed response.
//!
//! The prepared requests are written to `target/conformance/requests.jsonl`
//! for Agora's official OpenAPI checker, which `.ci/run` runs.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write as _;
use std::path::PathBuf;

use agora_api::AuthScheme;
use agora_tests::BASIC_HEADER;
use agora_tests::examples::{self, Example};
use agora_tests::{CUSTOMER_ID, CUSTOMER_SECRET, EDUCATION_TOKEN};
use serde_json::{Value, json};

fn workspace() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Every spec file's parsed JSON.
fn spec_files() -> Vec<Value> {
    let dir = workspace().join("specs");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("specs/ is readable")
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path).expect("a readable spec file");
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        })
        .collect()
}

/// Every spec file's entries, with the file's `module`.
fn spec_entries() -> Vec<(String, Value)> {
    let mut entries = Vec::new();
    for spec in spec_files() {
        let module = spec["module"].as_str().expect("a module").to_owned();
        for entry in spec["endpoints"].as_array().expect("an endpoints list") {
            entries.push((module.clone(), entry.clone()));
        }
    }
    entries
}

#[test]
fn every_endpoint_has_a_spec_entry_and_every_entry_an_endpoint() {
    let registered: BTreeMap<(String, String), &agora_api::registry::EndpointInfo> =
        agora_api::registry::endpoints()
            .filter_map(|info| {
                // The product is the first module under the crate root; a
                // product may keep its endpoints in submodules.
                let module = info
                    .module
                    .strip_prefix("agora_api::")?
                    .split("::")
                    .next()?;
                Some(((module.to_owned(), info.name.to_owned()), info))
            })
            .collect();
    let specified: BTreeMap<(String, String), Value> = spec_entries()
        .into_iter()
        .map(|(module, entry)| {
            let name = entry["endpoint"]
                .as_str()
                .expect("an endpoint name")
                .to_owned();
            ((module, name), entry)
        })
        .collect();

    let code: BTreeSet<_> = registered.keys().cloned().collect();
    let specs: BTreeSet<_> = specified.keys().cloned().collect();
    assert_eq!(
        code.difference(&specs).collect::<Vec<_>>(),
        Vec::<&(String, String)>::new(),
        "endpoints without a spec entry"
    );
    assert_eq!(
        specs.difference(&code).collect::<Vec<_>>(),
        Vec::<&(String, String)>::new(),
        "spec entries without an endpoint"
    );
    for (key, info) in &registered {
        let entry = &specified[key];
        let auth: Vec<&str> = info.auth.iter().map(|scheme| scheme.name()).collect();
        assert_eq!(entry["method"], info.method, "{key:?}: method");
        assert_eq!(entry["path"], info.path, "{key:?}: path");
        assert_eq!(entry["auth"], json!(auth), "{key:?}: auth");
        assert_eq!(entry["idempotent"], info.idempotent, "{key:?}: idempotent");
        assert_eq!(
            entry
                .get("retry_statuses")
                .cloned()
                .unwrap_or_else(|| json!([])),
            json!(info.retry_statuses),
            "{key:?}: retry_statuses (the statuses a retry may follow beyond 429 and 5xx)"
        );
        assert_eq!(
            entry["deprecated"].as_bool().unwrap_or(false),
            info.deprecated,
            "{key:?}: deprecated (a legacy endpoint is #[deprecated] and says \"deprecated\": true)"
        );
    }
}

#[test]
fn every_shared_operation_is_served_by_the_endpoint_it_names() {
    for spec in spec_files() {
        let module = spec["module"].as_str().expect("a module");
        let exceptions: BTreeSet<&str> = spec["exceptions"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|exception| exception["name"].as_str())
            .collect();
        for shared in spec["shared"].as_array().into_iter().flatten() {
            let owner = format!(
                "agora_api::{}",
                shared["module"].as_str().expect("a module")
            );
            let name = shared["endpoint"].as_str().expect("an endpoint");
            let info = agora_api::registry::endpoints()
                .find(|info| info.name == name && info.module.starts_with(&owner))
                .unwrap_or_else(|| panic!("{module}: shared {owner}::{name} is not registered"));
            assert_eq!(
                shared["method"], info.method,
                "{module}: shared {name}: method"
            );
            assert_eq!(shared["path"], info.path, "{module}: shared {name}: path");
            let why = shared["exception"].as_str().expect("an exception name");
            assert!(
                exceptions.contains(why),
                "{module}: shared {name} names exception {why:?}, which the file does not have"
            );
        }
    }
}

/// Checks that `request` carries Agora's HMAC-SHA256 signature, made with
/// the test credentials over its host, `date`, request line and the
/// digest of its exact body (recomputed here, independently of the
/// client's signer).
fn check_hmac_signature(label: &str, request: &agora_api::reqwest::Request) {
    use base64::Engine as _;
    let header = |name: &str| {
        request
            .headers()
            .get(name)
            .and_then(|value| value.to_str().ok())
            .unwrap_or_else(|| panic!("{label}: a {name} header"))
    };
    let body = request
        .body()
        .and_then(|body| body.as_bytes())
        .unwrap_or_default();
    let digest = format!(
        "SHA-256={}",
        base64::engine::general_purpose::STANDARD
            .encode(ring::digest::digest(&ring::digest::SHA256, body).as_ref())
    );
    assert_eq!(header("digest"), digest, "{label}: digest");
    let url = request.url();
    let target = match url.query() {
        Some(query) => format!("{}?{query}", url.path()),
        None => url.path().to_owned(),
    };
    let signing = format!(
        "host: {}\ndate: {}\n{} {target} HTTP/1.1\ndigest: {digest}",
        url.host_str().unwrap_or_default(),
        header("date"),
        request.method()
    );
    let key = ring::hmac::Key::new(ring::hmac::HMAC_SHA256, CUSTOMER_SECRET.as_bytes());
    let signature = base64::engine::general_purpose::STANDARD
        .encode(ring::hmac::sign(&key, signing.as_bytes()).as_ref());
    assert_eq!(
        header("authorization"),
        format!(
            "hmac username=\"{CUSTOMER_ID}\", algorithm=\"hmac-sha256\", headers=\"host date request-line digest\", signature=\"{signature}\""
        ),
        "{label}: authorization"
    );
}

/// Checks one documented example: it decodes into its endpoint, which the
/// client prepares for the documented host as exactly the documented
/// request (method, URL, headers, body); its documented response decodes.
/// Returns the prepared request as a line for the conformance checker.
fn check_example(example: &Example) -> Value {
    let label = example.label();
    let request_doc = &example.documented["request"];
    example
        .check()
        .unwrap_or_else(|e| panic!("{label}: the documented request does not decode: {e}"));
    let request = example
        .prepare(&example.documented_client(example.origin()))
        .unwrap_or_else(|e| panic!("{label}: {e}"));
    assert_eq!(
        request.method().as_str(),
        request_doc["method"],
        "{label}: method"
    );
    assert_eq!(request.url().as_str(), request_doc["url"], "{label}: URL");
    if example.auth().contains(&AuthScheme::BASIC) {
        assert_eq!(request.headers()["authorization"], BASIC_HEADER, "{label}");
    } else if example.auth().contains(&AuthScheme::HMAC) {
        check_hmac_signature(&label, &request);
    } else if example.auth().contains(&AuthScheme::EDUCATION_TOKEN) {
        assert_eq!(
            request.headers()["authorization"],
            format!("agora token={EDUCATION_TOKEN}").as_str(),
            "{label}"
        );
    } else {
        // Whiteboard's `token` and `region`, or nothing at all: no Basic
        // credentials go where they are not asked for.
        assert!(request.headers().get("authorization").is_none(), "{label}");
    }
    assert_eq!(
        request.headers()["content-type"],
        "application/json",
        "{label}"
    );
    for (name, value) in request_doc["headers"].as_object().into_iter().flatten() {
        assert_eq!(
            request
                .headers()
                .get(name.as_str())
                .and_then(|v| v.to_str().ok()),
            value.as_str(),
            "{label}: header {name}"
        );
    }
    let body = request
        .body()
        .and_then(|body| body.as_bytes())
        .map(|bytes| serde_json::from_slice::<Value>(bytes).expect("a JSON body"))
        .unwrap_or(Value::Null);
    assert_eq!(body, request_doc["body"], "{label}: body");

    let response = &example.documented["response"];
    if let Some(body) = response.get("body").filter(|body| !body.is_null()) {
        example
            .decode(body.to_string().as_bytes())
            .unwrap_or_else(|e| panic!("{label}: the documented response does not decode: {e}"));
    }

    json!({
        "name": label,
        "method": request.method().as_str(),
        "url": request.url().as_str(),
        "headers": request
            .headers()
            .iter()
            .map(|(name, value)| (name.as_str(), value.to_str().unwrap_or_default()))
            .collect::<BTreeMap<_, _>>(),
        "body": body,
    })
}

#[test]
fn every_documented_example_decodes_and_is_reencoded_exactly_and_its_response_decodes() {
    let exceptions: BTreeSet<String> = spec_files()
        .iter()
        .flat_map(|spec| spec["exceptions"].as_array().cloned().unwrap_or_default())
        .filter_map(|exception| exception["name"].as_str().map(str::to_owned))
        .collect();
    let all = examples::all();
    assert!(!all.is_empty(), "specs/ documents no example");
    let mut lines = Vec::new();
    for example in &all {
        let line = check_example(example);
        // An example that Agora's prose allows and its OpenAPI document
        // forbids is checked here, but kept from the OpenAPI checker,
        // under a named, recorded exception.
        match example.documented["conformance_exception"].as_str() {
            Some(exception) => assert!(
                exceptions.contains(exception),
                "{} names exception {exception:?}, which specs/ does not record",
                example.label()
            ),
            None => lines.push(line),
        }
    }
    // Every endpoint of agora_api has a documented example to decode.
    let documented: BTreeSet<&str> = all.iter().map(|example| example.endpoint).collect();
    for info in
        agora_api::registry::endpoints().filter(|info| info.module.starts_with("agora_api::"))
    {
        assert!(
            documented.contains(info.name),
            "{} has no documented example in specs/",
            info.name
        );
    }

    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace().join("target"));
    let dir = target.join("conformance");
    std::fs::create_dir_all(&dir).expect("create target/conformance");
    let mut file =
        std::fs::File::create(dir.join("requests.jsonl")).expect("create requests.jsonl");
    for line in &lines {
        writeln!(file, "{line}").expect("write a JSONL line");
    }
}
