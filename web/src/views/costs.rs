//! Costs: the estimate, line by line, a 12-month projection, and the A/B scenario.
#![allow(clippy::many_single_char_names, reason = "c (context), a/b (scenarios), m (money) read best short in markup")]

use std::ops::Range;
use std::rc::Rc;

use acg_core::billing::BillingSettings;
use acg_core::edit::Change;
use yew::prelude::*;

use super::prices::plan_prices_banner;
use super::window::Window;
use super::{input_value, on, use_ctx};
use crate::fmt::{money, number};
use crate::state::Action;
use crate::{Ctx, PlanKey};

/// Monthly storage and one-time egress, line by line, with a 12-month projection.
#[component]
pub fn Costs() -> Html {
    let c = use_ctx();
    let state = &c.state;
    let book = Rc::clone(&state.book);
    let plan = Rc::clone(&state.plan);
    let estimate =
        use_memo((PlanKey(Rc::clone(&plan)), Rc::clone(&book)), |(p, b)| acg_core::billing::estimate_plan(&p.0, b));
    // `acg-first-estimate`: when the first estimate of this page load is in the document (BENCHMARKS.md reads
    // it as navigation-to-first-estimate).
    use_effect_with((), |()| {
        if let Some(perf) = web_sys::window().and_then(|w| w.performance())
            && perf.get_entries_by_name("acg-first-estimate").length() == 0
        {
            let _ = perf.mark("acg-first-estimate");
        }
    });
    let settings = plan.billing.clone().unwrap_or_default();
    let projection = acg_core::billing::project(&plan, &book, &settings);
    let m = |a| money(a, &estimate.currency);
    let line_rows = {
        let estimate = Rc::clone(&estimate);
        Callback::from(move |range: Range<usize>| line_rows(&estimate, range))
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
    let max_month = projection.months.iter().map(|x| x.total).max().unwrap_or_default();
    let bar = |value: rust_decimal::Decimal, max: rust_decimal::Decimal, width: f64| -> f64 {
        if max.is_zero() { 0.0 } else { (value / max).to_string().parse::<f64>().unwrap_or(0.0) * width }
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
            { scenario(&c, &estimate) }
            <h3>{ "By region" }</h3>
            <svg class="chart" role="img" aria-labelledby="region-chart-title" viewBox={format!("0 0 420 {}", 24 * estimate.by_region.len().max(1))} width="100%">
                <title id="region-chart-title">{ "Monthly storage by region (the table below has the figures)" }</title>
                { for estimate.by_region.iter().enumerate().map(|(i, s)| {
                    let max = estimate.by_region.iter().map(|x| x.storage_monthly).max().unwrap_or_default();
                    let y = (i * 24) as f64;
                    html! { <g>
                        <text x="0" y={(y + 15.0).to_string()} class="chart-label">{ region(&s.key) }</text>
                        <rect x="120" y={(y + 4.0).to_string()} height="14" width={bar(s.storage_monthly, max, 220.0).max(1.0).to_string()} class="chart-bar" />
                        <text x={(125.0 + bar(s.storage_monthly, max, 220.0)).to_string()} y={(y + 15.0).to_string()} class="chart-value">{ m(s.storage_monthly) }</text>
                    </g> }
                }) }
            </svg>
            <table>
                <thead><tr><th scope="col">{ "Region" }</th><th scope="col">{ "Storage / month" }</th><th scope="col">{ "Egress once" }</th></tr></thead>
                <tbody>{ for estimate.by_region.iter().map(|s| html! { <tr><td data-label="Region">{ region(&s.key) }</td><td data-label="Storage / month">{ m(s.storage_monthly) }</td><td data-label="Egress once">{ m(s.egress_one_time) }</td></tr> }) }</tbody>
            </table>
            <h3>{ "By version" }</h3>
            <table>
                <thead><tr><th scope="col">{ "Version" }</th><th scope="col">{ "Storage / month" }</th><th scope="col">{ "Egress once" }</th></tr></thead>
                <tbody>{ for estimate.by_version.iter().map(|s| html! { <tr><td data-label="Version">{ &s.key }</td><td data-label="Storage / month">{ m(s.storage_monthly) }</td><td data-label="Egress once">{ m(s.egress_one_time) }</td></tr> }) }</tbody>
            </table>
            <details><summary>{ format!("All {} line items", estimate.lines.len()) }</summary>
                <Window len={estimate.lines.len()} rows={line_rows} row_height={34.0} label="Line items" />
            </details>
            <h3>{ "Projection" }</h3>
            <div class="row">
                <div class="field inline"><label for="cadence">{ "New versions per month" }</label><input id="cadence" type="number" min="0" value={settings.cadence_per_month.to_string()} oninput={set_setting(|s, n| s.cadence_per_month = n)} /></div>
                <div class="field inline"><label for="retention">{ "Versions kept" }</label><input id="retention" type="number" min="1" value={settings.retention.to_string()} oninput={set_setting(|s, n| s.retention = n.max(1))} /></div>
                <div class="field inline"><label for="full">{ "Newest kept in all regions" }</label><input id="full" type="number" min="0" value={settings.full_versions.to_string()} oninput={set_setting(|s, n| s.full_versions = n)} /></div>
            </div>
            <svg class="chart" role="img" aria-labelledby="projection-chart-title" viewBox="0 0 420 140" width="100%">
                <title id="projection-chart-title">{ "Cost per month over the projection (the table below has the figures)" }</title>
                { for projection.months.iter().enumerate().map(|(i, mo)| {
                    let h = bar(mo.total, max_month, 110.0);
                    let x = 10.0 + (i as f64) * 33.0;
                    html! { <g>
                        <rect x={x.to_string()} y={(120.0 - h).to_string()} width="24" height={h.max(1.0).to_string()} class="chart-bar" />
                        <text x={(x + 6.0).to_string()} y="135" class="chart-label">{ mo.month }</text>
                    </g> }
                }) }
            </svg>
            <table>
                <thead><tr><th scope="col">{ "Month" }</th><th scope="col">{ "Versions" }</th><th scope="col">{ "Storage" }</th><th scope="col">{ "Egress" }</th><th scope="col">{ "Total" }</th><th scope="col">{ "Cumulative" }</th></tr></thead>
                <tbody>{ for projection.months.iter().map(|mo| html! { <tr><td data-label="Month">{ mo.month }</td><td data-label="Versions">{ mo.versions }</td><td data-label="Storage">{ m(mo.storage) }</td><td data-label="Egress">{ m(mo.egress) }</td><td data-label="Total">{ m(mo.total) }</td><td data-label="Cumulative">{ m(mo.cumulative) }</td></tr> }) }</tbody>
            </table>
            <p class="hint">{ format!("Steady state: {} storage and {} egress per month. ", m(projection.steady_state_storage), m(projection.steady_state_egress)) }{ projection.assumptions.join("; ") }</p>
        </section>
    }
}

/// The line items in `range`, in their table: a large plan has a hundred thousand, so the window renders (and
/// writes the formulas of) only those in view.
fn line_rows(estimate: &acg_core::billing::Estimate, range: Range<usize>) -> Html {
    html! {
                <table class="lines">
                    <thead><tr><th scope="col">{ "Version" }</th><th scope="col">{ "Region" }</th><th scope="col">{ "Category" }</th><th scope="col">{ "Formula" }</th></tr></thead>
                    <tbody>{ for estimate.lines[range.clone()].iter().zip(range).map(|(l, i)| html! { <tr key={i} data-row={i.to_string()}><td data-label="Version">{ &l.version }</td><td data-label="Region">{ &l.region }</td><td data-label="Category">{ l.category.as_str() }</td><td data-label="Formula">{ l.formula() }{ if l.estimated { " (estimated)" } else { "" } }</td></tr> }) }</tbody>
                </table>
    }
}

/// Scenario comparison: keep the plan as A, edit it into B, see the deltas.
fn scenario(c: &Ctx, b: &acg_core::billing::Estimate) -> Html {
    let state = &c.state;
    let keep = on(state, |_| Action::SetScenarioA(true));
    let stop = on(state, |_| Action::SetScenarioA(false));
    let Some(a_plan) = &state.scenario_a else {
        return html! { <div class="scenario"><button id="keep-scenario" onclick={keep}>{ "Keep this plan as scenario A, then edit it into B" }</button></div> };
    };
    let a = acg_core::billing::estimate_plan(a_plan, &state.book);
    let m = |x| money(x, &b.currency);
    let signed =
        |x: rust_decimal::Decimal| if x.is_sign_positive() && !x.is_zero() { format!("+{}", m(x)) } else { m(x) };
    match acg_core::billing::compare(&a, b) {
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
