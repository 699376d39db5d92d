//! Projects: create, get, list, enable or disable and (legacy) delete
//! them; their recording server and primary App Certificate.

use serde::{Deserialize, Deserializer};

use super::inputs::{ProjectId, ProjectName, RecordingServer};
use crate::auth::Secret;
use crate::error::InvalidInput;
use crate::values::int_enum;
use crate::{Endpoint, endpoint_docs};

/// Creates an Agora project.
///
/// An account can create at most 20 projects, deleted ones included (10 for
/// accounts registered before 2021-10-01); a duplicate name is a `400`. Not
/// idempotent: a second call would try to create a second project, so a
/// retry never re-sends it after it may have reached Agora.
///
/// ```
/// use agora_api::Client;
/// use agora_api::console::{CreateProject, ProjectName};
///
/// let create = CreateProject::builder()
///     .name(ProjectName::new("project1")?)
///     .enable_sign_key(true)
///     .build();
/// let client = Client::builder().basic_auth("id", "secret").build()?;
/// let request = client.prepare(&create)?;
/// assert_eq!(request.method().as_str(), "POST");
/// let body = request.body().and_then(|b| b.as_bytes()).unwrap_or_default();
/// assert_eq!(std::str::from_utf8(body)?, r#"{"name":"project1","enable_sign_key":true}"#);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    POST,
    "/dev/v1/project",
    response = ProjectResponse,
    doc = "https://docs.agora.io/en/video-calling/channel-management-api/agora-console-rest-api#create-a-project",
    rate_limit(10, per = second, scope = account),
)]
#[auth(basic)]
pub struct CreateProject {
    /// The project name, 1 to 255 characters, unique in the account.
    pub name: ProjectName,
    /// Whether to enable the primary App Certificate now. It can be changed
    /// later with [`SetPrimaryCertificate`] or [`ResetPrimaryCertificate`].
    pub enable_sign_key: bool,
}

/// Gets one project by its ID and name.
///
/// Both parameters are required.
///
/// ```
/// use agora_api::Client;
/// use agora_api::console::{GetProject, ProjectId, ProjectName};
///
/// let get = GetProject::builder()
///     .id(ProjectId::new("7sdnf3xRH")?)
///     .name(ProjectName::new("project 1")?)
///     .build();
/// let client = Client::builder().basic_auth("id", "secret").build()?;
/// let request = client.prepare(&get)?;
/// assert_eq!(
///     request.url().as_str(),
///     "https://api.agora.io/dev/v1/project?id=7sdnf3xRH&name=project%201"
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    GET,
    "/dev/v1/project",
    response = Projects,
    doc = "https://docs.agora.io/en/video-calling/channel-management-api/agora-console-rest-api#get-a-specified-project",
    rate_limit(10, per = second, scope = account),
)]
#[auth(basic)]
pub struct GetProject {
    /// The project ID (from [`ListProjects`]).
    #[endpoint(query)]
    pub id: ProjectId,
    /// The project name.
    #[endpoint(query)]
    pub name: ProjectName,
}

/// Lists every project of the Agora account.
///
/// ```
/// use agora_api::{Client, console::ListProjects};
/// let client = Client::builder().basic_auth("id", "secret").build()?;
/// let request = client.prepare(&ListProjects::builder().build())?;
/// assert_eq!(request.url().as_str(), "https://api.agora.io/dev/v1/projects");
/// # Ok::<(), agora_api::Error>(())
/// ```
#[endpoint_docs]
#[derive(Debug, Clone, Default, Endpoint)]
#[endpoint(
    GET,
    "/dev/v1/projects",
    response = Projects,
    doc = "https://docs.agora.io/en/video-calling/channel-management-api/agora-console-rest-api#get-all-projects",
    rate_limit(10, per = second, scope = account),
)]
#[auth(basic)]
pub struct ListProjects {}

/// Enables or disables a project.
///
/// Idempotent: it sets the status to the given value rather than toggling
/// it, so sending it twice leaves the project as sending it once does, and
/// a retry may re-send it.
///
/// ```
/// use agora_api::Client;
/// use agora_api::console::{ProjectId, ProjectStatus, SetProjectStatus};
///
/// let disable = SetProjectStatus::builder()
///     .id(ProjectId::new("xxxx")?)
///     .status(ProjectStatus::Disabled)
///     .build();
/// let client = Client::builder().basic_auth("id", "secret").build()?;
/// let request = client.prepare(&disable)?;
/// let body = request.body().and_then(|b| b.as_bytes()).unwrap_or_default();
/// assert_eq!(std::str::from_utf8(body)?, r#"{"id":"xxxx","status":0}"#);
///
/// // Only the documented 0 and 1 are sent.
/// let other = SetProjectStatus::builder()
///     .id(ProjectId::new("xxxx")?)
///     .status(ProjectStatus::Other(2))
///     .build();
/// assert!(client.prepare(&other).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    POST,
    "/dev/v1/project_status",
    response = ProjectResponse,
    idempotent,
    validate = SetProjectStatus::check,
    doc = "https://docs.agora.io/en/video-calling/channel-management-api/agora-console-rest-api#disable-or-enable-a-project",
    rate_limit(10, per = second, scope = account),
)]
#[auth(basic)]
pub struct SetProjectStatus {
    /// The project ID (from [`ListProjects`]).
    pub id: ProjectId,
    /// [`ProjectStatus::Enabled`] or [`ProjectStatus::Disabled`].
    pub status: ProjectStatus,
}

