//! Reading the file a command works on.

use acg_core::Plan;

use crate::cmd::Failure;

/// Reads a Plan JSON file ("-" for standard input). Errors name the file, and the line and column.
pub fn load_plan(path: &str) -> Result<Plan, Failure> {
    let text = read_text(path)?;
    serde_json::from_str(&text).map_err(|e| Failure::unreadable(format!("{path}: {e}")))
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
