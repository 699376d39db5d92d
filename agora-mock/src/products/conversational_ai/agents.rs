//! `join`, `leave`, `update`, the status query and the list.

use std::time::Duration;

use agora_api::conversational_ai::{
    AgentStatus, ListAgents, QueryAgentStatus, StartAgent, StopAgent, UpdateAgent,
};
use serde_json::{Value, json};

use super::{
    Agent, ConversationalAi, MAX_ACTIVE_AGENTS, Role, Turn, agent_mut, check_project, fail,
    running_agent, secs,
};
use crate::product::{Call, Store};
use crate::reply::{Handled, Reply};

/// Agora's default list window: the last two hours.
const DEFAULT_LIST_WINDOW: Duration = Duration::from_secs(2 * 3_600);
/// Agora's default page of agents.
const DEFAULT_LIST_LIMIT: usize = 20;

pub(super) fn start(
    store: &mut Store<'_, ConversationalAi>,
    call: &Call<'_, StartAgent>,
) -> Handled {
    let request = &call.request;
    let app_id = request.appid.as_str();
    check_project(store, app_id)?;
    let properties = &request.properties;
    super::check_principal(
        call.principal,
        &properties.channel,
        &properties.agent_rtc_uid,
    )?;
    let name = request.name.as_str();
    let active = store
        .own
        .agents
        .values()
        .filter(|agent| agent.app_id == app_id && agent.active());
    let mut count = 0;
    for agent in active {
        if agent.name == name {
            return Err(fail(
                409,
                "TaskConflict",
                format!(
                    "an agent named {name:?} is already running (agent {})",
                    agent.id
                ),
            ));
        }
        count += 1;
    }
    if count >= MAX_ACTIVE_AGENTS {
        return Err(fail(
            422,
            "ResourceQuotaLimitExceeded",
            "Access limit exceeded: too many agents of this App ID are running",
        ));
    }
    let project = store.account.project_of_app(app_id).ok_or_else(|| {
        fail(
            403,
            "InvalidPermission",
            "the App ID is not a project of this account",
        )
    })?;
    let join_refusal = super::token::join_refusal(
        project,
        properties.token.expose(),
        &properties.channel,
        &properties.agent_rtc_uid,
        properties.enables_rtm(),
        call.now,
    );
    store.own.started = store.own.started.saturating_add(1);
    // Increasing, fixed-width IDs keep the agents in creation order.
    let agent_id = format!(
        "{:08X}{}",
        store.own.started,
        store.account.rng.alnum(18).to_ascii_uppercase()
    );
    let mut agent = Agent {
        id: agent_id.clone(),
        name: name.to_owned(),
        app_id: app_id.to_owned(),
        channel: properties.channel.clone(),
        agent_uid: properties.agent_rtc_uid.clone(),
        remote_uids: properties.remote_rtc_uids.clone(),
        idle_timeout: properties
            .idle_timeout
            .unwrap_or(agora_api::conversational_ai::JoinProperties::DEFAULT_IDLE_TIMEOUT),
        status: AgentStatus::Starting,
        created: call.now,
        stopped: None,
        message: None,
        join_refusal,
        stopping_until: None,
        graceful_secs: properties
            .parameters
            .as_ref()
            .and_then(|parameters| parameters.farewell_config.as_ref())
            .filter(|farewell| farewell.graceful_enabled == Some(true))
            .map(|farewell| {
                farewell
                    .graceful_timeout_seconds
                    .map_or(super::DEFAULT_GRACEFUL_SECS, u64::from)
            }),
        last_seen_remote: call.now,
        mllm: properties.uses_mllm(),
        history: Vec::new(),
        turns: Vec::new(),
        reported: Default::default(),
    };
    let greeting = properties
        .llm
        .as_ref()
        .and_then(|llm| llm.greeting_message.clone())
        .or_else(|| {
            properties
                .mllm
                .as_ref()
                .and_then(|mllm| mllm.greeting_message.clone())
        });
    if let Some(greeting) = greeting {
        agent.history.push((Role::Assistant, greeting));
        agent.turns.push(Turn {
            start_type: "greeting",
            started: call.now,
            metadata: json!({ "greeting_nth": 1 }),
            end: Some((call.now, "ok", json!({ "playback_duration_ms": 0 }))),
        });
    }
    store.own.agents.insert(agent_id.clone(), agent);
    Ok(Reply::ok(json!({
        "agent_id": agent_id,
        "create_ts": secs(call.now),
        "status": AgentStatus::Starting,
    })))
}

