//! The `az` export: a `set -euo pipefail` bash script of `az sig` commands, one argument per word, checked
//! against az 2.91's own parser (the conformance stage). What `az sig ... create` has no argument for is set
//! with `az sig ... update --set` (az's generic update) or, where neither can carry it, named in the notes.
#![allow(clippy::many_single_char_names, reason = "g, d, v are the gallery, definition and version throughout")]

use core::fmt::Write as _;

use super::export::{Notes, file_header, is_vm_id};
use crate::model::{Gallery, ImageDefinition, ImageVersion, Plan, ResourceIdentityType, SecurityType};
use crate::region::RegionName;

/// Quotes for bash: single quotes, with embedded single quotes closed, escaped and reopened.
pub(crate) fn sh(s: &str) -> String {
    if let Some(e) = super::unknown::marked(s) {
        return format!("\"${}\"", super::unknown::variable_for(e).to_ascii_uppercase());
    }
    format!("'{}'", s.replace('\'', "'\\''"))
}

/// One command: `az` and its words, each already quoted for bash; written with one option per line.
struct Command {
    words: Vec<String>,
}

impl Command {
    fn new(sub: &str) -> Self {
        let mut words: Vec<String> = sub.split(' ').map(str::to_owned).collect();
        words.extend(
            ["--subscription", "\"$SUBSCRIPTION\"", "--resource-group", "\"$RESOURCE_GROUP\""].map(String::from),
        );
        Self { words }
    }
    /// `--flag 'value'`.
    fn arg(&mut self, flag: &str, value: &str) -> &mut Self {
        self.words.push(flag.to_owned());
        self.words.push(sh(value));
        self
    }
    /// `--flag 'a' 'b' ...` (a list argument: one word per item).
    fn list<I: IntoIterator<Item = String>>(&mut self, flag: &str, values: I) -> &mut Self {
        self.words.push(flag.to_owned());
        self.words.extend(values.into_iter().map(|v| sh(&v)));
        self
    }
    fn write(&self, out: &mut String) {
        // The command and its resource on the first line, then one option (with its values) per line.
        let mut first = true;
        for w in &self.words {
            if w.starts_with("--") && !first && !matches!(w.as_str(), "--subscription" | "--resource-group") {
                out.push_str(" \\\n ");
            }
            if !first {
                out.push(' ');
            }
            out.push_str(w);
            first = false;
        }
        out.push_str("\n\n");
    }
}

/// Tags as az's `key=value` words.
fn tags(tags: &crate::model::Tags) -> Vec<String> {
    tags.iter().map(|(k, v)| format!("{k}={v}")).collect()
}

/// A key or value in az's shorthand syntax (aaz commands): as is when plain, else single-quoted.
fn shorthand(s: &str) -> String {
    if !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '/' | '@' | '+')) {
        s.to_owned()
    } else {
        format!("'{}'", s.replace('\'', "/'"))
    }
}

fn region(r: &RegionName) -> String {
    if super::unknown::marked(r.as_str()).is_some() { r.as_str().to_owned() } else { r.key().to_owned() }
}

