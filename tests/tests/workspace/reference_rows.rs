//! Every documented Agora REST endpoint is bound: each row of the
//! reference pack's `endpoints.tsv` (method and URL) is served by an
//! endpoint of the registry, read from the registry itself, never from a
//! list kept here. Runs where the pack is beside the checkout (CI).

use std::collections::BTreeSet;

/// A path template with its host and query gone and every placeholder
/// written `{}`: `https://api.agora.io/v1/apps/{appid}/x?y={z}` and
/// `/v1/apps/{appId}/x` are both `/v1/apps/{}/x`.
fn shape(url_or_path: &str) -> String {
    let without_scheme = url_or_path
        .strip_prefix("https://")
        .or_else(|| url_or_path.strip_prefix("http://"));
    let path = match without_scheme {
        Some(rest) => rest.find('/').map_or("/", |at| &rest[at..]),
        None => url_or_path,
    };
    let path = path.split('?').next().unwrap_or(path);
    let mut out = String::with_capacity(path.len());
    let mut in_placeholder = false;
    for c in path.chars() {
        match (c, in_placeholder) {
            ('{', _) => {
                in_placeholder = true;
                out.push_str("{}");
            }
            ('}', true) => in_placeholder = false,
            (_, true) => {}
            (c, false) => out.push(c),
        }
    }
    out.trim_end_matches('/').to_owned()
}

#[test]
fn shapes_ignore_hosts_queries_and_placeholder_names() {
    assert_eq!(
        shape("https://api.agora.io/v1/apps/{appid}/cloud_recording/acquire?x={y}"),
        "/v1/apps/{}/cloud_recording/acquire"
    );
    assert_eq!(
        shape("/v1/apps/{appId}/cloud_recording/acquire"),
        "/v1/apps/{}/cloud_recording/acquire"
    );
}

#[test]
fn every_row_of_the_reference_table_is_bound() {
    let Some(path) = agora_tests::reference_file("reference/endpoints.tsv") else {
        return;
    };
    let text = std::fs::read_to_string(&path).expect("endpoints.tsv is readable");
    let bound: BTreeSet<(String, String)> = agora_api::registry::endpoints()
        .filter(|info| info.module.starts_with("agora_api::"))
        .map(|info| (info.method.to_owned(), shape(info.path)))
        .collect();
    let mut rows = 0;
    let mut unbound = Vec::new();
    for line in text.lines().skip(1).filter(|line| !line.trim().is_empty()) {
        let columns: Vec<&str> = line.split('\t').collect();
        let [product, operation, method, url, ..] = columns[..] else {
            panic!("a row of four columns or more: {line:?}");
        };
        rows += 1;
        if !bound.contains(&(method.to_owned(), shape(url))) {
            unbound.push(format!("{product}: {operation} ({method} {url})"));
        }
    }
    assert!(
        unbound.is_empty(),
        "{} of {rows} documented endpoints are not bound:\n{}",
        unbound.len(),
        unbound.join("\n")
    );
}
