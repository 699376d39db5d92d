//! Agora's documented rate limits, enforced when asked for
//! ([`MockServerBuilder::rate_limits`](crate::MockServerBuilder::rate_limits)):
//! a request over its limit is refused with `429` (in its product's shape)
//! before it reaches its endpoint, as Agora's gateway does.
//!
//! The limits are the endpoints' own, from the registry
//! ([`EndpointInfo::rate_limits`]): each is `count` requests per second,
//! minute, hour or day, counted per App ID or per account, in a budget of
//! its own or one `shared` by several endpoints (Signaling's peer and
//! channel messages). Where a figure depends on the Agora plan, the
//! emulator plays the [`PLAN`] plan. A request must fit every limit of its
//! endpoint, and counts against all of them. Windows slide, in real time.

use std::collections::{HashMap, VecDeque};
use std::time::Instant;

use agora_api::registry::{EndpointInfo, Period, RateLimit, RateScope};

/// The plan whose figures the emulator enforces where a limit depends on
/// the plan.
pub(crate) const PLAN: &str = "Enterprise";

/// One budget: whose requests (an endpoint's, or a shared group's), for
/// which App ID (empty for an account-wide one), over which period.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Budget {
    product: &'static str,
    group: &'static str,
    scope: String,
    per: Period,
}

/// The limits of `info` the emulator enforces: those of no plan, or of
/// [`PLAN`].
pub(crate) fn enforced(info: &EndpointInfo) -> impl Iterator<Item = &'static RateLimit> + '_ {
    info.rate_limits
        .iter()
        .filter(|limit| limit.plan.is_none_or(|plan| plan == PLAN))
}

/// The requests counted in each budget's current window.
#[derive(Debug, Default)]
pub(crate) struct Limiter {
    windows: HashMap<Budget, VecDeque<Instant>>,
}

impl Limiter {
    /// Counts a request for `info` and `app_id` at `now` against every
    /// enforced limit of the endpoint; `false` (and nothing counted) when
    /// one of them is spent. The caller passes the App ID only when it is
    /// a project of the account, so hostile App IDs do not make budgets.
    pub(crate) fn admit(&mut self, info: &EndpointInfo, app_id: &str, now: Instant) -> bool {
        let budgets: Vec<(Budget, u32)> = enforced(info)
            .map(|limit| {
                let scope = match limit.scope {
                    RateScope::AppId => app_id.to_owned(),
                    _ => String::new(),
                };
                let budget = Budget {
                    product: info.product(),
                    group: limit.shared.unwrap_or(info.name),
                    scope,
                    per: limit.per,
                };
                (budget, limit.count)
            })
            .collect();
        for (budget, count) in &budgets {
            let window = self.windows.entry(budget.clone()).or_default();
            let span = budget.per.duration();
            while window
                .front()
                .is_some_and(|at| now.duration_since(*at) >= span)
            {
                window.pop_front();
            }
            if window.len() >= *count as usize {
                return false;
            }
        }
        for (budget, _) in budgets {
            self.windows.entry(budget).or_default().push_back(now);
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    fn info(name: &str) -> &'static EndpointInfo {
        agora_api::registry::endpoints()
            .find(|info| info.name == name)
            .expect("registered")
    }

    #[test]
    fn a_budget_refills_after_its_period() {
        let list = info("ListProjects");
        let mut limiter = Limiter::default();
        let start = Instant::now();
        for _ in 0..10 {
            assert!(limiter.admit(list, "", start));
        }
        assert!(!limiter.admit(list, "", start), "10 a second");
        assert!(
            limiter.admit(info("GetProject"), "", start),
            "each Console endpoint has its own budget"
        );
        assert!(limiter.admit(list, "", start + Duration::from_secs(1)));
    }

    #[test]
    fn shared_budgets_and_app_ids_are_counted_apart() {
        let (peer, channel) = (info("SendPeerMessage"), info("SendChannelMessage"));
        let mut limiter = Limiter::default();
        let now = Instant::now();
        for _ in 0..250 {
            assert!(limiter.admit(peer, "a", now));
            assert!(limiter.admit(channel, "a", now));
        }
        assert!(!limiter.admit(peer, "a", now), "500 a second together");
        assert!(limiter.admit(channel, "b", now), "another App ID");
    }

    #[test]
    fn every_limit_of_an_endpoint_holds_and_the_plan_is_enterprise() {
        let by_time = info("GetUsageByTime");
        let periods: Vec<(u32, Period)> = enforced(by_time)
            .map(|limit| (limit.count, limit.per))
            .collect();
        assert_eq!(periods, [(10, Period::Minute), (60, Period::Day)]);
        let mut limiter = Limiter::default();
        let start = Instant::now();
        let mut admitted = 0;
        for minute in 0..10 {
            let at = start + Duration::from_secs(60 * minute);
            while limiter.admit(by_time, "a", at) {
                admitted += 1;
            }
        }
        assert_eq!(admitted, 60, "10 a minute, 60 a day");
        assert_eq!(enforced(info("GetNcsIps")).count(), 0);
    }
}
