//! `acg validate`.

use std::fmt::Write as _;
use std::process::ExitCode;

use acg_core::{Report, Severity};

use super::{Format, Outcome, to_json};
use crate::input;

/// Arguments of `acg validate`.
#[derive(clap::Args)]
pub struct Args {
    /// A Plan JSON file ("-" for standard input).
    file: String,
    /// How to read a template or a bare REST body.
    #[command(flatten)]
    import: input::ImportArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    format: Format,
    /// The date end-of-life dates are checked against (default: today), YYYY-MM-DD.
    #[arg(long)]
    today: Option<String>,
}

/// Prints every issue; exit status 1 when any is an error.
pub fn run(args: &Args) -> Outcome {
    let today = super::today(args.today.as_deref())?;
    let plan = input::load_plan_with(&args.file, &args.import)?;
    let report = acg_core::validate::validate(&plan, today);
    match args.format {
        Format::Json => print!("{}", to_json(&report)),
        Format::Text => print!("{}", text(&report)),
    }
    Ok(if report.has_errors() { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

fn text(report: &Report) -> String {
    let mut out = String::new();
    for i in &report.issues {
        let _ = writeln!(out, "{} {} {}: {}", i.severity.as_str().to_uppercase(), i.code, i.path, i.message);
        if let Some(fix) = &i.mitigation {
            let _ = writeln!(out, "    fix: {fix}");
        }
    }
    let _ = writeln!(
        out,
        "{} error(s), {} warning(s), {} info",
        report.count(Severity::Error),
        report.count(Severity::Warning),
        report.count(Severity::Info)
    );
    out
}
