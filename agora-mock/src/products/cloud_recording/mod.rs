//! Cloud Recording: acquire -> start -> query / update / updateLayout ->
//! stop, with Agora's documented status codes.
//!
//! * A resource ID is valid for five minutes (by the server's clock) and
//!   serves one session: `start` after that is `400` code 433, a second
//!   `start` on it `201` code 7 "already started", a running task with the
//!   same `cname` and `uid` `400` code 53 "task conflict"; `cname`, `uid`,
//!   the mode's scene and the acquire's `startParameter` must match (code
//!   432).
//! * `query`, `update`, `updateLayout` and `stop` answer `404` code 404
//!   "failed to find worker" for an unknown or finished session; a second
//!   `stop` is `400` code 49; `updateLayout` serves `mix` sessions only.
//! * Outside `web` mode the recorder leaves by itself when nobody has sent
//!   a stream for `maxIdleTime` seconds (default 30; then `404`, Agora's
//!   most asked-about answer), and `stop` of a session that never saw a
//!   stream is `206` code 435 "no recorded data". Sessions end after
//!   `resourceExpiredHour`; web page recording after `maxRecordingHour`.
//! * `stop` returns the file list (M3U8/MP4 names in Agora's patterns).

use std::collections::{BTreeSet, HashMap};
use std::time::{Duration, SystemTime};

use agora_api::cloud_recording::{
    Acquire, GetNcsIps, Query, RecordingMode, Start, StartClientRequest, Stop, Update, UpdateLayout,
};
use agora_api::registry::EndpointInfo;
use agora_api::{Endpoint, InvalidInput};
use serde_json::json;

use crate::product::{Call, Product, Registration, Routes, Store};
use crate::reply::{Fail, Handled, JSON_ONLY, Reply};

mod control;
mod events;
mod files;
mod start;

/// How long a resource ID from `acquire` may be used by `start`.
const RESOURCE_LIFETIME: Duration = Duration::from_secs(5 * 60);
/// Agora's default `resourceExpiredHour`.
const DEFAULT_RESOURCE_EXPIRED_HOUR: u64 = 72;
/// Agora's default `maxIdleTime`, seconds.
const DEFAULT_MAX_IDLE_SECS: u64 = 30;

/// The Cloud Recording product.
#[derive(Debug)]
pub(crate) struct CloudRecording;

impl Product for CloudRecording {
    const MODULE: &'static str = "agora_api::cloud_recording";
    type State = Recordings;

    fn register(routes: &mut Routes<Self>) {
        routes
            .on::<Acquire>(start::acquire)
            .on::<Start>(start::start)
            .on::<Query>(control::query)
            .on::<Update>(control::update)
            .on::<UpdateLayout>(control::update_layout)
            .on::<Stop>(control::stop)
            .on::<GetNcsIps>(ncs_ips);
    }

    /// `400` code 2, "invalid request parameters", with the endpoint and
    /// the rule broken; `acquire` answers its own codes for a broken App
    /// ID (400 `invalid_appid`) or channel name (401
    /// `invalid_channel_name`).
    fn invalid(info: &'static EndpointInfo, _request_id: &str, error: &InvalidInput) -> Reply {
        match (info.name == Acquire::NAME, error.field()) {
            (true, "appid") => self::error(400, 400, "invalid_appid"),
            (true, "cname") => self::error(400, 401, "invalid_channel_name"),
            _ => self::error(400, 2, format!("{}: {error}", info.name)),
        }
    }

    /// `400` code 2 with the rule broken.
    fn malformed(_info: &'static EndpointInfo, _request_id: &str, error: &InvalidInput) -> Reply {
        self::error(400, 2, error.to_string())
    }

    /// Code 8, a header error.
    fn unsupported_media_type(_request_id: &str) -> Reply {
        self::error(400, 8, format!("http header error: {JSON_ONLY}"))
    }

