//! What a cloud player is made of, and what an update may change.

use serde::{Deserialize, Serialize};

use crate::auth::Secret;
use crate::error::InvalidInput;
use crate::types::{ChannelName, NAME_PUNCTUATION, check_name};
use crate::values::{int_enum, issued_id, string_enum, validated_string};
use crate::{FieldPath, Validate};

validated_string! {
    /// A player's name: 1 to 64 ASCII letters, digits, `-` and `_`, unique
    /// in the project (a second create with the same name is `409`, whose
    /// `X-Resource-ID` is the existing player's ID). Agora suggests the
    /// channel and the user, as `class32_101`.
    ///
    /// ```
    /// use agora_api::media_pull::PlayerName;
    /// assert!(PlayerName::new("class32_101").is_ok());
    /// assert!(PlayerName::new("class 32").is_err());
    /// ```
    PlayerName, field = "name", check = check_player_name
}

fn check_player_name(value: &str) -> Result<(), String> {
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
        return Err(format!("must be at most 64 bytes (got {})", value.len()));
    }
    Ok(())
}

validated_string! {
    /// The online media stream a player plays: an `http://`, `https://`,
    /// `rtmp://` or `rtmps://` URL (HLS included) of at most 1024 bytes. A
    /// JPEG or PNG picture's URL plays as video.
    ///
    /// ```
    /// use agora_api::media_pull::StreamUrl;
    /// assert!(StreamUrl::new("rtmp://example.agora.io/live/class32/101").is_ok());
    /// assert_eq!(
    ///     StreamUrl::new("ftp://example.agora.io/a.mp4").unwrap_err().to_string(),
    ///     "invalid `streamUrl`: must be an http://, https://, rtmp:// or rtmps:// URL"
    /// );
    /// ```
    StreamUrl, field = "streamUrl", check = check_stream_url
}

fn check_stream_url(value: &str) -> Result<(), String> {
    let lower = value.get(..8).unwrap_or(value).to_ascii_lowercase();
    let scheme = ["http://", "https://", "rtmp://", "rtmps://"]
        .into_iter()
        .find(|scheme| lower.starts_with(scheme))
        .ok_or("must be an http://, https://, rtmp:// or rtmps:// URL")?;
    let rest = &value[scheme.len()..];
    if rest.is_empty() || rest.starts_with('/') {
        return Err("must name a host after the scheme".into());
    }
    if value.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err("must not contain whitespace or control characters".into());
    }
    if value.len() > 1024 {
        return Err(format!("must be at most 1024 bytes (got {})", value.len()));
    }
    Ok(())
}

validated_string! {
    /// A player's user account in the channel (a string user name): 1 to
    /// 255 bytes of ASCII letters, digits, space and
    /// ``!#$%&()+-:;<=.>?@[]^_{}|~,``, unlike every other user's.
    ///
    /// ```
    /// use agora_api::media_pull::PlayerAccount;
    /// assert!(PlayerAccount::new("teacher 101").is_ok());
    /// assert!(PlayerAccount::new("").is_err());
    /// ```
    PlayerAccount, field = "account", check = check_account
}

fn check_account(value: &str) -> Result<(), String> {
    check_name(value, 255, "bytes", NAME_PUNCTUATION)
}

validated_string! {
    /// A player's ID, as Agora issues it.
    ///
    /// ```
    /// use agora_api::media_pull::PlayerId;
    /// let id: PlayerId = "2a784467d647bb87b60b719f6fa56317".parse()?;
    /// assert_eq!(id, "2a784467d647bb87b60b719f6fa56317");
    /// # Ok::<(), agora_api::InvalidInput>(())
    /// ```
    PlayerId, field = "id", check = issued_id
}

