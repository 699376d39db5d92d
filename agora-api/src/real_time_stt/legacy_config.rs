//! The bodies of the legacy (v5/v6) task calls. v5 and v6 share their
//! paths and differ only in body fields, so one set of types carries both
//! (each field says which version documents it); the documented limits
//! are checked before any I/O, naming the dotted wire path.

use serde::{Deserialize, Serialize};

use crate::types::{ChannelName, UidString};
use crate::values::int_enum;
use crate::{FieldPath, InvalidInput, Secret, Validate};

/// Checks a list's length against its documented maximum.
fn check_len<T>(list: &[T], max: usize, at: &FieldPath<'_>) -> Result<(), InvalidInput> {
    if list.len() > max {
        return Err(at.invalid(format!(
            "must list at most {max} items (got {})",
            list.len()
        )));
    }
    Ok(())
}

/// Checks a language list: 1 to 4 entries (v6; v5 said 2), none empty.
fn check_languages(languages: &[String], at: &FieldPath<'_>) -> Result<(), InvalidInput> {
    if languages.is_empty() {
        return Err(at.invalid("must list at least one language"));
    }
    check_len(languages, 4, at)?;
    if languages.iter().any(|language| language.trim().is_empty()) {
        return Err(at.invalid("must not hold an empty language code"));
    }
    Ok(())
}

/// Checks an optional number against a documented inclusive range.
fn check_range(
    value: Option<u32>,
    min: u32,
    max: u32,
    at: &FieldPath<'_>,
    unit: &str,
) -> Result<(), InvalidInput> {
    match value {
        Some(value) if !(min..=max).contains(&value) => {
            Err(at.invalid(format!("must be from {min} to {max}{unit} (got {value})")))
        }
        _ => Ok(()),
    }
}

/// The transcription languages of one user (`uidLanguagesConfig`, v6).
///
/// Agora's table types this list as an object of a `languages` string;
/// its request example sends a list of objects with a `languages` list,
/// which is bound.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LegacyUidLanguages {
    /// The user.
    pub uid: String,
    /// Up to 4 languages.
    pub languages: Vec<String>,
}

impl Validate for LegacyUidLanguages {
    fn validate(&self, at: &FieldPath<'_>) -> Result<(), InvalidInput> {
        if self.uid.is_empty() {
            return Err(at.member("uid").invalid("must not be empty"));
        }
        check_languages(&self.languages, &at.member("languages"))
    }
}

/// Checks `uidLanguagesConfig`: at most 5 users.
fn check_uid_languages(
    list: Option<&Vec<LegacyUidLanguages>>,
    at: &FieldPath<'_>,
) -> Result<(), InvalidInput> {
    if let Some(list) = list {
        check_len(list, 5, at)?;
        list.validate(at)?;
    }
    Ok(())
}

/// `rtcConfig` of a start: the channel and the two bots.
///
/// Agora's v6 table gives `subscribeAudioUids` twice, with at most 3 and
/// at most 32 entries: 32 (with `["all"]` for everyone) is kept.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LegacyRtcConfig {
    /// The channel to transcribe.
    pub channel_name: ChannelName,
    /// The UID of the bot that subscribes to the audio.
    pub sub_bot_uid: UidString,
    /// Its RTC token (with an App Certificate).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sub_bot_token: Option<Secret>,
    /// The UID of the bot that publishes the subtitles.
    pub pub_bot_uid: UidString,
    /// Its RTC token (with an App Certificate).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pub_bot_token: Option<Secret>,
    /// The users to transcribe (at most 32; `["all"]` for everyone).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subscribe_audio_uids: Option<Vec<String>>,
    /// The users not to transcribe (at most 5; v6), instead of
    /// `subscribeAudioUids`.
    #[serde(
        rename = "unSubscribeAudioUids",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub unsubscribe_audio_uids: Option<Vec<String>>,
    /// Encryption mode: 0 (none) to 8.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cryption_mode: Option<u32>,
    /// The key, with a `cryptionMode` other than 0.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secret: Option<Secret>,
    /// The Base64 salt, with `cryptionMode` 7 or 8.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub salt: Option<Secret>,
    /// Subtitles as gzipped JSON instead of Protobuf.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enable_json_protocol: Option<bool>,
    /// Where the subtitles go, RTM or RTC (v5).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transfer_mode: Option<Vec<String>>,
}

