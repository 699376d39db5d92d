//! Online channel statistics (`/dev/v1/channel/...`): a user's status,
//! the users and hosts of a channel, and the paged channel list.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer};

use crate::error::InvalidInput;
use crate::pages::Paginated;
use crate::types::{AppId, ChannelName, Uid};
use crate::values::int_enum;
use crate::values::validated_number;
use crate::{Endpoint, endpoint_docs};

// ---------------------------------------------------------------------------
// Input types
// ---------------------------------------------------------------------------

validated_number! {
    /// Channels per page of [`ListChannels`] (`page_size`): 1 to 500;
    /// Agora's default is 100.
    ///
    /// ```
    /// use agora_api::channel::PageSize;
    /// assert_eq!(PageSize::new(100)?.get(), 100);
    /// assert_eq!(PageSize::DEFAULT.get(), 100);
    /// assert_eq!(
    ///     PageSize::new(501).unwrap_err().to_string(),
    ///     "invalid `page_size`: must be from 1 to 500 (got 501)"
    /// );
    /// # Ok::<(), agora_api::InvalidInput>(())
    /// ```
    PageSize(u16), field = "page_size", check = check_page_size
}

impl PageSize {
    /// Agora's default page size, 100.
    pub const DEFAULT: PageSize = PageSize(100);
}

impl Default for PageSize {
    fn default() -> Self {
        PageSize::DEFAULT
    }
}

fn check_page_size(size: u16) -> Result<u16, InvalidInput> {
    if (1..=500).contains(&size) {
        Ok(size)
    } else {
        Err(InvalidInput::new(
            "page_size",
            format!("must be from 1 to 500 (got {size})"),
        ))
    }
}

/// The `hosts_only` flag of [`ListChannelUsers`]: list the hosts only
/// (`LIVE_BROADCASTING` channels).
///
/// Agora documents the flag's presence only, not a value; the crate sends
/// `hosts_only=true`, which reads as "set" whichever way the server parses
/// it. [`ListChannelHosts`] is the same query under its own path.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct HostsOnly;

impl fmt::Display for HostsOnly {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("true")
    }
}

/// Reads the flag back: `true` as the crate sends it, or the bare flag
/// (`hosts_only` with no value), which Agora reads the same.
///
/// ```
/// use agora_api::channel::HostsOnly;
/// assert_eq!("true".parse::<HostsOnly>()?, HostsOnly);
/// assert!("false".parse::<HostsOnly>().is_err());
/// # Ok::<(), agora_api::InvalidInput>(())
/// ```
impl FromStr for HostsOnly {
    type Err = InvalidInput;
    fn from_str(value: &str) -> Result<Self, InvalidInput> {
        match value {
            "true" | "" => Ok(HostsOnly),
            _ => Err(InvalidInput::new(
                "hosts_only",
                "is a flag: `true`, or no value; leave it out for every user",
            )),
        }
    }
}

// ---------------------------------------------------------------------------
// Endpoints
// ---------------------------------------------------------------------------

/// The envelope of every online statistics answer.
#[derive(Debug, Clone, Deserialize)]
#[non_exhaustive]
pub struct StatsResponse<T> {
    /// `true`; Agora reserves `false` for future use.
    pub success: bool,
    /// The statistics.
    pub data: T,
}

/// Tells whether a user is in a channel and, if so, their role, platform
/// and when they joined.
///
/// Integer user IDs only (no string user accounts). To follow many users,
/// prefer [`ListChannelUsers`], which Agora recommends for synchronizing
/// online state.
///
/// ```
/// use agora_api::{AppId, ChannelName, Client, Uid, channel::GetUserStatus};
/// let client = Client::builder().basic_auth("id", "secret").build()?;
/// let request = client.prepare(
///     &GetUserStatus::builder()
///         .appid(AppId::new("876922cbca0098dff4323566daa89675")?)
///         .uid(Uid::new(2845863044)?)
///         .channel_name(ChannelName::new("room #1")?)
///         .build(),
/// )?;
/// assert_eq!(
///     request.url().as_str(),
///     "https://api.agora.io/dev/v1/channel/user/property/876922cbca0098dff4323566daa89675/2845863044/room%20%231"
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    GET,
    "/dev/v1/channel/user/property/{appid}/{uid}/{channelName}",
    response = StatsResponse<UserStatus>,
    doc = "https://docs.agora.io/en/video-calling/channel-management-api/endpoint/query-channel-information/query-user-status",
    rate_limit(20, per = second, scope = account),
)]
#[auth(basic)]
pub struct GetUserStatus {
    /// The App ID of the project.
    pub appid: AppId,
    /// The user's integer ID.
    pub uid: Uid,
    /// The channel.
    #[endpoint(rename = "channelName")]
    pub channel_name: ChannelName,
}

