//! Image version rules (VER-*), regional rules (REG-*) for target regions, and replica hints (REC-01..03).

use std::collections::{HashMap, HashSet};

use super::{Cx, Message, Path, check_eol, check_region, names, push_name_issue};
use crate::model::{
    ConfidentialVmEncryptionType, Gallery, ImageDefinition, ImageVersion, ReplicationMode, SharingPermission,
    StorageAccountStrategy, StorageAccountType, StorageProfile,
};
use crate::region::RegionName;
use crate::report::Severity;
use crate::version::ImageVersionName;

/// Azure's replica count range (docs Limits: 100 replicas per version; decision 6).
const MAX_REPLICAS: i64 = 100;
/// The best-practice per-region maximum.
const ADVISED_MAX_REPLICAS: i64 = 50;
/// Full replication limit in GB (2 TB), shallow in GB (32 TB).
const MAX_FULL_GB: i64 = 2_048;
const MAX_SHALLOW_GB: i64 = 32_768;

pub(super) fn check_definition_versions(cx: &mut Cx<'_>, gi: usize, di: usize, g: &Gallery, d: &ImageDefinition) {
    let mut by_number: HashMap<(u32, u32, u32), usize> = HashMap::new();
    let mut by_text: HashMap<&str, usize> = HashMap::new();
    let g_path = Path::item_of("galleries", gi);
    let d_path = g_path.item("images", di);
    for (vi, v) in d.versions.iter().enumerate() {
        let base = d_path.item("versions", vi);
        for n in names::version_name_issues(&v.name) {
            push_name_issue(cx, base.field("name"), n);
        }
        let duplicate = match ImageVersionName::parse_key(&v.name) {
            Some(key) => by_number.insert(key, vi),
            None => by_text.insert(v.name.as_str(), vi),
        };
        if let Some(first) = duplicate {
            cx.push(base.field("name"), "VER-03", Severity::Error, format!(
                "A gallery image version for image name:version {}:{} already exists in gallery {}: versions[{first}] has the same number.",
                d.name, v.name, g.name
            ))
            .fix("Give each version its own Major.Minor.Patch (numbers compare as numbers: 1.0.0 and 1.00.0 are the same).");
        }
        check_version(cx, base, g, d, v);
    }
    check_demand(cx, gi, di, d, &g.location);
}

