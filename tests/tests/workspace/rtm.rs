//! Real-time Messaging (Signaling): every documented input rule is rejected
//! before any I/O, every documented response variant decodes (2.x and 1.x
//! spellings, unknown codes, polymorphic times), message history pages walk
//! to the end, and Agora's official example bodies round-trip through the
//! typed request types.

// The legacy 1.x history endpoints are deprecated, and tested.
#![allow(deprecated)]

use agora_api::rtm::{
    ChannelEventKind, ChannelType, CountHistoryMessages, CreateHistoryQuery, GetChannelEvents,
    GetHistoryQueryResult, GetMessageHistory, HistoryFilter, HistoryMessageType, HistoryOrder,
    HistoryQuery, HistoryQueryStatus, HistoryTime, LegacyMessageType, MessageStatus, MessageTime,
    Outcome, Payload, RtmChannelName, SendChannelMessage, SendPeerMessage,
};
use agora_api::{AppId, Client, Endpoint, Error, ErrorCode, UserId};
use agora_tests::{BASIC_HEADER, LocalServer, Recorded, Reply, basic_client, spec_entry};
use serde::de::DeserializeOwned;
use serde_json::{Map, Value, json};

fn app_id() -> AppId {
    AppId::new("876922cbca0098dff4323566daa89675").expect("a valid App ID")
}

fn user(id: &str) -> UserId {
    UserId::new(id).expect("a valid user ID")
}

fn channel(name: &str) -> RtmChannelName {
    RtmChannelName::new(name).expect("a valid channel name")
}

fn payload(text: &str) -> Payload {
    Payload::new(text).expect("a valid payload")
}

fn time(text: &str) -> HistoryTime {
    HistoryTime::new(text).expect("a valid UTC time")
}

fn peer_message(sender: &str) -> SendPeerMessage {
    SendPeerMessage::builder()
        .appid(app_id())
        .user_id(user(sender))
        .destination(user("userB"))
        .payload(payload("Hello"))
        .build()
}

/// Tony's history of the message channel `chatroom`, all options unset.
fn history() -> GetMessageHistory {
    GetMessageHistory::builder()
        .app_id(app_id())
        .user_id(user("Tony"))
        .channel_type(ChannelType::Message)
        .channel_name(channel("chatroom"))
        .build()
}

fn filter(source: Option<&str>, destination: Option<&str>) -> HistoryFilter {
    HistoryFilter {
        source: source.map(user),
        destination: destination.map(str::to_owned),
        ..HistoryFilter::new(time("2019-08-01T01:22:10Z"), time("2019-08-01T01:32:10Z"))
    }
}

/// Sends `endpoint` to a server that would accept anything, and returns the
/// input error, after checking that nothing reached the server.
async fn rejected<E: Endpoint>(endpoint: &E) -> agora_api::InvalidInput {
    let server = LocalServer::replying(Reply::json(200, "{}")).await;
    let error = basic_client(&server.url())
        .send(endpoint)
        .await
        .map(drop)
        .expect_err("the request breaks a documented rule");
    assert!(
        server.requests().is_empty(),
        "nothing may be sent: {:?}",
        server.requests()
    );
    match error {
        Error::InvalidInput(input) => input,
        other => panic!("expected an input error, got {other}"),
    }
}

fn assert_rule(error: &agora_api::InvalidInput, field: &str, rule: &str) {
    assert_eq!(error.field(), field, "{error}");
    assert!(error.rule().contains(rule), "{error} should say {rule:?}");
}

// ---------------------------------------------------------------------------
// Input rules, before any I/O
// ---------------------------------------------------------------------------

#[tokio::test]
async fn a_sender_id_with_a_space_at_either_end_is_rejected_before_sending() {
    for sender in [" userA", "userA "] {
        let error = rejected(&peer_message(sender)).await;
        assert_rule(&error, "user_id", "must not begin or end with a space");
        let channel_message = SendChannelMessage::builder()
            .appid(app_id())
            .user_id(user(sender))
            .channel_name(channel("channelA"))
            .payload(payload("Hello"))
            .build();
        let error = rejected(&channel_message).await;
        assert_rule(&error, "user_id", "must not begin or end with a space");
    }
    // Inside the ID a space is allowed (if not recommended).
    let server = LocalServer::replying(Reply::json(200, "{}")).await;
    basic_client(&server.url())
        .send(&peer_message("user A"))
        .await
        .expect("an inner space is allowed");
    assert_eq!(
        server.single_request().target,
        "/dev/v2/project/876922cbca0098dff4323566daa89675/rtm/users/user%20A/peer_messages"
    );
}

