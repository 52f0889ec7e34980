//! Exports: Plan JSON, ARM template, Bicep, an `az` script, Terraform (azurerm), cost CSV.
//!
//! The four deployment formats describe one set of resources: each starts from [`with_azure_defaults`] (the
//! plan with Azure's effective value written wherever the plan leaves one to Azure, because `az` and azurerm
//! would otherwise send defaults of their own), and every property a format cannot carry is named in the
//! export's notes ([`Exported::notes`]), which are also written as a comment block at the top of the file.

use core::fmt::Write as _;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};

use super::{DEFINITION_PLANNER, GALLERY_NESTING, VERSION_PLANNER, rest_properties, strip_facts, to_value};
use crate::model::{
    Architecture, GalleryImageFeature, HyperVGeneration, ImageDefinition, ImageVersion, Plan, SecurityType, Unknowns,
};

/// The export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ExportFormat {
    /// This tool's Plan JSON.
    Plan,
    /// An ARM template.
    Arm,
    /// A Bicep file.
    Bicep,
    /// A bash script of `az sig` commands.
    Az,
    /// Terraform (azurerm provider).
    Terraform,
    /// The cost estimate's line items as CSV.
    Csv,
}

impl ExportFormat {
    /// Every format, in menu order.
    pub const ALL: [ExportFormat; 6] = [Self::Plan, Self::Arm, Self::Bicep, Self::Az, Self::Terraform, Self::Csv];

    /// Parses `plan`, `arm`, `bicep`, `az`, `terraform` or `csv`.
    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.id().eq_ignore_ascii_case(text.trim()))
    }
    /// The id.
    pub fn id(self) -> &'static str {
        match self {
            Self::Plan => "plan",
            Self::Arm => "arm",
            Self::Bicep => "bicep",
            Self::Az => "az",
            Self::Terraform => "terraform",
            Self::Csv => "csv",
        }
    }
    /// A file name suffix.
    pub fn extension(self) -> &'static str {
        match self {
            Self::Plan => "plan.json",
            Self::Arm => "json",
            Self::Bicep => "bicep",
            Self::Az => "sh",
            Self::Terraform => "tf",
            Self::Csv => "csv",
        }
    }
    /// A file name for a plan's export: the plan's name made safe for a file system, then the suffix
    /// (`contoso-image-factory-sample.bicep`); `plan` when the name has no usable character.
    pub fn file_name(self, plan_name: &str) -> String {
        let mut stem = String::new();
        for c in plan_name.chars() {
            if c.is_ascii_alphanumeric() || c == '_' || c == '.' {
                stem.push(c.to_ascii_lowercase());
            } else if !stem.is_empty() && !stem.ends_with('-') {
                stem.push('-');
            }
        }
        let stem = stem.trim_matches(|c| c == '-' || c == '.');
        format!("{}.{}", if stem.is_empty() { "plan" } else { stem }, self.extension())
    }
}

/// Export options.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ExportOptions {
    /// The API version written into ARM and Bicep (default: the plan's).
    #[serde(default)]
    pub api_version: Option<String>,
}

/// An export: the file's text and what the format could not carry as the plan says it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Exported {
    /// The file.
    pub text: String,
    /// One sentence per property the format writes differently or not at all, with the reason and the way
    /// to do it instead. Also at the top of the file as comments (ARM: `metadata.notes`).
    pub notes: Vec<String>,
}

