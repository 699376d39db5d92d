//! The server: its builder, and loopback listeners ("hosts") sharing one
//! state; each accepted connection is served by [`crate::connection`].

use std::fmt;
use std::io;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::atomic::AtomicU64;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use agora_api::token::{AppCertificate, RtmTokenMinter};
use agora_api::{AppId, Client, ClientBuilder, Endpoint, RetryPolicy, Secret, UserId};
use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio::task::JoinHandle;

use crate::clock::{Clock, SystemClock, unix_secs};
use crate::connection::serve_connection;
use crate::faults::FaultRule;
use crate::journal::{Journal, JournalEntry, MAX_BYTES, MAX_ENTRIES};
use crate::products::rtm::{Message, RtmSeed};
use crate::router::Router;
use crate::seed::ChannelSeed;
use crate::state::{Project, State};

/// The Customer ID the emulator accepts unless told otherwise.
pub const DEFAULT_CUSTOMER_ID: &str = "agora-mock-customer";
/// The Customer Secret the emulator accepts unless told otherwise.
pub const DEFAULT_CUSTOMER_SECRET: &str = "agora-mock-secret";
/// The App ID of the emulator's first project unless told otherwise.
pub const DEFAULT_APP_ID: &str = "0123456789abcdef0123456789abcdef";
/// The App Certificate of the emulator's first project unless told
/// otherwise.
pub const DEFAULT_APP_CERTIFICATE: &str = "fedcba9876543210fedcba9876543210";
/// The name of the emulator's first project.
pub const DEFAULT_PROJECT_NAME: &str = "agora-mock";

/// The credentials an emulator accepts: the account's Customer ID and
/// Secret (Basic auth), and its first project's App ID and App Certificate
/// (RTM tokens are verified with it).
#[derive(Clone)]
pub struct Credentials {
    /// The Customer ID.
    pub customer_id: String,
    /// The Customer Secret.
    pub customer_secret: Secret,
    /// The first project's App ID.
    pub app_id: AppId,
    /// The first project's App Certificate.
    pub app_certificate: AppCertificate,
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("customer_id", &self.customer_id)
            .field("customer_secret", &self.customer_secret)
            .field("app_id", &self.app_id)
            .field("app_certificate", &self.app_certificate)
            .finish()
    }
}

impl Default for Credentials {
    /// [`DEFAULT_CUSTOMER_ID`], [`DEFAULT_CUSTOMER_SECRET`],
    /// [`DEFAULT_APP_ID`], [`DEFAULT_APP_CERTIFICATE`].
    fn default() -> Self {
        Credentials {
            customer_id: DEFAULT_CUSTOMER_ID.to_owned(),
            customer_secret: Secret::new(DEFAULT_CUSTOMER_SECRET),
            app_id: AppId::new(DEFAULT_APP_ID).expect("the default App ID is 32 hex digits"),
            app_certificate: AppCertificate::new(DEFAULT_APP_CERTIFICATE)
                .expect("the default App Certificate is 32 hex digits"),
        }
    }
}

/// What every connection task shares.
pub(crate) struct Shared {
    pub(crate) router: Router,
    pub(crate) clock: Arc<dyn Clock>,
    pub(crate) credentials: Credentials,
    state: Mutex<State>,
    pub(crate) journal: Mutex<Journal>,
    pub(crate) header_read_timeout: Duration,
    pub(crate) faults: Mutex<Vec<FaultRule>>,
    pub(crate) requests: AtomicU64,
    pub(crate) seed: u64,
}

impl fmt::Debug for Shared {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Shared")
            .field("clock", &self.clock)
            .field("credentials", &self.credentials)
            .finish_non_exhaustive()
    }
}

pub(crate) fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Shared {
    pub(crate) fn state(&self) -> MutexGuard<'_, State> {
        lock(&self.state)
    }

    /// The state's lock, for a handler that decodes its request first.
    pub(crate) fn state_lock(&self) -> &Mutex<State> {
        &self.state
    }

    pub(crate) fn now(&self) -> SystemTime {
        self.clock.now()
    }
}

