//! Finding the error messages in a paste: Azure's JSON error bodies (nested `details`, messages that are
//! themselves JSON, ARM deployment operation lists), the az CLI's `(Code) message` and `Code:` / `Message:`
//! lines, PowerShell's `ErrorCode:` / `ErrorMessage:`, Terraform's boxed `Error: ... with error: Code:
//! message` (wrapped over several lines), go-autorest's `Code="..." Message="..."`, or a bare message.

use serde_json::Value;

/// The most text looked at (a paste longer than this is cut).
pub(crate) const MAX_TEXT: usize = 256 * 1024;
/// The most errors taken from one paste.
pub(crate) const MAX_ERRORS: usize = 64;
/// How deep messages that are JSON inside JSON are followed.
const MAX_DEPTH: usize = 8;

/// One error found in a paste.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Unit {
    /// Azure's error code, when the wrapper gives one (`InvalidParameter`).
    pub code: Option<String>,
    /// The message.
    pub message: String,
    /// The wrapper's `target` (a property or resource), when given.
    pub target: Option<String>,
    /// Whether the message came from a structured wrapper (JSON, `Message:` lines, `(Code)`), as opposed to a
    /// paragraph of plain text.
    pub structured: bool,
}

/// Every error in `text`, in order, without repeats.
pub(crate) fn units(text: &str) -> Vec<Unit> {
    let mut out = Vec::new();
    collect(text, 0, &mut out);
    dedupe(out)
}

fn collect(text: &str, depth: usize, out: &mut Vec<Unit>) {
    let mut plain = String::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let Some(len) = balanced(&rest[open..]) else {
            plain.push_str(&rest[..=open]);
            rest = &rest[open + 1..];
            continue;
        };
        let candidate = &rest[open..open + len];
        if let Ok(value @ Value::Object(_)) = serde_json::from_str::<Value>(candidate) {
            plain.push_str(&rest[..open]);
            plain.push('\n');
            walk(&value, depth, out);
            rest = &rest[open + len..];
        } else {
            plain.push_str(&rest[..=open]);
            rest = &rest[open + 1..];
        }
    }
    plain.push_str(rest);
    lines(&plain, out);
}

/// The length of the balanced `{...}` at the start of `text` (strings and escapes respected), if it closes.
fn balanced(text: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    for (i, b) in text.bytes().enumerate() {
        if in_string {
            match (escaped, b) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'{' | b'[' => depth += 1,
            b'}' | b']' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(i + 1);
                }
            }
            _ => {}
        }
    }
    None
}

fn str_of<'a>(map: &'a serde_json::Map<String, Value>, keys: &[&str]) -> Option<&'a str> {
    keys.iter().find_map(|k| map.get(*k).and_then(Value::as_str)).map(str::trim).filter(|s| !s.is_empty())
}

fn walk(value: &Value, depth: usize, out: &mut Vec<Unit>) {
    if out.len() >= MAX_ERRORS || depth > MAX_DEPTH * 4 {
        return;
    }
    match value {
        Value::Object(map) => {
            let before = out.len();
            for (k, child) in map {
                if matches!(k.as_str(), "message" | "Message" | "errorMessage") {
                    continue;
                }
                match child {
                    // ARM's deployment operations carry the inner error as JSON text (`statusMessage`).
                    Value::String(s) if s.trim_start().starts_with('{') && depth < MAX_DEPTH => {
                        collect(s, depth + 1, out);
                    }
                    _ => walk(child, depth + 1, out),
                }
            }
            let inner = out.len() > before;
            if let Some(message) = str_of(map, &["message", "Message", "errorMessage"]) {
                let code = str_of(map, &["code", "Code", "errorCode"]).map(str::to_owned);
                let target = str_of(map, &["target", "Target"]).map(str::to_owned);
                if message.contains('{') && depth < MAX_DEPTH {
                    let mut nested = Vec::new();
                    collect(message, depth + 1, &mut nested);
                    if nested.iter().any(|u| u.structured) {
                        out.splice(before..before, nested);
                        return;
                    }
                }
                // A wrapper whose details hold the real errors ("At least one resource deployment operation
                // failed") is left out; its details speak.
                if !inner {
                    out.insert(before, Unit { code, message: message.to_owned(), target, structured: true });
                }
            }
        }
        Value::Array(items) => {
            for item in items {
                walk(item, depth + 1, out);
            }
        }
        _ => {}
    }
}

/// Strips what terminals and tools put before each line: Terraform's box (`│`, `╷`, `╵`), a quote (`> `),
/// Packer's `==> builder: `.
fn strip_line(line: &str) -> &str {
    let mut l = line.trim_start();
    loop {
        let before = l.len();
        l = l.trim_start_matches(['│', '╷', '╵', '>']).trim_start();
        if let Some(rest) = l.strip_prefix("==> ").and_then(|r| r.split_once(": ")).map(|(_, m)| m) {
            l = rest;
        }
        if l.len() == before {
            return l.trim_end();
        }
    }
}

/// A code: one word of letters, digits, `.` and `_`, starting with a letter.
fn is_code(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 80
        && s.starts_with(|c: char| c.is_ascii_alphabetic())
        && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '_')
}

