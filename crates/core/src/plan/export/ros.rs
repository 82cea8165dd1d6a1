//! ROS templates (YAML): one per account (a stack runs in one account),
//! separated by `---`. Passwords are `NoEcho` parameters; no output carries a
//! secret. Strings are written as JSON strings and policy documents as JSON
//! flow mappings, both valid YAML.

use super::{accounts, logical_name, normalised};
use crate::plan::step::Step;
use crate::plan::Plan;

fn q(s: &str) -> String {
    serde_json::Value::String(s.to_owned()).to_string()
}

fn pascal(name: &str) -> String {
    name.split('_')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let mut c = p.chars();
            c.next()
                .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                .unwrap_or_default()
        })
        .collect()
}

fn document(doc: &str) -> String {
    let value: serde_json::Value =
        serde_json::from_str(&normalised(doc)).unwrap_or(serde_json::Value::Null);
    value.to_string()
}

/// A user's console login, as the `LoginProfile` property of `ALIYUN::RAM::User`.
fn login_profile(plan: &[Step], user: &str) -> Option<String> {
    let s = plan
        .iter()
        .find(|s| s.action == "CreateLoginProfile" && s.param("UserName") == Some(user))?;
    let mut parts = vec![format!(
        "\"Password\": {{\"Ref\": {}}}",
        q(&format!("Password{}", pascal(&super::ident(&[user]))))
    )];
    for k in ["PasswordResetRequired", "MFABindRequired"] {
        if let Some(v) = s.param(k) {
            parts.push(format!("{}: {v}", q(k)));
        }
    }
    Some(format!("{{{}}}", parts.join(", ")))
}

/// The step whose resource stands for `step` (a login profile is part of its user).
fn owner<'a>(plan: &'a [Step], step: &'a Step) -> &'a Step {
    if step.action == "CreateLoginProfile" {
        if let Some(user) = plan
            .iter()
            .find(|s| s.action == "CreateUser" && s.param("UserName") == step.param("UserName"))
        {
            return user;
        }
    }
    step
}

/// Type and properties of a step's resource.
fn resource(step: &Step, plan: &[Step]) -> Option<(&'static str, Vec<(&'static str, String)>)> {
    let p = |k: &str| step.param(k).map(q);
    let b = |k: &str| step.param(k).map(str::to_owned);
    let mut props: Vec<(&'static str, String)> = Vec::new();
    let mut put = |k: &'static str, v: Option<String>| {
        if let Some(v) = v {
            props.push((k, v));
        }
    };
    let kind = match step.action.as_str() {
        "CreateUser" => {
            put("UserName", p("UserName"));
            put("DisplayName", p("DisplayName"));
            put("Email", p("Email"));
            put("MobilePhone", p("MobilePhone"));
            put("Comments", p("Comments"));
            put(
                "LoginProfile",
                step.param("UserName").and_then(|u| login_profile(plan, u)),
            );
            "ALIYUN::RAM::User"
        }
        "CreateAccessKey" => {
            put("UserName", p("UserName"));
            "ALIYUN::RAM::AccessKey"
        }
        "CreateGroup" => {
            put("GroupName", p("GroupName"));
            put("Comments", p("Comments"));
            "ALIYUN::RAM::Group"
        }
        "AddUserToGroup" => {
            let users: Vec<String> = super::group_members(plan, step)?
                .into_iter()
                .map(q)
                .collect();
            put("GroupName", p("GroupName"));
            put("Users", Some(format!("[{}]", users.join(", "))));
            "ALIYUN::RAM::UserToGroupAddition"
        }
        "CreateRole" => {
            put("RoleName", p("RoleName"));
            put(
                "AssumeRolePolicyDocument",
                step.param("AssumeRolePolicyDocument").map(document),
            );
            put("Description", p("Description"));
            put("MaxSessionDuration", b("MaxSessionDuration"));
            "ALIYUN::RAM::Role"
        }
        "CreatePolicy" => {
            put("PolicyName", p("PolicyName"));
            put("PolicyDocument", step.param("PolicyDocument").map(document));
            put("Description", p("Description"));
            "ALIYUN::RAM::ManagedPolicy"
        }
        "AttachPolicyToUser" | "AttachPolicyToGroup" | "AttachPolicyToRole" => {
            put("PolicyType", p("PolicyType"));
            put("PolicyName", p("PolicyName"));
            put("UserName", p("UserName"));
            put("GroupName", p("GroupName"));
            put("RoleName", p("RoleName"));
            match step.action.as_str() {
                "AttachPolicyToUser" => "ALIYUN::RAM::AttachPolicyToUser",
                "AttachPolicyToGroup" => "ALIYUN::RAM::AttachPolicyToGroup",
                _ => "ALIYUN::RAM::AttachPolicyToRole",
            }
        }
        "AttachPolicy" => {
            put("PolicyName", p("PolicyName"));
            put("PolicyType", p("PolicyType"));
            put("PrincipalName", p("PrincipalName"));
            put("PrincipalType", p("PrincipalType"));
            put("ResourceGroupId", p("ResourceGroupId"));
            "ALIYUN::ResourceManager::PolicyAttachment"
        }
        _ => return None,
    };
    Some((kind, props))
}

