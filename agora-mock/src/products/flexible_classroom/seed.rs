//! What tests put into a classroom, standing in for the Flexible
//! Classroom clients its REST API only observes: users entering and
//! leaving, chat messages, quiz and poll widget changes.

use std::fmt;

use agora_api::ServiceRegion;
use agora_api::flexible_classroom::UserRole;
use serde_json::{Map, Value, json};

use super::{CMD_CHAT, CMD_USERS, Event, FlexibleClassroom, Room, User};
use crate::clock::unix_millis;
use crate::server::Shared;

/// Why a seeded action was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum EntryRefused {
    /// The classroom does not exist (never created, or no longer kept).
    NoSuchClassroom,
    /// The classroom is closed: nobody can enter it.
    Closed,
    /// The user was kicked out and is kept out until this time, Unix
    /// milliseconds.
    Banned {
        /// When they may come back.
        until_ms: u64,
    },
    /// The user is not in the classroom.
    NotInClassroom,
}

impl fmt::Display for EntryRefused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EntryRefused::NoSuchClassroom => f.write_str("the classroom does not exist"),
            EntryRefused::Closed => f.write_str("the classroom is closed"),
            EntryRefused::Banned { until_ms } => {
                write!(
                    f,
                    "the user is kept out of the classroom until {until_ms} ms"
                )
            }
            EntryRefused::NotInClassroom => f.write_str("the user is not in the classroom"),
        }
    }
}

impl std::error::Error for EntryRefused {}

/// One classroom of the first project, in one region: its users enter
/// and leave (events `cmd` 20), chat (`cmd` 3), and its quiz and poll
/// widgets change.
///
/// ```
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
/// use agora_api::ServiceRegion;
/// use agora_api::flexible_classroom::{CreateClassroom, RoomName, RoomType, RoomUuid, UserRole};
///
/// let server = agora_mock::MockServer::start().await;
/// let create = CreateClassroom::builder()
///     .region(ServiceRegion::Europe)
///     .app_id(server.app_id().clone())
///     .room_uuid(RoomUuid::new("room-1")?)
///     .room_name(RoomName::new("Room 1")?)
///     .room_type(RoomType::SmallClassroom)
///     .build();
/// server.client().send(&create).await?;
/// server
///     .classroom(ServiceRegion::Europe, "room-1")
///     .enter("teacher-1", "Ada", UserRole::Teacher)?
///     .chat("teacher-1", "welcome")?;
/// # Ok(()) }
/// ```
#[derive(Debug)]
pub struct ClassroomSeed<'a> {
    shared: &'a Shared,
    app_id: String,
    region: ServiceRegion,
    room_uuid: String,
}

impl<'a> ClassroomSeed<'a> {
    pub(crate) fn new(
        shared: &'a Shared,
        app_id: &str,
        region: ServiceRegion,
        room_uuid: &str,
    ) -> Self {
        ClassroomSeed {
            shared,
            app_id: app_id.to_owned(),
            region,
            room_uuid: room_uuid.to_owned(),
        }
    }

    /// Runs `change` on the classroom at the server's time; its events go
    /// to the app's feed.
    fn with_room(
        &self,
        change: impl FnOnce(&mut Room, u64) -> Result<Vec<Event>, EntryRefused>,
    ) -> Result<&Self, EntryRefused> {
        let now = self.shared.now();
        let mut state = self.shared.state();
        state.tick(now);
        let app = state
            .product::<FlexibleClassroom>()
            .app(&self.app_id, self.region);
        let room = app
            .rooms
            .get_mut(&self.room_uuid)
            .ok_or(EntryRefused::NoSuchClassroom)?;
        let events = change(room, unix_millis(now))?;
        app.feed.extend(events);
        Ok(self)
    }

