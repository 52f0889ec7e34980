//! Name rules for galleries, image definitions and image versions, usable on their own (the name checker
//! widget) and by the validator.

use crate::report::Severity;
use crate::version::ImageVersionName;

/// One problem with a name.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NameIssue {
    /// Rule id.
    pub code: &'static str,
    /// Severity.
    pub severity: Severity,
    /// Azure's message (placeholders filled) or ours.
    pub message: String,
    /// Id of Azure's message, when it is Azure's.
    pub azure_message: Option<&'static str>,
    /// How to fix it.
    pub mitigation: &'static str,
}

const G1: &str = "Gallery name is invalid. Allowed characters are English alphanumeric characters, with underscores, and periods allowed in the middle, up to 80 characters total. All other special characters, including dashes, are disallowed.";
const GALLERY_FIX: &str = "Use 1 to 80 English letters, digits, underscores and periods, starting and ending with a letter or digit (no dashes).";
const D4_RULE: &str = "^[^_\\W][\\w-._]{0,79}(?<![-.])$";
const DEFINITION_FIX: &str = "Use 1 to 80 English letters, digits, underscores, hyphens and periods, starting and ending with a letter or digit.";

fn issue(
    code: &'static str,
    severity: Severity,
    message: String,
    azure: Option<&'static str>,
    fix: &'static str,
) -> NameIssue {
    NameIssue { code, severity, message, azure_message: azure, mitigation: fix }
}

/// The rules for a gallery name (GAL-01 to GAL-04; decision 1).
///
/// ```
/// let issues = acg_core::validate::gallery_name_issues("my-gallery");
/// assert_eq!(issues[0].code, "GAL-02");
/// assert!(acg_core::validate::gallery_name_issues("my_gallery.prod").is_empty());
/// ```
pub fn gallery_name_issues(name: &str) -> Vec<NameIssue> {
    let mut out = Vec::new();
    let len = name.chars().count();
    if len == 0 || len > 80 {
        out.push(issue("GAL-01", Severity::Error, G1.to_owned(), Some("G1"), GALLERY_FIX));
    }
    if name.chars().any(|c| !(c.is_ascii_alphanumeric() || c == '_' || c == '.')) {
        out.push(issue("GAL-02", Severity::Error, G1.to_owned(), Some("G1"), GALLERY_FIX));
    }
    if let Some(first) = name.chars().next()
        && !first.is_ascii_alphanumeric()
    {
        out.push(issue(
            "GAL-03",
            Severity::Error,
            format!("The entity name '{name}' is invalid according to its validation rule: {D4_RULE}."),
            None,
            GALLERY_FIX,
        ));
    }
    if let Some(last) = name.chars().last()
        && len > 1
        && (last == '.' || last == '_')
    {
        out.push(issue(
                "GAL-04",
                Severity::Error,
                format!("The provided resource name {name} has these invalid trailing characters: {last}. The name can not end with characters: {last}"),
                Some("G2"),
                GALLERY_FIX,
            ));
    }
    out
}

/// The rules for an image definition name (IMG-01 to IMG-04; decision 2). `gallery` fills Azure's D3 message.
pub fn definition_name_issues(gallery: &str, name: &str) -> Vec<NameIssue> {
    let mut out = Vec::new();
    let len = name.chars().count();
    let d4 = || format!("The entity name {name} is invalid according to its validation rule: {D4_RULE}");
    if len == 0 || len > 80 {
        out.push(issue("IMG-01", Severity::Error, d4(), Some("D4"), DEFINITION_FIX));
    }
    if name.chars().any(|c| !(c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))) {
        out.push(issue("IMG-02", Severity::Error, d4(), Some("D4"), DEFINITION_FIX));
    }
    if name.chars().next().is_some_and(|c| !c.is_ascii_alphanumeric()) {
        out.push(issue("IMG-03", Severity::Error, d4(), Some("D4"), DEFINITION_FIX));
    }
    if let Some(last) = name.chars().last() {
        if len > 1 && (last == '.' || last == '-') {
            out.push(issue(
                "IMG-04",
                Severity::Error,
                format!("The provided resource name {gallery}/{name} has these invalid trailing characters: {last}. The name can not end with characters: {last}"),
                Some("D3"),
                DEFINITION_FIX,
            ));
        } else if len > 1 && last == '_' {
            out.push(issue(
                "IMG-04",
                Severity::Warning,
                format!("The name {name} ends with an underscore. Azure's validation rule accepts it, but its documentation asks for names that start and end with a letter or digit."),
                None,
                DEFINITION_FIX,
            ));
        }
    }
    out
}