pub(super) fn stop(store: &mut Store<'_, ConversationalAi>, call: &Call<'_, StopAgent>) -> Handled {
    let request = &call.request;
    let agent = agent_mut(
        store,
        call.principal,
        request.appid.as_str(),
        request.agent_id.as_str(),
    )?;
    match agent.status {
        AgentStatus::Stopping => {}
        _ if !agent.active() => {
            return Err(fail(
                404,
                "TaskNotFound",
                "task not found: the agent has stopped",
            ));
        }
        _ => match agent.graceful_secs {
            Some(wait) => {
                agent.status = AgentStatus::Stopping;
                agent.stopping_until = call.now.checked_add(Duration::from_secs(wait));
            }
            None => agent.stop(
                AgentStatus::Stopped,
                call.now,
                "agent exits with reason: leave".into(),
            ),
        },
    }
    if let Some(agent) = store.own.agents.get_mut(request.agent_id.as_str()) {
        super::events::report(store.account, agent, call.now);
    }
    Ok(Reply::ok(json!({})))
}

pub(super) fn update(
    store: &mut Store<'_, ConversationalAi>,
    call: &Call<'_, UpdateAgent>,
) -> Handled {
    let request = &call.request;
    let agent = running_agent(
        store,
        call.principal,
        request.appid.as_str(),
        request.agent_id.as_str(),
    )?;
    Ok(Reply::ok(json!({
        "agent_id": agent.id,
        "create_ts": secs(agent.created),
        "status": agent.status,
    })))
}

pub(super) fn query(
    store: &mut Store<'_, ConversationalAi>,
    call: &Call<'_, QueryAgentStatus>,
) -> Handled {
    let request = &call.request;
    let agent = agent_mut(
        store,
        call.principal,
        request.appid.as_str(),
        request.agent_id.as_str(),
    )?;
    let mut body = json!({
        "agent_id": agent.id,
        "name": agent.name,
        "status": agent.status,
        "start_ts": secs(agent.created),
    });
    if let Some(stopped) = agent.stopped {
        body["stop_ts"] = json!(secs(stopped));
    }
    if let Some(message) = &agent.message {
        body["message"] = json!(message);
    }
    Ok(Reply::ok(body))
}

pub(super) fn list(
    store: &mut Store<'_, ConversationalAi>,
    call: &Call<'_, ListAgents>,
) -> Handled {
    let request = &call.request;
    let app_id = request.appid.as_str();
    check_project(store, app_id)?;
    let now = secs(call.now);
    let from = request.from_time.unwrap_or_else(|| {
        secs(
            call.now
                .checked_sub(DEFAULT_LIST_WINDOW)
                .unwrap_or(std::time::UNIX_EPOCH),
        )
    });
    let to = request.to_time.unwrap_or(now);
    let states: Vec<Option<u8>> = match &request.state {
        None => vec![Some(2)],
        Some(states) => states
            .as_slice()
            .iter()
            .map(|state| state.as_str().parse().ok())
            .collect(),
    };
    let matching: Vec<&super::Agent> = store
        .own
        .agents
        .values()
        .filter(|agent| agent.app_id == app_id)
        .filter(|agent| {
            call.principal
                .may_act_in(&agent.channel, &agent.agent_uid)
                .is_ok()
        })
        .filter(|agent| {
            request
                .channel
                .as_ref()
                .is_none_or(|channel| channel.as_str() == agent.channel)
        })
        .filter(|agent| (from..=to).contains(&secs(agent.created)))
        .filter(|agent| states.contains(&agent.status.code()))
        .collect();
    let start = match &request.cursor {
        None => 0,
        Some(cursor) => matching
            .iter()
            .position(|agent| agent.id.as_str() >= cursor.as_str())
            .unwrap_or(matching.len()),
    };
    let limit = request
        .limit
        .and_then(|limit| usize::try_from(limit).ok())
        .filter(|limit| *limit > 0)
        .unwrap_or(DEFAULT_LIST_LIMIT);
    let end = start.saturating_add(limit).min(matching.len());
    let page: Vec<Value> = matching[start..end]
        .iter()
        .map(|agent| {
            json!({
                "agent_id": agent.id,
                "status": agent.status,
                "start_ts": secs(agent.created),
            })
        })
        .collect();
    let cursor = matching
        .get(end)
        .map_or(String::new(), |agent| agent.id.clone());
    Ok(Reply::ok(json!({
        "data": { "count": page.len(), "list": page },
        "meta": { "cursor": cursor, "total": matching.len() },
        "status": "ok",
    })))
}
