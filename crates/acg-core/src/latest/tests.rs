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
    let r = resolve(&p, "eastus");
    assert_eq!(r.latest.as_deref(), Some("10.0.0"));
    assert_eq!(statuses(&r), [("10.0.0", Status::Chosen), ("9.9.9", Status::Lower)]);
    assert_eq!(
        r.contrasts.iter().map(|c| (c.mistake.as_str(), c.picks.as_deref())).collect::<Vec<_>>(),
        [("textSort", Some("9.9.9"))]
    );
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
fn numerically_equal_names_first_listed_wins() {
    let p = plan(json!([
        v("1.0.0", json!([{"name": "eastus"}])),
        v("1.00.0", json!([{"name": "eastus"}])),
        v("0.9.0", json!([{"name": "eastus"}]))
    ]));
    let r = resolve(&p, "eastus");
    assert_eq!(r.latest.as_deref(), Some("1.0.0"));
    assert_eq!(statuses(&r), [("1.0.0", Status::Chosen), ("1.00.0", Status::SameNumber), ("0.9.0", Status::Lower)]);
    assert!(r.versions[1].candidate);
    assert_eq!(
        r.versions[1].reason,
        "the same version number as 1.0.0 (written differently); the first one listed is used"
    );
    // Text sorting puts 1.00.0 above 1.0.0, but that is the same number: no contrast.
    assert_eq!(r.contrasts, []);
    let cell = latest_matrix(&p).into_iter().next().map(|c| c.latest);
    assert_eq!(cell, Some(Some("1.0.0".to_owned())), "the matrix agrees with the explanation");
}

#[test]
fn text_sort_contrast_in_words() {
    let p = plan(json!([v("1.0.9", json!([{"name": "eastus"}])), v("1.0.12", json!([{"name": "eastus"}]))]));
    assert_eq!(
        resolve(&p, "eastus").contrasts,
        [Contrast {
            mistake: "textSort".into(),
            picks: Some("1.0.9".into()),
            explanation: "Sorting version names as text would pick 1.0.9; Azure compares Major, Minor and Patch as numbers and picks 1.0.12.".into()
        }]
    );
}

#[test]
fn region_blind_contrast_when_nothing_resolves_here() {
    let p = plan(json!([v("1.0.0", json!([{"name": "eastus"}]))]));
    let r = resolve(&p, "westeurope");
    assert_eq!(
        r.contrasts.iter().map(|c| (c.mistake.as_str(), c.picks.as_deref())).collect::<Vec<_>>(),
        [("regionBlind", Some("1.0.0"))]
    );
    assert_eq!(
        r.contrasts[0].explanation,
        "A lookup that ignores regions and regional flags (like Terraform's azurerm_shared_image_version data source with name = \"latest\") would pick 1.0.0; in this region Azure picks nothing."
    );
}

#[test]
fn placeholders_when_the_plan_has_no_subscription_or_group() {
    let mut p = plan(json!([]));
    p.subscription_id = None;
    p.resource_group = Some(String::new());
    let r = resolve(&p, "eastus");
    assert_eq!((r.latest, r.azure_message.as_deref()), (None, Some("L1")));
    assert_eq!(
        r.message.as_deref(),
        Some(
            "There is no latest image version exists for \"/subscriptions/<subscriptionID>/resourceGroups/<resourceGroup>/providers/Microsoft.Compute/galleries/gal/images/img\""
        )
    );
    assert_eq!(resolve_latest(&p, 0, 1, &RegionName::new("eastus"), today()), None, "no such definition");
}

