//! What a survey read from an account: its users, groups, roles, policies,
//! attachments at every scope, keys, console logins, MFA devices, resource
//! groups and password policy — plain data, written and read as JSON so a
//! snapshot can be saved, compared and audited again offline. Times are
//! the services' `YYYY-MM-DDThh:mm:ssZ` texts.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// One account, as read.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct Account {
    /// The account ID (the caller's, from `GetCallerIdentity`).
    pub id: String,
    /// Who read it (the caller's ARN).
    #[serde(default)]
    pub read_by: String,
    /// `<alias>.onaliyun.com`, which Resource Manager names principals with.
    #[serde(default)]
    pub domain: String,
    /// RAM users by name.
    #[serde(default)]
    pub users: BTreeMap<String, User>,
    /// User groups by name.
    #[serde(default)]
    pub groups: BTreeMap<String, Group>,
    /// RAM roles by name.
    #[serde(default)]
    pub roles: BTreeMap<String, Role>,
    /// Policies read: every custom policy, and each system policy attached
    /// somewhere.
    #[serde(default)]
    pub policies: Vec<PolicyDocument>,
    /// Every policy attachment, at account and resource-group scope.
    #[serde(default)]
    pub attachments: Vec<Attachment>,
    /// Resource groups: ID → name.
    #[serde(default)]
    pub resource_groups: BTreeMap<String, String>,
    /// The password policy, when it could be read.
    #[serde(default)]
    pub password_policy: Option<PasswordRules>,
    /// What could not be read, and why: an audit with gaps is incomplete.
    #[serde(default)]
    pub gaps: Vec<Gap>,
}

/// A RAM user.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct User {
    /// The user's ID.
    #[serde(default)]
    pub id: String,
    /// Display name.
    #[serde(default)]
    pub display_name: Option<String>,
    /// When it was created.
    #[serde(default)]
    pub created: Option<String>,
    /// Its last console logon.
    #[serde(default)]
    pub last_login: Option<String>,
    /// Console access, when it has a password.
    #[serde(default)]
    pub console: Option<Console>,
    /// Its AccessKeys (never a secret).
    #[serde(default)]
    pub keys: Vec<Key>,
    /// The serial number of the virtual MFA device bound to it.
    #[serde(default)]
    pub mfa_device: Option<String>,
}

/// A user's console login profile.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct Console {
    /// Must change the password at the next logon.
    pub password_reset_required: bool,
    /// Must bind an MFA device at the next logon.
    pub mfa_bind_required: bool,
}

/// An AccessKey (its ID; the secret is never readable).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct Key {
    /// `LTAI…`.
    pub id: String,
    /// `Active` or `Inactive`.
    pub status: String,
    /// When it was created.
    #[serde(default)]
    pub created: Option<String>,
    /// When it was last used (`None`: never, or not readable — see the gaps).
    #[serde(default)]
    pub last_used: Option<String>,
}

/// A user group and its members.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct Group {
    /// Comments.
    #[serde(default)]
    pub comments: Option<String>,
    /// Member user names.
    #[serde(default)]
    pub members: Vec<String>,
}

/// A RAM role and who may assume it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct Role {
    /// `acs:ram::<account>:role/<name>`.
    #[serde(default)]
    pub arn: String,
    /// The trust policy document.
    #[serde(default)]
    pub trust_policy: String,
    /// Longest session, in seconds.
    #[serde(default)]
    pub max_session_duration: Option<u32>,
    /// A service-linked role (its trust policy belongs to the service).
    #[serde(default)]
    pub service_linked: bool,
}

/// `System` or `Custom`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum PolicyType {
    /// Alibaba Cloud's own.
    System,
    /// The account's.
    Custom,
}

impl PolicyType {
    /// `System` or `Custom`, as the APIs write it.
    pub fn as_str(self) -> &'static str {
        match self {
            PolicyType::System => "System",
            PolicyType::Custom => "Custom",
        }
    }

    /// Reads the APIs' `System` or `Custom`.
    pub fn parse(s: &str) -> Option<PolicyType> {
        match s {
            "System" => Some(PolicyType::System),
            "Custom" => Some(PolicyType::Custom),
            _ => None,
        }
    }
}

/// A policy's default version, as the service answered it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct PolicyDocument {
    /// The name.
    pub name: String,
    /// System or custom.
    #[serde(rename = "type")]
    pub policy_type: PolicyType,
    /// `v1`, `v2`…
    #[serde(default)]
    pub version: String,
    /// The document (`None` when it could not be read).
    #[serde(default)]
    pub document: Option<String>,
    /// For a system policy: the service's document differs from the one in
    /// Ramp's catalogue (the service's is used).
    #[serde(default)]
    pub differs_from_catalogue: bool,
}

/// Whom a policy is attached to.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", tag = "type", content = "name")]
pub enum Principal {
    /// A RAM user.
    User(String),
    /// A user group.
    Group(String),
    /// A RAM role.
    Role(String),
}

impl Principal {
    /// `user`, `group` or `role`.
    pub fn kind(&self) -> &'static str {
        match self {
            Principal::User(_) => "user",
            Principal::Group(_) => "group",
            Principal::Role(_) => "role",
        }
    }

    /// The name.
    pub fn name(&self) -> &str {
        match self {
            Principal::User(n) | Principal::Group(n) | Principal::Role(n) => n,
        }
    }

    /// Its ARN in `account`.
    pub fn arn(&self, account: &str) -> String {
        match self {
            Principal::User(n) => format!("acs:ram::{account}:user/{n}"),
            Principal::Group(n) => format!("acs:ram::{account}:group/{n}"),
            Principal::Role(n) => format!("acs:ram::{account}:role/{n}"),
        }
    }
}

/// A policy attached to a principal at a scope.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct Attachment {
    /// The policy.
    pub policy: String,
    /// System or custom.
    pub policy_type: PolicyType,
    /// Whom.
    pub principal: Principal,
    /// `None`: the whole account; `Some(rg-…)`: that resource group.
    #[serde(default)]
    pub resource_group: Option<String>,
    /// When.
    #[serde(default)]
    pub attached: Option<String>,
}

/// The account's password rules (what the findings need of them).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct PasswordRules {
    /// At least this many characters.
    pub minimum_length: u32,
    /// Days a password lasts (0: forever).
    pub max_age_days: u32,
}

/// A read that failed: which call, the service's code, and the permission
/// that would let it succeed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct Gap {
    /// `ListUsers`, `GetRole` …
    pub action: String,
    /// What it was reading (`user alice`), empty for the account as a whole.
    #[serde(default)]
    pub subject: String,
    /// The service's error code (`NoPermission`) or the transport's.
    pub code: String,
    /// The service's message.
    pub message: String,
    /// The action a read-only auditor needs (`ram:ListUsers`).
    pub needs: String,
}

impl Account {
    /// The document of a policy read from the service, if any.
    pub fn document(&self, policy_type: PolicyType, name: &str) -> Option<&PolicyDocument> {
        self.policies
            .iter()
            .find(|p| p.policy_type == policy_type && p.name == name)
    }
}
