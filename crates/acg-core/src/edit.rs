//! Every change a person or a script makes to a plan, in one place.
//!
//! A [`Change`] names what to do and where ([`At`]); [`apply`] does it, or refuses with Azure's own message
//! where Azure would refuse (deleting a definition that still has versions, a second resource of the same name),
//! and returns what it changed ([`Applied`]): the resources touched, what to select next, lines to tell the user,
//! and the change that undoes it exactly. The app's reducer, the CLI and the JS API's `applyEdit` all go through
//! here, so no shell holds plan surgery of its own.
//!
//! ```
//! use acg_core::edit::{apply, At, Change, Field};
//!
//! let mut plan = acg_core::sample::plan();
//! let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
//! let before = plan.clone();
//! let done = apply(&mut plan, Change::SetField { at: At::Gallery(0), field: Field::Description, text: "Golden images".into() }, today)?;
//! assert_eq!(plan.galleries[0].description.as_deref(), Some("Golden images"));
//! apply(&mut plan, done.undo, today)?;
//! assert_eq!(plan, before);
//! # Ok::<(), acg_core::Report>(())
//! ```

use std::borrow::Cow;
use std::sync::Arc;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use serde_json::Value;

pub use crate::address::{At, AtError};
use crate::billing::{BillingSettings, PlanPrices, Redundancy, Tier};
use crate::latest::{Edit, apply_edit, find_definition};
use crate::model::{
    Gallery, GalleryImageFeature, ImageDefinition, ImageIdentifier, ImageVersion, OccupiedSize, Plan, RegionDemand,
    TargetRegion, from_json_value, to_json_value,
};
/// Why Azure would refuse to delete a resource now (nested resources first, a version blocked before its end of
/// life); empty when it would delete it.
pub use crate::ops::check_delete as delete_blockers;
use crate::region::RegionName;
use crate::replicas::Policy;
use crate::report::{Issue, Report, Severity};
use crate::version::ImageVersionName;

/// A typed field of a resource that forms edit as text. Which resources have it: see [`Field::path`].
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Field {
    /// `name` (every resource).
    Name,
    /// `location`: a gallery's region, a version's source region (blank: the gallery's).
    Location,
    /// `description` (gallery, definition).
    Description,
    /// Definition `osType`.
    OsType,
    /// Definition `osState`.
    OsState,
    /// Definition `hyperVGeneration`.
    HyperVGeneration,
    /// Definition `identifier.publisher`.
    Publisher,
    /// Definition `identifier.offer`.
    Offer,
    /// Definition `identifier.sku`.
    Sku,
    /// Definition `production` (`true`, `false`, or blank).
    Production,
    /// Definition `SecurityType` feature (blank removes it).
    SecurityType,
    /// Definition `endOfLifeDate`, version `publishingProfile.endOfLifeDate`.
    EndOfLifeDate,
    /// Version target regions in the az syntax (`eastus=2=standard_zrs westus2`).
    TargetRegions,
    /// Version `publishingProfile.replicaCount`.
    ReplicaCount,
    /// Version `publishingProfile.excludeFromLatest` (`true`, `false`, or blank).
    ExcludeFromLatest,
    /// Version `publishingProfile.storageAccountType`.
    StorageAccountType,
    /// Version `publishingProfile.replicationMode`.
    ReplicationMode,
    /// Version occupied GB of the OS disk (planner-only).
    OccupiedOsGb,
    /// Version `storageProfile.source.id`.
    SourceId,
    /// A definition feature by name (`IsAcceleratedNetworkSupported`); blank removes it.
    Feature(String),
}

impl Field {
    /// The field's path below its resource, as the validation report writes it (`identifier.sku`; `features`
    /// for a feature, whose index [`field_path`] finds); none when the resource at `at` has no such field.
    pub fn path(&self, at: At) -> Option<Cow<'static, str>> {
        use Field as F;
        let path = match (at, self) {
            (_, F::Name) => "name",
            (At::Gallery(_) | At::Version(..), F::Location) => "location",
            (At::Gallery(_) | At::Definition(..), F::Description) => "description",
            (At::Definition(..), F::OsType) => "osType",
            (At::Definition(..), F::OsState) => "osState",
            (At::Definition(..), F::HyperVGeneration) => "hyperVGeneration",
            (At::Definition(..), F::Publisher) => "identifier.publisher",
            (At::Definition(..), F::Offer) => "identifier.offer",
            (At::Definition(..), F::Sku) => "identifier.sku",
            (At::Definition(..), F::Production) => "production",
            (At::Definition(..), F::SecurityType | F::Feature(_)) => "features",
            (At::Definition(..), F::EndOfLifeDate) => "endOfLifeDate",
            (At::Version(..), F::EndOfLifeDate) => "publishingProfile.endOfLifeDate",
            (At::Version(..), F::TargetRegions) => "publishingProfile.targetRegions",
            (At::Version(..), F::ReplicaCount) => "publishingProfile.replicaCount",
            (At::Version(..), F::ExcludeFromLatest) => "publishingProfile.excludeFromLatest",
            (At::Version(..), F::StorageAccountType) => "publishingProfile.storageAccountType",
            (At::Version(..), F::ReplicationMode) => "publishingProfile.replicationMode",
            (At::Version(..), F::OccupiedOsGb) => "occupiedGb",
            (At::Version(..), F::SourceId) => "storageProfile.source.id",
            _ => return None,
        };
        Some(Cow::Borrowed(path))
    }

    /// The words people read for it.
    pub fn label(&self) -> Cow<'static, str> {
        use Field as F;
        Cow::Borrowed(match self {
            F::Name => "Name",
            F::Location => "Region",
            F::Description => "Description",
            F::OsType => "OS type",
            F::OsState => "OS state",
            F::HyperVGeneration => "Hyper-V generation",
            F::Publisher => "Publisher",
            F::Offer => "Offer",
            F::Sku => "SKU",
            F::Production => "Production image",
            F::SecurityType => "Security type",
            F::EndOfLifeDate => "End-of-life date",
            F::TargetRegions => "Target regions",
            F::ReplicaCount => "Default replicas per region",
            F::ExcludeFromLatest => "Exclude from latest",
            F::StorageAccountType => "Storage account type",
            F::ReplicationMode => "Replication mode",
            F::OccupiedOsGb => "Occupied GB",
            F::SourceId => "Source id",
            F::Feature(name) => return Cow::Owned(name.clone()),
        })
    }
}

/// How [`Change::SetProperty`] reads its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum PropertyKind {
    /// A string (blank removes the property).
    Text,
    /// `true` or `false` (anything else removes it).
    Bool,
    /// A whole number (blank removes it; other text is refused).
    Integer,
    /// Any JSON value (blank removes it; text that is not JSON is refused).
    Json,
}

/// A resource with what it holds, or only its own properties: the payload of [`Change::Insert`] and
/// [`Change::Restore`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Resource {
    /// A gallery.
    Gallery(Box<Gallery>),
    /// An image definition.
    Definition(Box<ImageDefinition>),
    /// An image version (shared with the plan it was taken from: an undo puts back the very version).
    Version(Arc<ImageVersion>),
    /// A target region of a version.
    TargetRegion(Box<TargetRegion>),
}

