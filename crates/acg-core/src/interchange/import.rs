//! Import: detect the format, build the plan, say what was ignored.

use core::fmt;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::arm::{Evaluator, collect};
use crate::model::{Gallery, ImageDefinition, ImageVersion, Plan, SCHEMA_VERSION};
use crate::region::RegionName;

/// The largest text an import reads (10 MiB): a plan of 10,000 versions is about 5 MiB.
pub const MAX_IMPORT_BYTES: usize = 10 * 1024 * 1024;

/// What the text was.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum SourceFormat {
    /// This tool's Plan JSON.
    PlanJson,
    /// One REST resource body (`az sig show` output too).
    RestBody,
    /// A list of bodies (`az sig list`, `az sig image-definition list`, a REST `{"value": [...]}`).
    RestList,
    /// An ARM template.
    ArmTemplate,
}

/// A plan read from a file, with what the import ignored or had to assume.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Imported {
    /// The plan.
    pub plan: Plan,
    /// The format detected.
    pub format: SourceFormat,
    /// What was ignored, assumed or left unresolved, with where.
    pub notes: Vec<String>,
}

/// Why a text could not be imported. `Display` names the problem and, where known, the line, column and
/// JSON path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportError(String);

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ImportError {}

fn err(message: impl Into<String>) -> ImportError {
    ImportError(message.into())
}

/// Imports a Plan JSON, a REST body, a list of bodies, or an ARM template.
///
/// ```
/// let imported = acg_core::interchange::import(r#"{"name": "gal", "location": "West US 2", "type": "Microsoft.Compute/galleries", "properties": {}}"#).unwrap();
/// assert_eq!(imported.plan.galleries[0].location.key(), "westus2");
/// ```
pub fn import(text: &str) -> Result<Imported, ImportError> {
    if text.len() > MAX_IMPORT_BYTES {
        return Err(err(format!(
            "the file is {} bytes; the largest import is {} bytes (10 MiB)",
            text.len(),
            MAX_IMPORT_BYTES
        )));
    }
    if text.trim().is_empty() {
        return Err(err("the file is empty"));
    }
    let value: Value = serde_json::from_str(text).map_err(|e| {
        if e.to_string().starts_with("recursion limit exceeded") {
            err(format!(
                "the file nests deeper than 127 levels (at line {}, column {}); plans, REST bodies and ARM templates never do. Nothing was imported",
                e.line(),
                e.column()
            ))
        } else {
            err(format!("not valid JSON: {e}"))
        }
    })?;
    match &value {
        Value::Object(o) if is_arm(o) => from_arm(&value),
        Value::Object(o) if o.contains_key("galleries") || o.contains_key("schemaVersion") => from_plan_json(text, o),
        Value::Object(o) if o.get("value").is_some_and(Value::is_array) => from_bodies(
            o.get("value").and_then(Value::as_array).cloned().unwrap_or_default(),
            SourceFormat::RestList,
            Vec::new(),
        ),
        Value::Object(_) => from_bodies(vec![value], SourceFormat::RestBody, Vec::new()),
        Value::Array(items) => from_bodies(items.clone(), SourceFormat::RestList, Vec::new()),
        _ => Err(err(
            "expected a JSON object or array: a plan, a REST resource body, a list of bodies, or an ARM template",
        )),
    }
}

fn is_arm(o: &Map<String, Value>) -> bool {
    o.get("$schema").and_then(Value::as_str).is_some_and(|s| s.to_ascii_lowercase().contains("deploymenttemplate"))
        || (o.contains_key("resources") && o.contains_key("contentVersion"))
}

