//! Request routing, from the handlers the products register
//! ([`crate::product`]): each handler's endpoint type gives its method and
//! path template, so a new handler is routed without a hand-kept table.
//! Path parameters come back percent-decoded.

use agora_api::registry::EndpointInfo;

use crate::product::{self, Route};

#[derive(Debug, Clone, PartialEq, Eq)]
enum Segment {
    Literal(&'static str),
    Param(&'static str),
}

#[derive(Debug)]
struct Entry {
    info: &'static EndpointInfo,
    route: Route,
    segments: Vec<Segment>,
    literals: usize,
}

/// Every route of every registered product.
#[derive(Debug)]
pub(crate) struct Router {
    entries: Vec<Entry>,
}

/// A matched route: the endpoint, its handler and its decoded path
/// parameters.
#[derive(Debug)]
pub(crate) struct Matched<'r> {
    pub(crate) info: &'static EndpointInfo,
    pub(crate) route: &'r Route,
    pub(crate) params: Vec<(&'static str, String)>,
}

/// Why a request matched no route.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum NoRoute {
    /// Nothing has this path and method.
    Unknown,
    /// A path parameter is not valid percent-encoded UTF-8.
    BadEncoding,
}

fn template(path: &'static str) -> Vec<Segment> {
    path.trim_start_matches('/')
        .split('/')
        .map(|segment| {
            match segment
                .strip_prefix('{')
                .and_then(|rest| rest.strip_suffix('}'))
            {
                Some(name) => Segment::Param(name),
                None => Segment::Literal(segment),
            }
        })
        .collect()
}

/// Every handler of every registered product, registered endpoint or
/// not (for the coverage checks).
pub(crate) fn handlers() -> impl Iterator<Item = Route> {
    product::products().flat_map(|registration| registration.routes())
}

impl Router {
    /// The routes of every handler of every registered product whose
    /// endpoint is in the registry.
    pub(crate) fn new() -> Self {
        let entries = handlers()
            .filter_map(|route| {
                let info = route.info?;
                let segments = template(route.path);
                let literals = segments
                    .iter()
                    .filter(|segment| matches!(segment, Segment::Literal(_)))
                    .count();
                Some(Entry {
                    info,
                    route,
                    segments,
                    literals,
                })
            })
            .collect();
        Router { entries }
    }

    /// The endpoints served, for tests and the binary's banner.
    pub(crate) fn endpoints(&self) -> impl Iterator<Item = &'static EndpointInfo> + '_ {
        self.entries.iter().map(|entry| entry.info)
    }

    /// The route for `method` and `path` (the raw, still percent-encoded
    /// path, without the query). Where several templates match, the one
    /// with the most literal segments wins (`/hosts_only` over a
    /// parameter).
    pub(crate) fn find(&self, method: &str, path: &str) -> Result<Matched<'_>, NoRoute> {
        let Some(rest) = path.strip_prefix('/') else {
            return Err(NoRoute::Unknown);
        };
        let raw: Vec<&str> = rest.split('/').collect();
        let best = self
            .entries
            .iter()
            .filter(|entry| entry.route.method == method && entry.segments.len() == raw.len())
            .filter(|entry| {
                entry
                    .segments
                    .iter()
                    .zip(&raw)
                    .all(|(segment, raw)| match segment {
                        Segment::Literal(text) => text == raw,
                        Segment::Param(_) => !raw.is_empty(),
                    })
            })
            .max_by_key(|entry| entry.literals)
            .ok_or(NoRoute::Unknown)?;
        let mut params = Vec::new();
        for (segment, raw) in best.segments.iter().zip(&raw) {
            if let Segment::Param(name) = segment {
                let value = percent_decode(raw, false).ok_or(NoRoute::BadEncoding)?;
                params.push((*name, value));
            }
        }
        Ok(Matched {
            info: best.info,
            route: &best.route,
            params,
        })
    }
}

fn hex_value(byte: u8) -> Option<u8> {
    match byte {
        b'0'..=b'9' => Some(byte - b'0'),
        b'a'..=b'f' => Some(byte - b'a' + 10),
        b'A'..=b'F' => Some(byte - b'A' + 10),
        _ => None,
    }
}

