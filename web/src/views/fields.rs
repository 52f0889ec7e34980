//! The form fields: a labelled input or select that shows its own issues from the report.

use std::rc::Rc;

use acg_core::{Issue, Severity};
use yew::prelude::*;

use super::{input_value, issue_item, select_value, use_ctx};

/// The issues a field shows: the report's at its path, then why the last change of it was refused.
fn own_issues(c: &crate::Ctx, path: &str) -> Vec<Issue> {
    c.issues().at_path(&c.report(), path).chain(c.state.refused_at(path)).cloned().collect()
}

/// Properties of [`TextField`].
#[derive(Properties, PartialEq)]
pub struct TextFieldProps {
    /// Element id.
    pub id: AttrValue,
    /// Label text.
    pub label: AttrValue,
    /// The current value.
    pub value: AttrValue,
    /// The report path of the field: its issues show below it.
    pub path: AttrValue,
    /// Called with the new text.
    pub on_change: Callback<String>,
    /// A hint shown under the label.
    #[prop_or_default]
    pub hint: Option<AttrValue>,
    /// The input's type when not "text" ("date": a date picker while the value is a valid date or blank; a
    /// value a date input cannot show stays a text input, so nothing typed is hidden).
    #[prop_or_default]
    pub kind: Option<AttrValue>,
    /// The id of a datalist to pick from (the region catalog for a region).
    #[prop_or_default]
    pub list: Option<AttrValue>,
}

/// How long typing must pause before the text goes to the plan (and is validated).
const PAUSE_MS: u32 = 600;

/// A text input's value and handlers while typing is held back from the plan ([`use_draft`]).
pub(super) struct Draft {
    /// What the input shows: what is being typed, else the plan's value.
    pub value: AttrValue,
    /// Whether typing has not reached the plan yet (its issues are not shown meanwhile).
    pub typing: bool,
    pub oninput: Callback<InputEvent>,
    pub onblur: Callback<FocusEvent>,
    pub onkeydown: Callback<KeyboardEvent>,
}

/// Typing handed to the plan (and so validated) when the input loses focus or after a pause of
/// [`PAUSE_MS`], not on every keystroke: "West Eu" is not an unknown region while it is being typed. Until
/// then the input shows what was typed; text the plan refused stays shown with the refusal. Ctrl+Z, leaving
/// the view and closing the page hand over what was typed first, so nothing typed is lost and undo takes back
/// the whole burst. `value` is the plan's text at `path`; `on_change` takes the new text.
#[hook]
pub(super) fn use_draft(value: &AttrValue, path: &AttrValue, on_change: &Callback<String>) -> Draft {
    // What is shown instead of the plan's value: (path, text, still being typed).
    let draft = use_state_eq(|| None::<(AttrValue, String, bool)>);
    // The text not handed over yet and the callback that takes it (read at a pause, a blur, Ctrl+Z, unmount).
    let pending = use_mut_ref(|| None::<(String, Callback<String>)>);
    let timer = use_mut_ref(|| None::<gloo::timers::callback::Timeout>);
    let commit = {
        let (pending, timer, draft) = (pending.clone(), timer.clone(), draft.clone());
        Rc::new(move || {
            timer.borrow_mut().take();
            let next = pending.borrow_mut().take();
            if let Some((text, on_change)) = next {
                if let Some((path, shown, true)) = &*draft {
                    draft.set(Some((path.clone(), shown.clone(), false)));
                }
                on_change.emit(text);
            }
        })
    };
    let oninput = {
        let (pending, timer, draft, commit) = (pending.clone(), timer.clone(), draft.clone(), Rc::clone(&commit));
        let (cb, path) = (on_change.clone(), path.clone());
        Callback::from(move |e: InputEvent| {
            let text = input_value(&e);
            draft.set(Some((path.clone(), text.clone(), true)));
            *pending.borrow_mut() = Some((text, cb.clone()));
            let commit = Rc::clone(&commit);
            *timer.borrow_mut() = Some(gloo::timers::callback::Timeout::new(PAUSE_MS, move || commit()));
        })
    };
    let onblur = {
        let commit = Rc::clone(&commit);
        Callback::from(move |_: FocusEvent| commit())
    };
    // Undo and redo act on the plan: what is being typed goes in first, so undo takes the whole burst back.
    let onkeydown = {
        let commit = Rc::clone(&commit);
        Callback::from(move |e: KeyboardEvent| {
            if (e.ctrl_key() || e.meta_key()) && matches!(e.key().as_str(), "z" | "Z" | "y" | "Y") {
                commit();
            }
        })
    };
    // Gone before a pause or a blur (another view, another resource): nothing typed is lost.
    {
        let commit = Rc::clone(&commit);
        use_effect_with((), move |()| move || commit());
    }
    // The plan's value changed (taken, undone, another resource): show it, unless more is being typed.
    {
        let (draft, pending) = (draft.clone(), pending.clone());
        use_effect_with((value.clone(), path.clone()), move |_| {
            if pending.borrow().is_none() {
                draft.set(None);
            }
        });
    }
    let (value, typing) = match &*draft {
        Some((p, text, typing)) if p == path => (AttrValue::from(text.clone()), *typing),
        _ => (value.clone(), false),
    };
    Draft { value, typing, oninput, onblur, onkeydown }
}

