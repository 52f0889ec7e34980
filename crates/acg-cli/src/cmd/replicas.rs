//! `acg replicas`.

use std::fmt::Write as _;
use std::process::ExitCode;

use acg_core::ScaleSetLoad;
use acg_core::replicas::{
    DEFAULT_MARGIN_PERCENT, Load, Policy, Recommendation, ReplicaSettings, recommend, recommend_plan,
};

use super::{Failure, Format, Outcome, to_json};
use crate::input;

/// Arguments of `acg replicas`.
#[derive(clap::Args)]
pub struct Args {
    /// A Plan JSON file; without one, the what-if flags below describe the load.
    file: Option<String>,
    /// The guidance: bestPractices, scaling or 2019 (default: the plan's, else bestPractices).
    #[arg(long)]
    policy: Option<String>,
    /// Over-provisioning margin in percent (default: the plan's, else 10).
    #[arg(long)]
    margin: Option<u32>,
    /// What-if: peak concurrent VM creations.
    #[arg(long, default_value_t = 0)]
    vms: i64,
    /// What-if: scale sets created concurrently.
    #[arg(long = "scale-sets", default_value_t = 0)]
    scale_sets: i64,
    /// What-if: instances per scale set.
    #[arg(long, default_value_t = 1000)]
    instances: i64,
    /// What-if: the image serves production (minimum 3 under best practices).
    #[arg(long)]
    production: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    format: Format,
}

/// Prints recommendations with their reasoning.
pub fn run(args: &Args) -> Outcome {
    let policy = args
        .policy
        .as_deref()
        .map(|p| {
            Policy::parse(p)
                .ok_or_else(|| Failure::invalid(format!("--policy '{p}' is not one of bestPractices, scaling, 2019")))
        })
        .transpose()?;
    if let Some(file) = &args.file {
        let plan = input::load_plan(file)?;
        let settings = ReplicaSettings {
            policy: policy.unwrap_or(plan.replica_policy.policy),
            margin_percent: args.margin.unwrap_or(plan.replica_policy.margin_percent),
        };
        let recs = recommend_plan(&plan, &settings);
        match args.format {
            Format::Json => print!("{}", to_json(&recs)),
            Format::Text => {
                let mut out = String::new();
                if recs.is_empty() {
                    out.push_str("No definition states deployment demand (demand[] with a region and a load).\n");
                }
                let book = acg_core::billing::plan_book(&plan);
                for r in &recs {
                    let (Some(version), Some(rec), Some(v)) =
                        (&r.version, &r.recommendation, r.at.and_then(|at| at.version_in(&plan)))
                    else {
                        let _ = writeln!(
                            out,
                            "{}/{} in {}: no version serves the demand ({}): {}",
                            r.gallery,
                            r.definition,
                            r.region,
                            r.azure_message.as_deref().unwrap_or_default(),
                            r.message.as_deref().unwrap_or_default()
                        );
                        continue;
                    };
                    let now = r.current.map_or_else(|| "not a target yet".to_owned(), |n| format!("has {n}"));
                    let _ = writeln!(
                        out,
                        "{}/{} {version} (latest there) in {} ({now}):",
                        r.gallery, r.definition, r.region
                    );
                    out.push_str(&lines(rec));
                    if let Some(cost) =
                        acg_core::billing::replica_cost(v, &r.region, rec.recommended, &plan.api_version, &book)
                    {
                        let _ = writeln!(
                            out,
                            "    cost: {}{}",
                            cost.formula(),
                            if cost.estimated { " (estimated)" } else { "" }
                        );
                    }
                }
                print!("{out}");
            }
        }
        return Ok(ExitCode::SUCCESS);
    }
    let policy = policy.unwrap_or_default();
    let margin = args.margin.unwrap_or(DEFAULT_MARGIN_PERCENT);
    let scale_sets = if args.scale_sets > 0 {
        vec![ScaleSetLoad { instances: args.instances, count: args.scale_sets, ..ScaleSetLoad::default() }]
    } else {
        Vec::new()
    };
    let load = Load { concurrent_vms: args.vms, scale_sets, production: args.production, margin_percent: margin };
    let rec = recommend(&load, policy);
    match args.format {
        Format::Json => print!("{}", to_json(&rec)),
        Format::Text => print!("{}", lines(&rec)),
    }
    Ok(ExitCode::SUCCESS)
}

fn lines(r: &Recommendation) -> String {
    let mut out = format!("  {}: {} replica(s)\n", r.policy.title(), r.recommended);
    for t in &r.terms {
        let _ = writeln!(out, "    {t}");
    }
    for w in &r.warnings {
        let _ = writeln!(out, "    warning: {w}");
    }
    if let Some(s) = r.sources.first() {
        let _ = writeln!(out, "    source: {} — \"{}\"", s.document, s.quote);
    }
    if let Some(split) = &r.split {
        let _ = writeln!(out, "    split source: {} — \"{}\"", split.source.document, split.source.quote);
    }
    out
}
