//! Conversational AI, Media Gateway and Broadcast Streaming.

use serde_json::{Value, json};

use super::super::*;
use super::{Case, typed_event};

/// The common fields of a Conversational AI payload, and `extra`.
fn agent(extra: Value) -> Value {
    let mut payload = json!({"agent_id": "A42", "name": "support", "channel": "demo",
        "start_ts": 1735035893, "labels": {"team": "blue"}});
    if let (Some(payload), Value::Object(extra)) = (payload.as_object_mut(), extra) {
        payload.extend(extra);
    }
    payload
}

#[test]
fn conversational_ai_events() {
    use ConversationalAiDetails as D;
    let turn = json!({"agent_id": "A42", "channel": "demo", "turn_id": 1,
        "start": {"start_at": 1_735_035_893_000_u64, "type": "voice_input", "metadata": {"speech_duration_ms": 900}},
        "end": {"end_at": 1_735_035_895_000_u64, "type": "interrupted", "metadata": {"interrupt_duration_ms": 100}},
        "metrics": {"e2e_latency_ms": 800, "segmented_latency_ms": {"asr_ttlw": 100, "llm_ttft": 300, "tts_ttfb": 200}}});
    let cases: [Case<D>; 10] = [
        (101, agent(json!({})), |d| matches!(d, D::AgentJoined)),
        // The printed 102 example lacks a comma after "message": "OK"; repaired.
        (
            102,
            agent(json!({"stop_ts": 1735035999, "status": "STOPPED", "message": "OK"})),
            |d| matches!(d, D::AgentLeft(l) if l.status.as_deref() == Some("STOPPED")),
        ),
        (
            103,
            agent(json!({"stop_ts": 1735035999, "contents": [
            {"role": "user", "content": "hi", "speech_start_ms": 10, "speech_end_ms": 900, "speech_algorithmic_delay": 5},
            {"role": "assistant", "content": "hello"}]})),
            |d| matches!(d, D::AgentHistory(h) if h.contents.len() == 2 && h.contents[0].speech_end_ms == Some(900)),
        ),
        (
            104,
            agent(json!({"message": "Task exceeded maximum lifetime"})),
            |d| matches!(d, D::AgentExpiring(e) if e.message.is_some()),
        ),
        // `turn_id` typed string, sent as 2 and as "".
        (
            110,
            agent(
                json!({"turn_id": 2, "errors": [{"module": "llm", "turn_id": 2, "code": 401, "message": "bad key"}]}),
            ),
            |d| matches!(d, D::AgentError(e) if e.turn_id.as_deref() == Some("2") && e.errors[0].code.as_deref() == Some("401")),
        ),
        (
            110,
            agent(
                json!({"turn_id": "", "errors": [{"module": "sip", "code": "486", "message": "busy"}]}),
            ),
            |d| matches!(d, D::AgentError(e) if e.turn_id.as_deref() == Some("")),
        ),
        // The printed 111 example has trailing commas; repaired. No `name`.
        (
            111,
            json!({"agent_id": "A42", "channel": "demo", "start_ts": 1735035893, "stop_ts": 1735035999,
            "metrics": [{"turn_id": 1, "asr_ttlw": 100, "llm_ttfb": 300, "llm_ttfs": 350}]}),
            |d| matches!(d, D::AgentMetrics(m) if m.metrics[0].turn_id.as_deref() == Some("1") && m.metrics[0].tts_ttfb.is_none()),
        ),
        (
            112,
            agent(
                json!({"stop_ts": 1_735_035_999_000_u64, "total_turn_count": 1, "is_truncated": false, "turns": [turn]}),
            ),
            |d| matches!(d, D::TurnsFinished(t) if t.turns[0].turn_id.as_deref() == Some("1") && t.is_truncated == Some(false)),
        ),
        (
            201,
            agent(json!({"state": "TRANSFERED", "report_ms": 1_735_035_893_000_u64})),
            |d| matches!(d, D::InboundCall(c) if c.state.as_deref() == Some("TRANSFERED")),
        ),
        (
            202,
            agent(json!({"state": "RINGING", "report_ms": 1_735_035_893_000_u64})),
            |d| matches!(d, D::OutboundCall(_)),
        ),
    ];
    for (event_type, payload, check) in cases {
        let Event::ConversationalAi(event) = typed_event(17, event_type, payload) else {
            panic!("{event_type}")
        };
        assert_eq!(event.agent.agent_id, "A42");
        assert!(check(&event.details), "{event_type}: {:?}", event.details);
    }
}

