//! Cloud Recording: every documented input rule is refused before any I/O
//! (the loopback server sees nothing, the error names the wire field and
//! the rule); the documented response shapes of every mode decode (string
//! or list `fileList`, extension service payloads by `serviceName`,
//! upload status, unknown values); both spellings of the exclusion lists
//! decode and the reference one is sent; every official example body, and
//! the Postman collection's mix-mode bodies, survive a typed round trip;
//! the session lifecycle runs on the wire; state-changing calls are not
//! idempotent; secrets stay out of `Debug`.

use std::path::{Path, PathBuf};

use agora_api::cloud_recording::{
    Acquire, AcquireClientRequest, AlibabaCloudRegion, AmazonS3Region, AudioProfile, AudioUidList,
    AvFileType, ChannelType, DecryptionMode, ErrorHandlePolicy, ExtensionService,
    ExtensionServiceConfig, ExtensionServiceState, FileList, FileListMode, GetNcsIps, LayoutRegion,
    MixedVideoLayout, NcsIps, PublishStatus, QueriedRecording, Query, RecordingConfig,
    RecordingMode, RecordingSession, RecordingStatus, ResourceId, RtmpOutput, RtmpPublishUpdate,
    Scene, ServiceParam, ServiceState, Sid, SnapshotConfig, Start, StartClientRequest, Stop,
    StopClientRequest, StoppedRecording, StorageConfig, StorageExtensionParams, StorageVendor,
    StreamSubscribe, StreamTypes, SubscribeUidGroup, TrackType, TranscodingConfig, Update,
    UpdateClientRequest, UpdateLayout, UpdateLayoutClientRequest, UploadingStatus, UserBackground,
    VideoUidList, WebRecorderParam,
};
use agora_api::{AppId, ChannelName, Client, Endpoint, Error, UidString};
use agora_tests::examples::cloud_recording::{
    CHANNEL, RECORDER_UID, documented_start_request, resource_id, sid,
};
use agora_tests::examples::placeholder_app_id;
use agora_tests::{LocalServer, Reply, basic_client, spec_entry};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

// ---------------------------------------------------------------------------
// Builders.

fn channel() -> ChannelName {
    ChannelName::new(CHANNEL).expect("a valid channel name")
}

fn recorder() -> UidString {
    UidString::new(RECORDER_UID).expect("a valid uid")
}

fn uids(list: &[&str]) -> Vec<String> {
    list.iter().map(|uid| (*uid).to_owned()).collect()
}

fn start_with(mode: RecordingMode, client_request: StartClientRequest) -> Start {
    Start::builder()
        .appid(placeholder_app_id())
        .resource_id(resource_id())
        .mode(mode)
        .cname(channel())
        .uid(recorder())
        .client_request(client_request)
        .build()
}

fn update_with(client_request: UpdateClientRequest) -> Update {
    Update::builder()
        .appid(placeholder_app_id())
        .resource_id(resource_id())
        .sid(sid())
        .mode(RecordingMode::Individual)
        .cname(channel())
        .uid(recorder())
        .client_request(client_request)
        .build()
}

fn update_layout_with(client_request: UpdateLayoutClientRequest) -> UpdateLayout {
    UpdateLayout::builder()
        .appid(placeholder_app_id())
        .resource_id(resource_id())
        .sid(sid())
        .cname(channel())
        .uid(recorder())
        .client_request(client_request)
        .build()
}

fn storage() -> StorageConfig {
    StorageConfig::alibaba_cloud(AlibabaCloudRegion::CnBeijing, "bucket", "access", "secret")
}

/// A start request whose `recordingConfig` is `config`.
fn recording(config: RecordingConfig) -> StartClientRequest {
    StartClientRequest {
        recording_config: Some(config),
        ..StartClientRequest::new(storage())
    }
}

fn live() -> RecordingConfig {
    RecordingConfig::new(ChannelType::LiveBroadcasting)
}

fn web_recorder() -> WebRecorderParam {
    WebRecorderParam::new(
        "https://example.com/class",
        AudioProfile::MusicStandard,
        1280,
        720,
        3,
    )
}

/// A web-mode start request recording `param`.
fn web(param: WebRecorderParam) -> StartClientRequest {
    StartClientRequest {
        extension_service_config: Some(ExtensionServiceConfig::new(vec![
            ExtensionService::web_recorder(param),
        ])),
        ..StartClientRequest::new(storage())
    }
}

fn transcoding(config: TranscodingConfig) -> StartClientRequest {
    recording(RecordingConfig {
        transcoding_config: Some(config),
        ..live()
    })
}

fn region(x: f64, y: f64) -> LayoutRegion {
    LayoutRegion::new(x, y, 0.25, 0.25)
}

// ---------------------------------------------------------------------------
// Input rules, refused before any I/O.

/// Sends every case to a server that would accept anything, and checks
/// each is refused naming `field` and a rule containing `rule`, and that
/// nothing reached the server.
async fn assert_all_rejected<E: Endpoint>(cases: Vec<(&str, &str, E)>) {
    let server = LocalServer::replying(Reply::json(200, "{}")).await;
    let client = basic_client(&server.url());
    for (field, rule, endpoint) in cases {
        match client.send(&endpoint).await {
            Err(Error::InvalidInput(input)) => {
                assert_eq!(input.field(), field, "the field of: {input}");
                assert!(
                    input.rule().contains(rule),
                    "{field}: expected a rule with {rule:?}, got {:?}",
                    input.rule()
                );
            }
            Err(other) => panic!("{field}: expected invalid input, got {other}"),
            Ok(_) => panic!("{field}: expected {rule:?} to be refused, it was sent"),
        }
    }
    assert!(
        server.requests().is_empty(),
        "nothing reaches the server: {:?}",
        server.requests()
    );
}

/// Prepares every case and checks it passes validation (the boundaries of
/// each range are inside it).
fn assert_all_accepted<E: Endpoint>(cases: Vec<(&str, E)>) {
    let client = basic_client("https://api.sd-rtn.com");
    for (what, endpoint) in cases {
        if let Err(error) = client.prepare(&endpoint) {
            panic!("{what} should be accepted: {error}");
        }
    }
}

#[tokio::test]
async fn acquire_ranges_and_its_start_parameter_are_checked_before_sending() {
    let acquire = |client_request| {
        Acquire::builder()
            .appid(placeholder_app_id())
            .cname(channel())
            .uid(recorder())
            .client_request(client_request)
            .build()
    };
    let bad_prefix = StartClientRequest::new(StorageConfig {
        file_name_prefix: Some(uids(&["dir-1"])),
        ..storage()
    });
    assert_all_rejected(vec![
        (
            "clientRequest.resourceExpiredHour",
            "must be from 1 to 720 hours (got 0)",
            acquire(AcquireClientRequest {
                resource_expired_hour: Some(0),
                ..AcquireClientRequest::default()
            }),
        ),
        (
            "clientRequest.startParameter.storageConfig.fileNamePrefix",
            "\"dir-1\" must be non-empty ASCII letters and digits",
            acquire(AcquireClientRequest {
                start_parameter: Some(bad_prefix),
                ..AcquireClientRequest::default()
            }),
        ),
        (
            "clientRequest.startParameter.recordingConfig.maxIdleTime",
            "must be from 5 to 2592000 seconds (got 4)",
            acquire(AcquireClientRequest {
                start_parameter: Some(recording(RecordingConfig {
                    max_idle_time: Some(4),
                    ..live()
                })),
                ..AcquireClientRequest::default()
            }),
        ),
    ])
    .await;
    assert_all_accepted(vec![
        (
            "1 hour",
            acquire(AcquireClientRequest {
                resource_expired_hour: Some(1),
                ..AcquireClientRequest::default()
            }),
        ),
        (
            "720 hours",
            acquire(AcquireClientRequest {
                resource_expired_hour: Some(720),
                scene: Some(Scene::Web),
                ..AcquireClientRequest::default()
            }),
        ),
    ]);
}

