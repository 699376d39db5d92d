//! Media Push on the wire: Agora's official example bodies round-trip
//! through the typed inputs; the update's mask is checked before any I/O;
//! only the create is never re-sent.

use agora_api::Endpoint;
use agora_api::media_push::{
    ConverterConfig, ConverterId, ConverterUpdate, CreateConverter, DeleteConverter, FieldMask,
    GetConverter, ListConverters, UpdateConverter,
};
use agora_api::{ServiceRegion, reqwest};
use agora_tests::basic_client;
use agora_tests::examples::placeholder_app_id;
use serde::Deserialize;
use serde_json::Value;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CreateBody {
    converter: ConverterConfig,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct UpdateBody {
    converter: ConverterUpdate,
    fields: FieldMask,
}

fn sent(request: Result<reqwest::Request, agora_api::Error>) -> Value {
    let request = request.expect("a request");
    serde_json::from_slice(request.body().and_then(|b| b.as_bytes()).expect("a body"))
        .expect("a JSON body")
}

#[test]
fn every_official_media_push_body_round_trips_through_the_typed_inputs() {
    let Some(examples) = agora_tests::official_examples() else {
        return;
    };
    let client = basic_client("https://api.agora.io");
    let mut methods = Vec::new();
    for example in examples.iter().filter(|example| {
        example["source"]
            .as_str()
            .is_some_and(|source| source.starts_with("media-push/"))
    }) {
        let body = &example["body"];
        let rebuilt = match example["method"].as_str() {
            Some("POST") => {
                let parts: CreateBody = serde_json::from_value(body.clone()).expect("typed");
                sent(
                    client.prepare(
                        &CreateConverter::builder()
                            .region(ServiceRegion::China)
                            .app_id(placeholder_app_id())
                            .converter(parts.converter)
                            .build(),
                    ),
                )
            }
            Some("PATCH") => {
                let parts: UpdateBody = serde_json::from_value(body.clone()).expect("typed");
                sent(
                    client.prepare(
                        &UpdateConverter::builder()
                            .region(ServiceRegion::China)
                            .app_id(placeholder_app_id())
                            .converter_id(
                                ConverterId::new("4c014467d647bb87b60b719f6fa57686")
                                    .expect("an ID"),
                            )
                            .sequence(0)
                            .converter(parts.converter)
                            .fields(parts.fields)
                            .build(),
                    ),
                )
            }
            other => panic!("no Media Push endpoint binds {other:?} with a body"),
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
        (CreateConverter::NAME, CreateConverter::IDEMPOTENT),
        (UpdateConverter::NAME, UpdateConverter::IDEMPOTENT),
        (DeleteConverter::NAME, DeleteConverter::IDEMPOTENT),
        (GetConverter::NAME, GetConverter::IDEMPOTENT),
        (ListConverters::NAME, ListConverters::IDEMPOTENT),
    ];
    assert_eq!(
        idempotent,
        [
            ("CreateConverter", false),
            ("UpdateConverter", true),
            ("DeleteConverter", true),
            ("GetConverter", true),
            ("ListConverters", true),
        ]
    );
}

#[test]
fn a_mask_that_does_not_match_the_update_is_refused_before_any_io() {
    let update: ConverterUpdate = serde_json::from_value(serde_json::json!({
        "rtmpUrl": "rtmp://example.agora.io/live/b",
        "jitterBufferSizeMs": 500
    }))
    .expect("an update");
    let call = |fields: &str| {
        UpdateConverter::builder()
            .region(ServiceRegion::Europe)
            .app_id(placeholder_app_id())
            .converter_id(ConverterId::new("4c014467d647bb87b60b719f6fa57686").expect("an ID"))
            .sequence(1)
            .converter(update.clone())
            .fields(fields.parse::<FieldMask>().expect("a mask"))
            .build()
    };
    let client = basic_client("https://api.agora.io");
    for (mask, rule) in [
        ("", "must name at least one member"),
        (
            "rtmpUrl",
            "does not name \"jitterBufferSizeMs\", which the update sets",
        ),
        (
            "rtmpUrl,jitterBufferSizeMs,transcodeOptions.videoOptions.codec",
            "names \"transcodeOptions.videoOptions.codec\", which Agora does not let an update change",
        ),
    ] {
        let error = client.prepare(&call(mask)).expect_err("refused");
        let agora_api::Error::InvalidInput(error) = error else {
            panic!("not an input error: {error:?}");
        };
        assert_eq!((error.field(), error.rule()), ("fields", rule));
    }
    client
        .prepare(&call(&update.field_mask().to_string()))
        .expect("the mask the update writes");
    client
        .prepare(&call("rtmpUrl,jitterBufferSizeMs"))
        .expect("in any order");
}
