//! The conformance stage: every export of many plans judged by the real Azure tools (`tests/conformance/`).
//!
//! Installs, once, a Python venv under `target/conformance-venv` with pinned packages from `PyPI` (the az CLI,
//! jsonschema, python-hcl2; the venv is reused while its stamp matches [`REQUIREMENTS`]); writes the inputs
//! (the sample plan, `tests/conformance/plans/*.json`, and random plans from acg-core's generator); exports
//! each to ARM, Bicep, az and Terraform with the `acg` CLI, keeping the notes it prints; then runs
//! `tests/conformance/run.py`, whose `# pass` / `# fail` lines are the stage's counts.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::{Result, exec, root, step};

/// The pinned packages (azure-mgmt-compute comes with azure-cli, at the version azure-cli pins).
pub const REQUIREMENTS: &[&str] = &[
    "azure-cli==2.91.0",
    "azure-mgmt-compute==34.1.0",
    "jsonschema==4.26.0",
    "rfc3339-validator==0.1.4",
    "python-hcl2==8.1.4",
];

/// How many random plans from the generator.
pub const GENERATED: u32 = 100;

/// The venv's Python, installing the venv and its packages when missing or stale.
pub fn venv() -> Result<PathBuf> {
    let dir = root().join("target/conformance-venv");
    let python = dir.join("bin/python");
    let stamp = dir.join("acg-requirements.txt");
    let wanted = REQUIREMENTS.join("\n") + "\n";
    if python.exists() && std::fs::read_to_string(&stamp).ok().as_deref() == Some(wanted.as_str()) {
        return Ok(python);
    }
    step("installing the conformance tools in target/conformance-venv (pip, once; the az CLI takes a few minutes)");
    if !python.exists() && exec(Command::new("python3").args(["-m", "venv"]).arg(&dir)).is_err() {
        // Debian ships venv and pip separately from python3.
        let uid = crate::output(Command::new("id").arg("-u")).unwrap_or_default();
        if uid.trim() != "0" {
            return Err(
                "python3 cannot make a venv: install Debian's python3-venv (sudo apt-get install python3-venv)"
                    .to_owned(),
            );
        }
        step("installing python3-venv from Debian's packages");
        let _ = std::fs::remove_dir_all(&dir);
        exec(Command::new("apt-get").arg("update").env("DEBIAN_FRONTEND", "noninteractive"))?;
        exec(
            Command::new("apt-get")
                .args(["install", "-y", "--no-install-recommends", "python3", "python3-venv", "python3-pip"])
                .env("DEBIAN_FRONTEND", "noninteractive"),
        )?;
        exec(Command::new("python3").args(["-m", "venv"]).arg(&dir))?;
    }
    exec(
        Command::new(&python)
            .args(["-m", "pip", "install", "--quiet", "--disable-pip-version-check"])
            .args(REQUIREMENTS),
    )?;
    std::fs::write(&stamp, wanted).map_err(|e| format!("{}: {e}", stamp.display()))?;
    Ok(python)
}

/// The inputs: (name, plan file).
fn inputs(generated_dir: &Path) -> Result<Vec<(String, PathBuf)>> {
    let mut out = vec![("sample".to_owned(), root().join("crates/acg-core/data/sample-plan.json"))];
    for dir in [root().join("tests/conformance/plans"), generated_dir.to_path_buf()] {
        let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
            .map_err(|e| format!("{}: {e}", dir.display()))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .collect();
        files.sort();
        for f in files {
            let name = f.file_name().and_then(|n| n.to_str()).unwrap_or("plan").trim_end_matches(".json");
            out.push((name.trim_end_matches(".plan").to_owned(), f));
        }
    }
    Ok(out)
}

/// Writes every input's four exports and their notes into `out`.
fn export_all(acg: &Path, inputs: &[(String, PathBuf)], out: &Path) -> Result {
    if out.exists() {
        std::fs::remove_dir_all(out).map_err(|e| format!("{}: {e}", out.display()))?;
    }
    std::fs::create_dir_all(out).map_err(|e| format!("{}: {e}", out.display()))?;
    for (name, plan) in inputs {
        std::fs::copy(plan, out.join(format!("{name}.plan.json"))).map_err(|e| format!("{}: {e}", plan.display()))?;
        for (format, ext) in [("arm", "json"), ("bicep", "bicep"), ("az", "sh"), ("terraform", "tf")] {
            let file = out.join(format!("{name}.{ext}"));
            // ARM and Bicep at 2025-03-03 whatever the plan's API version: the vendored schemas and
            // types are that version's (the plan's own defaults still apply to the bodies).
            let api: &[&str] = if matches!(format, "arm" | "bicep") { &["--api-version", "2025-03-03"] } else { &[] };
            let done = Command::new(acg)
                .args(["export", "--to", format])
                .args(api)
                .arg(plan)
                .arg("-o")
                .arg(&file)
                .output()
                .map_err(|e| format!("could not start {}: {e}", acg.display()))?;
            let stderr = String::from_utf8_lossy(&done.stderr);
            if !done.status.success() {
                return Err(format!("acg export {} --to {format} failed: {stderr}", plan.display()));
            }
            let mut notes = String::new();
            for line in stderr.lines().filter_map(|l| l.strip_prefix("acg: note: ")) {
                notes.push_str(line);
                notes.push('\n');
            }
            std::fs::write(out.join(format!("{name}.{format}.notes")), notes).map_err(|e| e.to_string())?;
        }
    }
    Ok(())
}

/// Prepares the inputs and returns the command that checks them.
pub fn prepare() -> Result<Command> {
    let python = venv()?;
    step("conformance inputs: the sample, tests/conformance/plans, and generated plans, exported by acg");
    exec(Command::new("cargo").args(["build", "--quiet", "-p", "acg-cli"]).current_dir(root()))?;
    let generated = root().join("target/conformance/plans");
    exec(
        Command::new("cargo")
            .args(["run", "--quiet", "-p", "acg-core", "--example", "conformance_plans", "--"])
            .arg(&generated)
            .arg(GENERATED.to_string())
            .current_dir(root()),
    )?;
    let inputs = inputs(&generated)?;
    let out = root().join("target/conformance/out");
    export_all(&root().join("target/debug/acg"), &inputs, &out)?;
    step(&format!("conformance checks of {} plans (tests/conformance/run.py)", inputs.len()));
    let mut cmd = Command::new(python);
    cmd.arg(root().join("tests/conformance/run.py")).arg(out).current_dir(root());
    Ok(cmd)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requirements_are_pinned() {
        for r in REQUIREMENTS {
            assert!(r.contains("=="), "{r} is not pinned");
        }
    }
}
