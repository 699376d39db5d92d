//! Cloud Recording on the emulator, through agora-api: the whole lifecycle
//! in each mode, the five-minute resource ID (with an injected clock), one
//! session per resource, the documented status codes of every step, the
//! recorder leaving an idle channel, and refusals of what Agora refuses.

use std::time::Duration;

use crate::support::{Raw, api_error, code};
use agora_api::cloud_recording::{
    Acquire, AcquireClientRequest, AmazonS3Region, AudioProfile, AvFileType, ChannelType,
    ExtensionService, ExtensionServiceConfig, ExtensionServiceState, FileList, FileListMode,
    GetNcsIps, MixedVideoLayout, PublishStatus, QueriedRecording, Query, RecordedFile,
    RecordingConfig, RecordingFileConfig, RecordingMode, RecordingSession, RecordingStatus,
    ResourceId, RtmpOutput, Scene, ServiceState, Sid, Start, StartClientRequest, Stop,
    StopClientRequest, StoppedRecording, StorageConfig, StreamSubscribe, SubscribeUidGroup,
    TrackType, Update, UpdateClientRequest, UpdateLayout, UpdateLayoutClientRequest,
    UploadingStatus, VideoUidList, WebRecorderParam, WebRecordingUpdate,
};
use agora_api::console::{CreateProject, ProjectName};
use agora_api::{AppId, ChannelName, Client, Error, UidString};
use agora_mock::{ManualClock, MockServer};
use serde_json::json;

const T0: u64 = 1_700_000_000;
const RECORDER: u32 = 527_841;

fn room() -> ChannelName {
    ChannelName::new("room").expect("a channel name")
}

fn recorder() -> UidString {
    UidString::new(RECORDER).expect("a uid")
}

fn storage() -> StorageConfig {
    StorageConfig::amazon_s3(AmazonS3Region::UsEast1, "bucket", "access", "secret")
}

fn mix_request(mp4: bool) -> StartClientRequest {
    StartClientRequest {
        recording_config: Some(RecordingConfig::new(ChannelType::LiveBroadcasting)),
        recording_file_config: Some(RecordingFileConfig {
            av_file_type: Some(if mp4 {
                vec![AvFileType::Hls, AvFileType::Mp4]
            } else {
                vec![AvFileType::Hls]
            }),
        }),
        ..StartClientRequest::new(storage())
    }
}

fn individual_request() -> StartClientRequest {
    StartClientRequest {
        recording_config: Some(RecordingConfig {
            subscribe_uid_group: Some(SubscribeUidGroup::UpTo2),
            ..RecordingConfig::new(ChannelType::LiveBroadcasting)
        }),
        ..StartClientRequest::new(storage())
    }
}

fn web_request() -> StartClientRequest {
    StartClientRequest {
        extension_service_config: Some(ExtensionServiceConfig::new(vec![
            ExtensionService::web_recorder(WebRecorderParam::new(
                "https://example.com/class/1",
                AudioProfile::MusicStandard,
                1280,
                720,
                2,
            )),
            ExtensionService::rtmp_publish(vec![RtmpOutput::new("rtmp://cdn.example.com/live/1")]),
        ])),
        ..StartClientRequest::new(storage())
    }
}

/// One recording's identifiers, and the calls made with them.
struct Recording {
    app_id: AppId,
    resource_id: ResourceId,
    mode: RecordingMode,
    sid: Option<Sid>,
}

impl Recording {
    async fn acquire(client: &Client, app_id: &AppId, scene: Scene) -> Result<Self, Error> {
        let acquired = client
            .send(
                &Acquire::builder()
                    .appid(app_id.clone())
                    .cname(room())
                    .uid(recorder())
                    .client_request(AcquireClientRequest {
                        scene: Some(scene),
                        ..AcquireClientRequest::default()
                    })
                    .build(),
            )
            .await?;
        assert_eq!(acquired.cname, "room");
        assert_eq!(acquired.uid, RECORDER.to_string());
        Ok(Recording {
            app_id: app_id.clone(),
            resource_id: ResourceId::new(acquired.resource_id).expect("a resource ID"),
            mode: RecordingMode::Mix,
            sid: None,
        })
    }

