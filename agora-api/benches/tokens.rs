//! Minting an RTM and an RTC AccessToken2 (`007`), and parsing and
//! verifying one: `agora-api`'s `token` module against a straight-line
//! hand-written port of Agora's reference builder (the Go and Python
//! `AccessToken2`), on the same primitives (ring's HMAC-SHA256, stock zlib
//! at level 6 through flate2, standard base64).
//!
//! Issue time and salt are fixed on both sides so the tokens are equal;
//! they are checked equal, and the verifications to agree, before
//! measuring.
//!
//! `cargo bench -p agora-api --bench tokens`

mod support;

use std::hint::black_box;

use agora_api::token::{
    AppCertificate, AppId, ParsedAccessToken2, RtcRole, Service, Token, TokenBuilder,
};
use criterion::Criterion;
use support::{OURS, THEIRS};

const APP_ID: &str = "970CA35de60c44645bbae8a215061b33";
const CERTIFICATE: &str = "5CFd2fd1755d40ecb72977518be15d3b";
const ISSUE_TS: u32 = 1_700_000_000;
const SALT: u32 = 12_345_678;
const EXPIRE: u32 = 3600;
const USER: &str = "rtm_user_4852";
const CHANNEL: &str = "7d72365eb983485397e3e3f9d460bdda";
const UID: u32 = 2_882_341_273;

/// The hand-written AccessToken2, as Agora's reference builders write it.
mod hand {
    use std::collections::BTreeMap;
    use std::io::{Read as _, Write as _};

    use base64::Engine as _;
    use base64::engine::general_purpose::STANDARD;
    use ring::hmac;

    /// Service type codes.
    pub const RTC: u16 = 1;
    /// See [`RTC`].
    pub const RTM: u16 = 2;

    fn u16le(out: &mut Vec<u8>, value: u16) {
        out.extend_from_slice(&value.to_le_bytes());
    }

    fn u32le(out: &mut Vec<u8>, value: u32) {
        out.extend_from_slice(&value.to_le_bytes());
    }

    fn string(out: &mut Vec<u8>, value: &[u8]) {
        u16le(out, u16::try_from(value.len()).expect("short field"));
        out.extend_from_slice(value);
    }

    fn header(app_id: &str, issue_ts: u32, expire: u32, salt: u32) -> Vec<u8> {
        let mut info = Vec::with_capacity(128);
        string(&mut info, app_id.as_bytes());
        u32le(&mut info, issue_ts);
        u32le(&mut info, expire);
        u32le(&mut info, salt);
        u16le(&mut info, 1); // one service
        info
    }

    fn hmac(key: &[u8], data: &[u8]) -> hmac::Tag {
        hmac::sign(&hmac::Key::new(hmac::HMAC_SHA256, key), data)
    }

    fn key(certificate: &str, issue_ts: u32, salt: u32) -> hmac::Tag {
        let first = hmac(&issue_ts.to_le_bytes(), certificate.as_bytes());
        hmac(&salt.to_le_bytes(), first.as_ref())
    }

