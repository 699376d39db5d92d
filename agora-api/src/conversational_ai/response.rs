//! What the Conversational AI endpoints answer.

use serde::{Deserialize, Deserializer, Serialize};
use serde_json::{Map, Value};

use crate::values::string_enum;

use super::AgentId;

string_enum! {
    /// An agent's state (`status`).
    pub enum AgentStatus {
        /// Idle (0).
        Idle = "IDLE",
        /// Starting (1).
        Starting = "STARTING",
        /// Running (2): the only state `speak`, `think` and `interrupt`
        /// act in.
        Running = "RUNNING",
        /// Stopping (3).
        Stopping = "STOPPING",
        /// Stopped (4): it left the channel.
        Stopped = "STOPPED",
        /// Failed (6).
        Failed = "FAILED",
    }
}

impl AgentStatus {
    /// The state's number, as [`ListAgents`](super::ListAgents) filters
    /// by it (`None` for a state this crate does not know).
    ///
    /// ```
    /// use agora_api::conversational_ai::AgentStatus;
    /// assert_eq!(AgentStatus::Failed.code(), Some(6));
    /// ```
    pub fn code(&self) -> Option<u8> {
        match self {
            AgentStatus::Idle => Some(0),
            AgentStatus::Starting => Some(1),
            AgentStatus::Running => Some(2),
            AgentStatus::Stopping => Some(3),
            AgentStatus::Stopped => Some(4),
            AgentStatus::Failed => Some(6),
            AgentStatus::Other(_) => None,
        }
    }
}

/// A started agent, as [`StartAgent`](super::StartAgent) answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct StartedAgent {
    /// The agent's ID, for every other call.
    pub agent_id: AgentId,
    /// When it was created, in Unix seconds.
    pub create_ts: u64,
    /// Its state.
    pub status: AgentStatus,
}

/// An updated agent, as [`UpdateAgent`](super::UpdateAgent) answers.
pub type UpdatedAgent = StartedAgent;

/// An agent's state, as [`QueryAgentStatus`](super::QueryAgentStatus)
/// answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AgentStatusReport {
    /// The agent's ID.
    pub agent_id: AgentId,
    /// Its state.
    pub status: AgentStatus,
    /// Its name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// When it started, in Unix seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_ts: Option<u64>,
    /// When it stopped, in Unix seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stop_ts: Option<u64>,
    /// Why it exited, for instance.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

/// One agent of a [`ListAgents`](super::ListAgents) page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AgentSummary {
    /// The agent's ID.
    pub agent_id: AgentId,
    /// Its state.
    pub status: AgentStatus,
    /// When it started, in Unix seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_ts: Option<u64>,
}

/// The agents of a page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AgentListData {
    /// How many are on this page.
    pub count: u64,
    /// The agents.
    #[serde(default)]
    pub list: Vec<AgentSummary>,
}

/// Where the page is in the whole list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AgentListMeta {
    /// The next page's `cursor`; empty on the last page.
    #[serde(default)]
    pub cursor: String,
    /// How many agents match in all.
    pub total: u64,
}

/// A page of agents, as [`ListAgents`](super::ListAgents) answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AgentList {
    /// The agents.
    pub data: AgentListData,
    /// Paging.
    pub meta: AgentListMeta,
    /// The request's status (`ok`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
}

/// A channel name that may arrive as a number: the `speak` reference
/// types it `integer` while its example (and every other answer) sends
/// the channel's name.
fn channel_text<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<String>, D::Error> {
    Ok(match Option::<Value>::deserialize(deserializer)? {
        None | Some(Value::Null) => None,
        Some(Value::String(text)) => Some(text),
        Some(other) => Some(other.to_string()),
    })
}

/// The agent a `speak`, `think` or `interrupt` acted on.
///
/// Agora lists no members for `interrupt` ("agent information"); its Go
/// client reads the same three as `speak` and `think`, so all are
/// optional here.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AgentAction {
    /// The agent's ID.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agent_id: Option<AgentId>,
    /// Its channel.
    #[serde(
        default,
        deserialize_with = "channel_text",
        skip_serializing_if = "Option::is_none"
    )]
    pub channel: Option<String>,
    /// When the agent was created, in Unix seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_ts: Option<u64>,
}

