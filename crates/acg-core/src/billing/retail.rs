//! Importing the JSON the Azure Retail Prices API returns (`prices.azure.com/api/retail/prices`): an object
//! with `Items`, or a bare array of items.
//!
//! Taken: snapshot meters (`Standard HDD`/`Standard SSD`/`Premium SSD Managed Disks`, meter names ending in
//! `LRS Snapshots`/`ZRS Snapshots`, including the doubled `Snapshots LRS Snapshots`), per GB-month,
//! consumption prices; and inter-region bandwidth meters (`Intra Continent Data Transfer Out`, `Inter Continent
//! Data Transfer Out - ...`) per GB. Everything else is reported as ignored, with the reason.
//!
//! Currency: every item must share one currency. In the book's currency, the import overlays the book. In
//! another currency it replaces the book: no price is silently mixed with, or converted from, USD.

use std::collections::{BTreeMap, HashMap};

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::{Price, PriceBook, Redundancy, Tier, snapshot_key};
use crate::region::{Continent, find};

/// What an import took and ignored.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportReport {
    /// The currency of the imported prices.
    pub currency: String,
    /// Lines such as `eastus2 Premium SSD LRS snapshots: 0.12 USD per GB-month`.
    pub taken: Vec<String>,
    /// Ignored items, grouped by reason, with a count.
    pub ignored: Vec<String>,
    /// Whether the import replaced the book (another currency) instead of overlaying it.
    pub replaced: bool,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Document {
    Page {
        #[serde(rename = "Items")]
        items: Vec<serde_json::Value>,
    },
    Items(Vec<serde_json::Value>),
}

fn text<'a>(item: &'a serde_json::Value, key: &str) -> &'a str {
    item.get(key).and_then(serde_json::Value::as_str).unwrap_or("")
}

/// Reads a Retail Prices API response and applies it to `book`. Errors name the problem (not JSON, no items,
/// mixed currencies, nothing usable).
pub fn import_retail(json: &str, book: &PriceBook) -> Result<(PriceBook, ImportReport), String> {
    let doc: Document = serde_json::from_str(json).map_err(|e| {
        format!("not a Retail Prices API response (an object with \"Items\", or an array of items): {e}")
    })?;
    let items = match doc {
        Document::Page { items } | Document::Items(items) => items,
    };
    if items.is_empty() {
        return Err("the file has no price items".to_owned());
    }
    let mut currencies: Vec<&str> = items.iter().map(|i| text(i, "currencyCode")).filter(|c| !c.is_empty()).collect();
    currencies.sort_unstable();
    currencies.dedup();
    let currency = match currencies.as_slice() {
        [one] => (*one).to_owned(),
        [] => return Err("no item has a currencyCode".to_owned()),
        many => return Err(format!("the items mix currencies ({}): import one currency at a time", many.join(", "))),
    };
    let replaced = currency != book.currency;
    let mut out = if replaced {
        PriceBook {
            currency: currency.clone(),
            origin: String::new(),
            snapshots: HashMap::new(),
            transfer_pairs: HashMap::new(),
            transfer_out: HashMap::new(),
        }
    } else {
        book.clone()
    };
    let mut report = ImportReport { currency: currency.clone(), replaced, ..ImportReport::default() };
    let mut ignored: BTreeMap<String, usize> = BTreeMap::new();
    let mut ignore = |reason: String| *ignored.entry(reason).or_insert(0) += 1;
    for item in &items {
        let product = text(item, "productName");
        let meter = text(item, "meterName");
        let unit = text(item, "unitOfMeasure");
        let region = text(item, "armRegionName");
        let kind = text(item, "type");
        let price = item
            .get("retailPrice")
            .or_else(|| item.get("unitPrice"))
            .and_then(serde_json::Value::as_f64)
            .and_then(|p| Decimal::try_from(p).ok());
        let Some(amount) = price.map(|p| p.normalize()) else {
            ignore("no retailPrice".to_owned());
            continue;
        };
        if !kind.is_empty() && kind != "Consumption" {
            ignore(format!("type {kind} (only Consumption prices)"));
            continue;
        }
        let as_of = text(item, "effectiveStartDate").get(..10).unwrap_or("").to_owned();
        if let Some(tier) = product.strip_suffix(" Managed Disks").and_then(Tier::parse) {
            let red = if meter.ends_with("LRS Snapshots") && !meter.contains("Instant") {
                Redundancy::Lrs
            } else if meter.ends_with("ZRS Snapshots") && !meter.contains("Instant") {
                Redundancy::Zrs
            } else {
                ignore(format!("{product} meter '{meter}' is not a snapshot meter"));
                continue;
            };
            if unit != "1 GB/Month" {
                ignore(format!("unit '{unit}' (snapshots are priced per 1 GB/Month)"));
                continue;
            }
            let Some(r) = find(region) else {
                ignore(format!("region '{region}' is not in the region catalog"));
                continue;
            };
            out.snapshots.insert(
                snapshot_key(r.name, tier, red),
                Price {
                    amount,
                    as_of,
                    source: format!("Retail Prices API import: {product}, {meter}"),
                    estimated: false,
                },
            );
            report.taken.push(format!(
                "{} {} {} snapshots: {amount} {currency} per GB-month",
                r.name,
                tier.as_str(),
                red.as_str()
            ));
        } else if meter.contains("Data Transfer Out")
            && (meter.starts_with("Intra Continent") || meter.starts_with("Inter Continent"))
        {
            let continent = find(region).map(|r| r.continent).or_else(|| continent_of_zone(region));
            let Some(from) = continent else {
                ignore(format!("bandwidth meter '{meter}' has no region or zone we can place on a continent"));
                continue;
            };
            let price = Price { amount, as_of, source: format!("Retail Prices API import: {meter}"), estimated: false };
            if meter.starts_with("Intra") {
                out.transfer_pairs.insert(format!("{}|{}", from.as_str(), from.as_str()), price);
                report.taken.push(format!("transfer within {}: {amount} {currency} per GB", from.as_str()));
            } else {
                out.transfer_out.insert(from.as_str().to_owned(), price);
                report
                    .taken
                    .push(format!("transfer from {} to other continents: {amount} {currency} per GB", from.as_str()));
            }
        } else {
            ignore(format!("'{product}' / '{meter}' is not a snapshot or inter-region transfer meter"));
        }
    }
    report.ignored = ignored.into_iter().map(|(reason, n)| format!("{n} x {reason}")).collect();
    if report.taken.is_empty() {
        return Err(format!("no snapshot or bandwidth price in the file ({} item(s) ignored)", items.len()));
    }
    out.origin = if replaced {
        format!(
            "Retail Prices API import in {currency} ({} price(s)); the embedded USD catalog is not used",
            report.taken.len()
        )
    } else {
        format!("{}; overlaid by a Retail Prices API import ({} price(s))", book.origin, report.taken.len())
    };
    Ok((out, report))
}

