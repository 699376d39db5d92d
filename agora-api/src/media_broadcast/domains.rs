//! Stream-pushing and stream-playing domain names, and their timestamp
//! authentication keys.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::Done;
use super::names::{FlsDomain, FlsRegion};
use crate::values::string_enum;
use crate::{AppId, Endpoint, InvalidInput, Secret, endpoint_docs};

string_enum! {
    /// What a domain name is for (`type`).
    pub enum DomainType {
        /// `publish`: streams are pushed to it.
        Publish = "publish",
        /// `play`: streams are played from it.
        Play = "play",
    }
}

/// Adds a stream-pushing or stream-playing domain name to the project;
/// Agora answers `201` with the domain and the `cname` to set at your
/// DNS host.
///
/// Not idempotent: a create, never re-sent once it may have reached
/// Agora. A stream-pushing domain needs its `region`; a stream-playing
/// one takes none.
///
/// ```
/// use agora_api::media_broadcast::{AddDomain, DomainType, FlsDomain, FlsRegion};
/// use agora_api::{AppId, Client};
///
/// let add = AddDomain::builder()
///     .appid(AppId::new("0123456789abcdef0123456789abcdef")?)
///     .domain(FlsDomain::new("push.example.com")?)
///     .domain_type(DomainType::Publish)
///     .region(FlsRegion::China)
///     .build();
/// let client = Client::builder().hmac_auth("id", "secret").build()?;
/// let request = client.prepare(&add)?;
/// assert_eq!(
///     request.url().as_str(),
///     "https://api.agora.io/v1/projects/0123456789abcdef0123456789abcdef/fls/domains?id=push.example.com"
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    POST,
    "/v1/projects/{appid}/fls/domains",
    response = Domain,
    validate = AddDomain::check,
    doc = "https://docs.agora.io/en/broadcast-streaming/restful-api/domain-names",
    rate_limit(50, per = second, scope = app_id, shared = "media_broadcast"),
)]
#[auth(hmac)]
pub struct AddDomain {
    /// The project.
    pub appid: AppId,
    /// The domain name to add.
    #[endpoint(query = "id")]
    pub domain: FlsDomain,
    /// Whether streams are pushed to it or played from it.
    #[endpoint(rename = "type")]
    pub domain_type: DomainType,
    /// The region of Agora's servers for a stream-pushing domain
    /// (required for one); not for a stream-playing one.
    pub region: Option<FlsRegion>,
}

impl AddDomain {
    fn check(&self) -> Result<(), InvalidInput> {
        if self.domain_type == DomainType::Publish && self.region.is_none() {
            return Err(InvalidInput::new(
                "region",
                "is required for a stream-pushing (`publish`) domain",
            ));
        }
        Ok(())
    }
}

/// Deletes a domain name. Idempotent: a repeat changes nothing more (it
/// finds nothing, `404`).
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    DELETE,
    "/v1/projects/{appid}/fls/domains/{domain}",
    response = Done,
    doc = "https://docs.agora.io/en/broadcast-streaming/restful-api/domain-names",
    rate_limit(50, per = second, scope = app_id, shared = "media_broadcast"),
)]
#[auth(hmac)]
pub struct DeleteDomain {
    /// The project.
    pub appid: AppId,
    /// The domain name.
    pub domain: FlsDomain,
}

/// Lists the project's domain names.
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    GET,
    "/v1/projects/{appid}/fls/domains",
    response = DomainList,
    idempotent,
    doc = "https://docs.agora.io/en/broadcast-streaming/restful-api/domain-names",
    rate_limit(50, per = second, scope = app_id, shared = "media_broadcast"),
)]
#[auth(hmac)]
pub struct ListDomains {
    /// The project.
    pub appid: AppId,
}

