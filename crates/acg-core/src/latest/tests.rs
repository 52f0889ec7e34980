//! Hand-built plans, one per reason.
#![allow(clippy::needless_pass_by_value, reason = "test builders take json! values by value")]

use chrono::NaiveDate;
use serde_json::json;

use super::*;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
}

fn plan(versions: serde_json::Value) -> Plan {
    serde_json::from_value(json!({
        "subscriptionId": "sub", "resourceGroup": "rg",
        "galleries": [ { "name": "gal", "location": "eastus", "images": [ { "name": "img", "versions": versions } ] } ]
    }))
    .unwrap()
}

fn v(name: &str, regions: serde_json::Value) -> serde_json::Value {
    json!({ "name": name, "publishingProfile": { "targetRegions": regions } })
}

fn resolve(p: &Plan, region: &str) -> Resolution {
    resolve_latest(p, 0, 0, &RegionName::new(region), today()).unwrap()
}

fn statuses(r: &Resolution) -> Vec<(&str, Status)> {
    r.versions.iter().map(|v| (v.name.as_str(), v.status)).collect()
}

#[test]
fn numbers_not_text_1_0_9_vs_1_0_12() {
    let p = plan(json!([v("1.0.9", json!([{"name": "eastus"}])), v("1.0.12", json!([{"name": "eastus"}]))]));
    let r = resolve(&p, "eastus");
    assert_eq!(r.latest.as_deref(), Some("1.0.12"));
    assert_eq!(statuses(&r), [("1.0.9", Status::Lower), ("1.0.12", Status::Chosen)]);
    assert_eq!(r.versions[0].reason, "lower than 1.0.12");
    assert_eq!(r.contrasts.len(), 1);
    assert_eq!(r.contrasts[0].mistake, "textSort");
    assert_eq!(r.contrasts[0].picks.as_deref(), Some("1.0.9"));
}

#[test]
fn numbers_not_text_10_0_0_vs_9_9_9() {
    let p = plan(json!([v("10.0.0", json!([{"name": "eastus"}])), v("9.9.9", json!([{"name": "eastus"}]))]));
    assert_eq!(resolve(&p, "eastus").latest.as_deref(), Some("10.0.0"));
}

#[test]
fn global_exclude_with_regional_reinclude() {
    let mut excluded = v("2.0.0", json!([{"name": "eastus"}, {"name": "westus", "excludeFromLatest": false}]));
    excluded["publishingProfile"]["excludeFromLatest"] = json!(true);
    let p = plan(json!([
        v("1.0.9", json!([{"name": "eastus"}, {"name": "westus"}])),
        v("1.0.12", json!([{"name": "eastus"}, {"name": "westus"}])),
        excluded
    ]));
    let west = resolve(&p, "West US");
    assert_eq!(west.latest.as_deref(), Some("2.0.0"));
    assert!(west.versions[2].reincluded);
    assert_eq!(
        west.versions[2].reason,
        "the highest candidate (by Major, Minor, Patch as numbers) (re-included here: the regional excludeFromLatest=false overrides the global true)"
    );
    let east = resolve(&p, "eastus");
    assert_eq!(east.latest.as_deref(), Some("1.0.12"));
    assert_eq!(east.versions[2].status, Status::ExcludedGlobally);
    assert_eq!(
        east.versions[2].reason,
        "excluded from latest by its global flag (no regional flag re-includes it here)"
    );
    // Terraform's region-blind lookup finds nothing newer than 1.0.12 here, but in westus it misses 2.0.0.
    assert_eq!(
        west.contrasts.iter().map(|c| (c.mistake.as_str(), c.picks.as_deref())).collect::<Vec<_>>(),
        [("regionBlind", Some("1.0.12"))]
    );
    assert_eq!(
        west.contrasts[0].explanation,
        "A lookup that ignores regions and regional flags (like Terraform's azurerm_shared_image_version data source with name = \"latest\") would pick 1.0.12; in this region Azure picks 2.0.0."
    );
}

#[test]
fn regional_exclude_only() {
    let p = plan(json!([
        v("1.0.0", json!([{"name": "eastus"}])),
        v("1.1.0", json!([{"name": "eastus", "excludeFromLatest": true}, {"name": "westus2"}]))
    ]));
    let r = resolve(&p, "eastus");
    assert_eq!(r.latest.as_deref(), Some("1.0.0"));
    assert_eq!(statuses(&r), [("1.0.0", Status::Chosen), ("1.1.0", Status::ExcludedInRegion)]);
    assert_eq!(resolve(&p, "westus2").latest.as_deref(), Some("1.1.0"));
}

