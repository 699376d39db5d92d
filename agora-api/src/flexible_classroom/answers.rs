//! What several Flexible Classroom answers share: the bare
//! acknowledgement, the people events name, and lenient readers of the
//! values Agora sends in more than one JSON type.

use serde::{Deserialize, Deserializer};

use crate::values::{lenient, string_enum};

/// What a call that answers only `{"code": 0, "msg": "Success", "ts":
/// ...}` returns: nothing beyond its success (any `data` is ignored).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Done;

impl<'de> Deserialize<'de> for Done {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        serde::de::IgnoredAny::deserialize(deserializer).map(|_| Done)
    }
}

string_enum! {
    /// A role as Agora writes it in answers and events: the documented
    /// numbers (`1` teacher, `2` student, `3` assistant; sent as numbers
    /// or as strings), and the names its examples show (`host`,
    /// `audience`, `server`).
    pub enum ReportedRole {
        /// `1`: a teacher.
        Teacher = "1",
        /// `2`: a student.
        Student = "2",
        /// `3`: a teaching assistant.
        Assistant = "3",
        /// `host`, as chat and resource events name a teacher.
        Host = "host",
        /// `audience`, as quiz and poll events name a student.
        Audience = "audience",
        /// `server`: a change made by Agora's service.
        Server = "server",
    }
}

/// A role sent as a number or a string.
pub(crate) fn opt_role<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<ReportedRole>, D::Error> {
    Ok(lenient::opt_text(deserializer)?.map(|text| ReportedRole::from(text.as_str())))
}

/// Someone an event or answer names: who sent a message, who changed a
/// resource or a widget.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Person {
    /// Their user ID.
    #[serde(default)]
    pub user_uuid: Option<String>,
    /// Their name.
    #[serde(default)]
    pub user_name: Option<String>,
    /// Their role.
    #[serde(default, deserialize_with = "opt_role")]
    pub role: Option<ReportedRole>,
}

/// A number sent as a number or a decimal string, absent when neither.
pub(crate) fn opt_i64<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<i64>, D::Error> {
    lenient::opt_i64(deserializer)
}

/// A time or size sent as a number or a decimal string.
pub(crate) fn opt_u64<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<u64>, D::Error> {
    lenient::opt_u64(deserializer)
}
