//! `agora-mock`: the emulator as a standalone server.
//!
//! ```text
//! cargo run -p agora-mock -- --port 8080
//! ```
//!
//! The options and the server are [`agora_mock::run_standalone`], which
//! `agora mock` runs too.

use std::process::ExitCode;

#[tokio::main]
async fn main() -> ExitCode {
    agora_mock::run_standalone("agora-mock", std::env::args().skip(1)).await
}
