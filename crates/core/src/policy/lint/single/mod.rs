//! Checks that read one document: the document and each statement here,
//! each element in its own file.

mod action;
mod condition;
mod principal;
mod resource;

use super::{Code, Finding, Kind, MFA_SELF_SERVICE};
use crate::lang::{Lang, Localized};
use crate::policy::build::check_external_id;
use crate::policy::catalogue::{self, distance};
use crate::policy::eval::condition::{is_operator, operator_names, parse_date, value_fits};
use crate::policy::eval::wildcard;
use crate::policy::model::*;
use crate::policy::read::ProblemKind;
use crate::policy::{print, Parsed};
use crate::time::UtcTime;

/// Actions with which an identity can raise its own permissions (the
/// linter's check and the access review's finding share them).
pub(crate) const ESCALATION: &[&str] = &[
    "ram:AttachPolicyToUser",
    "ram:AttachPolicyToGroup",
    "ram:AttachPolicyToRole",
    "ram:CreatePolicyVersion",
    "ram:SetDefaultPolicyVersion",
    "ram:CreateAccessKey",
    "ram:CreateLoginProfile",
    "ram:UpdateLoginProfile",
    "ram:UpdateRole",
    "ram:AddUserToGroup",
    "resourcemanager:AttachPolicy",
];

/// Global condition keys (reference §7.4), and the prefixes of tag keys.
pub const GLOBAL_KEYS: &[&str] = &[
    "acs:CurrentTime",
    "acs:SecureTransport",
    "acs:SourceIp",
    "acs:MFAPresent",
    "acs:UserAgent",
    "acs:Referer",
    "acs:SourceVpc",
    "acs:AccessId",
    "acs:SourceVpcIp",
    "acs:PrincipalARN",
];
const GLOBAL_KEY_PREFIXES: &[&str] = &["acs:ResourceTag/", "acs:RequestTag/"];

struct Linter<'p> {
    out: Vec<Finding>,
    kind: Kind,
    now: Option<UtcTime>,
    parsed: &'p Parsed,
}

/// The nearest candidate within `max` edits.
fn nearest<'a>(
    target: &str,
    candidates: impl Iterator<Item = &'a str>,
    max: usize,
) -> Option<&'a str> {
    candidates
        .map(|c| (distance(target, c), c))
        .filter(|(d, _)| *d <= max)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

fn has_wildcard(s: &str) -> bool {
    s.contains(['*', '?'])
}

/// Does the statement's Action/NotAction cover `action`?
pub(super) fn covers(s: &Statement, action: &str) -> bool {
    let any = |v: &Option<Values>| {
        v.as_ref()
            .is_some_and(|v| v.texts().any(|p| wildcard::matches(p, action, true)))
    };
    if s.action.is_some() {
        any(&s.action)
    } else {
        s.not_action.is_some() && !any(&s.not_action)
    }
}

/// Is this a Deny that applies when MFA is absent (`Bool acs:MFAPresent false`)?
pub(super) fn denies_without_mfa(s: &Statement) -> Option<&ConditionKey> {
    if s.effect() != Some(Effect::Deny) {
        return None;
    }
    s.condition
        .as_ref()?
        .blocks
        .iter()
        .filter(|b| b.operator.value == "Bool")
        .find_map(|b| {
            b.keys.iter().find(|k| {
                k.key.value.eq_ignore_ascii_case("acs:MFAPresent")
                    && k.values.texts().any(|v| v.eq_ignore_ascii_case("false"))
            })
        })
}

fn condition_keys(s: &Statement) -> impl Iterator<Item = (&ConditionBlock, &ConditionKey)> {
    s.condition
        .iter()
        .flat_map(|c| c.blocks.iter())
        .flat_map(|b| b.keys.iter().map(move |k| (b, k)))
}

fn has_key(s: &Statement, key: &str) -> bool {
    condition_keys(s).any(|(_, k)| k.key.value.eq_ignore_ascii_case(key))
}

