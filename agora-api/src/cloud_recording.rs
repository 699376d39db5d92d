//! Cloud Recording RESTful API.
//!
//! Basic auth; 10 requests per second per App ID at first (Agora raises it
//! on request). The lifecycle is [`Acquire`] -> [`Start`] -> [`Query`] /
//! [`Update`] / [`UpdateLayout`] -> [`Stop`]: a resource ID from `acquire`
//! is valid for five minutes and serves one recording session; `start`
//! returns the recording ID (`sid`) the other calls take, which stay
//! accepted for `resourceExpiredHour` hours (72 by default). [`GetNcsIps`]
//! lists the addresses Agora's event notifications come from.
//!
//! Three modes ([`RecordingMode`]): `individual` (one file per user),
//! `mix` (composite: every user in one file; [`UpdateLayout`] only) and
//! `web` (a web page). [`Scene::Rtc`] resources serve the first two,
//! [`Scene::Web`] resources the third.
//!
//! `acquire`, `start`, `update`, `updateLayout` and `stop` change state, so
//! a retry never re-sends them once they may have reached Agora; `query`
//! and the NCS IP list are plain reads.
//! <https://docs.agora.io/en/cloud-recording/reference/rest-api/overview>

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::Endpoint;
use crate::error::InvalidInput;
use crate::open_enum::string_enum;
use crate::types::{AppId, ChannelName, UidString};

mod config;
mod response;

pub use config::*;
pub use response::*;

