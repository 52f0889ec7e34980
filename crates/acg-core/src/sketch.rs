//! Sketches: the few inputs a documentation widget or a quick what-if gives, made into a [`Plan`].
//!
//! A docs page describes versions in a line each ("1.0.12 in eastus and westeurope, excluded from latest"),
//! not as REST bodies. A sketch is that line as a type; this module turns sketches into a one-gallery,
//! one-definition plan that every other part of the core (latest, estimate, share links) takes as it is.
//! Reading a sketch needs no plan deserializer, which keeps the embed build of the JS API small.
//!
//! A widget opens its inputs in the planner with a link of the same inputs ([`from_query`]): `?sketch=whatIf&
//! occupiedGb=10&source=eastus&regions=eastus%3D2`, `?sketch=versions&versions=[…]` or `?sketch=name&kind=
//! gallery&name=…`; the app builds the plan here, so the widget needs neither a plan serializer nor compression.

use std::sync::Arc;

use serde::Deserialize;

pub use crate::billing::what_if_version;
use crate::model::{
    Gallery, ImageDefinition, ImageIdentifier, ImageVersion, OsState, OsType, Plan, PublishingProfile, TargetRegion,
};
use crate::region::RegionName;
use crate::target_regions;

/// The gallery every sketch plan has.
pub const GALLERY: &str = "docs_gallery";
/// The image definition every sketch plan has.
pub const DEFINITION: &str = "docs-image";

/// One version in a line: its name, its target regions in the Azure CLI syntax, and its flags.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct VersionSketch {
    /// Version name, `Major.Minor.Patch`.
    pub name: String,
    /// Target regions, `region[=replicas][=storage]` space separated (`az sig image-version create` syntax).
    #[serde(default)]
    pub regions: String,
    /// The version-wide `excludeFromLatest`.
    #[serde(default)]
    pub exclude_from_latest: bool,
    /// Regions (space separated, among `regions`) whose target region sets `excludeFromLatest`.
    #[serde(default)]
    pub excluded_in: String,
    /// `endOfLifeDate`, as Azure takes it (`2027-01-01` or a date-time).
    #[serde(default)]
    pub end_of_life_date: Option<String>,
    /// `publishedDate`, as Azure gives it.
    #[serde(default)]
    pub published_date: Option<String>,
}

/// The frame of every sketch: one gallery in `location` with one generalized Linux definition.
fn frame(location: RegionName, definition: ImageDefinition) -> Plan {
    Plan {
        name: "Sketch".to_owned(),
        galleries: vec![Gallery {
            name: GALLERY.to_owned(),
            location,
            images: vec![Arc::new(ImageDefinition {
                name: if definition.name.is_empty() { DEFINITION.to_owned() } else { definition.name.clone() },
                os_type: Some(OsType::Linux),
                os_state: Some(OsState::Generalized),
                identifier: ImageIdentifier {
                    publisher: "docs".to_owned(),
                    offer: "docs".to_owned(),
                    sku: "docs".to_owned(),
                    ..ImageIdentifier::default()
                },
                ..definition
            })],
            ..Gallery::default()
        }],
        ..Plan::default()
    }
}

/// A plan of the sketched versions, in a gallery located in the first version's first region. The error
/// names the version and the field: `versions[1].excludedIn: westus2 is not among its regions`.
pub fn versions_plan(versions: &[VersionSketch]) -> Result<Plan, String> {
    let mut built = Vec::with_capacity(versions.len());
    for (i, v) in versions.iter().enumerate() {
        let mut targets = target_regions::parse(&v.regions).map_err(|e| format!("versions[{i}].regions: {e}"))?;
        for excluded in v.excluded_in.split_whitespace() {
            let key = RegionName::new(excluded);
            let target = targets
                .iter_mut()
                .find(|t| t.name == key)
                .ok_or_else(|| format!("versions[{i}].excludedIn: {excluded} is not among its regions"))?;
            target.exclude_from_latest = Some(true);
        }
        built.push(Arc::new(ImageVersion {
            name: v.name.clone(),
            publishing_profile: PublishingProfile {
                target_regions: targets,
                exclude_from_latest: v.exclude_from_latest.then_some(true),
                end_of_life_date: v.end_of_life_date.clone(),
                published_date: v.published_date.clone(),
                ..PublishingProfile::default()
            },
            ..ImageVersion::default()
        }));
    }
    let location = built
        .iter()
        .find_map(|v| v.publishing_profile.target_regions.first())
        .map_or_else(|| RegionName::new("eastus"), |t| t.name.clone());
    Ok(frame(location, ImageDefinition { versions: built, ..ImageDefinition::default() }))
}

