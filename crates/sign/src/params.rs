//! Flattening structured parameters the way the official SDKs do: lists become
//! `Name.1`, `Name.2` (1-based), maps become `Name.Key`, recursively.
//!
//! ```
//! use ramp_sign::params::flatten;
//! let mut out = Vec::new();
//! flatten("Tag", &serde_json::json!([{"Key": "env", "Value": "prod"}]), &mut out);
//! assert_eq!(out, vec![("Tag.1.Key".into(), "env".into()), ("Tag.1.Value".into(), "prod".into())]);
//! ```

use serde_json::Value;

/// Appends the flattened `(name, value)` pairs of `value` under `prefix` to `out`.
/// `null` is skipped (an unset parameter); strings are used as they are; numbers
/// and booleans as their JSON text.
pub fn flatten(prefix: &str, value: &Value, out: &mut Vec<(String, String)>) {
    match value {
        Value::Null => {}
        Value::String(s) => out.push((prefix.to_owned(), s.clone())),
        Value::Bool(b) => out.push((prefix.to_owned(), b.to_string())),
        Value::Number(n) => out.push((prefix.to_owned(), n.to_string())),
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                flatten(&format!("{prefix}.{}", i + 1), item, out);
            }
        }
        Value::Object(map) => {
            for (key, item) in map {
                flatten(&format!("{prefix}.{key}"), item, out);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn nested_lists_and_maps() {
        let mut out = Vec::new();
        flatten(
            "P",
            &json!({"a": [1, true, null, "x"], "b": {"c": "d"}}),
            &mut out,
        );
        let names: Vec<_> = out.iter().map(|(k, v)| format!("{k}={v}")).collect();
        assert_eq!(names, ["P.a.1=1", "P.a.2=true", "P.a.4=x", "P.b.c=d"]);
    }
}
