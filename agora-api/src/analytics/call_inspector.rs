//! Call Inspector: the calls of a time frame, their sessions, metrics and
//! statistics; and the walk over paged call lists.

use crate::error::InvalidInput;
use crate::pages::Paginated;
use crate::types::{AppId, ChannelName};
use crate::{Endpoint, endpoint_docs};

use super::HOUR;
use super::lists::{CallId, SessionIds, UidList};
use super::response::{
    CallList, CallMetrics, CallSessions, CallStatistics, CallTimeSeries, FreezeRateBuckets,
};
use super::rules::{DEFAULT_PAGE_SIZE, MaxSpan, check_page, check_time_frame};
use super::values::{CallTimeSeriesMetric, Dimension, FreezeRateMetric};

// ---------------------------------------------------------------------------
// Call Inspector
// ---------------------------------------------------------------------------

/// Searches the calls of a time frame (Call Inspector "Get call list").
///
/// The time frame may span at most 24 hours (Enterprise; Premium 16,
/// Standard 8) and lie within the past 15 days (Premium 7, Standard 1);
/// data arrives 20 s late (Standard 60 s). Pages of up to 100 calls: walk
/// them all with [`Client::pages`](crate::Client::pages).
///
/// The Starter plan has no API access.
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
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    GET,
    "/beta/analytics/call/lists",
    response = CallList,
    validate = ListCalls::check,
    doc = "https://docs.agora.io/en/agora-analytics/reference/api",
    rate_limit(1, per = second, scope = app_id, plan = "Standard"),
    rate_limit(1_000, per = day, scope = app_id, plan = "Standard"),
    rate_limit(3, per = second, scope = app_id, plan = "Premium"),
    rate_limit(2_000, per = day, scope = app_id, plan = "Premium"),
    rate_limit(10, per = second, scope = app_id, plan = "Enterprise"),
    rate_limit(10_000, per = day, scope = app_id, plan = "Enterprise"),
)]
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
/// The time frame may span at most 6 hours (Enterprise; Premium 3, Standard
/// 1) and lie within the past 15 days (Premium 7, Standard 1); data arrives
/// 100 s late (Premium 150 s, Standard 300 s). Pages of up to 100 sessions;
/// to page, Agora wants both `page_no` and `page_size`.
/// [`Client::pages`](crate::Client::pages) walks them all.
///
/// The Starter plan has no API access.
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
/// assert!(url.ends_with("&call_id=15c995xxxxxxxxxxxd39be9b&uids=10001,10002"), "{url}");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    GET,
    "/beta/analytics/call/sessions",
    response = CallSessions,
    validate = GetCallSessions::check,
    doc = "https://docs.agora.io/en/agora-analytics/reference/api",
    rate_limit(1, per = second, scope = app_id, plan = "Standard"),
    rate_limit(1_000, per = day, scope = app_id, plan = "Standard"),
    rate_limit(3, per = second, scope = app_id, plan = "Premium"),
    rate_limit(2_000, per = day, scope = app_id, plan = "Premium"),
    rate_limit(10, per = second, scope = app_id, plan = "Enterprise"),
    rate_limit(10_000, per = day, scope = app_id, plan = "Enterprise"),
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
/// The time frame may span at most 6 hours (Enterprise; Premium 3, Standard
/// 1) and lie within the past 15 days (Premium 7, Standard 1); data arrives
/// 100 s late (Premium 150 s, Standard 300 s).
///
/// The Starter plan has no API access.
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
/// assert!(url.ends_with("&sids=SXXXXXXXXXXXXXXXX1,SXXXXXXXXXXXXXXXX2"), "{url}");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    GET,
    "/beta/analytics/call/metrics",
    response = CallMetrics,
    validate = GetCallMetrics::check,
    doc = "https://docs.agora.io/en/agora-analytics/reference/api",
    rate_limit(1, per = second, scope = app_id, plan = "Standard"),
    rate_limit(1_000, per = day, scope = app_id, plan = "Standard"),
    rate_limit(3, per = second, scope = app_id, plan = "Premium"),
    rate_limit(2_000, per = day, scope = app_id, plan = "Premium"),
    rate_limit(10, per = second, scope = app_id, plan = "Enterprise"),
    rate_limit(10_000, per = day, scope = app_id, plan = "Enterprise"),
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
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    GET,
    "/beta/analytics/call/statistics",
    response = CallStatistics,
    validate = GetCallStatistics::check,
    doc = "https://docs.agora.io/en/agora-analytics/reference/api",
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
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    GET,
    "/beta/analytics/call/freeze/bucket",
    response = FreezeRateBuckets,
    validate = GetFreezeRateBuckets::check,
    doc = "https://docs.agora.io/en/agora-analytics/reference/api",
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
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    GET,
    "/beta/analytics/call/statistics/time",
    response = CallTimeSeries,
    validate = GetCallStatisticsByTime::check,
    doc = "https://docs.agora.io/en/agora-analytics/reference/api",
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