/// Writes a plan in a format.
pub fn export(plan: &Plan, format: ExportFormat, options: &ExportOptions) -> String {
    export_with_notes(plan, format, options).text
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
        ExportFormat::Plan => pretty(&to_value(plan)),
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

/// The notes of one export, each once, in the order found.
#[derive(Debug, Default)]
pub(crate) struct Notes(pub(crate) Vec<String>);

impl Notes {
    pub(crate) fn add(&mut self, note: impl Into<String>) {
        let note = note.into();
        if !self.0.contains(&note) {
            self.0.push(note);
        }
    }
}

/// The comment at the top of an exported file: where it comes from (`about` follows the plan's name), how to
/// run it, and its notes.
pub(crate) fn file_header(out: &mut String, marker: &str, plan: &Plan, about: &str, run: &str, notes: &[String]) {
    let _ = writeln!(
        out,
        "{marker} Generated by the Compute Gallery Planner from the plan '{}'{about}.",
        plan.name.replace(['\n', '\r'], " ")
    );
    let _ = writeln!(out, "{marker} {run}");
    comment_block(out, marker, notes);
}

/// Writes notes as a comment block (`# Notes:` and one line per note).
pub(crate) fn comment_block(out: &mut String, marker: &str, notes: &[String]) {
    if notes.is_empty() {
        return;
    }
    let _ = writeln!(out, "{marker}\n{marker} Notes (what this file writes differently from the plan, or not at all):");
    for n in notes {
        let _ = writeln!(out, "{marker} - {}", n.replace(['\n', '\r'], " "));
    }
}

fn pretty(v: &Value) -> String {
    let mut s = serde_json::to_string_pretty(v).unwrap_or_default();
    s.push('\n');
    s
}

/// A date as an RFC 3339 date-time: a date alone becomes midnight UTC (`2027-06-30T00:00:00Z`), as the ARM
/// schema (`date-time`) and azurerm (`IsRFC3339Time`) require; anything else is kept as written.
pub fn rfc3339_date(text: &str) -> String {
    let t = text.trim();
    if t.len() == 10 && t.parse::<chrono::NaiveDate>().is_ok() { format!("{t}T00:00:00Z") } else { text.to_owned() }
}

/// The plan as Azure would create it: every value the plan leaves to Azure's defaults for its API version
/// written out, so that a tool's own defaults (`az`: V2 and `TrustedLaunchSupported`; azurerm: V1, `x64`,
/// `Standard_LRS` per region) cannot make a different resource; dates as RFC 3339 date-times; read-only
/// properties (Azure's output) left out; a VM source as `virtualMachineId`, as `az` and azurerm send it.
///
/// Every deployment export starts from this, so ARM, Bicep, `az` and Terraform agree; importing an ARM export
/// gives this plan back.
pub fn with_azure_defaults(plan: &Plan) -> Plan {
    let mut p = plan.clone();
    let api = p.api_version.clone();
    for g in &mut p.galleries {
        g.identifier = None;
        g.provisioning_state = None;
        if let Some(i) = g.identity.as_mut() {
            i.principal_id = None;
            i.tenant_id = None;
            // Each user-assigned identity's principalId and clientId are Azure's report: the request names
            // the identity only.
            for v in i.user_assigned_identities.iter_mut().flat_map(|m| m.values_mut()) {
                *v = serde_json::Value::Object(Map::new());
            }
        }
        if let Some(c) = g.sharing_profile.as_mut().and_then(|s| s.community_gallery_info.as_mut()) {
            c.community_gallery_enabled = None;
            c.public_names.clear();
        }
        for d in &mut g.images {
            d.provisioning_state = None;
            let generation = d.effective_hyper_v_generation(&api);
            let features_unknown = d.unknown.get("features").is_some();
            if d.security_type().is_none()
                && !features_unknown
                && api.is_2025_or_later()
                && generation == HyperVGeneration::V2
            {
                d.features.push(GalleryImageFeature {
                    name: "SecurityType".to_owned(),
                    value: SecurityType::TrustedLaunchSupported.as_str().to_owned(),
                    ..GalleryImageFeature::default()
                });
            }
            d.hyper_v_generation = Some(generation);
            if d.architecture.is_none() {
                d.architecture = Some(Architecture::X64);
            }
            d.end_of_life_date = d.end_of_life_date.as_deref().map(rfc3339_date);
            for v in &mut d.versions {
                v.provisioning_state = None;
                v.replication_status = None;
                // A default that follows from an unknown value is not known either: left to Azure.
                let count_unknown = v.unknown.get("publishingProfile.replicaCount").is_some();
                let storage_unknown = v.unknown.get("publishingProfile.storageAccountType").is_some()
                    || v.unknown.get("publishingProfile.storageAccountStrategy").is_some();
                let effective: Vec<_> = v
                    .publishing_profile
                    .target_regions
                    .iter()
                    .map(|t| (v.replicas_in(t), v.effective_storage(t, &api)))
                    .collect();
                let pp = &mut v.publishing_profile;
                pp.published_date = None;
                pp.end_of_life_date = pp.end_of_life_date.as_deref().map(rfc3339_date);
                for (t, (replicas, storage)) in pp.target_regions.iter_mut().zip(effective) {
                    if !count_unknown || t.regional_replica_count.is_some() {
                        t.regional_replica_count = Some(replicas);
                    }
                    if !storage_unknown || t.storage_account_type.is_some() {
                        t.storage_account_type = Some(storage);
                    }
                }
                if let Some(sp) = v.storage_profile.as_mut() {
                    if let Some(src) = sp.source.as_mut()
                        && src.virtual_machine_id.is_none()
                        && src.id.as_deref().is_some_and(is_vm_id)
                    {
                        src.virtual_machine_id = src.id.take();
                    }
                    for disk in sp.os_disk_image.iter_mut().chain(sp.data_disk_images.iter_mut()) {
                        disk.size_in_gb = None;
                    }
                }
            }
        }
    }
    p
}

/// The marker that starts an unknown value inside an export: the rest is its ARM expression. Every writer
/// of a string (ARM, Bicep, HCL, bash) writes a marked one as an expression, never as a literal.
/// (Control characters and a name no Azure value has: a user's text does not start with it.)
pub(crate) const MARK: &str = "\u{1}acg-unknown\u{2}";

/// The expression of a marked string.
pub(crate) fn marked(s: &str) -> Option<&str> {
    s.strip_prefix(MARK)
}

/// Properties Azure reports but never accepts (read-only): kept in the plan for display, never exported.
const READ_ONLY: [&str; 9] = [
    "sharingStatus",
    "validationsProfile",
    "safetyProfile.reportedForPolicyViolation",
    "safetyProfile.policyViolations",
    "storageProfile.source.resourceGroup",
    "storageProfile.osDiskImage.sizeInGb",
    "storageProfile.osDiskImage.sizeInGB",
    "sharingProfile.communityGalleryInfo.communityGalleryEnabled",
    "provisioningState",
];

fn strip_read_only(props: &mut Map<String, Value>) {
    super::import::remove_path(props, "identifier.uniqueName");
    if props.get("identifier").and_then(Value::as_object).is_some_and(Map::is_empty) {
        props.shift_remove("identifier");
    }
    for path in READ_ONLY {
        super::import::remove_path(props, path);
    }
    if let Some(disks) =
        props.get_mut("storageProfile").and_then(|s| s.get_mut("dataDiskImages")).and_then(Value::as_array_mut)
    {
        for d in disks.iter_mut().filter_map(Value::as_object_mut) {
            d.shift_remove("sizeInGb");
            d.shift_remove("sizeInGB");
        }
    }
}

/// [`with_azure_defaults`] for the deployment exports: unknown string values (names, locations, ids, ...)
/// marked with [`MARK`] so each writer writes them as expressions.
pub(crate) fn for_export(plan: &Plan) -> Plan {
    let mut p = with_azure_defaults(plan);
    for g in &mut p.galleries {
        mark(g, |g| &g.unknown);
        for d in &mut g.images {
            mark(d, |d| &d.unknown);
            for v in &mut d.versions {
                mark(v, |v| &v.unknown);
            }
        }
    }
    p
}

fn mark<T: serde::Serialize + serde::de::DeserializeOwned>(r: &mut T, unknown: impl Fn(&T) -> &Unknowns) {
    let u = unknown(r);
    if u.values.is_empty() {
        return;
    }
    let mut v = to_value(r);
    let current = v.clone();
    let Some(o) = v.as_object_mut() else { return };
    for (path, expr) in &u.values {
        if super::import::kept_as_text(path) && super::import::still_unknown(&current, path, expr) {
            let v = if writable(expr) { Value::String(format!("{MARK}{expr}")) } else { Value::Null };
            super::import::set_path(o, path, v);
        }
    }
    if let Ok(back) = crate::model::from_json_value(&v) {
        *r = back;
    }
}

/// Whether an ARM id names a virtual machine.
pub(crate) fn is_vm_id(id: &str) -> bool {
    id.to_ascii_lowercase().contains("/providers/microsoft.compute/virtualmachines/")
}

/// One Azure resource of the plan, in order, with what every format needs.
pub(crate) struct Resource<'p> {
    pub(crate) kind: &'static str,
    pub(crate) names: Vec<&'p str>,
    pub(crate) location: String,
    /// Whether the location is the gallery's (then ARM and Bicep write the gallery's location parameter).
    pub(crate) gallery_location: bool,
    pub(crate) tags: Value,
    pub(crate) identity: Option<Value>,
    pub(crate) properties: Map<String, Value>,
    pub(crate) definition: Option<&'p ImageDefinition>,
    pub(crate) version: Option<&'p ImageVersion>,
    /// The document refers to this resource but does not create it: exports refer to it, never create it.
    pub(crate) existing: bool,
}

