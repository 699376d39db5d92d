//! RTC channel management: ban rules, online channel statistics and the
//! Notifications IPs.
//!
//! Ban rules get increasing IDs, expire at their `ts` (then leave the list
//! and can no longer be updated or deleted: `404`), and a `join_channel`
//! rule kicks the users it matches out of their channels at once and keeps
//! them out (seeding a join they match fails). Durations are taken as
//! Agora takes them: clamped to 1..=1440 minutes or 10..=86430 seconds, `0`
//! kicks without banning, `time_in_seconds` wins over `time`, 60 minutes
//! when neither is set. Channels exist while someone is in them; tests put
//! users in them with [`MockServer::channel`](crate::MockServer::channel).

use std::time::Duration;

use agora_api::channel::{
    BanMinutes, BanRuleId, BanSeconds, CreateBanRule, DeleteBanRule, GetUserStatus, HostsOnly,
    ListBanRules, ListChannelHosts, ListChannelUsers, ListChannels, ListNotificationIps, PageSize,
    Privilege, UpdateBanRuleExpiry,
};
use agora_api::{AppId, ChannelName, InvalidInput, Uid};
use serde_json::{Value, json};

use crate::call::{Body, Call, validated};
use crate::clock::iso_millis;
use crate::reply::{Fail, Handled, Reply};
use crate::state::{BanRule, Channel, State};

/// The answer to a request for a channel management endpoint.
pub(crate) fn handle(state: &mut State, call: &Call) -> Reply {
    let handled = match call.info.name {
        "CreateBanRule" => create_rule(state, call),
        "ListBanRules" => list_rules(state, call),
        "UpdateBanRuleExpiry" => update_rule(state, call),
        "DeleteBanRule" => delete_rule(state, call),
        "GetUserStatus" => user_status(state, call),
        "ListChannelUsers" => channel_users(state, call),
        "ListChannelHosts" => channel_hosts(state, call),
        "ListChannels" => channels(state, call),
        "ListNotificationIps" => notification_ips(call),
        _ => Err(Fail::Reply(Reply::no_route())),
    };
    handled.unwrap_or_else(|fail| match fail {
        Fail::Reply(reply) => reply,
        Fail::Invalid(error) => invalid(&error),
    })
}

/// `400 {"message": ...}`.
pub(crate) fn invalid(error: &InvalidInput) -> Reply {
    Reply::json(400, json!({ "message": error.to_string() }))
}

fn unknown_app() -> Fail {
    Fail::Reply(Reply::json(400, json!({ "message": "appid is invalid" })))
}

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
fn kick(state: &mut State, rule: &BanRule) {
    if !rule.bans_joining() {
        return;
    }
    let Some(app) = state.apps.get_mut(&rule.appid) else {
        return;
    };
    for (cname, channel) in &mut app.channels {
        channel
            .users
            .retain(|uid, member| !rule.matches(cname, *uid, member.ip.as_deref()));
    }
    app.channels.retain(|_, channel| !channel.users.is_empty());
}

fn create_rule(state: &mut State, call: &Call) -> Handled {
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
    if state.project_of_app(request.appid.as_str()).is_none() {
        return Err(unknown_app());
    }
    let id = state.rule_id();
    let opid = state.rng.next_u64() % 10_000_000;
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
    kick(state, &rule);
    // A rule of 0 kicks and is over at once.
    if rule.expires > call.now {
        state.rules.insert(id, rule);
    }
    Ok(Reply::ok(json!({ "status": "success", "id": id })))
}

fn list_rules(state: &mut State, call: &Call) -> Handled {
    let request = validated(
        ListBanRules::builder()
            .appid(call.query_required::<AppId>("appid")?)
            .build(),
    )?;
    if state.project_of_app(request.appid.as_str()).is_none() {
        return Err(unknown_app());
    }
    let rules: Vec<Value> = state
        .rules
        .values()
        .filter(|rule| rule.appid == request.appid.as_str())
        .map(rule_json)
        .collect();
    Ok(Reply::ok(json!({ "status": "success", "rules": rules })))
}

fn update_rule(state: &mut State, call: &Call) -> Handled {
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
    if state.project_of_app(request.appid.as_str()).is_none() {
        return Err(unknown_app());
    }
    let rule = state
        .rules
        .get_mut(&request.id.get())
        .filter(|rule| rule.appid == request.appid.as_str())
        .ok_or_else(|| rule_not_found(request.id))?;
    rule.expires = call.now + duration_of(request.time, request.time_in_seconds);
    rule.updated = call.now;
    let rule = rule.clone();
    kick(state, &rule);
    if rule.expires <= call.now {
        state.rules.remove(&rule.id);
    }
    Ok(Reply::ok(json!({
        "status": "success",
        "result": { "id": rule.id, "ts": iso_millis(rule.expires) },
    })))
}

fn delete_rule(state: &mut State, call: &Call) -> Handled {
    let body = call.body()?;
    let request = validated(
        DeleteBanRule::builder()
            .appid(body.required::<AppId>("appid")?)
            .id(body.required::<BanRuleId>("id")?)
            .build(),
    )?;
    if state.project_of_app(request.appid.as_str()).is_none() {
        return Err(unknown_app());
    }
    let belongs = state
        .rules
        .get(&request.id.get())
        .is_some_and(|rule| rule.appid == request.appid.as_str());
    if !belongs {
        return Err(rule_not_found(request.id));
    }
    state.rules.remove(&request.id.get());
    Ok(Reply::ok(json!({ "status": "success", "id": request.id })))
}

