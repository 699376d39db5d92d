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

use crate::Endpoint;
use crate::error::InvalidInput;
use crate::pages::Paginated;
use crate::types::{AppId, ChannelName};

mod request;
mod response;

pub use request::{
    CallId, CallProblemReport, CallTimeSeriesMetric, Dimension, DimensionValues, ExtraMetric,
    FilterName, FreezeRateMetric, Granularity, ProblemType, ProductType, QualityAggregationQuery,
    QualityMetric, RealtimeUsageMetric, RegionFilter, SessionIds, UidList, UsageAggregationQuery,
    UsageMetric,
};
pub use response::{
    BucketCount, CallDetails, CallList, CallMetrics, CallSessions, CallStatistics, CallSummary,
    CallTimeSeries, DataPoint, DimensionStatistic, FreezeBucket, FreezeRateBuckets, MetricData,
    MetricId, MetricSample, MetricSeries, RealtimeQualityData, RealtimeQualityEntry, SessionInfo,
    SessionMetrics, Status, TimedValue, TopGroups, UserQualitySeries, UserRole,
};

use request::{DEFAULT_PAGE_SIZE, MaxSpan, check_grouping, check_page, check_time_frame};

const HOUR: u64 = 3_600;
const DAY: u64 = 24 * HOUR;

// ---------------------------------------------------------------------------
// Call Inspector
// ---------------------------------------------------------------------------

/// Searches the calls of a time frame (Call Inspector "Get call list").
///
/// `GET /beta/analytics/call/lists`, Basic auth, idempotent. The time frame
/// may span at most 24 hours (Enterprise; Premium 16, Standard 8) and lie
/// within the past 15 days (Premium 7, Standard 1); data arrives 20 s late
/// (Standard 60 s). Pages of up to 100 calls: walk them all with
/// [`Client::pages`](crate::Client::pages).
///
/// Rate limit by plan: Standard 1/s and 1,000/day, Premium 3/s and
/// 2,000/day, Enterprise 10/s and 10,000/day; Starter has no access.
/// <https://docs.agora.io/en/agora-analytics/reference/api>
///
/// ```
/// use agora_api::{AppId, Client, analytics::ListCalls};
///
/// let request = ListCalls::builder()
///     .appid(AppId::new("0123456789abcdef0123456789abcdef")?)
///     .start_ts(1550024508)
///     .end_ts(1550025508)
///     .page_no(1)
///     .page_size(20)
///     .build();
/// let client = Client::builder().basic_auth("id", "secret").build()?;
/// assert_eq!(
///     client.prepare(&request)?.url().as_str(),
///     "https://api.agora.io/beta/analytics/call/lists?start_ts=1550024508&end_ts=1550025508\
///      &appid=0123456789abcdef0123456789abcdef&page_no=1&page_size=20"
/// );
///
/// // A time frame longer than any plan allows fails before sending.
/// let too_long = ListCalls::builder()
///     .appid(AppId::new("0123456789abcdef0123456789abcdef")?)
///     .start_ts(0)
///     .end_ts(25 * 3600)
///     .build();
/// assert!(client.prepare(&too_long).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// Every page:
///
/// ```no_run
/// # use agora_api::{AppId, Client, analytics::ListCalls};
/// # async fn run(client: Client, appid: AppId) -> Result<(), agora_api::Error> {
/// let mut pages = client.pages(
///     ListCalls::builder().appid(appid).start_ts(1550024508).end_ts(1550025508).build(),
/// );
/// while let Some(page) = pages.next().await {
///     for call in page?.call_lists {
///         println!("{} {:?}", call.call_id, call.call_audio_freeze_rate);
///     }
/// }
/// # Ok(())
/// # }
/// ```
#[derive(Debug, Clone, Endpoint)]
#[endpoint(GET, "/beta/analytics/call/lists", response = CallList, validate = ListCalls::check)]
#[auth(basic)]
pub struct ListCalls {
    /// Start of the search, Unix seconds (UTC).
    #[endpoint(query)]
    pub start_ts: u64,
    /// End of the search, Unix seconds (UTC); after `start_ts`, at most 24
    /// hours later.
    #[endpoint(query)]
    pub end_ts: u64,
    /// The project's App ID.
    #[endpoint(query)]
    pub appid: AppId,
    /// Only calls in this channel.
    #[endpoint(query)]
    pub cname: Option<ChannelName>,
    /// The page, from 1 (default 1).
    #[endpoint(query)]
    pub page_no: Option<u32>,
    /// Calls per page, 1 to 100 (default 20).
    #[endpoint(query)]
    pub page_size: Option<u32>,
}

