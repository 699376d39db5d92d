//! `rtm` and `rtc` reproduce the official vectors, in process.

use agora_cli::token::run;

use crate::*;

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
