//! Size report of every shipped artifact (raw, gzip, brotli) and the size budgets.
//!
//! Budgets (gzip, what a browser downloads from a typical static host), one per bundle ([`BUNDLES`]):
//! - the app: everything in `dist/` but `api/`, `embed/` and `interchange/`. Goal 350 KB; enforced ceiling 548 KB until the
//!   size work of the performance issue lands (431 KB on 2026-11-22; 477 KB on 2026-11-23 with named plans,
//!   property forms, widget links, the benchmark mode and exact float parsing: serde deserializers of the
//!   lossless model, with flattened `extra` maps, interchange, and the views; 471 KB after dropping the second
//!   copy of the model's serializers). On 2026-11-30: 480.9 KB with the plan as the whole document (#18: its
//!   prices and replica policy through `serde_json::Value`, replicas that follow latest, the prices banner,
//!   transfer price overrides); 484.2 KB with the exports the real Azure tools accept instead (#16: the az and
//!   Terraform exporters with their notes, Azure's effective defaults, +13 KB); 491 KB with the Troubleshoot
//!   view instead (#19: its matcher and guide load on demand from the explain build); all three together
//!   516.5 KB; 521.3 KB with saves in `IndexedDB` (#22: packed saves, the `IndexedDB` glue, the migration from
//!   localStorage, the share-link size message; +4.8 KB after trimming: one spawn of boxed futures, one save
//!   body, the share codec's base64 and deflate paths reused). 599.6 KB (613,996 bytes) on 2026-11-30 with issues
//!   17, 20, 21 and 22 merged: the ARM evaluator, unknown values and REST example files (#17, about +45 KB), the
//!   edit module and the app's reducer over it (#20, +21 KB), the ARIA tree, summary bar, responsive tables and
//!   import options (#21, +17 KB). 533.7 KB (546,488 bytes) with the importers of every format but Plan JSON
//!   (the ARM evaluator) and the exporters moved to the interchange build, loaded on demand (#22 item 5,
//!   -66 KB). 560.2 KB (573,644 bytes) with the rest of session 6 merged: windowing (the `Window` component,
//!   the tree's keyboard over rows not rendered, idle autosave; about +8 KB), the kept results (#22 item 1, about
//!   +7 KB), fields checked on a pause, import that adds, charts, Prices filters (#21, about +11 KB). 554.0 KB
//!   (567,329 bytes) once the model is read in one pass without serde's `flatten` buffering (session 7,
//!   `model::read`, -6.6 KB); 557.7 KB (571,086 bytes) with all of session 7 merged (the projection in the kept
//!   results, estimate lines with their `At`, definitions and versions shared between plans: +3.7 KB).
//!   547.5 KB (560,649 bytes) once every field of the model is read by one reader per kind of value
//!   (session 8, `model::read`'s slots: no reader per field type, -10.4 KB); 551.5 KB (564,775 bytes) with all
//!   of session 8 merged (+4 KB: the summary's counts and a version's estimate lines kept, the plan-wide checks'
//!   inputs, the faster full recompute); 551.8 KB (565,086 bytes) with the tree's badges as count and symbol.
//!   Enforced ceiling 552 KB. The ceiling follows the measured size down.
//!   BENCHMARKS.md tracks it.
//! - the JS API (`api/`): the full facade for scripts. Goal 150 KB; enforced ceiling 445 KB (317 KB on
//!   2026-11-23: the same plan deserializer, validation, interchange and billing; on 2026-11-30 with
//!   `planPrices` and `displayAmount` (#18), the exporters of #16 and `explainError` (#19: the troubleshooting
//!   guide and its matcher), 374.1 KB; 462.2 KB with `applyEdit` (#20: the reader of every `Change`, +46 KB)
//!   and the ARM evaluator and its options (#17); 464.8 KB (475,929 bytes) with `mergePlan` and the fix for a
//!   day that does not exist (#21, +2.8 KB over main's 473,082 bytes); 465.9 KB (477,035 bytes) with the kept
//!   results' parts of validation (#22); 453.0 KB (463,894 bytes) with the model read in one pass (session 7,
//!   -12.8 KB); 454.1 KB (464,974 bytes) with all of session 7 merged; 444.6 KB (455,241 bytes) with the model read by one reader per kind of
//!   value (session 8, -9.5 KB); 445.4 KB (456,110 bytes) with all of session 8 merged, enforced ceiling 446 KB).
//! - the embed bundle (`embed/` but its docs page and the explain build): what a documentation page downloads
//!   for the widgets: the widgets' script and the embed build of the API, which reads no whole plan. 150 KB,
//!   enforced.
//! - the explain widget: what a page with only `<acg-explain>` downloads: the widgets' script and the explain
//!   build (the troubleshooting guide and its matcher), loaded only when such an element is on the page (and
//!   by the app's Troubleshoot view). 79 KB on 2026-11-30; 81.1 KB once results leave through `serde_json` (the
//!   one codec of #20) and resources are named by `At`; enforced ceiling 82 KB.
//! - the interchange build (`interchange/`): the importers and exporters the app loads when the Import /
//!   export view needs them (and warms up after it starts). 267.4 KB on 2026-11-30 (it carries its own plan
//!   (de)serializer); 268.3 KB measured with all of session 6, 253.6 KB (259,707 bytes) with the model read in
//!   one pass (session 7), 255.0 KB (261,119 bytes) with all of session 7 merged, 243.2 KB
//!   (249,087 bytes) with the model read by one reader per kind of value (session 8); enforced ceiling 244 KB. Never downloaded before the app has started.
//!
//! Compression is deterministic (fixed levels), so the check may fail the build.