#[tokio::test]
async fn recording_config_rules_are_checked_before_sending() {
    let start = |config| start_with(RecordingMode::Individual, recording(config));
    let salt_16_bytes = "AAAAAAAAAAAAAAAAAAAAAA==".to_owned();
    let thirty_three: Vec<String> = (1..=33).map(|uid| uid.to_string()).collect();
    assert_all_rejected(vec![
        (
            "clientRequest.recordingConfig.maxIdleTime",
            "must be from 5 to 2592000 seconds (got 2592001)",
            start(RecordingConfig {
                max_idle_time: Some(2_592_001),
                ..live()
            }),
        ),
        (
            "clientRequest.recordingConfig.subscribeUidGroup",
            "must be from 0 to 5 (got 6)",
            start(RecordingConfig {
                subscribe_uid_group: Some(SubscribeUidGroup::Other(6)),
                ..live()
            }),
        ),
        (
            "clientRequest.recordingConfig.secret",
            "is required when decryptionMode is not 0 (got 1)",
            start(RecordingConfig {
                decryption_mode: Some(DecryptionMode::Aes128Xts),
                ..live()
            }),
        ),
        (
            "clientRequest.recordingConfig.salt",
            "is required when decryptionMode is 7 or 8 (got 7)",
            start(RecordingConfig {
                decryption_mode: Some(DecryptionMode::Aes128Gcm2),
                secret: Some("key".into()),
                ..live()
            }),
        ),
        (
            "clientRequest.recordingConfig.salt",
            "is required when decryptionMode is 7 or 8 (got 8)",
            start(RecordingConfig {
                decryption_mode: Some(DecryptionMode::Aes256Gcm2),
                secret: Some("key".into()),
                ..live()
            }),
        ),
        (
            "clientRequest.recordingConfig.salt",
            "must be Base64 of 32 bytes (got 16 bytes)",
            start(RecordingConfig {
                decryption_mode: Some(DecryptionMode::Aes256Gcm2),
                secret: Some("key".into()),
                salt: Some(salt_16_bytes),
                ..live()
            }),
        ),
        (
            "clientRequest.recordingConfig.unsubscribeAudioUids",
            "cannot be set together with subscribeAudioUids",
            start(RecordingConfig {
                subscribe_audio_uids: Some(uids(&["1"])),
                unsubscribe_audio_uids: Some(uids(&["2"])),
                ..live()
            }),
        ),
        (
            "clientRequest.recordingConfig.unsubscribeVideoUids",
            "cannot be set together with subscribeVideoUids",
            start(RecordingConfig {
                subscribe_video_uids: Some(uids(&["1"])),
                unsubscribe_video_uids: Some(uids(&["2"])),
                ..live()
            }),
        ),
        (
            "clientRequest.recordingConfig.subscribeVideoUids",
            "must hold at most 32 UIDs (got 33)",
            start(RecordingConfig {
                subscribe_video_uids: Some(thirty_three),
                ..live()
            }),
        ),
        (
            "clientRequest.recordingConfig.subscribeAudioUids",
            "\"alice\" is not an integer UID from 1 to 4294967295 or \"#allstream#\"",
            start(RecordingConfig {
                subscribe_audio_uids: Some(uids(&["123", "alice"])),
                ..live()
            }),
        ),
        (
            "clientRequest.recordingConfig.unsubscribeAudioUids",
            "\"#allstream#\" is not an integer UID from 1 to 4294967295",
            start(RecordingConfig {
                unsubscribe_audio_uids: Some(uids(&["#allstream#"])),
                ..live()
            }),
        ),
        (
            "clientRequest.recordingConfig.unsubscribeVideoUids",
            "\"0\" is not an integer UID",
            start(RecordingConfig {
                unsubscribe_video_uids: Some(uids(&["0"])),
                ..live()
            }),
        ),
    ])
    .await;

    let thirty_two: Vec<String> = (1..=32).map(|uid| uid.to_string()).collect();
    let salt_32_bytes = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=".to_owned();
    assert_all_accepted(vec![
        (
            "5 seconds idle",
            start(RecordingConfig {
                max_idle_time: Some(5),
                ..live()
            }),
        ),
        (
            "30 days idle",
            start(RecordingConfig {
                max_idle_time: Some(2_592_000),
                ..live()
            }),
        ),
        (
            "group 5",
            start(RecordingConfig {
                subscribe_uid_group: Some(SubscribeUidGroup::UpTo49),
                ..live()
            }),
        ),
        (
            "32 UIDs and everyone's audio",
            start(RecordingConfig {
                subscribe_video_uids: Some(thirty_two),
                subscribe_audio_uids: Some(uids(&["#allstream#"])),
                ..live()
            }),
        ),
        (
            "GCM2 with a 32-byte salt",
            start(RecordingConfig {
                decryption_mode: Some(DecryptionMode::Aes128Gcm2),
                secret: Some("key".into()),
                salt: Some(salt_32_bytes),
                ..live()
            }),
        ),
        (
            "audio excluded, video subscribed",
            start(RecordingConfig {
                unsubscribe_audio_uids: Some(uids(&["4294967295"])),
                subscribe_video_uids: Some(uids(&["1"])),
                ..live()
            }),
        ),
    ]);
}

#[tokio::test]
async fn transcoding_and_layout_rules_are_checked_before_sending() {
    let start = |request| start_with(RecordingMode::Mix, request);
    let eighteen: Vec<LayoutRegion> = (0..18).map(|_| region(0.0, 0.0)).collect();
    let mut out_of_canvas = region(0.5, 0.5);
    out_of_canvas.x_axis = 1.5;
    let mut transparent_below_zero = region(0.5, 0.5);
    transparent_below_zero.alpha = Some(-0.1);
    let mut not_a_number = region(0.5, 0.5);
    not_a_number.height = f64::NAN;
    assert_all_rejected(vec![
        (
            "clientRequest.recordingConfig.transcodingConfig.width",
            "width × height must be at most 1920 × 1080 (2073600 pixels); got 1920 × 1081",
            start(transcoding(TranscodingConfig {
                width: Some(1920),
                height: Some(1081),
                ..TranscodingConfig::default()
            })),
        ),
        (
            "clientRequest.recordingConfig.transcodingConfig.width",
            "got 4000 × 640",
            start(transcoding(TranscodingConfig {
                width: Some(4000),
                ..TranscodingConfig::default()
            })),
        ),
        (
            "clientRequest.recordingConfig.transcodingConfig.layoutConfig",
            "must hold at most 17 regions (got 18)",
            start(transcoding(TranscodingConfig {
                mixed_video_layout: Some(MixedVideoLayout::Custom),
                layout_config: Some(eighteen.clone()),
                ..TranscodingConfig::default()
            })),
        ),
        (
            "clientRequest.recordingConfig.transcodingConfig.layoutConfig[0].x_axis",
            "must be a relative value from 0 to 1 (got 1.5)",
            start(transcoding(TranscodingConfig {
                layout_config: Some(vec![out_of_canvas.clone()]),
                ..TranscodingConfig::default()
            })),
        ),
        (
            "clientRequest.recordingConfig.transcodingConfig.maxResolutionUid",
            "is required when mixedVideoLayout is 2 (vertical)",
            start(transcoding(TranscodingConfig {
                mixed_video_layout: Some(MixedVideoLayout::Vertical),
                ..TranscodingConfig::default()
            })),
        ),
        (
            "clientRequest.recordingConfig.transcodingConfig.backgroundColor",
            "must be an RGB hex colour such as \"#FF0000\" (got \"red\")",
            start(transcoding(TranscodingConfig {
                background_color: Some("red".to_owned()),
                ..TranscodingConfig::default()
            })),
        ),
    ])
    .await;

    assert_all_rejected(vec![
        (
            "clientRequest.layoutConfig",
            "must hold at most 17 regions (got 18)",
            update_layout_with(UpdateLayoutClientRequest {
                mixed_video_layout: Some(MixedVideoLayout::Custom),
                layout_config: Some(eighteen),
                ..UpdateLayoutClientRequest::default()
            }),
        ),
        (
            "clientRequest.layoutConfig[1].x_axis",
            "got 1.5",
            update_layout_with(UpdateLayoutClientRequest {
                layout_config: Some(vec![region(0.0, 0.0), out_of_canvas]),
                ..UpdateLayoutClientRequest::default()
            }),
        ),
        (
            "clientRequest.layoutConfig[0].alpha",
            "got -0.1",
            update_layout_with(UpdateLayoutClientRequest {
                layout_config: Some(vec![transparent_below_zero]),
                ..UpdateLayoutClientRequest::default()
            }),
        ),
        (
            "clientRequest.layoutConfig[0].height",
            "got NaN",
            update_layout_with(UpdateLayoutClientRequest {
                layout_config: Some(vec![not_a_number]),
                ..UpdateLayoutClientRequest::default()
            }),
        ),
        (
            "clientRequest.maxResolutionUid",
            "is required when mixedVideoLayout is 2 (vertical)",
            update_layout_with(UpdateLayoutClientRequest {
                mixed_video_layout: Some(MixedVideoLayout::Vertical),
                ..UpdateLayoutClientRequest::default()
            }),
        ),
        (
            "clientRequest.backgroundColor",
            "(got \"#FF00\")",
            update_layout_with(UpdateLayoutClientRequest {
                background_color: Some("#FF00".to_owned()),
                ..UpdateLayoutClientRequest::default()
            }),
        ),
        (
            "clientRequest.backgroundConfig[0].image_url",
            "must be an HTTPS URL",
            update_layout_with(UpdateLayoutClientRequest {
                background_config: Some(vec![UserBackground::new(
                    UidString::new(7).expect("a valid uid"),
                    "http://example.com/away.jpg",
                )]),
                ..UpdateLayoutClientRequest::default()
            }),
        ),
    ])
    .await;

    let seventeen: Vec<LayoutRegion> = (0..17).map(|_| region(0.75, 0.75)).collect();
    let mut corners = region(1.0, 1.0);
    corners.width = 0.0;
    corners.alpha = Some(0.0);
    assert_all_accepted(vec![
        (
            "1920 × 1080",
            start(transcoding(TranscodingConfig {
                width: Some(1920),
                height: Some(1080),
                ..TranscodingConfig::default()
            })),
        ),
        (
            "portrait 1080 × 1920",
            start(transcoding(TranscodingConfig {
                width: Some(1080),
                height: Some(1920),
                ..TranscodingConfig::default()
            })),
        ),
        (
            "17 regions, vertical with its UID",
            start(transcoding(TranscodingConfig {
                mixed_video_layout: Some(MixedVideoLayout::Vertical),
                max_resolution_uid: Some(UidString::new(1).expect("a valid uid")),
                layout_config: Some(seventeen),
                background_color: Some("#00ff7F".to_owned()),
                ..TranscodingConfig::default()
            })),
        ),
    ]);
    assert_all_accepted(vec![(
        "regions on the canvas's edges",
        update_layout_with(UpdateLayoutClientRequest {
            layout_config: Some(vec![region(0.0, 0.0), corners]),
            background_config: Some(vec![UserBackground::new(
                UidString::new(7).expect("a valid uid"),
                "HTTPS://example.com/away.jpg",
            )]),
            ..UpdateLayoutClientRequest::default()
        }),
    )]);
}

