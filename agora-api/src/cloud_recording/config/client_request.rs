//! The `clientRequest` bodies of the session endpoints (acquire, start,
//! update, updateLayout, stop) and the members only they hold.

use serde::{Deserialize, Serialize};

use crate::auth::Secret;
use crate::error::InvalidInput;
use crate::types::UidString;
use crate::values::{int_enum, string_enum};

use super::extension::{ExtensionServiceConfig, RtmpOutput, check_outputs};
use super::files::{RecordingFileConfig, SnapshotConfig};
use super::path::{FieldPath, at};
use super::recording::{
    Layout, LayoutRegion, MixedVideoLayout, RecordingConfig, StreamTypes, UserBackground,
    check_layout,
};
use super::storage::StorageConfig;
use super::{check_exclusive, check_range, check_uid_list};

// ---------------------------------------------------------------------------
// acquire.

/// The `clientRequest` of [`Acquire`](crate::cloud_recording::Acquire): settings of the
/// resource to acquire; every field is optional.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AcquireClientRequest {
    /// What the resource records: [`Scene::Rtc`] (default) for
    /// `individual` and `mix` modes, [`Scene::Web`] for `web` mode.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scene: Option<Scene>,
    /// For how many hours after `start` the session's REST calls (query,
    /// update, updateLayout, stop) are accepted: 1 to 720, default 72.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resource_expired_hour: Option<u16>,
    /// Resource IDs of other sessions, so this one uses a different region
    /// (multi-region recording of one channel).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exclude_resource_ids: Option<Vec<String>>,
    /// Keep the recording service in this region. Cloud storage set in
    /// `start` must be in the same region.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<RecordingRegion>,
    /// The settings the `start` call will use, given early to improve
    /// availability; they must match `start`'s `clientRequest`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_parameter: Option<StartParameter>,
}

impl AcquireClientRequest {
    pub(in crate::cloud_recording) fn check(
        &self,
        parent: &FieldPath<'_>,
    ) -> Result<(), InvalidInput> {
        check_range(
            self.resource_expired_hour,
            1..=720,
            || at(parent, "resourceExpiredHour"),
            " hours",
        )?;
        if let Some(start) = &self.start_parameter {
            start.check(&at(parent, "startParameter"))?;
        }
        Ok(())
    }
}

int_enum! {
    /// What a cloud recording resource records (`clientRequest.scene`).
    pub enum Scene {
        /// Real-time audio and video of an RTC channel (`individual` and
        /// `mix` modes).
        Rtc = 0,
        /// A web page (`web` mode).
        Web = 1,
    }
}

string_enum! {
    /// A region the recording service can be kept in.
    pub enum RecordingRegion {
        /// Mainland China.
        China = "CN",
        /// Asia outside mainland China.
        Asia = "AP",
        /// Europe.
        Europe = "EU",
        /// North America.
        NorthAmerica = "NA",
    }
}

// ---------------------------------------------------------------------------
// start (and acquire's startParameter).

/// The `clientRequest` of [`Start`](crate::cloud_recording::Start), also sent early as
/// `clientRequest.startParameter` of [`Acquire`](crate::cloud_recording::Acquire) (see
/// [`StartParameter`]).
///
/// Which parts apply depends on the mode: `recordingConfig` in
/// `individual` and `mix` modes (its `transcodingConfig` and
/// `audioProfile` in `mix` mode only, its `streamMode` in `individual`
/// mode only), `snapshotConfig` in `individual` mode only,
/// `extensionServiceConfig` in `web` mode only.
///
/// ```
/// use agora_api::cloud_recording::{
///     AvFileType, ChannelType, RecordingConfig, RecordingFileConfig, StartClientRequest,
///     StorageConfig, StorageVendor,
/// };
/// let request = StartClientRequest {
///     token: Some("007eJxT...".into()),
///     recording_config: Some(RecordingConfig {
///         max_idle_time: Some(30),
///         ..RecordingConfig::new(ChannelType::LiveBroadcasting)
///     }),
///     recording_file_config: Some(RecordingFileConfig {
///         av_file_type: Some(vec![AvFileType::Hls, AvFileType::Mp4]),
///     }),
///     ..StartClientRequest::new(StorageConfig::new(
///         StorageVendor::AmazonS3, 0, "bucket", "access-key", "secret-key",
///     ))
/// };
/// assert!(!format!("{request:?}").contains("secret-key"));
/// ```
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StartClientRequest {
    /// The RTC token the recorder joins the channel with, when the project
    /// uses an App Certificate (`individual` and `mix` modes). Tokens are
    /// not renewed during a recording: make it outlive the session. A
    /// secret.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub token: Option<Secret>,
    /// Where recorded files are uploaded.
    pub storage_config: StorageConfig,
    /// Which streams to subscribe to and how to record them
    /// (`individual` and `mix` modes).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recording_config: Option<RecordingConfig>,
    /// Which files to produce. Leave it out when only taking screenshots;
    /// set it in every other case.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recording_file_config: Option<RecordingFileConfig>,
    /// Screenshots (`individual` mode only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub snapshot_config: Option<SnapshotConfig>,
    /// Extension services: web page recording and pushing it to a CDN
    /// (`web` mode only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub extension_service_config: Option<ExtensionServiceConfig>,
}

