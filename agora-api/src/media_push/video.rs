//! The video of a transcoded converter: codec, canvas and layout (views,
//! images, the vertical layout), and the SEI it writes into the stream.

use serde::{Deserialize, Serialize};

use crate::error::InvalidInput;
use crate::values::{int_enum, string_enum};
use crate::{FieldPath, Validate};

use super::options::check_range;

int_enum! {
    /// How the video is laid out (`videoOptions.layoutType`).
    pub enum LayoutType {
        /// `layout` places each view (Agora's default).
        Custom = 0,
        /// One large view on the left, the others stacked on the right
        /// (`vertical` says whom).
        Vertical = 1,
    }
}

string_enum! {
    /// The video codec of the output (`videoOptions.codec`).
    pub enum VideoCodec {
        /// H.264 (Agora's default).
        H264 = "H.264",
        /// H.265; its profile is always `main`.
        H265 = "H.265",
    }
}

string_enum! {
    /// The video codec profile (`videoOptions.codecProfile`). Agora lists
    /// lower-case values; its own request example sends `"High"`, kept as
    /// `Other("High")`.
    pub enum VideoCodecProfile {
        /// High (Agora's default).
        High = "high",
        /// Baseline, for calls on phones.
        Baseline = "baseline",
        /// Main.
        Main = "main",
    }
}

string_enum! {
    /// How a picture fills its region (`fillMode`).
    pub enum FillMode {
        /// Scaled, aspect kept, to fill the region (cropped).
        Fill = "fill",
        /// Scaled, aspect kept, to show all of it (bars).
        Fit = "fit",
    }
}

/// `videoOptions`: the video mix.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct VideoOptions {
    /// The canvas.
    pub canvas: Canvas,
    /// Custom (default) or vertical.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub layout_type: Option<LayoutType>,
    /// The views on the canvas; required by the custom layout.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub layout: Option<Vec<LayoutItem>>,
    /// Who is large in the vertical layout; required by it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vertical: Option<VerticalLayout>,
    /// The picture of a user who stops publishing video (JPG, PNG, GIF).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default_placeholder_image_url: Option<String>,
    /// Kbps, 1 to 10000.
    pub bitrate: u32,
    /// Frames per second, 1 to 30 (default 15).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub frame_rate: Option<u32>,
    /// Frames between key frames (default twice the frame rate).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gop: Option<u32>,
    /// H.264 (default) or H.265.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub codec: Option<VideoCodec>,
    /// The codec profile (default `high`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub codec_profile: Option<VideoCodecProfile>,
    /// SEI carried in the output (none when unset).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sei_options: Option<SeiOptions>,
}

impl VideoOptions {
    /// A custom layout of `layout` on `canvas` at `bitrate` Kbps.
    pub fn custom(canvas: Canvas, layout: Vec<LayoutItem>, bitrate: u32) -> Self {
        VideoOptions {
            canvas,
            layout_type: None,
            layout: Some(layout),
            vertical: None,
            default_placeholder_image_url: None,
            bitrate,
            frame_rate: None,
            gop: None,
            codec: None,
            codec_profile: None,
            sei_options: None,
        }
    }

    /// A vertical layout on `canvas` at `bitrate` Kbps.
    pub fn vertical(canvas: Canvas, vertical: VerticalLayout, bitrate: u32) -> Self {
        VideoOptions {
            layout_type: Some(LayoutType::Vertical),
            layout: None,
            vertical: Some(vertical),
            ..VideoOptions::custom(canvas, Vec::new(), bitrate)
        }
    }

    /// Whether the layout is vertical.
    pub fn is_vertical(&self) -> bool {
        self.layout_type == Some(LayoutType::Vertical)
    }
}

