//! Ban rules: create, list, update the expiry, delete.

use std::time::{Duration, SystemTime};

use agora_api::Uid;
use agora_api::channel::{
    BanMinutes, BanRuleId, BanSeconds, CreateBanRule, DeleteBanRule, ListBanRules,
    UpdateBanRuleExpiry,
};
use agora_api::webhooks::LeaveReason;
use serde_json::{Value, json};

use super::{BanRule, ChannelManagement, unknown_app};
use crate::clock::iso_millis;
use crate::product::{Call, Store};
use crate::reply::{Fail, Handled, Reply};
use crate::state::Account;

fn rule_not_found(id: BanRuleId) -> Fail {
    Fail::Reply(Reply::json(
        404,
        json!({ "message": format!("rule {id} not found (it may have expired)") }),
    ))
}

/// The duration members as Agora reads them (the leniency of
/// `CreateBanRule` and `UpdateBanRuleExpiry`): out-of-range values
/// clamped to the nearest bound, `0` kept (kick without banning), and
/// `time_in_seconds` taking effect when both are sent. `None` when there
/// is nothing to change (what is not a number is left to the decoder).
pub(super) fn clamp_durations(body: &[u8]) -> Option<Vec<u8>> {
    let mut members = match serde_json::from_slice::<Value>(body).ok()? {
        Value::Object(members) => members,
        _ => return None,
    };
    let seconds = members.get("time_in_seconds").and_then(Value::as_u64);
    let minutes = members.get("time").and_then(Value::as_u64);
    match (seconds, minutes) {
        (Some(secs), _) => {
            let clamped = if secs == 0 { 0 } else { secs.clamp(10, 86_430) };
            members.insert("time_in_seconds".into(), Value::from(clamped));
            members.remove("time");
        }
        (None, Some(mins)) => {
            let clamped = if mins == 0 { 0 } else { mins.clamp(1, 1_440) };
            members.insert("time".into(), Value::from(clamped));
        }
        (None, None) => return None,
    }
    serde_json::to_vec(&Value::Object(members)).ok()
}

fn duration_of(minutes: Option<BanMinutes>, seconds: Option<BanSeconds>) -> Duration {
    match (seconds, minutes) {
        (Some(seconds), _) => Duration::from_secs(u64::from(seconds.get())),
        (None, Some(minutes)) => Duration::from_secs(u64::from(minutes.get()) * 60),
        (None, None) => Duration::from_secs(3_600),
    }
}

fn rule_json(rule: &BanRule) -> Value {
    json!({
        "id": rule.id,
        "appid": rule.appid,
        "uid": rule.uid,
        "opid": rule.opid,
        "cname": rule.cname,
        "ip": rule.ip,
        "ts": iso_millis(rule.expires),
        "privileges": rule.privileges,
        "createAt": iso_millis(rule.created),
        "updateAt": iso_millis(rule.updated),
    })
}

/// Removes the users `rule` bans from joining from the app's channels.
/// Each leaves with reason 3 (permission), as Agora reports a kick.
fn kick(account: &mut Account, rule: &BanRule, now: SystemTime) {
    if !rule.bans_joining() {
        return;
    }
    let Some(channels) = account.channels.get(&rule.appid) else {
        return;
    };
    let kicked: Vec<(String, u32)> = channels
        .iter()
        .flat_map(|(cname, channel)| {
            channel
                .users
                .iter()
                .filter(|(uid, member)| rule.matches(cname, **uid, member.ip.as_deref()))
                .map(|(uid, _)| (cname.clone(), *uid))
        })
        .collect();
    for (cname, uid) in kicked {
        account.leave_channel(&rule.appid, &cname, uid, LeaveReason::Permission, now);
    }
}

pub(super) fn create_rule(
    store: &mut Store<'_, ChannelManagement>,
    call: &Call<'_, CreateBanRule>,
) -> Handled {
    let request = &call.request;
    if store
        .account
        .project_of_app(request.appid.as_str())
        .is_none()
    {
        return Err(unknown_app());
    }
    let id = store.own.next_id();
    let opid = store.account.rng.next_u64() % 10_000_000;
    let rule = BanRule {
        id,
        appid: request.appid.as_str().to_owned(),
        cname: request.cname.as_ref().map(|c| c.as_str().to_owned()),
        uid: request.uid.map(Uid::get),
        ip: request.ip.clone().filter(|ip| !ip.is_empty()),
        privileges: request
            .privileges
            .iter()
            .map(|p| p.as_str().to_owned())
            .collect(),
        opid,
        created: call.now,
        updated: call.now,
        expires: call.now + duration_of(request.time, request.time_in_seconds),
    };
    kick(store.account, &rule, call.now);
    // A rule of 0 kicks and is over at once.
    if rule.expires > call.now {
        store.own.rules.insert(id, rule);
    }
    Ok(Reply::ok(json!({ "status": "success", "id": id })))
}

pub(super) fn list_rules(
    store: &mut Store<'_, ChannelManagement>,
    call: &Call<'_, ListBanRules>,
) -> Handled {
    let request = &call.request;
    if store
        .account
        .project_of_app(request.appid.as_str())
        .is_none()
    {
        return Err(unknown_app());
    }
    let rules: Vec<Value> = store
        .own
        .rules
        .values()
        .filter(|rule| rule.appid == request.appid.as_str())
        .map(rule_json)
        .collect();
    Ok(Reply::ok(json!({ "status": "success", "rules": rules })))
}

pub(super) fn update_rule(
    store: &mut Store<'_, ChannelManagement>,
    call: &Call<'_, UpdateBanRuleExpiry>,
) -> Handled {
    let request = &call.request;
    if store
        .account
        .project_of_app(request.appid.as_str())
        .is_none()
    {
        return Err(unknown_app());
    }
    let rule = store
        .own
        .rules
        .get_mut(&request.id.get())
        .filter(|rule| rule.appid == request.appid.as_str())
        .ok_or_else(|| rule_not_found(request.id))?;
    rule.expires = call.now + duration_of(request.time, request.time_in_seconds);
    rule.updated = call.now;
    let rule = rule.clone();
    kick(store.account, &rule, call.now);
    if rule.expires <= call.now {
        store.own.rules.remove(&rule.id);
    }
    Ok(Reply::ok(json!({
        "status": "success",
        "result": { "id": rule.id, "ts": iso_millis(rule.expires) },
    })))
}

pub(super) fn delete_rule(
    store: &mut Store<'_, ChannelManagement>,
    call: &Call<'_, DeleteBanRule>,
) -> Handled {
    let request = &call.request;
    if store
        .account
        .project_of_app(request.appid.as_str())
        .is_none()
    {
        return Err(unknown_app());
    }
    let belongs = store
        .own
        .rules
        .get(&request.id.get())
        .is_some_and(|rule| rule.appid == request.appid.as_str());
    if !belongs {
        return Err(rule_not_found(request.id));
    }
    store.own.rules.remove(&request.id.get());
    Ok(Reply::ok(json!({ "status": "success", "id": request.id })))
}
