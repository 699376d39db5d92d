//! RTC channel management RESTful API: ban rules, online channel
//! statistics and the notification server IPs.
//!
//! Shared by Video Calling, Voice Calling, Interactive Live Streaming,
//! Broadcast Streaming and IoT. Basic auth on every endpoint. Rate limits,
//! per Agora account (not per App ID): 20 requests per second for each
//! online statistics query (`/dev/v1/channel/...`), 10 per second for each
//! other endpoint (ban rules, notification IPs).
//! <https://docs.agora.io/en/video-calling/channel-management-api/overview>
//!
//! # Ban rules
//!
//! [`CreateBanRule`] bans [`Privilege`]s of the users a rule matches (by
//! channel, user ID and/or IP), for a while: [`BanMinutes`] or
//! [`BanSeconds`]. Save the returned [`BanRuleId`]: [`UpdateBanRuleExpiry`]
//! and [`DeleteBanRule`] need it, and [`ListBanRules`] is served at a lower
//! priority and may miss rules when the network is poor.
//!
//! # Online statistics
//!
//! [`GetUserStatus`], [`ListChannelUsers`], [`ListChannelHosts`] and
//! [`ListChannels`] (paged; walk it with
//! [`Client::pages`](crate::Client::pages)) answer
//! [`StatsResponse`]`{ success, data }`.

mod ban;
mod notifications;
mod stats;

pub use ban::{
    BanMinutes, BanRule, BanRuleExpiry, BanRuleId, BanRules, BanSeconds, CreateBanRule,
    CreatedBanRule, DeleteBanRule, DeletedBanRule, ListBanRules, Privilege, RequestStatus,
    UpdateBanRuleExpiry, UpdatedBanRule,
};
pub use notifications::{
    ListNotificationIps, NotificationHost, NotificationHosts, NotificationIps, NotificationService,
};
pub use stats::{
    ChannelInfo, ChannelPage, ChannelProfile, ChannelUsers, CommunicationUsers, GetUserStatus,
    HostsOnly, ListChannelHosts, ListChannelUsers, ListChannels, LiveBroadcastUsers, PageSize,
    Platform, StatsResponse, UserRole, UserStatus,
};

// The builders the derive generates beside each endpoint.
pub use ban::{
    CreateBanRuleBuilder, DeleteBanRuleBuilder, ListBanRulesBuilder, UpdateBanRuleExpiryBuilder,
};
pub use notifications::ListNotificationIpsBuilder;
pub use stats::{
    GetUserStatusBuilder, ListChannelHostsBuilder, ListChannelUsersBuilder, ListChannelsBuilder,
};
