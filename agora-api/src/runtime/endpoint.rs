//! The contract between an endpoint definition and the client.
//!
//! An endpoint is a struct whose fields are the request's inputs. The
//! [`Endpoint`] trait says how those fields become an HTTP request (method,
//! path, query, headers, JSON body), which authentication schemes Agora
//! accepts for it, whether it may safely be sent twice, and what the
//! successful response decodes into. [`Client::send`](crate::Client::send)
//! does the rest.
//!
//! The trait is normally derived; the writers in this module are what the
//! derived code (or a hand-written impl) renders into. The inverse, reading
//! a received request back into the endpoint ([`Endpoint::decode`]), reads
//! a [`WireRequest`].

use std::fmt::{self, Display, Write as _};

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC};
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use serde::de::DeserializeOwned;

use crate::authorize::TokenContext;
use crate::envelope::Envelope;
use crate::error::InvalidInput;
use crate::region::HostSet;

/// How a request proves who sends it: the name of one authentication
/// scheme. Each endpoint lists the schemes Agora accepts for it
/// (`#[auth(...)]`); the client uses the first one it has an
/// [`Authorizer`](crate::Authorizer) for.
///
/// The set is open: the constants below are the schemes Agora documents
/// (the derive names them `#[auth(basic)]`, `#[auth(hmac)]`, ...), and
/// [`AuthScheme::new`] names any other (a beta scheme, or your own token
/// service), registered on the client with
/// [`ClientBuilder::authorizer`](crate::ClientBuilder::authorizer) and
/// listed in a hand-written [`Endpoint::AUTH`].
///
/// ```
/// use agora_api::AuthScheme;
///
/// const SSO: AuthScheme = AuthScheme::new("acme_sso");
/// assert_eq!(SSO.name(), "acme_sso");
/// assert_eq!(AuthScheme::RTM_TOKEN.to_string(), "rtm_token");
/// assert_ne!(SSO, AuthScheme::BASIC);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct AuthScheme {
    name: &'static str,
}

impl AuthScheme {
    /// HTTP Basic: `Authorization: Basic base64(customer_id:customer_secret)`.
    pub const BASIC: AuthScheme = AuthScheme::new("basic");
    /// Real-time Messaging token auth: a legacy AccessToken (`006...`) goes
    /// in `x-agora-token` with the user ID in `x-agora-uid`; an AccessToken2
    /// (`007...`) goes in `Authorization: agora token=...`.
    pub const RTM_TOKEN: AuthScheme = AuthScheme::new("rtm_token");
    /// `Authorization: agora token=<RTC AccessToken2>`, the token built for
    /// the request's channel and uid (Conversational AI).
    pub const RTC_TOKEN: AuthScheme = AuthScheme::new("rtc_token");
    /// `Authorization: agora token=<education token>`: an AccessToken2 with
    /// the APaaS service's app privilege (Flexible Classroom).
    pub const EDUCATION_TOKEN: AuthScheme = AuthScheme::new("education_token");
    /// HMAC-SHA256 signatures over host, date, request line and body
    /// digest, computed for each attempt (Media Broadcast, Media Gateway).
    pub const HMAC: AuthScheme = AuthScheme::new("hmac");
    /// Interactive Whiteboard: `token: <SDK, room or task token>` and
    /// `region: <data centre>` headers.
    pub const WHITEBOARD_TOKEN: AuthScheme = AuthScheme::new("whiteboard_token");
    /// No credentials in the headers: the request carries its own in the
    /// body (Whiteboard's token endpoints take the access key pair there).
    pub const NONE: AuthScheme = AuthScheme::new("none");

    /// A scheme named `name`.
    pub const fn new(name: &'static str) -> Self {
        AuthScheme { name }
    }

    /// The name used in `#[auth(...)]`, the registry and error messages.
    pub const fn name(self) -> &'static str {
        self.name
    }
}

impl Display for AuthScheme {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name)
    }
}

