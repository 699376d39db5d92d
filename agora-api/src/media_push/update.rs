//! What an update may change, and the `fields` mask that names it.
//!
//! Agora's Update takes the create body's shape with only some members:
//! not `name`, `idleTimeout`, `rtcChannel`, the audio codec settings, nor
//! the video `codec` and `codecProfile`. Those have no place in these
//! types, so they cannot be sent. The mask lists every member the update
//! sets (`transcodeOptions.videoOptions.canvas,...`);
//! [`ConverterUpdate::field_mask`] writes it.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::InvalidInput;
use crate::{FieldPath, Validate};

use super::options::{RtmpUrl, UserVolume, check_range, check_volumes};
use super::video::{Canvas, LayoutItem, SeiOptions, check_layout};

/// The members a converter update sets: what
/// [`UpdateConverter`](super::UpdateConverter) sends as `converter`.
///
/// A converter without transcoding, or with the vertical layout, takes
/// `rtmpUrl` only.
///
/// ```
/// use agora_api::media_push::{ConverterUpdate, RtmpUrl};
/// let update = ConverterUpdate::rtmp_url(RtmpUrl::new("rtmp://example.agora.io/live/show68_backup")?);
/// assert_eq!(update.field_mask().to_string(), "rtmpUrl");
/// # Ok::<(), agora_api::InvalidInput>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ConverterUpdate {
    /// The transcoding members that change.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub transcode_options: Option<TranscodeUpdate>,
    /// A new CDN address.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rtmp_url: Option<RtmpUrl>,
    /// A new jitter buffer, milliseconds, 0 to 1000.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub jitter_buffer_size_ms: Option<u32>,
}

impl ConverterUpdate {
    /// An update of the CDN address only, which every converter takes.
    pub fn rtmp_url(url: RtmpUrl) -> Self {
        ConverterUpdate {
            rtmp_url: Some(url),
            ..ConverterUpdate::default()
        }
    }

    /// The paths of every member set, in the order of the body: the
    /// `fields` mask that goes with it.
    ///
    /// ```
    /// use agora_api::media_push::{Canvas, ConverterUpdate, TranscodeUpdate, VideoUpdate};
    /// let update = ConverterUpdate {
    ///     transcode_options: Some(TranscodeUpdate {
    ///         video_options: Some(VideoUpdate {
    ///             canvas: Some(Canvas::new(360, 640)),
    ///             bitrate: Some(800),
    ///             ..VideoUpdate::default()
    ///         }),
    ///         ..TranscodeUpdate::default()
    ///     }),
    ///     ..ConverterUpdate::default()
    /// };
    /// assert_eq!(
    ///     update.field_mask().to_string(),
    ///     "transcodeOptions.videoOptions.canvas,transcodeOptions.videoOptions.bitrate"
    /// );
    /// ```
    pub fn field_mask(&self) -> FieldMask {
        FieldMask(self.set_paths().into_iter().map(str::to_owned).collect())
    }

    /// Whether it sets anything but `rtmpUrl`.
    pub fn changes_more_than_rtmp_url(&self) -> bool {
        self.set_paths().iter().any(|path| *path != "rtmpUrl")
    }

