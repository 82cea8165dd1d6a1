//! A plan, written for other tools — deterministically: the same plan gives
//! the same bytes. No export ever holds a password, an AccessKey secret or an
//! STS token: passwords are parameters the tool asks for, credentials are
//! profiles the user names.

mod cli;
mod profile;
mod ros;
pub mod temporary;
mod terraform;

pub use cli::aliyun_cli;
pub use profile::{profile, Profile};
pub use ros::ros_template;
pub use terraform::terraform;

use super::step::Step;
use crate::policy::{normalize, parse_policy, print};

/// The formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// A bash script of `aliyun` calls.
    Cli,
    /// Terraform (alicloud provider).
    Terraform,
    /// An ROS template (YAML).
    Ros,
    /// The plan itself.
    Json,
    /// The accessing side's aliyun CLI profile and environment variables.
    Profile,
}

impl Format {
    /// Reads `cli`, `terraform`, `ros`, `json`, `profile`.
    pub fn parse(s: &str) -> Option<Format> {
        Some(match s {
            "cli" => Format::Cli,
            "terraform" | "tf" => Format::Terraform,
            "ros" => Format::Ros,
            "json" => Format::Json,
            "profile" => Format::Profile,
            _ => return None,
        })
    }
}

/// Writes `plan` in `format`.
pub fn export(plan: &super::Plan, format: Format) -> Result<String, String> {
    Ok(match format {
        Format::Cli => aliyun_cli(plan),
        Format::Terraform => terraform(plan),
        Format::Ros => ros_template(plan),
        Format::Json => plan.to_json(),
        Format::Profile => profile(plan)?.render(),
    })
}

/// The accounts a plan runs in, in order of first appearance.
fn accounts(steps: &[Step]) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    for s in steps {
        if !out.contains(&s.account.as_str()) {
            out.push(&s.account);
        }
    }
    out
}

/// A policy document in Ramp's normalised form (sorted, deduplicated, lists
/// everywhere), so tools that compare documents see no difference.
fn normalised(document: &str) -> String {
    match parse_policy(document) {
        Ok(p) => print(&normalize(&p.policy)),
        Err(_) => document.to_owned(),
    }
}

/// A name usable as an identifier: letters, digits and `_`.
fn ident(parts: &[&str]) -> String {
    let joined = parts.join("_");
    let mut out: String = joined
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect();
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, 'r');
    }
    out
}

/// Terraform's group membership and ROS's user-to-group addition each own a
/// group's whole member list: all of a group's `AddUserToGroup` steps become
/// one resource, written at the first of them. For that first step, the
/// group's members in plan order; `None` for the others.
fn group_members<'a>(plan: &'a [Step], step: &Step) -> Option<Vec<&'a str>> {
    let group = step.param("GroupName");
    let adds: Vec<&Step> = plan
        .iter()
        .filter(|s| s.action == "AddUserToGroup" && s.param("GroupName") == group)
        .collect();
    (adds.first().map(|s| s.id) == Some(step.id))
        .then(|| adds.iter().filter_map(|s| s.param("UserName")).collect())
}

/// What a step makes, as a short stable name: `user alice` → `user_alice`.
fn logical_name(step: &Step) -> String {
    let p = |k: &str| step.param(k).unwrap_or_default();
    match step.action.as_str() {
        "CreateUser" => ident(&["user", p("UserName")]),
        "CreateLoginProfile" => ident(&["login", p("UserName")]),
        "CreateAccessKey" => ident(&["key", p("UserName")]),
        "CreateGroup" => ident(&["group", p("GroupName")]),
        "AddUserToGroup" => ident(&["members", p("GroupName")]),
        "CreateRole" => ident(&["role", p("RoleName")]),
        "CreatePolicy" => ident(&["policy", p("PolicyName")]),
        "AttachPolicyToUser" => ident(&["attach", p("UserName"), p("PolicyName")]),
        "AttachPolicyToGroup" => ident(&["attach", p("GroupName"), p("PolicyName")]),
        "AttachPolicyToRole" => ident(&["attach", p("RoleName"), p("PolicyName")]),
        "AttachPolicy" => ident(&[
            "rg_attach",
            p("ResourceGroupId"),
            p("PrincipalName").split('@').next().unwrap_or_default(),
            p("PolicyName"),
        ]),
        other => ident(&["step", &step.id.to_string(), other]),
    }
}
