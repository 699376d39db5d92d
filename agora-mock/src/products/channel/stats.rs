//! Online channel statistics: a user's status, the users and hosts of a
//! channel, the channels of a project.

use agora_api::AppId;
use agora_api::channel::{GetUserStatus, ListChannelHosts, ListChannelUsers, ListChannels};
use serde_json::{Value, json};

use super::{ChannelManagement, unknown_app};
use crate::product::{Call, Store};
use crate::reply::{Fail, Handled, Reply};
use crate::state::{Account, Channel};

fn known_app(account: &Account, appid: &AppId) -> Result<(), Fail> {
    if account.project_of_app(appid.as_str()).is_none() {
        return Err(unknown_app());
    }
    Ok(())
}

pub(super) fn user_status(
    store: &mut Store<'_, ChannelManagement>,
    call: &Call<'_, GetUserStatus>,
) -> Handled {
    let request = &call.request;
    known_app(store.account, &request.appid)?;
    let member = store
        .account
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

pub(super) fn channel_users(
    store: &mut Store<'_, ChannelManagement>,
    call: &Call<'_, ListChannelUsers>,
) -> Handled {
    let request = &call.request;
    known_app(store.account, &request.appid)?;
    let channel = store
        .account
        .channel(request.appid.as_str(), request.channel_name.as_str());
    let data = users_data(channel, request.hosts_only.is_some());
    Ok(Reply::ok(json!({ "success": true, "data": data })))
}

pub(super) fn channel_hosts(
    store: &mut Store<'_, ChannelManagement>,
    call: &Call<'_, ListChannelHosts>,
) -> Handled {
    let request = &call.request;
    known_app(store.account, &request.appid)?;
    let channel = store
        .account
        .channel(request.appid.as_str(), request.channel_name.as_str());
    let data = match channel {
        // A host list is a LIVE_BROADCASTING notion: a communication
        // channel answers its profile and nothing else.
        Some(channel) if !channel.live => json!({ "channel_exist": true, "mode": 1 }),
        channel => users_data(channel, true),
    };
    Ok(Reply::ok(json!({ "success": true, "data": data })))
}

pub(super) fn channels(
    store: &mut Store<'_, ChannelManagement>,
    call: &Call<'_, ListChannels>,
) -> Handled {
    let request = &call.request;
    known_app(store.account, &request.appid)?;
    let page_no = request.page_no.unwrap_or(0) as usize;
    let page_size = usize::from(request.page_size.unwrap_or_default().get());
    let all: Vec<(&String, &Channel)> = store
        .account
        .channels
        .get(request.appid.as_str())
        .map(|channels| channels.iter().collect())
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
