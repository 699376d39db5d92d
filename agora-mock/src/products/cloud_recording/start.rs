//! Getting a recording going: `acquire` a resource ID, `start` a session
//! on it.

use agora_api::InvalidInput;
use agora_api::cloud_recording::{
    Acquire, RecordingMode, Scene, ServiceParam, Start, StartClientRequest,
};
use serde_json::json;

use super::{
    CloudRecording, DEFAULT_RESOURCE_EXPIRED_HOUR, Phase, RESOURCE_LIFETIME, Resource, Session,
    check_mode, error, fail,
};
use crate::product::{Call, Product, Store};
use crate::reply::{Fail, Handled, Reply};

pub(super) fn acquire(store: &mut Store<'_, CloudRecording>, call: &Call<'_, Acquire>) -> Handled {
    let request = &call.request;
    if store
        .account
        .project_of_app(request.appid.as_str())
        .is_none()
    {
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
    let resource_id = format!(
        "{}{}",
        store.account.rng.base64url(16),
        store.account.rng.base64url(80)
    );
    let start_parameter = client_request
        .start_parameter
        .as_ref()
        .and_then(|start| serde_json::to_value(start).ok());
    store.own.resources.insert(
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

pub(super) fn start(store: &mut Store<'_, CloudRecording>, call: &Call<'_, Start>) -> Handled {
    let request = &call.request;
    check_mode(&request.mode)?;
    check_mode_config(&request.mode, &request.client_request)?;
    if store
        .account
        .project_of_app(request.appid.as_str())
        .is_none()
    {
        return Err(fail(400, 400, "invalid_appid"));
    }
    let resource = store
        .own
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
    let conflict = store.own.sessions.values().any(|session| {
        session.phase == Phase::Running
            && session.appid == resource.appid
            && session.cname == resource.cname
            && session.uid == resource.uid
    });
    if conflict {
        return Err(fail(400, 53, "task conflict"));
    }
    let sid = store.account.rng.hex(32);
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
    store.own.sessions.insert(
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
            events: 0,
        },
    );
    if let Some(session) = store.own.sessions.get_mut(&sid) {
        super::events::started(store.account, session, call.now);
    }
    if let Some(resource) = store.own.resources.get_mut(request.resource_id.as_str()) {
        resource.sid = Some(sid.clone());
    }
    // Who is streaming right now counts for the new session too.
    CloudRecording::tick(store, call.now);
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
