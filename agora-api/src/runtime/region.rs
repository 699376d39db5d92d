//! Agora's documented domains, regions and failover order.
//!
//! Agora serves every REST path from two primary domains, `api.agora.io`
//! (outside mainland China) and `api.sd-rtn.com` (inside), and from eight
//! regional hosts under each. Its documented failover on a failed call:
//! retry the same primary domain, then the other primary domain, then a
//! neighbouring region; when the failure is a network error rather than
//! DNS, skip the other primary domain and go to the region.

use std::fmt;

/// A primary domain.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Domain {
    /// `agora.io`, for servers outside mainland China.
    #[default]
    Global,
    /// `sd-rtn.com`, for servers inside mainland China.
    China,
}

impl Domain {
    /// The domain's suffix, e.g. `agora.io`.
    pub const fn suffix(self) -> &'static str {
        match self {
            Domain::Global => "agora.io",
            Domain::China => "sd-rtn.com",
        }
    }

    /// The other primary domain.
    pub const fn other(self) -> Domain {
        match self {
            Domain::Global => Domain::China,
            Domain::China => Domain::Global,
        }
    }

    /// The primary host: `https://api.agora.io` or `https://api.sd-rtn.com`.
    ///
    /// ```
    /// assert_eq!(agora_api::Domain::China.primary_url(), "https://api.sd-rtn.com");
    /// ```
    pub fn primary_url(self) -> String {
        format!("https://api.{}", self.suffix())
    }
}

/// One of Agora's eight regional REST hosts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Region {
    /// Western US: `api-us-west-1`.
    UsWest1,
    /// Eastern US: `api-us-east-1`.
    UsEast1,
    /// Southeast Asia Pacific: `api-ap-southeast-1`.
    ApSoutheast1,
    /// Northeast Asia Pacific: `api-ap-northeast-1`.
    ApNortheast1,
    /// Western Europe: `api-eu-west-1`.
    EuWest1,
    /// Central Europe: `api-eu-central-1`.
    EuCentral1,
    /// East China: `api-cn-east-1`.
    CnEast1,
    /// North China: `api-cn-north-1`.
    CnNorth1,
}

impl Region {
    /// Every region.
    pub const ALL: [Region; 8] = [
        Region::UsWest1,
        Region::UsEast1,
        Region::ApSoutheast1,
        Region::ApNortheast1,
        Region::EuWest1,
        Region::EuCentral1,
        Region::CnEast1,
        Region::CnNorth1,
    ];

    /// The region's code, e.g. `eu-central-1`.
    pub const fn code(self) -> &'static str {
        match self {
            Region::UsWest1 => "us-west-1",
            Region::UsEast1 => "us-east-1",
            Region::ApSoutheast1 => "ap-southeast-1",
            Region::ApNortheast1 => "ap-northeast-1",
            Region::EuWest1 => "eu-west-1",
            Region::EuCentral1 => "eu-central-1",
            Region::CnEast1 => "cn-east-1",
            Region::CnNorth1 => "cn-north-1",
        }
    }

    /// The neighbouring region a failed call moves to: the other region of
    /// the same area (Agora's example: a server in Germany, `eu-central-1`,
    /// falls back to `eu-west-1`).
    pub const fn neighbour(self) -> Region {
        match self {
            Region::UsWest1 => Region::UsEast1,
            Region::UsEast1 => Region::UsWest1,
            Region::ApSoutheast1 => Region::ApNortheast1,
            Region::ApNortheast1 => Region::ApSoutheast1,
            Region::EuWest1 => Region::EuCentral1,
            Region::EuCentral1 => Region::EuWest1,
            Region::CnEast1 => Region::CnNorth1,
            Region::CnNorth1 => Region::CnEast1,
        }
    }

    /// The region's host under `domain`.
    ///
    /// ```
    /// use agora_api::{Domain, Region};
    /// assert_eq!(Region::EuWest1.url(Domain::Global), "https://api-eu-west-1.agora.io");
    /// assert_eq!(Region::CnEast1.url(Domain::China), "https://api-cn-east-1.sd-rtn.com");
    /// ```
    pub fn url(self, domain: Domain) -> String {
        format!("https://api-{}.{}", self.code(), domain.suffix())
    }
}

impl fmt::Display for Region {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// The hosts an endpoint is served from, declared by the derive (`host =
/// "https://..."`) and used by the client for every attempt.
///
/// [`HostSet::AGORA`], the default, is Agora's documented domains with
/// their failover ([`Domain`], [`Region`]); [`HostSet::fixed`] is one host
/// without failover (Interactive Whiteboard's `api.netless.link`).
/// [`ClientBuilder::base_url`](crate::ClientBuilder::base_url) replaces
/// every set at once (one emulator serves every product);
/// [`ClientBuilder::base_url_for`](crate::ClientBuilder::base_url_for)
/// replaces one.
///
/// ```
/// use agora_api::HostSet;
///
/// const NETLESS: HostSet = HostSet::fixed("https://api.netless.link");
/// assert_eq!(NETLESS.fixed_url(), Some("https://api.netless.link"));
/// assert_eq!(HostSet::AGORA.fixed_url(), None);
/// assert_eq!(NETLESS.to_string(), "https://api.netless.link");
/// assert_eq!(HostSet::AGORA.to_string(), "Agora's domains");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct HostSet {
    fixed: Option<&'static str>,
}

