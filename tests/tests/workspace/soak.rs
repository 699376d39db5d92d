//! Soak test, ignored by default: a bounded, concurrent mix of idempotent
//! and non-idempotent calls for 60 s against the emulator while random
//! faults are injected (5xx, 429, slow answers, connections dropped before
//! and after the server acted). It reports what happened, judged by the
//! emulator's journal, and fails on any duplicate of a non-idempotent call
//! or any panic.
//!
//! Run it with:
//!
//! ```sh
//! cargo test -p agora-tests --test workspace soak -- --ignored --nocapture
//! ```
//!
//! `AGORA_SOAK_SECS` shortens or lengthens the run; `AGORA_SOAK_TASKS` sets
//! the concurrency (default 16).

use std::collections::HashMap;
use std::hash::{BuildHasher, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use agora_api::cloud_recording::{Acquire, AcquireClientRequest};
use agora_api::console::ListProjects;
use agora_api::{AppId, ChannelName, Error, RetryPolicy, UidString};
use agora_mock::{Fault, FaultRule, MockServer};

const APP_ID: &str = "0123456789abcdef0123456789abcdef";

/// A small, seedable pseudo-random generator (xorshift64*), enough to pick
/// faults.
struct Rng(u64);

impl Rng {
    fn seeded() -> Self {
        let seed = std::collections::hash_map::RandomState::new()
            .build_hasher()
            .finish();
        Rng(seed | 1)
    }

    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn percent(&mut self) -> u64 {
        self.next() % 100
    }
}

/// The faults the server injects, by kind.
#[derive(Default)]
struct Faults {
    injected: Mutex<HashMap<&'static str, u64>>,
}

impl Faults {
    fn count(&self, kind: &'static str) {
        *self
            .injected
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .entry(kind)
            .or_default() += 1;
    }
}

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|value| value.parse().ok())
        .unwrap_or(default)
}

/// Peak resident memory of this process, from `/proc/self/status`.
fn peak_memory_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))
        .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "a 60 s soak run; see the module docs for the command"]
