//! The emulator's notifications: RTC channel events as users come and go
//! (seeded or kicked), Cloud Recording, Media Push, Media Pull and
//! Conversational AI lifecycles, each signed so that agora-api's own
//! `Verifier` accepts it and typed by `Notification::event`; Agora's
//! retries on a failed answer; the delivery faults; nothing sent when no
//! receiver is configured.

use std::collections::VecDeque;
use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use agora_api::Secret;
use agora_api::webhooks::{
    CloudRecordingDetails, DeliveryPolicy, Event, LeaveReason, MediaPullEventKind,
    MediaPushEventKind, Notification, RtcChannelEvent, Verifier, product_id,
};
use agora_mock::{DeliveryFault, MockServer, WebhookTarget};
use http_body_util::{BodyExt, Full};
use hyper::body::{Bytes, Incoming};
use hyper::{Request, Response};
use serde_json::json;

use crate::support::Raw;

const SECRET: &str = "emulator-ncs-secret";
const WAIT: Duration = Duration::from_secs(5);

/// A loopback NCS receiver: verifies every request with agora-api's
/// `Verifier` and keeps what it accepted, in arrival order; answers the
/// queued statuses first, then `200`.
#[derive(Clone, Default)]
struct Receiver {
    accepted: Arc<Mutex<Vec<Notification>>>,
    refused: Arc<Mutex<usize>>,
    answers: Arc<Mutex<VecDeque<u16>>>,
}

impl Receiver {
    async fn start() -> (Receiver, SocketAddr) {
        let receiver = Receiver::default();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("a loopback port");
        let addr = listener.local_addr().expect("an address");
        let verifier = Arc::new(Verifier::new(&Secret::new(SECRET)));
        let state = receiver.clone();
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let state = state.clone();
                let verifier = verifier.clone();
                tokio::spawn(async move {
                    let service = hyper::service::service_fn(move |request| {
                        let state = state.clone();
                        let verifier = verifier.clone();
                        async move { Ok::<_, Infallible>(state.answer(&verifier, request).await) }
                    });
                    let io = hyper_util::rt::TokioIo::new(stream);
                    let _ = hyper::server::conn::http1::Builder::new()
                        .serve_connection(io, service)
                        .await;
                });
            }
        });
        (receiver, addr)
    }

    async fn answer(
        &self,
        verifier: &Verifier,
        request: Request<Incoming>,
    ) -> Response<Full<Bytes>> {
        let (parts, body) = request.into_parts();
        let body = body
            .collect()
            .await
            .map(|b| b.to_bytes())
            .unwrap_or_default();
        let status = match verifier.receive(&parts.headers, &body) {
            Ok(notification) => {
                let status = self
                    .answers
                    .lock()
                    .expect("answers")
                    .pop_front()
                    .unwrap_or(200);
                if status == 200 {
                    self.accepted.lock().expect("accepted").push(notification);
                }
                status
            }
            Err(_) => {
                *self.refused.lock().expect("refused") += 1;
                401
            }
        };
        let mut response = Response::new(Full::new(Bytes::from_static(b"{}")));
        *response.status_mut() = hyper::StatusCode::from_u16(status).expect("a status");
        response
    }

    fn fail_next(&self, statuses: &[u16]) {
        self.answers.lock().expect("answers").extend(statuses);
    }

    fn accepted(&self) -> Vec<Notification> {
        self.accepted.lock().expect("accepted").clone()
    }

    async fn wait_for(&self, count: usize) -> Vec<Notification> {
        let deadline = tokio::time::Instant::now() + WAIT;
        loop {
            let accepted = self.accepted();
            if accepted.len() >= count || tokio::time::Instant::now() >= deadline {
                return accepted;
            }
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    }
}

async fn emulator_with_receiver() -> (MockServer, Receiver) {
    let (receiver, addr) = Receiver::start().await;
    let target = WebhookTarget::new(format!("http://{addr}/ncs"), SECRET)
        .policy(DeliveryPolicy::quick(Duration::from_millis(5)));
    let server = MockServer::builder()
        .webhooks(target)
        .start()
        .await
        .expect("an emulator");
    (server, receiver)
}