/// One Agora REST endpoint: a request and the type its 2xx response body
/// decodes into.
///
/// # Deriving
///
/// ```
/// use agora_api::{AppId, Endpoint};
/// use serde::Deserialize;
///
/// /// Lists the rules of a (hypothetical) beta API.
/// #[derive(Debug, Clone, Endpoint)]
/// #[endpoint(GET, "/dev/v1/beta/{appid}/rules", response = Rules)]
/// #[auth(basic)]
/// pub struct ListRules {
///     /// Named in the template: a path parameter, percent-encoded.
///     appid: AppId,
///     /// A query parameter; `None` leaves it out.
///     #[endpoint(query)]
///     page: Option<u32>,
/// }
///
/// #[derive(Debug, Deserialize)]
/// pub struct Rules {
///     pub rules: Vec<String>,
/// }
///
/// let request = ListRules::builder()
///     .appid(AppId::new("0123456789abcdef0123456789abcdef")?)
///     .page(2)
///     .build();
/// assert_eq!(<ListRules as Endpoint>::PATH, "/dev/v1/beta/{appid}/rules");
/// # Ok::<(), agora_api::InvalidInput>(())
/// ```
///
/// On the struct:
///
/// | attribute | meaning |
/// |---|---|
/// | `#[endpoint(METHOD, "/path/{field}", response = Type)]` | `GET`, `POST`, `PUT`, `DELETE` or `PATCH`; the path template; the 2xx body type (required) |
/// | `idempotent` / `idempotent = false` | whether a retry may re-send it; default: `GET`, `PUT`, `DELETE` are, `POST` and `PATCH` are not |
/// | `validate = path::to::fn` | a `fn(&Self) -> Result<(), InvalidInput>` run before any I/O, for rules across fields (each field whose type implements [`Validate`](crate::Validate) is checked without it, under its wire name) |
/// | `doc = "https://..."` | Agora's reference page, in the registry and the doc block |
/// | `rate_limit(10, per = second, scope = app_id)` | a documented rate limit; repeatable; `per`: `second`, `minute`, `hour`, `day`; `scope`: `app_id`, `account`; optional `shared = "group"` (one budget for several endpoints) and `plan = "Enterprise"` |
/// | `host = "https://api.netless.link"` | a fixed host, without Agora's failover; default: Agora's domains ([`HostSet::AGORA`]) |
/// | `envelope = path::TO_CONST` | how a 2xx body reports an in-band failure and where its payload is (an [`Envelope`], e.g. [`envelope::CODE_MSG_DATA`](crate::envelope::CODE_MSG_DATA)); default: the body is the response |
/// | `retry_status = 409` | a status after which a call may succeed when tried again, beyond 429 and 500/502/503/504 (Media Gateway's `409` "too many concurrent requests"); repeatable; a retry still re-sends only an idempotent call |
/// | `token_context = path::to_fn` | a `fn(&Self) -> TokenContext<'_>` giving the channel and uid a per-request token (`rtc_token`, `education_token`) is minted for, wherever they are in the request (a nested body member); only with one of those schemes |
/// | `crate = "path"` | where `agora_api` is, when it is renamed or re-exported |
/// | `#[auth(basic)]`, `#[auth(basic, rtm_token)]` | the schemes Agora accepts, in order of preference: `basic`, `rtm_token`, `rtc_token`, `education_token`, `hmac`, `whiteboard_token`, `none` |
///
/// On a field:
///
/// | attribute | meaning |
/// |---|---|
/// | *(none)*, and the field is named in the template | path parameter (one percent-encoded segment, via `Display`) |
/// | *(none)*, otherwise | member of the JSON body object (via `Serialize`) |
/// | `#[endpoint(query)]`, `#[endpoint(query = "name")]` | query parameter (via `Display`) |
/// | `#[endpoint(header = "x-name")]` | request header (via `Display`) |
/// | `#[endpoint(body)]` | the field is the whole JSON body |
/// | `#[endpoint(rename = "wireName")]` | the name on the wire (body member, query, placeholder) |
/// | `#[endpoint(path)]` | asserts the field is a path parameter |
/// | `#[endpoint(sender)]` | the user the request acts as; under RTM token auth it must be the token's user, or the call fails before I/O |
///
/// A placeholder named `{region}` is a product's region path segment
/// (`/{region}/v1/...`): its field's type must implement
/// [`PathRegion`](crate::PathRegion), such as [`ServiceRegion`](crate::ServiceRegion),
/// never the host region [`Region`](crate::Region), and it is written as
/// its [`code`](crate::PathRegion::code).
///
/// A query field whose type is a [`CommaSeparated`] list is sent with
/// literal commas (`state=0,1,2`).
///
/// `Option<T>` fields are optional: `None` sends nothing. Every other field
/// is required by the generated builder at compile time.
///
/// [`#[endpoint_docs]`](crate::endpoint_docs) above the derive writes the
/// struct's doc block (method and path, auth, idempotency, rate limits,
/// reference page) from these same attributes.
pub trait Endpoint {
    /// What a successful (2xx) response body decodes into.
    type Response: DeserializeOwned;
    /// The endpoint's name, for logs and errors (the struct's name).
    const NAME: &'static str;
    /// The HTTP method.
    const METHOD: reqwest::Method;
    /// The path template, e.g. `/v1/apps/{appid}/cloud_recording/acquire`.
    const PATH: &'static str;
    /// Accepted authentication schemes, in order of preference.
    const AUTH: &'static [AuthScheme];
    /// Whether sending the request twice has the same effect as once, so a
    /// retry may re-send it after it may have reached the server. A `GET`
    /// that consumes what it reads (`idempotent = false`) is never re-sent
    /// once it may have reached Agora.
    const IDEMPOTENT: bool;
    /// The hosts the endpoint is served from: Agora's failover domains, or
    /// one fixed host.
    const HOSTS: HostSet = HostSet::AGORA;
    /// How a 2xx body reports in-band failures, and where its payload is.
    const ENVELOPE: Envelope = Envelope::BARE;
    /// Error statuses after which this endpoint's calls may succeed when
    /// tried again, beyond those every call retries (429, 500, 502, 503,
    /// 504): Media Gateway answers `409` for "too many concurrent
    /// requests" and asks for a retry with backoff. Declared with
    /// `#[endpoint(retry_status = 409)]`. A retry after such a status
    /// still re-sends only an [idempotent](Endpoint::IDEMPOTENT) call.
    const RETRY_STATUSES: &'static [u16] = &[];

