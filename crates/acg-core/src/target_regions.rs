//! The Azure CLI's target-region syntax: `<region>[=<replica count>][=<storage account type>]`, space
//! separated, as in `az sig image-version create --target-regions "eastus=2=standard_zrs westus2"`.
//!
//! Parsed case-insensitively (the CLI's two-part form is, its three-part form is not: Azure CLI issue
//! #33880); written back with canonical casing.

use core::fmt;

use crate::model::{StorageAccountType, TargetRegion};
use crate::region::RegionName;

/// Why a target-region text does not parse. `Display` names the entry and the problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TargetRegionsError {
    /// 1-based position of the entry in the list.
    pub entry: usize,
    /// The entry as written.
    pub text: String,
    reason: String,
}

impl fmt::Display for TargetRegionsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "target region {} '{}': {}", self.entry, self.text, self.reason)
    }
}

impl std::error::Error for TargetRegionsError {}

/// Parses a space-separated list. An empty text is an empty list.
///
/// ```
/// let regions = acg_core::target_regions::parse("eastus=2=standard_zrs westus2").unwrap();
/// assert_eq!(regions[0].regional_replica_count, Some(2));
/// assert_eq!(acg_core::target_regions::format(&regions), "eastus=2=Standard_ZRS westus2");
/// ```
pub fn parse(text: &str) -> Result<Vec<TargetRegion>, TargetRegionsError> {
    text.split_whitespace().enumerate().map(|(i, entry)| parse_entry(i + 1, entry)).collect()
}

fn parse_entry(entry: usize, text: &str) -> Result<TargetRegion, TargetRegionsError> {
    let fail = |reason: String| TargetRegionsError { entry, text: text.to_owned(), reason };
    let parts: Vec<&str> = text.split('=').collect();
    if parts.len() > 3 {
        return Err(fail(format!(
            "expected <region>[=<replica count>][=<storage account type>], found {} '=' signs",
            parts.len() - 1
        )));
    }
    let region = parts[0];
    if region.is_empty() {
        return Err(fail("the region name is missing before '='".to_owned()));
    }
    let mut target = TargetRegion { name: RegionName::new(region), ..TargetRegion::default() };
    let count = |s: &str| -> Result<i64, TargetRegionsError> {
        s.parse::<i64>()
            .ok()
            .filter(|_| s.bytes().all(|b| b.is_ascii_digit()))
            .ok_or_else(|| fail(format!("replica count '{s}' is not a non-negative whole number")))
    };
    let storage = |s: &str| -> Result<StorageAccountType, TargetRegionsError> {
        let t = StorageAccountType::parse(s);
        if t.is_known() {
            Ok(t)
        } else {
            Err(fail(format!("storage account type '{s}' is not one of {}", StorageAccountType::NAMES.join(", "))))
        }
    };
    match parts.as_slice() {
        [_] => {}
        [_, ""] => return Err(fail("nothing follows '='".to_owned())),
        [_, second] if second.bytes().next().is_some_and(|b| b.is_ascii_digit() || b == b'-') => {
            target.regional_replica_count = Some(count(second)?);
        }
        [_, second] => target.storage_account_type = Some(storage(second)?),
        [_, second, third] => {
            target.regional_replica_count = Some(count(second)?);
            target.storage_account_type = Some(storage(third)?);
        }
        _ => unreachable!("at most three parts"),
    }
    Ok(target)
}

/// Writes target regions in the CLI syntax, in order: programmatic region names (`westeurope`, never the
/// display name `West Europe`, whose space would split it in two), canonical casing. What it writes [`parse`]
/// reads back to the same regions, counts and storage types. Regional settings the syntax cannot express
/// (encryption, exclude-from-latest) are not written.
pub fn format(targets: &[TargetRegion]) -> String {
    targets.iter().map(format_one).collect::<Vec<_>>().join(" ")
}

