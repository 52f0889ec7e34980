//! The in-browser benchmark: `index.html?bench=L` times the full recompute of a generated plan in wasm
//! (median of repeated runs, `performance.now()`), next to the one-pass baseline, and shows the figures as
//! JSON in `#bench-result` for the Playwright script (`cargo xtask bench`) to read. The app is not mounted.

use std::hint::black_box;

use acg_core::generate::{self, PlanSize};
use serde::Serialize;

/// The figures of one run.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BenchResult {
    size: String,
    versions: usize,
    target_regions: usize,
    runs: usize,
    full_recompute_median_ms: f64,
    full_recompute_min_ms: f64,
    baseline_median_ms: f64,
    generate_ms: f64,
}

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    xs.get(xs.len() / 2).copied().unwrap_or(f64::NAN)
}

/// The `bench` parameter of the page URL, if any.
pub fn requested() -> Option<PlanSize> {
    let search = web_sys::window()?.location().search().ok()?;
    let value = search.trim_start_matches('?').split('&').find_map(|kv| kv.strip_prefix("bench="))?;
    PlanSize::parse(value)
}

/// Runs the benchmark for `size`.
pub fn run(size: PlanSize) -> Option<BenchResult> {
    let perf = web_sys::window()?.performance()?;
    let t0 = perf.now();
    let plan = generate::plan(size, 42);
    let generate_ms = perf.now() - t0;
    let book = acg_core::billing::embedded();
    let today = crate::today();
    let runs = match size {
        PlanSize::S => 200,
        PlanSize::M => 40,
        PlanSize::L => 15,
    };
    // One warm-up run (first-touch allocation, lazy catalogs), then the timed ones.
    black_box(generate::full_recompute(&plan, &book, today));
    let mut full = Vec::with_capacity(runs);
    let mut base = Vec::with_capacity(runs);
    for _ in 0..runs {
        let t = perf.now();
        black_box(generate::full_recompute(black_box(&plan), &book, today));
        full.push(perf.now() - t);
        let t = perf.now();
        black_box(generate::replica_sum(black_box(&plan)));
        base.push(perf.now() - t);
    }
    let versions = plan.version_count();
    let target_regions = plan
        .galleries
        .iter()
        .flat_map(|g| &g.images)
        .flat_map(|d| &d.versions)
        .map(|v| v.publishing_profile.target_regions.len())
        .sum();
    Some(BenchResult {
        size: format!("{size:?}"),
        versions,
        target_regions,
        runs,
        full_recompute_min_ms: full.iter().copied().fold(f64::INFINITY, f64::min),
        full_recompute_median_ms: median(full),
        baseline_median_ms: median(base),
        generate_ms,
    })
}

/// Runs the benchmark and shows its figures in the page.
pub fn show(size: PlanSize) {
    let document = gloo::utils::document();
    let text = run(size).map_or_else(
        || "{\"error\": \"performance.now() is not available\"}".to_owned(),
        |r| serde_json::to_string_pretty(&r).unwrap_or_default(),
    );
    if let (Some(body), Ok(pre)) = (document.body(), document.create_element("pre")) {
        pre.set_id("bench-result");
        pre.set_text_content(Some(&text));
        let _ = body.append_child(&pre);
    }
}
