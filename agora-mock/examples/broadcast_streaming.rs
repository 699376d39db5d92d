//! Broadcast Streaming (cfls) on Agora's default domain, against the
//! in-process emulator: create a transcoding configuration, a live stream
//! that uses it, and print where to push and play.
//!
//! `cargo run -p agora-mock --example broadcast_streaming`; exits
//! non-zero when a step does not behave as the quickstart documents.

use std::error::Error;
use std::process::ExitCode;

use agora_api::broadcast_streaming::{
    CflsRegion, CreateLiveStream, CreateLiveTranscoding, LiveStreamSettings, StandardTemplate,
    TranscodingSettings,
};
use agora_mock::MockServer;

type Result<T> = std::result::Result<T, Box<dyn Error>>;

async fn walk() -> Result<()> {
    let server = MockServer::start().await;
    let client = server.client();
    let app_id = server.app_id().clone();
    println!("agora-mock at {}, App ID {app_id}", server.url());

    println!("1. create a transcoding configuration (hd, sd1, ld) in na");
    let transcoding = client
        .send(
            &CreateLiveTranscoding::builder()
                .region(CflsRegion::NorthAmerica)
                .appid(app_id.clone())
                .settings(TranscodingSettings::new(vec![
                    StandardTemplate::Hd,
                    StandardTemplate::Sd1,
                    StandardTemplate::Ld,
                ]))
                .build(),
        )
        .await?;
    println!("   {transcoding}");

    println!("2. create a live stream that uses it (sent once: a create is never retried)");
    let stream = client
        .send(
            &CreateLiveStream::builder()
                .region(CflsRegion::NorthAmerica)
                .appid(app_id)
                .settings(LiveStreamSettings::with_transcodings(
                    transcoding.id.clone(),
                ))
                .build(),
        )
        .await?;
    if stream.transcodings.as_ref() != Some(&transcoding) {
        return Err("the stream does not use the configuration it named".into());
    }
    let playback = stream
        .playback_ids
        .first()
        .ok_or("the stream has no playback ID")?;
    println!("   stream {}", stream.id);
    println!(
        "   push to rtmps://stream-in.agoramdn.com/live with its stream key (a secret, not printed)"
    );
    println!("   play {}", playback.hls_url());
    Ok(())
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    match walk().await {
        Ok(()) => {
            println!("Broadcast Streaming flow passed.");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("Broadcast Streaming flow failed: {error}");
            ExitCode::FAILURE
        }
    }
}