async fn soak_mixed_calls_under_random_faults() {
    let seconds = env_number("AGORA_SOAK_SECS", 60);
    let tasks = env_number("AGORA_SOAK_TASKS", 16);
    let faults = Arc::new(Faults::default());
    let mock = Arc::new(
        MockServer::builder()
            .app_id(AppId::new(APP_ID).expect("a valid App ID"))
            // Every request of the run is counted.
            .journal_limit(usize::MAX)
            .start()
            .await
            .expect("the emulator starts"),
    );
    let deadline = Instant::now() + Duration::from_secs(seconds);
    // The injector: every few milliseconds, unless a fault is still
    // waiting, most likely one random fault for whichever request comes
    // next.
    let injector = {
        let faults = Arc::clone(&faults);
        let mock = Arc::clone(&mock);
        tokio::spawn(async move {
            let mut rng = Rng::seeded();
            while Instant::now() < deadline {
                tokio::time::sleep(Duration::from_millis(5)).await;
                if !mock.faults().is_empty() || rng.percent() >= 60 {
                    continue;
                }
                let (kind, fault) = match rng.percent() {
                    0..=29 => ("503", Fault::status(503)),
                    30..=44 => ("500", Fault::status(500)),
                    45..=59 => ("429", Fault::status(429).retry_after(Duration::ZERO)),
                    60..=74 => ("slow", Fault::delay(Duration::from_millis(700))),
                    75..=87 => ("dropped before acting", Fault::drop_before_apply()),
                    _ => ("dropped after acting", Fault::drop_after_apply()),
                };
                mock.inject(FaultRule::new(fault).on("*", "/**").times(1));
                faults.count(kind);
            }
        })
    };
    let client = mock
        .client_builder()
        .retry(
            RetryPolicy::default().backoff([Duration::from_millis(20), Duration::from_millis(60)]),
        )
        .attempt_timeout(Duration::from_millis(500))
        .timeout(Duration::from_secs(5))
        .build()
        .expect("a valid client");

    let next_uid = Arc::new(AtomicU64::new(1));
    let mut handles = Vec::new();
    for task in 0..tasks {
        let client = client.clone();
        let next_uid = Arc::clone(&next_uid);
        handles.push(tokio::spawn(async move {
            let mut outcomes: HashMap<String, u64> = HashMap::new();
            let mut calls = 0u64;
            while Instant::now() < deadline {
                calls += 1;
                let result = if (calls + task).is_multiple_of(2) {
                    client
                        .send(&ListProjects::builder().build())
                        .await
                        .map(drop)
                } else {
                    let uid = next_uid.fetch_add(1, Ordering::SeqCst) as u32;
                    let acquire = Acquire::builder()
                        .appid(
                            AppId::new("0123456789abcdef0123456789abcdef").expect("a valid App ID"),
                        )
                        .cname(ChannelName::new("soak").expect("a valid channel name"))
                        .uid(UidString::new(uid).expect("a valid uid"))
                        .client_request(AcquireClientRequest::default())
                        .build();
                    client.send(&acquire).await.map(drop)
                };
                let outcome = match result {
                    Ok(()) => "ok".to_owned(),
                    Err(Error::GaveUp { last, .. }) => format!("gave up: {}", kind(&last)),
                    Err(error) => kind(&error),
                };
                *outcomes.entry(outcome).or_default() += 1;
            }
            (calls, outcomes)
        }));
    }

    let mut calls = 0;
    let mut panics = 0;
    let mut outcomes: HashMap<String, u64> = HashMap::new();
    for handle in handles {
        match handle.await {
            Ok((task_calls, task_outcomes)) => {
                calls += task_calls;
                for (outcome, count) in task_outcomes {
                    *outcomes.entry(outcome).or_default() += count;
                }
            }
            Err(_) => panics += 1,
        }
    }

    injector.await.expect("the injector does not panic");
    let journal = mock.journal();
    let mut acquires_per_uid: HashMap<String, u64> = HashMap::new();
    for entry in journal.iter().filter(|entry| entry.is::<Acquire>()) {
        let uid = entry
            .json()
            .and_then(|body| body["uid"].as_str().map(str::to_owned))
            .unwrap_or_default();
        *acquires_per_uid.entry(uid).or_default() += 1;
    }
    let duplicates: u64 = acquires_per_uid
        .values()
        .filter(|n| **n > 1)
        .map(|n| n - 1)
        .sum();
    let injected = faults
        .injected
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .clone();

    println!("soak: {seconds} s, {tasks} concurrent tasks");
    println!("calls made: {calls}");
    println!(
        "faults injected: {} {:?}",
        injected.values().sum::<u64>(),
        injected
    );
    println!(
        "requests received: {} ({} with a fault)",
        journal.len(),
        journal.iter().filter(|entry| entry.fault.is_some()).count()
    );
    println!(
        "calls succeeded: {}",
        outcomes.get("ok").copied().unwrap_or(0)
    );
    let mut errors: Vec<_> = outcomes.iter().filter(|(k, _)| *k != "ok").collect();
    errors.sort();
    println!("typed errors: {errors:?}");
    println!("duplicates of non-idempotent calls: {duplicates}");
    println!("panics: {panics}");
    println!("peak memory: {} KiB", peak_memory_kib().unwrap_or(0));

    assert_eq!(
        duplicates, 0,
        "a non-idempotent call reached the server twice"
    );
    assert_eq!(panics, 0, "a task panicked");
    assert!(
        calls > 0 && outcomes.contains_key("ok"),
        "the run made successful calls"
    );
}

/// A short name of an error's kind, for the report.
fn kind(error: &Error) -> String {
    match error {
        Error::Api { error, .. } => format!("api {}", error.status),
        Error::Timeout { .. } => "timeout".to_owned(),
        Error::Transport { .. } => "transport".to_owned(),
        Error::Decode { .. } => "decode".to_owned(),
        other => format!("other: {other}"),
    }
}
