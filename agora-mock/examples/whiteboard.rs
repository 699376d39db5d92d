//! Interactive Whiteboard's main flow against the emulator: issue an SDK
//! token from the access key pair, create a room, give it a directory of
//! scenes and switch to one, issue a room token and see what it may and
//! may not do, walk the room list, convert a file and follow the task
//! with its task token until it finishes, then ban the room.
//!
//! `cargo run -p agora-mock --example whiteboard`. The emulator's clock is
//! moved forward by hand where real Agora would take seconds.

use std::error::Error;
use std::process::ExitCode;
use std::time::Duration;

use agora_api::whiteboard::{
    AccessKey, AddScenes, BanRoom, ConversionKind, CreateRoom, FileUrl, GenerateRoomToken,
    GenerateSdkToken, GenerateTaskToken, GetConversion, Lifespan, ListRooms, ListScenes, NewScene,
    RoomListLimit, SceneBackground, ScenePath, StartConversion, SwitchScene, TokenRole,
    WhiteboardCall,
};
use agora_api::{Client, RetryPolicy, WhiteboardRegion};
use agora_mock::{
    DEFAULT_WHITEBOARD_ACCESS_KEY, DEFAULT_WHITEBOARD_SECRET_KEY, ManualClock, MockServer,
};

type Result<T> = std::result::Result<T, Box<dyn Error>>;

/// A client for the emulator that sends `token` to the `us-sv` centre.
fn client_with(server: &MockServer, token: &str) -> Result<Client> {
    Ok(Client::builder()
        .base_url(server.url())
        .whiteboard_token(token, WhiteboardRegion::UsSv)
        .retry(RetryPolicy::never())
        .build()?)
}

async fn run() -> Result<()> {
    let clock = ManualClock::at_unix(1_700_000_000);
    let server = MockServer::builder().clock(clock.clone()).start().await?;
    let anonymous = Client::builder().base_url(server.url()).build()?;

    println!("1. issue an admin SDK token from the access key pair (AK/SK in the body)");
    let sdk = anonymous
        .send(
            &GenerateSdkToken::builder()
                .region(WhiteboardRegion::UsSv)
                .access_key(AccessKey::new(DEFAULT_WHITEBOARD_ACCESS_KEY)?)
                .secret_access_key(DEFAULT_WHITEBOARD_SECRET_KEY)
                .lifespan(Lifespan::from_duration(Duration::from_secs(3600))?)
                .role(TokenRole::Admin)
                .build(),
        )
        .await?;
    println!("   {sdk:?}");
    let admin = client_with(&server, sdk.expose_secret())?;

    println!("2. create a room");
    let room = admin.send(&CreateRoom::builder().limit(0).build()).await?;
    println!(
        "   room {} created at {:?}",
        room.uuid,
        room.created_at.as_deref().unwrap_or("?")
    );

    println!("3. add the scenes of /deck and switch to /deck/page2");
    admin
        .send(
            &AddScenes::builder()
                .uuid(room.uuid.clone())
                .path(ScenePath::new("/deck")?)
                .scenes(vec![
                    NewScene::named("page1".parse()?).with_background(SceneBackground::new(
                        "https://example.com/page1.png",
                        640,
                        360,
                    )),
                    NewScene::named("page2".parse()?),
                ])
                .build(),
        )
        .await?;
    let current = admin
        .send(
            &SwitchScene::builder()
                .uuid(room.uuid.clone())
                .scene_path(ScenePath::new("/deck/page2")?)
                .build(),
        )
        .await?;
    let scenes = admin
        .send(&ListScenes {
            uuid: room.uuid.clone(),
            scene_dir: None,
        })
        .await?;
    println!(
        "   current {}; its directory holds {scenes:?}",
        current.path()
    );

    println!("4. a writer room token reads the scenes, but may not switch them");
    let room_token = admin
        .send(
            &GenerateRoomToken::builder()
                .uuid(room.uuid.clone())
                .lifespan(Lifespan::from_duration(Duration::from_secs(600))?)
                .role(TokenRole::Writer)
                .build(),
        )
        .await?;
    let writer = client_with(&server, room_token.expose_secret())?;
    let listed = writer
        .send(&ListScenes {
            uuid: room.uuid.clone(),
            scene_dir: Some(ScenePath::new("/deck")?),
        })
        .await?;
    println!("   read {} scenes", listed.len());
    let switch = SwitchScene::builder()
        .uuid(room.uuid.clone())
        .scene_path(ScenePath::new("/deck/page1")?)
        .build();
    if let Err(refused) =
        SwitchScene::TOKEN.check(room_token.expose_secret(), switch.token_subject())
    {
        println!("   the client says before sending: {refused}");
    }
    match writer.send(&switch).await {
        Err(error) if error.api().is_some_and(|api| api.status == 403) => {
            println!("   and the emulator answers 403, as Agora does")
        }
        other => return Err(format!("expected a 403, got {other:?}").into()),
    }

    println!("5. walk every room, two a page");
    admin.send(&CreateRoom::builder().build()).await?;
    admin.send(&CreateRoom::builder().build()).await?;
    let mut pages = admin.pages(ListRooms::builder().limit(RoomListLimit::new(2)?).build());
    let mut seen = Vec::new();
    while let Some(page) = pages.next().await {
        for listed in page? {
            // A page after the first starts with the last one's room.
            if seen.last() != Some(&listed.uuid) {
                seen.push(listed.uuid);
            }
        }
    }
    println!("   {} rooms", seen.len());

    println!("6. convert a deck to web pages; follow it with its task token");
    let task = admin
        .send(
            &StartConversion::builder()
                .resource(FileUrl::new("https://example.com/deck.pptx")?)
                .kind(ConversionKind::Dynamic)
                .preview(true)
                .build(),
        )
        .await?;
    let task_token = admin
        .send(
            &GenerateTaskToken::builder()
                .uuid(task.uuid.clone())
                .lifespan(Lifespan::PERMANENT)
                .role(TokenRole::Reader)
                .build(),
        )
        .await?;
    let follower = client_with(&server, task_token.expose_secret())?;
    let progress = GetConversion::builder().uuid(task.uuid.clone()).build();
    loop {
        let state = follower.send(&progress).await?;
        println!(
            "   {:?} {}%",
            state.status,
            state.converted_percentage.unwrap_or(0.0)
        );
        if state.status.is_over() {
            println!(
                "   {} pages, zip {:?}",
                state.page_count.unwrap_or(0),
                state.zip
            );
            break;
        }
        clock.advance(Duration::from_secs(2));
    }

    println!("7. ban the room");
    let banned = admin
        .send(
            &BanRoom::builder()
                .uuid(room.uuid.clone())
                .is_ban(true)
                .build(),
        )
        .await?;
    if banned.is_ban != Some(true) {
        return Err("the room is not banned".into());
    }
    println!("   banned");
    Ok(())
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    match run().await {
        Ok(()) => {
            println!("\nWhiteboard: every step passed.");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("\nWhiteboard failed: {error}");
            ExitCode::FAILURE
        }
    }
}