    async fn start(
        &mut self,
        client: &Client,
        mode: RecordingMode,
        request: StartClientRequest,
    ) -> Result<RecordingSession, Error> {
        self.mode = mode.clone();
        let session = client
            .send(
                &Start::builder()
                    .appid(self.app_id.clone())
                    .resource_id(self.resource_id.clone())
                    .mode(mode)
                    .cname(room())
                    .uid(recorder())
                    .client_request(request)
                    .build(),
            )
            .await?;
        if let Some(sid) = &session.sid {
            self.sid = Some(sid.clone());
        }
        Ok(session)
    }

    fn sid(&self) -> Sid {
        self.sid.clone().expect("the recording started")
    }

    async fn query(&self, client: &Client) -> Result<QueriedRecording, Error> {
        client
            .send(
                &Query::builder()
                    .appid(self.app_id.clone())
                    .resource_id(self.resource_id.clone())
                    .sid(self.sid())
                    .mode(self.mode.clone())
                    .build(),
            )
            .await
    }

    async fn update(
        &self,
        client: &Client,
        request: UpdateClientRequest,
    ) -> Result<RecordingSession, Error> {
        client
            .send(
                &Update::builder()
                    .appid(self.app_id.clone())
                    .resource_id(self.resource_id.clone())
                    .sid(self.sid())
                    .mode(self.mode.clone())
                    .cname(room())
                    .uid(recorder())
                    .client_request(request)
                    .build(),
            )
            .await
    }

    async fn update_layout(&self, client: &Client) -> Result<RecordingSession, Error> {
        client
            .send(
                &UpdateLayout::builder()
                    .appid(self.app_id.clone())
                    .resource_id(self.resource_id.clone())
                    .sid(self.sid())
                    .cname(room())
                    .uid(recorder())
                    .client_request(UpdateLayoutClientRequest {
                        mixed_video_layout: Some(MixedVideoLayout::BestFit),
                        ..UpdateLayoutClientRequest::default()
                    })
                    .build(),
            )
            .await
    }

    async fn stop(&self, client: &Client) -> Result<StoppedRecording, Error> {
        client
            .send(
                &Stop::builder()
                    .appid(self.app_id.clone())
                    .resource_id(self.resource_id.clone())
                    .sid(self.sid())
                    .mode(self.mode.clone())
                    .cname(room())
                    .uid(recorder())
                    .client_request(StopClientRequest::default())
                    .build(),
            )
            .await
    }
}

fn assert_no_worker(error: &Error) {
    assert_eq!(api_error(error).status, 404, "{error}");
    assert_eq!(code(error), Some(404));
    assert_eq!(
        api_error(error).reason.as_deref(),
        Some("failed to find worker")
    );
}

async fn server_at(clock: &ManualClock) -> MockServer {
    MockServer::builder()
        .clock(clock.clone())
        .start()
        .await
        .expect("a server")
}

