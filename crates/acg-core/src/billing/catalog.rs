//! The embedded price catalog (USD), parsed once from `data/snapshot_prices.csv` and `data/bandwidth.csv`.
//!
//! Decisions (see `data/README.md`): rows flagged `ANOMALY?` (Premium SSD ZRS at $0.05, below LRS, in three
//! regions) are replaced by 1.5 x the region's Premium SSD LRS price — the ZRS/LRS ratio of every other region —
//! and marked estimated. When the bandwidth file has two rows for one continent pair, the later row wins: the
//! file lists the decided South America figure (0.16, decision 14) after the raw 0.181.

use std::collections::HashMap;
use std::str::FromStr;
use std::sync::LazyLock;

use rust_decimal::Decimal;

use super::{Price, PriceBook, Redundancy, Tier, snapshot_key};
use crate::region::Continent;

const SNAPSHOTS_CSV: &str = include_str!("../../data/snapshot_prices.csv");
const BANDWIDTH_CSV: &str = include_str!("../../data/bandwidth.csv");

/// The date of the snapshot prices (Retail Prices API, 2026-08-15; East US 2026-07-24).
pub const SNAPSHOTS_AS_OF: &str = "2026-08-15";
/// The date of the newest confirmation of the bandwidth prices.
pub const BANDWIDTH_AS_OF: &str = "2026-10-04";

static EMBEDDED: LazyLock<PriceBook> = LazyLock::new(parse_embedded);

/// The embedded catalog.
pub fn embedded() -> PriceBook {
    EMBEDDED.clone()
}

/// Splits one CSV line (RFC 4180: quoted fields, doubled quotes).
pub(crate) fn split_csv(line: &str) -> Vec<String> {
    let mut fields = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            ('"', true) => quoted = false,
            ('"', false) if field.is_empty() => quoted = true,
            (',', false) => fields.push(std::mem::take(&mut field)),
            _ => field.push(c),
        }
    }
    fields.push(field);
    fields
}

