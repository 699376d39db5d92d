//! What a v7 Real-Time STT agent is told: its languages, its bots in the
//! RTC channel, translation, caption recording and storage, keywords, and
//! the parts of that an update may change.

use serde::{Deserialize, Serialize};

use crate::auth::Secret;
use crate::error::InvalidInput;
use crate::runtime::validate::{ByValidate as _, Field, NothingToValidate as _};
use crate::types::{ChannelName, UidString};
use crate::values::{
    closed_enum, comma_list, int_enum, string_enum, validated_number, validated_string,
};
use crate::{FieldPath, Validate};

/// A list newtype whose length Agora bounds: the bounds are checked by
/// `new` (errors naming `field`) and again by [`Validate`] before each
/// send and after each decode (errors naming the list's full path), and
/// so are the items' own rules.
macro_rules! bounded_list {
    (
        $(#[$meta:meta])*
        $name:ident of $item:ty, field = $field:literal, noun = $noun:literal,
        min = $min:literal, max = $max:literal
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(Vec<$item>);

        impl $name {
            /// The fewest items Agora accepts.
            pub const MIN: usize = $min;
            /// The most items Agora accepts.
            pub const MAX: usize = $max;

            /// Checks the number of items against Agora's bounds.
            pub fn new<I>(items: I) -> Result<Self, InvalidInput>
            where
                I: IntoIterator,
                I::Item: Into<$item>,
            {
                let list = $name(items.into_iter().map(Into::into).collect());
                list.check_count().map_err(|rule| InvalidInput::new($field, rule))?;
                Ok(list)
            }

            /// The items, in order.
            pub fn as_slice(&self) -> &[$item] {
                &self.0
            }

            fn check_count(&self) -> Result<(), String> {
                let count = self.0.len();
                if (Self::MIN..=Self::MAX).contains(&count) {
                    Ok(())
                } else if Self::MIN == 0 {
                    Err(format!("must list at most {} {} (got {count})", Self::MAX, $noun))
                } else {
                    Err(format!(
                        "must list {} to {} {} (got {count})",
                        Self::MIN,
                        Self::MAX,
                        $noun
                    ))
                }
            }
        }

        impl Validate for $name {
            fn validate(&self, at: &FieldPath<'_>) -> Result<(), InvalidInput> {
                self.check_count().map_err(|rule| at.invalid(rule))?;
                for (index, item) in self.0.iter().enumerate() {
                    (&Field(item)).validate_field(&at.index(index))?;
                }
                Ok(())
            }
        }
    };
}

validated_string! {
    /// A language code of Agora's "Supported languages" table (`en-US`,
    /// `zh-CN`, `ar-SA`): 2 to 16 ASCII letters, digits and `-`, starting
    /// with a letter. Agora adds languages over time, so the table itself
    /// is not checked here: a code it lacks is Agora's to refuse.
    ///
    /// ```
    /// use agora_api::real_time_stt::SttLanguage;
    /// assert!(SttLanguage::new("en-US").is_ok());
    /// assert_eq!(
    ///     SttLanguage::new("en US").unwrap_err().to_string(),
    ///     "invalid `language`: must be 2 to 16 ASCII letters, digits and -, starting with a letter (got \"en US\")"
    /// );
    /// ```
    SttLanguage, field = "language", check = check_language
}

fn check_language(value: &str) -> Result<(), String> {
    let fits = (2..=16).contains(&value.len())
        && value.starts_with(|c: char| c.is_ascii_alphabetic())
        && value.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    if fits {
        Ok(())
    } else {
        Err(format!(
            "must be 2 to 16 ASCII letters, digits and -, starting with a letter (got {value:?})"
        ))
    }
}

bounded_list! {
    /// The languages to transcribe: 1 to 4 (more languages cost more and
    /// can lower the quality).
    ///
    /// ```
    /// use agora_api::real_time_stt::{SttLanguage, SttLanguages};
    /// let languages = SttLanguages::new([SttLanguage::new("en-US")?, SttLanguage::new("es-ES")?])?;
    /// assert_eq!(languages.as_slice().len(), 2);
    /// let five = ["en-US", "es-ES", "fr-FR", "de-DE", "ja-JP"].map(|code| SttLanguage::new(code).unwrap());
    /// assert_eq!(
    ///     SttLanguages::new(five).unwrap_err().to_string(),
    ///     "invalid `languages`: must list 1 to 4 languages (got 5)"
    /// );
    /// # Ok::<(), agora_api::InvalidInput>(())
    /// ```
    SttLanguages of SttLanguage, field = "languages", noun = "languages", min = 1, max = 4
}

bounded_list! {
    /// Words to recognize more reliably (names, jargon): at most 500.
    /// An empty list, in an update, removes the keywords.
    SttKeywords of String, field = "keywords", noun = "keywords", min = 0, max = 500
}

validated_string! {
    /// The UID of an audio stream to subscribe to: a UID from 1 to
    /// 4294967295, as text, or `all` (every user, as Agora's update page
    /// documents).
    ///
    /// ```
    /// use agora_api::real_time_stt::AudioUid;
    /// assert!(AudioUid::new("all").is_ok());
    /// assert!(AudioUid::new("1002").is_ok());
    /// assert!(AudioUid::new("0").is_err());
    /// ```
    AudioUid, field = "subscribeAudioUids", check = check_audio_uid
}

impl AudioUid {
    /// Every user's audio stream.
    pub fn all() -> Self {
        AudioUid(Box::from("all"))
    }
}

impl From<UidString> for AudioUid {
    fn from(uid: UidString) -> Self {
        AudioUid(uid.to_string().into_boxed_str())
    }
}

fn check_audio_uid(value: &str) -> Result<(), String> {
    if value == "all" || value.parse::<UidString>().is_ok() {
        Ok(())
    } else {
        Err(format!(
            "must be `all` or a UID from 1 to 4294967295 (got {value:?})"
        ))
    }
}

bounded_list! {
    /// The audio streams to transcribe, by UID: at most 32.
    SubscribeAudioUids of AudioUid, field = "subscribeAudioUids", noun = "UIDs", min = 0, max = 32
}

bounded_list! {
    /// The audio streams not to transcribe, by UID: at most 5.
    UnsubscribeAudioUids of UidString, field = "unSubscribeAudioUids", noun = "UIDs", min = 0, max = 5
}

/// The languages of one user's audio (`uidLanguagesConfig[]`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UidLanguages {
    /// The user.
    pub uid: UidString,
    /// Their languages: 1 to 4.
    pub languages: SttLanguages,
}

