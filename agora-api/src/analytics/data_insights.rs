//! Data Insights: usage and quality over time, and the two aggregation
//! queries with their JSON bodies.

use serde::{Deserialize, Serialize};

use crate::error::InvalidInput;
use crate::types::AppId;
use crate::{Endpoint, endpoint_docs};

use super::DAY;
use super::lists::DimensionValues;
use super::metric_data::MetricData;
use super::rules::{MaxSpan, check_grouping, check_time_frame};
use super::values::{
    Dimension, Granularity, ProductType, QualityMetric, RegionFilter, UsageMetric,
};

// ---------------------------------------------------------------------------
// Data Insights
// ---------------------------------------------------------------------------

/// Queries a usage metric per day or hour (Data Insights "Query time-frame
/// usage metrics").
///
/// The time frame may span at most 7 days (Enterprise; Premium 3) and lie
/// within the past 30 days (Premium 14); data arrives 6 hours late (Premium
/// 12).
///
/// The Starter and Standard plans have no API access.
///
/// ```
/// use agora_api::{AppId, Client};
/// use agora_api::analytics::{GetUsageByTime, Granularity, UsageMetric};
///
/// let request = GetUsageByTime::builder()
///     .appid(AppId::new("0123456789abcdef0123456789abcdef")?)
///     .start_ts(1625097600)
///     .end_ts(1625270400)
///     .metric(UsageMetric::UserCount)
///     .aggregate_granularity(Granularity::Day)
///     .build();
/// let client = Client::builder().basic_auth("id", "secret").build()?;
/// assert_eq!(
///     client.prepare(&request)?.url().as_str(),
///     "https://api.agora.io/beta/insight/usage/by_time?startTs=1625097600&endTs=1625270400\
///      &appid=0123456789abcdef0123456789abcdef&metric=userCount&aggregateGranularity=1d"
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    GET,
    "/beta/insight/usage/by_time",
    response = MetricData,
    validate = GetUsageByTime::check,
    doc = "https://docs.agora.io/en/agora-analytics/reference/api",
    rate_limit(3, per = minute, scope = app_id, plan = "Premium"),
    rate_limit(40, per = day, scope = app_id, plan = "Premium"),
    rate_limit(10, per = minute, scope = app_id, plan = "Enterprise"),
    rate_limit(60, per = day, scope = app_id, plan = "Enterprise"),
)]
#[auth(basic)]
pub struct GetUsageByTime {
    /// Start of the time frame, Unix seconds.
    #[endpoint(query = "startTs")]
    pub start_ts: u64,
    /// End of the time frame, Unix seconds; after `start_ts`, at most 7
    /// days later.
    #[endpoint(query = "endTs")]
    pub end_ts: u64,
    /// The project's App ID.
    #[endpoint(query)]
    pub appid: AppId,
    /// The metric.
    #[endpoint(query)]
    pub metric: UsageMetric,
    /// One value per day or per hour.
    #[endpoint(query = "aggregateGranularity")]
    pub aggregate_granularity: Granularity,
}

impl GetUsageByTime {
    fn check(&self) -> Result<(), InvalidInput> {
        check_time_frame(
            ("startTs", self.start_ts),
            ("endTs", self.end_ts),
            Some(MaxSpan {
                seconds: 7 * DAY,
                label: "7 days, the Enterprise plan's limit for Data Insights",
            }),
        )
    }
}

/// Queries a quality metric per day or hour (Data Insights "Query
/// time-series quality metrics").
///
/// The time frame may span at most 7 days (Enterprise; Premium 3) and lie
/// within the past 30 days (Premium 14); data arrives 6 hours late.
///
/// The Starter and Standard plans have no API access.
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    GET,
    "/beta/insight/quality/by_time",
    response = MetricData,
    validate = GetQualityByTime::check,
    doc = "https://docs.agora.io/en/agora-analytics/reference/api",
    rate_limit(3, per = minute, scope = app_id, plan = "Premium"),
    rate_limit(40, per = day, scope = app_id, plan = "Premium"),
    rate_limit(10, per = minute, scope = app_id, plan = "Enterprise"),
    rate_limit(60, per = day, scope = app_id, plan = "Enterprise"),
)]
#[auth(basic)]
pub struct GetQualityByTime {
    /// Start of the time frame, Unix seconds.
    #[endpoint(query = "startTs")]
    pub start_ts: u64,
    /// End of the time frame, Unix seconds; after `start_ts`, at most 7
    /// days later.
    #[endpoint(query = "endTs")]
    pub end_ts: u64,
    /// The project's App ID.
    #[endpoint(query)]
    pub appid: AppId,
    /// The metric.
    #[endpoint(query)]
    pub metric: QualityMetric,
    /// One value per day or per hour.
    #[endpoint(query = "aggregateGranularity")]
    pub aggregate_granularity: Granularity,
    /// The SDK family.
    #[endpoint(query = "productType")]
    pub product_type: ProductType,
}

