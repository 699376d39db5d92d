//! `--dry-run`: the exact request a call would send first, as a curl
//! command line. It is prepared with placeholder credentials, never the
//! real ones, and every credential in it (auth headers, secret-named
//! query parameters and body members) is a shell variable the user fills
//! in: `-u "$AGORA_CUSTOMER_ID:$AGORA_CUSTOMER_SECRET"`,
//! `-H 'authorization: agora token='"$AGORA_RTM_TOKEN"`.

use agora_api::AuthScheme;
use agora_api::redact::is_secret_name;
use agora_api::reqwest::Request;
use serde_json::Value;

/// A shell word built from literal text and variable references: literal
/// parts in single quotes, variables in double quotes, side by side.
#[derive(Default)]
struct Word(String);

impl Word {
    fn literal(mut self, text: &str) -> Self {
        if !text.is_empty() {
            self.0.push('\'');
            self.0.push_str(&text.replace('\'', r"'\''"));
            self.0.push('\'');
        }
        self
    }

    fn variable(mut self, name: &str) -> Self {
        self.0.push_str(&format!("\"${name}\""));
        self
    }

    /// `text` with each `marker` replaced by its variable.
    fn with_markers(mut self, text: &str, markers: &[(String, String)]) -> Self {
        let mut rest = text;
        loop {
            let next = markers
                .iter()
                .filter_map(|(marker, variable)| {
                    rest.find(marker.as_str())
                        .map(|at| (at, marker.len(), variable))
                })
                .min_by_key(|(at, _, _)| *at);
            match next {
                Some((at, length, variable)) => {
                    self = self.literal(&rest[..at]).variable(variable);
                    rest = &rest[at + length..];
                }
                None => return self.literal(rest),
            }
        }
    }
}

/// The shell variable for a secret named `name` (`secretKey` ->
/// `AGORA_SECRET_KEY`, `sign_key` -> `AGORA_SIGN_KEY`).
fn variable_for(name: &str) -> String {
    let kebab = crate::catalog::kebab_case(name);
    format!("AGORA_{}", kebab.replace(['-', '.'], "_").to_uppercase())
}

/// The variable standing for scheme `scheme`'s token or signature.
fn scheme_variable(scheme: AuthScheme) -> String {
    let name = scheme.name().to_uppercase();
    if name.ends_with("TOKEN") {
        format!("AGORA_{name}")
    } else {
        format!("AGORA_{name}_AUTHORIZATION")
    }
}

