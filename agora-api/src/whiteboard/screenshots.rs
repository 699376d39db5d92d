//! Screenshots of a scene or of a scene directory, as PNG files in the
//! storage configured in Agora Console (Amazon S3).
//!
//! Agora calls these backend screenshots deprecated in favour of the
//! web SDK's `screenshotToCanvasAsync`, but keeps documenting them among
//! the current endpoints; they are bound as current endpoints
//! (`specs/whiteboard.json`, exception `screenshots-deprecated-note`).

use serde::Deserialize;

use super::need::{SDK_OR_ROOM, TokenNeed, WhiteboardCall};
use super::rooms::RoomUuid;
use super::scenes::ScenePath;
use crate::error::InvalidInput;
use crate::token::WhiteboardRole;
use crate::values::validated_number;
use crate::{Endpoint, endpoint_docs};

validated_number! {
    /// A screenshot's width or height in pixels (`width`, `height`): at
    /// least 1.
    ///
    /// ```
    /// use agora_api::whiteboard::ScreenshotSize;
    /// assert!(ScreenshotSize::new(640).is_ok());
    /// assert!(ScreenshotSize::new(0).is_err());
    /// ```
    ScreenshotSize(u32), field = "width", check = check_size
}

fn check_size(value: u32) -> Result<u32, InvalidInput> {
    if value == 0 {
        return Err(InvalidInput::new("width", "must be at least 1 pixel"));
    }
    Ok(value)
}

/// Takes a screenshot of one scene (`path`; none: `/init`). Needs an SDK
/// token or the room's token, writer or admin.
///
/// Declared idempotent: the file is named after the room and scene, so
/// a second copy writes the same file again.
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    POST,
    "/v5/rooms/{uuid}/screenshots",
    response = Screenshot,
    idempotent,
    host = "https://api.netless.link",
    doc = "https://docs.agora.io/en/interactive-whiteboard/reference/whiteboard-api/screenshots",
)]
#[auth(whiteboard_token)]
pub struct ScreenshotScene {
    /// The room.
    pub uuid: RoomUuid,
    /// The width in pixels.
    pub width: ScreenshotSize,
    /// The height in pixels.
    pub height: ScreenshotSize,
    /// The scene (none: `/init`).
    pub path: Option<ScenePath>,
}

impl WhiteboardCall for ScreenshotScene {
    const TOKEN: TokenNeed = TokenNeed::new(SDK_OR_ROOM, WhiteboardRole::Writer);

    fn token_subject(&self) -> Option<&str> {
        Some(self.uuid.as_str())
    }
}

/// Takes a screenshot of every scene of a directory (`path`; none: the
/// current scene's directory), in order. Needs an SDK token or the
/// room's token, writer or admin.
///
/// Declared idempotent, as [`ScreenshotScene`] is.
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    POST,
    "/v5/rooms/{uuid}/screenshot-list",
    response = Vec<Screenshot>,
    idempotent,
    host = "https://api.netless.link",
    doc = "https://docs.agora.io/en/interactive-whiteboard/reference/whiteboard-api/screenshots",
)]
#[auth(whiteboard_token)]
pub struct ScreenshotSceneDirectory {
    /// The room.
    pub uuid: RoomUuid,
    /// The width in pixels.
    pub width: ScreenshotSize,
    /// The height in pixels.
    pub height: ScreenshotSize,
    /// The directory (none: the current scene's).
    pub path: Option<ScenePath>,
}

impl WhiteboardCall for ScreenshotSceneDirectory {
    const TOKEN: TokenNeed = TokenNeed::new(SDK_OR_ROOM, WhiteboardRole::Writer);

    fn token_subject(&self) -> Option<&str> {
        Some(self.uuid.as_str())
    }
}

/// Where a screenshot was stored.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct Screenshot {
    /// Its URL.
    pub url: String,
    /// Its file name in the bucket.
    #[serde(default)]
    pub key: Option<String>,
    /// The bucket.
    #[serde(default)]
    pub bucket: Option<String>,
    /// The bucket's region.
    #[serde(default)]
    pub region: Option<String>,
}
