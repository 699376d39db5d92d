//! `agora token`: build and inspect Agora tokens from the command line.
//!
//! ```text
//! agora token rtm --app-id ID --app-certificate CERT --user-id U --expire SECONDS
//!                 [--issue-ts T] [--salt S] [--legacy]
//! agora token rtc --app-id ID --app-certificate CERT --channel C (--uid N | --account A)
//!                 --role publisher|subscriber --expire SECONDS
//!                 [--issue-ts T] [--salt S] [--legacy]
//! agora token inspect TOKEN [--app-certificate CERT]
//!                     [--user-id U | --channel C (--uid N | --account A)]
//! ```
//!
//! `rtm`/`rtc` print the token alone on one line; `inspect` prints one JSON
//! object. Bad input prints `error: ...` on stderr and exits with code 2.
//!
//! The arguments after `agora token` are parsed here, not by clap, so that
//! the messages name each flag and rule exactly as the former `token`
//! example of agora-api did.

use std::collections::BTreeMap;
use std::process::ExitCode;

use agora_api::token::{
    self, AppCertificate, AppId, ParsedAccessToken2, ParsedLegacyAccessToken, ParsedToken,
    Privilege, Privileges, RtcRole, RtcUser, Service, TokenBuilder, TokenError,
};
use serde_json::{Map, Value, json};

const USAGE: &str = "\
usage:
  agora token rtm --app-id ID --app-certificate CERT --user-id U --expire SECONDS
                  [--issue-ts T] [--salt S] [--legacy]
  agora token rtc --app-id ID --app-certificate CERT --channel C (--uid N | --account A)
                  --role publisher|subscriber --expire SECONDS
                  [--issue-ts T] [--salt S] [--legacy]
  agora token inspect TOKEN [--app-certificate CERT]
                      [--user-id U | --channel C (--uid N | --account A)]

  --expire      token lifetime in seconds from the issue time
  --issue-ts    issue time as unix seconds (default: now)
  --salt        salt (default: random in 1..=99999999)
  --legacy      build a legacy 006 token instead of AccessToken2 (007);
                006 stores absolute times: ts = issue time + 24 h and
                privileges = issue time + --expire";

/// Exit code for bad input.
const EXIT_USAGE: u8 = 2;
/// Exit code when the system cannot provide time or randomness.
const EXIT_FAILURE: u8 = 1;

/// What went wrong, and which exit code it maps to.
#[derive(Debug, PartialEq, Eq)]
pub enum CliError {
    /// `--help`: print usage on stdout, exit 0.
    Help,
    /// Bad input: message on stderr, exit 2.
    Usage(String),
    /// The system failed (clock, random source): exit 1.
    Failure(String),
}

impl CliError {
    fn usage(msg: impl Into<String>) -> Self {
        Self::Usage(msg.into())
    }
}

/// Runs `agora token` with the arguments after it: the token (or the JSON
/// of `inspect`) on stdout, exit status 0; bad input on stderr with the
/// usage, exit status 2; a failure of the system's clock or random source,
/// exit status 1.
pub fn main(arguments: Vec<std::ffi::OsString>) -> ExitCode {
    let mut args = Vec::new();
    for (i, a) in arguments.into_iter().enumerate() {
        match a.into_string() {
            Ok(s) => args.push(s),
            Err(_) => {
                return report(&CliError::usage(format!(
                    "argument {} is not valid UTF-8",
                    i + 1
                )));
            }
        }
    }
    match run(&args) {
        Ok(out) => {
            println!("{out}");
            ExitCode::SUCCESS
        }
        Err(e) => report(&e),
    }
}

fn report(e: &CliError) -> ExitCode {
    match e {
        CliError::Help => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        CliError::Usage(msg) => {
            eprintln!("error: {msg}");
            eprintln!("{USAGE}");
            ExitCode::from(EXIT_USAGE)
        }
        CliError::Failure(msg) => {
            eprintln!("error: {msg}");
            ExitCode::from(EXIT_FAILURE)
        }
    }
}

