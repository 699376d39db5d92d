//! Signaling on the emulator, through agora-api: messages reach online
//! users or come back `message_offline`, events are handed out once, both
//! history APIs find what was stored, and what Agora refuses is refused.

#![allow(deprecated)]

use crate::support;

use std::time::Duration;

use crate::support::Raw;

use agora_api::rtm::{
    ChannelEventKind, ChannelType, CountHistoryMessages, CreateHistoryQuery, GetChannelEvents,
    GetHistoryQueryResult, GetMessageHistory, GetUserEvents, HistoryFilter, HistoryOrder,
    HistoryQueryStatus, HistoryTime, LegacyMessageType, MessageStatus, Outcome, Payload,
    RtmChannelName, SendChannelMessage, SendPeerMessage, UserEventKind,
};
use agora_api::{AppId, Client, UserId};
use agora_mock::{ManualClock, MessageKind, MockServer};

const T0: u64 = 1_700_000_000;

fn user(name: &str) -> UserId {
    UserId::new(name).expect("a user ID")
}

fn peer(app_id: &AppId, from: &str, to: &str, text: &str) -> SendPeerMessage {
    SendPeerMessage::builder()
        .appid(app_id.clone())
        .user_id(user(from))
        .destination(user(to))
        .payload(Payload::new(text).expect("a payload"))
        .enable_historical_messaging(true)
        .build()
}

fn to_channel(app_id: &AppId, from: &str, channel: &str, text: &str) -> SendChannelMessage {
    SendChannelMessage::builder()
        .appid(app_id.clone())
        .user_id(user(from))
        .channel_name(RtmChannelName::new(channel).expect("a channel"))
        .payload(Payload::new(text).expect("a payload"))
        .enable_historical_messaging(true)
        .build()
}

async fn manual_server() -> (MockServer, ManualClock) {
    let clock = ManualClock::at_unix(T0);
    let server = MockServer::builder()
        .clock(clock.clone())
        .start()
        .await
        .expect("a server");
    (server, clock)
}

#[tokio::test]
async fn a_peer_message_to_an_online_user_is_sent_and_to_an_offline_one_is_not() {
    let server = MockServer::start().await;
    let client = server.client();
    let app_id = server.app_id().clone();
    server.rtm().login("bob");

    let sent = client
        .send(&peer(&app_id, "alice", "bob", "hi"))
        .await
        .expect("sent");
    assert_eq!(sent.result, Some(Outcome::Success));
    assert_eq!(sent.code, Some(MessageStatus::Sent));
    assert!(sent.request_id.is_some());

    let acked = SendPeerMessage {
        wait_for_ack: Some(true),
        ..peer(&app_id, "alice", "bob", "ack?")
    };
    let delivered = client.send(&acked).await.expect("sent");
    assert_eq!(delivered.code, Some(MessageStatus::Delivered));

    let offline = SendPeerMessage {
        enable_offline_messaging: Some(true),
        ..peer(&app_id, "alice", "carol", "later")
    };
    let kept = client.send(&offline).await.expect("sent");
    assert_eq!(kept.code, Some(MessageStatus::Offline));
    assert_eq!(kept.result, None, "Agora's offline answer has no result");

    let messages = server.messages();
    assert_eq!(messages.len(), 3);
    assert_eq!(messages[0].kind, MessageKind::Peer);
    assert_eq!(
        (messages[0].from.as_str(), messages[0].to.as_str()),
        ("alice", "bob")
    );
    assert!(messages[0].delivered);
    assert!(!messages[2].delivered);
    assert_eq!(server.rtm().offline_messages("carol")[0].payload, "later");
}

#[tokio::test]
async fn a_channel_message_is_sent_to_the_channel() {
    let server = MockServer::start().await;
    server.rtm().join("bob", "lobby");
    let receipt = server
        .client()
        .send(&to_channel(server.app_id(), "alice", "lobby", "hello all"))
        .await
        .expect("sent");
    assert_eq!(receipt.code, Some(MessageStatus::Sent));
    let message = &server.messages()[0];
    assert_eq!(message.kind, MessageKind::Channel);
    assert_eq!(message.to, "lobby");
    assert!(message.delivered, "bob is in the channel");
}

