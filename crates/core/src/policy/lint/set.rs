//! Set checks: everything attached to one identity, at account scope and at
//! resource-group scope, read together.

use super::single::{covers, denies_without_mfa};
use super::{Code, Finding, MFA_SELF_SERVICE};
use crate::policy::catalogue::{system_policy, system_policy_ignore_case};
use crate::policy::eval::wildcard;
use crate::policy::model::{Effect, Loc, Policy, Statement};
use crate::policy::parse_policy;

/// One attached policy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attached {
    /// The name it is attached under.
    pub name: String,
    /// A system policy (by name) or a custom one.
    pub system: bool,
    /// Its document: a custom policy's, or the catalogue's for a system policy it knows.
    pub document: Option<Policy>,
    /// `None` at account scope, `Some(rg-…)` at a resource group's.
    pub resource_group: Option<String>,
}

impl Attached {
    /// A system policy attached by name (the document comes from the catalogue,
    /// found ignoring case so the other checks still see it).
    pub fn system(name: &str, resource_group: Option<String>) -> Attached {
        let document = system_policy_ignore_case(name).and_then(|p| p.policy());
        Attached {
            name: name.to_owned(),
            system: true,
            document,
            resource_group,
        }
    }
}

/// What is known about the identity itself.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct IdentityFacts {
    /// It has a console password (login profile).
    pub console: bool,
    /// It has an AccessKey.
    pub access_key: bool,
}

/// Everything attached to one identity.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PolicySet {
    /// The attachments.
    pub attached: Vec<Attached>,
    /// Facts about the identity.
    pub facts: IdentityFacts,
}

/// Reads the attachment-list notation used by the set checks' examples:
/// `identity [console] [accesskey]`, `attach NAME`, `attach-rg RG NAME`,
/// `custom NAME JSON`, `custom-rg RG NAME JSON`; `#` starts a comment.
pub fn parse_set(text: &str) -> Result<PolicySet, String> {
    let mut set = PolicySet::default();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (command, rest) = line.split_once(' ').unwrap_or((line, ""));
        let word = |s: &str| {
            s.trim()
                .split_once(' ')
                .map_or((s.trim().to_owned(), String::new()), |(a, b)| {
                    (a.to_owned(), b.trim().to_owned())
                })
        };
        let custom = |name: String, json: &str, rg: Option<String>| {
            parse_policy(json)
                .map(|p| Attached {
                    name,
                    system: false,
                    document: Some(p.policy),
                    resource_group: rg,
                })
                .map_err(|e| {
                    format!(
                        "line {}: {}",
                        n + 1,
                        crate::lang::Localized::message(&e, crate::lang::Lang::En)
                    )
                })
        };
        match command {
            "identity" => {
                for fact in rest.split_whitespace() {
                    match fact {
                        "console" => set.facts.console = true,
                        "accesskey" => set.facts.access_key = true,
                        other => return Err(format!("line {}: unknown identity fact `{other}` (console, accesskey)", n + 1)),
                    }
                }
            }
            "attach" => set.attached.push(Attached::system(rest.trim(), None)),
            "attach-rg" => {
                let (rg, name) = word(rest);
                set.attached.push(Attached::system(&name, Some(rg)));
            }
            "custom" => {
                let (name, json) = word(rest);
                set.attached.push(custom(name, &json, None)?);
            }
            "custom-rg" => {
                let (rg, rest) = word(rest);
                let (name, json) = word(&rest);
                set.attached.push(custom(name, &json, Some(rg))?);
            }
            other => return Err(format!("line {}: unknown command `{other}` (identity, attach, attach-rg, custom, custom-rg)", n + 1)),
        }
    }
    Ok(set)
}

fn statements(a: &Attached) -> impl Iterator<Item = &Statement> {
    a.document.iter().flat_map(|d| d.statements.iter())
}

fn is(a: &Attached, name: &str) -> bool {
    a.system && a.name.eq_ignore_ascii_case(name)
}

/// Scopes ARMS to named apps (or Prometheus instances).
fn app_scoped(a: &Attached) -> bool {
    !a.system
        && statements(a).any(|s| {
            s.effect() == Some(Effect::Allow)
                && s.resource.as_ref().is_some_and(|r| {
                    r.texts().any(|t| {
                        t.starts_with("acs:arms:")
                            && (t.contains(":armsapp/")
                                || t.contains(":armsweb/")
                                || t.contains(":prometheus/"))
                    })
                })
        })
}

fn on_every_resource(s: &Statement) -> bool {
    s.resource
        .as_ref()
        .is_some_and(|r| r.texts().any(|t| t == "*"))
}

fn unconditional_deny_everywhere(s: &Statement) -> bool {
    s.effect() == Some(Effect::Deny) && s.condition.is_none() && on_every_resource(s)
}

struct SetLinter {
    out: Vec<Finding>,
}

impl SetLinter {
    fn push(
        &mut self,
        code: Code,
        policy: &str,
        loc: Option<&Loc>,
        subject: &str,
        hint: Option<&str>,
    ) {
        self.out.push(Finding {
            check: code.check(),
            loc: loc.cloned().unwrap_or_default(),
            policy: Some(policy.to_owned()),
            subject: subject.to_owned(),
            subject_zh: None,
            hint: hint.map(str::to_owned),
        });
    }
}