/// Every edit the app, the CLI or the JS API offers. In JSON, the change's name holds its fields
/// (`{"setField": {"at": "galleries[0]", "field": "description", "text": "Golden images"}}`, `"addGallery"`):
/// serde reads that form straight from the text, where a `kind` tag inside the object would make it buffer
/// every field and compile a second reader of every model type (200 KB of WebAssembly).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", rename_all_fields = "camelCase")]
#[allow(clippy::large_enum_variant, reason = "changes are made one at a time; boxing them all buys nothing")]
pub enum Change {
    /// Add a gallery (named `galleryN`, in the first gallery's region).
    AddGallery,
    /// Add an image definition to a gallery (named `image-N`, with a unique identifier).
    AddDefinition {
        /// The gallery.
        gallery: At,
    },
    /// Add a version to a definition (the next patch after its newest), replicated to the source region.
    AddVersion {
        /// The definition.
        definition: At,
    },
    /// Copy a resource (with what it holds) next to it, under a free name.
    Duplicate {
        /// The resource.
        at: At,
    },
    /// Delete a resource, as Azure would: refused while it holds nested resources, or while a version's
    /// deletion is blocked before its end of life.
    Delete {
        /// The resource.
        at: At,
    },
    /// Delete a resource and everything it holds, nested resources first (the order Azure requires); refused
    /// if any version in it is blocked from deletion.
    DeleteTree {
        /// The resource.
        at: At,
    },
    /// Remove a resource and what it holds without Azure's delete checks: the undo of an addition.
    Remove {
        /// The resource.
        at: At,
    },
    /// Put a resource (with what it holds) at an address, moving later siblings up: the undo of a delete.
    Insert {
        /// Where it goes.
        at: At,
        /// The resource.
        resource: Resource,
    },
    /// Put back a resource's own properties; with `children`, also what it holds: the undo of an edit.
    Restore {
        /// The resource.
        at: At,
        /// Its properties as they were.
        resource: Resource,
        /// Whether `resource` carries the children to put back too.
        children: bool,
    },
    /// Set a typed field from text.
    SetField {
        /// The resource.
        at: At,
        /// The field.
        field: Field,
        /// The text a form holds.
        text: String,
    },
    /// Set (or, with blank text, remove) any property of a resource by its JSON pointer in the REST shape
    /// without children (`/safetyProfile/blockDeletionBeforeEndOfLife`).
    SetProperty {
        /// The resource.
        at: At,
        /// The JSON pointer.
        pointer: String,
        /// How the text reads.
        reads: PropertyKind,
        /// The text.
        text: String,
    },
    /// Replace a version's target regions.
    SetTargetRegions {
        /// The version.
        version: At,
        /// The new list.
        regions: Vec<TargetRegion>,
    },
    /// Add a target region (from the region catalog) to a version.
    AddTargetRegion {
        /// The version.
        version: At,
        /// The region, by programmatic or display name.
        region: String,
    },
    /// Replace one target region row.
    SetTargetRegion {
        /// The row.
        at: At,
        /// The new row.
        region: TargetRegion,
    },
    /// A latest-view edit, addressed by names (regional and global exclude, remove a region, publish).
    Latest {
        /// The edit.
        edit: Edit,
    },
    /// Write recommended replica counts into a version, adding missing deployment regions as targets.
    ApplyReplicas {
        /// The version.
        version: At,
        /// Region and count.
        counts: Vec<(RegionName, i64)>,
    },
    /// Add (or replace, for the same region) the deployment load of a definition in a region.
    SetDemand {
        /// The definition.
        definition: At,
        /// The load.
        demand: RegionDemand,
    },
    /// Remove the deployment load of a definition in a region.
    RemoveDemand {
        /// The definition.
        definition: At,
        /// The region.
        region: RegionName,
    },
    /// Change the replica guidance.
    SetPolicy {
        /// The guidance.
        policy: Policy,
    },
    /// Change the over-provisioning margin, in percent (at most 1000).
    SetMargin {
        /// Percent.
        percent: u32,
    },
    /// Change (or, with none, drop) the release and retention settings of the projection.
    SetBilling {
        /// The settings.
        settings: Option<BillingSettings>,
    },
    /// Import a Retail Prices API response into the plan's prices.
    ImportPrices {
        /// The JSON text.
        json: String,
    },
    /// Override one snapshot price.
    OverridePrice {
        /// Region.
        region: RegionName,
        /// Tier.
        tier: Tier,
        /// Redundancy.
        redundancy: Redundancy,
        /// Amount per GB-month.
        amount: Decimal,
    },
    /// Override one transfer price, by its key in the price book (`Europe|Europe`, or `Europe` for any other
    /// continent).
    OverrideTransfer {
        /// The key.
        key: String,
        /// Amount per GB.
        amount: Decimal,
    },
    /// Replace the plan's own prices (none: back to the embedded catalog).
    SetPrices {
        /// The prices.
        #[serde(with = "prices_serde")]
        prices: PlanPrices,
    },
    /// Name the plan.
    SetName {
        /// The name.
        name: String,
    },
    /// Replace the whole plan (an import, the sample, an empty plan).
    ReplacePlan {
        /// The plan.
        plan: Box<Plan>,
    },
    /// Add another plan's galleries, definitions and versions to this one (an import that adds): a gallery or
    /// definition of the same name takes the other's children, keeping its own properties; a version of the
    /// same name is refused with the validator's message. The plan's settings stay as they are.
    MergePlan {
        /// The plan whose resources are added.
        plan: Box<Plan>,
    },
}

/// What changed, for whoever keeps results per resource.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "at", rename_all = "camelCase")]
pub enum Changed {
    /// Nothing: the change left the plan as it was.
    Nothing,
    /// This resource and what it holds; no resource was added or removed above it.
    Resource(At),
    /// The children of this resource (none: the list of galleries) were added, removed or reordered: addresses
    /// after the change point shifted.
    Children(Option<At>),
    /// Plan-wide settings (prices, replica guidance, billing, name); no resource.
    Settings,
    /// Anything: the whole plan was replaced.
    Document,
}

/// What [`apply`] did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Applied {
    /// What changed.
    pub changed: Changed,
    /// The resource to show next (a new or copied resource; the parent of a deleted one).
    pub select: Option<At>,
    /// What to tell the user (what a price import took, what a tree delete removed, in order).
    pub notes: Vec<String>,
    /// The change that puts the plan back exactly as it was.
    pub undo: Change,
}

impl Applied {
    fn new(changed: Changed, undo: Change) -> Self {
        Self { changed, select: None, notes: Vec::new(), undo }
    }
    /// Marks a change that changed nothing (callers record no undo step).
    fn noop(mut self) -> Self {
        self.changed = Changed::Nothing;
        self
    }
    /// What to select next: a resource, or `None` (the list of galleries).
    fn select(mut self, at: impl Into<Option<At>>) -> Self {
        self.select = at.into();
        self
    }
}