#[tokio::test]
async fn a_mix_recording_goes_from_acquire_to_stop_and_then_is_gone() {
    let server = MockServer::start().await;
    server
        .channel("room")
        .host(1)
        .and_then(|c| c.host(2))
        .expect("joined");
    let client = server.client();
    let mut recording = Recording::acquire(&client, server.app_id(), Scene::Rtc)
        .await
        .expect("acquired");
    let session = recording
        .start(&client, RecordingMode::Mix, mix_request(false))
        .await
        .expect("started");
    assert_eq!(session.resource_id.as_ref(), Some(&recording.resource_id));
    let sid = session.sid.clone().expect("a sid");
    assert_eq!(sid.as_str().len(), 32);

    let state = recording.query(&client).await.expect("queried");
    let response = &state.server_response;
    assert_eq!(response.status, Some(RecordingStatus::InProgress));
    assert_eq!(response.file_list_mode, Some(FileListMode::String));
    let playlist = format!("{sid}_room.m3u8");
    assert_eq!(
        response.file_list,
        Some(FileList::Playlist(playlist.clone()))
    );

    recording
        .update(
            &client,
            UpdateClientRequest {
                stream_subscribe: Some(StreamSubscribe {
                    video_uid_list: Some(VideoUidList {
                        subscribe_video_uids: Some(vec!["1".into()]),
                        unsubscribe_video_uids: None,
                    }),
                    audio_uid_list: None,
                }),
                ..UpdateClientRequest::default()
            },
        )
        .await
        .expect("updated");
    recording
        .update_layout(&client)
        .await
        .expect("a mix session's layout changes");

    let stopped = recording.stop(&client).await.expect("stopped");
    assert_eq!(stopped.code, None);
    assert_eq!(
        stopped.server_response.upload_status(),
        Some(&UploadingStatus::Uploaded)
    );
    assert_eq!(
        stopped.server_response.file_list,
        Some(FileList::Playlist(playlist))
    );

    assert_no_worker(&recording.query(&client).await.expect_err("stopped"));
    assert_no_worker(
        &recording
            .update(&client, UpdateClientRequest::default())
            .await
            .expect_err("stopped"),
    );
    let twice = recording.stop(&client).await.expect_err("a second stop");
    assert_eq!(api_error(&twice).status, 400);
    assert_eq!(code(&twice), Some(49));
    assert_eq!(
        api_error(&twice).reason.as_deref(),
        Some("invalid operation")
    );
}

#[tokio::test]
async fn mp4_and_individual_recordings_list_json_files() {
    let server = MockServer::start().await;
    server
        .channel("room")
        .host(1)
        .and_then(|c| c.host(2))
        .and_then(|c| c.audience(3))
        .expect("joined");
    let client = server.client();

    let mut mix = Recording::acquire(&client, server.app_id(), Scene::Rtc)
        .await
        .expect("acquired");
    let session = mix
        .start(&client, RecordingMode::Mix, mix_request(true))
        .await
        .expect("started");
    let sid = session.sid.clone().expect("a sid");
    let stopped = mix.stop(&client).await.expect("stopped");
    assert_eq!(
        stopped.server_response.file_list_mode,
        Some(FileListMode::Json)
    );
    let names = stopped
        .server_response
        .file_list
        .as_ref()
        .map(FileList::file_names)
        .unwrap_or_default();
    assert_eq!(
        names,
        [format!("{sid}_room.m3u8"), format!("{sid}_room_0.mp4")]
    );

    // A new resource for a new session (same cname and uid: the first one
    // has stopped, so there is no task conflict).
    let mut individual = Recording::acquire(&client, server.app_id(), Scene::Rtc)
        .await
        .expect("acquired");
    let session = individual
        .start(&client, RecordingMode::Individual, individual_request())
        .await
        .expect("started");
    let state = individual.query(&client).await.expect("queried");
    assert!(state.server_response.slice_start_time.is_some());
    let Some(FileList::Files(files)) = &state.server_response.file_list else {
        panic!("json file list: {:?}", state.server_response);
    };
    let uids: Vec<&str> = files
        .iter()
        .map(|file: &RecordedFile| file.uid.as_str())
        .collect();
    assert_eq!(
        uids,
        ["1", "2"],
        "one file per host; the audience sends nothing"
    );
    assert_eq!(
        files[0].file_name,
        format!(
            "{}_room__uid_s_1__uid_e_av.m3u8",
            session.sid.clone().expect("a sid")
        )
    );
    assert_eq!(files[0].track_type, Some(TrackType::AudioAndVideo));
    assert!(!files[0].mixed_all_user);
    let layout = individual
        .update_layout(&client)
        .await
        .expect_err("updateLayout is for mix sessions");
    assert_eq!(api_error(&layout).status, 400);
    assert_eq!(code(&layout), Some(2));
    assert!(
        api_error(&layout)
            .reason
            .as_deref()
            .is_some_and(|r| r.contains("mix mode only"))
    );
}

