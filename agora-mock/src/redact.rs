//! What the journal hides before it stores a request: credentials in
//! headers, and the values of secret-named fields in JSON bodies, form
//! bodies and query strings.
//!
//! A field or header names a secret by the rule of
//! [`agora_api::redact::is_secret_name`], the same one the client's error
//! excerpts follow.

use std::borrow::Cow;

use serde_json::Value;

use crate::router::percent_decode;

pub(crate) use agora_api::redact::{REDACTED, is_secret_name};

/// A header's value as the journal keeps it: `Authorization` and
/// `Proxy-Authorization` keep only their scheme (`Basic <redacted>`,
/// `agora token=<redacted>`); `Cookie` and any header whose name, or the
/// last `-`-separated part of it, names a secret (`x-agora-token`,
/// Whiteboard's `token`, `x-api-key`) are `<redacted>` whole. Others, such
/// as `x-agora-uid`, are kept.
pub(crate) fn header(name: &str, value: &str) -> String {
    if name.eq_ignore_ascii_case("authorization")
        || name.eq_ignore_ascii_case("proxy-authorization")
    {
        let lower = value.to_ascii_lowercase();
        if lower.starts_with("agora") && lower.contains("token=") {
            return "agora token=<redacted>".to_owned();
        }
        return match value.split_once(' ') {
            Some((scheme, _)) => format!("{scheme} {REDACTED}"),
            None => REDACTED.to_owned(),
        };
    }
    let last_part = name.rsplit('-').next().unwrap_or(name);
    if name.eq_ignore_ascii_case("cookie") || is_secret_name(name) || is_secret_name(last_part) {
        return REDACTED.to_owned();
    }
    value.to_owned()
}

/// A body as the journal keeps it.
///
/// * JSON (whatever its `Content-Type`): every secret-named member, at any
///   depth and in objects inside arrays, has its value replaced: a string
///   or number becomes `"<redacted>"`, and so does every string or number
///   inside an object or array value. A body with nothing to redact is
///   kept byte for byte; one with something is re-encoded compactly.
/// * `application/x-www-form-urlencoded`: as [`query`].
/// * Anything else is kept as sent (Agora's APIs take JSON only).
pub(crate) fn body(body: &[u8], content_type: Option<&str>) -> Vec<u8> {
    if let Ok(mut value) = serde_json::from_slice::<Value>(body) {
        if !json(&mut value) {
            return body.to_vec();
        }
        // Encoding a `Value` cannot fail; should it, keep nothing.
        return serde_json::to_vec(&value).unwrap_or_else(|_| REDACTED.as_bytes().to_vec());
    }
    let form = content_type.is_some_and(|value| {
        value.split(';').next().is_some_and(|media| {
            media
                .trim()
                .eq_ignore_ascii_case("application/x-www-form-urlencoded")
        })
    });
    match std::str::from_utf8(body) {
        Ok(text) if form => query(text).into_owned().into_bytes(),
        _ => body.to_vec(),
    }
}

/// Redacts secret-named members in `value`; whether any was.
fn json(value: &mut Value) -> bool {
    match value {
        Value::Object(members) => {
            let mut redacted = false;
            for (name, member) in members.iter_mut() {
                redacted |= if is_secret_name(name) {
                    everything(member)
                } else {
                    json(member)
                };
            }
            redacted
        }
        Value::Array(items) => items
            .iter_mut()
            .fold(false, |redacted, item| json(item) | redacted),
        _ => false,
    }
}

/// Replaces every string and number in `value`; whether any was.
fn everything(value: &mut Value) -> bool {
    match value {
        Value::String(_) | Value::Number(_) => {
            *value = Value::String(REDACTED.to_owned());
            true
        }
        Value::Object(members) => members
            .values_mut()
            .fold(false, |redacted, member| everything(member) | redacted),
        Value::Array(items) => items
            .iter_mut()
            .fold(false, |redacted, item| everything(item) | redacted),
        Value::Bool(_) | Value::Null => false,
    }
}

