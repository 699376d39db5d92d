//! The Console API (project management and usage) against its documentation:
//!
//! - every endpoint sends its documented request and decodes its documented
//!   answer through the client (a loopback server plays Agora);
//! - every documented input rule fails before any I/O, naming the field and
//!   the rule;
//! - the answers Agora documents in more than one shape decode in each:
//!   `project` as an object or an array, `projects` or `project` for one
//!   project, the legacy `{"success": true}`, the usage `date` as a number
//!   or an ISO string, unknown status values and metrics;
//! - idempotency is what each call's effect allows;
//! - Agora's official example bodies decode into the typed inputs and come
//!   back out byte-for-byte equal as JSON.

// The two legacy endpoints are deprecated; testing them is deliberate.
#![allow(deprecated)]

use std::path::PathBuf;

use agora_api::console::{
    CreateProject, DeleteProject, GetProject, GetUsage, GetUsageV1, ListProjects, ProjectId,
    ProjectIds, ProjectName, ProjectResponse, ProjectStatus, Projects, RecordingServer,
    ResetPrimaryCertificate, SetPrimaryCertificate, SetProjectStatus, SetRecordingServer, Usage,
    UsageBusiness, UsageDate, UsageDay, UsageV1,
};
use agora_api::{Endpoint, Error, InvalidInput};
use agora_tests::{BASIC_HEADER, LocalServer, Recorded, Reply, basic_client, spec_entry};
use serde::Deserialize;
use serde_json::{Value, json};

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

/// The example `name` of `endpoint` in `specs/console.json`.
fn documented(endpoint: &str, name: &str) -> Value {
    let entry = spec_entry("console", endpoint);
    entry["examples"]
        .as_array()
        .and_then(|examples| examples.iter().find(|example| example["name"] == name))
        .cloned()
        .unwrap_or_else(|| panic!("specs/console.json has no example {name:?} for {endpoint}"))
}

/// Sends `request` to a loopback server answering the documented response
/// of example `name`; checks the request the server saw against the
/// documented one and returns the decoded answer.
async fn send_documented<E: Endpoint>(request: &E, name: &str) -> E::Response {
    let example = documented(E::NAME, name);
    let response = &example["response"];
    let reply = Reply::json(
        u16::try_from(response["status"].as_u64().expect("a status")).expect("an HTTP status"),
        response["body"].to_string(),
    );
    let server = LocalServer::replying(reply).await;
    let decoded = basic_client(&server.url())
        .send(request)
        .await
        .unwrap_or_else(|e| panic!("{} ({name}): {e}", E::NAME));
    assert_is_documented_request(&server.single_request(), &example["request"]);
    decoded
}

fn assert_is_documented_request(seen: &Recorded, documented: &Value) {
    assert_eq!(seen.method, documented["method"], "method");
    let url = documented["url"].as_str().expect("an example URL");
    let path = url
        .splitn(4, '/')
        .nth(3)
        .map(|rest| format!("/{rest}"))
        .expect("a path in the example URL");
    assert_eq!(seen.target, path, "path and query");
    assert_eq!(seen.header("authorization"), Some(BASIC_HEADER));
    assert_eq!(seen.header("content-type"), Some("application/json"));
    assert_eq!(seen.json(), documented["body"], "body");
}

/// Sends `request` to a server that would accept anything, expects an
/// invalid-input error, and checks that nothing reached the server.
async fn rejected_before_io<E: Endpoint>(request: &E) -> InvalidInput {
    let server = LocalServer::replying(Reply::json(201, "{}")).await;
    let outcome = basic_client(&server.url()).send(request).await;
    assert!(
        server.requests().is_empty(),
        "{}: an invalid request reached the server",
        E::NAME
    );
    match outcome {
        Err(Error::InvalidInput(invalid)) => invalid,
        Err(other) => panic!("{}: expected invalid input, got {other}", E::NAME),
        Ok(_) => panic!("{}: an invalid request succeeded", E::NAME),
    }
}

fn id(value: &str) -> ProjectId {
    ProjectId::new(value).expect("a valid project ID")
}

