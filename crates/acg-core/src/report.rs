//! Issues and reports: what validation, imports and checks say about a plan.

use std::borrow::Cow;
use std::collections::HashMap;

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
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IssueIndex {
    by_path: HashMap<String, Vec<usize>>,
    by_resource: HashMap<At, Vec<usize>>,
    under: HashMap<At, (usize, usize)>,
    /// Errors and warnings in the whole report.
    totals: (usize, usize),
}

impl IssueIndex {
    /// Indexes a report.
    pub fn new(report: &Report) -> Self {
        let mut index = Self::default();
        for (n, issue) in report.issues.iter().enumerate() {
            index.total(issue.severity, true);
            index.by_path.entry(issue.path.clone()).or_default().push(n);
            let Some((at, _)) = issue.resource() else { continue };
            index.by_resource.entry(at).or_default().push(n);
            index.count(at, issue.severity, true);
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
            remove_position(&mut self.by_path, issue.path.as_str(), n);
            let Some((resource, _)) = issue.resource() else { continue };
            remove_position(&mut self.by_resource, &resource, n);
            self.count(resource, issue.severity, false);
        }
        if old.len() != new.len() {
            let end = at + old.len();
            let shift = |n: &mut usize| {
                if *n >= end {
                    *n = *n - old.len() + new.len();
                }
            };
            self.by_path.values_mut().flatten().for_each(shift);
            self.by_resource.values_mut().flatten().for_each(shift);
        }
        for (k, issue) in new.iter().enumerate().filter(|(k, _)| !kept(*k)) {
            let n = at + k;
            self.total(issue.severity, true);
            insert_position(self.by_path.entry(issue.path.clone()).or_default(), n);
            let Some((resource, _)) = issue.resource() else { continue };
            insert_position(self.by_resource.entry(resource).or_default(), n);
            self.count(resource, issue.severity, true);
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

    /// Adds (or takes away) an issue's count to its resource and every resource that holds it.
    fn count(&mut self, at: At, severity: Severity, add: bool) {
        let (errors, warnings) = match severity {
            Severity::Error => (1, 0),
            Severity::Warning => (0, 1),
            Severity::Info => return,
        };
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
    pub fn at_path<'a>(&'a self, report: &'a Report, path: &str) -> impl Iterator<Item = &'a Issue> + 'a {
        self.by_path.get(path).into_iter().flatten().filter_map(|&n| report.issues.get(n))
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

/// Takes a position out of a key's list (the key goes when its list is empty).
fn remove_position<K, Q>(map: &mut HashMap<K, Vec<usize>>, key: &Q, n: usize)
where
    K: std::borrow::Borrow<Q> + Eq + std::hash::Hash,
    Q: Eq + std::hash::Hash + ?Sized,
{
    if let Some(list) = map.get_mut(key) {
        if let Ok(i) = list.binary_search(&n) {
            list.remove(i);
        }
        if list.is_empty() {
            map.remove(key);
        }
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
}
