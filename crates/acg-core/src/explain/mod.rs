//! Explaining an error Azure printed: paste what Azure, the az CLI, PowerShell, Terraform or Packer said, get
//! the troubleshooting guide's entry for it (Azure's message id, the cause and the fix), the values the
//! message carries (gallery, definition, version, region, LUN, ...), the planner's rules that check the same
//! condition in advance and, given a plan, the resources those values name and the ones those rules flag now.
//!
//! ```
//! let text = r#"{"error": {"code": "InvalidParameter", "message": "Gallery image version publishing profile regions 'eastus, westeurope' must contain the location of image version 'westus'."}}"#;
//! let found = acg_core::explain::explain(text).unwrap();
//! let best = &found.matches[0];
//! assert_eq!(best.azure_message, "V1");
//! assert_eq!(best.values["sourceRegion"], "westus");
//! assert_eq!(best.rules, ["VER-06"]);
//! ```
//!
//! Several errors in one paste (an ARM deployment's `details`) are explained one by one. A message the guide
//! has no entry for gets no match, never the nearest guess: a match needs [`THRESHOLD`] of the entry's
//! words, weighted by how rare they are in the guide. Matching needs no regular expression: the guide's
//! messages are made into templates once, on first use.

pub mod guide;
mod matcher;
#[cfg(test)]
mod tests;
mod wrap;

use std::borrow::Cow;
use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub use guide::{Entry, GUIDE, GUIDE_URL, Section};

use crate::address::At;
use crate::model::Plan;
use crate::report::Issue;

/// The least score of a match. Calibrated on every guide message with realistic values (each scores 0.95 or
/// more against its own entry) and on errors of other services, gallery errors the guide lacks and real
/// pastes of such errors (none reaches 0.55); `the_threshold_is_calibrated_with_a_margin` keeps it so.
pub const THRESHOLD: f32 = 0.7;
/// The most matches listed for one error.
const MAX_MATCHES: usize = 3;
/// The most resources listed for one match (those named by the error first).
const MAX_RESOURCES: usize = 10;

/// What a paste means. (It reads back from its JSON too: the app gets it from the explain build, which it
/// loads on demand, and points it at its plan here.)
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Explanation {
    /// Every error found in the paste, in order, matched or not.
    pub errors: Vec<PastedError>,
    /// The guide entries the errors match, error by error, best first.
    pub matches: Vec<Match>,
}

/// One error found in the paste.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PastedError {
    /// Azure's error code, when the paste gives one (`InvalidParameter`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// The message, without its wrapper.
    pub message: String,
    /// The wrapper's target (a property or resource), when it gives one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    /// Whether a guide entry matches it.
    pub matched: bool,
}

/// A guide entry that an error matches.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Match {
    /// Which error of [`Explanation::errors`] this explains.
    pub error: usize,
    /// The id of Azure's message (`V1`).
    pub azure_message: Cow<'static, str>,
    /// How well the error matches the entry, from 0 to 1 (three decimals).
    pub score: f64,
    /// The guide's table.
    pub section: Section,
    /// The table's heading.
    pub section_title: Cow<'static, str>,
    /// The table on Microsoft Learn.
    pub guide_url: Cow<'static, str>,
    /// Azure's message as the guide prints it (placeholders in angle brackets).
    pub message: Cow<'static, str>,
    /// The guide's cause.
    pub cause: Cow<'static, str>,
    /// The guide's fix.
    pub fix: Cow<'static, str>,
    /// The values the error gives for the guide's placeholders, by name (`gallery`, `definition`, `version`,
    /// `region`, `lun`, `property`, `resourceId`, ...), including those read from a resource id.
    pub values: BTreeMap<Cow<'static, str>, String>,
    /// The planner's rules that check the same condition in advance.
    pub rules: Vec<Cow<'static, str>>,
    /// With a plan: the resources the values name, and those the rules flag now.
    #[serde(default)]
    pub resources: Vec<Resource>,
}

/// A resource of the plan that a match points at.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Resource {
    /// The resource, written as its path in a validation report (`galleries[0].images[1]`).
    #[serde(rename = "path")]
    pub at: At,
    /// Its names, `gallery › definition › version`.
    pub label: String,
    /// Whether the error's values name it (else a rule of the match flags it).
    pub named: bool,
    /// The issues of the match's rules on it now.
    pub issues: Vec<Issue>,
}

/// Why a paste cannot be explained.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExplainError {
    /// Nothing but white space.
    Empty,
}

impl core::fmt::Display for ExplainError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            ExplainError::Empty => {
                f.write_str("nothing to explain: paste the error message Azure, az, PowerShell or Terraform printed")
            }
        }
    }
}

impl std::error::Error for ExplainError {}

