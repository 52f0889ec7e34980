//! Building the static site into `dist/`: the app, the JS API module, and `www/`'s pages.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use crate::{Result, copy_dir, exec, root, size, step, tools};

const TARGET: &str = "wasm32-unknown-unknown";

/// One wasm artifact: the crate, its cargo features, the file cargo writes, where it goes in `dist/`, its
/// module name, and one export it must have and one it must not (a check that the right build was bound).
struct Artifact {
    package: &'static str,
    /// `None`: the default features; else exactly these.
    features: Option<&'static str>,
    wasm_file: &'static str,
    out_dir: &'static str,
    out_name: &'static str,
    typescript: bool,
    has: &'static str,
    lacks: Option<&'static str>,
}

/// The app, the full JS API, two small builds of the same API crate for the documentation widgets: the
/// embed build (feature `widgets`) and the explain build (feature `explain`), which only `<acg-explain>` (and
/// the app's Troubleshoot view) loads; and the interchange build (feature `interchange`), the importers and
/// exporters the app loads on demand. Cargo builds one feature set of a package at a time, so each artifact
/// is built and bound before the next.
const ARTIFACTS: [Artifact; 5] = [
    Artifact {
        package: "acg-wasm",
        features: Some("widgets"),
        wasm_file: "acg_wasm.wasm",
        out_dir: "embed",
        out_name: "acg_embed",
        typescript: true,
        has: "export function latestOfVersions",
        lacks: Some("export function explainError"),
    },
    Artifact {
        package: "acg-wasm",
        features: Some("explain"),
        wasm_file: "acg_wasm.wasm",
        out_dir: "embed",
        out_name: "acg_explain",
        typescript: true,
        has: "export function explainError",
        lacks: Some("export function latestOfVersions"),
    },
    Artifact {
        package: "acg-wasm",
        features: Some("interchange"),
        wasm_file: "acg_wasm.wasm",
        out_dir: "interchange",
        out_name: "acg_interchange",
        typescript: false,
        has: "export function exportText",
        lacks: Some("export function validatePlan"),
    },
    Artifact {
        package: "acg-wasm",
        features: None,
        wasm_file: "acg_wasm.wasm",
        out_dir: "api",
        out_name: "acg",
        typescript: true,
        has: "export function validatePlan",
        lacks: None,
    },
    Artifact {
        package: "acg-web",
        features: None,
        wasm_file: "acg-web.wasm",
        out_dir: "pkg",
        out_name: "acg_web",
        typescript: false,
        has: "function __wbg_init",
        lacks: Some("export function validatePlan"),
    },
];

/// The WebAssembly features rustc enables by default for wasm32-unknown-unknown; wasm-opt must accept them.
/// (Not `-all`: that enables more, which is smaller raw but larger compressed.)
const WASM_FEATURES: [&str; 6] = [
    "--enable-bulk-memory",
    "--enable-bulk-memory-opt",
    "--enable-nontrapping-float-to-int",
    "--enable-sign-ext",
    "--enable-reference-types",
    "--enable-multivalue",
];

static BUILT: OnceLock<PathBuf> = OnceLock::new();

/// Builds `dist/` (once per xtask run), prints the size report, and returns its path.
pub fn run() -> Result<PathBuf> {
    if let Some(dist) = BUILT.get() {
        return Ok(dist.clone());
    }
    tools::build_tools()?;
    let root = root();
    let dist = dist_dir();
    if dist.exists() {
        std::fs::remove_dir_all(&dist).map_err(|e| format!("removing {}: {e}", dist.display()))?;
    }
    copy_dir(&root.join("www"), &dist).map_err(|e| format!("copying www/ to dist/: {e}"))?;

    let wasm_dir = cargo_target_dir(&root).join(TARGET).join("release");
    for a in &ARTIFACTS {
        step(&format!("release wasm, wasm-bindgen and wasm-opt: {} -> {}/{}", a.package, a.out_dir, a.out_name));
        let mut cargo = Command::new("cargo");
        cargo.args(["build", "--release", "--target", TARGET, "-p", a.package]).current_dir(&root);
        if let Some(features) = a.features {
            cargo.args(["--no-default-features", "--features", features]);
        }
        exec(&mut cargo)?;
        let out = dist.join(a.out_dir);
        let mut bindgen = Command::new("wasm-bindgen");
        bindgen
            .args(["--target", "web", "--out-name", a.out_name])
            .arg("--out-dir")
            .arg(&out)
            .arg(wasm_dir.join(a.wasm_file));
        if !a.typescript {
            bindgen.arg("--no-typescript");
        }
        exec(&mut bindgen)?;
        let js_path = out.join(format!("{}.js", a.out_name));
        let js = std::fs::read_to_string(&js_path).map_err(|e| format!("{}: {e}", js_path.display()))?;
        if !js.contains(a.has) || a.lacks.is_some_and(|l| js.contains(l)) {
            return Err(format!(
                "{} is not the {} build it should be (expected `{}`, and not `{}`)",
                js_path.display(),
                a.out_name,
                a.has,
                a.lacks.unwrap_or("-")
            ));
        }
        let wasm = out.join(format!("{}_bg.wasm", a.out_name));
        exec(
            Command::new(tools::wasm_opt())
                .args(["-Oz", "--strip-debug", "--strip-producers", "--strip-target-features"])
                .args(WASM_FEATURES)
                .arg(&wasm)
                .arg("-o")
                .arg(&wasm),
        )?;
    }
    step("sizes of the shipped files (bytes)");
    print!("{}", size::report(&size::measure(&dist)?));
    println!("\nbuilt {}", dist.display());
    Ok(BUILT.get_or_init(|| dist).clone())
}

/// Where the site is built: `$ACG_DIST` when set (so parallel builds need not share one folder), else `dist/`.
pub fn dist_dir() -> PathBuf {
    std::env::var_os("ACG_DIST").map_or_else(|| root().join("dist"), PathBuf::from)
}

fn cargo_target_dir(root: &Path) -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root.join("target"), PathBuf::from)
}
