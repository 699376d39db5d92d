//! RTC channel events, Cloud Recording, Cloud Transcoding, Real-Time STT,
//! Media Push and Media Pull.

use serde_json::{Value, json};

use super::super::*;
use super::{Case, ServiceCase, notification, recording, typed_event};

#[test]
fn rtc_channel_events() {
    use RtcChannelEvent as E;
    let join = json!({"channelName": "test_webhook", "uid": 12121212, "platform": 1,
        "clientSeq": 1_625_051_030_746_u64, "ts": 1560396834});
    // The printed 104 example, and its API-reference variant with `account`.
    let leave = json!({"channelName":"test_webhook","uid":12121212,"platform":1,
        "clientSeq":1_625_051_030_789_u64,"reason":1,"ts":1560396943,"duration":600});
    let mut leave_account = leave.clone();
    leave_account["account"] = json!("test");
    let role = json!({"channelName": "test_webhook", "uid": 12121212,
        "clientSeq": 1_625_051_030_800_u64, "ts": 1560396950, "account": "test"});
    let cases: [Case<E>; 11] = [
        (
            101,
            json!({"channelName": "test_webhook", "ts": 1560396834}),
            |e| matches!(e, E::ChannelCreated(c) if c.ts == 1560396834),
        ),
        (
            102,
            json!({"channelName": "test_webhook", "ts": 1560396943, "lastUid": 12121212}),
            |e| matches!(e, E::ChannelDestroyed(d) if d.last_uid == Some(12121212)),
        ),
        (
            103,
            join.clone(),
            |e| matches!(e, E::BroadcasterJoined(j) if j.platform == Some(Platform::Android)),
        ),
        (
            104,
            leave.clone(),
            |e| matches!(e, E::BroadcasterLeft(l) if l.reason == Some(LeaveReason::Normal) && l.duration == Some(600)),
        ),
        (
            104,
            leave_account,
            |e| matches!(e, E::BroadcasterLeft(l) if l.account.as_deref() == Some("test")),
        ),
        (105, join.clone(), |e| matches!(e, E::AudienceJoined(_))),
        (106, leave.clone(), |e| matches!(e, E::AudienceLeft(_))),
        (107, join, |e| matches!(e, E::CommunicationJoined(_))),
        (108, leave, |e| matches!(e, E::CommunicationLeft(_))),
        (
            111,
            role.clone(),
            |e| matches!(e, E::BecameBroadcaster(r) if r.account.as_deref() == Some("test")),
        ),
        (112, role, |e| matches!(e, E::BecameAudience(_))),
    ];
    for (event_type, payload, check) in cases {
        match typed_event(product_id::RTC, event_type, payload) {
            Event::RtcChannel(event) => assert!(check(&event), "{event_type}: {event:?}"),
            other => panic!("{event_type}: {other:?}"),
        }
    }
    // A Linux client says which one; reason 999 and a reason Agora does not
    // list yet both decode.
    let linux = json!({"channelName": "c", "uid": 1, "platform": 6, "clientType": 10,
        "clientSeq": 1, "ts": 1, "reason": 999, "duration": 1});
    let Event::RtcChannel(E::AudienceLeft(left)) = typed_event(1, 106, linux) else {
        panic!()
    };
    assert_eq!(
        (left.platform, left.client_type, left.reason),
        (
            Some(Platform::Linux),
            Some(ClientType::CloudRecording),
            Some(LeaveReason::Abnormal)
        )
    );
    let later = json!({"channelName": "c", "uid": 1, "clientSeq": 1, "ts": 1, "reason": 13});
    let Event::RtcChannel(E::CommunicationLeft(left)) = typed_event(1, 108, later) else {
        panic!()
    };
    assert_eq!(left.reason, Some(LeaveReason::Other(13)));
}