/// The rules for an image version name (VER-01, VER-02; decision 3).
pub fn version_name_issues(name: &str) -> Vec<NameIssue> {
    const V20: &str = "The image version name is invalid. The image version name should follow Major(int).Minor(int).Patch(int) format, for e.g: 1.0.0, 2018.12.1 etc";
    const FIX: &str = "Name the version Major.Minor.Patch with three whole numbers up to 2147483647, e.g. 1.0.0.";
    // Most names are fine: say so without building a version.
    if ImageVersionName::parse_key(name).is_some() && !ImageVersionName::text_has_leading_zero(name) {
        return Vec::new();
    }
    match name.parse::<ImageVersionName>() {
        Ok(v) if v.has_leading_zero() => vec![issue(
            "VER-01",
            Severity::Warning,
            format!(
                "The version name {name} has a segment with a leading zero: Azure compares the numbers, so {name} is the same version as {}.{}.{}.",
                v.major(),
                v.minor(),
                v.patch()
            ),
            None,
            "Write the numbers without leading zeros.",
        )],
        Ok(_) => Vec::new(),
        Err(e) => {
            let code = if e.to_string().contains("larger than") { "VER-02" } else { "VER-01" };
            vec![issue(code, Severity::Error, format!("{V20} ({e})"), Some("V20"), FIX)]
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(issues: &[NameIssue]) -> Vec<(&str, Severity)> {
        issues.iter().map(|i| (i.code, i.severity)).collect()
    }
    use Severity::{Error as E, Warning as W};

    #[test]
    fn gallery_names() {
        assert_eq!(codes(&gallery_name_issues("myGallery_01.prod")), []);
        assert_eq!(codes(&gallery_name_issues("a")), []);
        assert_eq!(codes(&gallery_name_issues(&"a".repeat(80))), []);
        assert_eq!(codes(&gallery_name_issues(&"a".repeat(81))), [("GAL-01", E)]);
        assert_eq!(codes(&gallery_name_issues("")), [("GAL-01", E)]);
        assert_eq!(codes(&gallery_name_issues("my-gallery")), [("GAL-02", E)]);
        assert_eq!(codes(&gallery_name_issues("gällery")), [("GAL-02", E)]);
        assert_eq!(codes(&gallery_name_issues("_gallery")), [("GAL-03", E)]);
        assert_eq!(codes(&gallery_name_issues("gallery.")), [("GAL-04", E)]);
        assert_eq!(codes(&gallery_name_issues("gallery_")), [("GAL-04", E)]);
        assert_eq!(codes(&gallery_name_issues("-g-")), [("GAL-02", E), ("GAL-03", E)]);
    }

    #[test]
    fn gallery_messages_are_azures() {
        assert_eq!(gallery_name_issues("my-gallery")[0].message, G1);
        assert_eq!(
            gallery_name_issues("gallery.")[0].message,
            "The provided resource name gallery. has these invalid trailing characters: .. The name can not end with characters: ."
        );
        assert_eq!(
            gallery_name_issues("_g")[0].message,
            "The entity name '_g' is invalid according to its validation rule: ^[^_\\W][\\w-._]{0,79}(?<![-.])$."
        );
    }

    #[test]
    fn definition_names() {
        assert_eq!(codes(&definition_name_issues("g", "ubuntu-22.04_lts")), []);
        assert_eq!(codes(&definition_name_issues("g", "")), [("IMG-01", E)]);
        assert_eq!(codes(&definition_name_issues("g", &"d".repeat(81))), [("IMG-01", E)]);
        assert_eq!(codes(&definition_name_issues("g", "ubuntu 22")), [("IMG-02", E)]);
        assert_eq!(codes(&definition_name_issues("g", "-ubuntu")), [("IMG-03", E)]);
        assert_eq!(codes(&definition_name_issues("g", "ubuntu-")), [("IMG-04", E)]);
        assert_eq!(codes(&definition_name_issues("g", "ubuntu.")), [("IMG-04", E)]);
        assert_eq!(codes(&definition_name_issues("g", "ubuntu_")), [("IMG-04", W)]);
        assert_eq!(
            definition_name_issues("gal", "ubuntu-")[0].message,
            "The provided resource name gal/ubuntu- has these invalid trailing characters: -. The name can not end with characters: -"
        );
        assert_eq!(
            definition_name_issues("gal", "a b")[0].message,
            "The entity name a b is invalid according to its validation rule: ^[^_\\W][\\w-._]{0,79}(?<![-.])$"
        );
    }

    #[test]
    fn version_names() {
        assert_eq!(codes(&version_name_issues("1.0.12")), []);
        assert_eq!(codes(&version_name_issues("1.0")), [("VER-01", E)]);
        assert_eq!(codes(&version_name_issues("latest")), [("VER-01", E)]);
        assert_eq!(codes(&version_name_issues("1.0.2147483648")), [("VER-02", E)]);
        assert_eq!(codes(&version_name_issues("1.01.0")), [("VER-01", W)]);
        assert_eq!(
            version_name_issues("1.0")[0].message,
            "The image version name is invalid. The image version name should follow Major(int).Minor(int).Patch(int) format, for e.g: 1.0.0, 2018.12.1 etc (expected three numbers separated by dots (Major.Minor.Patch), found 2 parts)"
        );
    }
}
