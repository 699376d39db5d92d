//! What a converter is made of: its name, its CDN address, and either the
//! transcoding options (audio mix, video canvas and layout, SEI) or the
//! raw options (one user's stream forwarded as it is).

use serde::{Deserialize, Serialize};

use crate::error::InvalidInput;
use crate::types::ChannelName;
use crate::values::{int_enum, issued_id, string_enum, validated_string};
use crate::{FieldPath, Validate};

validated_string! {
    /// A converter's name: 1 to 64 ASCII letters, digits, `-` and `_`,
    /// unique in the project (a second create with the same name is
    /// `409`). Agora suggests the channel and the layout, as
    /// `show68_vertical`.
    ///
    /// ```
    /// use agora_api::media_push::ConverterName;
    /// assert!(ConverterName::new("show68_vertical").is_ok());
    /// assert_eq!(
    ///     ConverterName::new("show 68").unwrap_err().to_string(),
    ///     "invalid `name`: contains ' '; allowed are ASCII letters, digits, - and _"
    /// );
    /// assert!(ConverterName::new("x".repeat(65)).is_err());
    /// ```
    ConverterName, field = "name", check = check_resource_name
}

/// The rule of converter and player names: 1 to 64 ASCII letters,
/// digits, `-` and `_`.
pub(crate) fn check_resource_name(value: &str) -> Result<(), String> {
    if value.is_empty() {
        return Err("must not be empty; leave the name out instead".into());
    }
    if let Some(bad) = value
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || *c == '-' || *c == '_'))
    {
        return Err(format!(
            "contains {bad:?}; allowed are ASCII letters, digits, - and _"
        ));
    }
    if value.len() > 64 {
        return Err(format!(
            "must be at most 64 characters (got {})",
            value.len()
        ));
    }
    Ok(())
}

validated_string! {
    /// The CDN address a converter pushes to: an `rtmp://` (or `rtmps://`)
    /// URL of at most 1024 characters. Agora answers `400` "Invalid
    /// parameter: rtmpUrl" for anything else.
    ///
    /// ```
    /// use agora_api::media_push::RtmpUrl;
    /// assert!(RtmpUrl::new("rtmp://example.agora.io/live/show68").is_ok());
    /// assert_eq!(
    ///     RtmpUrl::new("https://example.agora.io/live").unwrap_err().to_string(),
    ///     "invalid `rtmpUrl`: must be an rtmp:// or rtmps:// URL"
    /// );
    /// ```
    RtmpUrl, field = "rtmpUrl", check = check_rtmp_url
}

fn check_rtmp_url(value: &str) -> Result<(), String> {
    let lower = value.get(..8).unwrap_or(value).to_ascii_lowercase();
    let rest = if lower.starts_with("rtmp://") {
        &value[7..]
    } else if lower.starts_with("rtmps://") {
        &value[8..]
    } else {
        return Err("must be an rtmp:// or rtmps:// URL".into());
    };
    if rest.is_empty() || rest.starts_with('/') {
        return Err("must name a host after the scheme".into());
    }
    if value.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err("must not contain whitespace or control characters".into());
    }
    if value.len() > 1024 {
        return Err(format!(
            "must be at most 1024 characters (got {})",
            value.len()
        ));
    }
    Ok(())
}

validated_string! {
    /// A converter's ID, as Agora issues it (a UUID in hexadecimal).
    ///
    /// ```
    /// use agora_api::media_push::ConverterId;
    /// let id: ConverterId = "4c014467d647bb87b60b719f6fa57686".parse()?;
    /// assert_eq!(id, "4c014467d647bb87b60b719f6fa57686");
    /// # Ok::<(), agora_api::InvalidInput>(())
    /// ```
    ConverterId, field = "converterId", check = issued_id
}

/// Checks that `value`, when set, is in `range`.
pub(crate) fn check_range<T>(
    value: Option<T>,
    range: std::ops::RangeInclusive<T>,
    at: impl FnOnce() -> String,
) -> Result<(), InvalidInput>
where
    T: PartialOrd + std::fmt::Display + Copy,
{
    match value {
        Some(value) if !range.contains(&value) => Err(InvalidInput::new(
            at(),
            format!(
                "must be from {} to {} (got {value})",
                range.start(),
                range.end()
            ),
        )),
        _ => Ok(()),
    }
}

// ---------------------------------------------------------------------------
// The converter.