    fn sign(certificate: &str, issue_ts: u32, salt: u32, info: &[u8]) -> String {
        let signature = hmac(key(certificate, issue_ts, salt).as_ref(), info);
        let mut content = Vec::with_capacity(2 + 32 + info.len());
        string(&mut content, signature.as_ref());
        content.extend_from_slice(info);
        let mut zlib = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::new(6));
        zlib.write_all(&content).expect("writing to a Vec");
        let compressed = zlib.finish().expect("writing to a Vec");
        let mut token = String::from("007");
        STANDARD.encode_string(compressed, &mut token);
        token
    }

    /// An RTM token: login for `expire` seconds.
    pub fn rtm_token(
        app_id: &str,
        certificate: &str,
        user_id: &str,
        expire: u32,
        issue_ts: u32,
        salt: u32,
    ) -> String {
        let mut info = header(app_id, issue_ts, expire, salt);
        u16le(&mut info, RTM);
        u16le(&mut info, 1); // one privilege
        u16le(&mut info, 1); // login
        u32le(&mut info, expire);
        string(&mut info, user_id.as_bytes());
        sign(certificate, issue_ts, salt, &info)
    }

    /// An RTC publisher token: join and publish audio, video and data.
    #[allow(clippy::too_many_arguments)]
    pub fn rtc_publisher_token(
        app_id: &str,
        certificate: &str,
        channel: &str,
        uid: u32,
        token_expire: u32,
        privilege_expire: u32,
        issue_ts: u32,
        salt: u32,
    ) -> String {
        let mut info = header(app_id, issue_ts, token_expire, salt);
        u16le(&mut info, RTC);
        u16le(&mut info, 4);
        for privilege in 1..=4 {
            u16le(&mut info, privilege);
            u32le(&mut info, privilege_expire);
        }
        string(&mut info, channel.as_bytes());
        let uid = if uid == 0 {
            String::new()
        } else {
            uid.to_string()
        };
        string(&mut info, uid.as_bytes());
        sign(certificate, issue_ts, salt, &info)
    }

    /// A decoded, verified token.
    #[derive(Debug)]
    pub struct Verified {
        /// The App ID.
        pub app_id: String,
        /// Issue time, expiry and salt.
        pub times: (u32, u32, u32),
        /// Each service: type, privileges, and its strings.
        pub services: Vec<(u16, BTreeMap<u16, u32>, Vec<String>)>,
    }

    struct Reader<'a>(&'a [u8]);

    impl<'a> Reader<'a> {
        fn take(&mut self, n: usize) -> Result<&'a [u8], &'static str> {
            if self.0.len() < n {
                return Err("truncated");
            }
            let (head, tail) = self.0.split_at(n);
            self.0 = tail;
            Ok(head)
        }
        fn u16(&mut self) -> Result<u16, &'static str> {
            let bytes = self.take(2)?;
            Ok(u16::from_le_bytes([bytes[0], bytes[1]]))
        }
        fn u32(&mut self) -> Result<u32, &'static str> {
            let bytes = self.take(4)?;
            Ok(u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]))
        }
        fn bytes(&mut self) -> Result<&'a [u8], &'static str> {
            let len = self.u16()?;
            self.take(usize::from(len))
        }
        fn string(&mut self) -> Result<String, &'static str> {
            std::str::from_utf8(self.bytes()?)
                .map(str::to_owned)
                .map_err(|_| "not UTF-8")
        }
    }

    /// Decodes an RTC or RTM token and checks its signature.
    pub fn verify(token: &str, certificate: &str) -> Result<Verified, &'static str> {
        let body = token.strip_prefix("007").ok_or("not a 007 token")?;
        let compressed = STANDARD.decode(body).map_err(|_| "not base64")?;
        let mut content = Vec::with_capacity(compressed.len() * 4);
        flate2::read::ZlibDecoder::new(&compressed[..])
            .take(1 << 20)
            .read_to_end(&mut content)
            .map_err(|_| "not zlib")?;
        let mut reader = Reader(&content);
        let signature = reader.bytes()?;
        let info = reader.0;
        let app_id = reader.string()?;
        let issue_ts = reader.u32()?;
        let expire = reader.u32()?;
        let salt = reader.u32()?;
        let count = reader.u16()?;
        let mut services = Vec::new();
        for _ in 0..count {
            let kind = reader.u16()?;
            let mut privileges = BTreeMap::new();
            for _ in 0..reader.u16()? {
                let code = reader.u16()?;
                privileges.insert(code, reader.u32()?);
            }
            let strings = match kind {
                RTC => vec![reader.string()?, reader.string()?],
                RTM => vec![reader.string()?],
                _ => return Err("a service this verifier does not know"),
            };
            services.push((kind, privileges, strings));
        }
        let key = key(certificate, issue_ts, salt);
        hmac::verify(
            &hmac::Key::new(hmac::HMAC_SHA256, key.as_ref()),
            info,
            signature,
        )
        .map_err(|_| "signature mismatch")?;
        Ok(Verified {
            app_id,
            times: (issue_ts, expire, salt),
            services,
        })
    }
}

// Out of line, so that scripts/bench-instructions.sh can count it.
#[inline(never)]
fn ours_rtm(builder: &TokenBuilder) -> Token {
    builder.rtm_token(USER, EXPIRE).expect("a token")
}

// Out of line, so that scripts/bench-instructions.sh can count it.
#[inline(never)]
fn theirs_rtm() -> String {
    hand::rtm_token(APP_ID, CERTIFICATE, USER, EXPIRE, ISSUE_TS, SALT)
}

// Out of line, so that scripts/bench-instructions.sh can count it.
#[inline(never)]
fn ours_rtc(builder: &TokenBuilder) -> Token {
    builder
        .rtc_token(CHANNEL, UID, RtcRole::Publisher, EXPIRE, EXPIRE)
        .expect("a token")
}

