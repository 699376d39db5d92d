//! Cloud Transcoding against the local emulator: `cargo run -p agora-mock
//! --example cloud_transcoding`.
//!
//! Two hosts are in channel `show`; a builder token is acquired, a task
//! mixes the hosts onto one canvas and publishes it to `show-mixed`, the
//! layout is updated twice through the task's session (which carries the
//! builder token and the increasing `sequenceId`s), the task is queried and
//! destroyed, and an audience-side multi-bitrate template is set and
//! listed. It exits non-zero when a step fails.

use std::error::Error;
use std::process::ExitCode;

use agora_api::cloud_transcoding::{
    AcquireTranscodingBuilderToken, AudioInput, Canvas, CodecId, CreateTranscodingTask,
    DestroyTranscodingTask, ListTranscodingTemplates, Output, QueryTranscodingTask, Region,
    RtcStream, SetTranscodingTemplate, TemplateVideo, Transcoder, TranscodingServices,
    UpdateTranscodingTask, VideoCodec, VideoInput, VideoOption,
};
use agora_api::types::InstanceId;
use agora_api::{ChannelName, Uid};
use agora_mock::MockServer;

type Result<T> = std::result::Result<T, Box<dyn Error>>;

const HOSTS: [u32; 2] = [123, 456];

fn stream(channel: &str, uid: u32) -> Result<RtcStream> {
    // With an App Certificate, these are RTC tokens: for UID 0 on the
    // inputs, for the output UID on the output.
    Ok(RtcStream::new(
        ChannelName::new(channel)?,
        Uid::new(uid)?,
        "rtc-token",
    ))
}

/// The hosts side by side (`side_by_side`) or stacked, on a 960 × 480
/// canvas, published to `show-mixed` as UID 1000.
fn layout(side_by_side: bool) -> Result<TranscodingServices> {
    let mut output = Output::rtc(stream("show-mixed", 1000)?);
    output.video_option = Some(VideoOption {
        width: 960,
        height: 480,
        bitrate: Some(800),
        codec: VideoCodec::H264,
        fps: Some(15),
        mode: None,
    });
    let mut transcoder = Transcoder::new(Canvas::new(960, 480, 0), vec![output]);
    let mut audio = Vec::new();
    let mut video = Vec::new();
    for (index, uid) in (0u32..).zip(HOSTS) {
        let (x, y, width, height) = if side_by_side {
            (index * 480, 0, 480, 480)
        } else {
            (0, index * 240, 960, 240)
        };
        audio.push(AudioInput::rtc(stream("show", uid)?));
        video.push(VideoInput::rtc(
            stream("show", uid)?,
            Region {
                x,
                y,
                width,
                height,
                z_order: 2,
            },
        ));
    }
    transcoder.audio_inputs = Some(audio);
    transcoder.video_inputs = Some(video);
    Ok(TranscodingServices::new(transcoder))
}

async fn run() -> Result<()> {
    let server = MockServer::start().await;
    for uid in HOSTS {
        server.channel("show").host(uid)?;
    }
    let client = server.client();
    let app_id = server.app_id().clone();

    println!("1. acquire a builder token");
    let acquire = AcquireTranscodingBuilderToken::builder()
        .app_id(app_id.clone())
        .instance_id(InstanceId::new("show-42")?)
        .build();
    let token = client.send(&acquire).await?;
    let expires = token
        .expires_at_unix()
        .map_or_else(|| "never".to_owned(), |secs| format!("unix {secs}"));
    println!(
        "   token for instance {}, starts a task until {expires}",
        token.instance_id
    );

    println!("2. create the task: both hosts side by side, to show-mixed");
    let create = CreateTranscodingTask::new(app_id.clone(), &token, layout(true)?);
    let created = client.send(&create).await?;
    println!("   task {} is {}", created.task_id, created.status);
    // The token is spent: it lives on in the task's session only.
    let mut task = token.into_task(app_id.clone(), created.task_id);

    println!("3. update the layout twice (sequenceId 0, then 1)");
    for side_by_side in [false, true] {
        let update = UpdateTranscodingTask::of(&mut task, layout(side_by_side)?)?;
        client.send(&update).await?;
        println!("   sequenceId {} applied", update.sequence_id);
    }

    println!("4. query the task");
    let queried = client.send(&QueryTranscodingTask::of(&task)).await?;
    println!("   task {} is {}", queried.task_id, queried.status);

    println!("5. destroy the task");
    let destroyed = client.send(&DestroyTranscodingTask::of(&task)).await?;
    println!("   task {} is {}", destroyed.task_id, destroyed.status);
    if client.send(&QueryTranscodingTask::of(&task)).await.is_ok() {
        return Err("a destroyed task still answers".into());
    }

    println!("6. set and list a multi-bitrate template");
    let set = SetTranscodingTemplate::builder()
        .app_id(app_id.clone())
        .codec_id(CodecId::new("360p")?)
        .enabled(true)
        .video(TemplateVideo {
            width: Some(640),
            height: Some(360),
            fps: Some(15),
        })
        .build();
    client.send(&set).await?;
    let listed = client
        .send(&ListTranscodingTemplates::builder().app_id(app_id).build())
        .await?;
    let codecs = listed.data.map(|data| data.codecs).unwrap_or_default();
    let ids: Vec<&str> = codecs.iter().map(|codec| codec.id.as_str()).collect();
    println!("   templates: {ids:?}");
    if ids != ["360p"] {
        return Err(format!("expected the 360p template, listed {ids:?}").into());
    }
    Ok(())
}

#[tokio::main]
async fn main() -> ExitCode {
    match run().await {
        Ok(()) => {
            println!("\ncloud transcoding: every step passed");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("cloud transcoding failed: {error}");
            ExitCode::FAILURE
        }
    }
}
