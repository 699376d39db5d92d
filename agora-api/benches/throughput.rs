//! End-to-end throughput: N channel user list calls at concurrency C
//! against a loopback HTTP/1.1 server, through `agora-api`
//! (`Client::send`, default retry policy) and through hand-written reqwest
//! doing the same request and decode.
//!
//! The parent process runs the server (hyper, a fixed pre-built answer, its
//! own runtime and threads) and re-executes itself once per side and
//! round, so that each side's peak memory (`VmHWM`) is its own. Sides take
//! turns (A B, B A, ...). Every answer is checked (the server answers `400`
//! to a request with another path or `Authorization`; the clients check
//! the number of users decoded), and the server's count of requests shows
//! that no call was retried.
//!
//! ```text
//! cargo bench -p agora-api --bench throughput -- [--calls 20000] [--concurrency 32]
//!     [--rounds 20] [--warmup 2000] [--users 10] [--client-threads 1] [--server-threads 1]
//! ```
//!
//! `--serve SECONDS` runs only the server and prints its address; a side
//! then runs alone with `--side agora-api|hand-written --addr ADDR` and
//! the same options (scripts/bench-instructions.sh does this under
//! callgrind).

mod support;

use std::net::SocketAddr;
use std::process::{Command, ExitCode, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use agora_api::channel::ListChannelUsers;
use agora_api::{AppId, ChannelName, Client};
use http_body_util::Full;
use hyper::body::{Bytes, Incoming};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use reqwest::header::{AUTHORIZATION, CONTENT_TYPE, HeaderValue};
use serde_json::json;
use support::{APP_ID, CHANNEL, CUSTOMER_ID, CUSTOMER_SECRET, HandStats};

/// The command line.
#[derive(Debug, Clone)]
struct Options {
    calls: usize,
    concurrency: usize,
    rounds: usize,
    warmup: usize,
    users: usize,
    client_threads: usize,
    server_threads: usize,
    /// Set in a child: which side it runs, against which server.
    side: Option<(Side, SocketAddr)>,
    /// `--serve SECONDS`: only run the server, for that long, printing its
    /// address (for running one side by hand, e.g. under callgrind).
    serve: Option<u64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    Ours,
    Theirs,
}

impl Side {
    fn name(self) -> &'static str {
        match self {
            Side::Ours => "agora-api",
            Side::Theirs => "hand-written",
        }
    }
}

const USAGE: &str = "usage: throughput [--calls N] [--concurrency C] [--rounds R] [--warmup W] [--users U] [--client-threads T] [--server-threads S] | --serve SECONDS | --side agora-api|hand-written --addr ADDR";

fn parse_options() -> Result<Options, String> {
    let benchmarking = support::benchmarking();
    // Without --bench (`cargo test --benches`) this is a smoke test.
    let mut options = Options {
        calls: if benchmarking { 20_000 } else { 200 },
        concurrency: 32,
        rounds: if benchmarking { 20 } else { 1 },
        warmup: if benchmarking { 2_000 } else { 64 },
        users: 10,
        client_threads: 1,
        server_threads: 1,
        side: None,
        serve: None,
    };
    let mut side = None;
    let mut addr = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--bench" {
            continue;
        }
        let mut value = || args.next().ok_or(format!("{arg} needs a value\n{USAGE}"));
        let number = |text: String| {
            text.parse::<usize>()
                .ok()
                .filter(|n| *n > 0)
                .ok_or(format!("{arg} takes a positive number, not {text:?}"))
        };
        match arg.as_str() {
            "--calls" => options.calls = number(value()?)?,
            "--concurrency" => options.concurrency = number(value()?)?,
            "--rounds" => options.rounds = number(value()?)?,
            "--warmup" => options.warmup = value()?.parse().map_err(|_| USAGE.to_owned())?,
            "--users" => options.users = number(value()?)?,
            "--client-threads" => options.client_threads = number(value()?)?,
            "--server-threads" => options.server_threads = number(value()?)?,
            "--side" => {
                side = Some(match value()?.as_str() {
                    "agora-api" => Side::Ours,
                    "hand-written" => Side::Theirs,
                    other => return Err(format!("unknown side {other:?}")),
                });
            }
            "--addr" => addr = Some(value()?.parse().map_err(|_| "--addr takes ip:port")?),
            "--serve" => {
                options.serve = Some(value()?.parse().map_err(|_| "--serve takes seconds")?);
            }
            "--help" | "-h" => return Err(USAGE.to_owned()),
            other => return Err(format!("unknown argument {other:?}\n{USAGE}")),
        }
    }
    options.side = match (side, addr) {
        (Some(side), Some(addr)) => Some((side, addr)),
        (None, None) => None,
        _ => return Err("--side and --addr go together".to_owned()),
    };
    Ok(options)
}

