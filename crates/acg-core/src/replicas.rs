//! Replica recommendations from deployment load, under a selectable published guidance.
//!
//! Microsoft's guidance disagrees with itself (reference decision 12, rules §7.2), so the policy is a choice and
//! every number says which guidance produced it, with the source sentence:
//!
//! | policy | concurrent VMs | concurrent scale sets | floor |
//! |---|---|---|---|
//! | [`Policy::BestPractices`] (default) | one replica per 20 | plus one per scale set | 1; 3 for production |
//! | [`Policy::ScalingGuidance`] | one per 50 | plus one per scale set | 1 |
//! | [`Policy::Guidance2019`] | one per 20 | plus one per 600 instances of each scale set | 1 |
//!
//! The over-provisioning margin (the docs: "We always recommend that you overprovision the number of replicas")
//! multiplies the load-derived count and rounds up; the floors apply after it. A recommendation never exceeds
//! the best-practice maximum of 50 per region (reference decision 12): above it, the recommendation is 50, the
//! uncapped need is kept beside it, and [`Split`] says how to split the load, with its source sentence.
//!
//! The demand of a definition in a region is served by the version `latest` resolves to there
//! ([`crate::latest::serving_version`], or [`crate::latest::serving_versions`] for all its regions); that is the version [`recommend_plan`] sizes, and the one the REC-02
//! rule checks. A region where nothing serves the demand gets Azure's L1/L3 message instead of a number. The default margin is [`DEFAULT_MARGIN_PERCENT`] (10%): enough to absorb one replica being
//! rebuilt or throttled at moderate loads without doubling the storage bill. Set it to 0 to reproduce the
//! documents' own examples (500 VMs -> 10 under the scaling guidance; 1,000 VMs -> 50 under best practices).

use serde::{Deserialize, Serialize};

use crate::address::At;
pub use crate::model::settings::DEFAULT_MARGIN_PERCENT;
use crate::model::{ImageDefinition, Plan, RegionDemand, ScaleSetLoad, TargetRegion};
pub use crate::model::{Policy, ReplicaSettings};
use crate::region::RegionName;
use crate::version::ImageVersionName;

/// Azure's limit of replicas per region.
pub const MAX_REPLICAS: i64 = 100;
/// The best-practice per-region maximum.
pub const ADVISED_MAX: i64 = 50;

impl Policy {
    fn vms_per_replica(self) -> i64 {
        if self == Policy::ScalingGuidance { 50 } else { 20 }
    }
}

/// A sentence of published guidance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Source {
    /// The document and section.
    pub document: String,
    /// The sentence, verbatim.
    pub quote: String,
}

const OVERVIEW_BEST: &str =
    "Store and share resources in Azure Compute Gallery (azure-compute-gallery.md), Best practices";
const OVERVIEW_SCALING: &str = "Store and share resources in Azure Compute Gallery (azure-compute-gallery.md), Scaling";
const SIG_2019: &str = "Shared Image Gallery overview (2019), Scaling";
/// The sentence of the best-practice page that sets the per-region maximum.
const MAXIMUM_QUOTE: &str = "For example, if you create 1000 VMs concurrently, you should keep 50 replicas (you can have a maximum of 50 replicas per region).";

fn sources(policy: Policy) -> Vec<Source> {
    let s = |document: &str, quote: &str| Source { document: document.to_owned(), quote: quote.to_owned() };
    match policy {
        Policy::BestPractices => vec![
            s(
                OVERVIEW_BEST,
                "Keep a minimum of 3 replicas for production images. For every 20 VMs that you create concurrently, we recommend you keep one replica. For example, if you create 1000 VMs concurrently, you should keep 50 replicas (you can have a maximum of 50 replicas per region).",
            ),
            s(OVERVIEW_SCALING, "For each scale set that you create concurrently, we recommend you keep one replica."),
            s(
                OVERVIEW_SCALING,
                "We always recommend that you overprovision the number of replicas due to factors like resource size, content, and OS type.",
            ),
        ],
        Policy::ScalingGuidance => vec![
            s(
                OVERVIEW_SCALING,
                "For every 50 VMs that you create concurrently, we recommend that you keep one replica. For example, if you're creating 500 VMs concurrently by using the same image in a region, we suggest you keep at least 10 replicas of your image.",
            ),
            s(OVERVIEW_SCALING, "For each scale set that you create concurrently, we recommend you keep one replica."),
            s(
                OVERVIEW_SCALING,
                "We always recommend that you overprovision the number of replicas due to factors like resource size, content, and OS type.",
            ),
        ],
        Policy::Guidance2019 => vec![
            s(
                SIG_2019,
                "For non-Virtual Machine Scale Set deployments - For every 20 VMs that you create concurrently, we recommend you keep one replica. For example, if you are creating 120 VMs concurrently using the same image in a region, we suggest you keep at least 6 replicas of your image.",
            ),
            s(
                SIG_2019,
                "For Virtual Machine Scale Set deployments - For every scale set deployment with up to 600 instances, we recommend you keep at least one replica. For example, if you are creating 5 scale sets concurrently, each with 600 VM instances using the same image in a single region, we suggest you keep at least 5 replicas of your image.",
            ),
            s(
                SIG_2019,
                "We always recommend you to overprovision the number of replicas due to factors like image size, content and OS type.",
            ),
        ],
    }
}