#[test]
fn media_gateway_events() {
    let common = |extra: Value| {
        let mut payload = json!({"sid": "s-1", "region": "na", "domain": "rtmp.example.com",
            "streamKey": "abc***xyz", "rtcInfo": {"channel": "demo", "uid": "1234"},
            "beginAt": "2024-01-01T00:00:00Z"});
        if let (Some(payload), Value::Object(extra)) = (payload.as_object_mut(), extra) {
            payload.extend(extra);
        }
        payload
    };
    use MediaGatewayDetails as D;
    let cases: [Case<D>; 4] = [
        (
            1,
            common(
                json!({"transcoding": {"audio": {"enabled": true, "profile": 1}, "video": {"enabled": true, "bitrate": 2000, "fps": 30, "height": 720, "width": 1280}}}),
            ),
            |d| {
                matches!(
                    d,
                    D::Connected {
                        transcoding: Some(_)
                    }
                )
            },
        ),
        (
            2,
            common(
                json!({"streamStats": {"inputAudioBytes": 1, "inputVideoBytes": 2, "outputAudioBytes": 3, "outputVideoBytes": 4}, "endAt": "2024-01-01T01:00:00Z"}),
            ),
            |d| {
                matches!(
                    d,
                    D::Disconnected {
                        end_at: Some(_),
                        ..
                    }
                )
            },
        ),
        // The example's errorCode 100 is outside the 1–10 table.
        (
            3,
            common(json!({"errorCode": 100, "reason": "unknown"})),
            |d| {
                matches!(
                    d,
                    D::Aborted {
                        error_code: Some(StreamAbortCode::Other(100)),
                        ..
                    }
                )
            },
        ),
        (
            4,
            common(
                json!({"videoProfile": {"codec": "H.264", "width": 1280, "height": 720, "gop": 2000}, "audioProfile": {"sampleRate": 48000, "channels": 2}}),
            ),
            |d| {
                matches!(
                    d,
                    D::ProfileUpdated {
                        video_profile: Some(_),
                        audio_profile: Some(_)
                    }
                )
            },
        ),
    ];
    for (event_type, payload, check) in cases {
        let Event::MediaGateway(event) = typed_event(10, event_type, payload) else {
            panic!("{event_type}")
        };
        assert!(check(&event.details), "{event_type}: {:?}", event.details);
        assert!(
            !format!("{event:?}").contains("abc***xyz"),
            "the stream key is redacted"
        );
    }
    // `rtcInfo.uid` as an integer is kept as its text.
    let numeric = common(
        json!({"rtcInfo": {"channel": "demo", "uid": 1234}, "errorCode": 8, "reason": "connect to rtc failed, reason:2"}),
    );
    let Event::MediaGateway(event) = typed_event(10, 3, numeric) else {
        panic!()
    };
    assert_eq!(event.rtc_info.and_then(|i| i.uid).as_deref(), Some("1234"));
    assert!(matches!(
        event.details,
        D::Aborted {
            error_code: Some(StreamAbortCode::JoinFailed),
            ..
        }
    ));
}

#[test]
fn broadcast_streaming_events() {
    use BroadcastEventKind as K;
    let publish = json!({"domain": "example.com", "entryPoint": "live", "streamName": "s",
        "clientIp": "203.0.113.1", "nodeIp": "198.51.100.1"});
    let file = |name: &str, path: &str| json!({"eventName": name, "entryPoint": "live", "streamName": "s", "fileName": path});
    let moderation = |name: &str| {
        json!({"eventName": name, "entryPoint": "live", "streamName": "s",
        "fileName": "live/s/a.jpg", "results": {"porn": {"outputs": {"neutral": 0.9, "porn": 0.05, "sexy": 0.05}, "scene": "porn"}},
        "suggestion": "pass"})
    };
    let cases: [(u32, Value, K); 9] = [
        (1, publish.clone(), K::PublishStart),
        (2, publish, K::PublishEnd),
        // Typed Integer, sent as strings.
        (
            11,
            json!({"eventName": "publish_media_info", "domain": "example.com", "entryPoint": "live", "streamName": "s",
            "videoCodec": "H264", "videoFps": "29", "videoRate": "1500000", "height": "720", "width": "1280", "audioCodec": "AAC"}),
            K::PublishMediaInfo,
        ),
        (
            3,
            file(
                "new_custom_record_file",
                "live/s/sess_20240101_1_20240101.mp4",
            ),
            K::CustomRecordFile,
        ),
        // The printed 4 and 102 examples have a trailing comma; repaired.
        (
            4,
            file("new_custom_snapshot_file", "live/s/a.jpg"),
            K::CustomSnapshotFile,
        ),
        (
            5,
            moderation("new_custom_moderation_result"),
            K::CustomModerationResult,
        ),
        (
            101,
            file("new_standard_record_file", "record/live/s/a.m3u8"),
            K::StandardRecordFile,
        ),
        // The page's text names 102 "eventType 4" / new_custom_snapshot_file:
        // typed on the number, the name kept as sent.
        (
            102,
            file("new_custom_snapshot_file", "snapshot/live/s/a.jpg"),
            K::StandardSnapshotFile,
        ),
        (
            103,
            moderation("new_standard_moderation_result"),
            K::StandardModerationResult,
        ),
    ];
    for (event_type, payload, kind) in cases {
        let Event::BroadcastStreaming(event) = typed_event(7, event_type, payload) else {
            panic!("{event_type}")
        };
        assert_eq!(event.kind, kind, "{event_type}");
        if kind == K::PublishMediaInfo {
            assert_eq!(
                (event.video_fps, event.height, event.width),
                (Some(29), Some(720), Some(1280))
            );
        }
        if kind == K::StandardSnapshotFile {
            assert_eq!(
                event.event_name.as_deref(),
                Some("new_custom_snapshot_file")
            );
        }
    }
}
