//! The emulated products, one folder each, each an impl of
//! [`Product`](crate::product::Product) that registers itself: adding a
//! product is adding its folder (and its `mod` line here).

pub(crate) mod analytics;
pub(crate) mod broadcast_streaming;
pub(crate) mod channel;
pub(crate) mod cloud_recording;
pub(crate) mod console;
pub(crate) mod license;
pub(crate) mod real_time_stt;
pub(crate) mod rtm;
