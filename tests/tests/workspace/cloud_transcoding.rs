//! Cloud Transcoding: every official example body survives a typed round
//! trip; the documented rules are refused before any I/O, naming the wire
//! field; both spellings of the watermark list and of the template's
//! video member decode, and the examples' spelling is sent; the calls that
//! change state are not idempotent; the session value carries the token
//! to every call of its task; RTC tokens stay out of `Debug`.

use agora_api::cloud_transcoding::{
    Canvas, CreateTranscodingTask, DestroyTranscodingTask, Output, QueryTranscodingTask, RtcStream,
    SetTranscodingTemplate, Transcoder, TranscodingBuilderToken, TranscodingServices,
    TranscodingTemplates, UpdateTranscodingTask,
};
use agora_api::types::TaskId;
use agora_api::{ChannelName, Endpoint, Error, FieldPath, Uid, Validate};
use agora_tests::examples::placeholder_app_id;
use agora_tests::{LocalServer, Reply, basic_client, official_examples};
use serde_json::{Value, json};

fn token() -> TranscodingBuilderToken {
    serde_json::from_value(json!({
        "tokenName": "xUwUbQf9Z",
        "createTs": 1_661_324_606,
        "instanceId": "show-42",
    }))
    .expect("a builder token")
}

fn rtc_output() -> Output {
    Output::rtc(RtcStream::new(
        ChannelName::new("show-mixed").expect("a channel"),
        Uid::new(1000).expect("a uid"),
        "secret-rtc-token",
    ))
}

#[test]
fn every_official_cloud_transcoding_example_round_trips_through_the_typed_types() {
    let Some(examples) = official_examples() else {
        return;
    };
    let client = basic_client("https://api.sd-rtn.com");
    let mut seen = 0;
    for record in &examples {
        let url = record["url"].as_str().unwrap_or_default();
        if !url.contains("/rtsc/cloud-transcoder/tasks") || record["body"].is_null() {
            continue;
        }
        let label = record["source"].as_str().unwrap_or_default();
        let services: TranscodingServices =
            serde_json::from_value(record["body"]["services"].clone())
                .unwrap_or_else(|e| panic!("{label}: {e}"));
        services
            .validate(&FieldPath::root("services"))
            .unwrap_or_else(|e| panic!("{label}: {e}"));
        let create = CreateTranscodingTask::new(placeholder_app_id(), &token(), services);
        let request = client
            .prepare(&create)
            .unwrap_or_else(|e| panic!("{label}: {e}"));
        let sent: Value =
            serde_json::from_slice(request.body().and_then(|b| b.as_bytes()).expect("a body"))
                .expect("JSON");
        assert_eq!(sent, record["body"], "{label}: the body survives");
        seen += 1;
    }
    assert!(
        seen > 0,
        "official_examples.jsonl holds a Cloud Transcoding body"
    );
}

#[tokio::test]
async fn a_broken_rule_is_refused_before_any_io_naming_the_wire_field() {
    let server = LocalServer::replying(Reply::json(200, "{}")).await;
    let client = basic_client(&server.url());
    let mut transcoder = Transcoder::new(Canvas::new(960, 480, 0), vec![rtc_output()]);
    transcoder
        .outputs
        .push(Output::cdn("rtmp://cdn.example/live/show"));
    let create = CreateTranscodingTask::new(
        placeholder_app_id(),
        &token(),
        TranscodingServices::new(transcoder),
    );
    let error = client.send(&create).await.expect_err("RTC and CDN outputs");
    let Error::InvalidInput(invalid) = &error else {
        panic!("not refused before I/O: {error}");
    };
    assert_eq!(
        invalid.field(),
        "services.cloudTranscoder.config.transcoder.outputs"
    );
    assert!(server.requests().is_empty(), "nothing was sent");
}

