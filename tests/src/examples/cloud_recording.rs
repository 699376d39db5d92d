//! Cloud Recording examples: the reference pages' requests (`documented`,
//! and the OpenAPI document's `openapi_example` bodies), the web page
//! recording guide's (`web_page`, `web_page_with_cdn`) and the mix-mode
//! requests of Agora's Postman collection (`postman`, `postman_mix`), with
//! the placeholders filled by the reference pages' example values.

use agora_api::cloud_recording::{
    Acquire, AcquireClientRequest, AudioProfile, AudioUidList, AvFileType, ChannelType,
    ErrorHandlePolicy, ExtensionService, ExtensionServiceConfig, GetNcsIps, LayoutRegion,
    MixedVideoLayout, Query, RecordingConfig, RecordingFileConfig, RecordingMode, RenderMode,
    ResourceId, RtmpOutput, Scene, Sid, Start, StartClientRequest, Stop, StopClientRequest,
    StorageConfig, StorageVendor, StreamMode, StreamSubscribe, StreamTypes, SubscribeUidGroup,
    TranscodingConfig, Update, UpdateClientRequest, UpdateLayout, UpdateLayoutClientRequest,
    VideoStreamType, VideoUidList, WebRecorderParam,
};
use agora_api::{ChannelName, UidString};

use super::{Example, placeholder_app_id};

/// The channel of most reference examples.
pub const CHANNEL: &str = "httpClient463224";
/// The recorder's UID of every reference example.
pub const RECORDER_UID: u32 = 527841;

/// The documented examples, built through the builders.
pub fn examples() -> Vec<Example> {
    vec![
        Example::of(
            "documented",
            acquire(
                "<your_channel_name>",
                AcquireClientRequest {
                    scene: Some(Scene::Rtc),
                    resource_expired_hour: Some(24),
                    ..AcquireClientRequest::default()
                },
            ),
        ),
        Example::of(
            "openapi_example",
            acquire(
                CHANNEL,
                AcquireClientRequest {
                    scene: Some(Scene::Rtc),
                    resource_expired_hour: Some(24),
                    ..AcquireClientRequest::default()
                },
            ),
        ),
        Example::of(
            "web_page",
            acquire(
                CHANNEL,
                AcquireClientRequest {
                    scene: Some(Scene::Web),
                    resource_expired_hour: Some(24),
                    ..AcquireClientRequest::default()
                },
            ),
        ),
        Example::of("postman", acquire(CHANNEL, AcquireClientRequest::default())),
        Example::of(
            "documented",
            start(
                "<your_channel_name>",
                RecordingMode::Mix,
                documented_start_request(),
            ),
        ),
        Example::of(
            "openapi_example",
            start(CHANNEL, RecordingMode::Mix, documented_start_request()),
        ),
        Example::of(
            "web_page",
            start(CHANNEL, RecordingMode::Web, web_page_start_request()),
        ),
        Example::of(
            "web_page_with_cdn",
            start(
                CHANNEL,
                RecordingMode::Web,
                web_page_with_cdn_start_request(),
            ),
        ),
        Example::of(
            "postman_mix",
            start(CHANNEL, RecordingMode::Mix, postman_mix_start_request()),
        ),
        Example::of("documented", query(RecordingMode::Mix)),
        Example::of("postman", query(RecordingMode::Mix)),
        Example::of("documented", documented_update()),
        Example::of("documented", documented_update_layout()),
        Example::of("postman", documented_update_layout()),
        Example::of(
            "documented",
            stop(
                RecordingMode::Mix,
                StopClientRequest {
                    async_stop: Some(false),
                },
            ),
        ),
        Example::of(
            "web_page",
            stop(RecordingMode::Web, StopClientRequest::default()),
        ),
        Example::of(
            "postman",
            stop(RecordingMode::Mix, StopClientRequest::default()),
        ),
        Example::of("documented", GetNcsIps::builder().build()),
    ]
}

fn channel(name: &str) -> ChannelName {
    ChannelName::new(name).expect("a valid channel name")
}

fn recorder() -> UidString {
    UidString::new(RECORDER_UID).expect("a valid uid")
}

/// The resource ID the official requests put for `{resourceid}`.
pub fn resource_id() -> ResourceId {
    ResourceId::new("RESOURCE_ID").expect("a valid resource ID")
}

/// The recording ID the official requests put for `{sid}`.
pub fn sid() -> Sid {
    Sid::new("SID").expect("a valid sid")
}

fn uids(list: &[&str]) -> Vec<String> {
    list.iter().map(|uid| (*uid).to_owned()).collect()
}

fn acquire(cname: &str, client_request: AcquireClientRequest) -> Acquire {
    Acquire::builder()
        .appid(placeholder_app_id())
        .cname(channel(cname))
        .uid(recorder())
        .client_request(client_request)
        .build()
}

fn start(cname: &str, mode: RecordingMode, client_request: StartClientRequest) -> Start {
    Start::builder()
        .appid(placeholder_app_id())
        .resource_id(resource_id())
        .mode(mode)
        .cname(channel(cname))
        .uid(recorder())
        .client_request(client_request)
        .build()
}

/// The reference pages' storage: Alibaba Cloud, region 3 (Beijing).
fn documented_storage() -> StorageConfig {
    StorageConfig {
        file_name_prefix: Some(uids(&["directory1", "directory2"])),
        ..StorageConfig::new(StorageVendor::AlibabaCloud, 3, "xxxxx", "xxxxx", "xxxxx")
    }
}

