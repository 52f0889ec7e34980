//! Fuzzing with cargo-fuzz (libFuzzer) on the stable toolchain.
//!
//! cargo-fuzz asks for nightly-only flags; `RUSTC_BOOTSTRAP=1` lets the machine's stable rustc accept them
//! (no other toolchain can be installed here). The targets live in `crates/acg-core/fuzz/`, a workspace of
//! their own. `cargo xtask fuzz` runs every target briefly (what the test command does); `cargo xtask fuzz
//! NAME --runs 10000000` is the long run.

use std::path::PathBuf;
use std::process::Command;

use crate::{Result, exec, output, root, step};

/// Runs for the short pass in `cargo xtask test`: about a second per target.
pub const SHORT_RUNS: u64 = 100_000;

fn fuzz_dir() -> PathBuf {
    root().join("crates/acg-core/fuzz")
}

/// The fuzz targets, from `crates/acg-core/fuzz/fuzz_targets/*.rs`, sorted.
pub fn targets() -> Result<Vec<String>> {
    let dir = fuzz_dir().join("fuzz_targets");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .flatten()
        .filter_map(|e| e.file_name().to_str().and_then(|n| n.strip_suffix(".rs")).map(str::to_owned))
        .collect();
    names.sort();
    Ok(names)
}

/// Installs cargo-fuzz when missing.
pub fn install() -> Result {
    if output(Command::new("cargo").args(["fuzz", "--version"])).is_some() {
        return Ok(());
    }
    step("installing cargo-fuzz (about 2 minutes, once)");
    exec(Command::new("cargo").args(["install", "cargo-fuzz", "--locked"]))
}

/// Runs `target` for `runs` inputs with a fixed seed; fails on a crash, a hang (10 s per input) or an
/// allocation over 2 GB. A crash leaves its input under `crates/acg-core/fuzz/artifacts/`.
///
/// Short runs (the test command) build with `AddressSanitizer`, cargo-fuzz's default. Long runs build without
/// it (`-s none`): the crates under test forbid unsafe code, panics, hangs and the allocation limit are still
/// caught by libFuzzer, and 10 million inputs of the slower targets then take minutes instead of hours.
pub fn run_target(target: &str, runs: u64) -> Result {
    let sanitizer = if runs > SHORT_RUNS { "none" } else { "address" };
    exec(
        Command::new("cargo")
            .args(["fuzz", "run", "-O", "-s", sanitizer, target, "--"])
            .arg(format!("-runs={runs}"))
            .args(["-seed=1", "-max_len=4096", "-timeout=10", "-rss_limit_mb=2048", "-print_final_stats=1"])
            .env("RUSTC_BOOTSTRAP", "1")
            .current_dir(fuzz_dir().parent().unwrap_or(&root())),
    )
}

/// `cargo xtask fuzz [TARGET] [--runs N]`.
pub fn command(args: &[String]) -> Result {
    let mut runs = SHORT_RUNS;
    let mut only = None;
    let mut rest = args.iter();
    while let Some(a) = rest.next() {
        if a == "--runs" {
            let n = rest.next().ok_or("--runs takes a number")?;
            runs = n.parse().map_err(|_| format!("--runs '{n}' is not a whole number"))?;
        } else {
            only = Some(a.clone());
        }
    }
    install()?;
    let all = targets()?;
    let chosen: Vec<String> = match only {
        Some(t) if all.contains(&t) => vec![t],
        Some(t) => return Err(format!("no fuzz target '{t}'; the targets are {}", all.join(", "))),
        None => all,
    };
    for t in &chosen {
        step(&format!("fuzzing {t} for {runs} inputs"));
        run_target(t, runs)?;
    }
    Ok(())
}
