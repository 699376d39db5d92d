//! Everything the emulator remembers: the account every product shares
//! (its projects, the RTC channels with users in them, the ID generator),
//! and each product's own state, kept by product type.
//!
//! One `State` sits behind one lock; a request holds it for the whole of
//! its (synchronous) handling, so every request sees and leaves a
//! consistent state.

use std::any::{Any, TypeId};
use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::time::SystemTime;

use agora_api::channel::Platform;

use crate::ids::Rng;
use crate::limits::Limiter;
use crate::product::{self, Product, Store};
use crate::webhooks::Outbox;

/// The emulator's memory.
pub(crate) struct State {
    pub(crate) account: Account,
    /// Each product's [`Product::State`], by product type, made on first
    /// use.
    products: HashMap<TypeId, Box<dyn Any + Send>>,
    /// Agora's rate limits, when enforced.
    pub(crate) limiter: Option<Limiter>,
}

impl fmt::Debug for State {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("State")
            .field("account", &self.account)
            .field("products", &self.products.len())
            .field("limiter", &self.limiter)
            .finish()
    }
}

/// What every product sees: the account's projects (every product's
/// auth and App ID checks use them) and the RTC channels the SDKs would
/// make (tests seed them; channel statistics, ban rules, recordings and
/// Call Inspector observe them).
#[derive(Debug)]
pub(crate) struct Account {
    pub(crate) rng: Rng,
    pub(crate) projects: Vec<Project>,
    /// The RTC channels with users in them, per App ID, by name. Change
    /// who is in them through `join_channel` and `leave_channel`
    /// (`presence.rs`), which report it.
    pub(crate) channels: BTreeMap<String, BTreeMap<String, Channel>>,
    /// Where notifications go (nowhere unless a receiver is configured).
    pub(crate) outbox: Outbox,
    /// The last `clientSeq` given to an RTC user event.
    pub(crate) client_seq: u64,
    /// The whiteboard project's access key pair, which signs the
    /// Whiteboard tokens the emulator issues.
    pub(crate) whiteboard_keys: Option<agora_api::token::WhiteboardKeys>,
}

/// One project of the account.
#[derive(Debug, Clone)]
pub(crate) struct Project {
    pub(crate) id: String,
    pub(crate) name: String,
    /// The App ID.
    pub(crate) vendor_key: String,
    /// The primary App Certificate (32 hex digits), kept while disabled.
    pub(crate) sign_key: String,
    pub(crate) sign_key_enabled: bool,
    pub(crate) recording_server: Option<String>,
    pub(crate) status: i64,
    pub(crate) created: u64,
    pub(crate) deleted: bool,
}

/// An RTC channel with users in it (a channel without users does not
/// exist).
#[derive(Debug, Clone)]
pub(crate) struct Channel {
    pub(crate) live: bool,
    pub(crate) users: BTreeMap<u32, Member>,
}

/// A user in an RTC channel.
#[derive(Debug, Clone)]
pub(crate) struct Member {
    /// 1 communication user, 2 host, 3 audience (Agora's `role`).
    pub(crate) role: i64,
    pub(crate) platform: Platform,
    pub(crate) joined: u64,
    pub(crate) ip: Option<String>,
}

impl Channel {
    /// Users who send streams: everyone in a communication channel, the
    /// hosts of a live one.
    pub(crate) fn streamers(&self) -> impl Iterator<Item = u32> + '_ {
        self.users
            .iter()
            .filter(|(_, member)| member.role != 3)
            .map(|(uid, _)| *uid)
    }
}

impl Account {
    /// The live project of `app_id`, if the account has one.
    pub(crate) fn project_of_app(&self, app_id: &str) -> Option<&Project> {
        self.projects
            .iter()
            .find(|project| !project.deleted && project.vendor_key == app_id)
    }

    /// The channel `cname` of `app_id`, if anyone is in it.
    pub(crate) fn channel(&self, app_id: &str, cname: &str) -> Option<&Channel> {
        self.channels.get(app_id)?.get(cname)
    }

    /// The channels of `app_id` (whether or not it is a project: seeding
    /// may come before the project exists).
    pub(crate) fn channels_mut(&mut self, app_id: &str) -> &mut BTreeMap<String, Channel> {
        self.channels.entry(app_id.to_owned()).or_default()
    }
}

impl State {
    pub(crate) fn new(seed: u64) -> Self {
        State {
            account: Account {
                rng: Rng::new(seed),
                projects: Vec::new(),
                channels: BTreeMap::new(),
                outbox: Outbox::default(),
                client_seq: 0,
                whiteboard_keys: None,
            },
            products: HashMap::new(),
            limiter: None,
        }
    }

    /// The account and the state of product `P`.
    pub(crate) fn store<P: Product>(&mut self) -> Store<'_, P> {
        let slot = self
            .products
            .entry(TypeId::of::<P>())
            .or_insert_with(|| Box::new(P::State::default()));
        if !slot.is::<P::State>() {
            // Never: each slot is made for its own product type.
            *slot = Box::new(P::State::default());
        }
        let own = slot
            .downcast_mut::<P::State>()
            .expect("the slot of a product holds that product's state");
        Store {
            account: &mut self.account,
            own,
        }
    }

    /// The state of product `P`.
    pub(crate) fn product<P: Product>(&mut self) -> &mut P::State {
        self.store::<P>().own
    }

    /// Moves every product's time-driven state forward to `now`.
    pub(crate) fn tick(&mut self, now: SystemTime) {
        for registration in product::products() {
            registration.tick(self, now);
        }
    }
}
