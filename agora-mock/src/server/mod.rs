//! The server: its builder ([`builder`]), and loopback listeners
//! ([`hosts`]) sharing one state; each accepted connection is served by
//! [`crate::connection`].

use std::fmt;
use std::io;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::atomic::AtomicU64;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, SystemTime};

use agora_api::token::{AppCertificate, EducationTokenMinter, RtmTokenMinter};
use agora_api::{
    AppId, AuthScheme, Authorizer, Client, ClientBuilder, Endpoint, RetryPolicy, ServiceRegion,
    UserId,
};

use crate::clock::{Clock, unix_secs};
use crate::faults::FaultRule;
use crate::journal::{Journal, JournalEntry};
use crate::products::flexible_classroom::ClassroomSeed;
use crate::products::media_broadcast::FlsSeed;
use crate::products::rtm::{Message, RtmSeed};
use crate::router::Router;
use crate::seed::ChannelSeed;
use crate::state::State;
use crate::webhooks::{Delivery, DeliveryFault, DeliveryLog};

mod builder;
mod hosts;

pub use builder::{
    Credentials, DEFAULT_APP_CERTIFICATE, DEFAULT_APP_ID, DEFAULT_CUSTOMER_ID,
    DEFAULT_CUSTOMER_SECRET, DEFAULT_PROJECT_NAME, DEFAULT_WHITEBOARD_ACCESS_KEY,
    DEFAULT_WHITEBOARD_SECRET_KEY, MockServerBuilder,
};
use hosts::Host;

mod whiteboard;
pub(crate) use hosts::Open;

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
    /// Pending delivery faults and the journal of deliveries.
    pub(crate) deliveries: Arc<DeliveryLog>,
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

/// A running emulator of Agora's REST APIs on loopback: every endpoint
/// `agora-api` binds, with each endpoint's auth schemes checked, state
/// kept, faults injectable, notifications delivered when asked for, and
/// every request journaled. Dropping it stops it.
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
            .map(|host| format!("http://{}", host.addr()))
            .unwrap_or_default()
    }

    /// The address of the first host.
    pub fn addr(&self) -> SocketAddr {
        self.hosts.first().map_or(
            SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), 0),
            |host| host.addr(),
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

    /// A client builder aimed at every host, with the emulator's Customer
    /// ID and Secret for Basic auth and for HMAC-SHA256 signatures (Media
    /// Broadcast), admin Whiteboard SDK tokens
    /// ([`whiteboard_minter`](Self::whiteboard_minter)), app-wide education
    /// tokens minted for the first project (Flexible Classroom), and
    /// Agora's default retry policy; add what the test needs (a retry
    /// policy, timeouts, other token auth) and build.
    pub fn client_builder(&self) -> ClientBuilder {
        let credentials = &self.shared.credentials;
        Client::builder()
            .base_urls(self.urls())
            .basic_auth(
                credentials.customer_id.clone(),
                credentials.customer_secret.clone(),
            )
            .hmac_auth(
                credentials.customer_id.clone(),
                credentials.customer_secret.clone(),
            )
            .authorizer(AuthScheme::WHITEBOARD_TOKEN, self.whiteboard_minter())
            .education_token_source(EducationTokenMinter::new(
                credentials.app_id.clone(),
                credentials.app_certificate.clone(),
            ))
    }

    /// Whiteboard auth for this emulator: a fresh admin SDK token for
    /// every attempt, signed with the whiteboard project's access key
    /// pair and valid ten minutes by the server's clock (so tokens follow
    /// a [`ManualClock`](crate::ManualClock)), sent to the `us-sv` data
    /// centre. [`client_builder`](Self::client_builder) has it already;
    /// a call that needs a room or task token is given one with
    /// `.whiteboard_token(..)`.
    pub fn whiteboard_minter(&self) -> impl Authorizer {
        whiteboard::EmulatorMinter::new(
            self.shared.credentials.whiteboard_keys.clone(),
            Arc::clone(&self.shared.clock),
        )
    }

    /// A client for this emulator with its credentials of every scheme (as
    /// [`client_builder`](Self::client_builder)) that makes one attempt per
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
        match self.hosts.get(index) {
            Some(host) => host.set_unreachable(unreachable).await,
            None => Ok(()),
        }
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

    // ----- notifications --------------------------------------------------

    /// Every notification delivered (or dropped) so far, oldest first, with
    /// each attempt's outcome; the last 10 000. Empty unless the builder
    /// set [`webhooks`](MockServerBuilder::webhooks).
    pub fn deliveries(&self) -> Vec<Delivery> {
        self.shared.deliveries.deliveries()
    }

    /// Waits until at least `count` deliveries are journaled, or `timeout`
    /// passes; returns them all either way.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() {
    /// use std::time::Duration;
    /// let server = agora_mock::MockServer::start().await;
    /// assert!(server.wait_for_deliveries(1, Duration::from_millis(20)).await.is_empty());
    /// # }
    /// ```
    pub async fn wait_for_deliveries(&self, count: usize, timeout: Duration) -> Vec<Delivery> {
        let deadline = tokio::time::Instant::now() + timeout;
        loop {
            let deliveries = self.deliveries();
            if deliveries.len() >= count || tokio::time::Instant::now() >= deadline {
                return deliveries;
            }
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    }

    /// Applies `fault` to the next notification to go out (several faults
    /// apply to the next notifications in turn).
    pub fn inject_delivery(&self, fault: DeliveryFault) {
        self.shared.deliveries.inject(fault);
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

    /// Classroom `room_uuid` of the first project in `region` (one created
    /// through the Flexible Classroom API): users enter and leave it, chat,
    /// and its widgets change.
    pub fn classroom(&self, region: ServiceRegion, room_uuid: &str) -> ClassroomSeed<'_> {
        ClassroomSeed::new(&self.shared, self.app_id().as_str(), region, room_uuid)
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

    /// The Media Broadcast streams of the first project: push and stop
    /// them as an encoder would.
    pub fn media_broadcast(&self) -> FlsSeed<'_> {
        FlsSeed::new(&self.shared, self.app_id().as_str())
    }

    /// The Media Broadcast streams of project `app_id`.
    pub fn media_broadcast_in(&self, app_id: &AppId) -> FlsSeed<'_> {
        FlsSeed::new(&self.shared, app_id.as_str())
    }

    /// Media Gateway's encoders: push streams with streaming keys, stop
    /// them, and see what no endpoint shows (mutes, the first project's
    /// templates).
    pub fn media_gateway(&self) -> crate::GatewaySeed<'_> {
        crate::GatewaySeed::new(&self.shared, self.app_id().as_str())
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
            host.stop();
        }
    }
}
