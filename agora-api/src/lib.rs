//! Typed Rust bindings for Agora's server-side REST APIs.
//!
//! Each Agora product is a module of endpoint structs and a cargo feature
//! of the same name (all on by default; the README's table lists them);
//! each endpoint is a struct deriving [`Endpoint`], with a builder that
//! checks required fields at compile time. A [`Client`] sends any endpoint, with Basic auth or an RTM token,
//! and decodes the typed response or a typed [`Error`].
//!
//! ```no_run
//! use agora_api::{AppId, Client, cloud_recording::{Acquire, AcquireClientRequest}};
//!
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! let client = Client::builder()
//!     .basic_auth("customer-id", "customer-secret")
//!     .build()?;
//! let acquire = Acquire::builder()
//!     .appid(AppId::new("876922cbca0098dff4323566daa89675")?)
//!     .cname("demo".parse::<agora_api::ChannelName>()?)
//!     .uid("527841".parse::<agora_api::UidString>()?)
//!     .client_request(AcquireClientRequest::default())
//!     .build();
//! let resource = client.send(&acquire).await?;
//! println!("resource ID {}", resource.resource_id);
//! # Ok(())
//! # }
//! ```
//!
//! Endpoints Agora documents later, or beta ones, are a struct away: see
//! [`Endpoint`] for the attributes, and send them with the same client.
//!
//! Agora's notifications to your server are received, verified and typed by
//! the `webhooks` module (feature `webhooks`, on by default; `axum` adds an
//! extractor).

#![deny(missing_docs)]

// The derive expands to `::agora_api::...` paths; this makes them resolve
// inside this crate too.
extern crate self as agora_api;

mod runtime;
// The runtime's modules at the crate's root, where the rest of the crate
// (and the public API) names them.
pub(crate) use runtime::{
    agora_token, api_error, auth, authorize, body, builder, client, dns, error, hmac, limiter,
    meta, pages, path_region, region, retry, sequence,
};
pub use runtime::{endpoint, envelope, redact, registry};

#[cfg(feature = "token")]
pub mod token;
pub mod types;
mod values;

// One folder and one cargo feature per product.
#[cfg(feature = "analytics")]
pub mod analytics;
#[cfg(feature = "broadcast-streaming")]
pub mod broadcast_streaming;
#[cfg(feature = "channel")]
pub mod channel;
#[cfg(feature = "cloud-recording")]
pub mod cloud_recording;
#[cfg(feature = "cloud-transcoding")]
pub mod cloud_transcoding;
#[cfg(feature = "console")]
pub mod console;
#[cfg(feature = "conversational-ai")]
pub mod conversational_ai;
#[cfg(feature = "flexible-classroom")]
pub mod flexible_classroom;
#[cfg(feature = "license")]
pub mod license;
#[cfg(feature = "media-broadcast")]
pub mod media_broadcast;
#[cfg(feature = "media-gateway")]
pub mod media_gateway;
#[cfg(feature = "media-pull")]
pub mod media_pull;
#[cfg(feature = "media-push")]
pub mod media_push;
#[cfg(feature = "real-time-stt")]
pub mod real_time_stt;
#[cfg(feature = "rtm")]
pub mod rtm;
#[cfg(feature = "whiteboard")]
pub mod whiteboard;
// Not a product: Agora's notifications of every product, received.
#[cfg(feature = "webhooks")]
pub mod webhooks;

