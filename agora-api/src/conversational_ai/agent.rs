//! An agent's lifecycle: start (`join`), update, query, list, stop
//! (`leave`).

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::auth::Secret;
use crate::error::InvalidInput;
use crate::runtime::validate::{FieldPath, Validate};
use crate::types::{AppId, ChannelName};
use crate::values::{closed_enum, comma_list, validated_string};
use crate::{Endpoint, endpoint_docs};

use super::AgentId;
use super::join_properties::JoinProperties;
use super::llm::SystemMessage;
use super::response::{AgentList, AgentStatusReport, StartedAgent, UpdatedAgent};

validated_string! {
    /// An agent's name (`name`): unique among the project's agents, so a
    /// second [`StartAgent`] with a name in use is refused (`409`). Agora
    /// documents no charset or length; empty names and control characters
    /// are refused.
    ///
    /// ```
    /// use agora_api::conversational_ai::AgentName;
    /// assert!(AgentName::new("support_agent_001").is_ok());
    /// assert!(AgentName::new("").is_err());
    /// ```
    AgentName, field = "name", check = check_agent_name
}

fn check_agent_name(value: &str) -> Result<(), String> {
    if value.is_empty() {
        return Err("must not be empty".into());
    }
    if value.chars().any(char::is_control) {
        return Err("must not contain control characters".into());
    }
    Ok(())
}

comma_list! {
    /// Up to three presets (`preset`), one per module (ASR, LLM, TTS), sent
    /// comma-separated: each supplies its provider's address, key and
    /// model.
    ///
    /// ```
    /// use agora_api::conversational_ai::AgentPresets;
    /// let presets: AgentPresets = "deepgram_nova_3,openai_gpt_5_mini".parse()?;
    /// assert_eq!(presets.as_slice().len(), 2);
    /// assert!(AgentPresets::new(["a b"]).is_err());
    /// # Ok::<(), agora_api::InvalidInput>(())
    /// ```
    AgentPresets of String, field = "preset", max = 3,
    parse = |text| Ok(text.to_owned()),
    check = |preset| {
        if preset.is_empty() {
            Err("must not hold an empty preset".into())
        } else if preset.contains(',') || preset.chars().any(|c| c.is_whitespace() || c.is_control()) {
            Err(format!("preset {preset:?} must not contain commas, whitespace or control characters"))
        } else {
            Ok(())
        }
    }
}

/// Rules of the `join` body across its members: `tts` and `llm` are
/// required unless a Studio `pipeline_id` or a multimodal model supplies
/// them, and `llm.url` unless a preset or `pipeline_id` does.
fn check_start(start: &StartAgent) -> Result<(), InvalidInput> {
    let properties = &start.properties;
    let at = FieldPath::root("properties");
    let pipeline = start.pipeline_id.is_some();
    if pipeline || properties.uses_mllm() {
        return Ok(());
    }
    if properties.tts.is_none() {
        return Err(at
            .member("tts")
            .invalid("is required without pipeline_id or mllm"));
    }
    match &properties.llm {
        None => Err(at
            .member("llm")
            .invalid("is required without pipeline_id or mllm")),
        Some(llm) if llm.url.is_none() && start.preset.is_none() => Err(at
            .member("llm")
            .member("url")
            .invalid("is required without preset or pipeline_id")),
        Some(_) => Ok(()),
    }
}

