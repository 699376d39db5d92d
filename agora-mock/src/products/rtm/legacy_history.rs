//! The legacy 1.x history: create a query, fetch its result, count.

#![allow(deprecated)]

use agora_api::InvalidInput;
use agora_api::rtm::{
    CountHistoryMessages, CreateHistoryQuery, GetHistoryQueryResult, HistoryOrder, HistoryTime,
};
use serde_json::{Value, json};

use super::state::{LegacyHistoryQuery, StoredMessage};
use super::{Signaling, error, rtm};
use crate::clock::parse_history_time;
use crate::product::{Call, Store};
use crate::reply::{Fail, Handled, Reply};

/// Legacy matching: `source` is a sender, `destination` a receiving user
/// or channel; a channel as `source` matches nothing.
fn legacy_matches(query: &LegacyHistoryQuery, message: &StoredMessage) -> bool {
    let seconds = message.ms / 1000;
    message.historical
        && seconds >= query.start
        && seconds <= query.end
        && query
            .source
            .as_deref()
            .is_none_or(|source| source == message.from)
        && query
            .destination
            .as_deref()
            .is_none_or(|destination| destination == message.to)
}

fn history_times(start: &HistoryTime, end: &HistoryTime) -> Result<(u64, u64), InvalidInput> {
    let read = |field: &'static str, time: &HistoryTime| {
        parse_history_time(time.as_str())
            .ok_or_else(|| InvalidInput::new(field, "is not a time the emulator can read"))
    };
    Ok((read("start_time", start)?, read("end_time", end)?))
}

pub(super) fn create_query(
    store: &mut Store<'_, Signaling>,
    call: &Call<'_, CreateHistoryQuery>,
) -> Handled {
    let request = &call.request;
    rtm(store, call, &request.appid)?;
    let (start, end) = history_times(&request.filter.start_time, &request.filter.end_time)?;
    let handle = store.account.rng.digits(12);
    let query = LegacyHistoryQuery {
        appid: request.appid.as_str().to_owned(),
        source: request
            .filter
            .source
            .as_ref()
            .map(|user| user.as_str().to_owned()),
        destination: request.filter.destination.clone(),
        start,
        end,
        offset: request.offset.unwrap_or(0),
        limit: request.limit.unwrap_or(20),
        descending: request.order == Some(HistoryOrder::Desc),
    };
    let reply = json!({
        "result": "success",
        "request_id": call.request_id,
        "offset": query.offset,
        "limit": query.limit,
        "order": if query.descending { "desc" } else { "asc" },
        "location": format!("~/rtm/message/history/query/{handle}"),
    });
    store.own.history_queries.insert(handle, query);
    Ok(Reply::ok(reply))
}

pub(super) fn query_result(
    store: &mut Store<'_, Signaling>,
    call: &Call<'_, GetHistoryQueryResult>,
) -> Handled {
    let request = &call.request;
    rtm(store, call, &request.appid)?;
    let query = store
        .own
        .history_queries
        .get(&request.handle)
        .filter(|query| query.appid == request.appid.as_str())
        .cloned()
        .ok_or_else(|| {
            Fail::Reply(error(
                call.request_id,
                404,
                "no history query has this handle: create one first",
            ))
        })?;
    let rtm = rtm(store, call, &request.appid)?;
    let mut found: Vec<&StoredMessage> = rtm
        .messages
        .iter()
        .filter(|message| legacy_matches(&query, message))
        .collect();
    if query.descending {
        found.reverse();
    }
    let messages: Vec<Value> = found
        .into_iter()
        .skip(query.offset as usize)
        .take(query.limit as usize)
        .map(|message| {
            json!({
                "src": message.from,
                "dst": message.to,
                "message_type": if message.channel { "channel_message" } else { "peer_message" },
                "payload": message.payload,
                "ms": message.ms,
            })
        })
        .collect();
    Ok(Reply::ok(json!({
        "result": "success",
        "request_id": call.request_id,
        "code": "ok",
        "messages": messages,
    })))
}

pub(super) fn count(
    store: &mut Store<'_, Signaling>,
    call: &Call<'_, CountHistoryMessages>,
) -> Handled {
    let request = &call.request;
    let (start, end) = history_times(&request.start_time, &request.end_time)?;
    let query = LegacyHistoryQuery {
        appid: request.appid.as_str().to_owned(),
        source: request.source.as_ref().map(|user| user.as_str().to_owned()),
        destination: request.destination.clone(),
        start,
        end,
        offset: 0,
        limit: u32::MAX,
        descending: false,
    };
    let rtm = rtm(store, call, &request.appid)?;
    let count = rtm
        .messages
        .iter()
        .filter(|message| legacy_matches(&query, message))
        .count();
    Ok(Reply::ok(json!({
        "result": "success",
        "request_id": call.request_id,
        "code": "ok",
        "count": count,
    })))
}
