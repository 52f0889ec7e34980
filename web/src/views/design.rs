//! Design: the tree of galleries, definitions and versions, and the form of the selected resource.
//!
//! The tree is an ARIA tree with one tab stop: the selected item is the only one in the tab order, the arrow
//! keys move the selection (it follows focus), Left and Right collapse and expand, Home and End go to the
//! ends, typing letters finds the next item whose name starts with them. Items are a flat list with
//! `aria-level` (no buttons nested in items); the add buttons sit below the tree.

use std::collections::HashSet;

use acg_core::edit::{At, Change};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::form::form;
use super::{change, on, use_ctx};
use crate::state::Action;

/// The DOM id of a tree item.
pub(crate) fn node_id(at: At) -> String {
    match at {
        At::Gallery(g) => format!("node-{g}"),
        At::Definition(g, d) => format!("node-{g}-{d}"),
        At::Version(g, d, v) | At::TargetRegion(g, d, v, _) => format!("node-{g}-{d}-{v}"),
    }
}

/// One visible row of the tree.
struct Item {
    at: At,
    level: u8,
    kind: &'static str,
    name: String,
    /// `Some(expanded)` when the item has children.
    expanded: Option<bool>,
}

/// The visible items, in order: collapsed items hide their children.
fn visible(plan: &acg_core::Plan, collapsed: &HashSet<At>) -> Vec<Item> {
    let mut out = Vec::new();
    for (gi, g) in plan.galleries.iter().enumerate() {
        let at = At::Gallery(gi);
        let open = !collapsed.contains(&at);
        out.push(Item {
            at,
            level: 1,
            kind: "Gallery",
            name: g.name.clone(),
            expanded: (!g.images.is_empty()).then_some(open),
        });
        if !open {
            continue;
        }
        for (di, d) in g.images.iter().enumerate() {
            let at = At::Definition(gi, di);
            let open = !collapsed.contains(&at);
            out.push(Item {
                at,
                level: 2,
                kind: "Definition",
                name: d.name.clone(),
                expanded: (!d.versions.is_empty()).then_some(open),
            });
            if !open {
                continue;
            }
            for (vi, v) in d.versions.iter().enumerate() {
                out.push(Item {
                    at: At::Version(gi, di, vi),
                    level: 3,
                    kind: "Version",
                    name: v.name.clone(),
                    expanded: None,
                });
            }
        }
    }
    out
}

/// The items whose name contains `query` (any case) and the items that hold them; all when the query is blank.
fn filtered(items: Vec<Item>, query: &str) -> Vec<Item> {
    let query = query.trim().to_lowercase();
    if query.is_empty() {
        return items;
    }
    let hits: HashSet<At> = items.iter().filter(|i| i.name.to_lowercase().contains(&query)).map(|i| i.at).collect();
    items
        .into_iter()
        .filter(|i| {
            hits.iter().any(|h| {
                let mut a = Some(*h);
                while let Some(x) = a {
                    if x == i.at {
                        return true;
                    }
                    a = x.parent();
                }
                false
            })
        })
        .collect()
}

/// The tree node a selection shows as (a target region shows as its version).
fn tree_node(at: At) -> At {
    match at {
        At::TargetRegion(g, d, v, _) => At::Version(g, d, v),
        other => other,
    }
}

