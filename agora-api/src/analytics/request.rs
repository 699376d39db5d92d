//! Request-side types of the Agora Analytics endpoints: the documented
//! metric, dimension and product values, the comma-separated lists, the
//! JSON bodies of the two aggregation queries, and the rules they share
//! (time frames, pages).
//!
//! The value enums here are closed: they only ever go *to* Agora, so a
//! value Agora does not document cannot be sent by mistake. Where the same
//! names come back in a response (metric and dimension keys of a
//! [`DataPoint`](super::DataPoint)), the response keeps them as text.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::InvalidInput;
use crate::types::{ChannelName, Uid};

/// A closed enum of documented request values, sent as text.
macro_rules! request_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident in $field:literal {
            $( $(#[$vmeta:meta])* $variant:ident = $text:literal, )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )+
        }

        impl $name {
            /// Every documented value, in the documentation's order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The value on the wire.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $( $name::$variant => $text, )+
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }

        impl FromStr for $name {
            type Err = InvalidInput;
            fn from_str(value: &str) -> Result<Self, InvalidInput> {
                match value {
                    $( $text => Ok($name::$variant), )+
                    other => Err(InvalidInput::new(
                        $field,
                        format!(
                            "must be one of {} (got {other:?})",
                            [$($text),+].join(", ")
                        ),
                    )),
                }
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
                text.parse().map_err(serde::de::Error::custom)
            }
        }
    };
}

request_enum! {
    /// The SDK family a Data Insights or Real-time Monitoring query is
    /// about (`productType`).
    pub enum ProductType in "productType" {
        /// The Video SDK for Android, iOS, macOS and Windows.
        Native = "Native",
        /// The Video SDK for Web.
        WebRtc = "WebRTC",
    }
}

request_enum! {
    /// The granularity of a Data Insights time series
    /// (`aggregateGranularity`).
    pub enum Granularity in "aggregateGranularity" {
        /// One value per UTC day.
        Day = "1d",
        /// One value per whole UTC hour.
        Hour = "1h",
    }
}

request_enum! {
    /// A usage metric of Data Insights (`metric` of
    /// [`GetUsageByTime`](super::GetUsageByTime) and
    /// [`GetUsageAggregation`](super::GetUsageAggregation)).
    ///
    /// The English parameter table spells the two peak metrics
    /// `peakCurrentChannels`/`peakCurrentUsers`; the same page's note, and
    /// Agora's OpenAPI document, spell them `peakConcurrent...`, which is
    /// what is sent (see the `peak-metric-spelling` exception in
    /// `specs/analytics.json`).
    pub enum UsageMetric in "metric" {
        /// Users across all channels; one user in two channels counts twice.
        UserCount = "userCount",
        /// Channel joins: every join of any user counts.
        SessionCount = "sessionCount",
        /// Channels, each counted once per period from first join to last
        /// leave.
        ChannelCount = "channelCount",
        /// The most channels in use at once.
        PeakConcurrentChannels = "peakConcurrentChannels",
        /// The most users in calls at once.
        PeakConcurrentUsers = "peakConcurrentUsers",
        /// Minutes of audio and video calls, counted per user.
        TotalDuration = "totalDuration",
        /// Minutes of video calls, counted per user.
        TotalVideoDuration = "totalVideoDuration",
        /// Minutes of audio-only calls, counted per user.
        TotalAudioDuration = "totalAudioDuration",
    }
}

impl UsageMetric {
    /// Whether Agora aggregates this metric per App ID only (no
    /// `dimension`).
    pub const fn is_peak(self) -> bool {
        matches!(
            self,
            UsageMetric::PeakConcurrentChannels | UsageMetric::PeakConcurrentUsers
        )
    }
}

request_enum! {
    /// A quality metric of Data Insights and Real-time Monitoring.
    pub enum QualityMetric in "metric" {
        /// Joins ÷ join attempts.
        JoinSuccessRate = "joinSuccessRate",
        /// Joins within 5 seconds ÷ join attempts.
        JoinSuccessIn5sRate = "joinSuccessIn5sRate",
        /// Audio freeze time (freezes over 200 ms) ÷ audio minutes per stream.
        AudioFreezeRate = "audioFreezeRate",
        /// Video freeze time (freezes over 600 ms) ÷ video minutes per stream.
        VideoFreezeRate = "videoFreezeRate",
        /// End-to-end delay (delays over 400 ms) ÷ audio and video minutes
        /// per stream.
        NetworkDelay = "networkDelay",
    }
}