pub use agora_macros::Endpoint;
/// Writes an endpoint's doc block from its `#[endpoint(...)]` and
/// `#[auth(...)]` attributes: method and path, auth schemes, idempotency,
/// rate limits (`rate_limit(...)`) and Agora's reference page (`doc =
/// "..."`), inserted after the first paragraph of the struct's docs. Place
/// it above `#[derive(Endpoint)]`; the facts stay written once.
///
/// ```
/// use agora_api::{AppId, Endpoint, endpoint_docs};
///
/// /// Lists the rules of a (hypothetical) beta API.
/// ///
/// /// The doc block above this paragraph says `GET /dev/v1/beta/{appid}/rules`,
/// /// HTTP Basic, idempotent, 10 requests per second per App ID.
/// #[endpoint_docs]
/// #[derive(Debug, Clone, Endpoint)]
/// #[endpoint(
///     GET,
///     "/dev/v1/beta/{appid}/rules",
///     response = serde_json::Value,
///     doc = "https://docs.agora.io/en/",
///     rate_limit(10, per = second, scope = app_id),
/// )]
/// #[auth(basic)]
/// pub struct ListBetaRules {
///     /// The project.
///     appid: AppId,
/// }
///
/// let info = agora_api::registry::endpoints()
///     .find(|info| info.name == "ListBetaRules")
///     .expect("registered by the derive");
/// assert_eq!(info.doc_url, Some("https://docs.agora.io/en/"));
/// assert_eq!(info.rate_limits[0].count, 10);
/// ```
pub use agora_macros::endpoint_docs;
pub use agora_token::TokenSource;
pub use auth::{BasicAuth, RtmCredentials, RtmTokenSource, Secret, TokenVersion};
pub use authorize::{AuthContext, Authorizer, TokenContext};
pub use client::{
    Client, ClientBuilder, DEFAULT_ATTEMPT_TIMEOUT, DEFAULT_BASE_URL, DEFAULT_CONNECT_TIMEOUT,
    DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_TIMEOUT, MAX_ERROR_BODY_BYTES,
};
pub use endpoint::{AuthScheme, Endpoint};
pub use error::{ApiError, AttemptFailure, DecodeError, Error, ErrorCode, InvalidInput};
pub use hmac::{HmacAuth, http_date};
pub use meta::{ResponseMeta, WithMeta};
pub use pages::{Pages, Paginated};
pub use path_region::{PathRegion, ServiceRegion};
pub use region::{Domain, HostSet, Region};
/// The HTTP client underneath, for the types [`Client::prepare`] returns.
pub use reqwest;
pub use retry::{DEFAULT_MAX_WAIT, RetryPolicy, parse_retry_after};
pub use runtime::validate::{FieldPath, Validate};
pub use runtime::whiteboard::{WhiteboardRegion, WhiteboardToken};
pub use sequence::Sequences;
pub use types::{AppId, ChannelName, Uid, UidString, UserId};

/// What the derive's output refers to. Not a public API: names and
/// signatures here change without notice.
#[doc(hidden)]
pub mod __private {
    pub use crate::authorize::TokenContext;
    pub use crate::endpoint::{
        AsList, AsPair, AuthScheme, Endpoint, HeaderWriter, PathWriter, QueryField, QueryWriter,
        WireRequest,
    };
    pub use crate::envelope::Envelope;
    pub use crate::error::InvalidInput;
    pub use crate::path_region::PathRegion;
    pub use crate::region::HostSet;
    pub use crate::registry::{
        EndpointInfo, FieldInfo, FieldLocation, NotPaginated, PagesProbe, Period, RateLimit,
        RateScope, check_request, check_response, reencode, send,
    };
    /// The readers of a received request that derived decoders call.
    pub use crate::runtime::decode;
    pub use crate::runtime::validate::{ByValidate, Field, FieldPath, NothingToValidate};
    pub use inventory;
    pub use reqwest::Method;
    pub use serde;
    pub use serde::ser::{SerializeMap, Serializer};
    pub use serde_json;
    pub use std::vec::Vec;

    /// A required builder field that has not been set.
    #[derive(Debug, Clone, Copy)]
    pub struct Unset;

    /// A required builder field that has been set.
    #[derive(Debug, Clone)]
    pub struct Set<T>(pub T);

    /// Implemented only by [`Set`]: `build()` requires it of every
    /// required field's state.
    #[diagnostic::on_unimplemented(
        message = "a required field of this request is not set",
        label = "`build()` needs this field",
        note = "the missing field has the type named in `Required<...>` above: call its setter before `build()`"
    )]
    pub trait Required<T> {
        /// The value.
        fn take(self) -> T;
    }

    impl<T> Required<T> for Set<T> {
        fn take(self) -> T {
            self.0
        }
    }
}

/// The README's examples, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeDoctests;
