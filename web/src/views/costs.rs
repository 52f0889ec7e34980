//! Costs: the estimate, line by line, a 12-month projection, and the A/B scenario.
#![allow(clippy::many_single_char_names, reason = "c (context), a/b (scenarios), m (money) read best short in markup")]

use std::ops::Range;

use acg_core::Plan;
use acg_core::billing::BillingSettings;
use acg_core::edit::{At, Change};
use yew::prelude::*;

use rust_decimal::Decimal;

use super::charts::{Bar, bar_chart};
use super::prices::plan_prices_banner;
use super::window::Window;
use super::{input_value, on, use_ctx};
use crate::Ctx;
use crate::fmt::{money, number};
use crate::state::Action;

/// Monthly storage and one-time egress, line by line, with a 12-month projection.
#[component]
pub fn Costs() -> Html {
    let c = use_ctx();
    let state = &c.state;
    let results = state.results();
    let estimate = results.estimate();
    // The projection is the kept results' (computed with the plan, not per render).
    let projection = results.projection();
    // `acg-first-estimate`: when the first estimate of this page load is in the document (BENCHMARKS.md reads
    // it as navigation-to-first-estimate).
    use_effect_with((), |()| {
        if let Some(perf) = web_sys::window().and_then(|w| w.performance())
            && perf.get_entries_by_name("acg-first-estimate").length() == 0
        {
            let _ = perf.mark("acg-first-estimate");
        }
    });
    let settings = &projection.settings;
    let m = |a| money(a, &estimate.currency);
    let line_rows = {
        let state = state.clone();
        Callback::from(move |range: Range<usize>| line_rows(&state.plan, state.results().estimate(), range))
    };
    // One row per version: 10,000 on a big plan, so only those in view are rendered.
    let version_rows = {
        let state = state.clone();
        Callback::from(move |range: Range<usize>| version_rows(&state.plan, state.results().estimate(), range))
    };
    // The line items are rendered while their list is open (a closed `<details>` shows none of them).
    let lines_open = use_state_eq(|| false);
    let ontoggle = {
        let lines_open = lines_open.clone();
        Callback::from(move |e: Event| {
            lines_open.set(e.target_unchecked_into::<web_sys::Element>().has_attribute("open"));
        })
    };
    let set_setting = |f: fn(&mut BillingSettings, u32)| {
        let settings = settings.clone();
        on(state, move |e: InputEvent| {
            let n = input_value(&e).trim().parse::<u32>().ok()?;
            let mut s = settings.clone();
            f(&mut s, n.min(1000));
            Some(Action::Edit(Change::SetBilling { settings: Some(s) }))
        })
    };
    html! {
        <section class="card costs">
            <h2>{ "Costs" }</h2>
            { plan_prices_banner(&c) }
            <div class="totals">
                <div class="total"><span class="label">{ "Snapshot storage" }</span><span id="storage-gb-months" class="value">{ format!("{} GB-month", number(estimate.storage_gb_months)) }</span><span id="storage-monthly" class="value">{ format!("{} / month", m(estimate.storage_monthly)) }</span></div>
                <div class="total"><span class="label">{ "Replication egress" }</span><span id="egress-gb" class="value">{ format!("{} GB", number(estimate.egress_gb)) }</span><span id="egress-once" class="value">{ format!("{} once", m(estimate.egress_one_time)) }</span></div>
            </div>
            <p class="hint">{ format!("Prices: {}{}", estimate.price_origin, if estimate.estimated { ". Lines marked estimated use a fallback or inferred price." } else { "." }) }</p>
            { for estimate.notes.iter().map(|n| html! { <p class="hint">{ n }</p> }) }
            { scenario(&c, estimate) }
            <h3>{ "By region" }</h3>
            { region_chart(estimate, &m) }
            <table>
                <thead><tr><th scope="col">{ "Region" }</th><th scope="col">{ "Storage / month" }</th><th scope="col">{ "Egress once" }</th></tr></thead>
                <tbody>{ for estimate.by_region.iter().map(|s| html! { <tr><td data-label="Region">{ region(&s.key) }</td><td data-label="Storage / month">{ m(s.storage_monthly) }</td><td data-label="Egress once">{ m(s.egress_one_time) }</td></tr> }) }</tbody>
            </table>
            <h3>{ "By version" }</h3>
            <Window len={estimate.by_version.len()} rows={version_rows} row_height={34.0} label="Costs by version" />
            <details {ontoggle}><summary>{ format!("All {} line items", estimate.lines.len()) }</summary>
                if *lines_open { <Window len={estimate.lines.len()} rows={line_rows} row_height={34.0} label="Line items" /> }
            </details>
            <h3>{ "Projection" }</h3>
            <div class="row">
                <div class="field inline"><label for="cadence">{ "New versions per month" }</label><input id="cadence" type="number" min="0" value={settings.cadence_per_month.to_string()} oninput={set_setting(|s, n| s.cadence_per_month = n)} /></div>
                <div class="field inline"><label for="retention">{ "Versions kept" }</label><input id="retention" type="number" min="1" value={settings.retention.to_string()} oninput={set_setting(|s, n| s.retention = n.max(1))} /></div>
                <div class="field inline"><label for="full">{ "Newest kept in all regions" }</label><input id="full" type="number" min="0" value={settings.full_versions.to_string()} oninput={set_setting(|s, n| s.full_versions = n)} /></div>
            </div>
            { month_one(projection, estimate, &m) }
            { projection_chart(projection, &m) }
            <table>
                <thead><tr><th scope="col">{ "Month" }</th><th scope="col">{ "Versions" }</th><th scope="col">{ "Storage" }</th><th scope="col">{ "Egress" }</th><th scope="col">{ "Total" }</th><th scope="col">{ "Cumulative" }</th></tr></thead>
                <tbody>{ for projection.months.iter().map(|mo| html! { <tr><td data-label="Month">{ mo.month }</td><td data-label="Versions">{ mo.versions }</td><td data-label="Storage">{ m(mo.storage) }</td><td data-label="Egress">{ m(mo.egress) }</td><td data-label="Total">{ m(mo.total) }</td><td data-label="Cumulative">{ m(mo.cumulative) }</td></tr> }) }</tbody>
            </table>
            <p class="hint">{ format!("Steady state: {} storage and {} egress per month. ", m(projection.steady_state_storage), m(projection.steady_state_egress)) }{ projection.assumptions.join("; ") }</p>
        </section>
    }
}

