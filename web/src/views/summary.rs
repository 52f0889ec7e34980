//! The summary bar: the current plan's totals, always in view, each a link to the view that explains it.

use yew::prelude::*;
use yew_router::prelude::*;

use super::use_ctx;
use crate::Route;
use crate::fmt::money;

/// Monthly storage, one-time egress, versions, regions, replicas, errors and warnings of the current plan.
#[component]
pub fn Summary() -> Html {
    let c = use_ctx();
    let results = c.state.results();
    let estimate = results.estimate();
    let acg_core::model::Counts { versions, regions, replicas } = results.counts();
    let (errors, warnings) = results.issues().totals();
    let plural = |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let item = |to: Route, id: &'static str, text: String, class: Option<&'static str>| {
        html! { <li class={classes!("sum", class)} id={id}><Link<Route> {to}>{ text }</Link<Route>></li> }
    };
    html! {
        <nav class="summary" aria-label="Plan summary">
            <ul>
                { item(Route::Costs, "sum-storage", format!("{} / month storage", money(estimate.storage_monthly, &estimate.currency)), None) }
                { item(Route::Costs, "sum-egress", format!("{} egress once", money(estimate.egress_one_time, &estimate.currency)), None) }
                { item(Route::Design, "sum-versions", plural(versions, "version", "versions"), None) }
                { item(Route::Latest, "sum-regions", plural(regions, "region", "regions"), None) }
                { item(Route::Replicas, "sum-replicas", plural(usize::try_from(replicas).unwrap_or(0), "replica", "replicas"), None) }
                { item(Route::Issues, "sum-errors", plural(errors, "error", "errors"), (errors > 0).then_some("error")) }
                { item(Route::Issues, "sum-warnings", plural(warnings, "warning", "warnings"), (warnings > 0).then_some("warning")) }
            </ul>
        </nav>
    }
}
