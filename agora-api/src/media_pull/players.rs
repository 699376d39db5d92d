//! The cloud player endpoints and their answers.

use std::fmt;
use std::net::Ipv4Addr;
use std::str::FromStr;

use serde::Deserialize;

use crate::error::{Error, InvalidInput};
use crate::types::{ChannelName, RequestId};
use crate::values::{lenient, string_enum, validated_number, validated_string};
use crate::{AppId, Client, Endpoint, Paginated, ServiceRegion, endpoint_docs};

use super::options::{PlayerConfig, PlayerId, PlayerName, PlayerUpdate};

/// Creates a cloud player: it joins the channel and plays the stream
/// there.
///
/// Not idempotent: a second copy would play the stream twice (or answer
/// `409` when the player is named, with the existing player's ID in
/// `X-Resource-ID`: [`ApiError::resource_id`](crate::ApiError::resource_id)).
/// A `504` means "check whether it was created": the client does not
/// re-send it; [`find_player`] looks it up by name. A new player is
/// listed about ten seconds after it is created.
///
/// Agora limits creates to 50 per second per project, and to 2 per
/// second for each name: the first is declared.
///
/// ```
/// use agora_api::media_pull::{CreatePlayer, PlayerConfig, StreamUrl};
/// use agora_api::{AppId, ChannelName, Client, ServiceRegion};
///
/// let create = CreatePlayer::builder()
///     .region(ServiceRegion::China)
///     .app_id(AppId::new("0123456789abcdef0123456789abcdef")?)
///     .player(PlayerConfig::with_uid(
///         ChannelName::new("class32")?,
///         StreamUrl::new("rtmp://example.agora.io/live/class32/101")?,
///         101,
///     ))
///     .build();
/// let client = Client::builder().basic_auth("id", "secret").build()?;
/// let request = client.prepare(&create)?;
/// assert_eq!(
///     request.url().as_str(),
///     "https://api.agora.io/cn/v1/projects/0123456789abcdef0123456789abcdef/cloud-player/players"
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    POST,
    "/{region}/v1/projects/{appId}/cloud-player/players",
    response = CreatedPlayer,
    doc = "https://docs.agora.io/en/media-pull/reference/restful-api",
    rate_limit(50, per = second, scope = app_id),
)]
#[auth(basic)]
pub struct CreatePlayer {
    /// Where the player runs: the region of the stream's origin.
    pub region: ServiceRegion,
    /// The project's App ID.
    #[endpoint(path, rename = "appId")]
    pub app_id: AppId,
    /// The IPv4 address of the stream's origin, when it is served in part
    /// of the region only.
    #[endpoint(query, rename = "streamIp")]
    pub stream_ip: Option<Ipv4Addr>,
    /// An ID for this request, which Agora echoes and logs.
    #[endpoint(header = "x-request-id")]
    pub request_id: Option<RequestId>,
    /// The player.
    pub player: PlayerConfig,
}

/// Destroys a cloud player. Destroying one already destroyed answers
/// `2xx` too.
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    DELETE,
    "/{region}/v1/projects/{appId}/cloud-player/players/{id}",
    response = PlayerAcknowledged,
    doc = "https://docs.agora.io/en/media-pull/reference/restful-api",
    rate_limit(100, per = second, scope = app_id),
)]
#[auth(basic)]
pub struct DeletePlayer {
    /// The region it was created in.
    pub region: ServiceRegion,
    /// The project's App ID.
    #[endpoint(path, rename = "appId")]
    pub app_id: AppId,
    /// The player.
    pub id: PlayerId,
    /// An ID for this request, which Agora echoes and logs.
    #[endpoint(header = "x-request-id")]
    pub request_id: Option<RequestId>,
}

