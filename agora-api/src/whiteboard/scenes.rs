//! A room's scenes: a tree of scene directories whose leaves are scenes
//! (`/test/page1` is scene `page1` of directory `/test`).

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::need::{SDK_OR_ROOM, TokenNeed, WhiteboardCall};
use super::rooms::RoomUuid;
use crate::error::InvalidInput;
use crate::token::WhiteboardRole;
use crate::values::validated_string;
use crate::{Endpoint, FieldPath, Validate, endpoint_docs};

validated_string! {
    /// A scene or scene directory path (`path`, `scenePath`,
    /// `sceneDir`): starts with `/`, no empty segment except the root's,
    /// no whitespace other than spaces, no control characters.
    ///
    /// ```
    /// use agora_api::whiteboard::ScenePath;
    /// assert!(ScenePath::new("/test/page1").is_ok());
    /// assert!(ScenePath::new("/").is_ok());
    /// assert_eq!(
    ///     ScenePath::new("test").unwrap_err().rule(),
    ///     "must start with `/`"
    /// );
    /// assert!(ScenePath::new("/a//b").is_err());
    /// ```
    ScenePath, field = "path", check = check_scene_path
}

fn check_scene_path(value: &str) -> Result<(), String> {
    let Some(rest) = value.strip_prefix('/') else {
        return Err("must start with `/`".into());
    };
    if value.chars().any(|c| c.is_control()) {
        return Err("must not contain control characters".into());
    }
    if !rest.is_empty() && rest.trim_end_matches('/').split('/').any(str::is_empty) {
        return Err("must not contain an empty segment (`//`)".into());
    }
    Ok(())
}

impl ScenePath {
    /// The path's segments: `/test/page1` is `["test", "page1"]`.
    pub fn segments(&self) -> impl Iterator<Item = &str> {
        self.as_str()
            .split('/')
            .filter(|segment| !segment.is_empty())
    }
}

validated_string! {
    /// A scene's name (`name`): not empty, no `/`, no control
    /// characters; unique in its directory.
    ///
    /// ```
    /// use agora_api::whiteboard::SceneName;
    /// assert!(SceneName::new("page1").is_ok());
    /// assert_eq!(SceneName::new("a/b").unwrap_err().rule(), "must not contain `/`");
    /// ```
    SceneName, field = "name", check = check_scene_name
}

fn check_scene_name(value: &str) -> Result<(), String> {
    if value.is_empty() {
        return Err("must not be empty".into());
    }
    if value.contains('/') {
        return Err("must not contain `/`".into());
    }
    if value.chars().any(|c| c.is_control()) {
        return Err("must not contain control characters".into());
    }
    Ok(())
}

/// A scene to add.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct NewScene {
    /// Its name.
    pub name: SceneName,
    /// Its background image.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ppt: Option<SceneBackground>,
}

impl NewScene {
    /// A scene named `name`, without a background.
    pub fn named(name: SceneName) -> Self {
        NewScene { name, ppt: None }
    }

    /// The same scene with `background`.
    #[must_use]
    pub fn with_background(mut self, background: SceneBackground) -> Self {
        self.ppt = Some(background);
        self
    }
}

/// A scene's background image (`ppt`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SceneBackground {
    /// The image's URL, which the users' browsers must be able to load.
    pub src: String,
    /// Its width in pixels.
    pub width: u32,
    /// Its height in pixels.
    pub height: u32,
}

impl SceneBackground {
    /// The image at `src`, `width` × `height` pixels.
    pub fn new(src: impl Into<String>, width: u32, height: u32) -> Self {
        SceneBackground {
            src: src.into(),
            width,
            height,
        }
    }
}

impl Validate for NewScene {
    fn validate(&self, at: &FieldPath<'_>) -> Result<(), InvalidInput> {
        if let Some(ppt) = &self.ppt
            && ppt.src.is_empty()
        {
            return Err(at.member("ppt").member("src").invalid("must not be empty"));
        }
        Ok(())
    }
}

/// Lists the scene paths under a scene directory (`sceneDir`; none: the
/// current scene's directory), every level below it included. Needs an
/// SDK token or the room's token, writer or admin.
///
/// The reference page's example writes the query `sceneDir=/test`; the
/// client percent-encodes the slash (`sceneDir=%2Ftest`), which reads
/// back the same.
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    GET,
    "/v5/rooms/{uuid}/scenes",
    response = Vec<String>,
    host = "https://api.netless.link",
    doc = "https://docs.agora.io/en/interactive-whiteboard/reference/whiteboard-api/scene-management",
)]
#[auth(whiteboard_token)]
pub struct ListScenes {
    /// The room.
    pub uuid: RoomUuid,
    /// The directory.
    #[endpoint(query, rename = "sceneDir")]
    pub scene_dir: Option<ScenePath>,
}

