// The doc block is generated from the same attributes the derive reads,
// and the registry carries the reference page and the rate limits.
#![deny(missing_docs)]
//! A crate of its own endpoints.

use agora_api::{Endpoint, endpoint_docs};

/// Lists things.
///
/// More about things.
#[endpoint_docs]
#[derive(Endpoint)]
#[endpoint(
    GET,
    "/dev/v1/things",
    response = (),
    doc = "https://docs.agora.io/en/things",
    rate_limit(10, per = second, scope = account),
    rate_limit(1_000, per = day, scope = account, plan = "Enterprise"),
)]
#[auth(basic)]
pub struct ListThings {}

fn main() {
    let info = agora_api::registry::endpoints()
        .find(|info| info.name == "ListThings")
        .expect("registered");
    assert_eq!(info.doc_url, Some("https://docs.agora.io/en/things"));
    assert_eq!(info.rate_limits.len(), 2);
    assert_eq!(info.rate_limits[1].plan, Some("Enterprise"));
}