/// Runs the set checks.
pub fn lint_set(set: &PolicySet) -> Vec<Finding> {
    let mut l = SetLinter { out: Vec::new() };
    let all = &set.attached;
    if set.facts.console && set.facts.access_key {
        l.push(Code::S010, "", None, "", None);
    }
    for a in all.iter().filter(|a| a.system) {
        match (system_policy(&a.name), system_policy_ignore_case(&a.name)) {
            (None, Some(right)) => l.push(Code::W003, &a.name, None, &a.name, Some(right.name)),
            (Some(p), _) if p.high_risk => l.push(Code::S009, &a.name, None, &a.name, None),
            _ => {}
        }
    }
    let full = all
        .iter()
        .any(|a| is(a, "AliyunARMSFullAccess") && a.resource_group.is_none());
    let baseline = all.iter().any(|a| {
        is(a, "AliyunARMSReadOnlyAccess")
            || is(a, "ReadOnlyAccess")
            || is(a, "AliyunARMSFullAccess")
    });
    for a in all.iter().filter(|a| app_scoped(a)) {
        if full {
            l.push(Code::W004, &a.name, None, &a.name, None);
        } else if !baseline {
            l.push(Code::W005, &a.name, None, &a.name, None);
        }
    }
    if full {
        for a in all
            .iter()
            .filter(|a| is(a, "AliyunARMSReadOnlyAccess") && a.resource_group.is_none())
        {
            l.push(Code::W006, &a.name, None, &a.name, None);
        }
    }
    for a in all.iter().filter(|a| is(a, "AliyunARMSReadOnlyAccess")) {
        let Some(rg) = &a.resource_group else {
            continue;
        };
        let read_trace_app = all
            .iter()
            .filter(|o| o.resource_group.is_none() || o.resource_group.as_ref() == Some(rg))
            .flat_map(statements)
            .any(|s| s.effect() == Some(Effect::Allow) && covers(s, "arms:ReadTraceApp"));
        if !read_trace_app {
            l.push(Code::W007, &a.name, None, rg, None);
        }
    }
    // An MFA allow-list in one statement, re-locked by a Deny elsewhere.
    let allow_list: Vec<&Statement> = all
        .iter()
        .flat_map(statements)
        .filter(|s| {
            denies_without_mfa(s).is_some()
                && s.not_action.is_some()
                && MFA_SELF_SERVICE.iter().all(|a| !covers(s, a))
        })
        .collect();
    if !allow_list.is_empty() {
        for a in all {
            for s in statements(a) {
                let relocks = s.effect() == Some(Effect::Deny)
                    && !allow_list.iter().any(|x| std::ptr::eq(*x, s))
                    && (s.condition.is_none() || denies_without_mfa(s).is_some())
                    && MFA_SELF_SERVICE.iter().any(|m| covers(s, m));
                if relocks {
                    l.push(Code::W012, &a.name, Some(&s.loc), &a.name, None);
                }
            }
        }
    }
    // Allows that an unconditional Deny covers entirely — a Deny the
    // evaluation reaches whenever it reaches the Allow: account-scope
    // policies are decided first (an Allow there ends the evaluation), so an
    // account-scope Allow is shadowed only by account-scope Denies, and a
    // resource-group Allow by those and by Denies in the same group (RAM,
    // "Policy evaluation process").
    let denies: Vec<(&Attached, &Statement)> = all
        .iter()
        .flat_map(|a| statements(a).map(move |s| (a, s)))
        .filter(|(_, s)| unconditional_deny_everywhere(s))
        .collect();
    let reaches = |deny_scope: &Option<String>, allow_scope: &Option<String>| {
        deny_scope.is_none() || deny_scope == allow_scope
    };
    let covered_by = |item: &str, d: &Statement| {
        d.action
            .as_ref()
            .is_some_and(|da| da.texts().any(|p| wildcard::matches(p, item, true)))
    };
    for a in all {
        for s in statements(a).filter(|s| s.effect() == Some(Effect::Allow)) {
            let Some(actions) = &s.action else { continue };
            let shadowed = !actions.items.is_empty()
                && actions.texts().all(|item| {
                    denies.iter().any(|(da, d)| {
                        reaches(&da.resource_group, &a.resource_group) && covered_by(item, d)
                    })
                });
            if shadowed {
                let first = actions.texts().next().unwrap_or_default();
                l.push(Code::W013, &a.name, Some(&s.loc), first, None);
            }
        }
    }
    // Resource-group Denies an account-scope Allow overrides: the evaluation
    // never reaches them for the actions that Allow covers.
    let account_allows: Vec<&Statement> = all
        .iter()
        .filter(|a| a.resource_group.is_none())
        .flat_map(statements)
        .filter(|s| {
            s.effect() == Some(Effect::Allow) && s.condition.is_none() && on_every_resource(s)
        })
        .collect();
    for (da, d) in denies.iter().filter(|(da, _)| da.resource_group.is_some()) {
        let Some(actions) = &d.action else { continue };
        // The actions both cover: the narrower of each overlapping pair.
        let overridden = actions.texts().find_map(|denied| {
            account_allows.iter().find_map(|s| {
                s.action.as_ref()?.texts().find_map(|allowed| {
                    if wildcard::matches(allowed, denied, true) {
                        Some(denied.to_owned())
                    } else if wildcard::matches(denied, allowed, true) {
                        Some(allowed.to_owned())
                    } else {
                        None
                    }
                })
            })
        });
        if let Some(item) = overridden {
            l.push(Code::W021, &da.name, Some(&d.loc), &item, None);
        }
    }
    l.out
}
