//! Media Gateway on the wire: Agora's official example bodies round-trip
//! through the typed inputs; only the key create is never re-sent, and
//! every endpoint may be retried after a `409`; the Notifications IP
//! query is channel management's one endpoint, not a second binding.

use agora_api::media_gateway::{
    AppConfig, CreateStreamKey, DeleteStreamKey, DeleteStreamTemplate, DisconnectOnlineStream,
    GatewayApiVersion, GetOnlineStream, GetStreamKey, ListNotificationIps, ListOnlineStreams,
    MuteOnlineStream, MuteSettings, PutStreamTemplate, SetGlobalTemplate, StreamKeySettings,
    StreamSessionId, TemplateId, TemplateSettings, UpdateStreamTemplate,
};
use agora_api::{Endpoint, ServiceRegion, reqwest};
use agora_tests::basic_client;
use agora_tests::examples::placeholder_app_id;
use serde::Deserialize;
use serde_json::Value;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct KeyBody {
    settings: StreamKeySettings,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TemplateBody {
    settings: TemplateSettings,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AppConfigBody {
    settings: AppConfig,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MuteBody {
    settings: MuteSettings,
}

fn sent(request: Result<reqwest::Request, agora_api::Error>) -> Value {
    let request = request.expect("a request");
    serde_json::from_slice(request.body().and_then(|b| b.as_bytes()).expect("a body"))
        .expect("a JSON body")
}

fn template() -> TemplateId {
    TemplateId::new("720p").expect("a template ID")
}

fn session() -> StreamSessionId {
    StreamSessionId::new("6d8d3b2c1a0f4e5d").expect("a session ID")
}

#[test]
fn every_official_media_gateway_body_round_trips_through_the_typed_inputs() {
    let Some(examples) = agora_tests::official_examples() else {
        return;
    };
    let client = basic_client("https://api.agora.io");
    let region = ServiceRegion::NorthAmerica;
    let mut seen = Vec::new();
    for example in examples.iter().filter(|example| {
        example["source"]
            .as_str()
            .is_some_and(|source| source.contains("shared/media-gateway/"))
    }) {
        let body = &example["body"];
        if body.is_null() {
            continue;
        }
        let source = example["source"].as_str().unwrap_or_default();
        let page = source.rsplit('/').next().unwrap_or_default();
        let rebuilt = match page {
            "create-streaming-key.mdx" => {
                let parts: KeyBody = serde_json::from_value(body.clone()).expect("typed");
                sent(
                    client.prepare(
                        &CreateStreamKey::builder()
                            .region(region)
                            .app_id(placeholder_app_id())
                            .settings(parts.settings)
                            .build(),
                    ),
                )
            }
            "create-reset-template.mdx" => {
                let parts: TemplateBody = serde_json::from_value(body.clone()).expect("typed");
                sent(
                    client.prepare(
                        &PutStreamTemplate::builder()
                            .region(region)
                            .app_id(placeholder_app_id())
                            .template_id(template())
                            .settings(parts.settings)
                            .build(),
                    ),
                )
            }
            // Its curl line says PUT; the prototype's PATCH is bound
            // (exception update-template-example-put).
            "update-template.mdx" => {
                let parts: TemplateBody = serde_json::from_value(body.clone()).expect("typed");
                sent(
                    client.prepare(
                        &UpdateStreamTemplate::builder()
                            .region(region)
                            .app_id(placeholder_app_id())
                            .template_id(template())
                            .settings(parts.settings)
                            .build(),
                    ),
                )
            }
            "set-global-template.mdx" => {
                let parts: AppConfigBody = serde_json::from_value(body.clone()).expect("typed");
                sent(
                    client.prepare(
                        &SetGlobalTemplate::builder()
                            .region(region)
                            .app_id(placeholder_app_id())
                            .settings(parts.settings)
                            .build(),
                    ),
                )
            }
            "mute.mdx" => {
                let parts: MuteBody = serde_json::from_value(body.clone()).expect("typed");
                sent(
                    client.prepare(
                        &MuteOnlineStream::builder()
                            .region(region)
                            .version(GatewayApiVersion::V1)
                            .app_id(placeholder_app_id())
                            .sid(session())
                            .settings(parts.settings)
                            .build(),
                    ),
                )
            }
            other => panic!("no Media Gateway endpoint binds a body of {other}"),
        };
        assert_eq!(&rebuilt, body, "{source}");
        seen.push(page.to_owned());
    }
    seen.sort();
    assert_eq!(
        seen,
        [
            "create-reset-template.mdx",
            "create-streaming-key.mdx",
            "mute.mdx",
            "set-global-template.mdx",
            "update-template.mdx",
        ],
        "Agora's five bodies"
    );
}

#[test]
fn only_the_key_create_is_never_re_sent_and_every_endpoint_follows_a_409() {
    let facts = [
        (
            CreateStreamKey::NAME,
            CreateStreamKey::IDEMPOTENT,
            CreateStreamKey::RETRY_STATUSES,
        ),
        (
            GetStreamKey::NAME,
            GetStreamKey::IDEMPOTENT,
            GetStreamKey::RETRY_STATUSES,
        ),
        (
            DeleteStreamKey::NAME,
            DeleteStreamKey::IDEMPOTENT,
            DeleteStreamKey::RETRY_STATUSES,
        ),
        (
            PutStreamTemplate::NAME,
            PutStreamTemplate::IDEMPOTENT,
            PutStreamTemplate::RETRY_STATUSES,
        ),
        (
            UpdateStreamTemplate::NAME,
            UpdateStreamTemplate::IDEMPOTENT,
            UpdateStreamTemplate::RETRY_STATUSES,
        ),
        (
            DeleteStreamTemplate::NAME,
            DeleteStreamTemplate::IDEMPOTENT,
            DeleteStreamTemplate::RETRY_STATUSES,
        ),
        (
            SetGlobalTemplate::NAME,
            SetGlobalTemplate::IDEMPOTENT,
            SetGlobalTemplate::RETRY_STATUSES,
        ),
        (
            ListOnlineStreams::NAME,
            ListOnlineStreams::IDEMPOTENT,
            ListOnlineStreams::RETRY_STATUSES,
        ),
        (
            GetOnlineStream::NAME,
            GetOnlineStream::IDEMPOTENT,
            GetOnlineStream::RETRY_STATUSES,
        ),
        (
            DisconnectOnlineStream::NAME,
            DisconnectOnlineStream::IDEMPOTENT,
            DisconnectOnlineStream::RETRY_STATUSES,
        ),
        (
            MuteOnlineStream::NAME,
            MuteOnlineStream::IDEMPOTENT,
            MuteOnlineStream::RETRY_STATUSES,
        ),
    ];
    for (name, idempotent, retry) in facts {
        assert_eq!(idempotent, name != "CreateStreamKey", "{name}");
        assert_eq!(retry, [409], "{name}");
    }
}

#[test]
fn the_notifications_ip_query_is_one_endpoint_re_exported() {
    let registered: Vec<_> = agora_api::registry::endpoints()
        .filter(|info| info.method == "GET" && info.path == "/v2/ncs/ip")
        .collect();
    assert_eq!(registered.len(), 1, "{registered:?}");
    assert_eq!(registered[0].product(), "agora_api::channel");
    assert_eq!(ListNotificationIps::NAME, registered[0].name);
    assert!(
        agora_api::registry::endpoints()
            .filter(|info| info.product() == "agora_api::media_gateway")
            .all(|info| info.auth.iter().map(|s| s.name()).eq(["basic", "hmac"])),
        "every gateway endpoint takes Basic or HMAC"
    );
}
