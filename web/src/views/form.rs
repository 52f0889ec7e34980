//! The form of the selected resource. Every value shown and every edit goes through the core's edit module:
//! `field_text` reads a field, `Change::SetField` writes it, `Field::path` names where its issues are.

use acg_core::edit::{self, At, Change, Field, PropertyKind};
use acg_core::{Architecture, HyperVGeneration, OsState, OsType, ReplicationMode, SecurityType, StorageAccountType};
use yew::prelude::*;

use super::fields::{EnumSelect, SelectField, TextField, opts};
use super::target_regions::{TargetRegionTable, TargetRegionsField};
use super::{change, issue_item};
use crate::{Ctx, VersionField};

/// Builds the inputs of one resource's form.
struct Form<'a> {
    c: &'a Ctx,
    at: At,
}

#[allow(clippy::needless_pass_by_value, reason = "the form's markup reads best with fields written in place")]
impl Form<'_> {
    fn path(&self, field: &Field) -> AttrValue {
        AttrValue::from(edit::field_path(&self.c.state.plan, self.at, field).unwrap_or_default())
    }
    fn value(&self, field: &Field) -> AttrValue {
        AttrValue::from(edit::field_text(&self.c.state.plan, self.at, field).unwrap_or_default())
    }
    fn set(&self, field: &Field) -> Callback<String> {
        let (at, field) = (self.at, field.clone());
        change(&self.c.state, move |text: String| Change::SetField { at, field: field.clone(), text })
    }
    /// A text input for a typed field.
    fn text(&self, id: &'static str, label: &'static str, field: Field, hint: Option<&'static str>) -> Html {
        html! { <TextField id={id} label={label} value={self.value(&field)} path={self.path(&field)} on_change={self.set(&field)} hint={hint.map(AttrValue::Static)} /> }
    }
    /// A region field: text with the region catalog as its picker.
    fn region(&self, id: &'static str, label: &'static str) -> Html {
        let field = Field::Location;
        html! { <>
            <TextField id={id} label={label} value={self.value(&field)} path={self.path(&field)} on_change={self.set(&field)} list={AttrValue::Static("region-picker")}
                hint={AttrValue::Static("Type to search the region catalog: West Europe, westeurope…")} />
            { super::target_regions::region_datalist("region-picker") }
        </> }
    }
    /// A date input for a typed field (a text input while its value is not a date a picker can show).
    fn date(&self, id: &'static str, label: &'static str, field: Field) -> Html {
        html! { <TextField id={id} label={label} value={self.value(&field)} path={self.path(&field)} on_change={self.set(&field)} kind={AttrValue::Static("date")} /> }
    }
    /// A select of a closed Azure enum for a typed field.
    fn choice(
        &self,
        id: &'static str,
        label: &'static str,
        field: Field,
        names: &'static [&'static str],
        unset: &'static str,
    ) -> Html {
        html! { <EnumSelect id={id} label={label} value={self.value(&field)} path={self.path(&field)} on_change={self.set(&field)} names={names} unset={unset} /> }
    }
    /// A select with options of its own for a typed field.
    fn select(
        &self,
        id: &'static str,
        label: &'static str,
        field: Field,
        options: &[(&'static str, &'static str)],
    ) -> Html {
        html! { <SelectField id={id} label={label} value={self.value(&field)} path={self.path(&field)} on_change={self.set(&field)} options={opts(options)} /> }
    }
    fn prop_path(&self, pointer: &str) -> AttrValue {
        AttrValue::from(self.at.field(&pointer.trim_start_matches('/').replace('/', ".")))
    }
    fn prop_value(&self, pointer: &str) -> AttrValue {
        AttrValue::from(edit::property_text(&self.c.state.plan, self.at, pointer))
    }
    fn set_prop(&self, pointer: &'static str, reads: PropertyKind) -> Callback<String> {
        let at = self.at;
        change(&self.c.state, move |text: String| Change::SetProperty { at, pointer: pointer.to_owned(), reads, text })
    }
    /// Any other REST property, by JSON pointer, as text or a whole number.
    fn prop(&self, id: &'static str, label: &'static str, pointer: &'static str, reads: PropertyKind) -> Html {
        html! { <TextField id={id} label={label} value={self.prop_value(pointer)} path={self.prop_path(pointer)} on_change={self.set_prop(pointer, reads)} /> }
    }
    /// A yes/no property by JSON pointer.
    fn prop_bool(&self, id: &'static str, label: &'static str, pointer: &'static str, unset: &'static str) -> Html {
        html! { <SelectField id={id} label={label} value={self.prop_value(pointer)} path={self.prop_path(pointer)} on_change={self.set_prop(pointer, PropertyKind::Bool)}
        options={opts(&[("", unset), ("true", "Yes"), ("false", "No")])} /> }
    }
    /// The issues of the resource itself and of listed fields that have no input of their own.
    fn own_issues(&self, fields: &[&str]) -> Html {
        let paths: Vec<String> =
            std::iter::once(self.at.to_string()).chain(fields.iter().map(|f| self.at.field(f))).collect();
        let c = self.c;
        let (report, issues) = (c.report(), c.issues());
        html! { <ul class="field-issues">{ for paths.iter().flat_map(|p| issues.at_path(&report, p).chain(c.state.refused_at(p))).map(issue_item) }</ul> }
    }
    /// Duplicate and Delete, with Azure's reason when a delete would be refused.
    fn actions(&self) -> Html {
        let at = self.at;
        let blockers = edit::delete_blockers(&self.c.state.plan, at, crate::today());
        let blocker =
            blockers.issues.first().map(|i| format!("{} {}", i.message, i.mitigation.as_deref().unwrap_or_default()));
        html! { <div class="actions">
            <button onclick={change(&self.c.state, move |_| Change::Duplicate { at })}>{ "Duplicate" }</button>
            <button onclick={change(&self.c.state, move |_| Change::Delete { at })} disabled={blocker.is_some()} title={blocker.clone().unwrap_or_default()}>{ "Delete" }</button>
            if let Some(b) = blocker { <p class="hint">{ b }</p> }
            <DeleteTree key={at.to_string()} {at} />
        </div> }
    }
}

