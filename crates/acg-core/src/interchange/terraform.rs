//! The Terraform export: azurerm resources, laid out as `terraform fmt` would, with the provider blocks, so the
//! file alone can `terraform init` and `plan`. A version azurerm has no attribute for (data disks, a gallery or
//! community image source, host caching, ...) is an `azapi_resource` with the REST body instead; what neither
//! can carry is named in the notes.
#![allow(clippy::many_single_char_names, reason = "g, d, v are the gallery, definition and version throughout")]

use core::fmt::Write as _;

use serde_json::Value;

use super::export::{Notes, file_header, is_vm_id, symbol};
use crate::model::{Gallery, ImageDefinition, ImageVersion, Plan, SecurityType, StorageAccountType};

/// A string literal in HCL (`${` and `%{` escaped: no interpolation or template directive).
pub(crate) fn hcl(s: &str) -> String {
    if let Some(e) = super::unknown::marked(s) {
        return format!("var.{}", super::unknown::variable_for(e));
    }
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

/// A region as azurerm writes it (`westus2`); an unknown one as written (its expression).
fn region_key(r: &crate::region::RegionName) -> &str {
    if super::unknown::marked(r.as_str()).is_some() { r.as_str() } else { r.key() }
}

/// A JSON value as an HCL expression (objects with quoted keys), for azapi bodies.
fn hcl_value(v: &Value, indent: usize, out: &mut String) {
    const HCL: super::export::Literals =
        super::export::Literals { string: hcl, key: hcl_key, key_sep: " = ", item_end: ",\n" };
    super::export::write_value(v, indent, out, &HCL);
}

fn hcl_key(k: &str) -> String {
    if !k.is_empty()
        && k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        && k.starts_with(|c: char| c.is_ascii_alphabetic())
    {
        k.to_owned()
    } else {
        hcl(k)
    }
}

/// `terraform fmt`'s alignment: in each run of consecutive one-line attributes at the same indentation, the
/// `=` signs line up one space after the longest name.
pub(crate) fn align(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let attr = |l: &str| -> Option<(usize, usize)> {
        let indent = l.len() - l.trim_start().len();
        let rest = &l[indent..];
        let eq = rest.find(" = ")?;
        let name = &rest[..eq];
        let simple = !name.is_empty()
            && (name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
                || (name.starts_with('"') && name.ends_with('"') && name.len() >= 2));
        let value = rest[eq + 3..].trim_end();
        let one_line = !value.ends_with('{') && !value.ends_with('[') && !value.ends_with('(');
        (simple && one_line).then_some((indent, name.trim_end().len()))
    };
    let mut out = String::with_capacity(text.len() + 256);
    let mut i = 0;
    while i < lines.len() {
        let Some((indent, _)) = attr(lines[i]) else {
            out.push_str(lines[i]);
            out.push('\n');
            i += 1;
            continue;
        };
        let mut j = i;
        let mut width = 0;
        while j < lines.len() {
            match attr(lines[j]) {
                Some((ind, w)) if ind == indent => {
                    width = width.max(w);
                    j += 1;
                }
                _ => break,
            }
        }
        for l in &lines[i..j] {
            let rest = &l[indent..];
            let eq = rest.find(" = ").unwrap_or(0);
            let name = rest[..eq].trim_end();
            let _ = writeln!(out, "{}{name:<width$} = {}", " ".repeat(indent), rest[eq + 3..].trim_start());
        }
        i = j;
    }
    out
}

fn tags(out: &mut String, tags: &crate::model::Tags) {
    if tags.is_empty() {
        return;
    }
    out.push_str("\n  tags = {\n");
    for (k, v) in tags {
        let _ = writeln!(out, "    {} = {}", hcl(k), hcl(v));
    }
    out.push_str("  }\n");
}

/// `effective` is the plan with Azure's defaults written; `plan` the plan as the user wrote it (for the header).
pub(crate) fn terraform(effective: &Plan, plan: &Plan, notes: &mut Notes) -> String {
    let mut body = String::new();
    let mut used = Vec::new();
    let mut azapi = false;
    let mut existing: Vec<String> = Vec::new();
    for g in &effective.galleries {
        let gsym = symbol("gallery", &g.name, &mut used);
        if g.unknown.is_reference() {
            // Referred to, not created: a data source.
            let _ = writeln!(
                body,
                "data \"azurerm_shared_image_gallery\" \"{gsym}\" {{\n  name = {}\n  resource_group_name = var.resource_group_name\n}}\n",
                hcl(&g.name)
            );
            existing.push(format!("azurerm_shared_image_gallery.{gsym}."));
        } else {
            gallery(g, &gsym, notes, &mut body);
        }
        for d in &g.images {
            let dsym = symbol("image", &format!("{}_{}", g.name, d.name), &mut used);
            if d.unknown.is_reference() {
                let _ = writeln!(
                    body,
                    "data \"azurerm_shared_image\" \"{dsym}\" {{\n  name = {}\n  gallery_name = {}\n  resource_group_name = var.resource_group_name\n}}\n",
                    hcl(&d.name),
                    hcl(&g.name)
                );
                existing.push(format!("azurerm_shared_image.{dsym}."));
            } else {
                definition(g, d, &gsym, &dsym, notes, &mut body);
            }
            for v in &d.versions {
                let vsym = symbol("version", &format!("{}_{}_{}", g.name, d.name, v.name), &mut used);
                azapi |= version(effective, g, d, v, (&gsym, &dsym, &vsym), notes, &mut body);
            }
        }
    }
    for e in &existing {
        body = body.replace(&format!(" {e}"), &format!(" data.{e}"));
    }
    let mut unknown = Vec::new();
    super::unknown::marked_in(&super::to_value(effective), &mut unknown);
    for v in effective.galleries.iter().flat_map(|g| &g.images).flat_map(|d| &d.versions) {
        if let Some(e) = v.unknown.get("publishingProfile.replicaCount")
            && !unknown.iter().any(|x| x.eq_ignore_ascii_case(e))
        {
            unknown.push(e.to_owned());
        }
    }
    let mut out = String::new();
    file_header(
        &mut out,
        "#",
        plan,
        " (azurerm provider)",
        "Run: terraform init, then terraform plan (and apply).",
        &notes.0,
    );
    out.push_str("\nterraform {\n  required_providers {\n    azurerm = {\n      source  = \"hashicorp/azurerm\"\n      version = \"~> 5.2\"\n    }\n");
    if azapi {
        out.push_str("    azapi = {\n      source  = \"Azure/azapi\"\n      version = \"~> 2.0\"\n    }\n");
    }
    out.push_str("  }\n}\n\nprovider \"azurerm\" {\n  features {}\n  subscription_id = var.subscription_id\n}\n\n");
    let _ = writeln!(
        out,
        "variable \"subscription_id\" {{\n  type    = string\n  default = {}\n}}\n",
        hcl(plan.subscription_id.as_deref().unwrap_or("00000000-0000-0000-0000-000000000000"))
    );
    let _ = writeln!(
        out,
        "variable \"resource_group_name\" {{\n  type    = string\n  default = {}\n}}\n",
        hcl(plan.resource_group.as_deref().unwrap_or("my-resource-group"))
    );
    let mut declared: Vec<String> = Vec::new();
    for e in &unknown {
        let name = super::unknown::variable_for(e);
        if declared.contains(&name) {
            continue;
        }
        let _ = writeln!(
            out,
            "variable \"{name}\" {{\n  description = {}\n}}\n",
            hcl(&format!("Not known before deployment: the template's [{e}]"))
        );
        declared.push(name);
    }
    out.push_str(&body);
    // One newline at the end, as terraform fmt leaves it.
    while out.ends_with("\n\n") {
        out.pop();
    }
    align(&out)
}

fn gallery(g: &Gallery, gsym: &str, notes: &mut Notes, out: &mut String) {
    let _ = writeln!(out, "resource \"azurerm_shared_image_gallery\" \"{gsym}\" {{");
    let _ = writeln!(out, "  name = {}", hcl(&g.name));
    out.push_str("  resource_group_name = var.resource_group_name\n");
    let _ = writeln!(out, "  location = {}", hcl(region_key(&g.location)));
    if let Some(d) = &g.description {
        let _ = writeln!(out, "  description = {}", hcl(d));
    }
    if let Some(s) = &g.sharing_profile {
        if let Some(p) = &s.permissions {
            let _ = writeln!(out, "\n  sharing {{\n    permission = {}", hcl(p.as_str()));
            if let Some(c) = &s.community_gallery_info {
                match (&c.eula, &c.public_name_prefix, &c.publisher_contact, &c.publisher_uri) {
                    (Some(e), Some(p), Some(m), Some(u)) => {
                        let _ = writeln!(
                            out,
                            "\n    community_gallery {{\n      eula = {}\n      prefix = {}\n      publisher_email = {}\n      publisher_uri = {}\n    }}",
                            hcl(e),
                            hcl(p),
                            hcl(m),
                            hcl(u)
                        );
                    }
                    _ => notes.add(format!(
                        "gallery {}: sharingProfile.communityGalleryInfo is written only with all of eula, prefix, publisher email and URI (azurerm requires them)",
                        g.name
                    )),
                }
            }
            out.push_str("  }\n");
        }
        if !s.groups.is_empty() {
            notes.add(format!(
                "gallery {}: sharingProfile.groups: sharing with subscriptions and tenants is an action azurerm does not take: run `az sig share add` after apply (the az export has the command)",
                g.name
            ));
        }
    }
    if g.identity.is_some() {
        notes.add(format!(
            "gallery {}: identity: azurerm_shared_image_gallery has no identity block; the identity is not written",
            g.name
        ));
    }
    if g.soft_delete_policy.as_ref().and_then(|s| s.is_soft_delete_enabled).is_some() {
        notes.add(format!(
            "gallery {}: softDeletePolicy: azurerm has no soft delete attribute; soft delete is not written",
            g.name
        ));
    }
    if !g.extra.is_empty() {
        notes.add(format!(
            "gallery {}: {} not written (no azurerm attribute)",
            g.name,
            g.extra.keys().cloned().collect::<Vec<_>>().join(", ")
        ));
    }
    tags(out, &g.tags);
    out.push_str("}\n\n");
}

#[allow(clippy::too_many_lines, reason = "one attribute after the other, in azurerm's order")]
fn definition(g: &Gallery, d: &ImageDefinition, gsym: &str, dsym: &str, notes: &mut Notes, out: &mut String) {
    let path = format!("{}/{}", g.name, d.name);
    let _ = writeln!(out, "resource \"azurerm_shared_image\" \"{dsym}\" {{");
    let _ = writeln!(out, "  name = {}", hcl(&d.name));
    let _ = writeln!(out, "  gallery_name = azurerm_shared_image_gallery.{gsym}.name");
    out.push_str("  resource_group_name = var.resource_group_name\n");
    let _ = writeln!(out, "  location = {}", hcl(region_key(d.location.as_ref().unwrap_or(&g.location))));
    if let Some(o) = &d.os_type {
        let _ = writeln!(out, "  os_type = {}", hcl(o.as_str()));
    }
    if let Some(h) = &d.hyper_v_generation {
        let _ = writeln!(out, "  hyper_v_generation = {}", hcl(h.as_str()));
    }
    if let Some(a) = &d.architecture {
        let _ = writeln!(out, "  architecture = {}", hcl(a.as_str()));
    }
    if d.os_state == Some(crate::model::OsState::Specialized) {
        out.push_str("  specialized = true\n");
    }
    for f in &d.features {
        let value = f.value.trim();
        let is = |v: &str| value.eq_ignore_ascii_case(v);
        let flag = match f.name.as_str() {
            n if n.eq_ignore_ascii_case("SecurityType") => match SecurityType::parse(value) {
                SecurityType::TrustedLaunchSupported => Some("trusted_launch_supported"),
                SecurityType::TrustedLaunch => Some("trusted_launch_enabled"),
                SecurityType::ConfidentialVmSupported => Some("confidential_vm_supported"),
                SecurityType::ConfidentialVm => Some("confidential_vm_enabled"),
                _ => None,
            },
            n if n.eq_ignore_ascii_case("IsAcceleratedNetworkSupported") && is("true") => {
                Some("accelerated_network_support_enabled")
            }
            n if n.eq_ignore_ascii_case("DiskControllerTypes")
                && value.replace(' ', "").eq_ignore_ascii_case("SCSI,NVMe") =>
            {
                Some("disk_controller_type_nvme_enabled")
            }
            n if n.eq_ignore_ascii_case("IsHibernateSupported") && is("true") => Some("hibernation_enabled"),
            _ => None,
        };
        match flag {
            Some(flag) => {
                let _ = writeln!(out, "  {flag} = true");
                if flag == "confidential_vm_supported" {
                    notes.add(format!(
                        "image definition {path}: features: azurerm sends SecurityType {} as 'ConfidentialVmSupported' (its spelling of the same value)",
                        f.value
                    ));
                }
            }
            None => notes.add(format!(
                "image definition {path}: features: the feature {}={} has no azurerm attribute and is not written",
                f.name, f.value
            )),
        }
        if f.starts_at_version.is_some() {
            notes.add(format!(
                "image definition {path}: features: the feature {}'s startsAtVersion has no azurerm attribute",
                f.name
            ));
        }
    }
    if let Some(e) = &d.end_of_life_date {
        let _ = writeln!(out, "  end_of_life_date = {}", hcl(e));
    }
    if let Some(x) = &d.description {
        let _ = writeln!(out, "  description = {}", hcl(x));
    }
    if let Some(x) = &d.eula {
        let _ = writeln!(out, "  eula = {}", hcl(x));
    }
    if let Some(x) = &d.privacy_statement_uri {
        let _ = writeln!(out, "  privacy_statement_uri = {}", hcl(x));
    }
    if let Some(x) = &d.release_note_uri {
        let _ = writeln!(out, "  release_note_uri = {}", hcl(x));
    }
    if let Some(r) = &d.recommended {
        let ranges = [("vcpu_count", r.v_cpus.as_ref(), 80), ("memory_in_gb", r.memory.as_ref(), 640)];
        for (what, range, max) in ranges {
            for (end, value) in [("min", range.and_then(|x| x.min)), ("max", range.and_then(|x| x.max))] {
                match value {
                    Some(n) if (1..=max).contains(&n) => {
                        let _ = writeln!(out, "  {end}_recommended_{what} = {n}");
                    }
                    Some(n) => notes.add(format!(
                        "image definition {path}: recommended: {end}_recommended_{what} = {n} is outside azurerm's range 1-{max} and is not written"
                    )),
                    None => {}
                }
            }
        }
    }
    if let Some(dis) = &d.disallowed
        && !dis.disk_types.is_empty()
    {
        // azurerm accepts these two values only.
        let (kept, dropped): (Vec<&String>, Vec<&String>) =
            dis.disk_types.iter().partition(|t| matches!(t.as_str(), "Standard_LRS" | "Premium_LRS"));
        if !kept.is_empty() {
            let list: Vec<String> = kept.iter().map(|t| hcl(t)).collect();
            let _ = writeln!(out, "  disk_types_not_allowed = [{}]", list.join(", "));
        }
        for t in dropped {
            notes.add(format!(
                "image definition {path}: disallowed.diskTypes: {t} is not a value azurerm accepts (Standard_LRS, Premium_LRS) and is not written"
            ));
        }
    }
    if d.allow_update_image.is_some() {
        notes.add(format!(
            "image definition {path}: allowUpdateImage has no azurerm attribute (it matters only to updates)"
        ));
    }
    if !d.extra.is_empty() {
        notes.add(format!(
            "image definition {path}: {} not written (no azurerm attribute)",
            d.extra.keys().cloned().collect::<Vec<_>>().join(", ")
        ));
    }
    let _ = writeln!(
        out,
        "\n  identifier {{\n    publisher = {}\n    offer = {}\n    sku = {}\n  }}",
        hcl(&d.identifier.publisher),
        hcl(&d.identifier.offer),
        hcl(&d.identifier.sku)
    );
    if let Some(p) = &d.purchase_plan {
        match &p.name {
            Some(name) => {
                let _ = writeln!(out, "\n  purchase_plan {{\n    name = {}", hcl(name));
                if let Some(x) = &p.publisher {
                    let _ = writeln!(out, "    publisher = {}", hcl(x));
                }
                if let Some(x) = &p.product {
                    let _ = writeln!(out, "    product = {}", hcl(x));
                }
                out.push_str("  }\n");
            }
            None => notes.add(format!(
                "image definition {path}: purchasePlan without a name cannot be written (azurerm requires it)"
            )),
        }
    }
    tags(out, &d.tags);
    out.push_str("}\n\n");
}

/// Why a version needs `azapi_resource`: what `azurerm_shared_image_version` has no attribute for.
fn azurerm_gaps(v: &ImageVersion) -> Vec<&'static str> {
    let mut gaps = Vec::new();
    let pp = &v.publishing_profile;
    let sp = v.storage_profile.as_ref();
    let src = sp.and_then(|s| s.source.as_ref());
    let os = sp.and_then(|s| s.os_disk_image.as_ref());
    if sp.is_some_and(|s| !s.data_disk_images.is_empty()) {
        gaps.push("data disk images");
    }
    if src.is_some_and(|s| s.community_gallery_image_id.is_some()) {
        gaps.push("a community gallery image source");
    }
    if src.and_then(|s| s.id.as_deref()).is_some_and(|id| {
        let l = id.to_ascii_lowercase();
        !l.contains("/providers/microsoft.compute/images/") && !is_vm_id(id)
    }) {
        gaps.push("a source that is neither a managed image nor a VM");
    }
    let whole = src.is_some_and(|s| s.id.is_some() || s.virtual_machine_id.is_some());
    if whole && os.is_some() {
        gaps.push("a whole-image source together with an OS disk source");
    }
    if sp
        .into_iter()
        .flat_map(|s| s.os_disk_image.iter().chain(s.data_disk_images.iter()))
        .any(|d| d.host_caching.is_some())
    {
        gaps.push("host caching");
    }
    if pp.target_regions.iter().any(|t| {
        matches!(t.storage_account_type, Some(StorageAccountType::PremiumV2Lrs | StorageAccountType::Unknown(_)))
    }) {
        gaps.push("a storage type other than Standard_LRS, Standard_ZRS or Premium_LRS");
    }
    if pp.target_regions.iter().any(|t| {
        t.encryption.as_ref().is_some_and(|e| {
            !e.data_disk_images.is_empty()
                || e.os_disk_image.as_ref().is_some_and(|o| o.security_profile.is_some() || !o.extra.is_empty())
                || !e.extra.is_empty()
        })
    }) {
        gaps.push("data disk or confidential VM encryption");
    }
    if v.safety_profile.as_ref().is_some_and(|s| s.block_deletion_before_end_of_life.is_some() || !s.extra.is_empty()) {
        gaps.push("blockDeletionBeforeEndOfLife");
    }
    if v.security_profile.is_some() {
        gaps.push("securityProfile");
    }
    if !pp.target_extended_locations.is_empty()
        || pp.target_regions.iter().any(|t| !t.additional_replica_sets.is_empty())
    {
        gaps.push("edge zones or additional replica sets");
    }
    if !v.extra.is_empty() || !pp.extra.is_empty() || pp.target_regions.iter().any(|t| !t.extra.is_empty()) {
        gaps.push("unknown properties");
    }
    gaps
}

