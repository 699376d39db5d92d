//! Media Pull on the wire: Agora's official example bodies round-trip
//! through the typed inputs; the filter is URL-encoded; the player's
//! secrets stay out of `Debug`; only the create is never re-sent.

use agora_api::Endpoint;
use agora_api::media_pull::{
    CreatePlayer, DeletePlayer, ListPlayers, PlayerConfig, PlayerFilter, PlayerId, PlayerUpdate,
    UpdatePlayer,
};
use agora_api::{ChannelName, Secret, ServiceRegion, reqwest};
use agora_tests::basic_client;
use agora_tests::examples::placeholder_app_id;
use serde::Deserialize;
use serde_json::Value;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CreateBody {
    player: PlayerConfig,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct UpdateBody {
    player: PlayerUpdate,
}

fn sent(request: Result<reqwest::Request, agora_api::Error>) -> Value {
    let request = request.expect("a request");
    serde_json::from_slice(request.body().and_then(|b| b.as_bytes()).expect("a body"))
        .expect("a JSON body")
}

#[test]
fn every_official_media_pull_body_round_trips_through_the_typed_inputs() {
    let Some(examples) = agora_tests::official_examples() else {
        return;
    };
    let client = basic_client("https://api.sd-rtn.com");
    let mut methods = Vec::new();
    for example in examples.iter().filter(|example| {
        example["source"]
            .as_str()
            .is_some_and(|source| source.starts_with("media-pull/"))
    }) {
        let body = &example["body"];
        let rebuilt = match example["method"].as_str() {
            Some("POST") => {
                let parts: CreateBody = serde_json::from_value(body.clone()).expect("typed");
                sent(
                    client.prepare(
                        &CreatePlayer::builder()
                            .region(ServiceRegion::China)
                            .app_id(placeholder_app_id())
                            .player(parts.player)
                            .build(),
                    ),
                )
            }
            Some("PATCH") => {
                let parts: UpdateBody = serde_json::from_value(body.clone()).expect("typed");
                sent(
                    client.prepare(
                        &UpdatePlayer::builder()
                            .region(ServiceRegion::China)
                            .app_id(placeholder_app_id())
                            .id(PlayerId::new("2a784467d647bb87b60b719f6fa56317").expect("an ID"))
                            .sequence(0)
                            .player(parts.player)
                            .build(),
                    ),
                )
            }
            other => panic!("no Media Pull endpoint binds {other:?} with a body"),
        };
        assert_eq!(&rebuilt, body, "{}", example["source"]);
        methods.push(example["method"].as_str().unwrap_or_default().to_owned());
    }
    methods.sort();
    assert_eq!(
        methods,
        ["PATCH", "POST"],
        "Agora's create and update bodies"
    );
}

#[test]
fn only_the_create_is_never_re_sent() {
    // The sequence makes a repeated update a no-op.
    let idempotent = [
        (CreatePlayer::NAME, CreatePlayer::IDEMPOTENT),
        (UpdatePlayer::NAME, UpdatePlayer::IDEMPOTENT),
        (DeletePlayer::NAME, DeletePlayer::IDEMPOTENT),
        (ListPlayers::NAME, ListPlayers::IDEMPOTENT),
    ];
    assert_eq!(
        idempotent,
        [
            ("CreatePlayer", false),
            ("UpdatePlayer", true),
            ("DeletePlayer", true),
            ("ListPlayers", true),
        ]
    );
}

#[test]
fn the_filter_is_one_encoded_query_value() {
    let list = ListPlayers::builder()
        .app_id(placeholder_app_id())
        .filter(PlayerFilter::channel(
            ChannelName::new("big class&co").expect("a channel name"),
        ))
        .build();
    let request = basic_client("https://api.agora.io")
        .prepare(&list)
        .expect("a request");
    assert_eq!(
        request.url().query(),
        Some("filter=channelName%20eq%20big%20class%26co")
    );
}

#[test]
fn the_token_and_the_key_stay_out_of_debug() {
    let player = PlayerConfig {
        token: Some(Secret::new("007eJxTsecret-token")),
        encrypt_key: Some(Secret::new("the-encryption-key")),
        ..PlayerConfig::with_uid(
            ChannelName::new("class32").expect("a channel name"),
            "rtmp://example.agora.io/live".parse().expect("a URL"),
            101,
        )
    };
    let shown = format!("{player:?}");
    assert!(!shown.contains("secret-token") && !shown.contains("the-encryption-key"));
}
