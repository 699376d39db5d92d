//! The users of a classroom: read, custom properties, kick.

use agora_api::flexible_classroom::{
    DeleteUserProperties, GetClassroomUser, KickUser, UpdateUserProperties,
};
use serde_json::json;

use super::{CMD_USERS, FlexibleClassroom, no_user, publish, room_mut, success};
use crate::clock::unix_millis;
use crate::product::{Call, Store};
use crate::reply::Handled;

pub(super) fn get(
    store: &mut Store<'_, FlexibleClassroom>,
    call: &Call<'_, GetClassroomUser>,
) -> Handled {
    let request = &call.request;
    let room = room_mut(
        store,
        call.principal,
        (
            request.app_id.as_str(),
            request.region,
            request.room_uuid.as_str(),
        ),
        call.now,
    )?;
    let user_uuid = request.user_uuid.as_str();
    let user = room.users.get(user_uuid).ok_or_else(|| no_user(call.now))?;
    Ok(success(
        call.now,
        Some(json!({
            "userName": user.name,
            "userUuid": user_uuid,
            "role": user.role,
            "userProperties": user.properties,
            "updateTime": user.update_ms,
            "streamUuid": user.stream_uuid,
            "state": i64::from(user.online),
        })),
    ))
}

pub(super) fn update_properties(
    store: &mut Store<'_, FlexibleClassroom>,
    call: &Call<'_, UpdateUserProperties>,
) -> Handled {
    let request = &call.request;
    let room = room_mut(
        store,
        call.principal,
        (
            request.app_id.as_str(),
            request.region,
            request.room_uuid.as_str(),
        ),
        call.now,
    )?;
    let user = room
        .users
        .get_mut(request.user_uuid.as_str())
        .ok_or_else(|| no_user(call.now))?;
    for (key, value) in &request.properties {
        user.properties.insert(key.clone(), value.clone());
    }
    Ok(success(call.now, None))
}

pub(super) fn delete_properties(
    store: &mut Store<'_, FlexibleClassroom>,
    call: &Call<'_, DeleteUserProperties>,
) -> Handled {
    let request = &call.request;
    let room = room_mut(
        store,
        call.principal,
        (
            request.app_id.as_str(),
            request.region,
            request.room_uuid.as_str(),
        ),
        call.now,
    )?;
    let user = room
        .users
        .get_mut(request.user_uuid.as_str())
        .ok_or_else(|| no_user(call.now))?;
    for key in request.properties.keys() {
        user.properties.remove(key);
    }
    Ok(success(call.now, None))
}

/// Takes an online user out (`cmd` 20, type 2: kicked); `dirty` keeps
/// them out for its `duration`. A user who is not in the classroom is
/// `404` code `20404200`.
pub(super) fn kick(store: &mut Store<'_, FlexibleClassroom>, call: &Call<'_, KickUser>) -> Handled {
    let request = &call.request;
    let now = unix_millis(call.now);
    let room_uuid = request.room_uuid.as_str();
    let user_uuid = request.user_uuid.as_str();
    let room = room_mut(
        store,
        call.principal,
        (request.app_id.as_str(), request.region, room_uuid),
        call.now,
    )?;
    let user = match room.users.get_mut(user_uuid) {
        Some(user) if user.online => user,
        _ => return Err(no_user(call.now)),
    };
    user.online = false;
    user.update_ms = now;
    let left = user.in_out(user_uuid, 2);
    if let Some(dirty) = request.dirty
        && dirty.state.get() == 1
    {
        let until = dirty
            .duration
            .and_then(|seconds| seconds.checked_mul(1000))
            .and_then(|ms| now.checked_add(ms))
            .unwrap_or(u64::MAX);
        room.banned_until.insert(user_uuid.to_owned(), until);
    }
    let total = room.online_count();
    let event = room.event(
        room_uuid,
        CMD_USERS,
        json!({ "total": total, "onlineUsers": [], "offlineUsers": [left] }),
    );
    publish(store, request.app_id.as_str(), request.region, vec![event]);
    Ok(success(call.now, None))
}
