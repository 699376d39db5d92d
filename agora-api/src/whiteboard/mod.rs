//! Interactive Whiteboard (Netless) RESTful API: tokens, rooms and their
//! scenes, screenshots, and file conversion.
//!
//! Every call goes to `https://api.netless.link`, one host without
//! failover (a failed attempt that may be retried is retried there), and
//! carries two headers instead of Basic auth: `token`, an SDK, room or
//! task token, and `region`, the data centre that serves it
//! ([`WhiteboardRegion`](crate::WhiteboardRegion)). Give the client
//! either a fixed token (`Client::builder().whiteboard_token(token,
//! region)`) or the project's access key pair, from which a fresh SDK
//! token is issued for every attempt
//! ([`WhiteboardMinter`](crate::token::WhiteboardMinter)).
//!
//! Tokens are issued locally ([`WhiteboardKeys`](crate::token::WhiteboardKeys))
//! or by Agora: [`GenerateSdkToken`] takes the access key pair in its
//! body, [`GenerateRoomToken`] and [`GenerateTaskToken`] an SDK token.
//! Each call needs a token of a given kind and role, which its type says
//! ([`WhiteboardCall::TOKEN`], a [`TokenNeed`]): [`TokenNeed::check`]
//! tells before any I/O whether a token will do, and [`TokenNeed::mint`]
//! issues one that does from the access key pair (a task token for
//! [`GetConversion`], an admin SDK token for [`BanRoom`], ...).
//!
//! Errors are `{"message": ...}` with `400`, `401` (a bad token), `403`
//! (a token that may not do this), `404` or `500`.
//! <https://docs.agora.io/en/interactive-whiteboard/reference/whiteboard-api/overview>
//!
//! ```
//! use agora_api::whiteboard::{CreateRoom, WhiteboardCall};
//! use agora_api::token::{WhiteboardRole, WhiteboardTokenKind};
//! use agora_api::{Client, WhiteboardRegion};
//!
//! let client = Client::builder()
//!     .whiteboard_token("NETLESSSDK_YWs9xxxxxx", WhiteboardRegion::UsSv)
//!     .build()?;
//! let create = CreateRoom::builder().is_record(false).build();
//! let request = client.prepare(&create)?;
//! assert_eq!(request.url().as_str(), "https://api.netless.link/v5/rooms");
//! assert_eq!(request.headers()["region"], "us-sv");
//! assert_eq!(CreateRoom::TOKEN.kinds(), &[WhiteboardTokenKind::Sdk]);
//! assert_eq!(CreateRoom::TOKEN.role(), WhiteboardRole::Writer);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod conversion;
mod legacy;
mod need;
mod rooms;
mod scenes;
mod screenshots;
mod tokens;

pub use conversion::{
    CancelConversion, CancelConversionBuilder, CancelledConversion, CompressionLevel,
    ConversionImage, ConversionKind, ConversionStatus, ConversionTask, FileUrl, GetConversion,
    GetConversionBuilder, ImageFormat, ImageScale, ListQueuedConversions,
    ListQueuedConversionsBuilder, PrioritizedConversion, QueuedConversion, QueuedStatus,
    SetConversionPriority, SetConversionPriorityBuilder, StartConversion, StartConversionBuilder,
    StartedConversion, TaskPriority, TaskUuid, WebhookRetries,
};
#[allow(deprecated)]
pub use legacy::{
    GetLegacyConversion, GetLegacyConversionBuilder, LegacyConversionFile,
    LegacyConversionProgress, LegacyConversionTask, LegacyImageFormat, StartLegacyConversion,
    StartLegacyConversionBuilder,
};
pub use need::{TokenNeed, WhiteboardCall};
pub use rooms::{
    BanRoom, BanRoomBuilder, CreateRoom, CreateRoomBuilder, GetRoom, GetRoomBuilder, ListRooms,
    ListRoomsBuilder, Room, RoomListLimit, RoomUuid,
};
pub use scenes::{
    AddScenes, AddScenesBuilder, CurrentScene, ListScenes, ListScenesBuilder, NewScene,
    SceneBackground, SceneName, ScenePath, ScenesAdded, SwitchScene, SwitchSceneBuilder,
};
pub use screenshots::{
    Screenshot, ScreenshotScene, ScreenshotSceneBuilder, ScreenshotSceneDirectory,
    ScreenshotSceneDirectoryBuilder, ScreenshotSize,
};
pub use tokens::{
    AccessKey, GenerateRoomToken, GenerateRoomTokenBuilder, GenerateSdkToken,
    GenerateSdkTokenBuilder, GenerateTaskToken, GenerateTaskTokenBuilder, IssuedToken, Lifespan,
    TokenRole,
};
