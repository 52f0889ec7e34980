#![allow(
    clippy::many_single_char_names,
    clippy::needless_pass_by_value,
    reason = "g, d, v: gallery, definition, version; helpers take changes as callers write them"
)]

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::*;
use crate::sample;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 30).unwrap()
}

/// Applies a change, checks it changed the plan, then that its undo puts the plan back exactly and that the
/// undo's undo (redo) gives the edited plan again. Returns what was applied and the edited plan.
fn round_trip(plan: &Plan, change: Change) -> (Applied, Plan) {
    let mut edited = plan.clone();
    let done = apply(&mut edited, change.clone(), today()).unwrap_or_else(|e| panic!("{change:?} refused: {e:?}"));
    assert_ne!(done.changed, Changed::Nothing, "{change:?} changed nothing");
    assert_ne!(edited, *plan, "{change:?} left the plan as it was");
    let mut undone = edited.clone();
    let redo = apply(&mut undone, done.undo.clone(), today()).expect("undo applies");
    assert_eq!(undone, *plan, "undo of {change:?} restores the plan exactly");
    let mut redone = undone;
    apply(&mut redone, redo.undo, today()).expect("redo applies");
    assert_eq!(redone, edited, "redo of {change:?} gives the edit again");
    (done, edited)
}

fn refused(plan: &Plan, change: Change) -> Report {
    let mut p = plan.clone();
    let report = apply(&mut p, change.clone(), today()).expect_err(&format!("{change:?} must be refused"));
    assert_eq!(p, *plan, "a refused change leaves the plan as it was");
    report
}

fn codes(r: &Report) -> Vec<(&str, &str)> {
    r.issues.iter().map(|i| (&*i.code, i.path.as_str())).collect()
}

#[test]
fn adds_resources_with_free_names_and_selects_them() {
    let plan = sample::plan();
    let (done, p) = round_trip(&plan, Change::AddGallery);
    let at = At::Gallery(plan.galleries.len());
    assert_eq!(done.select, Some(at));
    assert_eq!(done.changed, Changed::Children(None));
    assert!(!plan.galleries.iter().any(|g| g.name.eq_ignore_ascii_case(&p.galleries[at.index()].name)));

    let (done, p) = round_trip(&plan, Change::AddDefinition { gallery: At::Gallery(0) });
    let at = done.select.unwrap();
    let d = at.definition_in(&p).unwrap();
    assert_eq!(at, At::Definition(0, plan.galleries[0].images.len()));
    assert!(!plan.galleries[0].images.iter().any(|x| x.name == d.name || x.identifier.sku == d.identifier.sku));

    let (done, p) = round_trip(&plan, Change::AddVersion { definition: At::Definition(0, 0) });
    let v = done.select.unwrap().version_in(&p).unwrap();
    let newest =
        plan.galleries[0].images[0].versions.iter().filter_map(|v| v.name.parse::<ImageVersionName>().ok()).max();
    assert!(v.name.parse::<ImageVersionName>().unwrap() > newest.unwrap());
    assert_eq!(v.publishing_profile.target_regions[0].name, plan.galleries[0].location);

    assert_eq!(
        codes(&refused(&plan, Change::AddVersion { definition: At::Gallery(0) })),
        [("ADDRESS", "galleries[0]")]
    );
    assert_eq!(
        refused(&plan, Change::AddDefinition { gallery: At::Gallery(9) }).issues[0].message,
        "There is no gallery at galleries[9]."
    );
}

