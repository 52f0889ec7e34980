//! Prices: the catalog with its dates and sources, overrides, and the Retail Prices API import.

use acg_core::RegionName;
use acg_core::billing::PlanPrices;
use acg_core::edit::Change;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use super::{input_value, on, select_value, use_ctx};
use crate::Ctx;
use crate::state::Action;

/// Says plainly when the plan prices with its own prices (overrides, imported Retail prices), with a reset.
/// (A function, not a component: it has no state of its own.)
pub(super) fn plan_prices_banner(c: &Ctx) -> Html {
    let state = &c.state;
    let Some(summary) = state.plan.prices.summary() else { return html! {} };
    let reset = on(state, |_| Action::Edit(Change::SetPrices { prices: PlanPrices::default() }));
    html! { <div class="banner prices-active" role="status" id="prices-active">
        <span>{ summary }</span>
        { for state.plan.prices.imports.iter().map(|i| html! { <span class="hint">{ format!(" {i}.") }</span> }) }
        <button class="reset-prices" onclick={reset}>{ "Reset to the embedded catalog" }</button>
    </div> }
}

/// The price catalog with its dates and sources, overrides, and Retail Prices API import.
#[component]
pub fn Prices() -> Html {
    let c = use_ctx();
    let state = &c.state;
    let text = use_state(String::new);
    let oninput = {
        let text = text.clone();
        Callback::from(move |e: InputEvent| text.set(e.target_unchecked_into::<HtmlTextAreaElement>().value()))
    };
    let import = {
        let text = text.clone();
        on(state, move |_| Action::Edit(Change::ImportPrices { json: (*text).clone() }))
    };
    let reset = on(state, |_| Action::Edit(Change::SetPrices { prices: PlanPrices::default() }));
    let book = &state.book;
    // Filters of the snapshot table: a region key and a storage type ("Standard HDD LRS"), "" for all.
    let region_filter = use_state(String::new);
    let type_filter = use_state(String::new);
    let rows = book.snapshot_rows();
    let storage_type = |tier: acg_core::billing::Tier, red: acg_core::billing::Redundancy| {
        format!("{} {}", tier.as_str(), red.as_str())
    };
    // The rows come sorted by region, tier and redundancy: the options are their distinct values in that order
    // (no sort of our own: each sort instance is kilobytes of wasm).
    let mut regions: Vec<(String, String)> = Vec::new();
    let mut types: Vec<String> = Vec::new();
    for r in &rows {
        if regions.last().is_none_or(|(_, key)| *key != r.0) {
            regions.push((RegionName::new(&r.0).display_name().to_owned(), r.0.clone()));
        }
        let t = storage_type(r.1, r.2);
        if !types.contains(&t) {
            types.push(t);
        }
    }
    let total = rows.len();
    let snapshot_dates = dates(rows.iter().map(|r| r.3));
    let shown: Vec<_> = rows
        .into_iter()
        .filter(|r| region_filter.is_empty() || r.0 == *region_filter)
        .filter(|r| type_filter.is_empty() || storage_type(r.1, r.2) == *type_filter)
        .collect();
    let pick = |h: &UseStateHandle<String>| {
        let h = h.clone();
        Callback::from(move |e: Event| h.set(select_value(&e)))
    };
    // Keys sorted as text (`sort_unstable` of `&str`: the core already carries that sort).
    let mut transfers: Vec<&str> =
        book.transfer_pairs.keys().chain(book.transfer_out.keys()).map(String::as_str).collect();
    transfers.sort_unstable();
    html! {
        <section class="card">
            <h2>{ "Prices" }</h2>
            { plan_prices_banner(&c) }
            <p>{ format!("Currency {}. Every price has its own date and source (the As of and Source columns); each table's caption lists its dates.", book.currency) }</p>
            <p class="hint">{ "Overrides and imported prices are part of the plan: they are saved, shared and exported with it, and every estimate uses them." }</p>
            <div class="field">
                <label for="retail-json">{ "Retail Prices API JSON (the response of Azure's Retail Prices API at prices.azure.com)" }</label>
                <textarea id="retail-json" rows="5" value={(*text).clone()} {oninput} />
            </div>
            <div class="actions">
                <button id="import-prices" onclick={import}>{ "Import prices" }</button>
                <button onclick={reset}>{ "Reset to the embedded catalog" }</button>
            </div>
            { match &state.price_message {
                Some(Ok(lines)) => html! { <div role="status" class="report"><p>{ format!("Imported {} line(s):", lines.len()) }</p><ul>{ for lines.iter().map(|l| html! { <li>{ l }</li> }) }</ul></div> },
                Some(Err(e)) => html! { <p role="alert" class="issue error"><span class="sev">{ "Error" }</span>{ " " }{ e }</p> },
                None => html! {},
            } }
            <div class="row filters">
                <div class="field inline"><label for="price-region">{ "Region" }</label>
                    <select id="price-region" onchange={pick(&region_filter)}>
                        <option value="" selected={region_filter.is_empty()}>{ "All regions" }</option>
                        { for regions.iter().map(|(name, key)| html! { <option value={key.clone()} selected={*key == *region_filter}>{ name }</option> }) }
                    </select></div>
                <div class="field inline"><label for="price-type">{ "Storage type" }</label>
                    <select id="price-type" onchange={pick(&type_filter)}>
                        <option value="" selected={type_filter.is_empty()}>{ "All storage types" }</option>
                        { for types.iter().map(|t| html! { <option value={t.clone()} selected={*t == *type_filter}>{ t }</option> }) }
                    </select></div>
            </div>
            <p class="hint" id="prices-shown" role="status">{ format!("{} of {total} snapshot prices shown.", shown.len()) }</p>
            <table class="prices">
                <caption>{ format!("Snapshot prices per GB-month, as of {snapshot_dates} (type a new price to override it)") }</caption>
                <thead><tr><th scope="col">{ "Region" }</th><th scope="col">{ "Tier" }</th><th scope="col">{ "Redundancy" }</th><th scope="col">{ "Price" }</th><th scope="col">{ "As of" }</th><th scope="col">{ "Source" }</th></tr></thead>
                <tbody>{ for shown.into_iter().map(|(region, tier, red, p)| {
                    let set_price = { let region = region.clone(); on(state, move |amount| Action::Edit(Change::OverridePrice { region: RegionName::new(&region), tier, redundancy: red, amount })) };
                    let name = RegionName::new(&region).display_name().to_owned();
                    let label = format!("{name} {} {} price", tier.as_str(), red.as_str());
                    let id = format!("price-{region}-{}-{}", tier.as_str().replace(' ', "-"), red.as_str());
                    price_row(vec![("Region", name), ("Tier", tier.as_str().to_owned()), ("Redundancy", red.as_str().to_owned())], id, label, p, set_price)
                }) }</tbody>
            </table>
            <table class="prices">
                <caption>{ format!("Inter-region transfer prices per GB, as of {} (type a new price to override it)", dates(book.transfer_pairs.values().chain(book.transfer_out.values()))) }</caption>
                <thead><tr><th scope="col">{ "From" }</th><th scope="col">{ "To" }</th><th scope="col">{ "Price" }</th><th scope="col">{ "As of" }</th><th scope="col">{ "Source" }</th></tr></thead>
                <tbody>{ for transfers.into_iter().filter_map(|key| {
                    let p = book.transfer_pairs.get(key).or_else(|| book.transfer_out.get(key))?;
                    let (from, to) = key.split_once('|').unwrap_or((key, "any other continent"));
                    let label = format!("Transfer from {from} to {to} price");
                    let id = format!("transfer-{}", key.replace([' ', '|'], "-"));
                    let cells = vec![("From", from.to_owned()), ("To", to.to_owned())];
                    let set_price = { let key = key.to_owned(); on(state, move |amount| Action::Edit(Change::OverrideTransfer { key: key.clone(), amount })) };
                    Some(price_row(cells, id, label, p, set_price))
                }) }</tbody>
            </table>
        </section>
    }
}

