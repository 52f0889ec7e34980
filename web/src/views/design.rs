//! Design: the tree of galleries, definitions and versions, and the form of the selected resource.
//!
//! The tree is an ARIA tree with one tab stop: the selected item is the only one in the tab order, the arrow
//! keys move the selection (it follows focus), Left and Right collapse and expand, Home and End go to the
//! ends, typing letters finds the next item whose name starts with them. Items are a flat list with
//! `aria-level`, `aria-setsize` and `aria-posinset` (no buttons nested in items); the add buttons sit below the
//! tree. Only the rows in view are rendered ([`Window`]): the keys move over every row shown, rendered or not, and
//! the one moved to is scrolled into view and focused. Big plans start with their definitions collapsed.

use std::collections::HashSet;
use std::ops::Range;
use std::rc::Rc;

use acg_core::edit::{At, Change};
use yew::prelude::*;

use super::form::form;
use super::window::{Goto, Window};
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
    /// Its position among its siblings shown, from 1, and how many they are (`aria-posinset`, `aria-setsize`).
    posinset: usize,
    setsize: usize,
}

/// Plans with more versions than this start with their definitions collapsed: the tree then opens as the list of
/// galleries and definitions, and a definition's versions show when it is expanded or one of them is selected.
const COLLAPSED_ABOVE: usize = 200;

/// The definitions collapsed when the tree first shows `plan`: all of them in a big plan, none otherwise.
fn initially_collapsed(plan: &acg_core::Plan) -> HashSet<At> {
    if plan.version_count() <= COLLAPSED_ABOVE {
        return HashSet::new();
    }
    plan.galleries
        .iter()
        .enumerate()
        .flat_map(|(gi, g)| (0..g.images.len()).map(move |di| At::Definition(gi, di)))
        .collect()
}

/// Whether `at` holds `sel` (a parent, or its parent).
fn holds(at: At, sel: Option<At>) -> bool {
    core::iter::successors(sel.and_then(At::parent), |x| x.parent()).any(|x| x == at)
}

