//! The client: the path of every request from an [`Endpoint`] value to its
//! typed response, over the hosts, credentials and retry policy its
//! [`ClientBuilder`](crate::ClientBuilder) set (`builder.rs`), with bodies
//! read under a bound (`body.rs`).

use std::borrow::Cow;
use std::fmt;
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use reqwest::header::{CONTENT_TYPE, HeaderValue, RETRY_AFTER};
use tracing::Instrument as _;

use crate::authorize::{AuthContext, Authorizer, Authorizers};
use crate::body::{Body, Decoded, decode_response, read_body};
pub use crate::builder::ClientBuilder;
use crate::builder::is_loopback;
use crate::dns::is_dns_failure;
use crate::endpoint::{AuthScheme, Endpoint, HeaderWriter, PathWriter, QueryWriter};
use crate::error::{ApiError, AttemptFailure, Error, InvalidInput, excerpt};
use crate::limiter::RateLimit;
use crate::meta::{ResponseMeta, WithMeta};
use crate::region::{FailureKind, Hosts};
use crate::retry::{Reach, RetryPolicy, parse_retry_after};

/// Agora's global primary host, where calls go by default.
pub const DEFAULT_BASE_URL: &str = "https://api.agora.io";
/// Default bound on one call, all attempts and waits included.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
/// Default bound on one attempt, from sending to the last byte of the body.
pub const DEFAULT_ATTEMPT_TIMEOUT: Duration = Duration::from_secs(10);
/// Default bound on opening a connection.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
/// Default bound on the body of a successful response: 16 MiB.
///
/// The largest documented Agora answers (a channel's user list, a page of
/// Signaling history, an Analytics export) are well under 4 MiB; the bound
/// leaves four times that, and stops a broken or hostile server from
/// growing the process without end.
pub const DEFAULT_MAX_RESPONSE_BYTES: usize = 16 * 1024 * 1024;
/// How much of an error (non-2xx) body is read: 64 KiB. Agora's error
/// bodies are a few hundred bytes; what is past the bound is not read, and
/// the error keeps a bounded, redacted excerpt of what was.
pub const MAX_ERROR_BODY_BYTES: usize = 64 * 1024;
/// The most of a `Location` header a [`Error::Redirect`] keeps.
const LOCATION_LEN: usize = 512;

/// A client for Agora's REST APIs. Cheap to clone: clones share one
/// connection pool and one set of credentials.
///
/// Each call is bounded by a deadline ([`ClientBuilder::timeout`]), each
/// attempt by its own timeout, and failed attempts are retried by the
/// [`RetryPolicy`] over Agora's documented failover hosts. A call that is
/// not idempotent is re-sent only when it provably never reached Agora.
/// Dropping the future of a call stops it, retries included.
///
/// ```no_run
/// use agora_api::{Client, console::ListProjects};
///
/// # async fn run() -> Result<(), agora_api::Error> {
/// let client = Client::builder()
///     .basic_auth("customer-id", "customer-secret")
///     .build()?;
/// let projects = client.send(&ListProjects::builder().build()).await?;
/// for project in projects.projects {
///     println!("{} {}", project.vendor_key, project.name);
/// }
/// # Ok(())
/// # }
/// ```
#[derive(Clone)]
pub struct Client {
    pub(super) inner: Arc<Inner>,
}

/// What a [`ClientBuilder`](crate::ClientBuilder) built: shared by every
/// clone of the client.
pub(super) struct Inner {
    pub(super) http: reqwest::Client,
    /// Agora's domains, or every base URL set with `base_url(s)`.
    pub(super) hosts: Hosts,
    /// Whether `hosts` replaces every host set (`base_url(s)` was given).
    pub(super) hosts_replace_all: bool,
    /// The base URLs set for one fixed host with `base_url_for`.
    pub(super) host_overrides: Vec<(&'static str, Hosts)>,
    pub(super) authorizers: Authorizers,
    pub(super) preferred: Option<AuthScheme>,
    pub(super) retry: RetryPolicy,
    pub(super) timeout: Duration,
    pub(super) attempt_timeout: Duration,
    pub(super) limits: Vec<RateLimit>,
    pub(super) max_response_bytes: usize,
    pub(super) allow_http: bool,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("hosts", &self.inner.hosts)
            .field("host_overrides", &self.inner.host_overrides)
            .field("authorizers", &self.inner.authorizers)
            .field("preferred", &self.inner.preferred)
            .field("retry", &self.inner.retry)
            .field("timeout", &self.inner.timeout)
            .field("attempt_timeout", &self.inner.attempt_timeout)
            .field("max_response_bytes", &self.inner.max_response_bytes)
            .finish()
    }
}

