//! The extension services of `web` mode (`extensionServiceConfig`): web
//! page recording and pushing it to a CDN.

use serde::de::Error as _;
use serde::ser::SerializeMap as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::InvalidInput;
use crate::values::string_enum;

use super::path::{FieldPath, at};
use super::recording::AudioProfile;
use super::{check_range, check_resolution};

// ---------------------------------------------------------------------------
// Extension services (web mode).

/// The extension services of `web` mode (`extensionServiceConfig`): web
/// page recording, and pushing it to a CDN.
///
/// ```
/// use agora_api::cloud_recording::{
///     AudioProfile, ExtensionService, ExtensionServiceConfig, RtmpOutput, WebRecorderParam,
/// };
/// let config = ExtensionServiceConfig::new(vec![
///     ExtensionService::web_recorder(WebRecorderParam::new(
///         "https://example.com/class/42", AudioProfile::MusicStandard, 1280, 720, 3,
///     )),
///     ExtensionService::rtmp_publish(vec![RtmpOutput::new("rtmp://cdn.example.com/live/42")]),
/// ]);
/// let json = serde_json::to_value(&config)?;
/// assert_eq!(json["extensionServices"][1]["serviceName"], "rtmp_publish_service");
/// assert_eq!(json["extensionServices"][0]["serviceParam"]["videoWidth"], 1280);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ExtensionServiceConfig {
    /// What an extension service's error does to the rest: only
    /// [`ErrorHandlePolicy::ErrorAbort`] (the default) is supported here.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error_handle_policy: Option<ErrorHandlePolicy>,
    /// The services.
    pub extension_services: Vec<ExtensionService>,
}

impl ExtensionServiceConfig {
    /// The `services`, with the default error policy.
    pub fn new(services: Vec<ExtensionService>) -> Self {
        ExtensionServiceConfig {
            error_handle_policy: None,
            extension_services: services,
        }
    }

    pub(super) fn check(&self, parent: &FieldPath<'_>) -> Result<(), InvalidInput> {
        if self.error_handle_policy == Some(ErrorHandlePolicy::ErrorIgnore) {
            return Err(InvalidInput::new(
                at(parent, "errorHandlePolicy"),
                "only \"error_abort\" is supported for the whole configuration",
            ));
        }
        let field = at(parent, "extensionServices");
        for (index, service) in self.extension_services.iter().enumerate() {
            service.check(&field.index(index))?;
        }
        Ok(())
    }
}

string_enum! {
    /// What an extension service's error does (`errorHandlePolicy`).
    pub enum ErrorHandlePolicy {
        /// Stop the other services too (default for web page recording).
        ErrorAbort = "error_abort",
        /// Leave the other services running (default for CDN push).
        ErrorIgnore = "error_ignore",
    }
}

/// One extension service (`extensionServices[]`): its name on the wire
/// (`serviceName`) follows from its [`ServiceParam`], so the two cannot
/// disagree.
#[derive(Debug, Clone, PartialEq)]
pub struct ExtensionService {
    /// What an error of this service does to the others.
    pub error_handle_policy: Option<ErrorHandlePolicy>,
    /// The service and its settings.
    pub service_param: ServiceParam,
}

impl ExtensionService {
    /// Web page recording (`web_recorder_service`).
    pub fn web_recorder(param: WebRecorderParam) -> Self {
        ExtensionService {
            error_handle_policy: None,
            service_param: ServiceParam::WebRecorder(param),
        }
    }

    /// Pushing the web page recording to a CDN (`rtmp_publish_service`).
    pub fn rtmp_publish(outputs: Vec<RtmpOutput>) -> Self {
        ExtensionService {
            error_handle_policy: None,
            service_param: ServiceParam::RtmpPublish(RtmpPublishParam { outputs }),
        }
    }

    /// The same service with `policy` for its errors.
    #[must_use]
    pub fn with_error_handle_policy(mut self, policy: ErrorHandlePolicy) -> Self {
        self.error_handle_policy = Some(policy);
        self
    }

    /// The service's name on the wire (`serviceName`).
    pub fn service_name(&self) -> &str {
        self.service_param.service_name()
    }