impl Validate for VideoOptions {
    fn validate(&self, at: &FieldPath<'_>) -> Result<(), InvalidInput> {
        self.canvas.validate(&at.member("canvas"))?;
        match self.layout_type.unwrap_or(LayoutType::Custom) {
            LayoutType::Custom if self.layout.is_none() => {
                return Err(at
                    .member("layout")
                    .invalid("is required by the custom layout (layoutType 0)"));
            }
            LayoutType::Vertical if self.vertical.is_none() => {
                return Err(at
                    .member("vertical")
                    .invalid("is required by the vertical layout (layoutType 1)"));
            }
            LayoutType::Other(other) => {
                return Err(at
                    .member("layoutType")
                    .invalid(format!("must be 0 (custom) or 1 (vertical) (got {other})")));
            }
            _ => {}
        }
        check_layout(self.layout.as_deref(), at)?;
        if let Some(vertical) = &self.vertical {
            vertical.validate(&at.member("vertical"))?;
        }
        check_range(Some(self.bitrate), 1..=10_000, || {
            at.member("bitrate").to_string()
        })?;
        check_range(self.frame_rate, 1..=30, || {
            at.member("frameRate").to_string()
        })?;
        if let Some(sei) = &self.sei_options {
            sei.validate(&at.member("seiOptions"))?;
        }
        Ok(())
    }
}

/// Each view of a layout: its region's `zIndex` 0 to 100, its `alpha` 0
/// to 1.
pub(crate) fn check_layout(
    layout: Option<&[LayoutItem]>,
    at: &FieldPath<'_>,
) -> Result<(), InvalidInput> {
    let list = at.member("layout");
    for (index, item) in layout.unwrap_or_default().iter().enumerate() {
        let view = list.index(index);
        let (region, alpha) = match item {
            LayoutItem::Stream(stream) => (&stream.region, stream.alpha),
            LayoutItem::Image(image) => (&image.region, image.alpha),
        };
        check_range(Some(region.z_index), 0..=100, || {
            view.member("region").member("zIndex").to_string()
        })?;
        if let Some(alpha) = alpha
            && !(0.0..=1.0).contains(&alpha)
        {
            return Err(view
                .member("alpha")
                .invalid(format!("must be from 0 to 1 (got {alpha})")));
        }
    }
    Ok(())
}

/// `videoOptions.canvas`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Canvas {
    /// Pixels, 66 to 1920.
    pub width: u32,
    /// Pixels, 66 to 1920.
    pub height: u32,
    /// Background, an RGB value in decimal (255 is blue), 0 to 16777215
    /// (default 0, black).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub color: Option<u32>,
}

impl Canvas {
    /// A black canvas of `width` × `height` pixels.
    pub fn new(width: u32, height: u32) -> Self {
        Canvas {
            width,
            height,
            color: None,
        }
    }
}

impl Validate for Canvas {
    fn validate(&self, at: &FieldPath<'_>) -> Result<(), InvalidInput> {
        check_range(Some(self.width), 66..=1920, || {
            at.member("width").to_string()
        })?;
        check_range(Some(self.height), 66..=1920, || {
            at.member("height").to_string()
        })?;
        check_range(self.color, 0..=0xFF_FFFF, || at.member("color").to_string())
    }
}

/// One view of `videoOptions.layout`: a user's video, or a picture (a
/// watermark). Told apart by `rtcStreamUid` or `imageUrl`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
#[non_exhaustive]
pub enum LayoutItem {
    /// `RtcStreamView`: a user's video.
    Stream(StreamView),
    /// `ImageView`: a picture.
    Image(ImageView),
}

/// `RtcStreamView`: where a user's video goes.
///
/// The type table marks `placeholderImageUrl` required; the examples and
/// the OpenAPI document leave it out, so it is optional here.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StreamView {
    /// The user.
    pub rtc_stream_uid: u32,
    /// Where on the canvas (cropped to it).
    pub region: ViewRegion,
    /// `fill` (default) or `fit`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fill_mode: Option<FillMode>,
    /// The picture shown while the user publishes no video.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub placeholder_image_url: Option<String>,
    /// Opacity, 0 to 1 (default 1; OpenAPI document only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alpha: Option<f64>,
}