/// The scheme chosen for one call, its authorizer and what it is told.
struct Auth<'a> {
    authorizer: &'a Arc<dyn Authorizer>,
    context: AuthContext<'a>,
}

/// Room for the parameters and query of a URL beyond its host and
/// template, so that most URLs are written without growing the buffer.
const URL_SLACK: usize = 128;

/// Room reserved for a JSON body before writing it: most Agora bodies fit,
/// and the larger ones grow from there in a few steps instead of from 8
/// bytes.
const BODY_CAPACITY: usize = 256;

/// Why one attempt failed, and whether it may have reached Agora.
struct AttemptError {
    error: Error,
    reach: Reach,
    retry_after: Option<Duration>,
}

impl Client {
    /// Starts configuring a client.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// The base URL of the first attempt of every call to Agora's domains.
    pub fn base_url(&self) -> &str {
        self.inner.hosts.first()
    }

    /// Sends `endpoint` and decodes its response.
    ///
    /// Inputs are checked and credentials chosen before anything is sent; a
    /// non-2xx answer, or a 2xx whose body reports a failure in the
    /// product's envelope, is an [`Error::Api`] with Agora's code, reason
    /// and request ID; when several attempts were made and all failed,
    /// [`Error::GaveUp`] lists each. Every call runs in a `tracing` span
    /// `agora.request` with the endpoint, method, attempts, status, latency
    /// and request ID (never a header).
    pub async fn send<E: Endpoint>(&self, endpoint: &E) -> Result<E::Response, Error> {
        self.send_with_meta(endpoint).await.map(|sent| sent.value)
    }

    /// Like [`send`](Client::send), with the status and headers of the
    /// answer beside the response: `X-Resource-ID`, `X-Request-ID`, or any
    /// other header a product documents. A failed call carries the same
    /// in its [`ApiError`] ([`ApiError::resource_id`], [`ApiError::request_id`]).
    ///
    /// ```no_run
    /// use agora_api::console::ListProjects;
    ///
    /// # async fn run(client: agora_api::Client) -> Result<(), agora_api::Error> {
    /// let answer = client.send_with_meta(&ListProjects::builder().build()).await?;
    /// println!("{} projects, HTTP {}", answer.value.projects.len(), answer.meta.status());
    /// println!("request {:?}", answer.meta.request_id());
    /// # Ok(())
    /// # }
    /// ```
    pub async fn send_with_meta<E: Endpoint>(
        &self,
        endpoint: &E,
    ) -> Result<WithMeta<E::Response>, Error> {
        let span = tracing::info_span!(
            "agora.request",
            endpoint = E::NAME,
            method = %E::METHOD,
            attempts = tracing::field::Empty,
            status = tracing::field::Empty,
            latency_ms = tracing::field::Empty,
            request_id = tracing::field::Empty,
        );
        let auth = self.check(endpoint)?;
        self.call(endpoint, &auth, &span)
            .instrument(span.clone())
            .await
    }

