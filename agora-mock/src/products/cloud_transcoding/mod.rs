//! Cloud Transcoding: builder tokens -> create -> query / update ->
//! destroy, and the multi-bitrate templates.
//!
//! * Builder tokens as [`BuilderTokens`] keeps them: five minutes to
//!   start one task, then the key of that task only.
//! * `create` answers the task `STARTED` (service `serviceReady`), as
//!   Agora's example does; from then on it is `IN_PROGRESS`
//!   (`serviceInProgress`). When none of the task's RTC input channels
//!   has a host for `idleTimeout` seconds (default 300), the task exits
//!   by itself (`EXIT`, then `404` like a destroyed one).
//! * `update` replaces the configuration; its `sequenceId` must be larger
//!   than the last applied one (else `409`). Agora documents an empty
//!   `200` body, which is what it answers.
//! * `destroy` answers the task `STOPPED` (`serviceCompleted`); the task
//!   is then gone (`404`).
//! * Templates are kept per App ID by `codecId`; the list answers
//!   `{status: "success", data: {enabled, codecs}}`, with `Video` as in
//!   Agora's table. Template errors are `{status: "error", message}`, the
//!   task calls' `{message}`.
//!
//! The notification IP query (`GET /v1/ncs/ip`) is Cloud Recording's
//! endpoint, served there.

use std::collections::{BTreeMap, HashMap};
use std::time::{Duration, SystemTime};

use agora_api::InvalidInput;
use agora_api::cloud_transcoding::{
    AcquireTranscodingBuilderToken, CreateTranscodingTask, DestroyTranscodingTask,
    ListTranscodingTemplates, QueryTranscodingTask, SetTranscodingTemplate, Transcoder,
    TranscodingServices, UpdateTranscodingTask,
};
use agora_api::registry::EndpointInfo;
use serde_json::{Value, json};

use super::builder_tokens::{BuilderTokens, refusal};
use crate::clock::unix_secs;
use crate::product::{Call, Product, Registration, Routes, Store};
use crate::reply::{Fail, Handled, Reply};
use crate::state::Account;

/// Agora's default `idleTimeout`, seconds.
const DEFAULT_IDLE_SECS: u64 = 300;

/// The Cloud Transcoding product.
#[derive(Debug)]
pub(crate) struct CloudTranscoding;

/// What the product remembers.
#[derive(Debug, Default)]
pub(crate) struct Transcoding {
    tokens: BuilderTokens,
    /// Running tasks, by task ID.
    tasks: HashMap<String, Task>,
    /// Templates per App ID, by `codecId`.
    templates: BTreeMap<String, BTreeMap<String, Value>>,
}

/// One running task.
#[derive(Debug)]
struct Task {
    app_id: String,
    created: SystemTime,
    /// The configuration, as last created or updated.
    services: TranscodingServices,
    /// The last `sequenceId` applied.
    last_sequence: Option<u64>,
    /// The last time a host was in one of its RTC input channels.
    last_active: SystemTime,
}

impl Product for CloudTranscoding {
    const MODULE: &'static str = "agora_api::cloud_transcoding";
    type State = Transcoding;

    fn register(routes: &mut Routes<Self>) {
        routes
            .on::<AcquireTranscodingBuilderToken>(acquire)
            .on::<CreateTranscodingTask>(create)
            .on::<QueryTranscodingTask>(query)
            .on::<UpdateTranscodingTask>(update)
            .on::<DestroyTranscodingTask>(destroy)
            .on::<SetTranscodingTemplate>(set_template)
            .on::<ListTranscodingTemplates>(list_templates);
    }

    /// `400 {"message"}` for the task calls, `400 {"status": "error",
    /// "message"}` for the template calls.
    fn invalid(info: &'static EndpointInfo, _request_id: &str, error: &InvalidInput) -> Reply {
        if info.path.contains("/rtls/abr/") {
            Reply::json(
                400,
                json!({ "status": "error", "message": error.to_string() }),
            )
        } else {
            Reply::json(400, json!({ "message": error.to_string() }))
        }
    }

    fn unsupported_media_type(_request_id: &str) -> Reply {
        Reply::unsupported_media_type()
    }