use std::fmt::Write as _;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::Result;

/// A bundle: the files a kind of user downloads, with an enforced ceiling and a goal (bytes of gzip).
pub struct Bundle {
    /// Its name in reports.
    pub label: &'static str,
    /// Whether a file of `dist/` belongs to it.
    pub contains: fn(&str) -> bool,
    /// Enforced by `cargo xtask test`.
    pub budget: u64,
    /// The performance issue's target (reported while above it).
    pub goal: u64,
}

fn is_docs_page(path: &str) -> bool {
    matches!(path, "embed/index.html" | "embed/docs.js" | "embed/docs.css")
}

fn is_explain_build(path: &str) -> bool {
    path.starts_with("embed/acg_explain")
}

/// The five bundles: the app, the JS API, the embeds, the explain widget, the app's interchange build. The
/// embeds' docs page is in none.
pub const BUNDLES: [Bundle; 5] = [
    Bundle {
        label: "app",
        contains: |p| !p.starts_with("api/") && !p.starts_with("embed/") && !p.starts_with("interchange/"),
        budget: 552 * 1024,
        goal: 350 * 1024,
    },
    Bundle { label: "JS API", contains: |p| p.starts_with("api/"), budget: 446 * 1024, goal: 150 * 1024 },
    Bundle {
        label: "embeds",
        contains: |p| p.starts_with("embed/") && !is_docs_page(p) && !is_explain_build(p),
        budget: 150 * 1024,
        goal: 150 * 1024,
    },
    Bundle {
        label: "explain widget",
        contains: |p| p == "embed/acg-embed.js" || is_explain_build(p),
        budget: 82 * 1024,
        goal: 80 * 1024,
    },
    Bundle {
        label: "interchange (on demand)",
        contains: |p| p.starts_with("interchange/"),
        budget: 244 * 1024,
        goal: 244 * 1024,
    },
];

/// One file's sizes.
pub struct FileSize {
    /// Path relative to `dist/`.
    pub path: String,
    /// Bytes on disk.
    pub raw: u64,
    /// Bytes gzip -9.
    pub gzip: u64,
    /// Bytes brotli quality 11.
    pub brotli: u64,
}

