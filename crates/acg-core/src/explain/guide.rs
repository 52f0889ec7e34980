//! The troubleshooting guide's tables as data: every message Azure documents for gallery resources, with the
//! guide's cause and fix, and the planner's rules that check the same condition before deployment.
//!
//! Source: MicrosoftDocs/azure-compute-docs `articles/virtual-machines/troubleshooting-shared-images.md`
//! (commit 01e1fb7d0835e0ffcfa3b75dbd23d5c0110b84bc, ms.date 02/28/2023): the message, cause and mitigation
//! columns of its tables, with the markup removed. Ids (`G1`, `V20`, ...) are the project's reference ids of
//! those messages. A message that appears in several tables is listed once; a row whose message differs (the
//! image-version form of D6) or that has two messages (L4) is an entry of its own with the same id. V36 is not
//! in that revision of the tables: its text is Azure's service message, its cause and fix are ours.

use serde::{Deserialize, Serialize};

/// The table of the guide an entry comes from, which is also the operation that failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Section {
    /// Creating or modifying a gallery.
    Gallery,
    /// Creating or modifying image definitions.
    Definition,
    /// Creating or updating image versions.
    Version,
    /// Creating or updating a VM or scale set from an image version.
    Deployment,
    /// Creating a disk from an image version.
    Disk,
}

impl Section {
    /// The guide's heading for this table.
    pub fn title(self) -> &'static str {
        match self {
            Section::Gallery => "Creating or modifying a gallery",
            Section::Definition => "Creating or modifying image definitions",
            Section::Version => "Creating or updating image versions",
            Section::Deployment => "Creating or updating a VM or scale sets from an image version",
            Section::Disk => "Creating a disk from an image version",
        }
    }
    /// The address of this table on Microsoft Learn.
    pub fn url(self) -> &'static str {
        match self {
            Section::Gallery => concat!(
                "https://learn.microsoft.com/en-us/azure/virtual-machines/troubleshooting-shared-images",
                "#creating-or-modifying-a-gallery"
            ),
            Section::Definition => concat!(
                "https://learn.microsoft.com/en-us/azure/virtual-machines/troubleshooting-shared-images",
                "#creating-or-modifying-image-definitions"
            ),
            Section::Version => concat!(
                "https://learn.microsoft.com/en-us/azure/virtual-machines/troubleshooting-shared-images",
                "#creating-or-updating-image-versions"
            ),
            Section::Deployment => concat!(
                "https://learn.microsoft.com/en-us/azure/virtual-machines/troubleshooting-shared-images",
                "#creating-or-updating-a-vm-or-scale-sets-from-an-image-version"
            ),
            Section::Disk => concat!(
                "https://learn.microsoft.com/en-us/azure/virtual-machines/troubleshooting-shared-images",
                "#creating-a-disk-from-an-image-version"
            ),
        }
    }
}

/// The troubleshooting guide on Microsoft Learn.
pub const GUIDE_URL: &str = "https://learn.microsoft.com/en-us/azure/virtual-machines/troubleshooting-shared-images";

/// One row of the guide.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    /// The reference id of Azure's message (`G1`, `V20`, ...).
    pub id: &'static str,
    /// The table it is in.
    pub section: Section,
    /// Azure's message as the guide prints it, placeholders in angle brackets (`<galleryName>`).
    pub message: &'static str,
    /// The guide's cause.
    pub cause: &'static str,
    /// The guide's mitigation.
    pub fix: &'static str,
    /// The planner's rule ids that check the same condition in advance.
    pub rules: &'static [&'static str],
}

