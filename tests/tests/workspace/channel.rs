//! `agora_api::channel` (RTC channel management): every documented input
//! rule is refused before any I/O, the documented response variants decode
//! (both channel profiles, missing members, unknown values), the channel
//! list pages to its end and stops there, and every official example body
//! goes through the typed request types and back unchanged.

use agora_api::channel::{
    BanMinutes, BanRuleId, BanRules, BanSeconds, ChannelProfile, ChannelUsers, CreateBanRule,
    DeleteBanRule, GetUserStatus, HostsOnly, ListBanRules, ListChannelHosts, ListChannelUsers,
    ListChannels, ListNotificationIps, PageSize, Platform, Privilege, RequestStatus, StatsResponse,
    UpdateBanRuleExpiry, UserRole, UserStatus,
};
use agora_api::{AppId, ChannelName, Endpoint, Error, Paginated, Uid};
use agora_tests::{BASIC_HEADER, LocalServer, Recorded, Reply, basic_client, spec_entry};
use serde::Deserialize;
use serde_json::{Value, json};

const APP_ID: &str = "0123456789abcdef0123456789abcdef";

fn app_id() -> AppId {
    AppId::new(APP_ID).expect("a valid App ID")
}

fn channel(name: &str) -> ChannelName {
    ChannelName::new(name).expect("a valid channel name")
}

fn uid(value: u32) -> Uid {
    Uid::new(value).expect("a valid uid")
}

