//! `inspect` decodes and verifies tokens, in process.

use agora_cli::token::run;

use crate::*;

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