    fn check(&self, parent: &FieldPath<'_>) -> Result<(), InvalidInput> {
        let param_at = at(parent, "serviceParam");
        match &self.service_param {
            ServiceParam::WebRecorder(param) => param.check(&param_at),
            ServiceParam::RtmpPublish(param) => check_outputs(&param.outputs, &param_at),
            ServiceParam::Other { service_name, .. } => {
                if service_name.is_empty() {
                    return Err(InvalidInput::new(
                        at(parent, "serviceName"),
                        "must not be empty",
                    ));
                }
                Ok(())
            }
        }
    }
}

impl Serialize for ExtensionService {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let len = if self.error_handle_policy.is_some() {
            3
        } else {
            2
        };
        let mut map = serializer.serialize_map(Some(len))?;
        map.serialize_entry("serviceName", self.service_name())?;
        if let Some(policy) = &self.error_handle_policy {
            map.serialize_entry("errorHandlePolicy", policy)?;
        }
        match &self.service_param {
            ServiceParam::WebRecorder(param) => map.serialize_entry("serviceParam", param)?,
            ServiceParam::RtmpPublish(param) => map.serialize_entry("serviceParam", param)?,
            ServiceParam::Other { service_param, .. } => {
                map.serialize_entry("serviceParam", service_param)?;
            }
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for ExtensionService {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(rename_all = "camelCase")]
        struct Wire {
            service_name: String,
            #[serde(default)]
            error_handle_policy: Option<ErrorHandlePolicy>,
            service_param: serde_json::Value,
        }
        let wire = Wire::deserialize(deserializer)?;
        let service_param = match wire.service_name.as_str() {
            WEB_RECORDER_SERVICE => ServiceParam::WebRecorder(
                serde_json::from_value(wire.service_param).map_err(D::Error::custom)?,
            ),
            RTMP_PUBLISH_SERVICE => ServiceParam::RtmpPublish(
                serde_json::from_value(wire.service_param).map_err(D::Error::custom)?,
            ),
            _ => ServiceParam::Other {
                service_name: wire.service_name,
                service_param: wire.service_param,
            },
        };
        Ok(ExtensionService {
            error_handle_policy: wire.error_handle_policy,
            service_param,
        })
    }
}

/// `serviceName` of web page recording.
pub(in crate::cloud_recording) const WEB_RECORDER_SERVICE: &str = "web_recorder_service";
/// `serviceName` of pushing web page recording to a CDN.
pub(in crate::cloud_recording) const RTMP_PUBLISH_SERVICE: &str = "rtmp_publish_service";

/// An extension service and its settings (`serviceParam`).
#[derive(Debug, Clone, PartialEq)]
pub enum ServiceParam {
    /// `web_recorder_service`: record a web page.
    WebRecorder(WebRecorderParam),
    /// `rtmp_publish_service`: push the web page recording to a CDN.
    RtmpPublish(RtmpPublishParam),
    /// A service this version of the crate does not know, sent as given.
    Other {
        /// Its `serviceName`.
        service_name: String,
        /// Its `serviceParam`.
        service_param: serde_json::Value,
    },
}

impl ServiceParam {
    /// The service's `serviceName`.
    pub fn service_name(&self) -> &str {
        match self {
            ServiceParam::WebRecorder(_) => WEB_RECORDER_SERVICE,
            ServiceParam::RtmpPublish(_) => RTMP_PUBLISH_SERVICE,
            ServiceParam::Other { service_name, .. } => service_name,
        }
    }
}

/// The settings of web page recording (`serviceParam` of
/// `web_recorder_service`).
///
/// `video_width × video_height` may be at most 1920 × 1080;
/// `max_recording_hour` is 1 to 720 (keep it within the acquire's
/// `resourceExpiredHour`; recording is billed until it stops).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WebRecorderParam {
    /// The page to record.
    pub url: String,
    /// The audio output.
    pub audio_profile: AudioProfile,
    /// Output width in pixels.
    pub video_width: u32,
    /// Output height in pixels.
    pub video_height: u32,
    /// Hours after which recording stops by itself: 1 to 720.
    pub max_recording_hour: u32,
    /// Output bitrate in Kbps (default 2000 from 1280 × 720 up, 1500
    /// below).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub video_bitrate: Option<u32>,
    /// Output frame rate: 5 to 60, default 15.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub video_fps: Option<u32>,
    /// Render the page as a mobile browser would (default `false`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mobile: Option<bool>,
    /// Minutes per MP4 file: 30 to 240, default 120.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_video_duration: Option<u32>,
    /// Start paused: the page is loaded and rendered but not recorded
    /// until an [`Update`](crate::cloud_recording::Update) sets `onhold` to `false`
    /// (default `false`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub onhold: Option<bool>,
    /// Seconds to wait for the page to load before giving up: 0 (do not
    /// check, default) to 60.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ready_timeout: Option<u32>,
    /// The output container and audio settings (in Agora's OpenAPI
    /// document only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub container: Option<WebRecorderContainer>,
}

