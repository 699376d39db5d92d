//! Media Gateway against the emulator: keys live in their region and
//! expire; templates are created, reset, updated part by part and capped
//! at ten; a push takes its key's template or the global one; streams
//! start, run, take a mute a second later, and reconnect after a
//! disconnect while their key lives; HMAC signatures are verified; a
//! `409` is retried for an idempotent call only.

use std::time::Duration;

use agora_api::channel::ListNotificationIps;
use agora_api::media_gateway::{
    AppConfig, AudioTranscoding, CreateStreamKey, DeleteStreamKey, DisconnectOnlineStream,
    GatewayApiVersion, GetOnlineStream, GetStreamKey, JitterBuffer, ListOnlineStreams,
    MuteOnlineStream, MuteSettings, Pixels, PutStreamTemplate, SetGlobalTemplate, StreamKeyInfo,
    StreamKeySettings, StreamSessionId, StreamStatus, TemplateId, TemplateSettings, Transcoding,
    UpdateStreamTemplate, VideoTranscoding,
};
use agora_api::{
    AppId, AuthContext, AuthScheme, Authorizer, ChannelName, Client, HmacAuth, RetryPolicy,
    ServiceRegion, reqwest,
};
use agora_mock::{Fault, FaultRule, ManualClock, MockServer, PushRefused};

use crate::support::api_error;

const T0: u64 = 1_700_000_000;

async fn server_at(clock: &ManualClock) -> MockServer {
    MockServer::builder()
        .clock(clock.clone())
        .start()
        .await
        .expect("a server")
}

fn create_key(
    app_id: &AppId,
    region: ServiceRegion,
    settings: StreamKeySettings,
) -> CreateStreamKey {
    CreateStreamKey::builder()
        .region(region)
        .app_id(app_id.clone())
        .settings(settings)
        .build()
}

fn in_channel(expires_after: u64) -> StreamKeySettings {
    StreamKeySettings::new(expires_after).channel(ChannelName::new("shx001").expect("a channel"))
}

async fn new_key(
    client: &Client,
    app_id: &AppId,
    region: ServiceRegion,
    settings: StreamKeySettings,
) -> StreamKeyInfo {
    client
        .send(&create_key(app_id, region, settings))
        .await
        .expect("a key")
}

fn get_key(app_id: &AppId, region: ServiceRegion, key: &StreamKeyInfo) -> GetStreamKey {
    GetStreamKey::builder()
        .region(region)
        .app_id(app_id.clone())
        .stream_key(key.stream_key.clone())
        .build()
}

fn id(text: &str) -> TemplateId {
    TemplateId::new(text).expect("a template ID")
}

fn put(app_id: &AppId, template: &str, settings: TemplateSettings) -> PutStreamTemplate {
    PutStreamTemplate::builder()
        .region(ServiceRegion::NorthAmerica)
        .app_id(app_id.clone())
        .template_id(id(template))
        .settings(settings)
        .build()
}

fn video(width: u32) -> TemplateSettings {
    TemplateSettings {
        transcoding: Some(Transcoding {
            video: Some(VideoTranscoding {
                enabled: true,
                width: Some(Pixels::new(width).expect("pixels")),
                ..VideoTranscoding::default()
            }),
            audio: Some(AudioTranscoding {
                enabled: Some(false),
                ..AudioTranscoding::default()
            }),
        }),
        jitter_buffer: None,
    }
}

fn status(error: &agora_api::Error) -> (u16, String) {
    let error = api_error(error);
    (error.status, error.message.clone().unwrap_or_default())
}

