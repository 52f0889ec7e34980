//! Building the static site into `dist/`: the app, the JS API module, and `www/`'s pages.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use crate::{Result, copy_dir, exec, root, size, step, tools};

const TARGET: &str = "wasm32-unknown-unknown";

/// One wasm artifact: the crate, the file cargo writes, where it goes in `dist/`, and its module name.
struct Artifact {
    package: &'static str,
    wasm_file: &'static str,
    out_dir: &'static str,
    out_name: &'static str,
    typescript: bool,
}

const ARTIFACTS: [Artifact; 2] = [
    Artifact { package: "acg-web", wasm_file: "acg-web.wasm", out_dir: "pkg", out_name: "acg_web", typescript: false },
    Artifact { package: "acg-wasm", wasm_file: "acg_wasm.wasm", out_dir: "api", out_name: "acg", typescript: true },
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
    step("building the release wasm (acg-web, acg-wasm)");
    let mut cargo = Command::new("cargo");
    cargo.args(["build", "--release", "--target", TARGET]).current_dir(&root);
    for a in &ARTIFACTS {
        cargo.args(["-p", a.package]);
    }
    exec(&mut cargo)?;

    if dist.exists() {
        std::fs::remove_dir_all(&dist).map_err(|e| format!("removing {}: {e}", dist.display()))?;
    }
    copy_dir(&root.join("www"), &dist).map_err(|e| format!("copying www/ to dist/: {e}"))?;

    let wasm_dir = cargo_target_dir(&root).join(TARGET).join("release");
    for a in &ARTIFACTS {
        step(&format!("wasm-bindgen and wasm-opt for {}", a.package));
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
