//! Media Push against the emulator: a converter connects, runs or fails,
//! is updated by sequence, is destroyed by delete or when idle; names are
//! unique, regions are kept, lists page by cursor, request IDs come back.

use std::time::Duration;

use agora_api::media_push::{
    AudioOptions, Canvas, ConverterConfig, ConverterName, ConverterOptions, ConverterRef,
    ConverterState, ConverterUpdate, CreateConverter, LayoutItem, ListChannelConverters,
    ListConverters, RtmpUrl, StreamView, TranscodeOptions, TranscodeUpdate, VerticalLayout,
    VideoOptions, VideoUpdate, ViewRegion, find_converter,
};
use agora_api::types::RequestId;
use agora_api::{AppId, ChannelName, Client, ServiceRegion};
use agora_mock::{ManualClock, MockServer};
use serde_json::json;

use crate::support::{Raw, api_error};

const T0: u64 = 1_700_000_000;

async fn server_at(clock: &ManualClock) -> MockServer {
    MockServer::builder()
        .clock(clock.clone())
        .start()
        .await
        .expect("a server")
}

fn channel() -> ChannelName {
    ChannelName::new("show68").expect("a channel name")
}

fn url(text: &str) -> RtmpUrl {
    RtmpUrl::new(text).expect("an RTMP URL")
}

fn raw(name: Option<&str>, cdn: &str) -> ConverterConfig {
    let config = ConverterConfig::new(ConverterOptions::raw(channel(), 201), url(cdn));
    match name {
        Some(name) => config.named(ConverterName::new(name).expect("a name")),
        None => config,
    }
}

fn mixed() -> ConverterConfig {
    let video = VideoOptions::custom(
        Canvas::new(360, 640),
        vec![LayoutItem::Stream(StreamView::new(
            201,
            ViewRegion::new(0, 0, 1, 360, 640),
        ))],
        400,
    );
    ConverterConfig::new(
        ConverterOptions::transcode(TranscodeOptions {
            video_options: Some(video),
            ..TranscodeOptions::new(channel())
        }),
        url("rtmp://example.agora.io/live/show68"),
    )
}

fn create(app_id: &AppId, region: ServiceRegion, config: ConverterConfig) -> CreateConverter {
    CreateConverter::builder()
        .region(region)
        .app_id(app_id.clone())
        .converter(config)
        .build()
}

async fn created(client: &Client, call: &CreateConverter) -> ConverterRef {
    let answer = client.send(call).await.expect("created");
    assert_eq!(answer.converter.state, Some(ConverterState::Connecting));
    ConverterRef::created(call, &answer).expect("an ID")
}

async fn state(client: &Client, converter: &ConverterRef) -> Option<ConverterState> {
    client
        .send(&converter.get())
        .await
        .expect("the converter")
        .converter
        .state
}

fn bitrate(kbps: u32) -> ConverterUpdate {
    ConverterUpdate {
        transcode_options: Some(TranscodeUpdate {
            video_options: Some(VideoUpdate {
                bitrate: Some(kbps),
                ..VideoUpdate::default()
            }),
            ..TranscodeUpdate::default()
        }),
        ..ConverterUpdate::default()
    }
}

#[tokio::test]
async fn a_converter_connects_runs_and_is_gone_once_deleted() {
    let clock = ManualClock::at_unix(T0);
    let server = server_at(&clock).await;
    server.channel("show68").host(201).expect("joined");
    let client = server.client();
    let converter = created(
        &client,
        &create(
            server.app_id(),
            ServiceRegion::NorthAmerica,
            raw(Some("show68_raw"), "rtmp://example.agora.io/live/a"),
        ),
    )
    .await;
    assert_eq!(
        state(&client, &converter).await,
        Some(ConverterState::Connecting)
    );
    clock.advance(Duration::from_secs(3));
    assert_eq!(
        state(&client, &converter).await,
        Some(ConverterState::Running)
    );

    // A new CDN address connects again.
    let update = converter
        .update(
            0,
            ConverterUpdate::rtmp_url(url("rtmp://example.agora.io/live/b")),
        )
        .expect("an rtmpUrl update");
    let answer = client.send(&update).await.expect("updated");
    assert_eq!(answer.converter.state, Some(ConverterState::Connecting));
    let got = client.send(&converter.get()).await.expect("the converter");
    assert_eq!(
        got.converter.rtmp_url.as_deref(),
        Some("rtmp://example.agora.io/live/b")
    );
    assert_eq!(got.converter.idle_timeout, Some(300), "Agora's default");

    client.send(&converter.delete()).await.expect("deleted");
    let error = client.send(&converter.get()).await.expect_err("gone");
    assert_eq!(api_error(&error).status, 404);
    assert_eq!(
        api_error(&error).reason.as_deref(),
        Some("Resource is not found and destroyed.")
    );
    let again = client
        .send(&converter.delete())
        .await
        .expect_err("already gone");
    assert_eq!(api_error(&again).status, 404);
}

