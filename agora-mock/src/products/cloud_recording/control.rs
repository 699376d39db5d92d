//! A running session: `query`, `update`, `updateLayout`, `stop`.

use agora_api::cloud_recording::{
    Query, RecordingMode, ResourceId, Sid, Stop, Update, UpdateLayout,
};
use agora_api::{AppId, ChannelName, InvalidInput, UidString};
use serde_json::{Value, json};

use super::files::{file_list, ids, web_state};
use super::{CloudRecording, Phase, Recordings, Session, check_mode, fail, no_worker};
use crate::clock::unix_millis;
use crate::product::{Call, Store};
use crate::reply::{Fail, Handled, Reply};

/// The running or stopped session the path names, checked against the
/// path's App ID, resource ID and mode.
fn session<'s>(
    recordings: &'s mut Recordings,
    appid: &AppId,
    resource_id: &ResourceId,
    sid: &Sid,
    mode: &RecordingMode,
) -> Result<&'s mut Session, Fail> {
    check_mode(mode)?;
    let session = recordings
        .sessions
        .get_mut(sid.as_str())
        .filter(|session| {
            session.appid == appid.as_str() && session.resource_id == resource_id.as_str()
        })
        .ok_or_else(no_worker)?;
    if session.mode != *mode {
        return Err(Fail::Invalid(InvalidInput::new(
            "mode",
            format!("the session records in {} mode, not {mode}", session.mode),
        )));
    }
    Ok(session)
}

fn same_task(session: &Session, cname: &ChannelName, uid: &UidString) -> Result<(), Fail> {
    if session.cname != cname.as_str() || session.uid != uid.to_string() {
        return Err(fail(
            400,
            432,
            "cname and uid must be those of the session's acquire and start",
        ));
    }
    Ok(())
}

pub(super) fn query(store: &mut Store<'_, CloudRecording>, call: &Call<'_, Query>) -> Handled {
    let request = &call.request;
    let session = session(
        store.own,
        &request.appid,
        &request.resource_id,
        &request.sid,
        &request.mode,
    )?;
    if session.phase != Phase::Running {
        return Err(no_worker());
    }
    let mut server_response = serde_json::Map::new();
    server_response.insert("status".into(), Value::from(5));
    if session.mode == RecordingMode::Web {
        server_response.insert(
            "extensionServiceState".into(),
            Value::Array(web_state(session, "inProgress")),
        );
    } else {
        if let Some((list_mode, files)) = file_list(session) {
            server_response.insert("fileListMode".into(), Value::from(list_mode));
            server_response.insert("fileList".into(), files);
        }
        if session.mode == RecordingMode::Individual {
            server_response.insert(
                "sliceStartTime".into(),
                Value::from(unix_millis(session.started)),
            );
        }
    }
    let mut body = ids(session);
    body.insert("serverResponse".into(), Value::Object(server_response));
    Ok(Reply::ok(Value::Object(body)))
}

pub(super) fn update(store: &mut Store<'_, CloudRecording>, call: &Call<'_, Update>) -> Handled {
    let request = &call.request;
    let session = session(
        store.own,
        &request.appid,
        &request.resource_id,
        &request.sid,
        &request.mode,
    )?;
    if session.phase != Phase::Running {
        return Err(no_worker());
    }
    same_task(session, &request.cname, &request.uid)?;
    let change = &request.client_request;
    let web = session.mode == RecordingMode::Web;
    if web && change.stream_subscribe.is_some() {
        return Err(Fail::Invalid(InvalidInput::new(
            "clientRequest.streamSubscribe",
            "applies in individual and mix modes only",
        )));
    }
    if !web && (change.web_recording_config.is_some() || change.rtmp_publish_config.is_some()) {
        return Err(Fail::Invalid(InvalidInput::new(
            "clientRequest.webRecordingConfig",
            "webRecordingConfig and rtmpPublishConfig apply in web mode only",
        )));
    }
    if let Some(onhold) = change
        .web_recording_config
        .as_ref()
        .and_then(|config| config.onhold)
    {
        session.onhold = onhold;
    }
    if let Some(outputs) = change
        .rtmp_publish_config
        .as_ref()
        .and_then(|config| config.outputs.as_ref())
    {
        session.rtmp_urls = outputs
            .iter()
            .map(|output| output.rtmp_url.clone())
            .collect();
    }
    if let Some(storage) = &change.storage_config {
        session.request.storage_config = storage.clone();
    }
    Ok(Reply::ok(Value::Object(ids(session))))
}

pub(super) fn update_layout(
    store: &mut Store<'_, CloudRecording>,
    call: &Call<'_, UpdateLayout>,
) -> Handled {
    let request = &call.request;
    let session = store
        .own
        .sessions
        .get_mut(request.sid.as_str())
        .filter(|session| {
            session.appid == request.appid.as_str()
                && session.resource_id == request.resource_id.as_str()
                && session.phase == Phase::Running
        })
        .ok_or_else(no_worker)?;
    if session.mode != RecordingMode::Mix {
        return Err(Fail::Invalid(InvalidInput::new(
            "mode",
            format!(
                "updateLayout applies to mix mode only; this session records in {} mode",
                session.mode
            ),
        )));
    }
    same_task(session, &request.cname, &request.uid)?;
    // Each call replaces the whole layout.
    session.layout = serde_json::to_value(&request.client_request).ok();
    Ok(Reply::ok(Value::Object(ids(session))))
}

pub(super) fn stop(store: &mut Store<'_, CloudRecording>, call: &Call<'_, Stop>) -> Handled {
    let request = &call.request;
    let session = session(
        store.own,
        &request.appid,
        &request.resource_id,
        &request.sid,
        &request.mode,
    )?;
    match session.phase {
        Phase::Running => {}
        Phase::Stopped => return Err(fail(400, 49, "invalid operation")),
        Phase::Exited => return Err(no_worker()),
    }
    same_task(session, &request.cname, &request.uid)?;
    session.phase = Phase::Stopped;
    let mut body = ids(session);
    if session.mode == RecordingMode::Web {
        let mut services = vec![json!({
            "serviceName": "upload_service",
            "payload": { "uploadingStatus": "uploaded" },
        })];
        services.extend(
            web_state(session, "exit")
                .into_iter()
                .filter(|service| service["serviceName"] == "web_recorder_service"),
        );
        body.insert(
            "serverResponse".into(),
            json!({ "extensionServiceState": services }),
        );
        super::events::ended(store.account, session, None, call.now);
        return Ok(Reply::ok(Value::Object(body)));
    }
    if !session.saw_streams {
        body.insert("code".into(), Value::from(435));
        body.insert("reason".into(), Value::from("no recorded data"));
        super::events::ended(store.account, session, None, call.now);
        return Ok(Reply::json(206, Value::Object(body)));
    }
    let mut server_response = serde_json::Map::new();
    let files = file_list(session);
    super::events::ended(
        store.account,
        session,
        files.as_ref().map(|(_, files)| files),
        call.now,
    );
    if let Some((list_mode, files)) = files {
        server_response.insert("fileListMode".into(), Value::from(list_mode));
        server_response.insert("fileList".into(), files);
    }
    server_response.insert("uploadingStatus".into(), Value::from("uploaded"));
    body.insert("serverResponse".into(), Value::Object(server_response));
    Ok(Reply::ok(Value::Object(body)))
}