impl ListCalls {
    fn check(&self) -> Result<(), InvalidInput> {
        check_time_frame(
            ("start_ts", self.start_ts),
            ("end_ts", self.end_ts),
            Some(MaxSpan {
                seconds: 24 * HOUR,
                label: "24 hours, the Enterprise plan's limit for call/lists",
            }),
        )?;
        check_page(self.page_no, self.page_size)
    }
}

impl Paginated for ListCalls {
    fn next_page(&self, page: &CallList) -> Option<Self> {
        let next = next_page_no(
            (self.page_no, self.page_size),
            (page.page_no, page.page_size),
            page.total_size,
            page.has_more,
            page.call_lists.len(),
        )?;
        Some(ListCalls {
            page_no: Some(next),
            ..self.clone()
        })
    }
}

/// Lists the users' sessions in a call (Call Inspector "Get session
/// details").
///
/// `GET /beta/analytics/call/sessions`, Basic auth, idempotent. The time
/// frame may span at most 6 hours (Enterprise; Premium 3, Standard 1) and
/// lie within the past 15 days (Premium 7, Standard 1); data arrives 100 s
/// late (Premium 150 s, Standard 300 s). Pages of up to 100 sessions; to
/// page, Agora wants both `page_no` and `page_size`.
/// [`Client::pages`](crate::Client::pages) walks them all.
///
/// Rate limit by plan: Standard 1/s and 1,000/day, Premium 3/s and
/// 2,000/day, Enterprise 10/s and 10,000/day; Starter has no access.
/// <https://docs.agora.io/en/agora-analytics/reference/api>
///
/// ```
/// use agora_api::{AppId, Client, Uid};
/// use agora_api::analytics::{CallId, GetCallSessions, UidList};
///
/// let request = GetCallSessions::builder()
///     .appid(AppId::new("0123456789abcdef0123456789abcdef")?)
///     .call_id(CallId::new("15c995xxxxxxxxxxxd39be9b")?)
///     .start_ts(1548665345)
///     .end_ts(1548670821)
///     .uids(UidList::new([Uid::new(10001)?, Uid::new(10002)?])?)
///     .build();
/// let client = Client::builder().basic_auth("id", "secret").build()?;
/// let url = client.prepare(&request)?.url().to_string();
/// assert!(url.ends_with("&call_id=15c995xxxxxxxxxxxd39be9b&uids=10001%2C10002"), "{url}");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    GET,
    "/beta/analytics/call/sessions",
    response = CallSessions,
    validate = GetCallSessions::check
)]
#[auth(basic)]
pub struct GetCallSessions {
    /// Start of the call's time frame, Unix seconds (UTC).
    #[endpoint(query)]
    pub start_ts: u64,
    /// End of the call's time frame, Unix seconds (UTC); after `start_ts`,
    /// at most 6 hours later.
    #[endpoint(query)]
    pub end_ts: u64,
    /// The project's App ID.
    #[endpoint(query)]
    pub appid: AppId,
    /// The call, from [`ListCalls`].
    #[endpoint(query)]
    pub call_id: CallId,
    /// The page, from 1 (default 1); needs `page_size`.
    #[endpoint(query)]
    pub page_no: Option<u32>,
    /// Sessions per page, 1 to 100 (default 20).
    #[endpoint(query)]
    pub page_size: Option<u32>,
    /// Only these users (up to 10). A user who joined twice has two
    /// sessions.
    #[endpoint(query)]
    pub uids: Option<UidList>,
    /// Leave out Linux (server) users; Agora's default is `true`.
    #[endpoint(query)]
    pub exclude_server_user: Option<bool>,
}

