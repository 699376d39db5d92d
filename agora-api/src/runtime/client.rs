//! The client: one pooled HTTP connection pool, the credentials, the hosts
//! and retry policy, and the path of every request from an [`Endpoint`]
//! value to its typed response.

use std::fmt;
use std::net::IpAddr;
use std::sync::{Arc, Once};
use std::time::{Duration, Instant, SystemTime};

use reqwest::header::{AUTHORIZATION, CONTENT_TYPE, HeaderValue, RETRY_AFTER};
use tracing::Instrument as _;

use crate::auth::{BasicAuth, RtmCredentials, RtmTokenSource, Secret};
use crate::dns::{TaggingResolver, is_dns_failure};
use crate::endpoint::{AuthScheme, Endpoint, HeaderWriter, PathWriter, QueryWriter};
use crate::error::{ApiError, AttemptFailure, Error, InvalidInput, excerpt};
use crate::limiter::RateLimit;
use crate::region::{Domain, FailureKind, Hosts, Region};
use crate::retry::{Reach, RetryPolicy, parse_retry_after};
use crate::types::UserId;

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
    inner: Arc<Inner>,
}

struct Inner {
    http: reqwest::Client,
    hosts: Hosts,
    basic: Option<BasicAuth>,
    rtm: Option<Arc<dyn RtmTokenSource>>,
    preferred: Option<AuthScheme>,
    retry: RetryPolicy,
    timeout: Duration,
    attempt_timeout: Duration,
    limits: Vec<RateLimit>,
    max_response_bytes: usize,
    allow_http: bool,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("hosts", &self.inner.hosts)
            .field("basic", &self.inner.basic)
            .field("rtm", &self.inner.rtm)
            .field("preferred", &self.inner.preferred)
            .field("retry", &self.inner.retry)
            .field("timeout", &self.inner.timeout)
            .field("attempt_timeout", &self.inner.attempt_timeout)
            .field("max_response_bytes", &self.inner.max_response_bytes)
            .finish()
    }
}

/// Configures a [`Client`].
#[must_use]
pub struct ClientBuilder {
    domain: Domain,
    region: Option<Region>,
    base_urls: Vec<String>,
    allow_http: bool,
    resolver: Option<Arc<dyn reqwest::dns::Resolve>>,
    basic: Option<(String, Secret)>,
    rtm: Option<RtmSetting>,
    preferred: Option<AuthScheme>,
    retry: RetryPolicy,
    timeout: Duration,
    attempt_timeout: Duration,
    connect_timeout: Duration,
    user_agent: String,
    limits: Vec<(String, u32)>,
    max_response_bytes: usize,
    proxy: ProxySetting,
}

/// Which proxy, if any, carries the client's HTTPS calls.
enum ProxySetting {
    None,
    Explicit(String),
    FromEnvironment,
}

enum RtmSetting {
    Fixed(Secret, UserId),
    Source(Arc<dyn RtmTokenSource>),
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("domain", &self.domain)
            .field("region", &self.region)
            .field("base_urls", &self.base_urls)
            .field("customer_id", &self.basic.as_ref().map(|(id, _)| id))
            .field("retry", &self.retry)
            .field("timeout", &self.timeout)
            .finish_non_exhaustive()
    }
}

impl Default for ClientBuilder {
    fn default() -> Self {
        ClientBuilder {
            domain: Domain::Global,
            region: None,
            base_urls: Vec::new(),
            allow_http: false,
            resolver: None,
            basic: None,
            rtm: None,
            preferred: None,
            retry: RetryPolicy::default(),
            timeout: DEFAULT_TIMEOUT,
            attempt_timeout: DEFAULT_ATTEMPT_TIMEOUT,
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            user_agent: concat!("agora-rs/", env!("CARGO_PKG_VERSION")).to_owned(),
            limits: Vec::new(),
            max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
            proxy: ProxySetting::None,
        }
    }
}

impl ClientBuilder {
    /// Basic auth with the Customer ID and Customer Secret from Agora
    /// Console. Encoded once, when the client is built.
    pub fn basic_auth(
        mut self,
        customer_id: impl Into<String>,
        customer_secret: impl Into<Secret>,
    ) -> Self {
        self.basic = Some((customer_id.into(), customer_secret.into()));
        self
    }

