//! Update and delete checks: what Azure lets you change on a resource that exists, and the nested-delete rule.
//!
//! `before` is the resource as deployed, `after` as planned. Each function returns a [`Report`] whose paths are
//! relative to the resource (`publishingProfile.storageAccountType`), prefixed by `base` when given.

use chrono::NaiveDate;
use serde_json::Value;

use crate::address::At;
use crate::model::dates::parse_date;
use crate::model::{Gallery, ImageDefinition, ImageVersion, Plan, to_json_value};
use crate::report::{Issue, Report, Severity};

fn issue(
    base: &str,
    path: &str,
    code: &str,
    severity: Severity,
    message: String,
    fix: &str,
    azure: Option<&str>,
) -> Issue {
    Issue {
        path: if base.is_empty() { path.to_owned() } else { format!("{base}.{path}") },
        code: code.to_owned().into(),
        severity,
        message,
        mitigation: Some(fix.to_owned().into()),
        azure_message: azure.map(|a| a.to_owned().into()),
    }
}

/// The top-level properties that differ between two serialized resources, except `allowed` ones.
fn changed(before: &Value, after: &Value, allowed: &[&str]) -> Vec<String> {
    let (Some(b), Some(a)) = (before.as_object(), after.as_object()) else { return Vec::new() };
    let mut keys: Vec<&String> = b.keys().chain(a.keys()).collect();
    keys.sort();
    keys.dedup();
    keys.into_iter().filter(|k| !allowed.contains(&k.as_str()) && b.get(*k) != a.get(*k)).cloned().collect()
}

/// Gallery updates (GAL-11): only the description, tags, sharing and soft-delete settings change in place.
pub fn check_update_gallery(before: &Gallery, after: &Gallery, base: &str) -> Report {
    const ALLOWED: [&str; 7] =
        ["description", "tags", "sharingProfile", "softDeletePolicy", "images", "provisioningState", "identity"];
    let mut issues = Vec::new();
    for key in changed(&to_json_value(before), &to_json_value(after), &ALLOWED) {
        let (code, msg) = if key == "name" {
            (
                "GAL-11",
                format!(
                    "Renaming gallery {} to {} creates a new gallery; the old one and its images stay until deleted.",
                    before.name, after.name
                ),
            )
        } else {
            ("GAL-11", format!("Changing property 'gallery.properties.{key}' is not allowed"))
        };
        issues.push(issue(
            base,
            &key,
            code,
            Severity::Error,
            msg,
            "Create a new gallery with the new value, or keep the existing value.",
            None,
        ));
    }
    Report { issues }
}

/// Image definition updates (IMG-12, IMG-20, IMG-25).
pub fn check_update_definition(before: &ImageDefinition, after: &ImageDefinition, base: &str) -> Report {
    const ALLOWED: [&str; 12] = [
        "description",
        "recommended",
        "endOfLifeDate",
        "releaseNoteUri",
        "disallowed",
        "tags",
        "versions",
        "production",
        "demand",
        "provisioningState",
        "features",
        "allowUpdateImage",
    ];
    let mut issues = Vec::new();
    for key in changed(&to_json_value(before), &to_json_value(after), &ALLOWED) {
        if key == "identifier" {
            for (prop, b, a) in [
                ("publisher", &before.identifier.publisher, &after.identifier.publisher),
                ("offer", &before.identifier.offer, &after.identifier.offer),
                ("sku", &before.identifier.sku, &after.identifier.sku),
            ] {
                if b != a {
                    issues.push(issue(
                        base,
                        &format!("identifier.{prop}"),
                        "IMG-12",
                        Severity::Error,
                        format!("Changing property 'galleryImage.properties.identifier.{prop}' is not allowed"),
                        "Create a new image definition with the new identifier.",
                        Some("D1"),
                    ));
                }
            }
            continue;
        }
        let code = if ["osType", "osState", "hyperVGeneration"].contains(&key.as_str()) { "IMG-12" } else { "IMG-25" };
        issues.push(issue(
            base,
            &key,
            code,
            Severity::Error,
            format!("Changing property 'galleryImage.properties.{key}' is not allowed"),
            "Create a new image definition with the new value.",
            Some("D1"),
        ));
    }
    if to_json_value(&before.features) != to_json_value(&after.features) && after.allow_update_image != Some(true) {
        issues.push(issue(
            base,
            "features",
            "IMG-20",
            Severity::Error,
            "Changing the features of an image definition requires allowUpdateImage set to true.".to_owned(),
            "Set allowUpdateImage to true in the same update.",
            None,
        ));
    }
    Report { issues }
}

