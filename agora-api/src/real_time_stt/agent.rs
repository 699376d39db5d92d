//! The v7 agent endpoints: start (`join`), query, update, stop (`leave`)
//! and list, with their answers.

use serde::{Deserialize, Deserializer};

use super::agent_config::{
    MaxIdleTime, SttCaptionConfig, SttExtensionParams, SttKeywords, SttLanguages, SttRtcConfig,
    SttRtcUpdate, SttStorageVendor, SttTranslateConfig, SttTranslateUpdate, SttUpdateField,
    SttUpdateMask, UidLanguagesConfig,
};
use crate::error::InvalidInput;
use crate::pages::Paginated;
use crate::types::{AppId, ChannelName};
use crate::values::{closed_enum, issued_id, string_enum, validated_string};
use crate::{Endpoint, FieldPath, endpoint_docs};

validated_string! {
    /// An agent's name (`name`), chosen by the caller: 1 to 64
    /// characters, unique in the project. Agora refuses a name used
    /// before, so pick a new one per agent.
    ///
    /// ```
    /// use agora_api::real_time_stt::SttAgentName;
    /// assert!(SttAgentName::new("agora-test").is_ok());
    /// assert_eq!(
    ///     SttAgentName::new("x".repeat(65)).unwrap_err().to_string(),
    ///     "invalid `name`: must be 1 to 64 characters (got 65)"
    /// );
    /// ```
    SttAgentName, field = "name", check = check_agent_name
}

fn check_agent_name(value: &str) -> Result<(), String> {
    let count = value.chars().count();
    if (1..=64).contains(&count) {
        Ok(())
    } else {
        Err(format!("must be 1 to 64 characters (got {count})"))
    }
}

validated_string! {
    /// An agent ID (`agent_id`), as [`StartSttAgent`] answers it. Opaque:
    /// only what would break a URL is refused.
    ///
    /// ```
    /// use agora_api::real_time_stt::SttAgentId;
    /// let id: SttAgentId = "1NT29X11GQSxxxxx80BEIN56XF".parse()?;
    /// assert_eq!(id, "1NT29X11GQSxxxxx80BEIN56XF");
    /// assert!(SttAgentId::new("a b").is_err());
    /// # Ok::<(), agora_api::InvalidInput>(())
    /// ```
    SttAgentId, field = "agentId", check = issued_id
}

/// Starts a Real-Time STT agent: it joins the channel, transcribes the
/// audio into subtitles there and, as asked, translates them and records
/// them to cloud storage.
///
/// Not idempotent: it starts an agent under a name that can be used only
/// once, so a retry never re-sends it once it may have reached Agora.
/// The agent answers `STARTING` or `RUNNING`; follow it with
/// [`QuerySttAgent`].
///
/// ```
/// use agora_api::real_time_stt::{
///     SttAgentName, SttLanguage, SttLanguages, SttRtcConfig, StartSttAgent,
/// };
/// use agora_api::{AppId, ChannelName, Client, UidString};
///
/// let start = StartSttAgent::builder()
///     .appid(AppId::new("0123456789abcdef0123456789abcdef")?)
///     .name(SttAgentName::new("meeting-42-captions")?)
///     .languages(SttLanguages::new([SttLanguage::new("en-US")?])?)
///     .rtc_config(SttRtcConfig::new(ChannelName::new("meeting-42")?, UidString::new(88222)?))
///     .build();
/// let client = Client::builder().basic_auth("id", "secret").build()?;
/// let request = client.prepare(&start)?;
/// assert_eq!(
///     request.url().as_str(),
///     "https://api.agora.io/api/speech-to-text/v1/projects/0123456789abcdef0123456789abcdef/join"
/// );
/// let body: serde_json::Value =
///     serde_json::from_slice(request.body().and_then(|b| b.as_bytes()).unwrap_or_default())?;
/// assert_eq!(body["rtcConfig"]["pubBotUid"], "88222");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    POST,
    "/api/speech-to-text/v1/projects/{appid}/join",
    response = SttAgent,
    validate = StartSttAgent::check,
    doc = "https://docs.agora.io/en/api-reference/api-ref/speech-to-text/join",
)]
#[auth(basic)]
pub struct StartSttAgent {
    /// The App ID of the project.
    pub appid: AppId,
    /// The agent's unique name.
    pub name: SttAgentName,
    /// The languages to transcribe: 1 to 4.
    pub languages: SttLanguages,
    /// Other languages for some users: at most 5 users.
    #[endpoint(rename = "uidLanguagesConfig")]
    pub uid_languages_config: Option<UidLanguagesConfig>,
    /// How long the agent stays in a silent channel (Agora's default:
    /// 30 seconds).
    #[endpoint(rename = "maxIdleTime")]
    pub max_idle_time: Option<MaxIdleTime>,
    /// The channel and the agent's bots in it.
    #[endpoint(rename = "rtcConfig")]
    pub rtc_config: SttRtcConfig,
    /// Subtitle translation.
    #[endpoint(rename = "translateConfig")]
    pub translate_config: Option<SttTranslateConfig>,
    /// Subtitle recording to cloud storage.
    #[endpoint(rename = "captionConfig")]
    pub caption_config: Option<SttCaptionConfig>,
    /// Storage extensions (the S3-compatible endpoint, tags, encryption).
    #[endpoint(rename = "extensionParams")]
    pub extension_params: Option<SttExtensionParams>,
    /// Words to recognize more reliably: at most 500.
    pub keywords: Option<SttKeywords>,
}

