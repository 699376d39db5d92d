//! The request body of the task calls: `services.cloudTranscoder` with its
//! `config.transcoder` (inputs, canvas, watermarks, outputs), and Agora's
//! documented rules, checked before any I/O with errors naming the dotted
//! wire path (`services.cloudTranscoder.config.transcoder.canvas.width`).

use std::fmt;
use std::ops::RangeInclusive;

use serde::{Deserialize, Serialize};

use crate::types::{ChannelName, Uid};
use crate::values::string_enum;
use crate::{FieldPath, InvalidInput, Secret, Validate};

string_enum! {
    /// The service of a task (`serviceType`): Agora documents one.
    pub enum ServiceType {
        /// `cloudTranscoderV2`, the only documented service.
        CloudTranscoderV2 = "cloudTranscoderV2",
    }
}

string_enum! {
    /// How the transcoder works (`streamProcessMode`); unset means `mix`.
    pub enum StreamProcessMode {
        /// Mix audio and combine pictures (the default).
        Mix = "mix",
        /// One stream in, one out; RTC or CDN on either side.
        HeterogeneousSingle = "heterogeneous-single",
        /// Relay a host's streams and signaling to another RTC channel.
        Single = "single",
    }
}

string_enum! {
    /// How an image fills its region (`fillMode`); unset means `FILL`.
    pub enum FillMode {
        /// Scale and crop in the centre, keeping the aspect ratio.
        Fill = "FILL",
        /// Scale to fit, keeping the aspect ratio.
        Fit = "FIT",
    }
}

string_enum! {
    /// The audio properties of an output (`audioOption.profileType`).
    pub enum AudioProfileType {
        /// 48 kHz, music encoding, mono, up to 64 Kbps (the default).
        Default = "AUDIO_PROFILE_DEFAULT",
        /// 32 kHz, speech encoding, mono, up to 18 Kbps.
        SpeechStandard = "AUDIO_PROFILE_SPEECH_STANDARD",
        /// 48 kHz, music encoding, mono, up to 64 Kbps.
        MusicStandard = "AUDIO_PROFILE_MUSIC_STANDARD",
        /// 48 kHz, music encoding, stereo, up to 80 Kbps.
        MusicStandardStereo = "AUDIO_PROFILE_MUSIC_STANDARD_STEREO",
        /// 48 kHz, music encoding, mono, up to 96 Kbps.
        MusicHighQuality = "AUDIO_PROFILE_MUSIC_HIGH_QUALITY",
        /// 48 kHz, music encoding, stereo, up to 128 Kbps.
        MusicHighQualityStereo = "AUDIO_PROFILE_MUSIC_HIGH_QUALITY_STEREO",
    }
}

string_enum! {
    /// The codec of an output video (`videoOption.codec`).
    pub enum VideoCodec {
        /// H.264.
        H264 = "H264",
        /// VP8.
        Vp8 = "VP8",
    }
}

string_enum! {
    /// `videoOption.mode`: set only to pass the input video through
    /// without transcoding.
    pub enum VideoOutputMode {
        /// The input video's encoding is kept (one video input only).
        Raw = "RAW",
    }
}

/// `services`: the task's one service.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TranscodingServices {
    /// The transcoder.
    pub cloud_transcoder: CloudTranscoderService,
}

impl TranscodingServices {
    /// The `cloudTranscoderV2` service with `transcoder`.
    pub fn new(transcoder: Transcoder) -> Self {
        TranscodingServices {
            cloud_transcoder: CloudTranscoderService {
                service_type: ServiceType::CloudTranscoderV2,
                config: TranscoderConfig { transcoder },
            },
        }
    }
}

impl Validate for TranscodingServices {
    fn validate(&self, at: &FieldPath<'_>) -> Result<(), InvalidInput> {
        let service = at.member("cloudTranscoder");
        let config = service.member("config");
        self.cloud_transcoder
            .config
            .transcoder
            .validate(&config.member("transcoder"))
    }
}

