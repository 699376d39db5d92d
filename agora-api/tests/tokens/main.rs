//! The `token` feature's integration tests, one binary (linked once) with a
//! module per concern: the official vectors, parsing beyond them, property
//! tests, and the `token` example's command line.

// Test helpers panic on purpose: a panic is how a test reports failure.
#![allow(clippy::unwrap_used)]
#![cfg(feature = "token")]

/// The `token` example itself, so its `run` is tested in process.
#[allow(dead_code)]
#[path = "../../examples/token.rs"]
mod example;

mod cli;
mod parsing;
mod props;
mod vectors;
