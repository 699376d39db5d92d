//! The clap command tree: the global options, the built-in commands, and
//! one subcommand per product and per endpoint, generated from the
//! [`Catalog`].

use agora_api::registry::{EndpointInfo, FieldLocation};
use clap::{Arg, ArgAction, Command};

use crate::catalog::{self, Catalog};
use crate::exit;

/// What `agora --help` ends with: the exit statuses and where settings
/// come from.
fn after_help() -> String {
    format!(
        "\
Settings come from the flags above, else the environment, else the profile
(--profile NAME or AGORA_PROFILE, default `default`) in the profile file
(--config FILE or AGORA_CONFIG, default $XDG_CONFIG_HOME/agora/config.toml or
~/.config/agora/config.toml). Credentials come only from the environment or
the profile file, and are never printed:
  AGORA_CUSTOMER_ID, AGORA_CUSTOMER_SECRET       Basic auth (most endpoints)
  AGORA_APP_ID, AGORA_APP_CERTIFICATE            RTC and education tokens, minted per request;
                                                 with AGORA_RTM_USER, RTM tokens
  AGORA_RTM_TOKEN, AGORA_RTM_USER                a fixed RTM token and its user
  AGORA_HMAC_KEY, AGORA_HMAC_SECRET              HMAC-SHA256 signatures
  AGORA_WHITEBOARD_ACCESS_KEY, AGORA_WHITEBOARD_SECRET_KEY, AGORA_WHITEBOARD_REGION
                                                 Whiteboard tokens, minted per request
  AGORA_WHITEBOARD_TOKEN                         a fixed Whiteboard token
  AGORA_BASE_URL, AGORA_DOMAIN, AGORA_REGION, AGORA_TIMEOUT, AGORA_ATTEMPT_TIMEOUT,
  AGORA_CONNECT_TIMEOUT, AGORA_RETRIES           as the flags above

Exit status:
{}",
        exit::Status::table()
    )
}

/// The whole `agora` command.
pub(crate) fn root(catalog: &Catalog) -> Command {
    let mut root = Command::new("agora")
        .about("Agora's server-side REST APIs from the command line: every endpoint agora-api binds, tokens, and a local emulator")
        .version(env!("CARGO_PKG_VERSION"))
        .subcommand_required(true)
        .arg_required_else_help(true)
        .after_help(after_help())
        .args(global_options());
    for (name, product) in catalog.products() {
        let mut command = Command::new(name.to_owned())
            .about(format!(
                "{} endpoints of {}",
                product.endpoints.len(),
                product.module
            ))
            .subcommand_required(true)
            .arg_required_else_help(true);
        for (endpoint, entry) in &product.endpoints {
            command = command.subcommand(endpoint_command(endpoint, entry));
        }
        root = root.subcommand(command);
    }
    root.subcommand(
        Command::new("endpoints")
            .about("Lists every endpoint: product, name, method, path, auth, idempotency, rate limit")
            .arg(
                Arg::new("json")
                    .long("json")
                    .action(ArgAction::SetTrue)
                    .help("One JSON object per endpoint, one per line, instead of a table"),
            ),
    )
    .subcommand(passthrough(
        "token",
        "Builds and inspects Agora tokens: `agora token rtm|rtc|inspect ...` (`agora token --help`)",
    ))
    .subcommand(passthrough(
        "mock",
        "Runs the local Agora emulator, with the options of agora-mock (`agora mock --help`)",
    ))
    .subcommand(
        Command::new("completions")
            .about("Prints a shell completion script: `agora completions bash > /etc/bash_completion.d/agora`")
            .arg(
                Arg::new("shell")
                    .required(true)
                    .value_parser(clap::value_parser!(clap_complete::Shell))
                    .help("bash, zsh, fish, elvish or powershell"),
            ),
    )
}

/// A subcommand whose arguments go, as they are, to a parser of its own
/// (tokens, the emulator), which prints its own `--help`.
fn passthrough(name: &'static str, about: &'static str) -> Command {
    Command::new(name).about(about).disable_help_flag(true).arg(
        Arg::new("args")
            .num_args(0..)
            .trailing_var_arg(true)
            .allow_hyphen_values(true)
            .value_parser(clap::value_parser!(std::ffi::OsString))
            .action(ArgAction::Append),
    )
}