/// Labels of lines that are not part of a message.
const NOISE: &[&str] = &[
    "Target:",
    "ErrorTarget:",
    "StatusCode:",
    "ReasonPhrase:",
    "OperationID",
    "Exception Details:",
    "Additional Information:",
    "Status:",
    "Inner error:",
    "Error Code:",
];

fn lines(text: &str, out: &mut Vec<Unit>) {
    let mut code: Option<String> = None;
    let mut current: Option<Unit> = None;
    let flush = |current: &mut Option<Unit>, out: &mut Vec<Unit>| {
        if let Some(u) = current.take().map(unwrap_paragraph)
            && !u.message.is_empty()
            && out.len() < MAX_ERRORS
        {
            out.push(u);
        }
    };
    for raw in text.lines() {
        let line = strip_line(raw);
        if line.is_empty() {
            flush(&mut current, out);
            continue;
        }
        let line = line.strip_prefix("ERROR:").or_else(|| line.strip_prefix("Error:")).map_or(line, str::trim_start);
        if let Some(c) = line.strip_prefix("Code:").or_else(|| line.strip_prefix("ErrorCode:")) {
            flush(&mut current, out);
            code = Some(c.trim().to_owned()).filter(|c| is_code(c));
            continue;
        }
        if let Some(m) = line.strip_prefix("Message:").or_else(|| line.strip_prefix("ErrorMessage:")) {
            flush(&mut current, out);
            current = Some(Unit { code: code.take(), message: m.trim().to_owned(), target: None, structured: true });
            continue;
        }
        if NOISE.iter().any(|n| line.starts_with(n)) {
            flush(&mut current, out);
            continue;
        }
        // az CLI: `(InvalidParameter) message`; Packer: `-> InvalidParameter : message`.
        let coded = line
            .strip_prefix('(')
            .and_then(|rest| rest.split_once(") "))
            .or_else(|| line.strip_prefix("-> ").and_then(|rest| rest.split_once(" : ")))
            .filter(|(c, _)| is_code(c));
        if let Some((c, m)) = coded {
            flush(&mut current, out);
            current =
                Some(Unit { code: Some(c.to_owned()), message: m.trim().to_owned(), target: None, structured: true });
            continue;
        }
        match &mut current {
            Some(u) => {
                u.message.push(' ');
                u.message.push_str(line);
            }
            None => current = Some(Unit { code: None, message: line.to_owned(), target: None, structured: false }),
        }
    }
    flush(&mut current, out);
}

/// A paragraph holding a wrapped error, once its lines are joined: go-autorest's `Code="X" Message="Y"` and
/// Terraform's `... with error: Code: message`.
fn unwrap_paragraph(mut u: Unit) -> Unit {
    u.message = u.message.trim().to_owned();
    if u.message.contains("Message=\"")
        && let Some(found) = autorest(&u.message)
    {
        return found;
    }
    if let Some((_, after)) = u.message.split_once("with error: ") {
        let (code, message) = match after.split_once(": ") {
            Some((c, m)) if is_code(c) => (Some(c.to_owned()), m),
            _ => (None, after),
        };
        return Unit { code, message: message.trim().to_owned(), target: None, structured: true };
    }
    u
}

/// `Code="X" Message="Y" Target="Z"` anywhere in a text.
fn autorest(text: &str) -> Option<Unit> {
    let (_, after) = text.split_once("Message=\"")?;
    // The message ends at the last quote before ` Target="`, or at the last quote of the text.
    let end = after.find("\" Target=\"").or_else(|| after.rfind('"'))?;
    let message = after[..end].replace("\\\"", "\"");
    let target = after[end..].strip_prefix("\" Target=\"").and_then(|t| t.split('"').next()).map(str::to_owned);
    let code = text
        .split_once("Code=\"")
        .and_then(|(_, c)| c.split_once('"'))
        .map(|(c, _)| c.to_owned())
        .filter(|c| is_code(c));
    Some(Unit { code, message: message.trim().to_owned(), target, structured: true })
}

/// Drops an error whose message another one already holds (az prints it twice; PowerShell prefixes it with
/// the cmdlet's name and repeats it after `ErrorMessage:`): of two equal messages the first stays, of a
/// message and a longer one holding it (at most twice its length) the shorter stays, with the longer one's
/// code if it has none.
fn dedupe(mut units: Vec<Unit>) -> Vec<Unit> {
    let keys: Vec<String> = units.iter().map(|u| super::matcher::key(&u.message)).collect();
    let mut keep: Vec<bool> = keys.iter().map(|k| !k.is_empty()).collect();
    for a in 0..units.len() {
        for b in 0..units.len() {
            if a == b || !keep[a] || !keep[b] {
                continue;
            }
            let (ka, kb) = (&keys[a], &keys[b]);
            let drop_a =
                if ka == kb { a > b } else { kb.len() >= 20 && kb.len() * 2 >= ka.len() && ka.contains(kb.as_str()) };
            if drop_a {
                keep[a] = false;
                if units[b].code.is_none() {
                    let code = units[a].code.clone();
                    units[b].code = code;
                }
                units[b].structured |= units[a].structured;
            }
        }
    }
    units.into_iter().zip(keep).filter_map(|(u, k)| k.then_some(u)).collect()
}
