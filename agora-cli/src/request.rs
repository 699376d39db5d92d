//! An endpoint's inputs, from its flags and `--json`, put on the wire as
//! the client would send them, and decoded through the typed endpoint
//! ([`Endpoint::decode`](agora_api::Endpoint::decode) via the registry), so
//! that every rule of the endpoint is checked before anything is sent.

use std::collections::BTreeMap;
use std::io::Read as _;

use agora_api::endpoint::WireRequest;
use agora_api::registry::FieldLocation;
use agora_api::reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use clap::ArgMatches;
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde_json::Value;

use crate::catalog::{Command, FieldFlag};
use crate::exit::Failure;

/// The largest `--json` input read: far above any Agora request.
const MAX_JSON_BYTES: u64 = 16 * 1024 * 1024;

/// Left as they are in a path segment or a query component: RFC 3986's
/// unreserved characters, as the client writes them.
const COMPONENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// One field's value, as the user gave it.
#[derive(Debug, Clone)]
enum Input {
    /// A flag's text.
    Text(String),
    /// A member of `--json`.
    Json(Value),
    /// A flag's text read as a JSON string after reading it as other JSON
    /// failed the field's type.
    TextAsString(String),
}

/// A request ready to be decoded and sent: owned parts of a
/// [`WireRequest`].
#[derive(Debug)]
pub(crate) struct Built {
    method: &'static str,
    path: String,
    query: Option<String>,
    headers: HeaderMap,
    body: Vec<u8>,
}

impl Built {
    /// The request as the endpoint's decoder reads it.
    pub(crate) fn wire(&self) -> WireRequest<'_> {
        WireRequest::new(
            self.method,
            &self.path,
            self.query.as_deref(),
            &self.headers,
            &self.body,
        )
    }
}

/// Reads the endpoint's inputs from `matches` (its flags and `--json`),
/// builds the request and decodes it as the endpoint. Fails before any I/O
/// with the field, its flag and the rule it breaks.
pub(crate) fn build(command: &Command, matches: &ArgMatches) -> Result<Built, Failure> {
    let mut inputs: BTreeMap<usize, Input> = BTreeMap::new();
    if let Some(source) = matches.get_one::<String>("json") {
        for (key, value) in read_json(source)? {
            let Some(index) = command
                .flags
                .iter()
                .position(|flag| flag.field.wire == key)
                .or_else(|| {
                    command
                        .flags
                        .iter()
                        .position(|flag| flag.field.field == key)
                })
            else {
                let known: Vec<&str> = command.flags.iter().map(|flag| flag.field.wire).collect();
                return Err(Failure::invalid(format!(
                    "--json has an unknown field `{key}`; this endpoint's fields are: {}",
                    known.join(", ")
                )));
            };
            if !value.is_null() {
                inputs.insert(index, Input::Json(value));
            }
        }
    }
    for (index, flag) in command.flags.iter().enumerate() {
        if let Some(text) = matches.get_one::<String>(&flag.id()) {
            inputs.insert(index, Input::Text(text.clone()));
        }
    }
    let missing: Vec<String> = command
        .flags
        .iter()
        .enumerate()
        .filter(|(index, flag)| flag.field.required && !inputs.contains_key(index))
        .map(|(_, flag)| format!("--{} (`{}`)", flag.long, flag.field.wire))
        .collect();
    if !missing.is_empty() {
        return Err(Failure::invalid(format!(
            "{} needs {} (as flags or in --json)",
            command.info.name,
            missing.join(", ")
        )));
    }
    // A flag's text is read as JSON for a body member when it parses (a
    // number, an object); when the field's type refuses that, it is
    // tried once more as a JSON string.
    loop {
        let built = assemble(command, &inputs)?;
        let Err(invalid) = (command.info.check_request)(&built.wire()) else {
            return Ok(built);
        };
        let flag = command.flag_for_error(invalid.field());
        let retry = flag.and_then(|flag| {
            let index = command
                .flags
                .iter()
                .position(|candidate| std::ptr::eq(candidate, flag))?;
            let in_body = matches!(
                flag.field.location,
                FieldLocation::Body | FieldLocation::WholeBody
            );
            match inputs.get(&index) {
                Some(Input::Text(text))
                    if in_body && !matches!(body_value(text), Value::String(_)) =>
                {
                    Some((index, text.clone()))
                }
                _ => None,
            }
        });
        match retry {
            Some((index, text)) => {
                inputs.insert(index, Input::TextAsString(text));
            }
            None => {
                let named = match flag {
                    Some(flag) => format!("`{}` (--{})", invalid.field(), flag.long),
                    None => format!("`{}`", invalid.field()),
                };
                return Err(Failure::invalid(format!(
                    "{}: invalid {named}: {}",
                    command.info.name,
                    invalid.rule()
                )));
            }
        }
    }
}

