//! The runtime: everything between an endpoint value and its typed
//! response, and nothing that names a product.
//!
//! | module | what it owns |
//! |---|---|
//! | `endpoint` | the contract a derived endpoint fulfils, and the writers of path, query and headers |
//! | `decode` | the readers of a received request, the inverse of the writers, for derived decoders |
//! | `client`, `builder`, `body` | the path of a request: validate, render, authenticate, send per attempt, read under a bound, decode; its configuration |
//! | `auth` | credentials and how each scheme is applied |
//! | `region`, `dns` | Agora's hosts, failover order, DNS failures |
//! | `retry`, `limiter` | when a failed call is tried again; client-side rate limits |
//! | `pages` | walking paged lists |
//! | `error`, `redact` | the one error type, and quoting a server without its secrets |
//! | `registry` | every derived endpoint, registered at link time |

pub(crate) mod auth;
pub(crate) mod body;
pub(crate) mod builder;
pub(crate) mod client;
pub mod decode;
pub(crate) mod dns;
pub mod endpoint;
pub(crate) mod error;
pub(crate) mod limiter;
pub(crate) mod pages;
pub mod redact;
pub(crate) mod region;
pub mod registry;
pub(crate) mod retry;
