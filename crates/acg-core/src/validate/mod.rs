//! Validation: every rule Azure enforces that can be checked without calling Azure.
//!
//! [`validate`] walks a [`Plan`] once and collects every issue (it never stops at the first), each with the
//! stable rule id of the rules catalogue (`GAL-02`, `VER-07`, ...), a severity, the path of the field in the
//! plan's JSON, Azure's own message with its placeholders filled where the troubleshooting guide documents one
//! (its id in `azure_message`, e.g. `G1`), else a message of ours, and how to fix it.
//!
//! The product's decisions (reference README) win over the raw rules where sources disagree: a dash in a
//! gallery name is an error, a definition name ending in `_` a warning, a leading zero in a version a warning,
//! replica counts above 50 a warning and above 100 an error.
//!
//! Cost is linear in the size of the plan: uniqueness and quota checks use hash maps keyed by normalized names.

mod gallery;
mod image;
mod names;
mod unknown;
mod version;

#[cfg(test)]
mod tests;

use std::borrow::Cow;

use chrono::NaiveDate;

use crate::model::Plan;
use crate::report::{Issue, Report, Severity};

pub use crate::model::dates::parse_date;
pub use names::{NameIssue, definition_name_issues, gallery_name_issues, version_name_issues};

/// Validates a whole plan as of `today` (end-of-life dates must lie after it).
///
/// ```
/// let mut plan = acg_core::Plan::default();
/// plan.galleries.push(acg_core::Gallery { name: "my-gallery".into(), location: "eastus".into(), ..Default::default() });
/// let report = acg_core::validate::validate(&plan, chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap());
/// assert_eq!(report.issues[0].code, "GAL-02");
/// assert_eq!(report.issues[0].path, "galleries[0].name");
/// ```
pub fn validate(plan: &Plan, today: NaiveDate) -> Report {
    validate_in_parts(plan, today).0
}

/// Where each part of a report ends, as issue counts (see [`validate_in_parts`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Parts {
    /// Per gallery: the end of its own issues, of each definition's, and of its gallery-wide checks.
    pub galleries: Vec<(usize, Vec<usize>, usize)>,
    /// Whether the report is the parts as they are: false when "cannot check" infos replaced issues, so the
    /// parts cannot be recomputed one at a time.
    pub exact: bool,
}

/// [`validate`], and where its parts end: per gallery its own issues, then each definition's (its versions
/// with it), then the gallery-wide checks; the plan-wide checks last. A part depends only on its resource and
/// the plan-wide settings, so [`crate::recompute`] recomputes a definition's with [`definition_issues`] and
/// the checks after it with [`gallery_wide_issues`] and [`plan_wide_issues`].
pub(crate) fn validate_in_parts(plan: &Plan, today: NaiveDate) -> (Report, Parts) {
    let mut cx = Cx { plan, today, issues: Vec::new(), parts: Some(Vec::new()) };
    gallery::check_all(&mut cx);
    let exact = !unknown::any_unknown(plan);
    unknown::apply(plan, &mut cx.issues);
    let galleries = cx.parts.take().unwrap_or_default();
    (Report { issues: cx.issues }, Parts { galleries, exact })
}

/// The issues of one definition and its versions (`None` when there is no such definition).
pub(crate) fn definition_issues(plan: &Plan, today: NaiveDate, gi: usize, di: usize) -> Option<Vec<Issue>> {
    let g = plan.galleries.get(gi)?;
    let d = g.images.get(di)?;
    let mut cx = Cx { plan, today, issues: Vec::new(), parts: None };
    image::check(&mut cx, gi, di, g, d);
    Some(cx.issues)
}

/// The gallery-wide checks of one gallery (uniqueness of its definitions).
pub(crate) fn gallery_wide_issues(plan: &Plan, today: NaiveDate, gi: usize) -> Option<Vec<Issue>> {
    let g = plan.galleries.get(gi)?;
    let mut cx = Cx { plan, today, issues: Vec::new(), parts: None };
    image::check_gallery_wide(&mut cx, gi, g);
    Some(cx.issues)
}

/// The plan-wide checks (quotas, hints), the last issues of a report.
pub(crate) fn plan_wide_issues(plan: &Plan, today: NaiveDate) -> Vec<Issue> {
    let mut cx = Cx { plan, today, issues: Vec::new(), parts: None };
    gallery::check_plan_wide(&mut cx);
    cx.issues
}

/// What the plan-wide checks ([`plan_wide_issues`]: quotas per region, the galleries' hints) read of one
/// definition of gallery `g`: its region and production flag, and where each of its versions is. An edit inside
/// the definition that leaves these as they were leaves the plan-wide issues as they were (keep it in step with
/// `gallery::check_plan_wide`; the property test of `recompute` compares with `validate`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct PlanWideInputs {
    location: Box<str>,
    production: Option<bool>,
    /// Each version's own region when it is not the definition's.
    versions: Vec<Option<Box<str>>>,
}

