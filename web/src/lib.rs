//! `acg-web`: the Compute Gallery planner in the browser (Yew, client-side only).
//!
//! One [`state::AppState`] changed through [`state::Action`]s; every number shown comes from `acg-core`.
//! Nothing the user types leaves the browser: the plan is saved in this browser (`IndexedDB`, `persist`), and a
//! share link carries it in the URL.

mod bench;
mod fmt;
mod on_demand;
pub mod persist;
mod plans;
mod start;
pub mod state;
mod troubleshoot;
mod version_field;
pub mod views;

use std::cell::Ref;
use std::rc::Rc;

use acg_core::Report;
use acg_core::saved::Workspace;
use chrono::NaiveDate;
use yew::prelude::*;
use yew_router::prelude::*;

pub use version_field::VersionField;

use start::{Start, initial};
use state::{Action, AppState};

/// The views, each with its URL (hash routing, so any static host serves them).
#[derive(Clone, Copy, Routable, PartialEq, Eq, Debug)]
pub enum Route {
    /// Design: the tree and the forms.
    #[at("/")]
    Design,
    /// Every validation issue.
    #[at("/issues")]
    Issues,
    /// The latest matrix.
    #[at("/latest")]
    Latest,
    /// Replica recommendations.
    #[at("/replicas")]
    Replicas,
    /// Costs.
    #[at("/costs")]
    Costs,
    /// Prices.
    #[at("/prices")]
    Prices,
    /// Import and export.
    #[at("/io")]
    ImportExport,
    /// Explain an error Azure printed.
    #[at("/troubleshoot")]
    Troubleshoot,
    /// Anything else.
    #[not_found]
    #[at("/404")]
    NotFound,
}

impl Route {
    /// The views in menu order, with their titles.
    pub const MENU: [(Route, &'static str); 8] = [
        (Route::Design, "Design"),
        (Route::Issues, "Issues"),
        (Route::Latest, "Latest"),
        (Route::Replicas, "Replicas"),
        (Route::Costs, "Costs"),
        (Route::Prices, "Prices"),
        (Route::ImportExport, "Import / export"),
        (Route::Troubleshoot, "Troubleshoot"),
    ];
}

/// What every view reads: the state handle (with the plan's results) and today's date.
#[derive(Clone, PartialEq)]
pub struct Ctx {
    /// The state and its dispatcher.
    pub state: UseReducerHandle<AppState>,
    /// Today, from the browser's clock (the core never reads one).
    pub today: NaiveDate,
}

impl Ctx {
    /// The plan's validation report (of the state's results), borrowed while a view renders.
    pub fn report(&self) -> Ref<'_, Report> {
        Ref::map(self.state.results(), acg_core::recompute::Results::report)
    }
    /// Where the report's issues are (by field path, by resource, counts under each resource), kept with it.
    pub fn issues(&self) -> Ref<'_, acg_core::report::IssueIndex> {
        Ref::map(self.state.results(), acg_core::recompute::Results::issues)
    }
}

/// Today's date from the browser.
pub fn today() -> NaiveDate {
    let d = js_sys::Date::new_0();
    NaiveDate::from_ymd_opt(d.get_full_year().cast_signed(), d.get_month() + 1, d.get_date()).unwrap_or_default()
}

