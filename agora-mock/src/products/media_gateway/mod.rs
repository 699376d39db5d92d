//! Media Gateway: streaming keys per region, flow-configuration
//! templates, the App ID's global template, and the streams encoders push
//! with the keys.
//!
//! * A key lives in the region it was created in. Read or deleted in
//!   another region it is `400 {"message": "Streaming key exists in
//!   region:na."}`; a key of another project `403` "Stream does not
//!   belong to this app ID."; an unknown (or expired) one `404`
//!   "Resource not found and destroyed.". A key with `expiresAfter` > 0
//!   is gone that many seconds after its creation (by the server's
//!   clock).
//! * A project holds at most 10 templates (`403` "Too many templates have
//!   been created."); an update or delete of a missing one, a global
//!   template or a key naming one that does not exist is `404` "Stream
//!   template not found.". An update replaces `transcoding.video`,
//!   `transcoding.audio` and `jitterBuffer`, each as a whole, when sent.
//! * Streams are what encoders push: tests start them with
//!   [`GatewaySeed::push`] (`server.media_gateway()`), which needs a live
//!   key of that region. A stream is `Started` for two seconds, then
//!   `Running` with its source's video and audio; it takes the template
//!   in effect when it was pushed (the key's, else the global one). A
//!   disconnect ends it, and while its key is still valid the encoder
//!   reconnects at once as a new session (a new `sid`, unmuted), as
//!   Agora warns. A mute takes effect one second later; a stream starts
//!   unmuted.
//! * An unknown project is `403` "Media Gateway is not enabled for this
//!   project. Contact us to enable."; a malformed request `400
//!   {"message": "invalid `field`: rule"}`. Answers are `{"status":
//!   "success", "data": ...}` and carry `X-Request-ID` (the request's,
//!   else the emulator's). The Notifications IP query is the channel
//!   management product's.

use std::collections::BTreeMap;
use std::time::{Duration, SystemTime};

use agora_api::media_gateway::{
    CreateStreamKey, DeleteStreamKey, DeleteStreamTemplate, DisconnectOnlineStream,
    GetOnlineStream, GetStreamKey, ListOnlineStreams, MuteOnlineStream, MuteSettings,
    PutStreamTemplate, SetGlobalTemplate, TemplateSettings, UpdateStreamTemplate,
};
use agora_api::registry::EndpointInfo;
use agora_api::types::RequestId;
use agora_api::{InvalidInput, ServiceRegion};
use serde_json::{Value, json};

use crate::clock::unix_secs;
use crate::product::{Call, Product, Registration, Routes, Store};
use crate::reply::{Fail, Handled, Reply};

mod events;
mod seed;
mod streams;

pub use seed::{GatewaySeed, PushRefused, PushedStream};

/// Templates an App ID may hold.
pub(crate) const MAX_TEMPLATES: usize = 10;
/// How long a new push is `Started` before it runs.
const STARTING: Duration = Duration::from_secs(2);
/// How long a mute takes to reach the stream.
const MUTE_DELAY: Duration = Duration::from_secs(1);

/// The Media Gateway product.
#[derive(Debug)]
pub(crate) struct MediaGateway;

impl Product for MediaGateway {
    const MODULE: &'static str = "agora_api::media_gateway";
    type State = Gateway;

    fn register(routes: &mut Routes<Self>) {
        routes
            .on::<CreateStreamKey>(create_key)
            .on::<GetStreamKey>(get_key)
            .on::<DeleteStreamKey>(delete_key)
            .on::<PutStreamTemplate>(put_template)
            .on::<UpdateStreamTemplate>(update_template)
            .on::<DeleteStreamTemplate>(delete_template)
            .on::<SetGlobalTemplate>(set_global_template)
            .on::<ListOnlineStreams>(streams::list)
            .on::<GetOnlineStream>(streams::get)
            .on::<DisconnectOnlineStream>(streams::disconnect)
            .on::<MuteOnlineStream>(streams::mute);
    }

    /// `400 {"message": "invalid `field`: rule"}`, as Agora's "Invalid
    /// settings." and "Missing field: ..." answers say what is wrong.
    fn invalid(_info: &'static EndpointInfo, _request_id: &str, error: &InvalidInput) -> Reply {
        message(400, &error.to_string())
    }

    fn unsupported_media_type(_request_id: &str) -> Reply {
        Reply::unsupported_media_type()
    }

    /// Keys expire; streams start running; mutes arrive.
    fn tick(store: &mut Store<'_, Self>, now: SystemTime) {
        store.own.keys.retain(|key| !key.expired(now));
        for stream in &mut store.own.streams {
            stream.tick(now);
        }
    }
}

inventory::submit! { Registration::of::<MediaGateway>() }

