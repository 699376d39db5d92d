//! Examples of `agora_api::channel`: the documented requests of the ban
//! rule, online statistics and Notifications IP endpoints.
//!
//! The docs mask the App ID (`4855xxxxxxxxxxxxxxxxxxxxxxxxeae2`), which
//! `AppId` rightly rejects, and leave `<appid>`, `<uid>` and
//! `<channelName>` as placeholders; these use the values of
//! `official_requests.jsonl` instead ([`placeholder_app_id`], `1234`,
//! `demo_channel`).

use agora_api::channel::{
    BanMinutes, BanRuleId, CreateBanRule, DeleteBanRule, GetUserStatus, ListBanRules,
    ListChannelHosts, ListChannelUsers, ListChannels, ListNotificationIps, PageSize, Privilege,
    UpdateBanRuleExpiry,
};
use agora_api::{ChannelName, Uid};

use super::{Example, placeholder_app_id};

fn channel(name: &str) -> ChannelName {
    ChannelName::new(name).expect("a valid channel name")
}

fn uid(value: u32) -> Uid {
    Uid::new(value).expect("a valid uid")
}

fn minutes(value: u16) -> BanMinutes {
    BanMinutes::new(value).expect("a documented ban duration")
}

/// The documented rule of the create example, with its `ip`.
fn documented_rule(ip: &str) -> CreateBanRule {
    CreateBanRule::builder()
        .appid(placeholder_app_id())
        .cname(channel("channel1"))
        .uid(uid(589517928))
        .ip(ip)
        .time(minutes(60))
        .privileges(vec![Privilege::JoinChannel])
        .build()
}

/// The documented examples, built through the builders.
pub fn examples() -> Vec<Example> {
    vec![
        Example::of("documented", documented_rule("")),
        Example::of("how to call the API", documented_rule("123")),
        Example::of(
            "kick without ban",
            CreateBanRule::builder()
                .appid(placeholder_app_id())
                .cname(channel("channel1"))
                .uid(uid(589517928))
                .time(BanMinutes::KICK_ONLY)
                .privileges(vec![Privilege::JoinChannel])
                .build(),
        ),
        Example::of(
            "documented",
            ListBanRules::builder().appid(placeholder_app_id()).build(),
        ),
        Example::of(
            "documented",
            UpdateBanRuleExpiry::builder()
                .appid(placeholder_app_id())
                .id(BanRuleId::new(1953))
                .time(minutes(60))
                .build(),
        ),
        Example::of(
            "documented",
            DeleteBanRule::builder()
                .appid(placeholder_app_id())
                .id(BanRuleId::new(1953))
                .build(),
        ),
        Example::of(
            "documented",
            GetUserStatus::builder()
                .appid(placeholder_app_id())
                .uid(uid(1234))
                .channel_name(channel("demo_channel"))
                .build(),
        ),
        Example::of("communication profile", list_users()),
        Example::of("live broadcasting profile", list_users()),
        Example::of(
            "documented",
            ListChannelHosts::builder()
                .appid(placeholder_app_id())
                .channel_name(channel("demo_channel"))
                .build(),
        ),
        Example::of(
            "documented",
            ListChannels::builder()
                .appid(placeholder_app_id())
                .page_no(0)
                .page_size(PageSize::new(100).expect("a documented page size"))
                .build(),
        ),
        Example::of("documented", ListNotificationIps::builder().build()),
    ]
}

fn list_users() -> ListChannelUsers {
    ListChannelUsers::builder()
        .appid(placeholder_app_id())
        .channel_name(channel("demo_channel"))
        .build()
}