#[test]
fn duplicates_next_to_the_original_under_a_free_name() {
    let plan = sample::plan();
    let (done, p) = round_trip(&plan, Change::Duplicate { at: At::Gallery(0) });
    assert_eq!(done.select, Some(At::Gallery(1)));
    assert_eq!(p.galleries[1].name, format!("{}_copy", plan.galleries[0].name));
    assert_eq!(p.galleries[1].images, plan.galleries[0].images);

    let (done, p) = round_trip(&plan, Change::Duplicate { at: At::Definition(0, 0) });
    let d = done.select.unwrap().definition_in(&p).unwrap();
    assert_eq!(d.name, format!("{}-copy", plan.galleries[0].images[0].name));
    assert_eq!(d.identifier.sku, format!("{}-copy", plan.galleries[0].images[0].identifier.sku));
    // Twice: the second copy gets its own name.
    let mut twice = p.clone();
    apply(&mut twice, Change::Duplicate { at: At::Definition(0, 0) }, today()).unwrap();
    assert_eq!(twice.galleries[0].images[1].name, format!("{}-copy2", plan.galleries[0].images[0].name));

    let (done, p) = round_trip(&plan, Change::Duplicate { at: At::Version(0, 0, 0) });
    let copy = done.select.unwrap().version_in(&p).unwrap();
    assert!(!plan.galleries[0].images[0].versions.iter().any(|v| v.name == copy.name));
    assert_eq!(copy.publishing_profile, plan.galleries[0].images[0].versions[0].publishing_profile);
}

#[test]
fn deletes_as_azure_does() {
    let plan = sample::plan();
    let r = refused(&plan, Change::Delete { at: At::Definition(0, 0) });
    assert_eq!(codes(&r), [("IMG-22", "galleries[0].images[0]")]);
    assert_eq!(r.issues[0].message, "Can not delete resource before nested resources are deleted.");
    assert_eq!(codes(&refused(&plan, Change::Delete { at: At::Gallery(0) })), [("GAL-12", "galleries[0]")]);

    let (done, p) = round_trip(&plan, Change::Delete { at: At::Version(0, 0, 0) });
    assert_eq!(done.select, Some(At::Definition(0, 0)));
    assert_eq!(p.galleries[0].images[0].versions.len(), plan.galleries[0].images[0].versions.len() - 1);

    let mut blocked = plan.clone();
    let v = At::Version(0, 0, 0).version_in_mut(&mut blocked).unwrap();
    v.safety_profile.get_or_insert_with(Default::default).block_deletion_before_end_of_life = Some(true);
    v.publishing_profile.end_of_life_date = Some("2030-01-01".into());
    assert_eq!(
        codes(&refused(&blocked, Change::Delete { at: At::Version(0, 0, 0) })),
        [("VER-27", "galleries[0].images[0].versions[0]")]
    );
    assert_eq!(
        codes(&refused(&blocked, Change::DeleteTree { at: At::Gallery(0) })),
        [("VER-27", "galleries[0].images[0].versions[0]")]
    );

    let (done, p) = round_trip(&plan, Change::DeleteTree { at: At::Definition(0, 0) });
    let n = plan.galleries[0].images[0].versions.len();
    assert_eq!(done.notes.len(), n + 1);
    assert!(done.notes[0].starts_with("Deleted version "), "{:?}", done.notes);
    assert!(done.notes[n].starts_with("Deleted definition "), "{:?}", done.notes);
    assert_eq!(p.galleries[0].images.len(), plan.galleries[0].images.len() - 1);
    assert_eq!(deletion_order(&plan, At::Definition(0, 0)).last(), Some(&At::Definition(0, 0)));
    assert!(deletion_order(&plan, At::Gallery(9)).is_empty());
}

