//! The users of a classroom: read one, change or delete their custom
//! properties, kick them out.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::answers::{Done, ReportedRole, opt_i64, opt_role, opt_u64};
use super::inputs::{RoomUuid, Switch, UserUuid};
use super::properties::PropertyKeys;
use super::rooms::room_context;
use crate::{AppId, Endpoint, ServiceRegion, TokenContext, endpoint_docs};

/// Reads a user of a classroom: name, role, stream, whether online, and
/// their custom properties. An unknown classroom is `404` code `20404100`,
/// a user who never entered it `404` code `20404200`.
///
/// The page's example answers `role` as the text `"1"`, the table as a
/// number: both are read.
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    GET,
    "/{region}/edu/apps/{appId}/v2/rooms/{roomUuid}/users/{userUuid}",
    response = ClassroomUser,
    envelope = crate::envelope::CODE_MSG_DATA,
    token_context = GetClassroomUser::token_for,
    doc = "https://docs.agora.io/en/flexible-classroom/restful-api/classroom-api",
)]
#[auth(education_token)]
pub struct GetClassroomUser {
    /// Where the classroom is served.
    pub region: ServiceRegion,
    /// The project's App ID.
    #[endpoint(path, rename = "appId")]
    pub app_id: AppId,
    /// The classroom.
    #[endpoint(path, rename = "roomUuid")]
    pub room_uuid: RoomUuid,
    /// The user.
    #[endpoint(path, rename = "userUuid")]
    pub user_uuid: UserUuid,
}

impl GetClassroomUser {
    fn token_for(&self) -> TokenContext<'_> {
        room_context(&self.room_uuid)
    }
}

/// A user of a classroom, as [`GetClassroomUser`] answers it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ClassroomUser {
    /// Their ID.
    #[serde(default)]
    pub user_uuid: Option<String>,
    /// Their name.
    #[serde(default)]
    pub user_name: Option<String>,
    /// Their role.
    #[serde(default, deserialize_with = "opt_role")]
    pub role: Option<ReportedRole>,
    /// Their stream's ID: their uid in the RTC channel.
    #[serde(default, deserialize_with = "crate::values::lenient::opt_text")]
    pub stream_uuid: Option<String>,
    /// `1` online, `0` offline.
    #[serde(default, deserialize_with = "opt_i64")]
    pub state: Option<i64>,
    /// Their custom properties.
    #[serde(default)]
    pub user_properties: Map<String, Value>,
    /// When their state last changed, Unix milliseconds.
    #[serde(default, deserialize_with = "opt_u64")]
    pub update_time: Option<u64>,
}

impl ClassroomUser {
    /// Whether they are in the classroom now.
    pub fn is_online(&self) -> bool {
        self.state == Some(1)
    }
}

/// Adds or changes custom properties of a user of a classroom (merged
/// into theirs). Idempotent.
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    PUT,
    "/{region}/edu/apps/{appId}/v2/rooms/{roomUuid}/users/{userUuid}/properties",
    response = Done,
    envelope = crate::envelope::CODE_MSG_DATA,
    token_context = UpdateUserProperties::token_for,
    doc = "https://docs.agora.io/en/flexible-classroom/restful-api/classroom-api",
)]
#[auth(education_token)]
pub struct UpdateUserProperties {
    /// Where the classroom is served.
    pub region: ServiceRegion,
    /// The project's App ID.
    #[endpoint(path, rename = "appId")]
    pub app_id: AppId,
    /// The classroom.
    #[endpoint(path, rename = "roomUuid")]
    pub room_uuid: RoomUuid,
    /// The user.
    #[endpoint(path, rename = "userUuid")]
    pub user_uuid: UserUuid,
    /// The properties to add or change.
    pub properties: Map<String, Value>,
    /// Why they change, passed on to the clients.
    pub cause: Option<Map<String, Value>>,
}

impl UpdateUserProperties {
    fn token_for(&self) -> TokenContext<'_> {
        room_context(&self.room_uuid)
    }
}

