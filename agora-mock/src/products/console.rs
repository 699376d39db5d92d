//! Agora Console RESTful API: the account's projects (create, read,
//! enable or disable, certificate, recording server, the legacy delete)
//! and their usage.
//!
//! Documented behaviour kept: `201` for the project calls (Agora's page
//! says so for all of them, reads included) and `200` for usage and the
//! legacy delete; a duplicate name or a 21st project is `400`; errors are
//! `{"message": ...}`, the legacy delete's `404` is `{"error_msg": "project
//! not exist"}`. A new project gets a fresh App ID and App Certificate,
//! which the other products accept at once.

#![allow(deprecated)]

use agora_api::InvalidInput;
use agora_api::console::{
    CreateProject, DeleteProject, GetProject, GetUsage, GetUsageV1, ListProjects, ProjectId,
    ProjectIds, ProjectName, ProjectStatus, RecordingServer, ResetPrimaryCertificate,
    SetPrimaryCertificate, SetProjectStatus, SetRecordingServer, UsageBusiness, UsageDate,
};
use serde_json::{Value, json};

use crate::call::{Call, validated};
use crate::clock::{civil_from_days, days_from_civil, unix_secs};
use crate::ids::stable_in;
use crate::reply::{Fail, Handled, Reply};
use crate::state::{MAX_PROJECTS, Project, State};

/// The longest usage range the emulator answers, in days (Agora documents
/// none; this keeps an answer a sensible size).
const MAX_USAGE_DAYS: i64 = 366;

/// The answer to a request for a Console endpoint.
pub(crate) fn handle(state: &mut State, call: &Call) -> Reply {
    let handled = match call.info.name {
        "CreateProject" => create_project(state, call),
        "GetProject" => get_project(state, call),
        "ListProjects" => list_projects(state, call),
        "SetProjectStatus" => set_status(state, call),
        "SetRecordingServer" => set_recording_server(state, call),
        "SetPrimaryCertificate" => set_certificate(state, call),
        "ResetPrimaryCertificate" => reset_certificate(state, call),
        "DeleteProject" => delete_project(state, call),
        "GetUsage" => usage(state, call),
        "GetUsageV1" => usage_v1(state, call),
        _ => Err(Fail::Reply(Reply::no_route())),
    };
    handled.unwrap_or_else(|fail| match fail {
        Fail::Reply(reply) => reply,
        Fail::Invalid(error) => invalid(&error),
    })
}

/// `400 {"message": ...}` naming the field and the rule.
pub(crate) fn invalid(error: &InvalidInput) -> Reply {
    Reply::json(400, json!({ "message": error.to_string() }))
}

/// A project as Agora shows it: the certificate only while enabled.
pub(crate) fn project_json(project: &Project) -> Value {
    json!({
        "id": project.id,
        "name": project.name,
        "vendor_key": project.vendor_key,
        "sign_key": if project.sign_key_enabled { Value::from(project.sign_key.clone()) } else { Value::Null },
        "recording_server": project.recording_server,
        "status": project.status,
        "created": project.created,
    })
}

fn not_found() -> Fail {
    Fail::Reply(Reply::json(404, json!({ "message": "project not found" })))
}

fn live_project<'s>(state: &'s mut State, id: &ProjectId) -> Result<&'s mut Project, Fail> {
    state
        .projects
        .iter_mut()
        .find(|project| !project.deleted && project.id == id.as_str())
        .ok_or_else(not_found)
}

fn created(project: &Project) -> Handled {
    Ok(Reply::json(
        201,
        json!({ "project": project_json(project) }),
    ))
}

