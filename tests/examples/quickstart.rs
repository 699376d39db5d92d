//! The three first endpoints end to end against a local server that answers
//! with Agora's documented example responses: list projects (Basic auth),
//! fetch user events (RTM token auth) and acquire a Cloud Recording resource
//! (a JSON body). Run it with `cargo run --example quickstart`.

use agora_api::cloud_recording::{Acquire, AcquireClientRequest, Scene};
use agora_api::console::ListProjects;
use agora_api::rtm::GetUserEvents;
use agora_api::{AppId, ChannelName, Client, UidString, UserId};
use agora_tests::{LocalServer, Reply, spec_entry};

fn documented_reply(file: &str, endpoint: &str) -> Reply {
    let response = &spec_entry(file, endpoint)["examples"][0]["response"];
    Reply::json(
        response["status"]
            .as_u64()
            .map_or(200, |status| status as u16),
        response["body"].to_string(),
    )
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let projects = documented_reply("console", "ListProjects");
    let events = documented_reply("rtm", "GetUserEvents");
    let acquired = documented_reply("cloud-recording", "Acquire");
    let server = LocalServer::start(move |request| {
        if request.target.ends_with("/projects") {
            projects.clone()
        } else if request.target.ends_with("/user_events") {
            events.clone()
        } else {
            acquired.clone()
        }
    })
    .await;
    println!("local Agora stand-in at {}", server.url());

    let app_id = AppId::new("876922cbca0098dff4323566daa89675")?;
    let basic = Client::builder()
        .basic_auth("customer_id", "customer_secret")
        .base_url(server.url())
        .build()?;

    println!("\n1. GET /dev/v1/projects (Basic auth)");
    let list = basic.send(&ListProjects::builder().build()).await?;
    for project in &list.projects {
        println!(
            "   project {:?}: App ID {}, {:?}",
            project.name, project.vendor_key, project.status
        );
    }

    println!("\n2. GET /dev/v2/project/{{appid}}/rtm/vendor/user_events (RTM token auth)");
    let token_client = Client::builder()
        .rtm_token("006example-token", UserId::new("rtm_server")?)
        .base_url(server.url())
        .build()?;
    let user_events = token_client
        .send(&GetUserEvents::builder().appid(app_id.clone()).build())
        .await?;
    for event in &user_events.events {
        println!("   {} {} at {} ms", event.user_id, event.kind, event.ms);
    }

    println!("\n3. POST /v1/apps/{{appid}}/cloud_recording/acquire (JSON body)");
    let resource = basic
        .send(
            &Acquire::builder()
                .appid(app_id)
                .cname(ChannelName::new("demo")?)
                .uid(UidString::new(527841)?)
                .client_request(AcquireClientRequest {
                    scene: Some(Scene::Rtc),
                    resource_expired_hour: Some(24),
                    ..AcquireClientRequest::default()
                })
                .build(),
        )
        .await?;
    println!(
        "   resource ID {} for uid {}",
        resource.resource_id, resource.uid
    );

    println!("\nWhat the server received:");
    for request in server.requests() {
        let auth = if request.header("x-agora-token").is_some() {
            "x-agora-token + x-agora-uid"
        } else {
            "Authorization: Basic ..."
        };
        println!("   {} {}  [{auth}]", request.method, request.target);
    }
    Ok(())
}
