//! The v5/v6 builder token: the one-use key that starts a legacy task.

#![allow(deprecated)]

use crate::types::AcquiredBuilderToken;
pub use crate::types::{BuilderToken, InstanceId};
use crate::{AppId, Endpoint, endpoint_docs};

/// The service of legacy (v5/v6) Real-Time STT tasks: the marker that
/// types their builder tokens and sessions
/// ([`BuilderTokenTask<LegacyStt>`](crate::types::BuilderTokenTask)),
/// so that a token of another product cannot start one.
#[derive(Debug)]
pub enum LegacyStt {}

/// A builder token, as [`AcquireSttBuilderToken`] answers it
/// (`{tokenName, createTs, instanceId}`): pass it to
/// [`StartLegacySttTask::new`](super::StartLegacySttTask::new), then make the task's
/// session with [`into_task`](AcquiredBuilderToken::into_task).
pub type SttBuilderToken = AcquiredBuilderToken<LegacyStt>;

/// Acquires a builder token for a legacy (v5/v6) Real-Time STT task; start
/// the task with it within five minutes.
///
/// Not idempotent: each call issues a new token, so a retry never re-sends
/// it after it may have reached Agora.
///
/// ```
/// # #![allow(deprecated)]
/// use agora_api::real_time_stt::{AcquireSttBuilderToken, InstanceId};
/// use agora_api::{AppId, Client};
///
/// let acquire = AcquireSttBuilderToken::builder()
///     .app_id(AppId::new("0123456789abcdef0123456789abcdef")?)
///     .instance_id(InstanceId::new("room-42")?)
///     .build();
/// let client = Client::builder().basic_auth("id", "secret").build()?;
/// let request = client.prepare(&acquire)?;
/// let body = request.body().and_then(|b| b.as_bytes()).unwrap_or_default();
/// assert_eq!(std::str::from_utf8(body)?, r#"{"instanceId":"room-42"}"#);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[deprecated(
    note = "Real-Time STT v5/v6: deprecated by Agora in June 2025, ended on 2026-06-11; use the v7 agents API"
)]
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    POST,
    "/v1/projects/{appId}/rtsc/speech-to-text/builderTokens",
    response = SttBuilderToken,
    doc = "https://docs.agora.io/en/api-reference/api-ref/speech-to-text/rest-api-v6/acquire",
)]
#[auth(basic)]
pub struct AcquireSttBuilderToken {
    /// The project's App ID.
    #[endpoint(path, rename = "appId")]
    pub app_id: AppId,
    /// The instance the token is for.
    #[endpoint(rename = "instanceId")]
    pub instance_id: InstanceId,
}
