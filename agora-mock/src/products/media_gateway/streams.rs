//! The online streams' endpoints: list, get, disconnect, mute.

use std::time::SystemTime;

use agora_api::ServiceRegion;
use agora_api::media_gateway::{
    DisconnectOnlineStream, GetOnlineStream, ListOnlineStreams, MuteOnlineStream,
};
use serde_json::{Value, json};

use super::{Gateway, MUTE_DELAY, MediaGateway, Stream, check_project, message, success};
use crate::clock::iso_millis;
use crate::product::{Call, Store};
use crate::reply::{Fail, Handled};

impl Stream {
    /// The stream as the list and get answer it.
    fn describe(&self) -> Value {
        // `2024-01-01 01:01:01.001`, as the reference page writes times.
        let began = iso_millis(self.began).replace('T', " ").replace('Z', "");
        let mut stream = json!({
            "sid": self.sid,
            "channel": self.channel,
            "uid": self.uid,
            "url": format!("rtmp://{}.gateway.agora-mock.test/live/{}", self.region, self.key),
            "status": if self.running { "Running" } else { "Started" },
            "beginAt": began,
            "bitrate": if self.running { 2400 } else { 0 },
        });
        if self.running
            && let Some(object) = stream.as_object_mut()
        {
            object.insert(
                "video".into(),
                json!({ "width": 1280, "height": 720, "fps": 30 }),
            );
            object.insert(
                "audio".into(),
                json!({ "channels": 2, "sampleRate": 48000 }),
            );
        }
        stream
    }
}

impl Gateway {
    /// Starts a push with key `key` (its index) at `now`: a new session
    /// `sid`, which it returns.
    pub(crate) fn start_push(&mut self, key: usize, sid: String, now: SystemTime) -> String {
        let key = &self.keys[key];
        let template = key
            .template_id
            .clone()
            .filter(|id| {
                self.templates
                    .get(&key.app_id)
                    .is_some_and(|templates| templates.contains_key(id))
            })
            .or_else(|| self.global.get(&key.app_id).cloned());
        let stream = Stream {
            sid: sid.clone(),
            app_id: key.app_id.clone(),
            region: key.region,
            key: key.key.clone(),
            channel: key.channel.clone(),
            uid: key.uid.clone(),
            began: now,
            running: false,
            muted: agora_api::media_gateway::MuteSettings::new(false, false),
            pending: None,
            template,
        };
        self.streams.push(stream);
        sid
    }

    /// The live key `key` of `region`, by index.
    pub(crate) fn live_key(&self, region: ServiceRegion, key: &str) -> Option<usize> {
        self.keys
            .iter()
            .position(|k| k.key == key && k.region == region)
    }

    /// The stream `sid` of `app_id` in `region`, by index.
    fn stream(&self, app_id: &str, region: ServiceRegion, sid: &str) -> Option<usize> {
        self.streams
            .iter()
            .position(|s| s.sid == sid && s.app_id == app_id && s.region == region)
    }
}

fn stream_not_found() -> Fail {
    Fail::Reply(message(404, "Stream not found."))
}

pub(super) fn list(
    store: &mut Store<'_, MediaGateway>,
    call: &Call<'_, ListOnlineStreams>,
) -> Handled {
    let request = &call.request;
    let app_id = request.app_id.as_str();
    check_project(store, app_id)?;
    let streams: Vec<Value> = store
        .own
        .streams
        .iter()
        .filter(|stream| {
            stream.app_id == app_id
                && stream.region == request.region
                && request
                    .channel
                    .as_ref()
                    .is_none_or(|channel| channel.as_str() == stream.channel)
        })
        .map(Stream::describe)
        .collect();
    Ok(success(
        Some(Value::Array(streams)),
        request.request_id.as_ref(),
        call.request_id,
    ))
}

pub(super) fn get(
    store: &mut Store<'_, MediaGateway>,
    call: &Call<'_, GetOnlineStream>,
) -> Handled {
    let request = &call.request;
    let app_id = request.app_id.as_str();
    check_project(store, app_id)?;
    let index = store
        .own
        .stream(app_id, request.region, request.sid.as_str())
        .ok_or_else(stream_not_found)?;
    Ok(success(
        Some(store.own.streams[index].describe()),
        request.request_id.as_ref(),
        call.request_id,
    ))
}

pub(super) fn disconnect(
    store: &mut Store<'_, MediaGateway>,
    call: &Call<'_, DisconnectOnlineStream>,
) -> Handled {
    let request = &call.request;
    let app_id = request.app_id.as_str();
    check_project(store, app_id)?;
    let index = store
        .own
        .stream(app_id, request.region, request.sid.as_str())
        .ok_or_else(stream_not_found)?;
    let ended = store.own.streams.remove(index);
    super::events::disconnected(store.account, &ended, call.now);
    // The encoder reconnects at once while its key is valid: a new
    // session, as Agora warns.
    if let Some(key) = store.own.live_key(ended.region, &ended.key) {
        let sid = store.account.rng.hex(32);
        store.own.start_push(key, sid, call.now);
        if let Some(stream) = store.own.streams.last() {
            super::events::connected(store.account, stream, call.now);
        }
    }
    Ok(success(None, request.request_id.as_ref(), call.request_id))
}

pub(super) fn mute(
    store: &mut Store<'_, MediaGateway>,
    call: &Call<'_, MuteOnlineStream>,
) -> Handled {
    let request = &call.request;
    let app_id = request.app_id.as_str();
    check_project(store, app_id)?;
    let index = store
        .own
        .stream(app_id, request.region, request.sid.as_str())
        .ok_or_else(stream_not_found)?;
    let at = call.now.checked_add(MUTE_DELAY).unwrap_or(call.now);
    store.own.streams[index].pending = Some((request.settings, at));
    Ok(success(None, request.request_id.as_ref(), call.request_id))
}
