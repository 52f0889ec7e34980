//! The app's state: the plan the user edits, undo/redo, the price book and the planning choices.
//! Changed only through [`Action`]s; everything shown is computed from it by `acg-core`.

use std::rc::Rc;

use acg_core::billing::{BillingSettings, PriceBook, plan_book};
use acg_core::latest::{Edit, apply_edit, find_definition};
use acg_core::replicas::Policy;
use acg_core::{Gallery, ImageDefinition, ImageVersion, Plan, RegionName, TargetRegion};
use yew::Reducible;

/// What is selected in the design tree: indexes into the plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Selection {
    /// Nothing.
    #[default]
    None,
    /// A gallery.
    Gallery(usize),
    /// A definition.
    Definition(usize, usize),
    /// A version.
    Version(usize, usize, usize),
}

/// The whole state.
#[derive(Debug, Clone, PartialEq)]
pub struct AppState {
    /// The plan being edited (shared, cheap to clone).
    pub plan: Rc<Plan>,
    /// Earlier plans, for undo.
    pub undo: Vec<Rc<Plan>>,
    /// Undone plans, for redo.
    pub redo: Vec<Rc<Plan>>,
    /// The tree selection.
    pub selection: Selection,
    /// Prices in use: derived from the plan's own prices ([`acg_core::billing::plan_book`]) whenever they
    /// change, never edited here.
    pub book: Rc<PriceBook>,
    /// The last Retail import's report lines, or its error.
    pub price_message: Option<Result<Vec<String>, String>>,
    /// The last import's notes, or its error.
    pub import_message: Option<Result<Vec<String>, String>>,
    /// What-if result of the last regional exclude toggle in the latest view.
    pub what_if: Option<Vec<acg_core::latest::CellChange>>,
    /// Scenario A: a copy of the plan kept for comparison while the plan is edited into scenario B.
    pub scenario_a: Option<Rc<Plan>>,
}

impl AppState {
    /// A state around a plan.
    pub fn new(plan: Plan) -> Self {
        Self {
            book: Rc::new(plan_book(&plan)),
            plan: Rc::new(plan),
            undo: Vec::new(),
            redo: Vec::new(),
            selection: Selection::None,
            price_message: None,
            import_message: None,
            what_if: None,
            scenario_a: None,
        }
    }
}

/// A field of a resource that a form edits, as text.
#[derive(Debug, Clone, PartialEq)]
pub enum Field {
    /// `name`.
    Name,
    /// `location`.
    Location,
    /// `description`.
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
    /// Definition `production` ("true"/"false"/"").
    Production,
    /// Definition `SecurityType` feature.
    SecurityType,
    /// Definition `endOfLifeDate`, version `publishingProfile.endOfLifeDate`.
    EndOfLifeDate,
    /// Version target regions in the az syntax.
    TargetRegions,
    /// Version `replicaCount`.
    ReplicaCount,
    /// Version global `excludeFromLatest` ("true"/"false"/"").
    ExcludeFromLatest,
    /// Version `storageAccountType`.
    StorageAccountType,
    /// Version `replicationMode`.
    ReplicationMode,
    /// Version occupied GB of the OS disk.
    OccupiedOsGb,
    /// Version source id.
    SourceId,
    /// Any other property of the selected resource, by its JSON pointer in the REST shape (without children):
    /// `/safetyProfile/blockDeletionBeforeEndOfLife`. Empty text removes it.
    Property(&'static str, PropertyKind),
    /// A definition feature by name (`IsAcceleratedNetworkSupported`); empty text removes it.
    Feature(&'static str),
}

/// How a [`Field::Property`] reads its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PropertyKind {
    /// A string.
    Text,
    /// `true` or `false`.
    Bool,
    /// A whole number; other text leaves the property as it was.
    Integer,
}

/// Everything that changes the state.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Replace the plan (import, sample, start empty); undoable.
    ReplacePlan(Box<Plan>),
    /// Replace a version's target regions (one edit of the table).
    SetTargetRegions(Selection, Vec<acg_core::TargetRegion>),
    /// Open another saved plan: its own history starts empty (undo never crosses plans).
    OpenPlan(Box<Plan>),
    /// Set a field of the selected resource from text.
    SetField(Selection, Field, String),
    /// Add a gallery.
    AddGallery,
    /// Add a definition to a gallery.
    AddDefinition(usize),
    /// Add a version to a definition.
    AddVersion(usize, usize),
    /// Duplicate the selected resource.
    Duplicate(Selection),
    /// Delete a resource (only when it has no children: Azure's nested-delete rule).
    Delete(Selection),
    /// Select a resource.
    Select(Selection),
    /// A latest-view edit (regional exclude and so on), with its what-if shown.
    LatestEdit(Edit),
    /// Write replica counts into a version.
    ApplyReplicas((usize, usize, usize), Vec<(RegionName, i64)>),
    /// Add (or replace, for the same region) the deployment load of a definition in a region.
    SetDemand(usize, usize, acg_core::RegionDemand),
    /// Remove the deployment load of a definition in a region.
    RemoveDemand(usize, usize, RegionName),
    /// Change the plan's replica policy.
    SetPolicy(Policy),
    /// Change the plan's margin.
    SetMargin(u32),
    /// Change the billing settings.
    SetBilling(BillingSettings),
    /// Import a Retail Prices API JSON into the plan's prices.
    ImportPrices(String),
    /// Override one snapshot price in the plan's prices.
    OverridePrice(RegionName, acg_core::billing::Tier, acg_core::billing::Redundancy, rust_decimal::Decimal),
    /// Override one transfer price in the plan's prices, by its key in the price book.
    OverrideTransfer(String, rust_decimal::Decimal),
    /// Drop the plan's own prices: back to the embedded catalog.
    ResetPrices,
    /// Name the open plan (the workspace renamed it).
    SetName(String),
    /// Import a plan from text.
    ImportPlan(String),
    /// Keep the current plan as scenario A (None: stop comparing).
    SetScenarioA(bool),
    /// Undo the last plan edit.
    Undo,
    /// Redo.
    Redo,
}

