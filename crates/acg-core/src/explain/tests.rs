use core::fmt::Write as _;

use super::*;

const SUB: &str = "3f2b6c1e-8a4d-4c0b-9e1f-5a6b7c8d9e0f";
const SUB2: &str = "b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d5e";

/// A realistic value for a guide placeholder in the message of `id`.
fn example(id: &str, placeholder: &str) -> String {
    let vm =
        format!("/subscriptions/{SUB}/resourceGroups/rg-build/providers/Microsoft.Compute/virtualMachines/build-vm-01");
    match (id, placeholder) {
        (_, "galleryName") => "contoso_prod".into(),
        ("D4", "imageDefinitionName") => "ubuntu-2204.".into(),
        (_, "imageDefinitionName" | "imageName") => "ubuntu-2204".into(),
        (_, "galleryName/imageDefinitionName") => "contoso_prod/ubuntu-2204".into(),
        (_, "character") => ".".into(),
        (_, "versionNumber") => "1.0.12".into(),
        (_, "region" | "region_1") => "westus3".into(),
        (_, "region_2") => "West Europe".into(),
        (_, "sourceRegion") => "westus".into(),
        (_, "publishingRegions") => "eastus, westeurope".into(),
        (_, "subscriptionID" | "subscriptionID_1" | "tenantID") => SUB.into(),
        (_, "subscriptionID_2" | "subcriptionID_2") => SUB2.into(),
        (_, "resourceGroup") => "rg-images".into(),
        ("V9", "resourceID") => {
            format!("/subscriptions/{SUB}/resourceGroups/rg-build/providers/Microsoft.Compute/images/build-image")
        }
        ("L7", "resourceID") => "/CommunityGalleries/contoso-1a2b3c4d/Images/ubuntu-2204/Versions/1.0.12".into(),
        ("L6", "resourceID" | "versionID") => {
            format!(
                "/subscriptions/{SUB}/resourceGroups/rg-images/providers/Microsoft.Compute/galleries/contoso_prod/images/ubuntu-2204/versions/1.0.12"
            )
        }
        (_, "versionID") => format!(
            "/subscriptions/{SUB}/resourceGroups/rg-images/providers/Microsoft.Compute/galleries/contoso_prod/images/ubuntu-2204/versions/1.0.12"
        ),
        (_, "imageDefinitionResourceID") => {
            format!(
                "/subscriptions/{SUB}/resourceGroups/rg-images/providers/Microsoft.Compute/galleries/contoso_prod/images/ubuntu-2204"
            )
        }
        (_, "vmID") => vm.replace("build-vm-01", "web-01"),
        (_, "diskID") => {
            format!("/subscriptions/{SUB}/resourceGroups/rg-build/providers/Microsoft.Compute/disks/data-ultra-01")
        }
        (_, "sourceID") => {
            format!("/subscriptions/{SUB}/resourceGroups/rg-build/providers/Microsoft.Compute/snapshots/os-snap")
        }
        (_, "diskEncryptionSetID") => {
            format!(
                "/subscriptions/{SUB2}/resourceGroups/rg-keys/providers/Microsoft.Compute/diskEncryptionSets/des-prod"
            )
        }
        (_, "resourceProviderNamespace") => "Microsoft.Compute".into(),
        (_, "resourceID") => vm,
        (_, "number") => "3".into(),
        ("D7" | "D8" | "P2", "value") => "2030-02-30".into(),
        ("D10" | "P3", "value") => "two".into(),
        ("P1", "value") => "Generalised".into(),
        ("V2", "value") => "120".into(),
        (_, "value") => "x".into(),
        ("D1", "property") => "osState".into(),
        ("D5", "property") => "publisher".into(),
        ("D7" | "D8" | "P2", "property") => "endOfLifeDate".into(),
        ("V2", "property") => {
            "galleryImageVersion.properties.publishingProfile.targetRegions.regionalReplicaCount".into()
        }
        (_, "property") => "vCPUs".into(),
        (_, "propertyType") => "Microsoft.Azure.Management.Compute.Models.OperatingSystemStateTypes".into(),
        (_, "choice_1" | "OsState_2") => "Generalized".into(),
        (_, "choice_2" | "OsState_1") => "Specialized".into(),
        (_, "minValue") => "1".into(),
        (_, "maxValue") => "100".into(),
        (_, "Publisher") => "Contoso".into(),
        (_, "Offer") => "UbuntuServer".into(),
        (_, "SKU") => "22_04-lts".into(),
        (_, "diskImage") => "osDiskImage".into(),
        (_, "diskImages") => "dataDiskImages[0]".into(),
        (_, "V#_1") => "V1".into(),
        (_, "V#_2") => "V2".into(),
        (_, "OsType_1") => "Windows".into(),
        (_, "OsType _2") => "Linux".into(),
        (_, "vmssName") => "web-vmss".into(),
        (_, "name") => "ubuntu-pro".into(),
        (_, "publisher") => "canonical".into(),
        (_, "product") => "0001-com-ubuntu-pro".into(),
        (_, "promotionCode") => "none".into(),
        (i, p) => panic!("no example for <{p}> in {i}"),
    }
}

