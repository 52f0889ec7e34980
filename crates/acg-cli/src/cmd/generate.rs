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

/// Prints a generated plan as Plan JSON, compact (to import in the app, or to try the other commands on): the
/// L plan is 4.3 MB so, under the 10 MiB import limit; written pretty (`acg export --to plan`) it is 11 MB.
pub fn run(args: &Args) -> Outcome {
    let size = acg_core::generate::PlanSize::parse(&args.size)
        .ok_or_else(|| Failure::invalid(format!("--size '{}' is not S, M or L", args.size)))?;
    let plan = acg_core::generate::plan(size, args.seed);
    println!("{}", acg_core::model::to_json_value(&plan));
    Ok(ExitCode::SUCCESS)
}