impl StartSttAgent {
    fn check(&self) -> Result<(), InvalidInput> {
        if let Some(translations) = self
            .translate_config
            .as_ref()
            .and_then(|translate| translate.languages.as_ref())
        {
            let at = FieldPath::root("translateConfig");
            translations.check_single_language(&self.languages, &at.member("languages"))?;
        }
        let vendor = self
            .caption_config
            .as_ref()
            .and_then(|caption| caption.storage.as_ref())
            .map(|storage| storage.vendor);
        let endpoint = self
            .extension_params
            .as_ref()
            .and_then(|params| params.endpoint.as_deref());
        if vendor == Some(SttStorageVendor::S3Compatible) && endpoint.is_none_or(str::is_empty) {
            return Err(InvalidInput::new(
                "extensionParams.endpoint",
                "is required when captionConfig.storage.vendor is 11 (S3-compatible storage)",
            ));
        }
        Ok(())
    }
}

/// Reads an agent's status.
///
/// ```
/// use agora_api::real_time_stt::{QuerySttAgent, SttAgentId};
/// use agora_api::{AppId, Client};
///
/// let query = QuerySttAgent::builder()
///     .appid(AppId::new("0123456789abcdef0123456789abcdef")?)
///     .agent_id(SttAgentId::new("1NT29X11GQSxxxxx80BEIN56XF")?)
///     .build();
/// let client = Client::builder().basic_auth("id", "secret").build()?;
/// assert!(client.prepare(&query)?.url().path().ends_with("/agents/1NT29X11GQSxxxxx80BEIN56XF"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    GET,
    "/api/speech-to-text/v1/projects/{appid}/agents/{agentId}",
    response = QueriedSttAgent,
    doc = "https://docs.agora.io/en/api-reference/api-ref/speech-to-text/query",
)]
#[auth(basic)]
pub struct QuerySttAgent {
    /// The App ID of the project.
    pub appid: AppId,
    /// The agent, from [`StartSttAgent`]'s answer.
    #[endpoint(rename = "agentId")]
    pub agent_id: SttAgentId,
}

