//! The `agora` command: every Agora REST endpoint agora-api binds, as
//! `agora <product> <endpoint> --field value ...`, generated from the
//! endpoint registry (no endpoint is listed by hand: a product linked into
//! agora-api is a subcommand); `agora endpoints`, `agora token`,
//! `agora mock` and `agora completions`.
//!
//! The binary is `src/main.rs`, which calls [`run`]; this library is what
//! the tests call in process.
//!
//! ```no_run
//! let status = agora_cli::run(["agora", "endpoints", "--json"].map(Into::into).to_vec());
//! # let _ = status;
//! ```

#![deny(missing_docs)]

use std::ffi::OsString;
use std::process::ExitCode;

mod call;
mod catalog;
mod commands;
mod curl;
mod exit;
mod listing;
mod request;
mod settings;
pub mod token;

pub use catalog::{Catalog, kebab_case};
pub use exit::{Failure, Status};
pub use settings::Settings;

/// Runs the command line `args` (the program's name first), printing what
/// it prints, and returns its exit status ([`Status`]).
pub fn run(args: Vec<OsString>) -> ExitCode {
    let catalog = Catalog::from_registry();
    let matches = match commands::root(&catalog).try_get_matches_from(&args) {
        Ok(matches) => matches,
        Err(error) => {
            let _ = error.print();
            // clap's own statuses: 0 after --help or --version, 2 for a
            // command line it cannot read.
            return ExitCode::from(u8::try_from(error.exit_code()).unwrap_or(2));
        }
    };
    let outcome = match matches.subcommand() {
        Some(("endpoints", sub)) => listing::print(&catalog, sub.get_flag("json")),
        Some(("token", sub)) => return token::main(passthrough(sub)),
        Some(("mock", sub)) => return mock(passthrough(sub)),
        Some(("completions", sub)) => completions(&catalog, sub),
        Some((product, sub)) => match sub.subcommand() {
            Some((endpoint, arguments)) => match catalog.find(product, endpoint) {
                Some(command) => settings::Settings::load(arguments)
                    .and_then(|settings| call::run(command, arguments, &settings)),
                None => Err(Failure::invalid(format!(
                    "no endpoint `{product} {endpoint}`"
                ))),
            },
            None => Err(Failure::invalid(format!(
                "`agora {product}` needs an endpoint"
            ))),
        },
        None => Err(Failure::invalid("a command is needed (see agora --help)")),
    };
    match outcome {
        Ok(()) => Status::Success.into(),
        Err(failure) => {
            eprintln!("error: {failure}");
            failure.status.into()
        }
    }
}

/// The arguments of a subcommand that parses its own.
fn passthrough(matches: &clap::ArgMatches) -> Vec<OsString> {
    matches
        .get_many::<OsString>("args")
        .map(|values| values.cloned().collect())
        .unwrap_or_default()
}

/// `agora mock ...`: the emulator, with agora-mock's options and exit
/// statuses.
fn mock(args: Vec<OsString>) -> ExitCode {
    let serve = || -> Result<ExitCode, Failure> {
        let args = args
            .into_iter()
            .enumerate()
            .map(|(index, arg)| {
                arg.into_string().map_err(|_| {
                    Failure::invalid(format!("argument {} is not valid UTF-8", index + 1))
                })
            })
            .collect::<Result<Vec<String>, Failure>>()?;
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .build()
            .map_err(|error| {
                Failure::new(
                    Status::Failure,
                    format!("cannot start the runtime: {error}"),
                )
            })?;
        Ok(runtime.block_on(agora_mock::run_standalone("agora mock", args)))
    };
    serve().unwrap_or_else(|failure| {
        eprintln!("error: {failure}");
        failure.status.into()
    })
}

/// `agora completions SHELL`.
fn completions(catalog: &Catalog, matches: &clap::ArgMatches) -> Result<(), Failure> {
    let Some(shell) = matches.get_one::<clap_complete::Shell>("shell").copied() else {
        return Err(Failure::invalid("a shell is needed: bash, zsh or fish"));
    };
    let mut command = commands::root(catalog);
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command, "agora", &mut script);
    call::write_stdout(&String::from_utf8_lossy(&script))
}