/// Creates and starts an agent in an RTC channel (Agora's `join`).
///
/// The answer's `agent_id` names it in every other call. Names are
/// unique: one in use is `409`; the account's quota `422`; an agent that
/// failed to start `503` (retry later with a new call). Not idempotent: a
/// retry never re-sends it once it may have reached Agora, since a second
/// `join` would start a second agent or collide with the first's name.
///
/// Contradictions resolved (`specs/`, `exceptions`): the reference marks
/// `properties.tts`, `properties.llm` and `llm.url` required, while
/// Agora's `pipeline_id` and preset examples leave them out; they are
/// required here only when nothing else supplies them.
///
/// ```
/// use agora_api::conversational_ai::{
///     AgentName, JoinProperties, LlmConfig, StartAgent, TtsConfig, TtsVendor,
/// };
/// use agora_api::{AppId, Client};
///
/// let start = StartAgent::builder()
///     .appid(AppId::new("0123456789abcdef0123456789abcdef")?)
///     .name(AgentName::new("support_agent_001")?)
///     .properties(JoinProperties {
///         tts: Some(TtsConfig::new(TtsVendor::Microsoft, serde_json::Map::new())),
///         llm: Some(LlmConfig {
///             url: Some("https://api.openai.com/v1/chat/completions".into()),
///             ..LlmConfig::default()
///         }),
///         ..JoinProperties::new("room-1", "007eJxT...", "1001", "1002")
///     })
///     .build();
/// let client = Client::builder().basic_auth("id", "secret").build()?;
/// let request = client.prepare(&start)?;
/// assert!(request.url().path().ends_with("/projects/0123456789abcdef0123456789abcdef/join"));
///
/// let no_llm = StartAgent::builder()
///     .appid(AppId::new("0123456789abcdef0123456789abcdef")?)
///     .name(AgentName::new("support_agent_001")?)
///     .properties(JoinProperties::new("room-1", "007eJxT...", "1001", "1002"))
///     .build();
/// assert_eq!(client.prepare(&no_llm).unwrap_err().to_string(),
///     "invalid `properties.tts`: is required without pipeline_id or mllm");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    POST,
    "/api/conversational-ai-agent/v2/projects/{appid}/join",
    response = StartedAgent,
    validate = check_start,
    token_context = StartAgent::agent_token_context,
    doc = "https://docs.agora.io/en/conversational-ai/rest-api/agent/join",
)]
#[auth(basic, rtc_token)]
pub struct StartAgent {
    /// The project's App ID.
    pub appid: AppId,
    /// The agent's unique name.
    pub name: AgentName,
    /// Presets for the ASR, LLM and TTS providers.
    pub preset: Option<AgentPresets>,
    /// A published Studio agent whose configuration is the base;
    /// `properties` override it, and `asr`, `tts`, `llm` become optional.
    pub pipeline_id: Option<String>,
    /// The agent's configuration.
    pub properties: JoinProperties,
}

impl StartAgent {
    /// The channel and uid an `agora token=` for this call is minted for:
    /// the agent's (`properties.channel`, `properties.agent_rtc_uid`).
    fn agent_token_context(&self) -> crate::TokenContext<'_> {
        crate::TokenContext::new(
            Some(self.properties.channel.as_str()),
            Some(self.properties.agent_rtc_uid.as_str()),
        )
    }
}

/// Stops an agent: it leaves the channel (Agora's `leave`).
///
/// The page's sample sends no body; the bindings send `{}`, as for every
/// POST (`specs/`: `convoai-leave-empty-object`). Not idempotent: once
/// stopped the agent is gone, and a second `leave`
/// is answered as an unknown agent, which could hide the first one's
/// success; a retry never re-sends it once it may have reached Agora.
///
/// ```
/// use agora_api::conversational_ai::{AgentId, StopAgent};
/// use agora_api::{AppId, Client, Endpoint};
///
/// let stop = StopAgent::builder()
///     .appid(AppId::new("0123456789abcdef0123456789abcdef")?)
///     .agent_id(AgentId::new("1NT29X10YHxxxxxWJOXLYHNYB")?)
///     .build();
/// assert!(!StopAgent::IDEMPOTENT);
/// let request = Client::builder().basic_auth("id", "secret").build()?.prepare(&stop)?;
/// assert!(request.url().path().ends_with("/agents/1NT29X10YHxxxxxWJOXLYHNYB/leave"));
/// assert_eq!(request.body().and_then(|b| b.as_bytes()), Some(&b"{}"[..]));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    POST,
    "/api/conversational-ai-agent/v2/projects/{appid}/agents/{agentId}/leave",
    response = serde::de::IgnoredAny,
    doc = "https://docs.agora.io/en/conversational-ai/rest-api/agent/leave",
)]
#[auth(basic, rtc_token)]
pub struct StopAgent {
    /// The project's App ID.
    pub appid: AppId,
    /// The agent, from [`StartAgent`].
    #[endpoint(rename = "agentId")]
    pub agent_id: AgentId,
}

