//! Flexible Classroom against the emulator: a classroom is created once
//! and kept five days, its state only goes forward (with Agora's 409
//! codes), properties merge and delete, a kick keeps a user out for its
//! ban, breakout rooms and recordings follow their calls, and every
//! change is an event (the reads of events: `flexible_classroom_events`).
//! Education tokens are verified: a forged, expired or other classroom's
//! token is refused.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::support::{api_error, code};
use agora_api::flexible_classroom::{
    BreakoutRoom, BreakoutState, ClassState, CreateClassroom, Creation, DeleteClassroomProperties,
    DeleteUserProperties, Dirty, EventCmd, EventPayload, GetClassroom, GetClassroomUser, KickUser,
    ListRecordings, ListRoomEvents, PropertyKeys, RecordingMode, RecordingSwitch, RoomName,
    RoomProperties, RoomState, RoomType, RoomUuid, Schedule, SetBreakoutRooms, SetClassroomState,
    SetRecordingState, TakeAppEvents, UpdateClassroomProperties, UpdateRecordingConfig,
    UpdateUserProperties, UserRole, UserUuid, WebRecordConfig, WebRecordUpdate, create_classroom,
};
use agora_api::token::{AccessToken2, ApaasPrivilege, ApaasService};
use agora_api::{Client, RetryPolicy, ServiceRegion};
use agora_mock::{EntryRefused, ManualClock, MockServer};
use serde_json::{Map, json};

pub(crate) const REGION: ServiceRegion = ServiceRegion::NorthAmerica;
pub(crate) const ROOM: &str = "algebra-1";

pub(crate) fn room() -> RoomUuid {
    RoomUuid::new(ROOM).expect("a room ID")
}

pub(crate) fn create(server: &MockServer, room_uuid: &str) -> CreateClassroom {
    CreateClassroom::builder()
        .region(REGION)
        .app_id(server.app_id().clone())
        .room_uuid(RoomUuid::new(room_uuid).expect("a room ID"))
        .room_name(RoomName::new("Algebra").expect("a name"))
        .room_type(RoomType::SmallClassroom)
        .build()
}

fn set_state(server: &MockServer, state: ClassState) -> SetClassroomState {
    SetClassroomState::builder()
        .region(REGION)
        .app_id(server.app_id().clone())
        .room_uuid(room())
        .state(state)
        .build()
}

fn get_room(server: &MockServer) -> GetClassroom {
    GetClassroom::builder()
        .region(REGION)
        .app_id(server.app_id().clone())
        .room_uuid(room())
        .build()
}

fn get_user(server: &MockServer, user: &str) -> GetClassroomUser {
    GetClassroomUser::builder()
        .region(REGION)
        .app_id(server.app_id().clone())
        .room_uuid(room())
        .user_uuid(UserUuid::new(user).expect("a user ID"))
        .build()
}

pub(crate) fn room_events(server: &MockServer, cmd: Option<EventCmd>) -> ListRoomEvents {
    ListRoomEvents {
        cmd,
        ..ListRoomEvents::builder()
            .region(REGION)
            .app_id(server.app_id().clone())
            .room_uuid(room())
            .build()
    }
}

pub(crate) fn take(server: &MockServer) -> TakeAppEvents {
    TakeAppEvents::builder()
        .region(REGION)
        .app_id(server.app_id().clone())
        .build()
}

/// A server on a clock the test moves, a little in the past of the
/// system clock (tokens are minted by the system clock).
async fn server_at(clock: &ManualClock) -> MockServer {
    MockServer::builder()
        .clock(clock.clone())
        .start()
        .await
        .expect("a server")
}

fn an_hour_ago() -> ManualClock {
    ManualClock::new(SystemTime::now() - Duration::from_secs(3600))
}

