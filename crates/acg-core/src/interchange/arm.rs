//! ARM templates read as ARM reads them, offline: parameters (defaults, or the values of a deployment
//! parameters file), variables, the usual functions, `copy` loops, conditions, nested deployments (inline
//! templates, inner and outer expression scope), language version 2.0 (resources keyed by symbolic name,
//! `existing` resources) and Bicep-compiled JSON.
//!
//! What cannot be known offline (`resourceGroup().location`, `uniqueString(...)`, a parameter without a value,
//! a function this reader does not evaluate) is an unknown value: its *residual* expression, the original with
//! everything known written in as literals (`concat(parameters('prefix'), '-gal')`). Unknowns are never
//! text: the import records them by field path, validation does not check them, the exports write them back.

#![allow(
    clippy::many_single_char_names,
    clippy::single_match_else,
    reason = "an evaluator: e, v, k, a are the expression, value, key and arguments throughout; known/unknown read as a match"
)]

use serde_json::{Map, Value};

/// A value while evaluating: known, or unknown with the residual expression (no brackets).
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum V {
    Known(Value),
    Unknown(String),
}

/// One segment of a resource name.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Seg {
    Known(String),
    Unknown(String),
}

impl Seg {
    /// As the model keeps it: the name, or the expression in brackets.
    pub fn text(&self) -> String {
        match self {
            Seg::Known(s) => s.clone(),
            Seg::Unknown(e) => format!("[{e}]"),
        }
    }
}

/// A gallery resource found in a template.
pub(crate) struct ArmResource {
    /// `galleries`, `galleries/images` or `galleries/images/versions` (lower case, without the provider).
    pub depth: usize,
    /// The name, one segment per level.
    pub segments: Vec<Seg>,
    /// The resolved resource (`location`, `tags`, `properties`, ...); unknown values as `[expression]`.
    pub body: Value,
    /// Unknown values: path in `body` (`properties.publishingProfile.replicaCount`) -> expression.
    pub unknown: Vec<(String, String)>,
    /// An `existing` resource (language version 2.0, Bicep): referred to, not created.
    pub existing: bool,
}

// ---------------------------------------------------------------------------------------------------------
// Expressions

/// A parsed template expression.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum E {
    Str(String),
    Int(i64),
    Bool(bool),
    Null,
    Call(String, Vec<E>),
    Prop(Box<E>, String),
    Index(Box<E>, Box<E>),
}

pub(crate) fn parse(text: &str) -> Option<E> {
    let mut p = Parser { s: text.as_bytes(), text, pos: 0, depth: 0 };
    let e = p.expr()?;
    p.ws();
    (p.pos == p.s.len()).then_some(e)
}

struct Parser<'t> {
    s: &'t [u8],
    text: &'t str,
    pos: usize,
    depth: u32,
}

impl Parser<'_> {
    fn ws(&mut self) {
        while self.s.get(self.pos).is_some_and(u8::is_ascii_whitespace) {
            self.pos += 1;
        }
    }
    fn eat(&mut self, c: u8) -> bool {
        self.ws();
        if self.s.get(self.pos) == Some(&c) {
            self.pos += 1;
            true
        } else {
            false
        }
    }
    fn expr(&mut self) -> Option<E> {
        self.depth += 1;
        if self.depth > 64 {
            return None;
        }
        let mut e = self.primary()?;
        loop {
            if self.eat(b'.') {
                let start = self.pos;
                while self.s.get(self.pos).is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'_' || *c == b'$') {
                    self.pos += 1;
                }
                if start == self.pos {
                    return None;
                }
                e = E::Prop(Box::new(e), self.text[start..self.pos].to_owned());
            } else if self.eat(b'[') {
                let idx = self.expr()?;
                if !self.eat(b']') {
                    return None;
                }
                e = E::Index(Box::new(e), Box::new(idx));
            } else {
                break;
            }
        }
        self.depth -= 1;
        Some(e)
    }
    fn primary(&mut self) -> Option<E> {
        self.ws();
        let c = *self.s.get(self.pos)?;
        if c == b'\'' {
            let mut out = String::new();
            let mut i = self.pos + 1;
            loop {
                let rest = self.text.get(i..)?;
                let q = rest.find('\'')?;
                out.push_str(&rest[..q]);
                i += q + 1;
                if self.s.get(i) == Some(&b'\'') {
                    out.push('\'');
                    i += 1;
                } else {
                    break;
                }
            }
            self.pos = i;
            return Some(E::Str(out));
        }
        if c.is_ascii_digit() || c == b'-' {
            let start = self.pos;
            self.pos += 1;
            while self.s.get(self.pos).is_some_and(u8::is_ascii_digit) {
                self.pos += 1;
            }
            return self.text[start..self.pos].parse().ok().map(E::Int);
        }
        let start = self.pos;
        while self.s.get(self.pos).is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'_') {
            self.pos += 1;
        }
        if start == self.pos {
            return None;
        }
        let name = self.text[start..self.pos].to_owned();
        if !self.eat(b'(') {
            return match name.as_str() {
                "true" => Some(E::Bool(true)),
                "false" => Some(E::Bool(false)),
                "null" => Some(E::Null),
                _ => None,
            };
        }
        let mut args = Vec::new();
        if !self.eat(b')') {
            loop {
                args.push(self.expr()?);
                if self.eat(b')') {
                    break;
                }
                if !self.eat(b',') {
                    return None;
                }
            }
        }
        Some(E::Call(name, args))
    }
}

/// Inside the evaluator, an unknown value nested in a known object or array (`createObject('a',
/// parameters('x'))`) is a string with this prefix; [`Evaluator::value`] turns each into an unknown value
/// with its path.
const M: &str = "\u{1}arm-unknown\u{2}";

fn into_value(v: V) -> Value {
    match v {
        V::Known(k) => k,
        V::Unknown(e) => Value::String(format!("{M}{e}")),
    }
}

fn from_value(v: Value) -> V {
    match v {
        Value::String(s) if s.starts_with(M) => V::Unknown(s[M.len()..].to_owned()),
        other => V::Known(other),
    }
}