/// Explains the errors in `text`.
pub fn explain(text: &str) -> Result<Explanation, ExplainError> {
    let text = &text[..text.floor_char_boundary(wrap::MAX_TEXT)];
    if text.trim().is_empty() {
        return Err(ExplainError::Empty);
    }
    let units = wrap::units(text);
    let c = matcher::compiled();
    let mut buf = Vec::new();
    let mut errors = Vec::new();
    let mut matches = Vec::new();
    for unit in units {
        let words = matcher::words(c, &unit.message);
        let present = matcher::present(c, &words);
        let mut found: Vec<(f32, usize, matcher::Aligned)> = Vec::new();
        for (t_index, t) in c.templates.iter().enumerate() {
            // A match earns at most its literals plus a slot bonus or two.
            if matcher::bound(t, &present) + 0.25 < THRESHOLD {
                continue;
            }
            let aligned = matcher::align(t, &unit.message, &words, &mut buf);
            if aligned.score >= THRESHOLD {
                found.push((aligned.score, t_index, aligned));
            }
        }
        found.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        // One match per id (L4 and D6 have two messages each).
        let mut seen: Vec<&str> = Vec::new();
        found.retain(|(_, t, _)| {
            let id = c.templates[*t].entry.id;
            let fresh = !seen.contains(&id);
            seen.push(id);
            fresh
        });
        found.truncate(MAX_MATCHES);
        let error = errors.len();
        let has_match = !found.is_empty();
        errors.push(PastedError { code: unit.code, message: unit.message, target: unit.target, matched: has_match });
        for (score, t, aligned) in found {
            let entry = c.templates[t].entry;
            matches.push(Match {
                error,
                azure_message: Cow::Borrowed(entry.id),
                score: (f64::from(score.min(1.0)) * 1000.0).round() / 1000.0,
                section: entry.section,
                section_title: Cow::Borrowed(entry.section.title()),
                guide_url: Cow::Borrowed(entry.section.url()),
                message: Cow::Borrowed(entry.message),
                cause: Cow::Borrowed(entry.cause),
                fix: Cow::Borrowed(entry.fix),
                values: values(entry.id, &aligned.values),
                rules: entry.rules.iter().map(|r| Cow::Borrowed(*r)).collect(),
                resources: Vec::new(),
            });
        }
    }
    // Plain-text lines beside a recognised error (Terraform's "with azurerm_...", "on main.tf line 30") are
    // not errors of their own.
    if !matches.is_empty() {
        let mut renumber = Vec::with_capacity(errors.len());
        let mut kept = Vec::new();
        for e in errors {
            renumber.push(kept.len());
            let keep = e.matched || e.code.is_some();
            if keep {
                kept.push(e);
            }
        }
        for m in &mut matches {
            m.error = renumber[m.error];
        }
        errors = kept;
    }
    Ok(Explanation { errors, matches })
}

/// Explains the errors in `text` and points at the plan's resources: those the error's values name, and those
/// the matching rules flag now (validated as of `today`).
pub fn explain_with_plan(text: &str, plan: &Plan, today: NaiveDate) -> Result<Explanation, ExplainError> {
    let mut found = explain(text)?;
    if !found.matches.is_empty() {
        point_at(&mut found, plan, &crate::validate::validate(plan, today));
    }
    Ok(found)
}

/// Points each match at the plan's resources: those its values name, and those its rules flag in `report`
/// (the plan's validation report, which a caller that already has one passes instead of validating again).
pub fn point_at(found: &mut Explanation, plan: &Plan, report: &crate::report::Report) {
    for m in &mut found.matches {
        m.resources = resources(plan, &report.issues, m);
    }
}

