//! Issues and reports: what validation, imports and checks say about a plan.

use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use crate::address::At;

use serde::{Deserialize, Serialize};

/// How serious an issue is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Azure would reject this.
    Error,
    /// Azure accepts it, but it is likely a mistake or against published guidance.
    Warning,
    /// Worth knowing.
    Info,
}

impl Severity {
    /// Lower-case name: `error`, `warning`, `info`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

impl core::fmt::Display for Severity {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One finding about one field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Issue {
    /// Path to the field, e.g. `galleries[0].images[2].versions[1].publishingProfile.targetRegions[3].name`.
    pub path: String,
    /// Stable rule id from the rules catalogue, e.g. `GAL-02`.
    pub code: Cow<'static, str>,
    /// Severity.
    pub severity: Severity,
    /// Azure's own message with its placeholders filled, where Azure has one; else ours.
    pub message: String,
    /// How to fix it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mitigation: Option<Cow<'static, str>>,
    /// Id of Azure's message in the troubleshooting guide (`G1`, `V20`, ...), when the message is Azure's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub azure_message: Option<Cow<'static, str>>,
}

/// Every issue found, in document order.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Report {
    /// The issues.
    pub issues: Vec<Issue>,
}

impl Issue {
    /// The resource the issue is about and the field's path below it (`(At::Definition(0, 2),
    /// "identifier.sku")`); none for plan-wide issues (`galleries`, `subscriptionId`).
    pub fn resource(&self) -> Option<(crate::address::At, &str)> {
        crate::address::At::of_path(&self.path)
    }
}

impl Report {
    /// Whether any issue is an error.
    pub fn has_errors(&self) -> bool {
        self.issues.iter().any(|i| i.severity == Severity::Error)
    }
    /// How many issues have this severity.
    pub fn count(&self, severity: Severity) -> usize {
        self.issues.iter().filter(|i| i.severity == severity).count()
    }
    /// The issues at `path` or below it.
    pub fn at<'a>(&'a self, path: &'a str) -> impl Iterator<Item = &'a Issue> + 'a {
        self.issues.iter().filter(move |i| {
            i.path == path
                || (i.path.starts_with(path) && matches!(i.path.as_bytes().get(path.len()), Some(b'.' | b'[')))
        })
    }
}

/// Where a report's issues are, built once per report: the issues of a field path and of a resource in one
/// look-up, and how many errors and warnings each resource holds (itself and everything in it). A form field,
/// a table row and a tree node each find theirs without reading the whole report.
///
/// Built for every full recompute (42,840 issues in the L plan), so it keeps positions only: a field's issues
/// are found among its resource's (a path names one resource), and the maps hash addresses with [`FxHasher`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IssueIndex {
    by_resource: HashMap<At, Vec<usize>, BuildHasherDefault<FxHasher>>,
    /// The issues about no resource (`galleries`, `subscriptionId`).
    plan_wide: Vec<usize>,
    under: HashMap<At, (usize, usize), BuildHasherDefault<FxHasher>>,
    /// Errors and warnings in the whole report.
    totals: (usize, usize),
}

impl IssueIndex {
    /// Indexes a report.
    pub fn new(report: &Report) -> Self {
        let mut index = Self::default();
        index.by_resource.reserve(report.issues.len() / 2);
        // An issue's errors and warnings count for its resource and everything above it: counted once per run
        // of issues about one resource (a resource's issues are mostly together).
        let mut run: Option<(At, usize, usize)> = None;
        for (n, issue) in report.issues.iter().enumerate() {
            index.total(issue.severity, true);
            let Some((at, _)) = issue.resource() else {
                index.plan_wide.push(n);
                continue;
            };
            index.by_resource.entry(at).or_default().push(n);
            let (errors, warnings) = weight(issue.severity);
            match &mut run {
                Some((a, e, w)) if *a == at => {
                    *e += errors;
                    *w += warnings;
                }
                _ => {
                    if let Some((a, e, w)) = run.replace((at, errors, warnings)) {
                        index.count(a, e, w, true);
                    }
                }
            }
        }
        if let Some((a, e, w)) = run {
            index.count(a, e, w, true);
        }
        index
    }