/// Undo history limit.
const HISTORY: usize = 200;

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        // Actions that neither read nor change the plan skip copying it (a big plan costs milliseconds to copy
        // and compare: selecting a node or changing the policy must not).
        let plan_free = matches!(
            action,
            Action::Select(_) | Action::SetScenarioA(_) | Action::OpenPlan(_) | Action::Undo | Action::Redo
        );
        let mut plan = if plan_free { Plan::default() } else { (*self.plan).clone() };
        let mut changed = true;
        match action {
            Action::ReplacePlan(p) => {
                plan = *p;
                next.selection = Selection::None;
            }
            Action::SetField(sel, field, text) => changed = set_field(&mut plan, sel, &field, &text),
            Action::AddGallery => {
                let n = plan.galleries.len() + 1;
                let location = plan.galleries.first().map_or_else(|| RegionName::new("eastus"), |g| g.location.clone());
                plan.galleries.push(Gallery { name: format!("gallery{n}"), location, ..Gallery::default() });
                next.selection = Selection::Gallery(plan.galleries.len() - 1);
            }
            Action::AddDefinition(gi) => match plan.galleries.get_mut(gi) {
                Some(g) => {
                    let n = g.images.len() + 1;
                    g.images.push(ImageDefinition {
                        name: format!("image-{n}"),
                        os_type: Some(acg_core::OsType::Linux),
                        os_state: Some(acg_core::OsState::Generalized),
                        identifier: acg_core::ImageIdentifier {
                            publisher: "publisher".into(),
                            offer: "offer".into(),
                            sku: format!("sku-{n}"),
                            ..Default::default()
                        },
                        ..ImageDefinition::default()
                    });
                    next.selection = Selection::Definition(gi, g.images.len() - 1);
                }
                None => changed = false,
            },
            Action::AddVersion(gi, di) => match plan.galleries.get_mut(gi) {
                Some(g) if di < g.images.len() => {
                    let location = g.location.clone();
                    let d = &mut g.images[di];
                    let newest = acg_core::replicas::newest_version(d)
                        .and_then(|i| d.versions[i].name.parse::<acg_core::ImageVersionName>().ok());
                    let name = newest.map_or_else(
                        || "1.0.0".to_owned(),
                        |v| format!("{}.{}.{}", v.major(), v.minor(), v.patch().saturating_add(1)),
                    );
                    let mut v = ImageVersion { name, ..ImageVersion::default() };
                    v.publishing_profile.target_regions.push(TargetRegion {
                        name: location,
                        regional_replica_count: Some(1),
                        ..TargetRegion::default()
                    });
                    v.occupied_gb = Some(acg_core::OccupiedSize { os_disk: 10.0, ..Default::default() });
                    d.versions.push(v);
                    next.selection = Selection::Version(gi, di, d.versions.len() - 1);
                }
                _ => changed = false,
            },
            Action::Duplicate(sel) => changed = duplicate(&mut plan, sel),
            Action::Delete(sel) => {
                changed = delete(&mut plan, sel);
                if changed {
                    next.selection = Selection::None;
                }
            }
            Action::Select(sel) => {
                next.selection = sel;
                changed = false;
            }
            Action::LatestEdit(edit) => {
                next.what_if = acg_core::latest::what_if(&plan, &edit).ok();
                let (g, d) = match &edit {
                    Edit::SetRegionalExclude { gallery, definition, .. }
                    | Edit::SetGlobalExclude { gallery, definition, .. }
                    | Edit::RemoveRegion { gallery, definition, .. }
                    | Edit::PublishVersion { gallery, definition, .. } => (gallery.clone(), definition.clone()),
                };
                changed = match find_definition(&plan, &g, &d) {
                    Some((gi, di)) => apply_edit(&mut plan.galleries[gi].images[di], &edit).is_ok(),
                    None => false,
                };
            }
            Action::ApplyReplicas(indexes, counts) => {
                changed = acg_core::replicas::apply(&mut plan, indexes, &counts).is_some_and(|e| !e.changes.is_empty());
            }
            Action::SetDemand(gi, di, demand) => match plan.galleries.get_mut(gi).and_then(|g| g.images.get_mut(di)) {
                Some(d) => match d.demand.iter_mut().find(|x| x.region == demand.region) {
                    Some(existing) => *existing = demand,
                    None => d.demand.push(demand),
                },
                None => changed = false,
            },
            Action::RemoveDemand(gi, di, region) => match plan.galleries.get_mut(gi).and_then(|g| g.images.get_mut(di))
            {
                Some(d) => d.demand.retain(|x| x.region != region),
                None => changed = false,
            },
            Action::SetPolicy(p) => plan.replica_policy.policy = p,
            Action::SetMargin(m) => plan.replica_policy.margin_percent = m.min(1000),
            Action::SetBilling(b) => plan.billing = Some(b),
            Action::ImportPrices(json) => match plan.prices.import_retail(&json) {
                Ok(report) => {
                    let mut lines = report.taken;
                    lines.extend(report.ignored.into_iter().map(|i| format!("ignored: {i}")));
                    if report.replaced {
                        lines.insert(
                            0,
                            format!("Prices are now in {}: the embedded USD catalog is not used.", report.currency),
                        );
                    }
                    next.price_message = Some(Ok(lines));
                }
                Err(e) => {
                    changed = false;
                    next.price_message = Some(Err(e));
                }
            },
            Action::OverridePrice(region, tier, red, amount) => plan.prices.set_snapshot(&region, tier, red, amount),
            Action::OverrideTransfer(key, amount) => changed = plan.prices.set_transfer_key(&key, amount),
            Action::ResetPrices => {
                plan.prices = acg_core::billing::PlanPrices::default();
                next.price_message = None;
            }
            Action::SetName(name) => {
                // Naming is not an edit of the content: no undo step, but the open plan carries its name.
                changed = false;
                if self.plan.name != name {
                    let mut named = (*self.plan).clone();
                    named.name = name;
                    next.plan = Rc::new(named);
                }
            }
            Action::ImportPlan(text) => match acg_core::interchange::import(&text) {
                Ok(imported) => {
                    plan = imported.plan;
                    next.selection = Selection::None;
                    next.import_message = Some(Ok(imported.notes));
                }
                Err(e) => {
                    changed = false;
                    next.import_message = Some(Err(e.to_string()));
                }
            },
            Action::SetScenarioA(keep) => {
                changed = false;
                next.scenario_a = keep.then(|| Rc::clone(&self.plan));
            }
            Action::SetTargetRegions(sel, regions) => match sel {
                Selection::Version(gi, di, vi) => {
                    match plan
                        .galleries
                        .get_mut(gi)
                        .and_then(|g| g.images.get_mut(di))
                        .and_then(|d| d.versions.get_mut(vi))
                    {
                        Some(v) => v.publishing_profile.target_regions = regions,
                        None => changed = false,
                    }
                }
                _ => changed = false,
            },
            Action::OpenPlan(p) => {
                changed = false;
                next.plan = Rc::new(*p);
                next.undo.clear();
                next.redo.clear();
                next.selection = Selection::None;
                next.what_if = None;
                next.scenario_a = None;
            }
            Action::Undo => {
                changed = false;
                if let Some(prev) = next.undo.pop() {
                    next.redo.push(Rc::clone(&next.plan));
                    next.plan = prev;
                    next.selection = clamp(&next.plan, next.selection);
                }
            }
            Action::Redo => {
                changed = false;
                if let Some(p) = next.redo.pop() {
                    next.undo.push(Rc::clone(&next.plan));
                    next.plan = p;
                    next.selection = clamp(&next.plan, next.selection);
                }
            }
        }
        if changed && !plan_free && plan != *self.plan {
            next.undo.push(Rc::clone(&self.plan));
            if next.undo.len() > HISTORY {
                next.undo.remove(0);
            }
            next.redo.clear();
            next.plan = Rc::new(plan);
        }
        if next.plan.prices != self.plan.prices {
            next.book = Rc::new(plan_book(&next.plan));
        }
        Rc::new(next)
    }
}