fn from_plan_json(text: &str, o: &Map<String, Value>) -> Result<Imported, ImportError> {
    let version = o.get("schemaVersion").and_then(Value::as_u64).unwrap_or(u64::from(SCHEMA_VERSION));
    if version > u64::from(SCHEMA_VERSION) {
        return Err(err(format!(
            "this plan was written by a newer version of the planner (schemaVersion {version}); this version reads up to {SCHEMA_VERSION}. Nothing was changed: update the planner, or keep the file"
        )));
    }
    let plan: Plan =
        crate::model::parse_json(text).map_err(|e| err(format!("the plan does not match the expected shape {e}")))?;
    let mut notes = Vec::new();
    if version < u64::from(SCHEMA_VERSION) {
        notes.push(format!("migrated from schemaVersion {version} to {SCHEMA_VERSION}"));
    }
    let mut plan = plan;
    plan.schema_version = SCHEMA_VERSION;
    Ok(Imported { plan, format: SourceFormat::PlanJson, notes })
}

fn from_arm(template: &Value) -> Result<Imported, ImportError> {
    let mut notes = Vec::new();
    let mut eval = Evaluator::new(template);
    let resources = collect(template, &mut eval, &mut notes);
    notes.append(&mut eval.notes);
    if resources.is_empty() {
        return Err(err(
            "the template has no Microsoft.Compute/galleries, galleries/images or galleries/images/versions resources",
        ));
    }
    let bodies: Vec<Value> = resources.into_iter().map(|r| r.body).collect();
    let mut imported = from_bodies(bodies, SourceFormat::ArmTemplate, notes)?;
    if let Some(meta) = template.pointer("/metadata/computeGalleryPlanner") {
        apply_planner_metadata(&mut imported.plan, meta, &mut imported.notes);
    }
    Ok(imported)
}

/// Keys of a resource envelope, as opposed to its properties (in `az` output, properties sit beside them).
const ENVELOPE: [&str; 12] = [
    "id",
    "name",
    "type",
    "location",
    "tags",
    "identity",
    "resourceGroup",
    "systemData",
    "etag",
    "kind",
    "apiVersion",
    "sku",
];

enum Kind {
    Gallery,
    Definition,
    Version,
}

fn kind_of(body: &Map<String, Value>, props: &Map<String, Value>) -> Kind {
    let t = body.get("type").and_then(Value::as_str).unwrap_or("").to_ascii_lowercase();
    if t.ends_with("galleries/images/versions") {
        Kind::Version
    } else if t.ends_with("galleries/images") {
        Kind::Definition
    } else if t.ends_with("galleries") {
        Kind::Gallery
    } else if props.contains_key("publishingProfile") || props.contains_key("storageProfile") {
        Kind::Version
    } else if props.contains_key("identifier") && (props.contains_key("osType") || props.contains_key("osState")) {
        Kind::Definition
    } else {
        Kind::Gallery
    }
}

/// Names from an ARM id: `(subscription, resource group, gallery, definition, version)`.
fn names_from_id(id: &str) -> [Option<String>; 5] {
    let parts: Vec<&str> = id.split('/').collect();
    let after = |key: &str| {
        parts.iter().position(|p| p.eq_ignore_ascii_case(key)).and_then(|i| parts.get(i + 1)).map(|s| (*s).to_owned())
    };
    [after("subscriptions"), after("resourceGroups"), after("galleries"), after("images"), after("versions")]
}

