//! Reading the JSON tree into the policy model: each element, its kind and shape, and every problem with its path and position.

use super::*;

pub(super) struct Reader {
    pub(super) problems: Vec<Problem>,
}

impl Reader {
    pub(super) fn problem(&mut self, kind: ProblemKind, loc: Loc) {
        self.problems.push(Problem { kind, loc });
    }

    pub(super) fn wrong(&mut self, node: &Node, path: &str, expected: &'static str) {
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
    pub(super) fn members(
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

    pub(super) fn policy(&mut self, root: Node) -> Policy {
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

    pub(super) fn string(&mut self, node: Node, path: String) -> Option<Located<String>> {
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
    pub(super) fn values(&mut self, node: Node, path: String, scalars: bool) -> Option<Values> {
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

    pub(super) fn statement(
        &mut self,
        node: Node,
        index: usize,
        path: String,
    ) -> Option<Statement> {
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

    pub(super) fn principal(&mut self, node: Node, path: String) -> Option<Principal> {
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

    pub(super) fn condition(&mut self, node: Node, path: String) -> Option<Condition> {
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
