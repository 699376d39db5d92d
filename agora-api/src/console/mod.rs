//! Agora Console RESTful API: project management and usage.
//!
//! Create projects, read them, enable or disable them, manage their primary
//! App Certificate and recording server, and read their daily usage.
//!
//! Basic auth; 10 requests per second per API per Agora account (not per
//! App ID). Agora documents `201` for the project calls and `200` for
//! usage; any 2xx is success.
//! <https://docs.agora.io/en/video-calling/channel-management-api/agora-console-rest-api>
//!
//! Two endpoints, [`DeleteProject`] and [`GetUsageV1`], come only from
//! Agora's legacy Dashboard RESTful API page (2020, archived); they are
//! deprecated, since Agora no longer documents them.
//!
//! ```
//! use agora_api::Client;
//! use agora_api::console::{CreateProject, ProjectName};
//!
//! let client = Client::builder().basic_auth("id", "secret").build()?;
//! let create = CreateProject::builder()
//!     .name(ProjectName::new("project1")?)
//!     .enable_sign_key(true)
//!     .build();
//! let request = client.prepare(&create)?;
//! assert_eq!(request.url().as_str(), "https://api.agora.io/dev/v1/project");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod inputs;
mod projects;
mod usage;

pub use inputs::{ProjectId, ProjectIds, ProjectName, RecordingServer, UsageDate};
pub use projects::{
    Acknowledged, CreateProject, GetProject, ListProjects, Project, ProjectResponse, ProjectStatus,
    Projects, ResetPrimaryCertificate, SetPrimaryCertificate, SetProjectStatus, SetRecordingServer,
};
pub use usage::{
    DailyUsage, DailyUsageV1, GetUsage, MetricLabel, ProjectUsageV1, Usage, UsageBusiness,
    UsageDay, UsageDurations, UsageV1,
};
// Re-exports of legacy endpoints, which are deprecated for users only.
#[allow(deprecated)]
pub use {projects::DeleteProject, usage::GetUsageV1};

// The builders the derive generates beside each endpoint.
#[allow(deprecated)] // the builders of legacy endpoints; users still get the warning
pub use projects::DeleteProjectBuilder;
pub use projects::{
    CreateProjectBuilder, GetProjectBuilder, ListProjectsBuilder, ResetPrimaryCertificateBuilder,
    SetPrimaryCertificateBuilder, SetProjectStatusBuilder, SetRecordingServerBuilder,
};
pub use usage::GetUsageBuilder;
#[allow(deprecated)] // the builders of legacy endpoints; users still get the warning
pub use usage::GetUsageV1Builder;