#[tokio::test]
async fn a_key_lives_in_its_region_until_it_expires() {
    let clock = ManualClock::at_unix(T0);
    let server = server_at(&clock).await;
    let client = server.client();
    let app = server.app_id().clone();
    let brief = new_key(&client, &app, ServiceRegion::Europe, in_channel(60)).await;
    let forever = new_key(&client, &app, ServiceRegion::Europe, in_channel(0)).await;
    assert_eq!(brief.channel, "shx001");
    assert_eq!(brief.expires_after, Some(60));
    assert_eq!(
        brief.created_at.as_ref().and_then(|at| at.unix_seconds()),
        Some(T0)
    );
    assert!(
        !brief.uid.is_empty(),
        "Agora picks a UID when none is given"
    );

    let read = client
        .send(&get_key(&app, ServiceRegion::Europe, &brief))
        .await
        .expect("the key, in its region");
    assert_eq!(read.stream_key.expose(), brief.stream_key.expose());
    let elsewhere = client
        .send(&get_key(&app, ServiceRegion::NorthAmerica, &brief))
        .await
        .expect_err("not in another region");
    assert_eq!(
        status(&elsewhere),
        (400, "Streaming key exists in region:eu.".to_owned())
    );

    clock.advance(Duration::from_secs(61));
    let gone = client
        .send(&get_key(&app, ServiceRegion::Europe, &brief))
        .await
        .expect_err("expired");
    assert_eq!(
        status(&gone),
        (404, "Resource not found and destroyed.".to_owned())
    );
    assert_eq!(
        server
            .media_gateway()
            .push(ServiceRegion::Europe, &brief.stream_key),
        Err(PushRefused::UnknownKey),
        "an expired key pushes nothing"
    );
    clock.advance(Duration::from_secs(86_400 * 365));
    client
        .send(&get_key(&app, ServiceRegion::Europe, &forever))
        .await
        .expect("expiresAfter 0 never expires");

    let delete = DeleteStreamKey::builder()
        .region(ServiceRegion::Europe)
        .app_id(app.clone())
        .stream_key(forever.stream_key.clone())
        .build();
    client.send(&delete).await.expect("deleted");
    let again = client.send(&delete).await.expect_err("already gone");
    assert_eq!(status(&again).0, 404);
}

#[tokio::test]
async fn an_integer_uid_is_read_as_its_number_and_a_stranger_project_is_refused() {
    let server = MockServer::start().await;
    let client = server.client();
    let key = new_key(
        &client,
        server.app_id(),
        ServiceRegion::AsiaPacific,
        StreamKeySettings::new(0).uid("0123".parse().expect("a uid")),
    )
    .await;
    assert_eq!(key.uid, "123", "\"0123\" is integer UID 123");
    let stranger = AppId::new("fedcba9876543210fedcba9876543210").expect("an App ID");
    let refused = client
        .send(&create_key(
            &stranger,
            ServiceRegion::AsiaPacific,
            in_channel(0),
        ))
        .await
        .expect_err("not a project of the account");
    assert_eq!(
        status(&refused),
        (
            403,
            "Media Gateway is not enabled for this project. Contact us to enable.".to_owned()
        )
    );
}

#[tokio::test]
async fn templates_are_reset_updated_part_by_part_and_capped_at_ten() {
    let server = MockServer::start().await;
    let client = server.client();
    let app = server.app_id().clone();
    for n in 0..10 {
        client
            .send(&put(&app, &format!("t{n}"), video(640)))
            .await
            .expect("one of ten");
    }
    let eleventh = client
        .send(&put(&app, "t10", video(640)))
        .await
        .expect_err("ten at most");
    assert_eq!(
        status(&eleventh),
        (403, "Too many templates have been created.".to_owned())
    );
    client
        .send(&put(&app, "t0", video(1280)))
        .await
        .expect("an existing template is reset, not counted again");

    // Only the jitter buffer changes; video and audio stay as they were.
    let buffer = TemplateSettings {
        transcoding: None,
        jitter_buffer: Some(JitterBuffer {
            size: Some(300),
            max_size: Some(900),
        }),
    };
    let update = |template: &str, settings: TemplateSettings| {
        UpdateStreamTemplate::builder()
            .region(ServiceRegion::NorthAmerica)
            .app_id(app.clone())
            .template_id(id(template))
            .settings(settings)
            .build()
    };
    client
        .send(&update("t0", buffer.clone()))
        .await
        .expect("updated");
    let stored = server.media_gateway().template("t0").expect("stored");
    let transcoding = stored.transcoding.expect("transcoding kept");
    assert_eq!(
        transcoding
            .video
            .and_then(|video| video.width)
            .map(u32::from),
        Some(1280),
        "the reset's video kept"
    );
    assert_eq!(
        transcoding.audio.and_then(|audio| audio.enabled),
        Some(false)
    );
    assert_eq!(stored.jitter_buffer, buffer.jitter_buffer);

    let missing = client
        .send(&update("nope", buffer))
        .await
        .expect_err("only an existing template is updated");
    assert_eq!(
        status(&missing),
        (404, "Stream template not found.".to_owned())
    );
}

