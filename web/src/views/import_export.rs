//! Import / export: import from any format; export to every format acg-core writes.
//!
//! The importers of other formats than Plan JSON and the exporters are the interchange build, loaded on
//! demand (`crate::on_demand`): the import and every export wait for it; if it cannot be loaded, the view
//! says so and keeps what was typed.

use std::cell::Cell;
use std::rc::Rc;

use acg_core::interchange::{ExportFormat, ImportOptions};
use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

use super::{select_value, use_ctx};
use crate::PlanKey;
use crate::on_demand::{self, Failed};
use crate::state::{Action, ImportMode};

/// Exports longer than this (in bytes) are not previewed.
const PREVIEW_LIMIT: usize = 2_000_000;

/// Plans with more versions than this are exported when the user asks, not as soon as the view shows them
/// (or an import brings one): writing 10,000 versions takes seconds of the page's time.
const EXPORT_AT_ONCE: usize = 2_000;

/// Import from any format; export to every format acg-core writes.
#[component]
pub fn ImportExport() -> Html {
    let c = use_ctx();
    let state = &c.state;
    // The text to import lives in its text area alone (read when Import is clicked): a controlled text area
    // would copy megabytes out of the page at every render of the view.
    let text = use_node_ref();
    let format = use_state(|| ExportFormat::Arm);
    let parameters = use_state(String::new);
    let name = use_state(String::new);
    let mode = use_state(ImportMode::default);
    // Why the interchange build could not be loaded for the last import (the text stays as typed).
    let unloaded = use_state(|| None::<String>);
    let import = {
        let (text, parameters, name, mode) = (text.clone(), parameters.clone(), name.clone(), *mode);
        let (state, unloaded) = (state.clone(), unloaded.clone());
        let given = |t: &str| (!t.trim().is_empty()).then(|| t.trim().to_owned());
        Callback::from(move |_: MouseEvent| {
            let options = ImportOptions { parameters: given(&parameters), name: given(&name) };
            let text = text.cast::<HtmlTextAreaElement>().map(|t| t.value()).unwrap_or_default();
            let (state, unloaded) = (state.clone(), unloaded.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let imported = match on_demand::import(text, options).await {
                    Ok(imported) => Ok(Box::new(imported)),
                    Err(Failed::Import(e)) => Err(e),
                    Err(Failed::Load(e)) => return unloaded.set(Some(e)),
                };
                unloaded.set(None);
                state.dispatch(Action::ImportPlan { imported, mode });
            });
        })
    };
    let choose = |m: ImportMode| {
        let mode = mode.clone();
        Callback::from(move |_: Event| mode.set(m))
    };
    // The last import invented names: the box that takes the real ones is open.
    let names_needed = matches!(&state.import_message, Some(Ok(r)) if r.placeholders > 0);
    let on_parameters = {
        let parameters = parameters.clone();
        Callback::from(move |e: InputEvent| parameters.set(e.target_unchecked_into::<HtmlTextAreaElement>().value()))
    };
    let on_name = {
        let name = name.clone();
        Callback::from(move |e: InputEvent| name.set(e.target_unchecked_into::<HtmlInputElement>().value()))
    };
    // Reading a file (chosen or dropped) into the text area; the reader lives until it is done.
    let reader = use_state(|| None::<gloo::file::callbacks::FileReader>);
    let read_file = {
        let text = text.clone();
        let reader = reader.clone();
        Callback::from(move |file: web_sys::File| {
            let text = text.clone();
            let file = gloo::file::File::from(file);
            reader.set(Some(gloo::file::callbacks::read_as_text(&file, move |result| {
                if let Some(area) = text.cast::<HtmlTextAreaElement>() {
                    area.set_value(&result.unwrap_or_else(|e| format!("(the file could not be read: {e})")));
                }
            })));
        })
    };
    let on_file = {
        let read_file = read_file.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            if let Some(f) = input.files().and_then(|l| l.get(0)) {
                read_file.emit(f);
            }
        })
    };
    let on_drop = {
        let read_file = read_file.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            if let Some(f) = e.data_transfer().and_then(|d| d.files()).and_then(|l| l.get(0)) {
                read_file.emit(f);
            }
        })
    };
    let on_drag_over = Callback::from(|e: DragEvent| e.prevent_default());
    let on_format = {
        let format = format.clone();
        Callback::from(move |e: Event| {
            if let Some(f) = ExportFormat::parse(&select_value(&e)) {
                format.set(f);
            }
        })
    };
    // Written once per plan and format by the interchange build (a 10,000-version plan takes seconds to
    // write), shared by the preview, Copy and Download; `None` until it answers for this plan and format.
    let exported = use_state(|| None::<(ExportFormat, Result<(AttrValue, Vec<String>), String>)>);
    // A big plan is written when asked for (the plan it was asked for: an edit asks again).
    let versions = state.plan.version_count();
    let asked = use_state(|| None::<PlanKey>);
    let write = versions <= EXPORT_AT_ONCE || asked.as_ref().is_some_and(|k| Rc::ptr_eq(&k.0, &state.plan));
    let ask = {
        let (asked, plan) = (asked.clone(), Rc::clone(&state.plan));
        Callback::from(move |_: MouseEvent| asked.set(Some(PlanKey(Rc::clone(&plan)))))
    };
    {
        let exported = exported.clone();
        use_effect_with((PlanKey(Rc::clone(&state.plan)), *format, write), move |(plan, format, write)| {
            exported.set(None);
            let stale = Rc::new(Cell::new(false));
            let (plan, format, done) = (Rc::clone(&plan.0), *format, Rc::clone(&stale));
            if *write {
                wasm_bindgen_futures::spawn_local(async move {
                    let written = match serde_json::to_string(&*plan) {
                        Ok(json) => on_demand::export(&json, format).await,
                        Err(e) => Err(e.to_string()),
                    };
                    if !done.get() {
                        exported.set(Some((format, written.map(|e| (AttrValue::from(e.text), e.notes)))));
                    }
                });
            }
            move || stale.set(true)
        });
    }
    let (ready, output, notes, failed) = match &*exported {
        Some((f, Ok((text, notes)))) => (Some(f.id()), text.clone(), notes.clone(), None),
        Some((_, Err(e))) => (None, AttrValue::default(), Vec::new(), Some(e.clone())),
        None => (None, AttrValue::default(), Vec::new(), None),
    };
    // A preview of megabytes only slows the page down: the file is there to download.
    let preview = if output.len() > PREVIEW_LIMIT {
        AttrValue::from(format!(
            "The export is {:.1} MB: too big to show here. Download it, or Copy it.",
            output.len() as f64 / 1_000_000.0
        ))
    } else {
        output.clone()
    };
    let file_name = AttrValue::from(format.file_name(&state.plan.name));
    let copy = {
        let output = output.clone();
        Callback::from(move |_| {
            if let Some(w) = web_sys::window() {
                let _ = w.navigator().clipboard().write_text(&output);
            }
        })
    };
    html! {
        <section class="card">
            <h2>{ "Import" }</h2>
            <div class="field">
                <label for="import-text">{ "Paste a Plan JSON, an ARM template, a REST body, or az sig ... list / show output (or drop a file here)" }</label>
                <textarea id="import-text" rows="8" ref={text} ondrop={on_drop} ondragover={on_drag_over} />
            </div>
            <div class="field inline">
                <label for="import-file">{ "Or choose a file" }</label>
                <input id="import-file" type="file" accept=".json,application/json" onchange={on_file} />
            </div>
            <details class="import-options" open={!parameters.is_empty() || !name.is_empty() || names_needed}>
                <summary>{ "A template's parameters, or names for a bare REST body" }</summary>
                <div class="field">
                    <label for="import-parameters">{ "Deployment parameters file (JSON: {\"parameters\": {\"name\": {\"value\": …}}}) for an ARM template" }</label>
                    <textarea id="import-parameters" rows="4" value={(*parameters).clone()} oninput={on_parameters} />
                </div>
                <div class="field">
                    <label for="import-name">{ "Names for a REST body, which carries none (Azure takes them from the URL)" }</label>
                    <span class="hint">{ "gallery, gallery/definition or gallery/definition/version" }</span>
                    <input id="import-name" type="text" autocomplete="off" spellcheck="false" value={(*name).clone()} oninput={on_name} />
                </div>
            </details>
            <fieldset class="import-mode"><legend>{ "What the import does with this plan" }</legend>
                <label><input type="radio" name="import-mode" id="import-replace" checked={*mode == ImportMode::Replace} onchange={choose(ImportMode::Replace)} />
                    { " Replace it" }</label>
                <label><input type="radio" name="import-mode" id="import-merge" checked={*mode == ImportMode::Merge} onchange={choose(ImportMode::Merge)} />
                    { " Add to it: galleries and definitions of the same name take the imported ones' contents; a version already in the plan stops the import" }</label>
            </fieldset>
            <button id="import-plan" onclick={import}>{ if *mode == ImportMode::Merge { "Import and add (Undo takes it out again)" } else { "Import (replaces the plan; Undo brings it back)" } }</button>
            if let Some(e) = &*unloaded {
                <p role="alert" class="issue error"><span class="sev">{ "Error" }</span>{ " " }{ format!("The importers could not be loaded: {e}. Nothing was imported and your text is kept: reload the page (while online) and import again.") }</p>
            }
            { match &state.import_message {
                Some(Ok(r)) => html! { <div role="status" class="report">
                    <p>{ "Imported. " }{ &r.summary }</p>
                    if r.placeholders > 0 { <p class="issue warning"><span class="sev">{ "Names needed" }</span>{ " " }{ format!("{} name(s) were invented because the document carries none: give the real ones above (gallery/definition/version) and import again, or rename them in Design.", r.placeholders) }</p> }
                    <ul>{ for r.notes.iter().map(|n| html! { <li>{ n }</li> }) }</ul>
                </div> },
                Some(Err(e)) => html! { <p role="alert" class="issue error"><span class="sev">{ "Error" }</span>{ " " }{ e }</p> },
                None => html! {},
            } }
            <h2>{ "Export" }</h2>
            <div class="field inline">
                <label for="export-format">{ "Format" }</label>
                <select id="export-format" onchange={on_format}>
                    { for ExportFormat::ALL.iter().map(|f| html! { <option value={f.id()} selected={*f == *format}>{ match f {
                        ExportFormat::Plan => "Plan JSON", ExportFormat::Arm => "ARM template", ExportFormat::Bicep => "Bicep", ExportFormat::Az => "az CLI script", ExportFormat::Terraform => "Terraform (azurerm)", ExportFormat::Csv => "Cost CSV",
                    } }</option> }) }
                </select>
                // Until the export is written (a big plan's when asked) there is nothing to copy or download: an
                // empty file under the plan's name would look like the export.
                <button onclick={copy} disabled={ready.is_none()}>{ "Copy" }</button>
                if ready.is_some() {
                    <crate::DownloadLink text={output.clone()} file={file_name} label={AttrValue::from("Download")} />
                } else {
                    <button disabled=true>{ "Download" }</button>
                }
            </div>
            <label for="export-output" class="visually-hidden">{ "Export preview" }</label>
            if let Some(e) = &failed {
                <p role="alert" class="issue error"><span class="sev">{ "Error" }</span>{ " " }{ format!("The exporters could not be loaded: {e}. Reload the page (while online) and try again.") }</p>
            } else if !write {
                <p class="muted">{ format!("This plan has {versions} versions: writing its export takes a few seconds, so it is written when you ask.") }</p>
                <button id="export-write" onclick={ask}>{ "Write the export" }</button>
            } else if ready.is_none() {
                <p role="status" class="muted">{ "Writing the export…" }</p>
            }
            // `data-format`: the format of the text shown, once written (tests wait for it).
            <textarea id="export-output" class="code" rows="20" readonly=true value={preview} data-format={ready} />
            if !notes.is_empty() {
                <div id="export-notes" class="report" role="note">
                    <p>{ "Notes: what this format writes differently from the plan, or not at all (also at the top of the file)" }</p>
                    <ul>{ for notes.iter().map(|n| html! { <li>{ n }</li> }) }</ul>
                </div>
            }
        </section>
    }
}
