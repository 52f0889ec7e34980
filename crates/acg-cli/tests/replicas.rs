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
            "contoso_prod/ubuntu-22.04-lts 2.0.0 in eastus (has 3):\n  Best practices (1 per 20 VMs): 8 replica(s)\n"
        ),
        "{out}"
    );
    assert!(out.contains("    cost: 8 replicas x 11 GB x $0.05 (Standard_ZRS) = $4.40 / month\n"), "{out}");
}

#[test]
fn a_bad_policy_is_exit_1() {
    let (code, _, err) = acg(&["replicas", "--vms", "10", "--policy", "lots"]);
    assert_eq!(code, 1);
    assert_eq!(err, "acg: --policy 'lots' is not one of best-practices, scaling, 2019\n");
}