/// A user's state in a channel, from [`GetUserStatus`]. When `in_channel`
/// is `false` Agora sends nothing else.
#[derive(Debug, Clone, Deserialize)]
#[non_exhaustive]
pub struct UserStatus {
    /// Whether the user is in the channel.
    pub in_channel: bool,
    /// The user's ID.
    #[serde(default)]
    pub uid: Option<u32>,
    /// When the user joined, in Unix seconds.
    #[serde(default)]
    pub join: Option<i64>,
    /// The user's role.
    #[serde(default)]
    pub role: Option<UserRole>,
    /// The platform of the user's device.
    #[serde(default)]
    pub platform: Option<Platform>,
}

int_enum! {
    /// A user's role in a channel.
    pub enum UserRole {
        /// Unknown.
        Unknown = 0,
        /// A user of a `COMMUNICATION` channel.
        CommunicationUser = 1,
        /// A host of a `LIVE_BROADCASTING` channel.
        Host = 2,
        /// An audience member of a `LIVE_BROADCASTING` channel.
        Audience = 3,
    }
}

int_enum! {
    /// The platform of a user's device.
    pub enum Platform {
        /// A platform Agora does not list ("others").
        Unlisted = 0,
        /// Android.
        Android = 1,
        /// iOS.
        Ios = 2,
        /// Windows.
        Windows = 5,
        /// Linux.
        Linux = 6,
        /// Web.
        Web = 7,
        /// macOS.
        MacOs = 8,
    }
}

/// Lists the users in a channel: every user of a `COMMUNICATION` channel,
/// or the hosts and (the first 10 000) audience members of a
/// `LIVE_BROADCASTING` one; see [`ChannelUsers`].
///
/// Every user must use the same channel profile, or the answer may be
/// wrong. Agora recommends this call over [`GetUserStatus`] to synchronize
/// online state.
///
/// ```
/// use agora_api::{AppId, ChannelName, Client, channel::ListChannelUsers};
/// let client = Client::builder().basic_auth("id", "secret").build()?;
/// let request = client.prepare(
///     &ListChannelUsers::builder()
///         .appid(AppId::new("876922cbca0098dff4323566daa89675")?)
///         .channel_name(ChannelName::new("demo_channel")?)
///         .build(),
/// )?;
/// assert_eq!(
///     request.url().as_str(),
///     "https://api.agora.io/dev/v1/channel/user/876922cbca0098dff4323566daa89675/demo_channel"
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    GET,
    "/dev/v1/channel/user/{appid}/{channelName}",
    response = StatsResponse<ChannelUsers>,
    doc = "https://docs.agora.io/en/video-calling/channel-management-api/endpoint/query-channel-information/query-user-list",
    rate_limit(20, per = second, scope = account),
)]
#[auth(basic)]
pub struct ListChannelUsers {
    /// The App ID of the project.
    pub appid: AppId,
    /// The channel.
    #[endpoint(rename = "channelName")]
    pub channel_name: ChannelName,
    /// List the hosts only (`LIVE_BROADCASTING` channels); sent as
    /// `hosts_only=true`, see [`HostsOnly`].
    #[endpoint(query)]
    pub hosts_only: Option<HostsOnly>,
}

/// Lists the hosts in a `LIVE_BROADCASTING` channel.
///
/// The answer is a [`ChannelUsers::LiveBroadcasting`] without audience.
/// Every user must use the same channel profile, or the answer may be
/// wrong. Agora recommends this call over [`GetUserStatus`] to synchronize
/// the hosts' online state.
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    GET,
    "/dev/v1/channel/user/{appid}/{channelName}/hosts_only",
    response = StatsResponse<ChannelUsers>,
    doc = "https://docs.agora.io/en/video-calling/channel-management-api/endpoint/query-channel-information/query-host-list",
    rate_limit(20, per = second, scope = account),
)]
#[auth(basic)]
pub struct ListChannelHosts {
    /// The App ID of the project.
    pub appid: AppId,
    /// The channel.
    #[endpoint(rename = "channelName")]
    pub channel_name: ChannelName,
}

