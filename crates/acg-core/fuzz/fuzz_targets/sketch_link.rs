//! A widget's link (`?sketch=…`) never panics, and the plan it opens goes through latest and the estimate.
#![no_main]

use acg_core::sketch::from_query;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Some(Ok(plan)) = from_query(text) {
        let _ = acg_core::latest::latest_matrix(&plan);
        let _ = acg_core::billing::estimate_plan(&plan, &acg_core::billing::embedded());
    }
});