#[tokio::test]
async fn a_cdn_that_cannot_be_reached_fails() {
    let clock = ManualClock::at_unix(T0);
    let server = server_at(&clock).await;
    server.channel("show68").host(201).expect("joined");
    let client = server.client();
    let converter = created(
        &client,
        &create(
            server.app_id(),
            ServiceRegion::Europe,
            raw(None, "rtmp://cdn.invalid/live/a"),
        ),
    )
    .await;
    clock.advance(Duration::from_secs(3));
    assert_eq!(
        state(&client, &converter).await,
        Some(ConverterState::Failed)
    );
}

#[tokio::test]
async fn names_are_unique_in_a_project_until_the_converter_is_deleted() {
    let server = MockServer::start().await;
    server.channel("show68").host(201).expect("joined");
    let client = server.client();
    let call = create(
        server.app_id(),
        ServiceRegion::AsiaPacific,
        raw(Some("show68_raw"), "rtmp://example.agora.io/live/a"),
    );
    let first = created(&client, &call).await;
    let error = client.send(&call).await.expect_err("a second one");
    assert_eq!(api_error(&error).status, 409);
    // Found by name after a create whose answer was lost.
    let name = ConverterName::new("show68_raw").expect("a name");
    let found = find_converter(&client, server.app_id(), &name)
        .await
        .expect("listed")
        .expect("found");
    assert_eq!(&found.converter_id, first.id());
    client.send(&first.delete()).await.expect("deleted");
    created(&client, &call).await;
}

#[tokio::test]
async fn a_converter_is_found_only_in_its_region() {
    let server = MockServer::start().await;
    let client = server.client();
    let converter = created(
        &client,
        &create(
            server.app_id(),
            ServiceRegion::NorthAmerica,
            raw(None, "rtmp://example.agora.io/live/a"),
        ),
    )
    .await;
    let elsewhere = ConverterRef::new(
        ServiceRegion::Europe,
        server.app_id().clone(),
        converter.id().clone(),
    );
    let error = client.send(&elsewhere.get()).await.expect_err("not there");
    assert_eq!(api_error(&error).status, 404);
    let error = client
        .send(&elsewhere.delete())
        .await
        .expect_err("not there");
    assert_eq!(api_error(&error).status, 404);
    client.send(&converter.get()).await.expect("still here");
}

#[tokio::test]
async fn a_converter_left_idle_is_destroyed_after_its_idle_timeout() {
    let clock = ManualClock::at_unix(T0);
    let server = server_at(&clock).await;
    let client = server.client();
    let mut config = raw(None, "rtmp://example.agora.io/live/a");
    config.idle_timeout = Some(60);
    let converter = created(
        &client,
        &create(server.app_id(), ServiceRegion::NorthAmerica, config),
    )
    .await;
    // The user comes, so the idle time starts again when they leave.
    clock.advance(Duration::from_secs(50));
    server.channel("show68").host(201).expect("joined");
    clock.advance(Duration::from_secs(50));
    assert_eq!(
        state(&client, &converter).await,
        Some(ConverterState::Running)
    );
    assert!(server.channel("show68").leave(201), "left");
    clock.advance(Duration::from_secs(59));
    client
        .send(&converter.get())
        .await
        .expect("idle, not yet gone");
    clock.advance(Duration::from_secs(2));
    let error = client.send(&converter.get()).await.expect_err("destroyed");
    assert_eq!(api_error(&error).status, 404);
    let list = client
        .send(
            &ListConverters::builder()
                .app_id(server.app_id().clone())
                .build(),
        )
        .await
        .expect("a list");
    assert!(list.data.members.is_empty());
}

