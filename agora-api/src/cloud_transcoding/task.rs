//! A transcoding task: acquire a builder token, create the task with it,
//! then query, update and destroy it with the same token.

use serde::Deserialize;

use crate::types::{
    AcquiredBuilderToken, AppId, BuilderToken, BuilderTokenTask, InstanceId, TaskId,
};
use crate::values::{closed_enum, string_enum};
use crate::{Endpoint, InvalidInput, endpoint_docs};

use super::CloudTranscoder;
use super::config::{ServiceType, TranscodingServices};

/// A builder token for a transcoding task, as
/// [`AcquireTranscodingBuilderToken`] answers it.
pub type TranscodingBuilderToken = AcquiredBuilderToken<CloudTranscoder>;

/// The session of a transcoding task: its App ID, ID and builder token,
/// kept together (see [`BuilderTokenTask`]).
pub type TranscodingTaskSession = BuilderTokenTask<CloudTranscoder>;

/// Acquires a builder token for one transcoding task; create the task
/// with it within five minutes (Agora recommends two seconds).
///
/// `services` optionally announces the task's configuration, which Agora
/// uses for scheduling. An instance may acquire several tokens; each
/// starts one task. Not idempotent: each call issues a new token, so a
/// retry never re-sends it once it may have reached Agora.
///
/// ```
/// use agora_api::cloud_transcoding::AcquireTranscodingBuilderToken;
/// use agora_api::types::InstanceId;
/// use agora_api::{AppId, Client};
///
/// let acquire = AcquireTranscodingBuilderToken::builder()
///     .app_id(AppId::new("0123456789abcdef0123456789abcdef")?)
///     .instance_id(InstanceId::new("show-42")?)
///     .build();
/// let client = Client::builder().basic_auth("id", "secret").build()?;
/// let request = client.prepare(&acquire)?;
/// assert!(request.url().path().ends_with("/rtsc/cloud-transcoder/builderTokens"));
/// let body = request.body().and_then(|b| b.as_bytes()).unwrap_or_default();
/// assert_eq!(std::str::from_utf8(body)?, r#"{"instanceId":"show-42"}"#);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    POST,
    "/v1/projects/{appId}/rtsc/cloud-transcoder/builderTokens",
    response = TranscodingBuilderToken,
    doc = "https://docs.agora.io/en/api-reference/api-ref/cloud-transcoding/acquire",
    rate_limit(10, per = second, scope = account, shared = "cloud_transcoding"),
)]
#[auth(basic)]
pub struct AcquireTranscodingBuilderToken {
    /// The project's App ID.
    #[endpoint(path, rename = "appId")]
    pub app_id: AppId,
    /// The instance the token is for.
    #[endpoint(rename = "instanceId")]
    pub instance_id: InstanceId,
    /// The task's configuration ahead of time, for scheduling.
    pub services: Option<TranscodingServices>,
}

/// Creates (and starts) a transcoding task with a fresh builder token.
///
/// Build it with [`CreateTranscodingTask::new`] from the acquired token,
/// then turn the token and the answer's `taskId` into the task's session
/// ([`TranscodingBuilderToken::into_task`]): every later call is made
/// from that session. A token starts one task and only within five
/// minutes of its acquire. One task pushes to one RTC channel or to CDN
/// addresses, not both. Not idempotent: a retry never re-sends it once it
/// may have reached Agora.
///
/// ```
/// use agora_api::cloud_transcoding::{
///     Canvas, CreateTranscodingTask, Output, Transcoder, TranscodingBuilderToken,
///     TranscodingServices,
/// };
/// use agora_api::{AppId, Client};
///
/// let token: TranscodingBuilderToken = serde_json::from_str(
///     r#"{"tokenName":"xUwUbQf9Z","createTs":1661324606,"instanceId":"show-42"}"#,
/// )?;
/// let transcoder = Transcoder::new(Canvas::new(960, 480, 0), vec![Output::cdn("rtmp://cdn.example/live/a")]);
/// let app_id = AppId::new("0123456789abcdef0123456789abcdef")?;
/// let create = CreateTranscodingTask::new(app_id, &token, TranscodingServices::new(transcoder));
/// let client = Client::builder().basic_auth("id", "secret").build()?;
/// let request = client.prepare(&create)?;
/// assert_eq!(request.url().query(), Some("builderToken=xUwUbQf9Z"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    POST,
    "/v1/projects/{appId}/rtsc/cloud-transcoder/tasks",
    response = TranscodingTask,
    doc = "https://docs.agora.io/en/api-reference/api-ref/cloud-transcoding/create",
    rate_limit(10, per = second, scope = account, shared = "cloud_transcoding"),
)]
#[auth(basic)]
pub struct CreateTranscodingTask {
    /// The project's App ID.
    #[endpoint(path, rename = "appId")]
    pub app_id: AppId,
    /// The acquired builder token.
    #[endpoint(query = "builderToken")]
    pub builder_token: BuilderToken,
    /// The task's configuration.
    pub services: TranscodingServices,
}

