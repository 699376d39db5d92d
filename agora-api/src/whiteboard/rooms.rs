//! Rooms: create, read, list, ban.

use serde::Deserialize;

use super::need::{SDK, SDK_OR_ROOM, TokenNeed, WhiteboardCall};
use crate::error::InvalidInput;
use crate::token::WhiteboardRole;
use crate::values::{issued_id, validated_number, validated_string};
use crate::{Endpoint, Paginated, endpoint_docs};

validated_string! {
    /// A room's UUID (`uuid`), as Agora issues it: not empty, no
    /// whitespace or control characters.
    ///
    /// ```
    /// use agora_api::whiteboard::RoomUuid;
    /// assert!(RoomUuid::new("a7e0ca69").is_ok());
    /// assert!(RoomUuid::new("").is_err());
    /// ```
    RoomUuid, field = "uuid", check = issued_id
}

validated_number! {
    /// How many rooms a list page holds (`limit`): 1 to 1000, Agora's
    /// default 100.
    ///
    /// ```
    /// use agora_api::whiteboard::RoomListLimit;
    /// assert!(RoomListLimit::new(1000).is_ok());
    /// assert_eq!(
    ///     RoomListLimit::new(0).unwrap_err().to_string(),
    ///     "invalid `limit`: must be from 1 to 1000 (got 0)"
    /// );
    /// # Ok::<(), agora_api::InvalidInput>(())
    /// ```
    RoomListLimit(u32), field = "limit", check = check_list_limit
}

fn check_list_limit(value: u32) -> Result<u32, InvalidInput> {
    if (1..=1000).contains(&value) {
        Ok(value)
    } else {
        Err(InvalidInput::new(
            "limit",
            format!("must be from 1 to 1000 (got {value})"),
        ))
    }
}

/// Agora's page size when `limit` is left out.
const DEFAULT_LIMIT: u32 = 100;

/// Creates a live room. Needs an SDK token with the writer or admin role.
///
/// Not idempotent: a second copy would create a second room.
///
/// ```
/// use agora_api::whiteboard::CreateRoom;
/// use agora_api::{Client, WhiteboardRegion};
///
/// let client = Client::builder()
///     .whiteboard_token("NETLESSSDK_YWs9xxxxxx", WhiteboardRegion::Sg)
///     .build()?;
/// let request = client.prepare(&CreateRoom::builder().limit(0).build())?;
/// assert_eq!(request.body().and_then(|b| b.as_bytes()), Some(&br#"{"limit":0}"#[..]));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[endpoint_docs]
#[derive(Debug, Clone, Default, Endpoint)]
#[endpoint(
    POST,
    "/v5/rooms",
    response = Room,
    host = "https://api.netless.link",
    doc = "https://docs.agora.io/en/interactive-whiteboard/reference/whiteboard-api/room-management",
)]
#[auth(whiteboard_token)]
pub struct CreateRoom {
    /// Whether to record the room; not supported yet (`false` outside
    /// `cn-hz`).
    #[endpoint(rename = "isRecord")]
    pub is_record: Option<bool>,
    /// The most users with a writer or admin token in the room at once;
    /// `0` (Agora's advice) is no limit.
    pub limit: Option<u32>,
}

impl WhiteboardCall for CreateRoom {
    const TOKEN: TokenNeed = TokenNeed::new(SDK, WhiteboardRole::Writer);
}

/// Reads a room. Needs an SDK token or the room's token, writer or
/// admin.
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    GET,
    "/v5/rooms/{uuid}",
    response = Room,
    host = "https://api.netless.link",
    doc = "https://docs.agora.io/en/interactive-whiteboard/reference/whiteboard-api/room-management",
)]
#[auth(whiteboard_token)]
pub struct GetRoom {
    /// The room.
    pub uuid: RoomUuid,
}

impl WhiteboardCall for GetRoom {
    const TOKEN: TokenNeed = TokenNeed::new(SDK_OR_ROOM, WhiteboardRole::Writer);

    fn token_subject(&self) -> Option<&str> {
        Some(self.uuid.as_str())
    }
}

