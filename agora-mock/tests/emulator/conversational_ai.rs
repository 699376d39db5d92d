//! Conversational AI against the emulator: an agent's life across calls
//! (starting, running, steered, stopped), unique names, the quota, the
//! idle timeout on the emulator's clock, graceful leaving, the agent's
//! join token checked against the App Certificate, and the list's
//! filters and paging.

use std::time::Duration;

use crate::support::api_error;
use agora_api::conversational_ai::{
    AgentId, AgentInterrupt, AgentName, AgentSpeak, AgentState, AgentStates, AgentStatus,
    AgentThink, FarewellConfig, GetAgentHistory, GetAgentTurns, HistoryRole, JoinProperties,
    ListAgents, LlmConfig, Parameters, QueryAgentStatus, SpeakText, StartAgent, StopAgent,
    ThinkText, TtsConfig, TtsVendor, TurnEndType, TurnStartType,
};
use agora_api::token::RtcTokenMinter;
use agora_api::{Client, TokenContext, TokenSource};
use agora_mock::{ManualClock, MockServer};

const T0: u64 = 1_700_000_000;
const CHANNEL: &str = "support-room";
const AGENT_UID: &str = "1001";
const USER_UID: u32 = 1002;

fn agent_token(server: &MockServer, channel: &str, uid: &str) -> String {
    let minter = RtcTokenMinter::new(
        agora_api::token::AppId::new(server.app_id().as_str()).expect("an App ID"),
        server.app_certificate().clone(),
    )
    .lifetime_secs(86_400);
    minter
        .token(&TokenContext::new(Some(channel), Some(uid)))
        .expect("minted")
        .expose()
        .to_owned()
}

fn join_as(server: &MockServer, name: &str, token: String) -> StartAgent {
    StartAgent::builder()
        .appid(server.app_id().clone())
        .name(AgentName::new(name).expect("a name"))
        .properties(JoinProperties {
            tts: Some(TtsConfig::new(TtsVendor::Microsoft, serde_json::Map::new())),
            llm: Some(LlmConfig {
                url: Some("https://api.openai.com/v1/chat/completions".into()),
                greeting_message: Some("Hello, how can I help you?".into()),
                ..LlmConfig::default()
            }),
            ..JoinProperties::new(CHANNEL, token, AGENT_UID, USER_UID.to_string())
        })
        .build()
}

fn join(server: &MockServer, name: &str) -> StartAgent {
    join_as(server, name, agent_token(server, CHANNEL, AGENT_UID))
}

fn query(server: &MockServer, agent: &AgentId) -> QueryAgentStatus {
    QueryAgentStatus::builder()
        .appid(server.app_id().clone())
        .agent_id(agent.clone())
        .build()
}

fn speak(server: &MockServer, agent: &AgentId, text: &str) -> AgentSpeak {
    AgentSpeak::builder()
        .appid(server.app_id().clone())
        .agent_id(agent.clone())
        .text(SpeakText::new(text).expect("a text"))
        .build()
}

fn stop(server: &MockServer, agent: &AgentId) -> StopAgent {
    StopAgent::builder()
        .appid(server.app_id().clone())
        .agent_id(agent.clone())
        .build()
}

async fn status(client: &Client, server: &MockServer, agent: &AgentId) -> AgentStatus {
    client
        .send(&query(server, agent))
        .await
        .expect("the agent is known")
        .status
}

async fn server_at(clock: &ManualClock) -> MockServer {
    MockServer::builder()
        .clock(clock.clone())
        .start()
        .await
        .expect("a server")
}