fn pairs(notifications: &[Notification]) -> Vec<(u32, u32)> {
    notifications
        .iter()
        .map(|n| (n.product_id, n.event_type))
        .collect()
}

#[tokio::test]
async fn users_joining_and_leaving_are_reported_as_rtc_channel_events() {
    let (server, receiver) = emulator_with_receiver().await;
    server.channel("demo").host(7).expect("joins");
    server.channel("demo").audience(8).expect("joins");
    assert!(server.channel("demo").leave(8));
    assert!(server.channel("demo").leave(7));

    let got = receiver.wait_for(6).await;
    assert_eq!(
        pairs(&got),
        [(1, 101), (1, 103), (1, 105), (1, 106), (1, 104), (1, 102)],
        "created, host and audience joined and left, destroyed"
    );
    let mut seqs = Vec::new();
    for notification in &got[1..5] {
        let Event::RtcChannel(event) = notification.event() else {
            panic!("an RTC event: {notification:?}");
        };
        assert_eq!(event.channel_name(), "demo");
        seqs.push(event.client_seq().expect("user events carry clientSeq"));
    }
    assert!(
        seqs.windows(2).all(|w| w[0] < w[1]),
        "clientSeq increases: {seqs:?}"
    );
    let Event::RtcChannel(RtcChannelEvent::BroadcasterLeft(left)) = got[4].event() else {
        panic!("104: {:?}", got[4]);
    };
    assert_eq!((left.uid, left.reason), (7, Some(LeaveReason::Normal)));
    let Event::RtcChannel(RtcChannelEvent::ChannelDestroyed(end)) = got[5].event() else {
        panic!("102: {:?}", got[5]);
    };
    assert_eq!(end.last_uid, Some(7));
    // Every delivery is journaled as delivered, each in one attempt.
    let deliveries = server.wait_for_deliveries(6, WAIT).await;
    assert_eq!(deliveries.len(), 6);
    assert!(
        deliveries
            .iter()
            .all(|d| d.delivered() && d.report.attempts.len() == 1)
    );
}

#[tokio::test]
async fn a_user_kicked_by_a_ban_rule_leaves_with_the_permission_reason() {
    let (server, receiver) = emulator_with_receiver().await;
    server.channel("demo").host(7).expect("joins");
    let raw = Raw::new(&server);
    let answer = raw
        .basic(
            "POST",
            "/dev/v1/kicking-rule",
            Some(json!({
                "appid": server.app_id().as_str(), "cname": "demo", "uid": 7,
                "time": 0, "privileges": ["join_channel"],
            })),
        )
        .await;
    assert_eq!(answer.status, 200, "{:?}", answer.body);
    let got = receiver.wait_for(4).await;
    assert_eq!(pairs(&got), [(1, 101), (1, 103), (1, 104), (1, 102)]);
    let Event::RtcChannel(RtcChannelEvent::BroadcasterLeft(left)) = got[2].event() else {
        panic!("104: {:?}", got[2]);
    };
    assert_eq!(left.reason, Some(LeaveReason::Permission));
}

