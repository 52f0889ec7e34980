//! Issues and reports: what validation, imports and checks say about a plan.

use std::borrow::Cow;

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
