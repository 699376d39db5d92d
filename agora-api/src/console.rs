//! Agora Console RESTful API: project management.
//!
//! Basic auth; 10 requests per second per API per Agora account. Agora
//! documents `201` for these calls; any 2xx is success.
//! <https://docs.agora.io/en/video-calling/channel-management-api/agora-console-rest-api>

use serde::Deserialize;

use crate::Endpoint;
use crate::auth::Secret;
use crate::open_enum::int_enum;

/// Lists every project of the Agora account.
///
/// `GET /dev/v1/projects`. Rate limit: 10 requests per second.
/// <https://docs.agora.io/en/video-calling/channel-management-api/agora-console-rest-api>
///
/// ```
/// use agora_api::{Client, console::ListProjects};
/// let client = Client::builder().basic_auth("id", "secret").build()?;
/// let request = client.prepare(&ListProjects::builder().build())?;
/// assert_eq!(request.url().as_str(), "https://api.agora.io/dev/v1/projects");
/// # Ok::<(), agora_api::Error>(())
/// ```
#[derive(Debug, Clone, Default, Endpoint)]
#[endpoint(GET, "/dev/v1/projects", response = Projects)]
#[auth(basic)]
pub struct ListProjects {}

/// The projects of an account.
#[derive(Debug, Clone, Deserialize)]
#[non_exhaustive]
pub struct Projects {
    /// Every project.
    pub projects: Vec<Project>,
}

/// One Agora project.
#[derive(Debug, Clone, Deserialize)]
#[non_exhaustive]
pub struct Project {
    /// The project ID (not the App ID).
    pub id: String,
    /// The project name.
    pub name: String,
    /// The project's App ID.
    pub vendor_key: String,
    /// The primary App Certificate, when enabled. A secret.
    #[serde(default)]
    pub sign_key: Option<Secret>,
    /// The recording server (`ip:port`) of the legacy On-Premise Recording
    /// SDK, when set.
    #[serde(default)]
    pub recording_server: Option<String>,
    /// Whether the project is enabled.
    pub status: ProjectStatus,
    /// When the project was created, in Unix seconds.
    pub created: i64,
}

int_enum! {
    /// Whether a project is enabled.
    pub enum ProjectStatus {
        /// The project is disabled.
        Disabled = 0,
        /// The project is enabled.
        Enabled = 1,
    }
}
