//! RTC channel management: ban rules, online channel statistics and the
//! Notifications IPs.
//!
//! Ban rules get increasing IDs, expire at their `ts` (then leave the list
//! and can no longer be updated or deleted: `404`), and a `join_channel`
//! rule kicks the users it matches out of their channels at once and keeps
//! them out (seeding a join they match fails). Durations are taken as
//! Agora takes them: clamped to 1..=1440 minutes or 10..=86430 seconds, `0`
//! kicks without banning, `time_in_seconds` wins over `time`, 60 minutes
//! when neither is set. Channels exist while someone is in them; tests put
//! users in them with [`MockServer::channel`](crate::MockServer::channel).

use std::collections::BTreeMap;
use std::time::SystemTime;

use agora_api::InvalidInput;
use agora_api::channel::{
    CreateBanRule, DeleteBanRule, GetUserStatus, ListBanRules, ListChannelHosts, ListChannelUsers,
    ListChannels, ListNotificationIps, UpdateBanRuleExpiry,
};
use agora_api::registry::EndpointInfo;
use serde_json::{Value, json};

use crate::product::{Call, Product, Registration, Routes, Store};
use crate::reply::{Fail, Handled, Reply};

mod ban;
mod stats;

/// The channel management product.
#[derive(Debug)]
pub(crate) struct ChannelManagement;

impl Product for ChannelManagement {
    const MODULE: &'static str = "agora_api::channel";
    type State = BanRules;

    fn register(routes: &mut Routes<Self>) {
        routes
            .on_lenient::<CreateBanRule>(ban::clamp_durations, ban::create_rule)
            .on::<ListBanRules>(ban::list_rules)
            .on_lenient::<UpdateBanRuleExpiry>(ban::clamp_durations, ban::update_rule)
            .on::<DeleteBanRule>(ban::delete_rule)
            .on::<GetUserStatus>(stats::user_status)
            .on::<ListChannelUsers>(stats::channel_users)
            .on::<ListChannelHosts>(stats::channel_hosts)
            .on::<ListChannels>(stats::channels)
            .on::<ListNotificationIps>(notification_ips);
    }

    /// `400 {"message": ...}`.
    fn invalid(_info: &'static EndpointInfo, _request_id: &str, error: &InvalidInput) -> Reply {
        Reply::json(400, json!({ "message": error.to_string() }))
    }

    fn unsupported_media_type(_request_id: &str) -> Reply {
        Reply::unsupported_media_type()
    }

    /// Expired rules are forgotten.
    fn tick(store: &mut Store<'_, Self>, now: SystemTime) {
        store.own.rules.retain(|_, rule| rule.expires > now);
    }
}

inventory::submit! { Registration::of::<ChannelManagement>() }

/// The ban rules of the account, by ID.
#[derive(Debug)]
pub(crate) struct BanRules {
    next_id: u64,
    rules: BTreeMap<u64, BanRule>,
}

impl Default for BanRules {
    fn default() -> Self {
        BanRules {
            next_id: 1,
            rules: BTreeMap::new(),
        }
    }
}

impl BanRules {
    /// The next rule ID.
    fn next_id(&mut self) -> u64 {
        let id = self.next_id;
        self.next_id += 1;
        id
    }

    /// The first active join ban covering `uid` (at `ip`) in `cname` of
    /// `app_id`.
    pub(crate) fn join_ban(
        &self,
        app_id: &str,
        cname: &str,
        uid: u32,
        ip: Option<&str>,
        now: SystemTime,
    ) -> Option<u64> {
        self.rules
            .values()
            .find(|rule| {
                rule.appid == app_id
                    && rule.expires > now
                    && rule.bans_joining()
                    && rule.matches(cname, uid, ip)
            })
            .map(|rule| rule.id)
    }
}

/// A ban rule.
#[derive(Debug, Clone)]
struct BanRule {
    id: u64,
    pub(crate) appid: String,
    pub(crate) cname: Option<String>,
    pub(crate) uid: Option<u32>,
    pub(crate) ip: Option<String>,
    pub(crate) privileges: Vec<String>,
    pub(crate) opid: u64,
    pub(crate) created: SystemTime,
    pub(crate) updated: SystemTime,
    pub(crate) expires: SystemTime,
}

impl BanRule {
    /// Whether the rule covers a user `uid` (at `ip`) in channel `cname`.
    fn matches(&self, cname: &str, uid: u32, ip: Option<&str>) -> bool {
        self.cname.as_deref().is_none_or(|rule| rule == cname)
            && self.uid.is_none_or(|rule| rule == uid)
            && self
                .ip
                .as_deref()
                .filter(|rule| !rule.is_empty())
                .is_none_or(|rule| ip == Some(rule))
    }

    fn bans_joining(&self) -> bool {
        self.privileges.iter().any(|p| p == "join_channel")
    }
}

/// `400`: the App ID is not a project of the account.
fn unknown_app() -> Fail {
    Fail::Reply(Reply::json(400, json!({ "message": "appid is invalid" })))
}

/// The addresses Agora's Notifications servers call from (documentation
/// addresses: nothing real is ever there).
pub(crate) fn ncs_hosts() -> Value {
    json!({
        "data": {
            "service": {
                "hosts": [
                    { "primaryIP": "192.0.2.10" },
                    { "primaryIP": "192.0.2.11" },
                ]
            }
        }
    })
}

fn notification_ips(
    _store: &mut Store<'_, ChannelManagement>,
    _call: &Call<'_, ListNotificationIps>,
) -> Handled {
    Ok(Reply::ok(ncs_hosts()))
}