fn check_range<T>(
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

/// The playback speeds Agora takes (`tempo`).
const TEMPOS: [f64; 7] = [0.5, 0.75, 1.0, 1.25, 1.5, 1.75, 2.0];

fn check_tempo(tempo: Option<f64>, at: &FieldPath<'_>) -> Result<(), InvalidInput> {
    match tempo {
        Some(tempo) if !TEMPOS.contains(&tempo) => Err(at.member("tempo").invalid(format!(
            "must be 0.5, 0.75, 1.0, 1.25, 1.5, 1.75 or 2.0 (got {tempo})"
        ))),
        _ => Ok(()),
    }
}

// ---------------------------------------------------------------------------
// The player.

/// A cloud player to create: what
/// [`CreatePlayer`](super::CreatePlayer) sends as `player`.
///
/// It joins `channelName` as `uid` or `account` (one of them is
/// required: Agora answers `400` without), with `token` when the project
/// has an App Certificate.
///
/// ```
/// use agora_api::media_pull::{PlayerConfig, PlayerName, StreamUrl};
/// use agora_api::ChannelName;
///
/// let player = PlayerConfig {
///     name: Some(PlayerName::new("class32_101")?),
///     idle_timeout: Some(300),
///     ..PlayerConfig::with_uid(
///         ChannelName::new("class32")?,
///         StreamUrl::new("rtmp://example.agora.io/live/class32/101")?,
///         101,
///     )
/// };
/// assert_eq!(
///     serde_json::to_string(&player)?,
///     r#"{"channelName":"class32","streamUrl":"rtmp://example.agora.io/live/class32/101","uid":101,"name":"class32_101","idleTimeout":300}"#
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PlayerConfig {
    /// The channel it plays into.
    pub channel_name: ChannelName,
    /// What it plays.
    pub stream_url: StreamUrl,
    /// Its user ID in the channel, 0 to 2³²−1 (0: Agora picks one).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub uid: Option<u32>,
    /// Its user account in the channel, instead of `uid`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub account: Option<PlayerAccount>,
    /// The RTC token it joins with, for its `uid` or `account`. A secret.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub token: Option<Secret>,
    /// Unique in the project.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<PlayerName>,
    /// Audio transcoding (none when unset).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub audio_options: Option<PlayerAudioOptions>,
    /// Video transcoding (none when unset).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub video_options: Option<PlayerVideoOptions>,
    /// When to start playing, Unix seconds, within a day before and five
    /// minutes after the creation (0 or unset: at once).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub play_ts: Option<u64>,
    /// Seconds it may stay idle (not playing) before Agora destroys it:
    /// 5 to 600, default 300; Agora moves other values into that range
    /// rather than refusing them, so they are sent as given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub idle_timeout: Option<u32>,
    /// Built-in encryption.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub encrypt_mode: Option<EncryptMode>,
    /// The encryption key (Agora recommends 32 bytes). A secret.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub encrypt_key: Option<Secret>,
    /// The 32-byte salt, Base64, required by the `gcm2` modes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub encrypt_kdf_salt: Option<String>,
    /// How often an on-demand file plays: 1 (default), `-1` for ever, or
    /// N; never 0.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub repeat_time: Option<i64>,
    /// Where an on-demand file starts, seconds (default 0).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub seek_position: Option<u64>,
    /// Data-stream SEI with the playback position (on-demand files).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data_stream_options: Option<DataStreamOptions>,
    /// Playback speed: 0.5, 0.75, 1.0 (default), 1.25, 1.5, 1.75, 2.0.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tempo: Option<f64>,
}

impl PlayerConfig {
    /// A player of `stream_url` in `channel` as user `uid`; the rest
    /// unset.
    pub fn with_uid(channel: ChannelName, stream_url: StreamUrl, uid: u32) -> Self {
        PlayerConfig {
            channel_name: channel,
            stream_url,
            uid: Some(uid),
            account: None,
            token: None,
            name: None,
            audio_options: None,
            video_options: None,
            play_ts: None,
            idle_timeout: None,
            encrypt_mode: None,
            encrypt_key: None,
            encrypt_kdf_salt: None,
            repeat_time: None,
            seek_position: None,
            data_stream_options: None,
            tempo: None,
        }
    }

    /// A player of `stream_url` in `channel` as user account `account`.
    pub fn with_account(
        channel: ChannelName,
        stream_url: StreamUrl,
        account: PlayerAccount,
    ) -> Self {
        PlayerConfig {
            uid: None,
            account: Some(account),
            ..PlayerConfig::with_uid(channel, stream_url, 0)
        }
    }
}

impl Validate for PlayerConfig {
    fn validate(&self, at: &FieldPath<'_>) -> Result<(), InvalidInput> {
        match (self.uid, &self.account) {
            (None, None) => {
                return Err(at
                    .member("uid")
                    .invalid("is required, or account instead: the player needs a user name"));
            }
            (Some(_), Some(_)) => {
                return Err(at
                    .member("account")
                    .invalid("must not be set with uid: the player has one user name"));
            }
            _ => {}
        }
        if let Some(audio) = &self.audio_options {
            audio.validate(&at.member("audioOptions"))?;
        }
        if let Some(video) = &self.video_options {
            video.validate(&at.member("videoOptions"))?;
        }
        if let Some(repeat) = self.repeat_time
            && (repeat == 0 || repeat < -1)
        {
            return Err(at.member("repeatTime").invalid(format!(
                "must be -1 (for ever) or at least 1 (got {repeat})"
            )));
        }
        if self
            .encrypt_mode
            .as_ref()
            .is_some_and(EncryptMode::needs_salt)
            && self.encrypt_kdf_salt.as_deref().is_none_or(str::is_empty)
        {
            return Err(at
                .member("encryptKdfSalt")
                .invalid("is required by the aes-128-gcm2 and aes-256-gcm2 modes"));
        }
        check_tempo(self.tempo, at)
    }
}

int_enum! {
    /// The audio profile of a transcoding player (`audioOptions.profile`).
    pub enum AudioProfile {
        /// Default: 48 kHz music, mono, up to 64 Kbps in live broadcasting.
        Default = 0,
        /// 32 kHz speech, mono, up to 18 Kbps.
        SpeechStandard = 1,
        /// 48 kHz music, mono, up to 64 Kbps.
        MusicStandard = 2,
        /// 48 kHz music, stereo, up to 80 Kbps.
        MusicStandardStereo = 3,
        /// 48 kHz music, mono, up to 96 Kbps.
        MusicHighQuality = 4,
        /// 48 kHz music, stereo, up to 128 Kbps.
        MusicHighQualityStereo = 5,
    }
}

/// `audioOptions`: the player's audio. On create, `profile`; on update,
/// `volume` (with `profile` to change both).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PlayerAudioOptions {
    /// The profile (default 0).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub profile: Option<AudioProfile>,
    /// 0 to 200 (default 100, the original volume).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub volume: Option<u32>,
}