/// `services.cloudTranscoder`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CloudTranscoderService {
    /// `cloudTranscoderV2`.
    pub service_type: ServiceType,
    /// The configuration.
    pub config: TranscoderConfig,
}

/// `services.cloudTranscoder.config`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TranscoderConfig {
    /// The transcoder's settings.
    pub transcoder: Transcoder,
}

/// What the transcoder takes in, lays out and sends out.
///
/// Agora's tables mark `watermarks` and `videoOption.bitrate` required,
/// while its own quickstart request sends neither: both are optional here.
/// The tables spell the list `watermarks`, every request example and
/// Agora's Go client `waterMarks`: that is sent, and both are read.
///
/// ```
/// use agora_api::cloud_transcoding::{Canvas, Output, Transcoder};
/// use agora_api::{FieldPath, Validate};
///
/// let transcoder = Transcoder::new(Canvas::new(960, 480, 0), vec![
///     Output::cdn("rtmp://example.com/live/show"),
/// ]);
/// assert!(transcoder.validate(&FieldPath::root("transcoder")).is_ok());
/// let tiny = Transcoder::new(Canvas::new(100, 480, 0), vec![Output::cdn("rtmp://x/y")]);
/// assert_eq!(
///     tiny.validate(&FieldPath::root("transcoder")).unwrap_err().to_string(),
///     "invalid `transcoder.canvas.width`: must be from 120 to 3840 px (got 100)"
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Transcoder {
    /// Seconds the transcoder may stay idle (every host gone) before it
    /// is destroyed: 1 to 86 400 (Agora's default 300).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub idle_timeout: Option<u32>,
    /// The working mode (default `mix`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stream_process_mode: Option<StreamProcessMode>,
    /// The audio sources, mixed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audio_inputs: Option<Vec<AudioInput>>,
    /// The video sources, combined on the canvas.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub video_inputs: Option<Vec<VideoInput>>,
    /// The canvas.
    pub canvas: Canvas,
    /// Watermarks on the canvas.
    #[serde(
        rename = "waterMarks",
        alias = "watermarks",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub watermarks: Option<Vec<Watermark>>,
    /// Where the result goes: RTC channel or CDN addresses, not both.
    pub outputs: Vec<Output>,
}

impl Transcoder {
    /// A transcoder with `canvas` and `outputs`, nothing else set.
    pub fn new(canvas: Canvas, outputs: Vec<Output>) -> Self {
        Transcoder {
            idle_timeout: None,
            stream_process_mode: None,
            audio_inputs: None,
            video_inputs: None,
            canvas,
            watermarks: None,
            outputs,
        }
    }
}

/// Checks a number against a documented inclusive range.
fn check_range<T>(
    value: T,
    range: RangeInclusive<T>,
    at: &FieldPath<'_>,
    unit: &str,
) -> Result<(), InvalidInput>
where
    T: PartialOrd + fmt::Display + Copy,
{
    if range.contains(&value) {
        return Ok(());
    }
    Err(at.invalid(format!(
        "must be from {} to {}{unit} (got {value})",
        range.start(),
        range.end()
    )))
}

/// Checks an image URL: `http(s)://`, ending in `.jpg` or `.png`, as
/// Agora documents for every image.
fn check_image_url(url: &str, at: &FieldPath<'_>) -> Result<(), InvalidInput> {
    let lower = url.to_ascii_lowercase();
    let web = lower.starts_with("https://") || lower.starts_with("http://");
    if !web || !(lower.ends_with(".jpg") || lower.ends_with(".png")) {
        return Err(at.invalid(format!(
            "must be an http(s) URL of a .jpg or .png image (got {url:?})"
        )));
    }
    Ok(())
}