/// Applies a change to a plan as of `today` (deletion blocks before an end of life depend on it). On refusal
/// the plan is left exactly as it was and the report says why, with Azure's message where Azure has one.
pub fn apply(plan: &mut Plan, change: Change, today: NaiveDate) -> Result<Applied, Report> {
    match change {
        Change::AddGallery => Ok(add_gallery(plan)),
        Change::AddDefinition { gallery } => add_definition(plan, gallery),
        Change::AddVersion { definition } => add_version(plan, definition),
        Change::Duplicate { at } => duplicate(plan, at),
        Change::Delete { at } => delete(plan, at, today),
        Change::DeleteTree { at } => delete_tree(plan, at, today),
        Change::Remove { at } => {
            let resource = take(plan, at)?;
            Ok(Applied::new(Changed::Children(at.parent()), Change::Insert { at, resource }).select(at.parent()))
        }
        Change::Insert { at, resource } => insert(plan, at, resource),
        Change::Restore { at, resource, children } => restore(plan, at, resource, children),
        Change::SetField { at, field, text } => set_field(plan, at, &field, &text, today),
        Change::SetProperty { at, pointer, reads, text } => set_property(plan, at, &pointer, reads, &text),
        Change::SetTargetRegions { version, regions } => edit_resource(plan, version, false, |plan| {
            let v = version_mut(plan, version)?;
            v.publishing_profile.target_regions = regions;
            Ok(())
        }),
        Change::AddTargetRegion { version, region } => add_target_region(plan, version, &region),
        Change::SetTargetRegion { at, region } => {
            if !matches!(at, At::TargetRegion(..)) {
                return Err(not_a(at, "target region"));
            }
            let duplicate = version_of(plan, at)?
                .publishing_profile
                .target_regions
                .iter()
                .enumerate()
                .any(|(i, t)| i != at.index() && t.name == region.name);
            if duplicate {
                return Err(duplicate_region(at.to_string(), &region.name));
            }
            edit_resource(plan, at, false, |plan| {
                let v = version_mut(plan, at)?;
                let slot = v.publishing_profile.target_regions.get_mut(at.index()).ok_or_else(|| missing(at))?;
                *slot = region;
                Ok(())
            })
        }
        Change::Latest { edit } => latest(plan, &edit),
        Change::ApplyReplicas { version, counts } => {
            if !matches!(version, At::Version(..)) {
                return Err(not_a(version, "version"));
            }
            edit_resource(plan, version, false, |plan| {
                crate::replicas::apply(plan, version, &counts).map(|_| ()).ok_or_else(|| missing(version))
            })
        }
        Change::SetDemand { definition, demand } => edit_resource(plan, definition, false, |plan| {
            let d = definition_mut(plan, definition)?;
            match d.demand.iter_mut().find(|x| x.region == demand.region) {
                Some(existing) => *existing = demand,
                None => d.demand.push(demand),
            }
            Ok(())
        }),
        Change::RemoveDemand { definition, region } => edit_resource(plan, definition, false, |plan| {
            definition_mut(plan, definition)?.demand.retain(|x| x.region != region);
            Ok(())
        }),
        Change::SetPolicy { policy } => {
            let old = std::mem::replace(&mut plan.replica_policy.policy, policy);
            Ok(settings(old != policy, Change::SetPolicy { policy: old }))
        }
        Change::SetMargin { percent } => {
            let percent = percent.min(1000);
            let old = std::mem::replace(&mut plan.replica_policy.margin_percent, percent);
            Ok(settings(old != percent, Change::SetMargin { percent: old }))
        }
        Change::SetBilling { settings: s } => {
            let same = plan.billing == s;
            let old = std::mem::replace(&mut plan.billing, s);
            Ok(settings(!same, Change::SetBilling { settings: old }))
        }
        Change::ImportPrices { json } => {
            let old = plan.prices.clone();
            match plan.prices.import_retail(&json) {
                Ok(report) => {
                    let mut notes = report.taken;
                    notes.extend(report.ignored.into_iter().map(|i| format!("ignored: {i}")));
                    if report.replaced {
                        notes.insert(
                            0,
                            format!("Prices are now in {}: the embedded USD catalog is not used.", report.currency),
                        );
                    }
                    let mut done = settings(plan.prices != old, Change::SetPrices { prices: old });
                    done.notes = notes;
                    Ok(done)
                }
                Err(e) => {
                    plan.prices = old;
                    Err(refuse(
                        "prices",
                        "PRICES",
                        e,
                        "Paste the JSON of a prices.azure.com/api/retail/prices response.",
                    ))
                }
            }
        }
        Change::OverridePrice { region, tier, redundancy, amount } => {
            if amount.is_sign_negative() {
                return Err(negative_price());
            }
            let old = plan.prices.clone();
            plan.prices.set_snapshot(&region, tier, redundancy, amount);
            Ok(settings(plan.prices != old, Change::SetPrices { prices: old }))
        }
        Change::OverrideTransfer { key, amount } => {
            if amount.is_sign_negative() {
                return Err(negative_price());
            }
            let old = plan.prices.clone();
            if !plan.prices.set_transfer_key(&key, amount) {
                return Err(refuse(
                    "prices",
                    "PRICES",
                    format!(
                        "'{key}' is not a transfer price: write a continent, or two joined by '|' (Europe|Europe)."
                    ),
                    "Use a key of the transfer price table.",
                ));
            }
            Ok(settings(plan.prices != old, Change::SetPrices { prices: old }))
        }
        Change::SetPrices { prices } => {
            let same = plan.prices == prices;
            let old = std::mem::replace(&mut plan.prices, prices);
            Ok(settings(!same, Change::SetPrices { prices: old }))
        }
        Change::SetName { name } => {
            let same = plan.name == name;
            let old = std::mem::replace(&mut plan.name, name);
            Ok(settings(!same, Change::SetName { name: old }))
        }
        Change::ReplacePlan { plan: next } => {
            let same = *plan == *next;
            let old = std::mem::replace(plan, *next);
            let done = Applied::new(Changed::Document, Change::ReplacePlan { plan: Box::new(old) });
            Ok(if same { done.noop() } else { done })
        }
        Change::MergePlan { plan: other } => merge_plan(plan, *other, today),
    }
}

/// [`Change::MergePlan`]: the other plan's resources added to this one, galleries and definitions matched by
/// name (case-insensitive, as Azure compares them); refused, with the plan as it was, when a version would
/// have a namesake (VER-03, the validator's own message). Undone by putting the plan back.
fn merge_plan(plan: &mut Plan, other: Plan, today: NaiveDate) -> Result<Applied, Report> {
    let mut merged = plan.clone();
    let mut added: Vec<At> = Vec::new();
    let mut notes = Vec::new();
    let same = |a: &str, b: &str| a.eq_ignore_ascii_case(b);
    for gallery in other.galleries {
        let Some(g) = merged.galleries.iter().position(|x| same(&x.name, &gallery.name)) else {
            added.push(At::Gallery(merged.galleries.len()));
            merged.galleries.push(gallery);
            continue;
        };
        notes.push(format!(
            "Gallery {} is already in the plan: its definitions were added to it, its own properties kept.",
            gallery.name
        ));
        for definition in gallery.images {
            let images = &mut merged.galleries[g].images;
            let Some(d) = images.iter().position(|x| same(&x.name, &definition.name)) else {
                added.push(At::Definition(g, images.len()));
                images.push(definition);
                continue;
            };
            notes.push(format!(
                "Definition {} › {} is already in the plan: its versions were added to it, its own properties kept.",
                gallery.name, definition.name
            ));
            let Some(into) = merged.galleries[g].definition_mut(d) else { continue };
            for version in &definition.versions {
                added.push(At::Version(g, d, into.versions.len()));
                into.versions.push(Arc::clone(version));
            }
        }
    }
    let conflicts: Vec<Issue> = added
        .iter()
        .filter(|at| matches!(at, At::Version(..)))
        .filter_map(|at| name_conflict(&merged, *at, today))
        .collect();
    if !conflicts.is_empty() {
        return Err(Report { issues: conflicts });
    }
    if added.is_empty() {
        return Ok(Applied::new(Changed::Nothing, Change::ReplacePlan { plan: Box::new(plan.clone()) }));
    }
    let old = std::mem::replace(plan, merged);
    let mut done = Applied::new(Changed::Document, Change::ReplacePlan { plan: Box::new(old) });
    done.select = added.first().copied();
    done.notes = notes;
    Ok(done)
}