/// A plan of a what-if estimate, its version named `1.0.0`.
pub fn what_if_plan(occupied_gb: f64, source: &RegionName, targets: &[TargetRegion]) -> Plan {
    let version = what_if_version("1.0.0", occupied_gb, source, targets);
    frame(source.clone(), ImageDefinition { versions: vec![Arc::new(version)], ..ImageDefinition::default() })
}

/// Which name a name check is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameKind {
    /// A gallery name.
    Gallery,
    /// An image definition name.
    Definition,
    /// An image version name.
    Version,
}

impl NameKind {
    /// Reads `gallery`, `definition` or `version`.
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "gallery" => Some(Self::Gallery),
            "definition" => Some(Self::Definition),
            "version" => Some(Self::Version),
            _ => None,
        }
    }

    /// Azure's rules for a name of this kind (a definition's are checked in the sketch gallery).
    pub fn issues(self, name: &str) -> Vec<crate::validate::NameIssue> {
        match self {
            Self::Gallery => crate::validate::gallery_name_issues(name),
            Self::Definition => crate::validate::definition_name_issues(GALLERY, name),
            Self::Version => crate::validate::version_name_issues(name),
        }
    }
}

/// A plan holding one resource with the name: what a name checker opens in the planner.
pub fn name_plan(kind: NameKind, name: &str) -> Plan {
    let eastus = RegionName::new("eastus");
    match kind {
        NameKind::Gallery => {
            let mut plan = frame(eastus, ImageDefinition::default());
            name.clone_into(&mut plan.galleries[0].name);
            plan.galleries[0].images.clear();
            plan
        }
        NameKind::Definition => frame(eastus, ImageDefinition { name: name.to_owned(), ..ImageDefinition::default() }),
        NameKind::Version => {
            let version = ImageVersion {
                name: name.to_owned(),
                publishing_profile: PublishingProfile {
                    target_regions: vec![TargetRegion { name: eastus.clone(), ..TargetRegion::default() }],
                    ..PublishingProfile::default()
                },
                ..ImageVersion::default()
            };
            frame(eastus, ImageDefinition { versions: vec![Arc::new(version)], ..ImageDefinition::default() })
        }
    }
}