/// The guide's message of `e` with realistic values in place of its placeholders.
fn filled(e: &Entry) -> String {
    let mut out = String::new();
    let mut rest = e.message;
    while let Some(open) = rest.find('<') {
        let is_hole = rest[open + 1..].chars().next().is_some_and(|c| c.is_ascii_alphabetic());
        let close = rest[open..].find('>').map(|c| c + open);
        if let (true, Some(close)) = (is_hole, close) {
            out.push_str(&rest[..open]);
            out.push_str(&example(e.id, rest[open + 1..close].trim()));
            rest = &rest[close + 1..];
        } else {
            out.push_str(&rest[..=open]);
            rest = &rest[open + 1..];
        }
    }
    out.push_str(rest);
    out.replace(" …", " eastus, westus, westeurope, northeurope.")
}

fn json_string(s: &str) -> String {
    serde_json::to_string(s).unwrap()
}

/// Terraform's diagnostic box, wrapped at 76 columns as Terraform wraps it.
fn terraform(message: &str) -> String {
    let text = format!(
        "Error: creating Image Version (Subscription: \"{SUB}\"\nResource Group Name: \"rg-images\"\nGallery Name: \"contoso_prod\"\nImage Name: \"ubuntu-2204\"\nVersion Name: \"1.0.12\"): performing CreateOrUpdate: unexpected status 400 (400 Bad Request) with error: InvalidParameter: {message}"
    );
    let mut out = String::from("╷\n");
    for para in text.lines() {
        let mut line = String::new();
        for word in para.split(' ') {
            if line.len() + word.len() > 76 && !line.is_empty() {
                let _ = writeln!(out, "│ {}", line.trim_end());
                line.clear();
            }
            line.push_str(word);
            line.push(' ');
        }
        let _ = writeln!(out, "│ {}", line.trim_end());
    }
    out.push_str("│ \n│   with azurerm_shared_image_version.example,\n│   on main.tf line 30, in resource \"azurerm_shared_image_version\" \"example\":\n│   30: resource \"azurerm_shared_image_version\" \"example\" {\n│ \n╵\n");
    out
}

