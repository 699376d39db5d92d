//! `agora`: Agora's server-side REST APIs from the command line
//! (`agora --help`).

use std::process::ExitCode;

fn main() -> ExitCode {
    agora_cli::run(std::env::args_os().collect())
}
