//! `acg target-regions`.

use std::process::ExitCode;

use super::{Failure, Outcome, to_json};

/// Arguments of `acg target-regions`.
#[derive(clap::Args)]
pub struct Args {
    /// The list, e.g. "eastus=2=standard_zrs westus2".
    text: String,
}

/// Prints the parsed target regions as JSON, or the error (exit status 1).
pub fn run(args: &Args) -> Outcome {
    let targets = acg_core::target_regions::parse(&args.text).map_err(|e| Failure::invalid(e.to_string()))?;
    print!("{}", to_json(&targets));
    Ok(ExitCode::SUCCESS)
}
