//! ARM templates: collecting gallery resources (top level or nested) and resolving the template expressions
//! that can be resolved offline (`parameters`, `variables`, `concat`, `format`, `toLower`, `toUpper`).

use serde_json::{Map, Value};

/// A gallery resource found in a template, with its full type and name (`gallery/definition/1.0.0`).
pub(crate) struct ArmResource {
    pub body: Value,
}

/// Evaluates template expressions against the template's parameters (default values) and variables.
pub(crate) struct Evaluator<'a> {
    template: &'a Value,
    pub notes: Vec<String>,
}

impl<'a> Evaluator<'a> {
    pub fn new(template: &'a Value) -> Self {
        Self { template, notes: Vec::new() }
    }

    /// Resolves every string of a value that is a whole template expression. Unresolvable ones are kept as
    /// written, with a note naming where.
    pub fn resolve_value(&mut self, value: &Value, path: &str) -> Value {
        match value {
            Value::String(s) => self.resolve_string(s, path),
            Value::Array(items) => Value::Array(
                items.iter().enumerate().map(|(i, v)| self.resolve_value(v, &format!("{path}[{i}]"))).collect(),
            ),
            Value::Object(map) => Value::Object(
                map.iter()
                    .map(|(k, v)| (k.clone(), self.resolve_value(v, &format!("{path}.{k}"))))
                    .collect::<Map<_, _>>(),
            ),
            other => other.clone(),
        }
    }

    fn resolve_string(&mut self, s: &str, path: &str) -> Value {
        if let Some(escaped) = s.strip_prefix("[[") {
            return Value::String(format!("[{escaped}"));
        }
        let Some(expr) = s.strip_prefix('[').and_then(|r| r.strip_suffix(']')) else {
            return Value::String(s.to_owned());
        };
        let mut parser = Parser { text: expr, pos: 0, eval: self, depth: 0 };
        match parser.expression() {
            Ok(v) if parser.at_end() => v,
            _ => {
                self.notes.push(format!("{path}: the expression {s} cannot be resolved offline; kept as written"));
                Value::String(s.to_owned())
            }
        }
    }

    fn lookup(&mut self, section: &str, name: &str, depth: u32) -> Option<Value> {
        let entry =
            self.template.get(section)?.as_object()?.iter().find(|(k, _)| k.eq_ignore_ascii_case(name))?.1.clone();
        let raw = if section == "parameters" { entry.get("defaultValue")?.clone() } else { entry };
        if depth > 16 {
            return None;
        }
        match raw {
            Value::String(s) if s.starts_with('[') && !s.starts_with("[[") => {
                let expr = s.strip_prefix('[')?.strip_suffix(']')?.to_owned();
                let mut p = Parser { text: &expr, pos: 0, eval: self, depth: depth + 1 };
                let v = p.expression().ok()?;
                p.at_end().then_some(v)
            }
            other => Some(other),
        }
    }
}

struct Parser<'t, 'e, 'a> {
    text: &'t str,
    pos: usize,
    eval: &'e mut Evaluator<'a>,
    depth: u32,
}

impl Parser<'_, '_, '_> {
    fn skip_ws(&mut self) {
        while self.text[self.pos..].starts_with(' ') {
            self.pos += 1;
        }
    }
    fn at_end(&mut self) -> bool {
        self.skip_ws();
        self.pos >= self.text.len()
    }
    fn eat(&mut self, c: char) -> bool {
        self.skip_ws();
        if self.text[self.pos..].starts_with(c) {
            self.pos += c.len_utf8();
            true
        } else {
            false
        }
    }

    fn expression(&mut self) -> Result<Value, ()> {
        if self.depth > 32 {
            return Err(());
        }
        self.skip_ws();
        let rest = &self.text[self.pos..];
        if rest.starts_with('\'') {
            let mut out = String::new();
            let mut chars = rest.char_indices().skip(1).peekable();
            while let Some((i, c)) = chars.next() {
                if c == '\'' {
                    if chars.peek().map(|x| x.1) == Some('\'') {
                        out.push('\'');
                        chars.next();
                        continue;
                    }
                    self.pos += i + 1;
                    return Ok(Value::String(out));
                }
                out.push(c);
            }
            return Err(());
        }
        let digits: usize = rest.chars().take_while(|c| c.is_ascii_digit() || *c == '-').map(char::len_utf8).sum();
        if digits > 0 {
            let n: i64 = rest[..digits].parse().map_err(|_| ())?;
            self.pos += digits;
            return Ok(Value::from(n));
        }
        let ident_len: usize =
            rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').map(char::len_utf8).sum();
        if ident_len == 0 {
            return Err(());
        }
        let name = rest[..ident_len].to_ascii_lowercase();
        self.pos += ident_len;
        if !self.eat('(') {
            return Err(());
        }
        let mut args = Vec::new();
        if !self.eat(')') {
            loop {
                self.depth += 1;
                args.push(self.expression()?);
                self.depth -= 1;
                if self.eat(')') {
                    break;
                }
                if !self.eat(',') {
                    return Err(());
                }
            }
        }
        // A property access after a call (resourceGroup().location) is not resolvable offline.
        self.skip_ws();
        if self.text[self.pos..].starts_with('.') || self.text[self.pos..].starts_with('[') {
            return Err(());
        }
        let text = |v: &Value| match v {
            Value::String(s) => Some(s.clone()),
            Value::Number(n) => Some(n.to_string()),
            Value::Bool(b) => Some(b.to_string()),
            _ => None,
        };
        match (name.as_str(), args.as_slice()) {
            ("parameters" | "variables", [Value::String(n)]) => {
                let section = if name == "parameters" { "parameters" } else { "variables" };
                self.eval.lookup(section, n, self.depth).ok_or(())
            }
            ("concat", items) if !items.is_empty() => {
                if items.iter().all(Value::is_array) {
                    Ok(Value::Array(items.iter().flat_map(|v| v.as_array().cloned().unwrap_or_default()).collect()))
                } else {
                    items.iter().map(text).collect::<Option<Vec<_>>>().map(|p| Value::String(p.concat())).ok_or(())
                }
            }
            ("format", [Value::String(fmt), rest @ ..]) => {
                let mut out = fmt.clone();
                for (i, a) in rest.iter().enumerate() {
                    out = out.replace(&format!("{{{i}}}"), &text(a).ok_or(())?);
                }
                Ok(Value::String(out))
            }
            ("tolower", [Value::String(s)]) => Ok(Value::String(s.to_lowercase())),
            ("toupper", [Value::String(s)]) => Ok(Value::String(s.to_uppercase())),
            _ => Err(()),
        }
    }
}

