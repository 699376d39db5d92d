//! Flexible Classroom: classrooms of one region of one app, from create
//! to close, with their users, properties, breakout rooms, recordings
//! and events.
//!
//! * Auth is an education token only, verified against the project's
//!   App Certificate (App ID, signature, expiry); a token bound to a
//!   classroom acts only in that classroom, and the app's event feed
//!   takes an app-wide token (`401` otherwise).
//! * A classroom lives in the region it was created in (elsewhere it is
//!   `404` code `20404100`) and is kept five days from its creation, by
//!   the emulator's clock. A second create of it is `409` (code `409`:
//!   Agora documents none), "join it".
//! * Its state goes forward only: 0 not started, 1 started, 2 ended, 3
//!   closed. Going back is `409` code `30409100` from a started class and
//!   `30409101` from an ended or closed one; setting the state it is in
//!   changes nothing. With a schedule, a started class ends `duration`
//!   seconds after it started and closes `closeDelay` seconds after that.
//!   A closed classroom removes its users.
//! * Users enter and leave through [`ClassroomSeed`] (the SDK clients
//!   Agora's REST API only observes); a kick takes them out (`dirty`
//!   keeps them out for `duration` seconds). An unknown user is `404`
//!   code `20404200`.
//! * A recording starts (`409` `30409411` when one runs) and stops
//!   (`409` `30409410` when none runs); its configuration changes only
//!   while it runs.
//! * Every state change, entry, exit, recording change and chat message
//!   is an event (`cmd` 1, 20, 1001, 3) with the classroom's next
//!   `sequence`: readable again and again per classroom, and queued once
//!   for the app's feed, which hands each out once.
//! * Answers are `{"code": 0, "msg": "Success", "ts": ..., "data": ...}`;
//!   failures `{"code": ..., "msg": ..., "ts": ...}` with the HTTP
//!   status; bad input `400` code `400`.

use std::collections::{BTreeMap, VecDeque};
use std::time::SystemTime;

use agora_api::flexible_classroom::{
    CreateClassroom, DeleteClassroomProperties, DeleteUserProperties, GetClassroom,
    GetClassroomUser, KickUser, ListPollEvents, ListPopupQuizEvents, ListRecordings,
    ListRoomEvents, SetBreakoutRooms, SetClassroomState, SetRecordingState, TakeAppEvents,
    UpdateClassroomProperties, UpdateRecordingConfig, UpdateUserProperties,
};
use agora_api::registry::EndpointInfo;
use agora_api::{InvalidInput, ServiceRegion};
use serde_json::{Map, Value, json};

use crate::auth::Principal;
use crate::clock::unix_millis;
use crate::product::{Product, Registration, Routes, Store};
use crate::reply::{Fail, Reply};

mod events;
mod recording;
mod rooms;
mod seed;
mod users;

pub use seed::{ClassroomSeed, EntryRefused};

/// How long a classroom is kept after its creation, milliseconds.
const KEPT_FOR_MS: u64 = 5 * 24 * 3600 * 1000;
/// The most items of one batch of a paged read.
const BATCH: usize = 100;

/// `cmd` of a classroom's state change.
const CMD_STATE: i64 = 1;
/// `cmd` of a chat message.
const CMD_CHAT: i64 = 3;
/// `cmd` of users entering or leaving.
const CMD_USERS: i64 = 20;
/// `cmd` of a recording state change.
const CMD_RECORDING: i64 = 1001;

/// The Flexible Classroom product.
#[derive(Debug)]
pub(crate) struct FlexibleClassroom;

impl Product for FlexibleClassroom {
    const MODULE: &'static str = "agora_api::flexible_classroom";
    type State = Classrooms;

    fn register(routes: &mut Routes<Self>) {
        routes
            .on::<CreateClassroom>(rooms::create)
            .on::<GetClassroom>(rooms::get)
            .on::<SetClassroomState>(rooms::set_state)
            .on::<UpdateClassroomProperties>(rooms::update_properties)
            .on::<DeleteClassroomProperties>(rooms::delete_properties)
            .on::<SetBreakoutRooms>(rooms::set_breakout_rooms)
            .on::<SetRecordingState>(recording::set_state)
            .on::<UpdateRecordingConfig>(recording::update_config)
            .on::<ListRecordings>(recording::list)
            .on::<GetClassroomUser>(users::get)
            .on::<UpdateUserProperties>(users::update_properties)
            .on::<DeleteUserProperties>(users::delete_properties)
            .on::<KickUser>(users::kick)
            .on::<ListRoomEvents>(events::list_room_events)
            .on::<TakeAppEvents>(events::take_app_events)
            .on::<ListPopupQuizEvents>(events::list_quiz_events)
            .on::<ListPollEvents>(events::list_poll_events);
    }

