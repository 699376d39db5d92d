//! Steering a running agent: speak a message, inject an instruction,
//! interrupt it. Each acts on a `RUNNING` agent only.

use serde_json::{Map, Value};

use crate::types::AppId;
use crate::values::{string_enum, validated_string};
use crate::{Endpoint, endpoint_docs};

use super::AgentId;
use super::response::AgentAction;

/// The longest `speak` text, in bytes.
const MAX_SPEAK_BYTES: usize = 512;

validated_string! {
    /// What [`AgentSpeak`] says: 1 to 512 bytes of text.
    ///
    /// ```
    /// use agora_api::conversational_ai::SpeakText;
    /// assert!(SpeakText::new("Sorry, the conversation content is not compliant.").is_ok());
    /// assert_eq!(
    ///     SpeakText::new("x".repeat(513)).unwrap_err().to_string(),
    ///     "invalid `text`: must be 1 to 512 bytes (got 513)"
    /// );
    /// ```
    SpeakText, field = "text", check = check_speak_text
}

fn check_speak_text(value: &str) -> Result<(), String> {
    if value.is_empty() || value.len() > MAX_SPEAK_BYTES {
        return Err(format!(
            "must be 1 to {MAX_SPEAK_BYTES} bytes (got {})",
            value.len()
        ));
    }
    Ok(())
}

validated_string! {
    /// The instruction [`AgentThink`] injects, processed as user input:
    /// not empty.
    ///
    /// ```
    /// use agora_api::conversational_ai::ThinkText;
    /// assert!(ThinkText::new("The user just clicked the purchase button.").is_ok());
    /// assert!(ThinkText::new("").is_err());
    /// ```
    ThinkText, field = "text", check = check_think_text
}

fn check_think_text(value: &str) -> Result<(), String> {
    if value.is_empty() {
        return Err("must not be empty".into());
    }
    Ok(())
}

string_enum! {
    /// How a `speak` message is queued (`priority`).
    pub enum SpeakPriority {
        /// Interrupt the agent and say it now (the default).
        Interrupt = "INTERRUPT",
        /// Say it after the current interaction.
        Append = "APPEND",
        /// Say it only if the agent is not interacting; else drop it.
        Ignore = "IGNORE",
    }
}

/// Broadcasts a message through the agent's TTS (Agora's `speak`).
///
/// Not with a multimodal model; the agent must be running. Not
/// idempotent: a retry never re-sends it once it may have reached Agora,
/// as the message would be spoken twice.
///
/// ```
/// use agora_api::conversational_ai::{AgentId, AgentSpeak, SpeakPriority, SpeakText};
/// use agora_api::{AppId, Client};
///
/// let speak = AgentSpeak::builder()
///     .appid(AppId::new("0123456789abcdef0123456789abcdef")?)
///     .agent_id(AgentId::new("1NT29X10YHxxxxxWJOXLYHNYB")?)
///     .text(SpeakText::new("Please hold on.")?)
///     .priority(SpeakPriority::Append)
///     .build();
/// let request = Client::builder().basic_auth("id", "secret").build()?.prepare(&speak)?;
/// let body = request.body().and_then(|b| b.as_bytes()).unwrap_or_default();
/// assert_eq!(std::str::from_utf8(body)?, r#"{"text":"Please hold on.","priority":"APPEND"}"#);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    POST,
    "/api/conversational-ai-agent/v2/projects/{appid}/agents/{agentId}/speak",
    response = AgentAction,
    doc = "https://docs.agora.io/en/conversational-ai/rest-api/agent/speak",
)]
#[auth(basic, rtc_token)]
pub struct AgentSpeak {
    /// The project's App ID.
    pub appid: AppId,
    /// The agent, from [`StartAgent`](super::StartAgent).
    #[endpoint(rename = "agentId")]
    pub agent_id: AgentId,
    /// The message.
    pub text: SpeakText,
    /// How it is queued.
    pub priority: Option<SpeakPriority>,
    /// Whether the users' voice may interrupt it (default `true`).
    pub interruptable: Option<bool>,
}

