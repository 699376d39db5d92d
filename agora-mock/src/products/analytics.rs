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
    CallId, CallProblemReport, CallTimeSeriesMetric, Dimension, DimensionValues, ExtraMetric,
    FreezeRateMetric, GetCallDetails, GetCallMetrics, GetCallSessions, GetCallStatistics,
    GetCallStatisticsByTime, GetFreezeRateBuckets, GetQualityAggregation, GetQualityByTime,
    GetRealtimeQuality, GetRealtimeQualityTop20, GetRealtimeUsage, GetRealtimeUsageTop20,
    GetUsageAggregation, GetUsageByTime, Granularity, ListCalls, ProductType,
    QualityAggregationQuery, QualityMetric, RealtimeUsageMetric, ReportCallProblem, SessionIds,
    UidList, UsageAggregationQuery, UsageMetric,
};
use agora_api::channel::Platform;
use agora_api::{AppId, ChannelName, InvalidInput};
use serde_json::{Map, Value, json};

use crate::call::{Call, validated};
use crate::clock::unix_secs;
use crate::ids::{stable_hex, stable_in, stable_ratio};
use crate::reply::{Fail, Handled, Reply};
use crate::state::{Channel, State};

const DAY: u64 = 86_400;
/// How far back Call Inspector data goes (Enterprise).
const CALL_DATA_WINDOW: u64 = 15 * DAY;
/// The most points one time series answers.
const MAX_POINTS: u64 = 240;

/// The answer to a request for an Analytics endpoint.
pub(crate) fn handle(state: &mut State, call: &Call) -> Reply {
    let handled = match call.info.name {
        "ListCalls" => list_calls(state, call),
        "GetCallSessions" => call_sessions(state, call),
        "GetCallMetrics" => call_metrics(state, call),
        "GetCallStatistics" => call_statistics(state, call),
        "GetFreezeRateBuckets" => freeze_buckets(state, call),
        "GetCallStatisticsByTime" => call_time_series(state, call),
        "GetUsageByTime" => usage_by_time(state, call),
        "GetQualityByTime" => quality_by_time(state, call),
        "GetUsageAggregation" => usage_aggregation(state, call),
        "GetQualityAggregation" => quality_aggregation(state, call),
        "GetRealtimeUsage" => realtime_usage(state, call),
        "GetRealtimeQuality" => realtime_quality(state, call),
        "GetRealtimeUsageTop20" => usage_top20(state, call),
        "GetRealtimeQualityTop20" => quality_top20(state, call),
        "GetCallDetails" => call_details(state, call),
        "ReportCallProblem" => report_problem(state, call),
        _ => Err(Fail::Reply(Reply::no_route())),
    };
    handled.unwrap_or_else(|fail| match fail {
        Fail::Reply(reply) => reply,
        Fail::Invalid(error) => invalid(call, &error),
    })
}

/// `status` with the Analytics envelope.
pub(crate) fn error(call: &Call, status: u16, message: impl Into<String>) -> Reply {
    Reply::json(
        status,
        json!({ "code": status, "message": message.into(), "requestId": call.request_id }),
    )
}

/// `400`, invalid parameters.
pub(crate) fn invalid(call: &Call, error: &InvalidInput) -> Reply {
    self::error(call, 400, error.to_string())
}

/// A successful answer: the envelope and `fields`.
fn success(call: &Call, fields: Value) -> Handled {
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

fn known_app(state: &State, call: &Call, appid: &AppId) -> Result<(), Fail> {
    if state.project_of_app(appid.as_str()).is_none() {
        return Err(Fail::Reply(error(call, 400, "appid is invalid")));
    }
    Ok(())
}

/// A plan limit: `code` 300 with Agora's message, in a `200` answer.
fn plan_limit(call: &Call, message: &str) -> Fail {
    Fail::Reply(Reply::ok(json!({
        "code": 300,
        "message": message,
        "requestId": call.request_id,
    })))
}

/// Call Inspector's data window and delay (Enterprise).
fn check_window(call: &Call, start: u64, end: u64, delay: u64) -> Result<(), Fail> {
    let now = unix_secs(call.now);
    if start < now.saturating_sub(CALL_DATA_WINDOW) {
        return Err(plan_limit(call, "query time range limit error"));
    }
    if end > now.saturating_sub(delay) {
        return Err(plan_limit(call, "query latency limit error"));
    }
    Ok(())
}

/// One call: a channel with users, seen as Call Inspector sees it.
struct CallInfo<'s> {
    id: String,
    cname: &'s str,
    channel: &'s Channel,
    created: u64,
}