/// Changes a cloud player: volume, pause, stream, position, speed.
///
/// Every update carries a `sequence` larger than the last one sent for
/// the player ([`Sequences`](crate::Sequences)); Agora applies the update
/// with the largest number, so the same update sent twice changes nothing
/// the second time, and it is declared idempotent.
///
/// The English update page also shows `.../cloud-player/{playerid}`,
/// without `players/`; the OpenAPI document's
/// `.../cloud-player/players/{playerid}` is bound (`specs/media-pull.json`,
/// exception `update-path-without-players`).
///
/// ```
/// use agora_api::media_pull::{PlayerId, PlayerUpdate, UpdatePlayer};
/// use agora_api::{AppId, Client, ServiceRegion};
///
/// let call = UpdatePlayer::builder()
///     .region(ServiceRegion::China)
///     .app_id(AppId::new("0123456789abcdef0123456789abcdef")?)
///     .id(PlayerId::new("2a784467d647bb87b60b719f6fa56317")?)
///     .sequence(0)
///     .player(PlayerUpdate::volume(10))
///     .build();
/// let client = Client::builder().basic_auth("id", "secret").build()?;
/// let request = client.prepare(&call)?;
/// assert!(request.url().as_str().ends_with("/players/2a784467d647bb87b60b719f6fa56317?sequence=0"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    PATCH,
    "/{region}/v1/projects/{appId}/cloud-player/players/{id}",
    response = PlayerAcknowledged,
    idempotent,
    doc = "https://docs.agora.io/en/media-pull/reference/restful-api",
)]
#[auth(basic)]
pub struct UpdatePlayer {
    /// The region it was created in.
    pub region: ServiceRegion,
    /// The project's App ID.
    #[endpoint(path, rename = "appId")]
    pub app_id: AppId,
    /// The player.
    pub id: PlayerId,
    /// Larger than the last update's number for this player.
    #[endpoint(query)]
    pub sequence: u64,
    /// An ID for this request, which Agora echoes and logs.
    #[endpoint(header = "x-request-id")]
    pub request_id: Option<RequestId>,
    /// What changes.
    pub player: PlayerUpdate,
}

/// Lists the project's cloud players (of every region), oldest first,
/// a page at a time; `client.pages(..)` walks them all.
///
/// A player appears about ten seconds after it is created, and may show
/// only its `id`, `name` and `createTs` for a while.
///
/// Agora limits lists with a `filter` to 2 per second and 15 per minute
/// per project, and lists without one to 10 per second and 20 per
/// minute: the first, stricter pair is declared.
///
/// ```
/// use agora_api::media_pull::{ListPlayers, PlayerFilter};
/// use agora_api::{AppId, ChannelName, Client};
///
/// let list = ListPlayers::builder()
///     .app_id(AppId::new("0123456789abcdef0123456789abcdef")?)
///     .filter(PlayerFilter::channel(ChannelName::new("class32")?))
///     .build();
/// let client = Client::builder().basic_auth("id", "secret").build()?;
/// assert_eq!(
///     client.prepare(&list)?.url().query(),
///     Some("filter=channelName%20eq%20class32")
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    GET,
    "/v1/projects/{appId}/cloud-player/players",
    response = PlayerList,
    doc = "https://docs.agora.io/en/media-pull/reference/restful-api",
    rate_limit(2, per = second, scope = app_id),
    rate_limit(15, per = minute, scope = app_id),
)]
#[auth(basic)]
pub struct ListPlayers {
    /// The project's App ID.
    #[endpoint(path, rename = "appId")]
    pub app_id: AppId,
    /// Only the players of one channel.
    #[endpoint(query)]
    pub filter: Option<PlayerFilter>,
    /// Players per page, 1 to 500 (Agora's default 200).
    #[endpoint(query, rename = "pageSize")]
    pub page_size: Option<PageSize>,
    /// The page: the last page's `nextPageToken` (none for the first).
    #[endpoint(query, rename = "pageToken")]
    pub page_token: Option<PageToken>,
    /// An ID for this request, which Agora echoes and logs.
    #[endpoint(header = "x-request-id")]
    pub request_id: Option<RequestId>,
}

