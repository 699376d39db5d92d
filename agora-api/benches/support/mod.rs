//! What the benches share: the fixed inputs, the hand-written baselines of
//! the channel user list (used by the request, decode and throughput
//! benches), and the ratio tables.
//!
//! Every bench pairs `agora-api` with hand-written code that does the same
//! work: same inputs, same output (checked equal once before measuring).
//! Each binary uses only part of this module.
#![allow(dead_code)]

use std::fmt::Write as _;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use base64::Engine as _;
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use reqwest::header::HeaderValue;
use serde::Deserialize;

/// The App ID every request uses.
pub const APP_ID: &str = "876922cbca0098dff4323566daa89675";
/// The channel of the user list and the recordings.
pub const CHANNEL: &str = "demo_channel #1";
/// Basic auth: Customer ID.
pub const CUSTOMER_ID: &str = "c5cbcf6ff4d14b3a8b6f0a1a0b1c2d3e";
/// Basic auth: Customer Secret.
pub const CUSTOMER_SECRET: &str = "1b2c3d4e5f60718293a4b5c6d7e8f9a0";
/// Where the crate sends calls by default, and so the baselines too.
pub const BASE_URL: &str = "https://api.agora.io";

/// What a careful hand-written client percent-encodes in a path segment:
/// everything but RFC 3986's unreserved characters (as the crate does).
pub const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// One path segment, percent-encoded.
pub fn segment(value: &str) -> percent_encoding::PercentEncode<'_> {
    utf8_percent_encode(value, SEGMENT)
}

/// Installs ring as rustls's crypto provider, as `agora_api::Client` does
/// on first use: reqwest is built without a default provider, and the
/// hand-written clients must not depend on the crate's client being built
/// first.
pub fn install_crypto_provider() {
    if rustls::crypto::CryptoProvider::get_default().is_none() {
        // Losing a race with another installer leaves that provider in
        // place, which is just as good.
        let _ = rustls::crypto::ring::default_provider().install_default();
    }
}

/// The `Authorization` header a hand-written client computes once, marked
/// sensitive as the crate marks it.
pub fn basic_header() -> HeaderValue {
    let encoded = base64::engine::general_purpose::STANDARD
        .encode(format!("{CUSTOMER_ID}:{CUSTOMER_SECRET}"));
    let mut value =
        HeaderValue::from_str(&format!("Basic {encoded}")).expect("base64 is a header value");
    value.set_sensitive(true);
    value
}

/// The channel user list path under `base`, as a hand-written client
/// writes it.
pub fn list_users_url(base: &str, app_id: &str, channel: &str) -> String {
    format!(
        "{base}/dev/v1/channel/user/{}/{}",
        segment(app_id),
        segment(channel)
    )
}

/// A `COMMUNICATION` channel user list with `users` users, as Agora sends
/// it.
pub fn channel_users_json(users: usize) -> String {
    let mut json = format!(
        r#"{{"success":true,"data":{{"channel_exist":true,"mode":1,"total":{users},"users":["#
    );
    for index in 0..users {
        if index > 0 {
            json.push(',');
        }
        // Realistic 9- and 10-digit user IDs.
        let uid = 100_000_000u64 + (index as u64) * 2_654_435 % 4_000_000_000;
        write!(json, "{uid}").expect("writing to a String");
    }
    json.push_str("]}}");
    json
}

/// The hand-written answer of the channel user list: both channel
/// profiles, as the crate's `StatsResponse<ChannelUsers>` covers.
#[derive(Debug, Deserialize)]
pub struct HandStats {
    /// `true`.
    pub success: bool,
    /// The list.
    pub data: HandChannelUsers,
}

/// `data` of the hand-written user list.
#[derive(Debug, Deserialize)]
pub struct HandChannelUsers {
    /// `false` when the channel does not exist.
    #[serde(default)]
    pub channel_exist: Option<bool>,
    /// 1 `COMMUNICATION`, 2 `LIVE_BROADCASTING`.
    #[serde(default)]
    pub mode: Option<i64>,
    /// How many users (`COMMUNICATION`).
    #[serde(default)]
    pub total: Option<u64>,
    /// The users (`COMMUNICATION`).
    #[serde(default)]
    pub users: Option<Vec<u32>>,
    /// The hosts (`LIVE_BROADCASTING`).
    #[serde(default)]
    pub broadcasters: Option<Vec<u32>>,
    /// The audience (`LIVE_BROADCASTING`).
    #[serde(default)]
    pub audience: Option<Vec<u32>>,
    /// How many audience members (`LIVE_BROADCASTING`).
    #[serde(default)]
    pub audience_total: Option<u64>,
}