/// Stops what the agent is saying or thinking at once (Agora's
/// `interrupt`).
///
/// The reference says the body is empty and Agora's OpenAPI document
/// declares none, while its curl sample and Go client send `{}`: `{}` is
/// sent, as every POST of the bindings carries a JSON object (`specs/`:
/// `convoai-interrupt-empty-body`). Not idempotent: a retry
/// never re-sends it once it may have reached Agora, since a late second
/// one would cut off what the agent says next.
///
/// ```
/// use agora_api::conversational_ai::{AgentId, AgentInterrupt};
/// use agora_api::{AppId, Client};
///
/// let interrupt = AgentInterrupt::builder()
///     .appid(AppId::new("0123456789abcdef0123456789abcdef")?)
///     .agent_id(AgentId::new("1NT29X10YHxxxxxWJOXLYHNYB")?)
///     .build();
/// let request = Client::builder().basic_auth("id", "secret").build()?.prepare(&interrupt)?;
/// assert!(request.url().path().ends_with("/interrupt"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    POST,
    "/api/conversational-ai-agent/v2/projects/{appid}/agents/{agentId}/interrupt",
    response = AgentAction,
    doc = "https://docs.agora.io/en/conversational-ai/rest-api/agent/interrupt",
)]
#[auth(basic, rtc_token)]
pub struct AgentInterrupt {
    /// The project's App ID.
    pub appid: AppId,
    /// The agent, from [`StartAgent`](super::StartAgent).
    #[endpoint(rename = "agentId")]
    pub agent_id: AgentId,
}

string_enum! {
    /// What a `think` instruction does while the agent listens
    /// (`on_listening_action`).
    pub enum ListeningAction {
        /// Add it to the current turn.
        Inject = "inject",
        /// Start a new turn with it (the default).
        Interrupt = "interrupt",
        /// Drop it.
        Ignore = "ignore",
    }
}

string_enum! {
    /// What a `think` instruction does while the agent thinks
    /// (`on_thinking_action`).
    pub enum ThinkingAction {
        /// Start a new turn with it (the default).
        Interrupt = "interrupt",
        /// Drop it.
        Ignore = "ignore",
    }
}

string_enum! {
    /// What a `think` instruction does while the agent speaks
    /// (`on_speaking_action`).
    pub enum SpeakingAction {
        /// Start a new turn with it.
        Interrupt = "interrupt",
        /// Drop it (the default).
        Ignore = "ignore",
    }
}

/// Injects a text instruction into the conversation as user input
/// (Agora's `think`): hidden context, a button the user clicked.
///
/// The agent must be running. Not idempotent: a retry never re-sends it
/// once it may have reached Agora, as the agent would act on it twice.
///
/// ```
/// use agora_api::conversational_ai::{AgentId, AgentThink, ThinkText};
/// use agora_api::{AppId, Client};
///
/// let think = AgentThink::builder()
///     .appid(AppId::new("0123456789abcdef0123456789abcdef")?)
///     .agent_id(AgentId::new("1NT29X10YHxxxxxWJOXLYHNYB")?)
///     .text(ThinkText::new("The user just clicked the purchase button.")?)
///     .build();
/// let request = Client::builder().basic_auth("id", "secret").build()?.prepare(&think)?;
/// assert!(request.url().path().ends_with("/think"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    POST,
    "/api/conversational-ai-agent/v2/projects/{appid}/agents/{agentId}/think",
    response = AgentAction,
    doc = "https://docs.agora.io/en/conversational-ai/rest-api/agent/think",
)]
#[auth(basic, rtc_token)]
pub struct AgentThink {
    /// The project's App ID.
    pub appid: AppId,
    /// The agent, from [`StartAgent`](super::StartAgent).
    #[endpoint(rename = "agentId")]
    pub agent_id: AgentId,
    /// The instruction.
    pub text: ThinkText,
    /// While the agent listens.
    pub on_listening_action: Option<ListeningAction>,
    /// While it thinks.
    pub on_thinking_action: Option<ThinkingAction>,
    /// While it speaks.
    pub on_speaking_action: Option<SpeakingAction>,
    /// Whether the users' voice may interrupt it (default `true`).
    pub interruptable: Option<bool>,
    /// Your key-value metadata (identifiers, model references).
    pub metadata: Option<Map<String, Value>>,
}
