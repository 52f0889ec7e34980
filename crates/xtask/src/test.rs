//! `cargo xtask test`: every test stage, with a summary of how many tests each ran.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::Instant;

use crate::{Result, conformance, dist, fuzz, root, serve, size, step, tools};

/// The stages, in the order they run.
pub const STAGES: [&str; 7] = ["native", "conformance", "fuzz", "wasm", "node", "e2e", "budget"];

struct Outcome {
    stage: &'static str,
    passed: u64,
    failed: u64,
    seconds: f64,
    error: Option<String>,
}

/// Runs every stage not skipped; fails if any stage fails or runs no test.
pub fn run(skip: &[String]) -> Result {
    let mut outcomes = Vec::new();
    for stage in STAGES {
        if skip.iter().any(|s| s == stage) {
            println!("\n==> skipping the {stage} stage");
            continue;
        }
        let start = Instant::now();
        let result = match stage {
            "native" => native(),
            "conformance" => conformance(),
            "fuzz" => fuzz(),
            "wasm" => wasm(),
            "node" => node(),
            "e2e" => e2e(),
            _ => budget(),
        };
        let seconds = start.elapsed().as_secs_f64();
        outcomes.push(match result {
            Ok((passed, failed)) => {
                let error = if failed > 0 {
                    Some(format!("{failed} failed"))
                } else if passed == 0 {
                    Some("no test ran".to_owned())
                } else {
                    None
                };
                Outcome { stage, passed, failed, seconds, error }
            }
            Err(e) => Outcome { stage, passed: 0, failed: 0, seconds, error: Some(e) },
        });
    }
    println!("\n==> summary");
    for o in &outcomes {
        println!(
            "  {:<11} {:>5} passed {:>4} failed  {:>6.1} s  {}",
            o.stage,
            o.passed,
            o.failed,
            o.seconds,
            o.error.as_deref().map_or_else(|| "ok".to_owned(), |e| format!("FAILED: {e}"))
        );
    }
    let passed: u64 = outcomes.iter().map(|o| o.passed).sum();
    let failed: u64 = outcomes.iter().map(|o| o.failed).sum();
    println!("{passed} passed, {failed} failed");
    let bad: Vec<&str> = outcomes.iter().filter(|o| o.error.is_some()).map(|o| o.stage).collect();
    if bad.is_empty() { Ok(()) } else { Err(format!("stage(s) failed: {}", bad.join(", "))) }
}

/// Native tests of the default members (core, cli, xtask): the browser crates are not compiled for the host.
fn native() -> Result<(u64, u64)> {
    step("native tests (cargo test: acg-core, acg-cli, xtask)");
    counted(Command::new("cargo").arg("test").current_dir(root()), cargo_counts)
}

/// The exports judged by the real Azure tools (tests/conformance): each finding is a failed test.
fn conformance() -> Result<(u64, u64)> {
    counted(&mut conformance::prepare()?, tap_counts)
}

/// wasm-bindgen tests of acg-web and acg-wasm in headless Chromium.
fn wasm() -> Result<(u64, u64)> {
    tools::build_tools()?;
    tools::browser()?;
    step("wasm tests in headless Chromium (acg-web, acg-wasm)");
    counted(
        Command::new("cargo")
            .args(["test", "--target", "wasm32-unknown-unknown", "-p", "acg-web", "-p", "acg-wasm"])
            .current_dir(root()),
        cargo_counts,
    )
}

/// The JS API module from Node (node:test, TAP output).
fn node() -> Result<(u64, u64)> {
    let dist = dist::run()?;
    step("JS API tests in Node (tests/node)");
    counted(
        Command::new("node")
            .args(["--test", "--test-reporter=tap", "tests/node/"])
            .env("ACG_DIST", &dist)
            .current_dir(root()),
        tap_counts,
    )
}

/// Reads node:test's TAP summary: `# pass 4`, `# fail 0`.
fn tap_counts(line: &str, totals: &mut (u64, u64)) {
    let mut words = line.split_whitespace();
    if words.next() != Some("#") {
        return;
    }
    let (Some(label), Some(number)) = (words.next(), words.next()) else { return };
    let Ok(n) = number.parse::<u64>() else { return };
    match label {
        "pass" => totals.0 += n,
        "fail" => totals.1 += n,
        _ => {}
    }
}

/// Playwright against a freshly built `dist/`, served on a free loopback port.
fn e2e() -> Result<(u64, u64)> {
    let port = browser_and_site()?;
    step(&format!("end-to-end tests (Playwright, Chromium) against http://127.0.0.1:{port}/"));
    counted(
        Command::new("npx")
            .args(["playwright", "test"])
            .env("BASE_URL", format!("http://127.0.0.1:{port}"))
            .current_dir(root().join("tests/e2e")),
        playwright_counts,
    )
}