fn create_project(state: &mut State, call: &Call) -> Handled {
    let body = call.body()?;
    let request = validated(
        CreateProject::builder()
            .name(body.required::<ProjectName>("name")?)
            .enable_sign_key(body.required::<bool>("enable_sign_key")?)
            .build(),
    )?;
    if state
        .projects
        .iter()
        .any(|project| !project.deleted && project.name == request.name.as_str())
    {
        return Err(Fail::Reply(Reply::json(
            400,
            json!({ "message": "project name duplicated" }),
        )));
    }
    // Deleted projects count: Agora caps how many an account ever creates.
    if state.projects.len() >= MAX_PROJECTS {
        return Err(Fail::Reply(Reply::json(
            400,
            json!({ "message": format!("project count over limit: an account can create at most {MAX_PROJECTS} projects, deleted ones included") }),
        )));
    }
    let project = Project {
        id: state.rng.alnum(9),
        name: request.name.as_str().to_owned(),
        vendor_key: state.rng.hex(32),
        sign_key: state.rng.hex(32),
        sign_key_enabled: request.enable_sign_key,
        recording_server: None,
        status: 1,
        created: unix_secs(call.now),
        deleted: false,
    };
    let reply = created(&project);
    state.projects.push(project);
    reply
}

fn get_project(state: &mut State, call: &Call) -> Handled {
    let request = validated(
        GetProject::builder()
            .id(call.query_required::<ProjectId>("id")?)
            .name(call.query_required::<ProjectName>("name")?)
            .build(),
    )?;
    let project = state
        .projects
        .iter()
        .find(|project| {
            !project.deleted
                && project.id == request.id.as_str()
                && project.name == request.name.as_str()
        })
        .ok_or_else(not_found)?;
    Ok(Reply::json(
        201,
        json!({ "projects": [project_json(project)] }),
    ))
}

fn list_projects(state: &mut State, _call: &Call) -> Handled {
    validated(ListProjects::builder().build())?;
    let projects: Vec<Value> = state
        .projects
        .iter()
        .filter(|project| !project.deleted)
        .map(project_json)
        .collect();
    Ok(Reply::json(201, json!({ "projects": projects })))
}

fn set_status(state: &mut State, call: &Call) -> Handled {
    let body = call.body()?;
    let request = validated(
        SetProjectStatus::builder()
            .id(body.required::<ProjectId>("id")?)
            .status(body.required::<ProjectStatus>("status")?)
            .build(),
    )?;
    let project = live_project(state, &request.id)?;
    project.status = request.status.value();
    created(project)
}

fn set_recording_server(state: &mut State, call: &Call) -> Handled {
    let body = call.body()?;
    let request = validated(
        SetRecordingServer::builder()
            .id(body.required::<ProjectId>("id")?)
            .recording_server(body.required::<RecordingServer>("recording_server")?)
            .build(),
    )?;
    let project = live_project(state, &request.id)?;
    project.recording_server = Some(request.recording_server.to_string());
    created(project)
}

fn set_certificate(state: &mut State, call: &Call) -> Handled {
    let body = call.body()?;
    let request = validated(
        SetPrimaryCertificate::builder()
            .id(body.required::<ProjectId>("id")?)
            .enable(body.required::<bool>("enable")?)
            .build(),
    )?;
    let project = live_project(state, &request.id)?;
    project.sign_key_enabled = request.enable;
    created(project)
}

fn reset_certificate(state: &mut State, call: &Call) -> Handled {
    let body = call.body()?;
    let request = validated(
        ResetPrimaryCertificate::builder()
            .id(body.required::<ProjectId>("id")?)
            .build(),
    )?;
    let fresh = state.rng.hex(32);
    let project = live_project(state, &request.id)?;
    // Tokens signed with the old certificate stop verifying.
    project.sign_key = fresh;
    project.sign_key_enabled = true;
    created(project)
}

fn delete_project(state: &mut State, call: &Call) -> Handled {
    let body = call.body()?;
    let request = validated(
        DeleteProject::builder()
            .id(body.required::<ProjectId>("id")?)
            .build(),
    )?;
    let project = live_project(state, &request.id).map_err(|_| {
        Fail::Reply(Reply::json(
            404,
            json!({ "error_msg": "project not exist" }),
        ))
    })?;
    project.deleted = true;
    Ok(Reply::ok(json!({ "success": true })))
}

fn days_of(date: UsageDate) -> i64 {
    days_from_civil(
        i64::from(date.year()),
        u32::from(date.month()),
        u32::from(date.day()),
    )
}