/// The deployment load of one region.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Load {
    /// Peak standalone VMs created at the same time.
    #[serde(default)]
    pub concurrent_vms: i64,
    /// Scale sets created at the same time.
    #[serde(default)]
    pub scale_sets: Vec<ScaleSetLoad>,
    /// Whether the image serves production.
    #[serde(default)]
    pub production: bool,
    /// Over-provisioning margin in percent.
    #[serde(default = "default_margin")]
    pub margin_percent: u32,
}

fn default_margin() -> u32 {
    DEFAULT_MARGIN_PERCENT
}

impl Load {
    /// The load a plan states for a region.
    pub fn from_demand(demand: &RegionDemand, production: bool, margin_percent: u32) -> Self {
        Self {
            concurrent_vms: demand.concurrent_vms,
            scale_sets: demand.scale_sets.clone(),
            production,
            margin_percent,
        }
    }
}

/// How to split a load that needs more than [`ADVISED_MAX`] replicas in one region.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Split {
    /// In how many parts of at most [`ADVISED_MAX`] replicas the load fits.
    pub parts: i64,
    /// What to do, in words.
    pub advice: String,
    /// The sentence that sets the maximum.
    pub source: Source,
}

/// A recommendation for one region.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Recommendation {
    /// The recommended regional replica count (never above [`ADVISED_MAX`]).
    pub recommended: i64,
    /// What the load calls for before the per-region maximum (equal to `recommended` up to 50).
    pub uncapped: i64,
    /// How to split the load when `uncapped` is above the maximum.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub split: Option<Split>,
    /// The policy id.
    pub policy: Policy,
    /// The reasoning, one line per term.
    pub terms: Vec<String>,
    /// The guidance applied.
    pub sources: Vec<Source>,
    /// Warnings: above the best-practice maximum, above Azure's limit, bad input.
    pub warnings: Vec<String>,
}

fn ceil_div(a: i64, b: i64) -> i64 {
    if a <= 0 { 0 } else { a / b + i64::from(a % b != 0) }
}

