//! The endpoints of a recording session: acquire, start, query, update,
//! updateLayout and stop.

use crate::types::{AppId, ChannelName, UidString};
use crate::{Endpoint, endpoint_docs};

use super::config::client_request::{
    AcquireClientRequest, StartClientRequest, StopClientRequest, UpdateClientRequest,
    UpdateLayoutClientRequest,
};
use super::response::{AcquiredResource, QueriedRecording, RecordingSession, StoppedRecording};
use super::{RecordingMode, ResourceId, Sid};

/// Requests a resource ID for one cloud recording session.
///
/// Call [`Start`] with the resource ID within five minutes (Agora
/// recommends two seconds), one `acquire` per `start`. Not idempotent: each
/// call reserves a new resource, so a retry never re-sends it once it may
/// have reached Agora.
///
/// ```
/// use agora_api::{AppId, ChannelName, Client, UidString};
/// use agora_api::cloud_recording::{Acquire, AcquireClientRequest};
///
/// let acquire = Acquire::builder()
///     .appid(AppId::new("876922cbca0098dff4323566daa89675")?)
///     .cname(ChannelName::new("demo")?)
///     .uid(UidString::new(527841)?)
///     .client_request(AcquireClientRequest {
///         resource_expired_hour: Some(24),
///         ..AcquireClientRequest::default()
///     })
///     .build();
/// let client = Client::builder().basic_auth("id", "secret").build()?;
/// let request = client.prepare(&acquire)?;
/// let body = request.body().and_then(|b| b.as_bytes()).unwrap_or_default();
/// assert_eq!(
///     std::str::from_utf8(body)?,
///     r#"{"cname":"demo","uid":"527841","clientRequest":{"resourceExpiredHour":24}}"#
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    POST,
    "/v1/apps/{appid}/cloud_recording/acquire",
    response = AcquiredResource,
    doc = "https://docs.agora.io/en/cloud-recording/reference/rest-api/acquire",
    rate_limit(10, per = second, scope = app_id, shared = "cloud_recording"),
)]
#[auth(basic)]
pub struct Acquire {
    /// The App ID of the channel to record (web recording: an App ID with
    /// Cloud Recording enabled).
    pub appid: AppId,
    /// The channel to record (in `web` mode: a name that tells recordings
    /// apart). `appid`, `cname` and `uid` identify one recording.
    pub cname: ChannelName,
    /// The UID the recording service uses in the channel; it must not
    /// clash with any user's.
    pub uid: UidString,
    /// The resource's settings.
    #[endpoint(rename = "clientRequest")]
    pub client_request: AcquireClientRequest,
}

