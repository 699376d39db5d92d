//! Media Broadcast (fls): domains, entry points and their settings,
//! banned and delayed streams, online streams and their reports.
//!
//! * Every call is HMAC-SHA256 signed (the pipeline checks the signature
//!   before a handler runs). Errors are `{"message": ...}` with the
//!   statuses Agora lists for the product: `400` for a parameter Agora
//!   refuses (a rule broken, a name already added, deleting `live`),
//!   `404` for an App ID that is no project of the account, an entry
//!   point or domain that does not exist, or a stream that is not online.
//! * Every project has the entry point `live` from the start; others are
//!   added and deleted. An entry point keeps its settings (pull-from-origin,
//!   transfer, and whatever else is set per entry point) in one store,
//!   dropped with it.
//! * Streams are pushed and stopped by tests ([`FlsSeed`]). A banned
//!   stream is cut off and refused until its `resumeTime` (default: seven
//!   days after the ban) or an unban. An ended push is a publish-history
//!   record; every minute of a push has a stable quality record (kept six
//!   days) and a stable viewer count.
//! * Creates answer `201`: a domain with its CNAME and a fresh `authKey`,
//!   an entry point with no body. Other changes answer `200` with no body;
//!   unbanning a stream that is not banned, and cancelling a lag that is
//!   not set, succeed.
//! * Per entry point and region, the media settings ([`media`]):
//!   watermark templates, standard and custom recording (automatic for
//!   every stream or per stream, with files, clips and snapshots cut from
//!   them), interval snapshots and transcoding templates.

use std::collections::BTreeMap;
use std::time::SystemTime;

use agora_api::InvalidInput;
use agora_api::media_broadcast::{
    AddDomain, AddEntryPoint, BanStream, CancelStreamDelay, DeleteDomain, DeleteEntryPoint,
    GetDomain, GetOnlineStream, GetOriginAuth, GetOriginSite, GetPlayStatistics, GetPublishHistory,
    GetPublishQuality, GetTransfer, ListBannedStreams, ListDomains, ListEntryPoints,
    ListOnlineStreams, SetDomainAuthKey, SetOriginAuth, SetOriginSite, SetStreamDelay, SetTransfer,
    UnbanStream,
};
use agora_api::registry::EndpointInfo;
use serde_json::{Value, json};

use crate::clock::unix_secs;
use crate::product::{Product, Registration, Routes, Store};
use crate::reply::{Fail, Reply};

mod domains;
mod media;
mod recording;
mod recording_files;
mod reports;
mod seed;
mod settings;
mod snapshots;
mod streams;
mod transcoding;
mod watermarks;

pub use seed::FlsSeed;

/// The Media Broadcast product.
#[derive(Debug)]
pub(crate) struct MediaBroadcast;

impl Product for MediaBroadcast {
    const MODULE: &'static str = "agora_api::media_broadcast";
    type State = Broadcasts;

    fn register(routes: &mut Routes<Self>) {
        routes
            .on::<AddDomain>(domains::add_domain)
            .on::<DeleteDomain>(domains::delete_domain)
            .on::<ListDomains>(domains::list_domains)
            .on::<GetDomain>(domains::get_domain)
            .on::<SetDomainAuthKey>(domains::set_auth_key)
            .on::<AddEntryPoint>(domains::add_entry_point)
            .on::<DeleteEntryPoint>(domains::delete_entry_point)
            .on::<ListEntryPoints>(domains::list_entry_points)
            .on::<BanStream>(streams::ban)
            .on::<UnbanStream>(streams::unban)
            .on::<ListBannedStreams>(streams::list_banned)
            .on::<SetStreamDelay>(streams::set_delay)
            .on::<CancelStreamDelay>(streams::cancel_delay)
            .on::<ListOnlineStreams>(streams::list_online)
            .on::<GetOnlineStream>(streams::get_online)
            .on::<GetPublishHistory>(reports::publish_history)
            .on::<GetPublishQuality>(reports::publish_quality)
            .on::<GetPlayStatistics>(reports::play_statistics)
            .on::<SetOriginAuth>(settings::set_origin_auth)
            .on::<GetOriginAuth>(settings::get_origin_auth)
            .on::<SetOriginSite>(settings::set_origin_site)
            .on::<GetOriginSite>(settings::get_origin_site)
            .on::<SetTransfer>(settings::set_transfer)
            .on::<GetTransfer>(settings::get_transfer);
        // Watermarks, recording, snapshots and transcoding templates.
        media::register(routes);
    }

    /// `400 {"message": "invalid `field`: rule"}`.
    fn invalid(_info: &'static EndpointInfo, _request_id: &str, error: &InvalidInput) -> Reply {
        message(400, &error.to_string())
    }

    fn unsupported_media_type(_request_id: &str) -> Reply {
        Reply::unsupported_media_type()
    }

    /// Bans end at their `resumeTime`.
    fn tick(store: &mut Store<'_, Self>, now: SystemTime) {
        let now = unix_now(now);
        for app in store.own.apps.values_mut() {
            for entry_point in app.entry_points.values_mut() {
                entry_point.banned.retain(|_, ban| ban.until > now);
            }
        }
    }
}

inventory::submit! { Registration::of::<MediaBroadcast>() }

/// The default entry point of every project.
pub(crate) const LIVE: &str = "live";

