//! The emulated products, one folder each, each an impl of
//! [`Product`](crate::product::Product) that registers itself: adding a
//! product is adding its folder (and its `mod` line here).

pub(crate) mod analytics;
// The builder tokens of the products whose tasks start with one.
pub(crate) mod broadcast_streaming;
mod builder_tokens;
pub(crate) mod channel;
pub(crate) mod cloud_recording;
pub(crate) mod cloud_transcoding;
pub(crate) mod console;
pub(crate) mod conversational_ai;
pub(crate) mod flexible_classroom;
pub(crate) mod license;
pub(crate) mod media_broadcast;
pub(crate) mod media_gateway;
pub(crate) mod media_pull;
pub(crate) mod media_push;
pub(crate) mod real_time_stt;
pub(crate) mod rtm;
pub(crate) mod whiteboard;
