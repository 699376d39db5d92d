//! Conversational AI Engine: agents started with `join`, steered while
//! they run, stopped with `leave`, with Agora's documented status codes
//! and its `{"detail": ..., "reason": ...}` error bodies.
//!
//! * Auth: Basic, or `agora token=` with an RTC AccessToken2 (verified
//!   at the gateway against the project's App Certificate) for the
//!   agent's channel and uid: `join` checks it against
//!   `properties.channel` and `properties.agent_rtc_uid`, the other calls
//!   against the agent's, and the list shows only the agents it may act
//!   on; any other is `401` `InvalidPermission`.
//! * `join` answers `STARTING`; the agent is `RUNNING` from the next
//!   moment on (the next request's clock tick), or `FAILED` when its
//!   `properties.token` does not let it join: with the project's App
//!   Certificate enabled it must be an RTC AccessToken2 signed with it, for
//!   the agent's channel and uid (or uid 0), not expired, and with a
//!   Signaling login privilege too when `advanced_features.enable_rtm` is
//!   set.
//! * Names are unique among the project's agents that have not stopped:
//!   another `join` with one in use is `409` `TaskConflict`. At most
//!   [`MAX_ACTIVE_AGENTS`] agents of an App ID run at once (the emulator's
//!   quota; Agora's depends on the account): beyond it `422`
//!   `ResourceQuotaLimitExceeded`, "Access limit exceeded".
//! * `speak`, `think`, `interrupt` and `update` act on a `RUNNING` agent
//!   only: a stopping one is `409` `TaskConflict`; an unknown, stopped or
//!   failed one `404` `TaskNotFound`, as is a second `leave` and `history`
//!   of an agent that is not running.
//! * `leave` stops at once, or, with `parameters.farewell_config.
//!   graceful_enabled`, goes `STOPPING` for `graceful_timeout_seconds`
//!   (default 30) first.
//! * Idle timeout: a running agent whose remote user is not in the RTC
//!   channel (as the emulator's seeded channels have it; string uids are
//!   never seen there) for `idle_timeout` seconds (default 30; 0 never)
//!   stops with the message "agent exits with reason: idle timeout"; every
//!   agent stops after 72 hours.
//! * History: `speak` texts as the assistant's, `think` texts as
//!   `[think API injected] ...` user messages, the greeting first. Turns:
//!   the greeting, each `speak` and each `think`; an `interrupt` marks the
//!   last open turn interrupted by `api_interrupt`.

use std::collections::BTreeMap;
use std::time::{Duration, SystemTime};

use agora_api::InvalidInput;
use agora_api::conversational_ai::{
    AgentInterrupt, AgentSpeak, AgentStatus, AgentThink, GetAgentHistory, GetAgentTurns,
    ListAgents, QueryAgentStatus, StartAgent, StopAgent, UpdateAgent,
};
use agora_api::registry::EndpointInfo;
use serde_json::{Value, json};

use crate::auth::Principal;
use crate::product::{Product, Registration, Routes, Store};
use crate::reply::{Fail, Reply};

mod agents;
mod control;
mod events;
mod token;

/// How many agents of one App ID may be active at once in the emulator.
pub(crate) const MAX_ACTIVE_AGENTS: usize = 20;
/// The longest session Agora allows.
const MAX_SESSION: Duration = Duration::from_secs(72 * 3_600);
/// Agora's default `graceful_timeout_seconds`.
const DEFAULT_GRACEFUL_SECS: u64 = 30;

/// The Conversational AI product.
#[derive(Debug)]
pub(crate) struct ConversationalAi;

impl Product for ConversationalAi {
    const MODULE: &'static str = "agora_api::conversational_ai";
    type State = Agents;

    fn register(routes: &mut Routes<Self>) {
        routes
            .on::<StartAgent>(agents::start)
            .on::<StopAgent>(agents::stop)
            .on::<UpdateAgent>(agents::update)
            .on::<QueryAgentStatus>(agents::query)
            .on::<ListAgents>(agents::list)
            .on::<AgentSpeak>(control::speak)
            .on::<AgentThink>(control::think)
            .on::<AgentInterrupt>(control::interrupt)
            .on::<GetAgentHistory>(control::history)
            .on::<GetAgentTurns>(control::turns);
    }

