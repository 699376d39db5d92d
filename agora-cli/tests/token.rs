//! Tests of `agora token` (formerly agora-api's `token` example, same
//! behaviour): the argument handling in process (`agora_cli::token::run`),
//! and the real binary's stdout, stderr and exit codes.

// Test helpers panic on purpose: a panic is how a test reports failure.
#![allow(clippy::unwrap_used)]

use std::process::{Command, Output};

use agora_cli::token::{CliError, run};

const APP_ID: &str = "970CA35de60c44645bbae8a215061b33";
const CERT: &str = "5CFd2fd1755d40ecb72977518be15d3b";
const CHANNEL: &str = "7d72365eb983485397e3e3f9d460bdda";

const V1: &str = "007eJxTYBBbsMMnKq7p9Hf/HcIX5kce9b518kCiQgSr5Zrp4X1Tu6UUGCzNDZwdjU1TUs0Mkk1MzExMk5ISUy0SjQxNDcwMk4yN3b8IMEQwMTAwMoAwBIL4CgzmKeZGxmamqUmWFsYmFqbGluapxqnGaZYpJmYGSSkpiVwMRhYWRsYmhkbmxgDCaiTj";
const V2: &str = "007eJxTYLhzZP08Lxa1Pg57+TcXb/3cZ3wi4V6kbpbOog0G2dOYk20UGCzNDZwdjU1TUs0Mkk1MzExMk5ISUy0SjQxNDcwMk4yN3b8IMEQwMTAwMoAwBIL4CgzmKeZGxmamqUmWFsYmFqbGluapxqnGaZYpJmYGSSkpiQwMADacImo=";
const V3: &str = "007eJxTYOCdJftjyTM2zxW6Xhm/5T0j5LdcUt/xYVt48fb5Mp3PX9coMFiaGzg7GpumpJoZJJuYmJmYJiUlplokGhmaGpgZJhkbu38RYIhgYmBgZABhJiBmBPM5GUpSi0viS4tTiwBZVh6A";
const V11: &str = "007eJxTYOAQsrQ5s3TfH+1tvy8zZZ46EpCc0V43JXdGd2jS8porKo4KDJbmBs6OxqYpqWYGySYmZiamSUmJqRaJRoamBmaGScbG7l8EGCKYGBgYGRgYmIAkCxCD+ExgkhlMsoBJBQbzFHMjYzPT1CRLC2MTC1NjS/NU41TjNMsUEzODpJSURC4GIwsLI2MTQyNzY5BZEJM4GUpSi0viS4tTiwAipyp4";
const L1: &str = "006970CA35de60c44645bbae8a215061b33IACV0fZUBw+72cVoL9eyGGh3Q6Poi8bgjwVLnyKSJyOXR7dIfRBXoFHlEAABAAAAR/QQAAEAAQCvKDdW";
const L4: &str = "006970CA35de60c44645bbae8a215061b33IACMv3I+fsRSejxy6luEwzA/1t/zbEHWfJCJ5m8ssFP/fLdIfRBXoFHlIgABAAAAR/QQAAQAAQCvKDdWAgCvKDdWAwCvKDdWBACvKDdW";
const L5: &str = "006970CA35de60c44645bbae8a215061b33IAAsR0qgiCxv0vrpRcpkz5BrbfEWCBZ6kvR6t7qG/wJIQob86ogAAAAAEAABAAAAR/QQAAEA6AOvKDdW";

/// Legacy inputs that land on the 006 vectors: ts = issue + 24 h = 1111111,
/// privileges = issue + expire = 1446455471.
const LEGACY_ISSUE: &str = "1024711";
const LEGACY_EXPIRE: &str = "1445430760";

fn args(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| (*s).to_owned()).collect()
}

fn creds(mut rest: Vec<&'static str>) -> Vec<String> {
    let mut all = vec!["--app-id", APP_ID, "--app-certificate", CERT];
    all.append(&mut rest);
    args(&all)
}

fn with_cmd(cmd: &str, rest: Vec<String>) -> Vec<String> {
    let mut v = vec![cmd.to_owned()];
    v.extend(rest);
    v
}

fn usage_error(argv: &[String]) -> String {
    match run(argv) {
        Err(CliError::Usage(msg)) => msg,
        other => panic!("expected a usage error for {argv:?}, got {other:?}"),
    }
}

// ---- in-process: reproduce official vectors -----------------------------------

#[test]
fn rtm_reproduces_official_v3_with_fixed_issue_ts_and_salt() {
    let argv = with_cmd(
        "rtm",
        creds(vec![
            "--user-id",
            "test_user",
            "--expire",
            "600",
            "--issue-ts",
            "1111111",
            "--salt",
            "1",
        ]),
    );
    assert_eq!(run(&argv).unwrap(), V3);
}