#[tokio::test]
async fn a_classroom_is_created_once_and_kept_five_days() {
    let clock = ManualClock::at_unix(1_700_000_000);
    let server = server_at(&clock).await;
    let client = server.client();
    let first = create_classroom(&client, &create(&server, ROOM))
        .await
        .expect("created");
    assert_eq!(first, Creation::Created);
    let again = create_classroom(&client, &create(&server, ROOM))
        .await
        .expect("a 409 is no failure");
    assert_eq!(again, Creation::AlreadyExists, "exists: join it");

    let found = client
        .send(&get_room(&server))
        .await
        .expect("the classroom");
    assert_eq!(found.room_name.as_deref(), Some("Algebra"));
    assert_eq!(found.room_type(), Some(4));
    assert_eq!(found.state(), Some(RoomState::NotStarted));

    let elsewhere = GetClassroom::builder()
        .region(ServiceRegion::Europe)
        .app_id(server.app_id().clone())
        .room_uuid(room())
        .build();
    let error = client.send(&elsewhere).await.expect_err("another region");
    assert_eq!(api_error(&error).status, 404);
    assert_eq!(code(&error), Some(20_404_100));

    clock.advance(Duration::from_secs(5 * 24 * 3600 - 1));
    client.send(&get_room(&server)).await.expect("still kept");
    clock.advance(Duration::from_secs(1));
    let error = client.send(&get_room(&server)).await.expect_err("gone");
    assert_eq!(code(&error), Some(20_404_100), "{error}");
    assert_eq!(
        api_error(&error).message.as_deref(),
        Some("the classroom does not exist"),
        "the `msg` of a non-2xx answer is its message"
    );
}

#[tokio::test]
async fn a_class_goes_forward_only_and_closing_it_empties_it() {
    let server = MockServer::start().await;
    let client = server.client();
    client.send(&create(&server, ROOM)).await.expect("created");
    let seed = server.classroom(REGION, ROOM);
    seed.enter("teacher", "Ada", UserRole::Teacher)
        .expect("entered");

    client
        .send(&set_state(&server, ClassState::Started))
        .await
        .expect("started");
    client
        .send(&set_state(&server, ClassState::Started))
        .await
        .expect("the state it is in: nothing changes");
    let back = client
        .send(&set_state(&server, ClassState::NotStarted))
        .await
        .expect_err("back from started");
    assert_eq!(
        (api_error(&back).status, code(&back)),
        (409, Some(30_409_100))
    );
    client
        .send(&set_state(&server, ClassState::Ended))
        .await
        .expect("ended");
    let back = client
        .send(&set_state(&server, ClassState::Started))
        .await
        .expect_err("back from ended");
    assert_eq!(code(&back), Some(30_409_101));
    client
        .send(&set_state(&server, ClassState::Closed))
        .await
        .expect("closed");

    let teacher = client
        .send(&get_user(&server, "teacher"))
        .await
        .expect("known");
    assert!(!teacher.is_online(), "a closed classroom removes its users");
    assert_eq!(
        seed.enter("student", "Bo", UserRole::Student).err(),
        Some(EntryRefused::Closed)
    );

    let states = client
        .send(&room_events(&server, Some(EventCmd::RoomState)))
        .await
        .expect("events");
    let moved: Vec<RoomState> = states
        .list
        .iter()
        .map(|event| match &event.payload {
            EventPayload::RoomState(change) => change.state,
            other => panic!("a state change, got {other:?}"),
        })
        .collect();
    assert_eq!(
        moved,
        [RoomState::Started, RoomState::Ended, RoomState::Closed]
    );
}

#[tokio::test]
async fn a_scheduled_class_ends_after_its_duration_and_closes_after_its_delay() {
    let clock = ManualClock::at_unix(1_700_000_000);
    let server = server_at(&clock).await;
    let client = server.client();
    let scheduled = CreateClassroom {
        room_properties: Some(RoomProperties {
            schedule: Some(Schedule {
                start_time: None,
                duration: Some(600),
                close_delay: Some(300),
            }),
            ..RoomProperties::default()
        }),
        ..create(&server, ROOM)
    };
    client.send(&scheduled).await.expect("created");
    client
        .send(&set_state(&server, ClassState::Started))
        .await
        .expect("started");
    let state = || async { client.send(&get_room(&server)).await.expect("kept").state() };
    clock.advance(Duration::from_secs(599));
    assert_eq!(state().await, Some(RoomState::Started));
    clock.advance(Duration::from_secs(1));
    assert_eq!(state().await, Some(RoomState::Ended));
    clock.advance(Duration::from_secs(300));
    assert_eq!(state().await, Some(RoomState::Closed));
}