impl CreateTranscodingTask {
    /// The create call of `token`'s task.
    pub fn new(
        app_id: AppId,
        token: &TranscodingBuilderToken,
        services: TranscodingServices,
    ) -> Self {
        CreateTranscodingTask {
            app_id,
            builder_token: token.token_name.clone(),
            services,
        }
    }
}

/// Reads a transcoding task's status.
///
/// ```
/// use agora_api::cloud_transcoding::{QueryTranscodingTask, TranscodingTaskSession};
/// use agora_api::types::{BuilderToken, InstanceId, TaskId};
/// use agora_api::{AppId, Client};
///
/// let task = TranscodingTaskSession::resume(
///     AppId::new("0123456789abcdef0123456789abcdef")?,
///     TaskId::new("609f28f2644f1ae1")?,
///     BuilderToken::new("xUwUbQf9Z")?,
///     InstanceId::new("show-42")?,
///     0,
/// );
/// let client = Client::builder().basic_auth("id", "secret").build()?;
/// let request = client.prepare(&QueryTranscodingTask::of(&task))?;
/// assert!(request.url().as_str().ends_with("/tasks/609f28f2644f1ae1?builderToken=xUwUbQf9Z"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    GET,
    "/v1/projects/{appId}/rtsc/cloud-transcoder/tasks/{taskId}",
    response = TranscodingTask,
    doc = "https://docs.agora.io/en/api-reference/api-ref/cloud-transcoding/query",
    rate_limit(10, per = second, scope = account, shared = "cloud_transcoding"),
)]
#[auth(basic)]
pub struct QueryTranscodingTask {
    /// The project's App ID.
    #[endpoint(path, rename = "appId")]
    pub app_id: AppId,
    /// The task.
    #[endpoint(path, rename = "taskId")]
    pub task_id: TaskId,
    /// The builder token that created it.
    #[endpoint(query = "builderToken")]
    pub builder_token: BuilderToken,
}

impl QueryTranscodingTask {
    /// The query of `task`.
    pub fn of(task: &TranscodingTaskSession) -> Self {
        QueryTranscodingTask {
            app_id: task.app_id().clone(),
            task_id: task.task_id().clone(),
            builder_token: task.builder_token().clone(),
        }
    }
}

closed_enum! {
    /// What an update replaces (`updateMask`): Agora documents the full
    /// configuration only.
    pub enum TranscodingUpdateMask in "updateMask" {
        /// `services.cloudTranscoder.config`: the whole configuration.
        FullConfig = "services.cloudTranscoder.config",
    }
}

