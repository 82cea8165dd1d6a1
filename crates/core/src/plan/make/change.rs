//! Plans that change what an account holds, made from the account as read
//! ([`crate::audit::Account`]): removing access (ARMS only, or offboarding
//! in two phases), rotating an AccessKey, a role's new trust policy and a
//! custom policy's new version. Each step that can be undone carries its
//! undo; each that cannot is marked, and the plan's notes say what the
//! change means — access before and after, a key a script still uses, who
//! gains and who loses the ability to assume a role.

use super::{intent_error, Planner};
use crate::api::responses::PolicyVersion;
use crate::api::{ram, rm, Call};
use crate::audit::account::{Attachment, PolicyType, Principal as Who};
use crate::audit::{model, Account, Level};
use crate::lang::Lang;
use crate::plan::intent::*;
use crate::plan::step::{Entity, Step};
use crate::plan::{Note, NoteKind, PlanError};
use crate::policy::catalogue;
use crate::policy::compare::{compare, words, Direction, Kind};
use crate::policy::eval::wildcard;
use crate::policy::{parse_policy, Policy};

fn note(p: &mut Planner, kind: NoteKind, en: String, zh: String) {
    p.notes.push(Note { kind, en, zh });
}

fn check_account(account: &Account, asked: &crate::plan::intent::Account) -> Result<(), PlanError> {
    if account.id != asked.id {
        return Err(intent_error(
            format!("the intent is for account {}, but the credentials read account {}: use the credentials of {}", asked.id, account.id, asked.id),
            format!("意图针对账号 {}，但凭证读取的是账号 {}：请使用账号 {} 的凭证", asked.id, account.id, asked.id),
        ));
    }
    Ok(())
}

/// Resource Manager's name for a principal: `n@domain`, `n@group.domain`, `n@role.…service.com`.
fn principal_name(account: &Account, who: &Who) -> (&'static str, String) {
    let d = &account.domain;
    match who {
        Who::User(n) => ("IMSUser", format!("{n}@{d}")),
        Who::Group(n) => ("IMSGroup", format!("{n}@group.{d}")),
        Who::Role(n) => (
            "ServiceRole",
            format!(
                "{n}@role.{}",
                d.replace(".onaliyun.com", ".onaliyunservice.com")
            ),
        ),
    }
}

/// The calls that detach `a` and that attach it again.
fn detach_and_attach(account: &Account, a: &Attachment) -> (Call, Call) {
    let (t, n) = (a.policy_type.as_str().to_owned(), a.policy.clone());
    if let Some(rg) = &a.resource_group {
        let (principal_type, principal_name) = principal_name(account, &a.principal);
        let detach = rm::DetachPolicy {
            policy_name: n.clone(),
            policy_type: t.clone(),
            principal_type: principal_type.into(),
            principal_name: principal_name.clone(),
            resource_group_id: rg.clone(),
        };
        let attach = rm::AttachPolicy {
            policy_name: n,
            policy_type: t,
            principal_type: principal_type.into(),
            principal_name,
            resource_group_id: rg.clone(),
        };
        return (detach.into(), attach.into());
    }
    match &a.principal {
        Who::User(u) => (
            ram::DetachPolicyFromUser {
                policy_type: t.clone(),
                policy_name: n.clone(),
                user_name: u.clone(),
                resource_group_id: None,
            }
            .into(),
            ram::AttachPolicyToUser {
                policy_type: t,
                policy_name: n,
                user_name: u.clone(),
                resource_group_id: None,
            }
            .into(),
        ),
        Who::Group(g) => (
            ram::DetachPolicyFromGroup {
                policy_type: t.clone(),
                policy_name: n.clone(),
                group_name: g.clone(),
                resource_group_id: None,
            }
            .into(),
            ram::AttachPolicyToGroup {
                policy_type: t,
                policy_name: n,
                group_name: g.clone(),
                resource_group_id: None,
            }
            .into(),
        ),
        Who::Role(r) => (
            ram::DetachPolicyFromRole {
                policy_type: t.clone(),
                policy_name: n.clone(),
                role_name: r.clone(),
                resource_group_id: None,
            }
            .into(),
            ram::AttachPolicyToRole {
                policy_type: t,
                policy_name: n,
                role_name: r.clone(),
                resource_group_id: None,
            }
            .into(),
        ),
    }
}