fn check_version(cx: &mut Cx<'_>, base: Path<'_>, g: &Gallery, d: &ImageDefinition, v: &ImageVersion) {
    let def_loc = d.location.as_ref().unwrap_or(&g.location);
    if let Some(loc) = &v.location {
        check_region(cx, base.field("location"), loc);
    }
    let source = v.location.as_ref().unwrap_or(def_loc);
    let pp = &v.publishing_profile;
    let pp_path = base.field("publishingProfile");
    let shallow = match &pp.replication_mode {
        Some(ReplicationMode::Unknown(t)) => {
            cx.push(
                pp_path.field("replicationMode"),
                "VER-14",
                Severity::Error,
                format!("'{t}' is not a replication mode: use Full or Shallow."),
            )
            .fix("Set replicationMode to Full or Shallow.");
            false
        }
        Some(ReplicationMode::Shallow) => true,
        _ => false,
    };

    // Storage type, strategy.
    if pp.storage_account_type.is_some() && pp.storage_account_strategy.is_some() {
        cx.push(pp_path.field("storageAccountStrategy"), "VER-12", Severity::Error,
            "storageAccountType cannot be specified along with storageAccountStrategy.")
            .fix("Keep one: the strategy (and override single regions with targetRegions[].storageAccountType), or the type.");
    }
    if let Some(StorageAccountStrategy::Unknown(t)) = &pp.storage_account_strategy {
        cx.push(
            pp_path.field("storageAccountStrategy"),
            "VER-10",
            Severity::Error,
            format!("'{t}' is not a storage account strategy: use PreferStandard_ZRS or DefaultStandard_LRS."),
        )
        .fix("Choose PreferStandard_ZRS or DefaultStandard_LRS.");
    }
    check_storage_type(cx, pp_path.field("storageAccountType"), pp.storage_account_type.as_ref(), None);
    if let Some(n) = pp.replica_count {
        check_replicas(
            cx,
            pp_path.field("replicaCount"),
            "galleryImageVersion.properties.publishingProfile.replicaCount",
            n,
        );
    }

    // Target regions.
    let targets = &pp.target_regions;
    if !targets.iter().any(|t| t.name == *source) {
        let list = targets.iter().map(|t| t.name.as_str()).collect::<Vec<_>>().join(", ");
        cx.push(pp_path.field("targetRegions"), "VER-06", Severity::Error, format!(
            "Gallery image version publishing profile regions {list} must contain the location of image version {source}"
        ))
        .azure("V1")
        .fix(format!("Add {source} (the version's source region) to the target regions."));
    }
    // Duplicates: a scan of the few targets before this one; a set only for long lists.
    let mut seen: HashSet<&str> = HashSet::new();
    let long = targets.len() > 16;
    for (ti, t) in targets.iter().enumerate() {
        let tpath = pp_path.item("targetRegions", ti);
        let duplicate = if long { !seen.insert(t.name.key()) } else { targets[..ti].iter().any(|x| x.name == t.name) };
        if duplicate {
            cx.push(
                tpath.field("name"),
                "VER-07",
                Severity::Error,
                "Duplicate regions are not allowed in target publishing regions",
            )
            .azure("V31")
            .fix(format!("Remove the second entry for {} (region names compare without case and spaces).", t.name));
        }
        check_region(cx, tpath.field("name"), &t.name);
        if let Some(n) = t.regional_replica_count {
            check_replicas(
                cx,
                tpath.field("regionalReplicaCount"),
                "galleryImageVersion.properties.publishingProfile.targetRegions.regionalReplicaCount",
                n,
            );
        }
        check_storage_type(cx, tpath.field("storageAccountType"), t.storage_account_type.as_ref(), Some(&t.name));
        if t.storage_account_type.is_none() && pp.storage_account_type == Some(StorageAccountType::StandardZrs) {
            check_zrs(cx, tpath.field("name"), &t.name);
        }
        // Best practice: ZRS where the region has zones (REC-03), at least three replicas for production (REC-01).
        if !shallow
            && t.name.info().is_some_and(|r| r.availability_zones)
            && v.effective_storage(t, &cx.plan.api_version) == StorageAccountType::StandardLrs
        {
            cx.push(tpath.field("storageAccountType"), "REC-03", Severity::Warning, Message::of(&[
                t.name.display_name(),
                " has availability zones, but this replica uses Standard_LRS. Standard_ZRS keeps the image available through a zone failure at the same snapshot price.",
            ]))
            .fix("Set storageAccountType to Standard_ZRS here (or use the PreferStandard_ZRS strategy).");
        }
        if d.production == Some(true) && !shallow && v.replicas_in(t) < 3 {
            cx.push(
                tpath.field("regionalReplicaCount"),
                "REC-01",
                Severity::Warning,
                Message::of(&[
                    "Keep a minimum of three replicas for production images: ",
                    t.name.display_name(),
                    " has ",
                ])
                .number(v.replicas_in(t))
                .then("."),
            )
            .fix("Set regionalReplicaCount to 3 or more.");
        }
    }
    if shallow {
        let only_source = targets.len() == 1 && targets[0].name == *source && v.replicas_in(&targets[0]) == 1;
        if !only_source {
            cx.push(
                pp_path.field("targetRegions"),
                "VER-15",
                Severity::Error,
                format!("Shallow replication supports only the source region ({source}) with a single replica."),
            )
            .fix("Keep exactly one target region, the source, with 1 replica; or use Full replication.");
        }
        if targets.iter().any(|t| t.encryption.is_some()) {
            cx.push(pp_path.field("replicationMode"), "VER-16", Severity::Error,
                "disk_encryption_set_id cannot be used when replication_mode is Shallow: shallow replication does not support customer-managed key encryption.")
                .fix("Remove the encryption settings, or use Full replication.");
        }
    }
    if let Some(eol) = &pp.end_of_life_date {
        check_eol(cx, pp_path.field("endOfLifeDate"), "VER-27", eol, "publishingProfile.endOfLifeDate", false);
    }
    let safety = v.safety_profile.as_ref();
    if safety.and_then(|s| s.block_deletion_before_end_of_life) == Some(true) && pp.end_of_life_date.is_none() {
        cx.push(base.field("safetyProfile.blockDeletionBeforeEndOfLife"), "VER-27", Severity::Warning,
            "blockDeletionBeforeEndOfLife is set, but the version has no end-of-life date, so it never blocks deletion.")
            .fix("Set publishingProfile.endOfLifeDate.");
    }
    if d.production == Some(true) && safety.and_then(|s| s.allow_deletion_of_replicated_locations) != Some(false) {
        cx.push(base.field("safetyProfile.allowDeletionOfReplicatedLocations"), "VER-29", Severity::Info,
            "For production images, set allowDeletionOfReplicatedLocations to false so that a region cannot be removed from the version by mistake.")
            .fix("Set safetyProfile.allowDeletionOfReplicatedLocations to false.");
    }

    check_storage_profile(cx, base, d, v, source, shallow);
    check_encryption(cx, base, g, v);
    check_extensions(cx, base, v);
}