/// The whole app.
#[component]
pub fn App() -> Html {
    let start = use_memo((), |()| initial());
    let state = use_reducer({
        let start = Rc::clone(&start);
        move || start.0.clone()
    });
    let banner = use_state(|| start.1.clone());
    let workspace = use_state(|| Rc::new(start.2.clone()));
    let today = *use_memo((), |()| today());
    let plan = Rc::clone(&state.plan);
    let save_error = use_state(|| None::<String>);
    // Autosave, debounced: a burst of edits is written once, a second after the last and when the browser is
    // idle (serializing a big plan takes a few hundred ms, which a keystroke must not wait for); leaving the page
    // writes what is pending at once, so nothing is lost. Paused
    // while the plan came from a link the user has not saved, a save could not be read, or another tab saved.
    let paused = use_mut_ref(|| false);
    *paused.borrow_mut() = matches!(*banner, Start::Shared | Start::Unreadable { .. } | Start::OtherTab(_));
    let pending = use_mut_ref(|| None::<(Rc<Workspace>, Rc<acg_core::Plan>)>);
    //
    // The open plan's name and its name among the saved plans are one: a plan that arrives with a name (an
    // imported Plan JSON) renames the open plan (the workspace keeps names unique), and one without (Start
    // empty) takes the saved name. (In this effect, not one of its own: an effect is about 1 KB of wasm.)
    {
        let (paused, pending, save_error) = (paused.clone(), pending.clone(), save_error.clone());
        let (workspace_handle, state) = (workspace.clone(), state.clone());
        use_effect_with((PlanKey(Rc::clone(&plan)), WorkspaceKey(Rc::clone(&workspace))), move |(p, w)| {
            let is_paused = *paused.borrow();
            if !is_paused && p.0.name != w.0.active().name {
                let mut renamed = (*w.0).clone();
                let adopted = renamed.adopt_name(&p.0.name);
                if renamed != *w.0 {
                    workspace_handle.set(Rc::new(renamed));
                }
                if adopted != p.0.name {
                    state.dispatch(Action::SetName(adopted));
                }
            }
            let timer = (!is_paused).then(|| {
                *pending.borrow_mut() = Some((Rc::clone(&w.0), Rc::clone(&p.0)));
                gloo::timers::callback::Timeout::new(1_000, move || {
                    persist::when_idle(move || {
                        let next = pending.borrow_mut().take();
                        if let Some((w, p)) = next
                            && !*paused.borrow()
                        {
                            persist::save(&w, &p, move |r| save_error.set(r.err()));
                        }
                    });
                })
            });
            move || drop(timer)
        });
    }
    // The workspace as rendered last, for a save that finds no pending one.
    let live_workspace = use_mut_ref(|| Rc::clone(&workspace));
    *live_workspace.borrow_mut() = Rc::clone(&workspace);
    {
        let (paused, pending, state) = (paused.clone(), pending.clone(), state.clone());
        use_effect_with((), move |()| {
            let listener = gloo::events::EventListener::new(&gloo::utils::window(), "pagehide", move |_| {
                // A field hands what is being typed to the plan when it loses focus (the reducer runs at once).
                let before = Rc::clone(&state.plan);
                if let Some(el) = gloo::utils::document()
                    .active_element()
                    .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok())
                {
                    let _ = el.blur();
                }
                let plan = Rc::clone(&state.plan);
                let next = pending.borrow_mut().take();
                let workspace = match next {
                    Some((w, _)) => Some(w),
                    None => (!Rc::ptr_eq(&before, &plan)).then(|| Rc::clone(&live_workspace.borrow())),
                };
                if let Some(w) = workspace
                    && !*paused.borrow()
                {
                    persist::save_now(&w, &plan);
                }
            });
            move || drop(listener)
        });
    }
    // The Troubleshoot view's matcher and the importers and exporters load on demand; fetch them once the app
    // is up, so they work offline later.
    use_effect_with((), |()| {
        let timeout = gloo::timers::callback::Timeout::new(2_000, on_demand::warm);
        move || drop(timeout)
    });
    // Another tab saved a plan: say so instead of silently overwriting it with the next autosave here.
    {
        let banner = banner.clone();
        use_effect_with((), move |()| {
            let listener = gloo::events::EventListener::new(&gloo::utils::window(), "storage", move |e| {
                let Some(e) = wasm_bindgen::JsCast::dyn_ref::<web_sys::StorageEvent>(e) else { return };
                let banner = banner.clone();
                persist::other_tab_saved(e, move |value| banner.set(Start::OtherTab(value)));
            });
            move || drop(listener)
        });
    }
    // Ctrl/Cmd+Z, Shift+Ctrl/Cmd+Z.
    {
        let state = state.clone();
        use_effect_with((), move |()| {
            // Not passive: it calls preventDefault (a passive listener logged "Unable to preventDefault").
            let options = gloo::events::EventListenerOptions::enable_prevent_default();
            let listener =
                gloo::events::EventListener::new_with_options(&gloo::utils::document(), "keydown", options, move |e| {
                    let Some(e) = wasm_bindgen::JsCast::dyn_ref::<web_sys::KeyboardEvent>(e) else { return };
                    if (e.ctrl_key() || e.meta_key()) && e.key().eq_ignore_ascii_case("z") {
                        let in_text =
                            gloo::utils::document().active_element().is_some_and(|el| el.tag_name() == "TEXTAREA");
                        if !in_text {
                            e.prevent_default();
                            state.dispatch(if e.shift_key() { Action::Redo } else { Action::Undo });
                        }
                    }
                });
            move || drop(listener)
        });
    }
    let ctx = Ctx { state: state.clone(), today };
    let (errors, warnings) = ctx.issues().totals();
    // An imported plan is the user's own: the sample's banner ("This is a sample plan") goes.
    {
        let banner = banner.clone();
        let imported = matches!(state.import_message, Some(Ok(_)));
        use_effect_with(imported, move |&imported| {
            if imported && matches!(*banner, Start::Sample) {
                banner.set(Start::Saved);
            }
        });
    }
    let banner_html = start::banner(&banner, &state, &workspace, &plan);
    let undo = views::on(&state, |_| Action::Undo);
    let redo = views::on(&state, |_| Action::Redo);
    // A link, or why there is none with the Plan JSON to send instead (made once, on the click).
    let share_url = use_state(|| None::<Result<String, (String, String)>>);
    let share = {
        let share_url = share_url.clone();
        let plan = Rc::clone(&plan);
        Callback::from(move |_| {
            let url = persist::share_url(&plan).map_err(|e| (e, acg_core::interchange::plan_json(&plan)));
            if let (Ok(url), Some(w)) = (&url, web_sys::window()) {
                let _ = w.navigator().clipboard().write_text(url);
            }
            share_url.set(Some(url));
        })
    };
    html! {
        <ContextProvider<Ctx> context={ctx}>
            <HashRouter>
                <header class="app-header">
                    <div class="title-row">
                        <h1>{ "Compute Gallery Planner" }</h1>
                        <div class="toolbar">
                            <button onclick={undo} disabled={state.undo.is_empty()} title="Undo (Ctrl+Z)">{ "Undo" }</button>
                            <button onclick={redo} disabled={state.redo.is_empty()} title="Redo (Shift+Ctrl+Z)">{ "Redo" }</button>
                            <button onclick={share} id="share">{ "Share link" }</button>
                        </div>
                    </div>
                    <plans::PlansBar workspace={workspace.clone()} state={state.clone()} />
                    <nav class="menu" aria-label="Views">
                        { for Route::MENU.iter().map(|(r, title)| html! {
                            <Link<Route> to={*r} classes="menu-link">
                                { *title }
                                if *r == Route::Issues { <span class="count" aria-label={format!("{errors} errors, {warnings} warnings")}>{ format!(" {errors} ✗ {warnings} ⚠") }</span> }
                            </Link<Route>>
                        }) }
                    </nav>
                    if let Some(Ok(url)) = &*share_url {
                        <p class="share-url" role="status">{ "Share link (copied): " }<input type="text" readonly=true aria-label="Share link" value={url.clone()} /></p>
                    }
                    if let Some(Err((e, json))) = &*share_url {
                        <p class="banner error" role="alert">{ format!("No share link: {e}. ") }
                            <DownloadLink text={json.clone()} file={acg_core::interchange::ExportFormat::Plan.file_name(&plan.name)} label="Download the Plan JSON" />
                        </p>
                    }
                    if let Some(e) = &*save_error {
                        <p class="banner error" role="alert">{ format!("Not saved: {e}. Export the plan to keep your work.") }</p>
                    }
                </header>
                <views::Summary />
                { banner_html }
                <main class="app">
                    <Switch<Route> render={views::switch} />
                </main>
            </HashRouter>
        </ContextProvider<Ctx>>
    }
}