#[test]
fn a_payload_must_be_non_empty_and_at_most_32_kilobytes() {
    assert_rule(
        &Payload::new("").expect_err("empty"),
        "payload",
        "must not be empty",
    );
    assert!(Payload::new("x".repeat(32 * 1024)).is_ok());
    assert_rule(
        &Payload::new("x".repeat(32 * 1024 + 1)).expect_err("one byte too many"),
        "payload",
        "must be at most 32 KB (32768 bytes; got 32769 bytes)",
    );
    // The limit is in bytes of UTF-8, not characters.
    assert!(Payload::new("€".repeat(10_923)).is_err());
    // Decoding a request body applies the same rule.
    assert!(serde_json::from_value::<Payload>(json!("")).is_err());
}

#[test]
fn signaling_channel_names_allow_the_apostrophe_and_at_most_64_characters() {
    assert_eq!(channel("it's").as_str(), "it's");
    assert!(RtmChannelName::new("x".repeat(64)).is_ok());
    assert_rule(
        &RtmChannelName::new("x".repeat(65)).expect_err("too long"),
        "channel_name",
        "must be at most 64 characters (got 65)",
    );
    assert_rule(
        &RtmChannelName::new("a/b").expect_err("slash"),
        "channel_name",
        "contains '/'",
    );
    assert_rule(
        &RtmChannelName::new("").expect_err("empty"),
        "channel_name",
        "must not be empty",
    );
    assert!(serde_json::from_value::<RtmChannelName>(json!("a\"b")).is_err());
}

#[tokio::test]
async fn message_count_must_be_from_1_to_100() {
    for count in [0, 101] {
        let error = rejected(&GetMessageHistory {
            message_count: Some(count),
            ..history()
        })
        .await;
        assert_rule(
            &error,
            "messageCount",
            &format!("must be from 1 to 100 (got {count})"),
        );
    }
    for count in [1, 100] {
        let server = LocalServer::replying(Reply::json(200, "{}")).await;
        basic_client(&server.url())
            .send(&GetMessageHistory {
                message_count: Some(count),
                ..history()
            })
            .await
            .expect("in range");
        assert!(
            server
                .single_request()
                .target
                .ends_with(&format!("?messageCount={count}"))
        );
    }
}

#[tokio::test]
async fn history_channel_type_must_be_message_or_user() {
    let request = GetMessageHistory::builder()
        .app_id(app_id())
        .user_id(user("Tony"))
        .channel_type(ChannelType::Other("stream".into()))
        .channel_name(channel("chatroom"))
        .build();
    let error = rejected(&request).await;
    assert_rule(&error, "channelType", "must be `message` or `user`");
}

#[tokio::test]
async fn history_names_use_the_narrower_set_of_the_history_page() {
    // The history page lists no `,` for user IDs and no `,` or `'` for
    // channel names, which the messaging pages allow.
    let request = GetMessageHistory::builder()
        .app_id(app_id())
        .user_id(user("a,b"))
        .channel_type(ChannelType::User)
        .channel_name(channel("chatroom"))
        .build();
    assert_rule(&rejected(&request).await, "userId", "contains ','");
    for name in ["it's", "a,b"] {
        let request = GetMessageHistory::builder()
            .app_id(app_id())
            .user_id(user("Tony"))
            .channel_type(ChannelType::Message)
            .channel_name(channel(name))
            .build();
        assert_rule(&rejected(&request).await, "channelName", "contains");
    }
}

#[tokio::test]
async fn a_legacy_history_query_needs_a_source_or_a_destination() {
    let query = CreateHistoryQuery::builder()
        .appid(app_id())
        .filter(filter(None, None))
        .build();
    assert_rule(
        &rejected(&query).await,
        "filter.source",
        "`source` or `destination` (or both) must be set",
    );
    let count = CountHistoryMessages::builder()
        .appid(app_id())
        .start_time(time("2019-08-01T01:22:10Z"))
        .end_time(time("2019-08-01T01:24:10Z"))
        .build();
    assert_rule(
        &rejected(&count).await,
        "source",
        "`source` or `destination` (or both) must be set",
    );
}