#[tokio::test]
async fn a_web_recording_pauses_resumes_and_pushes_to_a_cdn() {
    let server = MockServer::start().await;
    let client = server.client();
    let mut recording = Recording::acquire(&client, server.app_id(), Scene::Web)
        .await
        .expect("acquired");
    recording
        .start(&client, RecordingMode::Web, web_request())
        .await
        .expect("started");
    let states = recording
        .query(&client)
        .await
        .expect("queried")
        .server_response
        .extension_service_state;
    assert!(matches!(
        &states[0],
        ExtensionServiceState::WebRecorder(web)
            if web.onhold == Some(false) && web.state == Some(ServiceState::InProgress) && !web.file_list.is_empty()
    ));
    assert!(matches!(
        &states[1],
        ExtensionServiceState::RtmpPublish(push)
            if push.outputs[0].status == Some(PublishStatus::Publishing)
    ));

    recording
        .update(
            &client,
            UpdateClientRequest {
                web_recording_config: Some(WebRecordingUpdate { onhold: Some(true) }),
                ..UpdateClientRequest::default()
            },
        )
        .await
        .expect("paused");
    let states = recording
        .query(&client)
        .await
        .expect("queried")
        .server_response
        .extension_service_state;
    assert!(
        matches!(&states[0], ExtensionServiceState::WebRecorder(web) if web.onhold == Some(true))
    );
    assert!(matches!(
        &states[1],
        ExtensionServiceState::RtmpPublish(push) if push.outputs[0].status == Some(PublishStatus::Onhold)
    ));

    let subscribe = recording
        .update(
            &client,
            UpdateClientRequest {
                stream_subscribe: Some(StreamSubscribe::default()),
                ..UpdateClientRequest::default()
            },
        )
        .await
        .expect_err("web sessions subscribe to no streams");
    assert_eq!(code(&subscribe), Some(2));

    let stopped = recording.stop(&client).await.expect("stopped");
    assert_eq!(
        stopped.server_response.upload_status(),
        Some(&UploadingStatus::Uploaded)
    );
    assert!(
        stopped
            .server_response
            .extension_service_state
            .iter()
            .any(|state| matches!(
                state,
                ExtensionServiceState::WebRecorder(web) if web.state == Some(ServiceState::Exit)
            ))
    );
}

#[tokio::test]
async fn a_resource_id_expires_five_minutes_after_acquire() {
    let clock = ManualClock::at_unix(T0);
    let server = server_at(&clock).await;
    server.channel("room").host(1).expect("joined");
    let client = server.client();
    let mut early = Recording::acquire(&client, server.app_id(), Scene::Rtc)
        .await
        .expect("acquired");
    let mut late = Recording::acquire(&client, server.app_id(), Scene::Rtc)
        .await
        .expect("acquired");

    clock.advance(Duration::from_secs(299));
    early
        .start(&client, RecordingMode::Mix, mix_request(false))
        .await
        .expect("still valid after 4 min 59 s");
    early.stop(&client).await.expect("stopped");

    clock.advance(Duration::from_secs(2));
    let expired = late
        .start(&client, RecordingMode::Mix, mix_request(false))
        .await
        .expect_err("expired after 5 minutes");
    assert_eq!(api_error(&expired).status, 400);
    assert_eq!(code(&expired), Some(433));
}

