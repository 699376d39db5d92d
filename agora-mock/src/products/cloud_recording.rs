//! Cloud Recording: acquire -> start -> query / update / updateLayout ->
//! stop, with Agora's documented status codes.
//!
//! * A resource ID is valid for five minutes (by the server's clock) and
//!   serves one session: `start` after that is `400` code 433, a second
//!   `start` on it `201` code 7 "already started", a running task with the
//!   same `cname` and `uid` `400` code 53 "task conflict"; `cname`, `uid`,
//!   the mode's scene and the acquire's `startParameter` must match (code
//!   432).
//! * `query`, `update`, `updateLayout` and `stop` answer `404` code 404
//!   "failed to find worker" for an unknown or finished session; a second
//!   `stop` is `400` code 49; `updateLayout` serves `mix` sessions only.
//! * Outside `web` mode the recorder leaves by itself when nobody has sent
//!   a stream for `maxIdleTime` seconds (default 30; then `404`, Agora's
//!   most asked-about answer), and `stop` of a session that never saw a
//!   stream is `206` code 435 "no recorded data". Sessions end after
//!   `resourceExpiredHour`; web page recording after `maxRecordingHour`.
//! * `stop` returns the file list (M3U8/MP4 names in Agora's patterns).

use agora_api::cloud_recording::{
    Acquire, AcquireClientRequest, AvFileType, GetNcsIps, Query, RecordingMode, ResourceId, Scene,
    ServiceParam, Sid, Start, StartClientRequest, Stop, StopClientRequest, StreamTypes, Update,
    UpdateClientRequest, UpdateLayout, UpdateLayoutClientRequest,
};
use agora_api::{AppId, ChannelName, InvalidInput, UidString};
use serde_json::{Value, json};

use crate::call::{Body, Call, validated};
use crate::clock::{unix_millis, unix_secs};
use crate::reply::{Fail, Handled, Reply};
use crate::state::{
    DEFAULT_RESOURCE_EXPIRED_HOUR, Phase, RESOURCE_LIFETIME, Resource, Session, State,
};

/// The answer to a request for a Cloud Recording endpoint.
pub(crate) fn handle(state: &mut State, call: &Call) -> Reply {
    let handled = match call.info.name {
        "Acquire" => acquire(state, call),
        "Start" => start(state, call),
        "Query" => query(state, call),
        "Update" => update(state, call),
        "UpdateLayout" => update_layout(state, call),
        "Stop" => stop(state, call),
        "GetNcsIps" => ncs_ips(call),
        _ => Err(Fail::Reply(Reply::no_route())),
    };
    handled.unwrap_or_else(|fail| match fail {
        Fail::Reply(reply) => reply,
        Fail::Invalid(error) => invalid(call, &error),
    })
}

/// `{"code": .., "reason": ..}` with `status`.
pub(crate) fn error(status: u16, code: i64, reason: impl Into<String>) -> Reply {
    Reply::json(status, json!({ "code": code, "reason": reason.into() }))
}

fn fail(status: u16, code: i64, reason: impl Into<String>) -> Fail {
    Fail::Reply(error(status, code, reason))
}

/// `400` code 2, "invalid request parameters", with the rule broken.
pub(crate) fn invalid(call: &Call, error: &InvalidInput) -> Reply {
    self::error(400, 2, format!("{}: {error}", call.info.name))
}

fn no_worker() -> Fail {
    fail(404, 404, "failed to find worker")
}

/// The mode segment of a path: one of the three modes.
fn mode(call: &Call) -> Result<RecordingMode, InvalidInput> {
    let mode = RecordingMode::from(call.path_text("mode")?);
    if let RecordingMode::Other(other) = &mode {
        return Err(InvalidInput::new(
            "mode",
            format!("must be individual, mix or web (got {other:?})"),
        ));
    }
    Ok(mode)
}

/// `cname` and `uid` of a body.
fn who(body: &Body) -> Result<(ChannelName, UidString), InvalidInput> {
    Ok((
        body.required::<ChannelName>("cname")?,
        body.required::<UidString>("uid")?,
    ))
}