#[tokio::test]
async fn a_cloud_recording_reports_its_whole_lifecycle_in_sequence() {
    let (server, receiver) = emulator_with_receiver().await;
    server.channel("room").host(1001).expect("joins");
    let raw = Raw::new(&server);
    let app = server.app_id().as_str().to_owned();
    let acquired = raw
        .basic(
            "POST",
            &format!("/v1/apps/{app}/cloud_recording/acquire"),
            Some(json!({"cname": "room", "uid": "527841", "clientRequest": {}})),
        )
        .await;
    let resource = acquired.body["resourceId"]
        .as_str()
        .expect("a resource")
        .to_owned();
    let started = raw
        .basic(
            "POST",
            &format!("/v1/apps/{app}/cloud_recording/resourceid/{resource}/mode/mix/start"),
            Some(json!({"cname": "room", "uid": "527841", "clientRequest": {
                "recordingConfig": {"channelType": 1},
                "storageConfig": {"vendor": 1, "region": 0, "bucket": "b",
                                  "accessKey": "a", "secretKey": "s"}}})),
        )
        .await;
    assert_eq!(started.status, 200, "{:?}", started.body);
    let sid = started.body["sid"].as_str().expect("a sid").to_owned();
    let stopped = raw
        .basic(
            "POST",
            &format!(
                "/v1/apps/{app}/cloud_recording/resourceid/{resource}/sid/{sid}/mode/mix/stop"
            ),
            Some(json!({"cname": "room", "uid": "527841", "clientRequest": {}})),
        )
        .await;
    assert_eq!(stopped.status, 200, "{:?}", stopped.body);

    let got = receiver.wait_for(7).await;
    let recording: Vec<_> = got
        .iter()
        .filter(|n| n.product_id == product_id::CLOUD_RECORDING)
        .collect();
    let events: Vec<u32> = recording.iter().map(|n| n.event_type).collect();
    assert_eq!(events, [40, 30, 31, 41, 11]);
    for (expected, notification) in recording.iter().enumerate() {
        assert_eq!(notification.sid.as_deref(), Some(sid.as_str()));
        let Event::CloudRecording(event) = notification.event() else {
            panic!("a Cloud Recording event: {notification:?}");
        };
        assert_eq!(event.sequence, Some(expected as u64));
        assert_eq!(
            (event.cname.as_str(), event.sid.as_str()),
            ("room", sid.as_str())
        );
    }
    let Event::CloudRecording(uploaded) = recording[2].event() else {
        unreachable!()
    };
    let CloudRecordingDetails::Uploaded(files) = uploaded.details else {
        panic!("31 is uploaded: {uploaded:?}");
    };
    assert!(!files.file_list.is_empty(), "the files stop lists");
}

#[tokio::test]
async fn a_failed_answer_is_retried_with_the_same_notice_and_a_later_notify_ms() {
    let (server, receiver) = emulator_with_receiver().await;
    receiver.fail_next(&[503, 500]);
    server.channel("demo").host(7).expect("joins");
    let deliveries = server.wait_for_deliveries(2, WAIT).await;
    let first = &deliveries[0];
    assert!(first.delivered());
    assert_eq!(first.report.attempts.len(), 3, "two failures, then 200");
    let times: Vec<u64> = first.report.attempts.iter().map(|a| a.notify_ms).collect();
    assert!(times.windows(2).all(|w| w[0] <= w[1]), "{times:?}");
    let got = receiver.wait_for(2).await;
    assert_eq!(got[0].notice_id, first.notification.notice_id);
}

#[tokio::test]
async fn a_receiver_that_never_answers_200_gets_three_retries() {
    let (server, receiver) = emulator_with_receiver().await;
    receiver.fail_next(&[503, 503, 503, 503]);
    server.channel("demo").host(7).expect("joins");
    let deliveries = server.wait_for_deliveries(1, WAIT).await;
    assert!(!deliveries[0].delivered());
    assert_eq!(
        deliveries[0].report.attempts.len(),
        4,
        "the first and three retries"
    );
}

