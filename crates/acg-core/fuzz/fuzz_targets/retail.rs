//! Retail Prices API JSON: never panics; a successful import always takes at least one price.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Ok((_, report)) = acg_core::billing::import_retail(text, &acg_core::billing::embedded()) {
        assert!(!report.taken.is_empty());
    }
});