#[tokio::test]
async fn storage_file_and_snapshot_rules_are_checked_before_sending() {
    let start = |request| start_with(RecordingMode::Individual, request);
    let with_storage = |storage| StartClientRequest::new(storage);
    let long_prefix = vec!["a".repeat(64), "b".repeat(63)]; // 129 with the slashes
    let snapshot = |interval, config: RecordingConfig| StartClientRequest {
        snapshot_config: Some(SnapshotConfig {
            capture_interval: interval,
            ..SnapshotConfig::default()
        }),
        recording_config: Some(config),
        ..StartClientRequest::new(storage())
    };
    assert_all_rejected(vec![
        (
            "clientRequest.storageConfig.fileNamePrefix",
            "must be at most 128 characters with the slashes (got 129)",
            start(with_storage(StorageConfig {
                file_name_prefix: Some(long_prefix),
                ..storage()
            })),
        ),
        (
            "clientRequest.storageConfig.fileNamePrefix",
            "directory \"\" must be non-empty",
            start(with_storage(StorageConfig {
                file_name_prefix: Some(uids(&["a", ""])),
                ..storage()
            })),
        ),
        (
            "clientRequest.storageConfig.extensionParams.endpoint",
            "is required when vendor is 11 (S3-compatible storage)",
            start(with_storage(StorageConfig::new(
                StorageVendor::S3Compatible,
                0,
                "bucket",
                "access",
                "secret",
            ))),
        ),
        (
            "clientRequest.storageConfig.stsToken",
            "is supported only for Amazon S3 (1), Alibaba Cloud (2) and Tencent Cloud (3), not vendor 5",
            start(with_storage(StorageConfig {
                sts_token: Some("sts".into()),
                ..StorageConfig::microsoft_azure("container", "account", "key")
            })),
        ),
        (
            "clientRequest.recordingFileConfig.avFileType",
            "must include \"hls\" with \"mp4\"",
            start(StartClientRequest {
                recording_file_config: Some(agora_api::cloud_recording::RecordingFileConfig {
                    av_file_type: Some(vec![AvFileType::Mp4]),
                }),
                ..StartClientRequest::new(storage())
            }),
        ),
        (
            "clientRequest.snapshotConfig.captureInterval",
            "must be from 5 to 3600 seconds (got 4)",
            start(snapshot(Some(4), live())),
        ),
        (
            "clientRequest.snapshotConfig.captureInterval",
            "must be from 5 to 3600 seconds (got 3601)",
            start(snapshot(Some(3601), live())),
        ),
        (
            "clientRequest.snapshotConfig.fileType",
            "must not be empty",
            start(StartClientRequest {
                snapshot_config: Some(SnapshotConfig {
                    capture_interval: None,
                    file_type: Vec::new(),
                }),
                ..StartClientRequest::new(storage())
            }),
        ),
        (
            "clientRequest.recordingConfig.streamTypes",
            "must be 1 (video) or 2 (audio and video) when snapshotConfig is set",
            start(snapshot(
                None,
                RecordingConfig {
                    stream_types: Some(StreamTypes::Audio),
                    ..live()
                },
            )),
        ),
        (
            "clientRequest.recordingConfig.subscribeVideoUids",
            "must be set when snapshotConfig and subscribeAudioUids are",
            start(snapshot(
                None,
                RecordingConfig {
                    subscribe_audio_uids: Some(uids(&["1"])),
                    ..live()
                },
            )),
        ),
    ])
    .await;

    assert_all_accepted(vec![
        (
            "128 characters of prefix",
            start(with_storage(StorageConfig {
                file_name_prefix: Some(vec!["a".repeat(64), "b".repeat(62)]),
                ..storage()
            })),
        ),
        (
            "S3-compatible storage with its endpoint",
            start(with_storage(StorageConfig::s3_compatible(
                "s3.example.com",
                0,
                "bucket",
                "access",
                "secret",
            ))),
        ),
        (
            "an STS token on Amazon S3",
            start(with_storage(StorageConfig {
                sts_token: Some("sts".into()),
                sts_expiration: Some(1_900_000_000),
                extension_params: Some(StorageExtensionParams::new("kms", "tag")),
                ..StorageConfig::amazon_s3(AmazonS3Region::UsEast1, "b", "a", "s")
            })),
        ),
        (
            "screenshots every 5 seconds of video",
            start(snapshot(
                Some(5),
                RecordingConfig {
                    stream_types: Some(StreamTypes::Video),
                    subscribe_audio_uids: Some(uids(&["1"])),
                    subscribe_video_uids: Some(uids(&["1"])),
                    ..live()
                },
            )),
        ),
        (
            "screenshots every hour",
            start(snapshot(Some(3600), live())),
        ),
    ]);
}

