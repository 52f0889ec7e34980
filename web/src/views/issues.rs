//! Issues: every issue of the report, filterable, each a link to its field.

use acg_core::{Issue, Severity};
use yew::prelude::*;
use yew_router::prelude::*;

use super::{issue_item, select_value, severity_label, show_in_design, use_ctx};

/// Issues listed per page.
const PAGE: usize = 200;

/// Every issue, filterable, each a link to its field.
#[component]
pub fn Issues() -> Html {
    let c = use_ctx();
    let filter = use_state(String::new);
    // How many are listed: a page at a time, so a plan with tens of thousands of issues lists at once.
    let limit = use_state(|| PAGE);
    let navigator = use_navigator();
    let onchange = {
        let (filter, limit) = (filter.clone(), limit.clone());
        Callback::from(move |e: Event| {
            filter.set(select_value(&e));
            limit.set(PAGE);
        })
    };
    let more = {
        let limit = limit.clone();
        Callback::from(move |_| limit.set(*limit + PAGE))
    };
    let report = c.report();
    let shown: Vec<&Issue> =
        report.issues.iter().filter(|i| filter.is_empty() || i.severity.as_str() == filter.as_str()).collect();
    html! {
        <section class="card">
            <h2>{ "Issues" }</h2>
            <div class="field inline">
                <label for="issue-filter">{ "Show" }</label>
                <select id="issue-filter" {onchange}>
                    <option value="" selected={filter.is_empty()}>{ format!("All ({})", report.issues.len()) }</option>
                    { for [Severity::Error, Severity::Warning, Severity::Info].iter().map(|s| html! {
                        <option value={s.as_str()} selected={filter.as_str() == s.as_str()}>{ format!("{} ({})", severity_label(*s), report.count(*s)) }</option>
                    }) }
                </select>
            </div>
            if shown.is_empty() { <p class="empty">{ "Nothing to report: Azure would accept this plan as far as can be checked offline." }</p> }
            if shown.len() > *limit { <p class="hint" id="issues-shown">{ format!("Showing the first {} of {} issues.", *limit, shown.len()) }</p> }
            <ul class="issue-list">{ for shown.iter().take(*limit).map(|i| {
                let resource = i.resource();
                let go = show_in_design(&c.state, navigator.as_ref(), resource.map(|(at, _)| at), Some(&i.path));
                // The resource by its names ("gallery › definition › version › East US"), the JSON path as a tooltip.
                let label = resource.map_or_else(|| "The plan".to_owned(), |(at, field)| {
                    let names = at.label(&c.state.plan);
                    if field.is_empty() { names } else { format!("{names}: {}", field_words(field)) }
                });
                html! { <li>
                    <button class="link" onclick={go} title={i.path.clone()}>{ label }</button>
                    <ul>{ issue_item(i) }</ul>
                </li> }
            }) }</ul>
            if shown.len() > *limit { <button id="issues-more" onclick={more}>{ format!("Show {} more ({} not shown)", PAGE.min(shown.len() - *limit), shown.len() - *limit) }</button> }
        </section>
    }
}

/// A field path as words: `storageProfile.osDiskImage.hostCaching` → "storage profile › os disk image › host caching".
fn field_words(path: &str) -> String {
    path.split('.')
        .map(|part| {
            let mut out = String::new();
            for ch in part.chars() {
                if ch.is_ascii_uppercase() && !out.is_empty() {
                    out.push(' ');
                }
                out.push(ch.to_ascii_lowercase());
            }
            out
        })
        .collect::<Vec<_>>()
        .join(" › ")
}