/// The [`PlanWideInputs`] of definition `d` of gallery `g`.
pub(crate) fn plan_wide_inputs(g: &crate::model::Gallery, d: &crate::model::ImageDefinition) -> PlanWideInputs {
    let location = d.location.as_ref().unwrap_or(&g.location);
    PlanWideInputs {
        location: location.key().into(),
        production: d.production,
        versions: d
            .versions
            .iter()
            .map(|v| v.location.as_ref().filter(|l| *l != location).map(|l| l.key().into()))
            .collect(),
    }
}

/// Whether one definition holds values an import left unknown: in a plan whose other resources hold none,
/// whether `validate` would replace issues by "cannot check" infos.
pub(crate) fn definition_has_unknowns(d: &crate::model::ImageDefinition) -> bool {
    unknown::definition_unknown(d)
}

/// The validation context: the plan, "today", and the issues found so far.
pub(crate) struct Cx<'a> {
    pub plan: &'a Plan,
    pub today: NaiveDate,
    pub issues: Vec<Issue>,
    /// Where the parts of the report end, when asked for ([`Parts::galleries`]).
    pub parts: Option<Vec<(usize, Vec<usize>, usize)>>,
}

impl Cx<'_> {
    /// Records an issue.
    pub fn push(
        &mut self,
        path: impl Into<String>,
        code: &'static str,
        severity: Severity,
        message: impl Into<String>,
    ) -> IssueBuilder<'_> {
        self.issues.push(Issue {
            path: path.into(),
            code: Cow::Borrowed(code),
            severity,
            message: message.into(),
            mitigation: None,
            azure_message: None,
        });
        let last = self.issues.len() - 1;
        IssueBuilder(&mut self.issues[last])
    }

    /// Subscription id for messages: the plan's, or a readable placeholder.
    pub fn subscription(&self) -> &str {
        self.plan.subscription_id.as_deref().filter(|s| !s.is_empty()).unwrap_or("<subscriptionID>")
    }
}

/// The JSON path of a field, built from borrowed segments and written out only when an issue is recorded.
///
/// Validation visits every field of every version and target region, but records an issue for few of them:
/// formatting `galleries[0].images[2].versions[1].publishingProfile.targetRegions[3].name` for each visit was
/// most of its cost on large plans. A `Path` costs nothing to make; `String::from(path)` formats it.
#[derive(Clone, Copy)]
pub(crate) struct Path<'a> {
    parent: Option<&'a Path<'a>>,
    /// A field name, or several joined by dots (`publishingProfile.replicaCount`), or a whole path.
    name: &'a str,
    index: Option<usize>,
}

impl<'a> Path<'a> {
    /// A path of its own (a root field, or a whole path already written out).
    pub const fn new(name: &'a str) -> Self {
        Self { parent: None, name, index: None }
    }
    /// A root list element: `galleries[3]`.
    pub const fn item_of(name: &'a str, index: usize) -> Self {
        Self { parent: None, name, index: Some(index) }
    }
    /// A field below this one: `base.field("name")` is `<base>.name`.
    pub fn field(&'a self, name: &'a str) -> Path<'a> {
        Path { parent: Some(self), name, index: None }
    }
    /// A list element below this one: `base.item("versions", 2)` is `<base>.versions[2]`.
    pub fn item(&'a self, name: &'a str, index: usize) -> Path<'a> {
        Path { parent: Some(self), name, index: Some(index) }
    }
}

impl Path<'_> {
    /// Appends the path to `out` (no formatting machinery: a path is written for every issue).
    fn write_to(&self, out: &mut String) {
        if let Some(parent) = self.parent {
            parent.write_to(out);
            out.push('.');
        }
        out.push_str(self.name);
        if let Some(i) = self.index {
            out.push('[');
            push_number(out, u64::try_from(i).unwrap_or(u64::MAX));
            out.push(']');
        }
    }
}

/// Appends a number's digits (no formatting machinery).
fn push_number(out: &mut String, mut n: u64) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + u8::try_from(n % 10).unwrap_or(0);
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend(digits[at..].iter().map(|&d| char::from(d)));
}

/// A message made of pieces, in one allocation of its exact length: the messages tens of thousands of target
/// regions get (REC-01, REC-03) are written this way rather than through `format!`.
pub(crate) struct Message(String);

impl Message {
    pub fn of(pieces: &[&str]) -> Self {
        let mut text = String::with_capacity(pieces.iter().map(|p| p.len()).sum::<usize>() + 20);
        for p in pieces {
            text.push_str(p);
        }
        Self(text)
    }
    /// Appends a whole number as `{}` writes it.
    #[must_use]
    pub fn number(mut self, n: i64) -> Self {
        if n < 0 {
            self.0.push('-');
        }
        push_number(&mut self.0, n.unsigned_abs());
        self
    }
    #[must_use]
    pub fn then(mut self, piece: &str) -> Self {
        self.0.push_str(piece);
        self
    }
}

impl From<Message> for String {
    fn from(m: Message) -> Self {
        m.0
    }
}

impl core::fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(&String::from(*self))
    }
}

