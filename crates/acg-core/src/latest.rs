//! Which version `latest` resolves to, per image definition and region, and why.
//!
//! Azure's rule (reference decision 11, rules §7.1): in region R, the candidates are the versions replicated
//! to R whose effective exclude-from-latest flag is false there (the regional `targetRegions[].excludeFromLatest`
//! wins over the version's global flag); `latest` is the highest candidate by (Major, Minor, Patch) as numbers.
//! End-of-life dates never exclude. Where the plan records replication status, a version still replicating
//! to R (or failed there) is not deployable there yet. No candidate anywhere gives Azure's message L1; none in R
//! (while another region has one) gives L3.
//!
//! Decisions the documents leave open:
//! - **Numerically equal names** (`1.0.0` and `1.00.0`): Azure compares numbers, so they are the same version
//!   number; validation reports the second as a duplicate (VER-03). Here the first one in the plan's order wins
//!   (in the matrix and in the explanation alike); the others are candidates with status
//!   [`Status::SameNumber`]. The contrasts compare numbers too, so an equal number is never reported as a
//!   different pick.
//! - **Which reason wins** when several apply: an invalid name, then not replicated, then the replication state
//!   (replicating or failed), then the regional flag, then the global flag.
//! - **A name that is not `Major.Minor.Patch`** cannot be ordered: it is never a candidate and never panics.
//!
//! Two functions serve two needs: [`latest_matrix`] computes only the chosen version of every
//! definition x region cell, in one pass over the target regions (fast enough to run on every keystroke);
//! [`resolve_latest`] explains one cell, with a verdict for every version and where common mistakes would
//! pick differently.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::model::dates::parse_date;
use crate::model::{Gallery, ImageDefinition, ImageVersion, Plan, ReplicationState, TargetRegion};
use crate::region::RegionName;
use crate::version::ImageVersionName;

/// Why a version is or is not a candidate for `latest` in a region.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Status {
    /// The highest candidate: `latest` resolves to it.
    Chosen,
    /// A candidate, lower than the chosen one.
    Lower,
    /// A candidate with the same number as the chosen one but written differently (`1.00.0` beside `1.0.0`);
    /// the first one listed is chosen.
    SameNumber,
    /// Not among the target regions.
    NotReplicated,
    /// Excluded by the version's global flag, and no regional flag re-includes it.
    ExcludedGlobally,
    /// Excluded by the region's own flag.
    ExcludedInRegion,
    /// Replication to the region is still in progress.
    Replicating,
    /// Replication to the region failed.
    ReplicationFailed,
    /// The name is not `Major.Minor.Patch`, so Azure would not have created it.
    InvalidName,
}

/// The verdict on one version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct VersionVerdict {
    /// The version name as written.
    pub name: String,
    /// Whether it is a candidate in this region.
    pub candidate: bool,
    /// The status.
    pub status: Status,
    /// The reason in words.
    pub reason: String,
    /// Whether a regional `excludeFromLatest: false` overrides a global `true` here.
    pub reincluded: bool,
    /// Whether its end-of-life date has passed (never a reason to exclude it).
    pub past_end_of_life: bool,
}

/// A common mistake that picks a different version than Azure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Contrast {
    /// `textSort` (versions sorted as text) or `regionBlind` (global flag only, regions ignored, as Terraform's
    /// `azurerm_shared_image_version` data source with `name = "latest"` does).
    pub mistake: String,
    /// What the mistake picks (none: it finds nothing).
    pub picks: Option<String>,
    /// The explanation.
    pub explanation: String,
}

/// `latest` for one definition in one region, explained.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Resolution {
    /// Gallery name.
    pub gallery: String,
    /// Definition name.
    pub definition: String,
    /// Region (normalized programmatic name, as in the matrix: `West Europe` gives `westeurope`).
    pub region: String,
    /// The chosen version, or none.
    pub latest: Option<String>,
    /// Azure's message when nothing resolves (L1 or L3), else none.
    pub message: Option<String>,
    /// The id of that message (`L1` or `L3`).
    pub azure_message: Option<String>,
    /// A verdict for every version of the definition, in the plan's order.
    pub versions: Vec<VersionVerdict>,
    /// Where the text-sorting or region-blind mistakes would pick differently.
    pub contrasts: Vec<Contrast>,
    /// A note when the chosen version is past its end of life.
    pub note: Option<String>,
}

