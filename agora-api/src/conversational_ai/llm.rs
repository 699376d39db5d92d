//! `properties.llm` (the language model of the ASR → LLM → TTS pipeline)
//! and `properties.mllm` (a multimodal model instead of that pipeline).

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::auth::Secret;
use crate::error::InvalidInput;
use crate::runtime::validate::{FieldPath, Validate};
use crate::values::string_enum;

use super::join_properties::CredentialMode;
use super::{check_not_empty, check_open_unit, check_range};

string_enum! {
    /// An LLM provider (`llm.vendor`). With `custom`, Agora adds `turn_id`
    /// and `timestamp` to each message it sends your LLM.
    pub enum LlmVendor {
        /// OpenAI.
        OpenAi = "openai",
        /// Azure OpenAI.
        Azure = "azure",
        /// xAI Grok.
        XAi = "xai",
        /// Your own LLM.
        Custom = "custom",
    }
}

string_enum! {
    /// The request style of the chat completion calls (`llm.style`;
    /// default `openai`).
    pub enum LlmStyle {
        /// OpenAI and OpenAI-compatible APIs.
        OpenAi = "openai",
        /// Google Gemini and Vertex.
        Gemini = "gemini",
        /// Anthropic Claude.
        Anthropic = "anthropic",
        /// Dify.
        Dify = "dify",
    }
}

string_enum! {
    /// When the greeting is played (`llm.greeting_configs.mode`).
    pub enum GreetingMode {
        /// To every user who joins (the default).
        SingleEvery = "single_every",
        /// To the first user only.
        SingleFirst = "single_first",
    }
}

/// One predefined message at the start of every LLM request
/// (`system_messages[]`), in the OpenAI protocol.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SystemMessage {
    /// `system`, `user`, `assistant`, ...
    pub role: String,
    /// The text.
    pub content: String,
    /// Other members of the OpenAI message, sent as they are.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl SystemMessage {
    /// A `system` message.
    pub fn system(content: impl Into<String>) -> Self {
        SystemMessage {
            role: "system".into(),
            content: content.into(),
            extra: Map::new(),
        }
    }
}

/// How the greeting is played (`llm.greeting_configs`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct GreetingConfigs {
    /// To whom.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mode: Option<GreetingMode>,
    /// The wait before it plays after a user joins: 0 to 5000 ms.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub delay_ms: Option<u32>,
    /// `false`: it cannot be interrupted (default `true`: as the global
    /// `interruption` settings say).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub interruptable: Option<bool>,
    /// How long to wait for `greeting_audio_url`: 200 to 10 000 ms
    /// (default 1000).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub audio_download_timeout_ms: Option<u32>,
    /// The sample rate of that audio, in Hz (default 16 000).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub audio_pcm_sample_rate: Option<u32>,
    /// Members Agora documents nowhere in the reference, sent as they are.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Validate for GreetingConfigs {
    fn validate(&self, at: &FieldPath<'_>) -> Result<(), InvalidInput> {
        check_range(self.delay_ms, 0..=5000, at, "delay_ms")?;
        check_range(
            self.audio_download_timeout_ms,
            200..=10_000,
            at,
            "audio_download_timeout_ms",
        )
    }
}

/// An MCP server whose tools the agent may call (`llm.mcp_servers[]`;
/// needs `advanced_features.enable_tools`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct McpServer {
    /// A unique name: 1 to 48 ASCII letters and digits.
    pub name: String,
    /// The server's address.
    pub endpoint: String,
    /// The transport; Agora documents `streamable_http`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub transport: Option<String>,
    /// Headers sent to the server (its credentials, for instance).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub headers: Option<Map<String, Value>>,
    /// The tools the agent may use: absent, or `["*"]`, means all; `[]`
    /// none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub allowed_tools: Option<Vec<String>>,
    /// How long to wait for the server's answer, in ms.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timeout_ms: Option<u32>,
    /// Members Agora documents nowhere in the reference, sent as they are.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Validate for McpServer {
    fn validate(&self, at: &FieldPath<'_>) -> Result<(), InvalidInput> {
        let count = self.name.chars().count();
        if !(1..=48).contains(&count) {
            return Err(at
                .member("name")
                .invalid(format!("must be 1 to 48 characters (got {count})")));
        }
        if let Some(bad) = self.name.chars().find(|c| !c.is_ascii_alphanumeric()) {
            return Err(at.member("name").invalid(format!(
                "contains {bad:?}; allowed are ASCII letters and digits"
            )));
        }
        check_not_empty(&self.endpoint, at, "endpoint")
    }
}

