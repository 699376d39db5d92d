//! Real-Time STT v7 agents against the emulator, across calls: an agent
//! starts, runs, recovers from a UID clash or fails, sits idle and stops,
//! is stopped by `leave`; names are never reused; updates carry
//! increasing sequence numbers; the list pages by cursor through one
//! status.

use std::time::Duration;

use crate::support::api_error;
use agora_api::real_time_stt::{
    ListSttAgents, QuerySttAgent, StartSttAgent, StopSttAgent, SttAgentId, SttAgentName,
    SttAgentStateCode, SttAgentStatus, SttKeywords, SttLanguage, SttLanguages, SttRtcConfig,
    SttTranslateUpdate, SttUpdateField, SttUpdateMask, UpdateSttAgent,
};
use agora_api::{AppId, ChannelName, Client, Error, UidString};
use agora_mock::{ManualClock, MockServer};

const BOT: u32 = 88222;

fn start_request(
    app_id: &AppId,
    name: &str,
    channel: &str,
    max_idle: Option<u32>,
) -> StartSttAgent {
    let mut start = StartSttAgent::builder()
        .appid(app_id.clone())
        .name(SttAgentName::new(name).expect("a name"))
        .languages(
            SttLanguages::new([SttLanguage::new("en-US").expect("a language")])
                .expect("one language"),
        )
        .rtc_config(SttRtcConfig::new(
            ChannelName::new(channel).expect("a channel"),
            UidString::new(BOT).expect("a UID"),
        ))
        .build();
    start.max_idle_time = max_idle.map(|secs| secs.try_into().expect("in range"));
    start
}

async fn started(client: &Client, app_id: &AppId, name: &str, channel: &str) -> SttAgentId {
    let agent = client
        .send(&start_request(app_id, name, channel, Some(60)))
        .await
        .expect("the agent starts");
    assert_eq!(agent.status, SttAgentStatus::Starting);
    agent.agent_id
}

async fn status(client: &Client, app_id: &AppId, agent: &SttAgentId) -> (SttAgentStatus, String) {
    let queried = client
        .send(
            &QuerySttAgent::builder()
                .appid(app_id.clone())
                .agent_id(agent.clone())
                .build(),
        )
        .await
        .expect("the agent is known");
    (queried.status, queried.message.unwrap_or_default())
}

fn stop(app_id: &AppId, agent: &SttAgentId) -> StopSttAgent {
    StopSttAgent::builder()
        .appid(app_id.clone())
        .agent_id(agent.clone())
        .build()
}

fn keywords_update(app_id: &AppId, agent: &SttAgentId, sequence: u64) -> UpdateSttAgent {
    UpdateSttAgent::builder()
        .appid(app_id.clone())
        .agent_id(agent.clone())
        .sequence_id(sequence)
        .update_mask(SttUpdateMask::new([SttUpdateField::Keywords]).expect("a mask"))
        .keywords(SttKeywords::new(["Agora".to_owned()]).expect("keywords"))
        .build()
}

fn failed_with(result: Result<impl std::fmt::Debug, Error>, status: u16, reason: &str) {
    let error = result.expect_err("refused");
    let answer = api_error(&error);
    assert_eq!(answer.status, status, "{error}");
    assert_eq!(answer.reason.as_deref(), Some(reason), "{error}");
}

async fn server_at(clock: &ManualClock) -> MockServer {
    MockServer::builder()
        .clock(clock.clone())
        .start()
        .await
        .expect("a server")
}

#[tokio::test]
async fn an_agent_starts_runs_and_stops_through_stopping_and_is_still_queried_after() {
    let clock = ManualClock::starting_now();
    let server = server_at(&clock).await;
    server.channel("meeting").host(7).expect("joined");
    let client = server.client();
    let app_id = server.app_id().clone();
    let agent = started(&client, &app_id, "captions", "meeting").await;
    assert_eq!(
        status(&client, &app_id, &agent).await.0,
        SttAgentStatus::Starting
    );
    clock.advance(Duration::from_secs(1));
    assert_eq!(
        status(&client, &app_id, &agent).await.0,
        SttAgentStatus::Running
    );

    client.send(&stop(&app_id, &agent)).await.expect("it stops");
    assert_eq!(
        status(&client, &app_id, &agent).await.0,
        SttAgentStatus::Stopping
    );
    failed_with(
        client.send(&stop(&app_id, &agent)).await,
        404,
        "TaskNotFound",
    );
    clock.advance(Duration::from_secs(1));
    assert_eq!(
        status(&client, &app_id, &agent).await,
        (SttAgentStatus::Stopped, "OK".to_owned())
    );
    failed_with(
        client.send(&keywords_update(&app_id, &agent, 1)).await,
        404,
        "TaskNotFound",
    );
    assert_eq!(
        server.requests_to::<StopSttAgent>().len(),
        2,
        "each stop sent once"
    );
}

