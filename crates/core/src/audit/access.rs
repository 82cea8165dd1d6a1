//! The access model: for every user, group and role of an [`Account`], its
//! ARMS access — full, read-only, partial or none — at the account's scope
//! and at each resource group where it differs, and why: the attachment
//! (directly or through a group, at which scope), the policy version and the
//! statement. Each ARMS action of the catalogue is put to the evaluator the
//! studio and the sandbox use, so an explicit Deny counts exactly as the
//! service counts it.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::account::{Account, Attachment, PolicyType, Principal};
use super::assumers::Assumer;
use super::policies::Documents;
use crate::policy::catalogue::{self, Access as Verb, Action};
use crate::policy::eval::{
    evaluate, Attachment as EvalAttachment, Caller, Context, Decision, NamedPolicy, Policies,
    Request, StatementRef,
};
use crate::policy::model::Effect;

/// How much of ARMS a principal may use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Level {
    /// No ARMS action.
    None,
    /// Some ARMS actions, or some applications or regions only.
    Partial,
    /// Every read `AliyunARMSReadOnlyAccess` grants, and no change.
    ReadOnly,
    /// Every ARMS action.
    Full,
}

impl Level {
    /// `full`, `read-only`, `partial`, `none`.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::None => "none",
            Level::Partial => "partial",
            Level::ReadOnly => "read-only",
            Level::Full => "full",
        }
    }
}

/// One link of the chain that grants (or denies) access.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct Path {
    /// The group it comes through (`None`: attached to the principal itself).
    pub via: Option<String>,
    /// The policy.
    pub policy: String,
    /// System or custom.
    pub policy_type: PolicyType,
    /// Its default version, when read.
    pub version: String,
    /// The statement (0-based).
    pub statement: usize,
    /// Allow or Deny.
    pub effect: String,
    /// The scope it is attached at (`None`: the whole account).
    pub resource_group: Option<String>,
}

/// A principal's access at one scope.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct ScopeAccess {
    /// `None`: the whole account; `Some(rg-…)`: resources in that group.
    pub resource_group: Option<String>,
    /// The level there.
    pub level: Level,
    /// What grants it.
    pub paths: Vec<Path>,
    /// Explicit denies that take ARMS actions away.
    pub denied_by: Vec<Path>,
    /// ARMS actions allowed only under conditions the request must meet.
    pub conditional: Vec<String>,
}

/// One principal's ARMS access.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct PrincipalAccess {
    /// Who.
    pub principal: Principal,
    /// `acs:ram::<account>:user/<name>`…
    pub arn: String,
    /// The strongest level anywhere.
    pub arms: Level,
    /// The account's scope first, then each resource group where it differs.
    pub scopes: Vec<ScopeAccess>,
    /// For a role: who may assume it, with the conditions.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub assumers: Vec<Assumer>,
}

/// Every principal's ARMS access.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct Model {
    /// The account.
    pub account: String,
    /// Users, then groups, then roles, each by name.
    pub principals: Vec<PrincipalAccess>,
}

/// The ARMS actions of the catalogue, and those `AliyunARMSReadOnlyAccess` grants.
pub(crate) struct ArmsActions {
    all: Vec<&'static Action>,
    read_only: Vec<bool>,
}

impl ArmsActions {
    pub(crate) fn new() -> ArmsActions {
        let all: Vec<&'static Action> = catalogue::service("arms")
            .map(|s| s.actions().collect())
            .unwrap_or_default();
        let reference =
            catalogue::system_policy("AliyunARMSReadOnlyAccess").and_then(|p| p.policy());
        let read_only = all
            .iter()
            .map(|a| {
                reference.as_ref().is_some_and(|policy| {
                    let caller = Caller::RamUser {
                        account_id: "0".into(),
                        name: "reference".into(),
                    };
                    let set = Policies {
                        attachments: vec![EvalAttachment {
                            policy: NamedPolicy {
                                name: "reference".into(),
                                policy: policy.clone(),
                            },
                            resource_group: None,
                        }],
                        ..Policies::default()
                    };
                    evaluate(&probe("0", a, None, caller), &set).decision == Decision::Allow
                })
            })
            .collect();
        ArmsActions { all, read_only }
    }
}

