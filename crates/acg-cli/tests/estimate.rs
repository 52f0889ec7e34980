//! `acg estimate`: the docs' example as a what-if, a plan, CSV, imported prices.

mod common;

use common::*;

#[test]
fn the_docs_example_as_a_what_if() {
    let (code, out, _) = acg(&[
        "estimate",
        "--occupied-gb",
        "10",
        "--source",
        "eastus",
        "--regions",
        "eastus=2=standard_lrs eastus2=2=standard_lrs centralus=2=standard_lrs",
        "--format",
        "json",
    ]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["currency"], "USD");
    assert_eq!(v["storageGbMonths"], 60.0);
    assert_eq!(v["storageMonthly"], "3.00");
    assert_eq!(v["egressGb"], 20.0);
    assert_eq!(v["egressOneTime"], "0.40");
    assert_eq!(v["estimated"], false);
    assert_eq!(v["lines"].as_array().unwrap().len(), 5);
    assert_eq!(v["lines"][0]["amount"], "1.00");
}

#[test]
fn text_and_csv_of_the_sample_plan() {
    let (code, out, _) = acg(&["estimate", SAMPLE]);
    assert_eq!(code, 0);
    assert!(out.contains("storage: "), "{out}");
    assert!(
        out.lines().any(|l| l.split_whitespace().take(2).eq(["storage", "contoso_prod/ubuntu-22.04-lts/1.0.12"])),
        "{out}"
    );
    let (code, csv, _) = acg(&["estimate", SAMPLE, "--format", "csv"]);
    assert_eq!(code, 0);
    assert!(csv.starts_with("version,region,category,quantity,unit,unitPrice,currency,amount,estimated,formula\n"));
}

#[test]
fn imported_prices_are_used_and_reported() {
    let (code, out, err) = acg(&[
        "estimate",
        "--prices",
        RETAIL,
        "--occupied-gb",
        "10",
        "--source",
        "eastus2",
        "--regions",
        "eastus2=1=premium_lrs",
        "--format",
        "json",
    ]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(err, "acg: prices from ".to_owned() + RETAIL + ": 8 taken, 0 kinds ignored\n");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["storageMonthly"], "1.20");
}

#[test]
fn bad_what_if_input_names_the_flag() {
    let (code, _, err) = acg(&["estimate", "--occupied-gb", "10", "--source", "eastus", "--regions", "eastus=x"]);
    assert_eq!(code, 1);
    assert_eq!(
        err,
        "acg: --regions: target region 1 'eastus=x': storage account type 'x' is not one of Standard_LRS, Standard_ZRS, Premium_LRS, PremiumV2_LRS\n"
    );
    let (code, _, err) = acg(&["estimate", "--occupied-gb=-3", "--source", "eastus", "--regions", "eastus"]);
    assert_eq!(code, 1);
    assert_eq!(err, "acg: --occupied-gb: occupied size -3 GB must be a number of 0 or more\n");
    let (code, _, _) = acg(&["estimate"]);
    assert_eq!(code, 1);
}

/// The sample with an override the plan carries: East US Standard HDD ZRS at $0.07.
fn overridden_plan() -> String {
    let mut v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(SAMPLE).unwrap()).unwrap();
    v["prices"] = serde_json::json!({"snapshots": [{"key": "eastus|Standard HDD|ZRS", "amount": "0.07", "asOf": "override", "source": "your override"}]});
    v.to_string()
}

#[test]
fn the_plans_prices_give_the_same_totals_in_the_estimate_and_the_csv_export() {
    let plan = overridden_plan();
    let (code, out, _) = acg_with_input(&["estimate", "-", "--format", "json"], Some(&plan));
    assert_eq!(code, 0);
    let estimate: serde_json::Value = serde_json::from_str(&out).unwrap();
    let (_, sample, _) = acg(&["estimate", SAMPLE, "--format", "json"]);
    let sample: serde_json::Value = serde_json::from_str(&sample).unwrap();
    assert_ne!(estimate["storageMonthly"], sample["storageMonthly"], "the override is used");
    let (code, csv, _) = acg_with_input(&["export", "-", "--to", "csv"], Some(&plan));
    assert_eq!(code, 0);
    let (_, estimate_csv, _) = acg_with_input(&["estimate", "-", "--format", "csv"], Some(&plan));
    assert_eq!(csv, estimate_csv);
    let total: f64 = csv.lines().skip(1).filter_map(|l| l.split(',').nth(7)).map(|a| a.parse::<f64>().unwrap()).sum();
    let storage: f64 = estimate["storageMonthly"]
        .as_str()
        .map_or_else(|| estimate["storageMonthly"].as_f64().unwrap(), |s| s.parse().unwrap());
    let egress: f64 = estimate["egressOneTime"]
        .as_str()
        .map_or_else(|| estimate["egressOneTime"].as_f64().unwrap(), |s| s.parse().unwrap());
    assert!((total - storage - egress).abs() < 1e-9, "{total} vs {storage} + {egress}");
    // --prices layers over the plan's prices: the override stays where the file has no such price.
    let (code, out, _) = acg_with_input(&["estimate", "-", "--prices", RETAIL, "--format", "csv"], Some(&plan));
    assert_eq!(code, 0);
    assert!(out.lines().any(|l| l.contains(",eastus,") && l.contains(",0.07,USD,")), "{out}");
}