fn check_replicas(cx: &mut Cx<'_>, path: Path<'_>, property: &str, n: i64) {
    if !(1..=MAX_REPLICAS).contains(&n) {
        cx.push(path, "VER-08", Severity::Error, format!(
            "The value {n} of parameter {property} is out of range. The value must be between 1 and {MAX_REPLICAS}, inclusive"
        ))
        .azure("V2")
        .fix(format!("Use 1 to {MAX_REPLICAS} replicas."));
    } else if n > ADVISED_MAX_REPLICAS {
        cx.push(
            path,
            "VER-08",
            Severity::Warning,
            format!(
                "{n} replicas in one region is above the best-practice maximum of {ADVISED_MAX_REPLICAS} per region."
            ),
        )
        .fix("Split the deployment load across regions, galleries or image definitions.");
    }
}

fn check_storage_type(cx: &mut Cx<'_>, path: Path<'_>, t: Option<&StorageAccountType>, region: Option<&RegionName>) {
    match t {
        Some(StorageAccountType::Unknown(text)) => {
            cx.push(
                path,
                "VER-10",
                Severity::Error,
                format!("'{text}' is not a storage account type: use Standard_LRS, Standard_ZRS or Premium_LRS."),
            )
            .fix("Choose Standard_LRS, Standard_ZRS or Premium_LRS.");
        }
        Some(StorageAccountType::PremiumV2Lrs) => {
            cx.push(path, "VER-10", Severity::Warning,
                "PremiumV2_LRS is accepted by the REST API, but not by the Azure CLI, Packer or Image Builder, and its snapshot price is unknown.")
                .fix("Use Premium_LRS unless you need Premium SSD v2.");
        }
        Some(StorageAccountType::StandardZrs) => {
            if let Some(r) = region {
                check_zrs(cx, path, r);
            }
        }
        _ => {}
    }
}

fn check_zrs(cx: &mut Cx<'_>, path: Path<'_>, region: &RegionName) {
    if region.info().is_some_and(|r| !r.availability_zones) {
        cx.push(path, "VER-11", Severity::Error, "ZRS storage account type is not supported in this region.")
            .azure("D14")
            .fix(format!(
                "{} has no availability zones: use Standard_LRS or Premium_LRS there.",
                region.display_name()
            ));
    }
}

fn is_arm_id(id: &str) -> bool {
    let l = id.to_ascii_lowercase();
    l.starts_with("/subscriptions/") || l.starts_with("/providers/")
}

fn subscription_of(id: &str) -> Option<&str> {
    let mut parts = id.split('/');
    parts.next();
    if parts.next()?.eq_ignore_ascii_case("subscriptions") { parts.next() } else { None }
}

