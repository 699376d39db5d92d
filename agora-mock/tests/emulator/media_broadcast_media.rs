//! Media Broadcast's entry point settings against the emulator: recording
//! tasks from enable to disable and the files, clips and snapshots they
//! leave; recording and snapshot settings as set; custom transcoding
//! templates created, refused twice, updated, deleted; and every call
//! signed with HMAC-SHA256, as the emulator verifies.

use std::time::Duration;

use agora_api::media_broadcast::{
    CreateCustomTranscodingTemplate, CreateRecordingClip, CreateRecordingSnapshot,
    CreateWatermarkTemplates, DeleteCustomTranscodingTemplate, DisableStandardStreamRecording,
    EnableCustomStreamRecording, EnableStandardStreamRecording, EntryPointName, FlsRegion,
    FlsStorageConfig, FlsStorageVendor, FlsTime, FormatSwitch, GetCustomRecordingConfig,
    GetCustomSnapshotConfig, GetStandardRecordingConfig, GetStandardSnapshotConfig,
    ListCustomTranscodingTemplates, ListRecordingFiles, ListStandardTranscodingTemplates,
    ListWatermarkTemplates, OutputFileName, SetCustomAutoRecording, SetCustomRecordingConfig,
    SetCustomSnapshotConfig, SetStandardAutoRecording, SetStandardRecordingConfig,
    SetStandardTranscodingTemplate, SnapshotInterval, StandardTranscodingTemplate, StreamName,
    TranscodeVideoCodec, TranscodingTemplateName, UpdateCustomTranscodingTemplate, Watermark,
};
use agora_api::{AppId, AuthScheme, Client, Error};
use agora_mock::{ManualClock, MockServer};
use serde_json::json;

use crate::support::{Raw, api_error};

fn live() -> EntryPointName {
    EntryPointName::new("live").expect("an entry point")
}

fn cn() -> FlsRegion {
    FlsRegion::from("cn")
}

fn stream(name: &str) -> StreamName {
    StreamName::new(name).expect("a stream name")
}

fn time(secs: u64) -> FlsTime {
    let secs = i64::try_from(secs).expect("a time");
    FlsTime::from_unix_seconds(secs).expect("an RFC 3339 time in range")
}

fn file(name: &str) -> OutputFileName {
    OutputFileName::new(name).expect("a file name")
}

/// A server on a clock that starts four minutes ago and only moves when
/// told: close enough to the client's for its HMAC dates (five minutes
/// of skew are accepted), and early enough that what it records ends
/// before the client's "now" (clips may not end in the future).
async fn server() -> (MockServer, ManualClock) {
    let clock = ManualClock::new(std::time::SystemTime::now() - Duration::from_secs(240));
    let server = MockServer::builder()
        .clock(clock.clone())
        .start()
        .await
        .expect("a server");
    (server, clock)
}

fn status(error: &Error) -> u16 {
    api_error(error).status
}

fn enable(app: &AppId, name: &str) -> EnableStandardStreamRecording {
    EnableStandardStreamRecording::builder()
        .appid(app.clone())
        .entry_point(live())
        .region(cn())
        .stream_name(stream(name))
        .build()
}

fn disable(app: &AppId, name: &str) -> DisableStandardStreamRecording {
    DisableStandardStreamRecording::builder()
        .appid(app.clone())
        .entry_point(live())
        .region(cn())
        .stream_name(stream(name))
        .build()
}

fn files(app: &AppId, name: &str, from: u64, to: u64) -> ListRecordingFiles {
    ListRecordingFiles::builder()
        .appid(app.clone())
        .entry_point(live())
        .region(cn())
        .start_time(time(from))
        .end_time(time(to))
        .stream_name(stream(name))
        .build()
}

fn now_secs(server: &MockServer) -> u64 {
    server
        .now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("after 1970")
        .as_secs()
}