/// A converter to create: what [`CreateConverter`](super::CreateConverter)
/// sends as `converter`.
///
/// ```
/// use agora_api::media_push::{ConverterConfig, ConverterOptions, RtmpUrl};
/// use agora_api::ChannelName;
///
/// let config = ConverterConfig::new(
///     ConverterOptions::raw(ChannelName::new("show68")?, 201),
///     RtmpUrl::new("rtmp://example/live/global")?,
/// );
/// assert_eq!(
///     serde_json::to_string(&config)?,
///     r#"{"rawOptions":{"rtcChannel":"show68","rtcStreamUid":201},"rtmpUrl":"rtmp://example/live/global"}"#
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ConverterConfig {
    /// Unique in the project; converters without a name may be many.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<ConverterName>,
    /// Transcoded (`transcodeOptions`) or forwarded as it is
    /// (`rawOptions`).
    #[serde(flatten)]
    pub options: ConverterOptions,
    /// Where the stream goes.
    pub rtmp_url: RtmpUrl,
    /// Seconds the converter may stay idle (every user whose stream it
    /// processes has left the channel) before Agora destroys it (default
    /// 300).
    ///
    /// The reference page's tables spell it `idleTimeOut`; its examples,
    /// its answers and the OpenAPI document write `idleTimeout`, which is
    /// what is sent (`specs/media-push.json`, exception
    /// `idle-timeout-spelling`). Both are read.
    #[serde(
        rename = "idleTimeout",
        alias = "idleTimeOut",
        skip_serializing_if = "Option::is_none"
    )]
    pub idle_timeout: Option<u32>,
    /// Jitter buffer in milliseconds, 0 to 1000 (default 1000), rounded up
    /// to a multiple of 100 by Agora; 0 turns it off.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub jitter_buffer_size_ms: Option<u32>,
}

impl ConverterConfig {
    /// A converter with `options` pushing to `rtmp_url`; the rest unset.
    pub fn new(options: ConverterOptions, rtmp_url: RtmpUrl) -> Self {
        ConverterConfig {
            name: None,
            options,
            rtmp_url,
            idle_timeout: None,
            jitter_buffer_size_ms: None,
        }
    }

    /// The same, named `name`.
    #[must_use]
    pub fn named(mut self, name: ConverterName) -> Self {
        self.name = Some(name);
        self
    }

    /// Whether it mixes with the vertical layout (`layoutType` 1), whose
    /// converters take only `rtmpUrl` updates.
    pub fn is_vertical(&self) -> bool {
        match &self.options {
            ConverterOptions::Transcode(options) => options
                .video_options
                .as_ref()
                .is_some_and(VideoOptions::is_vertical),
            ConverterOptions::Raw(_) => false,
        }
    }

    /// The channel it takes its streams from.
    pub fn channel(&self) -> &ChannelName {
        match &self.options {
            ConverterOptions::Transcode(options) => &options.rtc_channel,
            ConverterOptions::Raw(options) => &options.rtc_channel,
        }
    }
}

impl Validate for ConverterConfig {
    fn validate(&self, at: &FieldPath<'_>) -> Result<(), InvalidInput> {
        match &self.options {
            ConverterOptions::Transcode(options) => {
                options.validate(&at.member("transcodeOptions"))?;
            }
            ConverterOptions::Raw(_) => {}
        }
        check_range(self.jitter_buffer_size_ms, 0..=1000, || {
            at.member("jitterBufferSizeMs").to_string()
        })
    }
}

/// How a converter treats the channel's streams. Agora does not let one
/// converter change from one to the other: create a new one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub enum ConverterOptions {
    /// Mix the channel's streams (several hosts) into one, with a layout.
    #[serde(rename = "transcodeOptions")]
    Transcode(Box<TranscodeOptions>),
    /// Forward one user's stream as it is (H.264 or H.265 only; VP8 needs
    /// transcoding).
    #[serde(rename = "rawOptions")]
    Raw(RawOptions),
}

impl ConverterOptions {
    /// The channel's streams mixed with `options`.
    pub fn transcode(options: TranscodeOptions) -> Self {
        ConverterOptions::Transcode(Box::new(options))
    }

    /// The stream of `uid` in `channel`, forwarded.
    pub fn raw(channel: ChannelName, uid: u32) -> Self {
        ConverterOptions::Raw(RawOptions::new(channel, uid))
    }
}

/// `rawOptions`: one user's stream, forwarded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RawOptions {
    /// The channel.
    pub rtc_channel: ChannelName,
    /// The user whose stream is pushed.
    pub rtc_stream_uid: u32,
}

