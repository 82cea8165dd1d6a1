//! From an intent to a plan: the planner and what every intent shares
//! (users, grants, custom policies, the set check); each intent in its own file.

mod change;
mod share;
mod team_group;
mod teammate;
mod verify;

use self::share::share_with_account;
use self::team_group::team_group;
use self::teammate::teammate_access;
use self::verify::verify_access;

use super::intent::*;
use super::step::{Entity, Principal, SecretInput, Step};
use super::{Document, Note, Plan, PlanError, PlanFinding};
use crate::api::{ram, rm, sts};
use crate::credentials::Secret;
use crate::policy::build::{self, AppAccess, TrustConditions, Trustee};
use crate::policy::lint::{lint_set, lint_text, Attached, Kind, Options, PolicySet};
use crate::policy::print::compact;
use crate::policy::{print, Policy};

/// The custom policy read-only at resource-group scope needs.
pub const READ_TRACE_APP_POLICY: &str = "ramp-arms-read-trace-app";

fn intent_error(en: impl Into<String>, zh: impl Into<String>) -> PlanError {
    PlanError::Intent {
        en: en.into(),
        zh: zh.into(),
    }
}

/// What one identity is granted: the ARMS level at a scope, plus the custom
/// policies (document and the step creating it) planned for it.
struct Grants<'a> {
    arms: ArmsAccess,
    scope: &'a Scope,
    apps: Option<&'a (String, Policy, usize)>,
    read_trace: Option<&'a (Policy, usize)>,
}

struct Planner {
    steps: Vec<Step>,
    documents: Vec<Document>,
    /// Per identity: its label and what is attached to it.
    identities: Vec<(String, PolicySet)>,
    /// The review's notes (plans that change what exists).
    notes: Vec<Note>,
}

impl Planner {
    fn add(&mut self, mut step: Step, depends_on: &[usize]) -> usize {
        let id = self.steps.len();
        step.id = id;
        step.depends_on = depends_on.to_vec();
        self.steps.push(step);
        id
    }

    fn identity(&mut self, label: &str) -> &mut PolicySet {
        if let Some(i) = self.identities.iter().position(|(l, _)| l == label) {
            return &mut self.identities[i].1;
        }
        self.identities
            .push((label.to_owned(), PolicySet::default()));
        &mut self.identities.last_mut().expect("just pushed").1
    }

    fn custom_policy(
        &mut self,
        account: &str,
        name: &str,
        policy: &Policy,
        description: &str,
    ) -> Result<usize, PlanError> {
        let call = ram::CreatePolicy {
            policy_name: name.to_owned(),
            policy_document: compact(policy),
            description: Some(description.to_owned()),
        };
        let step = Step::of(&call, account, format!("Create the custom policy {name}"))?.creating(
            Entity::Policy {
                name: name.to_owned(),
            },
        );
        self.documents.push(Document {
            name: name.to_owned(),
            kind: Kind::Permission,
            text: print(policy),
        });
        Ok(self.add(step, &[]))
    }

    /// Attaches at account scope (RAM) or at a resource group's (Resource Manager).
    fn attach(
        &mut self,
        account: &Account,
        policy: &str,
        custom: Option<&Policy>,
        principal: Principal,
        scope: &Scope,
        depends_on: &[usize],
    ) -> Result<usize, PlanError> {
        let policy_type = if custom.is_some() { "Custom" } else { "System" };
        let a = account.id.as_str();
        let (label, who) = match &principal {
            Principal::User(n) => (format!("user {n}"), n.clone()),
            Principal::Group(n) => (format!("group {n}"), n.clone()),
            Principal::Role(n) => (format!("role {n}"), n.clone()),
        };
        let scope_text = scope
            .resource_group
            .as_deref()
            .map_or("the account".to_owned(), |rg| {
                format!("resource group {rg}")
            });
        let summary = format!("Attach {policy} to {label} at the scope of {scope_text}");
        let step = match (&scope.resource_group, &principal) {
            (None, Principal::User(_)) => Step::of(
                &ram::AttachPolicyToUser {
                    policy_type: policy_type.into(),
                    policy_name: policy.into(),
                    user_name: who,
                    resource_group_id: None,
                },
                a,
                summary,
            )?,
            (None, Principal::Group(_)) => Step::of(
                &ram::AttachPolicyToGroup {
                    policy_type: policy_type.into(),
                    policy_name: policy.into(),
                    group_name: who,
                    resource_group_id: None,
                },
                a,
                summary,
            )?,
            (None, Principal::Role(_)) => Step::of(
                &ram::AttachPolicyToRole {
                    policy_type: policy_type.into(),
                    policy_name: policy.into(),
                    role_name: who,
                    resource_group_id: None,
                },
                a,
                summary,
            )?,
            (Some(rg), p) => {
                let alias = account.alias();
                let (principal_type, principal_name) = match p {
                    Principal::User(n) => ("IMSUser", format!("{n}@{alias}.onaliyun.com")),
                    Principal::Group(n) => ("IMSGroup", format!("{n}@group.{alias}.onaliyun.com")),
                    Principal::Role(n) => (
                        "ServiceRole",
                        format!("{n}@role.{alias}.onaliyunservice.com"),
                    ),
                };
                Step::of(
                    &rm::AttachPolicy {
                        policy_name: policy.into(),
                        policy_type: policy_type.into(),
                        principal_type: principal_type.into(),
                        principal_name,
                        resource_group_id: rg.clone(),
                    },
                    a,
                    summary,
                )?
            }
        };
        let entity = Entity::Attachment {
            policy: policy.to_owned(),
            policy_type: policy_type.to_owned(),
            principal,
            resource_group: scope.resource_group.clone(),
        };
        let attached = match custom {
            Some(doc) => Attached {
                name: policy.to_owned(),
                system: false,
                document: Some(doc.clone()),
                resource_group: scope.resource_group.clone(),
            },
            None => Attached::system(policy, scope.resource_group.clone()),
        };
        self.identity(&label).attached.push(attached);
        Ok(self.add(step.creating(entity), depends_on))
    }

