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

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::InvalidInput;
use crate::open_enum::string_enum;

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

/// Defines a validated identifier issued by Agora: non-empty, without
/// whitespace or control characters (it goes in a URL path).
macro_rules! agora_id {
    (
        $(#[$meta:meta])*
        $name:ident, field = $field:literal
    ) => {
        $(#[$meta])*
        #[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(Box<str>);

        impl $name {
            /// Checks `value`: non-empty, no whitespace or control
            /// characters.
            pub fn new(value: impl AsRef<str> + Into<String>) -> Result<Self, InvalidInput> {
                let text = value.as_ref();
                if text.is_empty() {
                    return Err(InvalidInput::new($field, "must not be empty"));
                }
                if text.chars().any(|c| c.is_whitespace() || c.is_control()) {
                    return Err(InvalidInput::new(
                        $field,
                        "must not contain whitespace or control characters",
                    ));
                }
                Ok($name(value.into().into_boxed_str()))
            }

            /// The identifier as text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}({:?})", stringify!($name), &*self.0)
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl FromStr for $name {
            type Err = InvalidInput;
            fn from_str(value: &str) -> Result<Self, InvalidInput> {
                $name::new(value)
            }
        }

        impl TryFrom<&str> for $name {
            type Error = InvalidInput;
            fn try_from(value: &str) -> Result<Self, InvalidInput> {
                $name::new(value)
            }
        }

        impl TryFrom<String> for $name {
            type Error = InvalidInput;
            fn try_from(value: String) -> Result<Self, InvalidInput> {
                $name::new(value)
            }
        }

        impl From<$name> for String {
            fn from(value: $name) -> String {
                value.0.into()
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                &*self.0 == other
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                &*self.0 == *other
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(&self.0)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = String::deserialize(deserializer)?;
                $name::new(value).map_err(serde::de::Error::custom)
            }
        }
    };
}

agora_id! {
    /// A cloud recording resource ID, from [`Acquire`]'s answer.
    ///
    /// ```
    /// use agora_api::cloud_recording::ResourceId;
    /// let id: ResourceId = "JyvK8nXHuV1BE".parse()?;
    /// assert_eq!(id, "JyvK8nXHuV1BE");
    /// assert!(ResourceId::new("").is_err());
    /// # Ok::<(), agora_api::InvalidInput>(())
    /// ```
    ResourceId, field = "resourceid"
}

agora_id! {
    /// A recording ID (`sid`), from [`Start`]'s answer.
    ///
    /// ```
    /// use agora_api::cloud_recording::Sid;
    /// let sid = Sid::new("38f8e3cfdc474cd56fc1ceba380d7e1a")?;
    /// assert_eq!(sid.to_string(), "38f8e3cfdc474cd56fc1ceba380d7e1a");
    /// assert!(Sid::new("a b").is_err());
    /// # Ok::<(), agora_api::InvalidInput>(())
    /// ```
    Sid, field = "sid"
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
