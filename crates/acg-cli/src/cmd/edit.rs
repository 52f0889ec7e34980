//! `acg edit`: apply changes to a plan, as the app does, and write the new plan.

use std::process::ExitCode;

use acg_core::edit::{Change, Changed, apply};

use super::{Failure, Outcome};
use crate::input;

/// Arguments of `acg edit`.
#[derive(clap::Args)]
pub struct Args {
    /// A plan in any import format ("-" for standard input).
    file: String,
    /// A change as JSON, applied in order: '{"delete":{"at":"galleries[0].images[1].versions[0]"}}',
    /// '{"setField":{"at":"galleries[0]","field":"description","text":"Golden images"}}', '"addGallery"'.
    #[arg(long = "change", required = true)]
    changes: Vec<String>,
    /// The date deletion blocks are checked against (default: today), YYYY-MM-DD.
    #[arg(long)]
    today: Option<String>,
}

/// Prints the plan after every change as Plan JSON; a change Azure would refuse stops with its message (exit
/// status 1) and nothing is written.
pub fn run(args: &Args) -> Outcome {
    let today = super::today(args.today.as_deref())?;
    let mut plan = input::load_plan(&args.file)?;
    for (n, text) in args.changes.iter().enumerate() {
        let change: Change =
            acg_core::model::parse_json(text).map_err(|e| Failure::unreadable(format!("--change {}: {e}", n + 1)))?;
        match apply(&mut plan, change, today) {
            Ok(done) => {
                if done.changed == Changed::Nothing {
                    eprintln!("acg: --change {}: nothing to change", n + 1);
                }
                for note in &done.notes {
                    eprintln!("acg: {note}");
                }
            }
            Err(report) => {
                let lines: Vec<String> =
                    report.issues.iter().map(|i| format!("{} {}: {}", i.code, i.path, i.message)).collect();
                return Err(Failure::invalid(format!("--change {} refused: {}", n + 1, lines.join("; "))));
            }
        }
    }
    let text = acg_core::interchange::export(
        &plan,
        acg_core::interchange::ExportFormat::Plan,
        &acg_core::interchange::ExportOptions::default(),
    );
    print!("{text}");
    Ok(ExitCode::SUCCESS)
}
