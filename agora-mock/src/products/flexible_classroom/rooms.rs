//! Classrooms: create, read, state, custom properties, breakout rooms.

use agora_api::flexible_classroom::{
    BreakoutState, CreateClassroom, DeleteClassroomProperties, GetClassroom, SetBreakoutRooms,
    SetClassroomState, UpdateClassroomProperties,
};
use serde_json::{Map, Value, json};

use super::{FlexibleClassroom, Room, conflict, failure, may_act_in, publish, room_mut, success};
use crate::clock::unix_millis;
use crate::product::{Call, Store};
use crate::reply::{Fail, Handled};

pub(super) fn create(
    store: &mut Store<'_, FlexibleClassroom>,
    call: &Call<'_, CreateClassroom>,
) -> Handled {
    let request = &call.request;
    may_act_in(call.principal, request.room_uuid.as_str(), call.now)?;
    let now = unix_millis(call.now);
    let app = store.own.app(request.app_id.as_str(), request.region);
    if app.rooms.contains_key(request.room_uuid.as_str()) {
        return Err(Fail::Reply(failure(
            409,
            409,
            "the classroom exists already: join it",
            now,
        )));
    }
    let initial = match request
        .room_properties
        .as_ref()
        .map(serde_json::to_value)
        .transpose()
    {
        Ok(Some(Value::Object(properties))) => properties,
        _ => Map::new(),
    };
    let schedule = request
        .room_properties
        .as_ref()
        .and_then(|properties| properties.schedule.as_ref());
    let room = Room {
        name: request.room_name.as_str().to_owned(),
        room_type: request.room_type.value(),
        created_ms: now,
        state: 0,
        start_ms: None,
        end_ms: None,
        close_ms: None,
        scheduled_start: schedule.and_then(|schedule| schedule.start_time),
        duration_s: schedule
            .and_then(|schedule| schedule.duration)
            .map(u64::from),
        close_delay_s: schedule.and_then(|schedule| schedule.close_delay),
        initial,
        properties: Map::new(),
        role_config: request
            .role_config
            .as_ref()
            .and_then(|config| serde_json::to_value(config).ok())
            .unwrap_or_else(|| json!({})),
        groups: Vec::new(),
        users: Default::default(),
        banned_until: Default::default(),
        recording: None,
        recordings: Vec::new(),
        events: Vec::new(),
        quiz: Vec::new(),
        poll: Vec::new(),
    };
    app.rooms
        .insert(request.room_uuid.as_str().to_owned(), room);
    Ok(success(call.now, None))
}

/// The classroom as a query answers it.
fn describe(room_uuid: &str, room: &Room) -> Value {
    let mut properties = room.initial.clone();
    for (key, value) in &room.properties {
        properties.insert(key.clone(), value.clone());
    }
    let mut schedule = match properties.remove("schedule") {
        Some(Value::Object(schedule)) => schedule,
        _ => Map::new(),
    };
    for (key, value) in [
        ("startTime", room.start_ms.or(room.scheduled_start)),
        ("endTime", room.end_ms),
        ("closeTime", room.close_ms),
    ] {
        if let Some(value) = value {
            schedule.insert(key.into(), value.into());
        }
    }
    properties.insert("schedule".into(), Value::Object(schedule));
    properties.insert("roomType".into(), room.room_type.into());
    properties.insert("state".into(), room.state.into());
    properties.insert("groups".into(), json!({ "details": room.groups }));
    json!({
        "roomUuid": room_uuid,
        "roomName": room.name,
        "roomProperties": properties,
        "roleConfig": room.role_config,
        "state": room.state,
        "createTime": room.created_ms,
    })
}

pub(super) fn get(
    store: &mut Store<'_, FlexibleClassroom>,
    call: &Call<'_, GetClassroom>,
) -> Handled {
    let request = &call.request;
    let room_uuid = request.room_uuid.as_str();
    let room = room_mut(
        store,
        call.principal,
        (request.app_id.as_str(), request.region, room_uuid),
        call.now,
    )?;
    Ok(success(call.now, Some(describe(room_uuid, room))))
}

pub(super) fn set_state(
    store: &mut Store<'_, FlexibleClassroom>,
    call: &Call<'_, SetClassroomState>,
) -> Handled {
    let request = &call.request;
    let room_uuid = request.room_uuid.as_str();
    let now = unix_millis(call.now);
    let target: u8 = request.state.as_str().parse().unwrap_or_default();
    let room = room_mut(
        store,
        call.principal,
        (request.app_id.as_str(), request.region, room_uuid),
        call.now,
    )?;
    if target == room.state {
        return Ok(success(call.now, None));
    }
    if target < room.state {
        return Err(match room.state {
            1 => conflict(call.now, 30_409_100, "the class has been started"),
            _ => conflict(call.now, 30_409_101, "the class has been ended"),
        });
    }
    let events = room.move_to(room_uuid, target, now);
    publish(store, request.app_id.as_str(), request.region, events);
    Ok(success(call.now, None))
}

pub(super) fn update_properties(
    store: &mut Store<'_, FlexibleClassroom>,
    call: &Call<'_, UpdateClassroomProperties>,
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
    for (key, value) in &request.properties {
        room.properties.insert(key.clone(), value.clone());
    }
    Ok(success(call.now, None))
}

pub(super) fn delete_properties(
    store: &mut Store<'_, FlexibleClassroom>,
    call: &Call<'_, DeleteClassroomProperties>,
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
    for key in request.properties.keys() {
        room.properties.remove(key);
    }
    Ok(success(call.now, None))
}

pub(super) fn set_breakout_rooms(
    store: &mut Store<'_, FlexibleClassroom>,
    call: &Call<'_, SetBreakoutRooms>,
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
    match (request.state, &request.groups) {
        (BreakoutState::Create, Some(groups)) => {
            let first = room.groups.len();
            let made: Vec<Value> = groups
                .iter()
                .enumerate()
                .map(|(at, group)| {
                    let uuid = group.group_uuid.clone().unwrap_or_else(|| {
                        format!("group-{}", first.saturating_add(at).saturating_add(1))
                    });
                    json!({
                        "groupUuid": uuid,
                        "groupName": group.group_name.clone().unwrap_or_else(|| uuid.clone()),
                        "users": group.users,
                    })
                })
                .collect();
            room.groups.extend(made);
        }
        _ => room.groups.clear(),
    }
    Ok(success(call.now, None))
}