#[test]
fn refuses_a_second_resource_of_the_same_name_with_azures_message() {
    let mut plan = sample::plan();
    let other = plan.galleries[0].name.to_uppercase();
    apply(&mut plan, Change::AddGallery, today()).unwrap();
    let at = At::Gallery(plan.galleries.len() - 1);
    let r = refused(&plan, Change::SetField { at, field: Field::Name, text: other.clone() });
    assert_eq!(codes(&r), [("GAL-05", &*at.field("name"))]);
    assert!(
        r.issues[0].message.starts_with(&format!("The gallery name {other} is not unique within the subscription")),
        "{}",
        r.issues[0].message
    );

    let plan = sample::plan();
    let taken = plan.galleries[0].images[0].name.clone();
    let r = refused(&plan, Change::SetField { at: At::Definition(0, 1), field: Field::Name, text: taken.clone() });
    assert_eq!(codes(&r), [("IMG-05", "galleries[0].images[1].name")]);
    assert!(
        r.issues[0].message.starts_with(&format!("The resource {}/{taken} already exists", plan.galleries[0].name))
    );

    let taken = plan.galleries[0].images[0].versions[0].name.clone();
    let r = refused(&plan, Change::SetField { at: At::Version(0, 0, 1), field: Field::Name, text: taken });
    assert_eq!(codes(&r), [("VER-03", "galleries[0].images[0].versions[1].name")]);

    // Any other name goes through, even one Azure rejects for its form (validation says why).
    round_trip(&plan, Change::SetField { at: At::Gallery(0), field: Field::Name, text: "has-dash".into() });
}

#[test]
fn sets_every_field_from_text() {
    let plan = sample::plan();
    let g = At::Gallery(0);
    let d = At::Definition(0, 0);
    let v = At::Version(0, 0, 0);
    let cases: Vec<(At, Field, &str)> = vec![
        (g, Field::Location, "westus2"),
        (g, Field::Description, "Golden images"),
        (d, Field::Description, "Ubuntu"),
        (d, Field::OsType, "Windows"),
        (d, Field::OsState, "Specialized"),
        (d, Field::HyperVGeneration, "V1"),
        (d, Field::Publisher, "contoso2"),
        (d, Field::Offer, "offer2"),
        (d, Field::Sku, "sku2"),
        (d, Field::Production, "false"),
        (d, Field::SecurityType, "ConfidentialVM"),
        (d, Field::EndOfLifeDate, "2031-01-01"),
        (d, Field::Feature("IsHibernateSupported".into()), "True"),
        (v, Field::Name, "9.9.9"),
        (v, Field::Location, "westeurope"),
        (v, Field::EndOfLifeDate, "2031-02-01"),
        (v, Field::TargetRegions, "eastus=3=standard_zrs westeurope"),
        (v, Field::ReplicaCount, "4"),
        (v, Field::ExcludeFromLatest, "true"),
        (v, Field::StorageAccountType, "Premium_LRS"),
        (v, Field::ReplicationMode, "Shallow"),
        (v, Field::OccupiedOsGb, "42.5"),
        (v, Field::SourceId, "/subscriptions/x/resourceGroups/rg/providers/Microsoft.Compute/images/img"),
    ];
    for (at, field, text) in cases {
        let (done, p) = round_trip(&plan, Change::SetField { at, field: field.clone(), text: text.into() });
        assert_eq!(done.changed, Changed::Resource(at));
        let shown = field_text(&p, at, &field).unwrap();
        if field == Field::TargetRegions {
            assert_eq!(shown, "eastus=3=Standard_ZRS westeurope");
        } else {
            assert_eq!(shown, text, "{field:?}");
        }
        assert!(field.path(at).is_some());
        assert!(field_path(&p, at, &field).unwrap().starts_with(&at.to_string()));
    }
    // Setting the value a field already has records nothing.
    let mut same = plan.clone();
    let text = field_text(&plan, d, &Field::Sku).unwrap();
    assert_eq!(
        apply(&mut same, Change::SetField { at: d, field: Field::Sku, text }, today()).unwrap().changed,
        Changed::Nothing
    );
}