fn has_marker(v: &Value) -> bool {
    match v {
        Value::String(s) => s.starts_with(M),
        Value::Array(a) => a.iter().any(has_marker),
        Value::Object(o) => o.values().any(has_marker),
        _ => false,
    }
}

/// Replaces the markers of a value by `[expression]` strings, listing each with its path.
fn extract(v: Value, path: &str, unknown: &mut Vec<(String, String)>) -> Value {
    match v {
        Value::String(s) if s.starts_with(M) => {
            let e = s[M.len()..].to_owned();
            let out = Value::String(format!("[{e}]"));
            unknown.push((path.to_owned(), e));
            out
        }
        Value::Array(a) => {
            Value::Array(a.into_iter().enumerate().map(|(i, x)| extract(x, &format!("{path}[{i}]"), unknown)).collect())
        }
        Value::Object(o) => Value::Object(
            o.into_iter()
                .map(|(k, x)| {
                    let p = if path.is_empty() { k.clone() } else { format!("{path}.{k}") };
                    (k, extract(x, &p, unknown))
                })
                .collect(),
        ),
        other => other,
    }
}

/// A string literal of the expression language.
pub(crate) fn quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

/// A known value written as an expression.
pub(crate) fn literal(v: &Value) -> String {
    match v {
        Value::String(s) if s.starts_with(M) => s[M.len()..].to_owned(),
        Value::Array(a) if has_marker(v) => {
            format!("createArray({})", a.iter().map(literal).collect::<Vec<_>>().join(", "))
        }
        Value::Object(o) if has_marker(v) => format!(
            "createObject({})",
            o.iter().map(|(k, x)| format!("{}, {}", quote(k), literal(x))).collect::<Vec<_>>().join(", ")
        ),
        Value::String(s) => quote(s),
        Value::Number(n) if n.is_i64() || n.is_u64() => n.to_string(),
        Value::Bool(true) => "true()".to_owned(),
        Value::Bool(false) => "false()".to_owned(),
        Value::Null => "null()".to_owned(),
        other => format!("json({})", quote(&other.to_string())),
    }
}

fn render(v: &V) -> String {
    match v {
        V::Known(k) => literal(k),
        V::Unknown(e) => e.clone(),
    }
}

fn call_text(name: &str, args: &[V]) -> String {
    let parts: Vec<String> = args.iter().map(render).collect();
    format!("{name}({})", parts.join(", "))
}

/// Functions whose value depends on where and when the template is deployed.
const DEPLOYMENT_FUNCTIONS: [&str; 22] = [
    "resourcegroup",
    "subscription",
    "deployment",
    "environment",
    "tenant",
    "managementgroup",
    "reference",
    "uniquestring",
    "guid",
    "newguid",
    "utcnow",
    "resourceid",
    "subscriptionresourceid",
    "tenantresourceid",
    "extensionresourceid",
    "managementgroupresourceid",
    "listkeys",
    "list",
    "pickzones",
    "deployer",
    "lambdavariables",
    "lambda",
];

/// Evaluates template expressions in one template's scope.
pub(crate) struct Evaluator<'a> {
    template: &'a Value,
    /// Parameter values given from outside (a parameters file, a nested deployment's `parameters`).
    supplied: Map<String, Value>,
    supplied_v: Vec<(String, V)>,
    /// `copyIndex` contexts: loop name (empty for the resource's own loop) and index.
    copy: Vec<(String, Option<i64>)>,
    depth: u32,
    pub notes: Vec<String>,
    /// Declarations of the parameters left without a value.
    pub unresolved: Map<String, Value>,
    /// Functions met that this reader does not evaluate.
    pub unsupported: Vec<String>,
}

fn find<'v>(map: &'v Map<String, Value>, name: &str) -> Option<(&'v String, &'v Value)> {
    map.iter().find(|(k, _)| k.eq_ignore_ascii_case(name))
}

impl<'a> Evaluator<'a> {
    pub fn new(template: &'a Value, supplied: Map<String, Value>) -> Self {
        Self {
            template,
            supplied,
            supplied_v: Vec::new(),
            copy: Vec::new(),
            depth: 0,
            notes: Vec::new(),
            unresolved: Map::new(),
            unsupported: Vec::new(),
        }
    }

    fn nested(template: &'a Value, supplied_v: Vec<(String, V)>) -> Self {
        let mut e = Self::new(template, Map::new());
        e.supplied_v = supplied_v;
        e
    }

    /// Resolves a string of a template (a whole expression, an escaped `[[`, or plain text).
    pub fn string(&mut self, s: &str) -> V {
        if let Some(escaped) = s.strip_prefix("[[") {
            return V::Known(Value::String(format!("[{escaped}")));
        }
        let Some(expr) = s.strip_prefix('[').and_then(|r| r.strip_suffix(']')) else {
            return V::Known(Value::String(s.to_owned()));
        };
        if let Some(e) = parse(expr) {
            self.eval(&e)
        } else {
            self.notes.push(format!("the expression {s} could not be parsed; kept as an expression"));
            V::Unknown(expr.trim().to_owned())
        }
    }

    /// Resolves every expression in a value. Unknown values become `[expression]` strings and are listed
    /// with their path.
    pub fn value(&mut self, value: &Value, path: &str, unknown: &mut Vec<(String, String)>) -> Value {
        let v = into_value(self.value_v(value));
        extract(v, path, unknown)
    }

    /// Resolves a value; unknowns inside known objects and arrays stay as markers.
    fn value_v(&mut self, value: &Value) -> V {
        match value {
            Value::String(s) => self.string(s),
            Value::Array(items) => V::Known(Value::Array(items.iter().map(|v| into_value(self.value_v(v))).collect())),
            Value::Object(map) => {
                let mut out = Map::new();
                for (k, v) in map {
                    if k == "copy" && v.is_array() {
                        for (name, items) in self.property_copies(v) {
                            out.insert(name, items);
                        }
                        continue;
                    }
                    let resolved = into_value(self.value_v(v));
                    out.insert(k.clone(), resolved);
                }
                V::Known(Value::Object(out))
            }
            other => V::Known(other.clone()),
        }
    }