/// Puts the unknown values the model could not hold as text (numbers, flags, lists) back as marked strings.
/// Whether an unknown value's expression can be written back (a `copy` loop whose count is not known is kept
/// as a description, not an expression: it is named in the notes instead).
fn writable(expr: &str) -> bool {
    super::arm::parse(expr).is_some()
}

fn restore_unknown(u: &Unknowns, properties: &mut Map<String, Value>, tags: &mut Value) {
    let current = Value::Object(properties.clone());
    for (path, expr) in &u.values {
        // A value set since the import is known: it stays as set.
        let set = match path.as_str() {
            "tags" => !tags.is_null() && tags.as_object().is_none_or(|t| !t.is_empty()),
            _ => !super::import::still_unknown(&current, path, expr),
        };
        // Text fields were marked in the model already (`for_export`); a value set since stays as set.
        if set || (super::import::kept_as_text(path) && path != "tags") {
            continue;
        }
        if !writable(expr) {
            // Named in the notes; an empty or default value in its place would deploy something else.
            super::import::remove_path(properties, path);
            continue;
        }
        let marked = Value::String(format!("{MARK}{expr}"));
        if path == "tags" {
            *tags = marked;
        } else if path != "name" && path != "location" && !path.starts_with("tags.") && !path.starts_with("identity") {
            super::import::set_path(properties, path, marked);
        }
    }
    strip_read_only(properties);
}

