//! Media Pull against the emulator: a player waits for its `playTs`,
//! connects, runs (as a host of its channel) or fails and is destroyed
//! when idle; the list lags creation; delete is idempotent; names are
//! unique (409 with the existing ID); a project runs at most 20 players.

use std::time::Duration;

use agora_api::media_pull::{
    CreatePlayer, GetNcsIps, ListPlayers, PageSize, PlayerConfig, PlayerFilter, PlayerName,
    PlayerRef, PlayerStatus, PlayerUpdate, StreamUrl, find_player,
};
use agora_api::{AppId, ChannelName, Client, ServiceRegion};
use agora_mock::{ManualClock, MockServer};

use crate::support::api_error;

const T0: u64 = 1_700_000_000;

async fn server_at(clock: &ManualClock) -> MockServer {
    MockServer::builder()
        .clock(clock.clone())
        .start()
        .await
        .expect("a server")
}

fn channel(name: &str) -> ChannelName {
    ChannelName::new(name).expect("a channel name")
}

fn stream(url: &str) -> StreamUrl {
    StreamUrl::new(url).expect("a stream URL")
}

fn player(uid: u32) -> PlayerConfig {
    PlayerConfig::with_uid(
        channel("class32"),
        stream("rtmp://example.agora.io/live/class32/101"),
        uid,
    )
}

fn create(app_id: &AppId, config: PlayerConfig) -> CreatePlayer {
    CreatePlayer::builder()
        .region(ServiceRegion::China)
        .app_id(app_id.clone())
        .player(config)
        .build()
}

fn list(app_id: &AppId) -> ListPlayers {
    ListPlayers::builder().app_id(app_id.clone()).build()
}

async fn status_of(client: &Client, app_id: &AppId, id: &str) -> Option<PlayerStatus> {
    client
        .send(&list(app_id))
        .await
        .expect("a list")
        .players
        .into_iter()
        .find(|player| player.id == id)
        .and_then(|player| player.status)
}

#[tokio::test]
async fn a_player_is_listed_late_runs_as_a_host_and_is_deleted_twice() {
    let clock = ManualClock::at_unix(T0);
    let server = server_at(&clock).await;
    let client = server.client();
    let call = create(server.app_id(), player(101));
    let answer = client.send(&call).await.expect("created");
    assert_eq!(answer.player.uid, Some(101));
    assert_eq!(answer.player.create_ts, Some(T0));
    let id = answer.player.id.clone();

    // Not listed at first, then with id, name and createTs only.
    assert!(
        client
            .send(&list(server.app_id()))
            .await
            .expect("a list")
            .players
            .is_empty()
    );
    clock.advance(Duration::from_secs(4));
    let page = client.send(&list(server.app_id())).await.expect("a list");
    assert_eq!(page.players.len(), 1);
    assert_eq!(page.players[0].status, None, "partial for a while");
    clock.advance(Duration::from_secs(7));
    assert_eq!(
        status_of(&client, server.app_id(), id.as_str()).await,
        Some(PlayerStatus::Running)
    );
    assert_eq!(
        server.channel("class32").users(),
        [101],
        "a host of its channel"
    );

    let player = PlayerRef::created(&call, &answer);
    client.send(&player.delete()).await.expect("deleted");
    client
        .send(&player.delete())
        .await
        .expect("deleted again: 2xx");
    assert!(
        server.channel("class32").users().is_empty(),
        "left the channel"
    );
    let error = client
        .send(
            &player
                .update(0, PlayerUpdate::volume(50))
                .expect("an update"),
        )
        .await
        .expect_err("gone");
    assert_eq!(api_error(&error).status, 404);
}

#[tokio::test]
async fn a_second_player_of_a_name_is_409_with_the_existing_id() {
    let server = MockServer::start().await;
    let client = server.client();
    let named = PlayerConfig {
        name: Some(PlayerName::new("class32_101").expect("a name")),
        ..player(101)
    };
    let first = client
        .send(&create(server.app_id(), named.clone()))
        .await
        .expect("created");
    let error = client
        .send(&create(server.app_id(), named))
        .await
        .expect_err("a duplicate");
    let api = api_error(&error);
    assert_eq!(api.status, 409);
    assert_eq!(api.resource_id.as_deref(), Some(first.player.id.as_str()));
}

#[tokio::test]
async fn a_project_runs_at_most_20_players() {
    let server = MockServer::start().await;
    let client = server.client();
    for uid in 1..=20 {
        client
            .send(&create(server.app_id(), player(uid)))
            .await
            .expect("created");
    }
    let error = client
        .send(&create(server.app_id(), player(21)))
        .await
        .expect_err("over the quota");
    assert_eq!(api_error(&error).status, 429);
}

