//! The README's main command: `cargo run --example quickstart`.
//!
//! Starts the local Agora emulator (agora-mock) in this process and walks a
//! real scenario through agora-api: projects, a ban rule, a channel's
//! users, a whole Cloud Recording, an RTM token, a peer message sent with
//! token auth, and the user events.
//!
//! With `AGORA_CUSTOMER_ID`, `AGORA_CUSTOMER_SECRET` and `AGORA_APP_ID` set
//! (and optionally `AGORA_CHANNEL`), it runs the read-only part against
//! real Agora instead. It exits non-zero when a step fails.

use std::error::Error;
use std::process::ExitCode;

use agora_api::channel::{
    BanMinutes, ChannelUsers, CreateBanRule, ListBanRules, ListChannelUsers, Privilege,
};
use agora_api::cloud_recording::{
    Acquire, AcquireClientRequest, AmazonS3Region, AvFileType, ChannelType, Query, RecordingConfig,
    RecordingFileConfig, RecordingMode, Scene, Start, StartClientRequest, Stop, StopClientRequest,
    StorageConfig,
};
use agora_api::console::ListProjects;
use agora_api::rtm::{GetUserEvents, Payload, SendPeerMessage};
use agora_api::token::RtmTokenMinter;
use agora_api::{AppId, ChannelName, Client, RtmTokenSource, Uid, UidString, UserId};
use agora_mock::MockServer;

type Result<T> = std::result::Result<T, Box<dyn Error>>;

/// Numbers and names the steps, so a failure says where it happened.
struct Walk {
    step: usize,
    title: &'static str,
}

impl Walk {
    fn step(&mut self, title: &'static str) {
        self.step += 1;
        self.title = title;
        println!("\n{}. {title}", self.step);
    }
}

fn show_users(users: &ChannelUsers) {
    match users {
        ChannelUsers::NoChannel => println!("   nobody is in the channel"),
        ChannelUsers::Communication(users) => {
            println!(
                "   communication channel, {} users: {:?}",
                users.total, users.users
            );
        }
        ChannelUsers::LiveBroadcasting(users) => {
            println!("   live channel: hosts {:?}", users.broadcasters);
            println!(
                "   audience {:?} ({} in all)",
                users.audience.as_deref().unwrap_or_default(),
                users.audience_total.unwrap_or_default()
            );
        }
        other => println!("   {other:?}"),
    }
}

