//! `properties` of [`StartAgent`](super::StartAgent): the channel and
//! users, and every feature's settings apart from the ASR, LLM, TTS and
//! turn detection ones (their own files).

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::auth::Secret;
use crate::error::InvalidInput;
use crate::runtime::validate::{FieldPath, Validate};
use crate::types::ChannelName;
use crate::values::{int_enum, string_enum};

use super::asr::AsrConfig;
use super::llm::{LlmConfig, MllmConfig};
use super::tts::TtsConfig;
use super::turn_detection::{Interruption, TurnDetection};
use super::{check_len, check_range};

/// The longest string uid an RTC channel takes, in bytes.
const MAX_STRING_UID_BYTES: usize = 255;

string_enum! {
    /// Whose credentials a provider is called with (`credential_mode`, in
    /// the OpenAPI document only; default `byok`).
    pub enum CredentialMode {
        /// Agora's.
        Managed = "managed",
        /// Yours ("bring your own key").
        Byok = "byok",
    }
}

string_enum! {
    /// A region Agora's servers may be used in (`geofence.area`,
    /// `geofence.exclude_area`).
    pub enum GeofenceArea {
        /// Everywhere (`area` only).
        Global = "GLOBAL",
        /// North America.
        NorthAmerica = "NORTH_AMERICA",
        /// Europe.
        Europe = "EUROPE",
        /// Asia.
        Asia = "ASIA",
        /// India.
        India = "INDIA",
        /// Japan.
        Japan = "JAPAN",
    }
}

/// Which of Agora's servers the engine may use (`properties.geofence`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Geofence {
    /// The allowed region.
    pub area: GeofenceArea,
    /// A region left out of `GLOBAL` (with `area` `GLOBAL` only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exclude_area: Option<GeofenceArea>,
    /// Members Agora documents nowhere in the reference, sent as they are.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Validate for Geofence {
    fn validate(&self, at: &FieldPath<'_>) -> Result<(), InvalidInput> {
        match &self.exclude_area {
            Some(_) if self.area != GeofenceArea::Global => Err(at
                .member("exclude_area")
                .invalid("is only available when area is GLOBAL")),
            Some(GeofenceArea::Global) => Err(at
                .member("exclude_area")
                .invalid("must be a region other than GLOBAL")),
            _ => Ok(()),
        }
    }
}

/// Optional features (`properties.advanced_features`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AdvancedFeatures {
    /// Deprecated: use `mllm.enable`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enable_mllm: Option<bool>,
    /// Signaling (RTM): the token must then carry RTC and RTM privileges
    /// (the agent joins the RTM channel with it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enable_rtm: Option<bool>,
    /// Selective Attention Locking (configure `sal`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enable_sal: Option<bool>,
    /// Tool calls to the `llm.mcp_servers`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enable_tools: Option<bool>,
    /// Members Agora documents nowhere in the reference, sent as they are.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

string_enum! {
    /// An avatar provider (`avatar.vendor`). The reference lists `akool`,
    /// `liveavatar`, `anam` and `generic`; Agora's own advanced example
    /// uses `heygen`, kept as a known value.
    pub enum AvatarVendor {
        /// Akool.
        Akool = "akool",
        /// LiveAvatar.
        LiveAvatar = "liveavatar",
        /// Anam.
        Anam = "anam",
        /// A generic avatar service.
        Generic = "generic",
        /// HeyGen (in Agora's examples only).
        HeyGen = "heygen",
    }
}

/// An avatar for the agent (`properties.avatar`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Avatar {
    /// Whether the avatar is on (then set `vendor` and `params`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enable: Option<bool>,
    /// The provider.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vendor: Option<AvatarVendor>,
    /// The provider's own settings, free-form.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub params: Option<Map<String, Value>>,
    /// Members Agora documents nowhere in the reference, sent as they are.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

string_enum! {
    /// Selective Attention Locking mode (`sal.sal_mode`).
    pub enum SalMode {
        /// Lock onto one speaker (the default).
        Locking = "locking",
        /// Recognise the registered voiceprint's speaker.
        Recognition = "recognition",
    }
}

