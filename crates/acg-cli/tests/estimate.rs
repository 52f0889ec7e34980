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
