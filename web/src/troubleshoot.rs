//! The Troubleshoot view: paste an error Azure printed, read what Microsoft's troubleshooting guide says of
//! it and which resources of the plan it concerns. `acg_core::explain` does all of it; this only renders.
//!
//! The matching runs in the explain build of the JS API (`embed/acg_explain.js`), loaded on demand by
//! `on-demand.js` (and warmed up after the app starts): the guide and its matcher are a tenth of the app
//! otherwise. Its answer comes back as JSON, read with the core's own types, and is pointed at the plan here
//! with the core's `point_at` and the app's validation report.

use std::cell::Cell;
use std::rc::Rc;

use acg_core::explain::{Explanation, Match, point_at};
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::PlanKey;
use crate::views::{issue_item, show_in_design, use_ctx};

/// An error to try the view with: what ARM returns for a version whose source region is not a target region.
const EXAMPLE: &str = r#"{"error": {"code": "InvalidParameter", "message": "Gallery image version publishing profile regions 'westeurope' must contain the location of image version 'eastus'.", "target": "galleryImageVersion.properties.publishingProfile.targetRegions"}}"#;

/// What the explain build says of `text`.
async fn explained(text: String) -> Result<Option<Explanation>, String> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    let json = crate::on_demand::explain(&text).await?;
    serde_json::from_str(&json).map(Some).map_err(|e| format!("unexpected answer: {e}"))
}

/// The paste box and what the guide says of each error in it.
#[component]
pub fn Troubleshoot() -> Html {
    let c = use_ctx();
    // A documentation widget's link carries its text as `?error=`.
    let text = use_state(|| crate::persist::query_param("error").unwrap_or_default());
    // The explain build's answer for the text, latest request wins.
    let answer = use_state(|| Ok(None::<Explanation>));
    let asked = use_mut_ref(|| Cell::new(0_u32));
    {
        let answer = answer.clone();
        use_effect_with((*text).clone(), move |text| {
            let ticket = asked.borrow().get().wrapping_add(1);
            asked.borrow().set(ticket);
            let text = text.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let result = explained(text).await;
                if asked.borrow().get() == ticket {
                    answer.set(result);
                }
            });
        });
    }
    let plan = Rc::clone(&c.state.plan);
    let state = c.state.clone();
    let found = use_memo(((*answer).clone(), PlanKey(Rc::clone(&plan))), move |(answer, plan)| {
        answer.clone().map(|found| {
            found.map(|mut found| {
                point_at(&mut found, &plan.0, state.results().report());
                found
            })
        })
    });
    let oninput = {
        let text = text.clone();
        Callback::from(move |e: InputEvent| text.set(e.target_unchecked_into::<HtmlTextAreaElement>().value()))
    };
    let example = {
        let text = text.clone();
        Callback::from(move |_| text.set(EXAMPLE.to_owned()))
    };
    html! {
        <section class="card troubleshoot">
            <h2>{ "Troubleshoot an Azure error" }</h2>
            <p class="hint">{ "Paste what Azure, az, PowerShell, Terraform or Packer printed (JSON, CLI output or a log). The planner finds the entry of Microsoft's troubleshooting guide, its cause and fix, the values in the message, and the resources of this plan it concerns. Nothing is sent anywhere." }</p>
            <div class="field">
                <label for="explain-text">{ "Error text" }</label>
                <textarea id="explain-text" rows="7" spellcheck="false" value={(*text).clone()} {oninput}
                          aria-describedby="explain-result" placeholder="(InvalidParameter) Gallery image version publishing profile regions …" />
            </div>
            <p><button type="button" class="secondary" onclick={example}>{ "Try an example" }</button></p>
            <div id="explain-result" aria-live="polite">
                { match &*found {
                    Ok(None) => html! {},
                    Ok(Some(found)) => result(found),
                    Err(e) => html! { <p class="error" role="alert">{ format!("The troubleshooting guide could not be loaded: {e}. Reload the page (while online) and try again.") }</p> },
                } }
            </div>
        </section>
    }
}

fn result(found: &Explanation) -> Html {
    html! { <>{ for found.errors.iter().enumerate().map(|(i, error)| {
        let matches: Vec<&Match> = found.matches.iter().filter(|m| m.error == i).collect();
        html! {
            <article class="explained">
                <h3>
                    if let Some(code) = &error.code { <code class="rule">{ code }</code>{ " " } }
                    <span class="msg">{ &error.message }</span>
                </h3>
                if matches.is_empty() {
                    <p class="empty">{ "No entry of the troubleshooting guide matches this error. The message above is what Azure said, without its wrapper." }</p>
                }
                if let Some((best, others)) = matches.split_first() {
                    <MatchCard m={(*best).clone()} first=true />
                    if !others.is_empty() {
                        <details class="others">
                            <summary>{ match others.len() { 1 => "1 other entry of the guide also matches".to_owned(), n => format!("{n} other entries of the guide also match") } }</summary>
                            { for others.iter().map(|m| html! { <MatchCard m={(*m).clone()} first=false /> }) }
                        </details>
                    }
                }
            </article>
        }
    }) }</> }
}

/// Properties of [`MatchCard`].
#[derive(Properties, PartialEq)]
struct MatchCardProps {
    m: Match,
    first: bool,
}

/// One guide entry: Azure's message, the cause, the fix, the values, the rules and the plan's resources.
#[component]
fn MatchCard(props: &MatchCardProps) -> Html {
    let c = use_ctx();
    let navigator = use_navigator();
    let m = &props.m;
    let percent = (m.score * 100.0).round();
    html! {
        <div class={classes!("guide-entry", props.first.then_some("best"))}>
            <h4>
                { if props.first { "Guide entry " } else { "Also close: " } }
                <code>{ m.azure_message.clone() }</code>{ format!(" · {} · {percent}% match", m.section_title) }
            </h4>
            <dl>
                <dt>{ "Azure says" }</dt><dd class="msg">{ m.message.clone() }</dd>
                <dt>{ "Cause" }</dt><dd>{ m.cause.clone() }</dd>
                <dt>{ "Fix" }</dt><dd>{ m.fix.clone() }</dd>
                if !m.values.is_empty() {
                    <dt>{ "In this error" }</dt>
                    <dd><ul class="values">{ for m.values.iter().map(|(k, v)| html! { <li><span class="muted">{ format!("{k}: ") }</span><code>{ v.clone() }</code></li> }) }</ul></dd>
                }
                if !m.rules.is_empty() {
                    <dt>{ "Checked in advance by" }</dt><dd>{ for m.rules.iter().map(|r| html! { <><code class="rule">{ r.clone() }</code>{ " " }</> }) }</dd>
                }
            </dl>
            if !m.resources.is_empty() {
                <p><strong>{ "In this plan" }</strong></p>
                <ul class="resources">{ for m.resources.iter().map(|r| {
                    let go = show_in_design(&c.state, navigator.as_ref(), Some(r.at), None);
                    html! { <li>
                        <button type="button" class="link" onclick={go}>{ &r.label }</button>
                        <span class="muted">{ if r.named { " (named by the error)" } else { " (flagged now)" } }</span>
                        if !r.issues.is_empty() { <ul>{ for r.issues.iter().map(issue_item) }</ul> }
                    </li> }
                }) }</ul>
            }
            <p><a href={m.guide_url.to_string()} target="_blank" rel="noopener noreferrer">{ format!("{} in the troubleshooting guide", m.section_title) }</a></p>
        </div>
    }
}