/// Everything Media Gateway remembers.
#[derive(Debug, Default)]
pub(crate) struct Gateway {
    keys: Vec<Key>,
    /// Each App ID's templates, by ID.
    templates: BTreeMap<String, BTreeMap<String, TemplateSettings>>,
    /// Each App ID's global template.
    global: BTreeMap<String, String>,
    streams: Vec<Stream>,
}

/// One streaming key.
#[derive(Debug, Clone)]
pub(crate) struct Key {
    key: String,
    app_id: String,
    region: ServiceRegion,
    channel: String,
    uid: String,
    expires_after: u64,
    created: SystemTime,
    template_id: Option<String>,
}

impl Key {
    fn expired(&self, now: SystemTime) -> bool {
        self.expires_after > 0
            && self
                .created
                .checked_add(Duration::from_secs(self.expires_after))
                .is_none_or(|end| now >= end)
    }

    fn info(&self) -> Value {
        let mut info = json!({
            "streamKey": self.key,
            "channel": self.channel,
            "uid": self.uid,
            "expiresAfter": self.expires_after,
            "createdAt": unix_secs(self.created).to_string(),
        });
        if let (Some(template), Some(object)) = (&self.template_id, info.as_object_mut()) {
            object.insert("templateId".into(), json!(template));
        }
        info
    }
}

/// One push of one stream.
#[derive(Debug, Clone)]
pub(crate) struct Stream {
    sid: String,
    app_id: String,
    region: ServiceRegion,
    key: String,
    channel: String,
    uid: String,
    began: SystemTime,
    running: bool,
    muted: MuteSettings,
    /// A mute on its way, and when it arrives.
    pending: Option<(MuteSettings, SystemTime)>,
    /// The template it was pushed with.
    template: Option<String>,
}

impl Stream {
    fn tick(&mut self, now: SystemTime) {
        if !self.running && self.began.checked_add(STARTING).is_none_or(|at| now >= at) {
            self.running = true;
        }
        if let Some((settings, at)) = self.pending
            && now >= at
        {
            self.muted = settings;
            self.pending = None;
        }
    }
}

/// `{"message": text}` with `status`.
pub(crate) fn message(status: u16, text: &str) -> Reply {
    Reply::json(status, json!({ "message": text }))
}

/// `200 {"status": "success"}`, with `data` when there is some, and the
/// request's ID echoed.
pub(crate) fn success(data: Option<Value>, sent: Option<&RequestId>, request_id: &str) -> Reply {
    let body = match data {
        Some(data) => json!({ "status": "success", "data": data }),
        None => json!({ "status": "success" }),
    };
    with_request_id(Reply::ok(body), sent, request_id)
}

/// The request's `X-Request-ID` echoed (the emulator's own when it sent
/// none).
pub(crate) fn with_request_id(reply: Reply, sent: Option<&RequestId>, request_id: &str) -> Reply {
    let id = sent.map_or(request_id, RequestId::as_str).to_owned();
    reply.with_header("x-request-id", id)
}

/// The project must be the account's (with Media Gateway enabled).
pub(crate) fn check_project(store: &Store<'_, MediaGateway>, app_id: &str) -> Result<(), Fail> {
    if store.account.project_of_app(app_id).is_none() {
        return Err(Fail::Reply(message(
            403,
            "Media Gateway is not enabled for this project. Contact us to enable.",
        )));
    }
    Ok(())
}

fn template_not_found() -> Fail {
    Fail::Reply(message(404, "Stream template not found."))
}

/// The index of key `key` of `app_id` in `region`, or the answer Agora
/// gives when it is elsewhere or nowhere.
fn find_key(
    store: &Store<'_, MediaGateway>,
    app_id: &str,
    region: ServiceRegion,
    key: &str,
) -> Result<usize, Fail> {
    let Some(index) = store.own.keys.iter().position(|k| k.key == key) else {
        return Err(Fail::Reply(message(
            404,
            "Resource not found and destroyed.",
        )));
    };
    let found = &store.own.keys[index];
    if found.app_id != app_id {
        return Err(Fail::Reply(message(
            403,
            "Stream does not belong to this app ID.",
        )));
    }
    if found.region != region {
        return Err(Fail::Reply(message(
            400,
            &format!("Streaming key exists in region:{}.", found.region),
        )));
    }
    Ok(index)
}

