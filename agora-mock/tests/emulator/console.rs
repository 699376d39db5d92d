//! The Console API on the emulator, through agora-api: projects keep their
//! state, new projects serve the other products, documented errors come
//! back as documented, and what Agora refuses is refused.

#![allow(deprecated)]

use crate::support::{Raw, api_error};
use agora_api::channel::ListBanRules;
use agora_api::console::{
    CreateProject, DeleteProject, GetProject, GetUsage, GetUsageV1, ListProjects, ProjectId,
    ProjectIds, ProjectName, ProjectStatus, RecordingServer, ResetPrimaryCertificate,
    SetPrimaryCertificate, SetProjectStatus, SetRecordingServer, UsageBusiness, UsageDate,
};
use agora_api::rtm::GetUserEvents;
use agora_api::{AppId, Client, RetryPolicy, UserId};
use agora_mock::{DEFAULT_PROJECT_NAME, MockServer};

fn create(name: &str) -> CreateProject {
    CreateProject::builder()
        .name(ProjectName::new(name).expect("a valid name"))
        .enable_sign_key(true)
        .build()
}

#[tokio::test]
async fn the_first_project_carries_the_servers_app_id_and_certificate() {
    let server = MockServer::start().await;
    let projects = server
        .client()
        .send(&ListProjects::builder().build())
        .await
        .expect("projects");
    assert_eq!(projects.projects.len(), 1);
    let project = &projects.projects[0];
    assert_eq!(project.name, DEFAULT_PROJECT_NAME);
    assert_eq!(project.vendor_key, server.app_id().as_str());
    assert_eq!(
        project.sign_key.as_ref().map(|key| key.expose()),
        Some(server.app_certificate().expose_secret())
    );
    assert_eq!(project.status, ProjectStatus::Enabled);
}

#[tokio::test]
async fn a_created_project_is_listed_found_and_serves_the_other_products() {
    let server = MockServer::start().await;
    let client = server.client();
    let created = client.send(&create("project 2")).await.expect("created");
    let project = created.project.expect("the new project");
    assert_eq!(project.vendor_key.len(), 32);
    assert_ne!(project.vendor_key, server.app_id().as_str());
    assert!(project.sign_key.is_some(), "enable_sign_key was true");

    let found = client
        .send(
            &GetProject::builder()
                .id(project.project_id().expect("an ID"))
                .name(ProjectName::new("project 2").expect("a name"))
                .build(),
        )
        .await
        .expect("found");
    assert_eq!(found.projects[0].vendor_key, project.vendor_key);
    let all = client
        .send(&ListProjects::builder().build())
        .await
        .expect("listed");
    assert_eq!(all.projects.len(), 2);

    // Its App ID is accepted at once by another product.
    let app_id = AppId::new(project.vendor_key.as_str()).expect("an App ID");
    let rules = client
        .send(&ListBanRules::builder().appid(app_id).build())
        .await
        .expect("the new App ID is a project of the account");
    assert!(rules.rules.is_empty());
    // Project calls answer 201, as Agora's page documents.
    assert!(
        server
            .journal()
            .iter()
            .take(2)
            .all(|e| e.status == Some(201))
    );
}

#[tokio::test]
async fn a_duplicate_name_and_a_twenty_first_project_are_400() {
    let server = MockServer::start().await;
    let client = server.client();
    let duplicate = client
        .send(&create(DEFAULT_PROJECT_NAME))
        .await
        .expect_err("the name is taken");
    assert_eq!(api_error(&duplicate).status, 400);
    assert_eq!(
        api_error(&duplicate).message.as_deref(),
        Some("project name duplicated")
    );

    for n in 2..=20 {
        client
            .send(&create(&format!("project {n}")))
            .await
            .expect("up to 20 projects");
    }
    // Deleting one does not give its place back.
    let last = client
        .send(&ListProjects::builder().build())
        .await
        .expect("listed")
        .projects
        .pop()
        .expect("a project");
    client
        .send(
            &DeleteProject::builder()
                .id(last.project_id().expect("an ID"))
                .build(),
        )
        .await
        .expect("deleted");
    let over = client
        .send(&create("project 21"))
        .await
        .expect_err("20 at most, deleted ones included");
    assert_eq!(api_error(&over).status, 400);
    assert!(
        api_error(&over)
            .message
            .as_deref()
            .is_some_and(|m| m.contains("over limit"))
    );
}

#[tokio::test]
async fn status_recording_server_and_certificate_change_the_project() {
    let server = MockServer::start().await;
    let client = server.client();
    let id = client
        .send(&ListProjects::builder().build())
        .await
        .expect("listed")
        .projects[0]
        .project_id()
        .expect("an ID");

    let disabled = client
        .send(
            &SetProjectStatus::builder()
                .id(id.clone())
                .status(ProjectStatus::Disabled)
                .build(),
        )
        .await
        .expect("disabled");
    assert_eq!(
        disabled.project.expect("the project").status,
        ProjectStatus::Disabled
    );

    let with_server = client
        .send(
            &SetRecordingServer::builder()
                .id(id.clone())
                .recording_server(RecordingServer::new("10.12.1.5:8080").expect("ip:port"))
                .build(),
        )
        .await
        .expect("set");
    assert_eq!(
        with_server
            .project
            .expect("the project")
            .recording_server
            .as_deref(),
        Some("10.12.1.5:8080")
    );

    let without_key = client
        .send(
            &SetPrimaryCertificate::builder()
                .id(id.clone())
                .enable(false)
                .build(),
        )
        .await
        .expect("disabled certificate");
    assert!(without_key.project.expect("the project").sign_key.is_none());

    let reset = client
        .send(&ResetPrimaryCertificate::builder().id(id).build())
        .await
        .expect("reset");
    let project = reset.project.expect("the project");
    let key = project.sign_key.expect("a reset enables the certificate");
    assert_ne!(key.expose(), server.app_certificate().expose_secret());
}

