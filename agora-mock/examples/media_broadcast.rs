//! Media Broadcast (fls) against the in-process emulator, every call
//! signed with HMAC-SHA256: add a push and a play domain, an entry point
//! with a transfer callback, push a stream (as an encoder would), see it
//! online, ban and unban it, set a time lag, then read its push history.
//!
//! `cargo run -p agora-mock --example media_broadcast`; exits non-zero
//! when a step does not behave as Agora documents.

use std::error::Error;
use std::process::ExitCode;
use std::time::Duration;

use agora_api::media_broadcast::{
    AddDomain, AddEntryPoint, BanStream, CallbackUrl, DelaySeconds, DomainType, EntryPointName,
    FlsDomain, FlsRegion, FlsTime, GetPublishHistory, GetTransfer, ListEntryPoints,
    ListOnlineStreams, SetStreamDelay, SetTransfer, StreamName, UnbanStream,
};
use agora_mock::{ManualClock, MockServer};

type Result<T> = std::result::Result<T, Box<dyn Error>>;

async fn walk() -> Result<()> {
    // The emulator's clock starts two minutes behind, so the push made
    // below ends in the past by the time the history is asked for.
    let clock = ManualClock::new(std::time::SystemTime::now() - Duration::from_secs(120));
    let server = MockServer::builder().clock(clock.clone()).start().await?;
    let client = server.client(); // signs each call with the Customer ID and Secret
    let app_id = server.app_id().clone();
    println!("agora-mock at {}, App ID {app_id}", server.url());

    println!("1. add a stream-pushing domain (cn) and a stream-playing domain");
    let push = client
        .send(
            &AddDomain::builder()
                .appid(app_id.clone())
                .domain(FlsDomain::new("push.example.com")?)
                .domain_type(DomainType::Publish)
                .region(FlsRegion::China)
                .build(),
        )
        .await?;
    println!(
        "   push.example.com: point a CNAME at {}",
        push.cname.as_deref().unwrap_or("(none given)")
    );
    client
        .send(
            &AddDomain::builder()
                .appid(app_id.clone())
                .domain(FlsDomain::new("play.example.com")?)
                .domain_type(DomainType::Play)
                .build(),
        )
        .await?;

    println!("2. add the entry point shows, and forward its streams through a callback");
    let shows = EntryPointName::new("shows")?;
    client
        .send(
            &AddEntryPoint::builder()
                .appid(app_id.clone())
                .entry_point(shows.clone())
                .build(),
        )
        .await?;
    client
        .send(
            &SetTransfer::builder()
                .appid(app_id.clone())
                .entry_point(shows.clone())
                .enabled(true)
                .callback_url(CallbackUrl::new("https://example.transfer.com/callback")?)
                .build(),
        )
        .await?;
    let entry_points = client
        .send(&ListEntryPoints::builder().appid(app_id.clone()).build())
        .await?;
    let names: Vec<&str> = entry_points
        .entry_point_list
        .iter()
        .map(|entry| entry.name.as_str())
        .collect();
    println!("   entry points: {}", names.join(", "));
    let transfer = client
        .send(
            &GetTransfer::builder()
                .appid(app_id.clone())
                .entry_point(shows.clone())
                .build(),
        )
        .await?;
    if !transfer.enabled {
        return Err("the transfer setting was not kept".into());
    }

    println!("3. an encoder pushes rtmp://push.example.com/shows/show68");
    let show = StreamName::new("show68")?;
    if !server.media_broadcast().push("shows", "show68") {
        return Err("the push was refused".into());
    }
    let online = client
        .send(
            &ListOnlineStreams::builder()
                .appid(app_id.clone())
                .entry_point(shows.clone())
                .build(),
        )
        .await?;
    for stream in &online.stream_list {
        println!(
            "   online: {} since {}",
            stream.name,
            stream.start_time.as_deref().unwrap_or("?")
        );
    }

    println!("4. viewers see it 30 s late");
    client
        .send(
            &SetStreamDelay::builder()
                .appid(app_id.clone())
                .entry_point(shows.clone())
                .stream_name(show.clone())
                .delay(DelaySeconds::new(30)?)
                .build(),
        )
        .await?;

    println!("5. a minute later, ban it for an hour: it is cut off and refused");
    clock.advance(Duration::from_secs(60));
    client
        .send(
            &BanStream::builder()
                .appid(app_id.clone())
                .entry_point(shows.clone())
                .stream_name(show.clone())
                .resume_time(FlsTime::at(server.now() + Duration::from_secs(3_600))?)
                .build(),
        )
        .await?;
    if server.media_broadcast().push("shows", "show68") {
        return Err("a banned stream was accepted".into());
    }

    println!("6. unban it; it may push again");
    client
        .send(
            &UnbanStream::builder()
                .appid(app_id.clone())
                .entry_point(shows.clone())
                .stream_name(show.clone())
                .build(),
        )
        .await?;
    if !server.media_broadcast().push("shows", "show68") {
        return Err("an unbanned stream was refused".into());
    }

    println!("7. its push history (the push the ban ended)");
    let history = client
        .send(
            &GetPublishHistory::builder()
                .appid(app_id)
                .entry_point(shows)
                .stream_name(show)
                .build(),
        )
        .await?;
    let [record] = history.publish_history.as_slice() else {
        return Err(format!("expected one ended push, got {:?}", history.publish_history).into());
    };
    println!(
        "   {} from {} to {}: {} s",
        record.name,
        record.start_time.as_deref().unwrap_or("?"),
        record.end_time.as_deref().unwrap_or("?"),
        record.duration.unwrap_or_default()
    );
    Ok(())
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    match walk().await {
        Ok(()) => {
            println!("Media Broadcast flow passed.");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("Media Broadcast flow failed: {error}");
            ExitCode::FAILURE
        }
    }
}
