//! Image definition rules (IMG-*), uniqueness within a gallery, and subscription quotas.

use std::collections::HashMap;

use super::{Cx, Path, check_eol, check_region, names, push_name_issue, version};
use crate::model::{
    Architecture, Gallery, HyperVGeneration, ImageDefinition, OsState, OsType, SecurityType, SharingPermission,
};
use crate::report::Severity;

const MAX_DEFINITIONS_PER_REGION: usize = 1_000;
const MAX_VERSIONS_PER_REGION: usize = 10_000;

/// Disk SKUs a VM can use; anything else in `disallowed.diskTypes` is probably a typo (IMG-21).
const DISK_TYPES: [&str; 7] = [
    "Standard_LRS",
    "StandardSSD_LRS",
    "StandardSSD_ZRS",
    "Premium_LRS",
    "Premium_ZRS",
    "PremiumV2_LRS",
    "UltraSSD_LRS",
];

pub(super) fn check(cx: &mut Cx<'_>, gi: usize, di: usize, g: &Gallery, d: &ImageDefinition) {
    let base = format!("galleries[{gi}].images[{di}]");
    for n in names::definition_name_issues(&g.name, &d.name) {
        push_name_issue(cx, Path::new(&base).field("name"), n);
    }
    if let Some(loc) = &d.location {
        check_region(cx, Path::new(&base).field("location"), loc);
    }
    check_identifier(cx, &base, d);
    match &d.os_type {
        None => {
            cx.push(format!("{base}.osType"), "IMG-06", Severity::Error, "The OS type is required: Windows or Linux.")
                .fix("Set osType to Windows or Linux.");
        }
        Some(OsType::Unknown(t)) => {
            cx.push(format!("{base}.osType"), "IMG-06", Severity::Error, format!(
                "Cannot bind parameter 'OsType'. Specify one of the following enumerator names and try again: Windows, Linux (got '{t}')."
            ))
            .fix("Set osType to Windows or Linux.");
        }
        Some(_) => {}
    }
    match &d.os_state {
        None => {
            cx.push(
                format!("{base}.osState"),
                "IMG-07",
                Severity::Error,
                "The OS state is required: Generalized or Specialized.",
            )
            .fix("Set osState to Generalized (sysprepped/deprovisioned) or Specialized.");
        }
        Some(OsState::Unknown(t)) => {
            cx.push(format!("{base}.osState"), "IMG-07", Severity::Error, format!(
                "Cannot bind parameter 'OsState'. Specify one of the following enumerator names and try again: Generalized, Specialized (got '{t}')."
            ))
            .fix("Set osState to Generalized or Specialized.");
        }
        Some(_) => {}
    }
    if let Some(HyperVGeneration::Unknown(t)) = &d.hyper_v_generation {
        cx.push(
            format!("{base}.hyperVGeneration"),
            "IMG-08",
            Severity::Error,
            format!("'{t}' is not a Hyper-V generation: use V1 or V2."),
        )
        .fix("Set hyperVGeneration to V1 or V2.");
    }
    if let Some(Architecture::Unknown(t)) = &d.architecture {
        cx.push(
            format!("{base}.architecture"),
            "IMG-09",
            Severity::Error,
            format!("'{t}' is not an architecture: use x64 or Arm64."),
        )
        .fix("Set architecture to x64 or Arm64.");
    }
    check_recommended(cx, &base, d);
    if let Some(eol) = &d.end_of_life_date {
        check_eol(cx, Path::new(&base).field("endOfLifeDate"), "IMG-15", eol, "endOfLifeDate", true);
    }
    check_features(cx, &base, g, d);
    if let Some(dis) = &d.disallowed {
        for (i, t) in dis.disk_types.iter().enumerate() {
            if !DISK_TYPES.iter().any(|k| k.eq_ignore_ascii_case(t)) {
                cx.push(
                    format!("{base}.disallowed.diskTypes[{i}]"),
                    "IMG-21",
                    Severity::Warning,
                    format!("'{t}' is not a known disk type, so disallowing it has no effect."),
                )
                .fix(format!("Use one of {}.", DISK_TYPES.join(", ")));
            }
        }
    }
    version::check_definition_versions(cx, gi, di, g, d);
}

