//! Flexible Classroom (Agora Classroom cloud service) RESTful API:
//! classrooms and their state, custom properties of classrooms and users,
//! breakout rooms, kicking users out, recording, and the events of
//! classrooms and of their quiz and poll widgets.
//!
//! Every path starts with a region (`/{region}/edu/...`: `cn`, `ap`,
//! `eu`, `na`, as [`ServiceRegion`](crate::ServiceRegion)). Calls
//! authenticate with an education token, `Authorization: agora
//! token=<AccessToken2>`: give the client one
//! ([`ClientBuilder::education_token`](crate::ClientBuilder::education_token))
//! or a source that mints them (`token::EducationTokenMinter`, an
//! app-wide token). Each call about one classroom names it as its
//! [`TokenContext`](crate::TokenContext) channel, for a source that mints
//! tokens bound to a classroom; reading the app's events
//! ([`TakeAppEvents`]) takes an app-wide token.
//!
//! Every answer is `{"code": 0, "msg": "Success", "ts": ..., "data":
//! ...}`; the typed response is `data`. A failure is an
//! [`Error::Api`](crate::Error::Api) with Agora's business code in
//! `code`: `20404100` no such classroom, `20404200` no such user,
//! `30409100` the class has started, `30409101` it has ended, `30409410`
//! the recording has not started, `30409411` it has not ended, `30403200`
//! chat muted, `400` a bad parameter. A create answers `409` when the
//! classroom exists already: [`create_classroom`] tells it apart.
//!
//! ```
//! use agora_api::flexible_classroom::{
//!     CreateClassroom, DefaultStream, RoleConfig, RoomName, RoomType, RoomUuid, StudentConfig,
//! };
//! use agora_api::{AppId, Client, ServiceRegion};
//!
//! let create = CreateClassroom::builder()
//!     .region(ServiceRegion::AsiaPacific)
//!     .app_id(AppId::new("0123456789abcdef0123456789abcdef")?)
//!     .room_uuid(RoomUuid::new("test_room")?)
//!     .room_name(RoomName::new("test_class")?)
//!     .room_type(RoomType::SmallCloudClassroom)
//!     .role_config(RoleConfig {
//!         students: Some(StudentConfig {
//!             limit: Some(49),
//!             default_stream: Some(DefaultStream::all(true)),
//!         }),
//!     })
//!     .build();
//! let client = Client::builder().education_token("007eJxTYBBbsMMn").build()?;
//! let request = client.prepare(&create)?;
//! let body = request.body().and_then(|b| b.as_bytes()).unwrap_or_default();
//! assert_eq!(
//!     std::str::from_utf8(body)?,
//!     r#"{"roomName":"test_class","roomType":10,"roleConfig":{"2":{"limit":49,"defaultStream":{"state":1,"videoState":1,"audioState":1}}}}"#
//! );
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod answers;
mod events;
mod inputs;
mod properties;
mod recording;
mod room_config;
mod rooms;
mod users;
mod widgets;

pub use answers::{Done, Person, ReportedRole};
pub use events::{
    ChatMessage, ClassroomEvent, EventPage, EventPayload, HandsUpChange, ListRoomEvents,
    ListRoomEventsBuilder, OnStageChange, Resource, ResourcesChange, Reward, RewardsChange,
    RoomStateChange, StageUser, TakeAppEvents, TakeAppEventsBuilder, UserInOut, UsersInOut,
};
pub use inputs::{
    BatchSize, BreakoutState, ClassState, EventCmd, NextId, RecordingSwitch, RoomState, RoomType,
    RoomUuid, Switch, UserRole, UserUuid,
};
pub use properties::{
    BreakoutRoom, DeleteClassroomProperties, DeleteClassroomPropertiesBuilder, GroupMember,
    PropertyKeys, SetBreakoutRooms, SetBreakoutRoomsBuilder, UpdateClassroomProperties,
    UpdateClassroomPropertiesBuilder,
};
pub use recording::{
    ListRecordings, ListRecordingsBuilder, RecordedFile, Recording, RecordingMode, RecordingPage,
    RecordingSession, RecordingStatus, SetRecordingState, SetRecordingStateBuilder, StreamingUrls,
    TextBool, UpdateRecordingConfig, UpdateRecordingConfigBuilder, WebRecordConfig,
    WebRecordUpdate,
};
pub use room_config::{
    AcceptRole, DefaultStream, HandsUp, Processes, RoleConfig, RoomName, RoomProperties, Schedule,
    StudentConfig, WidgetState, Widgets,
};
pub use rooms::{
    BoardRoom, BoardWidget, ChatRoom, ChatWidget, Classroom, ClassroomProperties, CreateClassroom,
    CreateClassroomBuilder, Creation, GetClassroom, GetClassroomBuilder, ScheduleState,
    SetClassroomState, SetClassroomStateBuilder, WidgetsState, create_classroom,
    is_existing_classroom,
};
pub use users::{
    ClassroomUser, DeleteUserProperties, DeleteUserPropertiesBuilder, Dirty, GetClassroomUser,
    GetClassroomUserBuilder, KickUser, KickUserBuilder, UpdateUserProperties,
    UpdateUserPropertiesBuilder,
};
pub use widgets::{
    ListPollEvents, ListPollEventsBuilder, ListPopupQuizEvents, ListPopupQuizEventsBuilder,
    WidgetChange, WidgetEventPage,
};
