//! The crate's module graph is a DAG, and ARCHITECTURE.md's codemap lists the modules in their import order.
//!
//! Reads `src/**/*.rs` as text (comments, string literals, `#[cfg(test)]` items and `tests.rs` files left
//! out) and collects every path that starts at `crate::`, `$crate::` or `super::`:
//! - between top-level modules (`model`, `billing`, ...): each module may only refer to modules listed before
//!   it in the codemap section of `crates/acg-core` in ARCHITECTURE.md (one bullet per module, the bullet's
//!   first backticked word is `name.rs` or `name/`), and every module must have its bullet;
//! - between the submodules of a directory module (`validate/gallery.rs` and `validate/image.rs`, ...): no
//!   cycle. A submodule may use its parent (`mod.rs`), and the parent its submodules; shared helpers live there.
//!
//! Paths through the crate root (`crate::Plan`) count as references to the module the root re-exports them from.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Ident(String),
    Punct(char),
    PathSep,
}

/// Comments and the contents of string and char literals removed.
fn strip(src: &str) -> String {
    let chars: Vec<char> = src.chars().collect();
    let mut out = String::with_capacity(src.len());
    let mut i = 0;
    let prev_ident = |out: &String| out.chars().last().is_some_and(|p| p.is_alphanumeric() || p == '_');
    while i < chars.len() {
        let at = |i: usize| chars.get(i).copied().unwrap_or('\0');
        if at(i) == '/' && at(i + 1) == '/' {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if at(i) == '/' && at(i + 1) == '*' {
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && at(i + 1) == '*' {
                    depth += 1;
                    i += 2;
                } else if chars[i] == '*' && at(i + 1) == '/' {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
            out.push(' ');
        } else if (at(i) == 'r' || (at(i) == 'b' && at(i + 1) == 'r')) && !prev_ident(&out) && {
            let s = if at(i) == 'b' { 2 } else { 1 };
            let mut k = s;
            while at(i + k) == '#' {
                k += 1;
            }
            at(i + k) == '"'
        } {
            // Raw string: r#"..."#
            i += if at(i) == 'b' { 2 } else { 1 };
            let mut hashes = 0;
            while chars[i] == '#' {
                hashes += 1;
                i += 1;
            }
            i += 1;
            loop {
                if i >= chars.len() {
                    break;
                }
                if chars[i] == '"' && (0..hashes).all(|h| chars.get(i + 1 + h) == Some(&'#')) {
                    i += 1 + hashes;
                    break;
                }
                i += 1;
            }
            out.push_str("\"\"");
        } else if at(i) == '"' {
            let start = i + 1;
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                i += if chars[i] == '\\' { 2 } else { 1 };
            }
            let literal: String = chars[start..i.min(chars.len())].iter().collect();
            i += 1;
            // A path in a string is code to serde (`skip_serializing_if = "crate::billing::X::is_empty"`).
            let path_like = literal.chars().all(|ch| ch.is_alphanumeric() || ch == '_' || ch == ':');
            if path_like && (literal.starts_with("crate::") || literal.starts_with("super::")) {
                out.push(' ');
                out.push_str(&literal);
                out.push(' ');
            } else {
                out.push_str("\"\"");
            }
        } else if at(i) == '\'' && (at(i + 1) == '\\' || (at(i + 2) == '\'' && at(i + 1) != '\'')) {
            // A char literal ('a', '\n', '\u{..}'); otherwise a lifetime.
            i += 1;
            while i < chars.len() && chars[i] != '\'' {
                i += if chars[i] == '\\' { 2 } else { 1 };
            }
            i += 1;
            out.push_str("' '");
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

fn tokens(src: &str) -> Vec<Tok> {
    let c: Vec<char> = src.chars().collect();
    let mut toks = Vec::new();
    let mut i = 0;
    while i < c.len() {
        if c[i].is_alphabetic() || c[i] == '_' {
            let s = i;
            while i < c.len() && (c[i].is_alphanumeric() || c[i] == '_') {
                i += 1;
            }
            toks.push(Tok::Ident(c[s..i].iter().collect()));
        } else if c[i] == '$' && c.get(i + 1) == Some(&'c') {
            i += 1; // `$crate` reads as `crate`
        } else if c[i] == ':' && c.get(i + 1) == Some(&':') {
            toks.push(Tok::PathSep);
            i += 2;
        } else if c[i].is_whitespace() || c[i].is_ascii_digit() {
            i += 1;
        } else {
            toks.push(Tok::Punct(c[i]));
            i += 1;
        }
    }
    toks
}

fn ident(t: Option<&Tok>, s: &str) -> bool {
    matches!(t, Some(Tok::Ident(x)) if x == s)
}

/// The tokens with every `#[cfg(test)]` item left out.
fn without_test_items(toks: &[Tok]) -> Vec<Tok> {
    let p = |c: char| Tok::Punct(c);
    let mut out = Vec::with_capacity(toks.len());
    let mut i = 0;
    while i < toks.len() {
        let attr = [p('#'), p('['), Tok::Ident("cfg".into()), p('('), Tok::Ident("test".into()), p(')'), p(']')];
        if toks[i..].starts_with(&attr) {
            i += attr.len();
            // Further attributes, then the item: up to a `;` or the end of its first top-level `{}` block.
            let mut depth = 0i32;
            while i < toks.len() {
                match &toks[i] {
                    Tok::Punct('(' | '[' | '{') => depth += 1,
                    Tok::Punct(')' | ']') => depth -= 1,
                    Tok::Punct('}') => {
                        depth -= 1;
                        if depth == 0 {
                            i += 1;
                            break;
                        }
                    }
                    Tok::Punct(';') if depth == 0 => {
                        i += 1;
                        break;
                    }
                    _ => {}
                }
                i += 1;
            }
        } else {
            out.push(toks[i].clone());
            i += 1;
        }
    }
    out
}

/// The paths a use tree or path starting at `toks[i]` (just after `crate::`/`super::`) names, each as segments;
/// `{a::b, c}` groups expand. Returns the paths and the index after them.
fn path_tree(toks: &[Tok], mut i: usize) -> (Vec<Vec<String>>, usize) {
    let mut prefix = Vec::new();
    loop {
        match toks.get(i) {
            Some(Tok::Ident(s)) => {
                prefix.push(s.clone());
                i += 1;
                if toks.get(i) == Some(&Tok::PathSep) {
                    i += 1;
                } else {
                    return (vec![prefix], i);
                }
            }
            Some(Tok::Punct('{')) => {
                i += 1;
                let mut all = Vec::new();
                loop {
                    match toks.get(i) {
                        Some(Tok::Punct('}')) | None => return (all, i + 1),
                        Some(Tok::Punct(',')) => i += 1,
                        Some(Tok::Ident(s)) if s == "as" => i += 2,
                        _ => {
                            let (sub, j) = path_tree(toks, i);
                            all.extend(sub.into_iter().map(|s| [prefix.clone(), s].concat()));
                            i = if j > i { j } else { i + 1 };
                        }
                    }
                }
            }
            _ => return (vec![prefix], i),
        }
    }
}

struct File {
    /// Module path: `["billing", "document"]`, `["billing"]` for `billing/mod.rs`.
    module: Vec<String>,
    toks: Vec<Tok>,
}

fn read_files(dir: &Path, module: &[String], out: &mut Vec<File>) {
    let mut entries: Vec<_> = fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    entries.sort();
    for p in entries {
        let name = p.file_name().unwrap().to_str().unwrap().to_string();
        if p.is_dir() {
            read_files(&p, &[module.to_vec(), vec![name]].concat(), out);
        } else if let Some(stem) = name.strip_suffix(".rs") {
            if stem == "tests" || (module.is_empty() && stem == "lib") {
                continue;
            }
            let m = if stem == "mod" { module.to_vec() } else { [module.to_vec(), vec![stem.to_string()]].concat() };
            let toks = without_test_items(&tokens(&strip(&fs::read_to_string(&p).unwrap())));
            out.push(File { module: m, toks });
        }
    }
}

/// Every absolute path (from the crate root) the file's tokens name through `crate::` or `super::`, with the
/// module it is named in (inline non-test `mod x { }` blocks included).
fn absolute_paths(file: &File) -> Vec<(Vec<String>, Vec<String>)> {
    let mut out = Vec::new();
    let mut module = file.module.clone();
    let mut open: Vec<(usize, usize)> = Vec::new(); // (brace depth, module length before) of inline mods
    let mut depth = 0;
    let toks = &file.toks;
    let mut i = 0;
    while i < toks.len() {
        match &toks[i] {
            Tok::Punct('{') => depth += 1,
            Tok::Punct('}') => {
                depth -= 1;
                if open.last().is_some_and(|&(d, _)| d == depth) {
                    module.truncate(open.pop().unwrap().1);
                }
            }
            Tok::Ident(m) if m == "mod" => {
                if let (Some(Tok::Ident(name)), Some(Tok::Punct('{'))) = (toks.get(i + 1), toks.get(i + 2)) {
                    open.push((depth, module.len()));
                    module.push(name.clone());
                }
            }
            Tok::Ident(s) if (s == "crate" || s == "super") && toks.get(i + 1) == Some(&Tok::PathSep) => {
                let preceded_by_sep = i > 0 && toks[i - 1] == Tok::PathSep;
                if !preceded_by_sep {
                    let mut base = module.clone();
                    let mut j = i;
                    if s == "crate" {
                        base.clear();
                        j += 2;
                    } else {
                        while ident(toks.get(j), "super") && toks.get(j + 1) == Some(&Tok::PathSep) {
                            base.pop();
                            j += 2;
                        }
                    }
                    let (paths, next) = path_tree(toks, j);
                    for p in paths {
                        out.push((module.clone(), [base.clone(), p].concat()));
                    }
                    i = next;
                    continue;
                }
            }
            _ => {}
        }
        i += 1;
    }
    out
}

/// Names a module re-exports or imports from its child modules (`pub use catalog::{Price, PriceBook}`): name -> child.
fn reexports(f: &File, children: &BTreeSet<String>) -> BTreeMap<String, Vec<String>> {
    let mut map: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let t = &f.toks;
    let mut globs = Vec::new();
    for i in 0..t.len() {
        if !ident(t.get(i), "use") {
            continue;
        }
        let mut j = i + 1;
        if ident(t.get(j), "self") && t.get(j + 1) == Some(&Tok::PathSep) {
            j += 2;
        }
        let (paths, _) = path_tree(t, j);
        for p in paths {
            if p.len() >= 2 && children.contains(&p[0]) {
                let last = p.last().unwrap();
                if last == "self" {
                    continue;
                }
                map.entry(last.clone()).or_default().push(p[0].clone());
            } else if p.len() == 1 && children.contains(&p[0]) && t.get(j + 2) == Some(&Tok::Punct('*')) {
                globs.push(p[0].clone());
            }
        }
        // `use child::*`
        if let (Some(Tok::Ident(c)), Some(Tok::PathSep), Some(Tok::Punct('*'))) = (t.get(j), t.get(j + 1), t.get(j + 2))
            && children.contains(c)
        {
            globs.push(c.clone());
        }
    }
    if !globs.is_empty() {
        map.insert("*".into(), globs);
    }
    map
}

struct Graph {
    top: BTreeMap<String, BTreeSet<String>>,
    /// Directory module -> (submodule -> sibling submodules it refers to).
    sub: BTreeMap<String, BTreeMap<String, BTreeSet<String>>>,
}

fn graph(src: &Path) -> Graph {
    let mut files = Vec::new();
    read_files(src, &[], &mut files);
    let lib = File { module: vec![], toks: tokens(&strip(&fs::read_to_string(src.join("lib.rs")).unwrap())) };
    let top_mods: BTreeSet<String> = files.iter().map(|f| f.module[0].clone()).collect();
    let mut children: BTreeMap<Vec<String>, BTreeSet<String>> = BTreeMap::new();
    for f in &files {
        if f.module.len() > 1 {
            children
                .entry(f.module[..f.module.len() - 1].to_vec())
                .or_default()
                .insert(f.module.last().unwrap().clone());
        }
    }
    let root_items = reexports(&lib, &top_mods);
    let mod_items: BTreeMap<Vec<String>, BTreeMap<String, Vec<String>>> =
        files.iter().filter_map(|f| children.get(&f.module).map(|c| (f.module.clone(), reexports(f, c)))).collect();
    // Where an item named through a module (or the root) is defined: the child(ren) it comes from, if any.
    let resolve = |items: Option<&BTreeMap<String, Vec<String>>>, name: &str| -> Vec<String> {
        let Some(items) = items else { return vec![] };
        items.get(name).or_else(|| items.get("*")).cloned().unwrap_or_default()
    };

    let mut g = Graph { top: top_mods.iter().map(|m| (m.clone(), BTreeSet::new())).collect(), sub: BTreeMap::new() };
    for f in &files {
        let me = &f.module[0];
        for (_, path) in absolute_paths(f) {
            let Some(first) = path.first() else { continue };
            let targets =
                if top_mods.contains(first) { vec![first.clone()] } else { resolve(Some(&root_items), first) };
            for t in &targets {
                if t != me {
                    g.top.get_mut(me).unwrap().insert(t.clone());
                }
            }
            // Sibling edges between the submodules of `me` (a file like `billing/document.rs`).
            if f.module.len() == 2 && first == me && path.len() >= 2 {
                let sibs = &children[&f.module[..1].to_vec()];
                let target = if sibs.contains(&path[1]) {
                    vec![path[1].clone()]
                } else {
                    resolve(mod_items.get(&f.module[..1]), &path[1])
                };
                for t in target {
                    if t != f.module[1] {
                        g.sub.entry(me.clone()).or_default().entry(f.module[1].clone()).or_default().insert(t);
                    }
                }
            }
        }
    }
    g
}

fn cycle(edges: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        n: &str,
        edges: &BTreeMap<String, BTreeSet<String>>,
        state: &mut BTreeMap<String, u8>,
        stack: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        match state.get(n) {
            Some(2) => return None,
            Some(1) => {
                let at = stack.iter().position(|s| s == n).unwrap();
                return Some([&stack[at..], &[n.to_string()]].concat());
            }
            _ => {}
        }
        state.insert(n.to_string(), 1);
        stack.push(n.to_string());
        for m in edges.get(n).into_iter().flatten() {
            if let Some(c) = visit(m, edges, state, stack) {
                return Some(c);
            }
        }
        stack.pop();
        state.insert(n.to_string(), 2);
        None
    }
    let mut state = BTreeMap::new();
    edges.keys().find_map(|n| visit(n, edges, &mut state, &mut Vec::new()))
}

/// The modules the codemap section of `crates/acg-core` lists, in order: each bullet's first backticked word.
fn codemap_order(architecture: &str) -> Vec<String> {
    let mut in_section = false;
    let mut order = Vec::new();
    for line in architecture.lines() {
        if line.starts_with('#') {
            in_section = line.trim() == "### `crates/acg-core`";
            continue;
        }
        let Some(rest) = line.strip_prefix("- `").filter(|_| in_section) else { continue };
        let word = rest.split('`').next().unwrap();
        let name = word.strip_suffix(".rs").or_else(|| word.strip_suffix('/'));
        if let Some(name) = name.filter(|n| n.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'))
        {
            order.push(name.to_string());
        }
    }
    order
}

fn src_dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

#[test]
fn no_cycle_between_modules() {
    let g = graph(&src_dir());
    if let Some(c) = cycle(&g.top) {
        panic!("import cycle between acg-core's modules: {}\nthe graph: {:#?}", c.join(" -> "), g.top);
    }
}

#[test]
fn no_cycle_between_submodules() {
    let g = graph(&src_dir());
    for (parent, edges) in &g.sub {
        if let Some(c) = cycle(edges) {
            panic!("import cycle inside {parent}/: {}\nthe graph: {edges:#?}", c.join(" -> "));
        }
    }
}

#[test]
fn codemap_lists_modules_in_import_order() {
    let g = graph(&src_dir());
    let text = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ARCHITECTURE.md")).unwrap();
    let order = codemap_order(&text);
    let mut problems = Vec::new();
    for m in g.top.keys() {
        if !order.contains(m) {
            problems.push(format!("`{m}` has no bullet in the codemap"));
        }
    }
    for (i, m) in order.iter().enumerate() {
        if order[..i].contains(m) {
            problems.push(format!("`{m}` has two bullets in the codemap"));
        }
        let Some(uses) = g.top.get(m) else {
            problems.push(format!("the codemap lists `{m}`, which is no module of acg-core"));
            continue;
        };
        for u in uses {
            if !order[..i].contains(u) {
                problems.push(format!("`{m}` refers to `{u}`, which the codemap lists after it (or not at all)"));
            }
        }
    }
    assert!(problems.is_empty(), "{}\ncodemap order: {order:?}\nthe graph: {:#?}", problems.join("\n"), g.top);
}

/// The checker itself: it sees what it should and nothing else.
#[test]
fn the_scanner_reads_paths_not_comments() {
    let src = r##"
//! [`crate::a::X`] in docs
use crate::{b::Y, c::{self, Z}};
use super::super::d;
/* crate::e::W */ let s = "see crate::f::V"; let r = r#"crate::g"#;
#[serde(skip_serializing_if = "crate::k::X::is_empty")] let c = '"'; let l: &'a str;
#[cfg(test)]
mod tests { use crate::h; }
fn k() { $crate::i::j(); }
"##;
    let f = File { module: vec!["x".into(), "y".into(), "z".into()], toks: without_test_items(&tokens(&strip(src))) };
    let firsts: Vec<String> = absolute_paths(&f).into_iter().map(|(_, p)| p[0].clone()).collect();
    assert_eq!(firsts, ["b", "c", "c", "x", "k", "i"]);
    let mut e = BTreeMap::new();
    e.insert("a".to_string(), BTreeSet::from(["b".to_string()]));
    e.insert("b".to_string(), BTreeSet::from(["a".to_string()]));
    assert!(cycle(&e).is_some());
    assert_eq!(
        codemap_order(
            "### `crates/acg-core`\n- `model.rs`: x `enums.rs`\n- `validate/`: y\n- `benches/x.rs`\n### `web/`\n- `lib.rs`"
        ),
        ["model", "validate"]
    );
}
