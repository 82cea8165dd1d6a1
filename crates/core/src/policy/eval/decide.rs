//! Deciding a question, in RAM's documented order ("Policy evaluation
//! process", reference §7.5): the session policy (when the caller is a role
//! session that has one) must allow, or its decision is final; then the
//! identity-based policies — account scope first, where an explicit Deny or
//! an Allow ends it, and only on an implicit deny those attached at the
//! resource's resource group; `sts:AssumeRole` also needs the role's trust
//! policy to allow the caller (an explicit Deny in either denies). The account
//! root is not subject to RAM policies but cannot assume roles.

use super::condition::{self, Truth};
use super::question::*;
use super::wildcard;
use crate::policy::model::{Effect, Statement};

/// The result of one set of policies.
#[derive(Debug, Default)]
struct SetResult {
    deny: Vec<StatementRef>,
    allow: Vec<StatementRef>,
    maybe_deny: bool,
    maybe_allow: bool,
    missing_keys: Vec<String>,
    unsupported: Vec<String>,
}

fn any_matches(
    patterns: Option<&crate::policy::model::Values>,
    value: &str,
    ignore_case: bool,
) -> bool {
    patterns.is_some_and(|p| {
        p.texts()
            .any(|pat| wildcard::matches(pat, value, ignore_case))
    })
}

/// Does the statement's principal name the caller? `root` of an account names
/// every RAM user and role of that account.
fn principal_matches(s: &Statement, caller: &Caller) -> bool {
    let Some(p) = &s.principal else { return false };
    if p.wildcard {
        return true;
    }
    let caller_arn = caller.arn();
    let caller_account = match caller {
        Caller::RamUser { account_id, .. } | Caller::AssumedRole { account_id, .. } => {
            Some(account_id.as_str())
        }
        _ => None,
    };
    p.entries
        .iter()
        .any(|e| match (e.kind.value.as_str(), caller) {
            ("Federated", Caller::Federated { provider }) => e
                .values
                .texts()
                .any(|v| wildcard::matches(v, provider, false)),
            ("Service", Caller::Service { name }) => e
                .values
                .texts()
                .any(|v| v == "*" || v.eq_ignore_ascii_case(name)),
            ("RAM", Caller::RamUser { .. } | Caller::AssumedRole { .. }) => {
                e.values.texts().any(|v| {
                    v == "*"
                        || wildcard::matches(v, &caller_arn, false)
                        || caller_account
                            .is_some_and(|acct| v == format!("acs:ram::{acct}:root") || v == acct)
                })
            }
            _ => false,
        })
}

fn evaluate_set<'p>(
    policies: impl Iterator<Item = (&'p NamedPolicy, Layer)>,
    req: &Request,
    trust: bool,
) -> SetResult {
    let mut out = SetResult::default();
    for (named, layer) in policies {
        for s in &named.policy.statements {
            let Some(effect) = s.effect() else { continue };
            let action_ok = if s.action.is_some() {
                any_matches(s.action.as_ref(), &req.action, true)
            } else {
                s.not_action.is_some() && !any_matches(s.not_action.as_ref(), &req.action, true)
            };
            let target_ok = if trust {
                principal_matches(s, &req.caller)
            } else {
                any_matches(s.resource.as_ref(), &req.resource, false)
            };
            if !action_ok || !target_ok {
                continue;
            }
            let truth = s
                .condition
                .as_ref()
                .map_or(Truth::True, |c| condition::evaluate(c, &req.context));
            let r = StatementRef {
                policy: named.name.clone(),
                statement: s.index,
                effect,
                loc: s.loc.clone(),
                layer,
            };
            match (truth, effect) {
                (Truth::True, Effect::Deny) => out.deny.push(r),
                (Truth::True, Effect::Allow) => out.allow.push(r),
                (Truth::False, _) => {}
                (
                    Truth::Unknown {
                        missing_keys,
                        unsupported,
                    },
                    effect,
                ) => {
                    if effect == Effect::Deny {
                        out.maybe_deny = true;
                    } else {
                        out.maybe_allow = true;
                    }
                    out.missing_keys.extend(missing_keys);
                    out.unsupported.extend(unsupported);
                }
            }
        }
    }
    out
}

impl SetResult {
    /// Decision of this set alone, with the decisive statements.
    fn decide(&self) -> (Decision, Vec<StatementRef>) {
        if !self.deny.is_empty() {
            (Decision::ExplicitDeny, self.deny.clone())
        } else if self.maybe_deny {
            (Decision::Unknown, Vec::new())
        } else if !self.allow.is_empty() {
            (Decision::Allow, self.allow.clone())
        } else if self.maybe_allow {
            (Decision::Unknown, Vec::new())
        } else {
            (Decision::ImplicitDeny, Vec::new())
        }
    }
}

fn finish(
    decision: Decision,
    layer: Option<Layer>,
    decisive: Vec<StatementRef>,
    sets: &[&SetResult],
) -> Evaluation {
    let mut matched = Vec::new();
    let mut missing_keys = Vec::new();
    let mut unsupported = Vec::new();
    for s in sets {
        matched.extend(s.deny.iter().chain(&s.allow).cloned());
        missing_keys.extend(s.missing_keys.iter().cloned());
        unsupported.extend(s.unsupported.iter().cloned());
    }
    missing_keys.sort();
    missing_keys.dedup();
    unsupported.sort();
    unsupported.dedup();
    Evaluation {
        decision,
        layer,
        decisive,
        matched,
        missing_keys,
        unsupported,
        note: None,
    }
}