/// Lists the project's rooms from `beginUUID` on, oldest first, `limit`
/// at a time; `client.pages(..)` walks them all. Needs an SDK token or
/// a room token, writer or admin.
///
/// `beginUUID` is the first room of the page (Agora's example answers
/// with it first), so each page after the first starts with the last
/// room of the one before: [`next_page`](Paginated::next_page) asks for
/// one room more (at most 1000) to make up for it, and the walk ends
/// with a page shorter than asked. Skip a page's first room when it is
/// the one you already have.
///
/// The reference page's example writes the path `/v5/rooms/` with a
/// slash at the end; `/v5/rooms` is sent, as its prototype shows
/// (`specs/whiteboard.json`, exception `list-rooms-trailing-slash`).
///
/// ```
/// use agora_api::whiteboard::{ListRooms, Room, RoomListLimit};
/// use agora_api::Paginated;
///
/// let first = ListRooms::builder().limit(RoomListLimit::new(2)?).build();
/// let page: Vec<Room> = serde_json::from_str(
///     r#"[{"uuid":"r1","isBan":false},{"uuid":"r2","isBan":false}]"#,
/// )?;
/// let next = first.next_page(&page).expect("a full page: maybe more");
/// assert_eq!(next.begin_uuid.as_ref().map(|uuid| uuid.as_str()), Some("r2"));
/// assert_eq!(next.limit.map(RoomListLimit::get), Some(3));
/// assert!(next.next_page(&page).is_none(), "2 rooms of 3 asked: the last page");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[endpoint_docs]
#[derive(Debug, Clone, Default, Endpoint)]
#[endpoint(
    GET,
    "/v5/rooms",
    response = Vec<Room>,
    host = "https://api.netless.link",
    doc = "https://docs.agora.io/en/interactive-whiteboard/reference/whiteboard-api/room-management",
)]
#[auth(whiteboard_token)]
pub struct ListRooms {
    /// The first room of the page (none: the project's first).
    #[endpoint(query, rename = "beginUUID")]
    pub begin_uuid: Option<RoomUuid>,
    /// Rooms per page, 1 to 1000 (Agora's default 100).
    #[endpoint(query)]
    pub limit: Option<RoomListLimit>,
}

impl WhiteboardCall for ListRooms {
    const TOKEN: TokenNeed = TokenNeed::new(SDK_OR_ROOM, WhiteboardRole::Writer);
}

impl Paginated for ListRooms {
    fn next_page(&self, page: &Vec<Room>) -> Option<Self> {
        let asked = self.limit.map_or(DEFAULT_LIMIT, RoomListLimit::get);
        let got = u32::try_from(page.len()).unwrap_or(u32::MAX);
        if got < asked {
            return None;
        }
        let last = page.last()?;
        // The first page's size, plus the room repeated at the start of
        // every following page.
        let limit = match self.begin_uuid {
            None => asked.saturating_add(1).min(1000),
            Some(_) => asked,
        };
        if limit < 2 {
            // A page of one room would only ever repeat it.
            return None;
        }
        Some(ListRooms {
            begin_uuid: Some(last.uuid.clone()),
            limit: Some(RoomListLimit::new(limit).ok()?),
        })
    }
}

/// Bans a room (its users are removed and nobody can join) or lifts the
/// ban (`isBan: false`). Needs an SDK token or the room's token with the
/// admin role.
///
/// Declared idempotent: it sets the ban to the value sent, so a second
/// copy changes nothing more (a `PATCH` that sets a state).
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    PATCH,
    "/v5/rooms/{uuid}",
    response = Room,
    idempotent,
    host = "https://api.netless.link",
    doc = "https://docs.agora.io/en/interactive-whiteboard/reference/whiteboard-api/room-management",
)]
#[auth(whiteboard_token)]
pub struct BanRoom {
    /// The room.
    pub uuid: RoomUuid,
    /// `true` bans the room, `false` lifts the ban.
    #[endpoint(rename = "isBan")]
    pub is_ban: bool,
}

impl WhiteboardCall for BanRoom {
    const TOKEN: TokenNeed = TokenNeed::new(SDK_OR_ROOM, WhiteboardRole::Admin);

    fn token_subject(&self) -> Option<&str> {
        Some(self.uuid.as_str())
    }
}

/// A room, as every room call answers it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Room {
    /// Its UUID.
    pub uuid: RoomUuid,
    /// The Agora Console account that owns the whiteboard project.
    #[serde(default, rename = "teamUUID")]
    pub team_uuid: Option<String>,
    /// The whiteboard project.
    #[serde(default, rename = "appUUID")]
    pub app_uuid: Option<String>,
    /// Whether it is recorded.
    #[serde(default)]
    pub is_record: Option<bool>,
    /// Whether it is banned.
    #[serde(default)]
    pub is_ban: Option<bool>,
    /// When it was created (UTC, ISO 8601).
    #[serde(default)]
    pub created_at: Option<String>,
    /// The most writers and admins at once; `0` is no limit.
    #[serde(default)]
    pub limit: Option<u64>,
}
