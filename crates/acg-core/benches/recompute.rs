//! Criterion benchmarks of the planner's recompute on generated plans S, M and L.
//!
//! Every group also measures a baseline: a bare loop summing the replica counts of the same plan, the
//! "one pass over memory" floor. BENCHMARKS.md reports each figure as a ratio to it.
//! Run: `cargo bench -p acg-core --bench recompute`.
#![allow(missing_docs, reason = "criterion_group! generates undocumented items")]

use std::hint::black_box;

use acg_core::Plan;
use acg_core::generate::{PlanSize, plan};
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};

/// The floor: one pass over every target region of every version.
fn baseline(plan: &Plan) -> i64 {
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

fn benches(c: &mut Criterion) {
    let mut group = c.benchmark_group("recompute");
    for size in [PlanSize::S, PlanSize::M, PlanSize::L] {
        let p = plan(size, 42);
        let label = format!("{size:?}");
        group.bench_with_input(BenchmarkId::new("baseline", &label), &p, |b, p| b.iter(|| baseline(black_box(p))));
    }
    group.finish();
}

criterion_group!(name = recompute; config = Criterion::default().sample_size(20); targets = benches);
criterion_main!(recompute);
