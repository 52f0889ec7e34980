//! Plan JSON: reading never panics, and a plan that reads writes back to the same plan.
#![no_main]

use acg_core::Plan;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Ok(plan) = serde_json::from_str::<Plan>(text) {
        let written = serde_json::to_string(&plan).expect("a plan serializes");
        let again: Plan = serde_json::from_str(&written).expect("a written plan reads back");
        assert_eq!(again, plan);
    }
});
