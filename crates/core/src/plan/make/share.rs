//! Sharing ARMS with another account: account A's role (trust policy, ARMS policy, session limit) and account B's user allowed to assume it.

use super::*;

pub(super) fn share_with_account(p: &mut Planner, s: &ShareWithAccount) -> Result<(), PlanError> {
    let o = &s.owner;
    let a = o.account.id.as_str();
    let b = o.trusted_account.as_str();
    let trustee = match &o.trusted {
        Trusted::Account => Trustee::Account {
            account_id: b.to_owned(),
        },
        Trusted::User { name } => Trustee::RamUser {
            account_id: b.to_owned(),
            name: name.clone(),
        },
        Trusted::Role { name } => Trustee::RamRole {
            account_id: b.to_owned(),
            name: name.clone(),
        },
    };
    let conditions = TrustConditions {
        external_id: o.external_id.clone(),
        require_mfa: o.require_mfa,
        source_ips: o.source_ips.clone(),
    };
    let trust = build::trust_policy(&[trustee], &conditions)?;
    if let Some(acc) = &s.accessing {
        if acc.account.id != o.trusted_account {
            return Err(intent_error(
                format!("accessing.account.id {} differs from owner.trusted-account {}: the role would trust another account", acc.account.id, o.trusted_account),
                format!("accessing.account.id {} 与 owner.trusted-account {} 不同：角色会信任另一个账号", acc.account.id, o.trusted_account),
            ));
        }
        match &o.trusted {
            Trusted::User { name } if name != &acc.user => {
                return Err(intent_error(
                    format!("the role trusts user {name}, but the accessing side creates user {}", acc.user),
                    format!("角色信任用户 {name}，但访问方创建的是用户 {}", acc.user),
                ))
            }
            Trusted::Role { name } => {
                return Err(intent_error(
                    format!("the role trusts role {name} of account {b}; a new user cannot assume it directly — trust the account or that user, or drop `accessing`"),
                    format!("角色信任账号 {b} 的角色 {name}；新建用户无法直接扮演——请信任该账号或该用户，或去掉 `accessing`"),
                ))
            }
            _ => {}
        }
    }
    let create = ram::CreateRole {
        role_name: o.role.clone(),
        assume_role_policy_document: compact(&trust),
        description: o.description.clone(),
        max_session_duration: Some(o.max_session_duration),
    };
    p.documents.push(Document {
        name: o.role.clone(),
        kind: crate::policy::lint::Kind::Trust,
        text: print(&trust),
    });
    let read_trace = p.read_trace_policy(a, o.arms, &o.scope)?;
    let role = p.add(
        Step::of(
            &create,
            a,
            format!("Create the role {} that account {b} may assume", o.role),
        )?
        .creating(Entity::Role {
            name: o.role.clone(),
        }),
        &[],
    );
    let grants = Grants {
        arms: o.arms,
        scope: &o.scope,
        apps: None,
        read_trace: read_trace.as_ref(),
    };
    p.arms_grants(&o.account, &Principal::Role(o.role.clone()), &grants, role)?;

    if let Some(acc) = &s.accessing {
        // A role that requires MFA can only be assumed by a person who signed
        // in with MFA (the console's switch role): an AccessKey-signed call
        // never carries acs:MFAPresent. So B's user then gets a console
        // password with MFA binding required, and no AccessKey.
        let access = if o.require_mfa {
            Access::Console {
                reset_required: true,
                mfa_required: true,
            }
        } else {
            Access::Programmatic
        };
        let password_policy = p.password_policy(b, &access)?;
        let new = NewUser {
            name: acc.user.clone(),
            display_name: None,
            email: None,
        };
        let user = p.new_user(b, &new, &access, password_policy)?;
        p.steps[user].summary =
            format!("Create the RAM user {} who will assume the role", acc.user);
        let principal = Principal::User(acc.user.clone());
        if acc.least_privilege {
            let doc = build::assume_one_role(a, &o.role)?;
            let name = acc.policy_name(&o.role);
            let created = p.custom_policy(b, &name, &doc, "sts:AssumeRole on one role (Ramp)")?;
            p.attach(
                &acc.account,
                &name,
                Some(&doc),
                principal,
                &Scope::default(),
                &[user, created],
            )?;
        } else {
            p.attach(
                &acc.account,
                "AliyunSTSAssumeRoleAccess",
                None,
                principal,
                &Scope::default(),
                &[user],
            )?;
        }
    }
    Ok(())
}
