//! The kept results must be exactly the full ones after every edit.

use proptest::prelude::*;

use super::Results;
use crate::address::At;
use crate::billing::{estimate_plan, plan_book, project};
use crate::edit::{Change, Field, apply};
use crate::generate::{PlanSize, plan as generated};
use crate::latest::latest_matrix;
use crate::model::{Plan, RegionDemand};
use crate::replicas::{Policy, recommend_plan};
use crate::report::IssueIndex;
use crate::validate::validate;

fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap_or_default()
}

/// The results of `plan` computed by the full functions must be the kept ones, to the last digit's scale.
fn assert_same(kept: &Results, plan: &Plan, step: &str) -> Result<(), TestCaseError> {
    let report = validate(plan, today());
    prop_assert!(kept.report() == &report, "report differs after {step}");
    prop_assert!(kept.issues() == &IssueIndex::new(&report), "issue index differs after {step}");
    prop_assert!(kept.matrix() == latest_matrix(plan).as_slice(), "latest matrix differs after {step}");
    let recommendations = recommend_plan(plan, &plan.replica_policy);
    prop_assert!(kept.recommendations() == recommendations.as_slice(), "recommendations differ after {step}");
    let estimate = estimate_plan(plan, &plan_book(plan));
    let e = kept.estimate();
    prop_assert!(e == &estimate, "estimate differs after {step}");
    // Equal decimals may differ in scale (1.0 and 1.00): compare how they print too.
    let totals = |e: &crate::billing::Estimate| {
        format!(
            "{:?} {:?} {:?} {:?} {:?} {:?}",
            e.storage_gb_months, e.storage_monthly, e.egress_gb, e.egress_one_time, e.by_region, e.by_version
        )
    };
    prop_assert_eq!(totals(e), totals(&estimate), "estimate totals print differently after {}", step);
    let projection = project(plan, &plan_book(plan), &plan.billing.clone().unwrap_or_default());
    prop_assert!(kept.projection() == &projection, "projection differs after {step}");
    prop_assert_eq!(
        format!("{:?}", kept.projection().months),
        format!("{:?}", projection.months),
        "projection prints differently after {}",
        step
    );
    prop_assert_eq!(kept.counts(), plan.counts(), "counts differ after {}", step);
    Ok(())
}

/// A resource of the plan picked by three numbers (none when the plan has no such kind).
fn pick(plan: &Plan, kind: u8, n: [usize; 3]) -> Option<At> {
    let gi = n[0] % plan.galleries.len().max(1);
    let gallery = plan.galleries.get(gi)?;
    if kind == 0 {
        return Some(At::Gallery(gi));
    }
    let di = n[1] % gallery.images.len().max(1);
    let definition = gallery.images.get(di)?;
    if kind == 1 {
        return Some(At::Definition(gi, di));
    }
    let vi = n[2] % definition.versions.len().max(1);
    let version = definition.versions.get(vi)?;
    if kind == 2 {
        return Some(At::Version(gi, di, vi));
    }
    let ti = n[0] % version.publishing_profile.target_regions.len().max(1);
    version.publishing_profile.target_regions.get(ti).map(|_| At::TargetRegion(gi, di, vi, ti))
}

const VERSION_FIELDS: [(Field, &[&str]); 8] = [
    (Field::ReplicaCount, &["1", "3", "60", "120", "x"]),
    (Field::Name, &["1.0.0", "1.0.1", "01.2.3", "2.0.0", "bad"]),
    (Field::Location, &["eastus", "westus2", "nowhere", ""]),
    (Field::ExcludeFromLatest, &["true", "false"]),
    (Field::OccupiedOsGb, &["0", "30", "12.5", ""]),
    (Field::ReplicationMode, &["Full", "Shallow"]),
    (Field::EndOfLifeDate, &["2020-01-01", "2031-05-01", "soon"]),
    // A source Azure reads the data disks from: without data disks listed, a value only Azure knows (UNK-01).
    (Field::SourceId, &["/subscriptions/0/resourceGroups/rg/providers/Microsoft.Compute/images/base", ""]),
];
// Few names, so that definitions of a gallery collide (IMG-05, IMG-11).
const DEFINITION_FIELDS: [(Field, &[&str]); 7] = [
    (Field::Name, &["a", "A", "b", "bad name"]),
    (Field::Publisher, &["p", "p", ""]),
    (Field::Offer, &["o", "o", "q"]),
    (Field::Sku, &["s", "s", "t"]),
    (Field::Production, &["true", "false"]),
    (Field::Location, &["eastus", "westeurope", ""]),
    (Field::OsType, &["Windows", "Linux", "Plan9"]),
];
const GALLERY_FIELDS: [(Field, &[&str]); 2] =
    [(Field::Name, &["contoso", "fabrikam", "bad-name"]), (Field::Location, &["eastus", "westus2"])];

