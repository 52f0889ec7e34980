//! How the app started (the sample, a save, a share link, a damaged save, another tab's save) and the banner
//! that says so, with what the user can do about it.

use std::rc::Rc;

use acg_core::Plan;
use acg_core::saved::Workspace;
use yew::prelude::*;

use crate::state::{Action, AppState};
use crate::{DownloadLink, persist};

/// How the app started.
#[derive(Clone, PartialEq)]
pub(crate) enum Start {
    Sample,
    Saved,
    Shared,
    SharedBroken(String),
    Unreadable {
        raw: String,
        reason: String,
    },
    /// Another tab saved a different plan.
    OtherTab(String),
}

pub(crate) fn initial() -> (AppState, Start, Workspace) {
    let saved = persist::load();
    let sample = || Workspace::new(acg_core::sample::plan());
    let opened = persist::sketch_from_url()
        .or_else(|| persist::shared_from_url().map(|param| persist::from_share_param(&param)));
    match (opened, saved) {
        // A link opens its plan without touching the saved plans.
        (Some(link), saved) => {
            let workspace = match saved {
                persist::Saved::Workspace(w) => *w,
                _ => sample(),
            };
            match link {
                Ok(plan) => (AppState::new(plan), Start::Shared, workspace),
                Err(e) => (AppState::new(acg_core::sample::plan()), Start::SharedBroken(e), workspace),
            }
        }
        (None, persist::Saved::Workspace(w)) => (AppState::new(w.active().plan.clone()), Start::Saved, *w),
        (None, persist::Saved::Nothing) => (AppState::new(acg_core::sample::plan()), Start::Sample, sample()),
        (None, persist::Saved::Unreadable { raw, reason }) => {
            (AppState::new(acg_core::sample::plan()), Start::Unreadable { raw, reason }, sample())
        }
    }
}

/// The banner of how the app started, until the user answers it.
pub(crate) fn banner(
    banner: &UseStateHandle<Start>,
    state: &UseReducerHandle<AppState>,
    workspace: &UseStateHandle<Rc<Workspace>>,
    plan: &Rc<Plan>,
) -> Html {
    match &**banner {
        Start::Sample => {
            let empty = {
                let state = state.clone();
                let banner = banner.clone();
                let workspace = workspace.clone();
                Callback::from(move |_| {
                    let mut w = (**workspace).clone();
                    let _ = w.rename_active(acg_core::saved::DEFAULT_NAME);
                    workspace.set(Rc::new(w));
                    state.dispatch(Action::Edit(acg_core::edit::Change::ReplacePlan { plan: Box::default() }));
                    banner.set(Start::Saved);
                })
            };
            let keep = {
                let banner = banner.clone();
                Callback::from(move |_| banner.set(Start::Saved))
            };
            html! { <div class="banner" role="status">
                <span>{ "This is a sample plan: two galleries, three image definitions, six versions. Edit it, or start from nothing." }</span>
                <button onclick={empty}>{ "Start empty" }</button>
                <button onclick={keep}>{ "Keep the sample" }</button>
            </div> }
        }
        Start::Shared => {
            let save = {
                let banner = banner.clone();
                let workspace = workspace.clone();
                let plan = Rc::clone(plan);
                let state = state.clone();
                Callback::from(move |_| {
                    // Added beside the saved plans, never over them, under its own name (made unique).
                    let mut w = (**workspace).clone();
                    let name = w.add(if plan.name.is_empty() { "Shared plan" } else { &plan.name }, (*plan).clone());
                    state.dispatch(Action::SetName(name));
                    workspace.set(Rc::new(w));
                    banner.set(Start::Saved);
                })
            };
            html! { <div class="banner" role="status">
                <span>{ "Opened from a share link. Your saved plans are untouched unless you save this one beside them." }</span>
                <button onclick={save}>{ "Save to this browser" }</button>
            </div> }
        }
        Start::SharedBroken(e) => {
            html! { <div class="banner error" role="alert">{ format!("The share link could not be opened: {e}. Showing the sample plan.") }</div> }
        }
        Start::Unreadable { raw, reason } => {
            let dismiss = {
                let banner = banner.clone();
                Callback::from(move |_| banner.set(Start::Saved))
            };
            html! { <div class="banner error" role="alert">
                <p>{ format!("Your saved plans could not be read ({reason}). They are kept untouched in this browser under \"{}\"; download them before replacing them. Showing the sample plan, not saved.", persist::KEY_UNREADABLE) }</p>
                <textarea readonly=true aria-label="The saved plans as they were" rows="4" value={raw.clone()} />
                <DownloadLink text={raw.clone()} file="compute-gallery-plans-unreadable.json" label="Download the save as it was" />
                <button onclick={dismiss}>{ "Replace it with the plan I edit from now on" }</button>
            </div> }
        }
        Start::OtherTab(theirs) => {
            let load = {
                let state = state.clone();
                let banner = banner.clone();
                let theirs = theirs.clone();
                let workspace = workspace.clone();
                Callback::from(move |_| {
                    if let Ok(w) = persist::decode(&theirs) {
                        state.dispatch(Action::OpenPlan(Box::new(w.active().plan.clone())));
                        workspace.set(Rc::new(w));
                    }
                    banner.set(Start::Saved);
                })
            };
            let keep = {
                let banner = banner.clone();
                let plan = Rc::clone(plan);
                let workspace = Rc::clone(workspace);
                Callback::from(move |_| {
                    persist::overwrite(&workspace, &plan);
                    banner.set(Start::Saved);
                })
            };
            html! { <div class="banner error" role="alert">
                <span>{ "This plan was changed in another tab. Autosave is paused here so neither is lost." }</span>
                <button onclick={load}>{ "Load the other tab's plan" }</button>
                <button onclick={keep}>{ "Keep mine (overwrites the other tab's save)" }</button>
            </div> }
        }
        Start::Saved => html! {},
    }
}
