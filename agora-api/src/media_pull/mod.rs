//! Media Pull RESTful API (Cloud Player): online media streams (RTMP,
//! HTTP(S), HLS; FLV, MP4, MPEG-TS, MKV) played into a channel as a
//! user.
//!
//! A player is created in a region (`/{region}/...`: `na`, `eu`, `ap`,
//! `cn`, the region of the stream's origin), then updated and deleted
//! there; the list spans every region and pages by `pageToken`. Names are
//! unique in a project (`409`, with the existing player's ID in
//! `X-Resource-ID`); a project runs at most 20 players at a time by
//! default (`429` past that). A player is idle (before its `playTs`),
//! connecting, running or failed, and Agora destroys it after
//! `idleTimeout` seconds without playing. Updates carry an increasing
//! `sequence` ([`Sequences`](crate::Sequences)). Basic auth; errors are
//! `{"message": ...}`.
//! <https://docs.agora.io/en/media-pull/reference/restful-api>
//!
//! ```
//! use agora_api::media_pull::{CreatePlayer, PlayerConfig, PlayerName, StreamUrl};
//! use agora_api::{AppId, ChannelName, Client, ServiceRegion};
//!
//! let create = CreatePlayer::builder()
//!     .region(ServiceRegion::AsiaPacific)
//!     .app_id(AppId::new("0123456789abcdef0123456789abcdef")?)
//!     .player(PlayerConfig {
//!         name: Some(PlayerName::new("class32_101")?),
//!         ..PlayerConfig::with_uid(
//!             ChannelName::new("class32")?,
//!             StreamUrl::new("rtmp://example.agora.io/live/class32/101")?,
//!             101,
//!         )
//!     })
//!     .build();
//! let client = Client::builder().basic_auth("id", "secret").build()?;
//! let request = client.prepare(&create)?;
//! let body = request.body().and_then(|b| b.as_bytes()).unwrap_or_default();
//! assert_eq!(
//!     std::str::from_utf8(body)?,
//!     r#"{"player":{"channelName":"class32","streamUrl":"rtmp://example.agora.io/live/class32/101","uid":101,"name":"class32_101"}}"#
//! );
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod options;
mod players;

pub use options::{
    AudioProfile, DataStreamOptions, EncryptMode, PlayerAccount, PlayerAudioOptions, PlayerConfig,
    PlayerFillMode, PlayerId, PlayerName, PlayerUpdate, PlayerVideoCodec, PlayerVideoOptions,
    StreamUrl,
};
pub use players::{
    CreatePlayer, CreatePlayerBuilder, CreatedPlayer, DeletePlayer, DeletePlayerBuilder, GetNcsIps,
    GetNcsIpsBuilder, ListPlayers, ListPlayersBuilder, NcsData, NcsHost, NcsIps, NcsService,
    PageSize, PageToken, Player, PlayerAcknowledged, PlayerFilter, PlayerList, PlayerRef,
    PlayerStatus, UpdatePlayer, UpdatePlayerBuilder, find_player,
};
