//! Matching one error message against the guide's messages.
//!
//! A guide message becomes a template once (on first use): its words are literals, compared by their letters
//! and digits only (so quotes, brackets and punctuation never matter), weighted by how rare they are among
//! the guide's messages; a word holding a placeholder (`<galleryName>`, `'properties.<property>'`,
//! `/subscriptions/<subscriptionID>/...`) is a slot that takes one or more words of the message.
//!
//! A message is aligned with a template by dynamic programming: a matching literal earns its weight, an extra
//! word inside the aligned part costs a little, a literal the message lacks earns nothing, a slot takes the
//! words between its neighbours; text before and after the aligned part (a wrapper's prefix, a CLI's tail)
//! is free. The score is what was earned over what the template's literals are worth, adjusted by whether
//! each slot's value looks like what it stands for (a gallery name has no `/`, a version id ends in
//! `/versions/<n>`). Work per message is the words of the message times the words of the few templates that
//! share enough rare words with it.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::guide::{Entry, GUIDE};

/// What an extra message word inside the aligned part costs, in literal-weight units.
const EXTRA: f32 = 0.35;
/// What a slot that takes no word costs (refunded when punctuation stands where the value should be).
const EMPTY: f32 = 0.5;
/// The most words of one message that are aligned (a longer message is cut there).
pub(crate) const MAX_WORDS: usize = 400;

/// A placeholder's kind: what its value should look like.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// One word without `/`: a gallery, definition, resource group or scale set name.
    Name,
    /// `gallery/definition`.
    NamePair,
    /// A resource id (`/subscriptions/...`).
    ResourceId,
    /// A subscription or tenant GUID.
    Guid,
    /// `Major.Minor.Patch`.
    Version,
    /// A whole number.
    Number,
    /// A region name.
    Region,
    /// Anything.
    Any,
}

fn kind_of(placeholder: &str) -> Kind {
    match placeholder {
        "galleryName" | "imageDefinitionName" | "imageName" | "resourceGroup" | "vmssName" => Kind::Name,
        "galleryName/imageDefinitionName" => Kind::NamePair,
        "resourceID" | "vmID" | "diskEncryptionSetID" | "diskID" | "versionID" | "imageDefinitionResourceID" => {
            Kind::ResourceId
        }
        "subscriptionID" | "subscriptionID_1" | "subscriptionID_2" | "subcriptionID_2" | "tenantID" => Kind::Guid,
        "versionNumber" => Kind::Version,
        "number" | "minValue" | "maxValue" => Kind::Number,
        "region" | "region_1" | "region_2" | "sourceRegion" => Kind::Region,
        _ => Kind::Any,
    }
}

/// A piece of a slot word: literal text around placeholders.
#[derive(Debug, Clone)]
enum Piece {
    Lit(String),
    Hole(&'static str),
}

#[derive(Debug, Clone)]
enum Tok {
    Lit {
        id: u16,
        w: f32,
    },
    /// A word with placeholders. Where it has one placeholder between dotted literals
    /// (`'galleryImage.properties.<property>'`), those literals' segments (`galleryimage`, `properties`) count
    /// like words, with their weights: `before` from the value's start, `after` from its end.
    Slot {
        pieces: Vec<Piece>,
        before: Vec<(String, f32)>,
        after: Vec<(String, f32)>,
    },
}

#[derive(Debug)]
pub(crate) struct Template {
    pub entry: &'static Entry,
    toks: Vec<Tok>,
    total: f32,
    /// The distinct literal ids with their weights (for the quick bound).
    lits: Vec<(u16, f32)>,
    /// The weight of the slots' dotted literals (always counted as present by the quick bound).
    slot_weight: f32,
}

pub(crate) struct Compiled {
    pub templates: Vec<Template>,
    vocab: HashMap<String, u16>,
    /// Vocabulary words by id (for near matches).
    words: Vec<String>,
}

/// The comparison key of a word: its ASCII letters and digits, lower-cased.
pub(crate) fn key(word: &str) -> String {
    word.chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_lowercase()).collect()
}