fn check_storage_profile(
    cx: &mut Cx<'_>,
    base: Path<'_>,
    d: &ImageDefinition,
    v: &ImageVersion,
    source: &RegionName,
    shallow: bool,
) {
    let sp_path = base.field("storageProfile");
    let Some(sp) = &v.storage_profile else {
        cx.push(sp_path, "VER-04", Severity::Error, "storageProfile is required: it names the source of the image version.")
            .fix("Set storageProfile.source.id (a managed image, VM or image version) or osDiskImage.source (a snapshot, disk or VHD).");
        return;
    };
    let whole: Vec<(&str, &str)> = [
        ("id", sp.source.as_ref().and_then(|s| s.id.as_deref())),
        ("virtualMachineId", sp.source.as_ref().and_then(|s| s.virtual_machine_id.as_deref())),
        ("communityGalleryImageId", sp.source.as_ref().and_then(|s| s.community_gallery_image_id.as_deref())),
    ]
    .into_iter()
    .filter_map(|(k, v)| v.filter(|s| !s.trim().is_empty()).map(|s| (k, s)))
    .collect();
    let disk_sources = disk_source_count(sp);
    if whole.len() > 1 || (!whole.is_empty() && disk_sources > 0) {
        cx.push(sp_path, "VER-04", Severity::Error,
            "The gallery artifact version source can only be specified either directly under storageProfile or within individual OS or data disks. One and only one source type (user image, snapshot, disk, virtual machine) can be provided")
            .azure("V24")
            .fix("Keep either storageProfile.source or the disks' sources, not both.");
    } else if whole.is_empty() && disk_sources == 0 {
        cx.push(
            sp_path,
            "VER-04",
            Severity::Error,
            "The image version has no source: set storageProfile.source or osDiskImage.source.",
        )
        .fix("Name a managed image, VM, image version, community image, snapshot, disk or VHD as the source.");
    }
    for (key, id) in &whole {
        let src_path = sp_path.field("source");
        let path = src_path.field(key);
        if *key == "communityGalleryImageId" {
            continue;
        }
        if is_arm_id(id) {
            let l = id.to_ascii_lowercase();
            let ok = l.contains("/providers/microsoft.compute/images/")
                || l.contains("/providers/microsoft.compute/virtualmachines/")
                || (l.contains("/providers/microsoft.compute/galleries/") && l.contains("/versions/"));
            if !ok {
                cx.push(path, "VER-23", Severity::Error, format!(
                    "The source id: {id} must either be a managed image, virtual machine or another gallery image version"
                ))
                .azure("V8")
                .fix("Point storageProfile.source.id at a managed image, VM or image version; put disks and snapshots under osDiskImage/dataDiskImages.");
            }
        } else {
            cx.push(path, "VER-23", Severity::Error, format!(
                "Property id {id} at path 'properties.storageProfile.source.id' is invalid. Expect fully qualified resource Id that start with '/subscriptions/{}' or '/providers/<resourceProviderNamespace>/'",
                cx.subscription()
            ))
            .azure("V7")
            .fix("Use the full resource id, /subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.Compute/...");
        }
    }
    // Disks: ids, LUNs, duplicates.
    let mut ids: HashMap<String, String> = HashMap::new();
    let mut check_disk = |cx: &mut Cx<'_>, path: Path<'_>, disk: &crate::model::DiskImage| {
        let Some(src) = &disk.source else { return };
        if let Some(id) = src.id.as_deref().filter(|s| !s.is_empty()) {
            if is_arm_id(id) {
                let l = id.to_ascii_lowercase();
                if !(l.contains("/providers/microsoft.compute/disks/")
                    || l.contains("/providers/microsoft.compute/snapshots/"))
                {
                    cx.push(path.field("source.id"), "VER-23", Severity::Error, format!("The source id: {id} must be a managed disk or snapshot"))
                        .azure("V9")
                        .fix("Point disk sources at managed disks or snapshots; a managed image or VM goes in storageProfile.source.id.");
                }
            } else {
                let disk_name = path.to_string().rsplit('.').next().unwrap_or_default().to_owned();
                cx.push(path.field("source.id"), "VER-23", Severity::Error, format!(
                    "Property id {id} at path 'properties.storageProfile.{disk_name}.source.id' is invalid. Expect fully qualified resource Id that start with '/subscriptions/{}' or '/providers/<resourceProviderNamespace>/'",
                    cx.subscription()
                ))
                .azure("V7")
                .fix("Use the full resource id of the disk or snapshot.");
            }
        }
        let key = src.id.as_deref().or(src.uri.as_deref()).map(str::to_ascii_lowercase);
        if let Some(key) = key.filter(|k| !k.is_empty()) {
            if let Some(first) = ids.get(&key) {
                let os_involved = first.ends_with("osDiskImage") || path.to_string().ends_with("osDiskImage");
                if os_involved {
                    cx.push(
                        path.field("source"),
                        "VER-20",
                        Severity::Error,
                        format!(
                            "OSDiskImage and DataDiskImage cannot point to same blob {}",
                            src.id.as_deref().or(src.uri.as_deref()).unwrap_or("")
                        ),
                    )
                    .azure("V30")
                    .fix(format!("Give each disk its own source ({first} uses the same one)."));
                } else {
                    cx.push(
                        path.field("source"),
                        "VER-20",
                        Severity::Error,
                        "Duplicated source ids are found in the input disks. Source id should be unique for each disk",
                    )
                    .azure("V6")
                    .fix(format!("Give each disk its own source ({first} uses the same one)."));
                }
            } else {
                ids.insert(key, path.to_string());
            }
        }
    };
    if let Some(os) = &sp.os_disk_image {
        check_disk(cx, sp_path.field("osDiskImage"), os);
    }
    let mut luns: HashSet<i64> = HashSet::new();
    for (i, disk) in sp.data_disk_images.iter().enumerate() {
        let path = sp_path.item("dataDiskImages", i);
        match disk.lun {
            None => {
                cx.push(path.field("lun"), "VER-20", Severity::Error, "A data disk image needs its lun.")
                    .fix("Set lun to the data disk's logical unit number (0 to 63).");
            }
            Some(l) if !(0..=63).contains(&l) => {
                cx.push(
                    path.field("lun"),
                    "VER-20",
                    Severity::Error,
                    format!("The lun {l} is out of range: a LUN is 0 to 63."),
                )
                .fix("Use a LUN from 0 to 63.");
            }
            Some(l) => {
                if !luns.insert(l) {
                    cx.push(path.field("lun"), "VER-20", Severity::Error,
                        "Duplicated lun numbers have been detected in the input data disks. Lun number must be unique for each data disk")
                        .azure("V5")
                        .fix(format!("Give this data disk a LUN other than {l}."));
                }
            }
        }
        check_disk(cx, path, disk);
    }
    // Facts about the source, where the plan states them.
    let facts = sp.source.as_ref().and_then(|s| s.facts.as_ref());
    let source_id = whole.first().map_or_else(
        || {
            sp.os_disk_image
                .as_ref()
                .and_then(|o| o.source.as_ref())
                .and_then(|s| s.id.clone().or_else(|| s.uri.clone()))
                .unwrap_or_else(|| "<source>".to_owned())
        },
        |(_, id)| (*id).to_owned(),
    );
    if let Some(f) = facts {
        let fpath = sp_path.field("source.facts");
        if let Some(loc) = &f.location
            && loc != source
        {
            cx.push(fpath.field("location"), "VER-05", Severity::Error, format!(
                    "Source {source_id} is not found. Please check source exists, and is in the same region as gallery image version being created"
                ))
                .azure("V3")
                .fix(format!("The source is in {loc}, the version in {source}: create the version in {loc}, or copy the source to {source}."));
        }
        if let (Some(fs), Some(ds)) = (&f.os_state, &d.os_state)
            && fs != ds
        {
            cx.push(fpath.field("osState"), "VER-24", Severity::Error, format!(
                    "Cannot create Gallery Image Version from: {source_id} since the OS State in the parent gallery image ({ds}) is not {fs}"
                ))
                .azure("V10")
                .fix("Use a source with the definition's OS state, or publish it under a definition with the source's state.");
        }
        let def_gen = d.effective_hyper_v_generation(&cx.plan.api_version);
        if let Some(fg) = &f.hyper_v_generation
            && *fg != def_gen
        {
            cx.push(fpath.field("hyperVGeneration"), "VER-24", Severity::Error, format!(
                    "The resource with id '{source_id}' has a different Hypervisor generation ['{fg}'] than the parent gallery image Hypervisor generation ['{def_gen}']"
                ))
                .azure("V11")
                .fix("Use a source of the definition's generation, or a definition of the source's generation.");
        }
        if let (Some(ft), Some(dt)) = (&f.os_type, &d.os_type)
            && ft != dt
        {
            cx.push(fpath.field("osType"), "VER-24", Severity::Error, format!(
                    "The resource with id '{source_id}' has a different OS type ['{ft}'] than the parent gallery image OS type generation ['{dt}']"
                ))
                .azure("V12")
                .fix("Publish the source under a definition of its OS type.");
        }
        for (flag, code_msg, azure) in [
            (
                f.ephemeral_os_disk,
                format!("Source virtual machine {source_id} cannot contain an ephemeral OS disk"),
                "V13",
            ),
            (
                f.ultra_ssd,
                format!(
                    "Source virtual machine {source_id} cannot contain disk ['<diskID>'] stored in an UltraSSD account type"
                ),
                "V14",
            ),
            (
                f.unmanaged_disks,
                format!("Source virtual machine {source_id} must be created from Managed Disks"),
                "V15",
            ),
        ] {
            if flag == Some(true) {
                cx.push(fpath, "VER-25", Severity::Error, code_msg)
                    .azure(azure)
                    .fix("Capture from a VM with managed, non-ephemeral, non-Ultra disks (or from a snapshot of its OS disk).");
            }
        }
        if let Some(size) = f.size_gb {
            let (max, mode) = if shallow { (MAX_SHALLOW_GB, "shallow") } else { (MAX_FULL_GB, "full") };
            if size > max {
                cx.push(fpath.field("sizeGb"), "VER-17", Severity::Error, format!(
                    "Replication failed in this region due to 'The GalleryImageVersion source resource size {size} exceeds the max size {max} supported"
                ))
                .azure("V33")
                .fix(if shallow { "Shallow replication supports images up to 32 TB." } else { "Full replication supports images under 2 TB: use shallow replication (up to 32 TB), or shrink the disk." });
                let _ = mode;
            }
        }
        if f.encrypted == Some(true)
            && let (Some(src_sub), Some(plan_sub)) = (subscription_of(&source_id), cx.plan.subscription_id.as_deref())
            && !src_sub.eq_ignore_ascii_case(plan_sub)
        {
            cx.push(fpath.field("encrypted"), "VER-26", Severity::Error, format!(
                        "Encrypted source: '{source_id}' is in a different subscription ID than the current gallery image version subscription '{plan_sub}'. Please retry with an unencrypted source(s) or use the source's subscription '{src_sub}' to create the gallery image version"
                    ))
                    .azure("V18")
                    .fix("Use an unencrypted source, or create the version in the source's subscription.");
        }
    }
}

