//! Drift: a plan (Ramp's JSON export) against an account as read. Each
//! thing the plan creates is already there, missing, or there but
//! different (policy documents compared by meaning, so layout and order
//! make no false differences); and the plan's principals may hold ARMS
//! access the plan does not give them.

use serde::{Deserialize, Serialize};

use super::access::model;
use super::account::{Account, PolicyType, Principal};
use crate::api::Call;
use crate::plan::step::{Entity, Principal as PlanPrincipal};
use crate::plan::Plan;
use crate::policy::same_meaning;

/// Where a planned thing stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum State {
    /// As the plan wants it.
    AlreadyThere,
    /// Not in the account.
    Missing,
    /// There, but not as the plan wants it.
    Differs,
}

/// One planned thing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct Planned {
    /// The plan's step (from 1, as the plan shows it).
    pub step: usize,
    /// What it creates, in words.
    pub what: String,
    /// Where it stands.
    pub state: State,
    /// For `differs`: each field as `FIELD: plan … / account …`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub differences: Vec<String>,
}

/// ARMS access one of the plan's principals has that the plan does not give.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct Extra {
    /// Who.
    pub principal: Principal,
    /// The policy and where it comes from, in words.
    pub grant: String,
}

/// The whole comparison.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct Drift {
    /// Each thing the plan creates in the account audited.
    pub planned: Vec<Planned>,
    /// ARMS access beyond the plan held by its principals.
    pub extra: Vec<Extra>,
}

fn principal(p: &PlanPrincipal) -> Principal {
    match p {
        PlanPrincipal::User(n) => Principal::User(n.clone()),
        PlanPrincipal::Group(n) => Principal::Group(n.clone()),
        PlanPrincipal::Role(n) => Principal::Role(n.clone()),
    }
}

fn differ(out: &mut Vec<String>, field: &str, plan: &str, account: &str) {
    if plan != account {
        out.push(format!("{field}: plan `{plan}` / account `{account}`"));
    }
}

