//! Agora's own documented example requests (the examples of `specs/`) sent
//! to the emulator as they are: none is refused as invalid. (They may name
//! resources that do not exist, such as `RESOURCE_ID`: those answers are
//! the documented "not found" ones, not a refusal of the request.)

use crate::support::Raw;
use agora_api::AppId;
use agora_api::token::{WhiteboardRole, WhiteboardTokenKind};
use agora_mock::MockServer;
use serde_json::Value;

/// Every documented example: its spec file's module, its endpoint's name
/// (names repeat across products: `ListOnlineStreams`), the request.
fn examples() -> Vec<(String, String, Value)> {
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
        let module = format!("agora_api::{}", spec["module"].as_str().unwrap_or_default());
        for entry in spec["endpoints"].as_array().expect("endpoints") {
            for example in entry["examples"].as_array().into_iter().flatten() {
                let name = entry["endpoint"].as_str().unwrap_or_default().to_owned();
                found.push((module.clone(), name, example["request"].clone()));
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

/// An admin token of the documented token's kind, issued with the
/// emulator's keys: a task token is for the path's task (its last
/// segment before any query).
fn whiteboard_token(server: &MockServer, documented: &str, path: &str) -> String {
    let keys = &server.credentials().whiteboard_keys;
    let subject = path
        .split('?')
        .next()
        .and_then(|path| path.rsplit('/').next())
        .unwrap_or_default();
    let token = if documented.starts_with(WhiteboardTokenKind::Task.prefix()) {
        keys.task_token(subject, WhiteboardRole::Admin, None)
    } else {
        keys.sdk_token(WhiteboardRole::Admin, None)
    };
    token.expect("a token").into_secret()
}

#[tokio::test]
async fn agoras_documented_examples_are_accepted() {
    let examples = examples();
    assert!(examples.len() >= 60, "{} examples", examples.len());
    for (module, endpoint, request) in examples {
        let mut builder = MockServer::builder();
        if let Some(app_id) = app_id_of(&request) {
            builder = builder.app_id(app_id);
        }
        let server = builder.start().await.expect("a server");
        let url = request["url"].as_str().expect("a URL");
        let path = url
            .strip_prefix("https://api.agora.io")
            .or_else(|| url.strip_prefix("https://api.sd-rtn.com"))
            .or_else(|| url.strip_prefix("https://api.netless.link"))
            .expect("an Agora host");
        let method = request["method"].as_str().expect("a method");
        let body = match &request["body"] {
            Value::Null => None,
            body => Some(body.clone()),
        };
        let auth = agora_api::registry::endpoints()
            .find(|info| {
                info.name == endpoint && info.method == method && info.module.starts_with(&module)
            })
            .map_or(&[][..], |info| info.auth);
        let answer = match request["headers"]["region"].as_str() {
            // A Whiteboard call: its documented token is a placeholder,
            // so one of the same kind is issued with the emulator's keys.
            Some(region) => {
                let token = request["headers"]["token"]
                    .as_str()
                    .map(|documented| whiteboard_token(&server, documented, path));
                let mut headers = vec![("content-type", "application/json"), ("region", region)];
                if let Some(token) = &token {
                    headers.push(("token", token.as_str()));
                }
                let text = body.map(|body| body.to_string());
                Raw::new(&server)
                    .send(method, path, &headers, text.as_deref())
                    .await
            }
            // Signed where the endpoint takes only HMAC (Media Broadcast).
            None => Raw::new(&server).authorized(auth, method, path, body).await,
        };
        // An endpoint that takes no credentials may carry the documented
        // placeholders of some in its body (Whiteboard's access key pair),
        // which the emulator refuses with 401: that is the body, not the
        // request's auth.
        let takes_none = auth
            .iter()
            .all(|scheme| *scheme == agora_api::AuthScheme::NONE);
        let auth_refused = answer.status == 401 && !takes_none;
        let text = answer.body.to_string();
        assert!(
            !text.contains("invalid `")
                && answer.status != 415
                && !auth_refused
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
