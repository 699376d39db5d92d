//! The first three endpoints on the wire: each documented example request is
//! reproduced exactly (method, URL, headers, body) and each documented
//! example response decodes.

use agora_api::cloud_recording::{Acquire, AcquireClientRequest, Scene};
use agora_api::console::{ListProjects, ProjectStatus};
use agora_api::rtm::{GetUserEvents, Outcome, UserEventKind};
use agora_api::{AppId, ChannelName, UidString};
use agora_tests::{BASIC_HEADER, LocalServer, Recorded, Reply, basic_client, spec_entry};

/// The example request of a spec entry, checked against what the server saw.
fn assert_matches_example(seen: &Recorded, entry: &serde_json::Value) {
    let example = &entry["examples"][0]["request"];
    assert_eq!(seen.method, example["method"], "method");
    let url = example["url"].as_str().expect("an example URL");
    let path = url
        .splitn(4, '/')
        .nth(3)
        .map(|rest| format!("/{rest}"))
        .expect("a path in the example URL");
    assert_eq!(seen.target, path, "path and query");
    assert_eq!(seen.header("authorization"), Some(BASIC_HEADER));
    assert_eq!(seen.header("content-type"), Some("application/json"));
    assert_eq!(seen.header("x-agora-token"), None);
    assert_eq!(seen.json(), example["body"], "body");
}

fn example_response(entry: &serde_json::Value) -> Reply {
    let response = &entry["examples"][0]["response"];
    Reply::json(
        response["status"].as_u64().expect("a status") as u16,
        response["body"].to_string(),
    )
}

#[tokio::test]
async fn list_projects_sends_the_documented_request_and_decodes_the_example() {
    let entry = spec_entry("console", "ListProjects");
    let server = LocalServer::replying(example_response(&entry)).await;
    let client = basic_client(&server.url());

    let projects = client
        .send(&ListProjects::builder().build())
        .await
        .expect("the documented response decodes");

    assert_matches_example(&server.single_request(), &entry);
    let project = &projects.projects[0];
    assert_eq!(project.name, "project1");
    assert_eq!(project.vendor_key, "4855xxxxxxxxxxxxxxxxxxxxxxxxeae2");
    assert_eq!(project.status, ProjectStatus::Enabled);
    assert_eq!(project.created, 1464165672);
    assert_eq!(project.recording_server, None);
    assert_eq!(
        format!("{:?}", project.sign_key),
        "Some(Secret(<redacted>))",
        "the App Certificate is decoded and redacted in Debug"
    );
}

#[tokio::test]
async fn user_events_sends_the_documented_request_and_decodes_the_example() {
    let entry = spec_entry("rtm", "GetUserEvents");
    let server = LocalServer::replying(example_response(&entry)).await;
    let client = basic_client(&server.url());

    let events = client
        .send(
            &GetUserEvents::builder()
                .appid(AppId::new("876922cbca0098dff4323566daa89675").expect("a valid App ID"))
                .build(),
        )
        .await
        .expect("the documented response decodes");

    assert_matches_example(&server.single_request(), &entry);
    assert_eq!(events.result, Some(Outcome::Success));
    assert_eq!(events.request_id.as_deref(), Some("10116762670167749259"));
    assert_eq!(events.events.len(), 1);
    assert_eq!(events.events[0].user_id, "rtmtest_RTM_4852_4857w7%");
    assert_eq!(events.events[0].kind, UserEventKind::Login);
    assert_eq!(events.events[0].ms, 1578027420761);
}

#[tokio::test]
async fn user_events_decode_the_legacy_1x_spelling_and_unknown_kinds() {
    let server = LocalServer::replying(Reply::json(
        200,
        r#"{"result":"success","request_id":"1","events":[{"user_id":"u","type":"Kicked","ts":5}]}"#,
    ))
    .await;
    let events = basic_client(&server.url())
        .send(
            &GetUserEvents::builder()
                .appid(AppId::new("876922cbca0098dff4323566daa89675").expect("a valid App ID"))
                .build(),
        )
        .await
        .expect("1.x events decode");
    assert_eq!(events.events[0].ms, 5);
    assert_eq!(events.events[0].kind, UserEventKind::Other("Kicked".into()));
}

#[tokio::test]
async fn acquire_sends_the_documented_request_and_decodes_the_example() {
    let entry = spec_entry("cloud-recording", "Acquire");
    let server = LocalServer::replying(example_response(&entry)).await;
    let client = basic_client(&server.url());

    let acquire = Acquire::builder()
        .appid(AppId::new("0123456789abcdef0123456789abcdef").expect("a valid App ID"))
        .cname(ChannelName::new("<your_channel_name>").expect("a valid channel name"))
        .uid(UidString::new(527841).expect("a valid uid"))
        .client_request(AcquireClientRequest {
            scene: Some(Scene::Rtc),
            resource_expired_hour: Some(24),
            ..AcquireClientRequest::default()
        })
        .build();
    let resource = client
        .send(&acquire)
        .await
        .expect("the documented response decodes");

    assert_matches_example(&server.single_request(), &entry);
    assert_eq!(resource.cname, "<your_channel_name>");
    assert_eq!(resource.uid, "527841");
    assert_eq!(resource.resource_id, "JyvK8nXHuV1BE.....");
}

#[tokio::test]
async fn acquire_rejects_an_out_of_range_expiry_before_sending() {
    let server = LocalServer::replying(Reply::json(200, "{}")).await;
    let acquire = Acquire::builder()
        .appid(AppId::new("0123456789abcdef0123456789abcdef").expect("a valid App ID"))
        .cname(ChannelName::new("demo").expect("a valid channel name"))
        .uid(UidString::new(1).expect("a valid uid"))
        .client_request(AcquireClientRequest {
            resource_expired_hour: Some(721),
            ..AcquireClientRequest::default()
        })
        .build();
    let error = basic_client(&server.url())
        .send(&acquire)
        .await
        .expect_err("721 hours is out of range");
    assert_eq!(
        error.to_string(),
        "invalid `clientRequest.resourceExpiredHour`: must be from 1 to 720 hours (got 721)"
    );
    assert!(server.requests().is_empty(), "nothing was sent");
}
