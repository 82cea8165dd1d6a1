//! From positioned JSON to the typed [`Policy`] model. Reading is lenient:
//! anything that does not fit the language is kept out of the model and
//! reported as a [`Problem`] at its location, so the linter can explain it.

use super::json::{self, Json, JsonError, Member, Node};
use super::model::*;

/// A structural problem found while reading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// What.
    pub kind: ProblemKind,
    /// Where.
    pub loc: Loc,
}

/// The kinds of structural problems.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ProblemKind {
    /// A value of the wrong JSON type.
    WrongType {
        /// What the language expects here.
        expected: &'static str,
        /// The JSON type found.
        found: &'static str,
    },
    /// A key the language does not have. `suggestion` is the right spelling when only the case differs.
    UnknownKey {
        /// The key.
        key: String,
        /// The known key it resembles.
        suggestion: Option<&'static str>,
    },
    /// The same key twice in one object (the later one is ignored).
    DuplicateKey(String),
    /// An empty list where values are needed.
    EmptyList,
}

/// A document read from text: the model and the problems met on the way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parsed {
    /// The policy.
    pub policy: Policy,
    /// Structural problems, in source order.
    pub problems: Vec<Problem>,
}

const TOP_KEYS: &[&str] = &["Version", "Statement"];
const STATEMENT_KEYS: &[&str] = &[
    "Sid",
    "Effect",
    "Action",
    "NotAction",
    "Resource",
    "NotResource",
    "Principal",
    "NotPrincipal",
    "Condition",
];

/// Parses a policy document.
pub fn parse_policy(text: &str) -> Result<Parsed, JsonError> {
    let root = json::parse(text)?;
    let mut reader = Reader {
        problems: Vec::new(),
    };
    let policy = reader.policy(root);
    let mut problems = reader.problems;
    problems.sort_by_key(|p| p.loc.pos.offset);
    Ok(Parsed { policy, problems })
}

/// `parent.Key`, or `parent["odd key"]` when the key is not a plain identifier.
pub fn path_key(parent: &str, key: &str) -> String {
    let plain = !key.is_empty() && key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
    if plain && parent.is_empty() {
        return key.to_owned();
    }
    let mut path = String::with_capacity(parent.len() + key.len() + 4);
    path.push_str(parent);
    if plain {
        path.push('.');
        path.push_str(key);
    } else {
        path.push('[');
        json::quote_into(&mut path, key);
        path.push(']');
    }
    path
}

/// `parent[i]`.
pub fn path_index(parent: &str, i: usize) -> String {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    let mut n = i;
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    let mut path = String::with_capacity(parent.len() + digits.len() - at + 2);
    path.push_str(parent);
    path.push('[');
    path.push_str(std::str::from_utf8(&digits[at..]).expect("decimal digits are ASCII"));
    path.push(']');
    path
}

fn loc(node: &Node, path: &str) -> Loc {
    Loc {
        pos: node.pos,
        path: path.to_owned(),
    }
}

impl crate::lang::Localized for Problem {
    fn message(&self, lang: crate::lang::Lang) -> String {
        use crate::lang::Lang;
        let at = &self.loc.path;
        match (&self.kind, lang) {
            (ProblemKind::WrongType { expected, found }, Lang::En) => {
                format!("{at}: expected {expected}, found a {found}")
            }
            (ProblemKind::WrongType { expected, found }, Lang::Zh) => {
                format!("{at}：应为 {expected}，实际为 {found}")
            }
            (
                ProblemKind::UnknownKey {
                    key,
                    suggestion: Some(s),
                },
                Lang::En,
            ) => {
                format!("`{key}` is not an element of the policy language; element names are case-sensitive: write `{s}`")
            }
            (
                ProblemKind::UnknownKey {
                    key,
                    suggestion: Some(s),
                },
                Lang::Zh,
            ) => {
                format!("`{key}` 不是策略语法的元素；元素名区分大小写：请写成 `{s}`")
            }
            (
                ProblemKind::UnknownKey {
                    key,
                    suggestion: None,
                },
                Lang::En,
            ) => {
                format!("`{key}` is not an element of the RAM policy language: remove it")
            }
            (
                ProblemKind::UnknownKey {
                    key,
                    suggestion: None,
                },
                Lang::Zh,
            ) => format!("`{key}` 不是 RAM 策略语法的元素：请删除"),
            (ProblemKind::DuplicateKey(key), Lang::En) => {
                format!("`{key}` appears twice in the same object; only the first is used: merge the values")
            }
            (ProblemKind::DuplicateKey(key), Lang::Zh) => {
                format!("同一对象中 `{key}` 出现两次，只有第一个生效：请合并取值")
            }
            (ProblemKind::EmptyList, Lang::En) => {
                format!("{at}: the list is empty: give at least one value, or remove the element")
            }
            (ProblemKind::EmptyList, Lang::Zh) => {
                format!("{at}：列表为空：请至少填写一个值，或删除该元素")
            }
        }
    }
}

mod reader;
use self::reader::*;

#[cfg(test)]
mod tests;