/// Checks a CDN play count: 1 once, -1 in a loop, n times; never 0.
fn check_repeat(repeat: Option<i64>, at: &FieldPath<'_>) -> Result<(), InvalidInput> {
    match repeat {
        Some(count) if count == 0 || count < -1 => Err(at.invalid(format!(
            "must be -1 (loop) or a play count of at least 1 (got {count})"
        ))),
        _ => Ok(()),
    }
}

/// Checks that a source names exactly one of `rtc` and `streamUrl`.
fn check_one_source(rtc: bool, stream_url: bool, at: &FieldPath<'_>) -> Result<(), InvalidInput> {
    match (rtc, stream_url) {
        (true, true) => Err(at
            .member("streamUrl")
            .invalid("cannot be set together with rtc")),
        (false, false) => Err(at
            .member("rtc")
            .invalid("is required when streamUrl is not set")),
        _ => Ok(()),
    }
}

impl Validate for Transcoder {
    fn validate(&self, at: &FieldPath<'_>) -> Result<(), InvalidInput> {
        if let Some(idle) = self.idle_timeout {
            check_range(idle, 1..=86_400, &at.member("idleTimeout"), " seconds")?;
        }
        let single = matches!(
            self.stream_process_mode,
            Some(StreamProcessMode::Single | StreamProcessMode::HeterogeneousSingle)
        );
        let audio = at.member("audioInputs");
        if let Some(inputs) = &self.audio_inputs {
            if single && inputs.len() > 1 {
                return Err(audio.invalid(format!(
                    "may hold at most 1 input in a single stream mode (got {})",
                    inputs.len()
                )));
            }
            inputs.validate(&audio)?;
        }
        let video = at.member("videoInputs");
        let video_count = self.video_inputs.as_ref().map_or(0, Vec::len);
        if let Some(inputs) = &self.video_inputs {
            if single && inputs.len() > 1 {
                return Err(video.invalid(format!(
                    "may hold at most 1 input in a single stream mode (got {})",
                    inputs.len()
                )));
            }
            inputs.validate(&video)?;
        }
        self.canvas.validate(&at.member("canvas"))?;
        self.watermarks.validate(&at.member("waterMarks"))?;
        let outputs = at.member("outputs");
        if self.outputs.is_empty() {
            return Err(outputs.invalid("must list at least one output"));
        }
        self.outputs.validate(&outputs)?;
        let rtc = self.outputs.iter().filter(|o| o.rtc.is_some()).count();
        if rtc > 0 && rtc < self.outputs.len() {
            return Err(outputs
                .invalid("cannot push to both an RTC channel and a CDN address: make two tasks"));
        }
        if rtc > 1 {
            return Err(outputs.invalid(format!(
                "may push to one RTC channel only: make a task per channel (got {rtc})"
            )));
        }
        let raw = self.outputs.iter().any(|output| {
            output
                .video_option
                .as_ref()
                .is_some_and(|option| option.mode == Some(VideoOutputMode::Raw))
        });
        if raw && video_count > 1 {
            return Err(video.invalid(format!(
                "may hold at most 1 input when an output's videoOption.mode is RAW (got {video_count})"
            )));
        }
        Ok(())
    }
}

/// An RTC stream: the channel, the UID and the token of the transcoder's
/// side of it (`rtc` of inputs and outputs).
///
/// For an input, `rtc_uid` is the host whose stream is taken and the
/// token is made for UID 0 (Agora picks the transcoder's own UID); for an
/// output, `rtc_uid` is the transcoder's UID in the channel and the token
/// is made for it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RtcStream {
    /// The channel.
    pub rtc_channel: ChannelName,
    /// The UID.
    pub rtc_uid: Uid,
    /// The RTC token the transcoder joins with (kept out of `Debug`).
    pub rtc_token: Secret,
}

impl RtcStream {
    /// A stream of `channel`, `uid` and `token`.
    pub fn new(channel: ChannelName, uid: Uid, token: impl Into<Secret>) -> Self {
        RtcStream {
            rtc_channel: channel,
            rtc_uid: uid,
            rtc_token: token.into(),
        }
    }
}

