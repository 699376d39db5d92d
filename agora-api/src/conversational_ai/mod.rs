//! Conversational AI Engine RESTful API (v2 agents).
//!
//! An agent is started in an RTC channel with [`StartAgent`] (Agora's
//! `join`), answers users there through its ASR → LLM → TTS pipeline (or
//! one multimodal model), and is controlled by its `agent_id`: read with
//! [`QueryAgentStatus`], [`ListAgents`], [`GetAgentHistory`] and
//! [`GetAgentTurns`]; steered with [`UpdateAgent`], [`AgentSpeak`],
//! [`AgentThink`] and [`AgentInterrupt`]; stopped with [`StopAgent`]
//! (`leave`). The states are [`AgentStatus`]: `IDLE` (0), `STARTING` (1),
//! `RUNNING` (2), `STOPPING` (3), `STOPPED` (4), `FAILED` (6); `speak`,
//! `think` and `interrupt` act on a running agent only.
//!
//! **Auth.** HTTP Basic, or `Authorization: agora token=<RTC token>`
//! (`rtc_token`): an AccessToken2 built from the App ID and App
//! Certificate for the agent's channel (`properties.channel`) and uid
//! (`properties.agent_rtc_uid`), valid for at most 86 400 seconds, with
//! Signaling (RTM) privileges too when `advanced_features.enable_rtm` is
//! set. Only [`StartAgent`] names that channel and uid: for the other
//! calls give the client a token you keep for the agent (a fixed
//! [`Secret`](crate::Secret) source), or use Basic.
//!
//! **Errors.** Failures answer `{"detail": ..., "reason": ...}`; `409`
//! is an agent name already in use, `422` the account's quota, `429` the
//! rate limit (Agora documents no number: back off, as the client's
//! retries do), `503` an agent that failed to start (retry later).
//!
//! **Idempotency.** `join`, `update`, `speak`, `think`, `interrupt` and
//! `leave` act, so a retry never re-sends them once they may have reached
//! Agora; the reads are plain `GET`s.
//!
//! **Mainland China.** Agora's Chinese documentation serves the same API
//! under a `/cn` prefix (`https://api.agora.io/cn/api/conversational-ai-agent/...`,
//! as its Go client's mainland-China region does); the English pages do
//! not mention it. The endpoints bind the documented global path; a
//! client for the mainland service puts the prefix in its base URLs:
//!
//! ```
//! use agora_api::conversational_ai::{AgentId, QueryAgentStatus};
//! use agora_api::{AppId, Client};
//!
//! let query = QueryAgentStatus::builder()
//!     .appid(AppId::new("0123456789abcdef0123456789abcdef")?)
//!     .agent_id(AgentId::new("1NT29X10YHxxxxxWJOXLYHNYB")?)
//!     .build();
//! let mainland = Client::builder()
//!     .basic_auth("id", "secret")
//!     .base_urls(["https://api.sd-rtn.com/cn", "https://api.agora.io/cn"])
//!     .build()?;
//! assert_eq!(
//!     mainland.prepare(&query)?.url().as_str(),
//!     "https://api.sd-rtn.com/cn/api/conversational-ai-agent/v2/projects/0123456789abcdef0123456789abcdef/agents/1NT29X10YHxxxxxWJOXLYHNYB"
//! );
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! <https://docs.agora.io/en/conversational-ai/rest-api/overview>

use std::fmt;
use std::ops::RangeInclusive;

use crate::error::InvalidInput;
use crate::runtime::validate::FieldPath;
use crate::values::{issued_id, validated_string};

mod agent;
mod asr;
mod control;
mod conversation;
mod join_properties;
mod llm;
mod response;
mod tts;
mod turn_detection;