    /// Checks rules across fields before any I/O. Single-field rules live in
    /// the field types (see [`crate::types`]).
    fn validate(&self) -> Result<(), InvalidInput> {
        Ok(())
    }

    /// The user the request acts as (the sender of a message), with its
    /// field's wire name: under RTM token auth it must be the user the
    /// token was generated for, as Agora accepts nothing else. Declared with
    /// `#[endpoint(sender)]`.
    fn sender(&self) -> Option<(&'static str, &str)> {
        None
    }

    /// The channel and uid a token for this request is bound to, for token
    /// sources that mint per request (RTC tokens for Conversational AI).
    /// Declared with `#[endpoint(token_context = path::to_fn)]`.
    fn token_context(&self) -> TokenContext<'_> {
        TokenContext::NONE
    }

    /// Writes the path, each parameter as one percent-encoded segment;
    /// fails when a parameter would not stay one segment (empty, `.` or
    /// `..`).
    fn write_path(&self, path: &mut PathWriter<'_>) -> Result<(), InvalidInput>;

    /// Writes the query parameters, if any.
    fn write_query(&self, query: &mut QueryWriter<'_>) {
        let _ = query;
    }

    /// Writes the endpoint's own headers, if any. Authentication and
    /// `Content-Type` are the client's.
    fn write_headers(&self, headers: &mut HeaderWriter<'_>) -> Result<(), InvalidInput> {
        let _ = headers;
        Ok(())
    }

    /// Writes the JSON body into `body`; returns `false` when the request has
    /// none.
    fn write_body(&self, body: &mut Vec<u8>) -> Result<bool, serde_json::Error> {
        let _ = body;
        Ok(false)
    }

    /// Reads a request back into the endpoint: the inverse of what the
    /// client sends, with the same validation (field types' rules and
    /// [`validate`](Endpoint::validate)).
    ///
    /// The method must be [`METHOD`](Endpoint::METHOD) and the path match
    /// [`PATH`](Endpoint::PATH) segment by segment (each parameter one
    /// percent-decoded segment, parsed with `FromStr`); query parameters and
    /// headers are parsed with `FromStr`, body members with
    /// `serde::Deserialize`. Unknown query parameters, headers and body
    /// members are ignored. Errors name the field by its wire name
    /// (`method`, `path` and `body` for the request's own parts), never
    /// panic, and never quote a value.
    ///
    /// ```
    /// use agora_api::{Endpoint, endpoint::WireRequest, reqwest::header::HeaderMap};
    /// use agora_api::channel::ListChannels;
    ///
    /// let headers = HeaderMap::new();
    /// let request = WireRequest::new(
    ///     "GET",
    ///     "/dev/v1/channel/0123456789abcdef0123456789abcdef",
    ///     Some("page_no=2&page_size=50"),
    ///     &headers,
    ///     b"",
    /// );
    /// let list = ListChannels::decode(&request)?;
    /// assert_eq!(list.page_no, Some(2));
    ///
    /// let wrong = WireRequest::new("POST", "/dev/v1/channel/x", None, &headers, b"");
    /// assert_eq!(ListChannels::decode(&wrong).unwrap_err().field(), "method");
    /// # Ok::<(), agora_api::InvalidInput>(())
    /// ```
    ///
    /// Derived endpoints generate it; a hand-written impl writes it with
    /// the readers of [`WireRequest`].
    fn decode(request: &WireRequest<'_>) -> Result<Self, InvalidInput>
    where
        Self: Sized;
}

/// A received HTTP request, as an endpoint's decoder reads it: borrowed
/// parts, nothing parsed up front.
///
/// ```
/// use agora_api::{endpoint::WireRequest, reqwest::header::HeaderMap};
///
/// let headers = HeaderMap::new();
/// let request = WireRequest::new("POST", "/dev/v1/kicking-rule", None, &headers, b"{}");
/// assert_eq!(request.method(), "POST");
/// assert_eq!(request.path(), "/dev/v1/kicking-rule");
/// assert_eq!(request.query(), None);
/// assert_eq!(request.body(), b"{}");
/// ```
#[derive(Debug, Clone, Copy)]
pub struct WireRequest<'a> {
    method: &'a str,
    path: &'a str,
    query: Option<&'a str>,
    headers: &'a HeaderMap,
    body: &'a [u8],
}

