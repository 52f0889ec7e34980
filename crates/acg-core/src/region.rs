//! Region names and the embedded region catalog.

use core::cmp::Ordering;
use core::fmt;
use core::hash::{Hash, Hasher};
use std::sync::LazyLock;

/// A region name as the user wrote it ("West US 2" or "westus2").
///
/// Equality, hashing and order use the normalized form (lower case, spaces removed), as Azure Resource
/// Manager, Terraform and Packer compare regions: `"West US 2" == "westus2"`. The text as written is kept
/// for display and round trips.
#[derive(Clone)]
pub struct RegionName {
    text: Box<str>,
    key: Box<str>,
    /// The position of `key` in the catalog, when the region is known: looked up once, so that `info` and
    /// equality of known regions cost no string comparison.
    index: Option<u16>,
}

impl RegionName {
    /// Wraps a name as written.
    pub fn new(text: &str) -> Self {
        let key: Box<str> = normalize(text).into();
        let index = position(&key).and_then(|i| u16::try_from(i).ok());
        Self { text: text.into(), key, index }
    }
    /// The name as written.
    pub fn as_str(&self) -> &str {
        &self.text
    }
    /// The normalized (programmatic) form: `westus2`.
    pub fn key(&self) -> &str {
        &self.key
    }
    /// The catalog entry, if the region is known.
    pub fn info(&self) -> Option<&'static Region> {
        self.index.map(|i| &REGIONS[usize::from(i)])
    }
    /// The region's position in the catalog ([`regions`]), when it is known.
    pub fn catalog_index(&self) -> Option<usize> {
        self.index.map(usize::from)
    }
    /// The region as its programmatic name (the catalog's, when known).
    #[must_use]
    pub fn canonical(&self) -> Self {
        Self::new(&self.key)
    }
    /// The display name from the catalog, else the name as written.
    pub fn display_name(&self) -> &str {
        self.info().map_or(&self.text, |r| r.display_name)
    }
}

/// Whether `text` is its own normalized form (the common case, programmatic names): then normalizing it
/// needs no work.
fn is_normalized(text: &str) -> bool {
    text.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
}

/// Lower case with white space removed: `"West US 2"` becomes `"westus2"`.
pub fn normalize(text: &str) -> String {
    if is_normalized(text) {
        return text.to_owned();
    }
    text.chars().filter(|c| !c.is_whitespace()).flat_map(char::to_lowercase).collect()
}

impl PartialEq for RegionName {
    fn eq(&self, other: &Self) -> bool {
        // The index is a function of the key, so this is key equality.
        match (self.index, other.index) {
            (Some(a), Some(b)) => a == b,
            (None, None) => self.key == other.key,
            _ => false,
        }
    }
}
impl Eq for RegionName {}
impl Hash for RegionName {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.key.hash(state);
    }
}
impl Ord for RegionName {
    fn cmp(&self, other: &Self) -> Ordering {
        self.key.cmp(&other.key)
    }
}
impl PartialOrd for RegionName {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl fmt::Display for RegionName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}
impl fmt::Debug for RegionName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "RegionName({})", self.text)
    }
}
impl From<&str> for RegionName {
    fn from(text: &str) -> Self {
        Self::new(text)
    }
}
impl serde::Serialize for RegionName {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.text)
    }
}
impl<'de> serde::Deserialize<'de> for RegionName {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        Ok(Self::new(&text))
    }
}

/// The bandwidth-pricing continent of a region (Azure prices inter-region transfer by continent).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub enum Continent {
    /// North America.
    #[serde(rename = "North America")]
    NorthAmerica,
    /// South America.
    #[serde(rename = "South America")]
    SouthAmerica,
    /// Europe.
    Europe,
    /// Asia.
    Asia,
    /// Oceania.
    Oceania,
    /// Middle East.
    #[serde(rename = "Middle East")]
    MiddleEast,
    /// Africa.
    Africa,
}