    /// Property `copy` loops: each `{name, count, input}` becomes the array `name`.
    fn property_copies(&mut self, copies: &Value) -> Vec<(String, Value)> {
        let mut out = Vec::new();
        for c in copies.as_array().into_iter().flatten() {
            let Some(name) = c.get("name").and_then(Value::as_str) else { continue };
            let count = c.get("count").map(|n| self.value_v(n));
            match count.as_ref().and_then(as_int) {
                Some(n) => {
                    let mut items = Vec::new();
                    for i in 0..n.clamp(0, 1000) {
                        self.copy.push((name.to_owned(), Some(i)));
                        let item = into_value(self.value_v(c.get("input").unwrap_or(&Value::Null)));
                        self.copy.pop();
                        items.push(item);
                    }
                    out.push((name.to_owned(), Value::Array(items)));
                }
                None => {
                    let count = count.map_or_else(|| "?".to_owned(), |c| render(&c));
                    out.push((name.to_owned(), Value::String(format!("{M}copy loop {name} with count {count}"))));
                }
            }
        }
        out
    }

    fn parameter(&mut self, name: &str) -> V {
        if let Some((_, v)) = self.supplied_v.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)) {
            return v.clone();
        }
        if let Some((_, v)) = find(&self.supplied, name) {
            // A parameters file holds values, not expressions.
            return V::Known(v.clone());
        }
        let decl = self.template.get("parameters").and_then(Value::as_object).and_then(|p| find(p, name));
        let Some((key, decl)) = decl else {
            self.notes.push(format!("parameters('{name}'): the template declares no such parameter"));
            return V::Unknown(call_text("parameters", &[V::Known(Value::String(name.to_owned()))]));
        };
        let key = key.clone();
        let decl = decl.clone();
        if let Some(default) = decl.get("defaultValue") {
            if self.depth > 32 {
                return V::Unknown(format!("parameters({})", quote(&key)));
            }
            self.depth += 1;
            let v = self.value_v(default);
            self.depth -= 1;
            return match (v, decl.get("type").and_then(Value::as_str)) {
                (V::Known(Value::String(s)), Some(t)) if t.eq_ignore_ascii_case("int") => {
                    s.trim().parse::<i64>().map_or(V::Known(Value::String(s)), |n| V::Known(n.into()))
                }
                (v, _) => v,
            };
        }
        // An optional (nullable) parameter without a value is null.
        if decl.get("nullable").and_then(Value::as_bool) == Some(true) {
            return V::Known(Value::Null);
        }
        self.unresolved.entry(key.clone()).or_insert(decl);
        V::Unknown(format!("parameters({})", quote(&key)))
    }

    fn variable(&mut self, name: &str) -> V {
        let vars = self.template.get("variables").and_then(Value::as_object);
        let Some((_, raw)) = vars.and_then(|p| find(p, name)) else {
            // A variable made by a copy loop (`"variables": {"copy": [{"name": ..., "count": ..., "input": ...}]}`).
            if let Some(copies) = vars.and_then(|v| v.get("copy")).and_then(Value::as_array)
                && let Some(entry) = copies
                    .iter()
                    .find(|c| c.get("name").and_then(Value::as_str).is_some_and(|n| n.eq_ignore_ascii_case(name)))
            {
                if self.depth > 32 {
                    return V::Unknown(format!("variables({})", quote(name)));
                }
                let entry = Value::Array(vec![entry.clone()]);
                self.depth += 1;
                let made = self.property_copies(&entry);
                self.depth -= 1;
                return match made.into_iter().next().map(|(_, v)| from_value(v)) {
                    Some(V::Unknown(_)) => V::Unknown(format!("variables({})", quote(name))),
                    Some(v) => v,
                    None => V::Known(Value::Null),
                };
            }
            let note = format!("variables('{name}'): the template declares no such variable");
            if !self.notes.contains(&note) {
                self.notes.push(note);
            }
            return V::Unknown(format!("variables({})", quote(name)));
        };
        let raw = raw.clone();
        if self.depth > 32 {
            return V::Unknown(format!("variables({})", quote(name)));
        }
        self.depth += 1;
        let v = self.value_v(&raw);
        self.depth -= 1;
        v
    }

    pub fn eval(&mut self, e: &E) -> V {
        match e {
            E::Str(s) => V::Known(Value::String(s.clone())),
            E::Int(n) => V::Known(Value::from(*n)),
            E::Bool(b) => V::Known(Value::Bool(*b)),
            E::Null => V::Known(Value::Null),
            E::Prop(base, name) => match self.eval(base) {
                V::Known(Value::Object(o)) => match find(&o, name) {
                    Some((_, v)) => from_value(v.clone()),
                    None => V::Known(Value::Null),
                },
                other => V::Unknown(format!("{}.{name}", render(&other))),
            },
            E::Index(base, idx) => {
                let (b, i) = (self.eval(base), self.eval(idx));
                match (&b, &i) {
                    (V::Known(Value::Array(a)), V::Known(Value::Number(n))) => {
                        match n.as_u64().and_then(|n| a.get(usize::try_from(n).ok()?)) {
                            Some(v) => from_value(v.clone()),
                            None => V::Unknown(format!("{}[{}]", render(&b), render(&i))),
                        }
                    }
                    (V::Known(Value::Object(o)), V::Known(Value::String(k))) => {
                        from_value(find(o, k).map_or(Value::Null, |(_, v)| v.clone()))
                    }
                    _ => V::Unknown(format!("{}[{}]", render(&b), render(&i))),
                }
            }
            E::Call(name, args) => self.call(name, args),
        }
    }

    fn call(&mut self, name: &str, args: &[E]) -> V {
        let lower = name.to_ascii_lowercase();
        if lower == "if" && args.len() == 3 {
            return match self.eval(&args[0]) {
                V::Known(Value::Bool(true)) => self.eval(&args[1]),
                V::Known(Value::Bool(false)) => self.eval(&args[2]),
                c => {
                    let (a, b) = (self.eval(&args[1]), self.eval(&args[2]));
                    V::Unknown(call_text(name, &[c, a, b]))
                }
            };
        }
        let vals: Vec<V> = args.iter().map(|a| self.eval(a)).collect();
        let known: Option<Vec<Value>> =
            vals.iter().map(|v| if let V::Known(k) = v { Some(k.clone()) } else { None }).collect();
        match (lower.as_str(), known.as_deref()) {
            ("parameters", Some([Value::String(n)])) => return self.parameter(n),
            ("variables", Some([Value::String(n)])) => return self.variable(n),
            ("copyindex", k) => {
                let (loop_name, offset) = match k {
                    Some([Value::String(n)]) => (n.clone(), 0),
                    Some([Value::String(n), Value::Number(o)]) => (n.clone(), o.as_i64().unwrap_or(0)),
                    Some([Value::Number(o)]) => (String::new(), o.as_i64().unwrap_or(0)),
                    _ => (String::new(), 0),
                };
                let ctx = self
                    .copy
                    .iter()
                    .rev()
                    .find(|(n, _)| loop_name.is_empty() || n.eq_ignore_ascii_case(&loop_name))
                    .and_then(|(_, i)| *i);
                return match ctx {
                    Some(i) => V::Known(Value::from(i + offset)),
                    None => V::Unknown(call_text(name, &vals)),
                };
            }
            ("coalesce", _) => {
                for (i, v) in vals.iter().enumerate() {
                    match v {
                        V::Known(Value::Null) => {}
                        V::Known(_) => return v.clone(),
                        V::Unknown(_) => return V::Unknown(call_text(name, &vals[i..])),
                    }
                }
                return V::Known(Value::Null);
            }
            _ => {}
        }
        if DEPLOYMENT_FUNCTIONS.contains(&lower.as_str()) || lower.starts_with("list") {
            return V::Unknown(call_text(name, &vals));
        }
        // Functions that build objects and lists keep unknown parts inside a known structure.
        if matches!(lower.as_str(), "createobject" | "createarray" | "shallowmerge" | "union" | "tryget" | "items") {
            let args: Vec<Value> = vals.iter().cloned().map(into_value).collect();
            let merging = matches!(lower.as_str(), "shallowmerge" | "union" | "tryget" | "items");
            let ok_shape = !merging || args.iter().all(|a| !matches!(a, Value::String(s) if s.starts_with(M)));
            if ok_shape && let Some(v) = known_function(&lower, &args) {
                return from_value(v);
            }
        }
        // Functions that look only at the shape of a list or object (not inside its items) accept items
        // that are unknown.
        let shape_only =
            matches!(lower.as_str(), "length" | "empty" | "first" | "last" | "take" | "skip" | "flatten" | "array")
                || (lower == "concat" && vals.iter().all(|v| matches!(v, V::Known(Value::Array(_)))));
        let Some(k) = known.filter(|k| {
            if shape_only {
                !k.iter().any(|a| matches!(a, Value::String(s) if s.starts_with(M)))
            } else {
                !k.iter().any(has_marker)
            }
        }) else {
            return V::Unknown(call_text(name, &vals));
        };
        match known_function(&lower, &k) {
            Some(v) => from_value(v),
            None => {
                if !self.unsupported.iter().any(|u| u == name) {
                    self.unsupported.push(name.to_owned());
                }
                V::Unknown(call_text(name, &vals))
            }
        }
    }
}

