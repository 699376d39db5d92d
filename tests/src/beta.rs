//! Endpoints defined outside `agora-api`, as a user would define a beta API
//! that the crate does not bind yet. They use every placement the derive
//! offers: path parameters, query parameters, a header, body members, a
//! whole-body field, and the `crate = "..."` override.

use agora_api::{AppId, Endpoint, InvalidInput};
use serde::{Deserialize, Serialize};

/// Looks up a key of a (hypothetical) beta key-value API.
#[derive(Debug, Clone, Endpoint)]
#[endpoint(GET, "/dev/v1/beta/{appid}/keys/{key}", response = Entry)]
#[auth(basic, rtm_token)]
pub struct GetEntry {
    /// The project.
    pub appid: AppId,
    /// Any text: it is sent as one percent-encoded segment.
    pub key: String,
    /// Which revision; left out when `None`.
    #[endpoint(query)]
    pub revision: Option<u32>,
    /// Sent as `fields=...`.
    #[endpoint(query = "fields")]
    pub field_list: String,
    /// Sent as the `x-request-id` header.
    #[endpoint(header = "x-request-id")]
    pub request_id: Option<String>,
}

/// A stored entry.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Entry {
    /// The key.
    pub key: String,
    /// The value.
    pub value: String,
}

/// Stores a key; shows body members, renaming, and a cross-field check.
#[derive(Debug, Clone, Endpoint)]
#[endpoint(POST, "/dev/v1/beta/{appId}/keys", response = Entry, validate = PutEntry::check)]
#[auth(basic)]
pub struct PutEntry {
    /// Named `{appId}` on the wire.
    #[endpoint(rename = "appId")]
    pub app_id: AppId,
    /// A body member.
    pub key: String,
    /// A body member named `storedValue`.
    #[endpoint(rename = "storedValue")]
    pub value: String,
    /// Left out of the body when `None`.
    #[endpoint(rename = "ttlSeconds")]
    pub ttl_seconds: Option<u32>,
}

impl PutEntry {
    fn check(&self) -> Result<(), InvalidInput> {
        if self.key.is_empty() {
            return Err(InvalidInput::new("key", "must not be empty"));
        }
        Ok(())
    }
}

/// A local name for the runtime crate, as a re-export or a renamed
/// dependency would give.
pub mod runtime {
    pub use agora_api::*;
}

/// Replaces a list through `PUT`, with the whole body in one field and the
/// runtime reached through [`runtime`] instead of `::agora_api`.
#[derive(Debug, Clone, Endpoint)]
#[endpoint(PUT, "/dev/v1/beta/{appid}/list", response = (), crate = "crate::beta::runtime")]
#[auth(basic)]
pub struct ReplaceList {
    /// The project.
    pub appid: AppId,
    /// The body, as it is.
    #[endpoint(body)]
    pub items: Vec<ListItem>,
}

/// One item of [`ReplaceList`].
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ListItem {
    /// The item's name.
    pub name: String,
}

/// Sends a note as a user; under RTM token auth Agora only accepts the
/// token's own user as the sender.
#[derive(Debug, Clone, Endpoint)]
#[endpoint(POST, "/dev/v1/beta/{appid}/users/{user_id}/notes", response = Entry)]
#[auth(basic, rtm_token)]
pub struct SendNote {
    /// The project.
    pub appid: AppId,
    /// The sender.
    #[endpoint(sender)]
    pub user_id: agora_api::UserId,
    /// The note.
    pub text: String,
}

/// Renames a (hypothetical) beta streaming domain, signed with HMAC-SHA256
/// as Media Broadcast's endpoints are. A `PUT`, so a failed attempt is
/// re-sent to the next host, and signed again for it.
#[derive(Debug, Clone, Endpoint)]
#[endpoint(PUT, "/v1/projects/{appid}/beta/domains/{domain}", response = Entry)]
#[auth(hmac)]
pub struct RenameDomain {
    /// The project.
    pub appid: AppId,
    /// The domain.
    pub domain: String,
    /// A query parameter, part of the signed request line.
    #[endpoint(query)]
    pub dry_run: Option<bool>,
    /// The new name, in the signed body.
    pub name: String,
}

/// Reads a value from a (hypothetical) service on one fixed host, without
/// Agora's failover, whose answer is a bare JSON string (as Whiteboard's
/// token endpoints answer).
#[derive(Debug, Clone, Endpoint)]
#[endpoint(GET, "/v5/beta/echo/{word}", response = String, host = "https://api.netless.link")]
#[auth(none)]
pub struct Echo {
    /// Echoed back.
    pub word: String,
}

/// Lists the converters of one area, as Media Push's `/{region}/v1/...`
/// paths do: the `{region}` segment is a path region, never a host region.
#[derive(Debug, Clone, Endpoint)]
#[endpoint(GET, "/{region}/v1/projects/{appid}/beta/converters", response = Entry)]
#[auth(basic)]
pub struct ListRegionalConverters {
    /// The area code in the path.
    pub region: agora_api::ServiceRegion,
    /// The project.
    pub appid: AppId,
}

/// Removes members of a (hypothetical) room with a JSON body on `DELETE`,
/// as Flexible Classroom's endpoints do.
#[derive(Debug, Clone, Endpoint)]
#[endpoint(DELETE, "/v1/beta/{appid}/rooms/{room}/members", response = ())]
#[auth(basic)]
pub struct RemoveMembers {
    /// The project.
    pub appid: AppId,
    /// The room.
    pub room: String,
    /// Who leaves, in the body.
    #[endpoint(rename = "userUuids")]
    pub user_uuids: Vec<String>,
}

/// Reads the next events of a (hypothetical) feed: a `GET` that consumes
/// what it reads, as Flexible Classroom's event feed does, so it is never
/// re-sent once it may have reached the server.
#[derive(Debug, Clone, Endpoint)]
#[endpoint(GET, "/v1/beta/{appid}/events", response = (), idempotent = false)]
#[auth(basic)]
pub struct ReadEvents {
    /// The project.
    pub appid: AppId,
}

/// Starts a (hypothetical) agent in a channel: its RTC token is bound to
/// the channel and uid nested in the body, named by `token_context`, as
/// Conversational AI's `join` binds the agent's token.
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    POST,
    "/api/beta/{appid}/agents/join",
    response = (),
    token_context = JoinAgent::token_for,
)]
#[auth(rtc_token)]
pub struct JoinAgent {
    /// The project.
    pub appid: AppId,
    /// Where and as whom the agent joins.
    pub properties: AgentPlacement,
}

impl JoinAgent {
    fn token_for(&self) -> agora_api::TokenContext<'_> {
        agora_api::TokenContext::new(
            Some(&self.properties.channel),
            Some(&self.properties.agent_rtc_uid),
        )
    }
}

/// The channel and uid of [`JoinAgent`].
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct AgentPlacement {
    /// The channel.
    pub channel: String,
    /// The agent's uid in it.
    pub agent_rtc_uid: String,
}

/// Lists the rooms of a (hypothetical) Whiteboard-style service on its
/// fixed host, with a `token` and `region` header.
#[derive(Debug, Clone, Endpoint)]
#[endpoint(GET, "/v5/beta/rooms", response = (), host = "https://api.netless.link")]
#[auth(whiteboard_token)]
pub struct ListBetaRooms {}