#[test]
fn a_feature_is_addressed_by_its_index() {
    let plan = sample::plan();
    let d = At::Definition(0, 0);
    let i = plan.galleries[0].images[0].features.iter().position(|f| f.name == "SecurityType");
    let want = i.map_or_else(|| d.field("features"), |i| d.field(&format!("features[{i}].value")));
    assert_eq!(field_path(&plan, d, &Field::SecurityType), Some(want));
    assert_eq!(field_path(&plan, d, &Field::Feature("NoSuch".into())), Some(d.field("features")));
    assert_eq!(field_path(&plan, At::Gallery(0), &Field::Feature("NoSuch".into())), None);
    assert_eq!(field_path(&plan, d, &Field::Sku), Some(d.field("identifier.sku")));
}

#[test]
fn refuses_text_that_does_not_read_and_fields_a_resource_lacks() {
    let plan = sample::plan();
    let v = At::Version(0, 0, 0);
    let r = refused(&plan, Change::SetField { at: v, field: Field::ReplicaCount, text: "two".into() });
    assert_eq!(codes(&r), [("INPUT", "galleries[0].images[0].versions[0].publishingProfile.replicaCount")]);
    assert_eq!(r.issues[0].message, "Default replicas per region must be a whole number, not 'two'.");
    let r = refused(&plan, Change::SetField { at: v, field: Field::OccupiedOsGb, text: "-1".into() });
    assert_eq!(r.issues[0].message, "Occupied GB must be a number of gigabytes, not '-1'.");
    let r = refused(&plan, Change::SetField { at: v, field: Field::TargetRegions, text: "eastus=x".into() });
    assert_eq!(codes(&r), [("INPUT", "galleries[0].images[0].versions[0].publishingProfile.targetRegions")]);
    let r = refused(&plan, Change::SetField { at: At::Gallery(0), field: Field::Sku, text: "x".into() });
    assert_eq!(r.issues[0].message, "A gallery has no field 'SKU'.");
    let r = refused(&plan, Change::SetField { at: At::Gallery(7), field: Field::Name, text: "x".into() });
    assert_eq!(r.issues[0].message, "There is no gallery at galleries[7].");
}

#[test]
fn sets_properties_by_json_pointer() {
    let plan = sample::plan();
    let v = At::Version(0, 0, 0);
    let (_, p) = round_trip(
        &plan,
        Change::SetProperty {
            at: v,
            pointer: "/safetyProfile/blockDeletionBeforeEndOfLife".into(),
            reads: PropertyKind::Bool,
            text: "true".into(),
        },
    );
    assert_eq!(property_text(&p, v, "/safetyProfile/blockDeletionBeforeEndOfLife"), "true");
    let d = At::Definition(0, 0);
    let (_, p) = round_trip(
        &plan,
        Change::SetProperty {
            at: d,
            pointer: "/recommended/vCPUs/min".into(),
            reads: PropertyKind::Integer,
            text: "4".into(),
        },
    );
    assert_eq!(property_text(&p, d, "/recommended/vCPUs/min"), "4");
    // The gallery keeps its definitions when a property of its own changes.
    let (_, p) = round_trip(
        &plan,
        Change::SetProperty {
            at: At::Gallery(0),
            pointer: "/sharingProfile/permissions".into(),
            reads: PropertyKind::Text,
            text: "Community".into(),
        },
    );
    assert_eq!(p.galleries[0].images, plan.galleries[0].images);
    let r = refused(
        &plan,
        Change::SetProperty {
            at: d,
            pointer: "/recommended/vCPUs/min".into(),
            reads: PropertyKind::Integer,
            text: "four".into(),
        },
    );
    assert_eq!(codes(&r), [("INPUT", "galleries[0].images[0].recommended.vCPUs.min")]);
    let r = refused(
        &plan,
        Change::SetProperty { at: d, pointer: "nope".into(), reads: PropertyKind::Text, text: "x".into() },
    );
    assert_eq!(r.issues[0].message, "'nope' is not a JSON pointer to a property (/a/b).");
    round_trip(
        &plan,
        Change::SetProperty { at: d, pointer: "/eula".into(), reads: PropertyKind::Json, text: "\"terms\"".into() },
    );
}

