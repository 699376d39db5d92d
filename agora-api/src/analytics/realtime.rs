//! Real-time Monitoring: usage and quality of the last minutes, and the
//! top 20 groups of a dimension.

use crate::error::InvalidInput;
use crate::types::{AppId, ChannelName};
use crate::{Endpoint, endpoint_docs};

use super::HOUR;
use super::lists::{DimensionValues, UidList};
use super::metric_data::{MetricData, RealtimeQualityData, TopGroups};
use super::rules::{MaxSpan, check_grouping, check_time_frame};
use super::values::{Dimension, ExtraMetric, ProductType, QualityMetric, RealtimeUsageMetric};

// ---------------------------------------------------------------------------
// Real-time Monitoring
// ---------------------------------------------------------------------------

/// The largest real-time time frame (Enterprise).
const REALTIME_SPAN: MaxSpan = MaxSpan {
    seconds: HOUR,
    label: "60 minutes, the Enterprise plan's limit for Real-time Monitoring",
};

/// Queries the number of users or channels per 20-second window (Real-time
/// Monitoring "Query real-time scale metrics").
///
/// Windows start at whole 20 seconds; the window holding `start_ts` is
/// included, the one holding `end_ts` is not. The time frame may span at
/// most 60 minutes and lie within the past 60 minutes (Enterprise; Premium
/// 40); data arrives 20 s late (Premium 40 s).
///
/// The Starter and Standard plans have no API access.
///
/// ```
/// use agora_api::{AppId, Client};
/// use agora_api::analytics::{
///     Dimension, DimensionValues, GetRealtimeUsage, ProductType, RealtimeUsageMetric,
/// };
///
/// let request = GetRealtimeUsage::builder()
///     .appid(AppId::new("0123456789abcdef0123456789abcdef")?)
///     .start_ts(1631837410)
///     .end_ts(1631837470)
///     .product_type(ProductType::Native)
///     .metric(RealtimeUsageMetric::UserCount)
///     .dimension(Dimension::Sdk)
///     .dimension_values(DimensionValues::new(["3.6.1.1", "4.1.1"])?)
///     .build();
/// let client = Client::builder().basic_auth("id", "secret").build()?;
/// let url = client.prepare(&request)?.url().to_string();
/// assert!(url.ends_with("&dimension=sdk&dimensionValues=%223.6.1.1%22,%224.1.1%22"), "{url}");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    GET,
    "/beta/realtime/usage/by_time_20sec",
    response = MetricData,
    validate = GetRealtimeUsage::check,
    doc = "https://docs.agora.io/en/agora-analytics/reference/api",
    rate_limit(3, per = minute, scope = app_id, plan = "Premium"),
    rate_limit(480, per = day, scope = app_id, plan = "Premium"),
    rate_limit(10, per = minute, scope = app_id, plan = "Enterprise"),
    rate_limit(1_440, per = day, scope = app_id, plan = "Enterprise"),
)]
#[auth(basic)]
pub struct GetRealtimeUsage {
    /// Start of the time frame, Unix seconds (its window is included).
    #[endpoint(query = "startTs")]
    pub start_ts: u64,
    /// End of the time frame, Unix seconds (its window is not included);
    /// after `start_ts`, at most 60 minutes later.
    #[endpoint(query = "endTs")]
    pub end_ts: u64,
    /// The project's App ID.
    #[endpoint(query)]
    pub appid: AppId,
    /// The SDK family.
    #[endpoint(query = "productType")]
    pub product_type: ProductType,
    /// Users or channels.
    #[endpoint(query)]
    pub metric: RealtimeUsageMetric,
    /// Group by this dimension (with [`RealtimeUsageMetric::UserCount`]
    /// only).
    #[endpoint(query)]
    pub dimension: Option<Dimension>,
    /// Report only these values of `dimension` (see
    /// [`GetRealtimeUsageTop20`] for the top values).
    #[endpoint(query = "dimensionValues")]
    pub dimension_values: Option<DimensionValues>,
    /// Only this channel; without it, the whole project.
    #[endpoint(query)]
    pub cname: Option<ChannelName>,
}

impl GetRealtimeUsage {
    fn check(&self) -> Result<(), InvalidInput> {
        check_time_frame(
            ("startTs", self.start_ts),
            ("endTs", self.end_ts),
            Some(REALTIME_SPAN),
        )?;
        if self.dimension.is_some() && self.metric != RealtimeUsageMetric::UserCount {
            return Err(InvalidInput::new(
                "dimension",
                format!(
                    "takes effect only with metric userCount (got metric {})",
                    self.metric
                ),
            ));
        }
        check_grouping(
            self.dimension,
            self.dimension_values.as_ref(),
            None,
            Dimension::STANDARD,
            "real-time usage",
        )
    }
}

