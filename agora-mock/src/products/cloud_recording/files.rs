//! What a session reports: its files (M3U8/MP4 names in Agora's
//! patterns), the states of its web page recording and RTMP services, its
//! IDs.

use agora_api::cloud_recording::{AvFileType, RecordingMode, StreamTypes};
use serde_json::{Value, json};

use super::Session;
use crate::clock::unix_secs;

pub(super) fn track_type(session: &Session) -> &'static str {
    match session
        .request
        .recording_config
        .as_ref()
        .and_then(|config| config.stream_types)
    {
        Some(StreamTypes::Audio) => "audio",
        Some(StreamTypes::Video) => "video",
        _ => "audio_and_video",
    }
}

pub(super) fn wants_mp4(session: &Session) -> bool {
    session
        .request
        .recording_file_config
        .as_ref()
        .and_then(|files| files.av_file_type.as_ref())
        .is_some_and(|types| types.contains(&AvFileType::Mp4))
}

/// `fileListMode` and `fileList` of an individual or mix session, or
/// nothing when it only takes screenshots or has recorded nothing yet.
pub(super) fn file_list(session: &Session) -> Option<(&'static str, Value)> {
    let screenshots_only = session.request.snapshot_config.is_some()
        && session.request.recording_file_config.is_none();
    if screenshots_only || !session.saw_streams {
        return None;
    }
    let start = unix_secs(session.started);
    let file = |name: String, uid: String, mixed: bool| {
        json!({
            "fileName": name,
            "trackType": track_type(session),
            "uid": uid,
            "mixedAllUser": mixed,
            "isPlayable": true,
            "sliceStartTime": start,
        })
    };
    let base = format!("{}_{}", session.sid, session.cname);
    if session.mode == RecordingMode::Mix {
        if !wants_mp4(session) {
            return Some(("string", Value::from(format!("{base}.m3u8"))));
        }
        return Some((
            "json",
            json!([
                file(format!("{base}.m3u8"), "0".into(), true),
                file(format!("{base}_0.mp4"), "0".into(), true),
            ]),
        ));
    }
    let suffix = match track_type(session) {
        "audio" => "audio",
        "video" => "video",
        _ => "av",
    };
    let files: Vec<Value> = session
        .recorded_uids
        .iter()
        .map(|uid| {
            file(
                format!("{base}__uid_s_{uid}__uid_e_{suffix}.m3u8"),
                uid.to_string(),
                false,
            )
        })
        .collect();
    Some(("json", Value::Array(files)))
}

/// The files of a web page recording so far.
pub(super) fn web_files(session: &Session) -> Value {
    let start = unix_secs(session.started);
    let base = format!("{}_{}", session.sid, session.cname);
    let mut files = vec![json!({ "filename": format!("{base}.m3u8"), "sliceStartTime": start })];
    if wants_mp4(session) {
        files.push(json!({ "filename": format!("{base}_0.mp4"), "sliceStartTime": start }));
    }
    Value::Array(files)
}

pub(super) fn web_state(session: &Session, state_name: &str) -> Vec<Value> {
    let mut services = vec![json!({
        "serviceName": "web_recorder_service",
        "payload": {
            "fileList": web_files(session),
            "onhold": session.onhold,
            "state": state_name,
        },
    })];
    if !session.rtmp_urls.is_empty() {
        let status = if session.onhold {
            "onhold"
        } else {
            "publishing"
        };
        let outputs: Vec<Value> = session
            .rtmp_urls
            .iter()
            .map(|url| json!({ "rtmpUrl": url, "status": status }))
            .collect();
        services.push(json!({
            "serviceName": "rtmp_publish_service",
            "payload": { "outputs": outputs, "state": state_name },
        }));
    }
    services
}

pub(super) fn ids(session: &Session) -> serde_json::Map<String, Value> {
    let mut map = serde_json::Map::new();
    map.insert("cname".into(), Value::from(session.cname.clone()));
    map.insert("uid".into(), Value::from(session.uid.clone()));
    map.insert(
        "resourceId".into(),
        Value::from(session.resource_id.clone()),
    );
    map.insert("sid".into(), Value::from(session.sid.clone()));
    map
}