fn is_role_arn(r: &str) -> bool {
    r.strip_prefix("acs:ram::")
        .and_then(|rest| rest.split_once(":role/"))
        .is_some_and(|(acct, name)| !acct.is_empty() && !name.is_empty())
}

fn digits_or_wildcard(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_digit() || b == b'*' || b == b'?')
}

impl Linter<'_> {
    fn push(&mut self, code: Code, loc: &Loc, subject: impl Into<String>, hint: Option<&str>) {
        self.out.push(Finding {
            check: code.check(),
            loc: loc.clone(),
            policy: None,
            subject: subject.into(),
            subject_zh: None,
            hint: hint.map(str::to_owned),
        });
    }

    fn has_problem_at(&self, path: &str) -> bool {
        self.parsed.problems.iter().any(|p| p.loc.path == path)
    }

    fn problems(&mut self) {
        for p in &self.parsed.problems {
            let (code, subject, hint) = match &p.kind {
                ProblemKind::WrongType { .. } => (Code::E027, p.message(Lang::En), None),
                ProblemKind::UnknownKey { key, suggestion } => {
                    (Code::E028, key.clone(), *suggestion)
                }
                ProblemKind::DuplicateKey(key) => (Code::W011, key.clone(), None),
                ProblemKind::EmptyList => (Code::E029, p.loc.path.clone(), None),
            };
            let mut f = Finding {
                check: code.check(),
                loc: p.loc.clone(),
                policy: None,
                subject,
                subject_zh: None,
                hint: hint.map(str::to_owned),
            };
            if code == Code::E027 {
                f.subject_zh = Some(p.message(Lang::Zh));
            }
            self.out.push(f);
        }
    }

    fn document(&mut self, text: &str) {
        let policy = &self.parsed.policy;
        match policy.version.as_ref().map(|v| v.value.as_str()) {
            Some("1") => {}
            Some("2012-10-17") => self.push(
                Code::E003,
                &policy.version.as_ref().unwrap().loc,
                "\"2012-10-17\"",
                None,
            ),
            Some(v) => self.push(
                Code::E002,
                &policy.version.as_ref().unwrap().loc,
                format!("\"{v}\""),
                None,
            ),
            None if !self.has_problem_at("Version") => {
                self.push(Code::E002, &policy.loc, "missing", None)
            }
            None => {}
        }
        if policy.statements.is_empty() && !self.has_problem_at("Statement") {
            self.push(Code::E004, &policy.loc, "", None);
        }
        if !policy.statement_as_list && !policy.statements.is_empty() {
            self.push(Code::N008, &policy.statements[0].loc, "", None);
        }
        let length = text.chars().count();
        if self.kind == Kind::Permission && length > 6144 {
            self.push(Code::E026, &policy.loc, length.to_string(), None);
        }
        if self.parsed.problems.is_empty() {
            let canonical = print(policy);
            if canonical != text {
                let line = canonical
                    .lines()
                    .zip(text.lines())
                    .position(|(a, b)| a != b)
                    .map_or_else(
                        || canonical.lines().count().min(text.lines().count()) + 1,
                        |i| i + 1,
                    );
                let offset = text
                    .split_inclusive('\n')
                    .take(line - 1)
                    .map(str::len)
                    .sum();
                let pos = crate::policy::json::Pos {
                    line: line as u32,
                    column: 1,
                    offset,
                };
                self.push(
                    Code::N004,
                    &Loc {
                        pos,
                        path: String::new(),
                    },
                    line.to_string(),
                    None,
                );
            }
        }
        let mut seen: Vec<(Effect, String, String)> = Vec::new();
        for s in &policy.statements {
            self.statement(s);
            self.mergeable(s, &mut seen);
        }
    }

    fn mergeable(&mut self, s: &Statement, seen: &mut Vec<(Effect, String, String)>) {
        let (Some(effect), Some(_), Some(resource)) = (s.effect(), &s.action, &s.resource) else {
            return;
        };
        let mut resources: Vec<&str> = resource.texts().collect();
        resources.sort_unstable();
        let mut cond: Vec<String> = condition_keys(s)
            .map(|(b, k)| {
                format!(
                    "{}|{}|{}",
                    b.operator.value,
                    k.key.value,
                    k.values.texts().collect::<Vec<_>>().join(",")
                )
            })
            .collect();
        cond.sort();
        let key = (effect, resources.join(","), cond.join(";"));
        if seen.contains(&key) {
            self.push(Code::N007, &s.loc, s.index.to_string(), None);
        } else {
            seen.push(key);
        }
    }

    fn statement(&mut self, s: &Statement) {
        match (&s.effect, s.effect()) {
            (_, Some(_)) => {}
            (Some(e), None) => self.push(Code::E005, &e.loc, format!("\"{}\"", e.value), None),
            (None, None) if !self.has_problem_at(&format!("{}.Effect", s.loc.path)) => {
                self.push(Code::E005, &s.loc, "missing", None)
            }
            _ => {}
        }
        match (&s.action, &s.not_action) {
            (None, None) => self.push(Code::E006, &s.loc, "", None),
            (Some(_), Some(n)) => self.push(Code::E007, &n.loc, "", None),
            _ => {}
        }
        for v in [&s.action, &s.not_action, &s.resource]
            .into_iter()
            .flatten()
        {
            if v.as_list && v.items.len() == 1 {
                self.push(Code::N001, &v.loc, v.loc.path.clone(), None);
            }
        }
        for v in [&s.action, &s.not_action].into_iter().flatten() {
            self.list_overlap(v, true);
            for item in &v.items {
                self.action(s, item);
            }
        }
        if let Some(n) = &s.not_resource {
            self.push(Code::E020, &n.loc, "", None);
        }
        if let Some(loc) = &s.not_principal {
            self.push(Code::E021, loc, "", None);
        }
        match self.kind {
            Kind::Permission => {
                if s.resource.is_none() && s.not_resource.is_none() {
                    self.push(Code::E009, &s.loc, "", None);
                }
                if let Some(p) = &s.principal {
                    self.push(Code::E022, &p.loc, "", None);
                }
                self.permission(s);
            }
            Kind::Trust => {
                if let Some(r) = &s.resource {
                    self.push(Code::E025, &r.loc, "", None);
                }
                match &s.principal {
                    Some(p) => self.principal(s, p),
                    None if s.not_principal.is_none() => self.push(Code::E023, &s.loc, "", None),
                    None => {}
                }
            }
        }
        if let Some(r) = &s.resource {
            self.list_overlap(r, false);
            for item in &r.items {
                self.resource(s, item);
            }
        }
        if let Some(c) = &s.condition {
            self.condition(s, c);
        }
    }

    fn list_overlap(&mut self, v: &Values, ignore_case: bool) {
        for (i, item) in v.items.iter().enumerate() {
            let same = |o: &Located<String>| {
                if ignore_case {
                    o.value.eq_ignore_ascii_case(&item.value)
                } else {
                    o.value == item.value
                }
            };
            if v.items[..i].iter().any(same) {
                self.push(Code::N002, &item.loc, item.value.clone(), None);
            } else if v.items.iter().any(|o| {
                !same(o)
                    && has_wildcard(&o.value)
                    && wildcard::matches(&o.value, &item.value, ignore_case)
            }) {
                self.push(Code::N003, &item.loc, item.value.clone(), None);
            }
        }
    }
}

/// Runs every single-document check.
pub(super) fn lint(parsed: &Parsed, text: &str, kind: Kind, now: Option<UtcTime>) -> Vec<Finding> {
    let mut l = Linter {
        out: Vec::new(),
        kind,
        now,
        parsed,
    };
    l.problems();
    l.document(text);
    l.out
}
