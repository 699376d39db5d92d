//! Everything the emulator remembers: the account's projects, and per App
//! ID its RTC channels, ban rules, cloud recordings and Signaling users,
//! events and messages.
//!
//! One `State` sits behind one lock; a request holds it for the whole of
//! its (synchronous) handling, so every request sees and leaves a
//! consistent state.

use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};
use std::time::{Duration, SystemTime};

use agora_api::channel::Platform;
use agora_api::cloud_recording::{RecordingMode, StartClientRequest};

use crate::clock::unix_millis;
use crate::ids::Rng;
use crate::limits::Limiter;

/// How long a resource ID from `acquire` may be used by `start`.
pub(crate) const RESOURCE_LIFETIME: Duration = Duration::from_secs(5 * 60);
/// Agora's default `resourceExpiredHour`.
pub(crate) const DEFAULT_RESOURCE_EXPIRED_HOUR: u64 = 72;
/// Agora's default `maxIdleTime`, seconds.
pub(crate) const DEFAULT_MAX_IDLE_SECS: u64 = 30;
/// Signaling keeps at most this many events of each kind.
pub(crate) const MAX_EVENTS: usize = 2_000;
/// Signaling keeps at most this many offline messages per receiver.
pub(crate) const MAX_OFFLINE: usize = 200;
/// An account may create at most this many projects, deleted ones included.
pub(crate) const MAX_PROJECTS: usize = 20;

/// The emulator's memory.
#[derive(Debug)]
pub(crate) struct State {
    pub(crate) rng: Rng,
    pub(crate) projects: Vec<Project>,
    pub(crate) apps: BTreeMap<String, App>,
    pub(crate) next_rule_id: u64,
    pub(crate) rules: BTreeMap<u64, BanRule>,
    pub(crate) resources: HashMap<String, Resource>,
    pub(crate) sessions: HashMap<String, Session>,
    pub(crate) history_queries: HashMap<String, LegacyHistoryQuery>,
    pub(crate) problem_reports: Vec<serde_json::Value>,
    /// Agora's rate limits, when enforced.
    pub(crate) limiter: Option<Limiter>,
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

/// The state of one App ID.
#[derive(Debug, Default)]
pub(crate) struct App {
    pub(crate) channels: BTreeMap<String, Channel>,
    pub(crate) rtm: Rtm,
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

/// A ban rule.
#[derive(Debug, Clone)]
pub(crate) struct BanRule {
    pub(crate) id: u64,
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
    pub(crate) fn matches(&self, cname: &str, uid: u32, ip: Option<&str>) -> bool {
        self.cname.as_deref().is_none_or(|rule| rule == cname)
            && self.uid.is_none_or(|rule| rule == uid)
            && self
                .ip
                .as_deref()
                .filter(|rule| !rule.is_empty())
                .is_none_or(|rule| ip == Some(rule))
    }

    pub(crate) fn bans_joining(&self) -> bool {
        self.privileges.iter().any(|p| p == "join_channel")
    }
}

/// A resource ID from `acquire`.
#[derive(Debug, Clone)]
pub(crate) struct Resource {
    pub(crate) appid: String,
    pub(crate) cname: String,
    pub(crate) uid: String,
    pub(crate) web: bool,
    pub(crate) acquired: SystemTime,
    pub(crate) expired_hour: u64,
    pub(crate) start_parameter: Option<serde_json::Value>,
    pub(crate) sid: Option<String>,
}

/// Where a recording session is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Phase {
    Running,
    /// Stopped by `stop`: a second `stop` is code 49, anything else 404.
    Stopped,
    /// Left on its own (idle, time limit, resource expiry): 404.
    Exited,
}

/// A cloud recording session.
#[derive(Debug, Clone)]
pub(crate) struct Session {
    pub(crate) sid: String,
    pub(crate) resource_id: String,
    pub(crate) appid: String,
    pub(crate) mode: RecordingMode,
    pub(crate) cname: String,
    pub(crate) uid: String,
    pub(crate) started: SystemTime,
    pub(crate) expired_hour: u64,
    pub(crate) request: StartClientRequest,
    pub(crate) phase: Phase,
    /// Whether anyone sent a stream while it ran (else stop is 206/435).
    pub(crate) saw_streams: bool,
    /// Users whose streams were recorded, for the file list.
    pub(crate) recorded_uids: BTreeSet<u32>,
    pub(crate) last_streaming: SystemTime,
    pub(crate) onhold: bool,
    pub(crate) rtmp_urls: Vec<String>,
    pub(crate) layout: Option<serde_json::Value>,
}

impl Session {
    fn max_idle(&self) -> Duration {
        let secs = self
            .request
            .recording_config
            .as_ref()
            .and_then(|config| config.max_idle_time)
            .map_or(DEFAULT_MAX_IDLE_SECS, u64::from);
        Duration::from_secs(secs)
    }