/// Collects the gallery resources of a template, nested ones with their parent's type and name prefixed.
pub(crate) fn collect(template: &Value, eval: &mut Evaluator<'_>, notes: &mut Vec<String>) -> Vec<ArmResource> {
    let mut out = Vec::new();
    if let Some(resources) = template.get("resources") {
        walk(resources, None, "resources", eval, notes, &mut out);
    }
    out
}

fn walk(
    resources: &Value,
    parent: Option<(&str, &str)>,
    path: &str,
    eval: &mut Evaluator<'_>,
    notes: &mut Vec<String>,
    out: &mut Vec<ArmResource>,
) {
    let items: Vec<(String, &Value)> = match resources {
        Value::Array(a) => a.iter().enumerate().map(|(i, v)| (format!("{path}[{i}]"), v)).collect(),
        // Language version 2.0 templates key resources by symbolic name.
        Value::Object(m) => m.iter().map(|(k, v)| (format!("{path}.{k}"), v)).collect(),
        _ => return,
    };
    for (rpath, r) in items {
        let kind = r.get("type").and_then(Value::as_str).unwrap_or("");
        let name = eval.resolve_value(r.get("name").unwrap_or(&Value::Null), &format!("{rpath}.name"));
        let name = name.as_str().unwrap_or("").to_owned();
        let (full_type, full_name) = match parent {
            Some((pt, pn)) if !kind.contains('/') || !kind.to_ascii_lowercase().starts_with("microsoft.") => {
                (format!("{pt}/{kind}"), format!("{pn}/{name}"))
            }
            _ => (kind.to_owned(), name.clone()),
        };
        let lower = full_type.to_ascii_lowercase();
        let is_gallery_kind = [
            "microsoft.compute/galleries",
            "microsoft.compute/galleries/images",
            "microsoft.compute/galleries/images/versions",
        ]
        .contains(&lower.as_str());
        if is_gallery_kind {
            let mut body = eval.resolve_value(r, &rpath);
            if let Some(obj) = body.as_object_mut() {
                obj.insert("name".to_owned(), Value::String(full_name.clone()));
                obj.insert("type".to_owned(), Value::String(full_type.clone()));
                obj.shift_remove("resources");
                obj.shift_remove("dependsOn");
                obj.shift_remove("apiVersion");
                obj.shift_remove("condition");
                obj.shift_remove("copy");
            }
            out.push(ArmResource { body });
        } else if !kind.is_empty() {
            notes.push(format!("{rpath}: resource type {kind} is not a gallery resource; ignored"));
        }
        if let Some(children) = r.get("resources") {
            walk(children, Some((&full_type, &full_name)), &format!("{rpath}.resources"), eval, notes, out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn expressions() {
        let t = json!({
            "parameters": { "galleryName": { "type": "string", "defaultValue": "gal" }, "noDefault": { "type": "string" } },
            "variables": { "def": "[concat(parameters('galleryName'), '/ubuntu')]", "n": 2 }
        });
        let mut e = Evaluator::new(&t);
        let r = |e: &mut Evaluator, s: &str| e.resolve_value(&json!(s), "x");
        assert_eq!(r(&mut e, "[parameters('galleryName')]"), json!("gal"));
        assert_eq!(r(&mut e, "[variables('def')]"), json!("gal/ubuntu"));
        assert_eq!(
            r(&mut e, "[format('{0}/{1}/1.0.{2}', parameters('galleryName'), 'img', variables('n'))]"),
            json!("gal/img/1.0.2")
        );
        assert_eq!(r(&mut e, "[toLower('WestUS2')]"), json!("westus2"));
        assert_eq!(r(&mut e, "[[not an expression]"), json!("[not an expression]"));
        assert_eq!(r(&mut e, "plain"), json!("plain"));
        assert_eq!(r(&mut e, "[resourceGroup().location]"), json!("[resourceGroup().location]"));
        assert_eq!(r(&mut e, "[parameters('noDefault')]"), json!("[parameters('noDefault')]"));
        assert_eq!(
            e.notes,
            [
                "x: the expression [resourceGroup().location] cannot be resolved offline; kept as written",
                "x: the expression [parameters('noDefault')] cannot be resolved offline; kept as written",
            ]
        );
    }

    #[test]
    fn self_referencing_variables_do_not_loop() {
        let t = json!({ "variables": { "a": "[variables('a')]" } });
        let mut e = Evaluator::new(&t);
        assert_eq!(e.resolve_value(&json!("[variables('a')]"), "x"), json!("[variables('a')]"));
    }
}