impl GetCallSessions {
    fn check(&self) -> Result<(), InvalidInput> {
        check_time_frame(
            ("start_ts", self.start_ts),
            ("end_ts", self.end_ts),
            Some(MaxSpan {
                seconds: 6 * HOUR,
                label: "6 hours, the Enterprise plan's limit for call/sessions",
            }),
        )?;
        check_page(self.page_no, self.page_size)?;
        if self.page_no.is_some() && self.page_size.is_none() {
            return Err(InvalidInput::new(
                "page_size",
                "must be set with page_no: Agora pages sessions only when both are given",
            ));
        }
        Ok(())
    }
}

impl Paginated for GetCallSessions {
    fn next_page(&self, page: &CallSessions) -> Option<Self> {
        let next = next_page_no(
            (self.page_no, self.page_size),
            (page.page_no, page.page_size),
            page.total_size,
            page.has_more,
            page.call_info.len(),
        )?;
        Some(GetCallSessions {
            page_no: Some(next),
            // Agora pages sessions only when both are given.
            page_size: Some(
                self.page_size
                    .or(page.page_size)
                    .unwrap_or(DEFAULT_PAGE_SIZE),
            ),
            ..self.clone()
        })
    }
}

/// Gets the quality metrics of sessions in a call (Call Inspector "Get
/// quality metrics").
///
/// `GET /beta/analytics/call/metrics`, Basic auth, idempotent. The time
/// frame may span at most 6 hours (Enterprise; Premium 3, Standard 1) and
/// lie within the past 15 days (Premium 7, Standard 1); data arrives 100 s
/// late (Premium 150 s, Standard 300 s).
///
/// Rate limit by plan: Standard 1/s and 1,000/day, Premium 3/s and
/// 2,000/day, Enterprise 10/s and 10,000/day; Starter has no access.
/// <https://docs.agora.io/en/agora-analytics/reference/api>
///
/// ```
/// use agora_api::{AppId, Client};
/// use agora_api::analytics::{CallId, GetCallMetrics, SessionIds};
///
/// let request = GetCallMetrics::builder()
///     .appid(AppId::new("0123456789abcdef0123456789abcdef")?)
///     .call_id(CallId::new("15c995xxxxxxxxxxxd39be9b")?)
///     .start_ts(1548665345)
///     .end_ts(1548670821)
///     .sids(SessionIds::new(["SXXXXXXXXXXXXXXXX1", "SXXXXXXXXXXXXXXXX2"])?)
///     .build();
/// let client = Client::builder().basic_auth("id", "secret").build()?;
/// let url = client.prepare(&request)?.url().to_string();
/// assert!(url.ends_with("&sids=SXXXXXXXXXXXXXXXX1%2CSXXXXXXXXXXXXXXXX2"), "{url}");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    GET,
    "/beta/analytics/call/metrics",
    response = CallMetrics,
    validate = GetCallMetrics::check
)]
#[auth(basic)]
pub struct GetCallMetrics {
    /// Start of the call's time frame, Unix seconds (UTC).
    #[endpoint(query)]
    pub start_ts: u64,
    /// End of the call's time frame, Unix seconds (UTC); after `start_ts`,
    /// at most 6 hours later.
    #[endpoint(query)]
    pub end_ts: u64,
    /// The project's App ID.
    #[endpoint(query)]
    pub appid: AppId,
    /// The call, from [`ListCalls`].
    #[endpoint(query)]
    pub call_id: CallId,
    /// The sessions (up to 20), from [`GetCallSessions`].
    #[endpoint(query)]
    pub sids: SessionIds,
}

impl GetCallMetrics {
    fn check(&self) -> Result<(), InvalidInput> {
        check_time_frame(
            ("start_ts", self.start_ts),
            ("end_ts", self.end_ts),
            Some(MaxSpan {
                seconds: 6 * HOUR,
                label: "6 hours, the Enterprise plan's limit for call/metrics",
            }),
        )
    }
}

