//! `acg latest`: the JSON contract, the text views and the errors, on a hand-built plan and on the sample.

mod common;

use common::*;
use serde_json::json;

/// 1.0.9 and 1.0.12 in eastus and westus2, where 1.0.12 is excluded by its regional flag.
const PLAN: &str = r#"{"subscriptionId": "sub", "resourceGroup": "rg", "galleries": [{"name": "gal", "location": "eastus", "images": [
 {"name": "img", "versions": [
   {"name": "1.0.9", "publishingProfile": {"targetRegions": [{"name": "eastus"}, {"name": "westus2"}]}},
   {"name": "1.0.12", "publishingProfile": {"targetRegions": [{"name": "eastus"}, {"name": "West US 2", "excludeFromLatest": true}]}}
 ]}]}]}"#;

const BLIND: &str = "A lookup that ignores regions and regional flags (like Terraform's azurerm_shared_image_version data source with name = \"latest\") would pick 1.0.12; in this region Azure picks";

fn json_of(args: &[&str]) -> serde_json::Value {
    let (code, out, err) = acg_with_input(args, Some(PLAN));
    assert_eq!((code, err.as_str()), (0, ""));
    serde_json::from_str(&out).unwrap()
}

#[test]
fn one_resolution_exact_json() {
    let got = json_of(&["latest", "-", "--region", "West US 2", "--definition", "gal/img", "--format", "json"]);
    assert_eq!(
        got,
        json!({
            "gallery": "gal", "definition": "img", "region": "westus2", "latest": "1.0.9",
            "message": null, "azureMessage": null,
            "versions": [
                {"name": "1.0.9", "candidate": true, "status": "chosen", "reason": "the highest candidate (by Major, Minor, Patch as numbers)", "reincluded": false, "pastEndOfLife": false},
                {"name": "1.0.12", "candidate": false, "status": "excludedInRegion", "reason": "excluded from latest in West US 2 by its regional flag", "reincluded": false, "pastEndOfLife": false}
            ],
            "contrasts": [{"mistake": "regionBlind", "picks": "1.0.12", "explanation": format!("{BLIND} 1.0.9.")}],
            "note": null
        })
    );
}

#[test]
fn the_matrix_exact_json() {
    let got = json_of(&["latest", "-", "--format", "json", "--today", "2026-11-22"]);
    let lower = "lower than 1.0.12";
    assert_eq!(
        got,
        json!([
            {
                "gallery": "gal", "definition": "img", "region": "eastus", "latest": "1.0.12",
                "message": null, "azureMessage": null,
                "versions": [
                    {"name": "1.0.9", "candidate": true, "status": "lower", "reason": lower, "reincluded": false, "pastEndOfLife": false},
                    {"name": "1.0.12", "candidate": true, "status": "chosen", "reason": "the highest candidate (by Major, Minor, Patch as numbers)", "reincluded": false, "pastEndOfLife": false}
                ],
                "contrasts": [{"mistake": "textSort", "picks": "1.0.9", "explanation": "Sorting version names as text would pick 1.0.9; Azure compares Major, Minor and Patch as numbers and picks 1.0.12."}],
                "note": null
            },
            json_of(&["latest", "-", "--region", "westus2", "--definition", "img", "--format", "json"])
        ])
    );
}

#[test]
fn a_region_without_latest_exact_json() {
    let got = json_of(&["latest", "-", "--region", "japaneast", "--format", "json"]);
    let not = |name: &str| json!({"name": name, "candidate": false, "status": "notReplicated", "reason": "not replicated to Japan East", "reincluded": false, "pastEndOfLife": false});
    assert_eq!(
        got,
        json!([{
            "gallery": "gal", "definition": "img", "region": "japaneast", "latest": null,
            "message": "The gallery image /subscriptions/sub/resourceGroups/rg/providers/Microsoft.Compute/galleries/gal/images/img is not available in japaneast region. Please contact image owner to replicate to this region, or change your requested region",
            "azureMessage": "L3",
            "versions": [not("1.0.9"), not("1.0.12")],
            "contrasts": [{"mistake": "regionBlind", "picks": "1.0.12", "explanation": format!("{BLIND} nothing.")}],
            "note": null
        }])
    );
}

#[test]
fn text_views() {
    let (code, out, _) = acg_with_input(&["latest", "-", "--region", "westus2", "--definition", "img"], Some(PLAN));
    assert_eq!(code, 0);
    assert_eq!(
        out,
        format!(
            "gal/img in West US 2 (westus2): latest = 1.0.9\n  + 1.0.9        the highest candidate (by Major, Minor, Patch as numbers)\n  - 1.0.12       excluded from latest in West US 2 by its regional flag\n  beware: {BLIND} 1.0.9.\n"
        )
    );
    let (code, out, _) = acg_with_input(&["latest", "-"], Some(PLAN));
    assert_eq!(
        (code, out.as_str()),
        (0, "gal/img  eastus               1.0.12\ngal/img  westus2              1.0.9\n")
    );
}

#[test]
fn the_sample_plan() {
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
    assert_eq!((&v["region"], &v["latest"], &v["message"]), (&json!("westeurope"), &json!("2.0.0"), &json!(null)));
    let versions: Vec<(&str, bool, &str)> = v["versions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| (x["name"].as_str().unwrap(), x["candidate"].as_bool().unwrap(), x["reason"].as_str().unwrap()))
        .collect();
    assert_eq!(
        versions,
        [
            ("1.0.9", true, "lower than 2.0.0"),
            ("1.0.12", true, "lower than 2.0.0"),
            (
                "2.0.0",
                true,
                "the highest candidate (by Major, Minor, Patch as numbers) (re-included here: the regional excludeFromLatest=false overrides the global true)"
            )
        ]
    );
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
fn errors_and_exit_codes() {
    let cases: [(&[&str], Option<&str>, i32, &str); 4] = [
        (&["latest", "-", "--definition", "nope"], Some(PLAN), 1, "acg: no image definition 'nope' in -\n"),
        (&["latest", "-", "--definition", "other/img"], Some(PLAN), 1, "acg: no image definition 'other/img' in -\n"),
        (
            &["latest", "-", "--today", "2026-13-01"],
            Some(PLAN),
            1,
            "acg: --today '2026-13-01' is not a date in the form YYYY-MM-DD\n",
        ),
        (&["latest", "-"], Some(r#"{"galleries": []}"#), 1, "acg: - has no image definitions\n"),
    ];
    for (args, input, code, err) in cases {
        let (got, out, stderr) = acg_with_input(args, input);
        assert_eq!((got, out.as_str(), stderr.as_str()), (code, "", err), "{args:?}");
    }
    let (code, _, _) = acg(&["latest", "/nonexistent/plan.json"]);
    assert_eq!(code, 2, "an unreadable file");
}
