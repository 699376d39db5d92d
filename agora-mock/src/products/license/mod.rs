//! The License API: a pool of licenses per project and license kind.
//!
//! An allocation adds `count` licenses of a `pid` to a project's pool
//! (the account's own stock is not modelled: every allocation succeeds);
//! each activation of a new `licenseKey` takes one license from the pool
//! and answers its value, and once the pool is used up activations are
//! refused with `403`. A `licenseKey` that already holds a license of the
//! kind gets the same license back without using quota. A renewal takes
//! a license of the project and a `renewId` that has not been used yet
//! (a renewal order extends a license once).
//! Every answer is `{"code": 200, ...}`; failures are `{"code": <status>,
//! "message": ...}` with the same HTTP status. Agora documents none of
//! these failures beyond "non-200 with a `message`": the statuses chosen
//! are the console's (`400`, `403`, `404`).

use std::collections::{BTreeMap, BTreeSet};

use agora_api::AppId;
use agora_api::InvalidInput;
use agora_api::license::{
    ActivateLicense, ActivateLicenseChineseConsole, AllocateLicenses, LicenseKey, LicensePid,
    ListLicenseAllocations, RenewLicense,
};
use agora_api::registry::EndpointInfo;
use serde_json::{Value, json};

use crate::clock::unix_secs;
use crate::product::{Call, Product, Registration, Routes, Store};
use crate::reply::{Fail, Handled, Reply};
use crate::state::Account;

/// The License product.
#[derive(Debug)]
pub(crate) struct LicenseApi;

impl Product for LicenseApi {
    const MODULE: &'static str = "agora_api::license";
    type State = LicensePools;

    fn register(routes: &mut Routes<Self>) {
        routes
            .on::<ActivateLicense>(activate)
            .on::<ActivateLicenseChineseConsole>(activate_on_chinese_path)
            .on::<AllocateLicenses>(allocate)
            .on::<ListLicenseAllocations>(list_allocations)
            .on::<RenewLicense>(renew);
    }

    /// `400 {"code": 400, "message": ...}`.
    fn invalid(_info: &'static EndpointInfo, _request_id: &str, error: &InvalidInput) -> Reply {
        failure(400, &error.to_string())
    }

    fn unsupported_media_type(_request_id: &str) -> Reply {
        Reply::unsupported_media_type()
    }
}

inventory::submit! { Registration::of::<LicenseApi>() }

/// Every project's license pools, by App ID and license kind.
#[derive(Debug, Default)]
pub(crate) struct LicensePools {
    pools: BTreeMap<(String, String), Pool>,
    /// Renewal orders already used, by anyone.
    used_renewals: BTreeSet<String>,
}

/// The licenses of one kind allocated to one project.
#[derive(Debug, Default)]
struct Pool {
    allocated: u64,
    allocations: Vec<Allocation>,
    /// The license of each activated key.
    activations: BTreeMap<String, String>,
}

#[derive(Debug)]
struct Allocation {
    creator: String,
    count: u64,
    created: u64,
}

impl Pool {
    fn remaining(&self) -> u64 {
        let used = u64::try_from(self.activations.len()).unwrap_or(u64::MAX);
        self.allocated.saturating_sub(used)
    }
}

fn failure(status: u16, message: &str) -> Reply {
    Reply::json(status, json!({ "code": status, "message": message }))
}

fn known_project(account: &Account, app_id: &AppId) -> Result<(), Fail> {
    match account.project_of_app(app_id.as_str()) {
        Some(_) => Ok(()),
        None => Err(Fail::Reply(failure(
            400,
            "appid is not a project of this account",
        ))),
    }
}

/// What the emulator's licenses allow: an RTSA (IoT) SKU for audio and
/// video, all day.
fn sku_view(pid: &LicensePid) -> Value {
    json!({
        "product": 2,
        "name": format!("emulated SKU {pid}"),
        "mediaType": 3,
        "minutes": 0,
        "period": "00:00~23:59",
    })
}

