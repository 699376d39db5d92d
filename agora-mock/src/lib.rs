//! A local emulator of Agora's server-side REST APIs, for tests and
//! offline development (think stripe-mock).
//!
//! A [`MockServer`] serves every endpoint `agora-api` binds, of every
//! product (one folder each under `src/products/`, found by the registry,
//! see [`served_endpoints`]), on loopback, and behaves as Agora documents:
//!
//! * **Auth.** Basic credentials must match the server's
//!   ([`Credentials`]); missing ones get `401 {"message": "Unauthorized"}`,
//!   wrong ones `401 {"message": "Invalid authentication credentials"}`.
//!   Signaling endpoints also take RTM tokens (`Authorization: agora
//!   token=` for AccessToken2, `x-agora-token` + `x-agora-uid` for the
//!   legacy `006`), verified with the project's App Certificate: signature,
//!   expiry, App ID, user. With a token, a message can only be sent as the
//!   token's user. Endpoints that take RTC or education (APaaS) tokens get
//!   them verified the same way and acted on only in the token's channel
//!   (or room) as its uid; endpoints that take HMAC-SHA256 signatures get
//!   them checked over host, date (within five minutes), request line and
//!   the digest of the body received, with the server's Customer ID and
//!   Secret; Whiteboard endpoints check the `token` header's SDK, room or
//!   task token against the whiteboard project's access key pair and its
//!   expiry.
//! * **Typed requests.** Each request is decoded with `agora-api`'s own
//!   types (path and query values through their `FromStr`, body members
//!   through their `Deserialize`), rebuilt with the endpoint's builder and
//!   checked with [`Endpoint::validate`](agora_api::Endpoint::validate): a
//!   request Agora would refuse is refused, in the product's documented
//!   error shape, never accepted silently.
//! * **State.** Projects (a first one with the server's App ID and
//!   Certificate); ban rules with IDs and expiry, which kick matching users;
//!   RTC channels with users and hosts ([`MockServer::channel`]); Cloud
//!   Recording resources that expire after five minutes, one session each,
//!   through acquire -> start -> query -> update -> updateLayout -> stop;
//!   Signaling users, events (removed once fetched), messages and history
//!   ([`MockServer::rtm`]); stable, well-formed Analytics answers;
//!   a Whiteboard team whose tokens are checked for the kind, role and
//!   room each call needs, with rooms, scene trees and a file-conversion
//!   queue ([`MockServer::whiteboard_minter`]); Media Gateway keys per
//!   region, templates and the streams encoders push with them
//!   ([`MockServer::media_gateway`]); and each other product's own state
//!   machine, described in its folder's module docs (converters and
//!   players that connect, run and idle out; agents; transcoding and STT
//!   tasks; licenses that run out; ...). Time
//!   comes from a [`Clock`]: a [`ManualClock`] moves it by hand.
//! * **Notifications.** With [`MockServerBuilder::webhooks`], the
//!   emulator POSTs signed NCS notifications for what happens in it: RTC
//!   users joining, changing role and leaving; Cloud Recording sessions
//!   starting, uploading and ending; Media Push converters and Media Pull
//!   players created, changing state and destroyed; Conversational AI
//!   agents joining and leaving; Media Gateway streams connecting and
//!   disconnecting. Failed answers are retried as Agora does,
//!   [`MockServer::inject_delivery`] duplicates, reorders or delays them,
//!   and [`MockServer::deliveries`] journals every attempt.
//! * **Faults.** [`MockServer::inject`] makes the next N matching requests
//!   answer a status (with `Retry-After`), answer late, or lose their
//!   connection before or after the server acted; [`MockServer::set_unreachable`]
//!   makes a host refuse connections. Agora's documented rate limits
//!   (`429`) are enforced when asked for
//!   ([`MockServerBuilder::rate_limits`]).
//! * **Journal.** [`MockServer::journal`] lists every request received,
//!   with whether it was applied, its secrets redacted before it was
//!   stored (credential headers, and secret-named fields of JSON and form
//!   bodies and of the query: the list is on [`JournalEntry`]). It keeps
//!   the last 10 000 requests within 64 MiB
//!   ([`MockServerBuilder::journal_limit`],
//!   [`MockServerBuilder::journal_byte_limit`]).
//! * **Hostile clients.** A request body over 1 MiB is answered `413
//!   {"message": "Request size limit exceeded"}` without being read
//!   further; a connection whose request headers take longer than 10
//!   seconds to arrive, or that stays idle that long, is closed
//!   ([`MockServerBuilder::header_read_timeout`]).
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! use agora_api::{ChannelName, UidString};
//! use agora_api::cloud_recording::{Acquire, AcquireClientRequest};
//! use agora_mock::MockServer;
//!
//! let server = MockServer::start().await;
//! let client = server.client();
//! let resource = client
//!     .send(
//!         &Acquire::builder()
//!             .appid(server.app_id().clone())
//!             .cname(ChannelName::new("demo")?)
//!             .uid(UidString::new(527841)?)
//!             .client_request(AcquireClientRequest::default())
//!             .build(),
//!     )
//!     .await?;
//! assert_eq!(resource.cname, "demo");
//! assert_eq!(server.requests_to::<Acquire>().len(), 1);
//! # Ok(()) }
//! ```
//!
//! The binary serves the same on a fixed port:
//! `cargo run -p agora-mock -- --port 8080` (`--help` lists the options).

