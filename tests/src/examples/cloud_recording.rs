//! Cloud Recording examples.

use agora_api::cloud_recording::{Acquire, AcquireClientRequest, Scene};
use agora_api::{ChannelName, UidString};

use super::{Example, placeholder_app_id};

/// The documented examples, built through the builders.
pub fn examples() -> Vec<Example> {
    vec![Example::of(
        "documented",
        Acquire::builder()
            .appid(placeholder_app_id())
            .cname(ChannelName::new("<your_channel_name>").expect("a valid channel name"))
            .uid(UidString::new(527841).expect("a valid uid"))
            .client_request(AcquireClientRequest {
                scene: Some(Scene::Rtc),
                resource_expired_hour: Some(24),
                ..AcquireClientRequest::default()
            })
            .build(),
    )]
}
