//! Examples of `agora_api::channel`.

use super::Example;

/// The documented examples, built through the builders.
pub fn examples() -> Vec<Example> {
    Vec::new()
}
