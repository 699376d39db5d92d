//! Events: the login and logout events of users, and the join and leave
//! events of channels.

use serde::Deserialize;

use super::types::Outcome;
use crate::types::AppId;
use crate::values::string_enum;
use crate::{Endpoint, endpoint_docs};

/// Fetches the login and logout events of the app's users.
///
/// Events are removed once fetched (an answer lost on the way loses its
/// events); Agora keeps at most 2 000 and returns at most 1 000 per call.
/// Events are cached per region, so their order across regions is not
/// guaranteed and duplicates are possible.
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
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    GET,
    "/dev/v2/project/{appid}/rtm/vendor/user_events",
    response = UserEvents,
    doc = "https://docs.agora.io/en/signaling/rest-api/user-events",
    rate_limit(10, per = second, scope = app_id),
)]
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

/// Fetches the events of users joining and leaving the app's channels.
///
/// Events are removed once fetched (an answer lost on the way loses its
/// events); Agora keeps at most 2 000 and returns at most 1 000 per call.
/// Events are cached per region, so their order across regions is not
/// guaranteed and duplicates are possible.
///
/// ```
/// use agora_api::{AppId, Client, rtm::GetChannelEvents};
/// let client = Client::builder().basic_auth("id", "secret").build()?;
/// let request = client.prepare(
///     &GetChannelEvents::builder().appid(AppId::new("876922cbca0098dff4323566daa89675")?).build(),
/// )?;
/// assert_eq!(
///     request.url().path(),
///     "/dev/v2/project/876922cbca0098dff4323566daa89675/rtm/vendor/channel_events"
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    GET,
    "/dev/v2/project/{appid}/rtm/vendor/channel_events",
    response = ChannelEvents,
    doc = "https://docs.agora.io/en/signaling/rest-api/channel-events",
    rate_limit(10, per = second, scope = app_id),
)]
#[auth(basic, rtm_token)]
pub struct GetChannelEvents {
    /// The App ID of the project.
    pub appid: AppId,
}

/// The channel events fetched by [`GetChannelEvents`].
#[derive(Debug, Clone, Deserialize)]
#[non_exhaustive]
pub struct ChannelEvents {
    /// Whether the request succeeded.
    #[serde(default)]
    pub result: Option<Outcome>,
    /// Agora's ID of this request.
    #[serde(default)]
    pub request_id: Option<String>,
    /// The events, oldest first within a region.
    #[serde(default)]
    pub events: Vec<ChannelEvent>,
}

/// One user joining or leaving a channel.
#[derive(Debug, Clone, Deserialize)]
#[non_exhaustive]
pub struct ChannelEvent {
    /// The channel (`group_id` in 2.x, `channel_id` in 1.x).
    #[serde(rename = "group_id", alias = "channel_id")]
    pub channel: String,
    /// The user it concerns.
    pub user_id: String,
    /// What happened.
    #[serde(rename = "type")]
    pub kind: ChannelEventKind,
    /// When Agora received it, in Unix milliseconds (`ms` in 2.x, `ts` in
    /// 1.x).
    #[serde(alias = "ts")]
    pub ms: i64,
}

string_enum! {
    /// The kind of a channel event.
    pub enum ChannelEventKind {
        /// The user joined the channel.
        Join = "Join",
        /// The user left the channel.
        Leave = "Leave",
    }
}