#[test]
fn cloud_recording_events() {
    use CloudRecordingDetails as D;
    // The printed 31 example (individual mode).
    let uploaded = json!({"msgName":"uploaded","fileList":[{"fileName":"xxx.m3u8","trackType":"audio",
        "uid":"57297","mixedAllUser":false,"isPlayable":true,"sliceStartTime":1_619_172_871_089_u64}],"status":0});
    let cases: [ServiceCase<D>; 29] = [
        (
            1,
            0,
            json!({"msgName": "cloud_recording_error", "module": 2, "errorLevel": 5, "errorCode": 52, "stat": 0, "errorMsg": "start timeout"}),
            |d| matches!(d, D::Error(e) if e.error_level == Some(5) && e.error_code == Some(52)),
        ),
        (
            2,
            0,
            json!({"msgName": "cloud_recording_warning", "module": 1, "warnCode": 31}),
            |d| matches!(d, D::Warning(w) if w.warn_code == Some(31)),
        ),
        (
            3,
            0,
            json!({"msgName": "cloud_recording_status_update", "status": 5, "recordingMode": 1, "fileList": "sid_demo.m3u8"}),
            |d| matches!(d, D::StatusUpdate(s) if s.recording_mode == Some(1)),
        ),
        (
            4,
            0,
            json!({"msgName": "cloud_recording_file_infos", "fileList": "sid_demo.m3u8"}),
            |d| matches!(d, D::FileInfos(p) if p.file_list.as_deref() == Some("sid_demo.m3u8")),
        ),
        (
            11,
            0,
            json!({"msgName": "session_exit", "exitStatus": 0}),
            |d| matches!(d, D::SessionExit(e) if e.exit_status == Some(0)),
        ),
        (
            12,
            0,
            json!({"msgName": "session_failover", "newUid": 12345}),
            |d| matches!(d, D::SessionFailover(f) if f.new_uid == Some(12345)),
        ),
        (13, 0, json!({}), |d| {
            matches!(d, D::HighAvailabilityRegistered(_))
        }),
        (
            30,
            2,
            json!({"msgName": "uploader_started", "status": 0}),
            |d| matches!(d, D::UploaderStarted(_)),
        ),
        (31, 2, uploaded.clone(), |d| {
            matches!(d, D::Uploaded(u) if u.file_list[0].uid.as_deref() == Some("57297")
                && u.file_list[0].is_playable == Some(true))
        }),
        // Web page recording sends no file list.
        (
            31,
            2,
            json!({"msgName": "uploaded", "status": 0}),
            |d| matches!(d, D::Uploaded(u) if u.file_list.is_empty()),
        ),
        (
            32,
            2,
            uploaded,
            |d| matches!(d, D::Backuped(u) if u.file_list.len() == 1),
        ),
        (
            33,
            2,
            json!({"msgName": "uploading_progress", "progress": 10000}),
            |d| matches!(d, D::UploadingProgress(p) if p.progress == Some(10000)),
        ),
        (
            40,
            1,
            json!({"msgName": "recorder_started", "status": 0}),
            |d| matches!(d, D::RecorderStarted(_)),
        ),
        (
            41,
            1,
            json!({"msgName": "recorder_leave", "leaveCode": 4}),
            |d| matches!(d, D::RecorderLeft(l) if l.leave_code == Some(4)),
        ),
        (
            42,
            1,
            json!({"msgName": "recorder_slice_start", "startUtcMs": 1_619_172_871_089_u64, "discontinueUtcMs": 1_619_172_870_000_u64, "mixedAllUser": false, "streamUid": "57297", "trackType": "audio_and_video"}),
            |d| matches!(d, D::RecorderSliceStarted(s) if s.stream_uid.as_deref() == Some("57297")),
        ),
        (
            43,
            1,
            json!({"msgName": "recorder_audio_stream_state_changed", "streamUid": "0", "state": 1, "UtcMs": 1_619_172_871_089_u64}),
            |d| matches!(d, D::AudioStreamStateChanged(s) if s.state == Some(1) && s.utc_ms == Some(1_619_172_871_089)),
        ),
        (
            44,
            1,
            json!({"msgName": "recorder_video_stream_state_changed", "streamUid": "57297", "state": 0, "UtcMs": 1}),
            |d| matches!(d, D::VideoStreamStateChanged(_)),
        ),
        // 45's serviceType is 1 in English and 2 in zh: either decodes.
        (
            45,
            1,
            json!({"msgName": "recorder_snapshot_file", "fileName": "prefix/sid_demo_20240101.jpg"}),
            |d| matches!(d, D::SnapshotFile(f) if f.file_name.ends_with(".jpg")),
        ),
        (
            45,
            2,
            json!({"msgName": "recorder_snapshot_file", "fileName": "prefix/a.jpg"}),
            |d| matches!(d, D::SnapshotFile(_)),
        ),
        (
            60,
            4,
            json!({"msgName": "vod_started", "aliVodInfo": {"videoId": "v-1"}}),
            |d| matches!(d, D::VodStarted(v) if v.ali_vod_info.as_ref().and_then(|i| i.video_id.as_deref()) == Some("v-1")),
        ),
        (61, 4, json!({"msgName": "vod_triggered"}), |d| {
            matches!(d, D::VodTriggered)
        }),
        (
            70,
            6,
            json!({"msgName": "web_recorder_started", "recorderStartTime": 1_619_172_871_089_u64}),
            |d| matches!(d, D::WebRecorderStarted(s) if s.recorder_start_time.is_some()),
        ),
        // The example spells the file member `filename`; the page `fileName`.
        (
            71,
            6,
            json!({"msgName": "web_recorder_stopped", "code": 0, "message": "ok", "details": "", "fileList": [{"filename": "a.m3u8", "sliceStartTime": 1}, {"fileName": "b.m3u8", "sliceStartTime": 2}]}),
            |d| matches!(d, D::WebRecorderStopped(s) if s.file_list.len() == 2 && s.file_list[0].file_name == "a.m3u8"),
        ),
        (
            72,
            6,
            json!({"msgName": "web_recorder_capability_limit", "limitType": "WebGL"}),
            |d| matches!(d, D::WebRecorderCapabilityLimit(l) if l.limit_type.as_deref() == Some("WebGL")),
        ),
        (
            73,
            6,
            json!({"msgName": "web_recorder_reload", "reason": "audio_silence"}),
            |d| matches!(d, D::WebRecorderReload(_)),
        ),
        (80, 0, json!({"msgName": "transcoder_started"}), |d| {
            matches!(d, D::TranscoderStarted)
        }),
        (
            81,
            0,
            json!({"msgName": "transcoder_completed", "result": "partial_success", "uids": [{"uid": "57297", "result": "fail", "fileList": [{"fileName": "a.mp4"}]}]}),
            |d| matches!(d, D::TranscoderCompleted(t) if t.uids[0].file_list[0].file_name == "a.mp4"),
        ),
        (
            90,
            8,
            json!({"msgName": "download_failed", "vendor": 2, "region": 3, "bucket": "b", "fileName": "a.ts;b.ts"}),
            |d| matches!(d, D::DownloadFailed(f) if f.file_name.as_deref() == Some("a.ts;b.ts")),
        ),
        // Typed Number on the page, a string in every example.
        (
            100,
            6,
            json!({"msgName": "rtmp_publish_status", "rtmpUrl": "rtmp://example.com/live/s", "status": "publishing"}),
            |d| matches!(d, D::RtmpPublishStatus(s) if s.status.as_deref() == Some("publishing")),
        ),
    ];
    for (event_type, service_type, details, check) in cases {
        match typed_event(3, event_type, recording(service_type, details)) {
            Event::CloudRecording(event) => {
                assert_eq!((event.sid.len(), event.sequence), (32, Some(2)));
                assert_eq!(event.service_type, Some(i64::from(service_type)));
                assert!(check(&event.details), "{event_type}: {:?}", event.details);
            }
            other => panic!("{event_type}: {other:?}"),
        }
    }
    let final_result = json!({"msgName": "postpone_transcode_final_result", "result": "total_success", "fileList": [{"fileName": "a.mp4"}]});
    let Event::CloudRecording(event) = typed_event(3, 1001, recording(0, final_result)) else {
        panic!()
    };
    assert!(
        matches!(&event.details, D::PostponedTranscodeResult(r) if r.result.as_deref() == Some("total_success"))
    );
    // A recording UID sent as a number is kept as its text.
    let mut numeric = recording(0, json!({"msgName": "session_exit", "exitStatus": 1}));
    numeric["uid"] = json!(527841);
    let Event::CloudRecording(event) = typed_event(3, 11, numeric) else {
        panic!()
    };
    assert_eq!(event.uid, "527841");
}

