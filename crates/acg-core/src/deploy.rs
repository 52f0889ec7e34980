//! Deployment checks: a VM or scale set in a region from a gallery image reference, with Azure's messages from
//! the troubleshooting guide ("Creating or updating a VM or scale sets from an image version" and "Creating a
//! disk from an image version").
//!
//! Rule codes: `LAT-01`/`LAT-02` for what `latest` or a pinned version resolves to in the region, and our own:
//! `DEP-01` osProfile vs the image's OS state, `DEP-02` a scale set changing from generalized to specialized,
//! `DEP-03` purchase plan mismatch, `DEP-04` a disk from a LUN the version does not have, `DEP-05` security type
//! vs the definition's features, `DEP-06` the image reference names nothing in the plan.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::latest::{definition_id, find_definition, resolve_latest};
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

fn push(issues: &mut Vec<Issue>, code: &str, message: String, fix: &str, azure: Option<&str>) {
    issues.push(Issue {
        path: String::new(),
        code: code.to_owned(),
        severity: Severity::Error,
        message,
        mitigation: Some(fix.to_owned()),
        azure_message: azure.map(str::to_owned),
    });
}

/// Checks a deployment against the plan as of `today`.
pub fn check_deployment(plan: &Plan, req: &DeploymentRequest, today: NaiveDate) -> DeploymentCheck {
    let mut issues = Vec::new();
    let Some((gi, di)) = find_definition(plan, &req.gallery, &req.definition) else {
        push(
            &mut issues,
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
    let d = &plan.galleries[gi].images[di];
    let version = match &req.version {
        None => {
            let r = resolve_latest(plan, gi, di, &req.region, today);
            match r {
                Some(r) if r.latest.is_some() => r.latest,
                Some(r) => {
                    let fix = if r.azure_message.as_deref() == Some("L1") {
                        "Ensure that there is at least one image version that has 'Exclude from latest' set to False"
                    } else {
                        "Replicate a version that is included in latest to this region, or deploy in another region."
                    };
                    push(&mut issues, "LAT-02", r.message.unwrap_or_default(), fix, r.azure_message.as_deref());
                    None
                }
                None => None,
            }
        }
        Some(name) => match d.versions.iter().find(|v| v.name == *name) {
            None => {
                push(
                    &mut issues,
                    "LAT-02",
                    format!(
                        "{}/versions/{name} is not available in {} region. Please contact image owner to replicate to this region, or change your requested region.",
                        definition_id(plan, &plan.galleries[gi].name, &d.name),
                        req.region.key()
                    ),
                    "Pick a version that exists.",
                    Some("L2"),
                );
                None
            }
            Some(v) => {
                let in_region = v.target(&req.region).is_some()
                    && !matches!(
                        v.replication_state_in(&req.region),
                        Some(ReplicationState::Replicating | ReplicationState::Failed)
                    );
                if in_region {
                    Some(name.clone())
                } else {
                    push(
                        &mut issues,
                        "LAT-02",
                        format!(
                            "The gallery image {}/versions/{name} is not available in {} region. Please contact image owner to replicate to this region, or change your requested region.",
                            definition_id(plan, &plan.galleries[gi].name, &d.name),
                            req.region.key()
                        ),
                        "Replicate the version to this region (and wait for it to complete), or deploy in one of its target regions.",
                        Some("L2"),
                    );
                    None
                }
            }
        },
    };
    if req.kind != Kind::Disk {
        match (&d.os_state, req.os_profile) {
            (Some(OsState::Specialized), true) => push(
                &mut issues,
                "DEP-01",
                "Parameter 'osProfile' is not allowed".to_owned(),
                "Don't include the admin username, password, or SSH keys for a specialized image; or use a generalized image version.",
                Some("L4"),
            ),
            (Some(OsState::Generalized), false) => push(
                &mut issues,
                "DEP-01",
                "Required parameter 'osProfile' is missing (null)".to_owned(),
                "Specify the admin username, password, or SSH keys, or use a specialized image version.",
                Some("L4"),
            ),
            _ => {}
        }
    }
    if req.kind == Kind::ScaleSet
        && req.current_os_state == Some(OsState::Generalized)
        && d.os_state == Some(OsState::Specialized)
    {
        push(&mut issues, "DEP-02", "Cannot update Virtual Machine Scale Set <vmssName> as the current OS state of the VM Scale Set is Generalized which is different from the updated gallery image OS state which is Specialized".to_owned(), "Update the scale set with a generalized image, or create a new scale set for the specialized image.", None);
    }
    if let Some(p) = &req.plan {
        let def_plan = d.purchase_plan.as_ref();
        let same =
            def_plan.is_some_and(|dp| dp.name == p.name && dp.publisher == p.publisher && dp.product == p.product);
        if !same {
            let def = def_plan.map_or_else(
                || "null".to_owned(),
                |dp| {
                    format!(
                        "{{\"name\":\"{}\",\"publisher\":\"{}\",\"product\":\"{}\"}}",
                        dp.name.as_deref().unwrap_or(""),
                        dp.publisher.as_deref().unwrap_or(""),
                        dp.product.as_deref().unwrap_or("")
                    )
                },
            );
            push(
                &mut issues,
                "DEP-03",
                format!(
                    "The resource with id <vmID> has a different plan ['{{\"name\":\"{}\",\"publisher\":\"{}\",\"product\":\"{}\"}}'] than the parent gallery image plan ['{def}']",
                    p.name.as_deref().unwrap_or(""),
                    p.publisher.as_deref().unwrap_or(""),
                    p.product.as_deref().unwrap_or("")
                ),
                "Create an image definition with the same purchase plan details and create the image version within it.",
                Some("L5"),
            );
        }
    }
    if req.kind == Kind::Disk
        && let (Some(lun), Some(vname)) = (req.lun, &version)
    {
        let has = d
            .versions
            .iter()
            .find(|v| v.name == *vname)
            .and_then(|v| v.storage_profile.as_ref())
            .is_some_and(|s| s.data_disk_images.iter().any(|x| x.lun == Some(lun)));
        if !has {
            push(
                &mut issues,
                "DEP-04",
                "The value of parameter imageReference is invalid.".to_owned(),
                &format!("Version {vname} has no data disk at LUN {lun}: check the LUN positions in use."),
                None,
            );
        }
    }
    if let Some(wanted) = &req.security_type {
        let st = d.security_type().unwrap_or(SecurityType::Standard);
        let w = SecurityType::parse(wanted);
        let ok = match w {
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
                "DEP-05",
                format!("Security type {wanted} cannot be used with image definition {} (SecurityType {st}).", d.name),
                "Deploy with the security type the definition supports, or publish under a definition with the right SecurityType feature.",
                None,
            );
        }
    }
    DeploymentCheck { version, report: Report { issues } }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
    }

    fn req(region: &str, version: Option<&str>) -> DeploymentRequest {
        DeploymentRequest {
            region: RegionName::new(region),
            gallery: "contoso_prod".into(),
            definition: "ubuntu-22.04-lts".into(),
            version: version.map(str::to_owned),
            os_profile: true,
            ..Default::default()
        }
    }

    fn codes(c: &DeploymentCheck) -> Vec<&str> {
        c.report.issues.iter().map(|i| i.code.as_str()).collect()
    }

    #[test]
    fn latest_and_pinned() {
        let p = sample::plan();
        let ok = check_deployment(&p, &req("eastus", None), today());
        assert_eq!((ok.version.as_deref(), codes(&ok)), (Some("1.0.12"), vec![]));
        let none = check_deployment(&p, &req("southeastasia", None), today());
        assert_eq!(codes(&none), ["LAT-02"]);
        assert_eq!(none.report.issues[0].azure_message.as_deref(), Some("L3"));
        let pinned = check_deployment(&p, &req("southeastasia", Some("1.0.12")), today());
        assert_eq!(pinned.version.as_deref(), Some("1.0.12"), "a pinned version ignores exclude-from-latest");
        let missing = check_deployment(&p, &req("westus2", Some("1.0.12")), today());
        assert_eq!(
            missing.report.issues[0].message,
            "The gallery image /subscriptions/8f2c3e4a-1b5d-4c6e-9f70-2a1b3c4d5e6f/resourceGroups/rg-image-factory/providers/Microsoft.Compute/galleries/contoso_prod/images/ubuntu-22.04-lts/versions/1.0.12 is not available in westus2 region. Please contact image owner to replicate to this region, or change your requested region."
        );
        let nothing = check_deployment(
            &p,
            &DeploymentRequest { gallery: "x".into(), definition: "y".into(), ..Default::default() },
            today(),
        );
        assert_eq!(codes(&nothing), ["DEP-06"]);
    }

    #[test]
    fn os_profile_plan_lun_and_security() {
        let mut p = sample::plan();
        let mut r = req("eastus", None);
        r.os_profile = false;
        assert_eq!(
            check_deployment(&p, &r, today()).report.issues[0].message,
            "Required parameter 'osProfile' is missing (null)"
        );
        p.galleries[0].images[0].os_state = Some(OsState::Specialized);
        let mut r = req("eastus", None);
        r.kind = Kind::ScaleSet;
        r.current_os_state = Some(OsState::Generalized);
        assert_eq!(codes(&check_deployment(&p, &r, today())), ["DEP-01", "DEP-02"]);
        let mut r = req("eastus", None);
        r.os_profile = false;
        r.plan = Some(ImagePurchasePlan {
            name: Some("p".into()),
            publisher: Some("pub".into()),
            product: Some("prod".into()),
            ..Default::default()
        });
        assert_eq!(
            check_deployment(&p, &r, today()).report.issues[0].message,
            "The resource with id <vmID> has a different plan ['{\"name\":\"p\",\"publisher\":\"pub\",\"product\":\"prod\"}'] than the parent gallery image plan ['null']"
        );
        let mut r = req("eastus", None);
        r.kind = Kind::Disk;
        r.lun = Some(3);
        assert_eq!(codes(&check_deployment(&p, &r, today())), ["DEP-04"]);
        let mut r = req("eastus", None);
        r.os_profile = false;
        r.security_type = Some("ConfidentialVM".into());
        assert_eq!(codes(&check_deployment(&p, &r, today())), ["DEP-05"]);
        r.security_type = Some("TrustedLaunch".into());
        assert!(check_deployment(&p, &r, today()).report.issues.is_empty());
    }
}