/// One cell of the matrix.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MatrixCell {
    /// Index of the gallery in the plan.
    pub gallery_index: usize,
    /// Index of the definition in its gallery.
    pub definition_index: usize,
    /// Gallery name.
    pub gallery: String,
    /// Definition name.
    pub definition: String,
    /// Region (normalized programmatic name).
    pub region: String,
    /// The chosen version, or none.
    pub latest: Option<String>,
    /// `L1` (nothing in latest anywhere) or `L3` (nothing in this region) when none.
    pub azure_message: Option<String>,
}

/// Every definition x region cell of a plan, in stable order (galleries, definitions, then regions by name).
/// The regions of a definition are its versions' target regions plus its deployment demand regions.
pub fn latest_matrix(plan: &Plan) -> Vec<MatrixCell> {
    let mut cells = Vec::new();
    for (gi, g) in plan.galleries.iter().enumerate() {
        for (di, d) in g.images.iter().enumerate() {
            definition_cells(gi, di, g, d, &mut cells);
        }
    }
    cells
}

/// The best candidate so far in a region: its numeric key and its index.
type Best = ((u32, u32, u32), usize);

/// A region's slot while a definition's cells are computed: (region, best candidate so far, 1 + the last
/// version that reached it).
type Slot<'d> = (&'d RegionName, Option<Best>, usize);

/// The cells of one definition (used by the matrix and by what-if).
///
/// One pass over the target regions, with no string allocated per target. Each region gets a slot once, found
/// by its catalog position (no hashing or text read per target; a region outside the catalog, an error in the
/// plan, by a map lookup). A duplicated region in one version (an error Azure rejects) counts once, as its
/// first entry, like [`ImageVersion::target`].
pub(crate) fn definition_cells<'d>(
    gi: usize,
    di: usize,
    g: &Gallery,
    d: &'d ImageDefinition,
    out: &mut Vec<MatrixCell>,
) {
    let mut slots: Vec<Slot<'d>> = Vec::new();
    let mut by_catalog: Vec<Option<usize>> = Vec::new();
    let mut others: HashMap<&'d str, usize> = HashMap::new();
    let mut slot_for = |region: &'d RegionName, slots: &mut Vec<Slot<'d>>| {
        let fresh = || {
            slots.push((region, None, 0));
            slots.len() - 1
        };
        match region.catalog_index() {
            Some(i) => {
                if by_catalog.len() <= i {
                    by_catalog.resize(i + 1, None);
                }
                *by_catalog[i].get_or_insert_with(fresh)
            }
            None => *others.entry(region.key()).or_insert_with(fresh),
        }
    };
    for r in &d.demand {
        slot_for(&r.region, &mut slots);
    }
    for (vi, v) in d.versions.iter().enumerate() {
        let key = ImageVersionName::parse_key(&v.name);
        for t in &v.publishing_profile.target_regions {
            let si = slot_for(&t.name, &mut slots);
            let Some(slot) = slots.get_mut(si) else { continue };
            if slot.2 == vi + 1 {
                continue;
            }
            slot.2 = vi + 1;
            if let Some(k) = key
                && is_candidate(v, t)
                && slot.1.is_none_or(|(bk, _)| k > bk)
            {
                slot.1 = Some((k, vi));
            }
        }
    }
    slots.sort_unstable_by(|a, b| a.0.key().cmp(b.0.key()));
    let anywhere = slots.iter().any(|s| s.1.is_some());
    out.reserve(slots.len());
    for (region, chosen, _) in slots {
        out.push(MatrixCell {
            gallery_index: gi,
            definition_index: di,
            gallery: g.name.clone(),
            definition: d.name.clone(),
            region: region.key().to_owned(),
            latest: chosen.and_then(|(_, vi)| d.versions.get(vi)).map(|v| v.name.clone()),
            azure_message: match (chosen, anywhere) {
                (Some(_), _) => None,
                (None, true) => Some("L3".to_owned()),
                (None, false) => Some("L1".to_owned()),
            },
        });
    }
}

