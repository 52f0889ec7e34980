//! Interchange: import from Plan JSON, REST bodies, `az` list output and ARM templates; export to ARM, Bicep, `az`, Terraform.
