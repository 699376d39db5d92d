//! Transcoding templates of an entry point: Agora's standard ones,
//! switched on or off, and custom ones made from an encoder setting.

use serde::Deserialize;

use crate::values::{closed_enum, validated_string};
use crate::{AppId, Endpoint, InvalidInput, endpoint_docs};

use super::{Done, EntryPointName};

closed_enum! {
    /// A standard transcoding template: a height (the width follows the
    /// source's aspect ratio) and an H.264 video bitrate.
    pub enum StandardTranscodingTemplate in "name" {
        /// `ld`: 240 px high, 400 Kbps.
        Ld = "ld",
        /// `sd1`: 360 px high, 640 Kbps.
        Sd1 = "sd1",
        /// `sd2`: 480 px high, 800 Kbps.
        Sd2 = "sd2",
        /// `sd3`: 540 px high, 1,200 Kbps.
        Sd3 = "sd3",
        /// `hd`: 720 px high, 1,500 Kbps.
        Hd = "hd",
        /// `fhd`: 1080 px high, 2,100 Kbps.
        Fhd = "fhd",
    }
}

fn custom_template_name(value: &str) -> Result<(), String> {
    if value.is_empty() || value.len() > 64 {
        return Err(format!("must be 1 to 64 bytes (got {})", value.len()));
    }
    if let Some(bad) = value
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')))
    {
        return Err(format!(
            "contains {bad:?}; allowed are ASCII letters, digits, -, _ and ."
        ));
    }
    if StandardTranscodingTemplate::ALL
        .iter()
        .any(|standard| standard.as_str() == value)
    {
        return Err(format!(
            "must not be the name of a standard template (got {value:?})"
        ));
    }
    Ok(())
}

validated_string! {
    /// The name of a custom transcoding template: 1 to 64 ASCII letters,
    /// digits, `-`, `_` and `.`, and never the name of a standard one
    /// (`ld`, `sd1`, `sd2`, `sd3`, `hd`, `fhd`), which Agora refuses.
    ///
    /// ```
    /// use agora_api::media_broadcast::TranscodingTemplateName;
    /// assert!(TranscodingTemplateName::new("mobile_360").is_ok());
    /// assert!(TranscodingTemplateName::new("hd").is_err());
    /// ```
    TranscodingTemplateName, field = "name", check = custom_template_name
}

closed_enum! {
    /// The video codec of a custom template: H.264 only.
    pub enum TranscodeVideoCodec in "videoCodec" {
        /// `h264`.
        H264 = "h264",
    }
}

closed_enum! {
    /// The audio codec of a custom template: AAC only.
    pub enum TranscodeAudioCodec in "audioCodec" {
        /// `aac`.
        Aac = "aac",
    }
}

closed_enum! {
    /// The H.264 profile of a custom template.
    pub enum TranscodeProfile in "profile" {
        /// `base`: for mobile devices.
        Base = "base",
        /// `main`: for standard-resolution devices.
        Main = "main",
        /// `high`: for high-resolution devices.
        High = "high",
    }
}

/// The audio sample rates a custom template takes, Hz.
pub const AUDIO_SAMPLE_RATES: [u32; 7] = [96_000, 88_200, 64_000, 48_000, 44_100, 32_000, 16_000];

/// The encoder members of a custom template, as its create and update
/// calls carry them, checked together.
struct Encoder<'a> {
    width: Option<u32>,
    height: Option<u32>,
    video_codec: Option<&'a TranscodeVideoCodec>,
    video_bitrate: Option<u32>,
    profile: Option<&'a TranscodeProfile>,
    audio_codec: Option<&'a TranscodeAudioCodec>,
    audio_bitrate: Option<u32>,
    audio_sample_rate: Option<u32>,
}