#[tokio::test]
async fn a_resource_serves_one_session_and_a_task_runs_once() {
    let server = MockServer::start().await;
    server.channel("room").host(1).expect("joined");
    let client = server.client();
    let mut first = Recording::acquire(&client, server.app_id(), Scene::Rtc)
        .await
        .expect("acquired");
    let mut second = Recording::acquire(&client, server.app_id(), Scene::Rtc)
        .await
        .expect("acquired");
    first
        .start(&client, RecordingMode::Mix, mix_request(false))
        .await
        .expect("started");

    // 201 with code 7 is a 2xx whose body says the start failed: the
    // client reports it as an API error, never as a started session.
    let again = first
        .start(&client, RecordingMode::Mix, mix_request(false))
        .await
        .expect_err("a repeated start is a failure");
    assert_eq!(api_error(&again).status, 201);
    assert!(api_error(&again).in_band, "reported in the body");
    assert_eq!(code(&again), Some(7));
    assert_eq!(api_error(&again).reason.as_deref(), Some("already started"));
    assert_eq!(server.journal().last().and_then(|e| e.status), Some(201));

    let conflict = second
        .start(&client, RecordingMode::Mix, mix_request(false))
        .await
        .expect_err("the same cname and uid are recording");
    assert_eq!(code(&conflict), Some(53));
    assert_eq!(
        api_error(&conflict).reason.as_deref(),
        Some("task conflict")
    );

    first.stop(&client).await.expect("stopped");
    second
        .start(&client, RecordingMode::Mix, mix_request(false))
        .await
        .expect("no conflict once the first task stopped");
}

#[tokio::test]
async fn start_must_match_its_acquire() {
    let server = MockServer::start().await;
    let client = server.client();
    let app_id = server.app_id().clone();
    let resource = Recording::acquire(&client, &app_id, Scene::Rtc)
        .await
        .expect("acquired");
    let start = |cname: &str, uid: u32, mode: RecordingMode, request: StartClientRequest| {
        Start::builder()
            .appid(app_id.clone())
            .resource_id(resource.resource_id.clone())
            .mode(mode)
            .cname(ChannelName::new(cname).expect("a name"))
            .uid(UidString::new(uid).expect("a uid"))
            .client_request(request)
            .build()
    };
    for (what, request) in [
        (
            "another channel",
            start("other", RECORDER, RecordingMode::Mix, mix_request(false)),
        ),
        (
            "another uid",
            start("room", 7, RecordingMode::Mix, mix_request(false)),
        ),
        (
            "web mode on an RTC resource",
            start("room", RECORDER, RecordingMode::Web, web_request()),
        ),
    ] {
        let error = client.send(&request).await.expect_err(what);
        assert_eq!(code(&error), Some(432), "{what}");
    }

    let with_parameter = client
        .send(
            &Acquire::builder()
                .appid(app_id.clone())
                .cname(room())
                .uid(recorder())
                .client_request(AcquireClientRequest {
                    start_parameter: Some(mix_request(true)),
                    ..AcquireClientRequest::default()
                })
                .build(),
        )
        .await
        .expect("acquired");
    let mut early = Recording {
        app_id: app_id.clone(),
        resource_id: ResourceId::new(with_parameter.resource_id).expect("an ID"),
        mode: RecordingMode::Mix,
        sid: None,
    };
    let mismatch = early
        .start(&client, RecordingMode::Mix, mix_request(false))
        .await
        .expect_err("startParameter said mp4 too");
    assert_eq!(code(&mismatch), Some(432));
    early
        .start(&client, RecordingMode::Mix, mix_request(true))
        .await
        .expect("the same clientRequest as startParameter");
}

#[tokio::test]
async fn unknown_and_foreign_resources_are_refused() {
    let server = MockServer::start().await;
    let client = server.client();
    let mut unknown = Recording {
        app_id: server.app_id().clone(),
        resource_id: ResourceId::new("no-such-resource").expect("an ID"),
        mode: RecordingMode::Mix,
        sid: None,
    };
    let error = unknown
        .start(&client, RecordingMode::Mix, mix_request(false))
        .await
        .expect_err("never acquired");
    assert_eq!(code(&error), Some(1001));

    let other = client
        .send(
            &CreateProject::builder()
                .name(ProjectName::new("other").expect("a name"))
                .enable_sign_key(true)
                .build(),
        )
        .await
        .expect("created")
        .project
        .expect("a project");
    let mut foreign = Recording::acquire(&client, server.app_id(), Scene::Rtc)
        .await
        .expect("acquired");
    foreign.app_id = AppId::new(other.vendor_key).expect("an App ID");
    let error = foreign
        .start(&client, RecordingMode::Mix, mix_request(false))
        .await
        .expect_err("another project's resource");
    assert_eq!(code(&error), Some(1003));

    foreign.sid = Some(Sid::new("0123456789abcdef0123456789abcdef").expect("a sid"));
    assert_no_worker(&foreign.query(&client).await.expect_err("no such session"));
    assert_no_worker(&foreign.stop(&client).await.expect_err("no such session"));
}

