//! Latest: the definitions x regions matrix of `latest`, with the reasons.
#![allow(
    clippy::many_single_char_names,
    reason = "c (context), r (resolution), a/b/n (the three edits), m (message) read best short in markup"
)]

use std::ops::Range;

use acg_core::RegionName;
use acg_core::edit::{At, Change};
use acg_core::latest::Edit;
use yew::prelude::*;

use super::window::Window;
use super::{on, select_value, use_ctx};
use crate::Ctx;
use crate::state::Action;

/// The definitions x regions matrix of `latest`, with every version's reason on demand.
#[component]
pub fn Latest() -> Html {
    let c = use_ctx();
    let results = c.state.results();
    let plan = &c.state.plan;
    let cells = results.matrix();
    let open = use_state(|| None::<(usize, usize, String)>);
    let what_if = c.state.what_if.clone();
    let rows = {
        let (c, open) = (c.clone(), open.clone());
        Callback::from(move |range: Range<usize>| {
            let results = c.state.results();
            matrix_rows(&c, results.matrix(), &open, range)
        })
    };
    html! {
        <section class="card">
            <h2>{ "Latest per region" }</h2>
            <p class="hint">{ "Azure picks the highest Major.Minor.Patch among the versions replicated to a region and not excluded there; a regional flag overrides the global one." }</p>
            if let Some(changes) = what_if {
                <div class="what-if" role="status">
                    <strong>{ "What changed: " }</strong>
                    if changes.is_empty() { { "no cell of the matrix." } }
                    { for changes.iter().map(|ch| html! { <span class="change">{ format!("{} in {}: {} → {}. ", definition_label(plan, &ch.gallery, &ch.definition), RegionName::new(&ch.region).display_name(), ch.before.as_deref().unwrap_or("none"), ch.after.as_deref().unwrap_or("none")) }</span> }) }
                </div>
            }
            if cells.is_empty() { <p class="empty">{ "No image definitions yet: add one in Design." }</p> }
            <Window len={cells.len()} {rows} row_height={36.0} />
        </section>
    }
}

/// The matrix's rows in `range`, in its table (the window renders those in view).
fn matrix_rows(
    c: &Ctx,
    cells: &[acg_core::latest::MatrixCell],
    open: &UseStateHandle<Option<(usize, usize, String)>>,
    range: Range<usize>,
) -> Html {
    html! {
            <table class="matrix">
                <thead><tr><th scope="col">{ "Definition" }</th><th scope="col">{ "Region" }</th><th scope="col">{ "Latest" }</th><th scope="col">{ "Why" }</th></tr></thead>
                <tbody>{ for cells[range.clone()].iter().zip(range).map(|(cell, index)| {
                    let key = (cell.gallery_index, cell.definition_index, cell.region.clone());
                    let is_open = open.as_ref() == Some(&key);
                    let toggle = { let open = open.clone(); let key = key.clone(); Callback::from(move |_| open.set(if is_open { None } else { Some(key.clone()) })) };
                    let region = RegionName::new(&cell.region);
                    html! { <key={format!("{}-{}-{}", cell.gallery_index, cell.definition_index, cell.region)}>
                        <tr data-row={index.to_string()} class={classes!(cell.latest.is_none().then_some("none"))}>
                            <td data-label="Definition">{ At::Definition(cell.gallery_index, cell.definition_index).label(&c.state.plan) }</td>
                            <td data-label="Region">{ region.display_name().to_owned() }</td>
                            <td data-label="Latest" class="latest-cell" data-region={cell.region.clone()} data-definition={cell.definition.clone()}>{ cell.latest.clone().unwrap_or_else(|| format!("none ({})", cell.azure_message.clone().unwrap_or_default())) }</td>
                            <td data-label="Why"><button class="link" aria-expanded={is_open.to_string()} onclick={toggle}>{ if is_open { "Hide reasons" } else { "Show reasons" } }</button></td>
                        </tr>
                        if is_open { <tr><td colspan="4">{ resolution(c, cell.gallery_index, cell.definition_index, &region) }</td></tr> }
                    </> }
                }) }</tbody>
            </table>
    }
}

fn resolution(c: &Ctx, gi: usize, di: usize, region: &RegionName) -> Html {
    let Some(r) = acg_core::latest::resolve_latest(&c.state.plan, gi, di, region, c.today) else { return html! {} };
    let Some(definition) = At::Definition(gi, di).definition_in(&c.state.plan) else { return html! {} };
    let versions = &definition.versions;
    html! { <div class="resolution">
        if let Some(m) = &r.message { <p class="issue error"><span class="sev">{ "Azure says" }</span>{ " " }{ m }</p> }
        <ul>{ for r.versions.iter().enumerate().map(|(vi, v)| {
            let target = versions.get(vi).and_then(|x| x.target(region));
            let control = target.map(|t| {
                let edit = |exclude: Option<bool>| Edit::SetRegionalExclude { gallery: r.gallery.clone(), definition: r.definition.clone(), version: v.name.clone(), region: region.clone(), exclude };
                let (a, b, n) = (edit(Some(true)), edit(Some(false)), edit(None));
                let onchange = on(&c.state, move |e: Event| {
                    Action::Edit(Change::Latest { edit: match select_value(&e).as_str() { "true" => a.clone(), "false" => b.clone(), _ => n.clone() } })
                });
                let value = t.exclude_from_latest.map(|x| x.to_string()).unwrap_or_default();
                let id = format!("exclude-{gi}-{di}-{vi}-{}", region.key());
                html! { <span class="inline">
                    <label for={id.clone()}>{ "Regional exclude" }</label>
                    <select id={id} {onchange}>
                        <option value="" selected={value.is_empty()}>{ "inherit" }</option>
                        <option value="true" selected={value == "true"}>{ "excluded here" }</option>
                        <option value="false" selected={value == "false"}>{ "included here" }</option>
                    </select>
                </span> }
            });
            html! { <li class={classes!(v.candidate.then_some("candidate"))}>
                <strong>{ &v.name }</strong>{ if v.candidate { " ✓ candidate: " } else { " ✗ " } }{ &v.reason }{ " " }{ for control }
            </li> }
        }) }</ul>
        if let Some(n) = &r.note { <p class="hint">{ n }</p> }
        { for r.contrasts.iter().map(|x| html! { <p class="contrast">{ "Beware: " }{ &x.explanation }</p> }) }
    </div> }
}

/// A definition named as every view names resources ("gallery › definition"), found by its names.
pub(super) fn definition_label(plan: &acg_core::Plan, gallery: &str, definition: &str) -> String {
    acg_core::latest::find_definition(plan, gallery, definition)
        .map_or_else(|| format!("{gallery} › {definition}"), |(g, d)| At::Definition(g, d).label(plan))
}
