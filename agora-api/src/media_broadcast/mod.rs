//! Media Broadcast (fls, public beta): Agora's standard live streaming
//! over CDN. Streams are pushed (RTMP) to a stream-pushing domain and
//! played (RTMP, FLV, HLS) from a stream-playing domain, grouped by entry
//! point (`rtmp://{domain}/{entry_point}/{stream_name}`); settings made
//! for an entry point apply to all its streams.
//!
//! HMAC-SHA256 only ([`Client`](crate::Client)`::builder().hmac_auth(..)`),
//! on `api.agora.io`, paths `/v1/projects/{appid}/fls/...`; 50 calls a
//! second for the whole API (one shared budget, `media_broadcast`).
//! Several creates name the new resource in the query (`?id=`) and answer
//! `201`. Answers with nothing to say are [`Done`].
//!
//! | group | endpoints |
//! |---|---|
//! | domains | [`AddDomain`], [`DeleteDomain`], [`ListDomains`], [`GetDomain`], [`SetDomainAuthKey`] |
//! | entry points | [`AddEntryPoint`], [`DeleteEntryPoint`], [`ListEntryPoints`] |
//! | stream administration | [`BanStream`], [`UnbanStream`], [`ListBannedStreams`], [`SetStreamDelay`], [`CancelStreamDelay`] |
//! | reports | [`ListOnlineStreams`], [`GetOnlineStream`], [`GetPublishHistory`], [`GetPublishQuality`], [`GetPlayStatistics`] |
//! | callbacks to your servers | [`SetOriginAuth`], [`GetOriginAuth`], [`SetOriginSite`], [`GetOriginSite`], [`SetTransfer`], [`GetTransfer`] |
//! | watermarks | [`CreateWatermarkTemplates`], [`ListWatermarkTemplates`] |
//! | standard recording (Agora's storage) | [`SetStandardAutoRecording`], [`SetStandardRecordingConfig`], [`GetStandardRecordingConfig`], [`EnableStandardStreamRecording`], [`DisableStandardStreamRecording`], [`CreateRecordingClip`], [`CreateRecordingSnapshot`], [`ListRecordingFiles`] |
//! | custom recording (your cloud storage) | [`SetCustomAutoRecording`], [`SetCustomRecordingConfig`], [`GetCustomRecordingConfig`], [`EnableCustomStreamRecording`], [`DisableCustomStreamRecording`] |
//! | interval snapshots | [`SetStandardSnapshotConfig`], [`GetStandardSnapshotConfig`], [`SetCustomSnapshotConfig`], [`GetCustomSnapshotConfig`] |
//! | transcoding templates | [`SetStandardTranscodingTemplate`], [`ListStandardTranscodingTemplates`], [`CreateCustomTranscodingTemplate`], [`UpdateCustomTranscodingTemplate`], [`DeleteCustomTranscodingTemplate`], [`ListCustomTranscodingTemplates`] |
//!
//! ```
//! use agora_api::media_broadcast::{EntryPointName, ListOnlineStreams};
//! use agora_api::{AppId, Client};
//!
//! let list = ListOnlineStreams::builder()
//!     .appid(AppId::new("0123456789abcdef0123456789abcdef")?)
//!     .entry_point(EntryPointName::live())
//!     .build();
//! let client = Client::builder().hmac_auth("customer-id", "customer-secret").build()?;
//! let request = client.prepare(&list)?;
//! assert_eq!(
//!     request.url().as_str(),
//!     "https://api.agora.io/v1/projects/0123456789abcdef0123456789abcdef/fls/entry_points/live/reports/online_streams"
//! );
//! let authorization = request.headers()["authorization"].to_str()?;
//! assert!(authorization.starts_with(r#"hmac username="customer-id", algorithm="hmac-sha256""#));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use serde::Deserialize;

mod custom_recording;
mod domains;
mod entry_points;
mod names;
mod recording;
mod recording_files;
mod reports;
mod settings;
mod snapshots;
mod storage;
mod streams;
mod transcoding;
mod watermarks;

pub use custom_recording::{
    CustomRecordingConfig, DisableCustomStreamRecording, DisableCustomStreamRecordingBuilder,
    EnableCustomStreamRecording, EnableCustomStreamRecordingBuilder, GetCustomRecordingConfig,
    GetCustomRecordingConfigBuilder, SetCustomAutoRecording, SetCustomAutoRecordingBuilder,
    SetCustomRecordingConfig, SetCustomRecordingConfigBuilder,
};
pub use domains::{
    AddDomain, AddDomainBuilder, AuthKey, DeleteDomain, DeleteDomainBuilder, Domain, DomainList,
    DomainType, GetDomain, GetDomainBuilder, ListDomains, ListDomainsBuilder, SetDomainAuthKey,
    SetDomainAuthKeyBuilder,
};
pub use entry_points::{
    AddEntryPoint, AddEntryPointBuilder, DeleteEntryPoint, DeleteEntryPointBuilder, EntryPoint,
    EntryPointList, ListEntryPoints, ListEntryPointsBuilder,
};
pub use names::{EntryPointName, FlsDomain, FlsRegion, FlsTime, StreamName};
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
pub use reports::{
    GetOnlineStream, GetOnlineStreamBuilder, GetPlayStatistics, GetPlayStatisticsBuilder,
    GetPublishHistory, GetPublishHistoryBuilder, GetPublishQuality, GetPublishQualityBuilder,
    ListOnlineStreams, ListOnlineStreamsBuilder, OnlineStream, OnlineStreamEntry, OnlineStreamList,
    PlayRecord, PlayStatistics, PublishHistory, PublishQuality, PublishRecord, QualityRecord,
    ReportWindow,
};
pub use settings::{
    CallbackUrl, GetOriginAuth, GetOriginAuthBuilder, GetOriginSite, GetOriginSiteBuilder,
    GetTransfer, GetTransferBuilder, OriginApp, OriginAuth, OriginSite, SetOriginAuth,
    SetOriginAuthBuilder, SetOriginSite, SetOriginSiteBuilder, SetTransfer, SetTransferBuilder,
    Transfer,
};
pub use snapshots::{
    DEFAULT_SNAPSHOT_INTERVAL, GetCustomSnapshotConfig, GetCustomSnapshotConfigBuilder,
    GetStandardSnapshotConfig, GetStandardSnapshotConfigBuilder, SetCustomSnapshotConfig,
    SetCustomSnapshotConfigBuilder, SetStandardSnapshotConfig, SetStandardSnapshotConfigBuilder,
    SnapshotConfig, SnapshotInterval,
};
pub use storage::{FlsStorageConfig, FlsStorageSettings, FlsStorageVendor, FormatSwitch};
pub use streams::{
    BanStream, BanStreamBuilder, BannedStream, BannedStreamList, CancelStreamDelay,
    CancelStreamDelayBuilder, DelaySeconds, ListBannedStreams, ListBannedStreamsBuilder,
    SetStreamDelay, SetStreamDelayBuilder, UnbanStream, UnbanStreamBuilder,
};
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

/// What a call that reports only its status answers (`200` or `201`,
/// with no body or one that says nothing more): any body is ignored.
///
/// ```
/// use agora_api::media_broadcast::Done;
/// assert_eq!(serde_json::from_str::<Done>("null")?, Done::default());
/// assert_eq!(serde_json::from_str::<Done>(r#"{"requestId": "x"}"#)?, Done::default());
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Done;

impl<'de> Deserialize<'de> for Done {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        serde::de::IgnoredAny::deserialize(deserializer)?;
        Ok(Done)
    }
}
