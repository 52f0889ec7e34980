//! Deployment checks: a VM or scale set in a region from a gallery image reference, with Azure's messages from
//! the troubleshooting guide ("Creating or updating a VM or scale sets from an image version" and "Creating a
//! disk from an image version").
//!
//! Rule codes: `LAT-01` when `latest` resolves to nothing anywhere (Azure's L1), `LAT-02` when the deployment
//! region has no version (L3 for `latest`, L2 for a pinned version that is missing, not replicated there, or still
//! replicating or failed there), `LAT-03` (info) when the version used is past its end-of-life date, and our own:
//! - `DEP-01` osProfile vs the image's OS state (L4, both directions);
//! - `DEP-02` a scale set whose current OS state differs from the image's (Azure's message for generalized ->
//!   specialized; ours for the reverse, which the guide's cause also forbids: "must be of the same state");
//! - `DEP-03` purchase plan: the request's plan differs from the definition's (L5), or the definition has a plan
//!   and the request carries none (our words);
//! - `DEP-04` a disk from a data disk LUN the version does not have ("The value of parameter imageReference is
//!   invalid.");
//! - `DEP-05` the requested security type vs the definition's `SecurityType` feature;
//! - `DEP-06` the image reference names no definition in the plan.
//!
//! Every issue's path points at the plan element it is about (the definition, or the version used).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::latest::{definition_id, find_definition, resolve_latest};
use crate::model::dates::parse_date;
use crate::model::{ImagePurchasePlan, OsState, Plan, ReplicationState, SecurityType};
use crate::region::RegionName;
use crate::report::{Issue, Report, Severity};

/// What is being created.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Kind {
    /// A virtual machine.
    #[default]
    Vm,
    /// A virtual machine scale set (created or updated).
    ScaleSet,
    /// A managed disk from one of the version's disks.
    Disk,
}

/// A deployment to check.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DeploymentRequest {
    /// What is created.
    #[serde(default)]
    pub kind: Kind,
    /// The region of the VM or scale set.
    pub region: RegionName,
    /// Gallery name.
    pub gallery: String,
    /// Definition name.
    pub definition: String,
    /// A pinned version name; none means `latest`.
    #[serde(default)]
    pub version: Option<String>,
    /// Whether the request has an osProfile (admin user, password or SSH key).
    #[serde(default)]
    pub os_profile: bool,
    /// For a scale set update: the OS state of its current image.
    #[serde(default)]
    pub current_os_state: Option<OsState>,
    /// The purchase plan the request carries.
    #[serde(default)]
    pub plan: Option<ImagePurchasePlan>,
    /// For a disk: the LUN of the data disk to create from (none: the OS disk).
    #[serde(default)]
    pub lun: Option<i64>,
    /// The security type requested: `Standard`, `TrustedLaunch` or `ConfidentialVM`.
    #[serde(default)]
    pub security_type: Option<String>,
}

/// The outcome: the version that would be used, and every problem.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DeploymentCheck {
    /// The version the deployment would use, if any.
    pub version: Option<String>,
    /// The problems, in Azure's words where Azure has them.
    pub report: Report,
}

fn push(issues: &mut Vec<Issue>, path: &str, code: &str, message: String, fix: &str, azure: Option<&str>) {
    push_with(issues, Severity::Error, path, code, message, fix, azure);
}

fn push_with(
    issues: &mut Vec<Issue>,
    severity: Severity,
    path: &str,
    code: &str,
    message: String,
    fix: &str,
    azure: Option<&str>,
) {
    issues.push(Issue {
        path: path.to_owned(),
        code: code.to_owned().into(),
        severity,
        message,
        mitigation: Some(fix.to_owned().into()),
        azure_message: azure.map(|a| a.to_owned().into()),
    });
}