#[tokio::test]
async fn a_legacy_history_destination_must_be_a_user_or_channel_name() {
    let query = CreateHistoryQuery::builder()
        .appid(app_id())
        .filter(filter(None, Some("a/b")))
        .build();
    assert_rule(
        &rejected(&query).await,
        "filter.destination",
        "contains '/'",
    );
    let count = CountHistoryMessages::builder()
        .appid(app_id())
        .destination("")
        .start_time(time("2019-08-01T01:22:10Z"))
        .end_time(time("2019-08-01T01:24:10Z"))
        .build();
    assert_rule(&rejected(&count).await, "destination", "must not be empty");
}

#[tokio::test]
async fn a_legacy_history_limit_is_20_50_or_100_and_order_asc_or_desc() {
    for limit in [0, 10, 30, 101] {
        let query = CreateHistoryQuery::builder()
            .appid(app_id())
            .filter(filter(Some("userA"), None))
            .limit(limit)
            .build();
        assert_rule(
            &rejected(&query).await,
            "limit",
            &format!("must be 20, 50 or 100 (got {limit})"),
        );
    }
    let query = CreateHistoryQuery::builder()
        .appid(app_id())
        .filter(filter(Some("userA"), None))
        .order(HistoryOrder::Other("newest".into()))
        .build();
    assert_rule(&rejected(&query).await, "order", "must be `asc` or `desc`");
}

#[test]
fn legacy_history_times_are_iso_8601_utc_with_seconds_and_z() {
    for bad in [
        "2019-08-01",
        "2019-08-01T01:22Z",
        "2019-08-01T09:22:10+08:00",
        "2019-08-01t01:22:10z",
        "2019-08-32T01:22:10Z",
    ] {
        assert_rule(
            &HistoryTime::new(bad).expect_err(bad),
            "time",
            "must be a UTC time in ISO 8601 form yyyy-mm-ddThh:mm:ssZ",
        );
    }
    assert!(
        serde_json::from_value::<HistoryFilter>(json!({
            "source": "a", "start_time": "yesterday", "end_time": "2019-08-01T01:32:10Z"
        }))
        .is_err()
    );
}

#[tokio::test]
async fn a_legacy_history_handle_must_not_be_empty() {
    let request = GetHistoryQueryResult::builder()
        .appid(app_id())
        .handle("")
        .build();
    assert_rule(&rejected(&request).await, "handle", "must not be empty");
}

// ---------------------------------------------------------------------------
// Idempotency and auth
// ---------------------------------------------------------------------------

#[test]
fn sends_and_query_creation_are_never_re_sent_and_reads_may_be() {
    fn facts<E: Endpoint>() -> (&'static str, bool) {
        (E::NAME, E::IDEMPOTENT)
    }
    assert_eq!(
        [
            facts::<SendPeerMessage>(),
            facts::<SendChannelMessage>(),
            facts::<CreateHistoryQuery>(),
            facts::<GetChannelEvents>(),
            facts::<GetMessageHistory>(),
            facts::<GetHistoryQueryResult>(),
            facts::<CountHistoryMessages>(),
        ],
        [
            ("SendPeerMessage", false),
            ("SendChannelMessage", false),
            ("CreateHistoryQuery", false),
            ("GetChannelEvents", true),
            ("GetMessageHistory", true),
            ("GetHistoryQueryResult", true),
            ("CountHistoryMessages", true),
        ]
    );
}

#[tokio::test]
async fn a_message_is_sent_as_the_token_user_with_token_auth() {
    let server = LocalServer::replying(Reply::json(
        200,
        r#"{"result":"success","request_id":"1","code":"message_sent"}"#,
    ))
    .await;
    let client = Client::builder()
        .rtm_token("006legacytoken", user("userA"))
        .base_url(server.url())
        .build()
        .expect("a valid client");
    client
        .send(&peer_message("userA"))
        .await
        .expect("a receipt");
    let seen = server.single_request();
    assert_eq!(seen.header("x-agora-token"), Some("006legacytoken"));
    assert_eq!(seen.header("x-agora-uid"), Some("userA"));
    assert_eq!(seen.header("authorization"), None);
}