/// The resources Azure deletes first when `at` is deleted with what it holds, in that order (versions, then
/// definitions, then the gallery): `at` itself last.
pub fn deletion_order(plan: &Plan, at: At) -> Vec<At> {
    let mut out = Vec::new();
    let versions =
        |out: &mut Vec<At>, g: usize, d: usize, n: usize| out.extend((0..n).rev().map(|v| At::Version(g, d, v)));
    match at {
        At::Gallery(g) => {
            if let Some(gal) = plan.galleries.get(g) {
                for (d, def) in gal.images.iter().enumerate().rev() {
                    versions(&mut out, g, d, def.versions.len());
                    out.push(At::Definition(g, d));
                }
            }
        }
        At::Definition(g, d) => {
            if let Some(def) = at.definition_in(plan) {
                versions(&mut out, g, d, def.versions.len());
            }
        }
        At::Version(..) | At::TargetRegion(..) => {}
    }
    if at.exists(plan) {
        out.push(at);
    }
    out
}

/// The text a form shows for a field (blank when unset); none when the resource does not exist or has no such
/// field.
pub fn field_text(plan: &Plan, at: At, field: &Field) -> Option<String> {
    use Field as F;
    field.path(at)?;
    let text = |o: Option<&String>| o.cloned().unwrap_or_default();
    let shown = |o: Option<String>| o.unwrap_or_default();
    Some(match at {
        At::Gallery(_) => {
            let g = at.gallery_in(plan)?;
            match field {
                F::Name => g.name.clone(),
                F::Location => g.location.to_string(),
                F::Description => text(g.description.as_ref()),
                _ => return None,
            }
        }
        At::Definition(..) => {
            let d = at.definition_in(plan)?;
            let feature = |name: &str| {
                d.features
                    .iter()
                    .find(|f| f.name.eq_ignore_ascii_case(name))
                    .map(|f| f.value.clone())
                    .unwrap_or_default()
            };
            match field {
                F::Name => d.name.clone(),
                F::Description => text(d.description.as_ref()),
                F::OsType => shown(d.os_type.as_ref().map(ToString::to_string)),
                F::OsState => shown(d.os_state.as_ref().map(ToString::to_string)),
                F::HyperVGeneration => shown(d.hyper_v_generation.as_ref().map(ToString::to_string)),
                F::Publisher => d.identifier.publisher.clone(),
                F::Offer => d.identifier.offer.clone(),
                F::Sku => d.identifier.sku.clone(),
                F::Production => shown(d.production.map(|p| p.to_string())),
                F::SecurityType => feature("SecurityType"),
                F::EndOfLifeDate => text(d.end_of_life_date.as_ref()),
                F::Feature(name) => feature(name),
                _ => return None,
            }
        }
        At::Version(..) => {
            let v = at.version_in(plan)?;
            let pp = &v.publishing_profile;
            match field {
                F::Name => v.name.clone(),
                F::Location => shown(v.location.as_ref().map(ToString::to_string)),
                F::EndOfLifeDate => text(pp.end_of_life_date.as_ref()),
                F::TargetRegions => crate::target_regions::format(&pp.target_regions),
                F::ReplicaCount => shown(pp.replica_count.map(|n| n.to_string())),
                F::ExcludeFromLatest => shown(pp.exclude_from_latest.map(|b| b.to_string())),
                F::StorageAccountType => shown(pp.storage_account_type.as_ref().map(ToString::to_string)),
                F::ReplicationMode => shown(pp.replication_mode.as_ref().map(ToString::to_string)),
                F::OccupiedOsGb => shown(v.occupied_gb.as_ref().map(|o| o.os_disk.to_string())),
                F::SourceId => {
                    shown(v.storage_profile.as_ref().and_then(|s| s.source.as_ref()).and_then(|s| s.id.clone()))
                }
                _ => return None,
            }
        }
        At::TargetRegion(..) => return None,
    })
}

/// The report path of a field of the resource at `at` (`galleries[0].images[1].identifier.sku`): where its
/// issues are. A feature is addressed by its index (`features[2].value`) when the definition has it.
pub fn field_path(plan: &Plan, at: At, field: &Field) -> Option<String> {
    let name = match field {
        Field::SecurityType => "SecurityType",
        Field::Feature(name) => name,
        other => return other.path(at).map(|p| at.field(&p)),
    };
    let d = at.definition_in(plan).filter(|_| matches!(at, At::Definition(..)))?;
    Some(match d.features.iter().position(|f| f.name.eq_ignore_ascii_case(name)) {
        Some(i) => at.field(&format!("features[{i}].value")),
        None => at.field("features"),
    })
}

/// A resource as JSON without what it holds (a gallery without definitions, a definition without versions):
/// the shape [`Change::SetProperty`] pointers address. `Null` when there is no resource.
pub fn resource_json(plan: &Plan, at: At) -> Value {
    match at {
        At::Gallery(_) => at.gallery_in(plan).map(|g| to_json_value(&g.clone_shallow())),
        At::Definition(..) => at.definition_in(plan).map(|d| to_json_value(&d.clone_shallow())),
        At::Version(..) => at.version_in(plan).map(to_json_value),
        At::TargetRegion(..) => at.target_region_in(plan).map(to_json_value),
    }
    .unwrap_or_default()
}

/// The text a form shows for a property by JSON pointer (blank when unset; strings as they are, other values
/// as JSON).
pub fn property_text(plan: &Plan, at: At, pointer: &str) -> String {
    match resource_json(plan, at).pointer(pointer) {
        Some(Value::String(t)) => t.clone(),
        Some(Value::Null) | None => String::new(),
        Some(other) => other.to_string(),
    }
}

// ---------------------------------------------------------------------------------------------------------
// Refusals

fn refuse(path: impl Into<String>, code: &'static str, message: impl Into<String>, fix: &'static str) -> Report {
    Report {
        issues: vec![Issue {
            path: path.into(),
            code: Cow::Borrowed(code),
            severity: Severity::Error,
            message: message.into(),
            mitigation: Some(Cow::Borrowed(fix)),
            azure_message: None,
        }],
    }
}

fn missing(at: At) -> Report {
    refuse(at.to_string(), "ADDRESS", format!("There is no {} at {at}.", at.kind()), "Choose a resource of the plan.")
}

fn not_a(at: At, what: &str) -> Report {
    refuse(at.to_string(), "ADDRESS", format!("{at} is not a {what}."), "Choose a resource of the right kind.")
}

