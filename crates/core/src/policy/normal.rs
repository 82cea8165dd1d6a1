//! The normalised form: lists everywhere, values sorted and deduplicated,
//! condition operators and keys sorted, statements sorted, locations cleared.
//! Two documents that mean the same (modulo these choices) normalise equal,
//! so exports are stable and comparisons are semantic.

use super::model::*;
use super::print::print;

/// How far to go: only clear locations, or normalise fully.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    ClearLocations,
    Normalize,
}

fn located(l: &Located<String>) -> Located<String> {
    Located {
        value: l.value.clone(),
        loc: Loc::default(),
    }
}

fn values(v: &Values, mode: Mode) -> Values {
    let mut texts: Vec<String> = v.items.iter().map(|i| i.value.clone()).collect();
    if mode == Mode::Normalize {
        texts.sort();
        texts.dedup();
    }
    Values {
        items: texts
            .into_iter()
            .map(|value| Located {
                value,
                loc: Loc::default(),
            })
            .collect(),
        as_list: v.as_list || mode == Mode::Normalize,
        loc: Loc::default(),
    }
}

fn sort_if<T>(mode: Mode, items: &mut [T], key: impl Fn(&T) -> &str) {
    if mode == Mode::Normalize {
        items.sort_by(|a, b| key(a).cmp(key(b)));
    }
}

fn statement(s: &Statement, mode: Mode) -> Statement {
    let principal = s.principal.as_ref().map(|p| {
        let mut entries: Vec<PrincipalEntry> = p
            .entries
            .iter()
            .map(|e| PrincipalEntry {
                kind: located(&e.kind),
                values: values(&e.values, mode),
            })
            .collect();
        sort_if(mode, &mut entries, |e| &e.kind.value);
        Principal {
            loc: Loc::default(),
            wildcard: p.wildcard,
            entries,
        }
    });
    let condition = s.condition.as_ref().map(|c| {
        let mut blocks: Vec<ConditionBlock> = c
            .blocks
            .iter()
            .map(|b| {
                let mut keys: Vec<ConditionKey> = b
                    .keys
                    .iter()
                    .map(|k| ConditionKey {
                        key: located(&k.key),
                        values: values(&k.values, mode),
                    })
                    .collect();
                sort_if(mode, &mut keys, |k| &k.key.value);
                ConditionBlock {
                    operator: located(&b.operator),
                    keys,
                }
            })
            .collect();
        sort_if(mode, &mut blocks, |b| &b.operator.value);
        Condition {
            loc: Loc::default(),
            blocks,
        }
    });
    Statement {
        index: s.index,
        loc: Loc::default(),
        sid: s.sid.as_ref().map(located),
        effect: s.effect.as_ref().map(located),
        action: s.action.as_ref().map(|v| values(v, mode)),
        not_action: s.not_action.as_ref().map(|v| values(v, mode)),
        resource: s.resource.as_ref().map(|v| values(v, mode)),
        not_resource: s.not_resource.as_ref().map(|v| values(v, mode)),
        principal,
        not_principal: s.not_principal.as_ref().map(|_| Loc::default()),
        condition,
    }
}

/// `policy` with every location cleared (statement indexes kept): for comparing
/// what two documents say regardless of where they said it.
pub fn without_locations(policy: &Policy) -> Policy {
    Policy {
        version: policy.version.as_ref().map(located),
        statements: policy
            .statements
            .iter()
            .map(|s| statement(s, Mode::ClearLocations))
            .collect(),
        statement_as_list: policy.statement_as_list,
        loc: Loc::default(),
    }
}

/// The normalised form of `policy`.
pub fn normalize(policy: &Policy) -> Policy {
    // Sort statements by their canonical text, drop exact duplicates, number them again.
    let mut keyed: Vec<(String, Statement)> = policy
        .statements
        .iter()
        .map(|s| {
            let s = statement(s, Mode::Normalize);
            let single = Policy {
                version: None,
                statements: vec![s.clone()],
                statement_as_list: false,
                loc: Loc::default(),
            };
            (print(&single), s)
        })
        .collect();
    keyed.sort_by(|a, b| a.0.cmp(&b.0));
    keyed.dedup_by(|a, b| a.0 == b.0);
    Policy {
        version: policy.version.as_ref().map(located),
        statements: keyed
            .into_iter()
            .enumerate()
            .map(|(i, (_, s))| Statement { index: i, ..s })
            .collect(),
        statement_as_list: true,
        loc: Loc::default(),
    }
}

/// Two documents that mean the same (layout, order and duplicates aside);
/// texts that do not parse are compared as they are.
pub fn same_meaning(a: &str, b: &str) -> bool {
    match (super::parse_policy(a), super::parse_policy(b)) {
        (Ok(x), Ok(y)) => {
            without_locations(&normalize(&x.policy)) == without_locations(&normalize(&y.policy))
        }
        _ => a == b,
    }
}
