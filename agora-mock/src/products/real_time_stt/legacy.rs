//! The legacy (v5/v6) builder tokens and tasks.
//!
//! * Builder tokens as [`BuilderTokens`] keeps them: a new one per call
//!   (several per instance), five minutes to start one task, then the key
//!   of that task only.
//! * `start` answers the task `IN_PROGRESS`, as Agora's v6 example does;
//!   `query` and `update` answer it too; `update` needs a `sequenceId`
//!   larger than the last applied one (else `409`) and keeps the changed
//!   languages; `stop` answers `200` without a body, and the task is then
//!   gone (`404`).
//! * When the channel has had nobody in it for `maxIdleTime` seconds
//!   (default 30), the task ends by itself (then `404`).

#![allow(deprecated)]

use std::collections::HashMap;
use std::time::{Duration, SystemTime};

use agora_api::real_time_stt::{
    AcquireSttBuilderToken, QueryLegacySttTask, StartLegacySttTask, StopLegacySttTask,
    UpdateLegacySttTask,
};
use serde_json::json;

use super::RealTimeStt;
use crate::clock::unix_secs;
use crate::product::{Call, Store};
use crate::products::builder_tokens::{BuilderTokens, refusal};
use crate::reply::{Fail, Handled, Reply};
use crate::state::Account;

/// Agora's default `maxIdleTime`, seconds.
const DEFAULT_MAX_IDLE_SECS: u64 = 30;

/// The legacy tokens and tasks.
#[derive(Debug, Default)]
pub(crate) struct LegacyTasks {
    tokens: BuilderTokens,
    tasks: HashMap<String, LegacyTask>,
}

#[derive(Debug)]
struct LegacyTask {
    app_id: String,
    channel: String,
    created: SystemTime,
    languages: Vec<String>,
    max_idle: Duration,
    last_active: SystemTime,
    last_sequence: Option<u64>,
}

impl LegacyTasks {
    /// Ends the tasks whose channel stayed empty for their `maxIdleTime`.
    pub(crate) fn tick(&mut self, account: &Account, now: SystemTime) {
        self.tasks.retain(|_, task| {
            if account.channel(&task.app_id, &task.channel).is_some() {
                task.last_active = now;
                return true;
            }
            now.duration_since(task.last_active)
                .map_or(true, |elapsed| elapsed < task.max_idle)
        });
    }
}

fn task_body(task_id: &str, task: &LegacyTask) -> serde_json::Value {
    json!({
        "taskId": task_id,
        "createTs": unix_secs(task.created),
        "status": "IN_PROGRESS",
    })
}

pub(super) fn acquire_builder_token(
    store: &mut Store<'_, RealTimeStt>,
    call: &Call<'_, AcquireSttBuilderToken>,
) -> Handled {
    let request = &call.request;
    let app_id = request.app_id.as_str();
    if store.account.project_of_app(app_id).is_none() {
        return Err(Fail::Reply(refusal(
            404,
            "appId is not a project of this account",
        )));
    }
    let instance_id = request.instance_id.as_str();
    let token =
        store
            .own
            .legacy
            .tokens
            .issue(&mut store.account.rng, app_id, instance_id, call.now);
    Ok(Reply::ok(json!({
        "tokenName": token,
        "createTs": unix_secs(call.now),
        "instanceId": instance_id,
    })))
}

pub(super) fn start(
    store: &mut Store<'_, RealTimeStt>,
    call: &Call<'_, StartLegacySttTask>,
) -> Handled {
    let request = &call.request;
    let app_id = request.app_id.as_str();
    if store.account.project_of_app(app_id).is_none() {
        return Err(Fail::Reply(refusal(
            404,
            "appId is not a project of this account",
        )));
    }
    let legacy = &mut store.own.legacy;
    let token = request.builder_token.as_str();
    legacy.tokens.check_start(app_id, token, call.now)?;
    let task_id = store.account.rng.hex(32);
    legacy.tokens.bind(token, &task_id);
    let max_idle = request
        .max_idle_time
        .map_or(DEFAULT_MAX_IDLE_SECS, u64::from);
    let task = LegacyTask {
        app_id: app_id.to_owned(),
        channel: request.rtc_config.channel_name.as_str().to_owned(),
        created: call.now,
        languages: request.languages.clone(),
        max_idle: Duration::from_secs(max_idle),
        last_active: call.now,
        last_sequence: None,
    };
    let body = task_body(&task_id, &task);
    legacy.tasks.insert(task_id, task);
    Ok(Reply::ok(body))
}

/// The running task `task_id` of `app_id`, if `token` started it.
fn running<'t>(
    legacy: &'t mut LegacyTasks,
    app_id: &str,
    task_id: &str,
    token: &str,
) -> Result<&'t mut LegacyTask, Fail> {
    let found = legacy
        .tasks
        .get(task_id)
        .is_some_and(|task| task.app_id == app_id);
    if !found {
        return Err(Fail::Reply(refusal(
            404,
            "task not found: it stopped or never started",
        )));
    }
    legacy.tokens.check_task(app_id, token, task_id)?;
    legacy
        .tasks
        .get_mut(task_id)
        .ok_or_else(|| Fail::Reply(refusal(404, "task not found")))
}

pub(super) fn query(
    store: &mut Store<'_, RealTimeStt>,
    call: &Call<'_, QueryLegacySttTask>,
) -> Handled {
    let request = &call.request;
    let task_id = request.task_id.as_str();
    let task = running(
        &mut store.own.legacy,
        request.app_id.as_str(),
        task_id,
        request.builder_token.as_str(),
    )?;
    Ok(Reply::ok(task_body(task_id, task)))
}

pub(super) fn update(
    store: &mut Store<'_, RealTimeStt>,
    call: &Call<'_, UpdateLegacySttTask>,
) -> Handled {
    let request = &call.request;
    let task_id = request.task_id.as_str();
    let task = running(
        &mut store.own.legacy,
        request.app_id.as_str(),
        task_id,
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
    if let Some(languages) = &request.languages {
        task.languages.clone_from(languages);
    }
    Ok(Reply::ok(task_body(task_id, task)))
}

pub(super) fn stop(
    store: &mut Store<'_, RealTimeStt>,
    call: &Call<'_, StopLegacySttTask>,
) -> Handled {
    let request = &call.request;
    let task_id = request.task_id.as_str();
    running(
        &mut store.own.legacy,
        request.app_id.as_str(),
        task_id,
        request.builder_token.as_str(),
    )?;
    store.own.legacy.tasks.remove(task_id);
    Ok(Reply {
        status: 200,
        headers: Vec::new(),
        body: Vec::new(),
    })
}
