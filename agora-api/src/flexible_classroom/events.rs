//! Classroom events: one classroom's, read in batches and as often as
//! wanted, and the app's, each handed out once.

use serde::{Deserialize, Deserializer};
use serde_json::{Map, Value};

use super::answers::{Person, ReportedRole, opt_i64, opt_role, opt_u64};
use super::inputs::{EventCmd, NextId, RoomState, RoomUuid};
use super::recording::{RecordingSession, next_batch};
use super::rooms::room_context;
use crate::{AppId, Endpoint, Paginated, ServiceRegion, TokenContext, endpoint_docs};

/// Reads the events of one classroom, of one type (`cmd`) or all, up to
/// 100 a batch; `client.pages(..)` walks them all.
///
/// Agora's note: the same event can be read again (this is no queue, and
/// the call is idempotent), and a classroom's events are gone an hour
/// after it is destroyed.
///
/// ```
/// use agora_api::flexible_classroom::{EventCmd, ListRoomEvents, RoomUuid};
/// use agora_api::{AppId, Client, ServiceRegion};
///
/// let read = ListRoomEvents::builder()
///     .region(ServiceRegion::NorthAmerica)
///     .app_id(AppId::new("0123456789abcdef0123456789abcdef")?)
///     .room_uuid(RoomUuid::new("test_class")?)
///     .cmd(EventCmd::UsersInOut)
///     .build();
/// let client = Client::builder().education_token("007eJxTYBBbsMMn").build()?;
/// let request = client.prepare(&read)?;
/// assert!(request.url().as_str().ends_with("/v2/rooms/test_class/sequences?cmd=20"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    GET,
    "/{region}/edu/apps/{appId}/v2/rooms/{roomUuid}/sequences",
    response = EventPage,
    envelope = crate::envelope::CODE_MSG_DATA,
    token_context = ListRoomEvents::token_for,
    doc = "https://docs.agora.io/en/flexible-classroom/restful-api/classroom-api",
)]
#[auth(education_token)]
pub struct ListRoomEvents {
    /// Where the classroom is served.
    pub region: ServiceRegion,
    /// The project's App ID.
    #[endpoint(path, rename = "appId")]
    pub app_id: AppId,
    /// The classroom.
    #[endpoint(path, rename = "roomUuid")]
    pub room_uuid: RoomUuid,
    /// Where the batch starts: the last batch's `nextId` (none for the
    /// first).
    #[endpoint(query, rename = "nextId")]
    pub next_id: Option<NextId>,
    /// Only events of this type.
    #[endpoint(query)]
    pub cmd: Option<EventCmd>,
}

impl ListRoomEvents {
    fn token_for(&self) -> TokenContext<'_> {
        room_context(&self.room_uuid)
    }
}

impl Paginated for ListRoomEvents {
    fn next_page(&self, page: &EventPage) -> Option<Self> {
        next_batch(page.next_id.as_deref(), page.list.is_empty()).map(|next_id| ListRoomEvents {
            next_id: Some(next_id),
            ..self.clone()
        })
    }
}

/// Takes the events of every classroom of the app that happened since
/// the last call: each event is handed out once, so the call consumes
/// what it reads and is never re-sent once it may have reached Agora (an
/// answer lost on the way loses its events). Call it at intervals.
///
/// It takes an app-wide education token: a token bound to one classroom
/// does not read the app's events.
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    GET,
    "/{region}/edu/polling/apps/{appId}/v2/rooms/sequences",
    response = Vec<ClassroomEvent>,
    idempotent = false,
    envelope = crate::envelope::CODE_MSG_DATA,
    doc = "https://docs.agora.io/en/flexible-classroom/restful-api/classroom-api",
)]
#[auth(education_token)]
pub struct TakeAppEvents {
    /// Where the classrooms are served.
    pub region: ServiceRegion,
    /// The project's App ID.
    #[endpoint(path, rename = "appId")]
    pub app_id: AppId,
}

/// One batch of [`ListRoomEvents`].
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct EventPage {
    /// How many events there are in all.
    #[serde(default, deserialize_with = "opt_u64")]
    pub total: Option<u64>,
    /// How many this batch holds.
    #[serde(default, deserialize_with = "opt_u64")]
    pub count: Option<u64>,
    /// The events, oldest first.
    #[serde(default)]
    pub list: Vec<ClassroomEvent>,
    /// Where the next batch starts; none after the last.
    #[serde(default)]
    pub next_id: Option<String>,
}