impl<'a> WireRequest<'a> {
    /// A request of `method` to `path`, the raw (still percent-encoded)
    /// path without the query; `query` is the raw query string without
    /// `?`.
    pub fn new(
        method: &'a str,
        path: &'a str,
        query: Option<&'a str>,
        headers: &'a HeaderMap,
        body: &'a [u8],
    ) -> Self {
        WireRequest {
            method,
            path,
            query,
            headers,
            body,
        }
    }

    /// The method, e.g. `POST`.
    pub fn method(&self) -> &'a str {
        self.method
    }

    /// The raw path, still percent-encoded, without the query.
    pub fn path(&self) -> &'a str {
        self.path
    }

    /// The raw query string without `?`, if there was one.
    pub fn query(&self) -> Option<&'a str> {
        self.query
    }

    /// The request headers.
    pub fn headers(&self) -> &'a HeaderMap {
        self.headers
    }

    /// The raw body.
    pub fn body(&self) -> &'a [u8] {
        self.body
    }
}

/// Characters left as they are in a path segment or a query component: the
/// RFC 3986 unreserved set. Everything else, `/ ? # % &` and space included,
/// is percent-encoded, so a value always arrives as the one segment or
/// value it was.
const COMPONENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Percent-encodes whatever is formatted into it, straight into a `String`.
struct Encoder<'a>(&'a mut String);

impl fmt::Write for Encoder<'_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        for chunk in percent_encoding::utf8_percent_encode(s, COMPONENT) {
            self.0.push_str(chunk);
        }
        Ok(())
    }
}

/// Appends an endpoint's path to the URL being built.
#[derive(Debug)]
pub struct PathWriter<'a> {
    url: &'a mut String,
}

impl<'a> PathWriter<'a> {
    /// A writer appending to `url`.
    ///
    /// ```
    /// let mut url = String::from("https://api.agora.io");
    /// let mut path = agora_api::endpoint::PathWriter::new(&mut url);
    /// path.literal("/dev/v1/channel/");
    /// path.segment("cname", "a/b c")?;
    /// assert_eq!(url, "https://api.agora.io/dev/v1/channel/a%2Fb%20c");
    /// # Ok::<(), agora_api::InvalidInput>(())
    /// ```
    pub fn new(url: &'a mut String) -> Self {
        PathWriter { url }
    }

