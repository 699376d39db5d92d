//! Conversational AI Engine events (`productId` 17): agents joining,
//! leaving, erring, reporting history, metrics and turns; SIP calls.

use serde::Deserialize;

use super::envelope::typed;
use super::lenient;

/// A Conversational AI notification: the agent, and the event.
///
/// `turn_id` is typed string on the page, sent as `2` and `""` in 110's
/// example and as integers in `errors[]` and in 111: every `turn_id` is read
/// as text from either. `start_ts` and `stop_ts` have no stated unit (the
/// examples are seconds, 112's ms): kept as sent.
///
/// ```
/// use agora_api::webhooks::{ConversationalAiDetails, Event, Notification};
/// let body = br#"{"sid":"C866467GVJJ54687","noticeId":"2000001428:4330:107","productId":17,"eventType":110,"notifyMs":1611566412672,"payload":{"agent_id":"A42","name":"support","channel":"demo","start_ts":1735035893,"turn_id":2,"errors":[{"module":"llm","turn_id":2,"code":401,"message":"bad key"}]}}"#;
/// let Event::ConversationalAi(event) = Notification::from_slice(body)?.event() else { panic!() };
/// assert_eq!(event.agent.agent_id, "A42");
/// let ConversationalAiDetails::AgentError(error) = &event.details else { panic!() };
/// assert_eq!(error.turn_id.as_deref(), Some("2"));
/// assert_eq!(error.errors[0].code.as_deref(), Some("401"));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct ConversationalAiEvent {
    /// The fields every event carries.
    pub agent: Agent,
    /// The event.
    pub details: ConversationalAiDetails,
}

/// The agent, in every Conversational AI event.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct Agent {
    /// The agent.
    pub agent_id: String,
    /// Its name, from the join call (absent from some examples).
    #[serde(default)]
    pub name: Option<String>,
    /// The channel.
    #[serde(default)]
    pub channel: Option<String>,
    /// When it started, as sent.
    #[serde(default, deserialize_with = "lenient::opt_u64")]
    pub start_ts: Option<u64>,
    /// The labels given at join, returned in every callback.
    #[serde(default)]
    pub labels: Option<serde_json::Map<String, serde_json::Value>>,
}

/// The Conversational AI events, one variant per documented `eventType`.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum ConversationalAiDetails {
    /// 101: the agent joined.
    AgentJoined,
    /// 102: the agent left.
    AgentLeft(AgentLeft),
    /// 103: the conversation history.
    AgentHistory(AgentHistory),
    /// 104: the agent's RTC token is about to expire; refresh it with the
    /// update API (the agent keeps running).
    AgentExpiring(AgentLeft),
    /// 110: an error.
    AgentError(AgentError),
    /// 111: per-turn latency metrics.
    AgentMetrics(AgentMetrics),
    /// 112: the turns, at the end.
    TurnsFinished(TurnsFinished),
    /// 201: an inbound SIP call's state.
    InboundCall(CallState),
    /// 202: an outbound SIP call's state.
    OutboundCall(CallState),
}

/// Payload of 102 (and 104, which carries only `message`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct AgentLeft {
    /// When it stopped, as sent.
    #[serde(default, deserialize_with = "lenient::opt_u64")]
    pub stop_ts: Option<u64>,
    /// `"STOPPED"` or `"FAILED"`.
    #[serde(default)]
    pub status: Option<String>,
    /// `"OK"`, `"Idle for too long"`, `"RTC connection error"`, ...
    #[serde(default)]
    pub message: Option<String>,
}

/// Payload of 103.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct AgentHistory {
    /// When it stopped, as sent.
    #[serde(default, deserialize_with = "lenient::opt_u64")]
    pub stop_ts: Option<u64>,
    /// The messages, at most `llm.max_history`.
    #[serde(default)]
    pub contents: Vec<HistoryEntry>,
}

/// One message of 103.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct HistoryEntry {
    /// `"user"` or `"assistant"`.
    pub role: String,
    /// The text.
    #[serde(default)]
    pub content: String,
    /// Timing, with a custom LLM only.
    #[serde(default, deserialize_with = "lenient::opt_u64")]
    pub speech_start_ms: Option<u64>,
    /// Timing, with a custom LLM only.
    #[serde(default, deserialize_with = "lenient::opt_u64")]
    pub speech_end_ms: Option<u64>,
    /// Timing, with a custom LLM only.
    #[serde(default, deserialize_with = "lenient::opt_u64")]
    pub speech_algorithmic_delay: Option<u64>,
}

