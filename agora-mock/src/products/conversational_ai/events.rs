//! The notifications an agent sends (`productId` 17): 101 when it has
//! joined its channel, 102 when it has left (with why), 103 with the
//! conversation's history when it had one. Each is sent once per agent.

use std::time::SystemTime;

use agora_api::conversational_ai::AgentStatus;
use agora_api::webhooks::product_id;
use serde_json::{Value, json};

use super::{Agent, Role, millis};
use crate::state::Account;

/// What was already reported of an agent.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Reported {
    joined: bool,
    left: bool,
}

fn agent_fields(agent: &Agent) -> Value {
    json!({
        "agent_id": agent.id,
        "name": agent.name,
        "channel": agent.channel,
        "start_ts": millis(agent.created),
    })
}

/// Reports what changed for `agent` since the last report.
pub(super) fn report(account: &mut Account, agent: &mut Agent, now: SystemTime) {
    if agent.status == AgentStatus::Running && !agent.reported.joined {
        agent.reported.joined = true;
        let payload = agent_fields(agent);
        account.notify(product_id::CONVERSATIONAL_AI, 101, None, now, || payload);
    }
    if agent.active() || agent.reported.left {
        return;
    }
    agent.reported.left = true;
    let stop_ts = agent.stopped.map_or(millis(now), millis);
    let mut left = agent_fields(agent);
    left["stop_ts"] = json!(stop_ts);
    left["status"] = json!(agent.status);
    left["message"] = json!(agent.message);
    account.notify(product_id::CONVERSATIONAL_AI, 102, None, now, || left);
    if agent.history.is_empty() {
        return;
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
    let mut history = agent_fields(agent);
    history["stop_ts"] = json!(stop_ts);
    history["contents"] = Value::Array(contents);
    account.notify(product_id::CONVERSATIONAL_AI, 103, None, now, || history);
}