/// Every wrapper a message arrives in: its name and the pasted text.
fn wrappers(message: &str) -> Vec<(&'static str, String)> {
    let m = json_string(message);
    let inner = format!(
        "{{\r\n  \"error\": {{\r\n    \"code\": \"InvalidParameter\",\r\n    \"message\": {m},\r\n    \"target\": \"properties\"\r\n  }}\r\n}}"
    );
    vec![
        ("bare", message.to_owned()),
        (
            "json",
            format!("{{\"error\": {{\"code\": \"InvalidParameter\", \"message\": {m}, \"target\": \"properties\"}}}}"),
        ),
        (
            "az",
            format!(
                "ERROR: (InvalidParameter) {message}\nCode: InvalidParameter\nMessage: {message}\nTarget: properties"
            ),
        ),
        ("terraform", terraform(message)),
        (
            "arm-deployment",
            format!(
                "{{\"status\":\"Failed\",\"error\":{{\"code\":\"DeploymentFailed\",\"target\":\"/subscriptions/{SUB}/resourceGroups/rg-images/providers/Microsoft.Resources/deployments/gallery\",\"message\":\"At least one resource deployment operation failed. Please list deployment operations for details. Please see https://aka.ms/arm-deployment-operations for usage details.\",\"details\":[{{\"code\":\"BadRequest\",\"message\":{}}}]}}}}",
                json_string(&inner)
            ),
        ),
        (
            "powershell",
            format!(
                "New-AzGalleryImageVersion: {message}\nErrorCode: InvalidParameter\nErrorMessage: {message}\nErrorTarget: properties\nStatusCode: 400\nReasonPhrase: Bad Request\nOperationID : 9c0b6b1e-2f7a-4d5e-8a3b-1c2d3e4f5a6b"
            ),
        ),
        (
            "autorest",
            format!(
                "compute.GalleryImageVersionsClient#CreateOrUpdate: Failure sending request: StatusCode=400 -- Original Error: Code=\"InvalidParameter\" Message={m} Target=\"properties\""
            ),
        ),
    ]
}

/// Whether `id` is the best match, or ties with the best on the very same message (G4 and D13 are one text).
fn first_is(found: &Explanation, e: &Entry) -> bool {
    let Some(best) = found.matches.first() else { return false };
    if best.azure_message == e.id {
        return true;
    }
    found.matches.iter().take_while(|m| (m.score - best.score).abs() < 1e-9).any(|m| m.azure_message == e.id)
        && super::matcher::key(&best.message) == super::matcher::key(e.message)
}