/// A server that must never be reached: every answer is a 500.
async fn untouched_server() -> LocalServer {
    LocalServer::replying(Reply::json(500, r#"{"message":"must not be called"}"#)).await
}

/// Asserts that `result` is an input error on `field` whose rule contains
/// `rule`, and that nothing reached `server`.
fn assert_refused<T: std::fmt::Debug>(
    result: Result<T, Error>,
    server: &LocalServer,
    field: &str,
    rule: &str,
) {
    match result {
        Err(Error::InvalidInput(error)) => {
            assert_eq!(error.field(), field, "{error}");
            assert!(error.rule().contains(rule), "{error}: expected {rule:?}");
        }
        other => panic!("expected an input error on `{field}`, got {other:?}"),
    }
    assert!(
        server.requests().is_empty(),
        "nothing may be sent: {:#?}",
        server.requests()
    );
}

/// A valid rule: the documented one.
fn rule() -> CreateBanRule {
    CreateBanRule::builder()
        .appid(app_id())
        .cname(channel("channel1"))
        .uid(uid(589517928))
        .time(BanMinutes::new(60).expect("60 minutes"))
        .privileges(vec![Privilege::JoinChannel])
        .build()
}

// ---------------------------------------------------------------------------
// Input rules, before any I/O
// ---------------------------------------------------------------------------

#[tokio::test]
async fn a_rule_matching_nothing_is_refused_before_sending() {
    let server = untouched_server().await;
    let client = basic_client(&server.url());

    let bare = CreateBanRule::builder()
        .appid(app_id())
        .privileges(vec![Privilege::JoinChannel])
        .build();
    assert_refused(
        client.send(&bare).await,
        &server,
        "cname",
        "at least one of cname, uid or ip",
    );

    // The empty `ip` of Agora's example is "no address", not a filter.
    let empty_ip = CreateBanRule::builder()
        .appid(app_id())
        .ip("")
        .privileges(vec![Privilege::JoinChannel])
        .build();
    assert_refused(
        client.send(&empty_ip).await,
        &server,
        "cname",
        "at least one of cname, uid or ip",
    );
}

#[tokio::test]
async fn an_ip_of_zero_is_refused_before_sending() {
    let server = untouched_server().await;
    let client = basic_client(&server.url());
    let rule = CreateBanRule {
        ip: Some("0".into()),
        ..rule()
    };
    assert_refused(client.send(&rule).await, &server, "ip", "must not be 0");
}

#[tokio::test]
async fn privileges_must_be_documented_and_not_empty() {
    let server = untouched_server().await;
    let client = basic_client(&server.url());

    let none = CreateBanRule {
        privileges: Vec::new(),
        ..rule()
    };
    assert_refused(
        client.send(&none).await,
        &server,
        "privileges",
        "at least one privilege",
    );

    let unknown = CreateBanRule {
        privileges: vec![Privilege::PublishAudio, Privilege::from("kick")],
        ..rule()
    };
    assert_refused(
        client.send(&unknown).await,
        &server,
        "privileges",
        "\"kick\" is not a documented privilege",
    );
}

#[tokio::test]
async fn minutes_and_seconds_together_are_refused_on_create_and_update() {
    let server = untouched_server().await;
    let client = basic_client(&server.url());
    let seconds = BanSeconds::new(600).expect("600 seconds");

    let both = CreateBanRule {
        time_in_seconds: Some(seconds),
        ..rule()
    };
    assert_refused(
        client.send(&both).await,
        &server,
        "time_in_seconds",
        "either time or time_in_seconds, not both",
    );

    let update = UpdateBanRuleExpiry::builder()
        .appid(app_id())
        .id(BanRuleId::new(1953))
        .time(BanMinutes::new(10).expect("10 minutes"))
        .time_in_seconds(seconds)
        .build();
    assert_refused(
        client.send(&update).await,
        &server,
        "time_in_seconds",
        "either time or time_in_seconds, not both",
    );
}

#[test]
fn ban_durations_take_the_documented_ranges_and_zero_only() {
    for minutes in [0, 1, 60, 1440] {
        assert_eq!(BanMinutes::new(minutes).map(BanMinutes::get), Ok(minutes));
    }
    let error = BanMinutes::new(1441).expect_err("past 1440 minutes");
    assert_eq!(error.field(), "time");
    assert!(error.rule().contains("1 to 1440 minutes"), "{error}");
    assert!(error.rule().contains("got 1441"), "{error}");

    for seconds in [0, 10, 3600, 86430] {
        assert_eq!(BanSeconds::new(seconds).map(BanSeconds::get), Ok(seconds));
    }
    for seconds in [1, 9, 86431] {
        let error = BanSeconds::new(seconds).expect_err("outside 0 | 10..=86430");
        assert_eq!(error.field(), "time_in_seconds");
        assert!(error.rule().contains("10 to 86430 seconds"), "{error}");
    }

    // The same rules hold when a duration is decoded or parsed.
    assert!(serde_json::from_str::<BanMinutes>("1441").is_err());
    assert!(serde_json::from_str::<BanSeconds>("5").is_err());
    assert_eq!(
        "sixty"
            .parse::<BanMinutes>()
            .expect_err("not a number")
            .field(),
        "time"
    );
}

#[test]
fn page_sizes_take_1_to_500() {
    assert_eq!(PageSize::new(1).map(PageSize::get), Ok(1));
    assert_eq!(PageSize::new(500).map(PageSize::get), Ok(500));
    assert_eq!(PageSize::default().get(), 100);
    for size in [0, 501] {
        let error = PageSize::new(size).expect_err("outside 1..=500");
        assert_eq!(error.field(), "page_size");
        assert_eq!(error.rule(), format!("must be from 1 to 500 (got {size})"));
    }
    assert!(serde_json::from_str::<PageSize>("0").is_err());
}

#[test]
fn the_rule_uid_is_a_nonzero_json_number() {
    assert_eq!(Uid::new(0).expect_err("0 is reserved").field(), "uid");
    let body = serde_json::to_value(uid(589517928)).expect("a uid serializes");
    assert_eq!(body, json!(589517928));
    assert!(
        serde_json::from_value::<Uid>(json!("589517928")).is_err(),
        "a string uid is not the documented number"
    );
}

#[test]
fn only_creating_a_rule_is_never_resent() {
    let idempotent = [
        (CreateBanRule::NAME, CreateBanRule::IDEMPOTENT),
        (UpdateBanRuleExpiry::NAME, UpdateBanRuleExpiry::IDEMPOTENT),
        (DeleteBanRule::NAME, DeleteBanRule::IDEMPOTENT),
        (ListBanRules::NAME, ListBanRules::IDEMPOTENT),
        (ListChannels::NAME, ListChannels::IDEMPOTENT),
    ];
    assert_eq!(
        idempotent,
        [
            ("CreateBanRule", false),
            ("UpdateBanRuleExpiry", true),
            ("DeleteBanRule", true),
            ("ListBanRules", true),
            ("ListChannels", true),
        ]
    );
}

// ---------------------------------------------------------------------------
// On the wire, and the documented responses
// ---------------------------------------------------------------------------

/// The documented response of `example` in `endpoint`'s spec entry.
fn documented_reply(endpoint: &str, example: &str) -> Reply {
    let entry = spec_entry("channel", endpoint);
    let documented = entry["examples"]
        .as_array()
        .and_then(|examples| examples.iter().find(|e| e["name"] == example))
        .unwrap_or_else(|| panic!("{endpoint} has no example {example:?}"));
    Reply::json(200, documented["response"]["body"].to_string())
}

fn assert_basic_json(seen: &Recorded) {
    assert_eq!(seen.header("authorization"), Some(BASIC_HEADER));
    assert_eq!(seen.header("content-type"), Some("application/json"));
}

#[tokio::test]
async fn creating_a_rule_posts_the_documented_body_and_returns_its_id() {
    let server = LocalServer::replying(documented_reply("CreateBanRule", "documented")).await;
    let client = basic_client(&server.url());
    let rule = CreateBanRule {
        ip: Some(String::new()),
        ..rule()
    };

    let created = client.send(&rule).await.expect("the documented answer");

    assert_eq!(created.id, BanRuleId::new(1953));
    assert_eq!(created.status, Some(RequestStatus::Success));
    let seen = server.single_request();
    assert_eq!(seen.method, "POST");
    assert_eq!(seen.target, "/dev/v1/kicking-rule");
    assert_basic_json(&seen);
    assert_eq!(
        seen.json(),
        json!({
            "appid": APP_ID, "cname": "channel1", "uid": 589517928, "ip": "",
            "time": 60, "privileges": ["join_channel"]
        })
    );
}

#[tokio::test]
async fn deleting_a_rule_sends_a_json_body_on_delete() {
    let server = LocalServer::replying(documented_reply("DeleteBanRule", "documented")).await;
    let client = basic_client(&server.url());

    let deleted = client
        .send(
            &DeleteBanRule::builder()
                .appid(app_id())
                .id(BanRuleId::new(1953))
                .build(),
        )
        .await
        .expect("the documented answer");

    assert_eq!(deleted.id.get(), 1953);
    let seen = server.single_request();
    assert_eq!(seen.method, "DELETE");
    assert_eq!(seen.target, "/dev/v1/kicking-rule");
    assert_basic_json(&seen);
    assert_eq!(seen.json(), json!({"appid": APP_ID, "id": 1953}));
}

#[tokio::test]
async fn updating_a_rule_to_zero_kicks_without_a_ban_and_returns_the_new_expiry() {
    let server = LocalServer::replying(documented_reply("UpdateBanRuleExpiry", "documented")).await;
    let client = basic_client(&server.url());

    let updated = client
        .send(
            &UpdateBanRuleExpiry::builder()
                .appid(app_id())
                .id(BanRuleId::new(1953))
                .time_in_seconds(BanSeconds::KICK_ONLY)
                .build(),
        )
        .await
        .expect("the documented answer");

    assert_eq!(updated.result.id.get(), 1953);
    assert_eq!(
        updated.result.ts.as_deref(),
        Some("2026-01-09T08:45:54.545Z")
    );
    let seen = server.single_request();
    assert_eq!(seen.method, "PUT");
    assert_eq!(
        seen.json(),
        json!({"appid": APP_ID, "id": 1953, "time_in_seconds": 0})
    );
}

#[tokio::test]
async fn the_rule_list_decodes_the_documented_rule() {
    let server = LocalServer::replying(documented_reply("ListBanRules", "documented")).await;
    let client = basic_client(&server.url());

    let listed = client
        .send(&ListBanRules::builder().appid(app_id()).build())
        .await
        .expect("the documented answer");

    let seen = server.single_request();
    assert_eq!(seen.method, "GET");
    assert_eq!(seen.target, format!("/dev/v1/kicking-rule?appid={APP_ID}"));
    assert!(seen.body.is_empty(), "a GET carries no body");
    let rule = &listed.rules[0];
    assert_eq!(rule.id.get(), 1953);
    assert_eq!(rule.uid, Some(589517928));
    assert_eq!(rule.opid, Some(1406));
    assert_eq!(rule.cname.as_deref(), Some("11"));
    assert_eq!(rule.ip.as_deref(), Some("192.168.0.1"));
    assert_eq!(rule.privileges, [Privilege::JoinChannel]);
    assert_eq!(rule.ts.as_deref(), Some("2026-01-09T07:23:06.000Z"));
    assert_eq!(rule.create_at.as_deref(), Some("2026-01-09T06:23:06.000Z"));
    assert_eq!(rule.update_at.as_deref(), Some("2026-01-09T14:23:06.000Z"));
}

#[test]
fn a_rule_without_filters_or_with_a_new_privilege_still_decodes() {
    let rules: BanRules = serde_json::from_value(json!({
        "status": "success",
        "rules": [{"id": 7, "cname": "room", "privileges": ["publish_audio", "publish_data"]}]
    }))
    .expect("a sparse rule decodes");
    let rule = &rules.rules[0];
    assert_eq!((rule.uid, rule.ip.as_deref()), (None, None));
    assert_eq!(
        rule.privileges,
        [
            Privilege::PublishAudio,
            Privilege::Other("publish_data".into())
        ]
    );

    let empty: BanRules =
        serde_json::from_value(json!({"status": "success"})).expect("no rules decodes");
    assert!(empty.rules.is_empty());
}

#[tokio::test]
async fn user_status_puts_uid_and_channel_in_the_path_and_decodes_role_and_platform() {
    let server = LocalServer::replying(documented_reply("GetUserStatus", "documented")).await;
    let client = basic_client(&server.url());

    let status = client
        .send(
            &GetUserStatus::builder()
                .appid(app_id())
                .uid(uid(2845863044))
                .channel_name(channel("a b#c"))
                .build(),
        )
        .await
        .expect("the documented answer");

    assert_eq!(
        server.single_request().target,
        format!("/dev/v1/channel/user/property/{APP_ID}/2845863044/a%20b%23c")
    );
    assert!(status.success);
    let user = status.data;
    assert!(user.in_channel);
    assert_eq!(user.uid, Some(2845863044));
    assert_eq!(user.join, Some(1640330382));
    assert_eq!(user.role, Some(UserRole::Host));
    assert_eq!(user.platform, Some(Platform::Web));
}

#[test]
fn user_status_decodes_an_absent_user_and_unknown_values() {
    let absent: StatsResponse<UserStatus> =
        serde_json::from_value(json!({"success": true, "data": {"in_channel": false}}))
            .expect("an absent user decodes");
    assert!(!absent.data.in_channel);
    assert_eq!(absent.data.role, None);

    let unknown: StatsResponse<UserStatus> = serde_json::from_value(json!({
        "success": true,
        "data": {"in_channel": true, "uid": 1, "join": 1, "role": 9, "platform": 0}
    }))
    .expect("unknown values decode");
    assert_eq!(unknown.data.role, Some(UserRole::Other(9)));
    assert_eq!(unknown.data.platform, Some(Platform::Unlisted));
}

#[tokio::test]
async fn the_user_list_decodes_both_channel_profiles() {
    let communication = LocalServer::replying(documented_reply(
        "ListChannelUsers",
        "communication profile",
    ))
    .await;
    let list = ListChannelUsers::builder()
        .appid(app_id())
        .channel_name(channel("demo_channel"))
        .build();
    let answer = basic_client(&communication.url())
        .send(&list)
        .await
        .expect("the communication example");
    assert_eq!(
        communication.single_request().target,
        format!("/dev/v1/channel/user/{APP_ID}/demo_channel")
    );
    assert_eq!(answer.data.profile(), Some(ChannelProfile::Communication));
    let ChannelUsers::Communication(users) = answer.data else {
        panic!("a COMMUNICATION channel: {:?}", answer.data)
    };
    assert_eq!((users.total, users.users), (1, vec![906218805]));

    let live = LocalServer::replying(documented_reply(
        "ListChannelUsers",
        "live broadcasting profile",
    ))
    .await;
    let answer = basic_client(&live.url())
        .send(&list)
        .await
        .expect("the live broadcasting example");
    let ChannelUsers::LiveBroadcasting(users) = answer.data else {
        panic!("a LIVE_BROADCASTING channel: {:?}", answer.data)
    };
    assert_eq!(users.broadcasters, [2206227541, 2845863044]);
    assert_eq!(users.audience, Some(vec![906219905]));
    assert_eq!(users.audience_total, Some(1));
}

#[tokio::test]
async fn hosts_only_is_a_flag_on_the_user_list_and_a_path_of_its_own() {
    let server = LocalServer::replying(documented_reply("ListChannelHosts", "documented")).await;
    let client = basic_client(&server.url());

    let flagged = ListChannelUsers::builder()
        .appid(app_id())
        .channel_name(channel("demo_channel"))
        .hosts_only(HostsOnly)
        .build();
    let by_flag = client.send(&flagged).await.expect("the host example");
    let by_path = client
        .send(
            &ListChannelHosts::builder()
                .appid(app_id())
                .channel_name(channel("demo_channel"))
                .build(),
        )
        .await
        .expect("the host example");

    let targets: Vec<String> = server.requests().into_iter().map(|r| r.target).collect();
    assert_eq!(
        targets,
        [
            format!("/dev/v1/channel/user/{APP_ID}/demo_channel?hosts_only=true"),
            format!("/dev/v1/channel/user/{APP_ID}/demo_channel/hosts_only"),
        ]
    );
    for answer in [by_flag, by_path] {
        let ChannelUsers::LiveBroadcasting(hosts) = answer.data else {
            panic!("a LIVE_BROADCASTING channel: {:?}", answer.data)
        };
        assert_eq!(hosts.broadcasters, [574332, 1347839]);
        assert_eq!(hosts.audience, None, "no audience was asked for");
        assert_eq!(hosts.audience_total, None);
    }
}

#[test]
fn the_user_list_decodes_a_missing_channel_and_unknown_or_missing_modes() {
    let decode = |data: Value| -> ChannelUsers {
        serde_json::from_value::<StatsResponse<ChannelUsers>>(
            json!({"success": true, "data": data}),
        )
        .expect("a user list decodes")
        .data
    };

    let missing = decode(json!({"channel_exist": false}));
    assert!(matches!(missing, ChannelUsers::NoChannel));
    assert!(!missing.exists());
    assert_eq!(missing.profile(), None);

    assert!(matches!(
        decode(json!({"channel_exist": true, "mode": 3, "users": [1]})),
        ChannelUsers::UnknownProfile { mode: Some(3) }
    ));

    // Without `mode`, the members sent tell the profile.
    let ChannelUsers::Communication(users) =
        decode(json!({"channel_exist": true, "users": [5, 6]}))
    else {
        panic!("users[] means COMMUNICATION")
    };
    assert_eq!(users.total, 2, "the count falls back to the list's length");
    assert_eq!(
        decode(json!({"channel_exist": true, "broadcasters": [5]})).profile(),
        Some(ChannelProfile::LiveBroadcasting)
    );
}

#[tokio::test]
async fn notification_ips_decode_to_the_addresses() {
    let server = LocalServer::replying(documented_reply("ListNotificationIps", "documented")).await;
    let client = basic_client(&server.url());

    let answer = client
        .send(&ListNotificationIps::builder().build())
        .await
        .expect("the documented answer");

    assert_eq!(server.single_request().target, "/v2/ncs/ip");
    assert_eq!(
        answer.ips().collect::<Vec<_>>(),
        ["xxx.xxx.xxx.xxx", "xxx.xxx.xxx.xxx"]
    );
}

// ---------------------------------------------------------------------------
// Paging
// ---------------------------------------------------------------------------

/// The `name=value` query parameter of a request target.
fn query_param<'a>(target: &'a str, name: &str) -> Option<&'a str> {
    target
        .split_once('?')?
        .1
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value)
}

