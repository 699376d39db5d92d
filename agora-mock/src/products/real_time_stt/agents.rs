//! Real-Time STT v7: agents started by a unique name, then queried,
//! updated, stopped and listed by agent ID, with the v7 error shape
//! `{"detail": ..., "reason": ...}` (Conversational AI's, whose `reason`
//! words are used).
//!
//! v7 is its own emulated product beside the legacy v5/v6 one: the same
//! `agora_api::real_time_stt` module, its own state and error shape.
//!
//! The state machine, driven by the emulator's clock and the seeded RTC
//! channels:
//!
//! * `join` answers `STARTING`; the agent is `RUNNING` one second later.
//!   `IDLE` ("not initialized") is documented but never lasts long
//!   enough here to be seen.
//! * A user in the channel with one of the agent's bot UIDs (Agora: no one
//!   else may use them) knocks the bot out: the agent is `RECOVERING`
//!   until that user leaves (then `RUNNING` again), and `FAILED` ("RTC
//!   connection error") after a minute of it.
//! * With nobody speaking in the channel (no host of a live channel, no
//!   user of a communication one) for `maxIdleTime` seconds (default 30)
//!   the agent stops by itself: `STOPPED`, "Idle for too long".
//! * `leave` makes it `STOPPING`, and `STOPPED` one second later.
//!   `update` and `leave` of an agent that is stopping or has ended answer
//!   `404` `TaskNotFound`; `query` still answers its final status.
//! * A name any agent of the project has had is refused with `409`
//!   `TaskConflict` (the page: the same name cannot be used repeatedly).
//! * `update` applies only a `sequenceId` larger than the last applied
//!   one (else `400`), and turning translation on needs languages unless
//!   the agent translated before.
//! * `list` shows one status (default `RUNNING`) of agents created in the
//!   time range (default the last day), in creation order, `limit`
//!   (default 20) per page; `meta.cursor` is the page's last agent ID
//!   while more follow, else empty; a cursor is an agent ID, the page
//!   starts after it.
//! * An App ID that is no project of the account is `403`
//!   `InvalidPermission`.

use std::time::{Duration, SystemTime};

use agora_api::InvalidInput;
use agora_api::real_time_stt::{
    ListSttAgents, QuerySttAgent, StartSttAgent, StopSttAgent, SttAgentStateCode, SttAgentStatus,
    UpdateSttAgent,
};
use agora_api::registry::EndpointInfo;
use serde_json::{Value, json};

use crate::clock::unix_secs;
use crate::product::{Call, Product, Registration, Routes, Store};
use crate::reply::{Fail, Handled, Reply};

/// How long an agent is `STARTING`, and `STOPPING`.
const STEP: Duration = Duration::from_secs(1);
/// How long an agent is `RECOVERING` before it fails.
const RECOVERY_LIMIT: Duration = Duration::from_secs(60);
/// Agora's default `maxIdleTime`, seconds.
const DEFAULT_MAX_IDLE_SECS: u64 = 30;
/// The list's default time range: the last day.
const DEFAULT_LIST_RANGE_SECS: u64 = 86_400;

/// The v7 agents of Real-Time STT.
#[derive(Debug)]
pub(crate) struct SttAgents;

impl Product for SttAgents {
    const MODULE: &'static str = "agora_api::real_time_stt";
    type State = Agents;

    fn register(routes: &mut Routes<Self>) {
        routes
            .on::<StartSttAgent>(start)
            .on::<QuerySttAgent>(query)
            .on::<UpdateSttAgent>(update)
            .on::<StopSttAgent>(stop)
            .on::<ListSttAgents>(list);
    }

    /// `400` with the rule broken; `reason` `MissingRequiredField` for a
    /// missing field, `InvalidRequestBody` for a body that is no JSON
    /// object, else `InvalidFieldValue`.
    fn invalid(_info: &'static EndpointInfo, _request_id: &str, error: &InvalidInput) -> Reply {
        let reason = match (error.field(), error.rule()) {
            ("body", _) => "InvalidRequestBody",
            (_, "is required") => "MissingRequiredField",
            _ => "InvalidFieldValue",
        };
        failure(400, reason, error.to_string())
    }

    fn unsupported_media_type(_request_id: &str) -> Reply {
        Reply::unsupported_media_type()
    }

