//! Writing a plan in a format: picks the writer (ARM and Bicep in `export.rs`, `az` in `az_script.rs`,
//! Terraform in `terraform.rs`; Plan JSON and the cost CSV here) and collects the notes on what the format
//! cannot carry. Its own file so that the writers, which share `export.rs`, do not import each other.

use serde_json::{Value, json};

use super::export::{
    ExportFormat, ExportOptions, Exported, Notes, arm, bicep, file_header, for_export, pretty, writable,
};
use super::to_value;
use super::unknown::MARK;
use crate::model::{Plan, Unknowns};

/// Writes a plan in a format.
pub fn export(plan: &Plan, format: ExportFormat, options: &ExportOptions) -> String {
    export_with_notes(plan, format, options).text
}

/// The Plan JSON export (what [`export`] writes for [`ExportFormat::Plan`] of a plan without unknown values),
/// alone: the app writes it without carrying the other writers, which load on demand.
pub fn plan_json(plan: &Plan) -> String {
    pretty(&to_value(plan))
}

/// Writes a plan in a format, with the notes on what the format could not carry.
pub fn export_with_notes(plan: &Plan, format: ExportFormat, options: &ExportOptions) -> Exported {
    let api = options.api_version.clone().unwrap_or_else(|| plan.api_version.as_str().to_owned());
    let mut notes = Notes::default();
    if matches!(format, ExportFormat::Arm | ExportFormat::Bicep | ExportFormat::Az | ExportFormat::Terraform) {
        for (who, path, expr) in plan_unknowns(plan).into_iter().filter(|(_, _, e)| !writable(e)) {
            notes.add(format!(
                "{who}: {path} is not written: the template's {expr}, which this planner cannot write back"
            ));
        }
    }
    let text = match format {
        ExportFormat::Plan => plan_json(plan),
        ExportFormat::Arm => {
            let mut template = arm(&for_export(plan), &api, &mut notes);
            // The notes go into the template's metadata (always there: it carries the planner's fields).
            if let Some(meta) = template.get_mut("metadata").and_then(Value::as_object_mut)
                && !notes.0.is_empty()
            {
                meta.insert("notes".into(), json!(notes.0));
            }
            pretty(&template)
        }
        ExportFormat::Bicep => {
            let effective = for_export(plan);
            let body = bicep(&effective, &api, &mut notes);
            let mut text = String::new();
            file_header(
                &mut text,
                "//",
                plan,
                "",
                "Deploy: az deployment group create --resource-group <group> --template-file <this file>",
                &notes.0,
            );
            text.push('\n');
            text.push_str(&body);
            text
        }
        ExportFormat::Az => {
            unknown_not_written(plan, "the az commands", &[], &mut notes);
            super::az_script::az(&for_export(plan), plan, &mut notes)
        }
        ExportFormat::Terraform => {
            unknown_not_written(plan, "azurerm", &["publishingProfile.replicaCount"], &mut notes);
            super::terraform::terraform(&for_export(plan), plan, &mut notes)
        }
        ExportFormat::Csv => {
            crate::billing::to_csv(&crate::billing::estimate_plan(plan, &crate::billing::plan_book(plan)))
        }
    };
    // Names inside descriptions and notes: the expression in brackets, as the reader knows it.
    let (text, notes) = if plan_has_unknowns(plan) {
        let unmark = |t: &str| {
            let mut t = t.to_owned();
            for e in plan_expressions(plan) {
                let json_escaped = serde_json::to_string(&format!("{MARK}{e}")).unwrap_or_default();
                let json_escaped = json_escaped.trim_matches('"');
                let bicep_escaped = format!("{MARK}{}", e.replace('\'', "\\'"));
                t = t
                    .replace(json_escaped, &format!("[{e}]"))
                    .replace(&bicep_escaped, &format!("[{}]", e.replace('\'', "\\'")))
                    .replace(&format!("{MARK}{e}"), &format!("[{e}]"));
            }
            t
        };
        (unmark(&text), notes.0.iter().map(|n| unmark(n)).collect())
    } else {
        (text, notes.0)
    };
    Exported { text, notes }
}

/// The unknown values a format with typed attributes cannot carry as a variable (numbers, flags, lists,
/// objects): named in the notes, never written as a guess.
fn unknown_not_written(plan: &Plan, tool: &str, written: &[&str], notes: &mut Notes) {
    let mut each = |who: String, u: &Unknowns| {
        if u.is_reference() {
            return;
        }
        for (path, expr) in &u.values {
            if !super::import::kept_as_text(path) && !written.contains(&path.as_str()) {
                notes.add(format!(
                    "{who}: {path} is the template's [{expr}], which {tool} cannot take as a variable here: not written; set it after the deployment or in the template"
                ));
            }
        }
    };
    for g in &plan.galleries {
        each(format!("gallery {}", g.name), &g.unknown);
        for d in &g.images {
            each(format!("image definition {}/{}", g.name, d.name), &d.unknown);
            for v in &d.versions {
                each(format!("image version {}/{}/{}", g.name, d.name, v.name), &v.unknown);
            }
        }
    }
}

/// Every unknown value of a plan: (resource, field, expression).
fn plan_unknowns(plan: &Plan) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    let mut add = |who: String, u: &Unknowns| {
        for (p, e) in &u.values {
            out.push((who.clone(), p.clone(), e.clone()));
        }
    };
    for g in &plan.galleries {
        add(format!("gallery {}", g.name), &g.unknown);
        for d in &g.images {
            add(format!("image definition {}/{}", g.name, d.name), &d.unknown);
            for v in &d.versions {
                add(format!("image version {}/{}/{}", g.name, d.name, v.name), &v.unknown);
            }
        }
    }
    out
}

fn plan_has_unknowns(plan: &Plan) -> bool {
    plan.galleries.iter().any(|g| {
        !g.unknown.is_empty()
            || g.images.iter().any(|d| !d.unknown.is_empty() || d.versions.iter().any(|v| !v.unknown.is_empty()))
    })
}

/// Every unknown expression of a plan, longest first (so one that contains another is replaced first).
fn plan_expressions(plan: &Plan) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for g in &plan.galleries {
        out.extend(g.unknown.values.values().cloned());
        for d in &g.images {
            out.extend(d.unknown.values.values().cloned());
            for v in &d.versions {
                out.extend(v.unknown.values.values().cloned());
            }
        }
    }
    out.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
    out.dedup();
    out
}