pub use agent::{
    AgentName, AgentPresets, AgentState, AgentStates, ListAgents, ListAgentsBuilder,
    QueryAgentStatus, QueryAgentStatusBuilder, StartAgent, StartAgentBuilder, StopAgent,
    StopAgentBuilder, UpdateAgent, UpdateAgentBuilder, UpdateLlm, UpdateMllm, UpdateProperties,
};
pub use asr::{AsrConfig, AsrVendor};
pub use control::{
    AgentInterrupt, AgentInterruptBuilder, AgentSpeak, AgentSpeakBuilder, AgentThink,
    AgentThinkBuilder, ListeningAction, SpeakPriority, SpeakText, SpeakingAction, ThinkText,
    ThinkingAction,
};
pub use conversation::{
    GetAgentHistory, GetAgentHistoryBuilder, GetAgentTurns, GetAgentTurnsBuilder, TurnPageIndex,
    TurnPageSize,
};
pub use join_properties::{
    AdvancedFeatures, AudioScenario, Avatar, AvatarVendor, CredentialMode, EncryptionMode,
    FarewellConfig, FillerContent, FillerContentConfig, FillerSelectionRule, FillerTrigger,
    FillerTriggerConfig, FillerWords, Geofence, GeofenceArea, JoinProperties, Parameters,
    RtcEncryption, SalConfig, SalMode, SilenceAction, SilenceConfig,
};
pub use llm::{
    GreetingConfigs, GreetingMode, LlmConfig, LlmStyle, LlmVendor, McpServer, MllmConfig,
    MllmTurnDetection, MllmTurnDetectionMode, MllmVendor, SystemMessage,
};
pub use response::{
    AgentAction, AgentHistory, AgentList, AgentListData, AgentListMeta, AgentStatus,
    AgentStatusReport, AgentSummary, AgentTurn, AgentTurns, HistoryEntry, HistoryRole,
    StartedAgent, TurnEnd, TurnEndType, TurnLatency, TurnMetrics, TurnPagination, TurnStart,
    TurnStartType, UpdatedAgent,
};
pub use tts::{SkipPattern, TtsConfig, TtsVendor};
pub use turn_detection::{
    EndOfSpeech, EndOfSpeechConfig, EndOfSpeechMode, InterruptMode, Interruption,
    InterruptionKeywords, InterruptionMode, InterruptionStrategy, StartOfSpeech,
    StartOfSpeechConfig, StartOfSpeechMode, TurnDetection, TurnDetectionConfig,
};

validated_string! {
    /// An agent instance ID (`agent_id`), as [`StartAgent`] answers it
    /// and every other call takes it. Opaque: only what would break a URL
    /// is refused.
    ///
    /// ```
    /// use agora_api::conversational_ai::AgentId;
    /// let id: AgentId = "1NT29X10YHxxxxxWJOXLYHNYB".parse()?;
    /// assert_eq!(id, "1NT29X10YHxxxxxWJOXLYHNYB");
    /// assert!(AgentId::new("a b").is_err());
    /// # Ok::<(), agora_api::InvalidInput>(())
    /// ```
    AgentId, field = "agentId", check = issued_id
}

/// Checks an optional number against a documented inclusive range, naming
/// the member `name` of `at`.
pub(crate) fn check_range<T>(
    value: Option<T>,
    range: RangeInclusive<T>,
    at: &FieldPath<'_>,
    name: &str,
) -> Result<(), InvalidInput>
where
    T: PartialOrd + fmt::Display + Copy,
{
    match value {
        Some(value) if !range.contains(&value) => Err(at.member(name).invalid(format!(
            "must be from {} to {} (got {value})",
            range.start(),
            range.end()
        ))),
        _ => Ok(()),
    }
}

/// Checks an optional ratio strictly between 0 and 1.
pub(crate) fn check_open_unit(
    value: Option<f64>,
    at: &FieldPath<'_>,
    name: &str,
) -> Result<(), InvalidInput> {
    match value {
        Some(value) if !(value > 0.0 && value < 1.0) => Err(at.member(name).invalid(format!(
            "must be greater than 0 and less than 1 (got {value})"
        ))),
        _ => Ok(()),
    }
}

/// Checks an optional list's length.
pub(crate) fn check_len<T>(
    list: Option<&Vec<T>>,
    max: usize,
    at: &FieldPath<'_>,
    name: &str,
) -> Result<(), InvalidInput> {
    match list {
        Some(list) if list.len() > max => Err(at.member(name).invalid(format!(
            "must hold at most {max} items (got {})",
            list.len()
        ))),
        _ => Ok(()),
    }
}

/// Refuses an empty required string.
pub(crate) fn check_not_empty(
    value: &str,
    at: &FieldPath<'_>,
    name: &str,
) -> Result<(), InvalidInput> {
    if value.is_empty() {
        return Err(at.member(name).invalid("must not be empty"));
    }
    Ok(())
}
