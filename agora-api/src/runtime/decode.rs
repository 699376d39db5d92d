//! Reading a received request back into an endpoint: the readers the
//! derived [`Endpoint::decode`](crate::Endpoint::decode) calls, one method
//! call per field, so that the generated code stays small (and a field
//! type without `FromStr` or `Deserialize` is reported on the field, where
//! the derive puts the call).
//!
//! Every reader undoes exactly what the client's writers do (one
//! percent-encoded segment per path parameter, percent-encoded query
//! pairs, `Display`ed headers, a JSON object of body members) and checks
//! what it reads with the field type's own rules: `FromStr` for path,
//! query and header values, `Deserialize` for the body. Errors name the
//! field by its wire name and never quote the value, which may be a
//! secret; nothing here panics on any input.

use std::any::Any;
use std::borrow::Cow;
use std::fmt::Display;
use std::str::FromStr;

use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use crate::endpoint::WireRequest;
use crate::error::InvalidInput;

/// Reads the parts of one received request.
#[derive(Debug, Clone, Copy)]
pub struct RequestReader<'a> {
    request: WireRequest<'a>,
}

impl<'a> RequestReader<'a> {
    /// A reader of `request`.
    pub fn new(request: &WireRequest<'a>) -> Self {
        RequestReader { request: *request }
    }

    /// Refuses a request whose method is not `expected`.
    pub fn method(&self, expected: &'static str) -> Result<(), InvalidInput> {
        if self.request.method() == expected {
            Ok(())
        } else {
            Err(InvalidInput::new(
                "method",
                format!("must be {expected} for this endpoint"),
            ))
        }
    }

