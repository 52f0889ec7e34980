//! Import: detect the format, build the plan, say what was ignored.

use core::fmt;
use core::fmt::Write as _;
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::arm;
use crate::model::{Gallery, ImageDefinition, ImageVersion, Plan, Reference, SCHEMA_VERSION, Unknowns};
use crate::region::RegionName;

/// The largest text an import reads (10 MiB): a plan of 10,000 versions is about 5 MiB.
pub const MAX_IMPORT_BYTES: usize = 10 * 1024 * 1024;

/// What the text was.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum SourceFormat {
    /// This tool's Plan JSON (`plan`, as the export format is named).
    #[serde(rename = "plan", alias = "planJson")]
    PlanJson,
    /// One REST resource body (`az sig show` output too).
    RestBody,
    /// A list of bodies (`az sig list`, `az sig image-definition list`, a REST `{"value": [...]}`).
    RestList,
    /// An ARM template (`arm`, as the export format is named).
    #[serde(rename = "arm", alias = "armTemplate")]
    ArmTemplate,
    /// An example file of the REST API specification (`{"parameters": {...}, "responses": {...}}`).
    RestExample,
}

/// What an import is given besides the text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportOptions {
    /// A deployment parameters file (`{"parameters": {"name": {"value": ...}}}`) for an ARM template.
    pub parameters: Option<String>,
    /// Names for a bare REST body, which carries none (Azure takes them from the URL):
    /// `gallery`, `gallery/definition` or `gallery/definition/version`.
    pub name: Option<String>,
}

/// What an import understood.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportSummary {
    /// Galleries read (existing and placeholder ones included).
    pub galleries: usize,
    /// Image definitions read.
    pub definitions: usize,
    /// Image versions read.
    pub versions: usize,
    /// Resources the document refers to but does not create.
    pub existing: usize,
    /// Names the import had to invent.
    pub placeholders: usize,
    /// Values left as expressions: `resource field: [expression]`.
    pub expressions: Vec<String>,
    /// Template functions met that are not evaluated offline.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unsupported_functions: Vec<String>,
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

impl ImportSummary {
    fn of(plan: &Plan, placeholders: usize) -> Self {
        let mut s = ImportSummary { placeholders, ..Self::default() };
        let note = |s: &mut ImportSummary, who: &str, u: &Unknowns| {
            match u.reference {
                Some(Reference::Existing) => s.existing += 1,
                Some(Reference::Placeholder) | None => {}
            }
            for (field, e) in &u.values {
                s.expressions.push(format!("{who} {field}: [{e}]"));
            }
        };
        for g in &plan.galleries {
            s.galleries += 1;
            note(&mut s, &g.name, &g.unknown);
            for d in &g.images {
                s.definitions += 1;
                note(&mut s, &format!("{}/{}", g.name, d.name), &d.unknown);
                for v in &d.versions {
                    note(&mut s, &format!("{}/{}/{}", g.name, d.name, v.name), &v.unknown);
                }
            }
        }
        s.versions = plan.version_count();
        s
    }

    /// One line: "1 gallery, 2 definitions, 3 versions; 2 values left as expressions: ...; 1 placeholder name".
    pub fn line(&self) -> String {
        let mut out = format!(
            "{}, {}, {}",
            plural(self.galleries, "gallery", "galleries"),
            plural(self.definitions, "definition", "definitions"),
            plural(self.versions, "version", "versions")
        );
        if self.existing > 0 {
            let _ = write!(out, " ({} existing, referred to but not created)", self.existing);
        }
        if !self.expressions.is_empty() {
            let left = if self.expressions.len() == 1 {
                "1 value left as an expression"
            } else {
                "values left as expressions"
            };
            let left = if self.expressions.len() == 1 {
                left.to_owned()
            } else {
                format!("{} {left}", self.expressions.len())
            };
            let _ = write!(out, "; {left}: {}", self.expressions.join(", "));
        }
        if self.placeholders > 0 {
            let _ = write!(out, "; {}", plural(self.placeholders, "placeholder name", "placeholder names"));
        }
        if !self.unsupported_functions.is_empty() {
            let _ = write!(out, "; functions not evaluated offline: {}", self.unsupported_functions.join(", "));
        }
        out
    }
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
    /// What was understood: counts, values left as expressions, placeholder names.
    #[serde(default)]
    pub summary: ImportSummary,
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
    import_with(text, &ImportOptions::default())
}

/// The formats an import tries, for the error when none fits.
const FORMATS_TRIED: &str = "a plan (galleries), an ARM template ($schema, resources), a REST API example file (parameters, responses), a REST resource body (name, type, properties), or a list of bodies (value, or `az ... list` output)";

/// [`import`] with a parameters file for a template and names for a bare REST body.
pub fn import_with(text: &str, options: &ImportOptions) -> Result<Imported, ImportError> {
    check_size(text)?;
    // A Plan JSON (what the app saves and exports, the biggest documents) is parsed once, into the plan; anything
    // else, and a plan that does not read, takes the general path below (whose errors say why).
    if let Some(imported) = plan_json_at_once(text) {
        return Ok(imported);
    }
    import_general(text, options)
}