fn parse_embedded() -> PriceBook {
    let mut book = PriceBook {
        currency: "USD".to_owned(),
        origin: format!(
            "Embedded catalog: snapshot prices as of {SNAPSHOTS_AS_OF}, transfer prices as of {BANDWIDTH_AS_OF}"
        ),
        snapshots: HashMap::new(),
        transfer_pairs: HashMap::new(),
        transfer_out: HashMap::new(),
    };
    let mut anomalies = Vec::new();
    for line in SNAPSHOTS_CSV.lines().skip(1).filter(|l| !l.trim().is_empty()) {
        let f = split_csv(line);
        let (Some(region), Some(red), Some(tier), Some(amount), Some(as_of)) =
            (f.first(), f.get(1), f.get(2), f.get(3), f.get(4))
        else {
            continue;
        };
        let (Some(tier), Ok(amount)) = (Tier::parse(tier), Decimal::from_str(amount)) else { continue };
        let red = if red == "ZRS" { Redundancy::Zrs } else { Redundancy::Lrs };
        let source = f.get(5).cloned().unwrap_or_default();
        if source.contains("ANOMALY?") {
            anomalies.push((region.clone(), tier, red, as_of.clone()));
            continue;
        }
        book.snapshots.insert(
            snapshot_key(region, tier, red),
            Price {
                amount,
                as_of: as_of.clone(),
                source: format!("Azure Retail Prices API ({as_of})"),
                estimated: false,
            },
        );
    }
    for (region, tier, red, as_of) in anomalies {
        if let Some(lrs) = book.snapshots.get(&snapshot_key(&region, tier, Redundancy::Lrs)).map(|p| p.amount) {
            book.snapshots.insert(
                snapshot_key(&region, tier, red),
                Price {
                    amount: lrs * Decimal::new(15, 1),
                    as_of,
                    source: format!(
                        "1.5 x the {} LRS price: the published {} ZRS figure is below LRS, a suspected data error",
                        tier.as_str(),
                        tier.as_str()
                    ),
                    estimated: true,
                },
            );
        }
    }
    for line in BANDWIDTH_CSV.lines().skip(1).filter(|l| !l.trim().is_empty()) {
        let f = split_csv(line);
        let (Some(from), Some(to), Some(amount), Some(as_of)) = (f.first(), f.get(1), f.get(2), f.get(3)) else {
            continue;
        };
        let Ok(amount) = Decimal::from_str(amount) else { continue };
        let Some(from) = Continent::parse(from) else { continue };
        let estimated = as_of.contains("INFERRED");
        let price = Price {
            amount,
            as_of: as_of.clone(),
            source: "Azure bandwidth pricing, inter-region transfer (third-party transcriptions, see data/README.md)"
                .to_owned(),
            estimated,
        };
        if to == "ANY_OTHER_CONTINENT" {
            book.transfer_out.insert(from.as_str().to_owned(), price);
        } else if let Some(to) = Continent::parse(to) {
            book.transfer_pairs.insert(format!("{}|{}", from.as_str(), to.as_str()), price);
        }
    }
    book
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::RegionName;

    #[test]
    fn csv_fields_with_quotes() {
        assert_eq!(split_csv(r#"a,"b, ""c""",d"#), ["a", "b, \"c\"", "d"]);
        assert_eq!(split_csv(""), [""]);
    }

    #[test]
    fn embedded_catalog_figures() {
        let b = embedded();
        let p = |r: &str, t, red| b.snapshot(&RegionName::new(r), t, red).map(|q| (q.amount.to_string(), q.estimated));
        assert_eq!(p("eastus", Tier::StandardHdd, Redundancy::Lrs), Some(("0.05".into(), false)));
        assert_eq!(p("uksouth", Tier::StandardHdd, Redundancy::Zrs), Some(("0.053".into(), false)));
        assert_eq!(p("westeurope", Tier::PremiumSsd, Redundancy::Lrs), Some(("0.145".into(), false)));
        // The anomaly is replaced and marked.
        assert_eq!(p("swedencentral", Tier::PremiumSsd, Redundancy::Zrs), Some(("0.2175".into(), true)));
        // Fallbacks: same geography (westus -> a US region with a price), pair, reference region.
        assert_eq!(p("westus", Tier::StandardHdd, Redundancy::Lrs), Some(("0.05".into(), true)));
        assert_eq!(p("francecentral", Tier::StandardHdd, Redundancy::Lrs), Some(("0.05".into(), true)));
        assert_eq!(p("southafricanorth", Tier::StandardHdd, Redundancy::Lrs), Some(("0.05".into(), true)));
        assert_eq!(p("chilecentral", Tier::StandardHdd, Redundancy::Lrs), Some(("0.068".into(), true)));
        assert!(b.snapshot(&RegionName::new("mars"), Tier::StandardHdd, Redundancy::Lrs).is_none());
        let note = b.snapshot(&RegionName::new("westus"), Tier::StandardHdd, Redundancy::Lrs).unwrap().note;
        assert_eq!(note, "no Standard HDD price for West US: Central US's price used (estimated)");
    }

    #[test]
    fn every_catalog_region_has_every_standard_hdd_price() {
        let b = embedded();
        for r in crate::region::regions() {
            for red in [Redundancy::Lrs, Redundancy::Zrs] {
                assert!(b.snapshot(&RegionName::new(r.name), Tier::StandardHdd, red).is_some(), "{}", r.name);
                assert!(b.snapshot(&RegionName::new(r.name), Tier::PremiumSsd, red).is_some(), "{}", r.name);
            }
        }
    }

    #[test]
    fn transfer_prices() {
        let b = embedded();
        let t = |a: &str, z: &str| b.transfer(&RegionName::new(a), &RegionName::new(z)).map(|q| q.amount.to_string());
        assert_eq!(t("eastus", "eastus").as_deref(), Some("0"));
        assert_eq!(t("eastus", "westus2").as_deref(), Some("0.02"));
        assert_eq!(t("eastus", "westeurope").as_deref(), Some("0.05"));
        assert_eq!(t("westeurope", "northeurope").as_deref(), Some("0.02"));
        assert_eq!(t("japaneast", "eastus").as_deref(), Some("0.08"));
        assert_eq!(t("brazilsouth", "chilecentral").as_deref(), Some("0.16"));
        assert_eq!(t("brazilsouth", "eastus").as_deref(), Some("0.16"));
        assert_eq!(t("uaenorth", "southafricanorth").as_deref(), Some("0.08"));
    }
}