#[tokio::test]
async fn properties_of_classrooms_and_users_merge_and_delete_by_key() {
    let server = MockServer::start().await;
    let client = server.client();
    client.send(&create(&server, ROOM)).await.expect("created");
    let properties = |pairs: &[(&str, &str)]| -> Map<String, serde_json::Value> {
        pairs
            .iter()
            .map(|(key, value)| ((*key).to_owned(), json!(value)))
            .collect()
    };
    for pairs in [&[("key1", "a"), ("key2", "b")][..], &[("key2", "c")][..]] {
        client
            .send(
                &UpdateClassroomProperties::builder()
                    .region(REGION)
                    .app_id(server.app_id().clone())
                    .room_uuid(room())
                    .properties(properties(pairs))
                    .build(),
            )
            .await
            .expect("merged");
    }
    client
        .send(
            &DeleteClassroomProperties::builder()
                .region(REGION)
                .app_id(server.app_id().clone())
                .room_uuid(room())
                .properties(PropertyKeys::new(["key1"]).expect("keys"))
                .build(),
        )
        .await
        .expect("deleted");
    let found = client
        .send(&get_room(&server))
        .await
        .expect("the classroom");
    let custom = &found.room_properties.expect("properties").other;
    assert_eq!(custom.get("key2"), Some(&json!("c")), "merged");
    assert!(!custom.contains_key("key1"), "deleted");

    let update_user = |user: &str| {
        UpdateUserProperties::builder()
            .region(REGION)
            .app_id(server.app_id().clone())
            .room_uuid(room())
            .user_uuid(UserUuid::new(user).expect("a user ID"))
            .properties(properties(&[("seat", "3"), ("team", "red")]))
            .build()
    };
    let error = client
        .send(&update_user("nobody"))
        .await
        .expect_err("never entered");
    assert_eq!(code(&error), Some(20_404_200));
    server
        .classroom(REGION, ROOM)
        .enter("student", "Bo", UserRole::Student)
        .expect("entered");
    client.send(&update_user("student")).await.expect("merged");
    client
        .send(
            &DeleteUserProperties::builder()
                .region(REGION)
                .app_id(server.app_id().clone())
                .room_uuid(room())
                .user_uuid(UserUuid::new("student").expect("a user ID"))
                .properties(PropertyKeys::new(["team", "absent"]).expect("keys"))
                .build(),
        )
        .await
        .expect("deleted, an absent key included");
    let student = client
        .send(&get_user(&server, "student"))
        .await
        .expect("the user");
    assert!(student.is_online());
    assert_eq!(student.user_properties, properties(&[("seat", "3")]));
}