impl Validate for PlayerAudioOptions {
    fn validate(&self, at: &FieldPath<'_>) -> Result<(), InvalidInput> {
        check_range(self.volume, 0..=200, || at.member("volume").to_string())
    }
}

string_enum! {
    /// The video codec of a transcoding player (`videoOptions.codec`).
    pub enum PlayerVideoCodec {
        /// H.264 (Agora's default).
        H264 = "H.264",
        /// VP9 (English reference page only).
        Vp9 = "VP9",
    }
}

string_enum! {
    /// How the video fills the output (`videoOptions.fillMode`).
    pub enum PlayerFillMode {
        /// Scaled to show all of it (Agora's default).
        Fit = "fit",
        /// Scaled to fill the output (cropped).
        Fill = "fill",
    }
}

/// `videoOptions`: the player's video transcoding.
///
/// The English page gives `frameRate` 1 to 30, the OpenAPI document 5 to
/// 30: 1 to 30 is taken. The OpenAPI document gives `gop` in seconds, 1
/// to 10 (default 2); the English page's example sends 30, and documents
/// no range: 1 to 10 is enforced, and that example is recorded as one
/// the rule refuses (`specs/media-pull.json`, exceptions
/// `frame-rate-range` and `gop-seconds`). The English page lists `VP9`
/// among the codecs, the OpenAPI document H.264 only: both are known.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PlayerVideoOptions {
    /// Pixels, 66 to 1920 (default: the stream's).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub width: Option<u32>,
    /// Pixels, 66 to 1080 (default: the stream's).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub height: Option<u32>,
    /// Landscape streams out at 1280 × 720, portrait at 720 × 1280.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub width_height_adaption: Option<bool>,
    /// Frames per second, 1 to 30 (default 15).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub frame_rate: Option<u32>,
    /// Kbps, 1 to 10000.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bitrate: Option<u32>,
    /// Seconds between key frames, 1 to 10 (default 2).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gop: Option<u32>,
    /// The codec.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub codec: Option<PlayerVideoCodec>,
    /// `fit` (default) or `fill`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fill_mode: Option<PlayerFillMode>,
}

