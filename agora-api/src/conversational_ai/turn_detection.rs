//! `properties.turn_detection` (when a user starts and stops speaking)
//! and `properties.interruption` (what a user's voice does to the agent).

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::error::InvalidInput;
use crate::runtime::validate::{FieldPath, Validate};
use crate::values::string_enum;

use super::{check_len, check_open_unit, check_range};

/// The most interruption keywords Agora accepts.
const MAX_KEYWORDS: usize = 128;

string_enum! {
    /// How the start of speech is detected
    /// (`turn_detection.config.start_of_speech.mode`).
    pub enum StartOfSpeechMode {
        /// Voice activity detection.
        Vad = "vad",
        /// Started by the application (in the OpenAPI document only).
        Manual = "manual",
        /// Deprecated: use `interruption.mode = "keywords"`.
        Keywords = "keywords",
        /// Deprecated: use `interruption.enable = false`.
        Disabled = "disabled",
    }
}

string_enum! {
    /// How the end of speech is detected
    /// (`turn_detection.config.end_of_speech.mode`).
    pub enum EndOfSpeechMode {
        /// A silence long enough.
        Vad = "vad",
        /// Semantic understanding (English and Chinese; others fall back to
        /// VAD).
        Semantic = "semantic",
        /// Ended by the application (in the OpenAPI document only).
        Manual = "manual",
    }
}

string_enum! {
    /// What a user's speech does while the agent speaks or thinks, when it
    /// does not interrupt (`disabled_config.strategy`).
    pub enum InterruptionStrategy {
        /// Processed after the agent's turn.
        Append = "append",
        /// Dropped, not kept in the context.
        Ignore = "ignore",
    }
}

string_enum! {
    /// Deprecated turn detection's `interrupt_mode`.
    pub enum InterruptMode {
        /// Stop and process the user's speech.
        Interrupt = "interrupt",
        /// Finish, then process it.
        Append = "append",
        /// Drop it.
        Ignore = "ignore",
        /// Stop on `interrupt_keywords` only.
        Keywords = "keywords",
        /// Raise the threshold while speaking.
        Adaptive = "adaptive",
    }
}

/// The settings of one start-of-speech mode (`vad_config`,
/// `keywords_config`, `disabled_config`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct StartOfSpeechConfig {
    /// How long the voice must last to interrupt: 120 to 1200 ms
    /// (default 160).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub interrupt_duration_ms: Option<u32>,
    /// The same while the agent speaks: 120 to 1200 ms (default 160).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub speaking_interrupt_duration_ms: Option<u32>,
    /// Audio kept before the detected start: 0 to 5000 ms (default 800).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prefix_padding_ms: Option<u32>,
    /// Keywords that interrupt (`keywords_config`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub triggered_keywords: Option<Vec<String>>,
    /// What speech does when it cannot interrupt (`disabled_config`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub strategy: Option<InterruptionStrategy>,
    /// Members Agora documents nowhere in the reference, sent as they are.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Validate for StartOfSpeechConfig {
    fn validate(&self, at: &FieldPath<'_>) -> Result<(), InvalidInput> {
        check_range(
            self.interrupt_duration_ms,
            120..=1200,
            at,
            "interrupt_duration_ms",
        )?;
        check_range(
            self.speaking_interrupt_duration_ms,
            120..=1200,
            at,
            "speaking_interrupt_duration_ms",
        )?;
        check_range(self.prefix_padding_ms, 0..=5000, at, "prefix_padding_ms")?;
        check_len(
            self.triggered_keywords.as_ref(),
            MAX_KEYWORDS,
            at,
            "triggered_keywords",
        )
    }
}