/// Defines a validated identifier issued by Agora: non-empty, without
/// whitespace or control characters (it goes in a URL path).
macro_rules! agora_id {
    (
        $(#[$meta:meta])*
        $name:ident, field = $field:literal
    ) => {
        $(#[$meta])*
        #[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(Box<str>);

        impl $name {
            /// Checks `value`: non-empty, no whitespace or control
            /// characters.
            pub fn new(value: impl AsRef<str> + Into<String>) -> Result<Self, InvalidInput> {
                let text = value.as_ref();
                if text.is_empty() {
                    return Err(InvalidInput::new($field, "must not be empty"));
                }
                if text.chars().any(|c| c.is_whitespace() || c.is_control()) {
                    return Err(InvalidInput::new(
                        $field,
                        "must not contain whitespace or control characters",
                    ));
                }
                Ok($name(value.into().into_boxed_str()))
            }

            /// The identifier as text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}({:?})", stringify!($name), &*self.0)
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl FromStr for $name {
            type Err = InvalidInput;
            fn from_str(value: &str) -> Result<Self, InvalidInput> {
                $name::new(value)
            }
        }

        impl TryFrom<&str> for $name {
            type Error = InvalidInput;
            fn try_from(value: &str) -> Result<Self, InvalidInput> {
                $name::new(value)
            }
        }

        impl TryFrom<String> for $name {
            type Error = InvalidInput;
            fn try_from(value: String) -> Result<Self, InvalidInput> {
                $name::new(value)
            }
        }

        impl From<$name> for String {
            fn from(value: $name) -> String {
                value.0.into()
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                &*self.0 == other
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                &*self.0 == *other
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(&self.0)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = String::deserialize(deserializer)?;
                $name::new(value).map_err(serde::de::Error::custom)
            }
        }
    };
}

agora_id! {
    /// A cloud recording resource ID, from [`Acquire`]'s answer.
    ///
    /// ```
    /// use agora_api::cloud_recording::ResourceId;
    /// let id: ResourceId = "JyvK8nXHuV1BE".parse()?;
    /// assert_eq!(id, "JyvK8nXHuV1BE");
    /// assert!(ResourceId::new("").is_err());
    /// # Ok::<(), agora_api::InvalidInput>(())
    /// ```
    ResourceId, field = "resourceid"
}

agora_id! {
    /// A recording ID (`sid`), from [`Start`]'s answer.
    ///
    /// ```
    /// use agora_api::cloud_recording::Sid;
    /// let sid = Sid::new("38f8e3cfdc474cd56fc1ceba380d7e1a")?;
    /// assert_eq!(sid.to_string(), "38f8e3cfdc474cd56fc1ceba380d7e1a");
    /// assert!(Sid::new("a b").is_err());
    /// # Ok::<(), agora_api::InvalidInput>(())
    /// ```
    Sid, field = "sid"
}

string_enum! {
    /// A recording mode: the `{mode}` segment of the session's paths.
    pub enum RecordingMode {
        /// Individual recording: each user's audio and video in separate
        /// files (and screenshots).
        Individual = "individual",
        /// Composite recording: every user mixed into one file.
        Mix = "mix",
        /// Web page recording.
        Web = "web",
    }
}

impl RecordingMode {
    fn check(&self) -> Result<(), InvalidInput> {
        if let RecordingMode::Other(mode) = self
            && (mode.is_empty() || mode.contains(|c: char| !c.is_ascii_alphanumeric()))
        {
            return Err(InvalidInput::new(
                "mode",
                format!("must be individual, mix or web (got {mode:?})"),
            ));
        }
        Ok(())
    }
}

/// Requests a resource ID for one cloud recording session.
///
/// `POST /v1/apps/{appid}/cloud_recording/acquire`. Call [`Start`] with the
/// resource ID within five minutes (Agora recommends two seconds), one
/// `acquire` per `start`. Not idempotent: each call reserves a new
/// resource, so a retry never re-sends it once it may have reached Agora.
/// Rate limit: 10 requests per second per App ID.
/// <https://docs.agora.io/en/cloud-recording/reference/rest-api/acquire>
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
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    POST,
    "/v1/apps/{appid}/cloud_recording/acquire",
    response = AcquiredResource,
    validate = Acquire::check
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

impl Acquire {
    fn check(&self) -> Result<(), InvalidInput> {
        self.client_request
            .check(&config::FieldPath::root("clientRequest"))
    }
}

/// Starts recording with an acquired resource.
///
/// `POST /v1/apps/{appid}/cloud_recording/resourceid/{resourceid}/mode/{mode}/start`.
/// `cname` and `uid` must be those of the [`Acquire`]; its `startParameter`,
/// if set, must match this `clientRequest`. The answer's `sid` identifies
/// the session; check that recording really started (see Agora's
/// integration best practices). Not idempotent: a second `start` with the
/// same resource is an error (`201` code 7), so a retry never re-sends it
/// once it may have reached Agora. Rate limit: 10 requests per second per
/// App ID.
/// <https://docs.agora.io/en/cloud-recording/reference/rest-api/start>
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
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    POST,
    "/v1/apps/{appid}/cloud_recording/resourceid/{resourceid}/mode/{mode}/start",
    response = RecordingSession,
    validate = Start::check
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

impl Start {
    fn check(&self) -> Result<(), InvalidInput> {
        self.mode.check()?;
        self.client_request
            .check(&config::FieldPath::root("clientRequest"))
    }
}

/// Reads the state of a running recording: its status, its files so far
/// and, in `web` mode, its extension services.
///
/// `GET /v1/apps/{appid}/cloud_recording/resourceid/{resourceid}/sid/{sid}/mode/{mode}/query`.
/// Only while the session runs: before a successful start or after the
/// end Agora answers `404`, as it briefly may during its own failover (up
/// to about a minute). Idempotent. Rate limit: 10 requests per second per
/// App ID.
/// <https://docs.agora.io/en/cloud-recording/reference/rest-api/query>
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
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    GET,
    "/v1/apps/{appid}/cloud_recording/resourceid/{resourceid}/sid/{sid}/mode/{mode}/query",
    response = QueriedRecording,
    validate = Query::check
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

impl Query {
    fn check(&self) -> Result<(), InvalidInput> {
        self.mode.check()
    }
}

/// Changes a running recording: its subscriptions (`individual`, `mix`),
/// pausing or resuming web page recording and its CDN address (`web`), or
/// its storage credentials (a fresh STS token).
///
/// `POST /v1/apps/{appid}/cloud_recording/resourceid/{resourceid}/sid/{sid}/mode/{mode}/update`.
/// Only while the session runs (else `404`); wait for each update's answer
/// before sending the next. Not idempotent: the effect depends on when it
/// lands (pause, resume), so a retry never re-sends it once it may have
/// reached Agora. Rate limit: 10 requests per second per App ID.
/// <https://docs.agora.io/en/cloud-recording/reference/rest-api/update>
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
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    POST,
    "/v1/apps/{appid}/cloud_recording/resourceid/{resourceid}/sid/{sid}/mode/{mode}/update",
    response = RecordingSession,
    validate = Update::check
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

impl Update {
    fn check(&self) -> Result<(), InvalidInput> {
        self.mode.check()?;
        self.client_request
            .check(&config::FieldPath::root("clientRequest"))
    }
}

/// Replaces the video layout of a composite (`mix` mode) recording.
///
/// `POST /v1/apps/{appid}/cloud_recording/resourceid/{resourceid}/sid/{sid}/mode/mix/updateLayout`:
/// the mode is always `mix`. Each call replaces every layout setting (a
/// member left out returns to its default). Only while the session runs
/// (else `404`); wait for each answer before sending the next. Not
/// idempotent, so a retry never re-sends it once it may have reached
/// Agora. Rate limit: 10 requests per second per App ID.
/// <https://docs.agora.io/en/cloud-recording/reference/rest-api/update-layout>
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
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    POST,
    "/v1/apps/{appid}/cloud_recording/resourceid/{resourceid}/sid/{sid}/mode/mix/updateLayout",
    response = RecordingSession,
    validate = UpdateLayout::check
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

impl UpdateLayout {
    fn check(&self) -> Result<(), InvalidInput> {
        self.client_request
            .check(&config::FieldPath::root("clientRequest"))
    }
}

/// Stops a recording: the recorder leaves the channel and the last files
/// are uploaded.
///
/// `POST /v1/apps/{appid}/cloud_recording/resourceid/{resourceid}/sid/{sid}/mode/{mode}/stop`.
/// Only while the session runs (else `404`); outside `web` mode the
/// recorder also stops by itself after `maxIdleTime`. Recording again
/// needs a new [`Acquire`]. Not idempotent: a second `stop` is an error
/// (code 49) and may hide the first one's answer (the upload status), so a
/// retry never re-sends it once it may have reached Agora. Rate limit: 10
/// requests per second per App ID.
/// <https://docs.agora.io/en/cloud-recording/reference/rest-api/stop>
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
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    POST,
    "/v1/apps/{appid}/cloud_recording/resourceid/{resourceid}/sid/{sid}/mode/{mode}/stop",
    response = StoppedRecording,
    validate = Stop::check
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

impl Stop {
    fn check(&self) -> Result<(), InvalidInput> {
        self.mode.check()
    }
}

/// Lists the IP addresses Agora's message notification service (NCS)
/// sends Cloud Recording events from, for your firewall's allow list.
///
/// `GET /v1/ncs/ip`. Agora changes the addresses: query them at least once
/// every 24 hours and update the allow list. Idempotent. No rate limit of
/// its own is documented.
/// <https://docs.agora.io/en/cloud-recording/reference/rest-api/ncs-ip>
///
/// ```
/// use agora_api::{Client, cloud_recording::GetNcsIps};
/// let client = Client::builder().basic_auth("id", "secret").build()?;
/// let request = client.prepare(&GetNcsIps::builder().build())?;
/// assert_eq!(request.url().as_str(), "https://api.agora.io/v1/ncs/ip");
/// # Ok::<(), agora_api::Error>(())
/// ```
#[derive(Debug, Clone, Default, Endpoint)]
#[endpoint(GET, "/v1/ncs/ip", response = NcsIps)]
#[auth(basic)]
pub struct GetNcsIps {}