request_enum! {
    /// A scale metric of Real-time Monitoring.
    pub enum RealtimeUsageMetric in "metric" {
        /// Users across the channels in use; one user in two channels
        /// counts twice.
        UserCount = "userCount",
        /// Channels in use.
        ChannelCount = "channelCount",
    }
}

request_enum! {
    /// An extra metric returned next to a top-20 quality metric to judge
    /// the data's weight (`extraMetrics`).
    pub enum ExtraMetric in "extraMetrics" {
        /// Users in the group.
        UserCount = "userCount",
    }
}

request_enum! {
    /// A freeze-rate metric of Call Inspector (`metric` of
    /// [`GetCallStatistics`](super::GetCallStatistics) and
    /// [`GetFreezeRateBuckets`](super::GetFreezeRateBuckets)).
    pub enum FreezeRateMetric in "metric" {
        /// The audio freeze rate.
        AudioFreezeRate = "audio_freeze_rate",
        /// The video freeze rate.
        VideoFreezeRate = "video_freeze_rate",
    }
}

request_enum! {
    /// A per-call time-series metric of Call Inspector (`metric` of
    /// [`GetCallStatisticsByTime`](super::GetCallStatisticsByTime)).
    pub enum CallTimeSeriesMetric in "metric" {
        /// Users in the call (one user ID per channel).
        UserCount = "user_count",
        /// The audio freeze rate.
        AudioFreezeRate = "audio_freeze_rate",
        /// The video freeze rate.
        VideoFreezeRate = "video_freeze_rate",
        /// Users who had audio freezes.
        AudioFreezeUserCount = "audio_freeze_user_count",
        /// Users who had video freezes.
        VideoFreezeUserCount = "video_freeze_user_count",
    }
}

request_enum! {
    /// What results are grouped by (`dimension`). One dimension per query.
    ///
    /// Every dimension parameter accepts the first six. The aggregation
    /// queries also accept the spellings Agora's own examples and OpenAPI
    /// document use there (`sdkVersion`, `network`), and
    /// [`GetQualityAggregation`](super::GetQualityAggregation) accepts
    /// `channelSize`; each endpoint rejects the others before sending.
    pub enum Dimension in "dimension" {
        /// Country.
        Country = "country",
        /// Region (within a country: see [`RegionFilter`]).
        Region = "region",
        /// Network type.
        Net = "net",
        /// SDK version.
        Sdk = "sdk",
        /// Operating system.
        Os = "os",
        /// Device model (top 50 instead of top 20).
        Device = "device",
        /// Channel size, in Agora's preset bands (quality aggregation only;
        /// no `dimensionValues`).
        ChannelSize = "channelSize",
        /// SDK version, as Agora's aggregation examples spell it.
        SdkVersion = "sdkVersion",
        /// Network type, as Agora's OpenAPI document spells it for quality
        /// aggregation.
        Network = "network",
    }
}

impl Dimension {
    /// The dimensions every dimension parameter accepts.
    pub(crate) const STANDARD: &'static [Dimension] = &[
        Dimension::Country,
        Dimension::Region,
        Dimension::Net,
        Dimension::Sdk,
        Dimension::Os,
        Dimension::Device,
    ];

    /// Rejects a dimension `allowed` does not list.
    pub(crate) fn check_in(
        self,
        field: &'static str,
        allowed: &[Dimension],
        endpoint: &str,
    ) -> Result<(), InvalidInput> {
        if allowed.contains(&self) {
            return Ok(());
        }
        let names: Vec<&str> = allowed.iter().map(|d| d.as_str()).collect();
        Err(InvalidInput::new(
            field,
            format!(
                "{endpoint} accepts {} (got {:?})",
                names.join(", "),
                self.as_str()
            ),
        ))
    }
}

request_enum! {
    /// What a [`RegionFilter`] filters on. Agora supports the country only.
    pub enum FilterName in "filters.name" {
        /// The country.
        Country = "country",
    }
}

/// Keeps `region` results of one country (`filters` of the aggregation
/// queries; valid only with [`Dimension::Region`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegionFilter {
    /// What to filter on: [`FilterName::Country`].
    pub name: FilterName,
    /// The country, as Agora names it in results (`"China"`).
    pub value: String,
}

