//! Deterministic generator of realistic plans of any size, for benchmarks and property tests.
//!
//! [`PlanSize::S`] has 10 versions, [`PlanSize::M`] 1,000, [`PlanSize::L`] 10,000 (50 definitions x 200
//! versions, 30 regions): a mix of global and regional exclude flags, storage types, replica counts and
//! shallow versions, as a large estate would have. The same seed always gives the same plan.

use std::sync::Arc;

use crate::model::{
    DataDiskUsage, Gallery, GalleryImageFeature, HyperVGeneration, ImageDefinition, ImageIdentifier, ImageVersion,
    OccupiedSize, OsState, OsType, Plan, PublishingProfile, RegionDemand, ReplicationMode, ScaleSetLoad,
    StorageAccountType, TargetRegion,
};
use crate::region::{self, RegionName};

/// A named plan size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlanSize {
    /// 10 versions: 1 gallery, 2 definitions x 5 versions, 4 regions.
    S,
    /// 1,000 versions: 2 galleries, 20 definitions x 50 versions, 20 regions.
    M,
    /// 10,000 versions: 5 galleries, 50 definitions x 200 versions, 30 regions.
    L,
}

impl PlanSize {
    /// Parses `S`, `M` or `L` (any case).
    pub fn parse(text: &str) -> Option<Self> {
        match text.trim().to_ascii_uppercase().as_str() {
            "S" => Some(Self::S),
            "M" => Some(Self::M),
            "L" => Some(Self::L),
            _ => None,
        }
    }

    /// (galleries, definitions in all, versions per definition, regions used).
    pub fn shape(self) -> Shape {
        match self {
            Self::S => Shape { galleries: 1, definitions: 2, versions_per_definition: 5, regions: 4 },
            Self::M => Shape { galleries: 2, definitions: 20, versions_per_definition: 50, regions: 20 },
            Self::L => Shape { galleries: 5, definitions: 50, versions_per_definition: 200, regions: 30 },
        }
    }
}

/// The dimensions of a generated plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shape {
    /// Number of galleries.
    pub galleries: usize,
    /// Number of definitions across all galleries.
    pub definitions: usize,
    /// Versions of each definition.
    pub versions_per_definition: usize,
    /// Distinct regions used (at most the catalog's size).
    pub regions: usize,
}

/// A small, fast, deterministic PRNG (xorshift64*), enough for test data.
struct Rng(u64);

impl Rng {
    /// Seeds through splitmix64 so nearby seeds give unrelated streams (and the state is never zero).
    fn new(seed: u64) -> Self {
        let mut z = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        Self((z ^ (z >> 31)) | 1)
    }

    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    /// A number in `0..n` (n > 0).
    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % (n.max(1) as u64)).unwrap_or(0)
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

/// Generates a plan of a named size.
pub fn plan(size: PlanSize, seed: u64) -> Plan {
    plan_with_shape(size.shape(), seed)
}