#[test]
fn every_reason_in_words() {
    let mut global = v("1.1.0", json!([{"name": "eastus"}]));
    global["publishingProfile"]["excludeFromLatest"] = json!(true);
    let mut failed = v("1.2.0", json!([{"name": "eastus"}]));
    failed["replicationStatus"] = json!({"summary": [{"region": "eastus", "state": "Failed"}]});
    let mut reincluded = v("1.0.1", json!([{"name": "eastus", "excludeFromLatest": false}]));
    reincluded["publishingProfile"]["excludeFromLatest"] = json!(true);
    reincluded["publishingProfile"]["endOfLifeDate"] = json!("2026-11-22");
    let p = plan(json!([
        v("1.0.0", json!([{"name": "eastus"}])),
        reincluded,
        global,
        failed,
        v("1.3.0", json!([{"name": "eastus", "excludeFromLatest": true}])),
        v("1.4.0", json!([{"name": "westus"}])),
        v("1.5", json!([{"name": "eastus"}]))
    ]));
    let r = resolve(&p, "eastus");
    let reasons: Vec<(&str, bool, &str)> =
        r.versions.iter().map(|v| (v.name.as_str(), v.candidate, v.reason.as_str())).collect();
    assert_eq!(
        reasons,
        [
            ("1.0.0", true, "lower than 1.0.1"),
            (
                "1.0.1",
                true,
                "the highest candidate (by Major, Minor, Patch as numbers) (re-included here: the regional excludeFromLatest=false overrides the global true); past its end-of-life date, which does not exclude it"
            ),
            ("1.1.0", false, "excluded from latest by its global flag (no regional flag re-includes it here)"),
            ("1.2.0", false, "replication failed in East US: not deployable there yet"),
            ("1.3.0", false, "excluded from latest in East US by its regional flag"),
            ("1.4.0", false, "not replicated to East US"),
            ("1.5", false, "'1.5' is not a Major.Minor.Patch name, so it cannot be ordered"),
        ]
    );
    assert_eq!(
        r.note.as_deref(),
        Some(
            "1.0.1 is past its end-of-life date; end-of-life dates are informational, and VMs can still be created from it."
        )
    );
    // The JSON names are the stable contract.
    let json = serde_json::to_value(&r.versions[1]).unwrap();
    assert_eq!(
        json,
        json!({"name": "1.0.1", "candidate": true, "status": "chosen", "reason": r.versions[1].reason, "reincluded": true, "pastEndOfLife": true})
    );
}

#[test]
fn matrix_covers_targets_and_demand_regions() {
    let mut p = plan(json!([
        v("1.0.0", json!([{"name": "eastus"}, {"name": "westus2", "excludeFromLatest": true}])),
        v("1.0.1", json!([{"name": "eastus"}]))
    ]));
    p.galleries[0]
        .definition_mut(0)
        .unwrap()
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
    assert!(json["setRegionalExclude"].is_object(), "{json}");
    assert_eq!(serde_json::from_value::<Edit>(json).unwrap(), edit);
}