impl SetProjectStatus {
    fn check(&self) -> Result<(), InvalidInput> {
        match self.status {
            ProjectStatus::Disabled | ProjectStatus::Enabled => Ok(()),
            ProjectStatus::Other(value) => Err(InvalidInput::new(
                "status",
                format!("must be 0 (disable) or 1 (enable) (got {value})"),
            )),
        }
    }
}

/// Sets the address of a project's recording server.
///
/// Only the legacy Agora On-Premise Recording SDK v1.9.0 and earlier uses
/// it; later versions ignore it. Agora's OpenAPI document does not list
/// this endpoint; the reference page does. Idempotent: it sets the address,
/// so a second identical call changes nothing and a retry may re-send it.
///
/// ```
/// use agora_api::Client;
/// use agora_api::console::{ProjectId, RecordingServer, SetRecordingServer};
///
/// let set = SetRecordingServer::builder()
///     .id(ProjectId::new("xxxx")?)
///     .recording_server(RecordingServer::new("10.12.1.5:8080")?)
///     .build();
/// let client = Client::builder().basic_auth("id", "secret").build()?;
/// let request = client.prepare(&set)?;
/// let body = request.body().and_then(|b| b.as_bytes()).unwrap_or_default();
/// assert_eq!(
///     std::str::from_utf8(body)?,
///     r#"{"id":"xxxx","recording_server":"10.12.1.5:8080"}"#
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    POST,
    "/dev/v1/recording_config",
    response = ProjectResponse,
    idempotent,
    doc = "https://docs.agora.io/en/video-calling/channel-management-api/agora-console-rest-api#set-the-ip-address-of-the-recording-server",
    rate_limit(10, per = second, scope = account),
)]
#[auth(basic)]
pub struct SetRecordingServer {
    /// The project ID (from [`ListProjects`]).
    pub id: ProjectId,
    /// The recording server, `ip:port`.
    pub recording_server: RecordingServer,
}

/// Enables or disables a project's primary App Certificate.
///
/// Idempotent: it sets the certificate's state to the given value, so a
/// retry may re-send it.
///
/// ```
/// use agora_api::Client;
/// use agora_api::console::{ProjectId, SetPrimaryCertificate};
///
/// let enable = SetPrimaryCertificate::builder()
///     .id(ProjectId::new("xxxx")?)
///     .enable(true)
///     .build();
/// let client = Client::builder().basic_auth("id", "secret").build()?;
/// let request = client.prepare(&enable)?;
/// assert_eq!(request.url().as_str(), "https://api.agora.io/dev/v1/signkey");
/// let body = request.body().and_then(|b| b.as_bytes()).unwrap_or_default();
/// assert_eq!(std::str::from_utf8(body)?, r#"{"id":"xxxx","enable":true}"#);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    POST,
    "/dev/v1/signkey",
    response = ProjectResponse,
    idempotent,
    doc = "https://docs.agora.io/en/video-calling/channel-management-api/agora-console-rest-api#enable-or-disable-the-primary-app-certificate",
    rate_limit(10, per = second, scope = account),
)]
#[auth(basic)]
pub struct SetPrimaryCertificate {
    /// The project ID (from [`ListProjects`]).
    pub id: ProjectId,
    /// `true` to enable the primary App Certificate, `false` to disable it.
    pub enable: bool,
}

/// Replaces a project's primary App Certificate with a new one (for
/// example after a leak); enables it if it was not enabled.
///
/// Not idempotent: every call makes a new certificate and invalidates the
/// previous one, so a retry never re-sends it after it may have reached
/// Agora.
///
/// ```
/// use agora_api::{Client, Endpoint};
/// use agora_api::console::{ProjectId, ResetPrimaryCertificate};
///
/// let reset = ResetPrimaryCertificate::builder().id(ProjectId::new("xxxx")?).build();
/// assert!(!ResetPrimaryCertificate::IDEMPOTENT);
/// let client = Client::builder().basic_auth("id", "secret").build()?;
/// let request = client.prepare(&reset)?;
/// let body = request.body().and_then(|b| b.as_bytes()).unwrap_or_default();
/// assert_eq!(std::str::from_utf8(body)?, r#"{"id":"xxxx"}"#);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    POST,
    "/dev/v1/reset_signkey",
    response = ProjectResponse,
    doc = "https://docs.agora.io/en/video-calling/channel-management-api/agora-console-rest-api#reset-the-primary-app-certificate",
    rate_limit(10, per = second, scope = account),
)]
#[auth(basic)]
pub struct ResetPrimaryCertificate {
    /// The project ID (from [`ListProjects`]).
    pub id: ProjectId,
}