/// Keeps a selection pointing at something that exists.
fn clamp(plan: &Plan, sel: Selection) -> Selection {
    let ok = match sel {
        Selection::None => true,
        Selection::Gallery(g) => g < plan.galleries.len(),
        Selection::Definition(g, d) => plan.galleries.get(g).is_some_and(|x| d < x.images.len()),
        Selection::Version(g, d, v) => {
            plan.galleries.get(g).and_then(|x| x.images.get(d)).is_some_and(|x| v < x.versions.len())
        }
    };
    if ok { sel } else { Selection::None }
}

fn opt(text: &str) -> Option<String> {
    let t = text.trim();
    (!t.is_empty()).then(|| t.to_owned())
}

fn bool_opt(text: &str) -> Option<bool> {
    match text {
        "true" => Some(true),
        "false" => Some(false),
        _ => None,
    }
}

/// A resource as JSON without its children (a gallery without definitions, a definition without versions):
/// the shape [`Field::Property`] pointers address. Through the core's text path, so the app links one JSON
/// reader and writer.
pub fn property_json(plan: &Plan, sel: Selection) -> serde_json::Value {
    use acg_core::model::to_json_value;
    let json = match sel {
        Selection::Gallery(gi) => plan.galleries.get(gi).map(|g| to_json_value(&g.clone_shallow())),
        Selection::Definition(gi, di) => {
            plan.galleries.get(gi).and_then(|g| g.images.get(di)).map(|d| to_json_value(&d.clone_shallow()))
        }
        Selection::Version(gi, di, vi) => {
            plan.galleries.get(gi).and_then(|g| g.images.get(di)).and_then(|d| d.versions.get(vi)).map(to_json_value)
        }
        Selection::None => None,
    };
    json.unwrap_or_default()
}

