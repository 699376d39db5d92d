//! The account's projects: create, read, enable or disable, certificate,
//! recording server, the legacy delete.

#![allow(deprecated)]

use agora_api::console::{
    CreateProject, DeleteProject, GetProject, ListProjects, ProjectId, ResetPrimaryCertificate,
    SetPrimaryCertificate, SetProjectStatus, SetRecordingServer,
};
use serde_json::{Value, json};

use super::Console;
use super::project_json;
use crate::clock::unix_secs;
use crate::product::{Call, Store};
use crate::reply::{Fail, Handled, Reply};
use crate::state::{Account, Project};

/// An account may create at most this many projects, deleted ones included.
const MAX_PROJECTS: usize = 20;

pub(super) fn not_found() -> Fail {
    Fail::Reply(Reply::json(404, json!({ "message": "project not found" })))
}

pub(super) fn live_project<'s>(
    account: &'s mut Account,
    id: &ProjectId,
) -> Result<&'s mut Project, Fail> {
    account
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

pub(super) fn create_project(
    store: &mut Store<'_, Console>,
    call: &Call<'_, CreateProject>,
) -> Handled {
    let request = &call.request;
    if store
        .account
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
    if store.account.projects.len() >= MAX_PROJECTS {
        return Err(Fail::Reply(Reply::json(
            400,
            json!({ "message": format!("project count over limit: an account can create at most {MAX_PROJECTS} projects, deleted ones included") }),
        )));
    }
    let project = Project {
        id: store.account.rng.alnum(9),
        name: request.name.as_str().to_owned(),
        vendor_key: store.account.rng.hex(32),
        sign_key: store.account.rng.hex(32),
        sign_key_enabled: request.enable_sign_key,
        recording_server: None,
        status: 1,
        created: unix_secs(call.now),
        deleted: false,
    };
    let reply = created(&project);
    store.account.projects.push(project);
    reply
}

pub(super) fn get_project(store: &mut Store<'_, Console>, call: &Call<'_, GetProject>) -> Handled {
    let request = &call.request;
    let project = store
        .account
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

pub(super) fn list_projects(
    store: &mut Store<'_, Console>,
    _call: &Call<'_, ListProjects>,
) -> Handled {
    let projects: Vec<Value> = store
        .account
        .projects
        .iter()
        .filter(|project| !project.deleted)
        .map(project_json)
        .collect();
    Ok(Reply::json(201, json!({ "projects": projects })))
}

pub(super) fn set_status(
    store: &mut Store<'_, Console>,
    call: &Call<'_, SetProjectStatus>,
) -> Handled {
    let request = &call.request;
    let project = live_project(store.account, &request.id)?;
    project.status = request.status.value();
    created(project)
}

pub(super) fn set_recording_server(
    store: &mut Store<'_, Console>,
    call: &Call<'_, SetRecordingServer>,
) -> Handled {
    let request = &call.request;
    let project = live_project(store.account, &request.id)?;
    project.recording_server = Some(request.recording_server.to_string());
    created(project)
}

pub(super) fn set_certificate(
    store: &mut Store<'_, Console>,
    call: &Call<'_, SetPrimaryCertificate>,
) -> Handled {
    let request = &call.request;
    let project = live_project(store.account, &request.id)?;
    project.sign_key_enabled = request.enable;
    created(project)
}

pub(super) fn reset_certificate(
    store: &mut Store<'_, Console>,
    call: &Call<'_, ResetPrimaryCertificate>,
) -> Handled {
    let request = &call.request;
    let fresh = store.account.rng.hex(32);
    let project = live_project(store.account, &request.id)?;
    // Tokens signed with the old certificate stop verifying.
    project.sign_key = fresh;
    project.sign_key_enabled = true;
    created(project)
}

pub(super) fn delete_project(
    store: &mut Store<'_, Console>,
    call: &Call<'_, DeleteProject>,
) -> Handled {
    let request = &call.request;
    let project = live_project(store.account, &request.id).map_err(|_| {
        Fail::Reply(Reply::json(
            404,
            json!({ "error_msg": "project not exist" }),
        ))
    })?;
    project.deleted = true;
    Ok(Reply::ok(json!({ "success": true })))
}
