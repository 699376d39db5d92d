//! Flexible Classroom's main flow against the emulator, authenticated
//! with app-wide education tokens minted from the App Certificate:
//! create a classroom (and learn a second create finds it there), let a
//! teacher and two students in, start the class, set properties, record
//! it, kick a student with a ban, end and close the class, then read the
//! classroom's events in batches and take the app's feed, once.
//!
//! `cargo run -p agora-mock --example flexible_classroom`.

use std::error::Error;
use std::process::ExitCode;

use agora_api::flexible_classroom::{
    ClassState, CreateClassroom, Creation, DefaultStream, Dirty, EventPayload, GetClassroom,
    GetClassroomUser, KickUser, ListRoomEvents, RecordingMode, RecordingSwitch, RoleConfig,
    RoomName, RoomProperties, RoomType, RoomUuid, Schedule, SetClassroomState, SetRecordingState,
    StudentConfig, TakeAppEvents, UpdateClassroomProperties, UserRole, UserUuid, WebRecordConfig,
    create_classroom,
};
use agora_api::token::EducationTokenMinter;
use agora_api::{Client, RetryPolicy, ServiceRegion};
use agora_mock::MockServer;
use serde_json::json;

type Result<T> = std::result::Result<T, Box<dyn Error>>;

const REGION: ServiceRegion = ServiceRegion::AsiaPacific;

async fn run() -> Result<()> {
    let server = MockServer::start().await;
    let app_id = server.app_id().clone();
    let client = Client::builder()
        .base_urls(server.urls())
        .education_token_source(EducationTokenMinter::new(
            app_id.clone(),
            server.app_certificate().clone(),
        ))
        .retry(RetryPolicy::never())
        .build()?;
    let room_uuid = RoomUuid::new("algebra-101")?;
    let set_state = |state| {
        SetClassroomState::builder()
            .region(REGION)
            .app_id(app_id.clone())
            .room_uuid(room_uuid.clone())
            .state(state)
            .build()
    };

    println!("1. create a small classroom of 30 minutes for up to 20 students");
    let create = CreateClassroom {
        room_properties: Some(RoomProperties {
            schedule: Some(Schedule {
                start_time: None,
                duration: Some(1800),
                close_delay: Some(600),
            }),
            ..RoomProperties::default()
        }),
        role_config: Some(RoleConfig {
            students: Some(StudentConfig {
                limit: Some(20),
                default_stream: Some(DefaultStream::all(false)),
            }),
        }),
        ..CreateClassroom::builder()
            .region(REGION)
            .app_id(app_id.clone())
            .room_uuid(room_uuid.clone())
            .room_name(RoomName::new("Algebra 101")?)
            .room_type(RoomType::SmallClassroom)
            .build()
    };
    println!("   {:?}", create_classroom(&client, &create).await?);
    match create_classroom(&client, &create).await? {
        Creation::AlreadyExists => println!("   a second create: 409, it exists, join it"),
        other => return Err(format!("expected AlreadyExists, got {other:?}").into()),
    }

    println!("2. a teacher and two students enter (as the classroom's clients would)");
    server
        .classroom(REGION, room_uuid.as_str())
        .enter("teacher-1", "Ada", UserRole::Teacher)?
        .enter("student-1", "Bo", UserRole::Student)?
        .enter("student-2", "Cy", UserRole::Student)?;

    println!("3. start the class, share the exam paper, start a web page recording");
    client.send(&set_state(ClassState::Started)).await?;
    let mut properties = serde_json::Map::new();
    properties.insert(
        "examinationUrl".into(),
        json!("https://school.example/paper-7"),
    );
    client
        .send(
            &UpdateClassroomProperties::builder()
                .region(REGION)
                .app_id(app_id.clone())
                .room_uuid(room_uuid.clone())
                .properties(properties)
                .build(),
        )
        .await?;
    let recording = |state| SetRecordingState {
        mode: Some(RecordingMode::Web),
        web_record_config: Some(WebRecordConfig::new("https://school.example/record")),
        ..SetRecordingState::builder()
            .region(REGION)
            .app_id(app_id.clone())
            .room_uuid(room_uuid.clone())
            .state(state)
            .build()
    };
    let session = client.send(&recording(RecordingSwitch::Start)).await?;
    println!(
        "   recording {:?}",
        session.and_then(|session| session.record_id)
    );

    println!("4. kick student-2 out for ten minutes");
    let student = UserUuid::new("student-2")?;
    client
        .send(
            &KickUser::builder()
                .region(REGION)
                .app_id(app_id.clone())
                .room_uuid(room_uuid.clone())
                .user_uuid(student.clone())
                .dirty(Dirty::banned_for(600))
                .build(),
        )
        .await?;
    let kicked = client
        .send(
            &GetClassroomUser::builder()
                .region(REGION)
                .app_id(app_id.clone())
                .room_uuid(room_uuid.clone())
                .user_uuid(student)
                .build(),
        )
        .await?;
    println!("   online: {}", kicked.is_online());
    if let Err(refused) =
        server
            .classroom(REGION, room_uuid.as_str())
            .enter("student-2", "Cy", UserRole::Student)
    {
        println!("   coming back: {refused}");
    }

    println!("5. stop recording, end the class; going back to started is refused");
    client.send(&recording(RecordingSwitch::Stop)).await?;
    client.send(&set_state(ClassState::Ended)).await?;
    match client.send(&set_state(ClassState::Started)).await {
        Err(error) => println!(
            "   {:?}: {}",
            error.api().and_then(|api| api.code.clone()),
            error
                .api()
                .and_then(|api| api.message.clone())
                .unwrap_or_default()
        ),
        Ok(_) => return Err("an ended class was started again".into()),
    }
    client.send(&set_state(ClassState::Closed)).await?;
    let closed = client
        .send(
            &GetClassroom::builder()
                .region(REGION)
                .app_id(app_id.clone())
                .room_uuid(room_uuid.clone())
                .build(),
        )
        .await?;
    println!("   state {:?}", closed.state());

    println!("6. read the classroom's events in batches of up to 100");
    let mut pages = client.pages(
        ListRoomEvents::builder()
            .region(REGION)
            .app_id(app_id.clone())
            .room_uuid(room_uuid.clone())
            .build(),
    );
    while let Some(page) = pages.next().await {
        for event in page?.list {
            let what = match &event.payload {
                EventPayload::RoomState(change) => format!("state {:?}", change.state),
                EventPayload::UsersInOut(change) => format!(
                    "{} in, {} out, {:?} online",
                    change.online_users.len(),
                    change.offline_users.len(),
                    change.total
                ),
                EventPayload::Recording(session) => format!("recording state {:?}", session.state),
                other => format!("{other:?}"),
            };
            println!("   #{:?} cmd {:?}: {what}", event.sequence, event.cmd());
        }
    }

    println!("7. take the app's feed: every event once, then nothing");
    let take = TakeAppEvents::builder()
        .region(REGION)
        .app_id(app_id.clone())
        .build();
    let first = client.send(&take).await?;
    let second = client.send(&take).await?;
    println!("   {} events, then {}", first.len(), second.len());
    if first.is_empty() || !second.is_empty() {
        return Err("the feed did not hand out each event once".into());
    }
    Ok(())
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    match run().await {
        Ok(()) => {
            println!("\nFlexible Classroom: every step passed.");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("\nFlexible Classroom failed: {error}");
            ExitCode::FAILURE
        }
    }
}
