//! Online streams: the pushes running now, each a streaming session
//! (`sid`): list them, read one, disconnect it, mute or unmute it.

use serde::{Deserialize, Deserializer, Serialize};

use super::inputs::{GatewayApiVersion, StreamSessionId};
use super::{GATEWAY_ENVELOPE, GATEWAY_ONE_ENVELOPE};
use crate::types::RequestId;
use crate::values::{lenient, string_enum};
use crate::{AppId, ChannelName, Endpoint, ServiceRegion, endpoint_docs};

/// Lists the streams being pushed now, all of them or one channel's.
///
/// The page's answer table and example describe a streaming key
/// (`{streamKey, channel, uid, expiresAfter, createdAt}`, copied from the
/// key pages); the answer is read as the list of streams the session
/// pages describe, `data` an array of [`OnlineStream`] (one object is
/// read as a list of one). `specs/media-gateway.json`, exception
/// `stream-list-answer`.
///
/// ```
/// use agora_api::media_gateway::ListOnlineStreams;
/// use agora_api::{AppId, ChannelName, Client, ServiceRegion};
///
/// let list = ListOnlineStreams::builder()
///     .region(ServiceRegion::Europe)
///     .app_id(AppId::new("0123456789abcdef0123456789abcdef")?)
///     .channel(ChannelName::new("room #1")?)
///     .build();
/// let client = Client::builder().basic_auth("id", "secret").build()?;
/// let request = client.prepare(&list)?;
/// assert!(request.url().as_str().ends_with("/rtls/ingress/online-streams?channel=room%20%231"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    GET,
    "/{region}/v1/projects/{appId}/rtls/ingress/online-streams",
    response = OnlineStreams,
    envelope = GATEWAY_ENVELOPE,
    retry_status = 409,
    doc = "https://docs.agora.io/en/media-gateway/reference/rest-api/endpoints/streaming-information/query-streaming-list",
    rate_limit(100, per = second, scope = app_id),
)]
#[auth(basic, hmac)]
pub struct ListOnlineStreams {
    /// The region the streams are pushed to.
    pub region: ServiceRegion,
    /// The project's App ID.
    #[endpoint(path, rename = "appId")]
    pub app_id: AppId,
    /// Only this channel's streams (percent-encoded in the query).
    #[endpoint(query)]
    pub channel: Option<ChannelName>,
    /// An ID for this request, which Agora echoes and logs.
    #[endpoint(header = "x-request-id")]
    pub request_id: Option<RequestId>,
}

/// Reads one stream by its session ID.
///
/// The page's table says `data` is an object and lists `beginAt`,
/// `bitrate`, `video` and `audio` beside it; its example puts them in
/// `data` and makes `data` an array. The answer is read as one
/// [`OnlineStream`] in `data` (the first, when an array comes).
/// `specs/media-gateway.json`, exception `stream-info-answer`.
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    GET,
    "/{region}/v1/projects/{appId}/rtls/ingress/online-streams/{sid}",
    response = OnlineStream,
    envelope = GATEWAY_ONE_ENVELOPE,
    retry_status = 409,
    doc = "https://docs.agora.io/en/media-gateway/reference/rest-api/endpoints/streaming-information/query-streaming-information",
    rate_limit(100, per = second, scope = app_id),
)]
#[auth(basic, hmac)]
pub struct GetOnlineStream {
    /// The region the stream is pushed to.
    pub region: ServiceRegion,
    /// The project's App ID.
    #[endpoint(path, rename = "appId")]
    pub app_id: AppId,
    /// The streaming session.
    pub sid: StreamSessionId,
    /// An ID for this request, which Agora echoes and logs.
    #[endpoint(header = "x-request-id")]
    pub request_id: Option<RequestId>,
}