#[tokio::test]
async fn an_agent_starts_runs_is_steered_and_stops() {
    let clock = ManualClock::at_unix(T0);
    let server = server_at(&clock).await;
    server.channel(CHANNEL).user(USER_UID).expect("joined");
    let client = server.client();
    let started = client
        .send(&join(&server, "support"))
        .await
        .expect("started");
    assert_eq!(started.status, AgentStatus::Starting);
    assert_eq!(started.create_ts, T0);
    let agent = started.agent_id;
    assert_eq!(status(&client, &server, &agent).await, AgentStatus::Running);

    let spoken = client
        .send(&speak(&server, &agent, "Your order shipped."))
        .await
        .expect("spoken");
    assert_eq!(spoken.channel.as_deref(), Some(CHANNEL));
    client
        .send(
            &AgentThink::builder()
                .appid(server.app_id().clone())
                .agent_id(agent.clone())
                .text(ThinkText::new("User level: VIP").expect("a text"))
                .build(),
        )
        .await
        .expect("injected");
    client
        .send(
            &AgentInterrupt::builder()
                .appid(server.app_id().clone())
                .agent_id(agent.clone())
                .build(),
        )
        .await
        .expect("interrupted");

    let history = client
        .send(
            &GetAgentHistory::builder()
                .appid(server.app_id().clone())
                .agent_id(agent.clone())
                .build(),
        )
        .await
        .expect("the history");
    let said: Vec<(HistoryRole, &str)> = history
        .contents
        .iter()
        .map(|entry| (entry.role.clone(), entry.content.as_str()))
        .collect();
    assert_eq!(
        said,
        [
            (HistoryRole::Assistant, "Hello, how can I help you?"),
            (HistoryRole::Assistant, "Your order shipped."),
            (HistoryRole::User, "[think API injected] User level: VIP"),
        ]
    );
    let turns = client
        .send(
            &GetAgentTurns::builder()
                .appid(server.app_id().clone())
                .agent_id(agent.clone())
                .build(),
        )
        .await
        .expect("the turns");
    assert_eq!(turns.total_turn_count, 3);
    assert!(turns.pagination.is_last_page);
    let kinds: Vec<(TurnStartType, Option<TurnEndType>)> = turns
        .turns
        .iter()
        .map(|turn| {
            (
                turn.start.as_ref().expect("a start").start_type.clone(),
                turn.end.as_ref().map(|end| end.end_type.clone()),
            )
        })
        .collect();
    assert_eq!(
        kinds,
        [
            (TurnStartType::Greeting, Some(TurnEndType::Ok)),
            (TurnStartType::ApiSpeak, Some(TurnEndType::Interrupted)),
            (TurnStartType::VoiceInput, Some(TurnEndType::Interrupted)),
        ]
    );

    clock.advance(Duration::from_secs(5));
    client.send(&stop(&server, &agent)).await.expect("stopped");
    let stopped = client.send(&query(&server, &agent)).await.expect("known");
    assert_eq!(stopped.status, AgentStatus::Stopped);
    assert_eq!(stopped.stop_ts, Some(T0 + 5));
    for refused in [
        client
            .send(&speak(&server, &agent, "too late"))
            .await
            .map(drop),
        client.send(&stop(&server, &agent)).await.map(drop),
    ] {
        let error = refused.expect_err("the agent has stopped");
        assert_eq!(api_error(&error).status, 404);
        assert_eq!(api_error(&error).reason.as_deref(), Some("TaskNotFound"));
    }
}

#[tokio::test]
async fn a_name_in_use_is_a_conflict_until_its_agent_stops() {
    let server = MockServer::start().await;
    let client = server.client();
    let first = client
        .send(&join(&server, "unique"))
        .await
        .expect("started");
    let error = client
        .send(&join(&server, "unique"))
        .await
        .expect_err("the name is in use");
    assert_eq!(api_error(&error).status, 409);
    assert_eq!(api_error(&error).reason.as_deref(), Some("TaskConflict"));
    client
        .send(&stop(&server, &first.agent_id))
        .await
        .expect("stopped");
    client
        .send(&join(&server, "unique"))
        .await
        .expect("the name is free again");
    assert_eq!(
        server.requests_to::<StartAgent>().len(),
        3,
        "each join was received once"
    );
}

#[tokio::test]
async fn beyond_the_quota_a_join_is_refused_with_422() {
    let server = MockServer::start().await;
    let client = server.client();
    let mut started = 0;
    let error = loop {
        match client
            .send(&join(&server, &format!("agent{started}")))
            .await
        {
            Ok(_) => started += 1,
            Err(error) => break error,
        }
        assert!(started <= 100, "a quota exists");
    };
    assert!(started > 0);
    assert_eq!(api_error(&error).status, 422);
    assert_eq!(
        api_error(&error).reason.as_deref(),
        Some("ResourceQuotaLimitExceeded")
    );
}

#[tokio::test]
async fn an_agent_whose_user_is_gone_stops_after_its_idle_timeout() {
    let clock = ManualClock::at_unix(T0);
    let server = server_at(&clock).await;
    server.channel(CHANNEL).user(USER_UID).expect("joined");
    let client = server.client();
    let agent = client
        .send(&join(&server, "idle"))
        .await
        .expect("started")
        .agent_id;
    clock.advance(Duration::from_secs(3_600));
    assert_eq!(
        status(&client, &server, &agent).await,
        AgentStatus::Running,
        "the user is there: not idle"
    );
    server.channel(CHANNEL).leave(USER_UID);
    clock.advance(Duration::from_secs(29));
    assert_eq!(status(&client, &server, &agent).await, AgentStatus::Running);
    clock.advance(Duration::from_secs(1));
    let report = client.send(&query(&server, &agent)).await.expect("known");
    assert_eq!(report.status, AgentStatus::Stopped);
    assert_eq!(
        report.message.as_deref(),
        Some("agent exits with reason: idle timeout")
    );
}

#[tokio::test]
async fn a_graceful_leave_is_stopping_for_its_timeout_and_refuses_speak_meanwhile() {
    let clock = ManualClock::at_unix(T0);
    let server = server_at(&clock).await;
    let client = server.client();
    let mut graceful = join(&server, "graceful");
    graceful.properties.idle_timeout = Some(0);
    graceful.properties.parameters = Some(Parameters {
        farewell_config: Some(FarewellConfig {
            graceful_enabled: Some(true),
            graceful_timeout_seconds: Some(10),
            ..FarewellConfig::default()
        }),
        ..Parameters::default()
    });
    let agent = client.send(&graceful).await.expect("started").agent_id;
    client.send(&stop(&server, &agent)).await.expect("leaving");
    assert_eq!(
        status(&client, &server, &agent).await,
        AgentStatus::Stopping
    );
    let error = client
        .send(&speak(&server, &agent, "still there?"))
        .await
        .expect_err("not running");
    assert_eq!(api_error(&error).status, 409);
    clock.advance(Duration::from_secs(10));
    assert_eq!(status(&client, &server, &agent).await, AgentStatus::Stopped);
}