fn disk_source_count(sp: &StorageProfile) -> usize {
    let has = |d: &crate::model::DiskImage| d.source.as_ref().is_some_and(|s| s.id.is_some() || s.uri.is_some());
    usize::from(sp.os_disk_image.as_ref().is_some_and(has)) + sp.data_disk_images.iter().filter(|d| has(d)).count()
}

/// Customer-managed key encryption across target regions (VER-18, VER-19, VER-21, VER-26, VER-30, GAL-10).
fn check_encryption(cx: &mut Cx<'_>, base: Path<'_>, g: &Gallery, v: &ImageVersion) {
    let targets = &v.publishing_profile.target_regions;
    if targets.iter().all(|t| t.encryption.is_none()) {
        return;
    }
    let pp_path = base.field("publishingProfile");
    if matches!(g.sharing_profile.as_ref().and_then(|s| s.permissions.as_ref()), Some(SharingPermission::Groups)) {
        cx.push(
            pp_path.field("targetRegions"),
            "GAL-10",
            Severity::Error,
            "A direct shared gallery (sharing with Groups) cannot hold encrypted image versions.",
        )
        .fix("Remove the disk encryption sets, or publish the version in a private gallery.");
    }
    let sp = v.storage_profile.as_ref();
    let community = sp.and_then(|s| s.source.as_ref()).and_then(|s| s.community_gallery_image_id.as_deref()).is_some();
    let vhd =
        sp.and_then(|s| s.os_disk_image.as_ref()).and_then(|o| o.source.as_ref()).is_some_and(|s| s.uri.is_some());
    if community || vhd {
        let src = if community { "the community gallery image" } else { "the VHD" };
        cx.push(pp_path.field("targetRegions"), "VER-26", Severity::Error, format!(
            "Encryption is not supported for source resource '{src}'. Please use a different source resource type which supports encryption or remove encryption properties"
        ))
        .azure("V35")
        .fix("Encrypt versions made from VMs, disks, snapshots or managed images only.");
    }
    let data_luns: HashSet<i64> =
        sp.map(|s| s.data_disk_images.iter().filter_map(|d| d.lun).collect()).unwrap_or_default();
    let mut lun_list: Vec<i64> = data_luns.iter().copied().collect();
    lun_list.sort_unstable();
    let lun_text = lun_list.iter().map(ToString::to_string).collect::<Vec<_>>().join(",");
    // Where each disk has a DES somewhere: (disk, region that has it, DES id).
    let mut os_des: Option<(&RegionName, &str)> = None;
    let mut lun_des: HashMap<i64, (&RegionName, &str)> = HashMap::new();
    for (ti, t) in targets.iter().enumerate() {
        let Some(enc) = &t.encryption else { continue };
        let t_path = pp_path.item("targetRegions", ti);
        let tpath = t_path.field("encryption");
        if let Some(os) = &enc.os_disk_image {
            if let Some(des) = os.disk_encryption_set_id.as_deref() {
                check_des_id(cx, tpath.field("osDiskImage.diskEncryptionSetId"), des, "osDiskImage", "V22");
                os_des.get_or_insert((&t.name, des));
            }
            if let Some(profile) = &os.security_profile {
                match &profile.confidential_vm_encryption_type {
                    Some(ConfidentialVmEncryptionType::Unknown(x)) => {
                        cx.push(
                            tpath.field("osDiskImage.securityProfile.confidentialVMEncryptionType"),
                            "VER-30",
                            Severity::Error,
                            format!(
                                "'{x}' is not a confidential VM encryption type: use one of {}.",
                                ConfidentialVmEncryptionType::NAMES.join(", ")
                            ),
                        )
                        .fix("Choose a confidentialVMEncryptionType from the list.");
                    }
                    Some(kind)
                        if *kind != ConfidentialVmEncryptionType::EncryptedWithCmk
                            && profile.secure_vm_disk_encryption_set_id.is_some() =>
                    {
                        cx.push(tpath.field("osDiskImage.securityProfile.confidentialVMEncryptionType"), "VER-30", Severity::Error,
                            "confidential_vm_image_encryption_type must be set to \"EncryptedWithCmk\" when a secure VM disk encryption set is given.")
                            .fix("Set confidentialVMEncryptionType to EncryptedWithCmk, or remove secureVMDiskEncryptionSetId.");
                    }
                    _ => {}
                }
            }
        }
        let mut seen: HashSet<i64> = HashSet::new();
        for (i, dd) in enc.data_disk_images.iter().enumerate() {
            let dpath = tpath.item("dataDiskImages", i);
            if !data_luns.contains(&dd.lun) {
                cx.push(dpath.field("lun"), "VER-19", Severity::Error, format!(
                    "An invalid lun [{}] was specified in encryption.dataDiskImages. The lun must be one of the following values ['{lun_text}']",
                    dd.lun
                ))
                .azure("V28")
                .fix("Use the LUN of one of the version's data disks.");
            }
            if !seen.insert(dd.lun) {
                cx.push(
                    dpath.field("lun"),
                    "VER-19",
                    Severity::Error,
                    format!(
                        "Duplicate luns '{}' were specified in target region '{}' encryption.dataDiskImages",
                        dd.lun, t.name
                    ),
                )
                .azure("V29")
                .fix("List each LUN once per region.");
            }
            if let Some(des) = dd.disk_encryption_set_id.as_deref() {
                check_des_id(cx, dpath.field("diskEncryptionSetId"), des, "dataDiskImages", "V21");
                lun_des.entry(dd.lun).or_insert((&t.name, des));
            }
        }
    }
    // Every region needs the DES a disk has in any region (V26, V27).
    for (ti, t) in targets.iter().enumerate() {
        let enc = t.encryption.as_ref();
        let tpath = pp_path.item("targetRegions", ti);
        if let Some((region, des)) = os_des
            && enc.and_then(|e| e.os_disk_image.as_ref()).and_then(|o| o.disk_encryption_set_id.as_ref()).is_none()
        {
            cx.push(tpath.field("encryption.osDiskImage.diskEncryptionSetId"), "VER-18", Severity::Error, format!(
                    "A disk encryption set is required for disk 'galleryArtifactVersion.properties.publishingProfile.targetRegions.encryption.osDiskImage.diskEncryptionSetId' in target region '{}' since disk encryption set '{des}' is used for the corresponding disk in region '{region}'",
                    t.name
                ))
                .azure("V26")
                .fix(format!("Add a disk encryption set in {} for the OS disk (a DES is regional: create one there).", t.name));
        }
        let mut luns: Vec<(&i64, &(&RegionName, &str))> = lun_des.iter().collect();
        luns.sort_by_key(|(l, _)| **l);
        for (lun, (region, des)) in luns {
            let has = enc.is_some_and(|e| {
                e.data_disk_images.iter().any(|d| d.lun == *lun && d.disk_encryption_set_id.is_some())
            });
            if !has {
                cx.push(tpath.field("encryption.dataDiskImages"), "VER-18", Severity::Error, format!(
                    "A disk encryption set is required for disk 'LUN {lun}' in target region '{}' since disk encryption set '{des}' is used for the corresponding disk in region '{region}'",
                    t.name
                ))
                .azure("V27")
                .fix(format!("Add a disk encryption set for LUN {lun} in {}.", t.name));
            }
        }
    }
}