fn check_identifier(cx: &mut Cx<'_>, base: &str, d: &ImageDefinition) {
    for (prop, value, max) in [
        ("publisher", &d.identifier.publisher, 128usize),
        ("offer", &d.identifier.offer, 64),
        ("sku", &d.identifier.sku, 64),
    ] {
        let bad_chars = value.chars().any(|c| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')));
        if value.is_empty() || bad_chars || value.ends_with('.') || value.chars().count() > max {
            cx.push(format!("{base}.identifier.{prop}"), "IMG-10", Severity::Error, format!(
                "Asset name galleryImage.properties.identifier.{prop} is not valid. It cannot be empty. Allowed characters are uppercase or lowercase letters, digits, hyphen(-), period (.), underscore (_). Names are not allowed to end with period(.). The length of the name cannot exceed {max} characters."
            ))
            .azure("D5")
            .fix(format!("Use 1 to {max} English letters, digits, hyphens, underscores and periods, not ending with a period."));
        }
    }
}

fn check_recommended(cx: &mut Cx<'_>, base: &str, d: &ImageDefinition) {
    let Some(rec) = &d.recommended else { return };
    for (prop, range, tf_max, avm_max) in [("vCPUs", &rec.v_cpus, 80, 128), ("memory", &rec.memory, 640, 4000)] {
        let Some(r) = range else { continue };
        let path = format!("{base}.recommended.{prop}");
        for (end, v) in [("min", r.min), ("max", r.max)] {
            if let Some(v) = v {
                if v < 1 {
                    cx.push(
                        format!("{path}.{end}"),
                        "IMG-13",
                        Severity::Error,
                        format!("The {end} of recommended {prop} must be at least 1; it is {v}."),
                    )
                    .fix("Use a positive number.");
                } else if v > avm_max {
                    cx.push(
                        format!("{path}.{end}"),
                        "IMG-14",
                        Severity::Warning,
                        format!("A recommended {prop} {end} of {v} is above {avm_max}, more than any VM size offers."),
                    )
                    .fix("Check the unit: memory is in GB.");
                } else if v > tf_max {
                    cx.push(format!("{path}.{end}"), "IMG-14", Severity::Warning, format!(
                        "A recommended {prop} {end} of {v} is above {tf_max}, which Terraform's azurerm provider rejects."
                    ))
                    .fix("Keep it if you do not manage the gallery with Terraform.");
                }
            }
        }
        if let (Some(min), Some(max)) = (r.min, r.max)
            && min > max
        {
            cx.push(
                path,
                "IMG-13",
                Severity::Error,
                format!("The minimum value of {prop} must not be greater than the maximum value of {prop}."),
            )
            .azure("D11")
            .fix(format!("Swap them, or lower the minimum ({min}) to at most the maximum ({max})."));
        }
    }
}

fn check_features(cx: &mut Cx<'_>, base: &str, g: &Gallery, d: &ImageDefinition) {
    let mut security_seen = false;
    for (i, f) in d.features.iter().enumerate() {
        let path = format!("{base}.features[{i}]");
        match f.name.to_ascii_lowercase().as_str() {
            "securitytype" => {
                if security_seen {
                    cx.push(
                        format!("{path}.name"),
                        "IMG-16",
                        Severity::Error,
                        "Only one SecurityType feature is allowed per image definition.",
                    )
                    .fix("Remove the duplicate SecurityType feature.");
                }
                security_seen = true;
                let st = SecurityType::parse(&f.value);
                match &st {
                    SecurityType::Unknown(v) => {
                        cx.push(
                            format!("{path}.value"),
                            "IMG-16",
                            Severity::Error,
                            format!("'{v}' is not a SecurityType: use one of {}.", SecurityType::NAMES.join(", ")),
                        )
                        .fix("Choose a SecurityType value from the list.");
                    }
                    SecurityType::Standard => {}
                    _ => {
                        if d.effective_hyper_v_generation(&cx.plan.api_version) != HyperVGeneration::V2 {
                            cx.push(
                                format!("{base}.hyperVGeneration"),
                                "IMG-17",
                                Severity::Error,
                                format!("SecurityType {st} requires a hyperVGeneration V2 image definition."),
                            )
                            .fix("Set hyperVGeneration to V2 (trusted launch and confidential VMs are Gen2 only).");
                        }
                        let shared = matches!(
                            g.sharing_profile.as_ref().and_then(|s| s.permissions.as_ref()),
                            Some(SharingPermission::Groups | SharingPermission::Community)
                        );
                        if shared && matches!(st, SecurityType::TrustedLaunch | SecurityType::ConfidentialVm) {
                            cx.push(format!("{path}.value"), "IMG-18", Severity::Error, format!(
                                "SecurityType {st} is supported only in private galleries; this gallery is shared."
                            ))
                            .fix("Use TrustedLaunchSupported / ConfidentialVMSupported, or keep the definition in a private gallery.");
                        }
                    }
                }
            }
            "isacceleratednetworksupported" | "ishibernatesupported"
                if !(f.value.eq_ignore_ascii_case("true") || f.value.eq_ignore_ascii_case("false")) =>
            {
                cx.push(
                    format!("{path}.value"),
                    "IMG-19",
                    Severity::Error,
                    format!("Feature {} takes True or False, not '{}'.", f.name, f.value),
                )
                .fix("Set the value to True or False.");
            }
            "diskcontrollertypes" => {
                let v = f.value.replace(' ', "");
                if !(v.eq_ignore_ascii_case("SCSI") || v.eq_ignore_ascii_case("SCSI,NVMe")) {
                    cx.push(
                        format!("{path}.value"),
                        "IMG-19",
                        Severity::Error,
                        format!("Feature DiskControllerTypes takes \"SCSI\" or \"SCSI, NVMe\", not '{}'.", f.value),
                    )
                    .fix("Set the value to SCSI or \"SCSI, NVMe\".");
                }
            }
            _ => {}
        }
    }
}

/// Uniqueness of definition names (D2) and of publisher/offer/SKU (D12) within a gallery.
pub(super) fn check_gallery_wide(cx: &mut Cx<'_>, gi: usize, g: &Gallery) {
    let mut names: HashMap<String, usize> = HashMap::new();
    let mut triples: HashMap<(String, String, String), usize> = HashMap::new();
    for (di, d) in g.images.iter().enumerate() {
        let base = format!("galleries[{gi}].images[{di}]");
        let loc = d.location.as_ref().unwrap_or(&g.location);
        if let Some(first) = names.get(&d.name.to_ascii_lowercase()) {
            cx.push(format!("{base}.name"), "IMG-05", Severity::Error, format!(
                "The resource {}/{} already exists in location {} in resource group {}. A resource with the same name cannot be created in location {}. Please select a new resource name.",
                g.name, d.name, loc, cx.plan.resource_group.as_deref().unwrap_or("<resourceGroup>"), loc
            ))
            .azure("D2")
            .fix(format!("Rename it: images[{first}] has the same name (names are case-insensitive)."));
        } else {
            names.insert(d.name.to_ascii_lowercase(), di);
        }
        let id = &d.identifier;
        if id.publisher.is_empty() && id.offer.is_empty() && id.sku.is_empty() {
            continue;
        }
        let key = (id.publisher.to_ascii_lowercase(), id.offer.to_ascii_lowercase(), id.sku.to_ascii_lowercase());
        if let Some(first) = triples.get(&key) {
            cx.push(format!("{base}.identifier"), "IMG-11", Severity::Error, format!(
                "Gallery image: {} identified by (publisher:{}, offer:{}, sku:{}) already exists. Choose a different publisher, offer, sku combination.",
                d.name, id.publisher, id.offer, id.sku
            ))
            .azure("D12")
            .fix(format!("Change the SKU (or offer): images[{first}] uses the same combination."));
        } else {
            triples.insert(key, di);
        }
    }
}

/// Definitions and versions per subscription per region (IMG-23, VER-31).
pub(super) fn check_quotas(cx: &mut Cx<'_>) {
    let plan = cx.plan;
    let mut defs: HashMap<&str, (usize, String)> = HashMap::new();
    let mut vers: HashMap<&str, (usize, String)> = HashMap::new();
    for (gi, g) in plan.galleries.iter().enumerate() {
        for (di, d) in g.images.iter().enumerate() {
            let loc = d.location.as_ref().unwrap_or(&g.location);
            let e = defs.entry(loc.key()).or_insert((0, String::new()));
            e.0 += 1;
            if e.0 == MAX_DEFINITIONS_PER_REGION + 1 {
                e.1 = format!("galleries[{gi}].images[{di}]");
            }
            // Most versions are where their definition is: count those without a map look-up each.
            let mut here = vers.remove(loc.key()).unwrap_or((0, String::new()));
            for (vi, v) in d.versions.iter().enumerate() {
                let e = match &v.location {
                    Some(vloc) if vloc != loc => vers.entry(vloc.key()).or_insert((0, String::new())),
                    _ => &mut here,
                };
                e.0 += 1;
                if e.0 == MAX_VERSIONS_PER_REGION + 1 {
                    e.1 = format!("galleries[{gi}].images[{di}].versions[{vi}]");
                }
            }
            if here.0 > 0 {
                vers.insert(loc.key(), here);
            }
        }
    }
    let mut over: Vec<(String, &str, usize, usize, &str)> = Vec::new();
    for (region, (n, path)) in defs {
        if n > MAX_DEFINITIONS_PER_REGION {
            over.push((path, region, n, MAX_DEFINITIONS_PER_REGION, "IMG-23"));
        }
    }
    for (region, (n, path)) in vers {
        if n > MAX_VERSIONS_PER_REGION {
            over.push((path, region, n, MAX_VERSIONS_PER_REGION, "VER-31"));
        }
    }
    over.sort();
    for (path, region, n, max, code) in over {
        let what = if code == "IMG-23" { "image definitions" } else { "image versions" };
        cx.push(
            path,
            code,
            Severity::Error,
            format!("There's a limit of {max} {what}, per subscription, per region: this plan has {n} in {region}."),
        )
        .fix("Spread them over regions or subscriptions, retire old versions, or request a quota increase.");
    }
}
