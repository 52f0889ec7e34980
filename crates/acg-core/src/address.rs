//! Where a resource is in a plan: one typed address, [`At`], for galleries, definitions, versions and target
//! regions.
//!
//! An `At` is written as the report's path of the resource (`galleries[0].images[2].versions[1]`) and parses
//! back from it, so an issue's path, an edit's target, a share link and the app's selection are one address.
//! Field paths below a resource are the resource's path, a dot and the field's own path
//! (`galleries[0].images[2].identifier.sku`); [`At::of_path`] splits them.
//!
//! ```
//! use acg_core::address::At;
//!
//! let at: At = "galleries[0].images[2].versions[1]".parse()?;
//! assert_eq!(at, At::Version(0, 2, 1));
//! assert_eq!(at.to_string(), "galleries[0].images[2].versions[1]");
//! assert_eq!(at.parent(), Some(At::Definition(0, 2)));
//! assert_eq!(At::of_path("galleries[0].images[2].identifier.sku"), Some((At::Definition(0, 2), "identifier.sku")));
//! # Ok::<(), acg_core::address::AtError>(())
//! ```

use core::fmt;
use core::str::FromStr;

use crate::model::{Gallery, ImageDefinition, ImageVersion, Plan, TargetRegion};

/// The address of one resource of a plan, by position.
///
/// Ordered as the document is: a gallery before its definitions, a definition before its versions, and
/// siblings by index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum At {
    /// `galleries[g]`.
    Gallery(usize),
    /// `galleries[g].images[d]`.
    Definition(usize, usize),
    /// `galleries[g].images[d].versions[v]`.
    Version(usize, usize, usize),
    /// `galleries[g].images[d].versions[v].publishingProfile.targetRegions[t]`.
    TargetRegion(usize, usize, usize, usize),
}

/// Why a text is not the address of a resource.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AtError(String);

impl fmt::Display for AtError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "'{}' is not the address of a resource: write galleries[0], galleries[0].images[1], \
             galleries[0].images[1].versions[2] or galleries[0].images[1].versions[2].publishingProfile.targetRegions[3]",
            self.0
        )
    }
}

impl std::error::Error for AtError {}

/// The list segments of a resource path, in order.
const SEGMENTS: [&str; 4] = ["galleries[", ".images[", ".versions[", ".publishingProfile.targetRegions["];