// Out of line, so that scripts/bench-instructions.sh can count it.
#[inline(never)]
fn theirs_rtc() -> String {
    hand::rtc_publisher_token(
        APP_ID,
        CERTIFICATE,
        CHANNEL,
        UID,
        EXPIRE,
        EXPIRE,
        ISSUE_TS,
        SALT,
    )
}

// Out of line, so that scripts/bench-instructions.sh can count it.
#[inline(never)]
fn ours_verify(token: &str, certificate: &AppCertificate) -> ParsedAccessToken2 {
    let parsed = ParsedAccessToken2::parse(token).expect("a 007 token");
    parsed
        .verify(certificate)
        .expect("signed with this certificate");
    parsed
}

// Out of line, so that scripts/bench-instructions.sh can count it.
#[inline(never)]
fn theirs_verify(token: &str) -> hand::Verified {
    hand::verify(token, CERTIFICATE).expect("a valid token")
}

/// Benchmark groups, as criterion names them (and their directories).
const MINT_RTM: &str = "token_mint_rtm";
const MINT_RTC: &str = "token_mint_rtc";
const VERIFY: &str = "token_verify_rtc";

fn main() {
    let certificate = AppCertificate::new(CERTIFICATE).expect("valid");
    let builder = TokenBuilder::new(AppId::new(APP_ID).expect("valid"), certificate.clone())
        .with_issue_ts(ISSUE_TS)
        .with_salt(SALT);

    // Same tokens, and the same verdict, once, before measuring.
    assert_eq!(ours_rtm(&builder).expose_secret(), theirs_rtm());
    let rtc = theirs_rtc();
    assert_eq!(ours_rtc(&builder).expose_secret(), rtc);
    let ours = ours_verify(&rtc, &certificate);
    let theirs = theirs_verify(&rtc);
    assert_eq!(ours.app_id(), theirs.app_id);
    assert_eq!((ours.issue_ts(), ours.expire(), ours.salt()), theirs.times);
    let [Service::Rtc(service)] = ours.services() else {
        panic!("one RTC service")
    };
    let [(kind, privileges, strings)] = &theirs.services[..] else {
        panic!("one service")
    };
    assert_eq!(*kind, hand::RTC);
    assert_eq!(
        service.privileges().iter().collect::<Vec<_>>(),
        privileges.iter().map(|(k, v)| (*k, *v)).collect::<Vec<_>>()
    );
    assert_eq!(
        [service.channel_name(), service.uid()],
        [strings[0].as_str(), strings[1].as_str()]
    );
    assert!(hand::verify(&rtc, "00000000000000000000000000000000").is_err());

    let mut criterion = Criterion::default().configure_from_args();
    {
        let mut group = criterion.benchmark_group(MINT_RTM);
        group.bench_function(OURS, |b| {
            b.iter_with_large_drop(|| ours_rtm(black_box(&builder)))
        });
        group.bench_function(THEIRS, |b| b.iter_with_large_drop(theirs_rtm));
        group.finish();
    }
    {
        let mut group = criterion.benchmark_group(MINT_RTC);
        group.bench_function(OURS, |b| {
            b.iter_with_large_drop(|| ours_rtc(black_box(&builder)))
        });
        group.bench_function(THEIRS, |b| b.iter_with_large_drop(theirs_rtc));
        group.finish();
    }
    {
        let mut group = criterion.benchmark_group(VERIFY);
        group.bench_function(OURS, |b| {
            b.iter_with_large_drop(|| ours_verify(black_box(&rtc), &certificate));
        });
        group.bench_function(THEIRS, |b| {
            b.iter_with_large_drop(|| theirs_verify(black_box(&rtc)))
        });
        group.finish();
    }
    criterion.final_summary();

    if !support::benchmarking() {
        return;
    }
    let rows = [
        (
            MINT_RTM,
            support::selected(MINT_RTM).then(|| {
                support::paired(
                    || (),
                    |()| ours_rtm(black_box(&builder)),
                    || (),
                    |()| theirs_rtm(),
                )
            }),
        ),
        (
            MINT_RTC,
            support::selected(MINT_RTC).then(|| {
                support::paired(
                    || (),
                    |()| ours_rtc(black_box(&builder)),
                    || (),
                    |()| theirs_rtc(),
                )
            }),
        ),
        (
            VERIFY,
            support::selected(VERIFY).then(|| {
                support::paired(
                    || (),
                    |()| ours_verify(black_box(&rtc), &certificate),
                    || (),
                    |()| theirs_verify(black_box(&rtc)),
                )
            }),
        ),
    ];
    support::print_table("Tokens", THEIRS, &rows);
    if support::selected(RATE) {
        rates(&builder, &certificate, &rtc);
    }
}