/// Gets a call's audio or video freeze rate by dimension value (Call
/// Inspector "Get call statistics").
///
/// `GET /beta/analytics/call/statistics`, Basic auth, idempotent.
///
/// Rate limit: Agora's limit tables do not list this endpoint; the Call
/// Inspector plan limits (Standard 1/s and 1,000/day, Premium 3/s and
/// 2,000/day, Enterprise 10/s and 10,000/day; Starter none) are the
/// nearest documented ones.
/// <https://docs.agora.io/en/agora-analytics/reference/api>
///
/// ```
/// use agora_api::{AppId, Client};
/// use agora_api::analytics::{CallId, Dimension, FreezeRateMetric, GetCallStatistics};
///
/// let request = GetCallStatistics::builder()
///     .appid(AppId::new("0123456789abcdef0123456789abcdef")?)
///     .call_id(CallId::new("15c995xxxxxxxxxxxd39be9b")?)
///     .start_ts(1550024508)
///     .end_ts(1550025508)
///     .metric(FreezeRateMetric::AudioFreezeRate)
///     .dimension(Dimension::Sdk)
///     .build();
/// let client = Client::builder().basic_auth("id", "secret").build()?;
/// let url = client.prepare(&request)?.url().to_string();
/// assert!(url.ends_with("&metric=audio_freeze_rate&dimension=sdk"), "{url}");
///
/// // Only the six standard dimensions group call statistics.
/// let channel_size = GetCallStatistics { dimension: Dimension::ChannelSize, ..request };
/// assert!(client.prepare(&channel_size).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    GET,
    "/beta/analytics/call/statistics",
    response = CallStatistics,
    validate = GetCallStatistics::check
)]
#[auth(basic)]
pub struct GetCallStatistics {
    /// Start of the time frame, Unix seconds (UTC).
    #[endpoint(query)]
    pub start_ts: u64,
    /// End of the time frame, Unix seconds (UTC); after `start_ts`.
    #[endpoint(query)]
    pub end_ts: u64,
    /// The project's App ID.
    #[endpoint(query)]
    pub appid: AppId,
    /// The call, from [`ListCalls`].
    #[endpoint(query)]
    pub call_id: CallId,
    /// Audio or video freeze rate.
    #[endpoint(query)]
    pub metric: FreezeRateMetric,
    /// What to group by: one of the six standard dimensions.
    #[endpoint(query)]
    pub dimension: Dimension,
}

impl GetCallStatistics {
    fn check(&self) -> Result<(), InvalidInput> {
        check_time_frame(("start_ts", self.start_ts), ("end_ts", self.end_ts), None)?;
        self.dimension
            .check_in("dimension", Dimension::STANDARD, "call statistics")
    }
}

/// Counts a call's users per audio or video freeze-rate band (Call
/// Inspector "Retrieve audio/video freeze rate statistics").
///
/// `GET /beta/analytics/call/freeze/bucket`, Basic auth, idempotent.
///
/// Rate limit: Agora's limit tables do not list this endpoint; the Call
/// Inspector plan limits (Standard 1/s and 1,000/day, Premium 3/s and
/// 2,000/day, Enterprise 10/s and 10,000/day; Starter none) are the
/// nearest documented ones.
/// <https://docs.agora.io/en/agora-analytics/reference/api>
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    GET,
    "/beta/analytics/call/freeze/bucket",
    response = FreezeRateBuckets,
    validate = GetFreezeRateBuckets::check
)]
#[auth(basic)]
pub struct GetFreezeRateBuckets {
    /// Start of the time frame, Unix seconds (UTC).
    #[endpoint(query)]
    pub start_ts: u64,
    /// End of the time frame, Unix seconds (UTC); after `start_ts`.
    #[endpoint(query)]
    pub end_ts: u64,
    /// The project's App ID.
    #[endpoint(query)]
    pub appid: AppId,
    /// The call, from [`ListCalls`].
    #[endpoint(query)]
    pub call_id: CallId,
    /// Audio or video freeze rate.
    #[endpoint(query)]
    pub metric: FreezeRateMetric,
}

impl GetFreezeRateBuckets {
    fn check(&self) -> Result<(), InvalidInput> {
        check_time_frame(("start_ts", self.start_ts), ("end_ts", self.end_ts), None)
    }
}

