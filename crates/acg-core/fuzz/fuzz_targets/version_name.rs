//! Version names: parsing never panics, and what parses prints back as written.
#![no_main]

use acg_core::ImageVersionName;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Ok(v) = text.parse::<ImageVersionName>() {
        assert_eq!(v.to_string(), text);
        assert_eq!(v.to_string().parse::<ImageVersionName>().ok(), Some(v));
    }
});
