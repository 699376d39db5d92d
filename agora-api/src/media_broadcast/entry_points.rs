//! Entry points: the groups of streams that settings (recording,
//! transcoding, snapshots, pull-from-origin, transfer) apply to.

use serde::Deserialize;

use super::Done;
use super::names::EntryPointName;
use crate::{AppId, Endpoint, endpoint_docs};

/// Adds an entry point; Agora answers `201` with no body. The default
/// entry point `live` exists without being added.
///
/// Not idempotent: a create, never re-sent once it may have reached
/// Agora.
///
/// ```
/// use agora_api::media_broadcast::{AddEntryPoint, EntryPointName};
/// use agora_api::{AppId, Client};
///
/// let add = AddEntryPoint::builder()
///     .appid(AppId::new("0123456789abcdef0123456789abcdef")?)
///     .entry_point(EntryPointName::new("live2")?)
///     .build();
/// let client = Client::builder().hmac_auth("id", "secret").build()?;
/// assert!(client.prepare(&add)?.url().as_str().ends_with("/fls/entry_points?id=live2"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    POST,
    "/v1/projects/{appid}/fls/entry_points",
    response = Done,
    doc = "https://docs.agora.io/en/broadcast-streaming/restful-api/entry-points",
    rate_limit(50, per = second, scope = app_id, shared = "media_broadcast"),
)]
#[auth(hmac)]
pub struct AddEntryPoint {
    /// The project.
    pub appid: AppId,
    /// The new entry point's name.
    #[endpoint(query = "id")]
    pub entry_point: EntryPointName,
}

/// Deletes an entry point (not `live`, which cannot be deleted), with its
/// settings. Idempotent: a repeat changes nothing more (it finds nothing,
/// `404`).
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    DELETE,
    "/v1/projects/{appid}/fls/entry_points/{entry_point}",
    response = Done,
    doc = "https://docs.agora.io/en/broadcast-streaming/restful-api/entry-points",
    rate_limit(50, per = second, scope = app_id, shared = "media_broadcast"),
)]
#[auth(hmac)]
pub struct DeleteEntryPoint {
    /// The project.
    pub appid: AppId,
    /// The entry point.
    pub entry_point: EntryPointName,
}

/// Lists the project's entry points, `live` included.
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    GET,
    "/v1/projects/{appid}/fls/entry_points",
    response = EntryPointList,
    idempotent,
    doc = "https://docs.agora.io/en/broadcast-streaming/restful-api/entry-points",
    rate_limit(50, per = second, scope = app_id, shared = "media_broadcast"),
)]
#[auth(hmac)]
pub struct ListEntryPoints {
    /// The project.
    pub appid: AppId,
}

/// The project's entry points, as [`ListEntryPoints`] answers them.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct EntryPointList {
    /// The entry points.
    #[serde(default)]
    pub entry_point_list: Vec<EntryPoint>,
}

/// One entry point.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct EntryPoint {
    /// Its name.
    pub name: String,
}
