//! The views. Components render; `acg-core` computes.
#![allow(clippy::many_single_char_names, reason = "c (context), a/b (scenarios), m (money) read best short in markup")]

use std::rc::Rc;

use acg_core::billing::BillingSettings;

use crate::fmt::{money, number};
use acg_core::interchange::{ExportFormat, ExportOptions};
use acg_core::latest::Edit;
use acg_core::replicas::Policy;
use acg_core::{Issue, RegionName, Severity};
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;
use yew_router::prelude::*;

use crate::state::{Action, AppState, Field, PropertyKind, Selection, delete_blocker, path_of, selection_of};
use crate::{Ctx, PlanKey, Route, VersionField};

/// Renders the view of a route.
pub fn switch(route: Route) -> Html {
    match route {
        Route::Design => html! { <Design /> },
        Route::Issues => html! { <Issues /> },
        Route::Latest => html! { <Latest /> },
        Route::Replicas => html! { <Replicas /> },
        Route::Costs => html! { <Costs /> },
        Route::Prices => html! { <Prices /> },
        Route::ImportExport => html! { <ImportExport /> },
        Route::Troubleshoot => html! { <crate::troubleshoot::Troubleshoot /> },
        Route::NotFound => {
            html! { <section class="card"><h2>{ "Not found" }</h2><Link<Route> to={Route::Design}>{ "Back to the design" }</Link<Route>></section> }
        }
    }
}

/// The app's context (the app always provides it).
#[hook]
pub(crate) fn use_ctx() -> Ctx {
    use_context::<Ctx>().expect("the app provides the context")
}

fn severity_label(s: Severity) -> &'static str {
    match s {
        Severity::Error => "Error",
        Severity::Warning => "Warning",
        Severity::Info => "Info",
    }
}

/// One issue, as text: severity word (never colour alone), rule id, message, fix.
/// A click that selects the resource at a report path and opens it in Design.
pub(crate) fn show_in_design(
    state: &UseReducerHandle<AppState>,
    navigator: Option<&Navigator>,
    path: &str,
) -> Callback<MouseEvent> {
    let (state, navigator, sel) = (state.clone(), navigator.cloned(), selection_of(path));
    Callback::from(move |_| {
        state.dispatch(Action::Select(sel));
        if let Some(n) = &navigator {
            n.push(&Route::Design);
        }
    })
}

pub(crate) fn issue_item(i: &Issue) -> Html {
    html! {
        <li class={classes!("issue", i.severity.as_str())}>
            <span class="sev">{ severity_label(i.severity) }</span>{ " " }
            <code class="rule">{ &*i.code }</code>{ " " }
            <span class="msg">{ &i.message }</span>
            if let Some(fix) = &i.mitigation { <div class="fix">{ "Fix: " }{ &**fix }</div> }
        </li>
    }
}

fn input_value(e: &InputEvent) -> String {
    e.target_unchecked_into::<HtmlInputElement>().value()
}

fn select_value(e: &Event) -> String {
    e.target_unchecked_into::<HtmlSelectElement>().value()
}

// ---------------------------------------------------------------------------------------------------------
// Fields

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
}