/// Changes a running agent: its languages, keywords, per-user languages,
/// subscribed users or translation.
///
/// `updateMask` names each field the body sets, and only those; Agora
/// applies an update only when its `sequenceId` is larger than the last
/// one it applied for the agent, so updates that overtake each other
/// cannot undo one another ([`Sequences`](crate::Sequences) hands out such
/// numbers). Not idempotent: a re-sent update would be refused as stale
/// after the first was applied, so a retry never re-sends it once it may
/// have reached Agora.
///
/// The mask is sent with literal commas between the fields, as Agora's
/// example writes it (the mask is [`CommaSeparated`](crate::endpoint::CommaSeparated)).
///
/// ```
/// use agora_api::real_time_stt::{
///     SttAgentId, SttLanguage, SttTranslateUpdate, SttUpdateMask, TargetLanguages, Translation,
///     Translations, UpdateSttAgent,
/// };
/// use agora_api::{AppId, Client};
///
/// let update = UpdateSttAgent::builder()
///     .appid(AppId::new("0123456789abcdef0123456789abcdef")?)
///     .agent_id(SttAgentId::new("1NT29X11GQSxxxxx80BEIN56XF")?)
///     .sequence_id(1)
///     .update_mask("translateConfig.enable,translateConfig.languages".parse::<SttUpdateMask>()?)
///     .translate_config(SttTranslateUpdate::enable(Translations::new([Translation {
///         source: SttLanguage::new("en-US")?,
///         target: TargetLanguages::new([SttLanguage::new("ja-JP")?])?,
///     }])?))
///     .build();
/// let client = Client::builder().basic_auth("id", "secret").build()?;
/// assert_eq!(
///     client.prepare(&update)?.url().query(),
///     Some("sequenceId=1&updateMask=translateConfig.enable,translateConfig.languages")
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    POST,
    "/api/speech-to-text/v1/projects/{appid}/agents/{agentId}/update",
    response = SttAgent,
    validate = UpdateSttAgent::check,
    doc = "https://docs.agora.io/en/api-reference/api-ref/speech-to-text/update",
)]
#[auth(basic)]
pub struct UpdateSttAgent {
    /// The App ID of the project.
    pub appid: AppId,
    /// The agent, from [`StartSttAgent`]'s answer.
    #[endpoint(rename = "agentId")]
    pub agent_id: SttAgentId,
    /// This update's number: larger than the last update's of the agent.
    #[endpoint(query = "sequenceId")]
    pub sequence_id: u64,
    /// The fields this update sets.
    #[endpoint(query = "updateMask")]
    pub update_mask: SttUpdateMask,
    /// The languages to transcribe: 1 to 4.
    pub languages: Option<SttLanguages>,
    /// The keywords; an empty list removes them.
    pub keywords: Option<SttKeywords>,
    /// Per-user languages; an empty list removes them.
    #[endpoint(rename = "uidLanguagesConfig")]
    pub uid_languages_config: Option<UidLanguagesConfig>,
    /// The subscribed users.
    #[endpoint(rename = "rtcConfig")]
    pub rtc_config: Option<SttRtcUpdate>,
    /// Translation on, off, or into other languages.
    #[endpoint(rename = "translateConfig")]
    pub translate_config: Option<SttTranslateUpdate>,
}

impl UpdateSttAgent {
    /// Whether the body sets `field`.
    fn sets(&self, field: SttUpdateField) -> bool {
        match field {
            SttUpdateField::Languages => self.languages.is_some(),
            SttUpdateField::Keywords => self.keywords.is_some(),
            SttUpdateField::UidLanguagesConfig => self.uid_languages_config.is_some(),
            SttUpdateField::SubscribeAudioUids => self
                .rtc_config
                .as_ref()
                .is_some_and(|rtc| rtc.subscribe_audio_uids.is_some()),
            SttUpdateField::TranslateEnable => self
                .translate_config
                .as_ref()
                .is_some_and(|translate| translate.enable.is_some()),
            SttUpdateField::TranslateLanguages => self
                .translate_config
                .as_ref()
                .is_some_and(|translate| translate.languages.is_some()),
        }
    }

    fn check(&self) -> Result<(), InvalidInput> {
        let named = self.update_mask.as_slice();
        for (index, field) in named.iter().enumerate() {
            if named[..index].contains(field) {
                return Err(InvalidInput::new(
                    "updateMask",
                    format!("names {field} twice"),
                ));
            }
            if !self.sets(*field) {
                return Err(InvalidInput::new(
                    "updateMask",
                    format!("names {field}, which the body does not set"),
                ));
            }
        }
        if let Some(unnamed) = SttUpdateField::ALL
            .iter()
            .find(|field| self.sets(**field) && !named.contains(field))
        {
            return Err(InvalidInput::new(
                "updateMask",
                format!("must name {unnamed}, which the body sets"),
            ));
        }
        if let (Some(languages), Some(translations)) = (
            &self.languages,
            self.translate_config
                .as_ref()
                .and_then(|translate| translate.languages.as_ref()),
        ) {
            let at = FieldPath::root("translateConfig");
            translations.check_single_language(languages, &at.member("languages"))?;
        }
        Ok(())
    }
}

/// Stops an agent: it leaves the channel.
///
/// Not idempotent: once the agent has stopped, a second stop is refused,
/// so a retry never re-sends it once it may have reached Agora.
///
/// Agora's example sends no body; like every `POST` of these bindings it
/// carries an empty JSON object (`{}`), which says the same.
///
/// ```
/// use agora_api::real_time_stt::{StopSttAgent, SttAgentId};
/// use agora_api::{AppId, Client};
///
/// let stop = StopSttAgent::builder()
///     .appid(AppId::new("0123456789abcdef0123456789abcdef")?)
///     .agent_id(SttAgentId::new("1NT29X11GQSxxxxx80BEIN56XF")?)
///     .build();
/// let client = Client::builder().basic_auth("id", "secret").build()?;
/// let request = client.prepare(&stop)?;
/// assert!(request.url().path().ends_with("/agents/1NT29X11GQSxxxxx80BEIN56XF/leave"));
/// assert_eq!(request.body().and_then(|b| b.as_bytes()), Some(&b"{}"[..]));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    POST,
    "/api/speech-to-text/v1/projects/{appid}/agents/{agentId}/leave",
    response = SttAgentLeft,
    doc = "https://docs.agora.io/en/api-reference/api-ref/speech-to-text/leave",
)]
#[auth(basic)]
pub struct StopSttAgent {
    /// The App ID of the project.
    pub appid: AppId,
    /// The agent, from [`StartSttAgent`]'s answer.
    #[endpoint(rename = "agentId")]
    pub agent_id: SttAgentId,
}

