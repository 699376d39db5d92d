//! Classrooms: create one (or learn it exists), read it, move its state
//! forward.

use serde::Deserialize;
use serde_json::{Map, Value};

use super::answers::{Done, opt_i64, opt_u64};
use super::inputs::{ClassState, RoomState, RoomType, RoomUuid};
use super::room_config::{RoleConfig, RoomName, RoomProperties};
use crate::error::Error;
use crate::{AppId, Client, Endpoint, Secret, ServiceRegion, TokenContext, endpoint_docs};

/// The token context of a call about one classroom: the classroom, as
/// the channel a room-bound education token is for.
pub(crate) fn room_context(room_uuid: &RoomUuid) -> TokenContext<'_> {
    TokenContext::new(Some(room_uuid.as_str()), None)
}

/// Creates a classroom, which Agora keeps for five days.
///
/// Agora answers `200` when it creates the classroom and `409` when one
/// with this `roomUuid` exists already ("join it"). [`create_classroom`]
/// tells the two apart as a [`Creation`]; [`is_existing_classroom`] reads
/// the `409` of [`Client::send`]. Not idempotent: it is never re-sent once
/// it may have reached Agora (a lost answer is settled by sending it again
/// yourself, which answers `409` if the first one arrived).
///
/// `roomType` is sent as a number, as in every example (exception
/// `room-type-is-a-number`).
///
/// ```
/// use agora_api::flexible_classroom::{CreateClassroom, RoomName, RoomType, RoomUuid};
/// use agora_api::{AppId, Client, ServiceRegion};
///
/// let create = CreateClassroom::builder()
///     .region(ServiceRegion::NorthAmerica)
///     .app_id(AppId::new("0123456789abcdef0123456789abcdef")?)
///     .room_uuid(RoomUuid::new("algebra-1")?)
///     .room_name(RoomName::new("Algebra")?)
///     .room_type(RoomType::SmallClassroom)
///     .build();
/// let client = Client::builder().education_token("007eJxTYBBbsMMn").build()?;
/// let request = client.prepare(&create)?;
/// assert_eq!(
///     request.url().as_str(),
///     "https://api.agora.io/na/edu/apps/0123456789abcdef0123456789abcdef/v2/rooms/algebra-1"
/// );
/// assert_eq!(request.headers()["authorization"], "agora token=007eJxTYBBbsMMn");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    POST,
    "/{region}/edu/apps/{appId}/v2/rooms/{roomUuid}",
    response = Done,
    envelope = crate::envelope::CODE_MSG_DATA,
    token_context = CreateClassroom::token_for,
    doc = "https://docs.agora.io/en/flexible-classroom/restful-api/classroom-api",
)]
#[auth(education_token)]
pub struct CreateClassroom {
    /// Where the classroom is served: `cn`, `ap`, `eu` or `na`.
    pub region: ServiceRegion,
    /// The project's App ID.
    #[endpoint(path, rename = "appId")]
    pub app_id: AppId,
    /// The classroom's ID.
    #[endpoint(path, rename = "roomUuid")]
    pub room_uuid: RoomUuid,
    /// Its name.
    #[endpoint(rename = "roomName")]
    pub room_name: RoomName,
    /// Its type, fixed from now on.
    #[endpoint(rename = "roomType")]
    pub room_type: RoomType,
    /// Its properties: schedule, processes, widgets, custom properties.
    #[endpoint(rename = "roomProperties")]
    pub room_properties: Option<RoomProperties>,
    /// How students are admitted.
    #[endpoint(rename = "roleConfig")]
    pub role_config: Option<RoleConfig>,
}

impl CreateClassroom {
    fn token_for(&self) -> TokenContext<'_> {
        room_context(&self.room_uuid)
    }
}

/// What a create came to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Creation {
    /// `200`: the classroom was created.
    Created,
    /// `409`: a classroom with this ID exists already; users can join it.
    AlreadyExists,
}

/// Whether `error` is Agora's `409` to a create: the classroom exists
/// already, which is no failure for a caller that wants it to exist.
///
/// ```
/// use agora_api::{ApiError, Error};
/// use agora_api::flexible_classroom::is_existing_classroom;
///
/// let answer = |status, body: &[u8]| Error::Api {
///     endpoint: "CreateClassroom",
///     error: Box::new(ApiError::from_response(status, None, body)),
/// };
/// assert!(is_existing_classroom(&answer(409, br#"{"code":409,"msg":"room exists","ts":1}"#)));
/// assert!(!is_existing_classroom(&answer(404, br#"{"code":20404100,"msg":"not found","ts":1}"#)));
/// ```
pub fn is_existing_classroom(error: &Error) -> bool {
    error
        .api()
        .is_some_and(|api| api.status == 409 && !api.in_band)
}