    /// `400 {"code": 400, "msg": "invalid `field`: rule", "ts": ...}`.
    fn invalid(_info: &'static EndpointInfo, _request_id: &str, error: &InvalidInput) -> Reply {
        failure(400, 400, &error.to_string(), 0)
    }

    fn unsupported_media_type(_request_id: &str) -> Reply {
        Reply::unsupported_media_type()
    }

    fn tick(store: &mut Store<'_, Self>, now: SystemTime) {
        let now = unix_millis(now);
        for app in store.own.apps.values_mut() {
            app.rooms.retain(|_, room| {
                room.created_ms
                    .checked_add(KEPT_FOR_MS)
                    .is_none_or(|until| until > now)
            });
            let mut changed = Vec::new();
            for (room_uuid, room) in &mut app.rooms {
                for event in room.follow_schedule(room_uuid, now) {
                    changed.push(event);
                }
            }
            app.feed.extend(changed);
        }
    }
}

inventory::submit! { Registration::of::<FlexibleClassroom>() }

/// Every app's classrooms, by App ID and region code.
#[derive(Debug, Default)]
pub(crate) struct Classrooms {
    apps: BTreeMap<(String, &'static str), AppClassrooms>,
}

impl Classrooms {
    /// The classrooms of `app_id` in `region`.
    fn app(&mut self, app_id: &str, region: ServiceRegion) -> &mut AppClassrooms {
        self.apps
            .entry((app_id.to_owned(), region.as_str()))
            .or_default()
    }
}

/// The classrooms of one app in one region, and its event feed.
#[derive(Debug, Default)]
struct AppClassrooms {
    rooms: BTreeMap<String, Room>,
    /// Events not handed out by the app's feed yet, oldest first.
    feed: VecDeque<Event>,
}

/// One classroom.
#[derive(Debug)]
struct Room {
    name: String,
    room_type: u8,
    created_ms: u64,
    state: u8,
    start_ms: Option<u64>,
    end_ms: Option<u64>,
    close_ms: Option<u64>,
    /// `schedule.startTime`, `duration` (s) and `closeDelay` (s).
    scheduled_start: Option<u64>,
    duration_s: Option<u64>,
    close_delay_s: Option<u64>,
    /// The properties given at creation (`roomProperties`), as sent.
    initial: Map<String, Value>,
    /// Custom properties set since.
    properties: Map<String, Value>,
    role_config: Value,
    groups: Vec<Value>,
    users: BTreeMap<String, User>,
    /// Kicked users kept out, until when (ms).
    banned_until: BTreeMap<String, u64>,
    recording: Option<recording::Session>,
    recordings: Vec<recording::Session>,
    /// Every event of the classroom, oldest first.
    events: Vec<Event>,
    quiz: Vec<Value>,
    poll: Vec<Value>,
}

/// A user who has entered a classroom.
#[derive(Debug, Clone)]
struct User {
    name: String,
    role: i64,
    stream_uuid: String,
    online: bool,
    properties: Map<String, Value>,
    update_ms: u64,
}

impl User {
    /// The user as a `cmd` 20 event names them, with the reason `kind`.
    fn in_out(&self, user_uuid: &str, kind: i64) -> Value {
        json!({
            "userName": self.name,
            "userUuid": user_uuid,
            "role": self.role,
            "userProperties": self.properties,
            "streamUuid": self.stream_uuid,
            "type": kind,
            "updateTime": self.update_ms,
        })
    }
}

/// One event.
#[derive(Debug, Clone)]
struct Event {
    room_uuid: String,
    cmd: i64,
    sequence: u64,
    data: Value,
}

impl Event {
    fn to_json(&self) -> Value {
        json!({
            "roomUuid": self.room_uuid,
            "cmd": self.cmd,
            "sequence": self.sequence,
            "version": 1,
            "data": self.data,
        })
    }
}

impl Room {
    /// Records an event of the classroom and returns it (for the app's
    /// feed).
    fn event(&mut self, room_uuid: &str, cmd: i64, data: Value) -> Event {
        let sequence = self
            .events
            .last()
            .map_or(1, |last| last.sequence.saturating_add(1));
        let event = Event {
            room_uuid: room_uuid.to_owned(),
            cmd,
            sequence,
            data,
        };
        self.events.push(event.clone());
        event
    }

    fn online_count(&self) -> usize {
        self.users.values().filter(|user| user.online).count()
    }

