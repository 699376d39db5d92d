//! Every endpoint derived with `#[derive(Endpoint)]`, in this crate and in
//! the user's, registers its facts here at link time. Tests list them to
//! check coverage against specs; tools can print them.

use std::fmt;

use crate::endpoint::AuthScheme;
use crate::error::DecodeError;

/// Decodes a 2xx body as an endpoint's response, the way the client does,
/// and drops the value: whether the body decodes, and why not.
pub type ResponseCheck = fn(&[u8]) -> Result<(), DecodeError>;

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
    /// Whether the struct is `#[deprecated]` (a legacy endpoint).
    pub deprecated: bool,
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
            .field("deprecated", &self.deprecated)
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
        check_response: ResponseCheck,
    ) -> Self {
        EndpointInfo {
            name,
            module,
            method,
            path,
            auth,
            idempotent,
            deprecated,
            check_response,
        }
    }
}

inventory::collect!(EndpointInfo);

/// The [`ResponseCheck`] of endpoint `E`: its body decoded exactly as
/// [`Client::send`](crate::Client::send) decodes it.
#[doc(hidden)]
pub fn check_response<E: crate::Endpoint>(body: &[u8]) -> Result<(), DecodeError> {
    crate::client::decode_body::<E::Response>(body)
        .map(drop)
        .map_err(DecodeError::from)
}

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