#[tokio::test]
async fn web_page_recording_rules_are_checked_before_sending() {
    let start = |request| start_with(RecordingMode::Web, request);
    let with = |change: fn(&mut WebRecorderParam)| {
        let mut param = web_recorder();
        change(&mut param);
        start(web(param))
    };
    let at = "clientRequest.extensionServiceConfig.extensionServices[0].serviceParam";
    let field = |name: &str| format!("{at}.{name}");
    let cdn = |outputs| StartClientRequest {
        extension_service_config: Some(ExtensionServiceConfig::new(vec![
            ExtensionService::web_recorder(web_recorder()),
            ExtensionService::rtmp_publish(outputs),
        ])),
        ..StartClientRequest::new(storage())
    };
    let fields: Vec<String> = [
        "maxRecordingHour",
        "maxRecordingHour",
        "videoFps",
        "videoFps",
        "maxVideoDuration",
        "maxVideoDuration",
        "readyTimeout",
        "videoWidth",
        "audioProfile",
    ]
    .iter()
    .map(|name| field(name))
    .collect();
    assert_all_rejected(vec![
        (
            fields[0].as_str(),
            "must be from 1 to 720 hours (got 0)",
            with(|p| p.max_recording_hour = 0),
        ),
        (
            fields[1].as_str(),
            "(got 721)",
            with(|p| p.max_recording_hour = 721),
        ),
        (
            fields[2].as_str(),
            "must be from 5 to 60 fps (got 4)",
            with(|p| p.video_fps = Some(4)),
        ),
        (
            fields[3].as_str(),
            "(got 61)",
            with(|p| p.video_fps = Some(61)),
        ),
        (
            fields[4].as_str(),
            "must be from 30 to 240 minutes (got 29)",
            with(|p| p.max_video_duration = Some(29)),
        ),
        (
            fields[5].as_str(),
            "(got 241)",
            with(|p| p.max_video_duration = Some(241)),
        ),
        (
            fields[6].as_str(),
            "must be from 0 to 60 seconds (got 61)",
            with(|p| p.ready_timeout = Some(61)),
        ),
        (
            fields[7].as_str(),
            "videoWidth × videoHeight must be at most 1920 × 1080 (2073600 pixels); got 1920 × 1200",
            with(|p| {
                p.video_width = 1920;
                p.video_height = 1200;
            }),
        ),
        (
            fields[8].as_str(),
            "must be 0, 1 or 2 (got 3)",
            with(|p| p.audio_profile = AudioProfile::Other(3)),
        ),
        (
            "clientRequest.extensionServiceConfig.extensionServices[1].serviceParam.outputs",
            "must hold at most one CDN address",
            start(cdn(vec![
                RtmpOutput::new("rtmp://a.example.com/live/1"),
                RtmpOutput::new("rtmp://b.example.com/live/1"),
            ])),
        ),
        (
            "clientRequest.extensionServiceConfig.extensionServices[1].serviceParam.outputs[0].rtmpUrl",
            "must be an rtmp:// or rtmps:// URL",
            start(cdn(vec![RtmpOutput::new("https://cdn.example.com/live")])),
        ),
        (
            "clientRequest.extensionServiceConfig.errorHandlePolicy",
            "only \"error_abort\" is supported",
            start(StartClientRequest {
                extension_service_config: Some(ExtensionServiceConfig {
                    error_handle_policy: Some(ErrorHandlePolicy::ErrorIgnore),
                    ..ExtensionServiceConfig::new(vec![ExtensionService::web_recorder(
                        web_recorder(),
                    )])
                }),
                ..StartClientRequest::new(storage())
            }),
        ),
    ])
    .await;

    assert_all_accepted(vec![
        (
            "the lower bounds",
            with(|p| {
                p.max_recording_hour = 1;
                p.video_fps = Some(5);
                p.max_video_duration = Some(30);
                p.ready_timeout = Some(0);
            }),
        ),
        (
            "the upper bounds",
            with(|p| {
                p.max_recording_hour = 720;
                p.video_fps = Some(60);
                p.max_video_duration = Some(240);
                p.ready_timeout = Some(60);
                p.video_width = 1080;
                p.video_height = 1920;
            }),
        ),
        (
            "one rtmps:// output",
            start(cdn(vec![RtmpOutput::new("RTMPS://cdn.example.com/live")])),
        ),
    ]);
}

#[tokio::test]
async fn update_rules_are_checked_before_sending() {
    assert_all_rejected(vec![
        (
            "clientRequest.streamSubscribe.audioUidList.unsubscribeAudioUids",
            "cannot be set together with subscribeAudioUids",
            update_with(UpdateClientRequest {
                stream_subscribe: Some(StreamSubscribe {
                    audio_uid_list: Some(AudioUidList {
                        subscribe_audio_uids: Some(uids(&["#allstream#"])),
                        unsubscribe_audio_uids: Some(uids(&["1"])),
                    }),
                    video_uid_list: None,
                }),
                ..UpdateClientRequest::default()
            }),
        ),
        (
            "clientRequest.streamSubscribe.videoUidList.unsubscribeVideoUids",
            "must hold at most 32 UIDs (got 40)",
            update_with(UpdateClientRequest {
                stream_subscribe: Some(StreamSubscribe {
                    audio_uid_list: None,
                    video_uid_list: Some(VideoUidList {
                        subscribe_video_uids: None,
                        unsubscribe_video_uids: Some((1..=40).map(|u| u.to_string()).collect()),
                    }),
                }),
                ..UpdateClientRequest::default()
            }),
        ),
        (
            "clientRequest.rtmpPublishConfig.outputs",
            "must hold at most one CDN address",
            update_with(UpdateClientRequest {
                rtmp_publish_config: Some(RtmpPublishUpdate {
                    outputs: Some(vec![
                        RtmpOutput::new("rtmp://a"),
                        RtmpOutput::new("rtmp://b"),
                    ]),
                }),
                ..UpdateClientRequest::default()
            }),
        ),
        (
            "clientRequest.storageConfig.stsToken",
            "not vendor 6",
            update_with(UpdateClientRequest {
                storage_config: Some(StorageConfig {
                    sts_token: Some("sts".into()),
                    ..StorageConfig::google_cloud("bucket", "access", "secret")
                }),
                ..UpdateClientRequest::default()
            }),
        ),
    ])
    .await;
}

#[tokio::test]
async fn a_mode_outside_the_documented_ones_must_still_be_one_path_word() {
    let query = |mode| {
        Query::builder()
            .appid(placeholder_app_id())
            .resource_id(resource_id())
            .sid(sid())
            .mode(mode)
            .build()
    };
    assert_all_rejected(vec![
        (
            "mode",
            "must be individual, mix or web (got \"\")",
            query(RecordingMode::Other(String::new())),
        ),
        (
            "mode",
            "(got \"mix/../web\")",
            query(RecordingMode::Other("mix/../web".to_owned())),
        ),
    ])
    .await;
    // A mode Agora adds later can be sent as it is.
    let request = basic_client("https://api.sd-rtn.com")
        .prepare(&query(RecordingMode::Other("audio2025".to_owned())))
        .expect("a plain word is accepted");
    assert!(request.url().path().ends_with("/mode/audio2025/query"));
}

