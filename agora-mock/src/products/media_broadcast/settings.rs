//! Origin authentication (per project), pull-from-origin and transfer
//! (per entry point, in the entry point's settings store). A setting
//! never set reads as off.

use agora_api::media_broadcast::{
    GetOriginAuth, GetOriginSite, GetTransfer, SetOriginAuth, SetOriginSite, SetTransfer,
};
use serde_json::{Map, Value, json};

use super::{MediaBroadcast, empty, entry_point, project};
use crate::product::{Call, Store};
use crate::reply::{Handled, Reply};

/// The settings store's key of pull-from-origin.
const ORIGIN_SITE: &str = "origin_site";
/// The settings store's key of transfer.
const TRANSFER: &str = "transfer";

/// The members of `pairs` that are set, as a JSON object.
fn members(pairs: &[(&str, Option<Value>)]) -> Value {
    let map: Map<String, Value> = pairs
        .iter()
        .filter_map(|(name, value)| Some(((*name).to_owned(), value.clone()?)))
        .collect();
    Value::Object(map)
}

/// Merges `changes` into the setting `key` of an entry point, after
/// dropping the members named in `cleared`: members left out keep their
/// value.
fn update_setting(
    store: &mut Store<'_, MediaBroadcast>,
    (app, name): (&str, &str),
    key: &str,
    changes: Value,
    cleared: &[&str],
) -> Handled {
    let entry = entry_point(store, app, name)?;
    let mut setting = entry
        .settings
        .get(key)
        .cloned()
        .unwrap_or_else(|| json!({ "enabled": false }));
    if let (Some(current), Value::Object(changes)) = (setting.as_object_mut(), changes) {
        current.retain(|member, _| !cleared.contains(&member.as_str()));
        current.extend(changes);
    }
    entry.settings.insert(key.to_owned(), setting);
    Ok(empty(200))
}

fn read_setting(
    store: &mut Store<'_, MediaBroadcast>,
    app: &str,
    name: &str,
    key: &str,
) -> Handled {
    let entry = entry_point(store, app, name)?;
    let setting = entry
        .settings
        .get(key)
        .cloned()
        .unwrap_or_else(|| json!({ "enabled": false }));
    Ok(Reply::ok(setting))
}

pub(super) fn set_origin_auth(
    store: &mut Store<'_, MediaBroadcast>,
    call: &Call<'_, SetOriginAuth>,
) -> Handled {
    let request = &call.request;
    let configuration = members(&[
        ("enabled", Some(json!(request.enabled))),
        ("url", request.url.as_ref().map(|url| json!(url.as_str()))),
        (
            "secret",
            request.secret.as_ref().map(|secret| json!(secret.expose())),
        ),
    ]);
    project(store, request.appid.as_str())?.origin_auth = Some(configuration);
    Ok(empty(200))
}

pub(super) fn get_origin_auth(
    store: &mut Store<'_, MediaBroadcast>,
    call: &Call<'_, GetOriginAuth>,
) -> Handled {
    let app = project(store, call.request.appid.as_str())?;
    Ok(Reply::ok(
        app.origin_auth
            .clone()
            .unwrap_or_else(|| json!({ "enabled": false })),
    ))
}

pub(super) fn set_origin_site(
    store: &mut Store<'_, MediaBroadcast>,
    call: &Call<'_, SetOriginSite>,
) -> Handled {
    let request = &call.request;
    let changes = members(&[
        ("enabled", request.enabled.map(|enabled| json!(enabled))),
        (
            "domain",
            request.domain.as_ref().map(|domain| json!(domain.as_str())),
        ),
        ("app", request.app.as_ref().map(|app| json!(app.as_str()))),
        (
            "callbackUrl",
            request.callback_url.as_ref().map(|url| json!(url.as_str())),
        ),
    ]);
    // Direct and dynamic pull exclude each other: setting one drops the
    // other.
    let cleared: &[&str] = if request.domain.is_some() {
        &["callbackUrl", "app"]
    } else if request.callback_url.is_some() {
        &["domain", "app"]
    } else {
        &[]
    };
    update_setting(
        store,
        (request.appid.as_str(), request.entry_point.as_str()),
        ORIGIN_SITE,
        changes,
        cleared,
    )
}

pub(super) fn get_origin_site(
    store: &mut Store<'_, MediaBroadcast>,
    call: &Call<'_, GetOriginSite>,
) -> Handled {
    let request = &call.request;
    read_setting(
        store,
        request.appid.as_str(),
        request.entry_point.as_str(),
        ORIGIN_SITE,
    )
}

pub(super) fn set_transfer(
    store: &mut Store<'_, MediaBroadcast>,
    call: &Call<'_, SetTransfer>,
) -> Handled {
    let request = &call.request;
    let changes = members(&[
        ("enabled", request.enabled.map(|enabled| json!(enabled))),
        (
            "callbackUrl",
            request.callback_url.as_ref().map(|url| json!(url.as_str())),
        ),
    ]);
    update_setting(
        store,
        (request.appid.as_str(), request.entry_point.as_str()),
        TRANSFER,
        changes,
        &[],
    )
}

pub(super) fn get_transfer(
    store: &mut Store<'_, MediaBroadcast>,
    call: &Call<'_, GetTransfer>,
) -> Handled {
    let request = &call.request;
    read_setting(
        store,
        request.appid.as_str(),
        request.entry_point.as_str(),
        TRANSFER,
    )
}
