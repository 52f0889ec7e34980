//! Steady state and a month-by-month projection: a release cadence, a retention, and the cost-saving
//! placement from the docs ("always replicate the latest image in multiple regions while all older image
//! versions are available in only one region").

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::estimate::{Builder, gb};
use super::{Category, PriceBook};
use crate::model::{BillingSettings, Gallery, ImageDefinition, ImageVersion, Plan, PublishingProfile, TargetRegion};

/// One projected month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Month {
    /// 1-based month.
    pub month: u32,
    /// Versions kept at the end of the month, over all definitions.
    pub versions: u64,
    /// Storage for the month.
    pub storage: Decimal,
    /// Egress of the month's releases.
    pub egress: Decimal,
    /// Storage + egress.
    pub total: Decimal,
    /// Running total.
    pub cumulative: Decimal,
}

/// The projection.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Projection {
    /// Currency.
    pub currency: String,
    /// The settings used.
    pub settings: BillingSettings,
    /// Month by month.
    pub months: Vec<Month>,
    /// Monthly storage once retention is full.
    pub steady_state_storage: Decimal,
    /// Monthly egress at the cadence.
    pub steady_state_egress: Decimal,
    /// What the projection assumes.
    pub assumptions: Vec<String>,
}

/// What one definition contributes to a projection: the cost of a release like its newest version, or why it
/// is not projected ([`definition_template`]; [`crate::recompute`] keeps one per definition).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) enum Template {
    /// No version with a valid name: nothing to project, nothing to say.
    #[default]
    None,
    /// The newest version cannot be priced: the assumption that says so.
    Skipped(String),
    /// One version at full placement, trimmed to its source region, its egress, and how many exist now.
    Release { full: Decimal, trimmed: Decimal, egress: Decimal, existing: u64 },
}

/// Projects storage and egress month by month. Each definition's newest priced version is the template for
/// its future releases.
pub fn project(plan: &Plan, book: &PriceBook, settings: &BillingSettings) -> Projection {
    let templates: Vec<Template> = plan
        .galleries
        .iter()
        .flat_map(|g| g.images.iter().map(move |d| definition_template(plan, g, d, book)))
        .collect();
    from_templates(&templates.iter().collect::<Vec<_>>(), &book.currency, settings)
}

/// The template of one definition's future releases: its newest version, priced in full and trimmed.
pub(crate) fn definition_template(plan: &Plan, g: &Gallery, d: &ImageDefinition, book: &PriceBook) -> Template {
    let Some(vi) = crate::replicas::newest_version(d) else { return Template::None };
    let v = &d.versions[vi];
    let Some(occupied) = v.occupied_gb.as_ref().and_then(|o| gb(o.total())) else {
        return Template::Skipped(format!(
            "{}/{}: the newest version has no occupied size; not projected",
            g.name, d.name
        ));
    };
    let source = v.source_region(d.location.as_ref().unwrap_or(&g.location)).clone();
    let mut placed = Builder::new(book);
    placed.version_lines(&"".into(), None, occupied, &source, &v.publishing_profile, &plan.api_version, v);
    let full = placed.lines.iter().filter(|l| l.category == Category::Storage).map(|l| l.amount).sum();
    let egress = placed.lines.iter().filter(|l| l.category == Category::Egress).map(|l| l.amount).sum();
    let storage_type = v
        .target(&source)
        .map(|t| v.effective_storage(t, &plan.api_version))
        .or_else(|| v.publishing_profile.storage_account_type.clone());
    let trimmed_version = ImageVersion {
        publishing_profile: PublishingProfile {
            target_regions: vec![TargetRegion {
                name: source.clone(),
                regional_replica_count: Some(1),
                storage_account_type: storage_type,
                ..TargetRegion::default()
            }],
            replication_mode: v.publishing_profile.replication_mode.clone(),
            ..PublishingProfile::default()
        },
        ..ImageVersion::default()
    };
    let mut trimmed_lines = Builder::new(book);
    trimmed_lines.version_lines(
        &"".into(),
        None,
        occupied,
        &source,
        &trimmed_version.publishing_profile,
        &plan.api_version,
        &trimmed_version,
    );
    let trimmed = trimmed_lines.lines.iter().map(|l| l.amount).sum();
    let existing = d.versions.iter().filter(|x| x.name.parse::<crate::ImageVersionName>().is_ok()).count() as u64;
    Template::Release { full, trimmed, egress, existing }
}