/// Generates a plan of any shape. Every version replicates to its source region plus a few others.
pub fn plan_with_shape(shape: Shape, seed: u64) -> Plan {
    let mut rng = Rng::new(seed);
    // Regions with zones first, so ZRS is valid where it is chosen.
    let mut catalog: Vec<&region::Region> = region::regions().iter().filter(|r| !r.access_restricted).collect();
    catalog.sort_by_key(|r| (!r.availability_zones, r.name));
    let regions: Vec<&region::Region> = catalog.into_iter().take(shape.regions.max(1)).collect();
    let galleries = shape.galleries.max(1);
    let mut plan = Plan {
        name: format!("Generated plan ({} versions)", shape.definitions * shape.versions_per_definition),
        ..Plan::default()
    };
    plan.subscription_id = Some("00000000-0000-0000-0000-000000000000".to_owned());
    plan.resource_group = Some("rg-images".to_owned());
    for g in 0..galleries {
        let home = regions[g % regions.len()];
        plan.galleries.push(Gallery {
            name: format!("gallery_{g:02}"),
            location: RegionName::new(home.name),
            ..Gallery::default()
        });
    }
    for d in 0..shape.definitions {
        let g = d % galleries;
        let home = plan.galleries[g].location.clone();
        let linux = d % 3 != 0;
        let mut def = ImageDefinition {
            name: format!("{}-image-{d:03}", if linux { "ubuntu" } else { "windows" }),
            os_type: Some(if linux { OsType::Linux } else { OsType::Windows }),
            os_state: Some(OsState::Generalized),
            hyper_v_generation: Some(HyperVGeneration::V2),
            identifier: ImageIdentifier {
                publisher: "contoso".to_owned(),
                offer: if linux { "ubuntu".to_owned() } else { "windows-server".to_owned() },
                sku: format!("sku-{d:03}"),
                ..ImageIdentifier::default()
            },
            features: vec![GalleryImageFeature {
                name: "SecurityType".to_owned(),
                value: "TrustedLaunchSupported".to_owned(),
                ..GalleryImageFeature::default()
            }],
            production: Some(d % 2 == 0),
            ..ImageDefinition::default()
        };
        for r in regions.iter().take(3) {
            def.demand.push(RegionDemand {
                region: RegionName::new(r.name),
                concurrent_vms: i64::try_from(rng.below(400)).unwrap_or(0),
                scale_sets: vec![ScaleSetLoad {
                    instances: 100 + i64::try_from(rng.below(800)).unwrap_or(0),
                    count: 1 + i64::try_from(rng.below(3)).unwrap_or(0),
                    ..ScaleSetLoad::default()
                }],
                ..RegionDemand::default()
            });
        }
        for v in 0..shape.versions_per_definition {
            def.versions.push(Arc::new(version(&mut rng, v, &home, &regions)));
        }
        plan.galleries[g].images.push(Arc::new(def));
    }
    plan
}

fn version(rng: &mut Rng, index: usize, home: &RegionName, regions: &[&region::Region]) -> ImageVersion {
    let shallow = rng.chance(2);
    let mut targets = vec![TargetRegion {
        name: home.clone(),
        regional_replica_count: Some(1 + i64::try_from(rng.below(5)).unwrap_or(0)),
        ..TargetRegion::default()
    }];
    if !shallow {
        let extra = 2 + rng.below(regions.len().min(8));
        let start = rng.below(regions.len());
        for k in 0..extra {
            let r = regions[(start + k) % regions.len()];
            if RegionName::new(r.name) == *home {
                continue;
            }
            let mut t = TargetRegion { name: RegionName::new(r.name), ..TargetRegion::default() };
            if rng.chance(60) {
                t.regional_replica_count = Some(1 + i64::try_from(rng.below(10)).unwrap_or(0));
            }
            if rng.chance(20) {
                t.storage_account_type = Some(if r.availability_zones && rng.chance(50) {
                    StorageAccountType::StandardZrs
                } else {
                    StorageAccountType::PremiumLrs
                });
            }
            if rng.chance(5) {
                t.exclude_from_latest = Some(rng.chance(50));
            }
            targets.push(t);
        }
    }
    let occupied = 8.0 + f64::from(u32::try_from(rng.below(120)).unwrap_or(0)) / 2.0;
    ImageVersion {
        name: format!("{}.{}.{}", 1 + index / 100, (index / 10) % 10, index % 10),
        publishing_profile: PublishingProfile {
            target_regions: targets,
            replica_count: Some(1 + i64::try_from(rng.below(3)).unwrap_or(0)),
            exclude_from_latest: rng.chance(10).then_some(true),
            storage_account_type: rng.chance(30).then_some(StorageAccountType::StandardLrs),
            replication_mode: shallow.then_some(ReplicationMode::Shallow),
            ..PublishingProfile::default()
        },
        occupied_gb: Some(OccupiedSize {
            os_disk: occupied,
            data_disks: if rng.chance(30) {
                vec![DataDiskUsage { lun: 0, gb: 4.5, ..DataDiskUsage::default() }]
            } else {
                Vec::new()
            },
            ..OccupiedSize::default()
        }),
        ..ImageVersion::default()
    }
}