int_enum! {
    /// A channel profile (`mode`).
    pub enum ChannelProfile {
        /// `COMMUNICATION`: every user may publish.
        Communication = 1,
        /// `LIVE_BROADCASTING`: hosts publish, the audience watches.
        LiveBroadcasting = 2,
    }
}

/// Who is in a channel, from [`ListChannelUsers`] or [`ListChannelHosts`].
/// The shape depends on the channel profile (`mode`).
///
/// ```
/// use agora_api::channel::{ChannelUsers, StatsResponse};
/// let live: StatsResponse<ChannelUsers> = serde_json::from_str(
///     r#"{"success": true, "data": {"channel_exist": true, "mode": 2,
///         "broadcasters": [2206227541], "audience": [906219905], "audience_total": 1}}"#,
/// )?;
/// let ChannelUsers::LiveBroadcasting(users) = live.data else { panic!("a live channel") };
/// assert_eq!(users.broadcasters, [2206227541]);
/// assert_eq!(users.audience_total, Some(1));
///
/// let gone: StatsResponse<ChannelUsers> =
///     serde_json::from_str(r#"{"success": true, "data": {"channel_exist": false}}"#)?;
/// assert!(matches!(gone.data, ChannelUsers::NoChannel));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum ChannelUsers {
    /// The channel does not exist (`channel_exist: false`): no one is in
    /// it.
    NoChannel,
    /// A `COMMUNICATION` channel (`mode` 1).
    Communication(CommunicationUsers),
    /// A `LIVE_BROADCASTING` channel (`mode` 2).
    LiveBroadcasting(LiveBroadcastUsers),
    /// A channel of a profile this version of the crate does not know,
    /// with its `mode` when Agora sent one.
    UnknownProfile {
        /// The `mode` Agora sent.
        mode: Option<i64>,
    },
}

impl ChannelUsers {
    /// Whether the channel exists.
    pub fn exists(&self) -> bool {
        !matches!(self, ChannelUsers::NoChannel)
    }

    /// The channel profile, when the channel exists and its profile is
    /// known.
    pub fn profile(&self) -> Option<ChannelProfile> {
        match self {
            ChannelUsers::Communication(_) => Some(ChannelProfile::Communication),
            ChannelUsers::LiveBroadcasting(_) => Some(ChannelProfile::LiveBroadcasting),
            ChannelUsers::NoChannel | ChannelUsers::UnknownProfile { .. } => None,
        }
    }
}

/// The users of a `COMMUNICATION` channel.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct CommunicationUsers {
    /// How many users are in the channel.
    pub total: u64,
    /// Their user IDs.
    pub users: Vec<u32>,
}

/// The users of a `LIVE_BROADCASTING` channel.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct LiveBroadcastUsers {
    /// The hosts' user IDs.
    pub broadcasters: Vec<u32>,
    /// The user IDs of the first 10 000 audience members; `None` when only
    /// the hosts were asked for.
    pub audience: Option<Vec<u32>>,
    /// How many audience members there are; `None` when only the hosts
    /// were asked for.
    pub audience_total: Option<u64>,
}

/// `data` of a user list as Agora sends it, before it is sorted by profile.
#[derive(Deserialize)]
struct RawChannelUsers {
    #[serde(default)]
    channel_exist: Option<bool>,
    #[serde(default)]
    mode: Option<i64>,
    #[serde(default)]
    total: Option<u64>,
    #[serde(default)]
    users: Option<Vec<u32>>,
    #[serde(default)]
    broadcasters: Option<Vec<u32>>,
    #[serde(default)]
    audience: Option<Vec<u32>>,
    #[serde(default)]
    audience_total: Option<u64>,
}

