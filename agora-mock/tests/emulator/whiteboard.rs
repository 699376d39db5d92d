//! Interactive Whiteboard against the emulator: tokens issued from the
//! access key pair and checked for kind, role and room on every call;
//! rooms listed page by page and banned; a room's scene tree; conversion
//! tasks that wait, convert and finish (or fail) by the server's clock.
#![allow(deprecated)]

use std::collections::BTreeSet;
use std::time::Duration;

use agora_api::token::{WhiteboardKeys, WhiteboardRole, WhiteboardTokenKind};
use agora_api::whiteboard::{
    AccessKey, AddScenes, BanRoom, CancelConversion, ConversionKind, ConversionStatus, CreateRoom,
    FileUrl, GenerateRoomToken, GenerateSdkToken, GenerateTaskToken, GetConversion,
    GetLegacyConversion, GetRoom, ImageFormat, Lifespan, ListQueuedConversions, ListRooms,
    ListScenes, NewScene, QueuedStatus, RoomListLimit, RoomUuid, ScenePath,
    ScreenshotSceneDirectory, ScreenshotSize, SetConversionPriority, StartConversion,
    StartLegacyConversion, SwitchScene, TaskPriority, TaskUuid, TokenRole, WhiteboardCall,
};
use agora_api::{Client, RetryPolicy, WhiteboardRegion};
use agora_mock::{
    DEFAULT_WHITEBOARD_ACCESS_KEY, DEFAULT_WHITEBOARD_SECRET_KEY, ManualClock, MockServer,
};

use crate::support::{Raw, api_error, code};

const T0: u64 = 1_700_000_000;

async fn server_at(clock: &ManualClock) -> MockServer {
    MockServer::builder()
        .clock(clock.clone())
        .start()
        .await
        .expect("the emulator starts")
}

/// A client for `server` that sends `token` (one attempt per call).
fn with_token(server: &MockServer, token: &str) -> Client {
    server
        .client_builder()
        .whiteboard_token(token, WhiteboardRegion::UsSv)
        .retry(RetryPolicy::never())
        .build()
        .expect("a client")
}

fn sdk_token_call(secret: &str, role: TokenRole, lifespan: u64) -> GenerateSdkToken {
    GenerateSdkToken::builder()
        .region(WhiteboardRegion::UsSv)
        .access_key(AccessKey::new(DEFAULT_WHITEBOARD_ACCESS_KEY).expect("an AK"))
        .secret_access_key(secret)
        .lifespan(Lifespan::new(lifespan).expect("a lifespan"))
        .role(role)
        .build()
}

#[tokio::test]
async fn an_sdk_token_is_issued_for_the_team_s_keys_only_and_expires_by_the_server_s_clock() {
    let clock = ManualClock::at_unix(T0);
    let server = server_at(&clock).await;
    let anonymous = Client::builder()
        .base_url(server.url())
        .retry(RetryPolicy::never())
        .build()
        .expect("a client without credentials");

    let wrong = anonymous
        .send(&sdk_token_call("not-the-secret", TokenRole::Admin, 0))
        .await
        .expect_err("another secret key");
    assert_eq!(api_error(&wrong).status, 401);

    let issued = anonymous
        .send(&sdk_token_call(
            DEFAULT_WHITEBOARD_SECRET_KEY,
            TokenRole::Writer,
            60_000,
        ))
        .await
        .expect("the team's key pair");
    assert_eq!(issued.kind(), Some(WhiteboardTokenKind::Sdk));
    let writer = with_token(&server, issued.expose_secret());
    writer
        .send(&CreateRoom::builder().build())
        .await
        .expect("a writer SDK token creates rooms");

    clock.advance(Duration::from_secs(61));
    let expired = writer
        .send(&CreateRoom::builder().build())
        .await
        .expect_err("the token lived 60 s");
    assert_eq!(api_error(&expired).status, 401);
    assert_eq!(
        server.requests_to::<CreateRoom>().len(),
        2,
        "a create is sent once"
    );
}

