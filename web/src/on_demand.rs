//! The builds the app loads on demand (`on-demand.js`): the explain build for the Troubleshoot view and the
//! interchange build (the importers of other formats than Plan JSON, and the exporters) for the Import /
//! export view. Each answers in JSON text, read here with the core's own types; a build that cannot be loaded
//! (offline before it was ever fetched) is an error message for the view, never a panic.

use acg_core::interchange::{ExportFormat, Exported, ImportOptions, Imported};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/src/on-demand.js")]
extern "C" {
    #[wasm_bindgen(catch, js_name = explainText)]
    async fn explain_text(text: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_name = importText)]
    async fn import_text(text: &str, parameters: Option<String>, name: Option<String>) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_name = exportText)]
    async fn export_text(plan: &str, format: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_name = warm)]
    fn warm_builds();
}

/// Starts loading the on-demand builds in the background (the app calls it once it is up).
pub fn warm() {
    warm_builds();
}

/// A thrown JS error's message.
fn message(e: &JsValue) -> String {
    let message = js_sys::Reflect::get(e, &"message".into()).ok().and_then(|m| m.as_string());
    message.or_else(|| e.as_string()).unwrap_or_else(|| "unknown error".to_owned())
}

/// The explain build's answer for `text`, as JSON text.
pub async fn explain(text: &str) -> Result<String, String> {
    explain_text(text).await.map(|json| json.as_string().unwrap_or_default()).map_err(|e| message(&e))
}

/// Why an on-demand import did not happen: the text's own error (from the core), or the build could not load.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failed {
    /// What the import said is wrong with the text.
    Import(String),
    /// The interchange build could not be loaded (or answered something unreadable).
    Load(String),
}

/// Imports `text` in any format: Plan JSON here (the core's `import_plan`), every other format in the
/// interchange build (the core's `import_with`).
pub async fn import(text: String, options: ImportOptions) -> Result<Imported, Failed> {
    if let Some(imported) = acg_core::interchange::import_plan(&text) {
        return imported.map_err(|e| Failed::Import(e.to_string()));
    }
    let json = import_text(&text, options.parameters, options.name).await.map_err(|e| {
        // The build's own errors are `Error`s thrown by the import; a failed `import()` of the module is a
        // `TypeError` (a network error) or a `SyntaxError`.
        let name = js_sys::Reflect::get(&e, &"name".into()).ok().and_then(|n| n.as_string()).unwrap_or_default();
        if name == "Error" { Failed::Import(message(&e)) } else { Failed::Load(message(&e)) }
    })?;
    let json = json.as_string().unwrap_or_default();
    acg_core::model::parse_json(&json).map_err(|e| Failed::Load(format!("unexpected answer: {e}")))
}

/// A plan written in a format by the interchange build (the core's `export_with_notes`).
pub async fn export(plan_json: &str, format: ExportFormat) -> Result<Exported, String> {
    #[derive(serde::Deserialize)]
    struct Answer {
        text: String,
        notes: Vec<String>,
    }
    let json = export_text(plan_json, format.id()).await.map_err(|e| message(&e))?;
    let json = json.as_string().unwrap_or_default();
    let answer: Answer = acg_core::model::parse_json(&json).map_err(|e| format!("unexpected answer: {e}"))?;
    Ok(Exported { text: answer.text, notes: answer.notes })
}