#[test]
fn what_if_every_edit_kind() {
    let mut excluded = v("2.0.0", json!([{"name": "eastus"}, {"name": "westus2"}]));
    excluded["publishingProfile"]["excludeFromLatest"] = json!(true);
    let p = plan(json!([v("1.0.0", json!([{"name": "eastus"}, {"name": "westus2"}])), excluded]));
    let change = |region: &str, before: Option<&str>, after: Option<&str>| CellChange {
        gallery: "gal".into(),
        definition: "img".into(),
        region: region.into(),
        before: before.map(Into::into),
        after: after.map(Into::into),
    };
    let new_version: ImageVersion =
        serde_json::from_value(v("3.0.0", json!([{"name": "West Europe"}, {"name": "eastus"}]))).unwrap();
    let edits = [
        serde_json::from_value::<Edit>(json!({"publishVersion": {"gallery": "gal", "definition": "img", "version": new_version}})).unwrap(),
        serde_json::from_value(json!({"setGlobalExclude": {"gallery": "gal", "definition": "img", "version": "2.0.0", "exclude": null}})).unwrap(),
        serde_json::from_value(json!({"setRegionalExclude": {"gallery": "gal", "definition": "img", "version": "2.0.0", "region": "westus2", "exclude": false}})).unwrap(),
        serde_json::from_value(json!({"setRegionalExclude": {"gallery": "gal", "definition": "img", "version": "1.0.0", "region": "eastus", "exclude": true}})).unwrap(),
        serde_json::from_value(json!({"removeRegion": {"gallery": "gal", "definition": "img", "version": "1.0.0", "region": "West US 2"}})).unwrap(),
    ];
    let expected = [
        vec![change("eastus", Some("1.0.0"), Some("3.0.0")), change("westeurope", None, Some("3.0.0"))],
        vec![change("eastus", Some("1.0.0"), Some("2.0.0")), change("westus2", Some("1.0.0"), Some("2.0.0"))],
        vec![change("westus2", Some("1.0.0"), Some("2.0.0"))],
        vec![change("eastus", Some("1.0.0"), None)],
        vec![change("westus2", Some("1.0.0"), None)],
    ];
    for (edit, want) in edits.iter().zip(expected) {
        assert_eq!(what_if(&p, edit).unwrap(), want, "{edit:?}");
    }
    let errors = [
        (
            json!({"publishVersion": {"gallery": "gal", "definition": "img", "version": {"name": "1.0.0"}}}),
            "version 1.0.0 already exists in img",
        ),
        (
            json!({"removeRegion": {"gallery": "gal", "definition": "img", "version": "1.0.0", "region": "japaneast"}}),
            "version 1.0.0 is not replicated to japaneast",
        ),
        (
            json!({"setGlobalExclude": {"gallery": "other", "definition": "img", "version": "1.0.0", "exclude": true}}),
            "image definition other/img not found",
        ),
    ];
    for (edit, message) in errors {
        assert_eq!(what_if(&p, &serde_json::from_value(edit).unwrap()).unwrap_err(), message);
    }
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
            prop_oneof![
                8 => (0u32..4, 0u32..12, 0u32..12).prop_map(|(a, b, c)| format!("{a}.{b}.{c}")),
                1 => (0u32..4, 0u32..12).prop_map(|(a, b)| format!("{a}.0{b}.0")),
                1 => Just("latest".to_owned()),
            ],
            proptest::collection::vec(
                (prop_oneof![Just("eastus"), Just("westus2"), Just("East US")], proptest::option::of(any::<bool>())),
                0..3,
            ),
            proptest::option::of(any::<bool>()),
            proptest::collection::vec(
                (
                    prop_oneof![Just("eastus"), Just("West US 2")],
                    prop_oneof![
                        Just(ReplicationState::Replicating),
                        Just(ReplicationState::Completed),
                        Just(ReplicationState::Failed)
                    ],
                ),
                0..2,
            ),
        )
            .prop_map(|(name, targets, global, states)| ImageVersion {
                name,
                replication_status: (!states.is_empty()).then(|| crate::model::ReplicationStatus {
                    summary: states
                        .into_iter()
                        .map(|(region, state)| crate::model::RegionalReplicationStatus {
                            region: RegionName::new(region),
                            state: Some(state),
                            ..Default::default()
                        })
                        .collect(),
                    ..Default::default()
                }),
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
            let p = Plan { galleries: vec![Gallery { name: "g".into(), images: vec![std::sync::Arc::new(ImageDefinition { name: "d".into(), versions: versions.into_iter().map(std::sync::Arc::new).collect(), ..Default::default() })], ..Default::default() }], ..Default::default() };
            for region in ["eastus", "westus2"] {
                let r = resolve_latest(&p, 0, 0, &RegionName::new(region), today()).unwrap();
                let key = |n: &str| n.parse::<ImageVersionName>().unwrap().key();
                if let Some(chosen) = &r.latest {
                    let verdict = r.versions.iter().find(|v| v.status == Status::Chosen).unwrap();
                    prop_assert!(verdict.candidate);
                    prop_assert_eq!(&verdict.name, chosen);
                    for v in r.versions.iter().filter(|v| v.candidate) {
                        prop_assert!(key(&v.name) <= key(chosen));
                        prop_assert_eq!(v.status == Status::SameNumber, v.status != Status::Chosen && key(&v.name) == key(chosen));
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