/// Sets the property at `pointer` of the selected resource from text, through its JSON shape.
fn set_property(plan: &mut Plan, sel: Selection, pointer: &str, kind: PropertyKind, text: &str) -> bool {
    let mut json = property_json(plan, sel);
    let value = match kind {
        PropertyKind::Text => opt(text).map(serde_json::Value::String),
        PropertyKind::Bool => bool_opt(text).map(serde_json::Value::Bool),
        PropertyKind::Integer if text.trim().is_empty() => None,
        PropertyKind::Integer => match text.trim().parse::<i64>() {
            Ok(n) => Some(n.into()),
            Err(_) => return false,
        },
    };
    let mut parts: Vec<&str> = pointer.split('/').skip(1).collect();
    let Some(last) = parts.pop() else { return false };
    let mut cur = &mut json;
    for part in parts {
        if !cur.get(part).is_some_and(serde_json::Value::is_object)
            && let Some(o) = cur.as_object_mut()
        {
            o.insert(part.to_owned(), serde_json::Value::Object(serde_json::Map::new()));
        }
        let Some(next) = cur.get_mut(part) else { return false };
        cur = next;
    }
    let Some(object) = cur.as_object_mut() else { return false };
    match value {
        Some(v) => {
            object.insert(last.to_owned(), v);
        }
        None => {
            object.remove(last);
        }
    }
    match sel {
        Selection::Gallery(gi) => {
            let Some(g) = plan.galleries.get_mut(gi) else { return false };
            let Ok(mut next) = acg_core::model::from_json_value::<acg_core::Gallery>(&json) else { return false };
            next.images = std::mem::take(&mut g.images);
            *g = next;
        }
        Selection::Definition(gi, di) => {
            let Some(d) = plan.galleries.get_mut(gi).and_then(|g| g.images.get_mut(di)) else { return false };
            let Ok(mut next) = acg_core::model::from_json_value::<acg_core::ImageDefinition>(&json) else {
                return false;
            };
            next.versions = std::mem::take(&mut d.versions);
            *d = next;
        }
        Selection::Version(gi, di, vi) => {
            let Some(v) =
                plan.galleries.get_mut(gi).and_then(|g| g.images.get_mut(di)).and_then(|d| d.versions.get_mut(vi))
            else {
                return false;
            };
            let Ok(next) = acg_core::model::from_json_value::<acg_core::ImageVersion>(&json) else { return false };
            *v = next;
        }
        Selection::None => return false,
    }
    true
}

