//! Real-Time STT: the legacy (v5/v6) builder tokens and tasks
//! ([`legacy`]).
//!
//! Errors are `{"message": ...}`. Agora documents no answer for an App ID
//! that is no project of the account: the emulator answers `404` with a
//! message saying so.

#![allow(deprecated)]

use std::time::SystemTime;

use agora_api::InvalidInput;
use agora_api::real_time_stt::{
    AcquireSttBuilderToken, QueryLegacySttTask, StartLegacySttTask, StopLegacySttTask,
    UpdateLegacySttTask,
};
use agora_api::registry::EndpointInfo;
use serde_json::json;

use crate::product::{Product, Registration, Routes, Store};
use crate::reply::Reply;

/// The v7 agents: their own product beside this one (their own state and
/// error shape).
mod agents;
mod legacy;

/// The Real-Time STT product.
#[derive(Debug)]
pub(crate) struct RealTimeStt;

/// What the product remembers.
#[derive(Debug, Default)]
pub(crate) struct SttState {
    /// The legacy (v5/v6) builder tokens and tasks.
    legacy: legacy::LegacyTasks,
}

impl Product for RealTimeStt {
    const MODULE: &'static str = "agora_api::real_time_stt";
    type State = SttState;

    fn register(routes: &mut Routes<Self>) {
        routes
            .on::<AcquireSttBuilderToken>(legacy::acquire_builder_token)
            .on::<StartLegacySttTask>(legacy::start)
            .on::<QueryLegacySttTask>(legacy::query)
            .on::<UpdateLegacySttTask>(legacy::update)
            .on::<StopLegacySttTask>(legacy::stop);
    }

    fn invalid(_info: &'static EndpointInfo, _request_id: &str, error: &InvalidInput) -> Reply {
        Reply::json(400, json!({ "message": error.to_string() }))
    }

    fn unsupported_media_type(_request_id: &str) -> Reply {
        Reply::unsupported_media_type()
    }

    fn tick(store: &mut Store<'_, Self>, now: SystemTime) {
        store.own.legacy.tick(store.account, now);
    }
}

inventory::submit! { Registration::of::<RealTimeStt>() }
