//! Explaining a pasted error: whatever the text (JSON, broken JSON, CLI lines, wrapped logs), finding the
//! errors and matching them never panics, and what comes back is consistent: every match explains an error
//! that was found, with a score in [0, 1] and no empty value.
#![no_main]

use acg_core::explain::{explain, point_at};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let Ok(mut found) = explain(text) else {
        assert!(text.trim().is_empty() || text.len() > 256 * 1024);
        return;
    };
    for m in &found.matches {
        assert!(m.error < found.errors.len(), "match of error {} of {}", m.error, found.errors.len());
        assert!((0.0..=1.0).contains(&m.score), "score {}", m.score);
        assert!(m.values.values().all(|v| !v.is_empty()));
        assert!(found.errors[m.error].matched);
    }
    assert!(found.errors.iter().all(|e| !e.message.trim().is_empty()));
    let plan = acg_core::sample::plan();
    point_at(&mut found, &plan, &acg_core::Report::default());
});
