//! The real binary (`agora token ...`): stdout, stderr, exit statuses.

use std::process::{Command, Output};

use crate::*;

/// `agora token ARGV...`, run as a process.
fn exec(argv: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_agora"))
        .arg("token")
        .args(argv)
        .output()
        .expect("run agora token")
}

#[test]
fn binary_prints_only_the_token_on_one_line_and_exits_0() {
    let out = exec(&[
        "rtm",
        "--app-id",
        APP_ID,
        "--app-certificate",
        CERT,
        "--user-id",
        "test_user",
        "--expire",
        "600",
        "--issue-ts",
        "1111111",
        "--salt",
        "1",
    ]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8(out.stdout).unwrap(), format!("{V3}\n"));
    assert!(out.stderr.is_empty());
}

#[test]
fn binary_reproduces_legacy_vector_l5() {
    let out = exec(&[
        "rtm",
        "--legacy",
        "--app-id",
        APP_ID,
        "--app-certificate",
        CERT,
        "--user-id",
        "test_user",
        "--expire",
        LEGACY_EXPIRE,
        "--issue-ts",
        LEGACY_ISSUE,
        "--salt",
        "1",
    ]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8(out.stdout).unwrap(), format!("{L5}\n"));
}

#[test]
fn binary_inspect_prints_one_json_object() {
    let out = exec(&["inspect", V1, "--app-certificate", CERT]);
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(stdout.lines().count(), 1);
    let json: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(json["verified"], true);
    assert_eq!(json["services"][0]["privileges"]["join_channel"], 600);
}

#[test]
fn binary_bad_input_exits_2_with_error_on_stderr_and_nothing_on_stdout() {
    let out = exec(&[
        "rtc",
        "--app-id",
        APP_ID,
        "--app-certificate",
        CERT,
        "--channel",
        "c",
        "--uid",
        "1",
        "--role",
        "owner",
        "--expire",
        "60",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.starts_with("error: --role must be publisher or subscriber, got \"owner\"\n"),
        "{stderr}"
    );
    assert!(stderr.contains("usage:"));

    let out = exec(&[]);
    assert_eq!(out.status.code(), Some(2));
    let out = exec(&["inspect", "007aW52YWxpZA=="]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8(out.stderr)
            .unwrap()
            .contains("bad zlib data")
    );
}

#[test]
fn binary_help_exits_0_with_usage_on_stdout() {
    let out = exec(&["--help"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8(out.stdout).unwrap().starts_with("usage:"));
}

#[cfg(unix)]
#[test]
fn binary_rejects_non_utf8_arguments_with_exit_2() {
    use std::os::unix::ffi::OsStrExt as _;
    let out = Command::new(env!("CARGO_BIN_EXE_agora"))
        .arg("token")
        .arg("rtm")
        .arg(std::ffi::OsStr::from_bytes(b"--user-id\xff"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8(out.stderr)
            .unwrap()
            .contains("argument 2 is not valid UTF-8")
    );
}
