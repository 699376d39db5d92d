//! Steering a running agent (`speak`, `think`, `interrupt`) and reading
//! what it said and heard (`history`, `turns`).

use agora_api::conversational_ai::{
    AgentInterrupt, AgentSpeak, AgentThink, GetAgentHistory, GetAgentTurns, SpeakPriority,
};
use serde_json::{Value, json};

use super::{Agent, ConversationalAi, Role, Turn, agent_mut, fail, millis, running_agent, secs};
use crate::product::{Call, Store};
use crate::reply::{Handled, Reply};

/// Agora's default page of turns.
const DEFAULT_PAGE_SIZE: u32 = 50;

fn acted(agent: &Agent) -> Reply {
    Reply::ok(json!({
        "agent_id": agent.id,
        "channel": agent.channel,
        "start_ts": secs(agent.created),
    }))
}

pub(super) fn speak(
    store: &mut Store<'_, ConversationalAi>,
    call: &Call<'_, AgentSpeak>,
) -> Handled {
    let request = &call.request;
    let agent = running_agent(
        store,
        call.principal,
        request.appid.as_str(),
        request.agent_id.as_str(),
    )?;
    if agent.mllm {
        return Err(fail(
            400,
            "InvalidRequest",
            "speak is not supported with an mllm configuration",
        ));
    }
    let busy = agent.turns.iter().any(|turn| turn.end.is_none());
    match request
        .priority
        .as_ref()
        .unwrap_or(&SpeakPriority::Interrupt)
    {
        SpeakPriority::Ignore if busy => return Ok(acted(agent)),
        SpeakPriority::Append => {}
        _ => agent.end_open_turn(
            call.now,
            "interrupted",
            json!({ "caused_by": "api_speak", "transport": "http" }),
        ),
    }
    agent
        .history
        .push((Role::Assistant, request.text.as_str().to_owned()));
    agent.turns.push(Turn {
        start_type: "api_speak",
        started: call.now,
        metadata: json!({ "transport": "http" }),
        end: None,
    });
    Ok(acted(agent))
}

pub(super) fn think(
    store: &mut Store<'_, ConversationalAi>,
    call: &Call<'_, AgentThink>,
) -> Handled {
    let request = &call.request;
    let agent = running_agent(
        store,
        call.principal,
        request.appid.as_str(),
        request.agent_id.as_str(),
    )?;
    agent.history.push((
        Role::User,
        format!("[think API injected] {}", request.text.as_str()),
    ));
    agent.end_open_turn(
        call.now,
        "interrupted",
        json!({ "caused_by": "api_speak", "transport": "http" }),
    );
    agent.turns.push(Turn {
        start_type: "voice_input",
        started: call.now,
        metadata: json!({ "speech_duration_ms": 0 }),
        end: None,
    });
    Ok(acted(agent))
}

pub(super) fn interrupt(
    store: &mut Store<'_, ConversationalAi>,
    call: &Call<'_, AgentInterrupt>,
) -> Handled {
    let request = &call.request;
    let agent = running_agent(
        store,
        call.principal,
        request.appid.as_str(),
        request.agent_id.as_str(),
    )?;
    agent.end_open_turn(
        call.now,
        "interrupted",
        json!({ "caused_by": "api_interrupt", "transport": "http" }),
    );
    Ok(acted(agent))
}

pub(super) fn history(
    store: &mut Store<'_, ConversationalAi>,
    call: &Call<'_, GetAgentHistory>,
) -> Handled {
    let request = &call.request;
    let agent = agent_mut(
        store,
        call.principal,
        request.appid.as_str(),
        request.agent_id.as_str(),
    )?;
    if agent.status != agora_api::conversational_ai::AgentStatus::Running {
        return Err(fail(
            404,
            "TaskNotFound",
            format!(
                "the agent is {}: history is kept while it runs",
                agent.status
            ),
        ));
    }
    let contents: Vec<Value> = agent
        .history
        .iter()
        .map(|(role, content)| {
            let role = match role {
                Role::User => "user",
                Role::Assistant => "assistant",
            };
            json!({ "role": role, "content": content })
        })
        .collect();
    Ok(Reply::ok(json!({
        "agent_id": agent.id,
        "start_ts": secs(agent.created),
        "status": agent.status,
        "contents": contents,
    })))
}

pub(super) fn turns(
    store: &mut Store<'_, ConversationalAi>,
    call: &Call<'_, GetAgentTurns>,
) -> Handled {
    let request = &call.request;
    let agent = agent_mut(
        store,
        call.principal,
        request.appid.as_str(),
        request.agent_id.as_str(),
    )?;
    let index = request.page_index.map_or(1, |index| index.get());
    let size = request
        .page_size
        .map_or(DEFAULT_PAGE_SIZE, |size| size.get());
    let total = agent.turns.len();
    let size_items = usize::try_from(size).unwrap_or(usize::MAX);
    let total_pages = total.div_ceil(size_items).max(1);
    let skip = usize::try_from(index - 1)
        .unwrap_or(usize::MAX)
        .saturating_mul(size_items);
    let turns: Vec<Value> = agent
        .turns
        .iter()
        .enumerate()
        .skip(skip)
        .take(size_items)
        .map(|(number, turn)| {
            let mut value = json!({
                "agent_id": agent.id,
                "channel": agent.channel,
                "turn_id": number + 1,
                "start": {
                    "start_at": millis(turn.started),
                    "type": turn.start_type,
                    "metadata": turn.metadata,
                },
            });
            if let Some((ended, end_type, metadata)) = &turn.end {
                let latency = ended
                    .duration_since(turn.started)
                    .unwrap_or_default()
                    .as_millis()
                    .min(u128::from(u32::MAX));
                value["end"] = json!({
                    "end_at": millis(*ended),
                    "type": end_type,
                    "metadata": metadata,
                });
                value["metrics"] = json!({
                    "e2e_latency_ms": latency,
                    "segmented_latency_ms": [],
                });
            }
            value
        })
        .collect();
    let page = usize::try_from(index).unwrap_or(usize::MAX);
    Ok(Reply::ok(json!({
        "agent_id": agent.id,
        "name": agent.name,
        "channel": agent.channel,
        "total_turn_count": total,
        "pagination": {
            "page_index": index,
            "total_pages": total_pages,
            "is_last_page": page >= total_pages,
        },
        "turns": turns,
    })))
}
