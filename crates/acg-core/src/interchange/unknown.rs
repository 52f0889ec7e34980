//! Unknown values: what an expression depends on, and how each format writes it back.

use super::arm::{E, parse, quote};

/// The parameters an expression refers to, in order of first use.
pub fn parameters_of(expr: &str) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(e) = parse(expr) {
        visit(&e, &mut |name, args| {
            if name.eq_ignore_ascii_case("parameters")
                && let [E::Str(p)] = args
                && !out.contains(p)
            {
                out.push(p.clone());
            }
        });
    }
    out
}

fn visit(e: &E, f: &mut impl FnMut(&str, &[E])) {
    match e {
        E::Call(name, args) => {
            f(name, args);
            for a in args {
                visit(a, f);
            }
        }
        E::Prop(b, _) => visit(b, f),
        E::Index(b, i) => {
            visit(b, f);
            visit(i, f);
        }
        _ => {}
    }
}

/// What an unknown value depends on, for "cannot check X: it depends on ...".
///
/// ```
/// assert_eq!(acg_core::interchange::depends_on("resourceGroup().location"), "the resource group's location");
/// assert_eq!(acg_core::interchange::depends_on("concat(parameters('prefix'), '-gal')"), "the parameter prefix");
/// ```
pub fn depends_on(expr: &str) -> String {
    let Some(e) = parse(expr) else {
        return format!("the expression [{expr}]");
    };
    if let E::Prop(base, p) = &e
        && let E::Call(f, args) = base.as_ref()
        && f.eq_ignore_ascii_case("resourceGroup")
        && args.is_empty()
    {
        return format!("the resource group's {p}");
    }
    let mut parts: Vec<String> = Vec::new();
    let mut add = |s: String| {
        if !parts.contains(&s) {
            parts.push(s);
        }
    };
    visit(&e, &mut |name, args| {
        let lower = name.to_ascii_lowercase();
        match (lower.as_str(), args) {
            ("parameters", [E::Str(p)]) => add(format!("the parameter {p}")),
            ("variables", [E::Str(p)]) => add(format!("the variable {p}")),
            ("resourcegroup", _) => add("the resource group".to_owned()),
            ("subscription", _) => add("the subscription".to_owned()),
            ("resourceid", _) => add("the subscription and resource group".to_owned()),
            ("reference", _) => add("a deployed resource".to_owned()),
            ("deployment", _) => add("the deployment".to_owned()),
            ("utcnow", _) => add("the time of the deployment".to_owned()),
            ("newguid", _) => add("a new GUID".to_owned()),
            ("copyindex", _) => add("a copy loop's index".to_owned()),
            (
                "split" | "concat" | "format" | "if" | "equals" | "not" | "empty" | "tolower" | "toupper" | "coalesce"
                | "json" | "createarray" | "createobject" | "union" | "string" | "int" | "bool" | "true" | "false"
                | "null" | "length" | "contains" | "tryget" | "uniquestring" | "guid",
                _,
            ) => {}
            _ => add(format!("{name}(), which this planner does not evaluate")),
        }
    });
    if parts.is_empty() {
        return format!("[{expr}], which is not known before deployment");
    }
    if parts.len() == 1 {
        return parts.remove(0);
    }
    let last = parts.pop().unwrap_or_default();
    format!("{} and {last}", parts.join(", "))
}

/// An ARM expression written in Bicep: `parameters('x')` is the parameter `x`, `if` the conditional
/// operator, the rest the functions of the same names.
///
/// ```
/// assert_eq!(acg_core::interchange::to_bicep("resourceGroup().location"), "resourceGroup().location");
/// assert_eq!(acg_core::interchange::to_bicep("concat(parameters('prefix'), '-gal')"), "concat(prefix, '-gal')");
/// ```
pub fn to_bicep(expr: &str) -> String {
    match parse(expr) {
        Some(e) => bicep(&e),
        None => format!("json({})", bicep_quote(&format!("[{expr}]"))),
    }
}

fn bicep_quote(s: &str) -> String {
    let mut out = String::from("'");
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\'' => out.push_str("\\'"),
            '\n' => out.push_str("\\n"),
            '$' => out.push_str("\\$"),
            c => out.push(c),
        }
    }
    out.push('\'');
    out
}

/// A Bicep identifier for a parameter name.
pub(crate) fn bicep_ident(name: &str) -> String {
    let mut s: String = name.chars().map(|c| if c.is_ascii_alphanumeric() || c == '_' { c } else { '_' }).collect();
    if s.is_empty() || s.starts_with(|c: char| c.is_ascii_digit()) {
        s.insert(0, '_');
    }
    s
}

