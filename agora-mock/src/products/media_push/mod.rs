//! Media Push: converters, from create to destroy.
//!
//! * A converter lives in the region it was created in: get, update and
//!   delete elsewhere are `404`, as for an unknown or destroyed one
//!   (`{"message": "Resource cannot be found/has been destroyed."}`; a
//!   get's is `{"reason": ...}`). Names are unique in a project: `409`.
//! * It is `connecting` for two seconds (by the server's clock), then
//!   `running`, or `failed` when its `rtmpUrl`'s host ends in `.invalid`
//!   (the reserved name that can never resolve: the way a test makes a
//!   CDN unreachable). A new `rtmpUrl` connects again.
//! * It is idle while no one whose stream it processes is sending one in
//!   its channel (the raw converter's user; anyone, for a mix), and is
//!   destroyed after `idleTimeout` seconds idle (default 300).
//! * Updates apply only with a `sequence` larger than the last applied
//!   one; a smaller or equal one is answered as a success and changes
//!   nothing (Agora keeps the update with the largest number). A raw or
//!   vertical-layout converter takes `rtmpUrl` only, an audio-only or
//!   video-only one cannot gain the other kind, and volumes need their
//!   user among the mixed ones: `400`.
//! * Answers carry `X-Request-ID` (the request's, else the emulator's)
//!   and `X-Custom-Request-ID`; create, update and get carry
//!   `X-Resource-ID`. Lists page 500 at a time with `cursor`, and show
//!   numbers as strings, as Agora's example does.

use std::time::{Duration, SystemTime};

use agora_api::media_push::{
    ConverterConfig, ConverterOptions, CreateConverter, DeleteConverter, GetConverter,
    ListChannelConverters, ListConverters, UpdateConverter,
};
use agora_api::registry::EndpointInfo;
use agora_api::types::RequestId;
use agora_api::webhooks::product_id;
use agora_api::{InvalidInput, ServiceRegion};
use serde_json::{Value, json};

use crate::clock::{unix_millis, unix_secs};
use crate::product::{Call, Product, Registration, Routes, Store};
use crate::reply::{Fail, Handled, Reply};
use crate::state::Account;

mod update;

/// How long a converter connects before it runs (or fails).
const CONNECTING: Duration = Duration::from_secs(2);
/// Agora's default `idleTimeout`, seconds.
const DEFAULT_IDLE_TIMEOUT: u64 = 300;
/// Converters per list page.
const PAGE: usize = 500;

/// The Media Push product.
#[derive(Debug)]
pub(crate) struct MediaPush;

impl Product for MediaPush {
    const MODULE: &'static str = "agora_api::media_push";
    type State = Converters;

    fn register(routes: &mut Routes<Self>) {
        routes
            .on::<CreateConverter>(create)
            .on::<DeleteConverter>(delete)
            .on::<UpdateConverter>(update::update)
            .on::<GetConverter>(get)
            .on::<ListConverters>(list)
            .on::<ListChannelConverters>(list_channel);
    }

    /// `400 {"message": "invalid `field`: rule"}`, as Agora's "Invalid
    /// parameter: rtmpUrl" answers name the field.
    fn invalid(_info: &'static EndpointInfo, _request_id: &str, error: &InvalidInput) -> Reply {
        message(400, &error.to_string())
    }

    fn unsupported_media_type(_request_id: &str) -> Reply {
        Reply::unsupported_media_type()
    }

    /// Converters connect, run or fail; idle ones are destroyed.
    fn tick(store: &mut Store<'_, Self>, now: SystemTime) {
        let channels = &store.account.channels;
        let mut events = Vec::new();
        store.own.live.retain_mut(|converter| {
            if converter.state == State::Connecting
                && now >= converter.connecting_since + CONNECTING
            {
                converter.state = if unreachable(converter.config.rtmp_url.as_str()) {
                    State::Failed
                } else {
                    State::Running
                };
                events.push((3, converter.notice(None)));
            }
            let streaming = channels
                .get(&converter.app_id)
                .and_then(|channels| channels.get(converter.config.channel().as_str()))
                .is_some_and(|channel| {
                    let mut streamers = channel.streamers();
                    match &converter.config.options {
                        ConverterOptions::Raw(raw) => {
                            streamers.any(|uid| uid == raw.rtc_stream_uid)
                        }
                        _ => streamers.next().is_some(),
                    }
                });
            if streaming {
                converter.idle_since = None;
            } else {
                let since = *converter.idle_since.get_or_insert(now);
                let limit = Duration::from_secs(converter.idle_timeout());
                if now.duration_since(since).unwrap_or_default() > limit {
                    events.push((4, converter.notice(Some("Idle timeout"))));
                    return false;
                }
            }
            true
        });
        for (event_type, payload) in events {
            notify(store.account, event_type, now, payload);
        }
    }
}

inventory::submit! { Registration::of::<MediaPush>() }