impl Paginated for ListPlayers {
    /// The page `nextPageToken` names, unless it is empty or `"0"`: the
    /// English page and the OpenAPI document's answer say an empty
    /// string ends the list, the OpenAPI document's `pageToken` says `0`
    /// does; both do (`specs/media-pull.json`, exception
    /// `last-page-token`).
    fn next_page(&self, page: &PlayerList) -> Option<Self> {
        let token = page
            .next_page_token
            .as_deref()
            .filter(|token| !token.is_empty() && *token != "0")?;
        Some(ListPlayers {
            page_token: Some(PageToken::new(token).ok()?),
            ..self.clone()
        })
    }
}

/// Lists the IP addresses Agora's message notification service (NCS)
/// sends Media Pull events from, for your firewall's allow list; query
/// them at least once every 24 hours.
///
/// The same service (and path) as Cloud Recording's `GetNcsIps`, bound
/// here too so that `media-pull` builds alone. The English Media Pull
/// page does not document it; Agora's OpenAPI document of Media Pull
/// (zh-CN) does, which `doc` stands for.
///
/// ```
/// use agora_api::{Client, media_pull::GetNcsIps};
/// let client = Client::builder().basic_auth("id", "secret").build()?;
/// let request = client.prepare(&GetNcsIps::builder().build())?;
/// assert_eq!(request.url().as_str(), "https://api.agora.io/v1/ncs/ip");
/// # Ok::<(), agora_api::Error>(())
/// ```
#[endpoint_docs]
#[derive(Debug, Clone, Default, Endpoint)]
#[endpoint(
    GET,
    "/v1/ncs/ip",
    response = NcsIps,
    doc = "https://docs.agora.io/en/media-pull/reference/restful-api",
)]
#[auth(basic)]
pub struct GetNcsIps {}

// ---------------------------------------------------------------------------
// Inputs of the list.

/// A list filter: the players of one channel, sent as `channelName eq
/// <channel>`.
///
/// ```
/// use agora_api::media_pull::PlayerFilter;
/// use agora_api::ChannelName;
/// let filter = PlayerFilter::channel(ChannelName::new("big class")?);
/// assert_eq!(filter.to_string(), "channelName eq big class");
/// assert_eq!("channelName eq big class".parse::<PlayerFilter>()?, filter);
/// assert!("name eq x".parse::<PlayerFilter>().is_err());
/// # Ok::<(), agora_api::InvalidInput>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PlayerFilter {
    channel: ChannelName,
}

impl PlayerFilter {
    /// The players of `channel`.
    pub fn channel(channel: ChannelName) -> Self {
        PlayerFilter { channel }
    }

    /// The channel.
    pub fn channel_name(&self) -> &ChannelName {
        &self.channel
    }
}

impl fmt::Display for PlayerFilter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "channelName eq {}", self.channel)
    }
}

impl FromStr for PlayerFilter {
    type Err = InvalidInput;

    fn from_str(text: &str) -> Result<Self, InvalidInput> {
        let channel = text
            .strip_prefix("channelName eq ")
            .ok_or_else(|| InvalidInput::new("filter", "must be `channelName eq <channel>`"))?;
        let channel = ChannelName::new(channel)
            .map_err(|error| InvalidInput::new("filter", error.rule().to_owned()))?;
        Ok(PlayerFilter { channel })
    }
}

validated_number! {
    /// Players per list page: 1 to 500.
    ///
    /// ```
    /// use agora_api::media_pull::PageSize;
    /// assert_eq!(PageSize::new(500)?.get(), 500);
    /// assert!(PageSize::new(0).is_err());
    /// # Ok::<(), agora_api::InvalidInput>(())
    /// ```
    PageSize(u32), field = "pageSize", check = check_page_size
}

