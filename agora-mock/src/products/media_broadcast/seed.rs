//! What tests put into Media Broadcast, standing in for the encoders that
//! push streams: a stream going online and offline. And what they read
//! back that no endpoint answers: a stream's time lag.

use super::{MediaBroadcast, Push, unix_now};
use crate::server::Shared;

/// The streams of one project, pushed and stopped as an encoder would.
///
/// ```
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
/// use agora_api::media_broadcast::{EntryPointName, ListOnlineStreams};
///
/// let server = agora_mock::MockServer::start().await;
/// assert!(server.media_broadcast().push("live", "show68"));
/// let online = server
///     .client()
///     .send(
///         &ListOnlineStreams::builder()
///             .appid(server.app_id().clone())
///             .entry_point(EntryPointName::live())
///             .build(),
///     )
///     .await?;
/// assert_eq!(online.stream_list[0].name, "show68");
/// # Ok(()) }
/// ```
#[derive(Debug)]
pub struct FlsSeed<'a> {
    shared: &'a Shared,
    app_id: String,
}

impl<'a> FlsSeed<'a> {
    pub(crate) fn new(shared: &'a Shared, app_id: &str) -> Self {
        FlsSeed {
            shared,
            app_id: app_id.to_owned(),
        }
    }

    /// Starts pushing `stream` to `entry_point` now; `false` (and nothing
    /// happens) when the entry point does not exist or the stream is
    /// banned. Pushing a stream that is online already changes nothing.
    pub fn push(&self, entry_point: &str, stream: &str) -> bool {
        let now = unix_now(self.shared.now());
        let mut state = self.shared.state();
        state.tick(self.shared.now());
        let broadcasts = state.product::<MediaBroadcast>();
        let Some(entry) = broadcasts
            .app(&self.app_id)
            .entry_points
            .get_mut(entry_point)
        else {
            return false;
        };
        if entry.banned.contains_key(stream) {
            return false;
        }
        if entry.online_since(stream).is_none() {
            entry
                .pushes
                .entry(stream.to_owned())
                .or_default()
                .push(Push {
                    start: now,
                    end: None,
                });
        }
        true
    }

    /// Stops pushing `stream` now (a publish-history record); `false` when
    /// it was not online.
    pub fn stop(&self, entry_point: &str, stream: &str) -> bool {
        let now = unix_now(self.shared.now());
        let mut state = self.shared.state();
        let broadcasts = state.product::<MediaBroadcast>();
        let Some(entry) = broadcasts
            .app(&self.app_id)
            .entry_points
            .get_mut(entry_point)
        else {
            return false;
        };
        if entry.online_since(stream).is_none() {
            return false;
        }
        entry.stop(stream, now);
        true
    }

    /// Whether `stream` is being pushed to `entry_point`.
    pub fn is_online(&self, entry_point: &str, stream: &str) -> bool {
        let mut state = self.shared.state();
        state
            .product::<MediaBroadcast>()
            .app(&self.app_id)
            .entry_points
            .get(entry_point)
            .and_then(|entry| entry.online_since(stream))
            .is_some()
    }

    /// The time lag set for `stream`, in seconds.
    pub fn delay(&self, entry_point: &str, stream: &str) -> Option<u16> {
        let mut state = self.shared.state();
        state
            .product::<MediaBroadcast>()
            .app(&self.app_id)
            .entry_points
            .get(entry_point)
            .and_then(|entry| entry.delays.get(stream).copied())
    }
}
