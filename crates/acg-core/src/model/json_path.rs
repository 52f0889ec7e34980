//! The path of the JSON value at a position of JSON text: what a `serde_json` error's line and column point at,
//! written as the report writes paths (`galleries[0].images[1].osType`).
//!
//! The browser builds read model types without `serde_path_to_error` (it would compile every deserializer a
//! second time); when a value has the wrong type there, this names its field from the position `serde_json`
//! gives, so an error names the field in every build.

/// One open container.
enum Open {
    /// An object and the key of the member being read (none before its key).
    Object(Option<String>),
    /// An array and the index of the element being read.
    Array(usize),
}

/// The path at 1-based `line` and `column` (bytes) of `text`; `None` at the top level.
pub(crate) fn path_at(text: &str, line: usize, column: usize) -> Option<String> {
    let start = if line <= 1 { 0 } else { text.match_indices('\n').nth(line - 2)?.0 + 1 };
    let end = (start + column).min(text.len());
    let bytes = &text.as_bytes()[..end];
    let mut stack: Vec<Open> = Vec::new();
    // Whether the next string in an object is a key.
    let mut want_key = false;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'{' => {
                stack.push(Open::Object(None));
                want_key = true;
            }
            b'[' => {
                stack.push(Open::Array(0));
                want_key = false;
            }
            b'}' | b']' => {
                stack.pop();
                want_key = false;
            }
            b',' => match stack.last_mut() {
                Some(Open::Array(n)) => *n += 1,
                Some(Open::Object(key)) => {
                    *key = None;
                    want_key = true;
                }
                None => {}
            },
            b':' => want_key = false,
            b'"' => {
                let from = i + 1;
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                if want_key && let Some(Open::Object(key)) = stack.last_mut() {
                    let raw = &bytes[from..i.min(bytes.len())];
                    *key = Some(
                        serde_json::from_slice::<String>(&[b"\"", raw, b"\""].concat())
                            .unwrap_or_else(|_| String::from_utf8_lossy(raw).into_owned()),
                    );
                    want_key = false;
                }
            }
            _ => {}
        }
        i += 1;
    }
    let mut path = String::new();
    for open in &stack {
        match open {
            Open::Object(Some(key)) => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(key);
            }
            Open::Object(None) => {}
            Open::Array(n) => {
                use core::fmt::Write as _;
                let _ = write!(path, "[{n}]");
            }
        }
    }
    (!path.is_empty()).then_some(path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Plan;

    fn error_path(text: &str) -> Option<String> {
        let e = serde_json::from_str::<Plan>(text).unwrap_err();
        path_at(text, e.line(), e.column())
    }

    #[test]
    fn names_the_field_of_a_type_mismatch() {
        assert_eq!(error_path(r#"{"galleries":"none"}"#).as_deref(), Some("galleries"));
        assert_eq!(
            error_path(r#"{"galleries":[{"name":"g","location":"eastus","images":[{"name":"d"},{"name":7}]}]}"#)
                .as_deref(),
            Some("galleries[0].images[1].name")
        );
        let pretty = "{\n  \"galleries\": [\n    {\n      \"name\": \"g\",\n      \"images\": [{\"name\": \"d\", \"versions\": [{\"name\": \"1.0.0\", \"publishingProfile\": {\"replicaCount\": \"x\"}}]}]\n    }\n  ]\n}";
        assert_eq!(
            error_path(pretty).as_deref(),
            Some("galleries[0].images[0].versions[0].publishingProfile.replicaCount")
        );
        assert_eq!(error_path(r#"{"g\"x":1, "galleries":[{"name":{"a":1}}]}"#).as_deref(), Some("galleries[0].name"));
    }

    #[test]
    fn top_level_is_no_path() {
        assert_eq!(path_at("1", 1, 1), None);
        assert_eq!(path_at("[1, 2]", 1, 5).as_deref(), Some("[1]"));
        assert_eq!(path_at("", 5, 9), None);
    }
}