/// Gets a call's user count or freeze figures over time (Call Inspector
/// "Retrieve insight statistics").
///
/// `GET /beta/analytics/call/statistics/time`, Basic auth, idempotent.
///
/// Rate limit: Agora's limit tables do not list this endpoint; the Call
/// Inspector plan limits (Standard 1/s and 1,000/day, Premium 3/s and
/// 2,000/day, Enterprise 10/s and 10,000/day; Starter none) are the
/// nearest documented ones.
/// <https://docs.agora.io/en/agora-analytics/reference/api>
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    GET,
    "/beta/analytics/call/statistics/time",
    response = CallTimeSeries,
    validate = GetCallStatisticsByTime::check
)]
#[auth(basic)]
pub struct GetCallStatisticsByTime {
    /// Start of the time frame, Unix seconds (UTC).
    #[endpoint(query)]
    pub start_ts: u64,
    /// End of the time frame, Unix seconds (UTC); after `start_ts`.
    #[endpoint(query)]
    pub end_ts: u64,
    /// The project's App ID.
    #[endpoint(query)]
    pub appid: AppId,
    /// The call, from [`ListCalls`].
    #[endpoint(query)]
    pub call_id: CallId,
    /// The figure to follow.
    #[endpoint(query)]
    pub metric: CallTimeSeriesMetric,
}

impl GetCallStatisticsByTime {
    fn check(&self) -> Result<(), InvalidInput> {
        check_time_frame(("start_ts", self.start_ts), ("end_ts", self.end_ts), None)
    }
}

// ---------------------------------------------------------------------------
// Data Insights
// ---------------------------------------------------------------------------

/// Queries a usage metric per day or hour (Data Insights "Query time-frame
/// usage metrics").
///
/// `GET /beta/insight/usage/by_time`, Basic auth, idempotent. The time
/// frame may span at most 7 days (Enterprise; Premium 3) and lie within
/// the past 30 days (Premium 14); data arrives 6 hours late (Premium 12).
///
/// Rate limit by plan: Premium 3/min and 40/day, Enterprise 10/min and
/// 60/day; Starter and Standard have no access.
/// <https://docs.agora.io/en/agora-analytics/reference/api>
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
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    GET,
    "/beta/insight/usage/by_time",
    response = MetricData,
    validate = GetUsageByTime::check
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
/// `GET /beta/insight/quality/by_time`, Basic auth, idempotent. The time
/// frame may span at most 7 days (Enterprise; Premium 3) and lie within
/// the past 30 days (Premium 14); data arrives 6 hours late.
///
/// Rate limit by plan: Premium 3/min and 40/day, Enterprise 10/min and
/// 60/day; Starter and Standard have no access.
/// <https://docs.agora.io/en/agora-analytics/reference/api>
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    GET,
    "/beta/insight/quality/by_time",
    response = MetricData,
    validate = GetQualityByTime::check
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
/// `POST /beta/insight/usage/aggregation?appid=...` with a JSON
/// [`UsageAggregationQuery`], Basic auth. A read: sending it twice has the
/// effect of sending it once, so it is idempotent. The time frame may lie
/// within the past 30 days (Enterprise; Premium 14); data arrives 6 hours
/// late (Premium 12).
///
/// Rate limit by plan: Premium 3/min and 40/day, Enterprise 10/min and
/// 60/day; Starter and Standard have no access.
/// <https://docs.agora.io/en/agora-analytics/reference/api>
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
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    POST,
    "/beta/insight/usage/aggregation",
    response = MetricData,
    idempotent,
    validate = GetUsageAggregation::check
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
/// `POST /beta/insight/quality/aggregation?appid=...` with a JSON
/// [`QualityAggregationQuery`], Basic auth. A read: sending it twice has
/// the effect of sending it once, so it is idempotent. The time frame may
/// lie within the past 30 days (Enterprise; Premium 14); data arrives 6
/// hours late.
///
/// Rate limit by plan: Premium 3/min and 40/day, Enterprise 10/min and
/// 60/day; Starter and Standard have no access.
/// <https://docs.agora.io/en/agora-analytics/reference/api>
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    POST,
    "/beta/insight/quality/aggregation",
    response = MetricData,
    idempotent,
    validate = GetQualityAggregation::check
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
/// `GET /beta/realtime/usage/by_time_20sec`, Basic auth, idempotent.
/// Windows start at whole 20 seconds; the window holding `start_ts` is
/// included, the one holding `end_ts` is not. The time frame may span at
/// most 60 minutes and lie within the past 60 minutes (Enterprise; Premium
/// 40); data arrives 20 s late (Premium 40 s).
///
/// Rate limit by plan: Premium 3/min and 480/day, Enterprise 10/min and
/// 1,440/day; Starter and Standard have no access.
/// <https://docs.agora.io/en/agora-analytics/reference/api>
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
/// assert!(url.ends_with("&dimension=sdk&dimensionValues=%223.6.1.1%22%2C%224.1.1%22"), "{url}");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    GET,
    "/beta/realtime/usage/by_time_20sec",
    response = MetricData,
    validate = GetRealtimeUsage::check
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
/// `GET /beta/realtime/quality/by_time_20sec`, Basic auth, idempotent.
/// Windows start at whole 20 seconds; the window holding `start_ts` is
/// included, the one holding `end_ts` is not. The time frame may span at
/// most 60 minutes and lie within the past 60 minutes (Enterprise; Premium
/// 40); data arrives 20 s late (Premium 40 s).
///
/// Rate limit by plan: Premium 3/min and 480/day, Enterprise 10/min and
/// 1,440/day; Starter and Standard have no access.
/// <https://docs.agora.io/en/agora-analytics/reference/api>
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    GET,
    "/beta/realtime/quality/by_time_20sec",
    response = RealtimeQualityData,
    validate = GetRealtimeQuality::check
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
/// `GET /beta/realtime/usage/dimension/top20`, Basic auth, idempotent. The
/// window is `[ts, ts + 20 s]`, within the past 60 minutes (Enterprise;
/// Premium 40).
///
/// Rate limit by plan: Premium 3/min and 480/day, Enterprise 10/min and
/// 1,440/day; Starter and Standard have no access.
/// <https://docs.agora.io/en/agora-analytics/reference/api>
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    GET,
    "/beta/realtime/usage/dimension/top20",
    response = TopGroups,
    validate = GetRealtimeUsageTop20::check
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
/// `GET /beta/realtime/quality/dimension/top20`, Basic auth, idempotent.
/// The window is `[ts, ts + 20 s]`, within the past 60 minutes
/// (Enterprise; Premium 40).
///
/// Rate limit by plan: Premium 3/min and 480/day, Enterprise 10/min and
/// 1,440/day; Starter and Standard have no access.
/// <https://docs.agora.io/en/agora-analytics/reference/api>
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    GET,
    "/beta/realtime/quality/dimension/top20",
    response = TopGroups,
    validate = GetRealtimeQualityTop20::check
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

