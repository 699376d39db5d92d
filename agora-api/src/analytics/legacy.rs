//! The two legacy endpoints of Agora's 2021 reference (call details, the
//! feedback report) and the report they send.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::InvalidInput;
use crate::types::{AppId, ChannelName, Uid};
use crate::{Endpoint, endpoint_docs};

use super::HOUR;
use super::lists::CallId;
use super::response::{CallDetails, Status};
use super::rules::{MaxSpan, check_time_frame};

// ---------------------------------------------------------------------------
// Legacy
// ---------------------------------------------------------------------------

/// Gets a call's sessions and their metrics in one response (legacy Call
/// Search "Get call details").
///
/// **Legacy**: documented only in Agora's 2021 Chinese Analytics reference
/// (`agora_doc_source`, `markdown/Agora Analytics/aa_api.md`), not in the
/// current docs or the OpenAPI document; [`GetCallSessions`] and
/// [`GetCallMetrics`] replace it. Whether Agora still serves it is
/// unconfirmed.
///
/// At most 3 hours of data, within the past 3 days; data arrives 150 s
/// late. The rate limits are the 2021 document's.
///
/// [`GetCallSessions`]: super::GetCallSessions
/// [`GetCallMetrics`]: super::GetCallMetrics
#[deprecated(
    note = "legacy: only in Agora's 2021 legacy docs; use GetCallSessions and GetCallMetrics"
)]
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    GET,
    "/beta/analytics/call/details",
    response = CallDetails,
    validate = GetCallDetails::check,
    doc = "https://github.com/AgoraIO/agora_doc_source/blob/1f410fe7fb9e5d014f0a75299ce77a96652c143f/markdown/Agora%20Analytics/aa_api.md",
    rate_limit(1, per = second, scope = app_id),
    rate_limit(1_000, per = day, scope = app_id),
)]
#[auth(basic)]
pub struct GetCallDetails {
    /// Start of the call's time frame, Unix seconds.
    #[endpoint(query)]
    pub start_ts: u64,
    /// End of the call's time frame, Unix seconds; after `start_ts`, at
    /// most 3 hours later.
    #[endpoint(query)]
    pub end_ts: u64,
    /// The project's App ID.
    #[endpoint(query)]
    pub appid: AppId,
    /// The call, from [`ListCalls`](super::ListCalls).
    #[endpoint(query)]
    pub call_id: CallId,
    /// Leave out Linux (server) users; Agora's default is `true`.
    #[endpoint(query)]
    pub exclude_server_user: Option<bool>,
}

// Checks of a legacy endpoint, which is deprecated for users only.
#[allow(deprecated)]
impl GetCallDetails {
    fn check(&self) -> Result<(), InvalidInput> {
        check_time_frame(
            ("start_ts", self.start_ts),
            ("end_ts", self.end_ts),
            Some(MaxSpan {
                seconds: 3 * HOUR,
                label: "3 hours, the legacy limit for call/details",
            }),
        )
    }
}

/// Reports a call-quality problem to Agora (legacy "Report a problem").
///
/// **Legacy**: documented only in Agora's 2021 Chinese Analytics reference
/// (`agora_doc_source`, `markdown/Agora Analytics/aa_api.md`), not in the
/// current docs or the OpenAPI document. Whether Agora still serves it is
/// unconfirmed.
///
/// Not idempotent: each call files a report, so a retry never re-sends it
/// after it may have reached Agora.
#[deprecated(note = "legacy: only in Agora's 2021 legacy docs; not in the current reference")]
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    POST,
    "/beta/analytics/feedback/report",
    response = Status,
    doc = "https://github.com/AgoraIO/agora_doc_source/blob/1f410fe7fb9e5d014f0a75299ce77a96652c143f/markdown/Agora%20Analytics/aa_api.md",
    rate_limit(10, per = second, scope = app_id),
)]
#[auth(basic)]
pub struct ReportCallProblem {
    /// The project's App ID.
    #[endpoint(query)]
    pub appid: AppId,
    /// The report.
    #[endpoint(body)]
    pub report: CallProblemReport,
}

/// The kind of problem a legacy feedback report is about (`type`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ProblemType {
    /// The class was switched (`1`).
    ClassSwitch,
    /// A request for help (`2`).
    HelpRequest,
    /// A complaint (`3`).
    Complaint,
    /// Problem feedback (`4`).
    Feedback,
}

impl ProblemType {
    /// The number on the wire.
    pub const fn value(self) -> u8 {
        match self {
            ProblemType::ClassSwitch => 1,
            ProblemType::HelpRequest => 2,
            ProblemType::Complaint => 3,
            ProblemType::Feedback => 4,
        }
    }
}

impl TryFrom<u8> for ProblemType {
    type Error = InvalidInput;
    fn try_from(value: u8) -> Result<Self, InvalidInput> {
        match value {
            1 => Ok(ProblemType::ClassSwitch),
            2 => Ok(ProblemType::HelpRequest),
            3 => Ok(ProblemType::Complaint),
            4 => Ok(ProblemType::Feedback),
            other => Err(InvalidInput::new(
                "type",
                format!("must be 1, 2, 3 or 4 (got {other})"),
            )),
        }
    }
}

impl Serialize for ProblemType {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_u8(self.value())
    }
}

impl<'de> Deserialize<'de> for ProblemType {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        ProblemType::try_from(u8::deserialize(deserializer)?).map_err(serde::de::Error::custom)
    }
}

/// The body of the legacy [`ReportCallProblem`](super::ReportCallProblem).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CallProblemReport {
    /// The channel.
    pub cname: ChannelName,
    /// The teacher's user ID.
    pub teacher_uid: Uid,
    /// The user ID of whoever reports it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action_uid: Option<Uid>,
    /// When the problem happened, Unix seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ts: Option<u64>,
    /// A short description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comments: Option<String>,
    /// The kind of problem.
    #[serde(rename = "type")]
    pub kind: ProblemType,
}

impl CallProblemReport {
    /// A report of `kind` in channel `cname` with teacher `teacher_uid`.
    pub fn new(cname: ChannelName, teacher_uid: Uid, kind: ProblemType) -> Self {
        CallProblemReport {
            cname,
            teacher_uid,
            action_uid: None,
            ts: None,
            comments: None,
            kind,
        }
    }
}