#[tokio::test]
async fn an_agent_whose_token_is_not_for_its_channel_fails_to_join() {
    let server = MockServer::start().await;
    let client = server.client();
    let wrong_channel = agent_token(&server, "another-room", AGENT_UID);
    let forged = "007eJxTYxxxxxxxxxxIaHMLAAAA0ex66".to_owned();
    for (name, token) in [("wrong-channel", wrong_channel), ("forged", forged)] {
        let agent = client
            .send(&join_as(&server, name, token))
            .await
            .expect("join answers before the agent joins")
            .agent_id;
        let report = client.send(&query(&server, &agent)).await.expect("known");
        assert_eq!(report.status, AgentStatus::Failed, "{name}");
        assert!(
            report
                .message
                .as_deref()
                .is_some_and(|message| message.contains("invalid token")),
            "{name}: {report:?}"
        );
    }
    let uid_zero = agent_token(&server, CHANNEL, "0");
    let agent = client
        .send(&join_as(&server, "any-uid", uid_zero))
        .await
        .expect("started")
        .agent_id;
    assert_eq!(
        status(&client, &server, &agent).await,
        AgentStatus::Running,
        "a uid-0 token lets any uid join"
    );
}

#[tokio::test]
async fn the_list_filters_by_state_and_channel_and_pages_with_its_cursor() {
    let server = MockServer::start().await;
    let client = server.client();
    let mut agents = Vec::new();
    for index in 0..3 {
        let started = client
            .send(&join(&server, &format!("listed{index}")))
            .await
            .expect("started");
        agents.push(started.agent_id);
    }
    client
        .send(&stop(&server, &agents[0]))
        .await
        .expect("stopped");
    let list = |state: Option<AgentStates>, cursor: Option<AgentId>| ListAgents {
        appid: server.app_id().clone(),
        channel: None,
        from_time: None,
        to_time: None,
        state,
        limit: Some(1),
        cursor,
    };
    let running = client.send(&list(None, None)).await.expect("a page");
    assert_eq!(running.meta.total, 2, "running agents by default");
    assert_eq!(running.data.list[0].agent_id, agents[1]);
    let next = client
        .send(&list(None, AgentId::new(running.meta.cursor.as_str()).ok()))
        .await
        .expect("the next page");
    assert_eq!(next.data.list[0].agent_id, agents[2]);
    assert!(next.meta.cursor.is_empty(), "the last page");
    let stopped = AgentStates::new([AgentState::Stopped]).expect("states");
    let page = client
        .send(&list(Some(stopped), None))
        .await
        .expect("a page");
    assert_eq!(page.meta.total, 1);
    assert_eq!(page.data.list[0].agent_id, agents[0]);
    assert_eq!(page.data.list[0].status, AgentStatus::Stopped);
}

fn token_client(server: &MockServer, token: String) -> Client {
    Client::builder()
        .base_urls(server.urls())
        .rtc_token_source(agora_api::Secret::new(token))
        .retry(agora_api::RetryPolicy::never())
        .build()
        .expect("a client")
}

#[tokio::test]
async fn an_rtc_token_acts_only_on_the_agent_of_its_channel_and_uid() {
    let server = MockServer::start().await;
    let own = agent_token(&server, CHANNEL, AGENT_UID);
    let agent = token_client(&server, own.clone())
        .send(&join(&server, "token-auth"))
        .await
        .expect("started with the agent's token")
        .agent_id;

    let elsewhere = token_client(&server, agent_token(&server, "another-room", AGENT_UID));
    let error = elsewhere
        .send(&join(&server, "misplaced"))
        .await
        .expect_err("the token is for another channel");
    assert_eq!(api_error(&error).status, 401);
    assert_eq!(
        api_error(&error).reason.as_deref(),
        Some("InvalidPermission")
    );
    let error = elsewhere
        .send(&speak(&server, &agent, "hello"))
        .await
        .expect_err("not this agent's token");
    assert_eq!(api_error(&error).status, 401);

    let client = token_client(&server, own);
    client
        .send(&speak(&server, &agent, "hello"))
        .await
        .expect("the agent's own token");
    let listed = client
        .send(&ListAgents::builder().appid(server.app_id().clone()).build())
        .await
        .expect("a page");
    assert_eq!(listed.meta.total, 1);

    let forged = "007eJxTYxxxxxxxxxxIaHMLAAAA0ex66".to_owned();
    let error = token_client(&server, forged)
        .send(&query(&server, &agent))
        .await
        .expect_err("not a token of this project");
    assert_eq!(api_error(&error).status, 401);
}