#[test]
fn every_guide_message_in_every_wrapper_matches_its_own_entry_first() {
    let mut failures = Vec::new();
    let mut total = 0;
    for e in GUIDE {
        let message = filled(e);
        for (wrapper, text) in wrappers(&message) {
            total += 1;
            let found = explain(&text).unwrap();
            if !first_is(&found, e) {
                let got: Vec<String> =
                    found.matches.iter().map(|m| format!("{} {:.3}", m.azure_message, m.score)).collect();
                failures
                    .push(format!("{} in {wrapper}: got {got:?} for {message:?} (errors {:?})", e.id, found.errors));
            }
        }
    }
    assert_eq!(total, GUIDE.len() * 7);
    assert!(failures.is_empty(), "{} of {total} failed:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn each_wrapper_yields_the_one_error_it_wraps() {
    let message = filled(GUIDE.iter().find(|e| e.id == "V1").unwrap());
    for (wrapper, text) in wrappers(&message) {
        let found = explain(&text).unwrap();
        assert_eq!(found.errors.len(), 1, "{wrapper}: {:?}", found.errors);
        assert_eq!(found.errors[0].message, message, "{wrapper}");
        let code = if wrapper == "bare" { None } else { Some("InvalidParameter") };
        assert_eq!(found.errors[0].code.as_deref(), code, "{wrapper}");
    }
}

fn best(text: &str) -> Match {
    explain(text).unwrap().matches.into_iter().next().expect("a match")
}

fn vals(m: &Match) -> Vec<(&str, &str)> {
    m.values.iter().map(|(k, v)| (k.as_ref(), v.as_str())).collect()
}

#[test]
fn values_come_out_by_the_planner_s_names() {
    let m = best(
        "Gallery image version publishing profile regions 'eastus, westeurope' must contain the location of image version 'westus'.",
    );
    assert_eq!(vals(&m), [("publishingRegions", "eastus, westeurope"), ("sourceRegion", "westus")]);
    let m = best(
        "An invalid lun [3] was specified in encryption.dataDiskImages. The lun must be one of the following values ['0,1']",
    );
    assert_eq!((m.azure_message.as_ref(), vals(&m)), ("V28", vec![("lun", "3")]));
    let m = best(
        "The provided resource name contoso_prod/ubuntu. has these invalid trailing characters: .. The name can not end with characters: .",
    );
    assert_eq!(
        (m.azure_message.as_ref(), vals(&m)),
        ("D3", vec![("character", "."), ("definition", "ubuntu."), ("gallery", "contoso_prod")])
    );
    let m = best(
        "The provided resource name contoso_prod_ has these invalid trailing characters: _. The name can not end with characters: _",
    );
    assert_eq!((m.azure_message.as_ref(), vals(&m)), ("G2", vec![("character", "_"), ("gallery", "contoso_prod_")]));
    let m = best(&format!(
        "The gallery image /subscriptions/{SUB}/resourceGroups/rg-images/providers/Microsoft.Compute/galleries/contoso_prod/images/ubuntu/versions/1.0.12 is not available in westus3 region. Please contact image owner to replicate to this region, or change your requested region."
    ));
    assert_eq!(m.azure_message, "L2");
    assert_eq!(
        vals(&m),
        [
            ("definition", "ubuntu"),
            ("gallery", "contoso_prod"),
            ("region", "westus3"),
            ("resourceGroup", "rg-images"),
            ("subscription", SUB),
            ("version", "1.0.12")
        ]
    );
    let m = best("Changing property 'galleryImage.properties.osState' is not allowed.");
    assert_eq!((m.azure_message.as_ref(), vals(&m)), ("D1", vec![("property", "osState")]));
    let m = best(
        "The value 120 of parameter galleryImageVersion.properties.publishingProfile.replicaCount is out of range. The value must be between 1 and 100, inclusive.",
    );
    assert_eq!(
        (m.azure_message.as_ref(), vals(&m)),
        (
            "V2",
            vec![
                ("max", "100"),
                ("min", "1"),
                ("property", "galleryImageVersion.properties.publishingProfile.replicaCount"),
                ("value", "120")
            ]
        )
    );
}

#[test]
fn near_twins_are_told_apart_by_their_values() {
    // G6 names a gallery, D2 a gallery/definition pair: the same words otherwise.
    let g6 = "The resource contoso_prod already exists in location eastus in resource group rg-a. A resource with the same name cannot be created in location westus. Please select a new resource name";
    let d2 = "The resource contoso_prod/ubuntu already exists in location eastus in resource group rg-a. A resource with the same name cannot be created in location westus. Please select a new resource name.";
    assert_eq!(best(g6).azure_message, "G6");
    assert_eq!(best(d2).azure_message, "D2");
    // L2 names a version, L3 a definition, L7 any other resource id.
    let tail = "is not available in westus3 region. Please contact image owner to replicate to this region, or change your requested region.";
    let def = format!("/subscriptions/{SUB}/resourceGroups/rg/providers/Microsoft.Compute/galleries/g/images/d");
    assert_eq!(best(&format!("The gallery image {def}/versions/1.0.0 {tail}")).azure_message, "L2");
    assert_eq!(best(&format!("The gallery image {def} {tail}")).azure_message, "L3");
    assert_eq!(
        best(&format!("The gallery image /communityGalleries/contoso-1a2b/images/d {tail}")).azure_message,
        "L7"
    );
}

/// Errors of other services, and gallery errors the guide has no entry for: none may match.
const UNRELATED: &[&str] = &[
    "The subscription is not registered to use namespace 'Microsoft.Compute'. See https://aka.ms/rps-not-found for how to register subscriptions.",
    "Operation could not be completed as it results in exceeding approved Total Regional Cores quota. Additional details - Deployment Model: Resource Manager, Location: eastus, Current Limit: 10, Current Usage: 8, Additional Required: 4, (Minimum) New Limit Required: 12.",
    "The storage account named contosostorage is already taken.",
    "The client 'ci@contoso.com' with object id '00000000-0000-0000-0000-000000000001' does not have authorization to perform action 'Microsoft.Compute/galleries/write' over scope '/subscriptions/3f2b6c1e-8a4d-4c0b-9e1f-5a6b7c8d9e0f/resourceGroups/rg-images/providers/Microsoft.Compute/galleries/contoso_prod' or the scope is invalid. If access was recently granted, please refresh your credentials.",
    "Resource group 'rg-images' could not be found.",
    "The requested size for resource '/subscriptions/3f2b6c1e-8a4d-4c0b-9e1f-5a6b7c8d9e0f/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm1' is currently not available in location 'eastus' zones '1' for subscription '3f2b6c1e-8a4d-4c0b-9e1f-5a6b7c8d9e0f'. Please try another size or deploy to a different location or zones.",
    "Deployment template validation failed: 'The template resource 'gallery' at line '1' and column '220' is not valid: The template function 'RESOURCEGROUP' is not expected at this location.'",
    "The virtual network 'vnet-prod' could not be found.",
    "Subnet default is in use by /subscriptions/3f2b6c1e-8a4d-4c0b-9e1f-5a6b7c8d9e0f/resourceGroups/rg/providers/Microsoft.Network/networkInterfaces/nic1/ipConfigurations/ipconfig1 and cannot be deleted.",
    "The access token expiry UTC time '11/30/2026 1:00:00 PM' is earlier than current UTC time '11/30/2026 1:05:00 PM'.",
    "The specified account is disabled.",
    "Provisioning of VM extension CustomScript has timed out. Extension provisioning has taken too long to complete.",
    "The operation 'Create Gallery Image Version' is not allowed because a replication job for this image version is still running.",
    "Gallery image version 1.0.12 already exists in gallery image ubuntu-2204 and cannot be recreated with a different source.",
    "Sharing profile of gallery contoso_prod cannot be reset because it is shared with 3 subscriptions.",
    "The community gallery public name prefix 'contoso' is already in use.",
    "Unable to find image 'Canonical:UbuntuServer:22.04-LTS:latest' in location 'eastus'.",
    "Key Vault 'kv-prod' does not allow access to the disk encryption set.",
    "The resource operation completed with terminal provisioning state 'Failed'.",
    "Cannot parse the request.",
    "QuotaExceeded: Operation results in exceeding quota limits of Core. Maximum allowed: 10, Current in use: 8, Additional requested: 4.",
    "The maximum number of data disks allowed to be attached to a VM of this size is 4.",
];

#[test]
fn errors_the_guide_lacks_match_nothing() {
    let mut wrong = Vec::new();
    for text in UNRELATED {
        let found = explain(text).unwrap();
        if !found.matches.is_empty() {
            wrong.push(format!("{text} -> {} {}", found.matches[0].azure_message, found.matches[0].score));
        }
        assert_eq!(found.errors.len(), 1, "{text}");
        assert!(!found.errors[0].matched);
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

#[test]
fn unmatched_errors_keep_their_code_and_message() {
    let found = explain(
        r#"{"error": {"code": "ResourceGroupNotFound", "message": "Resource group 'rg-images' could not be found."}}"#,
    )
    .unwrap();
    assert!(found.matches.is_empty());
    assert_eq!(
        found.errors,
        [PastedError {
            code: Some("ResourceGroupNotFound".into()),
            message: "Resource group 'rg-images' could not be found.".into(),
            target: None,
            matched: false
        }]
    );
}

#[test]
fn several_errors_in_one_paste_are_explained_one_by_one() {
    let text = r#"{"error": {"code": "DeploymentFailed", "message": "At least one resource deployment operation failed.", "details": [
        {"code": "InvalidParameter", "message": "Duplicate regions are not allowed in target publishing regions"},
        {"code": "InvalidParameter", "message": "The image version name is invalid. The image version name should follow Major(int).Minor(int).Patch(int) format, for e.g: 1.0.0, 2018.12.1 etc"},
        {"code": "ResourceGroupNotFound", "message": "Resource group 'rg' could not be found."}]}}"#;
    let found = explain(text).unwrap();
    let errors: Vec<(&str, bool)> = found.errors.iter().map(|e| (e.code.as_deref().unwrap_or(""), e.matched)).collect();
    assert_eq!(errors, [("InvalidParameter", true), ("InvalidParameter", true), ("ResourceGroupNotFound", false)]);
    let matches: Vec<(usize, &str)> = found.matches.iter().map(|m| (m.error, m.azure_message.as_ref())).collect();
    assert_eq!(matches, [(0, "V31"), (1, "V20")]);
}

