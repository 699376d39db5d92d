//! `--dry-run`: the request as a curl command line, nothing sent, every
//! credential a shell variable; run through `sh` with those variables set,
//! it is the request the client sends.

use std::process::Command;

use serde_json::json;

use crate::{Agora, CERTIFICATE, CUSTOMER_ID, CUSTOMER_SECRET, Emulator};

#[test]
fn a_dry_run_prints_curl_with_placeholders_and_sends_nothing() {
    let emulator = Emulator::start();
    let app_id = emulator.app_id();
    let run = emulator.agora().run(&[
        "cloud-recording",
        "acquire",
        "--appid",
        &app_id,
        "--cname",
        "demo room",
        "--uid",
        "527841",
        "--client-request",
        "{}",
        "--dry-run",
    ]);
    assert_eq!(run.status, 0, "{run:#?}");
    let expected = format!(
        "curl -X POST \\
  '{}/v1/apps/{app_id}/cloud_recording/acquire' \\
  -H 'content-type: application/json' \\
  -u \"$AGORA_CUSTOMER_ID:$AGORA_CUSTOMER_SECRET\" \\
  --data-raw '{{\"cname\":\"demo room\",\"uid\":\"527841\",\"clientRequest\":{{}}}}'
",
        emulator.server.url()
    );
    assert_eq!(run.stdout, expected);
    assert!(emulator.journal().is_empty(), "a dry run sends nothing");

    // The printed line, run by a shell with the variables it names, is
    // the request: the emulator accepts it and acquires a resource.
    let answer = Command::new("sh")
        .arg("-c")
        .arg(format!("{} --silent --show-error", run.stdout.trim_end()))
        .env("AGORA_CUSTOMER_ID", CUSTOMER_ID)
        .env("AGORA_CUSTOMER_SECRET", CUSTOMER_SECRET)
        .output()
        .unwrap();
    assert!(answer.status.success(), "{answer:?}");
    let body: serde_json::Value = serde_json::from_slice(&answer.stdout).unwrap();
    assert_eq!(body["cname"], "demo room");
    let journal = emulator.journal();
    assert_eq!(journal.len(), 1);
    assert_eq!(journal[0].endpoint_name(), Some("Acquire"));
    assert_eq!(journal[0].status, Some(200));
}

#[test]
fn secrets_in_the_body_become_variables_too() {
    let emulator = Emulator::start();
    let app_id = emulator.app_id();
    let client_request = json!({
        "recordingConfig": {"channelType": 1},
        "storageConfig": {
            "vendor": 2, "region": 3, "bucket": "bucket",
            "accessKey": "AKIDstorage-access-1234",
            "secretKey": "storage-secret-5678",
        },
    });
    let run = emulator
        .agora()
        .also_secret("AKIDstorage-access-1234")
        .also_secret("storage-secret-5678")
        .run(&[
            "cloud-recording",
            "start",
            "--appid",
            &app_id,
            "--resource-id",
            "resource-1",
            "--mode",
            "mix",
            "--cname",
            "room",
            "--uid",
            "527841",
            "--client-request",
            &client_request.to_string(),
            "--dry-run",
        ]);
    assert_eq!(run.status, 0, "{run:#?}");
    assert!(
        run.stdout
            .contains(r#""accessKey":"'"$AGORA_ACCESS_KEY"'","#),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains(r#""secretKey":"'"$AGORA_SECRET_KEY"'""#),
        "{}",
        run.stdout
    );
    assert!(emulator.journal().is_empty());
}

#[test]
fn token_auth_is_a_variable_and_needs_no_secret_to_print() {
    // With only the RTM token credentials configured, the dry run shows
    // the token scheme; the certificate never takes part in what prints.
    let emulator = Emulator::start();
    let app_id = emulator.app_id();
    let run = Agora::new()
        .env("AGORA_BASE_URL", &emulator.server.url())
        .env("AGORA_APP_ID", &app_id)
        .env("AGORA_RTM_USER", "alice")
        .secret("AGORA_APP_CERTIFICATE", CERTIFICATE)
        .also_secret("007eJ")
        .run(&["rtm", "get-user-events", "--appid", &app_id, "--dry-run"]);
    assert_eq!(run.status, 0, "{run:#?}");
    assert!(
        run.stdout
            .contains(r#"-H 'authorization: agora token='"$AGORA_RTM_TOKEN""#),
        "{}",
        run.stdout
    );
    // With no credentials at all, the endpoint's first scheme is shown.
    let run = Agora::new().run(&["console", "list-projects", "--dry-run"]);
    assert_eq!(run.status, 0, "{run:#?}");
    assert_eq!(
        run.stdout,
        "curl -X GET \\\n  'https://api.agora.io/dev/v1/projects' \\\n  -H 'content-type: application/json' \\\n  -u \"$AGORA_CUSTOMER_ID:$AGORA_CUSTOMER_SECRET\"\n"
    );
}

#[test]
fn flags_win_over_the_json_input_and_both_make_one_request() {
    let emulator = Emulator::start();
    let app_id = emulator.app_id();
    let input = json!({"appid": app_id, "page_no": 4, "page_size": 50});
    let run = emulator.agora().stdin(&input.to_string()).run(&[
        "channel",
        "list-channels",
        "--json",
        "-",
        "--page-size",
        "3",
        "--dry-run",
    ]);
    assert_eq!(run.status, 0, "{run:#?}");
    let url = format!(
        "'{}/dev/v1/channel/{app_id}?page_no=4&page_size=3'",
        emulator.server.url()
    );
    assert!(run.stdout.contains(&url), "{}", run.stdout);
}
