//! Share-link decoding never panics and never inflates past the import cap; whatever decodes re-encodes to a
//! link that decodes to the same plan.
#![no_main]

use acg_core::share::{decode, encode};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Ok(plan) = decode(text) {
        let again = decode(&encode(&plan)).expect("a re-encoded plan decodes");
        assert_eq!(serde_json::to_value(&again).ok(), serde_json::to_value(&plan).ok());
    }
});
