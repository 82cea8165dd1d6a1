//! A step's summary in the user's language. Plans carry an English summary;
//! this says the same in Simplified Chinese from the step's typed call, for
//! every call that changes an account (a new one does not compile until it
//! is described here).

use crate::lang::Lang;
use crate::plan::step::Step;

/// `step`'s summary in `lang` (the plan's English one when `lang` is English,
/// or for an action this does not know).
pub fn summary(step: &Step, lang: Lang) -> String {
    match lang {
        Lang::Zh => chinese(step).unwrap_or_else(|| step.summary.clone()),
        _ => step.summary.clone(),
    }
}

fn scope(resource_group: Option<&str>) -> String {
    match resource_group {
        Some(rg) => format!("资源组 {rg}"),
        None => "整个账号".to_owned(),
    }
}

fn chinese(s: &Step) -> Option<String> {
    use crate::api::Call as C;
    let grant = |who: String, policy: &str, rg: Option<&str>| {
        format!("为 {who} 授权 {policy}，范围：{}", scope(rg))
    };
    let revoke = |who: String, policy: &str, rg: Option<&str>| {
        format!("解除 {who} 的 {policy}（范围：{}）", scope(rg))
    };
    let user = |n: &str| format!("用户 {n}");
    let group = |n: &str| format!("用户组 {n}");
    let role = |n: &str| format!("角色 {n}");
    #[allow(unreachable_patterns)] // two reads, described above, are in `reads!` too
    Some(match &s.call {
        C::CreatePolicy(c) => format!("创建自定义策略 {}", c.policy_name),
        C::GetPasswordPolicy(_) => "读取账号的密码策略，使生成的密码符合要求".to_owned(),
        C::CreateUser(c) => format!("创建 RAM 用户 {}", c.user_name),
        C::CreateLoginProfile(c) => {
            let mut rules = String::new();
            if c.password_reset_required == Some(true) {
                rules.push_str("；首次登录须修改密码");
            }
            if c.mfa_bind_required == Some(true) {
                rules.push_str("；首次登录须绑定 MFA 设备");
            }
            format!(
                "为 {} 设置控制台密码（仅显示一次；已有密码则保留且不显示{rules}）",
                c.user_name
            )
        }
        C::CreateAccessKey(c) => format!(
            "为 {} 创建 AccessKey（Secret 仅显示一次）",
            c.user_name.as_deref().unwrap_or_default()
        ),
        C::CreateGroup(c) => format!("创建用户组 {}", c.group_name),
        C::AddUserToGroup(c) => format!("将 {} 加入 {}", c.user_name, c.group_name),
        C::CreateRole(c) => format!("创建角色 {}", c.role_name),
        C::AttachPolicyToUser(c) => grant(
            user(&c.user_name),
            &c.policy_name,
            c.resource_group_id.as_deref(),
        ),
        C::AttachPolicyToGroup(c) => grant(
            group(&c.group_name),
            &c.policy_name,
            c.resource_group_id.as_deref(),
        ),
        C::AttachPolicyToRole(c) => grant(
            role(&c.role_name),
            &c.policy_name,
            c.resource_group_id.as_deref(),
        ),
        C::AttachPolicy(c) => grant(
            c.principal_name.clone(),
            &c.policy_name,
            Some(&c.resource_group_id),
        ),
        C::DetachPolicyFromUser(c) => revoke(
            user(&c.user_name),
            &c.policy_name,
            c.resource_group_id.as_deref(),
        ),
        C::DetachPolicyFromGroup(c) => revoke(
            group(&c.group_name),
            &c.policy_name,
            c.resource_group_id.as_deref(),
        ),
        C::DetachPolicyFromRole(c) => revoke(
            role(&c.role_name),
            &c.policy_name,
            c.resource_group_id.as_deref(),
        ),
        C::DetachPolicy(c) => revoke(
            c.principal_name.clone(),
            &c.policy_name,
            Some(&c.resource_group_id),
        ),
        C::AssumeRole(c) => format!("扮演 {}（临时凭证仅显示一次）", c.role_arn),
        C::GetCallerIdentity(_) => "查询临时凭证所属的身份".to_owned(),
        C::RemoveUserFromGroup(c) => format!("将 {} 移出 {}", c.user_name, c.group_name),
        C::DeleteAccessKey(c) => format!(
            "删除 {} 的 AccessKey {}（不可撤销）",
            c.user_name.as_deref().unwrap_or_default(),
            c.user_access_key_id
        ),
        C::UpdateAccessKey(c) => format!(
            "{} {} 的 AccessKey {}",
            if c.status == "Active" {
                "启用"
            } else {
                "停用"
            },
            c.user_name.as_deref().unwrap_or_default(),
            c.user_access_key_id
        ),
        C::UnbindMFADevice(c) => format!("解绑 {} 的 MFA 设备（不可撤销）", c.user_name),
        C::UpdateLoginProfile(c) => format!(
            "{} {} 的控制台登录",
            if c.status == "Active" {
                "启用"
            } else {
                "禁用"
            },
            c.user_principal_name
        ),
        C::SetDefaultPolicyVersion(c) => {
            format!("将策略 {} 的默认版本设为 {}", c.policy_name, c.version_id)
        }
        C::DeletePolicyVersion(c) => {
            format!(
                "删除策略 {} 的版本 {}（不可撤销）",
                c.policy_name, c.version_id
            )
        }
        C::DeleteLoginProfile(c) => format!("删除 {} 的控制台密码", c.user_name),
        C::DeleteUser(c) => format!("删除用户 {}", c.user_name),
        C::DeleteGroup(c) => format!("删除用户组 {}", c.group_name),
        C::DeleteRole(c) => format!("删除角色 {}", c.role_name),
        C::DeletePolicy(c) => format!("删除策略 {}", c.policy_name),
        C::UpdateUser(c) => format!("修改用户 {}", c.user_name),
        C::UpdateRole(c) => format!("修改角色 {}", c.role_name),
        C::CreatePolicyVersion(c) => format!("为策略 {} 创建新版本", c.policy_name),
        crate::reads!() => return None,
    })
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;
    use crate::plan::intent::Intent;
    use crate::plan::runner::Runner;
    use crate::plan::{plan, Plan};

    fn every_example() -> Vec<Plan> {
        [
            include_str!("../../../../examples/intents/teammate-console.json"),
            include_str!("../../../../examples/intents/teammate-programmatic.json"),
            include_str!("../../../../examples/intents/team-group.json"),
            include_str!("../../../../examples/intents/share-with-account.json"),
            include_str!("../../../../examples/intents/verify-access.json"),
        ]
        .iter()
        .map(|t| plan(&serde_json::from_str::<Intent>(t).unwrap()).unwrap())
        .collect()
    }

    #[test]
    fn every_step_of_every_plan_and_its_rollback_has_a_chinese_summary() {
        for p in every_example() {
            // A run that "created" everything, so the rollback lists every undo step.
            let mut r = Runner::new(p.steps.clone());
            let mut undo = Vec::new();
            while let crate::plan::runner::Next::Send(o) = r.next() {
                let body = match o.request.action.as_str() {
                    "CreateAccessKey" => {
                        r#"{"AccessKey":{"AccessKeyId":"LTAI","AccessKeySecret":"s"}}"#
                    }
                    "AssumeRole" => {
                        r#"{"Credentials":{"AccessKeyId":"STS.x","AccessKeySecret":"s","SecurityToken":"t","Expiration":"2030-01-01T00:00:00Z"}}"#
                    }
                    _ => r#"{"RequestId":"r"}"#,
                };
                // A fresh account: the name checks find nothing.
                if o.purpose == crate::plan::runner::Purpose::Check {
                    r.feed(o.step, 404, r#"{"Code":"EntityNotExist.User"}"#);
                    continue;
                }
                r.feed(o.step, 200, body);
            }
            undo.extend(r.rollback());
            assert!(!undo.is_empty() || p.steps.iter().all(|s| s.creates.is_none()));
            for s in p.steps.iter().chain(&undo) {
                let zh = summary(s, Lang::Zh);
                assert!(
                    zh != s.summary && zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                    "{}: {zh}",
                    s.action()
                );
                assert_eq!(summary(s, Lang::En), s.summary);
            }
        }
    }
}
