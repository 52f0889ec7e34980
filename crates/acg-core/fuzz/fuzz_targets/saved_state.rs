//! Loading what the browser saved never panics; whatever loads saves and loads back to the same workspace.
#![no_main]

use acg_core::saved::{decode, encode};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Ok(workspace) = decode(text) {
        let again = decode(&encode(&workspace)).expect("a saved workspace loads");
        assert_eq!(encode(&again), encode(&workspace));
    }
});