/// Gets one domain name's attributes.
///
/// Agora's page gives the path `/domains/{domain}` and an example
/// `/domains?id={domain}`; the path form is bound, as delete and the
/// timestamp key use it (`specs/media-broadcast.json`, exception
/// `get-domain-path`).
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    GET,
    "/v1/projects/{appid}/fls/domains/{domain}",
    response = Domain,
    idempotent,
    doc = "https://docs.agora.io/en/broadcast-streaming/restful-api/domain-names",
    rate_limit(50, per = second, scope = app_id, shared = "media_broadcast"),
)]
#[auth(hmac)]
pub struct GetDomain {
    /// The project.
    pub appid: AppId,
    /// The domain name.
    pub domain: FlsDomain,
}

/// A timestamp authentication key (`authKey`): 1 to 128 characters, a
/// secret never printed.
///
/// ```
/// use agora_api::media_broadcast::AuthKey;
/// let key = AuthKey::new("k3y-of-the-push-domain")?;
/// assert_eq!(key.expose(), "k3y-of-the-push-domain");
/// assert!(!format!("{key:?}").contains("k3y"));
/// assert!(AuthKey::new("x".repeat(129)).is_err());
/// # Ok::<(), agora_api::InvalidInput>(())
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct AuthKey(Secret);

impl AuthKey {
    /// Checks the length: 1 to 128 characters.
    pub fn new(key: impl Into<String>) -> Result<Self, InvalidInput> {
        let key = key.into();
        let length = key.chars().count();
        if !(1..=128).contains(&length) {
            return Err(InvalidInput::new(
                "authKey",
                format!("must be 1 to 128 characters (got {length})"),
            ));
        }
        Ok(AuthKey(Secret::new(key)))
    }

    /// The key, for signing play and push URLs.
    pub fn expose(&self) -> &str {
        self.0.expose()
    }
}

impl fmt::Debug for AuthKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("AuthKey(<redacted>)")
    }
}

impl Serialize for AuthKey {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.expose())
    }
}

impl<'de> Deserialize<'de> for AuthKey {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let key = String::deserialize(deserializer)?;
        AuthKey::new(key).map_err(|error| serde::de::Error::custom(error.rule().to_owned()))
    }
}

/// Sets the timestamp authentication key of a domain name: push and play
/// URLs of that domain must then be signed with it. Setting the same key
/// again changes nothing: idempotent.
#[endpoint_docs]
#[derive(Debug, Clone, Endpoint)]
#[endpoint(
    PATCH,
    "/v1/projects/{appid}/fls/domains/{domain}",
    response = Done,
    idempotent,
    doc = "https://docs.agora.io/en/broadcast-streaming/restful-api/stream-authentication",
    rate_limit(50, per = second, scope = app_id, shared = "media_broadcast"),
)]
#[auth(hmac)]
pub struct SetDomainAuthKey {
    /// The project.
    pub appid: AppId,
    /// The domain name.
    pub domain: FlsDomain,
    /// The key.
    #[endpoint(rename = "authKey")]
    pub auth_key: AuthKey,
}

/// A domain name, as [`AddDomain`] and [`GetDomain`] answer it and
/// [`ListDomains`] lists it. Every member is optional: Agora's pages list
/// some that their examples leave out (`cname`, `authKey`) and the
/// reverse (`name`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Domain {
    /// The project's App ID.
    #[serde(default)]
    pub appid: Option<String>,
    /// The domain name.
    #[serde(default)]
    pub name: Option<String>,
    /// Push or play.
    #[serde(default, rename = "type")]
    pub domain_type: Option<DomainType>,
    /// The region of a stream-pushing domain.
    #[serde(default)]
    pub region: Option<FlsRegion>,
    /// The key for hotlink protection (a secret, never printed).
    #[serde(default)]
    pub auth_key: Option<Secret>,
    /// The CNAME to point the domain at, at your DNS host.
    #[serde(default)]
    pub cname: Option<String>,
}

/// The project's domain names, as [`ListDomains`] answers them.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct DomainList {
    /// The domains.
    #[serde(default)]
    pub domain_list: Vec<Domain>,
}