/// One edit, from numbers (so a sequence of them fits any plan it meets).
fn change(plan: &Plan, op: u8, n: [usize; 3]) -> Option<Change> {
    let text = |values: &[&str]| values[n[2] % values.len()].to_owned();
    Some(match op % 25 {
        0..=5 => {
            let (field, values) = &VERSION_FIELDS[n[1] % VERSION_FIELDS.len()];
            Change::SetField { at: pick(plan, 2, n)?, field: field.clone(), text: text(values) }
        }
        6 | 7 | 21 => {
            let (field, values) = &DEFINITION_FIELDS[n[2] % DEFINITION_FIELDS.len()];
            Change::SetField { at: pick(plan, 1, n)?, field: field.clone(), text: text(values) }
        }
        8 => {
            let (field, values) = &GALLERY_FIELDS[n[1] % GALLERY_FIELDS.len()];
            Change::SetField { at: pick(plan, 0, n)?, field: field.clone(), text: text(values) }
        }
        9 => Change::AddVersion { definition: pick(plan, 1, n)? },
        10 => {
            Change::AddTargetRegion { version: pick(plan, 2, n)?, region: text(&["westus2", "northeurope", "eastus"]) }
        }
        11 => Change::DeleteTree { at: pick(plan, 2 + u8::from(n[1].is_multiple_of(2)), n)? },
        12 => Change::Duplicate { at: pick(plan, 2, n)? },
        13 => Change::SetDemand {
            definition: pick(plan, 1, n)?,
            demand: RegionDemand {
                region: text(&["eastus", "westus2", "japaneast"]).as_str().into(),
                concurrent_vms: i64::try_from(n[0] % 900).unwrap_or(0) - 50,
                ..RegionDemand::default()
            },
        },
        14 => Change::SetPolicy {
            policy: [Policy::BestPractices, Policy::ScalingGuidance, Policy::Guidance2019][n[0] % 3],
        },
        15 => Change::AddDefinition { gallery: pick(plan, 0, n)? },
        16 => Change::Duplicate { at: pick(plan, 1, n)? },
        17 => Change::SetMargin { percent: u32::try_from(n[0] % 60).unwrap_or(0) },
        18 => Change::DeleteTree { at: pick(plan, 1, n)? },
        19 | 20 => {
            Change::SetField { at: pick(plan, 1, n)?, field: Field::Production, text: text(&["true", "false", ""]) }
        }
        22 => Change::SetField { at: pick(plan, 1, n)?, field: Field::Name, text: text(&["a", "b"]) },
        // The projection's settings.
        23 => Change::SetBilling {
            settings: (!n[0].is_multiple_of(3)).then(|| crate::billing::BillingSettings {
                cadence_per_month: u32::try_from(n[0] % 4).unwrap_or(0),
                retention: u32::try_from(n[1] % 7).unwrap_or(0),
                full_versions: u32::try_from(n[2] % 4).unwrap_or(0),
                months: u32::try_from(n[1] % 15).unwrap_or(0),
            }),
        },
        _ => Change::AddGallery,
    })
}