#[test]
fn edits_target_region_rows() {
    let plan = sample::plan();
    let v = At::Version(0, 0, 0);
    let (done, p) = round_trip(&plan, Change::AddTargetRegion { version: v, region: "Japan East".into() });
    let n = plan.galleries[0].images[0].versions[0].publishing_profile.target_regions.len();
    assert_eq!(done.changed, Changed::Resource(v));
    assert_eq!(p.galleries[0].images[0].versions[0].publishing_profile.target_regions[n].name.key(), "japaneast");
    let existing = plan.galleries[0].images[0].versions[0].publishing_profile.target_regions[0].name.to_string();
    let r = refused(&plan, Change::AddTargetRegion { version: v, region: existing });
    assert_eq!(r.issues[0].code, "VER-07");
    assert!(r.issues[0].message.starts_with("Duplicate regions are not allowed in target publishing regions"));
    let r = refused(&plan, Change::AddTargetRegion { version: v, region: "West Eu".into() });
    assert_eq!(r.issues[0].message, "'West Eu' is not an Azure region of the catalog: pick one from the list.");

    let row = At::TargetRegion(0, 0, 0, 0);
    let mut t = row.target_region_in(&plan).unwrap().clone();
    t.regional_replica_count = Some(7);
    round_trip(&plan, Change::SetTargetRegion { at: row, region: t });
    round_trip(&plan, Change::Delete { at: row });
    round_trip(&plan, Change::SetTargetRegions { version: v, regions: Vec::new() });
    round_trip(
        &plan,
        Change::ApplyReplicas {
            version: v,
            counts: vec![(RegionName::new("eastus"), 9), (RegionName::new("japaneast"), 2)],
        },
    );
}

#[test]
fn latest_edits_demand_and_settings() {
    let plan = sample::plan();
    let g = plan.galleries[0].name.clone();
    let d = &plan.galleries[0].images[0];
    let version = d.versions[0].name.clone();
    round_trip(
        &plan,
        Change::Latest {
            edit: Edit::SetGlobalExclude {
                gallery: g.clone(),
                definition: d.name.clone(),
                version,
                exclude: Some(true),
            },
        },
    );
    let r = refused(
        &plan,
        Change::Latest {
            edit: Edit::SetGlobalExclude {
                gallery: g,
                definition: "nope".into(),
                version: "1.0.0".into(),
                exclude: None,
            },
        },
    );
    assert_eq!(r.issues[0].code, "ADDRESS");

    let demand = RegionDemand { region: RegionName::new("eastus"), concurrent_vms: 500, ..Default::default() };
    round_trip(&plan, Change::SetDemand { definition: At::Definition(0, 0), demand });
    let (di, with_demand) =
        plan.galleries[0].images.iter().enumerate().find(|(_, d)| !d.demand.is_empty()).expect("the sample has a load");
    round_trip(
        &plan,
        Change::RemoveDemand { definition: At::Definition(0, di), region: with_demand.demand[0].region.clone() },
    );
    let policy = if plan.replica_policy.policy == Policy::ScalingGuidance {
        Policy::Guidance2019
    } else {
        Policy::ScalingGuidance
    };
    round_trip(&plan, Change::SetPolicy { policy });
    round_trip(&plan, Change::SetMargin { percent: plan.replica_policy.margin_percent + 5 });
    round_trip(
        &plan,
        Change::SetBilling { settings: Some(BillingSettings { months: 24, ..BillingSettings::default() }) },
    );
    let (done, _) = round_trip(
        &plan,
        Change::OverridePrice {
            region: RegionName::new("eastus"),
            tier: Tier::StandardHdd,
            redundancy: Redundancy::Lrs,
            amount: Decimal::new(123, 3),
        },
    );
    assert_eq!(done.changed, Changed::Settings);
    assert_eq!(
        refused(&plan, Change::OverrideTransfer { key: "Mars".into(), amount: Decimal::ONE }).issues[0].code,
        "PRICES"
    );
    assert_eq!(
        refused(&plan, Change::OverrideTransfer { key: "Europe".into(), amount: Decimal::NEGATIVE_ONE }).issues[0]
            .message,
        "A price cannot be negative."
    );
    round_trip(&plan, Change::OverrideTransfer { key: "Europe|Europe".into(), amount: Decimal::new(5, 2) });
    round_trip(&plan, Change::SetName { name: "renamed".into() });
    round_trip(&plan, Change::ReplacePlan { plan: Box::new(Plan::default()) });
    assert_eq!(refused(&plan, Change::ImportPrices { json: "{".into() }).issues[0].code, "PRICES");
}