    fn max_recording(&self) -> Option<Duration> {
        let hours = self
            .request
            .extension_service_config
            .as_ref()?
            .extension_services
            .iter()
            .find_map(|service| match &service.service_param {
                agora_api::cloud_recording::ServiceParam::WebRecorder(param) => {
                    Some(param.max_recording_hour)
                }
                _ => None,
            })?;
        Some(Duration::from_secs(u64::from(hours) * 3_600))
    }
}

/// The Signaling state of one App ID.
#[derive(Debug, Default)]
pub(crate) struct Rtm {
    pub(crate) online: BTreeSet<String>,
    pub(crate) members: BTreeMap<String, BTreeSet<String>>,
    pub(crate) user_events: VecDeque<RtmEvent>,
    pub(crate) channel_events: VecDeque<RtmEvent>,
    pub(crate) messages: Vec<StoredMessage>,
    pub(crate) offline: BTreeMap<String, VecDeque<usize>>,
    last_ms: u64,
}

/// A user or channel event waiting to be fetched.
#[derive(Debug, Clone)]
pub(crate) struct RtmEvent {
    pub(crate) user_id: String,
    pub(crate) channel: Option<String>,
    pub(crate) kind: &'static str,
    pub(crate) ms: u64,
}

/// A message sent through the REST API.
#[derive(Debug, Clone)]
pub(crate) struct StoredMessage {
    pub(crate) channel: bool,
    pub(crate) from: String,
    pub(crate) to: String,
    pub(crate) payload: String,
    pub(crate) ms: u64,
    pub(crate) historical: bool,
    pub(crate) delivered: bool,
}

impl Rtm {
    /// A timestamp in milliseconds, strictly after the previous one, so
    /// history pages (which start at a timestamp) never split or repeat.
    pub(crate) fn stamp(&mut self, now: SystemTime) -> u64 {
        let ms = unix_millis(now).max(self.last_ms + 1);
        self.last_ms = ms;
        ms
    }

    pub(crate) fn push_user_event(&mut self, user_id: &str, kind: &'static str, now: SystemTime) {
        let ms = self.stamp(now);
        push_bounded(
            &mut self.user_events,
            RtmEvent {
                user_id: user_id.to_owned(),
                channel: None,
                kind,
                ms,
            },
        );
    }