/// A labelled text input that shows its own issues from the report.
#[component]
pub fn TextField(props: &TextFieldProps) -> Html {
    let c = use_ctx();
    let issues: Vec<&Issue> = c.report.issues.iter().filter(|i| i.path == props.path.as_str()).collect();
    let oninput = {
        let cb = props.on_change.clone();
        Callback::from(move |e: InputEvent| cb.emit(input_value(&e)))
    };
    let described = format!("{}-issues", props.id);
    html! {
        <div class="field">
            <label for={props.id.clone()}>{ &props.label }</label>
            if let Some(h) = &props.hint { <span class="hint">{ h }</span> }
            <input id={props.id.clone()} type="text" autocomplete="off" spellcheck="false" value={props.value.clone()}
                   aria-invalid={(issues.iter().any(|i| i.severity == Severity::Error)).to_string()} aria-describedby={described.clone()} {oninput} />
            <ul id={described} class="field-issues" aria-live="polite">{ for issues.iter().map(|i| issue_item(i)) }</ul>
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
    let issues: Vec<&Issue> = c.report.issues.iter().filter(|i| i.path == props.path.as_str()).collect();
    let onchange = {
        let cb = props.on_change.clone();
        Callback::from(move |e: Event| cb.emit(select_value(&e)))
    };
    let known = props.options.iter().any(|(v, _)| *v == props.value);
    html! {
        <div class="field">
            <label for={props.id.clone()}>{ &props.label }</label>
            <select id={props.id.clone()} {onchange}>
                if !known { <option value={props.value.clone()} selected=true>{ format!("{} (not a known value)", props.value) }</option> }
                { for props.options.iter().map(|(v, t)| html! { <option value={v.clone()} selected={*v == props.value}>{ t }</option> }) }
            </select>
            <ul class="field-issues" aria-live="polite">{ for issues.iter().map(|i| issue_item(i)) }</ul>
        </div>
    }
}

fn opts(values: &[(&'static str, &'static str)]) -> Vec<(AttrValue, AttrValue)> {
    values.iter().map(|(v, t)| (AttrValue::Static(v), AttrValue::Static(t))).collect()
}

// ---------------------------------------------------------------------------------------------------------
// Design

/// The design view: the tree and the form of the selected resource.
#[component]
pub fn Design() -> Html {
    let c = use_ctx();
    let state = &c.state;
    let plan = &state.plan;
    let sel = state.selection;
    let select = |s: Selection| {
        let state = state.clone();
        Callback::from(move |_| state.dispatch(Action::Select(s)))
    };
    let count_under = |path: String| {
        c.report
            .issues
            .iter()
            .filter(|i| i.severity == Severity::Error && (i.path == path || i.path.starts_with(&format!("{path}."))))
            .count()
    };
    let node = |s: Selection, label: String, kind: &str| {
        let errors = count_under(path_of(s));
        html! {
            <button class={classes!("node", (sel == s).then_some("selected"))} aria-current={(sel == s).then_some("true")} onclick={select(s)}>
                <span class="kind">{ kind.to_owned() }</span>{ " " }<span class="node-name">{ if label.is_empty() { "(no name)".to_owned() } else { label } }</span>
                if errors > 0 { <span class="badge error">{ format!("{errors} error{}", if errors == 1 { "" } else { "s" }) }</span> }
            </button>
        }
    };
    let add_gallery = {
        let state = state.clone();
        Callback::from(move |_| state.dispatch(Action::AddGallery))
    };
    let tree = html! {
        <nav class="tree card" aria-label="Galleries, image definitions and versions">
            <ul>
            { for plan.galleries.iter().enumerate().map(|(gi, g)| {
                let add_def = { let state = state.clone(); Callback::from(move |_| state.dispatch(Action::AddDefinition(gi))) };
                html! { <li>
                    { node(Selection::Gallery(gi), g.name.clone(), "Gallery") }
                    <ul>
                    { for g.images.iter().enumerate().map(|(di, d)| {
                        let add_ver = { let state = state.clone(); Callback::from(move |_| state.dispatch(Action::AddVersion(gi, di))) };
                        html! { <li>
                            { node(Selection::Definition(gi, di), d.name.clone(), "Definition") }
                            <ul>
                                { for d.versions.iter().enumerate().map(|(vi, v)| html! { <li>{ node(Selection::Version(gi, di, vi), v.name.clone(), "Version") }</li> }) }
                                <li><button class="add" onclick={add_ver}>{ format!("+ Version of {}", d.name) }</button></li>
                            </ul>
                        </li> }
                    }) }
                        <li><button class="add" onclick={add_def}>{ format!("+ Image definition in {}", g.name) }</button></li>
                    </ul>
                </li> }
            }) }
            </ul>
            <button class="add" onclick={add_gallery}>{ "+ Gallery" }</button>
            if plan.galleries.is_empty() { <p class="empty">{ "No galleries yet: add one, or import an ARM template or az output under Import / export." }</p> }
        </nav>
    };
    html! {
        <div class="design">
            { tree }
            <section class="card form" aria-label="Selected resource">{ form(&c, sel) }</section>
        </div>
    }
}

fn form(c: &Ctx, sel: Selection) -> Html {
    let state = &c.state;
    let plan = &state.plan;
    let base = path_of(sel);
    let set = |field: Field| {
        let state = state.clone();
        Callback::from(move |text: String| state.dispatch(Action::SetField(sel, field.clone(), text)))
    };
    // The remaining REST properties, read and written by JSON pointer (see `Field::Property`).
    let json = crate::state::property_json(plan, sel);
    let prop = |pointer: &str| match json.pointer(pointer) {
        Some(serde_json::Value::String(t)) => t.clone(),
        Some(serde_json::Value::Null) | None => String::new(),
        Some(other) => other.to_string(),
    };
    let dotted = |pointer: &str| format!("{base}{}", pointer.replace('/', "."));
    let text_prop = |id: &'static str, label: &'static str, pointer: &'static str| {
        html! { <TextField id={id} label={label} value={prop(pointer)} path={dotted(pointer)} on_change={set(Field::Property(pointer, PropertyKind::Text))} /> }
    };
    let int_prop = |id: &'static str, label: &'static str, pointer: &'static str| {
        html! { <TextField id={id} label={label} value={prop(pointer)} path={dotted(pointer)} on_change={set(Field::Property(pointer, PropertyKind::Integer))} /> }
    };
    let bool_prop = |id: &'static str, label: &'static str, pointer: &'static str, unset: &'static str| {
        html! { <SelectField id={id} label={label} value={prop(pointer)} path={dotted(pointer)} on_change={set(Field::Property(pointer, PropertyKind::Bool))}
        options={opts(&[("", unset), ("true", "Yes"), ("false", "No")])} /> }
    };
    let actions = {
        let dup = {
            let state = state.clone();
            Callback::from(move |_| state.dispatch(Action::Duplicate(sel)))
        };
        let blocker = delete_blocker(plan, sel);
        let del = {
            let state = state.clone();
            Callback::from(move |_| state.dispatch(Action::Delete(sel)))
        };
        html! { <div class="actions">
            <button onclick={dup}>{ "Duplicate" }</button>
            <button onclick={del} disabled={blocker.is_some()} title={blocker.clone().unwrap_or_default()}>{ "Delete" }</button>
            if let Some(b) = blocker { <p class="hint">{ b }</p> }
        </div> }
    };
    match sel {
        Selection::None => html! { <>
            <h2>{ "Select a resource" }</h2>
            <p class="empty">{ "Choose a gallery, image definition or version in the tree to edit it. Every field shows Azure's own message when Azure would reject it." }</p>
            <VersionField />
        </> },
        Selection::Gallery(gi) => {
            let Some(g) = plan.galleries.get(gi) else { return html! {} };
            html! { <>
                <h2>{ format!("Gallery {}", g.name) }</h2>
                <fieldset><legend>{ "Basics" }</legend>
                    <TextField id="gallery-name" label="Gallery name" value={g.name.clone()} path={format!("{base}.name")} on_change={set(Field::Name)}
                        hint={Some(AttrValue::from("Letters, digits, underscores and periods; no dashes."))} />
                    <TextField id="gallery-location" label="Region" value={g.location.to_string()} path={format!("{base}.location")} on_change={set(Field::Location)} />
                    <TextField id="gallery-description" label="Description" value={g.description.clone().unwrap_or_default()} path={format!("{base}.description")} on_change={set(Field::Description)} />
                </fieldset>
                <fieldset><legend>{ "Sharing" }</legend>
                    <SelectField id="gallery-sharing" label="Sharing" value={prop("/sharingProfile/permissions")} path={dotted("/sharingProfile/permissions")} on_change={set(Field::Property("/sharingProfile/permissions", PropertyKind::Text))}
                        options={opts(&[("", "(Private: the default)"), ("Private", "Private"), ("Groups", "Groups (subscriptions, tenants)"), ("Community", "Community (public)")])} />
                    { text_prop("gallery-community-prefix", "Community: public name prefix", "/sharingProfile/communityGalleryInfo/publicNamePrefix") }
                    { text_prop("gallery-community-contact", "Community: publisher contact email", "/sharingProfile/communityGalleryInfo/publisherContact") }
                    { text_prop("gallery-community-uri", "Community: publisher URI", "/sharingProfile/communityGalleryInfo/publisherUri") }
                    { text_prop("gallery-community-eula", "Community: EULA", "/sharingProfile/communityGalleryInfo/eula") }
                </fieldset>
                <fieldset><legend>{ "Safety" }</legend>
                    { bool_prop("gallery-soft-delete", "Soft delete (recycle bin for deleted images)", "/softDeletePolicy/isSoftDeleteEnabled", "(off: the default)") }
                </fieldset>
                <ul class="field-issues">{ for c.report.issues.iter().filter(|i| i.path == base).map(issue_item) }</ul>
                { actions }
            </> }
        }
        Selection::Definition(gi, di) => {
            let Some(d) = plan.galleries.get(gi).and_then(|g| g.images.get(di)) else { return html! {} };
            let security = d.security_type().map(|s| s.to_string()).unwrap_or_default();
            let feature = |name: &str| {
                d.features
                    .iter()
                    .find(|f| f.name.eq_ignore_ascii_case(name))
                    .map(|f| f.value.clone())
                    .unwrap_or_default()
            };
            html! { <>
                <h2>{ format!("Image definition {}", d.name) }</h2>
                <fieldset><legend>{ "Basics" }</legend>
                    <TextField id="definition-name" label="Definition name" value={d.name.clone()} path={format!("{base}.name")} on_change={set(Field::Name)} />
                    <TextField id="definition-description" label="Description" value={d.description.clone().unwrap_or_default()} path={format!("{base}.description")} on_change={set(Field::Description)} />
                    <SelectField id="definition-os-type" label="OS type" value={d.os_type.as_ref().map(std::string::ToString::to_string).unwrap_or_default()} path={format!("{base}.osType")} on_change={set(Field::OsType)}
                        options={opts(&[("", "(not set)"), ("Linux", "Linux"), ("Windows", "Windows")])} />
                    <SelectField id="definition-os-state" label="OS state" value={d.os_state.as_ref().map(std::string::ToString::to_string).unwrap_or_default()} path={format!("{base}.osState")} on_change={set(Field::OsState)}
                        options={opts(&[("", "(not set)"), ("Generalized", "Generalized"), ("Specialized", "Specialized")])} />
                    <SelectField id="definition-hyperv" label="Hyper-V generation" value={d.hyper_v_generation.as_ref().map(std::string::ToString::to_string).unwrap_or_default()} path={format!("{base}.hyperVGeneration")} on_change={set(Field::HyperVGeneration)}
                        options={opts(&[("", "(API default)"), ("V1", "V1"), ("V2", "V2")])} />
                    <TextField id="definition-eol" label="End-of-life date" value={d.end_of_life_date.clone().unwrap_or_default()} path={format!("{base}.endOfLifeDate")} on_change={set(Field::EndOfLifeDate)} hint={Some(AttrValue::from("yyyy-MM-dd"))} />
                </fieldset>
                <fieldset><legend>{ "Identity" }</legend>
                    <TextField id="definition-publisher" label="Publisher" value={d.identifier.publisher.clone()} path={format!("{base}.identifier.publisher")} on_change={set(Field::Publisher)} />
                    <TextField id="definition-offer" label="Offer" value={d.identifier.offer.clone()} path={format!("{base}.identifier.offer")} on_change={set(Field::Offer)} />
                    <TextField id="definition-sku" label="SKU" value={d.identifier.sku.clone()} path={format!("{base}.identifier.sku")} on_change={set(Field::Sku)} />
                </fieldset>
                <fieldset><legend>{ "Features" }</legend>
                    <SelectField id="definition-security" label="Security type" value={security} path={format!("{base}.features[0].value")} on_change={set(Field::SecurityType)}
                        options={opts(&[("", "(not set)"), ("Standard", "Standard"), ("TrustedLaunchSupported", "TrustedLaunchSupported"), ("TrustedLaunch", "TrustedLaunch"), ("ConfidentialVMSupported", "ConfidentialVMSupported"), ("ConfidentialVM", "ConfidentialVM"), ("TrustedLaunchAndConfidentialVmSupported", "TrustedLaunchAndConfidentialVmSupported")])} />
                    <SelectField id="definition-architecture" label="Architecture" value={prop("/architecture")} path={dotted("/architecture")} on_change={set(Field::Property("/architecture", PropertyKind::Text))}
                        options={opts(&[("", "(x64: the default)"), ("x64", "x64"), ("Arm64", "Arm64")])} />
                    <SelectField id="definition-accelerated" label="Accelerated networking" value={feature("IsAcceleratedNetworkSupported")} path={format!("{base}.features")} on_change={set(Field::Feature("IsAcceleratedNetworkSupported"))}
                        options={opts(&[("", "(not said)"), ("True", "Supported"), ("False", "Not supported")])} />
                    <SelectField id="definition-hibernate" label="Hibernation" value={feature("IsHibernateSupported")} path={format!("{base}.features")} on_change={set(Field::Feature("IsHibernateSupported"))}
                        options={opts(&[("", "(not said)"), ("True", "Supported"), ("False", "Not supported")])} />
                    <TextField id="definition-disk-controllers" label="Disk controller types" value={feature("DiskControllerTypes")} path={format!("{base}.features")} on_change={set(Field::Feature("DiskControllerTypes"))}
                        hint={Some(AttrValue::from("SCSI, NVMe"))} />
                </fieldset>
                <fieldset><legend>{ "Publishing" }</legend>
                    { text_prop("definition-eula", "EULA", "/eula") }
                    { text_prop("definition-privacy", "Privacy statement URI", "/privacyStatementUri") }
                    { text_prop("definition-release-notes", "Release notes URI", "/releaseNoteUri") }
                    { text_prop("definition-plan-name", "Purchase plan: name", "/purchasePlan/name") }
                    { text_prop("definition-plan-publisher", "Purchase plan: publisher", "/purchasePlan/publisher") }
                    { text_prop("definition-plan-product", "Purchase plan: product", "/purchasePlan/product") }
                </fieldset>
                <fieldset><legend>{ "Recommended VM size" }</legend>
                    { int_prop("definition-vcpus-min", "vCPUs: at least", "/recommended/vCPUs/min") }
                    { int_prop("definition-vcpus-max", "vCPUs: at most", "/recommended/vCPUs/max") }
                    { int_prop("definition-memory-min", "Memory GB: at least", "/recommended/memory/min") }
                    { int_prop("definition-memory-max", "Memory GB: at most", "/recommended/memory/max") }
                </fieldset>
                <fieldset><legend>{ "Planning" }</legend>
                    <SelectField id="definition-production" label="Production image" value={d.production.map(|p| p.to_string()).unwrap_or_default()} path={format!("{base}.production")} on_change={set(Field::Production)}
                        options={opts(&[("", "(not said)"), ("true", "Yes"), ("false", "No")])} />
                </fieldset>
                <ul class="field-issues">{ for c.report.issues.iter().filter(|i| i.path == base || i.path == format!("{base}.identifier")).map(issue_item) }</ul>
                { actions }
            </> }
        }
        Selection::Version(gi, di, vi) => {
            let Some(g) = plan.galleries.get(gi) else { return html! {} };
            let Some(d) = g.images.get(di) else { return html! {} };
            let Some(v) = d.versions.get(vi) else { return html! {} };
            let pp = &v.publishing_profile;
            let source = v.source_region(d.location.as_ref().unwrap_or(&g.location)).clone();
            html! { <>
                <h2>{ format!("Version {} of {}", v.name, d.name) }</h2>
                <fieldset><legend>{ "Basics" }</legend>
                    <TextField id="version-name-field" label="Version name" value={v.name.clone()} path={format!("{base}.name")} on_change={set(Field::Name)} hint={Some(AttrValue::from("Major.Minor.Patch, e.g. 1.0.12"))} />
                    <TextField id="version-location" label="Source region (blank: the gallery's)" value={v.location.as_ref().map(ToString::to_string).unwrap_or_default()} path={format!("{base}.location")} on_change={set(Field::Location)} />
                    <TextField id="version-source" label="Source id (managed image, VM or version)" value={v.storage_profile.as_ref().and_then(|s| s.source.as_ref()).and_then(|s| s.id.clone()).unwrap_or_default()} path={format!("{base}.storageProfile.source.id")} on_change={set(Field::SourceId)} />
                </fieldset>
                <fieldset><legend>{ "Replication" }</legend>
                    <TargetRegionsField sel={sel} text={acg_core::target_regions::format(&pp.target_regions)} />
                    <TextField id="version-replica-count" label="Default replicas per region" value={pp.replica_count.map(|n| n.to_string()).unwrap_or_default()} path={format!("{base}.publishingProfile.replicaCount")} on_change={set(Field::ReplicaCount)} />
                    <SelectField id="version-storage" label="Storage account type" value={pp.storage_account_type.as_ref().map(std::string::ToString::to_string).unwrap_or_default()} path={format!("{base}.publishingProfile.storageAccountType")} on_change={set(Field::StorageAccountType)}
                        options={opts(&[("", "(strategy default)"), ("Standard_LRS", "Standard_LRS"), ("Standard_ZRS", "Standard_ZRS"), ("Premium_LRS", "Premium_LRS"), ("PremiumV2_LRS", "PremiumV2_LRS")])} />
                    <SelectField id="version-mode" label="Replication mode" value={pp.replication_mode.as_ref().map(std::string::ToString::to_string).unwrap_or_default()} path={format!("{base}.publishingProfile.replicationMode")} on_change={set(Field::ReplicationMode)}
                        options={opts(&[("", "(Full)"), ("Full", "Full"), ("Shallow", "Shallow")])} />
                    <SelectField id="version-exclude" label="Exclude from latest (all regions)" value={pp.exclude_from_latest.map(|p| p.to_string()).unwrap_or_default()} path={format!("{base}.publishingProfile.excludeFromLatest")} on_change={set(Field::ExcludeFromLatest)}
                        options={opts(&[("", "(no)"), ("true", "Yes"), ("false", "No")])} />
                    <TextField id="version-eol" label="End-of-life date" value={pp.end_of_life_date.clone().unwrap_or_default()} path={format!("{base}.publishingProfile.endOfLifeDate")} on_change={set(Field::EndOfLifeDate)} />
                    <TargetRegionTable sel={sel} source={source.to_string()} />
                </fieldset>
                <fieldset><legend>{ "Safety" }</legend>
                    { bool_prop("version-allow-delete-replicated", "Allow removing replicated regions", "/safetyProfile/allowDeletionOfReplicatedLocations", "(no: the default)") }
                    { bool_prop("version-block-delete", "Block deletion before end of life", "/safetyProfile/blockDeletionBeforeEndOfLife", "(no: the default)") }
                </fieldset>
                <fieldset><legend>{ "Billing inputs" }</legend>
                    <TextField id="version-occupied" label="Occupied GB (used size of the OS disk)" value={v.occupied_gb.as_ref().map(|o| o.os_disk.to_string()).unwrap_or_default()} path={format!("{base}.occupiedGb")} on_change={set(Field::OccupiedOsGb)} />
                </fieldset>
                <ul class="field-issues">{ for c.report.issues.iter().filter(|i| i.path == base || i.path == format!("{base}.storageProfile") || i.path == format!("{base}.publishingProfile.targetRegions")).map(issue_item) }</ul>
                { actions }
            </> }
        }
    }
}