impl From<Path<'_>> for String {
    fn from(path: Path<'_>) -> Self {
        // Most paths are 40 to 90 bytes: one allocation instead of a few growing ones.
        let mut text = String::with_capacity(96);
        path.write_to(&mut text);
        text
    }
}

/// Adds the optional parts of an issue just recorded.
pub(crate) struct IssueBuilder<'a>(&'a mut Issue);

impl IssueBuilder<'_> {
    /// How to fix it.
    pub fn fix(self, mitigation: impl Into<Cow<'static, str>>) -> Self {
        self.0.mitigation = Some(mitigation.into());
        self
    }
    /// The id of Azure's message (`G1`, `V20`, ...).
    pub fn azure(self, id: &'static str) -> Self {
        self.0.azure_message = Some(Cow::Borrowed(id));
        self
    }
}

/// Records a name issue found by [`names`] at `path`.
fn push_name_issue(cx: &mut Cx<'_>, path: Path<'_>, n: names::NameIssue) {
    let b = cx.push(path, n.code, n.severity, n.message).fix(n.mitigation);
    if let Some(id) = n.azure_message {
        b.azure(id);
    }
}

/// Checks an end-of-life date: format (D7 when the time designator is missing from a date-time, else D8)
/// and, for definitions, that it lies in the future (D9).
pub(crate) fn check_eol(
    cx: &mut Cx<'_>,
    path: Path<'_>,
    code: &'static str,
    text: &str,
    property: &str,
    future_is_error: bool,
) {
    match parse_date(text) {
        None => {
            if text.len() > 10
                && text.as_bytes().get(10).is_some_and(|b| *b != b'T')
                && text.get(..10).and_then(parse_date).is_some()
            {
                cx.push(path, code, Severity::Error, format!(
                    "Unable to serialize value: {text} as type: 'iso-8601'., ISO8601Error: ISO 8601 time designator 'T' missing. Unable to parse datetime string {text}"
                ))
                .azure("D7")
                .fix("Write the date as yyyy-MM-dd (2030-12-31) or a full ISO 8601 date-time (2030-12-31T00:00:00Z).");
            } else {
                cx.push(
                    path,
                    code,
                    Severity::Error,
                    format!("Could not convert string to DateTimeOffset: {text}. Path 'properties.{property}'"),
                )
                .azure("D8")
                .fix(match crate::model::dates::missing_day(text) {
                    // Written as it should be, but no such day: say which day is missing, not how to write it.
                    Some(why) => Cow::Owned(format!(
                        "{} is not a day of the calendar: {why}. Choose a day that exists.",
                        text.trim().get(..10).unwrap_or(text)
                    )),
                    None => Cow::Borrowed(
                        "Write the date as yyyy-MM-dd (2030-12-31) or a full ISO 8601 date-time (2030-12-31T00:00:00Z).",
                    ),
                });
            }
        }
        Some(date) if date <= cx.today => {
            if future_is_error {
                let today = cx.today;
                cx.push(path, code, Severity::Error, "EndOfLifeDate must be set to a future date.")
                    .azure("D9")
                    .fix(format!("Choose a date after {today}."));
            } else {
                cx.push(path, code, Severity::Warning, format!(
                    "The end-of-life date {text} is not in the future: the version is past its end of life. VMs can still be created from it, and `latest` still considers it."
                ))
                .fix("Move the date forward, or plan to retire the version.");
            }
        }
        Some(_) => {}
    }
}

/// Finds the catalog region for a location and reports unknown or access-restricted ones (REG-02, REG-03, G3).
pub(crate) fn check_region(cx: &mut Cx<'_>, path: Path<'_>, region: &crate::RegionName) {
    let name = region.as_str();
    if name.trim().is_empty() {
        cx.push(path, "REG-02", Severity::Error, "The region is missing.")
            .fix("Choose a region, for example eastus or westeurope.");
        return;
    }
    match region.info() {
        None => {
            let key = region.key();
            if ["usgov", "usdod", "usnat", "ussec", "china", "germanycentral", "germanynortheast"]
                .iter()
                .any(|p| key.starts_with(p))
            {
                cx.push(path, "REG-03", Severity::Error, format!(
                    "The provided location {name} is not available for resource type 'Microsoft.Compute/galleries'. {name} is in a sovereign cloud: a gallery in the public cloud cannot replicate there."
                ))
                .azure("G3")
                .fix("Replication never crosses clouds: create a separate gallery in that cloud.");
            } else {
                cx.push(path, "REG-02", Severity::Error, format!(
                    "The provided location {name} is not available for resource type 'Microsoft.Compute/galleries'. List of available regions for the resource type is in the region catalog (acg regions)."
                ))
                .azure("G3")
                .fix("Use a public Azure region's programmatic name (westus2) or display name (West US 2).");
            }
        }
        Some(r) if r.access_restricted || r.name == "australiacentral" => {
            cx.push(
                path,
                "REG-02",
                Severity::Warning,
                format!("{} ({}) requires an access request before a subscription can use it.", r.display_name, r.name),
            )
            .fix("Submit an Azure region access request for the subscription, or choose another region.");
        }
        Some(_) => {}
    }
}