/// Percent-decodes `text` into UTF-8; `plus_is_space` for query strings.
/// `None` for a broken escape or bytes that are not UTF-8.
pub(crate) fn percent_decode(text: &str, plus_is_space: bool) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        match bytes[index] {
            b'%' => {
                let high = hex_value(*bytes.get(index + 1)?)?;
                let low = hex_value(*bytes.get(index + 2)?)?;
                out.push(high * 16 + low);
                index += 3;
            }
            b'+' if plus_is_space => {
                out.push(b' ');
                index += 1;
            }
            byte => {
                out.push(byte);
                index += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

/// The decoded `name=value` pairs of a query string, in order.
pub(crate) fn parse_query(query: &str) -> Option<Vec<(String, String)>> {
    query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            Some((percent_decode(name, true)?, percent_decode(value, true)?))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    use std::collections::BTreeSet;

    use agora_api::registry;

    #[test]
    fn every_handler_is_for_a_registered_endpoint_of_its_product() {
        let mut seen = BTreeSet::new();
        for route in handlers() {
            let Some(info) = route.info else {
                panic!(
                    "{} registers a handler for {} ({}), which is not in the registry",
                    route.product, route.name, route.path
                );
            };
            assert_eq!(
                info.product(),
                route.product,
                "{} is registered by another product",
                info.name
            );
            // One Agora service documented by several products (`GET
            // /v1/ncs/ip`: Cloud Recording, Media Pull) is bound by each,
            // so that each product's feature stands alone: the requests
            // are the same bytes, and any of its handlers answers them.
            // Only such a read without parameters may be shared.
            let shared = info.method == "GET" && !info.path.contains('{');
            assert!(
                seen.insert((info.method, info.path)) || shared,
                "two handlers for {} {}",
                info.method,
                info.path
            );
        }
    }

    #[test]
    fn every_endpoint_of_a_served_product_has_a_handler() {
        let served: BTreeSet<&str> = product::products()
            .map(|registration| registration.module)
            .collect();
        let handled: Vec<&EndpointInfo> = handlers().filter_map(|route| route.info).collect();
        let of_served: Vec<&EndpointInfo> = registry::endpoints()
            .filter(|info| served.contains(info.product()))
            .collect();
        for info in &of_served {
            assert!(
                handled.contains(info),
                "{} of {} has no handler",
                info.name,
                info.product()
            );
        }
        let router = Router::new();
        assert_eq!(router.endpoints().count(), of_served.len());
        // The emulator serves every product `agora-api` binds: a product
        // folder missing (or not registered) leaves its endpoints here.
        let unserved: Vec<&str> = registry::endpoints()
            .filter(|info| info.module.starts_with("agora_api::"))
            .filter(|info| !served.contains(info.product()))
            .map(|info| info.name)
            .collect();
        assert!(unserved.is_empty(), "no product serves {unserved:?}");
    }

    #[test]
    fn literals_win_over_parameters() {
        let router = Router::new();
        let hosts = router
            .find(
                "GET",
                "/dev/v1/channel/user/0123456789abcdef0123456789abcdef/room%20%231/hosts_only",
            )
            .expect("a route");
        assert_eq!(hosts.info.name, "ListChannelHosts");
        assert_eq!(hosts.params[1], ("channelName", "room #1".to_owned()));
        let users = router
            .find(
                "GET",
                "/dev/v1/channel/user/0123456789abcdef0123456789abcdef/c",
            )
            .expect("a route");
        assert_eq!(users.info.name, "ListChannelUsers");
        assert_eq!(
            router.find("PATCH", "/dev/v1/projects").unwrap_err(),
            NoRoute::Unknown
        );
        assert_eq!(
            router
                .find("GET", "/dev/v1/channel/user/x/%FF")
                .unwrap_err(),
            NoRoute::BadEncoding
        );
    }

    #[test]
    fn query_strings_decode_plus_and_percent() {
        let pairs = parse_query("a=1&name=a+b%26c&flag").expect("valid");
        assert_eq!(
            pairs,
            [
                ("a".into(), "1".into()),
                ("name".into(), "a b&c".into()),
                ("flag".into(), String::new())
            ]
        );
        assert!(parse_query("a=%G0").is_none());
    }
}