impl HostSet {
    /// Agora's domains, `api.agora.io` and `api.sd-rtn.com`, with the
    /// documented failover order.
    pub const AGORA: HostSet = HostSet { fixed: None };

    /// One fixed host (`https://host`, no path), without failover: a failed
    /// attempt is retried on the same host.
    pub const fn fixed(url: &'static str) -> HostSet {
        HostSet { fixed: Some(url) }
    }

    /// The fixed host, or `None` for Agora's domains.
    pub const fn fixed_url(self) -> Option<&'static str> {
        self.fixed
    }
}

impl fmt::Display for HostSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.fixed.unwrap_or("Agora's domains"))
    }
}

/// Why the previous attempt failed, as far as host choice is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FailureKind {
    /// The host name did not resolve.
    Dns,
    /// Anything else: refused, reset, timed out, or an error status.
    Other,
}

/// The hosts a client may send a call to, in Agora's failover order.
#[derive(Debug, Clone)]
pub(crate) enum Hosts {
    /// Agora's domains: the primary, the other primary, the neighbouring
    /// region (when a home region is set).
    Agora {
        primary: Box<str>,
        alternate: Box<str>,
        neighbour: Option<Box<str>>,
    },
    /// Explicit base URLs (a proxy, an emulator, tests), tried in order,
    /// the first one twice.
    Custom(Vec<Box<str>>),
    /// One fixed host, every attempt.
    Fixed(&'static str),
}

impl Hosts {
    pub(crate) fn agora(domain: Domain, region: Option<Region>) -> Self {
        Hosts::Agora {
            primary: domain.primary_url().into(),
            alternate: domain.other().primary_url().into(),
            neighbour: region.map(|region| region.neighbour().url(domain).into()),
        }
    }

    /// The first host: where `prepare` points and where every call starts.
    pub(crate) fn first(&self) -> &str {
        match self {
            Hosts::Agora { primary, .. } => primary,
            Hosts::Custom(urls) => urls.first().map_or("", |url| url),
            Hosts::Fixed(url) => url,
        }
    }

    /// The host for attempt `attempt` (0-based), given why the previous one
    /// failed: the same host once more, then (after a DNS failure) the
    /// other primary domain, then the neighbouring region.
    pub(crate) fn for_attempt(&self, attempt: u32, previous: Option<FailureKind>) -> &str {
        match self {
            Hosts::Agora {
                primary,
                alternate,
                neighbour,
            } => match attempt {
                0 | 1 => primary,
                _ => match (previous, neighbour) {
                    (Some(FailureKind::Dns), _) if attempt == 2 => alternate,
                    (_, Some(neighbour)) => neighbour,
                    (_, None) => alternate,
                },
            },
            Hosts::Custom(urls) => {
                let index = (attempt as usize).saturating_sub(1);
                urls.get(index.min(urls.len().saturating_sub(1)))
                    .map_or("", |url| url)
            }
            Hosts::Fixed(url) => url,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failover_follows_agoras_documented_order() {
        let hosts = Hosts::agora(Domain::Global, Some(Region::EuCentral1));
        assert_eq!(hosts.for_attempt(0, None), "https://api.agora.io");
        assert_eq!(
            hosts.for_attempt(1, Some(FailureKind::Dns)),
            "https://api.agora.io"
        );
        // After a DNS failure: the other primary domain, then the region.
        assert_eq!(
            hosts.for_attempt(2, Some(FailureKind::Dns)),
            "https://api.sd-rtn.com"
        );
        assert_eq!(
            hosts.for_attempt(3, Some(FailureKind::Dns)),
            "https://api-eu-west-1.agora.io"
        );
        // After a network error: straight to the neighbouring region.
        assert_eq!(
            hosts.for_attempt(2, Some(FailureKind::Other)),
            "https://api-eu-west-1.agora.io"
        );
    }

    #[test]
    fn without_a_home_region_the_other_primary_is_the_fallback() {
        let hosts = Hosts::agora(Domain::China, None);
        assert_eq!(hosts.for_attempt(0, None), "https://api.sd-rtn.com");
        assert_eq!(
            hosts.for_attempt(2, Some(FailureKind::Other)),
            "https://api.agora.io"
        );
    }

    #[test]
    fn custom_hosts_retry_the_first_then_move_on() {
        let hosts = Hosts::Custom(vec!["http://a".into(), "http://b".into()]);
        assert_eq!(hosts.for_attempt(0, None), "http://a");
        assert_eq!(hosts.for_attempt(1, None), "http://a");
        assert_eq!(hosts.for_attempt(2, None), "http://b");
        assert_eq!(hosts.for_attempt(5, None), "http://b");
    }

    #[test]
    fn a_fixed_host_is_every_attempt() {
        let hosts = Hosts::Fixed("https://api.netless.link");
        for attempt in 0..4 {
            assert_eq!(
                hosts.for_attempt(attempt, Some(FailureKind::Dns)),
                "https://api.netless.link"
            );
        }
    }

    #[test]
    fn every_region_is_its_neighbours_neighbour() {
        for region in Region::ALL {
            assert_eq!(region.neighbour().neighbour(), region);
            assert_ne!(region.neighbour(), region);
        }
    }
}