#[test]
fn resource_ids_and_sids_are_checked_when_made_and_decoded() {
    assert_eq!(
        ResourceId::new("").expect_err("empty").to_string(),
        "invalid `resourceid`: must not be empty"
    );
    assert_eq!(
        Sid::new("38f8 e3c").expect_err("a space").to_string(),
        "invalid `sid`: must not contain whitespace or control characters"
    );
    assert!(serde_json::from_str::<Sid>(r#""""#).is_err());
    let id: ResourceId = serde_json::from_str(r#""JyvK8nXHuV1BE""#).expect("decodes");
    assert_eq!(id, "JyvK8nXHuV1BE");
}

#[test]
fn path_segments_are_percent_encoded_and_update_layout_is_always_mix() {
    let client = basic_client("https://api.sd-rtn.com");
    let query = Query::builder()
        .appid(placeholder_app_id())
        .resource_id(ResourceId::new("a/b?c#d").expect("no whitespace"))
        .sid(sid())
        .mode(RecordingMode::Web)
        .build();
    let request = client.prepare(&query).expect("a request");
    assert_eq!(
        request.url().path(),
        "/v1/apps/0123456789abcdef0123456789abcdef/cloud_recording/resourceid/a%2Fb%3Fc%23d/sid/SID/mode/web/query"
    );
    for (mode, segment) in [
        (RecordingMode::Individual, "individual"),
        (RecordingMode::Mix, "mix"),
        (RecordingMode::Web, "web"),
    ] {
        let stop = Stop::builder()
            .appid(placeholder_app_id())
            .resource_id(resource_id())
            .sid(sid())
            .mode(mode)
            .cname(channel())
            .uid(recorder())
            .client_request(StopClientRequest::default())
            .build();
        let request = client.prepare(&stop).expect("a request");
        assert!(
            request
                .url()
                .path()
                .ends_with(&format!("/mode/{segment}/stop"))
        );
    }
    assert_eq!(
        <UpdateLayout as Endpoint>::PATH,
        "/v1/apps/{appid}/cloud_recording/resourceid/{resourceid}/sid/{sid}/mode/mix/updateLayout"
    );
}

// ---------------------------------------------------------------------------
// Idempotency and secrets.

#[test]
fn only_the_reads_are_idempotent() {
    // A retry may re-send only what is idempotent: acquire would reserve a
    // second resource, start/stop would fail with codes 7/49 and hide the
    // first answer, update and updateLayout depend on when they land.
    let idempotent = [
        ("Acquire", <Acquire as Endpoint>::IDEMPOTENT),
        ("Start", <Start as Endpoint>::IDEMPOTENT),
        ("Query", <Query as Endpoint>::IDEMPOTENT),
        ("Update", <Update as Endpoint>::IDEMPOTENT),
        ("UpdateLayout", <UpdateLayout as Endpoint>::IDEMPOTENT),
        ("Stop", <Stop as Endpoint>::IDEMPOTENT),
        ("GetNcsIps", <GetNcsIps as Endpoint>::IDEMPOTENT),
    ];
    assert_eq!(
        idempotent,
        [
            ("Acquire", false),
            ("Start", false),
            ("Query", true),
            ("Update", false),
            ("UpdateLayout", false),
            ("Stop", false),
            ("GetNcsIps", true),
        ]
    );
    assert_eq!(<Query as Endpoint>::METHOD, "GET");
    assert_eq!(<GetNcsIps as Endpoint>::METHOD, "GET");
}

#[test]
fn tokens_storage_keys_and_decryption_keys_stay_out_of_debug_but_are_sent() {
    let start = start_with(
        RecordingMode::Mix,
        StartClientRequest {
            token: Some("007rtcTOKENvalue".into()),
            recording_config: Some(RecordingConfig {
                decryption_mode: Some(DecryptionMode::Aes128Gcm),
                secret: Some("channel-KEY-value".into()),
                ..live()
            }),
            ..StartClientRequest::new(StorageConfig {
                sts_token: Some("sts-TOKEN-value".into()),
                ..StorageConfig::amazon_s3(
                    AmazonS3Region::UsWest2,
                    "bucket",
                    "AKIAEXAMPLE",
                    "storage-SECRET-value",
                )
            })
        },
    );
    let debug = format!("{start:?}");
    for secret in [
        "007rtcTOKENvalue",
        "channel-KEY-value",
        "sts-TOKEN-value",
        "storage-SECRET-value",
    ] {
        assert!(!debug.contains(secret), "Debug leaks {secret}: {debug}");
    }
    assert!(debug.contains("AKIAEXAMPLE"), "the access key is no secret");
    let request = basic_client("https://api.sd-rtn.com")
        .prepare(&start)
        .expect("a request");
    let body: Value =
        serde_json::from_slice(request.body().and_then(|b| b.as_bytes()).expect("a body"))
            .expect("JSON");
    let client_request = &body["clientRequest"];
    assert_eq!(client_request["token"], "007rtcTOKENvalue");
    assert_eq!(
        client_request["recordingConfig"]["secret"],
        "channel-KEY-value"
    );
    assert_eq!(
        client_request["storageConfig"]["stsToken"],
        "sts-TOKEN-value"
    );
    assert_eq!(
        client_request["storageConfig"]["secretKey"],
        "storage-SECRET-value"
    );
    assert_eq!(client_request["storageConfig"]["region"], 3);
}

// ---------------------------------------------------------------------------
// Spellings.

#[test]
fn both_spellings_of_the_exclusion_lists_decode_and_the_reference_one_is_sent() {
    let guide: RecordingConfig = serde_json::from_value(json!({
        "channelType": 0,
        "unSubscribeAudioUids": ["1"],
        "unSubscribeVideoUids": ["2"],
    }))
    .expect("the guides' spelling decodes");
    assert_eq!(guide.unsubscribe_audio_uids, Some(uids(&["1"])));
    assert_eq!(guide.unsubscribe_video_uids, Some(uids(&["2"])));
    let sent = serde_json::to_value(&guide).expect("encodes");
    assert_eq!(
        sent,
        json!({"channelType": 0, "unsubscribeAudioUids": ["1"], "unsubscribeVideoUids": ["2"]})
    );

    let reference: RecordingConfig = serde_json::from_value(json!({
        "channelType": 1,
        "unsubscribeAudioUids": ["3"],
    }))
    .expect("the reference spelling decodes");
    assert_eq!(reference.unsubscribe_audio_uids, Some(uids(&["3"])));

    let update: UpdateClientRequest = serde_json::from_value(json!({
        "streamSubscribe": {
            "audioUidList": {"unSubscribeAudioUids": ["4"]},
            "videoUidList": {"unSubscribeVideoUids": ["5"]}
        }
    }))
    .expect("the guides' spelling decodes in update");
    assert_eq!(
        serde_json::to_value(&update).expect("encodes"),
        json!({"streamSubscribe": {
            "audioUidList": {"unsubscribeAudioUids": ["4"]},
            "videoUidList": {"unsubscribeVideoUids": ["5"]}
        }})
    );
}

#[test]
fn extension_services_are_typed_by_service_name_both_ways() {
    let config: ExtensionServiceConfig = serde_json::from_value(json!({
        "extensionServices": [
            {"serviceName": "web_recorder_service", "serviceParam": {
                "url": "https://example.com", "audioProfile": 2, "videoWidth": 1280,
                "videoHeight": 720, "maxRecordingHour": 1, "videoBitrate": 2000,
                "container": {"format": "mp4"}}},
            {"serviceName": "rtmp_publish_service", "errorHandlePolicy": "error_ignore",
             "serviceParam": {"outputs": [{"rtmpUrl": "rtmp://cdn/live"}]}},
            {"serviceName": "future_service", "serviceParam": {"anything": [1, 2]}}
        ]
    }))
    .expect("decodes");
    let services = &config.extension_services;
    match &services[0].service_param {
        ServiceParam::WebRecorder(param) => {
            assert_eq!(param.audio_profile, AudioProfile::MusicHighQualityStereo);
            assert_eq!(param.video_bitrate, Some(2000));
            assert_eq!(
                param.container.as_ref().and_then(|c| c.format.as_deref()),
                Some("mp4")
            );
        }
        other => panic!("expected web page recording, got {other:?}"),
    }
    assert_eq!(
        services[1].error_handle_policy,
        Some(ErrorHandlePolicy::ErrorIgnore)
    );
    assert!(matches!(
        &services[1].service_param,
        ServiceParam::RtmpPublish(param) if param.outputs[0].rtmp_url == "rtmp://cdn/live"
    ));
    assert_eq!(services[2].service_name(), "future_service");
    // A web recorder entry without its required members does not decode.
    assert!(
        serde_json::from_value::<ExtensionService>(json!({
            "serviceName": "web_recorder_service", "serviceParam": {"outputs": []}
        }))
        .is_err()
    );
    // And they go back out unchanged.
    assert_eq!(
        serde_json::to_value(&config).expect("encodes")["extensionServices"][2],
        json!({"serviceName": "future_service", "serviceParam": {"anything": [1, 2]}})
    );
}

// ---------------------------------------------------------------------------
// Responses, per mode.

fn decode<T: DeserializeOwned>(body: Value) -> T {
    serde_json::from_value(body).expect("the response decodes")
}

#[test]
fn query_answers_of_every_mode_decode() {
    // individual mode, recording without screenshots: a JSON file list.
    let individual: QueriedRecording = decode(json!({
        "cname": "c", "uid": "527841", "resourceId": "r", "sid": "s",
        "serverResponse": {
            "status": 5,
            "fileListMode": "json",
            "fileList": [
                {"fileName": "s_c__uid_s_123__uid_e_audio.m3u8", "trackType": "audio",
                 "uid": "123", "mixedAllUser": false, "isPlayable": true, "sliceStartTime": 1619427600},
                {"fileName": "s_c__uid_s_123__uid_e_video.m3u8", "trackType": "video",
                 "uid": "123", "mixedAllUser": false, "isPlayable": true, "sliceStartTime": 1619427600}
            ],
            "sliceStartTime": 1619427600000_i64
        }
    }));
    let server = &individual.server_response;
    assert_eq!(server.status, Some(RecordingStatus::InProgress));
    assert_eq!(server.file_list_mode, Some(FileListMode::Json));
    assert_eq!(server.slice_start_time, Some(1_619_427_600_000));
    match &server.file_list {
        Some(FileList::Files(files)) => {
            assert_eq!(files.len(), 2);
            assert_eq!(files[0].track_type, Some(TrackType::Audio));
            assert_eq!(files[1].uid, "123");
            assert!(files[1].is_playable);
        }
        other => panic!("expected a JSON file list, got {other:?}"),
    }

    // individual mode, screenshots only: status and start time.
    let screenshots: QueriedRecording = decode(json!({
        "resourceId": "r", "sid": "s",
        "serverResponse": {"status": 4, "sliceStartTime": 1619427600000_i64}
    }));
    assert_eq!(
        screenshots.server_response.status,
        Some(RecordingStatus::Ready)
    );
    assert!(screenshots.server_response.file_list.is_none());

    // mix mode with ["hls"]: the file list is the M3U8 file's name.
    let mix: QueriedRecording = decode(json!({
        "cname": "c", "uid": "527841", "resourceId": "r", "sid": "s",
        "serverResponse": {"status": 5, "fileListMode": "string", "fileList": "s_c.m3u8"}
    }));
    assert_eq!(
        mix.server_response.file_list,
        Some(FileList::Playlist("s_c.m3u8".to_owned()))
    );
    assert_eq!(
        mix.server_response
            .file_list
            .as_ref()
            .map(FileList::file_names),
        Some(vec!["s_c.m3u8"])
    );

    // mix mode with ["hls", "mp4"]: a JSON list with uid "0".
    let mix_mp4: QueriedRecording = decode(json!({
        "serverResponse": {"status": 5, "fileListMode": "json", "fileList": [
            {"fileName": "s_c.m3u8", "trackType": "audio_and_video", "uid": "0",
             "mixedAllUser": true, "isPlayable": true, "sliceStartTime": 1},
            {"fileName": "s_c_0.mp4", "trackType": "audio_and_video", "uid": "0",
             "mixedAllUser": true, "isPlayable": true, "sliceStartTime": 1}
        ]}
    }));
    assert_eq!(
        mix_mp4
            .server_response
            .file_list
            .as_ref()
            .map(FileList::file_names),
        Some(vec!["s_c.m3u8", "s_c_0.mp4"])
    );

    // web mode: page recording and CDN push, each with its own payload.
    let web: QueriedRecording = decode(json!({
        "resourceId": "r", "sid": "s",
        "serverResponse": {"status": 5, "extensionServiceState": [
            {"serviceName": "web_recorder_service", "payload": {
                "fileList": [{"filename": "s_c.m3u8", "sliceStartTime": 1}],
                "onhold": false, "state": "inProgress"}},
            {"serviceName": "rtmp_publish_service", "payload": {
                "outputs": [{"rtmpUrl": "rtmp://cdn/live", "status": "publishing"}],
                "state": "inProgress"}}
        ]}
    }));
    let states = &web.server_response.extension_service_state;
    match &states[0] {
        ExtensionServiceState::WebRecorder(recorder) => {
            assert_eq!(recorder.file_list[0].filename, "s_c.m3u8");
            assert_eq!(recorder.onhold, Some(false));
            assert_eq!(recorder.state, Some(ServiceState::InProgress));
        }
        other => panic!("expected web page recording, got {other:?}"),
    }
    match &states[1] {
        ExtensionServiceState::RtmpPublish(publish) => {
            assert_eq!(publish.outputs[0].rtmp_url, "rtmp://cdn/live");
            assert_eq!(publish.outputs[0].status, Some(PublishStatus::Publishing));
        }
        other => panic!("expected CDN push, got {other:?}"),
    }
    assert_eq!(states[1].service_name(), "rtmp_publish_service");
}

#[test]
fn unknown_values_and_services_decode_as_other() {
    let answer: QueriedRecording = decode(json!({
        "serverResponse": {
            "status": 30,
            "fileListMode": "xml",
            "fileList": [{"fileName": "a.flac", "trackType": "subtitles"}],
            "extensionServiceState": [
                {"serviceName": "aliyun_vod_service", "payload": {"videoId": "v"}},
                {"serviceName": "rtmp_publish_service", "payload": {
                    "outputs": [{"rtmpUrl": "rtmp://x", "status": "throttled"}], "state": "paused"}}
            ]
        }
    }));
    let server = &answer.server_response;
    assert_eq!(server.status, Some(RecordingStatus::Other(30)));
    assert_eq!(
        server.file_list_mode,
        Some(FileListMode::Other("xml".into()))
    );
    match &server.file_list {
        Some(FileList::Files(files)) => {
            assert_eq!(
                files[0].track_type,
                Some(TrackType::Other("subtitles".into()))
            );
        }
        other => panic!("expected a JSON file list, got {other:?}"),
    }
    match &server.extension_service_state[0] {
        ExtensionServiceState::Other {
            service_name,
            payload,
        } => {
            assert_eq!(service_name, "aliyun_vod_service");
            assert_eq!(payload["videoId"], "v");
        }
        other => panic!("expected an unknown service, got {other:?}"),
    }
    match &server.extension_service_state[1] {
        ExtensionServiceState::RtmpPublish(publish) => {
            assert_eq!(
                publish.outputs[0].status,
                Some(PublishStatus::Other("throttled".into()))
            );
            assert_eq!(publish.state, Some(ServiceState::Other("paused".into())));
        }
        other => panic!("expected CDN push, got {other:?}"),
    }
}

#[test]
fn stop_answers_of_every_mode_decode_with_their_upload_status() {
    // individual and mix modes: uploadingStatus at the top.
    let mix: StoppedRecording = decode(json!({
        "cname": "c", "uid": "527841", "resourceId": "r", "sid": "s",
        "serverResponse": {"fileListMode": "string", "fileList": "s_c.m3u8", "uploadingStatus": "uploaded"}
    }));
    assert_eq!(
        mix.server_response.uploading_status,
        Some(UploadingStatus::Uploaded)
    );
    assert_eq!(
        mix.server_response.upload_status(),
        Some(&UploadingStatus::Uploaded)
    );
    assert_eq!(
        mix.server_response.file_list,
        Some(FileList::Playlist("s_c.m3u8".to_owned()))
    );

    let individual: StoppedRecording = decode(json!({
        "serverResponse": {"fileListMode": "json", "fileList": [
            {"fileName": "a.m3u8", "trackType": "audio", "uid": "7", "mixedAllUser": false,
             "isPlayable": true, "sliceStartTime": 1}],
            "uploadingStatus": "backuped"}
    }));
    assert_eq!(
        individual.server_response.upload_status(),
        Some(&UploadingStatus::Backuped)
    );

    // web mode: the upload status is in the upload_service entry.
    let web: StoppedRecording = decode(json!({
        "serverResponse": {"extensionServiceState": [
            {"serviceName": "upload_service", "payload": {"uploadingStatus": "unknown"}},
            {"serviceName": "web_recorder_service", "payload": {
                "fileList": [{"filename": "s_c.mp4", "sliceStartTime": 2}],
                "onhold": true, "state": "exit"}}
        ]}
    }));
    assert_eq!(
        web.server_response.upload_status(),
        Some(&UploadingStatus::Unknown)
    );
    assert!(matches!(
        &web.server_response.extension_service_state[1],
        ExtensionServiceState::WebRecorder(recorder)
            if recorder.state == Some(ServiceState::Exit) && recorder.onhold == Some(true)
    ));

    // 206 code 435: nobody sent a stream.
    let empty: StoppedRecording = decode(json!({"code": 435, "reason": "no recorded data"}));
    assert_eq!(empty.code, Some(435));
    assert_eq!(empty.server_response.upload_status(), None);
}

#[tokio::test]
async fn a_start_answered_2xx_with_a_code_is_an_api_error_not_a_session() {
    for (status, body, code, reason) in [
        (
            201,
            r#"{"code":7,"reason":"already started"}"#,
            7,
            "already started",
        ),
        (
            206,
            r#"{"code":65,"reason":"request not completed"}"#,
            65,
            "request not completed",
        ),
    ] {
        let server =
            LocalServer::replying(Reply::json(status, body).header("x-request-id", "req-in-band"))
                .await;
        let error = basic_client(&server.url())
            .send(&start_with(RecordingMode::Mix, documented_start_request()))
            .await
            .expect_err("an in-band failure is never Ok");
        let Error::Api { error: api, .. } = &error else {
            panic!("expected Error::Api, got {error:?}");
        };
        assert_eq!(api.status, status);
        assert!(api.in_band, "the failure was in the body");
        assert_eq!(api.code, Some(agora_api::ErrorCode::Number(code)));
        assert_eq!(api.reason.as_deref(), Some(reason));
        assert_eq!(api.request_id.as_deref(), Some("req-in-band"));
        assert_eq!(server.requests().len(), 1, "start is not re-sent");
    }
}

#[tokio::test]
async fn a_start_answered_201_without_a_code_is_the_session() {
    let server = LocalServer::replying(Reply::json(
        201,
        r#"{"cname":"demo","uid":"527841","resourceId":"RES-1","sid":"SID-1"}"#,
    ))
    .await;
    let session = basic_client(&server.url())
        .send(&start_with(RecordingMode::Mix, documented_start_request()))
        .await
        .expect("a 2xx without a code is the session");
    assert_eq!(session.sid.as_ref().map(Sid::as_str), Some("SID-1"));
}

#[test]
fn the_notification_server_list_decodes() {
    let answer: NcsIps = decode(json!({"data": {"service": {"hosts": [
        {"primaryIP": "203.0.113.7"}, {"primaryIP": "198.51.100.23"}
    ]}}}));
    assert_eq!(answer.primary_ips(), ["203.0.113.7", "198.51.100.23"]);
    let empty: NcsIps = decode(json!({}));
    assert!(empty.primary_ips().is_empty());
}

// ---------------------------------------------------------------------------
// The lifecycle on the wire.

#[tokio::test]
async fn a_session_runs_from_acquire_to_stop_with_the_ids_agora_returns() {
    let server = LocalServer::start(|request| {
        let path = request.target.as_str();
        let body = if path.ends_with("/acquire") {
            json!({"cname": CHANNEL, "uid": "527841", "resourceId": "RES-1"})
        } else if path.ends_with("/mode/mix/start") {
            json!({"cname": CHANNEL, "uid": "527841", "resourceId": "RES-1", "sid": "SID-1"})
        } else if path.ends_with("/mode/mix/query") {
            json!({"resourceId": "RES-1", "sid": "SID-1",
                   "serverResponse": {"status": 5, "fileListMode": "string", "fileList": "SID-1_c.m3u8"}})
        } else if path.ends_with("/mode/mix/updateLayout") || path.ends_with("/mode/mix/update") {
            json!({"cname": CHANNEL, "uid": "527841", "resourceId": "RES-1", "sid": "SID-1"})
        } else if path.ends_with("/mode/mix/stop") {
            json!({"resourceId": "RES-1", "sid": "SID-1",
                   "serverResponse": {"fileListMode": "string", "fileList": "SID-1_c.m3u8",
                                      "uploadingStatus": "uploaded"}})
        } else {
            return Reply::json(404, r#"{"message":"no Route matched with those values"}"#);
        };
        Reply::json(200, body.to_string())
    })
    .await;
    let client: Client = basic_client(&server.url());
    let app = AppId::new("876922cbca0098dff4323566daa89675").expect("a valid App ID");

    let acquired = client
        .send(
            &Acquire::builder()
                .appid(app.clone())
                .cname(channel())
                .uid(recorder())
                .client_request(AcquireClientRequest {
                    scene: Some(Scene::Rtc),
                    ..AcquireClientRequest::default()
                })
                .build(),
        )
        .await
        .expect("acquired");
    let resource = ResourceId::new(acquired.resource_id).expect("a resource ID");

    let started = client
        .send(
            &Start::builder()
                .appid(app.clone())
                .resource_id(resource.clone())
                .mode(RecordingMode::Mix)
                .cname(channel())
                .uid(recorder())
                .client_request(documented_start_request())
                .build(),
        )
        .await
        .expect("started");
    assert_eq!(started.code, None);
    let sid: Sid = started.sid.clone().expect("a sid");

    let queried = client
        .send(
            &Query::builder()
                .appid(app.clone())
                .resource_id(resource.clone())
                .sid(sid.clone())
                .mode(RecordingMode::Mix)
                .build(),
        )
        .await
        .expect("queried");
    assert_eq!(
        queried.server_response.status,
        Some(RecordingStatus::InProgress)
    );

    let laid_out: RecordingSession = client
        .send(
            &UpdateLayout::builder()
                .appid(app.clone())
                .resource_id(resource.clone())
                .sid(sid.clone())
                .cname(channel())
                .uid(recorder())
                .client_request(UpdateLayoutClientRequest {
                    mixed_video_layout: Some(MixedVideoLayout::BestFit),
                    ..UpdateLayoutClientRequest::default()
                })
                .build(),
        )
        .await
        .expect("laid out");
    assert_eq!(laid_out.sid.as_ref().map(Sid::as_str), Some("SID-1"));

    let stopped = client
        .send(
            &Stop::builder()
                .appid(app)
                .resource_id(resource)
                .sid(sid)
                .mode(RecordingMode::Mix)
                .cname(channel())
                .uid(recorder())
                .client_request(StopClientRequest {
                    async_stop: Some(false),
                })
                .build(),
        )
        .await
        .expect("stopped");
    assert_eq!(
        stopped.server_response.upload_status(),
        Some(&UploadingStatus::Uploaded)
    );

    let seen: Vec<(String, String)> = server
        .requests()
        .into_iter()
        .map(|request| {
            let tail = request
                .target
                .rsplit("/cloud_recording/")
                .next()
                .unwrap_or("")
                .to_owned();
            (request.method, tail)
        })
        .collect();
    assert_eq!(
        seen,
        [
            ("POST".to_owned(), "acquire".to_owned()),
            (
                "POST".to_owned(),
                "resourceid/RES-1/mode/mix/start".to_owned()
            ),
            (
                "GET".to_owned(),
                "resourceid/RES-1/sid/SID-1/mode/mix/query".to_owned()
            ),
            (
                "POST".to_owned(),
                "resourceid/RES-1/sid/SID-1/mode/mix/updateLayout".to_owned()
            ),
            (
                "POST".to_owned(),
                "resourceid/RES-1/sid/SID-1/mode/mix/stop".to_owned()
            ),
        ]
    );
    let requests = server.requests();
    assert!(requests[2].body.is_empty(), "a query has no body");
    assert_eq!(
        requests[4].json()["clientRequest"],
        json!({"async_stop": false})
    );
}

#[tokio::test]
async fn the_documented_start_and_stop_go_out_as_documented_and_their_answers_decode() {
    for (endpoint, name) in [("Start", "documented"), ("Stop", "documented")] {
        let entry = spec_entry("cloud-recording", endpoint);
        let example = entry["examples"]
            .as_array()
            .and_then(|list| list.iter().find(|example| example["name"] == name))
            .expect("the example");
        let server =
            LocalServer::replying(Reply::json(200, example["response"]["body"].to_string())).await;
        let client = basic_client(&server.url());
        if endpoint == "Start" {
            let start = Start::builder()
                .appid(placeholder_app_id())
                .resource_id(resource_id())
                .mode(RecordingMode::Mix)
                .cname(ChannelName::new("<your_channel_name>").expect("a valid channel name"))
                .uid(recorder())
                .client_request(documented_start_request())
                .build();
            let session = client.send(&start).await.expect("decodes");
            assert_eq!(
                session.sid.as_ref().map(Sid::as_str),
                Some("38f8e3cfdc474cd56fc1ceba380d7e1a")
            );
            assert_eq!(
                session.resource_id.as_ref().map(ResourceId::as_str),
                Some("JyvK8nXHuV1BE.....")
            );
        } else {
            let stop = Stop::builder()
                .appid(placeholder_app_id())
                .resource_id(resource_id())
                .sid(sid())
                .mode(RecordingMode::Mix)
                .cname(channel())
                .uid(recorder())
                .client_request(StopClientRequest {
                    async_stop: Some(false),
                })
                .build();
            let stopped = client.send(&stop).await.expect("decodes");
            assert_eq!(
                stopped.server_response.upload_status(),
                Some(&UploadingStatus::Uploaded)
            );
        }
        let seen = server.single_request();
        let url = example["request"]["url"].as_str().expect("a URL");
        assert!(url.ends_with(&seen.target), "{url} vs {}", seen.target);
        assert_eq!(seen.json(), example["request"]["body"]);
    }
}

// ---------------------------------------------------------------------------
// Official bodies round trip through the typed request types.

/// A request body of a Cloud Recording POST: nothing else at the top.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct Body<T> {
    cname: ChannelName,
    uid: UidString,
    client_request: T,
}

fn body_of<T: DeserializeOwned>(body: &Value, label: &str) -> Body<T> {
    serde_json::from_value(body.clone())
        .unwrap_or_else(|e| panic!("{label}: the body does not decode into the typed request: {e}"))
}

/// Decodes `body` as the request of the operation at `url`, rebuilds the
/// endpoint through its builder, and checks the prepared body equals it.
/// Returns the operation's name.
fn round_trip(url: &str, body: &Value, label: &str) -> &'static str {
    let client = basic_client("https://api.sd-rtn.com");
    let prepared = |request: Result<agora_api::reqwest::Request, Error>| -> Value {
        let request = request.unwrap_or_else(|e| panic!("{label}: {e}"));
        serde_json::from_slice(request.body().and_then(|b| b.as_bytes()).expect("a body"))
            .expect("a JSON body")
    };
    let (operation, rebuilt) = if url.ends_with("/acquire") {
        let parts: Body<AcquireClientRequest> = body_of(body, label);
        let typed = serde_json::to_value(&parts.client_request).expect("encodes");
        assert_eq!(
            typed,
            whole_numbers_as_integers(body["clientRequest"].clone()),
            "{label}: clientRequest"
        );
        let endpoint = Acquire::builder()
            .appid(placeholder_app_id())
            .cname(parts.cname)
            .uid(parts.uid)
            .client_request(parts.client_request)
            .build();
        ("acquire", prepared(client.prepare(&endpoint)))
    } else if url.ends_with("/start") {
        let parts: Body<StartClientRequest> = body_of(body, label);
        let typed = serde_json::to_value(&parts.client_request).expect("encodes");
        assert_eq!(
            typed,
            whole_numbers_as_integers(body["clientRequest"].clone()),
            "{label}: clientRequest"
        );
        let mode = if url.contains("/mode/web/") {
            RecordingMode::Web
        } else {
            RecordingMode::Mix
        };
        let endpoint = Start::builder()
            .appid(placeholder_app_id())
            .resource_id(resource_id())
            .mode(mode)
            .cname(parts.cname)
            .uid(parts.uid)
            .client_request(parts.client_request)
            .build();
        ("start", prepared(client.prepare(&endpoint)))
    } else if url.ends_with("/updateLayout") {
        let parts: Body<UpdateLayoutClientRequest> = body_of(body, label);
        let typed = serde_json::to_value(&parts.client_request).expect("encodes");
        assert_eq!(
            typed,
            whole_numbers_as_integers(body["clientRequest"].clone()),
            "{label}: clientRequest"
        );
        let endpoint = UpdateLayout::builder()
            .appid(placeholder_app_id())
            .resource_id(resource_id())
            .sid(sid())
            .cname(parts.cname)
            .uid(parts.uid)
            .client_request(parts.client_request)
            .build();
        ("updateLayout", prepared(client.prepare(&endpoint)))
    } else if url.ends_with("/update") {
        let parts: Body<UpdateClientRequest> = body_of(body, label);
        let typed = serde_json::to_value(&parts.client_request).expect("encodes");
        assert_eq!(
            typed,
            whole_numbers_as_integers(body["clientRequest"].clone()),
            "{label}: clientRequest"
        );
        let endpoint = Update::builder()
            .appid(placeholder_app_id())
            .resource_id(resource_id())
            .sid(sid())
            .mode(RecordingMode::Mix)
            .cname(parts.cname)
            .uid(parts.uid)
            .client_request(parts.client_request)
            .build();
        ("update", prepared(client.prepare(&endpoint)))
    } else if url.ends_with("/stop") {
        let parts: Body<StopClientRequest> = body_of(body, label);
        let typed = serde_json::to_value(&parts.client_request).expect("encodes");
        assert_eq!(
            typed,
            whole_numbers_as_integers(body["clientRequest"].clone()),
            "{label}: clientRequest"
        );
        let endpoint = Stop::builder()
            .appid(placeholder_app_id())
            .resource_id(resource_id())
            .sid(sid())
            .mode(RecordingMode::Mix)
            .cname(parts.cname)
            .uid(parts.uid)
            .client_request(parts.client_request)
            .build();
        ("stop", prepared(client.prepare(&endpoint)))
    } else {
        panic!("{label}: {url} is not a Cloud Recording operation with a body");
    };
    assert_eq!(
        rebuilt,
        whole_numbers_as_integers(body.clone()),
        "{label}: the rebuilt request's body"
    );
    operation
}

/// The documented body with `1.0` written as `1`: the same JSON number,
/// which is how the bindings write whole relative values (`alpha`).
fn whole_numbers_as_integers(value: Value) -> Value {
    match value {
        Value::Number(number) => match number.as_f64() {
            Some(float) if number.is_f64() && float.fract() == 0.0 => json!(float as i64),
            _ => Value::Number(number),
        },
        Value::Array(items) => items.into_iter().map(whole_numbers_as_integers).collect(),
        Value::Object(members) => members
            .into_iter()
            .map(|(key, value)| (key, whole_numbers_as_integers(value)))
            .collect(),
        other => other,
    }
}

/// `shared/reference/...` beside the checkout (`../shared` from the main
/// checkout, `../../shared` from a worktree), when it is there.
fn shared_reference(relative: &str) -> Option<PathBuf> {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest
        .ancestors()
        .map(|dir| dir.join("shared/reference").join(relative))
        .find(|path| path.is_file())
}

#[test]
fn every_spec_example_body_round_trips_through_the_typed_request() {
    let spec: Value = serde_json::from_str(
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../specs/cloud-recording.json"
        ))
        .expect("the spec file"),
    )
    .expect("JSON");
    let mut count = 0;
    for entry in spec["endpoints"].as_array().expect("endpoints") {
        for example in entry["examples"].as_array().expect("examples") {
            let request = &example["request"];
            if request["body"].is_null() {
                continue;
            }
            let label = format!("{} ({})", entry["endpoint"], example["name"]);
            round_trip(
                request["url"].as_str().expect("a URL"),
                &request["body"],
                &label,
            );
            count += 1;
        }
    }
    assert_eq!(count, 15, "every example with a body");
}

