//! Interval snapshots, standard and custom: a setting per entry point
//! and region, answered as set, with Agora's defaults (off, every 10 s,
//! no moderation) before the first.

use agora_api::media_broadcast::{
    DEFAULT_SNAPSHOT_INTERVAL, FlsRegion, FlsStorageConfig, GetCustomSnapshotConfig,
    GetStandardSnapshotConfig, SetCustomSnapshotConfig, SetStandardSnapshotConfig,
    SnapshotInterval,
};
use serde_json::{Value, json};

use super::MediaBroadcast;
use super::media::{Kind, done, region, scope, settings, storage_json};
use crate::product::{Routes, Store};
use crate::reply::{Handled, Reply};

pub(super) fn register(routes: &mut Routes<MediaBroadcast>) {
    routes
        .on::<SetStandardSnapshotConfig>(|store, call| {
            let r = &call.request;
            let setting = Setting {
                enabled: r.enabled,
                interval: r.snapshot_interval,
                moderation: r.enable_moderation,
                storage: None,
            };
            set(
                store,
                Kind::Standard,
                (r.appid.as_str(), r.entry_point.as_str(), &r.region),
                setting,
            )
        })
        .on::<SetCustomSnapshotConfig>(|store, call| {
            let r = &call.request;
            let setting = Setting {
                enabled: r.enabled,
                interval: r.snapshot_interval,
                moderation: r.enable_moderation,
                storage: r.storage_config.as_ref(),
            };
            set(
                store,
                Kind::Custom,
                (r.appid.as_str(), r.entry_point.as_str(), &r.region),
                setting,
            )
        })
        .on::<GetStandardSnapshotConfig>(|store, call| {
            let r = &call.request;
            get(
                store,
                Kind::Standard,
                (r.appid.as_str(), r.entry_point.as_str(), &r.region),
            )
        })
        .on::<GetCustomSnapshotConfig>(|store, call| {
            let r = &call.request;
            get(
                store,
                Kind::Custom,
                (r.appid.as_str(), r.entry_point.as_str(), &r.region),
            )
        });
}

/// (App ID, entry point, region) of a call.
type At<'a> = (&'a str, &'a str, &'a FlsRegion);

/// What a set call sends.
struct Setting<'a> {
    enabled: bool,
    interval: Option<SnapshotInterval>,
    moderation: Option<bool>,
    storage: Option<&'a FlsStorageConfig>,
}

fn defaults() -> Value {
    json!({
        "enabled": false,
        "snapshotInterval": DEFAULT_SNAPSHOT_INTERVAL,
        "enableModeration": false,
    })
}

fn set(
    store: &mut Store<'_, MediaBroadcast>,
    kind: Kind,
    (app, entry_point, at): At<'_>,
    setting: Setting<'_>,
) -> Handled {
    let region = region(at)?;
    let scope = scope(store, app, entry_point)?;
    let stored = settings(store)
        .snapshots
        .entry((scope, kind, region))
        .or_insert_with(defaults);
    if let Some(object) = stored.as_object_mut() {
        object.insert("enabled".into(), json!(setting.enabled));
        if let Some(interval) = setting.interval {
            object.insert("snapshotInterval".into(), json!(interval.get()));
        }
        if let Some(moderation) = setting.moderation {
            object.insert("enableModeration".into(), json!(moderation));
        }
        if let Some(storage) = setting.storage {
            object.insert("storageConfig".into(), storage_json(storage));
        }
    }
    Ok(done())
}

fn get(
    store: &mut Store<'_, MediaBroadcast>,
    kind: Kind,
    (app, entry_point, at): At<'_>,
) -> Handled {
    let region = region(at)?;
    let scope = scope(store, app, entry_point)?;
    let setting = settings(store)
        .snapshots
        .get(&(scope, kind, region))
        .cloned()
        .unwrap_or_else(defaults);
    Ok(Reply::ok(setting))
}
