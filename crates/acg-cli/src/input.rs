//! Reading the file a command works on: a Plan JSON, a REST body, `az ... list` output or an ARM template.

use acg_core::Plan;

use crate::cmd::Failure;

/// Reads a plan from any import format ("-" for standard input). What the import ignored or assumed goes to
/// standard error; an unreadable file is exit status 2 with the problem and position.
pub fn load_plan(path: &str) -> Result<Plan, Failure> {
    let text = read_text(path)?;
    let imported = acg_core::interchange::import(&text).map_err(|e| Failure::unreadable(format!("{path}: {e}")))?;
    for note in &imported.notes {
        eprintln!("acg: {path}: {note}");
    }
    Ok(imported.plan)
}

/// Reads a whole file, or standard input for "-".
pub fn read_text(path: &str) -> Result<String, Failure> {
    if path == "-" {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin(), &mut text)
            .map_err(|e| Failure::unreadable(format!("standard input: {e}")))?;
        Ok(text)
    } else {
        std::fs::read_to_string(path).map_err(|e| Failure::unreadable(format!("{path}: {e}")))
    }
}