fn scope_words(a: &Attachment) -> String {
    match &a.resource_group {
        Some(rg) => format!(" at resource group {rg}"),
        None => String::new(),
    }
}

/// The document of an attached policy: the account's copy, else the catalogue's.
fn document(account: &Account, t: PolicyType, name: &str) -> Option<Policy> {
    if let Some(d) = account
        .document(t, name)
        .and_then(|d| d.document.as_deref())
    {
        return parse_policy(d).ok().map(|p| p.policy);
    }
    (t == PolicyType::System)
        .then(|| catalogue::system_policy(name).and_then(|s| s.policy()))
        .flatten()
}

/// Does the policy allow some ARMS action (whatever its resources and conditions)?
fn grants_arms(policy: &Policy) -> bool {
    let arms: Vec<String> = catalogue::service("arms")
        .map(|s| s.actions().map(|a| format!("arms:{}", a.name)).collect())
        .unwrap_or_default();
    policy.statements.iter().any(|s| {
        s.effect() == Some(crate::policy::Effect::Allow)
            && arms.iter().any(|action| match (&s.action, &s.not_action) {
                (Some(v), _) => v.texts().any(|p| wildcard::matches(p, action, true)),
                (None, Some(v)) => !v.texts().any(|p| wildcard::matches(p, action, true)),
                (None, None) => false,
            })
    })
}

fn level_words(level: Level, lang: Lang) -> &'static str {
    match (level, lang) {
        (Level::Full, Lang::En) => "full ARMS access",
        (Level::ReadOnly, Lang::En) => "read-only ARMS access",
        (Level::Partial, Lang::En) => "partial ARMS access",
        (Level::None, Lang::En) => "no ARMS access",
        (Level::Full, Lang::Zh) => "ARMS 完全访问",
        (Level::ReadOnly, Lang::Zh) => "ARMS 只读访问",
        (Level::Partial, Lang::Zh) => "部分 ARMS 访问",
        (Level::None, Lang::Zh) => "无 ARMS 访问",
    }
}

fn arms_level(account: &Account, user: &str) -> Level {
    model(account)
        .principals
        .into_iter()
        .find(|p| p.principal == Who::User(user.to_owned()))
        .map_or(Level::None, |p| p.arms)
}

/// Days since an ISO time, by the date part (`None` when unreadable).
fn days_since(when: &str, now: crate::time::UtcTime) -> Option<i64> {
    let t = crate::policy::eval::condition::parse_date(when)?;
    Some((now.unix_seconds() - t.unix_seconds()) / 86_400)
}

/// How recently a key was last used counts as "a script may still use it".
const RECENT_DAYS: i64 = 30;