fn acquire(state: &mut State, call: &Call) -> Handled {
    let appid = call
        .path::<AppId>("appid")
        .map_err(|_| fail(400, 400, "invalid_appid"))?;
    let body = call.body()?;
    let cname = body
        .required::<ChannelName>("cname")
        .map_err(|_| fail(400, 401, "invalid_channel_name"))?;
    let request = validated(
        Acquire::builder()
            .appid(appid)
            .cname(cname)
            .uid(body.required::<UidString>("uid")?)
            .client_request(body.required::<AcquireClientRequest>("clientRequest")?)
            .build(),
    )?;
    if state.project_of_app(request.appid.as_str()).is_none() {
        return Err(fail(400, 400, "invalid_appid"));
    }
    let client_request = &request.client_request;
    let web = match client_request.scene {
        None | Some(Scene::Rtc) => false,
        Some(Scene::Web) => true,
        Some(Scene::Other(other)) => {
            return Err(Fail::Invalid(InvalidInput::new(
                "clientRequest.scene",
                format!("must be 0 (RTC) or 1 (web page) (got {other})"),
            )));
        }
    };
    // Agora's IDs are long opaque strings; a prefix keeps them unique.
    let resource_id = format!("{}{}", state.rng.base64url(16), state.rng.base64url(80));
    let start_parameter = client_request
        .start_parameter
        .as_ref()
        .and_then(|start| serde_json::to_value(start).ok());
    state.resources.insert(
        resource_id.clone(),
        Resource {
            appid: request.appid.as_str().to_owned(),
            cname: request.cname.as_str().to_owned(),
            uid: request.uid.to_string(),
            web,
            acquired: call.now,
            expired_hour: client_request
                .resource_expired_hour
                .map_or(DEFAULT_RESOURCE_EXPIRED_HOUR, u64::from),
            start_parameter,
            sid: None,
        },
    );
    Ok(Reply::ok(json!({
        "cname": request.cname,
        "uid": request.uid,
        "resourceId": resource_id,
    })))
}

/// What a mode requires of `start`'s `clientRequest` beyond the crate's
/// own rules (Agora: "only required in individual and composite modes",
/// "only applicable in individual mode", ...).
fn check_mode_config(
    mode: &RecordingMode,
    request: &StartClientRequest,
) -> Result<(), InvalidInput> {
    let at = |name: &str| format!("clientRequest.{name}");
    match mode {
        RecordingMode::Web => {
            let records_page = request
                .extension_service_config
                .as_ref()
                .is_some_and(|config| {
                    config.extension_services.iter().any(|service| {
                        matches!(service.service_param, ServiceParam::WebRecorder(_))
                    })
                });
            if !records_page {
                return Err(InvalidInput::new(
                    at("extensionServiceConfig"),
                    "web mode needs a web_recorder_service extension service",
                ));
            }
            if request.recording_config.is_some() || request.snapshot_config.is_some() {
                return Err(InvalidInput::new(
                    at("recordingConfig"),
                    "recordingConfig and snapshotConfig do not apply in web mode",
                ));
            }
        }
        _ => {
            let Some(recording) = &request.recording_config else {
                return Err(InvalidInput::new(
                    at("recordingConfig"),
                    "is required in individual and mix modes",
                ));
            };
            if request.extension_service_config.is_some() {
                return Err(InvalidInput::new(
                    at("extensionServiceConfig"),
                    "applies in web mode only",
                ));
            }
            if *mode == RecordingMode::Individual {
                if recording.subscribe_uid_group.is_none() {
                    return Err(InvalidInput::new(
                        at("recordingConfig.subscribeUidGroup"),
                        "is required in individual mode",
                    ));
                }
            } else if request.snapshot_config.is_some() {
                return Err(InvalidInput::new(
                    at("snapshotConfig"),
                    "applies in individual mode only",
                ));
            }
        }
    }
    Ok(())
}