fn replication_blocks(v: &ImageVersion, region: &RegionName) -> Option<Status> {
    match v.replication_state_in(region) {
        Some(ReplicationState::Replicating) => Some(Status::Replicating),
        Some(ReplicationState::Failed) => Some(Status::ReplicationFailed),
        _ => None,
    }
}

fn is_candidate(v: &ImageVersion, t: &TargetRegion) -> bool {
    !v.excluded_in(t) && replication_blocks(v, &t.name).is_none()
}

/// The version that serves deployments of a definition in a region: the one `latest` resolves to there (the
/// same choice as [`latest_matrix`] and [`resolve_latest`]: the highest candidate, the first listed of equal
/// numbers). `Err` is Azure's message id when nothing resolves: `L1` (no candidate anywhere) or `L3` (none in
/// this region).
pub fn serving_version(d: &ImageDefinition, region: &RegionName) -> Result<usize, &'static str> {
    serving_versions(d, &[region]).pop().unwrap_or(Err("L1"))
}

/// [`serving_version`] in each of several regions (a definition's deployment regions), in their order: one walk
/// over the versions, each version's name parsed once and its target regions read while they are at hand,
/// instead of a walk over every version and target per region.
pub fn serving_versions(d: &ImageDefinition, regions: &[&RegionName]) -> Vec<Result<usize, &'static str>> {
    let mut best: Vec<Option<Best>> = vec![None; regions.len()];
    for (vi, v) in d.versions.iter().enumerate() {
        let Some(key) = ImageVersionName::parse_key(&v.name) else { continue };
        for (b, region) in best.iter_mut().zip(regions) {
            if let Some(t) = v.target(region)
                && is_candidate(v, t)
                && b.is_none_or(|(bk, _)| key > bk)
            {
                *b = Some((key, vi));
            }
        }
    }
    let none = if best.iter().all(Option::is_some) {
        "L1"
    } else if d.versions.iter().any(|v| {
        ImageVersionName::parse_key(&v.name).is_some()
            && v.publishing_profile.target_regions.iter().any(|t| is_candidate(v, t))
    }) {
        "L3"
    } else {
        "L1"
    };
    best.into_iter().map(|b| b.map(|(_, vi)| vi).ok_or(none)).collect()
}

/// Azure's message when `latest` resolves to nothing (`L1` or `L3`, from [`serving_version`]) for a
/// definition in a region, with the definition's resource id.
pub fn no_latest_message(plan: &Plan, gallery: &str, definition: &str, region: &RegionName, id: &str) -> String {
    let resource = definition_id(plan, gallery, definition);
    if id == "L3" {
        format!(
            "The gallery image {resource} is not available in {} region. Please contact image owner to replicate to this region, or change your requested region",
            region.key()
        )
    } else {
        format!("There is no latest image version exists for \"{resource}\"")
    }
}

/// The resource id of a definition, for Azure's messages (placeholders where the plan has no subscription or
/// resource group).
pub fn definition_id(plan: &Plan, gallery: &str, definition: &str) -> String {
    format!(
        "/subscriptions/{}/resourceGroups/{}/providers/Microsoft.Compute/galleries/{gallery}/images/{definition}",
        plan.subscription_id.as_deref().filter(|s| !s.is_empty()).unwrap_or("<subscriptionID>"),
        plan.resource_group.as_deref().filter(|s| !s.is_empty()).unwrap_or("<resourceGroup>"),
    )
}