#[test]
fn rtm_accepts_flag_equals_value_form_and_any_flag_order() {
    let argv = args(&[
        "rtm",
        "--salt=1",
        "--expire=600",
        &format!("--app-certificate={CERT}"),
        "--user-id=test_user",
        "--issue-ts",
        "1111111",
        "--app-id",
        APP_ID,
    ]);
    assert_eq!(run(&argv).unwrap(), V3);
}

#[test]
fn rtc_subscriber_uid_reproduces_official_v1() {
    let argv = with_cmd(
        "rtc",
        creds(vec![
            "--channel",
            CHANNEL,
            "--uid",
            "2882341273",
            "--role",
            "subscriber",
            "--expire",
            "600",
            "--issue-ts",
            "1111111",
            "--salt",
            "1",
        ]),
    );
    assert_eq!(run(&argv).unwrap(), V1);
}

#[test]
fn rtc_subscriber_account_reproduces_official_v1() {
    let argv = with_cmd(
        "rtc",
        creds(vec![
            "--channel",
            CHANNEL,
            "--account",
            "2882341273",
            "--role",
            "subscriber",
            "--expire",
            "600",
            "--issue-ts",
            "1111111",
            "--salt",
            "1",
        ]),
    );
    assert_eq!(run(&argv).unwrap(), V1);
}

#[test]
fn rtc_uid_zero_reproduces_official_v2() {
    let argv = with_cmd(
        "rtc",
        creds(vec![
            "--channel",
            CHANNEL,
            "--uid",
            "0",
            "--role",
            "subscriber",
            "--expire",
            "600",
            "--issue-ts",
            "1111111",
            "--salt",
            "1",
        ]),
    );
    assert_eq!(run(&argv).unwrap(), V2);
}

#[test]
fn rtc_publisher_has_all_four_privileges() {
    let argv = with_cmd(
        "rtc",
        creds(vec![
            "--channel",
            CHANNEL,
            "--uid",
            "2882341273",
            "--role",
            "publisher",
            "--expire",
            "600",
            "--issue-ts",
            "1111111",
            "--salt",
            "1",
        ]),
    );
    let token = run(&argv).unwrap();
    let json: serde_json::Value =
        serde_json::from_str(&run(&args(&["inspect", &token])).unwrap()).unwrap();
    assert_eq!(
        json["services"][0]["privileges"],
        serde_json::json!({
            "join_channel": 600,
            "publish_audio_stream": 600,
            "publish_video_stream": 600,
            "publish_data_stream": 600
        })
    );
}

#[test]
fn legacy_rtm_reproduces_official_l5() {
    let argv = with_cmd(
        "rtm",
        creds(vec![
            "--user-id",
            "test_user",
            "--expire",
            LEGACY_EXPIRE,
            "--issue-ts",
            LEGACY_ISSUE,
            "--salt",
            "1",
            "--legacy",
        ]),
    );
    assert_eq!(run(&argv).unwrap(), L5);
}

#[test]
fn legacy_rtc_publisher_and_subscriber_reproduce_official_l4_and_l1() {
    for (role, expected) in [("publisher", L4), ("subscriber", L1)] {
        let argv = with_cmd(
            "rtc",
            creds(vec![
                "--legacy",
                "--channel",
                CHANNEL,
                "--uid",
                "2882341273",
                "--role",
                role,
                "--expire",
                LEGACY_EXPIRE,
                "--issue-ts",
                LEGACY_ISSUE,
                "--salt",
                "1",
            ]),
        );
        assert_eq!(run(&argv).unwrap(), expected, "{role}");
    }
}

#[test]
fn tokens_without_issue_ts_and_salt_are_fresh_and_verify() {
    let argv = with_cmd("rtm", creds(vec!["--user-id", "u1", "--expire", "60"]));
    let a = run(&argv).unwrap();
    let b = run(&argv).unwrap();
    assert_ne!(a, b, "random salt");
    let json: serde_json::Value =
        serde_json::from_str(&run(&args(&["inspect", &a, "--app-certificate", CERT])).unwrap())
            .unwrap();
    assert_eq!(json["verified"], true);
}

// ---- in-process: inspect --------------------------------------------------------