fn main() -> ExitCode {
    let options = match parse_options() {
        Ok(options) => options,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    };
    let result = match options.side {
        Some((side, addr)) => child(side, addr, &options),
        None => match options.serve {
            Some(seconds) => serve(seconds, &options),
            None => parent(&options),
        },
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

// ---------------------------------------------------------------------------
// The server.

/// The loopback server: counts what it answered.
struct Server {
    addr: SocketAddr,
    answered: Arc<AtomicU64>,
    rejected: Arc<AtomicU64>,
    /// Kept alive for as long as the server serves.
    _runtime: tokio::runtime::Runtime,
}

fn start_server(threads: usize, users: usize) -> Result<Server, String> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(threads)
        .thread_name("loopback-server")
        .enable_all()
        .build()
        .map_err(|error| format!("server runtime: {error}"))?;
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
        .map_err(|error| format!("bind: {error}"))?;
    let addr = listener
        .local_addr()
        .map_err(|error| format!("local address: {error}"))?;
    let body = Bytes::from(support::channel_users_json(users));
    let path: Arc<str> = support::list_users_url("", APP_ID, CHANNEL).into();
    let auth = support::basic_header();
    let answered = Arc::new(AtomicU64::new(0));
    let rejected = Arc::new(AtomicU64::new(0));
    let (answered_in, rejected_in) = (answered.clone(), rejected.clone());
    runtime.spawn(async move {
        loop {
            let Ok((stream, _)) = listener.accept().await else {
                continue;
            };
            let _ = stream.set_nodelay(true);
            let (body, path, auth) = (body.clone(), path.clone(), auth.clone());
            let (answered, rejected) = (answered_in.clone(), rejected_in.clone());
            tokio::spawn(async move {
                let service = service_fn(move |request: hyper::Request<Incoming>| {
                    let same = request.uri().path() == &*path
                        && request.headers().get(AUTHORIZATION) == Some(&auth);
                    let mut response = hyper::Response::new(Full::new(body.clone()));
                    if same {
                        answered.fetch_add(1, Ordering::Relaxed);
                    } else {
                        rejected.fetch_add(1, Ordering::Relaxed);
                        *response.status_mut() = hyper::StatusCode::BAD_REQUEST;
                    }
                    let headers = response.headers_mut();
                    headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
                    headers.insert(
                        "x-request-id",
                        HeaderValue::from_static("0c8b9a4e6d2f4e1a9b3c5d7e9f1a2b3c"),
                    );
                    async move { Ok::<_, std::convert::Infallible>(response) }
                });
                let _ = http1::Builder::new()
                    .serve_connection(TokioIo::new(stream), service)
                    .await;
            });
        }
    });
    Ok(Server {
        addr,
        answered,
        rejected,
        _runtime: runtime,
    })
}

/// `--serve`: the server alone, for `seconds`; its address goes to stdout.
fn serve(seconds: u64, options: &Options) -> Result<(), String> {
    let server = start_server(options.server_threads, options.users)?;
    println!("{}", server.addr);
    std::thread::sleep(Duration::from_secs(seconds));
    eprintln!(
        "served {} requests, rejected {}",
        server.answered.load(Ordering::Relaxed),
        server.rejected.load(Ordering::Relaxed)
    );
    Ok(())
}

// ---------------------------------------------------------------------------
// The parent: rounds of children, then the report.

/// What one child reports.
#[derive(Debug, Clone, serde::Deserialize)]
struct Run {
    rps: f64,
    p50_us: f64,
    p99_us: f64,
    cpu_us_per_call: f64,
    vmhwm_kb: u64,
    errors: u64,
}

fn parent(options: &Options) -> Result<(), String> {
    let server = start_server(options.server_threads, options.users)?;
    let exe = std::env::current_exe().map_err(|error| format!("own path: {error}"))?;
    let mut runs: Vec<(Side, Run)> = Vec::new();
    let server_cpu_before = cpu_ns();
    let started = Instant::now();
    let mut busy = Duration::ZERO;
    for round in 0..options.rounds {
        let order = if round % 2 == 0 {
            [Side::Ours, Side::Theirs]
        } else {
            [Side::Theirs, Side::Ours]
        };
        for side in order {
            let child_started = Instant::now();
            let output = Command::new(&exe)
                .args(["--side", side.name(), "--addr", &server.addr.to_string()])
                .args(["--calls", &options.calls.to_string()])
                .args(["--concurrency", &options.concurrency.to_string()])
                .args(["--warmup", &options.warmup.to_string()])
                .args(["--users", &options.users.to_string()])
                .args(["--client-threads", &options.client_threads.to_string()])
                .stdout(Stdio::piped())
                .stderr(Stdio::inherit())
                .output()
                .map_err(|error| format!("running a child: {error}"))?;
            busy += child_started.elapsed();
            if !output.status.success() {
                return Err(format!(
                    "the {} child failed: {}",
                    side.name(),
                    output.status
                ));
            }
            let text = String::from_utf8_lossy(&output.stdout);
            let line = text.lines().last().unwrap_or_default();
            let run: Run = serde_json::from_str(line)
                .map_err(|error| format!("child output {line:?}: {error}"))?;
            eprintln!(
                "round {}: {:<12} {:>9.0} req/s  p50 {:>7.1} µs  p99 {:>7.1} µs  {:>6.1} µs CPU/call  {:>6} KiB peak  {} errors",
                round + 1,
                side.name(),
                run.rps,
                run.p50_us,
                run.p99_us,
                run.cpu_us_per_call,
                run.vmhwm_kb,
                run.errors
            );
            runs.push((side, run));
        }
    }
    let wall = started.elapsed();
    let server_cpu = cpu_ns().saturating_sub(server_cpu_before);

    let expected = (options.calls + options.warmup) as u64 * 2 * options.rounds as u64;
    let answered = server.answered.load(Ordering::Relaxed);
    let rejected = server.rejected.load(Ordering::Relaxed);
    let errors: u64 = runs.iter().map(|(_, run)| run.errors).sum();

    let of = |side: Side| -> Vec<&Run> {
        runs.iter()
            .filter(|(s, _)| *s == side)
            .map(|(_, run)| run)
            .collect()
    };
    let (ours, theirs) = (of(Side::Ours), of(Side::Theirs));
    let med = |runs: &[&Run], field: fn(&Run) -> f64| {
        let mut values: Vec<f64> = runs.iter().map(|run| field(run)).collect();
        support::median(&mut values)
    };
    // Each round's two runs ran back to back: their ratio is paired.
    let mut ratios: Vec<f64> = ours
        .iter()
        .zip(&theirs)
        .map(|(ours, theirs)| ours.rps / theirs.rps)
        .collect();
    let ratio = support::median(&mut ratios);
    // `median` sorted the ratios: the quartiles and extremes can be read.
    let quantile = |q: f64| {
        let index = ((ratios.len() - 1) as f64 * q).round() as usize;
        ratios.get(index).copied().unwrap_or(f64::NAN)
    };
    let (low, q1, q3, high) = (quantile(0.0), quantile(0.25), quantile(0.75), quantile(1.0));

    println!();
    println!(
        "## Throughput: {} calls at concurrency {}, {} rounds per side (after {} warm-up calls each), {} users per answer, {} client / {} server thread(s)",
        options.calls,
        options.concurrency,
        options.rounds,
        options.warmup,
        options.users,
        options.client_threads,
        options.server_threads
    );
    println!();
    println!(
        "| side | requests/s (median) | p50 latency | p99 latency | client CPU per call | peak memory (VmHWM, max) |"
    );
    println!("|---|---:|---:|---:|---:|---:|");
    for (side, runs) in [(Side::Ours, &ours), (Side::Theirs, &theirs)] {
        let peak = runs.iter().map(|run| run.vmhwm_kb).max().unwrap_or(0);
        println!(
            "| {} | {:.0} | {:.1} µs | {:.1} µs | {:.1} µs | {:.1} MiB |",
            side.name(),
            med(runs, |run| run.rps),
            med(runs, |run| run.p50_us),
            med(runs, |run| run.p99_us),
            med(runs, |run| run.cpu_us_per_call),
            peak as f64 / 1024.0
        );
    }
    println!();
    println!(
        "ratio agora-api / hand-written requests/s: {ratio:.3} (median of {} paired rounds; middle half {q1:.3} – {q3:.3}, all {low:.3} – {high:.3})",
        ratios.len()
    );
    println!(
        "server: {answered} requests answered (expected {expected}: none retried), {rejected} rejected; {:.1} µs of server CPU per request; its threads used {:.0}% of one core over the run (children ran {:.0}% of the time)",
        server_cpu as f64 / 1_000.0 / (answered + rejected).max(1) as f64,
        server_cpu as f64 / wall.as_nanos() as f64 * 100.0,
        busy.as_secs_f64() / wall.as_secs_f64() * 100.0
    );
    if answered != expected || rejected != 0 || errors != 0 {
        return Err(format!(
            "calls went wrong: {answered} answered of {expected}, {rejected} rejected, {errors} client errors"
        ));
    }
    Ok(())
}

/// CPU time used so far by every thread of this process, in nanoseconds
/// (the first field of each thread's `schedstat`).
fn cpu_ns() -> u64 {
    let Ok(tasks) = std::fs::read_dir("/proc/self/task") else {
        return 0;
    };
    tasks
        .filter_map(Result::ok)
        .filter_map(|task| std::fs::read_to_string(task.path().join("schedstat")).ok())
        .filter_map(|text| text.split_whitespace().next()?.parse::<u64>().ok())
        .sum()
}

/// This process's peak resident memory (`VmHWM`), in KiB.
fn vmhwm_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find_map(|line| line.strip_prefix("VmHWM:"))
                .and_then(|value| value.trim().trim_end_matches("kB").trim().parse().ok())
        })
        .unwrap_or(0)
}

