//! The studio's visual editor, kept in sync with the JSON both ways: the
//! statements are read from the document's JSON, and every visual edit is
//! applied to that JSON — keys the editor does not show (Sid, NotAction,
//! NotResource…) are left as they are — then written back in the canonical
//! layout. Pure: text in, text out, tested natively.

use ramp_core::policy::{parse_policy, print};
use serde_json::{Map, Value};

/// A statement as the visual editor shows it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Shown {
    /// `Allow` or `Deny` (as written).
    pub effect: String,
    /// `Action` values.
    pub actions: Vec<String>,
    /// `Resource` values.
    pub resources: Vec<String>,
    /// `Principal` entries: `(RAM | Service | Federated, value)`; `("*", "*")` for anyone.
    pub principals: Vec<(String, String)>,
    /// `Condition` entries: `(operator, key, values)`.
    pub conditions: Vec<(String, String, Vec<String>)>,
    /// Other keys, edited in the JSON only.
    pub other: Vec<String>,
}

/// A list of the statement's the visual editor edits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum List {
    /// `Action`.
    Action,
    /// `Resource`.
    Resource,
}

impl List {
    fn key(self) -> &'static str {
        match self {
            List::Action => "Action",
            List::Resource => "Resource",
        }
    }
}

/// One visual edit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Edit {
    /// A new statement (`Allow`, no action yet, every resource — or, in a
    /// trust policy, `sts:AssumeRole` for a principal still to name).
    AddStatement {
        /// A trust policy's statement.
        trust: bool,
    },
    /// Remove statement `n`.
    RemoveStatement(usize),
    /// Set statement `n`'s effect.
    Effect(usize, String),
    /// Add a value to a list.
    Add(usize, List, String),
    /// Remove value `i` of a list.
    Remove(usize, List, usize),
    /// Add a principal `(kind, value)`.
    AddPrincipal(usize, String, String),
    /// Remove principal `i` (in [`Shown::principals`] order).
    RemovePrincipal(usize, usize),
    /// Add a condition `(operator, key, values)`.
    AddCondition(usize, String, String, Vec<String>),
    /// Remove condition `i` (in [`Shown::conditions`] order).
    RemoveCondition(usize, usize),
}

fn strings(v: Option<&Value>) -> Vec<String> {
    match v {
        Some(Value::String(s)) => vec![s.clone()],
        Some(Value::Array(a)) => a
            .iter()
            .map(|x| match x {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            })
            .collect(),
        Some(Value::Bool(b)) => vec![b.to_string()],
        Some(Value::Number(n)) => vec![n.to_string()],
        _ => Vec::new(),
    }
}

fn one_or_many(values: Vec<String>) -> Value {
    match values.len() {
        1 => Value::String(values.into_iter().next().unwrap_or_default()),
        _ => Value::Array(values.into_iter().map(Value::String).collect()),
    }
}

fn statements(doc: &Value) -> Vec<&Map<String, Value>> {
    match doc.get("Statement") {
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_object).collect(),
        Some(Value::Object(o)) => vec![o],
        _ => Vec::new(),
    }
}

fn principals(s: &Map<String, Value>) -> Vec<(String, String)> {
    match s.get("Principal") {
        Some(Value::String(w)) => vec![("*".into(), w.clone())],
        Some(Value::Object(o)) => o
            .iter()
            .flat_map(|(k, v)| strings(Some(v)).into_iter().map(move |x| (k.clone(), x)))
            .collect(),
        _ => Vec::new(),
    }
}

fn conditions(s: &Map<String, Value>) -> Vec<(String, String, Vec<String>)> {
    let Some(Value::Object(ops)) = s.get("Condition") else {
        return Vec::new();
    };
    ops.iter()
        .flat_map(|(op, keys)| {
            keys.as_object()
                .into_iter()
                .flatten()
                .map(move |(k, v)| (op.clone(), k.clone(), strings(Some(v))))
        })
        .collect()
}

const EDITED: &[&str] = &["Effect", "Action", "Resource", "Principal", "Condition"];

/// The statements of `text`, or why the visual editor cannot show them
/// (the JSON's own error, from the parser the linter uses).
pub fn read(text: &str) -> Result<Vec<Shown>, String> {
    let doc: Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
    if !doc.is_object() {
        return Err("the document is not a JSON object".into());
    }
    Ok(statements(&doc)
        .into_iter()
        .map(|s| Shown {
            effect: s
                .get("Effect")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned(),
            actions: strings(s.get("Action")),
            resources: strings(s.get("Resource")),
            principals: principals(s),
            conditions: conditions(s),
            other: s
                .keys()
                .filter(|k| !EDITED.contains(&k.as_str()))
                .cloned()
                .collect(),
        })
        .collect())
}