impl From<RawChannelUsers> for ChannelUsers {
    fn from(raw: RawChannelUsers) -> Self {
        if raw.channel_exist == Some(false) {
            return ChannelUsers::NoChannel;
        }
        // The documented `mode` decides; without one, the members sent do.
        let profile = match raw.mode.map(ChannelProfile::from) {
            Some(ChannelProfile::Other(_)) => None,
            Some(known) => Some(known),
            None if raw.users.is_some() => Some(ChannelProfile::Communication),
            None if raw.broadcasters.is_some() => Some(ChannelProfile::LiveBroadcasting),
            None => None,
        };
        match profile {
            Some(ChannelProfile::Communication) => {
                let users = raw.users.unwrap_or_default();
                ChannelUsers::Communication(CommunicationUsers {
                    total: raw.total.unwrap_or(users.len() as u64),
                    users,
                })
            }
            Some(ChannelProfile::LiveBroadcasting) => {
                ChannelUsers::LiveBroadcasting(LiveBroadcastUsers {
                    broadcasters: raw.broadcasters.unwrap_or_default(),
                    audience: raw.audience,
                    audience_total: raw.audience_total,
                })
            }
            _ => ChannelUsers::UnknownProfile { mode: raw.mode },
        }
    }
}

impl<'de> Deserialize<'de> for ChannelUsers {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        RawChannelUsers::deserialize(deserializer).map(ChannelUsers::from)
    }
}

/// Lists the project's channels, one page at a time.
///
/// Pages are numbered from 0; a page holds 1 to 500 channels (default 100).
/// Walk every page with [`Client::pages`](crate::Client::pages), which
/// stops after the last one. When channels fill and empty fast, a channel
/// may show on two pages or on none; Agora's older docs say the list is
/// cached for a minute.
///
/// ```
/// use agora_api::{AppId, Client};
/// use agora_api::channel::{ListChannels, PageSize};
///
/// let first = ListChannels::builder()
///     .appid(AppId::new("876922cbca0098dff4323566daa89675")?)
///     .page_no(0)
///     .page_size(PageSize::new(100)?)
///     .build();
/// let client = Client::builder().basic_auth("id", "secret").build()?;
/// assert_eq!(
///     client.prepare(&first)?.url().as_str(),
///     "https://api.agora.io/dev/v1/channel/876922cbca0098dff4323566daa89675?page_no=0&page_size=100"
/// );
///
/// // Every channel, page after page, until the last one.
/// async fn every_channel(client: &Client, first: ListChannels) -> Result<Vec<String>, agora_api::Error> {
///     let mut names = Vec::new();
///     let mut pages = client.pages(first);
///     while let Some(page) = pages.next().await {
///         names.extend(page?.data.channels.into_iter().map(|channel| channel.channel_name));
///     }
///     Ok(names)
/// }
/// # let _ = every_channel;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    GET,
    "/dev/v1/channel/{appid}",
    response = StatsResponse<ChannelPage>,
    doc = "https://docs.agora.io/en/video-calling/channel-management-api/endpoint/query-channel-information/query-channel-list",
    rate_limit(20, per = second, scope = account),
)]
#[auth(basic)]
pub struct ListChannels {
    /// The App ID of the project.
    pub appid: AppId,
    /// The page, from 0 (Agora's default).
    #[endpoint(query)]
    pub page_no: Option<u32>,
    /// Channels per page (Agora's default: 100).
    #[endpoint(query)]
    pub page_size: Option<PageSize>,
}

impl Paginated for ListChannels {
    /// The next page number, unless this page was empty, or it reached
    /// `total_size`, or (without `total_size`) it was not full.
    fn next_page(&self, page: &StatsResponse<ChannelPage>) -> Option<Self> {
        let data = &page.data;
        if data.channels.is_empty() {
            return None;
        }
        let page_no = self.page_no.unwrap_or(0);
        let size = u64::from(self.page_size.unwrap_or_default().get());
        let listed = (u64::from(page_no) + 1) * size;
        let more = match data.total_size {
            Some(total) => listed < total,
            None => data.channels.len() as u64 >= size,
        };
        let next = page_no.checked_add(1).filter(|_| more)?;
        Some(ListChannels {
            page_no: Some(next),
            ..self.clone()
        })
    }
}

/// One page of [`ListChannels`].
#[derive(Debug, Clone, Deserialize)]
#[non_exhaustive]
pub struct ChannelPage {
    /// The channels on this page; empty past the last page.
    #[serde(default)]
    pub channels: Vec<ChannelInfo>,
    /// How many channels the project has in all.
    #[serde(default)]
    pub total_size: Option<u64>,
}

/// One channel and how many users are in it.
#[derive(Debug, Clone, Deserialize)]
#[non_exhaustive]
pub struct ChannelInfo {
    /// The channel name.
    pub channel_name: String,
    /// How many users are in the channel.
    pub user_count: u64,
}