/// Explains `latest` for the definition at `galleries[gallery_index].images[definition_index]` in `region`.
/// Returns `None` when the indexes point at nothing.
pub fn resolve_latest(
    plan: &Plan,
    gallery_index: usize,
    definition_index: usize,
    region: &RegionName,
    today: NaiveDate,
) -> Option<Resolution> {
    let g = plan.galleries.get(gallery_index)?;
    let d = g.images.get(definition_index)?;
    let parsed: Vec<Option<ImageVersionName>> = d.versions.iter().map(|v| v.name.parse().ok()).collect();
    // First pass: candidates.
    let mut verdicts: Vec<VersionVerdict> = Vec::with_capacity(d.versions.len());
    let mut chosen: Option<usize> = None;
    for (vi, v) in d.versions.iter().enumerate() {
        let target = v.target(region);
        let global = v.publishing_profile.exclude_from_latest.unwrap_or(false);
        let reincluded = global && target.is_some_and(|t| t.exclude_from_latest == Some(false));
        let past_eol =
            v.publishing_profile.end_of_life_date.as_deref().and_then(parse_date).is_some_and(|d| d <= today);
        let (status, reason) = match (&parsed[vi], target) {
            (None, _) => {
                (Status::InvalidName, format!("'{}' is not a Major.Minor.Patch name, so it cannot be ordered", v.name))
            }
            (_, None) => (Status::NotReplicated, format!("not replicated to {}", region.display_name())),
            (Some(_), Some(t)) => {
                if let Some(s) = replication_blocks(v, &t.name) {
                    let word = if s == Status::Replicating { "still replicating to" } else { "replication failed in" };
                    (s, format!("{word} {}: not deployable there yet", region.display_name()))
                } else if t.exclude_from_latest == Some(true) {
                    (
                        Status::ExcludedInRegion,
                        format!("excluded from latest in {} by its regional flag", region.display_name()),
                    )
                } else if v.excluded_in(t) {
                    (
                        Status::ExcludedGlobally,
                        "excluded from latest by its global flag (no regional flag re-includes it here)".to_owned(),
                    )
                } else {
                    (Status::Lower, String::new())
                }
            }
        };
        let candidate = status == Status::Lower;
        if candidate
            && chosen.is_none_or(|c| {
                parsed[vi].as_ref().map(ImageVersionName::key) > parsed[c].as_ref().map(ImageVersionName::key)
            })
        {
            chosen = Some(vi);
        }
        verdicts.push(VersionVerdict {
            name: v.name.clone(),
            candidate,
            status,
            reason,
            reincluded,
            past_end_of_life: past_eol,
        });
    }
    let chosen_name = chosen.map(|c| d.versions[c].name.clone());
    let chosen_key = chosen.and_then(|c| parsed.get(c)).and_then(Option::as_ref).map(ImageVersionName::key);
    for (vi, verdict) in verdicts.iter_mut().enumerate() {
        if !verdict.candidate {
            continue;
        }
        let re = if verdict.reincluded {
            " (re-included here: the regional excludeFromLatest=false overrides the global true)"
        } else {
            ""
        };
        let key = parsed.get(vi).and_then(Option::as_ref).map(ImageVersionName::key);
        if Some(vi) == chosen {
            verdict.status = Status::Chosen;
            verdict.reason = format!("the highest candidate (by Major, Minor, Patch as numbers){re}");
        } else if key.is_some() && key == chosen_key {
            verdict.status = Status::SameNumber;
            verdict.reason = format!(
                "the same version number as {} (written differently); the first one listed is used{re}",
                chosen_name.as_deref().unwrap_or("")
            );
        } else {
            verdict.reason = format!("lower than {}{re}", chosen_name.as_deref().unwrap_or(""));
        }
        if verdict.past_end_of_life {
            verdict.reason.push_str("; past its end-of-life date, which does not exclude it");
        }
    }
    let (message, azure_message) = if chosen.is_some() {
        (None, None)
    } else {
        let anywhere = d
            .versions
            .iter()
            .zip(&parsed)
            .any(|(v, p)| p.is_some() && v.publishing_profile.target_regions.iter().any(|t| is_candidate(v, t)));
        let code = if anywhere { "L3" } else { "L1" };
        (Some(no_latest_message(plan, &g.name, &d.name, region, code)), Some(code.to_owned()))
    };
    let note = chosen.filter(|c| verdicts[*c].past_end_of_life).map(|c| {
        format!("{} is past its end-of-life date; end-of-life dates are informational, and VMs can still be created from it.", d.versions[c].name)
    });
    let contrasts = contrasts(d, &parsed, &verdicts, chosen);
    Some(Resolution {
        gallery: g.name.clone(),
        definition: d.name.clone(),
        region: region.key().to_owned(),
        latest: chosen_name,
        message,
        azure_message,
        versions: verdicts,
        contrasts,
        note,
    })
}

