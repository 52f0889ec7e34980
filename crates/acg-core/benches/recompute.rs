//! Criterion benchmarks of the planner's recompute on generated plans S, M and L.
//!
//! Every group also measures a baseline: a bare loop summing the replica counts of the same plan, the
//! "one pass over memory" floor. BENCHMARKS.md reports each figure as a ratio to it.
//! Run: `cargo bench -p acg-core --bench recompute`.
#![allow(missing_docs, reason = "criterion_group! generates undocumented items")]

use std::hint::black_box;

use acg_core::address::At;
use acg_core::billing::{PriceBook, embedded, estimate_plan};
use acg_core::edit::{Change, Changed, Field, apply};
use acg_core::generate::{PlanSize, full_recompute, plan, replica_sum};
use acg_core::latest::latest_matrix;
use acg_core::recompute::Results;
use acg_core::replicas::recommend_plan;
use acg_core::validate::validate;
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};

fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap_or_default()
}

fn benches(c: &mut Criterion) {
    let book = embedded();
    let mut group = c.benchmark_group("recompute");
    for size in [PlanSize::S, PlanSize::M, PlanSize::L] {
        let p = plan(size, 42);
        let label = format!("{size:?}");
        group.bench_with_input(BenchmarkId::new("baseline", &label), &p, |b, p| b.iter(|| replica_sum(black_box(p))));
        group.bench_with_input(BenchmarkId::new("validate", &label), &p, |b, p| {
            b.iter(|| validate(black_box(p), today()));
        });
        group.bench_with_input(BenchmarkId::new("latest_matrix", &label), &p, |b, p| {
            b.iter(|| latest_matrix(black_box(p)));
        });
        group.bench_with_input(BenchmarkId::new("replicas", &label), &p, |b, p| {
            b.iter(|| recommend_plan(black_box(p), &p.replica_policy));
        });
        group.bench_with_input(BenchmarkId::new("estimate", &label), &p, |b, p| {
            b.iter(|| estimate_plan(black_box(p), &book));
        });
        group.bench_with_input(BenchmarkId::new("full_recompute", &label), &p, |b, p| {
            b.iter(|| full_recompute(black_box(p), &book, today()));
        });
        // What the app computes when a plan is opened or imported: the same four and the issue index, kept.
        group.bench_with_input(BenchmarkId::new("results_full", &label), &p, |b, p| {
            b.iter(|| Results::full(black_box(p), &book, today()));
        });
    }
    group.finish();
    incremental(c, &book);
    parse(c);
}

/// Reading the L plan's Plan JSON: the model's deserializers alone, and the import the app runs.
fn parse(c: &mut Criterion) {
    let mut group = c.benchmark_group("parse");
    group.sample_size(10);
    // Compact, as `acg generate` writes it (5.7 MB; the pretty form is over the 10 MiB import limit).
    let text = serde_json::to_string(&plan(PlanSize::L, 42)).unwrap_or_default();
    assert!(matches!(acg_core::interchange::import_plan(&text), Some(Ok(_))), "the L plan imports");
    group.bench_function(BenchmarkId::new("parse_json", "L"), |b| {
        b.iter(|| acg_core::model::parse_json::<acg_core::model::Plan>(black_box(&text)).map(|p| p.galleries.len()));
    });
    group.bench_function(BenchmarkId::new("import_plan", "L"), |b| {
        b.iter(|| acg_core::interchange::import_plan(black_box(&text)).map(|r| r.is_ok()));
    });
    group.finish();
}

/// One keystroke's work on L: a version's replica count set through `edit::apply`, then the results brought
/// up to date, kept (`Results::update`) or from scratch (`Results::full`).
fn incremental(c: &mut Criterion, book: &PriceBook) {
    let mut group = c.benchmark_group("incremental");
    let mut p = plan(PlanSize::L, 42);
    let mut n = 0u32;
    group.bench_function(BenchmarkId::new("set_field_full", "L"), |b| {
        b.iter(|| {
            keystroke(&mut p, &mut n);
            Results::full(black_box(&p), book, today())
        });
    });
    let mut kept = Results::full(&p, book, today());
    group.bench_function(BenchmarkId::new("set_field_kept", "L"), |b| {
        b.iter(|| {
            let changed = keystroke(&mut p, &mut n);
            kept.update(black_box(&p), book, today(), &changed);
        });
    });
    group.bench_function(BenchmarkId::new("set_field_only", "L"), |b| {
        b.iter(|| keystroke(&mut p, &mut n));
    });
    group.bench_function(BenchmarkId::new("update_only", "L"), |b| {
        let changed = Changed::Resource(At::Version(3, 0, 5));
        b.iter(|| kept.update(black_box(&p), book, today(), &changed));
    });
    group.bench_function(BenchmarkId::new("plan_clone", "L"), |b| b.iter(|| black_box(&p).clone()));
    group.finish();
}

/// Sets the replica count of one version of L (2, 3 or 4 in turn).
fn keystroke(p: &mut acg_core::Plan, n: &mut u32) -> Changed {
    *n += 1;
    let change =
        Change::SetField { at: At::Version(3, 0, 5), field: Field::ReplicaCount, text: (2 + *n % 3).to_string() };
    apply(p, change, today()).map_or(Changed::Document, |done| done.changed)
}

criterion_group!(name = recompute; config = Criterion::default().sample_size(10).measurement_time(std::time::Duration::from_secs(2)).warm_up_time(std::time::Duration::from_millis(500)); targets = benches);
criterion_main!(recompute);
