//! What to record and how (`recordingConfig`), and the mixed video of `mix`
//! mode (`transcodingConfig`, layouts).

use std::borrow::Cow;

use base64::Engine as _;
use serde::{Deserialize, Serialize};

use crate::auth::Secret;
use crate::error::InvalidInput;
use crate::types::UidString;
use crate::values::{int_enum, string_enum};

use super::path::{FieldPath, at};
use super::{
    check_exclusive, check_range, check_ratio, check_resolution, check_uid_list,
    serialize_optional_ratio, serialize_ratio,
};

// ---------------------------------------------------------------------------
// Recording.

/// Which streams to subscribe to and how to record them
/// (`recordingConfig`; `individual` and `mix` modes).
///
/// A subscription list and its exclusion list (`subscribeAudioUids` and
/// `unsubscribeAudioUids`, same for video) cannot both be set; each holds
/// at most 32 integer UIDs as strings, or
/// [`ALL_STREAMS`](super::ALL_STREAMS) to subscribe to everyone. The
/// exclusion lists are sent as `unsubscribeAudioUids` /
/// `unsubscribeVideoUids` (Agora's reference spelling) and decoded from
/// either that or the `unSubscribe...` spelling of Agora's guides and
/// clients.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RecordingConfig {
    /// The channel profile; it must match the one the RTC SDK uses.
    pub channel_type: ChannelType,
    /// How the channel's media is encrypted, when it is (default none).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub decryption_mode: Option<DecryptionMode>,
    /// The encryption key; required unless `decryption_mode` is none. A
    /// secret.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub secret: Option<Secret>,
    /// The encryption salt, Base64 of 32 bytes; required with the GCM2
    /// modes (7 and 8).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub salt: Option<String>,
    /// Seconds the channel may stay idle before the recorder leaves: 5 to
    /// 2 592 000 (30 days), default 30.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_idle_time: Option<u32>,
    /// Audio, video or both (default both).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stream_types: Option<StreamTypes>,
    /// High or low stream when senders use dual streams (default high).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub video_stream_type: Option<VideoStreamType>,
    /// Audio streams to record: at most 32 UIDs, or `["#allstream#"]`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subscribe_audio_uids: Option<Vec<String>>,
    /// Audio streams not to record (every other one is): at most 32 UIDs.
    #[serde(
        skip_serializing_if = "Option::is_none",
        alias = "unSubscribeAudioUids"
    )]
    pub unsubscribe_audio_uids: Option<Vec<String>>,
    /// Video streams to record: at most 32 UIDs, or `["#allstream#"]`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subscribe_video_uids: Option<Vec<String>>,
    /// Video streams not to record (every other one is): at most 32 UIDs.
    #[serde(
        skip_serializing_if = "Option::is_none",
        alias = "unSubscribeVideoUids"
    )]
    pub unsubscribe_video_uids: Option<Vec<String>>,
    /// The expected peak number of subscribed UIDs; required in
    /// `individual` mode.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subscribe_uid_group: Option<SubscribeUidGroup>,
    /// The output of `individual` mode (default [`StreamMode::Default`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stream_mode: Option<StreamMode>,
    /// The audio output of `mix` mode (default 48 kHz mono ~48 Kbps).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub audio_profile: Option<AudioProfile>,
    /// The mixed video of `mix` mode.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub transcoding_config: Option<TranscodingConfig>,
}

impl RecordingConfig {
    /// Settings for a channel of `channel_type`, every other one Agora's
    /// default.
    pub fn new(channel_type: ChannelType) -> Self {
        RecordingConfig {
            channel_type,
            decryption_mode: None,
            secret: None,
            salt: None,
            max_idle_time: None,
            stream_types: None,
            video_stream_type: None,
            subscribe_audio_uids: None,
            unsubscribe_audio_uids: None,
            subscribe_video_uids: None,
            unsubscribe_video_uids: None,
            subscribe_uid_group: None,
            stream_mode: None,
            audio_profile: None,
            transcoding_config: None,
        }
    }

