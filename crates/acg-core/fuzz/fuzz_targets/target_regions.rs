//! The `az` target-region syntax: parsing never panics, and formatting what parsed parses to the same.
#![no_main]

use acg_core::target_regions::{format, parse};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Ok(targets) = parse(text) {
        let again = parse(&format(&targets)).expect("formatted target regions parse");
        assert_eq!(again, targets);
    }
});