#[test]
fn nothing_here_but_elsewhere_is_l3() {
    let p = plan(json!([v("1.0.0", json!([{"name": "eastus"}]))]));
    let r = resolve(&p, "westeurope");
    assert_eq!(r.latest, None);
    assert_eq!(r.azure_message.as_deref(), Some("L3"));
    assert_eq!(
        r.message.as_deref(),
        Some(
            "The gallery image /subscriptions/sub/resourceGroups/rg/providers/Microsoft.Compute/galleries/gal/images/img is not available in westeurope region. Please contact image owner to replicate to this region, or change your requested region"
        )
    );
    assert_eq!(statuses(&r), [("1.0.0", Status::NotReplicated)]);
    assert_eq!(r.versions[0].reason, "not replicated to West Europe");
}

#[test]
fn all_excluded_is_l1() {
    let mut a = v("1.0.0", json!([{"name": "eastus"}]));
    a["publishingProfile"]["excludeFromLatest"] = json!(true);
    let p = plan(json!([a, v("1.0.1", json!([{"name": "eastus", "excludeFromLatest": true}]))]));
    let r = resolve(&p, "eastus");
    assert_eq!(r.latest, None);
    assert_eq!(r.azure_message.as_deref(), Some("L1"));
    assert_eq!(
        r.message.as_deref(),
        Some(
            "There is no latest image version exists for \"/subscriptions/sub/resourceGroups/rg/providers/Microsoft.Compute/galleries/gal/images/img\""
        )
    );
}

#[test]
fn replication_status_and_eol_and_invalid_names() {
    let mut newer = v("1.2.0", json!([{"name": "eastus"}]));
    newer["replicationStatus"] = json!({"summary": [{"region": "East US", "state": "Replicating", "progress": 40}]});
    let mut failed = v("1.3.0", json!([{"name": "eastus"}]));
    failed["replicationStatus"] = json!({"summary": [{"region": "eastus", "state": "Failed"}]});
    let mut old = v("1.0.0", json!([{"name": "eastus"}]));
    old["publishingProfile"]["endOfLifeDate"] = json!("2025-01-01");
    let p = plan(json!([old, newer, failed, v("latest", json!([{"name": "eastus"}]))]));
    let r = resolve(&p, "eastus");
    assert_eq!(r.latest.as_deref(), Some("1.0.0"));
    assert_eq!(
        statuses(&r),
        [
            ("1.0.0", Status::Chosen),
            ("1.2.0", Status::Replicating),
            ("1.3.0", Status::ReplicationFailed),
            ("latest", Status::InvalidName)
        ]
    );
    assert!(r.versions[0].past_end_of_life);
    assert_eq!(
        r.note.as_deref(),
        Some(
            "1.0.0 is past its end-of-life date; end-of-life dates are informational, and VMs can still be created from it."
        )
    );
    assert_eq!(r.versions[1].reason, "still replicating to East US: not deployable there yet");
}

#[test]
fn matrix_covers_targets_and_demand_regions() {
    let mut p = plan(json!([
        v("1.0.0", json!([{"name": "eastus"}, {"name": "westus2", "excludeFromLatest": true}])),
        v("1.0.1", json!([{"name": "eastus"}]))
    ]));
    p.galleries[0].images[0]
        .demand
        .push(crate::model::RegionDemand { region: RegionName::new("West Europe"), ..Default::default() });
    let cells: Vec<(String, Option<String>, Option<String>)> =
        latest_matrix(&p).into_iter().map(|c| (c.region, c.latest, c.azure_message)).collect();
    assert_eq!(
        cells,
        [
            ("eastus".to_owned(), Some("1.0.1".to_owned()), None),
            ("westeurope".to_owned(), None, Some("L3".to_owned())),
            ("westus2".to_owned(), None, Some("L3".to_owned())),
        ]
    );
}

