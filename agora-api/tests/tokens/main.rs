//! The `token` feature's integration tests, one binary (linked once) with a
//! module per concern: the official vectors, parsing beyond them, property
//! tests. The command line (`agora token`) is tested in agora-cli.

// Test helpers panic on purpose: a panic is how a test reports failure.
#![allow(clippy::unwrap_used)]
#![cfg(feature = "token")]

mod parsing;
mod props;
mod vectors;