impl LegacyRtcConfig {
    /// The channel and the two bots, nothing else set.
    pub fn new(channel_name: ChannelName, sub_bot_uid: UidString, pub_bot_uid: UidString) -> Self {
        LegacyRtcConfig {
            channel_name,
            sub_bot_uid,
            sub_bot_token: None,
            pub_bot_uid,
            pub_bot_token: None,
            subscribe_audio_uids: None,
            unsubscribe_audio_uids: None,
            cryption_mode: None,
            secret: None,
            salt: None,
            enable_json_protocol: None,
            transfer_mode: None,
        }
    }
}

impl Validate for LegacyRtcConfig {
    fn validate(&self, at: &FieldPath<'_>) -> Result<(), InvalidInput> {
        if self.sub_bot_uid == self.pub_bot_uid {
            return Err(at
                .member("pubBotUid")
                .invalid("must differ from subBotUid: UIDs in a channel are unique"));
        }
        if let Some(uids) = &self.subscribe_audio_uids {
            check_len(uids, 32, &at.member("subscribeAudioUids"))?;
        }
        if let Some(uids) = &self.unsubscribe_audio_uids {
            let field = at.member("unSubscribeAudioUids");
            if self.subscribe_audio_uids.is_some() {
                return Err(field.invalid("cannot be set together with subscribeAudioUids"));
            }
            check_len(uids, 5, &field)?;
        }
        check_range(self.cryption_mode, 0, 8, &at.member("cryptionMode"), "")?;
        let mode = self.cryption_mode.unwrap_or(0);
        if mode != 0 && self.secret.is_none() {
            return Err(at
                .member("secret")
                .invalid(format!("is required with cryptionMode {mode}")));
        }
        if matches!(mode, 7 | 8) && self.salt.is_none() {
            return Err(at
                .member("salt")
                .invalid(format!("is required with cryptionMode {mode}")));
        }
        Ok(())
    }
}

/// One translation: a source language and up to 5 targets, none equal to
/// the source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TranslateLanguage {
    /// The source language.
    pub source: String,
    /// The target languages.
    pub target: Vec<String>,
}

/// Checks a translation list: 1 to 4 sources (v6 start; v5 and the
/// update pages say 2), 1 to 5 targets each, no target equal to its
/// source.
fn check_translations(list: &[TranslateLanguage], at: &FieldPath<'_>) -> Result<(), InvalidInput> {
    if list.is_empty() {
        return Err(at.invalid("must list at least one source language"));
    }
    check_len(list, 4, at)?;
    for (index, language) in list.iter().enumerate() {
        let item = at.index(index);
        let target = item.member("target");
        if language.target.is_empty() {
            return Err(target.invalid("must list at least one target language"));
        }
        check_len(&language.target, 5, &target)?;
        if language.target.contains(&language.source) {
            return Err(target.invalid(format!(
                "must not hold the source language {:?}",
                language.source
            )));
        }
    }
    Ok(())
}

/// `translateConfig` of a start.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LegacyTranslateConfig {
    /// Seconds between forced translations: 2 to 5 (v5; default 3).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub force_translate_interval: Option<u32>,
    /// The translations.
    pub languages: Vec<TranslateLanguage>,
}

impl Validate for LegacyTranslateConfig {
    fn validate(&self, at: &FieldPath<'_>) -> Result<(), InvalidInput> {
        check_range(
            self.force_translate_interval,
            2,
            5,
            &at.member("forceTranslateInterval"),
            " seconds",
        )?;
        check_translations(&self.languages, &at.member("languages"))
    }
}

int_enum! {
    /// A third-party storage vendor (`storage.vendor`).
    ///
    /// Agora's tables list 1, 5 and 6; its v6 request example sends 2
    /// (Alibaba Cloud in Cloud Recording's numbering). The enum is open:
    /// any vendor number is sent as it is.
    pub enum LegacyStorageVendor {
        /// Amazon S3.
        AmazonS3 = 1,
        /// Alibaba Cloud (in Cloud Recording's numbering; Agora's STT
        /// example uses it).
        AlibabaCloud = 2,
        /// Microsoft Azure.
        MicrosoftAzure = 5,
        /// Google Cloud.
        GoogleCloud = 6,
    }
}

