//! Agora Console RESTful API: the account's projects (create, read,
//! enable or disable, certificate, recording server, the legacy delete)
//! and their usage.
//!
//! Documented behaviour kept: `201` for the project calls (Agora's page
//! says so for all of them, reads included) and `200` for usage and the
//! legacy delete; a duplicate name or a 21st project is `400`; errors are
//! `{"message": ...}`, the legacy delete's `404` is `{"error_msg": "project
//! not exist"}`. A new project gets a fresh App ID and App Certificate,
//! which the other products accept at once. The projects are the
//! account's, which every product shares: the Console keeps no state of
//! its own.

#![allow(deprecated)]

use agora_api::InvalidInput;
use agora_api::console::{
    CreateProject, DeleteProject, GetProject, GetUsage, GetUsageV1, ListProjects,
    ResetPrimaryCertificate, SetPrimaryCertificate, SetProjectStatus, SetRecordingServer,
};
use agora_api::registry::EndpointInfo;
use serde_json::{Value, json};

use crate::product::{Product, Registration, Routes};
use crate::reply::Reply;
use crate::state::Project;

mod projects;
mod usage;

/// The Console product.
#[derive(Debug)]
pub(crate) struct Console;

impl Product for Console {
    const MODULE: &'static str = "agora_api::console";
    type State = ();

    fn register(routes: &mut Routes<Self>) {
        routes
            .on::<CreateProject>(projects::create_project)
            .on::<GetProject>(projects::get_project)
            .on::<ListProjects>(projects::list_projects)
            .on::<SetProjectStatus>(projects::set_status)
            .on::<SetRecordingServer>(projects::set_recording_server)
            .on::<SetPrimaryCertificate>(projects::set_certificate)
            .on::<ResetPrimaryCertificate>(projects::reset_certificate)
            .on::<DeleteProject>(projects::delete_project)
            .on::<GetUsage>(usage::usage)
            .on::<GetUsageV1>(usage::usage_v1);
    }

    /// `400 {"message": ...}` naming the field and the rule.
    fn invalid(_info: &'static EndpointInfo, _request_id: &str, error: &InvalidInput) -> Reply {
        Reply::json(400, json!({ "message": error.to_string() }))
    }

    fn unsupported_media_type(_request_id: &str) -> Reply {
        Reply::unsupported_media_type()
    }
}

inventory::submit! { Registration::of::<Console>() }

/// A project as Agora shows it: the certificate only while enabled.
fn project_json(project: &Project) -> Value {
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