/// Properties of [`TargetRegionTable`].
#[derive(Properties, PartialEq)]
pub struct TargetRegionTableProps {
    /// The version.
    pub sel: Selection,
    /// Its source region, for the caption.
    pub source: AttrValue,
}

/// The target regions as a table: replicas, storage type and the regional exclude flag per row, a region
/// picker with search over display and programmatic names, and each row's issues under it.
#[component]
pub fn TargetRegionTable(props: &TargetRegionTableProps) -> Html {
    let c = use_ctx();
    let add_text = use_state(String::new);
    let add_error = use_state(|| None::<String>);
    let Selection::Version(gi, di, vi) = props.sel else { return html! {} };
    let plan = &c.state.plan;
    let Some(v) = plan.galleries.get(gi).and_then(|g| g.images.get(di)).and_then(|d| d.versions.get(vi)) else {
        return html! {};
    };
    let base = format!("{}.publishingProfile.targetRegions", path_of(props.sel));
    let regions = v.publishing_profile.target_regions.clone();
    let sel = props.sel;
    // Every row edit is one undoable edit of the whole list.
    let edit = |ti: usize, f: fn(&mut acg_core::TargetRegion, String)| {
        let state = c.state.clone();
        let regions = regions.clone();
        move |text: String| {
            let mut next = regions.clone();
            if let Some(t) = next.get_mut(ti) {
                f(t, text);
                state.dispatch(Action::SetTargetRegions(sel, next));
            }
        }
    };
    let add = {
        let (state, regions, add_text, add_error) =
            (c.state.clone(), regions.clone(), add_text.clone(), add_error.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let typed = add_text.trim().to_owned();
            let name = RegionName::new(&typed);
            if typed.is_empty() {
                add_error.set(Some("Type a region, e.g. West Europe or westeurope.".to_owned()));
            } else if name.info().is_none() {
                add_error
                    .set(Some(format!("'{typed}' is not an Azure region of the catalog: pick one from the list.")));
            } else if regions.iter().any(|t| t.name == name) {
                add_error.set(Some(format!("{} is already a target region.", name.display_name())));
            } else {
                let mut next = regions.clone();
                next.push(acg_core::TargetRegion { name: RegionName::new(name.key()), ..Default::default() });
                state.dispatch(Action::SetTargetRegions(sel, next));
                add_text.set(String::new());
                add_error.set(None);
            }
        })
    };
    let on_add_input = {
        let add_text = add_text.clone();
        Callback::from(move |e: InputEvent| add_text.set(input_value(&e)))
    };
    html! {
        <>
        <table class="regions"><caption>{ format!("Target regions (source: {})", props.source) }</caption>
            <thead><tr><th scope="col">{ "Region" }</th><th scope="col">{ "Replicas" }</th><th scope="col">{ "Storage" }</th><th scope="col">{ "In latest here" }</th><th scope="col">{ "Encryption (OS disk)" }</th><th scope="col"><span class="visually-hidden">{ "Remove" }</span></th></tr></thead>
            <tbody>{ for regions.iter().enumerate().map(|(ti, t)| {
                let tpath = format!("{base}[{ti}]");
                let issues: Vec<&Issue> = c.report.issues.iter().filter(|i| i.path == tpath || i.path.starts_with(&format!("{tpath}."))).collect();
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
                let remove = {
                    let (state, regions) = (c.state.clone(), regions.clone());
                    Callback::from(move |_| {
                        let mut next = regions.clone();
                        next.remove(ti);
                        state.dispatch(Action::SetTargetRegions(sel, next));
                    })
                };
                html! { <>
                    <tr>
                        <th scope="row">{ format!("{} ({})", region, t.name.key()) }</th>
                        <td><input type="number" min="1" max="100" class="count" aria-label={format!("Replicas in {region}")}
                            placeholder={v.replicas_in(t).to_string()} value={t.regional_replica_count.map(|n| n.to_string()).unwrap_or_default()}
                            onchange={Callback::from(move |e: Event| replicas(select_value(&e)))} /></td>
                        <td><select aria-label={format!("Storage in {region}")} onchange={Callback::from(move |e: Event| storage(select_value(&e)))}>
                            { for [("", "(version default)"), ("Standard_LRS", "Standard_LRS"), ("Standard_ZRS", "Standard_ZRS"), ("Premium_LRS", "Premium_LRS"), ("PremiumV2_LRS", "PremiumV2_LRS")].iter().map(|(val, text)| html! {
                                <option value={*val} selected={t.storage_account_type.as_ref().map(ToString::to_string).unwrap_or_default() == *val}>{ *text }</option>
                            }) }
                        </select></td>
                        <td><select aria-label={format!("Latest in {region}")} onchange={Callback::from(move |e: Event| exclude(select_value(&e)))}>
                            <option value="" selected={t.exclude_from_latest != Some(true)}>{ if v.excluded_in(t) { "No (version excluded)" } else { "Yes" } }</option>
                            <option value="exclude" selected={t.exclude_from_latest == Some(true)}>{ "No (excluded here)" }</option>
                        </select></td>
                        <td><input type="text" class="des" aria-label={format!("Disk encryption set in {region}")} placeholder="(platform keys)" value={des}
                            onchange={Callback::from(move |e: Event| encryption(select_value(&e)))} /></td>
                        <td><button onclick={remove} aria-label={format!("Remove {region}")}>{ "Remove" }</button></td>
                    </tr>
                    if !issues.is_empty() { <tr><td colspan="6"><ul class="field-issues">{ for issues.iter().map(|i| issue_item(i)) }</ul></td></tr> }
                </> }
            }) }</tbody>
        </table>
        <form class="add-region" onsubmit={add}>
            <label for="add-region">{ "Add a target region" }</label>
            <input id="add-region" type="text" list="region-catalog" autocomplete="off" placeholder="Search: West Europe, westeurope…"
                value={(*add_text).clone()} oninput={on_add_input} aria-describedby="add-region-error" aria-invalid={add_error.is_some().then_some("true")} />
            <button type="submit">{ "Add region" }</button>
            <span id="add-region-error" class="error" role="status">{ (*add_error).clone().unwrap_or_default() }</span>
        </form>
        <datalist id="region-catalog">
            { for acg_core::region::regions().iter().map(|r| html! { <option value={r.name}>{ format!("{} ({})", r.display_name, r.geography) }</option> }) }
        </datalist>
        </>
    }
}

