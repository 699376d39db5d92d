//! Real-time Messaging (Signaling) RESTful API.
//!
//! Every endpoint accepts Basic auth; the ones that allow it also accept an
//! RTM token (see [`Client`](crate::Client)). Base path
//! `/dev/v2/project/{appid}/rtm`.
//! <https://docs.agora.io/en/signaling/rest-api/restful-authentication>

use serde::Deserialize;

use crate::Endpoint;
use crate::open_enum::string_enum;
use crate::types::AppId;

/// Fetches the login and logout events of the app's users.
///
/// `GET /dev/v2/project/{appid}/rtm/vendor/user_events`, with Basic auth or
/// an RTM token. Events are removed once fetched; Agora keeps at most 2 000
/// and returns at most 1 000 per call. Rate limit: 10 requests per second
/// per App ID.
/// <https://docs.agora.io/en/signaling/rest-api/user-events>
///
/// ```
/// use agora_api::{AppId, Client, UserId, rtm::GetUserEvents};
/// let client = Client::builder()
///     .rtm_token("006abc", UserId::new("alice")?)
///     .build()?;
/// let request = client.prepare(
///     &GetUserEvents::builder().appid(AppId::new("876922cbca0098dff4323566daa89675")?).build(),
/// )?;
/// assert_eq!(request.headers()["x-agora-uid"], "alice");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Endpoint)]
#[endpoint(GET, "/dev/v2/project/{appid}/rtm/vendor/user_events", response = UserEvents)]
#[auth(basic, rtm_token)]
pub struct GetUserEvents {
    /// The App ID of the project.
    pub appid: AppId,
}

/// The user events fetched by [`GetUserEvents`].
#[derive(Debug, Clone, Deserialize)]
#[non_exhaustive]
pub struct UserEvents {
    /// Whether the request succeeded.
    #[serde(default)]
    pub result: Option<Outcome>,
    /// Agora's ID of this request.
    #[serde(default)]
    pub request_id: Option<String>,
    /// The events, oldest first within a region.
    #[serde(default)]
    pub events: Vec<UserEvent>,
}

/// One login or logout.
#[derive(Debug, Clone, Deserialize)]
#[non_exhaustive]
pub struct UserEvent {
    /// The user it concerns.
    pub user_id: String,
    /// What happened.
    #[serde(rename = "type")]
    pub kind: UserEventKind,
    /// When Agora received it, in Unix milliseconds (`ms` in 2.x, `ts` in
    /// 1.x).
    #[serde(alias = "ts")]
    pub ms: i64,
}

string_enum! {
    /// The kind of a user event.
    pub enum UserEventKind {
        /// The user logged in to Signaling.
        Login = "Login",
        /// The user logged out of Signaling.
        Logout = "Logout",
    }
}

string_enum! {
    /// The `result` of a Signaling call.
    pub enum Outcome {
        /// The request succeeded.
        Success = "success",
        /// The request failed.
        Failed = "failed",
    }
}