/// Configures a [`MockServer`]: credentials, clock, listening address,
/// number of hosts, seed of the generated IDs.
///
/// ```
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
/// use agora_mock::{ManualClock, MockServer};
///
/// let clock = ManualClock::at_unix(1_700_000_000);
/// let server = MockServer::builder()
///     .customer_id("my-customer")
///     .customer_secret("my-secret")
///     .clock(clock.clone())
///     .hosts(2)
///     .start()
///     .await?;
/// assert_eq!(server.urls().len(), 2);
/// assert_eq!(server.credentials().customer_id, "my-customer");
/// # Ok(()) }
/// ```
#[must_use]
pub struct MockServerBuilder {
    credentials: Credentials,
    clock: Arc<dyn Clock>,
    ip: IpAddr,
    port: u16,
    hosts: usize,
    seed: Option<u64>,
    faults: Vec<FaultRule>,
    rate_limits: bool,
    journal_limit: usize,
    journal_byte_limit: usize,
    header_read_timeout: Duration,
}

impl fmt::Debug for MockServerBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MockServerBuilder")
            .field("credentials", &self.credentials)
            .field("clock", &self.clock)
            .field("ip", &self.ip)
            .field("port", &self.port)
            .field("hosts", &self.hosts)
            .field("seed", &self.seed)
            .field("rate_limits", &self.rate_limits)
            .field("journal_limit", &self.journal_limit)
            .field("journal_byte_limit", &self.journal_byte_limit)
            .field("header_read_timeout", &self.header_read_timeout)
            .finish_non_exhaustive()
    }
}

impl Default for MockServerBuilder {
    fn default() -> Self {
        MockServerBuilder {
            credentials: Credentials::default(),
            clock: Arc::new(SystemClock),
            ip: IpAddr::V4(Ipv4Addr::LOCALHOST),
            port: 0,
            hosts: 1,
            seed: None,
            faults: Vec::new(),
            rate_limits: false,
            journal_limit: MAX_ENTRIES,
            journal_byte_limit: MAX_BYTES,
            header_read_timeout: HEADER_READ_TIMEOUT,
        }
    }
}

impl MockServerBuilder {
    /// How many requests the journal keeps, the oldest dropped first
    /// (default 10 000, so a long-running emulator stays bounded). Tests
    /// that count every request of a long run raise it.
    pub fn journal_limit(mut self, limit: usize) -> Self {
        self.journal_limit = limit.max(1);
        self
    }

    /// How many bytes the journal keeps, the oldest requests dropped first
    /// (default 64 MiB, at least 1). A request counts for its method,
    /// target, header names and values, body and fault description. A
    /// body that does not fit even in an empty journal is kept cut to its
    /// first bytes, with [`JournalEntry::body_truncated`] set. Both this
    /// and [`journal_limit`](Self::journal_limit) hold at once.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> std::io::Result<()> {
    /// let server = agora_mock::MockServer::builder()
    ///     .journal_byte_limit(1024 * 1024)
    ///     .start()
    ///     .await?;
    /// # Ok(()) }
    /// ```
    pub fn journal_byte_limit(mut self, bytes: usize) -> Self {
        self.journal_byte_limit = bytes.max(1);
        self
    }

    /// How long a client may take to send a request's headers before its
    /// connection is closed (default 10 seconds, at least 1 ms), so a
    /// client that sends half a request and stalls does not hold a
    /// connection open forever. The time runs from when the server starts
    /// waiting for a request, so it also closes a kept-alive connection
    /// left idle that long; clients reconnect.
    pub fn header_read_timeout(mut self, timeout: Duration) -> Self {
        self.header_read_timeout = timeout.max(Duration::from_millis(1));
        self
    }

    /// The Customer ID Basic auth must carry.
    pub fn customer_id(mut self, customer_id: impl Into<String>) -> Self {
        self.credentials.customer_id = customer_id.into();
        self
    }