/// Starts recording with an acquired resource.
///
/// `cname` and `uid` must be those of the [`Acquire`]; its
/// `startParameter`, if set, must match this `clientRequest`. The answer's
/// `sid` identifies the session; check that recording really started (see
/// Agora's integration best practices). Not idempotent: a second `start`
/// with the same resource is an error (`201` code 7), so a retry never
/// re-sends it once it may have reached Agora.
///
/// ```
/// use agora_api::{AppId, ChannelName, Client, UidString};
/// use agora_api::cloud_recording::{
///     AlibabaCloudRegion, ChannelType, RecordingConfig, RecordingMode, ResourceId, Start,
///     StartClientRequest, StorageConfig,
/// };
///
/// let start = Start::builder()
///     .appid(AppId::new("876922cbca0098dff4323566daa89675")?)
///     .resource_id(ResourceId::new("JyvK8nXHuV1BE")?)
///     .mode(RecordingMode::Mix)
///     .cname(ChannelName::new("demo")?)
///     .uid(UidString::new(527841)?)
///     .client_request(StartClientRequest {
///         recording_config: Some(RecordingConfig::new(ChannelType::LiveBroadcasting)),
///         ..StartClientRequest::new(StorageConfig::alibaba_cloud(
///             AlibabaCloudRegion::CnBeijing, "bucket", "access-key", "secret-key",
///         ))
///     })
///     .build();
/// let client = Client::builder().basic_auth("id", "secret").build()?;
/// let request = client.prepare(&start)?;
/// assert_eq!(
///     request.url().path(),
///     "/v1/apps/876922cbca0098dff4323566daa89675/cloud_recording/resourceid/JyvK8nXHuV1BE/mode/mix/start"
/// );
/// let body: serde_json::Value =
///     serde_json::from_slice(request.body().and_then(|b| b.as_bytes()).unwrap_or_default())?;
/// assert_eq!(body["clientRequest"]["storageConfig"]["region"], 3);
/// assert_eq!(body["clientRequest"]["storageConfig"]["secretKey"], "secret-key");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    POST,
    "/v1/apps/{appid}/cloud_recording/resourceid/{resourceid}/mode/{mode}/start",
    response = RecordingSession,
    envelope = crate::envelope::CODE,
    doc = "https://docs.agora.io/en/cloud-recording/reference/rest-api/start",
    rate_limit(10, per = second, scope = app_id, shared = "cloud_recording"),
)]
#[auth(basic)]
pub struct Start {
    /// The App ID of the [`Acquire`].
    pub appid: AppId,
    /// The resource ID from [`Acquire`].
    #[endpoint(rename = "resourceid")]
    pub resource_id: ResourceId,
    /// The recording mode; it cannot change during the session.
    pub mode: RecordingMode,
    /// The channel, as in the [`Acquire`].
    pub cname: ChannelName,
    /// The recorder's UID, as in the [`Acquire`].
    pub uid: UidString,
    /// What to record and where to store it.
    #[endpoint(rename = "clientRequest")]
    pub client_request: StartClientRequest,
}

/// Reads the state of a running recording: its status, its files so far
/// and, in `web` mode, its extension services.
///
/// Only while the session runs: before a successful start or after the end
/// Agora answers `404`, as it briefly may during its own failover (up to
/// about a minute).
///
/// ```
/// use agora_api::{AppId, Client};
/// use agora_api::cloud_recording::{Query, RecordingMode, ResourceId, Sid};
///
/// let query = Query::builder()
///     .appid(AppId::new("876922cbca0098dff4323566daa89675")?)
///     .resource_id(ResourceId::new("JyvK8nXHuV1BE")?)
///     .sid(Sid::new("38f8e3cfdc474cd56fc1ceba380d7e1a")?)
///     .mode(RecordingMode::Individual)
///     .build();
/// let client = Client::builder().basic_auth("id", "secret").build()?;
/// let request = client.prepare(&query)?;
/// assert_eq!(request.method(), "GET");
/// assert!(request.url().path().ends_with("/sid/38f8e3cfdc474cd56fc1ceba380d7e1a/mode/individual/query"));
/// assert!(request.body().is_none());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    GET,
    "/v1/apps/{appid}/cloud_recording/resourceid/{resourceid}/sid/{sid}/mode/{mode}/query",
    response = QueriedRecording,
    doc = "https://docs.agora.io/en/cloud-recording/reference/rest-api/query",
    rate_limit(10, per = second, scope = app_id, shared = "cloud_recording"),
)]
#[auth(basic)]
pub struct Query {
    /// The App ID of the session.
    pub appid: AppId,
    /// The session's resource ID.
    #[endpoint(rename = "resourceid")]
    pub resource_id: ResourceId,
    /// The recording ID from [`Start`].
    pub sid: Sid,
    /// The session's recording mode.
    pub mode: RecordingMode,
}