/// `effective` is the plan with Azure's defaults written; `plan` the plan as the user wrote it (for the header).
pub(crate) fn az(effective: &Plan, plan: &Plan, notes: &mut Notes) -> String {
    let mut body = String::new();
    for g in &effective.galleries {
        if !g.unknown.is_reference() {
            gallery(g, notes, &mut body);
        }
        for d in &g.images {
            if !d.unknown.is_reference() {
                definition(g, d, notes, &mut body);
            }
            for v in &d.versions {
                version(effective, g, d, v, notes, &mut body);
            }
        }
    }
    let mut out = String::from("#!/usr/bin/env bash\n");
    file_header(
        &mut out,
        "#",
        plan,
        "",
        "Run: az login, then bash this-file.sh (SUBSCRIPTION and RESOURCE_GROUP may be set in the environment).",
        &notes.0,
    );
    out.push_str("set -euo pipefail\n\n");
    let _ = writeln!(
        out,
        "SUBSCRIPTION=\"${{SUBSCRIPTION:-{}}}\"",
        plan.subscription_id
            .as_deref()
            .unwrap_or("00000000-0000-0000-0000-000000000000")
            .replace(['"', '$', '`', '\\', '}'], "")
    );
    let _ = writeln!(
        out,
        "RESOURCE_GROUP=\"${{RESOURCE_GROUP:-{}}}\"\n",
        plan.resource_group.as_deref().unwrap_or("my-resource-group").replace(['"', '$', '`', '\\', '}'], "")
    );
    let mut unknown = Vec::new();
    super::unknown::marked_in(&super::to_value(effective), &mut unknown);
    let mut declared: Vec<String> = Vec::new();
    for e in &unknown {
        let name = super::unknown::variable_for(e).to_ascii_uppercase();
        if !declared.contains(&name) {
            let _ = writeln!(
                out,
                "{name}=\"${{{name}:?set {name}: not known before deployment (the template's [{}])}}\"",
                e.replace(['"', '$', '`', '\\', '}'], "")
            );
            declared.push(name);
        }
    }
    if !declared.is_empty() {
        out.push('\n');
    }
    out.push_str(&body);
    out
}

fn gallery(g: &Gallery, notes: &mut Notes, out: &mut String) {
    let mut c = Command::new("az sig create");
    c.arg("--gallery-name", &g.name).arg("--location", &region(&g.location));
    if let Some(d) = &g.description {
        c.arg("--description", d);
    }
    if !g.tags.is_empty() {
        // `az sig create` reads --tags in az's shorthand syntax: text with spaces or syntax characters is
        // single-quoted there, a quote inside written `/'`.
        c.list("--tags", g.tags.iter().map(|(k, v)| format!("{}={}", shorthand(k), shorthand(v))));
    }
    if let Some(i) = &g.identity {
        let system =
            matches!(i.kind, Some(ResourceIdentityType::SystemAssigned | ResourceIdentityType::SystemAndUserAssigned));
        if system {
            c.words.push("--mi-system-assigned".to_owned());
        }
        if let Some(users) = &i.user_assigned_identities
            && !users.is_empty()
        {
            c.list("--mi-user-assigned", users.keys().cloned());
        }
        if !i.extra.is_empty() {
            notes.add(format!(
                "gallery {}: identity: settings other than the type and user identities have no az argument",
                g.name
            ));
        }
    }
    let mut share = None;
    if let Some(s) = &g.sharing_profile {
        if let Some(p) = &s.permissions {
            c.arg("--permissions", p.as_str());
        }
        if let Some(ci) = &s.community_gallery_info {
            if let Some(u) = &ci.publisher_uri {
                c.arg("--publisher-uri", u);
            }
            if let Some(u) = &ci.publisher_contact {
                c.arg("--publisher-email", u);
            }
            if let Some(u) = &ci.eula {
                c.arg("--eula", u);
            }
            if let Some(u) = &ci.public_name_prefix {
                c.arg("--public-name-prefix", u);
            }
        }
        if !s.groups.is_empty() {
            let mut share_cmd = Command::new("az sig share add");
            share_cmd.arg("--gallery-name", &g.name);
            let ids = |kind: crate::model::SharingGroupType| -> Vec<String> {
                s.groups.iter().filter(|x| x.kind.as_ref() == Some(&kind)).flat_map(|x| x.ids.iter().cloned()).collect()
            };
            let subs = ids(crate::model::SharingGroupType::Subscriptions);
            let tenants = ids(crate::model::SharingGroupType::AadTenants);
            if !subs.is_empty() {
                share_cmd.list("--subscription-ids", subs);
            }
            if !tenants.is_empty() {
                share_cmd.list("--tenant-ids", tenants);
            }
            if s.groups.iter().any(|x| {
                !matches!(
                    x.kind,
                    Some(crate::model::SharingGroupType::Subscriptions | crate::model::SharingGroupType::AadTenants)
                )
            }) {
                notes.add(format!("gallery {}: a sharing group of an unknown type is not shared", g.name));
            }
            share = Some(share_cmd);
        }
    }
    if let Some(sd) = g.soft_delete_policy.as_ref().and_then(|s| s.is_soft_delete_enabled) {
        c.arg("--soft-delete", if sd { "true" } else { "false" });
    }
    if !g.extra.is_empty() {
        notes.add(format!(
            "gallery {}: {} has no az argument (use the ARM or Bicep export)",
            g.name,
            g.extra.keys().cloned().collect::<Vec<_>>().join(", ")
        ));
    }
    c.write(out);
    if let Some(s) = share {
        s.write(out);
    }
}