fn calls<'s>(state: &'s State, appid: &AppId) -> Vec<CallInfo<'s>> {
    let Some(app) = state.apps.get(appid.as_str()) else {
        return Vec::new();
    };
    app.channels
        .iter()
        .map(|(cname, channel)| {
            let created = channel.users.values().map(|m| m.joined).min().unwrap_or(0);
            CallInfo {
                id: stable_hex(&[appid.as_str(), cname, &created.to_string()], 24),
                cname,
                channel,
                created,
            }
        })
        .collect()
}

fn find_call<'s>(state: &'s State, appid: &AppId, id: &CallId) -> Option<CallInfo<'s>> {
    calls(state, appid)
        .into_iter()
        .find(|call| call.id == id.as_str())
}

fn platform_name(platform: Platform) -> &'static str {
    match platform {
        Platform::Android => "Android",
        Platform::Ios => "iOS",
        Platform::Windows => "Windows",
        Platform::Linux => "Linux",
        Platform::Web => "Web",
        Platform::MacOs => "macOS",
        _ => "Others",
    }
}

fn session_id(call_id: &str, uid: u32) -> String {
    stable_hex(&[call_id, &uid.to_string()], 32).to_ascii_uppercase()
}

/// The sessions of a call, as `call_info` entries.
fn sessions(info: &CallInfo, uids: Option<&UidList>, exclude_server: bool) -> Vec<Value> {
    info.channel
        .users
        .iter()
        .filter(|(uid, _)| {
            uids.is_none_or(|wanted| wanted.as_slice().iter().any(|w| w.get() == **uid))
        })
        .filter(|(_, member)| !(exclude_server && member.platform == Platform::Linux))
        .map(|(uid, member)| {
            let key = uid.to_string();
            let role = match member.role {
                2 => "Host",
                3 => "Audience",
                _ => "Speaker",
            };
            json!({
                "sid": session_id(&info.id, *uid),
                "cname": info.cname,
                "uid": uid,
                "network": "WIFI",
                "platform": platform_name(member.platform),
                "speaker": member.role != 3,
                "roles": [role],
                "sdk_version": "4.2.6",
                "device_type": platform_name(member.platform),
                "join_ts": member.joined,
                "finished": false,
                "user_audio_freeze_rate": stable_ratio(&[&info.id, &key, "audio"], 0.05),
                "user_video_freeze_rate": stable_ratio(&[&info.id, &key, "video"], 0.08),
            })
        })
        .collect()
}

/// A page of `items` (pages numbered from 1) with the paging members.
fn page(items: Vec<Value>, page_no: Option<u32>, page_size: Option<u32>, key: &str) -> Value {
    let page_no = page_no.unwrap_or(1).max(1);
    let page_size = page_size.unwrap_or(20).max(1);
    let total = items.len();
    let skip = (page_no as usize - 1).saturating_mul(page_size as usize);
    let shown: Vec<Value> = items
        .into_iter()
        .skip(skip)
        .take(page_size as usize)
        .collect();
    let mut body = Map::new();
    body.insert("total_size".into(), Value::from(total));
    body.insert("page_no".into(), Value::from(page_no));
    body.insert("page_size".into(), Value::from(page_size));
    body.insert(
        "has_more".into(),
        Value::from(skip.saturating_add(shown.len()) < total),
    );
    body.insert(key.into(), Value::Array(shown));
    Value::Object(body)
}

/// Evenly spaced timestamps from `start` to `end` (at most
/// [`MAX_POINTS`]), at multiples of `step`.
fn timestamps(start: u64, end: u64, step: u64) -> Vec<u64> {
    let step = step.max(end.saturating_sub(start) / MAX_POINTS).max(1);
    let Some(first) = start.div_ceil(step).checked_mul(step) else {
        return Vec::new();
    };
    std::iter::successors(Some(first), |ts| ts.checked_add(step))
        .take_while(|ts| *ts <= end)
        .take(MAX_POINTS as usize)
        .collect()
}

