//! The envelope, the dispatch on the pair, the open variant, and what
//! [`Verifier::receive`] answers.

use serde_json::json;

use super::super::*;
use super::notification;
use crate::Secret;

#[test]
fn the_signature_vector_body_is_an_envelope_of_an_unknown_rtc_event() {
    let body = br#"{"eventMs":1560408533119,"eventType":10,"noticeId":"4eb720f0-8da7-11e9-a43e-53f411c2761f","notifyMs":1560408533119,"payload":{"a":"1","b":2},"productId":1}"#;
    let mut headers = http::HeaderMap::new();
    headers.insert(
        SIGNATURE_V2_HEADER,
        http::HeaderValue::from_static(
            "6d3320c60b11101395b7fc8f9068748808a0aa1bfa064438e39d1bc2c7d74d99",
        ),
    );
    let received = Verifier::new(&Secret::new("secret")).receive(&headers, body);
    let notification = received.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(notification.event_ms, Some(1560408533119));
    assert_eq!(
        notification.notice_id,
        "4eb720f0-8da7-11e9-a43e-53f411c2761f"
    );
    // RTC documents no event 10: kept raw, and not a typing failure.
    let Event::Other(other) = notification.event() else {
        panic!()
    };
    assert_eq!((other.product_id, other.event_type), (1, 10));
    assert_eq!(other.payload, json!({"a": "1", "b": 2}));
    assert!(other.typing_error.is_none());
}

#[test]
fn event_numbers_are_dispatched_on_the_pair() {
    let rtc = notification(1, 101, json!({"channelName": "c", "ts": 1})).event();
    assert!(matches!(
        rtc,
        Event::RtcChannel(RtcChannelEvent::ChannelCreated(_))
    ));
    let agent = json!({"agent_id": "a", "channel": "c", "start_ts": 1});
    let convo = notification(17, 101, agent.clone()).event();
    assert!(matches!(convo, Event::ConversationalAi(_)));
    let stt = notification(20, 101, agent).event();
    assert!(matches!(
        stt,
        Event::RealTimeStt(RealTimeSttEvent::AgentJoined(_))
    ));
    let file = json!({"eventName": "new_standard_record_file", "fileName": "record/a.m3u8"});
    let broadcast = notification(7, 101, file).event();
    assert!(matches!(broadcast, Event::BroadcastStreaming(_)));
    // 110 is Cloud Transcoding's under 3 and an agent error under 17.
    let transcoding = json!({"taskId": "t", "details": {"event": "cloud_transcoder_started"}});
    assert!(matches!(
        notification(3, 110, transcoding).event(),
        Event::CloudTranscoding(_)
    ));
    let error = json!({"agent_id": "a", "turn_id": "", "errors": []});
    assert!(matches!(
        notification(17, 110, error).event(),
        Event::ConversationalAi(_)
    ));
    // 4 under 3 is Cloud Recording's with a `sid`, STT v5/v6's with a `taskId`.
    let playlist = json!({"msgName": "cloud_recording_file_infos", "fileList": "a.m3u8"});
    let cr = json!({"cname": "c", "uid": "1", "sid": "s", "sequence": 0, "details": playlist});
    assert!(matches!(
        notification(3, 4, cr).event(),
        Event::CloudRecording(_)
    ));
    let stt =
        json!({"cname": "c", "taskId": "t", "sequence": 0, "details": {"fileList": "a.m3u8"}});
    assert!(matches!(
        notification(3, 4, stt).event(),
        Event::SttLegacy(_)
    ));
}

#[test]
fn anything_new_or_misshapen_is_kept_raw() {
    // The docs' tutorial placeholder product, and a Broadcast Streaming
    // envelope example's undefined eventType 0.
    for (product, event_type) in [(12345, 1), (7, 0), (1, 113), (3, 34), (17, 105)] {
        let Event::Other(other) = notification(product, event_type, json!({"x": 1})).event() else {
            panic!("({product}, {event_type})")
        };
        assert_eq!(
            (other.payload["x"].as_i64(), other.typing_error),
            (Some(1), None)
        );
    }
    // A documented pair whose payload is not as documented: raw, with why.
    let Event::Other(other) = notification(1, 103, json!({"channelName": "c"})).event() else {
        panic!()
    };
    assert!(other.typing_error.is_some_and(|why| why.contains("uid")));
    let Event::Other(other) = notification(3, 31, json!({"cname": "c", "uid": "1"})).event() else {
        panic!()
    };
    assert!(other.typing_error.is_some_and(|why| why.contains("sid")));
}