impl Encoder<'_> {
    fn check(&self) -> Result<(), InvalidInput> {
        let ranges = [
            ("width", self.width, 0, 1920),
            ("height", self.height, 0, 1920),
            ("videoBitrate", self.video_bitrate, 200, 6000),
            ("audioBitrate", self.audio_bitrate, 100, 500),
        ];
        for (field, value, low, high) in ranges {
            if let Some(value) = value
                && !(low..=high).contains(&value)
            {
                return Err(InvalidInput::new(
                    field,
                    format!("must be from {low} to {high} (got {value})"),
                ));
            }
        }
        if let Some(rate) = self.audio_sample_rate
            && !AUDIO_SAMPLE_RATES.contains(&rate)
        {
            return Err(InvalidInput::new(
                "audioSampleRate",
                format!(
                    "must be one of 96000, 88200, 64000, 48000, 44100, 32000, 16000 (got {rate})"
                ),
            ));
        }
        if self.video_bitrate.is_some() && self.profile.is_some() && self.video_codec.is_none() {
            return Err(InvalidInput::new(
                "videoCodec",
                "is required with videoBitrate and profile",
            ));
        }
        if self.audio_bitrate.is_some()
            && self.audio_sample_rate.is_some()
            && self.audio_codec.is_none()
        {
            return Err(InvalidInput::new(
                "audioCodec",
                "is required with audioBitrate and audioSampleRate",
            ));
        }
        Ok(())
    }
}

/// Switches a standard transcoding template on or off for an entry
/// point's streams.
///
/// Idempotent: it sets a switch.
///
/// ```
/// use agora_api::media_broadcast::{EntryPointName, SetStandardTranscodingTemplate, StandardTranscodingTemplate};
/// use agora_api::{AppId, Client};
///
/// let call = SetStandardTranscodingTemplate::builder()
///     .appid(AppId::new("0123456789abcdef0123456789abcdef")?)
///     .entry_point(EntryPointName::new("live")?)
///     .name(StandardTranscodingTemplate::Sd1)
///     .enabled(true)
///     .build();
/// let client = Client::builder().hmac_auth("id", "secret").build()?;
/// assert!(client.prepare(&call)?.url().path().ends_with("/settings/transcode/standard/sd1"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    PATCH,
    "/v1/projects/{appid}/fls/entry_points/{entry_point}/settings/transcode/standard/{name}",
    response = Done,
    idempotent,
    doc = "https://docs.agora.io/en/broadcast-streaming/restful-api/transcoding/standard",
    rate_limit(50, per = second, scope = app_id, shared = "media_broadcast"),
)]
#[auth(hmac)]
pub struct SetStandardTranscodingTemplate {
    /// The project.
    pub appid: AppId,
    /// The entry point.
    pub entry_point: EntryPointName,
    /// The template.
    pub name: StandardTranscodingTemplate,
    /// Whether the entry point's streams are transcoded with it.
    pub enabled: bool,
}

/// Lists the standard transcoding templates an entry point uses.
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    GET,
    "/v1/projects/{appid}/fls/entry_points/{entry_point}/settings/transcode/standard",
    response = StandardTranscodingTemplates,
    doc = "https://docs.agora.io/en/broadcast-streaming/restful-api/transcoding/standard",
    rate_limit(50, per = second, scope = app_id, shared = "media_broadcast"),
)]
#[auth(hmac)]
pub struct ListStandardTranscodingTemplates {
    /// The project.
    pub appid: AppId,
    /// The entry point.
    pub entry_point: EntryPointName,
}

/// The standard templates of an entry point, as
/// [`ListStandardTranscodingTemplates`] answers them.
///
/// ```
/// use agora_api::media_broadcast::StandardTranscodingTemplates;
/// let listed: StandardTranscodingTemplates =
///     serde_json::from_str(r#"{"transcodeList": [{"enabled": true, "name": "sd1"}]}"#)?;
/// assert_eq!(listed.transcode_list[0].name, "sd1");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct StandardTranscodingTemplates {
    /// The templates.
    #[serde(default)]
    pub transcode_list: Vec<StandardTemplateState>,
}

/// One standard template and whether it is on.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct StandardTemplateState {
    /// The template's name (`sd1`), as sent.
    #[serde(default)]
    pub name: String,
    /// Whether it is on.
    #[serde(default)]
    pub enabled: bool,
}