fn bicep(e: &E) -> String {
    match e {
        E::Str(s) => bicep_quote(s),
        E::Int(n) => n.to_string(),
        E::Bool(b) => b.to_string(),
        E::Null => "null".to_owned(),
        E::Prop(b, p) => format!("{}.{p}", bicep(b)),
        E::Index(b, i) => format!("{}[{}]", bicep(b), bicep(i)),
        E::Call(name, args) => {
            let lower = name.to_ascii_lowercase();
            let a: Vec<String> = args.iter().map(bicep).collect();
            match (lower.as_str(), args.as_slice()) {
                ("parameters", [E::Str(p)]) => bicep_ident(p),
                ("if", [_, _, _]) => format!("({} ? {} : {})", a[0], a[1], a[2]),
                ("equals", [_, _]) => format!("({} == {})", a[0], a[1]),
                ("not", [_]) => format!("!({})", a[0]),
                ("and", _) if !a.is_empty() => format!("({})", a.join(" && ")),
                ("or", _) if !a.is_empty() => format!("({})", a.join(" || ")),
                ("true", []) => "true".to_owned(),
                ("false", []) => "false".to_owned(),
                ("null", []) => "null".to_owned(),
                ("createarray", _) => format!("[{}]", a.join(", ")),
                ("json", [E::Str(s)]) => format!("json({})", bicep_quote(s)),
                _ => format!("{name}({})", a.join(", ")),
            }
        }
    }
}

/// A Terraform variable name for an unknown value: the parameter's when the value is one parameter, else
/// one made from where it is used.
pub(crate) fn terraform_variable(expr: &str, used_for: &str) -> String {
    let base = match parse(expr) {
        Some(E::Call(name, args))
            if name.eq_ignore_ascii_case("parameters") && matches!(args.as_slice(), [E::Str(_)]) =>
        {
            match args.as_slice() {
                [E::Str(p)] => p.clone(),
                _ => used_for.to_owned(),
            }
        }
        _ => used_for.to_owned(),
    };
    let mut out = String::new();
    let mut prev_lower = false;
    for c in base.chars() {
        if c.is_ascii_uppercase() && prev_lower {
            out.push('_');
        }
        prev_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
        out.push(if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '_' });
    }
    if out.is_empty() || out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, 'v');
        out.insert(1, '_');
    }
    out
}

/// The variable (Terraform, bash) that stands for an unknown value: the parameter's name, else one made
/// from the expression (the same for the same expression, whatever its letter case).
pub(crate) fn variable_for(expr: &str) -> String {
    let lower = expr.to_ascii_lowercase();
    let mut hash: u32 = 0x811c_9dc5;
    for b in lower.bytes() {
        hash = (hash ^ u32::from(b)).wrapping_mul(0x0100_0193);
    }
    if lower.replace(' ', "") == "resourcegroup().location" {
        return "resource_group_location".to_owned();
    }
    terraform_variable(expr, &format!("value_{hash:08x}"))
}

/// Every marked (unknown) string in a value, once each.
pub(crate) fn marked_in(v: &serde_json::Value, out: &mut Vec<String>) {
    match v {
        serde_json::Value::String(s) => {
            if let Some(e) = marked(s)
                && !out.iter().any(|x| x.eq_ignore_ascii_case(e))
            {
                out.push(e.to_owned());
            }
        }
        serde_json::Value::Array(a) => a.iter().for_each(|x| marked_in(x, out)),
        serde_json::Value::Object(o) => o.values().for_each(|x| marked_in(x, out)),
        _ => {}
    }
}

/// The expression joining name segments with `/` (each known segment a literal).
pub(crate) fn join_names(segments: &[(&str, Option<&str>)]) -> String {
    let parts: Vec<String> = segments
        .iter()
        .map(|(text, expr)| match expr {
            Some(e) => (*e).to_owned(),
            None => quote(text),
        })
        .collect();
    format!(
        "format('{}', {})",
        (0..parts.len()).map(|i| format!("{{{i}}}")).collect::<Vec<_>>().join("/"),
        parts.join(", ")
    )
}

/// The marker that starts an unknown value inside an export: the rest is its ARM expression. Every writer
/// of a string (ARM, Bicep, HCL, bash) writes a marked one as an expression, never as a literal.
/// (Control characters and a name no Azure value has: a user's text does not start with it.)
pub(crate) const MARK: &str = "\u{1}acg-unknown\u{2}";

/// The expression of a marked string.
pub(crate) fn marked(s: &str) -> Option<&str> {
    s.strip_prefix(MARK)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dependencies_and_bicep() {
        assert_eq!(depends_on("parameters('galleryName')"), "the parameter galleryName");
        assert_eq!(
            depends_on("if(empty(parameters('a')), resourceGroup().location, parameters('b'))"),
            "the parameter a, the resource group and the parameter b"
        );
        assert_eq!(depends_on("uniqueString(resourceGroup().id)"), "the resource group");
        assert_eq!(to_bicep("if(equals(parameters('a'), 'x'), 1, 2)"), "((a == 'x') ? 1 : 2)");
        assert_eq!(to_bicep("split(parameters('n'), '/')[0]"), "split(n, '/')[0]");
        assert_eq!(terraform_variable("parameters('galleryName')", "x"), "gallery_name");
        assert_eq!(terraform_variable("resourceGroup().location", "gallery_location"), "gallery_location");
        assert_eq!(
            join_names(&[("[parameters('g')]", Some("parameters('g')")), ("img", None)]),
            "format('{0}/{1}', parameters('g'), 'img')"
        );
        assert_eq!(parameters_of("concat(parameters('a'), parameters('b'), parameters('a'))"), ["a", "b"]);
    }
}