impl GetQualityByTime {
    fn check(&self) -> Result<(), InvalidInput> {
        check_time_frame(
            ("startTs", self.start_ts),
            ("endTs", self.end_ts),
            Some(MaxSpan {
                seconds: 7 * DAY,
                label: "7 days, the Enterprise plan's limit for Data Insights",
            }),
        )
    }
}

/// Aggregates a usage metric over a time frame, optionally by dimension
/// (Data Insights "Query aggregated usage metrics").
///
/// A read: sending it twice has the effect of sending it once, so it is
/// idempotent. The time frame may lie within the past 30 days (Enterprise;
/// Premium 14); data arrives 6 hours late (Premium 12).
///
/// The Starter and Standard plans have no API access.
///
/// ```
/// use agora_api::{AppId, Client};
/// use agora_api::analytics::{
///     Dimension, GetUsageAggregation, RegionFilter, UsageAggregationQuery, UsageMetric,
/// };
///
/// let request = GetUsageAggregation::builder()
///     .appid(AppId::new("0123456789abcdef0123456789abcdef")?)
///     .query(UsageAggregationQuery {
///         dimension: Some(Dimension::Region),
///         filters: Some(vec![RegionFilter::country("China")]),
///         ..UsageAggregationQuery::new(1625097600, 1625184000, UsageMetric::UserCount)
///     })
///     .build();
/// let client = Client::builder().basic_auth("id", "secret").build()?;
/// let prepared = client.prepare(&request)?;
/// assert_eq!(
///     prepared.url().as_str(),
///     "https://api.agora.io/beta/insight/usage/aggregation?appid=0123456789abcdef0123456789abcdef"
/// );
/// let body: serde_json::Value =
///     serde_json::from_slice(prepared.body().and_then(|b| b.as_bytes()).unwrap_or_default())?;
/// assert_eq!(body["filters"][0]["value"], "China");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    POST,
    "/beta/insight/usage/aggregation",
    response = MetricData,
    idempotent,
    validate = GetUsageAggregation::check,
    doc = "https://docs.agora.io/en/agora-analytics/reference/api",
    rate_limit(3, per = minute, scope = app_id, plan = "Premium"),
    rate_limit(40, per = day, scope = app_id, plan = "Premium"),
    rate_limit(10, per = minute, scope = app_id, plan = "Enterprise"),
    rate_limit(60, per = day, scope = app_id, plan = "Enterprise"),
)]
#[auth(basic)]
pub struct GetUsageAggregation {
    /// The project's App ID.
    #[endpoint(query)]
    pub appid: AppId,
    /// What to aggregate.
    #[endpoint(body)]
    pub query: UsageAggregationQuery,
}

impl GetUsageAggregation {
    fn check(&self) -> Result<(), InvalidInput> {
        self.query.check()
    }
}

/// Aggregates a quality metric over a time frame, optionally by dimension
/// (Data Insights "Query aggregated quality metrics").
///
/// A read: sending it twice has the effect of sending it once, so it is
/// idempotent. The time frame may lie within the past 30 days (Enterprise;
/// Premium 14); data arrives 6 hours late.
///
/// The Starter and Standard plans have no API access.
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    POST,
    "/beta/insight/quality/aggregation",
    response = MetricData,
    idempotent,
    validate = GetQualityAggregation::check,
    doc = "https://docs.agora.io/en/agora-analytics/reference/api",
    rate_limit(3, per = minute, scope = app_id, plan = "Premium"),
    rate_limit(40, per = day, scope = app_id, plan = "Premium"),
    rate_limit(10, per = minute, scope = app_id, plan = "Enterprise"),
    rate_limit(60, per = day, scope = app_id, plan = "Enterprise"),
)]
#[auth(basic)]
pub struct GetQualityAggregation {
    /// The project's App ID.
    #[endpoint(query)]
    pub appid: AppId,
    /// What to aggregate.
    #[endpoint(body)]
    pub query: QualityAggregationQuery,
}

impl GetQualityAggregation {
    fn check(&self) -> Result<(), InvalidInput> {
        self.query.check()
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