/// `text` after `edit`, in the canonical layout (or pretty JSON while the
/// document is not yet a policy the reader accepts, e.g. a statement with no
/// action yet). `None` when `text` is not a JSON object.
pub fn apply(text: &str, edit: &Edit) -> Option<String> {
    let mut doc: Value = serde_json::from_str(text).ok()?;
    let root = doc.as_object_mut()?;
    root.entry("Version")
        .or_insert_with(|| Value::String("1".into()));
    // One statement written as an object becomes a list of one.
    let list = match root.remove("Statement") {
        Some(Value::Array(a)) => a,
        Some(o @ Value::Object(_)) => vec![o],
        _ => Vec::new(),
    };
    root.insert("Statement".into(), Value::Array(list));
    let Some(Value::Array(list)) = root.get_mut("Statement") else {
        return None;
    };
    match edit {
        Edit::AddStatement { trust } => {
            let mut s = Map::new();
            s.insert("Effect".into(), "Allow".into());
            if *trust {
                s.insert("Action".into(), "sts:AssumeRole".into());
                s.insert("Principal".into(), Value::Object(Map::new()));
            } else {
                s.insert("Action".into(), Value::Array(Vec::new()));
                s.insert("Resource".into(), "*".into());
            }
            list.push(Value::Object(s));
        }
        Edit::RemoveStatement(n) if *n < list.len() => {
            list.remove(*n);
        }
        _ => {
            let n = match edit {
                Edit::Effect(n, _)
                | Edit::Add(n, ..)
                | Edit::Remove(n, ..)
                | Edit::AddPrincipal(n, ..)
                | Edit::RemovePrincipal(n, _)
                | Edit::AddCondition(n, ..)
                | Edit::RemoveCondition(n, _) => *n,
                _ => return None,
            };
            let s = list.get_mut(n)?.as_object_mut()?;
            edit_statement(s, edit);
        }
    }
    let json = serde_json::to_string(&doc).ok()?;
    Some(match parse_policy(&json) {
        Ok(p) if p.problems.is_empty() => print(&p.policy),
        _ => serde_json::to_string_pretty(&doc).ok()?,
    })
}

fn edit_statement(s: &mut Map<String, Value>, edit: &Edit) {
    match edit {
        Edit::Effect(_, e) => {
            s.insert("Effect".into(), Value::String(e.clone()));
        }
        Edit::Add(_, l, v) => {
            let v = v.trim();
            let mut values = strings(s.get(l.key()));
            if !v.is_empty() && !values.iter().any(|x| x == v) {
                values.push(v.to_owned());
            }
            s.insert(l.key().into(), one_or_many(values));
        }
        Edit::Remove(_, l, i) => {
            let mut values = strings(s.get(l.key()));
            if *i < values.len() {
                values.remove(*i);
            }
            s.insert(l.key().into(), one_or_many(values));
        }
        Edit::AddPrincipal(_, kind, value) => {
            let value = value.trim();
            if value.is_empty() {
                return;
            }
            if kind == "*" {
                s.insert("Principal".into(), "*".into());
                return;
            }
            let mut entries = match s.remove("Principal") {
                Some(Value::Object(o)) => o,
                _ => Map::new(),
            };
            let mut values = strings(entries.get(kind));
            if !values.iter().any(|x| x == value) {
                values.push(value.to_owned());
            }
            entries.insert(kind.clone(), one_or_many(values));
            s.insert("Principal".into(), Value::Object(entries));
        }
        Edit::RemovePrincipal(_, i) => {
            let mut all = principals(s);
            if *i < all.len() {
                all.remove(*i);
            }
            let mut entries = Map::new();
            for (k, v) in all.into_iter().filter(|(k, _)| k != "*") {
                let mut values = strings(entries.get(&k));
                values.push(v);
                entries.insert(k, one_or_many(values));
            }
            s.insert("Principal".into(), Value::Object(entries));
        }
        Edit::AddCondition(_, op, key, values) => {
            let values: Vec<String> = values
                .iter()
                .map(|v| v.trim().to_owned())
                .filter(|v| !v.is_empty())
                .collect();
            if op.trim().is_empty() || key.trim().is_empty() || values.is_empty() {
                return;
            }
            let cond = s
                .entry("Condition")
                .or_insert_with(|| Value::Object(Map::new()));
            if !cond.is_object() {
                *cond = Value::Object(Map::new());
            }
            if let Some(ops) = cond.as_object_mut() {
                let block = ops
                    .entry(op.trim())
                    .or_insert_with(|| Value::Object(Map::new()));
                if let Some(keys) = block.as_object_mut() {
                    keys.insert(key.trim().to_owned(), one_or_many(values));
                }
            }
        }
        Edit::RemoveCondition(_, i) => {
            let Some((op, key, _)) = conditions(s).into_iter().nth(*i) else {
                return;
            };
            if let Some(Value::Object(ops)) = s.get_mut("Condition") {
                if let Some(Value::Object(keys)) = ops.get_mut(&op) {
                    keys.remove(&key);
                    if keys.is_empty() {
                        ops.remove(&op);
                    }
                }
                if ops.is_empty() {
                    s.remove("Condition");
                }
            }
        }
        _ => {}
    }
}

/// An ARN from the builder's parts: `acs:<service>:<region>:<account>:<resource>`.
pub fn arn(service: &str, region: &str, account: &str, resource: &str) -> String {
    let or_any = |s: &str| {
        if s.trim().is_empty() {
            "*".to_owned()
        } else {
            s.trim().to_owned()
        }
    };
    format!(
        "acs:{}:{}:{}:{}",
        service.trim(),
        region.trim(),
        or_any(account),
        or_any(resource)
    )
}

#[cfg(test)]
mod tests;

#[cfg(all(test, not(target_arch = "wasm32")))]
mod properties;