#[tokio::test]
async fn each_call_takes_only_the_token_kind_role_and_room_it_is_documented_with() {
    let server = MockServer::start().await;
    let admin = server.client();
    let room = admin
        .send(&CreateRoom::builder().build())
        .await
        .expect("created with the emulator's admin SDK token");
    let other = admin
        .send(&CreateRoom::builder().build())
        .await
        .expect("a second room");

    // A reader SDK token may issue reader tokens, not admin ones.
    let keys = &server.credentials().whiteboard_keys;
    let reader_sdk = keys
        .sdk_token(WhiteboardRole::Reader, None)
        .expect("a token");
    let reader = with_token(&server, reader_sdk.expose_secret());
    let issue = |role| {
        GenerateRoomToken::builder()
            .uuid(room.uuid.clone())
            .lifespan(Lifespan::PERMANENT)
            .role(role)
            .build()
    };
    let above = reader
        .send(&issue(TokenRole::Admin))
        .await
        .expect_err("above the issuer's role");
    assert_eq!(api_error(&above).status, 403);
    let writer_room_token = admin
        .send(&issue(TokenRole::Writer))
        .await
        .expect("an admin SDK token issues a writer room token");
    assert_eq!(writer_room_token.kind(), Some(WhiteboardTokenKind::Room));

    // The room's writer token reads its room, not another, and cannot ban.
    let room_writer = with_token(&server, writer_room_token.expose_secret());
    let read = room_writer
        .send(&GetRoom::builder().uuid(room.uuid.clone()).build())
        .await
        .expect("its own room");
    assert_eq!(read.uuid, room.uuid);
    let elsewhere = room_writer
        .send(&GetRoom::builder().uuid(other.uuid.clone()).build())
        .await
        .expect_err("another room");
    assert_eq!(api_error(&elsewhere).status, 403);
    let ban = BanRoom::builder()
        .uuid(room.uuid.clone())
        .is_ban(true)
        .build();
    assert!(
        BanRoom::TOKEN
            .check(writer_room_token.expose_secret(), ban.token_subject())
            .is_err(),
        "the client tells before sending"
    );
    let refused = room_writer
        .send(&ban)
        .await
        .expect_err("banning needs admin");
    assert_eq!(api_error(&refused).status, 403);

    // An SDK token where the task's own token is needed.
    let task = admin
        .send(
            &StartConversion::builder()
                .resource(FileUrl::new("https://example.com/deck.pptx").expect("a URL"))
                .kind(ConversionKind::Dynamic)
                .build(),
        )
        .await
        .expect("started");
    let progress = GetConversion::builder().uuid(task.uuid.clone()).build();
    let not_a_task_token = admin.send(&progress).await.expect_err("an SDK token");
    assert_eq!(api_error(&not_a_task_token).status, 403);
    let task_token = admin
        .send(
            &GenerateTaskToken::builder()
                .uuid(task.uuid.clone())
                .lifespan(Lifespan::new(600_000).expect("a lifespan"))
                .role(TokenRole::Reader)
                .build(),
        )
        .await
        .expect("a task token");
    with_token(&server, task_token.expose_secret())
        .send(&progress)
        .await
        .expect("the task's token reads it");

    // The admin bans the room; the room shows it.
    let banned = admin.send(&ban).await.expect("banned");
    assert_eq!(banned.is_ban, Some(true));
    let read = admin
        .send(&GetRoom::builder().uuid(room.uuid.clone()).build())
        .await
        .expect("read");
    assert_eq!(read.is_ban, Some(true));
}