    /// A reader of the path against `template`.
    pub fn path(&self, template: &'static str) -> PathReader<'a> {
        PathReader {
            rest: self.request.path(),
            template,
        }
    }

    /// Query parameter `name` parsed with `FromStr`; `None` when absent.
    pub fn query<T>(&self, name: &'static str) -> Result<Option<T>, InvalidInput>
    where
        T: FromStr,
        T::Err: Display + 'static,
    {
        match query_text(&self.request, name)? {
            Some(text) => parse(name, &text).map(Some),
            None => Ok(None),
        }
    }

    /// Query parameter `name`, which must be there, parsed with `FromStr`.
    pub fn required_query<T>(&self, name: &'static str) -> Result<T, InvalidInput>
    where
        T: FromStr,
        T::Err: Display + 'static,
    {
        required(self.query(name)?, name)
    }

    /// Header `name` parsed with `FromStr`; `None` when absent.
    pub fn header<T>(&self, name: &'static str) -> Result<Option<T>, InvalidInput>
    where
        T: FromStr,
        T::Err: Display + 'static,
    {
        match self.request.headers().get(name) {
            Some(value) => {
                let text = value
                    .to_str()
                    .map_err(|_| InvalidInput::new(name, "must be visible ASCII text"))?;
                parse(name, text).map(Some)
            }
            None => Ok(None),
        }
    }

    /// Header `name`, which must be there, parsed with `FromStr`.
    pub fn required_header<T>(&self, name: &'static str) -> Result<T, InvalidInput>
    where
        T: FromStr,
        T::Err: Display + 'static,
    {
        required(self.header(name)?, name)
    }

    /// The body as a JSON object: the members of an endpoint's body.
    pub fn body_object(&self) -> Result<BodyReader, InvalidInput> {
        let json: Value = serde_json::from_slice(self.request.body())
            .map_err(|error| InvalidInput::new("body", format!("is not JSON: {error}")))?;
        match json {
            Value::Object(members) => Ok(BodyReader { members }),
            _ => Err(InvalidInput::new("body", "must be a JSON object")),
        }
    }

    /// The whole body decoded as `T` (an `#[endpoint(body)]` field).
    pub fn whole_body<T: DeserializeOwned>(&self) -> Result<T, InvalidInput> {
        serde_json::from_slice(self.request.body())
            .map_err(|error| InvalidInput::new("body", error.to_string()))
    }
}

/// `value` parsed with `T`'s `FromStr`, its error reported against
/// `field`: an [`InvalidInput`] keeps its rule, any other error becomes
/// the rule.
pub fn parse<T>(field: &'static str, value: &str) -> Result<T, InvalidInput>
where
    T: FromStr,
    T::Err: Display + 'static,
{
    value.parse::<T>().map_err(
        |error| match (&error as &dyn Any).downcast_ref::<InvalidInput>() {
            Some(invalid) => invalid.clone().for_field(field),
            None => InvalidInput::new(field, error.to_string()),
        },
    )
}

/// Reads the path against its template, one piece at a time: literal text
/// must be there as it is, each parameter is one segment.
#[derive(Debug)]
pub struct PathReader<'a> {
    rest: &'a str,
    template: &'static str,
}

impl PathReader<'_> {
    fn mismatch(&self) -> InvalidInput {
        InvalidInput::new("path", format!("does not match {}", self.template))
    }

    /// Consumes template text `text`, which must come next as it is.
    pub fn literal(&mut self, text: &str) -> Result<(), InvalidInput> {
        match self.rest.strip_prefix(text) {
            Some(rest) => {
                self.rest = rest;
                Ok(())
            }
            None => Err(self.mismatch()),
        }
    }

    /// Consumes one segment (up to the next `/`), percent-decodes it as
    /// UTF-8 and parses it as parameter `field`. A segment the client
    /// would not write (empty, `.` or `..` once decoded) is refused.
    pub fn segment<T>(&mut self, field: &'static str) -> Result<T, InvalidInput>
    where
        T: FromStr,
        T::Err: Display + 'static,
    {
        let end = self.rest.find('/').unwrap_or(self.rest.len());
        let (raw, rest) = self.rest.split_at(end);
        if raw.is_empty() {
            return Err(self.mismatch());
        }
        self.rest = rest;
        let text = percent_decode(field, raw)?;
        if text.is_empty() || text == "." || text == ".." {
            return Err(InvalidInput::new(
                field,
                "must not be empty, `.` or `..`: it is a path segment",
            ));
        }
        parse(field, &text)
    }

    /// Refuses a path with anything left after the template.
    pub fn end(self) -> Result<(), InvalidInput> {
        if self.rest.is_empty() {
            Ok(())
        } else {
            Err(self.mismatch())
        }
    }
}

/// `raw` percent-decoded as UTF-8; an error against `field` when the bytes
/// are not UTF-8.
fn percent_decode<'a>(field: &'static str, raw: &'a str) -> Result<Cow<'a, str>, InvalidInput> {
    percent_encoding::percent_decode_str(raw)
        .decode_utf8()
        .map_err(|_| InvalidInput::new(field, "is not UTF-8 text once percent-decoded"))
}

/// The value of query parameter `name`, as text: `+` read as a space, then
/// percent-decoded. The first of repeated parameters counts; `None` when
/// it is absent.
fn query_text<'a>(
    request: &WireRequest<'a>,
    name: &'static str,
) -> Result<Option<Cow<'a, str>>, InvalidInput> {
    let Some(query) = request.query() else {
        return Ok(None);
    };
    for pair in query.split('&') {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        // A key that does not decode is not `name`: skip it.
        if form_decode(name, key).ok().as_deref() == Some(name) {
            return form_decode(name, value).map(Some);
        }
    }
    Ok(None)
}

/// A query component: `+` as a space, then percent-decoded as UTF-8.
fn form_decode<'a>(field: &'static str, raw: &'a str) -> Result<Cow<'a, str>, InvalidInput> {
    if raw.contains('+') {
        let spaced = raw.replace('+', " ");
        percent_decode(field, &spaced).map(|text| Cow::Owned(text.into_owned()))
    } else {
        percent_decode(field, raw)
    }
}

/// A value that must be there: `Ok` of it, or "is required" against
/// `field`.
fn required<T>(value: Option<T>, field: &'static str) -> Result<T, InvalidInput> {
    value.ok_or_else(|| InvalidInput::new(field, "is required"))
}

/// The members of a JSON object body.
#[derive(Debug)]
pub struct BodyReader {
    members: Map<String, Value>,
}

impl BodyReader {
    /// Body member `name` decoded as `T`; `None` when it is absent or `null`
    /// (what the client writes for a `None` is nothing at all, and `null`
    /// means the same to Agora).
    pub fn member<T: DeserializeOwned>(
        &self,
        name: &'static str,
    ) -> Result<Option<T>, InvalidInput> {
        match self.members.get(name) {
            None | Some(Value::Null) => Ok(None),
            Some(value) => decode_member(value, name).map(Some),
        }
    }

    /// Body member `name`, which must be there, decoded as `T` (`null`
    /// included, for a type that takes it).
    pub fn required_member<T: DeserializeOwned>(
        &self,
        name: &'static str,
    ) -> Result<T, InvalidInput> {
        match self.members.get(name) {
            Some(value) => decode_member(value, name),
            None => Err(InvalidInput::new(name, "is required")),
        }
    }
}

fn decode_member<T: DeserializeOwned>(
    value: &Value,
    name: &'static str,
) -> Result<T, InvalidInput> {
    T::deserialize(value).map_err(|error| {
        // A validated type refuses a plain value with its own
        // `InvalidInput`, which serde carries as text, under the type's
        // name ("invalid `app_id`: must be ..."); the member is named here,
        // by its wire name, so that prefix is dropped. Inside an object or
        // array the inner name is kept: it says which part was refused.
        let text = error.to_string();
        let plain = !matches!(value, Value::Object(_) | Value::Array(_));
        let rule = text
            .strip_prefix("invalid `")
            .and_then(|rest| rest.split_once("`: "))
            .filter(|(inner, _)| plain && !inner.contains('`'))
            .map_or(text.as_str(), |(_, rule)| rule);
        InvalidInput::new(name, rule.to_owned())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderMap;

    fn with_query<'a>(headers: &'a HeaderMap, query: &'a str) -> RequestReader<'a> {
        RequestReader::new(&WireRequest::new("GET", "/", Some(query), headers, b""))
    }

    #[test]
    fn query_values_are_form_decoded() {
        let headers = HeaderMap::new();
        let request = with_query(&headers, "a=1&name=a+b%26c&name=second&flag");
        assert_eq!(request.query::<u32>("a"), Ok(Some(1)));
        assert_eq!(
            request.query::<String>("name"),
            Ok(Some("a b&c".to_owned()))
        );
        assert_eq!(request.query::<String>("flag"), Ok(Some(String::new())));
        assert_eq!(request.query::<u32>("missing"), Ok(None));
        let error = request.query::<u32>("name").unwrap_err();
        assert_eq!(error.field(), "name");
    }

    #[test]
    fn invalid_utf8_and_bad_numbers_are_errors_not_panics() {
        let headers = HeaderMap::new();
        let request = with_query(&headers, "a=%FF&b=%&c=99999999999");
        assert!(request.query::<String>("a").is_err());
        assert_eq!(request.query::<String>("b"), Ok(Some("%".to_owned())));
        assert!(request.query::<u32>("c").is_err());
    }

    #[test]
    fn path_segments_are_one_decoded_segment_each() {
        let headers = HeaderMap::new();
        let request = WireRequest::new("GET", "/x/a%2Fb%20c/y", None, &headers, b"");
        let mut path = RequestReader::new(&request).path("/x/{p}/y");
        assert_eq!(path.literal("/x/"), Ok(()));
        assert_eq!(path.segment::<String>("p"), Ok("a/b c".to_owned()));
        assert_eq!(path.literal("/y"), Ok(()));
        assert_eq!(path.end(), Ok(()));

        for bad in ["/x//y", "/x/../y", "/x/%2e/y", "/x/a/y/more", "/z/a/y"] {
            let request = WireRequest::new("GET", bad, None, &headers, b"");
            let mut path = RequestReader::new(&request).path("/x/{p}/y");
            let result = path
                .literal("/x/")
                .and_then(|()| path.segment::<String>("p"))
                .and_then(|_| path.literal("/y"))
                .and_then(|()| path.end());
            assert!(result.is_err(), "{bad}");
        }
    }

    #[test]
    fn invalid_input_from_a_type_keeps_its_rule_under_the_wire_name() {
        let error = parse::<crate::AppId>("appid", "abc").unwrap_err();
        assert_eq!(error.field(), "appid");
        assert!(
            error.rule().starts_with("must be 32 hexadecimal"),
            "{error}"
        );
    }

    #[test]
    fn body_members_name_themselves() {
        let headers = HeaderMap::new();
        let request = WireRequest::new("POST", "/", None, &headers, br#"{"a":1,"b":null}"#);
        let body = RequestReader::new(&request)
            .body_object()
            .expect("an object");
        assert_eq!(body.required_member::<u32>("a"), Ok(1));
        assert_eq!(body.member::<u32>("b"), Ok(None));
        assert_eq!(body.required_member::<u32>("c").unwrap_err().field(), "c");
        assert_eq!(
            body.required_member::<String>("a").unwrap_err().field(),
            "a"
        );
        let request = WireRequest::new("POST", "/", None, &headers, br#"{"uid":0}"#);
        let body = RequestReader::new(&request)
            .body_object()
            .expect("an object");
        let error = body.required_member::<crate::Uid>("uid").unwrap_err();
        assert_eq!(
            error.to_string(),
            "invalid `uid`: must be from 1 to 4294967295 (0 is reserved)",
            "the member is named once"
        );
        for bad in [&b"[1]"[..], b"", b"{", b"\xff"] {
            let request = WireRequest::new("POST", "/", None, &headers, bad);
            let error = RequestReader::new(&request).body_object().unwrap_err();
            assert_eq!(error.field(), "body");
        }
    }
}
