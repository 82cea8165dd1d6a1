//! A step's summary in the user's language. Plans carry an English summary;
//! this says the same in Simplified Chinese from the step's action and
//! parameters, for every action a plan or a rollback uses.

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

fn chinese(s: &Step) -> Option<String> {
    let p = |k: &str| s.param(k).unwrap_or_default();
    let principal = || {
        if !p("UserName").is_empty() {
            format!("用户 {}", p("UserName"))
        } else if !p("GroupName").is_empty() {
            format!("用户组 {}", p("GroupName"))
        } else if !p("RoleName").is_empty() {
            format!("角色 {}", p("RoleName"))
        } else {
            p("PrincipalName").to_owned()
        }
    };
    let scope = || match s.param("ResourceGroupId") {
        Some(rg) => format!("资源组 {rg}"),
        None => "整个账号".to_owned(),
    };
    Some(match s.action.as_str() {
        "CreatePolicy" => format!("创建自定义策略 {}", p("PolicyName")),
        "GetPasswordPolicy" => "读取账号的密码策略，使生成的密码符合要求".to_owned(),
        "CreateUser" => format!("创建 RAM 用户 {}", p("UserName")),
        "CreateLoginProfile" => {
            let mut rules = String::new();
            if p("PasswordResetRequired") == "true" {
                rules.push_str("；首次登录须修改密码");
            }
            if p("MFABindRequired") == "true" {
                rules.push_str("；首次登录须绑定 MFA 设备");
            }
            format!(
                "为 {} 设置控制台密码（仅显示一次；已有密码则保留且不显示{rules}）",
                p("UserName")
            )
        }
        "CreateAccessKey" => format!("为 {} 创建 AccessKey（Secret 仅显示一次）", p("UserName")),
        "CreateGroup" => format!("创建用户组 {}", p("GroupName")),
        "AddUserToGroup" => format!("将 {} 加入 {}", p("UserName"), p("GroupName")),
        "CreateRole" => format!("创建角色 {}", p("RoleName")),
        "AttachPolicyToUser" | "AttachPolicyToGroup" | "AttachPolicyToRole" | "AttachPolicy" => {
            format!(
                "为 {} 授权 {}，范围：{}",
                principal(),
                p("PolicyName"),
                scope()
            )
        }
        "DetachPolicyFromUser"
        | "DetachPolicyFromGroup"
        | "DetachPolicyFromRole"
        | "DetachPolicy" => format!(
            "解除 {} 的 {}（范围：{}）",
            principal(),
            p("PolicyName"),
            scope()
        ),
        "AssumeRole" => format!("扮演 {}（临时凭证仅显示一次）", p("RoleArn")),
        "GetCallerIdentity" => "查询临时凭证所属的身份".to_owned(),
        "RemoveUserFromGroup" => format!("将 {} 移出 {}", p("UserName"), p("GroupName")),
        "DeleteAccessKey" => format!("删除本次为 {} 创建的 AccessKey", p("UserName")),
        "DeleteLoginProfile" => format!("删除 {} 的控制台密码", p("UserName")),
        "DeleteUser" => format!("删除用户 {}", p("UserName")),
        "DeleteGroup" => format!("删除用户组 {}", p("GroupName")),
        "DeleteRole" => format!("删除角色 {}", p("RoleName")),
        "DeletePolicy" => format!("删除策略 {}", p("PolicyName")),
        _ => return None,
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
                    s.action
                );
                assert_eq!(summary(s, Lang::En), s.summary);
            }
        }
    }
}
