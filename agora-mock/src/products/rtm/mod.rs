//! Real-time Messaging (Signaling): peer and channel messages, user and
//! channel events, the 2.x message history and the legacy 1.x history.
//!
//! Who is online and in which channel comes from the tests
//! ([`MockServer::rtm`](crate::MockServer::rtm)): logging in and out,
//! joining and leaving make the events `user_events` / `channel_events`
//! hand out (each once: fetching removes them; at most 2 000 kept, 1 000
//! per answer). A peer message to a user who is offline answers
//! `message_offline`. Messages sent with `enable_historical_messaging` are
//! what both history APIs find.
//!
//! With token auth a message can only be sent as the token's user: another
//! sender in the path is `401`. Errors use Signaling's body
//! `{"errorCode", "error": true, "requestId", "reason"}` and its codes (400
//! invalid request, 401 authentication, 403 invalid App ID, 404, 415).

#![allow(deprecated)]

use std::collections::{BTreeMap, HashMap};

use agora_api::registry::EndpointInfo;
use agora_api::rtm::{
    CountHistoryMessages, CreateHistoryQuery, GetChannelEvents, GetHistoryQueryResult,
    GetMessageHistory, GetUserEvents, SendChannelMessage, SendPeerMessage,
};
use agora_api::{AppId, Endpoint, InvalidInput};
use serde_json::json;

use crate::auth::Principal;
use crate::product::{Call, Product, Registration, Routes, Store};
use crate::reply::{Fail, JSON_ONLY, Reply};

mod events;
mod history;
mod legacy_history;
mod messages;
mod seed;
mod state;

pub use seed::{Message, MessageKind, RtmSeed};
use state::{LegacyHistoryQuery, Rtm};

/// The Signaling (RTM) product.
#[derive(Debug)]
pub(crate) struct Signaling;

impl Product for Signaling {
    const MODULE: &'static str = "agora_api::rtm";
    type State = SignalingState;

    fn register(routes: &mut Routes<Self>) {
        routes
            .on::<SendPeerMessage>(messages::send_peer)
            .on::<SendChannelMessage>(messages::send_channel)
            .on::<GetUserEvents>(events::user_events)
            .on::<GetChannelEvents>(events::channel_events)
            .on::<GetMessageHistory>(history::history)
            .on::<CreateHistoryQuery>(legacy_history::create_query)
            .on::<GetHistoryQueryResult>(legacy_history::query_result)
            .on::<CountHistoryMessages>(legacy_history::count);
    }

    /// `400`, invalid request.
    fn invalid(_info: &'static EndpointInfo, request_id: &str, error: &InvalidInput) -> Reply {
        self::error(request_id, 400, error.to_string())
    }

    /// `415`.
    fn unsupported_media_type(request_id: &str) -> Reply {
        self::error(request_id, 415, JSON_ONLY)
    }

    /// Signaling's `429` body.
    fn rate_limited(request_id: &str) -> Reply {
        self::error(request_id, 429, "rate limit exceeded")
    }

    /// Signaling's body: `401` for a token refused, `403` for an App ID
    /// that is no project of the account.
    fn token_refused(request_id: &str, status: u16, reason: &str) -> Reply {
        self::error(request_id, status, reason)
    }
}

inventory::submit! { Registration::of::<Signaling>() }

/// The Signaling state of the account: per App ID, and the legacy history
/// queries by handle.
#[derive(Debug, Default)]
pub(crate) struct SignalingState {
    apps: BTreeMap<String, Rtm>,
    history_queries: HashMap<String, LegacyHistoryQuery>,
}

impl SignalingState {
    /// The state of `app_id` (whether or not it is a project: seeding may
    /// come before the project exists).
    fn app_entry(&mut self, app_id: &str) -> &mut Rtm {
        self.apps.entry(app_id.to_owned()).or_default()
    }
}

/// Signaling's error body.
fn error(request_id: &str, status: u16, reason: impl Into<String>) -> Reply {
    Reply::json(
        status,
        json!({
            "errorCode": status,
            "error": true,
            "requestId": request_id,
            "reason": reason.into(),
        }),
    )
}

/// `403`: the App ID is not a project of the account.
fn unknown_app<E>(call: &Call<'_, E>) -> Fail {
    Fail::Reply(error(call.request_id, 403, "App ID invalid"))
}

/// The Signaling state of `appid`, if it is a live project of the
/// account.
fn rtm<'s, E>(
    store: &'s mut Store<'_, Signaling>,
    call: &Call<'_, E>,
    appid: &AppId,
) -> Result<&'s mut Rtm, Fail> {
    if store.account.project_of_app(appid.as_str()).is_none() {
        return Err(unknown_app(call));
    }
    Ok(store.own.app_entry(appid.as_str()))
}

/// With token auth, the user a request acts as (its `#[endpoint(sender)]`)
/// must be the token's user: Agora accepts messages only from the user the
/// token was generated for.
fn check_sender<E: Endpoint>(call: &Call<'_, E>, endpoint: &E) -> Result<(), Fail> {
    if let (Principal::RtmUser(user), Some((field, sender))) = (call.principal, endpoint.sender())
        && sender != user
    {
        return Err(Fail::Reply(error(
            call.request_id,
            401,
            format!(
                "{field} {sender:?} is not the user the token was generated for: with token authentication, messages can be sent only as that user"
            ),
        )));
    }
    Ok(())
}