impl Validate for UidLanguages {
    fn validate(&self, at: &FieldPath<'_>) -> Result<(), InvalidInput> {
        self.languages.validate(&at.member("languages"))
    }
}

bounded_list! {
    /// Per-user languages: at most 5 users. An empty list, in an update,
    /// removes them.
    UidLanguagesConfig of UidLanguages, field = "uidLanguagesConfig", noun = "users", min = 0, max = 5
}

validated_number! {
    /// How long the agent stays in a channel where nobody speaks (no host
    /// in a live channel, nobody in a communication one), in seconds:
    /// 5 to 2 592 000 (30 days); Agora's default is 30.
    ///
    /// ```
    /// use agora_api::real_time_stt::MaxIdleTime;
    /// assert_eq!(MaxIdleTime::new(300)?.get(), 300);
    /// assert_eq!(
    ///     MaxIdleTime::new(4).unwrap_err().to_string(),
    ///     "invalid `maxIdleTime`: must be from 5 to 2592000 (got 4)"
    /// );
    /// # Ok::<(), agora_api::InvalidInput>(())
    /// ```
    MaxIdleTime(u32), field = "maxIdleTime", check = check_max_idle_time
}

fn check_max_idle_time(value: u32) -> Result<u32, InvalidInput> {
    in_range(value, 5, 2_592_000, "maxIdleTime")
}

