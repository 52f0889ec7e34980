//! Design: the tree of galleries, definitions and versions, and the form of the selected resource.

use acg_core::edit::{At, Change};
use yew::prelude::*;

use super::form::form;
use super::{change, on, use_ctx};
use crate::state::Action;

/// The design view: the tree and the form of the selected resource.
#[component]
pub fn Design() -> Html {
    let c = use_ctx();
    let state = &c.state;
    let plan = &state.plan;
    let sel = state.selection;
    let node = |at: At, label: &str, kind: &str| {
        let (n, _) = c.issues.counts_under(at);
        let selected = sel == Some(at);
        html! {
            <button class={classes!("node", selected.then_some("selected"))} aria-current={selected.then_some("true")} onclick={on(state, move |_| Action::Select(Some(at)))}>
                <span class="kind">{ kind.to_owned() }</span>{ " " }<span class="node-name">{ if label.is_empty() { "(no name)" } else { label } }</span>
                if n > 0 { <span class="badge error">{ format!("{n} error{}", if n == 1 { "" } else { "s" }) }</span> }
            </button>
        }
    };
    let tree = html! {
        <nav class="tree card" aria-label="Galleries, image definitions and versions">
            <ul>
            { for plan.galleries.iter().enumerate().map(|(gi, g)| {
                let gallery = At::Gallery(gi);
                html! { <li>
                    { node(gallery, &g.name, "Gallery") }
                    <ul>
                    { for g.images.iter().enumerate().map(|(di, d)| {
                        let definition = At::Definition(gi, di);
                        html! { <li>
                            { node(definition, &d.name, "Definition") }
                            <ul>
                                { for d.versions.iter().enumerate().map(|(vi, v)| html! { <li>{ node(At::Version(gi, di, vi), &v.name, "Version") }</li> }) }
                                <li><button class="add" onclick={change(state, move |_| Change::AddVersion { definition })}>{ format!("+ Version of {}", d.name) }</button></li>
                            </ul>
                        </li> }
                    }) }
                        <li><button class="add" onclick={change(state, move |_| Change::AddDefinition { gallery })}>{ format!("+ Image definition in {}", g.name) }</button></li>
                    </ul>
                </li> }
            }) }
            </ul>
            <button class="add" onclick={change(state, |_| Change::AddGallery)}>{ "+ Gallery" }</button>
            if plan.galleries.is_empty() { <p class="empty">{ "No galleries yet: add one, or import an ARM template or az output under Import / export." }</p> }
        </nav>
    };
    html! {
        <div class="design">
            { tree }
            <section class="card form" aria-label="Selected resource">{ form(&c, sel) }</section>
        </div>
    }
}
