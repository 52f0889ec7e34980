//! The form fields: a labelled input or select that shows its own issues from the report.

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

/// A labelled text input that shows its own issues from the report.
#[component]
pub fn TextField(props: &TextFieldProps) -> Html {
    let c = use_ctx();
    let issues = own_issues(&c, &props.path);
    let oninput = {
        let cb = props.on_change.clone();
        Callback::from(move |e: InputEvent| cb.emit(input_value(&e)))
    };
    let described = format!("{}-issues", props.id);
    let input_type = match props.kind.as_deref() {
        Some("date")
            if props.value.is_empty() || chrono::NaiveDate::parse_from_str(&props.value, "%Y-%m-%d").is_ok() =>
        {
            "date"
        }
        _ => "text",
    };
    html! {
        <div class="field">
            <label for={props.id.clone()}>{ &props.label }</label>
            if let Some(h) = &props.hint { <span class="hint">{ h }</span> }
            <input id={props.id.clone()} data-path={props.path.clone()} type={input_type} list={props.list.clone()} autocomplete="off" spellcheck="false" value={props.value.clone()}
                   aria-invalid={(issues.iter().any(|i| i.severity == Severity::Error)).to_string()} aria-describedby={described.clone()} {oninput} />
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
