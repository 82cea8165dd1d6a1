//! "Who can do ACTION on RESOURCE?": every user and role of the account the
//! evaluator allows, with the statements that allow it — and for a role,
//! who may assume it, so access through another account shows.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::access::{Key, Path, Subject};
use super::account::{Account, Principal};
use super::assumers::Assumer;
use super::policies::Documents;
use crate::policy::eval::{evaluate, Context, Decision, Request};

/// One principal that can.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct Able {
    /// Who.
    pub principal: Principal,
    /// Its ARN.
    pub arn: String,
    /// `Allow`, or `Unknown` when it depends on the request's context
    /// (source IP, MFA, time…).
    pub decision: String,
    /// What allows it.
    pub paths: Vec<Path>,
    /// For a role: who may assume it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub assumers: Vec<Assumer>,
}

/// The question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Question {
    /// `service:Action`.
    pub action: String,
    /// The resource ARN (`*` for any).
    pub resource: String,
    /// The resource group the resource is in, if any.
    pub resource_group: Option<String>,
}

/// Everyone who can (or may, depending on context) do it.
pub fn who_can(account: &Account, q: &Question) -> Vec<Able> {
    let docs = Documents::of(account);
    let principals = account
        .users
        .keys()
        .map(|n| Principal::User(n.clone()))
        .chain(account.roles.keys().map(|n| Principal::Role(n.clone())));
    let mut out = Vec::new();
    // Decided once per set of attachments (see access::Key).
    let mut decided: HashMap<Key<'_>, Option<(&str, Vec<Path>)>> = HashMap::new();
    for p in principals {
        let answer = decided.entry(Key::of(&docs, &p)).or_insert_with(|| {
            let subject = Subject::new(account, &docs, &p);
            let req = Request {
                caller: subject.caller.clone(),
                action: q.action.clone(),
                resource: q.resource.clone(),
                resource_group: q.resource_group.clone(),
                context: Context::new(),
            };
            let e = evaluate(&req, &subject.policies);
            let decision = match e.decision {
                Decision::Allow => "Allow",
                Decision::Unknown => "Unknown",
                Decision::ExplicitDeny | Decision::ImplicitDeny => return None,
            };
            let statements = if e.decisive.is_empty() {
                &e.matched
            } else {
                &e.decisive
            };
            let paths = statements
                .iter()
                .filter_map(|s| subject.path(s, &docs))
                .collect();
            Some((decision, paths))
        });
        let Some((decision, paths)) = answer.clone() else {
            continue;
        };
        let assumers = super::assumers::of(account, &p);
        out.push(Able {
            arn: p.arn(&account.id),
            principal: p,
            decision: decision.to_owned(),
            paths,
            assumers,
        });
    }
    out
}