#[test]
fn inspect_prints_decoded_007_fields_as_json() {
    let out = run(&args(&["inspect", V11])).unwrap();
    assert!(!out.contains('\n'));
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["version"], "007");
    assert_eq!(json["app_id"], APP_ID);
    assert_eq!(json["issue_ts"], 1_111_111);
    assert_eq!(json["expire"], 600);
    assert_eq!(json["expires_at"], 1_111_711);
    assert_eq!(json["salt"], 1);
    assert_eq!(json["services"][0]["name"], "rtc");
    assert_eq!(json["services"][0]["channel_name"], CHANNEL);
    assert_eq!(json["services"][0]["uid"], "2882341273");
    assert_eq!(json["services"][1]["name"], "rtm");
    assert_eq!(json["services"][1]["user_id"], "test_user");
    assert_eq!(json["services"][1]["privileges"]["login"], 600);
    assert!(json.get("verified").is_none(), "no certificate, no verdict");
}

#[test]
fn inspect_with_certificate_reports_verified_true_or_false() {
    let ok = run(&args(&["inspect", V3, "--app-certificate", CERT])).unwrap();
    let ok: serde_json::Value = serde_json::from_str(&ok).unwrap();
    assert_eq!(ok["verified"], true);
    let bad = run(&args(&[
        "inspect",
        "--app-certificate",
        "00000000000000000000000000000000",
        V3,
    ]))
    .unwrap();
    let bad: serde_json::Value = serde_json::from_str(&bad).unwrap();
    assert_eq!(bad["verified"], false);
}

#[test]
fn inspect_legacy_token_shows_crcs_and_cannot_verify_without_channel() {
    let out = run(&args(&["inspect", L5, "--app-certificate", CERT])).unwrap();
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["version"], "006");
    assert_eq!(json["ts"], 1_111_111);
    assert_eq!(json["crc_channel_name"], 2_297_101_446u32);
    assert_eq!(json["crc_uid"], 0);
    assert_eq!(json["privileges"]["rtm_login"], 1_446_455_471u32);
    assert!(json["verified"].is_null());
    assert!(
        json["verification_note"]
            .as_str()
            .unwrap()
            .contains("CRC-32")
    );
}

#[test]
fn inspect_verifies_a_legacy_token_given_what_it_was_built_for() {
    let verdict = |argv: &[&str]| -> serde_json::Value {
        let out = run(&args(argv)).unwrap();
        serde_json::from_str::<serde_json::Value>(&out).unwrap()["verified"].clone()
    };
    // L5 is an RTM v1 token for "test_user".
    assert_eq!(
        verdict(&[
            "inspect",
            L5,
            "--app-certificate",
            CERT,
            "--user-id",
            "test_user"
        ]),
        true
    );
    assert_eq!(
        verdict(&[
            "inspect",
            L5,
            "--app-certificate",
            CERT,
            "--user-id",
            "someone"
        ]),
        false
    );
    // L4 is an RTC token for CHANNEL and uid 2882341273.
    assert_eq!(
        verdict(&[
            "inspect",
            L4,
            "--app-certificate",
            CERT,
            "--channel",
            CHANNEL,
            "--uid",
            "2882341273"
        ]),
        true
    );
    assert_eq!(
        verdict(&[
            "inspect",
            L4,
            "--app-certificate",
            CERT,
            "--channel",
            CHANNEL,
            "--uid",
            "1"
        ]),
        false
    );
    let mixed = usage_error(&args(&[
        "inspect",
        L4,
        "--user-id",
        "u",
        "--channel",
        CHANNEL,
    ]));
    assert!(
        mixed.contains("--user-id U (RTM), or --channel C"),
        "{mixed}"
    );
}

// ---- in-process: bad input names the flag and the rule ---------------------------

