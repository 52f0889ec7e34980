//! A version's target regions: the `az`-syntax field and the table of rows. Every edit is a core `Change`
//! (a row, an added region, a removed one), refused with Azure's message where Azure would refuse it.

use acg_core::Issue;
use acg_core::edit::{At, Change, Field};
use yew::prelude::*;

use super::fields::{Draft, EnumSelect, use_draft};
use super::{change, input_value, issue_item, select_value, use_ctx};

/// Properties of [`TargetRegionTable`].
#[derive(Properties, PartialEq)]
pub struct TargetRegionTableProps {
    /// The version.
    pub version: At,
    /// Its source region, for the caption.
    pub source: AttrValue,
}

/// The target regions as a table: replicas, storage type and the regional exclude flag per row, a region
/// picker with search over display and programmatic names, and each row's issues under it. The picker lists
/// the version form's region catalog (`region-picker`, written once per form by its source-region field).
#[component]
pub fn TargetRegionTable(props: &TargetRegionTableProps) -> Html {
    let c = use_ctx();
    let add_text = use_state(String::new);
    let version = props.version;
    let plan = &c.state.plan;
    let Some(v) = version.version_in(plan).filter(|_| matches!(version, At::Version(..))) else { return html! {} };
    let At::Version(g, d, vi) = version else { return html! {} };
    let next_row = At::TargetRegion(g, d, vi, v.publishing_profile.target_regions.len()).to_string();
    // One row edit is one change of that row.
    let edit = |ti: usize, f: fn(&mut acg_core::TargetRegion, String)| {
        let row = v.publishing_profile.target_regions[ti].clone();
        change(&c.state, move |text: String| {
            let mut region = row.clone();
            f(&mut region, text);
            Change::SetTargetRegion { at: At::TargetRegion(g, d, vi, ti), region }
        })
    };
    let add = {
        let add_text = add_text.clone();
        change(&c.state, move |e: SubmitEvent| {
            e.prevent_default();
            Change::AddTargetRegion { version, region: (*add_text).clone() }
        })
    };
    let on_add_input = {
        let add_text = add_text.clone();
        Callback::from(move |e: InputEvent| add_text.set(input_value(&e)))
    };
    // A refused addition says why next to the box; an accepted one empties it.
    let add_error = c.state.refused_at(&next_row).next().map(|i| i.message.clone());
    {
        let add_text = add_text.clone();
        let count = v.publishing_profile.target_regions.len();
        use_effect_with(count, move |_| add_text.set(String::new()));
    }
    let (report, issues) = (c.report(), c.issues());
    html! {
        <>
        <table class="regions"><caption>{ format!("Target regions (source: {})", props.source) }</caption>
            <thead><tr><th scope="col">{ "Region" }</th><th scope="col">{ "Replicas" }</th><th scope="col">{ "Storage" }</th><th scope="col">{ "In latest here" }</th><th scope="col">{ "Encryption (OS disk)" }</th><th scope="col"><span class="visually-hidden">{ "Remove" }</span></th></tr></thead>
            <tbody>{ for v.publishing_profile.target_regions.iter().enumerate().map(|(ti, t)| {
                let row = At::TargetRegion(g, d, vi, ti);
                let issues: Vec<&Issue> = issues.of(&report, row).collect();
                let region = t.name.display_name();
                let replicas = edit(ti, |t, text| t.regional_replica_count = text.trim().parse().ok());
                let storage = edit(ti, |t, text| t.storage_account_type = (!text.is_empty()).then(|| acg_core::StorageAccountType::parse(&text)));
                let exclude = edit(ti, |t, text| t.exclude_from_latest = (text == "exclude").then_some(true));
                let encryption = edit(ti, |t, text| {
                    let id = (!text.trim().is_empty()).then(|| text.trim().to_owned());
                    let enc = t.encryption.get_or_insert_with(Default::default);
                    enc.os_disk_image.get_or_insert_with(Default::default).disk_encryption_set_id = id;
                    if enc.os_disk_image.as_ref().is_some_and(|o| *o == acg_core::OsDiskImageEncryption::default()) {
                        enc.os_disk_image = None;
                    }
                    if *enc == acg_core::EncryptionImages::default() {
                        t.encryption = None;
                    }
                });
                let des = t.encryption.as_ref().and_then(|e| e.os_disk_image.as_ref()).and_then(|o| o.disk_encryption_set_id.clone()).unwrap_or_default();
                let remove = change(&c.state, move |_| Change::Delete { at: row });
                html! { <>
                    <tr>
                        <th scope="row">{ format!("{} ({})", region, t.name.key()) }</th>
                        <td data-label="Replicas"><input type="number" min="1" max="100" class="count" aria-label={format!("Replicas in {region}")} data-path={row.to_string()}
                            placeholder={v.replicas_in(t).to_string()} value={t.regional_replica_count.map(|n| n.to_string()).unwrap_or_default()}
                            onchange={replicas.reform(|e: Event| select_value(&e))} /></td>
                        <td data-label="Storage"><EnumSelect aria_label={format!("Storage in {region}")} names={acg_core::StorageAccountType::NAMES} unset="(version default)"
                            value={t.storage_account_type.as_ref().map(ToString::to_string).unwrap_or_default()} on_change={storage} /></td>
                        <td data-label="In latest here"><select aria-label={format!("Latest in {region}")} onchange={exclude.reform(|e: Event| select_value(&e))}>
                            <option value="" selected={t.exclude_from_latest != Some(true)}>{ if v.excluded_in(t) { "No (version excluded)" } else { "Yes" } }</option>
                            <option value="exclude" selected={t.exclude_from_latest == Some(true)}>{ "No (excluded here)" }</option>
                        </select></td>
                        <td data-label="Encryption (OS disk)"><input type="text" class="des" aria-label={format!("Disk encryption set in {region}")} placeholder="(platform keys)" value={des}
                            onchange={encryption.reform(|e: Event| select_value(&e))} /></td>
                        <td class="row-action"><button onclick={remove} aria-label={format!("Remove {region}")}>{ "Remove" }</button></td>
                    </tr>
                    if !issues.is_empty() { <tr class="row-issues"><td colspan="6"><ul class="field-issues">{ for issues.iter().map(|i| issue_item(i)) }</ul></td></tr> }
                </> }
            }) }</tbody>
        </table>
        <form class="add-region" onsubmit={add}>
            <label for="add-region">{ "Add a target region" }</label>
            <input id="add-region" type="text" list="region-picker" autocomplete="off" placeholder="Search: West Europe, westeurope…"
                value={(*add_text).clone()} oninput={on_add_input} aria-describedby="add-region-error" aria-invalid={add_error.is_some().then_some("true")} />
            <button type="submit">{ "Add region" }</button>
            <span id="add-region-error" class="error" role="status">{ add_error.unwrap_or_default() }</span>
        </form>
        </>
    }
}