    /// Agents start, recover, fail, sit idle and stop as time passes.
    fn tick(store: &mut Store<'_, Self>, now: SystemTime) {
        let channels = &store.account.channels;
        for agent in &mut store.own.agents {
            let users = channels
                .get(&agent.appid)
                .and_then(|channels| channels.get(&agent.channel));
            if agent.status == SttAgentStatus::Starting {
                let Some(running) = agent.since.checked_add(STEP).filter(|at| *at <= now) else {
                    continue;
                };
                agent.enter(SttAgentStatus::Running, running);
                agent.last_heard = running;
            }
            if agent.status == SttAgentStatus::Stopping {
                if let Some(stopped) = agent.since.checked_add(STEP).filter(|at| *at <= now) {
                    agent.enter(SttAgentStatus::Stopped, stopped);
                }
                continue;
            }
            if !matches!(
                agent.status,
                SttAgentStatus::Running | SttAgentStatus::Recovering
            ) {
                continue;
            }
            let clash = users.is_some_and(|channel| {
                agent.bots.iter().any(|bot| channel.users.contains_key(bot))
            });
            match (&agent.status, clash) {
                (SttAgentStatus::Running, true) => agent.enter(SttAgentStatus::Recovering, now),
                (SttAgentStatus::Recovering, true) => {
                    if elapsed(agent.since, now) >= RECOVERY_LIMIT {
                        agent.enter(SttAgentStatus::Failed, now);
                        agent.message = "RTC connection error";
                    }
                    continue;
                }
                (SttAgentStatus::Recovering, false) => {
                    agent.enter(SttAgentStatus::Running, now);
                    agent.last_heard = now;
                }
                _ => {}
            }
            if agent.status != SttAgentStatus::Running {
                continue;
            }
            let speaking = users
                .is_some_and(|channel| channel.streamers().any(|uid| !agent.bots.contains(&uid)));
            if speaking {
                agent.last_heard = now;
            } else if elapsed(agent.last_heard, now) > agent.max_idle {
                agent.enter(SttAgentStatus::Stopped, now);
                agent.message = "Idle for too long";
            }
        }
    }
}

inventory::submit! { Registration::of::<SttAgents>() }

/// The account's agents, in creation order.
#[derive(Debug, Default)]
pub(crate) struct Agents {
    agents: Vec<Agent>,
}

/// One agent.
#[derive(Debug)]
struct Agent {
    id: String,
    appid: String,
    name: String,
    channel: String,
    /// The publishing and (if set) subscribing bots' UIDs.
    bots: Vec<u32>,
    created: SystemTime,
    status: SttAgentStatus,
    /// When it entered `status`.
    since: SystemTime,
    /// When someone last spoke in the channel (or the agent started).
    last_heard: SystemTime,
    max_idle: Duration,
    last_sequence: Option<u64>,
    translating: bool,
    /// What `query` says about it.
    message: &'static str,
}

impl Agent {
    fn enter(&mut self, status: SttAgentStatus, at: SystemTime) {
        self.status = status;
        self.since = at;
    }

    /// Stopping, stopped or failed: no longer updated or stopped.
    fn has_ended(&self) -> bool {
        self.status == SttAgentStatus::Stopping || self.status.is_final()
    }

    fn answer(&self) -> Value {
        json!({
            "agent_id": self.id,
            "create_ts": unix_secs(self.created),
            "status": self.status.as_str(),
        })
    }
}

fn elapsed(since: SystemTime, now: SystemTime) -> Duration {
    now.duration_since(since).unwrap_or_default()
}

/// A v7 failure: `{"detail": ..., "reason": ...}`.
fn failure(status: u16, reason: &str, detail: impl Into<String>) -> Reply {
    Reply::json(status, json!({ "detail": detail.into(), "reason": reason }))
}

fn check_project(store: &Store<'_, SttAgents>, appid: &str) -> Result<(), Fail> {
    match store.account.project_of_app(appid) {
        Some(_) => Ok(()),
        None => Err(Fail::Reply(failure(
            403,
            "InvalidPermission",
            format!("appid {appid} is not a project of this account"),
        ))),
    }
}

/// The agent `id` of project `appid`, else `404`.
fn agent_mut<'a>(agents: &'a mut Agents, appid: &str, id: &str) -> Result<&'a mut Agent, Fail> {
    agents
        .agents
        .iter_mut()
        .find(|agent| agent.appid == appid && agent.id == id)
        .ok_or_else(|| {
            Fail::Reply(failure(
                404,
                "TaskNotFound",
                format!("agent {id} not found"),
            ))
        })
}

/// The agent, still running (or starting, or recovering), else `404`.
fn active_agent<'a>(agents: &'a mut Agents, appid: &str, id: &str) -> Result<&'a mut Agent, Fail> {
    let agent = agent_mut(agents, appid, id)?;
    if agent.has_ended() {
        return Err(Fail::Reply(failure(
            404,
            "TaskNotFound",
            format!("agent {id} is {}", agent.status),
        )));
    }
    Ok(agent)
}