/// Payload of 110.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct AgentError {
    /// The turn, as text (see the type's docs).
    #[serde(default, deserialize_with = "lenient::opt_text")]
    pub turn_id: Option<String>,
    /// The errors.
    #[serde(default)]
    pub errors: Vec<ModuleError>,
}

/// One error of 110.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct ModuleError {
    /// `"llm"`, `"sip"`, ...
    #[serde(default)]
    pub module: Option<String>,
    /// The turn, as text.
    #[serde(default, deserialize_with = "lenient::opt_text")]
    pub turn_id: Option<String>,
    /// The vendor's code, as text.
    #[serde(default, deserialize_with = "lenient::opt_text")]
    pub code: Option<String>,
    /// The vendor's message.
    #[serde(default)]
    pub message: Option<String>,
}

/// Payload of 111.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct AgentMetrics {
    /// When it stopped, as sent.
    #[serde(default, deserialize_with = "lenient::opt_u64")]
    pub stop_ts: Option<u64>,
    /// Per turn.
    #[serde(default)]
    pub metrics: Vec<TurnMetrics>,
}

/// One turn's latencies (ms; any may be absent).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct TurnMetrics {
    /// The turn, as text.
    #[serde(default, deserialize_with = "lenient::opt_text")]
    pub turn_id: Option<String>,
    /// ASR time to last word.
    #[serde(default, deserialize_with = "lenient::opt_u64")]
    pub asr_ttlw: Option<u64>,
    /// LLM time to first byte.
    #[serde(default, deserialize_with = "lenient::opt_u64")]
    pub llm_ttfb: Option<u64>,
    /// LLM time to first sentence.
    #[serde(default, deserialize_with = "lenient::opt_u64")]
    pub llm_ttfs: Option<u64>,
    /// TTS time to first byte.
    #[serde(default, deserialize_with = "lenient::opt_u64")]
    pub tts_ttfb: Option<u64>,
}

/// Payload of 112.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct TurnsFinished {
    /// When it stopped, as sent.
    #[serde(default, deserialize_with = "lenient::opt_u64")]
    pub stop_ts: Option<u64>,
    /// Turns in the session.
    #[serde(default, deserialize_with = "lenient::opt_u64")]
    pub total_turn_count: Option<u64>,
    /// Whether turns past 200 were cut.
    #[serde(default)]
    pub is_truncated: Option<bool>,
    /// The turns.
    #[serde(default)]
    pub turns: Vec<Turn>,
}

/// One turn of 112.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct Turn {
    /// The turn, from 1, as text.
    #[serde(default, deserialize_with = "lenient::opt_text")]
    pub turn_id: Option<String>,
    /// How it started: `start_at` (ms), `type` (`voice_input`, `greeting`,
    /// `silence_timeout`, `api_speak`, `api_think`), `metadata`.
    #[serde(default)]
    pub start: Option<serde_json::Value>,
    /// How it ended: `end_at` (ms), `type` (`ok`, `error`, `ignored`,
    /// `interrupted`), `metadata`.
    #[serde(default)]
    pub end: Option<serde_json::Value>,
    /// `e2e_latency_ms` and `segmented_latency_ms`.
    #[serde(default)]
    pub metrics: Option<serde_json::Value>,
}

/// Payload of 201 and 202.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct CallState {
    /// 201: `START`, `ANSWERED`, `TRANSFERED`, `HANGUP`; 202: `START`,
    /// `CALLING`, `RINGING`, `ANSWERED`, `HANGUP`.
    #[serde(default)]
    pub state: Option<String>,
    /// When (Unix ms).
    #[serde(default, deserialize_with = "lenient::opt_u64")]
    pub report_ms: Option<u64>,
}

impl ConversationalAiEvent {
    pub(crate) fn decode(
        event_type: u32,
        payload: &serde_json::Value,
    ) -> Option<Result<Self, serde_json::Error>> {
        use ConversationalAiDetails as D;
        if !matches!(event_type, 101..=104 | 110..=112 | 201 | 202) {
            return None;
        }
        Some(typed::<Agent>(payload).and_then(|agent| {
            let details = match event_type {
                101 => D::AgentJoined,
                102 => D::AgentLeft(typed(payload)?),
                103 => D::AgentHistory(typed(payload)?),
                104 => D::AgentExpiring(typed(payload)?),
                110 => D::AgentError(typed(payload)?),
                111 => D::AgentMetrics(typed(payload)?),
                112 => D::TurnsFinished(typed(payload)?),
                201 => D::InboundCall(typed(payload)?),
                _ => D::OutboundCall(typed(payload)?),
            };
            Ok(ConversationalAiEvent { agent, details })
        }))
    }
}
