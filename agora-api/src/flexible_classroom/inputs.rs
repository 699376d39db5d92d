//! The values every Flexible Classroom call shares: classroom and user
//! IDs, the paging cursor, on/off switches and the path states.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::error::InvalidInput;
use crate::values::{closed_enum, int_enum, issued_id, validated_number, validated_string};

/// The punctuation Agora lets a classroom or user ID hold, beside ASCII
/// letters, digits and the space.
const ID_PUNCTUATION: &str = "!#$%&()+-:;<=.>?@[]^_{}|~,";

/// The rule of `roomUuid` and `userUuid`: fewer than 64 characters, each
/// an ASCII letter or digit, a space or one of [`ID_PUNCTUATION`].
fn check_uuid(value: &str) -> Result<(), String> {
    let count = value.chars().count();
    if count == 0 || count >= 64 {
        return Err(format!("must be 1 to 63 characters (got {count})"));
    }
    match value
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || *c == ' ' || ID_PUNCTUATION.contains(*c)))
    {
        Some(c) => Err(format!(
            "may hold only ASCII letters, digits, spaces and {ID_PUNCTUATION} (got {c:?})"
        )),
        None => Ok(()),
    }
}

validated_string! {
    /// A classroom's ID (`roomUuid`): unique in the app, and the name of
    /// the RTC and Signaling channels its users join. Fewer than 64
    /// characters: ASCII letters and digits, the space, and
    /// `!#$%&()+-:;<=.>?@[]^_{}|~,`.
    ///
    /// Some of Agora's tables leave upper-case letters out of the charset;
    /// the create page lists them, and the ID is an RTC channel name,
    /// which takes them: they are accepted
    /// (`specs/flexible-classroom.json`, exception `uuid-charset`).
    ///
    /// ```
    /// use agora_api::flexible_classroom::RoomUuid;
    /// assert!(RoomUuid::new("Math 101 (A)").is_ok());
    /// assert!(RoomUuid::new("").is_err());
    /// assert!(RoomUuid::new("x".repeat(64)).is_err());
    /// assert!(RoomUuid::new("a/b").is_err());
    /// ```
    RoomUuid, field = "roomUuid", check = check_uuid
}

validated_string! {
    /// A user's ID in Flexible Classroom (`userUuid`), also their
    /// Signaling user ID: the rule of [`RoomUuid`].
    ///
    /// ```
    /// use agora_api::flexible_classroom::UserUuid;
    /// assert!(UserUuid::new("teacher_1").is_ok());
    /// assert!(UserUuid::new("tab\tbed").is_err());
    /// ```
    UserUuid, field = "userUuid", check = check_uuid
}

validated_string! {
    /// Where the next batch of a paged read starts (`nextId`): the
    /// previous batch's `nextId`, as Agora issued it.
    ///
    /// ```
    /// use agora_api::flexible_classroom::NextId;
    /// assert!(NextId::new("101").is_ok());
    /// assert!(NextId::new("").is_err());
    /// ```
    NextId, field = "nextId", check = issued_id
}

/// A documented on/off member (`state`, `videoState`, `audioState` of a
/// widget or a default stream; `dirty.state`): `0` off, `1` on. Any
/// other number is refused, when made and when decoded.
///
/// ```
/// use agora_api::flexible_classroom::Switch;
/// assert_eq!(Switch::ON.get(), 1);
/// assert!(Switch::new(2).is_err());
/// assert!(serde_json::from_str::<Switch>("2").is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct Switch(u8);

impl Switch {
    /// `0`: off (disabled, not dirty).
    pub const OFF: Switch = Switch(0);
    /// `1`: on (enabled, dirty).
    pub const ON: Switch = Switch(1);

    /// `0` or `1`; the error is the rule.
    pub fn new(value: u8) -> Result<Self, InvalidInput> {
        match value {
            0 | 1 => Ok(Switch(value)),
            other => Err(InvalidInput::new("state", switch_rule(other))),
        }
    }

    /// The number.
    pub const fn get(self) -> u8 {
        self.0
    }

    /// Whether it is on.
    pub const fn is_on(self) -> bool {
        self.0 == 1
    }
}

fn switch_rule(value: impl fmt::Display) -> String {
    format!("must be 0 (off) or 1 (on) (got {value})")
}

impl<'de> Deserialize<'de> for Switch {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = i64::deserialize(deserializer)?;
        match u8::try_from(value) {
            Ok(value @ (0 | 1)) => Ok(Switch(value)),
            _ => Err(serde::de::Error::custom(switch_rule(value))),
        }
    }
}

closed_enum! {
    /// The state a classroom is set to (`{state}` of
    /// [`SetClassroomState`](super::SetClassroomState)). A classroom goes
    /// forward only: not started, started, ended, closed.
    pub enum ClassState in "state" {
        /// `0`: not started.
        NotStarted = "0",
        /// `1`: started.
        Started = "1",
        /// `2`: ended; users may still enter and stay until it closes.
        Ended = "2",
        /// `3`: closed; users can no longer enter.
        Closed = "3",
    }
}

closed_enum! {
    /// Whether breakout rooms are made or removed (`{state}` of
    /// [`SetBreakoutRooms`](super::SetBreakoutRooms)).
    pub enum BreakoutState in "state" {
        /// `0`: remove every breakout room (no body).
        Remove = "0",
        /// `1`: make the breakout rooms of `groups`.
        Create = "1",
    }
}