#[tokio::test]
async fn message_history_accepts_an_access_token2_as_agoras_samples_send() {
    let server = LocalServer::replying(Reply::json(200, "{}")).await;
    let client = Client::builder()
        .rtm_token("007token2", user("Tony"))
        .base_url(server.url())
        .build()
        .expect("a valid client");
    client.send(&history()).await.expect("an empty page");
    assert_eq!(
        server.single_request().header("authorization"),
        Some("agora token=007token2")
    );
}

// ---------------------------------------------------------------------------
// Requests on the wire and documented responses
// ---------------------------------------------------------------------------

/// The first example of a spec entry, as the server should see it.
fn assert_matches_example(seen: &Recorded, entry: &Value) {
    let example = &entry["examples"][0]["request"];
    assert_eq!(seen.method, example["method"]);
    let url = example["url"].as_str().expect("an example URL");
    let path = url
        .splitn(4, '/')
        .nth(3)
        .map(|rest| format!("/{rest}"))
        .expect("a path in the example URL");
    assert_eq!(seen.target, path);
    assert_eq!(seen.header("authorization"), Some(BASIC_HEADER));
    assert_eq!(seen.json(), example["body"]);
}

fn example_reply(entry: &Value, index: usize) -> Reply {
    let response = &entry["examples"][index]["response"];
    Reply::json(
        response["status"].as_u64().expect("a status") as u16,
        response["body"].to_string(),
    )
}

#[tokio::test]
async fn peer_message_sends_the_documented_request_and_decodes_each_documented_answer() {
    let entry = spec_entry("rtm", "SendPeerMessage");
    let documented = || {
        SendPeerMessage::builder()
            .appid(app_id())
            .user_id(user("userA"))
            .wait_for_ack(true)
            .destination(user("userB"))
            .enable_offline_messaging(false)
            .enable_historical_messaging(false)
            .payload(payload("Hello"))
            .build()
    };
    let expected = [
        (Some(Outcome::Success), MessageStatus::Sent),
        (Some(Outcome::Success), MessageStatus::Delivered),
        (None, MessageStatus::Offline),
    ];
    for (index, (result, code)) in expected.into_iter().enumerate() {
        let server = LocalServer::replying(example_reply(&entry, index)).await;
        let receipt = basic_client(&server.url())
            .send(&documented())
            .await
            .expect("the documented answer decodes");
        assert_matches_example(&server.single_request(), &entry);
        assert_eq!(receipt.result, result);
        assert_eq!(receipt.request_id.as_deref(), Some("123"));
        assert_eq!(receipt.code, Some(code));
    }
}

#[tokio::test]
async fn an_unknown_message_code_still_decodes() {
    let server = LocalServer::replying(Reply::json(
        200,
        r#"{"result":"failed","code":"message_rejected"}"#,
    ))
    .await;
    let receipt = basic_client(&server.url())
        .send(&peer_message("userA"))
        .await
        .expect("an unknown code decodes");
    assert_eq!(receipt.result, Some(Outcome::Failed));
    assert_eq!(
        receipt.code,
        Some(MessageStatus::Other("message_rejected".into()))
    );
    assert_eq!(receipt.request_id, None);
}

#[tokio::test]
async fn channel_message_sends_the_documented_request() {
    let entry = spec_entry("rtm", "SendChannelMessage");
    let server = LocalServer::replying(example_reply(&entry, 0)).await;
    let receipt = basic_client(&server.url())
        .send(
            &SendChannelMessage::builder()
                .appid(app_id())
                .user_id(user("userA"))
                .channel_name(channel("channelA"))
                .enable_historical_messaging(false)
                .payload(payload("Hello"))
                .build(),
        )
        .await
        .expect("the documented answer decodes");
    assert_matches_example(&server.single_request(), &entry);
    assert_eq!(receipt.code, Some(MessageStatus::Sent));
}