closed_enum! {
    /// The one agent status [`ListSttAgents`] lists (`state`), as the
    /// number Agora's list takes.
    pub enum SttAgentStateCode in "state" {
        /// `IDLE`.
        Idle = "0",
        /// `STARTING`.
        Starting = "1",
        /// `RUNNING` (Agora's default).
        Running = "2",
        /// `STOPPING`.
        Stopping = "3",
        /// `STOPPED`.
        Stopped = "4",
        /// `RECOVERING`.
        Recovering = "5",
        /// `FAILED`.
        Failed = "6",
    }
}

/// Lists the project's agents in one status (`RUNNING` unless `state`
/// says otherwise), created within a time range (the last day unless
/// `from_time`/`to_time` say otherwise), optionally in one channel.
///
/// Paged by cursor: a page's next page starts after its last agent.
/// [`Client::pages`](crate::Client::pages) walks them, taking the answer's
/// `meta.cursor`, or, where Agora leaves it out, the last agent's ID of a
/// full page; an empty cursor ends the walk.
///
/// ```
/// use agora_api::real_time_stt::{ListSttAgents, SttAgentStateCode};
/// use agora_api::{AppId, Client};
///
/// let list = ListSttAgents::builder()
///     .appid(AppId::new("0123456789abcdef0123456789abcdef")?)
///     .state(SttAgentStateCode::Running)
///     .limit(20)
///     .build();
/// let client = Client::builder().basic_auth("id", "secret").build()?;
/// assert_eq!(client.prepare(&list)?.url().query(), Some("state=2&limit=20"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    GET,
    "/api/speech-to-text/v1/projects/{appid}/agents",
    response = SttAgentList,
    validate = ListSttAgents::check,
    doc = "https://docs.agora.io/en/api-reference/api-ref/speech-to-text/list",
)]
#[auth(basic)]
pub struct ListSttAgents {
    /// The App ID of the project.
    pub appid: AppId,
    /// Only agents in this channel.
    #[endpoint(query)]
    pub channel: Option<ChannelName>,
    /// Created at or after, in Unix seconds (default: a day ago).
    #[endpoint(query)]
    pub from_time: Option<u64>,
    /// Created at or before, in Unix seconds (default: now).
    #[endpoint(query)]
    pub to_time: Option<u64>,
    /// The one status listed (default: `RUNNING`).
    #[endpoint(query)]
    pub state: Option<SttAgentStateCode>,
    /// Agents per page, at least 1 (default: 20; Agora states no maximum).
    #[endpoint(query)]
    pub limit: Option<u32>,
    /// The ID of the last agent of the page before.
    #[endpoint(query)]
    pub cursor: Option<SttAgentId>,
}

impl ListSttAgents {
    /// Agora's page size when `limit` is not set.
    pub const DEFAULT_LIMIT: u32 = 20;

    fn check(&self) -> Result<(), InvalidInput> {
        if self.limit == Some(0) {
            return Err(InvalidInput::new("limit", "must be at least 1"));
        }
        if let (Some(from), Some(to)) = (self.from_time, self.to_time)
            && from > to
        {
            return Err(InvalidInput::new(
                "from_time",
                format!("must not be after to_time ({from} > {to})"),
            ));
        }
        Ok(())
    }
}

impl Paginated for ListSttAgents {
    /// The same query after this page: from `meta.cursor`; without one,
    /// from the last agent of a full page. None after an empty page, an
    /// empty cursor, or a short page without a cursor.
    fn next_page(&self, page: &SttAgentList) -> Option<Self> {
        let last = page.data.list.last()?;
        let cursor = match page.meta.cursor.as_deref() {
            Some("") => return None,
            Some(cursor) => SttAgentId::new(cursor).ok()?,
            None => {
                let limit = self.limit.unwrap_or(Self::DEFAULT_LIMIT);
                if (page.data.list.len() as u64) < u64::from(limit) {
                    return None;
                }
                last.agent_id.clone()
            }
        };
        Some(ListSttAgents {
            cursor: Some(cursor),
            ..self.clone()
        })
    }
}