/// Compares plans by identity, so memos recompute only when the plan is replaced (cheap for big plans).
#[derive(Clone)]
pub struct PlanKey(pub Rc<acg_core::Plan>);

impl PartialEq for PlanKey {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// Compares workspaces by identity (a change replaces the `Rc`).
#[derive(Clone)]
pub struct WorkspaceKey(pub Rc<Workspace>);

impl PartialEq for WorkspaceKey {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// Props of [`DownloadLink`].
#[derive(Properties, PartialEq)]
pub struct DownloadProps {
    /// The file's content.
    pub text: AttrValue,
    /// The file's name.
    pub file: AttrValue,
    /// The link's text.
    pub label: AttrValue,
}

/// A link that downloads `text` as a JSON file (a `blob:` URL made here, never one from data).
#[component]
pub fn DownloadLink(props: &DownloadProps) -> Html {
    let url = use_memo(props.text.clone(), |text| persist::download_url(text));
    match &*url {
        Some(href) => {
            html! { <a class="button" href={href.clone()} download={props.file.clone()}>{ props.label.clone() }</a> }
        }
        None => html! {},
    }
}

/// Mounts the app on the document body, with a panic hook that keeps the saved plan and says what happened.
pub fn start() {
    std::panic::set_hook(Box::new(|info| {
        let message = format!("{info}");
        gloo::console::error!(message.clone());
        if let Some(body) = gloo::utils::document().body() {
            let div = gloo::utils::document().create_element("div").ok();
            if let Some(div) = div {
                div.set_class_name("crash");
                div.set_attribute("role", "alert").ok();
                div.set_text_content(Some(&format!(
                    "The planner stopped because of a bug: {message}. Your last autosaved plans are safe in this browser (\"{}\"); download them, then reload the page to continue. ",
                    persist::KEY
                )));
                if let Some(href) = persist::raw_save().and_then(|raw| persist::download_url(&raw))
                    && let Ok(a) = gloo::utils::document().create_element("a")
                {
                    let _ = a.set_attribute("href", &href);
                    let _ = a.set_attribute("download", "compute-gallery-plans.json");
                    a.set_text_content(Some("Download the saved plans"));
                    let _ = div.append_child(&a);
                }
                let _ = body.prepend_with_node_1(&div);
            }
        }
    }));
    if let Some(size) = bench::requested() {
        bench::show(size);
        return;
    }
    // The save is read from IndexedDB (asynchronous) before the app starts, so the app starts from it.
    wasm_bindgen_futures::spawn_local(async {
        persist::preload().await;
        yew::Renderer::<App>::new().render();
    });
}
