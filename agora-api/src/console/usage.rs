//! Usage: a project's daily usage, and the legacy v1 report of the
//! account's projects.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::inputs::{ProjectId, ProjectIds, UsageDate};
use crate::error::InvalidInput;
use crate::values::string_enum;
use crate::{Endpoint, endpoint_docs};

/// Gets a project's daily usage between two dates.
///
/// All four parameters are required; dates are UTC `YYYY-MM-DD` and
/// `from_date` may not be after `to_date`. Agora documents `200` for
/// success.
///
/// ```
/// use agora_api::Client;
/// use agora_api::console::{GetUsage, ProjectId, UsageBusiness, UsageDate};
///
/// let usage = GetUsage::builder()
///     .project_id(ProjectId::new("rxxxxxxj5u")?)
///     .from_date(UsageDate::new("2021-10-12")?)
///     .to_date(UsageDate::new("2021-12-14")?)
///     .business(UsageBusiness::Default)
///     .build();
/// let client = Client::builder().basic_auth("id", "secret").build()?;
/// let request = client.prepare(&usage)?;
/// assert_eq!(
///     request.url().as_str(),
///     "https://api.agora.io/dev/v3/usage?project_id=rxxxxxxj5u&from_date=2021-10-12&to_date=2021-12-14&business=default"
/// );
///
/// // The range is checked before anything is sent.
/// let backwards = GetUsage::builder()
///     .project_id(ProjectId::new("rxxxxxxj5u")?)
///     .from_date(UsageDate::new("2021-12-14")?)
///     .to_date(UsageDate::new("2021-10-12")?)
///     .business(UsageBusiness::Default)
///     .build();
/// assert!(client.prepare(&backwards).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    GET,
    "/dev/v3/usage",
    response = Usage,
    validate = GetUsage::check,
    doc = "https://docs.agora.io/en/video-calling/channel-management-api/agora-console-rest-api#get-project-usage",
    rate_limit(10, per = second, scope = account),
)]
#[auth(basic)]
pub struct GetUsage {
    /// The project ID (from [`ListProjects`](super::ListProjects)).
    #[endpoint(query)]
    pub project_id: ProjectId,
    /// The first day, UTC.
    #[endpoint(query)]
    pub from_date: UsageDate,
    /// The last day, UTC; not before `from_date`.
    #[endpoint(query)]
    pub to_date: UsageDate,
    /// Which usage to report.
    #[endpoint(query)]
    pub business: UsageBusiness,
}

impl GetUsage {
    fn check(&self) -> Result<(), InvalidInput> {
        check_range(self.from_date, self.to_date)?;
        if let UsageBusiness::Other(other) = &self.business {
            return Err(InvalidInput::new(
                "business",
                format!(
                    "must be one of default, transcodeDuration, recording, cloudRecording, miniapp (got {other:?})"
                ),
            ));
        }
        Ok(())
    }
}

fn check_range(from: UsageDate, to: UsageDate) -> Result<(), InvalidInput> {
    if from > to {
        return Err(InvalidInput::new(
            "from_date",
            format!("must not be after to_date (got {from} > {to})"),
        ));
    }
    Ok(())
}

string_enum! {
    /// The kind of usage [`GetUsage`] reports.
    ///
    /// [`GetUsage`] sends only the five documented kinds; `Other` is
    /// rejected before any I/O.
    pub enum UsageBusiness {
        /// Audio and video, Miniapp excluded.
        Default = "default",
        /// Transcoding.
        TranscodeDuration = "transcodeDuration",
        /// On-premise recording.
        Recording = "recording",
        /// Cloud recording.
        CloudRecording = "cloudRecording",
        /// Miniapp.
        Miniapp = "miniapp",
    }
}

/// A project's usage, one entry per day.
#[derive(Debug, Clone, Deserialize)]
#[non_exhaustive]
pub struct Usage {
    /// What each metric in [`DailyUsage::usage`] means, by metric name
    /// (`durationAudioAll`, `durationVideoHd`, ...).
    #[serde(default)]
    pub meta: BTreeMap<String, MetricLabel>,
    /// The usage of each day of the range.
    #[serde(default)]
    pub usages: Vec<DailyUsage>,
}

/// The description of one usage metric.
#[derive(Debug, Clone, Deserialize)]
#[non_exhaustive]
pub struct MetricLabel {
    /// Its English name, such as `Total Audio Duration`.
    #[serde(default)]
    pub en: Option<String>,
    /// Its Chinese name (Agora's Chinese-mainland service).
    #[serde(default)]
    pub cn: Option<String>,
    /// Its unit, such as `second`.
    #[serde(default)]
    pub unit: Option<String>,
}

/// The usage of one day.
#[derive(Debug, Clone, Deserialize)]
#[non_exhaustive]
pub struct DailyUsage {
    /// The day.
    pub date: UsageDay,
    /// The durations used that day.
    #[serde(default)]
    pub usage: UsageDurations,
}

/// The day of a [`DailyUsage`]. Agora documents a Unix timestamp (a
/// number) and shows an ISO 8601 string (`2021-10-12T00:00:00.000Z`);
/// both decode.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(untagged)]
pub enum UsageDay {
    /// A Unix timestamp in seconds.
    Unix(i64),
    /// A date or date-time as text, as Agora's example shows.
    Text(String),
}

impl UsageDay {
    /// The UTC calendar day, when it can be read.
    ///
    /// ```
    /// use agora_api::console::UsageDay;
    /// let text = UsageDay::Text("2021-10-13T00:00:00.000Z".into());
    /// let unix = UsageDay::Unix(1_634_083_200);
    /// assert_eq!(text.date(), unix.date());
    /// assert_eq!(text.date().map(|d| d.to_string()).as_deref(), Some("2021-10-13"));
    /// ```
    pub fn date(&self) -> Option<UsageDate> {
        match self {
            UsageDay::Unix(seconds) => UsageDate::from_unix_seconds(*seconds),
            UsageDay::Text(text) => text.get(..10).and_then(|day| UsageDate::new(day).ok()),
        }
    }
}

