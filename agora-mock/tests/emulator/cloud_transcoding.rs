//! Cloud Transcoding against the emulator: a task runs from its builder
//! token to its destroy through one session value; a token starts one
//! task, within five minutes, and then opens that task only; updates need
//! increasing sequence IDs; a task whose hosts are gone exits after its
//! idle timeout; templates are kept per App ID.

use std::time::Duration;

use crate::support::api_error;
use agora_api::cloud_transcoding::{
    AcquireTranscodingBuilderToken, AudioInput, Canvas, CodecId, CreateTranscodingTask,
    DestroyTranscodingTask, ListTranscodingTemplates, Output, QueryTranscodingTask, Region,
    RtcStream, SetTranscodingTemplate, TemplateVideo, Transcoder, TranscodingBuilderToken,
    TranscodingServiceStatus, TranscodingServices, TranscodingTaskSession, TranscodingTaskStatus,
    UpdateTranscodingTask, VideoInput,
};
use agora_api::types::InstanceId;
use agora_api::{AppId, ChannelName, Client, Error, Uid};
use agora_mock::{ManualClock, MockServer};

const T0: u64 = 1_700_000_000;

fn stream(channel: &str, uid: u32) -> RtcStream {
    RtcStream::new(
        ChannelName::new(channel).expect("a channel"),
        Uid::new(uid).expect("a uid"),
        "rtc-token",
    )
}

/// Host 123 of `show`, mixed onto a 960 × 480 canvas and sent to
/// `show-mixed`.
fn services(idle_timeout: Option<u32>, width: u32) -> TranscodingServices {
    let mut transcoder = Transcoder::new(
        Canvas::new(width, 480, 0),
        vec![Output::rtc(stream("show-mixed", 1000))],
    );
    transcoder.idle_timeout = idle_timeout;
    transcoder.audio_inputs = Some(vec![AudioInput::rtc(stream("show", 123))]);
    transcoder.video_inputs = Some(vec![VideoInput::rtc(
        stream("show", 123),
        Region {
            x: 0,
            y: 0,
            width: 320,
            height: 240,
            z_order: 2,
        },
    )]);
    TranscodingServices::new(transcoder)
}

async fn acquire(client: &Client, app_id: &AppId) -> TranscodingBuilderToken {
    let acquire = AcquireTranscodingBuilderToken::builder()
        .app_id(app_id.clone())
        .instance_id(InstanceId::new("show-42").expect("an instance"))
        .build();
    client.send(&acquire).await.expect("a builder token")
}

/// Acquires a token and creates a task with it: the task's session.
async fn start(client: &Client, app_id: &AppId, idle: Option<u32>) -> TranscodingTaskSession {
    let token = acquire(client, app_id).await;
    let create = CreateTranscodingTask::new(app_id.clone(), &token, services(idle, 960));
    let created = client.send(&create).await.expect("created");
    assert_eq!(created.status, TranscodingTaskStatus::Started);
    token.into_task(app_id.clone(), created.task_id)
}

fn status_of(error: &Error) -> u16 {
    api_error(error).status
}

#[tokio::test]
async fn a_task_runs_from_its_token_to_its_destroy_through_one_session() {
    let server = MockServer::start().await;
    server.channel("show").host(123).expect("joined");
    let client = server.client();
    let mut task = start(&client, server.app_id(), None).await;

    let queried = client
        .send(&QueryTranscodingTask::of(&task))
        .await
        .expect("queried");
    assert_eq!(&queried.task_id, task.task_id());
    assert_eq!(queried.status, TranscodingTaskStatus::InProgress);
    let service = queried
        .services
        .and_then(|services| services.cloud_transcoder)
        .expect("the service");
    assert_eq!(service.status, Some(TranscodingServiceStatus::InProgress));

    for width in [1280, 1920] {
        let update =
            UpdateTranscodingTask::of(&mut task, services(None, width)).expect("a sequence");
        let answer = client.send(&update).await.expect("updated");
        assert!(answer.is_none(), "Agora documents an empty body");
    }
    assert_eq!(task.peek_sequence_id(), 2, "0 and 1 were sent");

    let destroyed = client
        .send(&DestroyTranscodingTask::of(&task))
        .await
        .expect("destroyed");
    assert_eq!(destroyed.status, TranscodingTaskStatus::Stopped);
    assert_eq!(destroyed.sequence_id.as_deref(), Some("1"));
    let gone = client
        .send(&QueryTranscodingTask::of(&task))
        .await
        .expect_err("destroyed");
    assert_eq!(status_of(&gone), 404);
}

#[tokio::test]
async fn a_builder_token_starts_one_task_only() {
    let server = MockServer::start().await;
    let client = server.client();
    let app_id = server.app_id();
    let token = acquire(&client, app_id).await;
    let create = CreateTranscodingTask::new(app_id.clone(), &token, services(None, 960));
    client.send(&create).await.expect("the first task");
    let again = client.send(&create).await.expect_err("one task per token");
    assert_eq!(status_of(&again), 409, "{again}");
    assert_eq!(
        server.requests_to::<CreateTranscodingTask>().len(),
        2,
        "each create received once"
    );
}