#[tokio::test]
async fn delivery_faults_duplicate_reorder_and_delay() {
    let (server, receiver) = emulator_with_receiver().await;
    server.inject_delivery(DeliveryFault::Duplicate);
    server.channel("a").host(1).expect("joins"); // 101 (twice), 103
    let got = receiver.wait_for(3).await;
    assert_eq!(pairs(&got), [(1, 101), (1, 101), (1, 103)]);
    assert_eq!(got[0].notice_id, got[1].notice_id, "the same notice again");

    server.inject_delivery(DeliveryFault::Reorder);
    server.channel("b").host(2).expect("joins"); // 101 held back behind 103
    let got = receiver.wait_for(5).await;
    assert_eq!(pairs(&got[3..]), [(1, 103), (1, 101)]);

    server.inject_delivery(DeliveryFault::Delay(Duration::from_millis(150)));
    let before = tokio::time::Instant::now();
    server.channel("c").host(3).expect("joins");
    let got = receiver.wait_for(7).await;
    assert_eq!(got.len(), 7);
    assert!(before.elapsed() >= Duration::from_millis(150));
    let faults: Vec<_> = server.deliveries().iter().map(|d| d.fault).collect();
    assert!(faults.contains(&Some(DeliveryFault::Duplicate)));
    assert!(faults.contains(&Some(DeliveryFault::Reorder)));
    assert!(faults.contains(&Some(DeliveryFault::Delay(Duration::from_millis(150)))));
}

#[tokio::test]
async fn media_push_and_pull_report_creation_and_destruction() {
    let (server, receiver) = emulator_with_receiver().await;
    let raw = Raw::new(&server);
    let app = server.app_id().as_str().to_owned();
    let created = raw
        .basic(
            "POST",
            &format!("/na/v1/projects/{app}/rtmp-converters"),
            Some(json!({"converter": {"name": "show", "rawOptions": {
                "rtcChannel": "demo", "rtcStreamUid": 7},
                "rtmpUrl": "rtmp://example.com/live/show"}})),
        )
        .await;
    assert_eq!(created.status, 200, "{:?}", created.body);
    let id = created.body["converter"]["id"]
        .as_str()
        .expect("an id")
        .to_owned();
    let deleted = raw
        .basic(
            "DELETE",
            &format!("/na/v1/projects/{app}/rtmp-converters/{id}"),
            None,
        )
        .await;
    assert_eq!(deleted.status, 200);
    let player = raw
        .basic(
            "POST",
            &format!("/na/v1/projects/{app}/cloud-player/players"),
            Some(json!({"player": {"streamUrl": "rtmp://example.com/live/in",
                "channelName": "demo", "uid": 9, "idleTimeout": 300}})),
        )
        .await;
    assert_eq!(player.status, 200, "{:?}", player.body);

    let got = receiver.wait_for(3).await;
    let mut kinds = Vec::new();
    for notification in &got {
        match notification.event() {
            Event::MediaPush(event) => {
                assert_eq!(event.converter.id, id);
                kinds.push(format!("push {:?}", event.kind));
            }
            Event::MediaPull(event) => kinds.push(format!("pull {:?}", event.kind)),
            other => panic!("unexpected {other:?}"),
        }
    }
    assert_eq!(
        kinds,
        [
            format!("push {:?}", MediaPushEventKind::Created),
            format!("push {:?}", MediaPushEventKind::Destroyed),
            format!("pull {:?}", MediaPullEventKind::Created),
        ]
    );
}