#[tokio::test]
async fn a_kicked_user_is_kept_out_for_the_ban_s_duration() {
    let clock = an_hour_ago();
    let server = server_at(&clock).await;
    let client = server.client();
    client.send(&create(&server, ROOM)).await.expect("created");
    let seed = server.classroom(REGION, ROOM);
    seed.enter("student", "Bo", UserRole::Student)
        .expect("entered");
    let kick = KickUser::builder()
        .region(REGION)
        .app_id(server.app_id().clone())
        .room_uuid(room())
        .user_uuid(UserUuid::new("student").expect("a user ID"))
        .dirty(Dirty::banned_for(600))
        .build();
    client.send(&kick).await.expect("kicked");
    let error = client.send(&kick).await.expect_err("gone already");
    assert_eq!(code(&error), Some(20_404_200));
    assert!(matches!(
        seed.enter("student", "Bo", UserRole::Student),
        Err(EntryRefused::Banned { .. })
    ));
    clock.advance(Duration::from_secs(600));
    seed.enter("student", "Bo", UserRole::Student)
        .expect("the ban is over");

    let users = client
        .send(&room_events(&server, Some(EventCmd::UsersInOut)))
        .await
        .expect("events");
    let steps: Vec<(bool, bool, Option<i64>)> = users
        .list
        .iter()
        .map(|event| match &event.payload {
            EventPayload::UsersInOut(change) => {
                let entered = change.online_users.first();
                let left = change.offline_users.first();
                (
                    entered.is_some(),
                    left.is_some_and(|user| user.was_kicked()),
                    entered.or(left).and_then(|user| user.reason),
                )
            }
            other => panic!("users in or out, got {other:?}"),
        })
        .collect();
    assert_eq!(
        steps,
        [
            (true, false, Some(1)),
            (false, true, Some(2)),
            (true, false, Some(2))
        ],
        "entered, kicked, entered again"
    );
}

#[tokio::test]
async fn breakout_rooms_are_made_and_removed() {
    let server = MockServer::start().await;
    let client = server.client();
    client.send(&create(&server, ROOM)).await.expect("created");
    let breakout = |state, groups| SetBreakoutRooms {
        groups,
        ..SetBreakoutRooms::builder()
            .region(REGION)
            .app_id(server.app_id().clone())
            .room_uuid(room())
            .state(state)
            .build()
    };
    let users = |names: &[&str]| {
        names
            .iter()
            .map(|name| UserUuid::new(*name).expect("a user ID"))
            .collect::<Vec<_>>()
    };
    client
        .send(&breakout(
            BreakoutState::Create,
            Some(vec![
                BreakoutRoom::new(users(&["a", "b"])).named("group1", "Group 01"),
                BreakoutRoom::new(users(&["c"])),
            ]),
        ))
        .await
        .expect("made");
    let groups = |classroom: agora_api::flexible_classroom::Classroom| {
        classroom.room_properties.expect("properties").other["groups"]["details"].clone()
    };
    let made = groups(client.send(&get_room(&server)).await.expect("found"));
    assert_eq!(made[0]["groupUuid"], "group1");
    assert_eq!(made[1]["groupUuid"], "group-2", "an ID assigned");
    assert_eq!(made[1]["users"], json!([{ "userUuid": "c" }]));
    client
        .send(&breakout(BreakoutState::Remove, None))
        .await
        .expect("removed");
    let left = groups(client.send(&get_room(&server)).await.expect("found"));
    assert_eq!(left, json!([]));
}

#[tokio::test]
async fn a_recording_starts_once_pauses_stops_once_and_is_listed() {
    let server = MockServer::start().await;
    let client = server.client();
    client.send(&create(&server, ROOM)).await.expect("created");
    let recording = |state| {
        SetRecordingState::builder()
            .region(REGION)
            .app_id(server.app_id().clone())
            .room_uuid(room())
            .state(state)
            .mode(RecordingMode::Web)
            .web_record_config(WebRecordConfig::new("https://class.example/record"))
            .build()
    };
    let pause = UpdateRecordingConfig::builder()
        .region(REGION)
        .app_id(server.app_id().clone())
        .room_uuid(room())
        .state(RecordingSwitch::Start)
        .web_record_config(WebRecordUpdate::onhold(true))
        .build();
    let error = client.send(&pause).await.expect_err("nothing to pause");
    assert_eq!(code(&error), Some(30_409_410));

    let started = client
        .send(&recording(RecordingSwitch::Start))
        .await
        .expect("started")
        .expect("the session");
    assert_eq!(started.state, Some(1));
    let error = client
        .send(&recording(RecordingSwitch::Start))
        .await
        .expect_err("running already");
    assert_eq!(
        (api_error(&error).status, code(&error)),
        (409, Some(30_409_411))
    );
    client.send(&pause).await.expect("paused");
    client
        .send(&recording(RecordingSwitch::Stop))
        .await
        .expect("stopped");
    let error = client
        .send(&recording(RecordingSwitch::Stop))
        .await
        .expect_err("stopped already");
    assert_eq!(code(&error), Some(30_409_410));

    let list = client
        .send(
            &ListRecordings::builder()
                .region(REGION)
                .app_id(server.app_id().clone())
                .room_uuid(room())
                .build(),
        )
        .await
        .expect("the list");
    assert_eq!(list.list.len(), 1);
    assert_eq!(list.list[0].record_id, started.record_id);
    assert_eq!(list.list[0].kind, Some(3), "web page recording");
    assert!(list.next_id.is_none());

    let recorded = client
        .send(&room_events(&server, Some(EventCmd::Recording)))
        .await
        .expect("events");
    let states: Vec<Option<i64>> = recorded
        .list
        .iter()
        .map(|event| match &event.payload {
            EventPayload::Recording(session) => session.state,
            other => panic!("a recording event, got {other:?}"),
        })
        .collect();
    assert_eq!(states, [Some(1), Some(2)]);
}

