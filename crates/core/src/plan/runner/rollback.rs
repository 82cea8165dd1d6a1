//! Undoing a run: the steps that remove exactly what it created, newest
//! first, each entity undone the way the service requires.

use super::*;

impl Runner {
    /// The steps that undo exactly what this run created, newest first
    /// (attachments and memberships before the users, groups, roles and
    /// policies they refer to).
    pub fn rollback(&self) -> Vec<Step> {
        let mut steps = Vec::new();
        for c in self.created.iter().rev() {
            let a = c.account.as_str();
            let Some(entity) = &c.entity else {
                // A change: its own undo calls, in their order.
                let done = &self.steps[c.step];
                let mut calls = done.undo.clone();
                // A version this run added goes too, once the old one is the default again.
                if let (Call::CreatePolicyVersion(v), Some(id)) = (&done.call, &c.made_id) {
                    calls.push(
                        ram::DeletePolicyVersion {
                            policy_name: v.policy_name.clone(),
                            version_id: id.clone(),
                        }
                        .into(),
                    );
                }
                for call in &calls {
                    if let Ok(mut s) =
                        Step::of_call(call.clone(), a, format!("Undo: {}", done.summary))
                    {
                        s.id = steps.len();
                        steps.push(s);
                    }
                }
                continue;
            };
            let step = match entity {
                Entity::Attachment {
                    policy,
                    policy_type,
                    principal,
                    resource_group,
                } => attachment_undo(
                    a,
                    policy,
                    policy_type,
                    principal,
                    resource_group.as_deref(),
                    &self.steps[c.step],
                ),
                Entity::Membership { user, group } => Step::of(
                    &ram::RemoveUserFromGroup {
                        user_name: user.clone(),
                        group_name: group.clone(),
                    },
                    a,
                    format!("Remove {user} from {group}"),
                ),
                Entity::AccessKey { user, .. } => Step::of(
                    &ram::DeleteAccessKey {
                        user_name: Some(user.clone()),
                        user_access_key_id: c.made_id.clone().unwrap_or_default(),
                    },
                    a,
                    format!("Delete the AccessKey this run created for {user}"),
                ),
                Entity::LoginProfile { user } => Step::of(
                    &ram::DeleteLoginProfile {
                        user_name: user.clone(),
                    },
                    a,
                    format!("Remove {user}'s console password"),
                ),
                Entity::User { name } => Step::of(
                    &ram::DeleteUser {
                        user_name: name.clone(),
                    },
                    a,
                    format!("Delete the user {name}"),
                ),
                Entity::Group { name } => Step::of(
                    &ram::DeleteGroup {
                        group_name: name.clone(),
                    },
                    a,
                    format!("Delete the group {name}"),
                ),
                Entity::Role { name } => Step::of(
                    &ram::DeleteRole {
                        role_name: name.clone(),
                    },
                    a,
                    format!("Delete the role {name}"),
                ),
                Entity::Policy { name } => Step::of(
                    &ram::DeletePolicy {
                        policy_name: name.clone(),
                        cascading_delete: None,
                    },
                    a,
                    format!("Delete the policy {name}"),
                ),
            };
            if let Ok(mut s) = step {
                s.id = steps.len();
                steps.push(s);
            }
        }
        steps
    }
}

pub(super) fn attachment_undo(
    account: &str,
    policy: &str,
    policy_type: &str,
    principal: &Principal,
    resource_group: Option<&str>,
    attach: &Step,
) -> Result<Step, crate::api::Invalid> {
    let summary = format!("Detach {policy}");
    match (resource_group, principal) {
        (None, Principal::User(n)) => Step::of(
            &ram::DetachPolicyFromUser {
                policy_type: policy_type.into(),
                policy_name: policy.into(),
                user_name: n.clone(),
                resource_group_id: None,
            },
            account,
            format!("{summary} from user {n}"),
        ),
        (None, Principal::Group(n)) => Step::of(
            &ram::DetachPolicyFromGroup {
                policy_type: policy_type.into(),
                policy_name: policy.into(),
                group_name: n.clone(),
                resource_group_id: None,
            },
            account,
            format!("{summary} from group {n}"),
        ),
        (None, Principal::Role(n)) => Step::of(
            &ram::DetachPolicyFromRole {
                policy_type: policy_type.into(),
                policy_name: policy.into(),
                role_name: n.clone(),
                resource_group_id: None,
            },
            account,
            format!("{summary} from role {n}"),
        ),
        (Some(rg), _) => {
            // The same principal name and type the attach step used.
            let (principal_type, principal_name) = match &attach.call {
                Call::AttachPolicy(c) => (c.principal_type.clone(), c.principal_name.clone()),
                _ => Default::default(),
            };
            Step::of(
                &rm::DetachPolicy {
                    policy_name: policy.into(),
                    policy_type: policy_type.into(),
                    principal_type,
                    principal_name,
                    resource_group_id: rg.into(),
                },
                account,
                format!("{summary} at resource group {rg}"),
            )
        }
    }
}