    pub(super) fn check(&self, parent: &FieldPath<'_>) -> Result<(), InvalidInput> {
        check_range(
            self.max_idle_time,
            5..=2_592_000,
            || at(parent, "maxIdleTime"),
            " seconds",
        )?;
        if let Some(SubscribeUidGroup::Other(group)) = self.subscribe_uid_group {
            return Err(InvalidInput::new(
                at(parent, "subscribeUidGroup"),
                format!("must be from 0 to 5 (got {group})"),
            ));
        }
        self.check_decryption(parent)?;
        check_exclusive(
            self.subscribe_audio_uids.as_ref(),
            self.unsubscribe_audio_uids.as_ref(),
            parent,
            "subscribeAudioUids",
            "unsubscribeAudioUids",
        )?;
        check_exclusive(
            self.subscribe_video_uids.as_ref(),
            self.unsubscribe_video_uids.as_ref(),
            parent,
            "subscribeVideoUids",
            "unsubscribeVideoUids",
        )?;
        check_uid_list(
            self.subscribe_audio_uids.as_ref(),
            || at(parent, "subscribeAudioUids"),
            true,
        )?;
        check_uid_list(
            self.unsubscribe_audio_uids.as_ref(),
            || at(parent, "unsubscribeAudioUids"),
            false,
        )?;
        check_uid_list(
            self.subscribe_video_uids.as_ref(),
            || at(parent, "subscribeVideoUids"),
            true,
        )?;
        check_uid_list(
            self.unsubscribe_video_uids.as_ref(),
            || at(parent, "unsubscribeVideoUids"),
            false,
        )?;
        if let Some(transcoding) = &self.transcoding_config {
            transcoding.check(&at(parent, "transcodingConfig"))?;
        }
        Ok(())
    }

    fn check_decryption(&self, parent: &FieldPath<'_>) -> Result<(), InvalidInput> {
        let mode = self.decryption_mode.unwrap_or(DecryptionMode::None);
        if mode != DecryptionMode::None && self.secret.is_none() {
            return Err(InvalidInput::new(
                at(parent, "secret"),
                format!(
                    "is required when decryptionMode is not 0 (got {})",
                    mode.value()
                ),
            ));
        }
        if matches!(
            mode,
            DecryptionMode::Aes128Gcm2 | DecryptionMode::Aes256Gcm2
        ) && self.salt.is_none()
        {
            return Err(InvalidInput::new(
                at(parent, "salt"),
                format!(
                    "is required when decryptionMode is 7 or 8 (got {})",
                    mode.value()
                ),
            ));
        }
        if let Some(salt) = &self.salt {
            let decoded = base64::engine::general_purpose::STANDARD.decode(salt);
            match decoded {
                Ok(bytes) if bytes.len() == 32 => {}
                Ok(bytes) => {
                    return Err(InvalidInput::new(
                        at(parent, "salt"),
                        format!("must be Base64 of 32 bytes (got {} bytes)", bytes.len()),
                    ));
                }
                Err(_) => {
                    return Err(InvalidInput::new(
                        at(parent, "salt"),
                        "must be Base64 of 32 bytes (it is not Base64)",
                    ));
                }
            }
        }
        Ok(())
    }
}

int_enum! {
    /// The channel profile (`recordingConfig.channelType`).
    pub enum ChannelType {
        /// Communication (default).
        Communication = 0,
        /// Live broadcasting.
        LiveBroadcasting = 1,
    }
}

int_enum! {
    /// How the channel's media is encrypted (`recordingConfig.decryptionMode`).
    pub enum DecryptionMode {
        /// Not encrypted (default).
        None = 0,
        /// AES-128, XTS mode.
        Aes128Xts = 1,
        /// AES-128, ECB mode.
        Aes128Ecb = 2,
        /// AES-256, XTS mode.
        Aes256Xts = 3,
        /// SM4-128, ECB mode.
        Sm4128Ecb = 4,
        /// AES-128, GCM mode.
        Aes128Gcm = 5,
        /// AES-256, GCM mode.
        Aes256Gcm = 6,
        /// AES-128, GCM2 mode (needs `secret` and `salt`).
        Aes128Gcm2 = 7,
        /// AES-256, GCM2 mode (needs `secret` and `salt`).
        Aes256Gcm2 = 8,
    }
}

int_enum! {
    /// Which media to subscribe to (`recordingConfig.streamTypes`).
    pub enum StreamTypes {
        /// Audio only.
        Audio = 0,
        /// Video only.
        Video = 1,
        /// Audio and video (default).
        AudioAndVideo = 2,
    }
}

int_enum! {
    /// Which stream of a dual-stream sender to subscribe to
    /// (`recordingConfig.videoStreamType`).
    pub enum VideoStreamType {
        /// The high-quality stream (default).
        High = 0,
        /// The low-quality stream.
        Low = 1,
    }
}