#[tokio::test]
async fn rooms_are_walked_page_by_page_oldest_first() {
    let server = MockServer::start().await;
    let client = server.client();
    let mut created = Vec::new();
    for _ in 0..5 {
        let room = client
            .send(&CreateRoom::builder().build())
            .await
            .expect("created");
        created.push(room.uuid);
    }
    let first = ListRooms::builder()
        .limit(RoomListLimit::new(2).expect("a limit"))
        .build();
    let mut pages = client.pages(first);
    let mut walked: Vec<RoomUuid> = Vec::new();
    let mut fetched = 0;
    while let Some(page) = pages.next().await {
        fetched += 1;
        for room in page.expect("a page") {
            // Each page after the first starts with the last one's room.
            if walked.last() != Some(&room.uuid) {
                walked.push(room.uuid);
            }
        }
    }
    assert_eq!(walked, created);
    assert_eq!(
        fetched, 3,
        "r1 r2, then r2 r3 r4 (3 asked), then r4 r5 (short: the last)"
    );
    let unknown = client
        .send(
            &ListRooms::builder()
                .begin_uuid(RoomUuid::new("no-such-room").expect("a uuid"))
                .build(),
        )
        .await
        .expect("listed");
    assert!(unknown.is_empty(), "an unknown beginUUID is past the end");
}

fn path(text: &str) -> ScenePath {
    ScenePath::new(text).expect("a scene path")
}

#[tokio::test]
async fn scenes_form_a_tree_that_is_listed_switched_and_screenshotted() {
    let server = MockServer::start().await;
    let client = server.client();
    let room = client
        .send(&CreateRoom::builder().build())
        .await
        .expect("created")
        .uuid;
    let list = |dir: Option<&str>| ListScenes {
        uuid: room.clone(),
        scene_dir: dir.map(path),
    };
    assert_eq!(
        client.send(&list(None)).await.expect("listed"),
        vec!["/init".to_owned()],
        "a new room has /init"
    );
    let add = |dir: &str, names: &[&str]| {
        AddScenes::builder()
            .uuid(room.clone())
            .path(path(dir))
            .scenes(
                names
                    .iter()
                    .map(|name| NewScene::named(name.parse().expect("a name")))
                    .collect::<Vec<_>>(),
            )
            .build()
    };
    client
        .send(&add("/test", &["cover", "page1"]))
        .await
        .expect("added");
    client
        .send(&add("/test/more", &["appendix"]))
        .await
        .expect("added");
    let taken = client
        .send(&add("/test", &["page1"]))
        .await
        .expect_err("page1 is taken in /test");
    assert_eq!(api_error(&taken).status, 400);
    assert_eq!(
        client.send(&list(Some("/test"))).await.expect("listed"),
        vec!["/test/cover", "/test/page1", "/test/more/appendix"]
    );

    let switch = |to: &str| {
        SwitchScene::builder()
            .uuid(room.clone())
            .scene_path(path(to))
            .build()
    };
    let current = client.send(&switch("/test/page1")).await.expect("switched");
    assert_eq!(current.current_scene_path, vec!["test", "page1"]);
    let current = client.send(&switch("/test")).await.expect("switched");
    assert_eq!(current.path(), "/test/cover", "a directory shows its first");
    let missing = client
        .send(&switch("/nowhere"))
        .await
        .expect_err("no such scene");
    assert_eq!(api_error(&missing).status, 404);
    assert_eq!(
        client.send(&list(None)).await.expect("listed").len(),
        3,
        "without sceneDir: the current scene's directory"
    );

    let size = |pixels| ScreenshotSize::new(pixels).expect("a size");
    let shots = client
        .send(
            &ScreenshotSceneDirectory::builder()
                .uuid(room.clone())
                .width(size(640))
                .height(size(480))
                .build(),
        )
        .await
        .expect("the current directory's screenshots");
    let keys: Vec<&str> = shots
        .iter()
        .filter_map(|shot| shot.key.as_deref())
        .collect();
    assert_eq!(keys.len(), 2);
    assert!(keys[0].ends_with("/test/cover.png"), "{keys:?}");
}

fn start(resource: &str, kind: ConversionKind) -> StartConversion {
    StartConversion::builder()
        .resource(FileUrl::new(resource).expect("a URL"))
        .kind(kind)
        .build()
}