/// The `clientRequest` of the reference page's `start` example.
pub fn documented_start_request() -> StartClientRequest {
    StartClientRequest {
        recording_config: Some(RecordingConfig {
            stream_types: Some(StreamTypes::AudioAndVideo),
            stream_mode: Some(StreamMode::Default),
            video_stream_type: Some(VideoStreamType::High),
            max_idle_time: Some(30),
            subscribe_audio_uids: Some(uids(&["123", "456"])),
            subscribe_video_uids: Some(uids(&["123", "456"])),
            subscribe_uid_group: Some(SubscribeUidGroup::UpTo2),
            ..RecordingConfig::new(ChannelType::LiveBroadcasting)
        }),
        recording_file_config: Some(RecordingFileConfig {
            av_file_type: Some(vec![AvFileType::Hls]),
        }),
        ..StartClientRequest::new(documented_storage())
    }
}

fn web_page_recorder(max_video_duration: Option<u32>) -> ExtensionService {
    ExtensionService::web_recorder(WebRecorderParam {
        max_video_duration,
        ..WebRecorderParam::new("https://xxxxx", AudioProfile::MusicStandard, 1280, 720, 3)
    })
    .with_error_handle_policy(ErrorHandlePolicy::ErrorAbort)
}

fn hls_and_mp4() -> Option<RecordingFileConfig> {
    Some(RecordingFileConfig {
        av_file_type: Some(vec![AvFileType::Hls, AvFileType::Mp4]),
    })
}

/// The web page recording guide's `start` request.
fn web_page_start_request() -> StartClientRequest {
    StartClientRequest {
        token: Some("<token if any>".into()),
        extension_service_config: Some(ExtensionServiceConfig {
            error_handle_policy: Some(ErrorHandlePolicy::ErrorAbort),
            ..ExtensionServiceConfig::new(vec![web_page_recorder(None)])
        }),
        recording_file_config: hls_and_mp4(),
        ..StartClientRequest::new(documented_storage())
    }
}

/// The web page recording guide's `start` request that also pushes to a
/// CDN.
fn web_page_with_cdn_start_request() -> StartClientRequest {
    StartClientRequest {
        token: Some("<token>".into()),
        extension_service_config: Some(ExtensionServiceConfig::new(vec![
            web_page_recorder(Some(200)),
            ExtensionService::rtmp_publish(vec![RtmpOutput::new("rtmp://xxx")])
                .with_error_handle_policy(ErrorHandlePolicy::ErrorIgnore),
        ])),
        recording_file_config: hls_and_mp4(),
        ..StartClientRequest::new(documented_storage())
    }
}

/// The Postman collection's mix-mode `start` request.
fn postman_mix_start_request() -> StartClientRequest {
    StartClientRequest {
        token: Some("<token>".into()),
        recording_config: Some(RecordingConfig {
            max_idle_time: Some(120),
            stream_types: Some(StreamTypes::AudioAndVideo),
            audio_profile: Some(AudioProfile::MusicHighQuality),
            video_stream_type: Some(VideoStreamType::High),
            transcoding_config: Some(TranscodingConfig {
                width: Some(360),
                height: Some(640),
                fps: Some(30),
                bitrate: Some(600),
                mixed_video_layout: Some(MixedVideoLayout::BestFit),
                max_resolution_uid: Some(UidString::new(1).expect("a valid uid")),
                ..TranscodingConfig::default()
            }),
            ..RecordingConfig::new(ChannelType::LiveBroadcasting)
        }),
        ..StartClientRequest::new(StorageConfig::new(
            StorageVendor::AlibabaCloud,
            3,
            "xxxxx",
            "xxxxx",
            "xxxxx",
        ))
    }
}

fn query(mode: RecordingMode) -> Query {
    Query::builder()
        .appid(placeholder_app_id())
        .resource_id(resource_id())
        .sid(sid())
        .mode(mode)
        .build()
}

fn documented_update() -> Update {
    Update::builder()
        .appid(placeholder_app_id())
        .resource_id(resource_id())
        .sid(sid())
        .mode(RecordingMode::Mix)
        .cname(channel(CHANNEL))
        .uid(recorder())
        .client_request(UpdateClientRequest {
            stream_subscribe: Some(StreamSubscribe {
                audio_uid_list: Some(AudioUidList {
                    subscribe_audio_uids: Some(uids(&["#allstream#"])),
                    ..AudioUidList::default()
                }),
                video_uid_list: Some(VideoUidList {
                    unsubscribe_video_uids: Some(uids(&["444", "555", "666"])),
                    ..VideoUidList::default()
                }),
            }),
            ..UpdateClientRequest::default()
        })
        .build()
}

fn region(uid: u32, at: f64) -> LayoutRegion {
    LayoutRegion {
        uid: Some(UidString::new(uid).expect("a valid uid")),
        alpha: Some(1.0),
        render_mode: Some(RenderMode::Fit),
        ..LayoutRegion::new(at, at, 0.1, 0.1)
    }
}

fn documented_update_layout() -> UpdateLayout {
    UpdateLayout::builder()
        .appid(placeholder_app_id())
        .resource_id(resource_id())
        .sid(sid())
        .cname(channel(CHANNEL))
        .uid(recorder())
        .client_request(UpdateLayoutClientRequest {
            mixed_video_layout: Some(MixedVideoLayout::Custom),
            background_color: Some("#FF0000".to_owned()),
            layout_config: Some(vec![region(1, 0.1), region(2, 0.2)]),
            ..UpdateLayoutClientRequest::default()
        })
        .build()
}

fn stop(mode: RecordingMode, client_request: StopClientRequest) -> Stop {
    Stop::builder()
        .appid(placeholder_app_id())
        .resource_id(resource_id())
        .sid(sid())
        .mode(mode)
        .cname(channel(CHANNEL))
        .uid(recorder())
        .client_request(client_request)
        .build()
}