#[tokio::test]
async fn a_name_is_never_used_twice_in_a_project_even_after_its_agent_stopped() {
    let server = MockServer::start().await;
    let client = server.client();
    let app_id = server.app_id().clone();
    let agent = started(&client, &app_id, "once", "meeting").await;
    failed_with(
        client
            .send(&start_request(&app_id, "once", "other", None))
            .await,
        409,
        "TaskConflict",
    );
    client.send(&stop(&app_id, &agent)).await.expect("it stops");
    failed_with(
        client
            .send(&start_request(&app_id, "once", "meeting", None))
            .await,
        409,
        "TaskConflict",
    );
    assert_eq!(
        server.requests_to::<StartSttAgent>().len(),
        3,
        "a start is never re-sent"
    );
}

#[tokio::test]
async fn updates_apply_only_with_a_larger_sequence_id() {
    let server = MockServer::start().await;
    let client = server.client();
    let app_id = server.app_id().clone();
    let agent = started(&client, &app_id, "updated", "meeting").await;
    let first = client
        .send(&keywords_update(&app_id, &agent, 5))
        .await
        .expect("the first update applies");
    assert_eq!(first.agent_id, agent);
    for stale in [5, 4] {
        let error = client
            .send(&keywords_update(&app_id, &agent, stale))
            .await
            .expect_err("a stale update is refused");
        assert_eq!(api_error(&error).status, 400, "{error}");
        assert_eq!(
            api_error(&error).reason.as_deref(),
            Some("InvalidFieldValue")
        );
    }
    client
        .send(&keywords_update(&app_id, &agent, 6))
        .await
        .expect("a newer update applies");

    // Translation can be turned on only with languages, as the agent
    // translated nothing at start.
    let enable_bare = UpdateSttAgent::builder()
        .appid(app_id.clone())
        .agent_id(agent.clone())
        .sequence_id(7)
        .update_mask(SttUpdateMask::new([SttUpdateField::TranslateEnable]).expect("a mask"))
        .translate_config(SttTranslateUpdate {
            enable: Some(true),
            ..SttTranslateUpdate::disable()
        })
        .build();
    failed_with(client.send(&enable_bare).await, 400, "InvalidFieldValue");
}

#[tokio::test]
async fn a_uid_clash_makes_the_agent_recover_and_a_lasting_one_makes_it_fail() {
    let clock = ManualClock::starting_now();
    let server = server_at(&clock).await;
    server.channel("clash").host(7).expect("joined");
    let client = server.client();
    let app_id = server.app_id().clone();
    let agent = started(&client, &app_id, "recovering", "clash").await;
    clock.advance(Duration::from_secs(1));
    assert_eq!(
        status(&client, &app_id, &agent).await.0,
        SttAgentStatus::Running
    );

    server
        .channel("clash")
        .host(BOT)
        .expect("a user takes the bot's UID");
    assert_eq!(
        status(&client, &app_id, &agent).await.0,
        SttAgentStatus::Recovering
    );
    let recovering = client
        .send(
            &ListSttAgents::builder()
                .appid(app_id.clone())
                .state(SttAgentStateCode::Recovering)
                .build(),
        )
        .await
        .expect("a list");
    assert_eq!(recovering.data.list[0].agent_id, agent);
    assert!(server.channel("clash").leave(BOT), "the user leaves");
    assert_eq!(
        status(&client, &app_id, &agent).await.0,
        SttAgentStatus::Running
    );

    server.channel("clash").host(BOT).expect("and comes back");
    assert_eq!(
        status(&client, &app_id, &agent).await.0,
        SttAgentStatus::Recovering
    );
    clock.advance(Duration::from_secs(60));
    assert_eq!(
        status(&client, &app_id, &agent).await,
        (SttAgentStatus::Failed, "RTC connection error".to_owned())
    );
    failed_with(
        client.send(&stop(&app_id, &agent)).await,
        404,
        "TaskNotFound",
    );
}