#[tokio::test]
async fn channel_events_decode_the_2x_and_the_1x_spellings() {
    let entry = spec_entry("rtm", "GetChannelEvents");
    for index in [0, 1] {
        let server = LocalServer::replying(example_reply(&entry, index)).await;
        let events = basic_client(&server.url())
            .send(&GetChannelEvents::builder().appid(app_id()).build())
            .await
            .expect("the documented answer decodes");
        let event = &events.events[0];
        assert_eq!(event.channel, "example_channel_id");
        assert_eq!(event.user_id, "rtmtest_RTM_4852_4857w7%");
        assert_eq!(event.kind, ChannelEventKind::Join);
        assert_eq!(event.ms, 1578027418981);
        assert_eq!(events.result, Some(Outcome::Success));
    }
    let server = LocalServer::replying(Reply::json(
        200,
        r#"{"events":[{"group_id":"c","user_id":"u","type":"Kicked","ms":1}]}"#,
    ))
    .await;
    let events = basic_client(&server.url())
        .send(&GetChannelEvents::builder().appid(app_id()).build())
        .await
        .expect("an unknown kind decodes");
    assert_eq!(
        events.events[0].kind,
        ChannelEventKind::Other("Kicked".into())
    );
    assert_eq!(events.result, None);
}

#[tokio::test]
async fn message_history_decodes_the_documented_page() {
    let entry = spec_entry("rtm", "GetMessageHistory");
    let server = LocalServer::replying(example_reply(&entry, 0)).await;
    let page = basic_client(&server.url())
        .send(&GetMessageHistory {
            start: Some(17809876),
            end: Some(1781000),
            message_count: Some(100),
            ..history()
        })
        .await
        .expect("the documented answer decodes");
    assert_eq!(
        server.single_request().target,
        "/rtm/v2/history/876922cbca0098dff4323566daa89675/userId/Tony/channelType/message/channel/chatroom?start=17809876&end=1781000&messageCount=100"
    );
    assert_eq!(page.error_code, Some(200));
    assert_eq!(page.error, Some(false));
    assert_eq!(page.request_id.as_deref(), Some("1121_1234231"));
    assert_eq!(page.data.count, Some(2));
    assert_eq!(page.data.new_start, Some(1234567892));
    let [text, binary] = &page.data.messages[..] else {
        panic!("two messages: {:?}", page.data.messages);
    };
    assert_eq!(text.message_type, Some(HistoryMessageType::String));
    assert_eq!(text.message, "Hello, how are you?");
    assert_eq!(text.publisher.as_deref(), Some("Tony"));
    assert_eq!(binary.message_type, Some(HistoryMessageType::Binary));
    assert_eq!(binary.message, "SGVsbG8gV29ybGQ=");
    assert_eq!(binary.custom_type.as_deref(), Some("image"));
    assert_eq!(binary.timestamp, Some(1234567891));
}

#[tokio::test]
async fn a_history_error_answer_is_a_typed_agora_error() {
    let server = LocalServer::replying(Reply::json(
        403,
        r#"{"errorCode":403,"error":true,"operation":"getMessage","reason":"history is not enabled"}"#,
    ))
    .await;
    let error = basic_client(&server.url())
        .send(&history())
        .await
        .expect_err("a 403");
    let api = error.api().expect("an Agora error");
    assert_eq!(api.status, 403);
    assert_eq!(api.code, Some(ErrorCode::Number(403)));
    assert_eq!(api.reason.as_deref(), Some("history is not enabled"));
}

