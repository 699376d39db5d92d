//! Interactive Whiteboard (Netless): one team with the emulator's access
//! key pair, its tokens, rooms with their scene trees, screenshots, and
//! file-conversion tasks that progress with the emulator's clock.
//!
//! * Every call but [`GenerateSdkToken`] carries a `token` header,
//!   verified by the gateway (signed with the team's access key pair, not
//!   expired); each handler then checks it is the kind and role the
//!   endpoint needs, and for a room or task token that it is that room's
//!   or task's ([`WhiteboardCall::TOKEN`], the same data the client
//!   holds): `403 {"message": ...}` otherwise.
//! * [`GenerateSdkToken`] checks the access key pair in its body (`401`
//!   when it is not the team's); room and task tokens are issued only by
//!   an SDK token whose role is at least the one asked for (`403`).
//!   Issued tokens expire `lifespan` milliseconds later by the emulator's
//!   clock (`0`: never).
//! * Rooms are listed oldest first; `beginUUID` is the page's first room
//!   (an unknown one answers an empty page). A room starts with the one
//!   scene `/init`, its current scene.
//! * Conversion tasks wait in one queue (at most 50), a second at least,
//!   and convert one at a time for four seconds each; a file whose host
//!   ends in `.invalid` fails (error `2050101`, `2110101` for static
//!   conversions). A finished task has three pages.
//! * Unknown rooms and tasks are `404`; Agora documents the error bodies
//!   as `{"message": ...}`, and the projector's codes (`2010605` task not
//!   found, `2010607` a running task cannot move, `2010203` a full queue)
//!   ride along as `code`.

mod conversion;
mod rooms;

use std::time::{Duration, SystemTime};

use agora_api::InvalidInput;
use agora_api::registry::EndpointInfo;
use agora_api::token::{
    ParsedWhiteboardToken, WhiteboardKeys, WhiteboardRole, WhiteboardTokenKind,
};
use agora_api::whiteboard::{
    GenerateRoomToken, GenerateSdkToken, GenerateTaskToken, Lifespan, TokenRole, WhiteboardCall,
};
use serde_json::json;

use crate::auth::Principal;
use crate::clock::unix_millis;
use crate::product::{Call, Product, Registration, Routes, Store};
use crate::reply::{Fail, Handled, Reply};

/// The Whiteboard product.
#[derive(Debug)]
pub(crate) struct Whiteboard;

impl Product for Whiteboard {
    const MODULE: &'static str = "agora_api::whiteboard";
    type State = Team;

    fn register(routes: &mut Routes<Self>) {
        routes
            .on::<GenerateSdkToken>(sdk_token)
            .on::<GenerateRoomToken>(room_token)
            .on::<GenerateTaskToken>(task_token);
        rooms::register(routes);
        conversion::register(routes);
    }

    /// `400 {"message": "invalid `field`: rule"}`.
    fn invalid(_info: &'static EndpointInfo, _request_id: &str, error: &InvalidInput) -> Reply {
        message(400, &error.to_string())
    }

    fn unsupported_media_type(_request_id: &str) -> Reply {
        Reply::unsupported_media_type()
    }

    /// Conversion tasks move through the queue.
    fn tick(store: &mut Store<'_, Self>, now: SystemTime) {
        store.own.queue.advance(now);
    }
}

inventory::submit! { Registration::of::<Whiteboard>() }

/// The team: its identifiers, rooms and conversion tasks.
#[derive(Debug, Default)]
pub(crate) struct Team {
    /// `teamUUID` and `appUUID`, made on first use.
    ids: Option<(String, String)>,
    rooms: Vec<rooms::Room>,
    queue: conversion::Queue,
}

impl Team {
    /// `teamUUID` and `appUUID`.
    fn ids(&mut self, rng: &mut crate::ids::Rng) -> (String, String) {
        self.ids
            .get_or_insert_with(|| (rng.base64url(10), rng.base64url(11)))
            .clone()
    }
}

/// `{"message": text}` with `status`.
fn message(status: u16, text: &str) -> Reply {
    Reply::json(status, json!({ "message": text }))
}

/// `{"code": code, "message": text}` with `status`: a projector error.
fn coded(status: u16, code: u32, text: &str) -> Fail {
    Fail::Reply(Reply::json(
        status,
        json!({ "code": code, "message": text }),
    ))
}