    /// Tasks whose input channels stayed without a host for their
    /// `idleTimeout` exit.
    fn tick(store: &mut Store<'_, Self>, now: SystemTime) {
        let account: &Account = store.account;
        store.own.tasks.retain(|_, task| {
            if has_host(account, task) {
                task.last_active = now;
                return true;
            }
            let idle = Duration::from_secs(idle_secs(&task.services));
            now.duration_since(task.last_active)
                .map_or(true, |elapsed| elapsed < idle)
        });
    }
}

inventory::submit! { Registration::of::<CloudTranscoding>() }

fn transcoder(services: &TranscodingServices) -> &Transcoder {
    &services.cloud_transcoder.config.transcoder
}

fn idle_secs(services: &TranscodingServices) -> u64 {
    transcoder(services)
        .idle_timeout
        .map_or(DEFAULT_IDLE_SECS, u64::from)
}

/// Whether a host is in one of the task's RTC input channels.
fn has_host(account: &Account, task: &Task) -> bool {
    let transcoder = transcoder(&task.services);
    let audio = transcoder
        .audio_inputs
        .iter()
        .flatten()
        .filter_map(|i| i.rtc.as_ref());
    let video = transcoder
        .video_inputs
        .iter()
        .flatten()
        .filter_map(|i| i.rtc.as_ref());
    audio.chain(video).any(|rtc| {
        account
            .channel(&task.app_id, rtc.rtc_channel.as_str())
            .is_some_and(|channel| channel.streamers().next().is_some())
    })
}

fn project_check(store: &Store<'_, CloudTranscoding>, app_id: &str) -> Result<(), Fail> {
    if store.account.project_of_app(app_id).is_none() {
        return Err(Fail::Reply(refusal(
            404,
            "appId is not a project of this account",
        )));
    }
    Ok(())
}

/// The task as Agora answers it.
fn task_body(
    task_id: &str,
    task: &Task,
    status: &str,
    service_status: &str,
    message: &str,
) -> Value {
    let created = unix_secs(task.created);
    json!({
        "createTs": created,
        "eventHandlers": {},
        "execution": { "workflows": {} },
        "properties": {},
        "sequenceId": task.last_sequence.unwrap_or(0).to_string(),
        "services": {
            "cloudTranscoder": {
                // Agora echoes `{}`; the RTC tokens stay unechoed.
                "config": {},
                "createTs": created,
                "details": {},
                "message": message,
                "serviceType": task.services.cloud_transcoder.service_type.as_str(),
                "status": service_status,
            }
        },
        "status": status,
        "taskId": task_id,
        "variables": {},
        "workflows": {},
    })
}

fn acquire(
    store: &mut Store<'_, CloudTranscoding>,
    call: &Call<'_, AcquireTranscodingBuilderToken>,
) -> Handled {
    let request = &call.request;
    let app_id = request.app_id.as_str();
    project_check(store, app_id)?;
    let instance_id = request.instance_id.as_str();
    let token = store
        .own
        .tokens
        .issue(&mut store.account.rng, app_id, instance_id, call.now);
    Ok(Reply::ok(json!({
        "createTs": unix_secs(call.now),
        "instanceId": instance_id,
        "tokenName": token,
    })))
}

fn create(
    store: &mut Store<'_, CloudTranscoding>,
    call: &Call<'_, CreateTranscodingTask>,
) -> Handled {
    let request = &call.request;
    let app_id = request.app_id.as_str();
    project_check(store, app_id)?;
    let token = request.builder_token.as_str();
    store.own.tokens.check_start(app_id, token, call.now)?;
    let task_id = store.account.rng.hex(32);
    store.own.tokens.bind(token, &task_id);
    let task = Task {
        app_id: app_id.to_owned(),
        created: call.now,
        services: request.services.clone(),
        last_sequence: None,
        last_active: call.now,
    };
    let body = task_body(&task_id, &task, "STARTED", "serviceReady", "");
    store.own.tasks.insert(task_id, task);
    Ok(Reply::ok(body))
}

