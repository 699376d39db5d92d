//! Every endpoint derived with `#[derive(Endpoint)]`, in this crate and in
//! the user's, registers its facts here at link time. Tests list them to
//! check coverage against specs; tools can print them.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

use crate::client::Client;
use crate::endpoint::{AuthScheme, WireRequest};
use crate::error::{DecodeError, Error, InvalidInput};

/// Decodes a 2xx body as an endpoint's response, the way the client does,
/// and drops the value: whether the body decodes, and why not.
pub type ResponseCheck = fn(&[u8]) -> Result<(), DecodeError>;

/// Decodes a received request as an endpoint
/// ([`Endpoint::decode`](crate::Endpoint::decode)) and drops the value:
/// whether the request is one the endpoint accepts, and why not.
pub type RequestCheck = fn(&WireRequest<'_>) -> Result<(), InvalidInput>;

/// Decodes a received request as an endpoint and prepares that value with
/// a client ([`Client::prepare`]): the request the client would send for
/// what was received.
pub type RequestReencode = fn(&WireRequest<'_>, &Client) -> Result<reqwest::Request, Error>;

/// The call of [`RequestSend`]: it owns the decoded endpoint and the client,
/// and ends with the typed response as JSON.
pub type SendFuture = Pin<Box<dyn Future<Output = Result<serde_json::Value, Error>> + Send>>;

/// Decodes a received request as an endpoint and sends the decoded value
/// with a client ([`Client::send`]). It ends with the JSON of the 2xx
/// payload once that payload has decoded as the endpoint's typed response
/// (a body that does not is [`Error::Decode`], as with `send`). Present
/// with the `erased-send` feature; without it the call fails with
/// [`Error::Config`], so that a build that does not need it does not
/// compile a `Client::send` per endpoint.
pub type RequestSend = fn(&WireRequest<'_>, Client) -> SendFuture;

/// Every page of a paged list, each as the JSON of its typed response, as
/// [`Client::pages`] walks them (a cycle ends it with
/// [`Error::PageCycle`]).
pub type PageStream =
    Pin<Box<dyn futures_core::Stream<Item = Result<serde_json::Value, Error>> + Send>>;

/// Decodes a received request as a [`Paginated`](crate::Paginated)
/// endpoint's first page and walks every page from it with a client. Needs
/// the `erased-send` feature, like [`RequestSend`]; without it the stream
/// yields one [`Error::Config`].
pub type RequestPages = fn(&WireRequest<'_>, Client) -> PageStream;

/// Where a field of an endpoint goes in the request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum FieldLocation {
    /// A path parameter: one percent-encoded segment of the template.
    Path,
    /// A query parameter.
    Query,
    /// A request header, named by [`FieldInfo::wire`].
    Header,
    /// A member of the JSON body object.
    Body,
    /// The whole JSON body (`#[endpoint(body)]`).
    WholeBody,
}

impl FieldLocation {
    /// `path`, `query`, `header`, `body` or `whole body`.
    pub const fn name(self) -> &'static str {
        match self {
            FieldLocation::Path => "path",
            FieldLocation::Query => "query",
            FieldLocation::Header => "header",
            FieldLocation::Body => "body",
            FieldLocation::WholeBody => "whole body",
        }
    }
}

/// One field of a derived endpoint, as declared: enough for a tool to take
/// the field's value from a user and put it on the wire, where
/// [`Endpoint::decode`](crate::Endpoint::decode) reads it back.
///
/// ```
/// use agora_api::registry::FieldLocation;
///
/// let query = agora_api::registry::endpoints()
///     .find(|info| info.name == "ListChannels")
///     .expect("ListChannels is registered");
/// let page = query.fields.iter().find(|field| field.wire == "page_no").expect("a page field");
/// assert_eq!((page.location, page.required), (FieldLocation::Query, false));
/// assert_eq!(page.ty, "u32");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct FieldInfo {
    /// The struct field's name (`resource_id`).
    pub field: &'static str,
    /// The name on the wire: the placeholder, query parameter, header or
    /// body member (`resourceid`).
    pub wire: &'static str,
    /// Where it goes.
    pub location: FieldLocation,
    /// Whether the builder requires it (it is not an `Option`).
    pub required: bool,
    /// Its type as written, without `Option<..>` (`AppId`, `Vec<Privilege>`).
    pub ty: &'static str,
    /// The first sentence of its doc comment, empty when it has none.
    pub doc: &'static str,
}

impl FieldInfo {
    #[doc(hidden)]
    pub const fn new(
        field: &'static str,
        wire: &'static str,
        location: FieldLocation,
        required: bool,
        ty: &'static str,
        doc: &'static str,
    ) -> Self {
        FieldInfo {
            field,
            wire,
            location,
            required,
            ty,
            doc,
        }
    }
}

/// The facts of one derived endpoint.
#[derive(Clone, Copy)]
#[non_exhaustive]
pub struct EndpointInfo {
    /// The struct's name.
    pub name: &'static str,
    /// The module it is defined in, e.g. `agora_api::cloud_recording::session`.
    pub module: &'static str,
    /// The HTTP method, e.g. `POST`.
    pub method: &'static str,
    /// The path template.
    pub path: &'static str,
    /// Accepted schemes, in order of preference.
    pub auth: &'static [AuthScheme],
    /// Whether a retry may re-send it.
    pub idempotent: bool,
    /// Error statuses after which a call may succeed when tried again,
    /// beyond 429 and 5xx (`retry_status = 409`), empty for most.
    pub retry_statuses: &'static [u16],
    /// Whether the struct is `#[deprecated]` (a legacy endpoint).
    pub deprecated: bool,
    /// Agora's reference page for it (`doc = "https://..."`).
    pub doc_url: Option<&'static str>,
    /// Agora's documented rate limits (`rate_limit(...)`), empty when the
    /// documentation states none.
    ///
    /// ```
    /// use agora_api::registry::{Period, RateScope};
    ///
    /// let list = agora_api::registry::endpoints()
    ///     .find(|info| info.name == "ListProjects")
    ///     .expect("ListProjects is registered");
    /// let limit = list.rate_limits[0];
    /// assert_eq!((limit.count, limit.per, limit.scope), (10, Period::Second, RateScope::Account));
    /// assert_eq!(limit.to_string(), "10 requests per second per Agora account");
    /// ```
    pub rate_limits: &'static [RateLimit],
    /// Decodes a body as this endpoint's response (for tools and fuzzing:
    /// every response type reachable without naming it).
    ///
    /// ```
    /// let info = agora_api::registry::endpoints()
    ///     .find(|info| info.name == "ListProjects")
    ///     .expect("registered");
    /// assert!((info.check_response)(br#"{"projects":[]}"#).is_ok());
    /// assert!((info.check_response)(b"[1,2").is_err());
    /// ```
    pub check_response: ResponseCheck,
    /// Decodes a received request as this endpoint (for tools, emulators
    /// and fuzzing: every endpoint's decoder reachable without naming it).
    ///
    /// ```
    /// use agora_api::{endpoint::WireRequest, reqwest::header::HeaderMap};
    ///
    /// let info = agora_api::registry::endpoints()
    ///     .find(|info| info.name == "ListProjects")
    ///     .expect("registered");
    /// let headers = HeaderMap::new();
    /// let list = WireRequest::new("GET", "/dev/v1/projects", None, &headers, b"");
    /// assert!((info.check_request)(&list).is_ok());
    /// let other = WireRequest::new("GET", "/dev/v1/project", None, &headers, b"");
    /// assert_eq!((info.check_request)(&other).unwrap_err().field(), "path");
    /// ```
    pub check_request: RequestCheck,
    /// Decodes a received request as this endpoint and prepares the
    /// decoded value with a client, as [`Client::prepare`] does: what the
    /// client sends for what was received, to compare with it.
    ///
    /// ```
    /// use agora_api::{Client, endpoint::WireRequest, reqwest::header::HeaderMap};
    ///
    /// let info = agora_api::registry::endpoints()
    ///     .find(|info| info.name == "ListProjects")
    ///     .expect("registered");
    /// let client = Client::builder().basic_auth("id", "secret").build()?;
    /// let headers = HeaderMap::new();
    /// let received = WireRequest::new("GET", "/dev/v1/projects", Some("unknown=1"), &headers, b"");
    /// let request = (info.reencode)(&received, &client)?;
    /// assert_eq!(request.url().as_str(), "https://api.agora.io/dev/v1/projects");
    /// # Ok::<(), agora_api::Error>(())
    /// ```
    pub reencode: RequestReencode,
    /// Decodes a received request as this endpoint and sends the decoded
    /// value with a client, retries and all, as [`Client::send`] does (for
    /// tests that replay documented requests through the real client).
    /// Needs the `erased-send` feature; see [`RequestSend`].
    pub send: RequestSend,
    /// The struct's fields, in declared order.
    pub fields: &'static [FieldInfo],
    /// For an endpoint that implements [`Paginated`](crate::Paginated):
    /// walks every page from a received first request. `None` for the
    /// others.
    ///
    /// ```
    /// let paged = |name: &str| {
    ///     agora_api::registry::endpoints()
    ///         .find(|info| info.name == name)
    ///         .is_some_and(|info| info.pages.is_some())
    /// };
    /// assert!(paged("ListChannels"));
    /// assert!(!paged("Acquire"));
    /// ```
    pub pages: Option<RequestPages>,
}

impl fmt::Debug for EndpointInfo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EndpointInfo")
            .field("name", &self.name)
            .field("module", &self.module)
            .field("method", &self.method)
            .field("path", &self.path)
            .field("auth", &self.auth)
            .field("idempotent", &self.idempotent)
            .field("retry_statuses", &self.retry_statuses)
            .field("deprecated", &self.deprecated)
            .field("doc_url", &self.doc_url)
            .field("rate_limits", &self.rate_limits)
            .field("fields", &self.fields)
            .field("paged", &self.pages.is_some())
            .finish_non_exhaustive()
    }
}