/// Every entry, in the guide's order.
pub static GUIDE: &[Entry] = &[
    Entry {
        id: "G1",
        section: Section::Gallery,
        message: "Gallery name is invalid. Allowed characters are English alphanumeric characters, with underscores, and periods allowed in the middle, up to 80 characters total. All other special characters, including dashes, are disallowed.",
        cause: "The name for the gallery does not meet the naming requirements",
        fix: "Choose a name that meets the following conditions: Has an 80-character limit; Contains only English letters, numbers, underscores, and periods; Starts and ends with English letters or numbers",
        rules: &["GAL-01", "GAL-02", "GAL-03"],
    },
    Entry {
        id: "G2",
        section: Section::Gallery,
        message: "The provided resource name <galleryName> has these invalid trailing characters: <character>. The name can not end with characters: <character>",
        cause: "The name for the gallery ends with a period or underscore",
        fix: "Choose a name for the gallery that meets the following conditions: Has an 80-character limit; Contains only English letters, numbers, underscores, and periods; Starts and ends with English letters or numbers",
        rules: &["GAL-04"],
    },
    Entry {
        id: "G3",
        section: Section::Gallery,
        message: "The provided location <region> is not available for resource type 'Microsoft.Compute/galleries'. List of available regions for the resource type is …",
        cause: "The region specified for the gallery is incorrect or requires an access request",
        fix: "Check that the region name is correct. If the region name is correct, submit an access request for the region",
        rules: &["REG-02", "REG-03"],
    },
    Entry {
        id: "G4",
        section: Section::Gallery,
        message: "Can not delete resource before nested resources are deleted",
        cause: "You've tried to delete a gallery that contains at least one existing image definition. A gallery must be empty before it can be deleted",
        fix: "Delete all image definitions inside the gallery and then proceed to delete the gallery. If the image definition contains image versions, you must delete the image versions before you delete the image definitions",
        rules: &["GAL-12"],
    },
    Entry {
        id: "G5",
        section: Section::Gallery,
        message: "The gallery name <galleryName> is not unique within the subscription <subscriptionID>. Please pick another gallery name",
        cause: "You have an existing gallery with the same name and have tried to create another gallery with the same name",
        fix: "Choose a different name for the gallery",
        rules: &["GAL-05"],
    },
    Entry {
        id: "G6",
        section: Section::Gallery,
        message: "The resource <galleryName> already exists in location <region_1> in resource group <resourceGroup>. A resource with the same name cannot be created in location <region_2>. Please select a new resource name",
        cause: "You have an existing gallery with the same name and have tried to create another gallery with the same name",
        fix: "Choose a different name for the gallery",
        rules: &["GAL-05"],
    },
    Entry {
        id: "D1",
        section: Section::Definition,
        message: "Changing property 'galleryImage.properties.<property>' is not allowed",
        cause: "You tried to change the OS type, OS state, Hyper-V generation, offer, publisher, or SKU. Changing any of these properties is not permitted",
        fix: "Create a new image definition instead",
        rules: &["IMG-12", "IMG-25"],
    },
    Entry {
        id: "D2",
        section: Section::Definition,
        message: "The resource <galleryName/imageDefinitionName> already exists in location <region_1> in resource group <resourceGroup>. A resource with the same name cannot be created in location <region_2>. Please select a new resource name.",
        cause: "You have an existing image definition in the same gallery and resource group with the same name. You've tried to create another image definition with the same name and in the same gallery but in a different region.",
        fix: "Use a different name for the image definition, or put the image definition in a different gallery or resource group",
        rules: &["IMG-05"],
    },
    Entry {
        id: "D3",
        section: Section::Definition,
        message: "The provided resource name <galleryName>/<imageDefinitionName> has these invalid trailing characters: <character>. The name can not end with characters: <character>",
        cause: "The <imageDefinitionName> name ends with a period or underscore.",
        fix: "Choose a name for the image definition that meets the following conditions: Has an 80-character limit; Contains only English letters, numbers, underscores, hyphens and periods; Starts and ends with English letters or numbers",
        rules: &["IMG-04"],
    },
    Entry {
        id: "D4",
        section: Section::Definition,
        message: "The entity name <imageDefinitionName> is invalid according to its validation rule: ^[^_\\W][\\w-._]{0,79}(?<![-.])$",
        cause: "The <imageDefinitionName> name ends with a period or underscore.",
        fix: "Choose a name for the image definition that meets the following conditions: Has an 80-character limit; Contains only English letters, numbers, underscores, hyphens, and periods; Starts and ends with English letters or numbers",
        rules: &["IMG-01", "IMG-02", "IMG-03"],
    },
    Entry {
        id: "D5",
        section: Section::Definition,
        message: "Asset name galleryImage.properties.identifier.<property> is not valid. It cannot be empty. Allowed characters are uppercase or lowercase letters, digits, hyphen(-), period (.), underscore (_). Names are not allowed to end with period(.). The length of the name cannot exceed <number> characters.",
        cause: "The publisher, offer, or SKU value does not meet the naming requirements.",
        fix: "Choose a value that meets the following conditions: Has a 128-character limit for publisher or 64-character limit for offer and SKU; Contains only English letters, numbers, hyphens, underscores, and periods; Does not end with a period",
        rules: &["IMG-10"],
    },
    Entry {
        id: "D6",
        section: Section::Definition,
        message: "Can not perform requested operation on nested resource. Parent resource <galleryName> not found.",
        cause: "There is no gallery with the name <galleryName> in the current subscription and resource group.",
        fix: "Check that the names of the gallery, subscription, and resource group are correct. Otherwise, create a new gallery named <galleryName>",
        rules: &["DEP-06"],
    },
    Entry {
        id: "D7",
        section: Section::Definition,
        message: "Unable to serialize value: <value> as type: 'iso-8601'., ISO8601Error: ISO 8601 time designator 'T' missing. Unable to parse datetime string <value>",
        cause: "The value provided to the property is not properly formatted as a date.",
        fix: "Provide a date in the yyyy-MM-dd, yyyy-MM-dd'T'HH:mm:sszzz, or ISO 8601-valid format.",
        rules: &["IMG-15", "VER-27"],
    },
    Entry {
        id: "D8",
        section: Section::Definition,
        message: "Could not convert string to DateTimeOffset: <value>. Path 'properties.<property>'",
        cause: "The value provided to the property is not properly formatted as a date.",
        fix: "Provide a date in the yyyy-MM-dd, yyyy-MM-dd'T'HH:mm:sszzz, or ISO 8601-valid format",
        rules: &["IMG-15", "VER-27"],
    },
    Entry {
        id: "D9",
        section: Section::Definition,
        message: "EndOfLifeDate must be set to a future date.",
        cause: "The end-of-life date property is not properly formatted as a date that's after today's date.",
        fix: "Provide a date in the yyyy-MM-dd, yyyy-MM-dd'T'HH:mm:sszzz, or ISO 8601-valid format",
        rules: &["IMG-15"],
    },
    Entry {
        id: "D10",
        section: Section::Definition,
        message: "argument --<property>: invalid int value: <value>",
        cause: "<property> accepts only integer values, and <value> is not an integer.",
        fix: "Choose an integer value.",
        rules: &[],
    },
    Entry {
        id: "D11",
        section: Section::Definition,
        message: "The minimum value of <property> must not be greater than the maximum value of <property>.",
        cause: "The minimum value provided for <property> is higher than the maximum value provided for <property>.",
        fix: "Change the values so that the minimum is less than or equal to the maximum.",
        rules: &["IMG-13"],
    },
    Entry {
        id: "D12",
        section: Section::Definition,
        message: "Gallery image: <imageDefinitionName> identified by (publisher:<Publisher>, offer:<Offer>, sku:<SKU>) already exists. Choose a different publisher, offer, sku combination.",
        cause: "You've tried to create a new image definition with the same publisher, offer, and SKU triplet as an existing image definition in the same gallery.",
        fix: "Within a gallery, all image definitions must have a unique combination of publisher, offer, and SKU. Choose a unique combination, or choose a new gallery and create the image definition again",
        rules: &["IMG-11"],
    },
    Entry {
        id: "D13",
        section: Section::Definition,
        message: "Can not delete resource before nested resources are deleted.",
        cause: "You've tried to delete an image definition that contains image versions. An image definition must be empty before it can be deleted.",
        fix: "Delete all image versions inside the image definition and then proceed to delete the image definition",
        rules: &["IMG-22"],
    },
    Entry {
        id: "P1",
        section: Section::Definition,
        message: "Cannot bind parameter <property>. Cannot convert value <value> to type <propertyType>. Unable to match the identifier name <value> to a valid enumerator name. Specify one of the following enumerator names and try again: <choice_1>, <choice_2>, …",
        cause: "The property has a restricted list of possible values, and <value> is not one of them",
        fix: "Choose one of the possible <choice> values",
        rules: &["IMG-06", "IMG-07", "IMG-08", "VER-10"],
    },
    Entry {
        id: "P2",
        section: Section::Definition,
        message: "Cannot bind parameter <property>. Cannot convert value <value> to type \"System.DateTime",
        cause: "The value provided to the property is not properly formatted as a date.",
        fix: "Provide a date in the yyyy-MM-dd, yyyy-MM-dd'T'HH:mm:sszzz, or ISO 8601-valid format",
        rules: &["IMG-15", "VER-27"],
    },
    Entry {
        id: "P3",
        section: Section::Definition,
        message: "Cannot bind parameter <property>. Cannot convert value <value> to type \"System.Int32",
        cause: "<property> accepts only integer values, and <value> is not an integer.",
        fix: "Choose an integer value",
        rules: &["VER-08"],
    },
    Entry {
        id: "D14",
        section: Section::Definition,
        message: "ZRS storage account type is not supported in this region.",
        cause: "You've chosen standard zone-redundant storage (ZRS) in a region that does not yet support it",
        fix: "Change the storage account type to Premium_LRS or Standard_LRS. Check our documentation for the latest list of regions with ZRS preview enabled",
        rules: &["VER-11"],
    },
    Entry {
        id: "D6",
        section: Section::Version,
        message: "Can not perform requested operation on nested resource. Parent resource <galleryName/imageDefinitionName> not found",
        cause: "There is no gallery with the name <galleryName/imageDefinitionName> in the current subscription and resource group",
        fix: "Check that the names of the gallery, subscription, and resource group are correct. Otherwise, create a new gallery with the name <galleryName> and/or an image definition named <imageDefinitionName> in the indicated resource group",
        rules: &["DEP-06"],
    },
    Entry {
        id: "V1",
        section: Section::Version,
        message: "Gallery image version publishing profile regions <publishingRegions> must contain the location of image version <sourceRegion>",
        cause: "The location of the source image (<sourceRegion>) must be included in the <publishingRegions> list",
        fix: "Include <sourceRegion> in the <publishingRegions> list",
        rules: &["VER-06"],
    },
    Entry {
        id: "V2",
        section: Section::Version,
        message: "The value <value> of parameter <property> is out of range. The value must be between <minValue> and <maxValue>, inclusive",
        cause: "<value> is outside the range of possible values for <property>",
        fix: "Choose a value that's within the range of <minValue> and <maxValue>, inclusive",
        rules: &["VER-08"],
    },
    Entry {
        id: "V3",
        section: Section::Version,
        message: "Source <resourceID> is not found. Please check source exists, and is in the same region as gallery image version being created",
        cause: "There is no source located at <resourceID>, or the source at <resourceID> is not in the same region as the gallery image being created",
        fix: "Check that the <resourceID> value is correct and that the source region of the gallery image version is the same as the region of the <resourceID> value",
        rules: &["VER-05"],
    },
    Entry {
        id: "V4",
        section: Section::Version,
        message: "Changing property 'galleryImageVersion.properties.storageProfile.<diskImage>.source.id' is not allowed",
        cause: "The source ID of a gallery image version can't be changed after creation",
        fix: "Ensure that the source ID is the same as the existing source ID, change the version number of the image version, or delete the current image version and try again",
        rules: &["VER-22"],
    },
    Entry {
        id: "V5",
        section: Section::Version,
        message: "Duplicated lun numbers have been detected in the input data disks. Lun number must be unique for each data disk",
        cause: "When you're creating an image version by using a list of disks and/or disk snapshots, two or more disks or disk snapshots have the same LUN",
        fix: "Remove or change any duplicate LUNs",
        rules: &["VER-20"],
    },
    Entry {
        id: "V6",
        section: Section::Version,
        message: "Duplicated source ids are found in the input disks. Source id should be unique for each disk",
        cause: "When you're creating an image version by using a list of disks and/or disk snapshots, two or more disks or disk snapshots have the same resource ID",
        fix: "Remove or change any duplicate disk source IDs",
        rules: &["VER-20"],
    },
    Entry {
        id: "V7",
        section: Section::Version,
        message: "Property id <resourceID> at path 'properties.storageProfile.<diskImages>.source.id' is invalid. Expect fully qualified resource Id that start with '/subscriptions/<subscriptionID>' or '/providers/<resourceProviderNamespace>/'",
        cause: "The <resourceID> value is incorrectly formatted",
        fix: "Check that the resource ID is correct",
        rules: &["VER-23"],
    },
    Entry {
        id: "V8",
        section: Section::Version,
        message: "The source id: <resourceID> must either be a managed image, virtual machine or another gallery image version",
        cause: "The <resourceID> value is incorrectly formatted",
        fix: "If you're using a VM, managed image, or gallery image version as the source image, check that the resource ID of the VM, managed image, or gallery image version is correct",
        rules: &["VER-23"],
    },
    Entry {
        id: "V9",
        section: Section::Version,
        message: "The source id: <resourceID> must be a managed disk or snapshot",
        cause: "The <resourceID> value is incorrectly formatted",
        fix: "If you're using disks and/or disk snapshots as sources for the image version, check that the resource IDs of the disks and/or disk snapshots are correct",
        rules: &["VER-23"],
    },
    Entry {
        id: "V10",
        section: Section::Version,
        message: "Cannot create Gallery Image Version from: <resourceID> since the OS State in the parent gallery image (<OsState_1>) is not <OsState_2>",
        cause: "The operating system state (Generalized or Specialized) does not match the operating system state specified in the image definition",
        fix: "Either choose a source based on a VM with the operating system state of <OsState_1> or create a new image definition for VMs based on <OsState_2>",
        rules: &["VER-24"],
    },
    Entry {
        id: "V11",
        section: Section::Version,
        message: "The resource with id '<resourceID>' has a different Hypervisor generation ['<V#_1>'] than the parent gallery image Hypervisor generation ['<V#_2>']",
        cause: "The hypervisor generation of the image version does not match the hypervisor generation specified in the image definition. The image definition operating system is <V#_1>, and the image version operating system is <V#_2>",
        fix: "Either choose a source with the same hypervisor generation as the image definition or create/choose a new image definition that has the same hypervisor generation as the image version",
        rules: &["VER-24"],
    },
    Entry {
        id: "V12",
        section: Section::Version,
        message: "The resource with id '<resourceID>' has a different OS type ['<OsType_1>'] than the parent gallery image OS type generation ['<OsType _2>']",
        cause: "The hypervisor generation of the image version does not match the hypervisor generation specified in the image definition. The image definition operating system is <OsType_1>, and the image version operating system is <OsType_2>",
        fix: "Either choose a source with the same operating system (Linux/Windows) as the image definition or create/choose a new image definition that has the same operating system generation as the image version",
        rules: &["VER-24"],
    },
    Entry {
        id: "V13",
        section: Section::Version,
        message: "Source virtual machine <resourceID> cannot contain an ephemeral OS disk",
        cause: "The source at <resourceID> contains an ephemeral OS disk. The Azure Compute Gallery does not currently support ephemeral OS disks",
        fix: "Choose a different source based on a VM that does not use an ephemeral OS disk",
        rules: &["VER-25"],
    },
    Entry {
        id: "V14",
        section: Section::Version,
        message: "Source virtual machine <resourceID> cannot contain disk ['<diskID>'] stored in an UltraSSD account type",
        cause: "The disk <diskID> is an Ultra SSD disk. The Azure Compute Gallery does not currently support Ultra SSD disks",
        fix: "Use a source that contains only Premium SSD, Standard SSD, and/or Standard HDD managed disks",
        rules: &["VER-25"],
    },
    Entry {
        id: "V15",
        section: Section::Version,
        message: "Source virtual machine <resourceID> must be created from Managed Disks",
        cause: "The virtual machine in <resourceID> uses unmanaged disks",
        fix: "Use a source based on a VM that contains only Premium SSD, Standard SSD, and/or Standard HDD managed disks",
        rules: &["VER-25"],
    },
    Entry {
        id: "V16",
        section: Section::Version,
        message: "Too many requests on source '<resourceID>'. Please reduce the number of requests on the source or wait some time before retrying",
        cause: "The source for this image version is currently being throttled because of too many requests",
        fix: "Try to create the image version later",
        rules: &[],
    },
    Entry {
        id: "V17",
        section: Section::Version,
        message: "The disk encryption set '<diskEncryptionSetID>' must be in the same subscription '<subscriptionID>' as the gallery resource",
        cause: "Disk encryption sets can be used only in the same subscription and region in which they were created",
        fix: "Create or use an encryption set in the same subscription and region as the image version",
        rules: &["VER-21"],
    },
    Entry {
        id: "V18",
        section: Section::Version,
        message: "Encrypted source: '<resourceID>' is in a different subscription ID than the current gallery image version subscription '<subscriptionID_1>'. Please retry with an unencrypted source(s) or use the source's subscription '<subcriptionID_2>' to create the gallery image version",
        cause: "The Azure Compute Gallery does not currently support creating image versions in another subscription from another source image if the source image is encrypted",
        fix: "Use an unencrypted source or create the image version in the same subscription as the source",
        rules: &["VER-26"],
    },
    Entry {
        id: "V19",
        section: Section::Version,
        message: "The disk encryption set <diskEncryptionSetID> was not found",
        cause: "The disk encryption might be incorrect",
        fix: "Check that the resource ID of the disk encryption set is correct",
        rules: &["VER-21"],
    },
    Entry {
        id: "V20",
        section: Section::Version,
        message: "The image version name is invalid. The image version name should follow Major(int).Minor(int).Patch(int) format, for e.g: 1.0.0, 2018.12.1 etc",
        cause: "The valid format for an image version is three integers separated by a period. The image version name did not meet the valid format",
        fix: "Use an image version name that follows the format Major(int).Minor(int).Patch(int). For example: 1.0.0. or 2018.12.1",
        rules: &["VER-01", "VER-02"],
    },
    Entry {
        id: "V21",
        section: Section::Version,
        message: "The value of parameter galleryArtifactVersion.properties.publishingProfile.targetRegions.encryption.dataDiskImages.diskEncryptionSetId is invalid",
        cause: "The resource ID of the disk encryption set used on a data disk image uses an invalid format",
        fix: "Ensure that the resource ID of the disk encryption set follows the format /subscriptions/<subscriptionID>/resourceGroups/<resourceGroupName>/providers/Microsoft.Compute/<diskEncryptionSetName>",
        rules: &["VER-21"],
    },
    Entry {
        id: "V22",
        section: Section::Version,
        message: "The value of parameter galleryArtifactVersion.properties.publishingProfile.targetRegions.encryption.osDiskImage.diskEncryptionSetId is invalid",
        cause: "The resource ID of the disk encryption set used on the OS disk image uses an invalid format",
        fix: "Ensure that the resource ID of the disk encryption set follows the format /subscriptions/<subscriptionID>/resourceGroups/<resourceGroupName>/providers/Microsoft.Compute/<diskEncryptionSetName>",
        rules: &["VER-21"],
    },
    Entry {
        id: "V23",
        section: Section::Version,
        message: "Cannot specify new data disk image encryption lun [<number>] with a disk encryption set in region [<region>] for update gallery image version request. To update this version, remove the new lun. If you need to change the data disk image encryption settings, you must create a new gallery image version with the correct settings.",
        cause: "You added encryption to the data disk of an existing image version. You can't add encryption to an existing image version",
        fix: "Create a new gallery image version or remove the added encryption settings",
        rules: &["VER-22"],
    },
    Entry {
        id: "V24",
        section: Section::Version,
        message: "The gallery artifact version source can only be specified either directly under storageProfile or within individual OS or data disks. One and only one source type (user image, snapshot, disk, virtual machine) can be provided",
        cause: "The source ID is missing",
        fix: "Ensure that the source ID of the source is present",
        rules: &["VER-04"],
    },
    Entry {
        id: "V25",
        section: Section::Version,
        message: "Source was not found: <resourceID>. Please make sure the source exists",
        cause: "The resource ID of the source might be incorrect",
        fix: "Ensure that the resource ID of the source is correct",
        rules: &["VER-05"],
    },
    Entry {
        id: "V26",
        section: Section::Version,
        message: "A disk encryption set is required for disk 'galleryArtifactVersion.properties.publishingProfile.targetRegions.encryption.osDiskImage.diskEncryptionSetId' in target region '<region_1>' since disk encryption set '<diskEncryptionSetID>' is used for the corresponding disk in region '<region_2>'",
        cause: "Encryption has been used on the OS disk in <region_2>, but not in <region_1>",
        fix: "If you're using encryption on the OS disk, use encryption in all regions",
        rules: &["VER-18"],
    },
    Entry {
        id: "V27",
        section: Section::Version,
        message: "A disk encryption set is required for disk 'LUN <number>' in target region '<region_1>' since disk encryption set '<diskEncryptionSetID>' is used for the corresponding disk in region '<region_2>'",
        cause: "Encryption has been used on the data disk at LUN <number> in <region_2>, but not in <region_1>",
        fix: "If you're using encryption on a data disk, use encryption in all regions",
        rules: &["VER-18"],
    },
    Entry {
        id: "V28",
        section: Section::Version,
        message: "An invalid lun [<number>] was specified in encryption.dataDiskImages. The lun must be one of the following values ['0,9']",
        cause: "The LUN specified for the encryption does not match any of the LUNs for disks attached to the VM",
        fix: "Change the LUN in the encryption to the LUN of a data disk present in the VM",
        rules: &["VER-19"],
    },
    Entry {
        id: "V29",
        section: Section::Version,
        message: "Duplicate luns '<number>' were specified in target region '<region>' encryption.dataDiskImages",
        cause: "The encryption settings used in <region> specified a LUN at least twice",
        fix: "Change the LUN in <region> to make sure that all the LUNs are unique in <region>",
        rules: &["VER-19"],
    },
    Entry {
        id: "V30",
        section: Section::Version,
        message: "OSDiskImage and DataDiskImage cannot point to same blob <sourceID>",
        cause: "The sources for the OS disk and at least one data disk are not unique",
        fix: "Change the source for the OS disk and/or data disks to ensure that the OS disk as well as each data disk is unique",
        rules: &["VER-20"],
    },
    Entry {
        id: "V31",
        section: Section::Version,
        message: "Duplicate regions are not allowed in target publishing regions",
        cause: "A region is listed among the publishing regions more than once",
        fix: "Remove the duplicate region",
        rules: &["VER-07"],
    },
    Entry {
        id: "V32",
        section: Section::Version,
        message: "Adding new Data Disks or changing the LUN of a Data Disk in an existing Image is not allowed",
        cause: "An update call to the image version either contains a new data disk or has a new LUN for a disk",
        fix: "Use the LUNs and data disks of the existing image version",
        rules: &["VER-22"],
    },
    Entry {
        id: "V33",
        section: Section::Version,
        message: "Replication failed in this region due to 'The GalleryImageVersion source resource size 2520 exceeds the max size 2048 supported",
        cause: "A data disk in the source is greater than 2TB",
        fix: "Resize the data disk to under 2 TB",
        rules: &["VER-17"],
    },
    Entry {
        id: "V34",
        section: Section::Version,
        message: "Operation 'Update Gallery Image Version' is not on allowed on <versionNumber>; since it is marked for deletion. You can only retry the Delete operation (or wait for an ongoing one to complete)",
        cause: "You attempted to update a gallery image version that is in the process of being deleted",
        fix: "Wait for the deletion event to complete and recreate the image version again",
        rules: &[],
    },
    Entry {
        id: "V35",
        section: Section::Version,
        message: "Encryption is not supported for source resource '<sourceID>'. Please use a different source resource type which supports encryption or remove encryption properties",
        cause: "Currently the Azure Compute Gallery only supports encryption for VMs, disks, snapshots and managed images. One of the sources provided for the image version is not in the previous list of sources that support encryption",
        fix: "Remove the disk encryption set from the image version and contact the support team.",
        rules: &["VER-26"],
    },
    Entry {
        id: "V36",
        section: Section::Version,
        message: "DeleteGalleryImageVersionBlockedBeforeEndOfLife. Deletion of Gallery image version is not allowed because the image is enabled for blockDeletionBeforeEndOfLife and its endOfLifeDate has not reached yet",
        cause: "The image version has blockDeletionBeforeEndOfLife set and its end-of-life date has not passed yet",
        fix: "Wait until the end-of-life date, or first update the version's safety profile to allow deletion (blockDeletionBeforeEndOfLife false) or its endOfLifeDate",
        rules: &["VER-27"],
    },
    Entry {
        id: "L1",
        section: Section::Deployment,
        message: "There is no latest image version exists for \"<imageDefinitionResourceID>",
        cause: "The image definition you used to deploy the virtual machine does not contain any image versions that are included in latest",
        fix: "Ensure that there is at least one image version that has 'Exclude from latest' set to False",
        rules: &["LAT-01"],
    },
    Entry {
        id: "L2",
        section: Section::Deployment,
        message: "The gallery image /subscriptions/<subscriptionID>/resourceGroups/<resourceGroup>/providers/Microsoft.Compute/galleries/<galleryName>/images/<imageName>/versions/<versionNumber> is not available in <region> region. Please contact image owner to replicate to this region, or change your requested region.",
        cause: "The version selected for deployment does not exist or does not have a replica in the indicated region",
        fix: "Ensure that the name of the image resource is correct and that there is at least one replica in the indicated region",
        rules: &["LAT-02"],
    },
    Entry {
        id: "L3",
        section: Section::Deployment,
        message: "The gallery image /subscriptions/<subscriptionID>/resourceGroups/<resourceGroup>/providers/Microsoft.Compute/galleries/<galleryName>/images/<imageName> is not available in <region> region. Please contact image owner to replicate to this region, or change your requested region",
        cause: "The image definition selected for deployment does not have any image versions that are included in latest and also in the indicated region",
        fix: "Ensure that there is at least one image version in the region that has 'Exclude from latest' set to False",
        rules: &["LAT-02"],
    },
    Entry {
        id: "L6",
        section: Section::Deployment,
        message: "The client has permission to perform action 'Microsoft.Compute/galleries/images/versions/read' on scope <resourceID>, however the current tenant <tenantID> is not authorized to access linked subscription <subscriptionID>",
        cause: "The virtual machine or scale set was created through a gallery image in another tenant. You've tried to make a change to the virtual machine or scale set, but you don't have access to the subscription that owns the image",
        fix: "Contact the owner of the subscription of the image version to grant read access to the image version",
        rules: &[],
    },
    Entry {
        id: "L7",
        section: Section::Deployment,
        message: "The gallery image <resourceID> is not available in <region> region. Please contact image owner to replicate to this region, or change your requested region.",
        cause: "The VM is being created in a region that's not among the list of published regions for the gallery image.",
        fix: "Either replicate the image to the region or create a VM in one of the regions in the gallery image's publishing regions",
        rules: &["LAT-02"],
    },
    Entry {
        id: "L4",
        section: Section::Deployment,
        message: "Parameter 'osProfile' is not allowed",
        cause: "Admin username, password, or SSH keys were provided for a VM that was created from a specialized image version",
        fix: "Don't include the admin username, password, or SSH keys if you intend to create a VM from that image. Otherwise, use a generalized image version and supply the admin username, password, or SSH keys",
        rules: &["DEP-01"],
    },
    Entry {
        id: "L4",
        section: Section::Deployment,
        message: "Required parameter 'osProfile' is missing (null)",
        cause: "The VM is created from a generalized image, and it's missing the admin username, password, or SSH keys. Because generalized images don't retain the admin username, password, or SSH keys, these fields must be specified during creation of a VM or scale set",
        fix: "Specify the admin username, password, or SSH keys, or use a specialized image version",
        rules: &["DEP-01"],
    },
    Entry {
        id: "L8",
        section: Section::Deployment,
        message: "Cannot update Virtual Machine Scale Set <vmssName> as the current OS state of the VM Scale Set is Generalized which is different from the updated gallery image OS state which is Specialized",
        cause: "The current source image for the scale set is a generalized source image, but it's being updated with a source image that is specialized. The current source image and the new source image for a scale set must be of the same state",
        fix: "To update the scale set, use a generalized image version",
        rules: &["DEP-02"],
    },
    Entry {
        id: "L9",
        section: Section::Deployment,
        message: "Disk encryption set <diskEncryptionSetID> in Azure Compute Gallery <versionID> belongs to subscription <subscriptionID_1> and cannot be used with resource '' in subscription <subscriptionID_2>",
        cause: "The disk encryption set used to encrypt the image version resides in a different subscription than the subscription to host the image version",
        fix: "Use the same subscription for the image version and disk encryption set",
        rules: &[],
    },
    Entry {
        id: "L5",
        section: Section::Deployment,
        message: "The resource with id <vmID> has a different plan ['{\"name\":\"<name>\",\"publisher\":\"<publisher>\",\"product\":\"<product>\",\"promotionCode\":\"<promotionCode>\"}'] than the parent gallery image plan ['null']",
        cause: "The parent image definition for the image version being deployed does not have a purchase plan information",
        fix: "Create an image definition with the same purchase plan details from the error message and create the image version within the image definition",
        rules: &["DEP-03"],
    },
    Entry {
        id: "L10",
        section: Section::Deployment,
        message: "The VM or virtual machine scale set creation takes a long time",
        cause: "NA",
        fix: "Verify that the OSType of the image version that you're trying to create the VM or virtual machine scale set from has the same OSType of the source that you used to create the image version",
        rules: &[],
    },
    Entry {
        id: "K1",
        section: Section::Disk,
        message: "The value of parameter imageReference is invalid.",
        cause: "You've tried to export from a gallery Image version to a disk but used a LUN position that does not exist on the image.",
        fix: "Check the image version to see what LUN positions are in use",
        rules: &["DEP-04"],
    },
];