#[tokio::test]
async fn the_recorder_leaves_a_channel_idle_for_max_idle_time() {
    let clock = ManualClock::at_unix(T0);
    let server = server_at(&clock).await;
    let client = server.client();

    // Nobody streams: after the default 30 s the recorder is gone (the
    // 404 Agora's users ask about most).
    let mut idle = Recording::acquire(&client, server.app_id(), Scene::Rtc)
        .await
        .expect("acquired");
    idle.start(&client, RecordingMode::Mix, mix_request(false))
        .await
        .expect("started");
    clock.advance(Duration::from_secs(20));
    idle.query(&client).await.expect("still within maxIdleTime");
    clock.advance(Duration::from_secs(11));
    assert_no_worker(&idle.query(&client).await.expect_err("left after 30 s idle"));

    // With maxIdleTime 120 and a host arriving in time, it keeps going.
    let mut patient = Recording::acquire(&client, server.app_id(), Scene::Rtc)
        .await
        .expect("acquired");
    let mut request = mix_request(false);
    if let Some(config) = &mut request.recording_config {
        config.max_idle_time = Some(120);
    }
    patient
        .start(&client, RecordingMode::Mix, request)
        .await
        .expect("started");
    clock.advance(Duration::from_secs(100));
    server.channel("room").host(1).expect("joined");
    clock.advance(Duration::from_secs(100));
    server.channel("room").leave(1);
    clock.advance(Duration::from_secs(100));
    patient
        .query(&client)
        .await
        .expect("idle 100 s < 120 s since the host left");
}

#[tokio::test]
async fn stopping_a_recording_that_saw_no_stream_is_206_code_435() {
    let server = MockServer::start().await;
    server.channel("room").audience(5).expect("joined");
    let client = server.client();
    let mut recording = Recording::acquire(&client, server.app_id(), Scene::Rtc)
        .await
        .expect("acquired");
    recording
        .start(&client, RecordingMode::Mix, mix_request(false))
        .await
        .expect("started");
    let stopped = recording.stop(&client).await.expect("206 is a 2xx answer");
    assert_eq!(stopped.code, Some(435));
    assert_eq!(stopped.reason.as_deref(), Some("no recorded data"));
    assert_eq!(server.journal().last().and_then(|e| e.status), Some(206));
}

#[tokio::test]
async fn sessions_end_after_resource_expired_hour() {
    let clock = ManualClock::at_unix(T0);
    let server = server_at(&clock).await;
    server.channel("room").host(1).expect("joined");
    let client = server.client();
    let acquired = client
        .send(
            &Acquire::builder()
                .appid(server.app_id().clone())
                .cname(room())
                .uid(recorder())
                .client_request(AcquireClientRequest {
                    resource_expired_hour: Some(1),
                    ..AcquireClientRequest::default()
                })
                .build(),
        )
        .await
        .expect("acquired");
    let mut recording = Recording {
        app_id: server.app_id().clone(),
        resource_id: ResourceId::new(acquired.resource_id).expect("an ID"),
        mode: RecordingMode::Mix,
        sid: None,
    };
    recording
        .start(&client, RecordingMode::Mix, mix_request(false))
        .await
        .expect("started");
    clock.advance(Duration::from_secs(3_599));
    recording.query(&client).await.expect("within the hour");
    clock.advance(Duration::from_secs(1));
    assert_no_worker(&recording.query(&client).await.expect_err("after the hour"));
}

