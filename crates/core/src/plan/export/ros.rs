//! ROS templates (YAML): one per account (a stack runs in one account),
//! separated by `---`. Passwords are `NoEcho` parameters; no output carries a
//! secret. Strings are written as JSON strings and policy documents as JSON
//! flow mappings, both valid YAML.

use super::{accounts, logical_name, normalised};
use crate::api::Call;
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
    let login = plan.iter().find_map(|s| match &s.call {
        Call::CreateLoginProfile(c) if c.user_name == user => Some(c),
        _ => None,
    })?;
    let mut parts = vec![format!(
        "\"Password\": {{\"Ref\": {}}}",
        q(&format!("Password{}", pascal(&super::ident(&[user]))))
    )];
    for (k, v) in [
        ("PasswordResetRequired", login.password_reset_required),
        ("MFABindRequired", login.mfa_bind_required),
    ] {
        if let Some(v) = v {
            parts.push(format!("{}: {v}", q(k)));
        }
    }
    Some(format!("{{{}}}", parts.join(", ")))
}

/// The step whose resource stands for `step` (a login profile is part of its user).
fn owner<'a>(plan: &'a [Step], step: &'a Step) -> &'a Step {
    let Call::CreateLoginProfile(login) = &step.call else {
        return step;
    };
    plan.iter()
        .find(|s| matches!(&s.call, Call::CreateUser(c) if c.user_name == login.user_name))
        .unwrap_or(step)
}

/// Type and properties of a step's resource.
fn resource(step: &Step, plan: &[Step]) -> Option<(&'static str, Vec<(&'static str, String)>)> {
    let mut props: Vec<(&'static str, String)> = Vec::new();
    let mut put = |k: &'static str, v: Option<String>| {
        if let Some(v) = v {
            props.push((k, v));
        }
    };
    let text = |v: &Option<String>| v.as_deref().map(q);
    let kind = match &step.call {
        Call::CreateUser(c) => {
            put("UserName", Some(q(&c.user_name)));
            put("DisplayName", text(&c.display_name));
            put("Email", text(&c.email));
            put("MobilePhone", text(&c.mobile_phone));
            put("Comments", text(&c.comments));
            put("LoginProfile", login_profile(plan, &c.user_name));
            "ALIYUN::RAM::User"
        }
        Call::CreateAccessKey(c) => {
            put("UserName", text(&c.user_name));
            "ALIYUN::RAM::AccessKey"
        }
        Call::CreateGroup(c) => {
            put("GroupName", Some(q(&c.group_name)));
            put("Comments", text(&c.comments));
            "ALIYUN::RAM::Group"
        }
        Call::AddUserToGroup(c) => {
            let users: Vec<String> = super::group_members(plan, step, &c.group_name)?
                .into_iter()
                .map(q)
                .collect();
            put("GroupName", Some(q(&c.group_name)));
            put("Users", Some(format!("[{}]", users.join(", "))));
            "ALIYUN::RAM::UserToGroupAddition"
        }
        Call::CreateRole(c) => {
            put("RoleName", Some(q(&c.role_name)));
            put(
                "AssumeRolePolicyDocument",
                Some(document(&c.assume_role_policy_document)),
            );
            put("Description", text(&c.description));
            put(
                "MaxSessionDuration",
                c.max_session_duration.map(|n| n.to_string()),
            );
            "ALIYUN::RAM::Role"
        }
        Call::CreatePolicy(c) => {
            put("PolicyName", Some(q(&c.policy_name)));
            put("PolicyDocument", Some(document(&c.policy_document)));
            put("Description", text(&c.description));
            "ALIYUN::RAM::ManagedPolicy"
        }
        Call::AttachPolicyToUser(c) => {
            put("PolicyType", Some(q(&c.policy_type)));
            put("PolicyName", Some(q(&c.policy_name)));
            put("UserName", Some(q(&c.user_name)));
            "ALIYUN::RAM::AttachPolicyToUser"
        }
        Call::AttachPolicyToGroup(c) => {
            put("PolicyType", Some(q(&c.policy_type)));
            put("PolicyName", Some(q(&c.policy_name)));
            put("GroupName", Some(q(&c.group_name)));
            "ALIYUN::RAM::AttachPolicyToGroup"
        }
        Call::AttachPolicyToRole(c) => {
            put("PolicyType", Some(q(&c.policy_type)));
            put("PolicyName", Some(q(&c.policy_name)));
            put("RoleName", Some(q(&c.role_name)));
            "ALIYUN::RAM::AttachPolicyToRole"
        }
        Call::AttachPolicy(c) => {
            put("PolicyName", Some(q(&c.policy_name)));
            put("PolicyType", Some(q(&c.policy_type)));
            put("PrincipalName", Some(q(&c.principal_name)));
            put("PrincipalType", Some(q(&c.principal_type)));
            put("ResourceGroupId", Some(q(&c.resource_group_id)));
            "ALIYUN::ResourceManager::PolicyAttachment"
        }
        // The user's LoginProfile property (above).
        Call::CreateLoginProfile(_) => return None,
        // A configuration declares what should exist.
        crate::changes!() | crate::reads!() => return None,
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
        let passwords = super::passwords(steps.iter().copied());
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
                let note = match s.call {
                    Call::CreateLoginProfile(_) => "is the LoginProfile of its user",
                    Call::AddUserToGroup(_) => "is part of the group's UserToGroupAddition above",
                    _ => "has no ROS resource",
                };
                out.push_str(&format!(
                    "  # Step {} ({}) {note}: {}\n",
                    s.id + 1,
                    s.action(),
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
            .filter_map(|s| match &s.call {
                Call::CreateUser(c) => Some(c.user_name.as_str()),
                _ => None,
            })
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
