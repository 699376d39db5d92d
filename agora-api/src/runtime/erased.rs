//! Sending an endpoint the registry names without naming its type: the
//! [`RequestSend`](crate::registry::RequestSend) and
//! [`RequestPages`](crate::registry::RequestPages) of each derived
//! endpoint, for tools that only have a received request (the `agora`
//! command line, tests replaying documented examples).
//!
//! The typed response comes back as JSON: [`Captured`] is the endpoint
//! itself, sent through the same client path, whose response type
//! ([`Typed`]) decodes the payload as the endpoint's response and keeps the
//! JSON it decoded from. A payload the typed response refuses is an
//! [`Error::Decode`], exactly as [`Client::send`] reports it.

use crate::client::Client;
use crate::endpoint::WireRequest;
use crate::error::Error;
use crate::registry::{PageStream, SendFuture};

#[cfg(feature = "erased-send")]
pub(crate) use sending::Captured;

/// The [`RequestSend`](crate::registry::RequestSend) of endpoint `E`:
/// decoded, then sent; the typed response as JSON.
#[cfg(feature = "erased-send")]
pub fn send<E>(request: &WireRequest<'_>, client: Client) -> SendFuture
where
    E: crate::Endpoint + Send + Sync + 'static,
    E::Response: Send,
{
    let endpoint = E::decode(request);
    Box::pin(async move {
        let sent = client.send(&Captured(endpoint?)).await?;
        Ok(sent.json)
    })
}

/// The [`RequestSend`](crate::registry::RequestSend) of endpoint `E` in a
/// build without `erased-send`: a call that fails at once, saying so.
#[cfg(not(feature = "erased-send"))]
pub fn send<E: crate::Endpoint>(_: &WireRequest<'_>, _: Client) -> SendFuture {
    Box::pin(std::future::ready(Err(needs_feature(E::NAME))))
}

/// The [`RequestPages`](crate::registry::RequestPages) of paged endpoint
/// `E`: the first page decoded, then every page walked by
/// [`Client::pages`], each as JSON.
#[cfg(feature = "erased-send")]
pub(crate) fn pages<E>(request: &WireRequest<'_>, client: Client) -> PageStream
where
    E: crate::Paginated,
    E::Response: Send,
{
    match E::decode(request) {
        Ok(first) => Box::pin(sending::JsonPages(client.pages(Captured(first)))),
        Err(invalid) => Box::pin(Once(Some(Err(invalid.into())))),
    }
}

/// The [`RequestPages`](crate::registry::RequestPages) of `E` without
/// `erased-send`: one error, saying so.
#[cfg(not(feature = "erased-send"))]
pub(crate) fn pages<E>(_: &WireRequest<'_>, _: Client) -> PageStream
where
    E: crate::Paginated,
    E::Response: Send,
{
    Box::pin(Once(Some(Err(needs_feature(E::NAME)))))
}

#[cfg(not(feature = "erased-send"))]
fn needs_feature(name: &'static str) -> Error {
    Error::Config(format!(
        "{name}: sending through the registry needs agora-api's `erased-send` feature"
    ))
}

/// A stream of at most one item.
struct Once(Option<Result<serde_json::Value, Error>>);

impl futures_core::Stream for Once {
    type Item = Result<serde_json::Value, Error>;

    fn poll_next(
        self: std::pin::Pin<&mut Self>,
        _: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Self::Item>> {
        std::task::Poll::Ready(self.get_mut().0.take())
    }
}

#[cfg(feature = "erased-send")]
mod sending {
    use std::pin::Pin;
    use std::task::{Context, Poll};

    use serde::de::{DeserializeOwned, Error as _};
    use serde::{Deserialize, Deserializer};

    use crate::authorize::TokenContext;
    use crate::endpoint::{
        AuthScheme, Endpoint, HeaderWriter, PathWriter, QueryWriter, WireRequest,
    };
    use crate::envelope::Envelope;
    use crate::error::{Error, InvalidInput};
    use crate::pages::{Pages, Paginated};
    use crate::region::HostSet;

    /// Endpoint `E` as it is, with a response that keeps its JSON.
    #[derive(Debug, Clone)]
    pub(crate) struct Captured<E>(pub(crate) E);

    /// A typed response and the JSON it was decoded from.
    pub(crate) struct Typed<R> {
        value: R,
        pub(super) json: serde_json::Value,
    }

    impl<'de, R: DeserializeOwned> Deserialize<'de> for Typed<R> {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            let json = serde_json::Value::deserialize(deserializer)?;
            let value = R::deserialize(&json).map_err(D::Error::custom)?;
            Ok(Typed { value, json })
        }
    }

    impl<E: Endpoint> Endpoint for Captured<E> {
        type Response = Typed<E::Response>;
        const NAME: &'static str = E::NAME;
        const METHOD: reqwest::Method = E::METHOD;
        const PATH: &'static str = E::PATH;
        const AUTH: &'static [AuthScheme] = E::AUTH;
        const IDEMPOTENT: bool = E::IDEMPOTENT;
        const HOSTS: HostSet = E::HOSTS;
        const ENVELOPE: Envelope = E::ENVELOPE;

        fn validate(&self) -> Result<(), InvalidInput> {
            self.0.validate()
        }

        fn sender(&self) -> Option<(&'static str, &str)> {
            self.0.sender()
        }

        fn token_context(&self) -> TokenContext<'_> {
            self.0.token_context()
        }

        fn write_path(&self, path: &mut PathWriter<'_>) -> Result<(), InvalidInput> {
            self.0.write_path(path)
        }

        fn write_query(&self, query: &mut QueryWriter<'_>) {
            self.0.write_query(query);
        }

        fn write_headers(&self, headers: &mut HeaderWriter<'_>) -> Result<(), InvalidInput> {
            self.0.write_headers(headers)
        }

        fn write_body(&self, body: &mut Vec<u8>) -> Result<bool, serde_json::Error> {
            self.0.write_body(body)
        }

        fn decode(request: &WireRequest<'_>) -> Result<Self, InvalidInput> {
            E::decode(request).map(Captured)
        }
    }

    impl<E> Paginated for Captured<E>
    where
        E: Paginated,
        E::Response: Send,
    {
        fn next_page(&self, page: &Typed<E::Response>) -> Option<Self> {
            self.0.next_page(&page.value).map(Captured)
        }
    }

    /// [`Pages`] of a captured endpoint, each page as its JSON.
    pub(super) struct JsonPages<E: Paginated>(pub(super) Pages<Captured<E>>)
    where
        E::Response: Send;

    impl<E: Paginated> futures_core::Stream for JsonPages<E>
    where
        E::Response: Send,
    {
        type Item = Result<serde_json::Value, Error>;

        fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
            Pin::new(&mut self.get_mut().0)
                .poll_next(cx)
                .map(|page| page.map(|page| page.map(|typed| typed.json)))
        }
    }
}