#[tokio::test]
async fn conversions_wait_convert_and_finish_one_at_a_time_by_the_server_s_clock() {
    let clock = ManualClock::at_unix(T0);
    let server = server_at(&clock).await;
    let client = server.client();
    let keys = &server.credentials().whiteboard_keys;
    let progress_of = |uuid: &TaskUuid| {
        let token = GetConversion::TOKEN
            .mint(keys, Some(uuid.as_str()), None)
            .expect("a task token");
        let call = GetConversion::builder().uuid(uuid.clone()).build();
        let client = with_token(&server, token.expose_secret());
        async move { client.send(&call).await.expect("the task") }
    };

    let mut deck = start("https://example.com/deck.pptx", ConversionKind::Static);
    deck.output_format = Some(ImageFormat::Jpg);
    let deck = client.send(&deck).await.expect("started");
    assert_eq!(deck.status, Some(ConversionStatus::Waiting));
    let broken = client
        .send(&start(
            "https://files.invalid/deck.pptx",
            ConversionKind::Dynamic,
        ))
        .await
        .expect("started");

    clock.advance(Duration::from_secs(2));
    let converting = progress_of(&deck.uuid).await;
    assert_eq!(converting.status, ConversionStatus::Converting);
    let queued = client
        .send(&ListQueuedConversions::builder().build())
        .await
        .expect("the queue");
    let states: Vec<(&str, &QueuedStatus)> = queued
        .iter()
        .map(|task| (task.task_id.as_str(), &task.status))
        .collect();
    assert_eq!(
        states,
        vec![
            (deck.uuid.as_str(), &QueuedStatus::Converting),
            (broken.uuid.as_str(), &QueuedStatus::Waiting)
        ]
    );
    let running = client
        .send(
            &SetConversionPriority::builder()
                .uuid(deck.uuid.clone())
                .priority(TaskPriority::Lowest)
                .build(),
        )
        .await
        .expect_err("a converting task cannot move");
    assert_eq!(code(&running), Some(2010607));

    clock.advance(Duration::from_secs(4));
    let finished = progress_of(&deck.uuid).await;
    assert_eq!(finished.status, ConversionStatus::Finished);
    assert_eq!(finished.page_count, Some(3));
    let images = finished.images.expect("a static conversion's images");
    assert!(images["1"].url.ends_with("/1.jpg"), "{images:?}");

    clock.advance(Duration::from_secs(4));
    let failed = progress_of(&broken.uuid).await;
    assert_eq!(failed.status, ConversionStatus::Fail);
    assert_eq!(failed.error_code.as_deref(), Some("2050101"));
}

#[tokio::test]
async fn waiting_tasks_move_in_the_queue_and_are_cancelled() {
    let clock = ManualClock::at_unix(T0);
    let server = server_at(&clock).await;
    let client = server.client();
    let mut uuids = Vec::new();
    for file in ["a", "b", "c"] {
        let task = client
            .send(&start(
                &format!("https://example.com/{file}.pptx"),
                ConversionKind::Dynamic,
            ))
            .await
            .expect("started");
        uuids.push(task.uuid);
    }
    let moved = client
        .send(
            &SetConversionPriority::builder()
                .uuid(uuids[2].clone())
                .priority(TaskPriority::Highest)
                .build(),
        )
        .await
        .expect("moved");
    assert!(moved.success);
    let order = |queue: Vec<agora_api::whiteboard::QueuedConversion>| -> Vec<String> {
        queue.into_iter().map(|task| task.task_id).collect()
    };
    let queue = client
        .send(&ListQueuedConversions::builder().build())
        .await
        .expect("the queue");
    assert_eq!(
        order(queue),
        vec![
            uuids[2].to_string(),
            uuids[0].to_string(),
            uuids[1].to_string()
        ]
    );

    let cancel = CancelConversion::builder().uuid(uuids[0].clone()).build();
    assert!(client.send(&cancel).await.expect("cancelled").success);
    assert_eq!(
        client
            .send(&ListQueuedConversions::builder().build())
            .await
            .expect("the queue")
            .len(),
        2
    );
    let gone = client.send(&cancel).await.expect_err("cancelled already");
    assert_eq!(code(&gone), Some(2010605));

    // The task moved to the front converts first.
    clock.advance(Duration::from_secs(2));
    let queue = client
        .send(&ListQueuedConversions::builder().build())
        .await
        .expect("the queue");
    assert_eq!(queue[0].task_id, uuids[2].as_str());
    assert_eq!(queue[0].status, QueuedStatus::Converting);
    let distinct: BTreeSet<&str> = uuids.iter().map(TaskUuid::as_str).collect();
    assert_eq!(distinct.len(), 3, "each task has its own UUID");
}