// ---------------------------------------------------------------------------
// Legacy
// ---------------------------------------------------------------------------

/// Gets a call's sessions and their metrics in one response (legacy Call
/// Search "Get call details").
///
/// **Legacy**: documented only in Agora's 2021 Chinese Analytics reference
/// (`agora_doc_source`, `markdown/Agora Analytics/aa_api.md`), not in the
/// current docs or the OpenAPI document; [`GetCallSessions`] and
/// [`GetCallMetrics`] replace it. Whether Agora still serves it is
/// unconfirmed.
///
/// `GET /beta/analytics/call/details`, Basic auth, idempotent. At most 3
/// hours of data, within the past 3 days; data arrives 150 s late.
///
/// Rate limit (2021 document): 1/s and 1,000/day.
/// <https://github.com/AgoraIO/agora_doc_source/blob/1f410fe7fb9e5d014f0a75299ce77a96652c143f/markdown/Agora%20Analytics/aa_api.md>
#[deprecated(
    note = "legacy: only in Agora's 2021 legacy docs; use GetCallSessions and GetCallMetrics"
)]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    GET,
    "/beta/analytics/call/details",
    response = CallDetails,
    validate = GetCallDetails::check
)]
#[auth(basic)]
pub struct GetCallDetails {
    /// Start of the call's time frame, Unix seconds.
    #[endpoint(query)]
    pub start_ts: u64,
    /// End of the call's time frame, Unix seconds; after `start_ts`, at
    /// most 3 hours later.
    #[endpoint(query)]
    pub end_ts: u64,
    /// The project's App ID.
    #[endpoint(query)]
    pub appid: AppId,
    /// The call, from [`ListCalls`].
    #[endpoint(query)]
    pub call_id: CallId,
    /// Leave out Linux (server) users; Agora's default is `true`.
    #[endpoint(query)]
    pub exclude_server_user: Option<bool>,
}