#[test]
fn what_if_reports_changed_cells_only() {
    let p = plan(json!([
        v("1.0.0", json!([{"name": "eastus"}, {"name": "westus2"}])),
        v("1.0.1", json!([{"name": "eastus"}, {"name": "westus2"}]))
    ]));
    let edit = Edit::SetRegionalExclude {
        gallery: "gal".into(),
        definition: "IMG".into(),
        version: "1.0.1".into(),
        region: "West US 2".into(),
        exclude: Some(true),
    };
    assert_eq!(
        what_if(&p, &edit).unwrap(),
        [CellChange {
            gallery: "gal".into(),
            definition: "img".into(),
            region: "westus2".into(),
            before: Some("1.0.1".into()),
            after: Some("1.0.0".into())
        }]
    );
    let remove = Edit::RemoveRegion {
        gallery: "gal".into(),
        definition: "img".into(),
        version: "1.0.0".into(),
        region: "eastus".into(),
    };
    assert_eq!(what_if(&p, &remove).unwrap(), []);
    let missing = Edit::SetGlobalExclude {
        gallery: "gal".into(),
        definition: "img".into(),
        version: "9.9.9".into(),
        exclude: Some(true),
    };
    assert_eq!(what_if(&p, &missing).unwrap_err(), "version 9.9.9 not found in img");
    let json = serde_json::to_value(&edit).unwrap();
    assert_eq!(json["kind"], "setRegionalExclude");
    assert_eq!(serde_json::from_value::<Edit>(json).unwrap(), edit);
}

#[test]
fn sample_plan_resolutions() {
    let p = crate::sample::plan();
    let cells: Vec<(String, String, Option<String>)> =
        latest_matrix(&p).into_iter().map(|c| (c.definition, c.region, c.latest)).collect();
    let get = |d: &str, r: &str| cells.iter().find(|c| c.0 == d && c.1 == r).and_then(|c| c.2.clone());
    assert_eq!(get("ubuntu-22.04-lts", "eastus").as_deref(), Some("1.0.12"));
    assert_eq!(get("ubuntu-22.04-lts", "westeurope").as_deref(), Some("2.0.0"));
    assert_eq!(get("ubuntu-22.04-lts", "southeastasia"), None);
}

mod props {
    use proptest::prelude::*;

    use super::*;

    fn version() -> impl Strategy<Value = ImageVersion> {
        (
            (0u32..4, 0u32..12, 0u32..12),
            proptest::collection::vec(
                (prop_oneof![Just("eastus"), Just("westus2"), Just("East US")], proptest::option::of(any::<bool>())),
                0..3,
            ),
            proptest::option::of(any::<bool>()),
        )
            .prop_map(|((a, b, c), targets, global)| ImageVersion {
                name: format!("{a}.{b}.{c}"),
                publishing_profile: crate::model::PublishingProfile {
                    target_regions: targets
                        .into_iter()
                        .map(|(n, ex)| TargetRegion {
                            name: RegionName::new(n),
                            exclude_from_latest: ex,
                            ..TargetRegion::default()
                        })
                        .collect(),
                    exclude_from_latest: global,
                    ..Default::default()
                },
                ..ImageVersion::default()
            })
    }

    proptest! {
        #[test]
        fn chosen_is_a_candidate_and_none_is_higher(versions in proptest::collection::vec(version(), 0..8)) {
            let p = Plan { galleries: vec![Gallery { name: "g".into(), images: vec![ImageDefinition { name: "d".into(), versions, ..Default::default() }], ..Default::default() }], ..Default::default() };
            for region in ["eastus", "westus2"] {
                let r = resolve_latest(&p, 0, 0, &RegionName::new(region), today()).unwrap();
                let key = |n: &str| n.parse::<ImageVersionName>().unwrap().key();
                if let Some(chosen) = &r.latest {
                    let verdict = r.versions.iter().find(|v| v.status == Status::Chosen).unwrap();
                    prop_assert!(verdict.candidate);
                    prop_assert_eq!(&verdict.name, chosen);
                    for v in r.versions.iter().filter(|v| v.candidate) {
                        prop_assert!(key(&v.name) <= key(chosen));
                    }
                } else {
                    prop_assert!(r.versions.iter().all(|v| !v.candidate));
                }
                // The fast matrix agrees with the explanation.
                let cell = latest_matrix(&p).into_iter().find(|c| c.region == region);
                if let Some(cell) = cell {
                    prop_assert_eq!(cell.latest.map(|n| key(&n)), r.latest.as_deref().map(key));
                }
            }
        }
    }
}