/// The items shown, in order: a collapsed item hides its children unless the selection is among them; with a
/// query, the items whose name contains it (any case) and the items that hold them, collapsed or not.
fn visible(plan: &acg_core::Plan, collapsed: &HashSet<At>, sel: Option<At>, query: &str) -> Vec<Item> {
    let query = query.trim().to_lowercase();
    let searching = !query.is_empty();
    let mut out = Vec::new();
    let item = |at, level, kind, name: &str, children: bool, open: bool| Item {
        at,
        level,
        kind,
        name: name.to_owned(),
        expanded: children.then_some(open),
        posinset: 0,
        setsize: 0,
    };
    let open = |at: At| searching || !collapsed.contains(&at) || holds(at, sel);
    for (gi, g) in plan.galleries.iter().enumerate() {
        let at = At::Gallery(gi);
        out.push(item(at, 1, "Gallery", &g.name, !g.images.is_empty(), open(at)));
        if !open(at) {
            continue;
        }
        for (di, d) in g.images.iter().enumerate() {
            let at = At::Definition(gi, di);
            out.push(item(at, 2, "Definition", &d.name, !d.versions.is_empty(), open(at)));
            if !open(at) {
                continue;
            }
            for (vi, v) in d.versions.iter().enumerate() {
                out.push(item(At::Version(gi, di, vi), 3, "Version", &v.name, false, false));
            }
        }
    }
    if searching {
        // The hits, and every item that holds one.
        let mut keep: HashSet<At> = HashSet::new();
        for hit in out.iter().filter(|i| i.name.to_lowercase().contains(&query)) {
            for at in core::iter::successors(Some(hit.at), |x| x.parent()) {
                if !keep.insert(at) {
                    break;
                }
            }
        }
        out.retain(|i| keep.contains(&i.at));
    }
    // Positions among the siblings shown.
    let mut counts: std::collections::HashMap<Option<At>, usize> = std::collections::HashMap::new();
    for i in &mut out {
        let n = counts.entry(i.at.parent()).or_default();
        *n += 1;
        i.posinset = *n;
    }
    for i in &mut out {
        i.setsize = counts.get(&i.at.parent()).copied().unwrap_or(1);
    }
    out
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
    let collapsed = use_state(|| initially_collapsed(plan));
    // Type-to-find: the letters typed in the last second.
    let typed = use_mut_ref(|| (String::new(), 0.0_f64));
    let query = use_state(String::new);
    let items = Rc::new(visible(plan, &collapsed, sel, &query));
    // The one tab stop: the selected item when it is visible, else the first.
    let stop = sel.filter(|s| items.iter().any(|i| i.at == *s)).or_else(|| items.first().map(|i| i.at));
    let stop_index = stop.and_then(|s| items.iter().position(|i| i.at == s));
    // The row the window brings into view: the tab stop after a key handled in the tree (focused), or the
    // selection when it or the search changed (say, from the Issues view, or the search cleared); otherwise the
    // last request, unchanged.
    let refocus = use_mut_ref(|| false);
    let goto = use_mut_ref(|| ((None::<At>, String::new()), None::<Goto>, 0_u32));
    let goto_now = {
        let key = std::mem::take(&mut *refocus.borrow_mut());
        let mut g = goto.borrow_mut();
        if key || g.0.0 != sel || g.0.1 != *query {
            g.0 = (sel, (*query).clone());
            g.2 = g.2.wrapping_add(1);
            g.1 = stop_index.map(|index| Goto { index, focus: key, serial: g.2 });
        }
        g.1
    };
    let onkeydown = {
        let state = state.clone();
        let collapsed = collapsed.clone();
        let refocus = refocus.clone();
        let items = Rc::clone(&items);
        Callback::from(move |e: KeyboardEvent| {
            if e.ctrl_key() || e.meta_key() || e.alt_key() {
                return;
            }
            let here = stop_index.unwrap_or(0);
            let go = |i: usize| items.get(i).map(|x| x.at);
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
                "End" => items.len().checked_sub(1).and_then(go),
                "ArrowRight" => match items.get(here).map(|x| (x.at, x.expanded)) {
                    Some((at, Some(false))) => {
                        toggle(at, true);
                        None
                    }
                    Some((_, Some(true))) => go(here + 1),
                    _ => None,
                },
                "ArrowLeft" => match items.get(here).map(|x| (x.at, x.expanded)) {
                    Some((at, Some(true))) => {
                        toggle(at, false);
                        None
                    }
                    Some((at, _)) => at.parent(),
                    None => None,
                },
                "Enter" | " " => {
                    if let Some((at, Some(open))) = items.get(here).map(|x| (x.at, x.expanded)) {
                        toggle(at, !open);
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
                    let n = items.len();
                    (0..n)
                        .map(|k| (start + k) % n)
                        .find(|&i| items[i].name.to_lowercase().starts_with(&prefix))
                        .and_then(go)
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
    let node = {
        let (c, collapsed) = (c.clone(), collapsed.clone());
        move |index: usize, item: &Item| {
            let state = &c.state;
            let at = item.at;
            let (errors, warnings) = c.issues().counts_under(at);
            let selected = sel == Some(at);
            let label = if item.name.is_empty() { "(no name)" } else { item.name.as_str() };
            let toggle = item.expanded.map(|open| {
                let (collapsed, state) = (collapsed.clone(), state.clone());
                Callback::from(move |e: MouseEvent| {
                    e.stop_propagation();
                    let mut set = (*collapsed).clone();
                    if open {
                        set.insert(at);
                        // A collapsed item does not hide the selection: the item itself is selected instead.
                        if holds(at, sel) {
                            state.dispatch(Action::Select(Some(at)));
                        }
                    } else {
                        set.remove(&at);
                    }
                    collapsed.set(set);
                })
            });
            html! {
                <li key={node_id(at)} role="treeitem" id={node_id(at)} data-row={index.to_string()} class={classes!("node", format!("level-{}", item.level), selected.then_some("selected"))}
                    aria-level={item.level.to_string()} aria-setsize={item.setsize.to_string()} aria-posinset={item.posinset.to_string()}
                    aria-selected={selected.to_string()} aria-expanded={item.expanded.map(|o| o.to_string())}
                    tabindex={if stop == Some(at) { "0" } else { "-1" }} onclick={on(state, move |_| Action::Select(Some(at)))}>
                    if let (Some(open), Some(toggle)) = (item.expanded, toggle) {
                        <span class="twisty" aria-hidden="true" onclick={toggle}>{ if open { "▾" } else { "▸" } }</span>
                    } else { <span class="twisty" aria-hidden="true"></span> }
                    <span class="kind">{ item.kind }</span>{ " " }<span class="node-name">{ label }</span>
                    if errors > 0 { { " " }<span class="badge error"><span class="count">{ errors }</span><span class="mark" aria-hidden="true">{ " ✗" }</span><span class="word">{ if errors == 1 { " error" } else { " errors" } }</span></span> }
                    if warnings > 0 { { " " }<span class="badge warning"><span class="count">{ warnings }</span><span class="mark" aria-hidden="true">{ " ⚠" }</span><span class="word">{ if warnings == 1 { " warning" } else { " warnings" } }</span></span> }
                </li>
            }
        }
    };
    // The tree's rows in view (the window renders a range of them).
    let rows = {
        let items = Rc::clone(&items);
        Callback::from(move |range: Range<usize>| {
            let start = range.start;
            html! {
                <ul role="tree" aria-label="Galleries, image definitions and versions" onkeydown={onkeydown.clone()}>
                    { for items[range].iter().enumerate().map(|(k, item)| node(start + k, item)) }
                </ul>
            }
        })
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
                <Window len={items.len()} {rows} goto={goto_now} row_height={30.0} class="tree-window" />
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
