//! What a converter is made of: its name, its CDN address, and either the
//! transcoding options (audio mix; the video is in `video.rs`) or the
//! raw options (one user's stream forwarded as it is).

use serde::{Deserialize, Serialize};

use crate::error::InvalidInput;
use crate::types::ChannelName;
use crate::values::{issued_id, string_enum, validated_string};
use crate::{FieldPath, Validate};

use super::video::VideoOptions;

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
