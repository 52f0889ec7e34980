//! Replicas: the recommendations per deployment region, and the deployment load they come from.

use acg_core::RegionName;
use acg_core::edit::{At, Change};
use acg_core::replicas::Policy;
use yew::prelude::*;

use super::{input_value, on, select_value, use_ctx};
use crate::fmt::money;
use crate::state::Action;

/// Replica recommendations per deployment region, with their reasoning and cost, applicable and undoable.
#[component]
pub fn Replicas() -> Html {
    let c = use_ctx();
    let state = &c.state;
    let plan = &state.plan;
    let settings = plan.replica_policy;
    let results = state.results();
    let recs = results.recommendations();
    let on_policy =
        on(state, |e: Event| Policy::parse(&select_value(&e)).map(|policy| Action::Edit(Change::SetPolicy { policy })));
    let on_margin = on(state, |e: InputEvent| {
        input_value(&e).trim().parse::<u32>().ok().map(|percent| Action::Edit(Change::SetMargin { percent }))
    });
    html! {
        <section class="card">
            <h2>{ "Replicas" }</h2>
            <div class="row">
                <div class="field inline">
                    <label for="policy">{ "Guidance" }</label>
                    <select id="policy" onchange={on_policy}>
                        { for Policy::ALL.iter().map(|p| html! { <option value={p.id()} selected={*p == settings.policy}>{ p.title() }</option> }) }
                    </select>
                </div>
                <div class="field inline">
                    <label for="margin">{ "Over-provisioning margin (%)" }</label>
                    <input id="margin" type="number" min="0" max="1000" value={settings.margin_percent.to_string()} oninput={on_margin} />
                </div>
            </div>
            <LoadForm />
            if recs.is_empty() { <p class="empty">{ "No deployment load yet: add one above (a definition, a region, its concurrent VMs and scale sets)." }</p> }
            <table class="recs">
                <thead><tr><th scope="col">{ "Version" }</th><th scope="col">{ "Region" }</th><th scope="col">{ "Now" }</th><th scope="col">{ "Recommended" }</th><th scope="col">{ "All guidances" }</th><th scope="col">{ "Reasoning" }</th><th scope="col">{ "Cost / month" }</th><th scope="col">{ "" }</th></tr></thead>
                <tbody>{ for recs.iter().map(|r| {
                    let (Some(rec), Some(at), Some(_)) = (&r.recommendation, r.at, &r.version) else {
                        // No version serves the demand here: Azure's message instead of a number.
                        return html! { <tr class="unserved">
                            <td data-label="Definition">{ super::latest::definition_label(plan, &r.gallery, &r.definition) }</td>
                            <td data-label="Region">{ r.region.display_name().to_owned() }</td>
                            <td colspan="6"><p class="issue warning"><span class="sev">{ r.azure_message.clone().unwrap_or_default() }</span>{ " No version serves deployments here: " }{ r.message.clone().unwrap_or_default() }</p></td>
                        </tr> };
                    };
                    let (Some(d), Some(v)) = (at.definition_in(plan), at.version_in(plan)) else { return html! {} };
                    let cost = acg_core::billing::replica_cost(v, &r.region, rec.recommended, &plan.api_version, &state.book).map(|l| money(l.amount, &state.book.currency));
                    let load = d.demand.iter().find(|x| x.region == r.region)
                        .map(|x| acg_core::replicas::Load::from_demand(x, d.production == Some(true), settings.margin_percent));
                    let all = load.map(|l| acg_core::replicas::compare(&l).iter().map(|x| format!("{}: {}", x.policy.title(), x.recommended)).collect::<Vec<_>>().join(", ")).unwrap_or_default();
                    let applied = r.current == Some(rec.recommended);
                    // Applied: the button stays (and keeps focus after Apply) but does nothing.
                    let apply = { let region = r.region.clone(); let n = rec.recommended; on(state, move |_| (!applied).then(|| Action::Edit(Change::ApplyReplicas { version: at, counts: vec![(region.clone(), n)] }))) };
                    html! { <tr data-region={r.region.key().to_owned()} data-definition={r.definition.clone()}>
                        <td class="version" data-label="Version">{ at.label(plan) }<br /><span class="hint">{ "latest there" }</span></td>
                        <td data-label="Region">{ r.region.display_name().to_owned() }</td>
                        <td data-label="Now">{ r.current.map_or_else(|| "not a target".to_owned(), |n| n.to_string()) }</td>
                        <td class="recommended" data-label="Recommended"><strong>{ rec.recommended }</strong>
                            if rec.uncapped > rec.recommended { <br /><span class="uncapped">{ format!("the load calls for {}", rec.uncapped) }</span> }</td>
                        <td data-label="All guidances">{ all }</td>
                        <td data-label="Reasoning"><ul class="terms">{ for rec.terms.iter().map(|t| html! { <li>{ t }</li> }) }{ for rec.warnings.iter().map(|w| html! { <li class="issue warning"><span class="sev">{ "Warning" }</span>{ " " }{ w }</li> }) }</ul>
                            if let Some(s) = rec.sources.first() { <details><summary>{ "Source" }</summary><blockquote>{ &s.quote }</blockquote>{ cite(&s.document) }</details> }
                            if let Some(split) = &rec.split { <details class="split"><summary>{ "Why at most 50" }</summary><blockquote>{ &split.source.quote }</blockquote>{ cite(&split.source.document) }</details> } </td>
                        <td data-label="Cost / month">{ cost.unwrap_or_else(|| "no size".to_owned()) }</td>
                        <td class="row-action"><button onclick={apply} aria-disabled={applied.then_some("true")}>{ if applied { "Applied" } else { "Apply" } }</button></td>
                    </tr> }
                }) }</tbody>
            </table>
            <p class="hint">{ "Apply writes the count into the version's target region (adding the region when missing). Undo reverts it." }</p>
        </section>
    }
}

