//! The views. Components render; `acg-core` computes.
//!
//! One file per view; `fields` holds the form fields they share.

mod charts;
mod costs;
mod design;
mod fields;
mod form;
mod import_export;
mod issues;
mod latest;
mod prices;
mod replicas;
mod summary;
mod target_regions;
pub mod window;

use acg_core::{Issue, Severity};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;
use yew_router::prelude::*;

pub use costs::Costs;
pub use design::Design;
pub use fields::{EnumSelect, EnumSelectProps, SelectField, SelectFieldProps, TextField, TextFieldProps};
pub use import_export::ImportExport;
pub use issues::Issues;
pub use latest::Latest;
pub use prices::Prices;
pub use replicas::{LoadForm, Replicas};
pub use summary::Summary;
pub use target_regions::{TargetRegionTable, TargetRegionTableProps, TargetRegionsField, TargetRegionsProps};

use acg_core::edit::{At, Change};

use crate::state::{Action, AppState};
use crate::{Ctx, Route};

/// Renders the view of a route.
pub fn switch(route: Route) -> Html {
    match route {
        Route::Design => html! { <Design /> },
        Route::Issues => html! { <Issues /> },
        Route::Latest => html! { <Latest /> },
        Route::Replicas => html! { <Replicas /> },
        Route::Costs => html! { <Costs /> },
        Route::Prices => html! { <Prices /> },
        Route::ImportExport => html! { <ImportExport /> },
        Route::Troubleshoot => html! { <crate::troubleshoot::Troubleshoot /> },
        Route::NotFound => {
            html! { <section class="card"><h2>{ "Not found" }</h2><Link<Route> to={Route::Design}>{ "Back to the design" }</Link<Route>></section> }
        }
    }
}

/// The app's context (the app always provides it).
#[hook]
pub(crate) fn use_ctx() -> Ctx {
    use_context::<Ctx>().expect("the app provides the context")
}

/// The severity as a word (never colour alone).
fn severity_label(s: Severity) -> &'static str {
    match s {
        Severity::Error => "Error",
        Severity::Warning => "Warning",
        Severity::Info => "Info",
    }
}

/// A click that selects the resource an issue is about, opens it in Design and moves focus to the field at
/// `path` (the report's path of the issue), or to the nearest field above it, or to the resource in the tree.
pub(crate) fn show_in_design(
    state: &UseReducerHandle<AppState>,
    navigator: Option<&Navigator>,
    at: Option<At>,
    path: Option<&str>,
) -> Callback<MouseEvent> {
    let (state, navigator, path) = (state.clone(), navigator.cloned(), path.map(str::to_owned));
    Callback::from(move |_| {
        state.dispatch(Action::Select(at));
        if let Some(n) = &navigator {
            n.push(&Route::Design);
        }
        let path = path.clone();
        // After Design has rendered the resource's form.
        gloo::timers::callback::Timeout::new(0, move || focus_field(path.as_deref(), at)).forget();
    })
}

/// Focuses the input of a report path, else of the nearest path above it (a row, a fieldset), else the tree item.
fn focus_field(path: Option<&str>, at: Option<At>) {
    use wasm_bindgen::JsCast;
    let doc = gloo::utils::document();
    let find = |selector: String| {
        doc.query_selector(&selector).ok().flatten().and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    };
    let mut candidate = path.map(str::to_owned);
    while let Some(p) = candidate.take() {
        let quoted = p.replace('\\', "\\\\").replace('"', "\\\"");
        if let Some(el) = find(format!("[data-path=\"{quoted}\"]")) {
            let _ = el.focus();
            return;
        }
        candidate = p.rfind(['.', '[']).map(|i| p[..i].to_owned()).filter(|s| !s.is_empty());
    }
    if let Some(el) = at.and_then(|a| find(format!("#{}", design::node_id(a)))) {
        let _ = el.focus();
    }
}

/// One issue, as text: severity word (never colour alone), rule id, message, fix.
pub(crate) fn issue_item(i: &Issue) -> Html {
    html! {
        <li class={classes!("issue", i.severity.as_str())}>
            <span class="sev">{ severity_label(i.severity) }</span>{ " " }
            <code class="rule">{ &*i.code }</code>{ " " }
            <span class="msg">{ app_message(i).into_owned() }</span>
            if let Some(fix) = &i.mitigation { <div class="fix">{ "Fix: " }{ &**fix }</div> }
        </li>
    }
}

/// The core's message as the app shows it: the catalog the CLI calls `acg regions` is the app's region search.
fn app_message(i: &Issue) -> std::borrow::Cow<'_, str> {
    if i.code.as_ref() == "REG-02" && i.message.contains("(acg regions)") {
        i.message
            .replace("the region catalog (acg regions)", "the region catalog: search it in \"Add a target region\"")
            .into()
    } else {
        std::borrow::Cow::Borrowed(&i.message)
    }
}

/// The text of the input an input event came from.
fn input_value(e: &InputEvent) -> String {
    e.target_unchecked_into::<HtmlInputElement>().value()
}

/// The value of the select (or input) a change event came from.
fn select_value(e: &Event) -> String {
    e.target_unchecked_into::<HtmlSelectElement>().value()
}

/// A callback that dispatches the action `f` makes of its event, or nothing when `f` returns `None`:
/// `on(state, |_| Action::AddGallery)`, `on(state, |e: Event| Policy::parse(&select_value(&e)).map(Action::SetPolicy))`.
pub(crate) fn on<E: 'static, A: Into<Option<Action>>>(
    state: &UseReducerHandle<AppState>,
    f: impl Fn(E) -> A + 'static,
) -> Callback<E> {
    let state = state.clone();
    Callback::from(move |e| {
        if let Some(action) = f(e).into() {
            state.dispatch(action);
        }
    })
}

/// A callback that applies the change `f` makes of its event (none: nothing to change).
pub(crate) fn change<E: 'static, C: Into<Option<Change>>>(
    state: &UseReducerHandle<AppState>,
    f: impl Fn(E) -> C + 'static,
) -> Callback<E> {
    on(state, move |e| f(e).into().map(Action::Edit))
}