/// Properties of [`TargetRegionsField`].
#[derive(Properties, PartialEq)]
pub struct TargetRegionsProps {
    /// The version.
    pub sel: Selection,
    /// The regions in the az syntax.
    pub text: AttrValue,
}

/// The target regions in the `az` syntax; a parse error is shown and the typed text kept.
#[component]
pub fn TargetRegionsField(props: &TargetRegionsProps) -> Html {
    let c = use_ctx();
    let error = use_state(|| None::<String>);
    let oninput = {
        let state = c.state.clone();
        let error = error.clone();
        let sel = props.sel;
        Callback::from(move |e: InputEvent| {
            let text = input_value(&e);
            match acg_core::target_regions::parse(&text) {
                Ok(_) => {
                    error.set(None);
                    state.dispatch(Action::SetField(sel, Field::TargetRegions, text));
                }
                Err(e) => error.set(Some(e.to_string())),
            }
        })
    };
    html! {
        <div class="field">
            <label for="version-target-regions">{ "Target regions" }</label>
            <span class="hint">{ "region[=replicas][=storage type], space-separated: eastus=2=standard_zrs westus2" }</span>
            <input id="version-target-regions" type="text" autocomplete="off" spellcheck="false" value={props.text.clone()} aria-describedby="version-target-regions-error" {oninput} />
            <ul id="version-target-regions-error" class="field-issues" aria-live="polite">
                if let Some(e) = &*error { <li class="issue error"><span class="sev">{ "Error" }</span>{ " " }{ e }</li> }
            </ul>
        </div>
    }
}

