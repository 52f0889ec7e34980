//! `acg latest`.

use std::fmt::Write as _;
use std::process::ExitCode;

use acg_core::RegionName;
use acg_core::latest::{Resolution, latest_matrix, resolve_latest};

use super::{Failure, Format, Outcome, to_json};
use crate::input;

/// Arguments of `acg latest`.
#[derive(clap::Args)]
pub struct Args {
    /// The plan: Plan JSON, a REST body, az list output or an ARM template ("-" for standard input).
    file: String,
    /// Only this region (any spelling: westeurope, "West Europe").
    #[arg(long)]
    region: Option<String>,
    /// Only this definition: NAME or GALLERY/NAME.
    #[arg(long)]
    definition: Option<String>,
    /// Output format. JSON: one resolution object when both --region and --definition are given, else an array.
    #[arg(long, value_enum, default_value_t)]
    format: Format,
    /// The date end-of-life notes use (default: today), YYYY-MM-DD.
    #[arg(long)]
    today: Option<String>,
}

/// Prints the matrix, or the resolutions asked for, with every version's reason.
pub fn run(args: &Args) -> Outcome {
    let today = super::today(args.today.as_deref())?;
    let plan = input::load_plan(&args.file)?;
    let wanted = |gallery: &str, definition: &str| match args.definition.as_deref() {
        None => true,
        Some(spec) => match spec.split_once('/') {
            Some((g, d)) => g.eq_ignore_ascii_case(gallery) && d.eq_ignore_ascii_case(definition),
            None => spec.eq_ignore_ascii_case(definition),
        },
    };
    let mut resolutions: Vec<Resolution> = Vec::new();
    if let Some(region) = &args.region {
        let region = RegionName::new(region);
        for (gi, g) in plan.galleries.iter().enumerate() {
            for (di, d) in g.images.iter().enumerate() {
                if wanted(&g.name, &d.name) {
                    resolutions.extend(resolve_latest(&plan, gi, di, &region, today));
                }
            }
        }
    } else {
        for cell in latest_matrix(&plan) {
            if wanted(&cell.gallery, &cell.definition) {
                resolutions.extend(resolve_latest(
                    &plan,
                    cell.gallery_index,
                    cell.definition_index,
                    &RegionName::new(&cell.region),
                    today,
                ));
            }
        }
    }
    if resolutions.is_empty() {
        return Err(Failure::invalid(match &args.definition {
            Some(d) => format!("no image definition '{d}' in {}", args.file),
            None => format!("{} has no image definitions", args.file),
        }));
    }
    let single = args.region.is_some() && args.definition.is_some() && resolutions.len() == 1;
    match (args.format, single) {
        (Format::Json, true) => print!("{}", to_json(&resolutions[0])),
        (Format::Json, false) => print!("{}", to_json(&resolutions)),
        (Format::Text, true) => print!("{}", detail(&resolutions[0])),
        (Format::Text, false) => print!("{}", table(&resolutions)),
    }
    Ok(ExitCode::SUCCESS)
}

fn detail(r: &Resolution) -> String {
    let mut out = String::new();
    let region = RegionName::new(&r.region);
    let shown = match region.display_name() {
        name if name == r.region => r.region.clone(),
        name => format!("{name} ({})", r.region),
    };
    let _ =
        writeln!(out, "{}/{} in {shown}: latest = {}", r.gallery, r.definition, r.latest.as_deref().unwrap_or("none"));
    if let Some(m) = &r.message {
        let _ = writeln!(out, "  Azure: {m}");
    }
    for v in &r.versions {
        let _ = writeln!(out, "  {} {:<12} {}", if v.candidate { "+" } else { "-" }, v.name, v.reason);
    }
    if let Some(n) = &r.note {
        let _ = writeln!(out, "  note: {n}");
    }
    for c in &r.contrasts {
        let _ = writeln!(out, "  beware: {}", c.explanation);
    }
    out
}

fn table(rs: &[Resolution]) -> String {
    let mut out = String::new();
    let width = rs.iter().map(|r| r.gallery.len() + r.definition.len() + 1).max().unwrap_or(10);
    for r in rs {
        let name = format!("{}/{}", r.gallery, r.definition);
        let value = match (&r.latest, &r.azure_message) {
            (Some(v), _) => v.clone(),
            (None, Some(id)) => format!("none ({id})"),
            (None, None) => "none".to_owned(),
        };
        let _ = writeln!(out, "{name:<width$}  {:<20} {value}", r.region);
    }
    out
}