impl RawOptions {
    /// The stream of `uid` in `channel`.
    pub fn new(channel: ChannelName, uid: u32) -> Self {
        RawOptions {
            rtc_channel: channel,
            rtc_stream_uid: uid,
        }
    }
}

/// `transcodeOptions`: the channel's streams mixed.
///
/// Without `audioOptions` and `videoOptions` the converter outputs video
/// only; an audio and video converter needs both (`"audioOptions": {}`
/// takes every default).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TranscodeOptions {
    /// The channel.
    pub rtc_channel: ChannelName,
    /// The audio mix.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub audio_options: Option<AudioOptions>,
    /// The video mix.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub video_options: Option<VideoOptions>,
}

impl TranscodeOptions {
    /// The streams of `channel`; audio and video unset.
    pub fn new(channel: ChannelName) -> Self {
        TranscodeOptions {
            rtc_channel: channel,
            audio_options: None,
            video_options: None,
        }
    }
}

impl Validate for TranscodeOptions {
    fn validate(&self, at: &FieldPath<'_>) -> Result<(), InvalidInput> {
        if let Some(audio) = &self.audio_options {
            audio.validate(&at.member("audioOptions"))?;
        }
        if let Some(video) = &self.video_options {
            video.validate(&at.member("videoOptions"))?;
        }
        Ok(())
    }
}

// ---------------------------------------------------------------------------
// Audio.

string_enum! {
    /// The audio codec of the output (`audioOptions.codecProfile`).
    pub enum AudioCodecProfile {
        /// MPEG-4 AAC LC (Agora's default).
        LcAac = "LC-AAC",
        /// High-Efficiency AAC.
        HeAac = "HE-AAC",
    }
}

/// `audioOptions`: the audio mix. Every member is optional.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AudioOptions {
    /// The codec (default `LC-AAC`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub codec_profile: Option<AudioCodecProfile>,
    /// Hz: 32000, 44100 or 48000 (default).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sample_rate: Option<u32>,
    /// Kbps, 32 to 128 (default 48).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bitrate: Option<u32>,
    /// 1 (default) or 2.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub audio_channels: Option<u32>,
    /// The users mixed: every user of the channel when unset, nobody when
    /// empty.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rtc_stream_uids: Option<Vec<u32>>,
    /// Volumes of some of `rtcStreamUids` (the others stay at 100).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub volumes: Option<Vec<UserVolume>>,
}

impl Validate for AudioOptions {
    fn validate(&self, at: &FieldPath<'_>) -> Result<(), InvalidInput> {
        if let Some(rate) = self.sample_rate
            && ![32_000, 44_100, 48_000].contains(&rate)
        {
            return Err(at
                .member("sampleRate")
                .invalid(format!("must be 32000, 44100 or 48000 (got {rate})")));
        }
        check_range(self.bitrate, 32..=128, || at.member("bitrate").to_string())?;
        check_range(self.audio_channels, 1..=2, || {
            at.member("audioChannels").to_string()
        })?;
        check_volumes(self.volumes.as_deref(), self.rtc_stream_uids.as_deref(), at)
    }
}

/// Volumes apply to mixed users only: each `volumes[].rtcStreamUid` must
/// be in `rtcStreamUids` (Agora answers `400` otherwise), each volume 0 to
/// 200.
pub(crate) fn check_volumes(
    volumes: Option<&[UserVolume]>,
    mixed: Option<&[u32]>,
    at: &FieldPath<'_>,
) -> Result<(), InvalidInput> {
    let Some(volumes) = volumes else {
        return Ok(());
    };
    let list = at.member("volumes");
    for (index, volume) in volumes.iter().enumerate() {
        let item = list.index(index);
        check_range(volume.volume, 0..=200, || item.member("volume").to_string())?;
        if !mixed.is_some_and(|uids| uids.contains(&volume.rtc_stream_uid)) {
            return Err(item.member("rtcStreamUid").invalid(format!(
                "must be one of rtcStreamUids (got {})",
                volume.rtc_stream_uid
            )));
        }
    }
    Ok(())
}

/// The volume of one mixed user.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UserVolume {
    /// The user, one of `rtcStreamUids`.
    pub rtc_stream_uid: u32,
    /// 0 to 200 (default 100, the original volume).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub volume: Option<u32>,
}

impl UserVolume {
    /// `uid` at `volume`.
    pub fn new(uid: u32, volume: u32) -> Self {
        UserVolume {
            rtc_stream_uid: uid,
            volume: Some(volume),
        }
    }
}

// ---------------------------------------------------------------------------
// Video.

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
