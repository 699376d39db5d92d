//! Rooms, their scene trees and screenshots.

use std::collections::BTreeMap;
use std::time::SystemTime;

use agora_api::whiteboard::{
    AddScenes, BanRoom, CreateRoom, GetRoom, ListRooms, ListScenes, ScreenshotScene,
    ScreenshotSceneDirectory, SwitchScene,
};
use serde_json::{Value, json};

use super::{Team, Whiteboard, admitted, message};
use crate::clock::iso_millis;
use crate::product::{Call, Routes, Store};
use crate::reply::{Fail, Handled, Reply};

/// Rooms per list page when `limit` is left out (Agora's default).
const DEFAULT_LIMIT: usize = 100;

pub(super) fn register(routes: &mut Routes<Whiteboard>) {
    routes
        .on::<CreateRoom>(create)
        .on::<GetRoom>(get)
        .on::<ListRooms>(list)
        .on::<BanRoom>(ban)
        .on::<ListScenes>(list_scenes)
        .on::<AddScenes>(add_scenes)
        .on::<SwitchScene>(switch_scene)
        .on::<ScreenshotScene>(screenshot)
        .on::<ScreenshotSceneDirectory>(screenshot_directory);
}

/// One room.
#[derive(Debug, Clone)]
pub(super) struct Room {
    uuid: String,
    created: SystemTime,
    is_record: bool,
    is_ban: bool,
    limit: u32,
    /// Each scene directory's scenes, in the order they were added.
    dirs: BTreeMap<String, Vec<String>>,
    /// The current scene's path.
    current: String,
}

impl Room {
    fn view(&self, team: &(String, String)) -> Value {
        json!({
            "uuid": self.uuid,
            "teamUUID": team.0,
            "appUUID": team.1,
            "isRecord": self.is_record,
            "isBan": self.is_ban,
            "createdAt": iso_millis(self.created),
            "limit": self.limit,
        })
    }

    /// Whether `path` is a scene of the room.
    fn has_scene(&self, path: &str) -> bool {
        let (dir, name) = split(path);
        self.dirs
            .get(dir)
            .is_some_and(|names| names.iter().any(|known| known == name))
    }

    /// Every scene path under directory `dir`, every level below it too.
    fn scenes_under(&self, dir: &str) -> Vec<String> {
        let dir = directory(dir);
        self.dirs
            .iter()
            .filter(|(known, _)| {
                dir == "/" || known.as_str() == dir || known.starts_with(&format!("{dir}/"))
            })
            .flat_map(|(known, names)| names.iter().map(|name| join(known, name)))
            .collect()
    }
}

/// A directory path without its trailing `/` (the root stays `/`).
fn directory(path: &str) -> &str {
    let trimmed = path.trim_end_matches('/');
    if trimmed.is_empty() { "/" } else { trimmed }
}

/// `/test/page1` is `("/test", "page1")`; `/init` is `("/", "init")`.
fn split(path: &str) -> (&str, &str) {
    let path = directory(path);
    match path.rsplit_once('/') {
        Some(("", name)) => ("/", name),
        Some((dir, name)) => (dir, name),
        None => ("/", path),
    }
}

fn join(dir: &str, name: &str) -> String {
    if dir == "/" {
        format!("/{name}")
    } else {
        format!("{dir}/{name}")
    }
}

fn not_found() -> Fail {
    Fail::Reply(message(404, "room not found"))
}

fn room_mut<'t>(team: &'t mut Team, uuid: &str) -> Result<&'t mut Room, Fail> {
    team.rooms
        .iter_mut()
        .find(|room| room.uuid == uuid)
        .ok_or_else(not_found)
}

fn create(store: &mut Store<'_, Whiteboard>, call: &Call<'_, CreateRoom>) -> Handled {
    admitted(call)?;
    let request = &call.request;
    let team = store.own.ids(&mut store.account.rng);
    let room = Room {
        uuid: store.account.rng.hex(32),
        created: call.now,
        is_record: request.is_record.unwrap_or(false),
        is_ban: false,
        limit: request.limit.unwrap_or(0),
        dirs: BTreeMap::from([("/".to_owned(), vec!["init".to_owned()])]),
        current: "/init".to_owned(),
    };
    let view = room.view(&team);
    store.own.rooms.push(room);
    Ok(Reply::json(201, view))
}

fn get(store: &mut Store<'_, Whiteboard>, call: &Call<'_, GetRoom>) -> Handled {
    admitted(call)?;
    let team = store.own.ids(&mut store.account.rng);
    let room = room_mut(store.own, call.request.uuid.as_str())?;
    Ok(Reply::ok(room.view(&team)))
}

