//! Building one ready `reqwest::Request` (URL with percent-encoded path,
//! `Content-Type`, Basic auth, JSON body): `agora-api` (builder ->
//! validated endpoint -> `Client::prepare`) against the same request built
//! by hand with `reqwest::RequestBuilder` and hand-written serde structs.
//!
//! Three shapes: a GET with path parameters (channel user list), a small
//! POST (Cloud Recording acquire) and a large POST (Cloud Recording start
//! in mix mode with storage, recording, transcoding and file configs).
//!
//! Inputs are made before the timed part and outputs dropped after it, on
//! both sides: the crate gets its typed values (`AppId`, `ChannelName`,
//! `StartClientRequest`, ...), the baseline the same values as `String`s
//! and hand-written structs. Each pair is checked to produce the same
//! request (method, URL, headers, body bytes) before it is measured.
//!
//! The hand-written side builds each request twice over: with
//! `reqwest::RequestBuilder` (`hand-written`, the usual way) and with
//! `reqwest::Request::new` and its fields set directly
//! (`hand-written-bare`, the leanest way reqwest offers).
//!
//! `cargo bench -p agora-api --bench requests`

mod support;

use std::hint::black_box;

use agora_api::Client;
use agora_api::channel::ListChannelUsers;
use agora_api::cloud_recording::{
    Acquire, AcquireClientRequest, AmazonS3Region, AudioProfile, AvFileType, ChannelType,
    LayoutRegion, MixedVideoLayout, RecordingConfig, RecordingFileConfig, RecordingMode,
    RenderMode, ResourceId, Scene, ServerSideEncryption, Start, StartClientRequest, StorageConfig,
    StorageExtensionParams, StreamTypes, TranscodingConfig, UserBackground, VideoStreamType,
};
use agora_api::{AppId, ChannelName, Secret, UidString};
use criterion::{BatchSize, Criterion};
use reqwest::header::{AUTHORIZATION, CONTENT_TYPE, HeaderValue};
use serde::{Serialize, Serializer};
use support::{APP_ID, BASE_URL, CHANNEL, CUSTOMER_ID, CUSTOMER_SECRET, OURS, THEIRS, segment};

/// A resource ID as long as Agora's (they run to a few hundred characters).
const RESOURCE_ID: &str = "JyvK8nXHuV1BE64GDkAaBGEscvtHW7v8BrQoRPCHxmeVxwY22-x-kv4GdPcjZeMzoCBUCOr9q-k6wBWMC7SaAkZ_4nO3JLqYwM1bL1n6wKnnD9EC9waxJboci9KUz2WZ4YJrmcJmA7xWkzs_L3AnNwdtcI1kr_u1cWFmi9BWAWAlNd7S7gfoGuH0tGi6CNaOomvr7-ILjPXdCYwgty1hwT6tbAuaW1eqR0kOYTO0Z1SobpBxu1czSFh1GbzGvTZG";
/// The recorder's UID.
const RECORDER_UID: u32 = 527841;
/// An RTC token for the recorder.
const TOKEN: &str = "007eJxTYBBbsMMnKq7p9Hf/HcIX5kce9b518kCiQgSr5Zrp4X1Tu6UUGCzNDZwdjU1TUs0Mkk1MzExMk5ISUy0SjQxNDcwMk4yN3b8IMEQwMTAwMoAwBIL4CgzmKeZGxmamqUmWFsYmFqbGluapxqnGaZYpJmYGSSkpiVwMRhYWRsYmhkbmxgDCaiTj";

// ---------------------------------------------------------------------------
// The hand-written side: the structs a careful engineer writes for these
// bodies (every documented member, optional ones skipped when unset).

/// Acquire's body.
#[derive(Clone, Serialize)]
struct HandAcquire {
    cname: String,
    uid: String,
    #[serde(rename = "clientRequest")]
    client_request: HandAcquireClientRequest,
}

/// Acquire's `clientRequest`.
#[derive(Clone, Default, Serialize)]
#[serde(rename_all = "camelCase")]
struct HandAcquireClientRequest {
    #[serde(skip_serializing_if = "Option::is_none")]
    scene: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    resource_expired_hour: Option<u16>,
    #[serde(skip_serializing_if = "Option::is_none")]
    exclude_resource_ids: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    start_parameter: Option<HandStartClientRequest>,
}