#[tokio::test]
async fn events_are_handed_out_once_oldest_first_at_most_1000_a_time() {
    let (server, _clock) = manual_server().await;
    let client = server.client();
    let app_id = server.app_id().clone();
    server
        .rtm()
        .login("alice")
        .join("alice", "lobby")
        .join("bob", "lobby")
        .leave("bob", "lobby")
        .logout("alice");

    let users = client
        .send(&GetUserEvents::builder().appid(app_id.clone()).build())
        .await
        .expect("user events");
    let seen: Vec<(&str, &UserEventKind)> = users
        .events
        .iter()
        .map(|e| (e.user_id.as_str(), &e.kind))
        .collect();
    assert_eq!(
        seen,
        [
            ("alice", &UserEventKind::Login),
            ("bob", &UserEventKind::Login),
            ("alice", &UserEventKind::Logout)
        ]
    );
    assert!(users.events.windows(2).all(|w| w[0].ms < w[1].ms));
    assert_eq!(users.events[0].ms, (T0 * 1000) as i64);

    let channels = client
        .send(&GetChannelEvents::builder().appid(app_id.clone()).build())
        .await
        .expect("channel events");
    let seen: Vec<(&str, &str, &ChannelEventKind)> = channels
        .events
        .iter()
        .map(|e| (e.channel.as_str(), e.user_id.as_str(), &e.kind))
        .collect();
    assert_eq!(
        seen,
        [
            ("lobby", "alice", &ChannelEventKind::Join),
            ("lobby", "bob", &ChannelEventKind::Join),
            ("lobby", "bob", &ChannelEventKind::Leave),
            ("lobby", "alice", &ChannelEventKind::Leave),
        ],
        "logging out leaves the channels first"
    );
    let none = client
        .send(&GetUserEvents::builder().appid(app_id.clone()).build())
        .await
        .expect("user events");
    assert!(none.events.is_empty(), "fetched events are removed");

    // 2 500 events: the oldest 500 were dropped, and a fetch returns 1 000.
    for n in 0..1_250 {
        server
            .rtm()
            .login(&format!("u{n}"))
            .logout(&format!("u{n}"));
    }
    let mut fetched = Vec::new();
    loop {
        let page = client
            .send(&GetUserEvents::builder().appid(app_id.clone()).build())
            .await
            .expect("user events");
        if page.events.is_empty() {
            break;
        }
        assert!(page.events.len() <= 1_000);
        fetched.extend(page.events);
    }
    assert_eq!(fetched.len(), 2_000, "Agora keeps at most 2 000 events");
    assert_eq!(fetched[0].user_id, "u250");
}

#[tokio::test]
async fn the_2x_history_pages_through_stored_messages() {
    let (server, clock) = manual_server().await;
    let client = server.client();
    let app_id = server.app_id().clone();
    for n in 0..5 {
        client
            .send(&to_channel(&app_id, "tony", "chatroom", &format!("m{n}")))
            .await
            .expect("sent");
        clock.advance(Duration::from_secs(1));
    }
    let unstored = SendChannelMessage {
        enable_historical_messaging: None,
        ..to_channel(&app_id, "tony", "chatroom", "not stored")
    };
    client.send(&unstored).await.expect("sent");
    client
        .send(&peer(&app_id, "tony", "amy", "to amy"))
        .await
        .expect("sent");
    client
        .send(&peer(&app_id, "amy", "tony", "to tony"))
        .await
        .expect("sent");

    let mut pages = client.pages(
        GetMessageHistory::builder()
            .app_id(app_id.clone())
            .user_id(user("tony"))
            .channel_type(ChannelType::Message)
            .channel_name(RtmChannelName::new("chatroom").expect("a channel"))
            .message_count(2)
            .build(),
    );
    let mut texts = Vec::new();
    while let Some(page) = pages.next().await {
        let page = page.expect("a page");
        assert_eq!(page.error_code, Some(200));
        texts.extend(page.data.messages.into_iter().map(|m| m.message));
    }
    assert_eq!(texts, ["m0", "m1", "m2", "m3", "m4"]);

    let conversation = client
        .send(
            &GetMessageHistory::builder()
                .app_id(app_id)
                .user_id(user("tony"))
                .channel_type(ChannelType::User)
                .channel_name(RtmChannelName::new("amy").expect("a user channel"))
                .build(),
        )
        .await
        .expect("history");
    let publishers: Vec<Option<String>> = conversation
        .data
        .messages
        .iter()
        .map(|m| m.publisher.clone())
        .collect();
    assert_eq!(
        publishers,
        [Some("tony".to_owned()), Some("amy".to_owned())],
        "both directions of the conversation"
    );
    assert_eq!(conversation.data.new_start, Some(0), "everything fetched");
}