#[tokio::test]
async fn a_conversational_ai_agent_reports_joining_and_leaving() {
    use agora_api::token::RtcTokenMinter;
    use agora_api::webhooks::ConversationalAiDetails;
    use agora_api::{TokenContext, TokenSource};
    let (server, receiver) = emulator_with_receiver().await;
    server.channel("support").user(1002).expect("joins");
    let token = RtcTokenMinter::new(
        agora_api::token::AppId::new(server.app_id().as_str()).expect("an App ID"),
        server.app_certificate().clone(),
    )
    .token(&TokenContext::new(Some("support"), Some("1001")))
    .expect("minted");
    let raw = Raw::new(&server);
    let app = server.app_id().as_str().to_owned();
    let joined = raw
        .basic(
            "POST",
            &format!("/api/conversational-ai-agent/v2/projects/{app}/join"),
            Some(json!({"name": "helper", "properties": {
                "channel": "support", "token": token.expose(), "agent_rtc_uid": "1001",
                "remote_rtc_uids": ["1002"], "idle_timeout": 120,
                "llm": {"url": "https://api.openai.com/v1/chat/completions", "api_key": "k",
                        "params": {"model": "gpt-4o-mini"}},
                "tts": {"vendor": "microsoft", "params": {"key": "k"}}}})),
        )
        .await;
    assert_eq!(joined.status, 200, "{:?}", joined.body);
    let agent = joined.body["agent_id"]
        .as_str()
        .expect("an agent")
        .to_owned();
    // The agent runs once the emulator's state moves on (any request).
    let status = raw
        .basic(
            "GET",
            &format!("/api/conversational-ai-agent/v2/projects/{app}/agents/{agent}"),
            None,
        )
        .await;
    assert_eq!(status.body["status"], "RUNNING", "{:?}", status.body);
    let left = raw
        .basic(
            "POST",
            &format!("/api/conversational-ai-agent/v2/projects/{app}/agents/{agent}/leave"),
            Some(json!({})),
        )
        .await;
    assert_eq!(left.status, 200, "{:?}", left.body);

    let got = receiver.wait_for(4).await;
    let agent_events: Vec<_> = got
        .iter()
        .filter(|n| n.product_id == product_id::CONVERSATIONAL_AI)
        .collect();
    assert_eq!(
        agent_events
            .iter()
            .map(|n| n.event_type)
            .collect::<Vec<_>>(),
        [101, 102]
    );
    for notification in &agent_events {
        let Event::ConversationalAi(event) = notification.event() else {
            panic!("a Conversational AI event: {notification:?}");
        };
        assert_eq!(event.agent.agent_id, agent);
        if notification.event_type == 102 {
            let ConversationalAiDetails::AgentLeft(left) = event.details else {
                panic!("102 is agent left: {event:?}");
            };
            assert_eq!(left.status.as_deref(), Some("STOPPED"));
        }
    }
}

#[tokio::test]
async fn a_media_gateway_stream_reports_connecting_and_disconnecting() {
    use agora_api::media_gateway::{CreateStreamKey, StreamKeySettings};
    use agora_api::webhooks::MediaGatewayDetails;
    use agora_api::{ChannelName, ServiceRegion};
    let (server, receiver) = emulator_with_receiver().await;
    let key = server
        .client()
        .send(
            &CreateStreamKey::builder()
                .region(ServiceRegion::Europe)
                .app_id(server.app_id().clone())
                .settings(
                    StreamKeySettings::new(0)
                        .channel(ChannelName::new("shx001").expect("a channel")),
                )
                .build(),
        )
        .await
        .expect("a key");
    let sid = server
        .media_gateway()
        .push(ServiceRegion::Europe, &key.stream_key)
        .expect("pushed");
    assert!(server.media_gateway().stop(&sid));

    let got = receiver.wait_for(2).await;
    let gateway: Vec<_> = got
        .iter()
        .filter(|n| n.product_id == product_id::MEDIA_GATEWAY)
        .collect();
    assert_eq!(
        gateway.iter().map(|n| n.event_type).collect::<Vec<_>>(),
        [1, 2]
    );
    for notification in &gateway {
        let Event::MediaGateway(event) = notification.event() else {
            panic!("a Media Gateway event: {notification:?}");
        };
        assert_eq!(event.sid.as_deref(), Some(sid.as_str()));
        let rtc = event.rtc_info.as_ref().expect("rtcInfo");
        assert_eq!(rtc.channel.as_deref(), Some("shx001"));
        if notification.event_type == 2 {
            let MediaGatewayDetails::Disconnected { end_at, .. } = event.details else {
                panic!("2 is disconnected: {event:?}");
            };
            assert!(end_at.is_some());
        }
    }
}

#[tokio::test]
async fn nothing_is_sent_without_a_receiver() {
    let server = MockServer::start().await;
    server.channel("demo").host(7).expect("joins");
    assert!(server.channel("demo").leave(7));
    tokio::time::sleep(Duration::from_millis(20)).await;
    assert!(server.deliveries().is_empty());
}