impl RegionFilter {
    /// Regions of `country` only.
    ///
    /// ```
    /// let filter = agora_api::analytics::RegionFilter::country("China");
    /// assert_eq!(
    ///     serde_json::to_string(&filter).unwrap(),
    ///     r#"{"name":"country","value":"China"}"#
    /// );
    /// ```
    pub fn country(country: impl Into<String>) -> Self {
        RegionFilter {
            name: FilterName::Country,
            value: country.into(),
        }
    }
}

/// Defines a validated comma-separated list newtype.
macro_rules! comma_list {
    (
        $(#[$meta:meta])*
        $name:ident of $item:ty, field = $field:literal, max = $max:literal,
        parse = $parse:expr, check = $check:expr
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub struct $name(Vec<$item>);

        impl $name {
            /// The most items Agora accepts.
            pub const MAX: usize = $max;

            /// Checks the list against the documented rules: 1 to
            #[doc = concat!(stringify!($max), " items.")]
            pub fn new<I>(items: I) -> Result<Self, InvalidInput>
            where
                I: IntoIterator,
                I::Item: Into<$item>,
            {
                let items: Vec<$item> = items.into_iter().map(Into::into).collect();
                if items.is_empty() {
                    return Err(InvalidInput::new($field, "must list at least one item"));
                }
                if items.len() > $max {
                    return Err(InvalidInput::new(
                        $field,
                        format!("must list at most {} items (got {})", $max, items.len()),
                    ));
                }
                let check: fn(&$item) -> Result<(), String> = $check;
                for item in &items {
                    check(item).map_err(|rule| InvalidInput::new($field, rule))?;
                }
                Ok($name(items))
            }

            /// The items, in order.
            pub fn as_slice(&self) -> &[$item] {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                for (index, item) in self.0.iter().enumerate() {
                    if index > 0 {
                        f.write_str(",")?;
                    }
                    write!(f, "{item}")?;
                }
                Ok(())
            }
        }

        impl FromStr for $name {
            type Err = InvalidInput;
            fn from_str(value: &str) -> Result<Self, InvalidInput> {
                let parse: fn(&str) -> Result<$item, InvalidInput> = $parse;
                let items = value
                    .split(',')
                    .map(|item| parse(item.trim()).map_err(|e| e.for_field($field)))
                    .collect::<Result<Vec<_>, _>>()?;
                $name::new(items)
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_str(self)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
                text.parse().map_err(serde::de::Error::custom)
            }
        }
    };
}

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

/// Values of the chosen [`Dimension`] to report on (`dimensionValues`).
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

/// The body of [`GetUsageAggregation`](super::GetUsageAggregation).
///
/// ```
/// use agora_api::analytics::{Dimension, UsageAggregationQuery, UsageMetric};
/// let query = UsageAggregationQuery {
///     dimension: Some(Dimension::Country),
///     ..UsageAggregationQuery::new(1625097600, 1625184000, UsageMetric::UserCount)
/// };
/// assert_eq!(
///     serde_json::to_string(&query).unwrap(),
///     r#"{"startTs":1625097600,"endTs":1625184000,"metric":"userCount","dimension":"country"}"#
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UsageAggregationQuery {
    /// Start of the time frame, Unix seconds.
    pub start_ts: u64,
    /// End of the time frame, Unix seconds; after `start_ts`.
    pub end_ts: u64,
    /// The metric.
    pub metric: UsageMetric,
    /// Group by this dimension (top 20 values, top 50 for devices);
    /// without it, one result for the App ID. Not with the peak metrics.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dimension: Option<Dimension>,
    /// Report only these values of `dimension`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dimension_values: Option<DimensionValues>,
    /// With [`Dimension::Region`]: keep the regions of one country.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filters: Option<Vec<RegionFilter>>,
}

impl UsageAggregationQuery {
    /// The query for `metric` from `start_ts` to `end_ts` over the whole
    /// App ID.
    pub fn new(start_ts: u64, end_ts: u64, metric: UsageMetric) -> Self {
        UsageAggregationQuery {
            start_ts,
            end_ts,
            metric,
            dimension: None,
            dimension_values: None,
            filters: None,
        }
    }

    /// The documented rules, checked before sending.
    pub(crate) fn check(&self) -> Result<(), InvalidInput> {
        check_time_frame(("startTs", self.start_ts), ("endTs", self.end_ts), None)?;
        if self.metric.is_peak() && (self.dimension.is_some() || self.dimension_values.is_some()) {
            return Err(InvalidInput::new(
                "dimension",
                format!(
                    "is not supported with metric {} (Agora aggregates it per App ID only)",
                    self.metric
                ),
            ));
        }
        let allowed = [
            Dimension::STANDARD,
            &[Dimension::SdkVersion, Dimension::Network],
        ]
        .concat();
        check_grouping(
            self.dimension,
            self.dimension_values.as_ref(),
            self.filters.as_deref(),
            &allowed,
            "usage aggregation",
        )
    }
}

/// The body of [`GetQualityAggregation`](super::GetQualityAggregation).
///
/// ```
/// use agora_api::analytics::{ProductType, QualityAggregationQuery, QualityMetric};
/// let query = QualityAggregationQuery::new(
///     1625097600,
///     1625184000,
///     QualityMetric::AudioFreezeRate,
///     ProductType::Native,
/// );
/// assert_eq!(
///     serde_json::to_string(&query).unwrap(),
///     r#"{"startTs":1625097600,"endTs":1625184000,"metric":"audioFreezeRate","productType":"Native"}"#
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct QualityAggregationQuery {
    /// Start of the time frame, Unix seconds.
    pub start_ts: u64,
    /// End of the time frame, Unix seconds; after `start_ts`.
    pub end_ts: u64,
    /// The metric.
    pub metric: QualityMetric,
    /// Group by this dimension (top 20 values, top 50 for devices);
    /// without it, one result for the App ID.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dimension: Option<Dimension>,
    /// Report only these values of `dimension` (not with
    /// [`Dimension::ChannelSize`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dimension_values: Option<DimensionValues>,
    /// With [`Dimension::Region`]: keep the regions of one country.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filters: Option<Vec<RegionFilter>>,
    /// The SDK family. Required by Agora's OpenAPI document (the English
    /// page does not list it; see the `quality-aggregation-product-type`
    /// exception in `specs/analytics.json`).
    pub product_type: ProductType,
}

impl QualityAggregationQuery {
    /// The query for `metric` of `product_type` from `start_ts` to
    /// `end_ts` over the whole App ID.
    pub fn new(
        start_ts: u64,
        end_ts: u64,
        metric: QualityMetric,
        product_type: ProductType,
    ) -> Self {
        QualityAggregationQuery {
            start_ts,
            end_ts,
            metric,
            dimension: None,
            dimension_values: None,
            filters: None,
            product_type,
        }
    }

    /// The documented rules, checked before sending.
    pub(crate) fn check(&self) -> Result<(), InvalidInput> {
        check_time_frame(("startTs", self.start_ts), ("endTs", self.end_ts), None)?;
        if self.dimension == Some(Dimension::ChannelSize) && self.dimension_values.is_some() {
            return Err(InvalidInput::new(
                "dimensionValues",
                "is not supported with dimension channelSize (Agora groups by preset bands)",
            ));
        }
        let allowed = [
            Dimension::STANDARD,
            &[
                Dimension::ChannelSize,
                Dimension::SdkVersion,
                Dimension::Network,
            ],
        ]
        .concat();
        check_grouping(
            self.dimension,
            self.dimension_values.as_ref(),
            self.filters.as_deref(),
            &allowed,
            "quality aggregation",
        )
    }
}

/// The largest time frame a query may span, with what Agora calls it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct MaxSpan {
    /// The limit, in seconds.
    pub seconds: u64,
    /// The limit in words, with whose limit it is.
    pub label: &'static str,
}

