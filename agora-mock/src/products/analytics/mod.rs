//! Agora Analytics: Call Inspector, Data Insights, Real-time Monitoring.
//!
//! The answers are well-formed and stable (the same query gives the same
//! numbers), not measured. Calls come from the emulator's RTC channels: a
//! channel with users in it is a call (its ID stable), its users are the
//! sessions. The emulator plays the Enterprise plan: Call Inspector's
//! searches must lie within the past 15 days and end before the data delay
//! (20 s for call lists, 100 s for sessions and metrics), or the answer is
//! `code` 300 with Agora's message (`query time range limit error`,
//! `query latency limit error`). Invalid parameters are `400` with
//! `{"code": 400, "message": ...}`.

#![allow(deprecated)]

use agora_api::analytics::{
    Dimension, DimensionValues, GetCallDetails, GetCallMetrics, GetCallSessions, GetCallStatistics,
    GetCallStatisticsByTime, GetFreezeRateBuckets, GetQualityAggregation, GetQualityByTime,
    GetRealtimeQuality, GetRealtimeQualityTop20, GetRealtimeUsage, GetRealtimeUsageTop20,
    GetUsageAggregation, GetUsageByTime, ListCalls, ReportCallProblem,
};
use agora_api::registry::EndpointInfo;
use agora_api::{AppId, InvalidInput};
use serde_json::{Map, Value, json};

use crate::ids::{stable_in, stable_ratio};
use crate::product::{Call, Product, Registration, Routes};
use crate::reply::{Fail, Handled, JSON_ONLY, Reply};
use crate::state::Account;

mod call_inspector;
mod data_insights;
mod legacy;
mod realtime;

const DAY: u64 = 86_400;
/// The most points one time series answers.
const MAX_POINTS: u64 = 240;

/// The Analytics product.
#[derive(Debug)]
pub(crate) struct Analytics;

impl Product for Analytics {
    const MODULE: &'static str = "agora_api::analytics";
    type State = Reports;

    fn register(routes: &mut Routes<Self>) {
        routes
            .on::<ListCalls>(call_inspector::list_calls)
            .on::<GetCallSessions>(call_inspector::call_sessions)
            .on::<GetCallMetrics>(call_inspector::call_metrics)
            .on::<GetCallStatistics>(call_inspector::call_statistics)
            .on::<GetFreezeRateBuckets>(call_inspector::freeze_buckets)
            .on::<GetCallStatisticsByTime>(call_inspector::call_time_series)
            .on::<GetUsageByTime>(data_insights::usage_by_time)
            .on::<GetQualityByTime>(data_insights::quality_by_time)
            .on::<GetUsageAggregation>(data_insights::usage_aggregation)
            .on::<GetQualityAggregation>(data_insights::quality_aggregation)
            .on::<GetRealtimeUsage>(realtime::realtime_usage)
            .on::<GetRealtimeQuality>(realtime::realtime_quality)
            .on::<GetRealtimeUsageTop20>(realtime::usage_top20)
            .on::<GetRealtimeQualityTop20>(realtime::quality_top20)
            .on::<GetCallDetails>(legacy::call_details)
            .on::<ReportCallProblem>(legacy::report_problem);
    }

    /// `400`, invalid parameters.
    fn invalid(_info: &'static EndpointInfo, request_id: &str, error: &InvalidInput) -> Reply {
        self::error(request_id, 400, error.to_string())
    }

    fn unsupported_media_type(request_id: &str) -> Reply {
        self::error(request_id, 415, JSON_ONLY)
    }

    /// Call Inspector's `code` 300 `qps limit error`, in a `200` answer.
    fn rate_limited(request_id: &str) -> Reply {
        Reply::ok(json!({ "code": 300, "message": "qps limit error", "requestId": request_id }))
    }
}

inventory::submit! { Registration::of::<Analytics>() }

/// The call problems reported to the account.
#[derive(Debug, Default)]
pub(crate) struct Reports {
    problem_reports: Vec<Value>,
}

/// `status` with the Analytics envelope.
fn error(request_id: &str, status: u16, message: impl Into<String>) -> Reply {
    Reply::json(
        status,
        json!({ "code": status, "message": message.into(), "requestId": request_id }),
    )
}

/// A successful answer: the envelope and `fields`.
pub(super) fn success<E>(call: &Call<'_, E>, fields: Value) -> Handled {
    let mut body = Map::new();
    body.insert("code".into(), Value::from(200));
    body.insert(
        "message".into(),
        Value::from(format!("Success request: {}", call.info.path)),
    );
    body.insert("requestId".into(), Value::from(call.request_id));
    if let Value::Object(fields) = fields {
        body.extend(fields);
    }
    Ok(Reply::ok(Value::Object(body)))
}

pub(super) fn known_app<E>(
    account: &Account,
    call: &Call<'_, E>,
    appid: &AppId,
) -> Result<(), Fail> {
    if account.project_of_app(appid.as_str()).is_none() {
        return Err(Fail::Reply(error(call.request_id, 400, "appid is invalid")));
    }
    Ok(())
}

/// Evenly spaced timestamps from `start` to `end` (at most
/// [`MAX_POINTS`]), at multiples of `step`.
pub(super) fn timestamps(start: u64, end: u64, step: u64) -> Vec<u64> {
    let step = step.max(end.saturating_sub(start) / MAX_POINTS).max(1);
    let Some(first) = start.div_ceil(step).checked_mul(step) else {
        return Vec::new();
    };
    std::iter::successors(Some(first), |ts| ts.checked_add(step))
        .take_while(|ts| *ts <= end)
        .take(MAX_POINTS as usize)
        .collect()
}

/// Two or three plausible values of a dimension.
pub(super) fn dimension_values(dimension: Dimension) -> &'static [&'static str] {
    match dimension {
        Dimension::Country => &["China", "United States", "Germany"],
        Dimension::Region => &["Shanghai", "Beijing"],
        Dimension::Net => &["WIFI", "4G"],
        Dimension::Sdk | Dimension::SdkVersion => &["4.2.6", "3.7.1"],
        Dimension::Os => &["Android", "iOS", "Windows"],
        Dimension::Device => &["iPhone14,2", "SM-G998B"],
        Dimension::ChannelSize => &["1-2", "3-7", "8-17"],
        Dimension::Network => &["WIFI", "5G"],
    }
}

pub(super) fn values_of(dimension: Dimension, given: Option<&DimensionValues>) -> Vec<String> {
    match given {
        Some(values) => values.as_slice().to_vec(),
        None => dimension_values(dimension)
            .iter()
            .map(|value| (*value).to_owned())
            .collect(),
    }
}

pub(super) fn usage_value(appid: &str, metric: &str, at: &str) -> Value {
    Value::from(stable_in(&[appid, metric, at], 10, 5_000))
}

pub(super) fn quality_value(appid: &str, metric: &str, at: &str) -> Value {
    let rate = stable_ratio(&[appid, metric, at], 1.0);
    Value::from(match metric {
        "joinSuccessRate" | "joinSuccessIn5sRate" => 0.9 + rate / 10.0,
        "networkDelay" => rate / 2.0,
        _ => rate / 20.0,
    })
}
