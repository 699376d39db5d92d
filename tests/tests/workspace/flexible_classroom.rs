//! Flexible Classroom on the wire: Agora's official example bodies
//! round-trip through the typed inputs; events are typed by their `cmd`
//! with the raw JSON kept for the others; only the reads and the
//! replaceable changes are re-sent; whiteboard tokens stay out of `Debug`.

use agora_api::flexible_classroom::{
    BreakoutRoom, BreakoutState, ClassroomEvent, CreateClassroom, DeleteClassroomProperties,
    DeleteUserProperties, Dirty, EventCmd, EventPayload, GetClassroom, GetClassroomUser, KickUser,
    ListPollEvents, ListPopupQuizEvents, ListRecordings, ListRoomEvents, PropertyKeys,
    RecordingMode, RecordingPage, RecordingSwitch, RoleConfig, RoomName, RoomProperties, RoomType,
    RoomUuid, SetBreakoutRooms, SetClassroomState, SetRecordingState, TakeAppEvents,
    UpdateClassroomProperties, UpdateRecordingConfig, UpdateUserProperties, UserUuid,
    WebRecordConfig, WebRecordUpdate,
};
use agora_api::{Endpoint, ServiceRegion, reqwest};
use agora_tests::basic_client;
use agora_tests::examples::placeholder_app_id;
use serde::Deserialize;
use serde_json::{Map, Value, json};

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct CreateBody {
    room_name: RoomName,
    room_type: RoomType,
    room_properties: Option<RoomProperties>,
    role_config: Option<RoleConfig>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct UpdateBody {
    properties: Map<String, Value>,
    cause: Option<Map<String, Value>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DeleteBody {
    properties: PropertyKeys,
    cause: Option<Map<String, Value>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct GroupsBody {
    groups: Vec<BreakoutRoom>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct RecordBody {
    mode: Option<RecordingMode>,
    web_record_config: Option<WebRecordConfig>,
    retry_timeout: Option<u32>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct RecordUpdateBody {
    web_record_config: Option<WebRecordUpdate>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct KickBody {
    dirty: Option<Dirty>,
}

/// `text` without its `//` comments (outside strings), as the create
/// example writes them.
fn without_comments(text: &str) -> String {
    let mut kept = String::new();
    for line in text.lines() {
        let mut in_string = false;
        let mut escaped = false;
        let mut end = line.len();
        for (at, c) in line.char_indices() {
            match c {
                _ if escaped => escaped = false,
                '\\' if in_string => escaped = true,
                '"' => in_string = !in_string,
                '/' if !in_string && line[at..].starts_with("//") => {
                    end = at;
                    break;
                }
                _ => {}
            }
        }
        kept.push_str(&line[..end]);
        kept.push('\n');
    }
    kept
}

fn sent(request: Result<reqwest::Request, agora_api::Error>) -> Value {
    let request = request.expect("a request");
    serde_json::from_slice(request.body().and_then(|b| b.as_bytes()).expect("a body"))
        .expect("a JSON body")
}

fn typed<T: for<'de> Deserialize<'de>>(body: &Value) -> T {
    serde_json::from_value(body.clone()).unwrap_or_else(|e| panic!("{body}: {e}"))
}

fn room() -> RoomUuid {
    RoomUuid::new("test_class").expect("a room ID")
}

fn user() -> UserUuid {
    UserUuid::new("test_user").expect("a user ID")
}

const REGION: ServiceRegion = ServiceRegion::NorthAmerica;

#[test]
fn every_official_flexible_classroom_body_round_trips_through_the_typed_inputs() {
    let Some(examples) = agora_tests::official_examples() else {
        return;
    };
    let client = basic_client("https://api.agora.io");
    let mut rebuilt_kinds = Vec::new();
    for example in examples.iter().filter(|example| {
        example["source"]
            .as_str()
            .is_some_and(|source| source.contains("flexible-classroom/"))
    }) {
        let body = match &example["body"] {
            Value::Null => continue,
            Value::String(text) => serde_json::from_str(&without_comments(text))
                .unwrap_or_else(|e| panic!("{}: {e}", example["source"])),
            body => body.clone(),
        };
        let method = example["method"].as_str().unwrap_or_default();
        let url = example["url"].as_str().unwrap_or_default();
        let on_user = url.contains("/users/");
        let (kind, rebuilt) = match method {
            "POST" if url.ends_with("/exit") => {
                let parts: KickBody = typed(&body);
                let call = KickUser {
                    dirty: parts.dirty,
                    ..KickUser::builder()
                        .region(REGION)
                        .app_id(placeholder_app_id())
                        .room_uuid(room())
                        .user_uuid(user())
                        .build()
                };
                ("kick", sent(client.prepare(&call)))
            }
            "POST" => {
                let parts: CreateBody = typed(&body);
                let call = CreateClassroom {
                    room_properties: parts.room_properties,
                    role_config: parts.role_config,
                    ..CreateClassroom::builder()
                        .region(REGION)
                        .app_id(placeholder_app_id())
                        .room_uuid(room())
                        .room_name(parts.room_name)
                        .room_type(parts.room_type)
                        .build()
                };
                ("create", sent(client.prepare(&call)))
            }
            "PUT" if url.ends_with("/properties") => {
                let parts: UpdateBody = typed(&body);
                if on_user {
                    let call = UpdateUserProperties {
                        cause: parts.cause,
                        ..UpdateUserProperties::builder()
                            .region(REGION)
                            .app_id(placeholder_app_id())
                            .room_uuid(room())
                            .user_uuid(user())
                            .properties(parts.properties)
                            .build()
                    };
                    ("user properties", sent(client.prepare(&call)))
                } else {
                    let call = UpdateClassroomProperties {
                        cause: parts.cause,
                        ..UpdateClassroomProperties::builder()
                            .region(REGION)
                            .app_id(placeholder_app_id())
                            .room_uuid(room())
                            .properties(parts.properties)
                            .build()
                    };
                    ("room properties", sent(client.prepare(&call)))
                }
            }
            "DELETE" => {
                let parts: DeleteBody = typed(&body);
                if on_user {
                    let call = DeleteUserProperties {
                        cause: parts.cause,
                        ..DeleteUserProperties::builder()
                            .region(REGION)
                            .app_id(placeholder_app_id())
                            .room_uuid(room())
                            .user_uuid(user())
                            .properties(parts.properties)
                            .build()
                    };
                    ("delete user properties", sent(client.prepare(&call)))
                } else {
                    let call = DeleteClassroomProperties {
                        cause: parts.cause,
                        ..DeleteClassroomProperties::builder()
                            .region(REGION)
                            .app_id(placeholder_app_id())
                            .room_uuid(room())
                            .properties(parts.properties)
                            .build()
                    };
                    ("delete room properties", sent(client.prepare(&call)))
                }
            }
            // The breakout example sends its groups to `/states/1`
            // (exception `breakout-example-path`).
            "PUT" if body.get("groups").is_some() => {
                let parts: GroupsBody = typed(&body);
                let call = SetBreakoutRooms {
                    groups: Some(parts.groups),
                    ..SetBreakoutRooms::builder()
                        .region(REGION)
                        .app_id(placeholder_app_id())
                        .room_uuid(room())
                        .state(BreakoutState::Create)
                        .build()
                };
                ("breakout rooms", sent(client.prepare(&call)))
            }
            "PUT" => {
                let parts: RecordBody = typed(&body);
                let call = SetRecordingState {
                    mode: parts.mode,
                    web_record_config: parts.web_record_config,
                    retry_timeout: parts.retry_timeout,
                    ..SetRecordingState::builder()
                        .region(REGION)
                        .app_id(placeholder_app_id())
                        .room_uuid(room())
                        .state(RecordingSwitch::Start)
                        .build()
                };
                ("recording", sent(client.prepare(&call)))
            }
            "PATCH" => {
                let parts: RecordUpdateBody = typed(&body);
                let call = UpdateRecordingConfig {
                    web_record_config: parts.web_record_config,
                    ..UpdateRecordingConfig::builder()
                        .region(REGION)
                        .app_id(placeholder_app_id())
                        .room_uuid(room())
                        .state(RecordingSwitch::Start)
                        .build()
                };
                ("recording update", sent(client.prepare(&call)))
            }
            other => panic!("no Flexible Classroom endpoint binds {other} {url} with a body"),
        };
        assert_eq!(rebuilt, body, "{} {method} {url}", example["source"]);
        rebuilt_kinds.push(kind);
    }
    rebuilt_kinds.sort_unstable();
    rebuilt_kinds.dedup();
    assert_eq!(
        rebuilt_kinds,
        [
            "breakout rooms",
            "create",
            "delete room properties",
            "delete user properties",
            "kick",
            "recording",
            "recording update",
            "room properties",
            "user properties",
        ],
        "every Flexible Classroom body Agora shows"
    );
}

#[test]
fn only_reads_and_replaceable_changes_are_re_sent() {
    let declared = [
        (CreateClassroom::NAME, CreateClassroom::IDEMPOTENT),
        (GetClassroom::NAME, GetClassroom::IDEMPOTENT),
        (SetClassroomState::NAME, SetClassroomState::IDEMPOTENT),
        (
            UpdateClassroomProperties::NAME,
            UpdateClassroomProperties::IDEMPOTENT,
        ),
        (
            DeleteClassroomProperties::NAME,
            DeleteClassroomProperties::IDEMPOTENT,
        ),
        (SetBreakoutRooms::NAME, SetBreakoutRooms::IDEMPOTENT),
        (SetRecordingState::NAME, SetRecordingState::IDEMPOTENT),
        (
            UpdateRecordingConfig::NAME,
            UpdateRecordingConfig::IDEMPOTENT,
        ),
        (ListRecordings::NAME, ListRecordings::IDEMPOTENT),
        (GetClassroomUser::NAME, GetClassroomUser::IDEMPOTENT),
        (UpdateUserProperties::NAME, UpdateUserProperties::IDEMPOTENT),
        (DeleteUserProperties::NAME, DeleteUserProperties::IDEMPOTENT),
        (KickUser::NAME, KickUser::IDEMPOTENT),
        (ListRoomEvents::NAME, ListRoomEvents::IDEMPOTENT),
        (TakeAppEvents::NAME, TakeAppEvents::IDEMPOTENT),
        (ListPopupQuizEvents::NAME, ListPopupQuizEvents::IDEMPOTENT),
        (ListPollEvents::NAME, ListPollEvents::IDEMPOTENT),
    ];
    let never_re_sent: Vec<&str> = declared
        .iter()
        .filter(|(_, idempotent)| !idempotent)
        .map(|(name, _)| *name)
        .collect();
    assert_eq!(
        never_re_sent,
        [
            "CreateClassroom",
            "SetBreakoutRooms",
            "SetRecordingState",
            "KickUser",
            "TakeAppEvents",
        ],
        "creates, starts, kicks and the consume-once feed"
    );
}

fn event(cmd: i64, data: Value) -> ClassroomEvent {
    serde_json::from_value(json!({
        "roomUuid": "test_class", "cmd": cmd, "sequence": 7, "version": 1, "data": data
    }))
    .expect("an event")
}

#[test]
fn events_are_typed_by_cmd_and_others_keep_their_json() {
    // The data examples of the page's Events section.
    let state = event(1, json!({ "startTime": 1611561776588u64, "state": 1 }));
    assert!(
        matches!(&state.payload, EventPayload::RoomState(change) if change.start_time == Some(1_611_561_776_588))
    );
    let chat = event(
        3,
        json!({ "fromUser": { "role": "host", "userName": "jason", "userUuid": "jason1" }, "message": "aa", "type": 1 }),
    );
    let EventPayload::Chat(message) = &chat.payload else {
        panic!("a chat message: {chat:?}");
    };
    assert_eq!(message.message, "aa");
    assert_eq!(
        message
            .from_user
            .as_ref()
            .and_then(|user| user.role.clone()),
        Some(agora_api::flexible_classroom::ReportedRole::Host)
    );
    let users = event(
        20,
        json!({ "total": 3, "onlineUsers": [{ "userName": "", "userUuid": "", "role": "0", "userProperties": {}, "streamUuid": "", "type": 1, "updateTime": 1611561776588u64 }], "offlineUsers": [] }),
    );
    assert!(matches!(&users.payload, EventPayload::UsersInOut(change) if change.total == Some(3)));
    let recording = event(
        1001,
        json!({ "recordId": "xxx", "sid": "xxx", "resourceId": "xxx", "state": 1, "startTime": 1611564500488u64 }),
    );
    assert!(
        matches!(&recording.payload, EventPayload::Recording(session) if session.state == Some(1))
    );
    let rewards = event(
        1101,
        json!({ "rewardDetails": [{ "userUuid": "", "changedReward": 1, "totalReward": 10 }], "updateTime": 1611564500488u64 }),
    );
    assert!(
        matches!(&rewards.payload, EventPayload::Rewards(change) if change.reward_details[0].total == Some(10))
    );
    let resources = event(
        1003,
        json!({ "resources": [{ "resourceUuid": "", "resourceName": "1", "size": 1024, "url": "http://xxx.com/ooo", "taskUuid": "", "taskToken": "", "taskProgress": {} }], "operator": { "role": "1", "userName": "jason", "userUuid": "jason1" }, "action": 1 }),
    );
    assert!(
        matches!(&resources.payload, EventPayload::Resources(change) if change.resources[0].size == Some(1024))
    );
    let stage = event(
        1501,
        json!({ "acceptedUsers": [{ "userUuid": "" }], "addAcceptedUsers": [{ "userUuid": "" }], "removeAcceptedUsers": [{ "userUuid": "" }] }),
    );
    assert!(
        matches!(&stage.payload, EventPayload::OnStage(change) if change.accepted_users.len() == 1)
    );
    let hands = event(
        1502,
        json!({ "progressUsers": [{ "userUuid": "", "payload": {} }], "addProgressUsers": [], "removeProgressUsers": [] }),
    );
    assert!(
        matches!(&hands.payload, EventPayload::HandsUp(change) if change.progress_users.len() == 1)
    );
    for (typed, cmd) in [
        (&state, EventCmd::RoomState),
        (&chat, EventCmd::Chat),
        (&users, EventCmd::UsersInOut),
        (&recording, EventCmd::Recording),
        (&resources, EventCmd::Resources),
        (&rewards, EventCmd::Rewards),
        (&stage, EventCmd::OnStage),
        (&hands, EventCmd::HandsUp),
    ] {
        assert_eq!(typed.cmd(), cmd);
        assert_eq!(typed.sequence, Some(7));
    }

    let later = event(2001, json!({ "whatever": [1, 2] }));
    assert_eq!(
        later.payload,
        EventPayload::Other {
            cmd: 2001,
            data: json!({ "whatever": [1, 2] })
        },
        "a cmd Agora adds keeps its raw JSON"
    );
    assert_eq!(later.cmd(), EventCmd::Other(2001));
    let odd = event(1, json!({ "state": "started" }));
    assert!(
        matches!(&odd.payload, EventPayload::Other { cmd: 1, data } if data["state"] == "started"),
        "a known cmd whose data does not read as documented is kept raw: {odd:?}"
    );
}

#[test]
fn whiteboard_tokens_of_answers_stay_out_of_debug() {
    let page: RecordingPage = serde_json::from_value(json!({
        "list": [{ "recordId": "r1", "boardToken": "NETLESSSDK_YWs9c2VjcmV0" }],
        "nextId": null
    }))
    .expect("a page");
    let shown = format!("{page:?}");
    assert!(!shown.contains("NETLESSSDK_YWs9c2VjcmV0"), "{shown}");
    assert_eq!(
        page.list[0]
            .board_token
            .as_ref()
            .map(|token| token.expose()),
        Some("NETLESSSDK_YWs9c2VjcmV0")
    );
}

/// A token source that mints a token naming the classroom it is asked
/// for, as a source of classroom-bound tokens would.
#[derive(Debug)]
struct PerClassroom;

impl agora_api::TokenSource for PerClassroom {
    fn token(
        &self,
        context: &agora_api::TokenContext<'_>,
    ) -> Result<agora_api::Secret, agora_api::Error> {
        Ok(agora_api::Secret::new(format!(
            "007for-{}",
            context.channel().unwrap_or("the-app")
        )))
    }
}

#[test]
fn a_token_source_is_asked_for_the_classroom_of_each_call_and_for_the_app_by_the_feed() {
    let client = agora_api::Client::builder()
        .education_token_source(PerClassroom)
        .build()
        .expect("a client");
    let get = GetClassroom::builder()
        .region(REGION)
        .app_id(placeholder_app_id())
        .room_uuid(room())
        .build();
    let request = client.prepare(&get).expect("a request");
    assert_eq!(
        request.headers()["authorization"],
        "agora token=007for-test_class"
    );
    let feed = TakeAppEvents::builder()
        .region(REGION)
        .app_id(placeholder_app_id())
        .build();
    let request = client.prepare(&feed).expect("a request");
    assert_eq!(
        request.headers()["authorization"],
        "agora token=007for-the-app",
        "the app's feed names no classroom"
    );
}