/// Start's body.
#[derive(Clone, Serialize)]
struct HandStart {
    cname: String,
    uid: String,
    #[serde(rename = "clientRequest")]
    client_request: HandStartClientRequest,
}

/// Start's `clientRequest`.
#[derive(Clone, Serialize)]
#[serde(rename_all = "camelCase")]
struct HandStartClientRequest {
    #[serde(skip_serializing_if = "Option::is_none")]
    token: Option<String>,
    storage_config: HandStorage,
    #[serde(skip_serializing_if = "Option::is_none")]
    recording_config: Option<HandRecording>,
    #[serde(skip_serializing_if = "Option::is_none")]
    recording_file_config: Option<HandFileConfig>,
}

/// `storageConfig`.
#[derive(Clone, Serialize)]
#[serde(rename_all = "camelCase")]
struct HandStorage {
    vendor: u8,
    region: u32,
    bucket: String,
    access_key: String,
    secret_key: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    sts_token: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    sts_expiration: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    file_name_prefix: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    extension_params: Option<HandStorageExtension>,
}

/// `storageConfig.extensionParams`.
#[derive(Clone, Serialize)]
struct HandStorageExtension {
    #[serde(skip_serializing_if = "Option::is_none")]
    sse: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tag: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    endpoint: Option<String>,
}

/// `recordingConfig`.
#[derive(Clone, Serialize)]
#[serde(rename_all = "camelCase")]
struct HandRecording {
    channel_type: u8,
    #[serde(skip_serializing_if = "Option::is_none")]
    decryption_mode: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    secret: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    salt: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    max_idle_time: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    stream_types: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    video_stream_type: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    subscribe_audio_uids: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    unsubscribe_audio_uids: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    subscribe_video_uids: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    unsubscribe_video_uids: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    subscribe_uid_group: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    stream_mode: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    audio_profile: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    transcoding_config: Option<HandTranscoding>,
}

/// `recordingConfig.transcodingConfig`.
#[derive(Clone, Serialize)]
#[serde(rename_all = "camelCase")]
struct HandTranscoding {
    #[serde(skip_serializing_if = "Option::is_none")]
    width: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    height: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    fps: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    bitrate: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    max_resolution_uid: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    mixed_video_layout: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    background_color: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    background_image: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    default_user_background_image: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    layout_config: Option<Vec<HandRegion>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    background_config: Option<Vec<HandBackground>>,
}

/// One `layoutConfig` region.
#[derive(Clone, Serialize)]
struct HandRegion {
    #[serde(skip_serializing_if = "Option::is_none")]
    uid: Option<String>,
    #[serde(serialize_with = "ratio")]
    x_axis: f64,
    #[serde(serialize_with = "ratio")]
    y_axis: f64,
    #[serde(serialize_with = "ratio")]
    width: f64,
    #[serde(serialize_with = "ratio")]
    height: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    alpha: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    render_mode: Option<u8>,
}

/// Whole ratios as integers (`1`, not `1.0`), as Agora's examples write
/// them.
fn ratio<S: Serializer>(value: &f64, serializer: S) -> Result<S::Ok, S::Error> {
    if value.fract() == 0.0 {
        serializer.serialize_i64(*value as i64)
    } else {
        serializer.serialize_f64(*value)
    }
}

/// One `backgroundConfig` entry.
#[derive(Clone, Serialize)]
struct HandBackground {
    uid: String,
    image_url: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    render_mode: Option<u8>,
}

/// `recordingFileConfig`.
#[derive(Clone, Serialize)]
#[serde(rename_all = "camelCase")]
struct HandFileConfig {
    #[serde(skip_serializing_if = "Option::is_none")]
    av_file_type: Option<Vec<String>>,
}

/// How the hand-written side puts the request together.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Build {
    /// `reqwest::RequestBuilder`: `client.request(..).header(..).body(..).build()`,
    /// the usual way.
    Builder,
    /// `reqwest::Request::new` and its header map and body, set directly:
    /// the leanest way reqwest offers.
    Bare,
}

/// The hand-written client: a `reqwest::Client` and the Basic header,
/// encoded once.
struct Hand {
    http: reqwest::Client,
    auth: HeaderValue,
}

