//! Gallery rules (GAL-*), plan-wide hints (GAL-14, REC-04), and the walk into definitions.

use std::collections::HashMap;

use super::{Cx, Path, check_region, image, names, push_name_issue};
use crate::model::{Gallery, ResourceIdentityType, SharingGroupType, SharingPermission};
use crate::report::Severity;

/// Galleries per subscription per region (azure-compute-gallery.md, Limits).
const MAX_GALLERIES_PER_REGION: usize = 100;

pub(super) fn check_all(cx: &mut Cx<'_>) {
    let plan = cx.plan;
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut per_region: HashMap<&str, usize> = HashMap::new();
    for (gi, g) in plan.galleries.iter().enumerate() {
        let base = format!("galleries[{gi}]");
        for n in names::gallery_name_issues(&g.name) {
            push_name_issue(cx, Path::new(&base).field("name"), n);
        }
        let key = g.name.to_ascii_lowercase();
        if let Some(first) = seen.get(&key) {
            cx.push(
                format!("{base}.name"),
                "GAL-05",
                Severity::Error,
                format!(
                    "The gallery name {} is not unique within the subscription {}. Please pick another gallery name",
                    g.name,
                    cx.subscription()
                ),
            )
            .azure("G5")
            .fix(format!("Rename it: galleries[{first}] has the same name (names are case-insensitive)."));
        } else {
            seen.insert(key, gi);
        }
        check_region(cx, Path::new(&base).field("location"), &g.location);
        let count = per_region.entry(g.location.key()).or_insert(0);
        *count += 1;
        if *count == MAX_GALLERIES_PER_REGION + 1 {
            cx.push(format!("{base}.location"), "GAL-06", Severity::Error, format!(
                "There's a limit of {MAX_GALLERIES_PER_REGION} galleries, per subscription, per region: this plan has more in {}.",
                g.location
            ))
            .fix("Spread the galleries over regions or subscriptions, or request a quota increase.");
        }
        check_sharing(cx, &base, g);
        check_identity(cx, &base, g);
        let head = cx.issues.len();
        let mut definitions = Vec::new();
        for (di, d) in g.images.iter().enumerate() {
            image::check(cx, gi, di, g, d);
            definitions.push(cx.issues.len());
        }
        image::check_gallery_wide(cx, gi, g);
        let end = cx.issues.len();
        if let Some(parts) = cx.parts.as_mut() {
            parts.push((head, definitions, end));
        }
    }
    check_plan_wide(cx);
}

/// The checks over the whole plan, after every gallery's: quotas and hints.
pub(super) fn check_plan_wide(cx: &mut Cx<'_>) {
    image::check_quotas(cx);
    check_hints(cx);
}

fn check_sharing(cx: &mut Cx<'_>, base: &str, g: &Gallery) {
    let Some(sharing) = &g.sharing_profile else { return };
    let path = format!("{base}.sharingProfile");
    match &sharing.permissions {
        Some(SharingPermission::Unknown(text)) => {
            cx.push(
                format!("{path}.permissions"),
                "GAL-07",
                Severity::Error,
                format!("'{text}' is not a sharing permission: use Private, Groups or Community."),
            )
            .fix("Choose Private (RBAC only), Groups (direct shared gallery) or Community.");
        }
        Some(SharingPermission::Community) => {
            let info = sharing.community_gallery_info.as_ref();
            let missing: Vec<&str> = [
                ("publisherUri", info.and_then(|i| i.publisher_uri.as_deref())),
                ("publisherContact", info.and_then(|i| i.publisher_contact.as_deref())),
                ("eula", info.and_then(|i| i.eula.as_deref())),
                ("publicNamePrefix", info.and_then(|i| i.public_name_prefix.as_deref())),
            ]
            .into_iter()
            .filter(|(_, v)| v.is_none_or(|s| s.trim().is_empty()))
            .map(|(n, _)| n)
            .collect();
            if !missing.is_empty() {
                cx.push(
                    format!("{path}.communityGalleryInfo"),
                    "GAL-08",
                    Severity::Error,
                    format!("A community gallery needs its publisher information: {} missing.", missing.join(", ")),
                )
                .fix("Fill in publisherUri, publisherContact, eula and publicNamePrefix.");
            }
            if let Some(prefix) = info.and_then(|i| i.public_name_prefix.as_deref()).filter(|p| !p.trim().is_empty()) {
                let ok =
                    (5..=16).contains(&prefix.chars().count()) && prefix.chars().all(|c| c.is_ascii_alphanumeric());
                if !ok {
                    cx.push(format!("{path}.communityGalleryInfo.publicNamePrefix"), "GAL-09", Severity::Warning, format!(
                        "The public name prefix '{prefix}' should be 5 to 16 characters long, and can only contain alphanumeric characters."
                    ))
                    .fix("Use 5 to 16 letters and digits.");
                }
            }
        }
        Some(SharingPermission::Groups) => {
            let count = |kind: SharingGroupType| -> usize {
                sharing.groups.iter().filter(|gr| gr.kind.as_ref() == Some(&kind)).map(|gr| gr.ids.len()).sum()
            };
            let subs = count(SharingGroupType::Subscriptions);
            let tenants = count(SharingGroupType::AadTenants);
            if subs > 30 {
                cx.push(
                    format!("{path}.groups"),
                    "GAL-10",
                    Severity::Error,
                    format!(
                        "A direct shared gallery can be shared with at most 30 subscriptions; this one lists {subs}."
                    ),
                )
                .fix("Share with fewer subscriptions, or use a community gallery.");
            }
            if tenants > 5 {
                cx.push(
                    format!("{path}.groups"),
                    "GAL-10",
                    Severity::Error,
                    format!("A direct shared gallery can be shared with at most 5 tenants; this one lists {tenants}."),
                )
                .fix("Share with fewer tenants.");
            }
        }
        Some(SharingPermission::Private) | None => {}
    }
}

fn check_identity(cx: &mut Cx<'_>, base: &str, g: &Gallery) {
    if let Some(ResourceIdentityType::Unknown(text)) = g.identity.as_ref().and_then(|i| i.kind.as_ref()) {
        cx.push(format!("{base}.identity.type"), "GAL-13", Severity::Error, format!(
            "'{text}' is not an identity type: use SystemAssigned, UserAssigned, 'SystemAssigned, UserAssigned' or None."
        ))
        .fix("Choose one of the four identity types.");
    }
}

/// Plan-wide best-practice hints: two galleries in different regions (GAL-14), production and test images
/// in separate galleries (REC-04).
fn check_hints(cx: &mut Cx<'_>) {
    let plan = cx.plan;
    if !plan.galleries.is_empty() {
        let first = plan.galleries[0].location.key();
        if plan.galleries.iter().all(|g| g.location.key() == first) {
            cx.push("galleries", "GAL-14", Severity::Info,
                "The Azure Compute Gallery service isn't a global resource. For disaster recovery scenarios, the best practice is to have at least two galleries in separate regions.")
                .fix("Add a second gallery in another region (its paired region is a good choice) and publish to both.");
        }
    }
    for (gi, g) in plan.galleries.iter().enumerate() {
        let prod = g.images.iter().any(|d| d.production == Some(true));
        let test = g.images.iter().any(|d| d.production == Some(false));
        if prod && test {
            cx.push(format!("galleries[{gi}]"), "REC-04", Severity::Info, format!(
                "Gallery {} holds both production and non-production image definitions; keep production and test images in separate galleries.",
                g.name
            ))
            .fix("Move the test definitions to a gallery of their own, so access and lifecycle can differ.");
        }
    }
}
