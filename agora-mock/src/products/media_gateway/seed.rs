//! What tests put into Media Gateway, standing in for the encoders its
//! REST API only observes: pushes made with a streaming key. And what
//! they read back that no endpoint shows: whether a stream is muted, and
//! the template it was pushed with.

use std::fmt;

use agora_api::ServiceRegion;
use agora_api::media_gateway::{StreamKey, StreamSessionId, TemplateSettings};

use super::MediaGateway;
use crate::server::Shared;

/// A push refused: Agora's ingest would not take the key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PushRefused {
    /// No live key of that region: unknown, deleted, expired, or created
    /// in another region.
    UnknownKey,
}

impl fmt::Display for PushRefused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PushRefused::UnknownKey => {
                f.write_str("no live streaming key of this region has this value")
            }
        }
    }
}

impl std::error::Error for PushRefused {}

/// A stream being pushed, as the emulator sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct PushedStream {
    /// Its session.
    pub sid: String,
    /// The channel it goes to.
    pub channel: String,
    /// The host's user ID in the channel.
    pub uid: String,
    /// Whether its video is held back (once a mute has arrived).
    pub video_muted: bool,
    /// Whether its audio is held back.
    pub audio_muted: bool,
    /// The template it was pushed with: its key's, else the App ID's
    /// global one, else none.
    pub template: Option<String>,
}

/// The encoders of Media Gateway, and a project's templates as they
/// stand. Pushes find their key in any project; templates are the
/// project's the seed was made for (`server.media_gateway()`: the first).
///
/// ```
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
/// use agora_api::media_gateway::{CreateStreamKey, ListOnlineStreams, StreamKeySettings};
/// use agora_api::{ChannelName, ServiceRegion};
///
/// let server = agora_mock::MockServer::start().await;
/// let client = server.client();
/// let key = client
///     .send(
///         &CreateStreamKey::builder()
///             .region(ServiceRegion::Europe)
///             .app_id(server.app_id().clone())
///             .settings(StreamKeySettings::new(0).channel(ChannelName::new("show")?))
///             .build(),
///     )
///     .await?;
/// let sid = server.media_gateway().push(ServiceRegion::Europe, &key.stream_key)?;
/// let list = ListOnlineStreams::builder()
///     .region(ServiceRegion::Europe)
///     .app_id(server.app_id().clone())
///     .build();
/// let online = client.send(&list).await?;
/// assert_eq!(online.streams[0].sid, sid.as_str());
/// # Ok(()) }
/// ```
#[derive(Debug)]
pub struct GatewaySeed<'a> {
    shared: &'a Shared,
    app_id: String,
}

impl<'a> GatewaySeed<'a> {
    pub(crate) fn new(shared: &'a Shared, app_id: &str) -> Self {
        GatewaySeed {
            shared,
            app_id: app_id.to_owned(),
        }
    }

    /// The project's template `id` as it stands (no endpoint reads a
    /// template back).
    pub fn template(&self, id: &str) -> Option<TemplateSettings> {
        let mut state = self.shared.state();
        state
            .product::<MediaGateway>()
            .templates
            .get(&self.app_id)
            .and_then(|templates| templates.get(id))
            .cloned()
    }

    /// The project's global template, if one is set.
    pub fn global_template(&self) -> Option<String> {
        let mut state = self.shared.state();
        state
            .product::<MediaGateway>()
            .global
            .get(&self.app_id)
            .cloned()
    }

    /// An encoder starts pushing to `region`'s domain with `key`: a new
    /// streaming session, whose ID it returns.
    ///
    /// # Errors
    /// [`PushRefused`] when the region has no live key of that value.
    pub fn push(
        &self,
        region: ServiceRegion,
        key: &StreamKey,
    ) -> Result<StreamSessionId, PushRefused> {
        let now = self.shared.now();
        let mut state = self.shared.state();
        state.tick(now);
        let sid = state.account.rng.hex(32);
        let gateway = state.product::<MediaGateway>();
        let index = gateway
            .live_key(region, key.expose())
            .ok_or(PushRefused::UnknownKey)?;
        let sid = gateway.start_push(index, sid, now);
        let stream = gateway.streams.last().cloned();
        if let Some(stream) = &stream {
            super::events::connected(&mut state.account, stream, now);
        }
        StreamSessionId::new(sid).map_err(|_| PushRefused::UnknownKey)
    }

    /// The encoder of session `sid` stops; `false` when it was not
    /// pushing.
    pub fn stop(&self, sid: &StreamSessionId) -> bool {
        let now = self.shared.now();
        let mut state = self.shared.state();
        state.tick(now);
        let streams = &mut state.product::<MediaGateway>().streams;
        let Some(at) = streams.iter().position(|stream| stream.sid == sid.as_str()) else {
            return false;
        };
        let ended = streams.remove(at);
        super::events::disconnected(&mut state.account, &ended, now);
        true
    }

    /// Session `sid`, while it is pushed.
    pub fn stream(&self, sid: &StreamSessionId) -> Option<PushedStream> {
        let now = self.shared.now();
        let mut state = self.shared.state();
        state.tick(now);
        state
            .product::<MediaGateway>()
            .streams
            .iter()
            .find(|stream| stream.sid == sid.as_str())
            .map(|stream| PushedStream {
                sid: stream.sid.clone(),
                channel: stream.channel.clone(),
                uid: stream.uid.clone(),
                video_muted: stream.muted.video_muted,
                audio_muted: stream.muted.audio_muted,
                template: stream.template.clone(),
            })
    }

    /// The sessions being pushed, oldest first.
    pub fn streams(&self) -> Vec<StreamSessionId> {
        let now = self.shared.now();
        let mut state = self.shared.state();
        state.tick(now);
        state
            .product::<MediaGateway>()
            .streams
            .iter()
            .filter_map(|stream| StreamSessionId::new(stream.sid.clone()).ok())
            .collect()
    }
}