/// The "one pass over memory" floor of the benchmarks: the sum of every target region's replica count.
pub fn replica_sum(plan: &Plan) -> i64 {
    let mut sum = 0i64;
    for g in &plan.galleries {
        for d in &g.images {
            for v in &d.versions {
                for t in &v.publishing_profile.target_regions {
                    sum = sum.wrapping_add(v.replicas_in(t));
                }
            }
        }
    }
    sum
}

/// Everything the planner derives from a plan, as the benchmarks time it: validation, the latest matrix,
/// replica recommendations (under the plan's replica policy) and the estimate.
pub fn full_recompute(
    plan: &Plan,
    book: &crate::billing::PriceBook,
    today: chrono::NaiveDate,
) -> (crate::Report, Vec<crate::latest::MatrixCell>, Vec<crate::replicas::RegionRecommendation>, crate::billing::Estimate)
{
    (
        crate::validate::validate(plan, today),
        crate::latest::latest_matrix(plan),
        crate::replicas::recommend_plan(plan, &plan.replica_policy),
        crate::billing::estimate_plan(plan, book),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_have_the_promised_counts() {
        for (size, versions, definitions) in [(PlanSize::S, 10, 2), (PlanSize::M, 1_000, 20), (PlanSize::L, 10_000, 50)]
        {
            let p = plan(size, 7);
            let defs: Vec<&ImageDefinition> = p.galleries.iter().flat_map(|g| &g.images).map(AsRef::as_ref).collect();
            assert_eq!(defs.len(), definitions, "{size:?}");
            assert_eq!(defs.iter().map(|d| d.versions.len()).sum::<usize>(), versions, "{size:?}");
        }
        let l = plan(PlanSize::L, 7);
        let mut regions: Vec<&str> = l
            .galleries
            .iter()
            .flat_map(|g| &g.images)
            .flat_map(|d| &d.versions)
            .flat_map(|v| &v.publishing_profile.target_regions)
            .map(|t| t.name.key())
            .collect();
        regions.sort_unstable();
        regions.dedup();
        assert_eq!(regions.len(), 30);
    }

    #[test]
    fn same_seed_same_plan_other_seed_other_plan() {
        assert_eq!(plan(PlanSize::M, 42), plan(PlanSize::M, 42));
        assert!(plan(PlanSize::M, 42) != plan(PlanSize::M, 43), "seeds 42 and 43 gave the same plan");
    }

    #[test]
    fn version_names_are_unique_per_definition() {
        let p = plan(PlanSize::L, 1);
        for d in p.galleries.iter().flat_map(|g| &g.images) {
            let mut names: Vec<&str> = d.versions.iter().map(|v| v.name.as_str()).collect();
            names.sort_unstable();
            names.dedup();
            assert_eq!(names.len(), d.versions.len());
        }
    }
}

#[cfg(test)]
mod unchanged {
    //! The full recompute's results, pinned: speeding it up must not change a byte of what it says.
    use super::*;

    /// FNV-1a of the JSON of everything `full_recompute` returns.
    fn digest(size: PlanSize) -> u64 {
        let p = plan(size, 42);
        let book = crate::billing::embedded();
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap_or_default();
        let (report, matrix, replicas, estimate) = full_recompute(&p, &book, today);
        let json = serde_json::to_string(&(report, matrix, replicas, estimate)).unwrap_or_default();
        json.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
    }

    // Re-pinned once when replica recommendations began to name their version by its `At`
    // (`"at": "galleries[0].images[0].versions[1]"` instead of `"indexes": [0, 0, 1]`): with that key written
    // back the old way, both digests were the earlier ones.
    #[test]
    fn full_recompute_of_m_says_what_it_said() {
        assert_eq!(digest(PlanSize::M), 8_153_727_032_908_157_936);
        assert_eq!(digest(PlanSize::S), 4_958_086_475_375_592_599);
    }
}