/// A version of the estimate named as every view names resources ([`At::label`]).
fn version_label(plan: &Plan, at: Option<At>, key: &str) -> String {
    at.map_or_else(|| key.to_owned(), |at| at.label(plan))
}

/// The subtotals by version in `range`, in their table (one row per version).
fn version_rows(plan: &Plan, estimate: &acg_core::billing::Estimate, range: Range<usize>) -> Html {
    let m = |a| money(a, &estimate.currency);
    html! {
                <table>
                    <thead><tr><th scope="col">{ "Version" }</th><th scope="col">{ "Storage / month" }</th><th scope="col">{ "Egress once" }</th></tr></thead>
                    <tbody>{ for estimate.by_version[range.clone()].iter().zip(range).map(|(s, i)| html! { <tr key={i} data-row={i.to_string()}><td data-label="Version">{ version_label(plan, s.at, &s.key) }</td><td data-label="Storage / month">{ m(s.storage_monthly) }</td><td data-label="Egress once">{ m(s.egress_one_time) }</td></tr> }) }</tbody>
                </table>
    }
}

/// The line items in `range`, in their table: a large plan has a hundred thousand, so the window renders (and
/// writes the formulas of) only those in view.
fn line_rows(plan: &Plan, estimate: &acg_core::billing::Estimate, range: Range<usize>) -> Html {
    html! {
                <table class="lines">
                    <thead><tr><th scope="col">{ "Version" }</th><th scope="col">{ "Region" }</th><th scope="col">{ "Category" }</th><th scope="col">{ "Formula" }</th></tr></thead>
                    <tbody>{ for estimate.lines[range.clone()].iter().zip(range).map(|(l, i)| html! { <tr key={i} data-row={i.to_string()}><td data-label="Version">{ version_label(plan, l.at, &l.version) }</td><td data-label="Region">{ region(&l.region) }</td><td data-label="Category">{ l.category.as_str() }</td><td data-label="Formula">{ l.formula() }{ if l.estimated { " (estimated)" } else { "" } }</td></tr> }) }</tbody>
                </table>
    }
}

