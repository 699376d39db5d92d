//! Tests of `agora token` (formerly agora-api's `token` example, same
//! behaviour): the argument handling in process (`agora_cli::token::run`),
//! and the real binary's stdout, stderr and exit codes.

// Test helpers panic on purpose: a panic is how a test reports failure.
#![allow(clippy::unwrap_used)]

mod bad_input;
mod binary;
mod inspect;
mod vectors;

use agora_cli::token::{CliError, run};

pub(crate) const APP_ID: &str = "970CA35de60c44645bbae8a215061b33";
pub(crate) const CERT: &str = "5CFd2fd1755d40ecb72977518be15d3b";
pub(crate) const CHANNEL: &str = "7d72365eb983485397e3e3f9d460bdda";

pub(crate) const V1: &str = "007eJxTYBBbsMMnKq7p9Hf/HcIX5kce9b518kCiQgSr5Zrp4X1Tu6UUGCzNDZwdjU1TUs0Mkk1MzExMk5ISUy0SjQxNDcwMk4yN3b8IMEQwMTAwMoAwBIL4CgzmKeZGxmamqUmWFsYmFqbGluapxqnGaZYpJmYGSSkpiVwMRhYWRsYmhkbmxgDCaiTj";
pub(crate) const V2: &str = "007eJxTYLhzZP08Lxa1Pg57+TcXb/3cZ3wi4V6kbpbOog0G2dOYk20UGCzNDZwdjU1TUs0Mkk1MzExMk5ISUy0SjQxNDcwMk4yN3b8IMEQwMTAwMoAwBIL4CgzmKeZGxmamqUmWFsYmFqbGluapxqnGaZYpJmYGSSkpiQwMADacImo=";
pub(crate) const V3: &str = "007eJxTYOCdJftjyTM2zxW6Xhm/5T0j5LdcUt/xYVt48fb5Mp3PX9coMFiaGzg7GpumpJoZJJuYmJmYJiUlplokGhmaGpgZJhkbu38RYIhgYmBgZABhJiBmBPM5GUpSi0viS4tTiwBZVh6A";
pub(crate) const V11: &str = "007eJxTYOAQsrQ5s3TfH+1tvy8zZZ46EpCc0V43JXdGd2jS8porKo4KDJbmBs6OxqYpqWYGySYmZiamSUmJqRaJRoamBmaGScbG7l8EGCKYGBgYGRgYmIAkCxCD+ExgkhlMsoBJBQbzFHMjYzPT1CRLC2MTC1NjS/NU41TjNMsUEzODpJSURC4GIwsLI2MTQyNzY5BZEJM4GUpSi0viS4tTiwAipyp4";
pub(crate) const L1: &str = "006970CA35de60c44645bbae8a215061b33IACV0fZUBw+72cVoL9eyGGh3Q6Poi8bgjwVLnyKSJyOXR7dIfRBXoFHlEAABAAAAR/QQAAEAAQCvKDdW";
pub(crate) const L4: &str = "006970CA35de60c44645bbae8a215061b33IACMv3I+fsRSejxy6luEwzA/1t/zbEHWfJCJ5m8ssFP/fLdIfRBXoFHlIgABAAAAR/QQAAQAAQCvKDdWAgCvKDdWAwCvKDdWBACvKDdW";
pub(crate) const L5: &str = "006970CA35de60c44645bbae8a215061b33IAAsR0qgiCxv0vrpRcpkz5BrbfEWCBZ6kvR6t7qG/wJIQob86ogAAAAAEAABAAAAR/QQAAEA6AOvKDdW";

/// Legacy inputs that land on the 006 vectors: ts = issue + 24 h = 1111111,
/// privileges = issue + expire = 1446455471.
pub(crate) const LEGACY_ISSUE: &str = "1024711";
pub(crate) const LEGACY_EXPIRE: &str = "1445430760";

pub(crate) fn args(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| (*s).to_owned()).collect()
}

pub(crate) fn creds(mut rest: Vec<&'static str>) -> Vec<String> {
    let mut all = vec!["--app-id", APP_ID, "--app-certificate", CERT];
    all.append(&mut rest);
    args(&all)
}

pub(crate) fn with_cmd(cmd: &str, rest: Vec<String>) -> Vec<String> {
    let mut v = vec![cmd.to_owned()];
    v.extend(rest);
    v
}

pub(crate) fn usage_error(argv: &[String]) -> String {
    match run(argv) {
        Err(CliError::Usage(msg)) => msg,
        other => panic!("expected a usage error for {argv:?}, got {other:?}"),
    }
}