#[test]
fn cloud_transcoding_shares_product_3_and_is_told_apart() {
    let transcoder = json!({"inputs": [{"rtcChannel": "demo", "rtcUid": 123, "audio": {}, "video": {}}],
        "outputs": [{"rtcChannel": "out", "rtcUid": 456, "audio": {}, "video": {}}], "userConfigDetail": "{}"});
    let details: [(u32, Value, TranscoderEventKind); 4] = [
        (
            110,
            json!({"event": "cloud_transcoder_started", "state": "Transcoder success", "createTs": 1_658_112_464_000_u64, "transcoder": transcoder.clone()}),
            TranscoderEventKind::Started,
        ),
        (
            111,
            json!({"event": "cloud_transcoder_stopped", "stopReason": "Stop request", "createTs": 1_658_112_464_000_u64, "updateTs": 1_658_112_474_000_u64}),
            TranscoderEventKind::Stopped,
        ),
        (
            112,
            json!({"event": "cloud_transcoder_status", "state": "failed", "createTs": 1, "updateTs": 2}),
            TranscoderEventKind::Status,
        ),
        (
            113,
            json!({"event": "cloud_transcoder_updated", "state": "running", "createTs": 1, "updateTs": 2, "transcoder": transcoder}),
            TranscoderEventKind::Updated,
        ),
    ];
    for (event_type, details, kind) in details {
        let payload = json!({"taskId": "t-1", "instanceId": "i-1", "sequence": 0, "sendts": 1_658_112_464_000_u64,
            "serviceScene": "rtsc/cloud-transcoder", "details": details});
        let Event::CloudTranscoding(event) = typed_event(3, event_type, payload) else {
            panic!("{event_type}")
        };
        assert_eq!((event.kind, event.task_id.as_str()), (kind, "t-1"));
        // Documented as seconds, sent as ms: kept as sent.
        assert!(event.details.create_ts.is_some_and(|ts| ts > 0));
    }
}

