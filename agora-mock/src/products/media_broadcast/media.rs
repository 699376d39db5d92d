//! The settings of an entry point's live streams: what every handler of
//! this half of the product shares, its state ([`MediaSettings`]) and its
//! routes ([`register`]).
//!
//! * Every call names an entry point of a project of the account, else
//!   `404`; a region must be one Agora documents (`cn`, `ap`, `eu`,
//!   `na`), else `400`.
//! * Recording: a stream's task exists from its enable to its disable; a
//!   second enable answers `200` and changes nothing (a `PUT`). A stream
//!   cannot be enabled while recording of the whole entry point is on
//!   (`400`: Agora asks to turn it off first); setting a configuration
//!   turns it on. A standard task leaves a recording file, from its
//!   enable to its disable, which clips and snapshots are cut from and
//!   the file list shows; their file names are unique per stream
//!   (`400`).
//! * Custom recording needs `storageConfig` the first time a region is
//!   set (`400`).
//! * Custom transcoding templates: a name taken is `400`, an unknown one
//!   `404`. Creating one answers `200`, as the page's example shows.

use std::collections::{BTreeMap, BTreeSet};

use agora_api::InvalidInput;
use agora_api::media_broadcast::{FlsRegion, FlsStorageConfig, Watermark};
use serde_json::{Value, json};

use super::MediaBroadcast;
use crate::product::{Routes, Store};
use crate::reply::{Fail, Reply};

/// An entry point of a project: (App ID, entry point).
pub(super) type Scope = (String, String);

/// Standard or custom recording and snapshots.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Kind {
    Standard,
    Custom,
}

/// What one region's recording setting holds.
#[derive(Debug, Clone, Default)]
pub(super) struct RegionRecording {
    pub(super) mp4: Option<bool>,
    pub(super) hls: Option<bool>,
    pub(super) storage: Option<FlsStorageConfig>,
}

/// The recording of one entry point, standard or custom.
#[derive(Debug, Clone, Default)]
pub(super) struct Recording {
    /// Whether every stream is recorded.
    pub(super) auto: bool,
    /// The formats (and storage) by region code.
    pub(super) regions: BTreeMap<String, RegionRecording>,
}

/// A stream's recording task: (scope, kind, region code, stream).
pub(super) type TaskKey = (Scope, Kind, String, String);

/// A file a standard recording task left.
#[derive(Debug, Clone)]
pub(super) struct RecordedFile {
    pub(super) scope: Scope,
    pub(super) region: String,
    pub(super) stream: String,
    pub(super) file_name: String,
    pub(super) start: i64,
    pub(super) end: i64,
}

/// The settings of every entry point.
#[derive(Debug, Default)]
pub(crate) struct MediaSettings {
    pub(super) watermarks: BTreeMap<Scope, Vec<Watermark>>,
    pub(super) recording: BTreeMap<(Scope, Kind), Recording>,
    /// Running tasks, with when they were enabled (Unix seconds).
    pub(super) tasks: BTreeMap<TaskKey, i64>,
    pub(super) files: Vec<RecordedFile>,
    /// The clip and snapshot files made, by (scope, region, stream).
    pub(super) outputs: BTreeMap<(Scope, String, String), BTreeSet<String>>,
    /// Snapshot settings by (scope, kind, region code), as answered.
    pub(super) snapshots: BTreeMap<(Scope, Kind, String), Value>,
    /// Standard transcoding templates switched on or off.
    pub(super) standard_templates: BTreeMap<Scope, BTreeMap<String, bool>>,
    /// Custom transcoding templates, in creation order, as listed.
    pub(super) custom_templates: BTreeMap<Scope, Vec<Value>>,
}

/// Registers the handlers of this half of the product.
pub(super) fn register(routes: &mut Routes<MediaBroadcast>) {
    super::watermarks::register(routes);
    super::recording::register(routes);
    super::snapshots::register(routes);
    super::transcoding::register(routes);
}

/// The settings in `store`.
pub(super) fn settings<'s>(store: &'s mut Store<'_, MediaBroadcast>) -> &'s mut MediaSettings {
    &mut store.own.media
}

/// The entry point `entry_point` of `app`, which must exist: `404`
/// otherwise.
pub(super) fn scope(
    store: &Store<'_, MediaBroadcast>,
    app: &str,
    entry_point: &str,
) -> Result<Scope, Fail> {
    let known = store.account.project_of_app(app).is_some()
        && store.own.entry_point_exists(app, entry_point);
    if !known {
        return Err(not_found(&format!(
            "entry point {entry_point} does not exist"
        )));
    }
    Ok((app.to_owned(), entry_point.to_owned()))
}

/// The code of a documented region; `400` for any other.
pub(super) fn region(region: &FlsRegion) -> Result<String, Fail> {
    if let FlsRegion::Other(other) = region {
        return Err(Fail::Invalid(InvalidInput::new(
            "region",
            format!("must be one of cn, ap, eu, na (got {other:?})"),
        )));
    }
    Ok(region.as_str().to_owned())
}

/// `404 {"message": text}`.
pub(super) fn not_found(text: &str) -> Fail {
    Fail::Reply(Reply::gateway(404, text))
}

/// `400 {"message": text}`, for a request Agora refuses in the state it
/// finds.
pub(super) fn refused(text: &str) -> Fail {
    Fail::Reply(Reply::gateway(400, text))
}

/// `200` with an empty body.
pub(super) fn done() -> Reply {
    Reply {
        status: 200,
        headers: Vec::new(),
        body: Vec::new(),
    }
}

/// `{"enabled": on}` of a recording format, `false` when never set.
pub(super) fn switch(on: Option<bool>) -> Value {
    json!({ "enabled": on.unwrap_or(false) })
}

/// A storage as the get call echoes it (the secret too, as Agora's
/// example shows; the journal redacts it).
pub(super) fn storage_json(storage: &FlsStorageConfig) -> Value {
    json!({
        "accessKey": storage.access_key,
        "bucket": storage.bucket,
        "region": storage.region,
        "secretKey": storage.secret_key.expose(),
        "vendor": storage.vendor.value(),
    })
}
