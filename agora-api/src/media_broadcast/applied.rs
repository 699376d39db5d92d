//! The answer of a Media Broadcast call that changes a setting: a status
//! code and nothing to read.

use serde::{Deserialize, Deserializer};

/// A setting was changed (or a task started or stopped): Agora answers
/// `200` (or `201`) with an empty body or one with nothing documented in
/// it. Whatever body comes is accepted and dropped.
///
/// ```
/// use agora_api::media_broadcast::Applied;
/// let _: Applied = serde_json::from_str("null")?;
/// let _: Applied = serde_json::from_str(r#"{"requestId": "x"}"#)?;
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Applied;

impl<'de> Deserialize<'de> for Applied {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        serde::de::IgnoredAny::deserialize(deserializer)?;
        Ok(Applied)
    }
}