/// [`import_with`] for any format: the text parsed to a `Value` whose shape says the format.
pub(super) fn import_general(text: &str, options: &ImportOptions) -> Result<Imported, ImportError> {
    let value = read_json(text)?;
    let imported = match &value {
        Value::Object(o) if is_arm(o) => from_arm(&value, options),
        Value::Object(o) if is_plan(o) => from_plan_json(text, o),
        Value::Object(o) if is_rest_example(o) => from_rest_example(o),
        Value::Object(o) if o.get("value").is_some_and(Value::is_array) => {
            let items = o.get("value").and_then(Value::as_array).cloned().unwrap_or_default();
            recognized_all(&items)?;
            from_bodies(items, SourceFormat::RestList, Vec::new())
        }
        Value::Object(o) => {
            if !recognized(o) {
                return Err(nothing_known());
            }
            from_bare_body(value.clone(), options)
        }
        Value::Array(items) => {
            recognized_all(items)?;
            from_bodies(items.clone(), SourceFormat::RestList, Vec::new())
        }
        _ => Err(err(format!("expected a JSON object or array: {FORMATS_TRIED}"))),
    }?;
    Ok(imported)
}

/// [`import`] of a Plan JSON only, or `None` when the text is another format ([`import`] reads those): for
/// what only this planner writes (saves, share links), and for the app, whose own module carries only this
/// reader (the other formats' readers load on demand). A text that is not JSON at all is an error here too.
pub fn import_plan(text: &str) -> Option<Result<Imported, ImportError>> {
    if let Err(e) = check_size(text) {
        return Some(Err(e));
    }
    if let Some(imported) = plan_json_at_once(text) {
        return Some(Ok(imported));
    }
    let value = match read_json(text) {
        Ok(value) => value,
        Err(e) => return Some(Err(e)),
    };
    match &value {
        Value::Object(o) if is_plan(o) => Some(from_plan_json(text, o)),
        _ => None,
    }
}

/// The text as JSON, with an error that says what is wrong (callers have checked its size: [`check_size`]).
fn read_json(text: &str) -> Result<Value, ImportError> {
    serde_json::from_str(text).map_err(|e| {
        if e.to_string().starts_with("recursion limit exceeded") {
            err(format!(
                "the file nests deeper than 127 levels (at line {}, column {}); plans, REST bodies and ARM templates never do. Nothing was imported",
                e.line(),
                e.column()
            ))
        } else {
            err(format!("not valid JSON: {e}"))
        }
    })
}

/// The size limit, and an empty text.
fn check_size(text: &str) -> Result<(), ImportError> {
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
    Ok(())
}

/// A Plan JSON: an object with galleries or a schema version that is not an ARM template.
fn is_plan(o: &Map<String, Value>) -> bool {
    !is_arm(o) && (o.contains_key("galleries") || o.contains_key("schemaVersion"))
}

fn nothing_known() -> ImportError {
    err(format!("nothing in the file is a gallery, image definition or image version; tried {FORMATS_TRIED}"))
}

/// Properties (REST names) that only gallery resources have.
const KNOWN_PROPERTIES: [&str; 16] = [
    "publishingProfile",
    "storageProfile",
    "safetyProfile",
    "identifier",
    "osType",
    "osState",
    "hyperVGeneration",
    "sharingProfile",
    "softDeletePolicy",
    "recommended",
    "purchasePlan",
    "features",
    "architecture",
    "disallowed",
    "sharingStatus",
    "replicationStatus",
];

/// Whether a body looks like a gallery resource: a gallery type or id, or a property only they have.
fn recognized(o: &Map<String, Value>) -> bool {
    let t = o.get("type").and_then(Value::as_str).unwrap_or("").to_ascii_lowercase();
    let id = o.get("id").and_then(Value::as_str).unwrap_or("").to_ascii_lowercase();
    let props = o.get("properties").and_then(Value::as_object);
    t.contains("microsoft.compute/galleries")
        || id.contains("/providers/microsoft.compute/galleries/")
        || KNOWN_PROPERTIES.iter().any(|k| o.contains_key(*k) || props.is_some_and(|p| p.contains_key(*k)))
        || (props.is_some() && o.contains_key("location"))
}

fn recognized_all(items: &[Value]) -> Result<(), ImportError> {
    if items.iter().any(|i| i.as_object().is_some_and(recognized)) { Ok(()) } else { Err(nothing_known()) }
}

/// A REST example file: `parameters` with the URL's names and the request body, and `responses`.
fn is_rest_example(o: &Map<String, Value>) -> bool {
    o.get("parameters").is_some_and(Value::is_object) && o.get("responses").is_some_and(Value::is_object)
}