#[tokio::test]
async fn a_builder_token_starts_a_task_within_five_minutes_of_its_acquire() {
    let clock = ManualClock::at_unix(T0);
    let server = MockServer::builder()
        .clock(clock.clone())
        .start()
        .await
        .expect("a server");
    let client = server.client();
    let app_id = server.app_id();
    let early = acquire(&client, app_id).await;
    let late = acquire(&client, app_id).await;
    assert_eq!(early.expires_at_unix(), Some(T0 + 300));
    clock.advance(Duration::from_secs(299));
    let create = CreateTranscodingTask::new(app_id.clone(), &early, services(None, 960));
    client.send(&create).await.expect("at 299 s");
    clock.advance(Duration::from_secs(1));
    assert!(!late.is_fresh_at(server.now()));
    let create = CreateTranscodingTask::new(app_id.clone(), &late, services(None, 960));
    let expired = client.send(&create).await.expect_err("at 300 s");
    assert_eq!(status_of(&expired), 403, "{expired}");
}

#[tokio::test]
async fn a_task_opens_only_with_the_token_that_started_it() {
    let server = MockServer::start().await;
    let client = server.client();
    let app_id = server.app_id();
    let first = start(&client, app_id, None).await;
    let second = start(&client, app_id, None).await;
    // A task ID with another task's token: what a loose string allows and
    // the session value does not.
    let mixed = QueryTranscodingTask::builder()
        .app_id(app_id.clone())
        .task_id(first.task_id().clone())
        .builder_token(second.builder_token().clone())
        .build();
    let refused = client.send(&mixed).await.expect_err("another task's token");
    assert_eq!(status_of(&refused), 403, "{refused}");
    client
        .send(&QueryTranscodingTask::of(&first))
        .await
        .expect("its own token");
}

#[tokio::test]
async fn an_update_needs_a_larger_sequence_id_than_the_last() {
    let server = MockServer::start().await;
    let client = server.client();
    let task = start(&client, server.app_id(), None).await;
    let mut resumed = TranscodingTaskSession::resume(
        task.app_id().clone(),
        task.task_id().clone(),
        task.builder_token().clone(),
        task.instance_id().clone(),
        5,
    );
    let update = UpdateTranscodingTask::of(&mut resumed, services(None, 960)).expect("5");
    client.send(&update).await.expect("the first update");
    let replayed = client.send(&update).await.expect_err("5 again");
    assert_eq!(status_of(&replayed), 409, "{replayed}");
    let next = UpdateTranscodingTask::of(&mut resumed, services(None, 1280)).expect("6");
    client.send(&next).await.expect("6 after 5");
}

#[tokio::test]
async fn a_task_whose_hosts_are_gone_exits_after_its_idle_timeout() {
    let clock = ManualClock::at_unix(T0);
    let server = MockServer::builder()
        .clock(clock.clone())
        .start()
        .await
        .expect("a server");
    server.channel("show").host(123).expect("joined");
    let client = server.client();
    let task = start(&client, server.app_id(), Some(60)).await;
    clock.advance(Duration::from_secs(600));
    client
        .send(&QueryTranscodingTask::of(&task))
        .await
        .expect("a host is in the channel");
    assert!(server.channel("show").leave(123));
    clock.advance(Duration::from_secs(59));
    client
        .send(&QueryTranscodingTask::of(&task))
        .await
        .expect("idle for 59 s");
    clock.advance(Duration::from_secs(2));
    let exited = client
        .send(&QueryTranscodingTask::of(&task))
        .await
        .expect_err("idle for 61 s");
    assert_eq!(status_of(&exited), 404);
}

#[tokio::test]
async fn templates_are_kept_per_codec_id_and_replaced_by_the_same_id() {
    let server = MockServer::start().await;
    let client = server.client();
    let app_id = server.app_id();
    let set = |codec: &str, enabled: bool, width: u32| {
        SetTranscodingTemplate::builder()
            .app_id(app_id.clone())
            .codec_id(CodecId::new(codec).expect("a codec ID"))
            .enabled(enabled)
            .video(TemplateVideo {
                width: Some(width),
                height: Some(720),
                fps: Some(30),
            })
            .build()
    };
    let list = ListTranscodingTemplates::builder()
        .app_id(app_id.clone())
        .build();
    let empty = client.send(&list).await.expect("listed");
    let data = empty.data.expect("data");
    assert!(data.codecs.is_empty());
    assert_eq!(data.enabled, Some(false));

    client.send(&set("720p", false, 1280)).await.expect("set");
    client.send(&set("360p", true, 640)).await.expect("set");
    client
        .send(&set("720p", true, 1080))
        .await
        .expect("replaced");
    let listed = client
        .send(&list)
        .await
        .expect("listed")
        .data
        .expect("data");
    assert_eq!(listed.enabled, Some(true));
    let codecs: Vec<(&str, Option<u32>)> = listed
        .codecs
        .iter()
        .map(|codec| (codec.id.as_str(), codec.video.and_then(|video| video.width)))
        .collect();
    assert_eq!(codecs, [("360p", Some(640)), ("720p", Some(1080))]);

    let stranger = AppId::new("ffffffffffffffffffffffffffffffff").expect("an App ID");
    let other = ListTranscodingTemplates::builder().app_id(stranger).build();
    let error = client.send(&other).await.expect_err("not a project");
    assert_eq!(status_of(&error), 404);
}