/// A labelled text input that shows its own issues from the report, checked when typing pauses or the field
/// loses focus ([`use_draft`]).
#[component]
pub fn TextField(props: &TextFieldProps) -> Html {
    let c = use_ctx();
    let Draft { value, typing, oninput, onblur, onkeydown } = use_draft(&props.value, &props.path, &props.on_change);
    let issues = if typing { Vec::new() } else { own_issues(&c, &props.path) };
    let described = format!("{}-issues", props.id);
    let input_type = match props.kind.as_deref() {
        Some("date") if value.is_empty() || chrono::NaiveDate::parse_from_str(&value, "%Y-%m-%d").is_ok() => "date",
        _ => "text",
    };
    html! {
        <div class="field">
            <label for={props.id.clone()}>{ &props.label }</label>
            if let Some(h) = &props.hint { <span class="hint">{ h }</span> }
            <input id={props.id.clone()} data-path={props.path.clone()} type={input_type} list={props.list.clone()} autocomplete="off" spellcheck="false" {value}
                   aria-invalid={(issues.iter().any(|i| i.severity == Severity::Error)).to_string()} aria-describedby={described.clone()} {oninput} {onblur} {onkeydown} />
            <ul id={described} class="field-issues" aria-live="polite">{ for issues.iter().map(issue_item) }</ul>
        </div>
    }
}

/// Properties of [`SelectField`].
#[derive(Properties, PartialEq)]
pub struct SelectFieldProps {
    /// Element id.
    pub id: AttrValue,
    /// Label.
    pub label: AttrValue,
    /// Current value ("" = not set).
    pub value: AttrValue,
    /// The options: (value, text).
    pub options: Vec<(AttrValue, AttrValue)>,
    /// Report path.
    pub path: AttrValue,
    /// Called with the chosen value.
    pub on_change: Callback<String>,
}

/// A labelled select with its issues.
#[component]
pub fn SelectField(props: &SelectFieldProps) -> Html {
    let c = use_ctx();
    let issues = own_issues(&c, &props.path);
    let onchange = {
        let cb = props.on_change.clone();
        Callback::from(move |e: Event| cb.emit(select_value(&e)))
    };
    let known = props.options.iter().any(|(v, _)| *v == props.value);
    html! {
        <div class="field">
            <label for={props.id.clone()}>{ &props.label }</label>
            <select id={props.id.clone()} data-path={props.path.clone()} {onchange}>
                if !known { <option value={props.value.clone()} selected=true>{ format!("{} (not a known value)", props.value) }</option> }
                { for props.options.iter().map(|(v, t)| html! { <option value={v.clone()} selected={*v == props.value}>{ t }</option> }) }
            </select>
            <ul class="field-issues" aria-live="polite">{ for issues.iter().map(issue_item) }</ul>
        </div>
    }
}

/// Properties of [`EnumSelect`].
#[derive(Properties, PartialEq)]
pub struct EnumSelectProps {
    /// Element id (required with `label`).
    #[prop_or_default]
    pub id: Option<AttrValue>,
    /// The visible label. With one, the select is a [`SelectField`] (label, select, the issues at `path`);
    /// without one, a bare select named by `aria_label` (a table cell, whose row lists the issues).
    #[prop_or_default]
    pub label: Option<AttrValue>,
    /// The accessible name of a bare select.
    #[prop_or_default]
    pub aria_label: Option<AttrValue>,
    /// Report path (with `label`).
    #[prop_or_default]
    pub path: AttrValue,
    /// The values Azure defines, in the REST specification's order: a `string_enum!`'s `NAMES`.
    pub names: &'static [&'static str],
    /// The text of the first option, whose value "" means not set.
    pub unset: AttrValue,
    /// Current value ("" = not set).
    pub value: AttrValue,
    /// Called with the chosen value ("" or one of `names`).
    pub on_change: Callback<String>,
}

/// A select over a closed Azure enum: "not set", then every value `string_enum!` knows, each shown as
/// written. A value Azure does not define shows as "(not a known value)" in the labelled form.
#[component]
pub fn EnumSelect(props: &EnumSelectProps) -> Html {
    let options = std::iter::once((AttrValue::Static(""), props.unset.clone()))
        .chain(props.names.iter().map(|n| (AttrValue::Static(n), AttrValue::Static(n))));
    if let Some(label) = &props.label {
        return html! {
            <SelectField id={props.id.clone().unwrap_or_default()} label={label.clone()} value={props.value.clone()}
                path={props.path.clone()} on_change={props.on_change.clone()} options={options.collect::<Vec<_>>()} />
        };
    }
    let onchange = props.on_change.reform(|e: Event| select_value(&e));
    html! {
        <select id={props.id.clone()} aria-label={props.aria_label.clone()} {onchange}>
            { for options.map(|(v, t)| html! { <option value={v.clone()} selected={v == props.value}>{ t }</option> }) }
        </select>
    }
}

pub(super) fn opts(values: &[(&'static str, &'static str)]) -> Vec<(AttrValue, AttrValue)> {
    values.iter().map(|(v, t)| (AttrValue::Static(v), AttrValue::Static(t))).collect()
}