fn list_calls(state: &mut State, call: &Call) -> Handled {
    let mut builder = ListCalls::builder()
        .start_ts(call.query_required::<u64>("start_ts")?)
        .end_ts(call.query_required::<u64>("end_ts")?)
        .appid(call.query_required::<AppId>("appid")?);
    if let Some(cname) = call.query::<ChannelName>("cname")? {
        builder = builder.cname(cname);
    }
    if let Some(page_no) = call.query::<u32>("page_no")? {
        builder = builder.page_no(page_no);
    }
    if let Some(page_size) = call.query::<u32>("page_size")? {
        builder = builder.page_size(page_size);
    }
    let request = validated(builder.build())?;
    known_app(state, call, &request.appid)?;
    check_window(call, request.start_ts, request.end_ts, 20)?;
    let items: Vec<Value> = calls(state, &request.appid)
        .into_iter()
        .filter(|info| info.created <= request.end_ts)
        .filter(|info| {
            request
                .cname
                .as_ref()
                .is_none_or(|cname| cname.as_str() == info.cname)
        })
        .map(|info| {
            let users = info.channel.users.len();
            json!({
                "call_id": info.id,
                "cname": info.cname,
                "created_ts": info.created,
                "finished": false,
                "call_pcu": users,
                "call_acu": users,
                "call_audio_freeze_rate": stable_ratio(&[&info.id, "audio"], 0.05),
                "call_video_freeze_rate": stable_ratio(&[&info.id, "video"], 0.08),
            })
        })
        .collect();
    success(
        call,
        page(items, request.page_no, request.page_size, "call_lists"),
    )
}

fn call_sessions(state: &mut State, call: &Call) -> Handled {
    let mut builder = GetCallSessions::builder()
        .start_ts(call.query_required::<u64>("start_ts")?)
        .end_ts(call.query_required::<u64>("end_ts")?)
        .appid(call.query_required::<AppId>("appid")?)
        .call_id(call.query_required::<CallId>("call_id")?);
    if let Some(page_no) = call.query::<u32>("page_no")? {
        builder = builder.page_no(page_no);
    }
    if let Some(page_size) = call.query::<u32>("page_size")? {
        builder = builder.page_size(page_size);
    }
    if let Some(uids) = call.query::<UidList>("uids")? {
        builder = builder.uids(uids);
    }
    if let Some(exclude) = call.query::<bool>("exclude_server_user")? {
        builder = builder.exclude_server_user(exclude);
    }
    let request = validated(builder.build())?;
    known_app(state, call, &request.appid)?;
    check_window(call, request.start_ts, request.end_ts, 100)?;
    let items = find_call(state, &request.appid, &request.call_id)
        .map(|info| {
            sessions(
                &info,
                request.uids.as_ref(),
                request.exclude_server_user.unwrap_or(true),
            )
        })
        .unwrap_or_default();
    success(
        call,
        page(items, request.page_no, request.page_size, "call_info"),
    )
}

/// Quality series of one session.
fn metrics_of(sid: &str, start: u64, end: u64) -> Value {
    let series: Vec<Value> = [20003_i64, 20024, 20022]
        .iter()
        .map(|mid| {
            let kvs: Vec<Value> = timestamps(start, end, 60)
                .into_iter()
                .map(|ts| {
                    json!([
                        ts,
                        stable_in(&[sid, &mid.to_string(), &ts.to_string()], 20, 900)
                    ])
                })
                .collect();
            json!({ "mid": mid, "kvs": kvs, "peer_uid": 0 })
        })
        .collect();
    json!({ "sid": sid, "data": series })
}

fn call_metrics(state: &mut State, call: &Call) -> Handled {
    let request = validated(
        GetCallMetrics::builder()
            .start_ts(call.query_required::<u64>("start_ts")?)
            .end_ts(call.query_required::<u64>("end_ts")?)
            .appid(call.query_required::<AppId>("appid")?)
            .call_id(call.query_required::<CallId>("call_id")?)
            .sids(call.query_required::<SessionIds>("sids")?)
            .build(),
    )?;
    known_app(state, call, &request.appid)?;
    check_window(call, request.start_ts, request.end_ts, 100)?;
    let metrics: Vec<Value> = request
        .sids
        .as_slice()
        .iter()
        .map(|sid| metrics_of(sid, request.start_ts, request.end_ts))
        .collect();
    success(call, json!({ "metrics": metrics }))
}

