//! What a flow-configuration template holds: video and audio transcoding
//! and the jitter buffer, with their documented ranges and the rules
//! between them.

use serde::{Deserialize, Serialize};

use crate::values::{closed_enum, string_enum, validated_number};
use crate::{FieldPath, InvalidInput, Validate};

fn range_u32(field: &'static str, low: u32, high: u32, value: u32) -> Result<u32, InvalidInput> {
    if (low..=high).contains(&value) {
        Ok(value)
    } else {
        Err(InvalidInput::new(
            field,
            format!("must be from {low} to {high} (got {value})"),
        ))
    }
}

fn check_pixels(value: u32) -> Result<u32, InvalidInput> {
    range_u32("pixels", 0, 3840, value)
}

fn check_fps(value: u32) -> Result<u32, InvalidInput> {
    range_u32("fps", 0, 60, value)
}

fn check_video_kbps(value: u32) -> Result<u32, InvalidInput> {
    range_u32("bitrate", 0, 20_000, value)
}

fn check_audio_kbps(value: u32) -> Result<u32, InvalidInput> {
    range_u32("bitrate", 64, 320, value)
}

fn check_layer_id(value: u32) -> Result<u32, InvalidInput> {
    range_u32("id", 1, 7, value)
}

fn check_alpha(value: u32) -> Result<u32, InvalidInput> {
    range_u32("alphaBlending", 1, 256, value)
}

validated_number! {
    /// A width or height in pixels, 0 to 3840; `0` (or leaving it out)
    /// keeps the source's.
    ///
    /// ```
    /// use agora_api::media_gateway::Pixels;
    /// assert!(Pixels::new(1280).is_ok());
    /// assert!(Pixels::new(4096).is_err());
    /// ```
    Pixels(u32), field = "pixels", check = check_pixels
}

validated_number! {
    /// A frame rate, 0 to 60 fps; `0` keeps the source's.
    Fps(u32), field = "fps", check = check_fps
}

validated_number! {
    /// A video bitrate, 0 to 20000 Kbps; `0` lets Agora choose from the
    /// resolution.
    VideoKbps(u32), field = "bitrate", check = check_video_kbps
}

validated_number! {
    /// An audio bitrate, 64 to 320 Kbps.
    AudioKbps(u32), field = "bitrate", check = check_audio_kbps
}

validated_number! {
    /// An adaptive-bitrate layer's ID, 1 to 7.
    LayerId(u32), field = "id", check = check_layer_id
}

validated_number! {
    /// The strength of super resolution, 1 to 256 (Agora's default 128).
    AlphaBlending(u32), field = "alphaBlending", check = check_alpha
}

string_enum! {
    /// When video is transcoded (`mode`).
    pub enum TranscodingMode {
        /// Always (Agora's default).
        Force = "force",
        /// Only once the source has B-frames.
        Adaptive = "adaptive",
    }
}

closed_enum! {
    /// The codec video is transcoded to (`codec`): Agora refuses any
    /// other ("Unsupported codec").
    pub enum GatewayVideoCodec in "codec" {
        /// H.264 (Agora's default).
        H264 = "H.264",
        /// VP8.
        Vp8 = "VP8",
    }
}

/// A template's settings (`settings`): what [`PutStreamTemplate`]
/// creates or resets a template with, and what
/// [`UpdateStreamTemplate`] replaces (each of `transcoding.video`,
/// `transcoding.audio` and `jitterBuffer` as a whole, the others kept).
///
/// [`PutStreamTemplate`]: super::PutStreamTemplate
/// [`UpdateStreamTemplate`]: super::UpdateStreamTemplate
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TemplateSettings {
    /// Audio and video transcoding.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transcoding: Option<Transcoding>,
    /// The jitter buffer (only with video transcoding on).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub jitter_buffer: Option<JitterBuffer>,
}

impl Validate for TemplateSettings {
    fn validate(&self, at: &FieldPath<'_>) -> Result<(), InvalidInput> {
        if let Some(transcoding) = &self.transcoding
            && let Some(video) = &transcoding.video
        {
            video.validate(&at.member("transcoding").member("video"))?;
        }
        if let Some(buffer) = &self.jitter_buffer {
            buffer.validate(&at.member("jitterBuffer"))?;
        }
        Ok(())
    }
}

