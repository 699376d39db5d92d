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

/// Defines a whole-number input newtype checked by `$check`, serialized as
/// a JSON number and shown as one. Defined before the submodules, which
/// use it; each brings the items it names into scope.
macro_rules! checked_number {
    (
        $(#[$meta:meta])*
        $name:ident($inner:ty), field = $field:literal, check = $check:path
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name($inner);

        impl $name {
            /// Checks `value` against the documented range.
            pub fn new(value: $inner) -> Result<Self, InvalidInput> {
                $check(value).map($name)
            }

            /// The number.
            pub const fn get(self) -> $inner {
                self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }

        impl FromStr for $name {
            type Err = InvalidInput;
            fn from_str(value: &str) -> Result<Self, InvalidInput> {
                let number: $inner = value
                    .parse()
                    .map_err(|_| InvalidInput::new($field, "must be a whole number"))?;
                $name::new(number)
            }
        }

        impl TryFrom<$inner> for $name {
            type Error = InvalidInput;
            fn try_from(value: $inner) -> Result<Self, InvalidInput> {
                $name::new(value)
            }
        }

        impl From<$name> for $inner {
            fn from(value: $name) -> $inner {
                value.0
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                self.0.serialize(serializer)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                $name::new(<$inner>::deserialize(deserializer)?).map_err(serde::de::Error::custom)
            }
        }
    };
}

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
