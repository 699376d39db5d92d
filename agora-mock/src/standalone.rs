//! The emulator as a standalone server: the options of the `agora-mock`
//! binary and of `agora mock`, parsed and served in one place.

use std::net::IpAddr;
use std::process::ExitCode;

use agora_api::AppId;
use agora_api::token::AppCertificate;

use crate::{
    DEFAULT_APP_CERTIFICATE, DEFAULT_APP_ID, DEFAULT_CUSTOMER_ID, DEFAULT_CUSTOMER_SECRET,
    FaultRule, MockServer, WebhookTarget,
};

const DEFAULT_HOST: &str = "127.0.0.1";
const DEFAULT_PORT: u16 = 8080;

fn usage(program: &str) -> String {
    format!(
        "{program}: a local emulator of Agora's server-side REST APIs

USAGE:
    {program} [OPTIONS]

OPTIONS:
    --host ADDR               address to listen on [default: {DEFAULT_HOST}]
    --port PORT               port to listen on (0: any free port) [default: {DEFAULT_PORT}]
    --customer-id ID          Customer ID that Basic auth must carry [default: {DEFAULT_CUSTOMER_ID}]
    --customer-secret SECRET  Customer Secret that Basic auth must carry [default: {DEFAULT_CUSTOMER_SECRET}]
    --app-id APP_ID           App ID of the first project [default: {DEFAULT_APP_ID}]
    --app-certificate CERT    App Certificate of the first project, which RTM tokens
                              are verified with [default: {DEFAULT_APP_CERTIFICATE}]
    --seed N                  seed of the generated IDs [default: from the time]
    --channel NAME=UID,...    put hosts UID,... in the live RTC channel NAME of the
                              first project (may be repeated)
    --rate-limits             enforce Agora's documented per-second rate limits
                              (429 when exceeded) [default: off]
    --fault SPEC              inject a fault (may be repeated). SPEC is
                              \"METHOD PATH ACTION [times=N | always] [retry-after=SECS]\":
                              METHOD is GET, POST, ... or *; PATH a pattern where * or
                              {{name}} is one segment and a final ** the rest; ACTION a
                              status (503), delay=500ms / delay=2s, drop-before or
                              drop-after. Example:
                              --fault \"POST /v1/apps/*/cloud_recording/acquire 503 times=2\"
    --webhook-url URL         deliver the emulator's notifications (NCS) to URL: RTC
                              channel events and each product's lifecycle, signed
                              and retried as Agora does [default: none]
    --ncs-secret SECRET       the NCS secret deliveries are signed with
                              [default: $AGORA_NCS_SECRET]; required with --webhook-url
    -h, --help                print this help
"
    )
}

struct Options {
    host: IpAddr,
    port: u16,
    customer_id: String,
    customer_secret: String,
    app_id: AppId,
    app_certificate: AppCertificate,
    seed: Option<u64>,
    rate_limits: bool,
    channels: Vec<(String, Vec<u32>)>,
    faults: Vec<FaultRule>,
    webhook_url: Option<String>,
    ncs_secret: Option<String>,
}

enum Parsed {
    Run(Box<Options>),
    Help,
}