/// Recommends the replica count for a load under a policy. Never panics: negative inputs count as zero and
/// are reported, huge ones saturate.
///
/// ```
/// use acg_core::replicas::{Load, Policy, recommend};
/// let load = Load { concurrent_vms: 120, margin_percent: 0, ..Load::default() };
/// assert_eq!(recommend(&load, Policy::BestPractices).recommended, 6);
/// ```
pub fn recommend(load: &Load, policy: Policy) -> Recommendation {
    let mut terms = Vec::new();
    let mut warnings = Vec::new();
    let vms = if load.concurrent_vms < 0 {
        warnings.push(format!("Concurrent VMs cannot be negative ({}); counted as 0.", load.concurrent_vms));
        0
    } else {
        load.concurrent_vms
    };
    let per = policy.vms_per_replica();
    let vm_replicas = ceil_div(vms, per);
    terms.push(format!("ceil({vms} VMs / {per}) = {vm_replicas}"));
    let mut ss_replicas: i64 = 0;
    let mut scale_set_count: i64 = 0;
    for s in &load.scale_sets {
        if s.count < 0 || s.instances < 0 {
            warnings.push("Scale set counts and instance counts cannot be negative; counted as 0.".to_owned());
            continue;
        }
        if s.instances > 1_000 {
            warnings.push(format!(
                "A scale set from a gallery image holds up to 1,000 instances; {} were given.",
                s.instances
            ));
        }
        scale_set_count = scale_set_count.saturating_add(s.count);
        let each = if policy == Policy::Guidance2019 { ceil_div(s.instances, 600).max(1) } else { 1 };
        ss_replicas = ss_replicas.saturating_add(s.count.saturating_mul(each));
    }
    if scale_set_count > 0 {
        if policy == Policy::Guidance2019 {
            terms.push(format!(
                "+ {ss_replicas} for {scale_set_count} concurrent scale set(s) (one per 600 instances of each)"
            ));
        } else {
            terms.push(format!("+ {ss_replicas} for {scale_set_count} concurrent scale set(s)"));
        }
    }
    let load_count = vm_replicas.saturating_add(ss_replicas);
    let margin = i64::from(load.margin_percent);
    let with_margin = if margin > 0 && load_count > 0 {
        let v = i64::try_from((i128::from(load_count) * i128::from(100 + margin) + 99) / 100).unwrap_or(i64::MAX);
        terms.push(format!("+{margin}% margin: ceil({load_count} x {}) = {v}", (100 + margin) as f64 / 100.0));
        v
    } else {
        load_count
    };
    let floor = if load.production && policy == Policy::BestPractices { 3 } else { 1 };
    let mut count = with_margin;
    if count < floor {
        terms.push(if floor == 3 { "production minimum 3".to_owned() } else { "minimum 1".to_owned() });
        count = floor;
    }
    let uncapped = count;
    let split = (count > ADVISED_MAX).then(|| {
        let parts = ceil_div(count, ADVISED_MAX);
        terms.push(format!("capped at the maximum of {ADVISED_MAX} per region (the load calls for {count})"));
        count = ADVISED_MAX;
        Split {
            parts,
            advice: format!(
                "The load calls for {uncapped} replicas in one region, above the maximum of {ADVISED_MAX} per region: split it in {parts} parts of at most {ADVISED_MAX} replicas, by deploying part of it from another region nearby, or from a second gallery or image definition."
            ),
            source: Source { document: OVERVIEW_BEST.to_owned(), quote: MAXIMUM_QUOTE.to_owned() },
        }
    });
    if let Some(s) = &split {
        warnings.push(s.advice.clone());
    }
    terms.push(format!("= {count} replica{}", if count == 1 { "" } else { "s" }));
    Recommendation { recommended: count, uncapped, split, policy, terms, sources: sources(policy), warnings }
}

/// The three policies for the same load, side by side.
pub fn compare(load: &Load) -> Vec<Recommendation> {
    Policy::ALL.iter().map(|p| recommend(load, *p)).collect()
}

/// A recommendation for one deployment region of a definition: for the version `latest` serves there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RegionRecommendation {
    /// Gallery name.
    pub gallery: String,
    /// Definition name.
    pub definition: String,
    /// The version `latest` resolves to in the region (none: nothing serves the demand there).
    pub version: Option<String>,
    /// Where that version is in the plan (none with `version`).
    pub at: Option<At>,
    /// The deployment region.
    pub region: RegionName,
    /// Replicas the version has there now.
    pub current: Option<i64>,
    /// The recommendation (none where no version serves the demand).
    pub recommendation: Option<Recommendation>,
    /// Azure's message id where no version serves the demand: `L1` or `L3`.
    pub azure_message: Option<String>,
    /// Azure's message where no version serves the demand.
    pub message: Option<String>,
}

/// Recommendations for every deployment region of every definition with demand, each for the version
/// `latest` resolves to in that region, under the given replica settings (usually [`Plan::replica_settings`]).
pub fn recommend_plan(plan: &Plan, settings: &ReplicaSettings) -> Vec<RegionRecommendation> {
    let mut out = Vec::new();
    for (gi, g) in plan.galleries.iter().enumerate() {
        for di in 0..g.images.len() {
            definition_recommendations(plan, gi, di, *settings, &mut out);
        }
    }
    out
}