/// The `clientRequest.startParameter` of [`Acquire`]: the same settings as
/// [`Start`]'s `clientRequest`, given early.
///
/// [`Acquire`]: crate::cloud_recording::Acquire
/// [`Start`]: crate::cloud_recording::Start
pub type StartParameter = StartClientRequest;

impl StartClientRequest {
    /// Settings with the storage only.
    pub fn new(storage_config: StorageConfig) -> Self {
        StartClientRequest {
            token: None,
            storage_config,
            recording_config: None,
            recording_file_config: None,
            snapshot_config: None,
            extension_service_config: None,
        }
    }

    pub(in crate::cloud_recording) fn check(
        &self,
        parent: &FieldPath<'_>,
    ) -> Result<(), InvalidInput> {
        self.storage_config.check(&at(parent, "storageConfig"))?;
        let recording_at = at(parent, "recordingConfig");
        if let Some(recording) = &self.recording_config {
            recording.check(&recording_at)?;
        }
        if let Some(files) = &self.recording_file_config {
            files.check(&at(parent, "recordingFileConfig"))?;
        }
        if let Some(snapshot) = &self.snapshot_config {
            snapshot.check(&at(parent, "snapshotConfig"))?;
            if let Some(recording) = &self.recording_config {
                if recording.stream_types == Some(StreamTypes::Audio) {
                    return Err(InvalidInput::new(
                        at(&recording_at, "streamTypes"),
                        "must be 1 (video) or 2 (audio and video) when snapshotConfig is set",
                    ));
                }
                if recording.subscribe_audio_uids.is_some()
                    && recording.subscribe_video_uids.is_none()
                {
                    return Err(InvalidInput::new(
                        at(&recording_at, "subscribeVideoUids"),
                        "must be set when snapshotConfig and subscribeAudioUids are",
                    ));
                }
            }
        }
        if let Some(extensions) = &self.extension_service_config {
            extensions.check(&at(parent, "extensionServiceConfig"))?;
        }
        Ok(())
    }
}

// ---------------------------------------------------------------------------
// update.

/// The `clientRequest` of [`Update`](crate::cloud_recording::Update): what to change in a
/// running session; every member is optional.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UpdateClientRequest {
    /// New subscription lists (`individual` and `mix` modes).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stream_subscribe: Option<StreamSubscribe>,
    /// Pause or resume web page recording (`web` mode).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub web_recording_config: Option<WebRecordingUpdate>,
    /// A new CDN address for the web page recording push (`web` mode).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rtmp_publish_config: Option<RtmpPublishUpdate>,
    /// New storage settings, such as a fresh `stsToken`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub storage_config: Option<StorageConfig>,
}

impl UpdateClientRequest {
    pub(in crate::cloud_recording) fn check(
        &self,
        parent: &FieldPath<'_>,
    ) -> Result<(), InvalidInput> {
        if let Some(subscribe) = &self.stream_subscribe {
            subscribe.check(&at(parent, "streamSubscribe"))?;
        }
        if let Some(publish) = &self.rtmp_publish_config
            && let Some(outputs) = &publish.outputs
        {
            check_outputs(outputs, &at(parent, "rtmpPublishConfig"))?;
        }
        if let Some(storage) = &self.storage_config {
            storage.check(&at(parent, "storageConfig"))?;
        }
        Ok(())
    }
}

/// New subscription lists (`streamSubscribe`).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StreamSubscribe {
    /// Audio (when `streamTypes` is audio or both).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub audio_uid_list: Option<AudioUidList>,
    /// Video (when `streamTypes` is video or both).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub video_uid_list: Option<VideoUidList>,
}