fn in_range(value: u32, low: u32, high: u32, field: &'static str) -> Result<u32, InvalidInput> {
    if (low..=high).contains(&value) {
        Ok(value)
    } else {
        Err(InvalidInput::new(
            field,
            format!("must be from {low} to {high} (got {value})"),
        ))
    }
}

int_enum! {
    /// How the channel's streams are decrypted and the subtitles
    /// encrypted (`rtcConfig.cryptionMode`); it must match the channel's.
    pub enum CryptionMode {
        /// No encryption.
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
        /// AES-128, GCM mode, with a key and a salt.
        Aes128Gcm2 = 7,
        /// AES-256, GCM mode, with a key and a salt.
        Aes256Gcm2 = 8,
    }
}

/// The agent's two bots in the RTC channel (`rtcConfig` of
/// [`StartSttAgent`](super::StartSttAgent)).
///
/// `pubBotUid` must be used by nobody else in the channel. Agora's page
/// says the subscribing bot's UID is "always identical" to `pubBotUid`,
/// while also saying every UID in a channel must be unique; neither is
/// enforced here, the UIDs are sent as given. UIDs are integers from 1 to
/// 4294967295, sent as text as Agora's example does (`"88222"`).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SttRtcConfig {
    /// The channel to transcribe.
    pub channel_name: ChannelName,
    /// The bot that publishes the subtitles.
    pub pub_bot_uid: UidString,
    /// Its RTC token, when the project has an App Certificate. A secret.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pub_bot_token: Option<Secret>,
    /// The bot that subscribes to the audio.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sub_bot_uid: Option<UidString>,
    /// Its RTC token, when the project has an App Certificate. A secret.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sub_bot_token: Option<Secret>,
    /// Only these users' audio (not with `un_subscribe_audio_uids`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subscribe_audio_uids: Option<SubscribeAudioUids>,
    /// Everyone's audio but these users' (not with
    /// `subscribe_audio_uids`). Agora spells it `unSubscribeAudioUids`.
    #[serde(
        default,
        rename = "unSubscribeAudioUids",
        skip_serializing_if = "Option::is_none"
    )]
    pub un_subscribe_audio_uids: Option<UnsubscribeAudioUids>,
    /// The channel's encryption; `secret` is required with any mode but
    /// [`CryptionMode::None`], and `salt` with the two GCM2 modes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cryption_mode: Option<CryptionMode>,
    /// The encryption key. A secret.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secret: Option<Secret>,
    /// The encryption salt: base64 of 32 bytes. A secret.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub salt: Option<Secret>,
    /// `true`: subtitles as gzip-compressed JSON; `false` (Agora's
    /// default): Protobuf.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enable_json_protocol: Option<bool>,
}

impl SttRtcConfig {
    /// The channel and publishing bot, everything else left to Agora's
    /// defaults.
    pub fn new(channel_name: ChannelName, pub_bot_uid: UidString) -> Self {
        SttRtcConfig {
            channel_name,
            pub_bot_uid,
            pub_bot_token: None,
            sub_bot_uid: None,
            sub_bot_token: None,
            subscribe_audio_uids: None,
            un_subscribe_audio_uids: None,
            cryption_mode: None,
            secret: None,
            salt: None,
            enable_json_protocol: None,
        }
    }
}

impl Validate for SttRtcConfig {
    fn validate(&self, at: &FieldPath<'_>) -> Result<(), InvalidInput> {
        self.subscribe_audio_uids
            .validate(&at.member("subscribeAudioUids"))?;
        self.un_subscribe_audio_uids
            .validate(&at.member("unSubscribeAudioUids"))?;
        if self.subscribe_audio_uids.is_some() && self.un_subscribe_audio_uids.is_some() {
            return Err(at
                .member("unSubscribeAudioUids")
                .invalid("must not be set with subscribeAudioUids"));
        }
        let Some(mode) = self.cryption_mode else {
            return Ok(());
        };
        if let CryptionMode::Other(other) = mode {
            return Err(at
                .member("cryptionMode")
                .invalid(format!("must be from 0 to 8 (got {other})")));
        }
        if mode != CryptionMode::None && self.secret.as_ref().is_none_or(|s| s.expose().is_empty())
        {
            return Err(at
                .member("secret")
                .invalid("is required when cryptionMode is not 0"));
        }
        if matches!(mode, CryptionMode::Aes128Gcm2 | CryptionMode::Aes256Gcm2) {
            check_salt(self.salt.as_ref()).map_err(|rule| at.member("salt").invalid(rule))?;
        }
        Ok(())
    }
}