/// The design view: the tree and the form of the selected resource.
#[component]
pub fn Design() -> Html {
    let c = use_ctx();
    let state = &c.state;
    let plan = &state.plan;
    let sel = state.selection.map(tree_node);
    let collapsed = use_state(HashSet::<At>::new);
    // Type-to-find: the letters typed in the last second.
    let typed = use_mut_ref(|| (String::new(), 0.0_f64));
    let query = use_state(String::new);
    let items = filtered(visible(plan, &collapsed), &query);
    // The one tab stop: the selected item when it is visible, else the first.
    let stop = sel.filter(|s| items.iter().any(|i| i.at == *s)).or_else(|| items.first().map(|i| i.at));
    // After a key handled in the tree (the selection moved, an item collapsed), focus goes to the tab stop.
    let refocus = use_mut_ref(|| false);
    {
        let refocus = refocus.clone();
        use_effect(move || {
            if std::mem::take(&mut *refocus.borrow_mut())
                && let Some(el) = stop
                    .and_then(|at| gloo::utils::document().get_element_by_id(&node_id(at)))
                    .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
            {
                let _ = el.focus();
            }
        });
    }
    let onkeydown = {
        let state = state.clone();
        let collapsed = collapsed.clone();
        let refocus = refocus.clone();
        let order: Vec<(At, Option<bool>, String)> =
            items.iter().map(|i| (i.at, i.expanded, i.name.to_lowercase())).collect();
        Callback::from(move |e: KeyboardEvent| {
            if e.ctrl_key() || e.meta_key() || e.alt_key() {
                return;
            }
            let here = order.iter().position(|(at, ..)| Some(*at) == stop).unwrap_or(0);
            let go = |i: usize| order.get(i).map(|(at, ..)| *at);
            let toggle = |at: At, open: bool| {
                let mut set = (*collapsed).clone();
                if open {
                    set.remove(&at)
                } else {
                    set.insert(at)
                };
                collapsed.set(set);
            };
            let target = match e.key().as_str() {
                "ArrowDown" => go(here + 1),
                "ArrowUp" => here.checked_sub(1).and_then(go),
                "Home" => go(0),
                "End" => order.len().checked_sub(1).and_then(go),
                "ArrowRight" => match order.get(here) {
                    Some((at, Some(false), _)) => {
                        toggle(*at, true);
                        None
                    }
                    Some((_, Some(true), _)) => go(here + 1),
                    _ => None,
                },
                "ArrowLeft" => match order.get(here) {
                    Some((at, Some(true), _)) => {
                        toggle(*at, false);
                        None
                    }
                    Some((at, ..)) => at.parent(),
                    None => None,
                },
                "Enter" | " " => {
                    if let Some((at, Some(open), _)) = order.get(here) {
                        toggle(*at, !open);
                    }
                    None
                }
                key if key.chars().count() == 1 && !key.trim().is_empty() => {
                    let now = js_sys::Date::now();
                    let mut t = typed.borrow_mut();
                    if now - t.1 > 1000.0 {
                        t.0.clear();
                    }
                    t.1 = now;
                    t.0.push_str(&key.to_lowercase());
                    // A repeated first letter cycles; more letters refine from the current item.
                    let (prefix, start) = if t.0.chars().all(|c| t.0.starts_with(c)) {
                        (t.0.chars().take(1).collect::<String>(), here + 1)
                    } else {
                        (t.0.clone(), here)
                    };
                    let n = order.len();
                    (0..n).map(|k| (start + k) % n).find(|&i| order[i].2.starts_with(&prefix)).and_then(go)
                }
                _ => return,
            };
            e.prevent_default();
            *refocus.borrow_mut() = true;
            if let Some(at) = target {
                state.dispatch(Action::Select(Some(at)));
            }
        })
    };
    let node = |item: &Item| {
        let at = item.at;
        let (errors, warnings) = c.issues().counts_under(at);
        let selected = sel == Some(at);
        let label = if item.name.is_empty() { "(no name)" } else { item.name.as_str() };
        let toggle = item.expanded.map(|open| {
            let collapsed = collapsed.clone();
            Callback::from(move |e: MouseEvent| {
                e.stop_propagation();
                let mut set = (*collapsed).clone();
                if open {
                    set.insert(at)
                } else {
                    set.remove(&at)
                };
                collapsed.set(set);
            })
        });
        html! {
            <li key={node_id(at)} role="treeitem" id={node_id(at)} class={classes!("node", format!("level-{}", item.level), selected.then_some("selected"))}
                aria-level={item.level.to_string()} aria-selected={selected.to_string()} aria-expanded={item.expanded.map(|o| o.to_string())}
                tabindex={if stop == Some(at) { "0" } else { "-1" }} onclick={on(state, move |_| Action::Select(Some(at)))}>
                if let (Some(open), Some(toggle)) = (item.expanded, toggle) {
                    <span class="twisty" aria-hidden="true" onclick={toggle}>{ if open { "▾" } else { "▸" } }</span>
                } else { <span class="twisty" aria-hidden="true"></span> }
                <span class="kind">{ item.kind }</span>{ " " }<span class="node-name">{ label }</span>
                if errors > 0 { { " " }<span class="badge error">{ format!("{errors} error{}", if errors == 1 { "" } else { "s" }) }</span> }
                if warnings > 0 { { " " }<span class="badge warning">{ format!("{warnings} warning{}", if warnings == 1 { "" } else { "s" }) }</span> }
            </li>
        }
    };
    // The add buttons of the selection's gallery and definition.
    let gallery = sel.map(|s| match s {
        At::Gallery(g) | At::Definition(g, _) | At::Version(g, ..) | At::TargetRegion(g, ..) => g,
    });
    let definition = sel.and_then(|s| match s {
        At::Definition(g, d) | At::Version(g, d, _) | At::TargetRegion(g, d, ..) => Some((g, d)),
        At::Gallery(_) => None,
    });
    let add_definition = gallery.and_then(|g| plan.galleries.get(g).map(|x| (g, x.name.clone()))).map(|(g, name)| {
        let gallery = At::Gallery(g);
        html! { <button class="add" onclick={change(state, move |_| Change::AddDefinition { gallery })}>{ format!("+ Image definition in {name}") }</button> }
    });
    let add_version = definition
        .and_then(|(g, d)| plan.galleries.get(g).and_then(|x| x.images.get(d)).map(|x| (g, d, x.name.clone())))
        .map(|(g, d, name)| {
            let definition = At::Definition(g, d);
            html! { <button class="add" onclick={change(state, move |_| Change::AddVersion { definition })}>{ format!("+ Version of {name}") }</button> }
        });
    let tree = html! {
        <nav class="tree card" aria-label="Galleries, image definitions and versions">
            if !plan.galleries.is_empty() {
                <div class="field tree-search">
                    <label for="tree-search">{ "Find in the tree" }</label>
                    <input id="tree-search" type="search" autocomplete="off" placeholder="A name, or part of one" value={(*query).clone()}
                        oninput={{ let query = query.clone(); Callback::from(move |e: InputEvent| query.set(super::input_value(&e))) }} />
                </div>
            }
            if !query.trim().is_empty() && items.is_empty() { <p class="empty" role="status">{ "No name in the tree contains that." }</p> }
            if !items.is_empty() {
                <ul role="tree" aria-label="Galleries, image definitions and versions" {onkeydown}>
                    { for items.iter().map(node) }
                </ul>
                <p class="hint tree-keys">{ "Arrow keys move, Left and Right collapse and expand, letters find a name." }</p>
            }
            <div class="tree-actions">
                <button class="add" onclick={change(state, |_| Change::AddGallery)}>{ "+ Gallery" }</button>
                { for add_definition }
                { for add_version }
            </div>
            if plan.galleries.is_empty() { <p class="empty">{ "No galleries yet: add one, or import an ARM template or az output under Import / export." }</p> }
        </nav>
    };
    html! {
        <div class="design">
            { tree }
            <section class="card form" aria-label="Selected resource">{ form(&c, state.selection) }</section>
        </div>
    }
}