    /// The Customer Secret Basic auth must carry.
    pub fn customer_secret(mut self, secret: impl Into<Secret>) -> Self {
        self.credentials.customer_secret = secret.into();
        self
    }

    /// The App ID of the account's first project.
    pub fn app_id(mut self, app_id: AppId) -> Self {
        self.credentials.app_id = app_id;
        self
    }

    /// The App Certificate of the account's first project, which RTM
    /// tokens must be signed with.
    pub fn app_certificate(mut self, certificate: AppCertificate) -> Self {
        self.credentials.app_certificate = certificate;
        self
    }

    /// The clock everything time-driven reads (default: the system clock).
    pub fn clock(mut self, clock: impl Clock) -> Self {
        self.clock = Arc::new(clock);
        self
    }

    /// The address to listen on (default `127.0.0.1`).
    pub fn ip(mut self, ip: IpAddr) -> Self {
        self.ip = ip;
        self
    }

    /// The port of the first host (default 0: a free port). Further hosts
    /// always take free ports.
    pub fn port(mut self, port: u16) -> Self {
        self.port = port;
        self
    }

    /// How many hosts (listeners) serve the same state, for failover tests
    /// where one host is made unreachable (default 1, at least 1).
    pub fn hosts(mut self, hosts: usize) -> Self {
        self.hosts = hosts.max(1);
        self
    }

    /// The seed of the generated IDs (resource IDs, sids, App IDs of new
    /// projects, request IDs): the same seed and requests give the same
    /// IDs. Default: from the time.
    pub fn seed(mut self, seed: u64) -> Self {
        self.seed = Some(seed);
        self
    }

    /// Enforces Agora's documented rate limits, as each endpoint declares
    /// them (10 requests a second per App ID for Cloud Recording, 500 for
    /// Signaling messages, 10 per API for the Console, per minute and per
    /// day for Data Insights on the Enterprise plan, ...): a request over
    /// a limit gets `429 {"message": "API rate limit exceeded"}` (or its
    /// product's own answer) without reaching its endpoint. Off by
    /// default, so tests may send as fast as they like.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> std::io::Result<()> {
    /// use agora_api::console::ListProjects;
    /// let server = agora_mock::MockServer::builder().rate_limits(true).start().await?;
    /// let client = server.client();
    /// let mut refused = 0;
    /// for _ in 0..11 {
    ///     if client.send(&ListProjects::builder().build()).await.is_err() {
    ///         refused += 1;
    ///     }
    /// }
    /// assert_eq!(refused, 1, "the Console answers 10 calls a second per API");
    /// # Ok(()) }
    /// ```
    pub fn rate_limits(mut self, enforce: bool) -> Self {
        self.rate_limits = enforce;
        self
    }

    /// A fault active from the start (the binary's `--fault`).
    pub fn fault(mut self, rule: FaultRule) -> Self {
        self.faults.push(rule);
        self
    }