    /// The ARMS grants of flows 1-3: the system policy at the scope, the
    /// `arms:ReadTraceApp` grant read-only at resource-group scope needs, and
    /// an optional app-scoped policy.
    fn arms_grants(
        &mut self,
        account: &Account,
        principal: &Principal,
        g: &Grants<'_>,
        depends_on: usize,
    ) -> Result<(), PlanError> {
        self.attach(
            account,
            g.arms.policy(),
            None,
            principal.clone(),
            g.scope,
            &[depends_on],
        )?;
        if let Some((doc, created)) = g.read_trace {
            self.attach(
                account,
                READ_TRACE_APP_POLICY,
                Some(doc),
                principal.clone(),
                g.scope,
                &[depends_on, *created],
            )?;
        }
        if let Some((name, doc, created)) = g.apps {
            self.attach(
                account,
                name,
                Some(doc),
                principal.clone(),
                &Scope::default(),
                &[depends_on, *created],
            )?;
        }
        Ok(())
    }

    fn read_trace_policy(
        &mut self,
        account: &str,
        arms: ArmsAccess,
        scope: &Scope,
    ) -> Result<Option<(Policy, usize)>, PlanError> {
        if arms != ArmsAccess::ReadOnly || scope.resource_group.is_none() {
            return Ok(None);
        }
        let doc = build::read_trace_app_grant("*")?;
        let id = self.custom_policy(
            account,
            READ_TRACE_APP_POLICY,
            &doc,
            "arms:ReadTraceApp, which read-only ARMS at resource-group scope needs (Ramp)",
        )?;
        Ok(Some((doc, id)))
    }

    /// Reads the password policy once, when someone gets a console password.
    fn password_policy(
        &mut self,
        account: &str,
        access: &Access,
    ) -> Result<Option<usize>, PlanError> {
        if access.console().is_none() {
            return Ok(None);
        }
        Ok(Some(self.add(
            Step::of(
                &ram::GetPasswordPolicy {},
                account,
                "Read the account's password policy, so generated passwords meet it",
            )?,
            &[],
        )))
    }

    /// Creates `u` with its sign-in: a console password and/or an AccessKey.
    fn new_user(
        &mut self,
        a: &str,
        u: &NewUser,
        access: &Access,
        password_policy: Option<usize>,
    ) -> Result<usize, PlanError> {
        let create = ram::CreateUser {
            user_name: u.name.clone(),
            display_name: u.display_name.clone(),
            email: u.email.clone(),
            ..Default::default()
        };
        let user = self.add(
            Step::of(&create, a, format!("Create the RAM user {}", u.name))?.creating(
                Entity::User {
                    name: u.name.clone(),
                },
            ),
            &[],
        );
        if let Some((reset_required, mfa_required)) = access.console() {
            let login = ram::CreateLoginProfile {
                user_name: u.name.clone(),
                password: Secret::new(SecretInput::STAND_IN),
                password_reset_required: Some(reset_required),
                mfa_bind_required: Some(mfa_required),
            };
            let deps: Vec<usize> = std::iter::once(user).chain(password_policy).collect();
            let mut rules = Vec::new();
            if reset_required {
                rules.push("must change it at first logon");
            }
            if mfa_required {
                rules.push("must bind an MFA device at first logon");
            }
            let rules = if rules.is_empty() {
                String::new()
            } else {
                format!("; {}", rules.join("; "))
            };
            self.add(
                Step::of(
                    &login,
                    a,
                    format!(
                        "Give {} a console password (shown once; an existing one is kept and not shown{rules})",
                        u.name
                    ),
                )?
                .creating(Entity::LoginProfile {
                    user: u.name.clone(),
                }),
                &deps,
            );
        }
        if access.programmatic() {
            self.add(
                Step::of(
                    &ram::CreateAccessKey {
                        user_name: Some(u.name.clone()),
                    },
                    a,
                    format!("Create an AccessKey for {} (secret shown once)", u.name),
                )?
                .creating(Entity::AccessKey {
                    user: u.name.clone(),
                    besides: Vec::new(),
                }),
                &[user],
            );
        }
        Ok(user)
    }