// ---------------------------------------------------------------------------
// A child: one side, one round.

/// The caller of one side.
enum Caller {
    Ours {
        client: Client,
        appid: AppId,
        channel: ChannelName,
    },
    Theirs {
        http: reqwest::Client,
        base: String,
        auth: HeaderValue,
    },
}

impl Caller {
    fn new(side: Side, addr: SocketAddr) -> Result<Self, String> {
        let base = format!("http://{addr}");
        Ok(match side {
            Side::Ours => Caller::Ours {
                client: Client::builder()
                    .basic_auth(CUSTOMER_ID, CUSTOMER_SECRET)
                    .base_url(base)
                    .build()
                    .map_err(|error| error.to_string())?,
                appid: AppId::new(APP_ID).map_err(|error| error.to_string())?,
                channel: ChannelName::new(CHANNEL).map_err(|error| error.to_string())?,
            },
            // Configured as the crate configures its client.
            Side::Theirs => Caller::Theirs {
                http: {
                    support::install_crypto_provider();
                    reqwest::Client::builder()
                        .connect_timeout(agora_api::DEFAULT_CONNECT_TIMEOUT)
                        .user_agent(concat!("agora-rs/", env!("CARGO_PKG_VERSION")))
                        .build()
                        .map_err(|error| error.to_string())?
                },
                base,
                auth: support::basic_header(),
            },
        })
    }

