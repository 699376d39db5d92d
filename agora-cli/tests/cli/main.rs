//! The `agora` binary, run as a process against the emulator (in this
//! process, on a free loopback port): a call of each product in the
//! registry, `--dry-run`, `--all`, profiles, every error path and its exit
//! status, the built-in commands. Every run's stdout and stderr are
//! checked for the secrets that run was given.

// Test helpers panic on purpose: a panic is how a test reports failure.
#![allow(clippy::unwrap_used)]

mod commands;
mod dry_run;
mod errors;
mod paging;
mod products;
mod profiles;

use std::io::Write as _;
use std::process::{Command, Stdio};

use agora_api::token::AppCertificate;
use agora_mock::{JournalEntry, MockServer};
use base64::Engine as _;

/// The emulator's Customer ID.
pub const CUSTOMER_ID: &str = "cli-test-customer";
/// The emulator's Customer Secret: it must never be printed.
pub const CUSTOMER_SECRET: &str = "cli-test-secret-5f1c9e27";
/// The emulator's App Certificate.
pub const CERTIFICATE: &str = "5cfd2fd1755d40ecb72977518be15d3b";

/// The emulator, serving on its own runtime's threads while a test waits
/// for the binary.
pub struct Emulator {
    /// The server (dropped before its runtime).
    pub server: MockServer,
    runtime: tokio::runtime::Runtime,
}

impl Emulator {
    /// An emulator with the credentials above and a first project with
    /// the default App ID.
    pub fn start() -> Self {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .unwrap();
        let server = runtime.block_on(async {
            MockServer::builder()
                .customer_id(CUSTOMER_ID)
                .customer_secret(CUSTOMER_SECRET)
                .app_certificate(AppCertificate::new(CERTIFICATE).unwrap())
                .seed(7)
                .start()
                .await
                .unwrap()
        });
        Emulator { server, runtime }
    }

    /// Runs `f` inside the emulator's runtime (seeding state).
    pub fn enter<T>(&self, f: impl FnOnce(&MockServer) -> T) -> T {
        let _guard = self.runtime.enter();
        f(&self.server)
    }

    /// The emulator's App ID.
    pub fn app_id(&self) -> String {
        self.server.app_id().to_string()
    }

    /// `agora` with the emulator's URL and its credentials of every
    /// scheme it checks: Basic, HMAC-SHA256 (the same Customer ID and
    /// Secret), the whiteboard project's access key pair, and the first
    /// project's App ID and Certificate (education tokens are minted).
    pub fn agora(&self) -> Agora {
        Agora::new()
            .env("AGORA_BASE_URL", &self.server.url())
            .env("AGORA_CUSTOMER_ID", CUSTOMER_ID)
            .secret("AGORA_CUSTOMER_SECRET", CUSTOMER_SECRET)
            .also_secret(&basic_header())
            .env("AGORA_HMAC_KEY", CUSTOMER_ID)
            .secret("AGORA_HMAC_SECRET", CUSTOMER_SECRET)
            .secret(
                "AGORA_WHITEBOARD_ACCESS_KEY",
                agora_mock::DEFAULT_WHITEBOARD_ACCESS_KEY,
            )
            .secret(
                "AGORA_WHITEBOARD_SECRET_KEY",
                agora_mock::DEFAULT_WHITEBOARD_SECRET_KEY,
            )
            .env("AGORA_WHITEBOARD_REGION", "us-sv")
            .env("AGORA_APP_ID", &self.app_id())
            .secret(
                "AGORA_APP_CERTIFICATE",
                self.server.app_certificate().expose_secret(),
            )
    }

    /// What the emulator received, in order.
    pub fn journal(&self) -> Vec<JournalEntry> {
        self.server.journal()
    }
}

/// The Basic credential the client sends for the emulator's Customer ID
/// and Secret: it must never be printed either.
pub fn basic_header() -> String {
    base64::engine::general_purpose::STANDARD.encode(format!("{CUSTOMER_ID}:{CUSTOMER_SECRET}"))
}

/// One run of the binary, with an empty environment but for what the test
/// sets (no profile file of the machine's user is read).
pub struct Agora {
    command: Command,
    stdin: Option<String>,
    secrets: Vec<String>,
}

/// What a run printed, and its exit status.
#[derive(Debug)]
pub struct Run {
    /// The exit status (-1 when killed by a signal).
    pub status: i32,
    /// Everything printed on stdout.
    pub stdout: String,
    /// Everything printed on stderr.
    pub stderr: String,
}

impl Default for Agora {
    fn default() -> Self {
        Agora::new()
    }
}

impl Agora {
    /// `agora` with an empty environment.
    pub fn new() -> Self {
        let mut command = Command::new(env!("CARGO_BIN_EXE_agora"));
        command.env_clear();
        Agora {
            command,
            stdin: None,
            secrets: Vec::new(),
        }
    }

    /// Sets an environment variable that is not a secret.
    pub fn env(mut self, name: &str, value: &str) -> Self {
        self.command.env(name, value);
        self
    }

    /// An environment variable holding a secret: checked absent from the
    /// run's output.
    pub fn secret(mut self, name: &str, value: &str) -> Self {
        self.command.env(name, value);
        self.secrets.push(value.to_owned());
        self
    }

    /// A value derived from a secret, checked absent from the output.
    pub fn also_secret(mut self, value: &str) -> Self {
        self.secrets.push(value.to_owned());
        self
    }

    /// What the run reads on stdin.
    pub fn stdin(mut self, text: &str) -> Self {
        self.stdin = Some(text.to_owned());
        self
    }

    /// Runs `agora ARGS...` and checks that no secret it was given is in
    /// what it printed.
    pub fn run(mut self, args: &[&str]) -> Run {
        self.command
            .args(args)
            .stdin(if self.stdin.is_some() {
                Stdio::piped()
            } else {
                Stdio::null()
            })
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = self.command.spawn().unwrap();
        if let Some(text) = &self.stdin {
            child
                .stdin
                .take()
                .unwrap()
                .write_all(text.as_bytes())
                .unwrap();
        }
        let output = child.wait_with_output().unwrap();
        let run = Run {
            status: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8(output.stdout).unwrap(),
            stderr: String::from_utf8(output.stderr).unwrap(),
        };
        for secret in &self.secrets {
            assert!(
                !run.stdout.contains(secret.as_str()) && !run.stderr.contains(secret.as_str()),
                "a secret was printed by agora {args:?}: {run:#?}"
            );
        }
        run
    }
}

impl Run {
    /// Asserts the run succeeded, and returns its stdout parsed as JSON.
    pub fn json(&self) -> serde_json::Value {
        assert_eq!(self.status, 0, "{self:#?}");
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| panic!("{e}: {self:#?}"))
    }
}