fn no_field(at: At, field: &Field) -> Report {
    refuse(
        at.to_string(),
        "ADDRESS",
        format!("A {} has no field '{}'.", at.kind(), field.label()),
        "Choose a field of this kind of resource.",
    )
}

fn unreadable(at: At, field: &str, message: String) -> Report {
    refuse(at.field(field), "INPUT", message, "Correct the text; nothing was changed.")
}

fn negative_price() -> Report {
    refuse("prices", "PRICES", "A price cannot be negative.", "Type zero or a positive amount.")
}

/// Azure's refusal of a region listed twice, at `path` (the row edited, or the row an addition would make).
fn duplicate_region(path: String, region: &RegionName) -> Report {
    let mut r = refuse(
        path,
        "VER-07",
        "Duplicate regions are not allowed in target publishing regions",
        "Each region once: change its row instead of adding it again.",
    );
    r.issues[0].azure_message = Some(Cow::Borrowed("V31"));
    r.issues[0].message = format!("{} (already a target: {}).", r.issues[0].message, region.display_name());
    r
}

// ---------------------------------------------------------------------------------------------------------
// Lookups

fn definition_mut(plan: &mut Plan, at: At) -> Result<&mut ImageDefinition, Report> {
    at.definition_in_mut(plan).ok_or_else(|| missing(at))
}

fn version_mut(plan: &mut Plan, at: At) -> Result<&mut ImageVersion, Report> {
    at.version_in_mut(plan).ok_or_else(|| missing(at))
}

fn version_of(plan: &Plan, at: At) -> Result<&ImageVersion, Report> {
    at.version_in(plan).ok_or_else(|| missing(at))
}

/// A version as the plan holds it, shared.
fn version_slot(plan: &Plan, at: At) -> Result<&Arc<ImageVersion>, Report> {
    at.definition_in(plan).and_then(|d| d.versions.get(at.index())).ok_or_else(|| missing(at))
}

/// The resource at `at`: with what it holds (`children`), or its own properties only.
fn snapshot(plan: &Plan, at: At, children: bool) -> Result<Resource, Report> {
    Ok(match at {
        At::Gallery(_) => {
            let g = at.gallery_in(plan).ok_or_else(|| missing(at))?;
            Resource::Gallery(Box::new(if children { g.clone() } else { g.clone_shallow() }))
        }
        At::Definition(..) => {
            let d = at.definition_in(plan).ok_or_else(|| missing(at))?;
            Resource::Definition(Box::new(if children { d.clone() } else { d.clone_shallow() }))
        }
        At::Version(..) => Resource::Version(Arc::clone(version_slot(plan, at)?)),
        At::TargetRegion(..) => {
            Resource::TargetRegion(Box::new(at.target_region_in(plan).ok_or_else(|| missing(at))?.clone()))
        }
    })
}

/// Edits one resource in place through `f`; the undo restores its snapshot. `children`: whether `f` may change
/// what the resource holds (then the snapshot holds it too).
fn edit_resource(
    plan: &mut Plan,
    at: At,
    children: bool,
    f: impl FnOnce(&mut Plan) -> Result<(), Report>,
) -> Result<Applied, Report> {
    let before = snapshot(plan, at, children)?;
    f(plan)?;
    let after = snapshot(plan, at, children)?;
    let done = Applied::new(Changed::Resource(at), Change::Restore { at, resource: before.clone(), children });
    Ok(if after == before { done.noop() } else { done })
}

fn settings(changed: bool, undo: Change) -> Applied {
    let done = Applied::new(Changed::Settings, undo);
    if changed { done } else { done.noop() }
}

// ---------------------------------------------------------------------------------------------------------
// Adding, copying, deleting

/// The first of `candidates` that no sibling is called (case-insensitive, as Azure compares names).
fn free_name(taken: &[&str], mut candidate: impl FnMut(usize) -> String) -> String {
    (1..=100_000)
        .map(&mut candidate)
        .find(|name| !taken.iter().any(|t| t.eq_ignore_ascii_case(name)))
        .unwrap_or_else(|| candidate(0))
}

fn add_gallery(plan: &mut Plan) -> Applied {
    let taken: Vec<&str> = plan.galleries.iter().map(|g| g.name.as_str()).collect();
    let name = free_name(&taken, |n| format!("gallery{}", plan.galleries.len() + n));
    let location = plan.galleries.first().map_or_else(|| RegionName::new("eastus"), |g| g.location.clone());
    plan.galleries.push(Gallery { name, location, ..Gallery::default() });
    let at = At::Gallery(plan.galleries.len() - 1);
    Applied::new(Changed::Children(None), Change::Remove { at }).select(at)
}

fn add_definition(plan: &mut Plan, gallery: At) -> Result<Applied, Report> {
    let At::Gallery(g) = gallery else { return Err(not_a(gallery, "gallery")) };
    let gal = plan.galleries.get_mut(g).ok_or_else(|| missing(gallery))?;
    let n = gal.images.len();
    let names: Vec<&str> = gal.images.iter().map(|d| d.name.as_str()).collect();
    let name = free_name(&names, |i| format!("image-{}", n + i));
    let skus: Vec<&str> = gal.images.iter().map(|d| d.identifier.sku.as_str()).collect();
    let sku = free_name(&skus, |i| format!("sku-{}", n + i));
    gal.images.push(Arc::new(ImageDefinition {
        name,
        os_type: Some(crate::OsType::Linux),
        os_state: Some(crate::OsState::Generalized),
        identifier: ImageIdentifier { publisher: "publisher".into(), offer: "offer".into(), sku, ..Default::default() },
        ..ImageDefinition::default()
    }));
    let at = At::Definition(g, gal.images.len() - 1);
    Ok(Applied::new(Changed::Children(Some(gallery)), Change::Remove { at }).select(at))
}

/// The next free patch number after `from` in a definition (`1.0.4` → `1.0.5`, or later when taken).
fn next_version(d: &ImageDefinition, from: Option<&ImageVersionName>) -> String {
    let taken: Vec<ImageVersionName> = d.versions.iter().filter_map(|v| v.name.parse().ok()).collect();
    let Some(from) = from else {
        return if taken.iter().any(|t| t.to_string() == "1.0.0") {
            next_version(d, taken.iter().max())
        } else {
            "1.0.0".into()
        };
    };
    (1u32..=100_000)
        .map(|step| format!("{}.{}.{}", from.major(), from.minor(), from.patch().saturating_add(step)))
        .find(|name| name.parse::<ImageVersionName>().is_ok_and(|n| !taken.contains(&n)))
        .unwrap_or_else(|| format!("{}.{}.{}", from.major(), from.minor().saturating_add(1), 0))
}

fn add_version(plan: &mut Plan, definition: At) -> Result<Applied, Report> {
    let At::Definition(g, di) = definition else { return Err(not_a(definition, "definition")) };
    let location = definition.gallery_in(plan).ok_or_else(|| missing(definition))?.location.clone();
    let d = definition_mut(plan, definition)?;
    let newest = crate::replicas::newest_version(d).and_then(|i| d.versions[i].name.parse::<ImageVersionName>().ok());
    let name = next_version(d, newest.as_ref());
    let mut v = ImageVersion { name, ..ImageVersion::default() };
    v.publishing_profile.target_regions.push(TargetRegion {
        name: location,
        regional_replica_count: Some(1),
        ..TargetRegion::default()
    });
    v.occupied_gb = Some(OccupiedSize { os_disk: 10.0, ..Default::default() });
    d.versions.push(Arc::new(v));
    let at = At::Version(g, di, d.versions.len() - 1);
    Ok(Applied::new(Changed::Children(Some(definition)), Change::Remove { at }).select(at))
}