#[test]
fn wording_punctuation_and_quotes_may_differ() {
    // Curly quotes, no final stop, "cannot" for "can not", extra words.
    assert_eq!(best("The provided resource name ‘contoso.’ has these invalid trailing characters: ‘.’ The name cannot end with characters: ‘.’").azure_message, "G2");
    assert_eq!(
        best("ERROR: duplicate regions are NOT allowed in the target publishing regions list").azure_message,
        "V31"
    );
    assert_eq!(best("Gallery name is invalid. Allowed characters are English alphanumeric characters, with underscores and periods allowed in the middle, up to 80 characters total. All other special characters, including dashes, are disallowed").azure_message, "G1");
}

#[test]
fn an_empty_paste_is_an_error() {
    assert_eq!(
        explain(" \n\t").unwrap_err().to_string(),
        "nothing to explain: paste the error message Azure, az, PowerShell or Terraform printed"
    );
}

#[test]
fn hostile_and_odd_input_never_panics() {
    for text in [
        "{",
        "}",
        "{{{{",
        "{\"error\": 1}",
        "[[[]]]",
        "<galleryName>",
        "(X) ",
        "Code:",
        "Message:",
        "with error: ",
        "Code=\"",
        "│",
        "é{\"message\": \"é\"}",
        "\u{0}",
    ] {
        let _ = explain(text);
    }
    let deep = "{\"message\":".repeat(200) + "\"x\"" + &"}".repeat(200);
    let _ = explain(&deep);
    let long = "The value ".repeat(100_000);
    let _ = explain(&long);
}