fn from_bodies(bodies: Vec<Value>, format: SourceFormat, mut notes: Vec<String>) -> Result<Imported, ImportError> {
    let mut plan = Plan::default();
    let mut pending_versions: Vec<(String, String, ImageVersion)> = Vec::new();
    let mut pending_defs: Vec<(String, ImageDefinition)> = Vec::new();
    for (i, body) in bodies.into_iter().enumerate() {
        let Value::Object(body) = body else {
            notes.push(format!("item {i} is not an object; ignored"));
            continue;
        };
        let props = match body.get("properties") {
            Some(Value::Object(p)) => p.clone(),
            _ => body
                .iter()
                .filter(|(k, _)| !ENVELOPE.contains(&k.as_str()))
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect(),
        };
        let [sub, rg, g_id, d_id, v_id] = body.get("id").and_then(Value::as_str).map(names_from_id).unwrap_or_default();
        if plan.subscription_id.is_none() {
            plan.subscription_id = sub;
        }
        if plan.resource_group.is_none() {
            plan.resource_group = rg.or_else(|| body.get("resourceGroup").and_then(Value::as_str).map(str::to_owned));
        }
        let full_name = body.get("name").and_then(Value::as_str).unwrap_or("").to_owned();
        let segments: Vec<&str> = full_name.split('/').collect();
        let mut resource = Map::new();
        for key in ["location", "tags", "identity"] {
            if let Some(v) = body.get(key) {
                resource.insert(key.to_owned(), v.clone());
            }
        }
        resource.extend(props);
        let kind = kind_of(&body, &resource);
        let (gallery, definition, own) = match (kind, segments.as_slice()) {
            (Kind::Version, [g, d, v]) => ((*g).to_owned(), Some((*d).to_owned()), (*v).to_owned()),
            (Kind::Definition, [g, d]) => ((*g).to_owned(), None, (*d).to_owned()),
            (Kind::Gallery, [g]) => (String::new(), None, (*g).to_owned()),
            (Kind::Version, _) => (
                g_id.clone().unwrap_or_else(|| placeholder(&mut notes, i, "gallery")),
                Some(d_id.clone().unwrap_or_else(|| placeholder(&mut notes, i, "definition"))),
                v_id.unwrap_or_else(|| segments.last().copied().unwrap_or("").to_owned()),
            ),
            (Kind::Definition, _) => (
                g_id.clone().unwrap_or_else(|| placeholder(&mut notes, i, "gallery")),
                None,
                d_id.unwrap_or_else(|| segments.last().copied().unwrap_or("").to_owned()),
            ),
            (Kind::Gallery, _) => {
                (String::new(), None, g_id.unwrap_or_else(|| segments.last().copied().unwrap_or("").to_owned()))
            }
        };
        resource.insert("name".to_owned(), Value::String(own));
        let value = Value::Object(resource);
        let at = |e: String| err(format!("item {i} ({full_name}): {e}"));
        match (definition, gallery.is_empty()) {
            (Some(d), _) => {
                let v: ImageVersion = crate::model::from_json_value(&value).map_err(at)?;
                pending_versions.push((gallery, d, v));
            }
            (None, false) => {
                let d: ImageDefinition = crate::model::from_json_value(&value).map_err(at)?;
                pending_defs.push((gallery, d));
            }
            (None, true) => {
                let g: Gallery = crate::model::from_json_value(&value).map_err(at)?;
                merge_gallery(&mut plan, g);
            }
        }
    }
    for (gallery, d) in pending_defs {
        let location = d.location.clone();
        let g = gallery_mut(&mut plan, &gallery, location.as_ref(), &mut notes);
        if let Some(existing) = g.images.iter_mut().find(|x| x.name.eq_ignore_ascii_case(&d.name)) {
            let versions = std::mem::take(&mut existing.versions);
            *existing = d;
            existing.versions = versions;
        } else {
            g.images.push(d);
        }
    }
    for (gallery, definition, v) in pending_versions {
        let location = v.location.clone();
        let g = gallery_mut(&mut plan, &gallery, location.as_ref(), &mut notes);
        let gname = g.name.clone();
        let d = if let Some(i) = g.images.iter().position(|x| x.name.eq_ignore_ascii_case(&definition)) {
            &mut g.images[i]
        } else {
            notes.push(format!("image definition {gname}/{definition} is not in the file: added with only its name; fill in its OS type, state and identifier"));
            g.images.push(ImageDefinition { name: definition.clone(), ..ImageDefinition::default() });
            let last = g.images.len() - 1;
            &mut g.images[last]
        };
        d.versions.push(v);
    }
    normalize_locations(&mut plan);
    if plan.galleries.is_empty() {
        return Err(err("no gallery, image definition or image version found"));
    }
    Ok(Imported { plan, format, notes })
}

fn placeholder(notes: &mut Vec<String>, i: usize, what: &str) -> String {
    notes.push(format!("item {i} does not name its {what} (no id, no full name): placed under '{what}'; rename it"));
    what.to_owned()
}