string_enum! {
    /// Where an agent is in its life.
    pub enum SttAgentStatus {
        /// Not initialized yet.
        Idle = "IDLE",
        /// Starting.
        Starting = "STARTING",
        /// Transcribing.
        Running = "RUNNING",
        /// Leaving.
        Stopping = "STOPPING",
        /// Left as asked (or after sitting idle).
        Stopped = "STOPPED",
        /// Lost its connection and reconnecting.
        Recovering = "RECOVERING",
        /// Ended by a failure.
        Failed = "FAILED",
    }
}

impl SttAgentStatus {
    /// The number [`ListSttAgents`]'s `state` takes for this status;
    /// `None` for a status this crate does not know.
    pub fn code(&self) -> Option<SttAgentStateCode> {
        Some(match self {
            SttAgentStatus::Idle => SttAgentStateCode::Idle,
            SttAgentStatus::Starting => SttAgentStateCode::Starting,
            SttAgentStatus::Running => SttAgentStateCode::Running,
            SttAgentStatus::Stopping => SttAgentStateCode::Stopping,
            SttAgentStatus::Stopped => SttAgentStateCode::Stopped,
            SttAgentStatus::Recovering => SttAgentStateCode::Recovering,
            SttAgentStatus::Failed => SttAgentStateCode::Failed,
            SttAgentStatus::Other(_) => return None,
        })
    }

    /// Whether the agent has ended (`STOPPED` or `FAILED`).
    pub fn is_final(&self) -> bool {
        matches!(self, SttAgentStatus::Stopped | SttAgentStatus::Failed)
    }
}

/// An agent, as [`StartSttAgent`] and [`UpdateSttAgent`] answer.
#[derive(Debug, Clone, Deserialize)]
#[non_exhaustive]
pub struct SttAgent {
    /// The agent's ID, for the other calls.
    pub agent_id: SttAgentId,
    /// When it was created, in Unix seconds (Agora's examples show
    /// `null`).
    #[serde(default)]
    pub create_ts: Option<u64>,
    /// Its status.
    pub status: SttAgentStatus,
}

/// An agent's status, as [`QuerySttAgent`] answers.
#[derive(Debug, Clone, Deserialize)]
#[non_exhaustive]
pub struct QueriedSttAgent {
    /// Details: why it stopped or failed, when it did.
    #[serde(default)]
    pub message: Option<String>,
    /// The agent's ID.
    pub agent_id: SttAgentId,
    /// When it was created, in Unix seconds.
    #[serde(default)]
    pub create_ts: Option<u64>,
    /// Its status.
    pub status: SttAgentStatus,
}

/// What [`StopSttAgent`] answers: Agora documents no body, so whatever
/// comes (nothing, or JSON) is accepted and dropped.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct SttAgentLeft;

impl<'de> Deserialize<'de> for SttAgentLeft {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        serde::de::IgnoredAny::deserialize(deserializer).map(|_| SttAgentLeft)
    }
}

/// One page of [`ListSttAgents`].
#[derive(Debug, Clone, Deserialize)]
#[non_exhaustive]
pub struct SttAgentList {
    /// The agents.
    #[serde(default)]
    pub data: SttAgentPage,
    /// Where the next page starts, and how many match.
    #[serde(default)]
    pub meta: SttListMeta,
    /// The request's status (`ok`).
    #[serde(default)]
    pub status: Option<String>,
}

/// The agents of one page.
#[derive(Debug, Clone, Default, Deserialize)]
#[non_exhaustive]
pub struct SttAgentPage {
    /// How many agents this page holds.
    #[serde(default)]
    pub count: Option<u64>,
    /// The agents.
    #[serde(default)]
    pub list: Vec<SttAgentSummary>,
}

/// An agent in a list.
#[derive(Debug, Clone, Deserialize)]
#[non_exhaustive]
pub struct SttAgentSummary {
    /// When it was created, in Unix seconds.
    #[serde(default)]
    pub start_ts: Option<u64>,
    /// Its status.
    pub status: SttAgentStatus,
    /// Its ID.
    pub agent_id: SttAgentId,
}

/// Paging facts of a list.
#[derive(Debug, Clone, Default, Deserialize)]
#[non_exhaustive]
pub struct SttListMeta {
    /// The cursor of the next page; empty on the last one.
    #[serde(default)]
    pub cursor: Option<String>,
    /// How many agents match in all.
    #[serde(default)]
    pub total: Option<u64>,
}