/// Disconnects a stream being pushed.
///
/// Delete its key first ([`DeleteStreamKey`](super::DeleteStreamKey)):
/// while the key is valid the encoder reconnects at once, as a new
/// session with a new `sid`. Kicking the host out of the channel (the
/// channel management API) disconnects it too.
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    DELETE,
    "/{region}/v1/projects/{appId}/rtls/ingress/online-streams/{sid}",
    response = (),
    envelope = GATEWAY_ENVELOPE,
    retry_status = 409,
    doc = "https://docs.agora.io/en/media-gateway/reference/rest-api/endpoints/streaming-information/force-disconnection",
    rate_limit(50, per = second, scope = app_id),
)]
#[auth(basic, hmac)]
pub struct DisconnectOnlineStream {
    /// The region the stream is pushed to.
    pub region: ServiceRegion,
    /// The project's App ID.
    #[endpoint(path, rename = "appId")]
    pub app_id: AppId,
    /// The streaming session.
    pub sid: StreamSessionId,
    /// An ID for this request, which Agora echoes and logs.
    #[endpoint(header = "x-request-id")]
    pub request_id: Option<RequestId>,
}

/// Whether a stream's video and audio reach the channel (`settings` of
/// [`MuteOnlineStream`]); both are required.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MuteSettings {
    /// `true`: the video is held back.
    pub video_muted: bool,
    /// `true`: the audio is held back.
    pub audio_muted: bool,
}

impl MuteSettings {
    /// Video and audio muted as given.
    pub fn new(video_muted: bool, audio_muted: bool) -> Self {
        MuteSettings {
            video_muted,
            audio_muted,
        }
    }
}

/// Mutes or unmutes a stream's video and audio.
///
/// Asynchronous: a success means the gateway node got the command, which
/// usually takes effect within about a second; when it does not, Agora
/// says to send it again. A stream starts unmuted, and a new push of the
/// same key (a reconnect) starts unmuted again. Declared idempotent: it
/// sets both states, so sending it twice is the same as once.
///
/// The page shows this one endpoint on `api.sd-rtn.com`, the others on
/// `api.agora.io`; both domains serve every path, and the call goes over
/// Agora's failover domains like the rest (`specs/media-gateway.json`,
/// exception `mute-host-and-version`). `{version}` is
/// [`GatewayApiVersion::V1`], the only one documented.
///
/// ```
/// use agora_api::media_gateway::{GatewayApiVersion, MuteOnlineStream, MuteSettings, StreamSessionId};
/// use agora_api::{AppId, Client, ServiceRegion};
///
/// let mute = MuteOnlineStream::builder()
///     .region(ServiceRegion::NorthAmerica)
///     .version(GatewayApiVersion::V1)
///     .app_id(AppId::new("0123456789abcdef0123456789abcdef")?)
///     .sid(StreamSessionId::new("6D8D3B2C1A0F4E5D")?)
///     .settings(MuteSettings::new(true, false))
///     .build();
/// let client = Client::builder().basic_auth("id", "secret").build()?;
/// let request = client.prepare(&mute)?;
/// assert_eq!(
///     request.url().as_str(),
///     "https://api.agora.io/na/v1/projects/0123456789abcdef0123456789abcdef/rtls/ingress/online-streams/mute/6D8D3B2C1A0F4E5D"
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    POST,
    "/{region}/{version}/projects/{appId}/rtls/ingress/online-streams/mute/{sid}",
    response = (),
    envelope = GATEWAY_ENVELOPE,
    idempotent,
    retry_status = 409,
    doc = "https://docs.agora.io/en/media-gateway/reference/rest-api/endpoints/streaming-information/mute",
    rate_limit(50, per = second, scope = app_id),
)]
#[auth(basic, hmac)]
pub struct MuteOnlineStream {
    /// The region the stream is pushed to.
    pub region: ServiceRegion,
    /// The API version: `v1`.
    pub version: GatewayApiVersion,
    /// The project's App ID.
    #[endpoint(path, rename = "appId")]
    pub app_id: AppId,
    /// The streaming session.
    pub sid: StreamSessionId,
    /// An ID for this request, which Agora echoes and logs.
    #[endpoint(header = "x-request-id")]
    pub request_id: Option<RequestId>,
    /// What is muted.
    pub settings: MuteSettings,
}

