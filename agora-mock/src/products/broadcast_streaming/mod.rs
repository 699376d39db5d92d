//! Broadcast Streaming on Agora's default domain (cfls): live streams and
//! transcoding configurations, per project and area.
//!
//! A transcoding configuration keeps its templates; a live stream gets a
//! fresh stream key and one public playback ID, and uses the
//! configuration it names (which must exist in the same project and
//! area) or a default one of `fhd`, `sd1` and `ld`, as the quickstart's
//! answer shows. Answers are `{"status": "success", "data": ...}`. A
//! failure of a well-formed request is answered in band, `200
//! {"status": "fail", "data": {"message": ...}}`, as the quickstart's
//! `status` values say a failure is reported; a malformed one is `400`
//! in the same shape. The quickstart documents no failure: these are the
//! emulator's choices.

use std::collections::BTreeMap;

use agora_api::InvalidInput;
use agora_api::broadcast_streaming::{CflsRegion, CreateLiveStream, CreateLiveTranscoding};
use agora_api::registry::EndpointInfo;
use serde_json::{Value, json};

use crate::clock::iso_millis;
use crate::product::{Call, Product, Registration, Routes, Store};
use crate::reply::{Fail, Handled, Reply};

/// The cfls product.
#[derive(Debug)]
pub(crate) struct BroadcastStreaming;

impl Product for BroadcastStreaming {
    const MODULE: &'static str = "agora_api::broadcast_streaming";
    type State = LiveStreams;

    fn register(routes: &mut Routes<Self>) {
        routes
            .on::<CreateLiveStream>(create_live_stream)
            .on::<CreateLiveTranscoding>(create_live_transcoding);
    }

    /// `400 {"status": "fail", "data": {"message": ...}}`.
    fn invalid(_info: &'static EndpointInfo, _request_id: &str, error: &InvalidInput) -> Reply {
        failure(400, &error.to_string())
    }

    fn unsupported_media_type(_request_id: &str) -> Reply {
        Reply::unsupported_media_type()
    }
}

inventory::submit! { Registration::of::<BroadcastStreaming>() }

/// Every project's streams and transcoding configurations, by App ID
/// and area.
#[derive(Debug, Default)]
pub(crate) struct LiveStreams {
    areas: BTreeMap<(String, CflsRegion), Area>,
}

/// One project's resources in one area.
#[derive(Debug, Default)]
struct Area {
    /// The transcoding configurations, by ID, as answered.
    transcodings: BTreeMap<String, Value>,
    /// The live streams, by ID, as answered.
    streams: BTreeMap<String, Value>,
}

fn failure(status: u16, message: &str) -> Reply {
    Reply::json(
        status,
        json!({ "status": "fail", "data": { "message": message } }),
    )
}

fn success(data: Value) -> Reply {
    Reply::ok(json!({ "status": "success", "data": data }))
}

fn area<'s>(
    store: &'s mut Store<'_, BroadcastStreaming>,
    app_id: &str,
    region: CflsRegion,
) -> Result<&'s mut Area, Fail> {
    if store.account.project_of_app(app_id).is_none() {
        return Err(Fail::Reply(failure(
            200,
            "appid is not a project of this account",
        )));
    }
    Ok(store
        .own
        .areas
        .entry((app_id.to_owned(), region))
        .or_default())
}

fn create_live_transcoding(
    store: &mut Store<'_, BroadcastStreaming>,
    call: &Call<'_, CreateLiveTranscoding>,
) -> Handled {
    let request = &call.request;
    let id = format!("tr-{}", store.account.rng.hex(16));
    let transcoding = json!({
        "id": id,
        "standardTemps": request.settings.standard_temps,
        "createdAt": iso_millis(call.now),
    });
    area(store, request.appid.as_str(), request.region)?
        .transcodings
        .insert(id, transcoding.clone());
    Ok(success(transcoding))
}

fn create_live_stream(
    store: &mut Store<'_, BroadcastStreaming>,
    call: &Call<'_, CreateLiveStream>,
) -> Handled {
    let request = &call.request;
    let stream_id = format!("ls-{}", store.account.rng.hex(16));
    let stream_key = store.account.rng.base64url(32);
    let playback_id = store.account.rng.alnum(24);
    let default_id = format!("tr-{}", store.account.rng.hex(16));
    let created = iso_millis(call.now);
    let wanted = request
        .settings
        .as_ref()
        .and_then(|settings| settings.transcodings_id.as_ref());
    let area = area(store, request.appid.as_str(), request.region)?;
    let transcodings = match wanted {
        Some(id) => area.transcodings.get(id.as_str()).cloned().ok_or_else(|| {
            Fail::Reply(failure(
                200,
                &format!(
                    "transcodingsId {id} is not a transcoding configuration of this project in {}",
                    request.region
                ),
            ))
        })?,
        None => json!({
            "id": default_id,
            "standardTemps": ["fhd", "sd1", "ld"],
            "createdAt": created,
        }),
    };
    let stream = json!({
        "id": stream_id,
        "streamKey": stream_key,
        "playbackIds": [{ "id": playback_id, "policy": "public" }],
        "transcodings": transcodings,
        "createdAt": created,
    });
    area.streams.insert(stream_id, stream.clone());
    Ok(success(stream))
}