/// Sets one field from text. Text that does not parse is kept where the model keeps text (names, enums as
/// `Unknown`), so validation can name it; numbers that do not parse leave the field unchanged (the form keeps
/// showing what was typed and its message).
fn set_field(plan: &mut Plan, sel: Selection, field: &Field, text: &str) -> bool {
    if let Field::Property(pointer, kind) = field {
        return set_property(plan, sel, pointer, *kind, text);
    }
    match sel {
        Selection::Gallery(gi) => {
            let Some(g) = plan.galleries.get_mut(gi) else { return false };
            match field {
                Field::Name => text.clone_into(&mut g.name),
                Field::Location => g.location = RegionName::new(text.trim()),
                Field::Description => g.description = opt(text),
                _ => return false,
            }
        }
        Selection::Definition(gi, di) => {
            let Some(d) = plan.galleries.get_mut(gi).and_then(|g| g.images.get_mut(di)) else { return false };
            match field {
                Field::Name => text.clone_into(&mut d.name),
                Field::Description => d.description = opt(text),
                Field::OsType => d.os_type = opt(text).map(|t| acg_core::OsType::parse(&t)),
                Field::OsState => d.os_state = opt(text).map(|t| acg_core::OsState::parse(&t)),
                Field::HyperVGeneration => {
                    d.hyper_v_generation = opt(text).map(|t| acg_core::HyperVGeneration::parse(&t));
                }
                Field::Publisher => text.clone_into(&mut d.identifier.publisher),
                Field::Offer => text.clone_into(&mut d.identifier.offer),
                Field::Sku => text.clone_into(&mut d.identifier.sku),
                Field::Production => d.production = bool_opt(text),
                Field::EndOfLifeDate => d.end_of_life_date = opt(text),
                Field::Feature(name) => {
                    let value = opt(text);
                    match d.features.iter_mut().position(|f| f.name.eq_ignore_ascii_case(name)) {
                        Some(i) => match value {
                            Some(v) => d.features[i].value = v,
                            None => {
                                d.features.remove(i);
                            }
                        },
                        None => {
                            if let Some(v) = value {
                                d.features.push(acg_core::GalleryImageFeature {
                                    name: (*name).to_owned(),
                                    value: v,
                                    ..Default::default()
                                });
                            }
                        }
                    }
                }
                Field::SecurityType => {
                    d.features.retain(|f| !f.name.eq_ignore_ascii_case("SecurityType"));
                    if let Some(v) = opt(text) {
                        d.features.insert(
                            0,
                            acg_core::GalleryImageFeature {
                                name: "SecurityType".into(),
                                value: v,
                                ..Default::default()
                            },
                        );
                    }
                }
                _ => return false,
            }
        }
        Selection::Version(gi, di, vi) => {
            let Some(v) =
                plan.galleries.get_mut(gi).and_then(|g| g.images.get_mut(di)).and_then(|d| d.versions.get_mut(vi))
            else {
                return false;
            };
            let pp = &mut v.publishing_profile;
            match field {
                Field::Name => text.clone_into(&mut v.name),
                Field::TargetRegions => match acg_core::target_regions::parse(text) {
                    Ok(targets) => {
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
                    Err(_) => return false,
                },
                Field::ReplicaCount => match text.trim() {
                    "" => pp.replica_count = None,
                    t => match t.parse() {
                        Ok(n) => pp.replica_count = Some(n),
                        Err(_) => return false,
                    },
                },
                Field::ExcludeFromLatest => pp.exclude_from_latest = bool_opt(text),
                Field::EndOfLifeDate => pp.end_of_life_date = opt(text),
                Field::StorageAccountType => {
                    pp.storage_account_type = opt(text).map(|t| acg_core::StorageAccountType::parse(&t));
                }
                Field::ReplicationMode => pp.replication_mode = opt(text).map(|t| acg_core::ReplicationMode::parse(&t)),
                Field::Location => v.location = opt(text).map(|t| RegionName::new(&t)),
                Field::OccupiedOsGb => match text.trim().parse::<f64>() {
                    Ok(gb) if gb.is_finite() => v.occupied_gb.get_or_insert_with(Default::default).os_disk = gb,
                    _ => return false,
                },
                Field::SourceId => {
                    let sp = v.storage_profile.get_or_insert_with(Default::default);
                    sp.source.get_or_insert_with(Default::default).id = opt(text);
                }
                _ => return false,
            }
        }
        Selection::None => return false,
    }
    true
}

fn duplicate(plan: &mut Plan, sel: Selection) -> bool {
    match sel {
        Selection::Gallery(gi) => {
            let Some(mut g) = plan.galleries.get(gi).cloned() else { return false };
            g.name.push_str("_copy");
            plan.galleries.insert(gi + 1, g);
        }
        Selection::Definition(gi, di) => {
            let Some(g) = plan.galleries.get_mut(gi) else { return false };
            let Some(mut d) = g.images.get(di).cloned() else { return false };
            d.name.push_str("-copy");
            d.identifier.sku.push_str("-copy");
            g.images.insert(di + 1, d);
        }
        Selection::Version(gi, di, vi) => {
            let Some(d) = plan.galleries.get_mut(gi).and_then(|g| g.images.get_mut(di)) else { return false };
            let Some(mut v) = d.versions.get(vi).cloned() else { return false };
            v.name = match v.name.parse::<acg_core::ImageVersionName>() {
                Ok(n) => format!("{}.{}.{}", n.major(), n.minor(), n.patch().saturating_add(1)),
                Err(_) => format!("{}-copy", v.name),
            };
            d.versions.insert(vi + 1, v);
        }
        Selection::None => return false,
    }
    true
}

/// Deletes a resource without children (Azure: "Can not delete resource before nested resources are deleted").
pub fn delete_blocker(plan: &Plan, sel: Selection) -> Option<String> {
    match sel {
        Selection::Gallery(gi) => plan.galleries.get(gi).filter(|g| !g.images.is_empty()).map(|g| {
            format!(
                "Can not delete resource before nested resources are deleted: {} has {} image definition(s).",
                g.name,
                g.images.len()
            )
        }),
        Selection::Definition(gi, di) => {
            plan.galleries.get(gi).and_then(|g| g.images.get(di)).filter(|d| !d.versions.is_empty()).map(|d| {
                format!(
                    "Can not delete resource before nested resources are deleted: {} has {} version(s).",
                    d.name,
                    d.versions.len()
                )
            })
        }
        _ => None,
    }
}

fn delete(plan: &mut Plan, sel: Selection) -> bool {
    if delete_blocker(plan, sel).is_some() {
        return false;
    }
    match sel {
        Selection::Gallery(gi) if gi < plan.galleries.len() => {
            plan.galleries.remove(gi);
        }
        Selection::Definition(gi, di) if plan.galleries.get(gi).is_some_and(|g| di < g.images.len()) => {
            plan.galleries[gi].images.remove(di);
        }
        Selection::Version(gi, di, vi)
            if plan.galleries.get(gi).and_then(|g| g.images.get(di)).is_some_and(|d| vi < d.versions.len()) =>
        {
            plan.galleries[gi].images[di].versions.remove(vi);
        }
        _ => return false,
    }
    true
}

/// The JSON path prefix of a selection, as the validation report writes it.
pub fn path_of(sel: Selection) -> String {
    match sel {
        Selection::None => String::new(),
        Selection::Gallery(g) => format!("galleries[{g}]"),
        Selection::Definition(g, d) => format!("galleries[{g}].images[{d}]"),
        Selection::Version(g, d, v) => format!("galleries[{g}].images[{d}].versions[{v}]"),
    }
}

/// The selection a report path points into.
pub fn selection_of(path: &str) -> Selection {
    let num = |key: &str| -> Option<usize> {
        let start = path.find(&format!("{key}["))? + key.len() + 1;
        path[start..].split(']').next()?.parse().ok()
    };
    match (num("galleries"), num("images"), num("versions")) {
        (Some(g), Some(d), Some(v)) => Selection::Version(g, d, v),
        (Some(g), Some(d), None) => Selection::Definition(g, d),
        (Some(g), None, None) => Selection::Gallery(g),
        _ => Selection::None,
    }
}