#[tokio::test]
async fn the_legacy_history_queries_and_counts_stored_messages() {
    let (server, clock) = manual_server().await;
    let client = server.client();
    let app_id = server.app_id().clone();
    for n in 0..3 {
        client
            .send(&peer(&app_id, "src", "dst", &format!("p{n}")))
            .await
            .expect("sent");
        clock.advance(Duration::from_secs(10));
    }
    client
        .send(&to_channel(&app_id, "src", "room", "c0"))
        .await
        .expect("sent");
    let start = HistoryTime::from_unix_seconds(T0).expect("a time");
    let end = HistoryTime::from_unix_seconds(T0 + 3_600).expect("a time");

    let created = client
        .send(
            &CreateHistoryQuery::builder()
                .appid(app_id.clone())
                .filter(HistoryFilter {
                    source: Some(user("src")),
                    destination: Some("dst".into()),
                    ..HistoryFilter::new(start.clone(), end.clone())
                })
                .order(HistoryOrder::Desc)
                .limit(20)
                .offset(1)
                .build(),
        )
        .await
        .expect("created");
    assert_eq!(created.result, Some(Outcome::Success));
    let handle = created.handle().expect("a location").to_owned();
    let result = client
        .send(
            &GetHistoryQueryResult::builder()
                .appid(app_id.clone())
                .handle(handle)
                .build(),
        )
        .await
        .expect("result");
    assert_eq!(result.code, Some(HistoryQueryStatus::Ok));
    let payloads: Vec<&str> = result.messages.iter().map(|m| m.payload.as_str()).collect();
    assert_eq!(payloads, ["p1", "p0"], "newest first, after skipping one");
    assert_eq!(
        result.messages[0].message_type,
        Some(LegacyMessageType::Peer)
    );

    let count = client
        .send(
            &CountHistoryMessages::builder()
                .appid(app_id.clone())
                .source(user("src"))
                .start_time(start)
                .end_time(end)
                .build(),
        )
        .await
        .expect("count");
    assert_eq!(
        count.count,
        Some(4),
        "three peer messages and one channel message"
    );

    let unknown = client
        .send(
            &GetHistoryQueryResult::builder()
                .appid(app_id)
                .handle("999")
                .build(),
        )
        .await
        .expect_err("no such query");
    assert_eq!(support::api_error(&unknown).status, 404);
}

/// Malformed requests are `invalid` cases in `specs/`, refused by the
/// client and the emulator alike (`tests/tests/workspace/invalid.rs`);
/// here, what the account's state or the wire refuses.
#[tokio::test]
async fn what_signaling_refuses_the_emulator_refuses() {
    let server = MockServer::start().await;
    let raw = Raw::new(&server);
    let appid = server.app_id().as_str();
    let peer_path = format!("/dev/v2/project/{appid}/rtm/users/alice/peer_messages");

    let unknown_app = raw
        .basic(
            "GET",
            "/dev/v2/project/ffffffffffffffffffffffffffffffff/rtm/vendor/user_events",
            None,
        )
        .await;
    assert_eq!(unknown_app.status, 403);
    assert_eq!(unknown_app.body["reason"], "App ID invalid");

    let wrong_type = raw
        .send(
            "POST",
            &peer_path,
            &[
                ("authorization", raw.basic_header()),
                ("content-type", "text/plain"),
            ],
            Some("hi"),
        )
        .await;
    assert_eq!(wrong_type.status, 415);
    assert_eq!(wrong_type.body["errorCode"], 415);
    assert!(server.messages().is_empty(), "nothing refused was sent");
}

#[tokio::test]
async fn a_client_with_basic_auth_may_send_as_any_user() {
    let server = MockServer::start().await;
    let client: Client = server.client();
    for sender in ["alice", "bob", "server-bot"] {
        client
            .send(&peer(server.app_id(), sender, "carol", "hi"))
            .await
            .expect("Basic auth sends as anyone");
    }
    assert_eq!(server.messages().len(), 3);
}