/// The form of the selected resource, or what to do when nothing is selected.
pub(super) fn form(c: &Ctx, sel: Option<At>) -> Html {
    let plan = &c.state.plan;
    let Some(at) = sel.filter(|a| a.exists(plan)) else {
        return html! { <>
            <h2>{ "Select a resource" }</h2>
            <p class="empty">{ "Choose a gallery, image definition or version in the tree to edit it. Every field shows Azure's own message when Azure would reject it." }</p>
            // A checker, not a field of the plan: framed and titled so it is not taken for one.
            <fieldset class="try"><legend>{ "Check a version name (nothing is saved)" }</legend>
                <VersionField />
            </fieldset>
        </> };
    };
    let f = Form { c, at };
    match at {
        At::Gallery(_) => gallery(&f),
        At::Definition(..) => definition(&f),
        At::Version(..) | At::TargetRegion(..) => {
            version(&Form { c, at: at.parent().filter(|_| matches!(at, At::TargetRegion(..))).unwrap_or(at) })
        }
    }
}

fn gallery(f: &Form<'_>) -> Html {
    let Some(g) = f.at.gallery_in(&f.c.state.plan) else { return html! {} };
    html! { <>
        <h2>{ format!("Gallery {}", g.name) }</h2>
        <fieldset><legend>{ "Basics" }</legend>
            { f.text("gallery-name", "Gallery name", Field::Name, Some("Letters, digits, underscores and periods; no dashes.")) }
            { f.region("gallery-location", "Region") }
            { f.text("gallery-description", "Description", Field::Description, None) }
        </fieldset>
        <fieldset><legend>{ "Sharing" }</legend>
            <SelectField id="gallery-sharing" label="Sharing" value={f.prop_value("/sharingProfile/permissions")} path={f.prop_path("/sharingProfile/permissions")} on_change={f.set_prop("/sharingProfile/permissions", PropertyKind::Text)}
                options={opts(&[("", "(Private: the default)"), ("Private", "Private"), ("Groups", "Groups (subscriptions, tenants)"), ("Community", "Community (public)")])} />
            if f.prop_value("/sharingProfile/permissions").eq_ignore_ascii_case("community") || !community_empty(f) { <>
            { f.prop("gallery-community-prefix", "Community: public name prefix", "/sharingProfile/communityGalleryInfo/publicNamePrefix", PropertyKind::Text) }
            { f.prop("gallery-community-contact", "Community: publisher contact email", "/sharingProfile/communityGalleryInfo/publisherContact", PropertyKind::Text) }
            { f.prop("gallery-community-uri", "Community: publisher URI", "/sharingProfile/communityGalleryInfo/publisherUri", PropertyKind::Text) }
            { f.prop("gallery-community-eula", "Community: EULA", "/sharingProfile/communityGalleryInfo/eula", PropertyKind::Text) }
            </> } else { <p class="hint">{ "Community fields (public name prefix, contact, URI, EULA) apply when sharing is Community." }</p> }
        </fieldset>
        <fieldset><legend>{ "Safety" }</legend>
            { f.prop_bool("gallery-soft-delete", "Soft delete (recycle bin for deleted images)", "/softDeletePolicy/isSoftDeleteEnabled", "(off: the default)") }
        </fieldset>
        { f.own_issues(&[]) }
        { f.actions() }
    </> }
}

