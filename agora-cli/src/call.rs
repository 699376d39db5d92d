//! One endpoint call: inputs checked, then the request printed
//! (`--dry-run`), sent once, or walked page by page (`--all`); the typed
//! response as JSON on stdout.

use std::io::{IsTerminal as _, Write as _};

use agora_api::AuthScheme;
use clap::ArgMatches;
use serde_json::Value;

use crate::catalog::Command;
use crate::exit::{Failure, Status};
use crate::request;
use crate::settings::Settings;

/// Runs `command` with the arguments of its subcommand.
pub(crate) fn run(
    command: &Command,
    matches: &ArgMatches,
    settings: &Settings,
) -> Result<(), Failure> {
    let built = request::build(command, matches)?;
    if matches.get_flag("dry-run") {
        return dry_run(command, &built, settings);
    }
    let client = settings.client()?;
    let runtime = runtime()?;
    let all = matches
        .try_get_one::<bool>("all")
        .ok()
        .flatten()
        .copied()
        .unwrap_or(false);
    match command.info.pages.filter(|_| all) {
        Some(pages) => runtime.block_on(walk(pages(&built.wire(), client))),
        None => {
            let response = runtime.block_on((command.info.send)(&built.wire(), client))?;
            print_json(&response)
        }
    }
}

/// A runtime for one call on this thread.
pub(crate) fn runtime() -> Result<tokio::runtime::Runtime, Failure> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|error| {
            Failure::new(
                Status::Failure,
                format!("cannot start the runtime: {error}"),
            )
        })
}

/// The curl command line of the request, prepared with placeholder
/// credentials for the schemes the settings have (all of the endpoint's
/// when they have none of them).
fn dry_run(command: &Command, built: &request::Built, settings: &Settings) -> Result<(), Failure> {
    let info = command.info;
    let configured = settings.schemes();
    let mut schemes: Vec<AuthScheme> = info
        .auth
        .iter()
        .copied()
        .filter(|scheme| configured.contains(scheme))
        .collect();
    if schemes.is_empty() {
        schemes = info.auth.to_vec();
    }
    let scheme = schemes.first().copied();
    let client = settings.placeholder_client(&schemes)?;
    let prepared = (info.reencode)(&built.wire(), &client)?;
    let mut text = crate::curl::command_line(&prepared, scheme);
    // The request was prepared without real credentials; a secret the
    // user typed into a field under a name that is not secret-shaped is
    // still never printed.
    for secret in settings.secrets().filter(|secret| secret.len() >= 4) {
        text = text.replace(secret, agora_api::redact::REDACTED);
    }
    write_stdout(&format!("{text}\n"))
}

/// Every page, one JSON line each; a progress count on stderr when it is
/// a terminal.
async fn walk(mut pages: agora_api::registry::PageStream) -> Result<(), Failure> {
    let progress = std::io::stderr().is_terminal();
    let mut count: u64 = 0;
    let result = loop {
        let next = std::future::poll_fn(|cx| pages.as_mut().poll_next(cx)).await;
        match next {
            None => break Ok(()),
            Some(Err(error)) => break Err(Failure::from(error)),
            Some(Ok(page)) => {
                count = count.saturating_add(1);
                if let Err(failure) = write_stdout(&format!("{page}\n")) {
                    break Err(failure);
                }
                if progress {
                    eprint!("\rpage {count}");
                }
            }
        }
    };
    if progress && count > 0 {
        eprintln!(
            "\r{count} page{} fetched",
            if count == 1 { "" } else { "s" }
        );
    }
    result
}

/// The response on stdout: pretty on a terminal, one line otherwise.
fn print_json(value: &Value) -> Result<(), Failure> {
    let text = if std::io::stdout().is_terminal() {
        serde_json::to_string_pretty(value)
    } else {
        serde_json::to_string(value)
    }
    .map_err(|error| {
        Failure::new(
            Status::Failure,
            format!("cannot print the response: {error}"),
        )
    })?;
    write_stdout(&format!("{text}\n"))
}

/// Writes to stdout; a closed pipe (`| head`) is not an error worth a
/// message, but still ends the command.
pub(crate) fn write_stdout(text: &str) -> Result<(), Failure> {
    let mut stdout = std::io::stdout().lock();
    stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
        .map_err(|error| Failure::new(Status::Failure, format!("cannot write the output: {error}")))
}