fn start(state: &mut State, call: &Call) -> Handled {
    let appid = call.path::<AppId>("appid")?;
    let resource_id = call.path::<ResourceId>("resourceid")?;
    let mode = mode(call)?;
    let body = call.body()?;
    let (cname, uid) = who(&body)?;
    let request = validated(
        Start::builder()
            .appid(appid)
            .resource_id(resource_id)
            .mode(mode)
            .cname(cname)
            .uid(uid)
            .client_request(body.required::<StartClientRequest>("clientRequest")?)
            .build(),
    )?;
    check_mode_config(&request.mode, &request.client_request)?;
    if state.project_of_app(request.appid.as_str()).is_none() {
        return Err(fail(400, 400, "invalid_appid"));
    }
    let resource = state
        .resources
        .get(request.resource_id.as_str())
        .cloned()
        .ok_or_else(|| fail(400, 1001, "failed to parse the resource ID"))?;
    if resource.appid != request.appid.as_str() {
        return Err(fail(400, 1003, "the App ID does not match the resource ID"));
    }
    if resource.sid.is_some() {
        // One resource, one session.
        return Ok(error(201, 7, "already started"));
    }
    if call.now >= resource.acquired + RESOURCE_LIFETIME {
        return Err(fail(
            400,
            433,
            "the resource ID has expired: call acquire again (a resource ID is valid for 5 minutes)",
        ));
    }
    if resource.cname != request.cname.as_str() || resource.uid != request.uid.to_string() {
        return Err(fail(
            400,
            432,
            "cname and uid must be those of the acquire request",
        ));
    }
    if resource.web != (request.mode == RecordingMode::Web) {
        return Err(fail(
            400,
            432,
            "the mode does not match the resource's scene (scene 1 for web mode, 0 otherwise)",
        ));
    }
    if let Some(expected) = &resource.start_parameter
        && serde_json::to_value(&request.client_request).ok().as_ref() != Some(expected)
    {
        return Err(fail(
            400,
            432,
            "clientRequest does not match the acquire's startParameter",
        ));
    }
    let conflict = state.sessions.values().any(|session| {
        session.phase == Phase::Running
            && session.appid == resource.appid
            && session.cname == resource.cname
            && session.uid == resource.uid
    });
    if conflict {
        return Err(fail(400, 53, "task conflict"));
    }
    let sid = state.rng.hex(32);
    let onhold = web_onhold(&request.client_request);
    let rtmp_urls = request
        .client_request
        .extension_service_config
        .iter()
        .flat_map(|config| &config.extension_services)
        .filter_map(|service| match &service.service_param {
            ServiceParam::RtmpPublish(param) => Some(param.outputs.iter()),
            _ => None,
        })
        .flatten()
        .map(|output| output.rtmp_url.clone())
        .collect();
    state.sessions.insert(
        sid.clone(),
        Session {
            sid: sid.clone(),
            resource_id: request.resource_id.as_str().to_owned(),
            appid: resource.appid.clone(),
            mode: request.mode.clone(),
            cname: resource.cname.clone(),
            uid: resource.uid.clone(),
            started: call.now,
            expired_hour: resource.expired_hour,
            request: request.client_request.clone(),
            phase: Phase::Running,
            saw_streams: false,
            recorded_uids: Default::default(),
            last_streaming: call.now,
            onhold,
            rtmp_urls,
            layout: None,
        },
    );
    if let Some(resource) = state.resources.get_mut(request.resource_id.as_str()) {
        resource.sid = Some(sid.clone());
    }
    // Who is streaming right now counts for the new session too.
    state.tick(call.now);
    Ok(Reply::ok(json!({
        "cname": request.cname,
        "uid": request.uid,
        "resourceId": request.resource_id,
        "sid": sid,
    })))
}

fn web_onhold(request: &StartClientRequest) -> bool {
    request
        .extension_service_config
        .iter()
        .flat_map(|config| &config.extension_services)
        .any(|service| match &service.service_param {
            ServiceParam::WebRecorder(param) => param.onhold == Some(true),
            _ => false,
        })
}

/// The running or stopped session the path names, checked against the
/// path's App ID, resource ID and mode.
fn session<'s>(
    state: &'s mut State,
    appid: &AppId,
    resource_id: &ResourceId,
    sid: &Sid,
    mode: &RecordingMode,
) -> Result<&'s mut Session, Fail> {
    let session = state
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

fn track_type(session: &Session) -> &'static str {
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

