//! The legacy (v5/v6) task calls: start with a builder token, then query,
//! update and stop with the same token, from the task's session.

#![allow(deprecated)]

use serde::Deserialize;

use crate::types::{AppId, BuilderToken, BuilderTokenTask, TaskId};
use crate::values::{comma_list, string_enum};
use crate::{Endpoint, InvalidInput, endpoint_docs};

use super::builder_token::{LegacyStt, SttBuilderToken};
use super::legacy_config::{
    LegacyCaptionConfig, LegacyRtcConfig, LegacyRtcUpdate, LegacyTranslateConfig,
    LegacyTranslateUpdate, LegacyUidLanguages, check_start_lists, check_update_lists,
};

/// The session of a legacy STT task: its App ID, ID and builder token,
/// kept together (see [`BuilderTokenTask`]).
pub type LegacySttTaskSession = BuilderTokenTask<LegacyStt>;

/// Starts a legacy (v5/v6) Real-Time STT task with a fresh builder token.
///
/// Build it with [`StartLegacySttTask::new`] from the acquired token, then
/// make the task's session with
/// [`into_task`](crate::types::AcquiredBuilderToken::into_task): the
/// later calls are made from it. The token starts one task, within five
/// minutes of its acquire. v5 and v6 share this call; fields documented by
/// one version only say so. Not idempotent: a retry never re-sends it
/// once it may have reached Agora.
///
/// ```
/// # #![allow(deprecated)]
/// use agora_api::real_time_stt::{LegacyRtcConfig, StartLegacySttTask, SttBuilderToken};
/// use agora_api::{AppId, ChannelName, Client, UidString};
///
/// let token: SttBuilderToken = serde_json::from_str(
///     r#"{"tokenName":"tok-1","createTs":1678505791,"instanceId":"room-42"}"#,
/// )?;
/// let rtc = LegacyRtcConfig::new(ChannelName::new("agora-test")?, UidString::new(47091)?, UidString::new(88222)?);
/// let start = StartLegacySttTask::new(
///     AppId::new("0123456789abcdef0123456789abcdef")?,
///     &token,
///     vec!["en-US".to_owned()],
///     rtc,
/// );
/// let client = Client::builder().basic_auth("id", "secret").build()?;
/// let request = client.prepare(&start)?;
/// assert_eq!(request.url().query(), Some("builderToken=tok-1"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[deprecated(
    note = "Real-Time STT v5/v6: deprecated by Agora in June 2025, ended on 2026-06-11; use the v7 agents API"
)]
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    POST,
    "/v1/projects/{appId}/rtsc/speech-to-text/tasks",
    response = LegacySttTask,
    validate = StartLegacySttTask::check,
    doc = "https://docs.agora.io/en/api-reference/api-ref/speech-to-text/rest-api-v6/start",
)]
#[auth(basic)]
pub struct StartLegacySttTask {
    /// The project's App ID.
    #[endpoint(path, rename = "appId")]
    pub app_id: AppId,
    /// The acquired builder token.
    #[endpoint(query = "builderToken")]
    pub builder_token: BuilderToken,
    /// The languages to recognize: 1 to 4 (v5 said 2).
    pub languages: Vec<String>,
    /// Languages per user, at most 5 users (v6).
    #[endpoint(rename = "uidLanguagesConfig")]
    pub uid_languages_config: Option<Vec<LegacyUidLanguages>>,
    /// Seconds the channel may stay empty before the task ends: 5 to
    /// 2 592 000 (default 30).
    #[endpoint(rename = "maxIdleTime")]
    pub max_idle_time: Option<u32>,
    /// The channel and the bots.
    #[endpoint(rename = "rtcConfig")]
    pub rtc_config: LegacyRtcConfig,
    /// Translation.
    #[endpoint(rename = "translateConfig")]
    pub translate_config: Option<LegacyTranslateConfig>,
    /// Subtitle files.
    #[endpoint(rename = "captionConfig")]
    pub caption_config: Option<LegacyCaptionConfig>,
}

