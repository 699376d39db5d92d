//! Media Broadcast's entry point settings against the emulator, signed
//! with HMAC-SHA256: watermark the streams of the entry point `live`,
//! switch a standard transcoding template on and create a custom one,
//! record one stream with standard recording (the entry point's own
//! recording off), list what it recorded, cut a clip and take a
//! snapshot from it, and set moderated snapshots.
//!
//! `cargo run -p agora-mock --example media_broadcast_recording`. The
//! emulator's clock is moved forward by hand while the stream records.

use std::error::Error;
use std::process::ExitCode;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use agora_api::media_broadcast::{
    CreateCustomTranscodingTemplate, CreateRecordingClip, CreateRecordingSnapshot,
    CreateWatermarkTemplates, DisableStandardStreamRecording, EnableStandardStreamRecording,
    EntryPointName, FlsRegion, FlsTime, FormatSwitch, GetStandardSnapshotConfig,
    ListCustomTranscodingTemplates, ListRecordingFiles, OutputFileName, SetStandardAutoRecording,
    SetStandardRecordingConfig, SetStandardSnapshotConfig, SetStandardTranscodingTemplate,
    SnapshotInterval, StandardTranscodingTemplate, StreamName, TranscodeAudioCodec,
    TranscodeProfile, TranscodeVideoCodec, TranscodingTemplateName, Watermark,
};
use agora_mock::{ManualClock, MockServer};

type Result<T> = std::result::Result<T, Box<dyn Error>>;

/// `secs` (Unix time) as a Media Broadcast time.
fn at(secs: u64) -> Result<FlsTime> {
    Ok(FlsTime::from_unix_seconds(i64::try_from(secs)?)?)
}

async fn run() -> Result<()> {
    // Four minutes behind the client's clock: within the five minutes an
    // HMAC date may be off, and what is recorded ends before "now".
    let start = SystemTime::now() - Duration::from_secs(240);
    let clock = ManualClock::new(start);
    let server = MockServer::builder().clock(clock.clone()).start().await?;
    // The emulator's client has its Customer ID and Secret for Basic and
    // HMAC; Media Broadcast endpoints are signed with HMAC.
    let client = server.client();
    let appid = server.app_id().clone();
    let live = EntryPointName::new("live")?;
    let cn = FlsRegion::from("cn");
    let stream = StreamName::new("show68")?;

    println!("1. watermark every stream of entry point live");
    let logo = Watermark::new(
        "https://cdn.example.com/logos/{stream_name}.png",
        16,
        16,
        160,
        48,
    );
    client
        .send(
            &CreateWatermarkTemplates::builder()
                .appid(appid.clone())
                .entry_point(live.clone())
                .water_mark_set(vec![logo.layered(2)])
                .build(),
        )
        .await?;

    println!("2. transcode to the standard sd1 template and a custom 360p one");
    client
        .send(
            &SetStandardTranscodingTemplate::builder()
                .appid(appid.clone())
                .entry_point(live.clone())
                .name(StandardTranscodingTemplate::Sd1)
                .enabled(true)
                .build(),
        )
        .await?;
    client
        .send(
            &CreateCustomTranscodingTemplate::builder()
                .appid(appid.clone())
                .entry_point(live.clone())
                .name(TranscodingTemplateName::new("mobile_360")?)
                .width(0)
                .height(360)
                .video_codec(TranscodeVideoCodec::H264)
                .video_bitrate(700)
                .profile(TranscodeProfile::Main)
                .audio_codec(TranscodeAudioCodec::Aac)
                .audio_bitrate(128)
                .audio_sample_rate(44_100)
                .build(),
        )
        .await?;
    let templates = client
        .send(
            &ListCustomTranscodingTemplates::builder()
                .appid(appid.clone())
                .entry_point(live.clone())
                .build(),
        )
        .await?;
    for template in &templates.transcode_list {
        println!(
            "   custom {}: {}x{}, {:?} Kbps",
            template.name, template.width, template.height, template.video_bitrate
        );
    }

    println!("3. record MP4 and HLS in cn, then only stream show68");
    client
        .send(
            &SetStandardRecordingConfig::builder()
                .appid(appid.clone())
                .entry_point(live.clone())
                .region(cn.clone())
                .mp4_config(FormatSwitch::on())
                .hls_config(FormatSwitch::on())
                .build(),
        )
        .await?;
    // Setting the formats records every stream; record one instead.
    client
        .send(
            &SetStandardAutoRecording::builder()
                .appid(appid.clone())
                .entry_point(live.clone())
                .enabled(false)
                .build(),
        )
        .await?;
    let recording_started = server.now().duration_since(UNIX_EPOCH)?.as_secs();
    client
        .send(
            &EnableStandardStreamRecording::builder()
                .appid(appid.clone())
                .entry_point(live.clone())
                .region(cn.clone())
                .stream_name(stream.clone())
                .build(),
        )
        .await?;
    clock.advance(Duration::from_secs(90));
    client
        .send(
            &DisableStandardStreamRecording::builder()
                .appid(appid.clone())
                .entry_point(live.clone())
                .region(cn.clone())
                .stream_name(stream.clone())
                .build(),
        )
        .await?;

    println!("4. list what was recorded");
    let files = client
        .send(
            &ListRecordingFiles::builder()
                .appid(appid.clone())
                .entry_point(live.clone())
                .region(cn.clone())
                .start_time(at(recording_started - 60)?)
                .end_time(at(recording_started + 600)?)
                .stream_name(stream.clone())
                .build(),
        )
        .await?;
    for file in &files.list {
        println!(
            "   {} ({} to {})",
            file.file_name, file.start_time, file.end_time
        );
    }
    if files.list.is_empty() {
        return Err("the recording left no file".into());
    }

    println!("5. cut a 30 s clip and take a snapshot from the recording");
    client
        .send(
            &CreateRecordingClip::builder()
                .appid(appid.clone())
                .entry_point(live.clone())
                .region(cn.clone())
                .stream_name(stream.clone())
                .start_time(at(recording_started + 30)?)
                .end_time(at(recording_started + 60)?)
                .file_name(OutputFileName::new("highlight.m3u8")?)
                .build(),
        )
        .await?;
    client
        .send(
            &CreateRecordingSnapshot::builder()
                .appid(appid.clone())
                .entry_point(live.clone())
                .region(cn.clone())
                .stream_name(stream.clone())
                .file_name(OutputFileName::new("cover.jpg")?)
                .build(),
        )
        .await?;

    println!("6. moderated snapshots every 30 s");
    client
        .send(
            &SetStandardSnapshotConfig::builder()
                .appid(appid.clone())
                .entry_point(live.clone())
                .region(cn.clone())
                .enabled(true)
                .snapshot_interval(SnapshotInterval::new(30)?)
                .enable_moderation(true)
                .build(),
        )
        .await?;
    let snapshots = client
        .send(
            &GetStandardSnapshotConfig::builder()
                .appid(appid.clone())
                .entry_point(live)
                .region(cn)
                .build(),
        )
        .await?;
    println!(
        "   enabled {}, every {} s, moderated {:?}",
        snapshots.enabled,
        snapshots.interval(),
        snapshots.enable_moderation
    );
    Ok(())
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    match run().await {
        Ok(()) => {
            println!("\nMedia Broadcast recording: every step passed.");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("\nMedia Broadcast recording failed: {error}");
            ExitCode::FAILURE
        }
    }
}
