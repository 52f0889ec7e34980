//! Every import format (Plan JSON, REST bodies, az output, ARM templates) never panics, and nothing that
//! imports makes validation, latest, the estimate or an export panic.
#![no_main]

use acg_core::interchange::{ExportFormat, ExportOptions, export, import};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Ok(imported) = import(text) {
        let _ = acg_core::validate::validate(&imported.plan, chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap_or_default());
        let _ = acg_core::latest::latest_matrix(&imported.plan);
        let _ = acg_core::billing::estimate_plan(&imported.plan, &acg_core::billing::embedded());
        for format in [ExportFormat::Bicep, ExportFormat::Az, ExportFormat::Terraform] {
            let _ = export(&imported.plan, format, &ExportOptions::default());
        }
    }
});