fn from_rest_example(o: &Map<String, Value>) -> Result<Imported, ImportError> {
    let params = o.get("parameters").and_then(Value::as_object).cloned().unwrap_or_default();
    let name = |k: &str| params.get(k).and_then(Value::as_str).map(str::to_owned);
    let names: Vec<String> = [name("galleryName"), name("galleryImageName"), name("galleryImageVersionName")]
        .into_iter()
        .flatten()
        .collect();
    let request = ["galleryImageVersion", "galleryImage", "gallery"].iter().find_map(|k| params.get(*k)).cloned();
    let responses = o.get("responses").and_then(Value::as_object).cloned().unwrap_or_default();
    let response = ["200", "201", "202"].iter().find_map(|c| responses.get(*c)?.get("body")).cloned();
    let mut notes = Vec::new();
    // A list response: its resources carry their ids.
    if request.is_none()
        && let Some(items) = response.as_ref().and_then(|b| b.get("value")).and_then(Value::as_array)
    {
        if items.is_empty() {
            return Err(err("this REST API example lists no resources"));
        }
        let items = items
            .iter()
            .map(|body| {
                let mut unknown = Vec::new();
                for (k, v) in body.as_object().into_iter().flatten() {
                    if !matches!(k.as_str(), "id" | "name" | "type") {
                        placeholders_in(v, k, &mut unknown);
                    }
                }
                let mut item = Item::rest(body.clone());
                item.unknown = unknown
                    .into_iter()
                    .map(|(p, e)| (p.strip_prefix("properties.").map(str::to_owned).unwrap_or(p), e))
                    .collect();
                item
            })
            .collect();
        let mut imported = from_items(items, SourceFormat::RestExample, notes, Reference::Existing)?;
        imported.notes.insert(0, "read the example's response (a list)".to_owned());
        declare_placeholders(&mut imported.plan);
        return Ok(imported);
    }
    if names.is_empty() {
        return Err(err(format!(
            "this REST API example names no gallery (no galleryName parameter): it is not about galleries, image definitions or image versions; tried {FORMATS_TRIED}"
        )));
    }
    // The request body is what the user asks for. An update (PATCH) sends only what changes: when the
    // request lacks what a resource of its kind must have, it is read over the response (the resource after
    // the update). A GET, DELETE or list has no request body: the response is read.
    let partial = |req: &Value| {
        let p = req.get("properties");
        req.get("location").is_none()
            || match names.len() {
                2 => p.is_none_or(|p| p.get("identifier").is_none() || p.get("osType").is_none()),
                3 => p.is_none_or(|p| p.get("storageProfile").is_none()),
                _ => false,
            }
    };
    let mut request_only = false;
    let body = match (request, response) {
        (Some(req), Some(resp)) if resp.is_object() && partial(&req) => {
            let mut merged = resp;
            merge(&mut merged, &req);
            notes.push("read the example's request body (an update) over its response body".to_owned());
            merged
        }
        (Some(mut req), resp) => {
            // Azure's report on the request (provisioning and replication state), kept for display.
            for key in ["provisioningState", "replicationStatus"] {
                if let Some(v) = resp.as_ref().and_then(|r| r.get("properties")).and_then(|p| p.get(key))
                    && let Some(props) = req.get_mut("properties").and_then(Value::as_object_mut)
                {
                    props.insert(key.to_owned(), v.clone());
                }
            }
            request_only = true;
            req
        }
        (None, Some(resp)) if resp.is_object() => {
            notes.push("read the example's response body".to_owned());
            resp
        }
        _ => Value::Object(Map::new()),
    };
    let mut body = body.as_object().cloned().unwrap_or_default();
    let described = body.get("properties").is_some() || body.get("location").is_some();
    let kind = match names.len() {
        1 => "Microsoft.Compute/galleries",
        2 => "Microsoft.Compute/galleries/images",
        _ => "Microsoft.Compute/galleries/images/versions",
    };
    body.insert("type".to_owned(), Value::String(kind.to_owned()));
    let mut unknown = Vec::new();
    for (k, v) in &body {
        if !matches!(k.as_str(), "id" | "name" | "type") {
            placeholders_in(v, k, &mut unknown);
        }
    }
    let unknown =
        unknown.into_iter().map(|(p, e)| (p.strip_prefix("properties.").map(str::to_owned).unwrap_or(p), e)).collect();
    let mut item = Item::rest(Value::Object(body));
    item.segments = Some(names.clone());
    item.existing = !described;
    item.unknown = unknown;
    item.reported = !request_only && described;
    if !described {
        notes.push(format!("the example only names {}: an existing resource (not checked)", names.join("/")));
    }
    let mut imported = from_items(vec![item], SourceFormat::RestExample, notes, Reference::Existing)?;
    declare_placeholders(&mut imported.plan);
    let real = |v: Option<String>| v.filter(|s| !s.contains('{'));
    imported.plan.subscription_id = real(name("subscriptionId"));
    imported.plan.resource_group = real(name("resourceGroupName"));
    Ok(imported)
}

/// Declares the parameters a REST example's placeholders became (exports declare them again), and drops
/// placeholder subscription and resource group names.
fn declare_placeholders(plan: &mut Plan) {
    for p in used_parameters(plan) {
        plan.template_parameters.insert(
            p.clone(),
            serde_json::json!({ "type": "string", "metadata": { "description": format!("{{{p}}} in the REST API example") } }),
        );
    }
    if plan.subscription_id.as_deref().is_some_and(|s| s.contains('{')) {
        plan.subscription_id = None;
    }
    if plan.resource_group.as_deref().is_some_and(|s| s.contains('{')) {
        plan.resource_group = None;
    }
}

/// The placeholders of a REST example (`/subscriptions/{subscriptionId}/...`): values the example does not
/// know, as parameters (`format('/subscriptions/{0}/...', parameters('subscriptionId'))`).
fn placeholders_in(v: &Value, path: &str, out: &mut Vec<(String, String)>) {
    // Read-only properties are Azure's report, never written back: nothing to keep as an expression.
    const READ_ONLY: [&str; 6] = [
        "uniqueName",
        "provisioningState",
        "replicationStatus",
        "publishedDate",
        "sharingStatus",
        "validationsProfile",
    ];
    if READ_ONLY.iter().any(|k| path == *k || path.ends_with(&format!(".{k}"))) {
        return;
    }
    match v {
        Value::String(s) => {
            if let Some(e) = placeholder_expression(s) {
                out.push((path.to_owned(), e));
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                placeholders_in(x, &format!("{path}[{i}]"), out);
            }
        }
        Value::Object(o) => {
            for (k, x) in o {
                placeholders_in(x, &format!("{path}.{k}"), out);
            }
        }
        _ => {}
    }
}

