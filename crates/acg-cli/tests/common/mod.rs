//! Running the built `acg` binary as a pipeline would.
#![allow(dead_code, reason = "each test file uses part of this")]

use std::io::Write as _;
use std::process::{Command, Stdio};

/// The sample plan shipped with the core.
pub const SAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../acg-core/data/sample-plan.json");
/// The golden ARM export of the sample plan.
pub const GOLDEN_ARM: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/exports/sample.json");
/// A Retail Prices API response.
pub const RETAIL: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../acg-core/data/retail_api_sample.json");

/// Runs `acg` with arguments: (exit status, stdout, stderr).
pub fn acg(args: &[&str]) -> (i32, String, String) {
    acg_with_input(args, None)
}

/// Runs `acg` with arguments and standard input.
pub fn acg_with_input(args: &[&str], stdin: Option<&str>) -> (i32, String, String) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_acg"));
    cmd.args(args).stdout(Stdio::piped()).stderr(Stdio::piped()).stdin(if stdin.is_some() {
        Stdio::piped()
    } else {
        Stdio::null()
    });
    let mut child = cmd.spawn().expect("acg runs");
    if let Some(input) = stdin {
        // acg may refuse its arguments and exit before reading: a closed pipe is then not an error.
        if let Err(e) = child.stdin.take().expect("stdin").write_all(input.as_bytes()) {
            assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "stdin written");
        }
    }
    let out = child.wait_with_output().expect("acg finishes");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}