/// The planner's name for a guide placeholder.
fn value_key(id: &str, placeholder: &'static str) -> &'static str {
    match placeholder {
        "galleryName" => "gallery",
        "imageDefinitionName" | "imageName" => "definition",
        "versionNumber" => "version",
        "region" | "region_1" => "region",
        "region_2" => "otherRegion",
        "subscriptionID" | "subscriptionID_1" => "subscription",
        "subscriptionID_2" | "subcriptionID_2" => "otherSubscription",
        "tenantID" => "tenant",
        "resourceID" | "vmID" | "versionID" | "imageDefinitionResourceID" => "resourceId",
        "sourceID" => "source",
        "diskID" => "disk",
        "diskEncryptionSetID" => "diskEncryptionSet",
        "number" if matches!(id, "V23" | "V27" | "V28" | "V29") => "lun",
        "minValue" => "min",
        "maxValue" => "max",
        "propertyType" => "type",
        "Publisher" => "publisher",
        "Offer" => "offer",
        "SKU" => "sku",
        "OsState_1" => "definitionOsState",
        "OsState_2" => "osState",
        "V#_1" => "hyperVGeneration",
        "V#_2" => "definitionHyperVGeneration",
        "OsType_1" => "osType",
        "OsType _2" => "definitionOsType",
        "diskImage" | "diskImages" => "diskImage",
        "vmssName" => "scaleSet",
        "name" => "planName",
        "publisher" => "planPublisher",
        "product" => "planProduct",
        "choice_1" | "choice_2" => "choice",
        other => other,
    }
}

fn values(id: &str, found: &[(&'static str, String)]) -> BTreeMap<Cow<'static, str>, String> {
    let mut out: BTreeMap<Cow<'static, str>, String> = BTreeMap::new();
    for (placeholder, value) in found {
        if value.is_empty() {
            continue;
        }
        if *placeholder == "galleryName/imageDefinitionName" {
            if let Some((g, d)) = value.split_once('/') {
                out.entry(Cow::Borrowed("gallery")).or_insert_with(|| g.to_owned());
                out.entry(Cow::Borrowed("definition")).or_insert_with(|| d.to_owned());
            }
            continue;
        }
        out.entry(Cow::Borrowed(value_key(id, placeholder))).or_insert_with(|| value.clone());
    }
    // A gallery resource id names the gallery, definition and version too.
    let ids: Vec<String> = ["resourceId", "source"].iter().filter_map(|k| out.get(*k).cloned()).collect();
    for rid in ids {
        for (k, v) in from_resource_id(&rid) {
            out.entry(Cow::Borrowed(k)).or_insert(v);
        }
    }
    out
}

/// The subscription, resource group, gallery, definition and version a resource id names.
fn from_resource_id(id: &str) -> Vec<(&'static str, String)> {
    let parts: Vec<&str> = id.trim_matches('/').split('/').collect();
    let mut out = Vec::new();
    for pair in parts.windows(2) {
        let key = match pair[0].to_ascii_lowercase().as_str() {
            "subscriptions" => "subscription",
            "resourcegroups" => "resourceGroup",
            "galleries" => "gallery",
            "images" => "definition",
            "versions" => "version",
            _ => continue,
        };
        if !pair[1].is_empty() {
            out.push((key, pair[1].to_owned()));
        }
    }
    out
}

/// `gallery › definition › version` (never a region: the explain build carries no region catalog).
fn names(plan: &Plan, at: At) -> String {
    at.names(plan).map_or_else(|| at.to_string(), |n| n.join(" › "))
}

/// The gallery, definition or version an issue is about (a target region's issue belongs to its version).
fn owner(path: &str) -> Option<At> {
    At::of_path(path).map(|(at, _)| match at {
        At::TargetRegion(g, d, v, _) => At::Version(g, d, v),
        other => other,
    })
}

/// The most specific resource the match's values name.
fn named(plan: &Plan, values: &BTreeMap<Cow<'static, str>, String>) -> Option<At> {
    let same = |a: &str, b: &str| a.eq_ignore_ascii_case(b);
    let gallery = values.get("gallery");
    let definition = values.get("definition");
    let version = values.get("version");
    let mut best: Option<At> = None;
    for (gi, g) in plan.galleries.iter().enumerate() {
        if gallery.is_some_and(|n| !same(n, &g.name)) {
            continue;
        }
        if gallery.is_some() && best.is_none() {
            best = Some(At::Gallery(gi));
        }
        let Some(def) = definition else { continue };
        for (di, d) in g.images.iter().enumerate().filter(|(_, d)| same(def, &d.name)) {
            if best.is_none_or(|b| matches!(b, At::Gallery(_))) {
                best = Some(At::Definition(gi, di));
            }
            if let Some(ver) = version
                && let Some(vi) = d.versions.iter().position(|v| same(ver, &v.name))
            {
                return Some(At::Version(gi, di, vi));
            }
        }
    }
    best
}

fn resources(plan: &Plan, issues: &[Issue], m: &Match) -> Vec<Resource> {
    let mut out: Vec<Resource> = Vec::new();
    let named_at = named(plan, &m.values);
    if let Some(at) = named_at.filter(|a| a.exists(plan)) {
        out.push(Resource { at, label: names(plan, at), named: true, issues: Vec::new() });
    }
    for issue in issues.iter().filter(|i| m.rules.contains(&i.code)) {
        let Some(at) = owner(&issue.path).filter(|a| a.exists(plan)) else { continue };
        // An issue below the named resource belongs to it.
        if let Some(first) = out.first_mut()
            && first.named
            && first.at.contains(at)
        {
            first.issues.push(issue.clone());
            continue;
        }
        if let Some(r) = out.iter_mut().find(|r| r.at == at) {
            r.issues.push(issue.clone());
        } else if out.len() < MAX_RESOURCES {
            out.push(Resource { at, label: names(plan, at), named: false, issues: vec![issue.clone()] });
        }
    }
    out
}
