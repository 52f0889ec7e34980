//! The JS API facade, called as JavaScript would: JSON in, JSON out.

use serde_json::{Value, json};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

fn js(v: &Value) -> JsValue {
    js_sys::JSON::parse(&v.to_string()).unwrap()
}

fn rs<T: JsCast>(v: T) -> Value {
    let v: JsValue = v.unchecked_into();
    serde_json::from_str(&js_sys::JSON::stringify(&v).unwrap().as_string().unwrap()).unwrap()
}

fn error<T>(r: Result<T, wasm_bindgen::JsError>) -> String {
    let Err(e) = r else { panic!("expected an error") };
    let e: JsValue = e.into();
    js_sys::Reflect::get(&e, &"message".into()).unwrap().as_string().unwrap()
}

#[wasm_bindgen_test]
fn versions() {
    assert_eq!(
        rs(acg_wasm::parse_version("1.0.12").unwrap()),
        json!({"name": "1.0.12", "major": 1, "minor": 0, "patch": 12})
    );
    assert_eq!(
        error(acg_wasm::parse_version("1.0")),
        "version name: expected three numbers separated by dots (Major.Minor.Patch), found 2 parts"
    );
    assert_eq!(acg_wasm::compare_versions("1.0.9", "1.0.12").unwrap(), -1);
    assert_eq!(acg_wasm::compare_versions("10.0.0", "9.9.9").unwrap(), 1);
}

#[wasm_bindgen_test]
fn names_and_target_regions() {
    let issues = rs(acg_wasm::check_name("gallery", "my-gallery").unwrap());
    assert_eq!(issues[0]["code"], "GAL-02");
    assert_eq!(error(acg_wasm::check_name("disk", "x")), "kind: 'disk' is not one of gallery, definition, version");
    assert_eq!(
        rs(acg_wasm::parse_target_regions("eastus=2=standard_zrs westus2").unwrap()),
        json!([{"name": "eastus", "regionalReplicaCount": 2, "storageAccountType": "Standard_ZRS"}, {"name": "westus2"}])
    );
    assert_eq!(rs(acg_wasm::regions().unwrap()).as_array().unwrap().len(), 60);
}

#[wasm_bindgen_test]
fn plans_latest_and_validation() {
    let plan = acg_wasm::sample_plan().unwrap();
    let p = rs(plan);
    let report = rs(acg_wasm::validate_plan(js(&p).unchecked_into(), Some("2026-11-22".into())).unwrap());
    assert_eq!(report["issues"].as_array().unwrap().len(), 2);
    let r = rs(acg_wasm::resolve_latest(
        js(&p).unchecked_into(),
        "contoso_prod",
        "ubuntu-22.04-lts",
        "West Europe",
        Some("2026-11-22".into()),
    )
    .unwrap());
    assert_eq!(r["latest"], "2.0.0");
    assert_eq!(rs(acg_wasm::latest_matrix(js(&p).unchecked_into()).unwrap()).as_array().unwrap().len(), 7);
    let bad = json!({"galleries": [{"name": "g", "images": [{"versions": [{"publishingProfile": {"replicaCount": "two"}}]}]}]});
    assert!(
        error(acg_wasm::validate_plan(js(&bad).unchecked_into(), None))
            .starts_with("plan: at galleries[0].images[0].versions[0].publishingProfile.replicaCount: invalid type: string \"two\", expected i64")
    );
    let arm = acg_wasm::export_plan(js(&p).unchecked_into(), "arm", None).unwrap();
    assert_eq!(rs(acg_wasm::import_plan(&arm, None, None).unwrap())["format"], "arm");
    let template = r#"{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "contentVersion": "1.0.0.0", "parameters": {"g": {"type": "string"}}, "resources": [{"type": "Microsoft.Compute/galleries", "apiVersion": "2025-03-03", "name": "[parameters('g')]", "location": "eastus", "properties": {}}]}"#;
    let with =
        rs(acg_wasm::import_plan(template, Some(r#"{"parameters": {"g": {"value": "gal"}}}"#.into()), None).unwrap());
    assert_eq!(with["plan"]["galleries"][0]["name"], "gal");
    assert_eq!(with["summary"]["galleries"], 1);
    let without = rs(acg_wasm::import_plan(template, None, None).unwrap());
    assert_eq!(without["summary"]["expressions"][0], "[parameters('g')] name: [parameters('g')]");
    assert_eq!(
        error(acg_wasm::export_plan(js(&p).unchecked_into(), "pulumi", None)),
        "format: 'pulumi' is not one of plan, arm, bicep, az, terraform, csv"
    );
}

#[wasm_bindgen_test]
fn replicas_and_costs() {
    let rec = rs(acg_wasm::recommend_replicas(
        js(&json!({"concurrentVms": 500, "marginPercent": 0})).unchecked_into(),
        Some("scaling".into()),
    )
    .unwrap());
    assert_eq!(rec["recommended"], 10);
    let e = rs(acg_wasm::estimate_what_if(
        10.0,
        "eastus",
        "eastus=2=standard_lrs eastus2=2=standard_lrs centralus=2=standard_lrs",
        None,
    )
    .unwrap());
    assert_eq!(
        (e["storageGbMonths"].clone(), e["storageMonthly"].clone(), e["egressGb"].clone()),
        (json!(60), json!("3.00"), json!(20))
    );
    assert_eq!(
        error(acg_wasm::estimate_what_if(10.0, "mars", "eastus", None)),
        "source: 'mars' is not a region of the catalog"
    );
    let retail = json!({"Items": [{"currencyCode": "USD", "retailPrice": 0.07, "armRegionName": "eastus", "productName": "Standard HDD Managed Disks", "meterName": "LRS Snapshots", "unitOfMeasure": "1 GB/Month", "type": "Consumption"}]});
    let imported = rs(acg_wasm::import_retail_prices(&retail.to_string(), None).unwrap());
    let e = rs(acg_wasm::estimate_what_if(
        10.0,
        "eastus",
        "eastus=1=standard_lrs",
        Some(js(&imported["prices"]).unchecked_into()),
    )
    .unwrap());
    assert_eq!(e["storageMonthly"], "0.70");
}

#[wasm_bindgen_test]
fn explain_error() {
    let text = r#"{"error":{"code":"InvalidParameter","message":"An invalid lun [3] was specified in encryption.dataDiskImages. The lun must be one of the following values ['0,1']"}}"#;
    let found = rs(acg_wasm::explain_error(text, None, None).unwrap());
    assert_eq!(found["errors"][0]["code"], "InvalidParameter");
    assert_eq!(found["matches"][0]["azureMessage"], "V28");
    assert_eq!(found["matches"][0]["values"], json!({"lun": "3"}));
    assert_eq!(found["matches"][0]["rules"], json!(["VER-19"]));
    assert_eq!(
        error(acg_wasm::explain_error(" ", None, None)),
        "text: nothing to explain: paste the error message Azure, az, PowerShell or Terraform printed"
    );
}