    /// The leaf paths set, in body order.
    pub(crate) fn set_paths(&self) -> Vec<&'static str> {
        let mut paths = Vec::new();
        if let Some(transcode) = &self.transcode_options {
            if let Some(audio) = &transcode.audio_options {
                if audio.rtc_stream_uids.is_some() {
                    paths.push("transcodeOptions.audioOptions.rtcStreamUids");
                }
                if audio.volumes.is_some() {
                    paths.push("transcodeOptions.audioOptions.volumes");
                }
            }
            if let Some(video) = &transcode.video_options {
                let members: [(bool, &'static str); 7] = [
                    (
                        video.canvas.is_some(),
                        "transcodeOptions.videoOptions.canvas",
                    ),
                    (
                        video.layout.is_some(),
                        "transcodeOptions.videoOptions.layout",
                    ),
                    (
                        video.default_placeholder_image_url.is_some(),
                        "transcodeOptions.videoOptions.defaultPlaceholderImageUrl",
                    ),
                    (
                        video.bitrate.is_some(),
                        "transcodeOptions.videoOptions.bitrate",
                    ),
                    (
                        video.frame_rate.is_some(),
                        "transcodeOptions.videoOptions.frameRate",
                    ),
                    (video.gop.is_some(), "transcodeOptions.videoOptions.gop"),
                    (
                        video.sei_options.is_some(),
                        "transcodeOptions.videoOptions.seiOptions",
                    ),
                ];
                paths.extend(
                    members
                        .into_iter()
                        .filter(|(set, _)| *set)
                        .map(|(_, path)| path),
                );
            }
        }
        if self.rtmp_url.is_some() {
            paths.push("rtmpUrl");
        }
        if self.jitter_buffer_size_ms.is_some() {
            paths.push("jitterBufferSizeMs");
        }
        paths
    }

    /// Checks `mask` against what the update sets: every path names a
    /// member that can change and that the update sets (or an object
    /// holding such members), and every member set is named.
    pub(crate) fn check_mask(&self, mask: &FieldMask) -> Result<(), InvalidInput> {
        let invalid = |rule: String| InvalidInput::new("fields", rule);
        if mask.0.is_empty() {
            return Err(invalid("must name at least one member".into()));
        }
        let set = self.set_paths();
        for path in &mask.0 {
            let updatable = UPDATABLE.iter().any(|leaf| covers(path, leaf));
            if !updatable {
                return Err(invalid(format!(
                    "names {path:?}, which Agora does not let an update change"
                )));
            }
            if !set.iter().any(|leaf| covers(path, leaf)) {
                return Err(invalid(format!(
                    "names {path:?}, which the update does not set"
                )));
            }
        }
        if let Some(unnamed) = set
            .iter()
            .find(|leaf| !mask.0.iter().any(|path| covers(path, leaf)))
        {
            return Err(invalid(format!(
                "does not name {unnamed:?}, which the update sets"
            )));
        }
        Ok(())
    }
}

/// Every member an update may change.
const UPDATABLE: [&str; 11] = [
    "transcodeOptions.audioOptions.rtcStreamUids",
    "transcodeOptions.audioOptions.volumes",
    "transcodeOptions.videoOptions.canvas",
    "transcodeOptions.videoOptions.layout",
    "transcodeOptions.videoOptions.defaultPlaceholderImageUrl",
    "transcodeOptions.videoOptions.bitrate",
    "transcodeOptions.videoOptions.frameRate",
    "transcodeOptions.videoOptions.gop",
    "transcodeOptions.videoOptions.seiOptions",
    "rtmpUrl",
    "jitterBufferSizeMs",
];

/// Whether mask path `path` selects `leaf`: it is the leaf or one of the
/// objects holding it.
fn covers(path: &str, leaf: &str) -> bool {
    leaf == path
        || leaf
            .strip_prefix(path)
            .is_some_and(|rest| rest.starts_with('.'))
}

impl Validate for ConverterUpdate {
    fn validate(&self, at: &FieldPath<'_>) -> Result<(), InvalidInput> {
        if let Some(transcode) = &self.transcode_options {
            let at = at.member("transcodeOptions");
            if let Some(audio) = &transcode.audio_options {
                check_volumes(
                    audio.volumes.as_deref(),
                    audio.rtc_stream_uids.as_deref(),
                    &at.member("audioOptions"),
                )?;
            }
            if let Some(video) = &transcode.video_options {
                let at = at.member("videoOptions");
                if let Some(canvas) = &video.canvas {
                    canvas.validate(&at.member("canvas"))?;
                }
                check_layout(video.layout.as_deref(), &at)?;
                check_range(video.bitrate, 1..=10_000, || {
                    at.member("bitrate").to_string()
                })?;
                check_range(video.frame_rate, 1..=30, || {
                    at.member("frameRate").to_string()
                })?;
                if let Some(sei) = &video.sei_options {
                    sei.validate(&at.member("seiOptions"))?;
                }
            }
        }
        check_range(self.jitter_buffer_size_ms, 0..=1000, || {
            at.member("jitterBufferSizeMs").to_string()
        })
    }
}