fn definition(g: &Gallery, d: &ImageDefinition, notes: &mut Notes, out: &mut String) {
    let path = format!("{}/{}", g.name, d.name);
    let mut c = Command::new("az sig image-definition create");
    c.arg("--gallery-name", &g.name)
        .arg("--gallery-image-definition", &d.name)
        .arg("--location", &region(d.location.as_ref().unwrap_or(&g.location)))
        .arg("--publisher", &d.identifier.publisher)
        .arg("--offer", &d.identifier.offer)
        .arg("--sku", &d.identifier.sku);
    if let Some(o) = &d.os_type {
        c.arg("--os-type", o.as_str());
    }
    if let Some(o) = &d.os_state {
        c.arg("--os-state", o.as_str());
    }
    if let Some(h) = &d.hyper_v_generation {
        c.arg("--hyper-v-generation", h.as_str());
    }
    if let Some(a) = &d.architecture {
        c.arg("--architecture", a.as_str());
    }
    // az reads --features as one word and splits it on spaces.
    let mut features = Vec::new();
    for f in &d.features {
        if f.name.contains(char::is_whitespace) || f.value.contains(char::is_whitespace) || f.name.contains('=') {
            notes.add(format!(
                "image definition {path}: features: the feature {}={} cannot be passed to az (az splits --features on spaces); set it with the ARM, Bicep or Terraform export",
                f.name, f.value
            ));
            continue;
        }
        if f.starts_at_version.is_some() {
            notes.add(format!(
                "image definition {path}: features: the feature {}'s startsAtVersion has no az argument",
                f.name
            ));
        }
        if f.name.eq_ignore_ascii_case("SecurityType") && SecurityType::parse(&f.value) == SecurityType::Standard {
            notes.add(format!(
                "image definition {path}: features: az sends SecurityType=Standard as no SecurityType feature (its way of saying 'not trusted launch')"
            ));
        }
        features.push(format!("{}={}", f.name, f.value));
    }
    if d.security_type().is_none() && d.hyper_v_generation == Some(crate::model::HyperVGeneration::V2) {
        // az adds SecurityType=TrustedLaunchSupported to every V2 definition unless told otherwise; before
        // 2025-03-03 Azure does not, and SecurityType=Standard is az's way of adding nothing.
        features.push("SecurityType=Standard".to_owned());
    }
    if !features.is_empty() {
        c.arg("--features", &features.join(" "));
    }
    if let Some(e) = &d.end_of_life_date {
        c.arg("--end-of-life-date", e);
    }
    if let Some(e) = &d.eula {
        c.arg("--eula", e);
    }
    if let Some(r) = &d.recommended {
        if let Some(v) = &r.v_cpus {
            if let Some(n) = v.min {
                c.arg("--minimum-cpu-core", &n.to_string());
            }
            if let Some(n) = v.max {
                c.arg("--maximum-cpu-core", &n.to_string());
            }
        }
        if let Some(m) = &r.memory {
            if let Some(n) = m.min {
                c.arg("--minimum-memory", &n.to_string());
            }
            if let Some(n) = m.max {
                c.arg("--maximum-memory", &n.to_string());
            }
        }
    }
    if let Some(dis) = &d.disallowed
        && !dis.disk_types.is_empty()
    {
        c.list("--disallowed-disk-types", dis.disk_types.iter().cloned());
    }
    if let Some(p) = &d.purchase_plan {
        if let Some(n) = &p.name {
            c.arg("--plan-name", n);
        }
        if let Some(n) = &p.publisher {
            c.arg("--plan-publisher", n);
        }
        if let Some(n) = &p.product {
            c.arg("--plan-product", n);
        }
    }
    if !d.tags.is_empty() {
        c.list("--tags", tags(&d.tags));
    }
    if d.allow_update_image.is_some() {
        notes.add(format!("image definition {path}: allowUpdateImage has no az argument (it matters only to updates)"));
    }
    if !d.extra.is_empty() {
        notes.add(format!(
            "image definition {path}: {} has no az argument (use the ARM or Bicep export)",
            d.extra.keys().cloned().collect::<Vec<_>>().join(", ")
        ));
    }
    c.write(out);
    // `az sig image-definition create` takes these but does not send them: set them with the generic update.
    let mut sets = Vec::new();
    if let Some(x) = &d.description {
        sets.push(format!("description={}", json_string(x)));
    }
    if let Some(x) = &d.privacy_statement_uri {
        sets.push(format!("privacyStatementUri={}", json_string(x)));
    }
    if let Some(x) = &d.release_note_uri {
        sets.push(format!("releaseNoteUri={}", json_string(x)));
    }
    if !sets.is_empty() {
        let mut u = Command::new("az sig image-definition update");
        u.arg("--gallery-name", &g.name).arg("--gallery-image-definition", &d.name).list("--set", sets);
        u.write(out);
    }
}