/// A GCM2 salt: present, and base64 of exactly 32 bytes.
fn check_salt(salt: Option<&Secret>) -> Result<(), &'static str> {
    use base64::Engine as _;
    let salt = salt.ok_or("is required when cryptionMode is 7 or 8")?;
    match base64::engine::general_purpose::STANDARD.decode(salt.expose()) {
        Ok(bytes) if bytes.len() == 32 => Ok(()),
        _ => Err("must be base64 of 32 bytes"),
    }
}

/// The subscription an update may change (`rtcConfig` of
/// [`UpdateSttAgent`](super::UpdateSttAgent)).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SttRtcUpdate {
    /// Only these users' audio; `["all"]` for everyone's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subscribe_audio_uids: Option<SubscribeAudioUids>,
}

impl SttRtcUpdate {
    /// Subscribes to `uids` instead.
    pub fn subscribe(uids: SubscribeAudioUids) -> Self {
        SttRtcUpdate {
            subscribe_audio_uids: Some(uids),
        }
    }
}

impl Validate for SttRtcUpdate {
    fn validate(&self, at: &FieldPath<'_>) -> Result<(), InvalidInput> {
        self.subscribe_audio_uids
            .validate(&at.member("subscribeAudioUids"))
    }
}

bounded_list! {
    /// The languages one source language is translated into: 1 to 10.
    TargetLanguages of SttLanguage, field = "target", noun = "target languages", min = 1, max = 10
}

/// One source language and what it is translated into
/// (`translateConfig.languages[]`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Translation {
    /// The language translated from.
    pub source: SttLanguage,
    /// The languages translated into: 1 to 10.
    pub target: TargetLanguages,
}

impl Validate for Translation {
    fn validate(&self, at: &FieldPath<'_>) -> Result<(), InvalidInput> {
        self.target.validate(&at.member("target"))
    }
}

bounded_list! {
    /// The translations: at most 4 source languages.
    Translations of Translation, field = "languages", noun = "source languages", min = 0, max = 4
}

impl Translations {
    /// Refuses a translation into its own source language, which Agora
    /// refuses when the agent transcribes only that one language.
    pub(super) fn check_single_language(
        &self,
        languages: &SttLanguages,
        at: &FieldPath<'_>,
    ) -> Result<(), InvalidInput> {
        let [only] = languages.as_slice() else {
            return Ok(());
        };
        for (index, translation) in self.0.iter().enumerate() {
            if translation.source == *only && translation.target.as_slice().contains(only) {
                return Err(at.index(index).member("target").invalid(format!(
                    "must not contain the source language {only} when it is the only language transcribed"
                )));
            }
        }
        Ok(())
    }
}

/// Subtitle translation at start (`translateConfig` of
/// [`StartSttAgent`](super::StartSttAgent)).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct SttTranslateConfig {
    /// The translations: at most 4 source languages.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub languages: Option<Translations>,
}

impl SttTranslateConfig {
    /// Translates as `languages` says.
    pub fn new(languages: Translations) -> Self {
        SttTranslateConfig {
            languages: Some(languages),
        }
    }
}

impl Validate for SttTranslateConfig {
    fn validate(&self, at: &FieldPath<'_>) -> Result<(), InvalidInput> {
        self.languages.validate(&at.member("languages"))
    }
}

/// Subtitle translation in an update (`translateConfig` of
/// [`UpdateSttAgent`](super::UpdateSttAgent)): turned on (with
/// `languages` when the agent translated nothing so far), off, or to other
/// languages.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct SttTranslateUpdate {
    /// Whether to translate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enable: Option<bool>,
    /// The translations: at most 4 source languages.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub languages: Option<Translations>,
}

