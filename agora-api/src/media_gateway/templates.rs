//! Flow-configuration templates: create or reset, update, delete, and the
//! App ID's global template.

use serde::{Deserialize, Serialize};

use super::GATEWAY_ENVELOPE;
use super::inputs::TemplateId;
use super::template_settings::TemplateSettings;
use crate::types::RequestId;
use crate::{AppId, Endpoint, ServiceRegion, endpoint_docs};

/// Creates a flow-configuration template, or resets the one with this
/// ID to exactly these settings.
///
/// An App ID holds at most 10 templates (`403` "Too many templates have
/// been created" past that). A key uses its own template
/// ([`StreamKeySettings::template`](super::StreamKeySettings::template)),
/// else the App ID's global one ([`SetGlobalTemplate`]), else none (no
/// video transcoding). Idempotent: the same body twice leaves the same
/// template.
///
/// ```
/// use agora_api::media_gateway::{
///     GatewayVideoCodec, Pixels, PutStreamTemplate, TemplateId, TemplateSettings, Transcoding,
///     VideoTranscoding,
/// };
/// use agora_api::{AppId, Client, ServiceRegion};
///
/// let settings = TemplateSettings {
///     transcoding: Some(Transcoding {
///         video: Some(VideoTranscoding {
///             enabled: true,
///             codec: Some(GatewayVideoCodec::H264),
///             width: Some(Pixels::new(1280)?),
///             height: Some(Pixels::new(720)?),
///             ..VideoTranscoding::default()
///         }),
///         audio: None,
///     }),
///     jitter_buffer: None,
/// };
/// let put = PutStreamTemplate::builder()
///     .region(ServiceRegion::NorthAmerica)
///     .app_id(AppId::new("0123456789abcdef0123456789abcdef")?)
///     .template_id(TemplateId::new("720p")?)
///     .settings(settings)
///     .build();
/// let client = Client::builder().basic_auth("id", "secret").build()?;
/// let request = client.prepare(&put)?;
/// assert!(request.url().as_str().ends_with("/rtls/ingress/stream-templates/720p"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    PUT,
    "/{region}/v1/projects/{appId}/rtls/ingress/stream-templates/{templateId}",
    response = (),
    envelope = GATEWAY_ENVELOPE,
    retry_status = 409,
    doc = "https://docs.agora.io/en/media-gateway/reference/rest-api/endpoints/flow-configuration-template/create-reset-template",
    rate_limit(50, per = second, scope = app_id),
)]
#[auth(basic, hmac)]
pub struct PutStreamTemplate {
    /// The region the call is made in.
    pub region: ServiceRegion,
    /// The project's App ID.
    #[endpoint(path, rename = "appId")]
    pub app_id: AppId,
    /// The template's ID, of your choosing (`720p`, `gameA`).
    #[endpoint(path, rename = "templateId")]
    pub template_id: TemplateId,
    /// An ID for this request, which Agora echoes and logs.
    #[endpoint(header = "x-request-id")]
    pub request_id: Option<RequestId>,
    /// The template.
    pub settings: TemplateSettings,
}

/// Changes a template that exists (`404` "Stream template not found"
/// otherwise): each of `transcoding.video`, `transcoding.audio` and
/// `jitterBuffer` sent replaces that part whole, and the parts left out
/// stay as they were.
///
/// The change reaches a stream when it is pushed again; Agora advises
/// waiting 3 minutes before re-pushing. Idempotent (declared so): parts
/// are replaced, never merged field by field, so the same update twice
/// leaves the same template. The page's prototype says `PATCH`, its
/// curl example `PUT` (which would reset the template): `PATCH` is bound
/// (`specs/media-gateway.json`, exception `update-template-example-put`).
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    PATCH,
    "/{region}/v1/projects/{appId}/rtls/ingress/stream-templates/{templateId}",
    response = (),
    envelope = GATEWAY_ENVELOPE,
    idempotent,
    retry_status = 409,
    doc = "https://docs.agora.io/en/media-gateway/reference/rest-api/endpoints/flow-configuration-template/update-template",
    rate_limit(50, per = second, scope = app_id),
)]
#[auth(basic, hmac)]
pub struct UpdateStreamTemplate {
    /// The region the call is made in.
    pub region: ServiceRegion,
    /// The project's App ID.
    #[endpoint(path, rename = "appId")]
    pub app_id: AppId,
    /// The template.
    #[endpoint(path, rename = "templateId")]
    pub template_id: TemplateId,
    /// An ID for this request, which Agora echoes and logs.
    #[endpoint(header = "x-request-id")]
    pub request_id: Option<RequestId>,
    /// The parts that change.
    pub settings: TemplateSettings,
}