pub(super) fn remove_access(
    p: &mut Planner,
    r: &RemoveAccess,
    account: &Account,
    now: crate::time::UtcTime,
) -> Result<(), PlanError> {
    check_account(account, &r.account)?;
    if r.users.is_empty() {
        return Err(intent_error(
            "choose at least one user",
            "请至少选择一个用户",
        ));
    }
    let a = r.account.id.as_str();
    let mut after = account.clone();
    for name in &r.users {
        let Some(user) = account.users.get(name) else {
            return Err(intent_error(
                format!("{name} is not a user of account {a} (as read): check the name, or read the account again"),
                format!("{name} 不是账号 {a} 的用户（按读取结果）：请检查名称，或重新读取账号"),
            ));
        };
        let before = arms_level(account, name);
        let groups: Vec<&String> = account
            .groups
            .iter()
            .filter(|(_, g)| g.members.contains(name))
            .map(|(g, _)| g)
            .collect();
        let own: Vec<&Attachment> = account
            .attachments
            .iter()
            .filter(|x| x.principal == Who::User(name.clone()))
            .collect();
        let upn = format!("{name}@{}", account.domain);
        let offboard = r.removal == Removal::Offboard;
        let deactivate = offboard && r.phase != OffboardPhase::Delete;
        let delete = offboard && r.phase != OffboardPhase::Deactivate;

        // A programmatic user's recent key use: a script may break.
        for k in &user.keys {
            let recent = k
                .last_used
                .as_deref()
                .and_then(|t| days_since(t, now))
                .filter(|d| *d <= RECENT_DAYS);
            if let (Some(d), true) = (recent, offboard || !own.is_empty() || !groups.is_empty()) {
                note(p, NoteKind::Warning,
                    format!("{name}'s AccessKey {} was used {d} day(s) ago ({}): a script may still use it and will break", k.id, k.last_used.as_deref().unwrap_or_default()),
                    format!("{name} 的 AccessKey {} 在 {d} 天前（{}）被使用过：可能仍有脚本在用它，操作后将失败", k.id, k.last_used.as_deref().unwrap_or_default()));
            }
        }

        let mut last = Vec::new();
        if deactivate {
            if user.console.is_some() {
                let off = rm::UpdateLoginProfile {
                    user_principal_name: upn.clone(),
                    status: "Inactive".into(),
                };
                let on = rm::UpdateLoginProfile {
                    status: "Active".into(),
                    ..off.clone()
                };
                let s = Step::of(
                    &off,
                    a,
                    format!("Turn off {name}'s console logon (the password is kept)"),
                )?
                .undone_by([on.into()]);
                last.push(p.add(s, &[]));
            }
            for k in user.keys.iter().filter(|k| k.status == "Active") {
                let off = ram::UpdateAccessKey {
                    user_name: Some(name.clone()),
                    user_access_key_id: k.id.clone(),
                    status: "Inactive".into(),
                };
                let on = ram::UpdateAccessKey {
                    status: "Active".into(),
                    ..off.clone()
                };
                let s = Step::of(&off, a, format!("Deactivate {name}'s AccessKey {}", k.id))?
                    .undone_by([on.into()]);
                last.push(p.add(s, &[]));
            }
        }

        // What leaves: ARMS only, or everything (in the delete phase).
        let revoke = r.removal == Removal::RevokeArms;
        if revoke || delete {
            for g in &groups {
                let grants: Vec<&Attachment> = account
                    .attachments
                    .iter()
                    .filter(|x| x.principal == Who::Group((*g).clone()))
                    .collect();
                let arms = grants.iter().any(|x| {
                    document(account, x.policy_type, &x.policy).is_some_and(|d| grants_arms(&d))
                });
                if revoke && !arms {
                    continue;
                }
                if revoke {
                    let others: Vec<String> = grants
                        .iter()
                        .filter(|x| {
                            !document(account, x.policy_type, &x.policy)
                                .is_some_and(|d| grants_arms(&d))
                        })
                        .map(|x| format!("{}{}", x.policy, scope_words(x)))
                        .collect();
                    if !others.is_empty() {
                        note(
                            p,
                            NoteKind::Warning,
                            format!(
                                "Leaving group {g} also takes away what else it gives {name}: {}",
                                others.join(", ")
                            ),
                            format!(
                                "离开用户组 {g} 也会收回它给 {name} 的其他权限：{}",
                                others.join("，")
                            ),
                        );
                    }
                }
                let out = ram::RemoveUserFromGroup {
                    user_name: name.clone(),
                    group_name: (*g).clone(),
                };
                let back = ram::AddUserToGroup {
                    user_name: name.clone(),
                    group_name: (*g).clone(),
                };
                let s = Step::of(&out, a, format!("Remove {name} from group {g}"))?
                    .undone_by([back.into()]);
                last.push(p.add(s, &[]));
                if let Some(grp) = after.groups.get_mut(*g) {
                    grp.members.retain(|m| m != name);
                }
            }
            for x in &own {
                let doc = document(account, x.policy_type, &x.policy);
                let arms = doc.as_ref().is_some_and(grants_arms);
                if revoke && !arms {
                    continue;
                }
                if revoke
                    && x.policy_type == PolicyType::System
                    && !x.policy.contains("ARMS")
                    && !x.policy.contains("Prometheus")
                {
                    note(p, NoteKind::Warning,
                        format!("{} grants far more than ARMS: detaching it from {name} takes all of that away", x.policy),
                        format!("{} 授予的远不止 ARMS：从 {name} 解除它会收回全部这些权限", x.policy));
                }
                let (detach, attach) = detach_and_attach(account, x);
                let s = Step::of_call(
                    detach,
                    a,
                    format!("Detach {} from {name}{}", x.policy, scope_words(x)),
                )?
                .undone_by([attach]);
                last.push(p.add(s, &[]));
                after.attachments.retain(|y| y != *x);
            }
        }
        if delete {
            let mut gone = Vec::new();
            if user.console.is_some() {
                let s = Step::of(
                    &ram::DeleteLoginProfile {
                        user_name: name.clone(),
                    },
                    a,
                    format!("Delete {name}'s console password"),
                )?
                .irreversible();
                gone.push(p.add(s, &last));
            }
            for k in &user.keys {
                let s = Step::of(
                    &ram::DeleteAccessKey {
                        user_name: Some(name.clone()),
                        user_access_key_id: k.id.clone(),
                    },
                    a,
                    format!("Delete {name}'s AccessKey {}", k.id),
                )?
                .irreversible();
                gone.push(p.add(s, &last));
            }
            if user.mfa_device.is_some() {
                let s = Step::of(
                    &ram::UnbindMFADevice {
                        user_name: name.clone(),
                    },
                    a,
                    format!("Unbind {name}'s MFA device"),
                )?
                .irreversible();
                gone.push(p.add(s, &last));
            }
            let mut before_user = last.clone();
            before_user.extend(gone);
            let s = Step::of(
                &ram::DeleteUser {
                    user_name: name.clone(),
                },
                a,
                format!("Delete the user {name}"),
            )?
            .irreversible();
            p.add(s, &before_user);
            after.users.remove(name);
        }
        let now_level = if after.users.contains_key(name) {
            arms_level(&after, name)
        } else {
            Level::None
        };
        let gone = if r.removal == Removal::Offboard && r.phase == OffboardPhase::Deactivate {
            (" (phase one: console logon off and keys inactive; nothing is deleted, each step can be undone)", "（第一阶段：关闭控制台登录、停用 AccessKey；不删除任何内容，每一步都可撤销）")
        } else {
            ("", "")
        };
        note(
            p,
            NoteKind::Access,
            format!(
                "{name}: before, {}; after, {}{}",
                level_words(before, Lang::En),
                level_words(now_level, Lang::En),
                gone.0
            ),
            format!(
                "{name}：之前 {}；之后 {}{}",
                level_words(before, Lang::Zh),
                level_words(now_level, Lang::Zh),
                gone.1
            ),
        );
    }
    if p.steps.iter().any(|s| s.irreversible) {
        note(p, NoteKind::Irreversible,
            "Steps marked \"cannot be undone\" delete for good: a rollback cannot bring back a deleted key, password, MFA binding or user.".into(),
            "标为\"不可撤销\"的步骤会永久删除：回滚无法恢复已删除的 AccessKey、密码、MFA 绑定或用户。".into());
    }
    Ok(())
}

