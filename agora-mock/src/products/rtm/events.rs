//! User and channel events: each handed out once.

use agora_api::rtm::{GetChannelEvents, GetUserEvents};
use serde_json::{Value, json};

use super::{Signaling, rtm};
use crate::product::{Call, Store};
use crate::reply::{Handled, Reply};

/// The most events one fetch returns.
const EVENTS_PER_FETCH: usize = 1_000;

pub(super) fn user_events(
    store: &mut Store<'_, Signaling>,
    call: &Call<'_, GetUserEvents>,
) -> Handled {
    let request = &call.request;
    let rtm = rtm(store, call, &request.appid)?;
    let take = rtm.user_events.len().min(EVENTS_PER_FETCH);
    let events: Vec<Value> = rtm
        .user_events
        .drain(..take)
        .map(|event| json!({ "user_id": event.user_id, "type": event.kind, "ms": event.ms }))
        .collect();
    Ok(Reply::ok(json!({
        "result": "success",
        "request_id": call.request_id,
        "events": events,
    })))
}

pub(super) fn channel_events(
    store: &mut Store<'_, Signaling>,
    call: &Call<'_, GetChannelEvents>,
) -> Handled {
    let request = &call.request;
    let rtm = rtm(store, call, &request.appid)?;
    let take = rtm.channel_events.len().min(EVENTS_PER_FETCH);
    let events: Vec<Value> = rtm
        .channel_events
        .drain(..take)
        .map(|event| {
            json!({
                "group_id": event.channel,
                "user_id": event.user_id,
                "type": event.kind,
                "ms": event.ms,
            })
        })
        .collect();
    Ok(Reply::ok(json!({
        "result": "success",
        "request_id": call.request_id,
        "events": events,
    })))
}