/// Sends a [`CreateClassroom`] and says whether it created the classroom
/// or found it there already; any other failure is the error.
///
/// ```no_run
/// use agora_api::flexible_classroom::{Creation, CreateClassroom, create_classroom};
/// # async fn run(client: agora_api::Client, create: CreateClassroom) -> Result<(), agora_api::Error> {
/// match create_classroom(&client, &create).await? {
///     Creation::Created => println!("created"),
///     Creation::AlreadyExists => println!("there already: join it"),
///     _ => {}
/// }
/// # Ok(()) }
/// ```
pub async fn create_classroom(
    client: &Client,
    create: &CreateClassroom,
) -> Result<Creation, Error> {
    match client.send(create).await {
        Ok(Done) => Ok(Creation::Created),
        Err(error) if is_existing_classroom(&error) => Ok(Creation::AlreadyExists),
        Err(error) => Err(error),
    }
}

/// Reads a classroom: its name, type, state, schedule, properties and
/// widgets. An unknown classroom is `404` code `20404100`.
///
/// The page shows the path without its leading `/`; it is the same path.
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    GET,
    "/{region}/edu/apps/{appId}/v2/rooms/{roomUuid}",
    response = Classroom,
    envelope = crate::envelope::CODE_MSG_DATA,
    token_context = GetClassroom::token_for,
    doc = "https://docs.agora.io/en/flexible-classroom/restful-api/classroom-api",
)]
#[auth(education_token)]
pub struct GetClassroom {
    /// Where the classroom is served.
    pub region: ServiceRegion,
    /// The project's App ID.
    #[endpoint(path, rename = "appId")]
    pub app_id: AppId,
    /// The classroom.
    #[endpoint(path, rename = "roomUuid")]
    pub room_uuid: RoomUuid,
}

impl GetClassroom {
    fn token_for(&self) -> TokenContext<'_> {
        room_context(&self.room_uuid)
    }
}

/// Sets a classroom's state: started, ended or closed.
///
/// A classroom goes forward only (not started, started, ended, closed):
/// going back is refused with `409`, code `30409100` ("the class has
/// started") from a started class and `30409101` ("the class has ended")
/// from an ended or closed one. Setting the state it is in changes
/// nothing, so the call is idempotent.
///
/// ```
/// use agora_api::flexible_classroom::{ClassState, RoomUuid, SetClassroomState};
/// use agora_api::{AppId, Client, ServiceRegion};
///
/// let start = SetClassroomState::builder()
///     .region(ServiceRegion::Europe)
///     .app_id(AppId::new("0123456789abcdef0123456789abcdef")?)
///     .room_uuid(RoomUuid::new("algebra-1")?)
///     .state(ClassState::Started)
///     .build();
/// let client = Client::builder().education_token("007eJxTYBBbsMMn").build()?;
/// let request = client.prepare(&start)?;
/// assert!(request.url().as_str().ends_with("/eu/edu/apps/0123456789abcdef0123456789abcdef/v2/rooms/algebra-1/states/1"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    PUT,
    "/{region}/edu/apps/{appId}/v2/rooms/{roomUuid}/states/{state}",
    response = Done,
    envelope = crate::envelope::CODE_MSG_DATA,
    token_context = SetClassroomState::token_for,
    doc = "https://docs.agora.io/en/flexible-classroom/restful-api/classroom-api",
)]
#[auth(education_token)]
pub struct SetClassroomState {
    /// Where the classroom is served.
    pub region: ServiceRegion,
    /// The project's App ID.
    #[endpoint(path, rename = "appId")]
    pub app_id: AppId,
    /// The classroom.
    #[endpoint(path, rename = "roomUuid")]
    pub room_uuid: RoomUuid,
    /// The state it moves to.
    pub state: ClassState,
}

impl SetClassroomState {
    fn token_for(&self) -> TokenContext<'_> {
        room_context(&self.room_uuid)
    }
}

/// A classroom, as [`GetClassroom`] answers it.
///
/// The page's table lists `roomType`, `state`, `schedule` and `widgets`
/// beside `roomProperties`, its example inside it (and `state` in both):
/// both places are read ([`room_type`](Classroom::room_type),
/// [`state`](Classroom::state), ...).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Classroom {
    /// Its ID.
    #[serde(default)]
    pub room_uuid: Option<String>,
    /// Its name.
    #[serde(default)]
    pub room_name: Option<String>,
    /// When it was created, Unix milliseconds.
    #[serde(default, deserialize_with = "opt_u64")]
    pub create_time: Option<u64>,
    /// Its properties.
    #[serde(default)]
    pub room_properties: Option<ClassroomProperties>,
    /// Its type, when Agora writes it at the top level.
    #[serde(default, rename = "roomType", deserialize_with = "opt_i64")]
    pub top_level_room_type: Option<i64>,
    /// Its state, when Agora writes it at the top level.
    #[serde(default, rename = "state")]
    pub top_level_state: Option<RoomState>,
    /// The template it was made from (`edu_medium_v1`).
    #[serde(default)]
    pub room_template: Option<String>,
    /// Other members, as sent.
    #[serde(flatten)]
    pub other: Map<String, Value>,
}