/// Splits a guide message into words, keeping `<...>` (which may hold a space) inside its word.
fn template_words(message: &'static str) -> Vec<&'static str> {
    let mut words = Vec::new();
    let mut start = None;
    let mut in_hole = false;
    for (i, c) in message.char_indices() {
        match c {
            '<' => {
                in_hole = true;
                start.get_or_insert(i);
            }
            '>' => in_hole = false,
            c if c.is_whitespace() && !in_hole => {
                if let Some(s) = start.take() {
                    words.push(&message[s..i]);
                }
            }
            _ => {
                start.get_or_insert(i);
            }
        }
    }
    if let Some(s) = start {
        words.push(&message[s..]);
    }
    words
}

/// The pieces of a word with a placeholder; `None` for a word without one.
fn pieces(word: &'static str) -> Option<Vec<Piece>> {
    // `<-` and `<!` in D4's regex are not placeholders: a placeholder starts with a letter.
    let is_hole_start = |i: usize| word[i + 1..].chars().next().is_some_and(|c| c.is_ascii_alphabetic());
    if !word.char_indices().any(|(i, c)| c == '<' && is_hole_start(i)) {
        return None;
    }
    let mut out = Vec::new();
    let mut rest = word;
    let mut offset = 0;
    while let Some(open) = rest.char_indices().find(|&(i, c)| c == '<' && is_hole_start(offset + i)).map(|(i, _)| i) {
        let Some(close) = rest[open..].find('>') else { break };
        if open > 0 {
            out.push(Piece::Lit(rest[..open].to_owned()));
        }
        out.push(Piece::Hole(rest[open + 1..open + close].trim()));
        offset += open + close + 1;
        rest = &rest[open + close + 1..];
    }
    if !rest.is_empty() {
        out.push(Piece::Lit(rest.to_owned()));
    }
    Some(out)
}

pub(crate) fn compiled() -> &'static Compiled {
    static COMPILED: OnceLock<Compiled> = OnceLock::new();
    COMPILED.get_or_init(compile)
}

fn compile() -> Compiled {
    // Document frequency of each literal key over the guide's messages.
    let mut df: HashMap<String, usize> = HashMap::new();
    let split: Vec<Vec<&'static str>> = GUIDE.iter().map(|e| template_words(e.message)).collect();
    for words in &split {
        let mut seen: Vec<String> = words
            .iter()
            .flat_map(|w| match pieces(w) {
                None => vec![key(w)],
                Some(p) => dotted(&p).0.into_iter().chain(dotted(&p).1).collect(),
            })
            .collect();
        seen.sort();
        seen.dedup();
        for k in seen.into_iter().filter(|k| !k.is_empty()) {
            *df.entry(k).or_default() += 1;
        }
    }
    let n = GUIDE.len() as f32;
    let mut vocab: HashMap<String, u16> = HashMap::new();
    let mut words: Vec<String> = Vec::new();
    let mut templates = Vec::with_capacity(GUIDE.len());
    for (entry, ws) in GUIDE.iter().zip(split) {
        let mut toks = Vec::new();
        for w in ws {
            if let Some(p) = pieces(w) {
                let weigh = |k: String| {
                    let weight = (1.0 + n / df.get(&k).copied().unwrap_or(1) as f32).ln();
                    (k, weight)
                };
                let (before, after) = dotted(&p);
                let before = before.into_iter().map(weigh).collect();
                let after = after.into_iter().map(weigh).collect();
                toks.push(Tok::Slot { pieces: p, before, after });
                continue;
            }
            let k = key(w);
            if k.is_empty() {
                continue;
            }
            let id = *vocab.entry(k.clone()).or_insert_with(|| {
                words.push(k.clone());
                u16::try_from(words.len() - 1).unwrap_or(u16::MAX)
            });
            let weight = (1.0 + n / df.get(&k).copied().unwrap_or(1) as f32).ln();
            toks.push(Tok::Lit { id, w: weight });
        }
        let slot_weight: f32 = toks
            .iter()
            .map(|t| {
                if let Tok::Slot { before, after, .. } = t {
                    before.iter().chain(after).map(|s| s.1).sum()
                } else {
                    0.0
                }
            })
            .sum();
        let total = toks.iter().map(|t| if let Tok::Lit { w, .. } = t { *w } else { 0.0 }).sum::<f32>() + slot_weight;
        let mut lits: Vec<(u16, f32)> =
            toks.iter().filter_map(|t| if let Tok::Lit { id, w } = t { Some((*id, *w)) } else { None }).collect();
        lits.sort_by_key(|l| l.0);
        lits.dedup_by_key(|l| l.0);
        templates.push(Template { entry, toks, total, lits, slot_weight });
    }
    Compiled { templates, vocab, words }
}