/// One classroom event: where and when (its `sequence`, increasing in
/// the classroom) and what, typed by its `cmd`.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct ClassroomEvent {
    /// The classroom.
    pub room_uuid: Option<String>,
    /// The event's number in its classroom, in the order they happened.
    pub sequence: Option<u64>,
    /// The service's version.
    pub version: Option<i64>,
    /// What happened.
    pub payload: EventPayload,
}

impl ClassroomEvent {
    /// The event's type.
    pub fn cmd(&self) -> EventCmd {
        match &self.payload {
            EventPayload::RoomState(_) => EventCmd::RoomState,
            EventPayload::Chat(_) => EventCmd::Chat,
            EventPayload::UsersInOut(_) => EventCmd::UsersInOut,
            EventPayload::Recording(_) => EventCmd::Recording,
            EventPayload::Resources(_) => EventCmd::Resources,
            EventPayload::Rewards(_) => EventCmd::Rewards,
            EventPayload::OnStage(_) => EventCmd::OnStage,
            EventPayload::HandsUp(_) => EventCmd::HandsUp,
            EventPayload::Other { cmd, .. } => EventCmd::from(*cmd),
        }
    }
}

/// What an event says, by its `cmd`. A `cmd` this version does not know,
/// or a known one whose `data` does not read as documented, is
/// [`Other`](EventPayload::Other) with the raw `data`.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum EventPayload {
    /// `1`: the classroom's state changed.
    RoomState(RoomStateChange),
    /// `3`: a chat message.
    Chat(ChatMessage),
    /// `20`: users entered or left.
    UsersInOut(UsersInOut),
    /// `1001`: the recording state changed.
    Recording(RecordingSession),
    /// `1003`: the shared resources changed.
    Resources(ResourcesChange),
    /// `1101`: rewards changed.
    Rewards(RewardsChange),
    /// `1501`: who is on the stage changed.
    OnStage(OnStageChange),
    /// `1502`: who raises a hand changed.
    HandsUp(HandsUpChange),
    /// Any other event, as sent.
    Other {
        /// Its `cmd`.
        cmd: i64,
        /// Its `data`.
        data: Value,
    },
}

impl<'de> Deserialize<'de> for ClassroomEvent {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(rename_all = "camelCase")]
        struct Wire {
            #[serde(default)]
            room_uuid: Option<String>,
            #[serde(default, deserialize_with = "opt_i64")]
            cmd: Option<i64>,
            #[serde(default, deserialize_with = "opt_u64")]
            sequence: Option<u64>,
            #[serde(default, deserialize_with = "opt_i64")]
            version: Option<i64>,
            #[serde(default)]
            data: Value,
        }
        let wire = Wire::deserialize(deserializer)?;
        let cmd = wire.cmd.unwrap_or_default();
        Ok(ClassroomEvent {
            room_uuid: wire.room_uuid,
            sequence: wire.sequence,
            version: wire.version,
            payload: EventPayload::read(cmd, wire.data),
        })
    }
}

impl EventPayload {
    /// The payload of an event of type `cmd` with `data`.
    fn read(cmd: i64, data: Value) -> Self {
        fn typed<T: for<'de> Deserialize<'de>>(data: &Value) -> Option<T> {
            T::deserialize(data).ok()
        }
        let known = match EventCmd::from(cmd) {
            EventCmd::RoomState => typed(&data).map(EventPayload::RoomState),
            EventCmd::Chat => typed(&data).map(EventPayload::Chat),
            EventCmd::UsersInOut => typed(&data).map(EventPayload::UsersInOut),
            EventCmd::Recording => typed(&data).map(EventPayload::Recording),
            EventCmd::Resources => typed(&data).map(EventPayload::Resources),
            EventCmd::Rewards => typed(&data).map(EventPayload::Rewards),
            EventCmd::OnStage => typed(&data).map(EventPayload::OnStage),
            EventCmd::HandsUp => typed(&data).map(EventPayload::HandsUp),
            EventCmd::Other(_) => None,
        };
        known.unwrap_or(EventPayload::Other { cmd, data })
    }
}

/// `cmd` 1: a classroom's new state.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct RoomStateChange {
    /// The state.
    pub state: RoomState,
    /// When the class started (from state 1), Unix milliseconds.
    #[serde(default, deserialize_with = "opt_u64")]
    pub start_time: Option<u64>,
    /// When it ended (from state 2), Unix milliseconds.
    #[serde(default, deserialize_with = "opt_u64")]
    pub end_time: Option<u64>,
    /// When it closed (state 3), Unix milliseconds.
    #[serde(default, deserialize_with = "opt_u64")]
    pub close_time: Option<u64>,
}