/// The recommendations of one definition, in the order of its demand (the part of [`recommend_plan`] that
/// [`crate::recompute`] recomputes when the definition changes).
pub(crate) fn definition_recommendations(
    plan: &Plan,
    gi: usize,
    di: usize,
    settings: ReplicaSettings,
    out: &mut Vec<RegionRecommendation>,
) {
    let Some(g) = plan.galleries.get(gi) else { return };
    let Some(d) = g.images.get(di) else { return };
    let regions: Vec<&crate::region::RegionName> = d.demand.iter().map(|x| &x.region).collect();
    for (demand, serving) in d.demand.iter().zip(crate::latest::serving_versions(d, &regions)) {
        let mut r = RegionRecommendation {
            gallery: g.name.clone(),
            definition: d.name.clone(),
            version: None,
            at: None,
            region: demand.region.clone(),
            current: None,
            recommendation: None,
            azure_message: None,
            message: None,
        };
        match serving {
            Ok(vi) => {
                let v = &d.versions[vi];
                let load = Load::from_demand(demand, d.production == Some(true), settings.margin_percent);
                r.version = Some(v.name.clone());
                r.at = Some(At::Version(gi, di, vi));
                r.current = v.target(&demand.region).map(|t| v.replicas_in(t));
                r.recommendation = Some(recommend(&load, settings.policy));
            }
            Err(id) => {
                r.message = Some(crate::latest::no_latest_message(plan, &g.name, &d.name, &demand.region, id));
                r.azure_message = Some(id.to_owned());
            }
        }
        out.push(r);
    }
}

/// The index of the highest valid version of a definition.
pub fn newest_version(d: &ImageDefinition) -> Option<usize> {
    d.versions
        .iter()
        .enumerate()
        .filter_map(|(i, v)| v.name.parse::<ImageVersionName>().ok().map(|n| (n, i)))
        .max_by(|a, b| a.0.cmp(&b.0))
        .map(|(_, i)| i)
}