impl At {
    /// The kind of resource, as the UI and the JS API name it: `gallery`, `definition`, `version`,
    /// `targetRegion`.
    pub fn kind(self) -> &'static str {
        match self {
            At::Gallery(_) => "gallery",
            At::Definition(..) => "definition",
            At::Version(..) => "version",
            At::TargetRegion(..) => "targetRegion",
        }
    }

    /// The resource that holds this one (none for a gallery).
    pub fn parent(self) -> Option<At> {
        match self {
            At::Gallery(_) => None,
            At::Definition(g, _) => Some(At::Gallery(g)),
            At::Version(g, d, _) => Some(At::Definition(g, d)),
            At::TargetRegion(g, d, v, _) => Some(At::Version(g, d, v)),
        }
    }

    /// The index of the gallery this resource is in.
    pub fn gallery_index(self) -> usize {
        match self {
            At::Gallery(g) | At::Definition(g, _) | At::Version(g, _, _) | At::TargetRegion(g, ..) => g,
        }
    }

    /// This resource's index among its siblings.
    pub fn index(self) -> usize {
        match self {
            At::Gallery(i) | At::Definition(_, i) | At::Version(_, _, i) | At::TargetRegion(_, _, _, i) => i,
        }
    }

    /// The sibling at another index.
    #[must_use]
    pub fn with_index(self, i: usize) -> At {
        match self {
            At::Gallery(_) => At::Gallery(i),
            At::Definition(g, _) => At::Definition(g, i),
            At::Version(g, d, _) => At::Version(g, d, i),
            At::TargetRegion(g, d, v, _) => At::TargetRegion(g, d, v, i),
        }
    }

    /// The `t`-th target region of this version (itself for anything else).
    #[must_use]
    pub fn child_region(self, t: usize) -> At {
        match self {
            At::Version(g, d, v) => At::TargetRegion(g, d, v, t),
            other => other,
        }
    }

    /// Whether `other` is this resource or lies below it.
    pub fn contains(self, other: At) -> bool {
        let mut cur = Some(other);
        while let Some(a) = cur {
            if a == self {
                return true;
            }
            cur = a.parent();
        }
        false
    }

    /// The path of a field of this resource: `at.field("identifier.sku")`.
    pub fn field(self, field: &str) -> String {
        if field.is_empty() { self.to_string() } else { format!("{self}.{field}") }
    }

    /// Splits a report path into the deepest resource it names and the field path below it (without the dot).
    /// `None` when the path names no resource (`galleries`, `subscriptionId`).
    pub fn of_path(path: &str) -> Option<(At, &str)> {
        let mut indexes = [0usize; 4];
        let mut depth = 0;
        let mut rest = path;
        while depth < SEGMENTS.len() {
            let Some(after) = rest.strip_prefix(SEGMENTS[depth]) else { break };
            let Some(close) = after.find(']') else { break };
            let Ok(i) = after[..close].parse::<usize>() else { break };
            indexes[depth] = i;
            depth += 1;
            rest = &after[close + 1..];
        }
        let at = match depth {
            1 => At::Gallery(indexes[0]),
            2 => At::Definition(indexes[0], indexes[1]),
            3 => At::Version(indexes[0], indexes[1], indexes[2]),
            4 => At::TargetRegion(indexes[0], indexes[1], indexes[2], indexes[3]),
            _ => return None,
        };
        match rest.as_bytes().first() {
            None => Some((at, "")),
            Some(b'.') => Some((at, &rest[1..])),
            Some(b'[') => Some((at, rest)),
            Some(_) => None,
        }
    }

    /// The gallery this resource is in.
    pub fn gallery_in(self, plan: &Plan) -> Option<&Gallery> {
        plan.galleries.get(self.gallery_index())
    }

    /// The definition this resource is (or is in); none for a gallery.
    pub fn definition_in(self, plan: &Plan) -> Option<&ImageDefinition> {
        match self {
            At::Gallery(_) => None,
            At::Definition(g, d) | At::Version(g, d, _) | At::TargetRegion(g, d, ..) => {
                plan.galleries.get(g)?.images.get(d).map(AsRef::as_ref)
            }
        }
    }

    /// The version this resource is (or is in); none above a version.
    pub fn version_in(self, plan: &Plan) -> Option<&ImageVersion> {
        match self {
            At::Gallery(_) | At::Definition(..) => None,
            At::Version(g, d, v) | At::TargetRegion(g, d, v, _) => {
                plan.galleries.get(g)?.images.get(d)?.versions.get(v).map(AsRef::as_ref)
            }
        }
    }

    /// The target region this address names.
    pub fn target_region_in(self, plan: &Plan) -> Option<&TargetRegion> {
        match self {
            At::TargetRegion(.., t) => self.version_in(plan)?.publishing_profile.target_regions.get(t),
            _ => None,
        }
    }

    /// The gallery this resource is in, to change it.
    pub fn gallery_in_mut(self, plan: &mut Plan) -> Option<&mut Gallery> {
        plan.galleries.get_mut(self.gallery_index())
    }

    /// The definition this resource is (or is in), to change it.
    pub fn definition_in_mut(self, plan: &mut Plan) -> Option<&mut ImageDefinition> {
        match self {
            At::Gallery(_) => None,
            At::Definition(g, d) | At::Version(g, d, _) | At::TargetRegion(g, d, ..) => {
                plan.galleries.get_mut(g)?.definition_mut(d)
            }
        }
    }

    /// The version this resource is (or is in), to change it.
    pub fn version_in_mut(self, plan: &mut Plan) -> Option<&mut ImageVersion> {
        match self {
            At::Gallery(_) | At::Definition(..) => None,
            At::Version(g, d, v) | At::TargetRegion(g, d, v, _) => {
                plan.galleries.get_mut(g)?.definition_mut(d)?.version_mut(v)
            }
        }
    }

    /// Whether the plan has a resource here.
    pub fn exists(self, plan: &Plan) -> bool {
        match self {
            At::Gallery(_) => self.gallery_in(plan).is_some(),
            At::Definition(..) => self.definition_in(plan).is_some(),
            At::Version(..) => self.version_in(plan).is_some(),
            At::TargetRegion(..) => self.target_region_in(plan).is_some(),
        }
    }

    /// The names along the way, outermost first (`["contosoImages", "win2022", "1.1.0", "eastus"]`; a target
    /// region as written). Empty names read `(no name)`; none when the resource does not exist.
    pub fn names(self, plan: &Plan) -> Option<Vec<String>> {
        let named = |n: &str| if n.trim().is_empty() { "(no name)".to_owned() } else { n.to_owned() };
        let mut out = vec![named(&self.gallery_in(plan)?.name)];
        if !matches!(self, At::Gallery(_)) {
            out.push(named(&self.definition_in(plan)?.name));
        }
        if matches!(self, At::Version(..) | At::TargetRegion(..)) {
            out.push(named(&self.version_in(plan)?.name));
        }
        if let At::TargetRegion(..) = self {
            out.push(self.target_region_in(plan)?.name.to_string());
        }
        Some(out)
    }

    /// The names joined for people: `contosoImages › win2022 › 1.1.0 › East US` (a region by its display
    /// name), or the address itself when the resource does not exist.
    pub fn label(self, plan: &Plan) -> String {
        let Some(mut names) = self.names(plan) else { return self.to_string() };
        if let Some(t) = self.target_region_in(plan) {
            names.pop();
            names.push(t.name.display_name().to_owned());
        }
        names.join(" › ")
    }
}