#[tokio::test]
async fn only_an_update_with_a_larger_sequence_is_applied() {
    let server = MockServer::start().await;
    server.channel("show68").host(201).expect("joined");
    let client = server.client();
    let converter = created(
        &client,
        &create(server.app_id(), ServiceRegion::NorthAmerica, mixed()),
    )
    .await;
    let video_bitrate = |answer: agora_api::media_push::ConverterAnswer| {
        answer
            .converter
            .transcode_options
            .and_then(|options| options.video_options)
            .map(|video| video.bitrate)
    };
    client
        .send(&converter.update(5, bitrate(800)).expect("an update"))
        .await
        .expect("applied");
    let got = client.send(&converter.get()).await.expect("the converter");
    assert_eq!(video_bitrate(got), Some(800));
    // An older update arriving late, and the same one twice, change nothing.
    for (sequence, kbps) in [(3, 200), (5, 300)] {
        client
            .send(
                &converter
                    .update(sequence, bitrate(kbps))
                    .expect("an update"),
            )
            .await
            .expect("answered as a success");
    }
    let got = client.send(&converter.get()).await.expect("the converter");
    assert_eq!(video_bitrate(got), Some(800));
    client
        .send(&converter.update(6, bitrate(1200)).expect("an update"))
        .await
        .expect("applied");
    let got = client.send(&converter.get()).await.expect("the converter");
    assert_eq!(video_bitrate(got), Some(1200));
}

#[tokio::test]
async fn raw_and_vertical_converters_take_rtmp_url_updates_only() {
    let server = MockServer::start().await;
    let client = server.client();
    let converter = created(
        &client,
        &create(
            server.app_id(),
            ServiceRegion::NorthAmerica,
            raw(None, "rtmp://example.agora.io/live/a"),
        ),
    )
    .await;
    // Refused before any I/O by the converter's address...
    let refused = converter.update(0, bitrate(800)).expect_err("refused");
    assert_eq!(refused.field(), "converter");
    let before = server.journal().len();
    // ... and by the emulator, for a caller that did not know.
    let path = format!(
        "/na/v1/projects/{}/rtmp-converters/{}?sequence=0",
        server.app_id(),
        converter.id()
    );
    let raw_http = Raw::new(&server);
    let answer = raw_http
        .basic(
            "PATCH",
            &path,
            Some(json!({
                "converter": {"transcodeOptions": {"videoOptions": {"bitrate": 800}}},
                "fields": "transcodeOptions.videoOptions.bitrate",
            })),
        )
        .await;
    assert_eq!(answer.status, 400, "{}", answer.body);
    assert_eq!(server.journal().len(), before + 1);

    let mut vertical = mixed();
    if let ConverterOptions::Transcode(options) = &mut vertical.options {
        options.video_options = Some(VideoOptions::vertical(
            Canvas::new(360, 640),
            VerticalLayout {
                max_resolution_uid: Some(201),
                ..VerticalLayout::default()
            },
            400,
        ));
    }
    let vertical = created(
        &client,
        &create(server.app_id(), ServiceRegion::NorthAmerica, vertical),
    )
    .await;
    assert!(vertical.update(0, bitrate(800)).is_err());
    client
        .send(
            &vertical
                .update(
                    0,
                    ConverterUpdate::rtmp_url(url("rtmp://example.agora.io/live/v")),
                )
                .expect("rtmpUrl only"),
        )
        .await
        .expect("applied");
}

