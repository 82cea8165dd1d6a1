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
use crate::api::Call;
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
fn group_members<'a>(plan: &'a [Step], step: &Step, group: &str) -> Option<Vec<&'a str>> {
    let adds: Vec<(usize, &str)> = plan
        .iter()
        .filter_map(|s| match &s.call {
            Call::AddUserToGroup(c) if c.group_name == group => Some((s.id, c.user_name.as_str())),
            _ => None,
        })
        .collect();
    (adds.first().map(|(id, _)| *id) == Some(step.id))
        .then(|| adds.iter().map(|(_, user)| *user).collect())
}

/// The console password steps of `steps`: each one's user.
fn passwords<'a>(steps: impl IntoIterator<Item = &'a Step>) -> Vec<&'a str> {
    steps
        .into_iter()
        .filter_map(|s| match &s.call {
            Call::CreateLoginProfile(c) => Some(c.user_name.as_str()),
            _ => None,
        })
        .collect()
}

/// What a step makes, as a short stable name: `user alice` → `user_alice`.
fn logical_name(step: &Step) -> String {
    let id = step.id.to_string();
    match &step.call {
        Call::CreateUser(c) => ident(&["user", &c.user_name]),
        Call::CreateLoginProfile(c) => ident(&["login", &c.user_name]),
        Call::CreateAccessKey(c) => ident(&["key", c.user_name.as_deref().unwrap_or_default()]),
        Call::CreateGroup(c) => ident(&["group", &c.group_name]),
        Call::AddUserToGroup(c) => ident(&["members", &c.group_name]),
        Call::CreateRole(c) => ident(&["role", &c.role_name]),
        Call::CreatePolicy(c) => ident(&["policy", &c.policy_name]),
        Call::AttachPolicyToUser(c) => ident(&["attach", &c.user_name, &c.policy_name]),
        Call::AttachPolicyToGroup(c) => ident(&["attach", &c.group_name, &c.policy_name]),
        Call::AttachPolicyToRole(c) => ident(&["attach", &c.role_name, &c.policy_name]),
        Call::AttachPolicy(c) => ident(&[
            "rg_attach",
            &c.resource_group_id,
            c.principal_name.split('@').next().unwrap_or_default(),
            &c.policy_name,
        ]),
        other => ident(&["step", &id, other.action()]),
    }
}