/// The templates.
pub fn ros_template(plan: &Plan) -> String {
    let mut docs = Vec::new();
    for account in accounts(&plan.steps) {
        let steps: Vec<&Step> = plan.steps.iter().filter(|s| s.account == account).collect();
        let mut out = String::new();
        out.push_str(&format!("# Generated by Ramp: the stack for account {account}. Passwords are NoEcho parameters;\n# no output carries a secret.\n"));
        out.push_str("ROSTemplateFormatVersion: \"2015-09-01\"\n");
        out.push_str(&format!(
            "Description: {}\n",
            q(&format!("Ramp plan, account {account}"))
        ));
        let passwords: Vec<&str> = steps
            .iter()
            .filter(|s| s.action == "CreateLoginProfile")
            .filter_map(|s| s.param("UserName"))
            .collect();
        if !passwords.is_empty() {
            out.push_str("Parameters:\n");
            for user in passwords {
                out.push_str(&format!(
                    "  Password{}:\n    Type: String\n    NoEcho: true\n    Description: {}\n",
                    pascal(&super::ident(&[user])),
                    q(&format!(
                        "Console password for {user} (must meet the account's password policy)"
                    ))
                ));
            }
        }
        if steps.iter().all(|s| resource(s, &plan.steps).is_none()) {
            out.push_str("Resources: {}\n");
        } else {
            out.push_str("Resources:\n");
        }
        for s in &steps {
            let Some((kind, props)) = resource(s, &plan.steps) else {
                let note = match s.action.as_str() {
                    "CreateLoginProfile" => "is the LoginProfile of its user",
                    "AddUserToGroup" => "is part of the group's UserToGroupAddition above",
                    _ => "has no ROS resource",
                };
                out.push_str(&format!(
                    "  # Step {} ({}) {note}: {}\n",
                    s.id + 1,
                    s.action,
                    s.summary
                ));
                continue;
            };
            out.push_str(&format!(
                "  # Step {}: {}\n  {}:\n    Type: {kind}\n",
                s.id + 1,
                s.summary,
                pascal(&logical_name(s))
            ));
            let deps: Vec<String> = s
                .depends_on
                .iter()
                .filter_map(|d| plan.steps.get(*d))
                .map(|d| owner(&plan.steps, d))
                .filter(|d| d.account == account && resource(d, &plan.steps).is_some())
                .map(|d| q(&pascal(&logical_name(d))))
                .collect();
            if !deps.is_empty() {
                out.push_str(&format!("    DependsOn: [{}]\n", deps.join(", ")));
            }
            out.push_str("    Properties:\n");
            for (k, v) in props {
                out.push_str(&format!("      {k}: {v}\n"));
            }
        }
        let users: Vec<&str> = steps
            .iter()
            .filter(|s| s.action == "CreateUser")
            .filter_map(|s| s.param("UserName"))
            .collect();
        if !users.is_empty() {
            out.push_str("Outputs:\n");
            for u in users {
                out.push_str(&format!(
                    "  {}:\n    Value: {}\n",
                    pascal(&super::ident(&["user", u])),
                    q(u)
                ));
            }
        }
        docs.push(out);
    }
    docs.join("---\n")
}