/// The whole scenario against the in-process emulator.
async fn emulated(walk: &mut Walk) -> Result<()> {
    let server = MockServer::start().await;
    let app_id = server.app_id().clone();
    let room = ChannelName::new("quickstart-room")?;
    println!(
        "Running against agora-mock, the local Agora emulator, at {}",
        server.url()
    );
    println!(
        "(set AGORA_CUSTOMER_ID, AGORA_CUSTOMER_SECRET and AGORA_APP_ID to run the read-only steps against Agora)"
    );
    println!(
        "Customer ID {:?}, App ID {app_id}",
        server.credentials().customer_id
    );
    // What SDK clients would be doing: two hosts and two viewers in the
    // RTC channel, Signaling users coming and going.
    server
        .channel(room.as_str())
        .host(1001)?
        .host(1002)?
        .audience(2001)?
        .audience(6666)?;
    server.rtm().login("bob").login("carol").logout("carol");
    let client = server.client();

    walk.step("List the account's projects (Basic auth)");
    let projects = client.send(&ListProjects::builder().build()).await?;
    for project in &projects.projects {
        println!(
            "   {:?}: App ID {}, status {:?}",
            project.name, project.vendor_key, project.status
        );
    }

    walk.step("Ban viewer 6666 from the channel for 10 minutes, then list the rules");
    let rule = client
        .send(
            &CreateBanRule::builder()
                .appid(app_id.clone())
                .cname(room.clone())
                .uid(Uid::new(6666)?)
                .time(BanMinutes::new(10)?)
                .privileges(vec![Privilege::JoinChannel])
                .build(),
        )
        .await?;
    println!("   created rule {}", rule.id);
    let rules = client
        .send(&ListBanRules::builder().appid(app_id.clone()).build())
        .await?;
    for rule in &rules.rules {
        println!(
            "   rule {}: uid {} in {:?}, bans {}, until {}",
            rule.id,
            rule.uid.map_or("any".to_owned(), |uid| uid.to_string()),
            rule.cname.as_deref().unwrap_or("any channel"),
            privileges(&rule.privileges),
            rule.ts.as_deref().unwrap_or("?")
        );
    }

    walk.step("Query the channel's users (the banned viewer was kicked out)");
    let users = client
        .send(
            &ListChannelUsers::builder()
                .appid(app_id.clone())
                .channel_name(room.clone())
                .build(),
        )
        .await?;
    show_users(&users.data);

    walk.step("Cloud Recording: acquire, start, query, stop");
    let recorder = UidString::new(527841)?;
    let resource = client
        .send(
            &Acquire::builder()
                .appid(app_id.clone())
                .cname(room.clone())
                .uid(recorder)
                .client_request(AcquireClientRequest {
                    scene: Some(Scene::Rtc),
                    resource_expired_hour: Some(24),
                    ..AcquireClientRequest::default()
                })
                .build(),
        )
        .await?;
    println!(
        "   acquired resource {}…",
        prefix(resource.resource_id.as_str(), 16)
    );
    let resource_id = resource.resource_id;
    let session = client
        .send(
            &Start::builder()
                .appid(app_id.clone())
                .resource_id(resource_id)
                .mode(RecordingMode::Mix)
                .cname(room.clone())
                .uid(recorder)
                .client_request(StartClientRequest {
                    recording_config: Some(RecordingConfig::new(ChannelType::LiveBroadcasting)),
                    recording_file_config: Some(RecordingFileConfig {
                        av_file_type: Some(vec![AvFileType::Hls, AvFileType::Mp4]),
                    }),
                    ..StartClientRequest::new(StorageConfig::amazon_s3(
                        AmazonS3Region::UsEast1,
                        "recordings",
                        "access-key",
                        "secret-key",
                    ))
                })
                .build(),
        )
        .await?;
    // A 2xx that is not a plain success may come without the IDs.
    let (Some(resource_id), Some(sid)) = (session.resource_id, session.sid) else {
        return Err(format!("start answered without a session: {:?}", session.reason).into());
    };
    println!("   started: sid {sid}");
    let state = client
        .send(
            &Query::builder()
                .appid(app_id.clone())
                .resource_id(resource_id.clone())
                .sid(sid.clone())
                .mode(RecordingMode::Mix)
                .build(),
        )
        .await?;
    println!(
        "   query: status {}, files so far {:?}",
        state
            .server_response
            .status
            .map_or("unknown".to_owned(), |status| format!("{status:?}")),
        state
            .server_response
            .file_list
            .as_ref()
            .map(|files| files.file_names())
            .unwrap_or_default()
    );
    let stopped = client
        .send(
            &Stop::builder()
                .appid(app_id.clone())
                .resource_id(resource_id)
                .sid(sid)
                .mode(RecordingMode::Mix)
                .cname(room.clone())
                .uid(recorder)
                .client_request(StopClientRequest::default())
                .build(),
        )
        .await?;
    println!(
        "   stopped: upload {}",
        stopped
            .server_response
            .upload_status()
            .map_or("unknown", |status| status.as_str())
    );
    for name in stopped
        .server_response
        .file_list
        .as_ref()
        .map(|files| files.file_names())
        .unwrap_or_default()
    {
        println!("   file {name}");
    }

    walk.step("Mint an RTM token for user \"alice\" (RtmTokenMinter)");
    let alice = UserId::new("alice")?;
    let minter = RtmTokenMinter::new(
        app_id.clone(),
        server.app_certificate().clone(),
        alice.clone(),
    )
    .lifetime_secs(600);
    let credentials = minter.credentials()?;
    println!(
        "   an AccessToken2 ({}) for {}, valid 10 minutes",
        credentials.version(),
        credentials.user_id()
    );

    walk.step("Send a peer message from alice to bob with token auth");
    let alice_client = Client::builder()
        .base_url(server.url())
        .rtm_token_source(minter)
        .build()?;
    let receipt = alice_client
        .send(
            &SendPeerMessage::builder()
                .appid(app_id.clone())
                .user_id(alice.clone())
                .destination(UserId::new("bob")?)
                .payload(Payload::new("Hello from the quickstart")?)
                .build(),
        )
        .await?;
    println!(
        "   Agora answered {}",
        receipt
            .code
            .as_ref()
            .map_or("nothing", |code| code.as_str())
    );
    let sent = server.journal();
    if let Some(last) = sent.last() {
        println!(
            "   sent as {} {} with Authorization: {}",
            last.method,
            last.target,
            last.header("authorization").unwrap_or("-")
        );
    }

    walk.step("Read the user events (each is handed out once)");
    let events = alice_client
        .send(&GetUserEvents::builder().appid(app_id.clone()).build())
        .await?;
    for event in &events.events {
        println!("   {} {} at {} ms", event.user_id, event.kind, event.ms);
    }
    let again = alice_client
        .send(&GetUserEvents::builder().appid(app_id).build())
        .await?;
    println!("   asked again: {} events left", again.events.len());

    println!(
        "\nThe emulator received {} requests:",
        server.journal().len()
    );
    for entry in server.journal() {
        println!(
            "   {} {:<7} {}",
            entry.status.map_or("---".to_owned(), |s| s.to_string()),
            entry.method,
            entry.endpoint_name().unwrap_or("(no route)")
        );
    }
    Ok(())
}

