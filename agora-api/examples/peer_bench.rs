//! The agora-api side of `scripts/bench-peers.sh`: mints RTM tokens, or
//! sends Cloud Recording `acquire` calls to a loopback server, and prints
//! one JSON line (rate, CPU per call, peak memory) in the same shape as the
//! script's Python and Node drivers.
//!
//! ```text
//! cargo run --release -p agora-api --example peer_bench -- tokens [--count N] [--secs S]
//! cargo run --release -p agora-api --example peer_bench -- acquire --url http://127.0.0.1:PORT
//!     [--calls N] [--concurrency C] [--secs S]
//! cargo run --release -p agora-api --example peer_bench -- verify TOKEN
//! ```
//!
//! Every run stops after N calls or S seconds, whichever comes first.

use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use agora_api::cloud_recording::{Acquire, AcquireClientRequest, Scene};
use agora_api::token::{AppCertificate, AppId as TokenAppId, ParsedAccessToken2, TokenBuilder};
use agora_api::{AppId, ChannelName, Client, UidString};

/// The emulator's default project and credentials (`agora-mock --help`).
const APP_ID: &str = "0123456789abcdef0123456789abcdef";
const CERTIFICATE: &str = "fedcba9876543210fedcba9876543210";
const CUSTOMER_ID: &str = "agora-mock-customer";
const CUSTOMER_SECRET: &str = "agora-mock-secret";
/// What every driver mints: an RTM token for this user, valid an hour.
const USER: &str = "peer_bench_user";
const EXPIRE: u32 = 3600;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(line) => {
            println!("{line}");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("peer_bench: {error}");
            ExitCode::FAILURE
        }
    }
}

/// The value after `--name`, parsed, or `default`.
fn option<T: std::str::FromStr>(args: &[String], name: &str, default: T) -> Result<T, String> {
    match args.iter().position(|arg| arg == name) {
        None => Ok(default),
        Some(at) => args
            .get(at + 1)
            .and_then(|value| value.parse().ok())
            .ok_or_else(|| format!("{name} needs a value")),
    }
}

fn run(args: &[String]) -> Result<String, String> {
    match args.first().map(String::as_str) {
        Some("tokens") => tokens(
            option(args, "--count", 200_000u64)?,
            option(args, "--secs", 10.0f64)?,
        ),
        Some("acquire") => acquire(
            &option(args, "--url", String::new())?,
            option(args, "--calls", 5_000u64)?,
            option(args, "--concurrency", 1usize)?,
            option(args, "--secs", 20.0f64)?,
        ),
        Some("verify") => verify(args.get(1).ok_or("verify needs a token")?),
        _ => Err("usage: peer_bench tokens|acquire|verify ... (see the file's header)".to_owned()),
    }
}

/// The JSON line every driver prints.
fn report(side: &str, calls: u64, concurrency: usize, secs: f64, cpu_ns: u64) -> String {
    let calls_f = calls.max(1) as f64;
    format!(
        "{{\"side\":\"{side}\",\"calls\":{calls},\"concurrency\":{concurrency},\"secs\":{secs:.3},\
         \"rate\":{:.1},\"cpu_us_per_call\":{:.3},\"peak_rss_kib\":{}}}",
        calls as f64 / secs,
        cpu_ns as f64 / 1e3 / calls_f,
        vmhwm_kib()
    )
}

/// Mints RTM AccessToken2 tokens as a server does: system clock, random salt.
fn tokens(count: u64, secs: f64) -> Result<String, String> {
    let builder = TokenBuilder::new(
        TokenAppId::new(APP_ID).map_err(|e| e.to_string())?,
        AppCertificate::new(CERTIFICATE).map_err(|e| e.to_string())?,
    );
    let limit = Duration::from_secs_f64(secs);
    let (cpu_before, started) = (cpu_ns(), Instant::now());
    let mut minted = 0u64;
    let mut bytes = 0usize;
    while minted < count {
        let token = builder.rtm_token(USER, EXPIRE).map_err(|e| e.to_string())?;
        bytes = bytes.wrapping_add(token.expose_secret().len());
        minted += 1;
        if minted.is_multiple_of(1024) && started.elapsed() >= limit {
            break;
        }
    }
    let elapsed = started.elapsed().as_secs_f64();
    std::hint::black_box(bytes);
    Ok(report(
        "agora-api",
        minted,
        1,
        elapsed,
        cpu_ns().saturating_sub(cpu_before),
    ))
}

