//! A classroom's custom properties and its breakout rooms.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::answers::Done;
use super::inputs::{BreakoutState, RoomUuid, UserUuid};
use super::rooms::room_context;
use crate::error::InvalidInput;
use crate::{AppId, Endpoint, FieldPath, ServiceRegion, TokenContext, Validate, endpoint_docs};

/// The keys of the custom properties to delete (`properties`): at least
/// one, none empty.
///
/// ```
/// use agora_api::flexible_classroom::PropertyKeys;
/// assert!(PropertyKeys::new(["key1", "key2"]).is_ok());
/// assert!(PropertyKeys::new(Vec::<String>::new()).is_err());
/// assert!(PropertyKeys::new([""]).is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct PropertyKeys(Vec<String>);

impl PropertyKeys {
    /// Checks the keys.
    pub fn new<K: Into<String>>(keys: impl IntoIterator<Item = K>) -> Result<Self, InvalidInput> {
        let keys: Vec<String> = keys.into_iter().map(Into::into).collect();
        if keys.is_empty() {
            return Err(InvalidInput::new(
                "properties",
                "must name at least one property",
            ));
        }
        if let Some(at) = keys.iter().position(String::is_empty) {
            return Err(InvalidInput::new(
                "properties",
                format!("must not hold an empty key (at {at})"),
            ));
        }
        Ok(PropertyKeys(keys))
    }

    /// The keys.
    pub fn keys(&self) -> &[String] {
        &self.0
    }
}

impl<'de> Deserialize<'de> for PropertyKeys {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        PropertyKeys::new(Vec::<String>::deserialize(deserializer)?)
            .map_err(|error| serde::de::Error::custom(error.rule()))
    }
}

/// Adds or changes custom properties of a classroom (`properties`, an
/// object merged into the classroom's), which Agora synchronises to every
/// client in it. Idempotent: the same merge twice leaves the same
/// properties.
///
/// The page's table also lists `roomProperties.examinationUrl` (the exam
/// paper of proctored exams); it is a property like any other: put
/// `examinationUrl` in `properties` (exception `examination-url-member`).
///
/// ```
/// use agora_api::flexible_classroom::{RoomUuid, UpdateClassroomProperties};
/// use agora_api::{AppId, Client, ServiceRegion};
///
/// let mut properties = serde_json::Map::new();
/// properties.insert("examinationUrl".into(), "https://example.com/paper".into());
/// let update = UpdateClassroomProperties::builder()
///     .region(ServiceRegion::AsiaPacific)
///     .app_id(AppId::new("0123456789abcdef0123456789abcdef")?)
///     .room_uuid(RoomUuid::new("exam-7")?)
///     .properties(properties)
///     .build();
/// let client = Client::builder().education_token("007eJxTYBBbsMMn").build()?;
/// let request = client.prepare(&update)?;
/// let body = request.body().and_then(|b| b.as_bytes()).unwrap_or_default();
/// assert_eq!(std::str::from_utf8(body)?, r#"{"properties":{"examinationUrl":"https://example.com/paper"}}"#);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    PUT,
    "/{region}/edu/apps/{appId}/v2/rooms/{roomUuid}/properties",
    response = Done,
    envelope = crate::envelope::CODE_MSG_DATA,
    token_context = UpdateClassroomProperties::token_for,
    doc = "https://docs.agora.io/en/flexible-classroom/restful-api/classroom-api",
)]
#[auth(education_token)]
pub struct UpdateClassroomProperties {
    /// Where the classroom is served.
    pub region: ServiceRegion,
    /// The project's App ID.
    #[endpoint(path, rename = "appId")]
    pub app_id: AppId,
    /// The classroom.
    #[endpoint(path, rename = "roomUuid")]
    pub room_uuid: RoomUuid,
    /// The properties to add or change.
    pub properties: Map<String, Value>,
    /// Why they change, passed on to the clients.
    pub cause: Option<Map<String, Value>>,
}

impl UpdateClassroomProperties {
    fn token_for(&self) -> TokenContext<'_> {
        room_context(&self.room_uuid)
    }
}

