//! `acg edit`: the app's edits for pipelines.

mod common;

use common::*;

#[test]
fn applies_changes_in_order_and_prints_the_plan() {
    let (code, out, err) = acg(&[
        "edit",
        SAMPLE,
        "--change",
        r#"{"setField":{"at":"galleries[0]","field":"description","text":"Golden images"}}"#,
        "--change",
        r#"{"duplicate":{"at":"galleries[0].images[0].versions[0]"}}"#,
        "--today",
        "2026-11-30",
    ]);
    assert_eq!(code, 0, "{err}");
    let plan: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(plan["galleries"][0]["description"], "Golden images");
    let sample: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(SAMPLE).unwrap()).unwrap();
    let versions = |p: &serde_json::Value| p["galleries"][0]["images"][0]["versions"].as_array().unwrap().len();
    assert_eq!(versions(&plan), versions(&sample) + 1);
}

#[test]
fn a_refused_change_prints_azures_message_and_no_plan() {
    let (code, out, err) = acg(&["edit", SAMPLE, "--change", r#"{"delete":{"at":"galleries[0]"}}"#]);
    assert_eq!(code, 1);
    assert_eq!(out, "");
    assert_eq!(
        err,
        "acg: --change 1 refused: GAL-12 galleries[0]: Can not delete resource before nested resources are deleted\n"
    );
}

#[test]
fn an_unreadable_change_names_its_field() {
    let (code, _, err) =
        acg(&["edit", SAMPLE, "--change", r#"{"setField":{"at":"galleries[0]","field":"colour","text":"x"}}"#]);
    assert_eq!(code, 2);
    assert!(err.starts_with("acg: --change 1: at setField.field: unknown variant `colour`"), "{err}");
}
