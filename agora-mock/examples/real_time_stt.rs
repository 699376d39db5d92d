//! Real-Time STT v7 against the in-process emulator: start an agent in a
//! channel, watch it start, update its keywords, list the running agents,
//! stop it. `cargo run -q -p agora-mock --example real_time_stt`; exits
//! non-zero when a step fails.

use std::error::Error;
use std::process::ExitCode;
use std::time::Duration;

use agora_api::real_time_stt::{
    ListSttAgents, QuerySttAgent, StartSttAgent, StopSttAgent, SttAgentName, SttAgentStatus,
    SttKeywords, SttLanguage, SttLanguages, SttRtcConfig, SttUpdateField, SttUpdateMask,
    UpdateSttAgent,
};
use agora_api::{ChannelName, UidString};
use agora_mock::MockServer;

async fn walk() -> Result<(), Box<dyn Error>> {
    let server = MockServer::start().await;
    server.channel("town-hall").host(7)?;
    let client = server.client();
    let app_id = server.app_id().clone();

    let start = StartSttAgent::builder()
        .appid(app_id.clone())
        .name(SttAgentName::new("town-hall-captions")?)
        .languages(SttLanguages::new([SttLanguage::new("en-US")?])?)
        .rtc_config(SttRtcConfig::new(
            ChannelName::new("town-hall")?,
            UidString::new(88222)?,
        ))
        .build();
    let agent = client.send(&start).await?;
    println!("1. started agent {} ({})", agent.agent_id, agent.status);

    let query = QuerySttAgent::builder()
        .appid(app_id.clone())
        .agent_id(agent.agent_id.clone())
        .build();
    tokio::time::sleep(Duration::from_millis(1100)).await;
    let running = client.send(&query).await?;
    println!("2. a second later it is {}", running.status);
    if running.status != SttAgentStatus::Running {
        return Err(format!("expected RUNNING, got {}", running.status).into());
    }

    let update = UpdateSttAgent::builder()
        .appid(app_id.clone())
        .agent_id(agent.agent_id.clone())
        .sequence_id(1)
        .update_mask(SttUpdateMask::new([SttUpdateField::Keywords])?)
        .keywords(SttKeywords::new([
            "Agora".to_owned(),
            "town hall".to_owned(),
        ])?)
        .build();
    client.send(&update).await?;
    println!("3. keywords updated (sequenceId 1)");

    let listed = client
        .send(&ListSttAgents::builder().appid(app_id.clone()).build())
        .await?;
    println!(
        "4. running agents: {:?}",
        listed
            .data
            .list
            .iter()
            .map(|agent| agent.agent_id.as_str())
            .collect::<Vec<_>>()
    );

    client
        .send(
            &StopSttAgent::builder()
                .appid(app_id)
                .agent_id(agent.agent_id.clone())
                .build(),
        )
        .await?;
    let stopping = client.send(&query).await?;
    println!("5. stopped: the agent is {}", stopping.status);
    if stopping.status != SttAgentStatus::Stopping {
        return Err(format!("expected STOPPING, got {}", stopping.status).into());
    }
    Ok(())
}

#[tokio::main]
async fn main() -> ExitCode {
    match walk().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("real_time_stt example failed: {error}");
            ExitCode::FAILURE
        }
    }
}