// Checks of a legacy endpoint, which is deprecated for users only.
#[allow(deprecated)]
impl GetCallDetails {
    fn check(&self) -> Result<(), InvalidInput> {
        check_time_frame(
            ("start_ts", self.start_ts),
            ("end_ts", self.end_ts),
            Some(MaxSpan {
                seconds: 3 * HOUR,
                label: "3 hours, the legacy limit for call/details",
            }),
        )
    }
}

/// Reports a call-quality problem to Agora (legacy "Report a problem").
///
/// **Legacy**: documented only in Agora's 2021 Chinese Analytics reference
/// (`agora_doc_source`, `markdown/Agora Analytics/aa_api.md`), not in the
/// current docs or the OpenAPI document. Whether Agora still serves it is
/// unconfirmed.
///
/// `POST /beta/analytics/feedback/report?appid=...` with a JSON
/// [`CallProblemReport`], Basic auth. Not idempotent: each call files a
/// report, so a retry never re-sends it after it may have reached Agora.
///
/// Rate limit (2021 document): 10 requests per second.
/// <https://github.com/AgoraIO/agora_doc_source/blob/1f410fe7fb9e5d014f0a75299ce77a96652c143f/markdown/Agora%20Analytics/aa_api.md>
#[deprecated(note = "legacy: only in Agora's 2021 legacy docs; not in the current reference")]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(POST, "/beta/analytics/feedback/report", response = Status)]
#[auth(basic)]
pub struct ReportCallProblem {
    /// The project's App ID.
    #[endpoint(query)]
    pub appid: AppId,
    /// The report.
    #[endpoint(body)]
    pub report: CallProblemReport,
}

// ---------------------------------------------------------------------------
// Paging
// ---------------------------------------------------------------------------

/// The page after the one just read, or `None` when it was the last.
///
/// A page is the last when it is empty; when Agora says `has_more: false`;
/// or, when `has_more` is missing, when `total_size` is reached (or,
/// without a total either, when the page is not full). A `has_more: true`
/// that the total contradicts also ends the walk, so a confused answer
/// cannot loop forever.
fn next_page_no(
    (asked_no, asked_size): (Option<u32>, Option<u32>),
    (got_no, got_size): (Option<u32>, Option<u32>),
    total: Option<u64>,
    has_more: Option<bool>,
    items: usize,
) -> Option<u32> {
    if items == 0 {
        return None;
    }
    let current = got_no.or(asked_no).unwrap_or(1);
    let size = got_size.or(asked_size).unwrap_or(DEFAULT_PAGE_SIZE).max(1);
    let seen = u64::from(current) * u64::from(size);
    let more = match (has_more, total) {
        (Some(true), Some(total)) => seen < total,
        (Some(more), None) => more,
        (Some(false), Some(_)) => false,
        (None, Some(total)) => seen < total,
        (None, None) => items as u64 >= u64::from(size),
    };
    if more { current.checked_add(1) } else { None }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_page_is_the_last() {
        // 101 calls, 20 per page: pages 1 to 6.
        assert_eq!(
            next_page_no((None, None), (Some(1), Some(20)), Some(101), Some(true), 20),
            Some(2)
        );
        assert_eq!(
            next_page_no(
                (Some(6), None),
                (Some(6), Some(20)),
                Some(101),
                Some(true),
                1
            ),
            None
        );
        assert_eq!(
            next_page_no((None, None), (None, None), Some(101), None, 20),
            Some(2)
        );
        assert_eq!(
            next_page_no((Some(2), Some(50)), (None, None), None, Some(false), 50),
            None
        );
        assert_eq!(
            next_page_no((None, Some(5)), (None, None), None, None, 5),
            Some(2)
        );
        assert_eq!(
            next_page_no((None, Some(5)), (None, None), None, None, 4),
            None
        );
        assert_eq!(
            next_page_no((None, None), (None, None), None, Some(true), 0),
            None
        );
    }
}
