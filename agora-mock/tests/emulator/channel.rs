//! Channel management on the emulator, through agora-api: ban rules live,
//! expire and kick as documented; online statistics reflect the users the
//! test puts in channels; what Agora refuses is refused.

use std::time::Duration;

use crate::support::{Raw, api_error};
use agora_api::channel::{
    BanMinutes, BanRuleId, BanSeconds, ChannelProfile, ChannelUsers, CreateBanRule, DeleteBanRule,
    GetUserStatus, HostsOnly, ListBanRules, ListChannelHosts, ListChannelUsers, ListChannels,
    ListNotificationIps, PageSize, Platform, Privilege, UpdateBanRuleExpiry, UserRole,
};
use agora_api::{AppId, ChannelName, Uid};
use agora_mock::{Join, ManualClock, MockServer};
use serde_json::json;

/// 2023-11-14T22:13:20Z.
const T0: u64 = 1_700_000_000;

fn room() -> ChannelName {
    ChannelName::new("room").expect("a channel name")
}

fn ban(app_id: &AppId, uid: u32, minutes: u16) -> CreateBanRule {
    CreateBanRule::builder()
        .appid(app_id.clone())
        .cname(room())
        .uid(Uid::new(uid).expect("a uid"))
        .time(BanMinutes::new(minutes).expect("minutes"))
        .privileges(vec![Privilege::JoinChannel])
        .build()
}

async fn users(server: &MockServer, name: &str) -> ChannelUsers {
    server
        .client()
        .send(
            &ListChannelUsers::builder()
                .appid(server.app_id().clone())
                .channel_name(ChannelName::new(name).expect("a name"))
                .build(),
        )
        .await
        .expect("users")
        .data
}

#[tokio::test]
async fn a_ban_rule_is_created_listed_updated_expires_and_is_deleted() {
    let clock = ManualClock::at_unix(T0);
    let server = MockServer::builder()
        .clock(clock.clone())
        .start()
        .await
        .expect("a server");
    let client = server.client();
    let app_id = server.app_id().clone();

    let first = client.send(&ban(&app_id, 42, 10)).await.expect("created");
    let second = client.send(&ban(&app_id, 43, 10)).await.expect("created");
    assert!(second.id > first.id, "rule IDs increase");

    let list = client
        .send(&ListBanRules::builder().appid(app_id.clone()).build())
        .await
        .expect("listed");
    assert_eq!(list.rules.len(), 2);
    let rule = &list.rules[0];
    assert_eq!(rule.id, first.id);
    assert_eq!(rule.uid, Some(42));
    assert_eq!(rule.cname.as_deref(), Some("room"));
    assert_eq!(rule.privileges, [Privilege::JoinChannel]);
    assert_eq!(
        rule.ts.as_deref(),
        Some("2023-11-14T22:23:20.000Z"),
        "now + 10 minutes"
    );
    assert_eq!(rule.create_at.as_deref(), Some("2023-11-14T22:13:20.000Z"));

    let updated = client
        .send(
            &UpdateBanRuleExpiry::builder()
                .appid(app_id.clone())
                .id(first.id)
                .time_in_seconds(BanSeconds::new(60).expect("seconds"))
                .build(),
        )
        .await
        .expect("updated");
    assert_eq!(
        updated.result.ts.as_deref(),
        Some("2023-11-14T22:14:20.000Z")
    );

    clock.advance(Duration::from_secs(61));
    let list = client
        .send(&ListBanRules::builder().appid(app_id.clone()).build())
        .await
        .expect("listed");
    assert_eq!(list.rules.len(), 1, "the first rule expired");
    let expired = client
        .send(
            &UpdateBanRuleExpiry::builder()
                .appid(app_id.clone())
                .id(first.id)
                .build(),
        )
        .await
        .expect_err("an expired rule is gone");
    assert_eq!(api_error(&expired).status, 404);

    let deleted = client
        .send(
            &DeleteBanRule::builder()
                .appid(app_id.clone())
                .id(second.id)
                .build(),
        )
        .await
        .expect("deleted");
    assert_eq!(deleted.id, second.id);
    let again = client
        .send(
            &DeleteBanRule::builder()
                .appid(app_id.clone())
                .id(second.id)
                .build(),
        )
        .await
        .expect_err("deleted already");
    assert_eq!(api_error(&again).status, 404);
    assert!(
        client
            .send(&ListBanRules::builder().appid(app_id).build())
            .await
            .expect("listed")
            .rules
            .is_empty()
    );
}