/// `name=value&...` with the value of each secret-named pair (its name
/// percent-decoded first) replaced by `<redacted>`; the rest as sent.
pub(crate) fn query(text: &str) -> Cow<'_, str> {
    let secret = |pair: &str| {
        pair.split_once('=').is_some_and(|(name, _)| {
            percent_decode(name, true).is_some_and(|name| is_secret_name(&name))
        })
    };
    if !text.split('&').any(secret) {
        return Cow::Borrowed(text);
    }
    let pairs: Vec<Cow<'_, str>> = text
        .split('&')
        .map(|pair| match pair.split_once('=') {
            Some((name, _)) if secret(pair) => Cow::Owned(format!("{name}={REDACTED}")),
            _ => Cow::Borrowed(pair),
        })
        .collect();
    Cow::Owned(pairs.join("&"))
}

/// A request target (path and query) with its query redacted as
/// [`query`]; the path is kept.
pub(crate) fn target(target: &str) -> String {
    match target.split_once('?') {
        Some((path, rest)) => format!("{path}?{}", query(rest)),
        None => target.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn secret_names_in_every_spelling() {
        for name in [
            "token",
            "Token",
            "stsToken",
            "access_token",
            "accessToken",
            "sign_key",
            "signKey",
            "appCertificate",
            "app_certificate",
            "customer_secret",
            "secret",
            "password",
            "accessKey",
            "secretKey",
            "secretAccessKey",
            "api_key",
            "key",
            "x-agora-token",
        ] {
            assert!(is_secret_name(name), "{name}");
        }
        for name in [
            "pageToken",
            "nextPageToken",
            "vendor_key",
            "enable_sign_key",
            "keywords",
            "uid",
            "region",
            "bucket",
            "stsExpiration",
        ] {
            assert!(!is_secret_name(name), "{name}");
        }
    }

    #[test]
    fn headers_keep_their_scheme_or_nothing() {
        assert_eq!(header("Authorization", "Basic abc=="), "Basic <redacted>");
        assert_eq!(
            header("authorization", "agora token=007eJx"),
            "agora token=<redacted>"
        );
        assert_eq!(header("authorization", "garbage"), "<redacted>");
        assert_eq!(header("x-agora-token", "006abc"), "<redacted>");
        assert_eq!(header("token", "NETLESSSDK_abc"), "<redacted>");
        assert_eq!(header("x-api-key", "k"), "<redacted>");
        assert_eq!(header("x-agora-uid", "alice"), "alice");
        assert_eq!(
            header("content-type", "application/json"),
            "application/json"
        );
    }

    #[test]
    fn json_without_secrets_is_kept_byte_for_byte() {
        let sent = br#"{ "b": 1,   "a": [ {"uid": 2} ] }"#;
        assert_eq!(body(sent, Some("application/json")), sent.to_vec());
    }

    #[test]
    fn values_under_a_secret_name_are_all_redacted() {
        let sent = json!({
            "token": 42,
            "key": { "nested": "k", "on": true, "list": ["a", 1] },
            "list": [[{ "secretKey": "s" }]]
        });
        let kept = body(sent.to_string().as_bytes(), None);
        let kept: Value = serde_json::from_slice(&kept).expect("JSON");
        assert_eq!(
            kept,
            json!({
                "token": REDACTED,
                "key": { "nested": REDACTED, "on": true, "list": [REDACTED, REDACTED] },
                "list": [[{ "secretKey": REDACTED }]]
            })
        );
    }

    #[test]
    fn queries_and_forms_redact_by_decoded_name() {
        assert_eq!(query("a=1&b=2"), "a=1&b=2");
        assert_eq!(
            query("x=1&Token=abc&sts%54oken=d&token&=z"),
            "x=1&Token=<redacted>&sts%54oken=<redacted>&token&=z"
        );
        assert_eq!(target("/p?token=t"), "/p?token=<redacted>");
        assert_eq!(target("/p"), "/p");
        assert_eq!(
            body(
                b"token=t&n=1",
                Some("application/x-www-form-urlencoded; charset=utf-8")
            ),
            b"token=<redacted>&n=1".to_vec()
        );
        assert_eq!(body(b"token=t", Some("text/plain")), b"token=t".to_vec());
    }
}