/// Malformed requests are `invalid` cases in `specs/`, refused by the
/// client and the emulator alike (`tests/tests/workspace/invalid.rs`);
/// here, what the account's state, the recording's mode or the wire
/// refuses.
#[tokio::test]
async fn what_cloud_recording_refuses_the_emulator_refuses() {
    let server = MockServer::start().await;
    let client = server.client();
    let raw = Raw::new(&server);
    let appid = server.app_id().as_str();
    let acquire_path = format!("/v1/apps/{appid}/cloud_recording/acquire");

    let unknown_app = client
        .send(
            &Acquire::builder()
                .appid(AppId::new("ffffffffffffffffffffffffffffffff").expect("an App ID"))
                .cname(room())
                .uid(recorder())
                .client_request(AcquireClientRequest::default())
                .build(),
        )
        .await
        .expect_err("not a project of the account");
    assert_eq!(code(&unknown_app), Some(400));
    assert_eq!(
        api_error(&unknown_app).reason.as_deref(),
        Some("invalid_appid")
    );

    let resource = Recording::acquire(&client, server.app_id(), Scene::Rtc)
        .await
        .expect("acquired");
    // The client takes modes it does not know (`RecordingMode` is open, for
    // modes Agora adds later); the emulator, like Agora today, refuses them.
    let bad_mode = raw
        .basic(
            "POST",
            &format!(
                "/v1/apps/{appid}/cloud_recording/resourceid/{}/mode/video/start",
                resource.resource_id
            ),
            Some(json!({ "cname": "room", "uid": RECORDER.to_string(), "clientRequest": {} })),
        )
        .await;
    assert_eq!(bad_mode.body["code"], 2);
    let mut missing_group = Recording::acquire(&client, server.app_id(), Scene::Rtc)
        .await
        .expect("acquired");
    let error = missing_group
        .start(
            &client,
            RecordingMode::Individual,
            StartClientRequest {
                recording_config: Some(RecordingConfig::new(ChannelType::Communication)),
                ..StartClientRequest::new(storage())
            },
        )
        .await
        .expect_err("individual mode needs subscribeUidGroup");
    assert_eq!(code(&error), Some(2));
    let error = missing_group
        .start(
            &client,
            RecordingMode::Mix,
            StartClientRequest::new(storage()),
        )
        .await
        .expect_err("mix mode needs recordingConfig");
    assert_eq!(code(&error), Some(2));

    let broken = raw
        .send(
            "POST",
            &acquire_path,
            &[
                ("authorization", raw.basic_header()),
                ("content-type", "application/json"),
            ],
            Some("{\"cname\""),
        )
        .await;
    assert_eq!(broken.body["code"], 2);
    let wrong_type = raw
        .send(
            "POST",
            &acquire_path,
            &[
                ("authorization", raw.basic_header()),
                ("content-type", "application/x-www-form-urlencoded"),
            ],
            Some("cname=room"),
        )
        .await;
    assert_eq!(wrong_type.status, 400);
    assert_eq!(wrong_type.body["code"], 8);

    let layout_in_individual_path = raw
        .basic(
            "POST",
            &format!(
                "/v1/apps/{appid}/cloud_recording/resourceid/{}/sid/0123/mode/individual/updateLayout",
                resource.resource_id
            ),
            Some(json!({})),
        )
        .await;
    assert_eq!(layout_in_individual_path.status, 404);
    assert_eq!(
        layout_in_individual_path.body["message"],
        "no Route matched with those values"
    );
}

#[tokio::test]
async fn ncs_ips_are_listed() {
    let server = MockServer::start().await;
    let ips = server
        .client()
        .send(&GetNcsIps::builder().build())
        .await
        .expect("IPs");
    assert_eq!(ips.primary_ips(), ["192.0.2.10", "192.0.2.11"]);
}
