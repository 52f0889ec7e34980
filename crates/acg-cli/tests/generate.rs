//! `acg generate`: the benchmarks' plans as Plan JSON, read back by the other commands.

mod common;

use common::*;

#[test]
fn a_generated_plan_is_plan_json_the_other_commands_read() {
    let (code, out, _) = acg(&["generate", "--size", "m", "--seed", "7"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let versions: usize = v["galleries"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|g| g["images"].as_array().unwrap())
        .map(|d| d["versions"].as_array().unwrap().len())
        .sum();
    assert_eq!(versions, 1_000);
    let plan = acg_core::interchange::import(&out).unwrap().plan;
    assert_eq!(plan, acg_core::generate::plan(acg_core::generate::PlanSize::M, 7));
    let (code, _, err) = acg(&["generate", "--size", "XL"]);
    assert_eq!(code, 1);
    assert!(err.contains("--size 'XL' is not S, M or L"), "{err}");
}

#[test]
fn the_l_plan_fits_the_import_limit() {
    let (code, out, _) = acg(&["generate", "--size", "L"]);
    assert_eq!(code, 0);
    assert!(out.len() < acg_core::interchange::MAX_IMPORT_BYTES, "{} bytes", out.len());
    assert_eq!(
        acg_core::interchange::import(&out).unwrap().plan,
        acg_core::generate::plan(acg_core::generate::PlanSize::L, 42)
    );
}