    /// Unused resource IDs are forgotten an hour after they expired;
    /// recordings that ran out of time or sat idle leave their channel.
    fn tick(store: &mut Store<'_, Self>, now: SystemTime) {
        // An unused resource ID is kept for an hour after it expired, so
        // `start` can say "expired" rather than "unknown".
        store.own.resources.retain(|_, resource| {
            resource.sid.is_some() || resource.acquired + RESOURCE_LIFETIME * 13 > now
        });
        let channels = &store.account.channels;
        let mut exited = Vec::new();
        for session in store.own.sessions.values_mut() {
            if session.phase != Phase::Running {
                continue;
            }
            let expiry = Duration::from_secs(session.expired_hour * 3_600);
            if now >= session.started + expiry {
                session.phase = Phase::Exited;
                exited.push(session.sid.clone());
                continue;
            }
            if session.mode == RecordingMode::Web {
                if session
                    .max_recording()
                    .is_some_and(|limit| now >= session.started + limit)
                {
                    session.phase = Phase::Exited;
                    exited.push(session.sid.clone());
                }
                continue;
            }
            let recorder: Option<u32> = session.uid.parse().ok();
            let streamers: Vec<u32> = channels
                .get(&session.appid)
                .and_then(|channels| channels.get(&session.cname))
                .map(|channel| {
                    channel
                        .streamers()
                        .filter(|uid| Some(*uid) != recorder)
                        .collect()
                })
                .unwrap_or_default();
            if streamers.is_empty() {
                if now
                    .duration_since(session.last_streaming)
                    .unwrap_or_default()
                    > session.max_idle()
                {
                    session.phase = Phase::Exited;
                    exited.push(session.sid.clone());
                }
            } else {
                session.saw_streams = true;
                session.last_streaming = now;
                session.recorded_uids.extend(streamers);
            }
        }
        // Sessions that ended by themselves say so; their files are
        // reported only by `stop` in this emulator.
        for sid in exited {
            if let Some(session) = store.own.sessions.get_mut(&sid) {
                events::ended(store.account, session, None, now);
            }
        }
    }
}

inventory::submit! { Registration::of::<CloudRecording>() }

/// The resource IDs and sessions of the account.
#[derive(Debug, Default)]
pub(crate) struct Recordings {
    resources: HashMap<String, Resource>,
    sessions: HashMap<String, Session>,
}

/// A resource ID from `acquire`.
#[derive(Debug, Clone)]
struct Resource {
    appid: String,
    cname: String,
    uid: String,
    web: bool,
    acquired: SystemTime,
    expired_hour: u64,
    start_parameter: Option<serde_json::Value>,
    sid: Option<String>,
}

/// Where a recording session is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    Running,
    /// Stopped by `stop`: a second `stop` is code 49, anything else 404.
    Stopped,
    /// Left on its own (idle, time limit, resource expiry): 404.
    Exited,
}

/// A cloud recording session.
#[derive(Debug, Clone)]
struct Session {
    sid: String,
    resource_id: String,
    appid: String,
    mode: RecordingMode,
    cname: String,
    uid: String,
    started: SystemTime,
    expired_hour: u64,
    request: StartClientRequest,
    phase: Phase,
    /// Whether anyone sent a stream while it ran (else stop is 206/435).
    saw_streams: bool,
    /// Users whose streams were recorded, for the file list.
    recorded_uids: BTreeSet<u32>,
    last_streaming: SystemTime,
    onhold: bool,
    rtmp_urls: Vec<String>,
    layout: Option<serde_json::Value>,
    /// The next notification's `sequence`.
    events: u64,
}

impl Session {
    fn max_idle(&self) -> Duration {
        let secs = self
            .request
            .recording_config
            .as_ref()
            .and_then(|config| config.max_idle_time)
            .map_or(DEFAULT_MAX_IDLE_SECS, u64::from);
        Duration::from_secs(secs)
    }

    fn max_recording(&self) -> Option<Duration> {
        let hours = self
            .request
            .extension_service_config
            .as_ref()?
            .extension_services
            .iter()
            .find_map(|service| match &service.service_param {
                agora_api::cloud_recording::ServiceParam::WebRecorder(param) => {
                    Some(param.max_recording_hour)
                }
                _ => None,
            })?;
        Some(Duration::from_secs(u64::from(hours) * 3_600))
    }
}

/// `{"code": .., "reason": ..}` with `status`.
pub(super) fn error(status: u16, code: i64, reason: impl Into<String>) -> Reply {
    Reply::json(status, json!({ "code": code, "reason": reason.into() }))
}

pub(super) fn fail(status: u16, code: i64, reason: impl Into<String>) -> Fail {
    Fail::Reply(error(status, code, reason))
}

pub(super) fn no_worker() -> Fail {
    fail(404, 404, "failed to find worker")
}

/// The mode segment of a path must be one of the three modes.
pub(super) fn check_mode(mode: &RecordingMode) -> Result<(), InvalidInput> {
    if let RecordingMode::Other(other) = mode {
        return Err(InvalidInput::new(
            "mode",
            format!("must be individual, mix or web (got {other:?})"),
        ));
    }
    Ok(())
}

fn ncs_ips(_store: &mut Store<'_, CloudRecording>, _call: &Call<'_, GetNcsIps>) -> Handled {
    Ok(Reply::ok(crate::products::channel::ncs_hosts()))
}