    pub(crate) fn push_channel_event(
        &mut self,
        user_id: &str,
        channel: &str,
        kind: &'static str,
        now: SystemTime,
    ) {
        let ms = self.stamp(now);
        push_bounded(
            &mut self.channel_events,
            RtmEvent {
                user_id: user_id.to_owned(),
                channel: Some(channel.to_owned()),
                kind,
                ms,
            },
        );
    }
}

/// Keeps the newest [`MAX_EVENTS`]: the oldest event goes first.
fn push_bounded(queue: &mut VecDeque<RtmEvent>, event: RtmEvent) {
    if queue.len() == MAX_EVENTS {
        queue.pop_front();
    }
    queue.push_back(event);
}

/// A legacy (1.x) history query, answered when fetched.
#[derive(Debug, Clone)]
pub(crate) struct LegacyHistoryQuery {
    pub(crate) appid: String,
    pub(crate) source: Option<String>,
    pub(crate) destination: Option<String>,
    pub(crate) start: u64,
    pub(crate) end: u64,
    pub(crate) offset: u32,
    pub(crate) limit: u32,
    pub(crate) descending: bool,
}

impl State {
    pub(crate) fn new(seed: u64) -> Self {
        State {
            rng: Rng::new(seed),
            projects: Vec::new(),
            apps: BTreeMap::new(),
            next_rule_id: 1,
            rules: BTreeMap::new(),
            resources: HashMap::new(),
            sessions: HashMap::new(),
            history_queries: HashMap::new(),
            problem_reports: Vec::new(),
            limiter: None,
        }
    }

    /// The live project of `app_id`, if the account has one.
    pub(crate) fn project_of_app(&self, app_id: &str) -> Option<&Project> {
        self.projects
            .iter()
            .find(|project| !project.deleted && project.vendor_key == app_id)
    }

    /// The state of `app_id`, if it is a live project of the account.
    pub(crate) fn app_mut(&mut self, app_id: &str) -> Option<&mut App> {
        self.project_of_app(app_id)?;
        Some(self.apps.entry(app_id.to_owned()).or_default())
    }

    /// The state of `app_id` (whether or not it is a project: seeding may
    /// come before the project exists).
    pub(crate) fn app_entry(&mut self, app_id: &str) -> &mut App {
        self.apps.entry(app_id.to_owned()).or_default()
    }

    /// The channel `cname` of `app_id`, if anyone is in it.
    pub(crate) fn channel(&self, app_id: &str, cname: &str) -> Option<&Channel> {
        self.apps.get(app_id)?.channels.get(cname)
    }

    /// Moves time-driven state forward to `now`: expired ban rules and
    /// resource IDs are forgotten, recordings that ran out of time or sat
    /// idle leave their channel.
    pub(crate) fn tick(&mut self, now: SystemTime) {
        self.rules.retain(|_, rule| rule.expires > now);
        // An unused resource ID is kept for an hour after it expired, so
        // `start` can say "expired" rather than "unknown".
        self.resources.retain(|_, resource| {
            resource.sid.is_some() || resource.acquired + RESOURCE_LIFETIME * 13 > now
        });
        let apps = &self.apps;
        for session in self.sessions.values_mut() {
            if session.phase != Phase::Running {
                continue;
            }
            let expiry = Duration::from_secs(session.expired_hour * 3_600);
            if now >= session.started + expiry {
                session.phase = Phase::Exited;
                continue;
            }
            if session.mode == RecordingMode::Web {
                if session
                    .max_recording()
                    .is_some_and(|limit| now >= session.started + limit)
                {
                    session.phase = Phase::Exited;
                }
                continue;
            }
            let streamers: Vec<u32> = apps
                .get(&session.appid)
                .and_then(|app| app.channels.get(&session.cname))
                .map(|channel| channel.streamers().collect())
                .unwrap_or_default();
            let recorder: Option<u32> = session.uid.parse().ok();
            let streamers: Vec<u32> = streamers
                .into_iter()
                .filter(|uid| Some(*uid) != recorder)
                .collect();
            if streamers.is_empty() {
                if now
                    .duration_since(session.last_streaming)
                    .unwrap_or_default()
                    > session.max_idle()
                {
                    session.phase = Phase::Exited;
                }
            } else {
                session.saw_streams = true;
                session.last_streaming = now;
                session.recorded_uids.extend(streamers);
            }
        }
    }

    /// The next ban rule ID.
    pub(crate) fn rule_id(&mut self) -> u64 {
        let id = self.next_rule_id;
        self.next_rule_id += 1;
        id
    }

    /// Active join bans covering `uid` (at `ip`) in `cname` of `app_id`.
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
