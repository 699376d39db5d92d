//! Real-Time STT (speech-to-text) RESTful API.
//!
//! Agora documents three generations: v7 (agents, current) and the legacy
//! v5 and v6, which share their builder-token and task paths. v7 starts an
//! agent by a unique name ([`StartSttAgent`]) and then addresses it by its
//! agent ID ([`QuerySttAgent`], [`UpdateSttAgent`], [`StopSttAgent`]);
//! [`ListSttAgents`] pages through the agents in one status. Agora
//! deprecated v5 and v6 in June 2025 and ended them on 2026-06-11; their
//! endpoints are bound, `#[deprecated]`, for projects that still call
//! them. Basic auth on `api.agora.io`; Agora documents no numeric rate
//! limit (a `429` means back off, which the client's retries do).
//! <https://docs.agora.io/en/api-reference/api-ref/speech-to-text/rest-api-v6/acquire>
//!
//! ```
//! # #![allow(deprecated)]
//! use agora_api::real_time_stt::{AcquireSttBuilderToken, InstanceId};
//! use agora_api::{AppId, Client};
//!
//! let acquire = AcquireSttBuilderToken::builder()
//!     .app_id(AppId::new("0123456789abcdef0123456789abcdef")?)
//!     .instance_id(InstanceId::new("room-42")?)
//!     .build();
//! let client = Client::builder().basic_auth("id", "secret").build()?;
//! let request = client.prepare(&acquire)?;
//! assert_eq!(
//!     request.url().as_str(),
//!     "https://api.agora.io/v1/projects/0123456789abcdef0123456789abcdef/rtsc/speech-to-text/builderTokens"
//! );
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod agent;
mod agent_config;
mod builder_token;
mod legacy_config;
mod legacy_task;

pub use agent::{
    ListSttAgents, ListSttAgentsBuilder, QueriedSttAgent, QuerySttAgent, QuerySttAgentBuilder,
    StartSttAgent, StartSttAgentBuilder, StopSttAgent, StopSttAgentBuilder, SttAgent, SttAgentId,
    SttAgentLeft, SttAgentList, SttAgentName, SttAgentPage, SttAgentStateCode, SttAgentStatus,
    SttAgentSummary, SttListMeta, UpdateSttAgent, UpdateSttAgentBuilder,
};
pub use agent_config::{
    AudioUid, CryptionMode, MaxIdleTime, SliceDuration, SttCaptionConfig, SttExtensionParams,
    SttKeywords, SttLanguage, SttLanguages, SttRtcConfig, SttRtcUpdate, SttServerSideEncryption,
    SttStorage, SttStorageVendor, SttTranslateConfig, SttTranslateUpdate, SttUpdateField,
    SttUpdateMask, SubscribeAudioUids, TargetLanguages, Translation, Translations, UidLanguages,
    UidLanguagesConfig, UnsubscribeAudioUids,
};

// A legacy (v5/v6) endpoint, deprecated for users only.
#[allow(deprecated)]
pub use builder_token::{AcquireSttBuilderToken, AcquireSttBuilderTokenBuilder};
pub use builder_token::{BuilderToken, InstanceId, LegacyStt, SttBuilderToken};
// The legacy (v5/v6) task calls, from a builder token's session.
pub use legacy_config::{
    LegacyCaptionConfig, LegacyRtcConfig, LegacyRtcUpdate, LegacyStorage, LegacyStorageVendor,
    LegacyTranslateConfig, LegacyTranslateUpdate, LegacyUidLanguages, TranslateLanguage,
};
#[allow(deprecated)]
pub use legacy_task::{
    LegacySttTask, LegacySttTaskSession, LegacySttTaskStatus, LegacySttUpdateField,
    LegacySttUpdateMask, QueryLegacySttTask, QueryLegacySttTaskBuilder, StartLegacySttTask,
    StartLegacySttTaskBuilder, StopLegacySttTask, StopLegacySttTaskBuilder, UpdateLegacySttTask,
    UpdateLegacySttTaskBuilder,
};
