//! Terraform for the alicloud provider: one provider alias per account (its
//! profile a variable), passwords as sensitive variables, AccessKey secrets
//! encrypted with a PGP key in the state and never in an output, policy
//! documents in Ramp's normalised form so plans show no perpetual diff.

use super::{accounts, logical_name, normalised};
use crate::plan::step::Step;
use crate::plan::Plan;

fn string(s: &str) -> String {
    serde_json::Value::String(s.replace("${", "$${").replace("%{", "%%{")).to_string()
}

fn heredoc(doc: &str) -> String {
    format!(
        "<<-EOT\n{}  EOT",
        normalised(doc)
            .lines()
            .map(|l| format!("    {l}\n"))
            .collect::<String>()
    )
}

fn provider(account: &str) -> String {
    format!("alicloud.account_{account}")
}

/// `alicloud_ram_group_membership` owns a group's whole member list, so all of a
/// group's `AddUserToGroup` steps become one resource, written at the first of them.
fn first_membership<'a>(plan: &'a [Step], step: &Step) -> Option<&'a Step> {
    plan.iter()
        .find(|s| s.action == "AddUserToGroup" && s.param("GroupName") == step.param("GroupName"))
}

fn members(plan: &[Step], group: &str) -> String {
    let users: Vec<String> = plan
        .iter()
        .filter(|s| s.action == "AddUserToGroup" && s.param("GroupName") == Some(group))
        .filter_map(|s| s.param("UserName").map(string))
        .collect();
    format!("[{}]", users.join(", "))
}

/// The resource type and its arguments for a step (`None`: not a resource, e.g. a read).
fn resource(step: &Step, plan: &[Step]) -> Option<(&'static str, Vec<(&'static str, String)>)> {
    let p = |k: &str| step.param(k).map(string);
    let mut args: Vec<(&'static str, String)> = Vec::new();
    let mut put = |name: &'static str, value: Option<String>| {
        if let Some(v) = value {
            args.push((name, v));
        }
    };
    let kind = match step.action.as_str() {
        "CreateUser" => {
            put("name", p("UserName"));
            put("display_name", p("DisplayName"));
            put("email", p("Email"));
            put("mobile", p("MobilePhone"));
            put("comments", p("Comments"));
            "alicloud_ram_user"
        }
        "CreateLoginProfile" => {
            let user = step.param("UserName").unwrap_or_default();
            put("user_name", p("UserName"));
            put(
                "password",
                Some(format!("var.password_{}", super::ident(&[user]))),
            );
            put(
                "password_reset_required",
                step.param("PasswordResetRequired").map(str::to_owned),
            );
            put(
                "mfa_bind_required",
                step.param("MFABindRequired").map(str::to_owned),
            );
            "alicloud_ram_login_profile"
        }
        "CreateAccessKey" => {
            put("user_name", p("UserName"));
            put("pgp_key", Some("var.pgp_key".into()));
            "alicloud_ram_access_key"
        }
        "CreateGroup" => {
            put("group_name", p("GroupName"));
            put("comments", p("Comments"));
            "alicloud_ram_group"
        }
        "AddUserToGroup" => {
            if first_membership(plan, step).map(|s| s.id) != Some(step.id) {
                return None;
            }
            put("group_name", p("GroupName"));
            put(
                "user_names",
                step.param("GroupName").map(|g| members(plan, g)),
            );
            "alicloud_ram_group_membership"
        }
        "CreateRole" => {
            put("role_name", p("RoleName"));
            put(
                "assume_role_policy_document",
                step.param("AssumeRolePolicyDocument").map(heredoc),
            );
            put("description", p("Description"));
            put(
                "max_session_duration",
                step.param("MaxSessionDuration").map(str::to_owned),
            );
            "alicloud_ram_role"
        }
        "CreatePolicy" => {
            put("policy_name", p("PolicyName"));
            put("policy_document", step.param("PolicyDocument").map(heredoc));
            put("description", p("Description"));
            "alicloud_ram_policy"
        }
        "AttachPolicyToUser" | "AttachPolicyToGroup" | "AttachPolicyToRole" => {
            put("policy_name", p("PolicyName"));
            put("policy_type", p("PolicyType"));
            put("user_name", p("UserName"));
            put("group_name", p("GroupName"));
            put("role_name", p("RoleName"));
            match step.action.as_str() {
                "AttachPolicyToUser" => "alicloud_ram_user_policy_attachment",
                "AttachPolicyToGroup" => "alicloud_ram_group_policy_attachment",
                _ => "alicloud_ram_role_policy_attachment",
            }
        }
        "AttachPolicy" => {
            put("policy_name", p("PolicyName"));
            put("policy_type", p("PolicyType"));
            put("principal_name", p("PrincipalName"));
            put("principal_type", p("PrincipalType"));
            put("resource_group_id", p("ResourceGroupId"));
            "alicloud_resource_manager_policy_attachment"
        }
        _ => return None,
    };
    Some((kind, args))
}