/// The rate table's group name (`cargo bench -p agora-api --bench tokens -- token_rate`
/// runs only it).
const RATE: &str = "token_rate";

/// How long each rate is measured.
const RATE_SECS: f64 = 2.0;

/// Calls per second of `call` on this thread, over [`RATE_SECS`].
fn rate<T>(mut call: impl FnMut() -> T) -> f64 {
    for _ in 0..1000 {
        black_box(call());
    }
    let started = std::time::Instant::now();
    let mut calls = 0u64;
    loop {
        for _ in 0..1000 {
            black_box(call());
        }
        calls += 1000;
        let elapsed = started.elapsed().as_secs_f64();
        if elapsed >= RATE_SECS {
            return calls as f64 / elapsed;
        }
    }
}

/// Calls per second of `call` from `threads` threads at once.
fn rate_threads<T>(threads: usize, call: impl Fn() -> T + Sync) -> f64 {
    let call = &call;
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|_| scope.spawn(move || rate(call)))
            .collect();
        handles
            .into_iter()
            .map(|handle| handle.join().expect("a rate thread"))
            .sum()
    })
}

/// Tokens per second as a user mints them (system clock, random salt),
/// one thread unless said, and the targets of issue 11.
fn rates(fixed: &TokenBuilder, certificate: &AppCertificate, rtc: &str) {
    use agora_api::RtmTokenSource as _;
    use agora_api::UserId;
    use agora_api::token::RtmTokenMinter;

    let live = TokenBuilder::new(AppId::new(APP_ID).expect("valid"), certificate.clone());
    let minter = RtmTokenMinter::new(
        AppId::new(APP_ID).expect("valid"),
        certificate.clone(),
        UserId::new(USER).expect("valid"),
    );
    let rows: [(&str, f64, &str); 11] = [
        (
            "mint RTM AccessToken2 (clock, random salt)",
            rate(|| live.rtm_token(USER, EXPIRE).expect("a token")),
            ">= 100 000",
        ),
        (
            "mint RTM AccessToken2, fixed issue time and salt (the same token each time)",
            rate(|| ours_rtm(black_box(fixed))),
            "-",
        ),
        (
            "mint RTM AccessToken2, hand-written (fixed; fresh zlib stream per token)",
            rate(theirs_rtm),
            "-",
        ),
        (
            "mint RTC AccessToken2, publisher (clock, random salt)",
            rate(|| {
                live.rtc_token(CHANNEL, UID, RtcRole::Publisher, EXPIRE, EXPIRE)
                    .expect("a token")
            }),
            ">= 100 000",
        ),
        (
            "mint RTC AccessToken2, fixed issue time and salt",
            rate(|| ours_rtc(black_box(fixed))),
            "-",
        ),
        (
            "mint RTC AccessToken2, hand-written (fixed)",
            rate(theirs_rtc),
            "-",
        ),
        (
            "mint legacy 006 RTM token (clock, random salt)",
            rate(|| live.legacy_rtm_token(USER, EXPIRE).expect("a token")),
            ">= 100 000",
        ),
        (
            "parse and verify an RTC AccessToken2",
            rate(|| ours_verify(black_box(rtc), certificate)),
            ">= 200 000",
        ),
        (
            "parse and verify, hand-written",
            rate(|| theirs_verify(black_box(rtc))),
            "-",
        ),
        (
            "mint RTM AccessToken2, 16 threads at once (sum)",
            rate_threads(16, || live.rtm_token(USER, EXPIRE).expect("a token")),
            "not serialized",
        ),
        (
            "RtmTokenMinter::credentials, 16 threads at once (sum)",
            rate_threads(16, || minter.credentials().expect("credentials")),
            "shared token",
        ),
    ];
    println!("\n## Token rates (calls per second, {RATE_SECS} s each)\n");
    println!("| what | calls/s | target |");
    println!("|---|---:|---|");
    for (what, per_sec, target) in rows {
        println!("| {what} | {per_sec:.0} | {target} |");
    }
}