/// One word of a message: where it is, and which guide word it is (with how close).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Word {
    start: usize,
    end: usize,
    id: Option<(u16, f32)>,
}

/// Splits a message into words and looks each up in the guide's vocabulary once.
pub(crate) fn words(c: &Compiled, text: &str) -> Vec<Word> {
    let mut out = Vec::new();
    let mut start = None;
    let mut push = |s: usize, e: usize| {
        let k = key(&text[s..e]);
        if !k.is_empty() && out.len() < MAX_WORDS {
            out.push(Word { start: s, end: e, id: lookup(c, &k) });
        }
    };
    for (i, ch) in text.char_indices() {
        if ch.is_whitespace() {
            if let Some(s) = start.take() {
                push(s, i);
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        push(s, text.len());
    }
    out
}

fn lookup(c: &Compiled, k: &str) -> Option<(u16, f32)> {
    if let Some(&id) = c.vocab.get(k) {
        return Some((id, 1.0));
    }
    // A plural or singular form of a guide word ("lun" / "luns", "character" / "characters").
    for stem in [k.strip_suffix("es"), k.strip_suffix('s')].into_iter().flatten() {
        if let Some(&id) = c.vocab.get(stem) {
            return Some((id, 0.8));
        }
    }
    if let Some(&id) = c.vocab.get(&format!("{k}s")) {
        return Some((id, 0.8));
    }
    // One letter off in a long word (a typo, a spelling variant).
    if k.len() >= 7 {
        for (id, w) in c.words.iter().enumerate() {
            if w.len().abs_diff(k.len()) <= 1 && w.len() >= 7 && one_edit(w.as_bytes(), k.as_bytes()) {
                return Some((u16::try_from(id).unwrap_or(u16::MAX), 0.7));
            }
        }
    }
    None
}

/// Whether two words differ by at most one insertion, deletion or substitution.
fn one_edit(a: &[u8], b: &[u8]) -> bool {
    let (a, b) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    if a.len() == b.len() {
        a[prefix..].iter().skip(1).eq(b[prefix..].iter().skip(1))
    } else {
        a[prefix..] == b[prefix + 1..]
    }
}

/// The result of aligning one template with one message.
#[derive(Debug, Clone)]
pub(crate) struct Aligned {
    pub score: f32,
    /// Placeholder name and its value, in template order.
    pub values: Vec<(&'static str, String)>,
}

/// A quick upper bound of a template's score on a message: the share of its literal weight whose words the
/// message has at all.
pub(crate) fn bound(t: &Template, present: &[bool]) -> f32 {
    if t.total <= 0.0 {
        return 0.0;
    }
    let have: f32 =
        t.lits.iter().filter(|(id, _)| present.get(usize::from(*id)).copied().unwrap_or(false)).map(|l| l.1).sum();
    (have + t.slot_weight) / t.total
}

/// Which vocabulary ids a message has.
pub(crate) fn present(c: &Compiled, words: &[Word]) -> Vec<bool> {
    let mut p = vec![false; c.words.len()];
    for w in words {
        if let Some((id, _)) = w.id
            && let Some(slot) = p.get_mut(usize::from(id))
        {
            *slot = true;
        }
    }
    p
}

// Back-pointers of the alignment.
const FROM_NONE: u8 = 0;
const A_MATCH: u8 = 1; // A[i][j] from A[i-1][j-1], literal matched
const A_SKIP: u8 = 2; // A[i][j] from A[i-1][j], literal missing or slot empty
const A_EXTRA: u8 = 3; // A[i][j] from A[i][j-1], extra message word
const A_CLOSE: u8 = 4; // A[i][j] from B[i][j], slot closed
const B_START: u8 = 5; // B[i][j] from A[i-1][j-1]
const B_EXTEND: u8 = 6; // B[i][j] from B[i][j-1]

/// Aligns `t` with the message `text` split into `words`. `buf` is reused between calls.
// `i`, `j`, `n`, `m`, `w`: the template and message positions and lengths, as in every text on alignment.
#[allow(clippy::many_single_char_names)]
pub(crate) fn align(t: &Template, text: &str, words: &[Word], buf: &mut Vec<(f32, u8, f32, u8)>) -> Aligned {
    let n = t.toks.len();
    let m = words.len();
    let w = m + 1;
    buf.clear();
    buf.resize((n + 1) * w, (f32::NEG_INFINITY, FROM_NONE, f32::NEG_INFINITY, FROM_NONE));
    for cell in &mut buf[..=m] {
        cell.0 = 0.0; // free prefix
    }
    for i in 0..n {
        let tok = &t.toks[i];
        for j in 0..=m {
            // Extra message word at (i, j) -> (i, j+1): only inside the aligned part.
            let a = buf[i * w + j].0;
            if i > 0 && j < m && a - EXTRA > buf[i * w + j + 1].0 {
                buf[i * w + j + 1].0 = a - EXTRA;
                buf[i * w + j + 1].1 = A_EXTRA;
            }
            if a == f32::NEG_INFINITY {
                continue;
            }
            let next = (i + 1) * w;
            match tok {
                Tok::Lit { id, w: weight } => {
                    if j < m
                        && let Some((wid, sim)) = words[j].id
                        && wid == *id
                    {
                        let v = a + weight * sim;
                        if v > buf[next + j + 1].0 {
                            buf[next + j + 1].0 = v;
                            buf[next + j + 1].1 = A_MATCH;
                        }
                    }
                    if a > buf[next + j].0 {
                        buf[next + j].0 = a;
                        buf[next + j].1 = A_SKIP;
                    }
                }
                Tok::Slot { .. } => {
                    if a - EMPTY > buf[next + j].0 {
                        buf[next + j].0 = a - EMPTY;
                        buf[next + j].1 = A_SKIP;
                    }
                    if j < m && a > buf[next + j + 1].2 {
                        buf[next + j + 1].2 = a;
                        buf[next + j + 1].3 = B_START;
                    }
                }
            }
        }
        // Open slots extend and close along row i+1.
        if matches!(tok, Tok::Slot { .. }) {
            let row = (i + 1) * w;
            for j in 1..=m {
                if j < m && buf[row + j].2 > buf[row + j + 1].2 {
                    buf[row + j + 1].2 = buf[row + j].2;
                    buf[row + j + 1].3 = B_EXTEND;
                }
                if buf[row + j].2 > buf[row + j].0 {
                    buf[row + j].0 = buf[row + j].2;
                    buf[row + j].1 = A_CLOSE;
                }
            }
        }
    }
    // Free suffix: the first best end.
    let last = n * w;
    let mut end = 0;
    for j in 1..=m {
        if buf[last + j].0 > buf[last + end].0 {
            end = j;
        }
    }
    let mut raw = buf[last + end].0;
    // Trace back each slot's words: (first word, end word), end exclusive.
    let mut spans: Vec<Option<(usize, usize)>> = vec![None; n];
    let mut anchors: Vec<usize> = vec![0; n]; // the word position where each template token sits
    let (mut i, mut j, mut in_b) = (n, end, false);
    let mut slot_end = 0;
    while i > 0 {
        let cell = buf[i * w + j];
        if in_b {
            match cell.3 {
                B_START => {
                    spans[i - 1] = Some((j - 1, slot_end));
                    anchors[i - 1] = j - 1;
                    i -= 1;
                    j -= 1;
                    in_b = false;
                }
                B_EXTEND => j -= 1,
                _ => break,
            }
            continue;
        }
        match cell.1 {
            A_MATCH => {
                anchors[i - 1] = j - 1;
                i -= 1;
                j -= 1;
            }
            A_SKIP => {
                anchors[i - 1] = j;
                i -= 1;
            }
            A_EXTRA => j -= 1,
            A_CLOSE => {
                in_b = true;
                slot_end = j;
            }
            _ => break,
        }
    }
    let mut values = Vec::new();
    for (k, tok) in t.toks.iter().enumerate() {
        let Tok::Slot { pieces, before, after } = tok else { continue };
        // A slot that took words took at least one (`B_START`).
        let value = if let Some((s, e)) = spans[k] {
            text[words[s].start..words[e - 1].end].to_owned()
        } else {
            // An empty slot: the text between its neighbours' words (punctuation such as a trailing ".").
            let at = anchors[k];
            let from = if at == 0 { 0 } else { words[at - 1].end };
            let to = if at < m { words[at].start } else { text.len() };
            let gap = text.get(from..to).unwrap_or("").trim();
            let gap = gap.trim_start_matches(':').trim();
            if !gap.is_empty() {
                raw += EMPTY;
            }
            gap.to_owned()
        };
        let (bonus, found) = fill(pieces, before, after, &value);
        raw += bonus;
        values.extend(found);
    }
    let score = if t.total > 0.0 { raw / t.total } else { 0.0 };
    Aligned { score, values }
}

/// The dotted literals before and after a word's one placeholder, as segment keys: `galleryimage`,
/// `properties` for `'galleryImage.properties.<property>'`; none for a word with several placeholders or a
/// path.
fn dotted(pieces: &[Piece]) -> (Vec<String>, Vec<String>) {
    let holes = pieces.iter().filter(|p| matches!(p, Piece::Hole(_))).count();
    if holes != 1 || is_path(pieces) {
        return (Vec::new(), Vec::new());
    }
    let segs = |p: &Piece| -> Vec<String> {
        if let Piece::Lit(l) = p {
            l.split(['.', ':']).map(key).filter(|k| !k.is_empty()).collect()
        } else {
            Vec::new()
        }
    };
    let before = pieces.iter().take_while(|p| matches!(p, Piece::Lit(_))).flat_map(segs).collect();
    let after = pieces.iter().skip_while(|p| matches!(p, Piece::Lit(_))).skip(1).flat_map(segs).collect();
    (before, after)
}

fn is_path(pieces: &[Piece]) -> bool {
    pieces.iter().any(|p| matches!(p, Piece::Lit(l) if l.matches('/').count() >= 2))
}

/// Splits a slot's text into its placeholders' values, and scores it: the weight of the dotted literals the
/// value has in their places, and whether the values look like what they stand for.
fn fill(
    pieces: &[Piece],
    before: &[(String, f32)],
    after: &[(String, f32)],
    text: &str,
) -> (f32, Vec<(&'static str, String)>) {
    let holes: Vec<&'static str> =
        pieces.iter().filter_map(|p| if let Piece::Hole(h) = p { Some(*h) } else { None }).collect();
    let is_path = is_path(pieces);
    if holes.len() == 1 && !is_path {
        let mut v = strip_outer(text);
        let mut earned = 0.0;
        // `galleryImage.properties.` in D1, `.source.id` in V4: segment by segment, from the value's ends; the
        // value is what lies between them when they are all there.
        let segments: Vec<&str> = v.split(['.', ':']).collect();
        let mut all = true;
        for (i, (k, w)) in before.iter().enumerate() {
            if segments.get(i).is_some_and(|s| key(s) == *k) { earned += w } else { all = false }
        }
        for (i, (k, w)) in after.iter().rev().enumerate() {
            let at = segments.len().checked_sub(i + 1);
            if at.is_some_and(|at| at >= before.len() && key(segments[at]) == *k) { earned += w } else { all = false }
        }
        if all && segments.len() > before.len() + after.len() {
            // Cut at the separators' places in the text itself (`.` or `:`).
            let skip: usize = segments[..before.len()].iter().map(|s| s.len() + 1).sum();
            let keep: usize = segments[before.len()..segments.len() - after.len()].iter().map(|s| s.len() + 1).sum();
            v = v[skip..skip + keep - 1].to_string();
        }
        // The full stop after `<character>.` or `<value>.` is the sentence's.
        let stop =
            pieces.last().is_some_and(|p| matches!(p, Piece::Lit(l) if l.trim_end_matches(['\'', '"']).ends_with('.')));
        if stop && v.len() > 1 && v.ends_with('.') {
            v.pop();
        }
        let kind = kind_of(holes[0]);
        let v = tidy(kind, v);
        return (earned + kind_bonus(kind, &v), vec![(holes[0], v)]);
    }
    match glob(pieces, &strip_outer(text)) {
        Some(found) => {
            let bonus = if is_path { 2.0 } else { 0.5 };
            (bonus, found.into_iter().map(|(h, v)| (h, tidy(kind_of(h), v))).collect())
        }
        None => (if is_path { -2.0 } else { 0.0 }, Vec::new()),
    }
}

/// Matches a slot word's pieces against a value, case-insensitively for the literals; a placeholder in a path
/// takes no `/`.
fn glob(pieces: &[Piece], text: &str) -> Option<Vec<(&'static str, String)>> {
    let lower = text.to_ascii_lowercase();
    let mut at = 0;
    let mut out = Vec::new();
    let mut pending: Option<&'static str> = None;
    for p in pieces {
        match p {
            Piece::Lit(l) => {
                let l = l.trim_matches(|c: char| "'\"[]".contains(c)).to_ascii_lowercase();
                if l.is_empty() {
                    continue;
                }
                let found = if pending.is_some() {
                    lower[at..].find(&l).map(|f| f + at)?
                } else {
                    if !lower[at..].starts_with(&l) {
                        return None;
                    }
                    at
                };
                if let Some(h) = pending.take() {
                    let v = &text[at..found];
                    if v.is_empty() || (v.contains('/') && h != "galleryName/imageDefinitionName") {
                        return None;
                    }
                    out.push((h, v.to_owned()));
                }
                at = found + l.len();
            }
            Piece::Hole(h) => pending = Some(h),
        }
    }
    if let Some(h) = pending {
        let v = text[at..].trim_end_matches(|c: char| "'\"]".contains(c));
        if v.is_empty() || v.contains('/') {
            return None;
        }
        out.push((h, v.to_owned()));
    } else if at != text.len() {
        return None;
    }
    Some(out)
}

/// Removes quotes, brackets and a separator around a value: `['V2']` is `V2`, `'eastus',` is `eastus`.
fn strip_outer(text: &str) -> String {
    let mut v = text.trim();
    loop {
        let before = v.len();
        v = v.trim_start_matches(|c: char| "'\"`‘’“”[(".contains(c));
        v = v.trim_end_matches(|c: char| "'\"`‘’“”])".contains(c) || c == ',' || c == ';' || c == ':');
        v = v.trim();
        if v.len() == before {
            break;
        }
    }
    v.to_owned()
}

/// A value without the sentence's full stop where the kind cannot end in one (a name can: `contoso.` is G2's
/// very point).
fn tidy(kind: Kind, v: String) -> String {
    match kind {
        Kind::Name | Kind::NamePair | Kind::Any => v,
        _ => strip_outer(v.trim_end_matches('.')),
    }
}

fn kind_bonus(kind: Kind, v: &str) -> f32 {
    let one_word = !v.is_empty() && !v.chars().any(char::is_whitespace);
    match kind {
        Kind::Name => {
            if one_word && !v.contains('/') {
                0.0
            } else {
                -1.5
            }
        }
        Kind::NamePair => {
            if one_word && v.matches('/').count() == 1 && !v.starts_with('/') {
                1.0
            } else {
                -1.5
            }
        }
        Kind::ResourceId => {
            if one_word && v.starts_with('/') {
                0.5
            } else {
                0.0
            }
        }
        Kind::Guid => {
            if is_guid(v) {
                0.5
            } else {
                0.0
            }
        }
        Kind::Version => {
            let parts: Vec<&str> = v.split('.').collect();
            if parts.len() == 3 && parts.iter().all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit())) {
                0.5
            } else {
                0.0
            }
        }
        Kind::Number => {
            if !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()) {
                0.3
            } else {
                0.0
            }
        }
        // A region's name is checked by validation, not here: the explain build carries no region catalog.
        Kind::Region | Kind::Any => 0.0,
    }
}

/// `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx` in hex digits.
pub(crate) fn is_guid(v: &str) -> bool {
    let parts: Vec<&str> = v.split('-').collect();
    parts.len() == 5
        && [8, 4, 4, 4, 12].iter().zip(&parts).all(|(n, p)| p.len() == *n && p.bytes().all(|b| b.is_ascii_hexdigit()))
}
