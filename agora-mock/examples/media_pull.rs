//! Media Pull's main flow against the emulator: play an online stream
//! into a channel with a named cloud player; see it listed once Agora
//! lists it; see it in the channel as a host; turn it down and pause it
//! with an increasing sequence; recover its ID from a duplicate create;
//! delete it (twice: delete is idempotent).
//!
//! `cargo run -p agora-mock --example media_pull`. The emulator's clock is
//! moved forward by hand where real Agora would take seconds.

use std::error::Error;
use std::process::ExitCode;
use std::time::Duration;

use agora_api::channel::{ChannelUsers, ListChannelUsers};
use agora_api::media_pull::{
    CreatePlayer, ListPlayers, PlayerConfig, PlayerFilter, PlayerName, PlayerRef, PlayerUpdate,
    StreamUrl, find_player,
};
use agora_api::{ChannelName, Sequences, ServiceRegion};
use agora_mock::{ManualClock, MockServer};

type Result<T> = std::result::Result<T, Box<dyn Error>>;

async fn run() -> Result<()> {
    let clock = ManualClock::at_unix(1_700_000_000);
    let server = MockServer::builder().clock(clock.clone()).start().await?;
    let client = server.client();
    let app_id = server.app_id().clone();
    let channel = ChannelName::new("class32")?;

    println!("1. create a named player of an RTMP stream, as uid 101");
    let name = PlayerName::new("class32_101")?;
    let create = CreatePlayer::builder()
        .region(ServiceRegion::AsiaPacific)
        .app_id(app_id.clone())
        .player(PlayerConfig {
            name: Some(name.clone()),
            idle_timeout: Some(300),
            ..PlayerConfig::with_uid(
                channel.clone(),
                StreamUrl::new("rtmp://example.agora.io/live/class32/101")?,
                101,
            )
        })
        .build();
    let created = client.send(&create).await?;
    let player = PlayerRef::created(&create, &created);
    println!("   {} is {:?}", player.id(), created.player.status);

    println!("2. a duplicate create: 409, and X-Resource-ID names the existing player");
    match client.send(&create).await {
        Err(error) => {
            let api = error.api().ok_or("not an Agora answer")?;
            println!(
                "   {} with the existing ID {:?}",
                api.status, api.resource_id
            );
            if api.resource_id.as_deref() != Some(player.id().as_str()) {
                return Err("the 409 does not name the existing player".into());
            }
        }
        Ok(_) => return Err("a second player of the same name was created".into()),
    }

    println!("3. Agora lists a player about ten seconds after its creation");
    let list = ListPlayers::builder()
        .app_id(app_id.clone())
        .filter(PlayerFilter::channel(channel.clone()))
        .build();
    println!(
        "   right away: {} player(s)",
        client.send(&list).await?.players.len()
    );
    clock.advance(Duration::from_secs(11));
    let page = client.send(&list).await?;
    for listed in &page.players {
        println!(
            "   after 11 s: {} {:?} {:?}",
            listed.id, listed.name, listed.status
        );
    }

    println!("4. it plays in the channel as a host");
    let users = client
        .send(
            &ListChannelUsers::builder()
                .appid(app_id.clone())
                .channel_name(channel.clone())
                .build(),
        )
        .await?;
    if let ChannelUsers::LiveBroadcasting(live) = &users.data {
        println!("   hosts {:?}", live.broadcasters);
    }

    println!("5. turn it down, then pause it: each update a larger sequence");
    let sequences = Sequences::new();
    for update in [
        PlayerUpdate::volume(50),
        PlayerUpdate {
            is_pause: Some(true),
            ..PlayerUpdate::default()
        },
    ] {
        let call = player.update(sequences.next(player.id().as_str())?, update)?;
        println!("   sequence {}", call.sequence);
        client.send(&call).await?;
    }

    println!("6. after a create whose answer was lost, find the player by name");
    let found = find_player(&client, &app_id, &name, Some(&channel))
        .await?
        .ok_or("the named player is not listed")?;
    println!("   found {}", found.id);

    println!("7. delete it, twice: the second delete succeeds too");
    client.send(&player.delete()).await?;
    client.send(&player.delete()).await?;
    println!(
        "   players left: {}",
        client.send(&list).await?.players.len()
    );
    Ok(())
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    match run().await {
        Ok(()) => {
            println!("\nMedia Pull: every step passed.");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("\nMedia Pull failed: {error}");
            ExitCode::FAILURE
        }
    }
}