/// Deletes custom properties of a classroom, by key: a `DELETE` with a
/// JSON body. Idempotent: a key already gone is no error.
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    DELETE,
    "/{region}/edu/apps/{appId}/v2/rooms/{roomUuid}/properties",
    response = Done,
    envelope = crate::envelope::CODE_MSG_DATA,
    token_context = DeleteClassroomProperties::token_for,
    doc = "https://docs.agora.io/en/flexible-classroom/restful-api/classroom-api",
)]
#[auth(education_token)]
pub struct DeleteClassroomProperties {
    /// Where the classroom is served.
    pub region: ServiceRegion,
    /// The project's App ID.
    #[endpoint(path, rename = "appId")]
    pub app_id: AppId,
    /// The classroom.
    #[endpoint(path, rename = "roomUuid")]
    pub room_uuid: RoomUuid,
    /// The keys of the properties to delete.
    pub properties: PropertyKeys,
    /// Why they are deleted, passed on to the clients.
    pub cause: Option<Map<String, Value>>,
}

impl DeleteClassroomProperties {
    fn token_for(&self) -> TokenContext<'_> {
        room_context(&self.room_uuid)
    }
}

/// One breakout room to make (`groups[]`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BreakoutRoom {
    /// Its ID; Agora assigns one when it is left out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group_uuid: Option<String>,
    /// Its name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group_name: Option<String>,
    /// The users sent to it.
    pub users: Vec<GroupMember>,
}

impl BreakoutRoom {
    /// A breakout room for `users`, its ID left to Agora.
    pub fn new(users: impl IntoIterator<Item = UserUuid>) -> Self {
        BreakoutRoom {
            group_uuid: None,
            group_name: None,
            users: users
                .into_iter()
                .map(|user_uuid| GroupMember { user_uuid })
                .collect(),
        }
    }

    /// With an ID and a name of your own.
    #[must_use]
    pub fn named(mut self, group_uuid: impl Into<String>, group_name: impl Into<String>) -> Self {
        self.group_uuid = Some(group_uuid.into());
        self.group_name = Some(group_name.into());
        self
    }
}

impl Validate for BreakoutRoom {
    fn validate(&self, at: &FieldPath<'_>) -> Result<(), InvalidInput> {
        if self.group_uuid.as_deref() == Some("") {
            return Err(at
                .member("groupUuid")
                .invalid("must not be empty (leave it out to let Agora assign one)"));
        }
        Ok(())
    }
}

/// A user of a breakout room (`groups[].users[]`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GroupMember {
    /// The user.
    pub user_uuid: UserUuid,
}

/// Makes breakout rooms (`state` 1, with `groups`) or removes them all
/// (`state` 0, without a body).
///
/// Not idempotent: a breakout room made without a `groupUuid` gets a new
/// ID each time, so a second copy would make other rooms.
///
/// The page's example sends the groups to `.../rooms/{roomUuid}/states/1`,
/// the path of [`SetClassroomState`](super::SetClassroomState); the
/// prototype's `/groups/states/{state}` is bound (exception
/// `breakout-example-path`).
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    PUT,
    "/{region}/edu/apps/{appId}/v2/rooms/{roomUuid}/groups/states/{state}",
    response = Done,
    idempotent = false,
    validate = SetBreakoutRooms::check,
    envelope = crate::envelope::CODE_MSG_DATA,
    token_context = SetBreakoutRooms::token_for,
    doc = "https://docs.agora.io/en/flexible-classroom/restful-api/classroom-api",
)]
#[auth(education_token)]
pub struct SetBreakoutRooms {
    /// Where the classroom is served.
    pub region: ServiceRegion,
    /// The project's App ID.
    #[endpoint(path, rename = "appId")]
    pub app_id: AppId,
    /// The classroom.
    #[endpoint(path, rename = "roomUuid")]
    pub room_uuid: RoomUuid,
    /// Make or remove.
    pub state: BreakoutState,
    /// The breakout rooms to make: required to make them, absent to
    /// remove them.
    pub groups: Option<Vec<BreakoutRoom>>,
}

impl SetBreakoutRooms {
    fn token_for(&self) -> TokenContext<'_> {
        room_context(&self.room_uuid)
    }

    fn check(&self) -> Result<(), InvalidInput> {
        match (self.state, &self.groups) {
            (BreakoutState::Create, None) => Err(InvalidInput::new(
                "groups",
                "is required to make breakout rooms (state 1)",
            )),
            (BreakoutState::Create, Some(groups)) if groups.is_empty() => Err(InvalidInput::new(
                "groups",
                "must hold at least one breakout room",
            )),
            (BreakoutState::Remove, Some(_)) => Err(InvalidInput::new(
                "groups",
                "must be left out to remove the breakout rooms (state 0)",
            )),
            _ => Ok(()),
        }
    }
}