/// Selective Attention Locking (`properties.sal`, beta).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SalConfig {
    /// The mode.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sal_mode: Option<SalMode>,
    /// One voiceprint: its name (not `unknown`, which is reserved) and the
    /// URL of its 16 kHz mono PCM file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sample_urls: Option<Map<String, Value>>,
    /// Members Agora documents nowhere in the reference, sent as they are.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Validate for SalConfig {
    fn validate(&self, at: &FieldPath<'_>) -> Result<(), InvalidInput> {
        let Some(urls) = &self.sample_urls else {
            return Ok(());
        };
        let at = at.member("sample_urls");
        if urls.len() > 1 {
            return Err(at.invalid(format!(
                "must hold one voiceprint URL at most (got {})",
                urls.len()
            )));
        }
        if urls.contains_key("unknown") {
            return Err(at.invalid("must not name a voiceprint \"unknown\": it is reserved"));
        }
        Ok(())
    }
}

int_enum! {
    /// Built-in media encryption (`rtc.encryption_mode`); 7 and 8 (GCM2,
    /// which Agora recommends) need a salt.
    pub enum EncryptionMode {
        /// AES-128-XTS.
        Aes128Xts = 1,
        /// AES-128-ECB.
        Aes128Ecb = 2,
        /// AES-256-XTS.
        Aes256Xts = 3,
        /// SM4-128-ECB.
        Sm4128Ecb = 4,
        /// AES-128-GCM.
        Aes128Gcm = 5,
        /// AES-256-GCM.
        Aes256Gcm = 6,
        /// AES-128-GCM2, with a salt.
        Aes128Gcm2 = 7,
        /// AES-256-GCM2, with a salt.
        Aes256Gcm2 = 8,
    }
}

/// Media encryption of the agent's RTC stream (`properties.rtc`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RtcEncryption {
    /// The key (Agora recommends 32 bytes); none, or empty, means no
    /// built-in encryption. A secret.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub encryption_key: Option<Secret>,
    /// The salt: Base64 of 32 bytes, for modes 7 and 8. A secret.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub encryption_salt: Option<Secret>,
    /// The mode.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub encryption_mode: Option<EncryptionMode>,
    /// Members Agora documents nowhere in the reference, sent as they are.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Validate for RtcEncryption {
    fn validate(&self, at: &FieldPath<'_>) -> Result<(), InvalidInput> {
        match self.encryption_mode {
            Some(EncryptionMode::Other(mode)) => Err(at
                .member("encryption_mode")
                .invalid(format!("must be from 1 to 8 (got {mode})"))),
            Some(EncryptionMode::Aes128Gcm2 | EncryptionMode::Aes256Gcm2)
                if self
                    .encryption_salt
                    .as_ref()
                    .is_none_or(|salt| salt.expose().is_empty()) =>
            {
                Err(at
                    .member("encryption_salt")
                    .invalid("is required with encryption_mode 7 or 8"))
            }
            _ => Ok(()),
        }
    }
}

/// When filler words play: `response_wait_ms`, 100 to 10 000 ms (default
/// 1500) of waiting for the LLM.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FillerTriggerConfig {
    /// The wait for the LLM that triggers a filler word, in ms.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub response_wait_ms: Option<u32>,
    /// Members Agora documents nowhere in the reference, sent as they are.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Validate for FillerTriggerConfig {
    fn validate(&self, at: &FieldPath<'_>) -> Result<(), InvalidInput> {
        check_range(self.response_wait_ms, 100..=10_000, at, "response_wait_ms")
    }
}

/// The trigger of filler words (`filler_words.trigger`).
///
/// The reference names its settings after the mode (`fixed_time_config`)
/// while every one of Agora's examples sends `config`: both are kept and
/// checked, and `specs/` records the contradiction
/// (`convoai-filler-words-config-key`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FillerTrigger {
    /// `fixed_time`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mode: Option<String>,
    /// The settings, as Agora's examples send them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub config: Option<FillerTriggerConfig>,
    /// The settings, as the reference names them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fixed_time_config: Option<FillerTriggerConfig>,
    /// Members Agora documents nowhere in the reference, sent as they are.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

