//! `acg-core`: the pure domain library of the Compute Gallery planner.
//!
//! It models Azure Compute Gallery resources (galleries, image definitions, image versions) as a [`Plan`],
//! and computes from it everything the planner shows. It does no I/O, reads no clock (callers pass
//! "today"), and knows nothing of wasm or the browser; every shell (web app, JS API, CLI) calls it.
//!
//! ```
//! use acg_core::{ImageVersionName, RegionName, region};
//!
//! // Versions compare as numbers, never as text.
//! let old: ImageVersionName = "1.0.9".parse()?;
//! let new: ImageVersionName = "1.0.12".parse()?;
//! assert!(old < new);
//!
//! // Region names compare normalized, and the catalog knows their zones.
//! assert_eq!(RegionName::new("West US 2"), RegionName::new("westus2"));
//! assert!(region::find("westus2").unwrap().availability_zones);
//! # Ok::<(), acg_core::VersionError>(())
//! ```

pub(crate) mod enums;

pub mod address;
pub mod billing;
pub mod deploy;
pub mod edit;
pub mod explain;
pub mod generate;
pub mod interchange;
pub mod latest;
pub mod model;
pub mod ops;
pub mod recompute;
pub mod region;
pub mod replicas;
pub mod report;
pub mod sample;
pub mod saved;
pub mod share;
pub mod sketch;
pub mod target_regions;
pub mod validate;
pub mod version;

pub use model::*;
pub use region::{Continent, Region, RegionName};
pub use report::{Issue, Report, Severity};
pub use version::{ImageVersionName, VersionError};
