//! Call Inspector: calls, their sessions and metrics, statistics by
//! dimension, freeze-rate buckets, time series. Calls are the emulator's
//! RTC channels with users in them.

use agora_api::AppId;
use agora_api::analytics::{
    CallId, CallTimeSeriesMetric, GetCallMetrics, GetCallSessions, GetCallStatistics,
    GetCallStatisticsByTime, GetFreezeRateBuckets, ListCalls, UidList,
};
use agora_api::channel::Platform;
use serde_json::{Map, Value, json};

use super::{Analytics, DAY, dimension_values, known_app, success, timestamps};
use crate::clock::unix_secs;
use crate::ids::{stable_hex, stable_in, stable_ratio};
use crate::product::{Call, Store};
use crate::reply::{Fail, Handled, Reply};
use crate::state::{Account, Channel};

/// How far back Call Inspector data goes (Enterprise).
const CALL_DATA_WINDOW: u64 = 15 * DAY;

/// A plan limit: `code` 300 with Agora's message, in a `200` answer.
fn plan_limit<E>(call: &Call<'_, E>, message: &str) -> Fail {
    Fail::Reply(Reply::ok(json!({
        "code": 300,
        "message": message,
        "requestId": call.request_id,
    })))
}

/// Call Inspector's data window and delay (Enterprise).
fn check_window<E>(call: &Call<'_, E>, start: u64, end: u64, delay: u64) -> Result<(), Fail> {
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
pub(super) struct CallInfo<'s> {
    id: String,
    cname: &'s str,
    channel: &'s Channel,
    created: u64,
}

fn calls<'s>(account: &'s Account, appid: &AppId) -> Vec<CallInfo<'s>> {
    let Some(channels) = account.channels.get(appid.as_str()) else {
        return Vec::new();
    };
    channels
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

pub(super) fn find_call<'s>(
    account: &'s Account,
    appid: &AppId,
    id: &CallId,
) -> Option<CallInfo<'s>> {
    calls(account, appid)
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
pub(super) fn sessions(
    info: &CallInfo,
    uids: Option<&UidList>,
    exclude_server: bool,
) -> Vec<Value> {
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

pub(super) fn list_calls(store: &mut Store<'_, Analytics>, call: &Call<'_, ListCalls>) -> Handled {
    let request = &call.request;
    known_app(store.account, call, &request.appid)?;
    check_window(call, request.start_ts, request.end_ts, 20)?;
    let items: Vec<Value> = calls(store.account, &request.appid)
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

pub(super) fn call_sessions(
    store: &mut Store<'_, Analytics>,
    call: &Call<'_, GetCallSessions>,
) -> Handled {
    let request = &call.request;
    known_app(store.account, call, &request.appid)?;
    check_window(call, request.start_ts, request.end_ts, 100)?;
    let items = find_call(store.account, &request.appid, &request.call_id)
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
pub(super) fn metrics_of(sid: &str, start: u64, end: u64) -> Value {
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

pub(super) fn call_metrics(
    store: &mut Store<'_, Analytics>,
    call: &Call<'_, GetCallMetrics>,
) -> Handled {
    let request = &call.request;
    known_app(store.account, call, &request.appid)?;
    check_window(call, request.start_ts, request.end_ts, 100)?;
    let metrics: Vec<Value> = request
        .sids
        .as_slice()
        .iter()
        .map(|sid| metrics_of(sid, request.start_ts, request.end_ts))
        .collect();
    success(call, json!({ "metrics": metrics }))
}

pub(super) fn call_statistics(
    store: &mut Store<'_, Analytics>,
    call: &Call<'_, GetCallStatistics>,
) -> Handled {
    let request = &call.request;
    known_app(store.account, call, &request.appid)?;
    let users = find_call(store.account, &request.appid, &request.call_id)
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

pub(super) fn freeze_buckets(
    store: &mut Store<'_, Analytics>,
    call: &Call<'_, GetFreezeRateBuckets>,
) -> Handled {
    let request = &call.request;
    known_app(store.account, call, &request.appid)?;
    let users = find_call(store.account, &request.appid, &request.call_id)
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

pub(super) fn call_time_series(
    store: &mut Store<'_, Analytics>,
    call: &Call<'_, GetCallStatisticsByTime>,
) -> Handled {
    let request = &call.request;
    known_app(store.account, call, &request.appid)?;
    let users = find_call(store.account, &request.appid, &request.call_id)
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