string_enum! {
    /// The order filler words are picked in (`selection_rule`).
    pub enum FillerSelectionRule {
        /// Shuffled, no repeat until every one was played.
        Shuffle = "shuffle",
        /// In list order.
        RoundRobin = "round_robin",
    }
}

/// The filler words themselves.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FillerContentConfig {
    /// Up to 100 phrases of at most 50 words each.
    pub phrases: Vec<String>,
    /// The order they are picked in.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub selection_rule: Option<FillerSelectionRule>,
    /// Members Agora documents nowhere in the reference, sent as they are.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Validate for FillerContentConfig {
    fn validate(&self, at: &FieldPath<'_>) -> Result<(), InvalidInput> {
        check_len(Some(&self.phrases), 100, at, "phrases")?;
        let phrases = at.member("phrases");
        for (index, phrase) in self.phrases.iter().enumerate() {
            let words = phrase.split_whitespace().count();
            if words > 50 {
                return Err(phrases
                    .index(index)
                    .invalid(format!("must be at most 50 words (got {words})")));
            }
        }
        Ok(())
    }
}

/// The content of filler words (`filler_words.content`); as for
/// [`FillerTrigger`], both `config` (the examples) and `static_config`
/// (the reference) are kept.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FillerContent {
    /// `static`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mode: Option<String>,
    /// The phrases, as Agora's examples send them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub config: Option<FillerContentConfig>,
    /// The phrases, as the reference names them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub static_config: Option<FillerContentConfig>,
    /// Members Agora documents nowhere in the reference, sent as they are.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// Filler words played while the LLM is slow (`properties.filler_words`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FillerWords {
    /// Whether they play (default `false`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enable: Option<bool>,
    /// When.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trigger: Option<FillerTrigger>,
    /// What.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub content: Option<FillerContent>,
    /// Members Agora documents nowhere in the reference, sent as they are.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Validate for FillerWords {
    fn validate(&self, at: &FieldPath<'_>) -> Result<(), InvalidInput> {
        if let Some(trigger) = &self.trigger {
            let at = at.member("trigger");
            trigger.config.validate(&at.member("config"))?;
            trigger
                .fixed_time_config
                .validate(&at.member("fixed_time_config"))?;
        }
        if let Some(content) = &self.content {
            let at = at.member("content");
            content.config.validate(&at.member("config"))?;
            content
                .static_config
                .validate(&at.member("static_config"))?;
        }
        Ok(())
    }
}

string_enum! {
    /// What the agent does when the user is silent too long
    /// (`silence_config.action`).
    pub enum SilenceAction {
        /// Speak `content` (the default).
        Speak = "speak",
        /// Give `content` to the LLM.
        Think = "think",
    }
}

/// The silence reminder (`parameters.silence_config`; not with a
/// multimodal model).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SilenceConfig {
    /// The silence before the reminder: 0 (off, the default) to 60 000 ms;
    /// above 0 it needs `content`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timeout_ms: Option<u32>,
    /// What to do then.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub action: Option<SilenceAction>,
    /// The reminder.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub content: Option<String>,
    /// Members Agora documents nowhere in the reference, sent as they are.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Validate for SilenceConfig {
    fn validate(&self, at: &FieldPath<'_>) -> Result<(), InvalidInput> {
        check_range(self.timeout_ms, 0..=60_000, at, "timeout_ms")?;
        if self.timeout_ms.is_some_and(|timeout| timeout > 0)
            && self.content.as_deref().is_none_or(str::is_empty)
        {
            return Err(at
                .member("content")
                .invalid("is required when timeout_ms is above 0"));
        }
        Ok(())
    }
}

/// Graceful leaving (`parameters.farewell_config`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FarewellConfig {
    /// Whether `leave` waits for the agent to be idle first.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub graceful_enabled: Option<bool>,
    /// The longest wait: 0 to 120 s (default 30).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub graceful_timeout_seconds: Option<u32>,
    /// Members Agora documents nowhere in the reference, sent as they are.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Validate for FarewellConfig {
    fn validate(&self, at: &FieldPath<'_>) -> Result<(), InvalidInput> {
        check_range(
            self.graceful_timeout_seconds,
            0..=120,
            at,
            "graceful_timeout_seconds",
        )
    }
}