pub(crate) fn as_int(v: &V) -> Option<i64> {
    match v {
        V::Known(Value::Number(n)) => n.as_i64(),
        V::Known(Value::String(s)) => s.trim().parse().ok(),
        _ => None,
    }
}

fn text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => if *b { "True" } else { "False" }.to_owned(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

fn truthy(v: &Value) -> Option<bool> {
    match v {
        Value::Bool(b) => Some(*b),
        Value::String(s) if s.eq_ignore_ascii_case("true") => Some(true),
        Value::String(s) if s.eq_ignore_ascii_case("false") => Some(false),
        _ => None,
    }
}

fn loose_eq(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::String(x), Value::String(y)) => x == y,
        _ => a == b,
    }
}

fn format_arm(fmt: &str, args: &[Value]) -> Option<String> {
    let mut out = String::new();
    let mut chars = fmt.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '{' if chars.peek() == Some(&'{') => {
                chars.next();
                out.push('{');
            }
            '}' if chars.peek() == Some(&'}') => {
                chars.next();
                out.push('}');
            }
            '{' => {
                let mut spec = String::new();
                for c in chars.by_ref() {
                    if c == '}' {
                        break;
                    }
                    spec.push(c);
                }
                let index: usize = spec.split([':', ',']).next()?.trim().parse().ok()?;
                out.push_str(&text(args.get(index)?));
            }
            c => out.push(c),
        }
    }
    Some(out)
}