/// A channel page of `names` out of `total` (`None`: no `total_size`).
fn page(names: &[&str], total: Option<u64>) -> Reply {
    let channels: Vec<Value> = names
        .iter()
        .map(|name| json!({"channel_name": name, "user_count": 1}))
        .collect();
    let mut data = json!({"channels": channels});
    if let Some(total) = total {
        data["total_size"] = json!(total);
    }
    Reply::json(200, json!({"success": true, "data": data}).to_string())
}

/// Walks every page of `first` against `server`; the channel names in
/// order, and the `page_no` of each request.
async fn walk(server: &LocalServer, first: ListChannels) -> (Vec<String>, Vec<String>) {
    let client = basic_client(&server.url());
    let mut pages = client.pages(first);
    let mut names = Vec::new();
    while let Some(page) = pages.next().await {
        let page = page.expect("every page decodes");
        names.extend(page.data.channels.into_iter().map(|c| c.channel_name));
    }
    assert!(pages.next().await.is_none(), "the walk stays finished");
    let page_nos = server
        .requests()
        .iter()
        .map(|r| query_param(&r.target, "page_no").unwrap_or("-").to_owned())
        .collect();
    (names, page_nos)
}

fn first_page(size: u16) -> ListChannels {
    ListChannels::builder()
        .appid(app_id())
        .page_no(0)
        .page_size(PageSize::new(size).expect("a valid page size"))
        .build()
}