#[test]
fn with_a_plan_it_points_at_the_named_resource_and_what_the_rules_flag_now() {
    let mut plan = crate::sample::plan();
    // Drop the source region of the first version from its target regions: VER-06 flags it now.
    let v = &plan.galleries[0].images[0].versions[0];
    let version = v.name.clone();
    let gallery = plan.galleries[0].name.clone();
    let definition = plan.galleries[0].images[0].name.clone();
    let today = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
    let text = format!(
        "The gallery image /subscriptions/{SUB}/resourceGroups/rg/providers/Microsoft.Compute/galleries/{gallery}/images/{definition}/versions/{version} is not available in japaneast region. Please contact image owner to replicate to this region, or change your requested region."
    );
    let found = explain_with_plan(&text, &plan, today).unwrap();
    let m = &found.matches[0];
    assert_eq!(m.azure_message, "L2");
    assert_eq!(m.resources[0].at.to_string(), "galleries[0].images[0].versions[0]");
    assert_eq!(m.resources[0].label, format!("{gallery} › {definition} › {version}"));
    assert!(m.resources[0].named);

    // V1: the version's source region missing from its target regions is what VER-06 checks.
    let v = plan.galleries[0].definition_mut(0).unwrap().version_mut(0).unwrap();
    // The sample's first version is built in eastus (its source's facts say so).
    let source = crate::RegionName::new("eastus");
    v.publishing_profile.target_regions.retain(|t| t.name != source);
    let found = explain_with_plan(
        "Gallery image version publishing profile regions westeurope must contain the location of image version eastus.",
        &plan,
        today,
    )
    .unwrap();
    let m = &found.matches[0];
    assert_eq!(m.azure_message, "V1");
    let flagged: Vec<(String, bool, Vec<&str>)> = m
        .resources
        .iter()
        .map(|r| (r.at.to_string(), r.named, r.issues.iter().map(|i| i.code.as_ref()).collect()))
        .collect();
    assert_eq!(flagged, [("galleries[0].images[0].versions[0]".to_owned(), false, vec!["VER-06"])]);
}

