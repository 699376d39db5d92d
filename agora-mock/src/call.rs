//! The typed reading of a request's parts, by hand:
//! path parameters and query values through the `FromStr` of
//! `agora-api`'s input types, body members through their `Deserialize`.
//! Every failure names the field, as the endpoints' own rules do.

use std::fmt::Display;
use std::str::FromStr;

use agora_api::{Endpoint, InvalidInput};
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use crate::product::Call;

/// The rule of an error message, without the `invalid `field`: ` prefix
/// an `InvalidInput` puts before it (the field is named again by the
/// caller).
pub(crate) fn rule_of(error: impl Display) -> String {
    let text = error.to_string();
    if let Some(rest) = text.strip_prefix("invalid `")
        && let Some((_, rule)) = rest.split_once("`: ")
    {
        return rule.to_owned();
    }
    text
}

/// `text` read as a `T`, errors reported against `field`.
pub(crate) fn parse_as<T>(field: &str, text: &str) -> Result<T, InvalidInput>
where
    T: FromStr,
    T::Err: Display,
{
    text.parse()
        .map_err(|error| InvalidInput::new(field.to_owned(), rule_of(error)))
}

impl<E> Call<'_, E> {
    /// A path parameter as text.
    pub(crate) fn path_text(&self, name: &str) -> Result<&str, InvalidInput> {
        self.params
            .iter()
            .find(|(key, _)| *key == name)
            .map(|(_, value)| value.as_str())
            .ok_or_else(|| InvalidInput::new(name.to_owned(), "is missing from the path"))
    }

    /// A path parameter read as a `T`.
    pub(crate) fn path<T>(&self, name: &str) -> Result<T, InvalidInput>
    where
        T: FromStr,
        T::Err: Display,
    {
        parse_as(name, self.path_text(name)?)
    }

    /// The first value of query parameter `name`.
    pub(crate) fn query_text(&self, name: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }

    /// An optional query parameter read as a `T`.
    pub(crate) fn query<T>(&self, name: &str) -> Result<Option<T>, InvalidInput>
    where
        T: FromStr,
        T::Err: Display,
    {
        self.query_text(name)
            .map(|text| parse_as(name, text))
            .transpose()
    }

    /// A required query parameter read as a `T`.
    pub(crate) fn query_required<T>(&self, name: &str) -> Result<T, InvalidInput>
    where
        T: FromStr,
        T::Err: Display,
    {
        self.query(name)?
            .ok_or_else(|| InvalidInput::new(name.to_owned(), "is required"))
    }

    /// The body, which must be a JSON object.
    pub(crate) fn body(&self) -> Result<Body, InvalidInput> {
        match serde_json::from_slice::<Value>(self.body) {
            Ok(Value::Object(members)) => Ok(Body(members)),
            Ok(_) => Err(InvalidInput::new("body", "must be a JSON object")),
            Err(_) if self.body.is_empty() => {
                Err(InvalidInput::new("body", "is required: a JSON object"))
            }
            Err(error) => Err(InvalidInput::new(
                "body",
                format!("is not valid JSON: {error}"),
            )),
        }
    }

    /// The whole body read as a `T` (an endpoint whose body is one typed
    /// value).
    pub(crate) fn whole_body<T: DeserializeOwned>(&self) -> Result<T, InvalidInput> {
        let body = self.body()?;
        serde_json::from_value(Value::Object(body.0))
            .map_err(|error| InvalidInput::new("body", rule_of(error)))
    }
}

/// A JSON object body, read member by member.
#[derive(Debug)]
pub(crate) struct Body(Map<String, Value>);

impl Body {
    /// An optional member read as a `T` (`null` counts as absent).
    pub(crate) fn get<T: DeserializeOwned>(&self, name: &str) -> Result<Option<T>, InvalidInput> {
        match self.0.get(name) {
            None | Some(Value::Null) => Ok(None),
            Some(value) => serde_json::from_value(value.clone())
                .map(Some)
                .map_err(|error| InvalidInput::new(name.to_owned(), rule_of(error))),
        }
    }

    /// A required member read as a `T`.
    pub(crate) fn required<T: DeserializeOwned>(&self, name: &str) -> Result<T, InvalidInput> {
        self.get(name)?
            .ok_or_else(|| InvalidInput::new(name.to_owned(), "is required"))
    }
}

/// The endpoint, rebuilt from the decoded parts, checked by its own rules
/// (`Endpoint::validate`) exactly as the client checks it before sending.
pub(crate) fn validated<E: Endpoint>(endpoint: E) -> Result<E, InvalidInput> {
    endpoint.validate()?;
    Ok(endpoint)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_name_the_field_once() {
        let error = parse_as::<agora_api::AppId>("appid", "xyz").expect_err("not an App ID");
        assert_eq!(error.field(), "appid");
        assert_eq!(
            error.rule(),
            "must be 32 hexadecimal characters (got 3 characters)"
        );
        let error = parse_as::<u32>("page_no", "-1").expect_err("not a u32");
        assert_eq!(
            error.to_string(),
            "invalid `page_no`: invalid digit found in string"
        );
    }
}