fn check_page_size(value: u32) -> Result<u32, InvalidInput> {
    if (1..=500).contains(&value) {
        Ok(value)
    } else {
        Err(InvalidInput::new(
            "pageSize",
            format!("must be from 1 to 500 (got {value})"),
        ))
    }
}

validated_string! {
    /// A list page's token, as a page's `nextPageToken` gives it.
    PageToken, field = "pageToken", check = crate::values::issued_id
}

// ---------------------------------------------------------------------------
// Answers.

string_enum! {
    /// Where a player is.
    pub enum PlayerStatus {
        /// Not playing yet (before its `playTs`).
        Idle = "idle",
        /// Connecting to the stream, or probing it.
        Connecting = "connecting",
        /// Playing.
        Running = "running",
        /// The stream could not be reached or played.
        Failed = "failed",
    }
}

/// What a create answers.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct CreatedPlayer {
    /// The new player.
    pub player: Player,
    /// Which members `player` holds (`player.uid,player.id,...`).
    #[serde(default)]
    pub fields: Option<String>,
}

/// A player as Agora answers it; a list may show only `id`, `name` and
/// `createTs` of a player for a while.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Player {
    /// Its ID.
    pub id: PlayerId,
    /// Its name.
    #[serde(default)]
    pub name: Option<String>,
    /// What it plays.
    #[serde(default)]
    pub stream_url: Option<String>,
    /// Its channel.
    #[serde(default)]
    pub channel_name: Option<String>,
    /// Its user ID.
    #[serde(default, deserialize_with = "lenient::opt_u64")]
    pub uid: Option<u64>,
    /// Its user account.
    #[serde(default)]
    pub account: Option<String>,
    /// Created at, Unix seconds.
    #[serde(default, deserialize_with = "lenient::opt_u64")]
    pub create_ts: Option<u64>,
    /// Where it is.
    #[serde(default)]
    pub status: Option<PlayerStatus>,
}

/// A page of players.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct PlayerList {
    /// Players matching the filter, every page together.
    #[serde(default, deserialize_with = "lenient::opt_u64")]
    pub total_size: Option<u64>,
    /// This page's players.
    #[serde(default)]
    pub players: Vec<Player>,
    /// Which members each player holds.
    #[serde(default)]
    pub fields: Option<String>,
    /// The next page's `pageToken`; empty (or `"0"`) after the last.
    #[serde(default)]
    pub next_page_token: Option<String>,
}

/// What a delete or an update answers: nothing (any body is ignored).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct PlayerAcknowledged;

impl<'de> Deserialize<'de> for PlayerAcknowledged {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        serde::de::IgnoredAny::deserialize(deserializer)?;
        Ok(PlayerAcknowledged)
    }
}

/// The notification server's addresses, as [`GetNcsIps`] answers.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct NcsIps {
    /// The data.
    pub data: NcsData,
}

impl NcsIps {
    /// Every address, in order.
    pub fn ips(&self) -> impl Iterator<Item = &str> {
        self.data
            .service
            .hosts
            .iter()
            .map(|host| host.primary_ip.as_str())
    }
}

/// `data` of [`NcsIps`].
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct NcsData {
    /// The service.
    pub service: NcsService,
}

/// `data.service` of [`NcsIps`].
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct NcsService {
    /// Its hosts.
    #[serde(default)]
    pub hosts: Vec<NcsHost>,
}

/// One notification server.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct NcsHost {
    /// Its address.
    #[serde(rename = "primaryIP")]
    pub primary_ip: String,
}

