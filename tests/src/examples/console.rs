//! Console (project management) examples.

use agora_api::console::ListProjects;

use super::Example;

/// The documented examples, built through the builders.
pub fn examples() -> Vec<Example> {
    vec![Example::of("documented", ListProjects::builder().build())]
}