impl SttTranslateUpdate {
    /// Turns translation on, into `languages`.
    pub fn enable(languages: Translations) -> Self {
        SttTranslateUpdate {
            enable: Some(true),
            languages: Some(languages),
        }
    }

    /// Turns translation off.
    pub fn disable() -> Self {
        SttTranslateUpdate {
            enable: Some(false),
            languages: None,
        }
    }
}

impl Validate for SttTranslateUpdate {
    fn validate(&self, at: &FieldPath<'_>) -> Result<(), InvalidInput> {
        self.languages.validate(&at.member("languages"))
    }
}

closed_enum! {
    /// A field an update changes, as `updateMask` names it.
    pub enum SttUpdateField in "updateMask" {
        /// `languages`.
        Languages = "languages",
        /// `keywords`.
        Keywords = "keywords",
        /// `uidLanguagesConfig`.
        UidLanguagesConfig = "uidLanguagesConfig",
        /// `rtcConfig.subscribeAudioUids`.
        SubscribeAudioUids = "rtcConfig.subscribeAudioUids",
        /// `translateConfig.enable`.
        TranslateEnable = "translateConfig.enable",
        /// `translateConfig.languages`.
        TranslateLanguages = "translateConfig.languages",
    }
}

comma_list! {
    /// The fields an update changes (`updateMask`), comma-separated: each
    /// must be set in the update's body, and each field the body sets must
    /// be named.
    ///
    /// ```
    /// use agora_api::real_time_stt::{SttUpdateField, SttUpdateMask};
    /// let mask: SttUpdateMask = "translateConfig.enable,translateConfig.languages".parse()?;
    /// assert_eq!(mask.as_slice(), [SttUpdateField::TranslateEnable, SttUpdateField::TranslateLanguages]);
    /// assert!("translateConfig.target".parse::<SttUpdateMask>().is_err());
    /// # Ok::<(), agora_api::InvalidInput>(())
    /// ```
    SttUpdateMask of SttUpdateField, field = "updateMask", max = 6,
    parse = |text| text.parse::<SttUpdateField>(),
    check = |_| Ok(())
}

validated_number! {
    /// How long each recorded subtitle file is, in seconds: 5 to 28 800;
    /// Agora's default is 60.
    SliceDuration(u32), field = "sliceDuration", check = check_slice_duration
}

fn check_slice_duration(value: u32) -> Result<u32, InvalidInput> {
    in_range(value, 5, 28_800, "sliceDuration")
}

/// Subtitle recording (`captionConfig`).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SttCaptionConfig {
    /// How long each file is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub slice_duration: Option<SliceDuration>,
    /// Where the files go.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub storage: Option<SttStorage>,
}

impl SttCaptionConfig {
    /// Records into `storage`, in files of Agora's default length.
    pub fn new(storage: SttStorage) -> Self {
        SttCaptionConfig {
            slice_duration: None,
            storage: Some(storage),
        }
    }
}

impl Validate for SttCaptionConfig {
    fn validate(&self, at: &FieldPath<'_>) -> Result<(), InvalidInput> {
        self.storage.validate(&at.member("storage"))
    }
}

int_enum! {
    /// A cloud storage provider (`captionConfig.storage.vendor`).
    pub enum SttStorageVendor {
        /// Amazon S3.
        AmazonS3 = 1,
        /// Alibaba Cloud.
        AlibabaCloud = 2,
        /// Tencent Cloud.
        TencentCloud = 3,
        /// Microsoft Azure.
        MicrosoftAzure = 5,
        /// Google Cloud.
        GoogleCloud = 6,
        /// Huawei Cloud.
        HuaweiCloud = 7,
        /// Baidu AI Cloud.
        BaiduAiCloud = 8,
        /// Another S3-compatible service (MinIO, self-hosted): set
        /// `extensionParams.endpoint`.
        S3Compatible = 11,
    }
}