#[tokio::test]
async fn history_messages_of_unknown_type_and_pages_without_data_decode() {
    let server = LocalServer::replying(Reply::json(
        200,
        r#"{"data":{"messageList":[{"messageType":"JSON","message":"{}"}],"newStart":0}}"#,
    ))
    .await;
    let page = basic_client(&server.url())
        .send(&history())
        .await
        .expect("decodes");
    assert_eq!(
        page.data.messages[0].message_type,
        Some(HistoryMessageType::Other("JSON".into()))
    );
    let server = LocalServer::replying(Reply::json(200, r#"{"errorCode":200}"#)).await;
    let page = basic_client(&server.url())
        .send(&history())
        .await
        .expect("a page without data decodes");
    assert!(page.data.messages.is_empty());
    assert_eq!(page.data.new_start, None);
}

#[tokio::test]
async fn message_history_pages_walk_on_from_new_start_until_it_is_zero() {
    // Three pages: starts 0 (none), 200, 300; the last answers newStart 0.
    let server = LocalServer::start(|seen| {
        let next = if seen.target.contains("start=300") {
            0
        } else if seen.target.contains("start=200") {
            300
        } else {
            200
        };
        Reply::json(
            200,
            json!({
                "errorCode": 200,
                "data": {
                    "messageList": [{"messageType": "STRING", "message": seen.target, "timestamp": 1}],
                    "count": 1,
                    "newStart": next
                }
            })
            .to_string(),
        )
    })
    .await;
    let client = basic_client(&server.url());
    let mut pages = client.pages(GetMessageHistory {
        end: Some(100),
        message_count: Some(1),
        ..history()
    });
    let mut seen = Vec::new();
    while let Some(page) = pages.next().await {
        let page = page.expect("a page");
        seen.push(page.data.new_start);
    }
    assert_eq!(seen, [Some(200), Some(300), Some(0)]);
    let targets: Vec<String> = server.requests().into_iter().map(|r| r.target).collect();
    let base = "/rtm/v2/history/876922cbca0098dff4323566daa89675/userId/Tony/channelType/message/channel/chatroom";
    assert_eq!(
        targets,
        [
            format!("{base}?end=100&messageCount=1"),
            format!("{base}?start=200&end=100&messageCount=1"),
            format!("{base}?start=300&end=100&messageCount=1"),
        ]
    );
}

#[tokio::test]
async fn message_history_pages_stop_when_new_start_is_missing_or_repeats() {
    for body in [
        r#"{"data":{"messageList":[]}}"#,
        r#"{"data":{"messageList":[],"newStart":500}}"#,
    ] {
        let server = LocalServer::replying(Reply::json(200, body)).await;
        let client = basic_client(&server.url());
        let mut pages = client.pages(GetMessageHistory {
            start: Some(500),
            ..history()
        });
        let mut count = 0;
        while let Some(page) = pages.next().await {
            page.expect("a page");
            count += 1;
        }
        assert_eq!(count, 1, "{body}");
        assert_eq!(server.requests().len(), 1);
    }
}

#[tokio::test]
async fn a_legacy_history_query_is_created_then_fetched_by_its_handle() {
    let query_entry = spec_entry("rtm", "CreateHistoryQuery");
    let result_entry = spec_entry("rtm", "GetHistoryQueryResult");
    let server = LocalServer::start(move |seen| {
        if seen.method == "POST" {
            example_reply(&query_entry, 0)
        } else {
            example_reply(&result_entry, 0)
        }
    })
    .await;
    let client = basic_client(&server.url());
    let query = client
        .send(
            &CreateHistoryQuery::builder()
                .appid(app_id())
                .filter(filter(Some("src_account"), Some("dst_account")))
                .offset(100)
                .limit(20)
                .order(HistoryOrder::Asc)
                .build(),
        )
        .await
        .expect("the documented answer decodes");
    assert_eq!(query.order, Some(HistoryOrder::Asc));
    assert_eq!(query.limit, Some(20));
    let handle = query.handle().expect("a handle in location");
    assert_eq!(handle, "123456123456");
    let result = client
        .send(
            &GetHistoryQueryResult::builder()
                .appid(app_id())
                .handle(handle)
                .build(),
        )
        .await
        .expect("the documented answer decodes");
    assert_eq!(result.code, Some(HistoryQueryStatus::Ok));
    let message = &result.messages[0];
    assert_eq!((message.src.as_str(), message.dst.as_str()), ("src", "dst"));
    assert_eq!(message.message_type, Some(LegacyMessageType::Peer));
    assert_eq!(message.payload, "123");
    assert_eq!(message.ms, Some(MessageTime::UnixMillis(1587009745719)));
    let targets: Vec<String> = server.requests().into_iter().map(|r| r.target).collect();
    assert_eq!(
        targets,
        [
            "/dev/v2/project/876922cbca0098dff4323566daa89675/rtm/message/history/query",
            "/dev/v2/project/876922cbca0098dff4323566daa89675/rtm/message/history/query/123456123456",
        ]
    );
}

#[test]
fn legacy_history_messages_decode_every_documented_spelling() {
    // The 2020-02 page: `dest` and `ts` as an ISO 8601 string; its example:
    // `dst` and `ts` as a number; a result still being prepared.
    let result: agora_api::rtm::HistoryQueryResult = serde_json::from_value(json!({
        "result": "success",
        "code": "ok",
        "messages": [
            {"src": "a", "dest": "b", "payload": "p", "ts": "2019-08-01T01:22:10Z"},
            {"src": "a", "dst": "b", "payload": "p", "ts": 123},
            {"src": "a", "dst": "#c", "message_type": "channel_message", "payload": "p", "ms": 5}
        ]
    }))
    .expect("every spelling decodes");
    assert_eq!(result.messages[0].dst, "b");
    assert_eq!(
        result.messages[0].ms,
        Some(MessageTime::Text("2019-08-01T01:22:10Z".into()))
    );
    assert_eq!(result.messages[1].ms, Some(MessageTime::UnixMillis(123)));
    assert_eq!(
        result.messages[2].message_type,
        Some(LegacyMessageType::Channel)
    );
    let pending: agora_api::rtm::HistoryQueryResult =
        serde_json::from_str(r#"{"result":"success","code":"in progress"}"#).expect("decodes");
    assert_eq!(pending.code, Some(HistoryQueryStatus::InProgress));
    assert!(pending.messages.is_empty());
    let query: HistoryQuery =
        serde_json::from_str(r#"{"result":"failed"}"#).expect("decodes without location");
    assert_eq!(query.handle(), None);
}

#[tokio::test]
async fn a_legacy_count_sends_encoded_times_and_decodes_the_count() {
    let entry = spec_entry("rtm", "CountHistoryMessages");
    let server = LocalServer::replying(example_reply(&entry, 0)).await;
    let count = basic_client(&server.url())
        .send(
            &CountHistoryMessages::builder()
                .appid(app_id())
                .destination("it's channel")
                .start_time(time("2019-08-01T01:22:10Z"))
                .end_time(time("2019-08-01T01:24:10Z"))
                .build(),
        )
        .await
        .expect("the documented answer decodes");
    assert_eq!(count.count, Some(123));
    assert_eq!(count.code, Some(HistoryQueryStatus::Ok));
    assert_eq!(
        server.single_request().target,
        "/dev/v2/project/876922cbca0098dff4323566daa89675/rtm/message/history/count?destination=it%27s%20channel&start_time=2019-08-01T01%3A22%3A10Z&end_time=2019-08-01T01%3A24%3A10Z"
    );
}

// ---------------------------------------------------------------------------
// Official example bodies through the typed request types
// ---------------------------------------------------------------------------

/// Removes `key` from `body` and decodes it as `T`.
fn take<T: DeserializeOwned>(body: &mut Map<String, Value>, key: &str) -> Option<T> {
    body.remove(key).map(|value| {
        serde_json::from_value(value)
            .unwrap_or_else(|e| panic!("`{key}` does not decode as its typed field: {e}"))
    })
}

fn prepared_body<E: Endpoint>(endpoint: &E) -> Value {
    let request = basic_client("https://api.agora.io")
        .prepare(endpoint)
        .expect("a valid request");
    let bytes = request
        .body()
        .and_then(|body| body.as_bytes())
        .expect("a body");
    serde_json::from_slice(bytes).expect("a JSON body")
}

/// The Signaling request bodies of `official_examples.jsonl` (the curl
/// samples and the OpenAPI `requestBody.example`s, which are identical per
/// operation), plus the body of the legacy 1.x history query page.
const PEER_BODIES: &[&str] = &[
    r#"{"destination": "userB", "enable_offline_messaging": false, "enable_historical_messaging": false, "payload": "Hello"}"#,
];
const CHANNEL_BODIES: &[&str] =
    &[r#"{"channel_name": "channelA", "enable_historical_messaging": false, "payload": "Hello"}"#];
const HISTORY_QUERY_BODIES: &[&str] = &[
    r#"{"filter": {"source": "src_account", "destination": "dst_account", "start_time": "2019-08-01T01:22:10Z", "end_time": "2019-08-01T01:32:10Z"}, "offset": 100, "limit": 20, "order": "asc"}"#,
];

fn object(text: &str) -> Map<String, Value> {
    match serde_json::from_str(text).expect("a JSON example body") {
        Value::Object(map) => map,
        other => panic!("not an object: {other}"),
    }
}

#[test]
fn official_peer_message_bodies_round_trip_through_the_builder() {
    for text in PEER_BODIES {
        let mut body = object(text);
        let mut builder = SendPeerMessage::builder()
            .appid(app_id())
            .user_id(user("userA"))
            .destination(take::<UserId>(&mut body, "destination").expect("a destination"))
            .payload(take::<Payload>(&mut body, "payload").expect("a payload"));
        if let Some(offline) = take::<bool>(&mut body, "enable_offline_messaging") {
            builder = builder.enable_offline_messaging(offline);
        }
        if let Some(history) = take::<bool>(&mut body, "enable_historical_messaging") {
            builder = builder.enable_historical_messaging(history);
        }
        assert!(body.is_empty(), "members without a typed field: {body:?}");
        assert_eq!(prepared_body(&builder.build()), object_value(text));
    }
}

#[test]
fn official_channel_message_bodies_round_trip_through_the_builder() {
    for text in CHANNEL_BODIES {
        let mut body = object(text);
        let mut builder = SendChannelMessage::builder()
            .appid(app_id())
            .user_id(user("userA"))
            .channel_name(take::<RtmChannelName>(&mut body, "channel_name").expect("a channel"))
            .payload(take::<Payload>(&mut body, "payload").expect("a payload"));
        if let Some(history) = take::<bool>(&mut body, "enable_historical_messaging") {
            builder = builder.enable_historical_messaging(history);
        }
        assert!(body.is_empty(), "members without a typed field: {body:?}");
        assert_eq!(prepared_body(&builder.build()), object_value(text));
    }
}

#[test]
fn legacy_history_query_bodies_round_trip_through_the_builder() {
    for text in HISTORY_QUERY_BODIES {
        let mut body = object(text);
        let filter_json = body.get("filter").cloned().expect("a filter");
        let filter: HistoryFilter = take(&mut body, "filter").expect("a filter");
        assert_eq!(
            serde_json::to_value(&filter).expect("serializes"),
            filter_json
        );
        let mut builder = CreateHistoryQuery::builder().appid(app_id()).filter(filter);
        if let Some(offset) = take::<u32>(&mut body, "offset") {
            builder = builder.offset(offset);
        }
        if let Some(limit) = take::<u32>(&mut body, "limit") {
            builder = builder.limit(limit);
        }
        if let Some(order) = take::<HistoryOrder>(&mut body, "order") {
            builder = builder.order(order);
        }
        assert!(body.is_empty(), "members without a typed field: {body:?}");
        assert_eq!(prepared_body(&builder.build()), object_value(text));
    }
}

fn object_value(text: &str) -> Value {
    Value::Object(object(text))
}

/// With RTM token auth, Agora accepts messages only from the token's user:
/// the client refuses any other sender before sending anything.
#[tokio::test]
async fn a_message_from_another_user_than_the_tokens_is_refused_before_any_io() {
    let server = LocalServer::replying(Reply::json(
        200,
        r#"{"result":"success","request_id":"1","code":"message_sent"}"#,
    ))
    .await;
    let client = agora_api::Client::builder()
        .rtm_token(
            "007token-for-alice",
            UserId::new("alice").expect("a valid user ID"),
        )
        .base_url(server.url())
        .build()
        .expect("a valid client");
    let send_as = |sender: &str| {
        SendPeerMessage::builder()
            .appid(AppId::new("876922cbca0098dff4323566daa89675").expect("a valid App ID"))
            .user_id(UserId::new(sender).expect("a valid user ID"))
            .destination(UserId::new("bob").expect("a valid user ID"))
            .payload(Payload::new("hi").expect("a valid payload"))
            .build()
    };
    let error = client
        .send(&send_as("mallory"))
        .await
        .expect_err("not the token's user");
    assert!(
        matches!(&error, agora_api::Error::InvalidInput(input) if input.field() == "user_id"),
        "{error:?}"
    );
    assert!(server.requests().is_empty(), "nothing was sent");
    client
        .send(&send_as("alice"))
        .await
        .expect("the token's own user may send");
    assert_eq!(server.requests().len(), 1);
}
