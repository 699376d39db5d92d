//! Settings from a profile file: named profiles, the environment over
//! the file, and errors that never quote a secret.

use crate::{Agora, CUSTOMER_ID, CUSTOMER_SECRET, Emulator};

fn profile_file(name: &str, text: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("agora-cli-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn a_named_profile_supplies_credentials_and_the_base_url() {
    let emulator = Emulator::start();
    let path = profile_file(
        "profiles.toml",
        &format!(
            "[default]\ncustomer_id = \"someone-else\"\ncustomer_secret = \"other-secret-000\"\n\n[emulator]\nbase_url = \"{}\"\ncustomer_id = \"{CUSTOMER_ID}\"\ncustomer_secret = \"{CUSTOMER_SECRET}\"\nretries = 0\ntimeout = 5\n",
            emulator.server.url()
        ),
    );
    let path = path.to_str().unwrap();
    let agora = || {
        Agora::new()
            .also_secret(CUSTOMER_SECRET)
            .also_secret("other-secret-000")
            .also_secret(&crate::basic_header())
    };
    let run = agora().run(&[
        "--config",
        path,
        "--profile",
        "emulator",
        "console",
        "list-projects",
    ]);
    assert_eq!(run.json()["projects"][0]["vendor_key"], emulator.app_id());

    // AGORA_PROFILE picks it too; the environment wins over the file.
    let run = agora()
        .env("AGORA_CONFIG", path)
        .env("AGORA_PROFILE", "emulator")
        .env("AGORA_CUSTOMER_ID", "nobody")
        .run(&["console", "list-projects"]);
    assert_eq!(run.status, 3, "{run:#?}");

    // A profile that is not there is an error, not the default.
    let run = agora().run(&[
        "--config",
        path,
        "--profile",
        "staging",
        "console",
        "list-projects",
    ]);
    assert_eq!(run.status, 2, "{run:#?}");
    assert!(run.stderr.contains("has no profile [staging]"), "{run:#?}");
}

#[test]
fn a_broken_profile_file_is_invalid_input_without_its_values() {
    let broken = profile_file(
        "broken.toml",
        "[default]\ncustomer_id = \"id\"\ncustomer_secret = \"unterminated-secret-4242\n",
    );
    let run = Agora::new().also_secret("unterminated-secret-4242").run(&[
        "--config",
        broken.to_str().unwrap(),
        "console",
        "list-projects",
    ]);
    assert_eq!(run.status, 2, "{run:#?}");
    assert!(run.stderr.contains("line 3: not valid TOML"), "{run:#?}");

    let unknown = profile_file(
        "unknown.toml",
        "[default]\ncustomer_secrte = \"typo-secret-777\"\n",
    );
    let run = Agora::new().also_secret("typo-secret-777").run(&[
        "--config",
        unknown.to_str().unwrap(),
        "console",
        "list-projects",
    ]);
    assert_eq!(run.status, 2, "{run:#?}");
    assert!(
        run.stderr.contains("unknown setting `customer_secrte`"),
        "{run:#?}"
    );
}
