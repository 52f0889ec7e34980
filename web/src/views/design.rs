//! Design: the tree of galleries, definitions and versions, and the form of the selected resource.

use acg_core::Severity;
use yew::prelude::*;

use acg_core::{Architecture, HyperVGeneration, OsState, OsType, ReplicationMode, SecurityType, StorageAccountType};

use super::fields::{EnumSelect, SelectField, TextField, opts};
use super::issue_item;
use super::target_regions::{TargetRegionTable, TargetRegionsField};
use super::{on, use_ctx};
use crate::state::{Action, Field, PropertyKind, Selection, delete_blocker, path_of};
use crate::{Ctx, VersionField};

/// The design view: the tree and the form of the selected resource.
#[component]
pub fn Design() -> Html {
    let c = use_ctx();
    let state = &c.state;
    let plan = &state.plan;
    let sel = state.selection;
    let select = |s: Selection| on(state, move |_| Action::Select(s));
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
    let add_gallery = on(state, |_| Action::AddGallery);
    let tree = html! {
        <nav class="tree card" aria-label="Galleries, image definitions and versions">
            <ul>
            { for plan.galleries.iter().enumerate().map(|(gi, g)| {
                let add_def = on(state, move |_| Action::AddDefinition(gi));
                html! { <li>
                    { node(Selection::Gallery(gi), g.name.clone(), "Gallery") }
                    <ul>
                    { for g.images.iter().enumerate().map(|(di, d)| {
                        let add_ver = on(state, move |_| Action::AddVersion(gi, di));
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
    let set = |field: Field| on(state, move |text: String| Action::SetField(sel, field.clone(), text));
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
        let dup = on(state, move |_| Action::Duplicate(sel));
        let blocker = delete_blocker(plan, sel);
        let del = on(state, move |_| Action::Delete(sel));
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
                    <EnumSelect id="definition-os-type" label="OS type" value={d.os_type.as_ref().map(std::string::ToString::to_string).unwrap_or_default()} path={format!("{base}.osType")} on_change={set(Field::OsType)}
                        names={OsType::NAMES} unset="(not set)" />
                    <EnumSelect id="definition-os-state" label="OS state" value={d.os_state.as_ref().map(std::string::ToString::to_string).unwrap_or_default()} path={format!("{base}.osState")} on_change={set(Field::OsState)}
                        names={OsState::NAMES} unset="(not set)" />
                    <EnumSelect id="definition-hyperv" label="Hyper-V generation" value={d.hyper_v_generation.as_ref().map(std::string::ToString::to_string).unwrap_or_default()} path={format!("{base}.hyperVGeneration")} on_change={set(Field::HyperVGeneration)}
                        names={HyperVGeneration::NAMES} unset="(API default)" />
                    <TextField id="definition-eol" label="End-of-life date" value={d.end_of_life_date.clone().unwrap_or_default()} path={format!("{base}.endOfLifeDate")} on_change={set(Field::EndOfLifeDate)} hint={Some(AttrValue::from("yyyy-MM-dd"))} />
                </fieldset>
                <fieldset><legend>{ "Identity" }</legend>
                    <TextField id="definition-publisher" label="Publisher" value={d.identifier.publisher.clone()} path={format!("{base}.identifier.publisher")} on_change={set(Field::Publisher)} />
                    <TextField id="definition-offer" label="Offer" value={d.identifier.offer.clone()} path={format!("{base}.identifier.offer")} on_change={set(Field::Offer)} />
                    <TextField id="definition-sku" label="SKU" value={d.identifier.sku.clone()} path={format!("{base}.identifier.sku")} on_change={set(Field::Sku)} />
                </fieldset>
                <fieldset><legend>{ "Features" }</legend>
                    <EnumSelect id="definition-security" label="Security type" value={security} path={format!("{base}.features[0].value")} on_change={set(Field::SecurityType)}
                        names={SecurityType::NAMES} unset="(not set)" />
                    <EnumSelect id="definition-architecture" label="Architecture" value={prop("/architecture")} path={dotted("/architecture")} on_change={set(Field::Property("/architecture", PropertyKind::Text))}
                        names={Architecture::NAMES} unset="(x64: the default)" />
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
                    <EnumSelect id="version-storage" label="Storage account type" value={pp.storage_account_type.as_ref().map(std::string::ToString::to_string).unwrap_or_default()} path={format!("{base}.publishingProfile.storageAccountType")} on_change={set(Field::StorageAccountType)}
                        names={StorageAccountType::NAMES} unset="(strategy default)" />
                    <EnumSelect id="version-mode" label="Replication mode" value={pp.replication_mode.as_ref().map(std::string::ToString::to_string).unwrap_or_default()} path={format!("{base}.publishingProfile.replicationMode")} on_change={set(Field::ReplicationMode)}
                        names={ReplicationMode::NAMES} unset="(Full)" />
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