// ---------------------------------------------------------------------------------------------------------
// Issues

/// Every issue, filterable, each a link to its field.
#[component]
pub fn Issues() -> Html {
    let c = use_ctx();
    let filter = use_state(String::new);
    let navigator = use_navigator();
    let onchange = {
        let filter = filter.clone();
        Callback::from(move |e: Event| filter.set(select_value(&e)))
    };
    let shown: Vec<&Issue> =
        c.report.issues.iter().filter(|i| filter.is_empty() || i.severity.as_str() == filter.as_str()).collect();
    html! {
        <section class="card">
            <h2>{ "Issues" }</h2>
            <div class="field inline">
                <label for="issue-filter">{ "Show" }</label>
                <select id="issue-filter" {onchange}>
                    <option value="" selected={filter.is_empty()}>{ format!("All ({})", c.report.issues.len()) }</option>
                    { for [Severity::Error, Severity::Warning, Severity::Info].iter().map(|s| html! {
                        <option value={s.as_str()} selected={filter.as_str() == s.as_str()}>{ format!("{} ({})", severity_label(*s), c.report.count(*s)) }</option>
                    }) }
                </select>
            </div>
            if shown.is_empty() { <p class="empty">{ "Nothing to report: Azure would accept this plan as far as can be checked offline." }</p> }
            <ul class="issue-list">{ for shown.iter().map(|i| {
                let go = show_in_design(&c.state, navigator.as_ref(), &i.path);
                html! { <li>
                    <button class="link" onclick={go}><code>{ &i.path }</code></button>
                    <ul>{ issue_item(i) }</ul>
                </li> }
            }) }</ul>
        </section>
    }
}

// ---------------------------------------------------------------------------------------------------------
// Latest

/// The definitions x regions matrix of `latest`, with every version's reason on demand.
#[component]
pub fn Latest() -> Html {
    let c = use_ctx();
    let plan = Rc::clone(&c.state.plan);
    let cells = use_memo(PlanKey(Rc::clone(&plan)), |p| acg_core::latest::latest_matrix(&p.0));
    let open = use_state(|| None::<(usize, usize, String)>);
    let what_if = c.state.what_if.clone();
    html! {
        <section class="card">
            <h2>{ "Latest per region" }</h2>
            <p class="hint">{ "Azure picks the highest Major.Minor.Patch among the versions replicated to a region and not excluded there; a regional flag overrides the global one." }</p>
            if let Some(changes) = what_if {
                <div class="what-if" role="status">
                    <strong>{ "What changed: " }</strong>
                    if changes.is_empty() { { "no cell of the matrix." } }
                    { for changes.iter().map(|ch| html! { <span class="change">{ format!("{}/{} in {}: {} → {}. ", ch.gallery, ch.definition, ch.region, ch.before.as_deref().unwrap_or("none"), ch.after.as_deref().unwrap_or("none")) }</span> }) }
                </div>
            }
            if cells.is_empty() { <p class="empty">{ "No image definitions yet: add one in Design." }</p> }
            <table class="matrix">
                <thead><tr><th scope="col">{ "Definition" }</th><th scope="col">{ "Region" }</th><th scope="col">{ "Latest" }</th><th scope="col">{ "Why" }</th></tr></thead>
                <tbody>{ for cells.iter().map(|cell| {
                    let key = (cell.gallery_index, cell.definition_index, cell.region.clone());
                    let is_open = open.as_ref() == Some(&key);
                    let toggle = { let open = open.clone(); let key = key.clone(); Callback::from(move |_| open.set(if is_open { None } else { Some(key.clone()) })) };
                    let region = RegionName::new(&cell.region);
                    html! { <>
                        <tr class={classes!(cell.latest.is_none().then_some("none"))}>
                            <td>{ format!("{}/{}", cell.gallery, cell.definition) }</td>
                            <td>{ region.display_name().to_owned() }</td>
                            <td class="latest-cell" data-region={cell.region.clone()} data-definition={cell.definition.clone()}>{ cell.latest.clone().unwrap_or_else(|| format!("none ({})", cell.azure_message.clone().unwrap_or_default())) }</td>
                            <td><button class="link" aria-expanded={is_open.to_string()} onclick={toggle}>{ if is_open { "Hide reasons" } else { "Show reasons" } }</button></td>
                        </tr>
                        if is_open { <tr><td colspan="4">{ resolution(&c, cell.gallery_index, cell.definition_index, &region) }</td></tr> }
                    </> }
                }) }</tbody>
            </table>
        </section>
    }
}

