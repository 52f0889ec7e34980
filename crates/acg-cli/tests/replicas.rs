//! `acg replicas`: what-if mode and a plan.

mod common;

use common::*;

#[test]
fn what_if_json_contract() {
    let (code, out, _) = acg(&["replicas", "--vms", "1000", "--margin", "0", "--format", "json"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["recommended"], 50);
    assert_eq!(v["policy"], "bestPractices");
    assert_eq!(v["terms"], serde_json::json!(["ceil(1000 VMs / 20) = 50", "= 50 replicas"]));
    assert_eq!(v["warnings"], serde_json::json!([]));
}

#[test]
fn what_if_text_with_scale_sets_under_2019_guidance() {
    let (code, out, _) =
        acg(&["replicas", "--scale-sets", "5", "--instances", "600", "--policy", "2019", "--margin", "0"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("  2019 guidance (1 per 20 VMs, 1 per 600-instance scale set): 5 replica(s)\n    ceil(0 VMs / 20) = 0\n    + 5 for 5 concurrent scale set(s) (one per 600 instances of each)\n    = 5 replicas\n    source: Shared Image Gallery overview (2019), Scaling"), "{out}");
}

#[test]
fn a_plan_gets_one_recommendation_per_demand_region() {
    let (code, out, _) = acg(&["replicas", SAMPLE, "--margin", "0", "--format", "json"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let got: Vec<(String, String, i64)> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["definition"].as_str().unwrap().to_owned(),
                r["region"].as_str().unwrap().to_owned(),
                r["recommendation"]["recommended"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("ubuntu-22.04-lts".to_owned(), "eastus".to_owned(), 8),
            ("ubuntu-22.04-lts".to_owned(), "West Europe".to_owned(), 3),
            ("windows-2022-datacenter".to_owned(), "westus2".to_owned(), 3),
        ]
    );
}

#[test]
fn plan_recommendations_show_their_monthly_cost() {
    let (code, out, _) = acg(&["replicas", SAMPLE, "--margin", "0"]);
    assert_eq!(code, 0);
    assert!(
        out.contains(
            "contoso_prod/ubuntu-22.04-lts 1.0.12 (latest there) in eastus (has 8):\n  Best practices (1 per 20 VMs): 8 replica(s)\n"
        ),
        "{out}"
    );
    assert!(out.contains("    cost: 8 replicas x 10 GB x $0.05 (Standard_ZRS) = $4.00 / month\n"), "{out}");
}

#[test]
fn a_bad_policy_is_exit_1() {
    let (code, _, err) = acg(&["replicas", "--vms", "10", "--policy", "lots"]);
    assert_eq!(code, 1);
    assert_eq!(err, "acg: --policy 'lots' is not one of bestPractices, scaling, 2019\n");
}

/// The sample with a heavy load in East US, where 1.0.12 is excluded by its regional flag (2.0.0 is excluded
/// globally), and a demand in Japan East, where no version is replicated.
fn excluded_plan() -> String {
    let mut v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(SAMPLE).unwrap()).unwrap();
    let d = &mut v["galleries"][0]["images"][0];
    d["demand"] = serde_json::json!([
        {"region": "eastus", "concurrentVms": 1200},
        {"region": "West Europe", "concurrentVms": 60},
        {"region": "japaneast", "concurrentVms": 20}
    ]);
    d["versions"][1]["publishingProfile"]["targetRegions"][0]["excludeFromLatest"] = serde_json::json!(true);
    v.to_string()
}

fn key(region: &str) -> String {
    region.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_lowercase()
}

#[test]
fn replicas_and_latest_agree_on_the_version_for_every_pair() {
    for plan in [std::fs::read_to_string(SAMPLE).unwrap(), excluded_plan()] {
        let (code, out, err) = acg_with_input(&["replicas", "-", "--format", "json"], Some(&plan));
        assert_eq!((code, err.as_str()), (0, ""));
        let recs: serde_json::Value = serde_json::from_str(&out).unwrap();
        let (code, out, _) = acg_with_input(&["latest", "-", "--format", "json"], Some(&plan));
        assert_eq!(code, 0);
        let latest: serde_json::Value = serde_json::from_str(&out).unwrap();
        let recs = recs.as_array().unwrap();
        assert!(!recs.is_empty());
        for r in recs {
            let cell = latest
                .as_array()
                .unwrap()
                .iter()
                .find(|c| {
                    c["gallery"] == r["gallery"]
                        && c["definition"] == r["definition"]
                        && c["region"].as_str() == Some(key(r["region"].as_str().unwrap()).as_str())
                })
                .unwrap_or_else(|| panic!("no latest cell for {r}"));
            assert_eq!(r["version"], cell["latest"], "{r}");
            assert_eq!(r["azureMessage"], cell["azureMessage"], "{r}");
            if let Some(n) = r["recommendation"]["recommended"].as_i64() {
                assert!(n <= 50, "{r}");
            }
        }
    }
}

#[test]
fn above_fifty_the_need_and_the_split_are_shown_and_no_version_says_so() {
    let (code, out, _) = acg_with_input(&["replicas", "-", "--format", "json"], Some(&excluded_plan()));
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let eastus = &v[0];
    assert_eq!(eastus["version"], "1.0.9");
    assert_eq!(eastus["at"], "galleries[0].images[0].versions[0]");
    assert_eq!(eastus["recommendation"]["recommended"], 50);
    assert_eq!(eastus["recommendation"]["uncapped"], 60);
    assert_eq!(eastus["recommendation"]["split"]["parts"], 2);
    let japan = &v[2];
    assert_eq!(japan["version"], serde_json::Value::Null);
    assert_eq!(japan["recommendation"], serde_json::Value::Null);
    assert_eq!(japan["azureMessage"], "L3");
    let (_, text, _) = acg_with_input(&["replicas", "-"], Some(&excluded_plan()));
    assert!(text.contains("contoso_prod/ubuntu-22.04-lts 1.0.9 (latest there) in eastus (has 3):\n  Best practices (1 per 20 VMs): 50 replica(s)\n"), "{text}");
    assert!(text.contains("    warning: The load calls for 60 replicas in one region, above the maximum of 50 per region: split it in 2 parts of at most 50 replicas, by deploying part of it from another region nearby, or from a second gallery or image definition.\n"), "{text}");
    assert!(text.contains("contoso_prod/ubuntu-22.04-lts in japaneast: no version serves the demand (L3): The gallery image /subscriptions/8f2c3e4a-1b5d-4c6e-9f70-2a1b3c4d5e6f/resourceGroups/rg-image-factory/providers/Microsoft.Compute/galleries/contoso_prod/images/ubuntu-22.04-lts is not available in japaneast region."), "{text}");
}