fn check_des_id(cx: &mut Cx<'_>, path: Path<'_>, des: &str, disk: &str, azure: &'static str) {
    let parts: Vec<&str> = des.split('/').collect();
    let well_formed = parts.len() == 9
        && parts[0].is_empty()
        && parts[1].eq_ignore_ascii_case("subscriptions")
        && parts[3].eq_ignore_ascii_case("resourceGroups")
        && parts[5].eq_ignore_ascii_case("providers")
        && parts[6].eq_ignore_ascii_case("Microsoft.Compute")
        && parts[7].eq_ignore_ascii_case("diskEncryptionSets")
        && parts.iter().skip(1).all(|p| !p.is_empty());
    if !well_formed {
        cx.push(path, "VER-21", Severity::Error, format!(
            "The value of parameter galleryArtifactVersion.properties.publishingProfile.targetRegions.encryption.{disk}.diskEncryptionSetId is invalid"
        ))
        .azure(azure)
        .fix("Use the full id: /subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.Compute/diskEncryptionSets/<name>.");
        return;
    }
    if let Some(plan_sub) = cx.plan.subscription_id.as_deref().filter(|s| !s.is_empty())
        && !parts[2].eq_ignore_ascii_case(plan_sub)
    {
        cx.push(
            path,
            "VER-21",
            Severity::Error,
            format!(
                "The disk encryption set '{des}' must be in the same subscription '{plan_sub}' as the gallery resource"
            ),
        )
        .azure("V17")
        .fix("Use a disk encryption set in the gallery's subscription.");
    }
}