/// Writes a version; true when it is an `azapi_resource`.
fn version(
    plan: &Plan,
    g: &Gallery,
    d: &ImageDefinition,
    v: &ImageVersion,
    (gsym, dsym, vsym): (&str, &str, &str),
    notes: &mut Notes,
    out: &mut String,
) -> bool {
    let path = format!("{}/{}/{}", g.name, d.name, v.name);
    let pp = &v.publishing_profile;
    let location = v.location.as_ref().or(d.location.as_ref()).unwrap_or(&g.location);
    let gaps = azurerm_gaps(v);
    if !gaps.is_empty() {
        notes.add(format!(
            "image version {path}: azurerm_shared_image_version has no attribute for {}: written as an azapi_resource with the REST body",
            gaps.join(", ")
        ));
        let vv = super::to_value(v);
        let mut props = super::rest_properties(&vv, &super::VERSION_PLANNER);
        super::strip_facts(&mut props);
        let _ = writeln!(out, "resource \"azapi_resource\" \"{vsym}\" {{");
        let _ = writeln!(out, "  type = \"Microsoft.Compute/galleries/images/versions@{}\"", plan.api_version.as_str());
        let _ = writeln!(out, "  name = {}", hcl(&v.name));
        let _ = writeln!(out, "  parent_id = azurerm_shared_image.{dsym}.id");
        let _ = writeln!(out, "  location = {}", hcl(region_key(location)));
        out.push_str("  body = {\n    properties = ");
        hcl_value(&Value::Object(props), 2, out);
        out.push_str("\n  }\n");
        tags(out, &v.tags);
        out.push_str("}\n\n");
        return true;
    }
    let _ = writeln!(out, "resource \"azurerm_shared_image_version\" \"{vsym}\" {{");
    let _ = writeln!(out, "  name = {}", hcl(&v.name));
    let _ = writeln!(out, "  gallery_name = azurerm_shared_image_gallery.{gsym}.name");
    let _ = writeln!(out, "  image_name = azurerm_shared_image.{dsym}.name");
    out.push_str("  resource_group_name = var.resource_group_name\n");
    let _ = writeln!(out, "  location = {}", hcl(region_key(location)));
    let sp = v.storage_profile.as_ref();
    let src = sp.and_then(|s| s.source.as_ref());
    if let Some(id) = src.and_then(|s| s.virtual_machine_id.as_deref().or(s.id.as_deref())) {
        // azurerm takes a managed image or a VM here (a VM becomes virtualMachineId).
        let _ = writeln!(out, "  managed_image_id = {}", hcl(id));
    }
    if let Some(s) = sp.and_then(|s| s.os_disk_image.as_ref()).and_then(|o| o.source.as_ref()) {
        if let Some(id) = &s.id {
            let _ = writeln!(out, "  os_disk_snapshot_id = {}", hcl(id));
        } else if let (Some(uri), Some(account)) = (&s.uri, &s.storage_account_id) {
            let _ = writeln!(out, "  blob_uri = {}\n  storage_account_id = {}", hcl(uri), hcl(account));
        }
    }
    if let Some(x) = pp.exclude_from_latest {
        let _ = writeln!(out, "  exclude_from_latest = {x}");
    }
    if let Some(e) = &pp.end_of_life_date {
        let _ = writeln!(out, "  end_of_life_date = {}", hcl(e));
    }
    if let Some(m) = &pp.replication_mode {
        let _ = writeln!(out, "  replication_mode = {}", hcl(m.as_str()));
    }
    if let Some(x) = v.safety_profile.as_ref().and_then(|s| s.allow_deletion_of_replicated_locations) {
        let _ = writeln!(out, "  deletion_of_replicated_locations_enabled = {x}");
    }
    if pp.replica_count.is_some() {
        notes.add(format!(
            "image version {path}: publishingProfile.replicaCount: azurerm has no version-wide replica count; every target_region has its count"
        ));
    }
    if pp.storage_account_type.is_some() || pp.storage_account_strategy.is_some() {
        notes.add(format!(
            "image version {path}: publishingProfile.storageAccountType and storageAccountStrategy: azurerm has neither; every target_region has the type they give"
        ));
    }
    for t in &pp.target_regions {
        let _ = writeln!(out, "\n  target_region {{\n    name = {}", hcl(region_key(&t.name)));
        match (t.regional_replica_count, v.unknown.get("publishingProfile.replicaCount")) {
            // The count every region takes is the template's expression: a variable.
            (None, Some(e)) => {
                let _ = writeln!(out, "    regional_replica_count = var.{}", super::unknown::variable_for(e));
            }
            _ => {
                let _ = writeln!(out, "    regional_replica_count = {}", v.replicas_in(t));
            }
        }
        if let Some(s) = &t.storage_account_type {
            let _ = writeln!(out, "    storage_account_type = {}", hcl(s.as_str()));
        }
        if let Some(des) = t
            .encryption
            .as_ref()
            .and_then(|e| e.os_disk_image.as_ref())
            .and_then(|o| o.disk_encryption_set_id.as_deref())
        {
            let _ = writeln!(out, "    disk_encryption_set_id = {}", hcl(des));
        }
        if let Some(x) = t.exclude_from_latest {
            let _ = writeln!(out, "    exclude_from_latest_enabled = {x}");
        }
        out.push_str("  }\n");
    }
    tags(out, &v.tags);
    out.push_str("}\n\n");
    false
}
