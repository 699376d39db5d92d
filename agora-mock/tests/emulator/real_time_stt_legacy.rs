//! Legacy (v5/v6) Real-Time STT tasks against the emulator: a task runs
//! from its builder token to its stop through one session value; the
//! token starts one task, within five minutes, and then opens that task
//! only; updates need increasing sequence IDs; a task in an empty channel
//! ends after its `maxIdleTime`.

#![allow(deprecated)]

use std::time::Duration;

use crate::support::api_error;
use agora_api::real_time_stt::{
    AcquireSttBuilderToken, InstanceId, LegacyRtcConfig, LegacySttTaskSession, LegacySttTaskStatus,
    LegacySttUpdateField, LegacySttUpdateMask, QueryLegacySttTask, StartLegacySttTask,
    StopLegacySttTask, SttBuilderToken, UpdateLegacySttTask,
};
use agora_api::{AppId, ChannelName, Client, Error, UidString};
use agora_mock::{ManualClock, MockServer};

const T0: u64 = 1_700_000_000;

async fn acquire(client: &Client, app_id: &AppId) -> SttBuilderToken {
    let acquire = AcquireSttBuilderToken::builder()
        .app_id(app_id.clone())
        .instance_id(InstanceId::new("room-42").expect("an instance"))
        .build();
    client.send(&acquire).await.expect("a builder token")
}

fn start_call(
    app_id: &AppId,
    token: &SttBuilderToken,
    max_idle: Option<u32>,
) -> StartLegacySttTask {
    let rtc = LegacyRtcConfig::new(
        ChannelName::new("room").expect("a channel"),
        UidString::new(47091).expect("a uid"),
        UidString::new(88222).expect("a uid"),
    );
    let mut start = StartLegacySttTask::new(app_id.clone(), token, vec!["en-US".to_owned()], rtc);
    start.max_idle_time = max_idle;
    start
}

async fn start(client: &Client, app_id: &AppId, max_idle: Option<u32>) -> LegacySttTaskSession {
    let token = acquire(client, app_id).await;
    let started = client
        .send(&start_call(app_id, &token, max_idle))
        .await
        .expect("started");
    assert_eq!(started.status, LegacySttTaskStatus::InProgress);
    token.into_task(app_id.clone(), started.task_id)
}

fn languages_update(task: &mut LegacySttTaskSession) -> UpdateLegacySttTask {
    let mask = LegacySttUpdateMask::new([LegacySttUpdateField::Languages]).expect("a mask");
    let mut update = UpdateLegacySttTask::of(task, mask).expect("a sequence");
    update.languages = Some(vec!["en-US".to_owned(), "ja-JP".to_owned()]);
    update
}

fn status_of(error: &Error) -> u16 {
    api_error(error).status
}

#[tokio::test]
async fn a_legacy_task_runs_from_its_token_to_its_stop_through_one_session() {
    let server = MockServer::start().await;
    server.channel("room").host(1).expect("joined");
    let client = server.client();
    let mut task = start(&client, server.app_id(), None).await;
    let queried = client
        .send(&QueryLegacySttTask::of(&task))
        .await
        .expect("queried");
    assert_eq!(&queried.task_id, task.task_id());
    for _ in 0..2 {
        let updated = client
            .send(&languages_update(&mut task))
            .await
            .expect("updated");
        assert_eq!(updated.status, LegacySttTaskStatus::InProgress);
    }
    let stopped = client
        .send(&StopLegacySttTask::of(&task))
        .await
        .expect("stopped");
    assert!(stopped.is_none(), "Agora documents no body");
    let gone = client
        .send(&QueryLegacySttTask::of(&task))
        .await
        .expect_err("stopped");
    assert_eq!(status_of(&gone), 404);
}

#[tokio::test]
async fn a_legacy_builder_token_starts_one_task_within_five_minutes() {
    let clock = ManualClock::at_unix(T0);
    let server = MockServer::builder()
        .clock(clock.clone())
        .start()
        .await
        .expect("a server");
    let client = server.client();
    let app_id = server.app_id();
    let token = acquire(&client, app_id).await;
    let late = acquire(&client, app_id).await;
    client
        .send(&start_call(app_id, &token, None))
        .await
        .expect("the first task");
    let again = client
        .send(&start_call(app_id, &token, None))
        .await
        .expect_err("one task per token");
    assert_eq!(status_of(&again), 409, "{again}");
    clock.advance(Duration::from_secs(300));
    let expired = client
        .send(&start_call(app_id, &late, None))
        .await
        .expect_err("five minutes after its acquire");
    assert_eq!(status_of(&expired), 403, "{expired}");
}

#[tokio::test]
async fn a_legacy_task_opens_only_with_its_token_and_larger_sequence_ids() {
    let server = MockServer::start().await;
    server.channel("room").host(1).expect("joined");
    let client = server.client();
    let app_id = server.app_id();
    let first = start(&client, app_id, None).await;
    let second = start(&client, app_id, None).await;
    let mixed = StopLegacySttTask::builder()
        .app_id(app_id.clone())
        .task_id(first.task_id().clone())
        .builder_token(second.builder_token().clone())
        .build();
    let refused = client.send(&mixed).await.expect_err("another task's token");
    assert_eq!(status_of(&refused), 403, "{refused}");

    let mut first = first;
    let update = languages_update(&mut first);
    client.send(&update).await.expect("sequence 0");
    let replayed = client.send(&update).await.expect_err("sequence 0 again");
    assert_eq!(status_of(&replayed), 409, "{replayed}");
}

#[tokio::test]
async fn a_legacy_task_in_an_empty_channel_ends_after_its_max_idle_time() {
    let clock = ManualClock::at_unix(T0);
    let server = MockServer::builder()
        .clock(clock.clone())
        .start()
        .await
        .expect("a server");
    server.channel("room").host(1).expect("joined");
    let client = server.client();
    let task = start(&client, server.app_id(), Some(10)).await;
    clock.advance(Duration::from_secs(100));
    client
        .send(&QueryLegacySttTask::of(&task))
        .await
        .expect("someone is in the channel");
    assert!(server.channel("room").leave(1));
    clock.advance(Duration::from_secs(11));
    let ended = client
        .send(&QueryLegacySttTask::of(&task))
        .await
        .expect_err("empty for 11 s");
    assert_eq!(status_of(&ended), 404);
}