/// Writes recommended counts into a version's target regions, adding missing deployment regions as targets
/// (the source region stays whatever it was). Returns how many target regions it added or changed; `None` when
/// `version` names no version. Undo is `edit::apply`'s: `Change::ApplyReplicas` records the version before.
pub fn apply(plan: &mut Plan, version: At, counts: &[(RegionName, i64)]) -> Option<usize> {
    let v = version.version_in_mut(plan).filter(|_| matches!(version, At::Version(..)))?;
    let mut changed = 0;
    for (region, count) in counts {
        let targets = &mut v.publishing_profile.target_regions;
        if let Some(t) = targets.iter_mut().find(|t| t.name == *region) {
            if t.regional_replica_count != Some(*count) {
                t.regional_replica_count = Some(*count);
                changed += 1;
            }
        } else {
            targets.push(TargetRegion {
                name: region.clone(),
                regional_replica_count: Some(*count),
                ..TargetRegion::default()
            });
            changed += 1;
        }
    }
    Some(changed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(vms: i64, scale_sets: &[(i64, i64)], production: bool, margin: u32) -> Load {
        Load {
            concurrent_vms: vms,
            scale_sets: scale_sets
                .iter()
                .map(|&(instances, count)| ScaleSetLoad { instances, count, ..ScaleSetLoad::default() })
                .collect(),
            production,
            margin_percent: margin,
        }
    }

    fn n(l: &Load, p: Policy) -> i64 {
        recommend(l, p).recommended
    }

    #[test]
    fn the_documents_own_examples() {
        assert_eq!(n(&load(500, &[], false, 0), Policy::ScalingGuidance), 10);
        assert_eq!(n(&load(1_000, &[], false, 0), Policy::BestPractices), 50);
        assert_eq!(n(&load(120, &[], false, 0), Policy::BestPractices), 6);
        assert_eq!(n(&load(120, &[], false, 0), Policy::Guidance2019), 6);
        assert_eq!(n(&load(0, &[(600, 5)], false, 0), Policy::Guidance2019), 5);
    }

    #[test]
    fn terms_show_the_reasoning() {
        let r = recommend(&load(120, &[(600, 2)], true, 20), Policy::BestPractices);
        assert_eq!(
            r.terms,
            [
                "ceil(120 VMs / 20) = 6",
                "+ 2 for 2 concurrent scale set(s)",
                "+20% margin: ceil(8 x 1.2) = 10",
                "= 10 replicas"
            ]
        );
        assert_eq!(r.recommended, 10);
        assert!(r.sources[0].quote.starts_with("Keep a minimum of 3 replicas for production images."));
        assert_eq!(
            recommend(&load(0, &[(1_000, 1)], false, 0), Policy::Guidance2019).terms[1],
            "+ 2 for 1 concurrent scale set(s) (one per 600 instances of each)"
        );
    }

    #[test]
    fn floors() {
        assert_eq!(n(&load(0, &[], false, 10), Policy::BestPractices), 1);
        assert_eq!(n(&load(0, &[], true, 10), Policy::BestPractices), 3);
        assert_eq!(
            recommend(&load(0, &[], true, 10), Policy::BestPractices).terms,
            ["ceil(0 VMs / 20) = 0", "production minimum 3", "= 3 replicas"]
        );
        assert_eq!(n(&load(0, &[], true, 10), Policy::ScalingGuidance), 1);
        assert_eq!(n(&load(20, &[], true, 0), Policy::BestPractices), 3);
    }

    #[test]
    fn never_above_fifty_in_one_region() {
        let over = recommend(&load(5_000, &[], false, 0), Policy::BestPractices);
        assert_eq!((over.recommended, over.uncapped), (50, 250));
        let split = over.split.as_ref().unwrap();
        assert_eq!(split.parts, 5);
        assert_eq!(
            split.advice,
            "The load calls for 250 replicas in one region, above the maximum of 50 per region: split it in 5 parts of at most 50 replicas, by deploying part of it from another region nearby, or from a second gallery or image definition."
        );
        assert_eq!(
            split.source.quote,
            "For example, if you create 1000 VMs concurrently, you should keep 50 replicas (you can have a maximum of 50 replicas per region)."
        );
        assert_eq!(over.warnings, std::slice::from_ref(&split.advice));
        assert_eq!(over.terms[1], "capped at the maximum of 50 per region (the load calls for 250)");
        let pushed = recommend(&load(1_000, &[], false, 10), Policy::BestPractices);
        assert_eq!((pushed.recommended, pushed.uncapped, pushed.split.map(|s| s.parts)), (50, 55, Some(2)));
        let exact = recommend(&load(1_000, &[], false, 0), Policy::BestPractices);
        assert!(exact.warnings.is_empty() && exact.split.is_none() && exact.uncapped == 50);
        let silly = recommend(&load(i64::MAX, &[(i64::MAX, i64::MAX), (-1, 2)], true, u32::MAX), Policy::Guidance2019);
        assert_eq!(silly.recommended, 50);
        assert_eq!(
            recommend(&load(-5, &[], false, 0), Policy::BestPractices).warnings[0],
            "Concurrent VMs cannot be negative (-5); counted as 0."
        );
    }

    /// A definition with a global exclude on its newest version and a regional exclude on the next one: every
    /// recommendation sizes the version `latest` serves in its region, and none is above 50.
    #[test]
    fn recommendations_follow_latest_and_stay_at_fifty() {
        let mut plan = crate::sample::plan();
        let settings = ReplicaSettings::default();
        let d = plan.galleries[0].definition_mut(0).unwrap();
        let names: Vec<&str> = d.versions.iter().map(|v| v.name.as_str()).collect();
        assert_eq!(names, ["1.0.9", "1.0.12", "2.0.0"]);
        d.demand = vec![
            crate::model::RegionDemand {
                region: RegionName::new("eastus"),
                concurrent_vms: 1_200,
                ..Default::default()
            },
            crate::model::RegionDemand {
                region: RegionName::new("westeurope"),
                concurrent_vms: 40,
                ..Default::default()
            },
            crate::model::RegionDemand {
                region: RegionName::new("japaneast"),
                concurrent_vms: 40,
                ..Default::default()
            },
        ];
        d.version_mut(2).unwrap().publishing_profile.exclude_from_latest = Some(true);
        d.version_mut(1)
            .unwrap()
            .publishing_profile
            .target_regions
            .iter_mut()
            .find(|t| t.name.key() == "eastus")
            .unwrap()
            .exclude_from_latest = Some(true);
        let recs = recommend_plan(&plan, &settings);
        let matrix = crate::latest::latest_matrix(&plan);
        let mine: Vec<&RegionRecommendation> = recs.iter().filter(|r| r.definition == "ubuntu-22.04-lts").collect();
        assert_eq!(mine.len(), 3);
        for r in &mine {
            let cell = matrix.iter().find(|c| c.definition == r.definition && c.region == r.region.key()).unwrap();
            assert_eq!(r.version, cell.latest, "{}", r.region);
            assert_eq!(r.azure_message, cell.azure_message, "{}", r.region);
            assert!(r.recommendation.as_ref().is_none_or(|x| x.recommended <= ADVISED_MAX));
        }
        assert_eq!(mine[0].version.as_deref(), Some("1.0.9"));
        assert_eq!(mine[0].recommendation.as_ref().map(|x| (x.recommended, x.uncapped)), Some((50, 66)));
        assert_eq!(mine[1].version.as_deref(), Some("2.0.0"), "re-included in westeurope by its regional flag");
        assert_eq!(mine[2].version, None);
        assert_eq!(mine[2].recommendation, None);
        assert_eq!(mine[2].azure_message.as_deref(), Some("L3"));
        assert!(mine[2].message.as_deref().unwrap().ends_with("/images/ubuntu-22.04-lts is not available in japaneast region. Please contact image owner to replicate to this region, or change your requested region"));
        for r in &recs {
            assert!(r.recommendation.as_ref().is_none_or(|x| x.recommended <= ADVISED_MAX));
        }
        // Issues say the same: REC-02 names the version latest serves and the recommended figure.
        let report = crate::validate::validate(&plan, chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap());
        let rec02: Vec<&str> =
            report.issues.iter().filter(|i| i.code == "REC-02").map(|i| i.message.as_str()).collect();
        assert!(
            rec02.iter().any(|m| m.starts_with("Version 1.0.9, which latest gives in East US, has ")
                && m.contains("calls for 50 under")),
            "{rec02:?}"
        );
    }

    #[test]
    fn replica_settings_json() {
        let read = |t: &str| serde_json::from_str::<ReplicaSettings>(t).map_err(|e| e.to_string());
        assert_eq!(
            read(r#"{"policy": "2019", "marginPercent": 0}"#),
            Ok(ReplicaSettings { policy: Policy::Guidance2019, margin_percent: 0 })
        );
        assert_eq!(read("{}"), Ok(ReplicaSettings::default()));
        assert_eq!(read("null"), Ok(ReplicaSettings::default()));
        assert_eq!(
            read(r#"{"policy": "lots"}"#),
            Err(r#"replicaPolicy.policy: "lots" is not one of bestPractices, scaling, 2019"#.to_owned())
        );
        assert_eq!(
            read(r#"{"marginPercent": -1}"#),
            Err("replicaPolicy.marginPercent: -1 is not a whole number of percent".to_owned())
        );
        let s = ReplicaSettings { policy: Policy::ScalingGuidance, margin_percent: 25 };
        assert_eq!(serde_json::to_string(&s).unwrap(), r#"{"policy":"scaling","marginPercent":25}"#);
    }

    #[test]
    fn policies_side_by_side() {
        let all: Vec<(Policy, i64)> =
            compare(&load(500, &[(600, 2)], false, 0)).into_iter().map(|r| (r.policy, r.recommended)).collect();
        assert_eq!(all, [(Policy::BestPractices, 27), (Policy::ScalingGuidance, 12), (Policy::Guidance2019, 27)]);
        assert_eq!(serde_json::to_value(Policy::Guidance2019).unwrap(), "2019");
        assert_eq!(Policy::parse("best-practices"), Some(Policy::BestPractices));
        assert_eq!(Policy::parse("nope"), None);
    }

    #[test]
    fn apply_on_the_sample() {
        let mut plan = crate::sample::plan();
        let recs = recommend_plan(&plan, &ReplicaSettings { policy: Policy::BestPractices, margin_percent: 0 });
        let ubuntu: Vec<(String, Option<&str>, Option<i64>, i64)> = recs
            .iter()
            .filter(|r| r.definition == "ubuntu-22.04-lts")
            .map(|r| {
                (
                    r.region.key().to_owned(),
                    r.version.as_deref(),
                    r.current,
                    r.recommendation.as_ref().unwrap().recommended,
                )
            })
            .collect();
        // 2.0.0 is excluded from latest but re-included in West Europe: eastus is served by 1.0.12.
        assert_eq!(
            ubuntu,
            [("eastus".to_owned(), Some("1.0.12"), Some(8), 8), ("westeurope".to_owned(), Some("2.0.0"), Some(3), 3)]
        );
        let r = &recs[0];
        let changed = apply(
            &mut plan,
            r.at.unwrap(),
            &[(RegionName::new("eastus"), 9), (RegionName::new("westeurope"), 3), (RegionName::new("northeurope"), 4)],
        )
        .unwrap();
        assert_eq!(changed, 2, "westeurope already has 3");
        let v = &plan.galleries[0].images[0].versions[1];
        assert_eq!(v.target(&RegionName::new("eastus")).unwrap().regional_replica_count, Some(9));
        assert_eq!(v.target(&RegionName::new("northeurope")).unwrap().regional_replica_count, Some(4));
        assert!(apply(&mut plan, At::Version(9, 9, 9), &[]).is_none());
    }
}