/// The functions evaluated offline, on known arguments.
fn known_function(name: &str, a: &[Value]) -> Option<Value> {
    use Value::{Array, Bool, Number, Object, String as S};
    Some(match (name, a) {
        ("concat", items) if !items.is_empty() && items.iter().all(Value::is_array) => {
            Array(items.iter().flat_map(|v| v.as_array().cloned().unwrap_or_default()).collect())
        }
        ("concat", items) => S(items.iter().map(text).collect::<Vec<_>>().concat()),
        ("format", [S(f), rest @ ..]) => S(format_arm(f, rest)?),
        ("tolower", [S(s)]) => S(s.to_lowercase()),
        ("toupper", [S(s)]) => S(s.to_uppercase()),
        ("trim", [S(s)]) => S(s.trim().to_owned()),
        ("string", [v]) => S(text(v)),
        ("int", [v]) => match v {
            Number(_) => v.clone(),
            S(s) => Value::from(s.trim().parse::<i64>().ok()?),
            _ => return None,
        },
        ("bool", [v]) => Bool(truthy(v).or_else(|| v.as_i64().map(|n| n != 0))?),
        ("json", [S(s)]) => serde_json::from_str(s).ok()?,
        ("true", []) => Bool(true),
        ("false", []) => Bool(false),
        ("null", []) | ("tryget", [Value::Null, _]) => Value::Null,
        ("equals", [x, y]) => Bool(loose_eq(x, y)),
        ("not", [x]) => Bool(!truthy(x)?),
        ("and", xs) if !xs.is_empty() => Bool(xs.iter().map(truthy).collect::<Option<Vec<_>>>()?.iter().all(|b| *b)),
        ("or", xs) if !xs.is_empty() => Bool(xs.iter().map(truthy).collect::<Option<Vec<_>>>()?.iter().any(|b| *b)),
        ("empty", [v]) => Bool(match v {
            Value::Null => true,
            S(s) => s.is_empty(),
            Array(x) => x.is_empty(),
            Object(o) => o.is_empty(),
            _ => false,
        }),
        ("length", [v]) => Value::from(match v {
            S(s) => s.chars().count(),
            Array(x) => x.len(),
            Object(o) => o.len(),
            _ => return None,
        }),
        ("createarray", xs) => Array(xs.to_vec()),
        ("array", [v]) => match v {
            Array(_) => v.clone(),
            other => Array(vec![other.clone()]),
        },
        ("createobject", xs) if xs.len() % 2 == 0 => {
            let mut o = Map::new();
            for pair in xs.chunks(2) {
                o.insert(pair[0].as_str()?.to_owned(), pair[1].clone());
            }
            Object(o)
        }
        ("union", xs) if !xs.is_empty() && xs.iter().all(Value::is_object) => {
            let mut o = Map::new();
            for x in xs {
                for (k, v) in x.as_object()? {
                    o.insert(k.clone(), v.clone());
                }
            }
            Object(o)
        }
        ("shallowmerge", [Array(xs)]) => {
            let mut o = Map::new();
            for x in xs {
                for (k, v) in x.as_object()? {
                    o.insert(k.clone(), v.clone());
                }
            }
            Object(o)
        }
        ("union", xs) if !xs.is_empty() && xs.iter().all(Value::is_array) => {
            let mut out: Vec<Value> = Vec::new();
            for x in xs {
                for v in x.as_array()? {
                    if !out.contains(v) {
                        out.push(v.clone());
                    }
                }
            }
            Array(out)
        }
        ("contains", [S(s), S(x)]) => Bool(s.to_lowercase().contains(&x.to_lowercase())),
        ("contains", [Array(xs), x]) => Bool(xs.iter().any(|v| loose_eq(v, x))),
        ("contains", [Object(o), S(k)]) => Bool(find(o, k).is_some()),
        ("startswith", [S(s), S(x)]) => Bool(s.to_lowercase().starts_with(&x.to_lowercase())),
        ("endswith", [S(s), S(x)]) => Bool(s.to_lowercase().ends_with(&x.to_lowercase())),
        ("replace", [S(s), S(x), S(y)]) => S(s.replace(x.as_str(), y)),
        ("split", [S(s), S(d)]) => Array(s.split(d.as_str()).map(|p| S(p.to_owned())).collect()),
        ("split", [S(s), Array(ds)]) => {
            let ds: Vec<&str> = ds.iter().filter_map(Value::as_str).collect();
            let mut parts = vec![s.clone()];
            for d in ds {
                parts = parts.iter().flat_map(|p| p.split(d).map(str::to_owned).collect::<Vec<_>>()).collect();
            }
            Array(parts.into_iter().map(S).collect())
        }
        ("substring", [S(s), Number(i), rest @ ..]) => {
            let chars: Vec<char> = s.chars().collect();
            let i = usize::try_from(i.as_u64()?).ok()?;
            let n = match rest {
                [Number(n)] => usize::try_from(n.as_u64()?).ok()?,
                [] => chars.len().checked_sub(i)?,
                _ => return None,
            };
            S(chars.get(i..i.checked_add(n)?)?.iter().collect())
        }
        ("flatten", [Array(xs)]) => {
            Array(xs.iter().flat_map(|x| x.as_array().cloned().unwrap_or_else(|| vec![x.clone()])).collect())
        }
        ("first", [Array(xs)]) => xs.first().cloned().unwrap_or(Value::Null),
        ("last", [Array(xs)]) => xs.last().cloned().unwrap_or(Value::Null),
        ("first", [S(s)]) => S(s.chars().take(1).collect()),
        ("last", [S(s)]) => S(s.chars().last().map(String::from).unwrap_or_default()),
        ("take", [Array(xs), Number(n)]) => {
            Array(xs.iter().take(usize::try_from(n.as_u64()?).ok()?).cloned().collect())
        }
        ("skip", [Array(xs), Number(n)]) => {
            Array(xs.iter().skip(usize::try_from(n.as_u64()?).ok()?).cloned().collect())
        }
        ("take", [S(s), Number(n)]) => S(s.chars().take(usize::try_from(n.as_u64()?).ok()?).collect()),
        ("skip", [S(s), Number(n)]) => S(s.chars().skip(usize::try_from(n.as_u64()?).ok()?).collect()),
        ("add", [Number(x), Number(y)]) => Value::from(x.as_i64()?.checked_add(y.as_i64()?)?),
        ("sub", [Number(x), Number(y)]) => Value::from(x.as_i64()?.checked_sub(y.as_i64()?)?),
        ("mul", [Number(x), Number(y)]) => Value::from(x.as_i64()?.checked_mul(y.as_i64()?)?),
        ("div", [Number(x), Number(y)]) => Value::from(x.as_i64()?.checked_div(y.as_i64()?)?),
        ("mod", [Number(x), Number(y)]) => Value::from(x.as_i64()?.checked_rem(y.as_i64()?)?),
        ("greater", [Number(x), Number(y)]) => Bool(x.as_i64()? > y.as_i64()?),
        ("less", [Number(x), Number(y)]) => Bool(x.as_i64()? < y.as_i64()?),
        ("greaterorequals", [Number(x), Number(y)]) => Bool(x.as_i64()? >= y.as_i64()?),
        ("lessorequals", [Number(x), Number(y)]) => Bool(x.as_i64()? <= y.as_i64()?),
        ("min", xs) if !xs.is_empty() => {
            Value::from(xs.iter().map(Value::as_i64).collect::<Option<Vec<_>>>()?.into_iter().min()?)
        }
        ("max", xs) if !xs.is_empty() => {
            Value::from(xs.iter().map(Value::as_i64).collect::<Option<Vec<_>>>()?.into_iter().max()?)
        }
        ("range", [Number(s), Number(n)]) => {
            let (s, n) = (s.as_i64()?, n.as_i64()?.clamp(0, 10_000));
            Array((0..n).map(|i| Value::from(s + i)).collect())
        }
        ("tryget", [Object(o), S(k)]) => find(o, k).map_or(Value::Null, |(_, v)| v.clone()),
        ("tryget", [Array(xs), Number(i)]) => {
            xs.get(usize::try_from(i.as_u64()?).ok()?).cloned().unwrap_or(Value::Null)
        }
        ("items", [Object(o)]) => Array(o.iter().map(|(k, v)| serde_json::json!({ "key": k, "value": v })).collect()),
        ("indexof", [S(s), S(x)]) => Value::from(s.find(x.as_str()).map_or(-1, |i| i64::try_from(i).unwrap_or(-1))),
        ("padleft", [v, Number(n), rest @ ..]) => {
            let s = text(v);
            let pad = match rest {
                [S(p)] => p.chars().next()?,
                _ => ' ',
            };
            let n = usize::try_from(n.as_u64()?).ok()?.min(10_000);
            let len = s.chars().count();
            S(std::iter::repeat_n(pad, n.saturating_sub(len)).chain(s.chars()).collect())
        }
        _ => return None,
    })
}