/// Every project's Media Broadcast resources, by App ID.
#[derive(Debug, Default)]
pub(crate) struct Broadcasts {
    apps: BTreeMap<String, FlsApp>,
    /// The entry points' media settings: watermarks, recording tasks and
    /// files, snapshots, transcoding templates (`media.rs`).
    pub(crate) media: media::MediaSettings,
}

/// One project's domains, entry points and origin authentication.
#[derive(Debug)]
pub(crate) struct FlsApp {
    /// The domains, by name, as answered.
    domains: BTreeMap<String, Value>,
    /// The entry points, by name; `live` from the start.
    entry_points: BTreeMap<String, EntryPoint>,
    /// The origin authentication configuration, as set.
    origin_auth: Option<Value>,
}

impl Default for FlsApp {
    fn default() -> Self {
        FlsApp {
            domains: BTreeMap::new(),
            entry_points: BTreeMap::from([(LIVE.to_owned(), EntryPoint::default())]),
            origin_auth: None,
        }
    }
}

/// One entry point: its settings and its streams.
#[derive(Debug, Default)]
pub(crate) struct EntryPoint {
    /// Settings by name (`origin_site`, `transfer`, ...), as set.
    settings: BTreeMap<String, Value>,
    /// Banned streams by name.
    banned: BTreeMap<String, Ban>,
    /// Time lags by stream name, seconds.
    delays: BTreeMap<String, u16>,
    /// Every push of each stream, oldest first; the last is open while
    /// the stream is online.
    pushes: BTreeMap<String, Vec<Push>>,
}

/// A ban, until a Unix time.
#[derive(Debug, Clone)]
struct Ban {
    /// `resumeTime` as given (or made).
    resume_time: String,
    until: i64,
}

/// One push of a stream: Unix seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Push {
    pub(crate) start: i64,
    /// `None` while it goes on.
    pub(crate) end: Option<i64>,
}

impl EntryPoint {
    /// When the stream's current push began, if it is online.
    fn online_since(&self, stream: &str) -> Option<i64> {
        self.pushes
            .get(stream)
            .and_then(|pushes| pushes.last())
            .filter(|push| push.end.is_none())
            .map(|push| push.start)
    }

    /// Ends the stream's current push at `now`, if it is online.
    fn stop(&mut self, stream: &str, now: i64) {
        if let Some(push) = self
            .pushes
            .get_mut(stream)
            .and_then(|pushes| pushes.last_mut())
            .filter(|push| push.end.is_none())
        {
            push.end = Some(now.max(push.start));
        }
    }
}

impl Broadcasts {
    /// Whether project `app` has entry point `name` (`live` always): the
    /// question the recording, snapshot, transcoding and watermark
    /// settings ask before they store anything.
    #[allow(dead_code, reason = "asked by the settings of other files")]
    pub(crate) fn entry_point_exists(&self, app: &str, name: &str) -> bool {
        match self.apps.get(app) {
            Some(resources) => resources.entry_points.contains_key(name),
            None => name == LIVE,
        }
    }

    /// The setting `key` of an entry point, as last set.
    #[allow(dead_code, reason = "the per-entry-point store the other settings use")]
    pub(crate) fn setting(&self, app: &str, entry_point: &str, key: &str) -> Option<&Value> {
        self.apps
            .get(app)?
            .entry_points
            .get(entry_point)?
            .settings
            .get(key)
    }

    /// Sets `key` of an entry point; `false` when it does not exist.
    #[allow(dead_code, reason = "the per-entry-point store the other settings use")]
    pub(crate) fn set_setting(
        &mut self,
        app: &str,
        entry_point: &str,
        key: &str,
        value: Value,
    ) -> bool {
        match self.app(app).entry_points.get_mut(entry_point) {
            Some(found) => {
                found.settings.insert(key.to_owned(), value);
                true
            }
            None => false,
        }
    }

    fn app(&mut self, app: &str) -> &mut FlsApp {
        self.apps.entry(app.to_owned()).or_default()
    }
}

/// `status` with `{"message": text}`.
pub(crate) fn message(status: u16, text: &str) -> Reply {
    Reply::json(status, json!({ "message": text }))
}

/// `status` with no body.
pub(crate) fn empty(status: u16) -> Reply {
    Reply {
        status,
        headers: Vec::new(),
        body: Vec::new(),
    }
}

/// The project `app_id`'s resources; `404` when it is no project of the
/// account.
pub(crate) fn project<'s>(
    store: &'s mut Store<'_, MediaBroadcast>,
    app_id: &str,
) -> Result<&'s mut FlsApp, Fail> {
    if store.account.project_of_app(app_id).is_none() {
        return Err(Fail::Reply(message(
            404,
            &format!("appid {app_id} is not a project of this account"),
        )));
    }
    Ok(store.own.app(app_id))
}

/// An entry point of the project; `404` when either does not exist.
pub(crate) fn entry_point<'s>(
    store: &'s mut Store<'_, MediaBroadcast>,
    app_id: &str,
    name: &str,
) -> Result<&'s mut EntryPoint, Fail> {
    project(store, app_id)?
        .entry_points
        .get_mut(name)
        .ok_or_else(|| Fail::Reply(message(404, &format!("entry point {name} does not exist"))))
}

/// Unix seconds of `now`.
pub(crate) fn unix_now(now: SystemTime) -> i64 {
    i64::try_from(unix_secs(now)).unwrap_or(i64::MAX)
}