    fn apps_policy(
        &mut self,
        account: &str,
        apps: Option<&AppScope>,
    ) -> Result<Option<(String, Policy, usize)>, PlanError> {
        let Some(apps) = apps else { return Ok(None) };
        let access = AppAccess {
            read: true,
            edit: apps.edit,
            delete: apps.delete,
        };
        let trace: Vec<&str> = apps.trace_apps.iter().map(String::as_str).collect();
        let rum: Vec<&str> = apps.rum_apps.iter().map(String::as_str).collect();
        if trace.is_empty() && rum.is_empty() {
            return Err(intent_error(
                "apps: name at least one trace-apps or rum-apps entry (or * for all)",
                "apps：请至少填写一个 trace-apps 或 rum-apps（或 * 表示全部）",
            ));
        }
        let doc = build::arms_apps_both(&apps.region, &trace, &rum, access)?;
        let id = self.custom_policy(
            account,
            &apps.policy_name,
            &doc,
            "App-scoped ARMS access (Ramp)",
        )?;
        Ok(Some((apps.policy_name.clone(), doc, id)))
    }

    fn finish(self, intent: Intent) -> Plan {
        let mut findings = Vec::new();
        for d in &self.documents {
            for f in lint_text(
                &d.text,
                &Options {
                    kind: Some(d.kind),
                    now: None,
                },
            )
            .findings
            {
                findings.push(PlanFinding::of(&d.name, &f));
            }
        }
        for (label, set) in &self.identities {
            for f in lint_set(set) {
                findings.push(PlanFinding::of(label, &f));
            }
        }
        Plan {
            intent,
            steps: self.steps,
            documents: self.documents,
            findings,
            notes: self.notes,
        }
    }
}

/// Turns an intent into its plan. An intent that changes what exists
/// (removing access, rotating a key, changing a policy) needs the account
/// as read: [`plan_in`].
pub fn plan(intent: &Intent) -> Result<Plan, PlanError> {
    if intent.changes_account() {
        return Err(intent_error(
            "this intent changes what the account holds: its plan is made from the account as read (ramp plan --endpoint/--profile, or --from a saved survey)",
            "该意图会修改账号中已有的内容：其计划须基于读取到的账号生成（ramp plan --endpoint/--profile，或 --from 已保存的读取结果）",
        ));
    }
    plan_in(
        intent,
        &crate::audit::Account::default(),
        &[],
        crate::time::UtcTime::from_unix_seconds(0),
    )
}

/// Turns an intent into its plan, given the account as read (`versions`:
/// the policy's versions, for a new policy version; `now`: to tell how
/// recently a key was used).
pub fn plan_in(
    intent: &Intent,
    account: &crate::audit::Account,
    versions: &[crate::api::responses::PolicyVersion],
    now: crate::time::UtcTime,
) -> Result<Plan, PlanError> {
    let mut p = Planner {
        steps: Vec::new(),
        documents: Vec::new(),
        identities: Vec::new(),
        notes: Vec::new(),
    };
    match intent {
        Intent::TeammateAccess(t) => teammate_access(&mut p, t)?,
        Intent::TeamGroup(g) => team_group(&mut p, g)?,
        Intent::ShareWithAccount(s) => share_with_account(&mut p, s)?,
        Intent::VerifyAccess(v) => verify_access(&mut p, v)?,
        Intent::RemoveAccess(r) => change::remove_access(&mut p, r, account, now)?,
        Intent::RotateKey(r) => change::rotate_key(&mut p, r, account, now)?,
        Intent::ChangeTrust(c) => change::change_trust(&mut p, c, account)?,
        Intent::ChangePolicy(c) => change::change_policy(&mut p, c, account, versions)?,
    }
    Ok(p.finish(intent.clone()))
}