/// The plan of a sketch link's query (without the `?`): `None` when the query has no `sketch` parameter, an
/// error naming the parameter when it is wrong.
pub fn from_query(query: &str) -> Option<Result<Plan, String>> {
    let params: Vec<(String, String)> = form_urlencoded::parse(query.trim_start_matches('?').as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    let get = |key: &str| params.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str());
    let kind = get("sketch")?;
    Some(match kind {
        "whatIf" => (|| {
            let gb_text = get("occupiedGb").ok_or("occupiedGb: missing")?;
            let gb = gb_text
                .trim()
                .parse::<f64>()
                .ok()
                .filter(|g| g.is_finite() && *g >= 0.0)
                .ok_or_else(|| format!("occupiedGb: '{gb_text}' is not a number of GB of 0 or more"))?;
            let source = RegionName::new(get("source").ok_or("source: missing")?);
            let targets = target_regions::parse(get("regions").unwrap_or(source.as_str()))
                .map_err(|e| format!("regions: {e}"))?;
            Ok(what_if_plan(gb, &source, &targets))
        })(),
        "versions" => serde_json::from_str::<Vec<VersionSketch>>(get("versions").unwrap_or("[]"))
            .map_err(|e| format!("versions: {e}"))
            .and_then(|v| versions_plan(&v)),
        "name" => {
            let kind = get("kind").unwrap_or("gallery");
            NameKind::parse(kind)
                .map(|k| name_plan(k, get("name").unwrap_or_default()))
                .ok_or_else(|| format!("kind: '{kind}' is not one of gallery, definition, version"))
        }
        other => Err(format!("sketch: '{other}' is not one of whatIf, versions, name")),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sketch(json: &str) -> Vec<VersionSketch> {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn latest_of_sketched_versions() {
        let plan = versions_plan(&sketch(
            r#"[{"name":"1.0.9","regions":"eastus westeurope"},{"name":"1.0.12","regions":"eastus westeurope","excludedIn":"westeurope"},{"name":"1.1.0","regions":"eastus","excludeFromLatest":true}]"#,
        ))
        .unwrap();
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        let at =
            |r: &str| crate::latest::resolve_latest(&plan, 0, 0, &RegionName::new(r), today).and_then(|r| r.latest);
        assert_eq!(at("eastus").as_deref(), Some("1.0.12"));
        assert_eq!(at("westeurope").as_deref(), Some("1.0.9"));
        assert_eq!(plan.galleries[0].location, RegionName::new("eastus"));
    }

    #[test]
    fn errors_name_the_version_and_field() {
        assert_eq!(
            versions_plan(&sketch(r#"[{"name":"1.0.0","regions":"eastus=x"}]"#)).unwrap_err(),
            "versions[0].regions: target region 1 'eastus=x': storage account type 'x' is not one of Standard_LRS, Standard_ZRS, Premium_LRS, PremiumV2_LRS"
        );
        assert_eq!(
            versions_plan(&sketch(r#"[{"name":"1.0.0","regions":"eastus","excludedIn":"westus2"}]"#)).unwrap_err(),
            "versions[0].excludedIn: westus2 is not among its regions"
        );
    }

    #[test]
    fn unknown_fields_are_refused() {
        let e = serde_json::from_str::<Vec<VersionSketch>>(r#"[{"name":"1.0.0","region":"eastus"}]"#).unwrap_err();
        assert!(e.to_string().starts_with("unknown field `region`, expected one of `name`, `regions`"), "{e}");
    }

    #[test]
    fn what_if_plan_estimates_as_the_what_if() {
        let source = RegionName::new("eastus");
        let targets =
            target_regions::parse("eastus=2=standard_lrs eastus2=2=standard_lrs centralus=2=standard_lrs").unwrap();
        let book = crate::billing::embedded();
        let plan = crate::billing::estimate_plan(&what_if_plan(10.0, &source, &targets), &book);
        let quick = crate::billing::estimate_what_if(10.0, &source, &targets, &book).unwrap();
        assert_eq!((plan.storage_monthly, plan.egress_one_time), (quick.storage_monthly, quick.egress_one_time));
        assert_eq!(quick.storage_monthly.to_string(), "3.00");
    }

    #[test]
    fn links_of_the_same_inputs() {
        assert!(from_query("plan=v1.abc").is_none());
        let plan = from_query("sketch=whatIf&occupiedGb=10&source=eastus&regions=eastus%3D2+westus2").unwrap().unwrap();
        assert_eq!(
            plan,
            what_if_plan(10.0, &RegionName::new("eastus"), &target_regions::parse("eastus=2 westus2").unwrap())
        );
        let versions = r#"[{"name":"1.0.0","regions":"eastus"}]"#;
        let query = format!(
            "?sketch=versions&versions={}",
            form_urlencoded::byte_serialize(versions.as_bytes()).collect::<String>()
        );
        assert_eq!(from_query(&query).unwrap().unwrap(), versions_plan(&sketch(versions)).unwrap());
        assert_eq!(
            from_query("sketch=name&kind=version&name=1.0").unwrap().unwrap(),
            name_plan(NameKind::Version, "1.0")
        );
    }

    #[test]
    fn link_errors_name_the_parameter() {
        let err = |q: &str| from_query(q).unwrap().unwrap_err();
        assert_eq!(
            err("sketch=whatIf&occupiedGb=lots&source=eastus"),
            "occupiedGb: 'lots' is not a number of GB of 0 or more"
        );
        assert_eq!(err("sketch=whatIf&occupiedGb=1"), "source: missing");
        assert_eq!(
            err("sketch=whatIf&occupiedGb=1&source=eastus&regions=eastus%3Dx%3Dy%3Dz"),
            "regions: target region 1 'eastus=x=y=z': expected <region>[=<replica count>][=<storage account type>], found 3 '=' signs"
        );
        assert_eq!(err("sketch=versions&versions=%5B"), "versions: EOF while parsing a list at line 1 column 1");
        assert_eq!(err("sketch=name&kind=disk"), "kind: 'disk' is not one of gallery, definition, version");
        assert_eq!(err("sketch=vm"), "sketch: 'vm' is not one of whatIf, versions, name");
    }

    #[test]
    fn name_plans_hold_the_name_where_it_belongs() {
        assert_eq!(name_plan(NameKind::Gallery, "my-gallery").galleries[0].name, "my-gallery");
        assert_eq!(name_plan(NameKind::Definition, "a b").galleries[0].images[0].name, "a b");
        assert_eq!(name_plan(NameKind::Version, "1.0").galleries[0].images[0].versions[0].name, "1.0");
        assert_eq!(NameKind::parse("disk"), None);
        assert_eq!(NameKind::Gallery.issues("my-gallery")[0].code, "GAL-02");
    }
}