#[tokio::test]
async fn a_recording_task_runs_from_enable_to_disable_and_leaves_a_file_to_cut() {
    let (server, clock) = server().await;
    let client = server.client();
    let app = server.app_id().clone();
    let started = now_secs(&server);

    client.send(&enable(&app, "show68")).await.expect("enabled");
    // A second enable is a PUT of the same task: answered, nothing added.
    client
        .send(&enable(&app, "show68"))
        .await
        .expect("enabled again");
    clock.advance(Duration::from_secs(120));
    client
        .send(&disable(&app, "show68"))
        .await
        .expect("disabled");
    let again = client.send(&disable(&app, "show68")).await.unwrap_err();
    assert_eq!(status(&again), 404, "the task is gone: {again}");

    let ended = started + 120;
    let listed = client
        .send(&files(&app, "show68", started - 60, ended + 60))
        .await
        .expect("listed");
    assert_eq!(listed.list.len(), 1, "one file for one task: {listed:?}");
    let recorded = &listed.list[0];
    assert_eq!(
        recorded.file_name,
        format!("record/live/show68/{started}.m3u8")
    );
    assert_eq!(
        recorded.start_time,
        FlsTime::from_unix_seconds(started as i64)
            .expect("in range")
            .as_str()
    );
    assert_eq!(
        recorded.end_time,
        FlsTime::from_unix_seconds(ended as i64)
            .expect("in range")
            .as_str()
    );
    let before = client
        .send(&files(&app, "show68", started - 600, started - 60))
        .await
        .expect("listed");
    assert!(
        before.list.is_empty(),
        "nothing recorded before: {before:?}"
    );

    let clip = CreateRecordingClip::builder()
        .appid(app.clone())
        .entry_point(live())
        .region(cn())
        .stream_name(stream("show68"))
        .start_time(time(started + 10))
        .end_time(time(started + 70))
        .file_name(file("highlight.m3u8"))
        .build();
    client.send(&clip).await.expect("a clip of the recording");
    let twice = client.send(&clip).await.unwrap_err();
    assert_eq!(status(&twice), 400, "file names are unique: {twice}");

    let snapshot = |name: &str, moment: Option<FlsTime>| CreateRecordingSnapshot {
        appid: app.clone(),
        entry_point: live(),
        region: cn(),
        stream_name: stream(name),
        time: moment,
        file_name: file("cover.jpg"),
    };
    client
        .send(&snapshot("show68", None))
        .await
        .expect("a snapshot at the latest file's end");
    let unrecorded = client.send(&snapshot("other", None)).await.unwrap_err();
    assert_eq!(status(&unrecorded), 404, "no recording to take it from");
    let outside = client
        .send(&snapshot("show68", Some(time(started - 3_600))))
        .await
        .unwrap_err();
    assert_eq!(status(&outside), 404, "no recording covers that moment");
}

#[tokio::test]
async fn a_stream_is_enabled_only_while_its_entry_point_does_not_record_every_stream() {
    let (server, _clock) = server().await;
    let client = server.client();
    let app = server.app_id().clone();
    let config = SetStandardRecordingConfig::builder()
        .appid(app.clone())
        .entry_point(live())
        .region(cn())
        .mp4_config(FormatSwitch::on())
        .hls_config(FormatSwitch::off())
        .build();
    client.send(&config).await.expect("set");
    let got = client
        .send(
            &GetStandardRecordingConfig::builder()
                .appid(app.clone())
                .entry_point(live())
                .region(cn())
                .build(),
        )
        .await
        .expect("read");
    assert_eq!(got.mp4_config, Some(FormatSwitch::on()));
    assert_eq!(got.hls_config, Some(FormatSwitch::off()));

    // Setting a configuration records every stream: one by one is refused.
    let refused = client.send(&enable(&app, "show68")).await.unwrap_err();
    assert_eq!(status(&refused), 400, "{refused}");
    let off = SetStandardAutoRecording::builder()
        .appid(app.clone())
        .entry_point(live())
        .enabled(false)
        .build();
    client.send(&off).await.expect("turned off");
    client.send(&enable(&app, "show68")).await.expect("enabled");

    // Custom recording is a switch of its own.
    let custom_auto = SetCustomAutoRecording::builder()
        .appid(app.clone())
        .entry_point(live())
        .enabled(true)
        .build();
    client.send(&custom_auto).await.expect("custom on");
    let custom = EnableCustomStreamRecording::builder()
        .appid(app.clone())
        .entry_point(live())
        .region(cn())
        .stream_name(stream("show68"))
        .build();
    assert_eq!(status(&client.send(&custom).await.unwrap_err()), 400);
}