impl Continent {
    /// Every continent.
    pub const ALL: [Continent; 7] = [
        Continent::NorthAmerica,
        Continent::SouthAmerica,
        Continent::Europe,
        Continent::Asia,
        Continent::Oceania,
        Continent::MiddleEast,
        Continent::Africa,
    ];
    /// The name used in Azure's bandwidth price list.
    pub fn as_str(self) -> &'static str {
        match self {
            Continent::NorthAmerica => "North America",
            Continent::SouthAmerica => "South America",
            Continent::Europe => "Europe",
            Continent::Asia => "Asia",
            Continent::Oceania => "Oceania",
            Continent::MiddleEast => "Middle East",
            Continent::Africa => "Africa",
        }
    }
    /// Parses the name used in the data files.
    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str().eq_ignore_ascii_case(text.trim()))
    }
}

impl fmt::Display for Continent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One public Azure region of the embedded catalog.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Region {
    /// Programmatic name, `westus2`.
    pub name: &'static str,
    /// Display name, `West US 2`.
    pub display_name: &'static str,
    /// Geography, `United States`.
    pub geography: &'static str,
    /// Continent for bandwidth prices.
    pub continent: Continent,
    /// The paired region, if any.
    pub paired_region: Option<&'static str>,
    /// Whether the region has availability zones (and so supports `Standard_ZRS`).
    pub availability_zones: bool,
    /// Whether access must be requested before use.
    pub access_restricted: bool,
    /// Where the row comes from.
    pub source: &'static str,
}

/// The date of the region catalog's newest source.
pub const REGIONS_AS_OF: &str = "2026-07-28";

const REGIONS_CSV: &str = include_str!("../data/regions.csv");

static REGIONS: LazyLock<Vec<Region>> = LazyLock::new(|| parse_catalog(REGIONS_CSV));

fn parse_catalog(csv: &'static str) -> Vec<Region> {
    csv.lines()
        .skip(1)
        .filter(|line| !line.trim().is_empty())
        .filter_map(|line| {
            let mut f = line.splitn(8, ',');
            let name = f.next()?;
            let display_name = f.next()?;
            let geography = f.next()?;
            let continent = Continent::parse(f.next()?)?;
            let paired = f.next()?;
            let zones = f.next()? == "yes";
            let restricted = f.next()? == "yes";
            let source = f.next().unwrap_or("");
            Some(Region {
                name,
                display_name,
                geography,
                continent,
                paired_region: (!paired.is_empty()).then_some(paired),
                availability_zones: zones,
                access_restricted: restricted,
                source,
            })
        })
        .collect()
}

/// Every region of the catalog, ordered by programmatic name.
pub fn regions() -> &'static [Region] {
    &REGIONS
}

/// Looks a region up by any spelling (`"West US 2"`, `"westus2"`).
pub fn find(name: &str) -> Option<&'static Region> {
    let i = if is_normalized(name) { position(name) } else { position(&normalize(name)) };
    i.map(|i| &REGIONS[i])
}

/// The catalog position of a normalized name.
fn position(key: &str) -> Option<usize> {
    REGIONS.binary_search_by(|r| r.name.cmp(key)).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalog_has_every_row() {
        assert_eq!(regions().len(), 60);
        assert!(regions().windows(2).all(|w| w[0].name < w[1].name), "sorted for binary search");
    }

    #[test]
    fn lookup_by_display_or_programmatic_name() {
        let r = find("West US 2").unwrap();
        assert_eq!(r.name, "westus2");
        assert_eq!(r.continent, Continent::NorthAmerica);
        assert!(r.availability_zones);
        assert_eq!(r.paired_region, Some("westcentralus"));
        assert_eq!(find("southcentralus").unwrap().display_name, "South Central US");
        assert!(find("australiacentral2").unwrap().access_restricted);
        assert_eq!(find("chilecentral").unwrap().paired_region, None);
        assert!(find("mars").is_none());
    }

    #[test]
    fn names_compare_normalized() {
        assert_eq!(RegionName::new("West US 2"), RegionName::new("westus2"));
        assert_eq!(RegionName::new("South Central US").key(), "southcentralus");
        assert_eq!(RegionName::new("West US 2").to_string(), "West US 2");
        assert_eq!(RegionName::new("westeurope").display_name(), "West Europe");
    }
}