/// The resources of a plan (already [`with_azure_defaults`]) with their REST bodies. Direct-share groups are
/// not written (`sharingProfile.groups` is read-only: sharing is an action, `az sig share add`); a note says so.
pub(crate) fn resources<'p>(plan: &'p Plan, notes: &mut Notes) -> Vec<Resource<'p>> {
    let mut out = Vec::new();
    for g in &plan.galleries {
        let gv = to_value(g);
        let mut properties = rest_properties(&gv, &GALLERY_NESTING);
        let mut gtags = gv.get("tags").cloned().unwrap_or(Value::Null);
        restore_unknown(&g.unknown, &mut properties, &mut gtags);
        if let Some(sharing) = properties.get_mut("sharingProfile").and_then(Value::as_object_mut)
            && sharing.shift_remove("groups").is_some()
        {
            notes.add(format!(
                "gallery {}: sharingProfile.groups is read-only in the API (sharing with subscriptions and tenants is an action): run `az sig share add` after the deployment (the az export does)",
                g.name
            ));
        }
        out.push(Resource {
            kind: "Microsoft.Compute/galleries",
            names: vec![&g.name],
            location: g.location.to_string(),
            gallery_location: true,
            tags: gtags,
            identity: gv.get("identity").cloned(),
            properties,
            definition: None,
            version: None,
            existing: g.unknown.is_reference(),
        });
        for d in &g.images {
            let dv = to_value(d);
            let dloc = d.location.as_ref().unwrap_or(&g.location);
            let mut dprops = rest_properties(&dv, &DEFINITION_PLANNER);
            let mut dtags = dv.get("tags").cloned().unwrap_or(Value::Null);
            restore_unknown(&d.unknown, &mut dprops, &mut dtags);
            out.push(Resource {
                kind: "Microsoft.Compute/galleries/images",
                names: vec![&g.name, &d.name],
                location: dloc.to_string(),
                gallery_location: dloc.key() == g.location.key(),
                tags: dtags,
                identity: None,
                properties: dprops,
                definition: Some(d),
                version: None,
                existing: d.unknown.is_reference(),
            });
            for v in &d.versions {
                let vv = to_value(v);
                let mut properties = rest_properties(&vv, &VERSION_PLANNER);
                strip_facts(&mut properties);
                let mut vtags = vv.get("tags").cloned().unwrap_or(Value::Null);
                restore_unknown(&v.unknown, &mut properties, &mut vtags);
                let vloc = v.location.as_ref().unwrap_or(dloc);
                out.push(Resource {
                    kind: "Microsoft.Compute/galleries/images/versions",
                    names: vec![&g.name, &d.name, &v.name],
                    location: vloc.to_string(),
                    gallery_location: vloc.key() == g.location.key(),
                    tags: vtags,
                    identity: None,
                    properties,
                    definition: Some(d),
                    version: Some(v),
                    existing: v.unknown.is_reference(),
                });
            }
        }
    }
    out
}