/// Image version updates (VER-13, VER-14, VER-22, VER-28, VER-29).
pub fn check_update_version(before: &ImageVersion, after: &ImageVersion, base: &str) -> Report {
    let mut issues = Vec::new();
    let (bp, ap) = (&before.publishing_profile, &after.publishing_profile);
    if bp.storage_account_type != ap.storage_account_type || bp.storage_account_strategy != ap.storage_account_strategy
    {
        issues.push(issue(
            base,
            "publishingProfile.storageAccountType",
            "VER-13",
            Severity::Error,
            "The storage account type (and strategy) of a version is not updatable.".to_owned(),
            "Publish a new version with the new storage type.",
            None,
        ));
    }
    for t in &ap.target_regions {
        if let (Some(old), Some(new)) = (
            bp.target_regions.iter().find(|o| o.name == t.name).and_then(|o| o.storage_account_type.as_ref()),
            t.storage_account_type.as_ref(),
        ) && old != new
        {
            issues.push(issue(base, "publishingProfile.targetRegions", "VER-13", Severity::Error, format!(
                    "Global storage account type does not match the storage account type in the existing TargetRegion: '{}'. Please specify '{old}' as the storage account type for this region.", t.name.display_name()
                ), "A region's storage type cannot change: keep it, or remove the region and add it back in a new version.", None));
        }
    }
    if bp.replication_mode != ap.replication_mode {
        issues.push(issue(
            base,
            "publishingProfile.replicationMode",
            "VER-14",
            Severity::Error,
            "The replication mode of a version is not updatable.".to_owned(),
            "Publish a new version with the new mode.",
            None,
        ));
    }
    let allow_removal =
        after.safety_profile.as_ref().and_then(|s| s.allow_deletion_of_replicated_locations) != Some(false);
    for t in &bp.target_regions {
        if !ap.target_regions.iter().any(|n| n.name == t.name) && !allow_removal {
            issues.push(issue(
                base,
                "publishingProfile.targetRegions",
                "VER-29",
                Severity::Error,
                format!(
                    "Removing {} is blocked: safetyProfile.allowDeletionOfReplicatedLocations is false.",
                    t.name.display_name()
                ),
                "Set allowDeletionOfReplicatedLocations to true first, or keep the region.",
                None,
            ));
        }
    }
    let (bs, as_) = (before.storage_profile.as_ref(), after.storage_profile.as_ref());
    let src = |s: Option<&crate::model::StorageProfile>| {
        s.and_then(|s| s.source.as_ref())
            .map(|x| (x.id.clone(), x.virtual_machine_id.clone(), x.community_gallery_image_id.clone()))
    };
    if src(bs) != src(as_) {
        issues.push(issue(
            base,
            "storageProfile.source.id",
            "VER-22",
            Severity::Error,
            "Changing property 'galleryImageVersion.properties.storageProfile.source.id' is not allowed".to_owned(),
            "Publish a new version from the new source.",
            Some("V4"),
        ));
    }
    let disk = |s: Option<&crate::model::StorageProfile>| {
        s.and_then(|s| s.os_disk_image.as_ref()).and_then(|d| d.source.as_ref()).map(|x| (x.id.clone(), x.uri.clone()))
    };
    if disk(bs) != disk(as_) {
        issues.push(issue(
            base,
            "storageProfile.osDiskImage.source.id",
            "VER-22",
            Severity::Error,
            "Changing property 'galleryImageVersion.properties.storageProfile.osDiskImage.source.id' is not allowed"
                .to_owned(),
            "Publish a new version from the new source.",
            Some("V4"),
        ));
    }
    let luns = |s: Option<&crate::model::StorageProfile>| -> Vec<Option<i64>> {
        s.map(|s| s.data_disk_images.iter().map(|d| d.lun).collect()).unwrap_or_default()
    };
    if luns(bs) != luns(as_) {
        issues.push(issue(
            base,
            "storageProfile.dataDiskImages",
            "VER-22",
            Severity::Error,
            "Adding new Data Disks or changing the LUN of a Data Disk in an existing Image is not allowed".to_owned(),
            "Publish a new version with the new disks.",
            Some("V32"),
        ));
    }
    for t in &ap.target_regions {
        let Some(old) = bp.target_regions.iter().find(|o| o.name == t.name) else { continue };
        let old_luns: Vec<i64> =
            old.encryption.as_ref().map(|e| e.data_disk_images.iter().map(|d| d.lun).collect()).unwrap_or_default();
        for d in t.encryption.iter().flat_map(|e| &e.data_disk_images) {
            if d.disk_encryption_set_id.is_some() && !old_luns.contains(&d.lun) {
                issues.push(issue(base, "publishingProfile.targetRegions", "VER-22", Severity::Error, format!(
                    "Cannot specify new data disk image encryption lun [{}] with a disk encryption set in region [{}] for update gallery image version request. To update this version, remove the new lun. If you need to change the data disk image encryption settings, you must create a new gallery image version with the correct settings.",
                    d.lun, t.name
                ), "Remove the new LUN's encryption, or publish a new version.", Some("V23")));
            }
        }
        let os_before = old
            .encryption
            .as_ref()
            .and_then(|e| e.os_disk_image.as_ref())
            .and_then(|o| o.disk_encryption_set_id.as_ref())
            .is_some();
        let os_after = t
            .encryption
            .as_ref()
            .and_then(|e| e.os_disk_image.as_ref())
            .and_then(|o| o.disk_encryption_set_id.as_ref())
            .is_some();
        if os_after && !os_before {
            issues.push(issue(
                base,
                "publishingProfile.targetRegions",
                "VER-22",
                Severity::Error,
                format!(
                    "Encryption cannot be added to an existing version: {} had no disk encryption set for the OS disk.",
                    t.name
                ),
                "Publish a new version with the encryption settings.",
                None,
            ));
        }
    }
    Report { issues }
}

