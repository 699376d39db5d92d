//! Real-Time STT: the legacy (v5/v6) builder tokens.
//!
//! Documented behaviour kept: a new token per call (several per
//! instance), answered as `{tokenName, createTs,
//! instanceId}`; errors are `{"message": ...}`. Agora documents no answer
//! for an App ID that is no project of the account: the emulator answers
//! `404` with a message saying so.

#![allow(deprecated)]

use agora_api::InvalidInput;
use agora_api::real_time_stt::AcquireSttBuilderToken;
use agora_api::registry::EndpointInfo;
use serde_json::json;

use crate::clock::unix_secs;
use crate::product::{Call, Product, Registration, Routes, Store};
use crate::reply::{Fail, Handled, Reply};

/// The v7 agents: their own product beside this one (their own state and
/// error shape).
mod agents;

/// The Real-Time STT product. It keeps no state of its own yet: a token
/// is remembered once the task calls that take it are emulated.
#[derive(Debug)]
pub(crate) struct RealTimeStt;

impl Product for RealTimeStt {
    const MODULE: &'static str = "agora_api::real_time_stt";
    type State = ();

    fn register(routes: &mut Routes<Self>) {
        routes.on::<AcquireSttBuilderToken>(acquire_builder_token);
    }

    fn invalid(_info: &'static EndpointInfo, _request_id: &str, error: &InvalidInput) -> Reply {
        Reply::json(400, json!({ "message": error.to_string() }))
    }

    fn unsupported_media_type(_request_id: &str) -> Reply {
        Reply::unsupported_media_type()
    }
}

inventory::submit! { Registration::of::<RealTimeStt>() }

fn acquire_builder_token(
    store: &mut Store<'_, RealTimeStt>,
    call: &Call<'_, AcquireSttBuilderToken>,
) -> Handled {
    let request = &call.request;
    let app_id = request.app_id.as_str();
    if store.account.project_of_app(app_id).is_none() {
        return Err(Fail::Reply(Reply::json(
            404,
            json!({ "message": "appId is not a project of this account" }),
        )));
    }
    Ok(Reply::ok(json!({
        "tokenName": store.account.rng.alnum(32),
        "createTs": unix_secs(call.now),
        "instanceId": request.instance_id.as_str(),
    })))
}