/// `transcoding`: video and audio.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Transcoding {
    /// Video transcoding.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub video: Option<VideoTranscoding>,
    /// Audio transcoding.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audio: Option<AudioTranscoding>,
}

/// `transcoding.video`. `enabled` is required whenever `video` is sent
/// (Agora: "Missing field: transcoding.video.enabled").
///
/// Rules between the fields, checked before any I/O: a low-quality
/// stream (`simulcastStream`, ignored when layers are given) needs
/// `bitrate`, and must be smaller than the main stream (width, height,
/// bitrate; fps at most the main's);
/// adaptive-bitrate layers (`simulcastStreamLayers`) need `width` and
/// `height`, and each layer's size and bitrate are below the main
/// stream's and fall as the layer ID grows.
///
/// ```
/// use agora_api::media_gateway::{Pixels, SimulcastStream, VideoKbps, VideoTranscoding};
/// use agora_api::{FieldPath, Validate};
///
/// let video = VideoTranscoding {
///     enabled: true,
///     width: Some(Pixels::new(1280)?),
///     height: Some(Pixels::new(720)?),
///     simulcast_stream: Some(SimulcastStream {
///         width: Some(Pixels::new(960)?),
///         ..SimulcastStream::default()
///     }),
///     ..VideoTranscoding::default()
/// };
/// let error = video.validate(&FieldPath::root("video")).unwrap_err();
/// assert_eq!(error.field(), "video.bitrate");
///
/// let video = VideoTranscoding { bitrate: Some(VideoKbps::new(2200)?), ..video };
/// assert!(video.validate(&FieldPath::root("video")).is_ok());
/// # Ok::<(), agora_api::InvalidInput>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct VideoTranscoding {
    /// Whether video is transcoded (off by default).
    pub enabled: bool,
    /// When it is transcoded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mode: Option<TranscodingMode>,
    /// The codec.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub codec: Option<GatewayVideoCodec>,
    /// The main stream's width.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub width: Option<Pixels>,
    /// The main stream's height.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub height: Option<Pixels>,
    /// The main stream's frame rate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fps: Option<Fps>,
    /// The main stream's bitrate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bitrate: Option<VideoKbps>,
    /// PVC and super resolution.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub advanced_options: Option<AdvancedVideoOptions>,
    /// A low-quality stream beside the main one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub simulcast_stream: Option<SimulcastStream>,
    /// Adaptive-bitrate layers (with them, `simulcastStream` is ignored).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub simulcast_stream_layers: Option<Vec<StreamLayer>>,
}

/// `value` is set and not `0`.
fn given<T: Copy + Into<u32>>(value: Option<T>) -> Option<u32> {
    value.map(Into::into).filter(|value| *value != 0)
}

/// `below` must be smaller than `main` when both are given.
fn smaller(
    at: &FieldPath<'_>,
    name: &'static str,
    below: Option<u32>,
    main: Option<u32>,
    or_equal: bool,
) -> Result<(), InvalidInput> {
    if let (Some(below), Some(main)) = (below, main)
        && (below > main || (below == main && !or_equal))
    {
        let relation = if or_equal { "at most" } else { "less than" };
        return Err(at.member(name).invalid(format!(
            "must be {relation} the main stream's video.{name} {main} (got {below})"
        )));
    }
    Ok(())
}

