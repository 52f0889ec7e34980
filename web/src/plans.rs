//! The named plans of this browser: switch, rename, add, duplicate, delete. The workspace itself
//! (`acg_core::saved::Workspace`) keeps the names unique and never empty; this only renders it.

use std::rc::Rc;

use acg_core::Plan;
use acg_core::saved::Workspace;
use yew::prelude::*;

use crate::state::{Action, AppState};

/// Props of [`PlansBar`].
#[derive(Properties, PartialEq)]
pub struct PlansProps {
    /// The saved plans (the open one's content is the state's plan, not yet copied in).
    pub workspace: UseStateHandle<Rc<Workspace>>,
    /// The app state.
    pub state: UseReducerHandle<AppState>,
}

/// The plan picker in the header.
#[component]
pub fn PlansBar(props: &PlansProps) -> Html {
    let error = use_state(|| None::<String>);
    let ws = Rc::clone(&props.workspace);
    // Every change starts from the workspace with the open plan as it is now.
    let current = {
        let workspace = props.workspace.clone();
        let state = props.state.clone();
        move || {
            let mut w = (**workspace).clone();
            w.set_active_plan((*state.plan).clone());
            w
        }
    };
    let commit = {
        let workspace = props.workspace.clone();
        let state = props.state.clone();
        move |w: Workspace| {
            state.dispatch(Action::OpenPlan(Box::new(w.active().plan.clone())));
            workspace.set(Rc::new(w));
        }
    };
    let switch = {
        let (current, commit, error) = (current.clone(), commit.clone(), error.clone());
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            let mut w = current();
            if let Ok(i) = select.value().parse::<usize>()
                && w.open(i)
            {
                commit(w);
                error.set(None);
            }
        })
    };
    let rename = {
        let (workspace, error, state) = (props.workspace.clone(), error.clone(), props.state.clone());
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            let mut w = (**workspace).clone();
            match w.rename_active(&input.value()) {
                Ok(()) => {
                    // The plan carries its name (exports, share links); its content stays the state's.
                    error.set(None);
                    state.dispatch(Action::SetName(w.active().name.clone()));
                    workspace.set(Rc::new(w));
                }
                Err(message) => error.set(Some(message)),
            }
        })
    };
    let add_empty = {
        let (current, commit) = (current.clone(), commit.clone());
        Callback::from(move |_| {
            let mut w = current();
            w.add("Untitled plan", Plan::default());
            commit(w);
        })
    };
    let duplicate = {
        let (current, commit) = (current.clone(), commit.clone());
        Callback::from(move |_| {
            let mut w = current();
            let copy = w.active().clone();
            w.add(&format!("{} (copy)", copy.name), copy.plan);
            commit(w);
        })
    };
    let delete = {
        let (current, commit, error) = (current, commit, error.clone());
        Callback::from(move |_| {
            let mut w = current();
            match w.delete_active() {
                Ok(_) => {
                    error.set(None);
                    commit(w);
                }
                Err(message) => error.set(Some(message)),
            }
        })
    };
    let active = ws.active_index();
    html! {
        <div class="plans" role="group" aria-label="Saved plans">
            <label for="plan-select">{ "Plan" }</label>
            <select id="plan-select" onchange={switch}>
                { for ws.plans().iter().enumerate().map(|(i, p)| html! {
                    <option value={i.to_string()} selected={i == active}>{ p.name.clone() }</option>
                }) }
            </select>
            <input type="text" aria-label="Plan name" value={ws.active().name.clone()} onchange={rename}
                aria-invalid={error.is_some().then_some("true")} aria-describedby="plan-error" />
            <button onclick={add_empty}>{ "New plan" }</button>
            <button onclick={duplicate}>{ "Duplicate plan" }</button>
            <button onclick={delete} disabled={ws.plans().len() == 1}>{ "Delete plan" }</button>
            <span id="plan-error" class="error" role="status">{ (*error).clone().unwrap_or_default() }</span>
        </div>
    }
}
