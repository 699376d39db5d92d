//! Compile-fail UI tests of the derive's diagnostics, and compile-pass
//! cases. The `.stderr` files hold rustc's exact output, which changes
//! between compiler releases: the cases run on the toolchain they were
//! recorded with (see `RECORDED_WITH`) and are skipped, with a notice, on
//! others. Re-record with `TRYBUILD=overwrite cargo test -p agora-macros-ui --test ui`.

use std::process::Command;

/// The rustc release the `.stderr` files were recorded with.
const RECORDED_WITH: &str = "rustc 1.95.";

fn rustc_version() -> String {
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".to_owned());
    Command::new(rustc)
        .arg("--version")
        .output()
        .map(|out| String::from_utf8_lossy(&out.stdout).into_owned())
        .unwrap_or_default()
}

#[test]
fn derive_diagnostics() {
    let version = rustc_version();
    if !version.starts_with(RECORDED_WITH) {
        eprintln!("skipping UI tests: recorded with {RECORDED_WITH}x, this is {version}");
        return;
    }
    let cases = trybuild::TestCases::new();
    cases.compile_fail("tests/ui/fail/*.rs");
    cases.pass("tests/ui/pass/*.rs");
}