/// `--json FILE` or `--json -` (stdin): one JSON object.
fn read_json(source: &str) -> Result<serde_json::Map<String, Value>, Failure> {
    let mut text = Vec::new();
    let read = if source == "-" {
        std::io::stdin()
            .lock()
            .take(MAX_JSON_BYTES)
            .read_to_end(&mut text)
    } else {
        std::fs::File::open(source)
            .and_then(|file| file.take(MAX_JSON_BYTES).read_to_end(&mut text))
    };
    let name = if source == "-" { "stdin" } else { source };
    read.map_err(|error| Failure::invalid(format!("--json: cannot read {name}: {error}")))?;
    match serde_json::from_slice::<Value>(&text) {
        Ok(Value::Object(members)) => Ok(members),
        Ok(_) => Err(Failure::invalid(format!(
            "--json: {name} must hold one JSON object of the endpoint's fields"
        ))),
        // The position only: serde_json's message may quote the text.
        Err(error) => Err(Failure::invalid(format!(
            "--json: {name} is not JSON (line {}, column {})",
            error.line(),
            error.column()
        ))),
    }
}

/// A flag's text as a body member: JSON when it parses as JSON, else a
/// JSON string.
fn body_value(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|_| Value::String(text.to_owned()))
}

/// The request the inputs make: path, query, headers and body placed as
/// the registry says each field goes.
fn assemble(command: &Command, inputs: &BTreeMap<usize, Input>) -> Result<Built, Failure> {
    let info = command.info;
    let value_of = |flag: &FieldFlag| {
        let index = command
            .flags
            .iter()
            .position(|candidate| std::ptr::eq(candidate, flag))?;
        inputs.get(&index)
    };
    let mut path = String::with_capacity(info.path.len() + 64);
    let mut rest = info.path;
    while let Some(open) = rest.find('{') {
        path.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('}').map(|close| open + close) else {
            break;
        };
        let name = &rest[open + 1..close];
        let flag = command
            .flags
            .iter()
            .find(|flag| flag.field.location == FieldLocation::Path && flag.field.wire == name);
        if let Some(value) = flag.and_then(|flag| value_of(flag).map(|value| (flag, value))) {
            let text = as_text(value.0, value.1)?;
            path.extend(utf8_percent_encode(&text, COMPONENT));
        }
        rest = &rest[close + 1..];
    }
    path.push_str(rest);

    let mut query = String::new();
    let mut headers = HeaderMap::new();
    let mut body = serde_json::Map::new();
    let mut whole_body: Option<Value> = None;
    for flag in &command.flags {
        let Some(value) = value_of(flag) else {
            continue;
        };
        let field = flag.field;
        match field.location {
            FieldLocation::Path => {}
            FieldLocation::Query => {
                let text = as_text(flag, value)?;
                if !query.is_empty() {
                    query.push('&');
                }
                query.extend(utf8_percent_encode(field.wire, COMPONENT));
                query.push('=');
                query.extend(utf8_percent_encode(&text, COMPONENT));
            }
            FieldLocation::Header => {
                let text = as_text(flag, value)?;
                let name = HeaderName::from_bytes(field.wire.as_bytes()).map_err(|_| {
                    Failure::invalid(format!("`{}` is not a header name", field.wire))
                })?;
                let value = HeaderValue::try_from(text).map_err(|_| {
                    Failure::invalid(format!(
                        "{}: invalid `{}` (--{}): must be visible ASCII text to be sent as a header",
                        command.info.name, field.wire, flag.long
                    ))
                })?;
                headers.insert(name, value);
            }
            FieldLocation::WholeBody => whole_body = Some(as_json(value)),
            _ => {
                body.insert(field.wire.to_owned(), as_json(value));
            }
        }
    }
    let body = match whole_body {
        Some(value) => value.to_string().into_bytes(),
        None if !body.is_empty() => Value::Object(body).to_string().into_bytes(),
        None => Vec::new(),
    };
    Ok(Built {
        method: info.method,
        path,
        query: (!query.is_empty()).then_some(query),
        headers,
        body,
    })
}

/// A value for the path, the query or a header: text; from `--json`, a
/// string, a number or a boolean as written, a list of them joined with
/// commas (Agora's list parameters).
fn as_text(flag: &FieldFlag, input: &Input) -> Result<String, Failure> {
    let scalar = |value: &Value| match value {
        Value::String(text) => Some(text.clone()),
        Value::Number(number) => Some(number.to_string()),
        Value::Bool(flag) => Some(flag.to_string()),
        _ => None,
    };
    let text = match input {
        Input::Text(text) | Input::TextAsString(text) => Some(text.clone()),
        Input::Json(Value::Array(items)) => items
            .iter()
            .map(scalar)
            .collect::<Option<Vec<String>>>()
            .map(|items| items.join(",")),
        Input::Json(value) => scalar(value),
    };
    text.ok_or_else(|| {
        Failure::invalid(format!(
            "--json: `{}` goes in the {} and must be a string, a number, a boolean or a list of them",
            flag.field.wire,
            flag.field.location.name()
        ))
    })
}

/// A value for the body.
fn as_json(input: &Input) -> Value {
    match input {
        Input::Text(text) => body_value(text),
        Input::TextAsString(text) => Value::String(text.clone()),
        Input::Json(value) => value.clone(),
    }
}
