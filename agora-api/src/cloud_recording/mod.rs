//! Cloud Recording RESTful API.
//!
//! Basic auth; 10 requests per second per App ID at first (Agora raises it
//! on request). The lifecycle is [`Acquire`] -> [`Start`] -> [`Query`] /
//! [`Update`] / [`UpdateLayout`] -> [`Stop`]: a resource ID from `acquire`
//! is valid for five minutes and serves one recording session; `start`
//! returns the recording ID (`sid`) the other calls take, which stay
//! accepted for `resourceExpiredHour` hours (72 by default). [`GetNcsIps`]
//! lists the addresses Agora's event notifications come from.
//!
//! Three modes ([`RecordingMode`]): `individual` (one file per user),
//! `mix` (composite: every user in one file; [`UpdateLayout`] only) and
//! `web` (a web page). [`Scene::Rtc`] resources serve the first two,
//! [`Scene::Web`] resources the third.
//!
//! `acquire`, `start`, `update`, `updateLayout` and `stop` change state, so
//! a retry never re-sends them once they may have reached Agora; `query`
//! and the NCS IP list are plain reads.
//! <https://docs.agora.io/en/cloud-recording/reference/rest-api/overview>

use crate::error::InvalidInput;
use crate::values::string_enum;
use crate::values::{issued_id, validated_string};

mod config;
mod ncs;
mod response;
mod session;

pub use config::ALL_STREAMS;
pub use config::client_request::{
    AcquireClientRequest, AudioUidList, RecordingRegion, RtmpPublishUpdate, Scene,
    StartClientRequest, StartParameter, StopClientRequest, StreamSubscribe, UpdateClientRequest,
    UpdateLayoutClientRequest, VideoUidList, WebRecordingUpdate,
};
pub use config::extension::{
    ErrorHandlePolicy, ExtensionService, ExtensionServiceConfig, RtmpOutput, RtmpPublishParam,
    ServiceParam, WebRecorderContainer, WebRecorderParam,
};
pub use config::files::{AvFileType, RecordingFileConfig, SnapshotConfig, SnapshotFileType};
pub use config::recording::{
    AudioProfile, ChannelType, DecryptionMode, LayoutRegion, MixedVideoLayout, RecordingConfig,
    RenderMode, StreamMode, StreamTypes, SubscribeUidGroup, TranscodingConfig, UserBackground,
    VideoStreamType,
};
pub use config::storage::{
    AlibabaCloudRegion, AmazonS3Region, BaiduAiCloudRegion, HuaweiCloudRegion,
    ServerSideEncryption, StorageConfig, StorageExtensionParams, StorageVendor, TencentCloudRegion,
};
pub use ncs::{GetNcsIps, GetNcsIpsBuilder};
pub use response::{
    AcquiredResource, ExtensionServiceState, FileList, FileListMode, NcsData, NcsHost, NcsIps,
    NcsService, PublishStatus, QueriedRecording, QueryServerResponse, RecordedFile,
    RecordingSession, RecordingStatus, RtmpOutputState, RtmpPublishState, ServiceState,
    StopServerResponse, StoppedRecording, TrackType, UploadState, UploadingStatus, WebRecordedFile,
    WebRecorderState,
};
pub use session::{
    Acquire, AcquireBuilder, Query, QueryBuilder, Start, StartBuilder, Stop, StopBuilder, Update,
    UpdateBuilder, UpdateLayout, UpdateLayoutBuilder,
};

validated_string! {
    /// A cloud recording resource ID, from [`Acquire`]'s answer.
    ///
    /// ```
    /// use agora_api::cloud_recording::ResourceId;
    /// let id: ResourceId = "JyvK8nXHuV1BE".parse()?;
    /// assert_eq!(id, "JyvK8nXHuV1BE");
    /// assert!(ResourceId::new("").is_err());
    /// # Ok::<(), agora_api::InvalidInput>(())
    /// ```
    ResourceId, field = "resourceid", check = issued_id
}

validated_string! {
    /// A recording ID (`sid`), from [`Start`]'s answer.
    ///
    /// ```
    /// use agora_api::cloud_recording::Sid;
    /// let sid = Sid::new("38f8e3cfdc474cd56fc1ceba380d7e1a")?;
    /// assert_eq!(sid.to_string(), "38f8e3cfdc474cd56fc1ceba380d7e1a");
    /// assert!(Sid::new("a b").is_err());
    /// # Ok::<(), agora_api::InvalidInput>(())
    /// ```
    Sid, field = "sid", check = issued_id
}

string_enum! {
    /// A recording mode: the `{mode}` segment of the session's paths.
    pub enum RecordingMode {
        /// Individual recording: each user's audio and video in separate
        /// files (and screenshots).
        Individual = "individual",
        /// Composite recording: every user mixed into one file.
        Mix = "mix",
        /// Web page recording.
        Web = "web",
    }
}

impl RecordingMode {
    fn check(&self) -> Result<(), InvalidInput> {
        if let RecordingMode::Other(mode) = self
            && (mode.is_empty() || mode.contains(|c: char| !c.is_ascii_alphanumeric()))
        {
            return Err(InvalidInput::new(
                "mode",
                format!("must be individual, mix or web (got {mode:?})"),
            ));
        }
        Ok(())
    }
}
