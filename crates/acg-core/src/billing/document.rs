//! The prices a plan carries: overrides and imported Retail prices, each with its date and provenance, layered
//! over the embedded catalog. [`plan_book`] is the one way a plan's prices become a [`PriceBook`]: the app's
//! Costs, the cost CSV, `acg estimate`, the JS API's `estimatePlan` all price through it.

use std::collections::{BTreeMap, HashMap};

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::{ImportReport, Price, PriceBook, Redundancy, Tier, embedded, import_retail, snapshot_key};
use crate::model::Plan;
use crate::region::{Continent, RegionName};

/// Planner-only: the prices a plan decided on, on top of the embedded catalog (`plan.prices`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PlanPrices {
    /// The currency of these prices when it is not the catalog's (USD): then they replace the catalog
    /// instead of overlaying it, so no price is mixed with, or converted from, USD.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    /// Snapshot prices keyed `region|tier|redundancy` (`eastus|Standard HDD|LRS`), as the catalog keys them.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub snapshots: BTreeMap<String, Price>,
    /// Transfer prices keyed `from|to` continent (`Europe|Europe`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub transfer_pairs: BTreeMap<String, Price>,
    /// Transfer prices to any other continent, keyed by the source continent.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub transfer_out: BTreeMap<String, Price>,
    /// One line per Retail Prices API import: how many prices it took, their currency and dates.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub imports: Vec<String>,
}

/// The `asOf` of a price the user typed.
pub const OVERRIDE_AS_OF: &str = "override";
/// The `source` of a price the user typed.
pub const OVERRIDE_SOURCE: &str = "your override";

impl PlanPrices {
    /// Whether the plan prices with the embedded catalog alone.
    pub fn is_empty(&self) -> bool {
        self.currency.is_none()
            && self.snapshots.is_empty()
            && self.transfer_pairs.is_empty()
            && self.transfer_out.is_empty()
            && self.imports.is_empty()
    }

    /// How many prices are overrides the user typed, and how many came from Retail imports.
    pub fn counts(&self) -> (usize, usize) {
        let all = self.snapshots.values().chain(self.transfer_pairs.values()).chain(self.transfer_out.values());
        all.fold((0, 0), |(o, i), p| if p.as_of == OVERRIDE_AS_OF { (o + 1, i) } else { (o, i + 1) })
    }

    /// A line saying which prices are in use, for the app's banner and the CLI; `None` for the catalog alone.
    pub fn summary(&self) -> Option<String> {
        if self.is_empty() {
            return None;
        }
        let (overrides, imported) = self.counts();
        let mut parts = Vec::new();
        if overrides > 0 {
            parts.push(format!("{overrides} override{}", if overrides == 1 { "" } else { "s" }));
        }
        if imported > 0 {
            parts.push(format!("{imported} imported Retail price{}", if imported == 1 { "" } else { "s" }));
        }
        let what = if parts.is_empty() { "no price of its own".to_owned() } else { parts.join(" and ") };
        Some(match &self.currency {
            Some(c) => format!("This plan's prices: {what}, in {c}, replacing the embedded USD catalog."),
            None => format!("This plan's prices: {what}, over the embedded catalog."),
        })
    }

    /// Overrides one snapshot price.
    pub fn set_snapshot(&mut self, region: &RegionName, tier: Tier, redundancy: Redundancy, amount: Decimal) {
        self.snapshots.insert(snapshot_key(region.key(), tier, redundancy), overridden(amount));
    }

    /// Overrides one transfer price: within a continent (`to` = `from`), or from a continent to another one;
    /// `to` = `None` is the price to any other continent.
    pub fn set_transfer(&mut self, from: Continent, to: Option<Continent>, amount: Decimal) {
        match to {
            Some(to) => {
                self.transfer_pairs.insert(format!("{}|{}", from.as_str(), to.as_str()), overridden(amount));
            }
            None => {
                self.transfer_out.insert(from.as_str().to_owned(), overridden(amount));
            }
        }
    }

    /// Imports a Retail Prices API response into the plan: every price it sets is recorded with its date and
    /// source, over the plan's prices (or, in another currency, replacing them and the catalog).
    pub fn import_retail(&mut self, json: &str) -> Result<ImportReport, String> {
        let before = self.book();
        let (after, report) = import_retail(json, &before)?;
        if report.replaced {
            let currency = (after.currency != "USD").then(|| after.currency.clone());
            *self = PlanPrices { currency, ..PlanPrices::default() };
        }
        let changed =
            |map: &mut BTreeMap<String, Price>, new: &HashMap<String, Price>, old: &HashMap<String, Price>| {
                for (k, p) in new {
                    if report.replaced || old.get(k) != Some(p) {
                        map.insert(k.clone(), p.clone());
                    }
                }
            };
        changed(&mut self.snapshots, &after.snapshots, &before.snapshots);
        changed(&mut self.transfer_pairs, &after.transfer_pairs, &before.transfer_pairs);
        changed(&mut self.transfer_out, &after.transfer_out, &before.transfer_out);
        let mut dates: Vec<&str> = after
            .snapshots
            .values()
            .chain(after.transfer_pairs.values())
            .chain(after.transfer_out.values())
            .filter(|p| p.source.starts_with("Retail Prices API import"))
            .map(|p| p.as_of.as_str())
            .filter(|d| !d.is_empty())
            .collect();
        dates.sort_unstable();
        dates.dedup();
        let effective = match (dates.first(), dates.last()) {
            (Some(a), Some(b)) if a == b => format!(", effective {a}"),
            (Some(a), Some(b)) => format!(", effective {a} to {b}"),
            _ => String::new(),
        };
        self.imports.push(format!(
            "Retail Prices API import: {} price(s) in {}{effective}",
            report.taken.len(),
            report.currency
        ));
        Ok(report)
    }