#[test]
fn changes_read_and_write_as_json() {
    let change = Change::SetField { at: At::Definition(0, 1), field: Field::Sku, text: "x".into() };
    let json = serde_json::to_string(&change).unwrap();
    assert_eq!(json, r#"{"setField":{"at":"galleries[0].images[1]","field":"sku","text":"x"}}"#);
    assert_eq!(serde_json::to_string(&Change::AddGallery).unwrap(), r#""addGallery""#);
    assert_eq!(serde_json::from_str::<Change>(&json).unwrap(), change);
    let feature = Change::SetField {
        at: At::Definition(0, 0),
        field: Field::Feature("IsHibernateSupported".into()),
        text: String::new(),
    };
    assert_eq!(serde_json::from_value::<Change>(serde_json::to_value(&feature).unwrap()).unwrap(), feature);
    let err = serde_json::from_str::<Change>(r#"{"delete":{"at":"galleries[0].name"}}"#).unwrap_err().to_string();
    assert!(err.starts_with("'galleries[0].name' is not the address of a resource"), "{err}");
    // Every undo a change produces reads back as itself (the JS API and saved histories carry them as JSON).
    let mut plan = sample::plan();
    let done =
        apply(&mut plan, Change::OverrideTransfer { key: "Europe|Europe".into(), amount: Decimal::new(5, 2) }, today())
            .unwrap();
    let undo = serde_json::to_value(&done.undo).unwrap();
    assert_eq!(serde_json::from_value::<Change>(undo).unwrap(), done.undo);
    let done = apply(&mut plan, Change::Delete { at: At::Version(0, 0, 0) }, today()).unwrap();
    let undo = serde_json::to_value(&done.undo).unwrap();
    assert_eq!(serde_json::from_value::<Change>(undo).unwrap(), done.undo);
}

#[test]
fn merging_a_plan_adds_its_resources_into_namesakes_and_refuses_a_version_namesake() {
    let plan = sample::plan();
    // A copy of the first definition with one new version, and a gallery of its own.
    let mut other = Plan::default();
    let mut gallery = plan.galleries[0].clone_shallow();
    gallery.name = gallery.name.to_uppercase();
    let mut definition = plan.galleries[0].images[0].clone_shallow();
    let mut version = plan.galleries[0].images[0].versions[0].clone();
    std::sync::Arc::make_mut(&mut version).name = "9.9.9".into();
    definition.versions = vec![version];
    gallery.images = vec![std::sync::Arc::new(definition)];
    let mut second = plan.galleries[0].clone_shallow();
    second.name = "another_gallery".into();
    other.galleries = vec![gallery, second];

    let (done, merged) = round_trip(&plan, Change::MergePlan { plan: Box::new(other.clone()) });
    let n = plan.galleries[0].images[0].versions.len();
    assert_eq!(done.select, Some(At::Version(0, 0, n)));
    assert_eq!(merged.galleries.len(), plan.galleries.len() + 1);
    assert_eq!(merged.galleries[0].images.len(), plan.galleries[0].images.len());
    assert_eq!(At::Version(0, 0, n).version_in(&merged).map(|v| v.name.as_str()), Some("9.9.9"));
    assert_eq!(merged.galleries[0].name, plan.galleries[0].name, "the plan's own gallery keeps its properties");

    // A second merge of the same document: 9.9.9 is there now, so Azure's VER-03 refuses it.
    let report = refused(&merged, Change::MergePlan { plan: Box::new(other) });
    let mut expected = merged.clone();
    let again = expected.galleries[0].images[0].versions[n].clone();
    expected.galleries[0].definition_mut(0).unwrap().versions.push(again);
    let validator = crate::validate::validate(&expected, today());
    let ver03 = validator.issues.iter().find(|i| i.code == "VER-03").expect("the validator reports the namesake");
    assert_eq!(codes(&report), [("VER-03", format!("{}.name", At::Version(0, 0, n + 1)).as_str())]);
    assert_eq!(report.issues[0].message, ver03.message);
}

/// Every version of a plan with its address, in order.
fn versions_of(plan: &Plan) -> Vec<(At, &std::sync::Arc<ImageVersion>)> {
    let mut out = Vec::new();
    for (g, gallery) in plan.galleries.iter().enumerate() {
        for (d, definition) in gallery.images.iter().enumerate() {
            out.extend(definition.versions.iter().enumerate().map(|(v, x)| (At::Version(g, d, v), x)));
        }
    }
    out
}

#[test]
fn an_edit_copies_only_what_it_changes_and_its_undo_puts_the_versions_back() {
    use std::sync::Arc;
    let plan = crate::generate::plan(crate::generate::PlanSize::M, 7);
    let at = At::Version(1, 3, 7);
    let edits = [
        Change::SetField { at, field: Field::ReplicaCount, text: "4".into() },
        Change::SetField { at, field: Field::Name, text: "9.9.9".into() },
        Change::AddTargetRegion { version: at, region: "brazilsouth".into() },
        Change::SetField { at: At::Definition(1, 3), field: Field::Description, text: "golden".into() },
        Change::Latest {
            edit: Edit::SetGlobalExclude {
                gallery: plan.galleries[1].name.clone(),
                definition: plan.galleries[1].images[3].name.clone(),
                version: plan.galleries[1].images[3].versions[7].name.clone(),
                exclude: Some(true),
            },
        },
    ];
    for change in edits {
        let (done, edited) = round_trip(&plan, change.clone());
        let before = versions_of(&plan);
        let after = versions_of(&edited);
        assert_eq!(before.len(), after.len());
        let mut copied = Vec::new();
        for ((here, a), (_, b)) in before.iter().zip(&after) {
            if !Arc::ptr_eq(a, b) {
                copied.push(*here);
            }
        }
        let expected: &[At] =
            if matches!(change, Change::SetField { at: At::Definition(..), .. }) { &[] } else { &[at] };
        assert_eq!(copied, expected, "{change:?} copies the version it changes, and only it");
        // Its definition is copied (it holds the new version or is the edit), every other one is shared.
        for (g, gallery) in plan.galleries.iter().enumerate() {
            for (d, definition) in gallery.images.iter().enumerate() {
                let shared = Arc::ptr_eq(definition, &edited.galleries[g].images[d]);
                assert_eq!(shared, (g, d) != (1, 3), "{change:?}: definition {g}/{d} shared");
            }
        }
        // Undone, the plan is the plan before and shares its versions with it; an undo that restores a snapshot
        // (not one that removes what was added) puts back the very version it took.
        let restores = matches!(done.undo, Change::Restore { .. });
        let mut undone = edited.clone();
        apply(&mut undone, done.undo, today()).expect("undo applies");
        assert_eq!(undone, plan);
        for ((here, a), (_, b)) in versions_of(&undone).iter().zip(&before) {
            assert!(Arc::ptr_eq(a, b) || (*here == at && !restores), "the undo of {change:?} shares {here}");
        }
    }
}