impl Hand {
    fn new() -> Self {
        support::install_crypto_provider();
        Hand {
            http: reqwest::Client::new(),
            auth: support::basic_header(),
        }
    }

    fn request(
        &self,
        build: Build,
        method: reqwest::Method,
        url: String,
        body: Option<Vec<u8>>,
    ) -> reqwest::Request {
        if build == Build::Bare {
            let url = reqwest::Url::parse(&url).expect("a valid URL");
            let mut request = reqwest::Request::new(method, url);
            let headers = request.headers_mut();
            headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
            headers.insert(AUTHORIZATION, self.auth.clone());
            if let Some(body) = body {
                *request.body_mut() = Some(body.into());
            }
            return request;
        }
        let mut builder = self
            .http
            .request(method, url)
            .header(CONTENT_TYPE, HeaderValue::from_static("application/json"))
            .header(AUTHORIZATION, self.auth.clone());
        if let Some(body) = body {
            builder = builder.body(body);
        }
        builder.build().expect("a valid request")
    }
}

// ---------------------------------------------------------------------------
// The inputs.

/// The list user call's inputs, typed.
#[derive(Clone)]
struct ListInputs {
    appid: AppId,
    channel: ChannelName,
}

/// The same as text.
#[derive(Clone)]
struct HandListInputs {
    appid: String,
    channel: String,
}

fn list_inputs() -> (ListInputs, HandListInputs) {
    (
        ListInputs {
            appid: AppId::new(APP_ID).expect("valid"),
            channel: ChannelName::new(CHANNEL).expect("valid"),
        },
        HandListInputs {
            appid: APP_ID.to_owned(),
            channel: CHANNEL.to_owned(),
        },
    )
}

/// Acquire's inputs, typed.
#[derive(Clone)]
struct AcquireInputs {
    appid: AppId,
    cname: ChannelName,
    uid: UidString,
    client_request: AcquireClientRequest,
}

/// The same as text and hand-written structs.
#[derive(Clone)]
struct HandAcquireInputs {
    appid: String,
    body: HandAcquire,
}

fn acquire_inputs() -> (AcquireInputs, HandAcquireInputs) {
    (
        AcquireInputs {
            appid: AppId::new(APP_ID).expect("valid"),
            cname: ChannelName::new(CHANNEL).expect("valid"),
            uid: UidString::new(RECORDER_UID).expect("valid"),
            client_request: AcquireClientRequest {
                scene: Some(Scene::Rtc),
                resource_expired_hour: Some(24),
                ..AcquireClientRequest::default()
            },
        },
        HandAcquireInputs {
            appid: APP_ID.to_owned(),
            body: HandAcquire {
                cname: CHANNEL.to_owned(),
                uid: RECORDER_UID.to_string(),
                client_request: HandAcquireClientRequest {
                    scene: Some(0),
                    resource_expired_hour: Some(24),
                    ..HandAcquireClientRequest::default()
                },
            },
        },
    )
}

/// Start's inputs, typed.
#[derive(Clone)]
struct StartInputs {
    appid: AppId,
    resource_id: ResourceId,
    cname: ChannelName,
    uid: UidString,
    client_request: StartClientRequest,
}

/// The same as text and hand-written structs.
#[derive(Clone)]
struct HandStartInputs {
    appid: String,
    resource_id: String,
    body: HandStart,
}

/// The users shown in the custom layout.
const LAYOUT_UIDS: [u32; 4] = [1001, 1002, 1003, 1004];

