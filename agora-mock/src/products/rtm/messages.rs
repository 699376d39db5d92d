//! Peer and channel messages.

use agora_api::rtm::{Payload, RtmChannelName, SendChannelMessage, SendPeerMessage};
use agora_api::{AppId, UserId};
use serde_json::json;

use super::state::{MAX_OFFLINE, StoredMessage};
use super::{Signaling, check_sender, rtm};
use crate::call::validated;
use crate::product::{Call, Store};
use crate::reply::{Handled, Reply};

pub(super) fn send_peer(
    store: &mut Store<'_, Signaling>,
    call: &Call<'_, SendPeerMessage>,
) -> Handled {
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