/// A string as a JSON literal, so az's `--set` keeps it a string (`"123"` stays text, not a number).
fn json_string(s: &str) -> String {
    serde_json::Value::String(s.to_owned()).to_string()
}

/// How a version's source is passed to `az sig image-version create`; `None` when az has no argument for it.
fn source_args(v: &ImageVersion, c: &mut Command) -> Result<(), String> {
    let Some(sp) = &v.storage_profile else { return Err("it has no source".to_owned()) };
    let mut any = false;
    if let Some(src) = &sp.source {
        if let Some(vm) = &src.virtual_machine_id {
            c.arg("--virtual-machine", vm);
            any = true;
        } else if let Some(id) = &src.id {
            let lower = id.to_ascii_lowercase();
            if is_vm_id(id) {
                c.arg("--virtual-machine", id);
            } else if lower.contains("/galleries/") && lower.contains("/versions/") {
                c.arg("--image-version", id);
            } else {
                c.arg("--managed-image", id);
            }
            any = true;
        }
        if src.community_gallery_image_id.is_some() {
            return Err("az sig image-version create has no argument for a community gallery image source".to_owned());
        }
    }
    if let Some(os) = &sp.os_disk_image {
        match os.source.as_ref() {
            Some(s) if s.id.is_some() => {
                c.arg("--os-snapshot", s.id.as_deref().unwrap_or_default());
                any = true;
            }
            Some(s) if s.uri.is_some() && s.storage_account_id.is_some() => {
                c.arg("--os-vhd-uri", s.uri.as_deref().unwrap_or_default());
                c.arg("--os-vhd-storage-account", s.storage_account_id.as_deref().unwrap_or_default());
                any = true;
            }
            _ => {
                return Err(
                    "its OS disk source is neither a snapshot or disk id nor a VHD with its storage account".to_owned()
                );
            }
        }
    }
    let mut snap = Vec::new();
    let mut vhd = Vec::new();
    for d in &sp.data_disk_images {
        let lun = d.lun.unwrap_or_default().to_string();
        match d.source.as_ref() {
            Some(s) if s.id.is_some() => snap.push((s.id.clone().unwrap_or_default(), lun)),
            Some(s) if s.uri.is_some() && s.storage_account_id.is_some() => {
                vhd.push((s.uri.clone().unwrap_or_default(), lun, s.storage_account_id.clone().unwrap_or_default()));
            }
            _ => {
                return Err(
                    "a data disk source is neither a snapshot or disk id nor a VHD with its storage account".to_owned()
                );
            }
        }
    }
    if !snap.is_empty() {
        c.list("--data-snapshots", snap.iter().map(|x| x.0.clone()));
        c.list("--data-snapshot-luns", snap.iter().map(|x| x.1.clone()));
    }
    if !vhd.is_empty() {
        c.list("--data-vhds-uris", vhd.iter().map(|x| x.0.clone()));
        c.list("--data-vhds-luns", vhd.iter().map(|x| x.1.clone()));
        c.list("--data-vhds-storage-accounts", vhd.iter().map(|x| x.2.clone()));
    }
    if any { Ok(()) } else { Err("it has no source".to_owned()) }
}