fn start_inputs() -> (StartInputs, HandStartInputs) {
    let regions: Vec<(u32, f64, f64, f64, f64)> = vec![
        (LAYOUT_UIDS[0], 0.0, 0.0, 0.5, 0.5),
        (LAYOUT_UIDS[1], 0.5, 0.0, 0.5, 0.5),
        (LAYOUT_UIDS[2], 0.0, 0.5, 0.5, 0.5),
        (LAYOUT_UIDS[3], 0.5, 0.5, 0.5, 0.5),
    ];
    let typed = StartInputs {
        appid: AppId::new(APP_ID).expect("valid"),
        resource_id: ResourceId::new(RESOURCE_ID).expect("valid"),
        cname: ChannelName::new(CHANNEL).expect("valid"),
        uid: UidString::new(RECORDER_UID).expect("valid"),
        client_request: StartClientRequest {
            token: Some(Secret::new(TOKEN)),
            recording_config: Some(RecordingConfig {
                max_idle_time: Some(120),
                stream_types: Some(StreamTypes::AudioAndVideo),
                video_stream_type: Some(VideoStreamType::High),
                audio_profile: Some(AudioProfile::MusicHighQuality),
                subscribe_audio_uids: Some(vec!["#allstream#".to_owned()]),
                subscribe_video_uids: Some(LAYOUT_UIDS.iter().map(u32::to_string).collect()),
                transcoding_config: Some(TranscodingConfig {
                    width: Some(1280),
                    height: Some(720),
                    fps: Some(30),
                    bitrate: Some(2260),
                    mixed_video_layout: Some(MixedVideoLayout::Custom),
                    background_color: Some("#1A1A1A".to_owned()),
                    default_user_background_image: Some(
                        "https://example.com/images/away.jpg".to_owned(),
                    ),
                    layout_config: Some(
                        regions
                            .iter()
                            .map(|&(uid, x, y, width, height)| LayoutRegion {
                                uid: Some(UidString::new(uid).expect("valid")),
                                render_mode: Some(RenderMode::Fit),
                                ..LayoutRegion::new(x, y, width, height)
                            })
                            .collect(),
                    ),
                    background_config: Some(
                        LAYOUT_UIDS[..2]
                            .iter()
                            .map(|&uid| {
                                UserBackground::new(
                                    UidString::new(uid).expect("valid"),
                                    format!("https://example.com/images/{uid}.jpg"),
                                )
                            })
                            .collect(),
                    ),
                    ..TranscodingConfig::default()
                }),
                ..RecordingConfig::new(ChannelType::LiveBroadcasting)
            }),
            recording_file_config: Some(RecordingFileConfig {
                av_file_type: Some(vec![AvFileType::Hls, AvFileType::Mp4]),
            }),
            ..StartClientRequest::new(StorageConfig {
                file_name_prefix: Some(vec!["recordings".to_owned(), "demo".to_owned()]),
                extension_params: Some(StorageExtensionParams::new(
                    ServerSideEncryption::Kms,
                    "project=demo",
                )),
                ..StorageConfig::amazon_s3(
                    AmazonS3Region::UsEast1,
                    "agora-recordings",
                    "AKIAIOSFODNN7EXAMPLE",
                    "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                )
            })
        },
    };
    let hand = HandStartInputs {
        appid: APP_ID.to_owned(),
        resource_id: RESOURCE_ID.to_owned(),
        body: HandStart {
            cname: CHANNEL.to_owned(),
            uid: RECORDER_UID.to_string(),
            client_request: HandStartClientRequest {
                token: Some(TOKEN.to_owned()),
                storage_config: HandStorage {
                    vendor: 1,
                    region: 0,
                    bucket: "agora-recordings".to_owned(),
                    access_key: "AKIAIOSFODNN7EXAMPLE".to_owned(),
                    secret_key: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY".to_owned(),
                    sts_token: None,
                    sts_expiration: None,
                    file_name_prefix: Some(vec!["recordings".to_owned(), "demo".to_owned()]),
                    extension_params: Some(HandStorageExtension {
                        sse: Some("kms".to_owned()),
                        tag: Some("project=demo".to_owned()),
                        endpoint: None,
                    }),
                },
                recording_config: Some(HandRecording {
                    channel_type: 1,
                    decryption_mode: None,
                    secret: None,
                    salt: None,
                    max_idle_time: Some(120),
                    stream_types: Some(2),
                    video_stream_type: Some(0),
                    subscribe_audio_uids: Some(vec!["#allstream#".to_owned()]),
                    unsubscribe_audio_uids: None,
                    subscribe_video_uids: Some(LAYOUT_UIDS.iter().map(u32::to_string).collect()),
                    unsubscribe_video_uids: None,
                    subscribe_uid_group: None,
                    stream_mode: None,
                    audio_profile: Some(1),
                    transcoding_config: Some(HandTranscoding {
                        width: Some(1280),
                        height: Some(720),
                        fps: Some(30),
                        bitrate: Some(2260),
                        max_resolution_uid: None,
                        mixed_video_layout: Some(3),
                        background_color: Some("#1A1A1A".to_owned()),
                        background_image: None,
                        default_user_background_image: Some(
                            "https://example.com/images/away.jpg".to_owned(),
                        ),
                        layout_config: Some(
                            regions
                                .iter()
                                .map(|&(uid, x, y, width, height)| HandRegion {
                                    uid: Some(uid.to_string()),
                                    x_axis: x,
                                    y_axis: y,
                                    width,
                                    height,
                                    alpha: None,
                                    render_mode: Some(1),
                                })
                                .collect(),
                        ),
                        background_config: Some(
                            LAYOUT_UIDS[..2]
                                .iter()
                                .map(|&uid| HandBackground {
                                    uid: uid.to_string(),
                                    image_url: format!("https://example.com/images/{uid}.jpg"),
                                    render_mode: None,
                                })
                                .collect(),
                        ),
                    }),
                }),
                recording_file_config: Some(HandFileConfig {
                    av_file_type: Some(vec!["hls".to_owned(), "mp4".to_owned()]),
                }),
            },
        },
    };
    (typed, hand)
}

// ---------------------------------------------------------------------------
// One request, each side.

// Out of line, so that scripts/bench-instructions.sh can count it.
#[inline(never)]
fn ours_list(client: &Client, inputs: ListInputs) -> (reqwest::Request, ListChannelUsers) {
    let endpoint = ListChannelUsers::builder()
        .appid(inputs.appid)
        .channel_name(inputs.channel)
        .build();
    let request = client.prepare(&endpoint).expect("a valid request");
    (request, endpoint)
}

// Out of line, so that scripts/bench-instructions.sh can count it.
#[inline(never)]
fn theirs_list(
    hand: &Hand,
    build: Build,
    inputs: HandListInputs,
) -> (reqwest::Request, HandListInputs) {
    let url = support::list_users_url(BASE_URL, &inputs.appid, &inputs.channel);
    (hand.request(build, reqwest::Method::GET, url, None), inputs)
}

// Out of line, so that scripts/bench-instructions.sh can count it.
#[inline(never)]
fn ours_acquire(client: &Client, inputs: AcquireInputs) -> (reqwest::Request, Acquire) {
    let endpoint = Acquire::builder()
        .appid(inputs.appid)
        .cname(inputs.cname)
        .uid(inputs.uid)
        .client_request(inputs.client_request)
        .build();
    let request = client.prepare(&endpoint).expect("a valid request");
    (request, endpoint)
}

// Out of line, so that scripts/bench-instructions.sh can count it.
#[inline(never)]
fn theirs_acquire(
    hand: &Hand,
    build: Build,
    inputs: HandAcquireInputs,
) -> (reqwest::Request, HandAcquireInputs) {
    let url = format!(
        "{BASE_URL}/v1/apps/{}/cloud_recording/acquire",
        segment(&inputs.appid)
    );
    let body = serde_json::to_vec(&inputs.body).expect("serializable");
    (
        hand.request(build, reqwest::Method::POST, url, Some(body)),
        inputs,
    )
}

// Out of line, so that scripts/bench-instructions.sh can count it.
#[inline(never)]
fn ours_start(client: &Client, inputs: StartInputs) -> (reqwest::Request, Start) {
    let endpoint = Start::builder()
        .appid(inputs.appid)
        .resource_id(inputs.resource_id)
        .mode(RecordingMode::Mix)
        .cname(inputs.cname)
        .uid(inputs.uid)
        .client_request(inputs.client_request)
        .build();
    let request = client.prepare(&endpoint).expect("a valid request");
    (request, endpoint)
}

// Out of line, so that scripts/bench-instructions.sh can count it.
#[inline(never)]
fn theirs_start(
    hand: &Hand,
    build: Build,
    inputs: HandStartInputs,
) -> (reqwest::Request, HandStartInputs) {
    let url = format!(
        "{BASE_URL}/v1/apps/{}/cloud_recording/resourceid/{}/mode/mix/start",
        segment(&inputs.appid),
        segment(&inputs.resource_id)
    );
    let body = serde_json::to_vec(&inputs.body).expect("serializable");
    (
        hand.request(build, reqwest::Method::POST, url, Some(body)),
        inputs,
    )
}

// ---------------------------------------------------------------------------

/// Benchmark groups, as criterion names them (and their directories).
const LIST: &str = "request_list_channel_users";
const ACQUIRE: &str = "request_acquire";
const START: &str = "request_start_mix";

/// The function name of the [`Build::Bare`] baseline; [`THEIRS`] is the
/// [`Build::Builder`] one.
const BARE: &str = "hand-written-bare";

fn main() {
    let client = Client::builder()
        .basic_auth(CUSTOMER_ID, CUSTOMER_SECRET)
        .build()
        .expect("a client");
    let hand = Hand::new();
    let (list, hand_list) = list_inputs();
    let (acquire, hand_acquire) = acquire_inputs();
    let (start, hand_start) = start_inputs();
    let builds = [(THEIRS, Build::Builder), (BARE, Build::Bare)];

    // Same request on all sides, once, before measuring.
    for (_, build) in builds {
        support::assert_same_request(
            &ours_list(&client, list.clone()).0,
            &theirs_list(&hand, build, hand_list.clone()).0,
        );
        support::assert_same_request(
            &ours_acquire(&client, acquire.clone()).0,
            &theirs_acquire(&hand, build, hand_acquire.clone()).0,
        );
        support::assert_same_request(
            &ours_start(&client, start.clone()).0,
            &theirs_start(&hand, build, hand_start.clone()).0,
        );
    }

    let mut criterion = Criterion::default().configure_from_args();
    {
        let mut group = criterion.benchmark_group(LIST);
        group.bench_function(OURS, |b| {
            b.iter_batched(
                || list.clone(),
                |inputs| ours_list(&client, black_box(inputs)),
                BatchSize::SmallInput,
            );
        });
        for (name, build) in builds {
            group.bench_function(name, |b| {
                b.iter_batched(
                    || hand_list.clone(),
                    |inputs| theirs_list(&hand, build, black_box(inputs)),
                    BatchSize::SmallInput,
                );
            });
        }
        group.finish();
    }
    {
        let mut group = criterion.benchmark_group(ACQUIRE);
        group.bench_function(OURS, |b| {
            b.iter_batched(
                || acquire.clone(),
                |inputs| ours_acquire(&client, black_box(inputs)),
                BatchSize::SmallInput,
            );
        });
        for (name, build) in builds {
            group.bench_function(name, |b| {
                b.iter_batched(
                    || hand_acquire.clone(),
                    |inputs| theirs_acquire(&hand, build, black_box(inputs)),
                    BatchSize::SmallInput,
                );
            });
        }
        group.finish();
    }
    {
        let mut group = criterion.benchmark_group(START);
        group.bench_function(OURS, |b| {
            b.iter_batched(
                || start.clone(),
                |inputs| ours_start(&client, black_box(inputs)),
                BatchSize::SmallInput,
            );
        });
        for (name, build) in builds {
            group.bench_function(name, |b| {
                b.iter_batched(
                    || hand_start.clone(),
                    |inputs| theirs_start(&hand, build, black_box(inputs)),
                    BatchSize::SmallInput,
                );
            });
        }
        group.finish();
    }
    criterion.final_summary();

    if !support::benchmarking() {
        return;
    }
    for (name, build) in builds {
        let rows = [
            (
                LIST,
                support::selected(LIST).then(|| {
                    support::paired(
                        || list.clone(),
                        |inputs| ours_list(&client, black_box(inputs)),
                        || hand_list.clone(),
                        |inputs| theirs_list(&hand, build, black_box(inputs)),
                    )
                }),
            ),
            (
                ACQUIRE,
                support::selected(ACQUIRE).then(|| {
                    support::paired(
                        || acquire.clone(),
                        |inputs| ours_acquire(&client, black_box(inputs)),
                        || hand_acquire.clone(),
                        |inputs| theirs_acquire(&hand, build, black_box(inputs)),
                    )
                }),
            ),
            (
                START,
                support::selected(START).then(|| {
                    support::paired(
                        || start.clone(),
                        |inputs| ours_start(&client, black_box(inputs)),
                        || hand_start.clone(),
                        |inputs| theirs_start(&hand, build, black_box(inputs)),
                    )
                }),
            ),
        ];
        let title = match build {
            Build::Builder => "Request building, baseline reqwest::RequestBuilder",
            Build::Bare => "Request building, baseline reqwest::Request::new set directly",
        };
        support::print_table(title, name, &rows);
    }
}