int_enum! {
    /// The expected peak number of subscribed UIDs
    /// (`recordingConfig.subscribeUidGroup`), counting each UID once
    /// whether its audio, video or both are recorded.
    pub enum SubscribeUidGroup {
        /// 1 or 2 UIDs.
        UpTo2 = 0,
        /// 3 to 7 UIDs.
        UpTo7 = 1,
        /// 8 to 12 UIDs.
        UpTo12 = 2,
        /// 13 to 17 UIDs.
        UpTo17 = 3,
        /// 18 to 32 UIDs.
        UpTo32 = 4,
        /// 33 to 49 UIDs.
        UpTo49 = 5,
    }
}

string_enum! {
    /// The output of `individual` mode (`recordingConfig.streamMode`).
    pub enum StreamMode {
        /// Separate M3U8 audio and video index files, audio transcoded
        /// (default).
        Default = "default",
        /// Separate audio and video index files plus a merged one (an MPD
        /// file for VP8 web senders).
        Standard = "standard",
        /// Audio only (`streamTypes` 0), not transcoded: an M3U8 audio
        /// index file.
        Original = "original",
    }
}

int_enum! {
    /// Audio sample rate, bitrate, encoding and channels
    /// (`recordingConfig.audioProfile`, web page `serviceParam.audioProfile`).
    pub enum AudioProfile {
        /// 48 kHz, music encoding, mono, about 48 Kbps (default).
        MusicStandard = 0,
        /// 48 kHz, music encoding, mono, about 128 Kbps.
        MusicHighQuality = 1,
        /// 48 kHz, music encoding, stereo, about 192 Kbps.
        MusicHighQualityStereo = 2,
    }
}

impl AudioProfile {
    pub(super) fn check<P: Into<Cow<'static, str>>>(
        self,
        field: impl FnOnce() -> P,
    ) -> Result<(), InvalidInput> {
        if let AudioProfile::Other(profile) = self {
            return Err(InvalidInput::new(
                field(),
                format!("must be 0, 1 or 2 (got {profile})"),
            ));
        }
        Ok(())
    }
}

// ---------------------------------------------------------------------------
// Transcoding and layout (mix mode).

/// The mixed video of `mix` mode (`recordingConfig.transcodingConfig`):
/// its profile and its layout.
///
/// `width × height` may be at most 1920 × 1080 (default 360 × 640, 15 fps,
/// 500 Kbps). The layout rules are those of
/// [`UpdateLayoutClientRequest`](super::client_request::UpdateLayoutClientRequest).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TranscodingConfig {
    /// Width in pixels (default 360).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub width: Option<u32>,
    /// Height in pixels (default 640).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub height: Option<u32>,
    /// Frame rate (default 15).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fps: Option<u32>,
    /// Bitrate in Kbps (default 500).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bitrate: Option<u32>,
    /// The UID in the large window; required with
    /// [`MixedVideoLayout::Vertical`].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_resolution_uid: Option<UidString>,
    /// The layout (default [`MixedVideoLayout::Floating`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mixed_video_layout: Option<MixedVideoLayout>,
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

impl TranscodingConfig {
    fn check(&self, parent: &FieldPath<'_>) -> Result<(), InvalidInput> {
        if self.width.is_some() || self.height.is_some() {
            check_resolution(
                self.width.unwrap_or(360),
                self.height.unwrap_or(640),
                || at(parent, "width"),
                "width × height",
            )?;
        }
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

/// The layout members shared by `transcodingConfig` and `updateLayout`.
pub(super) struct Layout<'a> {
    pub(super) mixed_video_layout: Option<MixedVideoLayout>,
    pub(super) max_resolution_uid: Option<&'a UidString>,
    pub(super) background_color: Option<&'a str>,
    pub(super) layout_config: Option<&'a [LayoutRegion]>,
    pub(super) background_config: Option<&'a [UserBackground]>,
}

/// The most regions a custom layout may have.
const MAX_LAYOUT_REGIONS: usize = 17;

pub(super) fn check_layout(parent: &FieldPath<'_>, layout: Layout<'_>) -> Result<(), InvalidInput> {
    if layout.mixed_video_layout == Some(MixedVideoLayout::Vertical)
        && layout.max_resolution_uid.is_none()
    {
        return Err(InvalidInput::new(
            at(parent, "maxResolutionUid"),
            "is required when mixedVideoLayout is 2 (vertical)",
        ));
    }
    if let Some(color) = layout.background_color {
        let hex = color.strip_prefix('#').unwrap_or("");
        if hex.len() != 6 || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
            return Err(InvalidInput::new(
                at(parent, "backgroundColor"),
                format!("must be an RGB hex colour such as \"#FF0000\" (got {color:?})"),
            ));
        }
    }
    if let Some(regions) = layout.layout_config {
        let field = at(parent, "layoutConfig");
        if regions.len() > MAX_LAYOUT_REGIONS {
            return Err(InvalidInput::new(
                field,
                format!(
                    "must hold at most {MAX_LAYOUT_REGIONS} regions (got {})",
                    regions.len()
                ),
            ));
        }
        for (index, region) in regions.iter().enumerate() {
            region.check(&field.index(index))?;
        }
    }
    if let Some(backgrounds) = layout.background_config {
        let field = at(parent, "backgroundConfig");
        for (index, background) in backgrounds.iter().enumerate() {
            if !background
                .image_url
                .get(..8)
                .is_some_and(|scheme| scheme.eq_ignore_ascii_case("https://"))
            {
                return Err(InvalidInput::new(
                    at(&field.index(index), "image_url"),
                    "must be an HTTPS URL",
                ));
            }
        }
    }
    Ok(())
}