    /// `400` with the field and rule: `MissingRequiredField` for a member
    /// left out, `InvalidFieldValue` for any other broken rule.
    fn invalid(_info: &'static EndpointInfo, _request_id: &str, error: &InvalidInput) -> Reply {
        let reason = if error.rule() == "is required" || error.rule().starts_with("missing field") {
            "MissingRequiredField"
        } else {
            "InvalidFieldValue"
        };
        self::error(400, reason, error.to_string())
    }

    /// A token refused: `401` (or `403` for an App ID of no project) in the
    /// product's shape, reason `InvalidPermission`.
    fn token_refused(_request_id: &str, status: u16, reason: &str) -> Reply {
        self::error(status, "InvalidPermission", reason.to_owned())
    }

    fn unsupported_media_type(_request_id: &str) -> Reply {
        self::error(
            400,
            "InvalidRequestBody",
            crate::reply::JSON_ONLY.to_owned(),
        )
    }

    /// Starting agents run (or fail); agents stop once idle for their
    /// `idle_timeout`, after 72 hours, or when a graceful `leave` has
    /// waited long enough.
    fn tick(store: &mut Store<'_, Self>, now: SystemTime) {
        let channels = &store.account.channels;
        for agent in store.own.agents.values_mut() {
            match agent.status {
                AgentStatus::Starting => match agent.join_refusal.take() {
                    None => {
                        agent.status = AgentStatus::Running;
                        agent.last_seen_remote = now;
                    }
                    Some(reason) => agent.stop(AgentStatus::Failed, now, reason),
                },
                AgentStatus::Stopping if agent.stopping_until.is_some_and(|until| now >= until) => {
                    agent.stop(AgentStatus::Stopped, now, "agent left the channel".into());
                }
                AgentStatus::Running => {
                    let present = channels
                        .get(&agent.app_id)
                        .and_then(|channels| channels.get(&agent.channel))
                        .is_some_and(|channel| {
                            agent.remote_uids.iter().any(|uid| {
                                uid.parse::<u32>()
                                    .is_ok_and(|uid| channel.users.contains_key(&uid))
                            })
                        });
                    if present {
                        agent.last_seen_remote = now;
                    }
                    let idle = now
                        .duration_since(agent.last_seen_remote)
                        .unwrap_or_default();
                    let session = now.duration_since(agent.created).unwrap_or_default();
                    if agent.idle_timeout > 0
                        && idle >= Duration::from_secs(u64::from(agent.idle_timeout))
                    {
                        agent.stop(
                            AgentStatus::Stopped,
                            now,
                            "agent exits with reason: idle timeout".into(),
                        );
                    } else if session >= MAX_SESSION {
                        agent.stop(
                            AgentStatus::Stopped,
                            now,
                            "agent exits with reason: the 72-hour session limit".into(),
                        );
                    }
                }
                _ => {}
            }
        }
        for agent in store.own.agents.values_mut() {
            events::report(store.account, agent, now);
        }
    }
}

inventory::submit! { Registration::of::<ConversationalAi>() }

/// The agents of the account, by agent ID (in creation order: IDs are
/// made increasing).
#[derive(Debug, Default)]
pub(crate) struct Agents {
    agents: BTreeMap<String, Agent>,
    /// How many agents were started, for increasing IDs.
    started: u64,
}

/// Who said a history message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    User,
    Assistant,
}

/// One turn of an agent's session.
#[derive(Debug, Clone)]
struct Turn {
    start_type: &'static str,
    started: SystemTime,
    metadata: Value,
    /// `None` while the turn is open.
    end: Option<(SystemTime, &'static str, Value)>,
}

/// One agent.
#[derive(Debug, Clone)]
struct Agent {
    id: String,
    name: String,
    app_id: String,
    channel: String,
    /// The uid the agent asked for (`"0"`: any).
    agent_uid: String,
    remote_uids: Vec<String>,
    idle_timeout: u32,
    status: AgentStatus,
    created: SystemTime,
    stopped: Option<SystemTime>,
    message: Option<String>,
    /// Why the agent cannot join its channel, found at `join`.
    join_refusal: Option<String>,
    /// When a graceful `leave` gives up waiting.
    stopping_until: Option<SystemTime>,
    graceful_secs: Option<u64>,
    last_seen_remote: SystemTime,
    /// Whether a multimodal model replaces the pipeline (no `speak`).
    mllm: bool,
    history: Vec<(Role, String)>,
    turns: Vec<Turn>,
    /// What its notifications already said.
    reported: events::Reported,
}

impl Agent {
    fn stop(&mut self, status: AgentStatus, now: SystemTime, message: String) {
        self.status = status;
        self.stopped = Some(now);
        self.stopping_until = None;
        self.message = Some(message);
        for turn in &mut self.turns {
            if turn.end.is_none() {
                turn.end = Some((
                    now,
                    "interrupted",
                    json!({ "caused_by": "api_leave", "transport": "http" }),
                ));
            }
        }
    }