#[tokio::test]
async fn a_push_takes_its_keys_template_else_the_global_one() {
    let server = MockServer::start().await;
    let client = server.client();
    let app = server.app_id().clone();
    let global = |template: &str| {
        SetGlobalTemplate::builder()
            .region(ServiceRegion::NorthAmerica)
            .app_id(app.clone())
            .settings(AppConfig::new(id(template)))
            .build()
    };
    let unknown = client
        .send(&global("1080p"))
        .await
        .expect_err("no such template yet");
    assert_eq!(status(&unknown).0, 404);
    client
        .send(&put(&app, "720p", video(1280)))
        .await
        .expect("720p");
    client
        .send(&put(&app, "1080p", video(1920)))
        .await
        .expect("1080p");
    client
        .send(&global("1080p"))
        .await
        .expect("the global template");
    assert_eq!(
        server.media_gateway().global_template().as_deref(),
        Some("1080p")
    );

    let own = new_key(
        &client,
        &app,
        ServiceRegion::NorthAmerica,
        in_channel(0).template(id("720p")),
    )
    .await;
    let plain = new_key(&client, &app, ServiceRegion::NorthAmerica, in_channel(0)).await;
    let gateway = server.media_gateway();
    let own_sid = gateway
        .push(ServiceRegion::NorthAmerica, &own.stream_key)
        .expect("pushed");
    let plain_sid = gateway
        .push(ServiceRegion::NorthAmerica, &plain.stream_key)
        .expect("pushed");
    assert_eq!(
        gateway.stream(&own_sid).and_then(|s| s.template).as_deref(),
        Some("720p")
    );
    assert_eq!(
        gateway
            .stream(&plain_sid)
            .and_then(|s| s.template)
            .as_deref(),
        Some("1080p")
    );
    assert_eq!(
        gateway.push(ServiceRegion::Europe, &own.stream_key),
        Err(PushRefused::UnknownKey),
        "a key pushes only to its own region"
    );

    let stray = client
        .send(&create_key(
            &app,
            ServiceRegion::NorthAmerica,
            in_channel(0).template(id("480p")),
        ))
        .await
        .expect_err("a key may name only an existing template");
    assert_eq!(
        status(&stray),
        (404, "Stream template not found.".to_owned())
    );
}

#[tokio::test]
async fn a_stream_runs_takes_a_mute_a_second_later_and_reconnects_while_its_key_lives() {
    let clock = ManualClock::at_unix(T0);
    let server = server_at(&clock).await;
    let client = server.client();
    let app = server.app_id().clone();
    let region = ServiceRegion::NorthAmerica;
    let key = new_key(&client, &app, region, in_channel(0)).await;
    let sid = server
        .media_gateway()
        .push(region, &key.stream_key)
        .expect("pushed");
    let get = |sid: &StreamSessionId| {
        GetOnlineStream::builder()
            .region(region)
            .app_id(app.clone())
            .sid(sid.clone())
            .build()
    };
    let started = client.send(&get(&sid)).await.expect("the stream");
    assert_eq!(started.status, Some(StreamStatus::Started));
    assert!(started.video.is_none(), "no source video before it runs");
    clock.advance(Duration::from_secs(3));
    let running = client.send(&get(&sid)).await.expect("the stream");
    assert_eq!(running.status, Some(StreamStatus::Running));
    assert_eq!(running.channel, "shx001");
    assert!(running.video.is_some());

    let mute = MuteOnlineStream::builder()
        .region(region)
        .version(GatewayApiVersion::V1)
        .app_id(app.clone())
        .sid(sid.clone())
        .settings(MuteSettings::new(true, false))
        .build();
    client.send(&mute).await.expect("sent to the gateway node");
    let seen = |sid: &StreamSessionId| server.media_gateway().stream(sid).expect("pushed");
    assert!(!seen(&sid).video_muted, "asynchronous: not yet");
    clock.advance(Duration::from_secs(1));
    assert!(seen(&sid).video_muted && !seen(&sid).audio_muted);

    let list = ListOnlineStreams::builder()
        .region(region)
        .app_id(app.clone())
        .build();
    let disconnect = |sid: &StreamSessionId| {
        DisconnectOnlineStream::builder()
            .region(region)
            .app_id(app.clone())
            .sid(sid.clone())
            .build()
    };
    client.send(&disconnect(&sid)).await.expect("disconnected");
    let after = client.send(&list).await.expect("the list").streams;
    assert_eq!(after.len(), 1, "the encoder reconnected with its live key");
    assert_ne!(after[0].sid, sid.as_str(), "as a new session");
    let again = StreamSessionId::new(after[0].sid.clone()).expect("a session ID");
    assert!(!seen(&again).video_muted, "a new push starts unmuted");

    // Delete the key first, then disconnect: the stream is gone for good.
    let delete = DeleteStreamKey::builder()
        .region(region)
        .app_id(app.clone())
        .stream_key(key.stream_key.clone())
        .build();
    client.send(&delete).await.expect("key deleted");
    assert_eq!(
        client.send(&list).await.expect("the list").streams.len(),
        1,
        "deleting a key leaves its push running"
    );
    client
        .send(&disconnect(&again))
        .await
        .expect("disconnected");
    assert!(
        client
            .send(&list)
            .await
            .expect("the list")
            .streams
            .is_empty()
    );
    let gone = client.send(&get(&again)).await.expect_err("no such stream");
    assert_eq!(status(&gone).0, 404);
}