fn placeholder_expression(s: &str) -> Option<String> {
    let mut params: Vec<String> = Vec::new();
    let mut fmt = String::new();
    let mut rest = s;
    while let Some(open) = rest.find('{') {
        let close = rest[open..].find('}')? + open;
        let name = &rest[open + 1..close];
        if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
            return None;
        }
        fmt.push_str(&rest[..open]);
        let i = params.iter().position(|p| p == name).unwrap_or_else(|| {
            params.push(name.to_owned());
            params.len() - 1
        });
        let _ = write!(fmt, "{{{i}}}");
        rest = &rest[close + 1..];
    }
    if params.is_empty() {
        return None;
    }
    fmt.push_str(rest);
    let args: Vec<String> = params.iter().map(|p| format!("parameters({})", arm::quote(p))).collect();
    Some(if fmt == "{0}" { args[0].clone() } else { format!("format({}, {})", arm::quote(&fmt), args.join(", ")) })
}

/// Deep merge: `over` wins, objects merge key by key.
fn merge(base: &mut Value, over: &Value) {
    match (base, over) {
        (Value::Object(b), Value::Object(o)) => {
            for (k, v) in o {
                match b.get_mut(k) {
                    Some(slot) if slot.is_object() && v.is_object() => merge(slot, v),
                    _ => {
                        b.insert(k.clone(), v.clone());
                    }
                }
            }
        }
        (b, o) => *b = o.clone(),
    }
}

/// A single REST body: its names from `id`, `name` or the `--name` option, else placeholders.
fn from_bare_body(value: Value, options: &ImportOptions) -> Result<Imported, ImportError> {
    let Some(names) = options.name.as_deref().filter(|n| !n.trim().is_empty()) else {
        return from_bodies(vec![value], SourceFormat::RestBody, Vec::new());
    };
    let segments: Vec<String> = names.split('/').map(|s| s.trim().to_owned()).collect();
    if segments.iter().any(String::is_empty) || segments.len() > 3 {
        return Err(err(format!("the name {names} is not gallery, gallery/definition or gallery/definition/version")));
    }
    let mut body = value.as_object().cloned().unwrap_or_default();
    let kind = match segments.len() {
        1 => "Microsoft.Compute/galleries",
        2 => "Microsoft.Compute/galleries/images",
        _ => "Microsoft.Compute/galleries/images/versions",
    };
    body.insert("type".to_owned(), Value::String(kind.to_owned()));
    let mut item = Item::rest(Value::Object(body));
    item.segments = Some(segments);
    from_items(vec![item], SourceFormat::RestBody, Vec::new(), Reference::Existing)
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
    Ok(plan_imported(plan, version))
}

/// A Plan JSON read as a plan, migrated from its `version`.
fn plan_imported(mut plan: Plan, version: u64) -> Imported {
    let mut notes = Vec::new();
    if version < u64::from(SCHEMA_VERSION) {
        notes.push(format!("migrated from schemaVersion {version} to {SCHEMA_VERSION}"));
    }
    plan.schema_version = SCHEMA_VERSION;
    let summary = ImportSummary::of(&plan, 0);
    Imported { plan, format: SourceFormat::PlanJson, notes, summary }
}

/// `text` imported as [`import_with`] would import it, when it is a Plan JSON that reads as one: its top level
/// is looked at without building a `Value` (the keys only), then the text is parsed once, into the plan. `None`
/// for anything else, and for a plan that does not read or is newer: the general path then says why, in its
/// own words.
pub(super) fn plan_json_at_once(text: &str) -> Option<Imported> {
    let top: TopLevel = serde_json::from_str(text).ok()?;
    if !top.plan || top.arm {
        return None;
    }
    let plan: Plan = crate::model::parse_json(text).ok()?;
    let version = u64::from(plan.schema_version);
    (version <= u64::from(SCHEMA_VERSION)).then(|| plan_imported(plan, version))
}

/// What the top-level keys of a JSON object say about its format (the questions of [`is_arm`] and of a Plan
/// JSON), read without keeping any value but `$schema`'s.
struct TopLevel {
    arm: bool,
    plan: bool,
}

impl<'de> Deserialize<'de> for TopLevel {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Keys;
        impl<'de> serde::de::Visitor<'de> for Keys {
            type Value = TopLevel;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<TopLevel, A::Error> {
                use serde::de::IgnoredAny;
                let (mut schema, mut resources, mut content_version, mut plan) = (false, false, false, false);
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "$schema" => {
                            let v: Value = map.next_value()?;
                            schema = v.as_str().is_some_and(|s| s.to_ascii_lowercase().contains("deploymenttemplate"));
                        }
                        other => {
                            map.next_value::<IgnoredAny>()?;
                            match other {
                                "resources" => resources = true,
                                "contentVersion" => content_version = true,
                                "galleries" | "schemaVersion" => plan = true,
                                _ => {}
                            }
                        }
                    }
                }
                Ok(TopLevel { arm: schema || (resources && content_version), plan })
            }
        }
        d.deserialize_map(Keys)
    }
}