/// Checks a `(name, value)` time frame: `end` after `start`, and at most
/// `max` long.
pub(crate) fn check_time_frame(
    (start_field, start): (&'static str, u64),
    (end_field, end): (&'static str, u64),
    max: Option<MaxSpan>,
) -> Result<(), InvalidInput> {
    if end <= start {
        return Err(InvalidInput::new(
            end_field,
            format!("must be after {start_field} (got {start_field} {start}, {end_field} {end})"),
        ));
    }
    if let Some(max) = max {
        let span = end - start;
        if span > max.seconds {
            return Err(InvalidInput::new(
                end_field,
                format!(
                    "the time frame may span at most {} ({} s) (got {span} s)",
                    max.label, max.seconds
                ),
            ));
        }
    }
    Ok(())
}

/// Checks `page_no` (1 or more) and `page_size` (1 to 100).
pub(crate) fn check_page(page_no: Option<u32>, page_size: Option<u32>) -> Result<(), InvalidInput> {
    if page_no == Some(0) {
        return Err(InvalidInput::new(
            "page_no",
            "must be 1 or more (pages are numbered from 1)",
        ));
    }
    if let Some(size) = page_size
        && !(1..=MAX_PAGE_SIZE).contains(&size)
    {
        return Err(InvalidInput::new(
            "page_size",
            format!("must be from 1 to {MAX_PAGE_SIZE} (got {size})"),
        ));
    }
    Ok(())
}

/// Agora's default page size.
pub(crate) const DEFAULT_PAGE_SIZE: u32 = 20;
/// Agora's largest page size.
pub(crate) const MAX_PAGE_SIZE: u32 = 100;

/// Checks a `dimension` with its `dimensionValues` and `filters`.
pub(crate) fn check_grouping(
    dimension: Option<Dimension>,
    values: Option<&DimensionValues>,
    filters: Option<&[RegionFilter]>,
    allowed: &[Dimension],
    endpoint: &str,
) -> Result<(), InvalidInput> {
    if let Some(dimension) = dimension {
        dimension.check_in("dimension", allowed, endpoint)?;
    }
    if values.is_some() && dimension.is_none() {
        return Err(InvalidInput::new(
            "dimensionValues",
            "needs a dimension: the values are values of that dimension",
        ));
    }
    if let Some(filters) = filters {
        if dimension != Some(Dimension::Region) {
            return Err(InvalidInput::new(
                "filters",
                "applies only with dimension region",
            ));
        }
        if filters.len() != 1 {
            return Err(InvalidInput::new(
                "filters",
                format!(
                    "must hold exactly one country filter (got {})",
                    filters.len()
                ),
            ));
        }
        if filters.iter().any(|filter| filter.value.trim().is_empty()) {
            return Err(InvalidInput::new("filters.value", "must name a country"));
        }
    }
    Ok(())
}

/// The kind of problem a legacy feedback report is about (`type`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ProblemType {
    /// The class was switched (`1`).
    ClassSwitch,
    /// A request for help (`2`).
    HelpRequest,
    /// A complaint (`3`).
    Complaint,
    /// Problem feedback (`4`).
    Feedback,
}

impl ProblemType {
    /// The number on the wire.
    pub const fn value(self) -> u8 {
        match self {
            ProblemType::ClassSwitch => 1,
            ProblemType::HelpRequest => 2,
            ProblemType::Complaint => 3,
            ProblemType::Feedback => 4,
        }
    }
}

impl TryFrom<u8> for ProblemType {
    type Error = InvalidInput;
    fn try_from(value: u8) -> Result<Self, InvalidInput> {
        match value {
            1 => Ok(ProblemType::ClassSwitch),
            2 => Ok(ProblemType::HelpRequest),
            3 => Ok(ProblemType::Complaint),
            4 => Ok(ProblemType::Feedback),
            other => Err(InvalidInput::new(
                "type",
                format!("must be 1, 2, 3 or 4 (got {other})"),
            )),
        }
    }
}

impl Serialize for ProblemType {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_u8(self.value())
    }
}

impl<'de> Deserialize<'de> for ProblemType {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        ProblemType::try_from(u8::deserialize(deserializer)?).map_err(serde::de::Error::custom)
    }
}

/// The body of the legacy [`ReportCallProblem`](super::ReportCallProblem).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CallProblemReport {
    /// The channel.
    pub cname: ChannelName,
    /// The teacher's user ID.
    pub teacher_uid: Uid,
    /// The user ID of whoever reports it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action_uid: Option<Uid>,
    /// When the problem happened, Unix seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ts: Option<u64>,
    /// A short description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comments: Option<String>,
    /// The kind of problem.
    #[serde(rename = "type")]
    pub kind: ProblemType,
}

impl CallProblemReport {
    /// A report of `kind` in channel `cname` with teacher `teacher_uid`.
    pub fn new(cname: ChannelName, teacher_uid: Uid, kind: ProblemType) -> Self {
        CallProblemReport {
            cname,
            teacher_uid,
            action_uid: None,
            ts: None,
            comments: None,
            kind,
        }
    }
}