/// The Terraform configuration.
pub fn terraform(plan: &Plan) -> String {
    let mut out = String::new();
    out.push_str(
        "# Generated by Ramp. Credentials come from aliyun CLI profiles named by variables;\n",
    );
    out.push_str("# passwords are sensitive variables; nothing secret is an output.\n");
    out.push_str("terraform {\n  required_providers {\n    alicloud = {\n      source  = \"aliyun/alicloud\"\n      version = \">= 1.252.0\"\n    }\n  }\n}\n");
    for a in accounts(&plan.steps) {
        out.push_str(&format!(
            "\nvariable \"profile_{a}\" {{\n  description = \"aliyun CLI profile for account {a}\"\n  type        = string\n}}\n\nprovider \"alicloud\" {{\n  alias   = \"account_{a}\"\n  profile = var.profile_{a}\n}}\n"
        ));
    }
    for s in plan
        .steps
        .iter()
        .filter(|s| s.action == "CreateLoginProfile")
    {
        let user = s.param("UserName").unwrap_or_default();
        out.push_str(&format!(
            "\nvariable \"password_{}\" {{\n  description = \"Console password for {user} (must meet the account's password policy)\"\n  type        = string\n  sensitive   = true\n}}\n",
            super::ident(&[user])
        ));
    }
    if plan.steps.iter().any(|s| s.action == "CreateAccessKey") {
        out.push_str("\nvariable \"pgp_key\" {\n  description = \"PGP public key (base64, or keybase:name) that encrypts AccessKey secrets in the state\"\n  type        = string\n}\n");
    }
    for s in &plan.steps {
        let Some((kind, mut args)) = resource(s, &plan.steps) else {
            let why = if s.action == "AddUserToGroup" {
                "is part of the group's membership resource above"
            } else {
                "is a read or a call with no Terraform resource"
            };
            out.push_str(&format!(
                "\n# Step {} ({}) {why}: {}\n",
                s.id + 1,
                s.action,
                s.summary
            ));
            continue;
        };
        out.push_str(&format!(
            "\n# Step {}: {}\nresource \"{kind}\" \"{}\" {{\n",
            s.id + 1,
            s.summary,
            logical_name(s)
        ));
        args.insert(0, ("provider", provider(&s.account)));
        let width = args.iter().map(|(k, _)| k.len()).max().unwrap_or(0);
        for (k, v) in &args {
            out.push_str(&format!("  {k:<width$} = {v}\n"));
        }
        let deps: Vec<String> = s
            .depends_on
            .iter()
            .filter_map(|d| plan.steps.get(*d))
            .filter_map(|d| {
                resource(d, &plan.steps).map(|(kind, _)| format!("{kind}.{}", logical_name(d)))
            })
            .collect();
        if !deps.is_empty() {
            out.push_str(&format!("  depends_on = [{}]\n", deps.join(", ")));
        }
        out.push_str("}\n");
    }
    out
}