    /// Puts `user_uuid` in the classroom as `role`, unless it is closed
    /// or the user was kicked out and is still kept out. Entering again
    /// after leaving is an entry of type 2.
    ///
    /// # Errors
    /// [`EntryRefused`] saying why.
    pub fn enter(
        &self,
        user_uuid: &str,
        user_name: &str,
        role: UserRole,
    ) -> Result<&Self, EntryRefused> {
        let room_uuid = self.room_uuid.clone();
        self.with_room(|room, now| {
            if room.state == 3 {
                return Err(EntryRefused::Closed);
            }
            if let Some(&until_ms) = room.banned_until.get(user_uuid)
                && until_ms > now
            {
                return Err(EntryRefused::Banned { until_ms });
            }
            let stream_uuid = crate::ids::stable_in(&[&room_uuid, user_uuid], 1, 4_000_000_000);
            let known = room.users.contains_key(user_uuid);
            let user = room.users.entry(user_uuid.to_owned()).or_insert(User {
                name: user_name.to_owned(),
                role: role.value(),
                stream_uuid: stream_uuid.to_string(),
                online: false,
                properties: Map::new(),
                update_ms: now,
            });
            if user.online {
                return Ok(Vec::new());
            }
            user.online = true;
            user.update_ms = now;
            let entered = user.in_out(user_uuid, if known { 2 } else { 1 });
            let total = room.online_count();
            Ok(vec![room.event(
                &room_uuid,
                CMD_USERS,
                json!({ "total": total, "onlineUsers": [entered], "offlineUsers": [] }),
            )])
        })
    }

    /// Takes `user_uuid` out of the classroom by themselves (an exit of
    /// type 1).
    ///
    /// # Errors
    /// [`EntryRefused::NotInClassroom`] when they are not in it.
    pub fn leave(&self, user_uuid: &str) -> Result<&Self, EntryRefused> {
        let room_uuid = self.room_uuid.clone();
        self.with_room(|room, now| {
            let user = match room.users.get_mut(user_uuid) {
                Some(user) if user.online => user,
                _ => return Err(EntryRefused::NotInClassroom),
            };
            user.online = false;
            user.update_ms = now;
            let left = user.in_out(user_uuid, 1);
            let total = room.online_count();
            Ok(vec![room.event(
                &room_uuid,
                CMD_USERS,
                json!({ "total": total, "onlineUsers": [], "offlineUsers": [left] }),
            )])
        })
    }

    /// `user_uuid`, in the classroom, sends a text message to it.
    ///
    /// # Errors
    /// [`EntryRefused::NotInClassroom`] when they are not in it.
    pub fn chat(&self, user_uuid: &str, message: &str) -> Result<&Self, EntryRefused> {
        let room_uuid = self.room_uuid.clone();
        self.with_room(|room, _| {
            let user = match room.users.get(user_uuid) {
                Some(user) if user.online => user,
                _ => return Err(EntryRefused::NotInClassroom),
            };
            let from = json!({ "userUuid": user_uuid, "userName": user.name, "role": user.role });
            Ok(vec![room.event(
                &room_uuid,
                CMD_CHAT,
                json!({ "fromUser": from, "message": message, "type": 1 }),
            )])
        })
    }

    /// The pop-up quiz widget's properties change (`change` as Agora's
    /// quiz data writes it: `action`, `changeProperties`, `operator`...).
    ///
    /// # Errors
    /// [`EntryRefused::NoSuchClassroom`].
    pub fn quiz_change(&self, change: Value) -> Result<&Self, EntryRefused> {
        self.with_room(|room, _| {
            let sequence = room.quiz.len().saturating_add(1);
            room.quiz
                .push(json!({ "sequence": sequence, "data": change }));
            Ok(Vec::new())
        })
    }

    /// The poll widget's properties change, as [`quiz_change`](Self::quiz_change).
    ///
    /// # Errors
    /// [`EntryRefused::NoSuchClassroom`].
    pub fn poll_change(&self, change: Value) -> Result<&Self, EntryRefused> {
        self.with_room(|room, _| {
            let sequence = room.poll.len().saturating_add(1);
            room.poll
                .push(json!({ "sequence": sequence, "data": change }));
            Ok(Vec::new())
        })
    }
}