fn contrasts(
    d: &ImageDefinition,
    parsed: &[Option<ImageVersionName>],
    verdicts: &[VersionVerdict],
    chosen: Option<usize>,
) -> Vec<Contrast> {
    let key = |i: usize| parsed.get(i).and_then(Option::as_ref).map(ImageVersionName::key);
    let name = |i: Option<usize>| i.and_then(|i| d.versions.get(i)).map_or("nothing", |v| v.name.as_str());
    // Two picks differ only when their numbers differ (`1.00.0` is the same pick as `1.0.0`).
    let differs = |other: Option<usize>| other.map(key) != chosen.map(key);
    let mut out = Vec::new();
    // Text sort over the same candidates (the last of equal texts, as a sort then "take the last" does).
    let text_pick = verdicts
        .iter()
        .enumerate()
        .filter(|(_, v)| v.candidate)
        .max_by(|(_, a), (_, b)| a.name.cmp(&b.name))
        .map(|(i, _)| i);
    if differs(text_pick) {
        out.push(Contrast {
            mistake: "textSort".to_owned(),
            picks: text_pick.map(|i| name(Some(i)).to_owned()),
            explanation: format!(
                "Sorting version names as text would pick {}; Azure compares Major, Minor and Patch as numbers and picks {}.",
                name(text_pick),
                name(chosen)
            ),
        });
    }
    // Region-blind, global flag only (Terraform's data source): the highest number among the versions not
    // excluded globally, wherever they are replicated.
    let mut blind: Option<usize> = None;
    for (i, v) in d.versions.iter().enumerate() {
        if key(i).is_some()
            && !v.publishing_profile.exclude_from_latest.unwrap_or(false)
            && blind.is_none_or(|b| key(i) > key(b))
        {
            blind = Some(i);
        }
    }
    if differs(blind) {
        out.push(Contrast {
            mistake: "regionBlind".to_owned(),
            picks: blind.map(|i| name(Some(i)).to_owned()),
            explanation: format!(
                "A lookup that ignores regions and regional flags (like Terraform's azurerm_shared_image_version data source with name = \"latest\") would pick {}; in this region Azure picks {}.",
                name(blind),
                name(chosen)
            ),
        });
    }
    out
}

/// A what-if edit to a plan, addressed by names. In JSON the edit's name holds its fields
/// (`{"setRegionalExclude": {"gallery": …}}`), as [`crate::edit::Change`] is written.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", rename_all_fields = "camelCase")]
pub enum Edit {
    /// Publish a new version (with its target regions) to a definition.
    PublishVersion {
        /// Gallery name.
        gallery: String,
        /// Definition name.
        definition: String,
        /// The new version.
        version: Box<ImageVersion>,
    },
    /// Set or clear a version's global exclude-from-latest flag.
    SetGlobalExclude {
        /// Gallery name.
        gallery: String,
        /// Definition name.
        definition: String,
        /// Version name.
        version: String,
        /// The new flag (none: unset).
        exclude: Option<bool>,
    },
    /// Set or clear a version's exclude-from-latest flag in one region.
    SetRegionalExclude {
        /// Gallery name.
        gallery: String,
        /// Definition name.
        definition: String,
        /// Version name.
        version: String,
        /// Region.
        region: RegionName,
        /// The new flag (none: unset).
        exclude: Option<bool>,
    },
    /// Remove a region from a version's target regions.
    RemoveRegion {
        /// Gallery name.
        gallery: String,
        /// Definition name.
        definition: String,
        /// Version name.
        version: String,
        /// Region.
        region: RegionName,
    },
}