#[tokio::test]
async fn the_list_filters_by_channel() {
    let server = MockServer::start().await;
    let client = server.client();
    let app = server.app_id().clone();
    let region = ServiceRegion::Europe;
    let here = new_key(&client, &app, region, in_channel(0)).await;
    let there = new_key(
        &client,
        &app,
        region,
        StreamKeySettings::new(0).channel(ChannelName::new("room #2").expect("a channel")),
    )
    .await;
    let gateway = server.media_gateway();
    gateway.push(region, &here.stream_key).expect("pushed");
    let other = gateway.push(region, &there.stream_key).expect("pushed");
    let list = ListOnlineStreams::builder()
        .region(region)
        .app_id(app.clone())
        .channel(ChannelName::new("room #2").expect("a channel"))
        .build();
    let streams = client.send(&list).await.expect("the list").streams;
    assert_eq!(streams.len(), 1);
    assert_eq!(streams[0].sid, other.as_str());
    assert!(gateway.stop(&other));
    assert!(
        client
            .send(&list)
            .await
            .expect("the list")
            .streams
            .is_empty()
    );
}

fn hmac_client(server: &MockServer, secret: &str) -> Client {
    Client::builder()
        .base_urls(server.urls())
        .hmac_auth(server.credentials().customer_id.clone(), secret)
        .retry(RetryPolicy::never())
        .build()
        .expect("an HMAC client")
}

#[tokio::test]
async fn an_hmac_signed_call_is_accepted_and_a_wrong_secret_or_a_stale_date_refused() {
    let server = MockServer::start().await;
    let secret = server.credentials().customer_secret.expose().to_owned();
    let key = hmac_client(&server, &secret)
        .send(&create_key(
            server.app_id(),
            ServiceRegion::NorthAmerica,
            in_channel(0),
        ))
        .await
        .expect("a signed create is accepted");
    let sent = server.requests_to::<CreateStreamKey>();
    assert!(
        sent[0]
            .header("authorization")
            .is_some_and(|value| value.starts_with("hmac")),
        "signed: {:?}",
        sent[0].headers
    );

    let wrong = hmac_client(&server, "not-the-secret")
        .send(&get_key(server.app_id(), ServiceRegion::NorthAmerica, &key))
        .await
        .expect_err("a signature with another secret");
    assert_eq!(
        status(&wrong),
        (401, "HMAC signature cannot be verified".to_owned())
    );

    // The emulator's clock is in 2023: the client's date is years away.
    let clock = ManualClock::at_unix(T0);
    let stale = server_at(&clock).await;
    let stale_secret = stale.credentials().customer_secret.expose().to_owned();
    let refused = hmac_client(&stale, &stale_secret)
        .send(&create_key(
            stale.app_id(),
            ServiceRegion::NorthAmerica,
            in_channel(0),
        ))
        .await
        .expect_err("a date far from the server's clock");
    let (code, message) = status(&refused);
    assert_eq!(code, 401);
    assert!(
        message.contains("a valid date or x-date header is required"),
        "{message}"
    );
    assert!(!stale.requests_to::<CreateStreamKey>()[0].applied);
}