    /// One call; the number of users decoded.
    async fn call(&self) -> Result<usize, String> {
        match self {
            Caller::Ours {
                client,
                appid,
                channel,
            } => {
                let endpoint = ListChannelUsers::builder()
                    .appid(appid.clone())
                    .channel_name(channel.clone())
                    .build();
                let answer = client
                    .send(&endpoint)
                    .await
                    .map_err(|error| error.to_string())?;
                Ok(support::crate_users(&answer).1.len())
            }
            Caller::Theirs { http, base, auth } => {
                let request = http
                    .get(support::list_users_url(base, APP_ID, CHANNEL))
                    .header(CONTENT_TYPE, HeaderValue::from_static("application/json"))
                    .header(AUTHORIZATION, auth.clone())
                    .build()
                    .map_err(|error| error.to_string())?;
                // Bounded like one attempt of the crate.
                let answer: HandStats =
                    tokio::time::timeout(agora_api::DEFAULT_ATTEMPT_TIMEOUT, async {
                        let response = http
                            .execute(request)
                            .await
                            .map_err(|error| error.to_string())?;
                        if !response.status().is_success() {
                            return Err(format!("status {}", response.status()));
                        }
                        let body = response.bytes().await.map_err(|error| error.to_string())?;
                        serde_json::from_slice(&body).map_err(|error| error.to_string())
                    })
                    .await
                    .map_err(|_| "timed out".to_owned())??;
                Ok(support::hand_users(&answer).1.len())
            }
        }
    }
}