/// The durations of one day, in seconds.
#[derive(Debug, Clone, Default, Deserialize)]
#[non_exhaustive]
pub struct UsageDurations {
    /// Total audio.
    #[serde(default, rename = "durationAudioAll")]
    pub duration_audio_all: u64,
    /// HD video, recording included.
    #[serde(default, rename = "durationVideoHd")]
    pub duration_video_hd: u64,
    /// HDP video, recording included.
    #[serde(default, rename = "durationVideoHdp")]
    pub duration_video_hdp: u64,
    /// Full HD (1080p) video, recording included.
    #[serde(default, rename = "durationVideo1080P")]
    pub duration_video_1080p: u64,
    /// 2K video, recording included.
    #[serde(default, rename = "durationVideo2K")]
    pub duration_video_2k: u64,
    /// 2K+ ("4K") video, recording included.
    #[serde(default, rename = "durationVideo4K")]
    pub duration_video_4k: u64,
    /// Metrics this version of the crate does not name (other `business`
    /// kinds report their own), as sent.
    #[serde(flatten)]
    pub other: BTreeMap<String, serde_json::Value>,
}

/// Gets the daily usage of the account's projects (legacy v1).
///
/// Dates are `YYYY-MM-DD`, `from_date` not after `to_date`; without
/// `projects` (`id1,id2`), every
/// project of the account. Durations are in minutes. Unknown project IDs
/// are ignored.
///
/// **Legacy**: only Agora's Dashboard RESTful API page of 2020 (now
/// archived) documents it; [`GetUsage`] (`/dev/v3/usage`) replaces it.
///
/// ```
/// # #![allow(deprecated)]
/// use agora_api::Client;
/// use agora_api::console::{GetUsageV1, ProjectIds, UsageDate};
///
/// let usage = GetUsageV1::builder()
///     .from_date(UsageDate::new("2015-01-01")?)
///     .to_date(UsageDate::new("2015-03-21")?)
///     .projects("id1,id2".parse::<ProjectIds>()?)
///     .build();
/// let client = Client::builder().basic_auth("id", "secret").build()?;
/// let request = client.prepare(&usage)?;
/// assert_eq!(
///     request.url().as_str(),
///     "https://api.agora.io/dev/v1/usage?from_date=2015-01-01&to_date=2015-03-21&projects=id1,id2"
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[deprecated(
    note = "legacy: documented only in Agora's archived 2020 Dashboard RESTful API docs; use GetUsage (/dev/v3/usage)"
)]
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    GET,
    "/dev/v1/usage",
    response = UsageV1,
    validate = GetUsageV1::check,
    doc = "https://github.com/AgoraIO/agora_doc_source/blob/1f410fe7fb9e5d014f0a75299ce77a96652c143f/markdown/ARCHIVED/dashboard_restful_communication.md",
    rate_limit(10, per = second, scope = account),
)]
#[auth(basic)]
pub struct GetUsageV1 {
    /// The first day.
    #[endpoint(query)]
    pub from_date: UsageDate,
    /// The last day; not before `from_date`.
    #[endpoint(query)]
    pub to_date: UsageDate,
    /// The projects to report; `None` for all of them.
    #[endpoint(query)]
    pub projects: Option<ProjectIds>,
}

// Checks of a legacy endpoint, which is deprecated for users only.
#[allow(deprecated)]
impl GetUsageV1 {
    fn check(&self) -> Result<(), InvalidInput> {
        check_range(self.from_date, self.to_date)
    }
}

/// The legacy usage report of [`GetUsageV1`].
#[derive(Debug, Clone, Deserialize)]
#[non_exhaustive]
pub struct UsageV1 {
    /// One entry per project.
    #[serde(default)]
    pub usages: Vec<ProjectUsageV1>,
}

/// The legacy usage of one project.
#[derive(Debug, Clone, Deserialize)]
#[non_exhaustive]
pub struct ProjectUsageV1 {
    /// The project ID.
    pub project: String,
    /// One entry per day.
    #[serde(default)]
    pub daily: Vec<DailyUsageV1>,
}

/// The legacy usage of one day, in minutes.
#[derive(Debug, Clone, Deserialize)]
#[non_exhaustive]
pub struct DailyUsageV1 {
    /// The day as the number `YYYYMMDD` (`20150101`).
    pub date: u32,
    /// Audio minutes.
    #[serde(default)]
    pub audio: u64,
    /// SD video minutes.
    #[serde(default)]
    pub sd: u64,
    /// HD video minutes.
    #[serde(default)]
    pub hd: u64,
    /// HDP video minutes.
    #[serde(default)]
    pub hdp: u64,
}

impl DailyUsageV1 {
    /// The day, when `date` is a real `YYYYMMDD` date.
    ///
    /// ```
    /// # use agora_api::console::UsageV1;
    /// let usage: UsageV1 = serde_json::from_str(
    ///     r#"{"usages":[{"project":"xxx","daily":[{"date":20150101,"audio":20}]}]}"#,
    /// )?;
    /// let day = &usage.usages[0].daily[0];
    /// assert_eq!(day.day().map(|d| d.to_string()).as_deref(), Some("2015-01-01"));
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn day(&self) -> Option<UsageDate> {
        let year = u16::try_from(self.date / 10_000).ok()?;
        let month = u8::try_from(self.date / 100 % 100).ok()?;
        let day = u8::try_from(self.date % 100).ok()?;
        UsageDate::from_ymd(year, month, day).ok()
    }
}