/// Runs the command line (without the program name) and returns what to
/// print on stdout.
///
/// # Errors
/// [`CliError`] describing the bad input or failure.
pub fn run(args: &[String]) -> Result<String, CliError> {
    let Some((command, rest)) = args.split_first() else {
        return Err(CliError::usage(
            "missing command: expected rtm, rtc or inspect",
        ));
    };
    match command.as_str() {
        "rtm" => cmd_rtm(rest),
        "rtc" => cmd_rtc(rest),
        "inspect" => cmd_inspect(rest),
        "-h" | "--help" | "help" => Err(CliError::Help),
        other => Err(CliError::usage(format!(
            "unknown command {other:?}: expected rtm, rtc or inspect"
        ))),
    }
}

/// Parsed flags of one command.
struct Flags {
    values: BTreeMap<&'static str, String>,
    switches: Vec<&'static str>,
    positional: Vec<String>,
}

impl Flags {
    /// Splits `args` into `--flag value` / `--flag=value` pairs, switches and
    /// positionals, accepting only the flags listed.
    fn parse(
        command: &str,
        args: &[String],
        valued: &[&'static str],
        switches: &[&'static str],
    ) -> Result<Self, CliError> {
        let mut out = Self {
            values: BTreeMap::new(),
            switches: Vec::new(),
            positional: Vec::new(),
        };
        let mut it = args.iter();
        while let Some(arg) = it.next() {
            if arg == "-h" || arg == "--help" {
                return Err(CliError::Help);
            }
            if !arg.starts_with("--") {
                out.positional.push(arg.clone());
                continue;
            }
            let (name, inline) = match arg.split_once('=') {
                Some((n, v)) => (n, Some(v.to_owned())),
                None => (arg.as_str(), None),
            };
            if let Some(&flag) = switches.iter().find(|f| **f == name) {
                if inline.is_some() {
                    return Err(CliError::usage(format!("{flag} takes no value")));
                }
                if out.switches.contains(&flag) {
                    return Err(CliError::usage(format!("{flag} given more than once")));
                }
                out.switches.push(flag);
                continue;
            }
            let Some(&flag) = valued.iter().find(|f| **f == name) else {
                return Err(CliError::usage(format!(
                    "unknown flag {name} for `token {command}`"
                )));
            };
            let value = match inline {
                Some(v) => v,
                None => match it.next() {
                    Some(v) if !v.starts_with("--") => v.clone(),
                    _ => return Err(CliError::usage(format!("{flag} needs a value"))),
                },
            };
            if out.values.insert(flag, value).is_some() {
                return Err(CliError::usage(format!("{flag} given more than once")));
            }
        }
        Ok(out)
    }

    fn get(&self, flag: &str) -> Option<&str> {
        self.values.get(flag).map(String::as_str)
    }

    fn required(&self, flag: &'static str) -> Result<&str, CliError> {
        self.get(flag)
            .ok_or_else(|| CliError::usage(format!("{flag} is required")))
    }

    fn switch(&self, flag: &str) -> bool {
        self.switches.contains(&flag)
    }

    fn no_positionals(&self, command: &str) -> Result<(), CliError> {
        match self.positional.first() {
            Some(p) => Err(CliError::usage(format!(
                "unexpected argument {p:?} for `token {command}`"
            ))),
            None => Ok(()),
        }
    }
}

fn parse_u32(flag: &str, value: &str, what: &str) -> Result<u32, CliError> {
    if value.is_empty() || !value.bytes().all(|b| b.is_ascii_digit()) {
        return Err(CliError::usage(format!(
            "{flag} must be {what}: a whole number from 0 to 4294967295, got {value:?}"
        )));
    }
    value.parse::<u32>().map_err(|_| {
        CliError::usage(format!(
            "{flag} must be {what}: a whole number from 0 to 4294967295, got {value:?} (too large)"
        ))
    })
}

fn app_id(flags: &Flags) -> Result<AppId, CliError> {
    AppId::new(flags.required("--app-id")?)
        .map_err(|e| CliError::usage(format!("--app-id {}", e.rule())))
}

fn app_certificate(value: &str) -> Result<AppCertificate, CliError> {
    AppCertificate::new(value).map_err(|e| match e {
        TokenError::InvalidAppCertificate { reason } => CliError::usage(format!(
            "--app-certificate must be exactly 32 hexadecimal characters ({reason})"
        )),
        other => CliError::usage(format!("--app-certificate: {other}")),
    })
}

fn text(flags: &Flags, flag: &'static str) -> Result<String, CliError> {
    let v = flags.required(flag)?;
    if v.is_empty() {
        return Err(CliError::usage(format!("{flag} must not be empty")));
    }
    if v.len() > usize::from(u16::MAX) {
        return Err(CliError::usage(format!(
            "{flag} must be at most 65535 bytes, got {}",
            v.len()
        )));
    }
    Ok(v.to_owned())
}

const BUILD_FLAGS: [&str; 5] = [
    "--app-id",
    "--app-certificate",
    "--expire",
    "--issue-ts",
    "--salt",
];

/// The builder and `--expire` shared by `rtm` and `rtc`.
fn builder(flags: &Flags) -> Result<(TokenBuilder, u32), CliError> {
    let app_id = app_id(flags)?;
    let cert = app_certificate(flags.required("--app-certificate")?)?;
    let expire = parse_u32(
        "--expire",
        flags.required("--expire")?,
        "a number of seconds",
    )?;
    let mut b = TokenBuilder::new(app_id, cert);
    if let Some(ts) = flags.get("--issue-ts") {
        b = b.with_issue_ts(parse_u32("--issue-ts", ts, "a unix time in seconds")?);
    }
    if let Some(salt) = flags.get("--salt") {
        b = b.with_salt(parse_u32("--salt", salt, "an integer salt")?);
    }
    Ok((b, expire))
}

fn build_error(e: TokenError) -> CliError {
    match e {
        TokenError::Clock { .. } | TokenError::Random { .. } => CliError::Failure(e.to_string()),
        TokenError::TimestampOverflow { .. } => {
            CliError::usage(format!("--issue-ts/--expire: {e} (use smaller values)"))
        }
        other => CliError::usage(format!("cannot build the token: {other}")),
    }
}

fn cmd_rtm(args: &[String]) -> Result<String, CliError> {
    let mut valued = BUILD_FLAGS.to_vec();
    valued.push("--user-id");
    let flags = Flags::parse("rtm", args, &valued, &["--legacy"])?;
    flags.no_positionals("rtm")?;
    let (b, expire) = builder(&flags)?;
    let user_id = text(&flags, "--user-id")?;
    let token = if flags.switch("--legacy") {
        b.legacy_rtm_token(&user_id, expire)
    } else {
        b.rtm_token(&user_id, expire)
    }
    .map_err(build_error)?;
    Ok(token.into_secret())
}

fn cmd_rtc(args: &[String]) -> Result<String, CliError> {
    let mut valued = BUILD_FLAGS.to_vec();
    valued.extend(["--channel", "--uid", "--account", "--role"]);
    let flags = Flags::parse("rtc", args, &valued, &["--legacy"])?;
    flags.no_positionals("rtc")?;
    let (b, expire) = builder(&flags)?;
    let channel = text(&flags, "--channel")?;
    let user = match (flags.get("--uid"), flags.get("--account")) {
        (Some(_), Some(_)) => {
            return Err(CliError::usage(
                "--uid and --account cannot be used together",
            ));
        }
        (None, None) => return Err(CliError::usage("one of --uid or --account is required")),
        (Some(uid), None) => RtcUser::Uid(parse_u32(
            "--uid",
            uid,
            "a numeric uid (use --account for a string user account)",
        )?),
        (None, Some(_)) => RtcUser::Account(text(&flags, "--account")?),
    };
    let role = match flags.required("--role")? {
        "publisher" => RtcRole::Publisher,
        "subscriber" => RtcRole::Subscriber,
        other => {
            return Err(CliError::usage(format!(
                "--role must be publisher or subscriber, got {other:?}"
            )));
        }
    };
    let token = if flags.switch("--legacy") {
        b.legacy_rtc_token(&channel, user, role, expire)
    } else {
        b.rtc_token(&channel, user, role, expire, expire)
    }
    .map_err(build_error)?;
    Ok(token.into_secret())
}

fn cmd_inspect(args: &[String]) -> Result<String, CliError> {
    let flags = Flags::parse(
        "inspect",
        args,
        &[
            "--app-certificate",
            "--user-id",
            "--channel",
            "--uid",
            "--account",
        ],
        &[],
    )?;
    let token_text = match flags.positional.as_slice() {
        [t] => t.as_str(),
        [] => return Err(CliError::usage("TOKEN is required: token inspect TOKEN")),
        [_, extra, ..] => {
            return Err(CliError::usage(format!(
                "unexpected argument {extra:?}: inspect takes one TOKEN"
            )));
        }
    };
    let cert = flags
        .get("--app-certificate")
        .map(app_certificate)
        .transpose()?;
    let parsed = token::parse(token_text)
        .map_err(|e| CliError::usage(format!("TOKEN cannot be decoded: {e}")))?;
    let value = match &parsed {
        ParsedToken::V007(t) => inspect_007(t, cert.as_ref()),
        ParsedToken::V006(t) => inspect_006(t, cert.as_ref(), &legacy_identity(&flags)?),
    };
    serde_json::to_string(&value).map_err(|e| CliError::Failure(e.to_string()))
}

fn privileges_json<P: Privilege>(p: &Privileges<P>) -> Value {
    let mut m = Map::new();
    for (code, value) in p.iter() {
        let key = P::from_code(code).map_or_else(|| code.to_string(), |p| p.name().to_owned());
        m.insert(key, json!(value));
    }
    Value::Object(m)
}

fn service_json(s: &Service) -> Value {
    let kind = s.service_type();
    let mut m = Map::new();
    m.insert("type".into(), json!(kind.code()));
    m.insert("name".into(), json!(kind.name()));
    let mut privs = Map::new();
    for e in s.privilege_entries() {
        let key = e.name.map_or_else(|| e.code.to_string(), str::to_owned);
        privs.insert(key, json!(e.value));
    }
    match s {
        Service::Rtc(r) => {
            m.insert("channel_name".into(), json!(r.channel_name()));
            m.insert("uid".into(), json!(r.uid()));
        }
        Service::Rtm(r) => {
            m.insert("user_id".into(), json!(r.user_id()));
        }
        Service::Streaming(r) => {
            m.insert("channel_name".into(), json!(r.channel_name()));
            m.insert("account".into(), json!(r.account()));
        }
        Service::Chat(r) => {
            m.insert("user_id".into(), json!(r.user_id()));
        }
        Service::Fcdn(r) => {
            m.insert("channel_name".into(), json!(r.channel_name()));
            m.insert("account".into(), json!(r.account()));
        }
        Service::Apaas(r) => {
            m.insert("room_uuid".into(), json!(r.room_uuid()));
            m.insert("user_uuid".into(), json!(r.user_uuid()));
            m.insert("role".into(), json!(r.role()));
        }
        Service::Rtm2(r) => {
            m.insert("user_id".into(), json!(r.user_id()));
            let perms: Vec<Value> = r
                .permissions()
                .iter()
                .map(|(rt, pt, resources)| {
                    json!({
                        "resource_type": token::Rtm2ResourceType::from_code(rt)
                            .map_or_else(|| json!(rt), |t| json!(t.name())),
                        "permission": token::Rtm2PermissionType::from_code(pt)
                            .map_or_else(|| json!(pt), |t| json!(t.name())),
                        "resources": resources,
                    })
                })
                .collect();
            m.insert("permissions".into(), Value::Array(perms));
        }
        // Fpa, ConvoAi, Stt and future variants carry no fields of their own.
        _ => {}
    }
    m.insert("privileges".into(), Value::Object(privs));
    Value::Object(m)
}

fn inspect_007(t: &ParsedAccessToken2, cert: Option<&AppCertificate>) -> Value {
    let mut m = Map::new();
    m.insert("version".into(), json!("007"));
    m.insert("app_id".into(), json!(t.app_id()));
    m.insert("issue_ts".into(), json!(t.issue_ts()));
    m.insert("expire".into(), json!(t.expire()));
    m.insert("expires_at".into(), json!(t.expires_at()));
    m.insert("salt".into(), json!(t.salt()));
    m.insert("service_count".into(), json!(t.declared_service_count()));
    m.insert(
        "services".into(),
        Value::Array(t.services().iter().map(service_json).collect()),
    );
    m.insert(
        "unknown_service_type".into(),
        json!(t.unknown_service_type()),
    );
    m.insert("undecoded_bytes".into(), json!(t.remainder().len()));
    if let Some(cert) = cert {
        m.insert("verified".into(), json!(t.verify(cert).is_ok()));
    }
    Value::Object(m)
}

/// What a 006 token was built for, which its signature covers but the token
/// holds only as CRC-32 checksums: given on the command line to verify it.
enum LegacyIdentity {
    Unknown,
    Rtm(String),
    Rtc(String, RtcUser),
}

fn legacy_identity(flags: &Flags) -> Result<LegacyIdentity, CliError> {
    match (
        flags.get("--user-id"),
        flags.get("--channel"),
        flags.get("--uid"),
        flags.get("--account"),
    ) {
        (None, None, None, None) => Ok(LegacyIdentity::Unknown),
        (Some(user), None, None, None) => Ok(LegacyIdentity::Rtm(user.to_owned())),
        (None, Some(channel), Some(uid), None) => {
            let uid = uid.parse::<u32>().map_err(|_| {
                CliError::usage(format!(
                    "--uid must be a whole number from 0 to 4294967295, got {uid:?}"
                ))
            })?;
            Ok(LegacyIdentity::Rtc(channel.to_owned(), RtcUser::Uid(uid)))
        }
        (None, Some(channel), None, Some(account)) => Ok(LegacyIdentity::Rtc(
            channel.to_owned(),
            RtcUser::Account(account.to_owned()),
        )),
        _ => Err(CliError::usage(
            "to verify a 006 token give --user-id U (RTM), or --channel C with --uid N or --account A (RTC)",
        )),
    }
}

fn inspect_006(
    t: &ParsedLegacyAccessToken,
    cert: Option<&AppCertificate>,
    identity: &LegacyIdentity,
) -> Value {
    let mut m = Map::new();
    m.insert("version".into(), json!("006"));
    m.insert("app_id".into(), json!(t.app_id()));
    m.insert("salt".into(), json!(t.salt()));
    m.insert("ts".into(), json!(t.ts()));
    m.insert("crc_channel_name".into(), json!(t.crc_channel_name()));
    m.insert("crc_uid".into(), json!(t.crc_uid()));
    m.insert("privileges".into(), privileges_json(t.privileges()));
    if let Some(cert) = cert {
        // The 006 signature covers the channel name and uid, which the token
        // stores only as CRC-32 checksums: with them given, it is checked;
        // without, it cannot be.
        match identity {
            LegacyIdentity::Rtm(user) => {
                m.insert("verified".into(), json!(t.verify_rtm(cert, user).is_ok()));
            }
            LegacyIdentity::Rtc(channel, user) => {
                m.insert(
                    "verified".into(),
                    json!(t.verify(cert, channel, user.clone()).is_ok()),
                );
            }
            LegacyIdentity::Unknown => {
                m.insert("verified".into(), Value::Null);
                m.insert(
                    "verification_note".into(),
                    json!(
                        "a 006 signature covers the channel name and uid, which the token holds only as CRC-32: add --user-id U (RTM) or --channel C with --uid N or --account A (RTC) to verify it"
                    ),
                );
            }
        }
    }
    Value::Object(m)
}
