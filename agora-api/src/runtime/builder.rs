//! Configuring a [`Client`]: credentials, hosts, timeouts, retries, limits,
//! proxies; checked once, when the client is built.

use std::fmt;
use std::net::IpAddr;
use std::sync::{Arc, Once};
use std::time::Duration;

use crate::agora_token::{AgoraTokenAuth, TokenSource};
use crate::auth::{BasicAuth, RtmCredentials, RtmTokenSource, Secret};
use crate::authorize::{Authorizer, Authorizers, NoCredentials, RtmAuthorizer};
use crate::client::{
    Client, DEFAULT_ATTEMPT_TIMEOUT, DEFAULT_CONNECT_TIMEOUT, DEFAULT_MAX_RESPONSE_BYTES,
    DEFAULT_TIMEOUT, Inner,
};
use crate::dns::TaggingResolver;
use crate::endpoint::AuthScheme;
use crate::error::Error;
use crate::hmac::HmacAuth;
use crate::limiter::RateLimit;
use crate::region::{Domain, HostSet, Hosts, Region};
use crate::retry::RetryPolicy;
use crate::runtime::whiteboard::{WhiteboardRegion, WhiteboardToken};
use crate::types::UserId;

/// Configures a [`Client`].
#[must_use]
pub struct ClientBuilder {
    domain: Domain,
    region: Option<Region>,
    base_urls: Vec<String>,
    host_base_urls: Vec<(&'static str, Vec<String>)>,
    allow_http: bool,
    resolver: Option<Arc<dyn reqwest::dns::Resolve>>,
    auth: Vec<(AuthScheme, AuthSetting)>,
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

/// The credentials of one scheme as given, checked when the client is
/// built.
enum AuthSetting {
    Basic(String, Secret),
    RtmFixed(Secret, UserId),
    Hmac(String, Secret),
    Whiteboard(Secret, WhiteboardRegion),
    Ready(Arc<dyn Authorizer>),
}

impl AuthSetting {
    fn build(self) -> Result<Arc<dyn Authorizer>, Error> {
        Ok(match self {
            AuthSetting::Basic(id, secret) => Arc::new(BasicAuth::new(id, secret)?),
            AuthSetting::RtmFixed(token, user_id) => Arc::new(RtmAuthorizer(Arc::new(
                RtmCredentials::new(token, user_id)?,
            ))),
            AuthSetting::Hmac(id, secret) => Arc::new(HmacAuth::new(id, secret)?),
            AuthSetting::Whiteboard(token, region) => {
                Arc::new(WhiteboardToken::new(token, region)?)
            }
            AuthSetting::Ready(authorizer) => authorizer,
        })
    }
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("domain", &self.domain)
            .field("region", &self.region)
            .field("base_urls", &self.base_urls)
            .field("host_base_urls", &self.host_base_urls)
            .field(
                "auth",
                &self
                    .auth
                    .iter()
                    .map(|(scheme, _)| scheme.name())
                    .collect::<Vec<_>>(),
            )
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
            host_base_urls: Vec::new(),
            allow_http: false,
            resolver: None,
            auth: Vec::new(),
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
    /// Sets the credentials of `scheme`, replacing earlier ones.
    fn set_auth(mut self, scheme: AuthScheme, setting: AuthSetting) -> Self {
        self.auth.retain(|(known, _)| *known != scheme);
        self.auth.push((scheme, setting));
        self
    }

    /// Applies `scheme` with `authorizer`: your own scheme
    /// ([`AuthScheme::new`]), or your own way of applying a built-in one
    /// (a token service for [`AuthScheme::RTC_TOKEN`]). Replaces what an
    /// earlier call (or a built-in method such as
    /// [`basic_auth`](Self::basic_auth)) set for the same scheme.
    ///
    /// ```
    /// use agora_api::{AuthScheme, BasicAuth, Client};
    ///
    /// let client = Client::builder()
    ///     .authorizer(AuthScheme::BASIC, BasicAuth::new("id", "secret")?)
    ///     .build()?;
    /// # let _ = client;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn authorizer(self, scheme: AuthScheme, authorizer: impl Authorizer) -> Self {
        self.set_auth(scheme, AuthSetting::Ready(Arc::new(authorizer)))
    }

    /// Basic auth with the Customer ID and Customer Secret from Agora
    /// Console. Encoded once, when the client is built.
    pub fn basic_auth(
        self,
        customer_id: impl Into<String>,
        customer_secret: impl Into<Secret>,
    ) -> Self {
        self.set_auth(
            AuthScheme::BASIC,
            AuthSetting::Basic(customer_id.into(), customer_secret.into()),
        )
    }

    /// RTM token auth with a token generated on your server for `user_id`.
    /// A `007...` token is sent as `Authorization: agora token=...`, a
    /// `006...` token as `x-agora-token` plus `x-agora-uid`.
    pub fn rtm_token(self, token: impl Into<Secret>, user_id: UserId) -> Self {
        self.set_auth(
            AuthScheme::RTM_TOKEN,
            AuthSetting::RtmFixed(token.into(), user_id),
        )
    }

    /// RTM token auth with tokens from `source` (for example a
    /// `token::RtmTokenMinter`, which mints and renews them), asked before
    /// the call (to check the sender) and again for each attempt, so that
    /// a retry after a long wait carries a token that is still valid.
    pub fn rtm_token_source(self, source: impl RtmTokenSource) -> Self {
        self.authorizer(AuthScheme::RTM_TOKEN, RtmAuthorizer(Arc::new(source)))
    }

    /// RTC token auth (`Authorization: agora token=...`, Conversational
    /// AI) with one AccessToken2 you supply for every request. An RTC token
    /// is bound to one channel and uid: for requests on several channels,
    /// use [`rtc_token_source`](Self::rtc_token_source).
    pub fn rtc_token(self, token: impl Into<Secret>) -> Self {
        self.rtc_token_source(token.into())
    }

    /// RTC token auth with tokens from `source`, given each request's
    /// channel and uid ([`TokenContext`](crate::TokenContext)): a
    /// `token::RtcTokenMinter` (feature `token`), a token service of yours,
    /// or a fixed [`Secret`].
    ///
    /// ```
    /// use agora_api::{Client, Error, Secret, TokenContext, TokenSource};
    ///
    /// /// Asks a (hypothetical) in-process cache for the channel's token.
    /// #[derive(Debug)]
    /// struct ChannelTokens;
    ///
    /// impl TokenSource for ChannelTokens {
    ///     fn token(&self, context: &TokenContext<'_>) -> Result<Secret, Error> {
    ///         let channel = context.channel().unwrap_or("lobby");
    ///         Ok(Secret::new(format!("007token-for-{channel}")))
    ///     }
    /// }
    ///
    /// let client = Client::builder().rtc_token_source(ChannelTokens).build()?;
    /// # let _ = client;
    /// # Ok::<(), agora_api::Error>(())
    /// ```
    pub fn rtc_token_source(self, source: impl TokenSource) -> Self {
        self.authorizer(
            AuthScheme::RTC_TOKEN,
            AgoraTokenAuth {
                source: Arc::new(source),
            },
        )
    }

    /// Education token auth (`Authorization: agora token=...`, Flexible
    /// Classroom) with one AccessToken2 you supply.
    pub fn education_token(self, token: impl Into<Secret>) -> Self {
        self.education_token_source(token.into())
    }

    /// Education token auth with tokens from `source`: a
    /// `token::EducationTokenMinter` (feature `token`: the APaaS service's
    /// app token, minted from the App ID and App Certificate), a token
    /// service of yours, or a fixed [`Secret`].
    ///
    /// ```
    /// use agora_api::{Client, Secret};
    ///
    /// let client = Client::builder()
    ///     .education_token_source(Secret::new("007eJxTYBBbsMMn"))
    ///     .build()?;
    /// # let _ = client;
    /// # Ok::<(), agora_api::Error>(())
    /// ```
    pub fn education_token_source(self, source: impl TokenSource) -> Self {
        self.authorizer(
            AuthScheme::EDUCATION_TOKEN,
            AgoraTokenAuth {
                source: Arc::new(source),
            },
        )
    }

    /// HMAC-SHA256 signatures with a Customer ID and Customer Secret
    /// (Media Broadcast, Media Gateway), computed for each attempt over its
    /// host, date and exact body.
    pub fn hmac_auth(
        self,
        customer_id: impl Into<String>,
        customer_secret: impl Into<Secret>,
    ) -> Self {
        self.set_auth(
            AuthScheme::HMAC,
            AuthSetting::Hmac(customer_id.into(), customer_secret.into()),
        )
    }

    /// Whiteboard auth: `token` (an SDK, room or task token) and the data
    /// centre `region` in the headers of every Whiteboard call.
    pub fn whiteboard_token(self, token: impl Into<Secret>, region: WhiteboardRegion) -> Self {
        self.set_auth(
            AuthScheme::WHITEBOARD_TOKEN,
            AuthSetting::Whiteboard(token.into(), region),
        )
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

    /// Sends the calls of one host set to `url` instead: Agora's domains
    /// ([`HostSet::AGORA`], like [`base_url`](Self::base_url)) or one
    /// fixed host (`HostSet::fixed("https://api.netless.link")`). Wins over
    /// `base_url` for that set.
    ///
    /// ```
    /// use agora_api::{Client, HostSet};
    ///
    /// let client = Client::builder()
    ///     .base_url_for(HostSet::fixed("https://api.netless.link"), "http://127.0.0.1:4010")
    ///     .build()?;
    /// assert_eq!(client.base_url(), "https://api.agora.io", "Agora's domains are unchanged");
    /// # Ok::<(), agora_api::Error>(())
    /// ```
    pub fn base_url_for(mut self, hosts: HostSet, url: impl Into<String>) -> Self {
        match hosts.fixed_url() {
            None => self.base_urls = vec![url.into()],
            Some(fixed) => {
                self.host_base_urls.retain(|(known, _)| *known != fixed);
                self.host_base_urls.push((fixed, vec![url.into()]));
            }
        }
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
    /// Error bodies are read under [`MAX_ERROR_BODY_BYTES`](crate::MAX_ERROR_BODY_BYTES) (or this bound,
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
        let allow_http = self.allow_http;
        let custom = |urls: &[String]| -> Result<Hosts, Error> {
            urls.iter()
                .map(|url| check_base_url(url, allow_http))
                .collect::<Result<Vec<_>, _>>()
                .map(Hosts::Custom)
        };
        let hosts_replace_all = !self.base_urls.is_empty();
        let hosts = if hosts_replace_all {
            custom(&self.base_urls)?
        } else {
            Hosts::agora(self.domain, self.region)
        };
        let host_overrides = self
            .host_base_urls
            .iter()
            .map(|(fixed, urls)| custom(urls).map(|hosts| (*fixed, hosts)))
            .collect::<Result<Vec<_>, _>>()?;
        let mut authorizers = Authorizers::default();
        authorizers.insert(AuthScheme::NONE, Arc::new(NoCredentials));
        for (scheme, setting) in self.auth {
            authorizers.insert(scheme, setting.build()?);
        }
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
                hosts_replace_all,
                host_overrides,
                authorizers,
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
pub(crate) fn install_crypto_provider() {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        if rustls::crypto::CryptoProvider::get_default().is_none() {
            // Losing a race with another installer leaves that provider in
            // place, which is just as good.
            let _ = rustls::crypto::ring::default_provider().install_default();
        }
    });
}

pub(super) fn is_loopback(url: &reqwest::Url) -> bool {
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
