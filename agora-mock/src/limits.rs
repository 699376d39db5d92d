//! Agora's documented rate limits, enforced when asked for
//! ([`MockServerBuilder::rate_limits`](crate::MockServerBuilder::rate_limits)):
//! a request over its limit is refused with `429` before it reaches its
//! endpoint, as Agora's gateway does. Windows are measured in real time.
//!
//! | endpoints | limit | counted per |
//! |---|---|---|
//! | each Console endpoint | 10 per second | account |
//! | each online statistics query (`/dev/v1/channel/...`) | 20 per second | account |
//! | each ban rule endpoint, the Notifications IPs | 10 per second | account |
//! | Cloud Recording (all but the NCS IPs) | 10 per second | App ID |
//! | Signaling peer and channel messages, together | 500 per second | App ID |
//! | Signaling user events; channel events | 10 per second each | App ID |
//! | Signaling 2.x history | 60 per second | App ID |
//! | Signaling 1.x history, together | 100 per second | App ID |
//! | Call Inspector call lists, sessions, metrics | 10 per second each (Enterprise) | App ID |

use std::collections::{HashMap, VecDeque};
use std::time::{Duration, Instant};

use agora_api::registry::EndpointInfo;

/// One documented limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Limit {
    /// Endpoints sharing a budget share a group.
    group: &'static str,
    max: usize,
    /// Whether the budget is per App ID (else per account).
    per_app: bool,
}

const SECOND: Duration = Duration::from_secs(1);

/// The documented limit of an endpoint, if Agora states one.
pub(crate) fn limit_of(info: &EndpointInfo) -> Option<Limit> {
    let limit = |group, max, per_app| {
        Some(Limit {
            group,
            max,
            per_app,
        })
    };
    match (info.product(), info.name) {
        ("agora_api::console", name) => limit(name, 10, false),
        (
            "agora_api::channel",
            name @ ("GetUserStatus" | "ListChannelUsers" | "ListChannelHosts" | "ListChannels"),
        ) => limit(name, 20, false),
        ("agora_api::channel", name) => limit(name, 10, false),
        ("agora_api::cloud_recording", "GetNcsIps") => None,
        ("agora_api::cloud_recording", _) => limit("cloud_recording", 10, true),
        ("agora_api::rtm", "SendPeerMessage" | "SendChannelMessage") => {
            limit("rtm_messages", 500, true)
        }
        ("agora_api::rtm", name @ ("GetUserEvents" | "GetChannelEvents")) => limit(name, 10, true),
        ("agora_api::rtm", "GetMessageHistory") => limit("rtm_history", 60, true),
        ("agora_api::rtm", _) => limit("rtm_history_1x", 100, true),
        ("agora_api::analytics", name @ ("ListCalls" | "GetCallSessions" | "GetCallMetrics")) => {
            limit(name, 10, true)
        }
        _ => None,
    }
}

/// The requests of the last second, per budget.
#[derive(Debug, Default)]
pub(crate) struct Limiter {
    windows: HashMap<(&'static str, String), VecDeque<Instant>>,
}

impl Limiter {
    /// Counts a request against `limit` for `app_id` at `now`; `false`
    /// when the budget of the last second is spent (the request is not
    /// counted then).
    pub(crate) fn admit(&mut self, limit: Limit, app_id: &str, now: Instant) -> bool {
        let scope = if limit.per_app { app_id } else { "account" };
        let window = self
            .windows
            .entry((limit.group, scope.to_owned()))
            .or_default();
        while window
            .front()
            .is_some_and(|at| now.duration_since(*at) >= SECOND)
        {
            window.pop_front();
        }
        if window.len() >= limit.max {
            return false;
        }
        window.push_back(now);
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_budget_refills_after_a_second() {
        let limit = Limit {
            group: "g",
            max: 2,
            per_app: true,
        };
        let mut limiter = Limiter::default();
        let start = Instant::now();
        assert!(limiter.admit(limit, "a", start));
        assert!(limiter.admit(limit, "a", start));
        assert!(!limiter.admit(limit, "a", start));
        assert!(limiter.admit(limit, "b", start), "another App ID");
        assert!(limiter.admit(limit, "a", start + SECOND));
    }

    #[test]
    fn every_product_endpoint_has_its_documented_limit_or_none() {
        let limited = crate::router::Router::new()
            .endpoints()
            .filter(|info| limit_of(info).is_some())
            .count();
        // All 50 but the NCS IPs of Cloud Recording and 13 Analytics
        // endpoints whose limits are per minute or per day.
        assert_eq!(limited, 50 - 1 - 13);
    }
}