    /// RTM token auth with a token generated on your server for `user_id`.
    /// A `007...` token is sent as `Authorization: agora token=...`, a
    /// `006...` token as `x-agora-token` plus `x-agora-uid`.
    pub fn rtm_token(mut self, token: impl Into<Secret>, user_id: UserId) -> Self {
        self.rtm = Some(RtmSetting::Fixed(token.into(), user_id));
        self
    }

    /// RTM token auth with tokens from `source`, asked once per call (for
    /// example a `token::RtmTokenMinter`, which mints and renews them).
    pub fn rtm_token_source(mut self, source: impl RtmTokenSource) -> Self {
        self.rtm = Some(RtmSetting::Source(Arc::new(source)));
        self
    }

    /// For endpoints that accept several schemes, use `scheme` when the
    /// client has credentials for it. Without a preference the endpoint's
    /// declared order decides.
    pub fn prefer(mut self, scheme: AuthScheme) -> Self {
        self.preferred = Some(scheme);
        self
    }

    /// The primary domain: [`Domain::Global`] (`api.agora.io`, the
    /// default) outside mainland China, [`Domain::China`]
    /// (`api.sd-rtn.com`) inside. The other one is the failover.
    pub fn domain(mut self, domain: Domain) -> Self {
        self.domain = domain;
        self
    }

    /// The region the server runs in; its neighbouring region's host is the
    /// last failover step (Agora's example: `eu-central-1` falls back to
    /// `eu-west-1`). Check that the product is deployed there.
    pub fn region(mut self, region: Region) -> Self {
        self.region = Some(region);
        self
    }