    /// Moves the classroom to `state` at `now`: the state-change event,
    /// and (when it closes) the users' exit.
    fn move_to(&mut self, room_uuid: &str, state: u8, now: u64) -> Vec<Event> {
        self.state = state;
        let mut data = Map::new();
        data.insert("state".into(), state.into());
        match state {
            1 => self.start_ms = Some(now),
            2 => self.end_ms = Some(now),
            3 => self.close_ms = Some(now),
            _ => {}
        }
        for (key, value) in [
            ("startTime", self.start_ms),
            ("endTime", self.end_ms),
            ("closeTime", self.close_ms),
        ] {
            if let Some(value) = value {
                data.insert(key.into(), value.into());
            }
        }
        let mut events = vec![self.event(room_uuid, CMD_STATE, Value::Object(data))];
        if state == 3 {
            let leaving: Vec<Value> = self
                .users
                .iter_mut()
                .filter(|(_, user)| user.online)
                .map(|(user_uuid, user)| {
                    user.online = false;
                    user.update_ms = now;
                    user.in_out(user_uuid, 2)
                })
                .collect();
            if !leaving.is_empty() {
                events.push(self.event(
                    room_uuid,
                    CMD_USERS,
                    json!({ "total": 0, "onlineUsers": [], "offlineUsers": leaving }),
                ));
            }
        }
        events
    }

    /// The state changes the schedule makes by `now`.
    fn follow_schedule(&mut self, room_uuid: &str, now: u64) -> Vec<Event> {
        let mut events = Vec::new();
        if self.state == 1
            && let (Some(start), Some(duration)) = (self.start_ms, self.duration_s)
            && let Some(end) = start.checked_add(duration.saturating_mul(1000))
            && end <= now
        {
            events.extend(self.move_to(room_uuid, 2, end));
        }
        if self.state == 2
            && let (Some(end), Some(delay)) = (self.end_ms, self.close_delay_s)
            && let Some(close) = end.checked_add(delay.saturating_mul(1000))
            && close <= now
        {
            events.extend(self.move_to(room_uuid, 3, close));
        }
        events
    }
}

/// `{code, msg, ts}` with `status`.
fn failure(status: u16, code: i64, message: &str, now_ms: u64) -> Reply {
    Reply::json(
        status,
        json!({ "code": code, "msg": message, "ts": now_ms }),
    )
}

/// `200 {code: 0, msg: "Success", ts, data}` (no `data` when `None`).
fn success(now: SystemTime, data: Option<Value>) -> Reply {
    let mut body = json!({ "code": 0, "msg": "Success", "ts": unix_millis(now) });
    if let (Some(data), Some(object)) = (data, body.as_object_mut()) {
        object.insert("data".into(), data);
    }
    Reply::ok(body)
}

/// `404` code `20404100`.
fn no_room(now: SystemTime) -> Fail {
    Fail::Reply(failure(
        404,
        20_404_100,
        "the classroom does not exist",
        unix_millis(now),
    ))
}

/// `404` code `20404200`.
fn no_user(now: SystemTime) -> Fail {
    Fail::Reply(failure(
        404,
        20_404_200,
        "the user does not exist",
        unix_millis(now),
    ))
}

/// `409` with `code`.
fn conflict(now: SystemTime, code: i64, message: &str) -> Fail {
    Fail::Reply(failure(409, code, message, unix_millis(now)))
}

/// Whether the caller's token may act in classroom `room_uuid` (an
/// app-wide token anywhere, a classroom's token only there): `401`
/// otherwise.
fn may_act_in(principal: &Principal, room_uuid: &str, now: SystemTime) -> Result<(), Fail> {
    principal
        .may_act_in(room_uuid, "")
        .map_err(|reason| Fail::Reply(failure(401, 401, &reason, unix_millis(now))))
}

/// The classroom `room_uuid` of `app_id` in `region`, after checking the
/// caller may act in it.
fn room_mut<'a>(
    store: &'a mut Store<'_, FlexibleClassroom>,
    principal: &Principal,
    (app_id, region, room_uuid): (&str, ServiceRegion, &str),
    now: SystemTime,
) -> Result<&'a mut Room, Fail> {
    may_act_in(principal, room_uuid, now)?;
    store
        .own
        .app(app_id, region)
        .rooms
        .get_mut(room_uuid)
        .ok_or_else(|| no_room(now))
}

/// Queues `events` on the app's feed.
fn publish(
    store: &mut Store<'_, FlexibleClassroom>,
    app_id: &str,
    region: ServiceRegion,
    events: Vec<Event>,
) {
    store.own.app(app_id, region).feed.extend(events);
}

/// The batch of `items` starting at the first whose key is at least
/// `next_id` (all when none): the batch and the key of the one after it.
fn batch<'a, T>(
    items: impl Iterator<Item = (u64, &'a T)>,
    next_id: Option<&str>,
) -> (Vec<&'a T>, Option<String>)
where
    T: 'a,
{
    let from = next_id
        .and_then(|text| text.parse::<u64>().ok())
        .unwrap_or(0);
    let mut rest = items.filter(|(key, _)| *key >= from).peekable();
    let taken: Vec<&T> = rest.by_ref().take(BATCH).map(|(_, item)| item).collect();
    let next = rest.peek().map(|(key, _)| key.to_string());
    (taken, next)
}
