//! Real-time Messaging (Signaling): peer and channel messages, user and
//! channel events, the 2.x message history and the legacy 1.x history.
//!
//! Who is online and in which channel comes from the tests
//! ([`MockServer::rtm`](crate::MockServer::rtm)): logging in and out,
//! joining and leaving make the events `user_events` / `channel_events`
//! hand out (each once: fetching removes them; at most 2 000 kept, 1 000
//! per answer). A peer message to a user who is offline answers
//! `message_offline`. Messages sent with `enable_historical_messaging` are
//! what both history APIs find.
//!
//! With token auth a message can only be sent as the token's user: another
//! sender in the path is `401`. Errors use Signaling's body
//! `{"errorCode", "error": true, "requestId", "reason"}` and its codes (400
//! invalid request, 401 authentication, 403 invalid App ID, 404, 415).

#![allow(deprecated)]

use agora_api::rtm::{
    ChannelType, CountHistoryMessages, CreateHistoryQuery, GetChannelEvents, GetHistoryQueryResult,
    GetMessageHistory, GetUserEvents, HistoryFilter, HistoryOrder, HistoryTime, Payload,
    RtmChannelName, SendChannelMessage, SendPeerMessage,
};
use agora_api::{AppId, Endpoint, InvalidInput, UserId};
use serde_json::{Value, json};

use crate::auth::Principal;
use crate::call::{Call, validated};
use crate::clock::{parse_history_time, unix_millis};
use crate::reply::{Fail, Handled, Reply};
use crate::state::{LegacyHistoryQuery, MAX_OFFLINE, Rtm, State, StoredMessage};

/// The most events one fetch returns.
const EVENTS_PER_FETCH: usize = 1_000;

/// The answer to a request for a Signaling endpoint.
pub(crate) fn handle(state: &mut State, call: &Call) -> Reply {
    let handled = match call.info.name {
        "SendPeerMessage" => send_peer(state, call),
        "SendChannelMessage" => send_channel(state, call),
        "GetUserEvents" => user_events(state, call),
        "GetChannelEvents" => channel_events(state, call),
        "GetMessageHistory" => history(state, call),
        "CreateHistoryQuery" => create_query(state, call),
        "GetHistoryQueryResult" => query_result(state, call),
        "CountHistoryMessages" => count(state, call),
        _ => Err(Fail::Reply(Reply::no_route())),
    };
    handled.unwrap_or_else(|fail| match fail {
        Fail::Reply(reply) => reply,
        Fail::Invalid(error) => invalid(call, &error),
    })
}

/// Signaling's error body.
pub(crate) fn error(call: &Call, status: u16, reason: impl Into<String>) -> Reply {
    error_with_id(call.request_id, status, reason)
}

/// Signaling's error body, before a request is routed to a handler.
pub(crate) fn error_with_id(request_id: &str, status: u16, reason: impl Into<String>) -> Reply {
    Reply::json(
        status,
        json!({
            "errorCode": status,
            "error": true,
            "requestId": request_id,
            "reason": reason.into(),
        }),
    )
}

/// `400`, invalid request.
pub(crate) fn invalid(call: &Call, error: &InvalidInput) -> Reply {
    self::error(call, 400, error.to_string())
}

/// `403`: the App ID is not a project of the account.
fn unknown_app(call: &Call) -> Fail {
    Fail::Reply(error(call, 403, "App ID invalid"))
}

fn rtm<'s>(state: &'s mut State, call: &Call, appid: &AppId) -> Result<&'s mut Rtm, Fail> {
    state
        .app_mut(appid.as_str())
        .map(|app| &mut app.rtm)
        .ok_or_else(|| unknown_app(call))
}

/// With token auth, the user a request acts as (its `#[endpoint(sender)]`)
/// must be the token's user: Agora accepts messages only from the user the
/// token was generated for.
fn check_sender<E: Endpoint>(call: &Call, endpoint: &E) -> Result<(), Fail> {
    if let (Principal::RtmUser(user), Some((field, sender))) = (call.principal, endpoint.sender())
        && sender != user
    {
        return Err(Fail::Reply(error(
            call,
            401,
            format!(
                "{field} {sender:?} is not the user the token was generated for: with token authentication, messages can be sent only as that user"
            ),
        )));
    }
    Ok(())
}

