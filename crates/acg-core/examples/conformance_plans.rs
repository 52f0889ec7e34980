//! Writes random plans from the property-test generator for the conformance stage (`cargo xtask test`):
//! `cargo run -p acg-core --example conformance_plans -- DIR COUNT`. Each plan is a small generated plan
//! (1-2 galleries, 1-3 definitions, 1-3 versions, 3-8 regions) whose versions get a source of a kind chosen
//! by the seed (managed image, VM, OS snapshot, gallery version, with or without a data disk), and some an
//! end-of-life date and tags, so every export path is exercised. The same seed gives the same plan.

use acg_core::generate::{Shape, plan_with_shape};
use acg_core::interchange::{ExportFormat, ExportOptions, export};
use acg_core::model::{DiskImage, DiskImageSource, StorageProfile, VersionSource};

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = args.next().unwrap_or_else(|| "target/conformance/plans".to_owned());
    let count: u64 = args.next().and_then(|n| n.parse().ok()).unwrap_or(100);
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{dir}: {e}"));
    let ids = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-build/providers";
    for seed in 0..count {
        let pick = |n: u64, m: u64| usize::try_from((seed / n) % m).unwrap_or(0);
        let shape = Shape {
            galleries: 1 + pick(1, 2),
            definitions: 1 + pick(2, 3),
            versions_per_definition: 1 + pick(6, 3),
            regions: 3 + pick(18, 6),
        };
        let mut plan = plan_with_shape(shape, seed);
        plan.name = format!("Generated conformance plan {seed}");
        let mut k = seed;
        for g in &mut plan.galleries {
            for d in g.definitions_mut() {
                let definition = d.name.clone();
                for v in d.versions_mut() {
                    k = k.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
                    let name = format!("src-{seed}-{}", v.name.replace('.', "-"));
                    let mut sp = StorageProfile::default();
                    match (k >> 33) % 5 {
                        0 => {
                            sp.source = Some(VersionSource {
                                id: Some(format!("{ids}/Microsoft.Compute/images/{name}")),
                                ..VersionSource::default()
                            });
                        }
                        1 => {
                            sp.source = Some(VersionSource {
                                id: Some(format!("{ids}/Microsoft.Compute/virtualMachines/{name}")),
                                ..VersionSource::default()
                            });
                        }
                        2 => {
                            sp.os_disk_image = Some(DiskImage {
                                source: Some(DiskImageSource {
                                    id: Some(format!("{ids}/Microsoft.Compute/snapshots/{name}")),
                                    ..DiskImageSource::default()
                                }),
                                ..DiskImage::default()
                            });
                        }
                        3 => {
                            sp.source = Some(VersionSource {
                                id: Some(format!(
                                    "{ids}/Microsoft.Compute/galleries/build/images/{definition}/versions/{}",
                                    v.name
                                )),
                                ..VersionSource::default()
                            });
                        }
                        _ => {
                            sp.os_disk_image = Some(DiskImage {
                                source: Some(DiskImageSource {
                                    id: Some(format!("{ids}/Microsoft.Compute/snapshots/{name}-os")),
                                    ..DiskImageSource::default()
                                }),
                                ..DiskImage::default()
                            });
                            sp.data_disk_images.push(DiskImage {
                                lun: Some(0),
                                source: Some(DiskImageSource {
                                    id: Some(format!("{ids}/Microsoft.Compute/snapshots/{name}-data0")),
                                    ..DiskImageSource::default()
                                }),
                                ..DiskImage::default()
                            });
                        }
                    }
                    v.storage_profile = Some(sp);
                    if (k >> 40) % 3 == 0 {
                        v.publishing_profile.end_of_life_date =
                            Some(format!("20{}-0{}-15", 30 + (k >> 45) % 9, 1 + (k >> 50) % 9));
                    }
                    if (k >> 42) % 4 == 0 {
                        v.tags.insert("build".to_owned(), format!("{}", k % 1000));
                    }
                }
            }
        }
        let path = format!("{dir}/generated-{seed:03}.plan.json");
        let text = export(&plan, ExportFormat::Plan, &ExportOptions::default());
        std::fs::write(&path, text).unwrap_or_else(|e| panic!("{path}: {e}"));
    }
}