/// Whether Agora could never reach `url`'s host: a name under `.invalid`.
pub(crate) fn unreachable(url: &str) -> bool {
    let after_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
    let host = after_scheme
        .split(['/', '?', '#'])
        .next()
        .unwrap_or_default();
    let host = host.rsplit_once('@').map_or(host, |(_, host)| host);
    let host = host.split(':').next().unwrap_or_default();
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    host == "invalid" || host.ends_with(".invalid")
}

/// The converters of the account, in creation order.
#[derive(Debug, Default)]
pub(crate) struct Converters {
    live: Vec<Converter>,
}

/// Where a converter is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum State {
    Connecting,
    Running,
    Failed,
}

impl State {
    fn as_str(self) -> &'static str {
        match self {
            State::Connecting => "connecting",
            State::Running => "running",
            State::Failed => "failed",
        }
    }
}

/// One converter.
#[derive(Debug, Clone)]
pub(crate) struct Converter {
    id: String,
    app_id: String,
    region: ServiceRegion,
    config: ConverterConfig,
    created: SystemTime,
    updated: SystemTime,
    connecting_since: SystemTime,
    state: State,
    /// The sequence of the last update applied.
    last_sequence: Option<u64>,
    /// Since when nobody it processes has been streaming.
    idle_since: Option<SystemTime>,
}

impl Converter {
    fn idle_timeout(&self) -> u64 {
        self.config
            .idle_timeout
            .map_or(DEFAULT_IDLE_TIMEOUT, u64::from)
    }

    /// `{id, createTs, updateTs, state}`: what create and update answer.
    fn brief(&self) -> Value {
        json!({
            "converter": {
                "id": self.id,
                "createTs": unix_secs(self.created),
                "updateTs": unix_secs(self.updated),
                "state": self.state.as_str(),
            },
            "fields": "id,createTs,updateTs,state",
        })
    }

    /// Everything, as get answers it.
    fn full(&self) -> Value {
        let mut converter = serde_json::to_value(&self.config).unwrap_or_else(|_| json!({}));
        if let Some(object) = converter.as_object_mut() {
            object.insert("id".into(), json!(self.id));
            object.insert("idleTimeout".into(), json!(self.idle_timeout()));
            object.insert("createTs".into(), json!(unix_secs(self.created)));
            object.insert("updateTs".into(), json!(unix_secs(self.updated)));
            object.insert("state".into(), json!(self.state.as_str()));
        }
        let fields: Vec<String> = converter
            .as_object()
            .map(|object| object.keys().cloned().collect())
            .unwrap_or_default();
        json!({ "converter": converter, "fields": fields.join(",") })
    }

    /// The payload of a notification about this converter (`productId`
    /// 5): the converter as `get` shows it, and why it was destroyed.
    pub(super) fn notice(&self, destroy_reason: Option<&str>) -> Value {
        let mut payload = self.full();
        if let Some(reason) = destroy_reason {
            payload["destroyReason"] = json!(reason);
        }
        payload
    }

    /// A list member, numbers as strings as in Agora's example.
    fn member(&self) -> Value {
        let mut member = json!({
            "rtcChannel": self.config.channel().as_str(),
            "status": "200",
            "updateTs": unix_secs(self.updated).to_string(),
            "appId": self.app_id,
            "rtmpUrl": self.config.rtmp_url.as_str(),
            "converterId": self.id,
            "create": unix_secs(self.created).to_string(),
            "idleTimeout": self.idle_timeout().to_string(),
            "state": self.state.as_str(),
        });
        if let (Some(name), Some(object)) = (&self.config.name, member.as_object_mut()) {
            object.insert("converterName".into(), json!(name.as_str()));
        }
        member
    }
}

/// Sends converter event `event_type` (1 created, 2 updated, 3 state
/// changed, 4 destroyed) with `payload` from [`Converter::notice`].
pub(super) fn notify(account: &mut Account, event_type: u32, now: SystemTime, mut payload: Value) {
    payload["lts"] = json!(unix_millis(now));
    account.notify(product_id::MEDIA_PUSH, event_type, None, now, || payload);
}

/// `{"message": text}` with `status`.
pub(crate) fn message(status: u16, text: &str) -> Reply {
    Reply::json(status, json!({ "message": text }))
}

/// The headers every answer carries: the request's `X-Request-ID` echoed
/// (the emulator's own when it sent none), also as `X-Custom-Request-ID`.
pub(crate) fn with_request_ids(reply: Reply, sent: Option<&RequestId>, request_id: &str) -> Reply {
    let id = sent.map_or(request_id, RequestId::as_str).to_owned();
    reply
        .with_header("x-request-id", id.clone())
        .with_header("x-custom-request-id", id)
}

fn not_found() -> Fail {
    Fail::Reply(message(404, "Resource cannot be found/has been destroyed."))
}

/// The project must be the account's, with the feature on.
fn check_project(store: &Store<'_, MediaPush>, app_id: &str) -> Result<(), Fail> {
    if store.account.project_of_app(app_id).is_none() {
        return Err(Fail::Reply(message(
            403,
            "The project lacks permission to use this function. Contact Agora technical support.",
        )));
    }
    Ok(())
}

