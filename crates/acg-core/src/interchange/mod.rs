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
pub(crate) mod unknown;
mod write;

pub use export::{ExportFormat, ExportOptions, Exported, rfc3339_date, with_azure_defaults};
pub(crate) use import::still_unknown;
pub use import::{
    ImportError, ImportOptions, ImportSummary, Imported, MAX_IMPORT_BYTES, SourceFormat, import, import_plan,
    import_with,
};
pub use unknown::{depends_on, to_bicep};
pub use write::{export, export_with_notes, plan_json};

use serde_json::{Map, Value};

use crate::model::Plan;

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
pub(crate) const GALLERY_NESTING: [&str; 2] = ["images", "unknown"];
pub(crate) const DEFINITION_PLANNER: [&str; 4] = ["versions", "production", "demand", "unknown"];
pub(crate) const VERSION_PLANNER: [&str; 2] = ["occupiedGb", "unknown"];

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