/// The LLM settings an [`UpdateAgent`] replaces.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct UpdateLlm {
    /// Messages put before every request (OpenAI protocol).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub system_messages: Option<Vec<SystemMessage>>,
    /// The provider's request members: replaces the whole `params` of
    /// `join`, so send all of it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub params: Option<Map<String, Value>>,
    /// Members Agora documents nowhere in the reference, sent as they are.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The multimodal model settings an [`UpdateAgent`] replaces.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct UpdateMllm {
    /// The provider's settings.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub params: Option<Map<String, Value>>,
    /// Members Agora documents nowhere in the reference, sent as they are.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// What an [`UpdateAgent`] changes (`properties`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct UpdateProperties {
    /// A fresh RTC token for the agent (after its `104 agent expire`
    /// event). A secret.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub token: Option<Secret>,
    /// LLM settings.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub llm: Option<UpdateLlm>,
    /// Multimodal model settings.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mllm: Option<UpdateMllm>,
    /// Members Agora documents nowhere in the reference, sent as they are.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Validate for UpdateProperties {
    fn validate(&self, at: &FieldPath<'_>) -> Result<(), InvalidInput> {
        if let Some(token) = &self.token
            && token.expose().is_empty()
        {
            return Err(at.member("token").invalid("must not be empty"));
        }
        Ok(())
    }
}

/// Changes a running agent: its token, its LLM prompts and parameters,
/// or its multimodal model's parameters.
///
/// `params` replace those of `join` as a whole. Not idempotent: a retry
/// never re-sends it once it may have reached Agora.
///
/// ```
/// use agora_api::conversational_ai::{AgentId, UpdateAgent, UpdateProperties};
/// use agora_api::{AppId, Client};
///
/// let update = UpdateAgent::builder()
///     .appid(AppId::new("0123456789abcdef0123456789abcdef")?)
///     .agent_id(AgentId::new("1NT29X10YHxxxxxWJOXLYHNYB")?)
///     .properties(UpdateProperties { token: Some("007eJxT...".into()), ..UpdateProperties::default() })
///     .build();
/// let request = Client::builder().basic_auth("id", "secret").build()?.prepare(&update)?;
/// let body = request.body().and_then(|b| b.as_bytes()).unwrap_or_default();
/// assert_eq!(std::str::from_utf8(body)?, r#"{"properties":{"token":"007eJxT..."}}"#);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    POST,
    "/api/conversational-ai-agent/v2/projects/{appid}/agents/{agentId}/update",
    response = UpdatedAgent,
    doc = "https://docs.agora.io/en/conversational-ai/rest-api/agent/update",
)]
#[auth(basic, rtc_token)]
pub struct UpdateAgent {
    /// The project's App ID.
    pub appid: AppId,
    /// The agent, from [`StartAgent`].
    #[endpoint(rename = "agentId")]
    pub agent_id: AgentId,
    /// What to change.
    pub properties: Option<UpdateProperties>,
}