/// Two or three plausible values of a dimension.
fn dimension_values(dimension: Dimension) -> &'static [&'static str] {
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

fn values_of(dimension: Dimension, given: Option<&DimensionValues>) -> Vec<String> {
    match given {
        Some(values) => values.as_slice().to_vec(),
        None => dimension_values(dimension)
            .iter()
            .map(|value| (*value).to_owned())
            .collect(),
    }
}

fn call_statistics(state: &mut State, call: &Call) -> Handled {
    let request = validated(
        GetCallStatistics::builder()
            .start_ts(call.query_required::<u64>("start_ts")?)
            .end_ts(call.query_required::<u64>("end_ts")?)
            .appid(call.query_required::<AppId>("appid")?)
            .call_id(call.query_required::<CallId>("call_id")?)
            .metric(call.query_required::<FreezeRateMetric>("metric")?)
            .dimension(call.query_required::<Dimension>("dimension")?)
            .build(),
    )?;
    known_app(state, call, &request.appid)?;
    let users = find_call(state, &request.appid, &request.call_id)
        .map_or(0, |info| info.channel.users.len() as u64);
    let data: Vec<Value> = dimension_values(request.dimension)
        .iter()
        .take(if users == 0 { 0 } else { 2 })
        .enumerate()
        .map(|(index, value)| {
            let share = if index == 0 { users.div_ceil(2) } else { users / 2 };
            json!({
                "dimension_value": value,
                "user_count": share,
                "value": stable_ratio(&[request.call_id.as_str(), value, request.metric.as_str()], 0.05),
            })
        })
        .collect();
    success(call, json!({ "data": data }))
}

fn freeze_buckets(state: &mut State, call: &Call) -> Handled {
    let request = validated(
        GetFreezeRateBuckets::builder()
            .start_ts(call.query_required::<u64>("start_ts")?)
            .end_ts(call.query_required::<u64>("end_ts")?)
            .appid(call.query_required::<AppId>("appid")?)
            .call_id(call.query_required::<CallId>("call_id")?)
            .metric(call.query_required::<FreezeRateMetric>("metric")?)
            .build(),
    )?;
    known_app(state, call, &request.appid)?;
    let users = find_call(state, &request.appid, &request.call_id)
        .map_or(0, |info| info.channel.users.len() as u64);
    // Most users freeze little: the first band holds the rest.
    let worse = users / 4;
    let data = json!([
        { "bucket": "[0%,3%)", "user_count": users - worse },
        { "bucket": "[3%,5%)", "user_count": worse },
        { "bucket": "[5%,10%)", "user_count": 0 },
        { "bucket": "[10%,100%)", "user_count": 0 },
    ]);
    success(call, json!({ "data": data }))
}

fn call_time_series(state: &mut State, call: &Call) -> Handled {
    let request = validated(
        GetCallStatisticsByTime::builder()
            .start_ts(call.query_required::<u64>("start_ts")?)
            .end_ts(call.query_required::<u64>("end_ts")?)
            .appid(call.query_required::<AppId>("appid")?)
            .call_id(call.query_required::<CallId>("call_id")?)
            .metric(call.query_required::<CallTimeSeriesMetric>("metric")?)
            .build(),
    )?;
    known_app(state, call, &request.appid)?;
    let users = find_call(state, &request.appid, &request.call_id)
        .map_or(0, |info| info.channel.users.len() as u64);
    let metric = request.metric.as_str();
    let data: Vec<Value> = timestamps(request.start_ts, request.end_ts, 60)
        .into_iter()
        .map(|ts| {
            let key = [request.call_id.as_str(), metric, &ts.to_string()];
            let value = match request.metric {
                CallTimeSeriesMetric::UserCount => Value::from(users),
                CallTimeSeriesMetric::AudioFreezeUserCount
                | CallTimeSeriesMetric::VideoFreezeUserCount => {
                    Value::from(stable_in(&key, 0, users / 4))
                }
                _ => Value::from(stable_ratio(&key, 0.05)),
            };
            json!({ "ts": ts, "value": value })
        })
        .collect();
    success(call, json!({ "data": data }))
}

fn usage_value(appid: &str, metric: &str, at: &str) -> Value {
    Value::from(stable_in(&[appid, metric, at], 10, 5_000))
}

fn quality_value(appid: &str, metric: &str, at: &str) -> Value {
    let rate = stable_ratio(&[appid, metric, at], 1.0);
    Value::from(match metric {
        "joinSuccessRate" | "joinSuccessIn5sRate" => 0.9 + rate / 10.0,
        "networkDelay" => rate / 2.0,
        _ => rate / 20.0,
    })
}

fn granularity_step(granularity: Granularity) -> u64 {
    match granularity {
        Granularity::Day => DAY,
        Granularity::Hour => 3_600,
    }
}

fn usage_by_time(state: &mut State, call: &Call) -> Handled {
    let request = validated(
        GetUsageByTime::builder()
            .start_ts(call.query_required::<u64>("startTs")?)
            .end_ts(call.query_required::<u64>("endTs")?)
            .appid(call.query_required::<AppId>("appid")?)
            .metric(call.query_required::<UsageMetric>("metric")?)
            .aggregate_granularity(call.query_required::<Granularity>("aggregateGranularity")?)
            .build(),
    )?;
    known_app(state, call, &request.appid)?;
    let metric = request.metric.as_str();
    let data: Vec<Value> = timestamps(
        request.start_ts,
        request.end_ts,
        granularity_step(request.aggregate_granularity),
    )
    .into_iter()
    .map(|ts| {
        let mut point = Map::new();
        point.insert(
            metric.into(),
            usage_value(request.appid.as_str(), metric, &ts.to_string()),
        );
        point.insert("ts".into(), Value::from(ts));
        Value::Object(point)
    })
    .collect();
    success(call, json!({ "data": data }))
}

fn quality_by_time(state: &mut State, call: &Call) -> Handled {
    let request = validated(
        GetQualityByTime::builder()
            .start_ts(call.query_required::<u64>("startTs")?)
            .end_ts(call.query_required::<u64>("endTs")?)
            .appid(call.query_required::<AppId>("appid")?)
            .metric(call.query_required::<QualityMetric>("metric")?)
            .aggregate_granularity(call.query_required::<Granularity>("aggregateGranularity")?)
            .product_type(call.query_required::<ProductType>("productType")?)
            .build(),
    )?;
    known_app(state, call, &request.appid)?;
    let metric = request.metric.as_str();
    let data: Vec<Value> = timestamps(
        request.start_ts,
        request.end_ts,
        granularity_step(request.aggregate_granularity),
    )
    .into_iter()
    .map(|ts| {
        let mut point = Map::new();
        point.insert(
            metric.into(),
            quality_value(request.appid.as_str(), metric, &ts.to_string()),
        );
        point.insert("ts".into(), Value::from(ts));
        Value::Object(point)
    })
    .collect();
    success(call, json!({ "data": data }))
}

/// Aggregated entries: one per dimension value, or one for the project.
fn aggregated(
    appid: &str,
    metric: &str,
    dimension: Option<Dimension>,
    values: Option<&DimensionValues>,
    quality: bool,
) -> Vec<Value> {
    let entry = |group: Option<(&str, &str)>| {
        let at = group.map_or("all", |(_, value)| value);
        let mut point = Map::new();
        if let Some((name, value)) = group {
            point.insert(name.into(), Value::from(value));
        }
        if quality {
            point.insert("refUsage".into(), usage_value(appid, "refUsage", at));
            point.insert(metric.into(), quality_value(appid, metric, at));
        } else {
            point.insert(metric.into(), usage_value(appid, metric, at));
        }
        Value::Object(point)
    };
    match dimension {
        None => vec![entry(None)],
        Some(dimension) => values_of(dimension, values)
            .iter()
            .map(|value| entry(Some((dimension.as_str(), value))))
            .collect(),
    }
}

fn usage_aggregation(state: &mut State, call: &Call) -> Handled {
    let request = validated(
        GetUsageAggregation::builder()
            .appid(call.query_required::<AppId>("appid")?)
            .query(call.whole_body::<UsageAggregationQuery>()?)
            .build(),
    )?;
    known_app(state, call, &request.appid)?;
    let query = &request.query;
    let data = aggregated(
        request.appid.as_str(),
        query.metric.as_str(),
        query.dimension,
        query.dimension_values.as_ref(),
        false,
    );
    success(call, json!({ "data": data }))
}

fn quality_aggregation(state: &mut State, call: &Call) -> Handled {
    let request = validated(
        GetQualityAggregation::builder()
            .appid(call.query_required::<AppId>("appid")?)
            .query(call.whole_body::<QualityAggregationQuery>()?)
            .build(),
    )?;
    known_app(state, call, &request.appid)?;
    let query = &request.query;
    let data = aggregated(
        request.appid.as_str(),
        query.metric.as_str(),
        query.dimension,
        query.dimension_values.as_ref(),
        true,
    );
    success(call, json!({ "data": data }))
}

/// 20-second windows: the one holding `start` included, the one holding
/// `end` not.
fn windows(start: u64, end: u64) -> Vec<u64> {
    let first = start / 20 * 20;
    let last_excluded = end / 20 * 20;
    std::iter::successors(Some(first), |ts| ts.checked_add(20))
        .take_while(|ts| *ts < last_excluded)
        .take(MAX_POINTS as usize)
        .collect()
}

fn realtime_points(
    appid: &str,
    metric: &str,
    dimension: Option<Dimension>,
    values: Option<&DimensionValues>,
    windows: &[u64],
    quality: bool,
) -> Vec<Value> {
    let groups: Vec<Option<(String, String)>> = match dimension {
        None => vec![None],
        Some(dimension) => values_of(dimension, values)
            .into_iter()
            .map(|value| Some((dimension.as_str().to_owned(), value)))
            .collect(),
    };
    let mut points = Vec::new();
    for ts in windows {
        for group in &groups {
            let at = format!(
                "{ts}{}",
                group.as_ref().map_or(String::new(), |(_, v)| v.clone())
            );
            let mut point = Map::new();
            let value = if quality {
                quality_value(appid, metric, &at)
            } else {
                usage_value(appid, metric, &at)
            };
            point.insert(metric.into(), value);
            if let Some((name, value)) = group {
                point.insert(name.clone(), Value::from(value.clone()));
            }
            point.insert("ts".into(), Value::from(*ts));
            points.push(Value::Object(point));
        }
    }
    points
}

fn realtime_usage(state: &mut State, call: &Call) -> Handled {
    let mut builder = GetRealtimeUsage::builder()
        .start_ts(call.query_required::<u64>("startTs")?)
        .end_ts(call.query_required::<u64>("endTs")?)
        .appid(call.query_required::<AppId>("appid")?)
        .product_type(call.query_required::<ProductType>("productType")?)
        .metric(call.query_required::<RealtimeUsageMetric>("metric")?);
    if let Some(dimension) = call.query::<Dimension>("dimension")? {
        builder = builder.dimension(dimension);
    }
    if let Some(values) = call.query::<DimensionValues>("dimensionValues")? {
        builder = builder.dimension_values(values);
    }
    if let Some(cname) = call.query::<ChannelName>("cname")? {
        builder = builder.cname(cname);
    }
    let request = validated(builder.build())?;
    known_app(state, call, &request.appid)?;
    let data = realtime_points(
        request.appid.as_str(),
        request.metric.as_str(),
        request.dimension,
        request.dimension_values.as_ref(),
        &windows(request.start_ts, request.end_ts),
        false,
    );
    success(call, json!({ "data": data }))
}

fn realtime_quality(state: &mut State, call: &Call) -> Handled {
    let mut builder = GetRealtimeQuality::builder()
        .start_ts(call.query_required::<u64>("startTs")?)
        .end_ts(call.query_required::<u64>("endTs")?)
        .appid(call.query_required::<AppId>("appid")?)
        .product_type(call.query_required::<ProductType>("productType")?)
        .metric(call.query_required::<QualityMetric>("metric")?);
    if let Some(dimension) = call.query::<Dimension>("dimension")? {
        builder = builder.dimension(dimension);
    }
    if let Some(values) = call.query::<DimensionValues>("dimensionValues")? {
        builder = builder.dimension_values(values);
    }
    if let Some(cname) = call.query::<ChannelName>("cname")? {
        builder = builder.cname(cname);
    }
    if let Some(uids) = call.query::<UidList>("uids")? {
        builder = builder.uids(uids);
    }
    let request = validated(builder.build())?;
    known_app(state, call, &request.appid)?;
    let windows = windows(request.start_ts, request.end_ts);
    let metric = request.metric.as_str();
    let data = match &request.uids {
        Some(uids) => uids
            .as_slice()
            .iter()
            .map(|uid| {
                let appid = format!("{}{uid}", request.appid);
                json!({
                    "uid": uid.get(),
                    "values": realtime_points(&appid, metric, None, None, &windows, true),
                })
            })
            .collect(),
        None => realtime_points(
            request.appid.as_str(),
            metric,
            request.dimension,
            request.dimension_values.as_ref(),
            &windows,
            true,
        ),
    };
    success(call, json!({ "data": data }))
}

fn top20(
    appid: &str,
    ts: u64,
    metric: &str,
    dimension: Dimension,
    with_users: bool,
    quality: bool,
) -> Value {
    let list: Vec<Value> = dimension_values(dimension)
        .iter()
        .map(|value| {
            let at = format!("{ts}{value}");
            let mut point = Map::new();
            point.insert(dimension.as_str().into(), Value::from(*value));
            let figure = if quality {
                quality_value(appid, metric, &at)
            } else {
                usage_value(appid, metric, &at)
            };
            point.insert(metric.into(), figure);
            if with_users {
                point.insert("userCount".into(), usage_value(appid, "userCount", &at));
            }
            point.insert("windowStartTs".into(), Value::from(ts));
            point.insert("windowEndTs".into(), Value::from(ts.saturating_add(20)));
            Value::Object(point)
        })
        .collect();
    json!({ "data": { "list": list } })
}

fn usage_top20(state: &mut State, call: &Call) -> Handled {
    let request = validated(
        GetRealtimeUsageTop20::builder()
            .ts(call.query_required::<u64>("ts")?)
            .appid(call.query_required::<AppId>("appid")?)
            .product_type(call.query_required::<ProductType>("productType")?)
            .metric(call.query_required::<RealtimeUsageMetric>("metric")?)
            .dimension(call.query_required::<Dimension>("dimension")?)
            .build(),
    )?;
    known_app(state, call, &request.appid)?;
    success(
        call,
        top20(
            request.appid.as_str(),
            request.ts,
            request.metric.as_str(),
            request.dimension,
            false,
            false,
        ),
    )
}

fn quality_top20(state: &mut State, call: &Call) -> Handled {
    let mut builder = GetRealtimeQualityTop20::builder()
        .ts(call.query_required::<u64>("ts")?)
        .appid(call.query_required::<AppId>("appid")?)
        .product_type(call.query_required::<ProductType>("productType")?)
        .metric(call.query_required::<QualityMetric>("metric")?)
        .dimension(call.query_required::<Dimension>("dimension")?);
    if let Some(extra) = call.query::<ExtraMetric>("extraMetrics")? {
        builder = builder.extra_metrics(extra);
    }
    let request = validated(builder.build())?;
    known_app(state, call, &request.appid)?;
    success(
        call,
        top20(
            request.appid.as_str(),
            request.ts,
            request.metric.as_str(),
            request.dimension,
            request.extra_metrics.is_some(),
            true,
        ),
    )
}

fn call_details(state: &mut State, call: &Call) -> Handled {
    let mut builder = GetCallDetails::builder()
        .start_ts(call.query_required::<u64>("start_ts")?)
        .end_ts(call.query_required::<u64>("end_ts")?)
        .appid(call.query_required::<AppId>("appid")?)
        .call_id(call.query_required::<CallId>("call_id")?);
    if let Some(exclude) = call.query::<bool>("exclude_server_user")? {
        builder = builder.exclude_server_user(exclude);
    }
    let request = validated(builder.build())?;
    known_app(state, call, &request.appid)?;
    let info = find_call(state, &request.appid, &request.call_id);
    let call_info = info
        .as_ref()
        .map(|info| sessions(info, None, request.exclude_server_user.unwrap_or(true)))
        .unwrap_or_default();
    let metrics: Vec<Value> = call_info
        .iter()
        .filter_map(|session| session["sid"].as_str())
        .map(|sid| metrics_of(sid, request.start_ts, request.end_ts))
        .collect();
    success(
        call,
        json!({ "call_id": request.call_id.as_str(), "call_info": call_info, "metrics": metrics }),
    )
}

fn report_problem(state: &mut State, call: &Call) -> Handled {
    let request = validated(
        ReportCallProblem::builder()
            .appid(call.query_required::<AppId>("appid")?)
            .report(call.whole_body::<CallProblemReport>()?)
            .build(),
    )?;
    known_app(state, call, &request.appid)?;
    if let Ok(report) = serde_json::to_value(&request.report) {
        state.problem_reports.push(report);
    }
    Ok(Reply::ok(json!({ "code": 200, "message": "" })))
}