fn known_app(state: &State, appid: &AppId) -> Result<(), Fail> {
    if state.project_of_app(appid.as_str()).is_none() {
        return Err(unknown_app());
    }
    Ok(())
}

fn user_status(state: &mut State, call: &Call) -> Handled {
    let request = validated(
        GetUserStatus::builder()
            .appid(call.path::<AppId>("appid")?)
            .uid(call.path::<Uid>("uid")?)
            .channel_name(call.path::<ChannelName>("channelName")?)
            .build(),
    )?;
    known_app(state, &request.appid)?;
    let member = state
        .channel(request.appid.as_str(), request.channel_name.as_str())
        .and_then(|channel| channel.users.get(&request.uid.get()));
    let data = match member {
        Some(member) => json!({
            "in_channel": true,
            "uid": request.uid.get(),
            "join": member.joined,
            "role": member.role,
            "platform": member.platform.value(),
        }),
        None => json!({ "in_channel": false }),
    };
    Ok(Reply::ok(json!({ "success": true, "data": data })))
}

/// `data` of a user or host list.
fn users_data(channel: Option<&Channel>, hosts_only: bool) -> Value {
    let Some(channel) = channel else {
        return json!({ "channel_exist": false });
    };
    if !channel.live {
        let users: Vec<u32> = channel.users.keys().copied().collect();
        return json!({
            "channel_exist": true,
            "mode": 1,
            "total": users.len(),
            "users": users,
        });
    }
    let of_role = |role: i64| -> Vec<u32> {
        channel
            .users
            .iter()
            .filter(|(_, member)| member.role == role)
            .map(|(uid, _)| *uid)
            .collect()
    };
    let broadcasters = of_role(2);
    if hosts_only {
        return json!({ "channel_exist": true, "mode": 2, "broadcasters": broadcasters });
    }
    let audience = of_role(3);
    json!({
        "channel_exist": true,
        "mode": 2,
        "broadcasters": broadcasters,
        "audience_total": audience.len(),
        "audience": audience.into_iter().take(10_000).collect::<Vec<_>>(),
    })
}

fn channel_users(state: &mut State, call: &Call) -> Handled {
    let mut builder = ListChannelUsers::builder()
        .appid(call.path::<AppId>("appid")?)
        .channel_name(call.path::<ChannelName>("channelName")?);
    // Agora documents the flag's presence, not a value.
    if call.query_text("hosts_only").is_some() {
        builder = builder.hosts_only(HostsOnly);
    }
    let request = validated(builder.build())?;
    known_app(state, &request.appid)?;
    let channel = state.channel(request.appid.as_str(), request.channel_name.as_str());
    let data = users_data(channel, request.hosts_only.is_some());
    Ok(Reply::ok(json!({ "success": true, "data": data })))
}

fn channel_hosts(state: &mut State, call: &Call) -> Handled {
    let request = validated(
        ListChannelHosts::builder()
            .appid(call.path::<AppId>("appid")?)
            .channel_name(call.path::<ChannelName>("channelName")?)
            .build(),
    )?;
    known_app(state, &request.appid)?;
    let channel = state.channel(request.appid.as_str(), request.channel_name.as_str());
    let data = match channel {
        // A host list is a LIVE_BROADCASTING notion: a communication
        // channel answers its profile and nothing else.
        Some(channel) if !channel.live => json!({ "channel_exist": true, "mode": 1 }),
        channel => users_data(channel, true),
    };
    Ok(Reply::ok(json!({ "success": true, "data": data })))
}

fn channels(state: &mut State, call: &Call) -> Handled {
    let mut builder = ListChannels::builder().appid(call.path::<AppId>("appid")?);
    if let Some(page_no) = call.query::<u32>("page_no")? {
        builder = builder.page_no(page_no);
    }
    if let Some(page_size) = call.query::<PageSize>("page_size")? {
        builder = builder.page_size(page_size);
    }
    let request = validated(builder.build())?;
    known_app(state, &request.appid)?;
    let page_no = request.page_no.unwrap_or(0) as usize;
    let page_size = usize::from(request.page_size.unwrap_or_default().get());
    let all: Vec<(&String, &Channel)> = state
        .apps
        .get(request.appid.as_str())
        .map(|app| app.channels.iter().collect())
        .unwrap_or_default();
    let page: Vec<Value> = all
        .iter()
        .skip(page_no.saturating_mul(page_size))
        .take(page_size)
        .map(|(name, channel)| json!({ "channel_name": name, "user_count": channel.users.len() }))
        .collect();
    Ok(Reply::ok(json!({
        "success": true,
        "data": { "channels": page, "total_size": all.len() },
    })))
}

/// The addresses Agora's Notifications servers call from (documentation
/// addresses: nothing real is ever there).
pub(crate) fn ncs_hosts() -> Value {
    json!({
        "data": {
            "service": {
                "hosts": [
                    { "primaryIP": "192.0.2.10" },
                    { "primaryIP": "192.0.2.11" },
                ]
            }
        }
    })
}

fn notification_ips(_call: &Call) -> Handled {
    validated(ListNotificationIps::builder().build())?;
    Ok(Reply::ok(ncs_hosts()))
}
