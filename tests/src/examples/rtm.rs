//! Real-time Messaging examples.

use agora_api::AppId;
use agora_api::rtm::GetUserEvents;

use super::Example;

/// The documented examples, built through the builders.
pub fn examples() -> Vec<Example> {
    vec![Example::of(
        "documented",
        GetUserEvents::builder()
            .appid(AppId::new("876922cbca0098dff4323566daa89675").expect("a valid App ID"))
            .build(),
    )]
}