/// The deployment load per definition and region: the inputs of the recommendations.
#[component]
pub fn LoadForm() -> Html {
    let c = use_ctx();
    let state = &c.state;
    let plan = &state.plan;
    let defs: Vec<(usize, usize, String)> = plan
        .galleries
        .iter()
        .enumerate()
        .flat_map(|(gi, g)| {
            g.images.iter().enumerate().map(move |(di, _)| (gi, di, At::Definition(gi, di).label(plan)))
        })
        .collect();
    let chosen = use_state(|| 0usize);
    let region = use_state(String::new);
    let vms = use_state(|| "0".to_owned());
    let sets = use_state(|| "0".to_owned());
    let instances = use_state(|| "100".to_owned());
    let error = use_state(|| None::<String>);
    let text_input = |h: &UseStateHandle<String>| {
        let h = h.clone();
        Callback::from(move |e: InputEvent| h.set(input_value(&e)))
    };
    let on_def = {
        let chosen = chosen.clone();
        Callback::from(move |e: Event| chosen.set(select_value(&e).parse().unwrap_or(0)))
    };
    let add = {
        let (defs, chosen, region, vms, sets, instances, error) =
            (defs.clone(), chosen.clone(), region.clone(), vms.clone(), sets.clone(), instances.clone(), error.clone());
        on(state, move |_| {
            let (gi, di, _) = defs.get(*chosen)?;
            let r = RegionName::new(region.trim());
            let parse = |label: &str, t: &str| {
                t.trim()
                    .parse::<i64>()
                    .ok()
                    .filter(|n| *n >= 0)
                    .ok_or(format!("{label}: '{t}' is not a whole number of 0 or more"))
            };
            let result = (|| -> Result<acg_core::RegionDemand, String> {
                if r.info().is_none() {
                    return Err(format!("Region: '{}' is not a region of the catalog", region.trim()));
                }
                let (v, s, i) = (
                    parse("Concurrent VMs", &vms)?,
                    parse("Concurrent scale sets", &sets)?,
                    parse("Instances per scale set", &instances)?,
                );
                let scale_sets = if s > 0 {
                    vec![acg_core::ScaleSetLoad { instances: i, count: s, ..Default::default() }]
                } else {
                    Vec::new()
                };
                Ok(acg_core::RegionDemand { region: r.clone(), concurrent_vms: v, scale_sets, ..Default::default() })
            })();
            match result {
                Ok(demand) => {
                    error.set(None);
                    Some(Action::Edit(Change::SetDemand { definition: At::Definition(*gi, *di), demand }))
                }
                Err(e) => {
                    error.set(Some(e));
                    None
                }
            }
        })
    };
    let rows: Vec<Html> = plan.galleries.iter().enumerate().flat_map(|(gi, g)| g.images.iter().enumerate().flat_map(move |(di, d)| d.demand.iter().map(move |dm| (gi, di, dm.clone())))).map(|(gi, di, dm)| {
        let remove = { let r = dm.region.clone(); on(state, move |_| Action::Edit(Change::RemoveDemand { definition: At::Definition(gi, di), region: r.clone() })) };
        let sets: i64 = dm.scale_sets.iter().map(|s| s.count).sum();
        let name = At::Definition(gi, di).label(plan);
        html! { <tr><td data-label="Definition">{ name.clone() }</td><td data-label="Region">{ dm.region.display_name().to_owned() }</td><td data-label="VMs">{ dm.concurrent_vms }</td><td data-label="Scale sets">{ sets }</td>
            <td class="row-action"><button onclick={remove} aria-label={format!("Remove the load of {name} in {}", dm.region.display_name())}>{ "Remove" }</button></td></tr> }
    }).collect();
    html! {
        <fieldset class="load"><legend>{ "Deployment load" }</legend>
            <div class="row">
                <div class="field inline"><label for="load-definition">{ "Definition" }</label>
                    <select id="load-definition" onchange={on_def}>{ for defs.iter().enumerate().map(|(i, (_, _, n))| html! { <option value={i.to_string()} selected={i == *chosen}>{ n }</option> }) }</select></div>
                <div class="field inline"><label for="load-region">{ "Region" }</label><input id="load-region" type="text" value={(*region).clone()} oninput={text_input(&region)} /></div>
                <div class="field inline"><label for="load-vms">{ "Concurrent VMs" }</label><input id="load-vms" type="number" min="0" value={(*vms).clone()} oninput={text_input(&vms)} /></div>
                <div class="field inline"><label for="load-sets">{ "Concurrent scale sets" }</label><input id="load-sets" type="number" min="0" value={(*sets).clone()} oninput={text_input(&sets)} /></div>
                <div class="field inline"><label for="load-instances">{ "Instances per scale set" }</label><input id="load-instances" type="number" min="0" max="1000" value={(*instances).clone()} oninput={text_input(&instances)} /></div>
                <button id="add-load" onclick={add}>{ "Set load" }</button>
            </div>
            if let Some(e) = &*error { <p role="alert" class="issue error"><span class="sev">{ "Error" }</span>{ " " }{ e }</p> }
            if !rows.is_empty() {
                <table><thead><tr><th scope="col">{ "Definition" }</th><th scope="col">{ "Region" }</th><th scope="col">{ "VMs" }</th><th scope="col">{ "Scale sets" }</th><th scope="col">{ "" }</th></tr></thead>
                <tbody>{ for rows }</tbody></table>
            }
        </fieldset>
    }
}

/// Microsoft Learn's page of a cited document (the core names documents by title and file; the app links them).
fn learn_url(document: &str) -> Option<&'static str> {
    if document.contains("azure-compute-gallery.md") {
        Some(if document.ends_with("Scaling") {
            "https://learn.microsoft.com/azure/virtual-machines/azure-compute-gallery#scaling"
        } else {
            "https://learn.microsoft.com/azure/virtual-machines/azure-compute-gallery#best-practices"
        })
    } else if document.starts_with("Shared Image Gallery overview") {
        Some("https://learn.microsoft.com/azure/virtual-machines/shared-image-galleries")
    } else {
        None
    }
}

/// A cited source: a link to its page (new tab, no opener), its title as text when the page is unknown.
fn cite(document: &str) -> Html {
    // The title without the file name: "Store and share resources in Azure Compute Gallery, Best practices".
    let title = document.replace(" (azure-compute-gallery.md)", "");
    match learn_url(document).filter(|u| u.starts_with("https://") || u.starts_with("http://")) {
        Some(url) => html! { <cite><a href={url} target="_blank" rel="noopener noreferrer">{ title }</a></cite> },
        None => html! { <cite>{ title }</cite> },
    }
}