/// The name of a gallery's location parameter in ARM and Bicep (`location_contoso_prod`), unique per plan.
fn location_parameters(plan: &Plan) -> Vec<String> {
    let mut used = Vec::new();
    plan.galleries
        .iter()
        .map(|g| match marked(&g.name) {
            Some(e) => {
                let p = super::unknown::parameters_of(e).into_iter().next().unwrap_or_else(|| "gallery".to_owned());
                symbol("location", &p, &mut used)
            }
            None => symbol("location", &g.name, &mut used),
        })
        .collect()
}

/// Escapes strings that ARM would read as expressions (a leading `[`); unknown values become expressions.
fn arm_escape(v: Value) -> Value {
    match v {
        Value::String(s) if s.starts_with(MARK) => Value::String(format!("[{}]", &s[MARK.len()..])),
        Value::String(s) if s.starts_with('[') => Value::String(format!("[{s}")),
        Value::Array(a) => Value::Array(a.into_iter().map(arm_escape).collect()),
        Value::Object(o) => Value::Object(o.into_iter().map(|(k, v)| (k, arm_escape(v))).collect()),
        other => other,
    }
}

fn arm(plan: &Plan, api: &str, notes: &mut Notes) -> Value {
    let params = location_parameters(plan);
    let mut parameters = Map::new();
    for (g, p) in plan.galleries.iter().zip(&params) {
        parameters.insert(
            p.clone(),
            json!({
                "type": "string",
                "defaultValue": arm_escape(json!(g.location.as_str().to_owned())),
                "metadata": { "description": format!("The region of the gallery {} and of its images and versions", g.name) }
            }),
        );
    }
    for (k, decl) in &plan.template_parameters {
        parameters.insert(k.clone(), decl.clone());
    }
    let mut list = Vec::new();
    let mut gallery_index = 0usize;
    let all = resources(plan, notes);
    let existing: Vec<Vec<&str>> = all.iter().filter(|r| r.existing).map(|r| r.names.clone()).collect();
    for r in all {
        if r.names.len() == 1 {
            gallery_index = plan.galleries.iter().position(|g| g.name == r.names[0]).unwrap_or(0);
        }
        if r.existing {
            continue;
        }
        let mut o = Map::new();
        o.insert("type".into(), json!(r.kind));
        o.insert("apiVersion".into(), json!(api));
        let name = if let [one] = r.names.as_slice()
            && let Some(e) = marked(one)
        {
            json!(format!("[{e}]"))
        } else if r.names.iter().any(|n| marked(n).is_some()) {
            let segs: Vec<(&str, Option<&str>)> = r.names.iter().map(|n| (*n, marked(n))).collect();
            json!(format!("[{}]", super::unknown::join_names(&segs)))
        } else {
            arm_escape(json!(r.names.join("/")))
        };
        o.insert("name".into(), name);
        let location = match params.get(gallery_index) {
            Some(p) if r.gallery_location => json!(format!("[parameters('{p}')]")),
            _ => arm_escape(json!(r.location)),
        };
        o.insert("location".into(), location);
        if !r.tags.is_null() {
            o.insert("tags".into(), arm_escape(r.tags.clone()));
        }
        if let Some(i) = &r.identity {
            o.insert("identity".into(), arm_escape(i.clone()));
        }
        // Expressions are inserted after escaping: `[resourceId(...)]` must stay an expression. A parent that
        // exists already is not in the template: nothing to depend on.
        let parent_exists = existing.iter().any(|e| e.as_slice() == &r.names[..r.names.len().saturating_sub(1)]);
        let arg = |n: &str| marked(n).map_or_else(|| format!("'{}'", arm_quote(n)), str::to_owned);
        match if parent_exists { 0 } else { r.names.len() } {
            2 => {
                o.insert(
                    "dependsOn".into(),
                    json!([format!("[resourceId('Microsoft.Compute/galleries', {})]", arg(r.names[0]))]),
                );
            }
            3 => {
                o.insert(
                    "dependsOn".into(),
                    json!([format!(
                        "[resourceId('Microsoft.Compute/galleries/images', {}, {})]",
                        arg(r.names[0]),
                        arg(r.names[1])
                    )]),
                );
            }
            _ => {}
        }
        o.insert("properties".into(), arm_escape(Value::Object(r.properties)));
        list.push(Value::Object(o));
    }
    let mut template = Map::new();
    template.insert(
        "$schema".into(),
        json!("https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#"),
    );
    template.insert("contentVersion".into(), json!("1.0.0.0"));
    let meta = planner_metadata(plan);
    if !meta.is_empty() {
        template.insert("metadata".into(), json!({ "computeGalleryPlanner": Value::Object(meta) }));
    }
    if !parameters.is_empty() {
        template.insert("parameters".into(), Value::Object(parameters));
    }
    template.insert("resources".into(), Value::Array(list));
    Value::Object(template)
}