string_enum! {
    /// Where a push is (`status`).
    pub enum StreamStatus {
        /// Connected, waiting for audio and video.
        Started = "Started",
        /// Streaming.
        Running = "Running",
    }
}

/// One stream being pushed: its session, channel, user, address and
/// state, and what the source sends.
///
/// ```
/// use agora_api::media_gateway::{OnlineStream, StreamStatus};
/// let stream: OnlineStream = serde_json::from_str(
///     r#"{"sid":"6D8D3B2C","channel":"shx001","uid":"1001","status":"Running","bitrate":"2400","video":{"width":1280,"height":720,"fps":30}}"#,
/// )?;
/// assert_eq!(stream.status, Some(StreamStatus::Running));
/// assert_eq!(stream.bitrate, Some(2400));
/// assert_eq!(stream.video.and_then(|video| video.width), Some(1280));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct OnlineStream {
    /// The streaming session's ID: a new one for each push.
    #[serde(default, deserialize_with = "lenient::text")]
    pub sid: String,
    /// The channel.
    #[serde(default, deserialize_with = "lenient::text")]
    pub channel: String,
    /// The host's user ID in the channel.
    #[serde(default, deserialize_with = "lenient::text")]
    pub uid: String,
    /// The push address, `{domain}/live/{streamKey}`. The key in it is
    /// secret: do not log it.
    #[serde(default, deserialize_with = "lenient::text")]
    pub url: String,
    /// Where the push is.
    #[serde(default)]
    pub status: Option<StreamStatus>,
    /// When the push started, as `2024-01-01 01:01:01.001`.
    #[serde(default, deserialize_with = "lenient::opt_text")]
    pub begin_at: Option<String>,
    /// The source's bitrate (audio and video), Kbps.
    #[serde(default, deserialize_with = "lenient::opt_u64")]
    pub bitrate: Option<u64>,
    /// The source's video, while running.
    #[serde(default)]
    pub video: Option<SourceVideo>,
    /// The source's audio, while running.
    #[serde(default)]
    pub audio: Option<SourceAudio>,
}

/// `video` of an [`OnlineStream`].
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct SourceVideo {
    /// Width in pixels.
    #[serde(default, deserialize_with = "lenient::opt_u64")]
    pub width: Option<u64>,
    /// Height in pixels.
    #[serde(default, deserialize_with = "lenient::opt_u64")]
    pub height: Option<u64>,
    /// Frames per second.
    #[serde(default, deserialize_with = "lenient::opt_u64")]
    pub fps: Option<u64>,
}

/// `audio` of an [`OnlineStream`].
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct SourceAudio {
    /// Audio channels.
    #[serde(default, deserialize_with = "lenient::opt_u64")]
    pub channels: Option<u64>,
    /// Sampling rate, Hz.
    #[serde(default, deserialize_with = "lenient::opt_u64")]
    pub sample_rate: Option<u64>,
}

/// What [`ListOnlineStreams`] answers: the streams (`data`).
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct OnlineStreams {
    /// The streams, in Agora's order.
    pub streams: Vec<OnlineStream>,
}

/// An array of streams, one stream as a list of one, `null` as none.
impl<'de> Deserialize<'de> for OnlineStreams {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Shape {
            Many(Vec<OnlineStream>),
            One(Box<OnlineStream>),
            None(()),
        }
        Ok(OnlineStreams {
            streams: match Shape::deserialize(deserializer)? {
                Shape::Many(streams) => streams,
                Shape::One(stream) => vec![*stream],
                Shape::None(()) => Vec::new(),
            },
        })
    }
}