/// `calls` acquires from `concurrency` tasks on a two-thread runtime.
fn acquire(url: &str, calls: u64, concurrency: usize, secs: f64) -> Result<String, String> {
    if !url.starts_with("http://127.") && !url.starts_with("http://[::1]") {
        return Err("--url must be a loopback http:// address".to_owned());
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| e.to_string())?;
    runtime.block_on(async {
        let client = Client::builder()
            .basic_auth(CUSTOMER_ID, CUSTOMER_SECRET)
            .base_url(url)
            .build()
            .map_err(|e| e.to_string())?;
        let client = Arc::new(client);
        let appid = AppId::new(APP_ID).map_err(|e| e.to_string())?;
        // One warm-up call, which also checks the answer.
        let endpoint = |n: u64| -> Result<Acquire, String> {
            Ok(Acquire::builder()
                .appid(appid.clone())
                .cname(ChannelName::new(format!("peers_{n}")).map_err(|e| e.to_string())?)
                .uid(UidString::new(527_841).map_err(|e| e.to_string())?)
                .client_request(AcquireClientRequest {
                    scene: Some(Scene::Rtc),
                    resource_expired_hour: Some(24),
                    ..AcquireClientRequest::default()
                })
                .build())
        };
        // The answer decodes only with a valid, non-empty `ResourceId`.
        client
            .send(&endpoint(0)?)
            .await
            .map_err(|e| e.to_string())?;
        let next = Arc::new(AtomicU64::new(0));
        let failed = Arc::new(AtomicU64::new(0));
        let deadline = Instant::now() + Duration::from_secs_f64(secs);
        let (cpu_before, started) = (cpu_ns(), Instant::now());
        let tasks: Vec<_> = (0..concurrency.max(1))
            .map(|_| {
                let (client, next, failed) = (client.clone(), next.clone(), failed.clone());
                let endpoints: Vec<Acquire> = (0..16).filter_map(|n| endpoint(n).ok()).collect();
                tokio::spawn(async move {
                    let mut done = 0u64;
                    while next.fetch_add(1, Ordering::Relaxed) < calls && Instant::now() < deadline
                    {
                        let Some(endpoint) = endpoints.get((done % 16) as usize) else {
                            break;
                        };
                        if client.send(endpoint).await.is_err() {
                            failed.fetch_add(1, Ordering::Relaxed);
                        }
                        done += 1;
                    }
                    done
                })
            })
            .collect();
        let mut done = 0u64;
        for task in tasks {
            done += task.await.map_err(|e| e.to_string())?;
        }
        let elapsed = started.elapsed().as_secs_f64();
        let failed = failed.load(Ordering::Relaxed);
        if failed != 0 {
            return Err(format!("{failed} of {done} acquires failed"));
        }
        Ok(report(
            "agora-api",
            done,
            concurrency,
            elapsed,
            cpu_ns().saturating_sub(cpu_before),
        ))
    })
}

/// Parses and verifies a token minted by a peer with the same App ID and
/// certificate; prints its fields.
fn verify(token: &str) -> Result<String, String> {
    let parsed = ParsedAccessToken2::parse(token).map_err(|e| e.to_string())?;
    parsed
        .verify(&AppCertificate::new(CERTIFICATE).map_err(|e| e.to_string())?)
        .map_err(|e| e.to_string())?;
    Ok(format!(
        "{{\"verified\":true,\"app_id\":\"{}\",\"expire\":{},\"services\":{}}}",
        parsed.app_id(),
        parsed.expire(),
        parsed.services().len()
    ))
}

/// CPU time used so far by every thread of this process, in nanoseconds.
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
fn vmhwm_kib() -> u64 {
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