/// `action` on any resource of its type (`*` names no particular one, so a
/// policy limited to some applications or regions does not match it).
fn probe(account: &str, action: &Action, rg: Option<&str>, caller: Caller) -> Request {
    Request {
        caller,
        action: format!("arms:{}", action.name),
        resource: action.resource_arn(account, "*"),
        resource_group: rg.map(str::to_owned),
        context: Context::new(),
    }
}

/// The attachments that apply to `principal`, by their index in the
/// account's list: its own and (for a user) its groups', each with the group
/// it comes through; in the account's order.
fn applying_indices<'a>(
    docs: &'a Documents,
    principal: &Principal,
) -> Vec<(usize, Option<&'a str>)> {
    let mut at: Vec<(usize, Option<&'a str>)> = docs
        .attachments_of(principal)
        .iter()
        .map(|&i| (i, None))
        .collect();
    if let Principal::User(u) = principal {
        for g in docs.groups_of(u) {
            let group = Principal::Group(g.clone());
            at.extend(
                docs.attachments_of(&group)
                    .iter()
                    .map(|&i| (i, Some(g.as_str()))),
            );
        }
    }
    at.sort_by_key(|(i, _)| *i);
    at
}

/// The attachments that apply to `principal`: its own and (for a user) its
/// groups', each with the group it comes through; in the account's order.
pub(crate) fn applying<'a>(
    account: &'a Account,
    docs: &'a Documents,
    principal: &Principal,
) -> Vec<(Option<&'a str>, &'a Attachment)> {
    applying_indices(docs, principal)
        .into_iter()
        .map(|(i, via)| (via, &account.attachments[i]))
        .collect()
}

/// What decides a principal's access: whether it acts as a user (users, and
/// groups through their members) or as a role, and each attachment that
/// applies to it with the group it comes through. The evaluator reads
/// nothing else of an identity's caller, and paths name only groups and
/// policies, so principals with one key have one access: it is decided once
/// for them all (in a large account most users share their team's).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct Key<'a> {
    role: bool,
    links: Vec<(usize, Option<&'a str>)>,
}

impl<'a> Key<'a> {
    pub(crate) fn of(docs: &'a Documents, principal: &Principal) -> Key<'a> {
        Key {
            role: matches!(principal, Principal::Role(_)),
            links: applying_indices(docs, principal),
        }
    }
}

/// The evaluator's view of a principal: its caller and attached policies,
/// each named by its index in `links` so a statement leads back to its path.
pub(crate) struct Subject<'a> {
    pub(crate) caller: Caller,
    pub(crate) policies: Policies,
    pub(crate) links: Vec<(Option<&'a str>, &'a Attachment)>,
}

impl<'a> Subject<'a> {
    pub(crate) fn new(
        account: &'a Account,
        docs: &'a Documents,
        principal: &'a Principal,
    ) -> Subject<'a> {
        let links = applying(account, docs, principal);
        let attachments = links
            .iter()
            .enumerate()
            .filter_map(|(i, (_, a))| {
                docs.get(a.policy_type, &a.policy)
                    .map(|policy| EvalAttachment {
                        policy: NamedPolicy {
                            name: i.to_string(),
                            policy: policy.clone(),
                        },
                        resource_group: a.resource_group.clone(),
                    })
            })
            .collect();
        let caller = match principal {
            Principal::User(name) => Caller::RamUser {
                account_id: account.id.clone(),
                name: name.clone(),
            },
            // A group never acts; its members do, with what it grants.
            Principal::Group(name) => Caller::RamUser {
                account_id: account.id.clone(),
                name: format!("member-of-{name}"),
            },
            Principal::Role(name) => Caller::AssumedRole {
                account_id: account.id.clone(),
                role: name.clone(),
                session: "ramp-audit".into(),
            },
        };
        Subject {
            caller,
            policies: Policies {
                attachments,
                ..Policies::default()
            },
            links,
        }
    }

    /// The path a statement of the evaluation belongs to.
    pub(crate) fn path(&self, s: &StatementRef, docs: &Documents) -> Option<Path> {
        let (via, a) = self.links.get(s.policy.parse::<usize>().ok()?)?;
        Some(Path {
            via: via.map(str::to_owned),
            policy: a.policy.clone(),
            policy_type: a.policy_type,
            version: docs.version(a.policy_type, &a.policy).to_owned(),
            statement: s.statement,
            effect: s.effect.as_str().to_owned(),
            resource_group: a.resource_group.clone(),
        })
    }

    /// The resource groups its attachments name.
    fn scopes(&self) -> Vec<Option<String>> {
        let mut out = vec![None];
        for (_, a) in &self.links {
            if a.resource_group.is_some() && !out.contains(&a.resource_group) {
                out.push(a.resource_group.clone());
            }
        }
        out
    }
}

