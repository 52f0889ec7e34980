//! The corpus of real files (`tests/fixtures/realworld/`, provenance in its `SOURCES.md`): quickstart
//! templates, Azure Verified Modules compiled to JSON, REST API specification examples, `az` output. Each
//! must read; what is read and every finding must match its reviewed golden (`golden/<file>.txt`); no finding
//! may be an error unless the golden says why; every export keeps expressions as expressions and creates only
//! what the file creates. `ACG_UPDATE_GOLDEN=1` rewrites the goldens (then review the diff).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use acg_core::Plan;
use acg_core::interchange::{ExportFormat, ExportOptions, ImportOptions, export, import, import_with};
use acg_core::model::Reference;

const TODAY: (i32, u32, u32) = (2026, 11, 30);

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/realworld")
}

/// Every corpus file (`*.json` below the corpus folder), without the parameters files that go with templates.
fn corpus() -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut dirs = vec![corpus_dir()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                if path.file_name().is_some_and(|n| n != "golden") {
                    dirs.push(path);
                }
            } else if path.extension().is_some_and(|e| e == "json")
                && !path.to_string_lossy().ends_with(".parameters.json")
            {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

fn relative(path: &Path) -> String {
    path.strip_prefix(corpus_dir()).unwrap().to_string_lossy().replace('\\', "/")
}

fn reference(r: Option<Reference>) -> &'static str {
    match r {
        Some(Reference::Existing) => " (existing: referred to, not created)",
        Some(Reference::Placeholder) => " (placeholder name)",
        None => "",
    }
}

/// The lines of a text that `keep` accepts, each with its newline.
fn lines_where(text: &str, keep: impl Fn(&str) -> bool) -> String {
    let mut out = String::new();
    for l in text.lines().filter(|l| keep(l)) {
        out.push_str(l);
        out.push('\n');
    }
    out
}

/// What a golden records: the format, what was read, the resources, every finding.
fn describe(path: &Path) -> (String, Plan) {
    let text = std::fs::read_to_string(path).unwrap();
    let params = path.with_extension("parameters.json");
    let options =
        ImportOptions { parameters: params.exists().then(|| std::fs::read_to_string(&params).unwrap()), name: None };
    let imported = import_with(&text, &options).unwrap_or_else(|e| panic!("{}: unreadable: {e}", relative(path)));
    let mut out = String::new();
    let _ = writeln!(out, "format: {:?}", imported.format);
    if options.parameters.is_some() {
        let _ = writeln!(out, "parameters: {}", relative(&params));
    }
    let _ = writeln!(out, "read: {}", imported.summary.line());
    out.push_str("resources:\n");
    for g in &imported.plan.galleries {
        let _ = writeln!(out, "  gallery {}{}", g.name, reference(g.unknown.reference));
        for d in &g.images {
            let _ = writeln!(out, "    definition {}{}", d.name, reference(d.unknown.reference));
            for v in &d.versions {
                let _ = writeln!(out, "      version {}{}", v.name, reference(v.unknown.reference));
            }
        }
    }
    let (y, m, d) = TODAY;
    let report = acg_core::validate::validate(&imported.plan, chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap());
    out.push_str("findings:\n");
    for i in &report.issues {
        let _ = writeln!(out, "  {} {} {}: {}", i.severity.as_str().to_uppercase(), i.code, i.path, i.message);
    }
    (out, imported.plan)
}

