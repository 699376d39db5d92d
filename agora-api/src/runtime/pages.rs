//! Walking every page of a paged list endpoint.

use std::collections::HashSet;
use std::future::Future;
use std::hash::{DefaultHasher, Hash as _, Hasher as _};
use std::pin::Pin;
use std::task::{Context, Poll};

use crate::client::Client;
use crate::endpoint::{Endpoint, HeaderWriter, PathWriter, QueryWriter};
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
    /// The requests sent so far, hashed.
    sent: HashSet<u64>,
    /// Pages fetched so far.
    fetched: usize,
    /// A cycle found after the last page was fetched, yielded next.
    cycle: Option<Error>,
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
        let mut sent = HashSet::new();
        if let Some(hash) = fingerprint(&first) {
            sent.insert(hash);
        }
        Pages {
            client,
            next: Some(first),
            in_flight: None,
            sent,
            fetched: 0,
            cycle: None,
        }
    }

    /// The next page, or `None` after the last one.
    pub async fn next(&mut self) -> Option<Result<E::Response, Error>> {
        std::future::poll_fn(|cx| self.poll_page(cx)).await
    }

    fn poll_page(&mut self, cx: &mut Context<'_>) -> Poll<Option<Result<E::Response, Error>>> {
        if self.in_flight.is_none() {
            if let Some(cycle) = self.cycle.take() {
                return Poll::Ready(Some(Err(cycle)));
            }
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
                self.fetched = self.fetched.saturating_add(1);
                if let Ok(page) = &result {
                    self.next = request.next_page(page);
                    if let Some(next) = &self.next
                        && let Some(hash) = fingerprint(next)
                        && !self.sent.insert(hash)
                    {
                        self.next = None;
                        self.cycle = Some(Error::PageCycle {
                            endpoint: E::NAME,
                            page: self.fetched,
                        });
                    }
                }
                Poll::Ready(Some(result))
            }
        }
    }
}

/// A hash of what `request` sends (path, query, headers, body); `None`
/// when it cannot be written, in which case sending it fails anyway.
fn fingerprint<E: Endpoint>(request: &E) -> Option<u64> {
    let mut url = String::new();
    request.write_path(&mut PathWriter::new(&mut url)).ok()?;
    request.write_query(&mut QueryWriter::new(&mut url));
    let mut headers = reqwest::header::HeaderMap::new();
    request
        .write_headers(&mut HeaderWriter::new(&mut headers))
        .ok()?;
    let mut body = Vec::new();
    request.write_body(&mut body).ok()?;
    let mut hasher = DefaultHasher::new();
    url.hash(&mut hasher);
    for (name, value) in &headers {
        name.as_str().hash(&mut hasher);
        value.as_bytes().hash(&mut hasher);
    }
    body.hash(&mut hasher);
    Some(hasher.finish())
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
