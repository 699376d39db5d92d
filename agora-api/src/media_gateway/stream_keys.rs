//! Streaming keys: create one in a region, read it, revoke it.

use serde::{Deserialize, Serialize};

use super::GATEWAY_ENVELOPE;
use super::inputs::{GatewayTime, GatewayUid, StreamKey, TemplateId};
use crate::types::RequestId;
use crate::values::lenient;
use crate::{
    AppId, ChannelName, Endpoint, FieldPath, InvalidInput, ServiceRegion, Validate, endpoint_docs,
};

/// What a new streaming key pushes to (`settings`).
///
/// `channel` and `uid` may each be left out (Agora then picks one), but
/// not both; `uid` `"0"` counts as left out. `expires_after` is the
/// key's lifetime in seconds from its creation, `0` for a key that never
/// expires: Agora requires it.
///
/// ```
/// use agora_api::media_gateway::{GatewayUid, StreamKeySettings};
/// use agora_api::{ChannelName, FieldPath, Validate};
///
/// let settings = StreamKeySettings::new(0)
///     .channel(ChannelName::new("shx001")?)
///     .uid(GatewayUid::new("1001")?);
/// assert!(settings.validate(&FieldPath::root("settings")).is_ok());
///
/// let neither = StreamKeySettings::new(3600).uid(GatewayUid::new("0")?);
/// let error = neither.validate(&FieldPath::root("settings")).unwrap_err();
/// assert_eq!(error.field(), "settings.uid");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct StreamKeySettings {
    /// The channel the stream goes to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel: Option<ChannelName>,
    /// The host's user ID in the channel.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uid: Option<GatewayUid>,
    /// Seconds from creation until the key expires; `0`: never.
    pub expires_after: u64,
    /// The flow-configuration template pushes with this key use (instead
    /// of the App ID's global one).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub template_id: Option<TemplateId>,
}

impl StreamKeySettings {
    /// Settings for a key valid for `expires_after` seconds (`0`: never),
    /// without channel, user or template yet.
    pub fn new(expires_after: u64) -> Self {
        StreamKeySettings {
            channel: None,
            uid: None,
            expires_after,
            template_id: None,
        }
    }

    /// The channel the stream goes to.
    #[must_use]
    pub fn channel(mut self, channel: ChannelName) -> Self {
        self.channel = Some(channel);
        self
    }

    /// The host's user ID.
    #[must_use]
    pub fn uid(mut self, uid: GatewayUid) -> Self {
        self.uid = Some(uid);
        self
    }

    /// The template pushes with this key use.
    #[must_use]
    pub fn template(mut self, template_id: TemplateId) -> Self {
        self.template_id = Some(template_id);
        self
    }
}

impl Validate for StreamKeySettings {
    fn validate(&self, at: &FieldPath<'_>) -> Result<(), InvalidInput> {
        let no_uid = self.uid.as_ref().is_none_or(GatewayUid::is_random);
        if self.channel.is_none() && no_uid {
            return Err(at
                .member("uid")
                .invalid("channel and uid cannot both be empty or 0"));
        }
        Ok(())
    }
}

/// Creates a streaming key in one region.
///
/// A key exists in the region it was created in: push through that
/// region's domain, and read or delete it there. Not idempotent: each
/// call creates another key, so it is never re-sent once it may have
/// reached Agora (not even after a `409`, which Media Gateway answers for
/// "too many concurrent requests").
///
/// The reference page's success example is not valid JSON (`"status":
/// "success" , "success", "data"{: {`); the answer is read as its table
/// describes it, `{"status": "success", "data": {streamKey, channel,
/// uid, expiresAfter, createdAt}}` (`specs/media-gateway.json`,
/// exception `create-key-example-malformed`).
///
/// ```
/// use agora_api::media_gateway::{CreateStreamKey, GatewayUid, StreamKeySettings};
/// use agora_api::{AppId, ChannelName, Client, ServiceRegion};
///
/// let create = CreateStreamKey::builder()
///     .region(ServiceRegion::Europe)
///     .app_id(AppId::new("0123456789abcdef0123456789abcdef")?)
///     .settings(
///         StreamKeySettings::new(0)
///             .channel(ChannelName::new("shx001")?)
///             .uid(GatewayUid::new("1001")?),
///     )
///     .build();
/// let client = Client::builder().basic_auth("id", "secret").build()?;
/// let request = client.prepare(&create)?;
/// assert_eq!(
///     request.url().as_str(),
///     "https://api.agora.io/eu/v1/projects/0123456789abcdef0123456789abcdef/rtls/ingress/streamkeys"
/// );
/// let body = request.body().and_then(|b| b.as_bytes()).unwrap_or_default();
/// assert_eq!(
///     std::str::from_utf8(body)?,
///     r#"{"settings":{"channel":"shx001","uid":"1001","expiresAfter":0}}"#
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    POST,
    "/{region}/v1/projects/{appId}/rtls/ingress/streamkeys",
    response = StreamKeyInfo,
    envelope = GATEWAY_ENVELOPE,
    retry_status = 409,
    doc = "https://docs.agora.io/en/media-gateway/reference/rest-api/endpoints/streaming-key/create-streaming-key",
    rate_limit(50, per = second, scope = app_id),
)]
#[auth(basic, hmac)]
pub struct CreateStreamKey {
    /// The region of the key: the same as the domain the encoder pushes
    /// to.
    pub region: ServiceRegion,
    /// The project's App ID.
    #[endpoint(path, rename = "appId")]
    pub app_id: AppId,
    /// An ID for this request, which Agora echoes and logs.
    #[endpoint(header = "x-request-id")]
    pub request_id: Option<RequestId>,
    /// What the key pushes to.
    pub settings: StreamKeySettings,
}