impl StreamSubscribe {
    fn check(&self, parent: &FieldPath<'_>) -> Result<(), InvalidInput> {
        if let Some(audio) = &self.audio_uid_list {
            let parent = at(parent, "audioUidList");
            check_exclusive(
                audio.subscribe_audio_uids.as_ref(),
                audio.unsubscribe_audio_uids.as_ref(),
                &parent,
                "subscribeAudioUids",
                "unsubscribeAudioUids",
            )?;
            check_uid_list(
                audio.subscribe_audio_uids.as_ref(),
                || at(&parent, "subscribeAudioUids"),
                true,
            )?;
            check_uid_list(
                audio.unsubscribe_audio_uids.as_ref(),
                || at(&parent, "unsubscribeAudioUids"),
                false,
            )?;
        }
        if let Some(video) = &self.video_uid_list {
            let parent = at(parent, "videoUidList");
            check_exclusive(
                video.subscribe_video_uids.as_ref(),
                video.unsubscribe_video_uids.as_ref(),
                &parent,
                "subscribeVideoUids",
                "unsubscribeVideoUids",
            )?;
            check_uid_list(
                video.subscribe_video_uids.as_ref(),
                || at(&parent, "subscribeVideoUids"),
                true,
            )?;
            check_uid_list(
                video.unsubscribe_video_uids.as_ref(),
                || at(&parent, "unsubscribeVideoUids"),
                false,
            )?;
        }
        Ok(())
    }
}

/// The audio subscription (`audioUidList`): one of the two lists.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AudioUidList {
    /// Audio streams to record: at most 32 UIDs, or `["#allstream#"]`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subscribe_audio_uids: Option<Vec<String>>,
    /// Audio streams not to record: at most 32 UIDs. Sent as
    /// `unsubscribeAudioUids`; `unSubscribeAudioUids` is accepted when
    /// decoding.
    #[serde(
        skip_serializing_if = "Option::is_none",
        alias = "unSubscribeAudioUids"
    )]
    pub unsubscribe_audio_uids: Option<Vec<String>>,
}

/// The video subscription (`videoUidList`): one of the two lists.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct VideoUidList {
    /// Video streams to record: at most 32 UIDs, or `["#allstream#"]`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subscribe_video_uids: Option<Vec<String>>,
    /// Video streams not to record: at most 32 UIDs. Sent as
    /// `unsubscribeVideoUids`; `unSubscribeVideoUids` is accepted when
    /// decoding.
    #[serde(
        skip_serializing_if = "Option::is_none",
        alias = "unSubscribeVideoUids"
    )]
    pub unsubscribe_video_uids: Option<Vec<String>>,
}

/// Pause or resume web page recording (`webRecordingConfig`). Wait for
/// each update's answer before sending the next.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct WebRecordingUpdate {
    /// `true` pauses (no slice files), `false` resumes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub onhold: Option<bool>,
}

/// A new CDN push address (`rtmpPublishConfig`).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct RtmpPublishUpdate {
    /// Where to push: at most one address, `rtmp://` or `rtmps://`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outputs: Option<Vec<RtmpOutput>>,
}

// ---------------------------------------------------------------------------
// updateLayout.

/// The `clientRequest` of [`UpdateLayout`](crate::cloud_recording::UpdateLayout): the
/// complete new layout of `mix` mode. Each call replaces every layout
/// setting: a member left out returns to its default.
///
/// Rules: [`MixedVideoLayout::Vertical`] needs `max_resolution_uid`; a
/// custom layout has at most 17 regions, each position, size and `alpha`
/// from 0 to 1; `background_color` is `#RRGGBB`; background images are
/// HTTPS URLs.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UpdateLayoutClientRequest {
    /// The layout (default [`MixedVideoLayout::Floating`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mixed_video_layout: Option<MixedVideoLayout>,
    /// The UID in the large window; required with
    /// [`MixedVideoLayout::Vertical`].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_resolution_uid: Option<UidString>,
    /// The canvas colour, `#RRGGBB` (default `#000000`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub background_color: Option<String>,
    /// The URL of a canvas image, scaled and cropped to fill it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub background_image: Option<String>,
    /// The URL of the image shown for a user who stops sending video for
    /// over 3.5 seconds (unless `background_config` sets one).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default_user_background_image: Option<String>,
    /// The regions of [`MixedVideoLayout::Custom`]: at most 17.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub layout_config: Option<Vec<LayoutRegion>>,
    /// Per-user background images.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub background_config: Option<Vec<UserBackground>>,
}

impl UpdateLayoutClientRequest {
    pub(in crate::cloud_recording) fn check(
        &self,
        parent: &FieldPath<'_>,
    ) -> Result<(), InvalidInput> {
        check_layout(
            parent,
            Layout {
                mixed_video_layout: self.mixed_video_layout,
                max_resolution_uid: self.max_resolution_uid.as_ref(),
                background_color: self.background_color.as_deref(),
                layout_config: self.layout_config.as_deref(),
                background_config: self.background_config.as_deref(),
            },
        )
    }
}

// ---------------------------------------------------------------------------
// stop.

/// The `clientRequest` of [`Stop`](crate::cloud_recording::Stop).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct StopClientRequest {
    /// `true`: answer at once, without waiting for the uploads. `false`
    /// (default): answer once every file is uploaded (Agora expects 20
    /// seconds at most, else code 50).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub async_stop: Option<bool>,
}