/// Creates a custom transcoding template for an entry point, named in
/// the query (`?id=`).
///
/// `width` and `height` are 0 to 1920 pixels (0: follow the source's
/// aspect ratio); bitrates are in Kbps (the page says bit/s, but its
/// ranges, 200 to 6000 and 100 to 500, and its example, 1200, are Kbps;
/// exception `fls-transcoding-bitrate-unit`). `videoCodec` is required
/// with `videoBitrate` and `profile`, `audioCodec` with `audioBitrate`
/// and `audioSampleRate`. Not idempotent: a second copy fails, the name
/// being taken.
///
/// ```
/// use agora_api::media_broadcast::{
///     CreateCustomTranscodingTemplate, EntryPointName, TranscodeProfile, TranscodeVideoCodec,
///     TranscodingTemplateName,
/// };
/// use agora_api::{AppId, Client};
///
/// let call = CreateCustomTranscodingTemplate::builder()
///     .appid(AppId::new("0123456789abcdef0123456789abcdef")?)
///     .entry_point(EntryPointName::new("live")?)
///     .name(TranscodingTemplateName::new("mobile_360")?)
///     .width(0)
///     .height(360)
///     .video_codec(TranscodeVideoCodec::H264)
///     .video_bitrate(1200)
///     .profile(TranscodeProfile::Base)
///     .build();
/// let client = Client::builder().hmac_auth("id", "secret").build()?;
/// let request = client.prepare(&call)?;
/// assert!(request.url().as_str().ends_with("/settings/transcode/custom?id=mobile_360"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    POST,
    "/v1/projects/{appid}/fls/entry_points/{entry_point}/settings/transcode/custom",
    response = Done,
    validate = CreateCustomTranscodingTemplate::check,
    doc = "https://docs.agora.io/en/broadcast-streaming/restful-api/transcoding/custom",
    rate_limit(50, per = second, scope = app_id, shared = "media_broadcast"),
)]
#[auth(hmac)]
pub struct CreateCustomTranscodingTemplate {
    /// The project.
    pub appid: AppId,
    /// The entry point.
    pub entry_point: EntryPointName,
    /// The new template's name.
    #[endpoint(query = "id")]
    pub name: TranscodingTemplateName,
    /// Video width, 0 to 1920 pixels (0: from the aspect ratio).
    pub width: u32,
    /// Video height, 0 to 1920 pixels (0: from the aspect ratio).
    pub height: u32,
    /// The video codec.
    #[endpoint(rename = "videoCodec")]
    pub video_codec: Option<TranscodeVideoCodec>,
    /// Video bitrate, 200 to 6000 Kbps.
    #[endpoint(rename = "videoBitrate")]
    pub video_bitrate: Option<u32>,
    /// The H.264 profile.
    pub profile: Option<TranscodeProfile>,
    /// The audio codec.
    #[endpoint(rename = "audioCodec")]
    pub audio_codec: Option<TranscodeAudioCodec>,
    /// Audio bitrate, 100 to 500 Kbps.
    #[endpoint(rename = "audioBitrate")]
    pub audio_bitrate: Option<u32>,
    /// Audio sample rate, one of [`AUDIO_SAMPLE_RATES`].
    #[endpoint(rename = "audioSampleRate")]
    pub audio_sample_rate: Option<u32>,
}

impl CreateCustomTranscodingTemplate {
    fn check(&self) -> Result<(), InvalidInput> {
        Encoder {
            width: Some(self.width),
            height: Some(self.height),
            video_codec: self.video_codec.as_ref(),
            video_bitrate: self.video_bitrate,
            profile: self.profile.as_ref(),
            audio_codec: self.audio_codec.as_ref(),
            audio_bitrate: self.audio_bitrate,
            audio_sample_rate: self.audio_sample_rate,
        }
        .check()
    }
}

/// Changes a custom transcoding template; what is left out stays.
///
/// `width` and `height` go together; the rules are those of
/// [`CreateCustomTranscodingTemplate`]. Idempotent: the same change sent
/// twice leaves the same template.
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    PATCH,
    "/v1/projects/{appid}/fls/entry_points/{entry_point}/settings/transcode/custom/{name}",
    response = Done,
    idempotent,
    validate = UpdateCustomTranscodingTemplate::check,
    doc = "https://docs.agora.io/en/broadcast-streaming/restful-api/transcoding/custom",
    rate_limit(50, per = second, scope = app_id, shared = "media_broadcast"),
)]
#[auth(hmac)]
pub struct UpdateCustomTranscodingTemplate {
    /// The project.
    pub appid: AppId,
    /// The entry point.
    pub entry_point: EntryPointName,
    /// The template.
    pub name: TranscodingTemplateName,
    /// Video width, 0 to 1920 pixels; with `height`.
    pub width: Option<u32>,
    /// Video height, 0 to 1920 pixels; with `width`.
    pub height: Option<u32>,
    /// The video codec.
    #[endpoint(rename = "videoCodec")]
    pub video_codec: Option<TranscodeVideoCodec>,
    /// Video bitrate, 200 to 6000 Kbps.
    #[endpoint(rename = "videoBitrate")]
    pub video_bitrate: Option<u32>,
    /// The H.264 profile.
    pub profile: Option<TranscodeProfile>,
    /// The audio codec.
    #[endpoint(rename = "audioCodec")]
    pub audio_codec: Option<TranscodeAudioCodec>,
    /// Audio bitrate, 100 to 500 Kbps.
    #[endpoint(rename = "audioBitrate")]
    pub audio_bitrate: Option<u32>,
    /// Audio sample rate, one of [`AUDIO_SAMPLE_RATES`].
    #[endpoint(rename = "audioSampleRate")]
    pub audio_sample_rate: Option<u32>,
}

