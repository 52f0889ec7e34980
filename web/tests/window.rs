//! The windowing arithmetic: which rows render, and where a row asked for is scrolled to.

use acg_web::views::window::{rows_in_view, top_showing};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn renders_the_rows_in_view_and_a_few_around_them() {
    // 10,000 rows of 30 px in a 600 px box scrolled to row 1,000: about 21 rows in view.
    let r = rows_in_view(10_000, 30_000.0, 600.0, 30.0);
    assert!(r.start < 1_000 && r.start >= 1_000 - 30, "{r:?}");
    assert!(r.end > 1_021 && r.end <= 1_021 + 30, "{r:?}");
    assert!(r.len() < 80, "{r:?}");
    assert_eq!(rows_in_view(10_000, 0.0, 600.0, 30.0).start, 0);
    // The end of the list, and a list shorter than the box.
    assert_eq!(rows_in_view(100, 1_000_000.0, 600.0, 30.0), 100..100);
    assert_eq!(rows_in_view(5, 0.0, 600.0, 30.0), 0..5);
    // No height (a closed details element) and nonsense numbers still render a screenful, never panic.
    assert!(rows_in_view(10_000, 0.0, 0.0, 0.0).len() > 20);
    assert!(!rows_in_view(10_000, f64::NAN, f64::NAN, f64::NAN).is_empty());
}

#[wasm_bindgen_test]
fn a_row_asked_for_is_scrolled_to_with_the_least_scroll() {
    assert!((top_showing(15, 300.0, 600.0, 30.0) - 300.0).abs() < 1e-9, "already in view: no scroll");
    assert!((top_showing(2, 300.0, 600.0, 30.0) - 60.0).abs() < 1e-9, "above: at the top");
    assert!((top_showing(40, 300.0, 600.0, 30.0) - (41.0 * 30.0 - 600.0)).abs() < 1e-9, "below: at the bottom");
}
