//! The 2.x message history.

use agora_api::rtm::{ChannelType, GetMessageHistory};
use serde_json::{Value, json};

use super::state::StoredMessage;
use super::{Signaling, rtm};
use crate::clock::unix_millis;
use crate::product::{Call, Store};
use crate::reply::{Handled, Reply};

pub(super) fn history(
    store: &mut Store<'_, Signaling>,
    call: &Call<'_, GetMessageHistory>,
) -> Handled {
    let request = &call.request;
    let rtm = rtm(store, call, &request.app_id)?;
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
