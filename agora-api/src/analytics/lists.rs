//! The comma-separated lists of the query strings (UIDs, session IDs,
//! dimension values) and the call ID.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::InvalidInput;
use crate::types::Uid;
use crate::values::comma_list;

comma_list! {
    /// Up to 10 RTC user IDs, sent comma-separated (`uids=10001,10002`).
    ///
    /// ```
    /// use agora_api::{Uid, analytics::UidList};
    /// let uids = UidList::new([Uid::new(10001)?, Uid::new(10002)?])?;
    /// assert_eq!(uids.to_string(), "10001,10002");
    /// assert_eq!("10001, 10002".parse::<UidList>()?, uids);
    /// assert!("1,2,3,4,5,6,7,8,9,10,11".parse::<UidList>().is_err());
    /// # Ok::<(), agora_api::InvalidInput>(())
    /// ```
    UidList of Uid, field = "uids", max = 10,
    parse = |text| text.parse::<Uid>(),
    check = |_| Ok(())
}

comma_list! {
    /// Up to 20 user session IDs (`sid`s from
    /// [`GetCallSessions`](super::GetCallSessions)), sent comma-separated.
    ///
    /// ```
    /// use agora_api::analytics::SessionIds;
    /// let sids = SessionIds::new(["EDB224CCF4FB4F99815C24302BDF3301"])?;
    /// assert_eq!(sids.to_string(), "EDB224CCF4FB4F99815C24302BDF3301");
    /// assert!(SessionIds::new(["a,b"]).is_err());
    /// # Ok::<(), agora_api::InvalidInput>(())
    /// ```
    SessionIds of String, field = "sids", max = 20,
    parse = |text| Ok(text.to_owned()),
    check = |sid| {
        if sid.is_empty() {
            Err("must not hold an empty session ID".into())
        } else if sid.contains(',') || sid.chars().any(char::is_control) {
            Err(format!("session ID {sid:?} must not contain a comma or control characters"))
        } else {
            Ok(())
        }
    }
}

/// Values of the chosen [`Dimension`](super::Dimension) to report on
/// (`dimensionValues`).
///
/// In a query string it is written the documented way, each value in
/// double quotes, comma-separated (`"3.6.1.1","4.1.1"`); in a JSON body it
/// is an array of strings, as Agora's aggregation examples send it.
///
/// ```
/// use agora_api::analytics::DimensionValues;
/// let values = DimensionValues::new(["3.6.1.1", "4.1.1"])?;
/// assert_eq!(values.to_string(), r#""3.6.1.1","4.1.1""#);
/// assert_eq!(serde_json::to_string(&values).unwrap(), r#"["3.6.1.1","4.1.1"]"#);
/// assert_eq!(r#""3.6.1.1","4.1.1""#.parse::<DimensionValues>()?, values);
/// assert!(DimensionValues::new(Vec::<String>::new()).is_err());
/// # Ok::<(), agora_api::InvalidInput>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct DimensionValues(Vec<String>);

impl DimensionValues {
    /// Checks the values: at least one, none empty, none containing a
    /// double quote (which delimits them on the wire).
    pub fn new<I>(values: I) -> Result<Self, InvalidInput>
    where
        I: IntoIterator,
        I::Item: Into<String>,
    {
        let values: Vec<String> = values.into_iter().map(Into::into).collect();
        if values.is_empty() {
            return Err(InvalidInput::new(
                "dimensionValues",
                "must list at least one value",
            ));
        }
        if let Some(bad) = values
            .iter()
            .find(|v| v.is_empty() || v.contains('"') || v.chars().any(char::is_control))
        {
            return Err(InvalidInput::new(
                "dimensionValues",
                format!(
                    "value {bad:?} must be non-empty, without double quotes or control characters"
                ),
            ));
        }
        Ok(DimensionValues(values))
    }

    /// The values, in order.
    pub fn as_slice(&self) -> &[String] {
        &self.0
    }
}

/// Sent with literal commas between the quoted values
/// (`dimensionValues=%223.6.1.1%22,%224.1.1%22`), as Agora's examples show.
impl crate::endpoint::CommaSeparated for DimensionValues {
    fn items(&self) -> impl Iterator<Item = impl fmt::Display + '_> + '_ {
        self.0.iter().map(|value| format!("\"{value}\""))
    }
}

impl fmt::Display for DimensionValues {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (index, value) in self.0.iter().enumerate() {
            if index > 0 {
                f.write_str(",")?;
            }
            write!(f, "\"{value}\"")?;
        }
        Ok(())
    }
}

impl FromStr for DimensionValues {
    type Err = InvalidInput;

    /// Reads the quoted form (`"a","b"`), or a plain comma list (`a,b`).
    fn from_str(text: &str) -> Result<Self, InvalidInput> {
        let text = text.trim();
        if !text.starts_with('"') {
            return DimensionValues::new(text.split(',').map(str::trim));
        }
        let malformed = || {
            InvalidInput::new(
                "dimensionValues",
                format!("must be double-quoted values separated by commas (got {text:?})"),
            )
        };
        let mut values = Vec::new();
        let mut rest = text;
        loop {
            let inner = rest.strip_prefix('"').ok_or_else(malformed)?;
            let end = inner.find('"').ok_or_else(malformed)?;
            values.push(inner[..end].to_owned());
            rest = inner[end + 1..].trim_start();
            if rest.is_empty() {
                break;
            }
            rest = rest.strip_prefix(',').ok_or_else(malformed)?.trim_start();
        }
        DimensionValues::new(values)
    }
}

impl Serialize for DimensionValues {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for DimensionValues {
    /// Reads an array of strings, or the documented quoted string form.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Shape {
            List(Vec<String>),
            Text(String),
        }
        match Shape::deserialize(deserializer)? {
            Shape::List(values) => DimensionValues::new(values),
            Shape::Text(text) => text.parse(),
        }
        .map_err(serde::de::Error::custom)
    }
}

/// The unique ID of a call (`call_id`), as [`ListCalls`](super::ListCalls)
/// returns it.
///
/// ```
/// use agora_api::analytics::CallId;
/// let id = CallId::new("15c995xxxxxxxxxxxd39be9b")?;
/// assert_eq!(id.as_str(), "15c995xxxxxxxxxxxd39be9b");
/// assert!(CallId::new("").is_err());
/// # Ok::<(), agora_api::InvalidInput>(())
/// ```
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CallId(Box<str>);

impl CallId {
    /// Checks `value`: not empty, no control characters.
    pub fn new(value: impl Into<String>) -> Result<Self, InvalidInput> {
        let value = value.into();
        if value.is_empty() {
            return Err(InvalidInput::new("call_id", "must not be empty"));
        }
        if value.chars().any(char::is_control) {
            return Err(InvalidInput::new(
                "call_id",
                "must not contain control characters",
            ));
        }
        Ok(CallId(value.into_boxed_str()))
    }

    /// The ID as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for CallId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for CallId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "CallId({:?})", &*self.0)
    }
}

impl FromStr for CallId {
    type Err = InvalidInput;
    fn from_str(value: &str) -> Result<Self, InvalidInput> {
        CallId::new(value)
    }
}

impl TryFrom<&str> for CallId {
    type Error = InvalidInput;
    fn try_from(value: &str) -> Result<Self, InvalidInput> {
        CallId::new(value)
    }
}

impl Serialize for CallId {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for CallId {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        CallId::new(String::deserialize(deserializer)?).map_err(serde::de::Error::custom)
    }
}