#[tokio::test]
async fn custom_recording_needs_a_storage_first_and_keeps_it() {
    let (server, _clock) = server().await;
    let client = server.client();
    let app = server.app_id().clone();
    let set = |storage: Option<FlsStorageConfig>| SetCustomRecordingConfig {
        appid: app.clone(),
        entry_point: live(),
        region: cn(),
        mp4_config: None,
        hls_config: Some(FormatSwitch::on()),
        storage_config: storage,
    };
    let first = client.send(&set(None)).await.unwrap_err();
    assert_eq!(status(&first), 400);
    assert!(first.to_string().contains("storageConfig"), "{first}");
    let storage = FlsStorageConfig::new(FlsStorageVendor::AmazonS3, 7, "vod", "ak", "s3cret");
    client
        .send(&set(Some(storage)))
        .await
        .expect("set with storage");
    client
        .send(&set(None))
        .await
        .expect("later, the storage is kept");
    let got = client
        .send(
            &GetCustomRecordingConfig::builder()
                .appid(app.clone())
                .entry_point(live())
                .region(cn())
                .build(),
        )
        .await
        .expect("read");
    let kept = got.storage_config.expect("a storage");
    assert_eq!(kept.vendor, Some(FlsStorageVendor::AmazonS3));
    assert_eq!(
        (kept.region, kept.bucket.as_deref()),
        (Some(7), Some("vod"))
    );
    assert_eq!(
        kept.secret_key.map(|s| s.expose().to_owned()).as_deref(),
        Some("s3cret")
    );
    let journal = format!("{:?}", server.journal());
    assert!(
        !journal.contains("s3cret"),
        "the journal redacts the secret key"
    );
}

#[tokio::test]
async fn snapshot_settings_start_at_agoras_defaults_and_read_back_as_set() {
    let (server, _clock) = server().await;
    let client = server.client();
    let app = server.app_id().clone();
    let get = GetStandardSnapshotConfig::builder()
        .appid(app.clone())
        .entry_point(live())
        .region(cn())
        .build();
    let fresh = client.send(&get).await.expect("read");
    assert!(!fresh.enabled);
    assert_eq!(
        (fresh.interval(), fresh.enable_moderation),
        (10, Some(false))
    );

    let set = agora_api::media_broadcast::SetStandardSnapshotConfig::builder()
        .appid(app.clone())
        .entry_point(live())
        .region(cn())
        .enabled(true)
        .snapshot_interval(SnapshotInterval::new(30).expect("an interval"))
        .build();
    client.send(&set).await.expect("set");
    let read = client.send(&get).await.expect("read");
    assert!(read.enabled);
    assert_eq!((read.interval(), read.enable_moderation), (30, Some(false)));

    let custom = SetCustomSnapshotConfig::builder()
        .appid(app.clone())
        .entry_point(live())
        .region(cn())
        .enabled(true)
        .enable_moderation(true)
        .storage_config(FlsStorageConfig::new(
            FlsStorageVendor::AlibabaCloud,
            3,
            "pics",
            "ak",
            "sk",
        ))
        .build();
    client.send(&custom).await.expect("custom set");
    let custom_read = client
        .send(
            &GetCustomSnapshotConfig::builder()
                .appid(app.clone())
                .entry_point(live())
                .region(cn())
                .build(),
        )
        .await
        .expect("read");
    assert_eq!(custom_read.enable_moderation, Some(true));
    assert_eq!(
        custom_read.storage_config.and_then(|s| s.bucket).as_deref(),
        Some("pics")
    );
    assert!(
        client.send(&get).await.expect("read").enabled,
        "standard unchanged"
    );
}

#[tokio::test]
async fn custom_transcoding_templates_are_created_once_updated_and_deleted() {
    let (server, _clock) = server().await;
    let client = server.client();
    let app = server.app_id().clone();
    let name = TranscodingTemplateName::new("mobile_360").expect("a name");
    let create = CreateCustomTranscodingTemplate::builder()
        .appid(app.clone())
        .entry_point(live())
        .name(name.clone())
        .width(0)
        .height(360)
        .video_codec(TranscodeVideoCodec::H264)
        .video_bitrate(800)
        .build();
    client.send(&create).await.expect("created");
    let taken = client.send(&create).await.unwrap_err();
    assert_eq!(status(&taken), 400, "{taken}");
    let list = ListCustomTranscodingTemplates::builder()
        .appid(app.clone())
        .entry_point(live())
        .build();
    let listed = client.send(&list).await.expect("listed");
    assert_eq!(listed.transcode_list.len(), 1);
    assert_eq!(listed.transcode_list[0].video_bitrate, Some(800));

    let update = UpdateCustomTranscodingTemplate::builder()
        .appid(app.clone())
        .entry_point(live())
        .name(name.clone())
        .width(640)
        .height(360)
        .video_bitrate(1200)
        .build();
    client.send(&update).await.expect("updated");
    let listed = client.send(&list).await.expect("listed");
    let template = &listed.transcode_list[0];
    assert_eq!((template.width, template.video_bitrate), (640, Some(1200)));
    assert_eq!(template.video_codec.as_deref(), Some("h264"), "kept");

    let delete = DeleteCustomTranscodingTemplate::builder()
        .appid(app.clone())
        .entry_point(live())
        .name(name.clone())
        .build();
    client.send(&delete).await.expect("deleted");
    assert_eq!(status(&client.send(&delete).await.unwrap_err()), 404);
    assert_eq!(status(&client.send(&update).await.unwrap_err()), 404);
    assert!(
        client
            .send(&list)
            .await
            .expect("listed")
            .transcode_list
            .is_empty()
    );

    for (template, enabled) in [
        (StandardTranscodingTemplate::Hd, true),
        (StandardTranscodingTemplate::Ld, false),
    ] {
        let set = SetStandardTranscodingTemplate::builder()
            .appid(app.clone())
            .entry_point(live())
            .name(template)
            .enabled(enabled)
            .build();
        client.send(&set).await.expect("set");
    }
    let standard = client
        .send(
            &ListStandardTranscodingTemplates::builder()
                .appid(app.clone())
                .entry_point(live())
                .build(),
        )
        .await
        .expect("listed");
    let names: Vec<(&str, bool)> = standard
        .transcode_list
        .iter()
        .map(|t| (t.name.as_str(), t.enabled))
        .collect();
    assert_eq!(
        names,
        [("ld", false), ("hd", true)],
        "in the documented order"
    );
}