/// Scenario comparison: keep the plan as A, edit it into B, see the deltas.
fn scenario(c: &Ctx, b: &acg_core::billing::Estimate) -> Html {
    let state = &c.state;
    let keep = on(state, |_| Action::SetScenarioA(true));
    let stop = on(state, |_| Action::SetScenarioA(false));
    let Some(a) = &state.scenario_a else {
        return html! { <div class="scenario"><button id="keep-scenario" onclick={keep}>{ "Keep this plan as scenario A, then edit it into B" }</button></div> };
    };
    let m = |x| money(x, &b.currency);
    let signed =
        |x: rust_decimal::Decimal| if x.is_sign_positive() && !x.is_zero() { format!("+{}", m(x)) } else { m(x) };
    match acg_core::billing::compare(&a.estimate, b) {
        Ok(cmp) => html! { <div class="scenario">
            <h3>{ "Scenario A → B (the plan as edited now)" }</h3>
            <table id="scenario-table">
                <thead><tr><th scope="col">{ "" }</th><th scope="col">{ "A" }</th><th scope="col">{ "B" }</th><th scope="col">{ "Change" }</th></tr></thead>
                <tbody>
                    { for cmp.by_category.iter().map(|d| html! { <tr><th scope="row">{ if d.key == "storageMonthly" { "Storage / month" } else { "Egress once" } }</th><td data-label="A">{ m(d.before) }</td><td data-label="B">{ m(d.after) }</td><td data-label="Change">{ signed(d.delta) }</td></tr> }) }
                    { for cmp.by_region.iter().filter(|d| !d.delta.is_zero()).map(|d| html! { <tr><th scope="row">{ format!("Storage in {}", region(&d.key)) }</th><td data-label="A">{ m(d.before) }</td><td data-label="B">{ m(d.after) }</td><td data-label="Change">{ signed(d.delta) }</td></tr> }) }
                </tbody>
            </table>
            <button onclick={stop}>{ "Stop comparing" }</button>
        </div> },
        Err(e) => html! { <p class="issue error"><span class="sev">{ "Error" }</span>{ " " }{ e }</p> },
    }
}

/// A region key of the estimate by its display name ("eastus" → "East US"), as every other view names regions.
fn region(key: &str) -> String {
    acg_core::RegionName::new(key).display_name().to_owned()
}

/// Monthly storage by region, as a chart (the table under it has the figures).
fn region_chart(estimate: &acg_core::billing::Estimate, m: &dyn Fn(Decimal) -> String) -> Html {
    let max = estimate.by_region.iter().map(|x| x.storage_monthly).max().unwrap_or_default();
    let bars: Vec<Bar> = estimate
        .by_region
        .iter()
        .map(|s| Bar { label: region(&s.key), parts: vec![s.storage_monthly], value: m(s.storage_monthly) })
        .collect();
    let description = bars.iter().map(|b| format!("{}: {}", b.label, b.value)).collect::<Vec<_>>().join("; ");
    bar_chart(
        "region-chart",
        "Snapshot storage per month, by region",
        &description,
        &[("Storage / month", "chart-bar")],
        &bars,
        (max, m(max)),
    )
}

/// Cost per month over the projection, storage and egress stacked (the table under it has the figures).
fn projection_chart(projection: &acg_core::billing::Projection, m: &dyn Fn(Decimal) -> String) -> Html {
    let max = projection.months.iter().map(|x| x.total).max().unwrap_or_default();
    let bars: Vec<Bar> = projection
        .months
        .iter()
        .map(|mo| Bar { label: format!("Month {}", mo.month), parts: vec![mo.storage, mo.egress], value: m(mo.total) })
        .collect();
    let description = match (projection.months.first(), projection.months.last()) {
        (Some(first), Some(last)) => format!(
            "Month {}: {} ({} storage, {} egress); month {}: {} ({} storage, {} egress).",
            first.month,
            m(first.total),
            m(first.storage),
            m(first.egress),
            last.month,
            m(last.total),
            m(last.storage),
            m(last.egress)
        ),
        _ => "No months to project.".to_owned(),
    };
    bar_chart(
        "projection-chart",
        "Cost per month over the projection",
        &description,
        &[("Storage", "chart-bar"), ("Egress (copies)", "chart-bar egress")],
        &bars,
        (max, m(max)),
    )
}

/// Why month 1 is not today's monthly storage, in one sentence, with the projection's own figures.
fn month_one(
    projection: &acg_core::billing::Projection,
    estimate: &acg_core::billing::Estimate,
    m: &dyn Fn(Decimal) -> String,
) -> Html {
    let Some(first) = projection.months.first() else { return html! {} };
    let cadence = projection.settings.cadence_per_month;
    html! { <p id="month-one" class="explain">{ format!(
        "Month 1 is {} against {} a month today: {} is the egress of copying that month's {cadence} new version{} per definition to {} regions (charged once per copy), and {} is storage for the {} version{} kept by then, the newest {} in all their regions and older ones in their source region only.",
        m(first.total),
        m(estimate.storage_monthly),
        m(first.egress),
        if cadence == 1 { "" } else { "s" },
        if cadence == 1 { "its" } else { "their" },
        m(first.storage),
        first.versions,
        if first.versions == 1 { "" } else { "s" },
        projection.settings.full_versions,
    ) }</p> }
}