/// The projection of the definitions' templates, in plan order, under `settings`.
pub(crate) fn from_templates(templates: &[&Template], currency: &str, settings: &BillingSettings) -> Projection {
    let mut assumptions = vec![
        format!("{} new version(s) per definition per month, like its newest version", settings.cadence_per_month),
        format!(
            "the newest {} version(s) keep all their regions; older ones keep 1 replica in the source region; {} kept in all",
            settings.full_versions, settings.retention
        ),
    ];
    assumptions.extend(templates.iter().filter_map(|t| match t {
        Template::Skipped(why) => Some(why.clone()),
        _ => None,
    }));
    let cadence = u64::from(settings.cadence_per_month);
    let retention = u64::from(settings.retention.max(1));
    let keep_full = u64::from(settings.full_versions);
    let mut months = Vec::new();
    let mut cumulative = Decimal::ZERO;
    let months_count = settings.months.min(120);
    let state = |m: u64| -> (u64, Decimal, Decimal) {
        let mut versions = 0u64;
        let mut storage = Decimal::ZERO;
        let mut egress = Decimal::ZERO;
        for t in templates {
            let Template::Release { full: t_full, trimmed, egress: t_egress, existing } = t else { continue };
            let alive = existing.saturating_add(cadence.saturating_mul(m)).min(retention);
            let full = alive.min(keep_full);
            versions += alive;
            storage += Decimal::from(full) * t_full + Decimal::from(alive - full) * trimmed;
            egress += Decimal::from(cadence) * t_egress;
        }
        (versions, storage, egress)
    };
    for m in 1..=months_count {
        let (versions, storage, egress) = state(u64::from(m));
        let total = storage + egress;
        cumulative += total;
        months.push(Month { month: m, versions, storage, egress, total, cumulative });
    }
    let (_, steady_storage, steady_egress) = state(retention.saturating_add(1_000));
    Projection {
        currency: currency.to_owned(),
        settings: settings.clone(),
        months,
        steady_state_storage: steady_storage,
        steady_state_egress: steady_egress,
        assumptions,
    }
}

#[cfg(test)]
mod tests {
    use std::str::FromStr;

    use super::*;
    use crate::billing::embedded;

    fn plan(existing: usize) -> Plan {
        let versions: Vec<serde_json::Value> = (0..existing)
            .map(|i| serde_json::json!({
                "name": format!("1.0.{i}"),
                "publishingProfile": { "targetRegions": [ {"name": "eastus"}, {"name": "westus2"}, {"name": "centralus"} ], "replicaCount": 2, "storageAccountType": "Standard_LRS" },
                "occupiedGb": { "osDisk": 10 }
            }))
            .collect();
        serde_json::from_value(serde_json::json!({"galleries": [{"name": "g", "location": "eastus", "images": [{"name": "d", "versions": versions}]}]})).unwrap()
    }

    #[test]
    fn retention_fills_month_by_month() {
        let settings = BillingSettings { cadence_per_month: 1, retention: 4, full_versions: 2, months: 6 };
        let p = project(&plan(1), &embedded(), &settings);
        // Full placement: 3 regions x 2 replicas x 10 GB x $0.05 = $3.00; trimmed: 1 x 10 GB x $0.05 = $0.50;
        // egress per release: 2 x 10 GB x $0.02 = $0.40.
        let rows: Vec<(u64, String, String)> = p
            .months
            .iter()
            .map(|m| (m.versions, m.storage.normalize().to_string(), m.egress.normalize().to_string()))
            .collect();
        assert_eq!(
            rows,
            [
                (2, "6".into(), "0.4".into()),
                (3, "6.5".into(), "0.4".into()),
                (4, "7".into(), "0.4".into()),
                (4, "7".into(), "0.4".into()),
                (4, "7".into(), "0.4".into()),
                (4, "7".into(), "0.4".into()),
            ]
        );
        assert_eq!(p.steady_state_storage, Decimal::from_str("7.00").unwrap());
        assert_eq!(p.months[5].cumulative.normalize().to_string(), "42.9");
    }

    #[test]
    fn definitions_without_sizes_are_skipped_with_a_note() {
        let mut pl = plan(1);
        pl.galleries[0].definition_mut(0).unwrap().version_mut(0).unwrap().occupied_gb = None;
        let p = project(&pl, &embedded(), &BillingSettings::default());
        assert_eq!(p.months[0].total, Decimal::ZERO);
        assert_eq!(p.assumptions.last().unwrap(), "g/d: the newest version has no occupied size; not projected");
    }
}