#[tokio::test]
async fn a_video_only_converter_cannot_gain_audio_and_volumes_need_mixed_users() {
    let server = MockServer::start().await;
    let client = server.client();
    let converter = created(
        &client,
        &create(server.app_id(), ServiceRegion::NorthAmerica, mixed()),
    )
    .await;
    let path = format!(
        "/na/v1/projects/{}/rtmp-converters/{}?sequence=0",
        server.app_id(),
        converter.id()
    );
    let answer = Raw::new(&server)
        .basic(
            "PATCH",
            &path,
            Some(json!({
                "converter": {"transcodeOptions": {"audioOptions": {"rtcStreamUids": [201]}}},
                "fields": "transcodeOptions.audioOptions.rtcStreamUids",
            })),
        )
        .await;
    assert_eq!(answer.status, 400, "{}", answer.body);

    let mut with_audio = mixed();
    with_audio.name = Some(ConverterName::new("with_audio").expect("a name"));
    if let ConverterOptions::Transcode(options) = &mut with_audio.options {
        options.audio_options = Some(AudioOptions {
            rtc_stream_uids: Some(vec![201]),
            ..AudioOptions::default()
        });
    }
    let with_audio = created(
        &client,
        &create(server.app_id(), ServiceRegion::NorthAmerica, with_audio),
    )
    .await;
    let path = format!(
        "/na/v1/projects/{}/rtmp-converters/{}?sequence=0",
        server.app_id(),
        with_audio.id()
    );
    let answer = Raw::new(&server)
        .basic(
            "PATCH",
            &path,
            Some(json!({
                "converter": {"transcodeOptions": {"audioOptions": {"volumes": [{"rtcStreamUid": 202, "volume": 50}]}}},
                "fields": "transcodeOptions.audioOptions.volumes",
            })),
        )
        .await;
    assert_eq!(answer.status, 400, "{}", answer.body);
}

#[tokio::test]
async fn the_request_id_comes_back_and_the_resource_id_names_the_converter() {
    let server = MockServer::start().await;
    let client = server.client();
    let mut call = create(
        server.app_id(),
        ServiceRegion::NorthAmerica,
        raw(None, "rtmp://example.agora.io/live/a"),
    );
    call.request_id = Some(RequestId::new("7bbcc8a4-acce-48c7-8b53-c5a261a8a564").expect("an ID"));
    let answer = client.send_with_meta(&call).await.expect("created");
    assert_eq!(
        answer.meta.request_id(),
        Some("7bbcc8a4-acce-48c7-8b53-c5a261a8a564")
    );
    assert_eq!(
        answer.meta.header("x-custom-request-id"),
        Some("7bbcc8a4-acce-48c7-8b53-c5a261a8a564")
    );
    assert_eq!(
        answer.meta.resource_id(),
        answer.value.converter.id.as_ref().map(|id| id.as_str())
    );
    let journal = server.journal();
    assert_eq!(
        journal[0].header("x-request-id"),
        Some("7bbcc8a4-acce-48c7-8b53-c5a261a8a564")
    );
}

#[tokio::test]
async fn lists_page_by_cursor_500_at_a_time_and_per_channel() {
    let server = MockServer::start().await;
    let client = server.client();
    for _ in 0..501 {
        client
            .send(&create(
                server.app_id(),
                ServiceRegion::NorthAmerica,
                raw(None, "rtmp://example.agora.io/live/a"),
            ))
            .await
            .expect("created");
    }
    let mut other = mixed();
    if let ConverterOptions::Transcode(options) = &mut other.options {
        options.rtc_channel = ChannelName::new("other").expect("a channel name");
    }
    client
        .send(&create(server.app_id(), ServiceRegion::Europe, other))
        .await
        .expect("created");

    let mut pages = client.pages(
        ListConverters::builder()
            .app_id(server.app_id().clone())
            .build(),
    );
    let mut sizes = Vec::new();
    while let Some(page) = pages.next().await {
        let page = page.expect("a page");
        assert_eq!(page.data.total_count, Some(502));
        sizes.push(page.data.members.len());
    }
    assert_eq!(sizes, [500, 2]);

    let channel = client
        .send(
            &ListChannelConverters::builder()
                .app_id(server.app_id().clone())
                .cname(ChannelName::new("other").expect("a channel name"))
                .build(),
        )
        .await
        .expect("a list");
    assert_eq!(channel.data.members.len(), 1);
    assert_eq!(channel.data.cursor, Some(0));
    assert_eq!(
        channel.data.members[0].rtc_channel.as_deref(),
        Some("other")
    );
}

#[tokio::test]
async fn an_app_id_of_another_account_is_refused() {
    let server = MockServer::start().await;
    let stranger = AppId::new("ffffffffffffffffffffffffffffffff").expect("an App ID");
    let error = server
        .client()
        .send(&create(
            &stranger,
            ServiceRegion::NorthAmerica,
            raw(None, "rtmp://example.agora.io/live/a"),
        ))
        .await
        .expect_err("not a project of the account");
    assert_eq!(api_error(&error).status, 403);
}
