//! `acg explain`: the guide's entry for a pasted error, as text and JSON; exit status 0 whether or not it
//! matches, 2 for nothing to explain.

mod common;

use common::{SAMPLE, acg, acg_with_input};

const V1: &str = r#"{"error":{"code":"InvalidParameter","message":"Gallery image version publishing profile regions 'westeurope' must contain the location of image version 'eastus'.","target":"properties.publishingProfile"}}"#;

#[test]
fn json_gives_the_entry_values_rules_and_the_plan_s_resources() {
    let (code, out, err) = acg(&["explain", V1, "--format", "json", "--plan", SAMPLE, "--today", "2026-11-30"]);
    assert_eq!((code, err.as_str()), (0, ""));
    let v: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(v["errors"][0]["code"], "InvalidParameter");
    assert_eq!(v["errors"][0]["target"], "properties.publishingProfile");
    let m = &v["matches"][0];
    assert_eq!(m["azureMessage"], "V1");
    assert_eq!(m["error"], 0);
    assert_eq!(m["values"], serde_json::json!({"publishingRegions": "westeurope", "sourceRegion": "eastus"}));
    assert_eq!(m["rules"], serde_json::json!(["VER-06"]));
    assert_eq!(
        m["guideUrl"],
        "https://learn.microsoft.com/en-us/azure/virtual-machines/troubleshooting-shared-images#creating-or-updating-image-versions"
    );
    assert!(m["score"].as_f64().unwrap() > 0.9);
    // The sample plan has every source region among its targets: no resource is flagged, none is named.
    assert_eq!(m["resources"], serde_json::json!([]));
}

#[test]
fn text_reads_from_standard_input() {
    let (code, out, _) = acg_with_input(
        &["explain"],
        Some(
            "ERROR: (InvalidParameter) Duplicate regions are not allowed in target publishing regions\nCode: InvalidParameter\nMessage: Duplicate regions are not allowed in target publishing regions\n",
        ),
    );
    assert_eq!(code, 0);
    assert_eq!(
        out,
        "InvalidParameter: Duplicate regions are not allowed in target publishing regions\n  Guide entry V31 (100% match), Creating or updating image versions\n    Azure says: Duplicate regions are not allowed in target publishing regions\n    Cause: A region is listed among the publishing regions more than once\n    Fix: Remove the duplicate region\n    Checked in advance by: VER-07\n    Guide: https://learn.microsoft.com/en-us/azure/virtual-machines/troubleshooting-shared-images#creating-or-updating-image-versions\n\n"
    );
}

#[test]
fn an_error_the_guide_lacks_is_shown_and_exits_zero() {
    let (code, out, _) = acg(&["explain", "-", "--format", "json"]);
    // Standard input is empty here: nothing to explain.
    assert_eq!(code, 2, "{out}");
    let (code, out, _) =
        acg(&["explain", "ResourceGroupNotFound: Resource group 'rg' could not be found.", "--format", "json"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["matches"], serde_json::json!([]));
    assert_eq!(v["errors"][0]["matched"], false);
    let (_, text, _) = acg(&["explain", "Resource group 'rg' could not be found."]);
    assert_eq!(
        text,
        "Resource group 'rg' could not be found.\n  No entry of the troubleshooting guide matches this error.\n\n"
    );
}

#[test]
fn nothing_to_explain_is_exit_status_2() {
    let (code, _, err) = acg(&["explain", "   "]);
    assert_eq!(
        (code, err.as_str()),
        (2, "acg: nothing to explain: paste the error message Azure, az, PowerShell or Terraform printed\n")
    );
}