fn push_new(paths: &mut Vec<Path>, p: Path) {
    if !paths.contains(&p) {
        paths.push(p);
    }
}

/// The level of `subject` at one scope.
fn at_scope(
    account: &Account,
    docs: &Documents,
    arms: &ArmsActions,
    subject: &Subject<'_>,
    rg: Option<&str>,
) -> ScopeAccess {
    let mut allowed = vec![false; arms.all.len()];
    let mut out = ScopeAccess {
        resource_group: rg.map(str::to_owned),
        level: Level::None,
        paths: Vec::new(),
        denied_by: Vec::new(),
        conditional: Vec::new(),
    };
    for (i, action) in arms.all.iter().enumerate() {
        let req = probe(&account.id, action, rg, subject.caller.clone());
        let e = evaluate(&req, &subject.policies);
        match e.decision {
            Decision::Allow => {
                allowed[i] = true;
                for s in &e.decisive {
                    if let Some(p) = subject.path(s, docs) {
                        push_new(&mut out.paths, p);
                    }
                }
            }
            Decision::ExplicitDeny => {
                for s in e.decisive.iter().filter(|s| s.effect == Effect::Deny) {
                    if let Some(p) = subject.path(s, docs) {
                        push_new(&mut out.denied_by, p);
                    }
                }
            }
            Decision::Unknown => out.conditional.push(req.action),
            Decision::ImplicitDeny => {}
        }
    }
    let all = allowed.iter().all(|a| *a);
    let reads = arms
        .read_only
        .iter()
        .zip(&allowed)
        .all(|(need, has)| !need || *has);
    let no_change = arms
        .all
        .iter()
        .zip(arms.read_only.iter().zip(&allowed))
        .all(|(a, (ro, has))| !has || *ro || a.access() == Verb::Read);
    out.level = if all && !arms.all.is_empty() {
        Level::Full
    } else if reads && no_change {
        Level::ReadOnly
    } else if allowed.iter().any(|a| *a) || !out.conditional.is_empty() {
        Level::Partial
    } else if let Some(p) = narrow_grant(docs, subject, rg) {
        push_new(&mut out.paths, p);
        Level::Partial
    } else {
        Level::None
    };
    out
}

/// An Allow statement that grants an ARMS action on particular resources
/// (some applications, one region) — access the `*` probe cannot see. Its
/// own resource pattern is put to the evaluator, so a Deny still wins.
fn narrow_grant(docs: &Documents, subject: &Subject<'_>, rg: Option<&str>) -> Option<Path> {
    for a in &subject.policies.attachments {
        for st in &a.policy.policy.statements {
            if st.effect() != Some(Effect::Allow) {
                continue;
            }
            let (Some(actions), Some(resources)) = (&st.action, &st.resource) else {
                continue;
            };
            for pattern in actions.texts() {
                for (service, action) in catalogue::matching_actions(pattern) {
                    if service.code != "arms" {
                        continue;
                    }
                    for resource in resources.texts() {
                        let req = Request {
                            caller: subject.caller.clone(),
                            action: format!("arms:{}", action.name),
                            resource: resource.replace('*', "x").replace("${", "x"),
                            resource_group: rg.map(str::to_owned),
                            context: Context::new(),
                        };
                        let e = evaluate(&req, &subject.policies);
                        if e.decision == Decision::Allow {
                            let s = e.decisive.first()?;
                            return subject.path(s, docs);
                        }
                    }
                }
            }
        }
    }
    None
}