fn duplicate(plan: &mut Plan, at: At) -> Result<Applied, Report> {
    let copy = match snapshot(plan, at, true)? {
        Resource::Gallery(mut g) => {
            let taken: Vec<&str> = plan.galleries.iter().map(|x| x.name.as_str()).collect();
            let base = g.name.clone();
            g.name = free_name(&taken, |n| if n == 1 { format!("{base}_copy") } else { format!("{base}_copy{n}") });
            Resource::Gallery(g)
        }
        Resource::Definition(mut d) => {
            let gal = at.gallery_in(plan).ok_or_else(|| missing(at))?;
            let names: Vec<&str> = gal.images.iter().map(|x| x.name.as_str()).collect();
            let skus: Vec<&str> = gal.images.iter().map(|x| x.identifier.sku.as_str()).collect();
            let (base, sku) = (d.name.clone(), d.identifier.sku.clone());
            d.name = free_name(&names, |n| if n == 1 { format!("{base}-copy") } else { format!("{base}-copy{n}") });
            d.identifier.sku =
                free_name(&skus, |n| if n == 1 { format!("{sku}-copy") } else { format!("{sku}-copy{n}") });
            Resource::Definition(d)
        }
        Resource::Version(mut v) => {
            let def = at.definition_in(plan).ok_or_else(|| missing(at))?;
            let name = if let Ok(n) = v.name.parse::<ImageVersionName>() {
                next_version(def, Some(&n))
            } else {
                let names: Vec<&str> = def.versions.iter().map(|x| x.name.as_str()).collect();
                let base = v.name.clone();
                free_name(&names, |n| if n == 1 { format!("{base}-copy") } else { format!("{base}-copy{n}") })
            };
            Arc::make_mut(&mut v).name = name;
            Resource::Version(v)
        }
        Resource::TargetRegion(_) => return Err(not_a(at, "gallery, definition or version")),
    };
    let to = at.with_index(at.index() + 1);
    Ok(insert(plan, to, copy)?.select(to))
}

/// Removes the resource at `at` with what it holds and returns it.
fn take(plan: &mut Plan, at: At) -> Result<Resource, Report> {
    let i = at.index();
    let gone = |len: usize| if i < len { Ok(()) } else { Err(missing(at)) };
    Ok(match at {
        At::Gallery(_) => {
            gone(plan.galleries.len())?;
            Resource::Gallery(Box::new(plan.galleries.remove(i)))
        }
        At::Definition(..) => {
            let g = at.gallery_in_mut(plan).ok_or_else(|| missing(at))?;
            gone(g.images.len())?;
            Resource::Definition(Box::new(Arc::unwrap_or_clone(g.images.remove(i))))
        }
        At::Version(..) => {
            let d = definition_mut(plan, at)?;
            gone(d.versions.len())?;
            Resource::Version(d.versions.remove(i))
        }
        At::TargetRegion(..) => {
            let targets = &mut version_mut(plan, at)?.publishing_profile.target_regions;
            gone(targets.len())?;
            Resource::TargetRegion(Box::new(targets.remove(i)))
        }
    })
}

fn insert(plan: &mut Plan, at: At, resource: Resource) -> Result<Applied, Report> {
    let i = at.index();
    let fits = |len: usize| if i <= len { Ok(()) } else { Err(missing(at)) };
    match (at, resource) {
        (At::Gallery(_), Resource::Gallery(g)) => {
            fits(plan.galleries.len())?;
            plan.galleries.insert(i, *g);
        }
        (At::Definition(..), Resource::Definition(d)) => {
            let g = at.gallery_in_mut(plan).ok_or_else(|| missing(at))?;
            fits(g.images.len())?;
            g.images.insert(i, Arc::new(*d));
        }
        (At::Version(..), Resource::Version(v)) => {
            let d = at.definition_in_mut(plan).ok_or_else(|| missing(at))?;
            fits(d.versions.len())?;
            d.versions.insert(i, v);
        }
        (At::TargetRegion(..), Resource::TargetRegion(t)) => {
            let targets = &mut at.version_in_mut(plan).ok_or_else(|| missing(at))?.publishing_profile.target_regions;
            fits(targets.len())?;
            targets.insert(i, *t);
        }
        _ => return Err(not_a(at, "place for this kind of resource")),
    }
    Ok(Applied::new(Changed::Children(at.parent()), Change::Remove { at }).select(at))
}

fn restore(plan: &mut Plan, at: At, resource: Resource, children: bool) -> Result<Applied, Report> {
    let before = snapshot(plan, at, children)?;
    match (at, resource) {
        (At::Gallery(_), Resource::Gallery(mut g)) => {
            let slot = at.gallery_in_mut(plan).ok_or_else(|| missing(at))?;
            if !children {
                g.images = std::mem::take(&mut slot.images);
            }
            *slot = *g;
        }
        (At::Definition(..), Resource::Definition(mut d)) => {
            let slot = definition_mut(plan, at)?;
            if !children {
                d.versions = std::mem::take(&mut slot.versions);
            }
            *slot = *d;
        }
        (At::Version(..), Resource::Version(v)) => {
            *definition_mut(plan, at)?.versions.get_mut(at.index()).ok_or_else(|| missing(at))? = v;
        }
        (At::TargetRegion(..), Resource::TargetRegion(t)) => {
            let targets = &mut version_mut(plan, at)?.publishing_profile.target_regions;
            *targets.get_mut(at.index()).ok_or_else(|| missing(at))? = *t;
        }
        _ => return Err(not_a(at, "resource of this kind")),
    }
    Ok(Applied::new(Changed::Resource(at), Change::Restore { at, resource: before, children }))
}

fn delete(plan: &mut Plan, at: At, today: NaiveDate) -> Result<Applied, Report> {
    let blockers = delete_blockers(plan, at, today);
    if !blockers.issues.is_empty() {
        return Err(blockers);
    }
    let resource = take(plan, at)?;
    Ok(Applied::new(Changed::Children(at.parent()), Change::Insert { at, resource }).select(at.parent()))
}

fn delete_tree(plan: &mut Plan, at: At, today: NaiveDate) -> Result<Applied, Report> {
    let order = deletion_order(plan, at);
    if order.is_empty() {
        return Err(missing(at));
    }
    // Versions blocked before their end of life stop the whole delete: Azure would stop there too.
    let blocked: Vec<Issue> = order
        .iter()
        .filter(|a| matches!(a, At::Version(..)))
        .flat_map(|a| delete_blockers(plan, *a, today).issues)
        .collect();
    if !blocked.is_empty() {
        return Err(Report { issues: blocked });
    }
    let notes = order.iter().map(|a| format!("Deleted {} {}", a.kind(), a.label(plan))).collect();
    let resource = take(plan, at)?;
    let mut done = Applied::new(Changed::Children(at.parent()), Change::Insert { at, resource }).select(at.parent());
    done.notes = notes;
    Ok(done)
}

