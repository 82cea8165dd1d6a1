//! Decisions, in the vocabulary of Alibaba Cloud's `DecodeDiagnosticMessage`:
//! the decision, the layer that decided, and the statements that matched.
//!
//! Order (reference §7.5): the session policy (when the caller is an assumed-role
//! session that has one) must allow; identity-based policies attached at account
//! scope and at the resource's resource-group scope are evaluated together — any
//! matching Deny is an explicit deny, else any matching Allow allows, else the
//! request is implicitly denied. `sts:AssumeRole` also needs the role's trust
//! policy to allow the caller. The account root is not subject to RAM policies
//! but cannot assume roles.

use super::condition::{self, Truth};
use super::context::Context;
use super::wildcard;
use crate::policy::model::{Effect, Loc, Policy, Statement};

/// Who makes the request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Caller {
    /// The Alibaba Cloud account itself.
    AccountRoot {
        /// Account ID.
        account_id: String,
    },
    /// A RAM user.
    RamUser {
        /// Account ID.
        account_id: String,
        /// User name.
        name: String,
    },
    /// A session of an assumed role.
    AssumedRole {
        /// Account ID the role belongs to.
        account_id: String,
        /// Role name.
        role: String,
        /// Session name.
        session: String,
    },
    /// An Alibaba Cloud service (`ecs.aliyuncs.com`) acting for the account.
    Service {
        /// Service principal.
        name: String,
    },
    /// Someone signed in at a SAML or OIDC identity provider, assuming a
    /// role with AssumeRoleWithSAML / AssumeRoleWithOIDC.
    Federated {
        /// The provider's ARN (`acs:ram::<id>:oidc-provider/<name>`).
        provider: String,
    },
}

impl Caller {
    /// Reads `user:ACCOUNT/NAME`, `role:ACCOUNT/ROLE/SESSION`, `root:ACCOUNT`
    /// or `service:NAME` (what `ramp simulate --caller` and the studio take).
    pub fn parse(s: &str) -> Result<Caller, String> {
        let err = || {
            format!("`{s}`: write user:ACCOUNT/NAME, role:ACCOUNT/ROLE/SESSION, root:ACCOUNT, service:NAME or federated:PROVIDER-ARN")
        };
        let (kind, rest) = s.trim().split_once(':').ok_or_else(err)?;
        if kind == "federated" {
            let provider = rest.trim();
            let known = provider.starts_with("acs:ram::")
                && (provider.contains(":saml-provider/") || provider.contains(":oidc-provider/"));
            return known
                .then(|| Caller::Federated {
                    provider: provider.to_owned(),
                })
                .ok_or_else(err);
        }
        let parts: Vec<&str> = rest.split('/').collect();
        let digits = |a: &str| !a.is_empty() && a.bytes().all(|b| b.is_ascii_digit());
        match (kind, parts.as_slice()) {
            ("root", [acct]) if digits(acct) => Ok(Caller::AccountRoot {
                account_id: (*acct).into(),
            }),
            ("user", [acct, name]) if digits(acct) && !name.is_empty() => Ok(Caller::RamUser {
                account_id: (*acct).into(),
                name: (*name).into(),
            }),
            ("role", [acct, role, session]) if digits(acct) && !role.is_empty() => {
                Ok(Caller::AssumedRole {
                    account_id: (*acct).into(),
                    role: (*role).into(),
                    session: (*session).into(),
                })
            }
            ("service", [name]) if !name.is_empty() => Ok(Caller::Service {
                name: (*name).into(),
            }),
            _ => Err(err()),
        }
    }

    /// The caller's ARN, as a trust policy's `RAM` principal would name it.
    pub fn arn(&self) -> String {
        match self {
            Caller::AccountRoot { account_id } => format!("acs:ram::{account_id}:root"),
            Caller::RamUser { account_id, name } => format!("acs:ram::{account_id}:user/{name}"),
            Caller::AssumedRole {
                account_id, role, ..
            } => format!("acs:ram::{account_id}:role/{role}"),
            Caller::Service { name } => name.clone(),
            Caller::Federated { provider } => provider.clone(),
        }
    }
}

/// A policy with the name it is attached under.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamedPolicy {
    /// Policy name (system or custom).
    pub name: String,
    /// The document.
    pub policy: Policy,
}

/// An identity-based policy attachment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment {
    /// The policy.
    pub policy: NamedPolicy,
    /// `None` at account scope; `Some(rg-…)` at that resource group's scope.
    pub resource_group: Option<String>,
}

/// One question: may `caller` do `action` on `resource`?
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    /// Who.
    pub caller: Caller,
    /// `service:Action`.
    pub action: String,
    /// The resource ARN.
    pub resource: String,
    /// The resource group the resource belongs to, if any.
    pub resource_group: Option<String>,
    /// Context keys.
    pub context: Context,
}

/// Everything attached to the caller, plus what `sts:AssumeRole` needs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Policies {
    /// Identity-based attachments (the user's own and its groups', or the role's).
    pub attachments: Vec<Attachment>,
    /// The session policy of an assumed-role session.
    pub session_policy: Option<NamedPolicy>,
    /// For `sts:AssumeRole`: the target role's trust policy.
    pub trust_policy: Option<NamedPolicy>,
}

/// The outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// Allowed.
    Allow,
    /// A Deny statement matched.
    ExplicitDeny,
    /// Nothing allowed it.
    ImplicitDeny,
    /// Cannot be decided from what was given (see `missing_keys` and `unsupported`).
    Unknown,
}

impl Decision {
    /// `Allow`, `ExplicitDeny`, `ImplicitDeny`, `Unknown`.
    pub fn name(self) -> &'static str {
        match self {
            Decision::Allow => "Allow",
            Decision::ExplicitDeny => "ExplicitDeny",
            Decision::ImplicitDeny => "ImplicitDeny",
            Decision::Unknown => "Unknown",
        }
    }
}

/// The layer that decided, as `DecodeDiagnosticMessage` names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layer {
    /// The AssumeRole session policy.
    SessionPolicy,
    /// Identity-based policies attached at account scope.
    AccountLevelIdentityBasedPolicy,
    /// Identity-based policies attached at resource-group scope.
    ResourceGroupLevelIdentityBasedPolicy,
    /// The role's trust policy.
    AssumeRolePolicy,
}

/// A statement that took part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatementRef {
    /// Policy name.
    pub policy: String,
    /// Statement index.
    pub statement: usize,
    /// Its effect.
    pub effect: Effect,
    /// Where it is.
    pub loc: Loc,
    /// The layer it belongs to.
    pub layer: Layer,
}

/// A full answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evaluation {
    /// The decision.
    pub decision: Decision,
    /// The layer that decided (none for the account root's implicit allow).
    pub layer: Option<Layer>,
    /// The statements that decided.
    pub decisive: Vec<StatementRef>,
    /// Every statement that matched, in any layer.
    pub matched: Vec<StatementRef>,
    /// Context keys that were needed and not given.
    pub missing_keys: Vec<String>,
    /// Operators or values that could not be evaluated.
    pub unsupported: Vec<String>,
    /// A note for special rules (root callers).
    pub note: Option<&'static str>,
}

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