fn check_span(from: UsageDate, to: UsageDate) -> Result<(i64, i64), Fail> {
    let (first, last) = (days_of(from), days_of(to));
    if last - first >= MAX_USAGE_DAYS {
        return Err(Fail::Invalid(InvalidInput::new(
            "to_date",
            format!("the emulator answers at most {MAX_USAGE_DAYS} days at a time"),
        )));
    }
    Ok((first, last))
}

/// Every day from `first` to `last`, as `(days since the epoch, YYYY-MM-DD)`.
fn each_day(first: i64, last: i64) -> impl Iterator<Item = (i64, String)> {
    (first..=last).map(|days| {
        let (year, month, day) = civil_from_days(days);
        (days, format!("{year:04}-{month:02}-{day:02}"))
    })
}

const METRICS: [(&str, &str); 6] = [
    ("durationAudioAll", "Total Audio Duration"),
    ("durationVideoHd", "HD Video Duration (including Recording)"),
    (
        "durationVideoHdp",
        "HDP Video Duration (including Recording)",
    ),
    (
        "durationVideo1080P",
        "Full HD Video Duration (including Recording)",
    ),
    ("durationVideo2K", "2K Video Duration (including Recording)"),
    (
        "durationVideo4K",
        "2K+ Video Duration (including Recording)",
    ),
];

fn usage(state: &mut State, call: &Call) -> Handled {
    let business = call
        .query_text("business")
        .map(UsageBusiness::from)
        .ok_or_else(|| InvalidInput::new("business", "is required"))?;
    let request = validated(
        GetUsage::builder()
            .project_id(call.query_required::<ProjectId>("project_id")?)
            .from_date(call.query_required::<UsageDate>("from_date")?)
            .to_date(call.query_required::<UsageDate>("to_date")?)
            .business(business)
            .build(),
    )?;
    let (first, last) = check_span(request.from_date, request.to_date)?;
    let project = live_project(state, &request.project_id)?;
    let meta: serde_json::Map<String, Value> = METRICS
        .iter()
        .map(|(key, label)| ((*key).to_owned(), json!({ "en": label, "unit": "second" })))
        .collect();
    let usages: Vec<Value> = each_day(first, last)
        .map(|(_, date)| {
            let usage: serde_json::Map<String, Value> = METRICS
                .iter()
                .map(|(key, _)| {
                    let seconds = stable_in(
                        &[&project.id, request.business.as_str(), &date, key],
                        0,
                        36_000,
                    );
                    ((*key).to_owned(), Value::from(seconds))
                })
                .collect();
            json!({ "date": format!("{date}T00:00:00.000Z"), "usage": usage })
        })
        .collect();
    Ok(Reply::ok(json!({ "meta": meta, "usages": usages })))
}

fn usage_v1(state: &mut State, call: &Call) -> Handled {
    let mut builder = GetUsageV1::builder()
        .from_date(call.query_required::<UsageDate>("from_date")?)
        .to_date(call.query_required::<UsageDate>("to_date")?);
    if let Some(projects) = call.query::<ProjectIds>("projects")? {
        builder = builder.projects(projects);
    }
    let request = validated(builder.build())?;
    let (first, last) = check_span(request.from_date, request.to_date)?;
    // Unknown project IDs are ignored, as documented.
    let usages: Vec<Value> = state
        .projects
        .iter()
        .filter(|project| !project.deleted)
        .filter(|project| {
            request
                .projects
                .as_ref()
                .is_none_or(|wanted| wanted.ids().iter().any(|id| id.as_str() == project.id))
        })
        .map(|project| {
            let daily: Vec<Value> = each_day(first, last)
                .map(|(_, date)| {
                    let minutes = |kind: &str| stable_in(&[&project.id, &date, kind, "v1"], 0, 600);
                    json!({
                        "date": date.replace('-', "").parse::<u32>().unwrap_or_default(),
                        "audio": minutes("audio"),
                        "sd": minutes("sd"),
                        "hd": minutes("hd"),
                        "hdp": minutes("hdp"),
                    })
                })
                .collect();
            json!({ "project": project.id, "daily": daily })
        })
        .collect();
    Ok(Reply::ok(json!({ "usages": usages })))
}