fn arm_quote(s: &str) -> String {
    s.replace('\'', "''")
}

/// Planner-only fields, keyed by resource name, for the ARM template's metadata.
fn planner_metadata(plan: &Plan) -> Map<String, Value> {
    let mut meta = Map::new();
    if !plan.name.is_empty() {
        meta.insert("planName".into(), json!(plan.name));
    }
    meta.insert("apiVersion".into(), json!(plan.api_version.as_str()));
    if let Some(s) = &plan.subscription_id {
        meta.insert("subscriptionId".into(), json!(s));
    }
    if let Some(s) = &plan.resource_group {
        meta.insert("resourceGroup".into(), json!(s));
    }
    if let Some(b) = &plan.billing {
        meta.insert("billing".into(), to_value(b));
    }
    if !plan.replica_policy.is_default() {
        meta.insert("replicaPolicy".into(), plan.replica_policy.to_value());
    }
    if !plan.prices.is_empty() {
        meta.insert("prices".into(), plan.prices.to_value());
    }
    if !plan.extra.is_empty() {
        meta.insert("extra".into(), Value::Object(plan.extra.clone()));
    }
    let mut defs = Map::new();
    let mut versions = Map::new();
    for g in &plan.galleries {
        for d in &g.images {
            let mut m = Map::new();
            if let Some(p) = d.production {
                m.insert("production".into(), json!(p));
            }
            if !d.demand.is_empty() {
                m.insert("demand".into(), to_value(&d.demand));
            }
            if !m.is_empty() {
                defs.insert(format!("{}/{}", g.name, d.name), Value::Object(m));
            }
            for v in &d.versions {
                let mut m = Map::new();
                if let Some(o) = &v.occupied_gb {
                    m.insert("occupiedGb".into(), to_value(o));
                }
                if let Some(f) =
                    v.storage_profile.as_ref().and_then(|s| s.source.as_ref()).and_then(|s| s.facts.as_ref())
                {
                    m.insert("sourceFacts".into(), to_value(f));
                }
                if !m.is_empty() {
                    versions.insert(format!("{}/{}/{}", g.name, d.name, v.name), Value::Object(m));
                }
            }
        }
    }
    if !defs.is_empty() {
        meta.insert("definitions".into(), Value::Object(defs));
    }
    if !versions.is_empty() {
        meta.insert("versions".into(), Value::Object(versions));
    }
    meta
}