// ---------------------------------------------------------------------------------------------------------
// Fields

fn opt(text: &str) -> Option<String> {
    let t = text.trim();
    (!t.is_empty()).then(|| t.to_owned())
}

fn bool_opt(text: &str) -> Option<bool> {
    match text.trim() {
        t if t.eq_ignore_ascii_case("true") => Some(true),
        t if t.eq_ignore_ascii_case("false") => Some(false),
        _ => None,
    }
}

fn set_feature(features: &mut Vec<GalleryImageFeature>, name: &str, value: Option<String>, first: bool) {
    match (features.iter().position(|f| f.name.eq_ignore_ascii_case(name)), value) {
        (Some(i), Some(v)) => features[i].value = v,
        (Some(i), None) => {
            features.remove(i);
        }
        (None, Some(v)) => {
            let f = GalleryImageFeature { name: name.to_owned(), value: v, ..Default::default() };
            if first { features.insert(0, f) } else { features.push(f) }
        }
        (None, None) => {}
    }
}

fn set_field(plan: &mut Plan, at: At, field: &Field, text: &str, today: NaiveDate) -> Result<Applied, Report> {
    use Field as F;
    let Some(path) = field.path(at) else { return Err(no_field(at, field)) };
    let done = edit_resource(plan, at, false, |plan| {
        match at {
            At::Gallery(_) => {
                let g = at.gallery_in_mut(plan).ok_or_else(|| missing(at))?;
                match field {
                    F::Name => text.clone_into(&mut g.name),
                    F::Location => g.location = RegionName::new(text.trim()),
                    _ => g.description = opt(text),
                }
            }
            At::Definition(..) => {
                let d = definition_mut(plan, at)?;
                match field {
                    F::Name => text.clone_into(&mut d.name),
                    F::Description => d.description = opt(text),
                    F::OsType => d.os_type = opt(text).map(|t| crate::OsType::parse(&t)),
                    F::OsState => d.os_state = opt(text).map(|t| crate::OsState::parse(&t)),
                    F::HyperVGeneration => d.hyper_v_generation = opt(text).map(|t| crate::HyperVGeneration::parse(&t)),
                    F::Publisher => text.clone_into(&mut d.identifier.publisher),
                    F::Offer => text.clone_into(&mut d.identifier.offer),
                    F::Sku => text.clone_into(&mut d.identifier.sku),
                    F::Production => d.production = bool_opt(text),
                    F::EndOfLifeDate => d.end_of_life_date = opt(text),
                    F::SecurityType => set_feature(&mut d.features, "SecurityType", opt(text), true),
                    F::Feature(name) => set_feature(&mut d.features, name, opt(text), false),
                    _ => return Err(no_field(at, field)),
                }
            }
            At::Version(..) => {
                let v = version_mut(plan, at)?;
                let pp = &mut v.publishing_profile;
                match field {
                    F::Name => text.clone_into(&mut v.name),
                    F::Location => v.location = opt(text).map(|t| RegionName::new(&t)),
                    F::EndOfLifeDate => pp.end_of_life_date = opt(text),
                    F::TargetRegions => {
                        let targets = crate::target_regions::parse(text)
                            .map_err(|e| unreadable(at, &path, format!("Target regions: {e}")))?;
                        // Keep what the syntax cannot express (encryption, exclude flags) for regions that stay.
                        let old = std::mem::take(&mut pp.target_regions);
                        pp.target_regions = targets
                            .into_iter()
                            .map(|mut t| {
                                if let Some(o) = old.iter().find(|o| o.name == t.name) {
                                    t.encryption.clone_from(&o.encryption);
                                    t.exclude_from_latest = o.exclude_from_latest;
                                }
                                t
                            })
                            .collect();
                    }
                    F::ReplicaCount => {
                        pp.replica_count = match text.trim() {
                            "" => None,
                            t => Some(t.parse().map_err(|_| {
                                unreadable(
                                    at,
                                    &path,
                                    format!("Default replicas per region must be a whole number, not '{t}'."),
                                )
                            })?),
                        };
                    }
                    F::ExcludeFromLatest => pp.exclude_from_latest = bool_opt(text),
                    F::StorageAccountType => {
                        pp.storage_account_type = opt(text).map(|t| crate::StorageAccountType::parse(&t));
                    }
                    F::ReplicationMode => pp.replication_mode = opt(text).map(|t| crate::ReplicationMode::parse(&t)),
                    F::OccupiedOsGb => match text.trim().parse::<f64>() {
                        Ok(gb) if gb.is_finite() && gb >= 0.0 => {
                            v.occupied_gb.get_or_insert_with(Default::default).os_disk = gb;
                        }
                        _ => {
                            return Err(unreadable(
                                at,
                                &path,
                                format!("Occupied GB must be a number of gigabytes, not '{}'.", text.trim()),
                            ));
                        }
                    },
                    F::SourceId => {
                        let sp = v.storage_profile.get_or_insert_with(Default::default);
                        sp.source.get_or_insert_with(Default::default).id = opt(text);
                    }
                    _ => return Err(no_field(at, field)),
                }
            }
            At::TargetRegion(..) => return Err(no_field(at, field)),
        }
        Ok(())
    })?;
    if *field == F::Name
        && done.changed != Changed::Nothing
        && let Some(conflict) = name_conflict(plan, at, today)
    {
        // Put the old name back: the plan is left as it was.
        if let Change::Restore { at, resource, children } = done.undo {
            let _ = restore(plan, at, resource, children);
        }
        return Err(Report { issues: vec![conflict] });
    }
    Ok(done)
}

/// Azure's refusal of a second resource of the same name among siblings (GAL-05, IMG-05, VER-03), written by
/// the validator itself: it checks the resource and its namesake as a two-resource plan, so the message is the
/// one the report shows.
#[allow(clippy::many_single_char_names, reason = "g, d, v, j: gallery, definition, version, namesake")]
fn name_conflict(plan: &Plan, at: At, today: NaiveDate) -> Option<Issue> {
    let mut mini = Plan {
        subscription_id: plan.subscription_id.clone(),
        resource_group: plan.resource_group.clone(),
        api_version: plan.api_version.clone(),
        ..Plan::default()
    };
    let (code, other) = match at {
        At::Gallery(g) => {
            let this = plan.galleries.get(g)?;
            let j = plan
                .galleries
                .iter()
                .enumerate()
                .position(|(j, x)| j != g && x.name.eq_ignore_ascii_case(&this.name))?;
            mini.galleries = vec![plan.galleries[j].clone_shallow(), this.clone_shallow()];
            ("GAL-05", At::Gallery(j))
        }
        At::Definition(g, d) => {
            let gal = plan.galleries.get(g)?;
            let this = gal.images.get(d)?;
            let j =
                gal.images.iter().enumerate().position(|(j, x)| j != d && x.name.eq_ignore_ascii_case(&this.name))?;
            let mut shallow = gal.clone_shallow();
            let mut other = gal.images[j].clone_shallow();
            // Only the names are in question here.
            other.identifier.sku.push_str("\u{0}other");
            shallow.images = vec![Arc::new(other), Arc::new(this.clone_shallow())];
            mini.galleries = vec![shallow];
            ("IMG-05", At::Definition(g, j))
        }
        At::Version(g, d, v) => {
            let def = at.definition_in(plan)?;
            let this = def.versions.get(v)?;
            let number = this.name.parse::<ImageVersionName>().ok();
            let j = def.versions.iter().enumerate().position(|(j, x)| {
                j != v
                    && match (&number, x.name.parse::<ImageVersionName>()) {
                        (Some(a), Ok(b)) => *a == b,
                        _ => x.name == this.name,
                    }
            })?;
            let mut gal = plan.galleries.get(g)?.clone_shallow();
            let mut shallow = def.clone_shallow();
            shallow.versions = vec![def.versions[j].clone(), this.clone()];
            gal.images = vec![Arc::new(shallow)];
            mini.galleries = vec![gal];
            ("VER-03", At::Version(g, d, j))
        }
        At::TargetRegion(..) => return None,
    };
    let report = crate::validate::validate(&mini, today);
    let mut issue = report.issues.into_iter().find(|i| i.code == code)?;
    if let At::Version(_, _, j) = other
        && j != 0
    {
        // The two-version plan numbers the namesake 0: the message names it where it is, as validating the
        // whole plan would.
        issue.message = issue.message.replace("versions[0]", &format!("versions[{j}]"));
    }
    issue.path = at.field("name");
    issue.mitigation = Some(Cow::Owned(format!(
        "Pick another name: {} already has it (names are case-insensitive).",
        other.label(plan)
    )));
    Some(issue)
}

