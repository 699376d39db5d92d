//! No code: this package holds the UI tests of `#[derive(Endpoint)]` (see
//! `tests/ui.rs`).