fn activate_key(
    store: &mut Store<'_, LicenseApi>,
    pid: &LicensePid,
    license_key: &LicenseKey,
    app_id: &AppId,
) -> Handled {
    known_project(store.account, app_id)?;
    let key = (app_id.as_str().to_owned(), pid.as_str().to_owned());
    let Some(pool) = store.own.pools.get_mut(&key) else {
        return Err(Fail::Reply(failure(
            403,
            &format!("no license of pid {pid} is allocated to this project"),
        )));
    };
    if let Some(existing) = pool.activations.get(license_key.as_str()) {
        return Ok(Reply::ok(json!({
            "code": 200,
            "data": { "license": existing, "skuView": sku_view(pid) },
        })));
    }
    if pool.remaining() == 0 {
        return Err(Fail::Reply(failure(
            403,
            &format!("the licenses of pid {pid} allocated to this project are used up"),
        )));
    }
    let license = store.account.rng.hex(32).to_uppercase();
    pool.activations
        .insert(license_key.as_str().to_owned(), license.clone());
    Ok(Reply::ok(json!({
        "code": 200,
        "data": { "license": license, "skuView": sku_view(pid) },
    })))
}

fn activate(store: &mut Store<'_, LicenseApi>, call: &Call<'_, ActivateLicense>) -> Handled {
    let request = &call.request;
    activate_key(store, &request.pid, &request.license_key, &request.appid)
}

fn activate_on_chinese_path(
    store: &mut Store<'_, LicenseApi>,
    call: &Call<'_, ActivateLicenseChineseConsole>,
) -> Handled {
    let request = &call.request;
    activate_key(store, &request.pid, &request.license_key, &request.appid)
}

fn allocate(store: &mut Store<'_, LicenseApi>, call: &Call<'_, AllocateLicenses>) -> Handled {
    let request = &call.request;
    known_project(store.account, &request.appid)?;
    let count = u64::from(request.count.get());
    let pool = store
        .own
        .pools
        .entry((
            request.appid.as_str().to_owned(),
            request.pid.as_str().to_owned(),
        ))
        .or_default();
    pool.allocated = pool
        .allocated
        .checked_add(count)
        .ok_or_else(|| Fail::Reply(failure(400, "count is more than a pool can hold")))?;
    pool.allocations.push(Allocation {
        creator: request.creator.as_str().to_owned(),
        count,
        created: unix_secs(call.now),
    });
    Ok(Reply::ok(json!({ "code": 200, "message": "success" })))
}

fn list_allocations(
    store: &mut Store<'_, LicenseApi>,
    call: &Call<'_, ListLicenseAllocations>,
) -> Handled {
    let request = &call.request;
    known_project(store.account, &request.appid)?;
    let key = (
        request.appid.as_str().to_owned(),
        request.pid.as_str().to_owned(),
    );
    let allocations = store
        .own
        .pools
        .get(&key)
        .map(|pool| pool.allocations.as_slice())
        .unwrap_or_default();
    let size = usize::try_from(request.size.get()).unwrap_or(usize::MAX);
    let skip = usize::try_from(request.page.get().saturating_sub(1))
        .ok()
        .and_then(|page| page.checked_mul(size))
        .unwrap_or(usize::MAX);
    let list: Vec<Value> = allocations
        .iter()
        .skip(skip)
        .take(size)
        .map(|allocation| {
            json!({
                "pid": request.pid.as_str(),
                "type": 1,
                "creator": allocation.creator,
                "count": allocation.count,
                "createTime": allocation.created,
            })
        })
        .collect();
    Ok(Reply::ok(json!({
        "code": 200,
        "data": { "count": allocations.len(), "list": list },
    })))
}

fn renew(store: &mut Store<'_, LicenseApi>, call: &Call<'_, RenewLicense>) -> Handled {
    let request = &call.request;
    known_project(store.account, &request.appid)?;
    if store.own.used_renewals.contains(request.renew_id.as_str()) {
        return Err(Fail::Reply(failure(
            400,
            &format!("renewId {} has already been used", request.renew_id),
        )));
    }
    let app_id = request.appid.as_str();
    let held = store
        .own
        .pools
        .iter()
        .filter(|((pool_app, _), _)| pool_app == app_id)
        .flat_map(|(_, pool)| pool.activations.values())
        .any(|license| license == request.license.as_str());
    if !held {
        return Err(Fail::Reply(failure(
            404,
            &format!(
                "license {} is not a license of this project",
                request.license
            ),
        )));
    }
    store
        .own
        .used_renewals
        .insert(request.renew_id.as_str().to_owned());
    Ok(Reply::ok(json!({ "code": 200, "message": "success" })))
}