impl Validate for VideoTranscoding {
    fn validate(&self, at: &FieldPath<'_>) -> Result<(), InvalidInput> {
        let (width, height) = (given(self.width), given(self.height));
        let (fps, bitrate) = (given(self.fps), given(self.bitrate));
        // With layers, Agora ignores `simulcastStream`: so does the check.
        if let Some(low) = self
            .simulcast_stream
            .as_ref()
            .filter(|_| self.simulcast_stream_layers.is_none())
        {
            if self.bitrate.is_none() {
                return Err(at
                    .member("bitrate")
                    .invalid("is required with a low-quality stream (simulcastStream)"));
            }
            let low_at = at.member("simulcastStream");
            smaller(&low_at, "width", given(low.width), width, false)?;
            smaller(&low_at, "height", given(low.height), height, false)?;
            smaller(&low_at, "fps", given(low.fps), fps, true)?;
            smaller(&low_at, "bitrate", given(low.bitrate), bitrate, false)?;
        }
        if let Some(layers) = &self.simulcast_stream_layers {
            for (name, value) in [("width", self.width), ("height", self.height)] {
                if value.is_none() {
                    return Err(at.member(name).invalid(
                        "is required with adaptive-bitrate layers (simulcastStreamLayers)",
                    ));
                }
            }
            let list = at.member("simulcastStreamLayers");
            let mut sorted: Vec<(usize, &StreamLayer)> = layers.iter().enumerate().collect();
            sorted.sort_by_key(|(_, layer)| layer.id);
            for (position, (index, layer)) in sorted.iter().enumerate() {
                let layer_at = list.index(*index);
                smaller(&layer_at, "width", given(layer.width), width, false)?;
                smaller(&layer_at, "height", given(layer.height), height, false)?;
                smaller(&layer_at, "fps", given(layer.fps), fps, false)?;
                smaller(
                    &layer_at,
                    "bitrate",
                    given(Some(layer.bitrate)),
                    bitrate,
                    false,
                )?;
                let Some((_, previous)) = position.checked_sub(1).and_then(|p| sorted.get(p))
                else {
                    continue;
                };
                if previous.id == layer.id {
                    return Err(layer_at
                        .member("id")
                        .invalid(format!("names layer {} twice", layer.id)));
                }
                let falls = |name: &'static str, this: Option<u32>, before: Option<u32>| {
                    match (this, before) {
                        (Some(this), Some(before)) if this >= before => {
                            Err(layer_at.member(name).invalid(format!(
                                "must fall as the layer ID grows: {this} is not less than layer {}'s {before}",
                                previous.id
                            )))
                        }
                        _ => Ok(()),
                    }
                };
                falls("width", given(layer.width), given(previous.width))?;
                falls("height", given(layer.height), given(previous.height))?;
                falls(
                    "bitrate",
                    given(Some(layer.bitrate)),
                    given(Some(previous.bitrate)),
                )?;
            }
        }
        Ok(())
    }
}

/// `transcoding.video.advancedOptions`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AdvancedVideoOptions {
    /// Perceptual video coding: saves bitrate (only when `video.bitrate`
    /// is left out or `0`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pvc: Option<Pvc>,
    /// Super resolution.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub super_resolution: Option<SuperResolution>,
}

/// `advancedOptions.pvc`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Pvc {
    /// Whether PVC is on (off by default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    /// The share of bitrate saved, in percent (`20`: 20 %).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub save_bitrate_ratio: Option<u32>,
}

/// `advancedOptions.superResolution`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SuperResolution {
    /// Whether it is on (off by default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    /// Its strength.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alpha_blending: Option<AlphaBlending>,
}

/// `transcoding.video.simulcastStream`: a low-quality stream. Left out
/// or `0`, width and height are half the main stream's, fps 15 and the
/// bitrate Agora's choice.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SimulcastStream {
    /// Its width.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub width: Option<Pixels>,
    /// Its height.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub height: Option<Pixels>,
    /// Its frame rate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fps: Option<Fps>,
    /// Its bitrate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bitrate: Option<VideoKbps>,
}

/// One adaptive-bitrate layer of `simulcastStreamLayers`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StreamLayer {
    /// The layer's ID.
    pub id: LayerId,
    /// Its width (`0` or left out: from the height).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub width: Option<Pixels>,
    /// Its height (`0` or left out: from the width).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub height: Option<Pixels>,
    /// Its frame rate (`0` or left out: the main stream's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fps: Option<Fps>,
    /// Its bitrate.
    pub bitrate: VideoKbps,
}

impl StreamLayer {
    /// Layer `id` at `bitrate`, its size and frame rate left to Agora.
    pub fn new(id: LayerId, bitrate: VideoKbps) -> Self {
        StreamLayer {
            id,
            width: None,
            height: None,
            fps: None,
            bitrate,
        }
    }
}

/// `transcoding.audio`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AudioTranscoding {
    /// Whether audio is transcoded (on by default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    /// The audio profile (`0`, Agora's default: 48 kHz music, mono, up to
    /// 64 Kbps; others through Agora's support).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profile: Option<u32>,
    /// The bitrate (left out: from the profile).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bitrate: Option<AudioKbps>,
}