/// The access of one principal at each scope: the account's, then each
/// resource group where it differs.
fn scopes_of(
    account: &Account,
    docs: &Documents,
    arms: &ArmsActions,
    principal: &Principal,
) -> Vec<ScopeAccess> {
    let subject = Subject::new(account, docs, principal);
    let mut scopes: Vec<ScopeAccess> = Vec::new();
    for rg in subject.scopes() {
        let s = at_scope(account, docs, arms, &subject, rg.as_deref());
        let same_as_account = scopes
            .first()
            .is_some_and(|whole| whole.level == s.level && whole.paths == s.paths);
        if !same_as_account {
            scopes.push(s);
        }
    }
    scopes
}

/// Everyone's ARMS access.
pub fn model(account: &Account) -> Model {
    let docs = Documents::of(account);
    let arms = ArmsActions::new();
    let mut decided: HashMap<Key<'_>, Vec<ScopeAccess>> = HashMap::new();
    let principals = account
        .users
        .keys()
        .map(|n| Principal::User(n.clone()))
        .chain(account.groups.keys().map(|n| Principal::Group(n.clone())))
        .chain(account.roles.keys().map(|n| Principal::Role(n.clone())))
        .map(|principal| {
            let scopes = decided
                .entry(Key::of(&docs, &principal))
                .or_insert_with(|| scopes_of(account, &docs, &arms, &principal))
                .clone();
            PrincipalAccess {
                arn: principal.arn(&account.id),
                arms: scopes.iter().map(|s| s.level).max().unwrap_or(Level::None),
                scopes,
                assumers: super::assumers::of(account, &principal),
                principal,
            }
        })
        .collect();
    Model {
        account: account.id.clone(),
        principals,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Deciding once per [`Key`] gives each principal exactly what deciding
    /// for it alone gives: checked on the messy account (direct and group
    /// grants, resource-group scopes, a Deny, roles) with each user copied
    /// into look-alikes that differ by one grant or one group.
    #[test]
    fn principals_sharing_a_key_get_what_each_would_get_alone() {
        let mut account: Account =
            serde_json::from_str(include_str!("../../tests/data/messy-account.json")).unwrap();
        let users: Vec<String> = account.users.keys().cloned().collect();
        for (i, name) in users.iter().enumerate() {
            for copy in [format!("{name}-same"), format!("{name}-more")] {
                account
                    .users
                    .insert(copy.clone(), account.users[name].clone());
                for g in account.groups.values_mut() {
                    if g.members.contains(name) {
                        g.members.push(copy.clone());
                    }
                }
                let own: Vec<Attachment> = account
                    .attachments
                    .iter()
                    .filter(|a| a.principal == Principal::User(name.clone()))
                    .cloned()
                    .collect();
                for mut a in own {
                    a.principal = Principal::User(copy.clone());
                    account.attachments.push(a);
                }
            }
            let mut extra = account.attachments[i % account.attachments.len()].clone();
            extra.principal = Principal::User(format!("{name}-more"));
            account.attachments.push(extra);
        }
        let docs = Documents::of(&account);
        let arms = ArmsActions::new();
        let m = model(&account);
        let mut keys = std::collections::HashSet::new();
        for p in &m.principals {
            keys.insert(Key::of(&docs, &p.principal));
            let alone = scopes_of(&account, &docs, &arms, &p.principal);
            assert_eq!(p.scopes, alone, "{}", p.arn);
        }
        assert!(
            keys.len() < m.principals.len(),
            "some principals share a key"
        );
    }
}
