//! The runtime: everything between an endpoint value and its typed
//! response, and nothing that names a product.
//!
//! | module | what it owns |
//! |---|---|
//! | `endpoint` | the contract a derived endpoint fulfils, and the writers of path, query and headers |
//! | `decode` | the readers of a received request, the inverse of the writers, for derived decoders |
//! | `client`, `builder`, `body` | the path of a request: validate, render, authenticate, send per attempt, read under a bound, decode; its configuration |
//! | `auth`, `authorize` | credentials; the [`Authorizer`](crate::Authorizer) each scheme is applied by, per attempt, to the final request |
//! | `agora_token`, `hmac`, `whiteboard` | the `agora token=` schemes (RTC, education), HMAC-SHA256 signatures, Whiteboard tokens |
//! | `region`, `dns`, `path_region` | Agora's hosts, host sets, failover order, DNS failures; region path segments |
//! | `envelope`, `meta` | product envelopes of 2xx bodies (in-band failures); status and headers of an answer |
//! | `sequence` | increasing sequence numbers per resource |
//! | `retry`, `limiter` | when a failed call is tried again; client-side rate limits |
//! | `pages` | walking paged lists |
//! | `error`, `api_error`, `redact` | the one error type, Agora's answer to a failed call, and quoting a server without its secrets |
//! | `registry`, `erased` | every derived endpoint, registered at link time; sending one the registry names, its response as JSON |
//! | `validate` | the `Validate` trait of nested request values, and the `FieldPath` its errors name |

pub(crate) mod agora_token;
pub(crate) mod api_error;
pub(crate) mod auth;
pub(crate) mod authorize;
pub(crate) mod body;
pub(crate) mod builder;
pub(crate) mod client;
pub mod decode;
pub(crate) mod dns;
pub mod endpoint;
pub mod envelope;
pub(crate) mod erased;
pub(crate) mod error;
pub(crate) mod hmac;
pub(crate) mod limiter;
pub(crate) mod meta;
pub(crate) mod pages;
pub(crate) mod path_region;
pub mod redact;
pub(crate) mod region;
pub mod registry;
pub(crate) mod retry;
pub(crate) mod sequence;
pub(crate) mod validate;
pub(crate) mod whiteboard;