/// Compares `plan`'s steps in `account` (steps for other accounts are left out).
pub fn drift(plan: &Plan, account: &Account) -> Drift {
    let mut planned = Vec::new();
    let mut granted: Vec<(Principal, String, Option<String>)> = Vec::new();
    for step in plan.steps.iter().filter(|s| s.account == account.id) {
        let Some(entity) = &step.creates else {
            continue;
        };
        let mut differences = Vec::new();
        let (what, there) = match entity {
            Entity::User { name } => {
                let u = account.users.get(name);
                if let (Some(u), Call::CreateUser(c)) = (u, &step.call) {
                    if let Some(d) = &c.display_name {
                        differ(
                            &mut differences,
                            "DisplayName",
                            d,
                            u.display_name.as_deref().unwrap_or(""),
                        );
                    }
                }
                (format!("user {name}"), u.is_some())
            }
            Entity::LoginProfile { user } => {
                let console = account.users.get(user).and_then(|u| u.console.as_ref());
                if let (Some(c), Call::CreateLoginProfile(p)) = (console, &step.call) {
                    for (field, plan, have) in [
                        (
                            "PasswordResetRequired",
                            p.password_reset_required,
                            c.password_reset_required,
                        ),
                        ("MFABindRequired", p.mfa_bind_required, c.mfa_bind_required),
                    ] {
                        if let Some(plan) = plan {
                            differ(
                                &mut differences,
                                field,
                                &plan.to_string(),
                                &have.to_string(),
                            );
                        }
                    }
                }
                (format!("console password of {user}"), console.is_some())
            }
            Entity::AccessKey { user, .. } => (
                format!("AccessKey of {user}"),
                account.users.get(user).is_some_and(|u| !u.keys.is_empty()),
            ),
            Entity::Group { name } => (format!("group {name}"), account.groups.contains_key(name)),
            Entity::Membership { user, group } => (
                format!("{user} in group {group}"),
                account
                    .groups
                    .get(group)
                    .is_some_and(|g| g.members.contains(user)),
            ),
            Entity::Role { name } => {
                let role = account.roles.get(name);
                if let (Some(r), Call::CreateRole(c)) = (role, &step.call) {
                    if !same_meaning(&c.assume_role_policy_document, &r.trust_policy) {
                        differences.push(
                            "AssumeRolePolicyDocument: the trust policies mean different things"
                                .into(),
                        );
                    }
                    if let (Some(plan), Some(have)) =
                        (c.max_session_duration, r.max_session_duration)
                    {
                        differ(
                            &mut differences,
                            "MaxSessionDuration",
                            &plan.to_string(),
                            &have.to_string(),
                        );
                    }
                }
                (format!("role {name}"), role.is_some())
            }
            Entity::Policy { name } => {
                let doc = account.document(PolicyType::Custom, name);
                if let (Some(d), Call::CreatePolicy(c)) = (doc, &step.call) {
                    let same = d
                        .document
                        .as_deref()
                        .is_some_and(|have| same_meaning(&c.policy_document, have));
                    if !same {
                        differences.push(format!(
                            "PolicyDocument: version {} means something else",
                            d.version
                        ));
                    }
                }
                (format!("custom policy {name}"), doc.is_some())
            }
            Entity::Attachment {
                policy,
                policy_type,
                principal: p,
                resource_group,
            } => {
                let who = principal(p);
                granted.push((who.clone(), policy.clone(), resource_group.clone()));
                let there = account.attachments.iter().any(|a| {
                    a.principal == who
                        && &a.policy == policy
                        && a.policy_type.as_str() == policy_type
                        && &a.resource_group == resource_group
                });
                let scope = resource_group.as_deref().unwrap_or("the account");
                (
                    format!("{policy} for {} {} at {scope}", who.kind(), who.name()),
                    there,
                )
            }
        };
        let state = match (there, differences.is_empty()) {
            (false, _) => State::Missing,
            (true, true) => State::AlreadyThere,
            (true, false) => State::Differs,
        };
        planned.push(Planned {
            step: step.id + 1,
            what,
            state,
            differences,
        });
    }
    let mut extra = Vec::new();
    // The plan's principals: those it creates, adds to groups or grants to.
    let principals: Vec<Principal> = {
        let mut v: Vec<Principal> = granted.iter().map(|(p, _, _)| p.clone()).collect();
        for e in plan
            .steps
            .iter()
            .filter(|s| s.account == account.id)
            .filter_map(|s| s.creates.as_ref())
        {
            match e {
                Entity::User { name } => v.push(Principal::User(name.clone())),
                Entity::Group { name } => v.push(Principal::Group(name.clone())),
                Entity::Role { name } => v.push(Principal::Role(name.clone())),
                Entity::Membership { user, group } => {
                    v.push(Principal::User(user.clone()));
                    v.push(Principal::Group(group.clone()));
                }
                _ => {}
            }
        }
        v.sort();
        v.dedup();
        v
    };
    let m = model(account);
    for access in m
        .principals
        .iter()
        .filter(|a| principals.contains(&a.principal))
    {
        for scope in &access.scopes {
            for path in &scope.paths {
                // Through a group, the grant is the group's: the plan names the group.
                let holder = match &path.via {
                    Some(g) => Principal::Group(g.clone()),
                    None => access.principal.clone(),
                };
                let planned = granted.iter().any(|(p, policy, rg)| {
                    p == &holder && policy == &path.policy && rg == &path.resource_group
                });
                let grant = format!(
                    "{}{} at {}",
                    path.via
                        .as_ref()
                        .map(|g| format!("group {g} → "))
                        .unwrap_or_default(),
                    path.policy,
                    path.resource_group.as_deref().unwrap_or("the account")
                );
                let e = Extra {
                    principal: access.principal.clone(),
                    grant,
                };
                if !planned && !extra.contains(&e) {
                    extra.push(e);
                }
            }
        }
    }
    Drift { planned, extra }
}
