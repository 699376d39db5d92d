//! `properties.asr`: speech recognition of what the users say.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::error::InvalidInput;
use crate::runtime::validate::{FieldPath, Validate};
use crate::values::string_enum;

use super::join_properties::CredentialMode;

string_enum! {
    /// An ASR provider (`asr.vendor`; Agora's default `ares`). Agora adds
    /// providers often: others are sent as they are.
    pub enum AsrVendor {
        /// Agora's Adaptive Recognition Engine for Speech.
        Ares = "ares",
        /// Microsoft Azure.
        Microsoft = "microsoft",
        /// Deepgram.
        Deepgram = "deepgram",
        /// OpenAI.
        OpenAi = "openai",
        /// Speechmatics.
        Speechmatics = "speechmatics",
        /// Google.
        Google = "google",
        /// Amazon Transcribe.
        Amazon = "amazon",
        /// AssemblyAI.
        AssemblyAi = "assemblyai",
        /// Sarvam.
        Sarvam = "sarvam",
        /// xAI.
        XAi = "xai",
    }
}

/// Speech recognition settings (`properties.asr`).
///
/// The reference table marks `params` required, while Agora's own basic
/// example sends `{"language": "en-US"}` alone (the default vendor needs
/// no settings): `params` is optional here, and `specs/` records the
/// contradiction (`convoai-asr-params-optional`).
///
/// ```
/// use agora_api::conversational_ai::{AsrConfig, AsrVendor};
/// let asr = AsrConfig {
///     language: Some("en-US".into()),
///     vendor: Some(AsrVendor::Deepgram),
///     ..AsrConfig::default()
/// };
/// assert_eq!(
///     serde_json::to_string(&asr).unwrap(),
///     r#"{"language":"en-US","vendor":"deepgram"}"#
/// );
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AsrConfig {
    /// The main language of the conversation, a BCP-47 tag (default
    /// `en-US`); a language in `params` wins.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// The provider.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vendor: Option<AsrVendor>,
    /// Whether Agora's managed credentials or your own (`byok`) are used.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub credential_mode: Option<CredentialMode>,
    /// The provider's own settings (keys, models), free-form: see Agora's
    /// ASR overview for each provider.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub params: Option<Map<String, Value>>,
    /// Members Agora documents nowhere in the reference, sent as they are.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Validate for AsrConfig {
    fn validate(&self, at: &FieldPath<'_>) -> Result<(), InvalidInput> {
        if let Some(language) = &self.language
            && language.is_empty()
        {
            return Err(at.member("language").invalid("must not be empty"));
        }
        Ok(())
    }
}