/// Sizes of every file under `dist`, sorted by path (type declarations excluded: they are not shipped to browsers).
pub fn measure(dist: &Path) -> Result<Vec<FileSize>> {
    let mut files = Vec::new();
    walk(dist, &mut files).map_err(|e| format!("reading {}: {e}", dist.display()))?;
    files.sort();
    let mut sizes = Vec::new();
    for file in files {
        let rel = file.strip_prefix(dist).unwrap_or(&file).to_string_lossy().replace('\\', "/");
        if rel.ends_with(".d.ts") {
            continue;
        }
        let bytes = std::fs::read(&file).map_err(|e| format!("reading {}: {e}", file.display()))?;
        sizes.push(FileSize { path: rel, raw: bytes.len() as u64, gzip: gzip(&bytes)?, brotli: brotli(&bytes)? });
    }
    Ok(sizes)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() { walk(&path, out)? } else { out.push(path) }
    }
    Ok(())
}

fn gzip(bytes: &[u8]) -> Result<u64> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    enc.write_all(bytes).map_err(|e| e.to_string())?;
    Ok(enc.finish().map_err(|e| e.to_string())?.len() as u64)
}

fn brotli(bytes: &[u8]) -> Result<u64> {
    let mut out = Vec::new();
    {
        let mut w = brotli::CompressorWriter::new(&mut out, 4096, 11, 22);
        w.write_all(bytes).map_err(|e| e.to_string())?;
    }
    Ok(out.len() as u64)
}

/// Prints the table and each bundle's total against its budget and goal.
pub fn report(sizes: &[FileSize]) -> String {
    let mut out = format!("{:<40} {:>10} {:>10} {:>10}\n", "file", "raw", "gzip", "brotli");
    for s in sizes {
        let _ = writeln!(out, "{:<40} {:>10} {:>10} {:>10}", s.path, s.raw, s.gzip, s.brotli);
    }
    for b in &BUNDLES {
        let (raw, gz, br) = totals(sizes, b.contains);
        let verdict = if gz <= b.budget { "within" } else { "OVER" };
        let label = format!("{} total", b.label);
        let _ =
            writeln!(out, "{label:<40} {raw:>10} {gz:>10} {br:>10}   budget {} KB gzip: {verdict}", b.budget / 1024);
        if gz > b.goal {
            let _ = writeln!(
                out,
                "{:<40} the goal is {} KB gzip: {} KB to go",
                "",
                b.goal / 1024,
                (gz - b.goal).div_ceil(1024)
            );
        }
    }
    out
}

/// Raw, gzip and brotli totals of the files a bundle contains.
pub fn totals(sizes: &[FileSize], contains: fn(&str) -> bool) -> (u64, u64, u64) {
    sizes.iter().filter(|s| contains(&s.path)).fold((0, 0, 0), |t, s| (t.0 + s.raw, t.1 + s.gzip, t.2 + s.brotli))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compression_is_deterministic_and_smaller_for_text() {
        let text = "abc ".repeat(1000);
        assert_eq!(gzip(text.as_bytes()).unwrap(), gzip(text.as_bytes()).unwrap());
        assert!(gzip(text.as_bytes()).unwrap() < 100);
        assert!(brotli(text.as_bytes()).unwrap() < 100);
    }

    #[test]
    fn totals_split_the_bundles_and_leave_out_the_docs_page() {
        let f = |p: &str, g| FileSize { path: p.to_owned(), raw: g * 3, gzip: g, brotli: g - 1 };
        let sizes = [
            f("index.html", 10),
            f("pkg/a.wasm", 100),
            f("api/acg.js", 20),
            f("embed/index.html", 5),
            f("embed/acg_embed_bg.wasm", 40),
            f("embed/acg-embed.js", 6),
            f("embed/acg_explain_bg.wasm", 30),
            f("interchange/acg_interchange_bg.wasm", 50),
        ];
        let [app, api, embeds, explain, interchange] = &BUNDLES;
        assert_eq!(totals(&sizes, app.contains), (330, 110, 108));
        assert_eq!(totals(&sizes, api.contains), (60, 20, 19));
        assert_eq!(totals(&sizes, embeds.contains), (138, 46, 44));
        assert_eq!(totals(&sizes, explain.contains), (108, 36, 34));
        assert_eq!(totals(&sizes, interchange.contains), (150, 50, 49));
        assert!(report(&sizes).contains("embeds total"));
    }
}