/// Replaces a running task's configuration.
///
/// The body is the whole create body again, with the changes: Agora
/// applies RTC members added to or removed from the inputs, video input
/// regions, and the outputs' audio and video options. Each update takes a
/// larger `sequenceId` than the last (the session hands them out: 0, 1,
/// 2, …); Agora applies the highest it has seen. Agora documents an empty
/// 2xx body; a body, if any, is read as the task. Not idempotent: a retry
/// never re-sends it once it may have reached Agora.
///
/// Agora's request example for this page sends `POST .../tasks` without a
/// task ID; its method and path tables say `PATCH .../tasks/{taskId}`,
/// which is bound.
///
/// ```
/// use agora_api::cloud_transcoding::{
///     Canvas, Output, Transcoder, TranscodingServices, TranscodingTaskSession,
///     UpdateTranscodingTask,
/// };
/// use agora_api::types::{BuilderToken, InstanceId, TaskId};
/// use agora_api::{AppId, Client};
///
/// let mut task = TranscodingTaskSession::resume(
///     AppId::new("0123456789abcdef0123456789abcdef")?,
///     TaskId::new("609f28f2644f1ae1")?,
///     BuilderToken::new("xUwUbQf9Z")?,
///     InstanceId::new("show-42")?,
///     0,
/// );
/// let transcoder = Transcoder::new(Canvas::new(1280, 720, 0), vec![Output::cdn("rtmp://cdn.example/live/a")]);
/// let first = UpdateTranscodingTask::of(&mut task, TranscodingServices::new(transcoder.clone()))?;
/// let second = UpdateTranscodingTask::of(&mut task, TranscodingServices::new(transcoder))?;
/// assert_eq!((first.sequence_id, second.sequence_id), (0, 1));
/// let client = Client::builder().basic_auth("id", "secret").build()?;
/// let request = client.prepare(&second)?;
/// assert_eq!(
///     request.url().query(),
///     Some("builderToken=xUwUbQf9Z&sequenceId=1&updateMask=services.cloudTranscoder.config")
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    PATCH,
    "/v1/projects/{appId}/rtsc/cloud-transcoder/tasks/{taskId}",
    response = Option<TranscodingTask>,
    doc = "https://docs.agora.io/en/api-reference/api-ref/cloud-transcoding/update",
    rate_limit(10, per = second, scope = account, shared = "cloud_transcoding"),
)]
#[auth(basic)]
pub struct UpdateTranscodingTask {
    /// The project's App ID.
    #[endpoint(path, rename = "appId")]
    pub app_id: AppId,
    /// The task.
    #[endpoint(path, rename = "taskId")]
    pub task_id: TaskId,
    /// The builder token that created it.
    #[endpoint(query = "builderToken")]
    pub builder_token: BuilderToken,
    /// Larger than the last update's.
    #[endpoint(query = "sequenceId")]
    pub sequence_id: u64,
    /// What is replaced.
    #[endpoint(query = "updateMask")]
    pub update_mask: TranscodingUpdateMask,
    /// The whole configuration, with the changes.
    pub services: TranscodingServices,
}

impl UpdateTranscodingTask {
    /// The next update of `task`: it takes the session's next
    /// `sequenceId`. Fails only when the session has none left.
    pub fn of(
        task: &mut TranscodingTaskSession,
        services: TranscodingServices,
    ) -> Result<Self, InvalidInput> {
        Ok(UpdateTranscodingTask {
            sequence_id: task.next_sequence_id()?,
            app_id: task.app_id().clone(),
            task_id: task.task_id().clone(),
            builder_token: task.builder_token().clone(),
            update_mask: TranscodingUpdateMask::FullConfig,
            services,
        })
    }
}

/// Destroys a transcoding task; the answer is its final state.
///
/// Not idempotent: a second destroy finds no task and would hide the
/// first one's answer, so a retry never re-sends it once it may have
/// reached Agora.
///
/// ```
/// use agora_api::cloud_transcoding::{DestroyTranscodingTask, TranscodingTaskSession};
/// use agora_api::types::{BuilderToken, InstanceId, TaskId};
/// use agora_api::{AppId, Client};
///
/// let task = TranscodingTaskSession::resume(
///     AppId::new("0123456789abcdef0123456789abcdef")?,
///     TaskId::new("609f28f2644f1ae1")?,
///     BuilderToken::new("xUwUbQf9Z")?,
///     InstanceId::new("show-42")?,
///     0,
/// );
/// let client = Client::builder().basic_auth("id", "secret").build()?;
/// let request = client.prepare(&DestroyTranscodingTask::of(&task))?;
/// assert_eq!(request.method(), "DELETE");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    DELETE,
    "/v1/projects/{appId}/rtsc/cloud-transcoder/tasks/{taskId}",
    response = TranscodingTask,
    idempotent = false,
    doc = "https://docs.agora.io/en/api-reference/api-ref/cloud-transcoding/destroy",
    rate_limit(10, per = second, scope = account, shared = "cloud_transcoding"),
)]
#[auth(basic)]
pub struct DestroyTranscodingTask {
    /// The project's App ID.
    #[endpoint(path, rename = "appId")]
    pub app_id: AppId,
    /// The task.
    #[endpoint(path, rename = "taskId")]
    pub task_id: TaskId,
    /// The builder token that created it.
    #[endpoint(query = "builderToken")]
    pub builder_token: BuilderToken,
}

