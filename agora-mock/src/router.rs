//! Request routing, from `agora_api::registry`: every endpoint the derive
//! registered in `agora_api` is a route (method + path template), so a new
//! endpoint in `agora-api` is routed without a hand-kept table. Path
//! parameters come back percent-decoded.

use agora_api::registry::{self, EndpointInfo};

/// The modules of `agora_api` whose endpoints the emulator serves.
pub(crate) const PRODUCTS: &[&str] = &[
    "agora_api::console",
    "agora_api::channel",
    "agora_api::cloud_recording",
    "agora_api::rtm",
    "agora_api::analytics",
];

#[derive(Debug, Clone, PartialEq, Eq)]
enum Segment {
    Literal(&'static str),
    Param(&'static str),
}

#[derive(Debug)]
struct Route {
    info: &'static EndpointInfo,
    segments: Vec<Segment>,
    literals: usize,
}

/// Every route of the five products.
#[derive(Debug)]
pub(crate) struct Router {
    routes: Vec<Route>,
}

/// A matched route: the endpoint and its decoded path parameters.
#[derive(Debug)]
pub(crate) struct Matched {
    pub(crate) info: &'static EndpointInfo,
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

impl Router {
    /// The routes of every registered endpoint of the five products.
    pub(crate) fn new() -> Self {
        let routes = registry::endpoints()
            .filter(|info| PRODUCTS.contains(&info.product()))
            .map(|info| {
                let segments = template(info.path);
                let literals = segments
                    .iter()
                    .filter(|segment| matches!(segment, Segment::Literal(_)))
                    .count();
                Route {
                    info,
                    segments,
                    literals,
                }
            })
            .collect();
        Router { routes }
    }

    /// The endpoints served, for tests and the binary's banner.
    pub(crate) fn endpoints(&self) -> impl Iterator<Item = &'static EndpointInfo> + '_ {
        self.routes.iter().map(|route| route.info)
    }

    /// The route for `method` and `path` (the raw, still percent-encoded
    /// path, without the query). Where several templates match, the one
    /// with the most literal segments wins (`/hosts_only` over a
    /// parameter).
    pub(crate) fn find(&self, method: &str, path: &str) -> Result<Matched, NoRoute> {
        let Some(rest) = path.strip_prefix('/') else {
            return Err(NoRoute::Unknown);
        };
        let raw: Vec<&str> = rest.split('/').collect();
        let best = self
            .routes
            .iter()
            .filter(|route| route.info.method == method && route.segments.len() == raw.len())
            .filter(|route| {
                route
                    .segments
                    .iter()
                    .zip(&raw)
                    .all(|(segment, raw)| match segment {
                        Segment::Literal(text) => text == raw,
                        Segment::Param(_) => !raw.is_empty(),
                    })
            })
            .max_by_key(|route| route.literals)
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

    #[test]
    fn every_product_endpoint_is_routed_and_literals_win() {
        let router = Router::new();
        assert_eq!(router.endpoints().count(), 50);
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