/// The plan JSON of a purchase plan as Azure's message L5 writes it (`promotionCode` only when given).
fn plan_json(p: &ImagePurchasePlan) -> String {
    let field = |v: Option<&str>| serde_json::to_string(v.unwrap_or("")).unwrap_or_default();
    let mut out = format!(
        "{{\"name\":{},\"publisher\":{},\"product\":{}",
        field(p.name.as_deref()),
        field(p.publisher.as_deref()),
        field(p.product.as_deref())
    );
    if let Some(code) = p.extra.get("promotionCode").and_then(serde_json::Value::as_str) {
        out.push_str(",\"promotionCode\":");
        out.push_str(&field(Some(code)));
    }
    out.push('}');
    out
}

/// Checks a deployment against the plan as of `today` (which only decides the end-of-life note).
pub fn check_deployment(plan: &Plan, req: &DeploymentRequest, today: NaiveDate) -> DeploymentCheck {
    let mut issues = Vec::new();
    let Some((gi, di)) = find_definition(plan, &req.gallery, &req.definition) else {
        push(
            &mut issues,
            "",
            "DEP-06",
            format!(
                "Can not perform requested operation on nested resource. Parent resource {}/{} not found.",
                req.gallery, req.definition
            ),
            "Check the gallery and image definition names.",
            Some("D6"),
        );
        return DeploymentCheck { version: None, report: Report { issues } };
    };
    let g = &plan.galleries[gi];
    let d = &g.images[di];
    let def_path = format!("galleries[{gi}].images[{di}]");
    let version_index = match &req.version {
        None => resolve_latest(plan, gi, di, &req.region, today).and_then(|r| {
            if let Some(name) = &r.latest {
                return d.versions.iter().position(|v| v.name == *name);
            }
            let (code, fix) = if r.azure_message.as_deref() == Some("L1") {
                ("LAT-01", "Ensure that there is at least one image version that has 'Exclude from latest' set to False")
            } else {
                (
                    "LAT-02",
                    "Ensure that there is at least one image version in the region that has 'Exclude from latest' set to False",
                )
            };
            push(&mut issues, &def_path, code, r.message.clone().unwrap_or_default(), fix, r.azure_message.as_deref());
            None
        }),
        Some(name) => {
            let found = d.versions.iter().position(|v| v.name == *name);
            let usable = found.filter(|&vi| {
                let v = &d.versions[vi];
                v.target(&req.region).is_some()
                    && !matches!(
                        v.replication_state_in(&req.region),
                        Some(ReplicationState::Replicating | ReplicationState::Failed)
                    )
            });
            if usable.is_none() {
                let fix = match found {
                    None => format!("{} has no version {name}: pick a version that exists.", d.name),
                    Some(_) => format!(
                        "Replicate {name} to {} (and wait for the replication to complete), or deploy in one of its target regions.",
                        req.region.display_name()
                    ),
                };
                push(
                    &mut issues,
                    &found.map_or_else(|| def_path.clone(), |vi| format!("{def_path}.versions[{vi}]")),
                    "LAT-02",
                    format!(
                        "The gallery image {}/versions/{name} is not available in {} region. Please contact image owner to replicate to this region, or change your requested region.",
                        definition_id(plan, &g.name, &d.name),
                        req.region.key()
                    ),
                    &fix,
                    Some("L2"),
                );
            }
            usable
        }
    };
    let version = version_index.map(|vi| &d.versions[vi]);
    let version_path = version_index.map(|vi| format!("{def_path}.versions[{vi}]"));
    if let (Some(v), Some(path)) = (version, &version_path)
        && let Some(eol) = v.publishing_profile.end_of_life_date.as_deref().and_then(parse_date)
        && eol <= today
    {
        push_with(
            &mut issues,
            Severity::Info,
            path,
            "LAT-03",
            format!(
                "{} is past its end-of-life date ({eol}); end-of-life dates are informational, and VMs can still be created from it.",
                v.name
            ),
            "Publish a newer version, or move the end-of-life date if the version is still supported.",
            None,
        );
    }
    if req.kind != Kind::Disk {
        match (&d.os_state, req.os_profile) {
            (Some(OsState::Specialized), true) => push(
                &mut issues,
                &def_path,
                "DEP-01",
                "Parameter 'osProfile' is not allowed".to_owned(),
                "Don't include the admin username, password, or SSH keys if you intend to create a VM from that image. Otherwise, use a generalized image version and supply the admin username, password, or SSH keys",
                Some("L4"),
            ),
            (Some(OsState::Generalized), false) => push(
                &mut issues,
                &def_path,
                "DEP-01",
                "Required parameter 'osProfile' is missing (null)".to_owned(),
                "Specify the admin username, password, or SSH keys, or use a specialized image version",
                Some("L4"),
            ),
            _ => {}
        }
    }
    if req.kind == Kind::ScaleSet
        && let (Some(current), Some(image)) = (&req.current_os_state, &d.os_state)
        && current != image
    {
        if *current == OsState::Generalized && *image == OsState::Specialized {
            push(
                &mut issues,
                &def_path,
                "DEP-02",
                "Cannot update Virtual Machine Scale Set <vmssName> as the current OS state of the VM Scale Set is Generalized which is different from the updated gallery image OS state which is Specialized".to_owned(),
                "To update the scale set, use a generalized image version",
                None,
            );
        } else {
            push(
                &mut issues,
                &def_path,
                "DEP-02",
                format!(
                    "The scale set's current OS state is {current} but {} is {image}: the current source image and the new source image for a scale set must be of the same state.",
                    d.name
                ),
                &format!("To update the scale set, use a {} image version.", current.to_string().to_lowercase()),
                None,
            );
        }
    }
    match (&req.plan, &d.purchase_plan) {
        (Some(p), def_plan) => {
            let same = def_plan
                .as_ref()
                .is_some_and(|dp| dp.name == p.name && dp.publisher == p.publisher && dp.product == p.product);
            if !same {
                let def = def_plan.as_ref().map_or_else(|| "null".to_owned(), plan_json);
                push(
                    &mut issues,
                    &def_path,
                    "DEP-03",
                    format!(
                        "The resource with id <vmID> has a different plan ['{}'] than the parent gallery image plan ['{def}']",
                        plan_json(p)
                    ),
                    "Create an image definition with the same purchase plan details from the error message and create the image version within the image definition",
                    Some("L5"),
                );
            }
        }
        (None, Some(dp)) => push(
            &mut issues,
            &def_path,
            "DEP-03",
            format!(
                "{} carries the purchase plan {}, but the request has no plan: a VM from an image with a purchase plan must state the same plan.",
                d.name,
                plan_json(dp)
            ),
            "Add the definition's plan (name, publisher, product) to the VM or scale set.",
            None,
        ),
        (None, None) => {}
    }
    if req.kind == Kind::Disk
        && let (Some(lun), Some(v), Some(path)) = (req.lun, version, &version_path)
    {
        let has = v.storage_profile.as_ref().is_some_and(|s| s.data_disk_images.iter().any(|x| x.lun == Some(lun)));
        if !has {
            push(
                &mut issues,
                path,
                "DEP-04",
                "The value of parameter imageReference is invalid.".to_owned(),
                &format!("Version {} has no data disk at LUN {lun}: check the LUN positions in use.", v.name),
                None,
            );
        }
    }
    if let Some(wanted) = &req.security_type {
        let st = d.security_type().unwrap_or(SecurityType::Standard);
        let ok = match SecurityType::parse(wanted) {
            SecurityType::TrustedLaunch => matches!(
                st,
                SecurityType::TrustedLaunch
                    | SecurityType::TrustedLaunchSupported
                    | SecurityType::TrustedLaunchAndConfidentialVmSupported
            ),
            SecurityType::ConfidentialVm => matches!(
                st,
                SecurityType::ConfidentialVm
                    | SecurityType::ConfidentialVmSupported
                    | SecurityType::TrustedLaunchAndConfidentialVmSupported
            ),
            SecurityType::Standard => !matches!(st, SecurityType::TrustedLaunch | SecurityType::ConfidentialVm),
            _ => false,
        };
        if !ok {
            push(
                &mut issues,
                &def_path,
                "DEP-05",
                format!("Security type {wanted} cannot be used with image definition {} (SecurityType {st}).", d.name),
                "Deploy with the security type the definition supports, or publish under a definition with the right SecurityType feature.",
                None,
            );
        }
    }
    DeploymentCheck { version: version.map(|v| v.name.clone()), report: Report { issues } }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::sample;

    const ID: &str = "/subscriptions/sub/resourceGroups/rg/providers/Microsoft.Compute/galleries/gal/images";

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
    }

    /// `img`: generalized, `TrustedLaunch`, no purchase plan; `spec`: specialized, with a plan, nothing in latest.
    fn plan() -> Plan {
        serde_json::from_value(json!({
            "subscriptionId": "sub", "resourceGroup": "rg",
            "galleries": [{ "name": "gal", "location": "eastus", "images": [
                { "name": "img", "osState": "Generalized", "features": [{"name": "SecurityType", "value": "TrustedLaunch"}],
                  "versions": [
                    { "name": "1.0.0", "publishingProfile": { "endOfLifeDate": "2025-01-01",
                        "targetRegions": [{"name": "eastus"}, {"name": "westus2"}] },
                      "storageProfile": { "dataDiskImages": [{"lun": 0}] } },
                    { "name": "1.1.0", "publishingProfile": { "targetRegions": [{"name": "eastus"}, {"name": "westus2"}] },
                      "replicationStatus": { "summary": [{"region": "westus2", "state": "Replicating"}] } },
                    { "name": "2.0.0", "publishingProfile": { "excludeFromLatest": true, "targetRegions": [{"name": "eastus"}] } }
                  ] },
                { "name": "spec", "osState": "Specialized", "purchasePlan": {"name": "p", "publisher": "pub", "product": "prod"},
                  "versions": [
                    { "name": "1.0.0", "publishingProfile": { "excludeFromLatest": true, "targetRegions": [{"name": "eastus"}] } }
                  ] }
            ] }]
        }))
        .unwrap()
    }

    /// A request beyond `{gallery: gal, osProfile: true}`, the version used, and the issues as
    /// (code, severity, path, message).
    type Case = (serde_json::Value, Option<&'static str>, Vec<(&'static str, Severity, &'static str, String)>);

    #[test]
    fn every_check_in_azures_words() {
        let l2 = |v: &str, r: &str| {
            format!(
                "The gallery image {ID}/img/versions/{v} is not available in {r} region. Please contact image owner to replicate to this region, or change your requested region."
            )
        };
        let eol = "1.0.0 is past its end-of-life date (2025-01-01); end-of-life dates are informational, and VMs can still be created from it.";
        let l5 = "The resource with id <vmID> has a different plan ['{\"name\":\"p\",\"publisher\":\"pub\",\"product\":\"other\",\"promotionCode\":\"promo\"}'] than the parent gallery image plan ['{\"name\":\"p\",\"publisher\":\"pub\",\"product\":\"prod\"}']";
        #[rustfmt::skip]
        let cases: Vec<Case> = vec![
            (json!({"definition": "img", "region": "East US"}), Some("1.1.0"), vec![]),
            (json!({"definition": "img", "region": "westus2"}), Some("1.0.0"), vec![("LAT-03", Severity::Info, "galleries[0].images[0].versions[0]", eol.into())]),
            (json!({"definition": "img", "region": "japaneast"}), None, vec![("LAT-02", Severity::Error, "galleries[0].images[0]", format!("The gallery image {ID}/img is not available in japaneast region. Please contact image owner to replicate to this region, or change your requested region"))]),
            (json!({"definition": "img", "region": "westus2", "version": "1.1.0"}), None, vec![("LAT-02", Severity::Error, "galleries[0].images[0].versions[1]", l2("1.1.0", "westus2"))]),
            (json!({"definition": "img", "region": "japaneast", "version": "1.1.0"}), None, vec![("LAT-02", Severity::Error, "galleries[0].images[0].versions[1]", l2("1.1.0", "japaneast"))]),
            (json!({"definition": "img", "region": "eastus", "version": "9.9.9"}), None, vec![("LAT-02", Severity::Error, "galleries[0].images[0]", l2("9.9.9", "eastus"))]),
            (json!({"definition": "img", "region": "eastus", "version": "2.0.0"}), Some("2.0.0"), vec![]),
            (json!({"definition": "img", "region": "eastus", "osProfile": false}), Some("1.1.0"), vec![("DEP-01", Severity::Error, "galleries[0].images[0]", "Required parameter 'osProfile' is missing (null)".into())]),
            (json!({"definition": "img", "region": "eastus", "kind": "scaleSet", "currentOsState": "Specialized"}), Some("1.1.0"), vec![("DEP-02", Severity::Error, "galleries[0].images[0]", "The scale set's current OS state is Specialized but img is Generalized: the current source image and the new source image for a scale set must be of the same state.".into())]),
            (json!({"definition": "img", "region": "eastus", "kind": "scaleSet", "currentOsState": "Generalized"}), Some("1.1.0"), vec![]),
            (json!({"definition": "img", "region": "eastus", "plan": {"name": "p", "publisher": "pub", "product": "prod"}}), Some("1.1.0"), vec![("DEP-03", Severity::Error, "galleries[0].images[0]", "The resource with id <vmID> has a different plan ['{\"name\":\"p\",\"publisher\":\"pub\",\"product\":\"prod\"}'] than the parent gallery image plan ['null']".into())]),
            (json!({"definition": "img", "region": "eastus", "kind": "disk", "version": "1.0.0", "lun": 1}), Some("1.0.0"), vec![("LAT-03", Severity::Info, "galleries[0].images[0].versions[0]", eol.into()), ("DEP-04", Severity::Error, "galleries[0].images[0].versions[0]", "The value of parameter imageReference is invalid.".into())]),
            (json!({"definition": "img", "region": "eastus", "kind": "disk", "version": "1.0.0", "lun": 0, "osProfile": false}), Some("1.0.0"), vec![("LAT-03", Severity::Info, "galleries[0].images[0].versions[0]", eol.into())]),
            (json!({"definition": "img", "region": "eastus", "kind": "disk", "lun": 0}), Some("1.1.0"), vec![("DEP-04", Severity::Error, "galleries[0].images[0].versions[1]", "The value of parameter imageReference is invalid.".into())]),
            (json!({"definition": "img", "region": "eastus", "securityType": "Standard"}), Some("1.1.0"), vec![("DEP-05", Severity::Error, "galleries[0].images[0]", "Security type Standard cannot be used with image definition img (SecurityType TrustedLaunch).".into())]),
            (json!({"definition": "img", "region": "eastus", "securityType": "trustedlaunch"}), Some("1.1.0"), vec![]),
            (json!({"definition": "spec", "region": "eastus", "osProfile": false, "plan": {"name": "p", "publisher": "pub", "product": "prod"}}), None, vec![("LAT-01", Severity::Error, "galleries[0].images[1]", format!("There is no latest image version exists for \"{ID}/spec\""))]),
            (json!({"definition": "spec", "region": "eastus", "version": "1.0.0"}), Some("1.0.0"), vec![
                ("DEP-01", Severity::Error, "galleries[0].images[1]", "Parameter 'osProfile' is not allowed".into()),
                ("DEP-03", Severity::Error, "galleries[0].images[1]", "spec carries the purchase plan {\"name\":\"p\",\"publisher\":\"pub\",\"product\":\"prod\"}, but the request has no plan: a VM from an image with a purchase plan must state the same plan.".into()),
            ]),
            (json!({"definition": "spec", "region": "eastus", "version": "1.0.0", "osProfile": false, "kind": "scaleSet", "currentOsState": "Generalized", "plan": {"name": "p", "publisher": "pub", "product": "other", "promotionCode": "promo"}}), Some("1.0.0"), vec![
                ("DEP-02", Severity::Error, "galleries[0].images[1]", "Cannot update Virtual Machine Scale Set <vmssName> as the current OS state of the VM Scale Set is Generalized which is different from the updated gallery image OS state which is Specialized".into()),
                ("DEP-03", Severity::Error, "galleries[0].images[1]", l5.into()),
            ]),
            (json!({"gallery": "nope", "definition": "img", "region": "eastus"}), None, vec![("DEP-06", Severity::Error, "", "Can not perform requested operation on nested resource. Parent resource nope/img not found.".into())]),
        ];
        let p = plan();
        for (request, version, want) in cases {
            let mut body = json!({"gallery": "gal", "osProfile": true});
            if let (Some(b), Some(r)) = (body.as_object_mut(), request.as_object()) {
                b.extend(r.clone());
            }
            let req: DeploymentRequest = serde_json::from_value(body).unwrap();
            let check = check_deployment(&p, &req, today());
            let got: Vec<(&str, Severity, &str, String)> = check
                .report
                .issues
                .iter()
                .map(|i| (&*i.code, i.severity, i.path.as_str(), i.message.clone()))
                .collect();
            assert_eq!((check.version.as_deref(), got), (version, want), "{request}");
        }
    }

    #[test]
    fn azure_message_ids_and_mitigations() {
        let p = plan();
        let req = |json: serde_json::Value| -> DeploymentRequest { serde_json::from_value(json).unwrap() };
        let ids = |r: DeploymentRequest| -> Vec<(String, Option<String>)> {
            check_deployment(&p, &r, today())
                .report
                .issues
                .into_iter()
                .map(|i| (i.code.into_owned(), i.azure_message.map(std::borrow::Cow::into_owned)))
                .collect()
        };
        let pair = |c: &str, id: Option<&str>| (c.to_owned(), id.map(str::to_owned));
        assert_eq!(
            ids(req(json!({"gallery": "gal", "definition": "spec", "region": "eastus"}))),
            [pair("LAT-01", Some("L1")), pair("DEP-03", None)]
        );
        assert_eq!(
            ids(req(json!({"gallery": "gal", "definition": "img", "region": "japaneast"}))),
            [pair("LAT-02", Some("L3")), pair("DEP-01", Some("L4"))]
        );
        assert_eq!(
            ids(req(
                json!({"gallery": "gal", "definition": "img", "region": "japaneast", "version": "1.0.0", "osProfile": true})
            )),
            [pair("LAT-02", Some("L2"))]
        );
        let l1 =
            check_deployment(&p, &req(json!({"gallery": "gal", "definition": "spec", "region": "eastus"})), today());
        assert_eq!(
            l1.report.issues[0].mitigation.as_deref(),
            Some("Ensure that there is at least one image version that has 'Exclude from latest' set to False")
        );
    }

    #[test]
    fn the_sample_plan() {
        let p = sample::plan();
        let req = |region: &str, version: Option<&str>| DeploymentRequest {
            region: RegionName::new(region),
            gallery: "contoso_prod".into(),
            definition: "ubuntu-22.04-lts".into(),
            version: version.map(str::to_owned),
            os_profile: true,
            ..Default::default()
        };
        let used = |r: DeploymentRequest| check_deployment(&p, &r, today()).version;
        assert_eq!(used(req("eastus", None)).as_deref(), Some("1.0.12"));
        assert_eq!(used(req("West Europe", None)).as_deref(), Some("2.0.0"));
        assert_eq!(used(req("southeastasia", None)), None);
        assert_eq!(
            used(req("southeastasia", Some("1.0.12"))).as_deref(),
            Some("1.0.12"),
            "a pinned version ignores exclude-from-latest"
        );
    }
}