// ---------------------------------------------------------------------------------------------------------
// Resources

const GALLERY_TYPES: [&str; 3] = [
    "microsoft.compute/galleries",
    "microsoft.compute/galleries/images",
    "microsoft.compute/galleries/images/versions",
];

/// Keys of a template resource that are not part of the resource Azure creates.
const TEMPLATE_KEYS: [&str; 10] =
    ["name", "type", "resources", "dependsOn", "apiVersion", "condition", "copy", "existing", "comments", "scope"];

/// Everything the reader found in a template.
pub(crate) struct Read {
    pub resources: Vec<ArmResource>,
    pub notes: Vec<String>,
    pub unresolved: Map<String, Value>,
    pub unsupported: Vec<String>,
}

/// Collects the gallery resources of a template (top level, child resources, nested deployments).
pub(crate) fn read(template: &Value, parameters: Map<String, Value>) -> Read {
    let mut eval = Evaluator::new(template, parameters);
    let mut out = Vec::new();
    let mut notes = Vec::new();
    let mut unsupported = Vec::new();
    if let Some(resources) = template.get("resources") {
        walk(resources, None, "resources", &mut eval, &mut notes, &mut out, &mut unsupported, 0);
    }
    notes.append(&mut eval.notes);
    for u in eval.unsupported {
        if !unsupported.contains(&u) {
            unsupported.push(u);
        }
    }
    Read { resources: out, notes, unresolved: eval.unresolved, unsupported }
}

/// Splits an evaluated name into segments at `/`; an unknown name is split where its expression joins
/// known `/` separators (`concat(a, '/', b)`, `format('{0}/{1}', a, b)`), never inside an unknown part.
fn name_segments(eval: &mut Evaluator<'_>, raw: &Value) -> Vec<Seg> {
    let s = raw.as_str().unwrap_or("");
    let parts: Vec<V> =
        match s.strip_prefix('[').filter(|_| !s.starts_with("[[")).and_then(|r| r.strip_suffix(']')).and_then(parse) {
            Some(E::Call(f, args)) if f.eq_ignore_ascii_case("concat") => args.iter().map(|a| eval.eval(a)).collect(),
            Some(E::Call(f, args)) if f.eq_ignore_ascii_case("format") && !args.is_empty() => {
                match eval.eval(&args[0]) {
                    V::Known(Value::String(fmt)) => {
                        let vals: Vec<V> = args[1..].iter().map(|a| eval.eval(a)).collect();
                        let mut parts = Vec::new();
                        let mut lit = String::new();
                        let mut chars = fmt.chars().peekable();
                        let mut ok = true;
                        while let Some(c) = chars.next() {
                            if c == '{' && chars.peek() != Some(&'{') {
                                let spec: String = chars.by_ref().take_while(|c| *c != '}').collect();
                                match spec.trim().parse::<usize>().ok().and_then(|i| vals.get(i)) {
                                    Some(v) => {
                                        parts.push(V::Known(Value::String(std::mem::take(&mut lit))));
                                        parts.push(match v {
                                            V::Known(k) => V::Known(Value::String(text(k))),
                                            u @ V::Unknown(_) => u.clone(),
                                        });
                                    }
                                    None => ok = false,
                                }
                            } else {
                                if (c == '{' || c == '}') && chars.peek() == Some(&c) {
                                    chars.next();
                                }
                                lit.push(c);
                            }
                        }
                        parts.push(V::Known(Value::String(lit)));
                        if ok { parts } else { vec![eval.string(s)] }
                    }
                    _ => vec![eval.string(s)],
                }
            }
            _ => vec![eval.string(s)],
        };
    // Segments: runs of parts between known '/' separators.
    let mut segs: Vec<Vec<V>> = vec![Vec::new()];
    for p in parts {
        match p {
            V::Known(k) => {
                let t = text(&k);
                let mut pieces = t.split('/');
                if let Some(first) = pieces.next() {
                    segs.last_mut().unwrap_or(&mut Vec::new()).push(V::Known(Value::String(first.to_owned())));
                }
                for piece in pieces {
                    segs.push(vec![V::Known(Value::String(piece.to_owned()))]);
                }
            }
            u @ V::Unknown(_) => segs.last_mut().unwrap_or(&mut Vec::new()).push(u),
        }
    }
    segs.into_iter()
        .map(|parts| {
            let parts: Vec<V> = parts.into_iter().filter(|p| *p != V::Known(Value::String(String::new()))).collect();
            if parts.iter().all(|p| matches!(p, V::Known(_))) {
                Seg::Known(
                    parts.iter().filter_map(|p| if let V::Known(k) = p { Some(text(k)) } else { None }).collect(),
                )
            } else if parts.len() == 1 {
                Seg::Unknown(render(&parts[0]))
            } else {
                Seg::Unknown(call_text("concat", &parts))
            }
        })
        .collect()
}