string_enum! {
    /// Who said a history message (`role`).
    pub enum HistoryRole {
        /// A user.
        User = "user",
        /// The agent.
        Assistant = "assistant",
    }
}

/// One message of an agent's short-term memory.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct HistoryEntry {
    /// Who said it.
    pub role: HistoryRole,
    /// What.
    pub content: String,
    /// When the speech or playback started, in Unix ms (custom LLMs only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speech_start_ms: Option<u64>,
    /// When it ended, in Unix ms (custom LLMs only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speech_end_ms: Option<u64>,
    /// The audio processing delay of a user's speech, in ms (custom LLMs
    /// only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speech_algorithmic_delay: Option<u64>,
}

/// A running agent's short-term memory, as
/// [`GetAgentHistory`](super::GetAgentHistory) answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AgentHistory {
    /// The agent's ID.
    pub agent_id: AgentId,
    /// When it started, in Unix seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_ts: Option<u64>,
    /// Its state (`RUNNING`).
    pub status: AgentStatus,
    /// The messages, oldest first.
    #[serde(default)]
    pub contents: Vec<HistoryEntry>,
}

string_enum! {
    /// What started a turn (`start.type`).
    pub enum TurnStartType {
        /// The user's voice.
        VoiceInput = "voice_input",
        /// The agent's greeting.
        Greeting = "greeting",
        /// The silence reminder.
        SilenceTimeout = "silence_timeout",
        /// A `speak` call.
        ApiSpeak = "api_speak",
    }
}

string_enum! {
    /// How a turn ended (`end.type`).
    pub enum TurnEndType {
        /// Normally.
        Ok = "ok",
        /// Interrupted.
        Interrupted = "interrupted",
        /// Ignored.
        Ignored = "ignored",
        /// By an error.
        Error = "error",
    }
}

/// The start of a turn.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TurnStart {
    /// When, in Unix ms.
    pub start_at: u64,
    /// What started it.
    #[serde(rename = "type")]
    pub start_type: TurnStartType,
    /// Details by type (`speech_duration_ms`, `greeting_nth`, `action`,
    /// `transport`, ...).
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    pub metadata: Map<String, Value>,
}

/// The end of a turn.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TurnEnd {
    /// When, in Unix ms.
    pub end_at: u64,
    /// How it ended.
    #[serde(rename = "type")]
    pub end_type: TurnEndType,
    /// Details by type (`playback_duration_ms`, `caused_by`, `transport`,
    /// `reason`, `details`).
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    pub metadata: Map<String, Value>,
}

/// One segment of a turn's latency.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TurnLatency {
    /// The segment (`asr_ttlw`, `llm_ttft`, `tts_ttfb`, ...).
    pub name: String,
    /// Its latency, in ms.
    pub latency: f64,
}

/// A turn's latencies.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TurnMetrics {
    /// End to end, in ms.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub e2e_latency_ms: Option<u64>,
    /// By segment.
    #[serde(default)]
    pub segmented_latency_ms: Vec<TurnLatency>,
}

/// One turn of the conversation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AgentTurn {
    /// The agent's ID.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agent_id: Option<AgentId>,
    /// Its channel.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel: Option<String>,
    /// The turn's number in the session, from 1.
    pub turn_id: u64,
    /// How it started.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<TurnStart>,
    /// How it ended.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<TurnEnd>,
    /// Its latencies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metrics: Option<TurnMetrics>,
}

/// Where a page of turns is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TurnPagination {
    /// This page, from 1.
    pub page_index: u32,
    /// How many pages there are.
    pub total_pages: u32,
    /// Whether this is the last.
    pub is_last_page: bool,
}

/// A page of turns, as [`GetAgentTurns`](super::GetAgentTurns) answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AgentTurns {
    /// The agent's ID.
    pub agent_id: AgentId,
    /// Its name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Its channel.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel: Option<String>,
    /// How many turns the session had.
    pub total_turn_count: u64,
    /// Where this page is.
    pub pagination: TurnPagination,
    /// The turns of this page.
    #[serde(default)]
    pub turns: Vec<AgentTurn>,
}