    /// Appends template text as it is.
    pub fn literal(&mut self, text: &str) {
        self.url.push_str(text);
    }

    /// Appends one parameter as a single percent-encoded segment.
    ///
    /// Every character outside RFC 3986's unreserved set is
    /// percent-encoded, so `/`, `?`, `#` and `%` cannot leave the segment.
    /// What encoding leaves alone and a URL parser would still take as
    /// path syntax is refused, naming `field`: an empty segment, and the dot
    /// segments `.` and `..` (in any spelling, `%2e` included), which the
    /// parser would resolve to another endpoint's path.
    ///
    /// ```
    /// let mut url = String::from("https://api.agora.io/dev/v1/channel/user/");
    /// let mut path = agora_api::endpoint::PathWriter::new(&mut url);
    /// let error = path.segment("channelName", "..").unwrap_err();
    /// assert_eq!(error.field(), "channelName");
    /// assert!(path.segment("channelName", "%2e").is_ok(), "sent as %252e, a plain name");
    /// ```
    pub fn segment<T: Display + ?Sized>(
        &mut self,
        field: &'static str,
        value: &T,
    ) -> Result<(), InvalidInput> {
        let start = self.url.len();
        // Writing into a String cannot fail.
        let _ = write!(Encoder(self.url), "{value}");
        let written = &self.url[start..];
        let rule = if written.is_empty() {
            Some("must not be empty: it is a path segment")
        } else if is_dot_segment(written) {
            Some("must not be `.` or `..`: as a path segment it would name another path")
        } else {
            None
        };
        match rule {
            Some(rule) => {
                self.url.truncate(start);
                Err(InvalidInput::new(field, rule))
            }
            None => Ok(()),
        }
    }
}

/// Whether an encoded segment is `.` or `..` as a URL parser reads it:
/// `.` or `%2e` (either case) once or twice.
fn is_dot_segment(encoded: &str) -> bool {
    let mut rest = encoded.as_bytes();
    let mut dots = 0;
    while !rest.is_empty() {
        if rest[0] == b'.' {
            rest = &rest[1..];
        } else if rest.len() >= 3 && rest[..3].eq_ignore_ascii_case(b"%2e") {
            rest = &rest[3..];
        } else {
            return false;
        }
        dots += 1;
    }
    (1..=2).contains(&dots)
}

/// Appends query parameters to the URL being built.
#[derive(Debug)]
pub struct QueryWriter<'a> {
    url: &'a mut String,
    first: bool,
}

impl<'a> QueryWriter<'a> {
    /// A writer appending `?name=value&...` to `url`.
    ///
    /// ```
    /// let mut url = String::from("https://api.agora.io/dev/v1/channel/x");
    /// let mut query = agora_api::endpoint::QueryWriter::new(&mut url);
    /// query.pair("page_no", &0);
    /// query.pair("name", "a&b");
    /// assert_eq!(url, "https://api.agora.io/dev/v1/channel/x?page_no=0&name=a%26b");
    /// ```
    pub fn new(url: &'a mut String) -> Self {
        QueryWriter { url, first: true }
    }

    /// Appends `name=value`, both percent-encoded.
    pub fn pair<T: Display + ?Sized>(&mut self, name: &str, value: &T) {
        self.url.push(if self.first { '?' } else { '&' });
        self.first = false;
        let _ = write!(Encoder(self.url), "{name}");
        self.url.push('=');
        let _ = write!(Encoder(self.url), "{value}");
    }

    /// Appends `name=a,b,c`: each item percent-encoded, the commas
    /// literal, as Agora documents list parameters (`state=0,1,2`). An
    /// empty list writes `name=`.
    ///
    /// ```
    /// let mut url = String::from("https://api.agora.io/agents");
    /// let mut query = agora_api::endpoint::QueryWriter::new(&mut url);
    /// query.list("state", &[0, 1, 2]);
    /// query.list("tags", &["a,b", "c"]);
    /// assert_eq!(url, "https://api.agora.io/agents?state=0,1,2&tags=a%2Cb,c");
    /// ```
    pub fn list<I>(&mut self, name: &str, items: I)
    where
        I: IntoIterator,
        I::Item: Display,
    {
        self.url.push(if self.first { '?' } else { '&' });
        self.first = false;
        let _ = write!(Encoder(self.url), "{name}");
        self.url.push('=');
        for (index, item) in items.into_iter().enumerate() {
            if index > 0 {
                self.url.push(',');
            }
            let _ = write!(Encoder(self.url), "{item}");
        }
    }
}