impl StartLegacySttTask {
    /// The start call of `token`'s task, with the required members only.
    pub fn new(
        app_id: AppId,
        token: &SttBuilderToken,
        languages: Vec<String>,
        rtc_config: LegacyRtcConfig,
    ) -> Self {
        StartLegacySttTask {
            app_id,
            builder_token: token.token_name.clone(),
            languages,
            uid_languages_config: None,
            max_idle_time: None,
            rtc_config,
            translate_config: None,
            caption_config: None,
        }
    }

    fn check(&self) -> Result<(), InvalidInput> {
        check_start_lists(
            &self.languages,
            self.uid_languages_config.as_ref(),
            self.max_idle_time,
        )
    }
}

/// Reads a legacy STT task's status.
///
/// Agora's v5 page gives a builder token's fields as this call's example
/// answer; the tables (and the v6 example) answer the task, which is
/// bound.
///
/// ```
/// # #![allow(deprecated)]
/// use agora_api::real_time_stt::{LegacySttTaskSession, QueryLegacySttTask};
/// use agora_api::types::{BuilderToken, InstanceId, TaskId};
/// use agora_api::{AppId, Client};
///
/// let task = LegacySttTaskSession::resume(
///     AppId::new("0123456789abcdef0123456789abcdef")?,
///     TaskId::new("task-1")?,
///     BuilderToken::new("tok-1")?,
///     InstanceId::new("room-42")?,
///     0,
/// );
/// let client = Client::builder().basic_auth("id", "secret").build()?;
/// let request = client.prepare(&QueryLegacySttTask::of(&task))?;
/// assert!(request.url().as_str().ends_with("/speech-to-text/tasks/task-1?builderToken=tok-1"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[deprecated(
    note = "Real-Time STT v5/v6: deprecated by Agora in June 2025, ended on 2026-06-11; use the v7 agents API"
)]
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    GET,
    "/v1/projects/{appId}/rtsc/speech-to-text/tasks/{taskId}",
    response = LegacySttTask,
    doc = "https://docs.agora.io/en/api-reference/api-ref/speech-to-text/rest-api-v6/query",
)]
#[auth(basic)]
pub struct QueryLegacySttTask {
    /// The project's App ID.
    #[endpoint(path, rename = "appId")]
    pub app_id: AppId,
    /// The task.
    #[endpoint(path, rename = "taskId")]
    pub task_id: TaskId,
    /// The builder token that started it.
    #[endpoint(query = "builderToken")]
    pub builder_token: BuilderToken,
}

impl QueryLegacySttTask {
    /// The query of `task`.
    pub fn of(task: &LegacySttTaskSession) -> Self {
        QueryLegacySttTask {
            app_id: task.app_id().clone(),
            task_id: task.task_id().clone(),
            builder_token: task.builder_token().clone(),
        }
    }
}