/// Start-of-speech detection; the configuration must be the mode's
/// (`vad` takes `vad_config`), one at most.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StartOfSpeech {
    /// The mode.
    pub mode: StartOfSpeechMode,
    /// Settings of `vad`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vad_config: Option<StartOfSpeechConfig>,
    /// Settings of `keywords`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub keywords_config: Option<StartOfSpeechConfig>,
    /// Settings of `disabled`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub disabled_config: Option<StartOfSpeechConfig>,
    /// Members Agora documents nowhere in the reference, sent as they are.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl StartOfSpeech {
    /// Detection in `mode` with no settings.
    pub fn new(mode: StartOfSpeechMode) -> Self {
        StartOfSpeech {
            mode,
            vad_config: None,
            keywords_config: None,
            disabled_config: None,
            extra: Map::new(),
        }
    }
}

/// Refuses a mode configuration other than `mode`'s own.
fn check_mode_configs(
    mode: &str,
    configs: &[(&str, bool)],
    at: &FieldPath<'_>,
) -> Result<(), InvalidInput> {
    for (name, present) in configs {
        if *present && name.strip_suffix("_config") != Some(mode) {
            return Err(at.member(name).invalid(format!(
                "does not match mode {mode:?}: only {mode}_config may be set"
            )));
        }
    }
    Ok(())
}

impl Validate for StartOfSpeech {
    fn validate(&self, at: &FieldPath<'_>) -> Result<(), InvalidInput> {
        check_mode_configs(
            self.mode.as_str(),
            &[
                ("vad_config", self.vad_config.is_some()),
                ("keywords_config", self.keywords_config.is_some()),
                ("disabled_config", self.disabled_config.is_some()),
            ],
            at,
        )?;
        self.vad_config.validate(&at.member("vad_config"))?;
        self.keywords_config
            .validate(&at.member("keywords_config"))?;
        self.disabled_config.validate(&at.member("disabled_config"))
    }
}

/// The settings of one end-of-speech mode (`vad_config`,
/// `semantic_config`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct EndOfSpeechConfig {
    /// The silence that ends speech: 120 to 2000 ms (default 640 for
    /// `vad`, 320 for `semantic`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub silence_duration_ms: Option<u32>,
    /// The longest wait for the semantic verdict: 500 to 10 000 ms, or
    /// `-1` for no limit (default 3000).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_wait_ms: Option<i32>,
    /// Whether "hold on" and the like make the agent wait (default
    /// `true`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pause_state_enabled: Option<bool>,
    /// Members Agora documents nowhere in the reference, sent as they are.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Validate for EndOfSpeechConfig {
    fn validate(&self, at: &FieldPath<'_>) -> Result<(), InvalidInput> {
        check_range(
            self.silence_duration_ms,
            120..=2000,
            at,
            "silence_duration_ms",
        )?;
        match self.max_wait_ms {
            Some(wait) if wait != -1 && !(500..=10_000).contains(&wait) => Err(at
                .member("max_wait_ms")
                .invalid(format!("must be from 500 to 10000, or -1 (got {wait})"))),
            _ => Ok(()),
        }
    }
}

/// End-of-speech detection; the configuration must be the mode's.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct EndOfSpeech {
    /// The mode.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mode: Option<EndOfSpeechMode>,
    /// Settings of `vad`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vad_config: Option<EndOfSpeechConfig>,
    /// Settings of `semantic`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub semantic_config: Option<EndOfSpeechConfig>,
    /// Members Agora documents nowhere in the reference, sent as they are.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Validate for EndOfSpeech {
    fn validate(&self, at: &FieldPath<'_>) -> Result<(), InvalidInput> {
        if let Some(mode) = &self.mode {
            check_mode_configs(
                mode.as_str(),
                &[
                    ("vad_config", self.vad_config.is_some()),
                    ("semantic_config", self.semantic_config.is_some()),
                ],
                at,
            )?;
        }
        self.vad_config.validate(&at.member("vad_config"))?;
        self.semantic_config.validate(&at.member("semantic_config"))
    }
}

