//! `acg export`, and reading every import format.

mod common;

use common::*;

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

#[test]
fn notes_go_to_stderr_and_the_file_header() {
    let (code, out, err) = acg(&["export", SAMPLE, "--to", "az"]);
    assert_eq!(code, 0);
    assert_eq!(
        err,
        "acg: note: image version contoso_prod/windows-2022-datacenter/2024.11.1: hostCaching has no az argument (Azure's default applies)\n"
    );
    assert!(out.contains("\n# - image version contoso_prod/windows-2022-datacenter/2024.11.1: hostCaching has no az argument (Azure's default applies)\n"));
    let (code, _, err) = acg(&["export", SAMPLE, "--to", "arm"]);
    assert_eq!((code, err.as_str()), (0, ""), "ARM carries everything the sample plans");
}