/// Where subtitle files are stored (`captionConfig.storage`).
///
/// Agora's tables spell the keys `accesskey` and `secretkey`, its request
/// example (and Cloud Recording) `accessKey` and `secretKey`: the latter
/// is sent, both are read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LegacyStorage {
    /// The storage's access key.
    #[serde(alias = "accesskey")]
    pub access_key: String,
    /// The storage's secret key (kept out of `Debug`).
    #[serde(alias = "secretkey")]
    pub secret_key: Secret,
    /// The bucket.
    pub bucket: String,
    /// The vendor.
    pub vendor: LegacyStorageVendor,
    /// The vendor's region code (as in Cloud Recording's tables).
    pub region: i64,
    /// The folders of the files: each ASCII letters and digits, at most
    /// 128 characters with the slashes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file_name_prefix: Option<Vec<String>>,
}

impl Validate for LegacyStorage {
    fn validate(&self, at: &FieldPath<'_>) -> Result<(), InvalidInput> {
        let Some(prefix) = &self.file_name_prefix else {
            return Ok(());
        };
        let field = at.member("fileNamePrefix");
        if let Some(bad) = prefix
            .iter()
            .find(|part| part.is_empty() || !part.chars().all(|c| c.is_ascii_alphanumeric()))
        {
            return Err(field.invalid(format!(
                "{bad:?}: each folder must be ASCII letters and digits"
            )));
        }
        let length = prefix
            .iter()
            .map(String::len)
            .fold(prefix.len().saturating_sub(1), usize::saturating_add);
        if length > 128 {
            return Err(field.invalid(format!(
                "must be at most 128 characters with the slashes (got {length})"
            )));
        }
        Ok(())
    }
}

/// `captionConfig`: recording the subtitles to files.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LegacyCaptionConfig {
    /// Seconds per file: 5 to 28 800 (default 60).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub slice_duration: Option<u32>,
    /// Where the files go.
    pub storage: LegacyStorage,
}

impl Validate for LegacyCaptionConfig {
    fn validate(&self, at: &FieldPath<'_>) -> Result<(), InvalidInput> {
        check_range(
            self.slice_duration,
            5,
            28_800,
            &at.member("sliceDuration"),
            " seconds",
        )?;
        self.storage.validate(&at.member("storage"))
    }
}

/// The rules of a start's top-level members.
pub(super) fn check_start_lists(
    languages: &[String],
    uid_languages: Option<&Vec<LegacyUidLanguages>>,
    max_idle_time: Option<u32>,
) -> Result<(), InvalidInput> {
    check_languages(languages, &FieldPath::root("languages"))?;
    check_uid_languages(uid_languages, &FieldPath::root("uidLanguagesConfig"))?;
    check_range(
        max_idle_time,
        5,
        2_592_000,
        &FieldPath::root("maxIdleTime"),
        " seconds",
    )
}

/// `rtcConfig` of an update.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LegacyRtcUpdate {
    /// The users to transcribe (at most 32; `["all"]` for everyone).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subscribe_audio_uids: Option<Vec<String>>,
}

impl Validate for LegacyRtcUpdate {
    fn validate(&self, at: &FieldPath<'_>) -> Result<(), InvalidInput> {
        match &self.subscribe_audio_uids {
            Some(uids) => check_len(uids, 32, &at.member("subscribeAudioUids")),
            None => Ok(()),
        }
    }
}

/// `translateConfig` of an update: turn translation on or off, or change
/// its languages.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LegacyTranslateUpdate {
    /// Whether to translate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enable: Option<bool>,
    /// The translations.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub languages: Option<Vec<TranslateLanguage>>,
}

impl Validate for LegacyTranslateUpdate {
    fn validate(&self, at: &FieldPath<'_>) -> Result<(), InvalidInput> {
        match &self.languages {
            Some(languages) => check_translations(languages, &at.member("languages")),
            None => Ok(()),
        }
    }
}

/// The rules of an update's top-level lists.
pub(super) fn check_update_lists(
    languages: Option<&Vec<String>>,
    uid_languages: Option<&Vec<LegacyUidLanguages>>,
) -> Result<(), InvalidInput> {
    if let Some(languages) = languages {
        check_languages(languages, &FieldPath::root("languages"))?;
    }
    check_uid_languages(uid_languages, &FieldPath::root("uidLanguagesConfig"))
}