fn from_arm(template: &Value, options: &ImportOptions) -> Result<Imported, ImportError> {
    let supplied = match &options.parameters {
        Some(text) => parameters_file(text)?,
        None => Map::new(),
    };
    let read = arm::read(template, supplied);
    let mut notes = read.notes;
    if read.resources.is_empty() {
        let skipped: Vec<&String> =
            notes.iter().filter(|n| n.contains("is not deployed (its condition is false)")).collect();
        return Err(err(if skipped.is_empty() {
            "the template has no Microsoft.Compute/galleries, galleries/images or galleries/images/versions resources"
                .to_owned()
        } else {
            format!(
                "the template deploys no Microsoft.Compute/galleries, galleries/images or galleries/images/versions resources with these parameter values: {} resource(s) or deployment(s) have a false condition ({}); give a parameters file (--parameters) that deploys them",
                skipped.len(),
                skipped.iter().map(|n| n.split(':').next().unwrap_or("")).collect::<Vec<_>>().join(", ")
            )
        }));
    }
    let items = read
        .resources
        .into_iter()
        .map(|r| {
            let mut unknown: Vec<(String, String)> = r
                .unknown
                .into_iter()
                .map(|(p, e)| (p.strip_prefix("properties.").map(str::to_owned).unwrap_or(p), e))
                .collect();
            if let Some(arm::Seg::Unknown(e)) = r.segments.last() {
                unknown.push(("name".to_owned(), e.clone()));
            }
            let kind = match r.depth {
                0 => Kind::Gallery,
                1 => Kind::Definition,
                _ => Kind::Version,
            };
            Item {
                body: r.body,
                kind: Some(kind),
                segments: Some(r.segments.iter().map(arm::Seg::text).collect()),
                unknown,
                existing: r.existing,
                convert_types: true,
                reported: false,
            }
        })
        .collect();
    let mut imported = from_items(items, SourceFormat::ArmTemplate, std::mem::take(&mut notes), Reference::Existing)?;
    // Parents the template only refers to by an unknown name: the name is an unknown value too.
    let unknown_name = |name: &str, u: &mut Unknowns| {
        if let Some(e) = name.strip_prefix('[').and_then(|n| n.strip_suffix(']'))
            && !name.starts_with("[[")
        {
            u.values.entry("name".to_owned()).or_insert_with(|| e.to_owned());
        }
    };
    // A parent that takes its location from an unknown one: that location is unknown too.
    let unknown_location = |location: &str, u: &mut Unknowns| {
        if let Some(e) = location.strip_prefix('[').and_then(|n| n.strip_suffix(']'))
            && !location.starts_with("[[")
        {
            u.values.entry("location".to_owned()).or_insert_with(|| e.to_owned());
        }
    };
    for g in &mut imported.plan.galleries {
        unknown_name(&g.name.clone(), &mut g.unknown);
        unknown_location(g.location.as_str(), &mut g.unknown);
        for d in g.definitions_mut() {
            unknown_name(&d.name.clone(), &mut d.unknown);
            if let Some(l) = d.location.clone() {
                unknown_location(l.as_str(), &mut d.unknown);
            }
        }
    }
    imported.summary = ImportSummary::of(&imported.plan, imported.summary.placeholders);
    imported.summary.unsupported_functions = read.unsupported;
    let used = used_parameters(&imported.plan);
    imported.plan.template_parameters =
        read.unresolved.into_iter().filter(|(k, _)| used.iter().any(|u| u.eq_ignore_ascii_case(k))).collect();
    if let Some(meta) = template.pointer("/metadata/computeGalleryPlanner") {
        apply_planner_metadata(&mut imported.plan, meta, &mut imported.notes);
    }
    Ok(imported)
}

/// The parameters the plan's unknown values refer to (lower case).
fn used_parameters(plan: &Plan) -> Vec<String> {
    let mut out = Vec::new();
    let mut add = |u: &Unknowns| {
        for e in u.values.values() {
            for p in super::unknown::parameters_of(e) {
                if !out.iter().any(|o: &String| o.eq_ignore_ascii_case(&p)) {
                    out.push(p);
                }
            }
        }
    };
    for g in &plan.galleries {
        add(&g.unknown);
        for d in &g.images {
            add(&d.unknown);
            for v in &d.versions {
                add(&v.unknown);
            }
        }
    }
    out
}

