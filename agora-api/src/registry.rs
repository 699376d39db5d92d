//! Every endpoint derived with `#[derive(Endpoint)]`, in this crate and in
//! the user's, registers its facts here at link time. Tests list them to
//! check coverage against specs; tools can print them.

use crate::endpoint::AuthScheme;

/// The facts of one derived endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct EndpointInfo {
    /// The struct's name.
    pub name: &'static str,
    /// The module it is defined in, e.g. `agora_api::cloud_recording`.
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
}

impl EndpointInfo {
    #[doc(hidden)]
    pub const fn new(
        name: &'static str,
        module: &'static str,
        method: &'static str,
        path: &'static str,
        auth: &'static [AuthScheme],
        idempotent: bool,
        deprecated: bool,
    ) -> Self {
        EndpointInfo {
            name,
            module,
            method,
            path,
            auth,
            idempotent,
            deprecated,
        }
    }
}

inventory::collect!(EndpointInfo);

/// Every derived endpoint linked into this program, in no particular order.
///
/// ```
/// let acquire = agora_api::registry::endpoints()
///     .find(|info| info.name == "Acquire")
///     .expect("Acquire is registered");
/// assert_eq!(acquire.module, "agora_api::cloud_recording");
/// assert!(!acquire.idempotent);
/// ```
pub fn endpoints() -> impl Iterator<Item = &'static EndpointInfo> {
    inventory::iter::<EndpointInfo>.into_iter()
}
