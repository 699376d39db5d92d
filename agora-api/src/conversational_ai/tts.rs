//! `properties.tts`: the voice the agent speaks with.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::error::InvalidInput;
use crate::runtime::validate::{FieldPath, Validate};
use crate::values::{int_enum, string_enum};

use super::join_properties::CredentialMode;

string_enum! {
    /// A TTS provider (`tts.vendor`). Agora adds providers often: others
    /// are sent as they are.
    pub enum TtsVendor {
        /// Microsoft Azure.
        Microsoft = "microsoft",
        /// ElevenLabs.
        ElevenLabs = "elevenlabs",
        /// MiniMax.
        MiniMax = "minimax",
        /// Deepgram.
        Deepgram = "deepgram",
        /// Murf.
        Murf = "murf",
        /// Cartesia.
        Cartesia = "cartesia",
        /// OpenAI.
        OpenAi = "openai",
        /// Hume AI.
        HumeAi = "humeai",
        /// Rime.
        Rime = "rime",
        /// Fish Audio.
        FishAudio = "fishaudio",
        /// Google.
        Google = "google",
        /// Amazon Polly.
        Amazon = "amazon",
        /// Sarvam.
        Sarvam = "sarvam",
        /// xAI.
        XAi = "xai",
    }
}

int_enum! {
    /// Bracketed text the TTS skips when reading the LLM's answer
    /// (`tts.skip_patterns`): tone marks, stage directions.
    pub enum SkipPattern {
        /// Chinese parentheses `（）`.
        ChineseParentheses = 1,
        /// Chinese square brackets `【】`.
        ChineseSquareBrackets = 2,
        /// Parentheses `( )`.
        Parentheses = 3,
        /// Square brackets `[ ]`.
        SquareBrackets = 4,
        /// Curly braces `{ }`.
        CurlyBraces = 5,
    }
}

/// Text-to-speech settings (`properties.tts`): required, unless the agent
/// uses a Studio pipeline (`pipeline_id`) or a multimodal model.
///
/// ```
/// use agora_api::conversational_ai::{SkipPattern, TtsConfig, TtsVendor};
/// let mut params = serde_json::Map::new();
/// params.insert("voice_name".into(), "en-US-AndrewMultilingualNeural".into());
/// let tts = TtsConfig {
///     skip_patterns: Some(vec![SkipPattern::Parentheses]),
///     ..TtsConfig::new(TtsVendor::Microsoft, params)
/// };
/// assert_eq!(
///     serde_json::to_string(&tts).unwrap(),
///     r#"{"vendor":"microsoft","params":{"voice_name":"en-US-AndrewMultilingualNeural"},"skip_patterns":[3]}"#
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TtsConfig {
    /// The provider.
    pub vendor: TtsVendor,
    /// Whether Agora's managed credentials or your own (`byok`) are used.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub credential_mode: Option<CredentialMode>,
    /// The provider's own settings (keys, voice, speed), free-form: see
    /// Agora's TTS overview for each provider.
    pub params: Map<String, Value>,
    /// Bracketed text not to read aloud; with nested brackets only the
    /// outermost pair counts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub skip_patterns: Option<Vec<SkipPattern>>,
    /// Members Agora documents nowhere in the reference, sent as they are.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl TtsConfig {
    /// Settings for `vendor` with its `params`.
    pub fn new(vendor: TtsVendor, params: Map<String, Value>) -> Self {
        TtsConfig {
            vendor,
            credential_mode: None,
            params,
            skip_patterns: None,
            extra: Map::new(),
        }
    }
}

impl Validate for TtsConfig {
    fn validate(&self, at: &FieldPath<'_>) -> Result<(), InvalidInput> {
        if let TtsVendor::Other(vendor) = &self.vendor
            && vendor.is_empty()
        {
            return Err(at.member("vendor").invalid("must not be empty"));
        }
        for (index, pattern) in self.skip_patterns.iter().flatten().enumerate() {
            if let SkipPattern::Other(other) = pattern {
                let list = at.member("skip_patterns");
                return Err(list
                    .index(index)
                    .invalid(format!("must be from 1 to 5 (got {other})")));
            }
        }
        Ok(())
    }
}
