//! Domain names, their timestamp keys, and entry points.

use agora_api::media_broadcast::{
    AddDomain, AddEntryPoint, DeleteDomain, DeleteEntryPoint, DomainType, GetDomain, ListDomains,
    ListEntryPoints, SetDomainAuthKey,
};
use serde_json::{Value, json};

use super::{EntryPoint, LIVE, MediaBroadcast, empty, message, project};
use crate::product::{Call, Store};
use crate::reply::{Fail, Handled, Reply};

fn no_domain(name: &str) -> Fail {
    Fail::Reply(message(404, &format!("domain {name} does not exist")))
}

pub(super) fn add_domain(
    store: &mut Store<'_, MediaBroadcast>,
    call: &Call<'_, AddDomain>,
) -> Handled {
    let request = &call.request;
    let auth_key = store.account.rng.hex(16);
    let name = request.domain.as_str();
    let app = project(store, request.appid.as_str())?;
    if app.domains.contains_key(name) {
        return Err(Fail::Reply(message(
            400,
            &format!("domain {name} is already added"),
        )));
    }
    let mut domain = json!({
        "appid": request.appid.as_str(),
        "name": name,
        "type": request.domain_type.as_str(),
        "authKey": auth_key,
        "cname": format!("{name}.fls.agoramdn.com"),
    });
    // Only a stream-pushing domain has a region.
    if let (DomainType::Publish, Some(region)) = (&request.domain_type, &request.region) {
        domain["region"] = json!(region.as_str());
    }
    app.domains.insert(name.to_owned(), domain.clone());
    Ok(Reply::json(201, domain))
}

pub(super) fn delete_domain(
    store: &mut Store<'_, MediaBroadcast>,
    call: &Call<'_, DeleteDomain>,
) -> Handled {
    let request = &call.request;
    let app = project(store, request.appid.as_str())?;
    app.domains
        .remove(request.domain.as_str())
        .ok_or_else(|| no_domain(request.domain.as_str()))?;
    Ok(empty(200))
}

pub(super) fn list_domains(
    store: &mut Store<'_, MediaBroadcast>,
    call: &Call<'_, ListDomains>,
) -> Handled {
    let app = project(store, call.request.appid.as_str())?;
    let list: Vec<Value> = app
        .domains
        .values()
        .map(|domain| {
            let mut listed = domain.clone();
            // The list's table has no cname.
            if let Some(members) = listed.as_object_mut() {
                members.remove("cname");
            }
            listed
        })
        .collect();
    Ok(Reply::ok(json!({ "domainList": list })))
}

pub(super) fn get_domain(
    store: &mut Store<'_, MediaBroadcast>,
    call: &Call<'_, GetDomain>,
) -> Handled {
    let request = &call.request;
    let app = project(store, request.appid.as_str())?;
    let domain = app
        .domains
        .get(request.domain.as_str())
        .ok_or_else(|| no_domain(request.domain.as_str()))?;
    Ok(Reply::ok(domain.clone()))
}

pub(super) fn set_auth_key(
    store: &mut Store<'_, MediaBroadcast>,
    call: &Call<'_, SetDomainAuthKey>,
) -> Handled {
    let request = &call.request;
    let app = project(store, request.appid.as_str())?;
    let domain = app
        .domains
        .get_mut(request.domain.as_str())
        .ok_or_else(|| no_domain(request.domain.as_str()))?;
    domain["authKey"] = json!(request.auth_key.expose());
    Ok(empty(200))
}

pub(super) fn add_entry_point(
    store: &mut Store<'_, MediaBroadcast>,
    call: &Call<'_, AddEntryPoint>,
) -> Handled {
    let request = &call.request;
    let name = request.entry_point.as_str();
    let app = project(store, request.appid.as_str())?;
    if app.entry_points.contains_key(name) {
        return Err(Fail::Reply(message(
            400,
            &format!("entry point {name} already exists"),
        )));
    }
    app.entry_points
        .insert(name.to_owned(), EntryPoint::default());
    Ok(empty(201))
}

pub(super) fn delete_entry_point(
    store: &mut Store<'_, MediaBroadcast>,
    call: &Call<'_, DeleteEntryPoint>,
) -> Handled {
    let request = &call.request;
    let name = request.entry_point.as_str();
    if name == LIVE {
        return Err(Fail::Reply(message(
            400,
            "the default entry point live cannot be deleted",
        )));
    }
    let app = project(store, request.appid.as_str())?;
    app.entry_points
        .remove(name)
        .ok_or_else(|| Fail::Reply(message(404, &format!("entry point {name} does not exist"))))?;
    Ok(empty(200))
}

pub(super) fn list_entry_points(
    store: &mut Store<'_, MediaBroadcast>,
    call: &Call<'_, ListEntryPoints>,
) -> Handled {
    let app = project(store, call.request.appid.as_str())?;
    let list: Vec<Value> = app
        .entry_points
        .keys()
        .map(|name| json!({ "name": name }))
        .collect();
    Ok(Reply::ok(json!({ "entryPointList": list })))
}