impl StreamView {
    /// `uid`'s video in `region`.
    pub fn new(uid: u32, region: ViewRegion) -> Self {
        StreamView {
            rtc_stream_uid: uid,
            region,
            fill_mode: None,
            placeholder_image_url: None,
            alpha: None,
        }
    }
}

/// `ImageView`: a picture on the canvas.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ImageView {
    /// The picture's HTTP(S) URL (JPG, PNG, GIF).
    pub image_url: String,
    /// Where on the canvas.
    pub region: ViewRegion,
    /// `fill` or `fit`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fill_mode: Option<FillMode>,
    /// Opacity, 0 to 1 (default 1; OpenAPI document only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alpha: Option<f64>,
}

impl ImageView {
    /// The picture at `url` in `region`.
    pub fn new(url: impl Into<String>, region: ViewRegion) -> Self {
        ImageView {
            image_url: url.into(),
            region,
            fill_mode: None,
            alpha: None,
        }
    }
}

/// A view's region on the canvas, in pixels from its top left corner.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ViewRegion {
    /// Left edge.
    pub x_pos: u32,
    /// Top edge.
    pub y_pos: u32,
    /// Layer, 0 (bottom) to 100 (top).
    pub z_index: u32,
    /// Width.
    pub width: u32,
    /// Height.
    pub height: u32,
}

impl ViewRegion {
    /// `width` × `height` at (`x`, `y`) on layer `z_index`.
    pub fn new(x: u32, y: u32, z_index: u32, width: u32, height: u32) -> Self {
        ViewRegion {
            x_pos: x,
            y_pos: y,
            z_index,
            width,
            height,
        }
    }
}

/// `videoOptions.vertical`: the vertical layout.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct VerticalLayout {
    /// The user in the large view; unset, the loudest at each refresh.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_resolution_uid: Option<u32>,
    /// `fill` (default) or `fit`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fill_mode: Option<FillMode>,
    /// Seconds between layout refreshes, 1 to 30 (default 3).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub refresh_interval_sec: Option<u32>,
}

impl Validate for VerticalLayout {
    fn validate(&self, at: &FieldPath<'_>) -> Result<(), InvalidInput> {
        check_range(self.refresh_interval_sec, 1..=30, || {
            at.member("refreshIntervalSec").to_string()
        })
    }
}

/// `videoOptions.seiOptions`: SEI in the output. `{}` outputs none.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SeiOptions {
    /// What goes in.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<SeiSource>,
    /// How it is written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sink: Option<SeiSink>,
}

impl Validate for SeiOptions {
    fn validate(&self, at: &FieldPath<'_>) -> Result<(), InvalidInput> {
        let Some(customized) = self
            .source
            .as_ref()
            .and_then(|source| source.customized.as_ref())
        else {
            return Ok(());
        };
        let at = at.member("source");
        let at = at.member("customized");
        let length = |text: &Option<String>| text.as_ref().map_or(0, |text| text.chars().count());
        let prefix = length(&customized.prefix_for_agora_sei);
        if prefix > 32 {
            return Err(at
                .member("prefixForAgoraSei")
                .invalid(format!("must be at most 32 characters (got {prefix})")));
        }
        let payload = length(&customized.payload);
        if payload > 4096 {
            return Err(at
                .member("payload")
                .invalid(format!("must be at most 4096 characters (got {payload})")));
        }
        Ok(())
    }
}

/// `seiOptions.source`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SeiSource {
    /// Pass metadata-type SEI (default `false`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub metadata: Option<bool>,
    /// Pass Agora data-stream SEI (default `false`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub datastream: Option<bool>,
    /// Custom SEI, turned into Agora SEI.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub customized: Option<CustomSei>,
}

/// `seiOptions.source.customized`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CustomSei {
    /// Payload prefix, at most 32 characters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prefix_for_agora_sei: Option<String>,
    /// Payload (the SEI's `app_data`), at most 4096 characters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub payload: Option<String>,
}

/// `seiOptions.sink`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SeiSink {
    /// The SEI payload type (default 100).
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub payload_type: Option<u32>,
}