fn resolution(c: &Ctx, gi: usize, di: usize, region: &RegionName) -> Html {
    let Some(r) = acg_core::latest::resolve_latest(&c.state.plan, gi, di, region, c.today) else { return html! {} };
    let versions = &c.state.plan.galleries[gi].images[di].versions;
    html! { <div class="resolution">
        if let Some(m) = &r.message { <p class="issue error"><span class="sev">{ "Azure says" }</span>{ " " }{ m }</p> }
        <ul>{ for r.versions.iter().enumerate().map(|(vi, v)| {
            let target = versions.get(vi).and_then(|x| x.target(region));
            let control = target.map(|t| {
                let state = c.state.clone();
                let edit = |exclude: Option<bool>| Edit::SetRegionalExclude { gallery: r.gallery.clone(), definition: r.definition.clone(), version: v.name.clone(), region: region.clone(), exclude };
                let (a, b, n) = (edit(Some(true)), edit(Some(false)), edit(None));
                let onchange = Callback::from(move |e: Event| {
                    let value = select_value(&e);
                    state.dispatch(Action::LatestEdit(match value.as_str() { "true" => a.clone(), "false" => b.clone(), _ => n.clone() }));
                });
                let value = t.exclude_from_latest.map(|x| x.to_string()).unwrap_or_default();
                let id = format!("exclude-{gi}-{di}-{vi}-{}", region.key());
                html! { <span class="inline">
                    <label for={id.clone()}>{ "Regional exclude" }</label>
                    <select id={id} {onchange}>
                        <option value="" selected={value.is_empty()}>{ "inherit" }</option>
                        <option value="true" selected={value == "true"}>{ "excluded here" }</option>
                        <option value="false" selected={value == "false"}>{ "included here" }</option>
                    </select>
                </span> }
            });
            html! { <li class={classes!(v.candidate.then_some("candidate"))}>
                <strong>{ &v.name }</strong>{ if v.candidate { " ✓ candidate: " } else { " ✗ " } }{ &v.reason }{ " " }{ for control }
            </li> }
        }) }</ul>
        if let Some(n) = &r.note { <p class="hint">{ n }</p> }
        { for r.contrasts.iter().map(|x| html! { <p class="contrast">{ "Beware: " }{ &x.explanation }</p> }) }
    </div> }
}

// ---------------------------------------------------------------------------------------------------------
// Replicas

/// Replica recommendations per deployment region, with their reasoning and cost, applicable and undoable.
#[component]
pub fn Replicas() -> Html {
    let c = use_ctx();
    let state = &c.state;
    let plan = &state.plan;
    let settings = plan.replica_policy;
    let recs = acg_core::replicas::recommend_plan(plan, &settings);
    let on_policy = {
        let state = state.clone();
        Callback::from(move |e: Event| {
            if let Some(p) = Policy::parse(&select_value(&e)) {
                state.dispatch(Action::SetPolicy(p));
            }
        })
    };
    let on_margin = {
        let state = state.clone();
        Callback::from(move |e: InputEvent| {
            if let Ok(m) = input_value(&e).trim().parse::<u32>() {
                state.dispatch(Action::SetMargin(m));
            }
        })
    };
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
                    let (Some(rec), Some((gi, di, vi)), Some(version)) = (&r.recommendation, r.indexes, &r.version) else {
                        // No version serves the demand here: Azure's message instead of a number.
                        return html! { <tr class="unserved">
                            <td>{ format!("{}/{}", r.gallery, r.definition) }</td>
                            <td>{ r.region.display_name().to_owned() }</td>
                            <td colspan="6"><p class="issue warning"><span class="sev">{ r.azure_message.clone().unwrap_or_default() }</span>{ " No version serves deployments here: " }{ r.message.clone().unwrap_or_default() }</p></td>
                        </tr> };
                    };
                    let v = &plan.galleries[gi].images[di].versions[vi];
                    let cost = acg_core::billing::replica_cost(v, &r.region, rec.recommended, &plan.api_version, &state.book).map(|l| money(l.amount, &state.book.currency));
                    let load = plan.galleries[gi].images[di].demand.iter().find(|d| d.region == r.region)
                        .map(|d| acg_core::replicas::Load::from_demand(d, plan.galleries[gi].images[di].production == Some(true), settings.margin_percent));
                    let all = load.map(|l| acg_core::replicas::compare(&l).iter().map(|x| format!("{}: {}", x.policy.id(), x.recommended)).collect::<Vec<_>>().join(", ")).unwrap_or_default();
                    let apply = { let state = state.clone(); let region = r.region.clone(); let n = rec.recommended; Callback::from(move |_| state.dispatch(Action::ApplyReplicas((gi, di, vi), vec![(region.clone(), n)]))) };
                    let applied = r.current == Some(rec.recommended);
                    html! { <tr data-region={r.region.key().to_owned()} data-definition={r.definition.clone()}>
                        <td class="version">{ format!("{}/{}/{}", r.gallery, r.definition, version) }<br /><span class="hint">{ "latest there" }</span></td>
                        <td>{ r.region.display_name().to_owned() }</td>
                        <td>{ r.current.map_or_else(|| "not a target".to_owned(), |n| n.to_string()) }</td>
                        <td class="recommended"><strong>{ rec.recommended }</strong>
                            if rec.uncapped > rec.recommended { <br /><span class="uncapped">{ format!("the load calls for {}", rec.uncapped) }</span> }</td>
                        <td>{ all }</td>
                        <td><ul class="terms">{ for rec.terms.iter().map(|t| html! { <li>{ t }</li> }) }{ for rec.warnings.iter().map(|w| html! { <li class="issue warning"><span class="sev">{ "Warning" }</span>{ " " }{ w }</li> }) }</ul>
                            if let Some(s) = rec.sources.first() { <details><summary>{ "Source" }</summary><blockquote>{ &s.quote }</blockquote><cite>{ &s.document }</cite></details> }
                            if let Some(split) = &rec.split { <details class="split"><summary>{ "Why at most 50" }</summary><blockquote>{ &split.source.quote }</blockquote><cite>{ &split.source.document }</cite></details> } </td>
                        <td>{ cost.unwrap_or_else(|| "no size".to_owned()) }</td>
                        <td><button onclick={apply} disabled={applied}>{ if applied { "Applied" } else { "Apply" } }</button></td>
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
        .flat_map(|(gi, g)| g.images.iter().enumerate().map(move |(di, d)| (gi, di, format!("{}/{}", g.name, d.name))))
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
        let (state, defs, chosen, region, vms, sets, instances, error) = (
            state.clone(),
            defs.clone(),
            chosen.clone(),
            region.clone(),
            vms.clone(),
            sets.clone(),
            instances.clone(),
            error.clone(),
        );
        Callback::from(move |_| {
            let Some((gi, di, _)) = defs.get(*chosen) else { return };
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
                    state.dispatch(Action::SetDemand(*gi, *di, demand));
                }
                Err(e) => error.set(Some(e)),
            }
        })
    };
    let rows: Vec<Html> = plan.galleries.iter().enumerate().flat_map(|(gi, g)| g.images.iter().enumerate().flat_map(move |(di, d)| d.demand.iter().map(move |dm| (gi, di, g.name.clone(), d.name.clone(), dm.clone())))).map(|(gi, di, g, d, dm)| {
        let remove = { let state = state.clone(); let r = dm.region.clone(); Callback::from(move |_| state.dispatch(Action::RemoveDemand(gi, di, r.clone()))) };
        let sets: i64 = dm.scale_sets.iter().map(|s| s.count).sum();
        html! { <tr><td>{ format!("{g}/{d}") }</td><td>{ dm.region.display_name().to_owned() }</td><td>{ dm.concurrent_vms }</td><td>{ sets }</td>
            <td><button onclick={remove} aria-label={format!("Remove the load of {g}/{d} in {}", dm.region)}>{ "Remove" }</button></td></tr> }
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

// ---------------------------------------------------------------------------------------------------------
// Costs

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
    let set_setting = |f: fn(&mut BillingSettings, u32)| {
        let state = state.clone();
        let settings = settings.clone();
        Callback::from(move |e: InputEvent| {
            if let Ok(n) = input_value(&e).trim().parse::<u32>() {
                let mut s = settings.clone();
                f(&mut s, n.min(1000));
                state.dispatch(Action::SetBilling(s));
            }
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
                        <text x="0" y={(y + 15.0).to_string()} class="chart-label">{ &s.key }</text>
                        <rect x="120" y={(y + 4.0).to_string()} height="14" width={bar(s.storage_monthly, max, 220.0).max(1.0).to_string()} class="chart-bar" />
                        <text x={(125.0 + bar(s.storage_monthly, max, 220.0)).to_string()} y={(y + 15.0).to_string()} class="chart-value">{ m(s.storage_monthly) }</text>
                    </g> }
                }) }
            </svg>
            <table>
                <thead><tr><th scope="col">{ "Region" }</th><th scope="col">{ "Storage / month" }</th><th scope="col">{ "Egress once" }</th></tr></thead>
                <tbody>{ for estimate.by_region.iter().map(|s| html! { <tr><td>{ &s.key }</td><td>{ m(s.storage_monthly) }</td><td>{ m(s.egress_one_time) }</td></tr> }) }</tbody>
            </table>
            <h3>{ "By version" }</h3>
            <table>
                <thead><tr><th scope="col">{ "Version" }</th><th scope="col">{ "Storage / month" }</th><th scope="col">{ "Egress once" }</th></tr></thead>
                <tbody>{ for estimate.by_version.iter().map(|s| html! { <tr><td>{ &s.key }</td><td>{ m(s.storage_monthly) }</td><td>{ m(s.egress_one_time) }</td></tr> }) }</tbody>
            </table>
            <details><summary>{ format!("All {} line items", estimate.lines.len()) }</summary>
                if estimate.lines.len() > LINE_ITEMS_SHOWN {
                    <p class="hint">{ format!("The first {LINE_ITEMS_SHOWN} are listed here; the Cost CSV export (Import / export) has all {}.", estimate.lines.len()) }</p>
                }
                <table class="lines">
                    <thead><tr><th scope="col">{ "Version" }</th><th scope="col">{ "Region" }</th><th scope="col">{ "Category" }</th><th scope="col">{ "Formula" }</th></tr></thead>
                    <tbody>{ for estimate.lines.iter().take(LINE_ITEMS_SHOWN).map(|l| html! { <tr><td>{ &l.version }</td><td>{ &l.region }</td><td>{ l.category.as_str() }</td><td>{ l.formula() }{ if l.estimated { " (estimated)" } else { "" } }</td></tr> }) }</tbody>
                </table>
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
                <tbody>{ for projection.months.iter().map(|mo| html! { <tr><td>{ mo.month }</td><td>{ mo.versions }</td><td>{ m(mo.storage) }</td><td>{ m(mo.egress) }</td><td>{ m(mo.total) }</td><td>{ m(mo.cumulative) }</td></tr> }) }</tbody>
            </table>
            <p class="hint">{ format!("Steady state: {} storage and {} egress per month. ", m(projection.steady_state_storage), m(projection.steady_state_egress)) }{ projection.assumptions.join("; ") }</p>
        </section>
    }
}