/// Third-party cloud storage for the subtitle files
/// (`captionConfig.storage`).
///
/// Agora's parameter table spells the keys `accesskey` and `secretkey`,
/// while its request example (and every other Agora storage setting) sends
/// `accessKey` and `secretKey`: those are sent, and both are read.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SttStorage {
    /// The provider. The table says "1 to 8" and lists 11 too, which is
    /// accepted.
    pub vendor: SttStorageVendor,
    /// The provider's region number (Agora's third-party storage region
    /// tables); it should be where the request comes from.
    pub region: u32,
    /// The bucket.
    pub bucket: String,
    /// The access key.
    #[serde(alias = "accesskey")]
    pub access_key: String,
    /// The secret key. A secret.
    #[serde(alias = "secretkey")]
    pub secret_key: Secret,
    /// Directories the files go in: `["a", "b"]` makes `a/b/`. ASCII
    /// letters and digits only, 128 characters in all with the slashes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file_name_prefix: Option<Vec<String>>,
}

impl SttStorage {
    /// Storage with the required settings.
    pub fn new(
        vendor: SttStorageVendor,
        region: u32,
        bucket: impl Into<String>,
        access_key: impl Into<String>,
        secret_key: impl Into<Secret>,
    ) -> Self {
        SttStorage {
            vendor,
            region,
            bucket: bucket.into(),
            access_key: access_key.into(),
            secret_key: secret_key.into(),
            file_name_prefix: None,
        }
    }
}

impl Validate for SttStorage {
    fn validate(&self, at: &FieldPath<'_>) -> Result<(), InvalidInput> {
        if self.bucket.is_empty() {
            return Err(at.member("bucket").invalid("must not be empty"));
        }
        let Some(prefix) = &self.file_name_prefix else {
            return Ok(());
        };
        let field = at.member("fileNamePrefix");
        if let Some(bad) = prefix
            .iter()
            .find(|dir| dir.is_empty() || !dir.chars().all(|c| c.is_ascii_alphanumeric()))
        {
            return Err(field.invalid(format!(
                "directory {bad:?} must be non-empty ASCII letters and digits"
            )));
        }
        let total = prefix.iter().try_fold(0_usize, |sum, dir| {
            sum.checked_add(dir.len())?.checked_add(1)
        });
        match total {
            Some(total) if total <= 128 => Ok(()),
            _ => Err(field.invalid(format!(
                "must be at most 128 characters with the slashes (got {})",
                total.map_or_else(|| "more".to_owned(), |total| total.to_string())
            ))),
        }
    }
}

string_enum! {
    /// Server-side encryption of the stored files (Amazon S3 only).
    pub enum SttServerSideEncryption {
        /// AES-256.
        Aes256 = "aes256",
        /// AWS KMS.
        Kms = "kms",
    }
}

/// Storage extensions (`extensionParams`, a top-level member of the
/// start body in Agora's table): the S3-compatible endpoint, tags and
/// encryption.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SttExtensionParams {
    /// The S3-compatible service's URL with its scheme
    /// (`http://host:9002`); required with vendor 11.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub endpoint: Option<String>,
    /// The rclone backend type (`s3`).
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub backend_type: Option<String>,
    /// The storage provider's name (`Minio`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider: Option<String>,
    /// The rclone S3 region, over the one `storage.region` implies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// The base object tag (Tencent Cloud, Alibaba Cloud, Amazon S3).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tag: Option<String>,
    /// Tags added by file name rules; Agora documents no shape for the
    /// rules, so each is free-form JSON.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tag_by_rule: Option<Vec<serde_json::Value>>,
    /// Server-side encryption (Amazon S3 only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sse: Option<SttServerSideEncryption>,
    /// Object names by uploaded file extension, overriding the default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub overwritekeys: Option<serde_json::Map<String, serde_json::Value>>,
}

impl SttExtensionParams {
    /// The S3-compatible service at `endpoint`.
    pub fn s3_compatible(endpoint: impl Into<String>) -> Self {
        SttExtensionParams {
            endpoint: Some(endpoint.into()),
            ..SttExtensionParams::default()
        }
    }
}