/// UEFI settings (VER-32) and edge-zone targets (VER-33), kept as raw JSON in the model.
fn check_extensions(cx: &mut Cx<'_>, base: Path<'_>, v: &ImageVersion) {
    const TEMPLATES: [&str; 3] =
        ["NoSignatureTemplate", "MicrosoftUefiCertificateAuthorityTemplate", "MicrosoftWindowsTemplate"];
    const EDGE_TYPES: [&str; 4] = ["Standard_LRS", "Standard_ZRS", "StandardSSD_LRS", "Premium_LRS"];
    if let Some(names) = v
        .security_profile
        .as_ref()
        .and_then(|s| s.pointer("/uefiSettings/signatureTemplateNames"))
        .and_then(|n| n.as_array())
    {
        for (i, n) in names.iter().enumerate() {
            let ok = n.as_str().is_some_and(|s| TEMPLATES.iter().any(|t| t.eq_ignore_ascii_case(s)));
            if !ok {
                cx.push(
                    format!("{base}.securityProfile.uefiSettings.signatureTemplateNames[{i}]"),
                    "VER-32",
                    Severity::Error,
                    format!("{n} is not a UEFI signature template: use one of {}.", TEMPLATES.join(", ")),
                )
                .fix("Choose a signature template from the list.");
            }
        }
    }
    for (i, loc) in v.publishing_profile.target_extended_locations.iter().enumerate() {
        let path = format!("{base}.publishingProfile.targetExtendedLocations[{i}]");
        if let Some(t) = loc.get("storageAccountType").and_then(|t| t.as_str())
            && !EDGE_TYPES.iter().any(|k| k.eq_ignore_ascii_case(t))
        {
            cx.push(
                format!("{path}.storageAccountType"),
                "VER-33",
                Severity::Error,
                format!("'{t}' is not an edge zone storage account type: use one of {}.", EDGE_TYPES.join(", ")),
            )
            .fix("Choose an edge zone storage type from the list.");
        }
        if let Some(t) = loc.pointer("/extendedLocation/type").and_then(|t| t.as_str())
            && !t.eq_ignore_ascii_case("EdgeZone")
        {
            cx.push(
                format!("{path}.extendedLocation.type"),
                "VER-33",
                Severity::Error,
                format!("'{t}' is not an extended location type: use EdgeZone."),
            )
            .fix("Set extendedLocation.type to EdgeZone.");
        }
    }
}