/// Refuses the call unless its token is one `E` takes: the right kind,
/// role and room or task. Returns the token's role.
fn admitted<E: WhiteboardCall>(call: &Call<'_, E>) -> Result<Option<WhiteboardRole>, Fail> {
    let Principal::WhiteboardUser { kind, role, uuid } = call.principal else {
        return Err(Fail::Reply(message(401, "a Whiteboard token is required")));
    };
    E::TOKEN
        .admits_holder(*kind, *role, uuid.as_deref(), call.request.token_subject())
        .map_err(|rule| Fail::Reply(message(403, &format!("the token {rule}"))))?;
    Ok(*role)
}

/// A token of `kind` issued with the team's keys, expiring `lifespan`
/// after `now` by the emulator's clock.
fn issue(
    keys: &WhiteboardKeys,
    rng: &mut crate::ids::Rng,
    kind: WhiteboardTokenKind,
    uuid: Option<&str>,
    role: TokenRole,
    lifespan: Lifespan,
    now: SystemTime,
) -> Reply {
    let expire_at = lifespan
        .duration()
        .map(|lifespan| unix_millis(now).saturating_add(millis(lifespan)));
    let nonce = rng.hex(32);
    let token = keys.issue_with(kind, uuid, role.into(), expire_at, &nonce);
    Reply::json(201, json!(token.expose_secret()))
}

fn millis(duration: Duration) -> u64 {
    u64::try_from(duration.as_millis()).unwrap_or(u64::MAX)
}

/// The team's access key pair (always there: the server sets it).
fn team_keys(store: &Store<'_, Whiteboard>) -> Result<WhiteboardKeys, Fail> {
    store
        .account
        .whiteboard_keys
        .clone()
        .ok_or_else(|| Fail::Reply(message(500, "the emulator has no whiteboard project")))
}

fn sdk_token(store: &mut Store<'_, Whiteboard>, call: &Call<'_, GenerateSdkToken>) -> Handled {
    let request = &call.request;
    let keys = &team_keys(store)?;
    // The pair is the team's when a token it signs verifies with the
    // team's keys: the secret is never compared as text.
    let presented = WhiteboardKeys::new(
        request.access_key.as_str(),
        request.secret_access_key.clone(),
    )?;
    let probe = presented.issue_with(
        WhiteboardTokenKind::Sdk,
        None,
        WhiteboardRole::Reader,
        None,
        "probe",
    );
    let genuine = ParsedWhiteboardToken::parse(probe.expose_secret())
        .is_ok_and(|parsed| parsed.verify(keys).is_ok());
    if !genuine {
        return Err(Fail::Reply(message(
            401,
            "the access key pair is not this team's",
        )));
    }
    Ok(issue(
        keys,
        &mut store.account.rng,
        WhiteboardTokenKind::Sdk,
        None,
        request.role,
        request.lifespan,
        call.now,
    ))
}

/// Refuses to issue `asked` with a token of `held`: a token never grants
/// more than its issuer holds.
fn within(held: Option<WhiteboardRole>, asked: TokenRole) -> Result<(), Fail> {
    let asked = WhiteboardRole::from(asked);
    if held.is_some_and(|held| held.allows(asked)) {
        Ok(())
    } else {
        Err(Fail::Reply(message(
            403,
            "the SDK token's role is below the role asked for",
        )))
    }
}

fn room_token(store: &mut Store<'_, Whiteboard>, call: &Call<'_, GenerateRoomToken>) -> Handled {
    let held = admitted(call)?;
    let request = &call.request;
    within(held, request.role)?;
    Ok(issue(
        &team_keys(store)?,
        &mut store.account.rng,
        WhiteboardTokenKind::Room,
        Some(request.uuid.as_str()),
        request.role,
        request.lifespan,
        call.now,
    ))
}

fn task_token(store: &mut Store<'_, Whiteboard>, call: &Call<'_, GenerateTaskToken>) -> Handled {
    let held = admitted(call)?;
    let request = &call.request;
    within(held, request.role)?;
    let keys = team_keys(store)?;
    if let Some(ak) = &request.ak
        && ak.as_str() != keys.access_key()
    {
        return Err(Fail::Reply(message(400, "ak is not the team's access key")));
    }
    Ok(issue(
        &keys,
        &mut store.account.rng,
        WhiteboardTokenKind::Task,
        Some(request.uuid.as_str()),
        request.role,
        request.lifespan,
        call.now,
    ))
}