#[tokio::test]
async fn a_join_ban_kicks_the_user_and_keeps_them_out_until_it_expires() {
    let clock = ManualClock::at_unix(T0);
    let server = MockServer::builder()
        .clock(clock.clone())
        .start()
        .await
        .expect("a server");
    server
        .channel("room")
        .host(1)
        .and_then(|c| c.audience(2))
        .expect("joined");
    server.channel("other").user(2).expect("joined");

    server
        .client()
        .send(&ban(server.app_id(), 2, 1))
        .await
        .expect("created");
    let ChannelUsers::LiveBroadcasting(live) = users(&server, "room").await else {
        panic!("a live channel");
    };
    assert_eq!(live.broadcasters, [1]);
    assert_eq!(live.audience.as_deref(), Some(&[][..]), "user 2 was kicked");
    assert!(
        users(&server, "other").await.exists(),
        "the rule names one channel"
    );
    let banned = server
        .channel("room")
        .audience(2)
        .expect_err("the rule keeps user 2 out");
    assert!(banned.rule_id > 0);

    clock.advance(Duration::from_secs(61));
    server
        .channel("room")
        .audience(2)
        .expect("the rule expired after a minute");
}

#[tokio::test]
async fn a_rule_by_ip_matches_users_behind_that_address() {
    let server = MockServer::start().await;
    server
        .channel("room")
        .join(Join::user(7).ip("203.0.113.7"))
        .and_then(|c| c.join(Join::user(8).ip("203.0.113.8")))
        .expect("joined");
    server
        .client()
        .send(
            &CreateBanRule::builder()
                .appid(server.app_id().clone())
                .ip("203.0.113.7")
                .privileges(vec![Privilege::JoinChannel])
                .build(),
        )
        .await
        .expect("created");
    let ChannelUsers::Communication(users) = users(&server, "room").await else {
        panic!("a communication channel");
    };
    assert_eq!(users.users, [8]);
}

#[tokio::test]
async fn zero_kicks_without_banning_and_durations_are_clamped_as_agora_does() {
    let clock = ManualClock::at_unix(T0);
    let server = MockServer::builder()
        .clock(clock.clone())
        .start()
        .await
        .expect("a server");
    server.channel("room").host(5).expect("joined");
    let client = server.client();
    client
        .send(&ban(server.app_id(), 5, 0))
        .await
        .expect("created");
    assert!(!users(&server, "room").await.exists(), "kicked");
    server
        .channel("room")
        .host(5)
        .expect("and may rejoin at once");
    assert!(
        client
            .send(
                &ListBanRules::builder()
                    .appid(server.app_id().clone())
                    .build()
            )
            .await
            .expect("listed")
            .rules
            .is_empty(),
        "a rule of 0 is over at once"
    );

    // The client refuses out-of-range durations; Agora clamps them.
    let raw = Raw::new(&server);
    let appid = server.app_id().as_str();
    let clamped = [
        (json!({ "time": 5000 }), "2023-11-15T22:13:20.000Z"),
        (json!({ "time_in_seconds": 5 }), "2023-11-14T22:13:30.000Z"),
        (
            json!({ "time": 1, "time_in_seconds": 3600 }),
            "2023-11-14T23:13:20.000Z",
        ),
        (json!({}), "2023-11-14T23:13:20.000Z"),
    ];
    for (duration, expected) in clamped {
        let mut body = json!({ "appid": appid, "uid": 9, "privileges": ["publish_audio"] });
        if let (Some(body), Some(duration)) = (body.as_object_mut(), duration.as_object()) {
            body.extend(duration.clone());
        }
        let created = raw.basic("POST", "/dev/v1/kicking-rule", Some(body)).await;
        assert_eq!(created.status, 200, "{duration}");
        let list = client
            .send(
                &ListBanRules::builder()
                    .appid(server.app_id().clone())
                    .build(),
            )
            .await
            .expect("listed");
        let rule = list
            .rules
            .iter()
            .find(|rule| Some(rule.id) == created.body["id"].as_u64().map(BanRuleId::new))
            .expect("the new rule");
        assert_eq!(rule.ts.as_deref(), Some(expected), "{duration}");
    }
}