fn set_property(plan: &mut Plan, at: At, pointer: &str, kind: PropertyKind, text: &str) -> Result<Applied, Report> {
    let field = pointer.trim_start_matches('/').replace('/', ".");
    let value =
        match kind {
            PropertyKind::Text => opt(text).map(Value::String),
            PropertyKind::Bool => bool_opt(text).map(Value::Bool),
            PropertyKind::Integer | PropertyKind::Json if text.trim().is_empty() => None,
            PropertyKind::Integer => Some(text.trim().parse::<i64>().map(Value::from).map_err(|_| {
                unreadable(at, &field, format!("{field} must be a whole number, not '{}'.", text.trim()))
            })?),
            PropertyKind::Json => Some(
                serde_json::from_str(text).map_err(|e| unreadable(at, &field, format!("{field} is not JSON: {e}.")))?,
            ),
        };
    let mut json = resource_json(plan, at);
    if json.is_null() {
        return Err(missing(at));
    }
    let mut parts: Vec<&str> = pointer.split('/').skip(1).collect();
    let Some(last) = parts.pop().filter(|l| !l.is_empty() && pointer.starts_with('/')) else {
        return Err(unreadable(at, &field, format!("'{pointer}' is not a JSON pointer to a property (/a/b).")));
    };
    let mut cur = &mut json;
    for part in parts {
        let Some(object) = cur.as_object_mut() else {
            return Err(unreadable(at, &field, format!("{field}: a value on the way is not an object.")));
        };
        let slot = object.entry(part.to_owned()).or_insert_with(|| Value::Object(serde_json::Map::new()));
        if !slot.is_object() {
            *slot = Value::Object(serde_json::Map::new());
        }
        cur = slot;
    }
    let Some(object) = cur.as_object_mut() else {
        return Err(unreadable(at, &field, format!("{field}: a value on the way is not an object.")));
    };
    match value {
        Some(v) => {
            object.insert(last.to_owned(), v);
        }
        None => {
            object.remove(last);
        }
    }
    let resource = match at {
        At::Gallery(_) => from_json_value::<Gallery>(&json).map(|g| Resource::Gallery(Box::new(g))),
        At::Definition(..) => from_json_value::<ImageDefinition>(&json).map(|d| Resource::Definition(Box::new(d))),
        At::Version(..) => from_json_value::<ImageVersion>(&json).map(|v| Resource::Version(Arc::new(v))),
        At::TargetRegion(..) => from_json_value::<TargetRegion>(&json).map(|t| Resource::TargetRegion(Box::new(t))),
    }
    .map_err(|e| unreadable(at, &field, format!("{field}: {e}")))?;
    let done = restore(plan, at, resource, false)?;
    let same = match &done.undo {
        Change::Restore { resource, .. } => snapshot(plan, at, false).is_ok_and(|now| now == *resource),
        _ => false,
    };
    Ok(if same { done.noop() } else { done })
}

fn add_target_region(plan: &mut Plan, version: At, region: &str) -> Result<Applied, Report> {
    if !matches!(version, At::Version(..)) {
        return Err(not_a(version, "version"));
    }
    // Refusals point at the row the addition would make.
    let row = version.child_region(version_of(plan, version)?.publishing_profile.target_regions.len());
    let path = row.to_string();
    let typed = region.trim();
    if typed.is_empty() {
        return Err(refuse(
            path,
            "INPUT",
            "Type a region, e.g. West Europe or westeurope.",
            "Pick a region from the list.",
        ));
    }
    let name = RegionName::new(typed);
    let Some(info) = name.info() else {
        return Err(refuse(
            path,
            "REG-02",
            format!("'{typed}' is not an Azure region of the catalog: pick one from the list."),
            "Type a display name (West Europe) or a programmatic name (westeurope) from the region catalog.",
        ));
    };
    let name = RegionName::new(info.name);
    let v = version_mut(plan, version)?;
    let targets = &mut v.publishing_profile.target_regions;
    if targets.iter().any(|t| t.name == name) {
        return Err(duplicate_region(row.to_string(), &name));
    }
    targets.push(TargetRegion { name, ..TargetRegion::default() });
    let At::Version(g, d, vi) = version else { return Err(not_a(version, "version")) };
    let at = At::TargetRegion(g, d, vi, targets.len() - 1);
    Ok(Applied::new(Changed::Resource(version), Change::Remove { at }).select(version))
}

fn latest(plan: &mut Plan, edit: &Edit) -> Result<Applied, Report> {
    let (gallery, definition) = match edit {
        Edit::SetRegionalExclude { gallery, definition, .. }
        | Edit::SetGlobalExclude { gallery, definition, .. }
        | Edit::RemoveRegion { gallery, definition, .. }
        | Edit::PublishVersion { gallery, definition, .. } => (gallery, definition),
    };
    let Some((g, d)) = find_definition(plan, gallery, definition) else {
        return Err(refuse(
            "galleries",
            "ADDRESS",
            format!("There is no image definition {gallery}/{definition}."),
            "Choose a definition of the plan.",
        ));
    };
    let at = At::Definition(g, d);
    edit_resource(plan, at, true, |plan| {
        apply_edit(definition_mut(plan, at)?, edit)
            .map_err(|e| refuse(at.to_string(), "ADDRESS", e, "Choose a version and region of this definition."))
    })
}

mod prices_serde {
    use serde::{Deserialize, Deserializer, Serializer};

    use crate::billing::PlanPrices;

    pub(super) fn serialize<S: Serializer>(prices: &PlanPrices, s: S) -> Result<S::Ok, S::Error> {
        serde::Serialize::serialize(&prices.to_value(), s)
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<PlanPrices, D::Error> {
        PlanPrices::from_value(&serde_json::Value::deserialize(d)?).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests;
