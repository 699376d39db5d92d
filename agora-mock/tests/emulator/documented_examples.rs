//! Agora's own documented example requests (the examples of `specs/`) sent
//! to the emulator as they are: none is refused as invalid. (They may name
//! resources that do not exist, such as `RESOURCE_ID`: those answers are
//! the documented "not found" ones, not a refusal of the request.)

use crate::support::Raw;
use agora_api::AppId;
use agora_mock::MockServer;
use serde_json::Value;

fn examples() -> Vec<(String, Value)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs");
    let mut found = Vec::new();
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("specs/ is readable")
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    files.sort();
    for path in files {
        let spec: Value =
            serde_json::from_str(&std::fs::read_to_string(&path).expect("a spec")).expect("JSON");
        for entry in spec["endpoints"].as_array().expect("endpoints") {
            for example in entry["examples"].as_array().into_iter().flatten() {
                let name = entry["endpoint"].as_str().unwrap_or_default().to_owned();
                found.push((name, example["request"].clone()));
            }
        }
    }
    found
}

/// The App ID an example is about: a 32-hex path segment or `appid` in
/// the query or body.
fn app_id_of(request: &Value) -> Option<AppId> {
    let url = request["url"].as_str()?;
    url.split(['/', '?', '&', '='])
        .chain(request["body"]["appid"].as_str())
        .find_map(|part| AppId::new(part).ok())
}

#[tokio::test]
async fn agoras_documented_examples_are_accepted() {
    let examples = examples();
    assert!(examples.len() >= 60, "{} examples", examples.len());
    for (endpoint, request) in examples {
        let mut builder = MockServer::builder();
        if let Some(app_id) = app_id_of(&request) {
            builder = builder.app_id(app_id);
        }
        let server = builder.start().await.expect("a server");
        let url = request["url"].as_str().expect("a URL");
        let path = url
            .strip_prefix("https://api.agora.io")
            .or_else(|| url.strip_prefix("https://api.sd-rtn.com"))
            .expect("an Agora host");
        let method = request["method"].as_str().expect("a method");
        let body = match &request["body"] {
            Value::Null => None,
            body => Some(body.clone()),
        };
        let auth = agora_api::registry::endpoints()
            .find(|info| info.name == endpoint && info.method == method)
            .map_or(&[][..], |info| info.auth);
        let answer = Raw::new(&server).authorized(auth, method, path, body).await;
        let text = answer.body.to_string();
        assert!(
            !text.contains("invalid `")
                && ![401, 403, 415].contains(&answer.status)
                && answer.status < 500,
            "{endpoint}: {method} {path} was refused: {} {text}",
            answer.status
        );
        let journal = server.journal();
        assert_eq!(
            journal[0].endpoint_name(),
            Some(endpoint.as_str()),
            "{path}"
        );
    }
}
