//! Transcoding templates: standard ones switched on or off, custom ones
//! created (`?id=`), updated, deleted and listed.

use agora_api::media_broadcast::{
    CreateCustomTranscodingTemplate, DeleteCustomTranscodingTemplate,
    ListCustomTranscodingTemplates, ListStandardTranscodingTemplates,
    SetStandardTranscodingTemplate, StandardTranscodingTemplate, UpdateCustomTranscodingTemplate,
};
use serde_json::{Map, Value, json};

use super::MediaBroadcast;
use super::media::{done, not_found, refused, scope, settings};
use crate::product::{Call, Routes, Store};
use crate::reply::{Handled, Reply};

pub(super) fn register(routes: &mut Routes<MediaBroadcast>) {
    routes
        .on::<SetStandardTranscodingTemplate>(set_standard)
        .on::<ListStandardTranscodingTemplates>(list_standard)
        .on::<CreateCustomTranscodingTemplate>(create_custom)
        .on::<UpdateCustomTranscodingTemplate>(update_custom)
        .on::<DeleteCustomTranscodingTemplate>(delete_custom)
        .on::<ListCustomTranscodingTemplates>(list_custom);
}

fn set_standard(
    store: &mut Store<'_, MediaBroadcast>,
    call: &Call<'_, SetStandardTranscodingTemplate>,
) -> Handled {
    let r = &call.request;
    let scope = scope(store, r.appid.as_str(), r.entry_point.as_str())?;
    settings(store)
        .standard_templates
        .entry(scope)
        .or_default()
        .insert(r.name.as_str().to_owned(), r.enabled);
    Ok(done())
}

fn list_standard(
    store: &mut Store<'_, MediaBroadcast>,
    call: &Call<'_, ListStandardTranscodingTemplates>,
) -> Handled {
    let r = &call.request;
    let scope = scope(store, r.appid.as_str(), r.entry_point.as_str())?;
    let set = settings(store).standard_templates.get(&scope);
    // In the documented order of the templates.
    let list: Vec<Value> = StandardTranscodingTemplate::ALL
        .iter()
        .filter_map(|template| {
            let enabled = set?.get(template.as_str())?;
            Some(json!({ "enabled": enabled, "name": template.as_str() }))
        })
        .collect();
    Ok(Reply::ok(json!({ "transcodeList": list })))
}

/// Writes the encoder members a call sets into `template`.
fn apply(template: &mut Map<String, Value>, members: [(&str, Option<Value>); 8]) {
    for (name, value) in members {
        if let Some(value) = value {
            template.insert(name.to_owned(), value);
        }
    }
}

fn create_custom(
    store: &mut Store<'_, MediaBroadcast>,
    call: &Call<'_, CreateCustomTranscodingTemplate>,
) -> Handled {
    let r = &call.request;
    let scope = scope(store, r.appid.as_str(), r.entry_point.as_str())?;
    let templates = settings(store).custom_templates.entry(scope).or_default();
    let name = r.name.as_str();
    if templates.iter().any(|template| template["name"] == name) {
        return Err(refused(&format!(
            "a custom transcoding template named {name} already exists"
        )));
    }
    let mut template = Map::new();
    template.insert("name".into(), json!(name));
    apply(
        &mut template,
        [
            ("width", Some(json!(r.width))),
            ("height", Some(json!(r.height))),
            (
                "videoCodec",
                r.video_codec.map(|codec| json!(codec.as_str())),
            ),
            ("videoBitrate", r.video_bitrate.map(Value::from)),
            ("profile", r.profile.map(|profile| json!(profile.as_str()))),
            (
                "audioCodec",
                r.audio_codec.map(|codec| json!(codec.as_str())),
            ),
            ("audioBitrate", r.audio_bitrate.map(Value::from)),
            ("audioSampleRate", r.audio_sample_rate.map(Value::from)),
        ],
    );
    templates.push(Value::Object(template));
    Ok(done())
}

fn update_custom(
    store: &mut Store<'_, MediaBroadcast>,
    call: &Call<'_, UpdateCustomTranscodingTemplate>,
) -> Handled {
    let r = &call.request;
    let scope = scope(store, r.appid.as_str(), r.entry_point.as_str())?;
    let name = r.name.as_str();
    let template = settings(store)
        .custom_templates
        .get_mut(&scope)
        .and_then(|templates| {
            templates
                .iter_mut()
                .find(|template| template["name"] == name)
        })
        .and_then(Value::as_object_mut)
        .ok_or_else(|| not_found(&format!("no custom transcoding template named {name}")))?;
    apply(
        template,
        [
            ("width", r.width.map(Value::from)),
            ("height", r.height.map(Value::from)),
            (
                "videoCodec",
                r.video_codec.map(|codec| json!(codec.as_str())),
            ),
            ("videoBitrate", r.video_bitrate.map(Value::from)),
            ("profile", r.profile.map(|profile| json!(profile.as_str()))),
            (
                "audioCodec",
                r.audio_codec.map(|codec| json!(codec.as_str())),
            ),
            ("audioBitrate", r.audio_bitrate.map(Value::from)),
            ("audioSampleRate", r.audio_sample_rate.map(Value::from)),
        ],
    );
    Ok(done())
}

fn delete_custom(
    store: &mut Store<'_, MediaBroadcast>,
    call: &Call<'_, DeleteCustomTranscodingTemplate>,
) -> Handled {
    let r = &call.request;
    let scope = scope(store, r.appid.as_str(), r.entry_point.as_str())?;
    let name = r.name.as_str();
    let templates = settings(store).custom_templates.entry(scope).or_default();
    let before = templates.len();
    templates.retain(|template| template["name"] != name);
    if templates.len() == before {
        return Err(not_found(&format!(
            "no custom transcoding template named {name}"
        )));
    }
    Ok(done())
}

fn list_custom(
    store: &mut Store<'_, MediaBroadcast>,
    call: &Call<'_, ListCustomTranscodingTemplates>,
) -> Handled {
    let r = &call.request;
    let scope = scope(store, r.appid.as_str(), r.entry_point.as_str())?;
    let list = settings(store)
        .custom_templates
        .get(&scope)
        .cloned()
        .unwrap_or_default();
    Ok(Reply::ok(json!({ "transcodeList": list })))
}