/// Scenario comparison: keep the plan as A, edit it into B, see the deltas.
/// Line items listed in the Costs view: a large plan has a hundred thousand, which no one reads in a table
/// and which would take the browser seconds to lay out; the cost CSV has them all.
const LINE_ITEMS_SHOWN: usize = 500;

fn scenario(c: &Ctx, b: &acg_core::billing::Estimate) -> Html {
    let state = &c.state;
    let keep = {
        let state = state.clone();
        Callback::from(move |_| state.dispatch(Action::SetScenarioA(true)))
    };
    let stop = {
        let state = state.clone();
        Callback::from(move |_| state.dispatch(Action::SetScenarioA(false)))
    };
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
                    { for cmp.by_category.iter().map(|d| html! { <tr><th scope="row">{ if d.key == "storageMonthly" { "Storage / month" } else { "Egress once" } }</th><td>{ m(d.before) }</td><td>{ m(d.after) }</td><td>{ signed(d.delta) }</td></tr> }) }
                    { for cmp.by_region.iter().filter(|d| !d.delta.is_zero()).map(|d| html! { <tr><th scope="row">{ format!("Storage in {}", d.key) }</th><td>{ m(d.before) }</td><td>{ m(d.after) }</td><td>{ signed(d.delta) }</td></tr> }) }
                </tbody>
            </table>
            <button onclick={stop}>{ "Stop comparing" }</button>
        </div> },
        Err(e) => html! { <p class="issue error"><span class="sev">{ "Error" }</span>{ " " }{ e }</p> },
    }
}

// ---------------------------------------------------------------------------------------------------------
// Prices