/// Two entries are the same endpoint when they name the same method and
/// path template.
impl PartialEq for EndpointInfo {
    fn eq(&self, other: &Self) -> bool {
        self.method == other.method && self.path == other.path && self.name == other.name
    }
}

impl Eq for EndpointInfo {}

impl EndpointInfo {
    /// The product the endpoint belongs to: its module path up to the
    /// product's module (`agora_api::channel` for an endpoint defined in
    /// `agora_api::channel::ban`), since a product keeps its endpoints in
    /// files by resource group.
    ///
    /// ```
    /// let acquire = agora_api::registry::endpoints()
    ///     .find(|info| info.name == "Acquire")
    ///     .expect("Acquire is registered");
    /// assert_eq!(acquire.product(), "agora_api::cloud_recording");
    /// ```
    pub fn product(&self) -> &'static str {
        let module = self.module;
        match module.match_indices("::").nth(1) {
            Some((end, _)) => &module[..end],
            None => module,
        }
    }

    #[doc(hidden)]
    #[allow(
        clippy::too_many_arguments,
        reason = "called only by the derive, one argument per fact"
    )]
    pub const fn new(
        name: &'static str,
        module: &'static str,
        method: &'static str,
        path: &'static str,
        auth: &'static [AuthScheme],
        idempotent: bool,
        deprecated: bool,
        doc_url: Option<&'static str>,
        rate_limits: &'static [RateLimit],
        retry_statuses: &'static [u16],
        check_response: ResponseCheck,
        check_request: RequestCheck,
        reencode: RequestReencode,
        send: RequestSend,
        fields: &'static [FieldInfo],
        pages: Option<RequestPages>,
    ) -> Self {
        EndpointInfo {
            name,
            module,
            method,
            path,
            auth,
            idempotent,
            deprecated,
            doc_url,
            rate_limits,
            retry_statuses,
            check_response,
            check_request,
            reencode,
            send,
            fields,
            pages,
        }
    }
}