/// Deletes a project.
///
/// The project ID goes in a JSON body.
///
/// **Legacy**: only Agora's Dashboard RESTful API page of 2020 (now
/// archived) documents it; the current reference page and Agora's OpenAPI
/// document do not, so Agora may no longer serve it. It answers
/// `{"success": true}`, or `404` with `{"error_msg": "project not exist"}`.
/// Idempotent (deleting a deleted project leaves it deleted), so a retry
/// may re-send it; a re-sent call after a first one that got through
/// reports that `404`.
///
/// ```
/// # #![allow(deprecated)]
/// use agora_api::Client;
/// use agora_api::console::{DeleteProject, ProjectId};
///
/// let delete = DeleteProject::builder().id(ProjectId::new("xxxx")?).build();
/// let client = Client::builder().basic_auth("id", "secret").build()?;
/// let request = client.prepare(&delete)?;
/// assert_eq!(request.method().as_str(), "DELETE");
/// let body = request.body().and_then(|b| b.as_bytes()).unwrap_or_default();
/// assert_eq!(std::str::from_utf8(body)?, r#"{"id":"xxxx"}"#);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[deprecated(
    note = "legacy: documented only in Agora's archived 2020 Dashboard RESTful API docs; Agora may no longer serve it"
)]
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    DELETE,
    "/dev/v1/project",
    response = Acknowledged,
    doc = "https://github.com/AgoraIO/agora_doc_source/blob/1f410fe7fb9e5d014f0a75299ce77a96652c143f/markdown/ARCHIVED/dashboard_restful_communication.md",
    rate_limit(10, per = second, scope = account),
)]
#[auth(basic)]
pub struct DeleteProject {
    /// The project ID (from [`ListProjects`]).
    pub id: ProjectId,
}

/// The projects an account has, or the one asked for.
#[derive(Debug, Clone, Deserialize)]
#[non_exhaustive]
pub struct Projects {
    /// The projects. Agora's OpenAPI document (zh-CN) names this `project`
    /// for [`GetProject`]; both names, and a single object, are accepted.
    #[serde(default, alias = "project", deserialize_with = "one_or_many")]
    pub projects: Vec<Project>,
}

/// The project a create or update call returns, as it is after the call.
#[derive(Debug, Clone, Deserialize)]
#[non_exhaustive]
pub struct ProjectResponse {
    /// The project. The reference page shows an object, Agora's OpenAPI
    /// document (zh-CN) a one-element array; both decode (an array to its
    /// first element). `None` when Agora answers only `{"success": true}`,
    /// as its legacy docs show for the certificate and recording server
    /// calls.
    #[serde(default, deserialize_with = "one_or_first")]
    pub project: Option<Project>,
    /// `true` in the legacy form of the answer.
    #[serde(default)]
    pub success: Option<bool>,
}

/// The answer of a legacy call that returns no data.
#[derive(Debug, Clone, Deserialize)]
#[non_exhaustive]
pub struct Acknowledged {
    /// `true` when the call succeeded.
    #[serde(default)]
    pub success: Option<bool>,
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
    /// The primary App Certificate, when enabled. A secret. Agora's OpenAPI
    /// document (zh-CN) leaves it out.
    #[serde(default)]
    pub sign_key: Option<Secret>,
    /// The recording server (`ip:port`) of the legacy On-Premise Recording
    /// SDK, when set. Agora's OpenAPI document (zh-CN) leaves it out.
    #[serde(default)]
    pub recording_server: Option<String>,
    /// Whether the project is enabled.
    pub status: ProjectStatus,
    /// When the project was created, in Unix seconds.
    pub created: i64,
}

impl Project {
    /// The project ID, checked, for the calls that take one.
    ///
    /// ```
    /// # use agora_api::console::Projects;
    /// let projects: Projects = serde_json::from_str(
    ///     r#"{"projects":[{"id":"xxxx","name":"p","vendor_key":"k","status":1,"created":0}]}"#,
    /// )?;
    /// assert_eq!(projects.projects[0].project_id()?.as_str(), "xxxx");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn project_id(&self) -> Result<ProjectId, InvalidInput> {
        ProjectId::new(self.id.as_str())
    }
}

int_enum! {
    /// Whether a project is enabled (`1`) or disabled (`0`).
    ///
    /// An answer with a value Agora adds later decodes as `Other`;
    /// [`SetProjectStatus`] sends only the two documented values.
    pub enum ProjectStatus {
        /// The project is disabled.
        Disabled = 0,
        /// The project is enabled.
        Enabled = 1,
    }
}

/// A list of projects written as an array or, as some of Agora's documents
/// show, a single object; `null` is no project.
fn one_or_many<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<Project>, D::Error> {
    use serde::de::Error as _;
    match Option::<serde_json::Value>::deserialize(deserializer)? {
        None | Some(serde_json::Value::Null) => Ok(Vec::new()),
        Some(value @ serde_json::Value::Array(_)) => {
            serde_json::from_value(value).map_err(D::Error::custom)
        }
        Some(value) => serde_json::from_value(value)
            .map(|project| vec![project])
            .map_err(D::Error::custom),
    }
}

/// One project written as an object or as an array (its first element).
fn one_or_first<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Project>, D::Error> {
    one_or_many(deserializer).map(|projects| projects.into_iter().next())
}