/// Changes a running recording: its subscriptions (`individual`, `mix`),
/// pausing or resuming web page recording and its CDN address (`web`), or
/// its storage credentials (a fresh STS token).
///
/// Only while the session runs (else `404`); wait for each update's answer
/// before sending the next. Not idempotent: the effect depends on when it
/// lands (pause, resume), so a retry never re-sends it once it may have
/// reached Agora.
///
/// ```
/// use agora_api::{AppId, ChannelName, Client, UidString};
/// use agora_api::cloud_recording::{
///     RecordingMode, ResourceId, Sid, Update, UpdateClientRequest, WebRecordingUpdate,
/// };
///
/// let resume = Update::builder()
///     .appid(AppId::new("876922cbca0098dff4323566daa89675")?)
///     .resource_id(ResourceId::new("JyvK8nXHuV1BE")?)
///     .sid(Sid::new("38f8e3cfdc474cd56fc1ceba380d7e1a")?)
///     .mode(RecordingMode::Web)
///     .cname(ChannelName::new("class42")?)
///     .uid(UidString::new(527841)?)
///     .client_request(UpdateClientRequest {
///         web_recording_config: Some(WebRecordingUpdate { onhold: Some(false) }),
///         ..UpdateClientRequest::default()
///     })
///     .build();
/// let client = Client::builder().basic_auth("id", "secret").build()?;
/// let request = client.prepare(&resume)?;
/// let body = request.body().and_then(|b| b.as_bytes()).unwrap_or_default();
/// assert_eq!(
///     std::str::from_utf8(body)?,
///     r#"{"cname":"class42","uid":"527841","clientRequest":{"webRecordingConfig":{"onhold":false}}}"#
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    POST,
    "/v1/apps/{appid}/cloud_recording/resourceid/{resourceid}/sid/{sid}/mode/{mode}/update",
    response = RecordingSession,
    doc = "https://docs.agora.io/en/cloud-recording/reference/rest-api/update",
    rate_limit(10, per = second, scope = app_id, shared = "cloud_recording"),
)]
#[auth(basic)]
pub struct Update {
    /// The App ID of the session.
    pub appid: AppId,
    /// The session's resource ID.
    #[endpoint(rename = "resourceid")]
    pub resource_id: ResourceId,
    /// The recording ID from [`Start`].
    pub sid: Sid,
    /// The session's recording mode.
    pub mode: RecordingMode,
    /// The channel, as in the [`Acquire`].
    pub cname: ChannelName,
    /// The recorder's UID, as in the [`Acquire`].
    pub uid: UidString,
    /// What to change.
    #[endpoint(rename = "clientRequest")]
    pub client_request: UpdateClientRequest,
}

/// Replaces the video layout of a composite (`mix` mode) recording.
///
/// the mode is always `mix`. Each call replaces every layout setting (a
/// member left out returns to its default). Only while the session runs
/// (else `404`); wait for each answer before sending the next. Not
/// idempotent, so a retry never re-sends it once it may have reached Agora.
///
/// ```
/// use agora_api::{AppId, ChannelName, Client, UidString};
/// use agora_api::cloud_recording::{
///     LayoutRegion, MixedVideoLayout, ResourceId, Sid, UpdateLayout, UpdateLayoutClientRequest,
/// };
///
/// let layout = UpdateLayout::builder()
///     .appid(AppId::new("876922cbca0098dff4323566daa89675")?)
///     .resource_id(ResourceId::new("JyvK8nXHuV1BE")?)
///     .sid(Sid::new("38f8e3cfdc474cd56fc1ceba380d7e1a")?)
///     .cname(ChannelName::new("demo")?)
///     .uid(UidString::new(527841)?)
///     .client_request(UpdateLayoutClientRequest {
///         mixed_video_layout: Some(MixedVideoLayout::Custom),
///         layout_config: Some(vec![LayoutRegion {
///             uid: Some(UidString::new(1)?),
///             ..LayoutRegion::new(0.0, 0.0, 0.5, 1.0)
///         }]),
///         ..UpdateLayoutClientRequest::default()
///     })
///     .build();
/// let client = Client::builder().basic_auth("id", "secret").build()?;
/// let request = client.prepare(&layout)?;
/// assert!(request.url().path().ends_with("/mode/mix/updateLayout"));
/// let body = request.body().and_then(|b| b.as_bytes()).unwrap_or_default();
/// assert_eq!(
///     std::str::from_utf8(body)?,
///     r#"{"cname":"demo","uid":"527841","clientRequest":{"mixedVideoLayout":3,"layoutConfig":[{"uid":"1","x_axis":0,"y_axis":0,"width":0.5,"height":1}]}}"#
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    POST,
    "/v1/apps/{appid}/cloud_recording/resourceid/{resourceid}/sid/{sid}/mode/mix/updateLayout",
    response = RecordingSession,
    doc = "https://docs.agora.io/en/cloud-recording/reference/rest-api/update-layout",
    rate_limit(10, per = second, scope = app_id, shared = "cloud_recording"),
)]
#[auth(basic)]
pub struct UpdateLayout {
    /// The App ID of the session.
    pub appid: AppId,
    /// The session's resource ID.
    #[endpoint(rename = "resourceid")]
    pub resource_id: ResourceId,
    /// The recording ID from [`Start`].
    pub sid: Sid,
    /// The channel, as in the [`Acquire`].
    pub cname: ChannelName,
    /// The recorder's UID, as in the [`Acquire`].
    pub uid: UidString,
    /// The new layout.
    #[endpoint(rename = "clientRequest")]
    pub client_request: UpdateLayoutClientRequest,
}

