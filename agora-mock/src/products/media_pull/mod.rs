//! Media Pull (Cloud Player): players, from create to destroy.
//!
//! * A player lives in the region it was created in: update and delete
//!   elsewhere are `404`, as for an unknown one. Deleting a player that
//!   was deleted (or destroyed by Agora) answers `200` again. Names are
//!   unique in a project: `409`, with the existing player's ID in
//!   `X-Resource-ID`. A project runs at most 20 players: `429` past that.
//! * A player whose `playTs` is ahead (at most five minutes; Agora
//!   documents no refusal of other values, which play at once) is `idle`
//!   until then; it connects
//!   for two seconds (by the server's clock), then is `running`, or
//!   `failed` when its `streamUrl`'s host ends in `.invalid` (a stream
//!   that can never be reached). A new `streamUrl` connects again. A
//!   running player with a `uid` is a host of its channel, so the other
//!   products see its stream.
//! * A player not playing (failed) for `idleTimeout` seconds (5 to 600,
//!   default 300; other values are moved into that range) is destroyed.
//!   A paused one is not idle.
//! * Updates apply only with a `sequence` larger than the last applied
//!   one; a smaller or equal one is answered `200` and changes nothing.
//! * The list is in creation order, 200 a page by default; a player
//!   appears three seconds after its creation, with only `id`, `name`
//!   and `createTs` until ten seconds have passed (Agora: "wait about 10
//!   seconds"). The last page's `nextPageToken` is `""`; a token the
//!   list did not give answers an empty last page.
//! * Answers carry `X-Request-ID` (the request's, else the emulator's).

use std::collections::BTreeSet;
use std::time::{Duration, SystemTime};

use agora_api::channel::Platform;
use agora_api::media_pull::{
    CreatePlayer, DeletePlayer, GetNcsIps, ListPlayers, PlayerConfig, UpdatePlayer,
};
use agora_api::registry::EndpointInfo;
use agora_api::types::RequestId;
use agora_api::webhooks::{LeaveReason, product_id};
use agora_api::{InvalidInput, ServiceRegion};
use serde_json::{Value, json};

use crate::clock::{unix_millis, unix_secs};
use crate::presence::Arrival;
use crate::product::{Call, Product, Registration, Routes, Store};
use crate::reply::{Fail, Handled, Reply};
use crate::state::Account;

/// How long a player connects before it runs (or fails).
const CONNECTING: Duration = Duration::from_secs(2);
/// Before this, a new player is not listed.
const UNLISTED: Duration = Duration::from_secs(3);
/// Before this, a listed player shows `id`, `name` and `createTs` only.
const PARTIAL: Duration = Duration::from_secs(10);
/// Players a project may run at once (Agora's default quota).
const CONCURRENT: usize = 20;
/// Players per list page by default.
const DEFAULT_PAGE_SIZE: usize = 200;

/// The Media Pull product.
#[derive(Debug)]
pub(crate) struct MediaPull;

impl Product for MediaPull {
    const MODULE: &'static str = "agora_api::media_pull";
    type State = Players;

    fn register(routes: &mut Routes<Self>) {
        routes
            .on::<CreatePlayer>(create)
            .on::<DeletePlayer>(delete)
            .on::<UpdatePlayer>(update)
            .on::<ListPlayers>(list)
            .on::<GetNcsIps>(ncs_ips);
    }

    /// `400 {"message": "invalid `field`: rule"}`.
    fn invalid(_info: &'static EndpointInfo, _request_id: &str, error: &InvalidInput) -> Reply {
        message(400, &error.to_string())
    }

    fn unsupported_media_type(_request_id: &str) -> Reply {
        Reply::unsupported_media_type()
    }

    /// Players start, connect, run or fail; idle ones are destroyed.
    fn tick(store: &mut Store<'_, Self>, now: SystemTime) {
        let own = &mut *store.own;
        let account = &mut *store.account;
        let mut destroyed = Vec::new();
        for player in &mut own.live {
            let before = player.status;
            if player.status == Status::Idle && player.play_at.is_none_or(|at| now >= at) {
                player.status = Status::Connecting;
                player.connecting_since =
                    player.play_at.unwrap_or(now).max(player.connecting_since);
            }
            if player.status == Status::Connecting && now >= player.connecting_since + CONNECTING {
                if crate::products::media_push::unreachable(player.config.stream_url.as_str()) {
                    player.status = Status::Failed;
                    player.failed_since = Some(player.connecting_since + CONNECTING);
                    leave(account, player, now);
                } else {
                    player.status = Status::Running;
                    join(account, player, now);
                }
            }
            if player.status != before {
                notify(account, 4, now, player.notice(None));
            }
            if player.status == Status::Failed {
                let since = *player.failed_since.get_or_insert(now);
                if now.duration_since(since).unwrap_or_default()
                    > Duration::from_secs(player.idle_timeout)
                {
                    destroyed.push(player.id.clone());
                }
            }
        }
        for id in destroyed {
            remove(own, account, &id, now, "Failed");
        }
    }
}

