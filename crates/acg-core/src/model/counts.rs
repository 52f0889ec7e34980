//! A plan's counts: its versions, the distinct regions they replicate to and their replicas (the summary bar).
//!
//! Counted per definition ([`DefinitionCounts`]) and summed in a [`Tally`], which can take one definition's
//! counts out and put new ones in: [`crate::recompute::Results`] keeps one, so an edit recounts only the
//! definition it changed. [`Plan::counts`] is the same tally over every definition.

use super::{ImageDefinition, Plan};
use crate::region::regions;

/// Versions, distinct target regions and replicas of a plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    /// Image versions.
    pub versions: usize,
    /// Distinct target regions (compared normalized, as Azure does).
    pub regions: usize,
    /// Replicas over every version's target regions (a region's own count, else the version's, else 1),
    /// saturated at `i64`'s bounds.
    pub replicas: i64,
}

/// One definition's counts: its versions, their replicas, and the distinct regions they replicate to (a
/// catalog region by its position, no hashing of the regions Azure knows, which are nearly all of them; any
/// other by its normalized name).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DefinitionCounts {
    versions: usize,
    replicas: i128,
    /// Catalog positions, each once.
    known: Vec<usize>,
    /// Other regions' normalized names, each once.
    other: Vec<Box<str>>,
}

impl DefinitionCounts {
    /// The counts of `d`'s versions.
    pub fn of(d: &ImageDefinition) -> Self {
        let mut c = DefinitionCounts { versions: d.versions.len(), ..Self::default() };
        let mut seen = vec![false; regions().len()];
        for v in &d.versions {
            for t in &v.publishing_profile.target_regions {
                match t.name.catalog_index().and_then(|i| seen.get_mut(i).map(|s| (i, s))) {
                    Some((i, s)) => {
                        if !*s {
                            *s = true;
                            c.known.push(i);
                        }
                    }
                    None => {
                        if !c.other.iter().any(|o| **o == *t.name.key()) {
                            c.other.push(t.name.key().into());
                        }
                    }
                }
                c.replicas += i128::from(v.replicas_in(t));
            }
        }
        c
    }
}

/// Counts summed over definitions: the plan's [`Counts`] once every definition is in, kept exact as one
/// definition's counts are taken out and its new ones put in.
#[derive(Debug, Clone, Default)]
pub struct Tally {
    versions: usize,
    replicas: i128,
    /// Per catalog region, how many of the definitions in replicate to it.
    known: Vec<u32>,
    /// Per other region (normalized name), how many of the definitions in replicate to it (few: a list).
    other: Vec<(Box<str>, u32)>,
    /// Regions with at least one definition.
    distinct: usize,
}

impl Tally {
    /// Puts a definition's counts in.
    pub fn add(&mut self, d: &DefinitionCounts) {
        self.versions += d.versions;
        self.replicas += d.replicas;
        if self.known.is_empty() {
            self.known = vec![0; regions().len()];
        }
        for &i in &d.known {
            if let Some(n) = self.known.get_mut(i) {
                *n += 1;
                self.distinct += usize::from(*n == 1);
            }
        }
        for name in &d.other {
            if let Some((_, n)) = self.other.iter_mut().find(|(o, _)| o == name) {
                *n += 1;
                self.distinct += usize::from(*n == 1);
            } else {
                self.other.push((name.clone(), 1));
                self.distinct += 1;
            }
        }
    }

    /// Takes out a definition's counts that were put in (anything else leaves the tally wrong, never panics).
    pub fn remove(&mut self, d: &DefinitionCounts) {
        self.versions = self.versions.saturating_sub(d.versions);
        self.replicas -= d.replicas;
        let mut gone = 0;
        let mut take = |n: &mut u32| {
            gone += usize::from(*n == 1);
            *n = n.saturating_sub(1);
        };
        for &i in &d.known {
            if let Some(n) = self.known.get_mut(i) {
                take(n);
            }
        }
        for name in &d.other {
            if let Some((_, n)) = self.other.iter_mut().find(|(o, _)| o == name) {
                take(n);
            }
        }
        self.distinct = self.distinct.saturating_sub(gone);
    }

    /// The plan's counts.
    pub fn counts(&self) -> Counts {
        Counts {
            versions: self.versions,
            regions: self.distinct,
            replicas: i64::try_from(self.replicas).unwrap_or(if self.replicas < 0 { i64::MIN } else { i64::MAX }),
        }
    }
}

impl Plan {
    /// The plan's [`Counts`]: every definition's [`DefinitionCounts`] in a [`Tally`].
    pub fn counts(&self) -> Counts {
        let mut tally = Tally::default();
        for d in self.galleries.iter().flat_map(|g| &g.images) {
            tally.add(&DefinitionCounts::of(d));
        }
        tally.counts()
    }

    /// The number of image versions (one length per definition; [`Counts::versions`] is the same number).
    pub fn version_count(&self) -> usize {
        self.galleries.iter().flat_map(|g| &g.images).map(|d| d.versions.len()).sum()
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

    #[test]
    fn the_sample_plan_counts_exactly() {
        let plan = crate::sample::plan();
        // eastus, westus2, westeurope, northeurope, southeastasia; counted by hand from data/sample-plan.json.
        assert_eq!(plan.counts(), Counts { versions: 6, regions: 5, replicas: 35 });
        assert_eq!(plan.version_count(), 6);
    }

    #[test]
    fn a_tally_takes_a_definition_out_and_puts_its_new_counts_in() {
        let mut plan = crate::generate::plan(crate::generate::PlanSize::S, 5);
        let mut tally = Tally::default();
        for d in plan.galleries.iter().flat_map(|g| &g.images) {
            tally.add(&DefinitionCounts::of(d));
        }
        assert_eq!(tally.counts(), plainly(&plan));
        // The first definition keeps one version in one region of its own, with 40 replicas.
        let d = plan.galleries[0].definition_mut(0).unwrap();
        let old = DefinitionCounts::of(d);
        d.versions.truncate(1);
        let v = d.version_mut(0).unwrap();
        v.publishing_profile.target_regions.truncate(1);
        v.publishing_profile.target_regions[0].name = RegionName::new("moon-base-1");
        v.publishing_profile.target_regions[0].regional_replica_count = Some(40);
        let new = DefinitionCounts::of(d);
        assert_eq!((new.versions, new.replicas, new.known.len(), new.other.len()), (1, 40, 0, 1));
        tally.remove(&old);
        tally.add(&new);
        assert_eq!(tally.counts(), plainly(&plan));
        // Taken out again, the plan without it.
        tally.remove(&new);
        let without = plainly(&plan);
        assert_eq!(tally.counts().versions, without.versions - 1);
        assert_eq!(tally.counts().replicas, without.replicas - 40);
        assert_eq!(tally.counts().regions, without.regions - 1);
    }
}
