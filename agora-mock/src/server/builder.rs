//! The emulator's configuration: its credentials and their defaults, and
//! [`MockServerBuilder`], which starts a [`MockServer`].

use std::fmt;
use std::io;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::atomic::AtomicU64;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use agora_api::token::{AppCertificate, WhiteboardKeys};
use agora_api::{AppId, Secret};

use super::hosts::Host;
use super::{MockServer, Shared};
use crate::clock::{Clock, SystemClock, unix_secs};
use crate::faults::FaultRule;
use crate::journal::{Journal, MAX_BYTES, MAX_ENTRIES};
use crate::router::Router;
use crate::state::{Project, State};
use crate::webhooks::{self, DeliveryLog, WebhookTarget};

/// How long a client may take to send a request's headers, by default.
const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(10);

/// The Customer ID the emulator accepts unless told otherwise.
pub const DEFAULT_CUSTOMER_ID: &str = "agora-mock-customer";
/// The Customer Secret the emulator accepts unless told otherwise.
pub const DEFAULT_CUSTOMER_SECRET: &str = "agora-mock-secret";
/// The App ID of the emulator's first project unless told otherwise.
pub const DEFAULT_APP_ID: &str = "0123456789abcdef0123456789abcdef";
/// The App Certificate of the emulator's first project unless told
/// otherwise.
pub const DEFAULT_APP_CERTIFICATE: &str = "fedcba9876543210fedcba9876543210";
/// The access key (AK) of the emulator's whiteboard project.
pub const DEFAULT_WHITEBOARD_ACCESS_KEY: &str = "agora-mock-whiteboard-ak";
/// The secret access key (SK) of the emulator's whiteboard project.
pub const DEFAULT_WHITEBOARD_SECRET_KEY: &str = "agora-mock-whiteboard-sk";
/// The name of the emulator's first project.
pub const DEFAULT_PROJECT_NAME: &str = "agora-mock";

/// The credentials an emulator accepts: the account's Customer ID and
/// Secret (Basic auth and HMAC signatures), its first project's App ID and
/// App Certificate (AccessToken2 tokens are verified with it), and the
/// whiteboard project's access key pair (Whiteboard tokens).
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
    /// The whiteboard project's access key pair: Whiteboard SDK, room and
    /// task tokens must be signed with it.
    pub whiteboard_keys: WhiteboardKeys,
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("customer_id", &self.customer_id)
            .field("customer_secret", &self.customer_secret)
            .field("app_id", &self.app_id)
            .field("app_certificate", &self.app_certificate)
            .field("whiteboard_keys", &self.whiteboard_keys)
            .finish()
    }
}

impl Default for Credentials {
    /// [`DEFAULT_CUSTOMER_ID`], [`DEFAULT_CUSTOMER_SECRET`],
    /// [`DEFAULT_APP_ID`], [`DEFAULT_APP_CERTIFICATE`],
    /// [`DEFAULT_WHITEBOARD_ACCESS_KEY`], [`DEFAULT_WHITEBOARD_SECRET_KEY`].
    fn default() -> Self {
        Credentials {
            customer_id: DEFAULT_CUSTOMER_ID.to_owned(),
            customer_secret: Secret::new(DEFAULT_CUSTOMER_SECRET),
            app_id: AppId::new(DEFAULT_APP_ID).expect("the default App ID is 32 hex digits"),
            app_certificate: AppCertificate::new(DEFAULT_APP_CERTIFICATE)
                .expect("the default App Certificate is 32 hex digits"),
            whiteboard_keys: WhiteboardKeys::new(
                DEFAULT_WHITEBOARD_ACCESS_KEY,
                DEFAULT_WHITEBOARD_SECRET_KEY,
            )
            .expect("the default whiteboard keys are not empty"),
        }
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
    webhooks: Option<WebhookTarget>,
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
            .field("webhooks", &self.webhooks)
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
            webhooks: None,
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
    /// first bytes, with [`JournalEntry::body_truncated`](crate::JournalEntry::body_truncated) set. Both this
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

    /// Delivers the emulator's notifications (NCS) to `target`: RTC
    /// channel events as users join and leave, and the lifecycle events
    /// of Cloud Recording, Media Push, Media Pull, Conversational AI and
    /// Media Gateway as their tasks start, change and end, signed with the
    /// target's NCS secret and retried as Agora does. Off by default. See
    /// [`MockServer::deliveries`] and [`MockServer::inject_delivery`].
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> std::io::Result<()> {
    /// use agora_mock::{MockServer, WebhookTarget};
    /// let server = MockServer::builder()
    ///     .webhooks(WebhookTarget::new("http://127.0.0.1:9/ncs", "ncs-secret"))
    ///     .start()
    ///     .await?;
    /// # let _ = server;
    /// # Ok(()) }
    /// ```
    pub fn webhooks(mut self, target: WebhookTarget) -> Self {
        self.webhooks = Some(target);
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
    /// When an address cannot be bound, or the webhook target's URL is not
    /// a URL.
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
        let deliveries = Arc::new(DeliveryLog::default());
        if let Some(target) = &self.webhooks {
            state.account.outbox = webhooks::start(target, &deliveries)
                .map_err(|error| io::Error::new(io::ErrorKind::InvalidInput, error.to_string()))?;
        }
        state.account.whiteboard_keys = Some(self.credentials.whiteboard_keys.clone());
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
            deliveries,
        });
        let mut hosts = Vec::with_capacity(self.hosts);
        for index in 0..self.hosts {
            let port = if index == 0 { self.port } else { 0 };
            hosts.push(Host::bind(&shared, index, SocketAddr::new(self.ip, port)).await?);
        }
        Ok(MockServer { shared, hosts })
    }
}