    /// Binds the hosts and starts serving.
    ///
    /// # Errors
    /// When an address cannot be bound.
    pub async fn start(self) -> io::Result<MockServer> {
        let seed = self.seed.unwrap_or_else(|| {
            SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map_or(0, |elapsed| elapsed.as_nanos() as u64)
        });
        let now = self.clock.now();
        let mut state = State::new(seed);
        if self.rate_limits {
            state.limiter = Some(Default::default());
        }
        let project_id = state.account.rng.alnum(9);
        state.account.projects.push(Project {
            id: project_id,
            name: DEFAULT_PROJECT_NAME.to_owned(),
            vendor_key: self.credentials.app_id.as_str().to_owned(),
            sign_key: self.credentials.app_certificate.expose_secret().to_owned(),
            sign_key_enabled: true,
            recording_server: None,
            status: 1,
            created: unix_secs(now),
            deleted: false,
        });
        let shared = Arc::new(Shared {
            router: Router::new(),
            clock: self.clock,
            credentials: self.credentials,
            state: Mutex::new(state),
            journal: Mutex::new(Journal::new(self.journal_limit, self.journal_byte_limit)),
            header_read_timeout: self.header_read_timeout,
            faults: Mutex::new(self.faults),
            requests: AtomicU64::new(0),
            seed,
        });
        let mut hosts = Vec::with_capacity(self.hosts);
        for index in 0..self.hosts {
            let port = if index == 0 { self.port } else { 0 };
            let listener = TcpListener::bind(SocketAddr::new(self.ip, port)).await?;
            let addr = listener.local_addr()?;
            let control = Arc::new(HostControl {
                unreachable: watch::Sender::new(false),
                listening: watch::Sender::new(true),
                connections: watch::Sender::new(0),
            });
            let task = tokio::spawn(run_host(
                Arc::clone(&shared),
                index,
                addr,
                listener,
                Arc::clone(&control),
            ));
            hosts.push(Host {
                addr,
                control,
                task,
            });
        }
        Ok(MockServer { shared, hosts })
    }
}

struct Host {
    addr: SocketAddr,
    control: Arc<HostControl>,
    task: JoinHandle<()>,
}

/// How a host is told to refuse connections, and tells when it does.
pub(crate) struct HostControl {
    /// What the test asked for.
    pub(crate) unreachable: watch::Sender<bool>,
    /// Whether the listening socket is open.
    listening: watch::Sender<bool>,
    /// How many connections are open.
    connections: watch::Sender<usize>,
}

/// Counts one open connection while it lives.
pub(crate) struct Open(pub(crate) Arc<HostControl>);

impl Open {
    fn new(control: &Arc<HostControl>) -> Self {
        control.connections.send_modify(|open| *open += 1);
        Open(Arc::clone(control))
    }
}

impl Drop for Open {
    fn drop(&mut self) {
        self.0
            .connections
            .send_modify(|open| *open = open.saturating_sub(1));
    }
}

/// How long a client may take to send a request's headers, by default.
const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(10);

/// How long a host may take to stop or start listening.
const SWITCH_TIMEOUT: Duration = Duration::from_secs(5);

/// A running emulator of Agora's REST APIs on loopback: every endpoint of
/// the console, channel management, Cloud Recording, Signaling and
/// Analytics products, with Basic and RTM token auth checked, state kept,
/// faults injectable and every request journaled. Dropping it stops it.
///
/// ```
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
/// use agora_api::channel::ListChannelUsers;
/// use agora_api::ChannelName;
/// use agora_mock::MockServer;
///
/// let server = MockServer::start().await;
/// server.channel("demo").host(1001)?;
///
/// let client = server.client(); // Basic auth with the server's credentials
/// let users = client
///     .send(
///         &ListChannelUsers::builder()
///             .appid(server.app_id().clone())
///             .channel_name(ChannelName::new("demo")?)
///             .build(),
///     )
///     .await?;
/// assert!(users.data.exists());
/// assert_eq!(server.journal().len(), 1);
/// # Ok(()) }
/// ```
pub struct MockServer {
    shared: Arc<Shared>,
    hosts: Vec<Host>,
}

impl fmt::Debug for MockServer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MockServer")
            .field("urls", &self.urls())
            .field("credentials", &self.shared.credentials)
            .finish_non_exhaustive()
    }
}

impl MockServer {
    /// Starts an emulator on a free loopback port with the default
    /// credentials.
    ///
    /// # Panics
    /// When no loopback port can be bound (use
    /// [`builder`](Self::builder)`().start()` to get the error instead).
    pub async fn start() -> MockServer {
        MockServer::builder()
            .start()
            .await
            .unwrap_or_else(|error| panic!("agora-mock cannot bind a loopback port: {error}"))
    }

    /// Configures an emulator.
    pub fn builder() -> MockServerBuilder {
        MockServerBuilder::default()
    }

