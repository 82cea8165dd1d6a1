//! The evaluator's vocabulary: the question (who asks to do what on which
//! resource, with which policies attached) and the answer (the decision, the
//! layer that decided, the statements that took part).

use super::context::Context;
use crate::policy::model::{Effect, Loc, Policy};

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