fn create_key(store: &mut Store<'_, MediaGateway>, call: &Call<'_, CreateStreamKey>) -> Handled {
    let request = &call.request;
    let app_id = request.app_id.as_str();
    check_project(store, app_id)?;
    let settings = &request.settings;
    if let Some(template) = &settings.template_id
        && !store
            .own
            .templates
            .get(app_id)
            .is_some_and(|templates| templates.contains_key(template.as_str()))
    {
        return Err(template_not_found());
    }
    // Agora picks a random integer UID for a missing or `0` one, and
    // reads digits as the integer they are.
    let uid = match &settings.uid {
        Some(uid) if !uid.is_random() => uid
            .integer()
            .map_or_else(|| uid.as_str().to_owned(), |integer| integer.to_string()),
        _ => (1_000_000 + store.account.rng.next_u64() % 1_000_000_000).to_string(),
    };
    let channel = settings
        .channel
        .as_ref()
        .map(|channel| channel.as_str().to_owned())
        .unwrap_or_default();
    let key = Key {
        key: store.account.rng.alnum(32),
        app_id: app_id.to_owned(),
        region: request.region,
        channel,
        uid,
        expires_after: settings.expires_after,
        created: call.now,
        template_id: settings.template_id.as_ref().map(|t| t.as_str().to_owned()),
    };
    let info = key.info();
    store.own.keys.push(key);
    Ok(success(
        Some(info),
        request.request_id.as_ref(),
        call.request_id,
    ))
}

fn get_key(store: &mut Store<'_, MediaGateway>, call: &Call<'_, GetStreamKey>) -> Handled {
    let request = &call.request;
    check_project(store, request.app_id.as_str())?;
    let index = find_key(
        store,
        request.app_id.as_str(),
        request.region,
        request.stream_key.expose(),
    )?;
    Ok(success(
        Some(store.own.keys[index].info()),
        request.request_id.as_ref(),
        call.request_id,
    ))
}

fn delete_key(store: &mut Store<'_, MediaGateway>, call: &Call<'_, DeleteStreamKey>) -> Handled {
    let request = &call.request;
    check_project(store, request.app_id.as_str())?;
    let index = find_key(
        store,
        request.app_id.as_str(),
        request.region,
        request.stream_key.expose(),
    )?;
    // A stream pushing with it goes on.
    store.own.keys.remove(index);
    Ok(success(None, request.request_id.as_ref(), call.request_id))
}

fn put_template(
    store: &mut Store<'_, MediaGateway>,
    call: &Call<'_, PutStreamTemplate>,
) -> Handled {
    let request = &call.request;
    let app_id = request.app_id.as_str();
    check_project(store, app_id)?;
    let templates = store.own.templates.entry(app_id.to_owned()).or_default();
    let id = request.template_id.as_str();
    if !templates.contains_key(id) && templates.len() >= MAX_TEMPLATES {
        return Err(Fail::Reply(message(
            403,
            "Too many templates have been created.",
        )));
    }
    templates.insert(id.to_owned(), request.settings.clone());
    Ok(success(None, request.request_id.as_ref(), call.request_id))
}

fn update_template(
    store: &mut Store<'_, MediaGateway>,
    call: &Call<'_, UpdateStreamTemplate>,
) -> Handled {
    let request = &call.request;
    let app_id = request.app_id.as_str();
    check_project(store, app_id)?;
    let Some(template) = store
        .own
        .templates
        .get_mut(app_id)
        .and_then(|templates| templates.get_mut(request.template_id.as_str()))
    else {
        return Err(template_not_found());
    };
    let change = &request.settings;
    if let Some(transcoding) = &change.transcoding {
        let current = template.transcoding.get_or_insert_with(Default::default);
        if let Some(video) = &transcoding.video {
            current.video = Some(video.clone());
        }
        if let Some(audio) = &transcoding.audio {
            current.audio = Some(audio.clone());
        }
    }
    if let Some(buffer) = &change.jitter_buffer {
        template.jitter_buffer = Some(buffer.clone());
    }
    Ok(success(None, request.request_id.as_ref(), call.request_id))
}

fn delete_template(
    store: &mut Store<'_, MediaGateway>,
    call: &Call<'_, DeleteStreamTemplate>,
) -> Handled {
    let request = &call.request;
    let app_id = request.app_id.as_str();
    check_project(store, app_id)?;
    let id = request.template_id.as_str();
    let removed = store
        .own
        .templates
        .get_mut(app_id)
        .and_then(|templates| templates.remove(id));
    if removed.is_none() {
        return Err(template_not_found());
    }
    // Running streams keep what they were pushed with.
    if store
        .own
        .global
        .get(app_id)
        .is_some_and(|global| global == id)
    {
        store.own.global.remove(app_id);
    }
    Ok(success(None, request.request_id.as_ref(), call.request_id))
}

fn set_global_template(
    store: &mut Store<'_, MediaGateway>,
    call: &Call<'_, SetGlobalTemplate>,
) -> Handled {
    let request = &call.request;
    let app_id = request.app_id.as_str();
    check_project(store, app_id)?;
    let id = request.settings.default_stream_template.as_str();
    if !store
        .own
        .templates
        .get(app_id)
        .is_some_and(|templates| templates.contains_key(id))
    {
        return Err(template_not_found());
    }
    store.own.global.insert(app_id.to_owned(), id.to_owned());
    Ok(success(None, request.request_id.as_ref(), call.request_id))
}
