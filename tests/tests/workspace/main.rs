//! The workspace's tests, one binary with a module per concern (linking one
//! binary instead of one per file is most of an incremental test build):
//! requests on the wire and their documented examples per product, the
//! derive's decoder of requests, auth,
//! errors, faults and reliability against the emulator, hostile servers,
//! secrets, the derive's hygiene and diagnostics (UI), a foreign crate's
//! endpoints, the README's generated table, and the soak run (ignored by
//! default: `cargo test -p agora-tests --test workspace soak -- --ignored --nocapture`).

mod analytics;
mod auth;
mod capabilities;
mod channel;
mod cloud_recording;
mod cloud_transcoding;
mod console;
mod conversational_ai;
mod decode;
mod errors;
mod extension;
mod faults;
mod flexible_classroom;
mod hostile;
mod hygiene;
mod invalid;
mod media_gateway;
mod media_pull;
mod media_push;
mod readme;
mod real_time_stt_agents;
mod reference_rows;
mod reliability;
mod rtm;
mod secrets;
mod soak;
mod specs;
mod token_auth;
mod whiteboard;
mod wire;