/// The project's player named `name` (in `channel`, when given), looked
/// up through the list endpoint: after a create that may or may not have
/// worked (a `504`, a timeout, a dropped connection), this says whether
/// it did, without creating a second one. A player created less than
/// about ten seconds ago may not be listed yet.
pub async fn find_player(
    client: &Client,
    app_id: &AppId,
    name: &PlayerName,
    channel: Option<&ChannelName>,
) -> Result<Option<Player>, Error> {
    let mut first = ListPlayers::builder().app_id(app_id.clone()).build();
    first.filter = channel.cloned().map(PlayerFilter::channel);
    let mut pages = client.pages(first);
    while let Some(page) = pages.next().await {
        if let Some(found) = page?
            .players
            .into_iter()
            .find(|player| player.name.as_deref() == Some(name.as_str()))
        {
            return Ok(Some(found));
        }
    }
    Ok(None)
}

/// The calls of one player, with its region.
///
/// ```
/// use agora_api::media_pull::{PlayerRef, PlayerUpdate};
/// use agora_api::{AppId, ServiceRegion};
/// let player = PlayerRef::new(
///     ServiceRegion::China,
///     AppId::new("0123456789abcdef0123456789abcdef")?,
///     "2a784467d647bb87b60b719f6fa56317".parse()?,
/// );
/// let update = player.update(3, PlayerUpdate { is_pause: Some(true), ..PlayerUpdate::default() })?;
/// assert_eq!(update.sequence, 3);
/// # Ok::<(), agora_api::InvalidInput>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlayerRef {
    region: ServiceRegion,
    app_id: AppId,
    id: PlayerId,
}

impl PlayerRef {
    /// Player `id` of `app_id` in `region`.
    pub fn new(region: ServiceRegion, app_id: AppId, id: PlayerId) -> Self {
        PlayerRef { region, app_id, id }
    }

    /// The player `create` made, as its answer names it.
    pub fn created(create: &CreatePlayer, answer: &CreatedPlayer) -> Self {
        PlayerRef::new(
            create.region,
            create.app_id.clone(),
            answer.player.id.clone(),
        )
    }

    /// Its ID.
    pub fn id(&self) -> &PlayerId {
        &self.id
    }

    /// Its region.
    pub fn region(&self) -> ServiceRegion {
        self.region
    }

    /// Its delete call.
    pub fn delete(&self) -> DeletePlayer {
        DeletePlayer::builder()
            .region(self.region)
            .app_id(self.app_id.clone())
            .id(self.id.clone())
            .build()
    }

    /// Its update call with number `sequence`.
    pub fn update(
        &self,
        sequence: u64,
        update: PlayerUpdate,
    ) -> Result<UpdatePlayer, InvalidInput> {
        let call = UpdatePlayer::builder()
            .region(self.region)
            .app_id(self.app_id.clone())
            .id(self.id.clone())
            .sequence(sequence)
            .player(update)
            .build();
        call.validate()?;
        Ok(call)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(token: Option<&str>) -> PlayerList {
        PlayerList {
            total_size: Some(3),
            players: Vec::new(),
            fields: None,
            next_page_token: token.map(str::to_owned),
        }
    }

    #[test]
    fn an_empty_or_zero_token_ends_the_list() -> Result<(), InvalidInput> {
        let first = ListPlayers::builder()
            .app_id(AppId::new("0123456789abcdef0123456789abcdef")?)
            .build();
        assert!(first.next_page(&list(None)).is_none());
        assert!(first.next_page(&list(Some(""))).is_none());
        assert!(first.next_page(&list(Some("0"))).is_none());
        let next = first
            .next_page(&list(Some("7b60b719f")))
            .expect("a next page");
        assert_eq!(
            next.page_token.as_ref().map(PageToken::as_str),
            Some("7b60b719f")
        );
        Ok(())
    }

    #[test]
    fn numbers_as_strings_decode() -> Result<(), serde_json::Error> {
        let page: PlayerList = serde_json::from_str(
            r#"{"totalSize":"1","players":[{"id":"a","uid":"101","createTs":1575508644}],"nextPageToken":""}"#,
        )?;
        assert_eq!(page.players[0].uid, Some(101));
        assert_eq!(page.total_size, Some(1));
        Ok(())
    }
}
