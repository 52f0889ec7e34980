//! Import detection, round trips, and the golden exports of the sample plan.

use serde_json::json;

use super::*;
use crate::sample;

fn round_trip_arm(plan: &Plan) -> Plan {
    let text = export(plan, ExportFormat::Arm, &ExportOptions::default());
    let imported = import(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    assert_eq!(imported.format, SourceFormat::ArmTemplate);
    imported.plan
}

#[test]
fn sample_round_trips_through_arm_and_plan_json() {
    let plan = sample::plan();
    // The ARM export writes Azure's effective defaults; importing it gives the plan with them.
    assert_eq!(round_trip_arm(&plan), with_azure_defaults(&plan));
    assert_eq!(round_trip_arm(&with_azure_defaults(&plan)), with_azure_defaults(&plan));
    let text = export(&plan, ExportFormat::Plan, &ExportOptions::default());
    let back = import(&text).unwrap();
    assert_eq!(back.format, SourceFormat::PlanJson);
    assert_eq!(back.plan, plan);
}

#[test]
fn import_plan_reads_what_import_reads_as_a_plan_and_leaves_the_other_formats() {
    let plan = sample::plan();
    let text = plan_json(&plan);
    assert_eq!(text, export(&plan, ExportFormat::Plan, &ExportOptions::default()));
    assert_eq!(import_plan(&text).map(Result::unwrap), Some(import(&text).unwrap()));
    let newer = r#"{"schemaVersion": 99, "galleries": []}"#;
    assert_eq!(import_plan(newer).map(|r| r.unwrap_err()), Some(import(newer).unwrap_err()));
    assert!(matches!(import_plan("{not json"), Some(Err(e)) if e.to_string().starts_with("not valid JSON")));
    let arm = export(&plan, ExportFormat::Arm, &ExportOptions::default());
    assert_eq!(import_plan(&arm), None);
    assert_eq!(import_plan(r#"{"name": "g", "type": "Microsoft.Compute/galleries", "properties": {}}"#), None);
    assert_eq!(import_plan("[]"), None);
}

#[test]
fn az_list_output_matches_the_equivalent_arm_template() {
    // `az sig image-version list` style: properties flattened, display-name regions, ids with parents.
    let az = json!([
        {
            "id": "/subscriptions/sub-1/resourceGroups/rg-1/providers/Microsoft.Compute/galleries/gal/images/img/versions/1.0.0",
            "name": "1.0.0", "location": "South Central US", "resourceGroup": "rg-1", "type": "Microsoft.Compute/galleries/images/versions",
            "publishingProfile": { "targetRegions": [ { "name": "South Central US", "regionalReplicaCount": 2 }, { "name": "West US 2", "regionalExcludeFromLatest": true } ], "replicaCount": 1 },
            "storageProfile": { "source": { "id": "/subscriptions/sub-1/resourceGroups/rg-1/providers/Microsoft.Compute/images/src" } },
            "provisioningState": "Succeeded"
        }
    ]);
    let defs = json!([{
        "id": "/subscriptions/sub-1/resourceGroups/rg-1/providers/Microsoft.Compute/galleries/gal/images/img",
        "name": "img", "location": "South Central US", "type": "Microsoft.Compute/galleries/images",
        "osType": "Linux", "osState": "Generalized", "identifier": { "publisher": "p", "offer": "o", "sku": "s" }
    }]);
    let galleries = json!([{ "id": "/subscriptions/sub-1/resourceGroups/rg-1/providers/Microsoft.Compute/galleries/gal", "name": "gal", "location": "South Central US", "type": "Microsoft.Compute/galleries" }]);
    let mut all = galleries.as_array().unwrap().clone();
    all.extend(defs.as_array().unwrap().clone());
    all.extend(az.as_array().unwrap().clone());
    let from_az = import(&serde_json::to_string(&all).unwrap()).unwrap();
    assert_eq!(from_az.format, SourceFormat::RestList);
    let arm = json!({
        "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
        "contentVersion": "1.0.0.0",
        "parameters": { "galleryName": { "type": "string", "defaultValue": "gal" }, "location": { "type": "string", "defaultValue": "southcentralus" } },
        "resources": [ {
            "type": "Microsoft.Compute/galleries", "apiVersion": "2025-03-03", "name": "[parameters('galleryName')]", "location": "[parameters('location')]", "properties": {},
            "resources": [ {
                "type": "images", "apiVersion": "2025-03-03", "name": "img", "location": "[parameters('location')]", "dependsOn": ["[parameters('galleryName')]"],
                "properties": { "osType": "Linux", "osState": "Generalized", "identifier": { "publisher": "p", "offer": "o", "sku": "s" } }
            } ]
        }, {
            "type": "Microsoft.Compute/galleries/images/versions", "apiVersion": "2025-03-03", "name": "[format('{0}/img/1.0.0', parameters('galleryName'))]", "location": "[parameters('location')]",
            "properties": {
                "publishingProfile": { "targetRegions": [ { "name": "southcentralus", "regionalReplicaCount": 2 }, { "name": "westus2", "excludeFromLatest": true } ], "replicaCount": 1 },
                "storageProfile": { "source": { "id": "/subscriptions/sub-1/resourceGroups/rg-1/providers/Microsoft.Compute/images/src" } }
            }
        } ]
    });
    let from_arm = import(&arm.to_string()).unwrap();
    let mut a = from_az.plan;
    let b = from_arm.plan;
    // az output also carries what only Azure knows (ids, provisioning state): drop it for the comparison.
    a.subscription_id = None;
    a.resource_group = None;
    a.galleries[0].definition_mut(0).unwrap().version_mut(0).unwrap().provisioning_state = None;
    assert!(a.galleries[0].images[0].versions[0].unknown.reported, "az output is Azure's report");
    a.galleries[0].definition_mut(0).unwrap().version_mut(0).unwrap().unknown.reported = false;
    assert_eq!(a, b);
    assert_eq!(
        b.galleries[0].images[0].versions[0].publishing_profile.target_regions[1].exclude_from_latest,
        Some(true)
    );
}

#[test]
fn single_rest_bodies() {
    let v = import(r#"{"id": "/subscriptions/s/resourceGroups/r/providers/Microsoft.Compute/galleries/g/images/d/versions/1.2.3", "name": "1.2.3", "location": "eastus", "properties": {"publishingProfile": {"targetRegions": [{"name": "eastus"}]}}}"#).unwrap();
    assert_eq!(v.format, SourceFormat::RestBody);
    assert_eq!(resource_names(&v.plan), ["g", "g/d", "g/d/1.2.3"]);
    assert_eq!(v.plan.resource_group.as_deref(), Some("r"));
    assert_eq!(
        v.notes,
        [
            "gallery g is not in the file: an existing gallery (not created, not checked)",
            "image definition g/d is not in the file: an existing definition (not created, not checked)",
        ]
    );
    let orphan = import(r#"{"name": "1.0.0", "location": "eastus", "properties": {"publishingProfile": {}}}"#).unwrap();
    assert_eq!(resource_names(&orphan.plan), ["gallery", "gallery/definition", "gallery/definition/1.0.0"]);
    assert!(orphan.notes[0].starts_with("item 0 does not name its gallery"));
}

#[test]
fn errors_name_the_problem_and_position() {
    assert_eq!(import("").unwrap_err().to_string(), "the file is empty");
    assert_eq!(
        import("{\"galleries\": [}").unwrap_err().to_string(),
        "not valid JSON: expected value at line 1 column 16"
    );
    assert_eq!(
        import(r#"{"schemaVersion": 9, "galleries": []}"#).unwrap_err().to_string(),
        "this plan was written by a newer version of the planner (schemaVersion 9); this version reads up to 2. Nothing was changed: update the planner, or keep the file"
    );
    assert_eq!(import(r#"{"galleries": [{"name": "g", "images": [{"versions": [{"publishingProfile": {"replicaCount": "two"}}]}]}]}"#).unwrap_err().to_string(), "the plan does not match the expected shape at galleries[0].images[0].versions[0].publishingProfile.replicaCount: invalid type: string \"two\", expected i64 at line 1 column 98");
    assert_eq!(import(r#"{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "resources": [{"type": "Microsoft.Storage/storageAccounts", "name": "x"}]}"#).unwrap_err().to_string(), "the template has no Microsoft.Compute/galleries, galleries/images or galleries/images/versions resources");
    assert!(
        import(&" ".repeat(MAX_IMPORT_BYTES + 1)).unwrap_err().to_string().starts_with("the file is 10485761 bytes")
    );
    assert_eq!(
        import("42").unwrap_err().to_string(),
        "expected a JSON object or array: a plan (galleries), an ARM template ($schema, resources), a REST API example file (parameters, responses), a REST resource body (name, type, properties), or a list of bodies (value, or `az ... list` output)"
    );
    // Nothing known is an error naming the formats tried, never a gallery named ''.
    for text in [r#"{"foo": 1}"#, r#"[{"foo": 1}]"#, r#"{"value": [{"bar": 2}]}"#] {
        assert!(
            import(text).unwrap_err().to_string().starts_with(
                "nothing in the file is a gallery, image definition or image version; tried a plan (galleries), an ARM template"
            ),
            "{text}"
        );
    }
}

#[test]
fn arm_unresolvable_expressions_are_unknown_not_text() {
    let t = json!({"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "contentVersion": "1.0.0.0",
        "parameters": {"galleryName": {"type": "string"}, "tags": {"type": "object", "defaultValue": {}}, "replicas": {"type": "int"}},
        "resources": [{"type": "Microsoft.Compute/galleries", "apiVersion": "2025-03-03", "name": "[parameters('galleryName')]", "location": "[resourceGroup().location]", "tags": "[parameters('tags')]", "properties": {}}]});
    let i = import(&t.to_string()).unwrap();
    let g = &i.plan.galleries[0];
    assert_eq!(g.location.as_str(), "[resourceGroup().location]");
    assert_eq!(g.unknown.get("location"), Some("resourceGroup().location"));
    assert_eq!(g.unknown.get("name"), Some("parameters('galleryName')"));
    assert_eq!(
        i.summary.line(),
        "1 gallery, 0 definitions, 0 versions; 2 values left as expressions: [parameters('galleryName')] location: [resourceGroup().location], [parameters('galleryName')] name: [parameters('galleryName')]"
    );
    // Validation says what it cannot check instead of validating the text.
    let report = crate::validate::validate(&i.plan, chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap());
    assert!(!report.has_errors(), "{report:?}");
    let messages: Vec<&str> = report.issues.iter().map(|x| x.message.as_str()).collect();
    assert!(
        messages.contains(
            &"cannot check location of gallery [parameters('galleryName')]: it depends on the resource group's location"
        ),
        "{messages:?}"
    );
    assert!(
        messages.contains(
            &"cannot check name of gallery [parameters('galleryName')]: it depends on the parameter galleryName"
        ),
        "{messages:?}"
    );
    // Exports write the expressions back, never as string literals.
    let arm = export(&i.plan, ExportFormat::Arm, &ExportOptions::default());
    assert!(arm.contains(r#""name": "[parameters('galleryName')]""#), "{arm}");
    assert!(arm.contains(r#""defaultValue": "[resourceGroup().location]""#), "{arm}");
    assert!(arm.contains(r#""galleryName": {"#), "the parameter is declared again: {arm}");
    let bicep = export(&i.plan, ExportFormat::Bicep, &ExportOptions::default());
    assert!(bicep.contains("param galleryName string"), "{bicep}");
    assert!(bicep.contains("  name: galleryName\n"), "{bicep}");
    assert!(bicep.contains("= resourceGroup().location"), "{bicep}");
    assert!(!bicep.contains("'[resourceGroup"), "{bicep}");
    let tf = export(&i.plan, ExportFormat::Terraform, &ExportOptions::default());
    assert!(tf.contains("name                = var.gallery_name"), "{tf}");
    assert!(tf.contains("variable \"gallery_name\""), "{tf}");
    let az = export(&i.plan, ExportFormat::Az, &ExportOptions::default());
    assert!(az.contains("--gallery-name \"$GALLERY_NAME\""), "{az}");
    // And the ARM export reads back as the same unknowns.
    let back = import(&arm).unwrap();
    assert_eq!(back.plan.galleries[0].unknown, g.unknown);
}

#[test]
fn unknown_names_are_never_split_into_invented_resources() {
    // The quickstart sig-image-version-create: the version's name joins three parameters without defaults.
    let t = json!({"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "contentVersion": "1.0.0.0",
        "parameters": {"existingGalleryName": {"type": "string"}, "existingImageDefinitionName": {"type": "string"}, "imageVersionName": {"type": "string", "defaultValue": "1.0.0"},
            "existingManagedImageID": {"type": "string"}, "location": {"type": "string", "defaultValue": "[resourceGroup().location]"}},
        "resources": [{"type": "Microsoft.Compute/galleries/images/versions", "apiVersion": "2019-12-01",
            "name": "[concat(parameters('existingGalleryName'), '/', parameters('existingImageDefinitionName'), '/', parameters('imageVersionName'))]",
            "location": "[parameters('location')]",
            "properties": {"publishingProfile": {"replicaCount": "1", "targetRegions": [{"name": "[parameters('location')]", "regionalReplicaCount": "1"}]},
                "storageProfile": {"source": {"id": "[parameters('existingManagedImageID')]"}}}}]});
    let i = import(&t.to_string()).unwrap();
    assert_eq!(
        resource_names(&i.plan),
        [
            "[parameters('existingGalleryName')]",
            "[parameters('existingGalleryName')]/[parameters('existingImageDefinitionName')]",
            "[parameters('existingGalleryName')]/[parameters('existingImageDefinitionName')]/1.0.0"
        ]
    );
    let g = &i.plan.galleries[0];
    assert_eq!(g.unknown.reference, Some(crate::model::Reference::Existing));
    assert_eq!(g.images[0].unknown.reference, Some(crate::model::Reference::Existing));
    let v = &g.images[0].versions[0];
    assert_eq!(v.publishing_profile.replica_count, Some(1), "\"1\" is an integer where the schema says so");
    assert_eq!(i.summary.existing, 2);
    let report = crate::validate::validate(&i.plan, chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap());
    assert!(!report.has_errors(), "{:#?}", report.issues);
    // The exports create only the version, in the existing gallery and definition.
    let arm = export(&i.plan, ExportFormat::Arm, &ExportOptions::default());
    let template: serde_json::Value = serde_json::from_str(&arm).unwrap();
    let resources = template["resources"].as_array().unwrap();
    assert_eq!(resources.len(), 1, "{arm}");
    assert_eq!(
        resources[0]["name"],
        "[format('{0}/{1}/{2}', parameters('existingGalleryName'), parameters('existingImageDefinitionName'), '1.0.0')]"
    );
    assert_eq!(resources[0]["properties"]["storageProfile"]["source"]["id"], "[parameters('existingManagedImageID')]");
    assert!(resources[0].get("dependsOn").is_none());
    let bicep = export(&i.plan, ExportFormat::Bicep, &ExportOptions::default());
    assert!(bicep.contains("existing = {"), "{bicep}");
    assert!(bicep.contains("id: existingManagedImageID"), "{bicep}");
    assert_eq!(bicep.matches("existing = {").count(), 2, "{bicep}");
    let tf = export(&i.plan, ExportFormat::Terraform, &ExportOptions::default());
    assert!(tf.contains("data \"azurerm_shared_image_gallery\""), "{tf}");
    assert!(!tf.contains("resource \"azurerm_shared_image_gallery\""), "{tf}");
}

#[test]
fn parameters_files_copy_loops_and_nested_deployments() {
    let t = json!({"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "contentVersion": "1.0.0.0",
    "parameters": {"name": {"type": "string"}, "regions": {"type": "array", "defaultValue": ["eastus", "westus2"]}},
    "resources": [{"type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01", "name": "inner",
        "properties": {"mode": "Incremental", "expressionEvaluationOptions": {"scope": "inner"},
            "parameters": {"galleryName": {"value": "[parameters('name')]"}, "regions": {"value": "[parameters('regions')]"}},
            "template": {"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "contentVersion": "1.0.0.0", "languageVersion": "2.0",
                "parameters": {"galleryName": {"type": "string"}, "regions": {"type": "array"}},
                "resources": {
                    "gallery": {"type": "Microsoft.Compute/galleries", "apiVersion": "2025-03-03", "name": "[parameters('galleryName')]", "location": "eastus", "properties": {}},
                    "image": {"type": "Microsoft.Compute/galleries/images", "apiVersion": "2025-03-03", "name": "[format('{0}/{1}', parameters('galleryName'), 'img')]", "location": "eastus",
                        "properties": {"osType": "Linux", "osState": "Generalized", "identifier": {"publisher": "p", "offer": "o", "sku": "s"}}},
                    "versions": {"copy": {"name": "v", "count": 2}, "type": "Microsoft.Compute/galleries/images/versions", "apiVersion": "2025-03-03",
                        "name": "[format('{0}/img/1.0.{1}', parameters('galleryName'), copyIndex())]", "location": "eastus",
                        "properties": {"publishingProfile": {"copy": [{"name": "targetRegions", "count": "[length(parameters('regions'))]", "input": {"name": "[parameters('regions')[copyIndex('targetRegions')]]"}}]},
                            "storageProfile": {"source": {"id": "/subscriptions/s/resourceGroups/r/providers/Microsoft.Compute/images/i"}}}}
                }}}}]});
    let without = import(&t.to_string()).unwrap();
    assert_eq!(without.plan.galleries[0].name, "[parameters('name')]");
    let with = import_with(
        &t.to_string(),
        &ImportOptions { parameters: Some(r#"{"parameters": {"name": {"value": "gal"}}}"#.into()), name: None },
    )
    .unwrap();
    assert_eq!(resource_names(&with.plan), ["gal", "gal/img", "gal/img/1.0.0", "gal/img/1.0.1"]);
    let v = &with.plan.galleries[0].images[0].versions[1];
    let regions: Vec<&str> = v.publishing_profile.target_regions.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(regions, ["eastus", "westus2"]);
    assert!(with.summary.expressions.is_empty(), "{:?}", with.summary);
}

#[test]
fn rest_example_files_and_bare_bodies() {
    let example = json!({"parameters": {"subscriptionId": "{subscription-id}", "resourceGroupName": "myResourceGroup", "galleryName": "myGalleryName", "galleryImageName": "myGalleryImageName", "api-version": "2025-03-03",
        "galleryImage": {"location": "West US", "properties": {"osType": "Windows", "osState": "Generalized", "hyperVGeneration": "V1", "identifier": {"publisher": "myPublisherName", "offer": "myOfferName", "sku": "mySkuName"}}}},
        "responses": {"200": {"body": {"name": "myGalleryImageName", "location": "West US", "properties": {"osType": "Windows", "osState": "Generalized", "hyperVGeneration": "V1", "identifier": {"publisher": "myPublisherName", "offer": "myOfferName", "sku": "mySkuName"}, "provisioningState": "Updating"}}}}});
    let i = import(&example.to_string()).unwrap();
    assert_eq!(i.format, SourceFormat::RestExample);
    assert_eq!(resource_names(&i.plan), ["myGalleryName", "myGalleryName/myGalleryImageName"]);
    assert_eq!(i.plan.resource_group.as_deref(), Some("myResourceGroup"));
    assert_eq!(i.plan.galleries[0].images[0].provisioning_state.as_deref(), Some("Updating"), "kept for display");
    let report = crate::validate::validate(&i.plan, chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap());
    assert!(!report.has_errors(), "{:#?}", report.issues);
    // A bare body: placeholder parents, marked, and no error about their fields.
    let bare = r#"{"location": "West US", "properties": {"publishingProfile": {"targetRegions": [{"name": "West US"}]}, "storageProfile": {"source": {"id": "/subscriptions/s/resourceGroups/r/providers/Microsoft.Compute/images/i"}}}}"#;
    let i = import(bare).unwrap();
    assert_eq!(i.plan.galleries[0].unknown.reference, Some(crate::model::Reference::Placeholder));
    assert_eq!(i.summary.placeholders, 3);
    let report = crate::validate::validate(&i.plan, chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap());
    assert!(!report.has_errors(), "{:#?}", report.issues);
    let named = import_with(bare, &ImportOptions { parameters: None, name: Some("gal/img/1.2.3".into()) }).unwrap();
    assert_eq!(resource_names(&named.plan), ["gal", "gal/img", "gal/img/1.2.3"]);
    assert_eq!(named.summary.placeholders, 0);
}

#[test]
fn read_only_properties_are_kept_but_never_exported() {
    let az = json!([{
        "id": "/subscriptions/s/resourceGroups/r/providers/Microsoft.Compute/galleries/g/images/d/versions/1.0.0", "name": "1.0.0", "location": "eastus", "type": "Microsoft.Compute/galleries/images/versions",
        "provisioningState": "Succeeded", "replicationStatus": {"aggregatedState": "Completed", "summary": []},
        "publishingProfile": {"publishedDate": "2024-01-01T00:00:00Z", "targetRegions": [{"name": "East US"}]},
        "storageProfile": {"source": {"id": "/subscriptions/s/resourceGroups/r/providers/Microsoft.Compute/images/i", "resourceGroup": "r"}, "osDiskImage": {"sizeInGb": 30, "hostCaching": "ReadWrite"}},
        "safetyProfile": {"reportedForPolicyViolation": false, "allowDeletionOfReplicatedLocations": false}
    }]);
    let i = import(&az.to_string()).unwrap();
    let v = &i.plan.galleries[0].images[0].versions[0];
    assert_eq!(v.provisioning_state.as_deref(), Some("Succeeded"));
    let arm: serde_json::Value =
        serde_json::from_str(&export(&i.plan, ExportFormat::Arm, &ExportOptions::default())).unwrap();
    let written = arm["resources"].to_string();
    let bicep = export(&i.plan, ExportFormat::Bicep, &ExportOptions::default());
    for ro in [
        "provisioningState",
        "replicationStatus",
        "publishedDate",
        "resourceGroup\"",
        "resourceGroup:",
        "sizeInGb",
        "reportedForPolicyViolation",
    ] {
        assert!(!written.contains(ro), "ARM writes {ro}:\n{written}");
        assert!(!bicep.contains(ro), "Bicep writes {ro}:\n{bicep}");
    }
}

#[test]
fn hostile_strings_are_quoted_in_every_format() {
    let mut plan = sample::plan();
    plan.galleries[0].description = Some("it's \"quoted\" $(rm -rf /) ${x} %{y} [z] `w`\nnext".to_owned());
    let az = export(&plan, ExportFormat::Az, &ExportOptions::default());
    assert!(az.contains("--description 'it'\\''s \"quoted\" $(rm -rf /) ${x} %{y} [z] `w`\nnext'"), "{az}");
    let tf = export(&plan, ExportFormat::Terraform, &ExportOptions::default());
    assert!(tf.contains(r#"description         = "it's \"quoted\" $(rm -rf /) $${x} %%{y} [z] `w`\nnext""#), "{tf}");
    let bicep = export(&plan, ExportFormat::Bicep, &ExportOptions::default());
    assert!(bicep.contains(r#"description: 'it\'s "quoted" \$(rm -rf /) \${x} %{y} [z] `w`\nnext'"#), "{bicep}");
    assert_eq!(round_trip_arm(&plan), with_azure_defaults(&plan), "a leading [ is escaped as [[ in ARM");
}

/// Golden files: what a person would write, read and checked by hand. Set `ACG_UPDATE_GOLDEN=1` to rewrite.
#[test]
fn golden_exports_of_the_sample_plan() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/exports");
    let plan = sample::plan();
    for format in [ExportFormat::Arm, ExportFormat::Bicep, ExportFormat::Az, ExportFormat::Terraform, ExportFormat::Csv]
    {
        let path = format!("{dir}/sample.{}", format.extension());
        let text = export(&plan, format, &ExportOptions::default());
        if std::env::var_os("ACG_UPDATE_GOLDEN").is_some() {
            std::fs::create_dir_all(dir).unwrap();
            std::fs::write(&path, &text).unwrap();
        }
        let golden = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        assert_eq!(text, golden, "{path} differs; review the change and rerun with ACG_UPDATE_GOLDEN=1");
    }
}

mod props {
    use proptest::prelude::*;

    use super::*;
    use crate::generate::{Shape, plan_with_shape};

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn arm_plan_json_share_and_saved_round_trips_keep_the_plan(seed in any::<u64>(), galleries in 1usize..3, defs in 1usize..4, versions in 1usize..5, description in ".{0,20}") {
            let mut plan = plan_with_shape(Shape { galleries, definitions: defs, versions_per_definition: versions, regions: 8 }, seed);
            plan.galleries[0].description = Some(description.clone());
            prop_assert_eq!(&round_trip_arm(&plan), &with_azure_defaults(&plan));
            let json = export(&plan, ExportFormat::Plan, &ExportOptions::default());
            prop_assert_eq!(&import(&json).unwrap().plan, &plan);
            prop_assert_eq!(&crate::share::decode(&crate::share::encode(&plan)).unwrap(), &plan);
            let mut workspace = crate::saved::Workspace::new(plan.clone());
            workspace.add(&description, plan.clone());
            prop_assert_eq!(&crate::saved::decode(&crate::saved::encode(&workspace)).unwrap(), &workspace);
        }
    }
}

#[test]
fn deep_nesting_is_refused_with_a_clear_message() {
    assert_eq!(
        import(&"[".repeat(200)).unwrap_err().to_string(),
        "the file nests deeper than 127 levels (at line 1, column 128); plans, REST bodies and ARM templates never do. Nothing was imported"
    );
}

/// Issue 16: each defect the real tools found, as the exact lines that fix it.
mod tools_accept {
    use super::*;

    fn lines(plan: &Plan, format: ExportFormat) -> Vec<String> {
        export(plan, format, &ExportOptions::default()).lines().map(str::to_owned).collect()
    }

    fn has(lines: &[String], line: &str) {
        assert!(lines.iter().any(|l| l == line), "no line {line:?} in\n{}", lines.join("\n"));
    }

    fn plan(json: &str) -> Plan {
        import(json).unwrap().plan
    }

    const SHARED: &str = r#"{"name": "p", "subscriptionId": "s-1", "resourceGroup": "rg", "galleries": [{"name": "g", "location": "West US 2",
        "sharingProfile": {"permissions": "Groups", "groups": [{"type": "Subscriptions", "ids": ["a", "b"]}, {"type": "AADTenants", "ids": ["t"]}]},
        "images": [{"name": "d", "osType": "Linux", "osState": "Generalized", "endOfLifeDate": "2030-01-31",
            "identifier": {"publisher": "p", "offer": "o", "sku": "s"},
            "features": [{"name": "DiskControllerTypes", "value": "SCSI, NVMe"}],
            "versions": [{"name": "1.0.0", "publishingProfile": {"targetRegions": [{"name": "West US 2"}, {"name": "East US", "excludeFromLatest": true}], "endOfLifeDate": "2031-06-30"},
                "storageProfile": {"source": {"id": "/subscriptions/s-1/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm"}}}]}]}]}"#;

    #[test]
    fn arm_depends_on_is_an_expression_and_locations_are_parameters() {
        let arm = lines(&sample::plan(), ExportFormat::Arm);
        has(&arm, r#"        "[resourceId('Microsoft.Compute/galleries', 'contoso_prod')]""#);
        has(
            &arm,
            r#"        "[resourceId('Microsoft.Compute/galleries/images', 'contoso_prod', 'ubuntu-22.04-lts')]""#,
        );
        assert!(!arm.iter().any(|l| l.contains("[[resourceId")));
        has(&arm, r#"      "location": "[parameters('location_contoso_prod')]","#);
        has(&arm, r#"    "location_contoso_prod": {"#);
        has(&arm, r#"      "defaultValue": "eastus","#);
        let bicep = lines(&sample::plan(), ExportFormat::Bicep);
        has(&bicep, "param location_contoso_prod string = 'eastus'");
        has(&bicep, "  location: location_contoso_prod");
    }

    #[test]
    fn dates_are_rfc3339_in_every_format() {
        let p = plan(SHARED);
        has(&lines(&p, ExportFormat::Arm), r#"        "endOfLifeDate": "2030-01-31T00:00:00Z","#);
        has(&lines(&p, ExportFormat::Bicep), "      endOfLifeDate: '2031-06-30T00:00:00Z'");
        let az = lines(&p, ExportFormat::Az);
        assert!(az.iter().any(|l| l.starts_with("  --end-of-life-date '2030-01-31T00:00:00Z'")), "{az:?}");
        assert!(az.iter().any(|l| l.starts_with("  --end-of-life-date '2031-06-30T00:00:00Z'")), "{az:?}");
        has(&lines(&p, ExportFormat::Terraform), r#"  end_of_life_date    = "2031-06-30T00:00:00Z""#);
        assert_eq!(rfc3339_date("2030-01-31T12:00:00+02:00"), "2030-01-31T12:00:00+02:00");
        assert_eq!(rfc3339_date("31/01/2030"), "31/01/2030", "kept as written: validation reports it");
    }

    #[test]
    fn sharing_groups_are_an_action_not_a_property() {
        let p = plan(SHARED);
        let arm = export_with_notes(&p, ExportFormat::Arm, &ExportOptions::default());
        assert!(!arm.text.contains("\"groups\""), "{}", arm.text);
        assert!(arm.text.contains("\"permissions\": \"Groups\""));
        assert_eq!(
            arm.notes,
            [
                "gallery g: sharingProfile.groups is read-only in the API (sharing with subscriptions and tenants is an action): run `az sig share add` after the deployment (the az export does)"
            ]
        );
        let az = lines(&p, ExportFormat::Az);
        has(&az, r#"az sig share add --subscription "$SUBSCRIPTION" --resource-group "$RESOURCE_GROUP" \"#);
        has(&az, "  --subscription-ids 'a' 'b' \\");
        has(&az, "  --tenant-ids 't'");
    }

    #[test]
    fn az_arguments_are_words_az_accepts() {
        let az = lines(&sample::plan(), ExportFormat::Az);
        has(&az, "set -euo pipefail");
        has(&az, r#"SUBSCRIPTION="${SUBSCRIPTION:-8f2c3e4a-1b5d-4c6e-9f70-2a1b3c4d5e6f}""#);
        has(&az, r#"RESOURCE_GROUP="${RESOURCE_GROUP:-rg-image-factory}""#);
        has(&az, "  --target-regions 'eastus=3=Standard_ZRS' 'westeurope=3=Standard_ZRS' \\");
        // az reads --features as one word and splits it on spaces.
        has(&az, "  --features 'SecurityType=TrustedLaunchSupported IsAcceleratedNetworkSupported=True' \\");
        has(
            &az,
            "  --virtual-machine '/subscriptions/8f2c3e4a-1b5d-4c6e-9f70-2a1b3c4d5e6f/resourceGroups/rg-image-factory/providers/Microsoft.Compute/virtualMachines/build-vm-ubuntu' \\",
        );
        has(&az, "  --set 'publishingProfile.targetRegions[2].excludeFromLatest=true'");
        assert_eq!(
            az.iter().filter(|l| *l == "  --location 'eastus' \\").count(),
            7,
            "gallery, 2 definitions, 4 versions"
        );
        let p = plan(SHARED);
        let az = export_with_notes(&p, ExportFormat::Az, &ExportOptions::default());
        assert!(
            az.text.contains("  --target-regions 'westus2=1=Standard_ZRS' 'eastus=1=Standard_ZRS' \\\n"),
            "{}",
            az.text
        );
        assert!(az.notes.iter().any(|n| n.starts_with(
            "image definition g/d: features: the feature DiskControllerTypes=SCSI, NVMe cannot be passed to az"
        )));
        assert!(
            az.text.contains("# - image definition g/d: features: the feature DiskControllerTypes"),
            "notes at the top"
        );
    }

    #[test]
    fn terraform_plans_alone_and_is_fmt_aligned() {
        let tf = lines(&sample::plan(), ExportFormat::Terraform);
        for line in [
            "terraform {",
            "  required_providers {",
            "    azurerm = {",
            r#"      source  = "hashicorp/azurerm""#,
            r#"provider "azurerm" {"#,
            "  features {}",
            "  subscription_id = var.subscription_id",
            r#"  name                = "contoso_prod""#,
            "  resource_group_name = var.resource_group_name",
            r#"  end_of_life_date                         = "2027-06-30T00:00:00Z""#,
            // azurerm takes a VM id in managed_image_id.
            r#"  managed_image_id    = "/subscriptions/8f2c3e4a-1b5d-4c6e-9f70-2a1b3c4d5e6f/resourceGroups/rg-image-factory/providers/Microsoft.Compute/virtualMachines/build-vm-ubuntu""#,
            r#"resource "azapi_resource" "version_contoso_prod_windows_2022_datacenter_2024_11_1" {"#,
            r#"    "env"   = "prod""#,
        ] {
            has(&tf, line);
        }
        assert_eq!(
            super::super::terraform::align("a {\n  x = 1\n  long_name = 2\n\n  y = 3\n}\n"),
            "a {\n  x         = 1\n  long_name = 2\n\n  y = 3\n}\n"
        );
    }

    #[test]
    fn one_plan_one_set_of_resources() {
        // No Hyper-V generation, no security type, no storage type: Azure's 2025-03-03 defaults, written.
        let p = plan(
            r#"{"galleries": [{"name": "g", "location": "eastus", "images": [{"name": "d", "osType": "Linux", "osState": "Generalized",
            "identifier": {"publisher": "p", "offer": "o", "sku": "s"}, "versions": [{"name": "1.0.0", "publishingProfile": {"targetRegions": [{"name": "eastus"}, {"name": "westeurope", "regionalReplicaCount": 2}]},
            "storageProfile": {"source": {"id": "/subscriptions/s/resourceGroups/r/providers/Microsoft.Compute/images/i"}}}]}]}]}"#,
        );
        let arm = lines(&p, ExportFormat::Arm);
        has(&arm, r#"        "hyperVGeneration": "V2","#);
        has(&arm, r#"            "value": "TrustedLaunchSupported""#);
        has(&arm, r#"              "storageAccountType": "Standard_ZRS""#);
        let az = lines(&p, ExportFormat::Az);
        has(&az, "  --hyper-v-generation 'V2' \\");
        has(&az, "  --features 'SecurityType=TrustedLaunchSupported'");
        has(&az, "  --target-regions 'eastus=1=Standard_ZRS' 'westeurope=2=Standard_ZRS'");
        let tf = lines(&p, ExportFormat::Terraform);
        has(&tf, r#"  hyper_v_generation       = "V2""#);
        has(&tf, "  trusted_launch_supported = true");
        has(&tf, r#"    storage_account_type   = "Standard_ZRS""#);
        // Before 2025-03-03: V1, no security type, LRS; az must be kept from adding its own default.
        let mut old = p.clone();
        old.api_version = crate::model::ApiVersion::V2024_03_03;
        old.galleries[0].definition_mut(0).unwrap().hyper_v_generation = Some(crate::model::HyperVGeneration::V2);
        let az = lines(&old, ExportFormat::Az);
        has(&az, "  --features 'SecurityType=Standard'");
        has(&az, "  --target-regions 'eastus=1=Standard_LRS' 'westeurope=2=Standard_LRS'");
        let defaults = with_azure_defaults(&old);
        assert!(defaults.galleries[0].images[0].features.is_empty());
    }

    #[test]
    fn file_names_come_from_the_plan_name() {
        assert_eq!(
            ExportFormat::Bicep.file_name("Contoso image factory (sample)"),
            "contoso-image-factory-sample.bicep"
        );
        assert_eq!(ExportFormat::Az.file_name(""), "plan.sh");
        assert_eq!(ExportFormat::Plan.file_name("../../etc"), "etc.plan.json");
    }
}

#[test]
fn defaults_that_follow_from_an_unknown_value_are_not_guessed() {
    let t = json!({"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "contentVersion": "1.0.0.0",
        "parameters": {"n": {"type": "int"}, "t": {"type": "object"}},
        "resources": [{"type": "Microsoft.Compute/galleries/images/versions", "apiVersion": "2025-03-03", "name": "g/d/1.0.0", "location": "eastus", "tags": "[parameters('t')]",
            "properties": {"publishingProfile": {"replicaCount": "[parameters('n')]", "targetRegions": [{"name": "eastus"}]},
                "storageProfile": {"source": {"id": "/subscriptions/s/resourceGroups/r/providers/Microsoft.Compute/images/i"}}}}]});
    let i = import(&t.to_string()).unwrap();
    let v = &i.plan.galleries[0].images[0].versions[0];
    assert_eq!(v.publishing_profile.replica_count, None, "not a number: left out of the model");
    assert_eq!(v.unknown.get("publishingProfile.replicaCount"), Some("parameters('n')"));
    let arm: serde_json::Value =
        serde_json::from_str(&export(&i.plan, ExportFormat::Arm, &ExportOptions::default())).unwrap();
    let pp = &arm["resources"][0]["properties"]["publishingProfile"];
    assert_eq!(pp["replicaCount"], "[parameters('n')]");
    assert!(pp["targetRegions"][0].get("regionalReplicaCount").is_none(), "{pp}");
    assert_eq!(arm["resources"][0]["tags"], "[parameters('t')]");
    assert_eq!(arm["parameters"]["n"]["type"], "int");
    let tf = export_with_notes(&i.plan, ExportFormat::Terraform, &ExportOptions::default());
    assert!(
        tf.notes.iter().any(|n| n.starts_with("image version g/d/1.0.0: tags is the template's [parameters('t')]")),
        "{:?}",
        tf.notes
    );
    assert!(tf.text.contains("regional_replica_count = var.n\n"), "{}", tf.text);
    assert!(tf.text.contains("variable \"n\" {"), "{}", tf.text);
}

#[test]
fn a_value_set_after_the_import_is_exported_as_set() {
    let t = json!({"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "contentVersion": "1.0.0.0",
        "parameters": {"n": {"type": "int"}, "d": {"type": "string"}},
        "resources": [{"type": "Microsoft.Compute/galleries", "apiVersion": "2025-03-03", "name": "g", "location": "[resourceGroup().location]", "properties": {"description": "[parameters('d')]"}},
            {"type": "Microsoft.Compute/galleries/images/versions", "apiVersion": "2025-03-03", "name": "g/d/1.0.0", "location": "eastus",
            "properties": {"publishingProfile": {"replicaCount": "[parameters('n')]", "targetRegions": [{"name": "eastus"}]},
                "storageProfile": {"source": {"id": "/subscriptions/s/resourceGroups/r/providers/Microsoft.Compute/images/i"}}}}]});
    let mut plan = import(&t.to_string()).unwrap().plan;
    // The user sets the location, the description and the replica count in the app.
    plan.galleries[0].location = "westus2".into();
    plan.galleries[0].description = Some("mine".into());
    plan.galleries[0].definition_mut(0).unwrap().version_mut(0).unwrap().publishing_profile.replica_count = Some(3);
    let arm: serde_json::Value =
        serde_json::from_str(&export(&plan, ExportFormat::Arm, &ExportOptions::default())).unwrap();
    assert_eq!(arm["parameters"]["location_g"]["defaultValue"], "westus2", "{arm:#}");
    assert_eq!(arm["resources"][0]["properties"]["description"], "mine");
    assert_eq!(arm["resources"][1]["properties"]["publishingProfile"]["replicaCount"], 3);
    // And what the user did not set stays an expression.
    let untouched = import(&t.to_string()).unwrap().plan;
    let arm: serde_json::Value =
        serde_json::from_str(&export(&untouched, ExportFormat::Arm, &ExportOptions::default())).unwrap();
    assert_eq!(arm["resources"][0]["properties"]["description"], "[parameters('d')]");
    assert_eq!(arm["resources"][1]["properties"]["publishingProfile"]["replicaCount"], "[parameters('n')]");
}

#[test]
fn a_value_set_after_the_import_is_checked() {
    let t = json!({"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "contentVersion": "1.0.0.0",
        "parameters": {"g": {"type": "string"}},
        "resources": [{"type": "Microsoft.Compute/galleries", "apiVersion": "2025-03-03", "name": "[parameters('g')]", "location": "eastus", "properties": {}}]});
    let mut plan = import(&t.to_string()).unwrap().plan;
    let today = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
    assert!(!crate::validate::validate(&plan, today).has_errors());
    plan.galleries[0].name = "my-gallery".into();
    let report = crate::validate::validate(&plan, today);
    assert_eq!(report.issues[0].code, "GAL-02", "{:?}", report.issues);
}

#[test]
fn a_plan_json_is_parsed_once_into_what_the_general_path_reads() {
    use super::import::{import_general, plan_json_at_once};
    let generated = crate::generate::plan(crate::generate::PlanSize::M, 7);
    let mut older = serde_json::to_value(sample::plan()).unwrap();
    older["schemaVersion"] = json!(1);
    for text in [
        serde_json::to_string(&sample::plan()).unwrap(),
        serde_json::to_string_pretty(&generated).unwrap(),
        older.to_string(),
        r#"{"galleries": [], "name": "bare", "somethingElse": {"kept": [1, 2.5, null]}}"#.to_owned(),
        r#"{"schemaVersion": 2}"#.to_owned(),
    ] {
        let once = plan_json_at_once(&text).expect("a Plan JSON is read at once");
        assert_eq!(Ok(once.clone()), import_general(&text, &ImportOptions::default()));
        assert_eq!(import(&text), Ok(once));
    }
    // What is not a Plan JSON, or not one this version reads, goes the general way (which says why).
    for text in [
        r#"{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "galleries": [], "resources": []}"#,
        r#"{"resources": [], "contentVersion": "1.0.0.0", "galleries": []}"#,
        r#"{"schemaVersion": 99, "galleries": []}"#,
        r#"{"galleries": "none"}"#,
        r#"{"name": "gal", "type": "Microsoft.Compute/galleries", "properties": {}}"#,
        "[]",
        "{",
    ] {
        assert!(plan_json_at_once(text).is_none(), "{text}");
    }
    assert!(import(r#"{"schemaVersion": 99, "galleries": []}"#).unwrap_err().to_string().contains("newer version"));
}
