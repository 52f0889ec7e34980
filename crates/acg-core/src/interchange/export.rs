//! Exports: Plan JSON, ARM template, Bicep, an `az` script, Terraform (azurerm), cost CSV.

use core::fmt::Write as _;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};

use super::{DEFINITION_PLANNER, GALLERY_NESTING, VERSION_PLANNER, rest_properties, strip_facts, to_value};
use crate::model::{ImageDefinition, ImageVersion, Plan};

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
}

/// Export options.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ExportOptions {
    /// The API version written into ARM and Bicep (default: the plan's).
    #[serde(default)]
    pub api_version: Option<String>,
}

/// Writes a plan in a format.
pub fn export(plan: &Plan, format: ExportFormat, options: &ExportOptions) -> String {
    let api = options.api_version.clone().unwrap_or_else(|| plan.api_version.as_str().to_owned());
    match format {
        ExportFormat::Plan => pretty(&to_value(plan)),
        ExportFormat::Arm => pretty(&arm(plan, &api)),
        ExportFormat::Bicep => bicep(plan, &api),
        ExportFormat::Az => az(plan),
        ExportFormat::Terraform => terraform(plan),
        ExportFormat::Csv => {
            crate::billing::to_csv(&crate::billing::estimate_plan(plan, &crate::billing::plan_book(plan)))
        }
    }
}

fn pretty(v: &Value) -> String {
    let mut s = serde_json::to_string_pretty(v).unwrap_or_default();
    s.push('\n');
    s
}

/// One Azure resource of the plan, in order, with what every format needs.
struct Resource<'p> {
    kind: &'static str,
    names: Vec<&'p str>,
    location: String,
    tags: Value,
    identity: Option<Value>,
    properties: Map<String, Value>,
    definition: Option<&'p ImageDefinition>,
    version: Option<&'p ImageVersion>,
}

fn resources(plan: &Plan) -> Vec<Resource<'_>> {
    let mut out = Vec::new();
    for g in &plan.galleries {
        let gv = to_value(g);
        out.push(Resource {
            kind: "Microsoft.Compute/galleries",
            names: vec![&g.name],
            location: g.location.to_string(),
            tags: gv.get("tags").cloned().unwrap_or(Value::Null),
            identity: gv.get("identity").cloned(),
            properties: rest_properties(&gv, &GALLERY_NESTING),
            definition: None,
            version: None,
        });
        for d in &g.images {
            let dv = to_value(d);
            let dloc = d.location.as_ref().unwrap_or(&g.location);
            out.push(Resource {
                kind: "Microsoft.Compute/galleries/images",
                names: vec![&g.name, &d.name],
                location: dloc.to_string(),
                tags: dv.get("tags").cloned().unwrap_or(Value::Null),
                identity: None,
                properties: rest_properties(&dv, &DEFINITION_PLANNER),
                definition: Some(d),
                version: None,
            });
            for v in &d.versions {
                let vv = to_value(v);
                let mut properties = rest_properties(&vv, &VERSION_PLANNER);
                strip_facts(&mut properties);
                out.push(Resource {
                    kind: "Microsoft.Compute/galleries/images/versions",
                    names: vec![&g.name, &d.name, &v.name],
                    location: v.location.as_ref().unwrap_or(dloc).to_string(),
                    tags: vv.get("tags").cloned().unwrap_or(Value::Null),
                    identity: None,
                    properties,
                    definition: Some(d),
                    version: Some(v),
                });
            }
        }
    }
    out
}

/// Escapes strings that ARM would read as expressions (a leading `[`).
fn arm_escape(v: Value) -> Value {
    match v {
        Value::String(s) if s.starts_with('[') => Value::String(format!("[{s}")),
        Value::Array(a) => Value::Array(a.into_iter().map(arm_escape).collect()),
        Value::Object(o) => Value::Object(o.into_iter().map(|(k, v)| (k, arm_escape(v))).collect()),
        other => other,
    }
}