fn wants_mp4(session: &Session) -> bool {
    session
        .request
        .recording_file_config
        .as_ref()
        .and_then(|files| files.av_file_type.as_ref())
        .is_some_and(|types| types.contains(&AvFileType::Mp4))
}

/// `fileListMode` and `fileList` of an individual or mix session, or
/// nothing when it only takes screenshots or has recorded nothing yet.
fn file_list(session: &Session) -> Option<(&'static str, Value)> {
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
fn web_files(session: &Session) -> Value {
    let start = unix_secs(session.started);
    let base = format!("{}_{}", session.sid, session.cname);
    let mut files = vec![json!({ "filename": format!("{base}.m3u8"), "sliceStartTime": start })];
    if wants_mp4(session) {
        files.push(json!({ "filename": format!("{base}_0.mp4"), "sliceStartTime": start }));
    }
    Value::Array(files)
}

fn web_state(session: &Session, state_name: &str) -> Vec<Value> {
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

fn ids(session: &Session) -> serde_json::Map<String, Value> {
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

fn query(state: &mut State, call: &Call) -> Handled {
    let request = validated(
        Query::builder()
            .appid(call.path::<AppId>("appid")?)
            .resource_id(call.path::<ResourceId>("resourceid")?)
            .sid(call.path::<Sid>("sid")?)
            .mode(mode(call)?)
            .build(),
    )?;
    let session = session(
        state,
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

fn update(state: &mut State, call: &Call) -> Handled {
    let appid = call.path::<AppId>("appid")?;
    let resource_id = call.path::<ResourceId>("resourceid")?;
    let sid = call.path::<Sid>("sid")?;
    let mode = mode(call)?;
    let body = call.body()?;
    let (cname, uid) = who(&body)?;
    let request = validated(
        Update::builder()
            .appid(appid)
            .resource_id(resource_id)
            .sid(sid)
            .mode(mode)
            .cname(cname)
            .uid(uid)
            .client_request(body.required::<UpdateClientRequest>("clientRequest")?)
            .build(),
    )?;
    let session = session(
        state,
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

fn update_layout(state: &mut State, call: &Call) -> Handled {
    let appid = call.path::<AppId>("appid")?;
    let resource_id = call.path::<ResourceId>("resourceid")?;
    let sid = call.path::<Sid>("sid")?;
    let body = call.body()?;
    let (cname, uid) = who(&body)?;
    let request = validated(
        UpdateLayout::builder()
            .appid(appid)
            .resource_id(resource_id)
            .sid(sid)
            .cname(cname)
            .uid(uid)
            .client_request(body.required::<UpdateLayoutClientRequest>("clientRequest")?)
            .build(),
    )?;
    let session = state
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

fn stop(state: &mut State, call: &Call) -> Handled {
    let appid = call.path::<AppId>("appid")?;
    let resource_id = call.path::<ResourceId>("resourceid")?;
    let sid = call.path::<Sid>("sid")?;
    let mode = mode(call)?;
    let body = call.body()?;
    let (cname, uid) = who(&body)?;
    let request = validated(
        Stop::builder()
            .appid(appid)
            .resource_id(resource_id)
            .sid(sid)
            .mode(mode)
            .cname(cname)
            .uid(uid)
            .client_request(body.required::<StopClientRequest>("clientRequest")?)
            .build(),
    )?;
    let session = session(
        state,
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
        return Ok(Reply::ok(Value::Object(body)));
    }
    if !session.saw_streams {
        body.insert("code".into(), Value::from(435));
        body.insert("reason".into(), Value::from("no recorded data"));
        return Ok(Reply::json(206, Value::Object(body)));
    }
    let mut server_response = serde_json::Map::new();
    if let Some((list_mode, files)) = file_list(session) {
        server_response.insert("fileListMode".into(), Value::from(list_mode));
        server_response.insert("fileList".into(), files);
    }
    server_response.insert("uploadingStatus".into(), Value::from("uploaded"));
    body.insert("serverResponse".into(), Value::Object(server_response));
    Ok(Reply::ok(Value::Object(body)))
}

fn ncs_ips(_call: &Call) -> Handled {
    validated(GetNcsIps::builder().build())?;
    Ok(Reply::ok(crate::products::channel::ncs_hosts()))
}
