//! Billing: the dated price catalog, Retail Prices API import, estimates, projections and scenarios.
//!
//! How a gallery is billed (reference decision 13, rules §7.3): the gallery is free; every replica of an image
//! version in every target region is billed as a snapshot of the version's **occupied** size (the used GB of
//! its OS and data disks); the first copy to each target region other than the source is billed once as
//! inter-region data transfer. `Standard_LRS`/`Standard_ZRS` replicas use the region's Standard HDD snapshot
//! meter (LRS and ZRS cost the same), `Premium_LRS` the Premium SSD LRS meter (our inference). Shallow
//! replication copies nothing: no replica storage and no egress (our inference).
//!
//! Money is exact ([`rust_decimal::Decimal`]); rounding happens only when formatting for display.

mod catalog;
mod document;
mod estimate;
mod projection;
mod retail;

use std::collections::HashMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::model::StorageAccountType;
use crate::region::{Continent, RegionName};

pub use catalog::{BANDWIDTH_AS_OF, SNAPSHOTS_AS_OF, embedded};
pub use document::{OVERRIDE_AS_OF, OVERRIDE_SOURCE, plan_book};
pub use estimate::{
    Category, Comparison, Delta, Estimate, Line, Subtotal, compare, estimate_plan, estimate_version, estimate_what_if,
    replica_cost, to_csv, what_if_version,
};
pub(crate) use estimate::{PriceCache, estimate_definition, estimate_one_version, line_capacity, totals_of};
pub use projection::{Month, Projection, project};
pub(crate) use projection::{Template, definition_template, from_templates};
pub use retail::{ImportReport, import_retail};

pub use crate::model::{BillingSettings, PlanPrice, PlanPrices};

/// A snapshot storage tier (the `productName` of the Retail Prices API, without "Managed Disks").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Tier {
    /// Standard HDD.
    #[serde(rename = "Standard HDD")]
    StandardHdd,
    /// Standard SSD.
    #[serde(rename = "Standard SSD")]
    StandardSsd,
    /// Premium SSD.
    #[serde(rename = "Premium SSD")]
    PremiumSsd,
}

impl Tier {
    /// Every tier.
    pub const ALL: [Tier; 3] = [Tier::StandardHdd, Tier::StandardSsd, Tier::PremiumSsd];
    /// The name in price lists.
    pub fn as_str(self) -> &'static str {
        match self {
            Tier::StandardHdd => "Standard HDD",
            Tier::StandardSsd => "Standard SSD",
            Tier::PremiumSsd => "Premium SSD",
        }
    }
    fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.as_str().eq_ignore_ascii_case(text.trim()))
    }
}

/// Snapshot redundancy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Redundancy {
    /// Locally redundant.
    #[serde(rename = "LRS")]
    Lrs,
    /// Zone redundant.
    #[serde(rename = "ZRS")]
    Zrs,
}

impl Redundancy {
    /// `LRS` or `ZRS`.
    pub fn as_str(self) -> &'static str {
        match self {
            Redundancy::Lrs => "LRS",
            Redundancy::Zrs => "ZRS",
        }
    }
}

/// The snapshot meter a replica of this storage type is billed on (decision 13), and whether that mapping
/// is an inference for this type.
pub fn meter_for(storage: &StorageAccountType) -> (Tier, Redundancy, Option<&'static str>) {
    match storage {
        StorageAccountType::StandardZrs => (Tier::StandardHdd, Redundancy::Zrs, None),
        StorageAccountType::PremiumLrs => (
            Tier::PremiumSsd,
            Redundancy::Lrs,
            Some("Premium_LRS replicas priced on the Premium SSD LRS snapshot meter (our inference)"),
        ),
        StorageAccountType::PremiumV2Lrs => (
            Tier::PremiumSsd,
            Redundancy::Lrs,
            Some("PremiumV2_LRS has no known gallery price: priced like Premium_LRS (estimate)"),
        ),
        StorageAccountType::StandardLrs | StorageAccountType::Unknown(_) => (Tier::StandardHdd, Redundancy::Lrs, None),
    }
}

/// One price with where it comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Price {
    /// Amount per unit (GB-month for snapshots, GB for transfer).
    pub amount: Decimal,
    /// The date of the source.
    pub as_of: String,
    /// Where the figure comes from.
    pub source: String,
    /// Whether the figure is our inference rather than a published price.
    #[serde(default)]
    pub estimated: bool,
}

/// Prices in one currency: snapshot prices per region, tier and redundancy; transfer prices by continent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PriceBook {
    /// ISO currency code of every price in the book.
    pub currency: String,
    /// A description of where the book comes from (embedded catalog, a Retail Prices import, overrides).
    pub origin: String,
    /// Snapshot prices, keyed `region|tier|redundancy` (e.g. `eastus|Standard HDD|LRS`).
    pub snapshots: HashMap<String, Price>,
    /// Transfer prices within or between continents, keyed `from|to` (`Europe|Europe`, `Middle East|Africa`).
    pub transfer_pairs: HashMap<String, Price>,
    /// Transfer prices from a continent to any other continent, keyed by the source continent.
    pub transfer_out: HashMap<String, Price>,
}

/// A price looked up for one use, with how it was found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Quote {
    /// The amount per unit.
    pub amount: Decimal,
    /// Whether it is an estimate (a fallback region, an inference, or a flagged source row).
    pub estimated: bool,
    /// Why it is an estimate, or where it comes from.
    pub note: String,
    /// The price's date.
    pub as_of: String,
}

pub(crate) fn snapshot_key(region: &str, tier: Tier, redundancy: Redundancy) -> String {
    format!("{region}|{}|{}", tier.as_str(), redundancy.as_str())
}