    /// Brings the index up to date after `report.issues[at..at + old.len()]` (the issues `old`) was replaced by
    /// `new`: the index is then what [`IssueIndex::new`] makes of the new report, at a cost in proportion to the
    /// issues replaced (and one pass over the positions when their number changed).
    ///
    /// An issue that stays at its position as it was (most of a definition's, after an edit of one of its
    /// versions) is left as indexed: with as many issues before as after, any equal pair; else the equal ones
    /// before the first difference (the later ones move).
    pub fn splice(&mut self, at: usize, old: &[Issue], new: &[Issue]) {
        let prefix = old.iter().zip(new).take_while(|(a, b)| a == b).count();
        let kept = |k: usize| k < prefix || (old.len() == new.len() && old.get(k) == new.get(k));
        for (k, issue) in old.iter().enumerate().filter(|(k, _)| !kept(*k)) {
            let n = at + k;
            self.total(issue.severity, false);
            let Some((resource, _)) = issue.resource() else {
                remove_from(&mut self.plan_wide, n);
                continue;
            };
            if let Some(list) = self.by_resource.get_mut(&resource) {
                remove_from(list, n);
                if list.is_empty() {
                    self.by_resource.remove(&resource);
                }
            }
            let (errors, warnings) = weight(issue.severity);
            self.count(resource, errors, warnings, false);
        }
        if old.len() != new.len() {
            let end = at + old.len();
            let shift = |n: &mut usize| {
                if *n >= end {
                    *n = *n - old.len() + new.len();
                }
            };
            self.by_resource.values_mut().flatten().for_each(shift);
            self.plan_wide.iter_mut().for_each(shift);
        }
        for (k, issue) in new.iter().enumerate().filter(|(k, _)| !kept(*k)) {
            let n = at + k;
            self.total(issue.severity, true);
            let Some((resource, _)) = issue.resource() else {
                insert_position(&mut self.plan_wide, n);
                continue;
            };
            insert_position(self.by_resource.entry(resource).or_default(), n);
            let (errors, warnings) = weight(issue.severity);
            self.count(resource, errors, warnings, true);
        }
    }

    /// Adds (or takes away) an issue's count to the report's totals.
    fn total(&mut self, severity: Severity, add: bool) {
        let total = match severity {
            Severity::Error => &mut self.totals.0,
            Severity::Warning => &mut self.totals.1,
            Severity::Info => return,
        };
        *total = if add { *total + 1 } else { total.saturating_sub(1) };
    }

    /// Adds (or takes away) errors and warnings to a resource and every resource that holds it.
    fn count(&mut self, at: At, errors: usize, warnings: usize, add: bool) {
        if (errors, warnings) == (0, 0) {
            return;
        }
        let mut cur = Some(at);
        while let Some(a) = cur {
            let counts = self.under.entry(a).or_default();
            if add {
                counts.0 += errors;
                counts.1 += warnings;
            } else {
                counts.0 = counts.0.saturating_sub(errors);
                counts.1 = counts.1.saturating_sub(warnings);
                if *counts == (0, 0) {
                    self.under.remove(&a);
                }
            }
            cur = a.parent();
        }
    }

    /// The issues at exactly this path, in report order.
    pub fn at_path<'a>(&'a self, report: &'a Report, path: &'a str) -> impl Iterator<Item = &'a Issue> + 'a {
        let positions = match At::of_path(path) {
            Some((at, _)) => self.by_resource.get(&at).map_or(&[][..], Vec::as_slice),
            None => &self.plan_wide,
        };
        positions.iter().filter_map(|&n| report.issues.get(n)).filter(move |i| i.path == path)
    }

    /// The issues of one resource (its own fields, not what it holds), in report order.
    pub fn of<'a>(&'a self, report: &'a Report, at: At) -> impl Iterator<Item = &'a Issue> + 'a {
        self.by_resource.get(&at).into_iter().flatten().filter_map(|&n| report.issues.get(n))
    }

    /// Errors and warnings of the whole report (what [`Report::count`] counts, kept instead of counted).
    pub fn totals(&self) -> (usize, usize) {
        self.totals
    }

    /// Errors and warnings of a resource and everything it holds.
    pub fn counts_under(&self, at: At) -> (usize, usize) {
        self.under.get(&at).copied().unwrap_or_default()
    }
}

/// What an issue counts for in [`IssueIndex::counts_under`]: (errors, warnings).
fn weight(severity: Severity) -> (usize, usize) {
    match severity {
        Severity::Error => (1, 0),
        Severity::Warning => (0, 1),
        Severity::Info => (0, 0),
    }
}

/// The hash of rustc's own tables (`FxHasher`): a multiply and a rotate per word, for keys that are a few
/// integers (an [`At`]), where the standard `SipHash` was a tenth of a full recompute. Not resistant to chosen
/// collisions, which a plan on the user's own machine has no one to choose.
#[derive(Debug, Default, Clone, Copy)]
pub struct FxHasher(u64);