#[tokio::test]
async fn a_body_changed_after_signing_is_refused() {
    let server = MockServer::start().await;
    let _ = server.client(); // installs the TLS provider reqwest needs
    let credentials = server.credentials();
    let hmac = HmacAuth::new(
        credentials.customer_id.clone(),
        credentials.customer_secret.expose().to_owned(),
    )
    .expect("HMAC credentials");
    let url = format!(
        "{}/na/v1/projects/{}/rtls/ingress/streamkeys",
        server.url(),
        server.app_id()
    );
    let signed = |body: &str| {
        let mut request = reqwest::Request::new(reqwest::Method::POST, url.parse().expect("a URL"));
        request.headers_mut().insert(
            reqwest::header::CONTENT_TYPE,
            reqwest::header::HeaderValue::from_static("application/json"),
        );
        *request.body_mut() = Some(body.to_owned().into());
        hmac.authorize(
            &mut request,
            &AuthContext::new("CreateStreamKey", AuthScheme::HMAC),
        )
        .expect("signed");
        request
    };
    let http = reqwest::Client::new();
    let honest = signed(r#"{"settings":{"channel":"shx001","expiresAfter":0}}"#);
    let answer = http.execute(honest).await.expect("an answer");
    assert_eq!(answer.status(), 200, "the signed bytes are accepted");

    let mut tampered = signed(r#"{"settings":{"channel":"shx001","expiresAfter":0}}"#);
    *tampered.body_mut() = Some(r#"{"settings":{"channel":"evil","expiresAfter":0}}"#.into());
    let answer = http.execute(tampered).await.expect("an answer");
    assert_eq!(answer.status(), 401);
    let text = answer.text().await.expect("a body");
    let body: serde_json::Value = serde_json::from_str(&text).expect("a JSON body");
    assert_eq!(body["message"], "HMAC signature does not match");
    let entries = server.requests_to::<CreateStreamKey>();
    assert_eq!(entries.len(), 2);
    assert!(
        entries[0].applied && !entries[1].applied,
        "the tampered create made no key"
    );
}

fn retrying(server: &MockServer) -> Client {
    server
        .client_builder()
        .retry(
            RetryPolicy::default()
                .backoff([Duration::from_millis(10)])
                .jitter(false),
        )
        .build()
        .expect("a client")
}

#[tokio::test]
async fn a_409_is_retried_for_an_idempotent_call_and_never_for_the_key_create() {
    let server = MockServer::start().await;
    let client = retrying(&server);
    let app = server.app_id().clone();
    server.inject(
        FaultRule::new(Fault::status(409))
            .on_endpoint::<PutStreamTemplate>()
            .times(2),
    );
    client
        .send(&put(&app, "720p", video(1280)))
        .await
        .expect("retried past two 409s");
    let puts = server.requests_to::<PutStreamTemplate>();
    assert_eq!(puts.len(), 3);
    assert_eq!(puts.iter().filter(|entry| entry.applied).count(), 1);

    server.inject(
        FaultRule::new(Fault::status(409))
            .on_endpoint::<CreateStreamKey>()
            .times(1),
    );
    let error = client
        .send(&create_key(
            &app,
            ServiceRegion::NorthAmerica,
            in_channel(0),
        ))
        .await
        .expect_err("a create is not sent again");
    assert_eq!(api_error(&error).status, 409);
    assert_eq!(server.requests_to::<CreateStreamKey>().len(), 1);

    // A 409 is retryable only where the endpoint says so.
    server.inject(
        FaultRule::new(Fault::status(409))
            .on_endpoint::<ListNotificationIps>()
            .times(1),
    );
    let error = client
        .send(&ListNotificationIps::builder().build())
        .await
        .expect_err("channel management's 409 is final");
    assert_eq!(api_error(&error).status, 409);
    assert_eq!(server.requests_to::<ListNotificationIps>().len(), 1);
}