/// `cmd` 3: a chat message.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ChatMessage {
    /// Who sent it.
    #[serde(default)]
    pub from_user: Option<Person>,
    /// The text.
    #[serde(default)]
    pub message: String,
    /// `1`: text (the only type so far).
    #[serde(default, rename = "type", deserialize_with = "opt_i64")]
    pub kind: Option<i64>,
}

/// `cmd` 20: users entered or left.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct UsersInOut {
    /// How many users are in the classroom now.
    #[serde(default, deserialize_with = "opt_u64")]
    pub total: Option<u64>,
    /// Who entered.
    #[serde(default)]
    pub online_users: Vec<UserInOut>,
    /// Who left.
    #[serde(default)]
    pub offline_users: Vec<UserInOut>,
}

/// One user entering or leaving.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct UserInOut {
    /// Their ID.
    #[serde(default)]
    pub user_uuid: Option<String>,
    /// Their name.
    #[serde(default)]
    pub user_name: Option<String>,
    /// Their role.
    #[serde(default, deserialize_with = "opt_role")]
    pub role: Option<ReportedRole>,
    /// Their custom properties.
    #[serde(default)]
    pub user_properties: Map<String, Value>,
    /// Their stream's ID (their RTC uid).
    #[serde(default, deserialize_with = "crate::values::lenient::opt_text")]
    pub stream_uuid: Option<String>,
    /// Entering: `1` normally, `2` again. Leaving: `1` by themselves
    /// (or lost), `2` kicked out.
    #[serde(default, rename = "type", deserialize_with = "opt_i64")]
    pub reason: Option<i64>,
    /// When, Unix milliseconds.
    #[serde(default, deserialize_with = "opt_u64")]
    pub update_time: Option<u64>,
}

impl UserInOut {
    /// Whether they left because they were kicked out.
    pub fn was_kicked(&self) -> bool {
        self.reason == Some(2)
    }
}

/// `cmd` 1003: shared resources added, changed or deleted.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ResourcesChange {
    /// The resources.
    #[serde(default)]
    pub resources: Vec<Resource>,
    /// Who changed them.
    #[serde(default)]
    pub operator: Option<Person>,
    /// `1` added or changed, `2` deleted.
    #[serde(default, deserialize_with = "opt_i64")]
    pub action: Option<i64>,
}

/// A shared resource of a classroom.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Resource {
    /// Its ID.
    #[serde(default)]
    pub resource_uuid: Option<String>,
    /// Its name.
    #[serde(default)]
    pub resource_name: Option<String>,
    /// Its size, bytes.
    #[serde(default, deserialize_with = "opt_u64")]
    pub size: Option<u64>,
    /// Where it is.
    #[serde(default)]
    pub url: Option<String>,
    /// Its file conversion task.
    #[serde(default)]
    pub task_uuid: Option<String>,
    /// The conversion task's progress.
    #[serde(default)]
    pub task_progress: Option<Value>,
}

/// `cmd` 1101: rewards changed.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct RewardsChange {
    /// Each user's change.
    #[serde(default)]
    pub reward_details: Vec<Reward>,
    /// When, Unix milliseconds.
    #[serde(default, deserialize_with = "opt_u64")]
    pub update_time: Option<u64>,
}

/// One user's rewards.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Reward {
    /// The user.
    #[serde(default)]
    pub user_uuid: Option<String>,
    /// How many were given (or taken).
    #[serde(default, deserialize_with = "opt_i64")]
    pub changed_reward: Option<i64>,
    /// Their total after the change (`total` in the table,
    /// `totalReward` in the example: both are read).
    #[serde(default, alias = "totalReward", deserialize_with = "opt_i64")]
    pub total: Option<i64>,
}

/// A user named by a stage or hands-up event.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct StageUser {
    /// The user.
    #[serde(default)]
    pub user_uuid: Option<String>,
    /// What came with their raised hand.
    #[serde(default)]
    pub payload: Option<Value>,
}

/// `cmd` 1501: who is "on the stage".
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct OnStageChange {
    /// Everyone on the stage now.
    #[serde(default)]
    pub accepted_users: Vec<StageUser>,
    /// Who just went on.
    #[serde(default)]
    pub add_accepted_users: Vec<StageUser>,
    /// Who just left it.
    #[serde(default)]
    pub remove_accepted_users: Vec<StageUser>,
}

/// `cmd` 1502: who raises a hand.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct HandsUpChange {
    /// Everyone with a hand up now.
    #[serde(default)]
    pub progress_users: Vec<StageUser>,
    /// Who just raised one.
    #[serde(default)]
    pub add_progress_users: Vec<StageUser>,
    /// Who just lowered it.
    #[serde(default)]
    pub remove_progress_users: Vec<StageUser>,
}
