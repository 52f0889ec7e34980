//! Reading the file a command works on: a Plan JSON, a REST body, `az ... list` output or an ARM template.

use acg_core::Plan;

use crate::cmd::Failure;

/// Reads a plan from any import format ("-" for standard input). What the import ignored or assumed goes to
/// standard error; an unreadable file is exit status 2 with the problem and position.
pub fn load_plan(path: &str) -> Result<Plan, Failure> {
    load_plan_with(path, &ImportArgs::default())
}

/// How to read a template or a bare REST body: a parameters file, names.
#[derive(clap::Args, Default, Clone)]
pub struct ImportArgs {
    /// For an ARM template: a deployment parameters file (`{"parameters": {"name": {"value": ...}}}`).
    #[arg(long, value_name = "PARAMS.json")]
    pub parameters: Option<String>,
    /// For a REST body without names (Azure takes them from the URL): gallery[/definition[/version]].
    #[arg(long, value_name = "GALLERY/DEFINITION/VERSION")]
    pub name: Option<String>,
}

/// [`load_plan`] with the import options. What was understood (counts, values left as expressions,
/// placeholder names) goes to standard error with the notes.
pub fn load_plan_with(path: &str, args: &ImportArgs) -> Result<Plan, Failure> {
    let text = read_text(path)?;
    let parameters = match &args.parameters {
        Some(p) => Some(read_text(p)?),
        None => None,
    };
    let options = acg_core::interchange::ImportOptions { parameters, name: args.name.clone() };
    let imported =
        acg_core::interchange::import_with(&text, &options).map_err(|e| Failure::unreadable(format!("{path}: {e}")))?;
    for note in &imported.notes {
        eprintln!("acg: {path}: {note}");
    }
    if imported.format != acg_core::interchange::SourceFormat::PlanJson {
        eprintln!("acg: {path}: read {}", imported.summary.line());
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