    /// Sends every call to this base URL (scheme, host, optional path
    /// prefix) instead of Agora's domains: a proxy, a local emulator, tests.
    /// Replaces any earlier base URLs.
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_urls = vec![url.into()];
        self
    }

    /// Like [`base_url`](Self::base_url) with failover: the first URL is
    /// tried twice, then the next ones in order.
    pub fn base_urls(mut self, urls: impl IntoIterator<Item = impl Into<String>>) -> Self {
        self.base_urls = urls.into_iter().map(Into::into).collect();
        self
    }

    /// Allows plain `http://` base URLs on hosts other than loopback. Off by
    /// default: credentials go only over HTTPS, or to this machine.
    pub fn allow_insecure_http(mut self) -> Self {
        self.allow_http = true;
        self
    }

    /// Resolves host names with `resolver` instead of the system's (tests
    /// can make hosts fail without real DNS).
    pub fn dns_resolver(mut self, resolver: Arc<dyn reqwest::dns::Resolve>) -> Self {
        self.resolver = Some(resolver);
        self
    }

    /// How failed calls are retried. Default: [`RetryPolicy::default`].
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// The deadline of each call, all attempts and waits included. Default
    /// [`DEFAULT_TIMEOUT`].
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// The bound on each attempt, from sending to the last byte of the
    /// response. Default [`DEFAULT_ATTEMPT_TIMEOUT`].
    pub fn attempt_timeout(mut self, timeout: Duration) -> Self {
        self.attempt_timeout = timeout;
        self
    }

    /// The bound on opening a connection. Default
    /// [`DEFAULT_CONNECT_TIMEOUT`].
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// The `User-Agent` header. Default `agora-rs/<version>`.
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = user_agent.into();
        self
    }

    /// Keeps calls whose path template starts with `path_prefix` under
    /// `per_second` calls per second, by making them wait for their turn
    /// (for example `"/v1/apps/"` at 10 for Cloud Recording's 10 QPS per
    /// App ID). Off by default; may be given several times.
    pub fn rate_limit(mut self, path_prefix: impl Into<String>, per_second: u32) -> Self {
        self.limits.push((path_prefix.into(), per_second));
        self
    }

    /// The largest successful response body read, in bytes (default
    /// [`DEFAULT_MAX_RESPONSE_BYTES`]). The bound is checked before reading
    /// (`Content-Length`) and as the body streams in; past it the call
    /// fails with [`Error::BodyTooLarge`] and the connection is closed.
    /// Error bodies are read under [`MAX_ERROR_BODY_BYTES`] (or this bound,
    /// when it is smaller).
    ///
    /// ```
    /// let client = agora_api::Client::builder().max_response_bytes(1 << 20).build()?;
    /// # Ok::<(), agora_api::Error>(())
    /// ```
    pub fn max_response_bytes(mut self, limit: usize) -> Self {
        self.max_response_bytes = limit;
        self
    }

    /// Sends HTTPS calls through the proxy at `url` (`http://host:port`,
    /// with `user:password@` if the proxy needs it), as a `CONNECT` tunnel:
    /// the proxy sees the host, never the request or its credentials.
    ///
    /// Only HTTPS calls use a proxy. Plain-http calls (to loopback, or with
    /// [`allow_insecure_http`](Self::allow_insecure_http)) always go direct,
    /// since a proxy would read their credentials in clear. Without this or
    /// [`proxy_from_env`](Self::proxy_from_env) the client uses no proxy,
    /// whatever the environment says.
    ///
    /// ```
    /// let client = agora_api::Client::builder().proxy("http://proxy.internal:3128").build()?;
    /// # Ok::<(), agora_api::Error>(())
    /// ```
    pub fn proxy(mut self, url: impl Into<String>) -> Self {
        self.proxy = ProxySetting::Explicit(url.into());
        self
    }

    /// Sends HTTPS calls through the proxy the environment names:
    /// `HTTPS_PROXY`, else `ALL_PROXY` (either case), skipping the hosts of
    /// `NO_PROXY`. `HTTP_PROXY` is never used: plain-http calls always go
    /// direct (see [`proxy`](Self::proxy)). Read when the client is built.
    pub fn proxy_from_env(mut self) -> Self {
        self.proxy = ProxySetting::FromEnvironment;
        self
    }

    /// Checks the configuration and builds the client.
    ///
    /// ```
    /// let error = agora_api::Client::builder().base_url("ftp://example.com").build().unwrap_err();
    /// assert!(error.to_string().contains("base URL"));
    /// let error = agora_api::Client::builder().base_url("http://example.com").build().unwrap_err();
    /// assert!(error.to_string().contains("https"));
    /// assert!(agora_api::Client::builder().base_url("http://127.0.0.1:8080").build().is_ok());
    /// ```
    pub fn build(self) -> Result<Client, Error> {
        let hosts = if self.base_urls.is_empty() {
            Hosts::agora(self.domain, self.region)
        } else {
            let urls = self
                .base_urls
                .iter()
                .map(|url| check_base_url(url, self.allow_http))
                .collect::<Result<Vec<_>, _>>()?;
            Hosts::Custom(urls)
        };
        let basic = self
            .basic
            .map(|(id, secret)| BasicAuth::new(id, secret))
            .transpose()?;
        let rtm: Option<Arc<dyn RtmTokenSource>> = match self.rtm {
            None => None,
            Some(RtmSetting::Source(source)) => Some(source),
            Some(RtmSetting::Fixed(token, user_id)) => {
                Some(Arc::new(RtmCredentials::new(token, user_id)?))
            }
        };
        install_crypto_provider();
        // No redirects (Agora's APIs never redirect, and following one
        // would carry the credentials to wherever `Location` points), and
        // no proxy but the one asked for. Plain http is allowed by URL, per
        // request (`request_for`), so that a loopback base URL can sit
        // beside an https one.
        let mut http = reqwest::Client::builder()
            .connect_timeout(self.connect_timeout)
            .user_agent(self.user_agent)
            .dns_resolver(Arc::new(TaggingResolver::new(self.resolver)))
            .redirect(reqwest::redirect::Policy::none())
            .no_proxy();
        if let Some(proxy) = https_proxy(&self.proxy)? {
            http = http.proxy(proxy);
        }
        let http = http
            .build()
            .map_err(|error| Error::Config(format!("cannot build the HTTP client: {error}")))?;
        Ok(Client {
            inner: Arc::new(Inner {
                http,
                hosts,
                basic,
                rtm,
                preferred: self.preferred,
                retry: self.retry,
                timeout: self.timeout,
                attempt_timeout: self.attempt_timeout,
                limits: self
                    .limits
                    .iter()
                    .map(|(prefix, per_second)| RateLimit::new(prefix, *per_second))
                    .collect(),
                max_response_bytes: self.max_response_bytes,
                allow_http: self.allow_http,
            }),
        })
    }
}

/// reqwest is built without a default TLS crypto provider (to keep the C
/// build of aws-lc out); install ring once, unless the application has
/// installed one of its own already.
fn install_crypto_provider() {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        if rustls::crypto::CryptoProvider::get_default().is_none() {
            // Losing a race with another installer leaves that provider in
            // place, which is just as good.
            let _ = rustls::crypto::ring::default_provider().install_default();
        }
    });
}

