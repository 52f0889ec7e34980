//! The JS API facade, called as JavaScript would.

use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn parse_version_returns_the_name_or_throws_the_reason() {
    assert_eq!(acg_wasm::parse_version("1.0.12").ok().as_deref(), Some("1.0.12"));
    assert!(acg_wasm::parse_version("1.0").is_err());
}