/// The options every endpoint call reads, accepted anywhere on the line.
fn global_options() -> Vec<Arg> {
    let option = |id: &'static str, value: &'static str, help: &'static str| {
        Arg::new(id)
            .long(id)
            .value_name(value)
            .help(help)
            .help_heading("Settings")
            .global(true)
    };
    vec![
        option(
            "profile",
            "NAME",
            "Profile of the profile file to use [env AGORA_PROFILE; default: default]",
        ),
        option("config", "FILE", "The profile file [env AGORA_CONFIG]"),
        option(
            "base-url",
            "URL",
            "Send every call to this base URL instead of Agora's hosts (a proxy, `agora mock`) [env AGORA_BASE_URL]",
        ),
        option(
            "domain",
            "DOMAIN",
            "Primary domain: global (api.agora.io) or china (api.sd-rtn.com) [env AGORA_DOMAIN]",
        ),
        option(
            "region",
            "REGION",
            "The region this machine is in, whose neighbour is the last failover host: us-west-1, eu-central-1, ... [env AGORA_REGION]",
        ),
        option(
            "timeout",
            "SECONDS",
            "Deadline of a whole call, retries included [env AGORA_TIMEOUT; default: 30]",
        ),
        option(
            "attempt-timeout",
            "SECONDS",
            "Deadline of one attempt [env AGORA_ATTEMPT_TIMEOUT; default: 10]",
        ),
        option(
            "connect-timeout",
            "SECONDS",
            "Deadline of connecting [env AGORA_CONNECT_TIMEOUT; default: 5]",
        ),
        option(
            "retries",
            "N",
            "Attempts after the first (never re-sending a call that is not idempotent once it may have reached Agora) [env AGORA_RETRIES; default: 3]",
        ),
    ]
}

/// One endpoint's subcommand: a flag per field, `--json`, `--dry-run`,
/// and `--all` for a paged list.
fn endpoint_command(name: &str, entry: &catalog::Command) -> Command {
    let info = entry.info;
    let mut about = format!("{} {}", info.method, info.path);
    if info.deprecated {
        about.push_str(" (legacy)");
    }
    let mut command = Command::new(name.to_owned())
        .about(about)
        .after_help(facts(info))
        .next_help_heading("Call")
        .arg(
            Arg::new("json")
                .long("json")
                .value_name("FILE|-")
                .help("The request as one JSON object, read from FILE or stdin (-): each field under its wire name, as listed here; flags given beside it win"),
        )
        .arg(
            Arg::new("dry-run")
                .long("dry-run")
                .action(ArgAction::SetTrue)
                .help("Prints the request as a curl command line, credentials replaced by shell variables, and sends nothing"),
        );
    if info.pages.is_some() {
        command = command.arg(
            Arg::new("all")
                .long("all")
                .action(ArgAction::SetTrue)
                .conflicts_with("dry-run")
                .help("Fetches every page from this one on, printing each page as one JSON line"),
        );
    }
    command = command.next_help_heading("Fields");
    for flag in &entry.flags {
        let field = flag.field;
        let mut help = String::new();
        if !field.doc.is_empty() {
            help.push_str(&plain_text(field.doc));
            help.push(' ');
        }
        let location = match field.location {
            FieldLocation::Path => format!("path `{{{}}}`", field.wire),
            FieldLocation::Query => format!("query `{}`", field.wire),
            FieldLocation::Header => format!("header `{}`", field.wire),
            FieldLocation::Body => format!("body `{}`, JSON or text", field.wire),
            FieldLocation::WholeBody => "the whole body, JSON".to_owned(),
            _ => field.location.name().to_owned(),
        };
        let required = if field.required { ", required" } else { "" };
        help.push_str(&format!("[{location}{required}]"));
        command = command.arg(
            Arg::new(flag.id())
                .long(flag.long.clone())
                .value_name(field.ty.to_owned())
                .help(help)
                .allow_hyphen_values(true),
        );
    }
    command
}

/// The endpoint's facts, under its flags in `--help`.
fn facts(info: &EndpointInfo) -> String {
    let auth: Vec<&str> = info.auth.iter().map(|scheme| scheme.name()).collect();
    let mut text = format!(
        "auth: {}\nidempotent: {}",
        auth.join(", "),
        if info.idempotent {
            "yes"
        } else {
            "no (never re-sent once it may have reached Agora)"
        }
    );
    for limit in info.rate_limits {
        text.push_str(&format!("\nrate limit: {limit}"));
    }
    if info.pages.is_some() {
        text.push_str("\npaged: --all walks every page");
    }
    if let Some(url) = info.doc_url {
        text.push_str(&format!("\nreference: {url}"));
    }
    text
}

/// A doc line without its rustdoc markup: "[`Start`]" reads "Start".
fn plain_text(doc: &str) -> String {
    doc.replace("[`", "")
        .replace("`]", "")
        .replace('`', "")
        .replace(['[', ']'], "")
}