// ---------------------------------------------------------------------------------------------------------
// Bicep

fn bicep_string(s: &str) -> String {
    if let Some(e) = marked(s) {
        return super::unknown::to_bicep(e);
    }
    let mut out = String::from("'");
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\'' => out.push_str("\\'"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '$' => out.push_str("\\$"),
            c => out.push(c),
        }
    }
    out.push('\'');
    out
}

fn bicep_key(k: &str) -> String {
    if !k.is_empty()
        && k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !k.starts_with(|c: char| c.is_ascii_digit())
    {
        k.to_owned()
    } else {
        bicep_string(k)
    }
}

/// How a JSON value is written in a language whose literals look like JSON's (Bicep, HCL): its strings, its
/// keys, what separates a key from its value and what ends a list item.
pub(crate) struct Literals {
    pub(crate) string: fn(&str) -> String,
    pub(crate) key: fn(&str) -> String,
    pub(crate) key_sep: &'static str,
    pub(crate) item_end: &'static str,
}

const BICEP: Literals = Literals { string: bicep_string, key: bicep_key, key_sep: ": ", item_end: "\n" };

fn bicep_value(v: &Value, indent: usize, out: &mut String) {
    write_value(v, indent, out, &BICEP);
}

/// Writes `v` as a literal of the language `lit` describes, nested objects and lists indented by two spaces.
pub(crate) fn write_value(v: &Value, indent: usize, out: &mut String, lit: &Literals) {
    let pad = "  ".repeat(indent + 1);
    let close = "  ".repeat(indent);
    match v {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => {
            let _ = write!(out, "{n}");
        }
        Value::String(s) => out.push_str(&(lit.string)(s)),
        Value::Array(a) if a.is_empty() => out.push_str("[]"),
        Value::Array(a) => {
            out.push_str("[\n");
            for item in a {
                out.push_str(&pad);
                write_value(item, indent + 1, out, lit);
                out.push_str(lit.item_end);
            }
            let _ = write!(out, "{close}]");
        }
        Value::Object(o) if o.is_empty() => out.push_str("{}"),
        Value::Object(o) => {
            out.push_str("{\n");
            for (k, v) in o {
                let _ = write!(out, "{pad}{}{}", (lit.key)(k), lit.key_sep);
                write_value(v, indent + 1, out, lit);
                out.push('\n');
            }
            let _ = write!(out, "{close}}}");
        }
    }
}

pub(crate) fn symbol(prefix: &str, name: &str, used: &mut Vec<String>) -> String {
    // An unknown name part stands in the symbol by its parameter's name.
    let readable: String = name
        .split('_')
        .map(|part| match marked(part) {
            Some(e) => super::unknown::parameters_of(e).into_iter().next().unwrap_or_else(|| "unknown".to_owned()),
            None => part.to_owned(),
        })
        .collect::<Vec<_>>()
        .join("_");
    let clean: String = readable.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '_' }).collect();
    let base = format!("{prefix}_{clean}");
    let mut candidate = base.clone();
    let mut n = 2;
    while used.contains(&candidate) {
        candidate = format!("{base}_{n}");
        n += 1;
    }
    used.push(candidate.clone());
    candidate
}