/// The detection settings (`turn_detection.config`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TurnDetectionConfig {
    /// Voice sensitivity, strictly between 0 and 1 (default 0.5): lower
    /// hears fainter speech.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub speech_threshold: Option<f64>,
    /// Start-of-speech detection.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_of_speech: Option<StartOfSpeech>,
    /// End-of-speech detection.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_of_speech: Option<EndOfSpeech>,
    /// Members Agora documents nowhere in the reference, sent as they are.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Validate for TurnDetectionConfig {
    fn validate(&self, at: &FieldPath<'_>) -> Result<(), InvalidInput> {
        check_open_unit(self.speech_threshold, at, "speech_threshold")?;
        self.start_of_speech
            .validate(&at.member("start_of_speech"))?;
        self.end_of_speech.validate(&at.member("end_of_speech"))
    }
}

/// Turn detection (`properties.turn_detection`): no effect with a
/// multimodal model (use `mllm.turn_detection`).
///
/// Since v2.6 it detects the start and end of speech only; the members
/// after `config` are the deprecated earlier version, still accepted by
/// Agora and kept for agents configured that way.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TurnDetection {
    /// `default`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mode: Option<String>,
    /// The detection settings.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub config: Option<TurnDetectionConfig>,
    /// Deprecated: `agora_vad` (default), `server_vad`, `semantic_vad`.
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub detection_type: Option<String>,
    /// Deprecated: what a user's voice does while the agent acts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub interrupt_mode: Option<InterruptMode>,
    /// Deprecated: how long the voice must last to interrupt, in ms.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub interrupt_duration_ms: Option<f64>,
    /// Deprecated: up to 128 keywords that interrupt.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub interrupt_keywords: Option<Vec<String>>,
    /// Deprecated: audio kept before the detected start, in ms.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prefix_padding_ms: Option<u32>,
    /// Deprecated: the silence that ends speech, in ms.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub silence_duration_ms: Option<u32>,
    /// Deprecated: sensitivity, strictly between 0 and 1.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub threshold: Option<f64>,
    /// Deprecated: `auto`, `low`, `high` (OpenAI Realtime semantic VAD).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub eagerness: Option<String>,
    /// Members Agora documents nowhere in the reference, sent as they are.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Validate for TurnDetection {
    fn validate(&self, at: &FieldPath<'_>) -> Result<(), InvalidInput> {
        check_open_unit(self.threshold, at, "threshold")?;
        check_len(
            self.interrupt_keywords.as_ref(),
            MAX_KEYWORDS,
            at,
            "interrupt_keywords",
        )?;
        self.config.validate(&at.member("config"))
    }
}

string_enum! {
    /// What triggers an interruption (`interruption.mode`).
    pub enum InterruptionMode {
        /// The user starting to speak (the default).
        StartOfSpeech = "start_of_speech",
        /// One of the `keywords_config` keywords.
        Keywords = "keywords",
    }
}

/// Interruption control (`properties.interruption`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Interruption {
    /// Whether the user can interrupt the agent (default `true`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enable: Option<bool>,
    /// What interrupts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mode: Option<InterruptionMode>,
    /// `trigger_keywords`: up to 128 keywords (mode `keywords`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub keywords_config: Option<InterruptionKeywords>,
    /// `strategy` when interruption is disabled.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub disabled_config: Option<StartOfSpeechConfig>,
    /// Members Agora documents nowhere in the reference, sent as they are.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The keywords that interrupt (`interruption.keywords_config`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct InterruptionKeywords {
    /// Up to 128 keywords.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trigger_keywords: Option<Vec<String>>,
    /// Members Agora documents nowhere in the reference, sent as they are.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Validate for Interruption {
    fn validate(&self, at: &FieldPath<'_>) -> Result<(), InvalidInput> {
        if let Some(keywords) = &self.keywords_config {
            check_len(
                keywords.trigger_keywords.as_ref(),
                MAX_KEYWORDS,
                &at.member("keywords_config"),
                "trigger_keywords",
            )?;
        }
        Ok(())
    }
}