#[test]
fn real_time_stt_v7_and_v5_v6() {
    let joined = json!({"agent_id": "agent-1", "start_ts": 1750235971, "channel": "demo"});
    let Event::RealTimeStt(RealTimeSttEvent::AgentJoined(agent)) = typed_event(20, 101, joined)
    else {
        panic!()
    };
    assert_eq!(agent.start_ts, Some(1750235971), "seconds, as sent");
    let left = json!({"agent_id": "agent-1", "start_ts": 1750235971, "stop_ts": 1750236071,
        "channel": "demo", "status": "FAILED", "message": "Fatal ASR error"});
    let Event::RealTimeStt(RealTimeSttEvent::AgentLeft(agent)) = typed_event(20, 102, left) else {
        panic!()
    };
    assert_eq!(agent.status.as_deref(), Some("FAILED"));

    let legacy = |service_type: u32, details: Value| {
        json!({"cname": "demo", "subBotUid": "1001", "pubBotUid": 1002, "taskId": "t-1", "sequence": 1,
            "serviceScene": "Real-Time STT + Real-Time Translation", "sendts": 1750235971,
            "serviceType": service_type, "details": details})
    };
    let files = json!({"msgName": "uploaded", "status": 0, "fileList": [
        {"fileName": "t-1.vtt", "trackType": "text", "mode": 2, "sliceStartTime": 1750235971}]});
    let cases: [ServiceCase<SttLegacyDetails>; 5] = [
        (
            4,
            0,
            json!({"msgName": "voice_ai_file_infos", "fileList": "t-1.m3u8"}),
            |d| matches!(d, SttLegacyDetails::FileInfos { file_list: Some(f), .. } if f == "t-1.m3u8"),
        ),
        (
            30,
            2,
            json!({"msgName": "uploader_started", "status": 0}),
            |d| matches!(d, SttLegacyDetails::UploaderStarted { status: Some(0) }),
        ),
        (
            31,
            2,
            files.clone(),
            |d| matches!(d, SttLegacyDetails::Uploaded(f) if f.file_list[0].mode == Some(2)),
        ),
        (32, 2, files, |d| matches!(d, SttLegacyDetails::Backuped(_))),
        (
            33,
            2,
            json!({"msgName": "uploading_progress", "progress": 5000}),
            |d| {
                matches!(
                    d,
                    SttLegacyDetails::UploadingProgress {
                        progress: Some(5000)
                    }
                )
            },
        ),
    ];
    for (event_type, service_type, details, check) in cases {
        let Event::SttLegacy(event) = typed_event(3, event_type, legacy(service_type, details))
        else {
            panic!("{event_type}")
        };
        assert_eq!(event.pub_bot_uid.as_deref(), Some("1002"));
        assert!(check(&event.details), "{event_type}: {:?}", event.details);
    }
}

