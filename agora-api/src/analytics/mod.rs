//! Agora Analytics RESTful API: Call Inspector, Data Insights and
//! Real-time Monitoring.
//!
//! Basic auth; a paid Agora Analytics plan is required (the Starter plan
//! has no API access), and the rate limits, data windows and largest time
//! frames depend on the plan: each endpoint states its own. Agora answers
//! a plan limit with `code` 300 and a message such as `qps limit error` or
//! `query time length limit error` (see [`Status`]).
//!
//! Every query here is a read: the `GET`s and the two `POST` aggregation
//! queries may be re-sent. The legacy feedback report is the one write.
//!
//! | family | endpoints |
//! |---|---|
//! | Call Inspector | [`ListCalls`], [`GetCallSessions`], [`GetCallMetrics`], [`GetCallStatistics`], [`GetFreezeRateBuckets`], [`GetCallStatisticsByTime`] |
//! | Data Insights | [`GetUsageByTime`], [`GetQualityByTime`], [`GetUsageAggregation`], [`GetQualityAggregation`] |
//! | Real-time Monitoring | [`GetRealtimeUsage`], [`GetRealtimeQuality`], [`GetRealtimeUsageTop20`], [`GetRealtimeQualityTop20`] |
//! | legacy (deprecated) | [`GetCallDetails`], [`ReportCallProblem`] |
//!
//! Time frames are checked before sending: the end must follow the start,
//! and where Agora caps the span, it may not exceed the largest plan's cap
//! (a smaller plan's cap is Agora's to enforce).
//! <https://docs.agora.io/en/agora-analytics/reference/api>

mod call_inspector;
mod data_insights;
mod legacy;
mod lists;
mod metric_data;
mod realtime;
mod response;
mod rules;
mod values;

pub use call_inspector::{
    GetCallMetrics, GetCallMetricsBuilder, GetCallSessions, GetCallSessionsBuilder,
    GetCallStatistics, GetCallStatisticsBuilder, GetCallStatisticsByTime,
    GetCallStatisticsByTimeBuilder, GetFreezeRateBuckets, GetFreezeRateBucketsBuilder, ListCalls,
    ListCallsBuilder,
};
pub use data_insights::{
    GetQualityAggregation, GetQualityAggregationBuilder, GetQualityByTime, GetQualityByTimeBuilder,
    GetUsageAggregation, GetUsageAggregationBuilder, GetUsageByTime, GetUsageByTimeBuilder,
    QualityAggregationQuery, UsageAggregationQuery,
};
// Re-exporting the legacy endpoints is not a use of them.
#[allow(deprecated)]
pub use legacy::{
    CallProblemReport, GetCallDetails, GetCallDetailsBuilder, ProblemType, ReportCallProblem,
    ReportCallProblemBuilder,
};
pub use lists::{CallId, DimensionValues, SessionIds, UidList};
pub use metric_data::{
    DataPoint, MetricData, RealtimeQualityData, RealtimeQualityEntry, TopGroups, UserQualitySeries,
};
pub use realtime::{
    GetRealtimeQuality, GetRealtimeQualityBuilder, GetRealtimeQualityTop20,
    GetRealtimeQualityTop20Builder, GetRealtimeUsage, GetRealtimeUsageBuilder,
    GetRealtimeUsageTop20, GetRealtimeUsageTop20Builder,
};
pub use response::{
    BucketCount, CallDetails, CallList, CallMetrics, CallSessions, CallStatistics, CallSummary,
    CallTimeSeries, DimensionStatistic, FreezeBucket, FreezeRateBuckets, MetricId, MetricSample,
    MetricSeries, SessionInfo, SessionMetrics, Status, TimedValue, UserRole,
};
pub use values::{
    CallTimeSeriesMetric, Dimension, ExtraMetric, FilterName, FreezeRateMetric, Granularity,
    ProductType, QualityMetric, RealtimeUsageMetric, RegionFilter, UsageMetric,
};

const HOUR: u64 = 3_600;
const DAY: u64 = 24 * HOUR;