mod auth;
mod clock;
mod connection;
mod faults;
mod ids;
mod journal;
mod limits;
mod pipeline;
mod presence;
mod product;
mod products;
mod redact;
mod reply;
mod router;
mod seed;
mod server;
mod standalone;
mod state;
mod webhooks;

pub use clock::{Clock, ManualClock, SystemClock};
pub use faults::{Fault, FaultRule, FaultSpecError};
/// The HTTP types of [`MockServer::answer`].
pub use hyper;
pub use journal::JournalEntry;
pub use products::flexible_classroom::{ClassroomSeed, EntryRefused};
pub use products::media_broadcast::FlsSeed;
pub use products::media_gateway::{GatewaySeed, PushRefused, PushedStream};
pub use products::rtm::{Message, MessageKind, RtmSeed};
pub use seed::{Banned, ChannelSeed, Join, Role};
pub use server::{
    Credentials, DEFAULT_APP_CERTIFICATE, DEFAULT_APP_ID, DEFAULT_CUSTOMER_ID,
    DEFAULT_CUSTOMER_SECRET, DEFAULT_PROJECT_NAME, DEFAULT_WHITEBOARD_ACCESS_KEY,
    DEFAULT_WHITEBOARD_SECRET_KEY, MockServer, MockServerBuilder,
};
pub use standalone::run_standalone;
pub use webhooks::{Delivery, DeliveryFault, WebhookTarget};

/// The endpoints the emulator serves: every endpoint of every product it
/// emulates, which is every product `agora-api` binds.
///
/// ```
/// let served = agora_mock::served_endpoints();
/// let bound = agora_api::registry::endpoints()
///     .filter(|info| info.module.starts_with("agora_api::"))
///     .count();
/// assert_eq!(served.len(), bound);
/// ```
pub fn served_endpoints() -> Vec<&'static agora_api::registry::EndpointInfo> {
    router::Router::new().endpoints().collect()
}

/// The products the emulator serves, as
/// [`EndpointInfo::product`](agora_api::registry::EndpointInfo::product)
/// names them (`agora_api::cloud_recording`), sorted.
///
/// ```
/// assert!(agora_mock::served_products().contains(&"agora_api::cloud_recording"));
/// ```
pub fn served_products() -> Vec<&'static str> {
    let mut products: Vec<&'static str> = product::products()
        .map(|registration| registration.module)
        .collect();
    products.sort_unstable();
    products.dedup();
    products
}