fn definition(f: &Form<'_>) -> Html {
    let Some(d) = f.at.definition_in(&f.c.state.plan) else { return html! {} };
    let supported = [("", "(not said)"), ("True", "Supported"), ("False", "Not supported")];
    html! { <>
        <h2>{ format!("Image definition {}", d.name) }</h2>
        <fieldset><legend>{ "Basics" }</legend>
            { f.text("definition-name", "Definition name", Field::Name, None) }
            { f.text("definition-description", "Description", Field::Description, None) }
            { f.choice("definition-os-type", "OS type", Field::OsType, OsType::NAMES, "(not set)") }
            { f.choice("definition-os-state", "OS state", Field::OsState, OsState::NAMES, "(not set)") }
            { f.choice("definition-hyperv", "Hyper-V generation", Field::HyperVGeneration, HyperVGeneration::NAMES, "(API default)") }
            { f.date("definition-eol", "End-of-life date", Field::EndOfLifeDate) }
        </fieldset>
        <fieldset><legend>{ "Identity" }</legend>
            { f.text("definition-publisher", "Publisher", Field::Publisher, None) }
            { f.text("definition-offer", "Offer", Field::Offer, None) }
            { f.text("definition-sku", "SKU", Field::Sku, None) }
        </fieldset>
        <fieldset><legend>{ "Features" }</legend>
            { f.choice("definition-security", "Security type", Field::SecurityType, SecurityType::NAMES, "(not set)") }
            <EnumSelect id="definition-architecture" label="Architecture" value={f.prop_value("/architecture")} path={f.prop_path("/architecture")} on_change={f.set_prop("/architecture", PropertyKind::Text)}
                names={Architecture::NAMES} unset="(x64: the default)" />
            { f.select("definition-accelerated", "Accelerated networking", Field::Feature("IsAcceleratedNetworkSupported".into()), &supported) }
            { f.select("definition-hibernate", "Hibernation", Field::Feature("IsHibernateSupported".into()), &supported) }
            { f.text("definition-disk-controllers", "Disk controller types", Field::Feature("DiskControllerTypes".into()), Some("SCSI, NVMe")) }
        </fieldset>
        <fieldset><legend>{ "Publishing" }</legend>
            { f.prop("definition-eula", "EULA", "/eula", PropertyKind::Text) }
            { f.prop("definition-privacy", "Privacy statement URI", "/privacyStatementUri", PropertyKind::Text) }
            { f.prop("definition-release-notes", "Release notes URI", "/releaseNoteUri", PropertyKind::Text) }
            { f.prop("definition-plan-name", "Purchase plan: name", "/purchasePlan/name", PropertyKind::Text) }
            { f.prop("definition-plan-publisher", "Purchase plan: publisher", "/purchasePlan/publisher", PropertyKind::Text) }
            { f.prop("definition-plan-product", "Purchase plan: product", "/purchasePlan/product", PropertyKind::Text) }
        </fieldset>
        <fieldset><legend>{ "Recommended VM size" }</legend>
            { f.prop("definition-vcpus-min", "vCPUs: at least", "/recommended/vCPUs/min", PropertyKind::Integer) }
            { f.prop("definition-vcpus-max", "vCPUs: at most", "/recommended/vCPUs/max", PropertyKind::Integer) }
            { f.prop("definition-memory-min", "Memory GB: at least", "/recommended/memory/min", PropertyKind::Integer) }
            { f.prop("definition-memory-max", "Memory GB: at most", "/recommended/memory/max", PropertyKind::Integer) }
        </fieldset>
        <fieldset><legend>{ "Planning" }</legend>
            { f.select("definition-production", "Production image", Field::Production, &[("", "(not said)"), ("true", "Yes"), ("false", "No")]) }
        </fieldset>
        { f.own_issues(&["identifier"]) }
        { f.actions() }
    </> }
}