fn send_peer(state: &mut State, call: &Call) -> Handled {
    let body = call.body()?;
    let mut builder = SendPeerMessage::builder()
        .appid(call.path::<AppId>("appid")?)
        .user_id(call.path::<UserId>("user_id")?)
        .destination(body.required::<UserId>("destination")?)
        .payload(body.required::<Payload>("payload")?);
    if let Some(wait) = call.query::<bool>("wait_for_ack")? {
        builder = builder.wait_for_ack(wait);
    }
    if let Some(offline) = body.get::<bool>("enable_offline_messaging")? {
        builder = builder.enable_offline_messaging(offline);
    }
    if let Some(history) = body.get::<bool>("enable_historical_messaging")? {
        builder = builder.enable_historical_messaging(history);
    }
    let request = validated(builder.build())?;
    check_sender(call, &request)?;
    let rtm = rtm(state, call, &request.appid)?;
    let to = request.destination.as_str().to_owned();
    let online = rtm.online.contains(&to);
    let ms = rtm.stamp(call.now);
    let index = rtm.messages.len();
    rtm.messages.push(StoredMessage {
        channel: false,
        from: request.user_id.as_str().to_owned(),
        to: to.clone(),
        payload: request.payload.as_str().to_owned(),
        ms,
        historical: request.enable_historical_messaging == Some(true),
        delivered: online,
    });
    if !online {
        if request.enable_offline_messaging == Some(true) {
            let queue = rtm.offline.entry(to).or_default();
            if queue.len() == MAX_OFFLINE {
                queue.pop_front();
            }
            queue.push_back(index);
        }
        return Ok(Reply::ok(json!({
            "request_id": call.request_id,
            "code": "message_offline",
        })));
    }
    let code = if request.wait_for_ack == Some(true) {
        "message_delivered"
    } else {
        "message_sent"
    };
    Ok(Reply::ok(json!({
        "result": "success",
        "request_id": call.request_id,
        "code": code,
    })))
}

fn send_channel(state: &mut State, call: &Call) -> Handled {
    let body = call.body()?;
    let mut builder = SendChannelMessage::builder()
        .appid(call.path::<AppId>("appid")?)
        .user_id(call.path::<UserId>("user_id")?)
        .channel_name(body.required::<RtmChannelName>("channel_name")?)
        .payload(body.required::<Payload>("payload")?);
    if let Some(history) = body.get::<bool>("enable_historical_messaging")? {
        builder = builder.enable_historical_messaging(history);
    }
    let request = validated(builder.build())?;
    check_sender(call, &request)?;
    let rtm = rtm(state, call, &request.appid)?;
    let ms = rtm.stamp(call.now);
    let delivered = rtm
        .members
        .get(request.channel_name.as_str())
        .is_some_and(|members| !members.is_empty());
    rtm.messages.push(StoredMessage {
        channel: true,
        from: request.user_id.as_str().to_owned(),
        to: request.channel_name.as_str().to_owned(),
        payload: request.payload.as_str().to_owned(),
        ms,
        historical: request.enable_historical_messaging == Some(true),
        delivered,
    });
    Ok(Reply::ok(json!({
        "result": "success",
        "request_id": call.request_id,
        "code": "message_sent",
    })))
}