#[tokio::test]
async fn an_agent_stops_by_itself_after_max_idle_time_without_speakers() {
    let clock = ManualClock::starting_now();
    let server = server_at(&clock).await;
    server.channel("lively").host(7).expect("joined");
    let client = server.client();
    let app_id = server.app_id().clone();
    let lively = started(&client, &app_id, "lively", "lively").await;
    let silent = client
        .send(&start_request(&app_id, "silent", "silent", Some(5)))
        .await
        .expect("it starts")
        .agent_id;
    clock.advance(Duration::from_secs(6));
    assert_eq!(
        status(&client, &app_id, &silent).await.0,
        SttAgentStatus::Running
    );
    clock.advance(Duration::from_secs(1));
    assert_eq!(
        status(&client, &app_id, &silent).await,
        (SttAgentStatus::Stopped, "Idle for too long".to_owned())
    );
    clock.advance(Duration::from_secs(120));
    assert_eq!(
        status(&client, &app_id, &lively).await.0,
        SttAgentStatus::Running
    );
}

#[tokio::test]
async fn the_list_pages_by_cursor_through_one_status_and_channel() {
    let clock = ManualClock::starting_now();
    let server = server_at(&clock).await;
    let client = server.client();
    let app_id = server.app_id().clone();
    let mut ids = Vec::new();
    for index in 0..5 {
        ids.push(started(&client, &app_id, &format!("agent-{index}"), "paged").await);
    }
    let elsewhere = started(&client, &app_id, "elsewhere", "other").await;
    let first = ListSttAgents::builder()
        .appid(app_id.clone())
        .channel(ChannelName::new("paged").expect("a channel"))
        .state(SttAgentStateCode::Starting)
        .limit(2)
        .build();
    let mut pages = client.pages(first.clone());
    let mut listed = Vec::new();
    let mut sizes = Vec::new();
    while let Some(page) = pages.next().await {
        let page = page.expect("a page");
        assert_eq!(page.meta.total, Some(5));
        sizes.push(page.data.list.len());
        listed.extend(page.data.list.into_iter().map(|agent| agent.agent_id));
    }
    assert_eq!(sizes, [2, 2, 1]);
    assert_eq!(listed, ids, "every agent once, in creation order");
    assert!(!listed.contains(&elsewhere));

    // By default only running agents are listed.
    let running = ListSttAgents::builder().appid(app_id.clone()).build();
    assert_eq!(
        client.send(&running).await.expect("a list").data.list.len(),
        0
    );
    clock.advance(Duration::from_secs(1));
    let page = client.send(&running).await.expect("a list");
    assert_eq!(page.data.count, Some(6));
    assert_eq!(page.meta.cursor.as_deref(), Some(""));

    // A range that ends before the agents were created lists none.
    let before = server
        .now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("after 1970")
        .as_secs()
        - 3_600;
    let old = ListSttAgents::builder()
        .appid(app_id.clone())
        .to_time(before)
        .build();
    assert_eq!(client.send(&old).await.expect("a list").meta.total, Some(0));
}

#[tokio::test]
async fn an_app_id_of_another_account_is_refused_and_an_unknown_agent_is_not_found() {
    let server = MockServer::start().await;
    let client = server.client();
    let stranger = AppId::new("ffffffffffffffffffffffffffffffff").expect("an App ID");
    failed_with(
        client
            .send(&start_request(&stranger, "stranger", "meeting", None))
            .await,
        403,
        "InvalidPermission",
    );
    let unknown = SttAgentId::new("NOSUCHAGENT").expect("an ID");
    failed_with(
        client
            .send(
                &QuerySttAgent::builder()
                    .appid(server.app_id().clone())
                    .agent_id(unknown)
                    .build(),
            )
            .await,
        404,
        "TaskNotFound",
    );
}
