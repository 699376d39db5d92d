//! The documented example requests of every bound endpoint, built through
//! the public API, one module per product. `tests/tests/workspace/specs.rs` checks
//! each against its entry in `specs/` and writes them all to
//! `target/conformance/requests.jsonl` for Agora's OpenAPI checker.
//!
//! To cover a new endpoint: add its entry (with `examples`) to the
//! product's spec file, and an [`Example`] here with the same endpoint and
//! example name, built with the endpoint's builder.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use agora_api::{Client, Endpoint, Error};

pub mod analytics;
pub mod channel;
pub mod cloud_recording;
pub mod console;
pub mod rtm;

/// Prepares an endpoint's request for a client.
type Prepare = dyn Fn(&Client) -> Result<agora_api::reqwest::Request, Error> + Send + Sync;

/// Sends an endpoint's request with a client; the response is dropped.
type Sender =
    dyn Fn(Client) -> Pin<Box<dyn Future<Output = Result<(), Error>> + Send>> + Send + Sync;

/// One documented example request, built through the public API.
pub struct Example {
    /// The endpoint's name (`Endpoint::NAME`).
    pub endpoint: &'static str,
    /// The example's name in the spec entry's `examples`.
    pub name: &'static str,
    /// The endpoint's HTTP method.
    pub method: agora_api::reqwest::Method,
    /// The endpoint's path template.
    pub path: &'static str,
    /// Whether a retry may re-send it.
    pub idempotent: bool,
    prepare: Box<Prepare>,
    send: Box<Sender>,
    decode: fn(&[u8]) -> Result<(), serde_json::Error>,
}

impl Example {
    /// The example `name` of endpoint `E`.
    pub fn of<E>(name: &'static str, endpoint: E) -> Self
    where
        E: Endpoint + Send + Sync + 'static,
        E::Response: Send,
    {
        let endpoint = Arc::new(endpoint);
        let for_send = Arc::clone(&endpoint);
        Example {
            endpoint: E::NAME,
            name,
            method: E::METHOD,
            path: E::PATH,
            idempotent: E::IDEMPOTENT,
            prepare: Box::new(move |client| client.prepare(&*endpoint)),
            send: Box::new(move |client| {
                let endpoint = Arc::clone(&for_send);
                Box::pin(async move { client.send(&*endpoint).await.map(drop) })
            }),
            decode: |body| serde_json::from_slice::<E::Response>(body).map(drop),
        }
    }

    /// Sends the example with `client`, dropping the response.
    pub async fn send(&self, client: Client) -> Result<(), Error> {
        (self.send)(client).await
    }

    /// The request `client` would send.
    pub fn prepare(&self, client: &Client) -> Result<agora_api::reqwest::Request, Error> {
        (self.prepare)(client)
    }

    /// Decodes `body` as the endpoint's typed response.
    pub fn decode(&self, body: &[u8]) -> Result<(), serde_json::Error> {
        (self.decode)(body)
    }
}

/// Every example of every product.
pub fn all() -> Vec<Example> {
    let mut all = Vec::new();
    all.extend(console::examples());
    all.extend(channel::examples());
    all.extend(cloud_recording::examples());
    all.extend(rtm::examples());
    all.extend(analytics::examples());
    all
}

/// A valid App ID for examples whose documentation leaves it a placeholder.
pub fn placeholder_app_id() -> agora_api::AppId {
    agora_api::AppId::new("0123456789abcdef0123456789abcdef").expect("a valid App ID")
}