/// A query value that is a list, sent as `name=a,b,c` with literal commas
/// (each item percent-encoded), as Agora documents list parameters
/// (`state=0,1,2`). The derive writes a query field whose type implements
/// it with [`QueryWriter::list`], and any other with
/// [`QueryWriter::pair`] (where a comma in the text is `%2C`). Reading a
/// request back, such a type's `FromStr` gets the whole comma-separated
/// text.
///
/// ```
/// use std::fmt::Display;
/// use agora_api::endpoint::CommaSeparated;
///
/// /// Tags, each sent in double quotes.
/// struct Tags(Vec<String>);
///
/// impl CommaSeparated for Tags {
///     fn items(&self) -> impl Iterator<Item = impl Display + '_> + '_ {
///         self.0.iter().map(|tag| format!("\"{tag}\""))
///     }
/// }
///
/// let tags = Tags(vec!["a".into(), "b c".into()]);
/// let mut url = String::from("https://api.agora.io/things");
/// agora_api::endpoint::QueryWriter::new(&mut url).list("tags", tags.items());
/// assert_eq!(url, "https://api.agora.io/things?tags=%22a%22,%22b%20c%22");
/// ```
pub trait CommaSeparated {
    /// The items, in order, each as it is written between the commas
    /// (before percent-encoding).
    fn items(&self) -> impl Iterator<Item = impl Display + '_> + '_;
}

/// How the derive writes a query field whose type may or may not be a
/// [`CommaSeparated`] list: method resolution on
/// `(&QueryField(&value)).write_query(..)` picks [`AsList`] for a list (no
/// autoref needed) and [`AsPair`] otherwise.
#[doc(hidden)]
#[derive(Debug)]
pub struct QueryField<'a, T: ?Sized>(pub &'a T);

#[doc(hidden)]
pub trait AsList {
    fn write_query(&self, name: &str, query: &mut QueryWriter<'_>);
}

impl<T: CommaSeparated + ?Sized> AsList for QueryField<'_, T> {
    fn write_query(&self, name: &str, query: &mut QueryWriter<'_>) {
        query.list(name, self.0.items());
    }
}

#[doc(hidden)]
pub trait AsPair {
    fn write_query(&self, name: &str, query: &mut QueryWriter<'_>);
}

impl<T: Display + ?Sized> AsPair for &QueryField<'_, T> {
    fn write_query(&self, name: &str, query: &mut QueryWriter<'_>) {
        query.pair(name, self.0);
    }
}

/// Collects an endpoint's own request headers.
#[derive(Debug)]
pub struct HeaderWriter<'a> {
    headers: &'a mut HeaderMap,
}

impl<'a> HeaderWriter<'a> {
    /// A writer inserting into `headers`.
    pub fn new(headers: &'a mut HeaderMap) -> Self {
        HeaderWriter { headers }
    }

    /// Inserts header `name` with `value`; `field` names the endpoint field
    /// in the error when the value cannot be a header value.
    ///
    /// ```
    /// let mut map = reqwest::header::HeaderMap::new();
    /// let mut headers = agora_api::endpoint::HeaderWriter::new(&mut map);
    /// headers.insert("x-request-id", "request_id", "abc")?;
    /// assert!(headers.insert("x-request-id", "request_id", "a\nb").is_err());
    /// assert_eq!(map["x-request-id"], "abc");
    /// # Ok::<(), agora_api::InvalidInput>(())
    /// ```
    pub fn insert<T: Display + ?Sized>(
        &mut self,
        name: &'static str,
        field: &'static str,
        value: &T,
    ) -> Result<(), InvalidInput> {
        let value = HeaderValue::try_from(value.to_string()).map_err(|_| {
            InvalidInput::new(
                field,
                "must be visible ASCII text to be sent as a header (no line breaks or control characters)",
            )
        })?;
        let name = HeaderName::from_bytes(name.as_bytes()).map_err(|_| {
            InvalidInput::new(field, "has a header name that is not a valid HTTP token")
        })?;
        self.headers.insert(name, value);
        Ok(())
    }
}