/// `jitterBuffer`, in milliseconds: `size` (default 500) is added to the
/// delay to absorb jitter, and past `maxSize` (default 1000, larger than
/// `size`) the gateway speeds up until it is back to `size`.
///
/// ```
/// use agora_api::media_gateway::JitterBuffer;
/// use agora_api::{FieldPath, Validate};
///
/// let buffer = JitterBuffer { size: Some(1200), max_size: None };
/// let error = buffer.validate(&FieldPath::root("jitterBuffer")).unwrap_err();
/// assert_eq!(error.field(), "jitterBuffer.maxSize");
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct JitterBuffer {
    /// The buffer's length.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub size: Option<u32>,
    /// The length past which the gateway catches up.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_size: Option<u32>,
}

impl JitterBuffer {
    /// Agora's default `size`.
    pub const DEFAULT_SIZE: u32 = 500;
    /// Agora's default `maxSize`.
    pub const DEFAULT_MAX_SIZE: u32 = 1000;
}

impl Validate for JitterBuffer {
    fn validate(&self, at: &FieldPath<'_>) -> Result<(), InvalidInput> {
        let size = self.size.unwrap_or(Self::DEFAULT_SIZE);
        let max = self.max_size.unwrap_or(Self::DEFAULT_MAX_SIZE);
        if max <= size {
            return Err(at.member("maxSize").invalid(format!(
                "must be greater than size {size} (got {max}{})",
                if self.max_size.is_none() {
                    ", the default"
                } else {
                    ""
                }
            )));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layer(id: u32, width: u32, bitrate: u32) -> StreamLayer {
        StreamLayer {
            width: Some(Pixels::new(width).expect("pixels")),
            ..StreamLayer::new(
                LayerId::new(id).expect("an ID"),
                VideoKbps::new(bitrate).expect("a bitrate"),
            )
        }
    }

    fn with_layers(layers: Vec<StreamLayer>) -> Result<(), InvalidInput> {
        VideoTranscoding {
            enabled: true,
            width: Some(Pixels::new(1920).expect("pixels")),
            height: Some(Pixels::new(1080).expect("pixels")),
            bitrate: Some(VideoKbps::new(3780).expect("a bitrate")),
            // Ignored by Agora beside layers, so not checked either.
            simulcast_stream: Some(SimulcastStream::default()),
            simulcast_stream_layers: Some(layers),
            ..VideoTranscoding::default()
        }
        .validate(&FieldPath::root("video"))
    }

    #[test]
    fn layers_fall_as_their_id_grows_below_the_main_stream() {
        assert_eq!(
            with_layers(vec![layer(2, 640, 700), layer(1, 1280, 1600)]),
            Ok(()),
            "checked in ID order, whatever the list's order"
        );
        let rising = with_layers(vec![layer(1, 640, 700), layer(2, 1280, 1600)]).unwrap_err();
        assert_eq!(rising.field(), "video.simulcastStreamLayers[1].width");
        let twice = with_layers(vec![layer(1, 1280, 1600), layer(1, 640, 700)]).unwrap_err();
        assert_eq!(twice.field(), "video.simulcastStreamLayers[1].id");
        let wide = with_layers(vec![layer(1, 1920, 1600)]).unwrap_err();
        assert_eq!(wide.field(), "video.simulcastStreamLayers[0].width");
        assert_eq!(
            wide.rule(),
            "must be less than the main stream's video.width 1920 (got 1920)"
        );
        let rich = with_layers(vec![layer(1, 1280, 4000)]).unwrap_err();
        assert_eq!(rich.field(), "video.simulcastStreamLayers[0].bitrate");
    }

    #[test]
    fn the_jitter_buffer_defaults_count() {
        let at = FieldPath::root("jitterBuffer");
        let only_max = JitterBuffer {
            size: None,
            max_size: Some(500),
        };
        assert_eq!(
            only_max.validate(&at).unwrap_err().rule(),
            "must be greater than size 500 (got 500)"
        );
        let small = JitterBuffer {
            size: Some(200),
            max_size: None,
        };
        assert_eq!(small.validate(&at), Ok(()));
    }
}