/// Reads an agent's state, with its start and stop times and, when it
/// stopped or failed, why.
///
/// ```
/// use agora_api::conversational_ai::{AgentId, QueryAgentStatus};
/// use agora_api::{AppId, Client};
///
/// let query = QueryAgentStatus::builder()
///     .appid(AppId::new("0123456789abcdef0123456789abcdef")?)
///     .agent_id(AgentId::new("1NT29X10YHxxxxxWJOXLYHNYB")?)
///     .build();
/// let request = Client::builder().basic_auth("id", "secret").build()?.prepare(&query)?;
/// assert_eq!(request.method(), "GET");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    GET,
    "/api/conversational-ai-agent/v2/projects/{appid}/agents/{agentId}",
    response = AgentStatusReport,
    doc = "https://docs.agora.io/en/conversational-ai/rest-api/agent/query",
)]
#[auth(basic, rtc_token)]
pub struct QueryAgentStatus {
    /// The project's App ID.
    pub appid: AppId,
    /// The agent, from [`StartAgent`].
    #[endpoint(rename = "agentId")]
    pub agent_id: AgentId,
}

closed_enum! {
    /// An agent state to list (`state`), by its number.
    pub enum AgentState in "state" {
        /// `IDLE`.
        Idle = "0",
        /// `STARTING`.
        Starting = "1",
        /// `RUNNING` (what Agora lists by default).
        Running = "2",
        /// `STOPPING`.
        Stopping = "3",
        /// `STOPPED`.
        Stopped = "4",
        /// `FAILED`.
        Failed = "6",
    }
}

comma_list! {
    /// The states to list (`state=0,1,2`), comma-separated.
    ///
    /// ```
    /// use agora_api::conversational_ai::{AgentState, AgentStates};
    /// let states = AgentStates::new([AgentState::Idle, AgentState::Starting, AgentState::Running])?;
    /// assert_eq!(states.to_string(), "0,1,2");
    /// assert_eq!("0,1,2".parse::<AgentStates>()?, states);
    /// assert!("5".parse::<AgentStates>().is_err());
    /// # Ok::<(), agora_api::InvalidInput>(())
    /// ```
    AgentStates of AgentState, field = "state", max = 6,
    parse = |text| text.parse::<AgentState>(),
    check = |_| Ok(())
}

/// Lists the project's agents that match: by channel, start time and
/// state, a page at a time (`limit`, and `cursor`: the `meta.cursor` of
/// the previous page).
///
/// Agora's defaults: the last two hours, running agents only, 20 a page.
/// The states go comma-separated, as Agora documents (`state=0,1,2`).
///
/// ```
/// use agora_api::conversational_ai::{AgentState, AgentStates, ListAgents};
/// use agora_api::{AppId, Client};
///
/// let list = ListAgents::builder()
///     .appid(AppId::new("0123456789abcdef0123456789abcdef")?)
///     .state(AgentStates::new([AgentState::Running, AgentState::Failed])?)
///     .limit(20)
///     .build();
/// let request = Client::builder().basic_auth("id", "secret").build()?.prepare(&list)?;
/// assert_eq!(request.url().query(), Some("state=2,6&limit=20"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    GET,
    "/api/conversational-ai-agent/v2/projects/{appid}/agents",
    response = AgentList,
    doc = "https://docs.agora.io/en/conversational-ai/rest-api/agent/list",
)]
#[auth(basic, rtc_token)]
pub struct ListAgents {
    /// The project's App ID.
    pub appid: AppId,
    /// Agents of this channel only.
    #[endpoint(query)]
    pub channel: Option<ChannelName>,
    /// Agents started at or after this time, in Unix seconds (default two
    /// hours ago).
    #[endpoint(query)]
    pub from_time: Option<u64>,
    /// Agents started at or before this time, in Unix seconds (default
    /// now).
    #[endpoint(query)]
    pub to_time: Option<u64>,
    /// The states to list (default `RUNNING`).
    #[endpoint(query)]
    pub state: Option<AgentStates>,
    /// The most agents on a page (default 20).
    #[endpoint(query)]
    pub limit: Option<u32>,
    /// Where the page starts: the previous page's `meta.cursor`.
    #[endpoint(query)]
    pub cursor: Option<AgentId>,
}