/// Reads a streaming key: its channel, user, lifetime and creation time.
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    GET,
    "/{region}/v1/projects/{appId}/rtls/ingress/streamkeys/{streamKey}",
    response = StreamKeyInfo,
    envelope = GATEWAY_ENVELOPE,
    retry_status = 409,
    doc = "https://docs.agora.io/en/media-gateway/reference/rest-api/endpoints/streaming-key/query-streaming-key-information",
    rate_limit(100, per = second, scope = app_id),
)]
#[auth(basic, hmac)]
pub struct GetStreamKey {
    /// The region the key was created in.
    pub region: ServiceRegion,
    /// The project's App ID.
    #[endpoint(path, rename = "appId")]
    pub app_id: AppId,
    /// The key.
    #[endpoint(path, rename = "streamKey")]
    pub stream_key: StreamKey,
    /// An ID for this request, which Agora echoes and logs.
    #[endpoint(header = "x-request-id")]
    pub request_id: Option<RequestId>,
}

/// Deletes a streaming key: it can no longer start a push.
///
/// A push already running with it goes on: delete the key first, then
/// disconnect the push with
/// [`DisconnectOnlineStream`](super::DisconnectOnlineStream) (the other
/// way round, the encoder reconnects at once with the key). Keys exist
/// per region: revoking one everywhere is a delete in every region it
/// was created in. The page's success example is not valid JSON
/// (`{"status": "success" "success"}`); the answer is
/// `{"status": "success"}`.
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    DELETE,
    "/{region}/v1/projects/{appId}/rtls/ingress/streamkeys/{streamKey}",
    response = (),
    envelope = GATEWAY_ENVELOPE,
    retry_status = 409,
    doc = "https://docs.agora.io/en/media-gateway/reference/rest-api/endpoints/streaming-key/delete-streaming-key",
    rate_limit(50, per = second, scope = app_id),
)]
#[auth(basic, hmac)]
pub struct DeleteStreamKey {
    /// The region the key was created in.
    pub region: ServiceRegion,
    /// The project's App ID.
    #[endpoint(path, rename = "appId")]
    pub app_id: AppId,
    /// The key.
    #[endpoint(path, rename = "streamKey")]
    pub stream_key: StreamKey,
    /// An ID for this request, which Agora echoes and logs.
    #[endpoint(header = "x-request-id")]
    pub request_id: Option<RequestId>,
}

/// A streaming key and what it pushes to, as [`CreateStreamKey`] and
/// [`GetStreamKey`] answer (the `data` of the answer).
///
/// ```
/// use agora_api::media_gateway::StreamKeyInfo;
/// let info: StreamKeyInfo = serde_json::from_str(
///     r#"{"streamKey":"2dfMTRfys","channel":"shx001","uid":"1001","expiresAfter":0,"createdAt":"1686820170"}"#,
/// )?;
/// assert_eq!(info.stream_key.expose(), "2dfMTRfys");
/// assert_eq!(info.expires_after, Some(0));
/// assert_eq!(info.created_at.and_then(|at| at.unix_seconds()), Some(1_686_820_170));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct StreamKeyInfo {
    /// The key (never printed by `Debug`).
    pub stream_key: StreamKey,
    /// The channel.
    #[serde(default, deserialize_with = "lenient::text")]
    pub channel: String,
    /// The host's user ID.
    #[serde(default, deserialize_with = "lenient::text")]
    pub uid: String,
    /// Its lifetime in seconds from creation; `0`: never expires.
    #[serde(default, deserialize_with = "lenient::opt_u64")]
    pub expires_after: Option<u64>,
    /// When it was created (Unix seconds, as text).
    #[serde(default)]
    pub created_at: Option<GatewayTime>,
    /// The template pushes with it use, when the answer names one.
    #[serde(default, deserialize_with = "lenient::opt_text")]
    pub template_id: Option<String>,
}
