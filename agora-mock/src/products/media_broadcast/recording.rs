//! Recording, standard and custom: the entry point's switch, the
//! formats (and storage) per region, and the tasks of single streams.
//! What standard tasks leave is in [`files`](super::recording_files).

use agora_api::InvalidInput;
use agora_api::media_broadcast::{
    DisableCustomStreamRecording, DisableStandardStreamRecording, EnableCustomStreamRecording,
    EnableStandardStreamRecording, FlsRegion, FlsStorageConfig, FormatSwitch,
    GetCustomRecordingConfig, GetStandardRecordingConfig, SetCustomAutoRecording,
    SetCustomRecordingConfig, SetStandardAutoRecording, SetStandardRecordingConfig,
};
use serde_json::json;

use super::MediaBroadcast;
use super::media::{
    Kind, RecordedFile, Scope, done, not_found, refused, region, scope, settings, storage_json,
    switch,
};
use crate::product::{Call, Routes, Store};
use crate::reply::{Fail, Handled, Reply};

pub(super) fn register(routes: &mut Routes<MediaBroadcast>) {
    routes
        .on::<SetStandardAutoRecording>(|store, call| {
            let r = &call.request;
            set_auto(
                store,
                Kind::Standard,
                r.appid.as_str(),
                r.entry_point.as_str(),
                r.enabled,
            )
        })
        .on::<SetCustomAutoRecording>(|store, call| {
            let r = &call.request;
            set_auto(
                store,
                Kind::Custom,
                r.appid.as_str(),
                r.entry_point.as_str(),
                r.enabled,
            )
        })
        .on::<SetStandardRecordingConfig>(|store, call| {
            let r = &call.request;
            let formats = Formats {
                mp4: r.mp4_config,
                hls: r.hls_config,
                storage: None,
            };
            let at = (r.appid.as_str(), r.entry_point.as_str(), &r.region);
            set_config(store, Kind::Standard, at, formats)
        })
        .on::<SetCustomRecordingConfig>(|store, call| {
            let r = &call.request;
            let formats = Formats {
                mp4: r.mp4_config,
                hls: r.hls_config,
                storage: r.storage_config.clone(),
            };
            let at = (r.appid.as_str(), r.entry_point.as_str(), &r.region);
            set_config(store, Kind::Custom, at, formats)
        })
        .on::<GetStandardRecordingConfig>(|store, call| {
            let r = &call.request;
            get_config(
                store,
                Kind::Standard,
                (r.appid.as_str(), r.entry_point.as_str(), &r.region),
            )
        })
        .on::<GetCustomRecordingConfig>(|store, call| {
            let r = &call.request;
            get_config(
                store,
                Kind::Custom,
                (r.appid.as_str(), r.entry_point.as_str(), &r.region),
            )
        })
        .on::<EnableStandardStreamRecording>(enable_standard)
        .on::<EnableCustomStreamRecording>(enable_custom)
        .on::<DisableStandardStreamRecording>(disable_standard)
        .on::<DisableCustomStreamRecording>(disable_custom);
    super::recording_files::register(routes);
}

/// (App ID, entry point, region) of a call.
type At<'a> = (&'a str, &'a str, &'a FlsRegion);

/// What a configuration call sets.
struct Formats {
    mp4: Option<FormatSwitch>,
    hls: Option<FormatSwitch>,
    storage: Option<FlsStorageConfig>,
}

fn kind_name(kind: Kind) -> &'static str {
    match kind {
        Kind::Standard => "standard",
        Kind::Custom => "custom",
    }
}

fn set_auto(
    store: &mut Store<'_, MediaBroadcast>,
    kind: Kind,
    app: &str,
    entry_point: &str,
    enabled: bool,
) -> Handled {
    let scope = scope(store, app, entry_point)?;
    settings(store)
        .recording
        .entry((scope, kind))
        .or_default()
        .auto = enabled;
    Ok(done())
}

fn set_config(
    store: &mut Store<'_, MediaBroadcast>,
    kind: Kind,
    (app, entry_point, at): At<'_>,
    formats: Formats,
) -> Handled {
    let region = region(at)?;
    let scope = scope(store, app, entry_point)?;
    let recording = settings(store).recording.entry((scope, kind)).or_default();
    let first = !recording.regions.contains_key(&region);
    if kind == Kind::Custom && first && formats.storage.is_none() {
        return Err(Fail::Invalid(InvalidInput::new(
            "storageConfig",
            "is required the first time custom recording is set for a region",
        )));
    }
    let setting = recording.regions.entry(region).or_default();
    if let Some(enabled) = formats.mp4.and_then(|mp4| mp4.enabled) {
        setting.mp4 = Some(enabled);
    }
    if let Some(enabled) = formats.hls.and_then(|hls| hls.enabled) {
        setting.hls = Some(enabled);
    }
    if let Some(storage) = formats.storage {
        setting.storage = Some(storage);
    }
    // Setting a configuration records every stream of the entry point.
    recording.auto = true;
    Ok(done())
}