#[allow(clippy::too_many_lines, reason = "one az argument after the other, in the order az documents them")]
fn version(plan: &Plan, g: &Gallery, d: &ImageDefinition, v: &ImageVersion, notes: &mut Notes, out: &mut String) {
    let path = format!("{}/{}/{}", g.name, d.name, v.name);
    let pp = &v.publishing_profile;
    let location = v.location.as_ref().or(d.location.as_ref()).unwrap_or(&g.location);
    let mut c = Command::new("az sig image-version create");
    c.arg("--gallery-name", &g.name)
        .arg("--gallery-image-definition", &d.name)
        .arg("--gallery-image-version", &v.name)
        .arg("--location", &region(location));
    if let Err(why) = source_args(v, &mut c) {
        // Nothing az sig can say: the REST call itself, with the body the ARM export has.
        notes.add(format!("image version {path}: {why}; it is created with `az rest` and the REST body instead"));
        rest_put(plan, g, d, v, out);
        return;
    }
    if !pp.target_regions.is_empty() {
        c.list(
            "--target-regions",
            pp.target_regions.iter().map(|t| {
                let mut w = region(&t.name);
                if let Some(n) = t.regional_replica_count {
                    let _ = write!(w, "={n}");
                }
                if let Some(s) = &t.storage_account_type {
                    let _ = write!(w, "={}", s.as_str());
                }
                w
            }),
        );
    }
    if let Some(n) = pp.replica_count {
        c.arg("--replica-count", &n.to_string());
    }
    if let Some(t) = &pp.storage_account_type {
        c.arg("--storage-account-type", t.as_str());
    }
    if pp.storage_account_strategy.is_some() {
        notes.add(format!(
            "image version {path}: publishingProfile.storageAccountStrategy has no az argument; the storage type it gives each region is written in --target-regions"
        ));
    }
    if let Some(x) = pp.exclude_from_latest {
        c.arg("--exclude-from-latest", if x { "true" } else { "false" });
    }
    if let Some(e) = &pp.end_of_life_date {
        c.arg("--end-of-life-date", e);
    }
    if let Some(m) = &pp.replication_mode {
        c.arg("--replication-mode", m.as_str());
    }
    // Encryption per region, in the order of --target-regions: `<os des>,<lun>,<des>,...` or `null`.
    let encrypted = pp.target_regions.iter().any(|t| {
        t.encryption.as_ref().is_some_and(|e| {
            e.os_disk_image.as_ref().is_some_and(|o| o.disk_encryption_set_id.is_some())
                || !e.data_disk_images.is_empty()
        })
    });
    if encrypted {
        c.list(
            "--target-region-encryption",
            pp.target_regions.iter().map(|t| {
                let e = t.encryption.as_ref();
                let os = e
                    .and_then(|e| e.os_disk_image.as_ref())
                    .and_then(|o| o.disk_encryption_set_id.clone())
                    .unwrap_or_else(|| "null".to_owned());
                let mut w = os;
                for dd in e.map(|e| e.data_disk_images.as_slice()).unwrap_or_default() {
                    let _ = write!(w, ",{},{}", dd.lun, dd.disk_encryption_set_id.as_deref().unwrap_or("null"));
                }
                w
            }),
        );
    }
    let cvm: Vec<Option<String>> = pp
        .target_regions
        .iter()
        .map(|t| {
            let sp = t.encryption.as_ref()?.os_disk_image.as_ref()?.security_profile.as_ref()?;
            let kind = sp.confidential_vm_encryption_type.as_ref()?;
            Some(format!("{},{}", kind.as_str(), sp.secure_vm_disk_encryption_set_id.as_deref().unwrap_or("")))
        })
        .collect();
    if cvm.iter().all(Option::is_some) && !cvm.is_empty() {
        c.list("--target-region-cvm-encryption", cvm.into_iter().flatten());
    } else if cvm.iter().any(Option::is_some) {
        notes.add(format!(
            "image version {path}: encryption.osDiskImage.securityProfile (confidential VM encryption) in some regions only has no az form (--target-region-cvm-encryption needs every region); use the ARM or Bicep export"
        ));
    }
    if let Some(s) = &v.safety_profile {
        if let Some(x) = s.allow_deletion_of_replicated_locations {
            c.arg("--allow-replicated-location-deletion", if x { "true" } else { "false" });
        }
        if let Some(x) = s.block_deletion_before_end_of_life {
            c.arg("--block-deletion-before-end-of-life", if x { "true" } else { "false" });
        }
    }
    if !v.tags.is_empty() {
        c.list("--tags", tags(&v.tags));
    }
    let caching = v
        .storage_profile
        .iter()
        .flat_map(|sp| sp.os_disk_image.iter().chain(sp.data_disk_images.iter()))
        .any(|disk| disk.host_caching.is_some());
    if caching {
        notes.add(format!("image version {path}: hostCaching has no az argument (Azure's default applies)"));
    }
    for (what, present) in [
        ("securityProfile", v.security_profile.is_some()),
        ("targetExtendedLocations", !pp.target_extended_locations.is_empty()),
        ("additionalReplicaSets", pp.target_regions.iter().any(|t| !t.additional_replica_sets.is_empty())),
        ("unknown properties", !v.extra.is_empty() || !pp.extra.is_empty()),
    ] {
        if present {
            notes
                .add(format!("image version {path}: {what} not written (no az argument); use the ARM or Bicep export"));
        }
    }
    c.write(out);
    // Regional exclude-from-latest has no create argument: set it on the version just created.
    let sets: Vec<String> = pp
        .target_regions
        .iter()
        .enumerate()
        .filter_map(|(i, t)| {
            t.exclude_from_latest.map(|x| format!("publishingProfile.targetRegions[{i}].excludeFromLatest={x}"))
        })
        .collect();
    if !sets.is_empty() {
        let mut u = Command::new("az sig image-version update");
        u.arg("--gallery-name", &g.name)
            .arg("--gallery-image-definition", &d.name)
            .arg("--gallery-image-version", &v.name)
            .list("--set", sets);
        u.write(out);
    }
}

