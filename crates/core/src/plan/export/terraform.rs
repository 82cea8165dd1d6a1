//! Terraform for the alicloud provider: one provider alias per account (its
//! profile a variable), passwords as sensitive variables, AccessKey secrets
//! encrypted with a PGP key in the state and never in an output, policy
//! documents in Ramp's normalised form so plans show no perpetual diff.

use super::{accounts, logical_name, normalised};
use crate::api::Call;
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

/// The resource type and its arguments for a step (`None`: not a resource, e.g. a read).
fn resource(step: &Step, plan: &[Step]) -> Option<(&'static str, Vec<(&'static str, String)>)> {
    let mut args: Vec<(&'static str, String)> = Vec::new();
    let mut put = |name: &'static str, value: Option<String>| {
        if let Some(v) = value {
            args.push((name, v));
        }
    };
    let text = |v: &Option<String>| v.as_deref().map(string);
    let kind = match &step.call {
        Call::CreateUser(c) => {
            put("name", Some(string(&c.user_name)));
            put("display_name", text(&c.display_name));
            put("email", text(&c.email));
            put("mobile", text(&c.mobile_phone));
            put("comments", text(&c.comments));
            "alicloud_ram_user"
        }
        Call::CreateLoginProfile(c) => {
            put("user_name", Some(string(&c.user_name)));
            put(
                "password",
                Some(format!("var.password_{}", super::ident(&[&c.user_name]))),
            );
            put(
                "password_reset_required",
                c.password_reset_required.map(|b| b.to_string()),
            );
            put(
                "mfa_bind_required",
                c.mfa_bind_required.map(|b| b.to_string()),
            );
            "alicloud_ram_login_profile"
        }
        Call::CreateAccessKey(c) => {
            put("user_name", text(&c.user_name));
            put("pgp_key", Some("var.pgp_key".into()));
            "alicloud_ram_access_key"
        }
        Call::CreateGroup(c) => {
            put("group_name", Some(string(&c.group_name)));
            put("comments", text(&c.comments));
            "alicloud_ram_group"
        }
        Call::AddUserToGroup(c) => {
            let users: Vec<String> = super::group_members(plan, step, &c.group_name)?
                .into_iter()
                .map(string)
                .collect();
            put("group_name", Some(string(&c.group_name)));
            put("user_names", Some(format!("[{}]", users.join(", "))));
            "alicloud_ram_group_membership"
        }
        Call::CreateRole(c) => {
            put("role_name", Some(string(&c.role_name)));
            put(
                "assume_role_policy_document",
                Some(heredoc(&c.assume_role_policy_document)),
            );
            put("description", text(&c.description));
            put(
                "max_session_duration",
                c.max_session_duration.map(|n| n.to_string()),
            );
            "alicloud_ram_role"
        }
        Call::CreatePolicy(c) => {
            put("policy_name", Some(string(&c.policy_name)));
            put("policy_document", Some(heredoc(&c.policy_document)));
            put("description", text(&c.description));
            "alicloud_ram_policy"
        }
        Call::AttachPolicyToUser(c) => {
            put("policy_name", Some(string(&c.policy_name)));
            put("policy_type", Some(string(&c.policy_type)));
            put("user_name", Some(string(&c.user_name)));
            "alicloud_ram_user_policy_attachment"
        }
        Call::AttachPolicyToGroup(c) => {
            put("policy_name", Some(string(&c.policy_name)));
            put("policy_type", Some(string(&c.policy_type)));
            put("group_name", Some(string(&c.group_name)));
            "alicloud_ram_group_policy_attachment"
        }
        Call::AttachPolicyToRole(c) => {
            put("policy_name", Some(string(&c.policy_name)));
            put("policy_type", Some(string(&c.policy_type)));
            put("role_name", Some(string(&c.role_name)));
            "alicloud_ram_role_policy_attachment"
        }
        Call::AttachPolicy(c) => {
            put("policy_name", Some(string(&c.policy_name)));
            put("policy_type", Some(string(&c.policy_type)));
            put("principal_name", Some(string(&c.principal_name)));
            put("principal_type", Some(string(&c.principal_type)));
            put("resource_group_id", Some(string(&c.resource_group_id)));
            "alicloud_resource_manager_policy_attachment"
        }
        // A configuration declares what should exist.
        crate::changes!() | crate::reads!() => return None,
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
    for user in super::passwords(&plan.steps) {
        out.push_str(&format!(
            "\nvariable \"password_{}\" {{\n  description = \"Console password for {user} (must meet the account's password policy)\"\n  type        = string\n  sensitive   = true\n}}\n",
            super::ident(&[user])
        ));
    }
    if plan
        .steps
        .iter()
        .any(|s| matches!(s.call, Call::CreateAccessKey(_)))
    {
        out.push_str("\nvariable \"pgp_key\" {\n  description = \"PGP public key (base64, or keybase:name) that encrypts AccessKey secrets in the state\"\n  type        = string\n}\n");
    }
    for s in &plan.steps {
        let Some((kind, mut args)) = resource(s, &plan.steps) else {
            let why = if matches!(s.call, Call::AddUserToGroup(_)) {
                "is part of the group's membership resource above"
            } else {
                "is a read or a call with no Terraform resource"
            };
            out.push_str(&format!(
                "\n# Step {} ({}) {why}: {}\n",
                s.id + 1,
                s.action(),
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