inventory::submit! { Registration::of::<MediaPull>() }

/// The players of the account, in creation order, and the IDs of those
/// gone.
#[derive(Debug, Default)]
pub(crate) struct Players {
    live: Vec<LivePlayer>,
    gone: BTreeSet<String>,
}

/// Where a player is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Status {
    Idle,
    Connecting,
    Running,
    Failed,
}

impl Status {
    fn as_str(self) -> &'static str {
        match self {
            Status::Idle => "idle",
            Status::Connecting => "connecting",
            Status::Running => "running",
            Status::Failed => "failed",
        }
    }
}

/// One player.
#[derive(Debug, Clone)]
struct LivePlayer {
    id: String,
    app_id: String,
    region: ServiceRegion,
    config: PlayerConfig,
    /// The uid it has in the channel (Agora's pick when asked for 0).
    uid: Option<u32>,
    created: SystemTime,
    play_at: Option<SystemTime>,
    connecting_since: SystemTime,
    failed_since: Option<SystemTime>,
    status: Status,
    idle_timeout: u64,
    last_sequence: Option<u64>,
    /// Whether it put its uid in the channel as a host.
    joined: bool,
}

impl LivePlayer {
    /// The payload of a notification about this player (`productId` 4).
    fn notice(&self, destroy_reason: Option<&str>) -> Value {
        let mut player = self.view(false);
        player["idleTimeout"] = json!(self.idle_timeout);
        let mut payload = json!({ "player": player });
        if let Some(reason) = destroy_reason {
            payload["destroyReason"] = json!(reason);
        }
        payload
    }

    /// As a list (or a create, with `brief`) shows it.
    fn view(&self, partial: bool) -> Value {
        let mut player = json!({
            "id": self.id,
            "createTs": unix_secs(self.created),
        });
        let Some(object) = player.as_object_mut() else {
            return player;
        };
        if let Some(name) = &self.config.name {
            object.insert("name".into(), json!(name.as_str()));
        }
        if partial {
            return player;
        }
        object.insert("streamUrl".into(), json!(self.config.stream_url.as_str()));
        object.insert(
            "channelName".into(),
            json!(self.config.channel_name.as_str()),
        );
        if let Some(uid) = self.uid {
            object.insert("uid".into(), json!(uid));
        }
        if let Some(account) = &self.config.account {
            object.insert("account".into(), json!(account.as_str()));
        }
        object.insert("status".into(), json!(self.status.as_str()));
        player
    }
}

/// Puts a running player's uid in its channel as a host.
fn join(account: &mut Account, player: &mut LivePlayer, now: SystemTime) {
    let Some(uid) = player.uid else {
        return;
    };
    let name = player.config.channel_name.as_str();
    if account
        .channel(&player.app_id, name)
        .is_some_and(|channel| channel.users.contains_key(&uid))
    {
        return;
    }
    let arrival = Arrival {
        uid,
        role: 2,
        platform: Platform::Linux,
        ip: None,
    };
    account.join_channel(&player.app_id, name, arrival, now);
    player.joined = true;
}

/// Takes a player's uid out of its channel, if it put it there.
fn leave(account: &mut Account, player: &mut LivePlayer, now: SystemTime) {
    if !player.joined {
        return;
    }
    player.joined = false;
    if let Some(uid) = player.uid {
        let name = player.config.channel_name.as_str();
        account.leave_channel(&player.app_id, name, uid, LeaveReason::Normal, now);
    }
}

/// Destroys player `id` for `reason` (its notification's
/// `destroyReason`).
fn remove(own: &mut Players, account: &mut Account, id: &str, now: SystemTime, reason: &str) {
    if let Some(at) = own.live.iter().position(|player| player.id == id) {
        let mut player = own.live.remove(at);
        leave(account, &mut player, now);
        notify(account, 3, now, player.notice(Some(reason)));
        own.gone.insert(player.id);
    }
}