/// Whether Azure would delete a resource now: nested resources first (G4, D13), and a version whose deletion
/// is blocked before its end of life (V36). An empty report means the delete goes through.
/// A target region is a row of its version, deleted freely.
pub fn check_delete(plan: &Plan, at: At, today: NaiveDate) -> Report {
    let mut issues = Vec::new();
    let path = at.to_string();
    match at {
        At::Gallery(_) => {
            if let Some(gal) = at.gallery_in(plan).filter(|x| !x.images.is_empty()) {
                issues.push(issue(
                    "",
                    &path,
                    "GAL-12",
                    Severity::Error,
                    "Can not delete resource before nested resources are deleted".to_owned(),
                    &format!("Delete the {} image definition(s) of {} first.", gal.images.len(), gal.name),
                    Some("G4"),
                ));
            }
        }
        At::Definition(..) => {
            if let Some(def) = at.definition_in(plan).filter(|x| !x.versions.is_empty()) {
                issues.push(issue(
                    "",
                    &path,
                    "IMG-22",
                    Severity::Error,
                    "Can not delete resource before nested resources are deleted.".to_owned(),
                    &format!("Delete the {} version(s) of {} first.", def.versions.len(), def.name),
                    Some("D13"),
                ));
            }
        }
        At::Version(..) => {
            if let Some(ver) = at.version_in(plan) {
                let blocked =
                    ver.safety_profile.as_ref().and_then(|s| s.block_deletion_before_end_of_life) == Some(true);
                let eol = ver.publishing_profile.end_of_life_date.as_deref().and_then(parse_date);
                if blocked && eol.is_some_and(|e| e > today) {
                    issues.push(issue("", &path, "VER-27", Severity::Error, "DeleteGalleryImageVersionBlockedBeforeEndOfLife. Deletion of Gallery image version is not allowed because the image is enabled for blockDeletionBeforeEndOfLife and its endOfLifeDate has not reached yet".to_owned(), "Wait for the end-of-life date, or turn off blockDeletionBeforeEndOfLife first.", Some("V36")));
                }
            }
        }
        At::TargetRegion(..) => {}
    }
    Report { issues }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample;

    fn codes(r: &Report) -> Vec<(&str, &str)> {
        r.issues.iter().map(|i| (&*i.code, i.path.as_str())).collect()
    }

    #[test]
    fn gallery_updates() {
        let p = sample::plan();
        let before = &p.galleries[0];
        let mut after = before.clone();
        after.description = Some("new".into());
        assert!(check_update_gallery(before, &after, "g").issues.is_empty());
        after.location = "westus2".into();
        assert_eq!(codes(&check_update_gallery(before, &after, "g")), [("GAL-11", "g.location")]);
        assert_eq!(
            check_update_gallery(before, &after, "g").issues[0].message,
            "Changing property 'gallery.properties.location' is not allowed"
        );
    }

    #[test]
    fn definition_updates() {
        let p = sample::plan();
        let before = &p.galleries[0].images[0];
        let mut after = ImageDefinition::clone(before);
        after.end_of_life_date = Some("2030-01-01".into());
        after.description = Some("x".into());
        assert!(check_update_definition(before, &after, "").issues.is_empty());
        after.os_state = Some(crate::OsState::Specialized);
        after.identifier.sku = "other".into();
        assert_eq!(
            codes(&check_update_definition(before, &after, "")),
            [("IMG-12", "identifier.sku"), ("IMG-12", "osState")]
        );
        assert_eq!(
            check_update_definition(before, &after, "").issues[1].message,
            "Changing property 'galleryImage.properties.osState' is not allowed"
        );
        let mut f = ImageDefinition::clone(before);
        f.features.pop();
        assert_eq!(codes(&check_update_definition(before, &f, "")), [("IMG-20", "features")]);
        f.allow_update_image = Some(true);
        assert!(check_update_definition(before, &f, "").issues.is_empty());
        let mut e = ImageDefinition::clone(before);
        e.eula = Some("new terms".into());
        assert_eq!(codes(&check_update_definition(before, &e, "")), [("IMG-25", "eula")]);
    }

    #[test]
    fn version_updates() {
        let p = sample::plan();
        let before = &p.galleries[0].images[1].versions[0];
        let mut after = ImageVersion::clone(before);
        after.publishing_profile.target_regions[0].regional_replica_count = Some(5);
        after.publishing_profile.exclude_from_latest = Some(true);
        assert!(check_update_version(before, &after, "").issues.is_empty());
        after.publishing_profile.storage_account_type = Some(crate::StorageAccountType::PremiumLrs);
        after.publishing_profile.target_regions.pop();
        after.storage_profile.as_mut().unwrap().data_disk_images[0].lun = Some(1);
        let r = check_update_version(before, &after, "");
        assert_eq!(
            codes(&r),
            [
                ("VER-13", "publishingProfile.storageAccountType"),
                ("VER-29", "publishingProfile.targetRegions"),
                ("VER-22", "storageProfile.dataDiskImages")
            ]
        );
        assert_eq!(
            r.issues[2].message,
            "Adding new Data Disks or changing the LUN of a Data Disk in an existing Image is not allowed"
        );
    }

    #[test]
    fn deletes() {
        let mut p = sample::plan();
        let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        assert_eq!(codes(&check_delete(&p, At::Gallery(0), today)), [("GAL-12", "galleries[0]")]);
        assert_eq!(codes(&check_delete(&p, At::Definition(0, 0), today)), [("IMG-22", "galleries[0].images[0]")]);
        assert!(check_delete(&p, At::Version(0, 0, 0), today).issues.is_empty());
        p.galleries[0]
            .definition_mut(0)
            .unwrap()
            .version_mut(0)
            .unwrap()
            .safety_profile
            .as_mut()
            .unwrap()
            .block_deletion_before_end_of_life = Some(true);
        assert_eq!(
            codes(&check_delete(&p, At::Version(0, 0, 0), today)),
            [("VER-27", "galleries[0].images[0].versions[0]")]
        );
        assert!(check_delete(&p, At::Version(0, 0, 0), NaiveDate::from_ymd_opt(2028, 1, 1).unwrap()).issues.is_empty());
    }
}
