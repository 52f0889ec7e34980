//! `acg regions`.

use std::fmt::Write as _;
use std::process::ExitCode;

use super::{Format, Outcome, to_json};

/// Arguments of `acg regions`.
#[derive(clap::Args)]
pub struct Args {
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    format: Format,
}

/// Prints the catalog.
#[allow(clippy::unnecessary_wraps, reason = "every command has the same signature")]
pub fn run(args: &Args) -> Outcome {
    let regions = acg_core::region::regions();
    match args.format {
        Format::Json => print!("{}", to_json(&regions)),
        Format::Text => {
            let mut out = String::new();
            for r in regions {
                let _ = writeln!(
                    out,
                    "{:<20} {:<22} {:<14} zones:{:<3} paired:{:<20}{}",
                    r.name,
                    r.display_name,
                    r.continent.as_str(),
                    if r.availability_zones { "yes" } else { "no" },
                    r.paired_region.unwrap_or("-"),
                    if r.access_restricted { " access-restricted" } else { "" }
                );
            }
            let _ = writeln!(out, "{} regions, as of {}", regions.len(), acg_core::region::REGIONS_AS_OF);
            print!("{out}");
        }
    }
    Ok(ExitCode::SUCCESS)
}
