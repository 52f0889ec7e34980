//! Installing the tools the build and the tests need, each only when missing.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::{Result, copy_dir, exec, output, root, step};

/// Installs everything: the wasm target, wasm-bindgen-cli, npm packages, and Chromium for the tests.
pub fn install_all() -> Result {
    build_tools()?;
    browser()?;
    e2e_packages()
}

/// What building the site needs: the wasm32 target, wasm-bindgen-cli matching Cargo.lock, wasm-opt.
pub fn build_tools() -> Result {
    wasm_target()?;
    wasm_bindgen()?;
    npm_ci(&root().join("crates/xtask"))
}

fn wasm_target() -> Result {
    let installed = output(Command::new("rustup").args(["target", "list", "--installed"])).unwrap_or_default();
    if installed.lines().any(|l| l.trim() == "wasm32-unknown-unknown") {
        return Ok(());
    }
    step("installing the wasm32-unknown-unknown target");
    exec(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]))
}

/// The wasm-bindgen version pinned in Cargo.lock: the CLI must match it exactly.
pub fn wasm_bindgen_version() -> Result<String> {
    let lock = std::fs::read_to_string(root().join("Cargo.lock")).map_err(|e| format!("Cargo.lock: {e}"))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == "name = \"wasm-bindgen\""
            && let Some(v) = lines.next().and_then(|l| l.strip_prefix("version = \""))
        {
            return Ok(v.trim_end_matches('"').to_owned());
        }
    }
    Err("Cargo.lock has no wasm-bindgen package".to_owned())
}

fn cargo_home() -> PathBuf {
    std::env::var_os("CARGO_HOME")
        .map_or_else(|| PathBuf::from(std::env::var_os("HOME").unwrap_or_default()).join(".cargo"), PathBuf::from)
}

/// Installs wasm-bindgen-cli at the Cargo.lock version.
///
/// `cargo install wasm-bindgen-cli --locked` fails here: its lockfile pins a webpki-roots release that the
/// reachable registry does not serve. The failed attempt leaves the crate's source in the registry cache;
/// we copy it, let cargo pick the newest served webpki-roots, and install from that path.
fn wasm_bindgen() -> Result {
    let version = wasm_bindgen_version()?;
    let current = output(Command::new("wasm-bindgen").arg("--version")).unwrap_or_default();
    let runner = output(Command::new("wasm-bindgen-test-runner").arg("--version")).unwrap_or_default();
    if current.split_whitespace().nth(1) == Some(version.as_str()) && runner.contains(&version) {
        return Ok(());
    }
    step(&format!("installing wasm-bindgen-cli {version} (about 3 minutes, once)"));
    let direct = Command::new("cargo")
        .args(["install", "wasm-bindgen-cli", "--version", &format!("={version}"), "--locked", "--force"])
        .status()
        .map_err(|e| format!("could not start cargo install: {e}"))?;
    if direct.success() {
        return Ok(());
    }
    println!("cargo install --locked failed (expected here); retrying from the cached source with a fresh lock");
    let source = find_registry_source(&format!("wasm-bindgen-cli-{version}"))
        .ok_or_else(|| format!("the source of wasm-bindgen-cli {version} is not in {}", cargo_home().display()))?;
    let work = std::env::temp_dir().join(format!("acg-wasm-bindgen-cli-{version}"));
    let _ = std::fs::remove_dir_all(&work);
    copy_dir(&source, &work).map_err(|e| format!("copying {}: {e}", source.display()))?;
    let result = exec(Command::new("cargo").args(["update", "-p", "webpki-roots"]).current_dir(&work)).and_then(|()| {
        exec(
            Command::new("cargo")
                .args(["install", "--path", ".", "--locked", "--force"])
                .env("CARGO_TARGET_DIR", work.join("target"))
                .current_dir(&work),
        )
    });
    let _ = std::fs::remove_dir_all(&work);
    result
}

fn find_registry_source(dir_name: &str) -> Option<PathBuf> {
    let src = cargo_home().join("registry/src");
    std::fs::read_dir(src).ok()?.flatten().map(|e| e.path().join(dir_name)).find(|p| p.join("Cargo.toml").exists())
}

/// `npm ci` in a folder with a package-lock.json, unless `node_modules` is already newer than the lock.
pub fn npm_ci(dir: &Path) -> Result {
    let lock = dir.join("package-lock.json");
    let stamp = dir.join("node_modules/.package-lock.json");
    let modified = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    if let (Some(l), Some(s)) = (modified(&lock), modified(&stamp))
        && s >= l
    {
        return Ok(());
    }
    step(&format!("npm ci in {}", dir.display()));
    exec(Command::new("npm").args(["ci", "--no-audit", "--no-fund"]).current_dir(dir))
}

/// The npm packages of the end-to-end tests.
pub fn e2e_packages() -> Result {
    npm_ci(&root().join("tests/e2e"))
}

/// Chromium and chromedriver from Debian's packages (never a browser download), when missing and root.
pub fn browser() -> Result {
    let have = |name: &str| output(Command::new("sh").args(["-c", &format!("command -v {name}")])).is_some();
    if have("chromium") && have("chromedriver") {
        return Ok(());
    }
    let uid = output(Command::new("id").arg("-u")).unwrap_or_default();
    if uid.trim() != "0" {
        return Err("Chromium and chromedriver are missing: install Debian's chromium and chromium-driver \
                    packages (sudo apt-get install chromium chromium-driver)"
            .to_owned());
    }
    step("installing Chromium and chromedriver from Debian's packages");
    exec(Command::new("apt-get").arg("update").env("DEBIAN_FRONTEND", "noninteractive"))?;
    exec(
        Command::new("apt-get")
            .args(["install", "-y", "--no-install-recommends", "chromium", "chromium-driver"])
            .env("DEBIAN_FRONTEND", "noninteractive"),
    )
}

/// The wasm-opt binary from the npm package `binaryen` (Debian's and the crates.io one cannot read
/// wasm-bindgen 0.2.130 output).
pub fn wasm_opt() -> PathBuf {
    root().join("crates/xtask/node_modules/.bin/wasm-opt")
}