#[test]
fn every_rule_named_by_the_guide_is_one_the_planner_reports() {
    // The codes validation and the deployment check can emit, read from their sources.
    let sources = [
        include_str!("../validate/gallery.rs"),
        include_str!("../validate/image.rs"),
        include_str!("../validate/version.rs"),
        include_str!("../validate/mod.rs"),
        include_str!("../validate/names.rs"),
        include_str!("../deploy.rs"),
        include_str!("../ops.rs"),
    ]
    .concat();
    for e in GUIDE {
        for rule in e.rules {
            assert!(sources.contains(&format!("\"{rule}\"")), "{}: {rule} is not a code the planner reports", e.id);
        }
    }
}

/// Errors as people pasted them in public issues, with what the guide says of them (`None`: no entry).
/// The texts are quoted as posted (user names and ids as they were); only the parts shown are pasted.
const REAL: &[(&str, &str, Option<&str>)] = &[
    (
        // hashicorp/terraform-provider-azurerm#3543 (comment of 2020-08-06), Terraform 0.12, azurerm 2.x: the
        // message is wrapped over two lines.
        "https://github.com/hashicorp/terraform-provider-azurerm/issues/3543",
        "Error: Error creating Shared Image Version \"1.0.0\" (Image \"Ubuntu\" / Gallery \"global_image_gallery\" / Resource Group \"dcom-global\"): compute.GalleryImageVersionsClient#CreateOrUpdate: Failure sending request: StatusCode=400 -- Original Error: Code=\"InvalidParameter\" Message=\"Duplicate regions \nare not allowed in target publishing regions.\" Target=\"galleryImageVersion.properties.publ",
        Some("V31"),
    ),
    (
        // hashicorp/packer#9716: Packer's log of an older API path for the source of a version.
        "https://github.com/hashicorp/packer/issues/9716",
        " ERROR: -> PropertyChangeNotAllowed : Changing property 'galleryImageVersion.properties.publishingProfile.source.managedImage.id' is not allowed.\n==> azure-arm:\n==> azure-arm: compute.GalleryImageVersionsClient#CreateOrUpdate: Failure sending request: StatusCode=0 -- Original Error: autorest/azure: Service returned an error. Status=<nil> Code=\"PropertyCha                  ngeNotAllowed\" Message=\"Changing property 'galleryImageVersion.properties.publishingProfile.source.managedImage.id' is not allowed.\" Target=\"galleryImageVersion.properties.publishingProfile.source                  .managedImage.id\"\n==> azure-arm: Provisioning step had errors: Running the cleanup provisioner, if present...\n==> azure-arm:",
        Some("V4"),
    ),
    (
        // hashicorp/terraform-provider-azurerm#8124, a review comment quoting the service.
        "https://github.com/hashicorp/terraform-provider-azurerm/pull/8124",
        "Code=\"PropertyChangeNotAllowed\" Message=\"Changing property 'galleryImage.properties.purchasePlan.name' is not allowed.\" Target=\"galleryImage.properties.purchasePlan.name\"",
        Some("D1"),
    ),
    (
        // hashicorp/terraform-provider-azurerm#7707: the same words for a managed image, not a gallery resource.
        "https://github.com/hashicorp/terraform-provider-azurerm/issues/7707",
        "Azure Shared Image Gallery: Code=\"PropertyChangeNotAllowed\" Message=\"Changing property 'zoneResilient' is not allowed.\"",
        None,
    ),
    (
        // Azure/azure-cli#15539: a replication failure, which the guide has no entry for.
        "https://github.com/Azure/azure-cli/issues/15539",
        "ValidationError: Gallery replication jobs failed in one or more regions. The failing regions' details are as follows: '{region:northeurope, detail:Failed with internal server error.}'. If retry does not work, then please do an update by removing the failed regions and update again by adding them back.",
        None,
    ),
    (
        // Azure/azure-powershell#9911: a storage type change on update, which the guide has no entry for.
        "https://github.com/Azure/azure-powershell/issues/9911",
        "Global storage account type does not match the storage account type in the existing TargetRegion: 'West US 2'. Please specify 'Standard_ZRS' as the storage account type for this region.",
        None,
    ),
];