/// Sends player event `event_type` (1 created, 3 destroyed, 4 status
/// changed) with `payload` from [`LivePlayer::notice`].
fn notify(account: &mut Account, event_type: u32, now: SystemTime, mut payload: Value) {
    payload["lts"] = json!(unix_millis(now));
    account.notify(product_id::MEDIA_PULL, event_type, None, now, || payload);
}

/// `{"message": text}` with `status`.
fn message(status: u16, text: &str) -> Reply {
    Reply::json(status, json!({ "message": text }))
}

/// The request's `X-Request-ID` echoed (the emulator's own when it sent
/// none).
fn with_request_id(reply: Reply, sent: Option<&RequestId>, request_id: &str) -> Reply {
    reply.with_header(
        "x-request-id",
        sent.map_or(request_id, RequestId::as_str).to_owned(),
    )
}

fn not_found() -> Fail {
    Fail::Reply(message(404, "Resource is not found and destroyed."))
}

fn check_project(account: &Account, app_id: &str) -> Result<(), Fail> {
    if account.project_of_app(app_id).is_none() {
        return Err(Fail::Reply(message(
            403,
            "This project has not enabled Cloud Player product yet. Contact us to enable it.",
        )));
    }
    Ok(())
}

fn empty() -> Reply {
    Reply {
        status: 200,
        headers: Vec::new(),
        body: Vec::new(),
    }
}

fn create(store: &mut Store<'_, MediaPull>, call: &Call<'_, CreatePlayer>) -> Handled {
    let request = &call.request;
    let app_id = request.app_id.as_str();
    check_project(store.account, app_id)?;
    let config = &request.player;
    if let Some(name) = &config.name
        && let Some(existing) = store
            .own
            .live
            .iter()
            .find(|player| player.app_id == app_id && player.config.name.as_ref() == Some(name))
    {
        let reply = message(409, "Resource with the same name already exists.")
            .with_header("x-resource-id", existing.id.clone());
        return Err(Fail::Reply(with_request_id(
            reply,
            request.request_id.as_ref(),
            call.request_id,
        )));
    }
    if store
        .own
        .live
        .iter()
        .filter(|player| player.app_id == app_id)
        .count()
        >= CONCURRENT
    {
        return Err(Fail::Reply(message(429, "Resources quota limit exceeded.")));
    }
    let now_secs = unix_secs(call.now);
    // Agora documents the range of `playTs` ([createTs - 86400, createTs
    // + 300]) but no refusal: outside it, the player plays at once.
    let play_at = config
        .play_ts
        .filter(|ts| *ts != 0 && *ts > now_secs && *ts <= now_secs + 300)
        .map(|ts| SystemTime::UNIX_EPOCH + Duration::from_secs(ts));
    let uid = match config.uid {
        Some(0) => {
            Some(u32::try_from(store.account.rng.next_u64() % 1_000_000_000 + 1).unwrap_or(1))
        }
        other => other,
    };
    let status = if play_at.is_some_and(|at| at > call.now) {
        Status::Idle
    } else {
        Status::Connecting
    };
    let player = LivePlayer {
        id: store.account.rng.hex(32),
        app_id: app_id.to_owned(),
        region: request.region,
        config: config.clone(),
        uid,
        created: call.now,
        play_at,
        connecting_since: call.now,
        failed_since: None,
        status,
        idle_timeout: config
            .idle_timeout
            .map_or(300, |secs| u64::from(secs.clamp(5, 600))),
        last_sequence: None,
        joined: false,
    };
    let mut brief = json!({
        "id": player.id,
        "createTs": now_secs,
        "status": status.as_str(),
    });
    let fields = match (&player.config.account, player.uid, brief.as_object_mut()) {
        (Some(account), _, Some(object)) => {
            object.insert("account".into(), json!(account.as_str()));
            "player.account,player.id,player.createTs,player.status"
        }
        (None, Some(uid), Some(object)) => {
            object.insert("uid".into(), json!(uid));
            "player.uid,player.id,player.createTs,player.status"
        }
        _ => "player.id,player.createTs,player.status",
    };
    let reply = Reply::ok(json!({ "player": brief, "fields": fields }))
        .with_header("x-resource-id", player.id.clone());
    notify(store.account, 1, call.now, player.notice(None));
    store.own.live.push(player);
    Ok(with_request_id(
        reply,
        request.request_id.as_ref(),
        call.request_id,
    ))
}