#[test]
fn every_official_cloud_recording_body_round_trips_through_the_typed_request() {
    let Some(path) = shared_reference("examples/official_examples.jsonl") else {
        eprintln!(
            "skipping: shared/reference/examples/official_examples.jsonl is not beside this checkout"
        );
        return;
    };
    let text = std::fs::read_to_string(&path).expect("readable");
    let mut operations = Vec::new();
    for (number, line) in text.lines().enumerate() {
        let record: Value = serde_json::from_str(line).expect("a JSON line");
        let source = record["source"].as_str().unwrap_or_default();
        let url = record["url"].as_str().unwrap_or_default();
        if !source.starts_with("cloud-recording/") || record["body"].is_null() {
            continue;
        }
        let label = format!("official_examples.jsonl:{} ({source})", number + 1);
        operations.push(round_trip(url, &record["body"], &label));
    }
    operations.sort_unstable();
    operations.dedup();
    assert_eq!(
        operations,
        ["acquire", "start", "stop", "update", "updateLayout"],
        "a body of every POST operation"
    );
}

#[test]
fn the_postman_collections_mix_mode_bodies_round_trip_through_the_typed_request() {
    let Some(path) = shared_reference("openapi/postman/Cloud_Recording.postman_collection.json")
    else {
        eprintln!("skipping: the Postman collection is not beside this checkout");
        return;
    };
    let collection: Value =
        serde_json::from_str(&std::fs::read_to_string(&path).expect("readable")).expect("JSON");
    // The collection's variables, filled with the reference pages' values.
    let variables = [
        ("{{APPID}}", "0123456789abcdef0123456789abcdef"),
        ("{{AccessChannel}}", CHANNEL),
        ("{{RecordingUID}}", "527841"),
        ("{{resourceId}}", "RESOURCE_ID"),
        ("{{sid}}", "SID"),
        ("{{token}}", "<token>"),
        ("{{Vendor}}", "2"),
        ("{{Region}}", "3"),
        ("{{Bucket}}", "xxxxx"),
        ("{{AccessKey}}", "xxxxx"),
        ("{{SecretKey}}", "xxxxx"),
    ];
    let fill = |text: &str| {
        variables
            .iter()
            .fold(text.to_owned(), |text, (name, value)| {
                text.replace(name, value)
            })
    };
    let mut operations = Vec::new();
    for item in collection["item"].as_array().expect("items") {
        let request = &item["request"];
        let Some(raw) = request["body"]["raw"].as_str() else {
            continue;
        };
        let url = fill(request["url"]["raw"].as_str().expect("a URL"));
        let body: Value = serde_json::from_str(&fill(raw)).expect("a JSON body");
        let label = format!("Postman {}", item["name"]);
        operations.push(round_trip(&url, &body, &label));
    }
    operations.sort_unstable();
    assert_eq!(operations, ["acquire", "start", "stop", "updateLayout"]);
}