fn merge_gallery(plan: &mut Plan, g: Gallery) {
    if let Some(existing) = plan.galleries.iter_mut().find(|x| x.name.eq_ignore_ascii_case(&g.name)) {
        let images = std::mem::take(&mut existing.images);
        *existing = g;
        existing.images = images;
    } else {
        plan.galleries.push(g);
    }
}

fn gallery_mut<'p>(
    plan: &'p mut Plan,
    name: &str,
    location: Option<&RegionName>,
    notes: &mut Vec<String>,
) -> &'p mut Gallery {
    if let Some(i) = plan.galleries.iter().position(|g| g.name.eq_ignore_ascii_case(name)) {
        return &mut plan.galleries[i];
    }
    notes.push(format!("gallery {name} is not in the file: added with the location of its first child"));
    plan.galleries.push(Gallery {
        name: name.to_owned(),
        location: location.cloned().unwrap_or_default(),
        ..Gallery::default()
    });
    let last = plan.galleries.len() - 1;
    &mut plan.galleries[last]
}

/// Children that repeat their parent's location carry none of their own in the plan.
fn normalize_locations(plan: &mut Plan) {
    for g in &mut plan.galleries {
        for d in &mut g.images {
            if d.location.as_ref() == Some(&g.location) {
                d.location = None;
            }
            let def_loc = d.location.clone().unwrap_or_else(|| g.location.clone());
            for v in &mut d.versions {
                if v.location.as_ref() == Some(&def_loc) {
                    v.location = None;
                }
            }
        }
    }
}

/// Puts back the planner-only fields an ARM export stored in `metadata.computeGalleryPlanner`.
fn apply_planner_metadata(plan: &mut Plan, meta: &Value, notes: &mut Vec<String>) {
    let get = |k: &str| meta.get(k).cloned();
    if let Some(Value::String(n)) = get("planName") {
        plan.name = n;
    }
    if let Some(v) = get("apiVersion").and_then(|v| crate::model::from_json_value(&v).ok()) {
        plan.api_version = v;
    }
    if let Some(Value::String(s)) = get("subscriptionId") {
        plan.subscription_id = Some(s);
    }
    if let Some(Value::String(s)) = get("resourceGroup") {
        plan.resource_group = Some(s);
    }
    if let Some(b) = get("billing").and_then(|v| crate::model::from_json_value(&v).ok()) {
        plan.billing = Some(b);
    }
    if let Some(r) = get("replicaPolicy").and_then(|v| crate::replicas::ReplicaSettings::from_value(&v).ok()) {
        plan.replica_policy = r;
    }
    if let Some(p) = get("prices").and_then(|v| crate::billing::PlanPrices::from_value(&v).ok()) {
        plan.prices = p;
    }
    if let Some(Value::Object(extra)) = get("extra") {
        plan.extra = extra;
    }
    let by_name = |key: &str| meta.get(key).and_then(Value::as_object).cloned().unwrap_or_default();
    let defs = by_name("definitions");
    let versions = by_name("versions");
    for g in &mut plan.galleries {
        for d in &mut g.images {
            if let Some(m) = defs.get(&format!("{}/{}", g.name, d.name)) {
                if let Some(p) = m.get("production").and_then(Value::as_bool) {
                    d.production = Some(p);
                }
                if let Some(demand) = m.get("demand").and_then(|v| crate::model::from_json_value(v).ok()) {
                    d.demand = demand;
                }
            }
            for v in &mut d.versions {
                let Some(m) = versions.get(&format!("{}/{}/{}", g.name, d.name, v.name)) else { continue };
                if let Some(o) = m.get("occupiedGb").and_then(|x| crate::model::from_json_value(x).ok()) {
                    v.occupied_gb = Some(o);
                }
                if let Some(f) = m.get("sourceFacts").and_then(|x| crate::model::from_json_value(x).ok()) {
                    if let Some(sp) = v.storage_profile.as_mut() {
                        sp.source.get_or_insert_with(Default::default).facts = Some(f);
                    } else {
                        notes.push(format!(
                            "{}/{}/{}: source facts without a storage profile; ignored",
                            g.name, d.name, v.name
                        ));
                    }
                }
            }
        }
    }
}
