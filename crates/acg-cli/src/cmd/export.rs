//! `acg export`.

use std::process::ExitCode;

use acg_core::interchange::{ExportFormat, ExportOptions, export_with_notes};

use super::{Failure, Outcome};
use crate::input;

/// Arguments of `acg export`.
#[derive(clap::Args)]
pub struct Args {
    /// The plan: Plan JSON, a REST body, az list output or an ARM template ("-" for standard input).
    file: String,
    /// How to read a template or a bare REST body.
    #[command(flatten)]
    import: input::ImportArgs,
    /// The format: arm, bicep, az, terraform, plan or csv.
    #[arg(long)]
    to: String,
    /// Write to this file instead of standard output.
    #[arg(short = 'o', long = "output")]
    output: Option<String>,
    /// The API version for ARM and Bicep (default: the plan's).
    #[arg(long = "api-version")]
    api_version: Option<String>,
}

/// Writes the plan in the chosen format.
pub fn run(args: &Args) -> Outcome {
    let format = ExportFormat::parse(&args.to).ok_or_else(|| {
        Failure::invalid(format!("--to '{}' is not one of arm, bicep, az, terraform, plan, csv", args.to))
    })?;
    let plan = input::load_plan_with(&args.file, &args.import)?;
    let exported = export_with_notes(&plan, format, &ExportOptions { api_version: args.api_version.clone() });
    match &args.output {
        Some(path) => {
            std::fs::write(path, &exported.text).map_err(|e| Failure::unreadable(format!("{path}: {e}")))?;
        }
        None => print!("{}", exported.text),
    }
    // What the format could not carry as the plan says it (also at the top of the file).
    for note in &exported.notes {
        eprintln!("acg: note: {note}");
    }
    Ok(ExitCode::SUCCESS)
}
