//! Media Broadcast (fls): the entry points of each project and the
//! settings of their live streams.
//!
//! This is the half of the product that serves the entry points'
//! settings ([`media`]); the entry point `live` exists in every project
//! from the start. Agora documents statuses without bodies: a malformed
//! request is `400 {"message": "invalid `field`: rule"}`, and the other
//! failures are `{"message": ...}` too, with `404` for an entry point or
//! a resource that does not exist.

use agora_api::InvalidInput;
use agora_api::registry::EndpointInfo;

use crate::product::{Product, Registration, Routes};
use crate::reply::Reply;

mod media;
mod recording;
mod recording_files;
mod snapshots;
mod transcoding;
mod watermarks;

/// The Media Broadcast product.
#[derive(Debug)]
pub(crate) struct MediaBroadcast;

impl Product for MediaBroadcast {
    const MODULE: &'static str = "agora_api::media_broadcast";
    type State = Broadcast;

    fn register(routes: &mut Routes<Self>) {
        media::register(routes);
    }

    fn invalid(_info: &'static EndpointInfo, _request_id: &str, error: &InvalidInput) -> Reply {
        Reply::gateway(400, &error.to_string())
    }

    fn unsupported_media_type(_request_id: &str) -> Reply {
        Reply::unsupported_media_type()
    }
}

inventory::submit! { Registration::of::<MediaBroadcast>() }

/// What the emulator remembers of Media Broadcast.
#[derive(Debug, Default)]
pub(crate) struct Broadcast {
    /// The entry points' settings.
    pub(crate) media: media::MediaSettings,
}

impl Broadcast {
    /// Whether `app` has the entry point `name`: here only the default
    /// entry point `live`, which every project has.
    pub(crate) fn entry_point_exists(&self, app: &str, name: &str) -> bool {
        let _ = app;
        name == "live"
    }
}