fn is_loopback(url: &reqwest::Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(name)) => name == "localhost",
        Some(url::Host::Ipv4(ip)) => IpAddr::V4(ip).is_loopback(),
        Some(url::Host::Ipv6(ip)) => IpAddr::V6(ip).is_loopback(),
        None => false,
    }
}

/// The proxy for HTTPS calls, as configured. A proxy only ever matches
/// `https` URLs ([`reqwest::Proxy::https`]).
fn https_proxy(setting: &ProxySetting) -> Result<Option<reqwest::Proxy>, Error> {
    let (url, no_proxy) = match setting {
        ProxySetting::None => return Ok(None),
        ProxySetting::Explicit(url) => (url.clone(), None),
        ProxySetting::FromEnvironment => {
            let from_env = ["HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy"]
                .iter()
                .find_map(|name| std::env::var(name).ok().filter(|value| !value.is_empty()));
            match from_env {
                Some(url) => (url, reqwest::NoProxy::from_env()),
                None => return Ok(None),
            }
        }
    };
    let proxy = reqwest::Proxy::https(url.as_str()).map_err(|_| {
        // The URL may hold the proxy's password: not quoted.
        Error::Config("the proxy URL is not a valid http(s) or socks URL".to_owned())
    })?;
    Ok(Some(proxy.no_proxy(no_proxy)))
}

fn check_base_url(url: &str, allow_http: bool) -> Result<Box<str>, Error> {
    let parsed = reqwest::Url::parse(url)
        .map_err(|error| Error::Config(format!("base URL {url:?} is not a URL: {error}")))?;
    match parsed.scheme() {
        "https" => {}
        "http" if allow_http || is_loopback(&parsed) => {}
        "http" => {
            return Err(Error::Config(format!(
                "base URL {url:?} is plain http on a host that is not this machine: use https, or allow_insecure_http() to opt in"
            )));
        }
        _ => {
            return Err(Error::Config(format!(
                "base URL {url:?} must be http or https"
            )));
        }
    }
    if parsed.query().is_some() || parsed.fragment().is_some() || parsed.cannot_be_a_base() {
        return Err(Error::Config(format!(
            "base URL {url:?} must be a scheme, host and optional path prefix, without query or fragment"
        )));
    }
    if !parsed.username().is_empty() || parsed.password().is_some() {
        return Err(Error::Config(
            "base URL must not hold credentials; use basic_auth() instead".to_owned(),
        ));
    }
    Ok(url.trim_end_matches('/').into())
}

