//! Peer and channel messages.

use agora_api::rtm::{SendChannelMessage, SendPeerMessage};
use serde_json::json;

use super::state::{MAX_OFFLINE, StoredMessage};
use super::{Signaling, check_sender, rtm};
use crate::product::{Call, Store};
use crate::reply::{Handled, Reply};

pub(super) fn send_peer(
    store: &mut Store<'_, Signaling>,
    call: &Call<'_, SendPeerMessage>,
) -> Handled {
    let request = &call.request;
    check_sender(call, request)?;
    let rtm = rtm(store, call, &request.appid)?;
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

pub(super) fn send_channel(
    store: &mut Store<'_, Signaling>,
    call: &Call<'_, SendChannelMessage>,
) -> Handled {
    let request = &call.request;
    check_sender(call, request)?;
    let rtm = rtm(store, call, &request.appid)?;
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