string_enum! {
    /// A member an update changes (an item of `updateMask`).
    pub enum LegacySttUpdateField {
        /// `languages`.
        Languages = "languages",
        /// `uidLanguagesConfig` (v6).
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
    /// What an update changes (`updateMask`): comma-separated members,
    /// e.g. `languages,rtcConfig.subscribeAudioUids`.
    ///
    /// ```
    /// # #![allow(deprecated)]
    /// use agora_api::real_time_stt::{LegacySttUpdateField, LegacySttUpdateMask};
    /// let mask = LegacySttUpdateMask::new([LegacySttUpdateField::Languages, LegacySttUpdateField::TranslateEnable])?;
    /// assert_eq!(mask.to_string(), "languages,translateConfig.enable");
    /// assert!("".parse::<LegacySttUpdateMask>().is_err());
    /// # Ok::<(), agora_api::InvalidInput>(())
    /// ```
    LegacySttUpdateMask of LegacySttUpdateField, field = "updateMask", max = 16,
    parse = |item| Ok(LegacySttUpdateField::from(item)),
    check = |item| if item.as_str().is_empty() { Err("must not hold an empty member".into()) } else { Ok(()) }
}

/// Changes a running legacy STT task: the members `updateMask` names.
///
/// Each update takes a larger `sequenceId` than the last (the session
/// hands them out: 0, 1, 2, …). A member named in the mask must be in the
/// body. Not idempotent: a retry never re-sends it once it may have
/// reached Agora.
///
/// ```
/// # #![allow(deprecated)]
/// use agora_api::real_time_stt::{
///     LegacySttTaskSession, LegacySttUpdateField, LegacySttUpdateMask, UpdateLegacySttTask,
/// };
/// use agora_api::types::{BuilderToken, InstanceId, TaskId};
/// use agora_api::{AppId, Client};
///
/// let mut task = LegacySttTaskSession::resume(
///     AppId::new("0123456789abcdef0123456789abcdef")?,
///     TaskId::new("task-1")?,
///     BuilderToken::new("tok-1")?,
///     InstanceId::new("room-42")?,
///     0,
/// );
/// let mut update = UpdateLegacySttTask::of(&mut task, LegacySttUpdateMask::new([LegacySttUpdateField::Languages])?)?;
/// update.languages = Some(vec!["en-US".to_owned(), "ja-JP".to_owned()]);
/// let client = Client::builder().basic_auth("id", "secret").build()?;
/// let request = client.prepare(&update)?;
/// assert_eq!(request.url().query(), Some("builderToken=tok-1&sequenceId=0&updateMask=languages"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[deprecated(
    note = "Real-Time STT v5/v6: deprecated by Agora in June 2025, ended on 2026-06-11; use the v7 agents API"
)]
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    PATCH,
    "/v1/projects/{appId}/rtsc/speech-to-text/tasks/{taskId}",
    response = LegacySttTask,
    validate = UpdateLegacySttTask::check,
    doc = "https://docs.agora.io/en/api-reference/api-ref/speech-to-text/rest-api-v6/update",
)]
#[auth(basic)]
pub struct UpdateLegacySttTask {
    /// The project's App ID.
    #[endpoint(path, rename = "appId")]
    pub app_id: AppId,
    /// The task.
    #[endpoint(path, rename = "taskId")]
    pub task_id: TaskId,
    /// The builder token that started it.
    #[endpoint(query = "builderToken")]
    pub builder_token: BuilderToken,
    /// Larger than the last update's.
    #[endpoint(query = "sequenceId")]
    pub sequence_id: u64,
    /// The members changed.
    #[endpoint(query = "updateMask")]
    pub update_mask: LegacySttUpdateMask,
    /// The languages to recognize: 1 to 4.
    pub languages: Option<Vec<String>>,
    /// Languages per user, at most 5 users (v6).
    #[endpoint(rename = "uidLanguagesConfig")]
    pub uid_languages_config: Option<Vec<LegacyUidLanguages>>,
    /// The users transcribed.
    #[endpoint(rename = "rtcConfig")]
    pub rtc_config: Option<LegacyRtcUpdate>,
    /// Translation on or off, and its languages.
    #[endpoint(rename = "translateConfig")]
    pub translate_config: Option<LegacyTranslateUpdate>,
}

impl UpdateLegacySttTask {
    /// The next update of `task`, changing the members of `mask` (set
    /// them on the value): it takes the session's next `sequenceId`.
    pub fn of(
        task: &mut LegacySttTaskSession,
        mask: LegacySttUpdateMask,
    ) -> Result<Self, InvalidInput> {
        Ok(UpdateLegacySttTask {
            sequence_id: task.next_sequence_id()?,
            app_id: task.app_id().clone(),
            task_id: task.task_id().clone(),
            builder_token: task.builder_token().clone(),
            update_mask: mask,
            languages: None,
            uid_languages_config: None,
            rtc_config: None,
            translate_config: None,
        })
    }