impl Edit {
    fn names(&self) -> (&str, &str) {
        match self {
            Edit::PublishVersion { gallery, definition, .. }
            | Edit::SetGlobalExclude { gallery, definition, .. }
            | Edit::SetRegionalExclude { gallery, definition, .. }
            | Edit::RemoveRegion { gallery, definition, .. } => (gallery, definition),
        }
    }
}

/// Finds a definition by gallery and definition name (case-insensitive, as Azure names are).
pub fn find_definition(plan: &Plan, gallery: &str, definition: &str) -> Option<(usize, usize)> {
    let gi = plan.galleries.iter().position(|g| g.name.eq_ignore_ascii_case(gallery))?;
    let di = plan.galleries[gi].images.iter().position(|d| d.name.eq_ignore_ascii_case(definition))?;
    Some((gi, di))
}

/// Applies an edit to a definition. Errors name what was not found.
pub fn apply_edit(def: &mut ImageDefinition, edit: &Edit) -> Result<(), String> {
    fn version<'a>(def: &'a mut ImageDefinition, name: &str) -> Result<&'a mut ImageVersion, String> {
        let found = def.versions.iter_mut().find(|v| v.name == name);
        found.map(Arc::make_mut).ok_or_else(|| format!("version {name} not found in {}", def.name))
    }
    match edit {
        Edit::PublishVersion { version: v, .. } => {
            if def.versions.iter().any(|x| x.name == v.name) {
                return Err(format!("version {} already exists in {}", v.name, def.name));
            }
            def.versions.push(Arc::new((**v).clone()));
        }
        Edit::SetGlobalExclude { version: name, exclude, .. } => {
            version(def, name)?.publishing_profile.exclude_from_latest = *exclude;
        }
        Edit::SetRegionalExclude { version: name, region, exclude, .. } => {
            let t = version(def, name)?
                .publishing_profile
                .target_regions
                .iter_mut()
                .find(|t| t.name == *region)
                .ok_or_else(|| format!("version {name} is not replicated to {region}"))?;
            t.exclude_from_latest = *exclude;
        }
        Edit::RemoveRegion { version: name, region, .. } => {
            let targets = &mut version(def, name)?.publishing_profile.target_regions;
            let before = targets.len();
            targets.retain(|t| t.name != *region);
            if targets.len() == before {
                return Err(format!("version {name} is not replicated to {region}"));
            }
        }
    }
    Ok(())
}

/// One cell that an edit changes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CellChange {
    /// Gallery name.
    pub gallery: String,
    /// Definition name.
    pub definition: String,
    /// Region key.
    pub region: String,
    /// `latest` before the edit.
    pub before: Option<String>,
    /// `latest` after the edit.
    pub after: Option<String>,
}

/// The matrix cells an edit would change, before and after. Only the edited definition is copied.
pub fn what_if(plan: &Plan, edit: &Edit) -> Result<Vec<CellChange>, String> {
    let (gallery, definition) = edit.names();
    let (gi, di) = find_definition(plan, gallery, definition)
        .ok_or_else(|| format!("image definition {gallery}/{definition} not found"))?;
    let g = &plan.galleries[gi];
    let mut edited = ImageDefinition::clone(&g.images[di]);
    apply_edit(&mut edited, edit)?;
    let mut before = Vec::new();
    definition_cells(gi, di, g, &g.images[di], &mut before);
    let mut after = Vec::new();
    definition_cells(gi, di, g, &edited, &mut after);
    let before: HashMap<String, Option<String>> = before.into_iter().map(|c| (c.region, c.latest)).collect();
    let mut after_map: BTreeMap<String, Option<String>> = after.into_iter().map(|c| (c.region, c.latest)).collect();
    for region in before.keys() {
        after_map.entry(region.clone()).or_insert(None);
    }
    Ok(after_map
        .into_iter()
        .filter_map(|(region, a)| {
            let b = before.get(&region).cloned().flatten();
            (b != a).then(|| CellChange {
                gallery: g.name.clone(),
                definition: edited.name.clone(),
                region,
                before: b,
                after: a,
            })
        })
        .collect())
}

#[cfg(test)]
mod tests;
