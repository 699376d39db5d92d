//! Recording a classroom: start, stop, pause and resume, the list.

use agora_api::flexible_classroom::{
    ListRecordings, RecordingMode, RecordingSwitch, SetRecordingState, UpdateRecordingConfig,
};
use serde_json::{Value, json};

use super::{CMD_RECORDING, FlexibleClassroom, batch, conflict, publish, room_mut, success};
use crate::clock::unix_millis;
use crate::product::{Call, Store};
use crate::reply::Handled;

/// One recording of a classroom.
#[derive(Debug, Clone)]
pub(super) struct Session {
    record_id: String,
    sid: String,
    resource_id: String,
    record_uid: String,
    web: bool,
    onhold: bool,
    start_ms: u64,
    end_ms: Option<u64>,
}

impl Session {
    fn to_json(&self, app_id: &str, room_uuid: &str) -> Value {
        let mut listed = json!({
            "recordId": self.record_id,
            "appId": app_id,
            "roomUuid": room_uuid,
            "startTime": self.start_ms,
            "resourceId": self.resource_id,
            "sid": self.sid,
            "recordUid": self.record_uid,
            "status": if self.end_ms.is_some() { 2 } else { 1 },
        });
        if let Some(object) = listed.as_object_mut() {
            if let Some(end) = self.end_ms {
                object.insert("endTime".into(), end.into());
            }
            if self.web {
                object.insert("type".into(), 3.into());
                if self.end_ms.is_some() {
                    object.insert(
                        "recordDetails".into(),
                        json!([{ "url": format!("https://recordings.example/{}.mp4", self.record_id) }]),
                    );
                }
            } else {
                object.insert(
                    "url".into(),
                    format!("https://recordings.example/{}.m3u8", self.record_id).into(),
                );
            }
        }
        listed
    }
}

/// Starts a recording (`409` `30409411` while one runs) or stops the one
/// running (`409` `30409410` when none runs).
pub(super) fn set_state(
    store: &mut Store<'_, FlexibleClassroom>,
    call: &Call<'_, SetRecordingState>,
) -> Handled {
    let request = &call.request;
    let now = unix_millis(call.now);
    let room_uuid = request.room_uuid.as_str();
    let ids = [
        store.account.rng.hex(32),
        store.account.rng.hex(32),
        store.account.rng.alnum(64),
        store.account.rng.digits(9),
    ];
    let room = room_mut(
        store,
        call.principal,
        (request.app_id.as_str(), request.region, room_uuid),
        call.now,
    )?;
    let (answer, event) = match request.state {
        RecordingSwitch::Start => {
            if room.recording.is_some() {
                return Err(conflict(
                    call.now,
                    30_409_411,
                    "the recording has not been ended",
                ));
            }
            let [record_id, sid, resource_id, record_uid] = ids;
            let web = request.mode == Some(RecordingMode::Web);
            let config = request.web_record_config.as_ref();
            let session = Session {
                record_id,
                sid,
                resource_id,
                record_uid,
                web,
                onhold: config.and_then(|config| config.onhold).unwrap_or(false),
                start_ms: now,
                end_ms: None,
            };
            let started = json!({
                "recordId": session.record_id,
                "sid": session.sid,
                "resourceId": session.resource_id,
                "state": 1,
                "startTime": now,
            });
            let mut answer = started.clone();
            if config
                .and_then(|config| config.publish_rtmp)
                .is_some_and(|p| p.0)
                && let Some(object) = answer.as_object_mut()
            {
                let base = format!("cdn.example/live/{room_uuid}");
                object.insert(
                    "streamingUrl".into(),
                    json!({
                        "rtmp": format!("rtmp://{base}"),
                        "flv": format!("https://{base}.flv"),
                        "hls": format!("https://{base}.m3u8"),
                    }),
                );
            }
            room.recording = Some(session);
            (answer, started)
        }
        RecordingSwitch::Stop => {
            let Some(mut session) = room.recording.take() else {
                return Err(conflict(
                    call.now,
                    30_409_410,
                    "the recording has not been started",
                ));
            };
            session.end_ms = Some(now);
            let record_id = session.record_id.clone();
            room.recordings.push(session);
            (
                json!({ "recordId": record_id, "state": 0 }),
                json!({ "recordId": record_id, "state": 2 }),
            )
        }
    };
    let event = room.event(room_uuid, CMD_RECORDING, event);
    publish(store, request.app_id.as_str(), request.region, vec![event]);
    Ok(success(call.now, Some(answer)))
}

/// Pauses or resumes the running recording (`409` `30409410` when none
/// runs).
pub(super) fn update_config(
    store: &mut Store<'_, FlexibleClassroom>,
    call: &Call<'_, UpdateRecordingConfig>,
) -> Handled {
    let request = &call.request;
    let room = room_mut(
        store,
        call.principal,
        (
            request.app_id.as_str(),
            request.region,
            request.room_uuid.as_str(),
        ),
        call.now,
    )?;
    let Some(session) = room.recording.as_mut() else {
        return Err(conflict(
            call.now,
            30_409_410,
            "the recording has not been started",
        ));
    };
    if let Some(update) = request.web_record_config {
        session.onhold = update.onhold;
    }
    Ok(success(call.now, None))
}

/// The classroom's recordings, ended ones first and the running one
/// last, 100 a batch (`nextId`: the index of the next).
pub(super) fn list(
    store: &mut Store<'_, FlexibleClassroom>,
    call: &Call<'_, ListRecordings>,
) -> Handled {
    let request = &call.request;
    let app_id = request.app_id.as_str();
    let room_uuid = request.room_uuid.as_str();
    let room = room_mut(
        store,
        call.principal,
        (app_id, request.region, room_uuid),
        call.now,
    )?;
    let all: Vec<&Session> = room.recordings.iter().chain(&room.recording).collect();
    let keyed = all
        .iter()
        .enumerate()
        .map(|(at, session)| (u64::try_from(at).unwrap_or(u64::MAX), *session));
    let (taken, next_id) = batch(keyed, request.next_id.as_ref().map(|id| id.as_str()));
    let list: Vec<Value> = taken
        .iter()
        .map(|session| session.to_json(app_id, room_uuid))
        .collect();
    Ok(success(
        call.now,
        Some(json!({
            "total": all.len(),
            "count": list.len(),
            "list": list,
            "nextId": next_id,
        })),
    ))
}
