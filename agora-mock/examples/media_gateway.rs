//! Media Gateway's main flow against the emulator, signed with HMAC as
//! Agora recommends: a 720p template made the App ID's global one; a
//! streaming key for a channel; an encoder pushing with it (the
//! emulator stands in for OBS); the stream listed and read once it runs;
//! its audio muted; the key revoked and the push disconnected.
//!
//! `cargo run -p agora-mock --example media_gateway`. The emulator's clock
//! is moved forward by hand where real Agora would take seconds.

use std::error::Error;
use std::process::ExitCode;
use std::time::Duration;

use agora_api::media_gateway::{
    AppConfig, CreateStreamKey, DeleteStreamKey, DisconnectOnlineStream, GatewayApiVersion,
    GatewayUid, GatewayVideoCodec, GetOnlineStream, ListOnlineStreams, MuteOnlineStream,
    MuteSettings, Pixels, PutStreamTemplate, SetGlobalTemplate, StreamKeySettings, TemplateId,
    TemplateSettings, Transcoding, VideoKbps, VideoTranscoding,
};
use agora_api::{ChannelName, Client, ServiceRegion};
use agora_mock::{ManualClock, MockServer};

type Result<T> = std::result::Result<T, Box<dyn Error>>;

async fn run() -> Result<()> {
    // The emulator's clock reads the real time (HMAC dates must be close
    // to it) and is moved by hand.
    let clock = ManualClock::starting_now();
    let server = MockServer::builder().clock(clock.clone()).start().await?;
    let credentials = server.credentials();
    let client = Client::builder()
        .base_urls(server.urls())
        .hmac_auth(
            credentials.customer_id.clone(),
            credentials.customer_secret.clone(),
        )
        .build()?;
    let app_id = server.app_id().clone();
    let region = ServiceRegion::NorthAmerica;

    println!("1. a 720p H.264 template, set as the App ID's global template");
    let template = TemplateId::new("720p")?;
    let settings = TemplateSettings {
        transcoding: Some(Transcoding {
            video: Some(VideoTranscoding {
                enabled: true,
                codec: Some(GatewayVideoCodec::H264),
                width: Some(Pixels::new(1280)?),
                height: Some(Pixels::new(720)?),
                bitrate: Some(VideoKbps::new(2200)?),
                ..VideoTranscoding::default()
            }),
            audio: None,
        }),
        jitter_buffer: None,
    };
    client
        .send(
            &PutStreamTemplate::builder()
                .region(region)
                .app_id(app_id.clone())
                .template_id(template.clone())
                .settings(settings)
                .build(),
        )
        .await?;
    client
        .send(
            &SetGlobalTemplate::builder()
                .region(region)
                .app_id(app_id.clone())
                .settings(AppConfig::new(template))
                .build(),
        )
        .await?;

    println!("2. a streaming key for host 1001 of channel show68, valid a day");
    let key = client
        .send(
            &CreateStreamKey::builder()
                .region(region)
                .app_id(app_id.clone())
                .settings(
                    StreamKeySettings::new(86_400)
                        .channel(ChannelName::new("show68")?)
                        .uid(GatewayUid::new("1001")?),
                )
                .build(),
        )
        .await?;
    println!("   {key:?} (the key itself is never printed)");

    println!("3. the encoder pushes with it; two seconds later it runs");
    let gateway = server.media_gateway();
    let sid = gateway.push(region, &key.stream_key)?;
    clock.advance(Duration::from_secs(3));
    let listed = client
        .send(
            &ListOnlineStreams::builder()
                .region(region)
                .app_id(app_id.clone())
                .channel(ChannelName::new("show68")?)
                .build(),
        )
        .await?;
    println!("   {} stream(s) in show68", listed.streams.len());
    let stream = client
        .send(
            &GetOnlineStream::builder()
                .region(region)
                .app_id(app_id.clone())
                .sid(sid.clone())
                .build(),
        )
        .await?;
    println!(
        "   {} is {:?} at {:?} Kbps, pushed with template {:?}",
        stream.sid,
        stream.status,
        stream.bitrate,
        gateway.stream(&sid).and_then(|pushed| pushed.template)
    );

    println!("4. mute its audio: the gateway applies it about a second later");
    client
        .send(
            &MuteOnlineStream::builder()
                .region(region)
                .version(GatewayApiVersion::V1)
                .app_id(app_id.clone())
                .sid(sid.clone())
                .settings(MuteSettings::new(false, true))
                .build(),
        )
        .await?;
    clock.advance(Duration::from_secs(1));
    let muted = gateway
        .stream(&sid)
        .is_some_and(|pushed| pushed.audio_muted);
    println!("   audio muted: {muted}");

    println!("5. revoke the key, then disconnect the push (it cannot reconnect)");
    client
        .send(
            &DeleteStreamKey::builder()
                .region(region)
                .app_id(app_id.clone())
                .stream_key(key.stream_key.clone())
                .build(),
        )
        .await?;
    client
        .send(
            &DisconnectOnlineStream::builder()
                .region(region)
                .app_id(app_id.clone())
                .sid(sid)
                .build(),
        )
        .await?;
    let left = client
        .send(
            &ListOnlineStreams::builder()
                .region(region)
                .app_id(app_id)
                .build(),
        )
        .await?;
    if !left.streams.is_empty() {
        return Err(format!("{} stream(s) still pushed", left.streams.len()).into());
    }
    println!("   no stream left");
    Ok(())
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    match run().await {
        Ok(()) => {
            println!("\nMedia Gateway: every step passed.");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("\nMedia Gateway failed: {error}");
            ExitCode::FAILURE
        }
    }
}
