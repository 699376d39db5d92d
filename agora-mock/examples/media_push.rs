//! Media Push's main flow against the emulator: push a live channel to a
//! CDN through a named, transcoding converter; watch it connect; change
//! its layout with an increasing sequence; find it by name as after a
//! lost answer; list the channel's converters; delete it.
//!
//! `cargo run -p agora-mock --example media_push`. The emulator's clock is
//! moved forward by hand where real Agora would take seconds.

use std::error::Error;
use std::process::ExitCode;
use std::time::Duration;

use agora_api::media_push::{
    AudioOptions, Canvas, ConverterConfig, ConverterName, ConverterOptions, ConverterRef,
    ConverterUpdate, CreateConverter, LayoutItem, ListChannelConverters, RtmpUrl, StreamView,
    TranscodeOptions, TranscodeUpdate, VideoOptions, VideoUpdate, ViewRegion, find_converter,
};
use agora_api::{ChannelName, Sequences, ServiceRegion};
use agora_mock::{ManualClock, MockServer};

type Result<T> = std::result::Result<T, Box<dyn Error>>;

fn side_by_side(width: u32) -> Vec<LayoutItem> {
    vec![
        LayoutItem::Stream(StreamView::new(
            201,
            ViewRegion::new(0, 0, 1, width / 2, 360),
        )),
        LayoutItem::Stream(StreamView::new(
            202,
            ViewRegion::new(width / 2, 0, 1, width / 2, 360),
        )),
    ]
}

async fn run() -> Result<()> {
    let clock = ManualClock::at_unix(1_700_000_000);
    let server = MockServer::builder().clock(clock.clone()).start().await?;
    server.channel("show68").host(201)?.host(202)?;
    let client = server.client();
    let app_id = server.app_id().clone();
    let channel = ChannelName::new("show68")?;

    println!("1. create a named converter mixing hosts 201 and 202");
    let name = ConverterName::new("show68_horizontal")?;
    let mix = TranscodeOptions {
        audio_options: Some(AudioOptions::default()),
        video_options: Some(VideoOptions::custom(
            Canvas::new(640, 360),
            side_by_side(640),
            800,
        )),
        ..TranscodeOptions::new(channel.clone())
    };
    let create = CreateConverter::builder()
        .region(ServiceRegion::NorthAmerica)
        .app_id(app_id.clone())
        .converter(
            ConverterConfig::new(
                ConverterOptions::transcode(mix),
                RtmpUrl::new("rtmp://example.agora.io/live/show68")?,
            )
            .named(name.clone()),
        )
        .build();
    let answer = client.send_with_meta(&create).await?;
    let converter =
        ConverterRef::created(&create, &answer.value).ok_or("the answer names no converter")?;
    println!(
        "   {} is {:?} (X-Resource-ID {:?})",
        converter.id(),
        answer.value.converter.state,
        answer.meta.resource_id()
    );

    println!("2. a second create of the same name is refused");
    match client.send(&create).await {
        Err(error) if error.api().is_some_and(|api| api.status == 409) => {
            println!(
                "   409: {:?}",
                error.api().and_then(|api| api.message.clone())
            );
        }
        other => return Err(format!("expected a 409, got {other:?}").into()),
    }

    println!("3. it connects, then runs");
    clock.advance(Duration::from_secs(3));
    let got = client.send(&converter.get()).await?;
    println!("   state {:?}", got.converter.state);

    println!("4. a wider canvas: an update with the next sequence and its field mask");
    let sequences = Sequences::new();
    let wider = ConverterUpdate {
        transcode_options: Some(TranscodeUpdate {
            video_options: Some(VideoUpdate {
                canvas: Some(Canvas::new(1280, 360)),
                layout: Some(side_by_side(1280)),
                ..VideoUpdate::default()
            }),
            ..TranscodeUpdate::default()
        }),
        ..ConverterUpdate::default()
    };
    println!("   fields = {}", wider.field_mask());
    let update = converter.update(sequences.next(converter.id().as_str())?, wider)?;
    client.send(&update).await?;
    let got = client.send(&converter.get()).await?;
    let canvas = got
        .converter
        .transcode_options
        .and_then(|options| options.video_options)
        .map(|video| video.canvas);
    println!("   canvas now {canvas:?}");

    println!("5. after an answer that never came, look the converter up by name");
    let found = find_converter(&client, &app_id, &name)
        .await?
        .ok_or("the named converter is not listed")?;
    println!("   found {} ({:?})", found.converter_id, found.state);

    println!("6. the channel's converters");
    let listed = client
        .send(
            &ListChannelConverters::builder()
                .app_id(app_id.clone())
                .cname(channel)
                .build(),
        )
        .await?;
    println!(
        "   {} converter(s), cursor {:?}",
        listed.data.members.len(),
        listed.data.cursor
    );

    println!("7. delete it; a get is then 404");
    client.send(&converter.delete()).await?;
    match client.send(&converter.get()).await {
        Err(error) if error.api().is_some_and(|api| api.status == 404) => println!("   gone"),
        other => return Err(format!("expected a 404, got {other:?}").into()),
    }
    Ok(())
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    match run().await {
        Ok(()) => {
            println!("\nMedia Push: every step passed.");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("\nMedia Push failed: {error}");
            ExitCode::FAILURE
        }
    }
}