fn format_one(t: &TargetRegion) -> String {
    let mut out = t.name.key().to_owned();
    if let Some(n) = t.regional_replica_count {
        out.push('=');
        out.push_str(&n.to_string());
    }
    if let Some(s) = &t.storage_account_type {
        out.push('=');
        out.push_str(s.as_str());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> String {
        parse(text).unwrap_err().to_string()
    }

    #[test]
    fn parses_all_forms() {
        let t = parse("eastus=2=standard_zrs westus2 northeurope=Premium_LRS  uksouth=3").unwrap();
        assert_eq!(t.len(), 4);
        assert_eq!((t[0].name.key(), t[0].regional_replica_count), ("eastus", Some(2)));
        assert_eq!(t[0].storage_account_type, Some(StorageAccountType::StandardZrs));
        assert_eq!((t[1].regional_replica_count, &t[1].storage_account_type), (None, &None));
        assert_eq!(t[2].storage_account_type, Some(StorageAccountType::PremiumLrs));
        assert_eq!(t[3].regional_replica_count, Some(3));
        assert_eq!(format(&t), "eastus=2=Standard_ZRS westus2 northeurope=Premium_LRS uksouth=3");
        assert!(parse("  ").unwrap().is_empty());
    }

    #[test]
    fn display_names_are_written_as_programmatic_names() {
        let t = vec![
            TargetRegion {
                name: RegionName::new("West Europe"),
                regional_replica_count: Some(1),
                ..TargetRegion::default()
            },
            TargetRegion { name: RegionName::new("East US 2"), ..TargetRegion::default() },
        ];
        assert_eq!(format(&t), "westeurope=1 eastus2");
        // Typing after it reads back what was there, plus the new entry (not "West" and "Europe").
        let more = parse(&format!("{} eastus", format(&t))).unwrap();
        assert_eq!(more.iter().map(|x| x.name.key()).collect::<Vec<_>>(), ["westeurope", "eastus2", "eastus"]);
        assert_eq!(more[0].regional_replica_count, Some(1));
    }

    proptest::proptest! {
        /// Anything the field writes, it reads back unchanged.
        #[test]
        fn what_is_written_reads_back(
            entries in proptest::collection::vec(
                (0usize..60, proptest::bool::ANY, proptest::option::of(0i64..=100), proptest::option::of(0usize..4)),
                0..8,
            )
        ) {
            let targets: Vec<TargetRegion> = entries
                .iter()
                .map(|&(r, display, count, storage)| {
                    let region = &crate::region::regions()[r];
                    TargetRegion {
                        name: RegionName::new(if display { region.display_name } else { region.name }),
                        regional_replica_count: count,
                        storage_account_type: storage.map(|s| StorageAccountType::parse(StorageAccountType::NAMES[s])),
                        ..TargetRegion::default()
                    }
                })
                .collect();
            let text = format(&targets);
            let back = parse(&text).unwrap();
            proptest::prop_assert_eq!(format(&back), text.clone());
            proptest::prop_assert_eq!(back.len(), targets.len());
            for (a, b) in back.iter().zip(&targets) {
                proptest::prop_assert_eq!(a.name.key(), b.name.key());
                proptest::prop_assert_eq!(a.regional_replica_count, b.regional_replica_count);
                proptest::prop_assert_eq!(&a.storage_account_type, &b.storage_account_type);
            }
        }
    }

    #[test]
    fn error_messages() {
        assert_eq!(
            err("eastus=x"),
            "target region 1 'eastus=x': storage account type 'x' is not one of Standard_LRS, Standard_ZRS, Premium_LRS, PremiumV2_LRS"
        );
        assert_eq!(
            err("westus eastus=2x"),
            "target region 2 'eastus=2x': replica count '2x' is not a non-negative whole number"
        );
        assert_eq!(
            err("eastus=-1"),
            "target region 1 'eastus=-1': replica count '-1' is not a non-negative whole number"
        );
        assert_eq!(
            err("eastus=1=2=3"),
            "target region 1 'eastus=1=2=3': expected <region>[=<replica count>][=<storage account type>], found 3 '=' signs"
        );
        assert_eq!(err("=2"), "target region 1 '=2': the region name is missing before '='");
        assert_eq!(err("eastus="), "target region 1 'eastus=': nothing follows '='");
        assert_eq!(
            err("eastus=2=hdd"),
            "target region 1 'eastus=2=hdd': storage account type 'hdd' is not one of Standard_LRS, Standard_ZRS, Premium_LRS, PremiumV2_LRS"
        );
        assert_eq!(
            err("eastus=99999999999999999999"),
            "target region 1 'eastus=99999999999999999999': replica count '99999999999999999999' is not a non-negative whole number"
        );
    }

    proptest::proptest! {
        #[test]
        fn never_panics(text in ".{0,80}") {
            let _ = parse(&text);
        }
    }
}
