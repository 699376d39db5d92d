//! What standard recording tasks left: the recording files of a stream,
//! and the clips and snapshots cut from them.

use agora_api::media_broadcast::{
    CreateRecordingClip, CreateRecordingSnapshot, FlsTime, ListRecordingFiles,
};
use serde_json::json;

use super::MediaBroadcast;
use super::media::{
    MediaSettings, RecordedFile, Scope, done, not_found, refused, region, scope, settings,
};
use crate::product::{Call, Routes, Store};
use crate::reply::{Handled, Reply};

pub(super) fn register(routes: &mut Routes<MediaBroadcast>) {
    routes
        .on::<CreateRecordingClip>(clip)
        .on::<CreateRecordingSnapshot>(snapshot)
        .on::<ListRecordingFiles>(list);
}

/// A time the decoder checked, as Unix seconds.
fn secs(time: &FlsTime) -> i64 {
    time.unix_seconds()
}

/// `secs` as RFC 3339 in UTC, as Agora's answers write times (empty out of
/// range, which the emulator's own times never are).
fn rfc3339(secs: i64) -> String {
    FlsTime::from_unix_seconds(secs)
        .map(|time| time.as_str().to_owned())
        .unwrap_or_default()
}

/// The files of `stream`, oldest first.
fn files_of<'m>(
    media: &'m MediaSettings,
    scope: &Scope,
    region: &str,
    stream: &str,
) -> Vec<&'m RecordedFile> {
    let mut files: Vec<&RecordedFile> = media
        .files
        .iter()
        .filter(|file| &file.scope == scope && file.region == region && file.stream == stream)
        .collect();
    files.sort_by_key(|file| file.start);
    files
}

/// Records `file_name` as made from `stream`'s recording at `moment`
/// (the latest file's end when `None`): `404` when no recording covers
/// it, `400` when the name is taken.
fn cut(
    media: &mut MediaSettings,
    (scope, region, stream): (Scope, String, &str),
    moment: Option<i64>,
    file_name: &str,
) -> Handled {
    let files = files_of(media, &scope, &region, stream);
    let Some(latest) = files.last() else {
        return Err(not_found(&format!("stream {stream} has no recording")));
    };
    let moment = moment.unwrap_or(latest.end);
    if !files
        .iter()
        .any(|file| file.start <= moment && moment <= file.end)
    {
        return Err(not_found(&format!(
            "no recording of stream {stream} covers {}",
            rfc3339(moment)
        )));
    }
    let names = media
        .outputs
        .entry((scope, region, stream.to_owned()))
        .or_default();
    if !names.insert(file_name.to_owned()) {
        return Err(refused(&format!("fileName {file_name} already exists")));
    }
    Ok(done())
}

fn clip(store: &mut Store<'_, MediaBroadcast>, call: &Call<'_, CreateRecordingClip>) -> Handled {
    let r = &call.request;
    let region = region(&r.region)?;
    let scope = scope(store, r.appid.as_str(), r.entry_point.as_str())?;
    cut(
        settings(store),
        (scope, region, r.stream_name.as_str()),
        Some(secs(&r.start_time)),
        r.file_name.as_str(),
    )
}

fn snapshot(
    store: &mut Store<'_, MediaBroadcast>,
    call: &Call<'_, CreateRecordingSnapshot>,
) -> Handled {
    let r = &call.request;
    let region = region(&r.region)?;
    let scope = scope(store, r.appid.as_str(), r.entry_point.as_str())?;
    cut(
        settings(store),
        (scope, region, r.stream_name.as_str()),
        r.time.as_ref().map(secs),
        r.file_name.as_str(),
    )
}

fn list(store: &mut Store<'_, MediaBroadcast>, call: &Call<'_, ListRecordingFiles>) -> Handled {
    let r = &call.request;
    let region = region(&r.region)?;
    let scope = scope(store, r.appid.as_str(), r.entry_point.as_str())?;
    let (from, to) = (secs(&r.start_time), secs(&r.end_time));
    let list: Vec<_> = files_of(settings(store), &scope, &region, r.stream_name.as_str())
        .into_iter()
        .filter(|file| file.start <= to && file.end >= from)
        .map(|file| {
            json!({
                "fileName": file.file_name,
                "startTime": rfc3339(file.start),
                "endTime": rfc3339(file.end),
                "position": 0,
            })
        })
        .collect();
    Ok(Reply::ok(json!({ "list": list })))
}