#[test]
fn the_watermark_list_is_sent_as_the_examples_spell_it_and_read_either_way() {
    let listed = |key: &str| {
        json!({
            "canvas": { "width": 960, "height": 480, "color": 0 },
            key: [{ "imageUrl": "https://example.png",
                    "region": { "x": 0, "y": 0, "width": 120, "height": 120, "zOrder": 0 } }],
            "outputs": [{ "streamUrl": "rtmp://cdn.example/live/show" }],
        })
    };
    for key in ["waterMarks", "watermarks"] {
        let transcoder: Transcoder = serde_json::from_value(listed(key)).expect(key);
        assert_eq!(
            transcoder.watermarks.as_ref().map(Vec::len),
            Some(1),
            "{key}"
        );
        let sent = serde_json::to_value(&transcoder).expect("encodes");
        assert_eq!(sent, listed("waterMarks"), "{key} is sent as waterMarks");
    }
}

#[test]
fn a_templates_video_decodes_under_both_documented_spellings() {
    for key in ["Video", "video"] {
        let answer: TranscodingTemplates = serde_json::from_value(json!({
            "status": "success",
            "data": { "enabled": true, "codecs": [
                { "id": "720p", "enabled": true, key: { "width": 1280, "height": 720, "fps": 30 } }
            ] },
        }))
        .expect(key);
        let data = answer.data.expect("data");
        assert_eq!(
            data.codecs[0].video.and_then(|video| video.width),
            Some(1280),
            "{key}"
        );
    }
}

#[test]
fn the_calls_that_change_state_are_never_retried_once_sent() {
    let endpoints: Vec<_> = agora_api::registry::endpoints()
        .filter(|info| info.module.starts_with("agora_api::cloud_transcoding"))
        .collect();
    assert!(!endpoints.is_empty());
    for info in endpoints {
        // Setting a template twice leaves the same template: the one
        // write that may be retried.
        let writes = info.method != "GET" && info.name != SetTranscodingTemplate::NAME;
        assert_eq!(info.idempotent, !writes, "{}", info.name);
    }
}

#[test]
fn the_session_carries_its_token_and_sequence_to_every_call_of_its_task() {
    let app_id = placeholder_app_id();
    let mut task = token().into_task(app_id.clone(), TaskId::new("task-1").expect("an ID"));
    let client = basic_client("https://api.sd-rtn.com");
    let base = "https://api.sd-rtn.com/v1/projects/0123456789abcdef0123456789abcdef/rtsc/cloud-transcoder/tasks/task-1";
    let query = client
        .prepare(&QueryTranscodingTask::of(&task))
        .expect("a query");
    assert_eq!(
        query.url().as_str(),
        format!("{base}?builderToken=xUwUbQf9Z")
    );
    let services = TranscodingServices::new(Transcoder::new(
        Canvas::new(960, 480, 0),
        vec![rtc_output()],
    ));
    for expected in 0..3 {
        let update = UpdateTranscodingTask::of(&mut task, services.clone()).expect("a sequence");
        let request = client.prepare(&update).expect("an update");
        assert_eq!(
            request.url().as_str(),
            format!(
                "{base}?builderToken=xUwUbQf9Z&sequenceId={expected}&updateMask=services.cloudTranscoder.config"
            )
        );
    }
    let destroy = client
        .prepare(&DestroyTranscodingTask::of(&task))
        .expect("a destroy");
    assert_eq!(
        destroy.url().as_str(),
        format!("{base}?builderToken=xUwUbQf9Z")
    );
}

#[test]
fn rtc_tokens_stay_out_of_debug() {
    let services = TranscodingServices::new(Transcoder::new(
        Canvas::new(960, 480, 0),
        vec![rtc_output()],
    ));
    let create = CreateTranscodingTask::new(placeholder_app_id(), &token(), services);
    let shown = format!("{create:?}");
    assert!(!shown.contains("secret-rtc-token"), "{shown}");
    assert!(shown.contains("show-mixed"), "the rest is shown: {shown}");
}