fn get_config(
    store: &mut Store<'_, MediaBroadcast>,
    kind: Kind,
    (app, entry_point, at): At<'_>,
) -> Handled {
    let region = region(at)?;
    let scope = scope(store, app, entry_point)?;
    let setting = settings(store)
        .recording
        .get(&(scope, kind))
        .and_then(|recording| recording.regions.get(&region))
        .cloned()
        .unwrap_or_default();
    let mut body = json!({
        "hlsConfig": switch(setting.hls),
        "mp4Config": switch(setting.mp4),
    });
    if let (Some(storage), Some(object)) = (&setting.storage, body.as_object_mut()) {
        object.insert("storageConfig".into(), storage_json(storage));
    }
    Ok(Reply::ok(body))
}

fn enable(
    store: &mut Store<'_, MediaBroadcast>,
    kind: Kind,
    (app, entry_point, at): At<'_>,
    stream: &str,
    now: i64,
) -> Handled {
    let region = region(at)?;
    let scope = scope(store, app, entry_point)?;
    let media = settings(store);
    let auto = media
        .recording
        .get(&(scope.clone(), kind))
        .is_some_and(|recording| recording.auto);
    if auto {
        return Err(refused(&format!(
            "{} recording is on for every stream of entry point {entry_point}: turn it off first",
            kind_name(kind)
        )));
    }
    media
        .tasks
        .entry((scope, kind, region, stream.to_owned()))
        .or_insert(now);
    Ok(done())
}

fn disable(
    store: &mut Store<'_, MediaBroadcast>,
    kind: Kind,
    (app, entry_point, at): At<'_>,
    stream: &str,
    now: i64,
) -> Handled {
    let region = region(at)?;
    let scope: Scope = scope(store, app, entry_point)?;
    let media = settings(store);
    let key = (scope.clone(), kind, region.clone(), stream.to_owned());
    let Some(started) = media.tasks.remove(&key) else {
        return Err(not_found(&format!(
            "stream {stream} has no {} recording task",
            kind_name(kind)
        )));
    };
    if kind == Kind::Standard {
        let file_name = format!("record/{}/{stream}/{started}.m3u8", scope.1);
        media.files.push(RecordedFile {
            scope,
            region,
            stream: stream.to_owned(),
            file_name,
            start: started,
            end: now.max(started),
        });
    }
    Ok(done())
}

fn enable_standard(
    store: &mut Store<'_, MediaBroadcast>,
    call: &Call<'_, EnableStandardStreamRecording>,
) -> Handled {
    let r = &call.request;
    let at = (r.appid.as_str(), r.entry_point.as_str(), &r.region);
    enable(
        store,
        Kind::Standard,
        at,
        r.stream_name.as_str(),
        super::unix_now(call.now),
    )
}

fn enable_custom(
    store: &mut Store<'_, MediaBroadcast>,
    call: &Call<'_, EnableCustomStreamRecording>,
) -> Handled {
    let r = &call.request;
    let at = (r.appid.as_str(), r.entry_point.as_str(), &r.region);
    enable(
        store,
        Kind::Custom,
        at,
        r.stream_name.as_str(),
        super::unix_now(call.now),
    )
}

fn disable_standard(
    store: &mut Store<'_, MediaBroadcast>,
    call: &Call<'_, DisableStandardStreamRecording>,
) -> Handled {
    let r = &call.request;
    let at = (r.appid.as_str(), r.entry_point.as_str(), &r.region);
    disable(
        store,
        Kind::Standard,
        at,
        r.stream_name.as_str(),
        super::unix_now(call.now),
    )
}

fn disable_custom(
    store: &mut Store<'_, MediaBroadcast>,
    call: &Call<'_, DisableCustomStreamRecording>,
) -> Handled {
    let r = &call.request;
    let at = (r.appid.as_str(), r.entry_point.as_str(), &r.region);
    disable(
        store,
        Kind::Custom,
        at,
        r.stream_name.as_str(),
        super::unix_now(call.now),
    )
}