fn version(f: &Form<'_>) -> Html {
    let plan = &f.c.state.plan;
    let (Some(g), Some(d), Some(v)) = (f.at.gallery_in(plan), f.at.definition_in(plan), f.at.version_in(plan)) else {
        return html! {};
    };
    let source = v.source_region(d.location.as_ref().unwrap_or(&g.location)).clone();
    html! { <>
        <h2>{ format!("Version {} of {}", v.name, d.name) }</h2>
        <fieldset><legend>{ "Basics" }</legend>
            { f.text("version-name-field", "Version name", Field::Name, Some("Major.Minor.Patch, e.g. 1.0.12")) }
            { f.region("version-location", "Source region (blank: the gallery's)") }
            { f.text("version-source", "Source id (managed image, VM or version)", Field::SourceId, None) }
        </fieldset>
        <fieldset><legend>{ "Replication" }</legend>
            <TargetRegionsField version={f.at} text={f.value(&Field::TargetRegions)} />
            { f.text("version-replica-count", "Default replicas per region", Field::ReplicaCount, None) }
            { f.choice("version-storage", "Storage account type", Field::StorageAccountType, StorageAccountType::NAMES, "(strategy default)") }
            { f.choice("version-mode", "Replication mode", Field::ReplicationMode, ReplicationMode::NAMES, "(Full)") }
            { f.select("version-exclude", "Exclude from latest (all regions)", Field::ExcludeFromLatest, &[("", "(no)"), ("true", "Yes"), ("false", "No")]) }
            { f.date("version-eol", "End-of-life date", Field::EndOfLifeDate) }
            <TargetRegionTable version={f.at} source={source.to_string()} />
        </fieldset>
        <fieldset><legend>{ "Safety" }</legend>
            { f.prop_bool("version-allow-delete-replicated", "Allow removing replicated regions", "/safetyProfile/allowDeletionOfReplicatedLocations", "(no: the default)") }
            { f.prop_bool("version-block-delete", "Block deletion before end of life", "/safetyProfile/blockDeletionBeforeEndOfLife", "(no: the default)") }
        </fieldset>
        <fieldset><legend>{ "Billing inputs" }</legend>
            { f.text("version-occupied", "Occupied GB (used size of the OS disk)", Field::OccupiedOsGb, None) }
        </fieldset>
        { f.own_issues(&["storageProfile", "publishingProfile.targetRegions"]) }
        { f.actions() }
    </> }
}

/// Whether the gallery has no community information (shown anyway when it has some, so nothing is hidden).
fn community_empty(f: &Form<'_>) -> bool {
    ["publicNamePrefix", "publisherContact", "publisherUri", "eula"]
        .iter()
        .all(|k| f.prop_value(&format!("/sharingProfile/communityGalleryInfo/{k}")).is_empty())
}

/// Properties of [`DeleteTree`].
#[derive(Properties, PartialEq)]
struct DeleteTreeProps {
    at: At,
}

/// Delete a resource with what it holds, after a confirmation that lists them in the order Azure deletes them
/// (`edit::deletion_order`: versions, then definitions, then the resource). Nothing when it holds nothing.
#[component]
fn DeleteTree(props: &DeleteTreeProps) -> Html {
    let c = super::use_ctx();
    let open = use_state(|| false);
    let plan = &c.state.plan;
    let order = edit::deletion_order(plan, props.at);
    let nested = order.len().saturating_sub(1);
    if nested == 0 {
        return html! {};
    }
    let toggle = {
        let open = open.clone();
        Callback::from(move |_| open.set(!*open))
    };
    let at = props.at;
    let confirm = {
        let open = open.clone();
        let apply = change(&c.state, move |_: MouseEvent| Change::DeleteTree { at });
        Callback::from(move |e: MouseEvent| {
            open.set(false);
            apply.emit(e);
        })
    };
    html! { <>
        <button onclick={toggle.clone()} aria-expanded={open.to_string()} aria-controls="delete-tree">
            { format!("Delete with its {nested} nested resource{}…", if nested == 1 { "" } else { "s" }) }</button>
        if *open {
            <div id="delete-tree" class="confirm" role="group" aria-label="Confirm the deletion">
                <p>{ format!("This deletes {} resources, nested ones first (as Azure requires):", order.len()) }</p>
                <ol>{ for order.iter().map(|a| html! { <li>{ a.label(plan) }</li> }) }</ol>
                <div class="actions">
                    <button class="danger" onclick={confirm}>{ format!("Delete these {}", order.len()) }</button>
                    <button onclick={toggle}>{ "Cancel" }</button>
                </div>
            </div>
        }
    </> }
}