impl Classroom {
    /// Its type (`0` one-to-one, `2` lecture hall, `4` small classroom,
    /// `10` small cloud classroom, or one Agora added), wherever the
    /// answer puts it.
    pub fn room_type(&self) -> Option<i64> {
        self.top_level_room_type.or_else(|| {
            self.room_properties
                .as_ref()
                .and_then(|properties| properties.room_type)
        })
    }

    /// Its state, wherever the answer puts it.
    pub fn state(&self) -> Option<RoomState> {
        self.top_level_state.or_else(|| {
            self.room_properties
                .as_ref()
                .and_then(|properties| properties.state)
        })
    }
}

/// A classroom's properties as Agora answers them: the documented
/// members typed, the rest (custom properties included) in `other`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ClassroomProperties {
    /// Its type.
    #[serde(default, deserialize_with = "opt_i64")]
    pub room_type: Option<i64>,
    /// Its state.
    #[serde(default)]
    pub state: Option<RoomState>,
    /// Its schedule and the times it started, ended and closed.
    #[serde(default)]
    pub schedule: Option<ScheduleState>,
    /// Its widgets.
    #[serde(default)]
    pub widgets: Option<WidgetsState>,
    /// Custom properties set at creation.
    #[serde(default)]
    pub flex_props: Option<Map<String, Value>>,
    /// Every other member, as sent (custom properties set later among
    /// them).
    #[serde(flatten)]
    pub other: Map<String, Value>,
}

/// A classroom's schedule and what became of it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ScheduleState {
    /// When it started (or is to start), Unix milliseconds.
    #[serde(default, deserialize_with = "opt_u64")]
    pub start_time: Option<u64>,
    /// When it ended, Unix milliseconds.
    #[serde(default, deserialize_with = "opt_u64")]
    pub end_time: Option<u64>,
    /// When it closed, Unix milliseconds.
    #[serde(default, deserialize_with = "opt_u64")]
    pub close_time: Option<u64>,
    /// Its duration, seconds.
    #[serde(default, deserialize_with = "opt_u64")]
    pub duration: Option<u64>,
    /// Its close delay, seconds.
    #[serde(default, deserialize_with = "opt_u64")]
    pub close_delay: Option<u64>,
}

/// A classroom's widgets as Agora answers them.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct WidgetsState {
    /// The whiteboard, with the room it uses.
    #[serde(default)]
    pub netless_board: Option<BoardWidget>,
    /// The chat, with its chat room.
    #[serde(default, rename = "easemobIM")]
    pub easemob_im: Option<ChatWidget>,
    /// Other widgets, as sent.
    #[serde(flatten)]
    pub other: Map<String, Value>,
}

/// The whiteboard widget: on or off, and its whiteboard room.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct BoardWidget {
    /// `0` off, `1` on.
    #[serde(default, deserialize_with = "opt_i64")]
    pub state: Option<i64>,
    /// The whiteboard room.
    #[serde(default)]
    pub extra: Option<BoardRoom>,
}

/// The whiteboard room of a classroom.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct BoardRoom {
    /// The whiteboard's App Identifier.
    #[serde(default)]
    pub board_app_id: Option<String>,
    /// The whiteboard room's UUID.
    #[serde(default)]
    pub board_id: Option<String>,
    /// The whiteboard room token (never shown by `Debug`).
    #[serde(default)]
    pub board_token: Option<Secret>,
    /// The whiteboard's data center.
    #[serde(default)]
    pub board_region: Option<String>,
}

/// The chat widget: on or off, and its chat room.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ChatWidget {
    /// `0` off, `1` on.
    #[serde(default, deserialize_with = "opt_i64")]
    pub state: Option<i64>,
    /// The chat room.
    #[serde(default)]
    pub extra: Option<ChatRoom>,
}

/// The chat room of a classroom.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ChatRoom {
    /// The chat organisation.
    #[serde(default)]
    pub org_name: Option<String>,
    /// The chat app.
    #[serde(default)]
    pub app_name: Option<String>,
    /// The chat room's ID.
    #[serde(default)]
    pub chat_room_id: Option<String>,
    /// The chat app key.
    #[serde(default)]
    pub app_key: Option<String>,
}
