//! A call of each product in the registry: an endpoint's documented
//! example (`specs/*.json`), turned into the CLI's `--json` input through
//! the registry's field facts, sent by the binary to the emulator.

use std::collections::BTreeMap;
use std::path::PathBuf;

use agora_api::registry::{self, EndpointInfo, FieldLocation};
use agora_cli::kebab_case;
use serde_json::{Map, Value};

use crate::Emulator;

/// Every documented example request of every spec file, by product
/// module and endpoint name (names repeat across products).
fn examples() -> BTreeMap<(String, String), Vec<Value>> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../specs");
    let mut examples: BTreeMap<(String, String), Vec<Value>> = BTreeMap::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().and_then(|e| e.to_str()) != Some("json") {
            continue;
        }
        let spec: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let module = format!("agora_api::{}", spec["module"].as_str().unwrap());
        for endpoint in spec["endpoints"].as_array().into_iter().flatten() {
            let name = endpoint["endpoint"].as_str().unwrap().to_owned();
            for example in endpoint["examples"].as_array().into_iter().flatten() {
                examples
                    .entry((module.clone(), name.clone()))
                    .or_default()
                    .push(example["request"].clone());
            }
        }
    }
    examples
}

fn decode(text: &str) -> String {
    percent_encoding::percent_decode_str(&text.replace('+', " "))
        .decode_utf8_lossy()
        .into_owned()
}

/// A documented request as the endpoint's `--json` input: each field's
/// value read from where the registry says it goes (path segment, query
/// parameter, header, body member, whole body).
pub fn cli_input(info: &EndpointInfo, request: &Value) -> Value {
    let url = request["url"].as_str().unwrap();
    let after_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
    let path_and_query = after_scheme
        .find('/')
        .map_or("/", |start| &after_scheme[start..]);
    let (path, query) = path_and_query
        .split_once('?')
        .unwrap_or((path_and_query, ""));
    let mut params: BTreeMap<String, String> = BTreeMap::new();
    let template: Vec<&str> = info.path.split('/').collect();
    let segments: Vec<&str> = path.split('/').collect();
    assert_eq!(template.len(), segments.len(), "{} vs {url}", info.path);
    for (pattern, segment) in template.iter().zip(&segments) {
        if let Some(name) = pattern.strip_prefix('{').and_then(|p| p.strip_suffix('}')) {
            params.insert(name.to_owned(), decode(segment));
        }
    }
    let query: BTreeMap<String, String> = query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            (decode(name), decode(value))
        })
        .collect();
    let mut input = Map::new();
    for field in info.fields {
        let value = match field.location {
            FieldLocation::Path => params.get(field.wire).cloned().map(Value::String),
            FieldLocation::Query => query.get(field.wire).cloned().map(Value::String),
            FieldLocation::Header => request["headers"]
                .as_object()
                .and_then(|headers| {
                    headers
                        .iter()
                        .find(|(name, _)| name.eq_ignore_ascii_case(field.wire))
                })
                .map(|(_, value)| value.clone()),
            FieldLocation::WholeBody => Some(request["body"].clone()).filter(|b| !b.is_null()),
            _ => request["body"].get(field.wire).cloned(),
        };
        if let Some(value) = value {
            input.insert(field.wire.to_owned(), value);
        }
    }
    Value::Object(input)
}

#[test]
fn each_product_of_the_registry_answers_a_documented_call_through_the_binary() {
    let emulator = Emulator::start();
    let examples = examples();
    let mut products: BTreeMap<String, Vec<&'static EndpointInfo>> = BTreeMap::new();
    for info in registry::endpoints() {
        products
            .entry(kebab_case(info.product().rsplit("::").next().unwrap()))
            .or_default()
            .push(info);
    }
    assert!(!products.is_empty());
    for (product, mut infos) in products {
        // Reads first: they need no state in the emulator.
        infos.sort_by_key(|info| (info.method != "GET", info.name));
        let mut answered = None;
        let mut tried = Vec::new();
        for info in infos {
            let key = (info.product().to_owned(), info.name.to_owned());
            let Some(requests) = examples.get(&key) else {
                continue;
            };
            let endpoint = kebab_case(info.name);
            assert!(
                subcommand_exists(&product, &endpoint),
                "{product} {endpoint}"
            );
            let input = cli_input(info, &requests[0]);
            let before = emulator.journal().len();
            let run = emulator
                .agora()
                .stdin(&input.to_string())
                .run(&[&product, &endpoint, "--json", "-"]);
            let journal = emulator.journal();
            if run.status == 0 {
                // Sent once, to this endpoint, and answered 2xx; what was
                // printed is one JSON document.
                let sent: Vec<_> = journal[before..].iter().collect();
                assert_eq!(sent.len(), 1, "{product} {endpoint}: {run:#?}");
                assert_eq!(sent[0].endpoint_name(), Some(info.name));
                assert!(sent[0].status.is_some_and(|s| (200..300).contains(&s)));
                let _: Value = run.json();
                answered = Some(endpoint);
                break;
            }
            tried.push(format!("{endpoint}: {}", run.stderr.trim()));
        }
        assert!(
            answered.is_some(),
            "no documented call of {product} succeeded: {tried:#?}"
        );
    }
}

/// `agora PRODUCT ENDPOINT --help` works: the registry made the subcommand.
fn subcommand_exists(product: &str, endpoint: &str) -> bool {
    crate::Agora::new()
        .run(&[product, endpoint, "--help"])
        .status
        == 0
}
