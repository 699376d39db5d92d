//! Console (project management and usage) examples: the English reference
//! page's (`documented`), the zh-CN OpenAPI document's (`openapi`), and the
//! archived 2020 page's for the two legacy endpoints (`legacy`).

#![allow(deprecated)]

use agora_api::console::{
    CreateProject, DeleteProject, GetProject, GetUsage, GetUsageV1, ListProjects, ProjectId,
    ProjectIds, ProjectName, ProjectStatus, RecordingServer, ResetPrimaryCertificate,
    SetPrimaryCertificate, SetProjectStatus, SetRecordingServer, UsageBusiness, UsageDate,
};

use super::Example;

fn id(value: &str) -> ProjectId {
    ProjectId::new(value).expect("a documented project ID")
}

fn name(value: &str) -> ProjectName {
    ProjectName::new(value).expect("a documented project name")
}

fn date(value: &str) -> UsageDate {
    UsageDate::new(value).expect("a documented date")
}

fn create() -> CreateProject {
    CreateProject::builder()
        .name(name("project1"))
        .enable_sign_key(true)
        .build()
}

/// The documented examples, built through the builders.
pub fn examples() -> Vec<Example> {
    vec![
        Example::of("documented", create()),
        Example::of("openapi", create()),
        Example::of(
            "documented",
            GetProject::builder()
                .id(id("7sdnf3xRH"))
                .name(name("project1"))
                .build(),
        ),
        Example::of("documented", ListProjects::builder().build()),
        Example::of("openapi", ListProjects::builder().build()),
        Example::of(
            "documented",
            SetProjectStatus::builder()
                .id(id("xxxx"))
                .status(ProjectStatus::Disabled)
                .build(),
        ),
        Example::of(
            "openapi",
            SetProjectStatus::builder()
                .id(id("string"))
                .status(ProjectStatus::Disabled)
                .build(),
        ),
        Example::of(
            "documented",
            SetRecordingServer::builder()
                .id(id("xxxx"))
                .recording_server(
                    RecordingServer::new("10.12.1.5:8080").expect("a documented address"),
                )
                .build(),
        ),
        Example::of(
            "documented",
            SetPrimaryCertificate::builder()
                .id(id("xxxx"))
                .enable(true)
                .build(),
        ),
        Example::of(
            "openapi",
            SetPrimaryCertificate::builder()
                .id(id("xxxx"))
                .enable(true)
                .build(),
        ),
        Example::of(
            "documented",
            ResetPrimaryCertificate::builder().id(id("xxxx")).build(),
        ),
        Example::of(
            "openapi",
            ResetPrimaryCertificate::builder().id(id("xxxx")).build(),
        ),
        Example::of(
            "documented",
            GetUsage::builder()
                .project_id(id("rxxxxxxj5u"))
                .from_date(date("2021-10-12"))
                .to_date(date("2021-12-14"))
                .business(UsageBusiness::Default)
                .build(),
        ),
        Example::of("legacy", DeleteProject::builder().id(id("xxxx")).build()),
        Example::of(
            "legacy",
            GetUsageV1::builder()
                .from_date(date("2015-01-01"))
                .to_date(date("2015-03-21"))
                .projects(
                    "id1,id2"
                        .parse::<ProjectIds>()
                        .expect("documented project IDs"),
                )
                .build(),
        ),
    ]
}