#[tokio::test]
async fn a_player_waits_for_its_play_ts() {
    let clock = ManualClock::at_unix(T0);
    let server = server_at(&clock).await;
    let client = server.client();
    let answer = client
        .send(&create(
            server.app_id(),
            PlayerConfig {
                play_ts: Some(T0 + 60),
                ..player(101)
            },
        ))
        .await
        .expect("created");
    assert_eq!(answer.player.status, Some(PlayerStatus::Idle));
    let id = answer.player.id.as_str().to_owned();
    clock.advance(Duration::from_secs(30));
    assert_eq!(
        status_of(&client, server.app_id(), &id).await,
        Some(PlayerStatus::Idle)
    );
    clock.advance(Duration::from_secs(31));
    assert_eq!(
        status_of(&client, server.app_id(), &id).await,
        Some(PlayerStatus::Connecting)
    );
    clock.advance(Duration::from_secs(2));
    assert_eq!(
        status_of(&client, server.app_id(), &id).await,
        Some(PlayerStatus::Running)
    );

    // Further ahead than Agora's range: played at once.
    let late = client
        .send(&create(
            server.app_id(),
            PlayerConfig {
                play_ts: Some(T0 + 10_000),
                ..player(102)
            },
        ))
        .await
        .expect("created");
    assert_eq!(late.player.status, Some(PlayerStatus::Connecting));
}

#[tokio::test]
async fn a_stream_that_cannot_be_played_fails_and_is_destroyed_when_idle() {
    let clock = ManualClock::at_unix(T0);
    let server = server_at(&clock).await;
    let client = server.client();
    let call = create(
        server.app_id(),
        PlayerConfig {
            idle_timeout: Some(30),
            ..PlayerConfig::with_uid(channel("class32"), stream("rtmp://origin.invalid/live"), 7)
        },
    );
    let answer = client.send(&call).await.expect("created");
    clock.advance(Duration::from_secs(11));
    assert_eq!(
        status_of(&client, server.app_id(), answer.player.id.as_str()).await,
        Some(PlayerStatus::Failed)
    );
    assert!(server.channel("class32").users().is_empty());
    // Failed two seconds after its creation, idle for 30 seconds since.
    clock.advance(Duration::from_secs(22));
    assert_eq!(
        status_of(&client, server.app_id(), answer.player.id.as_str()).await,
        None
    );
    // Destroyed by Agora: a delete still succeeds.
    client
        .send(&PlayerRef::created(&call, &answer).delete())
        .await
        .expect("2xx");
}

#[tokio::test]
async fn only_an_update_with_a_larger_sequence_is_applied_and_only_in_its_region() {
    let clock = ManualClock::at_unix(T0);
    let server = server_at(&clock).await;
    let client = server.client();
    let call = create(server.app_id(), player(101));
    let answer = client.send(&call).await.expect("created");
    let player = PlayerRef::created(&call, &answer);
    let to = |url: &str| PlayerUpdate {
        stream_url: Some(stream(url)),
        ..PlayerUpdate::default()
    };
    for (sequence, url) in [
        (2, "rtmp://example.agora.io/live/second"),
        (1, "rtmp://example.agora.io/live/late"),
        (2, "rtmp://example.agora.io/live/again"),
    ] {
        client
            .send(&player.update(sequence, to(url)).expect("an update"))
            .await
            .expect("answered as a success");
    }
    clock.advance(Duration::from_secs(11));
    let page = client.send(&list(server.app_id())).await.expect("a list");
    assert_eq!(
        page.players[0].stream_url.as_deref(),
        Some("rtmp://example.agora.io/live/second")
    );

    let elsewhere = PlayerRef::new(
        ServiceRegion::Europe,
        server.app_id().clone(),
        player.id().clone(),
    );
    let error = client
        .send(
            &elsewhere
                .update(3, PlayerUpdate::volume(10))
                .expect("an update"),
        )
        .await
        .expect_err("not in that region");
    assert_eq!(api_error(&error).status, 404);
}

#[tokio::test]
async fn the_list_pages_by_token_filters_by_channel_and_finds_by_name() {
    let clock = ManualClock::at_unix(T0);
    let server = server_at(&clock).await;
    let client = server.client();
    for (uid, room) in [(1, "a"), (2, "b"), (3, "a"), (4, "a")] {
        client
            .send(&create(
                server.app_id(),
                PlayerConfig {
                    name: Some(PlayerName::new(format!("{room}_{uid}")).expect("a name")),
                    ..PlayerConfig::with_uid(
                        channel(room),
                        stream("rtmp://example.agora.io/live/x"),
                        uid,
                    )
                },
            ))
            .await
            .expect("created");
    }
    clock.advance(Duration::from_secs(11));
    let mut first = list(server.app_id());
    first.filter = Some(PlayerFilter::channel(channel("a")));
    first.page_size = Some(PageSize::new(2).expect("a page size"));
    let mut pages = client.pages(first);
    let mut uids = Vec::new();
    while let Some(page) = pages.next().await {
        let page = page.expect("a page");
        assert_eq!(page.total_size, Some(3));
        uids.extend(page.players.iter().filter_map(|player| player.uid));
    }
    assert_eq!(uids, [1, 3, 4], "oldest first, channel a only");

    let found = find_player(
        &client,
        server.app_id(),
        &PlayerName::new("b_2").expect("a name"),
        None,
    )
    .await
    .expect("listed")
    .expect("found");
    assert_eq!(found.uid, Some(2));
}

#[tokio::test]
async fn uid_0_gets_a_uid_from_agora() {
    let server = MockServer::start().await;
    let answer = server
        .client()
        .send(&create(server.app_id(), player(0)))
        .await
        .expect("created");
    assert!(answer.player.uid.is_some_and(|uid| uid != 0));
}

#[tokio::test]
async fn the_notification_servers_are_listed() {
    let server = MockServer::start().await;
    let ips = server
        .client()
        .send(&GetNcsIps::builder().build())
        .await
        .expect("the addresses");
    assert!(ips.ips().count() >= 1);
}