/// The language model of the pipeline (`properties.llm`).
///
/// `url` is required by the reference table, but not sent by Agora's own
/// preset example (a preset supplies it) nor needed with a Studio
/// `pipeline_id`: it is optional here and [`StartAgent`] requires it
/// when neither is given (`specs/`: `convoai-llm-url-with-preset`).
///
/// [`StartAgent`]: super::StartAgent
///
/// ```
/// use agora_api::conversational_ai::{LlmConfig, SystemMessage};
/// let llm = LlmConfig {
///     url: Some("https://api.openai.com/v1/chat/completions".into()),
///     system_messages: Some(vec![SystemMessage::system("You are a helpful chatbot.")]),
///     max_history: Some(32),
///     ..LlmConfig::default()
/// };
/// assert!(serde_json::to_string(&llm).unwrap().starts_with(r#"{"url":"https://"#));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct LlmConfig {
    /// The chat completion address.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The LLM's API key (use one in production). A secret.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub api_key: Option<Secret>,
    /// Whether Agora's managed credentials or your own (`byok`) are used.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub credential_mode: Option<CredentialMode>,
    /// Messages put before every request: prompts, examples.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub system_messages: Option<Vec<SystemMessage>>,
    /// The provider's own request members (`model`, `max_tokens`, ...),
    /// free-form.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub params: Option<Map<String, Value>>,
    /// How many messages of history the LLM keeps: 1 to 1024 (default 32).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_history: Option<u32>,
    /// `["text"]` (default) or `["text", "image"]`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub input_modalities: Option<Vec<String>>,
    /// `["text"]` (default: spoken by the TTS), `["audio"]` or
    /// `["text", "audio"]`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub output_modalities: Option<Vec<String>>,
    /// How the greeting is played.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub greeting_configs: Option<GreetingConfigs>,
    /// An audio file played as the greeting.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub greeting_audio_url: Option<String>,
    /// The greeting spoken to the first user who joins.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub greeting_message: Option<String>,
    /// Spoken when the LLM call fails.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub failure_message: Option<String>,
    /// The provider.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vendor: Option<LlmVendor>,
    /// The request style.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub style: Option<LlmStyle>,
    /// Values of the `{{name}}` variables in the prompts, greeting and
    /// failure messages and the silence prompt.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub template_variables: Option<Map<String, Value>>,
    /// MCP servers whose tools the agent may call.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mcp_servers: Option<Vec<McpServer>>,
    /// Headers added to the LLM requests (Agora's own win on a clash).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub headers: Option<Map<String, Value>>,
    /// Members Agora documents nowhere in the reference, sent as they are.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Validate for LlmConfig {
    fn validate(&self, at: &FieldPath<'_>) -> Result<(), InvalidInput> {
        check_range(self.max_history, 1..=1024, at, "max_history")?;
        if let Some(url) = &self.url {
            check_not_empty(url, at, "url")?;
        }
        self.greeting_configs
            .validate(&at.member("greeting_configs"))?;
        self.mcp_servers.validate(&at.member("mcp_servers"))
    }
}

string_enum! {
    /// A multimodal model provider (`mllm.vendor`).
    pub enum MllmVendor {
        /// OpenAI Realtime API.
        OpenAi = "openai",
        /// Google Gemini Live.
        Gemini = "gemini",
        /// Google Gemini Live on Vertex AI.
        VertexAi = "vertexai",
        /// xAI Grok.
        XAi = "xai",
    }
}

