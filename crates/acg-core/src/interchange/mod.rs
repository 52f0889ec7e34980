//! Interchange: import from Plan JSON, REST bodies, `az ... list` output and ARM templates; export to ARM,
//! Bicep, an `az` script, Terraform and Plan JSON.
//!
//! Imports detect the format, build a [`Plan`], and report what they ignored and why. Exports are
//! deterministic (plan order, fixed key order) and indented as a person would write them. Planner-only fields
//! (`occupiedGb`, `demand`, `production`, source facts, billing settings) are not Azure properties: the ARM
//! export carries them in the template's `metadata.computeGalleryPlanner` so that Plan -> ARM -> Plan is the
//! identity; the other exports leave them out.
//!
//! The deployment exports (ARM, Bicep, `az`, Terraform) write one set of resources: the plan with Azure's
//! effective defaults made explicit ([`with_azure_defaults`]), so Plan -> ARM -> Plan gives that plan. What a
//! format cannot carry is named in [`Exported::notes`] (and at the top of the file).

mod arm;
mod az_script;
mod export;
mod import;
mod terraform;

pub use export::{ExportFormat, ExportOptions, Exported, rfc3339_date, with_azure_defaults};
pub use import::{ImportError, Imported, MAX_IMPORT_BYTES, SourceFormat, import};

use serde_json::{Map, Value, json};

use crate::model::Plan;
use export::{Notes, arm, bicep, file_header, pretty};

/// Writes a plan in a format.
pub fn export(plan: &Plan, format: ExportFormat, options: &ExportOptions) -> String {
    export_with_notes(plan, format, options).text
}

/// Writes a plan in a format, with the notes on what the format could not carry.
pub fn export_with_notes(plan: &Plan, format: ExportFormat, options: &ExportOptions) -> Exported {
    let api = options.api_version.clone().unwrap_or_else(|| plan.api_version.as_str().to_owned());
    let mut notes = Notes::default();
    let text = match format {
        ExportFormat::Plan => pretty(&to_value(plan)),
        ExportFormat::Arm => {
            let mut template = arm(&with_azure_defaults(plan), &api, &mut notes);
            // The notes go into the template's metadata (always there: it carries the planner's fields).
            if let Some(meta) = template.get_mut("metadata").and_then(Value::as_object_mut)
                && !notes.0.is_empty()
            {
                meta.insert("notes".into(), json!(notes.0));
            }
            pretty(&template)
        }
        ExportFormat::Bicep => {
            let effective = with_azure_defaults(plan);
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
        ExportFormat::Az => az_script::az(&with_azure_defaults(plan), plan, &mut notes),
        ExportFormat::Terraform => terraform::terraform(&with_azure_defaults(plan), plan, &mut notes),
        ExportFormat::Csv => {
            crate::billing::to_csv(&crate::billing::estimate_plan(plan, &crate::billing::plan_book(plan)))
        }
    };
    Exported { text, notes: notes.0 }
}

/// The REST `properties` of a gallery, definition or version: the plan's fields minus name, location, tags,
/// identity, nesting and planner-only fields.
pub(crate) fn rest_properties(resource: &Value, drop: &[&str]) -> Map<String, Value> {
    let mut props = resource.as_object().cloned().unwrap_or_default();
    for key in ["name", "location", "tags", "identity"].iter().chain(drop) {
        props.shift_remove(*key);
    }
    props
}

/// Planner-only keys per resource kind.
pub(crate) const GALLERY_NESTING: [&str; 1] = ["images"];
pub(crate) const DEFINITION_PLANNER: [&str; 3] = ["versions", "production", "demand"];
pub(crate) const VERSION_PLANNER: [&str; 1] = ["occupiedGb"];

pub(crate) use crate::model::to_json_value as to_value;

/// Splits a version's source facts out of its storage profile (they are planner-only).
pub(crate) fn strip_facts(props: &mut Map<String, Value>) -> Option<Value> {
    props.get_mut("storageProfile")?.get_mut("source")?.as_object_mut()?.shift_remove("facts")
}

/// Resource names of the plan in order, for tests and reports.
pub fn resource_names(plan: &Plan) -> Vec<String> {
    let mut out = Vec::new();
    for g in &plan.galleries {
        out.push(g.name.clone());
        for d in &g.images {
            out.push(format!("{}/{}", g.name, d.name));
            for v in &d.versions {
                out.push(format!("{}/{}/{}", g.name, d.name, v.name));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests;