/// Says plainly when the plan prices with its own prices (overrides, imported Retail prices), with a reset.
/// (A function, not a component: it has no state of its own.)
fn plan_prices_banner(c: &Ctx) -> Html {
    let state = &c.state;
    let Some(summary) = state.plan.prices.summary() else { return html! {} };
    let reset = {
        let state = state.clone();
        Callback::from(move |_| state.dispatch(Action::ResetPrices))
    };
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
        let state = state.clone();
        let text = text.clone();
        Callback::from(move |_| state.dispatch(Action::ImportPrices((*text).clone())))
    };
    let reset = {
        let state = state.clone();
        Callback::from(move |_| state.dispatch(Action::ResetPrices))
    };
    let book = &state.book;
    // Keys sorted as text (`sort_unstable` of `&str`: the core already carries that sort).
    let mut transfers: Vec<&str> =
        book.transfer_pairs.keys().chain(book.transfer_out.keys()).map(String::as_str).collect();
    transfers.sort_unstable();
    html! {
        <section class="card">
            <h2>{ "Prices" }</h2>
            { plan_prices_banner(&c) }
            <p>{ format!("{} — currency {}.", book.origin, book.currency) }</p>
            <p class="hint">{ "Overrides and imported prices are part of the plan: they are saved, shared and exported with it, and every estimate uses them." }</p>
            <div class="field">
                <label for="retail-json">{ "Retail Prices API JSON (paste the response of prices.azure.com/api/retail/prices)" }</label>
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
            <table class="prices">
                <caption>{ "Snapshot prices per GB-month (type a new price to override it)" }</caption>
                <thead><tr><th scope="col">{ "Region" }</th><th scope="col">{ "Tier" }</th><th scope="col">{ "Redundancy" }</th><th scope="col">{ "Price" }</th><th scope="col">{ "As of" }</th><th scope="col">{ "Source" }</th></tr></thead>
                <tbody>{ for book.snapshot_rows().into_iter().map(|(region, tier, red, p)| {
                    let on = { let state = state.clone(); let region = region.clone(); Callback::from(move |d| state.dispatch(Action::OverridePrice(RegionName::new(&region), tier, red, d))) };
                    let label = format!("{region} {} {} price", tier.as_str(), red.as_str());
                    let id = format!("price-{region}-{}-{}", tier.as_str().replace(' ', "-"), red.as_str());
                    price_row(vec![region, tier.as_str().to_owned(), red.as_str().to_owned()], id, label, p, on)
                }) }</tbody>
            </table>
            <table class="prices">
                <caption>{ "Inter-region transfer prices per GB (type a new price to override it)" }</caption>
                <thead><tr><th scope="col">{ "From" }</th><th scope="col">{ "To" }</th><th scope="col">{ "Price" }</th><th scope="col">{ "As of" }</th><th scope="col">{ "Source" }</th></tr></thead>
                <tbody>{ for transfers.into_iter().filter_map(|key| {
                    let p = book.transfer_pairs.get(key).or_else(|| book.transfer_out.get(key))?;
                    let (from, to) = key.split_once('|').unwrap_or((key, "any other continent"));
                    let label = format!("Transfer from {from} to {to} price");
                    let id = format!("transfer-{}", key.replace([' ', '|'], "-"));
                    let cells = vec![from.to_owned(), to.to_owned()];
                    let on = { let state = state.clone(); let key = key.to_owned(); Callback::from(move |d| state.dispatch(Action::OverrideTransfer(key.clone(), d))) };
                    Some(price_row(cells, id, label, p, on))
                }) }</tbody>
            </table>
        </section>
    }
}

/// One row of a price table: its leading cells, then the price as an input (typing a valid, non-negative
/// amount calls `on`), its date and its source.
fn price_row(
    cells: Vec<String>,
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
        { for cells.into_iter().map(|c| html! { <td>{ c }</td> }) }
        <td><label class="visually-hidden" for={id.clone()}>{ label }</label>
            <input id={id} class="price" type="text" inputmode="decimal" value={p.amount.normalize().to_string()} {oninput} />
            { if p.estimated { " estimated" } else { "" } }</td>
        <td>{ &p.as_of }</td><td class="source">{ &p.source }</td>
    </tr> }
}

// ---------------------------------------------------------------------------------------------------------
// Import / export

/// Import from any format; export to every format acg-core writes.
#[component]
pub fn ImportExport() -> Html {
    let c = use_ctx();
    let state = &c.state;
    let text = use_state(String::new);
    let format = use_state(|| ExportFormat::Arm);
    let oninput = {
        let text = text.clone();
        Callback::from(move |e: InputEvent| text.set(e.target_unchecked_into::<HtmlTextAreaElement>().value()))
    };
    let import = {
        let state = state.clone();
        let text = text.clone();
        Callback::from(move |_| state.dispatch(Action::ImportPlan((*text).clone())))
    };
    // Reading a file (chosen or dropped) into the text area; the reader lives until it is done.
    let reader = use_state(|| None::<gloo::file::callbacks::FileReader>);
    let read_file = {
        let text = text.clone();
        let reader = reader.clone();
        Callback::from(move |file: web_sys::File| {
            let text = text.clone();
            let file = gloo::file::File::from(file);
            reader.set(Some(gloo::file::callbacks::read_as_text(&file, move |result| {
                text.set(result.unwrap_or_else(|e| format!("(the file could not be read: {e})")));
            })));
        })
    };
    let on_file = {
        let read_file = read_file.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            if let Some(f) = input.files().and_then(|l| l.get(0)) {
                read_file.emit(f);
            }
        })
    };
    let on_drop = {
        let read_file = read_file.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            if let Some(f) = e.data_transfer().and_then(|d| d.files()).and_then(|l| l.get(0)) {
                read_file.emit(f);
            }
        })
    };
    let on_drag_over = Callback::from(|e: DragEvent| e.prevent_default());
    let on_format = {
        let format = format.clone();
        Callback::from(move |e: Event| {
            if let Some(f) = ExportFormat::parse(&select_value(&e)) {
                format.set(f);
            }
        })
    };
    let exported = acg_core::interchange::export_with_notes(&state.plan, *format, &ExportOptions::default());
    let output = exported.text;
    let file_name = AttrValue::from(format.file_name(&state.plan.name));
    let copy = {
        let output = output.clone();
        Callback::from(move |_| {
            if let Some(w) = web_sys::window() {
                let _ = w.navigator().clipboard().write_text(&output);
            }
        })
    };
    html! {
        <section class="card">
            <h2>{ "Import" }</h2>
            <div class="field">
                <label for="import-text">{ "Paste a Plan JSON, an ARM template, a REST body, or az sig ... list / show output (or drop a file here)" }</label>
                <textarea id="import-text" rows="8" value={(*text).clone()} {oninput} ondrop={on_drop} ondragover={on_drag_over} />
            </div>
            <div class="field inline">
                <label for="import-file">{ "Or choose a file" }</label>
                <input id="import-file" type="file" accept=".json,application/json" onchange={on_file} />
            </div>
            <button id="import-plan" onclick={import}>{ "Import (replaces the plan; Undo brings it back)" }</button>
            { match &state.import_message {
                Some(Ok(notes)) => html! { <div role="status" class="report"><p>{ "Imported." }</p><ul>{ for notes.iter().map(|n| html! { <li>{ n }</li> }) }</ul></div> },
                Some(Err(e)) => html! { <p role="alert" class="issue error"><span class="sev">{ "Error" }</span>{ " " }{ e }</p> },
                None => html! {},
            } }
            <h2>{ "Export" }</h2>
            <div class="field inline">
                <label for="export-format">{ "Format" }</label>
                <select id="export-format" onchange={on_format}>
                    { for ExportFormat::ALL.iter().map(|f| html! { <option value={f.id()} selected={*f == *format}>{ match f {
                        ExportFormat::Plan => "Plan JSON", ExportFormat::Arm => "ARM template", ExportFormat::Bicep => "Bicep", ExportFormat::Az => "az CLI script", ExportFormat::Terraform => "Terraform (azurerm)", ExportFormat::Csv => "Cost CSV",
                    } }</option> }) }
                </select>
                <button onclick={copy}>{ "Copy" }</button>
                <crate::DownloadLink text={output.clone()} file={file_name} label={AttrValue::from("Download")} />
            </div>
            <label for="export-output" class="visually-hidden">{ "Export preview" }</label>
            <textarea id="export-output" class="code" rows="20" readonly=true value={output} />
            if !exported.notes.is_empty() {
                <div id="export-notes" class="report" role="note">
                    <p>{ "Notes: what this format writes differently from the plan, or not at all (also at the top of the file)" }</p>
                    <ul>{ for exported.notes.iter().map(|n| html! { <li>{ n }</li> }) }</ul>
                </div>
            }
        </section>
    }
}
