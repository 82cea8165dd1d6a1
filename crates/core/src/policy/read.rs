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

struct Reader {
    problems: Vec<Problem>,
}

impl Reader {
    fn problem(&mut self, kind: ProblemKind, loc: Loc) {
        self.problems.push(Problem { kind, loc });
    }

    fn wrong(&mut self, node: &Node, path: &str, expected: &'static str) {
        self.problem(
            ProblemKind::WrongType {
                expected,
                found: node.value.type_name(),
            },
            loc(node, path),
        );
    }

    /// Members of an object with their paths, checking for duplicates and
    /// unknown keys (`known` empty: any key). The tree is read by value, so
    /// strings move into the model instead of being copied.
    fn members(
        &mut self,
        members: Vec<Member>,
        path: &str,
        known: &[&'static str],
    ) -> Vec<(Member, String)> {
        let mut out: Vec<(Member, String)> = Vec::with_capacity(members.len());
        // Unknown keys, kept apart so that a second one is a duplicate too.
        let mut unknown: Vec<String> = Vec::new();
        for m in members {
            let p = path_key(path, &m.key.name);
            let key_loc = Loc {
                pos: m.key.pos,
                path: p,
            };
            let name = m.key.name.as_str();
            if out.iter().any(|(seen, _)| seen.key.name == name)
                || unknown.iter().any(|u| u == name)
            {
                self.problem(ProblemKind::DuplicateKey(m.key.name), key_loc);
                continue;
            }
            if !known.is_empty() && !known.contains(&m.key.name.as_str()) {
                let suggestion = known
                    .iter()
                    .copied()
                    .find(|k| k.eq_ignore_ascii_case(&m.key.name));
                unknown.push(m.key.name.clone());
                self.problem(
                    ProblemKind::UnknownKey {
                        key: m.key.name,
                        suggestion,
                    },
                    key_loc,
                );
                continue;
            }
            out.push((m, key_loc.path));
        }
        out
    }

    fn policy(&mut self, root: Node) -> Policy {
        let mut policy = Policy {
            version: None,
            statements: Vec::new(),
            statement_as_list: true,
            loc: loc(&root, ""),
        };
        let Json::Object(members) = root.value else {
            self.wrong(&root, "", "an object with Version and Statement");
            return policy;
        };
        for (m, path) in self.members(members, "", TOP_KEYS) {
            match m.key.name.as_str() {
                "Version" => policy.version = self.string(m.value, path),
                _ => match m.value.value {
                    Json::Array(items) => {
                        policy.statements.reserve(items.len());
                        for (i, item) in items.into_iter().enumerate() {
                            if let Some(s) = self.statement(item, i, path_index(&path, i)) {
                                policy.statements.push(s);
                            }
                        }
                    }
                    Json::Object(_) => {
                        policy.statement_as_list = false;
                        if let Some(s) = self.statement(m.value, 0, path) {
                            policy.statements.push(s);
                        }
                    }
                    _ => self.wrong(&m.value, &path, "a list of statements"),
                },
            }
        }
        policy
    }

    fn string(&mut self, node: Node, path: String) -> Option<Located<String>> {
        match node.value {
            Json::String(s) => Some(Located {
                value: s,
                loc: Loc {
                    pos: node.pos,
                    path,
                },
            }),
            _ => {
                self.wrong(&node, &path, "a string");
                None
            }
        }
    }

    /// A string or a list of strings; with `scalars`, booleans and numbers count as their text.
    fn values(&mut self, node: Node, path: String, scalars: bool) -> Option<Values> {
        let expected = if scalars {
            "a string, number, boolean or a list of them"
        } else {
            "a string or a list of strings"
        };
        // The value's text, or the node back when it is not a value.
        let scalar = |n: Node| match n.value {
            Json::String(s) => Ok((s, n.pos)),
            Json::Bool(b) if scalars => Ok((b.to_string(), n.pos)),
            Json::Number(x) if scalars => Ok((x, n.pos)),
            _ => Err(n),
        };
        let pos = node.pos;
        match node.value {
            Json::Array(items) => {
                if items.is_empty() {
                    self.problem(
                        ProblemKind::EmptyList,
                        Loc {
                            pos,
                            path: path.clone(),
                        },
                    );
                }
                let mut out = Vec::with_capacity(items.len());
                for (i, item) in items.into_iter().enumerate() {
                    let p = path_index(&path, i);
                    match scalar(item) {
                        Ok((value, pos)) => out.push(Located {
                            value,
                            loc: Loc { pos, path: p },
                        }),
                        Err(item) => self.wrong(&item, &p, expected),
                    }
                }
                Some(Values {
                    items: out,
                    as_list: true,
                    loc: Loc { pos, path },
                })
            }
            value => match scalar(Node { value, pos }) {
                Ok((value, pos)) => Some(Values {
                    items: vec![Located {
                        value,
                        loc: Loc {
                            pos,
                            path: path.clone(),
                        },
                    }],
                    as_list: false,
                    loc: Loc { pos, path },
                }),
                Err(node) => {
                    self.wrong(&node, &path, expected);
                    None
                }
            },
        }
    }

    fn statement(&mut self, node: Node, index: usize, path: String) -> Option<Statement> {
        let Json::Object(members) = node.value else {
            self.wrong(&node, &path, "a statement object");
            return None;
        };
        let mut s = Statement {
            index,
            loc: Loc {
                pos: node.pos,
                path: String::new(),
            },
            sid: None,
            effect: None,
            action: None,
            not_action: None,
            resource: None,
            not_resource: None,
            principal: None,
            not_principal: None,
            condition: None,
        };
        for (m, p) in self.members(members, &path, STATEMENT_KEYS) {
            let v = m.value;
            match m.key.name.as_str() {
                "Sid" => s.sid = self.string(v, p),
                "Effect" => s.effect = self.string(v, p),
                "Action" => s.action = self.values(v, p, false),
                "NotAction" => s.not_action = self.values(v, p, false),
                "Resource" => s.resource = self.values(v, p, false),
                "NotResource" => s.not_resource = self.values(v, p, false),
                "Principal" => s.principal = self.principal(v, p),
                "NotPrincipal" => {
                    s.not_principal = Some(Loc {
                        pos: m.key.pos,
                        path: p,
                    })
                }
                _ => s.condition = self.condition(v, p),
            }
        }
        s.loc.path = path;
        Some(s)
    }

    fn principal(&mut self, node: Node, path: String) -> Option<Principal> {
        match node.value {
            Json::String(s) if s == "*" => Some(Principal {
                loc: Loc {
                    pos: node.pos,
                    path,
                },
                wildcard: true,
                entries: Vec::new(),
            }),
            Json::Object(members) => {
                let mut entries = Vec::new();
                for (m, p) in self.members(members, &path, &[]) {
                    let kind_loc = Loc {
                        pos: m.key.pos,
                        path: p.clone(),
                    };
                    if let Some(values) = self.values(m.value, p, false) {
                        entries.push(PrincipalEntry {
                            kind: Located {
                                value: m.key.name,
                                loc: kind_loc,
                            },
                            values,
                        });
                    }
                }
                Some(Principal {
                    loc: Loc {
                        pos: node.pos,
                        path,
                    },
                    wildcard: false,
                    entries,
                })
            }
            value => {
                self.wrong(
                    &Node {
                        value,
                        pos: node.pos,
                    },
                    &path,
                    "an object such as {\"RAM\": [\"acs:ram::<account-id>:root\"]}",
                );
                None
            }
        }
    }

    fn condition(&mut self, node: Node, path: String) -> Option<Condition> {
        let Json::Object(members) = node.value else {
            self.wrong(&node, &path, "an object of operator → key → values");
            return None;
        };
        let mut blocks = Vec::with_capacity(members.len());
        for (m, p) in self.members(members, &path, &[]) {
            let Json::Object(keys) = m.value.value else {
                self.wrong(&m.value, &p, "an object of key → values");
                continue;
            };
            let mut out = Vec::with_capacity(keys.len());
            for (k, kp) in self.members(keys, &p, &[]) {
                let key_loc = Loc {
                    pos: k.key.pos,
                    path: kp.clone(),
                };
                if let Some(values) = self.values(k.value, kp, true) {
                    out.push(ConditionKey {
                        key: Located {
                            value: k.key.name,
                            loc: key_loc,
                        },
                        values,
                    });
                }
            }
            blocks.push(ConditionBlock {
                operator: Located {
                    value: m.key.name,
                    loc: Loc {
                        pos: m.key.pos,
                        path: p,
                    },
                },
                keys: out,
            });
        }
        Some(Condition {
            loc: Loc {
                pos: node.pos,
                path,
            },
            blocks,
        })
    }
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

#[cfg(test)]
mod tests;