/// Bandwidth meters carry a billing zone in `armRegionName` (`Zone 1`, `Intercontinental`...) rather than a
/// region; Zone 1 is North America and Europe, which price alike.
fn continent_of_zone(zone: &str) -> Option<Continent> {
    match zone.to_ascii_lowercase().as_str() {
        "zone 1" => Some(Continent::NorthAmerica),
        "zone 2" => Some(Continent::Asia),
        "zone 3" => Some(Continent::SouthAmerica),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::RegionName;
    use crate::billing::embedded;

    const SAMPLE: &str = include_str!("../../data/retail_api_sample.json");

    #[test]
    fn the_api_sample_overlays_the_catalog() {
        let (book, report) = import_retail(SAMPLE, &embedded()).unwrap();
        assert_eq!(report.currency, "USD");
        assert!(!report.replaced);
        assert_eq!(report.taken.len(), 8, "{:?} / {:?}", report.taken, report.ignored);
        assert!(report.taken.contains(&"eastus2 Premium SSD LRS snapshots: 0.12 USD per GB-month".to_owned()));
        assert!(report.taken.contains(&"eastus2 Standard SSD LRS snapshots: 0.12 USD per GB-month".to_owned()));
        let q = book.snapshot(&RegionName::new("eastus2"), Tier::PremiumSsd, Redundancy::Lrs).unwrap();
        assert_eq!(q.amount.to_string(), "0.12");
    }

    #[test]
    fn unknown_meters_and_another_currency() {
        let json = r#"{"Items": [
            {"currencyCode": "EUR", "retailPrice": 0.046, "armRegionName": "westeurope", "productName": "Standard HDD Managed Disks", "meterName": "LRS Snapshots", "unitOfMeasure": "1 GB/Month", "type": "Consumption", "effectiveStartDate": "2026-01-01T00:00:00Z"},
            {"currencyCode": "EUR", "retailPrice": 0.5, "armRegionName": "westeurope", "productName": "Ultra Disks", "meterName": "Instant Access Snapshots LRS", "unitOfMeasure": "1 GB/Hour", "type": "Consumption"},
            {"currencyCode": "EUR", "retailPrice": 1.0, "armRegionName": "westeurope", "productName": "Virtual Machines Dv5 Series", "meterName": "D2 v5", "unitOfMeasure": "1 Hour", "type": "Reservation"}
        ]}"#;
        let (book, report) = import_retail(json, &embedded()).unwrap();
        assert!(report.replaced);
        assert_eq!(book.currency, "EUR");
        assert_eq!(report.taken, ["westeurope Standard HDD LRS snapshots: 0.046 EUR per GB-month"]);
        assert_eq!(
            report.ignored,
            [
                "1 x 'Ultra Disks' / 'Instant Access Snapshots LRS' is not a snapshot or inter-region transfer meter",
                "1 x type Reservation (only Consumption prices)"
            ]
        );
        // No USD price leaks into the EUR book.
        assert!(book.snapshot(&RegionName::new("eastus"), Tier::StandardHdd, Redundancy::Lrs).is_none());
        assert_eq!(
            book.snapshot(&RegionName::new("northeurope"), Tier::StandardHdd, Redundancy::Lrs)
                .unwrap()
                .amount
                .to_string(),
            "0.046"
        );
    }

    #[test]
    fn errors_name_the_problem() {
        assert_eq!(import_retail("[]", &embedded()).unwrap_err(), "the file has no price items");
        assert!(import_retail("{\"x\": 1}", &embedded()).unwrap_err().starts_with("not a Retail Prices API response"));
        let mixed = r#"[{"currencyCode": "USD", "retailPrice": 1}, {"currencyCode": "EUR", "retailPrice": 1}]"#;
        assert_eq!(
            import_retail(mixed, &embedded()).unwrap_err(),
            "the items mix currencies (EUR, USD): import one currency at a time"
        );
        let useless = r#"[{"currencyCode": "USD", "retailPrice": 1, "productName": "x", "meterName": "y"}]"#;
        assert_eq!(
            import_retail(useless, &embedded()).unwrap_err(),
            "no snapshot or bandwidth price in the file (1 item(s) ignored)"
        );
    }
}