impl UpdateCustomTranscodingTemplate {
    fn check(&self) -> Result<(), InvalidInput> {
        match (self.width, self.height) {
            (Some(_), None) => return Err(InvalidInput::new("height", "is required with width")),
            (None, Some(_)) => return Err(InvalidInput::new("width", "is required with height")),
            _ => {}
        }
        Encoder {
            width: self.width,
            height: self.height,
            video_codec: self.video_codec.as_ref(),
            video_bitrate: self.video_bitrate,
            profile: self.profile.as_ref(),
            audio_codec: self.audio_codec.as_ref(),
            audio_bitrate: self.audio_bitrate,
            audio_sample_rate: self.audio_sample_rate,
        }
        .check()
    }
}

/// Deletes a custom transcoding template.
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    DELETE,
    "/v1/projects/{appid}/fls/entry_points/{entry_point}/settings/transcode/custom/{name}",
    response = Done,
    doc = "https://docs.agora.io/en/broadcast-streaming/restful-api/transcoding/custom",
    rate_limit(50, per = second, scope = app_id, shared = "media_broadcast"),
)]
#[auth(hmac)]
pub struct DeleteCustomTranscodingTemplate {
    /// The project.
    pub appid: AppId,
    /// The entry point.
    pub entry_point: EntryPointName,
    /// The template.
    pub name: TranscodingTemplateName,
}

/// Lists the custom transcoding templates of an entry point.
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    GET,
    "/v1/projects/{appid}/fls/entry_points/{entry_point}/settings/transcode/custom",
    response = CustomTranscodingTemplates,
    doc = "https://docs.agora.io/en/broadcast-streaming/restful-api/transcoding/custom",
    rate_limit(50, per = second, scope = app_id, shared = "media_broadcast"),
)]
#[auth(hmac)]
pub struct ListCustomTranscodingTemplates {
    /// The project.
    pub appid: AppId,
    /// The entry point.
    pub entry_point: EntryPointName,
}

/// The custom templates of an entry point, as
/// [`ListCustomTranscodingTemplates`] answers them.
///
/// ```
/// use agora_api::media_broadcast::CustomTranscodingTemplates;
/// let listed: CustomTranscodingTemplates = serde_json::from_str(
///     r#"{"transcodeList": [{"name": "mobile_360", "width": 0, "height": 360, "videoCodec": "h264"}]}"#,
/// )?;
/// assert_eq!(listed.transcode_list[0].height, 360);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct CustomTranscodingTemplates {
    /// The templates.
    #[serde(default)]
    pub transcode_list: Vec<CustomTranscodingTemplate>,
}

/// One custom template, as listed; codecs and profile as sent.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct CustomTranscodingTemplate {
    /// Its name.
    #[serde(default)]
    pub name: String,
    /// Video width, pixels (0: from the aspect ratio).
    #[serde(default)]
    pub width: u32,
    /// Video height, pixels (0: from the aspect ratio).
    #[serde(default)]
    pub height: u32,
    /// The video codec (`h264`).
    #[serde(default)]
    pub video_codec: Option<String>,
    /// Video bitrate, Kbps.
    #[serde(default)]
    pub video_bitrate: Option<u32>,
    /// The H.264 profile (`base`, `main`, `high`).
    #[serde(default)]
    pub profile: Option<String>,
    /// The audio codec (`aac`).
    #[serde(default)]
    pub audio_codec: Option<String>,
    /// Audio bitrate, Kbps.
    #[serde(default)]
    pub audio_bitrate: Option<u32>,
    /// Audio sample rate, Hz.
    #[serde(default)]
    pub audio_sample_rate: Option<u32>,
}