impl At {
    /// The indexes from the gallery down, as many as the resource is deep.
    fn indexes(self) -> ([usize; 4], usize) {
        match self {
            At::Gallery(g) => ([g, 0, 0, 0], 1),
            At::Definition(g, d) => ([g, d, 0, 0], 2),
            At::Version(g, d, v) => ([g, d, v, 0], 3),
            At::TargetRegion(g, d, v, t) => ([g, d, v, t], 4),
        }
    }
}

impl Ord for At {
    /// Document order: a resource before what it holds, siblings by index.
    fn cmp(&self, other: &Self) -> core::cmp::Ordering {
        let ((a, n), (b, m)) = (self.indexes(), other.indexes());
        a[..n].cmp(&b[..m])
    }
}

impl PartialOrd for At {
    fn partial_cmp(&self, other: &Self) -> Option<core::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for At {
    #[allow(clippy::many_single_char_names, reason = "g, d, v, t: gallery, definition, version, target")]
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            At::Gallery(g) => write!(f, "galleries[{g}]"),
            At::Definition(g, d) => write!(f, "galleries[{g}].images[{d}]"),
            At::Version(g, d, v) => write!(f, "galleries[{g}].images[{d}].versions[{v}]"),
            At::TargetRegion(g, d, v, t) => {
                write!(f, "galleries[{g}].images[{d}].versions[{v}].publishingProfile.targetRegions[{t}]")
            }
        }
    }
}

impl FromStr for At {
    type Err = AtError;

    /// Parses exactly what [`Display`](fmt::Display) writes (no field path after it).
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        match At::of_path(text.trim()) {
            Some((at, "")) => Ok(at),
            _ => Err(AtError(text.to_owned())),
        }
    }
}

impl serde::Serialize for At {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for At {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample;

    #[test]
    fn round_trips() {
        for at in [At::Gallery(0), At::Definition(1, 2), At::Version(3, 4, 5), At::TargetRegion(6, 7, 8, 9)] {
            assert_eq!(at.to_string().parse::<At>(), Ok(at));
        }
    }

    #[test]
    fn splits_field_paths() {
        assert_eq!(At::of_path("galleries[2].name"), Some((At::Gallery(2), "name")));
        assert_eq!(
            At::of_path("galleries[0].images[1].features[0].value"),
            Some((At::Definition(0, 1), "features[0].value"))
        );
        assert_eq!(
            At::of_path("galleries[0].images[1].versions[2].publishingProfile.targetRegions[3].name"),
            Some((At::TargetRegion(0, 1, 2, 3), "name"))
        );
        assert_eq!(
            At::of_path("galleries[0].images[1].versions[2].publishingProfile.targetRegions"),
            Some((At::Version(0, 1, 2), "publishingProfile.targetRegions"))
        );
        assert_eq!(At::of_path("galleries"), None);
        assert_eq!(At::of_path("galleries[x]"), None);
        assert_eq!(At::of_path("galleries[0]x"), None);
    }

    #[test]
    fn rejects_what_is_not_an_address() {
        assert_eq!(
            "galleries[0].name".parse::<At>().unwrap_err().to_string(),
            "'galleries[0].name' is not the address of a resource: write galleries[0], galleries[0].images[1], galleries[0].images[1].versions[2] or galleries[0].images[1].versions[2].publishingProfile.targetRegions[3]"
        );
        assert!("".parse::<At>().is_err());
        assert!("galleries[-1]".parse::<At>().is_err());
    }

    #[test]
    fn orders_as_the_document() {
        let mut all = vec![At::Version(0, 0, 1), At::Gallery(1), At::Definition(0, 0), At::Gallery(0)];
        all.sort();
        assert_eq!(all, [At::Gallery(0), At::Definition(0, 0), At::Version(0, 0, 1), At::Gallery(1)]);
        assert!(At::Gallery(0).contains(At::TargetRegion(0, 1, 2, 3)));
        assert!(!At::Definition(0, 0).contains(At::Version(0, 1, 0)));
    }

    #[test]
    fn finds_and_names_resources() {
        let plan = sample::plan();
        let at = At::TargetRegion(0, 0, 0, 0);
        assert!(at.exists(&plan));
        assert!(!At::Gallery(99).exists(&plan));
        let v = &plan.galleries[0].images[0].versions[0];
        let label = at.label(&plan);
        assert_eq!(
            label,
            format!(
                "{} › {} › {} › {}",
                plan.galleries[0].name,
                plan.galleries[0].images[0].name,
                v.name,
                v.publishing_profile.target_regions[0].name.display_name()
            )
        );
        assert_eq!(At::Version(0, 0, 999).label(&plan), "galleries[0].images[0].versions[999]");
    }
}
