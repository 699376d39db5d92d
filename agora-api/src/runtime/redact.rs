//! Quoting what a server sent without quoting its secrets: the rule for
//! which names hold a secret ([`is_secret_name`]), shared by the client's
//! errors and the emulator's journal.
//!
//! Errors quote a little of an unexpected body so that a log line says what
//! came back. Agora's bodies hold secrets: Console answers carry the App
//! Certificate as `sign_key`, other products echo tokens and storage keys.
//! Before anything is quoted it goes through a redaction pass: the string values
//! of secret-named JSON members are replaced (read lexically, so a body cut
//! short or not quite JSON is redacted too), and anything shaped like an
//! Agora token or a Basic credential is replaced wherever it stands.

/// What stands in for a secret.
pub const REDACTED: &str = "<redacted>";

/// How much of a body is scanned for an excerpt. An excerpt is short, so
/// only its start matters; the bound keeps the work small whatever the
/// body's size.
const SCAN_LIMIT: usize = 16 * 1024;

/// Whether a JSON member, form field, query parameter or header called
/// `name` holds a secret: the one rule the client's error excerpts and the
/// emulator's journal both redact by.
///
/// Names are compared in ASCII lower case with `_` and `-` left out, so
/// `sign_key`, `signKey` and `SIGN-KEY` are one name. A name is a secret
/// when it
///
/// * ends in `token` or `tokens` (`token`, `stsToken`, `accessToken`, `rtcToken`,
///   `builderToken`, ...), except the page cursors `pageToken` and
///   `nextPageToken`;
/// * ends in `secret`, `password`, `certificate`, `credential(s)` or
///   `signature` (`customer_secret`, Cloud Recording's media encryption
///   `secret`, `appCertificate`, the NCS `ncsSecret` / `webhookSecret`,
///   the `Agora-Signature` header of a notification);
/// * is a key: `key`, `accessKey`, `secretKey`, `secretAccessKey` (storage,
///   Whiteboard AK/SK), `sign_key` (the Console's App Certificate),
///   `apiKey`, `authKey`, `streamKey`, `encryptKey`, `encryptionKey`, and
///   the short `ak`, `sk`, `sas`; or `authorization`; or the NCS
///   `Agora-Signature-V2` header, whose name ends in a version.
///
/// The names come from Agora's documented bodies: Cloud Recording
/// `clientRequest.token`, `storageConfig.{accessKey, secretKey, stsToken}`
/// and `recordingConfig.secret`, the Console's `sign_key`, and the other
/// products' tokens and vendor keys.
///
/// ```
/// use agora_api::redact::is_secret_name;
/// assert!(is_secret_name("sign_key"));
/// assert!(is_secret_name("storageConfig") == false);
/// assert!(is_secret_name("stsToken"));
/// assert!(!is_secret_name("nextPageToken"));
/// assert!(!is_secret_name("vendor_key"), "the App ID is not a secret");
/// assert!(is_secret_name("ncs_secret") && is_secret_name("Agora-Signature-V2"));
/// ```
pub fn is_secret_name(name: &str) -> bool {
    let mut folded = String::with_capacity(name.len());
    folded.extend(
        name.chars()
            .filter(|c| *c != '_' && *c != '-')
            .map(|c| c.to_ascii_lowercase()),
    );
    if matches!(folded.as_str(), "pagetoken" | "nextpagetoken") {
        return false;
    }
    const ENDINGS: [&str; 8] = [
        "token",
        "tokens",
        "secret",
        "password",
        "certificate",
        "credential",
        "credentials",
        "signature",
    ];
    const KEYS: [&str; 16] = [
        "key",
        "accesskey",
        "secretkey",
        "secretaccesskey",
        "signkey",
        "apikey",
        "authkey",
        "streamkey",
        "encryptkey",
        "encryptionkey",
        "ak",
        "sk",
        "sas",
        "authorization",
        "proxyauthorization",
        "agorasignaturev2",
    ];
    ENDINGS.iter().any(|ending| folded.ends_with(ending)) || KEYS.contains(&folded.as_str())
}

/// `text` with secrets replaced: the string values of secret-named members
/// (and every string inside an array or object such a member holds), then
/// anything token-shaped ([`redact_tokens`]).
///
/// ```text
/// {"sign_key":"5CFd2fd1","name":"demo"}  ->  {"sign_key":"<redacted>","name":"demo"}
/// ```
pub(crate) fn redact(text: &str) -> String {
    redact_tokens(&redact_members(text))
}