/// A deployment parameters file (`{"parameters": {"name": {"value": ...}}}`) or a plain object of values.
fn parameters_file(text: &str) -> Result<Map<String, Value>, ImportError> {
    let value: Value =
        serde_json::from_str(text).map_err(|e| err(format!("the parameters file is not valid JSON: {e}")))?;
    let Some(o) = value.as_object() else {
        return Err(err("the parameters file is not a JSON object"));
    };
    let params = o.get("parameters").and_then(Value::as_object).unwrap_or(o);
    let mut out = Map::new();
    for (k, v) in params {
        if k == "$schema" || k == "contentVersion" {
            continue;
        }
        match v.get("value") {
            Some(v) => {
                out.insert(k.clone(), v.clone());
            }
            // A Key Vault reference has no value offline.
            None if v.get("reference").is_some() => {}
            None => {
                out.insert(k.clone(), v.clone());
            }
        }
    }
    Ok(out)
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

#[derive(Clone, Copy)]
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

/// One resource to put in the plan.
struct Item {
    body: Value,
    kind: Option<Kind>,
    /// The full name, one segment per level (ARM); else taken from `name` or `id`.
    segments: Option<Vec<String>>,
    /// Unknown values by field path (relative to the flattened resource).
    unknown: Vec<(String, String)>,
    existing: bool,
    /// Strings where Azure's schema says integer or boolean are converted, as ARM does.
    convert_types: bool,
    /// Azure's output (a response body): the resource exists as described.
    reported: bool,
}

impl Item {
    fn rest(body: Value) -> Self {
        // A body with Azure's read-only properties (`provisioningState`) is Azure's output.
        let reported =
            body.get("provisioningState").or_else(|| body.pointer("/properties/provisioningState")).is_some();
        Self { body, kind: None, segments: None, unknown: Vec::new(), existing: false, convert_types: false, reported }
    }
}

fn from_bodies(bodies: Vec<Value>, format: SourceFormat, notes: Vec<String>) -> Result<Imported, ImportError> {
    // A parent that a body's id names exists (Azure reported the child in it).
    from_items(bodies.into_iter().map(Item::rest).collect(), format, notes, Reference::Existing)
}

/// Keys whose values the model keeps as text: an unknown value there stays as its `[expression]`.
const TEXT_KEYS: [&str; 30] = [
    "name",
    "location",
    "description",
    "eula",
    "privacyStatementUri",
    "releaseNoteUri",
    "endOfLifeDate",
    "publisher",
    "offer",
    "sku",
    "product",
    "id",
    "virtualMachineId",
    "communityGalleryImageId",
    "uri",
    "storageAccountId",
    "diskEncryptionSetId",
    "secureVMDiskEncryptionSetId",
    "value",
    "startsAtVersion",
    "publisherUri",
    "publisherContact",
    "publicNamePrefix",
    "osType",
    "osState",
    "hyperVGeneration",
    "architecture",
    "storageAccountType",
    "storageAccountStrategy",
    "replicationMode",
];

/// Keys Azure's schema types as integers or booleans (ARM converts `"1"` and `"true"`).
const INT_KEYS: [&str; 8] = [
    "replicaCount",
    "regionalReplicaCount",
    "min",
    "max",
    "lun",
    "sizeInGB",
    "extendedLocationReplicaCount",
    "regionalReplicaCount",
];
const BOOL_KEYS: [&str; 8] = [
    "excludeFromLatest",
    "regionalExcludeFromLatest",
    "allowUpdateImage",
    "isSoftDeleteEnabled",
    "blockDeletionBeforeEndOfLife",
    "allowDeletionOfReplicatedLocations",
    "restore",
    "communityGalleryEnabled",
];

fn convert_types(v: &mut Value) {
    match v {
        Value::Object(o) => {
            // A null property is an absent one (an optional parameter without a value).
            o.retain(|_, x| !x.is_null());
            for (k, x) in o.iter_mut() {
                if let Value::String(s) = x {
                    if INT_KEYS.contains(&k.as_str()) {
                        if let Ok(n) = s.trim().parse::<i64>() {
                            *x = Value::from(n);
                        }
                    } else if BOOL_KEYS.contains(&k.as_str()) {
                        if s.eq_ignore_ascii_case("true") {
                            *x = Value::Bool(true);
                        } else if s.eq_ignore_ascii_case("false") {
                            *x = Value::Bool(false);
                        }
                    }
                } else {
                    convert_types(x);
                }
            }
        }
        Value::Array(a) => a.iter_mut().for_each(convert_types),
        _ => {}
    }
}

/// A null property is an absent one (`az` writes every property it knows, unset ones as null).
fn drop_nulls(v: &mut Value) {
    match v {
        Value::Object(o) => {
            o.retain(|_, x| !x.is_null());
            o.values_mut().for_each(drop_nulls);
        }
        Value::Array(a) => a.iter_mut().for_each(drop_nulls),
        _ => {}
    }
}

/// Path segments of `a.b[2].c`.
pub(crate) fn path_steps(path: &str) -> Vec<Result<&str, usize>> {
    let mut out = Vec::new();
    for part in path.split('.') {
        let (key, rest) = part.split_once('[').map_or((part, ""), |(k, r)| (k, r));
        if !key.is_empty() {
            out.push(Ok(key));
        }
        for idx in rest.split('[') {
            if let Ok(i) = idx.trim_end_matches(']').parse::<usize>() {
                out.push(Err(i));
            }
        }
    }
    out
}

/// The value at `path`, if there is one.
pub(crate) fn get_path<'v>(root: &'v Value, path: &str) -> Option<&'v Value> {
    let mut cur = root;
    for step in path_steps(path) {
        cur = match step {
            Ok(k) => cur.get(k)?,
            Err(i) => cur.get(i)?,
        };
    }
    Some(cur)
}

/// Whether an unknown value is still unknown in a resource: the field holds its `[expression]` text, or
/// nothing (a value the model cannot hold as text). A user who set the field since has made it known.
pub(crate) fn still_unknown(resource: &Value, path: &str, expr: &str) -> bool {
    match get_path(resource, path) {
        None | Some(Value::Null) => true,
        Some(Value::String(s)) => {
            s.strip_prefix('[').and_then(|r| r.strip_suffix(']')) == Some(expr)
                // A REST example's placeholder (`/subscriptions/{subscriptionId}/...`) as written.
                || placeholder_expression(s).as_deref() == Some(expr)
        }
        Some(_) => false,
    }
}

/// Removes the value at `path` (an unknown the model cannot hold as text).
pub(crate) fn remove_path(root: &mut Map<String, Value>, path: &str) {
    let steps = path_steps(path);
    let Some((last, init)) = steps.split_last() else { return };
    let mut cur: Option<&mut Value> = None;
    let mut first = true;
    for step in init {
        let next = match (first, step) {
            (true, Ok(k)) => root.get_mut(*k),
            (false, Ok(k)) => cur.and_then(|c| c.get_mut(*k)),
            (false, Err(i)) => cur.and_then(|c| c.get_mut(*i)),
            (true, Err(_)) => None,
        };
        first = false;
        cur = next;
        if cur.is_none() {
            return;
        }
    }
    match (first, last, cur) {
        (true, Ok(k), _) => {
            root.shift_remove(*k);
        }
        (false, Ok(k), Some(Value::Object(o))) => {
            o.shift_remove(*k);
        }
        (false, Err(i), Some(Value::Array(a))) if *i < a.len() => {
            a[*i] = Value::Null;
        }
        _ => {}
    }
}

