//! Data Insights: usage and quality by time and aggregated.

use agora_api::analytics::{
    Dimension, DimensionValues, GetQualityAggregation, GetQualityByTime, GetUsageAggregation,
    GetUsageByTime, Granularity,
};
use serde_json::{Map, Value, json};

use super::{
    Analytics, DAY, known_app, quality_value, success, timestamps, usage_value, values_of,
};
use crate::product::{Call, Store};
use crate::reply::Handled;

fn granularity_step(granularity: Granularity) -> u64 {
    match granularity {
        Granularity::Day => DAY,
        Granularity::Hour => 3_600,
    }
}

pub(super) fn usage_by_time(
    store: &mut Store<'_, Analytics>,
    call: &Call<'_, GetUsageByTime>,
) -> Handled {
    let request = &call.request;
    known_app(store.account, call, &request.appid)?;
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

pub(super) fn quality_by_time(
    store: &mut Store<'_, Analytics>,
    call: &Call<'_, GetQualityByTime>,
) -> Handled {
    let request = &call.request;
    known_app(store.account, call, &request.appid)?;
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

pub(super) fn usage_aggregation(
    store: &mut Store<'_, Analytics>,
    call: &Call<'_, GetUsageAggregation>,
) -> Handled {
    let request = &call.request;
    known_app(store.account, call, &request.appid)?;
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

pub(super) fn quality_aggregation(
    store: &mut Store<'_, Analytics>,
    call: &Call<'_, GetQualityAggregation>,
) -> Handled {
    let request = &call.request;
    known_app(store.account, call, &request.appid)?;
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
