//! `acg explain`.

use std::fmt::Write as _;
use std::process::ExitCode;

use acg_core::explain::{Explanation, explain, explain_with_plan};

use super::{Failure, Format, Outcome, to_json};
use crate::input;

/// Arguments of `acg explain`.
#[derive(clap::Args)]
pub struct Args {
    /// The error as Azure, az, PowerShell, Terraform or Packer printed it; "-" or nothing reads standard input.
    text: Option<String>,
    /// A plan to point into: the resources the error names and those the matching rules flag now.
    #[arg(long)]
    plan: Option<String>,
    /// Output format. JSON: {"errors": [...], "matches": [...]}, best match first for each error.
    #[arg(long, value_enum, default_value_t)]
    format: Format,
    /// The date the plan is checked as of (default: today), YYYY-MM-DD.
    #[arg(long)]
    today: Option<String>,
}

/// Explains the pasted error; exit status 0 whether or not the guide has an entry for it.
pub fn run(args: &Args) -> Outcome {
    let text = match args.text.as_deref() {
        None | Some("-") => input::read_text("-")?,
        Some(text) => text.to_owned(),
    };
    let found = match &args.plan {
        Some(path) => {
            let today = super::today(args.today.as_deref())?;
            let plan = input::load_plan(path)?;
            explain_with_plan(&text, &plan, today)
        }
        None => explain(&text),
    }
    .map_err(|e| Failure::unreadable(e.to_string()))?;
    match args.format {
        Format::Json => print!("{}", to_json(&found)),
        Format::Text => print!("{}", text_of(&found)),
    }
    Ok(ExitCode::SUCCESS)
}

/// The explanation for people: each error, then what the guide says of it.
fn text_of(found: &Explanation) -> String {
    let mut out = String::new();
    for (i, error) in found.errors.iter().enumerate() {
        if found.errors.len() > 1 {
            let _ = writeln!(out, "Error {} of {}", i + 1, found.errors.len());
        }
        match &error.code {
            Some(code) => _ = writeln!(out, "{code}: {}", error.message),
            None => _ = writeln!(out, "{}", error.message),
        }
        let matches: Vec<_> = found.matches.iter().filter(|m| m.error == i).collect();
        if matches.is_empty() {
            let _ = writeln!(out, "  No entry of the troubleshooting guide matches this error.\n");
            continue;
        }
        for (k, m) in matches.iter().enumerate() {
            let lead = if k == 0 { "Guide entry" } else { "Also close" };
            let _ = writeln!(out, "  {lead} {} ({:.0}% match), {}", m.azure_message, m.score * 100.0, m.section_title);
            let _ = writeln!(out, "    Azure says: {}", m.message);
            let _ = writeln!(out, "    Cause: {}", m.cause);
            let _ = writeln!(out, "    Fix: {}", m.fix);
            if !m.values.is_empty() {
                let values: Vec<String> = m.values.iter().map(|(k, v)| format!("{k}={v}")).collect();
                let _ = writeln!(out, "    Values: {}", values.join(", "));
            }
            if !m.rules.is_empty() {
                let _ = writeln!(out, "    Checked in advance by: {}", m.rules.join(", "));
            }
            for r in &m.resources {
                let how = if r.named { "named by the error" } else { "flagged now" };
                let _ = writeln!(out, "    In the plan: {} ({how})", r.label);
                for issue in &r.issues {
                    let _ = writeln!(out, "      {} {}: {}", issue.code, issue.severity, issue.message);
                }
            }
            let _ = writeln!(out, "    Guide: {}", m.guide_url);
        }
        out.push('\n');
    }
    out
}