inventory::collect!(EndpointInfo);

/// The span of time a [`RateLimit`] counts requests over.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Period {
    /// One second.
    Second,
    /// One minute.
    Minute,
    /// One hour.
    Hour,
    /// One day (Agora counts per calendar day in UTC+8 for some products;
    /// a sliding 24 hours is the conservative reading).
    Day,
}

impl Period {
    /// The period's length.
    ///
    /// ```
    /// use agora_api::registry::Period;
    /// assert_eq!(Period::Minute.duration().as_secs(), 60);
    /// ```
    pub const fn duration(self) -> Duration {
        Duration::from_secs(match self {
            Period::Second => 1,
            Period::Minute => 60,
            Period::Hour => 3_600,
            Period::Day => 86_400,
        })
    }

    /// The period's name, as written in `rate_limit(.., per = second)`.
    pub const fn name(self) -> &'static str {
        match self {
            Period::Second => "second",
            Period::Minute => "minute",
            Period::Hour => "hour",
            Period::Day => "day",
        }
    }
}

/// Whose budget a [`RateLimit`] counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum RateScope {
    /// Requests for one App ID (one project) share the budget.
    AppId,
    /// Every request of the Agora account shares the budget.
    Account,
}

/// One documented rate limit of an endpoint: `count` requests per `per`,
/// counted per `scope`; endpoints naming the same `shared` group draw from
/// one budget.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct RateLimit {
    /// Requests allowed in each period.
    pub count: u32,
    /// The period.
    pub per: Period,
    /// Whose budget it counts.
    pub scope: RateScope,
    /// The budget's name when several endpoints share it (Signaling's peer
    /// and channel messages: 500 per second together).
    pub shared: Option<&'static str>,
    /// The Agora plan the figure is for, where it depends on the plan.
    pub plan: Option<&'static str>,
}