/// Queries a quality metric per 20-second window, for the project, a
/// channel, or users in a channel (Real-time Monitoring "Query real-time
/// quality metrics").
///
/// Windows start at whole 20 seconds; the window holding `start_ts` is
/// included, the one holding `end_ts` is not. The time frame may span at
/// most 60 minutes and lie within the past 60 minutes (Enterprise; Premium
/// 40); data arrives 20 s late (Premium 40 s).
///
/// The Starter and Standard plans have no API access.
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    GET,
    "/beta/realtime/quality/by_time_20sec",
    response = RealtimeQualityData,
    validate = GetRealtimeQuality::check,
    doc = "https://docs.agora.io/en/agora-analytics/reference/api",
    rate_limit(3, per = minute, scope = app_id, plan = "Premium"),
    rate_limit(480, per = day, scope = app_id, plan = "Premium"),
    rate_limit(10, per = minute, scope = app_id, plan = "Enterprise"),
    rate_limit(1_440, per = day, scope = app_id, plan = "Enterprise"),
)]
#[auth(basic)]
pub struct GetRealtimeQuality {
    /// Start of the time frame, Unix seconds (its window is included).
    #[endpoint(query = "startTs")]
    pub start_ts: u64,
    /// End of the time frame, Unix seconds (its window is not included);
    /// after `start_ts`, at most 60 minutes later.
    #[endpoint(query = "endTs")]
    pub end_ts: u64,
    /// The project's App ID.
    #[endpoint(query)]
    pub appid: AppId,
    /// The SDK family.
    #[endpoint(query = "productType")]
    pub product_type: ProductType,
    /// The metric.
    #[endpoint(query)]
    pub metric: QualityMetric,
    /// Group by this dimension.
    #[endpoint(query)]
    pub dimension: Option<Dimension>,
    /// Report only these values of `dimension` (see
    /// [`GetRealtimeQualityTop20`] for the top values).
    #[endpoint(query = "dimensionValues")]
    pub dimension_values: Option<DimensionValues>,
    /// Only this channel; without it, the whole project.
    #[endpoint(query)]
    pub cname: Option<ChannelName>,
    /// Only these users of `cname` (up to 10): one series per user.
    #[endpoint(query)]
    pub uids: Option<UidList>,
}

impl GetRealtimeQuality {
    fn check(&self) -> Result<(), InvalidInput> {
        check_time_frame(
            ("startTs", self.start_ts),
            ("endTs", self.end_ts),
            Some(REALTIME_SPAN),
        )?;
        if self.uids.is_some() && self.cname.is_none() {
            return Err(InvalidInput::new(
                "uids",
                "takes effect only with cname: name the users' channel",
            ));
        }
        check_grouping(
            self.dimension,
            self.dimension_values.as_ref(),
            None,
            Dimension::STANDARD,
            "real-time quality",
        )
    }
}

/// Gets the top 20 groups (top 50 devices) of a dimension by user count in
/// one 20-second window (Real-time Monitoring "Query top 20 real-time scale
/// metrics"); their names feed `dimension_values` of [`GetRealtimeUsage`].
///
/// The window is `[ts, ts + 20 s]`, within the past 60 minutes (Enterprise;
/// Premium 40).
///
/// The Starter and Standard plans have no API access.
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    GET,
    "/beta/realtime/usage/dimension/top20",
    response = TopGroups,
    validate = GetRealtimeUsageTop20::check,
    doc = "https://docs.agora.io/en/agora-analytics/reference/api",
    rate_limit(3, per = minute, scope = app_id, plan = "Premium"),
    rate_limit(480, per = day, scope = app_id, plan = "Premium"),
    rate_limit(10, per = minute, scope = app_id, plan = "Enterprise"),
    rate_limit(1_440, per = day, scope = app_id, plan = "Enterprise"),
)]
#[auth(basic)]
pub struct GetRealtimeUsageTop20 {
    /// Start of the 20-second window, Unix seconds.
    #[endpoint(query)]
    pub ts: u64,
    /// The project's App ID.
    #[endpoint(query)]
    pub appid: AppId,
    /// The SDK family.
    #[endpoint(query = "productType")]
    pub product_type: ProductType,
    /// The metric: [`RealtimeUsageMetric::UserCount`] is the only one
    /// Agora supports here.
    #[endpoint(query)]
    pub metric: RealtimeUsageMetric,
    /// What to group by.
    #[endpoint(query)]
    pub dimension: Dimension,
}

impl GetRealtimeUsageTop20 {
    fn check(&self) -> Result<(), InvalidInput> {
        if self.metric != RealtimeUsageMetric::UserCount {
            return Err(InvalidInput::new(
                "metric",
                format!(
                    "must be userCount for the top-20 scale query (got {})",
                    self.metric
                ),
            ));
        }
        self.dimension
            .check_in("dimension", Dimension::STANDARD, "real-time top 20")
    }
}

/// Gets the top 20 groups (top 50 devices) of a dimension by a quality
/// metric in one 20-second window (Real-time Monitoring "Query top 20
/// real-time quality metrics"); their names feed `dimension_values` of
/// [`GetRealtimeQuality`].
///
/// The window is `[ts, ts + 20 s]`, within the past 60 minutes (Enterprise;
/// Premium 40).
///
/// The Starter and Standard plans have no API access.
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    GET,
    "/beta/realtime/quality/dimension/top20",
    response = TopGroups,
    validate = GetRealtimeQualityTop20::check,
    doc = "https://docs.agora.io/en/agora-analytics/reference/api",
    rate_limit(3, per = minute, scope = app_id, plan = "Premium"),
    rate_limit(480, per = day, scope = app_id, plan = "Premium"),
    rate_limit(10, per = minute, scope = app_id, plan = "Enterprise"),
    rate_limit(1_440, per = day, scope = app_id, plan = "Enterprise"),
)]
#[auth(basic)]
pub struct GetRealtimeQualityTop20 {
    /// Start of the 20-second window, Unix seconds.
    #[endpoint(query)]
    pub ts: u64,
    /// The project's App ID.
    #[endpoint(query)]
    pub appid: AppId,
    /// The SDK family.
    #[endpoint(query = "productType")]
    pub product_type: ProductType,
    /// The metric.
    #[endpoint(query)]
    pub metric: QualityMetric,
    /// What to group by.
    #[endpoint(query)]
    pub dimension: Dimension,
    /// Also return each group's user count, to judge its weight.
    #[endpoint(query = "extraMetrics")]
    pub extra_metrics: Option<ExtraMetric>,
}

impl GetRealtimeQualityTop20 {
    fn check(&self) -> Result<(), InvalidInput> {
        self.dimension
            .check_in("dimension", Dimension::STANDARD, "real-time top 20")
    }
}