fn user_events(state: &mut State, call: &Call) -> Handled {
    let request = validated(
        GetUserEvents::builder()
            .appid(call.path::<AppId>("appid")?)
            .build(),
    )?;
    let rtm = rtm(state, call, &request.appid)?;
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

fn channel_events(state: &mut State, call: &Call) -> Handled {
    let request = validated(
        GetChannelEvents::builder()
            .appid(call.path::<AppId>("appid")?)
            .build(),
    )?;
    let rtm = rtm(state, call, &request.appid)?;
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

fn history(state: &mut State, call: &Call) -> Handled {
    let channel_type = ChannelType::from(call.path_text("channelType")?);
    let mut builder = GetMessageHistory::builder()
        .app_id(call.path::<AppId>("appId")?)
        .user_id(call.path::<UserId>("userId")?)
        .channel_type(channel_type)
        .channel_name(call.path::<RtmChannelName>("channelName")?);
    if let Some(start) = call.query::<u64>("start")? {
        builder = builder.start(start);
    }
    if let Some(end) = call.query::<u64>("end")? {
        builder = builder.end(end);
    }
    if let Some(count) = call.query::<u32>("messageCount")? {
        builder = builder.message_count(count);
    }
    let request = validated(builder.build())?;
    let rtm = rtm(state, call, &request.app_id)?;
    let user = request.user_id.as_str();
    let channel = request.channel_name.as_str();
    let start = request.start.unwrap_or(0);
    let end = request.end.unwrap_or(0);
    let count = request.message_count.unwrap_or(100) as usize;
    let mut found: Vec<&StoredMessage> = rtm
        .messages
        .iter()
        .filter(|message| message.historical)
        .filter(|message| match request.channel_type {
            ChannelType::Message => message.channel && message.to == channel,
            _ => {
                !message.channel
                    && ((message.from == user && message.to == channel)
                        || (message.from == channel && message.to == user))
            }
        })
        .filter(|message| message.ms >= start && (end == 0 || message.ms <= end))
        .collect();
    found.sort_by_key(|message| message.ms);
    let new_start = found.get(count).map_or(0, |message| message.ms);
    let list: Vec<Value> = found
        .iter()
        .take(count)
        .map(|message| {
            json!({
                "messageType": "STRING",
                "message": message.payload,
                "customType": "",
                "publisher": message.from,
                "timestamp": message.ms,
            })
        })
        .collect();
    Ok(Reply::ok(json!({
        "errorCode": 200,
        "error": false,
        "requestId": call.request_id,
        "operation": "getMessage",
        "reason": "",
        "timestamp": unix_millis(call.now),
        "data": { "messageList": list, "count": list.len(), "newStart": new_start },
    })))
}

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

fn create_query(state: &mut State, call: &Call) -> Handled {
    let body = call.body()?;
    let mut builder = CreateHistoryQuery::builder()
        .appid(call.path::<AppId>("appid")?)
        .filter(body.required::<HistoryFilter>("filter")?);
    if let Some(offset) = body.get::<u32>("offset")? {
        builder = builder.offset(offset);
    }
    if let Some(limit) = body.get::<u32>("limit")? {
        builder = builder.limit(limit);
    }
    if let Some(order) = body.get::<HistoryOrder>("order")? {
        builder = builder.order(order);
    }
    let request = validated(builder.build())?;
    rtm(state, call, &request.appid)?;
    let (start, end) = history_times(&request.filter.start_time, &request.filter.end_time)?;
    let handle = state.rng.digits(12);
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
    state.history_queries.insert(handle, query);
    Ok(Reply::ok(reply))
}

fn query_result(state: &mut State, call: &Call) -> Handled {
    let request = validated(
        GetHistoryQueryResult::builder()
            .appid(call.path::<AppId>("appid")?)
            .handle(call.path_text("handle")?)
            .build(),
    )?;
    rtm(state, call, &request.appid)?;
    let query = state
        .history_queries
        .get(&request.handle)
        .filter(|query| query.appid == request.appid.as_str())
        .cloned()
        .ok_or_else(|| {
            Fail::Reply(error(
                call,
                404,
                "no history query has this handle: create one first",
            ))
        })?;
    let rtm = rtm(state, call, &request.appid)?;
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

fn count(state: &mut State, call: &Call) -> Handled {
    let mut builder = CountHistoryMessages::builder()
        .appid(call.path::<AppId>("appid")?)
        .start_time(call.query_required::<HistoryTime>("start_time")?)
        .end_time(call.query_required::<HistoryTime>("end_time")?);
    if let Some(source) = call.query::<UserId>("source")? {
        builder = builder.source(source);
    }
    if let Some(destination) = call.query_text("destination") {
        builder = builder.destination(destination);
    }
    let request = validated(builder.build())?;
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
    let rtm = rtm(state, call, &request.appid)?;
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
