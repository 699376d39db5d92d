//! The results of Data Insights and Real-time Monitoring queries: points
//! keyed by metric and dimension names.

use std::collections::BTreeMap;

use serde::{Deserialize, Deserializer};

use super::response::Status;

/// Data Insights or Real-time Monitoring results: one [`DataPoint`] per
/// time (and dimension value).
#[derive(Debug, Clone, Deserialize)]
#[non_exhaustive]
pub struct MetricData {
    /// Code, message and request ID.
    #[serde(flatten)]
    pub status: Status,
    /// The points.
    #[serde(default)]
    pub data: Vec<DataPoint>,
}

/// One result of a Data Insights or Real-time Monitoring query.
///
/// Agora keys each value by the metric's name (`"userCount": 42`) and
/// each dimension by its name (`"sdk": "4.1.1"`), so those members are
/// kept by name; read them with [`number`](Self::number) and
/// [`text`](Self::text), passing the metric or [`Dimension`](super::Dimension).
///
/// ```
/// use agora_api::analytics::{DataPoint, Dimension, RealtimeUsageMetric};
/// let point: DataPoint =
///     serde_json::from_str(r#"{"userCount":236,"sdk":"3.6.1.1","ts":1631837400}"#).unwrap();
/// assert_eq!(point.ts, Some(1631837400));
/// assert_eq!(point.number(RealtimeUsageMetric::UserCount), Some(236.0));
/// assert_eq!(point.text(Dimension::Sdk), Some("3.6.1.1"));
/// ```
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct DataPoint {
    /// The time (or the time window's start), Unix seconds.
    #[serde(default)]
    pub ts: Option<i64>,
    /// Start of the 20-second window (top-20 queries), Unix seconds.
    #[serde(default, rename = "windowStartTs")]
    pub window_start_ts: Option<i64>,
    /// End of the 20-second window (top-20 queries), Unix seconds.
    #[serde(default, rename = "windowEndTs")]
    pub window_end_ts: Option<i64>,
    /// The usage behind a quality value (join attempts, or call minutes),
    /// to judge its weight (quality aggregation).
    #[serde(default, rename = "refUsage")]
    pub ref_usage: Option<f64>,
    /// The metric values and dimension values, by name.
    #[serde(flatten)]
    pub values: BTreeMap<String, serde_json::Value>,
}

impl DataPoint {
    /// The number under `key` (a metric name), if there is one.
    pub fn number(&self, key: impl AsRef<str>) -> Option<f64> {
        self.values
            .get(key.as_ref())
            .and_then(serde_json::Value::as_f64)
    }

    /// The text under `key` (a dimension name), if there is one.
    pub fn text(&self, key: impl AsRef<str>) -> Option<&str> {
        self.values
            .get(key.as_ref())
            .and_then(serde_json::Value::as_str)
    }
}

/// Real-time quality results, from
/// [`GetRealtimeQuality`](super::GetRealtimeQuality).
#[derive(Debug, Clone, Deserialize)]
#[non_exhaustive]
pub struct RealtimeQualityData {
    /// Code, message and request ID.
    #[serde(flatten)]
    pub status: Status,
    /// Points, or one series per user when `uids` was given.
    #[serde(default)]
    pub data: Vec<RealtimeQualityEntry>,
}

/// One entry of [`RealtimeQualityData`]: its shape depends on the query.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(untagged)]
#[non_exhaustive]
pub enum RealtimeQualityEntry {
    /// With `uids`: one user's values over time.
    User(UserQualitySeries),
    /// Without `uids`: a value at a time (and dimension value).
    Point(DataPoint),
}

/// One user's real-time quality values.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct UserQualitySeries {
    /// The user.
    pub uid: u64,
    /// The values over time.
    pub values: Vec<DataPoint>,
}

/// The top groups of a dimension in one 20-second window, from
/// [`GetRealtimeUsageTop20`](super::GetRealtimeUsageTop20) and
/// [`GetRealtimeQualityTop20`](super::GetRealtimeQualityTop20).
#[derive(Debug, Clone, Deserialize)]
#[non_exhaustive]
pub struct TopGroups {
    /// Code, message and request ID.
    #[serde(flatten)]
    pub status: Status,
    /// The groups. Agora's example wraps them as `{"list": [...]}`, its
    /// table calls `data` an array; both decode.
    #[serde(default, deserialize_with = "list_or_array")]
    pub data: Vec<DataPoint>,
}

/// `{"list": [...]}`, a bare array, or `null`.
fn list_or_array<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<DataPoint>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Shape {
        Array(Vec<DataPoint>),
        Wrapped {
            #[serde(default)]
            list: Vec<DataPoint>,
        },
    }
    Ok(match Option::<Shape>::deserialize(deserializer)? {
        Some(Shape::Array(points)) => points,
        Some(Shape::Wrapped { list }) => list,
        None => Vec::new(),
    })
}