string_enum! {
    /// The RTC audio scenario (`parameters.audio_scenario`).
    pub enum AudioScenario {
        /// `aiserver` (the default).
        Default = "default",
        /// Real-time chorus, for users on good networks.
        Chorus = "chorus",
        /// Tuned for talking to an agent.
        AiServer = "aiserver",
    }
}

/// Agent parameters (`properties.parameters`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Parameters {
    /// The silence reminder.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub silence_config: Option<SilenceConfig>,
    /// Graceful leaving.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub farewell_config: Option<FarewellConfig>,
    /// `datastream` (default) or `rtm` (with `enable_rtm`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data_channel: Option<String>,
    /// Performance events (with `enable_rtm`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enable_metrics: Option<bool>,
    /// Error events (with `enable_rtm`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enable_error_message: Option<bool>,
    /// The RTC audio scenario.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub audio_scenario: Option<AudioScenario>,
    /// `true`: no session data is kept (no troubleshooting from history).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub opt_out: Option<bool>,
    /// Members Agora documents nowhere in the reference, sent as they are.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Validate for Parameters {
    fn validate(&self, at: &FieldPath<'_>) -> Result<(), InvalidInput> {
        self.silence_config.validate(&at.member("silence_config"))?;
        self.farewell_config.validate(&at.member("farewell_config"))
    }
}

/// The agent's configuration (`properties` of
/// [`StartAgent`](super::StartAgent)).
///
/// `agent_rtc_uid` and `remote_rtc_uids` are integers written as strings
/// (`"0"`: Agora picks a free uid) unless `enable_string_uid` is set;
/// Agora takes one remote user for now. `tts` and `llm` are required
/// unless a Studio `pipeline_id` or a multimodal model (`mllm`) supplies
/// them (checked by [`StartAgent`](super::StartAgent)).
///
/// ```
/// use agora_api::conversational_ai::JoinProperties;
/// let properties = JoinProperties {
///     idle_timeout: Some(120),
///     ..JoinProperties::new("room-1", "007eJxT...", "1001", "1002")
/// };
/// assert!(!format!("{properties:?}").contains("007eJxT"));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JoinProperties {
    /// The RTC channel to join.
    pub channel: String,
    /// The token the agent joins with (the header's token usually works).
    /// A secret.
    pub token: Secret,
    /// The agent's uid in the channel; `"0"` lets Agora pick one.
    pub agent_rtc_uid: String,
    /// The agent's Signaling user ID (in Agora's `pipeline_id` example;
    /// not in the reference).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub agent_rtm_uid: Option<String>,
    /// The users the agent listens to: one for now.
    pub remote_rtc_uids: Vec<String>,
    /// Whether uids are strings (default `false`: integers).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enable_string_uid: Option<bool>,
    /// Seconds after the remote users left before the agent stops: 0
    /// (never) to 259 200 (default 30). A session ends after 72 hours
    /// anyway.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub idle_timeout: Option<u32>,
    /// Which of Agora's regions may serve the agent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub geofence: Option<Geofence>,
    /// Optional features.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub advanced_features: Option<AdvancedFeatures>,
    /// Speech recognition.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub asr: Option<AsrConfig>,
    /// Text to speech.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tts: Option<TtsConfig>,
    /// The language model.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub llm: Option<LlmConfig>,
    /// A multimodal model instead of ASR, LLM and TTS.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mllm: Option<MllmConfig>,
    /// An avatar.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub avatar: Option<Avatar>,
    /// Turn detection.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub turn_detection: Option<TurnDetection>,
    /// Interruption control.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub interruption: Option<Interruption>,
    /// Selective Attention Locking.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sal: Option<SalConfig>,
    /// Your labels, returned in every notification about the agent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub labels: Option<Map<String, Value>>,
    /// Media encryption.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rtc: Option<RtcEncryption>,
    /// Filler words.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub filler_words: Option<FillerWords>,
    /// Agent parameters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parameters: Option<Parameters>,
    /// Members Agora documents nowhere in the reference, sent as they are.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl JoinProperties {
    /// The longest `idle_timeout` Agora accepts, in seconds (72 hours).
    pub const MAX_IDLE_TIMEOUT: u32 = 259_200;
    /// Agora's `idle_timeout` when none is given, in seconds.
    pub const DEFAULT_IDLE_TIMEOUT: u32 = 30;

    /// The required members: the channel, the agent's token and uid, and
    /// the one user it listens to; every feature unset.
    pub fn new(
        channel: impl Into<String>,
        token: impl Into<Secret>,
        agent_rtc_uid: impl Into<String>,
        remote_rtc_uid: impl Into<String>,
    ) -> Self {
        JoinProperties {
            channel: channel.into(),
            token: token.into(),
            agent_rtc_uid: agent_rtc_uid.into(),
            agent_rtm_uid: None,
            remote_rtc_uids: vec![remote_rtc_uid.into()],
            enable_string_uid: None,
            idle_timeout: None,
            geofence: None,
            advanced_features: None,
            asr: None,
            tts: None,
            llm: None,
            mllm: None,
            avatar: None,
            turn_detection: None,
            interruption: None,
            sal: None,
            labels: None,
            rtc: None,
            filler_words: None,
            parameters: None,
            extra: Map::new(),
        }
    }

    /// Whether a multimodal model replaces ASR, LLM and TTS.
    pub fn uses_mllm(&self) -> bool {
        self.mllm
            .as_ref()
            .is_some_and(|mllm| mllm.enable != Some(false))
            || self
                .advanced_features
                .as_ref()
                .is_some_and(|features| features.enable_mllm == Some(true))
    }

    /// Whether the agent joins Signaling too (its token then needs RTM
    /// privileges).
    pub fn enables_rtm(&self) -> bool {
        self.advanced_features
            .as_ref()
            .is_some_and(|features| features.enable_rtm == Some(true))
    }

    fn check_uid(&self, uid: &str, at: FieldPath<'_>) -> Result<(), InvalidInput> {
        if self.enable_string_uid == Some(true) {
            if uid.is_empty() || uid.len() > MAX_STRING_UID_BYTES {
                return Err(at.invalid(format!(
                    "must be a string uid of 1 to {MAX_STRING_UID_BYTES} bytes (got {})",
                    uid.len()
                )));
            }
            return Ok(());
        }
        if uid.parse::<u32>().is_err() {
            return Err(at.invalid(format!(
                "{uid:?} is not an integer uid from 0 to 4294967295 (set enable_string_uid for string uids)"
            )));
        }
        Ok(())
    }
}

