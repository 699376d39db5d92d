//! Bans, time lags, and the streams online now.

use std::time::Duration;

use agora_api::media_broadcast::{
    BanStream, CancelStreamDelay, FlsTime, GetOnlineStream, ListBannedStreams, ListOnlineStreams,
    SetStreamDelay, UnbanStream,
};
use serde_json::{Value, json};

use super::{Ban, MediaBroadcast, empty, entry_point, message, unix_now};
use crate::product::{Call, Store};
use crate::reply::{Fail, Handled, Reply};

/// How long a ban lasts without a `resumeTime`.
const DEFAULT_BAN: Duration = Duration::from_secs(7 * 86_400);

/// An RFC 3339 UTC time of Unix seconds `secs`.
pub(super) fn rfc3339(secs: i64) -> String {
    let time = match u64::try_from(secs) {
        Ok(after) => std::time::UNIX_EPOCH + Duration::from_secs(after),
        Err(_) => std::time::UNIX_EPOCH,
    };
    FlsTime::at(time)
        .map(|time| time.as_str().to_owned())
        .unwrap_or_default()
}

pub(super) fn ban(store: &mut Store<'_, MediaBroadcast>, call: &Call<'_, BanStream>) -> Handled {
    let request = &call.request;
    let now = unix_now(call.now);
    let (resume_time, until) = match &request.resume_time {
        Some(time) => (time.as_str().to_owned(), time.unix_seconds()),
        None => {
            let until = now.saturating_add_unsigned(DEFAULT_BAN.as_secs());
            (rfc3339(until), until)
        }
    };
    let entry = entry_point(store, request.appid.as_str(), request.entry_point.as_str())?;
    let stream = request.stream_name.as_str();
    // A banned stream's push is cut off.
    entry.stop(stream, now);
    entry
        .banned
        .insert(stream.to_owned(), Ban { resume_time, until });
    Ok(empty(200))
}

pub(super) fn unban(
    store: &mut Store<'_, MediaBroadcast>,
    call: &Call<'_, UnbanStream>,
) -> Handled {
    let request = &call.request;
    let entry = entry_point(store, request.appid.as_str(), request.entry_point.as_str())?;
    entry.banned.remove(request.stream_name.as_str());
    Ok(empty(200))
}

pub(super) fn list_banned(
    store: &mut Store<'_, MediaBroadcast>,
    call: &Call<'_, ListBannedStreams>,
) -> Handled {
    let request = &call.request;
    let entry = entry_point(store, request.appid.as_str(), request.entry_point.as_str())?;
    let list: Vec<Value> = entry
        .banned
        .iter()
        .map(|(name, ban)| json!({ "name": name, "resumeTime": ban.resume_time }))
        .collect();
    Ok(Reply::ok(json!({ "bannedStreamList": list })))
}

pub(super) fn set_delay(
    store: &mut Store<'_, MediaBroadcast>,
    call: &Call<'_, SetStreamDelay>,
) -> Handled {
    let request = &call.request;
    let entry = entry_point(store, request.appid.as_str(), request.entry_point.as_str())?;
    entry
        .delays
        .insert(request.stream_name.as_str().to_owned(), request.delay.get());
    Ok(empty(200))
}

pub(super) fn cancel_delay(
    store: &mut Store<'_, MediaBroadcast>,
    call: &Call<'_, CancelStreamDelay>,
) -> Handled {
    let request = &call.request;
    let entry = entry_point(store, request.appid.as_str(), request.entry_point.as_str())?;
    entry.delays.remove(request.stream_name.as_str());
    Ok(empty(200))
}

pub(super) fn list_online(
    store: &mut Store<'_, MediaBroadcast>,
    call: &Call<'_, ListOnlineStreams>,
) -> Handled {
    let request = &call.request;
    let entry = entry_point(store, request.appid.as_str(), request.entry_point.as_str())?;
    let list: Vec<Value> = entry
        .pushes
        .keys()
        .filter_map(|name| {
            entry
                .online_since(name)
                .map(|since| json!({ "name": name, "startTime": rfc3339(since) }))
        })
        .collect();
    Ok(Reply::ok(json!({ "streamList": list })))
}

pub(super) fn get_online(
    store: &mut Store<'_, MediaBroadcast>,
    call: &Call<'_, GetOnlineStream>,
) -> Handled {
    let request = &call.request;
    let entry = entry_point(store, request.appid.as_str(), request.entry_point.as_str())?;
    let stream = request.stream_name.as_str();
    let since = entry
        .online_since(stream)
        .ok_or_else(|| Fail::Reply(message(404, &format!("stream {stream} is not online"))))?;
    Ok(Reply::ok(json!({ "startTime": rfc3339(since) })))
}