impl Validate for PlayerVideoOptions {
    fn validate(&self, at: &FieldPath<'_>) -> Result<(), InvalidInput> {
        check_range(self.width, 66..=1920, || at.member("width").to_string())?;
        check_range(self.height, 66..=1080, || at.member("height").to_string())?;
        check_range(self.frame_rate, 1..=30, || {
            at.member("frameRate").to_string()
        })?;
        check_range(self.bitrate, 1..=10_000, || {
            at.member("bitrate").to_string()
        })?;
        check_range(self.gop, 1..=10, || at.member("gop").to_string())
    }
}

string_enum! {
    /// Built-in encryption (`encryptMode`). Agora recommends the `gcm2`
    /// modes, which take a salt.
    pub enum EncryptMode {
        /// 128-bit AES, XTS.
        Aes128Xts = "aes-128-xts",
        /// 256-bit AES, XTS.
        Aes256Xts = "aes-256-xts",
        /// 128-bit AES, ECB.
        Aes128Ecb = "aes-128-ecb",
        /// 128-bit SM4, ECB.
        Sm4128Ecb = "sm4-128-ecb",
        /// 128-bit AES, GCM.
        Aes128Gcm = "aes-128-gcm",
        /// 256-bit AES, GCM.
        Aes256Gcm = "aes-256-gcm",
        /// 128-bit AES, GCM, with a salt.
        Aes128Gcm2 = "aes-128-gcm2",
        /// 256-bit AES, GCM, with a salt.
        Aes256Gcm2 = "aes-256-gcm2",
    }
}

impl EncryptMode {
    /// Whether the mode needs `encryptKdfSalt`.
    pub fn needs_salt(&self) -> bool {
        matches!(self, EncryptMode::Aes128Gcm2 | EncryptMode::Aes256Gcm2)
    }
}

/// `dataStreamOptions`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DataStreamOptions {
    /// Send the file's length and position as Agora data-stream SEI
    /// (protobuf; default `false`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enable: Option<bool>,
}

// ---------------------------------------------------------------------------
// Update.

/// What [`UpdatePlayer`](super::UpdatePlayer) changes: one or more of
/// these (nothing else can change).
///
/// ```
/// use agora_api::media_pull::{PlayerAudioOptions, PlayerUpdate};
/// let louder = PlayerUpdate::volume(150);
/// assert_eq!(serde_json::to_string(&louder)?, r#"{"audioOptions":{"volume":150}}"#);
/// let pause = PlayerUpdate { is_pause: Some(true), ..PlayerUpdate::default() };
/// assert_eq!(serde_json::to_string(&pause)?, r#"{"isPause":true}"#);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PlayerUpdate {
    /// The volume (and with it, optionally, the profile).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub audio_options: Option<PlayerAudioOptions>,
    /// Pause (`true`) or play (`false`). A paused player is not idle, so
    /// Agora keeps it (and bills it) until it is deleted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub is_pause: Option<bool>,
    /// Another stream.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stream_url: Option<StreamUrl>,
    /// Another position in an on-demand file, seconds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub seek_position: Option<u64>,
    /// Another playback speed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tempo: Option<f64>,
}

impl PlayerUpdate {
    /// An update of the volume only (0 to 200).
    pub fn volume(volume: u32) -> Self {
        PlayerUpdate {
            audio_options: Some(PlayerAudioOptions {
                profile: None,
                volume: Some(volume),
            }),
            ..PlayerUpdate::default()
        }
    }

    /// Whether it changes nothing.
    pub fn is_empty(&self) -> bool {
        self == &PlayerUpdate::default()
    }
}

impl Validate for PlayerUpdate {
    fn validate(&self, at: &FieldPath<'_>) -> Result<(), InvalidInput> {
        if self.is_empty() {
            return Err(at.invalid(
                "must set at least one of audioOptions, isPause, streamUrl, seekPosition and tempo",
            ));
        }
        if let Some(audio) = &self.audio_options {
            let at = at.member("audioOptions");
            if audio.volume.is_none() {
                return Err(at
                    .member("volume")
                    .invalid("is required when an update sets audioOptions"));
            }
            audio.validate(&at)?;
        }
        check_tempo(self.tempo, at)
    }
}