/// Chromium and the Playwright packages installed, `dist/` built and served on a free loopback port.
fn browser_and_site() -> Result<u16> {
    tools::browser()?;
    tools::e2e_packages()?;
    let dist = dist::run()?;
    let listener = serve::bind(0)?;
    let port = listener.local_addr().map_err(|e| e.to_string())?.port();
    std::thread::spawn(move || serve::serve_forever(&listener, &dist));
    Ok(port)
}

/// `cargo xtask bench`: the in-browser benchmarks (`tests/e2e/bench/`) against a fresh `dist/`, printed and
/// written to `tests/e2e/artifacts/bench.json`. Not a test stage: benchmarks are measured, never asserted.
pub fn bench() -> Result {
    let port = browser_and_site()?;
    step(&format!("in-browser benchmarks against http://127.0.0.1:{port}/"));
    crate::exec(
        Command::new("npx")
            .args(["playwright", "test", "--config", "playwright.bench.config.ts", "--reporter", "line"])
            .env("BASE_URL", format!("http://127.0.0.1:{port}"))
            .current_dir(root().join("tests/e2e")),
    )
}

/// Every fuzz target for a short, seeded run: each target that finishes clean counts as one passed test.
fn fuzz() -> Result<(u64, u64)> {
    fuzz::install()?;
    let mut totals = (0, 0);
    for target in fuzz::targets()? {
        step(&format!("fuzzing {target} ({} inputs)", fuzz::SHORT_RUNS));
        match fuzz::run_target(&target, fuzz::SHORT_RUNS) {
            Ok(()) => totals.0 += 1,
            Err(e) => {
                eprintln!("{e}");
                totals.1 += 1;
            }
        }
    }
    Ok(totals)
}

/// The size budgets of `dist/` (deterministic: fixed compression levels), one check per bundle.
fn budget() -> Result<(u64, u64)> {
    let dist = dist::run()?;
    step("size budgets (gzip)");
    let sizes = size::measure(&dist)?;
    let mut totals = (0, 0);
    for b in &size::BUNDLES {
        let gzip = size::totals(&sizes, b.contains).1;
        let ok = gzip <= b.budget;
        println!("  {}: {gzip} bytes gzip, budget {}: {}", b.label, b.budget, if ok { "ok" } else { "OVER BUDGET" });
        if ok { totals.0 += 1 } else { totals.1 += 1 }
    }
    Ok(totals)
}

/// Runs a command, echoing its output, and counts tests with `count` over each output line.
fn counted(cmd: &mut Command, count: fn(&str, &mut (u64, u64))) -> Result<(u64, u64)> {
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .map_err(|e| format!("could not start {cmd:?}: {e}"))?;
    let mut totals = (0, 0);
    if let Some(stdout) = child.stdout.take() {
        for line in BufReader::new(stdout).lines().map_while(std::result::Result::ok) {
            println!("{line}");
            count(&line, &mut totals);
        }
    }
    let status = child.wait().map_err(|e| e.to_string())?;
    if status.success() || totals.1 > 0 { Ok(totals) } else { Err(format!("{cmd:?} failed ({status})")) }
}

/// Adds up `test result: ok. 12 passed; 0 failed; ...` lines (cargo test and wasm-bindgen-test-runner).
fn cargo_counts(line: &str, totals: &mut (u64, u64)) {
    let Some(rest) = line.trim().strip_prefix("test result: ") else { return };
    for part in rest.split(';') {
        let mut words = part.split_whitespace().rev();
        let (Some(label), Some(number)) = (words.next(), words.next()) else { continue };
        let Ok(n) = number.parse::<u64>() else { continue };
        match label {
            "passed" => totals.0 += n,
            "failed" => totals.1 += n,
            _ => {}
        }
    }
}

/// Reads Playwright's closing lines: `  12 passed (4.1s)`, `  1 failed`.
fn playwright_counts(line: &str, totals: &mut (u64, u64)) {
    let mut words = line.split_whitespace();
    let (Some(number), Some(label)) = (words.next(), words.next()) else { return };
    let Ok(n) = number.parse::<u64>() else { return };
    match label {
        "passed" => totals.0 += n,
        "failed" => totals.1 += n,
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_cargo_and_playwright_lines() {
        let mut t = (0, 0);
        cargo_counts(
            "test result: ok. 12 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.04s",
            &mut t,
        );
        cargo_counts("test result: FAILED. 3 passed; 2 failed; 0 ignored", &mut t);
        cargo_counts("running 3 tests", &mut t);
        assert_eq!(t, (15, 2));
        let mut p = (0, 0);
        playwright_counts("  7 passed (4.2s)", &mut p);
        playwright_counts("  1 failed", &mut p);
        playwright_counts("  [chromium] › app.spec.ts:3:1 › loads", &mut p);
        assert_eq!(p, (7, 1));
        let mut t = (0, 0);
        tap_counts("# pass 4", &mut t);
        tap_counts("# fail 1", &mut t);
        tap_counts("ok 1 - versions compare # pass", &mut t);
        assert_eq!(t, (4, 1));
    }
}
