//! A plan's counts: its versions, the distinct regions they replicate to and their replicas (the summary bar).

use std::collections::HashSet;

use super::Plan;
use crate::region::regions;

/// Versions, distinct target regions and replicas of a plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    /// Image versions.
    pub versions: usize,
    /// Distinct target regions (compared normalized, as Azure does).
    pub regions: usize,
    /// Replicas over every version's target regions (a region's own count, else the version's, else 1).
    pub replicas: i64,
}

impl Plan {
    /// The plan's [`Counts`], in one pass: a catalog region is marked by its position, any other by its
    /// normalized name (no hashing of the regions Azure knows, which are nearly all of them).
    pub fn counts(&self) -> Counts {
        let mut known = vec![false; regions().len()];
        let mut other: HashSet<&str> = HashSet::new();
        let mut counts = Counts::default();
        for v in self.galleries.iter().flat_map(|g| &g.images).flat_map(|d| &d.versions) {
            counts.versions += 1;
            for t in &v.publishing_profile.target_regions {
                match t.name.catalog_index().and_then(|i| known.get_mut(i)) {
                    Some(seen) => *seen = true,
                    None => {
                        other.insert(t.name.key());
                    }
                }
                counts.replicas = counts.replicas.saturating_add(v.replicas_in(t));
            }
        }
        counts.regions = known.iter().filter(|k| **k).count() + other.len();
        counts
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::region::RegionName;

    /// The counts the plain way: every region's normalized name in a sorted list.
    fn plainly(plan: &Plan) -> Counts {
        let mut names: Vec<&str> = Vec::new();
        let mut c = Counts::default();
        for v in plan.galleries.iter().flat_map(|g| &g.images).flat_map(|d| &d.versions) {
            c.versions += 1;
            for t in &v.publishing_profile.target_regions {
                names.push(t.name.key());
                c.replicas += v.replicas_in(t);
            }
        }
        names.sort_unstable();
        names.dedup();
        c.regions = names.len();
        c
    }

    #[test]
    fn counts_regions_by_normalized_name_and_replicas_with_their_defaults() {
        let mut plan = crate::sample::plan();
        let before = plan.counts();
        assert_eq!(before, plainly(&plan));
        assert!(before.versions > 1 && before.regions > 1 && before.replicas > 1);
        let m = crate::generate::plan(crate::generate::PlanSize::M, 3);
        assert_eq!(m.counts(), plainly(&m));

        // A region written another way is the same region; one Azure does not know is one more, once.
        let v = plan.galleries[0].definition_mut(0).unwrap().version_mut(0).unwrap();
        let mut again = v.publishing_profile.target_regions[0].clone();
        again.name = RegionName::new(&again.name.key().to_uppercase());
        again.regional_replica_count = Some(7);
        let mut unknown = again.clone();
        unknown.name = RegionName::new("moon-base-1");
        unknown.regional_replica_count = None;
        v.publishing_profile.target_regions.extend([again, unknown.clone(), unknown]);
        let after = plan.counts();
        assert_eq!(after, plainly(&plan));
        assert_eq!((after.versions, after.regions), (before.versions, before.regions + 1));
        assert!(after.replicas >= before.replicas + 9);
    }
}