/// Deletes custom properties of a user of a classroom, by key: a
/// `DELETE` with a JSON body. Idempotent.
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    DELETE,
    "/{region}/edu/apps/{appId}/v2/rooms/{roomUuid}/users/{userUuid}/properties",
    response = Done,
    envelope = crate::envelope::CODE_MSG_DATA,
    token_context = DeleteUserProperties::token_for,
    doc = "https://docs.agora.io/en/flexible-classroom/restful-api/classroom-api",
)]
#[auth(education_token)]
pub struct DeleteUserProperties {
    /// Where the classroom is served.
    pub region: ServiceRegion,
    /// The project's App ID.
    #[endpoint(path, rename = "appId")]
    pub app_id: AppId,
    /// The classroom.
    #[endpoint(path, rename = "roomUuid")]
    pub room_uuid: RoomUuid,
    /// The user.
    #[endpoint(path, rename = "userUuid")]
    pub user_uuid: UserUuid,
    /// The keys of the properties to delete.
    pub properties: PropertyKeys,
    /// Why they are deleted, passed on to the clients.
    pub cause: Option<Map<String, Value>>,
}

impl DeleteUserProperties {
    fn token_for(&self) -> TokenContext<'_> {
        room_context(&self.room_uuid)
    }
}

/// Whether a kicked user may come back (`dirty`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dirty {
    /// `1`: the user may not enter the classroom again for `duration`;
    /// `0`: they may.
    pub state: Switch,
    /// How long they are kept out, seconds from the kick.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration: Option<u64>,
}

impl Dirty {
    /// Kept out for `seconds`.
    pub fn banned_for(seconds: u64) -> Self {
        Dirty {
            state: Switch::ON,
            duration: Some(seconds),
        }
    }

    /// Free to come back.
    pub fn clean() -> Self {
        Dirty {
            state: Switch::OFF,
            duration: None,
        }
    }
}

/// Kicks a user out of a classroom: Agora makes a "user left" event
/// (`cmd` 20, type 2), and `dirty` keeps them out for a while. Not
/// idempotent: the kick of a user who has gone again is refused.
///
/// ```
/// use agora_api::flexible_classroom::{Dirty, KickUser, RoomUuid, UserUuid};
/// use agora_api::{AppId, Client, ServiceRegion};
///
/// let kick = KickUser::builder()
///     .region(ServiceRegion::China)
///     .app_id(AppId::new("0123456789abcdef0123456789abcdef")?)
///     .room_uuid(RoomUuid::new("algebra-1")?)
///     .user_uuid(UserUuid::new("student-9")?)
///     .dirty(Dirty::banned_for(600))
///     .build();
/// let client = Client::builder().education_token("007eJxTYBBbsMMn").build()?;
/// let request = client.prepare(&kick)?;
/// let body = request.body().and_then(|b| b.as_bytes()).unwrap_or_default();
/// assert_eq!(std::str::from_utf8(body)?, r#"{"dirty":{"state":1,"duration":600}}"#);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    POST,
    "/{region}/edu/apps/{appId}/v2/rooms/{roomUuid}/users/{userUuid}/exit",
    response = Done,
    envelope = crate::envelope::CODE_MSG_DATA,
    token_context = KickUser::token_for,
    doc = "https://docs.agora.io/en/flexible-classroom/restful-api/classroom-api",
)]
#[auth(education_token)]
pub struct KickUser {
    /// Where the classroom is served.
    pub region: ServiceRegion,
    /// The project's App ID.
    #[endpoint(path, rename = "appId")]
    pub app_id: AppId,
    /// The classroom.
    #[endpoint(path, rename = "roomUuid")]
    pub room_uuid: RoomUuid,
    /// The user.
    #[endpoint(path, rename = "userUuid")]
    pub user_uuid: UserUuid,
    /// Whether, and for how long, they are kept out.
    pub dirty: Option<Dirty>,
}

impl KickUser {
    fn token_for(&self) -> TokenContext<'_> {
        room_context(&self.room_uuid)
    }
}