/// The chosen credentials for one call.
enum Auth<'a> {
    Basic(&'a BasicAuth),
    Rtm(RtmCredentials),
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

    /// The base URL of the first attempt of every call.
    pub fn base_url(&self) -> &str {
        self.inner.hosts.first()
    }

    /// Sends `endpoint` and decodes its response.
    ///
    /// Inputs are checked and credentials chosen before anything is sent; a
    /// non-2xx answer is an [`Error::Api`] with Agora's code, reason and
    /// request ID; when several attempts were made and all failed,
    /// [`Error::GaveUp`] lists each. Every call runs in a `tracing` span
    /// `agora.request` with the endpoint, method, attempts, status, latency
    /// and request ID (never a header).
    pub async fn send<E: Endpoint>(&self, endpoint: &E) -> Result<E::Response, Error> {
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
    ) -> Result<E::Response, Error> {
        let inner = &*self.inner;
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
            let host = inner.hosts.for_attempt(attempt, previous);
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
            let request = self.request_for(endpoint, auth, host)?;
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
            if !failed.error.is_retryable() || !may_resend || attempt + 1 == max_attempts {
                if failed.error.is_retryable() && !may_resend {
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
    ) -> Result<E::Response, AttemptError> {
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
        let request_id = response
            .headers()
            .get("x-request-id")
            .and_then(|value| value.to_str().ok())
            .map(|id| crate::redact::bounded_text(id, 128));
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
        decode_body(&body).map_err(|source| {
            fail(Error::Decode {
                endpoint: E::NAME,
                status: status.as_u16(),
                source: source.into(),
                excerpt: excerpt(&body),
            })
        })
    }

    /// Builds the exact request [`send`](Client::send) sends first, without
    /// sending it: validated inputs, URL with percent-encoded path and
    /// query, `Content-Type: application/json`, authentication, JSON body.
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
        self.request_for(endpoint, &auth, self.inner.hosts.first())
    }

    /// What is checked once per call, before any attempt: the inputs, the
    /// credentials to use, and that they may act as the sender.
    fn check<E: Endpoint>(&self, endpoint: &E) -> Result<Auth<'_>, Error> {
        endpoint.validate()?;
        let auth = self.choose_auth::<E>()?;
        if let (Auth::Rtm(credentials), Some((field, sender))) = (&auth, endpoint.sender())
            && sender != credentials.user_id().as_str()
        {
            return Err(InvalidInput::new(
                field,
                format!(
                    "is {sender:?}, but the RTM token was generated for {:?}: with token auth Agora accepts requests only as the token's user",
                    credentials.user_id().as_str()
                ),
            )
            .into());
        }
        Ok(auth)
    }

    /// The request of one attempt, addressed to `host`.
    ///
    /// Written straight into the `reqwest::Request` each attempt sends: the
    /// URL into one buffer from the host on, the headers into the request's
    /// own map, the body into the buffer the request owns. Nothing is
    /// rendered first and copied per attempt; a retry (rare, and waiting
    /// for its backoff anyway) writes the same bytes again from the same
    /// endpoint and credentials.
    fn request_for<E: Endpoint>(
        &self,
        endpoint: &E,
        auth: &Auth<'_>,
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
        match auth {
            Auth::Basic(basic) => {
                headers.insert(AUTHORIZATION, basic.header().clone());
            }
            Auth::Rtm(credentials) => credentials.apply(headers),
        }

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

    /// The first accepted scheme the client has credentials for, the
    /// preferred one first.
    fn choose_auth<E: Endpoint>(&self) -> Result<Auth<'_>, Error> {
        let has = |scheme: AuthScheme| match scheme {
            AuthScheme::Basic => self.inner.basic.is_some(),
            AuthScheme::RtmToken => self.inner.rtm.is_some(),
        };
        let chosen = self
            .inner
            .preferred
            .filter(|preferred| E::AUTH.contains(preferred) && has(*preferred))
            .or_else(|| E::AUTH.iter().copied().find(|scheme| has(*scheme)));
        match (chosen, &self.inner.basic, &self.inner.rtm) {
            (Some(AuthScheme::Basic), Some(basic), _) => Ok(Auth::Basic(basic)),
            (Some(AuthScheme::RtmToken), _, Some(source)) => Ok(Auth::Rtm(source.credentials()?)),
            _ => Err(Error::MissingCredentials {
                endpoint: E::NAME,
                accepted: E::AUTH,
            }),
        }
    }
}

/// Decodes a 2xx body. An empty body decodes as JSON `null`, which `()`
/// and `Option<T>` responses accept.
pub(crate) fn decode_body<R: serde::de::DeserializeOwned>(
    body: &[u8],
) -> Result<R, serde_json::Error> {
    let json: &[u8] = if body.is_empty() { b"null" } else { body };
    serde_json::from_slice(json)
}

/// A response body read under a bound.
enum Body {
    /// All of it.
    Complete(Vec<u8>),
    /// The first `limit` bytes; there was more, left unread.
    Cut(Vec<u8>),
}

/// Reads `response`'s body, at most `limit` bytes: refused up front when
/// `Content-Length` says it is larger, else checked chunk by chunk as it
/// arrives. Stopping early drops the response, which closes its connection
/// instead of returning it to the pool with unread bytes.
async fn read_body(mut response: reqwest::Response, limit: usize) -> Result<Body, reqwest::Error> {
    let declared = response.content_length();
    if declared.is_some_and(|length| length > limit as u64) {
        return Ok(Body::Cut(Vec::new()));
    }
    // Trust a declared length only as far as the bound.
    let capacity = declared.map_or(0, |length| length.min(limit as u64) as usize);
    let mut body = Vec::with_capacity(capacity);
    while let Some(chunk) = response.chunk().await? {
        let room = limit - body.len();
        if chunk.len() > room {
            body.extend_from_slice(&chunk[..room]);
            return Ok(Body::Cut(body));
        }
        body.extend_from_slice(&chunk);
    }
    Ok(Body::Complete(body))
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
