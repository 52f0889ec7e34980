//! `acg validate` as a pipeline would run it.

mod common;

use common::*;

#[test]
fn the_sample_plan_has_only_warnings() {
    let (code, out, _) = acg(&["validate", SAMPLE, "--today", "2026-11-22"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("WARNING REC-03 galleries[1].images[0].versions[1].publishingProfile.targetRegions[0].storageAccountType: West Europe has availability zones"), "{out}");
    assert!(out.ends_with("0 error(s), 2 warning(s), 0 info\n"), "{out}");
}

#[test]
fn errors_give_exit_status_1_and_azures_message() {
    let plan = r#"{"galleries":[{"name":"my-gallery","location":"eastus"},{"name":"b","location":"westus2"}]}"#;
    let (code, out, _) = acg_with_input(&["validate", "-", "--today", "2026-11-22"], Some(plan));
    assert_eq!(code, 1);
    assert_eq!(
        out,
        "ERROR GAL-02 galleries[0].name: Gallery name is invalid. Allowed characters are English alphanumeric characters, with underscores, and periods allowed in the middle, up to 80 characters total. All other special characters, including dashes, are disallowed.\n    fix: Use 1 to 80 English letters, digits, underscores and periods, starting and ending with a letter or digit (no dashes).\n1 error(s), 0 warning(s), 0 info\n"
    );
}

#[test]
fn json_format_is_the_report() {
    let plan = r#"{"galleries":[{"name":"g.","location":"eastus"},{"name":"b","location":"westus2"}]}"#;
    let (code, out, _) = acg_with_input(&["validate", "-", "--format", "json", "--today", "2026-11-22"], Some(plan));
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["issues"][0]["code"], "GAL-04");
    assert_eq!(v["issues"][0]["severity"], "error");
    assert_eq!(v["issues"][0]["path"], "galleries[0].name");
    assert_eq!(v["issues"][0]["azureMessage"], "G2");
}

#[test]
fn unreadable_input_is_exit_status_2_with_the_position() {
    let (code, out, err) = acg_with_input(&["validate", "-"], Some("{\"galleries\": [1,]}"));
    assert_eq!((code, out.as_str()), (2, ""));
    assert!(err.starts_with("acg: -: "), "{err}");
    assert!(err.contains("line 1 column"), "{err}");
    let (code, _, err) = acg(&["validate", "/nonexistent/plan.json"]);
    assert_eq!(code, 2);
    assert!(err.starts_with("acg: /nonexistent/plan.json: "), "{err}");
    let (code, _, err) = acg(&["validate", SAMPLE, "--today", "22/11/2026"]);
    assert_eq!(code, 1);
    assert_eq!(err, "acg: --today '22/11/2026' is not a date in the form YYYY-MM-DD\n");
}

/// A corpus file (`tests/fixtures/realworld/`).
fn realworld(name: &str) -> String {
    format!("{}/../../tests/fixtures/realworld/{name}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn a_document_with_nothing_known_is_exit_status_2_naming_the_formats_tried() {
    let (code, out, err) = acg_with_input(&["validate", "-"], Some(r#"{"foo": 1}"#));
    assert_eq!(code, 2, "{out}{err}");
    assert!(err.contains("nothing in the file is a gallery, image definition or image version; tried a plan"), "{err}");
    let (code, _, err) = acg_with_input(&["export", "-", "--to", "bicep"], Some(r#"{"foo": 1}"#));
    assert_eq!(code, 2, "{err}");
}

#[test]
fn a_template_reads_with_a_parameters_file_and_says_what_it_read() {
    let quickstart = realworld("quickstart-sig-image-version-create.json");
    let (code, out, err) = acg(&["validate", &quickstart, "--today", "2026-11-30"]);
    assert_eq!(code, 0, "unknown values are not errors: {out}{err}");
    assert!(err.contains("read 1 gallery, 1 definition, 1 version (2 existing, referred to but not created); 7 values left as expressions"), "{err}");
    assert!(out.contains("INFO UNK-01 galleries[0].images[0].versions[0].storageProfile.source.id: cannot check storageProfile.source.id"), "{out}");
    let dir = std::env::temp_dir().join(format!("acg-params-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let params = dir.join("params.json");
    std::fs::write(&params, r#"{"parameters": {"existingGalleryName": {"value": "gal"}, "existingGalleryImageDefinitionName": {"value": "img"}, "galleryImageVersionName": {"value": "1.2.3"}, "location": {"value": "westus2"}, "existingManagedImageID": {"value": "/subscriptions/s/resourceGroups/r/providers/Microsoft.Compute/images/i"}}}"#).unwrap();
    let (code, out, err) = acg(&["export", &quickstart, "--parameters", params.to_str().unwrap(), "--to", "arm"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains(r#""name": "gal/img/1.2.3""#), "{out}");
    assert!(
        err.contains("read 1 gallery, 1 definition, 1 version (2 existing, referred to but not created)\n"),
        "{err}"
    );
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn a_bare_body_takes_its_names_from_the_name_option() {
    let body = r#"{"location": "eastus", "properties": {"publishingProfile": {"targetRegions": [{"name": "eastus"}]}, "storageProfile": {"source": {"id": "/subscriptions/s/resourceGroups/r/providers/Microsoft.Compute/images/i"}}}}"#;
    let (code, out, err) = acg_with_input(&["export", "-", "--name", "gal/img/1.0.0", "--to", "plan"], Some(body));
    assert_eq!(code, 0, "{err}");
    let plan: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(plan["galleries"][0]["name"], "gal");
    assert_eq!(plan["galleries"][0]["images"][0]["versions"][0]["name"], "1.0.0");
    let (code, _, err) = acg_with_input(&["validate", "-"], Some(body));
    assert_eq!(code, 0, "placeholder parents are not checked: {err}");
    assert!(err.contains("3 placeholder names"), "{err}");
}