/// Reference regions per continent, used when a region has no price of its own and neither its geography nor
/// its pair has one. Middle East and Africa have no priced region in the catalog: they fall back to West
/// Europe, the nearest priced region, marked estimated.
const REFERENCE: [(Continent, &str); 7] = [
    (Continent::NorthAmerica, "eastus"),
    (Continent::SouthAmerica, "brazilsouth"),
    (Continent::Europe, "westeurope"),
    (Continent::Asia, "southeastasia"),
    (Continent::Oceania, "australiaeast"),
    (Continent::MiddleEast, "westeurope"),
    (Continent::Africa, "westeurope"),
];

impl PriceBook {
    /// The snapshot price for a region and meter. A region without its own price takes, in order: a priced
    /// region of the same geography, its paired region, the continent's reference region; any of these is
    /// marked estimated. `None` when the book has no such meter anywhere near.
    pub fn snapshot(&self, region: &RegionName, tier: Tier, redundancy: Redundancy) -> Option<Quote> {
        let key = region.key();
        if let Some(p) = self.snapshots.get(&snapshot_key(key, tier, redundancy)) {
            return Some(Quote {
                amount: p.amount,
                estimated: p.estimated,
                note: if p.estimated {
                    format!("{} (estimated)", p.source)
                } else {
                    format!("{} {} {} snapshot price", region.display_name(), tier.as_str(), redundancy.as_str())
                },
                as_of: p.as_of.clone(),
            });
        }
        let info = region.info()?;
        let mut candidates: Vec<&str> = crate::region::regions()
            .iter()
            .filter(|r| r.geography == info.geography && r.name != info.name)
            .map(|r| r.name)
            .collect();
        candidates.sort_unstable();
        candidates.extend(info.paired_region);
        candidates.extend(REFERENCE.iter().filter(|(c, _)| *c == info.continent).map(|(_, r)| *r));
        candidates.extend(
            self.snapshots
                .keys()
                .filter_map(|k| k.split('|').next())
                .filter(|r| crate::region::find(r).is_some_and(|x| x.continent == info.continent))
                .collect::<std::collections::BTreeSet<_>>(),
        );
        for c in candidates {
            if let Some(p) = self.snapshots.get(&snapshot_key(c, tier, redundancy)) {
                let from = crate::region::find(c).map_or(c, |r| r.display_name);
                return Some(Quote {
                    amount: p.amount,
                    estimated: true,
                    note: format!(
                        "no {} price for {}: {from}'s price used (estimated)",
                        tier.as_str(),
                        info.display_name
                    ),
                    as_of: p.as_of.clone(),
                });
            }
        }
        None
    }

    /// The per-GB transfer price from one region to another (free within a region).
    pub fn transfer(&self, from: &RegionName, to: &RegionName) -> Option<Quote> {
        if from == to {
            return Some(Quote {
                amount: Decimal::ZERO,
                estimated: false,
                note: "same region: free".to_owned(),
                as_of: String::new(),
            });
        }
        let (a, b) = (from.info()?.continent, to.info()?.continent);
        let pair = self.transfer_pairs.get(&format!("{}|{}", a.as_str(), b.as_str()));
        let p = match pair {
            Some(p) => p,
            None if a != b => self.transfer_out.get(a.as_str())?,
            None => return None,
        };
        let what = if a == b { format!("within {}", a.as_str()) } else { format!("{} to {}", a.as_str(), b.as_str()) };
        Some(Quote {
            amount: p.amount,
            estimated: p.estimated,
            note: format!("inter-region transfer {what}"),
            as_of: p.as_of.clone(),
        })
    }

    /// Sets (or replaces) one snapshot price, marking where it comes from.
    pub fn set_snapshot(&mut self, region: &RegionName, tier: Tier, redundancy: Redundancy, price: Price) {
        self.snapshots.insert(snapshot_key(region.key(), tier, redundancy), price);
    }

    /// Every snapshot price as `(region, tier, redundancy, price)`, sorted, for a table view.
    pub fn snapshot_rows(&self) -> Vec<(String, Tier, Redundancy, &Price)> {
        let mut rows: Vec<(String, Tier, Redundancy, &Price)> = self
            .snapshots
            .iter()
            .filter_map(|(k, p)| {
                let mut parts = k.split('|');
                let region = parts.next()?.to_owned();
                let tier = Tier::parse(parts.next()?)?;
                let red = match parts.next()? {
                    "LRS" => Redundancy::Lrs,
                    "ZRS" => Redundancy::Zrs,
                    _ => return None,
                };
                Some((region, tier, red, p))
            })
            .collect();
        rows.sort_by(|a, b| (&a.0, a.1, a.2).cmp(&(&b.0, b.1, b.2)));
        rows
    }
}

/// The amount as shown, and its decimal places: rounded half away from zero to cents, or to 4 places under
/// one cent (so a tiny price never shows as 0.00). The browser formats it per locale from this.
pub fn display_amount(amount: Decimal) -> (Decimal, u32) {
    let places = if !amount.is_zero() && amount.abs() < Decimal::new(1, 2) { 4 } else { 2 };
    (amount.round_dp_with_strategy(places, rust_decimal::RoundingStrategy::MidpointAwayFromZero), places)
}

/// Formats money for display: rounded half away from zero to cents (to 4 places under one cent), with the
/// currency code.
pub fn format_money(amount: Decimal, currency: &str) -> String {
    let (rounded, places) = display_amount(amount);
    let symbol = match currency {
        "USD" => "$",
        "EUR" => "€",
        "GBP" => "£",
        _ => "",
    };
    if symbol.is_empty() {
        format!("{rounded:.places$} {currency}", places = places as usize)
    } else {
        format!("{symbol}{rounded:.places$}", places = places as usize)
    }
}