/// `calls` calls from `concurrency` tasks; the latency of each, in
/// nanoseconds, and how many failed.
async fn phase(
    caller: &Arc<Caller>,
    calls: usize,
    concurrency: usize,
    users: usize,
) -> (Vec<u64>, u64) {
    let next = Arc::new(AtomicUsize::new(0));
    let tasks: Vec<_> = (0..concurrency)
        .map(|_| {
            let (caller, next) = (caller.clone(), next.clone());
            tokio::spawn(async move {
                let mut latencies = Vec::with_capacity(calls / concurrency + 1);
                let mut errors = 0u64;
                while next.fetch_add(1, Ordering::Relaxed) < calls {
                    let started = Instant::now();
                    let outcome = caller.call().await;
                    latencies.push(started.elapsed().as_nanos() as u64);
                    if outcome != Ok(users) {
                        if errors == 0 {
                            eprintln!("call failed: {outcome:?}");
                        }
                        errors += 1;
                    }
                }
                (latencies, errors)
            })
        })
        .collect();
    let mut latencies = Vec::with_capacity(calls);
    let mut errors = 0;
    for task in tasks {
        match task.await {
            Ok((task_latencies, task_errors)) => {
                latencies.extend(task_latencies);
                errors += task_errors;
            }
            Err(error) => {
                eprintln!("a task failed: {error}");
                errors += 1;
            }
        }
    }
    (latencies, errors)
}

fn child(side: Side, addr: SocketAddr, options: &Options) -> Result<(), String> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(options.client_threads)
        .enable_all()
        .build()
        .map_err(|error| format!("client runtime: {error}"))?;
    let caller = Arc::new(Caller::new(side, addr)?);
    let (concurrency, users) = (options.concurrency, options.users);
    let (_, warmup_errors) = runtime.block_on(phase(&caller, options.warmup, concurrency, users));
    let cpu_before = cpu_ns();
    let started = Instant::now();
    let (mut latencies, errors) =
        runtime.block_on(phase(&caller, options.calls, concurrency, users));
    let elapsed = started.elapsed();
    let cpu = cpu_ns().saturating_sub(cpu_before);
    latencies.sort_unstable();
    let percentile = |p: f64| {
        let index = ((latencies.len() as f64 * p).ceil() as usize).saturating_sub(1);
        latencies.get(index).copied().unwrap_or(0) as f64 / 1_000.0
    };
    let report = json!({
        "side": side.name(),
        "calls": options.calls,
        "rps": options.calls as f64 / elapsed.as_secs_f64(),
        "p50_us": percentile(0.50),
        "p99_us": percentile(0.99),
        "cpu_us_per_call": cpu as f64 / 1_000.0 / options.calls as f64,
        "vmhwm_kb": vmhwm_kb(),
        "errors": errors + warmup_errors,
    });
    println!("{report}");
    Ok(())
}