/// The users of a `COMMUNICATION` channel from the crate's answer, to
/// compare with the baseline's.
pub fn crate_users(
    answer: &agora_api::channel::StatsResponse<agora_api::channel::ChannelUsers>,
) -> (u64, &[u32]) {
    match &answer.data {
        agora_api::channel::ChannelUsers::Communication(users) => (users.total, &users.users),
        other => panic!("expected a COMMUNICATION channel, got {other:?}"),
    }
}

/// The same from the baseline's answer.
pub fn hand_users(answer: &HandStats) -> (u64, &[u32]) {
    assert!(answer.success && answer.data.channel_exist == Some(true));
    assert_eq!(answer.data.mode, Some(1));
    let users = answer.data.users.as_deref().expect("a COMMUNICATION list");
    (answer.data.total.expect("total"), users)
}

/// Asserts that two requests are the same on the wire: method, URL,
/// every header (and its sensitivity) and the body bytes.
pub fn assert_same_request(ours: &reqwest::Request, theirs: &reqwest::Request) {
    assert_eq!(ours.method(), theirs.method(), "method");
    assert_eq!(ours.url(), theirs.url(), "URL");
    assert_eq!(ours.headers(), theirs.headers(), "headers");
    for (name, value) in ours.headers() {
        assert_eq!(
            value.is_sensitive(),
            theirs.headers()[name].is_sensitive(),
            "sensitivity of {name}"
        );
    }
    let body = |request: &reqwest::Request| {
        request
            .body()
            .map(|body| body.as_bytes().expect("a buffered body").to_vec())
    };
    assert_eq!(body(ours), body(theirs), "body");
}

/// One side's result in a paired run.
#[derive(Debug, Clone, Copy)]
pub struct Paired {
    /// Median time per iteration of the crate, in nanoseconds.
    pub crate_ns: f64,
    /// Median time per iteration of the baseline, in nanoseconds.
    pub baseline_ns: f64,
    /// Median over rounds of crate time / baseline time within the round.
    pub ratio: f64,
}

/// Rounds of a paired run.
const ROUNDS: usize = 41;
/// Target length of one batch.
const BATCH: Duration = Duration::from_millis(4);

/// Times `ours` and `theirs` in alternating batches (A B, then B A, ...),
/// so that a change in machine load hits both alike, and compares them
/// round by round. As criterion's `iter_batched`, inputs are made and
/// outputs dropped outside the timed part.
pub fn paired<I, J, A, B>(
    mut setup_ours: impl FnMut() -> I,
    mut ours: impl FnMut(I) -> A,
    mut setup_theirs: impl FnMut() -> J,
    mut theirs: impl FnMut(J) -> B,
) -> Paired {
    fn batch<I, O>(
        size: usize,
        setup: &mut impl FnMut() -> I,
        routine: &mut impl FnMut(I) -> O,
    ) -> f64 {
        let inputs: Vec<I> = (0..size).map(|_| setup()).collect();
        let started = Instant::now();
        let outputs: Vec<O> = inputs.into_iter().map(&mut *routine).collect();
        let elapsed = started.elapsed();
        drop(std::hint::black_box(outputs));
        elapsed.as_nanos() as f64 / size as f64
    }
    // Calibrate: batches of about BATCH, warming both up on the way.
    let mut size = 16;
    loop {
        let slowest = batch(size, &mut setup_ours, &mut ours).max(batch(
            size,
            &mut setup_theirs,
            &mut theirs,
        ));
        if slowest * size as f64 >= BATCH.as_nanos() as f64 / 4.0 || size >= 1 << 20 {
            size = ((BATCH.as_nanos() as f64 / slowest) as usize).max(1);
            break;
        }
        size *= 4;
    }
    let mut ours_ns = Vec::with_capacity(ROUNDS);
    let mut theirs_ns = Vec::with_capacity(ROUNDS);
    let mut ratios = Vec::with_capacity(ROUNDS);
    for round in 0..ROUNDS {
        let (a, b) = if round % 2 == 0 {
            let a = batch(size, &mut setup_ours, &mut ours);
            (a, batch(size, &mut setup_theirs, &mut theirs))
        } else {
            let b = batch(size, &mut setup_theirs, &mut theirs);
            (batch(size, &mut setup_ours, &mut ours), b)
        };
        ours_ns.push(a);
        theirs_ns.push(b);
        ratios.push(a / b);
    }
    Paired {
        crate_ns: median(&mut ours_ns),
        baseline_ns: median(&mut theirs_ns),
        ratio: median(&mut ratios),
    }
}

/// The median of `values` (sorted in place).
pub fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    let mid = values.len() / 2;
    if values.len() % 2 == 1 {
        values[mid]
    } else {
        (values[mid - 1] + values[mid]) / 2.0
    }
}