impl FxHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl std::hash::Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
    }
    fn write_u8(&mut self, n: u8) {
        self.add(u64::from(n));
    }
    fn write_u32(&mut self, n: u32) {
        self.add(u64::from(n));
    }
    fn write_u64(&mut self, n: u64) {
        self.add(n);
    }
    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }
    fn write_isize(&mut self, n: isize) {
        self.add(n.cast_unsigned() as u64);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

/// Takes a position out of a list kept in report order.
fn remove_from(list: &mut Vec<usize>, n: usize) {
    if let Ok(i) = list.binary_search(&n) {
        list.remove(i);
    }
}

/// Puts a position into a list kept in report order.
fn insert_position(list: &mut Vec<usize>, n: usize) {
    if let Err(i) = list.binary_search(&n) {
        list.insert(i, n);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn issue(path: &str, severity: Severity) -> Issue {
        Issue {
            path: path.into(),
            code: "X".into(),
            severity,
            message: String::new(),
            mitigation: None,
            azure_message: None,
        }
    }

    #[test]
    fn finds_issues_by_path_and_resource_and_counts_them_upwards() {
        let report = Report {
            issues: vec![
                issue("galleries[0].name", Severity::Error),
                issue("galleries[0].images[1].versions[2].publishingProfile.targetRegions[0].name", Severity::Warning),
                issue("galleries[0].images[1].versions[2].name", Severity::Error),
                issue("galleries[0].images[1].versions[2].name", Severity::Info),
                issue("galleries", Severity::Error),
            ],
        };
        let index = IssueIndex::new(&report);
        let v = At::Version(0, 1, 2);
        assert_eq!(index.at_path(&report, &v.field("name")).count(), 2);
        assert_eq!(index.of(&report, v).count(), 2);
        assert_eq!(index.of(&report, At::TargetRegion(0, 1, 2, 0)).count(), 1);
        assert_eq!(index.counts_under(v), (1, 1));
        assert_eq!(index.counts_under(At::Definition(0, 1)), (1, 1));
        assert_eq!(index.counts_under(At::Gallery(0)), (2, 1));
        assert_eq!(index.counts_under(At::Gallery(1)), (0, 0));
        assert_eq!(index.at_path(&report, "galleries").count(), 1);
        // The whole report's, including an issue about no resource ("galleries").
        assert_eq!(index.totals(), (report.count(Severity::Error), report.count(Severity::Warning)));
        assert_eq!(index.totals(), (3, 1));

        // Spliced: two issues put back as they were, one changed, one added.
        let mut next = report.clone();
        let new = vec![
            issue("galleries[0].images[1].versions[2].publishingProfile.targetRegions[0].name", Severity::Warning),
            issue("galleries[0].images[1].versions[2].name", Severity::Warning),
            issue("galleries[0].images[1].versions[2].name", Severity::Info),
            issue("galleries[0].images[1].versions[3].name", Severity::Error),
        ];
        let mut spliced = index.clone();
        spliced.splice(1, &report.issues[1..4], &new);
        next.issues.splice(1..4, new);
        assert_eq!(spliced, IssueIndex::new(&next));
        assert_eq!(spliced.totals(), (3, 2));
    }

    /// The index answers what reading the whole report answers, on a real report (a generated plan with its
    /// own mistakes, and plan-wide issues among them).
    #[test]
    fn look_ups_are_the_whole_reports_answers() {
        let plan = crate::generate::plan(crate::generate::PlanSize::M, 3);
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap_or_default();
        let mut report = crate::validate::validate(&plan, today);
        report.issues.insert(5, issue("galleries", Severity::Error));
        report.issues.push(issue("galleries", Severity::Warning));
        assert!(report.issues.len() > 1_000 && report.issues.iter().any(|i| i.resource().is_none()));
        let index = IssueIndex::new(&report);
        let mut paths: Vec<&str> = report.issues.iter().map(|i| i.path.as_str()).collect();
        paths.dedup();
        paths.push("galleries[0].images[0].versions[0].noSuchField");
        for path in paths.iter().step_by(7) {
            let found: Vec<&Issue> = index.at_path(&report, path).collect();
            let read: Vec<&Issue> = report.issues.iter().filter(|i| i.path == *path).collect();
            assert_eq!(found, read, "{path}");
            let Some((at, _)) = At::of_path(path) else { continue };
            let found: Vec<&Issue> = index.of(&report, at).collect();
            let read: Vec<&Issue> = report.issues.iter().filter(|i| i.resource().is_some_and(|r| r.0 == at)).collect();
            assert_eq!(found, read, "{at}");
            let mut counts = (0, 0);
            for i in report.at(&at.to_string()) {
                counts.0 += usize::from(i.severity == Severity::Error);
                counts.1 += usize::from(i.severity == Severity::Warning);
            }
            assert_eq!(index.counts_under(at), counts, "{at}");
        }
    }
}
