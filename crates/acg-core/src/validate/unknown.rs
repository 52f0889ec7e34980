//! What validation cannot check: values an import left unknown (expressions), resources a document only refers
//! to, and facts a document lacks. Their issues become one info each, "cannot check X: it depends on ...".

use std::borrow::Cow;

use crate::model::{ImageDefinition, ImageVersion, Plan, Reference, Unknowns};
use crate::report::{Issue, Severity};

/// Rule id of "cannot check".
pub(crate) const CODE: &str = "UNK-01";

struct Owner<'p> {
    base: String,
    /// What it is, for messages: kind and names (joined only when a message is written).
    kind: &'static str,
    names: Vec<&'p str>,
    unknown: &'p Unknowns,
    /// Unknowns of the parents (their values show up in the children's messages).
    parents: Vec<&'p Unknowns>,
    version: Option<&'p ImageVersion>,
    /// The resource as JSON, made only when a field's value must be compared.
    json: Box<dyn Fn() -> serde_json::Value + 'p>,
}

/// The owners of a path: the resource whose fields it names, innermost first.
fn owner_indexes(path: &str) -> Option<(usize, Option<usize>, Option<usize>)> {
    let rest = path.strip_prefix("galleries[")?;
    let (g, rest) = rest.split_once(']')?;
    let g = g.parse().ok()?;
    let Some(rest) = rest.strip_prefix(".images[") else { return Some((g, None, None)) };
    let (d, rest) = rest.split_once(']')?;
    let d = d.parse().ok()?;
    let Some(rest) = rest.strip_prefix(".versions[") else { return Some((g, Some(d), None)) };
    let (v, _) = rest.split_once(']')?;
    Some((g, Some(d), Some(v.parse().ok()?)))
}

fn owner<'p>(plan: &'p Plan, path: &str) -> Option<Owner<'p>> {
    let (gi, di, vi) = owner_indexes(path)?;
    let g = plan.galleries.get(gi)?;
    let gbase = format!("galleries[{gi}]");
    let Some(di) = di else {
        return Some(Owner {
            base: gbase,
            kind: "gallery",
            names: vec![&g.name],
            unknown: &g.unknown,
            parents: vec![],
            version: None,
            json: Box::new(move || crate::model::to_json_value(g)),
        });
    };
    let d = g.images.get(di)?;
    let dbase = format!("{gbase}.images[{di}]");
    let Some(vi) = vi else {
        return Some(Owner {
            base: dbase,
            kind: "image definition",
            names: vec![&g.name, &d.name],
            unknown: &d.unknown,
            parents: vec![&g.unknown],
            version: None,
            json: Box::new(move || crate::model::to_json_value(d)),
        });
    };
    let v = d.versions.get(vi)?;
    Some(Owner {
        base: format!("{dbase}.versions[{vi}]"),
        kind: "image version",
        names: vec![&g.name, &d.name, &v.name],
        unknown: &v.unknown,
        parents: vec![&g.unknown, &d.unknown],
        version: Some(v),
        json: Box::new(move || crate::model::to_json_value(v)),
    })
}

impl Owner<'_> {
    fn what(&self) -> String {
        format!("{} {}", self.kind, self.names.join("/"))
    }
}

fn under(path: &str, field: &str) -> bool {
    path == field || (path.starts_with(field) && matches!(path.as_bytes().get(field.len()), Some(b'.' | b'[')))
}

fn info(path: String, message: String, fix: &'static str) -> Issue {
    Issue {
        path,
        code: Cow::Borrowed(CODE),
        severity: Severity::Info,
        message,
        mitigation: Some(Cow::Borrowed(fix)),
        azure_message: None,
    }
}

pub(super) fn any_unknown(plan: &Plan) -> bool {
    plan.galleries.iter().any(|g| !g.unknown.is_empty() || g.images.iter().any(|d| definition_unknown(d)))
}

/// Whether a definition or one of its versions holds something an import left unknown ([`any_unknown`] of
/// one definition).
pub(super) fn definition_unknown(d: &ImageDefinition) -> bool {
    !d.unknown.is_empty() || d.versions.iter().any(|v| !v.unknown.is_empty() || source_disks_unknown(v))
}

/// A version made from a managed image, VM, other version or community image, whose data disks the document does not list:
/// they are the source's, which only Azure knows.
fn source_disks_unknown(v: &ImageVersion) -> bool {
    let Some(sp) = v.storage_profile.as_ref() else { return false };
    let Some(src) = sp.source.as_ref() else { return false };
    sp.data_disk_images.is_empty()
        && (src.id.is_some() || src.virtual_machine_id.is_some() || src.community_gallery_image_id.is_some())
}

/// Replaces the issues about what cannot be known by "cannot check" infos.
pub(crate) fn apply(plan: &Plan, issues: &mut Vec<Issue>) {
    if !any_unknown(plan) {
        return;
    }
    let mut out: Vec<Issue> = Vec::with_capacity(issues.len());
    let mut said: std::collections::HashSet<String> = std::collections::HashSet::new();
    for issue in issues.drain(..) {
        let Some(o) = owner(plan, &issue.path) else {
            out.push(issue);
            continue;
        };
        if let Some(reference) = o.unknown.reference {
            let key = format!("{}#ref", o.base);
            if said.insert(key) {
                let why = match reference {
                    Reference::Existing => "it is an existing resource the document refers to but does not describe",
                    Reference::Placeholder => "the document does not describe it (its name is a placeholder)",
                };
                out.push(info(
                    o.base.clone(),
                    format!("cannot check {}: {why}", o.what()),
                    "Import the document that creates it, or check it in Azure.",
                ));
            }
            continue;
        }
        let rel = issue.path.strip_prefix(&o.base).and_then(|r| r.strip_prefix('.')).unwrap_or("");
        let by_field = o
            .unknown
            .values
            .iter()
            .find(|(field, _)| under(rel, field) || (field.as_str() == "name" && rel.is_empty()))
            // A value the user set since the import is checked like any other.
            .filter(|(field, expr)| crate::interchange::still_unknown(&(o.json)(), field, expr));
        let by_text = || {
            std::iter::once(o.unknown)
                .chain(o.parents.iter().copied())
                .flat_map(|u| u.values.iter())
                .find(|(_, e)| issue.message.contains(&format!("[{e}]")))
        };
        if let Some((field, expr)) = by_field.or_else(by_text) {
            let key = format!("{}#{field}", issue.path);
            if said.insert(key) {
                out.push(info(
                    issue.path.clone(),
                    format!(
                        "cannot check {field} of {}: it depends on {}",
                        o.what(),
                        crate::interchange::depends_on(expr)
                    ),
                    "Give the template a parameters file (acg --parameters), or check after deployment.",
                ));
            }
            continue;
        }
        if issue.azure_message.as_deref() == Some("V28") && o.version.is_some_and(source_disks_unknown) {
            out.push(info(
                issue.path.clone(),
                format!(
                    "cannot check this LUN of {}: it depends on the data disks of the source, which the document does not list",
                    o.what()
                ),
                "List the source's data disks (storageProfile.dataDiskImages), or check in Azure.",
            ));
            continue;
        }
        if o.unknown.reported && issue.severity == Severity::Error {
            let mut issue = issue;
            issue.severity = Severity::Warning;
            issue.message = format!(
                "{} exists as Azure reports it, yet on a create or update Azure would say: {}",
                o.what(),
                issue.message
            );
            out.push(issue);
            continue;
        }
        out.push(issue);
    }
    *issues = out;
}