/// One row of a price table: its leading cells, then the price as an input (typing a valid, non-negative
/// amount calls `on`), its date and its source.
fn price_row(
    cells: Vec<(&'static str, String)>,
    id: String,
    label: String,
    p: &acg_core::billing::Price,
    on: Callback<rust_decimal::Decimal>,
) -> Html {
    let oninput = Callback::from(move |e: InputEvent| {
        if let Ok(d) = input_value(&e).trim().parse::<rust_decimal::Decimal>()
            && !d.is_sign_negative()
        {
            on.emit(d);
        }
    });
    html! { <tr>
        { for cells.into_iter().map(|(l, c)| html! { <td data-label={l}>{ c }</td> }) }
        <td data-label="Price"><label class="visually-hidden" for={id.clone()}>{ label }</label>
            <input id={id} class="price" type="text" inputmode="decimal" value={p.amount.normalize().to_string()} {oninput} />
            { if p.estimated { " estimated" } else { "" } }</td>
        <td data-label="As of">{ &p.as_of }</td><td data-label="Source" class="source">{ &p.source }</td>
    </tr> }
}

/// The dates of a table's prices in the order the table meets them, with how many prices have each:
/// "2026-08-15 (84 prices), 2026-07-24 (6 prices)".
fn dates<'a>(prices: impl Iterator<Item = &'a acg_core::billing::Price>) -> String {
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for p in prices {
        match counts.iter_mut().find(|(d, _)| *d == p.as_of.as_str()) {
            Some((_, n)) => *n += 1,
            None => counts.push((p.as_of.as_str(), 1)),
        }
    }
    counts
        .iter()
        .map(|(d, n)| format!("{d} ({n} price{})", if *n == 1 { "" } else { "s" }))
        .collect::<Vec<_>>()
        .join(", ")
}
