//! Media Gateway RESTful API: RTMP and SRT streams pushed by encoders
//! (OBS, hardware) into RTC channels.
//!
//! A push needs a streaming key ([`CreateStreamKey`]), created in the
//! region (`/{region}/...`: `na`, `eu`, `ap`, `cn`, lower case) whose
//! domain the encoder pushes to, and read or deleted there. Flow
//! configuration templates ([`PutStreamTemplate`], at most 10 per App
//! ID) set the transcoding a push gets: the key's own template, else the
//! App ID's global one ([`SetGlobalTemplate`]), else none. While a push
//! runs it is an online stream with a session ID (`sid`): list and read
//! them ([`ListOnlineStreams`], [`GetOnlineStream`]), disconnect one
//! ([`DisconnectOnlineStream`]; delete its key first, or the encoder
//! reconnects) or mute it ([`MuteOnlineStream`], asynchronous).
//!
//! Every endpoint takes Basic auth or an HMAC-SHA256 signature (Agora
//! recommends HMAC: `ClientBuilder::hmac_auth`); answers are
//! `{"status": "success", "data": ...}` and failures a non-2xx status
//! with `{"message": ...}`. A `409` means "too many concurrent
//! requests": every endpoint declares it retryable (`retry_status =
//! 409`), so an idempotent call is tried again with backoff, while
//! [`CreateStreamKey`] still is never re-sent once it may have reached
//! Agora. <https://docs.agora.io/en/media-gateway/reference/rest-api/overview>
//!
//! The Notifications IP query Agora documents on this product's pages
//! (`GET /v2/ncs/ip`, Basic auth only) is the channel management API's
//! endpoint: bound once as [`ListNotificationIps`] (of
//! [`channel`](crate::channel), whose feature this one enables) and
//! re-exported here.
//!
//! ```
//! use agora_api::media_gateway::{CreateStreamKey, GatewayUid, StreamKeySettings};
//! use agora_api::{AppId, ChannelName, Client, ServiceRegion};
//!
//! let create = CreateStreamKey::builder()
//!     .region(ServiceRegion::NorthAmerica)
//!     .app_id(AppId::new("0123456789abcdef0123456789abcdef")?)
//!     .settings(
//!         StreamKeySettings::new(86_400)
//!             .channel(ChannelName::new("show68")?)
//!             .uid(GatewayUid::new("1001")?),
//!     )
//!     .build();
//! let client = Client::builder().hmac_auth("customer-id", "customer-secret").build()?;
//! let request = client.prepare(&create)?;
//! assert!(request.headers()["authorization"].to_str()?.starts_with("hmac username=\"customer-id\""));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod envelope;
mod inputs;
mod online_streams;
mod stream_keys;
mod template_settings;
mod templates;

pub use crate::channel::{
    ListNotificationIps, ListNotificationIpsBuilder, NotificationHost, NotificationHosts,
    NotificationIps, NotificationService,
};
pub use envelope::{GATEWAY_ENVELOPE, GATEWAY_ONE_ENVELOPE};
pub use inputs::{
    GatewayApiVersion, GatewayTime, GatewayUid, StreamKey, StreamSessionId, TemplateId,
};
pub use online_streams::{
    DisconnectOnlineStream, DisconnectOnlineStreamBuilder, GetOnlineStream, GetOnlineStreamBuilder,
    ListOnlineStreams, ListOnlineStreamsBuilder, MuteOnlineStream, MuteOnlineStreamBuilder,
    MuteSettings, OnlineStream, OnlineStreams, SourceAudio, SourceVideo, StreamStatus,
};
pub use stream_keys::{
    CreateStreamKey, CreateStreamKeyBuilder, DeleteStreamKey, DeleteStreamKeyBuilder, GetStreamKey,
    GetStreamKeyBuilder, StreamKeyInfo, StreamKeySettings,
};
pub use template_settings::{
    AdvancedVideoOptions, AlphaBlending, AudioKbps, AudioTranscoding, Fps, GatewayVideoCodec,
    JitterBuffer, LayerId, Pixels, Pvc, SimulcastStream, StreamLayer, SuperResolution,
    TemplateSettings, Transcoding, TranscodingMode, VideoKbps, VideoTranscoding,
};
pub use templates::{
    AppConfig, DeleteStreamTemplate, DeleteStreamTemplateBuilder, PutStreamTemplate,
    PutStreamTemplateBuilder, SetGlobalTemplate, SetGlobalTemplateBuilder, UpdateStreamTemplate,
    UpdateStreamTemplateBuilder,
};
