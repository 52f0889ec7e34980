//! `acg`: the Compute Gallery planner on the command line, for pipelines and scripted checks.
//!
//! Every command is a thin shell over `acg-core`: read input, call the core, print. Exit status: 0 when
//! the answer is good, 1 when the answer is "there are errors" (or the input to a quick what-if is wrong),
//! 2 when the input cannot be read at all.

// Doc comments here are the --help text people read: backticks would show up verbatim.
#![allow(clippy::doc_markdown)]

mod cmd;
mod input;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Plan Azure Compute Gallery images: validate, resolve `latest`, size replicas, estimate costs.
#[derive(Parser)]
#[command(name = "acg", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check a plan against every rule Azure enforces; exit status 1 when there are errors.
    Validate(cmd::validate::Args),
    /// Which version `latest` resolves to per definition and region, and why.
    Latest(cmd::latest::Args),
    /// Replica recommendations from deployment load, per region, with the guidance cited.
    Replicas(cmd::replicas::Args),
    /// Monthly storage and one-time egress cost, line by line, from dated Azure prices.
    Estimate(cmd::estimate::Args),
    /// Explain an error Azure printed: the troubleshooting guide's entry, cause, fix and values.
    Explain(cmd::explain::Args),
    /// Apply changes to a plan as the app does (add, duplicate, delete, set a field…) and print the new plan.
    Edit(cmd::edit::Args),
    /// Write the plan as an ARM template, Bicep, an az script, Terraform, Plan JSON or the cost CSV.
    Export(cmd::export::Args),
    /// Print a generated plan (S, M or L versions, the benchmarks' plans) as Plan JSON.
    Generate(cmd::generate::Args),
    /// List the embedded region catalog.
    Regions(cmd::regions::Args),
    /// Parse the Azure CLI target-region syntax ("eastus=2=standard_zrs westus2") into JSON.
    TargetRegions(cmd::target_regions::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let outcome = match cli.command {
        Command::Validate(args) => cmd::validate::run(&args),
        Command::Latest(args) => cmd::latest::run(&args),
        Command::Replicas(args) => cmd::replicas::run(&args),
        Command::Estimate(args) => cmd::estimate::run(&args),
        Command::Explain(args) => cmd::explain::run(&args),
        Command::Edit(args) => cmd::edit::run(&args),
        Command::Export(args) => cmd::export::run(&args),
        Command::Generate(args) => cmd::generate::run(&args),
        Command::Regions(args) => cmd::regions::run(&args),
        Command::TargetRegions(args) => cmd::target_regions::run(&args),
    };
    match outcome {
        Ok(code) => code,
        Err(failure) => {
            eprintln!("acg: {}", failure.message);
            failure.code
        }
    }
}