fn start(store: &mut Store<'_, SttAgents>, call: &Call<'_, StartSttAgent>) -> Handled {
    let request = &call.request;
    let appid = request.appid.as_str();
    check_project(store, appid)?;
    let name = request.name.as_str();
    if store
        .own
        .agents
        .iter()
        .any(|agent| agent.appid == appid && agent.name == name)
    {
        return Err(Fail::Reply(failure(
            409,
            "TaskConflict",
            format!("agent name {name:?} has been used in this project"),
        )));
    }
    let rtc = &request.rtc_config;
    let mut bots = vec![rtc.pub_bot_uid.uid().get()];
    bots.extend(rtc.sub_bot_uid.map(|uid| uid.uid().get()));
    let max_idle = request
        .max_idle_time
        .map_or(DEFAULT_MAX_IDLE_SECS, |secs| u64::from(secs.get()));
    let translating = request
        .translate_config
        .as_ref()
        .and_then(|translate| translate.languages.as_ref())
        .is_some_and(|languages| !languages.as_slice().is_empty());
    let agent = Agent {
        id: store.account.rng.alnum(26).to_ascii_uppercase(),
        appid: appid.to_owned(),
        name: name.to_owned(),
        channel: rtc.channel_name.as_str().to_owned(),
        bots,
        created: call.now,
        status: SttAgentStatus::Starting,
        since: call.now,
        last_heard: call.now,
        max_idle: Duration::from_secs(max_idle),
        last_sequence: None,
        translating,
        message: "OK",
    };
    let answer = agent.answer();
    store.own.agents.push(agent);
    Ok(Reply::ok(answer))
}

fn query(store: &mut Store<'_, SttAgents>, call: &Call<'_, QuerySttAgent>) -> Handled {
    let request = &call.request;
    check_project(store, request.appid.as_str())?;
    let agent = agent_mut(store.own, request.appid.as_str(), request.agent_id.as_str())?;
    let mut answer = agent.answer();
    answer["message"] = json!(agent.message);
    Ok(Reply::ok(answer))
}

fn update(store: &mut Store<'_, SttAgents>, call: &Call<'_, UpdateSttAgent>) -> Handled {
    let request = &call.request;
    check_project(store, request.appid.as_str())?;
    let agent = active_agent(store.own, request.appid.as_str(), request.agent_id.as_str())?;
    if let Some(last) = agent.last_sequence
        && request.sequence_id <= last
    {
        return Err(Fail::Invalid(InvalidInput::new(
            "sequenceId",
            format!(
                "must be larger than the last applied update's ({} <= {last})",
                request.sequence_id
            ),
        )));
    }
    if let Some(translate) = &request.translate_config {
        let languages = translate
            .languages
            .as_ref()
            .map(|languages| !languages.as_slice().is_empty());
        if translate.enable == Some(true) && !agent.translating && languages != Some(true) {
            return Err(Fail::Invalid(InvalidInput::new(
                "translateConfig.languages",
                "is required to turn translation on",
            )));
        }
        agent.translating = match translate.enable {
            Some(enable) => enable,
            None => agent.translating || languages == Some(true),
        };
    }
    agent.last_sequence = Some(request.sequence_id);
    Ok(Reply::ok(agent.answer()))
}

fn stop(store: &mut Store<'_, SttAgents>, call: &Call<'_, StopSttAgent>) -> Handled {
    let request = &call.request;
    check_project(store, request.appid.as_str())?;
    let agent = active_agent(store.own, request.appid.as_str(), request.agent_id.as_str())?;
    agent.enter(SttAgentStatus::Stopping, call.now);
    agent.message = "OK";
    Ok(Reply {
        status: 200,
        headers: Vec::new(),
        body: Vec::new(),
    })
}

fn list(store: &mut Store<'_, SttAgents>, call: &Call<'_, ListSttAgents>) -> Handled {
    let request = &call.request;
    let appid = request.appid.as_str();
    check_project(store, appid)?;
    let now = unix_secs(call.now);
    let from = request
        .from_time
        .unwrap_or_else(|| now.saturating_sub(DEFAULT_LIST_RANGE_SECS));
    let to = request.to_time.unwrap_or(now);
    let state = request.state.unwrap_or(SttAgentStateCode::Running);
    let agents = &store.own.agents;
    let after = match &request.cursor {
        None => 0,
        Some(cursor) => agents
            .iter()
            .position(|agent| agent.appid == appid && agent.id == cursor.as_str())
            .map(|index| index + 1)
            .ok_or_else(|| {
                Fail::Invalid(InvalidInput::new(
                    "cursor",
                    format!("names no agent of this project ({cursor})"),
                ))
            })?,
    };
    let matching = |agent: &&Agent| {
        let created = unix_secs(agent.created);
        agent.appid == appid
            && agent.status.code() == Some(state)
            && (from..=to).contains(&created)
            && request
                .channel
                .as_ref()
                .is_none_or(|channel| agent.channel == channel.as_str())
    };
    let total = agents.iter().filter(matching).count();
    let limit = request
        .limit
        .map_or(ListSttAgents::DEFAULT_LIMIT as usize, |limit| {
            limit as usize
        });
    let mut rest = agents.iter().skip(after).filter(matching);
    let page: Vec<&Agent> = rest.by_ref().take(limit).collect();
    let more = rest.next().is_some();
    let cursor = match page.last() {
        Some(last) if more => last.id.as_str(),
        _ => "",
    };
    let list: Vec<Value> = page
        .iter()
        .map(|agent| {
            json!({
                "start_ts": unix_secs(agent.created),
                "status": agent.status.as_str(),
                "agent_id": agent.id,
            })
        })
        .collect();
    Ok(Reply::ok(json!({
        "data": { "count": list.len(), "list": list },
        "meta": { "cursor": cursor, "total": total },
        "status": "ok",
    })))
}