impl WhiteboardCall for ListScenes {
    const TOKEN: TokenNeed = TokenNeed::new(SDK_OR_ROOM, WhiteboardRole::Writer);

    fn token_subject(&self) -> Option<&str> {
        Some(self.uuid.as_str())
    }
}

/// Adds scenes to a directory (made when it does not exist yet). Needs
/// an SDK token or the room's token, writer or admin.
///
/// Not idempotent: a second copy adds nothing but is refused, its names
/// being taken; names must be unique in the directory, and in the
/// request.
///
/// ```
/// use agora_api::whiteboard::{AddScenes, NewScene, RoomUuid, SceneBackground, ScenePath};
///
/// let add = AddScenes::builder()
///     .uuid(RoomUuid::new("a7e0ca69")?)
///     .path(ScenePath::new("/test")?)
///     .scenes(vec![
///         NewScene::named("page1".parse()?).with_background(SceneBackground::new("https://example.com/1.png", 640, 360)),
///         NewScene::named("page1".parse()?),
///     ])
///     .build();
/// let refused = agora_api::Endpoint::validate(&add).unwrap_err();
/// assert_eq!(refused.field(), "scenes[1].name");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    POST,
    "/v5/rooms/{uuid}/scenes",
    response = ScenesAdded,
    host = "https://api.netless.link",
    validate = AddScenes::check,
    doc = "https://docs.agora.io/en/interactive-whiteboard/reference/whiteboard-api/scene-management",
)]
#[auth(whiteboard_token)]
pub struct AddScenes {
    /// The room.
    pub uuid: RoomUuid,
    /// The scenes, in order.
    pub scenes: Vec<NewScene>,
    /// Their directory.
    pub path: ScenePath,
}

impl AddScenes {
    fn check(&self) -> Result<(), InvalidInput> {
        if self.scenes.is_empty() {
            return Err(InvalidInput::new("scenes", "must hold at least one scene"));
        }
        let mut names = BTreeSet::new();
        for (index, scene) in self.scenes.iter().enumerate() {
            if !names.insert(scene.name.as_str()) {
                return Err(InvalidInput::new(
                    format!("scenes[{index}].name"),
                    "must be unique in the directory (given twice)",
                ));
            }
        }
        Ok(())
    }
}

impl WhiteboardCall for AddScenes {
    const TOKEN: TokenNeed = TokenNeed::new(SDK_OR_ROOM, WhiteboardRole::Writer);

    fn token_subject(&self) -> Option<&str> {
        Some(self.uuid.as_str())
    }
}

/// What adding scenes answers: an empty object (any body is ignored).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct ScenesAdded;

impl<'de> Deserialize<'de> for ScenesAdded {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        serde::de::IgnoredAny::deserialize(deserializer)?;
        Ok(ScenesAdded)
    }
}

/// Makes a scene the room's current one (a directory: its first scene).
/// Needs an SDK token or the room's token with the admin role.
///
/// Declared idempotent: it sets the current scene, so a second copy
/// changes nothing more.
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    PATCH,
    "/v5/rooms/{uuid}/scene-state",
    response = CurrentScene,
    idempotent,
    host = "https://api.netless.link",
    doc = "https://docs.agora.io/en/interactive-whiteboard/reference/whiteboard-api/scene-management",
)]
#[auth(whiteboard_token)]
pub struct SwitchScene {
    /// The room.
    pub uuid: RoomUuid,
    /// The scene to show.
    #[endpoint(rename = "scenePath")]
    pub scene_path: ScenePath,
}

impl WhiteboardCall for SwitchScene {
    const TOKEN: TokenNeed = TokenNeed::new(SDK_OR_ROOM, WhiteboardRole::Admin);

    fn token_subject(&self) -> Option<&str> {
        Some(self.uuid.as_str())
    }
}

/// The room's current scene after a switch.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct CurrentScene {
    /// Its path as segments: `/test/page1` is `["test", "page1"]`.
    #[serde(default)]
    pub current_scene_path: Vec<String>,
}

impl CurrentScene {
    /// Its path as text (`/test/page1`).
    pub fn path(&self) -> String {
        let mut path = String::new();
        for segment in &self.current_scene_path {
            path.push('/');
            path.push_str(segment);
        }
        if path.is_empty() {
            path.push('/');
        }
        path
    }
}