/// The live converter `id` of `app_id` in `region`.
fn find<'s>(
    store: &'s mut Store<'_, MediaPush>,
    app_id: &str,
    region: ServiceRegion,
    id: &str,
) -> Option<&'s mut Converter> {
    store.own.live.iter_mut().find(|converter| {
        converter.id == id && converter.app_id == app_id && converter.region == region
    })
}

fn create(store: &mut Store<'_, MediaPush>, call: &Call<'_, CreateConverter>) -> Handled {
    let request = &call.request;
    let app_id = request.app_id.as_str();
    check_project(store, app_id)?;
    let config = &request.converter;
    if let Some(name) = &config.name
        && store.own.live.iter().any(|converter| {
            converter.app_id == app_id && converter.config.name.as_ref() == Some(name)
        })
    {
        return Err(Fail::Reply(message(
            409,
            "Resource with the same name already exists. Use the existing resource; otherwise, delete it, and create a new resource.",
        )));
    }
    let converter = Converter {
        id: store.account.rng.hex(32),
        app_id: app_id.to_owned(),
        region: request.region,
        config: config.clone(),
        created: call.now,
        updated: call.now,
        connecting_since: call.now,
        state: State::Connecting,
        last_sequence: None,
        idle_since: None,
    };
    let reply = Reply::ok(converter.brief()).with_header("x-resource-id", converter.id.clone());
    notify(store.account, 1, call.now, converter.notice(None));
    store.own.live.push(converter);
    Ok(with_request_ids(
        reply,
        request.request_id.as_ref(),
        call.request_id,
    ))
}

fn delete(store: &mut Store<'_, MediaPush>, call: &Call<'_, DeleteConverter>) -> Handled {
    let request = &call.request;
    let id = request.converter_id.as_str();
    let Some(converter) = find(store, request.app_id.as_str(), request.region, id) else {
        return Err(not_found());
    };
    let payload = converter.notice(Some("Delete request"));
    store.own.live.retain(|converter| converter.id != id);
    notify(store.account, 4, call.now, payload);
    let reply = Reply {
        status: 200,
        headers: Vec::new(),
        body: Vec::new(),
    }
    .with_header("x-resource-id", id.to_owned());
    Ok(with_request_ids(
        reply,
        request.request_id.as_ref(),
        call.request_id,
    ))
}

fn get(store: &mut Store<'_, MediaPush>, call: &Call<'_, GetConverter>) -> Handled {
    let request = &call.request;
    let Some(converter) = find(
        store,
        request.app_id.as_str(),
        request.region,
        request.converter_id.as_str(),
    ) else {
        // Get's failures carry `reason`, as its documentation shows.
        return Err(Fail::Reply(Reply::json(
            404,
            json!({ "reason": "Resource is not found and destroyed." }),
        )));
    };
    let reply = Reply::ok(converter.full()).with_header("x-resource-id", converter.id.clone());
    Ok(with_request_ids(
        reply,
        request.request_id.as_ref(),
        call.request_id,
    ))
}

/// One page of `matching` converters from `cursor` on.
fn page<'c>(matching: impl Iterator<Item = &'c Converter>, cursor: Option<u64>) -> Value {
    let matching: Vec<&Converter> = matching.collect();
    let start = usize::try_from(cursor.unwrap_or(0))
        .unwrap_or(usize::MAX)
        .min(matching.len());
    let end = start.saturating_add(PAGE).min(matching.len());
    let next = if end < matching.len() { end as u64 } else { 0 };
    json!({
        "success": true,
        "data": {
            "total_count": matching.len(),
            "cursor": next,
            "members": matching[start..end].iter().map(|c| c.member()).collect::<Vec<_>>(),
        }
    })
}

fn list(store: &mut Store<'_, MediaPush>, call: &Call<'_, ListConverters>) -> Handled {
    let request = &call.request;
    let app_id = request.app_id.as_str();
    check_project(store, app_id)?;
    let body = page(
        store.own.live.iter().filter(|c| c.app_id == app_id),
        request.cursor,
    );
    Ok(with_request_ids(
        Reply::ok(body),
        request.request_id.as_ref(),
        call.request_id,
    ))
}

fn list_channel(
    store: &mut Store<'_, MediaPush>,
    call: &Call<'_, ListChannelConverters>,
) -> Handled {
    let request = &call.request;
    let app_id = request.app_id.as_str();
    check_project(store, app_id)?;
    let body = page(
        store
            .own
            .live
            .iter()
            .filter(|c| c.app_id == app_id && c.config.channel() == &request.cname),
        request.cursor,
    );
    Ok(with_request_ids(
        Reply::ok(body),
        request.request_id.as_ref(),
        call.request_id,
    ))
}

#[cfg(test)]
mod tests {
    use super::unreachable;

    #[test]
    fn only_invalid_hosts_are_unreachable() {
        assert!(unreachable("rtmp://cdn.invalid/live/a"));
        assert!(unreachable("rtmp://user@cdn.invalid:1935/live"));
        assert!(unreachable("rtmp://INVALID./x"));
        assert!(!unreachable("rtmp://example.agora.io/live/invalid"));
        assert!(!unreachable("rtmp://invalid.example.com/live"));
    }
}
