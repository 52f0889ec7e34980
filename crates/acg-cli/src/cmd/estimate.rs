//! `acg estimate`.

use std::fmt::Write as _;
use std::process::ExitCode;

use acg_core::RegionName;
use acg_core::billing::{
    Estimate, PriceBook, embedded, estimate_plan, estimate_what_if, format_money, import_retail, plan_book, to_csv,
};

use super::{Failure, Outcome};
use crate::input;

/// Output formats of `acg estimate`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum EstimateFormat {
    /// Lines for people.
    #[default]
    Text,
    /// JSON, a stable contract for scripts.
    Json,
    /// CSV of the line items.
    Csv,
}

/// Arguments of `acg estimate`.
#[derive(clap::Args)]
pub struct Args {
    /// A Plan JSON file; without one, the what-if flags describe one version.
    file: Option<String>,
    /// A Retail Prices API JSON file layered over the plan's own prices (or the embedded ones).
    #[arg(long)]
    prices: Option<String>,
    /// What-if: occupied (used) GB of the version's disks.
    #[arg(long = "occupied-gb")]
    occupied_gb: Option<f64>,
    /// What-if: the source region.
    #[arg(long)]
    source: Option<String>,
    /// What-if: target regions in the az syntax, e.g. "eastus=2 westus2=2=standard_zrs".
    #[arg(long)]
    regions: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    format: EstimateFormat,
}

/// Prints the estimate.
pub fn run(args: &Args) -> Outcome {
    // A plan prices with its own prices (overrides and imports it carries); --prices layers over them.
    let plan = match (&args.file, args.occupied_gb, &args.source, &args.regions) {
        (Some(file), None, None, None) => Some(input::load_plan(file)?),
        (Some(_), ..) => {
            return Err(Failure::invalid(
                "give either a plan FILE or the what-if flags (--occupied-gb, --source, --regions), not both",
            ));
        }
        _ => None,
    };
    let base = plan.as_ref().map_or_else(embedded, plan_book);
    let book = match &args.prices {
        None => base,
        Some(path) => {
            let text = input::read_text(path)?;
            let (book, report) =
                import_retail(&text, &base).map_err(|e| Failure::unreadable(format!("{path}: {e}")))?;
            eprintln!(
                "acg: prices from {path}: {} taken, {} kinds ignored{}",
                report.taken.len(),
                report.ignored.len(),
                if report.replaced {
                    format!("; {} replaces the plan's and the embedded prices", report.currency)
                } else {
                    String::new()
                }
            );
            book
        }
    };
    let estimate = match (&plan, args.occupied_gb, &args.source, &args.regions) {
        (Some(plan), ..) => estimate_plan(plan, &book),
        (None, Some(gb), Some(source), Some(regions)) => {
            let targets =
                acg_core::target_regions::parse(regions).map_err(|e| Failure::invalid(format!("--regions: {e}")))?;
            let source = RegionName::new(source);
            if source.info().is_none() {
                return Err(Failure::invalid(format!(
                    "--source '{source}' is not a region of the catalog (acg regions)"
                )));
            }
            estimate_what_if(gb, &source, &targets, &book)
                .map_err(|e| Failure::invalid(format!("--occupied-gb: {e}")))?
        }
        (None, ..) => {
            return Err(Failure::invalid("give a plan FILE, or all of --occupied-gb, --source and --regions"));
        }
    };
    match args.format {
        EstimateFormat::Json => print!("{}", super::to_json(&estimate)),
        EstimateFormat::Csv => print!("{}", to_csv(&estimate)),
        EstimateFormat::Text => print!("{}", text(&estimate, &book)),
    }
    Ok(ExitCode::SUCCESS)
}

fn text(e: &Estimate, book: &PriceBook) -> String {
    let m = |a| format_money(a, &e.currency);
    let mut out = String::new();
    for l in &e.lines {
        let _ = writeln!(
            out,
            "{:<8} {:<40} {:<16} {}{}",
            l.category.as_str(),
            l.version,
            l.region,
            l.formula(),
            if l.estimated { "  (estimated)" } else { "" }
        );
    }
    for n in &e.notes {
        let _ = writeln!(out, "note: {n}");
    }
    let _ = writeln!(out, "storage: {} GB-month = {} per month", e.storage_gb_months.normalize(), m(e.storage_monthly));
    let _ = writeln!(out, "egress:  {} GB = {} once", e.egress_gb.normalize(), m(e.egress_one_time));
    let _ = writeln!(out, "prices:  {}{}", book.origin, if e.estimated { " (some prices estimated)" } else { "" });
    out
}