fn parse(args: impl IntoIterator<Item = String>) -> Result<Parsed, String> {
    let mut options = Options {
        host: DEFAULT_HOST
            .parse()
            .map_err(|_| "the default host is an address".to_owned())?,
        port: DEFAULT_PORT,
        customer_id: DEFAULT_CUSTOMER_ID.to_owned(),
        customer_secret: DEFAULT_CUSTOMER_SECRET.to_owned(),
        app_id: AppId::new(DEFAULT_APP_ID).map_err(|e| e.to_string())?,
        app_certificate: AppCertificate::new(DEFAULT_APP_CERTIFICATE).map_err(|e| e.to_string())?,
        seed: None,
        rate_limits: false,
        channels: Vec::new(),
        faults: Vec::new(),
        webhook_url: None,
        ncs_secret: None,
    };
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        if arg == "-h" || arg == "--help" {
            return Ok(Parsed::Help);
        }
        let (name, inline) = match arg.split_once('=') {
            Some((name, value)) if name.starts_with("--") => {
                (name.to_owned(), Some(value.to_owned()))
            }
            _ => (arg.clone(), None),
        };
        if !name.starts_with("--") {
            return Err(format!("unexpected argument {arg:?}"));
        }
        if name == "--rate-limits" {
            if inline.is_some() {
                return Err("--rate-limits takes no value".to_owned());
            }
            options.rate_limits = true;
            continue;
        }
        let mut value = || {
            inline
                .clone()
                .or_else(|| args.next())
                .ok_or_else(|| format!("{name} needs a value"))
        };
        match name.as_str() {
            "--host" => {
                let text = value()?;
                options.host = text
                    .parse()
                    .map_err(|_| format!("--host {text:?} is not an IP address"))?;
            }
            "--port" => {
                let text = value()?;
                options.port = text
                    .parse()
                    .map_err(|_| format!("--port {text:?} is not a port number"))?;
            }
            "--customer-id" => options.customer_id = value()?,
            "--customer-secret" => options.customer_secret = value()?,
            "--app-id" => {
                options.app_id = AppId::new(value()?).map_err(|e| format!("--app-id: {e}"))?;
            }
            "--app-certificate" => {
                options.app_certificate =
                    AppCertificate::new(value()?).map_err(|e| format!("--app-certificate: {e}"))?;
            }
            "--seed" => {
                let text = value()?;
                options.seed = Some(
                    text.parse()
                        .map_err(|_| format!("--seed {text:?} is not a whole number"))?,
                );
            }
            "--channel" => {
                let text = value()?;
                let (channel, uids) = text
                    .split_once('=')
                    .ok_or_else(|| format!("--channel {text:?}: expected NAME=UID,UID"))?;
                let uids = uids
                    .split(',')
                    .map(|uid| {
                        uid.trim()
                            .parse::<u32>()
                            .ok()
                            .filter(|uid| *uid != 0)
                            .ok_or_else(|| format!("--channel {text:?}: {uid:?} is not a uid"))
                    })
                    .collect::<Result<Vec<_>, _>>()?;
                options.channels.push((channel.to_owned(), uids));
            }
            "--webhook-url" => options.webhook_url = Some(value()?),
            "--ncs-secret" => options.ncs_secret = Some(value()?),
            "--fault" => {
                options
                    .faults
                    .push(FaultRule::parse(&value()?).map_err(|e| e.to_string())?);
            }
            _ => return Err(format!("unknown option {name:?} (see --help)")),
        }
    }
    if options.customer_id.is_empty() || options.customer_id.contains(':') {
        return Err("--customer-id must be non-empty, without ':'".to_owned());
    }
    if options.customer_secret.is_empty() {
        return Err("--customer-secret must not be empty".to_owned());
    }
    if options.webhook_url.is_some() && options.ncs_secret.is_none() {
        options.ncs_secret = std::env::var("AGORA_NCS_SECRET").ok();
    }
    if options.webhook_url.is_some() && options.ncs_secret.as_deref().is_none_or(str::is_empty) {
        return Err("--webhook-url needs --ncs-secret (or AGORA_NCS_SECRET)".to_owned());
    }
    Ok(Parsed::Run(Box::new(options)))
}

/// Serves the emulator as the command line `args` (without the program
/// name) asks, until the process ends: `--host`, `--port`, credentials,
/// `--seed`, `--channel`, `--rate-limits`, `--fault`, `--webhook-url` and
/// `--ncs-secret` (`--help` lists them
/// with their defaults). Prints the URL and the emulator's own credentials
/// on stdout once it listens.
///
/// Returns at once with exit status 0 after `--help`, 2 after bad options
/// (the message and the usage on stderr, prefixed with `program`), 1 when
/// it cannot listen.
pub async fn run_standalone(program: &str, args: impl IntoIterator<Item = String>) -> ExitCode {
    let options = match parse(args) {
        Ok(Parsed::Run(options)) => options,
        Ok(Parsed::Help) => {
            print!("{}", usage(program));
            return ExitCode::SUCCESS;
        }
        Err(error) => {
            eprintln!("{program}: {error}\n\n{}", usage(program));
            return ExitCode::from(2);
        }
    };
    let mut builder = MockServer::builder()
        .ip(options.host)
        .port(options.port)
        .customer_id(options.customer_id.clone())
        .customer_secret(options.customer_secret.clone())
        .app_id(options.app_id.clone())
        .app_certificate(options.app_certificate.clone())
        .rate_limits(options.rate_limits);
    if let Some(seed) = options.seed {
        builder = builder.seed(seed);
    }
    for rule in &options.faults {
        builder = builder.fault(rule.clone());
    }
    if let (Some(url), Some(secret)) = (&options.webhook_url, &options.ncs_secret) {
        builder = builder.webhooks(WebhookTarget::new(url.clone(), secret.clone()));
    }
    let server = match builder.start().await {
        Ok(server) => server,
        Err(error) => {
            eprintln!(
                "{program}: cannot listen on {}:{}: {error}",
                options.host, options.port
            );
            return ExitCode::FAILURE;
        }
    };
    for (channel, uids) in &options.channels {
        for uid in uids {
            if let Err(banned) = server.channel(channel).host(*uid) {
                eprintln!("{program}: {banned}");
            }
        }
    }
    println!(
        "{program} serving {} endpoints at {}",
        crate::served_endpoints().len(),
        server.url()
    );
    println!("  Customer ID      {}", options.customer_id);
    println!("  Customer Secret  {}", options.customer_secret);
    println!("  App ID           {}", options.app_id);
    println!(
        "  App Certificate  {}",
        options.app_certificate.expose_secret()
    );
    if options.rate_limits {
        println!("  rate limits      Agora's documented limits are enforced");
    }
    for rule in &options.faults {
        println!("  fault            {rule}");
    }
    if let Some(url) = &options.webhook_url {
        println!("  webhooks         delivered to {url}");
    }
    println!(
        "try: curl -u {}:{} {}/dev/v1/projects",
        options.customer_id,
        options.customer_secret,
        server.url()
    );
    std::future::pending::<()>().await;
    ExitCode::SUCCESS
}