/// An excerpt of `body` for an error: its start as text, secrets redacted,
/// at most `max` bytes cut at a character boundary, `…` when cut.
pub(crate) fn excerpt(body: &[u8], max: usize) -> String {
    let scanned = &body[..body.len().min(SCAN_LIMIT)];
    let text = redact(&String::from_utf8_lossy(scanned));
    let mut end = text.len().min(max);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let mut out = text[..end].to_owned();
    if end < text.len() || scanned.len() < body.len() {
        out.push('…');
    }
    out
}

/// `text` with token-shaped runs redacted, cut to at most `max` bytes at a
/// character boundary (`…` when cut): for free text a server wrote, such as
/// an error message.
pub(crate) fn bounded_text(text: &str, max: usize) -> String {
    let scanned = if text.len() > SCAN_LIMIT {
        let mut end = SCAN_LIMIT;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        &text[..end]
    } else {
        text
    };
    let mut out = redact_tokens(scanned);
    if out.len() > max || scanned.len() < text.len() {
        let mut end = out.len().min(max);
        while !out.is_char_boundary(end) {
            end -= 1;
        }
        out.truncate(end);
        out.push('…');
    }
    out
}

/// One open array or object: whether every string in it is a secret.
type Container = bool;

/// The lexical pass: strings are read with their escapes, a string followed
/// by `:` is a member name, and the value after a secret name is replaced
/// when it is a string, or has all its strings replaced when it is an
/// array or object. Anything that is not JSON passes through as it is.
fn redact_members(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut stack: Vec<Container> = Vec::new();
    // The value about to come follows a secret name.
    let mut after_secret_name = false;
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        match c {
            '"' => {
                let (content, len, closed) = read_string(rest);
                let tail = &rest[len..];
                let is_name = tail.trim_start().starts_with(':');
                let inside_secret = stack.last().copied().unwrap_or(false);
                if is_name {
                    out.push_str(&rest[..len]);
                    after_secret_name = is_secret_name(content);
                } else if after_secret_name || inside_secret {
                    out.push('"');
                    out.push_str(REDACTED);
                    if closed {
                        out.push('"');
                    }
                    after_secret_name = false;
                } else {
                    out.push_str(&rest[..len]);
                }
                rest = tail;
                continue;
            }
            '{' | '[' => {
                let inside_secret = stack.last().copied().unwrap_or(false);
                stack.push(after_secret_name || inside_secret);
                after_secret_name = false;
            }
            '}' | ']' => {
                stack.pop();
                after_secret_name = false;
            }
            ',' => after_secret_name = false,
            _ => {}
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// Reads the JSON string at the start of `text` (which starts with `"`):
/// its raw content, its length in bytes with the quotes, and whether it was
/// closed before the text ended.
fn read_string(text: &str) -> (&str, usize, bool) {
    let bytes = text.as_bytes();
    let mut i = 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return (&text[1..i], i + 1, true),
            _ => i += 1,
        }
    }
    // Unclosed: everything to the end. An escape at the very end may have
    // stepped past it.
    (&text[1..], text.len(), false)
}

/// The shortest run after `006`/`007` taken for an Agora token: real tokens
/// are well over a hundred characters.
const TOKEN_MIN_TAIL: usize = 32;

/// Replaces, anywhere in `text`, an Agora token (`006` or `007` followed by
/// at least 32 base64 characters), a Whiteboard token (`NETLESSSDK_`,
/// `NETLESSROOM_` or `NETLESSTASK_` and what follows) and the credential
/// after `Basic ` or `agora token=`.
pub(crate) fn redact_tokens(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    let mut i = 0;
    while i < bytes.len() {
        let credential_start = if bytes[i..].starts_with(b"006") || bytes[i..].starts_with(b"007") {
            let tail = base64_run(&bytes[i + 3..]);
            let starts_word = i == 0 || !is_base64(bytes[i - 1]);
            (starts_word && tail >= TOKEN_MIN_TAIL).then_some((i, i + 3 + tail))
        } else if let Some(prefix) = whiteboard_prefix(&bytes[i..]) {
            let run = base64_run(&bytes[i + prefix..]);
            let starts_word = i == 0 || !is_base64(bytes[i - 1]);
            (starts_word && run > 0).then_some((i, i + prefix + run))
        } else if let Some(prefix) = credential_prefix(&bytes[i..]) {
            let run = base64_run(&bytes[i + prefix..]);
            (run > 0).then_some((i + prefix, i + prefix + run))
        } else {
            None
        };
        match credential_start {
            Some((start, end)) => {
                out.push_str(&text[copied..start]);
                out.push_str(REDACTED);
                copied = end;
                i = end;
            }
            None => i += 1,
        }
    }
    out.push_str(&text[copied..]);
    out
}

