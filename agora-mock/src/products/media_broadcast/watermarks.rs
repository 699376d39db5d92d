//! Watermarks: set as a whole list, listed as set.

use agora_api::media_broadcast::{CreateWatermarkTemplates, ListWatermarkTemplates};
use serde_json::json;

use super::MediaBroadcast;
use super::media::{done, scope, settings};
use crate::product::{Call, Routes, Store};
use crate::reply::{Handled, Reply};

pub(super) fn register(routes: &mut Routes<MediaBroadcast>) {
    routes
        .on::<CreateWatermarkTemplates>(create)
        .on::<ListWatermarkTemplates>(list);
}

fn create(
    store: &mut Store<'_, MediaBroadcast>,
    call: &Call<'_, CreateWatermarkTemplates>,
) -> Handled {
    let request = &call.request;
    let scope = scope(store, request.appid.as_str(), request.entry_point.as_str())?;
    settings(store)
        .watermarks
        .insert(scope, request.water_mark_set.clone());
    Ok(done())
}

fn list(store: &mut Store<'_, MediaBroadcast>, call: &Call<'_, ListWatermarkTemplates>) -> Handled {
    let request = &call.request;
    let scope = scope(store, request.appid.as_str(), request.entry_point.as_str())?;
    let set = settings(store)
        .watermarks
        .get(&scope)
        .cloned()
        .unwrap_or_default();
    Ok(Reply::ok(json!({ "waterMarkSet": set })))
}