#[tokio::test]
async fn the_channel_list_walks_three_pages_and_stops_on_the_last() {
    let server = LocalServer::start(|request| {
        assert_eq!(query_param(&request.target, "page_size"), Some("2"));
        match query_param(&request.target, "page_no") {
            Some("0") => page(&["a", "b"], Some(5)),
            Some("1") => page(&["c", "d"], Some(5)),
            Some("2") => page(&["e"], Some(5)),
            _ => Reply::json(500, r#"{"message":"past the last page"}"#),
        }
    })
    .await;

    let (names, page_nos) = walk(&server, first_page(2)).await;

    assert_eq!(names, ["a", "b", "c", "d", "e"]);
    assert_eq!(page_nos, ["0", "1", "2"], "one request per page, no more");
}

#[tokio::test]
async fn a_full_last_page_ends_the_walk_by_total_size() {
    let server = LocalServer::start(|request| match query_param(&request.target, "page_no") {
        Some("0") => page(&["a", "b"], Some(4)),
        Some("1") => page(&["c", "d"], Some(4)),
        _ => Reply::json(500, r#"{"message":"past the last page"}"#),
    })
    .await;

    let (names, page_nos) = walk(&server, first_page(2)).await;

    assert_eq!(names, ["a", "b", "c", "d"]);
    assert_eq!(page_nos, ["0", "1"]);
}

#[tokio::test]
async fn without_total_size_a_short_or_empty_page_ends_the_walk() {
    let short = LocalServer::start(|request| match query_param(&request.target, "page_no") {
        Some("0") => page(&["a", "b"], None),
        Some("1") => page(&["c"], None),
        _ => Reply::json(500, r#"{"message":"past the last page"}"#),
    })
    .await;
    assert_eq!(walk(&short, first_page(2)).await.1, ["0", "1"]);

    // Channels that emptied while paging: total_size promised more, the
    // page came back empty.
    let emptied = LocalServer::start(|request| match query_param(&request.target, "page_no") {
        Some("0") => page(&["a", "b"], Some(9)),
        Some("1") => page(&[], Some(9)),
        _ => Reply::json(500, r#"{"message":"past the last page"}"#),
    })
    .await;
    assert_eq!(walk(&emptied, first_page(2)).await.1, ["0", "1"]);
}

#[tokio::test]
async fn a_walk_from_agoras_defaults_counts_pages_of_100() {
    let server = LocalServer::start(|request| {
        assert_eq!(query_param(&request.target, "page_size"), None);
        match query_param(&request.target, "page_no") {
            None => page(&["x"; 100], Some(150)),
            Some("1") => page(&["y"; 50], Some(150)),
            _ => Reply::json(500, r#"{"message":"past the last page"}"#),
        }
    })
    .await;

    let first = ListChannels::builder().appid(app_id()).build();
    let (names, page_nos) = walk(&server, first).await;

    assert_eq!(names.len(), 150);
    assert_eq!(page_nos, ["-", "1"], "page 0 by default, then page 1");
}

#[test]
fn next_page_keeps_the_app_and_page_size() {
    let first = first_page(2);
    let answer: StatsResponse<_> = serde_json::from_value(json!({
        "success": true,
        "data": {"channels": [{"channel_name": "a", "user_count": 1}], "total_size": 3}
    }))
    .expect("a page decodes");
    let next = first.next_page(&answer).expect("a second page");
    assert_eq!(next.page_no, Some(1));
    assert_eq!(next.page_size, first.page_size);
    assert_eq!(next.appid, first.appid);
}

// ---------------------------------------------------------------------------
// Official example bodies through the typed request types
// ---------------------------------------------------------------------------

/// The App ID Agora's examples show, masked; `AppId` refuses it, so it is
/// swapped for the placeholder `official_requests.jsonl` uses elsewhere.
const MASKED_APP_ID: &str = "4855xxxxxxxxxxxxxxxxxxxxxxxxeae2";

/// A create body, in the typed request types.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CreateBody {
    appid: AppId,
    cname: Option<ChannelName>,
    uid: Option<Uid>,
    ip: Option<String>,
    time: Option<BanMinutes>,
    time_in_seconds: Option<BanSeconds>,
    privileges: Vec<Privilege>,
}

/// An update body, in the typed request types.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct UpdateBody {
    appid: AppId,
    id: BanRuleId,
    time: Option<BanMinutes>,
    time_in_seconds: Option<BanSeconds>,
}

/// A delete body, in the typed request types.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DeleteBody {
    appid: AppId,
    id: BanRuleId,
}

/// Builds the endpoint of `method` from the typed parts of `body`, through
/// its builder, and returns the body the client would send.
fn rebuilt_body(method: &str, body: &Value) -> Value {
    let client = basic_client("https://api.agora.io");
    let request = match method {
        "POST" => {
            let parts: CreateBody =
                serde_json::from_value(body.clone()).expect("a create body in the typed types");
            let mut builder = CreateBanRule::builder()
                .appid(parts.appid)
                .privileges(parts.privileges);
            if let Some(cname) = parts.cname {
                builder = builder.cname(cname);
            }
            if let Some(uid) = parts.uid {
                builder = builder.uid(uid);
            }
            if let Some(ip) = parts.ip {
                builder = builder.ip(ip);
            }
            if let Some(time) = parts.time {
                builder = builder.time(time);
            }
            if let Some(seconds) = parts.time_in_seconds {
                builder = builder.time_in_seconds(seconds);
            }
            client.prepare(&builder.build())
        }
        "PUT" => {
            let parts: UpdateBody =
                serde_json::from_value(body.clone()).expect("an update body in the typed types");
            let mut builder = UpdateBanRuleExpiry::builder()
                .appid(parts.appid)
                .id(parts.id);
            if let Some(time) = parts.time {
                builder = builder.time(time);
            }
            if let Some(seconds) = parts.time_in_seconds {
                builder = builder.time_in_seconds(seconds);
            }
            client.prepare(&builder.build())
        }
        "DELETE" => {
            let parts: DeleteBody =
                serde_json::from_value(body.clone()).expect("a delete body in the typed types");
            client.prepare(
                &DeleteBanRule::builder()
                    .appid(parts.appid)
                    .id(parts.id)
                    .build(),
            )
        }
        other => panic!("no channel management body is sent with {other}"),
    }
    .expect("the official example is valid input");
    let bytes = request
        .body()
        .and_then(|body| body.as_bytes())
        .expect("a JSON body");
    serde_json::from_slice(bytes).expect("the body is JSON")
}

#[test]
fn every_official_example_body_round_trips_through_the_typed_requests() {
    let Some(examples) = agora_tests::official_examples() else {
        return;
    };
    let mut checked = 0;
    for record in examples {
        let source = record["source"].as_str().unwrap_or_default();
        if !source.contains("channel-management") || record["body"].is_null() {
            continue;
        }
        let method = record["method"].as_str().expect("a method");
        let mut body = record["body"].clone();
        if body["appid"] == MASKED_APP_ID {
            body["appid"] = json!(APP_ID);
        }
        assert_eq!(rebuilt_body(method, &body), body, "{source}");
        checked += 1;
    }
    // Create: OpenAPI curl and body example, Docs-Source, "how to call";
    // update and delete: OpenAPI curl and body example, Docs-Source.
    assert_eq!(checked, 10, "channel management example bodies checked");
}