#[tokio::test]
async fn user_status_and_user_lists_follow_the_channels_users() {
    let clock = ManualClock::at_unix(T0);
    let server = MockServer::builder()
        .clock(clock.clone())
        .start()
        .await
        .expect("a server");
    server
        .channel("live")
        .join(Join::host(10).platform(Platform::Ios))
        .and_then(|c| c.host(11))
        .and_then(|c| c.audience(20))
        .expect("joined");
    server.channel("call").user(30).expect("joined");
    let client = server.client();
    let app_id = server.app_id().clone();

    let status = client
        .send(
            &GetUserStatus::builder()
                .appid(app_id.clone())
                .uid(Uid::new(10).expect("a uid"))
                .channel_name(ChannelName::new("live").expect("a name"))
                .build(),
        )
        .await
        .expect("status");
    assert!(status.data.in_channel);
    assert_eq!(status.data.role, Some(UserRole::Host));
    assert_eq!(status.data.platform, Some(Platform::Ios));
    assert_eq!(status.data.join, Some(T0 as i64));
    let absent = client
        .send(
            &GetUserStatus::builder()
                .appid(app_id.clone())
                .uid(Uid::new(99).expect("a uid"))
                .channel_name(ChannelName::new("live").expect("a name"))
                .build(),
        )
        .await
        .expect("status");
    assert!(!absent.data.in_channel);
    assert_eq!(
        absent.data.uid, None,
        "nothing else when not in the channel"
    );

    let ChannelUsers::LiveBroadcasting(live) = users(&server, "live").await else {
        panic!("a live channel");
    };
    assert_eq!(live.broadcasters, [10, 11]);
    assert_eq!(live.audience.as_deref(), Some(&[20][..]));
    assert_eq!(live.audience_total, Some(1));
    let call = users(&server, "call").await;
    assert_eq!(call.profile(), Some(ChannelProfile::Communication));
    assert!(!users(&server, "nobody").await.exists());

    let hosts_flag = client
        .send(
            &ListChannelUsers::builder()
                .appid(app_id.clone())
                .channel_name(ChannelName::new("live").expect("a name"))
                .hosts_only(HostsOnly)
                .build(),
        )
        .await
        .expect("hosts");
    let ChannelUsers::LiveBroadcasting(hosts) = hosts_flag.data else {
        panic!("a live channel");
    };
    assert_eq!(hosts.audience, None, "hosts_only leaves the audience out");
    let host_list = client
        .send(
            &ListChannelHosts::builder()
                .appid(app_id)
                .channel_name(ChannelName::new("live").expect("a name"))
                .build(),
        )
        .await
        .expect("hosts");
    let ChannelUsers::LiveBroadcasting(hosts) = host_list.data else {
        panic!("a live channel");
    };
    assert_eq!(hosts.broadcasters, [10, 11]);

    server.channel("live").leave(10);
    let ChannelUsers::LiveBroadcasting(live) = users(&server, "live").await else {
        panic!("a live channel");
    };
    assert_eq!(live.broadcasters, [11]);
}

#[tokio::test]
async fn the_channel_list_pages_to_the_last_channel() {
    let server = MockServer::start().await;
    for (index, name) in ["a", "b", "c", "d", "e"].iter().enumerate() {
        for uid in 0..=index as u32 {
            server.channel(name).user(uid + 1).expect("joined");
        }
    }
    let mut pages = server.client().pages(
        ListChannels::builder()
            .appid(server.app_id().clone())
            .page_size(PageSize::new(2).expect("a page size"))
            .build(),
    );
    let mut seen = Vec::new();
    while let Some(page) = pages.next().await {
        let page = page.expect("a page");
        assert_eq!(page.data.total_size, Some(5));
        seen.extend(
            page.data
                .channels
                .into_iter()
                .map(|c| (c.channel_name, c.user_count)),
        );
    }
    assert_eq!(
        seen,
        [
            ("a".to_owned(), 1),
            ("b".to_owned(), 2),
            ("c".to_owned(), 3),
            ("d".to_owned(), 4),
            ("e".to_owned(), 5)
        ]
    );
    assert_eq!(server.journal().len(), 3, "pages 0, 1 and 2");
}

#[tokio::test]
async fn notification_ips_are_listed() {
    let server = MockServer::start().await;
    let ips = server
        .client()
        .send(&ListNotificationIps::builder().build())
        .await
        .expect("IPs");
    assert_eq!(ips.ips().count(), 2);
}

/// Malformed requests are `invalid` cases in `specs/`, refused by the
/// client and the emulator alike (`tests/tests/workspace/invalid.rs`);
/// here, what only the account's state refuses.
#[tokio::test]
async fn what_channel_management_refuses_the_emulator_refuses() {
    let server = MockServer::start().await;
    let raw = Raw::new(&server);
    let appid = server.app_id().as_str();
    let unknown = raw
        .basic(
            "POST",
            "/dev/v1/kicking-rule",
            Some(json!({ "appid": "ffffffffffffffffffffffffffffffff", "uid": 1, "privileges": ["join_channel"] })),
        )
        .await;
    assert_eq!(unknown.status, 400);
    assert_eq!(unknown.body["message"], "appid is invalid");

    let unknown_rule = raw
        .basic(
            "PUT",
            "/dev/v1/kicking-rule",
            Some(json!({ "appid": appid, "id": 12345, "time": 10 })),
        )
        .await;
    assert_eq!(unknown_rule.status, 404);
    assert_eq!(server.journal().len(), 2);
    assert!(
        server
            .journal()
            .iter()
            .all(|entry| entry.status != Some(200)),
        "nothing was accepted"
    );
}
