//! What a classroom is created with: its name, its properties (schedule,
//! "on the stage" process, widgets, custom properties) and the students'
//! role configuration.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::inputs::Switch;
use crate::error::InvalidInput;
use crate::values::{closed_enum, validated_string};
use crate::{FieldPath, Validate};

fn check_room_name(value: &str) -> Result<(), String> {
    let count = value.chars().count();
    if !(1..=64).contains(&count) {
        return Err(format!("must be 1 to 64 characters (got {count})"));
    }
    Ok(())
}

validated_string! {
    /// A classroom's name (`roomName`): 1 to 64 characters.
    ///
    /// ```
    /// use agora_api::flexible_classroom::RoomName;
    /// assert!(RoomName::new("Algebra, week 3").is_ok());
    /// assert!(RoomName::new("").is_err());
    /// assert!(RoomName::new("n".repeat(65)).is_err());
    /// ```
    RoomName, field = "roomName", check = check_room_name
}

/// A classroom's properties at creation (`roomProperties`). Members
/// Agora documents are typed; any other member is sent as it is
/// (`other`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RoomProperties {
    /// When the class starts and how long it lasts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schedule: Option<Schedule>,
    /// The "on the stage" process.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub processes: Option<Processes>,
    /// Custom properties, synchronised to every client in the classroom.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub flex_props: Option<Map<String, Value>>,
    /// Which widgets are on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub widgets: Option<Widgets>,
    /// Members this version does not type, sent as they are.
    #[serde(flatten)]
    pub other: Map<String, Value>,
}

impl Validate for RoomProperties {
    fn validate(&self, at: &FieldPath<'_>) -> Result<(), InvalidInput> {
        if let Some(duration) = self.schedule.as_ref().and_then(|s| s.duration)
            && duration > MAX_CLASS_SECONDS
        {
            let schedule = at.member("schedule");
            return Err(schedule.member("duration").invalid(format!(
                "must be at most {MAX_CLASS_SECONDS} seconds (got {duration})"
            )));
        }
        Ok(())
    }
}

/// The longest class, seconds (a day).
const MAX_CLASS_SECONDS: u32 = 86_400;

/// A class's schedule (`roomProperties.schedule`).
///
/// Once `duration` has passed after the start the class is ended (state
/// 2) and users may stay; once `closeDelay` more has passed it is closed
/// (state 3) and everyone is removed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Schedule {
    /// When the class starts, Unix milliseconds; fixed once set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_time: Option<u64>,
    /// How long it lasts, seconds: at most 86 400 (a day).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration: Option<u32>,
    /// How long after its end it closes, seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub close_delay: Option<u64>,
}

/// The processes of a classroom (`roomProperties.processes`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Processes {
    /// Inviting students "on the stage".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hands_up: Option<HandsUp>,
}

closed_enum! {
    /// Who is "on the stage" by default (`handsUp.defaultAcceptRole`).
    pub enum AcceptRole in "roomProperties.processes.handsUp.defaultAcceptRole" {
        /// `""`: nobody (the cloud classroom's default).
        Nobody = "",
        /// `audience`: students.
        Audience = "audience",
    }
}

/// The "on the stage" settings (`processes.handsUp`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HandsUp {
    /// The most students on the stage at once.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_accept: Option<u32>,
    /// Who is on the stage by default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_accept_role: Option<AcceptRole>,
}

/// The widgets of a classroom (`roomProperties.widgets`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Widgets {
    /// The whiteboard.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub netless_board: Option<WidgetState>,
    /// The chat.
    #[serde(default, rename = "easemobIM", skip_serializing_if = "Option::is_none")]
    pub easemob_im: Option<WidgetState>,
    /// Other widgets, sent as they are.
    #[serde(flatten)]
    pub other: Map<String, Value>,
}

/// Whether a widget is on (`widgets.*.state`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WidgetState {
    /// `0` off, `1` on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<Switch>,
}

impl WidgetState {
    /// A widget on (`true`) or off.
    pub fn on(on: bool) -> Self {
        WidgetState {
            state: Some(if on { Switch::ON } else { Switch::OFF }),
        }
    }
}

/// The role configuration (`roleConfig`): only students' (`"2"`) is
/// documented.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleConfig {
    /// The students' configuration.
    #[serde(default, rename = "2", skip_serializing_if = "Option::is_none")]
    pub students: Option<StudentConfig>,
}

/// How students are admitted (`roleConfig.2`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StudentConfig {
    /// The most students in the classroom.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    /// Whether a student's streams are on when they enter.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_stream: Option<DefaultStream>,
}

/// A student's streams on entering (`roleConfig.2.defaultStream`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DefaultStream {
    /// The stream as a whole.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<Switch>,
    /// Video.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub video_state: Option<Switch>,
    /// Audio.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audio_state: Option<Switch>,
}

impl DefaultStream {
    /// Every stream on (`true`) or off.
    pub fn all(on: bool) -> Self {
        let switch = Some(if on { Switch::ON } else { Switch::OFF });
        DefaultStream {
            state: switch,
            video_state: switch,
            audio_state: switch,
        }
    }
}