string_enum! {
    /// How a multimodal model detects turns (`mllm.turn_detection.mode`).
    pub enum MllmTurnDetectionMode {
        /// Agora's voice activity detection.
        AgoraVad = "agora_vad",
        /// The provider's (OpenAI Realtime, Gemini Live).
        ServerVad = "server_vad",
        /// Semantic detection (OpenAI Realtime only).
        SemanticVad = "semantic_vad",
    }
}

/// Turn detection of a multimodal model (`mllm.turn_detection`); when set,
/// the top-level `turn_detection` has no effect. The three configurations
/// are kept as Agora documents them, free-form within: their members
/// (durations in ms, `threshold`, Gemini's sensitivities, `eagerness`)
/// are passed to the provider.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct MllmTurnDetection {
    /// The detection mode.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mode: Option<MllmTurnDetectionMode>,
    /// Settings of `agora_vad`: `interrupt_duration_ms`,
    /// `prefix_padding_ms`, `silence_duration_ms`, `threshold`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub agora_vad_config: Option<Map<String, Value>>,
    /// Settings of `server_vad`: `prefix_padding_ms`,
    /// `silence_duration_ms`, `threshold`, `idle_timeout_ms`,
    /// `start_of_speech_sensitivity`, `end_of_speech_sensitivity`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub server_vad_config: Option<Map<String, Value>>,
    /// Settings of `semantic_vad`: `eagerness` (`auto`, `low`, `medium`,
    /// `high`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub semantic_vad_config: Option<Map<String, Value>>,
    /// Members Agora documents nowhere in the reference, sent as they are.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Validate for MllmTurnDetection {
    fn validate(&self, at: &FieldPath<'_>) -> Result<(), InvalidInput> {
        for (name, config) in [
            ("agora_vad_config", &self.agora_vad_config),
            ("server_vad_config", &self.server_vad_config),
        ] {
            let threshold = config
                .as_ref()
                .and_then(|config| config.get("threshold"))
                .and_then(Value::as_f64);
            check_open_unit(threshold, &at.member(name), "threshold")?;
        }
        Ok(())
    }
}

/// A multimodal model in place of the ASR → LLM → TTS pipeline
/// (`properties.mllm`; replaces `advanced_features.enable_mllm`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MllmConfig {
    /// Whether the model is used.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enable: Option<bool>,
    /// The model's WebSocket address.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The model's API key. A secret.
    pub api_key: Secret,
    /// Conversation items for short-term memory, as the OpenAI Realtime
    /// API's `item.content`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub messages: Option<Vec<Map<String, Value>>>,
    /// The provider's own settings, free-form (its `modalities` and
    /// `turn_detection` are overridden by the members here).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub params: Option<Map<String, Value>>,
    /// `["audio"]` (default) or `["audio", "text"]`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub input_modalities: Option<Vec<String>>,
    /// `["text", "audio"]` (default).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub output_modalities: Option<Vec<String>>,
    /// The greeting spoken to the first user who joins.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub greeting_message: Option<String>,
    /// The provider.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vendor: Option<MllmVendor>,
    /// Turn detection of the model.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub turn_detection: Option<MllmTurnDetection>,
    /// Members Agora documents nowhere in the reference, sent as they are.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl MllmConfig {
    /// A model reached with `api_key`, every other member unset.
    pub fn new(api_key: impl Into<Secret>) -> Self {
        MllmConfig {
            enable: None,
            url: None,
            api_key: api_key.into(),
            messages: None,
            params: None,
            input_modalities: None,
            output_modalities: None,
            greeting_message: None,
            vendor: None,
            turn_detection: None,
            extra: Map::new(),
        }
    }
}

impl Validate for MllmConfig {
    fn validate(&self, at: &FieldPath<'_>) -> Result<(), InvalidInput> {
        check_not_empty(self.api_key.expose(), at, "api_key")?;
        self.turn_detection.validate(&at.member("turn_detection"))
    }
}
