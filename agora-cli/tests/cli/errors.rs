//! Every error path and its exit status: invalid input (2) before any
//! I/O, authentication (3), Agora's errors (4), the network (5); each
//! message on stderr, nothing on stdout, no secret anywhere.

use crate::{Agora, CUSTOMER_ID, Emulator};

#[test]
fn invalid_input_exits_2_naming_the_field_and_the_rule_before_any_io() {
    let emulator = Emulator::start();
    let app_id = emulator.app_id();
    let cases: Vec<(Vec<&str>, Option<&str>, &str)> = vec![
        (
            vec![
                "cloud-recording",
                "query",
                "--appid",
                "0123",
                "--resource-id",
                "r",
                "--sid",
                "s",
                "--mode",
                "mix",
            ],
            None,
            "invalid `appid` (--appid): must be 32 hexadecimal characters",
        ),
        (
            vec!["cloud-recording", "query", "--appid", &app_id, "--sid", "s"],
            None,
            "Query needs --resource-id (`resourceid`), --mode (`mode`)",
        ),
        (
            vec![
                "cloud-recording",
                "query",
                "--appid",
                &app_id,
                "--resource-id",
                "r",
                "--sid",
                "s",
                "--mode",
                "mix!",
            ],
            None,
            "invalid `mode` (--mode)",
        ),
        (
            vec![
                "cloud-recording",
                "acquire",
                "--appid",
                &app_id,
                "--cname",
                "room",
                "--uid",
                "0",
                "--client-request",
                "{}",
            ],
            None,
            "invalid `uid` (--uid)",
        ),
        (
            vec!["channel", "list-channels", "--json", "-"],
            Some("{\"appid\": "),
            "--json: stdin is not JSON (line 1, column 10)",
        ),
        (
            vec!["channel", "list-channels", "--json", "-"],
            Some("[1, 2]"),
            "must hold one JSON object",
        ),
        (
            vec!["channel", "list-channels", "--json", "-"],
            Some("{\"appid\": \"x\", \"colour\": 1}"),
            "--json has an unknown field `colour`",
        ),
        (
            vec![
                "channel",
                "list-channels",
                "--appid",
                &app_id,
                "--page-size",
                "100000",
            ],
            None,
            "invalid `page_size` (--page-size)",
        ),
        (
            vec!["console", "list-projects", "--timeout", "soon"],
            None,
            "timeout must be a positive number of seconds",
        ),
        (
            vec!["console", "list-projects", "--region", "mars-1"],
            None,
            "region must be one of us-west-1",
        ),
        (
            vec!["console", "list-projects", "--colour"],
            None,
            "unexpected argument '--colour'",
        ),
        (vec!["no-such-product"], None, "unrecognized subcommand"),
        (
            vec!["console", "list-projects", "--all"],
            None,
            "unexpected argument '--all'",
        ),
    ];
    for (args, stdin, expected) in cases {
        let mut agora = emulator.agora();
        if let Some(text) = stdin {
            agora = agora.stdin(text);
        }
        let run = agora.run(&args);
        assert_eq!(run.status, 2, "{args:?}: {run:#?}");
        assert!(run.stdout.is_empty(), "{args:?}: {run:#?}");
        assert!(
            run.stderr.contains(expected),
            "{args:?}: {:?} lacks {expected:?}",
            run.stderr
        );
    }
    assert!(emulator.journal().is_empty(), "nothing was sent");
}

#[test]
fn authentication_failures_exit_3() {
    let emulator = Emulator::start();
    // No credentials for the endpoint's scheme: fails before I/O, saying
    // which variables to set.
    let run = Agora::new()
        .env("AGORA_BASE_URL", &emulator.server.url())
        .env("AGORA_CUSTOMER_ID", CUSTOMER_ID)
        .run(&["console", "list-projects"]);
    assert_eq!(run.status, 3, "{run:#?}");
    assert!(
        run.stderr
            .contains("set AGORA_CUSTOMER_ID and AGORA_CUSTOMER_SECRET"),
        "{run:#?}"
    );
    assert!(emulator.journal().is_empty());

    // Credentials Agora refuses: its 401, with its message.
    let run = Agora::new()
        .env("AGORA_BASE_URL", &emulator.server.url())
        .env("AGORA_CUSTOMER_ID", CUSTOMER_ID)
        .secret("AGORA_CUSTOMER_SECRET", "not-the-secret-0000")
        .run(&["console", "list-projects"]);
    assert_eq!(run.status, 3, "{run:#?}");
    assert!(run.stderr.contains("HTTP 401"), "{run:#?}");
    assert!(run.stdout.is_empty());
}

#[test]
fn an_agora_error_exits_4_with_status_code_message_and_request_id() {
    let emulator = Emulator::start();
    let app_id = emulator.app_id();
    let run = emulator.agora().run(&[
        "cloud-recording",
        "query",
        "--appid",
        &app_id,
        "--resource-id",
        "unknown",
        "--sid",
        "unknown",
        "--mode",
        "mix",
    ]);
    assert_eq!(run.status, 4, "{run:#?}");
    assert!(run.stdout.is_empty());
    let journal = emulator.journal();
    assert_eq!(journal.len(), 1);
    assert_eq!(journal[0].status, Some(404));
    // The request ID the emulator answered with, for Agora's support.
    let request_id = run
        .stderr
        .split("(X-Request-ID ")
        .nth(1)
        .and_then(|rest| rest.split(')').next())
        .unwrap_or_default();
    assert!(
        !request_id.is_empty() && request_id.chars().all(|c| c.is_ascii_hexdigit()),
        "{run:#?}"
    );
    assert!(
        run.stderr.starts_with(
            "error: Query: Agora answered HTTP 404, code 404, reason \"failed to find worker\""
        ),
        "{run:#?}"
    );
}

#[test]
fn no_answer_exits_5() {
    // A port nothing listens on: bound, then released.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let run = Agora::new()
        .env("AGORA_CUSTOMER_ID", CUSTOMER_ID)
        .secret("AGORA_CUSTOMER_SECRET", crate::CUSTOMER_SECRET)
        .also_secret(&crate::basic_header())
        .run(&[
            "console",
            "list-projects",
            "--base-url",
            &format!("http://127.0.0.1:{port}"),
            "--retries",
            "0",
        ]);
    assert_eq!(run.status, 5, "{run:#?}");
    assert!(
        run.stderr.contains("ListProjects: transport error"),
        "{run:#?}"
    );
    assert!(run.stdout.is_empty());
}