fn arm(plan: &Plan, api: &str) -> Value {
    let mut list = Vec::new();
    for r in resources(plan) {
        let mut o = Map::new();
        o.insert("type".into(), json!(r.kind));
        o.insert("apiVersion".into(), json!(api));
        o.insert("name".into(), json!(r.names.join("/")));
        o.insert("location".into(), json!(r.location));
        if !r.tags.is_null() {
            o.insert("tags".into(), r.tags.clone());
        }
        if let Some(i) = &r.identity {
            o.insert("identity".into(), i.clone());
        }
        match r.names.len() {
            2 => {
                o.insert(
                    "dependsOn".into(),
                    json!([format!("[resourceId('Microsoft.Compute/galleries', '{}')]", arm_quote(r.names[0]))]),
                );
            }
            3 => {
                o.insert(
                    "dependsOn".into(),
                    json!([format!(
                        "[resourceId('Microsoft.Compute/galleries/images', '{}', '{}')]",
                        arm_quote(r.names[0]),
                        arm_quote(r.names[1])
                    )]),
                );
            }
            _ => {}
        }
        o.insert("properties".into(), Value::Object(r.properties));
        list.push(arm_escape(Value::Object(o)));
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

fn bicep_value(v: &Value, indent: usize, out: &mut String) {
    let pad = "  ".repeat(indent + 1);
    let close = "  ".repeat(indent);
    match v {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => {
            let _ = write!(out, "{n}");
        }
        Value::String(s) => out.push_str(&bicep_string(s)),
        Value::Array(a) if a.is_empty() => out.push_str("[]"),
        Value::Array(a) => {
            out.push_str("[\n");
            for item in a {
                out.push_str(&pad);
                bicep_value(item, indent + 1, out);
                out.push('\n');
            }
            let _ = write!(out, "{close}]");
        }
        Value::Object(o) if o.is_empty() => out.push_str("{}"),
        Value::Object(o) => {
            out.push_str("{\n");
            for (k, v) in o {
                let _ = write!(out, "{pad}{}: ", bicep_key(k));
                bicep_value(v, indent + 1, out);
                out.push('\n');
            }
            let _ = write!(out, "{close}}}");
        }
    }
}

fn symbol(prefix: &str, name: &str, used: &mut Vec<String>) -> String {
    let clean: String = name.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '_' }).collect();
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

fn bicep(plan: &Plan, api: &str) -> String {
    let mut out = String::new();
    let _ =
        writeln!(out, "// Generated by the Compute Gallery Planner from the plan '{}'.", plan.name.replace('\n', " "));
    out.push_str("// Deploy with: az deployment group create --resource-group <rg> --template-file <this file>\n\n");
    let mut used = Vec::new();
    let mut parents: Vec<(Vec<String>, String)> = Vec::new();
    for r in resources(plan) {
        let (prefix, what) = match r.names.len() {
            1 => ("gallery", "Gallery"),
            2 => ("image", "Image definition"),
            _ => ("version", "Image version"),
        };
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
        let _ = writeln!(out, "@description({})", bicep_string(desc.trim()));
        let _ = writeln!(out, "resource {sym} '{}@{api}' = {{", r.kind);
        let key: Vec<String> = r.names.iter().map(|s| (*s).to_owned()).collect();
        if key.len() > 1
            && let Some((_, parent)) = parents.iter().find(|(k, _)| k.as_slice() == &key[..key.len() - 1])
        {
            let _ = writeln!(out, "  parent: {parent}");
        }
        let _ = writeln!(out, "  name: {}", bicep_string(r.names.last().copied().unwrap_or("")));
        let _ = writeln!(out, "  location: {}", bicep_string(&r.location));
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

// ---------------------------------------------------------------------------------------------------------
// az script

/// Quotes for bash: single quotes, with embedded single quotes closed, escaped and reopened.
pub(crate) fn sh(s: &str) -> String {
    format!("'{}'", s.replace('\'', "'\\''"))
}

fn az(plan: &Plan) -> String {
    let mut out =
        String::from("#!/usr/bin/env bash\n# Generated by the Compute Gallery Planner.\nset -euo pipefail\n\n");
    let _ = writeln!(out, "RG=${{RG:-{}}}\n", sh(plan.resource_group.as_deref().unwrap_or("my-resource-group")));
    for g in &plan.galleries {
        let _ = write!(
            out,
            "az sig create --resource-group \"$RG\" --gallery-name {} --location {}",
            sh(&g.name),
            sh(g.location.as_str())
        );
        if let Some(d) = &g.description {
            let _ = write!(out, " \\\n  --description {}", sh(d));
        }
        out.push_str("\n\n");
        for d in &g.images {
            let _ = write!(
                out,
                "az sig image-definition create --resource-group \"$RG\" --gallery-name {} --gallery-image-definition {} \\\n  --publisher {} --offer {} --sku {}",
                sh(&g.name),
                sh(&d.name),
                sh(&d.identifier.publisher),
                sh(&d.identifier.offer),
                sh(&d.identifier.sku)
            );
            if let Some(o) = &d.os_type {
                let _ = write!(out, " --os-type {}", sh(o.as_str()));
            }
            if let Some(o) = &d.os_state {
                let _ = write!(out, " --os-state {}", sh(o.as_str()));
            }
            if let Some(h) = &d.hyper_v_generation {
                let _ = write!(out, " --hyper-v-generation {}", sh(h.as_str()));
            }
            if let Some(a) = &d.architecture {
                let _ = write!(out, " --architecture {}", sh(a.as_str()));
            }
            if !d.features.is_empty() {
                let f: Vec<String> = d.features.iter().map(|f| format!("{}={}", f.name, f.value)).collect();
                let _ = write!(out, " \\\n  --features {}", sh(&f.join(" ")));
            }
            if let Some(e) = &d.end_of_life_date {
                let _ = write!(out, " \\\n  --end-of-life-date {}", sh(e));
            }
            if let Some(desc) = &d.description {
                let _ = write!(out, " \\\n  --description {}", sh(desc));
            }
            out.push_str("\n\n");
            for v in &d.versions {
                let pp = &v.publishing_profile;
                let _ = write!(
                    out,
                    "az sig image-version create --resource-group \"$RG\" --gallery-name {} --gallery-image-definition {} --gallery-image-version {}",
                    sh(&g.name),
                    sh(&d.name),
                    sh(&v.name)
                );
                if let Some(loc) = &v.location {
                    let _ = write!(out, " --location {}", sh(loc.as_str()));
                }
                let _ =
                    write!(out, " \\\n  --target-regions {}", sh(&crate::target_regions::format(&pp.target_regions)));
                if let Some(n) = pp.replica_count {
                    let _ = write!(out, " --replica-count {n}");
                }
                if let Some(t) = &pp.storage_account_type {
                    let _ = write!(out, " --storage-account-type {}", sh(t.as_str()));
                }
                if let Some(x) = pp.exclude_from_latest {
                    let _ = write!(out, " --exclude-from-latest {x}");
                }
                if let Some(e) = &pp.end_of_life_date {
                    let _ = write!(out, " --end-of-life-date {}", sh(e));
                }
                if let Some(m) = &pp.replication_mode {
                    let _ = write!(out, " --replication-mode {}", sh(m.as_str()));
                }
                if let Some(sp) = &v.storage_profile {
                    if let Some(id) = sp.source.as_ref().and_then(|s| s.id.as_deref()) {
                        let flag = if id.to_ascii_lowercase().contains("/virtualmachines/") {
                            "--virtual-machine"
                        } else {
                            "--managed-image"
                        };
                        let _ = write!(out, " \\\n  {flag} {}", sh(id));
                    }
                    if let Some(id) =
                        sp.os_disk_image.as_ref().and_then(|o| o.source.as_ref()).and_then(|s| s.id.as_deref())
                    {
                        let _ = write!(out, " \\\n  --os-snapshot {}", sh(id));
                    }
                    let data: Vec<(&str, i64)> = sp
                        .data_disk_images
                        .iter()
                        .filter_map(|d| Some((d.source.as_ref()?.id.as_deref()?, d.lun?)))
                        .collect();
                    if !data.is_empty() {
                        let ids: Vec<String> = data.iter().map(|(id, _)| sh(id)).collect();
                        let luns: Vec<String> = data.iter().map(|(_, l)| l.to_string()).collect();
                        let _ = write!(
                            out,
                            " \\\n  --data-snapshots {} --data-snapshot-luns {}",
                            ids.join(" "),
                            luns.join(" ")
                        );
                    }
                }
                let regional_flags: Vec<String> = pp
                    .target_regions
                    .iter()
                    .filter_map(|t| t.exclude_from_latest.map(|x| format!("{}={x}", t.name)))
                    .collect();
                if !regional_flags.is_empty() {
                    let _ = write!(
                        out,
                        "\n# Regional exclude-from-latest flags have no az flag: set {} with az sig image-version update --set.",
                        regional_flags.join(", ")
                    );
                }
                out.push_str("\n\n");
            }
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------------------
// Terraform

fn hcl(s: &str) -> String {
    let mut out = String::from("\"");
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '$' | '%' if chars.peek() == Some(&'{') => {
                out.push(c);
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn terraform(plan: &Plan) -> String {
    let mut out = String::from("# Generated by the Compute Gallery Planner (azurerm provider).\n\n");
    let _ = writeln!(
        out,
        "variable \"resource_group_name\" {{\n  type    = string\n  default = {}\n}}\n",
        hcl(plan.resource_group.as_deref().unwrap_or("my-resource-group"))
    );
    let mut used = Vec::new();
    for g in &plan.galleries {
        let gsym = symbol("gallery", &g.name, &mut used);
        let _ = writeln!(out, "resource \"azurerm_shared_image_gallery\" \"{gsym}\" {{");
        let _ = writeln!(out, "  name                = {}", hcl(&g.name));
        out.push_str("  resource_group_name = var.resource_group_name\n");
        let _ = writeln!(out, "  location            = {}", hcl(g.location.as_str()));
        if let Some(d) = &g.description {
            let _ = writeln!(out, "  description         = {}", hcl(d));
        }
        tf_tags(&mut out, &g.tags);
        out.push_str("}\n\n");
        for d in &g.images {
            let dsym = symbol("image", &format!("{}_{}", g.name, d.name), &mut used);
            let _ = writeln!(out, "resource \"azurerm_shared_image\" \"{dsym}\" {{");
            let _ = writeln!(out, "  name                = {}", hcl(&d.name));
            let _ = writeln!(out, "  gallery_name        = azurerm_shared_image_gallery.{gsym}.name");
            out.push_str("  resource_group_name = var.resource_group_name\n");
            let _ =
                writeln!(out, "  location            = {}", hcl(d.location.as_ref().unwrap_or(&g.location).as_str()));
            if let Some(o) = &d.os_type {
                let _ = writeln!(out, "  os_type             = {}", hcl(o.as_str()));
            }
            if let Some(h) = &d.hyper_v_generation {
                let _ = writeln!(out, "  hyper_v_generation  = {}", hcl(h.as_str()));
            }
            if let Some(a) = &d.architecture {
                let _ = writeln!(out, "  architecture        = {}", hcl(a.as_str()));
            }
            if d.os_state == Some(crate::model::OsState::Specialized) {
                out.push_str("  specialized         = true\n");
            }
            match d.security_type() {
                Some(crate::model::SecurityType::TrustedLaunchSupported) => {
                    out.push_str("  trusted_launch_supported = true\n");
                }
                Some(crate::model::SecurityType::TrustedLaunch) => out.push_str("  trusted_launch_enabled = true\n"),
                Some(crate::model::SecurityType::ConfidentialVmSupported) => {
                    out.push_str("  confidential_vm_supported = true\n");
                }
                Some(crate::model::SecurityType::ConfidentialVm) => out.push_str("  confidential_vm_enabled = true\n"),
                _ => {}
            }
            if let Some(e) = &d.end_of_life_date {
                let _ = writeln!(out, "  end_of_life_date    = {}", hcl(e));
            }
            let _ = writeln!(
                out,
                "\n  identifier {{\n    publisher = {}\n    offer     = {}\n    sku       = {}\n  }}",
                hcl(&d.identifier.publisher),
                hcl(&d.identifier.offer),
                hcl(&d.identifier.sku)
            );
            tf_tags(&mut out, &d.tags);
            out.push_str("}\n\n");
            for v in &d.versions {
                let vsym = symbol("version", &format!("{}_{}_{}", g.name, d.name, v.name), &mut used);
                let pp = &v.publishing_profile;
                let _ = writeln!(out, "resource \"azurerm_shared_image_version\" \"{vsym}\" {{");
                let _ = writeln!(out, "  name                = {}", hcl(&v.name));
                let _ = writeln!(out, "  gallery_name        = azurerm_shared_image_gallery.{gsym}.name");
                let _ = writeln!(out, "  image_name          = azurerm_shared_image.{dsym}.name");
                out.push_str("  resource_group_name = var.resource_group_name\n");
                let _ = writeln!(
                    out,
                    "  location            = {}",
                    hcl(v.location.as_ref().or(d.location.as_ref()).unwrap_or(&g.location).as_str())
                );
                if let Some(id) =
                    v.storage_profile.as_ref().and_then(|s| s.source.as_ref()).and_then(|s| s.id.as_deref())
                {
                    let _ = writeln!(out, "  managed_image_id    = {}", hcl(id));
                }
                if let Some(id) = v
                    .storage_profile
                    .as_ref()
                    .and_then(|s| s.os_disk_image.as_ref())
                    .and_then(|o| o.source.as_ref())
                    .and_then(|s| s.id.as_deref())
                {
                    let _ = writeln!(out, "  os_disk_snapshot_id = {}", hcl(id));
                }
                if let Some(x) = pp.exclude_from_latest {
                    let _ = writeln!(out, "  exclude_from_latest = {x}");
                }
                if let Some(e) = &pp.end_of_life_date {
                    let _ = writeln!(out, "  end_of_life_date    = {}", hcl(e));
                }
                if let Some(m) = &pp.replication_mode {
                    let _ = writeln!(out, "  replication_mode    = {}", hcl(m.as_str()));
                }
                for t in &pp.target_regions {
                    let _ =
                        writeln!(out, "\n  target_region {{\n    name                   = {}", hcl(t.name.as_str()));
                    let _ = writeln!(out, "    regional_replica_count = {}", v.replicas_in(t));
                    let storage = t.storage_account_type.as_ref().or(pp.storage_account_type.as_ref()).map_or_else(
                        || v.effective_storage(t, &plan.api_version).as_str().to_owned(),
                        |s| s.as_str().to_owned(),
                    );
                    let _ = writeln!(out, "    storage_account_type   = {}", hcl(&storage));
                    if let Some(x) = t.exclude_from_latest {
                        let _ = writeln!(out, "    exclude_from_latest_enabled = {x}");
                    }
                    out.push_str("  }\n");
                }
                tf_tags(&mut out, &v.tags);
                out.push_str("}\n\n");
            }
        }
    }
    out
}

fn tf_tags(out: &mut String, tags: &crate::model::Tags) {
    if tags.is_empty() {
        return;
    }
    out.push_str("\n  tags = {\n");
    for (k, v) in tags {
        let _ = writeln!(out, "    {} = {}", hcl(k), hcl(v));
    }
    out.push_str("  }\n");
}
