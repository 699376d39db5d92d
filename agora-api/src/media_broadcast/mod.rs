//! Media Broadcast RESTful API (fls, public beta): domains and entry
//! points, and per entry point the settings of its live streams:
//! watermarks, recording (standard, into Agora's storage, or custom,
//! into the project's cloud storage) with clips and snapshots cut from
//! it, interval snapshots with moderation, and transcoding templates.
//!
//! Every call is signed with HMAC-SHA256 (`Client::builder().hmac_auth(..)`),
//! the only scheme Agora documents for the product, on `api.agora.io`,
//! paths `/v1/projects/{appid}/fls/...`; 50 calls per second. Every
//! project has the entry point `live`. Agora documents no error bodies,
//! only statuses: `400` (a bad parameter, such as an unknown region),
//! `401`, `404` (no such entry point), `500`, `504`. The service is in
//! public beta: Agora enables it on request.
//!
//! ```
//! use agora_api::media_broadcast::{EntryPointName, SetStandardAutoRecording};
//! use agora_api::{AppId, Client};
//!
//! let call = SetStandardAutoRecording::builder()
//!     .appid(AppId::new("0123456789abcdef0123456789abcdef")?)
//!     .entry_point(EntryPointName::new("live")?)
//!     .enabled(true)
//!     .build();
//! let client = Client::builder().hmac_auth("customer-id", "customer-secret").build()?;
//! let request = client.prepare(&call)?;
//! assert!(request.headers()["authorization"].to_str()?.starts_with("hmac username=\"customer-id\""));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod names;
mod timeline;

mod applied;
mod custom_recording;
mod recording;
mod recording_files;
mod snapshots;
mod storage;
mod transcoding;
mod watermarks;

pub use names::{EntryPointName, FlsDomain, FlsRegion, FlsTime, StreamName};
pub use timeline::{rfc3339_unix_seconds, unix_seconds_rfc3339};

pub use applied::Applied;
pub use custom_recording::{
    CustomRecordingConfig, DisableCustomStreamRecording, DisableCustomStreamRecordingBuilder,
    EnableCustomStreamRecording, EnableCustomStreamRecordingBuilder, GetCustomRecordingConfig,
    GetCustomRecordingConfigBuilder, SetCustomAutoRecording, SetCustomAutoRecordingBuilder,
    SetCustomRecordingConfig, SetCustomRecordingConfigBuilder,
};
pub use recording::{
    DisableStandardStreamRecording, DisableStandardStreamRecordingBuilder,
    EnableStandardStreamRecording, EnableStandardStreamRecordingBuilder,
    GetStandardRecordingConfig, GetStandardRecordingConfigBuilder, SetStandardAutoRecording,
    SetStandardAutoRecordingBuilder, SetStandardRecordingConfig, SetStandardRecordingConfigBuilder,
    StandardRecordingConfig,
};
pub use recording_files::{
    CreateRecordingClip, CreateRecordingClipBuilder, CreateRecordingSnapshot,
    CreateRecordingSnapshotBuilder, ListRecordingFiles, ListRecordingFilesBuilder, OutputFileName,
    RecordingFile, RecordingFiles,
};
pub use snapshots::{
    DEFAULT_SNAPSHOT_INTERVAL, GetCustomSnapshotConfig, GetCustomSnapshotConfigBuilder,
    GetStandardSnapshotConfig, GetStandardSnapshotConfigBuilder, SetCustomSnapshotConfig,
    SetCustomSnapshotConfigBuilder, SetStandardSnapshotConfig, SetStandardSnapshotConfigBuilder,
    SnapshotConfig, SnapshotInterval,
};
pub use storage::{FlsStorageConfig, FlsStorageSettings, FlsStorageVendor, FormatSwitch};
pub use transcoding::{
    AUDIO_SAMPLE_RATES, CreateCustomTranscodingTemplate, CreateCustomTranscodingTemplateBuilder,
    CustomTranscodingTemplate, CustomTranscodingTemplates, DeleteCustomTranscodingTemplate,
    DeleteCustomTranscodingTemplateBuilder, ListCustomTranscodingTemplates,
    ListCustomTranscodingTemplatesBuilder, ListStandardTranscodingTemplates,
    ListStandardTranscodingTemplatesBuilder, SetStandardTranscodingTemplate,
    SetStandardTranscodingTemplateBuilder, StandardTemplateState, StandardTranscodingTemplate,
    StandardTranscodingTemplates, TranscodeAudioCodec, TranscodeProfile, TranscodeVideoCodec,
    TranscodingTemplateName, UpdateCustomTranscodingTemplate,
    UpdateCustomTranscodingTemplateBuilder,
};
pub use watermarks::{
    CreateWatermarkTemplates, CreateWatermarkTemplatesBuilder, ListWatermarkTemplates,
    ListWatermarkTemplatesBuilder, MAX_WATERMARK_PIXELS, MAX_WATERMARKS, Watermark,
    WatermarkTemplates,
};