/// The read-only steps against real Agora.
async fn real(walk: &mut Walk, customer_id: String, secret: String, app_id: String) -> Result<()> {
    let app_id = AppId::new(app_id)?;
    let channel = std::env::var("AGORA_CHANNEL").unwrap_or_else(|_| "demo".to_owned());
    let channel = ChannelName::new(channel)?;
    println!(
        "Running the read-only steps against real Agora (api.agora.io) as customer {customer_id:?}"
    );
    println!("(the writing steps, recording and messages, run only against the local emulator)");
    let client = Client::builder().basic_auth(customer_id, secret).build()?;

    walk.step("List the account's projects");
    let projects = client.send(&ListProjects::builder().build()).await?;
    for project in &projects.projects {
        println!(
            "   {:?}: App ID {}, status {:?}",
            project.name, project.vendor_key, project.status
        );
    }

    walk.step("List the ban rules");
    let rules = client
        .send(&ListBanRules::builder().appid(app_id.clone()).build())
        .await?;
    println!("   {} rules", rules.rules.len());
    for rule in &rules.rules {
        println!("   rule {}: bans {}", rule.id, privileges(&rule.privileges));
    }

    walk.step("Query a channel's users");
    println!("   channel {channel:?} (AGORA_CHANNEL)");
    let users = client
        .send(
            &ListChannelUsers::builder()
                .appid(app_id)
                .channel_name(channel)
                .build(),
        )
        .await?;
    show_users(&users.data);
    Ok(())
}

fn privileges(privileges: &[Privilege]) -> String {
    privileges
        .iter()
        .map(Privilege::as_str)
        .collect::<Vec<_>>()
        .join(", ")
}

fn prefix(text: &str, len: usize) -> &str {
    text.get(..len).unwrap_or(text)
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let mut walk = Walk {
        step: 0,
        title: "start",
    };
    let env = |name| std::env::var(name).ok().filter(|value| !value.is_empty());
    let outcome = match (
        env("AGORA_CUSTOMER_ID"),
        env("AGORA_CUSTOMER_SECRET"),
        env("AGORA_APP_ID"),
    ) {
        (Some(id), Some(secret), Some(app_id)) => real(&mut walk, id, secret, app_id).await,
        _ => emulated(&mut walk).await,
    };
    match outcome {
        Ok(()) => {
            println!("\nAll {} steps passed.", walk.step);
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("\nStep {} ({}) failed: {error}", walk.step, walk.title);
            ExitCode::FAILURE
        }
    }
}