/// `az rest --method put` with the version's REST body (the ARM export's `properties`).
fn rest_put(plan: &Plan, g: &Gallery, d: &ImageDefinition, v: &ImageVersion, out: &mut String) {
    let mut body = serde_json::Map::new();
    let location = v.location.as_ref().or(d.location.as_ref()).unwrap_or(&g.location);
    body.insert("location".into(), serde_json::Value::String(region(location)));
    let vv = super::to_value(v);
    if let Some(t) = vv.get("tags") {
        body.insert("tags".into(), t.clone());
    }
    let mut props = super::rest_properties(&vv, &super::VERSION_PLANNER);
    super::strip_facts(&mut props);
    body.insert("properties".into(), serde_json::Value::Object(props));
    // The variables in double quotes, the names (user text) in single quotes: bash joins the two.
    let path = format!(
        "/providers/Microsoft.Compute/galleries/{}/images/{}/versions/{}?api-version={}",
        g.name,
        d.name,
        v.name,
        plan.api_version.as_str()
    );
    let _ = write!(
        out,
        "az rest --method put \\\n  --url \"https://management.azure.com/subscriptions/$SUBSCRIPTION/resourceGroups/$RESOURCE_GROUP\"{} \\\n  --body {}\n\n",
        sh(&path),
        sh(&serde_json::Value::Object(body).to_string())
    );
}
