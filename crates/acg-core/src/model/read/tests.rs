//! The reader's behaviours: unknown keys kept in order, keys given twice, errors at the value.

use crate::model::json_path::path_at;
use crate::model::{ImageVersion, Plan};

/// The browser builds' error: the message and the path `model::json_path` names from its position.
fn error(text: &str) -> (String, Option<String>) {
    let e = serde_json::from_str::<Plan>(text).unwrap_err();
    (e.to_string(), path_at(text, e.line(), e.column()))
}

fn in_version(version: &str) -> String {
    format!(r#"{{"galleries":[{{"name":"g","images":[{{"name":"d","versions":[{{"name":"1.0.0"}},{version}]}}]}}]}}"#)
}

#[test]
fn unknown_keys_keep_their_order_and_known_ones_their_kind() {
    let text = r#"{"name":"1.0.0","zeta":1,"publishingProfile":{"replicaCount":null,"targetRegions":[{"name":"West US","regionalExcludeFromLatest":true,"x":[1.1]}],"excludeFromLatest":false},"alpha":{"b":0.30000000000000004},"tags":{"k":"v"},"occupiedGb":{"osDisk":3,"dataDisks":[{"lun":1,"gb":2.5}]}}"#;
    let v: ImageVersion = serde_json::from_str(text).unwrap();
    assert_eq!(v.extra.keys().collect::<Vec<_>>(), ["zeta", "alpha"]);
    assert_eq!(v.extra["alpha"]["b"].as_f64(), Some(0.300_000_000_000_000_04));
    assert_eq!(v.publishing_profile.replica_count, None);
    assert_eq!(v.publishing_profile.exclude_from_latest, Some(false));
    let region = &v.publishing_profile.target_regions[0];
    assert_eq!((region.name.as_str(), region.exclude_from_latest), ("West US", Some(true)));
    assert_eq!(region.extra["x"], serde_json::json!([1.1]));
    assert_eq!(v.tags.get("k").map(String::as_str), Some("v"));
    let size = v.occupied_gb.unwrap();
    assert_eq!((size.os_disk, size.data_disks[0].lun, size.data_disks[0].gb), (3.0, 1, 2.5));
}

#[test]
fn a_key_given_twice_is_an_error_also_through_its_alias() {
    let (message, _) = error(r#"{"name":"a","name":"b"}"#);
    assert!(message.starts_with("duplicate field `name`"), "{message}");
    let (message, path) = error(&in_version(
        r#"{"name":"2","publishingProfile":{"targetRegions":[{"name":"x","excludeFromLatest":true,"regionalExcludeFromLatest":false}]}}"#,
    ));
    assert!(message.starts_with("duplicate field `excludeFromLatest`"), "{message}");
    assert_eq!(
        path.as_deref(),
        Some("galleries[0].images[0].versions[1].publishingProfile.targetRegions[0].regionalExcludeFromLatest")
    );
}

#[test]
fn errors_name_the_value_of_each_kind() {
    let cases = [
        (
            r#"{"name":"2","publishingProfile":{"replicaCount":"x"}}"#,
            "publishingProfile.replicaCount",
            "invalid type: string \"x\", expected i64",
        ),
        (r#"{"name":7}"#, "name", "invalid type: integer `7`, expected a string"),
        (r#"{"name":"2","location":false}"#, "location", "invalid type: boolean `false`, expected a string"),
        (
            r#"{"name":"2","publishingProfile":{"targetExtendedLocations":"x"}}"#,
            "publishingProfile.targetExtendedLocations",
            "invalid type: string \"x\", expected a sequence",
        ),
        (
            r#"{"name":"2","publishingProfile":{"excludeFromLatest":1}}"#,
            "publishingProfile.excludeFromLatest",
            "invalid type: integer `1`, expected a boolean",
        ),
        (
            r#"{"name":"2","storageProfile":{"osDiskImage":{"hostCaching":"None","lun":1.5}}}"#,
            "storageProfile.osDiskImage.lun",
            "invalid type: floating point `1.5`, expected i64",
        ),
        (
            r#"{"name":"2","publishingProfile":[]}"#,
            "publishingProfile",
            "invalid type: sequence, expected struct PublishingProfile",
        ),
        (
            r#"{"name":"2","publishingProfile":{"targetRegions":[{"name":"a"},3]}}"#,
            "publishingProfile.targetRegions[1]",
            "invalid type: integer `3`, expected struct TargetRegion",
        ),
        (r#"{"name":"2","tags":{"a":1}}"#, "tags.a", "invalid type: integer `1`, expected a string"),
        (
            r#"{"name":"2","unknown":{"reported":"yes"}}"#,
            "unknown.reported",
            "invalid type: string \"yes\", expected a boolean",
        ),
    ];
    for (version, path, message) in cases {
        let (got, got_path) = error(&in_version(version));
        assert!(got.starts_with(message), "{version}: {got}");
        assert_eq!(
            got_path.as_deref(),
            Some(format!("galleries[0].images[0].versions[1].{path}").as_str()),
            "{version}"
        );
    }
    let (message, path) = error(r#"{"schemaVersion":-1}"#);
    assert!(message.starts_with("invalid value: integer `-1`, expected u32"), "{message}");
    assert_eq!(path.as_deref(), Some("schemaVersion"));
}

#[test]
fn an_error_in_the_billing_settings_names_its_field_and_missing_ones_take_their_defaults() {
    let (message, path) = error(r#"{"billing":{"cadencePerMonth":2,"months":"x"}}"#);
    assert!(message.starts_with("invalid type: string \"x\", expected u32"), "{message}");
    assert_eq!(path.as_deref(), Some("billing.months"));
    let (message, path) = error(r#"{"billing":{"retention":-1}}"#);
    assert!(message.starts_with("invalid value: integer `-1`, expected u32"), "{message}");
    assert_eq!(path.as_deref(), Some("billing.retention"));
    let plan: Plan = serde_json::from_str(r#"{"billing":{"months":24,"other":true}}"#).unwrap();
    let billing = plan.billing.unwrap();
    assert_eq!((billing.cadence_per_month, billing.retention, billing.full_versions, billing.months), (1, 5, 2, 24));
    let plan: Plan = serde_json::from_str(r#"{"billing":null}"#).unwrap();
    assert_eq!(plan.billing, None);
}