/// Stops a recording: the recorder leaves the channel and the last files
/// are uploaded.
///
/// Only while the session runs (else `404`); outside `web` mode the
/// recorder also stops by itself after `maxIdleTime`. Recording again needs
/// a new [`Acquire`]. Not idempotent: a second `stop` is an error (code 49)
/// and may hide the first one's answer (the upload status), so a retry
/// never re-sends it once it may have reached Agora.
///
/// ```
/// use agora_api::{AppId, ChannelName, Client, Endpoint, UidString};
/// use agora_api::cloud_recording::{RecordingMode, ResourceId, Sid, Stop, StopClientRequest};
///
/// let stop = Stop::builder()
///     .appid(AppId::new("876922cbca0098dff4323566daa89675")?)
///     .resource_id(ResourceId::new("JyvK8nXHuV1BE")?)
///     .sid(Sid::new("38f8e3cfdc474cd56fc1ceba380d7e1a")?)
///     .mode(RecordingMode::Mix)
///     .cname(ChannelName::new("demo")?)
///     .uid(UidString::new(527841)?)
///     .client_request(StopClientRequest { async_stop: Some(true) })
///     .build();
/// assert!(!Stop::IDEMPOTENT, "a retry never re-sends a stop");
/// let client = Client::builder().basic_auth("id", "secret").build()?;
/// let request = client.prepare(&stop)?;
/// let body = request.body().and_then(|b| b.as_bytes()).unwrap_or_default();
/// assert_eq!(
///     std::str::from_utf8(body)?,
///     r#"{"cname":"demo","uid":"527841","clientRequest":{"async_stop":true}}"#
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    POST,
    "/v1/apps/{appid}/cloud_recording/resourceid/{resourceid}/sid/{sid}/mode/{mode}/stop",
    response = StoppedRecording,
    doc = "https://docs.agora.io/en/cloud-recording/reference/rest-api/stop",
    rate_limit(10, per = second, scope = app_id, shared = "cloud_recording"),
)]
#[auth(basic)]
pub struct Stop {
    /// The App ID of the session.
    pub appid: AppId,
    /// The session's resource ID.
    #[endpoint(rename = "resourceid")]
    pub resource_id: ResourceId,
    /// The recording ID from [`Start`].
    pub sid: Sid,
    /// The session's recording mode.
    pub mode: RecordingMode,
    /// The channel, as in the [`Acquire`].
    pub cname: ChannelName,
    /// The recorder's UID, as in the [`Acquire`].
    pub uid: UidString,
    /// Whether to answer before the uploads finish.
    #[endpoint(rename = "clientRequest")]
    pub client_request: StopClientRequest,
}
