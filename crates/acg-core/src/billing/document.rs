//! The prices a plan carries: overrides and imported Retail prices, each with its date and provenance, layered
//! over the embedded catalog. [`plan_book`] is the one way a plan's prices become a [`PriceBook`]: the app's
//! Costs, the cost CSV, `acg estimate`, the JS API's `estimatePlan` all price through it.

use std::collections::HashMap;

use rust_decimal::Decimal;

use super::{ImportReport, Price, PriceBook, Redundancy, Tier, embedded, import_retail, snapshot_key};
use crate::model::{Plan, PlanPrice, PlanPrices};
use crate::region::{Continent, RegionName};

impl PlanPrice {
    fn price(&self) -> Price {
        Price { amount: self.amount, as_of: self.as_of.clone(), source: self.source.clone(), estimated: self.estimated }
    }
}

/// Sets the price under `key`, keeping the list sorted by key.
fn put(list: &mut Vec<PlanPrice>, key: String, price: &Price) {
    let entry = PlanPrice {
        amount: price.amount,
        as_of: price.as_of.clone(),
        source: price.source.clone(),
        estimated: price.estimated,
        key,
    };
    match list.binary_search_by(|p| p.key.as_str().cmp(&entry.key)) {
        Ok(i) => list[i] = entry,
        Err(i) => list.insert(i, entry),
    }
}

/// The `asOf` of a price the user typed.
pub const OVERRIDE_AS_OF: &str = "override";
/// The `source` of a price the user typed.
pub const OVERRIDE_SOURCE: &str = "your override";

impl PlanPrices {
    /// How many prices are overrides the user typed, and how many came from Retail imports.
    pub fn counts(&self) -> (usize, usize) {
        let all = self.snapshots.iter().chain(&self.transfer_pairs).chain(&self.transfer_out);
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
        put(&mut self.snapshots, snapshot_key(region.key(), tier, redundancy), &overridden(amount));
    }

    /// Overrides one transfer price: within a continent (`to` = `from`), or from a continent to another one;
    /// `to` = `None` is the price to any other continent.
    pub fn set_transfer(&mut self, from: Continent, to: Option<Continent>, amount: Decimal) {
        let (list, key) = match to {
            Some(to) => (&mut self.transfer_pairs, format!("{}|{}", from.as_str(), to.as_str())),
            None => (&mut self.transfer_out, from.as_str().to_owned()),
        };
        put(list, key, &overridden(amount));
    }

    /// Overrides one transfer price by its key in the [`PriceBook`]: `from|to` (`Europe|Asia`) in
    /// `transfer_pairs`, or a continent alone (`Europe`) for its price to any other continent. `false` when
    /// the key names no continent.
    pub fn set_transfer_key(&mut self, key: &str, amount: Decimal) -> bool {
        let mut parts = key.split('|');
        let from = parts.next().and_then(Continent::parse);
        match (from, parts.next().map(Continent::parse), parts.next()) {
            (Some(from), None, None) => self.set_transfer(from, None, amount),
            (Some(from), Some(Some(to)), None) => self.set_transfer(from, Some(to), amount),
            _ => return false,
        }
        true
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
        let changed = |list: &mut Vec<PlanPrice>, new: &HashMap<String, Price>, old: &HashMap<String, Price>| {
            for (k, p) in new {
                if report.replaced || old.get(k) != Some(p) {
                    put(list, k.clone(), p);
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
        book.snapshots.extend(self.snapshots.iter().map(|p| (p.key.clone(), p.price())));
        book.transfer_pairs.extend(self.transfer_pairs.iter().map(|p| (p.key.clone(), p.price())));
        book.transfer_out.extend(self.transfer_out.iter().map(|p| (p.key.clone(), p.price())));
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
    fn the_json_form_round_trips_and_errors_name_the_field() {
        let text = r#"{"snapshots": [{"key": "westeurope|Standard HDD|LRS", "amount": 0.06, "asOf": "2026-11-01", "source": "s"}, {"key": "eastus|Standard HDD|LRS", "amount": "0.07", "asOf": "override", "source": "your override", "estimated": true}], "note": {"kept": 1}}"#;
        let p: PlanPrices = serde_json::from_str(text).unwrap();
        assert_eq!(
            p.snapshots.iter().map(|x| x.key.as_str()).collect::<Vec<_>>(),
            ["eastus|Standard HDD|LRS", "westeurope|Standard HDD|LRS"],
            "sorted by key"
        );
        assert_eq!(p.snapshots[1].amount.to_string(), "0.06");
        assert!(p.snapshots[0].estimated);
        assert_eq!(p.extra["note"], serde_json::json!({"kept": 1}), "unknown properties are kept");
        let back: PlanPrices = serde_json::from_str(&serde_json::to_string(&p).unwrap()).unwrap();
        assert_eq!(back, p);
        // The same key twice: the last one wins, and what is written reads back the same.
        let twice: PlanPrices =
            serde_json::from_str(r#"{"snapshots": [{"key": "k", "amount": "1"}, {"key": "k", "amount": "2"}]}"#)
                .unwrap();
        assert_eq!(twice.snapshots.iter().map(|x| x.amount.to_string()).collect::<Vec<_>>(), ["2"]);
        assert_eq!(serde_json::from_str::<PlanPrices>(&serde_json::to_string(&twice).unwrap()).unwrap(), twice);
        assert_eq!(serde_json::from_str::<PlanPrices>("null").unwrap(), PlanPrices::default());
        let err = |t: &str| serde_json::from_str::<PlanPrices>(t).unwrap_err().to_string();
        assert_eq!(
            err(r#"{"snapshots": [{"key": "k", "amount": "lots"}]}"#),
            r#"prices.snapshots[0]: amount: not a decimal amount such as "0.05""#
        );
        assert_eq!(err(r#"{"transferOut": {}}"#), "prices.transferOut: not a list");
        assert_eq!(err(r#"{"snapshots": [{"amount": "1"}]}"#), "prices.snapshots[0]: key: missing");
        assert_eq!(err("[]"), "prices: not an object");
    }

    #[test]
    fn transfer_overrides_by_their_book_key() {
        let mut p = PlanPrices::default();
        assert!(p.set_transfer_key("Europe|Asia", Decimal::new(4, 2)));
        assert!(p.set_transfer_key("Africa", Decimal::new(12, 2)));
        assert!(!p.set_transfer_key("Europe|Mars", Decimal::ONE));
        assert!(!p.set_transfer_key("Europe|Asia|x", Decimal::ONE));
        let book = p.book();
        assert_eq!(
            book.transfer(&RegionName::new("westeurope"), &RegionName::new("japaneast")).unwrap().amount.to_string(),
            "0.04"
        );
        assert_eq!(book.transfer_out["Africa"].amount.to_string(), "0.12");
        assert_eq!(p.counts(), (2, 0));
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