fn token_client(server: &MockServer, token: String) -> Client {
    Client::builder()
        .base_urls(server.urls())
        .education_token(token)
        .retry(RetryPolicy::never())
        .build()
        .expect("a client")
}

/// An education token issued now for `room_uuid` (`""`: the app), valid
/// `lifetime` seconds, signed with `certificate`.
fn education_token(
    server: &MockServer,
    room_uuid: &str,
    lifetime: u32,
    certificate: &agora_api::token::AppCertificate,
) -> String {
    let issued = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .ok()
        .and_then(|since| u32::try_from(since.as_secs()).ok())
        .expect("a 32-bit Unix time");
    let service = ApaasService::new(room_uuid, "teacher", 1)
        .with_privilege(ApaasPrivilege::RoomUser, lifetime);
    AccessToken2::from_parts(server.app_id(), issued, 1, lifetime)
        .with_service(service)
        .build(certificate)
        .expect("built")
        .into_secret()
}

#[tokio::test]
async fn a_forged_expired_or_other_classroom_s_token_is_refused() {
    let clock = an_hour_ago();
    let server = server_at(&clock).await;
    server
        .client()
        .send(&create(&server, ROOM))
        .await
        .expect("created with an app token");
    let certificate = server.app_certificate().clone();

    let own = token_client(&server, education_token(&server, ROOM, 7200, &certificate));
    own.send(&get_room(&server))
        .await
        .expect("the classroom's own token");
    let error = own
        .send(&take(&server))
        .await
        .expect_err("a classroom's token does not read the app's events");
    assert_eq!(api_error(&error).status, 401);

    let other = token_client(
        &server,
        education_token(&server, "geometry-2", 7200, &certificate),
    );
    let error = other
        .send(&get_room(&server))
        .await
        .expect_err("another classroom's token");
    assert_eq!(api_error(&error).status, 401);

    let stranger = agora_api::token::AppCertificate::new("00000000000000000000000000000000")
        .expect("a certificate");
    let forged = token_client(&server, education_token(&server, ROOM, 7200, &stranger));
    let error = forged
        .send(&get_room(&server))
        .await
        .expect_err("not signed with the project's certificate");
    assert_eq!(api_error(&error).status, 401);

    let short = token_client(&server, education_token(&server, ROOM, 60, &certificate));
    short.send(&get_room(&server)).await.expect("still valid");
    clock.advance(Duration::from_secs(3600 + 61));
    let error = short
        .send(&get_room(&server))
        .await
        .expect_err("expired by the emulator's clock");
    assert_eq!(api_error(&error).status, 401);

    let basic_only = Client::builder()
        .base_urls(server.urls())
        .basic_auth("id", "secret")
        .build()
        .expect("a client");
    assert!(matches!(
        basic_only.send(&get_room(&server)).await,
        Err(agora_api::Error::MissingCredentials { .. })
    ));
}