int_enum! {
    /// How `mix` mode lays out the users (`mixedVideoLayout`).
    pub enum MixedVideoLayout {
        /// The first user fills the canvas; up to 16 more float in small
        /// windows above it (default).
        Floating = 0,
        /// Equal windows sized to the number of users, up to 17.
        BestFit = 1,
        /// `maxResolutionUid` large on the left, up to 16 more in two
        /// columns on the right.
        Vertical = 2,
        /// The regions of `layoutConfig`.
        Custom = 3,
    }
}

/// One region of a custom layout (`layoutConfig[]`). Positions and sizes
/// are relative to the canvas, from 0 to 1.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LayoutRegion {
    /// The user shown here; without one, regions go to users in the order
    /// they join.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub uid: Option<UidString>,
    /// The left edge, from 0 (left) to 1 (right).
    #[serde(serialize_with = "serialize_ratio")]
    pub x_axis: f64,
    /// The top edge, from 0 (top) to 1 (bottom).
    #[serde(serialize_with = "serialize_ratio")]
    pub y_axis: f64,
    /// The width, from 0 to 1.
    #[serde(serialize_with = "serialize_ratio")]
    pub width: f64,
    /// The height, from 0 to 1.
    #[serde(serialize_with = "serialize_ratio")]
    pub height: f64,
    /// Opacity, from 0 (transparent) to 1 (opaque, default).
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "serialize_optional_ratio",
        default
    )]
    pub alpha: Option<f64>,
    /// How the video fills the region (default cropped).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub render_mode: Option<RenderMode>,
}

impl LayoutRegion {
    /// A region at `(x_axis, y_axis)` of `width × height`, relative to the
    /// canvas.
    pub fn new(x_axis: f64, y_axis: f64, width: f64, height: f64) -> Self {
        LayoutRegion {
            uid: None,
            x_axis,
            y_axis,
            width,
            height,
            alpha: None,
            render_mode: None,
        }
    }

    fn check(&self, parent: &FieldPath<'_>) -> Result<(), InvalidInput> {
        check_ratio(self.x_axis, || at(parent, "x_axis"))?;
        check_ratio(self.y_axis, || at(parent, "y_axis"))?;
        check_ratio(self.width, || at(parent, "width"))?;
        check_ratio(self.height, || at(parent, "height"))?;
        if let Some(alpha) = self.alpha {
            check_ratio(alpha, || at(parent, "alpha"))?;
        }
        Ok(())
    }
}

int_enum! {
    /// How a video or image fills its window (`render_mode`).
    pub enum RenderMode {
        /// Scaled to fill the window, edges cropped (default).
        Cropped = 0,
        /// Scaled to fit inside the window, with black bars.
        Fit = 1,
    }
}

/// A user's background image (`backgroundConfig[]`), shown when the user
/// stops sending video for over 3.5 seconds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UserBackground {
    /// The user.
    pub uid: UidString,
    /// The image: an HTTPS URL of a JPG or BMP file of at most 6 MB.
    pub image_url: String,
    /// How the image fills the window (default cropped).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub render_mode: Option<RenderMode>,
}

impl UserBackground {
    /// `image_url` behind `uid`.
    pub fn new(uid: UidString, image_url: impl Into<String>) -> Self {
        UserBackground {
            uid,
            image_url: image_url.into(),
            render_mode: None,
        }
    }
}
