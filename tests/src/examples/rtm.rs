//! Real-time Messaging (Signaling) examples.

// The legacy 1.x history endpoints are deprecated, and documented.
#![allow(deprecated)]

use agora_api::rtm::{
    ChannelType, CountHistoryMessages, CreateHistoryQuery, GetChannelEvents, GetHistoryQueryResult,
    GetMessageHistory, GetUserEvents, HistoryFilter, HistoryOrder, HistoryTime, Payload,
    RtmChannelName, SendChannelMessage, SendPeerMessage,
};
use agora_api::{AppId, UserId};

use super::{Example, placeholder_app_id};

/// The App ID of Agora's Signaling examples.
fn documented_app_id() -> AppId {
    AppId::new("876922cbca0098dff4323566daa89675").expect("a valid App ID")
}

fn user(id: &str) -> UserId {
    UserId::new(id).expect("a valid user ID")
}

fn time(text: &str) -> HistoryTime {
    HistoryTime::new(text).expect("a valid UTC time")
}

/// The documented peer-to-peer message, sent as `sender`.
fn peer_message(appid: AppId, sender: &str, wait_for_ack: Option<bool>) -> SendPeerMessage {
    let builder = SendPeerMessage::builder()
        .appid(appid)
        .user_id(user(sender))
        .destination(user("userB"))
        .enable_offline_messaging(false)
        .enable_historical_messaging(false)
        .payload(Payload::new("Hello").expect("a valid payload"));
    match wait_for_ack {
        Some(wait) => builder.wait_for_ack(wait).build(),
        None => builder.build(),
    }
}

/// The documented channel message, sent as `sender`.
fn channel_message(appid: AppId, sender: &str) -> SendChannelMessage {
    SendChannelMessage::builder()
        .appid(appid)
        .user_id(user(sender))
        .channel_name(RtmChannelName::new("channelA").expect("a valid channel name"))
        .enable_historical_messaging(false)
        .payload(Payload::new("Hello").expect("a valid payload"))
        .build()
}

/// The documented examples, built through the builders.
pub fn examples() -> Vec<Example> {
    vec![
        Example::of(
            "documented",
            peer_message(documented_app_id(), "userA", Some(true)),
        ),
        Example::of(
            "documented, delivered",
            peer_message(documented_app_id(), "userA", Some(true)),
        ),
        Example::of(
            "documented, receiver offline",
            peer_message(documented_app_id(), "userA", Some(true)),
        ),
        Example::of(
            "OpenAPI body example",
            peer_message(placeholder_app_id(), "demo_user", None),
        ),
        Example::of("documented", channel_message(documented_app_id(), "userA")),
        Example::of(
            "OpenAPI body example",
            channel_message(placeholder_app_id(), "demo_user"),
        ),
        Example::of(
            "documented",
            GetUserEvents::builder().appid(documented_app_id()).build(),
        ),
        Example::of(
            "legacy 1.x response",
            GetUserEvents::builder().appid(placeholder_app_id()).build(),
        ),
        Example::of(
            "documented",
            GetChannelEvents::builder()
                .appid(documented_app_id())
                .build(),
        ),
        Example::of(
            "legacy 1.x response",
            GetChannelEvents::builder()
                .appid(placeholder_app_id())
                .build(),
        ),
        Example::of(
            "documented",
            GetMessageHistory::builder()
                .app_id(placeholder_app_id())
                .user_id(user("Tony"))
                .channel_type(ChannelType::Message)
                .channel_name(RtmChannelName::new("chatroom").expect("a valid channel name"))
                .start(17809876)
                .end(1781000)
                .message_count(100)
                .build(),
        ),
        Example::of(
            "legacy 1.x",
            CreateHistoryQuery::builder()
                .appid(placeholder_app_id())
                .filter(HistoryFilter {
                    source: Some(user("src_account")),
                    destination: Some("dst_account".into()),
                    ..HistoryFilter::new(time("2019-08-01T01:22:10Z"), time("2019-08-01T01:32:10Z"))
                })
                .offset(100)
                .limit(20)
                .order(HistoryOrder::Asc)
                .build(),
        ),
        Example::of(
            "legacy 1.x",
            GetHistoryQueryResult::builder()
                .appid(placeholder_app_id())
                .handle("123456123456")
                .build(),
        ),
        Example::of(
            "legacy 1.x, 2020-02 page",
            GetHistoryQueryResult::builder()
                .appid(placeholder_app_id())
                .handle("123456123456")
                .build(),
        ),
        Example::of(
            "legacy 1.x",
            CountHistoryMessages::builder()
                .appid(placeholder_app_id())
                .source(user("src"))
                .destination("dst")
                .start_time(time("2019-08-01T01:22:10Z"))
                .end_time(time("2019-08-01T01:24:10Z"))
                .build(),
        ),
    ]
}
