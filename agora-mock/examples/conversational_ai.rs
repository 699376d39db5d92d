//! Conversational AI against the local emulator:
//! `cargo run -p agora-mock --example conversational_ai`.
//!
//! Starts agora-mock in this process, puts a user in an RTC channel and
//! walks an agent's life through agora-api with Agora's token auth
//! (`Authorization: agora token=<RTC token>`): `join`, whose token is
//! minted for the agent's channel and uid, then the status query, `speak`,
//! the history and `leave` with that same token, which the emulator
//! verifies against the App Certificate. Exits non-zero when a step fails.

use std::error::Error;
use std::process::ExitCode;

use agora_api::conversational_ai::{
    AgentName, AgentSpeak, AgentStatus, GetAgentHistory, JoinProperties, LlmConfig,
    QueryAgentStatus, SpeakPriority, SpeakText, StartAgent, StopAgent, SystemMessage, TtsConfig,
    TtsVendor,
};
use agora_api::token::{self, RtcTokenMinter};
use agora_api::{Client, TokenContext, TokenSource};
use agora_mock::MockServer;

type Result<T> = std::result::Result<T, Box<dyn Error>>;

const CHANNEL: &str = "support-room";
const AGENT_UID: &str = "1001";
const USER_UID: u32 = 1002;

async fn walk() -> Result<()> {
    let server = MockServer::start().await;
    println!("agora-mock, the local Agora emulator, at {}", server.url());
    server.channel(CHANNEL).user(USER_UID)?;
    println!("user {USER_UID} is in channel {CHANNEL:?}");

    // RTC tokens from the App ID and App Certificate. `join` names the
    // agent's channel and uid, so a minter makes its header token; the
    // agent joins the channel with one too (`properties.token`).
    let minter = || -> Result<RtcTokenMinter> {
        Ok(RtcTokenMinter::new(
            token::AppId::new(server.app_id().as_str())?,
            server.app_certificate().clone(),
        )
        .lifetime_secs(3_600))
    };
    let agent_token = minter()?.token(&TokenContext::new(Some(CHANNEL), Some(AGENT_UID)))?;
    let joining = Client::builder()
        .base_urls(server.urls())
        .rtc_token_source(minter()?)
        .build()?;
    // The later calls name only the agent: they carry the agent's token.
    let client = Client::builder()
        .base_urls(server.urls())
        .rtc_token_source(agent_token.clone())
        .build()?;

    println!("\n1. join: start the agent");
    let join = StartAgent::builder()
        .appid(server.app_id().clone())
        .name(AgentName::new("support_agent_001")?)
        .properties(JoinProperties {
            idle_timeout: Some(120),
            llm: Some(LlmConfig {
                url: Some("https://api.openai.com/v1/chat/completions".into()),
                system_messages: Some(vec![SystemMessage::system("You are a helpful chatbot.")]),
                greeting_message: Some("Hello, how can I assist you today?".into()),
                ..LlmConfig::default()
            }),
            tts: Some(TtsConfig::new(TtsVendor::Microsoft, serde_json::Map::new())),
            ..JoinProperties::new(CHANNEL, agent_token, AGENT_UID, USER_UID.to_string())
        })
        .build();
    let started = joining.send(&join).await?;
    println!("   agent {} is {}", started.agent_id, started.status);
    let agent_id = started.agent_id;

    println!("\n2. query: its status");
    let report = client
        .send(
            &QueryAgentStatus::builder()
                .appid(server.app_id().clone())
                .agent_id(agent_id.clone())
                .build(),
        )
        .await?;
    println!(
        "   {} is {}",
        report.name.unwrap_or_default(),
        report.status
    );
    if report.status != AgentStatus::Running {
        return Err(format!("the agent is {}, not RUNNING", report.status).into());
    }

    println!("\n3. speak: a message through its TTS");
    let spoken = client
        .send(
            &AgentSpeak::builder()
                .appid(server.app_id().clone())
                .agent_id(agent_id.clone())
                .text(SpeakText::new("Your order has shipped.")?)
                .priority(SpeakPriority::Append)
                .build(),
        )
        .await?;
    println!("   spoken in {}", spoken.channel.unwrap_or_default());
    let history = client
        .send(
            &GetAgentHistory::builder()
                .appid(server.app_id().clone())
                .agent_id(agent_id.clone())
                .build(),
        )
        .await?;
    for entry in &history.contents {
        println!("   {}: {}", entry.role, entry.content);
    }

    println!("\n4. leave: stop the agent");
    client
        .send(
            &StopAgent::builder()
                .appid(server.app_id().clone())
                .agent_id(agent_id.clone())
                .build(),
        )
        .await?;
    let report = client
        .send(
            &QueryAgentStatus::builder()
                .appid(server.app_id().clone())
                .agent_id(agent_id)
                .build(),
        )
        .await?;
    println!("   the agent is {}", report.status);
    if report.status != AgentStatus::Stopped {
        return Err(format!("the agent is {}, not STOPPED", report.status).into());
    }
    Ok(())
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    match walk().await {
        Ok(()) => {
            println!("\nDone: join, query, speak, leave.");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("\nfailed: {error}");
            ExitCode::FAILURE
        }
    }
}