impl DestroyTranscodingTask {
    /// The destroy call of `task`.
    pub fn of(task: &TranscodingTaskSession) -> Self {
        DestroyTranscodingTask {
            app_id: task.app_id().clone(),
            task_id: task.task_id().clone(),
            builder_token: task.builder_token().clone(),
        }
    }
}

string_enum! {
    /// The state of a task (`status`).
    pub enum TranscodingTaskStatus {
        /// Not started.
        Idle = "IDLE",
        /// A start request was received.
        Prepared = "PREPARED",
        /// Starting.
        Starting = "STARTING",
        /// Initialized.
        Created = "CREATED",
        /// Started.
        Started = "STARTED",
        /// Running.
        InProgress = "IN_PROGRESS",
        /// Stopping.
        Stopping = "STOPPING",
        /// Stopped.
        Stopped = "STOPPED",
        /// Exited normally.
        Exit = "EXIT",
        /// Exited abnormally.
        FailureStop = "FAILURE_STOP",
    }
}

string_enum! {
    /// The state of the transcoding service in a task
    /// (`services.cloudTranscoder.status`); for Agora's support.
    pub enum TranscodingServiceStatus {
        /// Not started.
        Idle = "serviceIdle",
        /// Ready to start.
        Ready = "serviceReady",
        /// Started.
        Started = "serviceStarted",
        /// Running.
        InProgress = "serviceInProgress",
        /// Stopped, all done.
        Completed = "serviceCompleted",
        /// Stopped, partly done.
        PartialCompleted = "servicePartialCompleted",
        /// Failed on invalid parameters.
        ValidationFailed = "serviceValidationFailed",
        /// Exited unexpectedly.
        Abnormal = "serviceAbnormal",
        /// Unknown.
        Unknown = "serviceUnknown",
    }
}

/// A task, as create, query, update and destroy answer it. Agora's
/// reserved members (`eventHandlers`, `execution`, `properties`,
/// `variables`, `workflows`) are not kept.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct TranscodingTask {
    /// The task's ID.
    pub task_id: TaskId,
    /// When it was created, in Unix seconds.
    pub create_ts: u64,
    /// Its state.
    pub status: TranscodingTaskStatus,
    /// Agora's reserved sequence field (`"0"` in its examples).
    #[serde(default)]
    pub sequence_id: Option<String>,
    /// The service's own state.
    #[serde(default)]
    pub services: Option<TaskServices>,
}

/// `services` of a task.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct TaskServices {
    /// The transcoding service.
    #[serde(default)]
    pub cloud_transcoder: Option<TaskService>,
}

/// The transcoding service of a task.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct TaskService {
    /// `cloudTranscoderV2`.
    #[serde(default)]
    pub service_type: Option<ServiceType>,
    /// Its state.
    #[serde(default)]
    pub status: Option<TranscodingServiceStatus>,
    /// When it was created, in Unix seconds.
    #[serde(default)]
    pub create_ts: Option<u64>,
    /// Agora's reserved message (`OnSlaveServiceStopped`, …).
    #[serde(default)]
    pub message: Option<String>,
    /// The configuration, as Agora echoes it (often `{}`).
    #[serde(default)]
    pub config: Option<serde_json::Value>,
    /// Reserved.
    #[serde(default)]
    pub details: Option<serde_json::Value>,
}