#[test]
fn real_pasted_errors_get_what_the_guide_says() {
    for (source, text, expected) in REAL {
        let found = explain(text).unwrap();
        let got = found.matches.first().map(|m| m.azure_message.as_ref());
        assert_eq!(
            got,
            *expected,
            "{source}: {:?}",
            found.matches.iter().map(|m| (m.azure_message.as_ref(), m.score)).collect::<Vec<_>>()
        );
    }
    let m = best(
        "Gallery image: ubuntu identified by (publisher:Contoso, offer:UbuntuServer, sku:22_04-lts) already exists. Choose a different publisher, offer, sku combination.",
    );
    assert_eq!(
        (m.azure_message.as_ref(), vals(&m)),
        (
            "D12",
            vec![("definition", "ubuntu"), ("offer", "UbuntuServer"), ("publisher", "Contoso"), ("sku", "22_04-lts")]
        )
    );
    let m = best(REAL[2].1);
    assert_eq!(vals(&m), [("property", "purchasePlan.name")]);
    assert_eq!(explain(REAL[0].1).unwrap().errors[0].code.as_deref(), Some("InvalidParameter"));
}

/// The threshold keeps a margin on both sides: every guide message in every wrapper scores well above it,
/// every negative (made up or real) well below.
#[test]
fn the_threshold_is_calibrated_with_a_margin() {
    let c = super::matcher::compiled();
    let top = |text: &str| -> f32 {
        let mut buf = Vec::new();
        let words = super::matcher::words(c, text);
        c.templates.iter().map(|t| super::matcher::align(t, text, &words, &mut buf).score).fold(0.0, f32::max)
    };
    let lowest_positive = GUIDE.iter().map(|e| top(&filled(e))).fold(f32::MAX, f32::min);
    let negatives = UNRELATED.iter().copied().chain(REAL.iter().filter(|r| r.2.is_none()).map(|r| r.1));
    let highest_negative = negatives.map(top).fold(0.0, f32::max);
    assert!(lowest_positive >= THRESHOLD + 0.15, "lowest guide message scores {lowest_positive}");
    assert!(highest_negative <= THRESHOLD - 0.1, "highest negative scores {highest_negative}");
}

#[test]
fn an_explanation_reads_back_from_its_json() {
    // The app gets explanations as JSON from the explain build and points them at its plan.
    let plan = crate::sample::plan();
    let text = format!("{}\n\n{}", REAL[2].1, "Resource group 'rg' could not be found.");
    let found = explain(&text).unwrap();
    let json = serde_json::to_string(&found).unwrap();
    let mut back: Explanation = serde_json::from_str(&json).unwrap();
    assert_eq!(back, found);
    point_at(&mut back, &plan, &crate::Report::default());
    assert_eq!(serde_json::to_string(&back).unwrap(), json, "nothing in the sample plan is named by this error");
}
