//! Decoders for the values Agora documents with one JSON type and sends
//! with another: integers that arrive as strings (`"29"`), UIDs that are
//! numbers in one product and strings in the next, `turn_id` as either.
//! Used with `#[serde(default, deserialize_with = "...")]`.

use std::fmt;

use serde::Deserializer;
use serde::de::{self, Visitor};

/// What one of these fields held, before it is turned into the field's
/// type.
enum Scalar {
    Unsigned(u64),
    Signed(i64),
    Float(f64),
    Text(String),
    Null,
}

struct ScalarVisitor;

impl<'de> Visitor<'de> for ScalarVisitor {
    type Value = Scalar;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a number, a string or null")
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Scalar, E> {
        Ok(Scalar::Unsigned(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Scalar, E> {
        Ok(Scalar::Signed(v))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Scalar, E> {
        Ok(Scalar::Float(v))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Scalar, E> {
        Ok(Scalar::Text(v.to_owned()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Scalar, E> {
        Ok(Scalar::Text(v))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Scalar, E> {
        Ok(Scalar::Null)
    }

    fn visit_none<E: de::Error>(self) -> Result<Scalar, E> {
        Ok(Scalar::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Scalar, D::Error> {
        deserializer.deserialize_any(ScalarVisitor)
    }
}

fn scalar<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Scalar, D::Error> {
    deserializer.deserialize_any(ScalarVisitor)
}

/// An optional unsigned integer sent as a number or as a decimal string.
pub(crate) fn opt_u64<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<u64>, D::Error> {
    match scalar(deserializer)? {
        Scalar::Unsigned(v) => Ok(Some(v)),
        Scalar::Signed(v) => u64::try_from(v)
            .map(Some)
            .map_err(|_| de::Error::custom("a negative number where an unsigned one belongs")),
        Scalar::Text(text) if text.is_empty() => Ok(None),
        Scalar::Text(text) => text
            .trim()
            .parse()
            .map(Some)
            .map_err(|_| de::Error::custom("a string that is not an unsigned integer")),
        Scalar::Float(_) => Err(de::Error::custom("a fraction where an integer belongs")),
        Scalar::Null => Ok(None),
    }
}

/// An optional signed integer sent as a number or as a decimal string.
pub(crate) fn opt_i64<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<i64>, D::Error> {
    match scalar(deserializer)? {
        Scalar::Unsigned(v) => i64::try_from(v)
            .map(Some)
            .map_err(|_| de::Error::custom("an integer out of range")),
        Scalar::Signed(v) => Ok(Some(v)),
        Scalar::Text(text) if text.is_empty() => Ok(None),
        Scalar::Text(text) => text
            .trim()
            .parse()
            .map(Some)
            .map_err(|_| de::Error::custom("a string that is not an integer")),
        Scalar::Float(_) => Err(de::Error::custom("a fraction where an integer belongs")),
        Scalar::Null => Ok(None),
    }
}

/// An optional identifier sent as a string or as a number, kept as the
/// string (a number in its decimal form).
pub(crate) fn opt_text<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<String>, D::Error> {
    match scalar(deserializer)? {
        Scalar::Unsigned(v) => Ok(Some(v.to_string())),
        Scalar::Signed(v) => Ok(Some(v.to_string())),
        Scalar::Float(v) => Ok(Some(v.to_string())),
        Scalar::Text(text) => Ok(Some(text)),
        Scalar::Null => Ok(None),
    }
}

/// A required identifier sent as a string or as a number.
pub(crate) fn text<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    opt_text(deserializer)?.ok_or_else(|| de::Error::custom("null where an identifier belongs"))
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    #[derive(Deserialize)]
    struct Sample {
        #[serde(default, deserialize_with = "super::opt_u64")]
        count: Option<u64>,
        #[serde(default, deserialize_with = "super::opt_text")]
        id: Option<String>,
    }

    fn sample(json: &str) -> Result<Sample, serde_json::Error> {
        serde_json::from_str(json)
    }

    #[test]
    fn numbers_and_strings_both_decode() -> Result<(), serde_json::Error> {
        let s = sample(r#"{"count":"29","id":2}"#)?;
        assert_eq!((s.count, s.id.as_deref()), (Some(29), Some("2")));
        let s = sample(r#"{"count":29,"id":""}"#)?;
        assert_eq!((s.count, s.id.as_deref()), (Some(29), Some("")));
        let s = sample(r#"{"count":null}"#)?;
        assert_eq!((s.count, s.id), (None, None));
        assert!(sample(r#"{"count":-1}"#).is_err());
        assert!(sample(r#"{"count":"x"}"#).is_err());
        assert!(sample(r#"{"count":1.5}"#).is_err());
        assert!(sample(r#"{"count":[1]}"#).is_err());
        Ok(())
    }
}