#[test]
fn media_push_and_pull() {
    let converter = json!({"id": "4c014467d647bb87b60b719f6fa57686", "name": "show68_vertical",
        "transcodeOptions": {"rtcChannel": "show68", "audioOptions": {"codecProfile": "LC-AAC", "sampleRate": 48000,
            "bitrate": 48, "audioChannels": 1, "rtcStreamUids": [201, 202]},
            "videoOptions": {"canvas": {"width": 360, "height": 640, "color": 0},
                "layout": [{"rtcStreamUid": 201, "region": {"xPos": 0, "yPos": 0, "zIndex": 1, "width": 360, "height": 320}},
                    {"imageUrl": "https://example.com/a.png", "region": {"xPos": 0, "yPos": 320, "zIndex": 2, "width": 360, "height": 320}}],
                "codecProfile": "high", "frameRate": 15, "bitrate": 400, "seiOptions": {}}},
        "rtmpUrl": "rtmp://example.agora.io/live/show68", "idleTimeout": 300,
        "createTs": 1603456600, "updateTs": 1603456600, "state": "connecting"});
    let cases: [(u32, Value, MediaPushEventKind); 4] = [
        (
            1,
            json!({"converter": converter, "lts": 1603456600, "xRequestId": "7bbcc8a4acce48c78b53c5a261a8a564"}),
            MediaPushEventKind::Created,
        ),
        (
            2,
            json!({"converter": {"id": "4c01", "createTs": 1603456600, "updateTs": 1603456601, "state": "running", "rtmpUrl": "rtmp://example.agora.io/live/b"},
            "lts": 1603456601, "xRequestId": "x", "fields": "id,createTs,updateTs,state,rtmpUrl"}),
            MediaPushEventKind::Updated,
        ),
        (
            3,
            json!({"converter": {"id": "4c01", "createTs": 1, "updateTs": 2, "state": "failed"}, "lts": 2, "fields": "converter.id,converter.createTs,converter.updateTs,converter.state"}),
            MediaPushEventKind::StateChanged,
        ),
        (
            4,
            json!({"converter": {"id": "4c01", "name": "show68_vertical", "createTs": 1, "updateTs": 2}, "lts": 2, "destroyReason": "Idle Timeout", "fields": "converter.id,converter.name"}),
            MediaPushEventKind::Destroyed,
        ),
    ];
    for (event_type, payload, kind) in cases {
        let Event::MediaPush(event) = typed_event(5, event_type, payload) else {
            panic!("{event_type}")
        };
        assert_eq!(event.kind, kind);
        if kind == MediaPushEventKind::Created {
            assert_eq!(
                event.lts,
                Some(1603456600),
                "seconds in the example: kept as sent"
            );
            assert!(event.converter.sei_options().is_some());
        }
    }

    // The printed Media Pull example of event 1.
    let created = json!({"lts":1_575_508_644_149_u64,"player":{"channelName":"class32","createTs":1575508644,
        "id":"2a784467d647bb87b60b719f6fa56317","idleTimeout":300,"name":"teacher101","status":"connecting",
        "streamUrl":"rtmp://example.agora.io/live/class32/teacher101","token":"2a784467d6","uid":101},
        "xRequestId":"7bbcc8a4acce48c78b53c5a261a8a564"});
    let cases: [(u32, Value, MediaPullEventKind); 3] = [
        (1, created, MediaPullEventKind::Created),
        (
            3,
            json!({"player": {"channelName": "class32", "id": "2a78", "name": "teacher101"}, "lts": 1, "destroyReason": "Stream Stopped", "fields": "player.name,player.channelName,player.id"}),
            MediaPullEventKind::Destroyed,
        ),
        (
            4,
            json!({"player": {"channelName": "class32", "id": "2a78", "name": "teacher101", "status": "running"}, "lts": 1, "fields": "player.status"}),
            MediaPullEventKind::StatusChanged,
        ),
    ];
    for (event_type, payload, kind) in cases {
        let Event::MediaPull(event) = typed_event(4, event_type, payload) else {
            panic!("{event_type}")
        };
        assert_eq!(event.kind, kind);
        assert!(
            !format!("{event:?}").contains("2a784467d6\""),
            "the token is redacted"
        );
    }
    // There is no Media Pull event 2.
    let Event::Other(other) = notification(4, 2, json!({})).event() else {
        panic!()
    };
    assert!(other.typing_error.is_none());
}