    fn check(&self) -> Result<(), InvalidInput> {
        check_update_lists(self.languages.as_ref(), self.uid_languages_config.as_ref())?;
        let translate = self.translate_config.as_ref();
        for field in self.update_mask.as_slice() {
            let present = match field {
                LegacySttUpdateField::Languages => self.languages.is_some(),
                LegacySttUpdateField::UidLanguagesConfig => self.uid_languages_config.is_some(),
                LegacySttUpdateField::SubscribeAudioUids => self
                    .rtc_config
                    .as_ref()
                    .is_some_and(|rtc| rtc.subscribe_audio_uids.is_some()),
                LegacySttUpdateField::TranslateEnable => {
                    translate.is_some_and(|t| t.enable.is_some())
                }
                LegacySttUpdateField::TranslateLanguages => {
                    translate.is_some_and(|t| t.languages.is_some())
                }
                LegacySttUpdateField::Other(_) => true,
            };
            if !present {
                return Err(InvalidInput::new(
                    "updateMask",
                    format!("names {field}, which the body does not set"),
                ));
            }
        }
        Ok(())
    }
}

/// Stops a legacy STT task: the bots leave the channel. Starting again
/// needs a new builder token.
///
/// Agora documents a `200` without a body; a body, if any, is read as
/// the task. Not idempotent: a second stop finds no task and would hide
/// the first one's answer, so a retry never re-sends it once it may have
/// reached Agora.
///
/// ```
/// # #![allow(deprecated)]
/// use agora_api::real_time_stt::{LegacySttTaskSession, StopLegacySttTask};
/// use agora_api::types::{BuilderToken, InstanceId, TaskId};
/// use agora_api::{AppId, Client};
///
/// let task = LegacySttTaskSession::resume(
///     AppId::new("0123456789abcdef0123456789abcdef")?,
///     TaskId::new("task-1")?,
///     BuilderToken::new("tok-1")?,
///     InstanceId::new("room-42")?,
///     0,
/// );
/// let client = Client::builder().basic_auth("id", "secret").build()?;
/// assert_eq!(client.prepare(&StopLegacySttTask::of(&task))?.method(), "DELETE");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[deprecated(
    note = "Real-Time STT v5/v6: deprecated by Agora in June 2025, ended on 2026-06-11; use the v7 agents API"
)]
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    DELETE,
    "/v1/projects/{appId}/rtsc/speech-to-text/tasks/{taskId}",
    response = Option<LegacySttTask>,
    idempotent = false,
    doc = "https://docs.agora.io/en/api-reference/api-ref/speech-to-text/rest-api-v6/stop",
)]
#[auth(basic)]
pub struct StopLegacySttTask {
    /// The project's App ID.
    #[endpoint(path, rename = "appId")]
    pub app_id: AppId,
    /// The task.
    #[endpoint(path, rename = "taskId")]
    pub task_id: TaskId,
    /// The builder token that started it.
    #[endpoint(query = "builderToken")]
    pub builder_token: BuilderToken,
}

impl StopLegacySttTask {
    /// The stop call of `task`.
    pub fn of(task: &LegacySttTaskSession) -> Self {
        StopLegacySttTask {
            app_id: task.app_id().clone(),
            task_id: task.task_id().clone(),
            builder_token: task.builder_token().clone(),
        }
    }
}

string_enum! {
    /// The state of a legacy STT task (`status`).
    pub enum LegacySttTaskStatus {
        /// Not initialized.
        Idle = "IDLE",
        /// Initializing.
        Preparing = "PREPARING",
        /// Initialized.
        Prepared = "PREPARED",
        /// Starting.
        Starting = "STARTING",
        /// Partly started.
        Created = "CREATED",
        /// Started.
        Started = "STARTED",
        /// Running.
        InProgress = "IN_PROGRESS",
        /// Stopping.
        Stopping = "STOPPING",
        /// Stopped.
        Stopped = "STOPPED",
        /// Ended abnormally.
        FailureStop = "FAILURE_STOP",
    }
}

/// A legacy STT task, as start, query and update answer it.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct LegacySttTask {
    /// The task's ID.
    pub task_id: TaskId,
    /// When it was created, in Unix seconds.
    pub create_ts: u64,
    /// Its state.
    pub status: LegacySttTaskStatus,
    /// Why it is in that state, when Agora says.
    #[serde(default)]
    pub message: Option<String>,
}