pub(super) fn rotate_key(
    p: &mut Planner,
    r: &RotateKey,
    account: &Account,
    now: crate::time::UtcTime,
) -> Result<(), PlanError> {
    check_account(account, &r.account)?;
    let a = r.account.id.as_str();
    let name = &r.user;
    let Some(user) = account.users.get(name) else {
        return Err(intent_error(
            format!("{name} is not a user of account {a} (as read)"),
            format!("{name} 不是账号 {a} 的用户（按读取结果）"),
        ));
    };
    let mut keys: Vec<&crate::audit::account::Key> = user.keys.iter().collect();
    keys.sort_by(|x, y| x.created.cmp(&y.created));
    let used = |k: &crate::audit::account::Key| match k.last_used.as_deref() {
        Some(t) => format!("last used {t}"),
        None => "never used".to_owned(),
    };
    let used_zh = |k: &crate::audit::account::Key| match k.last_used.as_deref() {
        Some(t) => format!("最后使用于 {t}"),
        None => "从未使用".to_owned(),
    };
    match r.phase {
        RotatePhase::Create => {
            let mut remaining: Vec<&crate::audit::account::Key> = keys.clone();
            let mut first = Vec::new();
            if let Some(unused) = &r.delete_unused {
                let Some(k) = keys.iter().find(|k| &k.id == unused) else {
                    return Err(intent_error(
                        format!("{name} has no AccessKey {unused}"),
                        format!("{name} 没有 AccessKey {unused}"),
                    ));
                };
                let s = Step::of(
                    &ram::DeleteAccessKey {
                        user_name: Some(name.clone()),
                        user_access_key_id: k.id.clone(),
                    },
                    a,
                    format!("Delete {name}'s unused AccessKey {} ({})", k.id, used(k)),
                )?
                .irreversible();
                first.push(p.add(s, &[]));
                remaining.retain(|x| x.id != k.id);
            }
            if remaining.len() >= 2 {
                let unused = remaining
                    .iter()
                    .find(|k| k.last_used.is_none() || k.status != "Active")
                    .unwrap_or(&remaining[0]);
                return Err(intent_error(
                    format!("{name} already has two AccessKeys, the most RAM allows: {}. {} looks unused; to make room, set \"delete-unused\": \"{}\" (deleting a key cannot be undone)",
                        remaining.iter().map(|k| format!("{} ({}, {})", k.id, k.status, used(k))).collect::<Vec<_>>().join(", "), unused.id, unused.id),
                    format!("{name} 已有两个 AccessKey（RAM 允许的上限）：{}。{} 看起来未被使用；如需腾出位置，请设置 \"delete-unused\": \"{}\"（删除不可撤销）",
                        remaining.iter().map(|k| format!("{}（{}，{}）", k.id, k.status, used_zh(k))).collect::<Vec<_>>().join("，"), unused.id, unused.id),
                ));
            }
            let besides: Vec<String> = remaining.iter().map(|k| k.id.clone()).collect();
            let s = Step::of(
                &ram::CreateAccessKey {
                    user_name: Some(name.clone()),
                },
                a,
                format!("Create {name}'s new AccessKey (its secret is shown once)"),
            )?
            .creating(Entity::AccessKey {
                user: name.clone(),
                besides,
            });
            p.add(s, &first);
            note(p, NoteKind::Info,
                "Next: deploy the new key where the old one is used, watch the old key's last use stop, then plan phase \"deactivate\".".into(),
                "下一步：在使用旧 AccessKey 的地方部署新 AccessKey，确认旧 AccessKey 不再被使用后，再规划 \"deactivate\" 阶段。".into());
        }
        RotatePhase::Deactivate | RotatePhase::Delete => {
            let old = match &r.old_key {
                Some(id) => keys.iter().find(|k| &k.id == id).copied(),
                None if keys.len() == 2 => keys.first().copied(),
                None => None,
            };
            let Some(old) = old else {
                return Err(intent_error(
                    format!(
                        "say which of {name}'s AccessKeys is the old one (\"old-key\"): it has {}",
                        keys.iter()
                            .map(|k| k.id.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                    format!(
                        "请用 \"old-key\" 指明 {name} 的哪个 AccessKey 是旧的：现有 {}",
                        keys.iter()
                            .map(|k| k.id.as_str())
                            .collect::<Vec<_>>()
                            .join("，")
                    ),
                ));
            };
            if let Some(d) = old.last_used.as_deref().and_then(|t| days_since(t, now)) {
                if d <= 1 {
                    note(p, NoteKind::Warning,
                        format!("The old key {} was used {} ({d} day(s) ago): something still calls with it and will break", old.id, old.last_used.as_deref().unwrap_or_default()),
                        format!("旧 AccessKey {} 在 {}（{d} 天前）仍被使用：仍有程序在用它，操作后将失败", old.id, old.last_used.as_deref().unwrap_or_default()));
                }
            }
            if r.phase == RotatePhase::Deactivate {
                let off = ram::UpdateAccessKey {
                    user_name: Some(name.clone()),
                    user_access_key_id: old.id.clone(),
                    status: "Inactive".into(),
                };
                let on = ram::UpdateAccessKey {
                    status: "Active".into(),
                    ..off.clone()
                };
                let s = Step::of(
                    &off,
                    a,
                    format!(
                        "Deactivate {name}'s old AccessKey {} ({})",
                        old.id,
                        used(old)
                    ),
                )?
                .undone_by([on.into()]);
                p.add(s, &[]);
            } else {
                if old.status == "Active" {
                    return Err(intent_error(
                        format!("{}: deactivate the old key first (phase \"deactivate\") and make sure nothing broke; deleting cannot be undone", old.id),
                        format!("{}：请先停用旧 AccessKey（\"deactivate\" 阶段）并确认没有程序失败；删除不可撤销", old.id),
                    ));
                }
                let s = Step::of(
                    &ram::DeleteAccessKey {
                        user_name: Some(name.clone()),
                        user_access_key_id: old.id.clone(),
                    },
                    a,
                    format!("Delete {name}'s old AccessKey {}", old.id),
                )?
                .irreversible();
                p.add(s, &[]);
            }
        }
    }
    Ok(())
}

/// The intent's new document, from its field `field`: the policy, or an
/// error that names the field.
fn new_document(field: &str, text: &str) -> Result<Policy, PlanError> {
    parse_policy(text).map(|x| x.policy).map_err(|e| {
        intent_error(
            format!("{field}: {}", crate::lang::Localized::message(&e, Lang::En)),
            format!("{field}：{}", crate::lang::Localized::message(&e, Lang::Zh)),
        )
    })
}

fn comparison_notes(p: &mut Planner, old: &str, new: &Policy, kind: Kind) -> Result<(), PlanError> {
    let o = parse_policy(old).map(|x| x.policy).map_err(|e| {
        intent_error(
            format!(
                "the current policy is not valid JSON: {}",
                crate::lang::Localized::message(&e, Lang::En)
            ),
            format!(
                "current 策略不是有效的 JSON：{}",
                crate::lang::Localized::message(&e, Lang::Zh)
            ),
        )
    })?;
    let Ok(diff) = compare(&o, new, kind) else {
        note(
            p,
            NoteKind::Warning,
            "The two versions are too intricate to compare exactly here: review them by hand."
                .into(),
            "两个版本过于复杂，无法在此精确比较：请人工审阅。".into(),
        );
        return Ok(());
    };
    note(
        p,
        NoteKind::Info,
        words::verdict(&diff.changes, Lang::En),
        words::verdict(&diff.changes, Lang::Zh),
    );
    for c in &diff.changes {
        let kind_of_note = match c.direction {
            Direction::Gained => NoteKind::Gain,
            Direction::Lost => NoteKind::Loss,
        };
        note(
            p,
            kind_of_note,
            words::line(c, kind, Lang::En),
            words::line(c, kind, Lang::Zh),
        );
    }
    Ok(())
}

pub(super) fn change_trust(
    p: &mut Planner,
    c: &ChangeTrust,
    account: &Account,
) -> Result<(), PlanError> {
    check_account(account, &c.account)?;
    let a = c.account.id.as_str();
    let Some(role) = account.roles.get(&c.role) else {
        return Err(intent_error(
            format!("{} is not a role of account {a} (as read)", c.role),
            format!("{} 不是账号 {a} 的角色（按读取结果）", c.role),
        ));
    };
    let policy = new_document("trust-policy", &c.trust_policy)?;
    let new = crate::policy::print::compact(&policy);
    comparison_notes(p, &role.trust_policy, &policy, Kind::Trust)?;
    let update = ram::UpdateRole {
        role_name: c.role.clone(),
        new_assume_role_policy_document: Some(new.clone()),
        ..Default::default()
    };
    let back = ram::UpdateRole {
        role_name: c.role.clone(),
        new_assume_role_policy_document: Some(role.trust_policy.clone()),
        ..Default::default()
    };
    let s = Step::of(&update, a, format!("Set {}'s new trust policy", c.role))?
        .undone_by([back.into()]);
    p.add(s, &[]);
    p.documents.push(crate::plan::Document {
        name: c.role.clone(),
        kind: Kind::Trust,
        text: crate::policy::print(&policy),
    });
    Ok(())
}

pub(super) fn change_policy(
    p: &mut Planner,
    c: &ChangePolicy,
    account: &Account,
    versions: &[PolicyVersion],
) -> Result<(), PlanError> {
    check_account(account, &c.account)?;
    let a = c.account.id.as_str();
    let Some(current) = account.document(PolicyType::Custom, &c.policy) else {
        return Err(intent_error(
            format!(
                "{} is not a custom policy of account {a} (as read)",
                c.policy
            ),
            format!("{} 不是账号 {a} 的自定义策略（按读取结果）", c.policy),
        ));
    };
    let policy = new_document("document", &c.document)?;
    let new = crate::policy::print::compact(&policy);
    comparison_notes(
        p,
        current.document.as_deref().unwrap_or("{}"),
        &policy,
        Kind::Permission,
    )?;
    let mut first = Vec::new();
    if versions.len() >= 5 {
        let Some(oldest) = versions
            .iter()
            .filter(|v| !v.is_default_version)
            .min_by(|x, y| {
                let n = |v: &PolicyVersion| {
                    v.version_id
                        .trim_start_matches('v')
                        .parse::<u32>()
                        .unwrap_or(0)
                };
                n(x).cmp(&n(y))
            })
        else {
            return Err(intent_error(
                "the policy has five versions and none can be deleted",
                "该策略已有五个版本且均不可删除",
            ));
        };
        note(p, NoteKind::Irreversible,
            format!("{} already has five versions, the most RAM keeps: its oldest non-default version, {}, is deleted to make room (this cannot be undone)", c.policy, oldest.version_id),
            format!("{} 已有五个版本（RAM 的上限）：将删除最早的非默认版本 {} 以腾出位置（不可撤销）", c.policy, oldest.version_id));
        let s = Step::of(
            &ram::DeletePolicyVersion {
                policy_name: c.policy.clone(),
                version_id: oldest.version_id.clone(),
            },
            a,
            format!(
                "Delete {}'s oldest non-default version {}",
                c.policy, oldest.version_id
            ),
        )?
        .irreversible();
        first.push(p.add(s, &[]));
    }
    let create = ram::CreatePolicyVersion {
        policy_name: c.policy.clone(),
        policy_document: new.clone(),
        set_as_default: Some(true),
        rotate_strategy: None,
    };
    let back = ram::SetDefaultPolicyVersion {
        policy_name: c.policy.clone(),
        version_id: current.version.clone(),
    };
    let s = Step::of(
        &create,
        a,
        format!(
            "Add {}'s new version and make it the default (was {})",
            c.policy, current.version
        ),
    )?
    .undone_by([back.into()]);
    p.add(s, &first);
    p.documents.push(crate::plan::Document {
        name: c.policy.clone(),
        kind: Kind::Permission,
        text: crate::policy::print(&policy),
    });
    Ok(())
}