/// An audio source: an RTC host's audio or a CDN stream.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AudioInput {
    /// A CDN stream's URL (instead of `rtc`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stream_url: Option<String>,
    /// A CDN stream's volume: 0 to 200 (default 100).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub volume: Option<u32>,
    /// A CDN stream's play count: 1 (default), -1 for a loop, or n.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub repeat: Option<i64>,
    /// An RTC host's audio (instead of `streamUrl`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rtc: Option<RtcStream>,
}

impl AudioInput {
    /// The audio of an RTC host.
    pub fn rtc(stream: RtcStream) -> Self {
        AudioInput {
            stream_url: None,
            volume: None,
            repeat: None,
            rtc: Some(stream),
        }
    }
}

impl Validate for AudioInput {
    fn validate(&self, at: &FieldPath<'_>) -> Result<(), InvalidInput> {
        check_one_source(self.rtc.is_some(), self.stream_url.is_some(), at)?;
        if let Some(volume) = self.volume {
            check_range(volume, 0..=200, &at.member("volume"), "")?;
        }
        check_repeat(self.repeat, &at.member("repeat"))
    }
}

/// A region of the canvas, in pixels from its top left corner.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Region {
    /// Left edge: 0 to 3840.
    pub x: u32,
    /// Top edge: 0 to 3840.
    pub y: u32,
    /// Width: 120 to 3840.
    pub width: u32,
    /// Height: 120 to 3840.
    pub height: u32,
    /// Layer: 2 to 100 for a video input, 0 to 100 for a watermark
    /// (higher is on top).
    pub z_order: u32,
}

impl Region {
    fn check(&self, at: &FieldPath<'_>, z_order: RangeInclusive<u32>) -> Result<(), InvalidInput> {
        check_range(self.x, 0..=3840, &at.member("x"), " px")?;
        check_range(self.y, 0..=3840, &at.member("y"), " px")?;
        check_range(self.width, 120..=3840, &at.member("width"), " px")?;
        check_range(self.height, 120..=3840, &at.member("height"), " px")?;
        check_range(self.z_order, z_order, &at.member("zOrder"), "")
    }
}

/// A video source: an RTC host's video or a CDN stream, and where it
/// sits on the canvas.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct VideoInput {
    /// A CDN stream's URL (instead of `rtc`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stream_url: Option<String>,
    /// A CDN stream's play count: 1 (default), -1 for a loop, or n.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub repeat: Option<i64>,
    /// An RTC host's video (instead of `streamUrl`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rtc: Option<RtcStream>,
    /// The `.jpg` or `.png` image shown while the host is away.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub placeholder_image_url: Option<String>,
    /// Where the picture sits (`zOrder` 2 to 100).
    pub region: Region,
}

impl VideoInput {
    /// The video of an RTC host, in `region`.
    pub fn rtc(stream: RtcStream, region: Region) -> Self {
        VideoInput {
            stream_url: None,
            repeat: None,
            rtc: Some(stream),
            placeholder_image_url: None,
            region,
        }
    }
}

impl Validate for VideoInput {
    fn validate(&self, at: &FieldPath<'_>) -> Result<(), InvalidInput> {
        check_one_source(self.rtc.is_some(), self.stream_url.is_some(), at)?;
        check_repeat(self.repeat, &at.member("repeat"))?;
        if let Some(url) = &self.placeholder_image_url {
            check_image_url(url, &at.member("placeholderImageUrl"))?;
        }
        self.region.check(&at.member("region"), 2..=100)
    }
}

/// The canvas the video inputs are combined on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Canvas {
    /// Width: 120 to 3840 px.
    pub width: u32,
    /// Height: 120 to 3840 px.
    pub height: u32,
    /// Background colour, RGB as a decimal number: 0 to 16 777 215.
    pub color: u32,
    /// A `.jpg` or `.png` background image.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub background_image: Option<String>,
    /// How the background image fills the canvas (default `FILL`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fill_mode: Option<FillMode>,
}

