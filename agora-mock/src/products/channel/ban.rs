//! Ban rules: create, list, update the expiry, delete.

use std::time::Duration;

use agora_api::channel::{
    BanMinutes, BanRuleId, BanSeconds, CreateBanRule, DeleteBanRule, ListBanRules, Privilege,
    UpdateBanRuleExpiry,
};
use agora_api::{AppId, ChannelName, InvalidInput, Uid};
use serde_json::{Value, json};

use super::{BanRule, ChannelManagement, unknown_app};
use crate::call::{Body, validated};
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

/// The duration members as Agora reads them: out-of-range values clamped
/// to the nearest bound, `0` kept (kick without banning), and
/// `time_in_seconds` taking effect when both are sent.
fn durations(body: &Body) -> Result<(Option<BanMinutes>, Option<BanSeconds>), InvalidInput> {
    let seconds = body
        .get::<u64>("time_in_seconds")?
        .map(|secs| match secs {
            0 => BanSeconds::new(0),
            secs => BanSeconds::new(u32::try_from(secs.clamp(10, 86_430)).unwrap_or(86_430)),
        })
        .transpose()?;
    let minutes = if seconds.is_some() {
        None
    } else {
        body.get::<u64>("time")?
            .map(|mins| match mins {
                0 => BanMinutes::new(0),
                mins => BanMinutes::new(u16::try_from(mins.clamp(1, 1_440)).unwrap_or(1_440)),
            })
            .transpose()?
    };
    Ok((minutes, seconds))
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
fn kick(account: &mut Account, rule: &BanRule) {
    if !rule.bans_joining() {
        return;
    }
    let Some(channels) = account.channels.get_mut(&rule.appid) else {
        return;
    };
    for (cname, channel) in channels.iter_mut() {
        channel
            .users
            .retain(|uid, member| !rule.matches(cname, *uid, member.ip.as_deref()));
    }
    channels.retain(|_, channel| !channel.users.is_empty());
}

pub(super) fn create_rule(
    store: &mut Store<'_, ChannelManagement>,
    call: &Call<'_, CreateBanRule>,
) -> Handled {
    let body = call.body()?;
    let (time, time_in_seconds) = durations(&body)?;
    let mut builder = CreateBanRule::builder()
        .appid(body.required::<AppId>("appid")?)
        .privileges(body.required::<Vec<Privilege>>("privileges")?);
    if let Some(cname) = body.get::<ChannelName>("cname")? {
        builder = builder.cname(cname);
    }
    if let Some(uid) = body.get::<Uid>("uid")? {
        builder = builder.uid(uid);
    }
    if let Some(ip) = body.get::<String>("ip")? {
        builder = builder.ip(ip);
    }
    if let Some(time) = time {
        builder = builder.time(time);
    }
    if let Some(seconds) = time_in_seconds {
        builder = builder.time_in_seconds(seconds);
    }
    let request = validated(builder.build())?;
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
    kick(store.account, &rule);
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
    let request = validated(
        ListBanRules::builder()
            .appid(call.query_required::<AppId>("appid")?)
            .build(),
    )?;
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
    let body = call.body()?;
    let (time, time_in_seconds) = durations(&body)?;
    let mut builder = UpdateBanRuleExpiry::builder()
        .appid(body.required::<AppId>("appid")?)
        .id(body.required::<BanRuleId>("id")?);
    if let Some(time) = time {
        builder = builder.time(time);
    }
    if let Some(seconds) = time_in_seconds {
        builder = builder.time_in_seconds(seconds);
    }
    let request = validated(builder.build())?;
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
    kick(store.account, &rule);
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
    let body = call.body()?;
    let request = validated(
        DeleteBanRule::builder()
            .appid(body.required::<AppId>("appid")?)
            .id(body.required::<BanRuleId>("id")?)
            .build(),
    )?;
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