    /// The base URL of the first host, `http://127.0.0.1:PORT`.
    pub fn url(&self) -> String {
        self.host_url(0)
    }

    /// The base URLs of every host, the first one first.
    pub fn urls(&self) -> Vec<String> {
        (0..self.hosts.len()).map(|i| self.host_url(i)).collect()
    }

    fn host_url(&self, index: usize) -> String {
        self.hosts
            .get(index)
            .map(|host| format!("http://{}", host.addr))
            .unwrap_or_default()
    }

    /// The address of the first host.
    pub fn addr(&self) -> SocketAddr {
        self.hosts.first().map_or(
            SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), 0),
            |host| host.addr,
        )
    }

    /// The credentials the emulator accepts.
    pub fn credentials(&self) -> &Credentials {
        &self.shared.credentials
    }

    /// The App ID of the first project.
    pub fn app_id(&self) -> &AppId {
        &self.shared.credentials.app_id
    }

    /// The App Certificate the first project's RTM tokens are verified
    /// with (until a `ResetPrimaryCertificate` replaces it).
    pub fn app_certificate(&self) -> &AppCertificate {
        &self.shared.credentials.app_certificate
    }

    /// The time by the server's clock.
    pub fn now(&self) -> SystemTime {
        self.shared.now()
    }

    /// A client builder aimed at every host, with the emulator's Basic
    /// credentials and Agora's default retry policy; add what the test
    /// needs (a retry policy, timeouts, token auth) and build.
    pub fn client_builder(&self) -> ClientBuilder {
        Client::builder().base_urls(self.urls()).basic_auth(
            self.shared.credentials.customer_id.clone(),
            self.shared.credentials.customer_secret.clone(),
        )
    }

    /// A Basic-auth client for this emulator that makes one attempt per
    /// call (no retries), so each call is exactly one request.
    ///
    /// # Panics
    /// Never in practice: the configuration is built from the server's own
    /// URL and credentials.
    pub fn client(&self) -> Client {
        self.client_builder()
            .retry(RetryPolicy::never())
            .build()
            .unwrap_or_else(|error| panic!("a client for {}: {error}", self.url()))
    }

    /// A minter of AccessToken2 RTM tokens for `user_id`, signed with the
    /// first project's certificate, reading the server's clock (so tokens
    /// follow a [`ManualClock`](crate::ManualClock)).
    pub fn token_minter(&self, user_id: UserId) -> RtmTokenMinter {
        let clock = Arc::clone(&self.shared.clock);
        RtmTokenMinter::new(
            self.shared.credentials.app_id.clone(),
            self.shared.credentials.app_certificate.clone(),
            user_id,
        )
        .with_clock(move || u32::try_from(unix_secs(clock.now())).unwrap_or(u32::MAX))
    }

    /// A client for this emulator authenticating with RTM tokens it mints
    /// for `user_id` (one attempt per call).
    ///
    /// # Panics
    /// Never in practice (see [`client`](Self::client)).
    pub fn rtm_client(&self, user_id: UserId) -> Client {
        Client::builder()
            .base_urls(self.urls())
            .rtm_token_source(self.token_minter(user_id))
            .retry(RetryPolicy::never())
            .build()
            .unwrap_or_else(|error| panic!("a client for {}: {error}", self.url()))
    }

    // ----- faults ---------------------------------------------------------

    /// Adds a fault; rules fire in the order they were added.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() {
    /// use agora_api::console::ListProjects;
    /// use agora_mock::{Fault, FaultRule, MockServer};
    ///
    /// let server = MockServer::start().await;
    /// server.inject(FaultRule::new(Fault::status(503)).on_endpoint::<ListProjects>());
    /// let error = server.client().send(&ListProjects::builder().build()).await.unwrap_err();
    /// assert!(error.to_string().contains("503"));
    /// assert!(!server.journal()[0].applied);
    /// # }
    /// ```
    pub fn inject(&self, rule: FaultRule) {
        lock(&self.shared.faults).push(rule);
    }

    /// Removes every fault rule (unreachable hosts stay so).
    pub fn clear_faults(&self) {
        lock(&self.shared.faults).clear();
    }

    /// The fault rules that still have uses left.
    pub fn faults(&self) -> Vec<FaultRule> {
        lock(&self.shared.faults).clone()
    }

    /// Makes every host refuse connections (`true`) or accept them again
    /// (`false`), and returns once it does. Refusing closes the listening
    /// sockets and every open connection, so clients see "connection
    /// refused", as for a host that is down; accepting again listens on
    /// the same ports.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> std::io::Result<()> {
    /// use agora_api::console::ListProjects;
    /// let server = agora_mock::MockServer::start().await;
    /// server.set_unreachable(true).await?;
    /// assert!(server.client().send(&ListProjects::builder().build()).await.is_err());
    /// server.set_unreachable(false).await?;
    /// assert!(server.client().send(&ListProjects::builder().build()).await.is_ok());
    /// assert_eq!(server.journal().len(), 1, "the refused call never arrived");
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// When a host cannot listen on its port again within 5 seconds
    /// (another program took it).
    pub async fn set_unreachable(&self, unreachable: bool) -> io::Result<()> {
        for index in 0..self.hosts.len() {
            self.set_host_unreachable(index, unreachable).await?;
        }
        Ok(())
    }

    /// [`set_unreachable`](Self::set_unreachable) for host `index` alone
    /// (0 is [`url`](Self::url)); an index past the last host does nothing.
    ///
    /// # Errors
    /// As [`set_unreachable`](Self::set_unreachable).
    pub async fn set_host_unreachable(&self, index: usize, unreachable: bool) -> io::Result<()> {
        let Some(host) = self.hosts.get(index) else {
            return Ok(());
        };
        host.control.unreachable.send_replace(unreachable);
        let mut listening = host.control.listening.subscribe();
        let mut connections = host.control.connections.subscribe();
        let switched = async {
            let _ = listening.wait_for(|open| *open != unreachable).await;
            if unreachable {
                let _ = connections.wait_for(|open| *open == 0).await;
            }
        };
        tokio::time::timeout(SWITCH_TIMEOUT, switched)
            .await
            .map_err(|_| {
                io::Error::new(
                    io::ErrorKind::TimedOut,
                    format!(
                        "host {} did not {} within {SWITCH_TIMEOUT:?}",
                        host.addr,
                        if unreachable { "close" } else { "listen again" }
                    ),
                )
            })
    }

    // ----- without a socket -----------------------------------------------

    /// Answers `request` as if host `0` had received it, without a socket:
    /// routing, authentication, faults, the endpoint's state and the
    /// journal exactly as over HTTP. `None` when an injected fault drops
    /// the connection. For fuzzing the emulator, and for tests that want no
    /// connection.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() {
    /// use agora_mock::MockServer;
    /// use agora_mock::hyper::{Request, body::Bytes};
    ///
    /// let server = MockServer::start().await;
    /// let request = Request::get("/dev/v1/projects").body(Bytes::new()).expect("a request");
    /// let response = server.answer(request).await.expect("an answer");
    /// assert_eq!(response.status(), 401, "no credentials");
    /// assert_eq!(server.journal().len(), 1);
    /// # }
    /// ```
    pub async fn answer(
        &self,
        request: hyper::Request<hyper::body::Bytes>,
    ) -> Option<hyper::Response<hyper::body::Bytes>> {
        let (parts, body) = request.into_parts();
        let too_large = body.len() > crate::connection::MAX_BODY;
        let body = if too_large {
            hyper::body::Bytes::new()
        } else {
            body
        };
        let response = crate::connection::answer(&self.shared, 0, parts, body, too_large)
            .await
            .ok()?;
        let (parts, body) = response.into_parts();
        let body = http_body_util::BodyExt::collect(body)
            .await
            .ok()?
            .to_bytes();
        Some(hyper::Response::from_parts(parts, body))
    }

    // ----- journal --------------------------------------------------------

    /// Every request received so far, oldest first, secrets redacted (see
    /// [`JournalEntry`]): the last 10 000 within 64 MiB unless the builder
    /// said otherwise
    /// ([`journal_limit`](MockServerBuilder::journal_limit),
    /// [`journal_byte_limit`](MockServerBuilder::journal_byte_limit)).
    pub fn journal(&self) -> Vec<JournalEntry> {
        lock(&self.shared.journal).iter().cloned().collect()
    }

    /// The requests routed to endpoint `E`, oldest first.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), agora_api::Error> {
    /// use agora_api::console::ListProjects;
    /// let server = agora_mock::MockServer::start().await;
    /// server.client().send(&ListProjects::builder().build()).await?;
    /// assert_eq!(server.requests_to::<ListProjects>().len(), 1, "sent exactly once");
    /// # Ok(()) }
    /// ```
    pub fn requests_to<E: Endpoint>(&self) -> Vec<JournalEntry> {
        lock(&self.shared.journal)
            .iter()
            .filter(|entry| entry.is::<E>())
            .cloned()
            .collect()
    }

    /// Forgets the journal.
    pub fn clear_journal(&self) {
        lock(&self.shared.journal).clear();
    }

    // ----- state ----------------------------------------------------------

    /// The RTC channel `name` of the first project, to put users in it or
    /// take them out.
    pub fn channel(&self, name: &str) -> ChannelSeed<'_> {
        ChannelSeed::new(&self.shared, self.app_id().as_str(), name)
    }

    /// The RTC channel `name` of project `app_id` (one created through the
    /// Console API, say).
    pub fn channel_in(&self, app_id: &AppId, name: &str) -> ChannelSeed<'_> {
        ChannelSeed::new(&self.shared, app_id.as_str(), name)
    }

    /// The Signaling users of the first project: log them in and out, have
    /// them join and leave channels (which makes events).
    pub fn rtm(&self) -> RtmSeed<'_> {
        RtmSeed::new(&self.shared, self.app_id().as_str())
    }

    /// The Signaling users of project `app_id`.
    pub fn rtm_in(&self, app_id: &AppId) -> RtmSeed<'_> {
        RtmSeed::new(&self.shared, app_id.as_str())
    }

    /// Every message sent through the REST API to the first project,
    /// oldest first.
    pub fn messages(&self) -> Vec<Message> {
        self.rtm().messages()
    }
}

