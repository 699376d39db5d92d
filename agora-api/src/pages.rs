//! Walking every page of a paged list endpoint.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use crate::client::Client;
use crate::endpoint::Endpoint;
use crate::error::Error;

/// A list endpoint whose response says whether another page follows.
///
/// Implemented by hand next to the endpoint, since each Agora API pages its
/// own way (page numbers, cursors, totals).
pub trait Paginated: Endpoint + Clone + Send + Sync + Unpin + 'static
where
    Self::Response: Send,
{
    /// The request for the page after `page`, or `None` when `page` is the
    /// last one.
    fn next_page(&self, page: &Self::Response) -> Option<Self>;
}

type InFlight<E> =
    Pin<Box<dyn Future<Output = (E, Result<<E as Endpoint>::Response, Error>)> + Send>>;

/// Every page of a [`Paginated`] endpoint, first to last: a
/// [`Stream`](futures_core::Stream) of responses, or call
/// [`next`](Pages::next) in a loop. It ends after the last page, or after
/// the first error (which it yields).
///
/// Made by [`Client::pages`].
#[must_use = "pages are fetched only when polled"]
pub struct Pages<E: Paginated>
where
    E::Response: Send,
{
    client: Client,
    next: Option<E>,
    in_flight: Option<InFlight<E>>,
}

impl<E: Paginated> std::fmt::Debug for Pages<E>
where
    E::Response: Send,
{
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pages")
            .field("endpoint", &E::NAME)
            .field(
                "finished",
                &(self.next.is_none() && self.in_flight.is_none()),
            )
            .finish()
    }
}

impl<E: Paginated> Pages<E>
where
    E::Response: Send,
{
    pub(crate) fn new(client: Client, first: E) -> Self {
        Pages {
            client,
            next: Some(first),
            in_flight: None,
        }
    }

    /// The next page, or `None` after the last one.
    pub async fn next(&mut self) -> Option<Result<E::Response, Error>> {
        std::future::poll_fn(|cx| self.poll_page(cx)).await
    }

    fn poll_page(&mut self, cx: &mut Context<'_>) -> Poll<Option<Result<E::Response, Error>>> {
        if self.in_flight.is_none() {
            let Some(request) = self.next.take() else {
                return Poll::Ready(None);
            };
            let client = self.client.clone();
            self.in_flight = Some(Box::pin(async move {
                let result = client.send(&request).await;
                (request, result)
            }));
        }
        let Some(in_flight) = self.in_flight.as_mut() else {
            return Poll::Ready(None);
        };
        match in_flight.as_mut().poll(cx) {
            Poll::Pending => Poll::Pending,
            Poll::Ready((request, result)) => {
                self.in_flight = None;
                if let Ok(page) = &result {
                    self.next = request.next_page(page);
                }
                Poll::Ready(Some(result))
            }
        }
    }
}

impl<E: Paginated> futures_core::Stream for Pages<E>
where
    E::Response: Send,
{
    type Item = Result<E::Response, Error>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.get_mut().poll_page(cx)
    }
}

impl Client {
    /// Every page of `first` and the pages after it.
    pub fn pages<E: Paginated>(&self, first: E) -> Pages<E>
    where
        E::Response: Send,
    {
        Pages::new(self.clone(), first)
    }
}
