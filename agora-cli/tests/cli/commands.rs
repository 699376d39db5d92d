//! The built-in commands: `endpoints`, `completions`, `mock`, `--help`.

use std::io::{BufRead as _, BufReader};
use std::process::{Command, Stdio};

use agora_api::registry;

use crate::Agora;

#[test]
fn endpoints_lists_every_registered_endpoint() {
    let registered: Vec<_> = registry::endpoints().collect();
    let run = Agora::new().run(&["endpoints", "--json"]);
    assert_eq!(run.status, 0, "{run:#?}");
    let lines: Vec<serde_json::Value> = run
        .stdout
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    assert_eq!(lines.len(), registered.len());
    for info in registered {
        let line = lines
            .iter()
            .find(|line| line["name"] == info.name && line["path"] == info.path)
            .unwrap_or_else(|| panic!("{} is not listed", info.name));
        assert_eq!(line["method"], info.method);
        assert_eq!(line["idempotent"], info.idempotent);
        assert_eq!(line["paged"], info.pages.is_some());
        assert_eq!(line["auth"].as_array().unwrap().len(), info.auth.len());
        assert_eq!(
            line["rate_limits"].as_array().unwrap().len(),
            info.rate_limits.len()
        );
    }

    let table = Agora::new().run(&["endpoints"]);
    assert_eq!(table.status, 0);
    let mut rows = table.stdout.lines();
    assert!(rows.next().unwrap().starts_with("PRODUCT "));
    assert_eq!(rows.count(), lines.len());
    assert!(
        table.stdout.contains("cloud-recording      query "),
        "{}",
        table.stdout
    );
}

#[test]
fn completions_cover_the_generated_subcommands() {
    for shell in ["bash", "zsh", "fish"] {
        let run = Agora::new().run(&["completions", shell]);
        assert_eq!(run.status, 0, "{shell}: {run:#?}");
        assert!(run.stdout.contains("cloud-recording"), "{shell}");
        assert!(run.stdout.contains("resource-id"), "{shell}");
    }
    let run = Agora::new().run(&["completions", "tcsh"]);
    assert_eq!(run.status, 2, "{run:#?}");
}

#[test]
fn help_documents_the_exit_statuses() {
    let run = Agora::new().run(&["--help"]);
    assert_eq!(run.status, 0);
    assert!(
        run.stdout.contains(agora_cli::Status::table()),
        "{}",
        run.stdout
    );
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../README.md")).unwrap();
    assert!(
        readme.contains(agora_cli::Status::table()),
        "the README's CLI section lists the same statuses"
    );
    let run = Agora::new().run(&[]);
    assert_eq!(run.status, 2, "no command is a usage error: {run:#?}");
}

#[test]
fn mock_serves_the_emulator_with_agora_mock_options() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_agora"))
        .env_clear()
        .args([
            "mock",
            "--port",
            "0",
            "--customer-id",
            "mock-id",
            "--customer-secret",
            "mock-secret",
            "--seed",
            "3",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Kept open until the child is killed: the emulator goes on printing.
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    stdout.read_line(&mut first).unwrap();
    let url = first
        .trim()
        .rsplit(' ')
        .next()
        .unwrap_or_default()
        .to_owned();
    assert!(first.starts_with("agora mock serving "), "{first:?}");
    let run = Agora::new()
        .env("AGORA_BASE_URL", &url)
        .env("AGORA_CUSTOMER_ID", "mock-id")
        .secret("AGORA_CUSTOMER_SECRET", "mock-secret")
        .run(&["console", "list-projects"]);
    child.kill().unwrap();
    let _ = child.wait();
    drop(stdout);
    assert_eq!(
        run.json()["projects"].as_array().unwrap().len(),
        1,
        "{run:#?}"
    );

    let run = Agora::new().run(&["mock", "--port", "not-a-port"]);
    assert_eq!(run.status, 2, "{run:#?}");
    assert!(
        run.stderr
            .contains("agora mock: --port \"not-a-port\" is not a port number"),
        "{run:#?}"
    );
    let run = Agora::new().run(&["mock", "--help"]);
    assert_eq!(run.status, 0, "{run:#?}");
    assert!(run.stdout.contains("--fault SPEC"), "{run:#?}");
}

#[test]
fn every_path_placeholder_of_every_endpoint_is_a_flag() {
    for info in registry::endpoints() {
        let placeholders = info
            .path
            .split('{')
            .skip(1)
            .filter_map(|rest| rest.split_once('}').map(|(name, _)| name));
        for name in placeholders {
            let paths: Vec<_> = info
                .fields
                .iter()
                .filter(|field| {
                    field.location == registry::FieldLocation::Path && field.wire == name
                })
                .collect();
            assert_eq!(paths.len(), 1, "{}: `{{{name}}}`", info.name);
            assert!(paths[0].required, "{}: `{{{name}}}` is required", info.name);
        }
    }
}