/// `transcodeOptions` of an update.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TranscodeUpdate {
    /// Who is mixed, and how loud.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub audio_options: Option<AudioUpdate>,
    /// The video mix.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub video_options: Option<VideoUpdate>,
}

/// `audioOptions` of an update: the mixed users and their volumes (every
/// volume not given goes back to 100).
///
/// The reference page lists `transcodeOptions.audioOptions` among what
/// an update cannot change, and tells to change volumes through an
/// update; the OpenAPI document's update schema takes `rtcStreamUids` and
/// `volumes` here, and nothing else of `audioOptions`. Those two are what
/// this type holds (`specs/media-push.json`, exception
/// `update-audio-options`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AudioUpdate {
    /// The users mixed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rtc_stream_uids: Option<Vec<u32>>,
    /// Their volumes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub volumes: Option<Vec<UserVolume>>,
}

/// `videoOptions` of an update: every member optional; `codec` and
/// `codecProfile` cannot change.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct VideoUpdate {
    /// A new canvas.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub canvas: Option<Canvas>,
    /// A new layout.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub layout: Option<Vec<LayoutItem>>,
    /// A new placeholder picture.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default_placeholder_image_url: Option<String>,
    /// Kbps, 1 to 10000.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bitrate: Option<u32>,
    /// Frames per second, 1 to 30.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub frame_rate: Option<u32>,
    /// Frames between key frames.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gop: Option<u32>,
    /// New SEI settings.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sei_options: Option<SeiOptions>,
}

/// A field mask in protobuf `FieldMask` syntax: comma-separated dotted
/// paths (`transcodeOptions.videoOptions.canvas,rtmpUrl`), sent and
/// answered as one string.
///
/// ```
/// use agora_api::media_push::FieldMask;
/// let mask: FieldMask = "id,createTs,updateTs,state".parse()?;
/// assert_eq!(mask.paths().len(), 4);
/// assert!(mask.contains("state"));
/// assert!("a,,b".parse::<FieldMask>().is_err());
/// # Ok::<(), agora_api::InvalidInput>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct FieldMask(Vec<String>);

impl FieldMask {
    /// A mask of `paths`; each must be dotted names of ASCII letters,
    /// digits and `_`.
    pub fn new<I>(paths: I) -> Result<Self, InvalidInput>
    where
        I: IntoIterator,
        I::Item: Into<String>,
    {
        let paths: Vec<String> = paths.into_iter().map(Into::into).collect();
        for path in &paths {
            let valid = path.split('.').all(|name| {
                !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
            });
            if !valid {
                return Err(InvalidInput::new(
                    "fields",
                    format!("{path:?} is not a dotted path of names"),
                ));
            }
        }
        Ok(FieldMask(paths))
    }

    /// The paths, in order.
    pub fn paths(&self) -> &[String] {
        &self.0
    }

    /// Whether `path` is one of them.
    pub fn contains(&self, path: &str) -> bool {
        self.0.iter().any(|own| own == path)
    }
}

impl fmt::Display for FieldMask {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0.join(","))
    }
}

impl FromStr for FieldMask {
    type Err = InvalidInput;

    fn from_str(text: &str) -> Result<Self, InvalidInput> {
        if text.is_empty() {
            return Ok(FieldMask(Vec::new()));
        }
        FieldMask::new(text.split(',').map(str::trim))
    }
}

impl Serialize for FieldMask {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for FieldMask {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}