#[test]
fn bad_inputs_name_the_flag_and_the_rule() {
    let base = |extra: Vec<&'static str>| with_cmd("rtm", creds(extra));
    let cases: Vec<(Vec<String>, &str)> = vec![
        (args(&[]), "missing command"),
        (args(&["frobnicate"]), "unknown command \"frobnicate\""),
        (
            args(&[
                "rtm",
                "--app-id",
                "123",
                "--app-certificate",
                CERT,
                "--user-id",
                "u",
                "--expire",
                "1",
            ]),
            "--app-id must be 32 hexadecimal characters (got 3 characters)",
        ),
        (
            args(&[
                "rtm",
                "--app-id",
                APP_ID,
                "--app-certificate",
                "5CFd2fd1755d40ecb72977518be15d3X",
                "--user-id",
                "u",
                "--expire",
                "1",
            ]),
            "--app-certificate must be exactly 32 hexadecimal characters (character 32 is not hexadecimal)",
        ),
        (base(vec!["--user-id", "u"]), "--expire is required"),
        (base(vec!["--expire", "60"]), "--user-id is required"),
        (
            base(vec!["--user-id", "", "--expire", "60"]),
            "--user-id must not be empty",
        ),
        (
            base(vec!["--user-id", "u", "--expire", "-5"]),
            "--expire must be a number of seconds: a whole number from 0 to 4294967295, got \"-5\"",
        ),
        (
            base(vec!["--user-id", "u", "--expire", "4294967296"]),
            "(too large)",
        ),
        (
            base(vec!["--user-id", "u", "--expire", "1", "--salt", "x"]),
            "--salt must be an integer salt",
        ),
        (
            base(vec!["--user-id", "u", "--expire", "1", "--issue-ts", "1.5"]),
            "--issue-ts must be a unix time",
        ),
        (
            base(vec!["--user-id", "u", "--expire", "1", "--bogus", "1"]),
            "unknown flag --bogus for `token rtm`",
        ),
        (
            base(vec!["--user-id", "u", "--expire", "1", "--user-id", "v"]),
            "--user-id given more than once",
        ),
        (
            base(vec!["--user-id", "u", "--expire"]),
            "--expire needs a value",
        ),
        (
            base(vec!["--user-id", "--expire", "1"]),
            "--user-id needs a value",
        ),
        (
            base(vec!["--user-id", "u", "--expire", "1", "stray"]),
            "unexpected argument \"stray\"",
        ),
        (
            base(vec!["--user-id", "u", "--expire", "1", "--legacy=yes"]),
            "--legacy takes no value",
        ),
        (
            base(vec!["--user-id", "u", "--expire", "1", "--channel", "c"]),
            "unknown flag --channel",
        ),
        (
            with_cmd(
                "rtc",
                creds(vec![
                    "--channel",
                    "c",
                    "--role",
                    "publisher",
                    "--expire",
                    "1",
                ]),
            ),
            "one of --uid or --account is required",
        ),
        (
            with_cmd(
                "rtc",
                creds(vec![
                    "--channel",
                    "c",
                    "--uid",
                    "1",
                    "--account",
                    "a",
                    "--role",
                    "publisher",
                    "--expire",
                    "1",
                ]),
            ),
            "--uid and --account cannot be used together",
        ),
        (
            with_cmd(
                "rtc",
                creds(vec![
                    "--channel",
                    "c",
                    "--uid",
                    "abc",
                    "--role",
                    "publisher",
                    "--expire",
                    "1",
                ]),
            ),
            "--uid must be a numeric uid (use --account for a string user account)",
        ),
        (
            with_cmd(
                "rtc",
                creds(vec![
                    "--channel",
                    "c",
                    "--uid",
                    "1",
                    "--role",
                    "admin",
                    "--expire",
                    "1",
                ]),
            ),
            "--role must be publisher or subscriber, got \"admin\"",
        ),
        (
            with_cmd(
                "rtc",
                creds(vec!["--channel", "c", "--uid", "1", "--expire", "1"]),
            ),
            "--role is required",
        ),
        (
            with_cmd(
                "rtc",
                creds(vec!["--uid", "1", "--role", "publisher", "--expire", "1"]),
            ),
            "--channel is required",
        ),
        (
            with_cmd(
                "rtm",
                creds(vec![
                    "--user-id",
                    "u",
                    "--expire",
                    "100000",
                    "--issue-ts",
                    "4294967295",
                    "--legacy",
                ]),
            ),
            "--issue-ts/--expire: timestamp overflow",
        ),
        (args(&["inspect"]), "TOKEN is required"),
        (args(&["inspect", V3, V1]), "inspect takes one TOKEN"),
        (
            args(&["inspect", "007invalid"]),
            "TOKEN cannot be decoded: bad base64",
        ),
        (
            args(&["inspect", "hello"]),
            "TOKEN cannot be decoded: bad version prefix",
        ),
        (
            args(&["inspect", V3, "--app-certificate", "short"]),
            "--app-certificate must be exactly 32",
        ),
        (
            args(&["inspect", V3, "--salt", "1"]),
            "unknown flag --salt for `token inspect`",
        ),
    ];
    for (argv, expected) in cases {
        let msg = usage_error(&argv);
        assert!(
            msg.contains(expected),
            "{argv:?}: {msg:?} lacks {expected:?}"
        );
    }
}

#[test]
fn certificate_never_appears_in_error_messages() {
    let bad_cert = "5CFd2fd1755d40ecb72977518be15d3!";
    let argv = args(&[
        "rtm",
        "--app-id",
        APP_ID,
        "--app-certificate",
        bad_cert,
        "--user-id",
        "u",
        "--expire",
        "1",
    ]);
    let msg = usage_error(&argv);
    assert!(!msg.contains("5CFd2fd1755d40ecb"), "{msg}");
}

#[test]
fn help_is_not_an_error() {
    assert_eq!(run(&args(&["--help"])), Err(CliError::Help));
    assert_eq!(run(&args(&["rtm", "-h"])), Err(CliError::Help));
}

// ---- the real binary: stdout, stderr, exit codes --------------------------------

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