impl RateLimit {
    #[doc(hidden)]
    pub const fn new(
        count: u32,
        per: Period,
        scope: RateScope,
        shared: Option<&'static str>,
        plan: Option<&'static str>,
    ) -> Self {
        RateLimit {
            count,
            per,
            scope,
            shared,
            plan,
        }
    }
}

/// "10 requests per second per App ID", and the shared budget and the plan
/// when there are.
impl fmt::Display for RateLimit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let noun = if self.count == 1 {
            "request"
        } else {
            "requests"
        };
        let scope = match self.scope {
            RateScope::AppId => "per App ID",
            RateScope::Account => "per Agora account",
        };
        write!(f, "{} {noun} per {} {scope}", self.count, self.per.name())?;
        if let Some(shared) = self.shared {
            write!(f, ", one budget shared by the endpoints of `{shared}`")?;
        }
        if let Some(plan) = self.plan {
            write!(f, " ({plan} plan)")?;
        }
        Ok(())
    }
}

/// The [`ResponseCheck`] of endpoint `E`: its body opened by its envelope
/// and decoded exactly as [`Client::send`](crate::Client::send) decodes
/// it. A failure the envelope finds in the body is a body the endpoint
/// understands, so it passes.
#[doc(hidden)]
pub fn check_response<E: crate::Endpoint>(body: &[u8]) -> Result<(), DecodeError> {
    match crate::body::decode_response::<E>(body) {
        crate::body::Decoded::Response(_) | crate::body::Decoded::InBand(_) => Ok(()),
        crate::body::Decoded::Invalid(error) => Err(error),
    }
}

/// The [`RequestCheck`] of endpoint `E`: [`Endpoint::decode`](crate::Endpoint::decode), dropped.
#[doc(hidden)]
pub fn check_request<E: crate::Endpoint>(request: &WireRequest<'_>) -> Result<(), InvalidInput> {
    E::decode(request).map(drop)
}

/// The [`RequestReencode`] of endpoint `E`: decoded, then prepared.
#[doc(hidden)]
pub fn reencode<E: crate::Endpoint>(
    request: &WireRequest<'_>,
    client: &Client,
) -> Result<reqwest::Request, Error> {
    client.prepare(&E::decode(request)?)
}

/// The [`RequestSend`] of endpoint `E`: decoded, then sent (see
/// [`crate::runtime::erased`]).
#[doc(hidden)]
pub use crate::runtime::erased::send;

/// Picks [`EndpointInfo::pages`] for a concrete endpoint type: this
/// inherent constant exists only when `E` is [`Paginated`](crate::Paginated),
/// and shadows [`NotPaginated::PAGES`] then; the derive names
/// `PagesProbe::<Self>::PAGES` with `NotPaginated` in scope.
#[doc(hidden)]
pub struct PagesProbe<E>(std::marker::PhantomData<E>);

impl<E> PagesProbe<E>
where
    E: crate::Paginated,
    E::Response: Send,
{
    /// The endpoint's page walker.
    pub const PAGES: Option<RequestPages> = Some(crate::runtime::erased::pages::<E>);
}

/// The fallback of [`PagesProbe`]: an endpoint that is not paged.
#[doc(hidden)]
pub trait NotPaginated {
    /// No page walker.
    const PAGES: Option<RequestPages> = None;
}

impl<E> NotPaginated for PagesProbe<E> {}

/// Every derived endpoint linked into this program, in no particular order.
///
/// ```
/// let acquire = agora_api::registry::endpoints()
///     .find(|info| info.name == "Acquire")
///     .expect("Acquire is registered");
/// assert_eq!(acquire.module, "agora_api::cloud_recording::session");
/// assert!(!acquire.idempotent);
/// ```
pub fn endpoints() -> impl Iterator<Item = &'static EndpointInfo> {
    inventory::iter::<EndpointInfo>.into_iter()
}