/// The curl command line of `request`, prepared with placeholder
/// credentials of `scheme`.
pub(crate) fn command_line(request: &Request, scheme: Option<AuthScheme>) -> String {
    let mut lines = vec![format!("curl -X {}", request.method())];
    let mut markers: Vec<(String, String)> = Vec::new();

    // The query as it is sent, with a marker for each secret-named
    // parameter's value.
    let url = request.url();
    let mut shown = url.as_str().to_owned();
    if let (Some(query), Some(start)) = (url.query(), shown.find('?')) {
        let pairs: Vec<String> = query
            .split('&')
            .enumerate()
            .map(|(index, pair)| {
                let (name, _) = pair.split_once('=').unwrap_or((pair, ""));
                let decoded = percent_encoding::percent_decode_str(name).decode_utf8_lossy();
                if is_secret_name(&decoded) {
                    let marker = format!("AGORAPLACEHOLDER{index}X");
                    markers.push((marker.clone(), variable_for(&decoded)));
                    format!("{name}={marker}")
                } else {
                    pair.to_owned()
                }
            })
            .collect();
        // The client's URLs have no fragment: the query runs to the end.
        shown.truncate(start + 1);
        shown.push_str(&pairs.join("&"));
    }
    lines.push(format!(
        "  {}",
        Word::default().with_markers(&shown, &markers).0
    ));

    for (name, value) in request.headers() {
        let name = name.as_str();
        let text = String::from_utf8_lossy(value.as_bytes());
        let header = Word::default();
        let word = if name == "authorization" {
            match text.split_once(' ') {
                Some(("Basic", _)) => {
                    lines.push(r#"  -u "$AGORA_CUSTOMER_ID:$AGORA_CUSTOMER_SECRET""#.to_owned());
                    continue;
                }
                _ if text.starts_with("agora token=") => header
                    .literal("authorization: agora token=")
                    .variable(&scheme.map_or_else(|| "AGORA_TOKEN".to_owned(), scheme_variable)),
                _ => header.literal("authorization: ").variable(
                    &scheme.map_or_else(|| "AGORA_AUTHORIZATION".to_owned(), scheme_variable),
                ),
            }
        } else if is_secret_name(name) {
            let variable = match scheme {
                Some(scheme) if scheme.name().ends_with("token") => scheme_variable(scheme),
                _ => variable_for(name),
            };
            header.literal(&format!("{name}: ")).variable(&variable)
        } else {
            header.literal(&format!("{name}: {text}"))
        };
        lines.push(format!("  -H {}", word.0));
    }

    if let Some(body) = request.body().and_then(|body| body.as_bytes()) {
        // The bytes as they are sent; re-encoded (members then in name
        // order) only when a secret member's value had to be replaced.
        let mut text = String::from_utf8_lossy(body).into_owned();
        if let Ok(mut json) = serde_json::from_slice::<Value>(body) {
            let mut body_markers = Vec::new();
            redact_members(&mut json, &mut body_markers);
            if !body_markers.is_empty() {
                text = json.to_string();
                markers.extend(body_markers);
            }
        }
        lines.push(format!(
            "  --data-raw {}",
            Word::default().with_markers(&text, &markers).0
        ));
    }
    lines.join(" \\\n")
}

/// Replaces every secret-named member's value, at any depth, with a
/// marker the command line turns into a variable.
fn redact_members(value: &mut Value, markers: &mut Vec<(String, String)>) {
    match value {
        Value::Object(members) => {
            for (name, member) in members.iter_mut() {
                if is_secret_name(name) && !member.is_null() {
                    let marker = format!("AGORAPLACEHOLDER{}Y", markers.len());
                    // Inside the JSON string's quotes: the variable's text
                    // becomes the string.
                    markers.push((marker.clone(), variable_for(name)));
                    *member = Value::String(marker);
                } else {
                    redact_members(member, markers);
                }
            }
        }
        Value::Array(items) => {
            for item in items {
                redact_members(item, markers);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
// A panic is how a test reports failure.
#[allow(clippy::unwrap_used)]
mod tests {
    use agora_api::AuthScheme;
    use agora_api::reqwest::{Method, Request, Url};

    use super::command_line;

    #[test]
    fn secret_query_parameters_and_token_headers_become_variables() {
        let url = Url::parse("https://api.example.test/v1/x?token=abc%2Bdef&page=2").unwrap();
        let mut request = Request::new(Method::GET, url);
        request
            .headers_mut()
            .insert("x-agora-token", "006secret".parse().unwrap());
        request
            .headers_mut()
            .insert("x-agora-uid", "alice".parse().unwrap());
        let line = command_line(&request, Some(AuthScheme::RTM_TOKEN));
        assert_eq!(
            line,
            "curl -X GET \\\n  'https://api.example.test/v1/x?token='\"$AGORA_TOKEN\"'&page=2' \\\n  -H 'x-agora-token: '\"$AGORA_RTM_TOKEN\" \\\n  -H 'x-agora-uid: alice'"
        );
        assert!(!line.contains("abc") && !line.contains("006secret"));
    }

    #[test]
    fn a_single_quote_in_the_body_stays_quoted() {
        let url = Url::parse("https://api.example.test/v1/x").unwrap();
        let mut request = Request::new(Method::POST, url);
        *request.body_mut() = Some(r#"{"name":"it's"}"#.into());
        let line = command_line(&request, None);
        assert!(
            line.ends_with(r#"--data-raw '{"name":"it'\''s"}'"#),
            "{line}"
        );
    }
}