    /// The price book these prices give: the embedded catalog overlaid by them (or, in another currency, these
    /// prices alone).
    pub fn book(&self) -> PriceBook {
        let mut book = match &self.currency {
            Some(c) if c != "USD" => PriceBook {
                currency: c.clone(),
                origin: format!("This plan's prices in {c}; the embedded USD catalog is not used"),
                snapshots: HashMap::new(),
                transfer_pairs: HashMap::new(),
                transfer_out: HashMap::new(),
            },
            _ => embedded(),
        };
        if self.currency.is_none() && !self.is_empty() {
            let (overrides, imported) = self.counts();
            book.origin = format!(
                "{}; with this plan's {overrides} override(s) and {imported} imported Retail price(s)",
                book.origin
            );
        }
        book.snapshots.extend(self.snapshots.iter().map(|(k, p)| (k.clone(), p.clone())));
        book.transfer_pairs.extend(self.transfer_pairs.iter().map(|(k, p)| (k.clone(), p.clone())));
        book.transfer_out.extend(self.transfer_out.iter().map(|(k, p)| (k.clone(), p.clone())));
        book
    }
}

fn overridden(amount: Decimal) -> Price {
    Price { amount, as_of: OVERRIDE_AS_OF.to_owned(), source: OVERRIDE_SOURCE.to_owned(), estimated: false }
}

/// The prices a plan is estimated with: the embedded catalog overlaid by the plan's own prices.
pub fn plan_book(plan: &Plan) -> PriceBook {
    if plan.prices.is_empty() { embedded() } else { plan.prices.book() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overrides_and_imports_layer_over_the_catalog() {
        let mut p = PlanPrices::default();
        assert!(p.is_empty());
        assert_eq!(p.book(), embedded());
        p.set_snapshot(&RegionName::new("East US"), Tier::StandardHdd, Redundancy::Lrs, Decimal::new(7, 2));
        p.set_transfer(Continent::Europe, Some(Continent::Europe), Decimal::new(3, 2));
        let report = p.import_retail(include_str!("../../data/retail_api_sample.json")).unwrap();
        assert_eq!(report.taken.len(), 8);
        let book = p.book();
        let eastus = book.snapshot(&RegionName::new("eastus"), Tier::StandardHdd, Redundancy::Lrs).unwrap();
        assert_eq!((eastus.amount.to_string(), eastus.as_of.as_str()), ("0.07".to_owned(), OVERRIDE_AS_OF));
        let eu = book.transfer(&RegionName::new("westeurope"), &RegionName::new("northeurope")).unwrap();
        assert_eq!(eu.amount.to_string(), "0.03");
        assert_eq!(p.counts().0, 2);
        assert!(p.counts().1 > 0, "the import's prices that differ from the catalog are recorded");
        assert_eq!(p.imports.len(), 1);
        assert!(
            p.imports[0].starts_with("Retail Prices API import: 8 price(s) in USD, effective "),
            "{}",
            p.imports[0]
        );
        assert!(p.summary().unwrap().starts_with("This plan's prices: 2 overrides and "));
    }

    #[test]
    fn another_currency_replaces_the_catalog() {
        let mut p = PlanPrices::default();
        p.set_snapshot(&RegionName::new("eastus"), Tier::StandardHdd, Redundancy::Lrs, Decimal::new(7, 2));
        let json = r#"[{"currencyCode": "EUR", "retailPrice": 0.046, "armRegionName": "westeurope", "productName": "Standard HDD Managed Disks", "meterName": "LRS Snapshots", "unitOfMeasure": "1 GB/Month", "type": "Consumption", "effectiveStartDate": "2026-01-01T00:00:00Z"}]"#;
        p.import_retail(json).unwrap();
        assert_eq!(p.currency.as_deref(), Some("EUR"));
        assert_eq!(p.snapshots.len(), 1, "the USD override is not mixed into the EUR prices");
        assert_eq!(p.imports, ["Retail Prices API import: 1 price(s) in EUR, effective 2026-01-01"]);
        let book = p.book();
        assert_eq!(book.currency, "EUR");
        assert!(book.transfer(&RegionName::new("eastus"), &RegionName::new("westus2")).is_none());
    }
}