#[test]
fn envelope_spellings_and_refusals() {
    // One Media Gateway page spells it `product_id`.
    let body = br#"{"noticeId":"n","product_id":10,"eventType":1,"notifyMs":1,"sid":"s","payload":{"sid":"s"}}"#;
    let parsed = Notification::from_slice(body).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((parsed.product_id, parsed.sid.as_deref()), (10, Some("s")));
    // Old Media Pull bodies carry the App ID.
    let body =
        br#"{"noticeId":"n","productId":4,"eventType":1,"notifyMs":1,"appId":"0123","payload":{}}"#;
    let parsed = Notification::from_slice(body).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(parsed.app_id.as_deref(), Some("0123"));
    // The Cloud Recording envelope of REST API <= 1.2.0 has no productId.
    let legacy = br#"{"notificationId":"n","eventType":31,"eventMs":1,"notifyMs":1,"payload":{"sequence":"1"}}"#;
    assert!(Notification::from_slice(legacy).is_err());
    // A member given twice is ambiguous.
    let twice = br#"{"noticeId":"a","noticeId":"b","productId":1,"eventType":101,"notifyMs":1,"payload":{}}"#;
    assert!(Notification::from_slice(twice).is_err());
    // One notification per body: an array is not an envelope.
    assert!(Notification::from_slice(b"[]").is_err());
}

#[test]
fn receive_answers_with_the_status_agora_expects() {
    let secret = Secret::new("ncs-secret");
    let verifier = Verifier::new(&secret);
    let signer = Signer::new(&secret);
    let good = notification(1, 101, json!({"channelName": "c", "ts": 1})).to_body();
    assert!(
        verifier
            .receive(&signer.sign(&good).to_headers(), &good)
            .is_ok()
    );

    let not_envelope = b"{\"hello\":1}";
    let error = verifier.receive(&signer.sign(not_envelope).to_headers(), not_envelope);
    assert!(matches!(&error, Err(ReceiveError::Envelope(_))));
    assert_eq!(
        error.map_err(|e| e.status()).err(),
        Some(http::StatusCode::BAD_REQUEST)
    );

    // Signed, then changed on the way: refused before any parsing.
    let headers = signer.sign(&good).to_headers();
    let mut tampered = good.clone();
    tampered.push(b' ');
    let error = verifier.receive(&headers, &tampered);
    assert!(matches!(
        &error,
        Err(ReceiveError::Verify(VerifyError::Mismatch { .. }))
    ));
    assert_eq!(
        error.map_err(|e| e.status()).err(),
        Some(http::StatusCode::UNAUTHORIZED)
    );
    let error = verifier.receive(&http::HeaderMap::new(), &good);
    assert!(matches!(
        error,
        Err(ReceiveError::Verify(VerifyError::MissingSignature))
    ));
}

#[test]
fn whiteboard_conversion_callback() {
    let nested = br#"{"code":0,"message":"success","data":{"taskId":"2fxxxxxx367e","taskType":"dynamic_conversion","prefixUrl":"https://example.com/dynamicConvert","pageCount":3,"previews":{"1":"https://example.com/1.png"},"note":"","images":{"1":"https://example.com/i1.png"},"noticeTimestamp":1700000000000}}"#;
    let callback = ConversionCallback::from_slice(nested).unwrap_or_else(|e| panic!("{e}"));
    assert!(callback.succeeded());
    assert_eq!(callback.result.page_count, Some(3));
    assert_eq!(callback.result.notice_timestamp, Some(1_700_000_000_000));
    let failed = br#"{"code":30001,"message":"convert failed","taskId":"t"}"#;
    let callback = ConversionCallback::from_slice(failed).unwrap_or_else(|e| panic!("{e}"));
    assert!(!callback.succeeded());
    assert_eq!(
        (callback.code, callback.result.task_id.as_str()),
        (Some(30001), "t")
    );
    // No code at all is no success either.
    let silent = ConversionCallback::from_slice(br#"{"taskId":"t"}"#);
    assert!(silent.is_ok_and(|callback| !callback.succeeded() && callback.code.is_none()));
}