#[allow(clippy::too_many_arguments, reason = "the walk's state, passed down unchanged")]
fn walk(
    resources: &Value,
    parent: Option<(&str, &[Seg])>,
    path: &str,
    eval: &mut Evaluator<'_>,
    notes: &mut Vec<String>,
    out: &mut Vec<ArmResource>,
    unsupported: &mut Vec<String>,
    nesting: u32,
) {
    if nesting > 8 {
        notes.push(format!("{path}: deployments nested deeper than 8 levels are not read"));
        return;
    }
    let items: Vec<(String, &Value)> = match resources {
        Value::Array(a) => a.iter().enumerate().map(|(i, v)| (format!("{path}[{i}]"), v)).collect(),
        // Language version 2.0 templates key resources by symbolic name.
        Value::Object(m) => m.iter().map(|(k, v)| (format!("{path}.{k}"), v)).collect(),
        _ => return,
    };
    for (rpath, r) in items {
        let copy = r.get("copy").filter(|c| c.is_object());
        let count = copy.map(|c| {
            let v = c.get("count").map_or(V::Known(Value::from(1)), |n| eval.value_v(n));
            (as_int(&v), c.get("name").and_then(Value::as_str).unwrap_or("").to_owned(), v)
        });
        match count {
            None => one(r, &rpath, parent, eval, notes, out, unsupported, nesting),
            Some((Some(n), name, _)) => {
                for i in 0..n.clamp(0, 1000) {
                    eval.copy.push((name.clone(), Some(i)));
                    one(r, &format!("{rpath}#{i}"), parent, eval, notes, out, unsupported, nesting);
                    eval.copy.pop();
                }
            }
            Some((None, name, v)) => {
                notes.push(format!(
                    "{rpath}: copy loop {name} with count {}, which is not known offline: read once, with copyIndex() unknown",
                    render(&v)
                ));
                eval.copy.push((name, None));
                one(r, &rpath, parent, eval, notes, out, unsupported, nesting);
                eval.copy.pop();
            }
        }
    }
}

#[allow(clippy::too_many_arguments, reason = "the walk's state, passed down unchanged")]
fn one(
    r: &Value,
    rpath: &str,
    parent: Option<(&str, &[Seg])>,
    eval: &mut Evaluator<'_>,
    notes: &mut Vec<String>,
    out: &mut Vec<ArmResource>,
    unsupported: &mut Vec<String>,
    nesting: u32,
) {
    let kind = r.get("type").and_then(Value::as_str).unwrap_or("");
    if let Some(c) = r.get("condition") {
        match eval.value_v(c) {
            V::Known(v) if truthy(&v) == Some(false) => {
                notes.push(format!("{rpath}: {kind} is not deployed (its condition is false); ignored"));
                return;
            }
            V::Unknown(e) => notes.push(format!("{rpath}: {kind} is deployed only if {e}, which is not known offline")),
            V::Known(_) => {}
        }
    }
    if kind.eq_ignore_ascii_case("Microsoft.Resources/deployments") {
        nested_deployment(r, rpath, eval, notes, out, unsupported, nesting);
        return;
    }
    let own = name_segments(eval, r.get("name").unwrap_or(&Value::Null));
    let (full_type, segments) = match parent {
        Some((pt, pn)) if !kind.to_ascii_lowercase().starts_with("microsoft.") => {
            (format!("{pt}/{kind}"), pn.iter().cloned().chain(own).collect::<Vec<_>>())
        }
        _ => (kind.to_owned(), own),
    };
    let lower = full_type.to_ascii_lowercase();
    if let Some(depth) = GALLERY_TYPES.iter().position(|t| *t == lower) {
        let mut body = Map::new();
        let mut unknown = Vec::new();
        if let Some(o) = r.as_object() {
            for (k, v) in o {
                if TEMPLATE_KEYS.contains(&k.as_str()) {
                    continue;
                }
                let resolved = eval.value(v, k, &mut unknown);
                body.insert(k.clone(), resolved);
            }
        }
        let existing = r.get("existing").and_then(Value::as_bool).unwrap_or(false);
        let segments = fit_segments(segments, depth + 1);
        out.push(ArmResource { depth, segments, body: Value::Object(body), unknown, existing });
    } else if !kind.is_empty() {
        notes.push(format!("{rpath}: resource type {kind} is not a gallery resource; ignored"));
    }
    if let Some(children) = r.get("resources") {
        let segs = name_segments(eval, r.get("name").unwrap_or(&Value::Null));
        let segs = match parent {
            Some((_, pn)) if !kind.to_ascii_lowercase().starts_with("microsoft.") => {
                pn.iter().cloned().chain(segs).collect()
            }
            _ => segs,
        };
        walk(
            children,
            Some((&full_type, &segs)),
            &format!("{rpath}.resources"),
            eval,
            notes,
            out,
            unsupported,
            nesting,
        );
    }
}

/// A name with as many segments as its type has levels; an unknown name that does not split is taken apart
/// with `split` (never invented from its text).
fn fit_segments(segments: Vec<Seg>, levels: usize) -> Vec<Seg> {
    if segments.len() == levels {
        return segments;
    }
    let whole = match segments.as_slice() {
        [Seg::Unknown(e)] => e.clone(),
        _ => {
            let parts: Vec<String> = segments
                .iter()
                .map(|s| match s {
                    Seg::Known(k) => quote(k),
                    Seg::Unknown(e) => e.clone(),
                })
                .collect();
            if parts.len() > levels {
                return segments;
            }
            format!("concat({})", parts.join(", '/', "))
        }
    };
    (0..levels).map(|i| Seg::Unknown(format!("split({whole}, '/')[{i}]"))).collect()
}

