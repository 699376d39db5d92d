//! The event reads: a classroom's events (again and again), the app's
//! feed (each event once), the quiz and poll widgets' data.

use agora_api::flexible_classroom::{
    ListPollEvents, ListPopupQuizEvents, ListRoomEvents, TakeAppEvents,
};
use agora_api::{AppId, ServiceRegion};
use serde_json::{Value, json};

use super::{Event, FlexibleClassroom, batch, may_act_in, room_mut, success};
use crate::product::{Call, Store};
use crate::reply::Handled;

/// A classroom's events, of one `cmd` or all, from `nextId` (a
/// sequence), 100 a batch. Reading them leaves them there.
pub(super) fn list_room_events(
    store: &mut Store<'_, FlexibleClassroom>,
    call: &Call<'_, ListRoomEvents>,
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
    let cmd = request.cmd.map(|cmd| cmd.value());
    let matching: Vec<&Event> = room
        .events
        .iter()
        .filter(|event| cmd.is_none_or(|cmd| event.cmd == cmd))
        .collect();
    let (taken, next_id) = batch(
        matching.iter().map(|event| (event.sequence, *event)),
        request.next_id.as_ref().map(|id| id.as_str()),
    );
    let list: Vec<Value> = taken.iter().map(|event| event.to_json()).collect();
    Ok(success(
        call.now,
        Some(json!({
            "total": matching.len(),
            "count": list.len(),
            "list": list,
            "nextId": next_id,
        })),
    ))
}

/// Hands out every event of the app's classrooms (in the region) not
/// handed out yet, and forgets them. An app-wide token only: one bound
/// to a classroom is refused.
pub(super) fn take_app_events(
    store: &mut Store<'_, FlexibleClassroom>,
    call: &Call<'_, TakeAppEvents>,
) -> Handled {
    let request = &call.request;
    // An app-wide token names no classroom: only it acts in "".
    may_act_in(call.principal, "", call.now)?;
    let feed = &mut store.own.app(request.app_id.as_str(), request.region).feed;
    let taken: Vec<Value> = feed.drain(..).map(|event| event.to_json()).collect();
    Ok(success(call.now, Some(Value::Array(taken))))
}

/// Which widget's data a read is about.
#[derive(Debug, Clone, Copy)]
enum Widget {
    Quiz,
    Poll,
}

fn widget_events(
    store: &mut Store<'_, FlexibleClassroom>,
    call_parts: (&crate::auth::Principal, std::time::SystemTime),
    (app_id, region, room_uuid): (&AppId, ServiceRegion, &str),
    widget: Widget,
    (next_id, count): (Option<&str>, Option<u32>),
) -> Handled {
    let (principal, now) = call_parts;
    let room = room_mut(store, principal, (app_id.as_str(), region, room_uuid), now)?;
    let changes = match widget {
        Widget::Quiz => &room.quiz,
        Widget::Poll => &room.poll,
    };
    let keyed = changes.iter().enumerate().map(|(at, change)| {
        (
            u64::try_from(at).unwrap_or(u64::MAX).saturating_add(1),
            change,
        )
    });
    let (mut taken, mut next) = batch(keyed, next_id);
    let size = count.map_or(taken.len(), |count| {
        usize::try_from(count).unwrap_or(usize::MAX)
    });
    if taken.len() > size {
        let first = next_id
            .and_then(|id| id.parse::<u64>().ok())
            .unwrap_or(1)
            .max(1);
        next = u64::try_from(size)
            .ok()
            .and_then(|size| first.checked_add(size))
            .map(|key| key.to_string());
        taken.truncate(size);
    }
    let list: Vec<Value> = taken.into_iter().cloned().collect();
    Ok(success(
        now,
        Some(json!({
            "total": changes.len(),
            "count": list.len(),
            "list": list,
            "nextId": next,
        })),
    ))
}

pub(super) fn list_quiz_events(
    store: &mut Store<'_, FlexibleClassroom>,
    call: &Call<'_, ListPopupQuizEvents>,
) -> Handled {
    let request = &call.request;
    widget_events(
        store,
        (call.principal, call.now),
        (&request.app_id, request.region, request.room_uuid.as_str()),
        Widget::Quiz,
        (
            request.next_id.as_ref().map(|id| id.as_str()),
            request.count.map(|count| count.get()),
        ),
    )
}

pub(super) fn list_poll_events(
    store: &mut Store<'_, FlexibleClassroom>,
    call: &Call<'_, ListPollEvents>,
) -> Handled {
    let request = &call.request;
    widget_events(
        store,
        (call.principal, call.now),
        (&request.app_id, request.region, request.room_uuid.as_str()),
        Widget::Poll,
        (
            request.next_id.as_ref().map(|id| id.as_str()),
            request.count.map(|count| count.get()),
        ),
    )
}
