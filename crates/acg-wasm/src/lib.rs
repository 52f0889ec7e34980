//! `acg-wasm`: the planner's JS API, a thin facade over `acg-core`.

use wasm_bindgen::prelude::*;

/// Parses an image version name; returns its canonical text or throws an `Error` with the reason.
#[wasm_bindgen(js_name = parseVersion)]
pub fn parse_version(name: &str) -> Result<String, JsError> {
    name.parse::<acg_core::ImageVersionName>().map(|v| v.to_string()).map_err(|e| JsError::new(&e.to_string()))
}