fn list(store: &mut Store<'_, Whiteboard>, call: &Call<'_, ListRooms>) -> Handled {
    admitted(call)?;
    let request = &call.request;
    let team = store.own.ids(&mut store.account.rng);
    let rooms = &store.own.rooms;
    let start = match &request.begin_uuid {
        None => 0,
        // The page starts at that room; one the team does not have
        // answers an empty page.
        Some(begin) => rooms
            .iter()
            .position(|room| room.uuid == begin.as_str())
            .unwrap_or(rooms.len()),
    };
    let limit = request
        .limit
        .map_or(DEFAULT_LIMIT, |limit| limit.get() as usize);
    let page: Vec<Value> = rooms
        .iter()
        .skip(start)
        .take(limit)
        .map(|room| room.view(&team))
        .collect();
    Ok(Reply::ok(Value::Array(page)))
}

fn ban(store: &mut Store<'_, Whiteboard>, call: &Call<'_, BanRoom>) -> Handled {
    admitted(call)?;
    let team = store.own.ids(&mut store.account.rng);
    let room = room_mut(store.own, call.request.uuid.as_str())?;
    room.is_ban = call.request.is_ban;
    Ok(Reply::json(201, room.view(&team)))
}

fn list_scenes(store: &mut Store<'_, Whiteboard>, call: &Call<'_, ListScenes>) -> Handled {
    admitted(call)?;
    let request = &call.request;
    let room = room_mut(store.own, request.uuid.as_str())?;
    let dir = match &request.scene_dir {
        Some(dir) => dir.as_str().to_owned(),
        None => split(&room.current).0.to_owned(),
    };
    Ok(Reply::ok(json!(room.scenes_under(&dir))))
}

fn add_scenes(store: &mut Store<'_, Whiteboard>, call: &Call<'_, AddScenes>) -> Handled {
    admitted(call)?;
    let request = &call.request;
    let room = room_mut(store.own, request.uuid.as_str())?;
    let dir = directory(request.path.as_str()).to_owned();
    let names = room.dirs.get(&dir).cloned().unwrap_or_default();
    if let Some(taken) = request
        .scenes
        .iter()
        .find(|scene| names.iter().any(|name| name == scene.name.as_str()))
    {
        return Err(Fail::Reply(message(
            400,
            &format!("scene {} already exists in {dir}", taken.name),
        )));
    }
    room.dirs.entry(dir).or_default().extend(
        request
            .scenes
            .iter()
            .map(|scene| scene.name.as_str().to_owned()),
    );
    Ok(Reply::json(201, json!({})))
}

fn switch_scene(store: &mut Store<'_, Whiteboard>, call: &Call<'_, SwitchScene>) -> Handled {
    admitted(call)?;
    let request = &call.request;
    let room = room_mut(store.own, request.uuid.as_str())?;
    let path = request.scene_path.as_str();
    let target = if room.has_scene(path) {
        directory(path).to_owned()
    } else {
        // A directory shows its first scene.
        let dir = directory(path);
        match room.dirs.get(dir).and_then(|names| names.first()) {
            Some(first) => join(dir, first),
            None => return Err(Fail::Reply(message(404, "scene not found"))),
        }
    };
    room.current.clone_from(&target);
    let segments: Vec<&str> = target.split('/').filter(|s| !s.is_empty()).collect();
    Ok(Reply::json(201, json!({ "currentScenePath": segments })))
}

/// Where the screenshot of scene `path` of `room` is stored.
fn shot(team: &(String, String), room: &Room, path: &str) -> Value {
    let key = format!("room_cover/{}/{}{path}.png", team.0, room.uuid);
    json!({
        "url": format!("https://agora-mock-whiteboard.s3.amazonaws.com/{key}"),
        "key": key,
        "bucket": "agora-mock-whiteboard",
        "region": "us-east-1",
    })
}

fn screenshot(store: &mut Store<'_, Whiteboard>, call: &Call<'_, ScreenshotScene>) -> Handled {
    admitted(call)?;
    let request = &call.request;
    let team = store.own.ids(&mut store.account.rng);
    let room = room_mut(store.own, request.uuid.as_str())?;
    let path = request.path.as_ref().map_or("/init", |path| path.as_str());
    if !room.has_scene(path) {
        return Err(Fail::Reply(message(404, "scene not found")));
    }
    Ok(Reply::json(201, shot(&team, room, directory(path))))
}

fn screenshot_directory(
    store: &mut Store<'_, Whiteboard>,
    call: &Call<'_, ScreenshotSceneDirectory>,
) -> Handled {
    admitted(call)?;
    let request = &call.request;
    let team = store.own.ids(&mut store.account.rng);
    let room = room_mut(store.own, request.uuid.as_str())?;
    let dir = match &request.path {
        Some(path) => directory(path.as_str()).to_owned(),
        None => split(&room.current).0.to_owned(),
    };
    let shots: Vec<Value> = room
        .dirs
        .get(&dir)
        .into_iter()
        .flatten()
        .map(|name| shot(&team, room, &join(&dir, name)))
        .collect();
    if shots.is_empty() {
        return Err(Fail::Reply(message(404, "scene directory not found")));
    }
    Ok(Reply::json(201, Value::Array(shots)))
}