#[tokio::test]
async fn a_legacy_conversion_is_read_with_its_type_and_task_token() {
    let clock = ManualClock::at_unix(T0);
    let server = server_at(&clock).await;
    let started = server
        .client()
        .send(
            &StartLegacyConversion::builder()
                .resource(FileUrl::new("https://example.com/deck.pdf").expect("a URL"))
                .kind(ConversionKind::Static)
                .build(),
        )
        .await
        .expect("started");
    clock.advance(Duration::from_secs(6));
    let query = |kind| {
        GetLegacyConversion::builder()
            .uuid(started.uuid.clone())
            .kind(kind)
            .build()
    };
    let token = GetLegacyConversion::TOKEN
        .mint(
            &server.credentials().whiteboard_keys,
            Some(started.uuid.as_str()),
            None,
        )
        .expect("a task token");
    let client = with_token(&server, token.expose_secret());
    let task = client
        .send(&query(ConversionKind::Static))
        .await
        .expect("the legacy task");
    assert_eq!(task.status, ConversionStatus::Finished);
    let progress = task.progress.expect("progress");
    assert_eq!(progress.converted_page_size, Some(3));
    assert_eq!(progress.converted_file_list.len(), 3);
    let wrong_type = client
        .send(&query(ConversionKind::Dynamic))
        .await
        .expect_err("it is a static task");
    assert_eq!(api_error(&wrong_type).status, 404);
}

#[tokio::test]
async fn a_call_without_a_known_region_or_a_genuine_token_is_refused_before_it_runs() {
    let server = MockServer::start().await;
    let raw = Raw::new(&server);
    let token = server
        .credentials()
        .whiteboard_keys
        .sdk_token(WhiteboardRole::Admin, None)
        .expect("a token");
    let json = ("content-type", "application/json");
    let create = |headers: Vec<(&'static str, String)>| {
        let raw = &raw;
        async move {
            let headers: Vec<(&str, &str)> = headers
                .iter()
                .map(|(name, value)| (*name, value.as_str()))
                .collect();
            raw.send("POST", "/v5/rooms", &headers, Some("{}")).await
        }
    };
    let sdk = token.expose_secret().to_owned();

    let no_region = create(vec![(json.0, json.1.into()), ("token", sdk.clone())]).await;
    assert_eq!(no_region.status, 400);
    assert_eq!(no_region.body["message"], "invalid `region`: is required");
    let unknown = create(vec![
        (json.0, json.1.into()),
        ("token", sdk.clone()),
        ("region", "mars".into()),
    ])
    .await;
    assert_eq!(unknown.status, 400, "{}", unknown.body);

    let forged = WhiteboardKeys::new(DEFAULT_WHITEBOARD_ACCESS_KEY, "another-secret")
        .expect("keys")
        .sdk_token(WhiteboardRole::Admin, None)
        .expect("a token");
    let refused = create(vec![
        (json.0, json.1.into()),
        ("token", forged.into_secret()),
        ("region", "us-sv".into()),
    ])
    .await;
    assert_eq!(refused.status, 401);
    let nothing = create(vec![(json.0, json.1.into()), ("region", "us-sv".into())]).await;
    assert_eq!(nothing.status, 401);
    assert!(
        server.journal().iter().all(|entry| !entry.applied),
        "no room was made"
    );
    let made = create(vec![
        (json.0, json.1.into()),
        ("token", sdk),
        ("region", "us-sv".into()),
    ])
    .await;
    assert_eq!(made.status, 201, "{}", made.body);
}