fn name(value: &str) -> ProjectName {
    ProjectName::new(value).expect("a valid project name")
}

fn date(value: &str) -> UsageDate {
    UsageDate::new(value).expect("a valid date")
}

fn usage(from: &str, to: &str, business: UsageBusiness) -> GetUsage {
    GetUsage::builder()
        .project_id(id("rxxxxxxj5u"))
        .from_date(date(from))
        .to_date(date(to))
        .business(business)
        .build()
}

// ---------------------------------------------------------------------------
// Every endpoint on the wire, with its documented answer
// ---------------------------------------------------------------------------

#[tokio::test]
async fn create_project_sends_the_documented_body_and_decodes_both_answer_shapes() {
    let create = CreateProject::builder()
        .name(name("project1"))
        .enable_sign_key(true)
        .build();

    // The reference page answers with an object ...
    let object = send_documented(&create, "documented").await;
    let project = object.project.expect("the created project");
    assert_eq!(project.id, "xxxx");
    assert_eq!(project.vendor_key, "4855xxxxxxxxxxxxxxxxxxxxxxxxeae2");
    assert_eq!(project.status, ProjectStatus::Enabled);
    assert_eq!(
        project.sign_key.as_ref().map(|key| key.expose()),
        Some("4855xxxxxxxxxxxxxxxxxxxxxxxxeae2")
    );

    // ... the OpenAPI document with a one-element array.
    let array = send_documented(&create, "openapi").await;
    let project = array.project.expect("the created project");
    assert_eq!(project.name, "project1");
    assert_eq!(project.created, 1464165672);
    assert!(
        project.sign_key.is_none(),
        "the OpenAPI form has no sign_key"
    );
}

#[tokio::test]
async fn get_project_sends_both_required_query_parameters() {
    let get = GetProject::builder()
        .id(id("7sdnf3xRH"))
        .name(name("project1"))
        .build();
    let found = send_documented(&get, "documented").await;
    assert_eq!(found.projects.len(), 1);
    assert_eq!(found.projects[0].name, "project1");
}

