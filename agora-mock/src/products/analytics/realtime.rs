//! Real-time Monitoring: usage and quality in 20-second windows, and the
//! top 20 of a dimension.

use agora_api::analytics::{
    Dimension, DimensionValues, GetRealtimeQuality, GetRealtimeQualityTop20, GetRealtimeUsage,
    GetRealtimeUsageTop20,
};
use serde_json::{Map, Value, json};

use super::{
    Analytics, MAX_POINTS, dimension_values, known_app, quality_value, success, usage_value,
    values_of,
};
use crate::product::{Call, Store};
use crate::reply::Handled;

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

pub(super) fn realtime_usage(
    store: &mut Store<'_, Analytics>,
    call: &Call<'_, GetRealtimeUsage>,
) -> Handled {
    let request = &call.request;
    known_app(store.account, call, &request.appid)?;
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

pub(super) fn realtime_quality(
    store: &mut Store<'_, Analytics>,
    call: &Call<'_, GetRealtimeQuality>,
) -> Handled {
    let request = &call.request;
    known_app(store.account, call, &request.appid)?;
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

pub(super) fn usage_top20(
    store: &mut Store<'_, Analytics>,
    call: &Call<'_, GetRealtimeUsageTop20>,
) -> Handled {
    let request = &call.request;
    known_app(store.account, call, &request.appid)?;
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

pub(super) fn quality_top20(
    store: &mut Store<'_, Analytics>,
    call: &Call<'_, GetRealtimeQualityTop20>,
) -> Handled {
    let request = &call.request;
    known_app(store.account, call, &request.appid)?;
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
