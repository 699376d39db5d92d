//! The emulator's tests, one binary with a module per product and per
//! concern (auth, faults, the journal under hostile input, coverage of the
//! registry, every documented example, the README's example).

mod support;

mod analytics;
mod auth;
mod broadcast_streaming;
mod channel;
mod cloud_recording;
mod console;
mod coverage;
mod documented_examples;
mod faults;
mod hostile;
mod license;
mod readme_example;
mod real_time_stt;
mod rtm;
