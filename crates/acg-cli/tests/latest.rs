//! `acg latest` on the sample plan.

mod common;

use common::*;

#[test]
fn one_resolution_as_json() {
    let (code, out, _) = acg(&[
        "latest",
        SAMPLE,
        "--region",
        "West Europe",
        "--definition",
        "contoso_prod/ubuntu-22.04-lts",
        "--format",
        "json",
        "--today",
        "2026-11-22",
    ]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["definition"], "ubuntu-22.04-lts");
    assert_eq!(v["region"], "West Europe");
    assert_eq!(v["latest"], "2.0.0");
    assert_eq!(v["message"], serde_json::Value::Null);
    let versions: Vec<(String, bool)> = v["versions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| (x["name"].as_str().unwrap().to_owned(), x["candidate"].as_bool().unwrap()))
        .collect();
    assert_eq!(versions, [("1.0.9".to_owned(), true), ("1.0.12".to_owned(), true), ("2.0.0".to_owned(), true)]);
    assert_eq!(v["versions"][0]["reason"], "lower than 2.0.0");
}

#[test]
fn a_region_without_latest_gives_azures_message() {
    let (_, out, _) =
        acg(&["latest", SAMPLE, "--region", "southeastasia", "--definition", "ubuntu-22.04-lts", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["latest"], serde_json::Value::Null);
    assert_eq!(
        v["message"],
        "The gallery image /subscriptions/8f2c3e4a-1b5d-4c6e-9f70-2a1b3c4d5e6f/resourceGroups/rg-image-factory/providers/Microsoft.Compute/galleries/contoso_prod/images/ubuntu-22.04-lts is not available in southeastasia region. Please contact image owner to replicate to this region, or change your requested region"
    );
}

#[test]
fn the_matrix_as_text() {
    let (code, out, _) = acg(&["latest", SAMPLE, "--definition", "ubuntu-22.04-lts"]);
    assert_eq!(code, 0);
    assert_eq!(
        out,
        "contoso_prod/ubuntu-22.04-lts  eastus               1.0.12\ncontoso_prod/ubuntu-22.04-lts  southeastasia        none (L3)\ncontoso_prod/ubuntu-22.04-lts  westeurope           2.0.0\n"
    );
    let (code, out, _) = acg(&["latest", SAMPLE, "--format", "json"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 7, "3 regions of ubuntu, 2 of windows, 2 of the test image");
}

#[test]
fn an_unknown_definition_is_an_error() {
    let (code, _, _) = acg(&["latest", SAMPLE, "--definition", "nope"]);
    assert_eq!(code, 1);
}
