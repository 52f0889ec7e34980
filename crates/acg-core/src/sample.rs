//! The embedded sample plan: what a first-time user sees, and what the CLI's examples use.
//!
//! Contoso publishes from East US into a production gallery (`contoso_prod`) and keeps test images in a
//! second gallery in West Europe (`contoso_test`), which also serves as the disaster-recovery pair.
//! It shows, on purpose:
//! - the text-sorting trap: versions `1.0.9` and `1.0.12` (Azure picks 1.0.12);
//! - a canary `2.0.0` excluded from latest globally but re-included in West Europe by its regional flag;
//! - a region (Southeast Asia) where 1.0.12 is excluded regionally;
//! - deployment demand on the production Ubuntu definition (120 VMs and two 600-instance scale sets in East
//!   US) that the replica counts satisfy under its replica policy (best practices, no margin);
//! - a shallow-replicated test version;
//! - occupied sizes for the cost estimate.
//!
//! It validates without errors. Its only findings are deliberate: two `REC-03` warnings on test version
//! 0.8.0, which keeps `Standard_LRS` in West Europe and North Europe where zone-redundant storage is available.

use crate::model::Plan;

/// The sample plan as JSON, exactly as shipped.
pub const SAMPLE_PLAN_JSON: &str = include_str!("../data/sample-plan.json");

/// The sample plan.
///
/// Returns an empty plan in the impossible case that the embedded JSON does not parse (a test guards it).
pub fn plan() -> Plan {
    crate::model::parse_json(SAMPLE_PLAN_JSON).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sample_parses_and_has_its_shape() {
        let p: Plan = serde_json::from_str(SAMPLE_PLAN_JSON).expect("the sample plan parses");
        assert_eq!(p.galleries.len(), 2);
        assert_eq!(p.galleries.iter().map(|g| g.images.len()).sum::<usize>(), 3);
        assert_eq!(p.galleries.iter().flat_map(|g| &g.images).map(|d| d.versions.len()).sum::<usize>(), 6);
    }

    #[test]
    fn sample_has_only_its_deliberate_findings() {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        let report = crate::validate::validate(&plan(), today);
        let found: Vec<(&str, &str)> = report.issues.iter().map(|i| (&*i.code, i.path.as_str())).collect();
        assert_eq!(
            found,
            [
                ("REC-03", "galleries[1].images[0].versions[1].publishingProfile.targetRegions[0].storageAccountType"),
                ("REC-03", "galleries[1].images[0].versions[1].publishingProfile.targetRegions[1].storageAccountType"),
            ]
        );
    }
}
