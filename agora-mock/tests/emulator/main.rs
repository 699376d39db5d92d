//! The emulator's tests, one binary with a module per product and per
//! concern (auth, faults, the journal under hostile input, coverage of the
//! registry, every documented example, the README's example).

mod support;

mod analytics;
mod auth;
mod broadcast_streaming;
mod channel;
mod cloud_recording;
mod cloud_transcoding;
mod console;
mod conversational_ai;
mod coverage;
mod documented_examples;
mod faults;
mod flexible_classroom;
mod flexible_classroom_events;
mod hostile;
mod license;
mod media_broadcast;
mod media_broadcast_media;
mod media_gateway;
mod media_pull;
mod media_push;
mod readme_example;
mod real_time_stt;
mod real_time_stt_agents;
mod real_time_stt_legacy;
mod rtm;
mod webhooks;
mod whiteboard;