fn bicep(plan: &Plan, api: &str, notes: &mut Notes) -> String {
    let mut out = String::new();
    let params = location_parameters(plan);
    for (g, p) in plan.galleries.iter().zip(&params) {
        let _ = writeln!(
            out,
            "@description({})\nparam {p} string = {}\n",
            bicep_string(&format!("The region of the gallery {} and of its images and versions", g.name)),
            bicep_string(g.location.as_str())
        );
    }
    for (k, decl) in &plan.template_parameters {
        let t = match decl.get("type").and_then(Value::as_str).map(str::to_ascii_lowercase).as_deref() {
            Some("int") => "int",
            Some("bool") => "bool",
            Some("object" | "secureobject") => "object",
            Some("array") => "array",
            _ => "string",
        };
        let secure =
            decl.get("type").and_then(Value::as_str).is_some_and(|t| t.to_ascii_lowercase().starts_with("secure"));
        if let Some(d) = decl.pointer("/metadata/description").and_then(Value::as_str) {
            let _ = writeln!(out, "@description({})", bicep_string(d));
        }
        if secure {
            out.push_str("@secure()\n");
        }
        let _ = writeln!(out, "param {} {t}\n", super::unknown::bicep_ident(k));
    }
    // Parameter names start with `location_`, resources with `gallery_`, `image_`, `version_`: no clash.
    let mut used = params.clone();
    let mut parents: Vec<(Vec<String>, String)> = Vec::new();
    let mut gallery_index = 0usize;
    for r in resources(plan, notes) {
        let (prefix, what) = match r.names.len() {
            1 => ("gallery", "Gallery"),
            2 => ("image", "Image definition"),
            _ => ("version", "Image version"),
        };
        if r.names.len() == 1 {
            gallery_index = plan.galleries.iter().position(|g| g.name == r.names[0]).unwrap_or(0);
        }
        let sym = symbol(prefix, &r.names.join("_"), &mut used);
        let desc = match (r.definition, r.version) {
            (_, Some(v)) => format!(
                "{what} {} of {}: replicated to {} region(s)",
                v.name,
                r.names[1],
                v.publishing_profile.target_regions.len()
            ),
            (Some(d), None) => format!(
                "{what} {} ({} {})",
                d.name,
                d.os_type.as_ref().map_or("", |o| o.as_str()),
                d.os_state.as_ref().map_or("", |o| o.as_str())
            ),
            _ => format!("{what} {}", r.names[0]),
        };
        if r.existing {
            let _ = writeln!(out, "resource {sym} '{}@{api}' existing = {{", r.kind);
        } else {
            let _ = writeln!(out, "@description({})", bicep_string(desc.trim()));
            let _ = writeln!(out, "resource {sym} '{}@{api}' = {{", r.kind);
        }
        let key: Vec<String> = r.names.iter().map(|s| (*s).to_owned()).collect();
        if key.len() > 1
            && let Some((_, parent)) = parents.iter().find(|(k, _)| k.as_slice() == &key[..key.len() - 1])
        {
            let _ = writeln!(out, "  parent: {parent}");
        }
        let _ = writeln!(out, "  name: {}", bicep_string(r.names.last().copied().unwrap_or("")));
        if r.existing {
            out.push_str("}\n\n");
            parents.push((key, sym));
            continue;
        }
        match params.get(gallery_index) {
            Some(p) if r.gallery_location => {
                let _ = writeln!(out, "  location: {p}");
            }
            _ => {
                let _ = writeln!(out, "  location: {}", bicep_string(&r.location));
            }
        }
        if !r.tags.is_null() {
            out.push_str("  tags: ");
            bicep_value(&r.tags, 1, &mut out);
            out.push('\n');
        }
        if let Some(i) = &r.identity {
            out.push_str("  identity: ");
            bicep_value(i, 1, &mut out);
            out.push('\n');
        }
        out.push_str("  properties: ");
        bicep_value(&Value::Object(r.properties), 1, &mut out);
        out.push_str("\n}\n\n");
        parents.push((key, sym));
    }
    out
}