/// REC-02: the version `latest` serves in a deployment region should have at least the replicas the plan's
/// replica guidance recommends for that region's load: the very figure of [`crate::replicas::recommend_plan`].
fn check_demand(cx: &mut Cx<'_>, gi: usize, di: usize, d: &ImageDefinition, _gallery_location: &RegionName) {
    let settings = cx.plan.replica_policy;
    let regions: Vec<&RegionName> = d.demand.iter().map(|x| &x.region).collect();
    let serving = crate::latest::serving_versions(d, &regions);
    for ((ri, demand), serving) in d.demand.iter().enumerate().zip(serving) {
        let dpath = format!("galleries[{gi}].images[{di}].demand[{ri}]");
        if demand.concurrent_vms < 0 || demand.scale_sets.iter().any(|s| s.instances < 0 || s.count < 0) {
            cx.push(dpath.clone(), "REC-02", Severity::Error, "Deployment load cannot be negative.")
                .fix("Enter the number of VMs and scale sets created at the same time (0 or more).");
            continue;
        }
        let Ok(vi) = serving else {
            cx.push(
                format!("{dpath}.region"),
                "REC-02",
                Severity::Warning,
                format!(
                    "No version of {} is replicated to {} and included in latest there, where deployments are planned.",
                    d.name,
                    demand.region.display_name()
                ),
            )
            .fix(format!("Add {} to the newest version's target regions.", demand.region));
            continue;
        };
        let v = &d.versions[vi];
        let load = crate::replicas::Load::from_demand(demand, d.production == Some(true), settings.margin_percent);
        let rec = crate::replicas::recommend(&load, settings.policy);
        let needed = rec.recommended;
        let Some(t) = v.target(&demand.region) else { continue };
        let have = v.replicas_in(t);
        if have < needed {
            let ti = v.publishing_profile.target_regions.iter().position(|x| x.name == demand.region).unwrap_or(0);
            let split = rec.split.as_ref().map_or_else(String::new, |s| format!(" {}", s.advice));
            cx.push(format!("galleries[{gi}].images[{di}].versions[{vi}].publishingProfile.targetRegions[{ti}].regionalReplicaCount"), "REC-02", Severity::Warning, format!(
                "Version {}, which latest gives in {}, has {have} replica{} there, but the deployment load calls for {needed} under {} with a {}% margin.{split}",
                v.name,
                demand.region.display_name(),
                if have == 1 { "" } else { "s" },
                settings.policy.title(),
                settings.margin_percent,
            ))
            .fix(format!("Set regionalReplicaCount to {needed} (Replicas view: Apply)."));
        }
    }
}