    /// Whether it still counts against its name and the quota.
    fn active(&self) -> bool {
        matches!(
            self.status,
            AgentStatus::Idle
                | AgentStatus::Starting
                | AgentStatus::Running
                | AgentStatus::Stopping
        )
    }

    /// Ends the open turn, if any, the way `end_type` says.
    fn end_open_turn(&mut self, now: SystemTime, end_type: &'static str, metadata: Value) {
        if let Some(turn) = self.turns.iter_mut().rev().find(|turn| turn.end.is_none()) {
            turn.end = Some((now, end_type, metadata));
        }
    }
}

/// `{"detail": ..., "reason": ...}` with `status`.
pub(super) fn error(status: u16, reason: &str, detail: String) -> Reply {
    Reply::json(status, json!({ "detail": detail, "reason": reason }))
}

pub(super) fn fail(status: u16, reason: &str, detail: impl Into<String>) -> Fail {
    Fail::Reply(error(status, reason, detail.into()))
}

/// The project of `app_id`, or Agora's answer for an App ID that is not
/// one of the account's.
pub(super) fn check_project(store: &Store<'_, ConversationalAi>, app_id: &str) -> Result<(), Fail> {
    if store.account.project_of_app(app_id).is_none() {
        return Err(fail(
            403,
            "InvalidPermission",
            "the App ID is not a project of this account, or Conversational AI is not enabled for it",
        ));
    }
    Ok(())
}

/// Refuses a caller whose RTC token is not for `channel` and `uid` (the
/// account, by Basic auth, may act on any agent).
pub(super) fn check_principal(principal: &Principal, channel: &str, uid: &str) -> Result<(), Fail> {
    principal
        .may_act_in(channel, uid)
        .map_err(|reason| fail(401, "InvalidPermission", reason))
}

/// The agent `agent_id` of `app_id`, whatever its state, which the caller
/// may act on.
fn agent_mut<'s>(
    store: &'s mut Store<'_, ConversationalAi>,
    principal: &Principal,
    app_id: &str,
    agent_id: &str,
) -> Result<&'s mut Agent, Fail> {
    check_project(store, app_id)?;
    let agent = store
        .own
        .agents
        .get_mut(agent_id)
        .filter(|agent| agent.app_id == app_id)
        .ok_or_else(|| fail(404, "TaskNotFound", "task not found"))?;
    check_principal(principal, &agent.channel, &agent.agent_uid)?;
    Ok(agent)
}

/// The agent, which must be running: a stopping one is a conflict, one
/// that stopped is gone.
fn running_agent<'s>(
    store: &'s mut Store<'_, ConversationalAi>,
    principal: &Principal,
    app_id: &str,
    agent_id: &str,
) -> Result<&'s mut Agent, Fail> {
    let agent = agent_mut(store, principal, app_id, agent_id)?;
    match &agent.status {
        AgentStatus::Running => Ok(agent),
        status if agent.active() => Err(fail(
            409,
            "TaskConflict",
            format!("the agent is {status}, not RUNNING"),
        )),
        _ => Err(fail(
            404,
            "TaskNotFound",
            "task not found: the agent has stopped",
        )),
    }
}

/// Seconds since the Unix epoch.
fn secs(time: SystemTime) -> u64 {
    crate::clock::unix_secs(time)
}

/// Milliseconds since the Unix epoch.
fn millis(time: SystemTime) -> u64 {
    crate::clock::unix_millis(time)
}
