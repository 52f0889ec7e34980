//! `acg export`, and reading every import format.

use std::process::Command;

const SAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../acg-core/data/sample-plan.json");
const GOLDEN_ARM: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/exports/sample.json");

fn acg(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_acg")).args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn exports_match_the_goldens() {
    let (code, out, _) = acg(&["export", SAMPLE, "--to", "arm"]);
    assert_eq!(code, 0);
    assert_eq!(out, std::fs::read_to_string(GOLDEN_ARM).unwrap());
    let (code, out, _) = acg(&["export", SAMPLE, "--to", "bicep", "--api-version", "2024-03-03"]);
    assert_eq!(code, 0);
    assert!(out.contains("'Microsoft.Compute/galleries@2024-03-03'"));
}

#[test]
fn every_command_reads_an_arm_template() {
    let (code, out, _) =
        acg(&["latest", GOLDEN_ARM, "--region", "westeurope", "--definition", "ubuntu-22.04-lts", "--format", "json"]);
    assert_eq!(code, 0);
    assert!(out.contains("\"latest\": \"2.0.0\""), "{out}");
    let (code, out, _) = acg(&["validate", GOLDEN_ARM, "--today", "2026-11-22"]);
    assert_eq!(code, 0);
    assert!(out.ends_with("0 error(s), 2 warning(s), 0 info\n"), "{out}");
}

#[test]
fn bad_format_and_unreadable_file() {
    let (code, _, err) = acg(&["export", SAMPLE, "--to", "pulumi"]);
    assert_eq!(code, 1);
    assert_eq!(err, "acg: --to 'pulumi' is not one of arm, bicep, az, terraform, plan, csv\n");
    let (code, _, err) = acg(&["export", GOLDEN_ARM.replace("sample.json", "sample.tf").as_str(), "--to", "arm"]);
    assert_eq!(code, 2);
    assert!(err.contains("not valid JSON: "), "{err}");
}
