//! `acg generate`.

use std::process::ExitCode;

use super::{Failure, Outcome};

/// Arguments of `acg generate`.
#[derive(clap::Args)]
pub struct Args {
    /// S (10 versions), M (1,000) or L (10,000), the benchmarks' plans.
    #[arg(long, default_value = "S")]
    size: String,
    /// The seed: the same seed always gives the same plan (the benchmarks use 42).
    #[arg(long, default_value_t = 42)]
    seed: u64,
}

/// Prints a generated plan as Plan JSON (to import in the app, or to try the other commands on).
pub fn run(args: &Args) -> Outcome {
    let size = acg_core::generate::PlanSize::parse(&args.size)
        .ok_or_else(|| Failure::invalid(format!("--size '{}' is not S, M or L", args.size)))?;
    let plan = acg_core::generate::plan(size, args.seed);
    let options = acg_core::interchange::ExportOptions::default();
    print!("{}", acg_core::interchange::export(&plan, acg_core::interchange::ExportFormat::Plan, &options));
    Ok(ExitCode::SUCCESS)
}