/// Sets the value at `path`, making the objects on the way (not list items: a missing item is left alone).
pub(crate) fn set_path(root: &mut Map<String, Value>, path: &str, value: Value) {
    let steps = path_steps(path);
    let Some((Ok(last), init)) = steps.split_last() else { return };
    let mut cur: &mut Map<String, Value> = root;
    let mut n = 0;
    while n < init.len() {
        let Ok(k) = init[n] else { return };
        let mut slot = cur.entry(k.to_owned()).or_insert_with(|| Value::Object(Map::new()));
        n += 1;
        while let Some(Err(i)) = init.get(n) {
            let Some(item) = slot.as_array_mut().and_then(|a| a.get_mut(*i)) else { return };
            slot = item;
            n += 1;
        }
        let Value::Object(o) = slot else { return };
        cur = o;
    }
    cur.insert((*last).to_owned(), value);
}

/// Whether an unknown at this path is kept as its expression text by the model.
pub(crate) fn kept_as_text(path: &str) -> bool {
    if path.starts_with("tags.") {
        return true;
    }
    matches!(path_steps(path).last(), Some(Ok(k)) if TEXT_KEYS.contains(k))
        && !path.ends_with(']')
        && path != "identity.type"
}

fn from_items(
    items: Vec<Item>,
    format: SourceFormat,
    mut notes: Vec<String>,
    missing_parent: Reference,
) -> Result<Imported, ImportError> {
    let mut plan = Plan::default();
    let mut pending_versions: Vec<(String, String, ImageVersion)> = Vec::new();
    let mut pending_defs: Vec<(String, ImageDefinition)> = Vec::new();
    let mut placeholders = 0usize;
    let mut invented: Vec<String> = Vec::new();
    for (i, item) in items.into_iter().enumerate() {
        let Value::Object(body) = item.body else {
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
        let full_name = match &item.segments {
            Some(s) => s.join("/"),
            None => body.get("name").and_then(Value::as_str).unwrap_or("").to_owned(),
        };
        let segments: Vec<String> = match item.segments {
            Some(s) => s,
            None => full_name.split('/').map(str::to_owned).collect(),
        };
        let mut resource = Map::new();
        for key in ["location", "tags", "identity"] {
            if let Some(v) = body.get(key) {
                resource.insert(key.to_owned(), v.clone());
            }
        }
        resource.extend(props);
        let mut v = Value::Object(resource);
        if item.convert_types {
            convert_types(&mut v);
        } else {
            drop_nulls(&mut v);
        }
        resource = v.as_object().cloned().unwrap_or_default();
        // Older az versions spell one property differently.
        if let Some(h) = resource.shift_remove("hyperVgeneration") {
            resource.entry("hyperVGeneration".to_owned()).or_insert(h);
        }
        let mut unknown = Unknowns::default();
        for (path, expr) in item.unknown {
            if !kept_as_text(&path) {
                remove_path(&mut resource, &path);
            }
            unknown.values.insert(path, expr);
        }
        if item.existing {
            unknown.reference = Some(Reference::Existing);
        }
        unknown.reported = item.reported;
        let kind = item.kind.unwrap_or_else(|| kind_of(&body, &resource));
        let seg = |i: usize| segments.get(i).cloned();
        let mut invent = |what: &str| {
            placeholders += 1;
            invented.push(what.to_owned());
            placeholder(&mut notes, i, what)
        };
        let (gallery, definition, own) = match (kind, segments.len()) {
            (Kind::Version, 3) => (seg(0).unwrap_or_default(), seg(1), seg(2).unwrap_or_default()),
            (Kind::Definition, 2) => (seg(0).unwrap_or_default(), None, seg(1).unwrap_or_default()),
            (Kind::Gallery, 1) => (String::new(), None, seg(0).unwrap_or_default()),
            (Kind::Version, _) => (
                g_id.clone().unwrap_or_else(|| invent("gallery")),
                Some(d_id.clone().unwrap_or_else(|| invent("definition"))),
                v_id.unwrap_or_else(|| segments.last().cloned().unwrap_or_default()),
            ),
            (Kind::Definition, _) => (
                g_id.clone().unwrap_or_else(|| invent("gallery")),
                None,
                d_id.unwrap_or_else(|| segments.last().cloned().unwrap_or_default()),
            ),
            (Kind::Gallery, _) => {
                (String::new(), None, g_id.unwrap_or_else(|| segments.last().cloned().unwrap_or_default()))
            }
        };
        if own.is_empty() {
            invent(match kind {
                Kind::Gallery => "gallery",
                Kind::Definition => "definition",
                Kind::Version => "version",
            });
            unknown.reference.get_or_insert(Reference::Placeholder);
        }
        let own = if own.is_empty() {
            match kind {
                Kind::Gallery => "gallery",
                Kind::Definition => "definition",
                Kind::Version => "1.0.0",
            }
            .to_owned()
        } else {
            own
        };
        resource.insert("name".to_owned(), Value::String(own));
        let value = Value::Object(resource);
        let at = |e: String| err(format!("item {i} ({full_name}): {e}"));
        match (definition, gallery.is_empty()) {
            (Some(d), _) => {
                let mut v: ImageVersion = crate::model::from_json_value(&value).map_err(at)?;
                v.unknown = unknown;
                pending_versions.push((gallery, d, v));
            }
            (None, false) => {
                let mut d: ImageDefinition = crate::model::from_json_value(&value).map_err(at)?;
                d.unknown = unknown;
                pending_defs.push((gallery, d));
            }
            (None, true) => {
                let mut g: Gallery = crate::model::from_json_value(&value).map_err(at)?;
                g.unknown = unknown;
                merge_gallery(&mut plan, g);
            }
        }
    }
    let parent_reference =
        |name: &str| if invented.iter().any(|n| n == name) { Reference::Placeholder } else { missing_parent };
    for (gallery, d) in pending_defs {
        let location = d.location.clone();
        let g = gallery_mut(&mut plan, &gallery, location.as_ref(), &mut notes, parent_reference(&gallery));
        if let Some(existing) = g.definitions_mut().find(|x| x.name.eq_ignore_ascii_case(&d.name)) {
            if d.unknown.is_reference() && !existing.unknown.is_reference() {
                continue;
            }
            let versions = std::mem::take(&mut existing.versions);
            *existing = d;
            existing.versions = versions;
        } else {
            g.images.push(Arc::new(d));
        }
    }
    for (gallery, definition, v) in pending_versions {
        let location = v.location.clone();
        let g = gallery_mut(&mut plan, &gallery, location.as_ref(), &mut notes, parent_reference(&gallery));
        let gname = g.name.clone();
        let d = if let Some(i) = g.images.iter().position(|x| x.name.eq_ignore_ascii_case(&definition)) {
            Arc::make_mut(&mut g.images[i])
        } else {
            let reference = parent_reference(&definition);
            notes.push(match reference {
                Reference::Existing => format!("image definition {gname}/{definition} is not in the file: an existing definition (not created, not checked)"),
                Reference::Placeholder => format!("image definition {gname}/{definition} is not in the file: added with only its name; fill in its OS type, state and identifier"),
            });
            g.images.push(Arc::new(ImageDefinition {
                name: definition.clone(),
                location: g.location.as_str().is_empty().then(|| location.clone()).flatten(),
                unknown: Unknowns { reference: Some(reference), ..Unknowns::default() },
                ..ImageDefinition::default()
            }));
            let last = g.images.len() - 1;
            Arc::make_mut(&mut g.images[last])
        };
        d.versions.push(Arc::new(v));
    }
    normalize_locations(&mut plan);
    if plan.galleries.is_empty() {
        return Err(err("no gallery, image definition or image version found"));
    }
    let summary = ImportSummary::of(&plan, placeholders);
    Ok(Imported { plan, format, notes, summary })
}

fn placeholder(notes: &mut Vec<String>, i: usize, what: &str) -> String {
    notes.push(format!("item {i} does not name its {what} (no id, no full name): placed under '{what}'; rename it"));
    what.to_owned()
}

fn merge_gallery(plan: &mut Plan, g: Gallery) {
    if let Some(existing) = plan.galleries.iter_mut().find(|x| x.name.eq_ignore_ascii_case(&g.name)) {
        // A reference (an `existing` resource of a module) adds nothing to the gallery the document creates.
        if g.unknown.is_reference() && !existing.unknown.is_reference() {
            return;
        }
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
    reference: Reference,
) -> &'p mut Gallery {
    if let Some(i) = plan.galleries.iter().position(|g| g.name.eq_ignore_ascii_case(name)) {
        return &mut plan.galleries[i];
    }
    notes.push(match reference {
        Reference::Existing => {
            format!("gallery {name} is not in the file: an existing gallery (not created, not checked)")
        }
        Reference::Placeholder => {
            format!("gallery {name} is not in the file: added with the location of its first child")
        }
    });
    plan.galleries.push(Gallery {
        name: name.to_owned(),
        location: location.cloned().unwrap_or_default(),
        unknown: Unknowns { reference: Some(reference), ..Unknowns::default() },
        ..Gallery::default()
    });
    let last = plan.galleries.len() - 1;
    &mut plan.galleries[last]
}

/// Children that repeat their parent's location carry none of their own in the plan.
fn normalize_locations(plan: &mut Plan) {
    for g in &mut plan.galleries {
        for d in g.images.iter_mut().map(Arc::make_mut) {
            if d.location.as_ref() == Some(&g.location) {
                d.location = None;
            }
            let def_loc = d.location.clone().unwrap_or_else(|| g.location.clone());
            for v in d.versions_mut() {
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
        for d in g.images.iter_mut().map(Arc::make_mut) {
            if let Some(m) = defs.get(&format!("{}/{}", g.name, d.name)) {
                if let Some(p) = m.get("production").and_then(Value::as_bool) {
                    d.production = Some(p);
                }
                if let Some(demand) = m.get("demand").and_then(|v| crate::model::from_json_value(v).ok()) {
                    d.demand = demand;
                }
            }
            let prefix = format!("{}/{}", g.name, d.name);
            for v in d.versions_mut() {
                let Some(m) = versions.get(&format!("{prefix}/{}", v.name)) else { continue };
                if let Some(o) = m.get("occupiedGb").and_then(|x| crate::model::from_json_value(x).ok()) {
                    v.occupied_gb = Some(o);
                }
                if let Some(f) = m.get("sourceFacts").and_then(|x| crate::model::from_json_value(x).ok()) {
                    if let Some(sp) = v.storage_profile.as_mut() {
                        sp.source.get_or_insert_with(Default::default).facts = Some(f);
                    } else {
                        notes.push(format!("{prefix}/{}: source facts without a storage profile; ignored", v.name));
                    }
                }
            }
        }
    }
}
