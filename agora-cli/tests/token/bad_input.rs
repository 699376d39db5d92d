//! Bad input names the flag and the rule, in process.

use agora_cli::token::{CliError, run};

use crate::*;

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