fn delete(store: &mut Store<'_, MediaPull>, call: &Call<'_, DeletePlayer>) -> Handled {
    let request = &call.request;
    let id = request.id.as_str();
    let live = store.own.live.iter().find(|player| player.id == id);
    match live {
        Some(player)
            if player.app_id == request.app_id.as_str() && player.region == request.region =>
        {
            remove(store.own, store.account, id, call.now, "Delete request");
        }
        Some(_) => return Err(not_found()),
        // Deleting a deleted player succeeds again.
        None if store.own.gone.contains(id) => {}
        None => return Err(not_found()),
    }
    Ok(with_request_id(
        empty().with_header("x-resource-id", id.to_owned()),
        request.request_id.as_ref(),
        call.request_id,
    ))
}

fn update(store: &mut Store<'_, MediaPull>, call: &Call<'_, UpdatePlayer>) -> Handled {
    let request = &call.request;
    let Some(player) = store.own.live.iter_mut().find(|player| {
        player.id == request.id.as_str()
            && player.app_id == request.app_id.as_str()
            && player.region == request.region
    }) else {
        return Err(not_found());
    };
    let stale = player
        .last_sequence
        .is_some_and(|last| request.sequence <= last);
    if !stale {
        let changes = &request.player;
        if let Some(audio) = changes.audio_options {
            let current = player.config.audio_options.get_or_insert_default();
            current.volume = audio.volume.or(current.volume);
            current.profile = audio.profile.or(current.profile);
        }
        if let Some(url) = &changes.stream_url {
            player.config.stream_url = url.clone();
            if player.status != Status::Idle {
                player.status = Status::Connecting;
                player.connecting_since = call.now;
                player.failed_since = None;
            }
        }
        if let Some(position) = changes.seek_position {
            player.config.seek_position = Some(position);
        }
        if let Some(tempo) = changes.tempo {
            player.config.tempo = Some(tempo);
        }
        player.last_sequence = Some(request.sequence);
    }
    let id = player.id.clone();
    Ok(with_request_id(
        empty().with_header("x-resource-id", id),
        request.request_id.as_ref(),
        call.request_id,
    ))
}

fn list(store: &mut Store<'_, MediaPull>, call: &Call<'_, ListPlayers>) -> Handled {
    let request = &call.request;
    let app_id = request.app_id.as_str();
    check_project(store.account, app_id)?;
    let listed: Vec<&LivePlayer> = store
        .own
        .live
        .iter()
        .filter(|player| player.app_id == app_id)
        .filter(|player| {
            request
                .filter
                .as_ref()
                .is_none_or(|filter| filter.channel_name() == &player.config.channel_name)
        })
        .filter(|player| call.now.duration_since(player.created).unwrap_or_default() >= UNLISTED)
        .collect();
    // A token this list did not give (Agora documents no answer for
    // one) is past the last page: an empty page that ends the walk.
    let start = match &request.page_token {
        None => 0,
        Some(token) => token
            .as_str()
            .strip_prefix('p')
            .and_then(|index| index.parse::<usize>().ok())
            .map_or(listed.len(), |index| index.min(listed.len())),
    };
    let size = request
        .page_size
        .map_or(DEFAULT_PAGE_SIZE, |size| size.get() as usize);
    let end = start.saturating_add(size).min(listed.len());
    let players: Vec<Value> = listed[start..end]
        .iter()
        .map(|player| {
            let young = call.now.duration_since(player.created).unwrap_or_default() < PARTIAL;
            player.view(young)
        })
        .collect();
    let next = if end < listed.len() {
        format!("p{end}")
    } else {
        String::new()
    };
    let body = json!({
        "totalSize": listed.len(),
        "players": players,
        "fields": "player.name,player.streamUrl,player.channelName,player.uid,player.id,player.createTs,player.status",
        "nextPageToken": next,
    });
    Ok(with_request_id(
        Reply::ok(body),
        request.request_id.as_ref(),
        call.request_id,
    ))
}

fn ncs_ips(_store: &mut Store<'_, MediaPull>, _call: &Call<'_, GetNcsIps>) -> Handled {
    Ok(Reply::ok(crate::products::channel::ncs_hosts()))
}
