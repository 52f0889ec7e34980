//! `cargo xtask`: the project's automation, in Rust so it runs wherever cargo does.
//!
//! - `cargo xtask serve [--port N]`: install what is missing, build the site into `dist/`, serve it.
//! - `cargo xtask dist`: build the site into `dist/` (any static host can serve that folder).
//! - `cargo xtask test [--skip native,conformance,fuzz,wasm,node,e2e,budget]`: every test stage; what CI runs.
//! - `cargo xtask check`: rustfmt and clippy.
//! - `cargo xtask install`: only install the tools.
//!
//! Every installer is idempotent: it checks first and does nothing when the tool is already right.

mod conformance;
mod dist;
mod fuzz;
mod serve;
mod size;
mod test;
mod tools;

use std::path::PathBuf;
use std::process::{Command, ExitCode};

const USAGE: &str =
    "usage: cargo xtask <serve [--port N] | dist | test [--skip native,conformance,fuzz,wasm,node,e2e,budget] | check | fuzz [NAME] [--runs N] | install>

  serve    build the site into dist/ and serve it on http://127.0.0.1:8080 (or --port N, or $ACG_PORT)
  dist     build the site into dist/: the app, the JS API module with its .d.ts, the embed page
  test     run every test stage: native (cargo test), fuzz (each fuzz target briefly), wasm (wasm-bindgen
           tests in headless Chromium), node (the JS API module in Node),
           e2e (Playwright against a fresh dist/), budget (gzip sizes of dist/ against the budgets);
           skip stages with --skip or $ACG_SKIP (comma-separated)
  check    cargo fmt --check and cargo clippy on every crate
  fuzz     run every fuzz target briefly, or one: fuzz NAME [--runs N] (cargo-fuzz, libFuzzer)
  bench    the in-browser benchmarks in headless Chromium (full recompute S/M/L, first estimate, keystroke)
  install  install the tools only (wasm32 target, wasm-bindgen-cli, npm packages, Chromium)";

/// A failed step: what to tell the user.
pub type Result<T = ()> = std::result::Result<T, String>;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let outcome = match args.first().map(String::as_str) {
        Some("serve") => port(&args[1..]).and_then(serve::run),
        Some("dist") => dist::run().map(|_| ()),
        Some("test") => skips(&args[1..]).and_then(|s| test::run(&s)),
        Some("check") => check(),
        Some("fuzz") => fuzz::command(&args[1..]),
        Some("bench") => test::bench(),
        Some("install") => tools::install_all(),
        Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            Ok(())
        }
        _ => Err(USAGE.to_owned()),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: {message}");
            ExitCode::FAILURE
        }
    }
}

fn port(args: &[String]) -> Result<u16> {
    let text = match args {
        [] => std::env::var("ACG_PORT").unwrap_or_else(|_| "8080".to_owned()),
        [flag, value] if flag == "--port" => value.clone(),
        _ => return Err(format!("serve takes [--port N]\n{USAGE}")),
    };
    text.parse().map_err(|_| format!("port '{text}' is not a number from 0 to 65535"))
}

fn skips(args: &[String]) -> Result<Vec<String>> {
    let text = match args {
        [] => std::env::var("ACG_SKIP").unwrap_or_default(),
        [flag, value] if flag == "--skip" => value.clone(),
        _ => return Err(format!("test takes [--skip native,wasm,e2e]\n{USAGE}")),
    };
    let stages: Vec<String> = text.split(',').map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned).collect();
    for s in &stages {
        if !test::STAGES.contains(&s.as_str()) {
            return Err(format!("unknown stage '{s}' in --skip: the stages are {}", test::STAGES.join(", ")));
        }
    }
    Ok(stages)
}

fn check() -> Result {
    exec(Command::new("cargo").args(["fmt", "--all", "--check"]).current_dir(root()))?;
    exec(Command::new("cargo").args(["clippy", "--all-targets", "--", "-D", "warnings"]).current_dir(root()))?;
    exec(
        Command::new("cargo")
            .args([
                "clippy",
                "--target",
                "wasm32-unknown-unknown",
                "-p",
                "acg-web",
                "-p",
                "acg-wasm",
                "--",
                "-D",
                "warnings",
            ])
            .current_dir(root()),
    )
}

/// The workspace root.
pub fn root() -> PathBuf {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest.ancestors().nth(2).map_or(manifest.clone(), PathBuf::from)
}

/// Runs a command, failing with its command line when it exits non-zero.
pub fn exec(cmd: &mut Command) -> Result {
    let status = cmd.status().map_err(|e| format!("could not start {cmd:?}: {e}"))?;
    if status.success() { Ok(()) } else { Err(format!("{cmd:?} failed ({status})")) }
}

/// Runs a command and returns its standard output, or `None` when it cannot run or fails.
pub fn output(cmd: &mut Command) -> Option<String> {
    let out = cmd.output().ok()?;
    out.status.success().then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

/// Copies a folder recursively.
pub fn copy_dir(from: &std::path::Path, to: &std::path::Path) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), &target)?;
        }
    }
    Ok(())
}

/// Prints a stage heading.
pub fn step(text: &str) {
    println!("\n==> {text}");
}