#[tokio::test]
async fn get_project_encodes_a_name_with_spaces_and_reserved_characters() {
    let server = LocalServer::replying(Reply::json(201, r#"{"projects":[]}"#)).await;
    let get = GetProject::builder()
        .id(id("7sdnf3xRH"))
        .name(name("my project #1 & co"))
        .build();
    basic_client(&server.url())
        .send(&get)
        .await
        .expect("an empty list decodes");
    assert_eq!(
        server.single_request().target,
        "/dev/v1/project?id=7sdnf3xRH&name=my%20project%20%231%20%26%20co"
    );
}

#[tokio::test]
async fn list_projects_decodes_every_documented_project() {
    let english = send_documented(&ListProjects::builder().build(), "documented").await;
    assert_eq!(english.projects.len(), 2);
    assert_eq!(
        english.projects[1].vendor_key,
        "eb00cd2b222a4eeaa24fc6046d90b227"
    );
    let openapi = send_documented(&ListProjects::builder().build(), "openapi").await;
    assert_eq!(openapi.projects.len(), 2);
    assert!(openapi.projects.iter().all(|p| p.sign_key.is_none()));
}

#[tokio::test]
async fn project_status_sends_the_status_as_a_number() {
    let disable = SetProjectStatus::builder()
        .id(id("xxxx"))
        .status(ProjectStatus::Disabled)
        .build();
    let answer = send_documented(&disable, "documented").await;
    assert!(answer.project.is_some());
    let openapi = SetProjectStatus::builder()
        .id(id("string"))
        .status(ProjectStatus::Disabled)
        .build();
    send_documented(&openapi, "openapi").await;
}

#[tokio::test]
async fn recording_server_sends_ip_and_port_as_one_string() {
    let set = SetRecordingServer::builder()
        .id(id("xxxx"))
        .recording_server(RecordingServer::new("10.12.1.5:8080").expect("ip:port"))
        .build();
    let answer = send_documented(&set, "documented").await;
    assert_eq!(answer.project.map(|p| p.recording_server), Some(None));
}

#[tokio::test]
async fn primary_certificate_calls_send_the_documented_bodies() {
    let enable = SetPrimaryCertificate::builder()
        .id(id("xxxx"))
        .enable(true)
        .build();
    send_documented(&enable, "documented").await;
    send_documented(&enable, "openapi").await;
    let reset = ResetPrimaryCertificate::builder().id(id("xxxx")).build();
    let answer = send_documented(&reset, "documented").await;
    assert!(answer.project.and_then(|p| p.sign_key).is_some());
    send_documented(&reset, "openapi").await;
}

#[tokio::test]
async fn usage_sends_four_query_parameters_and_decodes_the_daily_durations() {
    let report = send_documented(
        &usage("2021-10-12", "2021-12-14", UsageBusiness::Default),
        "documented",
    )
    .await;
    assert_eq!(report.usages.len(), 3);
    let day = &report.usages[1];
    assert_eq!(
        day.date.date().map(|d| d.to_string()).as_deref(),
        Some("2021-10-13")
    );
    assert_eq!(day.usage.duration_audio_all, 779);
    assert_eq!(day.usage.duration_video_hd, 60);
    assert!(day.usage.other.is_empty());
    assert_eq!(
        report.meta["durationAudioAll"].en.as_deref(),
        Some("Total Audio Duration")
    );
    assert_eq!(
        report.meta["durationVideoHd"].unit.as_deref(),
        Some("second")
    );
}

#[tokio::test]
async fn every_business_kind_is_sent_by_its_documented_name() {
    let server = LocalServer::replying(Reply::json(200, r#"{"meta":{},"usages":[]}"#)).await;
    let client = basic_client(&server.url());
    let kinds = [
        (UsageBusiness::Default, "default"),
        (UsageBusiness::TranscodeDuration, "transcodeDuration"),
        (UsageBusiness::Recording, "recording"),
        (UsageBusiness::CloudRecording, "cloudRecording"),
        (UsageBusiness::Miniapp, "miniapp"),
    ];
    for (kind, _) in &kinds {
        client
            .send(&usage("2021-10-12", "2021-10-12", kind.clone()))
            .await
            .expect("a one-day range is valid");
    }
    let seen: Vec<String> = server.requests().into_iter().map(|r| r.target).collect();
    for ((_, wire), target) in kinds.iter().zip(&seen) {
        assert!(
            target.ends_with(&format!("&business={wire}")),
            "{target} should end with business={wire}"
        );
    }
}

#[tokio::test]
async fn legacy_delete_sends_the_id_in_a_delete_body() {
    let delete = DeleteProject::builder().id(id("xxxx")).build();
    let answer = send_documented(&delete, "legacy").await;
    assert_eq!(answer.success, Some(true));
}

#[tokio::test]
async fn legacy_usage_sends_the_project_list_and_decodes_minutes_per_day() {
    let legacy = GetUsageV1::builder()
        .from_date(date("2015-01-01"))
        .to_date(date("2015-03-21"))
        .projects("id1,id2".parse::<ProjectIds>().expect("two IDs"))
        .build();
    let report = send_documented(&legacy, "legacy").await;
    assert_eq!(report.usages.len(), 2);
    let first = &report.usages[0].daily[0];
    assert_eq!(
        (first.audio, first.sd, first.hd, first.hdp),
        (20, 100, 132, 225)
    );
    assert_eq!(
        first.day().map(|d| d.to_string()).as_deref(),
        Some("2015-01-01")
    );
    assert!(report.usages[1].daily.is_empty());
}

#[tokio::test]
async fn legacy_usage_without_projects_queries_every_project() {
    let server = LocalServer::replying(Reply::json(200, r#"{"usages":[]}"#)).await;
    let all = GetUsageV1::builder()
        .from_date(date("2015-01-01"))
        .to_date(date("2015-01-01"))
        .build();
    basic_client(&server.url())
        .send(&all)
        .await
        .expect("an empty report decodes");
    assert_eq!(
        server.single_request().target,
        "/dev/v1/usage?from_date=2015-01-01&to_date=2015-01-01"
    );
}

#[tokio::test]
async fn any_2xx_is_success_though_agora_documents_201() {
    let body = documented("CreateProject", "documented")["response"]["body"].to_string();
    for status in [200, 201, 202] {
        let server = LocalServer::replying(Reply::json(status, body.clone())).await;
        let answer = basic_client(&server.url())
            .send(
                &CreateProject::builder()
                    .name(name("project1"))
                    .enable_sign_key(false)
                    .build(),
            )
            .await
            .unwrap_or_else(|e| panic!("status {status}: {e}"));
        assert!(answer.project.is_some(), "status {status}");
    }
}

#[tokio::test]
async fn a_duplicate_name_is_a_typed_api_error_with_agoras_message() {
    let server = LocalServer::replying(
        Reply::json(
            400,
            r#"{"status":"error","message":"duplicate project name"}"#,
        )
        .header("x-request-id", "req-1"),
    )
    .await;
    let error = basic_client(&server.url())
        .send(
            &CreateProject::builder()
                .name(name("project1"))
                .enable_sign_key(true)
                .build(),
        )
        .await
        .expect_err("a 400 is an error");
    let api = error.api().expect("an Agora error");
    assert_eq!(api.status, 400);
    assert_eq!(api.message.as_deref(), Some("duplicate project name"));
    assert_eq!(api.request_id.as_deref(), Some("req-1"));
}

// ---------------------------------------------------------------------------
// Input rules, checked before any I/O
// ---------------------------------------------------------------------------

#[test]
fn project_names_are_1_to_255_characters() {
    let empty = ProjectName::new("").expect_err("empty");
    assert_eq!(empty.field(), "name");
    assert_eq!(empty.rule(), "must be 1 to 255 characters (got 0)");
    let long = ProjectName::new("x".repeat(256)).expect_err("256 characters");
    assert_eq!(long.rule(), "must be 1 to 255 characters (got 256)");
    // Characters, not bytes: 255 three-byte characters are fine.
    assert!(ProjectName::new("项".repeat(255)).is_ok());
    assert!(ProjectName::new("项".repeat(256)).is_err());
    assert!(ProjectName::new("x").is_ok());
}

#[test]
fn project_ids_may_not_be_empty() {
    let empty = ProjectId::new("").expect_err("empty");
    assert_eq!((empty.field(), empty.rule()), ("id", "must not be empty"));
}

#[test]
fn recording_servers_are_an_ip_and_a_port() {
    for bad in [
        "10.12.1.5",
        "recorder.example.com:8080",
        "10.12.1.256:8080",
        "10.12.1.5:65536",
        "10.12.1.5:http",
        "2001:db8::5:8080",
        "",
    ] {
        let error = RecordingServer::new(bad).expect_err(bad);
        assert_eq!(error.field(), "recording_server", "{bad}");
        assert_eq!(
            error.rule(),
            "must be an IP address and a port, `ip:port` (for example 10.12.1.5:8080)",
            "{bad}"
        );
    }
    let port_zero = RecordingServer::new("10.12.1.5:0").expect_err("port 0");
    assert_eq!(port_zero.rule(), "must have a port from 1 to 65535 (got 0)");
    let v6 = RecordingServer::new("[2001:db8::5]:8080").expect("a bracketed IPv6 address");
    assert_eq!(v6.to_string(), "[2001:db8::5]:8080");
}

#[test]
fn usage_dates_are_real_yyyy_mm_dd_dates() {
    for (bad, rule) in [
        (
            "2021-02-29",
            "must be a real date: 2021-02 has 28 days (got day 29)",
        ),
        (
            "2021-04-31",
            "must be a real date: 2021-04 has 30 days (got day 31)",
        ),
        ("2021-13-01", "must have a month from 1 to 12 (got 13)"),
        (
            "2021-1-12",
            "must be a date written YYYY-MM-DD (for example 2021-10-12)",
        ),
        (
            "2021/10/12",
            "must be a date written YYYY-MM-DD (for example 2021-10-12)",
        ),
        (
            "2021-10-12T00:00:00Z",
            "must be a date written YYYY-MM-DD (for example 2021-10-12)",
        ),
    ] {
        let error = UsageDate::new(bad).expect_err(bad);
        assert_eq!((error.field(), error.rule()), ("date", rule), "{bad}");
    }
    assert!(UsageDate::new("2020-02-29").is_ok(), "a leap day");
    assert!(UsageDate::from_ymd(2021, 2, 29).is_err());
}

#[test]
fn validated_inputs_reject_bad_values_when_deserialized_too() {
    assert!(serde_json::from_value::<ProjectName>(json!("")).is_err());
    assert!(serde_json::from_value::<ProjectId>(json!("")).is_err());
    assert!(serde_json::from_value::<RecordingServer>(json!("10.12.1.5")).is_err());
    assert!(serde_json::from_value::<UsageDate>(json!("2021-02-29")).is_err());
}

#[test]
fn legacy_project_lists_need_one_id_and_no_commas_inside_one() {
    let empty = ProjectIds::new([]).expect_err("no IDs");
    assert_eq!(empty.field(), "projects");
    let comma = ProjectIds::new([id("a,b")]).expect_err("a comma inside an ID");
    assert_eq!(
        comma.rule(),
        "must not hold a project ID containing a comma (the list separator)"
    );
    let blank = "id1,,id2"
        .parse::<ProjectIds>()
        .expect_err("an empty ID in the list");
    assert_eq!(
        (blank.field(), blank.rule()),
        ("projects", "must not be empty")
    );
}

#[tokio::test]
async fn a_usage_range_that_ends_before_it_starts_is_never_sent() {
    let error =
        rejected_before_io(&usage("2021-12-14", "2021-10-12", UsageBusiness::Default)).await;
    assert_eq!(error.field(), "from_date");
    assert_eq!(
        error.rule(),
        "must not be after to_date (got 2021-12-14 > 2021-10-12)"
    );
    let legacy = GetUsageV1::builder()
        .from_date(date("2015-03-21"))
        .to_date(date("2015-01-01"))
        .build();
    assert_eq!(rejected_before_io(&legacy).await.field(), "from_date");
}

#[tokio::test]
async fn an_undocumented_business_kind_is_never_sent() {
    let error = rejected_before_io(&usage(
        "2021-10-12",
        "2021-10-12",
        UsageBusiness::Other("rtmp".into()),
    ))
    .await;
    assert_eq!(error.field(), "business");
    assert!(
        error.rule().starts_with("must be one of default,"),
        "{error}"
    );
}

#[tokio::test]
async fn a_project_status_other_than_0_or_1_is_never_sent() {
    let error = rejected_before_io(
        &SetProjectStatus::builder()
            .id(id("xxxx"))
            .status(ProjectStatus::Other(2))
            .build(),
    )
    .await;
    assert_eq!(
        (error.field(), error.rule()),
        ("status", "must be 0 (disable) or 1 (enable) (got 2)")
    );
}

// ---------------------------------------------------------------------------
// Answers in every documented shape
// ---------------------------------------------------------------------------

const PROJECT: &str = r#"{"id":"xxxx","name":"project1","vendor_key":"4855xxxxxxxxxxxxxxxxxxxxxxxxeae2","sign_key":"4855xxxxxxxxxxxxxxxxxxxxxxxxeae2","recording_server":null,"status":1,"created":1464165672}"#;

fn decode<T: for<'de> Deserialize<'de>>(json: &str) -> T {
    serde_json::from_str(json).unwrap_or_else(|e| panic!("{json}: {e}"))
}

#[test]
fn a_single_project_answer_is_an_object_an_array_or_a_legacy_success() {
    let object: ProjectResponse = decode(&format!(r#"{{"project":{PROJECT}}}"#));
    let array: ProjectResponse = decode(&format!(r#"{{"project":[{PROJECT}]}}"#));
    assert_eq!(object.project.map(|p| p.id), Some("xxxx".to_owned()));
    assert_eq!(array.project.map(|p| p.id), Some("xxxx".to_owned()));

    let legacy: ProjectResponse = decode(r#"{"success":true}"#);
    assert!(legacy.project.is_none());
    assert_eq!(legacy.success, Some(true));

    let empty: ProjectResponse = decode(r#"{"project":[]}"#);
    assert!(empty.project.is_none());
    let null: ProjectResponse = decode(r#"{"project":null}"#);
    assert!(null.project.is_none());
}

#[test]
fn a_malformed_project_is_a_decode_error_that_names_the_problem() {
    let error = serde_json::from_str::<ProjectResponse>(r#"{"project":{"id":"xxxx"}}"#)
        .expect_err("a project without its fields");
    assert!(error.to_string().contains("missing field"), "{error}");
}

#[test]
fn a_project_list_answer_is_under_projects_or_project() {
    let english: Projects = decode(&format!(r#"{{"projects":[{PROJECT}]}}"#));
    let openapi: Projects = decode(&format!(r#"{{"project":[{PROJECT}]}}"#));
    let single: Projects = decode(&format!(r#"{{"project":{PROJECT}}}"#));
    for projects in [english, openapi, single] {
        assert_eq!(projects.projects.len(), 1);
        assert_eq!(projects.projects[0].name, "project1");
    }
    let none: Projects = decode("{}");
    assert!(none.projects.is_empty());
}

#[test]
fn optional_project_fields_and_unknown_statuses_decode() {
    // The zh-CN OpenAPI form: no sign_key, no recording_server.
    let minimal: Projects =
        decode(r#"{"projects":[{"id":"a","name":"n","vendor_key":"k","status":0,"created":1}]}"#);
    let project = &minimal.projects[0];
    assert_eq!(project.status, ProjectStatus::Disabled);
    assert!(project.sign_key.is_none() && project.recording_server.is_none());

    // The legacy form: a recording server, and a status Agora may add.
    let legacy: Projects = decode(
        r#"{"projects":[{"id":"a","name":"n","vendor_key":"k","recording_server":"10.2.2.8:8080","status":2,"created":1,"extra":true}]}"#,
    );
    let project = &legacy.projects[0];
    assert_eq!(project.recording_server.as_deref(), Some("10.2.2.8:8080"));
    assert_eq!(project.status, ProjectStatus::Other(2));
    assert_eq!(project.project_id().expect("a non-empty ID").as_str(), "a");
}

#[test]
fn the_app_certificate_never_shows_in_debug_output() {
    let answer: ProjectResponse = decode(
        r#"{"project":{"id":"xxxx","name":"project1","vendor_key":"4855xxxxxxxxxxxxxxxxxxxxxxxxeae2","sign_key":"c0ffee-primary-certificate","status":1,"created":1464165672}}"#,
    );
    let debug = format!("{answer:?}");
    assert!(!debug.contains("c0ffee"), "{debug}");
    assert!(debug.contains("Secret(<redacted>)"), "{debug}");
    let sign_key = answer.project.and_then(|p| p.sign_key).expect("a sign key");
    assert_eq!(sign_key.expose(), "c0ffee-primary-certificate");
}

#[test]
fn the_usage_date_decodes_as_a_unix_timestamp_or_an_iso_string() {
    let report: Usage = decode(
        r#"{"meta":{"durationAudioAll":{"cn":"总音频时长","en":"Total Audio Duration","unit":"second"}},
            "usages":[
              {"date":"2021-10-13T00:00:00.000Z","usage":{"durationAudioAll":779}},
              {"date":1634083200,"usage":{"durationAudioAll":1,"durationVideoHd":2}},
              {"date":"2021-10-14","usage":{"durationVideo1080P":3,"durationVideo2K":4,"durationVideo4K":5,"durationVideoHdp":6}}
            ]}"#,
    );
    assert_eq!(
        report.usages[0].date,
        UsageDay::Text("2021-10-13T00:00:00.000Z".into())
    );
    assert_eq!(report.usages[1].date, UsageDay::Unix(1634083200));
    assert_eq!(report.usages[0].date.date(), report.usages[1].date.date());
    assert_eq!(
        report.usages[2]
            .date
            .date()
            .map(|d| d.to_string())
            .as_deref(),
        Some("2021-10-14")
    );
    let durations = &report.usages[2].usage;
    assert_eq!(
        (
            durations.duration_video_1080p,
            durations.duration_video_2k,
            durations.duration_video_4k,
            durations.duration_video_hdp,
            durations.duration_audio_all,
        ),
        (3, 4, 5, 6, 0)
    );
    assert_eq!(
        report.meta["durationAudioAll"].cn.as_deref(),
        Some("总音频时长")
    );
    assert_eq!(UsageDay::Text("yesterday".into()).date(), None);
}

#[test]
fn usage_metrics_of_other_business_kinds_are_kept() {
    let report: Usage = decode(
        r#"{"usages":[{"date":"2021-10-13T00:00:00.000Z","usage":{"durationAudioAll":1,"recordingAudio":42}}]}"#,
    );
    assert!(report.meta.is_empty());
    assert_eq!(report.usages[0].usage.other["recordingAudio"], json!(42));
}

#[test]
fn legacy_usage_days_are_yyyymmdd_numbers() {
    let report: UsageV1 = decode(
        r#"{"usages":[{"project":"xxx","daily":[{"date":20200229,"audio":1},{"date":20210229}]}]}"#,
    );
    let daily = &report.usages[0].daily;
    assert_eq!(
        daily[0].day().map(|d| d.to_string()).as_deref(),
        Some("2020-02-29")
    );
    assert_eq!(daily[1].day(), None, "2021-02-29 is not a date");
    assert_eq!(daily[1].hd, 0, "missing durations are 0");
}

// ---------------------------------------------------------------------------
// Idempotency
// ---------------------------------------------------------------------------

#[test]
fn only_calls_whose_repeat_changes_nothing_may_be_re_sent() {
    fn idempotent<E: Endpoint>() -> (&'static str, bool) {
        (E::NAME, E::IDEMPOTENT)
    }
    assert_eq!(
        [
            // Reads.
            idempotent::<ListProjects>(),
            idempotent::<GetProject>(),
            idempotent::<GetUsage>(),
            idempotent::<GetUsageV1>(),
            // They set a value rather than toggle it: a repeat leaves the
            // same state.
            idempotent::<SetProjectStatus>(),
            idempotent::<SetPrimaryCertificate>(),
            idempotent::<SetRecordingServer>(),
            // Deleting a deleted project leaves it deleted.
            idempotent::<DeleteProject>(),
            // A repeat would create a second project, or replace the new
            // certificate with yet another one.
            idempotent::<CreateProject>(),
            idempotent::<ResetPrimaryCertificate>(),
        ],
        [
            ("ListProjects", true),
            ("GetProject", true),
            ("GetUsage", true),
            ("GetUsageV1", true),
            ("SetProjectStatus", true),
            ("SetPrimaryCertificate", true),
            ("SetRecordingServer", true),
            ("DeleteProject", true),
            ("CreateProject", false),
            ("ResetPrimaryCertificate", false),
        ]
    );
}

// ---------------------------------------------------------------------------
// Agora's official example bodies, through the typed inputs
// ---------------------------------------------------------------------------

/// The body of `POST /dev/v1/project`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CreateBody {
    name: ProjectName,
    enable_sign_key: bool,
}

/// The body of `POST /dev/v1/project_status`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StatusBody {
    id: ProjectId,
    status: ProjectStatus,
}

/// The body of `POST /dev/v1/signkey`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SignKeyBody {
    id: ProjectId,
    enable: bool,
}

/// The body of `POST /dev/v1/reset_signkey` and the legacy delete.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct IdBody {
    id: ProjectId,
}

/// The body of `POST /dev/v1/recording_config`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RecordingBody {
    id: ProjectId,
    recording_server: RecordingServer,
}

/// Decodes an official body into the typed inputs of the endpoint at
/// `method path`, rebuilds the endpoint through its builder, and returns
/// the body it would send.
fn rebuild(method: &str, path: &str, body: &Value) -> Value {
    fn parts<T: for<'de> Deserialize<'de>>(body: &Value) -> T {
        serde_json::from_value(body.clone())
            .unwrap_or_else(|e| panic!("{body} does not decode into the typed inputs: {e}"))
    }
    let client = basic_client("https://api.agora.io");
    let request = match (method, path) {
        ("POST", "/dev/v1/project") => {
            let b: CreateBody = parts(body);
            client.prepare(
                &CreateProject::builder()
                    .name(b.name)
                    .enable_sign_key(b.enable_sign_key)
                    .build(),
            )
        }
        ("POST", "/dev/v1/project_status") => {
            let b: StatusBody = parts(body);
            client.prepare(
                &SetProjectStatus::builder()
                    .id(b.id)
                    .status(b.status)
                    .build(),
            )
        }
        ("POST", "/dev/v1/signkey") => {
            let b: SignKeyBody = parts(body);
            client.prepare(
                &SetPrimaryCertificate::builder()
                    .id(b.id)
                    .enable(b.enable)
                    .build(),
            )
        }
        ("POST", "/dev/v1/reset_signkey") => {
            let b: IdBody = parts(body);
            client.prepare(&ResetPrimaryCertificate::builder().id(b.id).build())
        }
        ("POST", "/dev/v1/recording_config") => {
            let b: RecordingBody = parts(body);
            client.prepare(
                &SetRecordingServer::builder()
                    .id(b.id)
                    .recording_server(b.recording_server)
                    .build(),
            )
        }
        ("DELETE", "/dev/v1/project") => {
            let b: IdBody = parts(body);
            client.prepare(&DeleteProject::builder().id(b.id).build())
        }
        other => panic!("no Console endpoint binds {other:?}: bind it or map it here"),
    }
    .unwrap_or_else(|e| panic!("{method} {path}: {e}"));
    let bytes = request
        .body()
        .and_then(|body| body.as_bytes())
        .expect("a JSON body");
    serde_json::from_slice(bytes).expect("the sent body is JSON")
}

#[test]
fn every_official_console_body_round_trips_through_the_typed_inputs() {
    let Some(examples) = agora_tests::official_examples() else {
        return;
    };
    let console: Vec<Value> = examples
        .into_iter()
        .filter(|example| {
            example["source"]
                .as_str()
                .is_some_and(|source| source.starts_with("console/"))
        })
        .collect();
    assert_eq!(
        console.len(),
        4,
        "Agora's official console examples: create, status, signkey, reset_signkey"
    );
    for example in &console {
        let method = example["method"].as_str().expect("a method");
        let url = example["url"].as_str().expect("a URL");
        let path = url
            .find("/dev/")
            .map(|at| &url[at..])
            .expect("a /dev/ path");
        let body = &example["body"];
        assert_eq!(&rebuild(method, path, body), body, "{method} {path}");
    }
}

#[test]
fn every_spec_example_body_round_trips_through_the_typed_inputs() {
    // The reference page's and the legacy page's bodies too, including the
    // two endpoints the OpenAPI document lacks (recording_config, delete).
    let spec: Value = serde_json::from_str(
        &std::fs::read_to_string(
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../specs/console.json"),
        )
        .expect("specs/console.json"),
    )
    .expect("JSON");
    let mut checked = 0;
    for entry in spec["endpoints"].as_array().expect("endpoints") {
        for example in entry["examples"].as_array().expect("examples") {
            let request = &example["request"];
            let body = &request["body"];
            if body.is_null() {
                continue;
            }
            let method = request["method"].as_str().expect("a method");
            let path = entry["path"].as_str().expect("a path");
            assert_eq!(&rebuild(method, path, body), body, "{method} {path}");
            checked += 1;
        }
    }
    assert_eq!(checked, 10, "every spec example with a body");
}