impl Canvas {
    /// A plain canvas.
    pub fn new(width: u32, height: u32, color: u32) -> Self {
        Canvas {
            width,
            height,
            color,
            background_image: None,
            fill_mode: None,
        }
    }
}

impl Validate for Canvas {
    fn validate(&self, at: &FieldPath<'_>) -> Result<(), InvalidInput> {
        check_range(self.width, 120..=3840, &at.member("width"), " px")?;
        check_range(self.height, 120..=3840, &at.member("height"), " px")?;
        check_range(self.color, 0..=0xFF_FFFF, &at.member("color"), "")?;
        if let Some(url) = &self.background_image {
            check_image_url(url, &at.member("backgroundImage"))?;
        }
        Ok(())
    }
}

/// A watermark image on the canvas.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Watermark {
    /// The `.jpg` or `.png` image.
    pub image_url: String,
    /// Where it sits (`zOrder` 0 to 100).
    pub region: Region,
    /// How it fills its region (default `FILL`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fill_mode: Option<FillMode>,
}

impl Validate for Watermark {
    fn validate(&self, at: &FieldPath<'_>) -> Result<(), InvalidInput> {
        check_image_url(&self.image_url, &at.member("imageUrl"))?;
        self.region.check(&at.member("region"), 0..=100)
    }
}

/// Where the result goes: an RTC channel (`rtc`) or a CDN address
/// (`streamUrl`), with its audio and video settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Output {
    /// The CDN address (instead of `rtc`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stream_url: Option<String>,
    /// The RTC channel (instead of `streamUrl`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rtc: Option<RtcStream>,
    /// The audio settings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audio_option: Option<AudioOption>,
    /// The video settings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub video_option: Option<VideoOption>,
}

impl Output {
    /// An output to an RTC channel.
    pub fn rtc(stream: RtcStream) -> Self {
        Output {
            stream_url: None,
            rtc: Some(stream),
            audio_option: None,
            video_option: None,
        }
    }

    /// An output to a CDN address.
    pub fn cdn(stream_url: impl Into<String>) -> Self {
        Output {
            stream_url: Some(stream_url.into()),
            rtc: None,
            audio_option: None,
            video_option: None,
        }
    }
}

impl Validate for Output {
    fn validate(&self, at: &FieldPath<'_>) -> Result<(), InvalidInput> {
        check_one_source(self.rtc.is_some(), self.stream_url.is_some(), at)?;
        self.video_option.validate(&at.member("videoOption"))
    }
}

/// `audioOption` of an output.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AudioOption {
    /// The audio profile (default `AUDIO_PROFILE_DEFAULT`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profile_type: Option<AudioProfileType>,
}

/// `videoOption` of an output.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct VideoOption {
    /// Width: 120 to 3840 px.
    pub width: u32,
    /// Height: 120 to 3840 px.
    pub height: u32,
    /// Bitrate: 1 to 10 000 (Kbps).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bitrate: Option<u32>,
    /// The codec.
    pub codec: VideoCodec,
    /// Frame rate: 1 to 30 (default 15).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fps: Option<u32>,
    /// `RAW` to pass the input video through untranscoded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mode: Option<VideoOutputMode>,
}

impl Validate for VideoOption {
    fn validate(&self, at: &FieldPath<'_>) -> Result<(), InvalidInput> {
        check_range(self.width, 120..=3840, &at.member("width"), " px")?;
        check_range(self.height, 120..=3840, &at.member("height"), " px")?;
        if let Some(bitrate) = self.bitrate {
            check_range(bitrate, 1..=10_000, &at.member("bitrate"), " Kbps")?;
        }
        if let Some(fps) = self.fps {
            check_range(fps, 1..=30, &at.member("fps"), " fps")?;
        }
        Ok(())
    }
}
