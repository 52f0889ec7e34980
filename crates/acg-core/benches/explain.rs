//! Criterion benchmark of `explain`: every message of the troubleshooting guide, one at a time, as a bare
//! message and wrapped in an ARM error body; the goal is at most 1 ms per message.
//! Run: `cargo bench -p acg-core --bench explain`.
#![allow(missing_docs, reason = "criterion_group! generates undocumented items")]

use std::hint::black_box;

use acg_core::explain::{GUIDE, explain};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

fn benches(c: &mut Criterion) {
    let bare: Vec<String> = GUIDE.iter().map(|e| e.message.to_owned()).collect();
    let wrapped: Vec<String> = bare
        .iter()
        .map(|m| {
            format!(
                "{{\"error\":{{\"code\":\"InvalidParameter\",\"message\":{}}}}}",
                serde_json::to_string(m).unwrap_or_default()
            )
        })
        .collect();
    let mut group = c.benchmark_group("explain");
    group.throughput(Throughput::Elements(bare.len() as u64));
    // The first call compiles the templates; measure the steady state.
    let _ = explain("warm up");
    group.bench_function("guide_bare", |b| {
        b.iter(|| {
            for m in &bare {
                let _ = black_box(explain(black_box(m)));
            }
        });
    });
    group.bench_function("guide_json", |b| {
        b.iter(|| {
            for m in &wrapped {
                let _ = black_box(explain(black_box(m)));
            }
        });
    });
    group.finish();
}

criterion_group!(explain_benches, benches);
criterion_main!(explain_benches);