#[test]
fn every_corpus_file_reads_and_matches_its_golden() {
    let files = corpus();
    assert!(files.len() >= 25, "the corpus has {} files; it should have at least 25", files.len());
    let update = std::env::var_os("ACG_UPDATE_GOLDEN").is_some();
    let mut failures = Vec::new();
    for path in &files {
        let (got, _) = describe(path);
        let golden = corpus_dir().join("golden").join(format!("{}.txt", relative(path).replace('/', "__")));
        if update {
            std::fs::create_dir_all(golden.parent().unwrap()).unwrap();
            // Keep the reviewer's notes (lines starting with '#') at the top.
            let notes = lines_where(&std::fs::read_to_string(&golden).unwrap_or_default(), |l| l.starts_with('#'));
            std::fs::write(&golden, format!("{notes}{got}")).unwrap();
            continue;
        }
        let want = std::fs::read_to_string(&golden).unwrap_or_default();
        let want = lines_where(&want, |l| !l.starts_with('#'));
        if want != got {
            failures.push(format!("{}:\n--- golden\n{want}--- got\n{got}", relative(path)));
        }
    }
    assert!(failures.is_empty(), "{} file(s) differ from their golden:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn no_corpus_file_has_an_error_its_golden_does_not_explain() {
    for path in corpus() {
        let (got, _) = describe(&path);
        if !got.contains("\n  ERROR ") {
            continue;
        }
        let golden = corpus_dir().join("golden").join(format!("{}.txt", relative(&path).replace('/', "__")));
        let notes = std::fs::read_to_string(golden).unwrap_or_default();
        assert!(
            notes.lines().any(|l| l.starts_with("# error:")),
            "{}: an error without a reviewed explanation ('# error: ...' in its golden):\n{got}",
            relative(&path)
        );
    }
}

/// Whether every Bicep string on a line closes before something that may follow a string.
fn bicep_strings_close(line: &str) -> bool {
    let mut chars = line.chars().peekable();
    let mut in_string = false;
    while let Some(c) = chars.next() {
        match (in_string, c) {
            (true, '\\') => {
                chars.next();
            }
            (true, '\'') => {
                in_string = false;
                if !matches!(chars.peek(), None | Some(')' | ',' | ']' | '}' | ' ' | ':' | '?')) {
                    return false;
                }
            }
            (false, '\'') => in_string = true,
            _ => {}
        }
    }
    !in_string
}

/// Strings in an export that are ARM expressions written as literals: `'[...]'` in Bicep, `"[...` in HCL.
fn literal_expressions(text: &str, quote: char) -> Vec<String> {
    let pattern = format!("{quote}[");
    text.lines()
        .filter(|l| l.contains(&pattern) && !l.trim_start().starts_with(['#', '/']))
        .filter(|l| !l.contains("description"))
        .map(str::to_owned)
        .collect()
}

#[test]
fn exports_keep_expressions_and_create_only_what_the_file_creates() {
    for path in corpus() {
        let (_, plan) = describe(&path);
        let name = relative(&path);
        let created: usize = plan
            .galleries
            .iter()
            .map(|g| {
                usize::from(!g.unknown.is_reference())
                    + g.images
                        .iter()
                        .map(|d| {
                            usize::from(!d.unknown.is_reference())
                                + d.versions.iter().filter(|v| !v.unknown.is_reference()).count()
                        })
                        .sum::<usize>()
            })
            .sum();
        let arm = export(&plan, ExportFormat::Arm, &ExportOptions::default());
        let template: serde_json::Value =
            serde_json::from_str(&arm).unwrap_or_else(|e| panic!("{name}: the ARM export is not JSON: {e}"));
        assert_eq!(template["resources"].as_array().map_or(0, Vec::len), created, "{name}: ARM creates\n{arm}");
        // Every parameter an expression uses is declared.
        for p in arm.match_indices("parameters('").map(|(i, _)| &arm[i + 12..]) {
            let p = &p[..p.find('\'').unwrap()];
            assert!(template["parameters"].get(p).is_some(), "{name}: ARM uses parameters('{p}') undeclared\n{arm}");
        }
        if created == 0 {
            continue;
        }
        // Read back: the same resources and the same unknowns.
        let back = import(&arm).unwrap_or_else(|e| panic!("{name}: the ARM export does not read back: {e}\n{arm}"));
        let unknowns = |p: &Plan| {
            p.galleries
                .iter()
                .flat_map(|g| {
                    std::iter::once(g.unknown.values.len()).chain(g.images.iter().flat_map(|d| {
                        std::iter::once(d.unknown.values.len()).chain(d.versions.iter().map(|v| v.unknown.values.len()))
                    }))
                })
                .sum::<usize>()
        };
        assert!(unknowns(&back.plan) >= unknowns(&plan).min(1), "{name}: unknowns lost through ARM");
        let bicep = export(&plan, ExportFormat::Bicep, &ExportOptions::default());
        assert_eq!(literal_expressions(&bicep, '\''), Vec::<String>::new(), "{name}: Bicep\n{bicep}");
        for line in bicep.lines().filter(|l| !l.trim_start().starts_with("//")) {
            assert!(bicep_strings_close(line), "{name}: a Bicep string is not closed where it should be: {line}");
        }
        assert_eq!(
            bicep.matches("existing = {").count() + created,
            bicep.matches("\nresource ").count() + usize::from(bicep.starts_with("resource ")),
            "{name}: Bicep declares\n{bicep}"
        );
        let tf = export(&plan, ExportFormat::Terraform, &ExportOptions::default());
        assert_eq!(literal_expressions(&tf, '"'), Vec::<String>::new(), "{name}: Terraform\n{tf}");
        for var in tf.match_indices("var.").map(|(i, _)| &tf[i + 4..]) {
            let v: String = var.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
            assert!(tf.contains(&format!("variable \"{v}\"")), "{name}: Terraform uses var.{v} undeclared\n{tf}");
        }
    }
}