impl Validate for JoinProperties {
    fn validate(&self, at: &FieldPath<'_>) -> Result<(), InvalidInput> {
        ChannelName::new(self.channel.as_str())
            .map_err(|error| at.member("channel").invalid(error.rule().to_owned()))?;
        self.check_uid(&self.agent_rtc_uid, at.member("agent_rtc_uid"))?;
        let remote = at.member("remote_rtc_uids");
        if self.remote_rtc_uids.len() != 1 {
            return Err(remote.invalid(format!(
                "must hold exactly one uid: Agora supports one remote user for now (got {})",
                self.remote_rtc_uids.len()
            )));
        }
        for (index, uid) in self.remote_rtc_uids.iter().enumerate() {
            self.check_uid(uid, remote.index(index))?;
        }
        check_range(
            self.idle_timeout,
            0..=Self::MAX_IDLE_TIMEOUT,
            at,
            "idle_timeout",
        )?;
        self.geofence.validate(&at.member("geofence"))?;
        self.asr.validate(&at.member("asr"))?;
        self.tts.validate(&at.member("tts"))?;
        self.llm.validate(&at.member("llm"))?;
        self.mllm.validate(&at.member("mllm"))?;
        self.turn_detection.validate(&at.member("turn_detection"))?;
        self.interruption.validate(&at.member("interruption"))?;
        self.sal.validate(&at.member("sal"))?;
        self.rtc.validate(&at.member("rtc"))?;
        self.filler_words.validate(&at.member("filler_words"))?;
        self.parameters.validate(&at.member("parameters"))
    }
}