/// The length of `Basic ` or `agora token=` (any case) when `bytes` starts
/// with one.
fn credential_prefix(bytes: &[u8]) -> Option<usize> {
    const PREFIXES: [&[u8]; 2] = [b"basic ", b"agora token="];
    PREFIXES
        .iter()
        .find(|prefix| {
            bytes.len() >= prefix.len() && bytes[..prefix.len()].eq_ignore_ascii_case(prefix)
        })
        .map(|prefix| prefix.len())
}

/// The length of a Whiteboard token's prefix when `bytes` starts with one.
fn whiteboard_prefix(bytes: &[u8]) -> Option<usize> {
    const PREFIXES: [&[u8]; 3] = [b"NETLESSSDK_", b"NETLESSROOM_", b"NETLESSTASK_"];
    PREFIXES
        .iter()
        .find(|prefix| bytes.starts_with(prefix))
        .map(|prefix| prefix.len())
}

fn is_base64(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || matches!(byte, b'+' | b'/' | b'=' | b'-' | b'_')
}

fn base64_run(bytes: &[u8]) -> usize {
    bytes.iter().take_while(|byte| is_base64(**byte)).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    const TOKEN: &str =
        "007eJxTYBBbsMMnKq7xt4PUd9mnSdtjG6yjZx1mNGlOYlBkYGI0yMjIS0pJKEmpTMwQ6tJbBgYAsLEGqQ==";

    #[test]
    fn secret_members_are_redacted_by_name() {
        let body = r#"{"projects":[{"name":"demo","sign_key":"5CFd2fd1755d40ecb72977518be15d3b","vendor_key":"876922cbca0098dff4323566daa89675"}]}"#;
        let out = redact(body);
        assert!(!out.contains("5CFd2fd1755d40ecb72977518be15d3b"), "{out}");
        assert!(out.contains(r#""sign_key":"<redacted>""#), "{out}");
        assert!(
            out.contains("876922cbca0098dff4323566daa89675"),
            "the App ID is not a secret"
        );
        assert!(out.contains(r#""name":"demo""#));
    }

    #[test]
    fn every_spelling_and_nesting_is_covered() {
        let body = r#"{"storageConfig":{"accessKey":"AK1","secretKey":"SK1","bucket":"b"},"Token" : "t0","tokens":["t1","t2"],"appCertificate":{"x":"nested"},"count":3}"#;
        let out = redact(body);
        for secret in ["AK1", "SK1", "t0", "t1", "t2", "nested"] {
            assert!(!out.contains(secret), "{secret} in {out}");
        }
        assert!(out.contains(r#""bucket":"b""#));
        assert!(out.contains(r#""count":3"#));
    }

    #[test]
    fn a_body_cut_short_inside_a_secret_is_still_redacted() {
        let out = redact(r#"{"sign_key":"5CFd2fd1755d4"#);
        assert_eq!(out, r#"{"sign_key":"<redacted>"#);
        let out = redact(r#"{"customer_secret": "abc\"def", "ok": "yes"}"#);
        assert!(!out.contains("def"), "{out}");
        assert!(out.contains(r#""ok": "yes""#));
    }

    #[test]
    fn tokens_and_basic_credentials_are_redacted_in_free_text() {
        let text = format!("invalid token {TOKEN} for user; header was Basic aWQ6c2VjcmV0 ok");
        let out = redact_tokens(&text);
        assert!(!out.contains("eJxTYB"), "{out}");
        assert!(!out.contains("aWQ6c2VjcmV0"), "{out}");
        assert!(out.starts_with("invalid token <redacted> for user"));
        assert_eq!(
            redact_tokens(r#"{"token":"NETLESSROOM_YWs9YWsx=","room":"NETLESS"}"#),
            format!(r#"{{"token":"{REDACTED}","room":"NETLESS"}}"#),
            "a Whiteboard token, not the bare word"
        );
        // Short numbers starting 006/007 are not tokens.
        assert_eq!(redact_tokens("code 007 at 0065"), "code 007 at 0065");
    }

    #[test]
    fn excerpts_are_bounded_and_cut_at_char_boundaries() {
        let body = "é".repeat(100_000);
        let quoted = excerpt(body.as_bytes(), 256);
        assert!(quoted.len() <= 256 + '…'.len_utf8());
        assert!(quoted.ends_with('…'));
        let text = bounded_text(&"x".repeat(10_000), 1024);
        assert_eq!(text.len(), 1024 + '…'.len_utf8());
    }
}