/// The running task `task_id` of `app_id`, if `token` started it.
fn running<'t>(
    own: &'t mut Transcoding,
    app_id: &str,
    task_id: &str,
    token: &str,
) -> Result<&'t mut Task, Fail> {
    let found = own
        .tasks
        .get(task_id)
        .is_some_and(|task| task.app_id == app_id);
    if !found {
        return Err(Fail::Reply(refusal(
            404,
            "task not found: it was destroyed or never created",
        )));
    }
    own.tokens.check_task(app_id, token, task_id)?;
    own.tasks
        .get_mut(task_id)
        .ok_or_else(|| Fail::Reply(refusal(404, "task not found")))
}

fn query(
    store: &mut Store<'_, CloudTranscoding>,
    call: &Call<'_, QueryTranscodingTask>,
) -> Handled {
    let request = &call.request;
    let task_id = request.task_id.as_str();
    let task = running(
        store.own,
        request.app_id.as_str(),
        task_id,
        request.builder_token.as_str(),
    )?;
    Ok(Reply::ok(task_body(
        task_id,
        task,
        "IN_PROGRESS",
        "serviceInProgress",
        "OnSlaveServiceQueryUpdated",
    )))
}

fn update(
    store: &mut Store<'_, CloudTranscoding>,
    call: &Call<'_, UpdateTranscodingTask>,
) -> Handled {
    let request = &call.request;
    let task = running(
        store.own,
        request.app_id.as_str(),
        request.task_id.as_str(),
        request.builder_token.as_str(),
    )?;
    if let Some(last) = task.last_sequence
        && request.sequence_id <= last
    {
        return Err(Fail::Reply(refusal(
            409,
            format!(
                "sequenceId {} is not larger than the last update's {last}",
                request.sequence_id
            ),
        )));
    }
    task.last_sequence = Some(request.sequence_id);
    task.services = request.services.clone();
    Ok(Reply {
        status: 200,
        headers: Vec::new(),
        body: Vec::new(),
    })
}

fn destroy(
    store: &mut Store<'_, CloudTranscoding>,
    call: &Call<'_, DestroyTranscodingTask>,
) -> Handled {
    let request = &call.request;
    let task_id = request.task_id.as_str();
    running(
        store.own,
        request.app_id.as_str(),
        task_id,
        request.builder_token.as_str(),
    )?;
    let task = store
        .own
        .tasks
        .remove(task_id)
        .ok_or_else(|| Fail::Reply(refusal(404, "task not found")))?;
    Ok(Reply::ok(task_body(
        task_id,
        &task,
        "STOPPED",
        "serviceCompleted",
        "OnSlaveServiceStopped",
    )))
}

fn template_error(status: u16, message: &str) -> Fail {
    Fail::Reply(Reply::json(
        status,
        json!({ "status": "error", "message": message }),
    ))
}

fn set_template(
    store: &mut Store<'_, CloudTranscoding>,
    call: &Call<'_, SetTranscodingTemplate>,
) -> Handled {
    let request = &call.request;
    let app_id = request.app_id.as_str();
    if store.account.project_of_app(app_id).is_none() {
        return Err(template_error(
            404,
            "appId is not a project of this account",
        ));
    }
    let template = json!({
        "id": request.codec_id.as_str(),
        "enabled": request.enabled,
        "Video": request.video,
    });
    store
        .own
        .templates
        .entry(app_id.to_owned())
        .or_default()
        .insert(request.codec_id.as_str().to_owned(), template);
    Ok(Reply::ok(json!({ "status": "success" })))
}

fn list_templates(
    store: &mut Store<'_, CloudTranscoding>,
    call: &Call<'_, ListTranscodingTemplates>,
) -> Handled {
    let app_id = call.request.app_id.as_str();
    if store.account.project_of_app(app_id).is_none() {
        return Err(template_error(
            404,
            "appId is not a project of this account",
        ));
    }
    let codecs: Vec<Value> = store
        .own
        .templates
        .get(app_id)
        .map(|templates| templates.values().cloned().collect())
        .unwrap_or_default();
    let enabled = codecs.iter().any(|codec| codec["enabled"] == true);
    Ok(Reply::ok(json!({
        "status": "success",
        "data": { "enabled": enabled, "codecs": codecs },
    })))
}
