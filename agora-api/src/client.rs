//! The client: one pooled HTTP connection pool, the credentials, and the
//! path of every request from an [`Endpoint`] value to its typed response.

use std::fmt;
use std::sync::{Arc, Once};
use std::time::{Duration, Instant};

use reqwest::header::{AUTHORIZATION, CONTENT_TYPE, HeaderValue};
use tracing::Instrument as _;

use crate::auth::{BasicAuth, RtmCredentials, RtmTokenSource, Secret};
use crate::endpoint::{AuthScheme, Endpoint, HeaderWriter, PathWriter, QueryWriter};
use crate::error::{ApiError, Error, InvalidInput, excerpt};
use crate::types::UserId;

/// Agora's global primary host.
pub const DEFAULT_BASE_URL: &str = "https://api.agora.io";
/// Default bound on one call, from sending to the last byte of the body.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
/// Default bound on opening a connection.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// A client for Agora's REST APIs. Cheap to clone: clones share one
/// connection pool and one set of credentials.
///
/// ```no_run
/// use agora_api::{AppId, Client, console::ListProjects};
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
    base_url: Box<str>,
    basic: Option<BasicAuth>,
    rtm: Option<Arc<dyn RtmTokenSource>>,
    preferred: Option<AuthScheme>,
    timeout: Duration,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.inner.base_url)
            .field("basic", &self.inner.basic)
            .field("rtm", &self.inner.rtm)
            .field("preferred", &self.inner.preferred)
            .field("timeout", &self.inner.timeout)
            .finish()
    }
}

/// Configures a [`Client`].
#[must_use]
pub struct ClientBuilder {
    base_url: String,
    basic: Option<(String, Secret)>,
    rtm: Option<RtmSetting>,
    preferred: Option<AuthScheme>,
    timeout: Duration,
    connect_timeout: Duration,
    user_agent: String,
}

enum RtmSetting {
    Fixed(Secret, UserId),
    Source(Arc<dyn RtmTokenSource>),
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("base_url", &self.base_url)
            .field("customer_id", &self.basic.as_ref().map(|(id, _)| id))
            .field("timeout", &self.timeout)
            .field("connect_timeout", &self.connect_timeout)
            .finish_non_exhaustive()
    }
}

impl Default for ClientBuilder {
    fn default() -> Self {
        ClientBuilder {
            base_url: DEFAULT_BASE_URL.to_owned(),
            basic: None,
            rtm: None,
            preferred: None,
            timeout: DEFAULT_TIMEOUT,
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            user_agent: concat!("agora-rs/", env!("CARGO_PKG_VERSION")).to_owned(),
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

    /// RTM token auth with tokens from `source`, asked once per call.
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

    /// The scheme, host and optional path prefix every request goes to:
    /// Agora's hosts, a proxy, or a local emulator. Default
    /// [`DEFAULT_BASE_URL`].
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = url.into();
        self
    }

    /// The bound on each call. Default [`DEFAULT_TIMEOUT`].
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
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

    /// Checks the configuration and builds the client.
    ///
    /// ```
    /// let error = agora_api::Client::builder().base_url("ftp://example.com").build().unwrap_err();
    /// assert!(error.to_string().contains("base URL"));
    /// ```
    pub fn build(self) -> Result<Client, Error> {
        let base_url = check_base_url(&self.base_url)?;
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
        let http = reqwest::Client::builder()
            .timeout(self.timeout)
            .connect_timeout(self.connect_timeout)
            .user_agent(self.user_agent)
            .build()
            .map_err(|error| Error::Config(format!("cannot build the HTTP client: {error}")))?;
        Ok(Client {
            inner: Arc::new(Inner {
                http,
                base_url,
                basic,
                rtm,
                preferred: self.preferred,
                timeout: self.timeout,
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

fn check_base_url(url: &str) -> Result<Box<str>, Error> {
    let parsed = reqwest::Url::parse(url)
        .map_err(|error| Error::Config(format!("base URL {url:?} is not a URL: {error}")))?;
    if !matches!(parsed.scheme(), "https" | "http") {
        return Err(Error::Config(format!(
            "base URL {url:?} must be http or https"
        )));
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

impl Client {
    /// Starts configuring a client.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// The base URL requests go to.
    pub fn base_url(&self) -> &str {
        &self.inner.base_url
    }

    /// Sends `endpoint` and decodes its response.
    ///
    /// Inputs are checked and credentials chosen before anything is sent; a
    /// non-2xx answer is an [`Error::Api`] with Agora's code, reason and
    /// request ID. Every call runs in a `tracing` span `agora.request` with
    /// the endpoint, method, status, latency and request ID (never a
    /// header).
    pub async fn send<E: Endpoint>(&self, endpoint: &E) -> Result<E::Response, Error> {
        let span = tracing::info_span!(
            "agora.request",
            endpoint = E::NAME,
            method = %E::METHOD,
            status = tracing::field::Empty,
            latency_ms = tracing::field::Empty,
            request_id = tracing::field::Empty,
        );
        let request = self.prepare(endpoint)?;
        self.execute::<E>(request, &span)
            .instrument(span.clone())
            .await
    }

    async fn execute<E: Endpoint>(
        &self,
        request: reqwest::Request,
        span: &tracing::Span,
    ) -> Result<E::Response, Error> {
        let started = Instant::now();
        let outcome = self.inner.http.execute(request).await;
        let response = outcome.map_err(|error| self.transport_error::<E>(error))?;
        let status = response.status();
        let request_id = response
            .headers()
            .get("x-request-id")
            .and_then(|value| value.to_str().ok())
            .map(str::to_owned);
        let body = response
            .bytes()
            .await
            .map_err(|error| self.transport_error::<E>(error))?;
        span.record("status", status.as_u16());
        span.record("latency_ms", started.elapsed().as_millis() as u64);
        if let Some(id) = &request_id {
            span.record("request_id", id.as_str());
        }
        if !status.is_success() {
            let error = ApiError::from_response(status.as_u16(), request_id, &body);
            tracing::debug!(%error, "agora call failed");
            return Err(Error::Api {
                endpoint: E::NAME,
                error: Box::new(error),
            });
        }
        // An empty 2xx body decodes as JSON `null`, which `()` and
        // `Option<T>` responses accept.
        let json: &[u8] = if body.is_empty() { b"null" } else { &body };
        serde_json::from_slice(json).map_err(|source| Error::Decode {
            endpoint: E::NAME,
            status: status.as_u16(),
            source,
            excerpt: excerpt(&body),
        })
    }

    fn transport_error<E: Endpoint>(&self, error: reqwest::Error) -> Error {
        if error.is_timeout() {
            Error::Timeout {
                endpoint: E::NAME,
                timeout: self.inner.timeout,
            }
        } else {
            Error::Transport {
                endpoint: E::NAME,
                source: error.without_url(),
            }
        }
    }

    /// Builds the exact request [`send`](Client::send) would send, without
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

        let base = &self.inner.base_url;
        let mut url = String::with_capacity(base.len() + E::PATH.len() + 64);
        url.push_str(base);
        endpoint.write_path(&mut PathWriter::new(&mut url));
        endpoint.write_query(&mut QueryWriter::new(&mut url));
        let url = reqwest::Url::parse(&url).map_err(|error| {
            InvalidInput::new("path", format!("does not make a valid URL: {error}"))
        })?;

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

        let mut body = Vec::new();
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
