//! The legacy Analytics endpoints: call details, call problem reports.

#![allow(deprecated)]

use agora_api::analytics::{GetCallDetails, ReportCallProblem};
use serde_json::{Value, json};

use super::Analytics;
use super::call_inspector::{find_call, metrics_of, sessions};
use super::{known_app, success};
use crate::product::{Call, Store};
use crate::reply::{Handled, Reply};

pub(super) fn call_details(
    store: &mut Store<'_, Analytics>,
    call: &Call<'_, GetCallDetails>,
) -> Handled {
    let request = &call.request;
    known_app(store.account, call, &request.appid)?;
    let info = find_call(store.account, &request.appid, &request.call_id);
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

pub(super) fn report_problem(
    store: &mut Store<'_, Analytics>,
    call: &Call<'_, ReportCallProblem>,
) -> Handled {
    let request = &call.request;
    known_app(store.account, call, &request.appid)?;
    if let Ok(report) = serde_json::to_value(&request.report) {
        store.own.problem_reports.push(report);
    }
    Ok(Reply::ok(json!({ "code": 200, "message": "" })))
}