#[tokio::test]
async fn watermarks_are_replaced_as_a_list_of_an_existing_entry_point() {
    let (server, _clock) = server().await;
    let client = server.client();
    let app = server.app_id().clone();
    let set = |entry_point: EntryPointName, marks: Vec<Watermark>| {
        CreateWatermarkTemplates::builder()
            .appid(app.clone())
            .entry_point(entry_point)
            .water_mark_set(marks)
            .build()
    };
    let logo =
        Watermark::new("https://cdn.example.com/{stream_name}.png", 10, 10, 120, 40).layered(2);
    client
        .send(&set(live(), vec![logo.clone(), logo.clone()]))
        .await
        .expect("set");
    client
        .send(&set(live(), vec![logo.clone()]))
        .await
        .expect("replaced");
    let list = |entry_point: EntryPointName| {
        ListWatermarkTemplates::builder()
            .appid(app.clone())
            .entry_point(entry_point)
            .build()
    };
    let listed = client.send(&list(live())).await.expect("listed");
    assert_eq!(listed.water_mark_set, vec![logo.clone()]);

    let nowhere = EntryPointName::new("nowhere").expect("a name");
    let missing = client.send(&list(nowhere.clone())).await.unwrap_err();
    assert_eq!(status(&missing), 404, "{missing}");
    assert_eq!(
        status(&client.send(&set(nowhere, vec![logo])).await.unwrap_err()),
        404
    );
}

#[tokio::test]
async fn an_undocumented_region_is_refused_and_only_hmac_signatures_are_accepted() {
    let (server, _clock) = server().await;
    let client = server.client();
    let app = server.app_id().clone();
    let odd = GetStandardRecordingConfig::builder()
        .appid(app.clone())
        .entry_point(live())
        .region(FlsRegion::from("mars"))
        .build();
    let error = client.send(&odd).await.unwrap_err();
    assert_eq!(status(&error), 400);
    assert!(error.to_string().contains("region"), "{error}");

    // Basic credentials are not enough for Media Broadcast.
    let basic_only = Client::builder()
        .base_urls(server.urls())
        .basic_auth(
            server.credentials().customer_id.clone(),
            server.credentials().customer_secret.clone(),
        )
        .build()
        .expect("a client");
    let list = ListWatermarkTemplates::builder()
        .appid(app.clone())
        .entry_point(live())
        .build();
    assert!(matches!(
        basic_only.send(&list).await,
        Err(Error::MissingCredentials { .. })
    ));
    let raw = Raw::new(&server);
    let path = format!(
        "/v1/projects/{}/fls/entry_points/live/settings/watermark",
        app.as_str()
    );
    let basic = raw
        .authorized(&[AuthScheme::BASIC], "GET", &path, None)
        .await;
    assert_eq!(basic.status, 401, "{}", basic.body);
    let signed = raw
        .authorized(&[AuthScheme::HMAC], "GET", &path, None)
        .await;
    assert_eq!(
        (signed.status, signed.body.clone()),
        (200, json!({ "waterMarkSet": [] }))
    );
    // A signature from another secret is refused.
    let forged = Client::builder()
        .base_urls(server.urls())
        .hmac_auth(server.credentials().customer_id.clone(), "not-the-secret")
        .build()
        .expect("a client");
    let refused = forged.send(&list).await.unwrap_err();
    assert_eq!(status(&refused), 401, "{refused}");
}