fn nested_deployment(
    r: &Value,
    rpath: &str,
    eval: &mut Evaluator<'_>,
    notes: &mut Vec<String>,
    out: &mut Vec<ArmResource>,
    unsupported: &mut Vec<String>,
    nesting: u32,
) {
    let props = r.get("properties").cloned().unwrap_or(Value::Null);
    let Some(template) = props.get("template") else {
        if let Some(link) = props.get("templateLink") {
            let uri =
                link.get("uri").or_else(|| link.get("id")).map_or(Value::Null, |u| eval.value(u, "", &mut Vec::new()));
            notes.push(format!("{rpath}: a linked template ({uri}) is not read; only inline templates are"));
        }
        return;
    };
    let inner = props
        .pointer("/expressionEvaluationOptions/scope")
        .and_then(Value::as_str)
        .is_some_and(|s| s.eq_ignore_ascii_case("inner"));
    if inner {
        let mut supplied = Vec::new();
        if let Some(params) = props.get("parameters").and_then(Value::as_object) {
            for (k, p) in params {
                let v = match p.get("value") {
                    Some(v) => eval.value_v(v),
                    None => V::Unknown(format!("parameters({})", quote(k))),
                };
                supplied.push((k.clone(), v));
            }
        }
        let mut inner_eval = Evaluator::nested(template, supplied);
        if let Some(resources) = template.get("resources") {
            walk(
                resources,
                None,
                &format!("{rpath}.properties.template.resources"),
                &mut inner_eval,
                notes,
                out,
                unsupported,
                nesting + 1,
            );
        }
        notes.append(&mut inner_eval.notes);
        for (k, v) in inner_eval.unresolved {
            eval.unresolved.entry(k).or_insert(v);
        }
        for u in inner_eval.unsupported {
            if !unsupported.contains(&u) {
                unsupported.push(u);
            }
        }
    } else if let Some(resources) = template.get("resources") {
        walk(
            resources,
            None,
            &format!("{rpath}.properties.template.resources"),
            eval,
            notes,
            out,
            unsupported,
            nesting + 1,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn r(e: &mut Evaluator, s: &str) -> V {
        e.string(s)
    }
    fn k(v: Value) -> V {
        V::Known(v)
    }
    fn u(s: &str) -> V {
        V::Unknown(s.to_owned())
    }

    #[test]
    fn expressions() {
        let t = json!({
            "parameters": {
                "galleryName": { "type": "string", "defaultValue": "gal" },
                "noDefault": { "type": "string" },
                "count": { "type": "int", "defaultValue": "3" },
                "tags": { "type": "object", "defaultValue": { "a": "b" } }
            },
            "variables": { "def": "[concat(parameters('galleryName'), '/ubuntu')]", "n": 2, "obj": { "x": [10, 20] } }
        });
        let mut e = Evaluator::new(&t, Map::new());
        assert_eq!(r(&mut e, "[parameters('galleryName')]"), k(json!("gal")));
        assert_eq!(r(&mut e, "[variables('def')]"), k(json!("gal/ubuntu")));
        assert_eq!(
            r(&mut e, "[format('{0}/{1}/1.0.{2}', parameters('galleryName'), 'img', variables('n'))]"),
            k(json!("gal/img/1.0.2"))
        );
        assert_eq!(r(&mut e, "[toLower('WestUS2')]"), k(json!("westus2")));
        assert_eq!(r(&mut e, "[[not an expression]"), k(json!("[not an expression]")));
        assert_eq!(r(&mut e, "plain"), k(json!("plain")));
        assert_eq!(r(&mut e, "[parameters('count')]"), k(json!(3)));
        assert_eq!(r(&mut e, "[variables('obj').x[1]]"), k(json!(20)));
        assert_eq!(
            r(&mut e, "[if(equals(parameters('galleryName'), 'gal'), 'yes', resourceGroup().location)]"),
            k(json!("yes"))
        );
        assert_eq!(r(&mut e, "[union(parameters('tags'), createObject('c', 'd'))]"), k(json!({"a": "b", "c": "d"})));
        assert_eq!(r(&mut e, "[createArray(1, 2)]"), k(json!([1, 2])));
        assert_eq!(r(&mut e, "[resourceGroup().location]"), u("resourceGroup().location"));
        assert_eq!(r(&mut e, "[parameters('noDefault')]"), u("parameters('noDefault')"));
        assert_eq!(
            r(&mut e, "[concat(parameters('noDefault'), '-', variables('n'))]"),
            u("concat(parameters('noDefault'), '-', 2)")
        );
        assert_eq!(
            r(&mut e, "[if(empty(parameters('noDefault')), 'a', 'b')]"),
            u("if(empty(parameters('noDefault')), 'a', 'b')")
        );
        assert_eq!(r(&mut e, "[uniqueString(resourceGroup().id)]"), u("uniqueString(resourceGroup().id)"));
        assert!(e.unresolved.contains_key("noDefault"));
    }

    #[test]
    fn self_referencing_variables_do_not_loop() {
        let t = json!({ "variables": { "a": "[variables('a')]" } });
        let mut e = Evaluator::new(&t, Map::new());
        assert_eq!(e.string("[variables('a')]"), u("variables('a')"));
    }

    #[test]
    fn unknown_names_split_only_at_known_separators() {
        let t =
            json!({ "parameters": { "g": { "type": "string" }, "d": { "type": "string", "defaultValue": "def" } } });
        let mut e = Evaluator::new(&t, Map::new());
        let segs = name_segments(&mut e, &json!("[concat(parameters('g'), '/', parameters('d'), '/1.0.0')]"));
        assert_eq!(
            segs,
            [Seg::Unknown("parameters('g')".into()), Seg::Known("def".into()), Seg::Known("1.0.0".into())]
        );
        let segs = name_segments(&mut e, &json!("[format('{0}/{1}-x', parameters('g'), parameters('d'))]"));
        assert_eq!(segs, [Seg::Unknown("parameters('g')".into()), Seg::Known("def-x".into())]);
        let segs = fit_segments(name_segments(&mut e, &json!("[parameters('g')]")), 2);
        assert_eq!(
            segs,
            [
                Seg::Unknown("split(parameters('g'), '/')[0]".into()),
                Seg::Unknown("split(parameters('g'), '/')[1]".into())
            ]
        );
    }

    #[test]
    fn never_panics_on_odd_expressions() {
        let t = json!({});
        let mut e = Evaluator::new(&t, Map::new());
        for s in [
            "[",
            "[]",
            "[concat(]",
            "['unterminated]",
            "[a.b]",
            "[f(1,,2)]",
            "[substring('abc', 5, 9)]",
            "[padLeft('1', 99999999999)]",
            "[range(0, -5)]",
            "[div(1, 0)]",
            "[-]",
            "[x()[",
            "[é()]",
        ] {
            let _ = e.string(s);
        }
    }
}