/// Decides `req` against `policies`.
pub fn evaluate(req: &Request, policies: &Policies) -> Evaluation {
    let assume_role = req.action.eq_ignore_ascii_case("sts:AssumeRole");
    if let Caller::AccountRoot { .. } = req.caller {
        let (decision, note) = if assume_role {
            (
                Decision::ImplicitDeny,
                "Roles may not be assumed by root accounts: call AssumeRole as a RAM user or role.",
            )
        } else {
            (
                Decision::Allow,
                "The account root is not subject to RAM policies.",
            )
        };
        return Evaluation {
            note: Some(note),
            ..finish(decision, None, Vec::new(), &[])
        };
    }

    let session = evaluate_set(
        policies
            .session_policy
            .iter()
            .map(|p| (p, Layer::SessionPolicy)),
        req,
        false,
    );
    let account = evaluate_set(
        policies
            .attachments
            .iter()
            .filter(|a| a.resource_group.is_none())
            .map(|a| (&a.policy, Layer::AccountLevelIdentityBasedPolicy)),
        req,
        false,
    );
    let group = evaluate_set(
        policies
            .attachments
            .iter()
            .filter(|a| a.resource_group.is_some() && a.resource_group == req.resource_group)
            .map(|a| (&a.policy, Layer::ResourceGroupLevelIdentityBasedPolicy)),
        req,
        false,
    );
    let trust = evaluate_set(
        policies
            .trust_policy
            .iter()
            .map(|p| (p, Layer::AssumeRolePolicy)),
        req,
        true,
    );
    let sets = [&session, &account, &group, &trust];

    // Step 2: the session policy, when there is one: anything but Allow ends
    // the evaluation (an implicit deny there is final, even when an identity
    // policy would deny explicitly).
    if policies.session_policy.is_some() {
        match session.decide() {
            (Decision::Allow, _) => {}
            (d, decisive) => return finish(d, Some(Layer::SessionPolicy), decisive, &sets),
        }
    }
    let identity = identity_decision(&account, &group);
    // An Alibaba Cloud service acting for the account is not a RAM identity:
    // only the role's trust policy decides whether it may assume the role.
    let identity = match req.caller {
        // Nor is a federated sign-in: AssumeRoleWithSAML/OIDC need no RAM
        // authorization, only the role's trust (STS API reference).
        Caller::Service { .. } | Caller::Federated { .. } if assume_role => {
            (Decision::Allow, None, Vec::new())
        }
        _ => identity,
    };
    if !assume_role {
        return finish(identity.0, identity.1, identity.2, &sets);
    }
    // Step 4 for sts:AssumeRole: the identity decision (A) and the trust
    // policy's (B) combined — an explicit deny in either denies; the role is
    // assumed only when both allow (reference §7.5, "Policy evaluation
    // process of assuming a RAM role").
    let (trusted, trust_decisive) = trust.decide();
    match (identity.0, trusted) {
        (Decision::ExplicitDeny, _) => finish(identity.0, identity.1, identity.2, &sets),
        (_, Decision::ExplicitDeny) => finish(
            Decision::ExplicitDeny,
            Some(Layer::AssumeRolePolicy),
            trust_decisive,
            &sets,
        ),
        (Decision::Allow, Decision::Allow) => {
            finish(Decision::Allow, identity.1, identity.2, &sets)
        }
        (Decision::Unknown, _) => finish(Decision::Unknown, identity.1, Vec::new(), &sets),
        (Decision::Allow, d) => finish(d, Some(Layer::AssumeRolePolicy), trust_decisive, &sets),
        (d, _) => finish(d, identity.1, identity.2, &sets),
    }
}

/// Step 3, identity-based policies (RAM "Policy evaluation process"):
/// account-scope policies first — an explicit deny or an allow there ends
/// it — and only on an implicit deny the policies attached at the
/// resource's resource-group scope. So a resource-group Deny never
/// overrides an account-scope Allow.
fn identity_decision(
    account: &SetResult,
    group: &SetResult,
) -> (Decision, Option<Layer>, Vec<StatementRef>) {
    use Layer::{
        AccountLevelIdentityBasedPolicy as AccountLayer,
        ResourceGroupLevelIdentityBasedPolicy as GroupLayer,
    };
    match account.decide() {
        (d @ (Decision::ExplicitDeny | Decision::Allow), decisive) => {
            (d, Some(AccountLayer), decisive)
        }
        (Decision::ImplicitDeny, _) => match group.decide() {
            (Decision::ImplicitDeny, _) => (Decision::ImplicitDeny, Some(AccountLayer), Vec::new()),
            (d, decisive) => (d, Some(GroupLayer), decisive),
        },
        // The account scope cannot be decided. If all it might do is allow,
        // and the resource group allows anyway, the answer is Allow either way.
        (_, _) => match group.decide() {
            (Decision::Allow, decisive) if !account.maybe_deny => {
                (Decision::Allow, Some(GroupLayer), decisive)
            }
            _ => (Decision::Unknown, None, Vec::new()),
        },
    }
}