#[tokio::test]
async fn resetting_the_certificate_invalidates_tokens_signed_with_the_old_one() {
    let server = MockServer::start().await;
    let events = GetUserEvents::builder()
        .appid(server.app_id().clone())
        .build();
    let token_client = server.rtm_client(UserId::new("alice").expect("a user"));
    token_client
        .send(&events)
        .await
        .expect("a token signed with the certificate");

    let id = server
        .client()
        .send(&ListProjects::builder().build())
        .await
        .expect("listed")
        .projects[0]
        .project_id()
        .expect("an ID");
    server
        .client()
        .send(&ResetPrimaryCertificate::builder().id(id).build())
        .await
        .expect("reset");
    let refused = token_client
        .send(&events)
        .await
        .expect_err("the old certificate no longer signs valid tokens");
    assert_eq!(api_error(&refused).status, 401);
}

#[tokio::test]
async fn unknown_projects_are_404_and_the_legacy_delete_answers_its_own_way() {
    let server = MockServer::start().await;
    let client = server.client();
    let missing = client
        .send(
            &GetProject::builder()
                .id(ProjectId::new("nope").expect("an ID"))
                .name(ProjectName::new("nope").expect("a name"))
                .build(),
        )
        .await
        .expect_err("no such project");
    assert_eq!(api_error(&missing).status, 404);

    let id = client
        .send(&ListProjects::builder().build())
        .await
        .expect("listed")
        .projects[0]
        .project_id()
        .expect("an ID");
    let deleted = client
        .send(&DeleteProject::builder().id(id.clone()).build())
        .await
        .expect("deleted");
    assert_eq!(deleted.success, Some(true));
    let again = client
        .send(&DeleteProject::builder().id(id).build())
        .await
        .expect_err("already deleted");
    assert_eq!(api_error(&again).status, 404);
    assert_eq!(
        api_error(&again).message.as_deref(),
        Some("project not exist")
    );
    // Its App ID no longer belongs to the account.
    let gone = client
        .send(
            &ListBanRules::builder()
                .appid(server.app_id().clone())
                .build(),
        )
        .await
        .expect_err("a deleted project's App ID");
    assert_eq!(api_error(&gone).status, 400);
}

#[tokio::test]
async fn usage_has_one_stable_entry_per_day() {
    let server = MockServer::start().await;
    let client = server.client();
    let id = client
        .send(&ListProjects::builder().build())
        .await
        .expect("listed")
        .projects[0]
        .project_id()
        .expect("an ID");
    let usage = GetUsage::builder()
        .project_id(id.clone())
        .from_date(UsageDate::new("2024-02-27").expect("a date"))
        .to_date(UsageDate::new("2024-03-01").expect("a date"))
        .business(UsageBusiness::Default)
        .build();
    let first = client.send(&usage).await.expect("usage");
    assert_eq!(first.usages.len(), 4, "27, 28, 29 February and 1 March");
    assert_eq!(
        first.usages[2]
            .date
            .date()
            .map(|d| d.to_string())
            .as_deref(),
        Some("2024-02-29")
    );
    assert!(first.meta.contains_key("durationAudioAll"));
    let second = client.send(&usage).await.expect("usage again");
    assert_eq!(
        first.usages[3].usage.duration_audio_all, second.usages[3].usage.duration_audio_all,
        "the same question gets the same numbers"
    );
    assert_eq!(server.journal()[1].status, Some(200));

    let legacy = client
        .send(
            &GetUsageV1::builder()
                .from_date(UsageDate::new("2015-01-01").expect("a date"))
                .to_date(UsageDate::new("2015-01-03").expect("a date"))
                .projects(format!("{id},unknown").parse::<ProjectIds>().expect("IDs"))
                .build(),
        )
        .await
        .expect("legacy usage");
    assert_eq!(legacy.usages.len(), 1, "unknown project IDs are ignored");
    assert_eq!(legacy.usages[0].daily.len(), 3);
    assert_eq!(legacy.usages[0].daily[0].date, 20150101);
}

/// Malformed requests are `invalid` cases in `specs/`, refused by the
/// client and the emulator alike (`tests/tests/workspace/invalid.rs`);
/// here, what goes wrong before a request can be decoded.
#[tokio::test]
async fn what_the_console_api_refuses_the_emulator_refuses() {
    let server = MockServer::start().await;
    let raw = Raw::new(&server);

    let not_json = raw
        .send(
            "POST",
            "/dev/v1/project",
            &[
                ("authorization", raw.basic_header()),
                ("content-type", "application/json"),
            ],
            Some("{name"),
        )
        .await;
    assert_eq!(not_json.status, 400);
    let wrong_type = raw
        .send(
            "POST",
            "/dev/v1/project",
            &[
                ("authorization", raw.basic_header()),
                ("content-type", "text/plain"),
            ],
            Some(r#"{"name":"x","enable_sign_key":true}"#),
        )
        .await;
    assert_eq!(
        wrong_type.status, 415,
        "Console documents 415 for a non-JSON body"
    );
    assert_eq!(
        server
            .client()
            .send(&ListProjects::builder().build())
            .await
            .expect("listed")
            .projects
            .len(),
        1,
        "nothing refused changed the state"
    );
}

#[tokio::test]
async fn a_client_with_retries_reaches_the_emulator_through_client_builder() {
    let server = MockServer::start().await;
    let client: Client = server
        .client_builder()
        .retry(RetryPolicy::default().max_attempts(2))
        .build()
        .expect("a client");
    client
        .send(&ListProjects::builder().build())
        .await
        .expect("projects");
}