impl WebRecorderParam {
    /// Recording of `url` at `video_width × video_height` for at most
    /// `max_recording_hour` hours.
    pub fn new(
        url: impl Into<String>,
        audio_profile: AudioProfile,
        video_width: u32,
        video_height: u32,
        max_recording_hour: u32,
    ) -> Self {
        WebRecorderParam {
            url: url.into(),
            audio_profile,
            video_width,
            video_height,
            max_recording_hour,
            video_bitrate: None,
            video_fps: None,
            mobile: None,
            max_video_duration: None,
            onhold: None,
            ready_timeout: None,
            container: None,
        }
    }

    fn check(&self, parent: &FieldPath<'_>) -> Result<(), InvalidInput> {
        self.audio_profile.check(|| at(parent, "audioProfile"))?;
        check_resolution(
            self.video_width,
            self.video_height,
            || at(parent, "videoWidth"),
            "videoWidth × videoHeight",
        )?;
        check_range(
            Some(self.max_recording_hour),
            1..=720,
            || at(parent, "maxRecordingHour"),
            " hours",
        )?;
        check_range(self.video_fps, 5..=60, || at(parent, "videoFps"), " fps")?;
        check_range(
            self.max_video_duration,
            30..=240,
            || at(parent, "maxVideoDuration"),
            " minutes",
        )?;
        check_range(
            self.ready_timeout,
            0..=60,
            || at(parent, "readyTimeout"),
            " seconds",
        )
    }
}

/// The output container of web page recording (`serviceParam.container`,
/// as Agora's OpenAPI document lists it).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WebRecorderContainer {
    /// The container format, such as `mp4`, `mp3`, `m4a` or `aac`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub format: Option<String>,
    /// The audio sample rate in Hz.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sample_rate: Option<String>,
    /// The audio bitrate in Kbps.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bitrate: Option<String>,
    /// The number of audio channels.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub channels: Option<String>,
}

/// The settings of pushing web page recording to a CDN (`serviceParam` of
/// `rtmp_publish_service`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RtmpPublishParam {
    /// Where to push: at most one CDN address, `rtmp://` or `rtmps://`.
    pub outputs: Vec<RtmpOutput>,
}

/// One CDN address to push to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RtmpOutput {
    /// The address: `rtmp://` or `rtmps://`.
    pub rtmp_url: String,
}

impl RtmpOutput {
    /// Push to `rtmp_url`.
    pub fn new(rtmp_url: impl Into<String>) -> Self {
        RtmpOutput {
            rtmp_url: rtmp_url.into(),
        }
    }
}

/// Checks CDN outputs: at most one, each `rtmp://` or `rtmps://`.
pub(super) fn check_outputs(
    outputs: &[RtmpOutput],
    parent: &FieldPath<'_>,
) -> Result<(), InvalidInput> {
    let field = at(parent, "outputs");
    if outputs.len() > 1 {
        return Err(InvalidInput::new(
            field,
            format!(
                "must hold at most one CDN address: Agora pushes one stream at a time (got {})",
                outputs.len()
            ),
        ));
    }
    for (index, output) in outputs.iter().enumerate() {
        let url = output.rtmp_url.as_bytes();
        let scheme = |scheme: &str| {
            url.get(..scheme.len())
                .is_some_and(|start| start.eq_ignore_ascii_case(scheme.as_bytes()))
        };
        if !(scheme("rtmp://") || scheme("rtmps://")) {
            return Err(InvalidInput::new(
                at(&field.index(index), "rtmpUrl"),
                "must be an rtmp:// or rtmps:// URL",
            ));
        }
    }
    Ok(())
}