impl Drop for MockServer {
    fn drop(&mut self) {
        for host in &self.hosts {
            // Open connections close when they see this.
            host.control.unreachable.send_replace(true);
            host.task.abort();
        }
    }
}

/// Accepts connections on one host while it is reachable; while it is not,
/// the listening socket is closed.
async fn run_host(
    shared: Arc<Shared>,
    index: usize,
    addr: SocketAddr,
    listener: TcpListener,
    control: Arc<HostControl>,
) {
    let mut unreachable = control.unreachable.subscribe();
    let mut listener = Some(listener);
    loop {
        if *unreachable.borrow_and_update() {
            if listener.take().is_some() {
                control.listening.send_replace(false);
            }
            if unreachable.changed().await.is_err() {
                return;
            }
            continue;
        }
        let Some(bound) = &listener else {
            match TcpListener::bind(addr).await {
                Ok(bound) => {
                    listener = Some(bound);
                    control.listening.send_replace(true);
                }
                // The port may linger for a moment; try again shortly.
                Err(_) => tokio::time::sleep(Duration::from_millis(20)).await,
            }
            continue;
        };
        tokio::select! {
            accepted = bound.accept() => {
                if let Ok((stream, _)) = accepted {
                    tokio::spawn(serve_connection(
                        Arc::clone(&shared),
                        index,
                        stream,
                        Open::new(&control),
                    ));
                }
            }
            changed = unreachable.changed() => {
                if changed.is_err() {
                    return;
                }
            }
        }
    }
}