/// Whether the binary runs as a benchmark (`cargo bench`), not as a smoke
/// test (`cargo test --benches` runs it without `--bench`).
pub fn benchmarking() -> bool {
    std::env::args().any(|arg| arg == "--bench")
}

/// Criterion's options that take a value (`--sample-size 10`).
const VALUE_OPTIONS: &[&str] = &[
    "-b",
    "-c",
    "-s",
    "--baseline",
    "--baseline-lenient",
    "--color",
    "--confidence-level",
    "--format",
    "--load-baseline",
    "--measurement-time",
    "--noise-threshold",
    "--nresamples",
    "--output-format",
    "--plotting-backend",
    "--profile-time",
    "--sample-size",
    "--save-baseline",
    "--significance-level",
    "--warm-up-time",
];

/// The criterion filter given on the command line, if any: the first
/// argument that is neither an option nor an option's value.
pub fn filter() -> Option<String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    args.iter()
        .enumerate()
        .find(|(index, arg)| {
            !arg.starts_with('-')
                && (*index == 0 || !VALUE_OPTIONS.contains(&args[index - 1].as_str()))
        })
        .map(|(_, arg)| arg.clone())
}

/// Whether a benchmark group is selected by the command line filter.
pub fn selected(group: &str) -> bool {
    filter().is_none_or(|filter| group.contains(&filter))
}

/// Where criterion writes its estimates (as criterion finds it, for runs
/// under cargo).
fn criterion_dir() -> Option<PathBuf> {
    if let Some(home) = std::env::var_os("CRITERION_HOME") {
        return Some(PathBuf::from(home));
    }
    if let Some(target) = std::env::var_os("CARGO_TARGET_DIR") {
        return Some(PathBuf::from(target).join("criterion"));
    }
    // target/<profile>/deps/<bench binary>
    let exe = std::env::current_exe().ok()?;
    Some(exe.parent()?.parent()?.parent()?.join("criterion"))
}

/// Criterion's median estimate of `group/function`, in nanoseconds.
fn criterion_median(group: &str, function: &str) -> Option<(f64, f64, f64)> {
    let path = criterion_dir()?
        .join(group)
        .join(function)
        .join("new")
        .join("estimates.json");
    let text = std::fs::read_to_string(path).ok()?;
    let json: serde_json::Value = serde_json::from_str(&text).ok()?;
    let median = &json["median"];
    Some((
        median["point_estimate"].as_f64()?,
        median["confidence_interval"]["lower_bound"].as_f64()?,
        median["confidence_interval"]["upper_bound"].as_f64()?,
    ))
}

/// The function names of the two sides in every criterion group.
pub const OURS: &str = "agora-api";
/// See [`OURS`].
pub const THEIRS: &str = "hand-written";

/// Prints the ratio table: criterion's medians of both sides of each
/// group (`theirs` names the baseline's function), their ratio, and the
/// paired (interleaved) ratio.
pub fn print_table(title: &str, theirs: &str, rows: &[(&str, Option<Paired>)]) {
    println!();
    println!("## {title}: agora-api vs {theirs} (ratio = agora-api / {theirs}; < 1 is faster)");
    println!();
    println!(
        "| benchmark | agora-api (criterion median) | {theirs} (criterion median) | ratio | paired: agora-api | paired: {theirs} | paired ratio |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|");
    for (group, paired) in rows {
        if !selected(group) {
            continue;
        }
        let ours = criterion_median(group, OURS);
        let theirs = criterion_median(group, theirs);
        let (ours_text, theirs_text, ratio_text) = match (ours, theirs) {
            (Some(ours), Some(theirs)) => (
                format!("{} [{} – {}]", time(ours.0), time(ours.1), time(ours.2)),
                format!(
                    "{} [{} – {}]",
                    time(theirs.0),
                    time(theirs.1),
                    time(theirs.2)
                ),
                format!("{:.3}", ours.0 / theirs.0),
            ),
            _ => ("–".into(), "–".into(), "–".into()),
        };
        let (paired_ours, paired_theirs, paired_ratio) = match paired {
            Some(paired) => (
                time(paired.crate_ns),
                time(paired.baseline_ns),
                format!("{:.3}", paired.ratio),
            ),
            None => ("–".into(), "–".into(), "–".into()),
        };
        println!(
            "| {group} | {ours_text} | {theirs_text} | {ratio_text} | {paired_ours} | {paired_theirs} | {paired_ratio} |"
        );
    }
    println!();
}

/// A time in nanoseconds, in a readable unit.
pub fn time(ns: f64) -> String {
    if ns >= 1_000_000.0 {
        format!("{:.3} ms", ns / 1_000_000.0)
    } else if ns >= 1_000.0 {
        format!("{:.3} µs", ns / 1_000.0)
    } else {
        format!("{ns:.1} ns")
    }
}