fn start(which: u8) -> Plan {
    match which % 5 {
        0 => crate::sample::plan(),
        1 => generated(PlanSize::S, 3),
        2 => {
            // Two definitions of one name and identifier: an edit of either changes the gallery-wide checks.
            let mut p = generated(PlanSize::S, 11);
            if let Some(g) = p.galleries.first_mut()
                && let [first, second, ..] = g.images.as_mut_slice()
            {
                let second = std::sync::Arc::make_mut(second);
                second.name.clone_from(&first.name);
                second.identifier = first.identifier.clone();
            }
            p
        }
        3 => generated(PlanSize::S, 17),
        _ => generated(PlanSize::M, 5),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn kept_results_are_the_full_ones_after_every_edit(
        which in 0u8..5,
        edits in proptest::collection::vec((any::<u8>(), any::<[usize; 3]>(), any::<bool>()), 1..14),
    ) {
        let mut plan = start(which);
        let mut kept = Results::full(&plan, &plan_book(&plan), today());
        assert_same(&kept, &plan, "the start")?;
        for (i, (op, n, undo)) in edits.into_iter().enumerate() {
            let Some(c) = change(&plan, op, n) else { continue };
            let step = format!("edit {i}: {c:?}");
            let Ok(done) = apply(&mut plan, c, today()) else { continue };
            kept.update(&plan, &plan_book(&plan), today(), &done.changed);
            assert_same(&kept, &plan, &step)?;
            if undo {
                let back = apply(&mut plan, done.undo, today());
                prop_assert!(back.is_ok(), "undo refused after {}", step);
                if let Ok(back) = back {
                    kept.update(&plan, &plan_book(&plan), today(), &back.changed);
                    assert_same(&kept, &plan, &format!("undo of {step}"))?;
                }
            }
        }
    }
}

/// An edit of one version that leaves a value only Azure knows (a source whose data disks the document does not
/// list) turns an issue into a "cannot check" info: the kept report must follow (the edited definition's
/// unknowns are looked at, the rest of the plan had none).
#[test]
fn a_version_edit_that_makes_a_value_unknown_is_followed() {
    let mut json = crate::model::to_json_value(&generated(PlanSize::S, 3));
    for g in json["galleries"].as_array_mut().unwrap() {
        for d in g["images"].as_array_mut().unwrap() {
            for v in d["versions"].as_array_mut().unwrap() {
                if let Some(sp) = v.get_mut("storageProfile").and_then(|s| s.as_object_mut()) {
                    sp.remove("source");
                    sp.insert("dataDiskImages".into(), serde_json::json!([]));
                }
            }
        }
    }
    // A data disk's encryption in a target region, for a LUN the version does not have (VER-19, Azure's V28).
    json["galleries"][0]["images"][0]["versions"][0]["publishingProfile"]["targetRegions"][0]["encryption"] =
        serde_json::json!({ "dataDiskImages": [{ "lun": 3 }] });
    let mut plan: Plan = crate::model::from_json_value(&json).unwrap();
    let mut kept = Results::full(&plan, &plan_book(&plan), today());
    assert!(kept.exact_report, "the plan starts without unknowns");
    assert!(kept.report().issues.iter().any(|i| i.code == "VER-19"));
    let source = "/subscriptions/0/resourceGroups/rg/providers/Microsoft.Compute/images/base".to_owned();
    let done =
        apply(&mut plan, Change::SetField { at: At::Version(0, 0, 0), field: Field::SourceId, text: source }, today())
            .unwrap();
    kept.update(&plan, &plan_book(&plan), today(), &done.changed);
    assert_same(&kept, &plan, "the source id").unwrap();
    assert!(!kept.report().issues.iter().any(|i| i.code == "VER-19"));
    assert!(kept.report().issues.iter().any(|i| i.code == "UNK-01"));
}

/// Over Azure's 10,000 versions per region, moving one version to another region ends the quota error: the
/// plan-wide checks are kept while what they read of the edited definition is unchanged, and redone when not.
#[test]
fn moving_a_version_out_of_a_full_region_ends_its_quota_error() {
    let versions: Vec<serde_json::Value> =
        (0..10_001).map(|i| serde_json::json!({ "name": format!("1.{}.{}", i / 1000, i % 1000) })).collect();
    let json = serde_json::json!({ "galleries": [{ "name": "g", "location": "eastus",
        "images": [{ "name": "d", "osType": "Linux", "versions": versions }] }] });
    let mut plan: Plan = crate::model::from_json_value(&json).unwrap();
    let quota = |r: &Results| r.report().issues.iter().filter(|i| i.code == "VER-31").count();
    let mut kept = Results::full(&plan, &plan_book(&plan), today());
    assert_eq!(quota(&kept), 1);
    let edits = [(Field::ReplicaCount, "2"), (Field::Location, "westus2")];
    for (vi, (field, text)) in edits.into_iter().enumerate() {
        let change = Change::SetField { at: At::Version(0, 0, vi), field, text: text.to_owned() };
        let done = apply(&mut plan, change, today()).unwrap();
        kept.update(&plan, &plan_book(&plan), today(), &done.changed);
    }
    assert_eq!(quota(&kept), 0);
    assert!(kept.report() == &validate(&plan, today()));
}