closed_enum! {
    /// Whether a classroom is recorded (`{state}` of
    /// [`SetRecordingState`](super::SetRecordingState) and
    /// [`UpdateRecordingConfig`](super::UpdateRecordingConfig)).
    pub enum RecordingSwitch in "state" {
        /// `0`: stop recording.
        Stop = "0",
        /// `1`: start (or, for an update, keep) recording.
        Start = "1",
    }
}

int_enum! {
    /// A classroom's state as Agora reports it.
    pub enum RoomState {
        /// Not started.
        NotStarted = 0,
        /// In progress.
        Started = 1,
        /// Ended; users may still be in it.
        Ended = 2,
        /// Closed; users can no longer enter.
        Closed = 3,
    }
}

int_enum! {
    /// A user's role in a classroom.
    pub enum UserRole {
        /// A teacher.
        Teacher = 1,
        /// A student.
        Student = 2,
        /// A teaching assistant.
        Assistant = 3,
    }
}

/// A classroom's type (`roomType`), fixed when it is created.
///
/// Sent as a number, as every example sends it (the create page's table
/// says "String": `specs/flexible-classroom.json`, exception
/// `room-type-is-a-number`); a string holding the number is read too.
///
/// ```
/// use agora_api::flexible_classroom::RoomType;
/// assert_eq!(serde_json::to_string(&RoomType::SmallClassroom).unwrap(), "4");
/// assert_eq!(serde_json::from_str::<RoomType>("\"10\"").unwrap(), RoomType::SmallCloudClassroom);
/// assert!(serde_json::from_str::<RoomType>("3").is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RoomType {
    /// `0`: one-to-one.
    OneToOne,
    /// `2`: lecture hall.
    LectureHall,
    /// `4`: small classroom.
    SmallClassroom,
    /// `10`: small cloud classroom.
    SmallCloudClassroom,
}

impl RoomType {
    /// The number on the wire.
    pub const fn value(self) -> u8 {
        match self {
            RoomType::OneToOne => 0,
            RoomType::LectureHall => 2,
            RoomType::SmallClassroom => 4,
            RoomType::SmallCloudClassroom => 10,
        }
    }

    /// The type of a number, or the rule it breaks.
    pub fn from_value(value: i64) -> Result<Self, InvalidInput> {
        match value {
            0 => Ok(RoomType::OneToOne),
            2 => Ok(RoomType::LectureHall),
            4 => Ok(RoomType::SmallClassroom),
            10 => Ok(RoomType::SmallCloudClassroom),
            other => Err(InvalidInput::new(
                "roomType",
                format!("must be one of 0, 2, 4, 10 (got {other})"),
            )),
        }
    }
}

impl Serialize for RoomType {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_u8(self.value())
    }
}

impl<'de> Deserialize<'de> for RoomType {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = serde_json::Value::deserialize(deserializer)?;
        let number = match &value {
            serde_json::Value::Number(number) => number.as_i64(),
            serde_json::Value::String(text) => text.trim().parse().ok(),
            _ => None,
        };
        let number = number
            .ok_or_else(|| serde::de::Error::custom("invalid `roomType`: must be a number"))?;
        RoomType::from_value(number).map_err(serde::de::Error::custom)
    }
}

int_enum! {
    /// The type of a classroom event (`cmd`).
    pub enum EventCmd {
        /// `1`: the classroom's state changed.
        RoomState = 1,
        /// `3`: a chat message in the classroom.
        Chat = 3,
        /// `20`: users entered or left.
        UsersInOut = 20,
        /// `1001`: the recording state changed.
        Recording = 1001,
        /// `1003`: the classroom's shared resources changed.
        Resources = 1003,
        /// `1101`: rewards changed.
        Rewards = 1101,
        /// `1501`: who is "on the stage" changed.
        OnStage = 1501,
        /// `1502`: who is raising a hand changed.
        HandsUp = 1502,
    }
}

/// Written as the number, for the `cmd` query parameter.
impl fmt::Display for EventCmd {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.value())
    }
}

/// Read from the number of the `cmd` query parameter.
impl FromStr for EventCmd {
    type Err = InvalidInput;
    fn from_str(value: &str) -> Result<Self, InvalidInput> {
        value
            .parse::<i64>()
            .map(EventCmd::from)
            .map_err(|_| InvalidInput::new("cmd", "must be a whole number"))
    }
}

fn check_batch(value: u32) -> Result<u32, InvalidInput> {
    if !(1..=100).contains(&value) {
        return Err(InvalidInput::new(
            "count",
            format!("must be 1 to 100 (got {value})"),
        ));
    }
    Ok(value)
}

validated_number! {
    /// How many widget events one batch holds (`count`): 1 to 100,
    /// Agora's default and its largest batch.
    ///
    /// ```
    /// use agora_api::flexible_classroom::BatchSize;
    /// assert!(BatchSize::new(100).is_ok());
    /// assert!(BatchSize::new(0).is_err());
    /// assert!(BatchSize::new(101).is_err());
    /// ```
    BatchSize(u32), field = "count", check = check_batch
}