/// Deletes a template. Streams pushing with it go on with it; from their
/// next push, keys that named it use the global template (or none).
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    DELETE,
    "/{region}/v1/projects/{appId}/rtls/ingress/stream-templates/{templateId}",
    response = (),
    envelope = GATEWAY_ENVELOPE,
    retry_status = 409,
    doc = "https://docs.agora.io/en/media-gateway/reference/rest-api/endpoints/flow-configuration-template/delete-template",
    rate_limit(50, per = second, scope = app_id),
)]
#[auth(basic, hmac)]
pub struct DeleteStreamTemplate {
    /// The region the call is made in.
    pub region: ServiceRegion,
    /// The project's App ID.
    #[endpoint(path, rename = "appId")]
    pub app_id: AppId,
    /// The template.
    #[endpoint(path, rename = "templateId")]
    pub template_id: TemplateId,
    /// An ID for this request, which Agora echoes and logs.
    #[endpoint(header = "x-request-id")]
    pub request_id: Option<RequestId>,
}

/// The App ID's configuration (`settings` of [`SetGlobalTemplate`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AppConfig {
    /// The template every key without its own uses.
    pub default_stream_template: TemplateId,
}

impl AppConfig {
    /// The configuration whose global template is `template`.
    pub fn new(template: TemplateId) -> Self {
        AppConfig {
            default_stream_template: template,
        }
    }
}

/// Sets the App ID's global template: the one every streaming key
/// without a template of its own uses. The template must exist.
///
/// Beta users who set `transcoding` here directly: setting
/// `defaultStreamTemplate` replaces it. Only `defaultStreamTemplate` is
/// bound.
///
/// ```
/// use agora_api::media_gateway::{AppConfig, SetGlobalTemplate, TemplateId};
/// use agora_api::{AppId, Client, ServiceRegion};
///
/// let set = SetGlobalTemplate::builder()
///     .region(ServiceRegion::AsiaPacific)
///     .app_id(AppId::new("0123456789abcdef0123456789abcdef")?)
///     .settings(AppConfig::new(TemplateId::new("720p")?))
///     .build();
/// let client = Client::builder().basic_auth("id", "secret").build()?;
/// let request = client.prepare(&set)?;
/// let body = request.body().and_then(|b| b.as_bytes()).unwrap_or_default();
/// assert_eq!(std::str::from_utf8(body)?, r#"{"settings":{"defaultStreamTemplate":"720p"}}"#);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    PUT,
    "/{region}/v1/projects/{appId}/rtls/ingress/appconfig",
    response = (),
    envelope = GATEWAY_ENVELOPE,
    retry_status = 409,
    doc = "https://docs.agora.io/en/media-gateway/reference/rest-api/endpoints/flow-configuration-template/set-global-template",
    rate_limit(50, per = second, scope = app_id),
)]
#[auth(basic, hmac)]
pub struct SetGlobalTemplate {
    /// The region the call is made in.
    pub region: ServiceRegion,
    /// The project's App ID.
    #[endpoint(path, rename = "appId")]
    pub app_id: AppId,
    /// An ID for this request, which Agora echoes and logs.
    #[endpoint(header = "x-request-id")]
    pub request_id: Option<RequestId>,
    /// The global template.
    pub settings: AppConfig,
}