    /// The hosts `E` is sent to: Agora's domains (or the base URLs that
    /// replace them), or its fixed host (or the base URLs set for it).
    fn hosts_for<E: Endpoint>(&self) -> Cow<'_, Hosts> {
        let inner = &*self.inner;
        match E::HOSTS.fixed_url() {
            None => Cow::Borrowed(&inner.hosts),
            Some(url) => match inner.host_overrides.iter().find(|(host, _)| *host == url) {
                Some((_, hosts)) => Cow::Borrowed(hosts),
                None if inner.hosts_replace_all => Cow::Borrowed(&inner.hosts),
                None => Cow::Owned(Hosts::Fixed(url)),
            },
        }
    }

    /// The attempts of one call, over the failover hosts, within the
    /// deadline.
    ///
    /// Every wait (a rate-limit slot, a backoff, a `Retry-After`) and every
    /// attempt fits in what is left of the deadline, or the call ends at
    /// once with its last error; all time arithmetic saturates or is
    /// checked, so no setting and no server answer can overflow it.
    async fn call<E: Endpoint>(
        &self,
        endpoint: &E,
        auth: &Auth<'_>,
        span: &tracing::Span,
    ) -> Result<WithMeta<E::Response>, Error> {
        let inner = &*self.inner;
        let hosts = self.hosts_for::<E>();
        let started = Instant::now();
        // `None`: a timeout too long to be an instant, so no deadline.
        let deadline = started.checked_add(inner.timeout);
        let left = || {
            deadline.map_or(Duration::MAX, |at| {
                at.saturating_duration_since(Instant::now())
            })
        };
        let mut failures: Vec<AttemptFailure> = Vec::new();
        let mut previous: Option<FailureKind> = None;
        let max_attempts = inner.retry.attempts();
        for attempt in 0..max_attempts {
            let host = hosts.for_attempt(attempt, previous);
            for limit in inner
                .limits
                .iter()
                .filter(|limit| limit.applies_to(E::PATH))
            {
                match limit.reserve_within(left()) {
                    Some(wait) if wait.is_zero() => {}
                    Some(wait) => tokio::time::sleep(wait).await,
                    None => {
                        tracing::debug!("no rate-limit slot before the deadline");
                        let error = Error::Timeout {
                            endpoint: E::NAME,
                            timeout: inner.timeout,
                        };
                        return Err(if failures.is_empty() {
                            error
                        } else {
                            // The attempts so far, then the deadline.
                            Error::GaveUp {
                                endpoint: E::NAME,
                                attempts: failures,
                                last: Box::new(error),
                            }
                        });
                    }
                }
            }
            let bound = left().min(inner.attempt_timeout);
            span.record("attempts", attempt + 1);
            let request = self.authorized_request(endpoint, auth, host, attempt)?;
            let outcome = match tokio::time::timeout(bound, self.attempt::<E>(request, span)).await
            {
                Ok(outcome) => outcome,
                Err(_) => Err(AttemptError {
                    error: Error::Timeout {
                        endpoint: E::NAME,
                        timeout: bound,
                    },
                    reach: Reach::Maybe,
                    retry_after: None,
                }),
            };
            span.record(
                "latency_ms",
                u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX),
            );
            let failed = match outcome {
                Ok(response) => return Ok(response),
                Err(failed) => failed,
            };
            let kind = match &failed.error {
                Error::Transport { source, .. } if is_dns_failure(source) => FailureKind::Dns,
                _ => FailureKind::Other,
            };
            failures.push(AttemptFailure::new(host, &failed.error));
            let may_resend = E::IDEMPOTENT || failed.reach == Reach::Never;
            // The endpoint's own transient statuses (`retry_status`) too.
            let retryable = failed.error.is_retryable()
                || failed
                    .error
                    .api()
                    .is_some_and(|api| E::RETRY_STATUSES.contains(&api.status));
            if !retryable || !may_resend || attempt + 1 == max_attempts {
                if retryable && !may_resend {
                    tracing::debug!(
                        "not re-sending: the call is not idempotent and may have reached Agora"
                    );
                }
                return Err(give_up(E::NAME, failures, failed.error));
            }
            let wait = failed
                .retry_after
                .unwrap_or_else(|| inner.retry.wait_after(attempt + 1));
            if wait > inner.retry.longest_wait() {
                tracing::debug!(?wait, "a longer wait than the retry policy allows");
                return Err(give_up(E::NAME, failures, failed.error));
            }
            if wait >= left() {
                tracing::debug!(
                    ?wait,
                    "no time left before the deadline for another attempt"
                );
                return Err(give_up(E::NAME, failures, failed.error));
            }
            tracing::info!(attempt = attempt + 1, ?wait, error = %failed.error, "retrying");
            tokio::time::sleep(wait).await;
            previous = Some(kind);
        }
        // `max_attempts` is at least 1, so the loop returned.
        Err(Error::Config(
            "the retry policy allows no attempt".to_owned(),
        ))
    }

    /// One attempt: send, read the body under its bound, decode or classify
    /// the failure.
    async fn attempt<E: Endpoint>(
        &self,
        request: reqwest::Request,
        span: &tracing::Span,
    ) -> Result<WithMeta<E::Response>, AttemptError> {
        let transport = |error: reqwest::Error| {
            let reach = if error.is_connect() {
                Reach::Never
            } else {
                Reach::Maybe
            };
            AttemptError {
                error: Error::Transport {
                    endpoint: E::NAME,
                    source: error.without_url(),
                },
                reach,
                retry_after: None,
            }
        };
        let fail = |error: Error| AttemptError {
            error,
            reach: Reach::Maybe,
            retry_after: None,
        };
        let response = self.inner.http.execute(request).await.map_err(transport)?;
        let status = response.status();
        let header_text = |name: &str, limit: usize| {
            response
                .headers()
                .get(name)
                .and_then(|value| value.to_str().ok())
                .map(|text| crate::redact::bounded_text(text, limit))
        };
        let request_id = header_text("x-request-id", 128);
        let resource_id = header_text("x-resource-id", 128);
        span.record("status", status.as_u16());
        if let Some(id) = &request_id {
            span.record("request_id", id.as_str());
        }
        if status.is_redirection() {
            let location = response
                .headers()
                .get(reqwest::header::LOCATION)
                .map(|value| {
                    crate::redact::bounded_text(
                        &String::from_utf8_lossy(value.as_bytes()),
                        LOCATION_LEN,
                    )
                });
            // The response is dropped unread: its connection closes.
            return Err(fail(Error::Redirect {
                endpoint: E::NAME,
                status: status.as_u16(),
                location,
            }));
        }
        let retry_after = response
            .headers()
            .get(RETRY_AFTER)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| parse_retry_after(value, SystemTime::now()));
        if !status.is_success() {
            let limit = MAX_ERROR_BODY_BYTES.min(self.inner.max_response_bytes);
            let body = match read_body(response, limit).await.map_err(transport)? {
                Body::Complete(body) | Body::Cut(body) => body,
            };
            let mut error = ApiError::from_response(status.as_u16(), request_id, &body);
            error.retry_after = retry_after;
            error.resource_id = resource_id;
            tracing::debug!(%error, "agora call failed");
            return Err(AttemptError {
                error: Error::Api {
                    endpoint: E::NAME,
                    error: Box::new(error),
                },
                reach: Reach::Maybe,
                retry_after,
            });
        }
        let meta = ResponseMeta::new(status.as_u16(), response.headers().clone());
        let limit = self.inner.max_response_bytes;
        let body = match read_body(response, limit).await.map_err(transport)? {
            Body::Complete(body) => body,
            Body::Cut(_) => {
                return Err(fail(Error::BodyTooLarge {
                    endpoint: E::NAME,
                    status: status.as_u16(),
                    limit,
                }));
            }
        };
        match decode_response::<E>(&body) {
            Decoded::Response(value) => Ok(WithMeta::new(value, meta)),
            Decoded::InBand(failure) => {
                let mut error = ApiError::in_band_failure(status.as_u16(), request_id, failure);
                error.resource_id = resource_id;
                tracing::debug!(%error, "agora reported a failure in a 2xx body");
                Err(fail(Error::Api {
                    endpoint: E::NAME,
                    error: Box::new(error),
                }))
            }
            Decoded::Invalid(source) => Err(fail(Error::Decode {
                endpoint: E::NAME,
                status: status.as_u16(),
                source,
                excerpt: excerpt(&body),
            })),
        }
    }

    /// Builds the exact request [`send`](Client::send) sends first, without
    /// sending it: validated inputs, URL with percent-encoded path and
    /// query, `Content-Type: application/json`, JSON body, and the
    /// credentials of the chosen scheme applied to the final request.
    ///
    /// ```
    /// use agora_api::{AppId, Client, rtm::GetUserEvents};
    ///
    /// let client = Client::builder().basic_auth("id", "secret").build()?;
    /// let request = client.prepare(
    ///     &GetUserEvents::builder().appid(AppId::new("876922cbca0098dff4323566daa89675")?).build(),
    /// )?;
    /// assert_eq!(
    ///     request.url().as_str(),
    ///     "https://api.agora.io/dev/v2/project/876922cbca0098dff4323566daa89675/rtm/vendor/user_events"
    /// );
    /// assert_eq!(request.headers()["authorization"], "Basic aWQ6c2VjcmV0");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn prepare<E: Endpoint>(&self, endpoint: &E) -> Result<reqwest::Request, Error> {
        let auth = self.check(endpoint)?;
        let hosts = self.hosts_for::<E>();
        self.authorized_request(endpoint, &auth, hosts.first(), 0)
    }

    /// What is checked once per call, before any attempt: the inputs, the
    /// scheme to use, and that its authorizer can authenticate the call.
    fn check<'e, E: Endpoint>(&'e self, endpoint: &'e E) -> Result<Auth<'e>, Error> {
        endpoint.validate()?;
        let (scheme, authorizer) = self
            .inner
            .authorizers
            .choose(E::AUTH, self.inner.preferred)
            .ok_or(Error::MissingCredentials {
                endpoint: E::NAME,
                accepted: E::AUTH,
            })?;
        let context = AuthContext::new(E::NAME, scheme)
            .with_token_context(endpoint.token_context())
            .with_sender(endpoint.sender());
        authorizer.check(&context)?;
        Ok(Auth {
            authorizer,
            context,
        })
    }

    /// The request of attempt `attempt`, to `host`, with the scheme's
    /// credentials applied to its final bytes.
    fn authorized_request<E: Endpoint>(
        &self,
        endpoint: &E,
        auth: &Auth<'_>,
        host: &str,
        attempt: u32,
    ) -> Result<reqwest::Request, Error> {
        let mut request = self.request_for(endpoint, host)?;
        let context = auth
            .context
            .with_attempt(attempt)
            .with_now(SystemTime::now());
        auth.authorizer.authorize(&mut request, &context)?;
        Ok(request)
    }

    /// The request of one attempt, addressed to `host`, before auth.
    ///
    /// Written straight into the `reqwest::Request` each attempt sends: the
    /// URL into one buffer from the host on, the headers into the request's
    /// own map, the body into the buffer the request owns. Nothing is
    /// rendered first and copied per attempt; a retry (rare, and waiting
    /// for its backoff anyway) writes the same bytes again from the same
    /// endpoint.
    fn request_for<E: Endpoint>(
        &self,
        endpoint: &E,
        host: &str,
    ) -> Result<reqwest::Request, Error> {
        let mut url = String::with_capacity(host.len() + E::PATH.len() + URL_SLACK);
        url.push_str(host);
        endpoint.write_path(&mut PathWriter::new(&mut url))?;
        endpoint.write_query(&mut QueryWriter::new(&mut url));
        let url = reqwest::Url::parse(&url).map_err(|error| {
            InvalidInput::new("path", format!("does not make a valid URL: {error}"))
        })?;
        // Checked per request, not for the whole client, so that a
        // loopback base URL can stand beside an https one; base URLs were
        // checked when the client was built, this keeps the rule true of
        // every URL that is sent.
        if url.scheme() != "https" && !(self.inner.allow_http || is_loopback(&url)) {
            return Err(Error::Config(format!(
                "refusing to send credentials over plain {} to {}",
                url.scheme(),
                url.host_str().unwrap_or("?")
            )));
        }
        let mut request = reqwest::Request::new(E::METHOD, url);

        let headers = request.headers_mut();
        headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
        endpoint.write_headers(&mut HeaderWriter::new(headers))?;

        // Bodies come with POST, PUT and PATCH; the others rarely have one,
        // and an empty Vec costs nothing.
        let mut body = if E::METHOD == reqwest::Method::GET || E::METHOD == reqwest::Method::DELETE
        {
            Vec::new()
        } else {
            Vec::with_capacity(BODY_CAPACITY)
        };
        let has_body = endpoint
            .write_body(&mut body)
            .map_err(|source| Error::Encode {
                endpoint: E::NAME,
                source,
            })?;
        if has_body {
            *request.body_mut() = Some(body.into());
        }
        Ok(request)
    }
}

/// The error of a call that failed: the attempt's own error when there was
/// one attempt, else every attempt's reason.
fn give_up(endpoint: &'static str, failures: Vec<AttemptFailure>, last: Error) -> Error {
    if failures.len() <= 1 {
        last
    } else {
        Error::GaveUp {
            endpoint,
            attempts: failures,
            last: Box::new(last),
        }
    }
}