/// Properties of [`TargetRegionsField`].
#[derive(Properties, PartialEq)]
pub struct TargetRegionsProps {
    /// The version.
    pub version: At,
    /// The regions in the az syntax.
    pub text: AttrValue,
}

/// The target regions in the `az` syntax; text that does not read is refused by the core, its message shown
/// and the typed text kept.
#[component]
pub fn TargetRegionsField(props: &TargetRegionsProps) -> Html {
    let c = use_ctx();
    let at = props.version;
    let on_change = change(&c.state, move |text: String| Change::SetField { at, field: Field::TargetRegions, text });
    let path = AttrValue::from(at.field("publishingProfile.targetRegions"));
    // Read by the core when typing pauses or the field loses focus, like every text field.
    let Draft { value, typing, oninput, onblur, onkeydown } = use_draft(&props.text, &path, &on_change);
    let refused: Vec<&Issue> = c.state.refused_at(&path).filter(|i| i.code == "INPUT" && !typing).collect();
    html! {
        <div class="field">
            <label for="version-target-regions">{ "Target regions" }</label>
            <span class="hint">{ "region[=replicas][=storage type], space-separated: eastus=2=standard_zrs westus2" }</span>
            <input id="version-target-regions" type="text" autocomplete="off" spellcheck="false" {value} aria-describedby="version-target-regions-error" {oninput} {onblur} {onkeydown} />
            <ul id="version-target-regions-error" class="field-issues" aria-live="polite">
                { for refused.iter().map(|i| html! { <li class="issue error"><span class="sev">{ "Error" }</span>{ " " }{ &i.message }</li> }) }
            </ul>
        </div>
    }
}

/// The region catalog as a datalist: a region field with `list={id}` becomes a searchable picker.
pub(super) fn region_datalist(id: &'static str) -> Html {
    html! {
        <datalist id={id}>
            { for acg_core::region::regions().iter().map(|r| html! { <option value={r.name}>{ format!("{} ({})", r.display_name, r.geography) }</option> }) }
        </datalist>
    }
}
