//! Cloud Transcoding RESTful API.
//!
//! Basic auth on `api.sd-rtn.com` (`api.agora.io` serves it too); 10
//! requests per second per account, shared by every endpoint. A task's
//! lifecycle is a builder-token flow: [`AcquireTranscodingBuilderToken`]
//! -> [`CreateTranscodingTask`] (with `?builderToken=`, within five
//! minutes) -> [`QueryTranscodingTask`] / [`UpdateTranscodingTask`] ->
//! [`DestroyTranscodingTask`], each with the same token. The token and the
//! created task's ID are kept together in a [`TranscodingTaskSession`]
//! (see [`BuilderTokenTask`](crate::types::BuilderTokenTask)), from which
//! the later calls are made, so a token cannot be lost or used for
//! another task. [`SetTranscodingTemplate`] and
//! [`ListTranscodingTemplates`] manage the templates of audience-side
//! multi-bitrate.
//!
//! Agora documents the notification server IP query on this product's
//! pages too (`GET /v1/ncs/ip`): it is one endpoint on Agora's side, bound
//! once as [`GetNcsIps`] (of Cloud Recording, whose feature this one
//! enables) and re-exported here.
//! <https://docs.agora.io/en/api-reference/api-ref/cloud-transcoding>
//!
//! ```
//! use agora_api::cloud_transcoding::{
//!     Canvas, CreateTranscodingTask, Output, QueryTranscodingTask, RtcStream, Transcoder,
//!     TranscodingBuilderToken, TranscodingServices,
//! };
//! use agora_api::types::TaskId;
//! use agora_api::{AppId, ChannelName, Client, Uid};
//!
//! let app_id = AppId::new("0123456789abcdef0123456789abcdef")?;
//! // What AcquireTranscodingBuilderToken answers.
//! let token: TranscodingBuilderToken = serde_json::from_str(
//!     r#"{"tokenName":"xUwUbQf9Z","createTs":1661324606,"instanceId":"show-42"}"#,
//! )?;
//! let output = Output::rtc(RtcStream::new(ChannelName::new("show-mixed")?, Uid::new(1000)?, "rtc-token"));
//! let transcoder = Transcoder::new(Canvas::new(960, 480, 0), vec![output]);
//! let create = CreateTranscodingTask::new(app_id.clone(), &token, TranscodingServices::new(transcoder));
//! // ... client.send(&create) answers the task's ID:
//! let task = token.into_task(app_id, TaskId::new("609f28f2644f1ae1")?);
//! let client = Client::builder().basic_auth("id", "secret").build()?;
//! let query = client.prepare(&QueryTranscodingTask::of(&task))?;
//! assert_eq!(
//!     query.url().as_str(),
//!     "https://api.agora.io/v1/projects/0123456789abcdef0123456789abcdef/rtsc/cloud-transcoder/tasks/609f28f2644f1ae1?builderToken=xUwUbQf9Z"
//! );
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod config;
mod task;
mod template;

pub use crate::cloud_recording::{GetNcsIps, GetNcsIpsBuilder, NcsIps};
pub use config::{
    AudioInput, AudioOption, AudioProfileType, Canvas, CloudTranscoderService, FillMode, Output,
    Region, RtcStream, ServiceType, StreamProcessMode, Transcoder, TranscoderConfig,
    TranscodingServices, VideoCodec, VideoInput, VideoOption, VideoOutputMode, Watermark,
};
pub use task::{
    AcquireTranscodingBuilderToken, AcquireTranscodingBuilderTokenBuilder, CreateTranscodingTask,
    CreateTranscodingTaskBuilder, DestroyTranscodingTask, DestroyTranscodingTaskBuilder,
    QueryTranscodingTask, QueryTranscodingTaskBuilder, TaskService, TaskServices,
    TranscodingBuilderToken, TranscodingServiceStatus, TranscodingTask, TranscodingTaskSession,
    TranscodingTaskStatus, TranscodingUpdateMask, UpdateTranscodingTask,
    UpdateTranscodingTaskBuilder,
};
pub use template::{
    CodecId, ListTranscodingTemplates, ListTranscodingTemplatesBuilder, SetTranscodingTemplate,
    SetTranscodingTemplateBuilder, TemplateList, TemplateStatus, TemplateVideo,
    TranscodingTemplate, TranscodingTemplates,
};

/// The service of Cloud Transcoding tasks: the marker that types their
/// builder tokens and sessions, so that a token of another product cannot
/// start one.
#[derive(Debug)]
pub enum CloudTranscoder {}
